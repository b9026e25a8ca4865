//! `guize index`: not built yet.

use super::Ctx;
use anyhow::{Result, bail};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_ctx: &Ctx, _args: Args) -> Result<()> {
    bail!("'guize index' is not built yet")
}
