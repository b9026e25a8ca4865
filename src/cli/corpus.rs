//! `guize corpus`: a table of the corpus's documents (or JSON), with their warnings on stderr.

use super::output::{Out, OutputKind};
use super::{CorpusSource, Ctx};
use crate::align::Kind;
use crate::corpus::Corpus;
use crate::index;
use crate::model::Regulation;
use crate::render;
use crate::render::wire::{CorpusJson, CorpusPlacesJson, KindJson, LocationJson, write_json};
use anyhow::{Context as _, Result};
use std::io::Write;
use std::path::Path;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  guize corpus\n  guize corpus --warnings\n  guize corpus --json | jq '.documents[].id'\n  guize --corpus other/ corpus"
)]
pub struct Args {
    /// Print one JSON object: {"documents": [...]}; for a corpus of several kinds also
    /// "kinds": [{"name", "documents"}], the kinds `guize align` aligns apart.
    #[arg(long)]
    pub json: bool,
    /// Print every load warning on stderr, however many.
    #[arg(long)]
    pub warnings: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let corpus = ctx.corpus()?;
    let mut out = Out::stdout(OutputKind::of(args.json, ctx));
    if args.json {
        let (corpus_at, index_at) = locations(ctx)?;
        let kinds = kinds_of(ctx, corpus, &index_at);
        let wire = CorpusPlacesJson {
            corpus_json: CorpusJson::new(corpus),
            kinds: KindJson::of(&kinds),
            corpus: corpus_at,
            index: index_at,
        };
        write_json(&mut out, &wire)?;
        out.flush()?;
        return Ok(());
    }
    let (corpus_at, index_at) = locations(ctx)?;
    let kinds = kinds_of(ctx, corpus, &index_at);
    render::corpus::write_text(&mut out, corpus, &kinds, &corpus_at, &index_at, ctx.color)?;
    out.flush()?;
    Ok(())
}

/// The kinds `guize align` aligns apart (none for a corpus of one kind): those of the alignment
/// cached beside an up-to-date index, else those cached there by an earlier `guize corpus`, else
/// found here (for a corpus whose titles name one matter, by reading the titles alone; else by
/// scoring the articles, seconds on a province's hundreds, with a spinner on a terminal) and
/// stored beside the index for the next run.
fn kinds_of(ctx: &Ctx, corpus: &Corpus, index_at: &LocationJson) -> Vec<Kind> {
    let place = if index_at.status == Some("fresh") {
        super::output::cache_place(ctx, corpus)
    } else {
        None
    };
    kinds_at(ctx, corpus, place.as_ref())
}

/// The kinds of the whole corpus (none for a corpus of one kind): those of the alignment cached
/// at `place`, else those an earlier run kept there, else found here and kept there (see
/// [`kinds_of`]). `align`, `report`, `numbers` and `compare` with `--doc` align each kind's
/// chosen documents apart by them.
pub(super) fn kinds_at(
    ctx: &Ctx,
    corpus: &Corpus,
    place: Option<&index::cache::Place>,
) -> Vec<Kind> {
    if let Some(place) = place {
        if let Some(a) = super::output::cached_alignment(ctx, corpus, place) {
            return a.kinds;
        }
        if let Some(kinds) = index::cache::load_kinds_at(place).filter(|k| fits(corpus, k)) {
            return kinds;
        }
    }
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let spinner = progress(&docs);
    let kinds = crate::align::named_kinds_of(&docs, &crate::align::Params::default());
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    if let Some(place) = place {
        // Best effort: the kinds are here either way.
        let _ = index::cache::store_kinds_at(place, &kinds);
    }
    kinds
}

/// True when every document `kinds` names is in `corpus` (a damaged cache that still parses is
/// found again, as a damaged one is).
fn fits(corpus: &Corpus, kinds: &[Kind]) -> bool {
    kinds
        .iter()
        .flat_map(|k| &k.docs)
        .all(|d| corpus.docs.iter().any(|x| x.id == *d))
}

/// A spinner on stderr while the kinds of a large corpus are found (its articles scored);
/// nothing when stderr is not a terminal or for a corpus of fewer than 2,000 articles (as `guize
/// align`'s spinner).
fn progress(docs: &[&Regulation]) -> Option<indicatif::ProgressBar> {
    super::align::spinner_over(docs, |articles, documents| {
        format!("finding the kinds of {documents} ({articles})")
    })
}

/// Where the corpus and the index are, and why there (`corpus` and `index` of the JSON).
pub(crate) fn locations(ctx: &Ctx) -> Result<(LocationJson, LocationJson)> {
    let shown = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let corpus_path = match ctx.source {
        CorpusSource::BuiltIn => ctx.corpus_dir.display().to_string(),
        _ => super::context::canonical(&ctx.corpus_dir)
            .display()
            .to_string(),
    };
    let corpus = LocationJson {
        path: corpus_path,
        source: ctx.source.key(),
        status: None,
        why: ctx.source.explain().to_string(),
    };
    let status = index::status(&ctx.index_dir, |known| match ctx.source {
        CorpusSource::BuiltIn => Ok(crate::builtin::fingerprint()),
        _ => Ok(index::survey(&ctx.corpus_dir, known)?.fingerprint),
    })
    .with_context(|| format!("cannot read corpus {}", ctx.corpus_dir.display()))?;
    let (status, state) = match status {
        index::Status::Fresh => ("fresh", "up to date"),
        index::Status::Stale => ("stale", "out of date: the next search rebuilds it"),
        index::Status::Missing => ("missing", "not built yet: the first search builds it"),
        index::Status::Foreign => (
            "foreign",
            "not an index folder of guize (it holds files guize did not write): it will not be \
             used; give --index (or GUIZE_INDEX) a new or empty folder",
        ),
    };
    let index = LocationJson {
        path: shown(&ctx.index_dir).display().to_string(),
        source: ctx.index_place.key(),
        status: Some(status),
        why: format!("{}; {state}", ctx.index_place.explain()),
    };
    Ok((corpus, index))
}
