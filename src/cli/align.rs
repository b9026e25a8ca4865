//! `guize align`: groups equivalent clauses across documents and prints them as a table (one row
//! per group, one column per document) with a coverage summary, or as JSON for scripts.

use super::Ctx;
use super::output::{Kind, Out, TableFormat};
use crate::align::{Alignment, align_docs};
use crate::model::Regulation;
use crate::render::table::{Align as TableAlign, Table};
use crate::render::wire::{AlignJson, write_json};
use crate::safe_text::neutralize;
use anyhow::Result;
use std::io::{IsTerminal, Write};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  guize align\n  guize align --doc 历下 --doc 市中\n  \
guize align --json | jq '.groups[] | select(.members | length == 5)'\n  \
guize align --format csv > groups.csv\n  \
guize --corpus ../shared/corpora/lawrefbook/DLC/山东地方法规 align"
)]
pub struct Args {
    /// Align only these documents (id or alias), in this order; repeat the flag. Default: all.
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// Print {"docs": [...], "groups": [{"id", "label", "score", "members": {doc: [article]},
    /// "links": [{"a": {"doc", "article"}, "b", "similarity", "coverage_a", "coverage_b",
    /// "paragraphs": [{"a", "b", "similarity"}]}]}]}.
    #[arg(long)]
    pub json: bool,
    /// Output format: the table, JSON (as --json), CSV or XLSX (a row per group, a column per document).
    #[arg(long, value_enum, default_value_t = TableFormat::Text, conflicts_with = "json")]
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
    if docs.is_empty() {
        docs = corpus.docs.iter().collect();
    }
    let spinner = progress(&docs);
    // The whole corpus's groups come from the cache beside the index (computed and stored on
    // first use); a selection of documents is aligned here.
    let alignment = if args.docs.is_empty() {
        super::output::alignment(ctx)?
    } else {
        align_docs(&docs)
    };
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    let format = args.format.or_json(args.json);
    let mut out = Out::stdout(Kind::of_table(format, ctx));
    let ids: Vec<_> = docs.iter().map(|d| d.id.clone()).collect();
    if super::output::write_sheet(&mut out, format, || {
        crate::render::csv::alignment_sheet(&ids, &alignment)
    })? {
        // Written as a spreadsheet.
    } else if format == TableFormat::Json {
        write_json(&mut out, &AlignJson::new(&docs, &alignment))?;
    } else if docs.len() <= MAX_TABLE_DOCS {
        write_table(&mut out, &docs, &alignment, ctx.color)?;
        write_coverage(&mut out, &docs, &alignment, ctx.color)?;
    } else {
        write_list(&mut out, &docs, &alignment)?;
    }
    out.flush()?;
    Ok(())
}

/// A spinner on stderr while a large corpus aligns; nothing when stderr is not a terminal.
fn progress(docs: &[&Regulation]) -> Option<indicatif::ProgressBar> {
    let articles: usize = docs.iter().map(|d| d.articles.len()).sum();
    if articles < 2000 || !std::io::stderr().is_terminal() {
        return None;
    }
    let s = indicatif::ProgressBar::new_spinner();
    s.set_message(format!(
        "aligning {articles} articles of {} documents",
        docs.len()
    ));
    s.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(s)
}

/// Article numbers of one cell: 4,5 or a run 21-24.
fn cell(numbers: Option<&Vec<u32>>) -> String {
    let Some(ns) = numbers else {
        return "·".to_string();
    };
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ns.len() {
        let mut j = i;
        while j + 1 < ns.len() && ns[j + 1] == ns[j] + 1 {
            j += 1;
        }
        if j >= i + 2 {
            parts.push(format!("{}-{}", ns[i], ns[j]));
        } else {
            parts.extend(ns[i..=j].iter().map(u32::to_string));
        }
        i = j + 1;
    }
    parts.join(",")
}

fn write_table(
    out: &mut impl Write,
    docs: &[&Regulation],
    a: &Alignment,
    color: bool,
) -> Result<()> {
    let mut header: Vec<(&str, TableAlign)> = docs
        .iter()
        .map(|d| (d.id.as_str(), TableAlign::Left))
        .collect();
    header.extend([("score", TableAlign::Right), ("label", TableAlign::Left)]);
    let mut t = Table::new(&header);
    for g in &a.groups {
        let mut row: Vec<String> = docs.iter().map(|d| cell(g.members.get(&d.id))).collect();
        row.extend([format!("{:.2}", g.score), g.label.clone()]);
        t.row(row);
    }
    t.write(out, color)?;
    Ok(())
}

/// Groups that two documents share, per pair, and the matters only one document has.
fn write_coverage(
    out: &mut impl Write,
    docs: &[&Regulation],
    a: &Alignment,
    color: bool,
) -> Result<()> {
    let shared = |x: &Regulation, y: &Regulation| {
        a.groups
            .iter()
            .filter(|g| g.members.contains_key(&x.id) && g.members.contains_key(&y.id))
            .count()
    };
    writeln!(
        out,
        "\ngroups shared by each pair of documents ({} groups in all):",
        a.groups.len()
    )?;
    let mut header: Vec<(&str, TableAlign)> = vec![("", TableAlign::Left)];
    header.extend(docs.iter().map(|d| (d.id.as_str(), TableAlign::Right)));
    let mut t = Table::new(&header);
    for x in docs {
        let mut row = vec![x.id.to_string()];
        row.extend(docs.iter().map(|y| shared(x, y).to_string()));
        t.row(row);
    }
    t.write(out, color)?;
    let in_all = a
        .groups
        .iter()
        .filter(|g| g.doc_count() == docs.len())
        .count();
    writeln!(out, "in all {} documents: {in_all} groups", docs.len())?;
    writeln!(out, "\nmatters only one document has:")?;
    for d in docs {
        let only: Vec<String> = a
            .groups
            .iter()
            .filter(|g| g.doc_count() == 1 && g.members.contains_key(&d.id))
            .map(|g| format!("{} {}", cell(g.members.get(&d.id)), g.label))
            .collect();
        let line = format!("{} ({}): {}", d.id, only.len(), only.join("; "));
        writeln!(out, "{}", neutralize(&line))?;
    }
    Ok(())
}

/// Members a list line names before it sums up the rest.
const LIST_MEMBERS: usize = 6;

/// For many documents: one line per group that spans at least two documents.
fn write_list(out: &mut impl Write, docs: &[&Regulation], a: &Alignment) -> Result<()> {
    let mut singles = 0;
    for g in &a.groups {
        if g.doc_count() < 2 {
            singles += 1;
            continue;
        }
        let mut members: Vec<String> = g
            .members
            .iter()
            .take(LIST_MEMBERS)
            .map(|(d, ns)| format!("{d}:{}", cell(Some(ns))))
            .collect();
        if g.doc_count() > LIST_MEMBERS {
            members.push(format!(
                "… and {} more (see --json)",
                g.doc_count() - LIST_MEMBERS
            ));
        }
        writeln!(
            out,
            "{:>4} docs  {:.2}  {}  {}",
            g.doc_count(),
            g.score,
            neutralize(&g.label),
            neutralize(&members.join(" "))
        )?;
    }
    let spanning = a.groups.len() - singles;
    writeln!(
        out,
        "\n{} documents, {} groups: {spanning} span several documents, {singles} belong to one document only",
        docs.len(),
        a.groups.len()
    )?;
    Ok(())
}
