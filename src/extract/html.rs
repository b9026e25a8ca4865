//! The article body of a web page: the page is decoded by its declared charset (GB2312/GBK pages are
//! common on government sites), parsed with html5ever (via scraper), and the one container that
//! holds the most running text outside links is taken; navigation, side columns, link lists and
//! footers are left out. Blocks and `<br>` become line breaks.

use super::ExtractError;
use ego_tree::NodeRef;
use scraper::{Html, Node};
use std::collections::HashMap;

/// Decodes, parses and returns the text of the page's main container.
pub(super) fn text(bytes: &[u8]) -> Result<String, ExtractError> {
    let source = decode(bytes)?;
    let page = Html::parse_document(&source);
    let root = page.tree.root();
    let mut credit: HashMap<ego_tree::NodeId, usize> = HashMap::new();
    score(root, None, &mut credit);
    let Some((&best, _)) = credit
        .iter()
        .max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id)))
    else {
        return Err(ExtractError::Damaged {
            format: "HTML",
            msg: "the page has no text outside links and navigation".to_string(),
        });
    };
    let container = page.tree.get(best).unwrap_or(root);
    let mut out = String::new();
    write_text(container, &mut out);
    let body = tidy(&out);
    // The page's name (its `<title>` without the site's name, then its `<h1>`, then a line that
    // names a regulation just before the body: a `<div class="tit">`, an `<h2>`, a table cell)
    // often stands outside the article body: it opens the text, for the parser to take the last
    // that names a regulation as the title (or to warn that none does). The 文号 and date of the
    // page's information table (信息公开: `文号：`, `成文日期：`) come first, as a notice's lines.
    let head: Vec<String> = info_lines(root)
        .into_iter()
        .chain([page_title(root), first_h1(root), name_before(container)])
        .flatten()
        .filter(|t| !body.lines().take(5).any(|l| l == t))
        .fold(Vec::new(), |mut names, t| {
            if !names.contains(&t) {
                names.push(t);
            }
            names
        });
    if head.is_empty() {
        return Ok(body);
    }
    Ok(format!("{}\n{body}", head.join("\n")))
}

/// The nearest line before the body (in the body's preceding siblings and those of its three
/// nearest ancestors, links and chrome left out) that names a regulation: government pages set
/// the name in a `<div class="tit">`, an `<h2>` or a table cell beside the text block.
fn name_before(container: NodeRef<Node>) -> Option<String> {
    let mut node = container;
    for _ in 0..4 {
        for sibling in node.prev_siblings().take(8) {
            let mut out = String::new();
            unlinked_text(sibling, &mut out);
            let text = tidy(&out);
            let found = text
                .lines()
                .rev()
                .take(6)
                .find(|l| l.chars().count() <= 60 && crate::text::name::names_a_regulation(l));
            if let Some(line) = found {
                return Some(line.to_string());
            }
        }
        node = node.parent()?;
    }
    None
}

/// The visible text under `node` outside links and chrome, a line break around every block.
fn unlinked_text(node: NodeRef<Node>, out: &mut String) {
    match node.value() {
        Node::Text(t) => out.push_str(t),
        Node::Element(e) => {
            let name = e.name();
            if is_unread(e) || name == "a" {
                return;
            }
            let block = is_block(name) || name == "br";
            if block {
                out.push('\n');
            }
            for child in node.children() {
                unlinked_text(child, out);
            }
            if block {
                out.push('\n');
            }
        }
        _ => {}
    }
}

/// A government page's information fields (信息公开 table, or a line of fields): the 文号 and the
/// date the document was made, each a line of its own as a notice writes them (`某政令〔2023〕3号`,
/// `2023年6月1日`), for the parser's preamble to read. A field's value follows its label in the
/// same text or in the next cell. Fields of other kinds (索引号, 发布机构) are passed over.
fn info_lines(root: NodeRef<Node>) -> Vec<Option<String>> {
    // Text pieces in document order, outside scripts and styles.
    let mut pieces: Vec<String> = Vec::new();
    for node in root.descendants() {
        if let Node::Text(t) = node.value() {
            let hidden = node.ancestors().any(|a| {
                matches!(a.value(), Node::Element(e) if matches!(e.name(), "script" | "style" | "head" | "template"))
            });
            let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            if !hidden && !t.is_empty() {
                pieces.push(t);
            }
        }
    }
    const NUMBER: [&str; 3] = ["文号", "发文字号", "发文文号"];
    const DATES: [&str; 6] = [
        "成文日期",
        "发文日期",
        "印发日期",
        "签发日期",
        "公布日期",
        "发布日期",
    ];
    let mut number: Option<String> = None;
    let mut dates: Vec<(usize, String)> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        let Some((label, rest)) = piece.split_once(['：', ':']) else {
            continue;
        };
        let value = if rest.is_empty() {
            match pieces.get(i + 1) {
                // The next cell, unless it is another label.
                Some(next) if !next.ends_with(['：', ':']) => next.as_str(),
                _ => continue,
            }
        } else {
            rest
        };
        if NUMBER.contains(&label) && number.is_none() && value.ends_with('号') {
            number = Some(value.to_string());
        } else if let Some(rank) = DATES.iter().position(|d| *d == label)
            && let Some(date) = leading_date(value)
        {
            dates.push((rank, date));
        }
    }
    dates.sort();
    vec![number, dates.into_iter().next().map(|(_, d)| d)]
}

/// The date a field's value opens with (`2023-06-01`, `2023年06月01日`, `2023/6/1 10:00`), written
/// as a notice dates itself: `2023年6月1日`.
fn leading_date(value: &str) -> Option<String> {
    let mut parts: Vec<u32> = Vec::new();
    let mut digits = String::new();
    for c in value.chars() {
        if let Some(d) = c.to_digit(10) {
            digits.push(char::from_digit(d, 10)?);
            continue;
        }
        if digits.is_empty() {
            return None;
        }
        parts.push(digits.parse().ok()?);
        digits.clear();
        if parts.len() == 3 || !matches!(c, '-' | '/' | '.' | '年' | '月' | '．') {
            break;
        }
    }
    if !digits.is_empty() && parts.len() < 3 {
        parts.push(digits.parse().ok()?);
    }
    match parts[..] {
        [y, m, d, ..]
            if (1900..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) =>
        {
            Some(format!("{y}年{m}月{d}日"))
        }
        _ => None,
    }
}

/// The first element named `name` under `node`, outside the page's chrome.
fn first_element<'a>(node: NodeRef<'a, Node>, name: &str) -> Option<NodeRef<'a, Node>> {
    node.descendants()
        .find(|n| matches!(n.value(), Node::Element(e) if e.name() == name))
}

/// The text of the page's first `<h1>`, on one line.
fn first_h1(root: NodeRef<Node>) -> Option<String> {
    let h1 = first_element(root, "h1")?;
    let mut out = String::new();
    write_text(h1, &mut out);
    let text = tidy(&out).replace('\n', " ");
    (!text.is_empty()).then_some(text)
}

/// The page's `<title>` without the site's name after it (`重庆市志愿服务条例_重庆市人民政府网`,
/// `… - 某某网`, `…|…`).
fn page_title(root: NodeRef<Node>) -> Option<String> {
    let title = first_element(root, "title")?;
    let text: String = title
        .descendants()
        .filter_map(|n| match n.value() {
            Node::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    let name = text
        .split(['_', '|', '｜', '－'])
        .next()
        .and_then(|t| t.split(" - ").next())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))?;
    (!name.is_empty()).then_some(name)
}

/// The page's text: by a byte-order mark, else the charset its `<meta>` declares in the first
/// 4 KiB, else UTF-8 when valid, else GB18030.
fn decode(bytes: &[u8]) -> Result<String, ExtractError> {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return Ok(enc.decode_with_bom_removal(bytes).0.into_owned());
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let declared = head.find("charset").and_then(|at| {
        let rest = head[at + "charset".len()..].trim_start();
        let rest = rest.strip_prefix('=')?.trim_start();
        let label: String = rest
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    });
    let utf8 = std::str::from_utf8(bytes).ok();
    match (declared, utf8) {
        // A page declared UTF-8 (or nothing) that is valid UTF-8.
        (Some(enc), Some(s)) if enc == encoding_rs::UTF_8 => Ok(s.to_string()),
        (None, Some(s)) => Ok(s.to_string()),
        (Some(enc), _) if enc != encoding_rs::UTF_8 => {
            // GB2312 and GBK labels decode as GBK, whose decoder also reads GB18030 sequences.
            Ok(enc.decode_without_bom_handling(bytes).0.into_owned())
        }
        // Declared UTF-8 but not UTF-8, or undeclared and not UTF-8: Chinese sites mean GB18030.
        _ => encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|s| s.into_owned())
            .ok_or_else(|| ExtractError::Damaged {
                format: "HTML",
                msg: "neither its declared charset, UTF-8 nor GB18030 decodes it".to_string(),
            }),
    }
}

/// Elements whose content is not read: the page's chrome, and what the page hides (the
/// `hidden` attribute, `display: none` or `visibility: hidden` in its `style`), which a reader
/// never sees.
fn is_unread(e: &scraper::node::Element) -> bool {
    if is_chrome(e.name()) || e.attr("hidden").is_some() {
        return true;
    }
    e.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.split(';').any(|rule| {
            let rule = rule.trim_end_matches("!important");
            rule == "display:none" || rule == "visibility:hidden"
        })
    })
}

/// Elements whose content is never the document.
fn is_chrome(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "form"
            | "select"
            | "button"
            | "iframe"
            | "svg"
    )
}

/// Elements that start a new line.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "blockquote"
            | "center"
            | "body"
    )
}

/// A paragraph-like block whose text is credited to its parent, the container of the paragraphs.
fn is_paragraph(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "blockquote" | "li" | "center"
    )
}

/// Credits each text node's visible characters, outside links and page chrome, to the container
/// that holds it: the nearest block, or the parent of the nearest paragraph.
fn score(
    node: NodeRef<Node>,
    container: Option<ego_tree::NodeId>,
    credit: &mut HashMap<ego_tree::NodeId, usize>,
) {
    match node.value() {
        Node::Text(t) => {
            if let Some(c) = container {
                *credit.entry(c).or_default() += t.chars().filter(|c| !c.is_whitespace()).count();
            }
        }
        Node::Element(e) => {
            let name = e.name();
            if is_unread(e) || name == "a" {
                return;
            }
            let here = if is_paragraph(name) {
                node.parent().map(|p| p.id()).or(container)
            } else if is_block(name) {
                Some(node.id())
            } else {
                container
            };
            for child in node.children() {
                score(child, here, credit);
            }
        }
        _ => {
            for child in node.children() {
                score(child, container, credit);
            }
        }
    }
}

/// The visible text under `node`, with a line break around every block and at every `<br>`; a
/// table's rows and cells as [`super::table`] lays them out.
fn write_text(node: NodeRef<Node>, out: &mut String) {
    write_in(node, out, 0, false, &mut Grid::default());
}

/// [`write_text`] inside `cells` open table cells, and inside a `<pre>` when `pre`.
fn write_in(node: NodeRef<Node>, out: &mut String, cells: usize, pre: bool, grid: &mut Grid) {
    match node.value() {
        Node::Text(t) => {
            let mut last_space = out.ends_with([' ', '\t', '\n', BREAK]);
            for c in t.chars() {
                // A `<pre>` keeps its lines (a regulation pasted into one as plain text).
                if pre && cells == 0 && matches!(c, '\n' | '\r') {
                    if c == '\n' {
                        while out.ends_with(' ') {
                            out.pop();
                        }
                        out.push('\n');
                        last_space = true;
                    }
                    continue;
                }
                // HTML collapses runs of ASCII white space; &nbsp; is a space too. A run holding a
                // line break is marked, for `tidy` to drop it between Chinese characters.
                if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}' | '\u{a0}') {
                    if c == '\n' && out.ends_with(' ') && last_space {
                        out.pop();
                        out.push(BREAK);
                    } else if !last_space {
                        out.push(if c == '\n' { BREAK } else { ' ' });
                        last_space = true;
                    }
                } else {
                    out.push(c);
                    last_space = false;
                }
            }
        }
        Node::Element(e) => {
            let name = e.name();
            if is_unread(e) {
                return;
            }
            let block = is_block(name) || name == "br";
            // Inside a cell every break is a space; a cell and a row end as tables do.
            let open = |out: &mut String| {
                if cells > 0 {
                    super::table::space(out);
                } else {
                    out.push('\n');
                }
            };
            let inner = cells + usize::from(matches!(name, "td" | "th"));
            let pre = pre || matches!(name, "pre" | "textarea" | "listing" | "plaintext");
            if block && !matches!(name, "td" | "th" | "tr") {
                open(out);
            }
            let outer = cells == 0;
            let saved = match name {
                "table" if outer => Some(std::mem::take(grid)),
                _ => None,
            };
            match name {
                "tr" if outer => grid.column = 0,
                "td" | "th" if outer => grid.open_cell(out),
                _ => {}
            }
            let start = out.len();
            for child in node.children() {
                write_in(child, out, inner, pre, grid);
            }
            match name {
                "td" | "th" => {
                    if outer {
                        let span = |attr: &str| {
                            e.attr(attr)
                                .and_then(|v| v.trim().parse::<usize>().ok())
                                .map_or(1, |n| n.clamp(1, MAX_SPAN))
                        };
                        let text = out.get(start..).unwrap_or_default().trim();
                        grid.close_cell(text, span("rowspan"), span("colspan"));
                    }
                    super::table::end_cell(out, cells);
                }
                "tr" if outer => {
                    grid.close_row(out);
                    super::table::end_row(out);
                    out.insert(out.len() - 1, ROW_END);
                }
                "table" => {
                    if let Some(saved) = saved {
                        *grid = saved;
                    }
                    if block {
                        open(out);
                    }
                }
                _ if block => open(out),
                _ => {}
            }
        }
        _ => {
            for child in node.children() {
                write_in(child, out, cells, pre, grid);
            }
        }
    }
}

/// The largest rowspan or colspan followed (a page's `rowspan="99999"` is a typo, not a table).
const MAX_SPAN: usize = 1000;

/// The cells of the outermost table that span rows (`rowspan`): a page writes such a cell once,
/// in its first row, and leaves it out of the rows below, whose cells would then slide one
/// column left. Each row it spans repeats its text in its column, so that every row reads whole
/// (a fine keeps the offence it is for), as a Word table's merged cells do.
#[derive(Default)]
struct Grid {
    /// The column the next cell of the row takes (a cell spanning columns counts each).
    column: usize,
    /// Cells of earlier rows still spanning: column, rows left, columns spanned, text.
    spans: Vec<(usize, usize, usize, String)>,
}

impl Grid {
    /// Before a cell (and at a row's end): the cells of rows above that span into this row,
    /// from the current column on, take their places.
    fn open_cell(&mut self, out: &mut String) {
        while let Some(span) = self
            .spans
            .iter_mut()
            .find(|(column, left, _, _)| *column == self.column && *left > 0)
        {
            span.1 -= 1;
            out.push_str(&span.3);
            super::table::end_cell(out, 0);
            self.column += span.2;
        }
    }

    /// After a cell with its own text, spanning `rows` rows and `columns` columns.
    fn close_cell(&mut self, text: &str, rows: usize, columns: usize) {
        if rows > 1 {
            self.spans.retain(|s| s.0 != self.column);
            self.spans
                .push((self.column, rows - 1, columns, text.to_string()));
        }
        self.column += columns;
    }

    /// At a row's end: cells of rows above that span into this row after its last cell take
    /// their places (the columns between them empty), and spans with no row left are done.
    fn close_row(&mut self, out: &mut String) {
        loop {
            self.open_cell(out);
            let next = self
                .spans
                .iter()
                .filter(|s| s.0 > self.column && s.1 > 0)
                .map(|s| s.0)
                .min();
            let Some(next) = next else { break };
            while self.column < next {
                super::table::end_cell(out, 0);
                self.column += 1;
            }
        }
        self.spans.retain(|s| s.1 > 0);
    }
}

/// Marks the blank line after a table row, which [`tidy`] keeps (it drops every other one).
const ROW_END: char = '\u{E001}';

/// Marks a collapsed run of white space that held a line break of the page's source.
const BREAK: char = '\u{E000}';

/// Lines trimmed of the spaces HTML layout leaves, without blank lines (every block is a line). A source line
/// break between two Chinese characters disappears (as browsers render it); elsewhere it is a space.
fn tidy(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let joined: String = chars
        .iter()
        .enumerate()
        .filter_map(|(i, &c)| {
            if c != BREAK {
                return Some(c);
            }
            let wide = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace());
            let between =
                wide(i.checked_sub(1).and_then(|j| chars.get(j))) && wide(chars.get(i + 1));
            (!between).then_some(' ')
        })
        .collect();
    let lines: Vec<&str> = joined
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| if l.chars().eq([ROW_END]) { "" } else { l })
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head><meta charset="gb2312"><title>某区政府工作规则_政策文件</title>
        <script>var x = "第九条 不是正文";</script></head><body>
        <ul class="nav"><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li></ul>
        <div class="left"><a href="/1">某区人民政府关于印发某某工作规则的通知的解读文章</a></div>
        <div id="zoom"><p>第一章&nbsp;总则</p><p>第一条  为了规范工作，
        制定本规则。</p><p>第二条 本规则适用于区政府。<br/>（一）第一项；</p></div>
        <div class="footer">主办单位：某区人民政府办公室 网站标识码：3701020001</div></body></html>"#;

    #[test]
    fn a_table_is_one_line_a_row_with_every_cell() {
        let page = r#"<html><body><div><p>第二条 按下表收费：</p><table>
            <tr><th>车型</th><th>白天</th><th>夜间</th></tr>
            <tr><td>小型车</td><td> 5 </td><td>2</td></tr>
            <tr><td><p>大型</p><p>车辆</p></td><td>10</td></tr></table>
            <p>第三条 本办法自公布之日起施行。</p></div></body></html>"#;
        assert_eq!(
            text(page.as_bytes()).expect("reads"),
            "第二条 按下表收费：\n车型\t白天\t夜间\n\n小型车\t5\t2\n\n大型 车辆\t10\n\n第三条 本办法自公布之日起施行。"
        );
    }

    #[test]
    fn a_cell_spanning_rows_is_repeated_in_each_row() {
        let page = r#"<html><body><div><p>第六条 罚款标准如下：</p><table>
            <tr><td rowspan="2">在疏散通道停放</td><td>单位</td><td>五千元</td></tr>
            <tr><td>个人</td><td>五百元</td></tr>
            <tr><td colspan="2">在住宅内充电</td><td rowspan="3">二百元</td></tr>
            <tr><td>甲</td><td>乙</td></tr>
            <tr><td rowspan="x">丙</td></tr></table>
            <p>第七条 本办法自公布之日起施行。</p></div></body></html>"#;
        assert_eq!(
            text(page.as_bytes()).expect("reads"),
            "第六条 罚款标准如下：\n在疏散通道停放\t单位\t五千元\n\n在疏散通道停放\t个人\t五百元\n\n\
             在住宅内充电\t二百元\n\n甲\t乙\t二百元\n\n丙\t\t二百元\n\n第七条 本办法自公布之日起施行。"
        );
    }

    /// A regulation pasted into a `<pre>` keeps its lines, so its heads open lines; a paragraph
    /// the page hides (`display:none`, `hidden`) is not read.
    #[test]
    fn a_pre_keeps_its_lines_and_hidden_text_is_left_out() {
        let page = "<html><body><pre>某市养犬管理规定\r\n第一章 总则\r\n第一条 为了规范养犬，制定本规定。\n第二条 本规定自公布之日起施行。\n</pre>\
            <p style=\"DISPLAY: none !important\">第三条 隐藏的段落。</p><p hidden>第四条 也隐藏。</p>\
            <p style=\"color:red\">附：看得见。</p></body></html>";
        let text = text(page.as_bytes()).expect("reads");
        assert_eq!(
            text,
            "某市养犬管理规定\n第一章 总则\n第一条 为了规范养犬，制定本规定。\n第二条 本规定自公布之日起施行。\n附：看得见。"
        );
        let doc = parsed(page);
        assert_eq!(doc.articles.len(), 2, "{:?}", doc.warnings);
    }

    #[test]
    fn takes_the_body_and_leaves_navigation_out() {
        let (bytes, _, _) = encoding_rs::GBK.encode(PAGE);
        let text = text(&bytes).expect("reads");
        assert_eq!(
            text,
            "某区政府工作规则\n第一章 总则\n第一条 为了规范工作，制定本规则。\n第二条 本规则适用于区政府。\n（一）第一项；"
        );
    }

    /// 重庆市志愿服务条例 as its government site shows it: the name in `<title>` and in an `<h1>`
    /// above the article body, a side column and a footer.
    fn chongqing(h1: &str) -> String {
        format!(
            r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>重庆市志愿服务条例_重庆市人民政府网</title></head><body>
            <div class="nav"><a href="/">首页</a> &gt; <a>政策法规</a> &gt; 地方性法规</div>
            <div class="main">{h1}<div class="info">发布时间：2015-05-28 来源：重庆市人大常委会</div>
            <div class="content"><p>2015年5月28日 重庆市第四届人民代表大会常务委员会第十八次会议通过</p>
            <p>第一章 总 则</p>
            <p>第一条 为了弘扬奉献、友爱、互助、进步的志愿精神，增强公民志愿服务意识，鼓励和规范志愿服务活动，维护志愿者、志愿服务组织和志愿服务对象的合法权益，根据有关法律、法规，结合本市实际，制定本条例。</p>
            <p>第二条 本条例适用于本市行政区域内开展或者发起的志愿服务。</p></div></div>
            <div class="side"><a href="/1">重庆市人民政府关于印发某某办法的通知</a></div>
            <div class="footer">主办：重庆市人民政府办公厅</div></body></html>"#
        )
    }

    fn parsed(page: &str) -> crate::model::Regulation {
        let text = text(page.as_bytes()).expect("reads");
        crate::parse::parse(crate::parse::Source {
            id: "cq".into(),
            path: std::path::Path::new("cq.html"),
            text: &text,
            kind: crate::parse::SourceKind::Text,
            meta: Default::default(),
        })
    }

    #[test]
    fn the_pages_name_outside_the_body_is_the_title() {
        for h1 in ["<h1>重庆市志愿服务条例</h1>", ""] {
            let doc = parsed(&chongqing(h1));
            assert_eq!(doc.meta.title, "重庆市志愿服务条例", "{h1}");
            assert_eq!(doc.articles.len(), 2);
            assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        }
        // A page that names nothing: the file name stands for the title, and a warning says so.
        let bare = chongqing("").replace("重庆市志愿服务条例_重庆市人民政府网", "");
        let doc = parsed(&bare);
        assert_eq!(doc.meta.title, "cq");
        assert!(
            doc.warnings.iter().any(|w| w.message.contains("no title")),
            "{:?}",
            doc.warnings
        );
    }

    #[test]
    fn decodes_by_the_declared_charset_then_utf8_then_gb18030() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<p>区政府</p>");
        let declared = [b"<meta charset=\"GB2312\">".as_slice(), &gbk].concat();
        assert!(decode(&declared).expect("gbk").contains("区政府"));
        assert!(decode(&gbk).expect("guessed").contains("区政府"));
        assert!(
            decode("<p>区政府</p>".as_bytes())
                .expect("utf8")
                .contains("区政府")
        );
    }
}
