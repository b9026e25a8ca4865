//! Rejoins hard-wrapped lines into paragraphs (款) and finds their items (项).
//! Takes the trimmed content lines of one article; returns paragraphs. Never drops text.

use super::line::item_marker;
use crate::model::{Item, Paragraph};
use crate::text::chars::is_han;
use crate::text::width::print_width;

/// One content line of an article and whether a blank line came before it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Piece<'a> {
    pub text: &'a str,
    pub after_blank: bool,
    /// Display width of `text`, computed once (wrap detection and joining both need it).
    pub width: usize,
}

impl<'a> Piece<'a> {
    pub fn new(text: &'a str, after_blank: bool) -> Self {
        Piece {
            text,
            after_blank,
            width: print_width(text),
        }
    }
}

/// Ends a sentence: a line ending with one of these is a paragraph's last line unless it is full.
fn is_terminal(text: &str) -> bool {
    let body = text.trim_end_matches(['”', '’', '」', '』', '》', '）', ')', '"']);
    body.ends_with(['。', '；', '：', '！', '？', ';', ':', '!', '?', '.'])
}

fn ends_with_punctuation(text: &str) -> bool {
    text.chars().last().is_some_and(|c| {
        matches!(
            c,
            '，' | '、' | '。' | '；' | '：' | '！' | '？' | '”' | '）' | ',' | ';' | ':' | ')'
        )
    })
}

/// The width a hard-wrapped text was wrapped at, if the lines say it was: most long lines share
/// one width (±2 columns) and many of them stop mid-sentence. `None` for one-paragraph-per-line text.
pub(crate) fn wrap_width<'p, 'a: 'p>(pieces: impl Iterator<Item = &'p Piece<'a>>) -> Option<usize> {
    let mut counts = std::collections::HashMap::<usize, usize>::new();
    let mut total = 0usize;
    let mut open = 0usize;
    for piece in pieces {
        let w = piece.width;
        if w < 20 {
            continue;
        }
        total += 1;
        if !is_terminal(piece.text) {
            open += 1;
        }
        *counts.entry(w).or_default() += 1;
    }
    let (&mode, _) = counts.iter().max_by_key(|&(&w, &n)| (n, w))?;
    let near: usize = counts
        .iter()
        .filter(|&(&w, _)| w.abs_diff(mode) <= 2)
        .map(|(_, &n)| n)
        .sum();
    (total >= 10 && near * 10 >= total * 4 && open * 10 >= total * 3 && mode <= 120).then_some(mode)
}

/// In a text of authored paragraphs, a paragraph narrower than this (display columns: 20 Han
/// characters) is never joined to the next.
const AUTHORED_LINE: usize = 40;

/// Whether `next` continues the paragraph that `prev` is in. `authored`: line ends are paragraph
/// ends (a word processor's), so only a hard-wrapped text's full lines go on.
fn continues(prev: &Piece<'_>, next: &Piece<'_>, wrap: Option<usize>, authored: bool) -> bool {
    // A table's row is a whole line in every source (a Word or web table's cells set off by tabs,
    // a Markdown table's by |): rows joined would run one row's last figure into the next row's
    // first cell (200元全面测试).
    if is_table_row(prev.text) || is_table_row(next.text) {
        return false;
    }
    // An author's line end inside a sentence the line has begun (punctuation in it, a Han
    // character at its end), before a line that opens no item: a `<br>` or a Word line break in
    // the middle of a sentence (…可以向法律援助机构申请⏎法律援助。). A heading or a title holds
    // no punctuation.
    if authored
        && wrap.is_none()
        && stops_mid_sentence(prev.text)
        && item_marker(next.text).is_none()
    {
        return !next.after_blank;
    }
    // A short paragraph (a heading, a label, a title) ends where its author ended it; a long
    // one that stops mid-word was typed with line breaks before it became a document (组⏎成) and
    // goes on as in plain text.
    if authored && wrap.is_none() && prev.width < AUTHORED_LINE {
        return false;
    }
    let full = wrap.is_some_and(|w| prev.width + 3 >= w);
    if item_marker(next.text).is_some() {
        return !ends_with_punctuation(prev.text) && full;
    }
    if is_terminal(prev.text) {
        // A blank line after a sentence's end ends the paragraph, even at the margin (a PDF's
        // paragraph spacing; its page breaks leave no blank line, `extract::strip_running_lines`).
        return full && !next.after_blank;
    }
    // A line that stops mid-sentence goes on in the next, unless a blank line in text that is not
    // hard-wrapped says the paragraph ended (a Markdown list or a heading-like line). A blank line
    // inside a sentence the line has begun, before a line that goes on with Han text and opens no
    // item, is a converter's slip, not a paragraph's end (…鼓励、引导社会资本参与供热⏎⏎设施的建设和
    // 专业化运营。); a line with a space in it may be a table's row (…宗教等界 200人) and is left.
    wrap.is_some()
        || !next.after_blank
        || (!authored
            && stops_mid_sentence(prev.text)
            && !prev.text.trim().contains(char::is_whitespace)
            && next.text.chars().next().is_some_and(is_han)
            && item_marker(next.text).is_none())
}

/// Whether a line breaks off inside a sentence it has begun: a clause or a sentence of it ended
/// by punctuation (，、；。), its last character a Han character, not punctuation or a bracket.
fn stops_mid_sentence(text: &str) -> bool {
    let text = text.trim_end();
    text.contains(['，', '、', '；', '。']) && text.chars().last().is_some_and(is_han)
}

/// A line of a table: cells set off by tabs (as the Word, PDF and web readers write a table's
/// row), or a Markdown table's `| … |` row.
fn is_table_row(text: &str) -> bool {
    let text = text.trim();
    text.contains('\t') || (text.len() > 1 && text.starts_with('|') && text.ends_with('|'))
}

/// A Markdown table's row as the Word, PDF and web readers write a table's row
/// (`extract::table`): its cells trimmed and set off by tabs (`| 登记费 | 每只60元 | 10日内 |` →
/// `登记费⇥每只60元⇥10日内`, an escaped `\|` a bar inside its cell), trailing empty cells dropped;
/// its separator row (`|---|:--:|`) empty, so that no paragraph holds it. `None` for a line that
/// is no row of two cells or more, nor a separator. A row is its own paragraph
/// ([`continues`]), so diffs and figures read each cell apart, as they do a Word table's.
pub(crate) fn markdown_row(text: &str) -> Option<String> {
    let inner = text.trim().strip_prefix('|')?.strip_suffix('|')?;
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                cells.last_mut()?.push('|');
            }
            '|' => cells.push(String::new()),
            _ => cells.last_mut()?.push(c),
        }
    }
    let cells: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
    let rule = |c: &str| {
        let dashes = c.strip_prefix(':').unwrap_or(c);
        let dashes = dashes.strip_suffix(':').unwrap_or(dashes);
        !dashes.is_empty() && dashes.chars().all(|d| d == '-')
    };
    if cells.iter().all(|c| rule(c)) {
        return Some(String::new());
    }
    (cells.len() >= 2).then(|| cells.join("\t").trim_end_matches('\t').to_string())
}

/// Joins `pieces` into paragraphs.
#[cfg(test)]
pub(crate) fn paragraphs(pieces: &[Piece<'_>], wrap: Option<usize>) -> Vec<Paragraph> {
    paragraphs_of(pieces, wrap, false)
}

/// Joins `pieces` into paragraphs; `authored` when every line end is a paragraph end the author
/// made ([`super::SourceKind::Paragraphs`]).
pub(crate) fn paragraphs_of(
    pieces: &[Piece<'_>],
    wrap: Option<usize>,
    authored: bool,
) -> Vec<Paragraph> {
    let mut texts: Vec<String> = Vec::new();
    let mut prev: Option<&Piece<'_>> = None;
    for piece in pieces {
        match (prev, texts.last_mut()) {
            (Some(p), Some(last)) if continues(p, piece, wrap, authored) => {
                if needs_space(last, piece.text) {
                    last.push(' ');
                }
                last.push_str(piece.text);
            }
            // A Markdown table's row becomes the cells a Word or web table's row is read as;
            // its separator row is no text.
            _ => texts.push(markdown_row(piece.text).unwrap_or_else(|| piece.text.to_string())),
        }
        prev = Some(piece);
    }
    texts
        .into_iter()
        .filter(|t| !t.is_empty())
        .map(|text| Paragraph {
            items: items(&text),
            text,
        })
        .collect()
}

/// Rejoins the hard-wrapped lines of a text without article markers (a pasted draft) as the
/// parser rejoins an article's lines: one paragraph a line out, blank lines dropped. `authored`
/// as for [`paragraphs_of`].
pub(crate) fn rejoin(text: &str, authored: bool) -> String {
    let mut pieces = Vec::new();
    let mut after_blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            after_blank = true;
            continue;
        }
        pieces.push(Piece::new(line, after_blank));
        after_blank = false;
    }
    let wrap = wrap_width(pieces.iter());
    let texts: Vec<String> = paragraphs_of(&pieces, wrap, authored)
        .into_iter()
        .map(|p| p.text)
        .collect();
    texts.join("\n")
}

/// Two Latin words split across lines keep a space between them.
fn needs_space(before: &str, after: &str) -> bool {
    before
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Items of a paragraph: one when it opens with （一）; several when markers follow one another
/// inside it after a colon or semicolon (（一）…；（二）…).
fn items(text: &str) -> Vec<Item> {
    let mut starts: Vec<(usize, u32)> = Vec::new();
    let mut expected: Option<u32> = None;
    for (i, _) in text.match_indices(['（', '(']) {
        let opens = i == 0 || text[..i].ends_with(['：', '；', '。', ':', ';']);
        if !opens {
            continue;
        }
        if let Some((n, _)) = item_marker(&text[i..])
            && expected.is_none_or(|e| e == n)
        {
            starts.push((i, n));
            expected = Some(n.saturating_add(1));
        }
    }
    if starts.first().is_some_and(|&(i, n)| i > 0 && n != 1) {
        starts.clear();
    }
    let mut out = Vec::with_capacity(starts.len());
    for (k, &(start, number)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |&(e, _)| e);
        out.push(Item {
            number,
            text: text[start..end].to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces<'a>(lines: &[&'a str]) -> Vec<Piece<'a>> {
        lines.iter().map(|t| Piece::new(t, false)).collect()
    }

    #[test]
    fn a_markdown_table_row_is_read_as_cells_and_its_separator_dropped() {
        assert_eq!(
            markdown_row("| 登记费 | 每只60元 | 10日内 |").as_deref(),
            Some("登记费\t每只60元\t10日内")
        );
        assert_eq!(markdown_row("|---|:---:|--:|").as_deref(), Some(""));
        assert_eq!(
            markdown_row("| a \\| b | c | |").as_deref(),
            Some("a | b\tc")
        );
        assert_eq!(markdown_row("| 注 |"), None);
        assert_eq!(markdown_row("第一条 甲"), None);
        let p = paragraphs(
            &pieces(&[
                "收费标准如下：",
                "| 项目 | 标准 |",
                "|---|---|",
                "| 登记费 | 每只60元 |",
            ]),
            None,
        );
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["收费标准如下：", "项目\t标准", "登记费\t每只60元"]);
    }

    #[test]
    fn an_authored_line_broken_inside_a_sentence_goes_on() {
        let p = paragraphs_of(
            &pieces(&[
                "经济困难的公民，可以向法律援助机构申请",
                "法律援助。法律援助机构应当在五个工作日",
                "内作出决定。",
                "第一章 总则",
                "区政府由区长、副区长组成",
                "（一）第一项；",
            ]),
            None,
            true,
        );
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "经济困难的公民，可以向法律援助机构申请法律援助。法律援助机构应当在五个工作日内作出决定。",
                "第一章 总则",
                "区政府由区长、副区长组成",
                "（一）第一项；"
            ]
        );
    }

    #[test]
    fn keeps_one_paragraph_per_line_text() {
        let p = paragraphs(
            &pieces(&["区政府由区长组成。", "区政府组成人员要认真履行职责。"]),
            None,
        );
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn rejoins_a_word_split_across_lines() {
        let p = paragraphs(&pieces(&["会议由区长组", "成，由区长召集和主持。"]), None);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].text, "会议由区长组成，由区长召集和主持。");
    }

    #[test]
    fn a_table_row_is_a_paragraph_of_its_own() {
        let p = paragraphs(
            &pieces(&[
                "检测收费标准如下",
                "一般测试\t每次\t200元",
                "全面测试\t每次\t500元",
                "| 罪名 | 条文 |",
                "| 窃取 | 第一条 |",
            ]),
            None,
        );
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "检测收费标准如下",
                "一般测试\t每次\t200元",
                "全面测试\t每次\t500元",
                // A Markdown row is read as cells, as a Word table's is.
                "罪名\t条文",
                "窃取\t第一条"
            ]
        );
    }

    #[test]
    fn rejoins_full_lines_of_wrapped_text() {
        let lines = [
            "区政府工作的准则是执政为民。依法行政实事求是民主公",
            "开务实高效。",
            "区政府实行区长负责制。",
        ];
        let p = paragraphs(&pieces(&lines), Some(print_width(lines[0])));
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0].text,
            "区政府工作的准则是执政为民。依法行政实事求是民主公开务实高效。"
        );
    }

    #[test]
    fn a_blank_line_inside_a_begun_sentence_does_not_end_the_paragraph() {
        // 洛阳市集中供热条例 第七条 as lawrefbook's Markdown holds it.
        let lines = [
            Piece::new("供热实行政府主导，鼓励、引导社会资本参与供热", false),
            Piece::new("设施的建设和专业化运营。", true),
            Piece::new("供热单位应当建立健全管理制度", true),
            Piece::new("（一）建立维修制度；", true),
        ];
        let texts: Vec<String> = paragraphs(&lines, None)
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(
            texts,
            [
                "供热实行政府主导，鼓励、引导社会资本参与供热设施的建设和专业化运营。",
                "供热单位应当建立健全管理制度",
                "（一）建立维修制度；"
            ]
        );
        // A row of a table set out with spaces, and a word processor's empty paragraph, stay apart.
        let rows = [
            Piece::new("劳工、社会服务、宗教等界 200人", false),
            Piece::new("立法会议员、区域性组织代表", true),
        ];
        assert_eq!(paragraphs(&rows, None).len(), 2);
        let authored = [
            Piece::new("供热实行政府主导，鼓励、引导社会资本参与供热", false),
            Piece::new("设施的建设和专业化运营。", true),
        ];
        assert_eq!(paragraphs_of(&authored, None, true).len(), 2);
    }

    #[test]
    fn a_blank_line_after_a_full_line_that_ends_a_sentence_ends_the_paragraph() {
        let full = "物业管理区域的划分确定应当遵循规划优先、功能完善的原则。";
        let lines = [
            Piece::new(full, false),
            Piece::new("自然资源和规划部门应当征求意见。", true),
            Piece::new(full, false),
            Piece::new("物业主管部门申请划分。", false),
        ];
        let p = paragraphs(&lines, Some(print_width(full)));
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert_eq!(texts[0], full);
    }

    #[test]
    fn finds_items() {
        let p = paragraphs(
            &pieces(&["会议的任务是：", "（一）交流情况；", "（二）研究问题。"]),
            None,
        );
        assert_eq!(p.len(), 3);
        assert_eq!(
            p[1].items,
            vec![Item {
                number: 1,
                text: "（一）交流情况；".into()
            }]
        );
        let inline = items("任务是：（一）交流情况；（二）研究问题。");
        assert_eq!(inline.len(), 2);
        assert_eq!(inline[1].text, "（二）研究问题。");
    }
}
