//! `guize eval ...`: scores against gold files. Not built yet.

use super::Ctx;
use anyhow::{Result, bail};

#[derive(Debug, clap::Subcommand)]
pub enum EvalCommand {
    /// Score the clause alignment against a gold file.
    Align {
        #[arg(long)]
        gold: std::path::PathBuf,
    },
}

pub fn run(_ctx: &Ctx, _cmd: EvalCommand) -> Result<()> {
    bail!("'guize eval' is not built yet")
}
