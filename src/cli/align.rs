//! `guize align`: groups equivalent clauses across documents and prints them as a table (one row
//! per group, one column per document) with a coverage summary, or as JSON for scripts.

use super::Ctx;
use super::output::{Out, OutputKind, TableFormat};
use crate::model::Regulation;
use crate::render;
use crate::render::wire::{AlignJson, write_json};
use anyhow::Result;
use std::io::{IsTerminal, Write};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  guize align\n  guize align --doc 历下 --doc 市中\n  \
guize align --json | jq '.groups[] | select(.members | length == 5)'\n  \
guize align --format csv > groups.csv\n  \
guize --corpus ~/laws align\n\n\
A corpus of several kinds (work rules beside 养犬管理条例; guize corpus lists them) is aligned \
kind by kind: no group spans two kinds, and the table comes in one part per kind, with its own \
coverage. Documents chosen with --doc are aligned together as one corpus, whatever their kinds."
)]
pub struct Args {
    /// Align only these documents (id or alias), in this order; repeat the flag. Default: all.
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// Print {"docs": [...], "groups": [{"id", "label", "score", "weak": true under 0.10 with
    /// several documents, "members": {doc: [article]}, "keys": {doc: ["2之一"]} (each member as
    /// the table writes it), "subs" and "occurrences" when a member is 之一 or a repeated number,
    /// "links": [{"a": {"doc", "article"}, "b", "similarity", "coverage_a", "coverage_b",
    /// "paragraphs": [{"a", "b", "similarity"}]}], "partial": [{"doc", "article", "paragraphs",
    /// "similarity", "matches"}], "deleted": true for a note of deletion}]}; for a corpus of
    /// several kinds also "kinds": [{"name", "documents"}] and each group's "kind" (its name).
    #[arg(long)]
    pub json: bool,
    /// Output format: the table, JSON (as --json), CSV or XLSX (a row per group, a column per document).
    #[arg(long, value_enum, ignore_case = true, default_value_t = TableFormat::Text, conflicts_with = "json")]
    pub format: TableFormat,
}

/// More documents than this and the table becomes a list of the groups that span documents.
const MAX_TABLE_DOCS: usize = 8;

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let corpus = ctx.corpus()?;
    let mut docs: Vec<&Regulation> = Vec::new();
    for q in &args.docs {
        let d = corpus.doc(q)?;
        if !docs.iter().any(|x| x.id == d.id) {
            docs.push(d);
        }
    }
    // One document is nothing to align (a table of its articles each alone, scoring 0): said
    // rather than printed, the more so when two --doc name the same document.
    if let [only] = docs.as_slice() {
        let named: Vec<String> = args.docs.iter().map(|q| format!("--doc {q}")).collect();
        anyhow::bail!(
            "{} {} one document, {}: an alignment needs two; add a --doc naming another \
             (`guize show {}` reads this one)",
            crate::text::and_list(&named),
            match named.len() {
                1 => "names",
                2 => "both name",
                _ => "all name",
            },
            only.id,
            only.id
        );
    }
    if docs.is_empty() {
        docs = corpus.docs.iter().collect();
    }
    let spinner = progress(&docs);
    // The whole corpus's groups come from the cache beside the index (computed and stored on
    // first use); a selection of documents is aligned here.
    let alignment = if args.docs.is_empty() {
        super::output::alignment(ctx)?
    } else {
        super::output::chosen_alignment(ctx, &docs)?
    };
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    let format = args.format.or_json(args.json);
    let mut out = Out::stdout(OutputKind::of_table(format, ctx));
    let ids: Vec<_> = docs.iter().map(|d| d.id.clone()).collect();
    if super::output::write_sheet(&mut out, format, || {
        crate::render::csv::alignment_sheet(&ids, &alignment)
    })? {
        // Written as a spreadsheet.
    } else if format == TableFormat::Json {
        write_json(&mut out, &AlignJson::new(&docs, &alignment))?;
    } else if alignment.kinds.len() > 1 {
        render::align::write_kinds(&mut out, &docs, &alignment, ctx.color, MAX_TABLE_DOCS)?;
    } else if docs.len() <= MAX_TABLE_DOCS {
        render::align::write_table(&mut out, &docs, &alignment, ctx.color)?;
        render::align::write_coverage(&mut out, &docs, &alignment, ctx.color)?;
    } else {
        render::align::write_list(&mut out, &docs, &alignment)?;
    }
    out.flush()?;
    Ok(())
}

/// A spinner on stderr while a large corpus aligns; nothing when stderr is not a terminal.
fn progress(docs: &[&Regulation]) -> Option<indicatif::ProgressBar> {
    spinner_over(docs, |articles, documents| {
        format!("aligning {articles} of {documents}")
    })
}

/// A spinner with the message `say(articles, documents)` while a corpus of 2,000 articles or
/// more is scored; nothing for a smaller one or when stderr is not a terminal (`align` and
/// `corpus` share it).
pub(super) fn spinner_over(
    docs: &[&Regulation],
    say: impl Fn(&str, &str) -> String,
) -> Option<indicatif::ProgressBar> {
    let articles: usize = docs.iter().map(|d| d.articles.len()).sum();
    if articles < 2000 || !std::io::stderr().is_terminal() {
        return None;
    }
    let s = indicatif::ProgressBar::new_spinner();
    s.set_message(say(
        &crate::text::counted(articles, "article"),
        &crate::text::counted(docs.len(), "document"),
    ));
    s.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(s)
}
