//! `guize eval ...`: scores guize against gold files.

use super::Ctx;
use super::output::{Out, OutputKind};
use crate::render::wire::write_json;
use anyhow::{Context as _, Result, bail};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Subcommand)]
pub enum EvalCommand {
    /// Score the clause alignment against a gold file (link precision, recall, F1).
    #[command(
        after_help = "Examples (the gold files are in the source checkout's tests/data):\n  guize eval align --gold tests/data/alignment-dev.json\n  \
guize --corpus law/ eval align --gold tests/data/alignment-dev-dogs.json\n\n\
law/ holds the laws of github.com/LawRefBook/Laws, where the dogs gold's documents are."
    )]
    Align {
        /// Gold groups: {"groups": [{"members": {"lixia": [39], ...}}], "ambiguous_links": [...],
        /// "sources": {"lixia": "path/under/the/corpus.md"}}; only the gold's documents are aligned.
        #[arg(long)]
        gold: PathBuf,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Score figure extraction against a hand-checked gold file (precision, recall, qualifiers).
    #[command(
        after_help = "Example (the gold file is in the source checkout's tests/data):\n  guize eval numbers --gold tests/data/numbers-gold.json"
    )]
    Numbers {
        /// Gold figures: {"docs": [...], "provisions": [{"doc", "article", "value", "unit", "per", "qualifier", "text"}]}.
        #[arg(long)]
        gold: PathBuf,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Score search against a gold file of queries (recall@k and nDCG@k).
    #[command(
        after_help = "Example (the gold file is in the source checkout's tests/data):\n  guize eval search --gold tests/data/queries-dev.json"
    )]
    Search {
        /// Gold queries: {"queries": [{"query", "relevant": [[doc, article]], "partial": [...]}]}.
        #[arg(long)]
        gold: PathBuf,
        /// Cut-off rank.
        #[arg(long, default_value_t = 10)]
        k: usize,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Score search on topic queries: whether the articles whose main matter a query names come
    /// first (the share of its k defining articles in the first k hits, averaged).
    #[command(
        after_help = "Examples (the gold files are in the source checkout's tests/data):\n  guize eval topics --gold tests/data/topic-queries-dev.json\n  \
guize --corpus law/DLC eval topics --gold tests/data/topic-queries-aid.json\n\n\
A gold with `sources` (paths under lawrefbook) is scored on its documents alone, found by those \
paths in the corpus (law/ holds the laws of github.com/LawRefBook/Laws), or on a folder of \
copies named <id>.md."
    )]
    Topics {
        /// Topic queries: {"queries": [{"query", "defining": [[doc, article]]}]}.
        #[arg(long)]
        gold: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs the topic queries and scores whether their defining articles come first. A gold whose
/// documents the corpus holds by id is scored on the corpus's index; one whose `sources` name
/// them elsewhere in the corpus (the lawrefbook folder as corpus) is scored on an index of those
/// documents alone, made in a temporary folder, as a folder of `<id>.md` copies would be.
fn eval_topics(ctx: &Ctx, gold: &Path, json: bool) -> Result<()> {
    let path = gold;
    let gold = crate::index::TopicGold::load(gold).context("cannot read the gold file")?;
    has_queries(path, gold.queries.len())?;
    if let Some(q) = gold.queries.iter().find(|q| q.defining.is_empty()) {
        bail!(
            "the query `{}` of {} lists no defining article, so it cannot be scored (each query \
             names the articles whose main matter it is: \"defining\": [[\"doc\", 7]])",
            crate::safe_text::neutralize(cut_for_error(&q.query)),
            path.display()
        );
    }
    let ids = || {
        gold.queries
            .iter()
            .flat_map(|q| q.defining.iter().map(|(d, _)| d.as_str()))
    };
    let sources = read_gold::<Sources>(path, "a topic query")
        .map(|s| s.sources)
        .unwrap_or_default();
    let corpus = ctx.corpus()?;
    let by_id = ids().all(|id| corpus.docs.iter().any(|d| d.id.as_str() == id));
    let (_folder, index) = if by_id || sources.is_empty() {
        gold_docs_in_corpus(ctx, path, ids())?;
        let docs: Vec<(&crate::model::Regulation, &str)> =
            corpus.docs.iter().map(|d| (d, d.id.as_str())).collect();
        defining_articles_exist(path, &gold, &docs)?;
        (None, super::search::search_index(ctx)?)
    } else {
        let found = match gold_documents(
            corpus,
            path,
            sources.keys().map(String::as_str).chain(ids()),
            &sources,
        ) {
            Ok(found) => found,
            // Said as for a corpus lacking the ids: which files, and how to make the corpus.
            Err(e) => return gold_docs_in_corpus(ctx, path, ids()).and(Err(e)),
        };
        distinct_documents(corpus, path, &found)?;
        defining_articles_exist(path, &gold, &found)?;
        let (folder, index) = gold_index(&found)?;
        (Some(folder), index)
    };
    let report =
        crate::index::evaluate_topics(&index, &gold, &crate::index::RankParams::default())?;
    let mut out = Out::stdout(OutputKind::of(json, ctx));
    if json {
        write_json(&mut out, &report)?;
    } else {
        crate::render::eval::write_topics(&mut out, &report)?;
    }
    out.flush()?;
    Ok(())
}

/// Refuses a gold two of whose ids were found as one document of the corpus (two `sources` naming
/// one file): the document would be scored twice, under both ids.
fn distinct_documents(
    corpus: &crate::corpus::Corpus,
    path: &Path,
    found: &[(&crate::model::Regulation, &str)],
) -> Result<()> {
    for (i, (doc, id)) in found.iter().enumerate() {
        if let Some((_, other)) = found[..i].iter().find(|(d, _)| d.id == doc.id) {
            bail!(
                "gold documents `{}` and `{}` of {} are one document of the corpus {} ({}): each \
                 id of a gold must name a document of its own",
                crate::safe_text::neutralize(other),
                crate::safe_text::neutralize(id),
                path.display(),
                corpus.root.display(),
                crate::safe_text::neutralize(doc.id.as_str())
            );
        }
    }
    Ok(())
}

/// At most this many characters of a gold's query are repeated in an error.
const ERROR_QUERY_CHARS: usize = 60;

/// `text` cut to its first [`ERROR_QUERY_CHARS`] characters, for an error.
fn cut_for_error(text: &str) -> &str {
    text.char_indices()
        .nth(ERROR_QUERY_CHARS)
        .map_or(text, |(i, _)| &text[..i])
}

/// Refuses a topic gold whose defining articles are not all in their documents (`docs`, each
/// with the gold's id): a gold made on another edition, or a typo, would score 0 without a word.
fn defining_articles_exist(
    path: &Path,
    gold: &crate::index::TopicGold,
    docs: &[(&crate::model::Regulation, &str)],
) -> Result<()> {
    let named = gold.queries.iter().flat_map(|q| &q.defining);
    articles_exist(
        path,
        named.map(|(id, n)| (id.as_str(), *n)),
        docs,
        "defining article",
    )
}

/// Refuses a gold file (`path`) that names articles (`named`: the gold's document id and
/// article number; `what` they are to the gold) its documents (`docs`, each with the gold's id)
/// do not have.
fn articles_exist<'a>(
    path: &Path,
    named: impl Iterator<Item = (&'a str, u32)>,
    docs: &[(&crate::model::Regulation, &str)],
    what: &str,
) -> Result<()> {
    let mut absent: Vec<String> = Vec::new();
    for (id, n) in named {
        let Some((doc, _)) = docs.iter().find(|(_, gid)| *gid == id) else {
            continue;
        };
        let named = format!("{}:{n}", crate::safe_text::neutralize(id));
        if !doc.articles.iter().any(|a| a.number == n) && !absent.contains(&named) {
            absent.push(named);
        }
    }
    if absent.is_empty() {
        return Ok(());
    }
    let shown = absent.len().min(10);
    bail!(
        "the gold file {} names {} {what}{} that {} documents do not have: {}{} (a gold made on \
         another edition of a document, or a typo?)",
        path.display(),
        absent.len(),
        if absent.len() == 1 { "" } else { "s" },
        if absent.len() == 1 { "its" } else { "their" },
        absent[..shown].join(", "),
        if absent.len() > shown { ", …" } else { "" }
    )
}

/// The `sources` of a gold file: its document ids and their paths under lawrefbook.
#[derive(serde::Deserialize)]
struct Sources {
    #[serde(default)]
    sources: std::collections::BTreeMap<String, String>,
}

/// A search index of the gold's documents alone, each under the gold's id, with the groups of
/// their alignment: in a temporary folder that lives as long as the returned handle.
fn gold_index(
    found: &[(&crate::model::Regulation, &str)],
) -> Result<(tempfile::TempDir, crate::index::SearchIndex)> {
    let docs: Vec<crate::model::Regulation> = found
        .iter()
        .map(|(d, id)| {
            let mut doc = (*d).clone();
            doc.id = crate::model::DocId::from(id.to_string());
            doc
        })
        .collect();
    let folder = tempfile::tempdir().context("cannot make a temporary folder for the index")?;
    let at = folder.path().join("index");
    crate::index::rebuild(&at, &docs, "the documents of a gold file", &mut |_| {})?;
    let index = crate::index::open(&at)?;
    let refs: Vec<&crate::model::Regulation> = docs.iter().collect();
    let alignment = crate::align::align_docs(&refs);
    index.use_topics(crate::index::topics::Topics::of(&docs, &alignment));
    Ok((folder, index))
}

pub fn run(ctx: &Ctx, cmd: EvalCommand) -> Result<()> {
    match cmd {
        EvalCommand::Align { gold, json } => eval_align(ctx, &gold, json),
        EvalCommand::Numbers { gold, json } => eval_numbers(ctx, &gold, json),
        EvalCommand::Search { gold, k, json } => eval_search(ctx, &gold, k, json),
        EvalCommand::Topics { gold, json } => eval_topics(ctx, &gold, json),
    }
}

/// Aligns the gold's documents and scores the links as `score_alignment.py` does. A gold document
/// is found by its id (or alias) in the corpus, else through its `sources` path: the corpus
/// document whose id ends that path (the lawrefbook folder or any folder inside it as corpus).
fn eval_align(ctx: &Ctx, gold: &Path, json: bool) -> Result<()> {
    let path = gold;
    let gold: crate::align::eval::Gold = read_gold(path, "an alignment")?;
    if gold.groups.iter().all(|g| g.members.is_empty()) {
        bail!(
            "the gold file {} has no groups with members: nothing to score",
            path.display()
        );
    }
    let corpus = ctx.corpus()?;
    let wanted = gold
        .groups
        .iter()
        .flat_map(|g| g.members.keys())
        .chain(gold.sources.keys())
        .map(String::as_str);
    let mut found = gold_documents(corpus, path, wanted, &gold.sources)?;
    distinct_documents(corpus, path, &found)?;
    let members = gold.groups.iter().flat_map(|g| &g.members);
    let named = members.flat_map(|(id, ns)| ns.iter().map(move |n| (id.as_str(), *n)));
    articles_exist(path, named, &found, "member article")?;
    // Corpus order, as `guize align` would put them.
    let position = |d: &crate::model::Regulation| corpus.docs.iter().position(|x| x.id == d.id);
    found.sort_by_key(|(d, _)| position(d));
    let docs: Vec<&crate::model::Regulation> = found.iter().map(|(d, _)| *d).collect();
    let mut alignment = crate::align::align_docs(&docs);
    let rename: std::collections::BTreeMap<&crate::model::DocId, &str> =
        found.iter().map(|(d, id)| (&d.id, *id)).collect();
    for g in &mut alignment.groups {
        g.members = std::mem::take(&mut g.members)
            .into_iter()
            .map(|(d, ns)| {
                let id = rename.get(&d).map_or(d.0.to_string(), |s| s.to_string());
                (crate::model::DocId::from(id), ns)
            })
            .collect();
    }
    let s = crate::align::eval::score(&alignment, &gold);
    let mut out = Out::stdout(OutputKind::of(json, ctx));
    if json {
        write_json(&mut out, &s)?;
    } else {
        crate::render::eval::write_align(&mut out, &s)?;
    }
    out.flush()?;
    Ok(())
}

/// The corpus documents a gold file names (`wanted`, its ids), each with that id: found by id (or
/// alias) in the corpus, else through the gold's `sources` path (the corpus document whose id
/// ends that path: the lawrefbook folder, or any folder inside it, as corpus). A document found
/// neither way is an error naming the gold, the corpus and the source.
fn gold_documents<'c, 'g>(
    corpus: &'c crate::corpus::Corpus,
    path: &Path,
    wanted: impl Iterator<Item = &'g str>,
    sources: &std::collections::BTreeMap<String, String>,
) -> Result<Vec<(&'c crate::model::Regulation, &'g str)>> {
    let mut wanted: Vec<&str> = wanted.collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut found: Vec<(&crate::model::Regulation, &str)> = Vec::new();
    for id in wanted {
        let by_source = sources.get(id).and_then(|source| {
            let stem = source.strip_suffix(".md").unwrap_or(source);
            corpus
                .docs
                .iter()
                .find(|d| stem == d.id.as_str() || stem.ends_with(&format!("/{}", d.id.as_str())))
        });
        let doc = corpus
            .docs
            .iter()
            .find(|d| d.id.as_str() == id)
            .or(by_source)
            .or_else(|| corpus.doc(id).ok())
            .with_context(|| {
                format!(
                    "gold document `{}` of {} is not in the corpus {}{}",
                    crate::safe_text::neutralize(id),
                    path.display(),
                    corpus.root.display(),
                    sources
                        .get(id)
                        .map(|s| format!(" (its source is {})", crate::safe_text::neutralize(s)))
                        .unwrap_or_default()
                )
            })?;
        found.push((doc, id));
    }
    Ok(found)
}

/// Extracts the figures of the gold file's documents and scores them.
fn eval_numbers(ctx: &Ctx, gold: &Path, json: bool) -> Result<()> {
    let path = gold;
    let gold: crate::numbers::eval::Gold = read_gold(path, "a numbers")?;
    if gold.docs.is_empty() {
        bail!(
            "the gold file {} names no documents (`docs`): nothing to score",
            path.display()
        );
    }
    let docs = ctx.docs(&gold.docs)?;
    let found: Vec<_> = docs
        .iter()
        .flat_map(|d| crate::numbers::extract_regulation(d))
        .collect();
    let s = crate::numbers::eval::score(&gold, &found);
    let mut out = Out::stdout(OutputKind::of(json, ctx));
    if json {
        write_json(&mut out, &s)?;
        out.flush()?;
        return Ok(());
    }
    crate::render::eval::write_numbers(&mut out, &s)?;
    out.flush()?;
    Ok(())
}

/// Refuses a query gold file (`path`) that holds no queries (`count` 0): nothing to score.
fn has_queries(path: &Path, count: usize) -> Result<()> {
    if count == 0 {
        bail!(
            "the gold file {} has no queries: nothing to score",
            path.display()
        );
    }
    Ok(())
}

/// Refuses a query gold file (`path`) whose answers name documents (`ids`) the corpus does not
/// hold by that id: every query would miss them, and the score would read as a search that finds
/// nothing rather than as the wrong corpus. Where the gold says where its documents come from
/// (`sources`, paths under lawrefbook), the error says how to make the corpus.
fn gold_docs_in_corpus<'a>(
    ctx: &Ctx,
    path: &Path,
    ids: impl Iterator<Item = &'a str>,
) -> Result<()> {
    let corpus = ctx.corpus()?;
    let mut missing: Vec<&str> = ids
        .filter(|id| !corpus.docs.iter().any(|d| d.id.as_str() == *id))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if missing.is_empty() {
        return Ok(());
    }
    let sources = read_gold::<Sources>(path, "a query")
        .map(|s| s.sources)
        .unwrap_or_default();
    let named: Vec<String> = missing
        .iter()
        .map(|id| crate::safe_text::neutralize(id).to_string())
        .collect();
    let how = if missing.iter().all(|id| sources.contains_key(*id)) {
        format!(
            "; the gold's `sources` name its files (under lawrefbook): give --corpus a folder \
             holding them (lawrefbook's own), or copy each into one folder as <id>.md ({}) and \
             give that folder to --corpus",
            missing
                .iter()
                .map(|id| format!(
                    "{} → {}.md",
                    crate::safe_text::neutralize(&sources[*id]),
                    crate::safe_text::neutralize(id)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        format!(
            "; its queries can only be scored on a corpus whose documents have these ids (a file \
             `{first}.md` is document `{first}`)",
            first = named[0]
        )
    };
    bail!(
        "the gold file {} names documents that are not in the corpus {}: {}{how}",
        path.display(),
        corpus.root.display(),
        named.join(", "),
    )
}

/// Runs the gold queries and scores their top k.
fn eval_search(ctx: &Ctx, gold: &Path, k: usize, json: bool) -> Result<()> {
    let path = gold;
    let gold = crate::index::GoldFile::load(gold).context("cannot read the gold file")?;
    has_queries(path, gold.queries.len())?;
    // A query with no relevant article scores 0 whatever the search does: a slip in the gold.
    if let Some(q) = gold
        .queries
        .iter()
        .find(|q| q.relevant.is_empty() && q.partial.is_empty())
    {
        bail!(
            "the gold file {}: query '{}' lists no relevant article: nothing to score it by",
            path.display(),
            crate::safe_text::neutralize(cut_for_error(&q.query))
        );
    }
    gold_docs_in_corpus(
        ctx,
        path,
        gold.queries
            .iter()
            .flat_map(|q| q.relevant.iter().chain(&q.partial).map(|(d, _)| d.as_str())),
    )?;
    let index = super::search::search_index(ctx)?;
    let report = crate::index::evaluate(&index, &gold, k)?;
    let mut out = Out::stdout(OutputKind::of(json, ctx));
    if json {
        write_json(&mut out, &report)?;
        out.flush()?;
        return Ok(());
    }
    crate::render::eval::write_search(&mut out, &report)?;
    out.flush()?;
    Ok(())
}

/// Reads and decodes a gold file; `kind` names it in the error ("an alignment", "a numbers").
fn read_gold<T: serde::de::DeserializeOwned>(path: &Path, kind: &str) -> Result<T> {
    let bytes = crate::extract::read_file_capped(path).with_context(|| {
        // The examples' paths are relative to a source checkout, which an installed binary lacks.
        let hint = if path.is_relative() && path.starts_with("tests/data") && !path.exists() {
            " (the gold files ship in guize's source checkout: run from its top folder or give the full path)"
        } else {
            ""
        };
        format!("cannot read gold file {}{hint}", path.display())
    })?;
    let text = String::from_utf8(bytes)
        .with_context(|| format!("cannot read gold file {}: not UTF-8", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{} is not {kind} gold file", path.display()))
}
