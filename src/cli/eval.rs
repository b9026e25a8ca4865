//! `guize eval ...`: scores guize against gold files.

use super::Ctx;
use anyhow::{Context as _, Result, bail};

#[derive(Debug, clap::Subcommand)]
pub enum EvalCommand {
    /// Score the clause alignment against a gold file.
    Align {
        #[arg(long)]
        gold: std::path::PathBuf,
    },
    /// Score search against a gold file of queries (recall@k and nDCG@k).
    #[command(after_help = "Example:\n  guize eval search --gold ../shared/gold/queries-dev.json")]
    Search {
        /// Gold queries: {"queries": [{"query", "relevant": [[doc, article]], "partial": [...]}]}.
        #[arg(long)]
        gold: std::path::PathBuf,
        /// Cut-off rank.
        #[arg(long, default_value_t = 10)]
        k: usize,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, cmd: EvalCommand) -> Result<()> {
    match cmd {
        EvalCommand::Align { .. } => bail!("'guize eval align' is not built yet"),
        EvalCommand::Search { gold, k, json } => eval_search(ctx, &gold, k, json),
    }
}

fn eval_search(ctx: &Ctx, gold: &std::path::Path, k: usize, json: bool) -> Result<()> {
    let gold = crate::index::GoldFile::load(gold).context("cannot read the gold file")?;
    let index = super::index::fresh_index(ctx)?;
    let report = crate::index::evaluate(&index, &gold, k)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    for q in &report.queries {
        println!(
            "recall {:.2}  nDCG {:.2}  {}{}",
            q.recall,
            q.ndcg,
            q.query,
            if q.missed.is_empty() {
                String::new()
            } else {
                format!("  (missed {})", q.missed.join(" "))
            }
        );
    }
    println!(
        "mean over {} queries: recall@{k} {:.3}  nDCG@{k} {:.3}",
        report.queries.len(),
        report.recall,
        report.ndcg
    );
    Ok(())
}
