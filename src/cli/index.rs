//! `guize index`: builds the search index of the corpus aside, then swaps it in.

use super::output::{Out, OutputKind, note};
use super::{CorpusSource, Ctx};
use crate::index::{self, Progress, Rebuilt, SearchIndex};
use crate::text::counted;
use anyhow::{Context as _, Result};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::io::Write;

/// Below this many documents a build is too quick for a progress bar.
const PROGRESS_MIN_DOCS: usize = 50;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  guize index\n  guize index --index /tmp/guize-index\n  \
guize --corpus ~/laws index --index /tmp/law-index\n\n\
A search builds or rebuilds the index by itself when it is missing or stale; this command builds it \
now. An index of the unchanged corpus is left as it is (commands reading it are not disturbed)."
)]
pub struct Args {}

pub fn run(ctx: &Ctx, _args: Args) -> Result<()> {
    let corpus = ctx.corpus()?;
    index_is_a_folder(ctx)?;
    ctx.prepare_index_dir();
    // An index of exactly these bytes is left as it is: rebuilding it would only pull the live
    // generation from under the commands reading it. (Opening it waits for a writer: said.)
    say_if_waiting(ctx, false);
    if let Some(index) = up_to_date(ctx, corpus) {
        let mut out = Out::stdout(OutputKind::Text { colors: false });
        writeln!(
            out,
            "indexed {}, {} into {} (up to date: the corpus is unchanged since it was built, so \
             nothing was rebuilt)",
            counted(index.meta().docs.len(), "document"),
            counted(index.meta().articles, "article"),
            ctx.index_dir.display()
        )?;
        out.flush()?;
        return Ok(());
    }
    let mut progress = progress_reporter(corpus.docs.len());
    say_if_waiting(ctx, true);
    // Ctrl-C from here on removes the half-built folder before the process ends.
    let _interrupt = super::interrupt::Guard::during_build();
    let stats = index::rebuild_corpus(&ctx.index_dir, corpus, &mut progress)
        .with_context(|| format!("cannot build the index in {}", ctx.index_dir.display()))?;
    let mut out = Out::stdout(OutputKind::Text { colors: false });
    crate::render::summary::write_index_built(&mut out, &stats, &ctx.index_dir)?;
    out.flush()?;
    Ok(())
}

/// The live index when it was built from exactly the bytes `corpus` was loaded from and opens.
fn up_to_date(ctx: &Ctx, corpus: &crate::corpus::Corpus) -> Option<SearchIndex> {
    let fingerprint = match ctx.source {
        CorpusSource::BuiltIn => crate::builtin::fingerprint(),
        _ => index::fingerprint_of(&corpus.sources),
    };
    index::open(&ctx.index_dir)
        .ok()
        .filter(|i| i.meta().fingerprint == fingerprint)
}

/// The index of the corpus, rebuilt first when it is missing, stale or damaged (said on stderr).
pub(super) fn fresh_index(ctx: &Ctx) -> Result<SearchIndex> {
    index_is_a_folder(ctx)?;
    // No index folder yet: the corpus is loaded first (a build needs it anyway), so that a folder
    // holding no documents is said as such before anything is written into it.
    if ctx.source != CorpusSource::BuiltIn && ctx.corpus_dir.is_dir() && !ctx.index_dir.exists() {
        ctx.corpus()?;
    }
    ctx.prepare_index_dir();
    let mut docs = 0;
    let mut progress = None;
    let loaded_before = ctx.corpus_loaded();
    // A corpus that cannot be loaded is the corpus's fault, not the index's: said as it is.
    let mut load_error = None;
    let mut load = || match ctx.corpus() {
        Ok(corpus) => {
            docs = corpus.docs.len();
            Ok(corpus)
        }
        Err(e) => {
            let msg = super::output::error_chain(&e);
            load_error = Some(e);
            Err(crate::Error::CorpusLoad { msg })
        }
    };
    let mut report = |p: Progress| progress.get_or_insert_with(|| progress_reporter(p.total))(p);
    say_if_waiting(ctx, false);
    // Ctrl-C during a build removes the half-built folder before the process ends.
    let _interrupt = super::interrupt::Guard::during_build();
    let opened = match ctx.source {
        // Files in memory cannot change: their fingerprint is known without a walk.
        CorpusSource::BuiltIn => index::open_or_build(
            &ctx.index_dir,
            &crate::builtin::fingerprint(),
            || load().map(|c| &c.docs[..]),
            &mut report,
        )
        .map(|(index, why)| (index, why, Vec::new())),
        _ => {
            if ctx.corpus_dir.is_file() {
                return Err(crate::Error::CorpusIsFile {
                    path: ctx.corpus_dir.clone(),
                })
                .with_context(|| format!("cannot load corpus {}", ctx.corpus_dir.display()));
            }
            if ctx.corpus_dir.exists() && !ctx.corpus_dir.is_dir() {
                // A pipe or a device: said as the corpus loader says it.
                crate::corpus::Corpus::load(&ctx.corpus_dir)
                    .with_context(|| format!("cannot load corpus {}", ctx.corpus_dir.display()))?;
            }
            std::fs::read_dir(&ctx.corpus_dir)
                .with_context(|| format!("cannot read corpus {}", ctx.corpus_dir.display()))?;
            index::open_fresh(&ctx.index_dir, &ctx.corpus_dir, load, &mut report)
        }
    };
    if let Some(e) = load_error {
        return Err(e);
    }
    // A build that failed, or a folder that is no index, is said as it is: rebuilding would not
    // help.
    let opened = match opened {
        Err(e @ (crate::Error::IndexBuild { .. } | crate::Error::NotAnIndex { .. })) => {
            return Err(e.into());
        }
        opened => opened,
    };
    let (index, why, warnings) = opened.with_context(|| match unwritable(&ctx.index_dir) {
        // Rebuilding would fail the same way: say which folder and what to do instead.
        Some(dir) => format!(
            "cannot open the index in {}: {} cannot be written to (give a folder you can write \
             to with --index DIR or GUIZE_INDEX, or set XDG_CACHE_HOME)",
            ctx.index_dir.display(),
            dir.display()
        ),
        None => format!(
            "cannot open the index in {} (rebuild it with `guize index`)",
            ctx.index_dir.display()
        ),
    })?;
    // The walk's warnings (broken links, pipes, unreadable files), as loading the corpus gives
    // them, unless the corpus was loaded and said them already.
    if !loaded_before {
        ctx.print_warnings(&warnings);
    }
    let reason = match why {
        Rebuilt::No => return Ok(index),
        Rebuilt::Missing => "there was none",
        Rebuilt::Stale => "the corpus or dictionary changed",
        Rebuilt::Corrupt => "the old one could not be read",
    };
    note(format_args!(
        "built the index of {} in {} ({reason})",
        counted(docs, "document"),
        ctx.index_dir.display()
    ));
    Ok(index)
}

/// An index is a folder: `--index FILE` is said as such, not as an index to rebuild, and so is
/// `--index FILE/x`, whose folder cannot be made under a file.
fn index_is_a_folder(ctx: &Ctx) -> Result<()> {
    match std::fs::metadata(&ctx.index_dir) {
        Ok(m) if !m.is_dir() => anyhow::bail!(
            "the index {} is a file, not a folder: --index (or GUIZE_INDEX) names a folder, \
             which guize creates and fills",
            ctx.index_dir.display()
        ),
        Ok(_) => Ok(()),
        Err(_) => match super::output::file_above(&ctx.index_dir) {
            Some(file) => anyhow::bail!(
                "the index {} cannot be made: {} is a file, not a folder; give a folder that \
                 is not under a file with --index DIR (or GUIZE_INDEX)",
                ctx.index_dir.display(),
                file.display()
            ),
            None => Ok(()),
        },
    }
}

/// Says on stderr when another process holds the index lock, so a wait is not silent.
fn say_if_waiting(ctx: &Ctx, exclusive: bool) {
    if index::busy(&ctx.index_dir, exclusive) {
        note(format_args!(
            "waiting for another guize process to finish with the index in {}",
            ctx.index_dir.display()
        ));
    }
}

/// A progress callback: an indicatif bar on a terminal for large corpora, otherwise nothing.
fn progress_reporter(total: usize) -> Box<dyn FnMut(Progress)> {
    if total < PROGRESS_MIN_DOCS || !std::io::stderr().is_terminal() {
        return Box::new(|_| {});
    }
    let bar = ProgressBar::new(total as u64);
    if let Ok(style) = ProgressStyle::with_template("indexing {bar:40} {pos}/{len} documents {eta}")
    {
        bar.set_style(style);
    }
    Box::new(move |p: Progress| {
        bar.set_position(p.done as u64);
        if p.done == p.total {
            bar.finish_and_clear();
        }
    })
}
/// The folder that keeps the index `dir` from being made or rebuilt: the nearest existing one of
/// `dir` and its parents, when a file cannot be created in it; `None` when it can.
fn unwritable(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    let existing = dir.ancestors().find(|p| p.is_dir())?;
    match tempfile::tempfile_in(existing) {
        Ok(_) => None,
        Err(_) => Some(existing.to_path_buf()),
    }
}
