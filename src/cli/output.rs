//! What `compare` and `report` share: the output format flag, the renderer it picks, the terminal
//! width, the alignment of the corpus and writing to stdout or a file.

use super::Ctx;
use crate::align::Alignment;
use crate::corpus::Corpus;
use crate::index::cache;
use crate::model::Regulation;
use crate::render::csv::{Sheet, write_csv};
use crate::render::xlsx::write_xlsx;
use crate::render::{Csv, Docx, Html, Json, Markdown, Render, Terminal, Xlsx};
use crate::safe_text::{Mode, SafeWriter, neutralize};
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
    /// An Excel workbook (.xlsx).
    Xlsx,
}

/// What a command that shows one comparison writes (`compare`, `versions`): the terminal, the
/// text formats and Word.
pub const COMPARISON_FORMATS: [Format; 5] = [
    Format::Terminal,
    Format::Markdown,
    Format::Html,
    Format::Json,
    Format::Docx,
];

impl Format {
    /// The format a file name asks for by its extension (`x.md` → Markdown, `x.html`, `x.json`,
    /// `x.docx`, `x.csv`, `x.xlsx`); `None` for standard output and other names. `-o FILE`
    /// without `--format` writes what the name says.
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "json" => Format::Json,
            "docx" => Format::Docx,
            "csv" => Format::Csv,
            "xlsx" => Format::Xlsx,
            "txt" => Format::Terminal,
            _ => return None,
        })
    }

    /// The format `-o FILE` asks for, among those a command `writes`: `None` for standard
    /// output and a name without an extension (the command's default); an error for an extension
    /// it does not write (`report -o r.pdf`), rather than a file whose name says one format and
    /// holds another.
    pub fn of_output(path: Option<&std::path::Path>, writes: &[Format]) -> Result<Option<Format>> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(None);
        };
        let Some(ext) = path.extension() else {
            return Ok(None);
        };
        match Format::of_path(path) {
            Some(f) if writes.contains(&f) => Ok(Some(f)),
            _ => {
                let names: Vec<&str> = writes.iter().map(|f| f.extension()).collect();
                bail!(
                    "cannot tell what to write to {}: .{} is not a format this command writes \
                     (give --format, or a name ending in .{})",
                    path.display(),
                    ext.to_string_lossy(),
                    names.join(", .")
                )
            }
        }
    }

    /// The format a command writes: `--json`, else `--format` (`given`), else what `-o FILE`'s
    /// extension asks for among those the command `writes` ([`Format::of_output`]); `None` when
    /// nothing asks, for the command's default.
    pub fn chosen(
        json: bool,
        given: Option<Format>,
        output: Option<&std::path::Path>,
        writes: &[Format],
    ) -> Result<Option<Format>> {
        match (json, given) {
            (true, _) => Ok(Some(Format::Json)),
            (false, Some(f)) => Ok(Some(f)),
            (false, None) => Format::of_output(output, writes),
        }
    }

    /// The extension a file of this format has.
    fn extension(self) -> &'static str {
        match self {
            Format::Terminal => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Docx => "docx",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// True for formats that are not text (a terminal cannot show them).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Xlsx)
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
    /// An Excel workbook (.xlsx); redirect it to a file.
    Xlsx,
}

impl TableFormat {
    /// The format asked for, `--json` being short for `--format json`.
    pub fn or_json(self, json: bool) -> TableFormat {
        if json { TableFormat::Json } else { self }
    }
}

/// Writes a table command's `sheet` to `out` as CSV or XLSX (refused on a terminal); false for the
/// other formats, which the command writes itself.
pub fn write_sheet(
    out: &mut dyn Write,
    format: TableFormat,
    sheet: impl FnOnce() -> Sheet,
) -> Result<bool> {
    match format {
        TableFormat::Csv => write_csv(out, &sheet())?,
        TableFormat::Xlsx => {
            if io::stdout().is_terminal() {
                bail!("--format xlsx writes a binary file; redirect it: > FILE.xlsx");
            }
            write_xlsx(out, &sheet())?
        }
        TableFormat::Text | TableFormat::Json => return Ok(false),
    }
    Ok(true)
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
        Format::Xlsx => Box::new(Xlsx),
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

/// The alignment of the documents `--doc` chose (`align`, `report`, `numbers`, and `compare` of
/// a group id those print, or of documents of several kinds): the chosen documents aligned
/// together as one corpus ([`crate::align::align_chosen`]), even when the whole corpus puts them
/// in several kinds, which stderr then says.
pub fn chosen_alignment(ctx: &Ctx, docs: &[&Regulation]) -> Result<Alignment> {
    if docs.len() < 2 {
        return Ok(align_maybe_timed(docs));
    }
    let corpus = ctx.corpus()?;
    let place = cache_place(ctx, corpus);
    let kinds = super::corpus::kinds_at(ctx, corpus, place.as_ref());
    let of = crate::align::chosen_kinds(docs, &kinds);
    if of.len() > 1 {
        let each: Vec<String> = of
            .iter()
            .map(|k| {
                let names: Vec<&str> = k
                    .docs
                    .iter()
                    .filter_map(|id| docs.iter().find(|d| d.id == *id))
                    .map(|d| d.meta.display_name())
                    .collect();
                format!("{} ({})", k.name, names.join(", "))
            })
            .collect();
        note(format_args!(
            "the chosen documents are of {} kinds in the corpus ({}), aligned together as one \
             corpus, as chosen",
            of.len(),
            each.join("; ")
        ));
    }
    Ok(crate::align::align_chosen(docs))
}

/// Where the data derived from `corpus` is kept: beside the generation of the fresh index
/// (opened, built or rebuilt here) when it is of exactly the bytes `corpus` was loaded from.
/// No index (a read-only folder, say) only means no cache. The index itself is closed again
/// (its files unmapped) before any aligning: only where its caches live is needed. An `--index`
/// folder of someone else's files is said, as every command that needs the index says it: the
/// user named the wrong folder.
pub(super) fn cache_place(ctx: &Ctx, corpus: &Corpus) -> Option<cache::Place> {
    super::index::fresh_index(ctx)
        .inspect_err(|e| {
            if let Some(e @ crate::Error::NotAnIndex { .. }) = e.downcast_ref::<crate::Error>() {
                note(format_args!("warning: {e}; working without the index"));
            }
        })
        .ok()
        .filter(|i| i.meta().fingerprint == crate::index::fingerprint_of(&corpus.sources))
        .map(|i| cache::Place::of(&i))
}

/// The whole-corpus alignment this process computed, or the one cached at `place`; `None` when
/// neither.
pub(super) fn cached_alignment(
    ctx: &Ctx,
    corpus: &Corpus,
    place: &cache::Place,
) -> Option<Alignment> {
    if let Some(a) = ctx.unstored_alignment.get() {
        return Some(a.clone());
    }
    // A cache that names an article the corpus lacks (left by a faulty build, or damaged in a
    // way that keeps it valid JSON) is computed again, as a damaged one is.
    let a = cache::load_alignment_at(place).filter(|a| fits(corpus, a))?;
    if !cache::has_cuts(place) {
        store_cuts(place, corpus);
    }
    if !crate::index::topics::has_topics(place) {
        let _ = crate::index::topics::store_topics(place, &corpus.docs, &a);
    }
    crate::segment::use_known_cuts(cache::cuts_loader(place));
    Some(a)
}

/// The whole-corpus alignment: from the cache beside the index generation when the index is of
/// exactly the bytes `corpus` was loaded from; else, when `compute`, aligned here (and stored
/// when the index matches). `None` when not cached and not `compute`.
pub fn whole_alignment(ctx: &Ctx, corpus: &Corpus, compute: bool) -> Result<Option<Alignment>> {
    let align = || {
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        align_maybe_timed(&docs)
    };
    let Some(place) = cache_place(ctx, corpus) else {
        return Ok(compute.then(align));
    };
    if let Some(a) = cached_alignment(ctx, corpus, &place) {
        return Ok(Some(a));
    }
    if !compute {
        return Ok(None);
    }
    let a = align();
    let timed = std::env::var_os(TIMINGS_VAR).is_some_and(|v| !v.is_empty());
    let mut lap = lap_timer(timed);
    // Best effort: the alignment is here either way.
    if let Err(e) = cache::store_alignment_at(&place, &a) {
        lap("store the alignment (failed)");
        // A folder that does not take the alignment takes no topics or cuts either: they are
        // not computed for nothing, and the alignment is kept for the rest of the process.
        if place.generation.is_dir() {
            note(format_args!(
                "warning: cannot store the alignment beside the index in {} ({e}); it is \
                 computed again by every command that needs it ({})",
                place.generation.display(),
                how_to_keep_alignment(&e)
            ));
        } else {
            // Another guize process swapped in a new index generation meanwhile: nothing to fix.
            note(format_args!(
                "note: the index was rebuilt by another guize process while this one ran; the \
                 alignment computed here is not stored, and the next command stores it beside \
                 the new index"
            ));
        }
        return Ok(Some(ctx.unstored_alignment.get_or_init(|| a).clone()));
    }
    lap("store the alignment");
    let _ = crate::index::topics::store_topics(&place, &corpus.docs, &a);
    lap("store the topics");
    store_cuts(&place, corpus);
    lap("store the cuts");
    crate::segment::use_known_cuts(cache::cuts_loader(&place));
    Ok(Some(a))
}

/// True when every group member is an article the corpus has (a document may number two
/// articles alike, so members are not counted).
fn fits(corpus: &Corpus, alignment: &Alignment) -> bool {
    alignment.groups.iter().all(|g| {
        g.members.keys().all(|doc| {
            corpus.docs.iter().find(|d| &d.id == doc).is_some_and(|d| {
                g.articles_of(doc)
                    .into_iter()
                    .all(|(n, sub)| d.articles.iter().any(|a| a.number == n && a.sub == sub))
            })
        })
    })
}

/// Set to print how long each step of an alignment takes (on stderr, one line a step).
pub const TIMINGS_VAR: &str = "GUIZE_TIMINGS";

/// [`crate::align::align_docs`]; with `GUIZE_TIMINGS` set, the time of each step on stderr.
pub fn align_maybe_timed(docs: &[&Regulation]) -> Alignment {
    if std::env::var_os(TIMINGS_VAR).is_none_or(|v| v.is_empty()) {
        return crate::align::align_docs(docs);
    }
    let params = crate::align::Params::default();
    let (alignment, timings) = crate::align::align_timed(docs, &params);
    let articles: usize = docs.iter().map(|d| d.articles.len()).sum();
    note(format_args!(
        "aligned {} of {}; step: wall, CPU, peak memory so far",
        crate::text::counted(articles, "article"),
        crate::text::counted(docs.len(), "document")
    ));
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    for t in &timings.steps {
        let cpu = t
            .cpu
            .map_or("?".to_string(), |c| format!("{:.0} ms", ms(c)));
        let peak = t.peak.map_or("?".to_string(), mb);
        note(format_args!(
            "  {}: {:.0} ms, {cpu}, {peak}",
            t.step,
            ms(t.wall)
        ));
    }
    alignment
}

/// Bytes as whole megabytes (10^6), for the timings' lines.
fn mb(bytes: u64) -> String {
    format!("{} MB", bytes / 1_000_000)
}

/// A closure that, when `on`, says on stderr the wall and CPU time since its last call.
fn lap_timer(on: bool) -> impl FnMut(&str) {
    let mut last = (std::time::Instant::now(), crate::align::process_cpu());
    move |step| {
        if !on {
            return;
        }
        let now = (std::time::Instant::now(), crate::align::process_cpu());
        let cpu = now.1.zip(last.1).map_or("?".to_string(), |(a, b)| {
            format!("{:.0} ms", (a - b).as_secs_f64() * 1e3)
        });
        let peak = crate::align::peak_memory().map_or("?".to_string(), mb);
        note(format_args!(
            "  {step}: {:.0} ms, {cpu}, {peak}",
            (now.0 - last.0).as_secs_f64() * 1e3
        ));
        last = now;
    }
}

/// What keeps the alignment next time, given why it could not be stored: a full disk or a used-up
/// quota wants room, not another folder; a folder that cannot be written to wants one that can.
fn how_to_keep_alignment(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::StorageFull => {
            "the disk is full: free some room on it, or give --index DIR on another disk"
        }
        io::ErrorKind::QuotaExceeded => {
            "the disk quota is used up: free some room, or give --index DIR on another disk"
        }
        io::ErrorKind::FileTooLarge => {
            "a file there may not grow so large (a size limit, `ulimit -f`): lift the limit, or \
             give --index DIR on another file system"
        }
        _ => "an index folder that can be written to keeps it: --index DIR",
    }
}

/// Stores the cuts of every line of every article's text (a comparison diffs articles and
/// articles joined by line breaks) beside the index, so that later processes diff without
/// loading jieba's dictionary. Best effort, like the alignment.
fn store_cuts(place: &cache::Place, corpus: &Corpus) {
    let texts: Vec<&str> = corpus
        .docs
        .iter()
        .flat_map(|d| d.articles.iter().flat_map(|a| a.norm.trim().split('\n')))
        .collect();
    let _ = cache::store_cuts(place, &crate::segment::KnownCuts::of_texts(&texts));
}

/// What a command writes, which decides how its bytes are made safe for a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    /// Text, Markdown or HTML: control characters become visible signs; `colors` lets SGR styles
    /// through (only a terminal renderer with colour on writes them).
    Text { colors: bool },
    /// JSON: dangerous characters are written as `\uXXXX` escapes.
    Json,
    /// A binary file (docx): bytes as they are.
    Binary,
}

impl OutputKind {
    /// Text or JSON as a `--json` flag says; text is coloured when `ctx` colours.
    pub fn of(json: bool, ctx: &Ctx) -> OutputKind {
        if json {
            OutputKind::Json
        } else {
            OutputKind::Text { colors: ctx.color }
        }
    }

    /// The kind of a table command's output (`--format text|json|csv|xlsx`).
    pub fn of_table(format: TableFormat, ctx: &Ctx) -> OutputKind {
        match format {
            TableFormat::Json => OutputKind::Json,
            TableFormat::Xlsx => OutputKind::Binary,
            TableFormat::Text | TableFormat::Csv => OutputKind::Text { colors: ctx.color },
        }
    }

    /// The kind of `format`'s output.
    pub fn of_format(format: Format, ctx: &Ctx) -> OutputKind {
        match format {
            Format::Json => OutputKind::Json,
            Format::Terminal => OutputKind::Text { colors: ctx.color },
            Format::Markdown | Format::Html | Format::Csv => OutputKind::Text { colors: false },
            Format::Docx | Format::Xlsx => OutputKind::Binary,
        }
    }

    fn mode(self) -> Mode {
        match self {
            OutputKind::Text { colors } => Mode::Text { colors },
            OutputKind::Json => Mode::Json,
            OutputKind::Binary => Mode::Raw,
        }
    }
}

/// Standard output, where a closed pipe (`guize … | head`) ends the run quietly with exit code 0:
/// whatever would have followed has no reader.
struct Stdout(io::Stdout);

impl Stdout {
    /// A closed pipe ends the run; any other failure says that standard output failed (a full
    /// disk behind `> file`, `> /dev/full`), not only the system's words.
    fn done_if_closed<T>(r: io::Result<T>) -> io::Result<T> {
        match r {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
            Err(e) => Err(io::Error::new(
                e.kind(),
                format!("cannot write to standard output: {e}"),
            )),
            r => r,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Self::done_if_closed(self.0.write(buf))
    }
    fn flush(&mut self) -> io::Result<()> {
        Self::done_if_closed(self.0.flush())
    }
}

/// The one writer of every command's output (stdout or a `-o` file): buffered, made safe for a
/// terminal ([`crate::safe_text`]), a closed stdout treated as the end of the run.
pub struct Out(SafeWriter<BufWriter<Box<dyn Write>>>);

impl Out {
    /// Standard output.
    pub fn stdout(kind: OutputKind) -> Out {
        Out::to(Box::new(Stdout(io::stdout())), kind)
    }

    fn to(w: Box<dyn Write>, kind: OutputKind) -> Out {
        Out(SafeWriter::new(BufWriter::new(w), kind.mode()))
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// `err` with its causes, `: ` between them, as `{:#}` prints it, except that a cause whose text
/// the message already ends with is not said twice (a library error such as "cannot read X: Not a
/// directory" that also hands out that io error as its source).
pub fn error_chain(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let said = cause.to_string();
        if text.is_empty() {
            text = said;
        } else if !text.ends_with(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
    }
    text
}

/// A message on stderr, `guize: ` first, made safe for a terminal; a closed stderr is ignored.
pub fn note(msg: std::fmt::Arguments) {
    let text = format!("guize: {msg}");
    let _ = writeln!(io::stderr().lock(), "{}", neutralize(&text));
}

/// Standard input whole, for a `-` in place of a text or a file (`precedent -`, `search -`,
/// `versions OLD -`), read up to the cap on files ([`crate::extract::read_capped`]); `None` when
/// it held nothing but blanks. `what` names it in the error (`the draft`).
pub fn stdin_bytes(what: &str) -> Result<Option<Vec<u8>>> {
    let bytes = crate::extract::read_capped(io::stdin().lock())
        .with_context(|| format!("cannot read {what} from standard input"))?;
    Ok((!bytes.iter().all(u8::is_ascii_whitespace)).then_some(bytes))
}

/// Refuses to write a binary format to a terminal: the user meant `-o FILE`.
pub fn check_binary_target(format: Format, path: Option<&Path>) -> Result<()> {
    let to_stdout = path.is_none_or(|p| p.as_os_str() == "-");
    if format.is_binary() && to_stdout && io::stdout().is_terminal() {
        let ext = format.extension();
        bail!(
            "--format {ext} writes a binary file; give it a name with -o FILE.{ext} (or redirect \
             stdout)"
        );
    }
    Ok(())
}

/// Refuses `-o FILE` when FILE is one of the user's sources: a document of the corpus folder
/// (none for the built-in corpus) or a file the command reads (`inputs`), unless `force`. A file guize wrote itself (its generator mark) may always be replaced, and so may
/// anything else, as a shell redirection would: guize only guards what it knows to be a source.
pub fn refuse_overwriting_sources(
    ctx: &Ctx,
    output: Option<&Path>,
    inputs: &[&Path],
    force: bool,
) -> Result<()> {
    let Some(path) = output.filter(|p| p.as_os_str() != "-") else {
        return Ok(());
    };
    if force || !std::fs::metadata(path).is_ok_and(|m| m.is_file()) || written_by_guize(path) {
        return Ok(());
    }
    let Ok(target) = path.canonicalize() else {
        return Ok(());
    };
    let refuse = |what: String| {
        bail!(
            "refusing to overwrite {}: it is {what}; choose another file with -o (or add --force \
             to replace it)",
            path.display()
        )
    };
    if inputs
        .iter()
        .any(|i| i.canonicalize().is_ok_and(|i| i == target))
    {
        return refuse("a file this command reads".to_string());
    }
    if let Some(dir) = corpus_folder(ctx).and_then(|d| d.canonicalize().ok())
        && target.starts_with(&dir)
        && crate::extract::is_document(&target)
    {
        return refuse(format!("a document of the corpus {}", dir.display()));
    }
    Ok(())
}

/// The corpus folder on disk, `None` for the built-in corpus.
fn corpus_folder(ctx: &Ctx) -> Option<&Path> {
    match ctx.source {
        super::context::CorpusSource::BuiltIn => None,
        _ => Some(ctx.corpus_dir.as_path()),
    }
}

/// True when the file at `path` carries the mark guize puts on what it writes.
fn written_by_guize(path: &Path) -> bool {
    use crate::extract::{Format as Read, generated};
    let Some(format) = Read::of(path) else {
        return false;
    };
    let Ok((_, bytes)) = crate::corpus::read_regular(path) else {
        return false;
    };
    generated::is_generated(format, &bytes)
}

/// The nearest existing path above `path` when it is not a folder (a file, a device): nothing
/// can be made below it, neither an output file (`-o notes.txt/x.html`) nor an index folder
/// (`--index /etc/passwd/x`). `None` when the nearest existing one is a folder.
pub(super) fn file_above(path: &Path) -> Option<&Path> {
    let existing = path
        .ancestors()
        .skip(1)
        .filter(|p| !p.as_os_str().is_empty())
        .find(|p| std::fs::metadata(p).is_ok())?;
    (!existing.is_dir()).then_some(existing)
}

/// The note a command that wrote `-o FILE` leaves on stderr (`wrote leave.html (…)`), so a file
/// written is never silent; nothing for standard output (`-o -` or none).
pub fn note_written(path: Option<&Path>, what: &str) {
    if let Some(path) = path.filter(|p| p.as_os_str() != "-") {
        note(format_args!("wrote {} ({what})", path.display()));
    }
}

/// Runs `write` on stdout, or on `path` the way a shell redirection would write it: a symlink, a
/// device, a pipe or `/dev/stdout` is written through; a regular file (or a new one) is written
/// aside and then moved into place, so a failed run leaves no half-written file. A new file gets
/// the permissions the umask allows, a replaced one keeps its own.
pub fn write_output(
    path: Option<&Path>,
    kind: OutputKind,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
        let mut out = Out::stdout(kind);
        write(&mut out)?;
        return Ok(out.flush()?);
    };
    let cannot = || format!("cannot write {}", path.display());
    if let Some(file) = file_above(path) {
        bail!(
            "cannot write {}: {} is a file, not a folder",
            path.display(),
            file.display()
        );
    }
    let existing = std::fs::symlink_metadata(path).ok();
    if existing.is_none() && path.as_os_str().as_encoded_bytes().ends_with(b"/") {
        bail!(
            "cannot write {}: a name ending in / is a folder, and there is none; give a file \
             name (such as {}report.html)",
            path.display(),
            path.display()
        );
    }
    if let Some(m) = &existing {
        if m.is_dir() {
            bail!("cannot write {}: it is a folder", path.display());
        }
        if !m.is_file() {
            return write_through(path, kind, write);
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mode = existing.as_ref().map_or(0o666, |m| {
        std::os::unix::fs::PermissionsExt::mode(&m.permissions())
    });
    let tmp = tempfile::Builder::new()
        .prefix(".guize-")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(mode))
        .tempfile_in(dir);
    let mut tmp = match tmp {
        Ok(t) => t,
        // A file one may write in a folder one may not (a shell redirection still works).
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied && existing.is_some() => {
            return write_through(path, kind, write);
        }
        Err(_) if !dir.is_dir() => {
            bail!(
                "cannot write {}: the folder {} does not exist",
                path.display(),
                dir.display()
            )
        }
        // tempfile's message names the temporary file, which the user never asked for.
        Err(e) => return Err(io::Error::from(e.kind())).with_context(cannot),
    };
    if existing.is_some() {
        // The umask applied when the temporary file was created; a replaced file keeps its mode.
        let perms = std::os::unix::fs::PermissionsExt::from_mode(mode);
        let _ = tmp.as_file().set_permissions(perms);
    }
    {
        let file = tmp.as_file_mut().try_clone().with_context(cannot)?;
        let mut out = Out::to(Box::new(file), kind);
        write(&mut out).with_context(cannot)?;
        out.flush().with_context(cannot)?;
    }
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(cannot)?;
    Ok(())
}

/// Opens `path` for writing as `>` does (following links, creating or truncating) and writes.
fn write_through(
    path: &Path,
    kind: OutputKind,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let cannot = || format!("cannot write {}", path.display());
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
        .with_context(cannot)?;
    let mut out = Out::to(Box::new(file), kind);
    write(&mut out).with_context(cannot)?;
    out.flush().with_context(cannot)?;
    Ok(())
}
