//! Reads a document's title, 文号 and issue date off the lines before its first chapter or article
//! (the notice preamble). Returns what it finds; never guesses from the body.

use super::line::{Line, LineKind, classify};
use crate::text::fold::squeeze;
use crate::text::name::names_a_regulation;
use crate::text::name::without_draft_mark;
use crate::text::numeral::parse_number;
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Preamble {
    pub title: String,
    /// The line the title was read from when no line looked like a regulation's name (see
    /// [`names_a_regulation`]) and a looser guess was taken: worth a warning.
    pub guessed_title_line: Option<usize>,
    pub doc_number: Option<String>,
    pub issued: Option<String>,
    /// The latest date of the adoption and amendment records (`2011年5月27日 …会议修订`).
    pub amended: Option<String>,
}

/// Reads the preamble `lines` (everything before the body).
pub(crate) fn read_preamble(lines: &[Line<'_>], markdown: bool) -> Preamble {
    let (title, guessed_title_line) = title(lines, markdown);
    Preamble {
        title,
        guessed_title_line,
        doc_number: lines.iter().find_map(|l| doc_number(l.text)),
        issued: lines.iter().rev().find_map(|l| date_line(l.text)),
        amended: lines.iter().filter_map(|l| record_date(l.text)).max(),
    }
}

/// The latest date of a line that records an adoption or amendment (`2004年7月29日 …通过`,
/// `（2011年5月27日…修订 2016年11月25日…修正）`), as YYYY-MM-DD.
fn record_date(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(&date_pattern()).expect("static regex"));
    if !RECORD_ENDS[..5].iter().any(|e| text.contains(e)) {
        return None;
    }
    re.captures_iter(text).filter_map(|c| ymd(&c)).max()
}

/// A date written 2022年3月16日, 2022 年 3 月 16 日 or 二〇二二年三月二日: year, month and day
/// captured in that order (read by [`ymd`]).
fn date_pattern() -> String {
    let n = r"[0-9０-９〇零一二三四五六七八九十]";
    format!(r"({n}{{4}})\s*年\s*({n}{{1,3}})\s*月\s*({n}{{1,3}})\s*日")
}

/// The date a match of [`date_pattern`] writes, as YYYY-MM-DD; None for a month or day out of
/// range.
fn ymd(c: &regex::Captures<'_>) -> Option<String> {
    let year = parse_number(&c[1])?;
    let month = parse_number(&c[2])?;
    let day = parse_number(&c[3])?;
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// A Markdown document's first `#` heading; otherwise the last preamble line that names a
/// regulation (`names_a_regulation`), else the last that reads like a title at all, with its line
/// number (a guess). Looking at the name first matters for PDFs and hard-wrapped text, where the
/// adoption record's lines break anywhere: `委员会关于修改部分地方性法规的决定》第二次修正` is
/// a fragment of one and comes after the name.
fn title(lines: &[Line<'_>], markdown: bool) -> (String, Option<usize>) {
    if markdown {
        for l in lines {
            if let LineKind::Heading { level: 1, title } = classify(l.text, true) {
                return (title.to_string(), None);
            }
        }
    }
    let candidates: Vec<(usize, &str)> = lines
        .iter()
        .rev()
        .filter(|l| {
            matches!(
                classify(l.text, markdown),
                LineKind::Text | LineKind::Heading { .. }
            )
        })
        .map(|l| (l.number, l.text.trim_start_matches('#').trim()))
        .filter(|(_, t)| is_title_like(t))
        .collect();
    if let Some((_, t)) = candidates.iter().find(|(_, t)| names_a_regulation(t)) {
        return (squeeze(t), None);
    }
    match candidates.first() {
        Some(&(line, t)) => (squeeze(t), Some(line)),
        None => (String::new(), None),
    }
}

fn is_title_like(t: &str) -> bool {
    !t.is_empty()
        && t.chars().count() <= 60
        && date_line(t).is_none()
        && !starts_with_date(t)
        && !t.starts_with("<!--")
        && doc_number(t).is_none()
        && !t.starts_with(['（', '('])
        && !t.ends_with(['。', '：', ':', '；', '，', '、'])
        // A closing bracket ends a record (（2019年修正）) or a note, unless it closes a draft's or
        // a trial's mark (某市供热条例（草案）).
        && (!t.ends_with(['）', ')']) || without_draft_mark(t).is_some())
        // A quotation opened or closed but not both: a piece of a longer line.
        && t.contains('《') == t.contains('》')
        // The end of an adoption record (…会议通过, …第二次修正), not a name.
        && !RECORD_ENDS.iter().any(|e| t.ends_with(e))
        && !is_labelled_field(t)
}

/// A web page's or notice's field line: `发布时间：2019-01-14 来源：市人大`, `字号：[大 中 小]`,
/// `附件：`: two to four Chinese characters and a colon open it.
fn is_labelled_field(t: &str) -> bool {
    let label = t
        .chars()
        .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    (2..=4).contains(&label)
        && t.chars()
            .nth(label)
            .is_some_and(|c| matches!(c, '：' | ':'))
}

/// How the lines of an adoption or publication record end.
const RECORD_ENDS: [&str; 8] = [
    "通过", "批准", "修正", "修订", "公布", "施行", "发布", "废止",
];

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
    let re = RE.get_or_init(|| Regex::new(&format!("^{}$", date_pattern())).expect("static regex"));
    ymd(&re.captures(text.trim())?)
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
        assert_eq!(p.amended, None);
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

    /// A local regulation's PDF: its adoption record wraps anywhere, and the fragments after the
    /// name look like titles by their shape; the name line is the title, without a warning.
    #[test]
    fn the_name_line_beats_fragments_of_the_adoption_record() {
        let text = "洛阳市城市市容和环境卫生管理条例\n\n2011年6月30日 洛阳市第十三届人民代表大会常务委员会第十九次会议通过\n2012年9月28日 河南省第十一届人民代表大会常务委员会第二十九次会议批准的《洛阳市人民代表大\n会常务委员会关于修改部分地方性法规的规定》第一次修正 根据2018年10月30日洛阳市第十五届人民代表大会常务\n委员会关于修改部分地方性法规的决定》第二次修正\n";
        let p = read_preamble(&split_lines(text), false);
        assert_eq!(p.title, "洛阳市城市市容和环境卫生管理条例");
        assert_eq!(p.guessed_title_line, None);
        // Hard-wrapped at 38 characters, the fragment is a whole quotation and a record's end.
        let wrapped = "洛阳市城市市容和环境卫生管理条例\n2018年12月20日 河南省第十三届人民代表大会常务委员会第七次会\n议批准的\n《洛阳市人民代表大会常务委员会关于修改部分地方性法规的决定》第二次修正\n";
        let p = read_preamble(&split_lines(wrapped), false);
        assert_eq!(p.title, "洛阳市城市市容和环境卫生管理条例");
    }

    /// A government web page: the name in its `<h1>`, then the page's information line.
    #[test]
    fn a_web_pages_information_line_is_no_title() {
        for info in [
            "发布时间：2019-01-14 来源：市人大",
            "发布日期：2019-01-14 字号：[大 中 小] 浏览次数：1234",
        ] {
            let text = format!("洛阳市城市市容和环境卫生管理条例\n{info}\n");
            let p = read_preamble(&split_lines(&text), false);
            assert_eq!(p.title, "洛阳市城市市容和环境卫生管理条例", "{info}");
            assert!(!is_title_like(info), "{info}");
        }
    }

    #[test]
    fn a_title_that_names_no_regulation_is_a_guess_with_its_line() {
        let p = read_preamble(&split_lines("区政府工作的几项安排\n\n"), false);
        assert_eq!(p.title, "区政府工作的几项安排");
        assert_eq!(p.guessed_title_line, Some(1));
        assert!(names_a_regulation("济南市市中区人民政府工作规则"));
        assert!(names_a_regulation("中华人民共和国宪法"));
        assert!(!names_a_regulation("委员会关于修改部分地方性法规的决定》"));
        assert!(!names_a_regulation("2019年1月14日修正的规定"));
    }

    /// Drafters' files: the name carries the draft's mark, which the title keeps.
    #[test]
    fn a_drafts_mark_after_the_name_is_part_of_the_title() {
        for title in [
            "某市供热条例（草案）",
            "某市供热条例（征求意见稿）",
            "某市供热条例(修订草案)",
            "某市供热管理办法（送审稿）",
            "某市供热管理办法（修订草案征求意见稿）",
            "某市供热管理办法（试行）",
        ] {
            let text = format!("{title}\n");
            let p = read_preamble(&split_lines(&text), false);
            assert_eq!(p.title, title);
            assert_eq!(p.guessed_title_line, None, "{title}");
        }
        // A record in brackets is no mark, nor a mark after something that names no regulation.
        assert!(!is_title_like("（2019年10月31日修正）"));
        assert!(!names_a_regulation("区政府工作的几项安排（草案）"));
        assert_eq!(without_draft_mark("某条例（2019年修正）"), None);
    }

    /// Traditional script: 條例, 規定, 辦法 end names as 条例, 规定, 办法 do.
    #[test]
    fn a_traditional_name_names_a_regulation() {
        for title in [
            "某市供熱條例",
            "某區人民政府工作規則",
            "某市停車管理辦法（草案）",
        ] {
            let text = format!("{title}\n");
            let p = read_preamble(&split_lines(&text), false);
            assert_eq!(p.title, title);
            assert_eq!(p.guessed_title_line, None, "{title}");
        }
    }

    #[test]
    fn prefers_the_markdown_title() {
        let text = "# 中华人民共和国宪法\n\n1982年12月4日 通过\n\n<!-- INFO END -->\n";
        let p = read_preamble(&split_lines(text), true);
        assert_eq!(p.title, "中华人民共和国宪法");
        assert_eq!(p.issued, None);
    }

    #[test]
    fn reads_the_latest_amendment_of_an_adoption_record() {
        // 北京市安全生产条例 as lawrefbook writes it, with no date in its file name.
        let text = "# 北京市安全生产条例\n\n2004年7月29日 北京市第十二届人民代表大会常务委员会第十三次会议通过\n\n2011年5月27日 北京市第十三届人民代表大会常务委员会第二十五次会议修订\n\n2016年11月25日 北京市第十四届人民代表大会常务委员会第三十一次会议通过的《关于修改部分地方性法规的决定》修正\n";
        let p = read_preamble(&split_lines(text), true);
        assert_eq!(p.amended.as_deref(), Some("2016-11-25"));
        assert_eq!(p.issued, None);
        let one_line = "（2004年7月29日通过 2011年5月27日修订）\n";
        let p = read_preamble(&split_lines(one_line), false);
        assert_eq!(p.amended.as_deref(), Some("2011-05-27"));
    }
}
