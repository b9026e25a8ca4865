//! `guize compare WHAT`: one clause group side by side, found by group id, article reference or
//! search words, rendered for the terminal, Markdown, HTML or JSON.

use super::Ctx;
use super::output::{Format, Kind, alignment, note, renderer, write_output};
use crate::align::{Alignment, Group};
use crate::corpus::Corpus;
use crate::diff::is_punct;
use crate::index::Filter;
use crate::model::{Article, Regulation};
use crate::parse::parse_article_ref;
use crate::report::{self, BaseKind, citation, excerpt};
use crate::segment::Segmenter;
use anyhow::{Result, anyhow, bail};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "WHAT is a clause group id, an article (lixia:39, 历下:第三十九条, \"历下 39\") or \
search words; for words, the group of the best-matching article is compared and named on stderr.

Examples:
  guize compare lixia:39
  guize compare 历下:第三十九条 --base shizhong
  guize compare 常务会议 召开 --doc lixia --doc yanzhou
  guize compare 请假 --format html -o leave.html
  guize compare lixia:39 --json"
)]
pub struct Args {
    /// Group id, article reference or search words.
    #[arg(required = true, num_args = 1.., value_name = "WHAT")]
    pub what: Vec<String>,
    /// Compare with this document's wording instead of the majority wording.
    #[arg(long, value_name = "DOC")]
    pub base: Option<String>,
    /// Only these documents (id or alias; repeatable).
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Terminal)]
    pub format: Format,
    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Width of terminal output in columns (default: the terminal's, else 100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let corpus = ctx.corpus()?;
    let what = args.what.join(" ");
    let mut docs = ctx.docs(&args.docs)?;
    if let (Some(base), false) = (&args.base, args.docs.is_empty()) {
        docs.push(corpus.doc(base)?);
    }
    let mut seen = std::collections::HashSet::new();
    docs.retain(|d| seen.insert(&d.id));
    let alignment = alignment(ctx)?;
    let group = choose_group(ctx, corpus, &alignment, &what)?;
    let base = match &args.base {
        Some(b) => BaseKind::Doc(corpus.doc(b)?.id.clone()),
        None => BaseKind::Majority,
    };
    let compared = report::compare_group(&docs, group, &base)?;
    if compared.columns.is_empty() {
        let have: Vec<&str> = group.members.keys().map(|d| d.as_str()).collect();
        bail!(
            "none of the selected documents has an article in group {} ({}); documents in it: {}",
            group.id,
            group.label,
            have.join(", ")
        );
    }
    let format = if args.json { Format::Json } else { args.format };
    let render = renderer(format, ctx, args.width.map(usize::from));
    write_output(
        args.output.as_deref(),
        Kind::of_format(format, ctx),
        |out| render.compare(out, &compared),
    )
}

/// The group `what` names: a group id, an article reference, or the group of the article that
/// best matches `what` as search words (said on stderr).
fn choose_group<'a>(
    ctx: &Ctx,
    corpus: &'a Corpus,
    alignment: &'a Alignment,
    what: &str,
) -> Result<&'a Group> {
    let what = what.trim();
    if let Some(g) = alignment.group(what) {
        return Ok(g);
    }
    // Group ids are g + 10 hex digits; one typed in capitals is still a group id, never search
    // words (which would compare some other group).
    if looks_like_group_id(what) {
        let lower = what.to_ascii_lowercase();
        if let Some(g) = alignment.group(&lower) {
            return Ok(g);
        }
        let ids: Vec<&str> = alignment.groups.iter().map(|g| g.id.as_str()).collect();
        let closest: Vec<&str> = crate::suggest::rank(&lower, &ids)
            .into_iter()
            .take(5)
            .collect();
        bail!("no clause group {what}; closest: {}", closest.join(", "));
    }
    if let Some((doc, number)) = article_ref(corpus, what)? {
        return group_of(alignment, doc, number);
    }
    let Some((doc, article, how)) = best_article(ctx, corpus, what) else {
        bail!("{}", no_match(corpus, alignment, what));
    };
    let group = group_of(alignment, doc, article.number)?;
    note(format_args!(
        "'{what}' best matches {} {} ({how}); comparing group {} ({})",
        doc.meta.display_name(),
        citation(&[report::ArticleCite::of(article)]),
        group.id,
        group.label
    ));
    Ok(group)
}

/// The best article for search words: the top hit of the search index, or, when the index cannot
/// be opened or built, the best word match over the loaded corpus.
/// `g` followed by ten hexadecimal digits, in any case.
fn looks_like_group_id(s: &str) -> bool {
    s.len() == 11 && s.starts_with(['g', 'G']) && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

fn best_article<'c>(
    ctx: &Ctx,
    corpus: &'c Corpus,
    what: &str,
) -> Option<(&'c Regulation, &'c Article, &'static str)> {
    match super::index::fresh_index(ctx) {
        Ok(index) => {
            // A query of stop words or punctuation only finds nothing, like one without hits.
            let report = index.search(what, &Filter::default(), 1).ok()?;
            let hit = report.hits.first()?;
            let doc = corpus.docs.iter().find(|d| d.id == hit.doc)?;
            Some((doc, doc.article(hit.article)?, "search"))
        }
        Err(e) => {
            note(format_args!(
                "no search index ({e:#}); matching words instead"
            ));
            let (_, doc, article) = rank_articles(&corpus.docs, what).into_iter().next()?;
            Some((doc, article, "word match"))
        }
    }
}

fn group_of<'a>(alignment: &'a Alignment, doc: &Regulation, number: u32) -> Result<&'a Group> {
    alignment
        .group_of(&doc.id, number)
        .ok_or_else(|| anyhow!("{} article {number} is in no clause group", doc.id))
}

/// `lixia:39`, `历下：第三十九条`, `历下 39`: the document and article, when the text before the
/// separator names a document. Errors when it does but the article does not exist.
fn article_ref<'c>(corpus: &'c Corpus, what: &str) -> Result<Option<(&'c Regulation, u32)>> {
    let Some((doc_part, art_part)) = what
        .split_once([':', '：'])
        .or_else(|| what.rsplit_once(char::is_whitespace))
    else {
        return Ok(None);
    };
    let (doc_part, art_part) = (doc_part.trim(), art_part.trim());
    let has_colon = what.contains([':', '：']);
    if !has_colon && parse_article_ref(art_part).is_none() {
        // `历下 请假` is search words, not a reference.
        return Ok(None);
    }
    let doc = match corpus.doc(doc_part) {
        Ok(doc) => doc,
        // `xx:39` with an unknown document is a mistyped reference, not search words.
        Err(e) if has_colon && parse_article_ref(art_part).is_some() => {
            return Err(e.into());
        }
        Err(_) => return Ok(None),
    };
    Ok(Some((doc, doc.find_article(art_part)?.number)))
}

/// Articles that contain the query's words, best first: each word found adds its inverse
/// document frequency, so rare words weigh more than 区政府. A stand-in for the search index.
fn rank_articles<'c>(
    docs: &'c [Regulation],
    query: &str,
) -> Vec<(f32, &'c Regulation, &'c Article)> {
    let mut terms: Vec<&str> = Segmenter::global()
        .tokens(query)
        .into_iter()
        .map(|t| t.text.trim())
        .filter(|t| !t.is_empty() && !is_punct(t))
        .collect();
    terms.sort_unstable();
    terms.dedup();
    let articles: Vec<(&Regulation, &Article)> = docs
        .iter()
        .flat_map(|d| d.articles.iter().map(move |a| (d, a)))
        .collect();
    let n = articles.len() as f32;
    let weights: Vec<f32> = terms
        .iter()
        .map(|t| {
            let df = articles.iter().filter(|(_, a)| a.norm.contains(t)).count();
            if df == 0 {
                0.0
            } else {
                (1.0 + n / df as f32).ln()
            }
        })
        .collect();
    let mut ranked: Vec<(f32, &Regulation, &Article)> = articles
        .into_iter()
        .map(|(d, a)| {
            let score = terms
                .iter()
                .zip(&weights)
                .filter(|(t, _)| a.norm.contains(**t))
                .map(|(_, w)| w)
                .sum();
            (score, d, a)
        })
        .filter(|(s, _, _)| *s > 0.0)
        .collect();
    // Stable sort keeps corpus and article order among equal scores.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
}

/// The message for search words that match nothing: the groups and articles sharing the most
/// characters with them.
fn no_match(corpus: &Corpus, alignment: &Alignment, what: &str) -> String {
    let overlap = |text: &str| what.chars().filter(|c| text.contains(*c)).count();
    let mut groups: Vec<(usize, &Group)> = alignment
        .groups
        .iter()
        .map(|g| (overlap(&g.label), g))
        .collect();
    groups.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    let groups: Vec<String> = groups
        .iter()
        .take(5)
        .map(|(_, g)| format!("{} ({})", g.id, g.label))
        .collect();
    let mut articles: Vec<(usize, &Regulation, &Article)> = corpus
        .docs
        .iter()
        .flat_map(|d| d.articles.iter().map(move |a| (overlap(&a.norm), d, a)))
        .collect();
    articles.sort_by_key(|(n, _, _)| std::cmp::Reverse(*n));
    let articles: Vec<String> = articles
        .iter()
        .take(5)
        .map(|(_, d, a)| format!("{}:{} {}", d.id, a.number, excerpt(&a.norm, 16)))
        .collect();
    format!(
        "'{what}' is no group id, article reference or matching search words\n  closest groups: {}\n  closest articles: {}",
        groups.join("; "),
        articles.join("; ")
    )
}
