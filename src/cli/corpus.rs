//! `guize corpus`: a table of the corpus's documents (or JSON), with their warnings on stderr.

use super::Ctx;
use super::output::{Kind, Out};
use super::table::{Align, Table};
use crate::render::wire::{CorpusJson, real_chapters};
use anyhow::Result;
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

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let corpus = ctx.corpus()?;
    let mut out = Out::stdout(Kind::of(args.json, ctx));
    if args.json {
        let wire = CorpusJson::new(corpus);
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
