//! HTML output: one self-contained page (inline CSS, no scripts, fonts or network), documents in
//! grid columns side by side with citation headers, a legend, and print styles. The corpus report
//! adds contents, coverage matrix, similarity heatmap and unique provisions.

use super::lang::write_marked;
use super::{
    COVERAGE_NOTE, GROUPS_NOTE, Mark, Render, SIMILARITY_NOTE, base_sentence, group_anchor,
    mark_of, missing_names, report_title, section_id, section_title,
};
use crate::report::{
    ComparedGroup, CorpusReport, CoverageRow, DocName, Section, Table, TocChapter, UniqueList,
    citation,
};
use std::io::{self, Write};

/// A self-contained HTML page (inline CSS, no script).
#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

/// The page style; `guize serve` links the same rules.
pub(crate) const CSS: &str = r#"
:root { --ins: #d3f5d0; --del: #fde2e1; --num: #ffd33d; --line: #d0d7de; --muted: #57606a; --head: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; padding: 16px 20px; color: #1f2328; background: #fff;
  font: 15px/1.7 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
h1 { font-size: 1.45em; margin: .2em 0 .1em; }
h2 { font-size: 1.2em; margin: 1.6em 0 .4em; border-bottom: 1px solid var(--line); }
.meta, .note, .missing { color: var(--muted); font-size: .85em; margin: .2em 0; }
.legend { display: flex; flex-wrap: wrap; gap: .3em 1.4em; font-size: .85em; color: var(--muted); margin: .6em 0 1em; }
.group { margin: 1.2em 0 2.2em; }
.group > h3 { font-size: 1.05em; margin: 0 0 .4em; }
.cols { display: grid; grid-template-columns: repeat(var(--n), minmax(0, 1fr)); gap: 10px; }
.col { border: 1px solid var(--line); border-radius: 6px; min-width: 0; overflow-wrap: anywhere; }
.col > header { background: var(--head); border-bottom: 1px solid var(--line); padding: 4px 10px; }
.col.base > header { background: #ddf4ff; }
.col h4 { margin: 0; font-size: 1em; }
.cite { margin: 0; font-size: .8em; color: var(--muted); }
.text { padding: 6px 10px; white-space: pre-wrap; font-size: .92em; }
ins { background: var(--ins); text-decoration: none; }
del { background: var(--del); color: #82071e; }
mark.num { background: var(--num); font-weight: 700; box-shadow: 0 0 0 1px #bf8700; }
.u1 { border-bottom: 3px solid #c8b6e6; }
.u2 { border-bottom: 3px solid #a585d6; }
.u3 { border-bottom: 3px solid #7e52c2; }
.u4 { border-bottom: 3px solid #5a2ca0; }
table { border-collapse: collapse; font-size: .85em; }
th, td { border: 1px solid var(--line); padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: var(--head); }
td.empty { background: #f0f0f0; }
td.heat { text-align: center; min-width: 4.5em; }
td.self { color: var(--muted); }
nav ol { columns: 2; font-size: .9em; }
@media (max-width: 700px) { .cols { grid-template-columns: 1fr; } nav ol { columns: 1; } }
@media print {
  body { font-size: 9pt; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .group { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The legend of `groups`: a span for each mark that occurs in them, with the counts the output
/// shows ([`super::Legend`]); empty when no mark occurs.
pub(crate) fn legend<'a>(groups: impl IntoIterator<Item = &'a ComparedGroup>) -> String {
    let l = super::Legend::of(groups);
    let mut spans: Vec<String> = Vec::new();
    if l.insert {
        spans.push("<ins>inserted</ins> not in the base".into());
    }
    if l.delete {
        spans.push("<del>deleted</del> base wording it lacks".into());
    }
    if l.number {
        spans.push("<ins><mark class=\"num\">5</mark></ins> a number that differs".into());
    }
    if let Some(line) = l.shade_line() {
        spans.push(format!(
            "<span class=\"u2\">underlined</span> <span class=\"u4\">darker</span>: {}",
            esc(&line)
        ));
    }
    spans.extend(l.shown_line().map(|line| esc(&line)));
    spans.extend(l.weak_line().map(|line| esc(&line)));
    if spans.is_empty() {
        return String::new();
    }
    let spans: String = spans.iter().map(|s| format!("<span>{s}</span>")).collect();
    format!("<div class=\"legend\">{spans}</div>")
}

/// A line under the legend when a partial column shows more than it matched.
fn in_part_html<'a>(groups: impl Iterator<Item = &'a ComparedGroup>) -> String {
    super::in_part_legend(groups)
        .map(|note| format!("<p class=\"meta\">{}</p>", esc(note)))
        .unwrap_or_default()
}

impl Render for Html {
    fn compare(&self, out: &mut dyn Write, group: &ComparedGroup) -> io::Result<()> {
        write_marked(out, |out| {
            page_start(out, &group.label)?;
            writeln!(
                out,
                "<h1>{} <small>{}</small></h1>",
                esc(&group.label),
                esc(&group.id)
            )?;
            writeln!(
                out,
                "<p class=\"meta\">{}</p>{}{}",
                esc(&base_sentence(group)),
                legend(std::iter::once(group)),
                in_part_html(std::iter::once(group))
            )?;
            write_group(out, group, false)?;
            page_end(out)
        })
    }

    fn report(&self, out: &mut dyn Write, report: &CorpusReport) -> io::Result<()> {
        write_marked(out, |out| {
            let title = report_title(report);
            page_start(out, &title)?;
            writeln!(out, "<h1>{}</h1>", esc(&title))?;
            report_body(out, report)?;
            page_end(out)
        })
    }
}

/// A corpus report without its page and heading: the documents, then every section.
pub(crate) fn report_body(out: &mut dyn Write, report: &CorpusReport) -> io::Result<()> {
    // A column "In tables" when a table heads a document by a shorter name than its own.
    let short = report.docs.iter().any(|d| d.short != d.name);
    writeln!(
        out,
        "<table><tr><th>Document</th><th>Name</th><th>Title</th>{}</tr>",
        if short { "<th>In tables</th>" } else { "" }
    )?;
    for d in &report.docs {
        let cell = if short {
            format!("<td>{}</td>", esc(&d.short))
        } else {
            String::new()
        };
        writeln!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td>{cell}</tr>",
            esc(d.id.as_str()),
            esc(&d.name),
            esc(&d.title)
        )?;
    }
    writeln!(out, "</table>")?;
    sections(out, report, 2, "")
}

/// The report's sections, each headed by `<h{level}>` (a kind's own sections one level below).
fn sections(
    out: &mut dyn Write,
    report: &CorpusReport,
    level: usize,
    prefix: &str,
) -> io::Result<()> {
    for (i, section) in report.sections.iter().enumerate() {
        if let Section::Kind(k) = section {
            let ids: Vec<String> = k
                .report
                .docs
                .iter()
                .map(|d| format!("<code>{}</code>", esc(d.id.as_str())))
                .collect();
            writeln!(
                out,
                "<section id=\"kind-{}\" class=\"kind\"><h{level}>{}</h{level}>",
                i + 1,
                esc(&super::align::kind_name_shown(&k.name))
            )?;
            writeln!(
                out,
                "<p class=\"meta\">{} aligned apart from the other kinds: {}.</p>",
                crate::text::counted(k.report.docs.len(), "document"),
                ids.join(", ")
            )?;
            sections(out, &k.report, level + 1, &format!("kind-{}-", i + 1))?;
            writeln!(out, "</section>")?;
            continue;
        }
        writeln!(
            out,
            "<section id=\"{prefix}{}\"><h{level}>{}</h{level}>",
            esc(section_id(section)),
            esc(section_title(section))
        )?;
        match section {
            Section::Contents(chapters) => contents(out, chapters)?,
            Section::Coverage(rows) => coverage(out, &report.docs, rows)?,
            Section::Similarity(m) => heatmap(out, &report.docs, m)?,
            Section::Unique(lists) => unique(out, lists)?,
            Section::Table(t) => table(out, t)?,
            Section::Groups(groups) => {
                writeln!(
                    out,
                    "<p class=\"meta\">{GROUPS_NOTE}</p>{}{}",
                    legend(groups.iter()),
                    in_part_html(groups.iter())
                )?;
                for g in groups {
                    write_group(out, g, true)?;
                }
            }
            Section::Kind(_) => {}
        }
        writeln!(out, "</section>")?;
    }
    Ok(())
}

fn page_start(out: &mut dyn Write, title: &str) -> io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{}\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>",
        crate::extract::generated::HTML_META,
        esc(title)
    )
}

fn page_end(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "</body>\n</html>")
}

/// A group: optional heading, then its columns in a grid.
pub(crate) fn write_group(
    out: &mut dyn Write,
    group: &ComparedGroup,
    heading: bool,
) -> io::Result<()> {
    writeln!(
        out,
        "<section class=\"group\" id=\"{}\">",
        esc(&group_anchor(&group.id))
    )?;
    if heading {
        writeln!(
            out,
            "<h3>{} <small class=\"meta\">{}</small></h3>",
            esc(&group.label),
            esc(&group.id)
        )?;
    }
    writeln!(
        out,
        "<div class=\"cols\" style=\"--n: {}\" data-group=\"{}\">",
        group.columns.len().max(1),
        esc(&group.id)
    )?;
    for column in &group.columns {
        let class = if column.is_base { "col base" } else { "col" };
        let base = if column.is_base { " (base)" } else { "" };
        writeln!(
            out,
            "<article class=\"{class}\" data-doc=\"{}\"><header><h4>{}{base}</h4><p class=\"cite\">{}</p></header>",
            esc(column.doc.id.as_str()),
            esc(&column.doc.name),
            esc(&column.citation())
        )?;
        write!(out, "<div class=\"text\">")?;
        let n = group.columns.len();
        for (i, seg) in column.segments.iter().enumerate() {
            if let Some(mark) = mark_of(seg) {
                let (open, close) = tags(mark);
                let shared = column.shared_by.get(i).copied().unwrap_or(1);
                match shade(shared, n) {
                    Some(level) => write!(
                        out,
                        "<span class=\"u{level}\" title=\"{shared} of {n}\">{open}{}{close}</span>",
                        esc(&seg.text)
                    )?,
                    None => write!(out, "{open}{}{close}", esc(&seg.text))?,
                }
            }
        }
        writeln!(out, "</div></article>")?;
    }
    writeln!(out, "</div>")?;
    if let Some(names) = missing_names(group) {
        writeln!(
            out,
            "<p class=\"missing\">Not in this group: {}</p>",
            esc(&names)
        )?;
    }
    if let Some(names) = super::also_in_part_names(group) {
        writeln!(
            out,
            "<p class=\"missing\">{}: {}</p>",
            super::ALSO_IN_PART,
            esc(&names)
        )?;
    }
    writeln!(out, "</section>")
}

/// Juxta-style shading: words said by every compared document are not shaded; the fewer say
/// them, the darker (levels 1–4; 4 for one document's own words).
fn shade(shared: usize, docs: usize) -> Option<usize> {
    if docs < 2 || shared >= docs {
        return None;
    }
    let missing = (docs - shared.max(1)) as f32 / (docs - 1) as f32;
    Some(((missing * 4.0).ceil() as usize).clamp(1, 4))
}

fn tags(mark: Mark) -> (&'static str, &'static str) {
    match mark {
        Mark::Plain | Mark::Quiet => ("", ""),
        Mark::Insert => ("<ins>", "</ins>"),
        Mark::Delete => ("<del>", "</del>"),
        Mark::NumberInsert => ("<ins><mark class=\"num\">", "</mark></ins>"),
        Mark::NumberDelete => ("<del><mark class=\"num\">", "</mark></del>"),
    }
}

fn contents(out: &mut dyn Write, chapters: &[TocChapter]) -> io::Result<()> {
    writeln!(out, "<nav>")?;
    for ch in chapters {
        let title = super::toc_title(chapters, &ch.title);
        writeln!(out, "<h3>{}</h3><ol>", esc(&title))?;
        for e in &ch.groups {
            writeln!(
                out,
                "<li><a href=\"#{}\">{}</a> <span class=\"meta\">({})</span></li>",
                esc(&group_anchor(&e.group)),
                esc(&e.label),
                super::doc_count(e.docs)
            )?;
        }
        writeln!(out, "</ol>")?;
    }
    writeln!(out, "</nav>")
}

fn doc_header(out: &mut dyn Write, first: &str, docs: &[DocName]) -> io::Result<()> {
    write!(out, "<tr><th>{}</th>", esc(first))?;
    for d in docs {
        write!(out, "<th>{}</th>", esc(&d.short))?;
    }
    writeln!(out, "</tr>")
}

fn coverage(out: &mut dyn Write, docs: &[DocName], rows: &[CoverageRow]) -> io::Result<()> {
    writeln!(
        out,
        "<p class=\"note\">{}</p><table class=\"coverage\">",
        esc(COVERAGE_NOTE)
    )?;
    doc_header(out, "Clause group", docs)?;
    for row in rows {
        write!(
            out,
            "<tr><td><a href=\"#{}\">{}</a></td>",
            esc(&group_anchor(&row.group)),
            esc(&row.label)
        )?;
        for i in 0..row.cells.len() {
            let text = row.cell_text(i, ", ");
            if text.is_empty() {
                write!(out, "<td class=\"empty\"></td>")?;
            } else {
                write!(out, "<td>{text}</td>")?;
            }
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</table>")
}

fn heatmap(out: &mut dyn Write, docs: &[DocName], m: &[Vec<f32>]) -> io::Result<()> {
    if docs.len() > super::GRID_DOCS {
        writeln!(
            out,
            "<p class=\"note\">{} {}</p><table><tr><th>Document</th><th>Closest</th></tr>",
            esc(SIMILARITY_NOTE),
            esc(&super::closest_note(docs.len()))
        )?;
        for (i, (d, row)) in docs.iter().zip(m).enumerate() {
            let closest = super::closest_cell(docs, row, i, &esc);
            writeln!(
                out,
                "<tr><th>{}</th><td>{}</td></tr>",
                esc(&d.name),
                closest
            )?;
        }
        return writeln!(out, "</table>");
    }
    writeln!(
        out,
        "<p class=\"note\">{}</p><table class=\"heatmap\">",
        esc(SIMILARITY_NOTE)
    )?;
    doc_header(out, "", docs)?;
    // Shade between the lowest and highest pair, so that the differences between pairs show;
    // the diagonal (a document with itself) stays neutral.
    let pairs = m
        .iter()
        .enumerate()
        .flat_map(|(i, row)| row.iter().enumerate().filter(move |(j, _)| *j != i))
        .map(|(_, v)| *v);
    let (lo, hi) = pairs.fold((f32::MAX, f32::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    for (i, (d, row)) in docs.iter().zip(m).enumerate() {
        write!(out, "<tr><th>{}</th>", esc(&d.short))?;
        for (j, v) in row.iter().enumerate() {
            if i == j {
                write!(out, "<td class=\"heat self\">—</td>")?;
                continue;
            }
            let shade = if hi > lo {
                0.15 + 0.85 * (v - lo) / (hi - lo)
            } else {
                0.5
            };
            let ink = if shade > 0.55 { "#fff" } else { "#1f2328" };
            write!(
                out,
                "<td class=\"heat\" style=\"background: rgba(9, 105, 218, {shade:.2}); color: {ink}\">{:.0}%</td>",
                v * 100.0
            )?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</table>")
}

fn unique(out: &mut dyn Write, lists: &[UniqueList]) -> io::Result<()> {
    for list in lists {
        writeln!(
            out,
            "<h3>{} ({})</h3><ul>",
            esc(&list.doc.name),
            list.items.len()
        )?;
        for item in &list.items {
            let note = item.in_part_note();
            let note = if note.is_empty() {
                String::new()
            } else {
                format!("<br><small>{}</small>", esc(&note))
            };
            writeln!(
                out,
                "<li><a href=\"#{}\">{}</a> {}: {}{note}</li>",
                esc(&group_anchor(&item.group)),
                esc(&citation(&item.articles)),
                esc(&item.label),
                esc(&item.excerpt)
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    Ok(())
}

fn table(out: &mut dyn Write, t: &Table) -> io::Result<()> {
    if !t.note.is_empty() {
        writeln!(out, "<p class=\"note\">{}</p>", esc(&t.note))?;
    }
    write!(out, "<table><tr>")?;
    for h in &t.header {
        write!(out, "<th>{}</th>", esc(h))?;
    }
    writeln!(out, "</tr>")?;
    for row in &t.rows {
        write!(out, "<tr>")?;
        for cell in row {
            if cell.is_marked {
                write!(
                    out,
                    "<td><mark class=\"num\">{}</mark></td>",
                    esc(&cell.text)
                )?;
            } else {
                write!(out, "<td>{}</td>", esc(&cell.text))?;
            }
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</table>")
}

/// Escapes text for HTML content and attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
