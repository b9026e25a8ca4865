//! Reads a document's title, 文号 and issue date off the lines before its first chapter or article
//! (the notice preamble). Returns what it finds; never guesses from the body.

use super::line::{Line, LineKind, classify};
use crate::text::fold::squeeze;
use crate::text::numeral::parse_number;
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Preamble {
    pub title: String,
    pub doc_number: Option<String>,
    pub issued: Option<String>,
}

/// Reads the preamble `lines` (everything before the body).
pub(crate) fn read_preamble(lines: &[Line<'_>], markdown: bool) -> Preamble {
    Preamble {
        title: title(lines, markdown),
        doc_number: lines.iter().find_map(|l| doc_number(l.text)),
        issued: lines.iter().rev().find_map(|l| date_line(l.text)),
    }
}

/// A Markdown document's first `#` heading; otherwise the last preamble line that reads like a title.
fn title(lines: &[Line<'_>], markdown: bool) -> String {
    if markdown {
        for l in lines {
            if let LineKind::Heading { level: 1, title } = classify(l.text, true) {
                return title.to_string();
            }
        }
    }
    lines
        .iter()
        .rev()
        .filter(|l| {
            matches!(
                classify(l.text, markdown),
                LineKind::Text | LineKind::Heading { .. }
            )
        })
        .map(|l| l.text.trim_start_matches('#').trim())
        .find(|t| is_title_like(t))
        .map(squeeze)
        .unwrap_or_default()
}

fn is_title_like(t: &str) -> bool {
    !t.is_empty()
        && t.chars().count() <= 60
        && date_line(t).is_none()
        && !starts_with_date(t)
        && !t.starts_with("<!--")
        && doc_number(t).is_none()
        && !t.starts_with(['（', '('])
        && !t.ends_with(['。', '：', ':', '；', '，', '、', '）', ')'])
}

/// A line that opens with a full date is a record of adoption or publication (2020年12月23日
/// 台州市第五届人民代表大会常务委员会第三十五次会议通过), never a title.
fn starts_with_date(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let n = r"[0-9０-９〇零一二三四五六七八九十]";
        Regex::new(&format!(
            r"^{n}{{4}}\s*年\s*{n}{{1,3}}\s*月\s*{n}{{1,3}}\s*日"
        ))
        .expect("static regex")
    });
    re.is_match(text.trim())
}

/// 市中政发〔2022〕2 号 → 市中政发〔2022〕2号 (brackets of any width, spaces dropped).
fn doc_number(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(\p{Han}{1,12})\s*[〔\[［【（(]\s*(\d{4})\s*[〕\]］】）)]\s*(\d{1,4})\s*号")
            .expect("static regex")
    });
    let c = re.captures(text)?;
    Some(format!("{}〔{}〕{}号", &c[1], &c[2], &c[3]))
}

/// A line that is only a date (2022 年 3 月 16 日, 二〇二二年三月二日) → 2022-03-16.
fn date_line(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let n = r"[0-9０-９〇零一二三四五六七八九十]";
        Regex::new(&format!(
            r"^({n}{{4}})\s*年\s*({n}{{1,3}})\s*月\s*({n}{{1,3}})\s*日$"
        ))
        .expect("static regex")
    });
    let c = re.captures(text.trim())?;
    let year = parse_number(&c[1])?;
    let month = parse_number(&c[2])?;
    let day = parse_number(&c[3])?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::line::split_lines;

    #[test]
    fn reads_a_notice_preamble() {
        let text = "济南市市中区人民政府文件\n市中政发〔2022〕2 号\n\n关于印发的\n通知\n各街道办事处：\n现印发给你们。\n2022 年 3 月 16 日\n（此件公开发布）\n 济南市市中区人民政府工作规则\n";
        let p = read_preamble(&split_lines(text), false);
        assert_eq!(p.title, "济南市市中区人民政府工作规则");
        assert_eq!(p.doc_number.as_deref(), Some("市中政发〔2022〕2号"));
        assert_eq!(p.issued.as_deref(), Some("2022-03-16"));
    }

    #[test]
    fn reads_chinese_dates() {
        assert_eq!(
            date_line("二〇二二年三月二日").as_deref(),
            Some("2022-03-02")
        );
        assert_eq!(date_line("2022年13月2日"), None);
        assert_eq!(date_line("2022年3月2日印发"), None);
    }

    #[test]
    fn prefers_the_markdown_title() {
        let text = "# 中华人民共和国宪法\n\n1982年12月4日 通过\n\n<!-- INFO END -->\n";
        let p = read_preamble(&split_lines(text), true);
        assert_eq!(p.title, "中华人民共和国宪法");
        assert_eq!(p.issued, None);
    }
}
