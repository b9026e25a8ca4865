//! Settings shared by every subcommand, and the corpus loaded at most once per process.
//!
//! Which corpus: `--corpus`/`GUIZE_CORPUS`, else `./corpus` when the current folder has one, else
//! the five work rules built into the binary. Which index: `--index`/`GUIZE_INDEX`, else one derived
//! from the corpus, so that every corpus keeps its own (see [`index_location`]).

use super::output::note;
use super::{Cli, ColorChoice};
use crate::corpus::Corpus;
use crate::model::Regulation;
use anyhow::{Context as _, Result};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Where the corpus comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusSource {
    /// A folder named by `--corpus` or `GUIZE_CORPUS`.
    Given(PathBuf),
    /// `./corpus` of the current folder.
    Found(PathBuf),
    /// The five work rules built into the binary ([`crate::builtin`]).
    BuiltIn,
}

/// Why the index lives where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexPlace {
    /// `--index` or `GUIZE_INDEX`.
    Given,
    /// `index/` beside the `corpus/` of a guize source checkout.
    Checkout,
    /// `.guize/index` inside the corpus folder.
    InCorpus,
    /// The user's cache folder, keyed by the corpus folder's canonical path (the corpus folder
    /// cannot be written to).
    CacheByPath,
    /// The user's cache folder, keyed by the built-in corpus's content.
    CacheBuiltIn,
}

impl IndexPlace {
    /// The name used in `guize corpus --json`.
    pub fn key(self) -> &'static str {
        match self {
            IndexPlace::Given => "given",
            IndexPlace::Checkout => "checkout",
            IndexPlace::InCorpus => "corpus",
            IndexPlace::CacheByPath | IndexPlace::CacheBuiltIn => "cache",
        }
    }

    /// Why the index is there, for people.
    pub fn explain(self) -> &'static str {
        match self {
            IndexPlace::Given => "--index or GUIZE_INDEX",
            IndexPlace::Checkout => "the index/ folder of the source checkout",
            IndexPlace::InCorpus => "inside the corpus folder",
            IndexPlace::CacheByPath => {
                "user cache, keyed by the corpus path (the corpus folder is not writable)"
            }
            IndexPlace::CacheBuiltIn => "user cache, keyed by the built-in corpus's content",
        }
    }
}

impl CorpusSource {
    /// The name used in `guize corpus --json`.
    pub fn key(&self) -> &'static str {
        match self {
            CorpusSource::Given(_) => "given",
            CorpusSource::Found(_) => "found",
            CorpusSource::BuiltIn => "built-in",
        }
    }

    /// Why this corpus, for people.
    pub fn explain(&self) -> &'static str {
        match self {
            CorpusSource::Given(_) => "--corpus or GUIZE_CORPUS",
            CorpusSource::Found(_) => "./corpus of the current folder",
            CorpusSource::BuiltIn => "built into guize: the five district work rules",
        }
    }
}

pub struct Ctx {
    /// The corpus folder; for the built-in corpus, [`crate::builtin::ROOT`] (no such folder).
    pub corpus_dir: PathBuf,
    pub index_dir: PathBuf,
    pub source: CorpusSource,
    pub index_place: IndexPlace,
    /// Colour on stdout: `--color`, else a terminal without NO_COLOR that is not `TERM=dumb` (a
    /// terminal that shows escape sequences as they are).
    pub color: bool,
    corpus: OnceLock<Corpus>,
    /// The whole-corpus alignment this process computed but could not store beside the index (a
    /// read-only index folder): kept, so that it is computed once per process.
    pub(super) unstored_alignment: OnceLock<crate::align::Alignment>,
    /// Print every load warning, however many (set by `guize corpus --warnings`).
    pub all_warnings: bool,
    /// Print the documents' own warnings (a document's trailing lines, its decoding) when loading,
    /// not only the corpus's (skipped files, the manifest): set for `guize corpus`. Other commands
    /// leave a document's warnings to `guize show` of that document, so that one document's
    /// oddity is not repeated on every command.
    pub doc_warnings: bool,
    /// The warnings said so far: the walk that checks an index and the corpus's load give the
    /// same ones (a fresh index, then an alignment to compute), and each is said once.
    said: std::sync::Mutex<std::collections::HashSet<String>>,
}

/// Beyond this many load warnings, only their count is printed.
const MAX_WARNINGS_SHOWN: usize = 5;

impl Ctx {
    pub fn new(cli: &Cli) -> Ctx {
        let source = match Cli::folder(&cli.corpus) {
            Some(dir) => CorpusSource::Given(dir.clone()),
            None if Path::new("corpus").is_dir() => CorpusSource::Found(PathBuf::from("corpus")),
            None => CorpusSource::BuiltIn,
        };
        let corpus_dir = match &source {
            CorpusSource::Given(dir) | CorpusSource::Found(dir) => dir.clone(),
            CorpusSource::BuiltIn => PathBuf::from(crate::builtin::ROOT),
        };
        let (index_dir, index_place) = match Cli::folder(&cli.index) {
            Some(dir) => (dir.clone(), IndexPlace::Given),
            None => index_location(&source, &user_cache_dir()),
        };
        let color = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
                    && std::io::stdout().is_terminal()
            }
        };
        Ctx {
            corpus_dir,
            index_dir,
            source,
            index_place,
            color,
            corpus: OnceLock::new(),
            unstored_alignment: OnceLock::new(),
            all_warnings: false,
            doc_warnings: false,
            said: Default::default(),
        }
    }

    /// The corpus, loaded on first use; its warnings go to stderr once.
    pub fn corpus(&self) -> Result<&Corpus> {
        if let Some(c) = self.corpus.get() {
            return Ok(c);
        }
        let corpus = match self.source {
            CorpusSource::BuiltIn => crate::builtin::load(),
            _ => Corpus::load(&self.corpus_dir),
        }
        .with_context(|| format!("cannot load corpus {}", self.corpus_dir.display()))?;
        let warnings: Vec<_> = if self.doc_warnings {
            corpus.warnings().cloned().collect()
        } else {
            corpus.load_warnings.clone()
        };
        self.print_warnings(&warnings);
        if corpus.docs.is_empty() {
            anyhow::bail!(
                "the corpus {} has no documents: no {} file in it has articles{}",
                self.corpus_dir.display(),
                crate::extract::Format::read_list(),
                if warnings.is_empty() {
                    ""
                } else {
                    " (see the warnings above)"
                }
            );
        }
        Ok(self.corpus.get_or_init(|| corpus))
    }

    /// True once the corpus has been loaded (and its warnings printed).
    pub fn corpus_loaded(&self) -> bool {
        self.corpus.get().is_some()
    }

    /// Load warnings on stderr: a few as they are; many (a large corpus) as a count, so that they
    /// do not bury the output. `guize corpus --warnings` always lists them all.
    pub fn print_warnings(&self, warnings: &[crate::model::Warning]) {
        let warnings: Vec<&crate::model::Warning> = match self.said.lock() {
            Ok(mut said) => warnings
                .iter()
                .filter(|w| said.insert(w.to_string()))
                .collect(),
            Err(_) => warnings.iter().collect(),
        };
        if warnings.is_empty() {
            return;
        }
        if warnings.len() <= MAX_WARNINGS_SHOWN || self.all_warnings {
            for w in warnings {
                note(format_args!("warning: {w}"));
            }
        } else {
            // The command that lists them names the corpus given (`--corpus DIR` on this
            // command line is not there for the next one).
            let corpus = match &self.source {
                CorpusSource::Given(dir) => {
                    format!("--corpus {} ", shell_word(&dir.to_string_lossy()))
                }
                _ => String::new(),
            };
            note(format_args!(
                "{} warnings while loading the corpus (`guize {corpus}corpus --warnings` lists them)",
                warnings.len()
            ));
        }
    }
}

impl Ctx {
    /// The documents named by `queries` (ids or aliases), in the order given; all when empty.
    pub fn docs(&self, queries: &[String]) -> Result<Vec<&Regulation>> {
        let corpus = self.corpus()?;
        if queries.is_empty() {
            return Ok(corpus.docs.iter().collect());
        }
        // `--doc lixia --doc 历下` names one document once.
        let mut docs: Vec<&Regulation> = Vec::new();
        for q in queries {
            let d = corpus.doc(q)?;
            if !docs.iter().any(|x| x.id == d.id) {
                docs.push(d);
            }
        }
        Ok(docs)
    }
}

impl Ctx {
    /// Best effort, before an index is built in a folder guize chose: `.guize/` inside a corpus
    /// gets a `.gitignore` (a corpus under version control does not see it), and a cache folder
    /// a note naming its corpus (so that a person can tell the cache folders apart). The
    /// built-in corpus's index folders of other builds of guize that nobody uses are removed
    /// ([`remove_stale_builtin`]).
    pub fn prepare_index_dir(&self) {
        let Some(parent) = self.index_dir.parent() else {
            return;
        };
        if self.index_place == IndexPlace::CacheBuiltIn
            && let (Some(cache), Some(own)) = (parent.parent(), parent.file_name())
        {
            remove_stale_builtin(cache, &own.to_string_lossy());
        }
        let (name, text) = match self.index_place {
            IndexPlace::InCorpus => (".gitignore", "*\n".to_string()),
            IndexPlace::CacheByPath => (
                "corpus.txt",
                format!("{}\n", canonical(&self.corpus_dir).display()),
            ),
            IndexPlace::CacheBuiltIn => ("corpus.txt", format!("{}\n", crate::builtin::ROOT)),
            IndexPlace::Given | IndexPlace::Checkout => return,
        };
        let path = parent.join(name);
        if !path.exists() && std::fs::create_dir_all(parent).is_ok() {
            let _ = std::fs::write(path, text);
        }
    }
}

/// Removes the built-in corpus's index folders that other builds of guize made in `cache`
/// (`builtin-<hash>` of other files than this binary's, named by [`index_location`]) and that no
/// guize process is using; `keep`, this binary's, stays. Each is taken out of sight by one rename
/// (to `.stale-builtin-…`) while its lock is held, so that a process arriving later finds either
/// the whole folder or none, never half of one, then deleted; a `.stale-builtin-…` an earlier
/// removal left (a crash) is deleted too. A folder whose lock another process holds is left for
/// a later run. Best effort; returns how many folders were removed.
pub fn remove_stale_builtin(cache: &Path, keep: &str) -> usize {
    let Ok(entries) = std::fs::read_dir(cache) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        // Never a link, never a name guize does not make.
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        if let Some(rest) = name.strip_prefix(".stale-")
            && is_builtin_name(rest.rsplit_once('-').map_or("", |(key, _)| key))
        {
            if std::fs::remove_dir_all(entry.path()).is_ok() {
                removed += 1;
            }
            continue;
        }
        if name == keep || !is_builtin_name(name) {
            continue;
        }
        let Some(lock) = crate::index::lock_if_idle(&entry.path().join("index")) else {
            continue;
        };
        let aside = cache.join(format!(".stale-{name}-{}", std::process::id()));
        let moved = std::fs::rename(entry.path(), &aside).is_ok();
        drop(lock);
        if moved && std::fs::remove_dir_all(&aside).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// `builtin-` and the 16 hex digits of [`crate::builtin::content_hash`].
fn is_builtin_name(name: &str) -> bool {
    name.strip_prefix("builtin-")
        .is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The index folder of a corpus when none is given, and why it is there:
/// - the built-in corpus: `CACHE/builtin-<content hash>/index`;
/// - the `corpus/` folder of a guize source checkout (its parent holds `index/` and the
///   `Cargo.toml` of package guize): that `index/`, as always;
/// - any other folder: `.guize/index` inside it when it can be written to, else
///   `CACHE/corpus-<hash of its canonical path>/index`.
///
/// So two corpora never share an index, and switching between them never rebuilds one.
pub fn index_location(source: &CorpusSource, cache: &Path) -> (PathBuf, IndexPlace) {
    let dir = match source {
        CorpusSource::BuiltIn => {
            let key = format!("builtin-{}", crate::builtin::content_hash());
            return (cache.join(key).join("index"), IndexPlace::CacheBuiltIn);
        }
        CorpusSource::Given(dir) | CorpusSource::Found(dir) => dir,
    };
    if let Some(index) = checkout_index(dir) {
        return (index, IndexPlace::Checkout);
    }
    if writable(dir) {
        return (dir.join(".guize").join("index"), IndexPlace::InCorpus);
    }
    let path = canonical(dir);
    let hash = blake3::hash(path.as_os_str().as_encoded_bytes()).to_hex();
    let key = format!("corpus-{}", &hash[..16]);
    (cache.join(key).join("index"), IndexPlace::CacheByPath)
}

/// `index/` beside `dir` when `dir` is the `corpus/` folder of a guize source checkout.
fn checkout_index(dir: &Path) -> Option<PathBuf> {
    let real = dir.canonicalize().ok()?;
    if real.file_name()? != "corpus" {
        return None;
    }
    let parent = real.parent()?;
    let manifest = std::fs::read_to_string(parent.join("Cargo.toml")).ok()?;
    let is_guize = manifest.lines().any(|l| l.trim() == r#"name = "guize""#);
    if !is_guize || !parent.join("index").is_dir() {
        return None;
    }
    // Keep the path as the user wrote it (`index`, not `/home/…/index`) when it names `corpus`.
    let base = if dir.file_name().is_some_and(|n| n == "corpus") {
        dir
    } else {
        &real
    };
    Some(base.parent().unwrap_or(Path::new("")).join("index"))
}

/// True when guize may keep its index inside the corpus folder `dir`: `.guize/` there is writable,
/// or does not exist and `dir` is writable. A folder whose mode gives nobody write permission
/// (0555, a read-only data folder) counts as read-only even for root, whom the system lets write
/// anyway; otherwise an unnamed temporary file, which leaves nothing behind, is the probe.
fn writable(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let own = dir.join(".guize");
    let probe = if own.exists() { own } else { dir.to_path_buf() };
    let meant_writable =
        std::fs::metadata(&probe).is_ok_and(|m| m.is_dir() && m.permissions().mode() & 0o222 != 0);
    meant_writable && tempfile::tempfile_in(&probe).is_ok()
}

/// `path` made absolute with links resolved, or as it is when it does not exist.
pub fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// The user's cache folder for guize: `$XDG_CACHE_HOME/guize`, else the platform's (`~/.cache`,
/// `~/Library/Caches`, `%LOCALAPPDATA%`); when that cannot hold a file (no `HOME`, a read-only
/// one, `XDG_CACHE_HOME` naming a file), a folder of the user's own in the temporary folder, so
/// that a search of the built-in corpus works wherever guize runs.
pub fn user_cache_dir() -> PathBuf {
    match preferred_cache_dir() {
        Some(dir) if can_hold(&dir) => dir,
        _ => private_temp_dir(),
    }
}

/// Whether a folder can be made at `dir` (or is there) and can take a file: its nearest existing
/// ancestor is a folder a file can be created in.
fn can_hold(dir: &Path) -> bool {
    dir.ancestors()
        .find(|p| p.symlink_metadata().is_ok())
        .is_some_and(|existing| existing.is_dir() && tempfile::tempfile_in(existing).is_ok())
}

/// `$TMPDIR/guize-UID`: the temporary folder is shared by every user, so each gets a folder of
/// their own (another user's index there could not be rebuilt, and should not be trusted); when
/// that name is taken by a folder of someone else, one for this process alone.
fn private_temp_dir() -> PathBuf {
    use std::os::unix::fs::MetadataExt;
    let tmp = std::env::temp_dir();
    // The owner of this process's own /proc entry is its user (Linux); else the login name.
    let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).ok();
    let user = match uid {
        Some(uid) => uid.to_string(),
        None => std::env::var("USER").unwrap_or_default(),
    };
    let dir = tmp.join(format!("guize-{user}"));
    match (std::fs::symlink_metadata(&dir), uid) {
        (Ok(m), Some(uid)) if !m.is_dir() || m.uid() != uid => {
            tmp.join(format!("guize-{user}-{}", std::process::id()))
        }
        _ => dir,
    }
}

/// The cache folder the environment names, before checking that it can be used.
fn preferred_cache_dir() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let base = var("XDG_CACHE_HOME").or_else(|| {
        if cfg!(windows) {
            var("LOCALAPPDATA")
        } else if cfg!(target_os = "macos") {
            var("HOME").map(|h| h.join("Library").join("Caches"))
        } else {
            var("HOME").map(|h| h.join(".cache"))
        }
    });
    base.map(|b| b.join("guize"))
}

/// `word` as one word of a shell command line: as it is when it holds only characters no shell
/// reads specially, else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| !c.is_ascii() || c.is_ascii_alphanumeric() || "/._-+,:@%=".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checkout_keeps_its_index_folder() {
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
        let cache = Path::new("/nonexistent-cache");
        let (dir, place) = index_location(&CorpusSource::Given(checkout.join("corpus")), cache);
        assert_eq!(place, IndexPlace::Checkout);
        assert_eq!(dir, checkout.join("index"));
        let (dir, place) = index_location(&CorpusSource::Given(checkout.join("corpus/.")), cache);
        assert_eq!(place, IndexPlace::Checkout);
        assert_eq!(
            dir.canonicalize().ok(),
            checkout.join("index").canonicalize().ok()
        );
    }

    #[test]
    fn other_corpora_keep_their_index_inside() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (a, b) = (tmp.path().join("a"), tmp.path().join("corpus"));
        for d in [&a, &b] {
            std::fs::create_dir(d).expect("mkdir");
        }
        // A folder named corpus without the checkout around it is an ordinary corpus.
        std::fs::create_dir(tmp.path().join("index")).expect("mkdir");
        let cache = tmp.path().join("cache");
        let (ia, pa) = index_location(&CorpusSource::Given(a.clone()), &cache);
        let (ib, pb) = index_location(&CorpusSource::Found(b.clone()), &cache);
        assert_eq!((pa, pb), (IndexPlace::InCorpus, IndexPlace::InCorpus));
        assert_eq!(ia, a.join(".guize/index"));
        assert_eq!(ib, b.join(".guize/index"));
        // The probe leaves nothing behind.
        assert_eq!(std::fs::read_dir(&a).expect("read").count(), 0);
    }

    #[test]
    fn a_read_only_folder_keeps_no_index_even_for_root() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().expect("temp dir");
        let corpus = tmp.path().join("data");
        std::fs::create_dir(&corpus).expect("mkdir");
        std::fs::set_permissions(&corpus, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        let (index, place) = index_location(
            &CorpusSource::Given(corpus.clone()),
            &tmp.path().join("cache"),
        );
        std::fs::set_permissions(&corpus, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        assert_eq!(place, IndexPlace::CacheByPath, "{}", index.display());
        assert!(!index.starts_with(&corpus));
    }

    #[test]
    fn unwritable_corpora_and_the_built_in_one_go_to_the_cache() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let cache = tmp.path().join("cache");
        // `.guize` is a file here, so nothing can be kept inside the corpus (this also holds
        // for root, who can write into any folder).
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        for d in [&a, &b] {
            std::fs::create_dir(d).expect("mkdir");
            std::fs::write(d.join(".guize"), "").expect("write");
        }
        let (ia, pa) = index_location(&CorpusSource::Given(a.clone()), &cache);
        let (ib, _) = index_location(&CorpusSource::Given(b.clone()), &cache);
        assert_eq!(pa, IndexPlace::CacheByPath);
        assert!(ia.starts_with(&cache), "{}", ia.display());
        assert_ne!(ia, ib, "two corpora, two indexes");
        // The same corpus named another way is the same index.
        let (ia2, _) = index_location(&CorpusSource::Given(a.join(".")), &cache);
        assert_eq!(ia, ia2);
        let (built_in, place) = index_location(&CorpusSource::BuiltIn, &cache);
        assert_eq!(place, IndexPlace::CacheBuiltIn);
        assert!(built_in.starts_with(&cache) && built_in != ia);
    }
}
