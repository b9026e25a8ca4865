//! Data derived from the whole corpus (the alignment, its kinds, and the precise-mode cuts of every
//! article's text that a diff reads instead of loading jieba), kept beside the index generation it
//! was derived from, so that `compare`, `numbers`, `report`, `precedent` and `align` read it
//! instead of recomputing it in every process. A cache file is written aside and renamed into the
//! generation folder (a reader sees all of it or none), names the fingerprint and the build of
//! guize that made it, and goes away with its generation when the index is rebuilt. Anything that
//! does not match (another fingerprint, another build, a damaged or older file) is a miss, never an
//! error: the caller recomputes and stores again.

use super::SearchIndex;
use crate::align::{Alignment, Kind};
use crate::corpus::FileStat;
use crate::segment::KnownCuts;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Bumped when the layout of a cache file changes. 2: a header line, then the data.
pub const CACHE_FORMAT: u32 = 2;

const ALIGNMENT_FILE: &str = "alignment.cache.json";
const CUTS_FILE: &str = "cuts.cache";
const CHECKED_FILE: &str = "checksums.cache.json";
const KINDS_FILE: &str = "kinds.cache.json";

#[derive(Serialize)]
struct Header<'a> {
    format: u32,
    build: &'a str,
    fingerprint: &'a str,
}

/// The build of guize that derives the data: the package version and the executable's size and
/// modification time, so that a rebuilt binary (whose alignment may differ) does not read the
/// cache of the previous one.
fn build_id() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| crate::corpus::FileStat::of(&m))
        .map_or_else(String::new, |s| format!("{}-{}", s.size, s.mtime_ns));
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}

/// Where the derived data of one index generation lives and what it must have been derived
/// from. Taken from an open index, it outlives it: a long computation (the alignment of a large
/// corpus) need not keep the index open and its files mapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The generation folder the data sits in.
    pub generation: PathBuf,
    /// The fingerprint of the corpus the generation was built from.
    pub fingerprint: String,
}

impl Place {
    /// Where the caches of `index` live.
    pub fn of(index: &SearchIndex) -> Place {
        Place {
            generation: index.generation().to_path_buf(),
            fingerprint: index.meta().fingerprint.clone(),
        }
    }

    /// The first line of a cache file: format, build and fingerprint, as JSON.
    fn header_line(&self, build: &str) -> Vec<u8> {
        let header = Header {
            format: CACHE_FORMAT,
            build,
            fingerprint: &self.fingerprint,
        };
        let mut line = serde_json::to_vec(&header).unwrap_or_default();
        line.push(b'\n');
        line
    }
}

/// Writes what `write` writes aside and renames it to `name` in `generation`.
pub(super) fn persist_in(
    generation: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // Readable as the index's other files are (the umask's), not its owner's alone.
    let mut tmp = tempfile::Builder::new()
        .prefix(".cache-")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666))
        .tempfile_in(generation)?;
    let mut out = std::io::BufWriter::new(tmp.as_file_mut());
    write(&mut out)?;
    out.flush()?;
    drop(out);
    tmp.persist(generation.join(name)).map_err(|e| e.error)?;
    Ok(())
}

/// The whole-corpus alignment stored beside `index`'s generation, when there is one for this
/// index and this build of guize.
pub fn load_alignment(index: &SearchIndex) -> Option<Alignment> {
    load_alignment_at(&Place::of(index))
}

/// [`load_alignment`] at a [`Place`].
pub fn load_alignment_at(place: &Place) -> Option<Alignment> {
    let bytes = std::fs::read(place.generation.join(ALIGNMENT_FILE)).ok()?;
    // The header line first: a file of another build or corpus is not parsed any further.
    let rest = bytes.strip_prefix(place.header_line(&build_id()).as_slice())?;
    serde_json::from_slice(rest).ok()
}

/// Stores `alignment` (of the corpus `index` was built from) beside its generation. Best effort:
/// the caller has the alignment either way, so a failure (a read-only index, a generation
/// removed meanwhile by a rebuild) is returned for the caller to ignore or mention.
pub fn store_alignment(index: &SearchIndex, alignment: &Alignment) -> std::io::Result<()> {
    store_alignment_at(&Place::of(index), alignment)
}

/// [`store_alignment`] at a [`Place`].
pub fn store_alignment_at(place: &Place, alignment: &Alignment) -> std::io::Result<()> {
    let header = place.header_line(&build_id());
    persist_in(&place.generation, ALIGNMENT_FILE, |out| {
        out.write_all(&header)?;
        serde_json::to_writer(out, alignment).map_err(std::io::Error::from)
    })
}

/// The kinds of the corpus stored at `place` (`guize corpus` without an alignment cached: the
/// split alone, see [`crate::align::named_kinds_of`]), when there are some for this index and
/// build; an empty list is a corpus of one kind.
pub fn load_kinds_at(place: &Place) -> Option<Vec<Kind>> {
    let bytes = std::fs::read(place.generation.join(KINDS_FILE)).ok()?;
    let rest = bytes.strip_prefix(place.header_line(&build_id()).as_slice())?;
    serde_json::from_slice(rest).ok()
}

/// Stores the kinds of the corpus `place` was derived from beside its generation (best effort,
/// like [`store_alignment`]).
pub fn store_kinds_at(place: &Place, kinds: &[Kind]) -> std::io::Result<()> {
    let header = place.header_line(&build_id());
    persist_in(&place.generation, KINDS_FILE, |out| {
        out.write_all(&header)?;
        serde_json::to_writer(out, kinds).map_err(std::io::Error::from)
    })
}

/// The header line of a cache file at `place` made by this build.
pub(super) fn header_line(place: &Place) -> Vec<u8> {
    place.header_line(&build_id())
}

/// Stores the precise-mode cuts of the corpus `place` was derived from beside its generation
/// (best effort, like [`store_alignment`]).
pub fn store_cuts(place: &Place, cuts: &KnownCuts) -> std::io::Result<()> {
    let header = place.header_line(&build_id());
    persist_in(&place.generation, CUTS_FILE, |out| {
        out.write_all(&header)?;
        out.write_all(&cuts.to_bytes())
    })
}

/// A reader of the cuts stored at `place`, for [`crate::segment::use_known_cuts`]: it reads the
/// file when called, and gives `None` when there is none for this index and build.
pub fn cuts_loader(place: &Place) -> impl FnOnce() -> Option<KnownCuts> + Send + 'static {
    let file = place.generation.join(CUTS_FILE);
    let expected = place.header_line(&build_id());
    move || {
        let bytes = std::fs::read(file).ok()?;
        let rest = bytes.strip_prefix(expected.as_slice())?;
        KnownCuts::from_bytes(rest)
    }
}

/// True when cuts are stored at `place` (whatever build wrote them).
pub fn has_cuts(place: &Place) -> bool {
    place.generation.join(CUTS_FILE).is_file()
}

/// The index files of a generation (every regular file but hidden ones and the caches) with
/// their stat, by name; `None` when the folder cannot be listed.
fn index_files(generation: &Path) -> Option<Vec<(String, FileStat)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(generation).ok()? {
        let entry = entry.ok()?;
        let name = entry.file_name().into_string().ok()?;
        if name.starts_with('.') || name.ends_with(".cache") || name.ends_with(".cache.json") {
            continue;
        }
        let meta = entry.metadata().ok()?;
        if meta.is_file() {
            out.push((name, FileStat::of(&meta)));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Some(out)
}

/// True when tantivy's checksums of `generation` held when last checked and no index file has
/// changed since (same names, sizes, modification and change times, inodes).
pub fn checksums_held(generation: &Path) -> bool {
    let Ok(bytes) = std::fs::read(generation.join(CHECKED_FILE)) else {
        return false;
    };
    let Ok(checked) = serde_json::from_slice::<Vec<(String, FileStat)>>(&bytes) else {
        return false;
    };
    !checked.is_empty() && index_files(generation).is_some_and(|now| now == checked)
}

/// Notes that the checksums of `generation` hold, with the stat of every index file. Best
/// effort: without the note, the next open checks again.
pub fn record_checksums_held(generation: &Path) {
    let Some(files) = index_files(generation) else {
        return;
    };
    let _ = persist_in(generation, CHECKED_FILE, |out| {
        serde_json::to_writer(out, &files).map_err(std::io::Error::from)
    });
}
