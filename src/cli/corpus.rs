//! `guize corpus`: a table of the corpus's documents (or JSON), with their warnings on stderr.

use super::Ctx;
use super::output::{Kind, Out};
use super::table::{Align, Table};
use crate::model::Regulation;
use anyhow::Result;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  guize corpus\n  guize corpus --warnings\n  guize corpus --json | jq '.documents[].id'\n  guize --corpus other/ corpus"
)]
pub struct Args {
    /// Print one JSON object: {"documents": [...]}.
    #[arg(long)]
    pub json: bool,
    /// Print every load warning on stderr, however many.
    #[arg(long)]
    pub warnings: bool,
}

/// One document in `guize corpus --json`.
#[derive(Serialize)]
struct DocJson<'a> {
    id: &'a str,
    path: String,
    title: &'a str,
    district: &'a str,
    city: &'a str,
    doc_number: Option<&'a str>,
    issued: Option<&'a str>,
    aliases: &'a [String],
    style: crate::model::ArticleStyle,
    chapters: usize,
    articles: usize,
    chars: usize,
    warnings: Vec<String>,
}

impl<'a> DocJson<'a> {
    fn new(d: &'a Regulation) -> Self {
        DocJson {
            id: d.id.as_str(),
            path: d.path.display().to_string(),
            title: &d.meta.title,
            district: &d.meta.district,
            city: &d.meta.city,
            doc_number: d.meta.doc_number.as_deref(),
            issued: d.meta.issued.as_deref(),
            aliases: &d.meta.aliases,
            style: d.style,
            chapters: real_chapters(d),
            articles: d.articles.len(),
            chars: d.chars,
            warnings: d.warnings.iter().map(|w| w.to_string()).collect(),
        }
    }
}

/// Chapters the text declares (the implicit chapter 0 of a chapterless document does not count).
fn real_chapters(d: &Regulation) -> usize {
    d.chapters.iter().filter(|c| c.line > 0).count()
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let corpus = ctx.corpus()?;
    let mut out = Out::stdout(Kind::of(args.json, ctx));
    if args.json {
        #[derive(Serialize)]
        struct Wire<'a> {
            documents: Vec<DocJson<'a>>,
            warnings: Vec<String>,
        }
        let wire = Wire {
            documents: corpus.docs.iter().map(DocJson::new).collect(),
            warnings: corpus.load_warnings.iter().map(|w| w.to_string()).collect(),
        };
        serde_json::to_writer_pretty(&mut out, &wire)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }
    let mut table = Table::new(&[
        ("id", Align::Left),
        ("district", Align::Left),
        ("title", Align::Left),
        ("chapters", Align::Right),
        ("articles", Align::Right),
        ("chars", Align::Right),
        ("warnings", Align::Right),
    ]);
    for d in &corpus.docs {
        table.row(vec![
            d.id.to_string(),
            d.meta.district.clone(),
            d.meta.title.clone(),
            real_chapters(d).to_string(),
            d.articles.len().to_string(),
            d.chars.to_string(),
            d.warnings.len().to_string(),
        ]);
    }
    table.write(&mut out, ctx.color)?;
    let articles: usize = corpus.docs.iter().map(|d| d.articles.len()).sum();
    writeln!(out, "{} documents, {articles} articles", corpus.docs.len())?;
    out.flush()?;
    Ok(())
}
