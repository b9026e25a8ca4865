//! Data derived from the whole corpus (the alignment, and the precise-mode cuts of every
//! article's text that a diff reads instead of loading jieba), kept beside the index generation it
//! was derived from, so that `compare`, `numbers`, `report`, `precedent` and `align` read it
//! instead of recomputing it in every process. A cache file is written aside and renamed into the
//! generation folder (a reader sees all of it or none), names the fingerprint and the build of
//! guize that made it, and goes away with its generation when the index is rebuilt. Anything that
//! does not match (another fingerprint, another build, a damaged or older file) is a miss, never an
//! error: the caller recomputes and stores again.

use super::SearchIndex;
use crate::align::Alignment;
use crate::segment::KnownCuts;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::PathBuf;

/// Bumped when the layout of a cache file changes.
pub const CACHE_FORMAT: u32 = 1;

const ALIGNMENT_FILE: &str = "alignment.cache.json";
const CUTS_FILE: &str = "cuts.cache";

#[derive(Serialize)]
struct Header<'a> {
    format: u32,
    build: &'a str,
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct Written<'a> {
    #[serde(flatten)]
    header: Header<'a>,
    alignment: &'a Alignment,
}

#[derive(Deserialize)]
struct Read {
    format: u32,
    build: String,
    fingerprint: String,
    alignment: Alignment,
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

fn path(index: &SearchIndex) -> PathBuf {
    index.generation().join(ALIGNMENT_FILE)
}

/// The header line of a binary cache file: the same fields as the JSON files' header.
fn header_line(index: &SearchIndex, build: &str) -> Vec<u8> {
    let header = Header {
        format: CACHE_FORMAT,
        build,
        fingerprint: &index.meta().fingerprint,
    };
    let mut line = serde_json::to_vec(&header).unwrap_or_default();
    line.push(b'\n');
    line
}

/// Writes `bytes` aside and renames them to `name` in `index`'s generation.
fn persist(
    index: &SearchIndex,
    name: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".cache-")
        .tempfile_in(index.generation())?;
    let mut out = std::io::BufWriter::new(tmp.as_file_mut());
    write(&mut out)?;
    out.flush()?;
    drop(out);
    tmp.persist(index.generation().join(name))
        .map_err(|e| e.error)?;
    Ok(())
}

/// Stores the precise-mode cuts of the corpus `index` was built from beside its generation
/// (best effort, like [`store_alignment`]).
pub fn store_cuts(index: &SearchIndex, cuts: &KnownCuts) -> std::io::Result<()> {
    let header = header_line(index, &build_id());
    persist(index, CUTS_FILE, |out| {
        out.write_all(&header)?;
        out.write_all(&cuts.to_bytes())
    })
}

/// A reader of the cuts stored beside `index`'s generation, for [`crate::segment::use_known_cuts`]:
/// it reads the file when called, and gives `None` when there is none for this index and build.
pub fn cuts_loader(index: &SearchIndex) -> impl FnOnce() -> Option<KnownCuts> + Send + 'static {
    let file = index.generation().join(CUTS_FILE);
    let expected = header_line(index, &build_id());
    move || {
        let bytes = std::fs::read(file).ok()?;
        let rest = bytes.strip_prefix(expected.as_slice())?;
        KnownCuts::from_bytes(rest)
    }
}

/// True when cuts are stored beside `index`'s generation (whatever build wrote them).
pub fn has_cuts(index: &SearchIndex) -> bool {
    index.generation().join(CUTS_FILE).is_file()
}

/// The whole-corpus alignment stored beside `index`'s generation, when there is one for this
/// index and this build of guize.
pub fn load_alignment(index: &SearchIndex) -> Option<Alignment> {
    let bytes = std::fs::read(path(index)).ok()?;
    let read: Read = serde_json::from_slice(&bytes).ok()?;
    (read.format == CACHE_FORMAT
        && read.build == build_id()
        && read.fingerprint == index.meta().fingerprint)
        .then_some(read.alignment)
}

/// Stores `alignment` (of the corpus `index` was built from) beside its generation. Best effort:
/// the caller has the alignment either way, so a failure (a read-only index, a generation
/// removed meanwhile by a rebuild) is returned for the caller to ignore or mention.
pub fn store_alignment(index: &SearchIndex, alignment: &Alignment) -> std::io::Result<()> {
    let build = build_id();
    let written = Written {
        header: Header {
            format: CACHE_FORMAT,
            build: &build,
            fingerprint: &index.meta().fingerprint,
        },
        alignment,
    };
    persist(index, ALIGNMENT_FILE, |out| {
        serde_json::to_writer(out, &written).map_err(std::io::Error::from)
    })
}
