//! Joins the pages of a paginated extraction (PDF, or text with form feeds) into one text, dropping
//! the running headers and footers that repeat at the top or bottom of most pages and the page
//! numbers there. Lines elsewhere on a page are never touched, and a repeated line at a page's
//! edge is dropped only when it looks like a header or footer, never like body text.

use std::collections::HashMap;

/// Lines looked at, from each end of a page, for running headers and footers.
const ZONE: usize = 3;

/// Joins `pages` with newlines, without their running lines. A line within `ZONE` non-blank lines
/// of a page's top or bottom is dropped when it is a bare page number (`— 3 —`, `第3页 共12页`,
/// `3/12`), or when its shape (digits folded, spaces removed) recurs there on at least half the
/// pages (and at least 3) and it looks like a header or footer rather than body text: it is
/// short (at most half as wide as the text's full lines: a title, a gazette's name and issue)
/// and not the end of a paragraph (closing a sentence, or going on from a full line above),
/// or it is set apart from the body by a blank line (alone or with other running lines between
/// it and the blank, as a two-line header), and only running lines lie between it and the
/// page's edge. A line of body text that happens to recur at the top of several pages (a wrapped
/// line of a repetitive provision) is as wide as the page and runs on into the next line, so it
/// stays. With fewer than 2 pages nothing is dropped: a header cannot be told from a title.
pub fn strip_running_lines<S: AsRef<str>>(pages: &[S]) -> String {
    let pages: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.as_ref().split('\n').collect())
        .collect();
    let zones: Vec<[Vec<usize>; 2]> = pages.iter().map(|lines| zone(lines)).collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (lines, zone) in pages.iter().zip(&zones) {
        let mut keys: Vec<String> = zone.iter().flatten().map(|&i| shape(lines[i])).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let min = (pages.len().div_ceil(2)).max(3);
    let full = full_width(&pages);
    let running =
        |line: &str| is_page_number(line) || seen.get(&shape(line)).is_some_and(|&n| n >= min);
    let mut kept: Vec<&str> = Vec::new();
    for (lines, zone) in pages.iter().zip(&zones) {
        // Each running shape is dropped once per page, nearest the edge: a title printed as the
        // header of page 1 and again as its first line keeps the second. From each edge inwards,
        // the first line that is not a running one ends the header (or footer).
        let mut dropped: Vec<String> = Vec::new();
        let mut drop = vec![false; lines.len()];
        for (edge, step) in zone.iter().zip([1, -1]) {
            for (n, &i) in edge.iter().enumerate() {
                let key = shape(lines[i]);
                let short = width(lines[i]) * 2 <= full && !is_tail(lines, i, step, full);
                let looks_running = is_page_number(lines[i])
                    || (running(lines[i]) && (short || set_apart(lines, edge, n, step, &running)));
                if pages.len() < 2 || !looks_running || drop[i] || dropped.contains(&key) {
                    break;
                }
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

/// Whether a blank line lies between the `n`th line of `edge` (a page's non-blank lines from
/// one edge inwards, `step` 1 from the top, -1 from the bottom) and the page's body, with only
/// lines that `running` accepts between them.
fn set_apart(
    lines: &[&str],
    edge: &[usize],
    n: usize,
    step: isize,
    running: &impl Fn(&str) -> bool,
) -> bool {
    let Some(beside) = edge
        .get(n)
        .and_then(|&i| i.checked_add_signed(step))
        .filter(|&b| b < lines.len())
    else {
        return false;
    };
    if lines[beside].trim().is_empty() {
        return true;
    }
    edge.get(n + 1) == Some(&beside)
        && running(lines[beside])
        && set_apart(lines, edge, n + 1, step, running)
}

/// Whether the short line `i` reads as the end of a paragraph rather than a header or footer:
/// it closes a sentence or clause (。；，：、), or, at a page's bottom (`step` -1), the line just
/// above it is a full line that it goes on from.
fn is_tail(lines: &[&str], i: usize, step: isize, full: usize) -> bool {
    let closes = lines[i]
        .trim_end()
        .ends_with(['。', '；', '，', '：', '、', ';', ',', ':']);
    let goes_on = step < 0
        && i.checked_sub(1)
            .and_then(|j| lines.get(j))
            .is_some_and(|above| width(above) * 10 >= full * 9);
    closes || goes_on
}

/// A line's width in characters, whitespace left out.
fn width(line: &str) -> usize {
    line.chars().filter(|c| !c.is_whitespace()).count()
}

/// The width of the text's full lines: the width that four lines in five do not exceed, over
/// every non-blank line of every page (a wrapped paragraph's lines are its page's width; the
/// short last lines of paragraphs, headings and page numbers are below it).
fn full_width(pages: &[Vec<&str>]) -> usize {
    let mut widths: Vec<usize> = pages
        .iter()
        .flatten()
        .map(|l| width(l))
        .filter(|&w| w > 0)
        .collect();
    widths.sort_unstable();
    widths
        .get(widths.len() * 4 / 5)
        .or(widths.last())
        .copied()
        .unwrap_or(0)
}

/// Indexes of the first and the last [`ZONE`] non-blank lines of a page, each end read from the
/// edge inwards.
fn zone(lines: &[&str]) -> [Vec<usize>; 2] {
    let filled: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    [
        filled.iter().take(ZONE).copied().collect(),
        filled.iter().rev().take(ZONE).copied().collect(),
    ]
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
                // The blank lines around the body are what pdf-extract writes where the
                // header and footer stand apart from it (every header of the fixtures).
                format!(
                    "2022/4/6 15:27    周村区人民政府工作规则\n\n{body}段正文，\n{body}接着写完。\n\n\
                     https://www.zhoucun.gov.cn/art/1.html    {n}/5"
                )
            })
            .collect();
        let text = strip_running_lines(&pages);
        assert!(!text.contains("周村区人民政府工作规则"), "{text}");
        assert!(!text.contains("https"), "{text}");
        assert_eq!(text.matches("接着写完。").count(), 5, "{text}");
    }

    /// A page's text as pdf-extract gives it: two blank lines, the header, a blank line, the
    /// body, a blank line, the page number.
    fn printed(header: &str, body: &[&str], n: usize) -> String {
        format!("\n\n{header}\n\n{}\n\n— {n} —", body.join("\n"))
    }

    #[test]
    fn a_body_line_recurring_at_page_tops_is_kept() {
        // A repetitive provision wraps so that the same full-width line opens four of five
        // pages (and closes three): it runs on into the next line, unlike a header.
        let line = "有关部门应当依法履行职责，本条规定管理事项，有关部门应当依法履行职责，本条规";
        let pages: Vec<String> = (1..=5)
            .map(|n| {
                let end = format!("定管理事项，处{n}百元罚款。");
                let first = if n == 1 {
                    "第一条 本条规定管理事项，有关部门应当依法履行职责，本条规"
                } else {
                    line
                };
                printed(
                    "某市人民政府公报 2024 年第 3 期",
                    &[
                        first,
                        &end,
                        "第二条 本条规定管理事项，有关部门应当依法履行职责，本条规",
                        line,
                    ],
                    n,
                )
            })
            .collect();
        let text = strip_running_lines(&pages);
        assert!(!text.contains("公报"), "{text}");
        assert!(!text.contains('—'), "{text}");
        assert_eq!(text.matches(line).count(), 9, "{text}");
        assert_eq!(text.matches("百元罚款").count(), 5, "{text}");
    }

    #[test]
    fn a_short_running_line_goes_even_without_a_blank_line() {
        let pages: Vec<String> = (1..=4)
            .map(|n| {
                format!(
                    "某市人民政府公报\n第{n}条 本条规定管理事项，有关部门应当依法履行职责，本条规定\n\
                     管理事项，有关部门应当依法履行职责。\n— {n} —"
                )
            })
            .collect();
        let text = strip_running_lines(&pages);
        assert!(!text.contains("公报"), "{text}");
        assert_eq!(text.matches("应当依法履行职责。").count(), 4, "{text}");
    }

    #[test]
    fn a_header_of_two_lines_set_apart_goes_whole() {
        let pages: Vec<String> = (1..=4)
            .map(|n| {
                // Articles numbered as regulations number them (第一条), so no two body
                // lines share a shape.
                let number = crate::text::numeral::to_chinese(n);
                format!(
                    "山东省人民政府办公厅关于印发某某条例实施办法的通知文件汇编\n\
                     二〇二四年第三期总第一百二十号发布单位山东省人民政府办公厅\n\n\
                     第{number}条 本条规定管理事项，有关部门应当依法履行职责，本条规定管理\n\
                     事项。\n— {n} —"
                )
            })
            .collect();
        let text = strip_running_lines(&pages);
        assert!(
            !text.contains("汇编") && !text.contains("发布单位"),
            "{text}"
        );
        assert_eq!(text.matches("事项。").count(), 4, "{text}");
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
