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
    /// The caption cells (条旨) of a table row that holds an article after them
    /// ([`captioned_article`]): left out of `text`, which starts at the article's head; empty for
    /// other lines.
    pub caption: &'a str,
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
    let raw_lines: Vec<&str> = source.split(LINE_BREAKS).collect();
    // The article numbers that open a line of their own: a head run into the line before it
    // without a blank after it is taken only for a number no line opens with.
    let line_heads: std::collections::HashSet<u32> = raw_lines
        .iter()
        .filter_map(|raw| line_head(raw.trim_matches(is_blank)))
        .collect();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut before: Option<u32> = None;
    for (i, raw) in raw_lines.into_iter().enumerate() {
        let trimmed_start = raw.trim_start_matches(is_blank);
        let text = trimmed_start.trim_end_matches(is_blank);
        let text_start = start + (raw.len() - trimmed_start.len());
        if let Some(n) = line_head(text) {
            before = Some(n);
        }
        // A regulation pasted as one line (`第一条 … 第二条 …`) holds its articles in one line:
        // each article head starts a line of its own, at the same line number.
        // A table row that captions its article (`| 犬只登记 | 第三条 … |`): the article, from its
        // head, is the line; the caption is left out of it.
        if let Some((head, end)) = captioned_article(text, before) {
            before = line_head(&text[head..end]);
            lines.push(Line {
                number: i + 1,
                text: &text[head..end],
                text_start: text_start + head,
                caption: &text[..head],
            });
            start += raw.len();
            start += source[start..].chars().next().map_or(0, char::len_utf8);
            continue;
        }
        let run = run_in_heads(text, before, &line_heads);
        before = run.last.or(before);
        let mut cuts = run.cuts;
        cuts.push(text.len());
        let mut from = 0;
        for cut in cuts {
            let piece = text[from..cut].trim_end_matches(is_blank);
            if !piece.is_empty() || from == 0 {
                lines.push(Line {
                    number: i + 1,
                    text: piece,
                    text_start: text_start + from,
                    caption: "",
                });
            }
            from = cut;
        }
        start += raw.len();
        start += source[start..].chars().next().map_or(0, char::len_utf8);
    }
    blank_caption_headers(&mut lines);
    lines
}

/// The cells of a table row: a Markdown row's between its bars (`| a | b |`), or a Word, PDF or
/// web table's row as read (cells set off by tabs), each with its byte offset in `text`. `None`
/// for a line that is no row of two cells or more.
fn row_cells(text: &str) -> Option<Vec<(usize, &str)>> {
    let (inner, at, sep) = match text.strip_prefix('|').and_then(|t| t.strip_suffix('|')) {
        Some(inner) => (inner, 1, '|'),
        None if text.contains('\t') => (text, 0, '\t'),
        None => return None,
    };
    let mut cells = Vec::new();
    let mut from = at;
    for cell in inner.split(sep) {
        cells.push((from, cell));
        from += cell.len() + sep.len_utf8();
    }
    (cells.len() >= 2).then_some(cells)
}

/// A caption cell of a table (条旨 such as 犬只登记, or a column header such as 条文): short, and
/// no sentence in it.
fn is_caption_cell(cell: &str) -> bool {
    let cell = cell.trim_matches(is_blank);
    cell.chars().count() <= 16
        && !cell.contains(['。', '；', ';', '，', ',', '：', ':', '！', '？', '、'])
        && !cell.contains('第')
}

/// A table row whose leading cells are captions (a 条旨 column: `| 犬只登记 | 第三条 养犬人… |`,
/// or `犬只登记⇥第三条 …` from a Word table) and whose next cell opens with an article head set
/// off by a blank, numbered one more than the head before it (`before`; any number for the first):
/// the byte range in `text` of the article, from its head to the row's end (a Markdown row's
/// closing bar left out). A cell that opens with a reference (第三条规定的…) or a row of fines
/// (`登记费 | 每只60元`) is no article.
fn captioned_article(text: &str, before: Option<u32>) -> Option<(usize, usize)> {
    let cells = row_cells(text)?;
    let (k, (at, cell)) = cells
        .iter()
        .enumerate()
        .find(|(_, (_, c))| !is_caption_cell(c))?;
    if k == 0
        || !cells[..k]
            .iter()
            .any(|(_, c)| !c.trim_matches(is_blank).is_empty())
    {
        return None;
    }
    let lead = cell.len() - cell.trim_start_matches(is_blank).len();
    let body = &cell[lead..];
    let Some(LineKind::Article {
        spaced: true,
        soft: false,
        ..
    }) = article_marker(body)
    else {
        return None;
    };
    let n = line_head(body)?;
    if before.is_some_and(|b| n != b + 1) {
        return None;
    }
    let head = at + lead;
    let end = if text.starts_with('|') {
        text.len() - 1
    } else {
        text.len()
    };
    let end = head + text[head..end].trim_end_matches(is_blank).len();
    Some((head, end))
}

/// The header row of a table whose rows caption their articles (`| 条旨 | 条文 |` over
/// `| 犬只登记 | 第三条 … |`), and its Markdown separator row: blank lines, so that no article
/// holds them.
fn blank_caption_headers(lines: &mut [Line<'_>]) {
    for i in 0..lines.len() {
        if lines[i].caption.is_empty() || i > 0 && !lines[i - 1].caption.is_empty() {
            continue;
        }
        let mut j = i;
        while j > 0 {
            j -= 1;
            let t = lines[j].text;
            let rule = t.starts_with('|')
                && t.chars()
                    .all(|c| matches!(c, '|' | '-' | ':') || is_blank(c));
            if rule {
                lines[j].text = "";
                continue;
            }
            if t.is_empty() {
                continue;
            }
            if row_cells(t).is_some_and(|cells| cells.iter().all(|(_, c)| is_caption_cell(c))) {
                lines[j].text = "";
            }
            break;
        }
    }
}

/// The article head pattern: `第N条` (or 章, 节), with an optional `之N`.
fn head_pattern() -> &'static regex::Regex {
    static HEAD: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    HEAD.get_or_init(|| {
        regex::Regex::new(
            "第([0-9０-９零〇一二两兩三四五六七八九十百千]+)([章节節条條])(?:之[一二三四五六七八九十]+)?",
        )
        .unwrap_or_else(|e| unreachable!("article head pattern: {e}"))
    })
}

/// The number of the article head that opens `text` (after Markdown marks: `## `, `**`), if any.
fn line_head(text: &str) -> Option<u32> {
    let body = text.trim_start_matches(|c: char| c == '#' || c == '*' || is_blank(c));
    let m = head_pattern().captures(body)?;
    let (whole, num, kind) = (m.get(0)?, m.get(1)?, m.get(2)?);
    if whole.start() != 0 || !matches!(kind.as_str(), "条" | "條") {
        return None;
    }
    parse_number(num.as_str()).filter(|&n| n <= MAX_HEAD_NUMBER)
}

/// The article heads found inside a line: where to cut, and the number of the last one.
struct RunIn {
    cuts: Vec<usize>,
    last: Option<u32>,
}

/// Byte offsets in `text` where an article head runs on after another article in the same line:
/// `第二条 ` (a blank after it) at the start of a sentence (after 。；), numbered one more than the
/// head before it (in this line, or `before`, the last head of the lines above; or 第一条 after a
/// title). Empty for an ordinary line; a cross reference (依照第十五条规定) starts no sentence and
/// has no blank after it. A head with no blank after it (`…接受调查处理。 第二十二条经批准占用…`)
/// is taken only where its number is the next one and no line of the source opens with it
/// (`line_heads`), and no word of a reference follows it (规定, 的, 款, 项 …).
fn run_in_heads(
    text: &str,
    before: Option<u32>,
    line_heads: &std::collections::HashSet<u32>,
) -> RunIn {
    let head = head_pattern();
    let mut cuts = Vec::new();
    let mut last: Option<u32> = None;
    // A 第X章 / 第X节 heading was cut just before: its title, then the next article.
    let mut heading = false;
    for m in head.captures_iter(text) {
        let (Some(whole), Some(num), Some(kind)) = (m.get(0), m.get(1), m.get(2)) else {
            continue;
        };
        let Some(n) =
            crate::text::numeral::parse_number(num.as_str()).filter(|&n| n <= MAX_HEAD_NUMBER)
        else {
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
        let next = match (last, before) {
            (Some(l), _) => n == l + 1 || n == l,
            (None, Some(b)) => n == b + 1 && !line_heads.contains(&n),
            (None, None) => n == 1,
        };
        // Run on without a blank: only the missing next article, not a reference.
        let glued = !spaced
            && sentence_ends
            && last.or(before).is_some_and(|b| n == b + 1)
            && !line_heads.contains(&n)
            && !text[whole.end()..].starts_with([
                '，', '、', '；', '。', '的', '规', '款', '项', '之', '（', '(', '中', '所',
            ]);
        if ((sentence_ends || after_title) && spaced && next) || glued {
            cuts.push(whole.start());
            last = Some(n);
            heading = false;
        }
    }
    RunIn { cuts, last }
}

/// Whitespace as extraction leaves it: ASCII, ideographic space, no-break space, form feed, and
/// the characters that show nothing (BOM, zero-width space, [`is_invisible`]): a line of only a
/// zero-width space, as web pages leave between paragraphs, is a blank line, not a paragraph.
///
/// [`is_invisible`]: crate::text::fold::is_invisible
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || crate::text::fold::is_invisible(c)
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
    /// 第X编 title, or 第X分编 title (`sub`): a part of a code, above its chapters.
    Part {
        sub: bool,
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

/// Titles that a regulation or code may set as a heading of its own without a number: its
/// opening, penal and closing divisions (刑法's `## 附则` after its 编, a closing 附则 line after
/// 第六章 法律责任). Other unnumbered headings (附件一, 目录, 序言, the title) head no articles.
const DIVISION_TITLES: [&str; 5] = ["总则", "分则", "附则", "罚则", "法律责任"];

/// The title of an unnumbered division heading: a line (or a Markdown heading's text) that is
/// wholly one of [`DIVISION_TITLES`], blanks inside it allowed (附　则).
pub(crate) fn division_title(text: &str) -> Option<&'static str> {
    let text = text.trim_start_matches('#');
    if text.chars().count() > 12 {
        return None;
    }
    let squeezed: String = text.chars().filter(|&c| !is_blank(c)).collect();
    DIVISION_TITLES.iter().copied().find(|&t| t == squeezed)
}

/// A line that can only be a heading: a short title (two to twelve characters, Han and blanks
/// only, a 、 between two of them), no other punctuation, figure or article head (业主大会,
/// 物业服务收费, 法 律 责 任, 生产、经营).
pub(crate) fn bare_title(text: &str) -> bool {
    let squeezed: String = text.chars().filter(|&c| !is_blank(c)).collect();
    let n = squeezed.chars().count();
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    // A title may list its matters (使用、维护保养): a 、 between two characters, never at an end.
    (2..=16).contains(&n)
        && squeezed.chars().all(|c| han(c) || c == '、')
        && squeezed.starts_with(han)
        && squeezed.ends_with(han)
        && !squeezed.contains("、、")
        && article_marker(&squeezed).is_none()
}

/// The number and title of a division heading numbered as a list item (`一、一般规定`,
/// `八、附 则`): a Chinese numeral and 、, then a short title that is no sentence (no 。；：？！,
/// no article head). The title is the heading as written, blanks squeezed out (八、附则).
pub(crate) fn point_heading(text: &str) -> Option<(u32, String)> {
    let (number, rest) = point_marker(text.trim_start_matches('#').trim_matches(is_blank))?;
    let title = squeeze(rest);
    let sentence = title.contains(['。', '；', ';', '：', ':', '？', '！', '，', ','])
        || article_marker(&title).is_some();
    (number > 0 && !title.is_empty() && title.chars().count() <= 30 && !sentence).then(|| {
        (
            number,
            format!("{}、{title}", crate::text::numeral::to_chinese(number)),
        )
    })
}

/// How many `#` open a Markdown heading line (0 for a line that is none).
pub(crate) fn heading_depth(text: &str) -> usize {
    heading_level(text.trim_matches(is_blank), true).0
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

/// The highest number a 第X条 / 第X章 head may carry: five digits, far beyond the longest code
/// (民法典, 1,260 articles) and far from `u32::MAX`, so that `number + 1` never overflows. A line
/// opening with a head numbered beyond it is text, and a warning says so ([`oversized_head`]).
pub(crate) const MAX_HEAD_NUMBER: u32 = 99_999;

/// Characters that mark what a head heads: 条 (條), 章, 节 (節), 编 (編). (分编 reads as the
/// number, then 分编: no blank is taken into its head.)
const HEAD_KINDS: [char; 7] = ['条', '條', '章', '节', '節', '编', '編'];

/// Blanks a PDF extraction may put around and inside a head's number (第 二 条, 第 二十 条,
/// 第一百二十八 条): at most this many in a row.
const MAX_HEAD_BLANKS: usize = 3;

/// The numeral characters of a head's number after its 第 (blanks around and inside it left out)
/// and the text from its 条, 章 or 节 on: ` 二 十 条 为了` → ("二十", "条 为了"). Blanks are
/// only taken into the head when that kind character follows; otherwise the number ends where
/// the numerals do, as [`leading_number`] reads it.
fn head_numerals(s: &str) -> Option<(String, &str)> {
    let mut numerals = String::new();
    let mut end = 0;
    let mut blanks = 0;
    for (i, c) in s.char_indices() {
        if is_numeral_char(c) {
            numerals.push(c);
            end = i + c.len_utf8();
            blanks = 0;
        } else if c == ' ' || c == '\t' || c == '\u{3000}' || c == '\u{a0}' {
            blanks += 1;
            if blanks > MAX_HEAD_BLANKS {
                break;
            }
        } else {
            if numerals.is_empty() {
                return None;
            }
            if HEAD_KINDS.contains(&c) {
                return Some((numerals, &s[i..]));
            }
            break;
        }
    }
    // No kind character after the blanks: only numerals right after 第, up to the first blank.
    let unspaced = s
        .char_indices()
        .find(|&(_, c)| !is_numeral_char(c))
        .map_or(s.len(), |(i, _)| i);
    (unspaced > 0 && unspaced <= end).then(|| (s[..unspaced].to_string(), &s[unspaced..]))
}

/// The number of a 第X条 / 第X章 / 第X节 head after its 第, blanks allowed as in
/// [`head_numerals`], and the text from its kind character on; `None` for no number, or one
/// beyond [`MAX_HEAD_NUMBER`].
fn head_number(s: &str) -> Option<(u32, &str)> {
    let (numerals, rest) = head_numerals(s)?;
    if numerals.chars().count() > 10 {
        return None;
    }
    let number = parse_number(&numerals)?;
    (number <= MAX_HEAD_NUMBER).then_some((number, rest))
}

/// A line that opens as an article head (第…条, 第 … 条, set off by a blank, a colon or the end
/// of the line) whose number cannot be an article's: beyond [`MAX_HEAD_NUMBER`], or too large to
/// read at all (第九九九九九九九九九九条, 第1000000000000条). Returns the head as written, for
/// the warning that says why the line is read as text.
pub(crate) fn oversized_head(text: &str) -> Option<&str> {
    let (body, _) = unwrap_head(text.trim_start_matches('#').trim_start_matches(is_blank));
    let after = body.strip_prefix('第')?;
    let (numerals, rest) = head_numerals(after)?;
    let rest = rest.strip_prefix(['条', '條'])?;
    let set_off = rest.is_empty() || rest.starts_with(is_blank) || rest.starts_with(['：', ':']);
    if !set_off || head_number(after).is_some() {
        return None;
    }
    // A number too large to read, not a malformed one (第二三条 is no number): a value beyond the
    // limit, more than five digits, or myriads (第五十亿条).
    let digits = numerals.chars().all(|c| {
        crate::text::numeral::arabic_digit(c).is_some()
            || crate::text::numeral::chinese_digit(c).is_some()
    });
    let large = parse_number(&numerals).map_or_else(
        || digits && numerals.chars().count() > 5 || numerals.contains(['万', '萬', '亿', '億']),
        |n| n > MAX_HEAD_NUMBER,
    );
    let head_len = body.len() - rest.len();
    large.then(|| &body[..head_len])
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

/// What a structural heading heads.
enum Level {
    Part { sub: bool },
    Chapter,
    Section,
}

/// 第X编 / 第X分编 / 第X章 / 第X节 headings: short, no sentence punctuation, nothing but a title
/// after the marker. A Markdown heading marker is evidence enough for a title with commas
/// (审查和批准决算，听取…).
fn structural_heading(body: &str, marked: bool) -> Option<LineKind<'static>> {
    let after = body.strip_prefix('第')?;
    let (number, rest) = head_number(after)?;
    let (level, title) = if let Some(t) = rest.strip_prefix('章') {
        (Level::Chapter, t)
    } else if let Some(t) = rest.strip_prefix(['节', '節']) {
        (Level::Section, t)
    } else if let Some(t) = rest.strip_prefix(['编', '編']) {
        (Level::Part { sub: false }, t)
    } else if let Some(t) = rest
        .strip_prefix("分编")
        .or_else(|| rest.strip_prefix("分編"))
    {
        (Level::Part { sub: true }, t)
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
    Some(match level {
        Level::Chapter => LineKind::Chapter { number, title },
        Level::Section => LineKind::Section { number, title },
        Level::Part { sub } => LineKind::Part { sub, number, title },
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
    let (number, rest) = head_number(after)?;
    // 條 in traditional script (第一條).
    let rest = rest.strip_prefix(['条', '條'])?;
    let (sub, rest) = match rest.strip_prefix('之') {
        Some(r) => match leading_number(r) {
            Some((sub, r2)) if sub > 0 && sub <= MAX_HEAD_NUMBER => (sub, r2),
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
    let Some((numerals, rest)) = head_numerals(after) else {
        return crate::cite::Form::default();
    };
    crate::cite::Form {
        numerals: crate::cite::Numerals::of(&numerals),
        traditional: rest.starts_with('條'),
        occurrence: 1,
        mark: crate::cite::Mark::Dun,
    }
}

/// An item numbered at a line's start as a list numbers it: `1.`, `1．`, `１.` (digits and a full
/// stop, never a decimal such as 1.5), `（一）` or `(一)` (a Chinese numeral in parentheses).
/// Read only in a document that has no 第X条 and no X、 numbering ([`super::list_articles`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ListItem<'a> {
    pub number: u32,
    pub form: crate::cite::Form,
    /// The text after the marker.
    pub rest: &'a str,
}

impl ListItem<'_> {
    /// Items numbered with digits and a stop (1., １．) form one list; items in parentheses
    /// another.
    pub fn dotted(&self) -> bool {
        matches!(
            self.form.mark,
            crate::cite::Mark::Dot | crate::cite::Mark::WideDot
        )
    }
}

/// The list item a line opens with, if any ([`ListItem`]).
pub(crate) fn list_item(text: &str) -> Option<ListItem<'_>> {
    use crate::cite::{Form, Mark, Numerals};
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let end = text
        .char_indices()
        .find(|&(_, c)| !digit(c))
        .map_or(text.len(), |(i, _)| i);
    if end > 0 {
        let written = &text[..end];
        let after = &text[end..];
        let (mark, rest) = if let Some(rest) = after.strip_prefix('.') {
            (Mark::Dot, rest)
        } else if let Some(rest) = after.strip_prefix('．') {
            (Mark::WideDot, rest)
        } else {
            return None;
        };
        // 1.5米 is a figure, not an item; an item holds text after its number.
        if rest.starts_with(digit) || rest.trim_start_matches(is_blank).is_empty() {
            return None;
        }
        let number = parse_number(written)?;
        let numerals = Numerals::of(written);
        // Mixed digits (1１) are written no single way: not an item.
        if numerals == Numerals::Chinese {
            return None;
        }
        return Some(ListItem {
            number,
            form: Form {
                numerals,
                mark,
                ..Form::default()
            },
            rest: rest.trim_start_matches(is_blank),
        });
    }
    let (mark, inner, close) = if let Some(inner) = text.strip_prefix('（') {
        (Mark::Paren, inner, '）')
    } else if let Some(inner) = text.strip_prefix('(') {
        (Mark::AsciiParen, inner, ')')
    } else {
        return None;
    };
    let end = inner
        .char_indices()
        .find(|&(_, c)| !is_chinese_numeral(c))
        .map_or(inner.len(), |(i, _)| i);
    let rest = inner[end..].strip_prefix(close)?;
    if end == 0 || rest.trim_start_matches(is_blank).is_empty() {
        return None;
    }
    Some(ListItem {
        number: parse_number(&inner[..end])?,
        form: Form {
            mark,
            ..Form::default()
        },
        rest: rest.trim_start_matches(is_blank),
    })
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
    fn classifies_parts_and_sub_parts() {
        assert_eq!(
            classify("## 第二编 分则", true),
            LineKind::Part {
                sub: false,
                number: 2,
                title: "分则".into()
            }
        );
        assert_eq!(
            classify("## 第三分编 准 合 同", true),
            LineKind::Part {
                sub: true,
                number: 3,
                title: "准合同".into()
            }
        );
        assert_eq!(
            classify("第 一 编  总  则", false),
            LineKind::Part {
                sub: false,
                number: 1,
                title: "总则".into()
            }
        );
        // Running text that opens with a part is no heading, nor is 编制 after an article.
        assert_eq!(
            classify("第二编规定的事项，依照本法执行。", false),
            LineKind::Text
        );
        assert!(matches!(
            classify("第九条 编制规划应当听取意见。", false),
            LineKind::Article { number: 9, .. }
        ));
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
    fn heads_with_blanks_inside_are_heads() {
        let article = |text| match classify(text, false) {
            LineKind::Article {
                number,
                rest,
                spaced,
                ..
            } => Some((number, rest, spaced)),
            _ => None,
        };
        assert_eq!(article("第 二 条 本条例"), Some((2, "本条例", true)));
        assert_eq!(article("第 二十 条　本条例"), Some((20, "本条例", true)));
        assert_eq!(article("第二 十 条 本条例"), Some((20, "本条例", true)));
        assert_eq!(article("第 1 条 本条例"), Some((1, "本条例", true)));
        assert_eq!(
            article("第一百二十八 条侦查人员"),
            Some((128, "侦查人员", false))
        );
        assert_eq!(
            marker_form("第 ３ 条 为了").numerals,
            crate::cite::Numerals::FullWidth
        );
        assert_eq!(
            classify("第 一 章  总  则", false),
            LineKind::Chapter {
                number: 1,
                title: "总则".into()
            }
        );
        // Blanks not followed by 条 (章, 节) keep the head as it was, and a page stays debris.
        assert_eq!(classify("第 3 页", false), LineKind::Debris);
        assert_eq!(classify("第三 项规定的", false), LineKind::Text);
        assert_eq!(article("第    二 条 四个空格"), None);
    }

    #[test]
    fn a_head_numbered_beyond_any_article_is_no_head() {
        for text in [
            "第九九九九九九九九九九条 本条例",
            "第1000000000000条 本条例",
            "第4294967295条 本条例",
            "第100000条",
            "第五十亿条：本条例",
        ] {
            assert_eq!(classify(text, false), LineKind::Text, "{text}");
            assert!(oversized_head(text).is_some(), "{text}");
        }
        assert!(matches!(
            classify("第99999条 本条例", false),
            LineKind::Article { number: 99_999, .. }
        ));
        assert!(matches!(
            classify("第一条之4294967295 本条例", false),
            LineKind::Article { sub: 0, .. }
        ));
        for text in [
            "第二三条 本条例",
            "第1000000000000条规定的",
            "第三条 本条例",
        ] {
            assert_eq!(oversized_head(text), None, "{text}");
        }
        let none = std::collections::HashSet::new();
        assert!(
            run_in_heads(
                "第一条 甲。 第4294967295条 乙。 第4294967296条 丙。",
                None,
                &none
            )
            .cuts
            .is_empty()
        );
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
