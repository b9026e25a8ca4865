//! `guize segment` as text and JSON: the words of each line separated by spaces, the index terms
//! of each line with their word positions (`会议@3`), or every token with its byte offsets
//! ([`crate::render::wire::TokenJson`]). The segmenter cuts; this only lays the cuts out.

use crate::render::wire::{TokenJson, write_json};
use crate::segment::{Term, Token};
use std::io::{self, Write};

/// One line: the words of `tokens` separated by spaces, whitespace tokens left out.
pub fn write_words(out: &mut impl Write, tokens: &[Token]) -> io::Result<()> {
    let words: Vec<&str> = tokens
        .iter()
        .map(|t| t.text)
        .filter(|w| !w.trim().is_empty())
        .collect();
    writeln!(out, "{}", words.join(" "))
}

/// One line: the index terms `terms` found in `line`, each as `term@position`.
pub fn write_terms(out: &mut impl Write, line: &str, terms: &[Term]) -> io::Result<()> {
    let mut buf = String::new();
    let words: Vec<String> = terms
        .iter()
        .map(|t| {
            t.write_text(line, &mut buf);
            format!("{buf}@{}", t.position)
        })
        .collect();
    writeln!(out, "{}", words.join(" "))
}

/// `--json`: one array of the tokens of the whole text with their byte offsets, whitespace tokens
/// left out.
pub fn write_tokens_json(out: &mut impl Write, tokens: &[Token]) -> io::Result<()> {
    let tokens: Vec<TokenJson> = tokens
        .iter()
        .filter(|t| !t.text.trim().is_empty())
        .map(|t| TokenJson {
            token: t.text,
            start: t.start,
            end: t.end,
        })
        .collect();
    write_json(out, &tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    #[test]
    fn words_and_terms_are_one_line_each() {
        let seg = Segmenter::from_vocabulary([("区长", 10), ("办公会议", 10), ("会议", 10)]);
        let line = "区长 办公会议";
        let mut out = Vec::new();
        write_words(&mut out, &seg.tokens(line)).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "区长 办公会议\n");
        let mut terms = Vec::new();
        seg.search_terms(line, &mut terms);
        let mut out = Vec::new();
        write_terms(&mut out, line, &terms).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("区长@0 ") && text.contains("会议@"),
            "{text}"
        );
        let mut out = Vec::new();
        write_tokens_json(&mut out, &seg.tokens(line)).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v[1]["token"], "办公会议");
        assert_eq!(v[1]["start"], 7);
    }
}
