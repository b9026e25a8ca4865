//! Sentence boundaries, decided in one place: a sentence ends after 。！？；, an ASCII `;` or a
//! line break; a statement ends there or after a full-width colon too. Takes text, returns byte
//! ranges into it; never panics.

use std::ops::Range;

/// True for a character that closes a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | '！' | '？' | ';' | '\n')
}

/// True for a character that closes a statement: a sentence end or a full-width colon.
pub fn is_statement_end(c: char) -> bool {
    is_sentence_end(c) || c == '：'
}

/// Byte ranges of the sentences of `text` in order, each with its closing mark; together they
/// cover the whole text (a stretch of whitespace between two marks is a range of its own, which
/// callers may skip).
pub fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    spans(text, is_sentence_end)
}

/// The first sentence of `text` (the first of [`sentence_spans`], or `text` when it has none),
/// found without cutting the rest.
pub fn first_sentence(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(_, c)| is_sentence_end(c))
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    &text[..end]
}

/// Byte ranges of the statements of `text`, as [`sentence_spans`] but a colon closes one too. The
/// lead-in of a list (区政府常务会议的主要任务是：) is a statement of its own: it names what the
/// article is about before the matters it lists, which is what search ranking reads an article's
/// opening for. Figures and precedents keep whole sentences, where the colon's list belongs to
/// its lead-in.
pub fn statement_spans(text: &str) -> Vec<Range<usize>> {
    spans(text, is_statement_end)
}

fn spans(text: &str, is_end: fn(char) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_end(c) {
            let end = i + c.len_utf8();
            out.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_the_text_and_keep_their_marks() {
        let text = "会议每月召开。议题由区长确定；\n其他事项";
        let spans = sentence_spans(text);
        let pieces: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            pieces,
            ["会议每月召开。", "议题由区长确定；", "\n", "其他事项"]
        );
        assert!(sentence_spans("").is_empty());
        let text = "主要任务是：（一）研究；（二）讨论。";
        let pieces: Vec<&str> = statement_spans(text)
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(pieces, ["主要任务是：", "（一）研究；", "（二）讨论。"]);
        assert_eq!(sentence_spans(text).len(), 2);
    }
}
