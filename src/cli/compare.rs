//! `guize compare WHAT`: one clause group side by side, found by group id, article reference or
//! search words, rendered for the terminal, Markdown, HTML or JSON.

use super::Ctx;
use super::output::{Format, OutputKind, alignment, note, renderer, write_output};
use crate::align::Alignment;
use crate::corpus::Corpus;
use crate::lookup;
use crate::model::{Article, Regulation};
use crate::report::{self, BaseKind, citation};
use anyhow::{Result, bail};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "WHAT is a clause group id, an article (lixia:39, 历下:第三十九条, \"历下 39\") or \
search words; for words, the group of the best-matching article is compared and named on stderr.
Words that name documents (历下 市中 常务会议) choose where to look and, two or more, the documents
compared; names alone (历下 市中) are an error that says what to add. In a corpus of several kinds
(guize corpus lists them), a word that is a kind's name looks in that kind only; without one, the
kind of the group chosen is said on stderr when another kind has a group of that name.

Examples:
  guize compare lixia:39
  guize compare 历下:第三十九条 --base shizhong
  guize compare 常务会议 召开 --doc lixia --doc yanzhou
  guize compare 历下 市中 请假
  guize compare 养犬管理条例 施行日期   # a corpus of several kinds: in that kind only
  guize compare 请假 --format html -o leave.html
  guize compare lixia:39 --json
  guize compare 请假 --format docx -o leave.docx
  guize compare lixia:39 --format csv > group.csv"
)]
pub struct Args {
    /// Group id, article reference or search words.
    #[arg(required = true, num_args = 1.., value_name = "WHAT")]
    pub what: Vec<String>,
    /// Compare with this document's wording instead of the group's medoid (the wording closest to the others).
    #[arg(long, value_name = "DOC")]
    pub base: Option<String>,
    /// Only these documents (id or alias; repeatable).
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// Output format [default: from the extension of -o FILE (.md, .html, .json, .docx, .csv,
    /// .xlsx), else terminal].
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<Format>,
    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Width of terminal output in columns (default: the terminal's, else 100).
    #[arg(long, value_name = "N", value_parser = parse_width, allow_negative_numbers = true)]
    pub width: Option<u16>,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace -o FILE even when it is a document of the corpus or a file this command reads
    /// (refused otherwise, unless guize wrote it).
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    super::output::refuse_overwriting_sources(ctx, args.output.as_deref(), &[], args.force)?;
    let corpus = ctx.corpus()?;
    let what = args.what.join(" ");
    if what.trim().is_empty() {
        bail!(
            "say which clause group to compare: a group id (g…), an article (历下区 第三十九条, \
             lixia:39) or words of it; got only blank space"
        );
    }
    let selected = if args.docs.is_empty() {
        Vec::new()
    } else {
        ctx.docs(&args.docs)?
    };
    let base_doc = args.base.as_deref().map(|b| corpus.doc(b)).transpose()?;
    let full = alignment(ctx)?;
    // The documents `--doc` chose, with the base (compared with them).
    let mut chosen = selected.clone();
    if let Some(b) = base_doc
        && !chosen.is_empty()
        && !chosen.iter().any(|d| d.id == b.id)
    {
        chosen.push(b);
    }
    // Documents chosen of several kinds are aligned together, as `align --doc` aligns them; a
    // group id of the whole corpus's alignment that theirs lacks is still found there.
    let subset;
    let spans = crate::align::chosen_kinds(&chosen, &full.kinds).len() > 1;
    let (alignment, choice) = if spans {
        subset = super::output::chosen_alignment(ctx, &chosen)?;
        match choose_group(ctx, corpus, &subset, &what, &selected) {
            Err(e) if is_no_group(&e) => {
                (&full, choose_group(ctx, corpus, &full, &what, &selected)?)
            }
            other => (&subset, other?),
        }
    } else {
        match choose_group(ctx, corpus, &full, &what, &selected) {
            // A group id that `align --doc`, `report --doc` or `numbers --doc` printed is one of the
            // alignment of the chosen documents alone: with the same `--doc`, compare finds it there.
            Err(e) if !selected.is_empty() && is_no_group(&e) => {
                subset = super::output::chosen_alignment(ctx, &selected)?;
                let choice = choose_group(ctx, corpus, &subset, &what, &selected)?;
                note(format_args!(
                    "group {} is one of the alignment of the chosen documents alone (as guize align \
                 --doc prints it)",
                    choice.group.id
                ));
                (&subset, choice)
            }
            other => (&full, other?),
        }
    };
    let group = choice.group;
    if let Some(e) = lookup::base_of_another_kind(alignment, group, base_doc) {
        return Err(e.into());
    }
    // A note of deletion (第十条 删除) is in a group of its own that holds no provision: a table
    // of it alone would list every other document as lacking a matter there is none of.
    if group.deleted {
        let cited: Vec<String> = group
            .members
            .iter()
            .flat_map(|(d, numbers)| {
                let name = corpus
                    .doc(d.as_str())
                    .map_or_else(|_| d.to_string(), |r| r.meta.display_name().to_string());
                numbers
                    .iter()
                    .map(move |n| format!("{name} {}", crate::text::numeral::article_label(*n)))
            })
            .collect();
        bail!(
            "{} only notes its deletion: it is no provision, in no clause group, so there is \
             nothing to compare (guize show gives its text)",
            cited.join(", ")
        );
    }
    let (docs, other_kind) =
        lookup::compared_docs(corpus, alignment, group, &selected, &choice.named, base_doc);
    if !other_kind.is_empty() {
        let names: Vec<&str> = other_kind.iter().map(|d| d.meta.display_name()).collect();
        note(format_args!(
            "{} {} of another kind than the group (aligned apart; use --doc to align them \
             together): no column",
            names.join(", "),
            if names.len() == 1 { "is" } else { "are" }
        ));
    }
    let base = match base_doc {
        Some(b) => BaseKind::Doc(b.id.clone()),
        None => BaseKind::Medoid,
    };
    let mut compared = report::compare_group(&docs, group, &base)?;
    compared.other_kind = other_kind.iter().map(|d| report::DocName::of(d)).collect();
    if compared.columns.is_empty() {
        let have: Vec<&str> = group.members.keys().map(|d| d.as_str()).collect();
        bail!(
            "none of the selected documents has an article in group {} ({}); documents in it: {}",
            group.id,
            group.label,
            have.join(", ")
        );
    }
    // A group's table also goes to a spreadsheet.
    let writes = [
        &super::output::COMPARISON_FORMATS[..],
        &[Format::Csv, Format::Xlsx],
    ]
    .concat();
    let format = Format::chosen(args.json, args.format, args.output.as_deref(), &writes)?
        .unwrap_or(Format::Terminal);
    super::output::check_binary_target(format, args.output.as_deref())?;
    let render = renderer(format, ctx, args.width.map(usize::from));
    write_output(
        args.output.as_deref(),
        OutputKind::of_format(format, ctx),
        |out| render.compare(out, &compared),
    )?;
    super::output::note_written(
        args.output.as_deref(),
        &format!(
            "{}, {}",
            group.label,
            crate::text::counted(compared.columns.len(), "document")
        ),
    );
    Ok(())
}

/// The group `what` names: a group id, an article reference, or the group of the article that
/// best matches `what` as search words (said on stderr), among the documents its words name,
/// else the `selected` ones, else those of the kind it names ([`lookup::choose_group`]).
fn choose_group<'a, 'c>(
    ctx: &Ctx,
    corpus: &'c Corpus,
    alignment: &'a Alignment,
    what: &str,
    selected: &[&'c Regulation],
) -> crate::error::Result<lookup::Choice<'a, 'c>> {
    let what = what.trim();
    let mut how = "search";
    // Opened once, when words are searched, for the best article and the wider group alike.
    let index = std::cell::OnceCell::new();
    let choice = lookup::choose_group(corpus, alignment, what, selected, |words, within| {
        let Some((doc, article, found)) = best_article(ctx, &index, corpus, words, within)? else {
            return Ok(None);
        };
        how = found;
        Ok(Some((doc, article)))
    })?;
    if let Some((doc, article)) = choice.matched {
        let within = match choice.named.as_slice() {
            [] => String::new(),
            named => {
                let names: Vec<&str> = named.iter().map(|d| d.meta.display_name()).collect();
                format!(" in {}", names.join(", "))
            }
        };
        match choice.lacking {
            // The named documents lack the type asked for: say so, rather than compare a passing
            // mention of its words in them.
            Some(kind) => {
                let names: Vec<&str> = choice.named.iter().map(|d| d.meta.display_name()).collect();
                note(format_args!(
                    "{} {} no {kind} article (none states its formula); comparing the group of \
                     {} {} ({how}) instead: {} ({}), where {} no column",
                    names.join(", "),
                    if names.len() == 1 { "has" } else { "have" },
                    doc.meta.display_name(),
                    citation(&[report::ArticleCite::of(article)]),
                    choice.group.id,
                    choice.group.label,
                    if names.len() == 1 {
                        "it has"
                    } else {
                        "they have"
                    },
                ));
            }
            None => note(format_args!(
                "'{what}' best matches {} {} ({how}{within}); comparing group {} ({})",
                doc.meta.display_name(),
                citation(&[report::ArticleCite::of(article)]),
                choice.group.id,
                choice.group.label
            )),
        }
        // A group of one document compares nothing: say where the words' matter is shared.
        if let Some(Some(index)) = index.get()
            && let Some((wider, doc, article)) =
                lookup::wider(corpus, index, alignment, &choice, selected)
        {
            note(format_args!(
                "only {} has an article in that group; a later hit, {} {}, is in group {} ({}, {}): \
                 guize compare {}",
                doc_name(corpus, choice.group),
                doc.meta.display_name(),
                citation(&[report::ArticleCite::of(article)]),
                wider.id,
                wider.label,
                crate::text::counted(wider.doc_count(), "document"),
                wider.id,
            ));
        }
        // Words that chose where to look (a kind, documents, `--doc`) need no hint of another
        // kind's namesake group.
        if let Some(n) = lookup::namesakes(alignment, &choice, selected) {
            note(format_args!(
                "the group is of kind {} ({}); {} also {} a group of that name: name the kind to \
                 compare it, e.g. guize compare {} {what}",
                n.kind,
                crate::text::counted(n.docs, "document"),
                n.others.join(", "),
                if n.others.len() == 1 { "has" } else { "have" },
                n.others[0],
            ));
        }
    }
    Ok(choice)
}

/// The name of the one document of `group` (its id when the corpus lacks it).
fn doc_name(corpus: &Corpus, group: &crate::align::Group) -> String {
    group
        .members
        .keys()
        .next()
        .map(|id| {
            corpus
                .docs
                .iter()
                .find(|d| &d.id == id)
                .map_or_else(|| id.to_string(), |d| d.meta.display_name().to_string())
        })
        .unwrap_or_default()
}

/// Whether `e` says a group id names no group (for trying the chosen documents' alignment).
fn is_no_group(e: &crate::Error) -> bool {
    matches!(e, crate::Error::NoGroup { .. })
}

/// The best article for search words among `within` (all documents when empty): the top hit of
/// the search index (opened into `index` on first use), or, when the index cannot be opened or
/// built, the best word match over the loaded corpus; an error for words too many to search.
fn best_article<'c>(
    ctx: &Ctx,
    index: &std::cell::OnceCell<Option<crate::index::SearchIndex>>,
    corpus: &'c Corpus,
    what: &str,
    within: &[&Regulation],
) -> crate::error::Result<Option<(&'c Regulation, &'c Article, &'static str)>> {
    let opened = index.get_or_init(|| match super::index::fresh_index(ctx) {
        Ok(index) => Some(index),
        Err(e) => {
            note(format_args!(
                "no search index ({}); matching words instead",
                super::output::error_chain(&e)
            ));
            None
        }
    });
    match opened {
        Some(index) => Ok(lookup::best_by_search(corpus, index, what, within)?
            .map(|(doc, article)| (doc, article, "search"))),
        None => Ok(lookup::best_by_words(corpus, what, within)
            .map(|(doc, article)| (doc, article, "word match"))),
    }
}

/// A `--width`: a whole number of columns from 20 to 65535.
fn parse_width(s: &str) -> Result<u16, String> {
    super::search::whole_number(s, 20, u128::from(u16::MAX))
        .map(|n| u16::try_from(n).unwrap_or(u16::MAX))
}
