//! Snippets: the window of an article holding the most distinct query words, with the byte
//! ranges to highlight, in the article's text as written (１次, not the folded 1次). Pure.

use crate::text::chars::is_cjk_punct;
use crate::text::fold::Normed;
use serde::Serialize;
use std::ops::Range;

/// Snippet length in characters.
const SNIPPET_CHARS: usize = 90;
/// Characters of context kept before the first highlight of a snippet.
const SNIPPET_LEAD: usize = 12;

/// A piece of an article's text with the byte ranges to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The passage.
    pub text: String,
    /// Byte ranges of `text` to highlight, in order.
    pub highlights: Vec<Range<usize>>,
}

/// The window of `text` (an article's normalised text, what the needles are matched in) holding
/// the most (and longest) distinct needles, with their byte ranges, shown as `written` writes it
/// when `written` is the text `text` was normalised from (else as `text`).
pub(super) fn snippet(text: &str, written: &str, needles: &[String]) -> Snippet {
    let lower = text.to_ascii_lowercase();
    let mut found: Vec<(Range<usize>, usize)> = Vec::new(); // (range, needle index)
    for (i, n) in needles.iter().enumerate() {
        if n.is_empty() {
            continue;
        }
        found.extend(
            lower
                .match_indices(n.as_str())
                .map(|(s, m)| (s..s + m.len(), i)),
        );
    }
    found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let char_at = |byte: usize| bounds.partition_point(|&b| b < byte);
    let byte_at = |ch: usize| bounds[ch.min(bounds.len() - 1)];
    // Best window: starts a little before some match, scored by distinct needles' lengths.
    // Windows start in match order, so the first match inside moves forward only: each window
    // looks at its own matches, and a long article costs linear time, not matches squared.
    let mut best = (0usize, 0usize); // (score, start char)
    let mut first = 0;
    let mut seen = vec![false; needles.len()];
    for (r, _) in &found {
        let start = char_at(r.start).saturating_sub(SNIPPET_LEAD);
        let (start_byte, end_byte) = (byte_at(start), byte_at(start + SNIPPET_CHARS));
        while found.get(first).is_some_and(|(m, _)| m.start < start_byte) {
            first += 1;
        }
        seen.fill(false);
        let score: usize = found[first..]
            .iter()
            .take_while(|(m, _)| m.start < end_byte)
            .filter(|(m, _)| m.end <= end_byte)
            .filter_map(|(m, i)| (!std::mem::replace(&mut seen[*i], true)).then_some(m.len()))
            .sum();
        if score > best.0 {
            best = (score, start);
        }
    }
    let (start, end) = window_at_clause(text, best.1);
    let (a, b) = (byte_at(start), byte_at(end));
    // Normalised byte ranges to the text as written (the identity when `written` is not the
    // text `text` was made from, e.g. an index without it).
    let normed = Some(Normed::of(written)).filter(|n| !written.is_empty() && n.norm == text);
    let shown = if normed.is_some() { written } else { text };
    let at = |r: Range<usize>| match &normed {
        Some(n) => n.original(r),
        None => r,
    };
    let window = at(a..b);
    let (a, b) = (window.start, window.end);
    let prefix = if a > 0 { "…" } else { "" };
    let suffix = if b < shown.len() { "…" } else { "" };
    let mut out = Snippet {
        text: format!(
            "{prefix}{}{suffix}",
            shown.get(a..b).unwrap_or_default().trim_end()
        ),
        highlights: Vec::new(),
    };
    let shift = prefix.len();
    let end = out.text.len() - suffix.len();
    for (r, _) in found.iter() {
        let r = at(r.clone());
        if r.start < a || r.end > b {
            continue;
        }
        let r = r.start - a + shift..(r.end - a + shift).min(end);
        match out.highlights.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.highlights.push(r),
        }
    }
    out.text = out.text.replace('\n', " ");
    out
}

/// The characters `[start, end)` to show for a window found at char `start`: the whole text when
/// it fits in one snippet; otherwise the window moved back to the start of its clause (the text's
/// start or the character after a punctuation mark or blank) when one is at most `SNIPPET_LEAD`
/// characters before it, else on to the next clause start before the window's first needle
/// (at most `SNIPPET_LEAD` characters on), so that a snippet never opens inside a word
/// (…反本条例 of 违反本条例). The end stays where the window ends.
fn window_at_clause(text: &str, start: usize) -> (usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= SNIPPET_CHARS + SNIPPET_LEAD {
        return (0, chars.len());
    }
    let end = (start + SNIPPET_CHARS).min(chars.len());
    let opens_clause = |i: usize| {
        i == 0
            || chars
                .get(i - 1)
                .is_some_and(|&c| c.is_whitespace() || c.is_ascii_punctuation() || is_cjk_punct(c))
    };
    let back = (start.saturating_sub(SNIPPET_LEAD)..=start)
        .rev()
        .find(|&i| opens_clause(i));
    let start = match back {
        Some(i) => i,
        None => (start..=(start + SNIPPET_LEAD).min(end))
            .find(|&i| opens_clause(i))
            .unwrap_or(start),
    };
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_highlights_whole_characters() {
        let text = "区政府常务会议一般每两周召开1次，由区长召集和主持。";
        let s = snippet(text, text, &["常务会议".to_string(), "召开".to_string()]);
        assert_eq!(s.highlights.len(), 2);
        for r in &s.highlights {
            assert!(s.text.is_char_boundary(r.start) && s.text.is_char_boundary(r.end));
        }
        assert_eq!(&s.text[s.highlights[0].clone()], "常务会议");
    }

    #[test]
    fn snippets_show_the_text_as_written() {
        let written = "区政府常务会议一般每两周召开１次，讨论 2021－2025 年的规划。";
        let normed = crate::text::fold::norm(written);
        let s = snippet(
            &normed,
            written,
            &["召开1次".to_string(), "规划".to_string()],
        );
        assert_eq!(s.text, written);
        let marked: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(marked, ["召开１次", "规划"]);
        // Not the text the normalised one was made of: shown as it is.
        let s = snippet(&normed, "", &["规划".to_string()]);
        let shown = s.text.trim_start_matches('…').trim_end_matches('…');
        assert!(
            normed.contains(shown) && shown.contains("规划"),
            "{}",
            s.text
        );
    }

    #[test]
    fn snippets_open_at_a_clause_not_inside_a_word() {
        // A short article is shown whole.
        let text =
            "违反本条例第二十六条规定，骗取医疗临床用血相关费用的，由卫生健康主管部门责令退赔。";
        let s = snippet(text, text, &["骗取".to_string()]);
        assert_eq!(s.text, text);
        // A long one opens at the clause holding the needle, not a few characters before it.
        let long = format!(
            "{}。房屋使用人不得擅自改变房屋承重结构，{}。",
            "甲".repeat(200),
            "乙".repeat(200)
        );
        let s = snippet(&long, &long, &["承重结构".to_string()]);
        assert!(s.text.starts_with("…房屋使用人"), "{}", s.text);
        assert!(s.text.contains("承重结构"), "{}", s.text);
    }
}
