//! One source line in, what it is out: a heading, an article marker, an item, extraction debris
//! (page numbers, dash rules, Markdown comments) or plain text. Looks at one line only.

use crate::text::fold::squeeze;
use crate::text::numeral::{is_chinese_numeral, is_numeral_char, parse_number};

/// A line of the source with its place: 1-based number and the byte offset of its trimmed text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    pub number: usize,
    /// The line without surrounding whitespace (ASCII, ideographic space, BOM).
    pub text: &'a str,
    /// Byte offset of `text` in the source.
    pub text_start: usize,
}

impl Line<'_> {
    pub fn text_end(&self) -> usize {
        self.text_start + self.text.len()
    }

    /// Markdown: the text inside a blockquote (`> `, nested too), and a list item's marker (`- `,
    /// `* `, `+ `, `1. `) when what it holds is a 第X条/章/节 marker, so that articles written in
    /// a quote or a list are articles. Other list markers stay: they number items of an article.
    pub fn strip_markdown_container(&mut self) {
        let mut text = self.text;
        while let Some(rest) = text.strip_prefix('>') {
            text = rest.trim_start_matches(is_blank);
        }
        let ordered = text
            .find(['.', ')'])
            .filter(|&i| i > 0 && i <= 3 && text[..i].bytes().all(|b| b.is_ascii_digit()));
        let after_marker = match text.as_bytes().first() {
            Some(b'-' | b'*' | b'+') => Some(&text[1..]),
            _ => ordered.map(|i| &text[i + 1..]),
        };
        if let Some(rest) = after_marker.filter(|r| r.starts_with([' ', '\t'])) {
            let rest = rest.trim_start_matches(is_blank);
            if rest.starts_with('第')
                && (article_marker(rest).is_some() || structural_heading(rest, true).is_some())
            {
                text = rest;
            }
        }
        self.text_start += self.text.len() - text.len();
        self.text = text;
    }
}

/// Characters that end a line: `\n`, and the Unicode line and paragraph separators and NEL that
/// web pages and some exports use instead (U+2028, U+2029, U+0085).
pub(crate) const LINE_BREAKS: [char; 4] = ['\n', '\u{2028}', '\u{2029}', '\u{85}'];

/// Splits `source` into lines ([`LINE_BREAKS`]), trimming each; keeps byte offsets into `source`.
pub(crate) fn split_lines(source: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, raw) in source.split(LINE_BREAKS).enumerate() {
        let trimmed_start = raw.trim_start_matches(is_blank);
        let text = trimmed_start.trim_end_matches(is_blank);
        let text_start = start + (raw.len() - trimmed_start.len());
        // A regulation pasted as one line (`第一条 … 第二条 …`) holds its articles in one line:
        // each article head starts a line of its own, at the same line number.
        let mut cuts = run_in_heads(text);
        cuts.push(text.len());
        let mut from = 0;
        for cut in cuts {
            let piece = text[from..cut].trim_end_matches(is_blank);
            if !piece.is_empty() || from == 0 {
                lines.push(Line {
                    number: i + 1,
                    text: piece,
                    text_start: text_start + from,
                });
            }
            from = cut;
        }
        start += raw.len();
        start += source[start..].chars().next().map_or(0, char::len_utf8);
    }
    lines
}

/// Byte offsets in `text` where an article head runs on after another article in the same line:
/// `第二条 ` (a blank after it) at the start of a sentence (after 。；), numbered one more than the
/// head before it (or 第一条 after a title). Empty for an ordinary line; a cross reference
/// (依照第十五条规定) starts no sentence and has no blank after it.
fn run_in_heads(text: &str) -> Vec<usize> {
    static HEAD: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let head = HEAD.get_or_init(|| {
        regex::Regex::new(
            "第([0-9０-９零〇一二两兩三四五六七八九十百千]+)([章节節条條])(?:之[一二三四五六七八九十]+)?",
        )
        .unwrap_or_else(|e| unreachable!("article head pattern: {e}"))
    });
    let mut cuts = Vec::new();
    let mut last: Option<u32> = None;
    // A 第X章 / 第X节 heading was cut just before: its title, then the next article.
    let mut heading = false;
    for m in head.captures_iter(text) {
        let (Some(whole), Some(num), Some(kind)) = (m.get(0), m.get(1), m.get(2)) else {
            continue;
        };
        let Some(n) = crate::text::numeral::parse_number(num.as_str()) else {
            continue;
        };
        let head_before = &text[..whole.start()];
        // Only markup before the head (`## 第三章 …`, `**第一条**`) is a heading line, not a run.
        let words_before = head_before.chars().any(char::is_alphanumeric);
        let spaced = text[whole.end()..].chars().next().is_some_and(is_blank);
        // A Markdown heading pasted into the run keeps its marks (`…推广使用。  ## 第二章  规划建设`):
        // they open the heading's line.
        let marked = head_before.trim_end_matches(is_blank);
        let unmarked = marked.trim_end_matches('#');
        let heading_start = if unmarked.len() < marked.len() && unmarked.ends_with(is_blank) {
            unmarked.len()
        } else {
            whole.start()
        };
        let sentence_ends = matches!(
            text[..heading_start]
                .trim_end_matches(is_blank)
                .chars()
                .next_back(),
            Some('。' | '；' | ';' | '！' | '？')
        );
        if !matches!(kind.as_str(), "条" | "條") {
            // A chapter or section heading inside a run of articles.
            if words_before
                && spaced
                && (sentence_ends || last.is_none())
                && text[..heading_start].ends_with(is_blank)
            {
                cuts.push(heading_start);
                heading = true;
            }
            continue;
        }
        if !words_before {
            last = Some(n);
            continue;
        }
        let after_title = (last.is_none() && n == 1 || heading) && head_before.ends_with(is_blank);
        let next = last.map_or(n == 1, |l| n == l + 1 || n == l);
        if (sentence_ends || after_title) && spaced && next {
            cuts.push(whole.start());
            last = Some(n);
            heading = false;
        }
    }
    cuts
}

/// Whitespace as extraction leaves it: ASCII, ideographic space, no-break space, BOM, form feed.
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}' || c == '\u{3000}'
}

/// What one line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineKind<'a> {
    Blank,
    /// Page numbers, dash rules, Markdown comments: not part of any text.
    Debris,
    /// `<!-- INFO END -->`: the end of a lawrefbook header.
    InfoEnd,
    /// 第X章 title (also as a Markdown heading).
    Chapter {
        number: u32,
        title: String,
    },
    /// 第X节 title.
    Section {
        number: u32,
        title: String,
    },
    /// 第X条 (or 第X条之一); `rest` is the text after the marker; `spaced` says whether a space,
    /// a colon, 、 or ， or the end of the line follows the marker (a heading), rather than running
    /// text; `soft` says that only 、 or ， sets it off, as a wrapped cross reference
    /// (…依照本条例⏎第三条、第四条的规定) also has it.
    Article {
        number: u32,
        sub: u32,
        rest: &'a str,
        spaced: bool,
        soft: bool,
    },
    /// X、 with a Chinese numeral.
    Point {
        number: u32,
        rest: &'a str,
    },
    /// A Markdown heading that is neither chapter nor section (`# 标题`, `## 附件`).
    Heading {
        level: usize,
        title: &'a str,
    },
    Text,
}

/// Classifies one trimmed line; `markdown` enables `#` headings and HTML comments.
pub(crate) fn classify<'a>(text: &'a str, markdown: bool) -> LineKind<'a> {
    if text.is_empty() {
        return LineKind::Blank;
    }
    // A line that is wholly an HTML comment (`<!-- INFO END -->` of a lawrefbook file saved as
    // .txt or .docx) is never regulation text, whatever the container.
    if text.starts_with("<!--") && (markdown || text.ends_with("-->")) {
        return if text.contains("INFO END") {
            LineKind::InfoEnd
        } else {
            LineKind::Debris
        };
    }
    if is_page_number(text) || is_rule(text) {
        return LineKind::Debris;
    }
    let (level, body) = heading_level(text, markdown);
    if let Some(kind) = structural_heading(body, level > 0) {
        return kind;
    }
    if level > 0 {
        // `### 第一条`: an article head written as a Markdown heading.
        if let Some(kind @ LineKind::Article { .. }) = article_marker(body) {
            return kind;
        }
        return LineKind::Heading { level, title: body };
    }
    if let Some(kind) = article_marker(body) {
        return kind;
    }
    if let Some((number, rest)) = point_marker(body) {
        return LineKind::Point { number, rest };
    }
    LineKind::Text
}

/// True when plain text is Markdown in all but name: a lawrefbook file saved as .txt or .docx
/// (its `<!-- INFO END -->` header end, or `#` headings that are its title or its chapters). Such
/// text is read as Markdown, so the same words give the same title and chapters in any container.
pub(crate) fn looks_like_markdown(lines: &[Line<'_>]) -> bool {
    let mut texts = lines
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty());
    let first_is_title = texts
        .next()
        .is_some_and(|t| matches!(heading_level(t, true), (1, body) if !body.is_empty()));
    first_is_title
        || lines.iter().any(|l| {
            let t = l.text.trim();
            (t.starts_with("<!--") && t.contains("INFO END"))
                || matches!(
                    heading_level(t, true),
                    (level, body) if level > 0 && structural_heading(body, true).is_some()
                )
        })
}

/// `## 第一章 总则` → (2, "第一章 总则"); non-Markdown text has level 0.
fn heading_level(text: &str, markdown: bool) -> (usize, &str) {
    if !markdown {
        return (0, text);
    }
    let level = text.chars().take_while(|&c| c == '#').count();
    if level == 0 || level > 6 {
        return (0, text);
    }
    let rest = &text[level..];
    if !rest.starts_with([' ', '\t']) {
        return (0, text);
    }
    (level, rest.trim_matches(is_blank))
}

/// The number at the start of `s` and what follows it: 三十九条… → (39, "条…").
fn leading_number(s: &str) -> Option<(u32, &str)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !is_numeral_char(c))
        .map_or(s.len(), |(i, _)| i);
    if end == 0 || end > 30 {
        return None;
    }
    Some((parse_number(&s[..end])?, &s[end..]))
}

/// 第X章 / 第X节 headings: short, no sentence punctuation, nothing but a title after the marker.
/// A Markdown heading marker is evidence enough for a title with commas (审查和批准决算，听取…).
fn structural_heading(body: &str, marked: bool) -> Option<LineKind<'static>> {
    let after = body.strip_prefix('第')?;
    let (number, rest) = leading_number(after)?;
    let (is_chapter, title) = if let Some(t) = rest.strip_prefix('章') {
        (true, t)
    } else if let Some(t) = rest.strip_prefix(['节', '節']) {
        (false, t)
    } else {
        return None;
    };
    if !is_title_like(title, marked) {
        return None;
    }
    // A title glued to the marker must still read as a title, not running text (第三章规定的…).
    let glued = !title.is_empty() && !title.starts_with(is_blank);
    if glued
        && ["的", "和", "或", "及", "规定", "所", "中", "第", "至"]
            .iter()
            .any(|p| title.starts_with(p))
    {
        return None;
    }
    let title = squeeze(title);
    Some(if is_chapter {
        LineKind::Chapter { number, title }
    } else {
        LineKind::Section { number, title }
    })
}

fn is_title_like(title: &str, marked: bool) -> bool {
    let t = title.trim_matches(is_blank);
    let stops: &[char] = if marked {
        &['。', '；']
    } else {
        &['。', '，', '；', '：']
    };
    t.chars().count() <= 40 && !t.contains(stops)
}

/// Marks that wrap an article head, opening and closing: 【第一条】, Markdown's **第一条** and
/// __第一条__ (what a converter writes for a bold run).
const HEAD_WRAPPERS: [(&str, &str); 3] = [("【", "】"), ("**", "**"), ("__", "__")];

/// `body` without the opening mark of a wrapped head, and the mark that must close it.
fn unwrap_head(body: &str) -> (&str, Option<&'static str>) {
    HEAD_WRAPPERS
        .iter()
        .find_map(|&(open, close)| {
            body.strip_prefix(open)
                .filter(|b| b.starts_with('第'))
                .map(|b| (b, Some(close)))
        })
        .unwrap_or((body, None))
}

/// 第X条 and 第X条之一 at the start of a line, also wrapped (【第一条】, **第一条**) or set off by
/// a colon, 、 or ， (第一条：为了…), as web pages and internal rules write heads.
fn article_marker(body: &str) -> Option<LineKind<'_>> {
    let (body, closer) = unwrap_head(body);
    let after = body.strip_prefix('第')?;
    let (number, rest) = leading_number(after)?;
    // 條 in traditional script (第一條).
    let rest = rest.strip_prefix(['条', '條'])?;
    let (sub, rest) = match rest.strip_prefix('之') {
        Some(r) => match leading_number(r) {
            Some((sub, r2)) if sub > 0 => (sub, r2),
            _ => (0, rest),
        },
        None => (0, rest),
    };
    let (rest, spaced, soft) = if let Some(close) = closer {
        (rest.strip_prefix(close)?, true, false)
    } else if let Some(r) = rest.strip_prefix(['：', ':']) {
        (r, true, false)
    } else if let Some(r) = rest.strip_prefix(['、', '，']) {
        (r, true, true)
    } else {
        (rest, rest.is_empty() || rest.starts_with(is_blank), false)
    };
    Some(LineKind::Article {
        number,
        sub,
        rest: rest.trim_start_matches(is_blank),
        spaced,
        soft,
    })
}

/// How the 第X条 marker at the start of `text` writes its number and its 条 (第1条, 第二條), for
/// citing the article as written; the default form for anything else.
pub(crate) fn marker_form(text: &str) -> crate::cite::Form {
    let text = text.trim_start_matches('#').trim_start_matches(is_blank);
    let Some(after) = unwrap_head(text).0.strip_prefix('第') else {
        return crate::cite::Form::default();
    };
    let end = after
        .char_indices()
        .find(|&(_, c)| !is_numeral_char(c))
        .map_or(after.len(), |(i, _)| i);
    crate::cite::Form {
        numerals: crate::cite::Numerals::of(&after[..end]),
        traditional: after[end..].starts_with('條'),
        occurrence: 1,
    }
}

/// 三十九、… at the start of a line (Chinese numerals only: 1、 numbers lists, not articles).
fn point_marker(body: &str) -> Option<(u32, &str)> {
    let end = body
        .char_indices()
        .find(|&(_, c)| !is_chinese_numeral(c))
        .map_or(body.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    let rest = body[end..].strip_prefix('、')?;
    Some((
        parse_number(&body[..end])?,
        rest.trim_start_matches(is_blank),
    ))
}

/// `- 12 -`, `— 2 —`, `-12-`, `第 3 页`, `12`: a page number alone on its line.
fn is_page_number(text: &str) -> bool {
    let inner =
        text.trim_matches(|c: char| matches!(c, '-' | '—' | '－' | '–' | '─') || is_blank(c));
    let inner = inner
        .strip_prefix('第')
        .and_then(|s| s.strip_suffix('页'))
        .map_or(inner, |s| s.trim_matches(is_blank));
    !inner.is_empty()
        && inner.len() <= 4
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && (inner.len() < text.len() || text.len() <= 3)
}

/// A rule of dashes, underscores or box lines (————, ───, ___, ***, ---).
fn is_rule(text: &str) -> bool {
    text.chars().count() >= 3
        && text.chars().all(|c| {
            matches!(
                c,
                '-' | '—' | '－' | '–' | '─' | '━' | '_' | '＿' | '*' | '=' | '＝'
            ) || is_blank(c)
        })
}

/// An item marker at the start of a paragraph: （一）, (一), （1）. Returns the number and its length.
pub(crate) fn item_marker(text: &str) -> Option<(u32, usize)> {
    let open = text.chars().next()?;
    if open != '（' && open != '(' {
        return None;
    }
    let after = &text[open.len_utf8()..];
    let (number, rest) = leading_number(after)?;
    let close = rest.chars().next()?;
    if close != '）' && close != ')' {
        return None;
    }
    Some((number, text.len() - rest.len() + close.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_how_a_marker_writes_its_number() {
        use crate::cite::Numerals;
        assert_eq!(marker_form("第1条 为了").numerals, Numerals::Ascii);
        assert_eq!(marker_form("第２条之一 为了").numerals, Numerals::FullWidth);
        assert_eq!(marker_form("第十二条 为了").numerals, Numerals::Chinese);
        assert!(marker_form("第二條 為了").traditional);
        assert!(!marker_form("第二条 为了").traditional);
    }

    #[test]
    fn classifies_headings() {
        assert_eq!(
            classify("第一章  总  则", false),
            LineKind::Chapter {
                number: 1,
                title: "总则".into()
            }
        );
        assert_eq!(
            classify("## 第十四章 附则", true),
            LineKind::Chapter {
                number: 14,
                title: "附则".into()
            }
        );
        assert_eq!(
            classify("### 第二节 审议", true),
            LineKind::Section {
                number: 2,
                title: "审议".into()
            }
        );
        assert_eq!(
            classify("第三章规定的事项，由区政府决定。", false),
            LineKind::Text
        );
        assert_eq!(
            classify("# 中华人民共和国宪法", true),
            LineKind::Heading {
                level: 1,
                title: "中华人民共和国宪法"
            }
        );
    }

    #[test]
    fn classifies_articles() {
        assert_eq!(
            classify("第三十九条  区政府常务会议", false),
            LineKind::Article {
                number: 39,
                sub: 0,
                rest: "区政府常务会议",
                spaced: true,
                soft: false
            }
        );
        assert_eq!(
            classify("第十七条之一 已满七十五周岁", true),
            LineKind::Article {
                number: 17,
                sub: 1,
                rest: "已满七十五周岁",
                spaced: true,
                soft: false
            }
        );
        assert_eq!(
            classify("九十、本规则自印发之日起施行。", false),
            LineKind::Point {
                number: 90,
                rest: "本规则自印发之日起施行。"
            }
        );
        assert_eq!(classify("1、第一项", false), LineKind::Text);
    }

    #[test]
    fn recognises_debris() {
        for d in [
            "- 12 -",
            "— 2 —",
            "-12-",
            "————————————",
            "第 3 页",
            "<!-- FORCE BREAK -->",
        ] {
            assert_eq!(classify(d, true), LineKind::Debris, "{d}");
        }
        assert_eq!(classify("2022年3月2日", false), LineKind::Text);
    }

    #[test]
    fn reads_item_markers() {
        assert_eq!(
            item_marker("（一）交流重要工作情况；"),
            Some((1, "（一）".len()))
        );
        assert_eq!(item_marker("(12)条目"), Some((12, 4)));
        assert_eq!(item_marker("（此件公开发布）"), None);
    }
}
