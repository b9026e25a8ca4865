//! Markdown output: one heading per document under the group, its text with `<ins>`, `<del>`
//! and `<mark>` (inline HTML renders in ordinary viewers and, unlike `**`/`~~`, is not defeated
//! by CommonMark's flanking rules next to Chinese punctuation). Plain text readers still see marks.

use super::{
    COVERAGE_NOTE, GROUPS_NOTE, Mark, Render, SIMILARITY_NOTE, base_sentence, group_anchor,
    mark_of, missing_names, report_title, section_id, section_title,
};
use crate::extract::generated::MARKDOWN_MARK;
use crate::report::{
    ComparedGroup, CorpusReport, CoverageRow, DocName, Section, Table, TocChapter, UniqueList,
    citation,
};
use std::io::{self, Write};

/// Markdown with `<ins>`/`<del>` marks.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

/// The legend of `groups`: a phrase for each mark that occurs in them, with the counts the
/// output shows ([`super::Legend`]); empty when no mark occurs.
fn legend<'a>(groups: impl IntoIterator<Item = &'a ComparedGroup>) -> String {
    let l = super::Legend::of(groups);
    let mut parts: Vec<String> = Vec::new();
    if l.insert {
        parts.push("<ins>inserted</ins>: not in the base".into());
    }
    if l.delete {
        parts.push("<del>deleted</del>: base wording it lacks".into());
    }
    if l.number {
        parts.push("<mark>marked</mark>: a number that differs".into());
    }
    parts.extend(l.shared_line(&|k| format!("<sup>{k}</sup>")));
    parts.extend(l.shown_line());
    parts.extend(l.weak_line());
    parts.join(" · ")
}

impl Render for Markdown {
    fn compare(&self, out: &mut dyn Write, group: &ComparedGroup) -> io::Result<()> {
        writeln!(out, "{MARKDOWN_MARK}")?;
        write_group(out, group, 1)
    }

    fn report(&self, out: &mut dyn Write, report: &CorpusReport) -> io::Result<()> {
        writeln!(out, "{MARKDOWN_MARK}")?;
        writeln!(out, "# {}\n", report_title(report))?;
        // A column "In tables" when a table heads a document by a shorter name than its own.
        let short = report.docs.iter().any(|d| d.short != d.name);
        let (head, rule) = if short {
            (" In tables |", "---|")
        } else {
            ("", "")
        };
        writeln!(
            out,
            "| Document | Name | Title |{head}\n|---|---|---|{rule}"
        )?;
        for d in &report.docs {
            let cell = if short {
                format!(" {} |", esc(&d.short))
            } else {
                String::new()
            };
            writeln!(
                out,
                "| {} | {} | {} |{cell}",
                code(d.id.as_str()),
                esc(&d.name),
                esc(&d.title)
            )?;
        }
        writeln!(out)?;
        sections(out, report, 2, "")
    }
}

/// The report's sections, each headed at `level` (a kind's own sections one level below it).
fn sections(
    out: &mut dyn Write,
    report: &CorpusReport,
    level: usize,
    prefix: &str,
) -> io::Result<()> {
    let h = "#".repeat(level);
    for (i, section) in report.sections.iter().enumerate() {
        if let Section::Kind(k) = section {
            let ids: Vec<String> = k.report.docs.iter().map(|d| code(d.id.as_str())).collect();
            writeln!(out, "<a id=\"kind-{}\"></a>\n", i + 1)?;
            writeln!(
                out,
                "{h} {}\n",
                esc(&super::align::kind_name_shown(&k.name))
            )?;
            writeln!(
                out,
                "{} aligned apart from the other kinds: {}.\n",
                crate::text::counted(k.report.docs.len(), "document"),
                ids.join(", ")
            )?;
            sections(out, &k.report, level + 1, &format!("kind-{}-", i + 1))?;
            continue;
        }
        writeln!(out, "<a id=\"{prefix}{}\"></a>\n", section_id(section))?;
        writeln!(out, "{h} {}\n", section_title(section))?;
        match section {
            Section::Contents(chapters) => contents(out, chapters)?,
            Section::Coverage(rows) => coverage(out, &report.docs, rows)?,
            Section::Similarity(m) => similarity(out, &report.docs, m)?,
            Section::Unique(lists) => unique(out, lists)?,
            Section::Table(t) => table(out, t)?,
            Section::Groups(groups) => {
                let legend = legend(groups.iter());
                let sep = if legend.is_empty() { "" } else { " " };
                writeln!(
                    out,
                    "{GROUPS_NOTE}{sep}{legend}{}\n",
                    in_part_md(groups.iter())
                )?;
                for g in groups {
                    write_group(out, g, level + 1)?;
                }
            }
            Section::Kind(_) => {}
        }
    }
    Ok(())
}

/// ` · In part: …` after the legend when a partial column shows more than it matched.
fn in_part_md<'a>(groups: impl Iterator<Item = &'a ComparedGroup>) -> String {
    super::in_part_legend(groups)
        .map(|note| format!(" · {}", esc(note)))
        .unwrap_or_default()
}

/// One group: a heading at `level`, a column per document one level below.
fn write_group(out: &mut dyn Write, group: &ComparedGroup, level: usize) -> io::Result<()> {
    let h = "#".repeat(level);
    if level > 1 {
        writeln!(out, "<a id=\"{}\"></a>\n", group_anchor(&group.id))?;
    }
    writeln!(out, "{h} {} · {}\n", esc(&group.label), code(&group.id))?;
    if level == 1 {
        let legend = legend(std::iter::once(group));
        let sep = if legend.is_empty() { "" } else { " " };
        writeln!(
            out,
            "{}.{sep}{legend}{}\n",
            esc(&base_sentence(group)),
            in_part_md(std::iter::once(group))
        )?;
    }
    for column in &group.columns {
        let base = if column.is_base { " (base)" } else { "" };
        writeln!(
            out,
            "{h}# {}{base} · {}\n",
            esc(&column.doc.name),
            esc(&column.citation())
        )?;
        let mut text = String::new();
        for (i, seg) in column.segments.iter().enumerate() {
            if let Some(mark) = mark_of(seg) {
                push_marked(&mut text, &seg.text, mark);
                let shared = column.shared_by.get(i).copied().unwrap_or(1);
                if shared > 1 && !matches!(mark, Mark::Plain | Mark::Quiet) {
                    text.push_str(&format!("<sup>{shared}</sup>"));
                }
            }
        }
        writeln!(out, "{}\n", text.trim_end())?;
    }
    if let Some(names) = missing_names(group) {
        writeln!(out, "*Not in this group: {}*\n", esc(&names))?;
    }
    if let Some(names) = super::also_in_part_names(group) {
        writeln!(out, "*{}: {}*\n", super::ALSO_IN_PART, esc(&names))?;
    }
    Ok(())
}

/// Appends `text` with its mark; each paragraph is closed and reopened so marks never span a
/// blank line.
fn push_marked(out: &mut String, text: &str, mark: Mark) {
    let (open, close) = match mark {
        Mark::Plain | Mark::Quiet => ("", ""),
        Mark::Insert => ("<ins>", "</ins>"),
        Mark::Delete => ("<del>", "</del>"),
        Mark::NumberInsert => ("<ins><mark>", "</mark></ins>"),
        Mark::NumberDelete => ("<del><mark>", "</mark></del>"),
    };
    for (i, part) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        if !part.is_empty() {
            out.push_str(open);
            out.push_str(&esc(part));
            out.push_str(close);
        }
    }
}

fn contents(out: &mut dyn Write, chapters: &[TocChapter]) -> io::Result<()> {
    for ch in chapters {
        let title = super::toc_title(chapters, &ch.title);
        writeln!(out, "- **{}**", esc(&title))?;
        for e in &ch.groups {
            writeln!(
                out,
                "  - [{}](#{}) ({})",
                esc(&e.label),
                group_anchor(&e.group),
                super::doc_count(e.docs)
            )?;
        }
    }
    writeln!(out)
}

fn coverage(out: &mut dyn Write, docs: &[DocName], rows: &[CoverageRow]) -> io::Result<()> {
    writeln!(out, "{COVERAGE_NOTE}\n")?;
    header_row(out, "Clause group", docs)?;
    for row in rows {
        write!(
            out,
            "| [{}](#{}) |",
            esc(&row.label),
            group_anchor(&row.group)
        )?;
        for i in 0..row.cells.len() {
            write!(out, " {} |", row.cell_text(i, ", "))?;
        }
        writeln!(out)?;
    }
    writeln!(out)
}

fn similarity(out: &mut dyn Write, docs: &[DocName], m: &[Vec<f32>]) -> io::Result<()> {
    if docs.len() > super::GRID_DOCS {
        writeln!(
            out,
            "{SIMILARITY_NOTE} {}\n\n| Document | Closest |\n|---|---|",
            super::closest_note(docs.len())
        )?;
        for (i, (d, row)) in docs.iter().zip(m).enumerate() {
            let closest = super::closest_cell(docs, row, i, &esc);
            writeln!(out, "| **{}** | {} |", esc(&d.name), closest)?;
        }
        return writeln!(out);
    }
    writeln!(out, "{SIMILARITY_NOTE}\n")?;
    header_row(out, "", docs)?;
    for (d, row) in docs.iter().zip(m) {
        write!(out, "| **{}** |", esc(&d.short))?;
        for v in row {
            write!(out, " {:.0}% |", v * 100.0)?;
        }
        writeln!(out)?;
    }
    writeln!(out)
}

fn unique(out: &mut dyn Write, lists: &[UniqueList]) -> io::Result<()> {
    for list in lists {
        writeln!(out, "### {} ({})\n", esc(&list.doc.name), list.items.len())?;
        for item in &list.items {
            writeln!(
                out,
                "- [{}](#{}) {}: {}",
                esc(&citation(&item.articles)),
                group_anchor(&item.group),
                esc(&item.label),
                esc(&item.excerpt)
            )?;
            let note = item.in_part_note();
            if !note.is_empty() {
                writeln!(out, "  <br>*{}*", esc(&note))?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

fn table(out: &mut dyn Write, t: &Table) -> io::Result<()> {
    if !t.note.is_empty() {
        writeln!(out, "{}\n", esc(&t.note))?;
    }
    write!(out, "|")?;
    for h in &t.header {
        write!(out, " {} |", esc(h))?;
    }
    writeln!(out, "\n|{}", "---|".repeat(t.header.len()))?;
    for row in &t.rows {
        write!(out, "|")?;
        for cell in row {
            if cell.is_marked {
                write!(out, " <mark>{}</mark> |", esc(&cell.text))?;
            } else {
                write!(out, " {} |", esc(&cell.text))?;
            }
        }
        writeln!(out)?;
    }
    writeln!(out)
}

fn header_row(out: &mut dyn Write, first: &str, docs: &[DocName]) -> io::Result<()> {
    write!(out, "| {first} |")?;
    for d in docs {
        write!(out, " {} |", esc(&d.short))?;
    }
    writeln!(out, "\n|---|{}", "---|".repeat(docs.len()))
}

/// `text` as code: a backtick span, or `<code>` with everything escaped when a backtick or `|`
/// in it would end the span or the table cell (a document id comes from a file name).
fn code(text: &str) -> String {
    if text.contains(['`', '|']) {
        format!("<code>{}</code>", esc(text))
    } else {
        format!("`{text}`")
    }
}

/// Escapes what Markdown or inline HTML would read as syntax.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '*' | '_' | '~' | '`' | '[' | ']' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_close_at_paragraph_breaks() {
        let mut s = String::new();
        push_marked(&mut s, "第一款\n第二款", Mark::Insert);
        assert_eq!(s, "<ins>第一款</ins>\n\n<ins>第二款</ins>");
    }

    #[test]
    fn a_chapter_of_no_title_is_named_in_words_not_a_dash() {
        use crate::report::{TocChapter, TocEntry};
        let entry = TocEntry {
            group: "g1".into(),
            label: "施行日期".into(),
            docs: 2,
        };
        let none = [TocChapter {
            title: String::new(),
            groups: vec![entry.clone()],
        }];
        let mut out = Vec::new();
        contents(&mut out, &none).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.starts_with("- **(no chapters)**\n"), "{text}");
        assert!(!text.contains('—'), "{text}");
        let some = [
            TocChapter {
                title: String::new(),
                groups: vec![entry.clone()],
            },
            TocChapter {
                title: "第一章 总则".into(),
                groups: vec![entry],
            },
        ];
        let mut out = Vec::new();
        contents(&mut out, &some).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.starts_with("- **(no chapter)**\n"), "{text}");
        assert!(text.contains("- **第一章 总则**\n"), "{text}");
    }

    #[test]
    fn escapes_markdown_syntax() {
        assert_eq!(esc("a*b|c<d"), "a\\*b\\|c&lt;d");
        assert_eq!(code("lixia"), "`lixia`");
        assert_eq!(
            code("x`<img src=x onerror=y>`|z"),
            "<code>x\\`&lt;img src=x onerror=y&gt;\\`\\|z</code>"
        );
    }
}
