//! The query language: plain words, "quoted phrases" and -exclusions, the stop words dropped
//! from questions, the filter of documents and chapters, and the small word helpers (numbers
//! written both ways, chapter numbers). Pure: no index, no I/O.

use crate::segment;
use crate::text::fold::fold_str;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Words that carry no subject of their own in a question: particles, pronouns, question words
/// (the list is data: `stop-words.txt`, one word a line, compiled in).
const STOP_WORDS: &str = include_str!("stop-words.txt");

/// The stop words, read once from [`STOP_WORDS`].
fn stop_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        STOP_WORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// True for a word that is dropped from queries.
pub fn is_stop_word(word: &str) -> bool {
    stop_words().contains(word)
}

/// A query as the user wrote it: plain text, "quoted phrases" and -excluded words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Plain text, segmented into words at search time.
    pub text: Vec<String>,
    /// Phrases that must occur exactly (punctuation inside does not matter; spaces beside a Han
    /// character are dropped: "业主 大会" is 业主大会).
    pub phrases: Vec<String>,
    /// Words or phrases whose articles are left out.
    pub excluded: Vec<String>,
    /// A quote was opened and never closed (the rest of the query was read as one phrase).
    pub unclosed: bool,
}

/// Splits a query into plain text, "quoted phrases" (also “curly” quotes) and -excluded words.
/// Full-width letters and digits are folded to ASCII first.
pub fn parse_query(raw: &str) -> Query {
    let raw = fold_str(raw);
    let mut q = Query::default();
    let mut rest = raw.as_str();
    while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix(['"', '“', '”']) {
            let end = after.find(['"', '“', '”']).unwrap_or_else(|| {
                q.unclosed = true;
                after.len()
            });
            // Spaces beside a Han character mean nothing in Chinese text ("业主 大会" is the
            // phrase 业主大会): they go, as the index's normalised text has none.
            push_nonempty(&mut q.phrases, &crate::text::fold::norm(&after[..end]));
            rest = after.get(end..).map_or("", |r| {
                r.get(r.chars().next().map_or(0, char::len_utf8)..)
                    .unwrap_or("")
            });
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (chunk, tail) = rest.split_at(end);
        match chunk.strip_prefix('-') {
            Some(ex) if !ex.is_empty() => push_nonempty(&mut q.excluded, ex),
            _ => push_nonempty(&mut q.text, chunk),
        }
        rest = tail;
    }
    q
}

fn push_nonempty(list: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() {
        list.push(s.to_string());
    }
}

/// Which articles a search may return.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Documents by id, alias, district or title; empty means all.
    pub docs: Vec<String>,
    /// A chapter by number (8, 第8章, 第八章) or by part of its title (会议制度).
    pub chapter: Option<String>,
}

/// True when the text has at least one character the bigram field indexes.
pub(super) fn has_bigrams(text: &str) -> bool {
    let mut spans = Vec::new();
    segment::bigrams(text, &mut spans);
    !spans.is_empty()
}

/// The word with its leading number written the other way: 一次 → 1次, 3个工作日 → 三个工作日.
pub(super) fn numeral_variant(word: &str) -> Option<String> {
    let split = word
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || crate::text::numeral::is_chinese_numeral(c)))
        .map(|(i, _)| i)?;
    let (number, rest) = word.split_at(split);
    if number.is_empty() {
        return None;
    }
    if number.bytes().all(|b| b.is_ascii_digit()) {
        let n: u32 = number.parse().ok()?;
        return Some(format!("{}{rest}", crate::text::numeral::to_chinese(n)));
    }
    let n = crate::text::numeral::parse_number(&number.replace('两', "二"))?;
    Some(format!("{n}{rest}"))
}

/// `8`, `第8章`, `第八章` or `八` → 8.
pub(super) fn chapter_number(query: &str) -> Option<u32> {
    let core = query.trim_start_matches('第').trim_end_matches('章');
    crate::text::numeral::parse_number(core)
}

/// What a `--chapter` names, read from the folded query without blanks: a chapter's number, a
/// section's number (within that chapter, or in any), and words of a chapter's or section's
/// title (empty when it names none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DivisionAsked {
    /// A part (第二编) and a sub-part (第一分编), for codes that number chapters again in each.
    pub part: Option<u32>,
    pub sub_part: Option<u32>,
    pub chapter: Option<u32>,
    pub section: Option<u32>,
    pub title: String,
}

/// `8`, `第八章` → chapter 8; `第一节` → every section 1; `第二章第一节` → section 1 of chapter 2;
/// `第一节一般规定`, `第八章完善会议制度` → those numbers with words of the title; `第二编第三章`,
/// `第三编第一分编` → a part (and sub-part) first, in a code with parts; anything else → words of
/// a title.
pub(super) fn division_asked(query: &str) -> DivisionAsked {
    if let Some(n) = chapter_number(query) {
        return DivisionAsked {
            part: None,
            sub_part: None,
            chapter: Some(n),
            section: None,
            title: String::new(),
        };
    }
    let mut rest = query;
    let part = numbered_head(&mut rest, "编");
    let sub_part = numbered_head(&mut rest, "分编");
    let chapter = numbered_head(&mut rest, "章");
    let section = numbered_head(&mut rest, "节");
    DivisionAsked {
        part,
        sub_part,
        chapter,
        section,
        title: rest.to_string(),
    }
}

/// The number of a `第X<unit>` that `rest` opens with, `rest` moved past it; `None` (and `rest`
/// untouched) otherwise.
fn numbered_head(rest: &mut &str, unit: &str) -> Option<u32> {
    let body = rest.strip_prefix('第')?;
    let end = body.find(unit)?;
    let n = crate::text::numeral::parse_number(&body[..end])?;
    *rest = &body[end + unit.len()..];
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_syntax_splits_phrases_and_exclusions() {
        let q = parse_query(r#"常务会议 "每两周召开" -专题 “会议纪要”"#);
        assert_eq!(q.text, ["常务会议"]);
        assert_eq!(q.phrases, ["每两周召开", "会议纪要"]);
        assert_eq!(q.excluded, ["专题"]);
        let q = parse_query("１２３４５热线");
        assert_eq!(q.text, ["12345热线"]);
        // A space typed inside a run of Han characters does not break the phrase; one between
        // Latin words stays.
        let q = parse_query(r#""业主 大会" "每 两周　召开" "ISO 9001""#);
        assert_eq!(q.phrases, ["业主大会", "每两周召开", "ISO 9001"]);
    }

    #[test]
    fn numbers_in_words_are_written_both_ways() {
        assert_eq!(numeral_variant("一次").as_deref(), Some("1次"));
        assert_eq!(numeral_variant("两周").as_deref(), Some("2周"));
        assert_eq!(numeral_variant("3个工作日").as_deref(), Some("三个工作日"));
        assert_eq!(numeral_variant("会议"), None);
        assert_eq!(numeral_variant("三十"), None);
    }

    #[test]
    fn chapter_numbers_in_any_spelling() {
        assert_eq!(chapter_number("8"), Some(8));
        assert_eq!(chapter_number("第八章"), Some(8));
        assert_eq!(chapter_number("第十二章"), Some(12));
        assert_eq!(chapter_number("会议制度"), None);
    }

    #[test]
    fn sections_as_a_user_types_them() {
        let asked = |c: Option<u32>, s: Option<u32>, t: &str| DivisionAsked {
            part: None,
            sub_part: None,
            chapter: c,
            section: s,
            title: t.to_string(),
        };
        assert_eq!(division_asked("第八章"), asked(Some(8), None, ""));
        assert_eq!(division_asked("第一节"), asked(None, Some(1), ""));
        assert_eq!(division_asked("第二章第一节"), asked(Some(2), Some(1), ""));
        assert_eq!(division_asked("第3章第12节"), asked(Some(3), Some(12), ""));
        assert_eq!(
            division_asked("第一节一般规定"),
            asked(None, Some(1), "一般规定")
        );
        assert_eq!(
            division_asked("第八章完善会议制度"),
            asked(Some(8), None, "完善会议制度")
        );
        assert_eq!(division_asked("会议制度"), asked(None, None, "会议制度"));
        // A title that holds 章 or 节 is a title.
        assert_eq!(division_asked("规章制度"), asked(None, None, "规章制度"));
        assert_eq!(division_asked("第几节"), asked(None, None, "第几节"));
        // A code's part comes first, as it is cited.
        let in_part = |p: u32, sub: Option<u32>, c: Option<u32>, s: Option<u32>| DivisionAsked {
            part: Some(p),
            sub_part: sub,
            ..asked(c, s, "")
        };
        assert_eq!(
            division_asked("第二编第三章第五节"),
            in_part(2, None, Some(3), Some(5))
        );
        assert_eq!(division_asked("第二编"), in_part(2, None, None, None));
        assert_eq!(
            division_asked("第三编第一分编第二章"),
            in_part(3, Some(1), Some(2), None)
        );
        let sub_only = division_asked("第一分编");
        assert_eq!((sub_only.part, sub_only.sub_part), (None, Some(1)));
    }

    #[test]
    fn stop_words_come_from_the_data_file() {
        assert!(is_stop_word("的") && is_stop_word("什么样") && is_stop_word("多久"));
        assert!(!is_stop_word("会议") && !is_stop_word("#") && !is_stop_word(""));
        assert_eq!(stop_words().len(), 60);
    }
}
