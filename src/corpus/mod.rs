//! Finds the documents under a corpus root, reads and decodes them, loads their manifest metadata
//! and parses each into a [`Regulation`]. One bad document is a warning, never the end of the load.

mod discover;
mod manifest;
pub mod names;

pub use discover::{
    FileStat, Found, MAX_FILE_BYTES, SourceFile, Walk, doc_id, is_link_loop, read_regular,
    rel_path_under, walk,
};
pub use manifest::MANIFEST;
pub use names::{DocNames, Named};

use crate::error::{Error, Result};
use crate::model::{Article, DocId, DocMeta, Regulation, Warning};
use crate::parse::{self, SourceKind};
use manifest::Manifest;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// All documents of one corpus root, in a stable order (manifest order, then path order).
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The folder the documents were found under (`(built-in)` for the built-in corpus).
    pub root: PathBuf,
    /// The parsed documents.
    pub docs: Vec<Regulation>,
    /// Warnings about the corpus as a whole (unreadable files, manifest problems).
    pub load_warnings: Vec<Warning>,
    /// Every file read (documents and manifest, skipped ones too), by relative path: what the
    /// index fingerprint is taken from, so that it describes the bytes that were parsed.
    pub sources: Vec<SourceFile>,
}

/// One file's outcome: a parsed document, or only warnings; and the file as read.
struct Loaded {
    doc: Option<Regulation>,
    warnings: Vec<Warning>,
    source: SourceFile,
}

impl Corpus {
    /// `path` as the corpus folder names it (`lixia.txt`, `DLC/x.md`): relative to
    /// [`Corpus::root`], only the file name for a path elsewhere; what a web client may see of
    /// the server's files.
    pub fn inside<'p>(&self, path: &'p Path) -> &'p Path {
        path.strip_prefix(&self.root)
            .ok()
            .filter(|p| !p.as_os_str().is_empty())
            .or_else(|| path.file_name().map(Path::new))
            .unwrap_or(Path::new(""))
    }

    /// Loads every document file under `root` (recursively, hidden entries skipped); see
    /// [`crate::extract::Format`] for the formats.
    pub fn load(root: &Path) -> Result<Corpus> {
        Corpus::load_where(root, |_| true)
    }

    /// [`Corpus::load`] of only the documents whose id `keep` accepts (the others are not read),
    /// for a command that needs a few documents of a large corpus. The manifest is still checked.
    pub fn load_where(root: &Path, keep: impl Fn(&DocId) -> bool + Sync) -> Result<Corpus> {
        match std::fs::metadata(root) {
            // A pipe or a device is no file to put in a folder.
            Ok(m) if !m.is_dir() && !m.is_file() => {
                return Err(Error::CorpusNotFolder {
                    path: root.to_path_buf(),
                });
            }
            Ok(m) if !m.is_dir() => {
                return Err(Error::CorpusIsFile {
                    path: root.to_path_buf(),
                });
            }
            // A link loop (or a folder one may not enter) is said of the corpus itself, not of
            // the manifest.json read first inside it.
            Err(source) if source.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::Io {
                    path: root.to_path_buf(),
                    source,
                });
            }
            _ => {}
        }
        let (manifest, manifest_source, manifest_warning) = Manifest::read(root)?;
        let Walk {
            files,
            warnings: mut load_warnings,
            same_id,
        } = walk(root)?;
        load_warnings.splice(0..0, manifest_warning);
        // Each id with its files, the preferred first: the first that reads is the document.
        let mut candidates: Vec<(DocId, Vec<Found>)> = files
            .into_iter()
            .map(|f| (doc_id(root, &f.path), vec![f]))
            .collect();
        for (f, kept) in same_id {
            if let Some((_, group)) = candidates.iter_mut().find(|(_, g)| g[0].path == kept) {
                group.push(f);
            }
        }
        let named = candidates.len();
        candidates.retain(|(id, _)| keep(id));
        let partial = candidates.len() < named;
        let loaded: Vec<Loaded> = candidates
            .into_par_iter()
            .flat_map_iter(|(id, group)| load_first_readable(group, id, &manifest))
            .collect();
        let mut corpus = Corpus::assemble(root, &manifest, loaded, load_warnings, partial);
        corpus.sources.extend(manifest_source);
        corpus.sources.sort_by(|a, b| a.rel.cmp(&b.rel));
        Ok(corpus)
    }

    /// Loads a corpus held in memory (the one built into the binary): `files` are paths relative to
    /// `root` with their bytes; `root` only names the documents in citations and warnings. The
    /// manifest is the file named [`MANIFEST`]; `.txt` and `.md` files are documents, as on disk,
    /// and [`crate::index::fingerprint_of`] of its sources is the one the same files have on disk.
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
        // The first document of each file's bytes: a second file of the same bytes (one law
        // filed under two folders, a download saved twice) is one regulation read twice.
        let mut first_of: std::collections::HashMap<String, (String, DocId)> = Default::default();
        // The first document of each title and text: two files of other bytes that read the
        // same (a PDF and the .txt copied out of it) are one regulation read twice too.
        let mut first_text: std::collections::HashMap<blake3::Hash, (String, DocId)> =
            Default::default();
        for l in loaded {
            let mut same_bytes = false;
            if let (Some(d), Some(hash)) = (&l.doc, &l.source.hash) {
                match first_of.get(hash) {
                    Some((rel, id)) => {
                        same_bytes = true;
                        load_warnings.push(Warning {
                            path: root.join(&l.source.rel),
                            line: 0,
                            message: format!(
                                "the same bytes as {rel}: one regulation read twice (as {id} and \
                                 {}), so it comes twice in searches and groups; remove one copy",
                                d.id
                            ),
                        })
                    }
                    None => {
                        first_of.insert(hash.clone(), (l.source.rel.clone(), d.id.clone()));
                    }
                }
            }
            if let Some(d) = l
                .doc
                .as_ref()
                .filter(|d| !same_bytes && !d.articles.is_empty())
            {
                let key = title_and_text(d);
                match first_text.get(&key) {
                    Some((rel, id)) => load_warnings.push(Warning {
                        path: root.join(&l.source.rel),
                        line: 0,
                        message: format!(
                            "the same title and text as {rel}, in another file: one regulation \
                             read twice (as {id} and {}), so it comes twice in searches and \
                             groups; remove one copy",
                            d.id
                        ),
                    }),
                    None => {
                        first_text.insert(key, (l.source.rel.clone(), d.id.clone()));
                    }
                }
            }
            sources.push(l.source);
            match l.doc {
                Some(mut d) => {
                    d.warnings.splice(0..0, l.warnings);
                    if let Some(amended) = crate::text::name::amends(&d.meta.title) {
                        d.warnings.push(Warning {
                            path: d.path.clone(),
                            line: 0,
                            message: format!(
                                "an amendment decision of 《{amended}》, not a regulation: its \
                                 items are read as articles and aligned apart from the \
                                 regulations; `guize versions OLD NEW` compares two editions"
                            ),
                        });
                    }
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
        names::tell_apart(&mut docs);
        Corpus {
            root: root.to_path_buf(),
            docs,
            load_warnings,
            sources,
        }
    }

    /// Every warning: the corpus's own, then each document's.
    pub fn warnings(&self) -> impl Iterator<Item = &Warning> {
        self.load_warnings
            .iter()
            .chain(self.docs.iter().flat_map(|d| d.warnings.iter()))
    }

    /// Finds a document by id, alias, district or title, or a prefix of one of them that names
    /// one document ([`names::resolve`]: 历下, 历下区, lixia); the error lists the closest ones,
    /// or the candidates when the name fits several.
    /// Invisible characters pasted with the name (a zero-width space) are dropped first.
    pub fn doc(&self, query: &str) -> Result<&Regulation> {
        names::lookup(&self.docs, query)
    }

    /// Document ids closest to `query` first (matching ids and aliases), for error messages.
    pub fn closest_docs(&self, query: &str, limit: usize) -> String {
        names::closest_list(&self.docs, query, limit)
    }
}

/// What two files of one regulation share whatever their format: its title and its articles'
/// normalised text (labels and all), hashed.
fn title_and_text(doc: &Regulation) -> blake3::Hash {
    let mut h = blake3::Hasher::new();
    h.update(doc.meta.title.as_bytes());
    for a in &doc.articles {
        h.update(b"\n");
        h.update(a.label().as_bytes());
        h.update(b"\x1f");
        h.update(a.norm.as_bytes());
    }
    h.finalize()
}

/// `第三条第二款` → `第三条`; `第三十七条第一款第一项`, `第五条（二）` → the article; anything else
/// as it is. Only the paragraph (款), item (项) and point (目) references after 条 are dropped.
fn without_subdivision(query: &str) -> std::borrow::Cow<'_, str> {
    let Some(end) = query.find('条').map(|i| i + '条'.len_utf8()) else {
        return query.into();
    };
    let (article, mut rest) = query.split_at(end);
    let mut article = article.to_string();
    // 第十七条之一第二款: the inserted article's number stays.
    if let Some(r) = rest.strip_prefix('之') {
        let n = r
            .char_indices()
            .find(|&(_, c)| !crate::text::numeral::is_numeral_char(c))
            .map_or(r.len(), |(i, _)| i);
        article.push('之');
        article.push_str(&r[..n]);
        rest = &r[n..];
    }
    let mut dropped = false;
    loop {
        let piece = rest
            .strip_prefix('第')
            .map(|r| (r, &['款', '项', '目'][..]))
            .or_else(|| rest.strip_prefix('（').map(|r| (r, &['）'][..])))
            .and_then(|(r, closers)| {
                let n = r
                    .char_indices()
                    .find(|&(_, c)| !crate::text::numeral::is_numeral_char(c))
                    .map_or(r.len(), |(i, _)| i);
                (n > 0).then_some(())?;
                r[n..].strip_prefix(closers)
            });
        match piece {
            Some(r) => {
                rest = r;
                dropped = true;
            }
            None => break,
        }
    }
    if dropped && rest.is_empty() {
        article.into()
    } else {
        query.into()
    }
}

impl Regulation {
    /// Finds an article as a user types it: 39, 第三十九条, 三十九, 第39条, 17之一. The error lists
    /// the nearest numbers first and the document's range.
    /// A chapter (第八章) or a range (39-40) is not an article: the error says what it holds or
    /// how to ask.
    pub fn find_article(&self, query: &str) -> Result<&Article> {
        let query = crate::text::fold::drop_invisible(query);
        let query = query.trim();
        // 第二條 as 第二条; `第一条#2` is the second article numbered 第一条 (a repeated number).
        let folded = crate::text::fold::fold_han(query);
        // 第三条第二款, 第三十七条第一款第一项 (a cross reference as the texts write it): the article.
        let folded = without_subdivision(&folded);
        let (article, occurrence) =
            crate::cite::split_occurrence(&folded).ok_or_else(|| self.not_an_article(query))?;
        let (number, sub) = crate::text::numeral::parse_article_ref(article)
            .ok_or_else(|| self.not_an_article(query))?;
        // 之一 is the first article inserted after 第十七条; 之零 is none (not 第十七条 itself).
        if sub == 0 && query.contains('之') {
            return Err(self.unknown_article(query, Some(number)));
        }
        self.articles
            .iter()
            .filter(|a| a.number == number && a.sub == sub)
            .nth(occurrence as usize - 1)
            .ok_or_else(|| self.unknown_article(query, Some(number)))
    }

    /// The error for a query that reads as no article number: a chapter it names, with that
    /// chapter's articles; a range; or anything else, with the forms an article takes.
    fn not_an_article(&self, query: &str) -> Error {
        let forms = "an article is written 39, 第三十九条, 三十九 or 17之一 (1#2: the second article numbered 1)";
        let range = |a: &Article, b: &Article| {
            if a.number == b.number && a.sub == b.sub {
                a.label()
            } else {
                format!("{}–{}", a.label(), b.label())
            }
        };
        let compact = crate::text::fold::squeeze(&crate::text::fold::fold_str(query));
        let chapter = compact
            .strip_prefix('第')
            .and_then(|c| c.split_once('章'))
            .and_then(|(n, _)| crate::text::numeral::parse_number(n));
        let known = if let Some(n) = chapter {
            let id = self.id.as_str();
            match self.chapters.iter().find(|c| c.number == n) {
                Some(c) => {
                    let mut arts = c.articles.clone().filter_map(|i| self.articles.get(i));
                    match (arts.next(), arts.next_back()) {
                        (Some(first), last) => format!(
                            "'{query}' is a chapter: {} holds {}; show one article (guize show {id} {}) or the outline (guize show {id})",
                            c.label(),
                            range(first, last.unwrap_or(first)),
                            first.number
                        ),
                        (None, _) => format!("'{query}' is a chapter with no articles; {forms}"),
                    }
                }
                None => format!(
                    "'{query}' is a chapter, and {id} has {}; see them with guize show {id}",
                    match self.chapters.iter().filter(|c| c.number > 0).count() {
                        0 => "no chapters".to_string(),
                        k => format!("{k} chapters"),
                    }
                ),
            }
        } else if is_negative_number(&compact) {
            format!(
                "'{query}' is not a valid article number: articles are numbered from 1 up; {forms}"
            )
        } else if compact.contains([
            '-', '—', '–', '~', '～', '至', '到', ',', '，', '、', ':', '：',
        ]) && compact.chars().any(crate::text::numeral::is_numeral_char)
        {
            format!("a range or a list is not read; name one article at a time ({forms})")
        } else {
            let span = match self.lowest_and_highest() {
                (Some(a), Some(_)) if self.articles.len() == 1 => {
                    format!(" (its one article is {})", a.label())
                }
                (Some(a), Some(b)) => {
                    format!(" ({} articles: {})", self.articles.len(), range(a, b))
                }
                _ => " (the document has no articles)".to_string(),
            };
            format!("{forms}{span}")
        };
        Error::UnknownArticle {
            doc: self.id.to_string(),
            query: query.to_string(),
            known,
        }
    }

    /// The articles of the lowest and the highest number (a document out of order, 第1条 …
    /// 第5条, 第4条, runs to 第5条, not to its last article).
    fn lowest_and_highest(&self) -> (Option<&Article>, Option<&Article>) {
        let key = |a: &&Article| (a.number, a.sub);
        (
            self.articles.iter().min_by_key(key),
            self.articles.iter().max_by_key(key),
        )
    }

    fn unknown_article(&self, query: &str, number: Option<u32>) -> Error {
        let mut near: Vec<&Article> = self.articles.iter().collect();
        if let Some(n) = number {
            near.sort_by_key(|a| (a.number.abs_diff(n), a.number, a.sub));
        }
        let mut known: Vec<String> = near.iter().take(5).map(|a| a.label()).collect();
        match self.lowest_and_highest() {
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
            known: match self.articles.as_slice() {
                // A document of one article: that article, not "1 articles: 第一条–第一条".
                [one] => format!("its one article is {}", one.label()),
                _ => format!("closest: {}", known.join(", ")),
            },
        }
    }
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
            // Written as a typed name is read (`names::resolve`): without invisible characters
            // or outer blanks, a control character as its visible sign; an empty one names
            // nothing.
            let alias: String = crate::text::fold::drop_invisible(&alias)
                .trim()
                .chars()
                .map(discover::visible_control)
                .collect();
            let problem = if alias.is_empty() {
                Some("is empty".to_string())
            } else if alias != id && ids.contains(&alias) {
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

/// Loads the files that would get one id, the preferred first, until one gives a document: a bad
/// file (empty, damaged) says why it was skipped and the next is read. Files after the one loaded
/// are not parsed but still hashed (they are part of what the corpus is) and named in a warning.
fn load_first_readable(group: Vec<Found>, id: DocId, manifest: &Manifest) -> Vec<Loaded> {
    let mut out: Vec<Loaded> = Vec::with_capacity(group.len());
    let mut read: Option<PathBuf> = None;
    for f in group {
        match &read {
            None => {
                let l = load_file(&f, id.clone(), manifest);
                if l.doc.is_some() {
                    read = Some(f.path.clone());
                }
                out.push(l);
            }
            Some(kept) => {
                let hash = read_regular(&f.path).ok();
                out.push(Loaded {
                    doc: None,
                    warnings: vec![Warning {
                        path: f.path.clone(),
                        line: 0,
                        message: format!(
                            "same document id as {}, which is read; skipped (rename one to keep both)",
                            kept.display()
                        ),
                    }],
                    source: SourceFile::new(
                        f.rel.clone(),
                        hash.as_ref().map_or(f.stat, |(st, _)| *st),
                        hash.as_ref().map(|(_, b)| b.as_slice()),
                    ),
                });
            }
        }
    }
    out
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
    // A report or a comparison guize wrote (a DOCX one is known only from its package).
    if crate::extract::Format::of(path)
        .is_some_and(|f| crate::extract::generated::is_generated(f, bytes))
    {
        return Loaded {
            doc: None,
            warnings: Vec::new(),
            source,
        };
    }
    let (text, note, authored) = match crate::extract::extract(path, bytes) {
        Ok(d) => (d.text, d.note, d.authored),
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
    let mut doc = parse::parse(parse::Source {
        id,
        path,
        text: &text,
        kind: SourceKind::of_extracted(path, authored),
        meta,
    });
    // The city the manifest leaves empty, from the places the title opens with (上海市…条例 →
    // 上海市; 山东省济南市… → 济南市).
    if doc.meta.city.is_empty() {
        doc.meta.city = crate::text::place::title_city(&doc.meta.title);
    }
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
    let limit = crate::model::MAX_PARAGRAPHS_WEIGHED;
    for a in doc.articles.iter().filter(|a| a.paragraphs.len() > limit) {
        warnings.push(warn(
            a.lines.0,
            format!(
                "{} holds {} paragraphs, more than any real article (the longest of lawrefbook \
                 holds 68): alignment weighs its first {limit}",
                a.label(),
                a.paragraphs.len()
            ),
        ));
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

/// A number written with a leading minus sign (`-1`, `−3`, `－2`, `负一`): no article is numbered
/// so, and it is no range either (a range has a number before its dash). The number without its
/// sign must read as one.
fn is_negative_number(compact: &str) -> bool {
    compact
        .strip_prefix(['-', '−', '－', '‐', '–', '—'])
        .or_else(|| compact.strip_prefix('负'))
        .and_then(|rest| crate::text::numeral::parse_number(rest.trim()))
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::{is_negative_number, without_subdivision};

    #[test]
    fn a_minus_sign_before_a_number_is_no_range() {
        for q in ["-1", "−3", "－2", "负一", "-39"] {
            assert!(is_negative_number(q), "{q}");
        }
        for q in ["1-3", "-", "-x", "39", "第一条-第三条"] {
            assert!(!is_negative_number(q), "{q}");
        }
    }

    #[test]
    fn a_paragraph_or_item_reference_names_its_article() {
        assert_eq!(without_subdivision("第三条第二款"), "第三条");
        assert_eq!(without_subdivision("第三十七条第一款第一项"), "第三十七条");
        assert_eq!(without_subdivision("第五条（二）"), "第五条");
        assert_eq!(without_subdivision("第十七条之一第二款"), "第十七条之一");
        assert_eq!(without_subdivision("第三条"), "第三条");
        assert_eq!(without_subdivision("第三条规定"), "第三条规定");
        assert_eq!(without_subdivision("第三条第二章"), "第三条第二章");
        assert_eq!(without_subdivision("39"), "39");
    }
}
