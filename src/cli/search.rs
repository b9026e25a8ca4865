//! `guize search`: ranked articles for a query, cited and highlighted, as text or JSON.
//!
//! # JSON format
//! One object: `{"query": "常务会议", "words": ["常务会议"], "total": 12, "hits": [{"doc": "lixia",
//! "district": "历下区", "chapter": {"number": 8, "title": "完善会议制度"}, "article": 39,
//! "section": null, "lines": [120, 124], "score": 12.3, "snippet": "…", "highlights": [[3, 7]]}]}`;
//! `highlights` are character (not byte) ranges of `snippet`. A hit of an inserted article has
//! `"sub": 1` (第十七条之一); the article a query cites (`历下区 第八章 第三十九条`) comes first
//! with `"cited": true` and score 0, then its clause-group counterparts (score 0, `via` naming
//! it), then the articles its opening statement finds: `words` are then the opening's words (the
//! reference's own, 历下区 and 39, are not searched), and `total` counts the articles they match.

use super::Ctx;
use super::output::{Out, OutputKind, TableFormat};
use crate::index::{Filter, SearchIndex};
use crate::render;
use crate::render::wire::{SearchJson, write_json};
use anyhow::{Result, bail};
use std::io::Write;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  guize search 常务会议\n  guize search --doc 历下 --doc zhoucun 会议纪要 签发\n  \
guize search --chapter 会议制度 '\"每两周召开\"'\n  guize search --json 请假 -外出\n  \
guize search --limit 3 -- 休假 -AB\n  guize search --format csv --limit 50 会议 > hits.csv\n\n\
Query syntax: plain words (any of them may match; BM25 ranks articles with more and rarer words \
first), \"quoted phrases\" that must occur as written, and -words whose articles are left out \
(a -word in Latin letters goes inside a quoted query or after `--`, so that it is not taken for an \
option). The count of matching articles includes those matched by a word's parts and related words \
(常务 and 会议 of 常务会议, its neighbours in the word vectors), and the line under the hits says \
how many of those shown hold none of the words as written; a quoted word counts only the articles \
that hold it."
)]
pub struct Args {
    /// The query: words, "quoted phrases", -excluded words; `-` alone reads it from standard
    /// input.
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    pub query: Vec<String>,
    /// Only these documents (id, alias or district); repeatable.
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// Only this chapter or section: a chapter's number (8, 第八章), a section's (第一节, in every
    /// chapter; 第二章第一节), or part of either's title (会议制度); in a code with parts, the
    /// part first (第二编第三章) or a whole part (第二编, or words of its title: 分则).
    #[arg(long, value_name = "TITLE|N")]
    pub chapter: Option<String>,
    /// Number of hits to show (1 to 1000000).
    #[arg(long, default_value_t = 10, value_parser = parse_limit, allow_negative_numbers = true)]
    pub limit: usize,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Output format: text, JSON (as --json), CSV or XLSX (one row per hit).
    #[arg(long, value_enum, default_value_t = TableFormat::Text, conflicts_with = "json")]
    pub format: TableFormat,
}

/// Highest `--limit`: more than the articles of any corpus guize is meant for (lawrefbook has
/// about 150,000), so it never hides a hit; a larger number is a typo.
pub(crate) const MAX_LIMIT: usize = 1_000_000;

/// A `--limit`: a whole number from 1 to [`MAX_LIMIT`]; anything else is a usage error that says
/// the range.
pub(crate) fn parse_limit(s: &str) -> Result<usize, String> {
    whole_number(s, 1, MAX_LIMIT as u128).map(|n| usize::try_from(n).unwrap_or(MAX_LIMIT))
}

/// A numeric option's value: a whole number from `low` to `high`; anything else (`-1`, `NaN`,
/// `1e3`, `2.5`, a number past any integer type) is an error that says the range, the same
/// words for every such option. Options that take one are given `allow_negative_numbers`, so
/// that `--limit -5` reaches this and is not taken for an unknown option.
pub(crate) fn whole_number(s: &str, low: u128, high: u128) -> Result<u128, String> {
    let range = format!("a whole number from {low} to {high}");
    let t = s.trim();
    match t.parse::<u128>() {
        Ok(n) if n < low => Err(format!("must be at least {low} ({range})")),
        Ok(n) if n > high => Err(format!("{n} is too large ({range})")),
        Ok(n) => Ok(n),
        Err(_)
            if t.starts_with('-') && t[1..].bytes().all(|b| b.is_ascii_digit()) && t.len() > 1 =>
        {
            Err(format!("{t} is negative ({range})"))
        }
        Err(_) => Err(format!("'{s}' is not {range}")),
    }
}

/// Up to this many articles, a search whose index has no group topics stored aligns the corpus
/// first (the five: about 0.1 s, less than building their index); above, it ranks without them
/// until a command that aligns (`align`, `compare`, `report`, `numbers`, `precedent`, `serve`)
/// has stored them: aligning lawrefbook takes minutes, a search milliseconds.
const ALIGN_FOR_SEARCH_MAX_ARTICLES: u64 = 2_000;

/// The index for a search: fresh, with the group topics stored first when the corpus is small
/// enough to align on the spot ([`ALIGN_FOR_SEARCH_MAX_ARTICLES`]).
pub(super) fn search_index(ctx: &Ctx) -> Result<SearchIndex> {
    let index = super::index::fresh_index(ctx)?;
    // Looked for here rather than by `index.topics()`, so that topics made below can still be
    // given to `index`.
    use crate::index::topics::Topics;
    if let Some(topics) = Topics::open(&crate::index::cache::Place::of(&index)) {
        index.use_topics(topics);
        return Ok(index);
    }
    if index.num_articles() > ALIGN_FOR_SEARCH_MAX_ARTICLES {
        return Ok(index);
    }
    // Best effort: without the groups the search still ranks by each article's own text.
    if let Ok(corpus) = ctx.corpus()
        && let Ok(Some(alignment)) = super::output::whole_alignment(ctx, corpus, true)
    {
        // Topics made from the alignment in hand: the same as the stored ones where they could
        // be stored, and the only ones where they could not (a read-only index folder).
        index.use_topics(Topics::of(&corpus.docs, &alignment));
    }
    Ok(index)
}

/// `guize search -`: the query piped in (`echo 常务会议 | guize search -`), its lines joined.
fn query_from_stdin() -> Result<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        bail!(
            "`-` reads the query from standard input: pipe it in (`echo 常务会议 | guize search -`)"
        );
    }
    let text = match super::output::stdin_bytes("the query")? {
        None => String::new(),
        Some(bytes) => {
            crate::extract::decode(&bytes)
                .map_err(|e| anyhow::anyhow!("cannot read standard input: {e}"))?
                .0
        }
    };
    let query = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if query.is_empty() {
        bail!("standard input held no query: pipe one in (`echo 常务会议 | guize search -`)");
    }
    Ok(query)
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let index = search_index(ctx)?;
    // Each name through the one document lookup, so that a name fitting several documents is
    // said as such (as `show` says it), then passed on as the id it picks.
    let filter = Filter {
        docs: crate::corpus::names::ids(&index.meta().docs, &args.docs)?,
        chapter: args.chapter,
    };
    let query = if args.query.len() == 1 && args.query[0] == "-" {
        query_from_stdin()?
    } else {
        let words: Vec<String> = args.query.iter().map(|w| super::unshield(w)).collect();
        words.join(" ")
    };
    // A query that cites an article (`历下区 第八章 第三十九条`, a line `guize show` printed)
    // puts it first; only such a query loads the corpus (a search of lawrefbook need not).
    let corpus = match crate::lookup::could_cite(&query) {
        true => ctx.corpus().ok(),
        false => None,
    };
    let report = match corpus {
        Some(corpus) => crate::lookup::search_citing(corpus, &index, &query, &filter, args.limit)?,
        None => index.search(&query, &filter, args.limit)?,
    };
    // `--chapter` cannot reach a document without chapters: say which were left out.
    let without_chapters = index.chapterless(&filter)?;
    if !without_chapters.is_empty() {
        super::output::note(format_args!(
            "--chapter: {} document{} without chapters not searched: {}",
            without_chapters.len(),
            if without_chapters.len() == 1 { "" } else { "s" },
            without_chapters.join(", ")
        ));
    }
    let format = args.format.or_json(args.json);
    let mut out = Out::stdout(OutputKind::of_table(format, ctx));
    if super::output::write_sheet(&mut out, format, || {
        crate::render::csv::search_sheet(&report)
    })? {
        // Written as a spreadsheet.
    } else if format == TableFormat::Json {
        let mut json = SearchJson::new(&report);
        json.without_chapters = &without_chapters;
        write_json(&mut out, &json)?;
    } else {
        render::search::write_text(&mut out, &report, ctx.color)?;
    }
    out.flush()?;
    Ok(())
}
