//! `guize show DOC [ARTICLE]`: a document's outline (chapters with their article ranges) or one
//! article with its full citation. DOC by id or alias; ARTICLE as 39, 第三十九条 or 三十九.

use super::Ctx;
use super::output::{Kind, Out};
use crate::model::{Article, Regulation};
use crate::render::style::{Painter, Role};
use crate::render::table::{Align, Table};
use crate::render::wire::{ArticleJson, OutlineJson, write_json};
use anyhow::Result;
use std::io::Write;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  guize show lixia\n  guize show 历下 39\n  guize show 市中区 第五十二条\n  guize show yanzhou 四十三 --json"
)]
pub struct Args {
    /// Document id or alias (lixia, 历下, 历下区).
    pub doc: String,
    /// Article: 39, 第三十九条, 三十九 (17之一 for an inserted article).
    pub article: Option<String>,
    /// JSON instead of text: the outline as one object, or the article as in `guize articles --json`.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let corpus = ctx.corpus()?;
    let doc = corpus.doc(&args.doc)?;
    let mut out = Out::stdout(Kind::of(args.json, ctx));
    match &args.article {
        Some(q) => {
            let a = doc.find_article(q)?;
            if args.json {
                write_json(&mut out, &ArticleJson::new(doc, a))?;
            } else {
                write_article(&mut out, doc, a, ctx.color)?;
            }
        }
        None if args.json => {
            write_json(&mut out, &OutlineJson::new(doc))?;
        }
        None => write_outline(&mut out, doc, ctx.color)?,
    }
    out.flush()?;
    Ok(())
}

fn bold(s: &str, color: bool) -> String {
    Painter { color }.paint(Role::Heading, s)
}

fn write_article(
    out: &mut impl Write,
    doc: &Regulation,
    a: &Article,
    color: bool,
) -> std::io::Result<()> {
    writeln!(out, "{}", bold(&doc.citation(a), color))?;
    let path = doc.path.display().to_string();
    let path = crate::safe_text::neutralize(&path);
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
    match (
        doc.articles.get(r.start),
        r.end.checked_sub(1).and_then(|e| doc.articles.get(e)),
    ) {
        (Some(first), Some(last)) if r.len() > 1 => format!("{}–{}", first.label(), last.label()),
        (Some(first), _) if r.len() == 1 => first.label(),
        _ => "—".to_string(),
    }
}

fn write_outline(out: &mut impl Write, doc: &Regulation, color: bool) -> std::io::Result<()> {
    writeln!(out, "{}", bold(&doc.meta.title, color))?;
    writeln!(out, "{}", crate::safe_text::neutralize(&provenance(doc)))?;
    writeln!(
        out,
        "{} articles in {} chapters",
        doc.articles.len(),
        doc.chapters.len()
    )?;
    writeln!(out)?;
    let mut table = Table::new(&[
        ("chapter", Align::Left),
        ("articles", Align::Left),
        ("n", Align::Right),
    ]);
    for c in &doc.chapters {
        let chapter = crate::model::ChapterRef {
            number: c.number,
            title: c.title.clone(),
        };
        let label = if c.number == 0 && c.title.is_empty() {
            "(no chapter)".to_string()
        } else {
            chapter.label()
        };
        table.row(vec![
            label,
            range(doc, &c.articles),
            c.articles.len().to_string(),
        ]);
        for (section, run) in section_runs(doc, &c.articles) {
            table.row(vec![
                format!("  {}", section.label()),
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
