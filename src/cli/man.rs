//! `guize man`: the manual page in roff (clap_mangen), from clap's own description of the command
//! line, so that it lists every option and subcommand as `--help` does.

use anyhow::{Context as _, Result};
use clap::CommandFactory;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  guize man | man -l -\n  \
guize man -o ~/.local/share/man/man1/guize.1   # then: man guize\n  \
guize man search | man -l -                     # one subcommand's page")]
pub struct Args {
    /// The page of one subcommand (guize-search(1)) instead of the main page.
    #[arg(value_name = "SUBCOMMAND")]
    pub subcommand: Option<String>,
    /// Write the page to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let mut command = super::Cli::command();
    command.build();
    let page = match &args.subcommand {
        None => clap_mangen::Man::new(command),
        Some(name) => {
            let names: Vec<String> = command
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            let sub = command.find_subcommand(name).with_context(|| {
                format!("no subcommand '{name}'; there are {}", names.join(", "))
            })?;
            // Titled guize-search; its synopsis reads `guize search …` (the bin name clap set).
            clap_mangen::Man::new(sub.clone())
                .title(format!("guize-{}", sub.get_name()))
                .source(format!("guize {}", env!("CARGO_PKG_VERSION")))
        }
    };
    let mut roff = Vec::new();
    page.render(&mut roff)
        .context("cannot render the manual page")?;
    match &args.output {
        Some(path) => std::fs::write(path, &roff)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(&roff)?,
    }
    Ok(())
}
