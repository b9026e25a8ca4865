//! The search index on disk: where it lives, whether it is fresh, how it is swapped in atomically
//! and kept safe from concurrent processes. Takes parsed regulations and a corpus root; returns an
//! open [`SearchIndex`]. Never prints: progress goes to a caller's callback.
//!
//! Layout of an index folder:
//! ```text
//! index/
//!   .lock          advisory lock: shared while reading, exclusive while building
//!   CURRENT        name of the live generation folder, replaced by rename
//!   gen-…/         one complete tantivy index plus guize.json (fingerprint, documents, chapters)
//! ```

mod eval;
pub(crate) mod schema;
mod searcher;
mod writer;

pub use eval::{EvalReport, GoldFile, GoldQuery, QueryScore, evaluate};
pub use searcher::{Filter, Hit, Query, SearchIndex, SearchReport, Snippet, parse_query};
pub use writer::{BuildStats, Progress, build};

use crate::error::{Error, Result};
use crate::model::Regulation;
use fs4::fs_std::FileExt;
use serde::{Deserialize, Serialize};
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
    pub articles: usize,
    pub docs: Vec<DocInfo>,
}

/// A document of the index: enough to resolve `--doc` and `--chapter` without parsing the corpus.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocInfo {
    pub id: String,
    pub title: String,
    pub district: String,
    pub city: String,
    pub aliases: Vec<String>,
    pub chapters: Vec<ChapterInfo>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChapterInfo {
    pub number: u32,
    pub title: String,
}

impl DocInfo {
    pub(crate) fn of(reg: &Regulation) -> DocInfo {
        DocInfo {
            id: reg.id.to_string(),
            title: reg.meta.title.clone(),
            district: reg.meta.district.clone(),
            city: reg.meta.city.clone(),
            aliases: reg.meta.aliases.clone(),
            chapters: reg
                .chapters
                .iter()
                .map(|c| ChapterInfo {
                    number: c.number,
                    title: c.title.clone(),
                })
                .collect(),
        }
    }

    /// True when a user's `name` designates this document (id, alias, district or title).
    pub fn is_named(&self, name: &str) -> bool {
        self.id == name
            || self.id.rsplit('/').next() == Some(name)
            || self.aliases.iter().any(|a| a == name)
            || (!self.district.is_empty() && self.district == name)
            || (!self.title.is_empty() && self.title == name)
    }
}

/// A stable hash of everything an index depends on: every `.txt`, `.md` and `.json` file under the
/// corpus root (paths and bytes, hidden entries skipped), the domain dictionary, and the tokenizer
/// and schema versions. A different fingerprint means the index is stale.
pub fn fingerprint(corpus_root: &Path) -> Result<String> {
    let mut files = Vec::new();
    collect_corpus_files(corpus_root, &mut files)?;
    files.sort();
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
    for path in &files {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let rel = path.strip_prefix(corpus_root).unwrap_or(path);
        h.update(rel.to_string_lossy().as_bytes());
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    Ok(h.finalize().to_hex()[..32].to_string())
}

fn collect_corpus_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.file_type().map_err(io)?.is_dir() {
            collect_corpus_files(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e == "txt" || e == "md" || e == "json")
        {
            out.push(path);
        }
    }
    Ok(())
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
                FileExt::lock_shared(f).map_err(|e| index_err(dir, format!("cannot lock: {e}")))?;
            }
            return Ok(Lock(file));
        }
        let file = lock_file(dir, &path)?;
        FileExt::lock_exclusive(&file).map_err(|e| index_err(dir, format!("cannot lock: {e}")))?;
        Ok(Lock(Some(file)))
    }
}

/// The lock file of `dir`, created (with the folder) when missing.
fn lock_file(dir: &Path, path: &Path) -> Result<File> {
    std::fs::create_dir_all(dir).map_err(|e| index_err(dir, format!("cannot create: {e}")))?;
    File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
}

/// True when another process holds the lock of `dir` so that taking it now would wait: any
/// holder for a builder (`exclusive`), a builder for a reader. For a "waiting for …" message.
pub fn busy(dir: &Path, exclusive: bool) -> bool {
    let Ok(file) = File::open(dir.join(LOCK)) else {
        return false;
    };
    let free = if exclusive {
        FileExt::try_lock_exclusive(&file)
    } else {
        FileExt::try_lock_shared(&file)
    };
    match free {
        Ok(true) => {
            let _ = FileExt::unlock(&file);
            false
        }
        Ok(false) | Err(_) => true,
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(f) = &self.0 {
            let _ = FileExt::unlock(f);
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
    {
        let _shared = Lock::take(dir, false)?;
        if read_meta(dir).is_ok_and(|m| m.fingerprint == fingerprint)
            && let Ok(index) = open_current(dir)
        {
            return Ok((index, Rebuilt::No));
        }
    }
    let _exclusive = Lock::take(dir, true)?;
    let why = match read_meta(dir) {
        Err(_) if current_generation(dir).is_none() => Rebuilt::Missing,
        Err(_) => Rebuilt::Corrupt,
        Ok(m) if m.fingerprint != fingerprint => Rebuilt::Stale,
        // Another process rebuilt it while this one waited for the lock.
        Ok(_) => match open_current(dir) {
            Ok(index) => return Ok((index, Rebuilt::No)),
            Err(_) => Rebuilt::Corrupt,
        },
    };
    let docs = load()?;
    build_locked(dir, docs, fingerprint, progress)?;
    Ok((open_current(dir)?, why))
}

/// Builds a new index of `docs` in `dir` and swaps it in, whatever was there.
pub fn rebuild(
    dir: &Path,
    docs: &[Regulation],
    fingerprint: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<BuildStats> {
    let _exclusive = Lock::take(dir, true)?;
    build_locked(dir, docs, fingerprint, progress)
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

fn read_meta(dir: &Path) -> Result<IndexMeta> {
    let generation = current_generation(dir)
        .ok_or_else(|| index_err(dir, "no index here; build it with `guize index`"))?;
    let meta_path = generation.join(META);
    let meta_text = std::fs::read_to_string(&meta_path).map_err(|source| Error::Io {
        path: meta_path.clone(),
        source,
    })?;
    serde_json::from_str(&meta_text).map_err(|e| index_err(&meta_path, format!("damaged: {e}")))
}

/// Opens the live generation; the caller holds the lock (a generation is only removed under the
/// exclusive lock, and once open its files stay readable).
fn open_current(dir: &Path) -> Result<SearchIndex> {
    let meta = read_meta(dir)?;
    let generation = current_generation(dir)
        .ok_or_else(|| index_err(dir, "no index here; build it with `guize index`"))?;
    SearchIndex::open(&generation, meta)
}

/// Builds into a hidden folder beside the live one, then points CURRENT at it with a rename, so a
/// reader sees either the old index or the new one, never half of one. Caller holds the lock.
fn build_locked(
    dir: &Path,
    docs: &[Regulation],
    fingerprint: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<BuildStats> {
    let tmp = tempfile::Builder::new()
        .prefix(".build-")
        .tempdir_in(dir)
        .map_err(|e| index_err(dir, format!("cannot create a build folder: {e}")))?;
    let stats = writer::build(docs, tmp.path(), progress)?;
    let meta = IndexMeta {
        fingerprint: fingerprint.to_string(),
        articles: stats.articles,
        docs: docs.iter().map(DocInfo::of).collect(),
    };
    let meta_json = serde_json::to_string_pretty(&meta)
        .map_err(|e| index_err(dir, format!("cannot encode {META}: {e}")))?;
    write_file(&tmp.path().join(META), meta_json.as_bytes())?;

    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let name = format!("gen-{}-{stamp}", &fingerprint[..fingerprint.len().min(12)]);
    let generation = dir.join(&name);
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

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Best effort: a generation another process still reads stays readable on Unix (open files).
fn remove_old_generations(dir: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if (name.starts_with("gen-") || name.starts_with(".build-")) && name != keep {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
