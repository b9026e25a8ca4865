//! `guize show` as text: one article with its citation and source lines, or a document's
//! outline (chapters with their article ranges, sections, warnings).

use crate::model::{Article, Regulation};
use crate::render::style::{Painter, Role};
use crate::render::table::{Align, TextTable};
use std::io::Write;

fn bold(s: &str, color: bool) -> String {
    Painter { color }.paint(Role::Heading, s)
}

/// One article: its citation (bold with colour), source file and lines, then its paragraphs.
pub fn write_article(
    out: &mut impl Write,
    doc: &Regulation,
    a: &Article,
    color: bool,
) -> std::io::Result<()> {
    writeln!(out, "{}", bold(&doc.citation(a), color))?;
    let path = crate::builtin::shown_path(&doc.path);
    // A file name's newline or tab too is a sign here: the line is the path's alone.
    let path: String = crate::safe_text::neutralize(&path)
        .chars()
        .map(|c| match c.is_control() {
            true => crate::safe_text::visible(c),
            false => c,
        })
        .collect();
    writeln!(out, "{path}:{}-{}", a.lines.0, a.lines.1)?;
    writeln!(out)?;
    for p in &a.paragraphs {
        writeln!(out, "{}", crate::safe_text::neutralize(&p.text))?;
    }
    Ok(())
}

/// Where a document comes from, in one line: id · district · city · 文号 · date.
fn provenance(doc: &Regulation) -> String {
    let mut parts = vec![doc.id.to_string()];
    for p in [&doc.meta.district, &doc.meta.city] {
        if !p.is_empty() {
            parts.push(p.clone());
        }
    }
    parts.extend(doc.meta.doc_number.iter().cloned());
    parts.extend(doc.meta.issued.iter().cloned());
    parts.join(" · ")
}

fn range(doc: &Regulation, r: &std::ops::Range<usize>) -> String {
    doc.range_label(r)
}

/// `78 articles in 14 chapters`, `1 article in 1 chapter`; `4 articles, no chapters` for a
/// document whose articles stand in no chapter (its one implicit chapter is none). A division
/// read from an unnumbered heading (法律责任) counts: it has a title, the implicit chapter none.
fn outline_counts(doc: &Regulation) -> String {
    let articles = crate::text::counted(doc.articles.len(), "article");
    match doc
        .chapters
        .iter()
        .filter(|c| c.number != 0 || !c.title.is_empty())
        .count()
    {
        0 => format!("{articles}, no chapters"),
        n => {
            // Articles before the first chapter (a preamble's, or chapters lost from a damaged
            // source) stand in the implicit chapter, a row of the table: said, so the rows add up.
            let before: usize = doc
                .chapters
                .iter()
                .filter(|c| c.number == 0 && c.title.is_empty())
                .map(|c| c.articles.len())
                .sum();
            let chapters = crate::text::counted(n, "chapter");
            match before {
                0 => format!("{articles} in {chapters}"),
                b => format!(
                    "{articles} in {chapters} ({} before the first)",
                    crate::text::counted(b, "article")
                ),
            }
        }
    }
}

/// A document's outline: title, provenance, a table of chapters (and sections) with their
/// article ranges, then its load warnings.
pub fn write_outline(out: &mut impl Write, doc: &Regulation, color: bool) -> std::io::Result<()> {
    writeln!(out, "{}", bold(&doc.meta.title, color))?;
    writeln!(out, "{}", crate::safe_text::neutralize(&provenance(doc)))?;
    writeln!(out, "{}", outline_counts(doc))?;
    writeln!(out)?;
    let mut table = TextTable::new(&[
        ("chapter", Align::Left),
        ("articles", Align::Left),
        ("count", Align::Right),
    ]);
    let mut parts: &[crate::model::PartRef] = &[];
    for (ci, c) in doc.chapters.iter().enumerate() {
        // A part (编, 分编) gets a row of its own where it begins, over the chapters it holds;
        // the chapters under it are indented.
        let shared = parts
            .iter()
            .zip(&c.parts)
            .take_while(|(a, b)| a == b)
            .count();
        for (level, part) in c.parts.iter().enumerate().skip(shared) {
            let held = part_articles(doc, ci, level);
            table.row(vec![
                format!("{}{}", "  ".repeat(level), part.label()),
                range(doc, &held),
                held.len().to_string(),
            ]);
        }
        parts = &c.parts;
        let indent = "  ".repeat(c.parts.len());
        let implicit = c.number == 0 && c.title.is_empty();
        // A part that holds its articles directly (刑法's 附则) has its row already: an implicit
        // chapter spanning the whole part adds nothing.
        let whole_part = implicit
            && !c.parts.is_empty()
            && part_articles(doc, ci, c.parts.len() - 1) == c.articles;
        if !whole_part {
            let label = if implicit {
                format!("{indent}(no chapter)")
            } else {
                format!("{indent}{}", c.label())
            };
            table.row(vec![
                label,
                range(doc, &c.articles),
                c.articles.len().to_string(),
            ]);
        }
        for (section, run) in section_runs(doc, &c.articles) {
            table.row(vec![
                format!("{indent}  {}", section.label()),
                range(doc, &run),
                run.len().to_string(),
            ]);
        }
    }
    table.write(out, false)?;
    for w in &doc.warnings {
        writeln!(
            out,
            "warning: {}",
            crate::safe_text::neutralize(&w.to_string())
        )?;
    }
    Ok(())
}

/// The articles of the part at `level` of chapter `from`'s parts: its chapters' ranges joined,
/// from that chapter on while the chapters share the part.
fn part_articles(doc: &Regulation, from: usize, level: usize) -> std::ops::Range<usize> {
    let part = doc.chapters.get(from).and_then(|c| c.parts.get(level));
    let held = doc.chapters[from..].iter().take_while(|c| {
        c.parts.get(level) == part && c.parts[..level] == doc.chapters[from].parts[..level]
    });
    let mut range: Option<std::ops::Range<usize>> = None;
    for c in held {
        range = Some(match range {
            None => c.articles.clone(),
            Some(r) => r.start.min(c.articles.start)..r.end.max(c.articles.end),
        });
    }
    range.unwrap_or(0..0)
}

/// The runs of consecutive articles of one section inside a chapter's range.
fn section_runs<'a>(
    doc: &'a Regulation,
    range: &std::ops::Range<usize>,
) -> Vec<(&'a crate::model::SectionRef, std::ops::Range<usize>)> {
    let mut runs: Vec<(&crate::model::SectionRef, std::ops::Range<usize>)> = Vec::new();
    for i in range.clone() {
        let Some(section) = doc.articles[i].section.as_ref() else {
            continue;
        };
        match runs.last_mut() {
            Some((s, r)) if *s == section && r.end == i => r.end = i + 1,
            _ => runs.push((section, i..i + 1)),
        }
    }
    runs
}

/// `guize articles` as text: one article on one line (id, label, text).
pub fn write_article_line(
    out: &mut impl Write,
    doc: &Regulation,
    a: &Article,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}  {}  {}",
        doc.id,
        a.label(),
        // Neutralised here: on a colour terminal the stream lets styles through.
        crate::safe_text::neutralize(&a.text.replace('\n', " "))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{SourceKind, parse_str};

    fn parse_text(text: &str) -> Regulation {
        parse_str(text, SourceKind::Text)
    }

    /// A division read from an unnumbered 附则 line is counted beside the numbered chapters;
    /// the implicit chapter of a document without chapters is not.
    #[test]
    fn the_outline_counts_divisions_without_numbers() {
        let r = parse_text(
            "某区人民政府工作规则\n\n第一章 总则\n第一条 为了规范工作，制定本规则。\n附　则\n第二条 本规则自印发之日起施行。\n",
        );
        assert_eq!(outline_counts(&r), "2 articles in 2 chapters");
        let r = parse_text(
            "某区人民政府工作规则\n\n第一条 为了规范工作，制定本规则。\n第二条 本规则自印发之日起施行。\n",
        );
        assert_eq!(outline_counts(&r), "2 articles, no chapters");
        // Articles before the first chapter heading are said, since they are a row of their own.
        let r = parse_text(
            "某市电梯安全条例\n\n第一条 为了规范工作，制定本条例。\n第二条 本条例适用于本市。\n第三章 附则\n第三条 本条例自公布之日起施行。\n",
        );
        assert_eq!(
            outline_counts(&r),
            "3 articles in 1 chapter (2 articles before the first)"
        );
    }
}
