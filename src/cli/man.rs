//! `guize man`: the manual page in roff (clap_mangen), from clap's own description of the command
//! line, so that it lists every option and subcommand as `--help` does.

use anyhow::{Context as _, Result};
use clap::CommandFactory;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  guize man | man -l -                    # read it now\n  \
guize man -o ~/.local/share/man/man1/   # every page; then: man guize\n  \
guize man search | man -l -             # one subcommand's page"
)]
pub struct Args {
    /// The page of one subcommand (guize-search(1)) instead of the main page.
    #[arg(value_name = "SUBCOMMAND")]
    pub subcommand: Option<String>,
    /// Write the page to FILE instead of standard output; given a folder, write every page into
    /// it (guize.1 and one guize-COMMAND.1 per subcommand).
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let mut command = super::Cli::command();
    command.build();
    // A folder, or a path ending in `/` (created as `mkdir -p` would).
    let folder = args
        .output
        .as_ref()
        .filter(|p| p.is_dir() || p.as_os_str().to_string_lossy().ends_with('/'));
    if let Some(dir) = folder {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        return write_all_pages(&command, dir, args.subcommand.as_deref());
    }
    let roff = match &args.subcommand {
        None => main_page(&command)?,
        Some(name) => sub_page(find(&command, name)?)?,
    };
    match &args.output {
        Some(path) => std::fs::write(path, &roff)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            // The writer every command uses: a closed pipe ends quietly, a full disk says so.
            let mut out = super::output::Out::stdout(super::output::OutputKind::Binary);
            out.write_all(&roff)?;
            out.flush()?;
        }
    }
    Ok(())
}

fn find<'c>(command: &'c clap::Command, name: &str) -> Result<&'c clap::Command> {
    let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
    command
        .find_subcommand(name)
        .with_context(|| format!("no subcommand '{name}'; there are {}", names.join(", ")))
}

/// guize(1), ending with SEE ALSO: every subcommand's page.
fn main_page(command: &clap::Command) -> Result<Vec<u8>> {
    let mut roff = render(clap_mangen::Man::new(command.clone()))?;
    let pages: Vec<String> = subcommands(command)
        .map(|c| format!("guize\\-{}(1)", c.get_name()))
        .collect();
    writeln!(roff, ".SH \"SEE ALSO\"\n{}", pages.join(", "))?;
    Ok(roff)
}

/// guize-NAME(1); its synopsis reads `guize NAME …` (the bin name clap set).
fn sub_page(sub: &clap::Command) -> Result<Vec<u8>> {
    sub_page_under(sub, "guize")
}

/// The page of `sub`, a subcommand of the command whose page is `parent` (guize, guize-eval):
/// titled `parent-NAME`, seeing also its parent and its own subcommands' pages.
fn sub_page_under(sub: &clap::Command, parent: &str) -> Result<Vec<u8>> {
    let title = format!("{parent}-{}", sub.get_name());
    let mut roff = render(
        clap_mangen::Man::new(sub.clone())
            .title(title.clone())
            .source(format!("guize {}", env!("CARGO_PKG_VERSION"))),
    )?;
    let mut see: Vec<String> = vec![format!("{}(1)", parent.replace('-', "\\-"))];
    see.extend(
        subcommands(sub).map(|c| format!("{}\\-{}(1)", title.replace('-', "\\-"), c.get_name())),
    );
    writeln!(roff, ".SH \"SEE ALSO\"\n{}", see.join(", "))?;
    Ok(roff)
}

/// The pages of `sub` and of its subcommands, depth first: (file name, roff).
fn pages_under(sub: &clap::Command, parent: &str) -> Result<Vec<(String, Vec<u8>)>> {
    let title = format!("{parent}-{}", sub.get_name());
    let mut pages = vec![(format!("{title}.1"), sub_page_under(sub, parent)?)];
    for nested in subcommands(sub) {
        pages.extend(pages_under(nested, &title)?);
    }
    Ok(pages)
}

/// The subcommands that have a page (not clap's `help`).
fn subcommands(command: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    command.get_subcommands().filter(|c| c.get_name() != "help")
}

fn render(page: clap_mangen::Man) -> Result<Vec<u8>> {
    let mut roff = Vec::new();
    page.render(&mut roff)
        .context("cannot render the manual page")?;
    Ok(roff)
}

/// `-o DIR`: guize.1 and guize-NAME.1 for every subcommand, guize-NAME-SUB.1 for theirs (or only
/// that one's pages).
fn write_all_pages(command: &clap::Command, dir: &Path, only: Option<&str>) -> Result<()> {
    let mut pages = Vec::new();
    match only {
        Some(name) => pages.extend(pages_under(find(command, name)?, "guize")?),
        None => {
            pages.push(("guize.1".to_string(), main_page(command)?));
            for sub in subcommands(command) {
                pages.extend(pages_under(sub, "guize")?);
            }
        }
    }
    for (name, roff) in pages {
        let path = dir.join(name);
        std::fs::write(&path, roff).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}
