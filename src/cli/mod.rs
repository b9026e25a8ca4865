//! The command line: clap structs, global settings and one short function per subcommand.
//! This is the only place that prints or reads the environment; the library below stays pure.
//!
//! Exit codes: 0 success (also when stdout is closed early, as by `| head`), 1 error,
//! 2 usage error (clap).

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

mod align;
mod articles;
mod compare;
mod completions;
mod context;
mod corpus;
mod eval;
mod index;
pub mod interrupt;
mod man;
mod numbers;
mod output;
mod precedent;
mod report;
mod search;
mod segment;
mod serve;
mod show;
mod versions;

pub use context::{CorpusSource, Ctx, IndexPlace};

/// Exit code for any error other than a usage error.
pub const EXIT_ERROR: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "guize",
    version,
    about = "Search and compare Chinese government regulations clause by clause",
    long_about = "guize (规则) reads a corpus of Chinese regulations, indexes them by chapter and article, \
aligns equivalent clauses across documents and shows them side by side.",
    after_help = "Examples:\n  guize corpus\n  guize show 历下 39\n  guize search 常务会议\n  guize align\n  guize compare lixia:39\n  guize precedent '区政府常务会议一般每月召开一次'"
)]
pub struct Cli {
    /// Corpus folder: every .txt, .md, .docx, .pdf and .html file below it is a document [default: ./corpus if the
    /// current folder has one, else the five work rules built into guize]. Empty means unset.
    #[arg(long, global = true, env = "GUIZE_CORPUS", value_name = "DIR", value_parser = empty_is_unset())]
    pub corpus: Option<PathBuf>,
    /// Index folder (built on first use) [default: index/ for a source checkout's corpus/, else
    /// .guize/index inside the corpus folder, else the user's cache folder; `guize corpus` says].
    /// Empty means unset.
    #[arg(long, global = true, env = "GUIZE_INDEX", value_name = "DIR", value_parser = empty_is_unset())]
    pub index: Option<PathBuf>,
    /// When to colour output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the documents of the corpus.
    Corpus(corpus::Args),
    /// Show a document's outline or one article with its citation.
    Show(show::Args),
    /// Print articles as NDJSON.
    Articles(articles::Args),
    /// Show how jieba segments a text.
    Segment(segment::Args),
    /// Build the search index.
    Index(index::Args),
    /// Search articles.
    Search(search::Args),
    /// Align equivalent clauses across documents.
    Align(align::Args),
    /// Score guize against a gold file.
    #[command(
        subcommand,
        after_help = "Examples (the gold files are in the source checkout's tests/data):\n  guize eval align --gold tests/data/alignment-dev.json\n  \
                      guize eval search --gold tests/data/queries-dev.json\n  \
                      guize eval topics --gold tests/data/topic-queries-dev.json\n  \
                      guize eval numbers --gold tests/data/numbers-gold.json --json"
    )]
    Eval(eval::EvalCommand),
    /// Compare the equivalent clauses of one group side by side.
    Compare(compare::Args),
    /// Write the whole-corpus comparison report.
    Report(report::Args),
    /// Find existing wording for a draft clause.
    Precedent(precedent::Args),
    /// Extract and compare quantitative provisions.
    Numbers(numbers::Args),
    /// Print the shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::Args),
    /// Print the manual page (roff).
    Man(man::Args),
    /// Compare two editions of one regulation article by article (修改前后对照表).
    Versions(versions::Args),
    /// Serve the corpus as a local web application (pages and a JSON API).
    Serve(serve::Args),
}

/// A folder option whose empty value (`GUIZE_CORPUS=`, as a shell leaves a variable it clears)
/// reads as unset: [`Cli::folder`] drops it.
fn empty_is_unset() -> impl clap::builder::TypedValueParser<Value = PathBuf> {
    use clap::builder::TypedValueParser as _;
    clap::builder::OsStringValueParser::new().map(PathBuf::from)
}

impl Cli {
    /// `--corpus` or `--index` as given, `None` when unset or empty.
    pub(crate) fn folder(option: &Option<PathBuf>) -> Option<&PathBuf> {
        option.as_ref().filter(|p| !p.as_os_str().is_empty())
    }
}

/// An argument such as `-外出` cannot be an option (option names are ASCII), but clap would read it
/// as a bundle of short flags. It becomes `－外出` (full-width hyphen-minus), which the query
/// parser folds back to an exclusion, so `guize search 请假 -外出` needs no quotes or `--`.
fn shield_hyphen_word(arg: OsString) -> OsString {
    match arg.to_str().and_then(|s| s.strip_prefix('-')) {
        Some(rest) if rest.chars().next().is_some_and(|c| !c.is_ascii()) => {
            format!("\u{ff0d}{rest}").into()
        }
        _ => arg,
    }
}

/// `arg` as the user typed it, undoing [`shield_hyphen_word`].
pub(crate) fn unshield(arg: &str) -> String {
    match arg.strip_prefix('\u{ff0d}') {
        Some(rest) => format!("-{rest}"),
        None => arg.to_string(),
    }
}

/// Parses `args` and runs the chosen subcommand.
pub fn run<I, T>(args: I) -> Result<ExitCode>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args.into_iter().map(|a| shield_hyphen_word(a.into()))) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            e.print().ok();
            return Ok(ExitCode::from(2));
        }
        // --help and --version: on a terminal in clap's colours; otherwise through the writer
        // every command uses, so a closed pipe ends quietly and a full disk is an error, not a
        // success that printed nothing.
        Err(e) if std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            e.print().ok();
            return Ok(ExitCode::SUCCESS);
        }
        Err(e) => {
            let mut out = output::Out::stdout(output::OutputKind::Text { colors: false });
            write!(out, "{}", e.render())?;
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    // These two describe the command line only: no corpus, no index.
    match cli.command {
        Command::Completions(a) => return completions::run(a).map(|()| ExitCode::SUCCESS),
        Command::Man(a) => return man::run(a).map(|()| ExitCode::SUCCESS),
        _ => {}
    }
    let mut ctx = Ctx::new(&cli);
    ctx.all_warnings = matches!(&cli.command, Command::Corpus(a) if a.warnings);
    ctx.doc_warnings = matches!(&cli.command, Command::Corpus(_));
    match cli.command {
        Command::Corpus(a) => corpus::run(&ctx, a),
        Command::Show(a) => show::run(&ctx, a),
        Command::Articles(a) => articles::run(&ctx, a),
        Command::Segment(a) => segment::run(&ctx, a),
        Command::Index(a) => index::run(&ctx, a),
        Command::Search(a) => search::run(&ctx, a),
        Command::Align(a) => align::run(&ctx, a),
        Command::Eval(a) => eval::run(&ctx, a),
        Command::Compare(a) => compare::run(&ctx, a),
        Command::Report(a) => report::run(&ctx, a),
        Command::Precedent(a) => precedent::run(&ctx, a),
        Command::Numbers(a) => numbers::run(&ctx, a),
        Command::Completions(_) | Command::Man(_) => Ok(()),
        Command::Versions(a) => versions::run(&ctx, a),
        Command::Serve(a) => serve::run(&ctx, a),
    }?;
    Ok(ExitCode::SUCCESS)
}

/// Prints `err` with its causes on stderr, once, made safe for a terminal.
pub fn report_error(err: &anyhow::Error) {
    output::note(format_args!("{}", output::error_chain(err)));
}

/// True when the error chain ends in a closed stdout, which is not worth reporting.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
