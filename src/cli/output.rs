//! What `compare` and `report` share: the output format flag, the renderer it picks, the terminal
//! width, the alignment of the corpus and writing to stdout or a file.

use super::Ctx;
use crate::align::Alignment;
use crate::corpus::Corpus;
use crate::index::cache;
use crate::model::Regulation;
use crate::render::{Html, Json, Markdown, Render, Terminal};
use anyhow::{Context as _, Result, bail};
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Output formats of `guize compare` and `guize report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Terminal,
    Markdown,
    Html,
    Json,
}

/// Width used when neither `--width` nor a terminal says otherwise.
const DEFAULT_WIDTH: usize = 100;

/// The renderer of `format`; `width` only matters to the terminal.
pub fn renderer(format: Format, ctx: &Ctx, width: Option<usize>) -> Box<dyn Render> {
    match format {
        Format::Terminal => Box::new(Terminal {
            width: width.unwrap_or_else(terminal_width),
            color: ctx.color,
        }),
        Format::Markdown => Box::new(Markdown),
        Format::Html => Box::new(Html),
        Format::Json => Box::new(Json),
    }
}

/// The width of the terminal on stdout, else `$COLUMNS`, else 100.
fn terminal_width() -> usize {
    if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size_of(io::stdout()) {
        return usize::from(w);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w| *w > 0)
        .unwrap_or(DEFAULT_WIDTH)
}

/// The clause groups of the whole corpus: ids stay the same whatever `--doc` selects. Read from
/// the derived-data cache beside the index when it is there, else computed and stored there.
pub fn alignment(ctx: &Ctx) -> Result<Alignment> {
    let corpus = ctx.corpus()?;
    if corpus.docs.is_empty() {
        bail!("the corpus has no documents to compare");
    }
    Ok(whole_alignment(ctx, corpus, true)?.unwrap_or_default())
}

/// The whole-corpus alignment: from the cache beside the index generation when the index is of
/// exactly the bytes `corpus` was loaded from; else, when `compute`, aligned here (and stored
/// when the index matches). `None` when not cached and not `compute`.
pub fn whole_alignment(ctx: &Ctx, corpus: &Corpus, compute: bool) -> Result<Option<Alignment>> {
    let align = || {
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        crate::align::align_docs(&docs)
    };
    // No index (a read-only folder, say) only means no cache.
    let index = super::index::fresh_index(ctx)
        .ok()
        .filter(|i| i.meta().fingerprint == corpus.fingerprint());
    let Some(index) = index else {
        return Ok(compute.then(align));
    };
    if let Some(a) = cache::load_alignment(&index) {
        return Ok(Some(a));
    }
    if !compute {
        return Ok(None);
    }
    let a = align();
    // Best effort: the alignment is here either way.
    let _ = cache::store_alignment(&index, &a);
    Ok(Some(a))
}

/// Runs `write` on stdout, or on `path` (written aside, then moved into place, so a failed run
/// leaves no half-written file).
pub fn write_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
        let stdout = io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        write(&mut out)?;
        return Ok(out.flush()?);
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let cannot = || format!("cannot write {}", path.display());
    let mut tmp = tempfile::NamedTempFile::new_in(dir).with_context(cannot)?;
    {
        let mut out = BufWriter::new(tmp.as_file_mut());
        write(&mut out).with_context(cannot)?;
        out.flush().with_context(cannot)?;
    }
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(cannot)?;
    Ok(())
}
