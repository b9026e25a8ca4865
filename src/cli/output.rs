//! What `compare` and `report` share: the output format flag, the renderer it picks, the terminal
//! width, the alignment of the corpus and writing to stdout or a file.

use super::Ctx;
use crate::align::Alignment;
use crate::corpus::Corpus;
use crate::index::cache;
use crate::model::Regulation;
use crate::render::{Csv, Docx, Html, Json, Markdown, Render, Terminal};
use anyhow::{Context as _, Result, bail};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

/// Output formats of `guize compare` and `guize report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Terminal,
    Markdown,
    Html,
    Json,
    /// A Word document (.docx): one table per clause group.
    Docx,
    /// Comma-separated values (UTF-8 with BOM) for spreadsheets.
    Csv,
}

impl Format {
    /// True for formats that are not text (a terminal cannot show them).
    pub fn is_binary(self) -> bool {
        self == Format::Docx
    }
}

/// Output formats of the table commands (`numbers`, `search`, `align`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum TableFormat {
    /// For reading on a terminal.
    #[default]
    Text,
    Json,
    /// Comma-separated values (UTF-8 with BOM) for spreadsheets.
    Csv,
}

impl TableFormat {
    /// The format asked for, `--json` being short for `--format json`.
    pub fn or_json(self, json: bool) -> TableFormat {
        if json { TableFormat::Json } else { self }
    }
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
        Format::Docx => Box::new(Docx),
        Format::Csv => Box::new(Csv),
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

/// Refuses to write a binary format to a terminal: the user meant `-o FILE`.
pub fn check_binary_target(format: Format, path: Option<&Path>) -> Result<()> {
    let to_stdout = path.is_none_or(|p| p.as_os_str() == "-");
    if format.is_binary() && to_stdout && io::stdout().is_terminal() {
        bail!(
            "--format docx writes a Word file; give it a name with -o FILE.docx (or redirect stdout)"
        );
    }
    Ok(())
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
