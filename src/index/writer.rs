//! Writes one tantivy document per article into a fresh folder. Takes parsed regulations, returns
//! counts and sizes; never decides where the index lives nor swaps it in (see the parent module).

use super::index_err;
use super::schema::{self, Fields};
use crate::error::{Error, Result};
use crate::model::{Article, Regulation, SectionRef};
use crate::segment::Segmenter;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use tantivy::{Index, IndexWriter, TantivyDocument};

/// Where a build stands, for a progress bar: `done` of `total` documents written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Documents written so far.
    pub done: usize,
    /// Documents to write.
    pub total: usize,
}

/// What a build wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildStats {
    /// Documents indexed.
    pub docs: usize,
    /// Articles indexed.
    pub articles: usize,
    /// Bytes of article text indexed.
    pub text_bytes: usize,
    /// Bytes of the index on disk.
    pub index_bytes: u64,
}

/// Memory budget of one indexing thread (tantivy needs at least 15 MB). A large budget means few
/// segments, and no merging is done: merges rewrite every posting and would cost as much again as
/// indexing, while searching a handful of segments costs next to nothing more.
const HEAP_PER_THREAD: usize = 256 << 20;

/// Set by [`request_stop`]: a build under way stops at its next document.
static STOP: AtomicBool = AtomicBool::new(false);

/// Asks the index build under way (or the next one) to stop: it returns
/// [`Error::Interrupted`] at its next document, or after its commit, and its folder is removed
/// without being swapped in. Async-signal-safe (one atomic store), for a Ctrl-C handler.
pub fn request_stop() {
    STOP.store(true, Ordering::SeqCst);
}

/// Whether [`request_stop`] was called.
pub fn stop_requested() -> bool {
    STOP.load(Ordering::SeqCst)
}

/// [`Error::Interrupted`] once a stop is requested.
pub(super) fn check_stop() -> Result<()> {
    if stop_requested() {
        Err(Error::Interrupted)
    } else {
        Ok(())
    }
}

/// Builds the index of `docs` in the empty folder `dir`.
pub fn build(
    docs: &[Regulation],
    dir: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<BuildStats> {
    let (schema, fields) = schema::build();
    let fail = |what: &str, e: tantivy::TantivyError| index_err(dir, format!("{what}: {e}"));
    let index = Index::create_in_dir(dir, schema).map_err(|e| fail("cannot create", e))?;
    schema::register_tokenizers(&index, Segmenter::global());
    let articles: usize = docs.iter().map(|d| d.articles.len()).sum();
    // One thread per core for large corpora; a small one gets one segment from one thread.
    let threads = if articles < 2_000 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
    };
    let mut writer: IndexWriter = index
        .writer_with_num_threads(threads, threads * HEAP_PER_THREAD)
        .map_err(|e| fail("cannot open a writer", e))?;
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let mut text_bytes = 0;
    for (i, reg) in docs.iter().enumerate() {
        let places = chapter_places(reg);
        for (article, place) in reg.articles.iter().zip(places) {
            text_bytes += indexed_text(article).len();
            if let Err(e) = writer.add_document(document(&fields, reg, article, place)) {
                return Err(worker_error(&mut writer, e, &fail));
            }
        }
        progress(Progress {
            done: i + 1,
            total: docs.len(),
        });
        check_stop()?;
    }
    writer.commit().map_err(|e| fail("cannot write", e))?;
    check_stop()?;
    writer
        .wait_merging_threads()
        .map_err(|e| fail("cannot finish merging", e))?;
    Ok(BuildStats {
        docs: docs.len(),
        articles,
        text_bytes,
        index_bytes: folder_size(dir),
    })
}

/// The error to report when a document could not be added. tantivy's writer then only says that
/// its worker died ("An index writer was killed"); what killed it (a full disk, "File too large")
/// comes back when the workers are joined, which a commit does. Whether the worker dies before
/// the last document is queued or after is a matter of timing, so both paths must say the same.
fn worker_error(
    writer: &mut IndexWriter,
    e: tantivy::TantivyError,
    fail: &dyn Fn(&str, tantivy::TantivyError) -> Error,
) -> Error {
    match writer.commit() {
        Err(cause) => fail("cannot write", cause),
        Ok(_) => fail("cannot add a document", e),
    }
}

/// The text that is indexed and shown: the normalised form when the parser made one.
fn indexed_text(article: &Article) -> &str {
    if article.norm.is_empty() {
        &article.text
    } else {
        &article.norm
    }
}

/// Each article's chapter's place among the document's chapters, from 1 (0 for an article no
/// chapter holds), in the order of [`crate::index::IndexedDoc::chapters`].
fn chapter_places(reg: &Regulation) -> Vec<u64> {
    let mut places = vec![0; reg.articles.len()];
    for (place, c) in (1u64..).zip(&reg.chapters) {
        if let Some(slots) = places.get_mut(c.articles.clone()) {
            slots.fill(place);
        }
    }
    places
}

fn document(f: &Fields, reg: &Regulation, article: &Article, place: u64) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.doc, reg.id.as_str());
    doc.add_text(f.district, &reg.meta.district);
    doc.add_text(f.city, &reg.meta.city);
    doc.add_u64(f.chapter_number, u64::from(article.chapter.number));
    doc.add_u64(f.chapter_place, place);
    doc.add_text(f.chapter_title, &article.chapter.title);
    // The section's label (第一节 一般规定), as every other citation writes it.
    let section = article.section.as_ref().map(SectionRef::label);
    doc.add_text(f.section, section.as_deref().unwrap_or(""));
    let section_number = article.section.as_ref().map_or(0, |s| s.number);
    doc.add_u64(f.section_number, u64::from(section_number));
    for part in &article.chapter.parts {
        doc.add_text(f.parts, super::schema::part_value(part));
    }
    doc.add_u64(f.article, u64::from(article.number));
    doc.add_text(f.label, article.label());
    doc.add_u64(f.line_start, article.lines.0 as u64);
    doc.add_u64(f.line_end, article.lines.1 as u64);
    let text = indexed_text(article);
    doc.add_text(f.text, text);
    doc.add_text(f.bigrams, text);
    doc.add_text(f.written, &article.text);
    if crate::model::is_placeholder(article) {
        doc.add_text(f.kind, schema::DELETED_KIND);
    } else {
        for kind in crate::align::article_kinds(text) {
            doc.add_text(f.kind, &kind);
        }
    }
    doc
}

fn folder_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
