//! `guize numbers`: the figures the rules set (meeting frequencies, deadlines, lengths), each
//! document's side by side per clause group and subject, differences highlighted.

use super::Ctx;
use super::output::{Out, OutputKind, TableFormat, note};
use crate::model::{DocId, Regulation};
use crate::numbers::{self, Provision, table};
use crate::render;
use crate::render::wire::{numbers as json, write_json};
use anyhow::Result;
use rayon::prelude::*;
use std::io::Write;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  guize numbers\n  guize numbers 常务会议\n  guize numbers 时限 --doc 历下 --doc 市中\n  guize numbers --differs\n  guize numbers --json | jq '.provisions[] | select(.unit == \"字\")'\n  guize numbers --format csv > figures.csv"
)]
pub struct Args {
    /// Keep rows where a figure's subject, wording or sentence contains this text (常务会议, 时限,
    /// 两周); the row's other figures stay beside it.
    pub query: Option<String>,
    /// Only these documents (id or alias such as 历下); repeat for several. Default: all.
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// Only rows where the documents' figures differ.
    #[arg(long)]
    pub differs: bool,
    /// Print {"provisions": [...]} as JSON instead of the table (format in README).
    #[arg(long)]
    pub json: bool,
    /// Output format: the table, JSON (as --json), or CSV / XLSX with one line per figure.
    #[arg(long, value_enum, ignore_case = true, default_value_t = TableFormat::Text, conflicts_with = "json")]
    pub format: TableFormat,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    // A blank filter is a slip (an empty shell variable), not a request for every row: `search`
    // and `compare` refuse it too.
    if args.query.as_deref().is_some_and(|q| q.trim().is_empty()) {
        anyhow::bail!(
            "the filter is blank: give words of a figure's subject or sentence (常务会议, 时限), \
             or no filter for every row"
        );
    }
    let docs = ctx.docs(&args.docs)?;
    let mut provisions: Vec<Provision> = docs
        .par_iter()
        .flat_map_iter(|d| numbers::extract_regulation(d))
        .collect();
    // A topic's name is kept when the corpus writes it, whichever documents are shown.
    numbers::keep_written_topics(&mut provisions, ctx.docs(&[])?);
    // The whole corpus's groups come from the cache; a selection is aligned here.
    let alignment = Some(if args.docs.is_empty() {
        super::output::alignment(ctx)?
    } else {
        super::output::chosen_alignment(ctx, &docs)?
    });
    let ids: Vec<DocId> = docs.iter().map(|d| d.id.clone()).collect();
    let mut table = table::build(&provisions, &ids, alignment.as_ref());
    if let Some(q) = &args.query {
        table.retain_matching(q);
    }
    if args.differs {
        table.retain_differing();
    }
    // One document's figures differ from nobody's: said plainly, not as "no figures match".
    let alone = args.differs && docs.len() < 2;
    if alone {
        note(format_args!(
            "with one document nothing can differ: --differs keeps rows where two or more \
             documents state different figures{}",
            if args.docs.is_empty() {
                ""
            } else {
                "; name two or more with --doc"
            }
        ));
    }
    let format = args.format.or_json(args.json);
    let mut out = Out::stdout(OutputKind::of_table(format, ctx));
    let names: Vec<String> = docs.iter().map(|d| display_name(d)).collect();
    if super::output::write_sheet(&mut out, format, || {
        crate::render::csv::figures_sheet(&table, &names)
    })? {
        // Written as a spreadsheet.
    } else if format == TableFormat::Json {
        // Reading order, restricted to the rows shown.
        let kept = table.shown(&provisions);
        write_json(&mut out, &json::to_json(&kept, alignment.as_ref()))?;
    } else if table.rows.is_empty() && args.query.is_none() && !args.differs {
        // Nothing was asked for, so nothing "matches": the documents hold no figure.
        let verb = if names.len() == 1 { "states" } else { "state" };
        writeln!(out, "{} {verb} no figures", names.join("、"))?;
    } else if !alone {
        render::numbers::write_terminal(&mut out, &table, &names, ctx.color)?;
    }
    out.flush()?;
    Ok(())
}

/// The district (历下区) when the corpus knows it, else the title, else the id.
fn display_name(doc: &Regulation) -> String {
    let name = doc.meta.display_name();
    if name.is_empty() {
        doc.id.to_string()
    } else {
        name.to_string()
    }
}
