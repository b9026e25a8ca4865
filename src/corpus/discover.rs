//! The one walk of a corpus: which document files are under a root (regular files only, hidden
//! entries and index folders left out), what each file's stat and hash are, and the id each gets.
//! Reads files without blocking on pipes; parses nothing.

use crate::error::{Error, Result};
use crate::model::{DocId, Warning};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are not regulations (the longest law of lawrefbook is 0.3 MB): the
/// loader and the fingerprint refuse them unread, with a warning, instead of costing their size in
/// memory on every command.
pub const MAX_FILE_BYTES: u64 = crate::extract::MAX_FILE_BYTES;

/// What a cheap freshness check compares: size, modification and change times, inode. A file
/// whose stat is unchanged is taken to hold the bytes it held (the change time moves on every
/// write and every `chmod`, which `touch -m` cannot hide).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct FileStat {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: i64,
    /// Change time (inode), nanoseconds since the epoch; 0 where the platform has none.
    pub ctime_ns: i64,
    /// Inode number; 0 where the platform has none.
    pub ino: u64,
}

impl FileStat {
    /// The stat of a file's metadata.
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
    /// Path under the corpus root, '/'-separated.
    pub rel: String,
    /// Its stat when it was opened.
    pub stat: FileStat,
    /// blake3 of the bytes read (32 hex digits); `None` when unreadable.
    pub hash: Option<String>,
}

impl SourceFile {
    /// A file as read: `bytes` is `None` when it could not be read.
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
    /// Its path (the root joined with `rel`).
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
    /// Files that would get the id of one of [`Walk::files`] (`lixia.pdf` beside `lixia.txt`),
    /// each with the path of that file, less preferred formats first after it: the loader reads
    /// one when the preferred file does not read (empty, damaged), so a bad file never costs the
    /// id its good one.
    pub same_id: Vec<(Found, PathBuf)>,
}

/// The one walk of a corpus, shared by the loader and the index fingerprint: every regular
/// document file ([`crate::extract::is_document`]: text, Markdown, DOCX, PDF, HTML, and the formats
/// only warned about) below `root`, recursively. Of files that would share an id the preferred
/// format is kept, the others are [`Walk::same_id`]. Hidden entries are skipped, symlinked folders are
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
                if !is_index_dir(&path) && !is_saved_page_folder(&path) {
                    stack.push(path);
                }
                continue;
            }
            if kind.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                out.warnings.push(Warning {
                    message: "a link to a folder; not followed (a link loop could never end), \
                              so its documents are not read: link the files, or copy the folder"
                        .into(),
                    path,
                    line: 0,
                });
                continue;
            }
            // `a -> b`, `b -> a`: named whatever its extension, since no reading can end it.
            if kind.is_symlink() && is_link_loop(&path) {
                out.warnings.push(Warning {
                    message: "a symbolic link loop (the link leads back to itself); skipped".into(),
                    path,
                    line: 0,
                });
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
                // A report or a comparison guize wrote into the folder is no document of it.
                Ok(m) if m.is_file() && is_generated(&path) => {}
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
    for (dropped, kept) in drop_same_file(&mut out.files) {
        out.warnings.push(Warning {
            message: format!(
                "the same file as {} (a link to it); skipped, so the regulation loads once",
                kept.display()
            ),
            path: dropped,
            line: 0,
        });
    }
    // After the links: a link to the preferred file is no second reading of the id.
    out.same_id = drop_same_id(root, &mut out.files, |f| &f.path);
    Ok(out)
}

/// Whether `path` is a symbolic link whose chain of links comes back to a link already passed
/// (`a -> b`, `b -> a`; `a -> a`), or runs longer than any system follows: a path that exists as
/// an entry of its folder, yet names no file.
pub fn is_link_loop(path: &Path) -> bool {
    let mut at = path.to_path_buf();
    let mut passed: Vec<PathBuf> = Vec::new();
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return false;
        }
        let Ok(target) = std::fs::read_link(&at) else {
            return false;
        };
        let next = match at.parent() {
            Some(dir) if target.is_relative() => dir.join(&target),
            _ => target,
        };
        let key = lexically_plain(&at);
        if passed.contains(&key) {
            return true;
        }
        passed.push(key);
        at = next;
    }
    true
}

/// `path` with its `.` parts dropped and each `..` taking the part before it (no link resolved):
/// enough to see that `dir/./a` and `dir/x/../a` are the entry `dir/a` a loop comes back to.
fn lexically_plain(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The folder a browser's "save page, complete" writes beside the page (`x_files` or `x.files` next
/// to `x.html`): the page's styles, scripts and frames, never a document of its own.
fn is_saved_page_folder(dir: &Path) -> bool {
    let Some(name) = dir.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(page) = name
        .strip_suffix("_files")
        .or_else(|| name.strip_suffix(".files"))
        .filter(|p| !p.is_empty())
    else {
        return false;
    };
    ["html", "htm", "shtml", "xhtml", "mhtml"]
        .iter()
        .any(|ext| dir.with_file_name(format!("{page}.{ext}")).is_file())
}

/// Of several entries that are one file (a link to a document of the corpus, `alias.txt ->
/// lixia.txt`, or a hard link), keeps the one that is not a symbolic link, else the first by
/// path, and returns each other with the one kept, for a warning: the same regulation loaded
/// twice would be its own closest match everywhere. One file: the same inode, size and times
/// (links followed); where the platform gives no inode, nothing is dropped.
fn drop_same_file(files: &mut Vec<Found>) -> Vec<(PathBuf, PathBuf)> {
    let mut first: std::collections::HashMap<FileStat, usize> = std::collections::HashMap::new();
    let mut kept_for: Vec<Option<usize>> = vec![None; files.len()];
    let is_link =
        |f: &Found| std::fs::symlink_metadata(&f.path).is_ok_and(|m| m.file_type().is_symlink());
    for (i, f) in files.iter().enumerate() {
        if f.stat.ino == 0 {
            continue;
        }
        match first.get(&f.stat).copied() {
            None => {
                first.insert(f.stat, i);
            }
            Some(k) if is_link(&files[k]) && !is_link(f) => {
                kept_for[k] = Some(i);
                first.insert(f.stat, i);
            }
            Some(k) => kept_for[i] = Some(k),
        }
    }
    // A file dropped in favour of one dropped later is dropped in favour of the last one kept.
    let keeper = |mut i: usize| {
        while let Some(k) = kept_for[i] {
            i = k;
        }
        i
    };
    let dropped: Vec<(PathBuf, PathBuf)> = (0..files.len())
        .filter(|&i| kept_for[i].is_some())
        .map(|i| (files[i].path.clone(), files[keeper(i)].path.clone()))
        .collect();
    let mut i = 0;
    files.retain(|_| {
        i += 1;
        kept_for[i - 1].is_none()
    });
    dropped
}

/// True when the text, HTML or DOCX file at `path` carries the mark guize puts on what it writes
/// ([`crate::extract::generated`]); its first bytes are read, without blocking on a pipe swapped
/// in. (A DOCX file guize wrote before its mark stood in the head is known when the loader reads
/// its package, [`super::load_bytes`].)
fn is_generated(path: &Path) -> bool {
    use crate::extract::{Format, generated};
    let Some(format @ (Format::Text | Format::Markdown | Format::Html | Format::Docx)) =
        Format::of(path)
    else {
        return false;
    };
    let mut options = std::fs::File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut head = Vec::with_capacity(generated::HEAD_BYTES);
    options.open(path).is_ok_and(|f| {
        f.metadata().is_ok_and(|m| m.is_file())
            && f.take(generated::HEAD_BYTES as u64)
                .read_to_end(&mut head)
                .is_ok()
            && generated::is_generated(format, &head)
    })
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
    // Refused by its size before more than its head is read, so a huge or sparse file costs
    // nothing. A text file whose head is binary (an archive or image renamed .txt) is named as
    // binary: its size is not what is wrong with it.
    if meta.len() > MAX_FILE_BYTES {
        let text_format = matches!(
            crate::extract::Format::of(path),
            Some(
                crate::extract::Format::Text
                    | crate::extract::Format::Markdown
                    | crate::extract::Format::Html
            )
        );
        let mut head = Vec::with_capacity(8192);
        if text_format
            && (&mut file).take(8192).read_to_end(&mut head).is_ok()
            && crate::extract::head_is_binary(&head)
        {
            return Err(std::io::Error::other(format!(
                "binary file, not text ({:.1} MB)",
                meta.len() as f64 / 1e6
            )));
        }
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

/// `path` under `root`, '/'-separated, or `None` when it is not under `root`.
pub fn rel_path_under(root: &Path, path: &Path) -> Option<String> {
    path.strip_prefix(root).ok().map(|_| rel_path(root, path))
}

/// `path` under `root`, '/'-separated whatever the platform.
pub(super) fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// The id of `path` under `root`: the relative path without extension, '/'-separated. Bytes of a
/// file name that are not UTF-8 are written `%XX`, so that two such names keep two ids; control
/// characters (a newline, a tab, ESC) are written as their visible signs (␊, ␉, ␛), so that an id
/// never breaks a line or a table ([`crate::corpus::Corpus::doc`] reads them either way).
pub fn doc_id(root: &Path, path: &Path) -> DocId {
    id_of(&path.strip_prefix(root).unwrap_or(path).with_extension(""))
}

pub(super) fn id_of(rel: &Path) -> DocId {
    let parts: Vec<String> = rel
        .components()
        .map(|c| escape_name(c.as_os_str()))
        .collect();
    DocId::from(parts.join("/"))
}

fn escape_name(name: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        out.extend(chunk.valid().chars().map(visible_control));
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `c`, or its visible sign when it is a control character (of an id: newline and tab too).
pub(crate) fn visible_control(c: char) -> char {
    match c.is_control() {
        true => crate::safe_text::visible(c),
        false => c,
    }
}

/// Of several files that would get the same document id (`lixia.txt` and `lixia.pdf`), keeps the
/// preferred format in `files` and returns each other one with the path of the file kept, in order
/// of preference within an id. `files` is sorted by path and stays so.
pub(crate) fn drop_same_id<T>(
    root: &Path,
    files: &mut Vec<T>,
    path: impl Fn(&T) -> &Path,
) -> Vec<(T, PathBuf)> {
    let mut keyed: Vec<((crate::model::DocId, u8), T)> = files
        .drain(..)
        .map(|f| {
            let p = path(&f);
            let key = (
                doc_id(root, p),
                crate::extract::Format::of(p).map_or(9, crate::extract::Format::preference),
            );
            (key, f)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut dropped = Vec::new();
    let mut last_id: Option<crate::model::DocId> = None;
    for ((id, _), f) in keyed {
        match (&last_id, files.last()) {
            (Some(prev), Some(kept)) if *prev == id => {
                let kept = path(kept).to_path_buf();
                dropped.push((f, kept));
            }
            _ => {
                last_id = Some(id);
                files.push(f);
            }
        }
    }
    files.sort_by(|a, b| path(a).cmp(path(b)));
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_paths_without_extension() {
        let id = doc_id(Path::new("/c"), Path::new("/c/DLC/山东/x.md"));
        assert_eq!(id.as_str(), "DLC/山东/x");
    }

    #[test]
    fn keeps_the_text_file_of_an_id_over_its_pdf() {
        let root = Path::new("/c");
        let mut files: Vec<PathBuf> = ["/c/a.pdf", "/c/a.txt", "/c/b.docx", "/c/sub/a.pdf"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let dropped = drop_same_id(root, &mut files, |p| p.as_path());
        assert_eq!(
            files,
            vec![
                PathBuf::from("/c/a.txt"),
                PathBuf::from("/c/b.docx"),
                PathBuf::from("/c/sub/a.pdf")
            ]
        );
        assert_eq!(
            dropped,
            vec![(PathBuf::from("/c/a.pdf"), PathBuf::from("/c/a.txt"))]
        );
    }

    #[test]
    fn a_saved_pages_files_folder_is_no_part_of_the_corpus() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::Io {
            path: PathBuf::from("tmp"),
            source: e,
        })?;
        let root = dir.path();
        let io = |r: std::io::Result<()>| {
            r.map_err(|e| Error::Io {
                path: root.to_path_buf(),
                source: e,
            })
        };
        io(std::fs::create_dir(root.join("办法_files")))?;
        io(std::fs::create_dir(root.join("附件_files")))?;
        io(std::fs::write(root.join("办法.html"), "<p>第一条 甲。</p>"))?;
        io(std::fs::write(
            root.join("办法_files/frame.html"),
            "<p>分享</p>",
        ))?;
        // No page of that name beside it: an ordinary folder.
        io(std::fs::write(root.join("附件_files/b.txt"), "第一条 乙。"))?;
        let walk = walk(root)?;
        let rels: Vec<String> = walk
            .files
            .iter()
            .map(|f| f.rel.replace('\\', "/"))
            .collect();
        assert_eq!(rels, ["办法.html", "附件_files/b.txt"]);
        Ok(())
    }

    #[test]
    fn same_id_files_come_in_order_of_preference() {
        let root = Path::new("/c");
        let mut files: Vec<PathBuf> = ["/c/a.pdf", "/c/a.docx", "/c/a.md", "/c/a.txt"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let dropped = drop_same_id(root, &mut files, |p| p.as_path());
        assert_eq!(files, vec![PathBuf::from("/c/a.txt")]);
        let order: Vec<&str> = dropped
            .iter()
            .map(|(p, _)| p.to_str().unwrap_or(""))
            .collect();
        assert_eq!(order, ["/c/a.md", "/c/a.docx", "/c/a.pdf"]);
    }
}
