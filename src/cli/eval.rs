//! `guize eval ...`: scores guize against gold files.

use super::Ctx;
use anyhow::{Context as _, Result};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Subcommand)]
pub enum EvalCommand {
    /// Score the clause alignment against a gold file (link precision, recall, F1).
    #[command(after_help = "Example:\n  guize eval align --gold ../shared/gold/alignment-dev.json")]
    Align {
        /// Gold groups: {"groups": [{"members": {"lixia": [39], ...}}], "ambiguous_links": [...]}.
        #[arg(long)]
        gold: PathBuf,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, cmd: EvalCommand) -> Result<()> {
    match cmd {
        EvalCommand::Align { gold, json } => eval_align(ctx, &gold, json),
    }
}

/// Aligns the whole corpus and scores the links as `score_alignment.py` does.
fn eval_align(ctx: &Ctx, gold: &Path, json: bool) -> Result<()> {
    let text = std::fs::read_to_string(gold)
        .with_context(|| format!("cannot read gold file {}", gold.display()))?;
    let gold: crate::align::eval::Gold = serde_json::from_str(&text)
        .with_context(|| format!("{} is not an alignment gold file", gold.display()))?;
    let corpus = ctx.corpus()?;
    let alignment = crate::align::align(&corpus.docs);
    let s = crate::align::eval::score(&alignment, &gold);
    if json {
        println!("{}", serde_json::to_string_pretty(&s)?);
    } else {
        println!(
            "links: gold {}, true {}, false {}",
            s.gold_links, s.true_links, s.false_links
        );
        println!(
            "precision {:.3} recall {:.3} F1 {:.3}",
            s.precision, s.recall, s.f1
        );
    }
    Ok(())
}
