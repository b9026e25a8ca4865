//! `guize report`: the whole-corpus comparison (contents, coverage, similarity, unique provisions,
//! every clause group side by side) as one offline HTML or Markdown file, or one JSON object.

use super::Ctx;
use super::output::{Format, OutputKind, note, renderer, write_output};
use crate::report::corpus_report_with;
use anyhow::{Result, bail};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Html,
    Markdown,
    /// One JSON object with every section, for scripts.
    Json,
    /// A Word document: the sections, then one table per clause group.
    Docx,
    /// The coverage matrix as CSV (UTF-8 with BOM), for spreadsheets.
    Csv,
    /// The coverage matrix as an Excel workbook.
    Xlsx,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  guize report                          # writes report.html
  guize report --format markdown -o report.md
  guize report --doc lixia --doc shizhong -o two.html
  guize report -o - | less              # to standard output
  guize report --format json -o - | jq '.unique.lixia[].label'
  guize report --format docx            # report.docx
  guize report --format csv             # coverage.csv: the coverage matrix
  guize report --format xlsx            # coverage.xlsx: the same for Excel

A Word report of more than 3 documents is landscape. A corpus of several kinds (work rules beside
养犬管理条例; guize corpus lists them) has a section per kind, each aligned apart; documents chosen
with --doc are aligned together as one corpus, whatever their kinds.")]
pub struct Args {
    /// Output file ('-' for standard output) [default: report.html, report.md, report.json,
    /// report.docx, coverage.csv or coverage.xlsx].
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace -o FILE even when it is a document of the corpus or a file this command reads
    /// (refused otherwise, unless guize wrote it).
    #[arg(long)]
    pub force: bool,
    /// Output format [default: from the extension of -o FILE (.md, .html, .json, .docx, .csv,
    /// .xlsx), else html].
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<ReportFormat>,
    /// Only these documents (id or alias; repeatable).
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
}

/// From this many clause groups on, the report says what it is doing before it does it.
const SLOW_GROUPS: usize = 1_000;

/// A bar on stderr while a large corpus's groups are compared; nothing for fewer than
/// [`SLOW_GROUPS`] groups or when stderr is not a terminal.
fn progress(groups: usize) -> Option<indicatif::ProgressBar> {
    if groups < SLOW_GROUPS || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(groups as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "comparing {bar:40} {pos}/{len} clause groups {eta}",
    ) {
        bar.set_style(style);
    }
    Some(bar)
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    super::output::refuse_overwriting_sources(ctx, args.output.as_deref(), &[], args.force)?;
    let docs = ctx.docs(&args.docs)?;
    if docs.is_empty() {
        bail!("the corpus has no documents to report on");
    }
    // The whole corpus's groups come from the cache; a selection is aligned here.
    let alignment = if args.docs.is_empty() {
        super::output::alignment(ctx)?
    } else {
        super::output::chosen_alignment(ctx, &docs)?
    };
    // A large corpus takes a while here (the 472 Shandong regulations: about 40 s of CPU), so say
    // what is under way rather than nothing.
    if alignment.groups.len() >= SLOW_GROUPS {
        note(format_args!(
            "comparing {} of {} side by side…",
            crate::text::counted(alignment.groups.len(), "clause group"),
            crate::text::counted(docs.len(), "document")
        ));
    }
    let bar = progress(alignment.groups.len());
    let mut report = corpus_report_with(&docs, &alignment, &|| {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    })?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    crate::report::add_numbers_section(&mut report, &docs, &alignment);
    let writes = [
        Format::Html,
        Format::Markdown,
        Format::Json,
        Format::Docx,
        Format::Csv,
        Format::Xlsx,
    ];
    let given = args.format.map(|f| match f {
        ReportFormat::Html => Format::Html,
        ReportFormat::Markdown => Format::Markdown,
        ReportFormat::Json => Format::Json,
        ReportFormat::Docx => Format::Docx,
        ReportFormat::Csv => Format::Csv,
        ReportFormat::Xlsx => Format::Xlsx,
    });
    let chosen = Format::chosen(false, given, args.output.as_deref(), &writes)?;
    let (format, default_name) = match chosen {
        Some(Format::Markdown) => (Format::Markdown, "report.md"),
        Some(Format::Json) => (Format::Json, "report.json"),
        Some(Format::Docx) => (Format::Docx, "report.docx"),
        Some(Format::Csv) => (Format::Csv, "coverage.csv"),
        Some(Format::Xlsx) => (Format::Xlsx, "coverage.xlsx"),
        _ => (Format::Html, "report.html"),
    };
    let path = args.output.unwrap_or_else(|| PathBuf::from(default_name));
    super::output::check_binary_target(format, Some(&path))?;
    let render = renderer(format, ctx, None);
    write_output(Some(&path), OutputKind::of_format(format, ctx), |out| {
        render.report(out, &report)
    })?;
    super::output::note_written(
        Some(&path),
        &format!(
            "{}, {}",
            crate::text::counted(docs.len(), "document"),
            crate::text::counted(report.group_count(), "clause group")
        ),
    );
    Ok(())
}
