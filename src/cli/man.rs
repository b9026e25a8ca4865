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
    // The writer every command's -o uses: `-` is standard output, a closed pipe ends quietly, a
    // file is written aside and renamed into place, a missing folder is said as such.
    super::output::write_output(
        args.output.as_deref(),
        super::output::OutputKind::Binary,
        |out| out.write_all(&roff),
    )
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
    let count = pages.len();
    for (name, roff) in pages {
        let path = dir.join(name);
        std::fs::write(&path, roff).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let shown = dir.display().to_string();
    let shown = shown.trim_end_matches('/');
    super::output::note(format_args!("wrote {count} manual pages into {shown}/"));
    if let Some(advice) = where_man_looks(dir, &search_path_of_man()) {
        let page = match only {
            Some(name) => format!("guize-{name}.1"),
            None => "guize.1".to_string(),
        };
        super::output::note(format_args!(
            "{advice}; meanwhile `man -l {shown}/{page}` reads a page"
        ));
    }
    Ok(())
}

/// The folders `man` searches, as `manpath` prints them (it reads `MANPATH`, the configuration
/// and the `PATH`); `None` where there is no `manpath` to ask.
fn search_path_of_man() -> Option<String> {
    let out = std::process::Command::new("manpath")
        .arg("-q")
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// What to do so that `man guize` finds pages written into `dir` (a `man1` folder), when the
/// search path `searched` (colon-separated, as `manpath` prints it) does not hold the folder
/// above it; `None` when it does, or when nothing can be said (no search path known). A folder
/// that is not a `man1` folder is never searched by `man guize`, whatever the search path: the
/// note says where to write instead.
fn where_man_looks(dir: &Path, searched: &Option<String>) -> Option<String> {
    let dir = std::fs::canonicalize(dir).ok()?;
    if dir.file_name().is_none_or(|name| name != "man1") {
        return Some(
            "`man guize` reads pages only from a man1 folder of its search path; \
             write them with `guize man -o ~/.local/share/man/man1/`"
                .to_string(),
        );
    }
    let searched = searched.as_ref()?;
    let root = dir.parent()?;
    let found = searched
        .split(':')
        .filter(|p| !p.is_empty())
        .any(|p| std::fs::canonicalize(p).is_ok_and(|p| p == root));
    let root = root.display().to_string();
    (!found).then(|| {
        format!(
            "`man guize` does not look in {root} (man searches {}); add it to the search path, \
             as in ~/.bashrc: export MANPATH=\"{root}:$(manpath -q)\"",
            searched
        )
    })
}

#[cfg(test)]
mod tests {
    use super::where_man_looks;

    #[test]
    fn pages_man_does_not_search_get_the_way_to_make_it() {
        let home = tempfile::tempdir().expect("tempdir");
        let root = home.path().join("share/man");
        let dir = root.join("man1");
        std::fs::create_dir_all(&dir).expect("mkdir");
        let root_text = std::fs::canonicalize(&root).expect("root");
        let root_text = root_text.display().to_string();
        // man searches only the system's folders: the note names the folder to add.
        let note = where_man_looks(&dir, &Some("/usr/share/man:/usr/local/share/man".into()))
            .expect("a note");
        assert!(
            note.contains(&format!("does not look in {root_text}")),
            "{note}"
        );
        assert!(note.contains(&format!("MANPATH=\"{root_text}:")), "{note}");
        // Searched already (as written, or through a trailing slash): nothing to say.
        for searched in [
            format!("/usr/share/man:{root_text}"),
            format!("{root_text}/:/usr/share/man"),
        ] {
            assert_eq!(
                where_man_looks(&dir, &Some(searched.clone())),
                None,
                "{searched}"
            );
        }
        // No search path known: nothing said.
        assert_eq!(where_man_looks(&dir, &None), None);
        // A folder that is no man1 is never read by `man guize`, searched or not: the note says
        // to write into a man1 folder.
        for searched in [None, Some(String::new()), Some(root_text.clone())] {
            let note = where_man_looks(&root, &searched).expect("a note");
            assert!(note.contains("only from a man1 folder"), "{note}");
            assert!(
                note.contains("guize man -o ~/.local/share/man/man1/"),
                "{note}"
            );
        }
    }
}
