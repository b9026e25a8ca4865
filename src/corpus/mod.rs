//! Finds the documents under a corpus root, reads and decodes them, loads their manifest metadata
//! and parses each into a [`Regulation`]. One bad document is a warning, never the end of the load.

use crate::error::{Error, Result};
use crate::model::{Article, DocId, DocMeta, Regulation, Warning};
use crate::parse::{self, SourceKind};
use crate::suggest;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The manifest's file name under the corpus root.
pub const MANIFEST: &str = "manifest.json";

/// All documents of one corpus root, in a stable order (manifest order, then path order).
#[derive(Debug, Clone)]
pub struct Corpus {
    pub root: PathBuf,
    pub docs: Vec<Regulation>,
    /// Warnings about the corpus as a whole (unreadable files, manifest problems).
    pub load_warnings: Vec<Warning>,
    /// Every file read (documents and manifest, skipped ones too), by relative path: what the
    /// index fingerprint is taken from, so that it describes the bytes that were parsed.
    pub sources: Vec<SourceFile>,
}

/// What the manifest says of one document.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default)]
    district: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    title: Option<String>,
}

/// `{"documents": {"lixia": {...}, ...}}`, keeping the order the manifest lists them in.
#[derive(Debug, Default)]
struct Manifest {
    entries: Vec<(String, Entry)>,
}

impl<'de> Deserialize<'de> for Manifest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            #[serde(default)]
            documents: Ordered,
        }
        #[derive(Default)]
        struct Ordered(Vec<(String, Entry)>);
        impl<'de> Deserialize<'de> for Ordered {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> std::result::Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = Ordered;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("an object of document ids")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> std::result::Result<Ordered, A::Error> {
                        let mut out = Vec::new();
                        while let Some((k, v)) = map.next_entry::<String, Entry>()? {
                            out.push((k, v));
                        }
                        Ok(Ordered(out))
                    }
                }
                d.deserialize_map(V)
            }
        }
        let raw = Raw::deserialize(d)?;
        Ok(Manifest {
            entries: raw.documents.0,
        })
    }
}

impl Manifest {
    /// The manifest of `root` (none when absent) and the file as read.
    fn read(root: &Path) -> Result<(Manifest, Option<SourceFile>)> {
        let path = root.join(MANIFEST);
        let (stat, bytes) = match read_regular(&path) {
            Ok(r) => r,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok((Manifest::default(), None));
            }
            Err(source) => return Err(Error::Io { path, source }),
        };
        let source = SourceFile::new(MANIFEST.to_string(), stat, Some(&bytes));
        Ok((Manifest::parse(path, &bytes)?, Some(source)))
    }

    /// The manifest in `bytes`; `path` names it in errors.
    fn parse(path: PathBuf, bytes: &[u8]) -> Result<Manifest> {
        let text = std::str::from_utf8(bytes).map_err(|e| Error::Manifest {
            path: path.clone(),
            msg: format!("not UTF-8 (invalid at byte {})", e.valid_up_to()),
        })?;
        // Editors on Windows write a byte order mark; it is not part of the JSON.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        serde_json::from_str(text).map_err(|e| Error::Manifest {
            path,
            msg: format!("line {}: {e}", e.line()),
        })
    }

    fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|(k, _)| k == id).map(|(_, e)| e)
    }

    fn position(&self, id: &str) -> usize {
        self.entries
            .iter()
            .position(|(k, _)| k == id)
            .unwrap_or(usize::MAX)
    }
}

/// One file's outcome: a parsed document, or only warnings; and the file as read.
struct Loaded {
    doc: Option<Regulation>,
    warnings: Vec<Warning>,
    source: SourceFile,
}

impl Corpus {
    /// Loads every document file under `root` (recursively, hidden entries skipped); see
    /// [`crate::extract::Format`] for the formats.
    pub fn load(root: &Path) -> Result<Corpus> {
        Corpus::load_where(root, |_| true)
    }

    /// [`Corpus::load`] of only the documents whose id `keep` accepts (the others are not read),
    /// for a command that needs a few documents of a large corpus. The manifest is still checked.
    pub fn load_where(root: &Path, keep: impl Fn(&DocId) -> bool + Sync) -> Result<Corpus> {
        let (manifest, manifest_source) = Manifest::read(root)?;
        let Walk {
            files,
            warnings: load_warnings,
        } = walk(root)?;
        // The walk already dropped files whose ids collide (`lixia.md` beside `lixia.txt`).
        let ids: Vec<Option<DocId>> = files.iter().map(|f| Some(doc_id(root, &f.path))).collect();
        let mut sources: Vec<SourceFile> = manifest_source.into_iter().collect();
        let mut chosen: Vec<(Found, DocId)> = Vec::with_capacity(files.len());
        let mut named = 0;
        for (f, id) in files.into_iter().zip(ids) {
            match id {
                // Skipped for its id: not read, but still part of what the corpus is.
                None => sources.push(SourceFile::new(f.rel.clone(), f.stat, None)),
                Some(id) => {
                    named += 1;
                    if keep(&id) {
                        chosen.push((f, id));
                    }
                }
            }
        }
        let partial = chosen.len() < named;
        let loaded: Vec<Loaded> = chosen
            .into_par_iter()
            .map(|(f, id)| load_file(&f, id, &manifest))
            .collect();
        let mut corpus = Corpus::assemble(root, &manifest, loaded, load_warnings, partial);
        corpus.sources.extend(sources);
        corpus.sources.sort_by(|a, b| a.rel.cmp(&b.rel));
        Ok(corpus)
    }

    /// Loads a corpus held in memory (the one built into the binary): `files` are paths relative to
    /// `root` with their bytes; `root` only names the documents in citations and warnings. The
    /// manifest is the file named [`MANIFEST`]; `.txt` and `.md` files are documents, as on disk,
    /// and [`Corpus::fingerprint`] is the one the same files have on disk.
    pub fn load_memory(root: &Path, files: &[(&str, &[u8])]) -> Result<Corpus> {
        let manifest = match files.iter().find(|(name, _)| *name == MANIFEST) {
            Some((name, bytes)) => Manifest::parse(root.join(name), bytes)?,
            None => Manifest::default(),
        };
        let mut documents: Vec<&(&str, &[u8])> = files
            .iter()
            .filter(|(name, _)| crate::extract::is_document(Path::new(name)))
            .collect();
        documents.sort_by_key(|(name, _)| *name);
        let loaded: Vec<Loaded> = documents
            .par_iter()
            .map(|(name, bytes)| {
                let source = SourceFile::new(name.to_string(), FileStat::default(), Some(bytes));
                load_bytes(
                    doc_id(root, &root.join(name)),
                    &root.join(name),
                    source,
                    bytes,
                    &manifest,
                )
            })
            .collect();
        let mut corpus = Corpus::assemble(root, &manifest, loaded, Vec::new(), false);
        corpus.sources = memory_sources(files).collect();
        Ok(corpus)
    }

    /// The corpus of the `loaded` files: documents in manifest order (each manifest entry without
    /// a document is a warning, unless only some documents were `partial`ly loaded).
    fn assemble(
        root: &Path,
        manifest: &Manifest,
        loaded: Vec<Loaded>,
        mut load_warnings: Vec<Warning>,
        partial: bool,
    ) -> Corpus {
        let mut docs = Vec::with_capacity(loaded.len());
        let mut sources = Vec::with_capacity(loaded.len() + 1);
        for l in loaded {
            sources.push(l.source);
            match l.doc {
                Some(mut d) => {
                    d.warnings.splice(0..0, l.warnings);
                    docs.push(d);
                }
                None => load_warnings.extend(l.warnings),
            }
        }
        for (id, _) in &manifest.entries {
            if !partial && !docs.iter().any(|d| d.id.as_str() == id) {
                load_warnings.push(Warning {
                    path: root.join(MANIFEST),
                    line: 0,
                    message: format!("manifest lists '{id}' but the corpus has no such document"),
                });
            }
        }
        docs.sort_by(|a, b| {
            (manifest.position(a.id.as_str()), &a.id)
                .cmp(&(manifest.position(b.id.as_str()), &b.id))
        });
        settle_aliases(&mut docs, &root.join(MANIFEST), &mut load_warnings);
        Corpus {
            root: root.to_path_buf(),
            docs,
            load_warnings,
            sources,
        }
    }

    /// The index fingerprint of the bytes this corpus was parsed from (see
    /// [`crate::index::fingerprint`]).
    pub fn fingerprint(&self) -> String {
        crate::index::fingerprint_of(&self.sources)
    }

    /// Every warning: the corpus's own, then each document's.
    pub fn warnings(&self) -> impl Iterator<Item = &Warning> {
        self.load_warnings
            .iter()
            .chain(self.docs.iter().flat_map(|d| d.warnings.iter()))
    }

    /// Finds a document by id or alias (历下, 历下区, lixia); the error lists the closest ones.
    pub fn doc(&self, query: &str) -> Result<&Regulation> {
        let q = query.trim();
        // Ids win over aliases (the loader also drops aliases that are another document's id).
        self.docs
            .iter()
            .find(|d| d.id.as_str() == q)
            .or_else(|| {
                self.docs
                    .iter()
                    .find(|d| d.meta.aliases.iter().any(|a| a == q))
            })
            .or_else(|| {
                // A unique case-insensitive match or unique id suffix (DLC/x/name → name).
                let hits: Vec<&Regulation> = self
                    .docs
                    .iter()
                    .filter(|d| {
                        d.id.as_str().eq_ignore_ascii_case(q)
                            || d.id.as_str().rsplit('/').next() == Some(q)
                    })
                    .collect();
                (hits.len() == 1).then(|| hits[0])
            })
            .ok_or_else(|| Error::UnknownDoc {
                query: query.to_string(),
                known: self.closest_docs(q, 10),
            })
    }

    /// Document ids closest to `query` first (matching ids and aliases), for error messages.
    pub fn closest_docs(&self, query: &str, limit: usize) -> String {
        let names: Vec<String> = self
            .docs
            .iter()
            .map(|d| {
                let best = suggest::rank(
                    query,
                    std::iter::once(d.id.as_str()).chain(d.meta.aliases.iter().map(String::as_str)),
                )[0];
                best.to_string()
            })
            .collect();
        let ranked = suggest::rank(query, &names);
        let mut out: Vec<String> = Vec::new();
        for name in ranked.iter().take(limit) {
            if let Some(d) = self
                .docs
                .iter()
                .find(|d| d.id.as_str() == *name || d.meta.aliases.iter().any(|a| a == name))
            {
                if d.meta.district.is_empty() {
                    out.push(d.id.to_string());
                } else {
                    out.push(format!("{} ({})", d.id, d.meta.district));
                }
            }
        }
        if self.docs.len() > limit {
            out.push(format!("… ({} in all)", self.docs.len()));
        }
        if out.is_empty() {
            "none (the corpus is empty)".to_string()
        } else {
            out.join(", ")
        }
    }
}

impl Regulation {
    /// Finds an article as a user types it: 39, 第三十九条, 三十九, 第39条, 17之一. The error lists
    /// the nearest numbers first and the document's range.
    pub fn find_article(&self, query: &str) -> Result<&Article> {
        let (number, sub) =
            parse::parse_article_ref(query).ok_or_else(|| self.unknown_article(query, None))?;
        self.articles
            .iter()
            .find(|a| a.number == number && a.sub == sub)
            .ok_or_else(|| self.unknown_article(query, Some(number)))
    }

    fn unknown_article(&self, query: &str, number: Option<u32>) -> Error {
        let mut near: Vec<&Article> = self.articles.iter().collect();
        if let Some(n) = number {
            near.sort_by_key(|a| (a.number.abs_diff(n), a.number, a.sub));
        }
        let mut known: Vec<String> = near.iter().take(5).map(|a| a.label()).collect();
        match (self.articles.first(), self.articles.last()) {
            (Some(first), Some(last)) => known.push(format!(
                "… ({} articles: {}–{})",
                self.articles.len(),
                first.label(),
                last.label()
            )),
            _ => known.push("none (the document has no articles)".to_string()),
        }
        Error::UnknownArticle {
            doc: self.id.to_string(),
            query: query.to_string(),
            known: known.join(", "),
        }
    }
}

/// What a cheap freshness check compares: size, modification and change times, inode. A file
/// whose stat is unchanged is taken to hold the bytes it held (the change time moves on every
/// write and every `chmod`, which `touch -m` cannot hide).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FileStat {
    pub size: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub ino: u64,
}

impl FileStat {
    pub fn of(m: &std::fs::Metadata) -> FileStat {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FileStat {
                size: m.len(),
                mtime_ns: m.mtime().saturating_mul(1_000_000_000) + m.mtime_nsec(),
                ctime_ns: m.ctime().saturating_mul(1_000_000_000) + m.ctime_nsec(),
                ino: m.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let mtime_ns = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
            FileStat {
                size: m.len(),
                mtime_ns,
                ctime_ns: 0,
                ino: 0,
            }
        }
    }
}

/// A corpus file as it was read: path relative to the root ('/'-separated), its stat when opened,
/// and a hash of the bytes read (`None` when it could not be read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    pub rel: String,
    pub stat: FileStat,
    pub hash: Option<String>,
}

impl SourceFile {
    pub fn new(rel: String, stat: FileStat, bytes: Option<&[u8]>) -> SourceFile {
        SourceFile {
            rel,
            stat,
            hash: bytes.map(|b| blake3::hash(b).to_hex()[..32].to_string()),
        }
    }
}

/// A document file found by [`walk`].
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    /// Path under the root, '/'-separated.
    pub rel: String,
    /// Its stat (links followed) when the walk saw it.
    pub stat: FileStat,
}

/// The documents under a corpus root and what the walk could not take.
#[derive(Debug, Default)]
pub struct Walk {
    /// Regular document files (or links to one), sorted by path; see [`crate::extract::Format`].
    pub files: Vec<Found>,
    /// Broken links, files that are not regular (FIFOs, devices), unreadable folders.
    pub warnings: Vec<Warning>,
}

/// The one walk of a corpus, shared by the loader and the index fingerprint: every regular
/// document file ([`crate::extract::is_document`]: text, Markdown, DOCX, PDF, HTML, and the formats
/// only warned about) below `root`, recursively. Of files that would share an id the preferred
/// format is kept, the others are warnings. Hidden entries are skipped, symlinked folders are
/// not followed (a link loop cannot hang it), links to files are followed, and a guize index
/// folder inside the corpus is left out. Anything else with a document's extension (a FIFO, a link
/// to a device, a broken link) is a warning, never read.
pub fn walk(root: &Path) -> Result<Walk> {
    let mut out = Walk::default();
    let mut stack = vec![root.to_path_buf()];
    let mut first = true;
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(source) if first => return Err(Error::Io { path: dir, source }),
            Err(e) => {
                out.warnings.push(Warning {
                    path: dir,
                    line: 0,
                    message: format!("cannot read folder: {e}"),
                });
                continue;
            }
        };
        first = false;
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if !is_index_dir(&path) {
                    stack.push(path);
                }
                continue;
            }
            if !crate::extract::is_document(&path) {
                continue;
            }
            let warn = |message: String| Warning {
                path: path.clone(),
                line: 0,
                message,
            };
            // Links are followed to what they name, which must be a regular file.
            match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => out.files.push(Found {
                    rel: rel_path(root, &path),
                    stat: FileStat::of(&m),
                    path,
                }),
                Ok(m) if m.is_dir() => {}
                Ok(_) => out.warnings.push(warn(
                    "not a regular file (a pipe, device or socket); skipped".into(),
                )),
                Err(e) if kind.is_symlink() => out
                    .warnings
                    .push(warn(format!("broken link ({e}); skipped"))),
                Err(e) => out
                    .warnings
                    .push(warn(format!("cannot read: {e}; skipped"))),
            }
        }
    }
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    for (dropped, kept) in crate::extract::drop_same_id(root, &mut out.files, |f| &f.path) {
        out.warnings.push(Warning {
            message: format!(
                "same document id as {}; skipped (rename one to keep both)",
                kept.display()
            ),
            path: dropped,
            line: 0,
        });
    }
    Ok(out)
}

/// A guize index folder (it holds the index lock and the pointer to its live generation).
fn is_index_dir(dir: &Path) -> bool {
    dir.join(".lock").is_file() && dir.join("CURRENT").is_file()
}

/// Reads a file that must be regular, without blocking on a FIFO swapped in since the walk: the
/// stat is taken from the open file, before its bytes are read.
pub fn read_regular(path: &Path) -> std::io::Result<(FileStat, Vec<u8>)> {
    let mut options = std::fs::File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(
            "not a regular file (a pipe, device or socket)",
        ));
    }
    let too_big = || {
        std::io::Error::other(format!(
            "{:.1} MB, larger than a regulation can be ({} MB)",
            meta.len() as f64 / 1e6,
            MAX_FILE_BYTES >> 20
        ))
    };
    // Refused by its size before anything is read, so a huge or sparse file costs nothing.
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let stat = FileStat::of(&meta);
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    Ok((stat, bytes))
}

/// `path` under `root`, '/'-separated whatever the platform.
fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// The id of `path` under `root`: the relative path without extension, '/'-separated. Bytes of a
/// file name that are not UTF-8 are written `%XX`, so that two such names keep two ids.
pub fn doc_id(root: &Path, path: &Path) -> DocId {
    id_of(&path.strip_prefix(root).unwrap_or(path).with_extension(""))
}

fn id_of(rel: &Path) -> DocId {
    let parts: Vec<String> = rel
        .components()
        .map(|c| escape_name(c.as_os_str()))
        .collect();
    DocId(parts.join("/"))
}

fn escape_name(name: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Aliases name one document each and never hide an id: an alias that is another document's id,
/// or that an earlier document already has, is dropped with a warning.
fn settle_aliases(docs: &mut [Regulation], manifest: &Path, warnings: &mut Vec<Warning>) {
    let ids: std::collections::HashSet<String> = docs.iter().map(|d| d.id.to_string()).collect();
    let mut owner: std::collections::HashMap<String, String> = Default::default();
    for d in docs.iter_mut() {
        let id = d.id.to_string();
        let mut kept = Vec::new();
        for alias in std::mem::take(&mut d.meta.aliases) {
            let problem = if alias != id && ids.contains(&alias) {
                Some(format!(
                    "is the id of another document; '{alias}' means that document"
                ))
            } else {
                owner
                    .get(&alias)
                    .filter(|o| **o != id)
                    .map(|o| format!("is already an alias of '{o}', which it keeps naming"))
            };
            match problem {
                Some(why) => warnings.push(Warning {
                    path: manifest.to_path_buf(),
                    line: 0,
                    message: format!("alias '{alias}' of '{id}' {why}; ignored"),
                }),
                None => {
                    owner.insert(alias.clone(), id.clone());
                    if !kept.contains(&alias) {
                        kept.push(alias);
                    }
                }
            }
        }
        d.meta.aliases = kept;
    }
}

fn load_file(found: &Found, id: DocId, manifest: &Manifest) -> Loaded {
    let path = found.path.as_path();
    let warn = |line: usize, message: String| Warning {
        path: path.to_path_buf(),
        line,
        message,
    };
    let (stat, bytes) = match read_regular(path) {
        Ok(r) => r,
        Err(e) => {
            return Loaded {
                doc: None,
                warnings: vec![warn(0, format!("cannot read: {e}; skipped"))],
                source: SourceFile::new(found.rel.clone(), found.stat, None),
            };
        }
    };
    let source = SourceFile::new(found.rel.clone(), stat, Some(&bytes));
    load_bytes(id, path, source, &bytes, manifest)
}

/// Decodes and parses the `bytes` of the document at `path`, read as `source`.
fn load_bytes(
    id: DocId,
    path: &Path,
    source: SourceFile,
    bytes: &[u8],
    manifest: &Manifest,
) -> Loaded {
    let warn = |line: usize, message: String| Warning {
        path: path.to_path_buf(),
        line,
        message,
    };
    let (text, note) = match crate::extract::extract(path, bytes) {
        Ok(d) => (d.text, d.note),
        Err(msg) => {
            return Loaded {
                doc: None,
                warnings: vec![warn(0, format!("{msg}; skipped"))],
                source,
            };
        }
    };
    let mut warnings: Vec<Warning> = note.into_iter().map(|n| warn(0, n)).collect();
    let entry = manifest.entry(id.as_str()).cloned().unwrap_or_default();
    let meta = DocMeta {
        title: entry.title.unwrap_or_default(),
        district: entry.district,
        city: entry.city,
        aliases: entry.aliases,
        ..DocMeta::default()
    };
    let doc = parse::parse(id, path, &text, SourceKind::from_path(path), meta);
    if doc.articles.is_empty() {
        warnings.extend(doc.warnings.into_iter().map(|mut w| {
            w.message.push_str("; skipped");
            w
        }));
        return Loaded {
            doc: None,
            warnings,
            source,
        };
    }
    Loaded {
        doc: Some(doc),
        warnings,
        source,
    }
}

/// The [`SourceFile`]s of files held in memory, as [`Corpus::load`] would record the same files
/// read from disk (documents and the manifest; no stat), sorted by path.
pub fn memory_sources<'a>(
    files: &'a [(&'a str, &'a [u8])],
) -> impl Iterator<Item = SourceFile> + 'a {
    let mut kept: Vec<&(&str, &[u8])> = files
        .iter()
        .filter(|(name, _)| *name == MANIFEST || crate::extract::is_document(Path::new(name)))
        .collect();
    kept.sort_by_key(|(name, _)| *name);
    kept.into_iter()
        .map(|(name, bytes)| SourceFile::new(name.to_string(), FileStat::default(), Some(bytes)))
}

/// Files larger than this are not regulations (the longest law of lawrefbook is 0.3 MB): the
/// loader and the fingerprint refuse them unread, with a warning, instead of costing their size in
/// memory on every command.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// Decodes a file: UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030 with a note saying
/// so. A UTF-8 file with a few invalid bytes is decoded with U+FFFD in their place and a note
/// naming the first line; NUL bytes are removed with a note. Empty and binary files are errors.
pub fn decode(bytes: &[u8]) -> std::result::Result<(String, Option<String>), String> {
    let (text, note) = decode_text(bytes)?;
    if !text.contains('\0') {
        return Ok((text, note));
    }
    let line = line_of(&text, text.find('\0').unwrap_or(0));
    let removed = format!("NUL bytes removed (the first on line {line})");
    let note = Some(match note {
        Some(n) => format!("{n}; {removed}"),
        None => removed,
    });
    Ok((text.replace('\0', ""), note))
}

/// 1-based line of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// At most one invalid UTF-8 sequence per this many bytes reads as damaged UTF-8, not GB18030
/// (GB18030 text is invalid UTF-8 at nearly every Chinese character).
const STRAY_BYTES_PER_ERROR: usize = 1000;

fn decode_text(bytes: &[u8]) -> std::result::Result<(String, Option<String>), String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty file".to_string());
    }
    for (bom, enc) in [
        (&[0xFF, 0xFE][..], encoding_rs::UTF_16LE),
        (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            if !had_errors {
                return Ok((
                    text.into_owned(),
                    Some(format!("decoded as {} (not UTF-8)", enc.name())),
                ));
            }
        }
    }
    if is_binary(bytes) {
        return Err("binary file, not text".to_string());
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(t) => Ok((t.replace("\r\n", "\n").replace('\r', "\n"), None)),
        Err(utf8) if mostly_utf8(body) => {
            let text = String::from_utf8_lossy(body);
            let line = line_of(&text, utf8.valid_up_to());
            Ok((
                text.replace("\r\n", "\n").replace('\r', "\n"),
                Some(format!(
                    "invalid UTF-8 on line {line} (byte {}); decoded with U+FFFD in its place",
                    utf8.valid_up_to()
                )),
            ))
        }
        Err(utf8) => {
            let gb = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(body);
            match gb {
                Some(t) => Ok((
                    t.replace("\r\n", "\n").replace('\r', "\n"),
                    Some(format!(
                        "not UTF-8 (invalid at byte {}); decoded as GB18030",
                        utf8.valid_up_to()
                    )),
                )),
                None => Err(format!(
                    "not UTF-8 or GB18030 at byte {}",
                    utf8.valid_up_to()
                )),
            }
        }
    }
}

/// True when `bytes` is UTF-8 but for a few stray bytes.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let errors = bytes
        .utf8_chunks()
        .filter(|c| !c.invalid().is_empty())
        .count();
    errors * STRAY_BYTES_PER_ERROR <= bytes.len().max(STRAY_BYTES_PER_ERROR)
}

/// NUL bytes or many control characters in the first 8 KiB mean binary.
fn is_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    head.contains(&0) || control * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_gb18030_with_a_note() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("第一条 本规则自印发之日起施行。");
        let (text, note) = decode(&bytes).expect("decodes");
        assert_eq!(text, "第一条 本规则自印发之日起施行。");
        assert!(note.expect("a note").contains("GB18030"));
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(decode(b"  \n").unwrap_err(), "empty file");
        assert!(
            decode(&[0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2])
                .unwrap_err()
                .contains("binary")
        );
    }

    #[test]
    fn ids_are_paths_without_extension() {
        let id = doc_id(Path::new("/c"), Path::new("/c/DLC/山东/x.md"));
        assert_eq!(id.as_str(), "DLC/山东/x");
    }
}
