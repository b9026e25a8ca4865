//! The search index on disk: where it lives, whether it is fresh, how it is swapped in atomically
//! and kept safe from concurrent processes. Takes parsed regulations and a corpus root; returns an
//! open [`SearchIndex`]. Never prints: progress goes to a caller's callback.
//!
//! Layout of an index folder:
//! ```text
//! index/
//!   .lock          advisory lock: shared while reading, exclusive while building
//!   CURRENT        name of the live generation folder, replaced by rename
//!   gen-…/         one complete tantivy index plus guize.json (fingerprint, documents, chapters,
//!                  the corpus files it was built from with their stat), and the derived-data
//!                  cache of [`cache`] (the alignment, the cuts) and the group topics of
//!                  [`topics`], which live and die with their generation
//! ```

pub mod cache;
mod eval;
#[doc(hidden)]
pub mod learn;
mod near;
mod query;
mod rank;
pub(crate) mod schema;
mod searcher;
mod snippet;
pub mod topics;
mod writer;

pub use eval::{
    EvalReport, GoldFile, GoldQuery, QueryScore, TopicGold, TopicQuery, TopicReport, TopicScore,
    evaluate, evaluate_topics, evaluate_with, score_query,
};
pub use query::{Filter, Query, parse_query};
pub use rank::{Features, RankParams, rank_articles};
pub use searcher::{Hit, MAX_QUERY_CHARS, MAX_QUERY_WORDS, SearchIndex, SearchReport, Via};
pub use snippet::Snippet;
pub use writer::{BuildStats, Progress, build, request_stop, stop_requested};

use crate::corpus::{self, Corpus, FileStat, SourceFile};
use crate::error::{Error, Result};
use crate::model::{Regulation, Warning};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

const CURRENT: &str = "CURRENT";
const LOCK: &str = ".lock";
const META: &str = "guize.json";

/// What guize knows of an index beyond tantivy's files: written with it, read on open.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexMeta {
    /// See [`fingerprint`].
    pub fingerprint: String,
    /// Articles indexed.
    pub articles: usize,
    /// The documents indexed, in corpus order.
    pub docs: Vec<IndexedDoc>,
    /// The corpus files the index was built from, with their stat and hash, so that a freshness
    /// check hashes only the files whose stat changed (empty: every file is hashed).
    #[serde(default)]
    pub sources: Vec<SourceFile>,
    /// Sum over the word-field vocabulary of each term's document frequency (at least 1), and
    /// the longest term in characters: what a query segmenter needs to cut a query exactly as a
    /// segmenter over the whole vocabulary would, from the few terms the query contains.
    #[serde(default)]
    pub vocab_total: u64,
    /// The longest term of the word-field vocabulary, in characters.
    #[serde(default)]
    pub vocab_max_chars: usize,
    /// The files the corpus load skipped for what they hold (empty, binary, no article, a second
    /// file of an id), by path under the corpus root: said again by a command that finds the
    /// index fresh and does not load the corpus, since the files are the same bytes.
    #[serde(default)]
    pub skipped: Vec<Skipped>,
}

/// A corpus file skipped when the index was built, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// Its path under the corpus root, '/'-separated.
    pub rel: String,
    /// The load warning's message.
    pub message: String,
}

/// The load warnings of `corpus` about files it read (not about its folder or manifest), with
/// paths under its root.
fn skipped_of(corpus: &Corpus) -> Vec<Skipped> {
    corpus
        .load_warnings
        .iter()
        .filter(|w| w.line == 0)
        .filter_map(|w| {
            let rel = corpus::rel_path_under(&corpus.root, &w.path)?;
            corpus
                .sources
                .iter()
                .any(|s| s.rel == rel && rel != corpus::MANIFEST)
                .then(|| Skipped {
                    rel,
                    message: w.message.clone(),
                })
        })
        .collect()
}

/// A document of the index: enough to resolve `--doc` and `--chapter` without parsing the corpus.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexedDoc {
    /// Its id in the corpus.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its district (empty when the manifest gives none).
    pub district: String,
    /// Its city (empty when the manifest gives none).
    pub city: String,
    /// Names a user may type for it.
    pub aliases: Vec<String>,
    /// Its chapters, for `--chapter`.
    pub chapters: Vec<ChapterInfo>,
    /// Characters of the decoded source (see [`Regulation::chars`]).
    #[serde(default)]
    pub chars: usize,
    /// Its name told apart from another edition's (`北京市优化营商环境条例 (2020-03-27)`), empty
    /// when its shown name is its own (as [`crate::model::DocMeta::distinct_name`]).
    #[serde(default)]
    pub distinct_name: String,
}

/// A chapter of an indexed document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChapterInfo {
    /// The chapter's number.
    pub number: u32,
    /// How its heading writes its number (第2章): search hits cite it so.
    #[serde(default, skip_serializing_if = "crate::cite::Numerals::is_chinese")]
    pub numerals: crate::cite::Numerals,
    /// Its title.
    pub title: String,
    /// Its sections (第一节 …), in order; empty for a chapter without.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<SectionInfo>,
    /// The part and sub-part it sits in, outermost first; empty for a document without parts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<crate::model::PartRef>,
}

impl ChapterInfo {
    /// The numbered parts it sits in as `--chapter` takes them, run together (第二编, 第三编第一分编);
    /// empty without parts.
    pub fn parts_cited(&self) -> String {
        self.parts
            .iter()
            .filter(|p| p.number > 0)
            .map(|p| {
                let kind = if p.sub { "分编" } else { "编" };
                format!("第{}{kind}", crate::text::numeral::to_chinese(p.number))
            })
            .collect()
    }
}

/// A section (第X节) of an indexed document's chapter.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SectionInfo {
    /// The section's number within its chapter.
    pub number: u32,
    /// Its title.
    pub title: String,
}

/// The sections of chapter `c`, in the order its articles first name them.
fn sections_of(reg: &Regulation, c: &crate::model::Chapter) -> Vec<SectionInfo> {
    let mut out: Vec<SectionInfo> = Vec::new();
    for a in reg.articles.get(c.articles.clone()).unwrap_or_default() {
        if let Some(s) = &a.section
            && !out
                .iter()
                .any(|x| x.number == s.number && x.title == s.title)
        {
            out.push(SectionInfo {
                number: s.number,
                title: s.title.clone(),
            });
        }
    }
    out
}

impl IndexedDoc {
    pub(crate) fn of(reg: &Regulation) -> IndexedDoc {
        IndexedDoc {
            id: reg.id.to_string(),
            title: reg.meta.title.clone(),
            district: reg.meta.district.clone(),
            city: reg.meta.city.clone(),
            aliases: reg.meta.aliases.clone(),
            chapters: reg
                .chapters
                .iter()
                .map(|c| ChapterInfo {
                    numerals: c.numerals,
                    number: c.number,
                    title: c.title.clone(),
                    sections: sections_of(reg, c),
                    parts: c.parts.clone(),
                })
                .collect(),
            chars: reg.chars,
            distinct_name: reg.meta.distinct_name.clone(),
        }
    }

    /// The name told apart from other editions, else the district, else the title (as
    /// [`crate::model::DocMeta::display_name`]).
    pub fn display_name(&self) -> &str {
        if !self.distinct_name.is_empty() {
            &self.distinct_name
        } else if self.district.is_empty() {
            &self.title
        } else {
            &self.district
        }
    }
}

impl crate::corpus::Named for IndexedDoc {
    fn names(&self) -> crate::corpus::DocNames<'_> {
        crate::corpus::DocNames {
            id: &self.id,
            aliases: &self.aliases,
            district: &self.district,
            title: &self.title,
            distinct: &self.distinct_name,
        }
    }
}

/// A stable hash of everything an index depends on: each corpus file read (documents and
/// manifest: relative path and a hash of its bytes, or that it could not be read), the domain
/// dictionary, and the tokenizer and schema versions. A different fingerprint means the index is
/// stale. `sources` must be sorted by path, as [`Corpus::load`] and [`survey`] give them.
pub fn fingerprint_of(sources: &[SourceFile]) -> String {
    let mut h = blake3::Hasher::new();
    h.update(
        format!(
            "tokenizer {} schema {}\n",
            crate::segment::TOKENIZER_VERSION,
            schema::SCHEMA_VERSION
        )
        .as_bytes(),
    );
    h.update(crate::segment::DOMAIN_DICT.as_bytes());
    // The article types the index records.
    h.update(crate::align::ARTICLE_TYPES.as_bytes());
    for s in sources {
        h.update(s.rel.as_bytes());
        h.update(b"\0");
        h.update(s.hash.as_deref().unwrap_or("unreadable").as_bytes());
        h.update(b"\n");
    }
    h.finalize().to_hex()[..32].to_string()
}

/// The fingerprint of the corpus under `corpus_root` as it is now (every file hashed).
pub fn fingerprint(corpus_root: &Path) -> Result<String> {
    Ok(survey(corpus_root, &[])?.fingerprint)
}

/// What [`survey`] found: the corpus's fingerprint now, its files, and the walk's warnings
/// (broken links, files that are not regular, unreadable files), worded as the loader words them.
#[derive(Debug)]
pub struct Survey {
    /// The corpus's fingerprint now ([`fingerprint_of`]).
    pub fingerprint: String,
    /// Every file of the corpus with its stat and hash.
    pub sources: Vec<SourceFile>,
    /// What the walk could not take (broken links, pipes, unreadable files).
    pub warnings: Vec<Warning>,
}

/// The corpus's fingerprint, cheaply: the walk of [`corpus::walk`] (the loader's), then a file
/// whose stat equals the one in `known` keeps its known hash; only the others are read.
pub fn survey(corpus_root: &Path, known: &[SourceFile]) -> Result<Survey> {
    let walk = corpus::walk(corpus_root)?;
    let known: HashMap<&str, &SourceFile> = known.iter().map(|s| (s.rel.as_str(), s)).collect();
    // Files sharing an id are hashed too: the loader reads one when the preferred does not read.
    let mut files: Vec<(String, PathBuf, Option<FileStat>)> = walk
        .files
        .into_iter()
        .chain(walk.same_id.into_iter().map(|(f, _)| f))
        .map(|f| (f.rel, f.path, Some(f.stat)))
        .collect();
    let manifest = corpus_root.join(corpus::MANIFEST);
    match std::fs::metadata(&manifest) {
        Ok(m) => files.push((
            corpus::MANIFEST.to_string(),
            manifest,
            Some(FileStat::of(&m)),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(_) => files.push((corpus::MANIFEST.to_string(), manifest, None)),
    }
    let checked: Vec<(SourceFile, Option<Warning>)> = files
        .into_par_iter()
        .map(|(rel, path, stat)| {
            if let (Some(k), Some(st)) = (known.get(rel.as_str()), stat)
                && k.stat == st
                && k.hash.is_some()
            {
                return ((*k).clone(), None);
            }
            match corpus::read_regular(&path) {
                Ok((st, bytes)) => (SourceFile::new(rel, st, Some(&bytes)), None),
                Err(e) => {
                    let warning = Warning {
                        path,
                        line: 0,
                        message: format!("cannot read: {e}; skipped"),
                    };
                    (
                        SourceFile::new(rel, stat.unwrap_or_default(), None),
                        Some(warning),
                    )
                }
            }
        })
        .collect();
    let mut warnings = walk.warnings;
    let mut sources = Vec::with_capacity(checked.len());
    for (source, warning) in checked {
        sources.push(source);
        warnings.extend(warning);
    }
    sources.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(Survey {
        fingerprint: fingerprint_of(&sources),
        sources,
        warnings,
    })
}

/// Why [`open_or_build`] built a new index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuilt {
    /// The index was fresh and opened as it was.
    No,
    /// There was no index.
    Missing,
    /// The corpus, dictionary or tokenizer changed since it was built.
    Stale,
    /// It could not be opened (damaged files); it was replaced.
    Corrupt,
}

/// An exclusive or shared hold on an index folder's lock file, released on drop. A reader of an
/// index it may not write (a read-only file system) holds none: nobody can build there either.
pub(crate) struct Lock(Option<File>);

impl Lock {
    fn take(dir: &Path, exclusive: bool) -> Result<Lock> {
        if dir.exists() && !dir.is_dir() {
            return Err(index_err(
                dir,
                "not a folder; --index names the folder the index is kept in",
            ));
        }
        let path = dir.join(LOCK);
        if !exclusive {
            // Readers open the lock file read-only: a shared lock needs no write access.
            let file = match File::open(&path) {
                Ok(f) => Some(f),
                Err(_) => lock_file(dir, &path).ok(),
            };
            if let Some(f) = &file {
                f.lock_shared()
                    .map_err(|e| index_err(dir, format!("cannot lock: {e}")))?;
            }
            return Ok(Lock(file));
        }
        let file = lock_file(dir, &path)?;
        file.lock()
            .map_err(|e| index_err(dir, format!("cannot lock: {e}")))?;
        Ok(Lock(Some(file)))
    }
}

/// The lock file of `dir`, created (with the folder) when missing. A folder that holds what guize
/// did not write is refused before anything is written into it ([`not_guizes`]).
fn lock_file(dir: &Path, path: &Path) -> Result<File> {
    if !path.exists() {
        refuse_foreign(dir)?;
    }
    std::fs::create_dir_all(dir).map_err(|e| index_err(dir, format!("cannot create: {e}")))?;
    File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })
}

/// The lock of the index folder `dir`, taken exclusively without waiting: `None` when another
/// guize process reads or builds there, or when `dir` has no lock file yet (a folder a process is
/// just making is not taken for an idle one). Held, no guize process can open the index.
#[cfg(feature = "cli")]
pub(crate) fn lock_if_idle(dir: &Path) -> Option<Lock> {
    let file = File::open(dir.join(LOCK)).ok()?;
    file.try_lock().ok()?;
    Some(Lock(Some(file)))
}

/// True when another process holds the lock of `dir` so that taking it now would wait: any
/// holder for a builder (`exclusive`), a builder for a reader. For a "waiting for …" message.
pub fn busy(dir: &Path, exclusive: bool) -> bool {
    let Ok(file) = File::open(dir.join(LOCK)) else {
        return false;
    };
    let free = if exclusive {
        file.try_lock()
    } else {
        file.try_lock_shared()
    };
    match free {
        Ok(()) => {
            let _ = file.unlock();
            false
        }
        Err(_) => true,
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(f) = &self.0 {
            let _ = f.unlock();
        }
    }
}

pub(crate) fn index_err(path: &Path, msg: impl Into<String>) -> Error {
    Error::Index {
        path: path.to_path_buf(),
        msg: msg.into(),
    }
}

/// Opens the index in `dir` when its fingerprint matches `fingerprint`; otherwise (missing, stale
/// or damaged) builds a new one from `load()`'s regulations and swaps it in. Safe against other
/// guize processes: opening holds a shared lock, a build an exclusive one.
pub fn open_or_build<'c>(
    dir: &Path,
    fingerprint: &str,
    load: impl FnOnce() -> Result<&'c [Regulation]>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(SearchIndex, Rebuilt)> {
    let (index, why) = open_checked(
        dir,
        |meta| Ok(meta.fingerprint == fingerprint),
        || Ok((load()?, fingerprint.to_string(), Vec::new(), Vec::new())),
        progress,
    )?;
    Ok((index, why))
}

/// The live index of a corpus, fresh: [`open_or_build`] with the corpus's fingerprint taken by
/// [`survey`] against the files the index records (so only files whose stat changed are read),
/// and a rebuild from `load()`'s corpus under the fingerprint of the bytes that corpus was parsed
/// from. Also returns the survey's warnings when the corpus was not loaded (the loader gives its
/// own otherwise).
pub fn open_fresh<'c>(
    dir: &Path,
    corpus_root: &Path,
    load: impl FnOnce() -> Result<&'c Corpus>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(SearchIndex, Rebuilt, Vec<Warning>)> {
    let mut warnings = Vec::new();
    let mut skipped = Vec::new();
    // Files whose stat changed but whose bytes did not (a corpus copied or restored anew): their
    // new stat is noted in guize.json, or every later open would hash them all again.
    let mut restat = None;
    let (index, why) = open_checked(
        dir,
        |meta| {
            let s = survey(corpus_root, &meta.sources)?;
            warnings = s.warnings;
            skipped = meta.skipped.clone();
            let fresh = s.fingerprint == meta.fingerprint;
            let moved = s.sources.len() != meta.sources.len()
                || s.sources
                    .iter()
                    .zip(&meta.sources)
                    .any(|(a, b)| a.stat != b.stat);
            restat = (fresh && moved).then_some(s.sources);
            Ok(fresh)
        },
        || {
            let corpus = load()?;
            Ok((
                &corpus.docs[..],
                fingerprint_of(&corpus.sources),
                corpus.sources.clone(),
                skipped_of(corpus),
            ))
        },
        progress,
    )?;
    if why != Rebuilt::No {
        warnings.clear();
    } else {
        // The survey names what the walk met now; the build's load named what the files hold.
        for k in skipped {
            let path = corpus_root.join(&k.rel);
            if !warnings.iter().any(|w| w.path == path) {
                warnings.push(Warning {
                    path,
                    line: 0,
                    message: k.message,
                });
            }
        }
    }
    if let (Rebuilt::No, Some(sources)) = (why, restat) {
        // Best effort: a read-only index is still searched, its files hashed on each open.
        let _ = note_sources(&index, sources);
    }
    Ok((index, why, warnings))
}

/// Rewrites the generation's guize.json with the corpus files' current stat (same fingerprint,
/// same hashes), written aside and renamed in, so a reader sees the old file or the new one.
fn note_sources(index: &SearchIndex, sources: Vec<SourceFile>) -> Result<()> {
    let meta = IndexMeta {
        sources,
        ..index.meta().clone()
    };
    let json = serde_json::to_string(&meta)
        .map_err(|e| index_err(index.generation(), format!("cannot encode {META}: {e}")))?;
    let aside =
        tempfile::NamedTempFile::new_in(index.generation()).map_err(|source| Error::Write {
            path: index.generation().to_path_buf(),
            source,
        })?;
    write_file(aside.path(), json.as_bytes())?;
    let path = index.generation().join(META);
    // Readable as the old one was (a temporary file is the owner's alone).
    if let Ok(old) = std::fs::metadata(&path) {
        let _ = std::fs::set_permissions(aside.path(), old.permissions());
    }
    aside.persist(&path).map_err(|e| Error::Write {
        path,
        source: e.error,
    })?;
    Ok(())
}

/// What a rebuild indexes: the documents, the fingerprint stored with them, the files they came
/// from, the files skipped.
type Loaded<'c> = (&'c [Regulation], String, Vec<SourceFile>, Vec<Skipped>);

/// Opens the live generation when `is_fresh` accepts its metadata (asked under the shared lock,
/// and again under the exclusive one, since another process may have rebuilt it meanwhile);
/// otherwise builds one from `load()` and swaps it in.
fn open_checked<'c>(
    dir: &Path,
    mut is_fresh: impl FnMut(&IndexMeta) -> Result<bool>,
    load: impl FnOnce() -> Result<Loaded<'c>>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(SearchIndex, Rebuilt)> {
    // Before anything is read or written there: a folder of someone else's files is no index.
    refuse_foreign(dir)?;
    // What a reader found, said when the index cannot be rebuilt (a read-only folder): why it
    // had to be.
    let found = {
        let _shared = Lock::take(dir, false)?;
        match read_meta(dir) {
            Ok((generation, meta)) if is_fresh(&meta)? => {
                match SearchIndex::open(&generation, meta) {
                    Ok(index) => return Ok((index, Rebuilt::No)),
                    // Say why: a file another user's umask or a copy left unreadable is no
                    // damage, and the fix differs.
                    Err(Error::Index { msg, .. }) => Some(format!("unreadable or damaged ({msg})")),
                    Err(e) => Some(format!("unreadable or damaged ({e})")),
                }
            }
            Ok(_) => Some("out of date (the corpus, dictionary or tokenizer changed)".to_string()),
            Err(_) if current_generation(dir).is_none() => None,
            Err(_) => Some("damaged".to_string()),
        }
    };
    let _exclusive = Lock::take(dir, true).map_err(|e| match found {
        Some(state) => index_err(
            dir,
            format!("the index is {state} and cannot be rebuilt there: {e}"),
        ),
        None => e,
    })?;
    let why = match read_meta(dir) {
        Err(_) if current_generation(dir).is_none() => Rebuilt::Missing,
        Err(_) => Rebuilt::Corrupt,
        // Another process may have rebuilt it while this one waited for the lock.
        Ok((generation, meta)) => {
            if is_fresh(&meta)? {
                match SearchIndex::open(&generation, meta) {
                    Ok(index) => return Ok((index, Rebuilt::No)),
                    Err(_) => Rebuilt::Corrupt,
                }
            } else {
                Rebuilt::Stale
            }
        }
    };
    let (docs, fingerprint, sources, skipped) = load()?;
    build_locked(dir, docs, &fingerprint, sources, skipped, progress).map_err(|e| match e {
        e @ Error::NotAnIndex { .. } => e,
        e => Error::IndexBuild {
            path: dir.to_path_buf(),
            source: Box::new(e),
        },
    })?;
    Ok((open_current(dir)?, why))
}

/// What [`open_or_build`] would find in a folder, told without opening or building anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No index yet.
    Missing,
    /// Built from the same corpus, dictionary and tokenizer: used as it is.
    Fresh,
    /// Built from something else, or damaged: the next search rebuilds it.
    Stale,
    /// A folder holding files guize did not write: no index, and never built into (the next
    /// search says [`Error::NotAnIndex`]).
    Foreign,
}

/// Whether the index in `dir` is there and matches the corpus, whose fingerprint `fingerprint`
/// takes given the files the index records (for [`survey`], which then reads only the changed).
pub fn status(
    dir: &Path,
    fingerprint: impl FnOnce(&[SourceFile]) -> Result<String>,
) -> Result<Status> {
    // As the next search decides: a folder of someone else's files is refused, not rebuilt.
    if refuse_foreign(dir).is_err() {
        return Ok(Status::Foreign);
    }
    Ok(match read_meta(dir) {
        Ok((_, m)) if fingerprint(&m.sources)? == m.fingerprint => Status::Fresh,
        Err(_) if current_generation(dir).is_none() => Status::Missing,
        _ => Status::Stale,
    })
}

/// Builds a new index of `docs` in `dir` and swaps it in, whatever was there.
pub fn rebuild(
    dir: &Path,
    docs: &[Regulation],
    fingerprint: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<BuildStats> {
    let _exclusive = Lock::take(dir, true)?;
    build_locked(dir, docs, fingerprint, Vec::new(), Vec::new(), progress)
}

/// Builds a new index of `corpus` in `dir` and swaps it in, under the fingerprint of the bytes
/// the corpus was parsed from (so an edit made meanwhile shows as a change on the next check).
pub fn rebuild_corpus(
    dir: &Path,
    corpus: &Corpus,
    progress: &mut dyn FnMut(Progress),
) -> Result<BuildStats> {
    let _exclusive = Lock::take(dir, true)?;
    build_locked(
        dir,
        &corpus.docs,
        &fingerprint_of(&corpus.sources),
        corpus.sources.clone(),
        skipped_of(corpus),
        progress,
    )
}

/// Opens the live generation of `dir` as it is, fresh or not.
pub fn open(dir: &Path) -> Result<SearchIndex> {
    let _shared = Lock::take(dir, false)?;
    open_current(dir)
}

fn current_generation(dir: &Path) -> Option<PathBuf> {
    let name = std::fs::read_to_string(dir.join(CURRENT)).ok()?;
    let name = name.trim();
    (!name.is_empty() && !name.contains(['/', '\\'])).then(|| dir.join(name))
}

/// The live generation's folder and what guize.json says of it.
fn read_meta(dir: &Path) -> Result<(PathBuf, IndexMeta)> {
    let generation = current_generation(dir)
        .ok_or_else(|| index_err(dir, "no index here; build it with `guize index`"))?;
    let meta_path = generation.join(META);
    let meta_text = std::fs::read(&meta_path).map_err(|source| Error::Io {
        path: meta_path.clone(),
        source,
    })?;
    let meta = serde_json::from_slice(&meta_text)
        .map_err(|e| index_err(&meta_path, format!("damaged: {e}")))?;
    Ok((generation, meta))
}

/// Opens the live generation; the caller holds the lock (a generation is only removed under the
/// exclusive lock, and once open its files stay readable).
fn open_current(dir: &Path) -> Result<SearchIndex> {
    let (generation, meta) = read_meta(dir)?;
    SearchIndex::open(&generation, meta)
}

/// What guize writes into an index folder: the lock, the pointer to the live generation (and
/// the pointer's temporary name), generations (`gen-<fingerprint>-<nanoseconds>`) and build
/// folders (`.build-` and six letters or digits, as [`build_locked`] makes them). The
/// `README.md` of the checkout's `index/` is left there by the project.
/// A `CURRENT` is guize's when it names a generation, is empty (a pointer a crash left unwritten)
/// or sits beside generations (a damaged pointer, which the next build replaces).
fn is_guizes(name: &str, dir: &Path, has_generations: bool) -> bool {
    match name {
        LOCK | ".CURRENT.tmp" | "README.md" => true,
        CURRENT => {
            has_generations
                || std::fs::read_to_string(dir.join(CURRENT)).is_ok_and(|pointer| {
                    let pointer = pointer.trim();
                    pointer.is_empty() || is_generation_name(pointer)
                })
        }
        _ => is_generation_name(name) || is_build_name(name),
    }
}

/// `gen-`, up to 32 hex digits of a fingerprint, `-`, the nanoseconds of its build.
fn is_generation_name(name: &str) -> bool {
    let Some((hex, stamp)) = name.strip_prefix("gen-").and_then(|r| r.split_once('-')) else {
        return false;
    };
    (1..=32).contains(&hex.len())
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && !stamp.is_empty()
        && stamp.bytes().all(|b| b.is_ascii_digit())
}

/// `.build-` and the six letters or digits of a temporary folder's name.
fn is_build_name(name: &str) -> bool {
    name.strip_prefix(".build-")
        .is_some_and(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The entries of `dir` that guize did not write (empty when it is missing or not a folder), at
/// most `max` of them, in name order: what building there would sit beside, or overwrite
/// (another program's `CURRENT`), or what the clean-up of old generations must never touch.
fn not_guizes(dir: &Path, max: usize) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let has_generations = names.iter().any(|n| is_generation_name(n));
    let mut names: Vec<String> = names
        .into_iter()
        .filter(|name| !is_guizes(name, dir, has_generations))
        .collect();
    names.sort();
    names.truncate(max);
    names
}

/// An error when `dir` holds files guize did not write: `--index` pointed at a folder of
/// documents or of another program (whose `CURRENT` a build would overwrite, whose `gen-…`
/// folders the clean-up would delete). A new or empty folder, or an index, is fine.
fn refuse_foreign(dir: &Path) -> Result<()> {
    const SHOWN: usize = 3;
    let foreign = not_guizes(dir, SHOWN + 1);
    if foreign.is_empty() {
        return Ok(());
    }
    let mut listed: Vec<String> = foreign
        .iter()
        .take(SHOWN)
        .map(|name| crate::safe_text::neutralize(name).into_owned())
        .collect();
    if foreign.len() > SHOWN {
        listed.push("…".to_string());
    }
    Err(Error::NotAnIndex {
        path: dir.to_path_buf(),
        found: listed.join(", "),
    })
}

/// Builds into a hidden folder beside the live one, then points CURRENT at it with a rename, so a
/// reader sees either the old index or the new one, never half of one. Caller holds the lock.
fn build_locked(
    dir: &Path,
    docs: &[Regulation],
    fingerprint: &str,
    sources: Vec<SourceFile>,
    skipped: Vec<Skipped>,
    progress: &mut dyn FnMut(Progress),
) -> Result<BuildStats> {
    // Also here, for a folder whose lock an older guize created beside another program's files.
    refuse_foreign(dir)?;
    let tmp = tempfile::Builder::new()
        .prefix(".build-")
        .tempdir_in(dir)
        .map_err(|e| index_err(dir, format!("cannot create a build folder: {e}")))?;
    let stats = writer::build(docs, tmp.path(), progress)?;
    let mut meta = IndexMeta {
        fingerprint: fingerprint.to_string(),
        articles: stats.articles,
        docs: docs.iter().map(IndexedDoc::of).collect(),
        sources,
        vocab_total: 0,
        vocab_max_chars: 0,
        skipped,
    };
    let built = SearchIndex::open(tmp.path(), meta.clone())?;
    (meta.vocab_total, meta.vocab_max_chars) = built.vocabulary_stats()?;
    drop(built);
    let meta_json = serde_json::to_string(&meta)
        .map_err(|e| index_err(dir, format!("cannot encode {META}: {e}")))?;
    write_file(&tmp.path().join(META), meta_json.as_bytes())?;
    readable_as(tmp.path(), &tmp.path().join(META));

    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let name = format!("gen-{}-{stamp}", &fingerprint[..fingerprint.len().min(12)]);
    let generation = dir.join(&name);
    // The last moment a stop leaves nothing behind: the folder is still a temporary one.
    writer::check_stop()?;
    let built = tmp.keep();
    std::fs::rename(&built, &generation)
        .map_err(|e| index_err(dir, format!("cannot move the new index into place: {e}")))?;
    let pointer = dir.join(".CURRENT.tmp");
    write_file(&pointer, name.as_bytes())?;
    std::fs::rename(&pointer, dir.join(CURRENT))
        .map_err(|e| index_err(dir, format!("cannot swap the new index in: {e}")))?;
    remove_old_generations(dir, &name);
    Ok(stats)
}

/// Gives every file of the generation `folder` the permissions of `like`, a file written there
/// as any other (the umask's): tantivy's `.managed.json` and the caches are written aside in
/// temporary files, which are their owner's alone, and an index another user built (a team's
/// `--index`, a read-only copy) was then unreadable and reported damaged. Best effort.
pub(crate) fn readable_as(folder: &Path, like: &Path) {
    let Ok(mode) = std::fs::metadata(like).map(|m| m.permissions()) else {
        return;
    };
    if let Ok(entries) = std::fs::read_dir(folder) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = std::fs::set_permissions(entry.path(), mode.clone());
            }
        }
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Best effort: a generation another process still reads stays readable on Unix (open files).
/// Only folders named as guize names them are removed ([`is_generation_name`],
/// [`is_build_name`]), never another `gen-…` folder that happens to be there.
fn remove_old_generations(dir: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if (is_generation_name(&name) || is_build_name(&name))
            && name != keep
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
