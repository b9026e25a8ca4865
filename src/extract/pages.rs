//! Joins the pages of a paginated extraction (PDF, or text with form feeds) into one text, dropping
//! the running headers and footers that repeat at the top or bottom of most pages and the page
//! numbers there. Lines elsewhere on a page are never touched.

use std::collections::HashMap;

/// Lines looked at, from each end of a page, for running headers and footers.
const ZONE: usize = 3;

/// Joins `pages` with newlines, without their running lines: a line within `ZONE` non-blank lines
/// of a page's top or bottom whose shape (digits folded, spaces removed) recurs there on at least
/// half the pages (and at least 3), or that is a bare page number (`— 3 —`, `第3页 共12页`, `3/12`).
/// With fewer than 2 pages nothing is dropped: a header cannot be told from a title.
pub fn strip_running_lines<S: AsRef<str>>(pages: &[S]) -> String {
    let pages: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.as_ref().split('\n').collect())
        .collect();
    let zones: Vec<Vec<usize>> = pages.iter().map(|lines| zone(lines)).collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (lines, zone) in pages.iter().zip(&zones) {
        let mut keys: Vec<String> = zone.iter().map(|&i| shape(lines[i])).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let min = (pages.len().div_ceil(2)).max(3);
    let mut kept: Vec<&str> = Vec::new();
    for (lines, zone) in pages.iter().zip(&zones) {
        // Each running shape is dropped once per page, nearest the edge: a title printed as the
        // header of page 1 and again as its first line keeps the second.
        let mut dropped: Vec<String> = Vec::new();
        let mut drop = vec![false; lines.len()];
        for &i in zone {
            let key = shape(lines[i]);
            let running = is_page_number(lines[i]) || seen.get(&key).is_some_and(|&n| n >= min);
            if pages.len() >= 2 && running && !drop[i] && !dropped.contains(&key) {
                drop[i] = true;
                dropped.push(key);
            }
        }
        let page: Vec<&str> = lines
            .iter()
            .zip(&drop)
            .filter(|(_, d)| !**d)
            .map(|(l, _)| *l)
            .collect();
        // Blank lines at a page's edges are the page break, not a paragraph's end: a paragraph
        // that goes on over the page must read as one (the parser takes a blank line after a
        // sentence's end as the end of its paragraph).
        let (first, last) = (
            page.iter().position(|l| !l.trim().is_empty()),
            page.iter().rposition(|l| !l.trim().is_empty()),
        );
        if let (Some(first), Some(last)) = (first, last) {
            if pages.len() >= 2 {
                kept.extend(&page[first..=last]);
            } else {
                kept.extend(&page);
            }
        }
    }
    kept.join("\n")
}

/// Indexes of the first and last [`ZONE`] non-blank lines of a page, each end from the edge in.
fn zone(lines: &[&str]) -> Vec<usize> {
    let filled: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let mut z: Vec<usize> = filled.iter().take(ZONE).copied().collect();
    z.extend(filled.iter().rev().take(ZONE).copied());
    z
}

/// A line's shape: whitespace removed, each run of digits folded to one `#` (page numbers and
/// dates change from page to page, and page 10 has more digits than page 9).
fn shape(line: &str) -> String {
    let mut out = String::new();
    for c in line.chars().filter(|c| !c.is_whitespace()) {
        if !c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('#') {
            out.push('#');
        }
    }
    out
}

/// `3`, `- 3 -`, `— 3 —`, `第 3 页`, `第3页 共12页`, `3/12`, `Page 3 of 12`.
fn is_page_number(line: &str) -> bool {
    let s = shape(line);
    if !s.contains('#') {
        return false;
    }
    let rest: String = s
        .chars()
        .filter(|c| !matches!(c, '#' | '-' | '—' | '－' | '–' | '/' | '第' | '页' | '共'))
        .collect();
    rest.is_empty() || rest.eq_ignore_ascii_case("pageof") || rest.eq_ignore_ascii_case("page")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_headers_footers_and_page_numbers_of_most_pages() {
        let pages: Vec<String> = (1..=5usize)
            .map(|n| {
                let body = ["甲", "乙", "丙", "丁", "戊"][n - 1];
                format!(
                    "2022/4/6 15:27    周村区人民政府工作规则\n{body}段正文，\n{body}接着写完。\n\
                     https://www.zhoucun.gov.cn/art/1.html    {n}/5"
                )
            })
            .collect();
        let text = strip_running_lines(&pages);
        assert!(!text.contains("周村区人民政府工作规则"), "{text}");
        assert!(!text.contains("https"), "{text}");
        assert_eq!(text.matches("接着写完。").count(), 5, "{text}");
    }

    #[test]
    fn keeps_a_line_that_repeats_on_few_pages() {
        let bodies = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"];
        let mut pages: Vec<String> = (1..=8)
            .map(|n| format!("{}正文\n— {n} —", bodies[n - 1]))
            .collect();
        pages[2] = "第二章 会议制度\n正文\n— 3 —".to_string();
        pages[5] = "第二章 会议制度\n正文\n— 6 —".to_string();
        let text = strip_running_lines(&pages);
        assert_eq!(text.matches("第二章 会议制度").count(), 2, "{text}");
        assert!(!text.contains('—'), "{text}");
    }

    #[test]
    fn one_page_is_left_as_it_is() {
        assert_eq!(strip_running_lines(&["标题\n正文\n1"]), "标题\n正文\n1");
    }

    #[test]
    fn page_numbers_are_recognised_in_their_usual_forms() {
        for s in [
            "3",
            "- 12 -",
            "— 2 —",
            "第 3 页",
            "第3页 共12页",
            "3/12",
            "Page 3 of 12",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["第3条", "2022年", "三", ""] {
            assert!(!is_page_number(s), "{s}");
        }
    }
}
