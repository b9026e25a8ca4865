//! The 修改前后对照表 of two editions in five formats: terminal, Markdown, HTML, Word (DOCX) and JSON.
//! Each row shows the old articles with the wording the new edition drops struck through, the new
//! articles with the wording it adds underlined, and what happened (条号变更, 修改, 拆分 …).
//! With `changed_only`, runs of unchanged articles fold into one line.

use crate::diff::Op;
use crate::render::docx::{Cell, Para, Style, WordDoc};
use crate::render::style::{Painter, Role};
use crate::report::{ArticleCite, DocName};
use crate::safe_text::neutralize;
use crate::versions::{ChangeKind, Comparison, Row, Summary};
use serde::Serialize;
use std::io::{self, Write};

/// Output formats of `guize versions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Side-by-side columns for a terminal.
    Terminal {
        /// Write ANSI colours.
        color: bool,
    },
    /// Markdown with `<ins>`/`<del>` marks.
    Markdown,
    /// A self-contained HTML page.
    Html,
    /// A Word document.
    Docx,
    /// JSON.
    Json,
}

/// Writes `cmp` in `format`.
pub fn write(
    out: &mut dyn Write,
    cmp: &Comparison,
    format: Format,
    changed_only: bool,
) -> io::Result<()> {
    match format {
        Format::Terminal { color } => terminal(out, cmp, changed_only, color),
        Format::Markdown => markdown(out, cmp, changed_only),
        Format::Html => super::lang::write_marked(out, |out| html(out, cmp, changed_only)),
        Format::Docx => word(out, cmp, changed_only),
        Format::Json => json(out, cmp, changed_only),
    }
}

/// A row to show, or a run of unchanged rows folded into one line.
enum Item<'a> {
    Row(&'a Row),
    Folded(Vec<&'a Row>),
}

fn items(cmp: &Comparison, changed_only: bool) -> Vec<Item<'_>> {
    let mut out: Vec<Item> = Vec::new();
    for r in &cmp.rows {
        if changed_only && r.unchanged() {
            if let Some(Item::Folded(run)) = out.last_mut() {
                run.push(r);
            } else {
                out.push(Item::Folded(vec![r]));
            }
        } else {
            out.push(Item::Row(r));
        }
    }
    out
}

/// `12 unchanged articles (第一条–第十二条)`, and for renumbered ones the numbers on both sides:
/// `3 unchanged articles (第四条、第六条–第七条 → 第八条–第十条; 3 renumbered)`. A range names only
/// articles of the run: one moved out of it (第五条 above) breaks the range.
fn folded_line(run: &[&Row]) -> String {
    let old: Vec<&ArticleCite> = run.iter().filter_map(|r| r.old.first()).collect();
    let new: Vec<&ArticleCite> = run.iter().filter_map(|r| r.new.first()).collect();
    let renumbered = run.iter().filter(|r| r.renumbered()).count();
    let mut range = spans(&old);
    if renumbered > 0 {
        range = format!("{range} → {}", spans(&new));
    }
    let noun = if run.len() == 1 {
        "article"
    } else {
        "articles"
    };
    let mut s = format!("… {} unchanged {noun} ({range}", run.len());
    if renumbered > 0 {
        s.push_str(&format!("; {renumbered} renumbered"));
    }
    s.push_str(") …");
    s
}

/// Articles named by runs of consecutive numbers (`第一条–第三条`), the runs joined by 、.
fn spans(cites: &[&ArticleCite]) -> String {
    let mut runs: Vec<(&ArticleCite, &ArticleCite)> = Vec::new();
    for &c in cites {
        match runs.last_mut() {
            Some((_, last)) if last.sub == 0 && c.sub == 0 && c.number == last.number + 1 => {
                *last = c;
            }
            _ => runs.push((c, c)),
        }
    }
    runs.iter()
        .map(|(a, b)| {
            if a.label == b.label {
                a.label.clone()
            } else {
                format!("{}–{}", a.label, b.label)
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// One line of counts.
pub fn summary_line(s: &Summary) -> String {
    format!(
        "{} → {} articles: {} unchanged, {} modified, {} renumbered, {} moved, {} split, {} merged, {} added, {} deleted",
        s.old_articles,
        s.new_articles,
        s.unchanged,
        s.modified,
        s.renumbered,
        s.moved,
        s.split,
        s.merged,
        s.added,
        s.deleted
    )
}

/// The chapters renumbered, retitled, moved, added or deleted (`Comparison::chapters`), one
/// line: `chapters: 第五章 合理利用 → 第四章 合理利用 (moved); …`; none when no chapter changed.
pub fn chapters_line(cmp: &Comparison) -> Option<String> {
    let changes = cmp.chapters();
    (!changes.is_empty()).then(|| {
        let lines: Vec<String> = changes.iter().map(|c| c.line()).collect();
        format!("chapters: {}", lines.join("; "))
    })
}

/// How a piece of one side is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Plain,
    Changed,
    Number,
    /// The number of the second and later articles of a side (第二十七条之一 of a split), where
    /// that article begins.
    Head,
}

/// One side of a row as (text, mark) pieces: the old side is `Equal` + `Delete`, the new side
/// `Equal` + `Insert`. An added or deleted article is marked whole. On a side of several articles
/// (a split's new side, a merge's old side) each article after the first opens with its number,
/// as the document writes it.
fn side(row: &Row, old: bool) -> Vec<(&str, Mark)> {
    let (arts, starts, text) = if old {
        (&row.old, &row.old_starts, &row.old_text)
    } else {
        (&row.new, &row.new_starts, &row.new_text)
    };
    with_heads(marked_side(row, old), arts, starts, text)
}

/// `pieces` cut where each article after the first begins, its number put there. Left as they
/// are when the pieces do not spell `text` (a renderer never shows a number in the wrong place).
fn with_heads<'a>(
    pieces: Vec<(&'a str, Mark)>,
    arts: &'a [ArticleCite],
    starts: &[usize],
    text: &str,
) -> Vec<(&'a str, Mark)> {
    if arts.len() < 2 || starts.len() != arts.len() {
        return pieces;
    }
    let spelled: usize = pieces.iter().map(|(t, _)| t.len()).sum();
    if spelled != text.len() || !pieces.iter().map(|(t, _)| *t).eq(split_like(text, &pieces)) {
        return pieces;
    }
    let mut out = Vec::with_capacity(pieces.len() + arts.len());
    let mut heads = starts.iter().zip(arts).skip(1).peekable();
    let mut at = 0;
    for (piece, mark) in pieces {
        let mut rest = piece;
        let mut here = at;
        while let Some(&(&start, art)) = heads.peek() {
            if start < here
                || start > here + rest.len()
                || (start == here + rest.len() && !rest.is_empty())
            {
                break;
            }
            let Some((before, after)) = rest.split_at_checked(start - here) else {
                break;
            };
            // The newline that ends the article before is no wording: a mark closes before it.
            match before.strip_suffix('\n') {
                Some(text) => {
                    if !text.is_empty() {
                        out.push((text, mark));
                    }
                    out.push(("\n", Mark::Plain));
                }
                None if !before.is_empty() => out.push((before, mark)),
                None => {}
            }
            out.push((art.label.as_str(), Mark::Head));
            here = start;
            rest = after;
            heads.next();
        }
        if !rest.is_empty() {
            out.push((rest, mark));
        }
        at += piece.len();
    }
    out
}

/// `text` cut at the lengths of `pieces`, to compare them with it.
fn split_like<'t>(text: &'t str, pieces: &[(&str, Mark)]) -> Vec<&'t str> {
    let mut at = 0;
    pieces
        .iter()
        .map(|(p, _)| {
            let part = text.get(at..at + p.len()).unwrap_or("");
            at += p.len();
            part
        })
        .collect()
}

fn marked_side(row: &Row, old: bool) -> Vec<(&str, Mark)> {
    if row.segments.is_empty() {
        let text = if old { &row.old_text } else { &row.new_text };
        let whole = match row.kind {
            ChangeKind::Added | ChangeKind::Deleted => Mark::Changed,
            _ => Mark::Plain,
        };
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![(text.as_str(), whole)]
        };
    }
    let own = if old { Op::Delete } else { Op::Insert };
    // A deletion and an insertion that say the same in other widths ((一) / （一）) are one
    // wording typeset twice: each side shows its own, unmarked.
    let folded = |t: &str| -> String { t.chars().map(crate::text::fold::fold_width_all).collect() };
    let retypeset: Vec<bool> = (0..row.segments.len())
        .map(|i| {
            let pair = |a: usize, b: usize| {
                let (Some(x), Some(y)) = (row.segments.get(a), row.segments.get(b)) else {
                    return false;
                };
                x.op == Op::Delete
                    && y.op == Op::Insert
                    && x.is_punct
                    && y.is_punct
                    && folded(&x.text) == folded(&y.text)
            };
            pair(i, i + 1) || (i > 0 && pair(i - 1, i))
        })
        .collect();
    row.segments
        .iter()
        .zip(retypeset)
        .filter(|(s, _)| s.op == Op::Equal || s.op == own)
        .map(|(s, retypeset)| {
            let mark = match (s.op, s.is_number) {
                (Op::Equal, _) => Mark::Plain,
                _ if retypeset => Mark::Plain,
                (_, true) => Mark::Number,
                _ => Mark::Changed,
            };
            (s.text.as_str(), mark)
        })
        .collect()
}

fn cite_line(articles: &[ArticleCite]) -> String {
    crate::report::citation(articles)
}

fn doc_line(d: &DocName) -> String {
    if d.title.is_empty() {
        d.id.to_string()
    } else {
        format!("{} ({})", d.title, d.id)
    }
}

// ---- terminal ----

fn terminal(
    out: &mut dyn Write,
    cmp: &Comparison,
    changed_only: bool,
    color: bool,
) -> io::Result<()> {
    let paint = Painter { color };
    let (bold, dim) = (paint.role(Role::Heading), paint.role(Role::Dim));
    writeln!(out, "{bold}修改前后对照表{bold:#}")?;
    // Corpus text is neutralised before it meets a coloured stream, which lets styles through.
    writeln!(out, "old: {}", neutralize(&doc_line(&cmp.old)))?;
    writeln!(out, "new: {}", neutralize(&doc_line(&cmp.new)))?;
    writeln!(out, "{dim}{}{dim:#}", summary_line(&cmp.summary()))?;
    if let Some(line) = chapters_line(cmp) {
        writeln!(out, "{dim}{}{dim:#}", neutralize(&line))?;
    }
    for item in items(cmp, changed_only) {
        writeln!(out)?;
        let row = match item {
            Item::Folded(run) => {
                writeln!(out, "{dim}{}{dim:#}", folded_line(&run))?;
                continue;
            }
            Item::Row(r) => r,
        };
        writeln!(out, "{bold}{}{bold:#}  {}", row.heading(), row.status())?;
        let old = side(row, true);
        let new = side(row, false);
        if row.unchanged() {
            writeln!(out, "  {}", neutralize(&flat(&new)))?;
            continue;
        }
        if !old.is_empty() {
            write!(out, "  修改前：")?;
            write_marked(out, &old, true, color)?;
        }
        if !new.is_empty() {
            write!(out, "  修改后：")?;
            write_marked(out, &new, false, color)?;
        }
    }
    if !color {
        writeln!(
            out,
            "\n[-…-] wording the new edition drops · {{+…+}} wording it adds · [#…#] / {{#…#}} a changed number"
        )?;
    }
    Ok(())
}

fn flat(pieces: &[(&str, Mark)]) -> String {
    pieces
        .iter()
        .map(|(t, _)| *t)
        .collect::<String>()
        .replace('\n', "\n  ")
}

fn write_marked(
    out: &mut dyn Write,
    pieces: &[(&str, Mark)],
    old: bool,
    color: bool,
) -> io::Result<()> {
    let paint = Painter { color };
    for (text, mark) in pieces {
        if *mark == Mark::Head {
            let head = paint.role(Role::Heading);
            write!(out, "{head}{}{head:#}\u{3000}", neutralize(text))?;
            continue;
        }
        let text = text.replace('\n', "\n        ");
        let mark = match (mark, old) {
            (Mark::Head, _) => crate::render::Mark::Plain,
            (Mark::Plain, _) => crate::render::Mark::Plain,
            (Mark::Changed, true) => crate::render::Mark::Delete,
            (Mark::Changed, false) => crate::render::Mark::Insert,
            (Mark::Number, true) => crate::render::Mark::NumberDelete,
            (Mark::Number, false) => crate::render::Mark::NumberInsert,
        };
        write!(out, "{}", paint.marked(mark, &text))?;
    }
    writeln!(out)
}

// ---- Markdown ----

/// Markdown escaping as the compare renderer does it, with line breaks kept inside table cells.
fn md_esc(text: &str) -> String {
    crate::render::markdown::esc(text).replace('\n', "<br>")
}

fn md_side(pieces: &[(&str, Mark)], old: bool) -> String {
    let tag = if old { "del" } else { "ins" };
    pieces
        .iter()
        .map(|(t, m)| match m {
            Mark::Plain => md_esc(t),
            Mark::Head => format!("**{}**\u{3000}", md_esc(t)),
            Mark::Changed => wrap_lines(t, tag, md_esc),
            Mark::Number => wrap_lines(t, &format!("{tag}><mark"), md_esc),
        })
        .collect()
}

/// `<tag>text</tag>`, closed and reopened around line breaks (`tag` may be `del><mark`).
fn wrap_lines(text: &str, tag: &str, esc: fn(&str) -> String) -> String {
    let close: String = tag
        .split("><")
        .collect::<Vec<_>>()
        .iter()
        .rev()
        .map(|t| format!("</{t}>"))
        .collect();
    text.split('\n')
        .map(|part| {
            if part.is_empty() {
                String::new()
            } else {
                format!("<{tag}>{}{close}", esc(part))
            }
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

fn markdown(out: &mut dyn Write, cmp: &Comparison, changed_only: bool) -> io::Result<()> {
    writeln!(out, "{}", crate::extract::generated::MARKDOWN_MARK)?;
    writeln!(out, "# 修改前后对照表\n")?;
    writeln!(out, "- 修改前 (old): {}", md_esc(&doc_line(&cmp.old)))?;
    writeln!(out, "- 修改后 (new): {}", md_esc(&doc_line(&cmp.new)))?;
    match chapters_line(cmp) {
        Some(line) => writeln!(
            out,
            "- {}\n- {}\n",
            summary_line(&cmp.summary()),
            md_esc(&line)
        )?,
        None => writeln!(out, "- {}\n", summary_line(&cmp.summary()))?,
    }
    writeln!(
        out,
        "<del>struck</del>: wording the new edition drops · <ins>underlined</ins>: wording it adds · <mark>marked</mark>: a changed number\n"
    )?;
    writeln!(out, "| 修改前 | 修改后 | 说明 |\n|---|---|---|")?;
    for item in items(cmp, changed_only) {
        match item {
            Item::Folded(run) => writeln!(out, "| {} | | 未修改 |", md_esc(&folded_line(&run)))?,
            Item::Row(row) => {
                let cell = |arts: &[ArticleCite], pieces: &[(&str, Mark)], old: bool| {
                    if arts.is_empty() {
                        return String::new();
                    }
                    format!(
                        "**{}**<br>{}",
                        md_esc(&cite_line(arts)),
                        md_side(pieces, old)
                    )
                };
                writeln!(
                    out,
                    "| {} | {} | {} |",
                    cell(&row.old, &side(row, true), true),
                    cell(&row.new, &side(row, false), false),
                    row.status()
                )?;
            }
        }
    }
    Ok(())
}

// ---- HTML ----

/// HTML escaping shared with the compare renderer.
fn html_esc(text: &str) -> String {
    crate::render::html::esc(text)
}

const CSS: &str = r#"
body { margin: 0; padding: 16px 20px; color: #1f2328;
  font: 15px/1.7 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
h1 { font-size: 1.4em; }
.meta { color: #57606a; font-size: .9em; margin: .2em 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; vertical-align: top; text-align: left;
  white-space: pre-wrap; overflow-wrap: anywhere; }
th { background: #f6f8fa; }
col.status { width: 9em; }
.cite { font-weight: 600; display: block; }
ins { background: #d3f5d0; text-decoration: underline; }
del { background: #fde2e1; color: #82071e; }
mark { background: #ffd33d; font-weight: 700; }
tr.folded td { color: #57606a; background: #fafbfc; }
@media print { * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } tr { break-inside: avoid; } }
"#;

fn html_side(pieces: &[(&str, Mark)], old: bool) -> String {
    let tag = if old { "del" } else { "ins" };
    pieces
        .iter()
        .map(|(t, m)| match m {
            Mark::Plain => html_esc(t),
            Mark::Head => format!("<b class=\"article\">{}</b>\u{3000}", html_esc(t)),
            Mark::Changed => format!("<{tag}>{}</{tag}>", html_esc(t)),
            Mark::Number => format!("<{tag}><mark>{}</mark></{tag}>", html_esc(t)),
        })
        .collect()
}

fn html(out: &mut dyn Write, cmp: &Comparison, changed_only: bool) -> io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n{}\n<title>修改前后对照表</title>\n<style>{CSS}</style>\n</head>\n<body>",
        crate::extract::generated::HTML_META
    )?;
    writeln!(out, "<h1>修改前后对照表</h1>")?;
    writeln!(
        out,
        "<p class=\"meta\">修改前 (old): {}</p>",
        html_esc(&doc_line(&cmp.old))
    )?;
    writeln!(
        out,
        "<p class=\"meta\">修改后 (new): {}</p>",
        html_esc(&doc_line(&cmp.new))
    )?;
    writeln!(
        out,
        "<p class=\"meta\">{}</p>",
        summary_line(&cmp.summary())
    )?;
    if let Some(line) = chapters_line(cmp) {
        writeln!(out, "<p class=\"meta\">{}</p>", html_esc(&line))?;
    }
    writeln!(
        out,
        "<p class=\"meta\"><del>struck</del>: wording the new edition drops · <ins>underlined</ins>: wording it adds · <ins><mark>5</mark></ins>: a changed number</p>"
    )?;
    writeln!(
        out,
        "<table><colgroup><col><col><col class=\"status\"></colgroup>\n<tr><th>修改前</th><th>修改后</th><th>说明</th></tr>"
    )?;
    for item in items(cmp, changed_only) {
        match item {
            Item::Folded(run) => writeln!(
                out,
                "<tr class=\"folded\"><td colspan=\"2\">{}</td><td>未修改</td></tr>",
                html_esc(&folded_line(&run))
            )?,
            Item::Row(row) => {
                let cell = |arts: &[ArticleCite], old: bool| {
                    if arts.is_empty() {
                        return String::new();
                    }
                    format!(
                        "<span class=\"cite\">{}</span>{}",
                        html_esc(&cite_line(arts)),
                        html_side(&side(row, old), old)
                    )
                };
                writeln!(
                    out,
                    "<tr data-kind=\"{}\"><td>{}</td><td>{}</td><td>{}</td></tr>",
                    row.kind.as_str(),
                    cell(&row.old, true),
                    cell(&row.new, false),
                    row.status()
                )?;
            }
        }
    }
    writeln!(out, "</table>\n</body>\n</html>")
}

// ---- DOCX ----

fn word_side(row: &Row, old: bool) -> Vec<Para> {
    let arts = if old { &row.old } else { &row.new };
    if arts.is_empty() {
        return vec![Para::default()];
    }
    let mut paras = vec![Para::styled(cite_line(arts), Style::Bold)];
    let mut p = Para::default();
    for (text, mark) in side(row, old) {
        if mark == Mark::Head {
            p.push(text, Style::Bold);
            p.push("\u{3000}", Style::Plain);
            continue;
        }
        let style = match (mark, old) {
            (Mark::Plain | Mark::Head, _) => Style::Plain,
            (Mark::Changed, true) => Style::Delete,
            (Mark::Changed, false) => Style::Insert,
            (Mark::Number, true) => Style::NumberDelete,
            (Mark::Number, false) => Style::NumberInsert,
        };
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                paras.push(std::mem::take(&mut p));
            }
            p.push(part, style);
        }
    }
    paras.push(p);
    paras
}

fn word(out: &mut dyn Write, cmp: &Comparison, changed_only: bool) -> io::Result<()> {
    let mut doc = WordDoc::new(false);
    doc.heading(1, "修改前后对照表");
    doc.para(&Para::plain(format!(
        "修改前 (old): {}",
        doc_line(&cmp.old)
    )));
    doc.para(&Para::plain(format!(
        "修改后 (new): {}",
        doc_line(&cmp.new)
    )));
    doc.para(&Para::styled(summary_line(&cmp.summary()), Style::Muted));
    if let Some(line) = chapters_line(cmp) {
        doc.para(&Para::styled(line, Style::Muted));
    }
    let mut legend = Para::default();
    legend.push("struck", Style::Delete);
    legend.push(": wording the new edition drops · ", Style::Muted);
    legend.push("underlined", Style::Insert);
    legend.push(": wording it adds · ", Style::Muted);
    legend.push("5", Style::NumberInsert);
    legend.push(": a changed number", Style::Muted);
    doc.para(&legend);
    let head = |t: &str| Cell::header(vec![Para::styled(t, Style::Bold)]);
    let mut rows = vec![vec![head("修改前"), head("修改后"), head("说明")]];
    for item in items(cmp, changed_only) {
        match item {
            Item::Folded(run) => rows.push(vec![
                Cell {
                    paras: vec![Para::styled(folded_line(&run), Style::Muted)],
                    shaded: false,
                },
                Cell::default(),
                Cell::text("未修改"),
            ]),
            Item::Row(row) => rows.push(vec![
                Cell {
                    paras: word_side(row, true),
                    shaded: false,
                },
                Cell {
                    paras: word_side(row, false),
                    shaded: false,
                },
                Cell::text(row.status()),
            ]),
        }
    }
    doc.table(&[5, 5, 1], &rows, 1);
    doc.write(out, "修改前后对照表")
}

// ---- JSON ----

#[derive(Serialize)]
struct JsonOut<'a> {
    old: JsonDoc<'a>,
    new: JsonDoc<'a>,
    summary: JsonSummary,
    /// The chapters renumbered, retitled, moved, added or deleted.
    chapters: Vec<JsonChapter>,
    rows: Vec<JsonRow<'a>>,
    /// Unchanged rows left out by `--changed-only`.
    folded: usize,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct JsonChapter {
    /// The old edition's chapter as cited (null: only the new edition has it).
    old: Option<String>,
    /// The new edition's chapter as cited (null: only the old edition has it).
    new: Option<String>,
    moved: bool,
}

#[derive(Serialize)]
struct JsonSummary {
    old_articles: usize,
    new_articles: usize,
    unchanged: usize,
    modified: usize,
    renumbered: usize,
    moved: usize,
    split: usize,
    merged: usize,
    added: usize,
    deleted: usize,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    kind: &'static str,
    status: String,
    renumbered: bool,
    modified: bool,
    /// The only change is citations that follow the renumbering (`Row::references_follow`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    references_follow: bool,
    similarity: f32,
    old: Vec<JsonArticle>,
    new: Vec<JsonArticle>,
    old_text: &'a str,
    new_text: &'a str,
    segments: Vec<JsonSegment<'a>>,
    /// A deleted article: the new articles holding its wording (`Row::elsewhere`).
    moved_to: Vec<JsonElsewhere>,
    /// An added article: the old articles whose wording it holds.
    moved_from: Vec<JsonElsewhere>,
}

#[derive(Serialize)]
struct JsonElsewhere {
    #[serde(flatten)]
    article: JsonArticle,
    /// Most of the whole article, not only one of its paragraphs.
    whole: bool,
}

#[derive(Serialize)]
struct JsonArticle {
    number: u32,
    label: String,
    chapter: String,
    lines: [usize; 2],
    /// The article's own text as written (a row's side of several articles, cut where each
    /// begins); absent in `moved_to` / `moved_from`.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

/// Each article's text of one side: `text` cut at `starts`, without the joining newline.
fn article_texts<'t>(text: &'t str, starts: &[usize]) -> Vec<&'t str> {
    starts
        .iter()
        .enumerate()
        .map(|(k, &from)| {
            let to = starts
                .get(k + 1)
                .map_or(text.len(), |&next| next.saturating_sub(1));
            text.get(from..to.max(from)).unwrap_or("")
        })
        .collect()
}

#[derive(Serialize)]
struct JsonSegment<'a> {
    op: &'static str,
    text: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    number: bool,
}

fn json(out: &mut dyn Write, cmp: &Comparison, changed_only: bool) -> io::Result<()> {
    let s = cmp.summary();
    let article = |c: &ArticleCite| JsonArticle {
        number: c.number,
        label: c.label.clone(),
        chapter: c.chapter_label(),
        lines: [c.lines.0, c.lines.1],
        text: None,
    };
    let articles = |a: &[ArticleCite], text: &str, starts: &[usize]| {
        a.iter()
            .zip(article_texts(text, starts))
            .map(|(c, t)| JsonArticle {
                text: Some(t.to_string()),
                ..article(c)
            })
            .collect()
    };
    let elsewhere = |r: &Row, kind: ChangeKind| {
        r.elsewhere
            .iter()
            .filter(|_| r.kind == kind)
            .map(|e| JsonElsewhere {
                article: article(&e.article),
                whole: e.whole,
            })
            .collect()
    };
    let shown: Vec<&Row> = cmp
        .rows
        .iter()
        .filter(|r| !(changed_only && r.unchanged()))
        .collect();
    let value = JsonOut {
        old: JsonDoc {
            id: cmp.old.id.as_str(),
            title: &cmp.old.title,
        },
        new: JsonDoc {
            id: cmp.new.id.as_str(),
            title: &cmp.new.title,
        },
        summary: JsonSummary {
            old_articles: s.old_articles,
            new_articles: s.new_articles,
            unchanged: s.unchanged,
            modified: s.modified,
            renumbered: s.renumbered,
            moved: s.moved,
            split: s.split,
            merged: s.merged,
            added: s.added,
            deleted: s.deleted,
        },
        chapters: cmp
            .chapters()
            .iter()
            .map(|c| JsonChapter {
                old: c.old.as_ref().map(|x| x.label()),
                new: c.new.as_ref().map(|x| x.label()),
                moved: c.moved,
            })
            .collect(),
        folded: cmp.rows.len() - shown.len(),
        rows: shown
            .iter()
            .map(|r| JsonRow {
                kind: r.kind.as_str(),
                status: r.status(),
                renumbered: r.renumbered(),
                modified: r.reworded(),
                references_follow: r.references_follow,
                similarity: (r.similarity * 1000.0).round() / 1000.0,
                old: articles(&r.old, &r.old_text, &r.old_starts),
                new: articles(&r.new, &r.new_text, &r.new_starts),
                old_text: &r.old_text,
                new_text: &r.new_text,
                segments: r
                    .segments
                    .iter()
                    .map(|g| JsonSegment {
                        op: g.op.as_str(),
                        text: &g.text,
                        number: g.is_number,
                    })
                    .collect(),
                moved_to: elsewhere(r, ChangeKind::Deleted),
                moved_from: elsewhere(r, ChangeKind::Added),
            })
            .collect(),
    };
    crate::render::wire::write_json(out, &value)
}
