//! Sentence boundaries, decided in one place: a sentence ends after 。！？；, an ASCII `;` or a
//! line break. Takes text, returns byte ranges into it; never panics.

use std::ops::Range;

/// True for a character that closes a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | '！' | '？' | ';' | '\n')
}

/// Byte ranges of the sentences of `text` in order, each with its closing mark; together they
/// cover the whole text (a stretch of whitespace between two marks is a range of its own, which
/// callers may skip).
pub fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_sentence_end(c) {
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
    }
}
