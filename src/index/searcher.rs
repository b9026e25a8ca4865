//! Answers queries against an open index: parses the query syntax, segments words with a
//! dictionary taken from the index's own vocabulary, ranks articles with BM25 and cuts highlighted
//! snippets. Returns format-neutral hits; never prints and never loads jieba's full dictionary.

use super::query::{
    DivisionAsked, Filter, division_asked, has_bigrams, is_stop_word, numeral_variant, parse_query,
};
use super::rank::{RankParams, asks_duties, kind_naming, piece_contexts, rerank};
use super::schema::{self, Fields};
use super::snippet::{Snippet, snippet};
use super::topics::{GroupTopic, Topics};
use super::{IndexMeta, IndexedDoc, index_err};
use crate::error::{Error, Result};
use crate::model::{ChapterRef, DocId};
use crate::segment::{self, Segmenter};
use crate::text::fold::fold_str;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::error::OpenReadError;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query as TantivyQuery, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Index, IndexReader, TantivyDocument, Term};

/// Weight of a word matched as an index term (jieba word or sub-word).
const W_WORD: f32 = 1.0;
/// Weight of a word matched as a run of character bigrams (exact substring).
const W_BIGRAMS: f32 = 0.3;
/// Weight of a word found in the chapter title.
const W_CHAPTER: f32 = 0.5;
/// A part of a compound query word (绩效 of 绩效考核): evidence, weaker than the whole.
const W_PART: f32 = 0.3;
/// An article of a standard type the query names (立法目的: 为了…制定本条例), whatever its
/// words: a constant score, about that of one query word matched.
const W_KIND: f32 = 1.0;

/// Query words, their parts, the share of the articles holding each and, for a run, the two
/// words it joins, after `glued`.
type Glued = (
    Vec<String>,
    Vec<Vec<String>>,
    Vec<f32>,
    Vec<Option<(String, String)>>,
);

/// A generation opened for reading. tantivy takes a lock file while it opens segments; on a
/// read-only file system that file cannot be made, and reading goes on without it (nothing can
/// build there either, and guize's own lock keeps builds away from readers).
#[derive(Debug, Clone)]
struct ReaderDir(tantivy::directory::MmapDirectory);

/// The shortest clause [`SearchIndex::verbatim`] looks for: shorter stretches (区政府, 原则上)
/// occur everywhere and say nothing about where a draft was copied from.
const VERBATIM_MIN_CHARS: usize = 6;

/// The most characters a search query may have: a longer text (a whole regulation pasted) is no
/// question, and only segmenting it would take seconds; `guize precedent` compares passages.
pub const MAX_QUERY_CHARS: usize = 20_000;

/// The most different words a search query may have. Every rare word of a query is also searched
/// through its neighbours in the word vectors (milliseconds each), so thousands of them (a page
/// of random characters: 5,000 took 22 s of CPU) would keep a search, or a server's worker, busy
/// for minutes. The longest article of the five has 207 different words.
pub const MAX_QUERY_WORDS: usize = 1_000;

/// The most query words widened by their neighbours, kin and associations (each a walk of the
/// word vectors or of the association table), in the query's order: a question has a few words
/// (every query of the search and topic golds is at most 16 characters), a pasted text hundreds, whose own words already find its
/// matches; widening every word of a thousand took seconds.
pub const MAX_WIDENED_WORDS: usize = 48;

/// Past this many query words, the association table is decoded once rather than each word's
/// associations read from its text (a scan of its 2 MB each).
const ASSOC_SCANNED_WORDS: usize = 32;

impl tantivy::Directory for ReaderDir {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> std::result::Result<std::sync::Arc<dyn tantivy::directory::FileHandle>, OpenReadError>
    {
        self.0.get_file_handle(path)
    }
    fn open_read(
        &self,
        path: &Path,
    ) -> std::result::Result<tantivy::directory::FileSlice, OpenReadError> {
        self.0.open_read(path)
    }
    fn delete(
        &self,
        path: &Path,
    ) -> std::result::Result<(), tantivy::directory::error::DeleteError> {
        self.0.delete(path)
    }
    fn exists(&self, path: &Path) -> std::result::Result<bool, OpenReadError> {
        self.0.exists(path)
    }
    fn open_write(
        &self,
        path: &Path,
    ) -> std::result::Result<tantivy::directory::WritePtr, tantivy::directory::error::OpenWriteError>
    {
        self.0.open_write(path)
    }
    fn atomic_read(&self, path: &Path) -> std::result::Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }
    fn watch(
        &self,
        callback: tantivy::directory::WatchCallback,
    ) -> tantivy::Result<tantivy::directory::WatchHandle> {
        self.0.watch(callback)
    }
    fn acquire_lock(
        &self,
        lock: &tantivy::directory::Lock,
    ) -> std::result::Result<tantivy::directory::DirectoryLock, tantivy::directory::error::LockError>
    {
        use tantivy::directory::error::LockError;
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
                ) =>
            {
                Ok(tantivy::directory::DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }
}

/// Scores relative to the best hit, raised to `power` (the best is 1): the scale of a reranked
/// search's BM25 part, for searches that are not reranked (quoted phrases only).
fn relative_scores(hits: &mut [Hit], power: f32) {
    let best = hits.iter().map(|h| h.score).fold(0.0f32, f32::max);
    if best <= 0.0 {
        return;
    }
    for h in hits.iter_mut() {
        h.score = (h.score / best).max(0.0).powf(power);
    }
}

/// One ranked article.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The document.
    pub doc: DocId,
    /// Its district (empty when the manifest gives none).
    pub district: String,
    /// Its title (empty when the index does not know the document).
    pub title: String,
    /// Its name told apart from another document of the same district or title (北京市优化营商环境条例
    /// (2020-03-27)); empty when no other document shares its name.
    #[serde(skip)]
    pub distinct_name: String,
    /// Its city (empty when the manifest gives none).
    pub city: String,
    /// The article's chapter.
    pub chapter: ChapterRef,
    /// Section label (第一节 一般规定), when the article sits in a 节.
    pub section: Option<String>,
    /// The article's number.
    pub article: u32,
    /// The 之一/之二 of an inserted article (第十七条之一 → 1), 0 for most: with `article` what
    /// tells 第十七条 and 第十七条之一 apart.
    pub sub: u32,
    /// Which of several articles of the document with this number and sub it is (1 for most;
    /// 2 for 第三条#2): with `article` and `sub` what names the article ([`Hit::key`]).
    pub occurrence: u32,
    /// The article as its document cites it: 第三十九条, 四十三、 ([`crate::cite`]).
    pub label: String,
    /// 1-based inclusive source lines.
    pub lines: (usize, usize),
    /// BM25 score after reranking (higher is better).
    pub score: f32,
    /// The article's text as indexed.
    pub text: String,
    /// The passage to show, with the query's words marked.
    pub snippet: Snippet,
    /// True for the article the query cites (`历下区 第八章 第三十九条`), put first whatever its
    /// words ([`crate::lookup::search_citing`]); its score is then 0.
    pub cited: bool,
    /// For an article that holds none of the query's words and joined the hits as a clause-group
    /// counterpart of a better hit (`RankParams::bridge`): that hit. Such an article is no match:
    /// `SearchReport::total` does not count it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<Via>,
}

/// The hit whose clause group brought a counterpart into the hits ([`Hit::via`]).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Via {
    /// Its document.
    pub doc: DocId,
    /// Its document as a reader names it (the district, else the title, else the id).
    pub name: String,
    /// Its article's number.
    pub article: u32,
    /// Its article as its document cites it (第九条).
    pub label: String,
}

impl Via {
    /// The hit as the one that brought a counterpart in.
    pub fn of(hit: &Hit) -> Via {
        let name = [&hit.district, &hit.distinct_name, &hit.title]
            .into_iter()
            .find(|n| !n.is_empty())
            .cloned()
            .unwrap_or_else(|| hit.doc.to_string());
        Via {
            doc: hit.doc.clone(),
            name,
            article: hit.article,
            label: hit.label.clone(),
        }
    }
}

impl Hit {
    /// The key that names the hit's article in its document (`3`, `17之一`, `3#2`).
    pub fn key(&self) -> crate::cite::ArticleKey {
        crate::cite::ArticleKey::with_occurrence(self.article, self.sub, self.occurrence)
    }
}

/// The result of one search, independent of how it is shown.
#[derive(Debug, Clone, Serialize)]
pub struct SearchReport {
    /// The query as typed.
    pub query: String,
    /// The words searched for after segmentation and stop-word removal, then the quoted phrases.
    pub words: Vec<String>,
    /// Number of articles the query's words match (hits holds at most the limit; a cited article
    /// first in `hits` need not be one of them, nor a counterpart that holds none of the words,
    /// [`Hit::via`]).
    pub total: usize,
    /// The best hits, best first (after the article the query cites, when it cites one).
    pub hits: Vec<Hit>,
}

/// Above this many term-dictionary lookups, [`SearchIndex::segmenter_for`] loads the whole
/// vocabulary instead (a few milliseconds of lookups; the whole vocabulary costs tens).
const MAX_TERM_LOOKUPS: usize = 20_000;

/// A dictionary entry no text holds: it carries the frequency of the terms a query lacks.
const VOCAB_FILLER: &str = "\u{10FFFF}\u{10FFFE}";

/// The segmenter of one query: shared (the whole vocabulary) or built for it.
pub enum QuerySegmenter<'a> {
    Shared(&'a Segmenter),
    Own(Box<Segmenter>),
}

impl std::ops::Deref for QuerySegmenter<'_> {
    type Target = Segmenter;
    fn deref(&self) -> &Segmenter {
        match self {
            QuerySegmenter::Shared(s) => s,
            QuerySegmenter::Own(s) => s,
        }
    }
}

/// An open index, ready for queries.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    meta: IndexMeta,
    path: PathBuf,
    /// Query segmenter over the index vocabulary, built on first query.
    segmenter: OnceLock<Segmenter>,
    /// Document frequency of each word-field term, read from the term dictionary on first query.
    vocabulary: OnceLock<HashMap<String, u32>>,
    /// The clause groups' topics stored beside the generation, looked for on first query.
    topics: OnceLock<Option<Topics>>,
}

impl SearchIndex {
    pub(crate) fn open(generation: &Path, meta: IndexMeta) -> Result<SearchIndex> {
        let fail = |e: tantivy::TantivyError| index_err(generation, format!("cannot open: {e}"));
        let dir = tantivy::directory::MmapDirectory::open(generation)
            .map_err(|e| index_err(generation, format!("cannot open: {e}")))?;
        let index = Index::open(ReaderDir(dir)).map_err(fail)?;
        // tantivy keeps a checksum in every file: a damaged byte means a rebuild, never a panic
        // or a silently different ranking.
        // Checked once per generation: while every file keeps the size, times and inode it had
        // when its checksum last held, it holds the same bytes (as for corpus files).
        if !super::cache::checksums_held(generation) {
            let damaged = index.validate_checksum().map_err(fail)?;
            if !damaged.is_empty() {
                let mut names: Vec<String> =
                    damaged.iter().map(|p| p.display().to_string()).collect();
                names.sort();
                return Err(index_err(
                    generation,
                    format!("damaged files (checksum mismatch): {}", names.join(", ")),
                ));
            }
            super::cache::record_checksums_held(generation);
        }
        let (schema, fields) = schema::build();
        if index.schema() != schema {
            return Err(index_err(generation, "built by another version of guize"));
        }
        // A generation never changes once built: no watcher on its meta.json. (One would reload
        // when a rebuild removes the folder, and its lock file, made during the removal, would
        // leave the folder half removed.)
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(fail)?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            meta,
            path: generation.to_path_buf(),
            segmenter: OnceLock::new(),
            vocabulary: OnceLock::new(),
            topics: OnceLock::new(),
        })
    }

    /// The generation folder this index was opened from.
    pub fn generation(&self) -> &Path {
        &self.path
    }

    /// What the index was built from.
    pub fn meta(&self) -> &IndexMeta {
        &self.meta
    }

    /// Number of articles in the index.
    pub fn num_articles(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Term → document frequency for the word field, summed over segments.
    fn vocabulary(&self) -> Result<&HashMap<String, u32>> {
        if let Some(v) = self.vocabulary.get() {
            return Ok(v);
        }
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let searcher = self.reader.searcher();
        let io = |e: std::io::Error| index_err(&self.path, format!("cannot read terms: {e}"));
        for segment in searcher.segment_readers() {
            let inverted = segment
                .inverted_index(self.fields.text)
                .map_err(|e| index_err(&self.path, format!("cannot read terms: {e}")))?;
            let mut stream = inverted.terms().stream().map_err(io)?;
            while stream.advance() {
                if let Ok(word) = std::str::from_utf8(stream.key()) {
                    *vocab.entry(word.to_string()).or_default() += stream.value().doc_freq;
                }
            }
        }
        Ok(self.vocabulary.get_or_init(|| vocab))
    }

    /// `(sum of max(1, document frequency), longest term in characters)` over the word field: what
    /// [`SearchIndex::segmenter_for`] needs, computed once when the index is built.
    pub(crate) fn vocabulary_stats(&self) -> Result<(u64, usize)> {
        let vocab = self.vocabulary()?;
        let total = vocab.values().map(|&df| u64::from(df.max(1))).sum();
        let longest = vocab.keys().map(|w| w.chars().count()).max().unwrap_or(0);
        Ok((total, longest))
    }

    /// A segmenter that cuts `text` exactly as [`SearchIndex::query_segmenter`] does, built from
    /// only the index terms that occur in `text` (looked up in tantivy's term dictionaries) plus
    /// one filler entry that makes the dictionary's total frequency that of the whole vocabulary.
    /// jieba's best route depends only on the dictionary words inside the text and on that total,
    /// so the cut is the same, at a cost that grows with the query instead of the vocabulary.
    /// Falls back to the whole-vocabulary segmenter for long texts and older indexes.
    pub fn segmenter_for(&self, text: &str) -> Result<QuerySegmenter<'_>> {
        let max = self.meta.vocab_max_chars;
        let chars = text.chars().count();
        let segments = self.reader.searcher().segment_readers().len().max(1);
        if self.meta.vocab_total == 0
            || chars.saturating_mul(max).saturating_mul(segments) > MAX_TERM_LOOKUPS
            || text.contains(VOCAB_FILLER)
        {
            return Ok(QuerySegmenter::Shared(self.query_segmenter()?));
        }
        let searcher = self.reader.searcher();
        let fail =
            |e: tantivy::TantivyError| index_err(&self.path, format!("cannot read terms: {e}"));
        let io = |e: std::io::Error| index_err(&self.path, format!("cannot read terms: {e}"));
        let mut dictionaries = Vec::new();
        for segment in searcher.segment_readers() {
            dictionaries.push(segment.inverted_index(self.fields.text).map_err(fail)?);
        }
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let mut found: HashMap<&str, usize> = HashMap::new();
        for i in 0..bounds.len() - 1 {
            for j in i + 1..bounds.len().min(i + 1 + max) {
                let word = &text[bounds[i]..bounds[j]];
                if found.contains_key(word) {
                    continue;
                }
                let mut df = 0usize;
                for d in &dictionaries {
                    if let Some(info) = d.terms().get(word.as_bytes()).map_err(io)? {
                        df += info.doc_freq as usize;
                    }
                }
                if df > 0 {
                    found.insert(word, df);
                }
            }
        }
        let subtotal: u64 = found.values().map(|&df| df.max(1) as u64).sum();
        let filler = self.meta.vocab_total.saturating_sub(subtotal) as usize;
        let words = found
            .into_iter()
            .chain((filler > 0).then_some((VOCAB_FILLER, filler)));
        Ok(QuerySegmenter::Own(Box::new(Segmenter::from_vocabulary(
            words,
        ))))
    }

    /// The segmenter for queries: jieba over this index's vocabulary only, so that a query is cut
    /// into words the index holds, at a fraction of the cost of loading the full dictionary.
    pub fn query_segmenter(&self) -> Result<&Segmenter> {
        if let Some(s) = self.segmenter.get() {
            return Ok(s);
        }
        let vocab = self.vocabulary()?;
        let seg =
            Segmenter::from_vocabulary(vocab.iter().map(|(w, &df)| (w.as_str(), df as usize)));
        Ok(self.segmenter.get_or_init(|| seg))
    }

    /// The words of `text` that a search looks for: segmented, lowercased, stop words dropped,
    /// duplicates removed, in order of first appearance.
    pub fn query_words(&self, text: &str) -> Result<Vec<String>> {
        let text = fold_str(text);
        let seg = self.segmenter_for(&text)?;
        let mut words: Vec<String> = Vec::new();
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for t in seg.words(&text) {
            let w = t.text.to_ascii_lowercase();
            if !is_stop_word(&w) && seen.insert(w.clone()) {
                words.push(w);
            }
        }
        Ok(words)
    }

    /// Searches with the query syntax of [`parse_query`]; BM25 ranking, at most `limit` hits.
    pub fn search(&self, raw: &str, filter: &Filter, limit: usize) -> Result<SearchReport> {
        self.search_with(raw, filter, limit, &RankParams::default())
    }

    /// [`SearchIndex::search`] with the second stage's weights given.
    pub fn search_with(
        &self,
        raw: &str,
        filter: &Filter,
        limit: usize,
        params: &RankParams,
    ) -> Result<SearchReport> {
        self.search_capturing(raw, filter, limit, params, None)
    }

    /// The first stage's pool for `raw` (at most `params.pool` hits, in BM25 order) with each
    /// hit's second-stage features as `params` computes them: a rig can then score any weights
    /// that leave the features alone (`RankParams::score`, a stable sort) without searching
    /// again. Empty for a search of quoted phrases only (it is not reranked).
    #[doc(hidden)]
    pub fn pool_features(
        &self,
        raw: &str,
        filter: &Filter,
        params: &RankParams,
    ) -> Result<Vec<(Hit, super::Features)>> {
        let mut captured = Vec::new();
        self.search_capturing(raw, filter, 1, params, Some(&mut captured))?;
        Ok(captured)
    }

    /// [`SearchIndex::search_with`], pushing each reranked hit with its features to `capture`.
    fn search_capturing(
        &self,
        raw: &str,
        filter: &Filter,
        limit: usize,
        params: &RankParams,
        capture: Option<&mut Vec<(Hit, super::Features)>>,
    ) -> Result<SearchReport> {
        let chars = raw.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(Error::QueryTooLong {
                size: format!("{chars} characters"),
                max: format!("{MAX_QUERY_CHARS} characters"),
            });
        }
        let q = parse_query(raw);
        if q.unclosed {
            return Err(Error::UnbalancedQuote {
                query: raw.to_string(),
            });
        }
        if let Some(word) = excluded_by_itself(&q) {
            return Err(Error::ExcludesWhatItAsks {
                query: raw.to_string(),
                word,
            });
        }
        let mut words = Vec::new();
        // The query's terms: each piece whose words, joined, are the piece (临时管理规约).
        let mut terms: Vec<String> = Vec::new();
        for chunk in &q.text {
            let own = self.query_words(chunk)?;
            let joined = own.concat();
            if !joined.is_empty() && joined == fold_str(chunk).to_ascii_lowercase().trim() {
                terms.push(joined);
            }
            for w in own {
                if !words.contains(&w) {
                    words.push(w);
                    if words.len() > MAX_QUERY_WORDS {
                        return Err(Error::QueryTooLong {
                            size: format!("more than {MAX_QUERY_WORDS} different words"),
                            max: format!("{MAX_QUERY_WORDS} words"),
                        });
                    }
                }
            }
        }
        if words.len() + q.phrases.len() > MAX_QUERY_WORDS {
            return Err(Error::QueryTooLong {
                size: format!("{} different words", words.len() + q.phrases.len()),
                max: format!("{MAX_QUERY_WORDS} words"),
            });
        }
        let mut phrases: Vec<String> = q
            .phrases
            .iter()
            .filter(|p| has_bigrams(p))
            .cloned()
            .collect();
        // Stop words alone (从其规定, an article's usual name): the words as a literal phrase,
        // when they are a phrase at all (one 的 is no search).
        if words.is_empty() && phrases.is_empty() {
            phrases = q
                .text
                .iter()
                .filter(|t| t.chars().count() >= 2 && has_bigrams(t))
                .cloned()
                .collect();
        }
        if words.is_empty() && phrases.is_empty() {
            return Err(Error::NothingToSearch {
                query: raw.to_string(),
            });
        }
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        let parts = self.sub_words(&words)?;
        // The query's pieces between spaces, folded as its words are, for the one-character
        // words cut from them (`RankParams::piece`).
        let chunks: Vec<String> = q
            .text
            .iter()
            .map(|c| fold_str(c).to_ascii_lowercase().trim().to_string())
            .collect();
        let first_contexts = if params.piece_first < 1.0 {
            piece_contexts(&words, &chunks)
        } else {
            Vec::new()
        };
        // The standard article types the query names (立法目的, 适用范围 …).
        let asked: String = q.text.concat();
        let kinds: Vec<String> = crate::align::kind_names()
            .iter()
            .filter(|k: &&String| asked.contains(String::as_str(k)))
            .cloned()
            .collect();
        // How many articles hold each word: for the expansion's limit and the rerank's rarity,
        // looked up once.
        let dfs: Vec<u64> = if params.expand > 0.0
            || params.assoc > 0.0
            || params.kin_share > 0.0
            || params.rarity != 0.0
            || params.coverage != 0.0
        {
            words
                .iter()
                .map(|w| self.term_df(w))
                .collect::<Result<_>>()?
        } else {
            Vec::new()
        };
        let neighbours = if params.expand > 0.0 {
            self.neighbours(&words, &dfs, params)?
        } else {
            Vec::new()
        };
        let kin = if params.expand > 0.0 {
            self.kin(&words, &dfs, params)?
        } else {
            Vec::new()
        };
        if !words.is_empty() {
            let mut should: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
            for (i, w) in words.iter().enumerate() {
                match first_contexts.get(i) {
                    // A character cut from a longer piece of the query: its own term weighs
                    // `piece_first`, the runs it forms there in the query a whole word's.
                    Some(runs) if !runs.is_empty() => {
                        if params.piece_first > 0.0 {
                            should.push((
                                Occur::Should,
                                Box::new(BoostQuery::new(self.word_query(w), params.piece_first)),
                            ));
                        }
                        for run in runs {
                            should.push((
                                Occur::Should,
                                Box::new(BoostQuery::new(self.bigram_query(run), W_WORD)),
                            ));
                        }
                    }
                    _ => should.push((Occur::Should, self.word_query(w))),
                }
            }
            // The parts of a compound the texts may say apart (绩效考核: 绩效管理, 考核评估).
            for p in parts.iter().flatten() {
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(self.word_query(p), W_PART)),
                ));
            }
            // Words the vectors put near a query word (收留 for 收容), weaker than the word.
            if params.expand > 0.0 {
                for (n, cos) in neighbours.iter().flatten() {
                    should.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(self.word_query(n), params.expand * cos)),
                    ));
                }
            }
            // A word's kin (漏失 for 漏损), as weak as a neighbour, unless one already.
            if params.expand > 0.0 {
                let near = |n: &String| neighbours.iter().flatten().any(|(m, _)| m == n);
                for (n, cos) in kin.iter().flatten().filter(|(n, _)| !near(n)) {
                    should.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(self.word_query(n), params.expand * cos)),
                    ));
                }
            }
            // Words the corpus's regulations put in a rare query word's place, weaker still.
            if params.assoc > 0.0 {
                for (n, weight) in self.associated(&words, &dfs, params)?.iter().flatten() {
                    should.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(self.word_query(n), params.assoc * weight)),
                    ));
                }
            }
            // The articles of a type the query names, which may share none of its words.
            for k in kinds.iter().filter(|_| params.kind > 0.0) {
                let term = TermQuery::new(
                    Term::from_field_text(self.fields.kind, k),
                    IndexRecordOption::Basic,
                );
                should.push((
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(Box::new(term), W_KIND)),
                ));
            }
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(should))));
        }
        for p in &phrases {
            clauses.push((Occur::Must, self.bigram_query(p)));
        }
        for ex in q.excluded.iter().filter(|e| has_bigrams(e)) {
            clauses.push((Occur::MustNot, self.bigram_query(ex)));
        }
        clauses.push(self.no_notes_of_deletion());
        if let Some(f) = self.filter_query(filter)? {
            clauses.push((Occur::Must, Box::new(BoostQuery::new(f, 0.0))));
        }
        let mut needles = words.clone();
        needles.extend(phrases.iter().cloned());
        let pool = if words.is_empty() {
            limit
        } else {
            limit.max(params.pool)
        };
        // The query's phrases, exclusions and filter, which a counterpart added by `bridge`
        // must pass too.
        let narrowing: Vec<(Occur, Box<dyn TantivyQuery>)> = if params.bridge > 0 {
            clauses
                .iter()
                .skip(usize::from(!words.is_empty()))
                .map(|(o, q)| (*o, q.box_clone()))
                .collect()
        } else {
            Vec::new()
        };
        let (mut total, mut hits) = self.run(&BooleanQuery::new(clauses), pool, Some(&needles))?;
        if !words.is_empty() && params.bridge > 0 {
            let more = self.bridged(&hits, params, narrowing, &needles)?;
            // When the pool holds every matching article, a counterpart that holds a word of
            // the query is one more match (`total` is never below the matches shown); one that
            // holds none is no match, marked by its `via`, and not counted. A larger match
            // count is left as it is: it is at least the limit, and a counterpart may be one of
            // the matches beyond the pool.
            if hits.len() == total {
                total += more.iter().filter(|h| h.via.is_none()).count();
            }
            hits.extend(more);
        }
        if !words.is_empty() {
            let groups = self.groups_of(&hits, params);
            let held = self.held_shares(&dfs, params);
            // A word no article says, itself or by its parts (a stray `AND`, a typing slip), is
            // left out of the rerank: it would weigh as the rarest word and lower every share.
            let said = self.said_words(&words, &parts)?;
            let keep = |i: usize| !said.iter().any(|&s| s) || said.get(i).copied().unwrap_or(true);
            let kept = |n: usize| (0..n).filter(move |&i| keep(i));
            let words: Vec<String> = kept(words.len()).map(|i| words[i].clone()).collect();
            let parts: Vec<Vec<String>> = kept(parts.len()).map(|i| parts[i].clone()).collect();
            let held: Vec<f32> = kept(held.len()).map(|i| held[i]).collect();
            let (words, parts, held, runs) = if params.glue > 0.0 && held.len() == words.len() {
                self.glued(&q.text, &kinds, words, parts, held, params)?
            } else {
                let runs = vec![None; words.len()];
                (words, parts, held, runs)
            };
            let terms: Vec<String> = terms
                .into_iter()
                .filter(|t| words.iter().any(|w| t.contains(w.as_str())))
                .collect();
            let heads = if params.list_head != 0.0 && params.list_head_named {
                self.list_heads(&words)?
            } else {
                Vec::new()
            };
            let contexts = if params.piece < 1.0 || params.piece_weight < 1.0 {
                piece_contexts(&words, &chunks)
            } else {
                Vec::new()
            };
            rerank(
                &mut hits, &words, &parts, &held, &runs, &kinds, &terms, &heads, &contexts, params,
                &groups, capture,
            );
        } else {
            // Quoted phrases only: no words to rerank by, yet the score keeps the scale of a
            // reranked search (the best hit's BM25 part is 1), not tantivy's raw BM25.
            relative_scores(&mut hits, params.bm25_power);
        }
        hits.truncate(limit);
        // The quoted phrases are searched for too, each as one word.
        for p in phrases {
            if !words.contains(&p) {
                words.push(p);
            }
        }
        Ok(SearchReport {
            query: raw.to_string(),
            words,
            total,
            hits,
        })
    }

    /// The stored group topics of this generation, when some were stored for this build (see
    /// [`super::topics`]); looked for once.
    pub fn topics(&self) -> Option<&Topics> {
        self.topics
            .get_or_init(|| Topics::open(&super::cache::Place::of(self)))
            .as_ref()
    }

    /// Uses `topics` (made from an alignment this process holds) instead of looking for them
    /// beside the generation; false when the index has looked already or been given some.
    pub fn use_topics(&self, topics: Topics) -> bool {
        self.topics.set(Some(topics)).is_ok()
    }

    /// The clause group of each hit, when the rerank uses groups and their topics are stored.
    fn groups_of(&self, hits: &[Hit], params: &RankParams) -> Vec<Option<Arc<GroupTopic>>> {
        let topics = if params.group != 0.0
            || params.label != 0.0
            || params.group_best != 0.0
            || params.group_hits != 0.0
        {
            self.topics()
        } else {
            None
        };
        let Some(topics) = topics else {
            return Vec::new();
        };
        let mut seen = HashMap::new();
        hits.iter()
            .map(|h| topics.group_of(h.doc.as_str(), h.article, &mut seen))
            .collect()
    }

    /// The clause-group counterparts of the first `RankParams::bridge` hits that the pool lacks
    /// (with `bridge_one`, only those whose document has no article of the group in the pool),
    /// as hits scoring 0, each passing `narrowing` (the query's phrases, exclusions and
    /// filter). None without stored group topics.
    fn bridged(
        &self,
        hits: &[Hit],
        params: &RankParams,
        narrowing: Vec<(Occur, Box<dyn TantivyQuery>)>,
        needles: &[String],
    ) -> Result<Vec<Hit>> {
        let Some(topics) = self.topics() else {
            return Ok(Vec::new());
        };
        let mut seen = HashMap::new();
        let have: std::collections::HashSet<(&str, u32)> =
            hits.iter().map(|h| (h.doc.as_str(), h.article)).collect();
        let mut wanted: Vec<(String, u32)> = Vec::new();
        // The hit whose group brought each wanted counterpart.
        let mut by: Vec<Via> = Vec::new();
        for h in hits.iter().take(params.bridge) {
            let Some(g) = topics.group_of(h.doc.as_str(), h.article, &mut seen) else {
                continue;
            };
            // The documents that have an article of the group in the pool.
            let present: Vec<&str> = g
                .members
                .iter()
                .filter(|(d, n, _)| have.contains(&(d.as_str(), *n)))
                .map(|(d, _, _)| d.as_str())
                .collect();
            for (d, n, _) in &g.members {
                let known = have.contains(&(d.as_str(), *n))
                    || wanted.iter().any(|(wd, wn)| wd == d && wn == n);
                let skip = known || (params.bridge_one && present.contains(&d.as_str()));
                if !skip {
                    wanted.push((d.clone(), *n));
                    by.push(Via::of(h));
                }
            }
        }
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let f = &self.fields;
        let members: Vec<(Occur, Box<dyn TantivyQuery>)> = wanted
            .iter()
            .map(|(d, n)| {
                let both: Vec<(Occur, Box<dyn TantivyQuery>)> = vec![
                    (
                        Occur::Must,
                        Box::new(TermQuery::new(
                            Term::from_field_text(f.doc, d),
                            IndexRecordOption::Basic,
                        )),
                    ),
                    (
                        Occur::Must,
                        Box::new(TermQuery::new(
                            Term::from_field_u64(f.article, u64::from(*n)),
                            IndexRecordOption::Basic,
                        )),
                    ),
                ];
                (
                    Occur::Should,
                    Box::new(BooleanQuery::new(both)) as Box<dyn TantivyQuery>,
                )
            })
            .collect();
        let mut clauses = narrowing;
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(members))));
        let (_, found) = self.run(&BooleanQuery::new(clauses), wanted.len() * 2, Some(needles))?;
        Ok(found
            .into_iter()
            .filter_map(|h| {
                let i = wanted
                    .iter()
                    .position(|(d, n)| d == h.doc.as_str() && *n == h.article)?;
                // A counterpart that holds a word of the query (one beyond the pool) is a match.
                let holds = needles.iter().any(|w| h.text.contains(w.as_str()));
                let via = if holds { None } else { by.get(i).cloned() };
                Some(Hit {
                    score: 0.0,
                    via,
                    ..h
                })
            })
            .collect())
    }

    /// The share of the index's articles that hold each word as a term (as the rerank's
    /// `rarity` and `coverage` read it), for rigs that study the second stage.
    #[doc(hidden)]
    pub fn word_shares(&self, words: &[String]) -> Result<Vec<f32>> {
        let articles = self.num_articles().max(1) as f32;
        words
            .iter()
            .map(|w| Ok(self.term_df(w)? as f32 / articles))
            .collect()
    }

    /// The parts of each query word (see `sub_words`), for rigs that study the second stage.
    #[doc(hidden)]
    pub fn query_parts(&self, words: &[String]) -> Result<Vec<Vec<String>>> {
        self.sub_words(words)
    }

    /// For each query word of three characters or more, the shorter index words inside it
    /// (常务会议 in 区政府常务会议, 绩效 and 考核 in 绩效考核), as the index adds them for the text.
    fn sub_words(&self, words: &[String]) -> Result<Vec<Vec<String>>> {
        let mut terms = Vec::new();
        let mut out = Vec::with_capacity(words.len());
        for w in words {
            // The index words inside `w` are all the segmenter needs (not the whole vocabulary).
            self.segmenter_for(w)?.search_terms(w, &mut terms);
            let mut parts: Vec<String> = Vec::new();
            for t in &terms {
                let p: String = t.parts.iter().map(|&(a, b)| &w[a..b]).collect();
                if p != *w && p.chars().count() >= 2 && !parts.contains(&p) {
                    parts.push(p);
                }
            }
            out.push(parts);
        }
        Ok(out)
    }

    /// For each query word, its nearest words in the word vectors with a cosine of at least
    /// `params.neighbour_min` (at most `params.neighbour_k`), kept when the index holds them as
    /// terms and they are not query words themselves. `dfs[i]` is how many articles hold word
    /// `i`.
    fn neighbours(
        &self,
        words: &[String],
        dfs: &[u64],
        params: &RankParams,
    ) -> Result<Vec<Vec<(String, f32)>>> {
        let articles = self.num_articles() as f32;
        self.related(
            words,
            dfs,
            |held| held <= params.expand_share * articles,
            |w| super::near::nearest(w, params.neighbour_k),
            |_, _, cos| cos < params.neighbour_min,
        )
    }

    /// For each query word at most `params.kin_share` of the articles hold, its kin
    /// (`RankParams::kin_share`): its nearest words in the vectors with a cosine of at least
    /// `params.kin_min` (among its `params.kin_k` nearest) that share a character with it,
    /// neither holding the other, of two characters or more, held by the index and not query
    /// words themselves; with the cosine. Empty lists when `kin_share` is 0.
    fn kin(
        &self,
        words: &[String],
        dfs: &[u64],
        params: &RankParams,
    ) -> Result<Vec<Vec<(String, f32)>>> {
        let articles = self.num_articles() as f32;
        self.related(
            words,
            dfs,
            |held| params.kin_share > 0.0 && held <= params.kin_share * articles,
            |w| super::near::nearest(w, params.kin_k),
            |w, n, cos| cos < params.kin_min || !super::near::is_kin(w, n),
        )
    }

    /// For each query word at most `params.expand_share` of the articles hold, the heaviest
    /// `params.assoc_k` words associated with it in [`crate::assoc`] that the index holds as
    /// terms and that are not query words, with the association's weight.
    fn associated(
        &self,
        words: &[String],
        dfs: &[u64],
        params: &RankParams,
    ) -> Result<Vec<Vec<(String, f32)>>> {
        let articles = self.num_articles() as f32;
        if words.len() > ASSOC_SCANNED_WORDS {
            crate::assoc::Associations::builtin();
        }
        self.related(
            words,
            dfs,
            |held| held <= params.expand_share * articles,
            // Read from the table's text for the few query words, not decoded whole.
            |w| {
                let mut associated = crate::assoc::Associations::builtin_associated(w);
                associated.truncate(params.assoc_k);
                associated
            },
            |_, _, _| false,
        )
    }

    /// The one walk behind [`Self::neighbours`], [`Self::kin`] and [`Self::associated`]: for
    /// each query word whose count of holding articles `expands` lets through, its `candidates`
    /// in their order that `drops(word, candidate, score)` lets stand, that are no query word
    /// and that the index holds as terms; an empty list for every other word. Only the first
    /// [`MAX_WIDENED_WORDS`] words `expands` lets through are looked up.
    fn related(
        &self,
        words: &[String],
        dfs: &[u64],
        expands: impl Fn(f32) -> bool,
        candidates: impl Fn(&str) -> Vec<(String, f32)>,
        drops: impl Fn(&str, &str, f32) -> bool,
    ) -> Result<Vec<Vec<(String, f32)>>> {
        let mut out = Vec::with_capacity(words.len());
        let mut widened = 0;
        for (i, w) in words.iter().enumerate() {
            let mut related = Vec::new();
            if widened < MAX_WIDENED_WORDS && expands(dfs.get(i).copied().unwrap_or(0) as f32) {
                widened += 1;
                for (n, score) in candidates(w) {
                    if drops(w, &n, score) || words.contains(&n) || self.term_df(&n)? == 0 {
                        continue;
                    }
                    related.push((n, score));
                }
            }
            out.push(related);
        }
        Ok(out)
    }

    /// The share of the index's articles that hold each word as a term, from the words'
    /// document frequencies `dfs` (for the rerank's `rarity` and `coverage`; empty when both
    /// weights are 0).
    fn held_shares(&self, dfs: &[u64], params: &RankParams) -> Vec<f32> {
        if params.rarity == 0.0 && params.coverage == 0.0 {
            return Vec::new();
        }
        let articles = self.num_articles().max(1) as f32;
        dfs.iter().map(|&df| df as f32 / articles).collect()
    }

    /// The query words with each family-wide one (held by at least `params.glue` of the
    /// articles) joined to the word the query says right after it, else right before it
    /// (水 + 行政 → 水行政; 试 + 供热 → 试供热), when that word is neither family-wide nor names
    /// the kind or duties and some article says the run; the run takes that word's place, with
    /// the share of the articles saying it and, with `params.glue_parts`, that word and its
    /// parts as its parts. `chunks` are the query's pieces between spaces.
    fn glued(
        &self,
        chunks: &[String],
        kinds: &[String],
        mut words: Vec<String>,
        mut parts: Vec<Vec<String>>,
        mut held: Vec<f32>,
        params: &RankParams,
    ) -> Result<Glued> {
        let chunks: Vec<String> = chunks
            .iter()
            .map(|c| fold_str(c).to_ascii_lowercase())
            .collect();
        let said_as = |run: &str| chunks.iter().any(|c| c.contains(run));
        let naming: Vec<bool> = kind_naming(&words, kinds)
            .into_iter()
            .zip(&words)
            .map(|(k, w)| k || asks_duties(w))
            .collect();
        let wide: Vec<bool> = held.iter().map(|&h| h >= params.glue).collect();
        let articles = self.num_articles().max(1) as f32;
        let searcher = self.reader.searcher();
        let mut gone = vec![false; words.len()];
        let mut runs: Vec<Option<(String, String)>> = vec![None; words.len()];
        let mut joined = vec![false; words.len()];
        for f in (0..words.len()).filter(|&f| wide[f] && !naming[f]) {
            let free = |j: usize| j != f && !wide[j] && !naming[j] && !joined[j] && !gone[j];
            let after = (0..words.len())
                .filter(|&j| free(j))
                .map(|j| (j, (words[f].clone(), words[j].clone())))
                .find(|(_, (a, b))| said_as(&format!("{a}{b}")));
            let before = || {
                (0..words.len())
                    .filter(|&j| free(j))
                    .map(|j| (j, (words[j].clone(), words[f].clone())))
                    .find(|(_, (a, b))| said_as(&format!("{a}{b}")))
            };
            let Some((j, pieces)) = after.or_else(before) else {
                continue;
            };
            let df = searcher
                .search(
                    self.word_query(&format!("{}{}", pieces.0, pieces.1))
                        .as_ref(),
                    &Count,
                )
                .map_err(|e| index_err(&self.path, format!("search failed: {e}")))?;
            if df == 0 {
                continue;
            }
            let run = format!("{}{}", pieces.0, pieces.1);
            runs[j] = Some(pieces);
            let mut run_parts = Vec::new();
            if params.glue_parts {
                if words[j].chars().count() >= 2 {
                    run_parts.push(words[j].clone());
                }
                run_parts.extend(parts[j].iter().cloned());
            }
            words[j] = run;
            parts[j] = run_parts;
            held[j] = df as f32 / articles;
            joined[j] = true;
            gone[f] = true;
        }
        let keep = |i: &usize| !gone[*i];
        let n = words.len();
        Ok((
            (0..n).filter(keep).map(|i| words[i].clone()).collect(),
            (0..n).filter(keep).map(|i| parts[i].clone()).collect(),
            (0..n).filter(keep).map(|i| held[i]).collect(),
            (0..n).filter(keep).map(|i| runs[i].clone()).collect(),
        ))
    }

    /// For each query word, whether any article says it: as a word, a run of characters, in a
    /// chapter title, with its number written the other way, or by one of its `parts`.
    fn said_words(&self, words: &[String], parts: &[Vec<String>]) -> Result<Vec<bool>> {
        let searcher = self.reader.searcher();
        let mut said = Vec::with_capacity(words.len());
        for (i, w) in words.iter().enumerate() {
            let mut any = searcher
                .search(self.word_query(w).as_ref(), &Count)
                .map_err(|e| index_err(&self.path, format!("search failed: {e}")))?
                > 0;
            for p in parts.get(i).into_iter().flatten() {
                if any {
                    break;
                }
                any = self.term_df(p)? > 0;
            }
            said.push(any);
        }
        Ok(said)
    }

    /// For each query word, whether some article heads a list with it (下列要求, 以下方式):
    /// a category whose instances an article may spell out (`RankParams::list_head`).
    fn list_heads(&self, words: &[String]) -> Result<Vec<bool>> {
        let searcher = self.reader.searcher();
        let mut heads = Vec::with_capacity(words.len());
        for w in words {
            let mut any = false;
            for lead in ["下列", "以下"] {
                if any {
                    break;
                }
                any = searcher
                    .search(self.bigram_query(&format!("{lead}{w}")).as_ref(), &Count)
                    .map_err(|e| index_err(&self.path, format!("search failed: {e}")))?
                    > 0;
            }
            heads.push(any);
        }
        Ok(heads)
    }

    /// How many articles hold `word` as a term of the word field.
    fn term_df(&self, word: &str) -> Result<u64> {
        let searcher = self.reader.searcher();
        let mut df = 0u64;
        for segment in searcher.segment_readers() {
            let inverted = segment
                .inverted_index(self.fields.text)
                .map_err(|e| index_err(&self.path, format!("cannot read terms: {e}")))?;
            if let Some(info) = inverted
                .terms()
                .get(word.as_bytes())
                .map_err(|e| index_err(&self.path, format!("cannot read terms: {e}")))?
            {
                df += u64::from(info.doc_freq);
            }
        }
        Ok(df)
    }

    /// Articles that share the most meaning-bearing words with `text` (a draft clause, say), ranked
    /// by BM25 over those words; for callers that compute their own similarity on top, so the hits
    /// come without snippets.
    pub fn similar(&self, text: &str, filter: &Filter, limit: usize) -> Result<Vec<Hit>> {
        let words = self.query_words(text)?;
        if words.is_empty() {
            return Err(Error::NothingToSearch {
                query: text.to_string(),
            });
        }
        let should = words.iter().map(|w| self.word_query(w)).collect();
        self.any_of(should, filter, limit)
    }

    /// Articles that hold the clauses of `text` word for word (each stretch between two
    /// punctuation marks of at least `VERBATIM_MIN_CHARS` characters, as a run of bigrams),
    /// those holding more of them first. A draft copied from a long article finds it here even
    /// where BM25 over its words ranks shorter articles sharing the common ones higher. The hits
    /// come without snippets, as [`SearchIndex::similar`]'s.
    pub fn verbatim(&self, text: &str, filter: &Filter, limit: usize) -> Result<Vec<Hit>> {
        let clauses: Vec<String> = text
            .split(|c: char| crate::text::chars::is_punct(&c.to_string()) || c.is_whitespace())
            .filter(|c| c.chars().count() >= VERBATIM_MIN_CHARS)
            .map(str::to_string)
            .collect();
        if clauses.is_empty() {
            return Ok(Vec::new());
        }
        let should = clauses.iter().map(|c| self.bigram_query(c)).collect();
        self.any_of(should, filter, limit)
    }

    /// The articles `filter` admits that match any of `should`, best first by the sum of their
    /// scores, without snippets (notes of deletion never match).
    fn any_of(
        &self,
        should: Vec<Box<dyn TantivyQuery>>,
        filter: &Filter,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        let should: Vec<(Occur, Box<dyn TantivyQuery>)> =
            should.into_iter().map(|q| (Occur::Should, q)).collect();
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = vec![
            (Occur::Must, Box::new(BooleanQuery::new(should))),
            self.no_notes_of_deletion(),
        ];
        if let Some(f) = self.filter_query(filter)? {
            clauses.push((Occur::Must, Box::new(BoostQuery::new(f, 0.0))));
        }
        Ok(self.run(&BooleanQuery::new(clauses), limit, None)?.1)
    }

    /// One word: as an index term, as an exact run of bigrams, and in the chapter title.
    fn word_query(&self, word: &str) -> Box<dyn TantivyQuery> {
        let f = &self.fields;
        let term = |field| {
            Box::new(TermQuery::new(
                Term::from_field_text(field, word),
                IndexRecordOption::WithFreqs,
            )) as Box<dyn TantivyQuery>
        };
        let mut alts: Vec<(Occur, Box<dyn TantivyQuery>)> = vec![
            (
                Occur::Should,
                Box::new(BoostQuery::new(term(f.text), W_WORD)),
            ),
            (
                Occur::Should,
                Box::new(BoostQuery::new(term(f.chapter_title), W_CHAPTER)),
            ),
        ];
        if has_bigrams(word) {
            alts.push((
                Occur::Should,
                Box::new(BoostQuery::new(self.bigram_query(word), W_BIGRAMS)),
            ));
        }
        if let Some(variant) = numeral_variant(word) {
            // 一次 in a question, 1次 in the text (or the reverse): the same word.
            alts.push((
                Occur::Should,
                Box::new(BoostQuery::new(self.bigram_query(&variant), W_WORD)),
            ));
        }
        Box::new(BooleanQuery::new(alts))
    }

    /// An exact phrase over the bigram field: matches wherever the characters occur in a row.
    fn bigram_query(&self, phrase: &str) -> Box<dyn TantivyQuery> {
        let phrase = fold_str(phrase).to_ascii_lowercase();
        let mut spans = Vec::new();
        segment::bigrams(&phrase, &mut spans);
        let terms: Vec<(usize, Term)> = spans
            .iter()
            .enumerate()
            .map(|(i, &(a, b))| (i, Term::from_field_text(self.fields.bigrams, &phrase[a..b])))
            .collect();
        match terms.len() {
            1 => Box::new(TermQuery::new(
                terms[0].1.clone(),
                IndexRecordOption::WithFreqs,
            )),
            _ => Box::new(PhraseQuery::new_with_offset(terms)),
        }
    }

    /// One article as a hit (`cited`, score 0, its snippet cut around `needles`), when the
    /// filter lets it through: the article a query cites, which its words need not match.
    pub fn article_hit(
        &self,
        doc: &str,
        key: crate::cite::ArticleKey,
        filter: &Filter,
        needles: &[String],
    ) -> Result<Option<Hit>> {
        let article = key.number;
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.doc, doc),
                    IndexRecordOption::Basic,
                )),
            ),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_u64(f.article, u64::from(article)),
                    IndexRecordOption::Basic,
                )),
            ),
        ];
        if let Some(q) = self.filter_query(filter)? {
            clauses.push((Occur::Must, q));
        }
        // 第十七条, 第十七条之一 and a second 第十七条 share the number: the stored label tells
        // them apart.
        let (_, hits) = self.run(&BooleanQuery::new(clauses), 16, Some(needles))?;
        Ok(hits.into_iter().find(|h| h.key() == key).map(|h| Hit {
            score: 0.0,
            cited: true,
            ..h
        }))
    }

    /// A clause that leaves out the articles that only note their deletion (`第十条 删除`): no
    /// provision, so no hit of a search or a precedent (a citation still shows one).
    fn no_notes_of_deletion(&self) -> (Occur, Box<dyn TantivyQuery>) {
        (
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(self.fields.kind, schema::DELETED_KIND),
                IndexRecordOption::Basic,
            )),
        )
    }

    /// The filter as a query, or None when it lets everything through.
    fn filter_query(&self, filter: &Filter) -> Result<Option<Box<dyn TantivyQuery>>> {
        let docs = self.resolve_docs(&filter.docs)?;
        let chapter_pairs = match &filter.chapter {
            None => None,
            Some(c) => Some(self.resolve_chapter(c, &docs)?),
        };
        let f = &self.fields;
        let doc_term = |id: &str| -> Box<dyn TantivyQuery> {
            Box::new(TermQuery::new(
                Term::from_field_text(f.doc, id),
                IndexRecordOption::Basic,
            ))
        };
        let any = |qs: Vec<Box<dyn TantivyQuery>>| -> Box<dyn TantivyQuery> {
            Box::new(BooleanQuery::new(
                qs.into_iter().map(|q| (Occur::Should, q)).collect(),
            ))
        };
        let number_term = |field, n: u32| -> Box<dyn TantivyQuery> {
            Box::new(TermQuery::new(
                Term::from_field_u64(field, u64::from(n)),
                IndexRecordOption::Basic,
            ))
        };
        Ok(match chapter_pairs {
            Some(pairs) => Some(any(pairs
                .iter()
                .map(|(doc, n, section)| -> Box<dyn TantivyQuery> {
                    let mut all = vec![
                        (Occur::Must, doc_term(doc)),
                        (Occur::Must, number_term(f.chapter_place, *n)),
                    ];
                    if let Some(s) = section {
                        all.push((Occur::Must, number_term(f.section_number, *s)));
                    }
                    Box::new(BooleanQuery::new(all))
                })
                .collect())),
            None if docs.len() < self.meta.docs.len() => {
                Some(any(docs.iter().map(|d| doc_term(&d.id)).collect()))
            }
            None => None,
        })
    }

    /// Documents named by the user, or all of them; an unknown name lists what exists.
    pub fn resolve_docs(&self, names: &[String]) -> Result<Vec<&IndexedDoc>> {
        if names.is_empty() {
            return Ok(self.meta.docs.iter().collect());
        }
        let mut out: Vec<&IndexedDoc> = Vec::new();
        for name in names {
            let doc = crate::corpus::names::find(&self.meta.docs, name).ok_or_else(|| {
                Error::UnknownDoc {
                    query: name.clone(),
                    known: crate::corpus::names::closest_list(&self.meta.docs, name.trim(), 10),
                }
            })?;
            if !out.iter().any(|d| d.id == doc.id) {
                out.push(doc);
            }
        }
        Ok(out)
    }

    /// The documents a `--chapter` filter cannot search: those of the filter's documents (all,
    /// when it names none) that have no chapters, so that their articles are never among the
    /// hits whatever they say; a document without chapters whose sections the filter names is
    /// searched, so it is not among them. Empty without a chapter filter.
    pub fn chapterless(&self, filter: &Filter) -> Result<Vec<String>> {
        let Some(chapter) = filter.chapter.as_deref() else {
            return Ok(Vec::new());
        };
        // A document without chapters whose sections the filter names (`第二节` of a sectioned
        // 办法) was searched.
        let reached = |d: &IndexedDoc| {
            self.resolve_chapter(chapter, &[d])
                .is_ok_and(|places| !places.is_empty())
        };
        Ok(self
            .resolve_docs(&filter.docs)?
            .into_iter()
            .filter(|d| !d.chapters.iter().any(|c| c.number > 0) && !reached(d))
            .map(|d| d.id.clone())
            .collect())
    }

    /// (document, chapter's place, section number) that `--chapter` designates among `docs`:
    /// a whole chapter (no section) by its number or words of its title, a section by its number
    /// (`第一节`, in every chapter; `第二章第一节`) or words of its title; in a code with parts,
    /// a part first (`第二编第三章`) or a whole part (`第二编`). A chapter's number that names
    /// chapters of several parts of one document is an error naming them.
    fn resolve_chapter(
        &self,
        query: &str,
        docs: &[&IndexedDoc],
    ) -> Result<Vec<(String, u32, Option<u32>)>> {
        let query = fold_str(query).replace(char::is_whitespace, "");
        let asked = division_asked(&query);
        let squeezed = |t: &str| t.replace(char::is_whitespace, "");
        // An empty title names nothing (as an empty --doc names no document).
        let titled = |t: &str| !asked.title.is_empty() && squeezed(t).contains(&asked.title);
        // A part's title names every chapter in it (刑法's 分则, its unnumbered 附则).
        let part_titled = |c: &super::ChapterInfo| c.parts.iter().any(|p| titled(&p.title));
        // Divisions are numbered from 1: a 0 (第〇章, 第〇编) would name the articles outside any
        // chapter or numbered part, which the index keeps as number 0.
        if [asked.part, asked.sub_part, asked.chapter, asked.section].contains(&Some(0)) {
            return Err(Error::UnknownChapter {
                query: crate::error::echoed(&query),
                known: format!(
                    "divisions are numbered from 1; {}",
                    chapter_list(docs, &asked)
                ),
            });
        }
        let in_part = |c: &super::ChapterInfo, sub: bool, n: Option<u32>| {
            n.is_none_or(|n| c.parts.iter().any(|p| p.sub == sub && p.number == n))
        };
        let numbered = asked.chapter.is_some() || asked.part.is_some() || asked.sub_part.is_some();
        let mut found: Vec<(String, u32, Option<u32>)> = Vec::new();
        for d in docs {
            let mut parts_named: Vec<&[crate::model::PartRef]> = Vec::new();
            let mut choices: Vec<String> = Vec::new();
            for (place, c) in (1u32..).zip(&d.chapters) {
                if asked.chapter.is_some_and(|n| n != c.number)
                    || !in_part(c, false, asked.part)
                    || !in_part(c, true, asked.sub_part)
                {
                    continue;
                }
                let whole = asked.section.is_none()
                    && (titled(&c.title) || part_titled(c) || asked.title.is_empty() && numbered);
                let before = found.len();
                if whole {
                    found.push((d.id.clone(), place, None));
                } else {
                    for s in &c.sections {
                        let numbered = asked.section.is_none_or(|n| n == s.number);
                        let named = asked.title.is_empty() || titled(&s.title);
                        if numbered && named && (asked.section.is_some() || !asked.title.is_empty())
                        {
                            found.push((d.id.clone(), place, Some(s.number)));
                            choices.push(division_cited(c, Some(s)));
                        }
                    }
                }
                if whole {
                    choices.push(division_cited(c, None));
                }
                if found.len() > before && !parts_named.contains(&c.parts.as_slice()) {
                    parts_named.push(&c.parts);
                }
            }
            if asked.chapter.is_some() && asked.part.is_none() && parts_named.len() > 1 {
                return Err(Error::AmbiguousChapter {
                    query: crate::error::echoed(&query),
                    doc: d.display_name().to_string(),
                    example: choices
                        .first()
                        .map(|c| c.split(' ').next().unwrap_or(c).to_string())
                        .unwrap_or_default(),
                    choices: choices.join(", "),
                });
            }
        }
        found.dedup();
        if found.is_empty() {
            return Err(Error::UnknownChapter {
                query: crate::error::echoed(&query),
                known: chapter_list(docs, &asked),
            });
        }
        Ok(found)
    }
}

/// A chapter, or one of its sections, cited with its part as `--chapter` takes it, then its
/// title: `第二编第三章第五节 金融诈骗罪`.
fn division_cited(c: &super::ChapterInfo, section: Option<&super::SectionInfo>) -> String {
    let number = format!(
        "{}{}",
        c.parts_cited(),
        crate::text::numeral::chapter_label(c.number)
    );
    match section {
        Some(s) => format!(
            "{number}{}",
            crate::model::SectionRef {
                numerals: Default::default(),
                number: s.number,
                title: s.title.clone(),
            }
            .label()
        ),
        None => format!("{number} {}", c.title),
    }
}

/// Documents listed at most when a `--chapter` names none.
const CHAPTER_LIST_DOCS: usize = 10;

/// The chapters of `docs` for an error, per document (numbers repeat across documents): for a
/// chapter's number alone their range of numbers (`lixia 1–14`); for a section's number the
/// sections (`第三章第一节 生产、销售伪劣商品罪`); else each chapter's number and title with its
/// sections' labels. The articles outside any chapter (number 0) are no chapter one can ask for.
fn chapter_list(docs: &[&IndexedDoc], asked: &DivisionAsked) -> String {
    let with: Vec<&&IndexedDoc> = docs
        .iter()
        .filter(|d| d.chapters.iter().any(|c| c.number > 0))
        .collect();
    if with.is_empty() {
        return "none (no document searched has chapters)".to_string();
    }
    let numbers_only = asked.chapter.is_some() && asked.section.is_none() && asked.title.is_empty();
    let sectioned = |d: &&&IndexedDoc| d.chapters.iter().any(|c| !c.sections.is_empty());
    let any_sections = with.iter().any(sectioned);
    let sections_only = asked.section.is_some() && any_sections;
    let with: Vec<&&IndexedDoc> = match sections_only {
        true => with.into_iter().filter(|d| sectioned(d)).collect(),
        false => with,
    };
    let section_label = |s: &super::SectionInfo| {
        crate::model::SectionRef {
            numerals: Default::default(),
            number: s.number,
            title: s.title.clone(),
        }
        .label()
    };
    let mut parts: Vec<String> = with
        .iter()
        .take(CHAPTER_LIST_DOCS)
        .map(|d| {
            let numbered = d.chapters.iter().filter(|c| c.number > 0);
            if numbers_only {
                // Per part in a code that numbers its chapters again in each (刑法 第一编 1–5,
                // 第二编 1–10), so that the range names chapters there are.
                let mut ranges: Vec<(String, u32, u32)> = Vec::new();
                for c in numbered {
                    let part = c.parts_cited();
                    match ranges.iter_mut().find(|r| r.0 == part) {
                        Some(r) => (r.1, r.2) = (r.1.min(c.number), r.2.max(c.number)),
                        None => ranges.push((part, c.number, c.number)),
                    }
                }
                let ranges: Vec<String> = ranges
                    .iter()
                    .map(|(part, low, high)| {
                        let part = match part.is_empty() {
                            true => String::new(),
                            false => format!("{part} "),
                        };
                        match low == high {
                            true => format!("{part}{low}"),
                            false => format!("{part}{low}–{high}"),
                        }
                    })
                    .collect();
                format!("{} {}", d.id, ranges.join(", "))
            } else if sections_only {
                let sections: Vec<String> = numbered
                    .flat_map(|c| {
                        c.sections.iter().map(move |s| {
                            format!(
                                "{}{}{}",
                                c.parts_cited(),
                                crate::text::numeral::chapter_label(c.number),
                                section_label(s)
                            )
                        })
                    })
                    .collect();
                format!("{}: {}", d.id, sections.join(", "))
            } else {
                let titles: Vec<String> = numbered
                    .map(|c| {
                        let sections: Vec<String> = c.sections.iter().map(section_label).collect();
                        // A chapter in a part is cited with it (第二编第三章 …), as --chapter
                        // takes it; elsewhere by its number alone.
                        let head = match c.parts_cited().is_empty() {
                            true => format!("{} {}", c.number, c.title),
                            false => division_cited(c, None),
                        };
                        match sections.is_empty() {
                            true => head,
                            false => format!("{head} ({})", sections.join(", ")),
                        }
                    })
                    .collect();
                format!("{}: {}", d.id, titles.join(", "))
            }
        })
        .collect();
    if with.len() > CHAPTER_LIST_DOCS {
        parts.push(format!(
            "and {} more documents",
            with.len() - CHAPTER_LIST_DOCS
        ));
    }
    let listed = parts.join("; ");
    if asked.section.is_some() && !any_sections {
        return format!("no document searched has sections (第X节); {listed}");
    }
    listed
}

impl SearchIndex {
    fn run(
        &self,
        query: &dyn TantivyQuery,
        limit: usize,
        needles: Option<&[String]>,
    ) -> Result<(usize, Vec<Hit>)> {
        let searcher = self.reader.searcher();
        // No more hits than articles, so a huge --limit allocates nothing.
        let limit = limit.min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX));
        let (top, total) = searcher
            .search(
                query,
                &(TopDocs::with_limit(limit.max(1)).order_by_score(), Count),
            )
            .map_err(|e| index_err(&self.path, format!("search failed: {e}")))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top.into_iter().take(limit) {
            hits.push(self.hit(&searcher, addr, score, needles)?);
        }
        Ok((total, hits))
    }

    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        addr: DocAddress,
        score: f32,
        needles: Option<&[String]>,
    ) -> Result<Hit> {
        let doc: TantivyDocument = searcher
            .doc(addr)
            .map_err(|e| index_err(&self.path, format!("cannot read a stored article: {e}")))?;
        let f = &self.fields;
        let text_of = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let num_of = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        let text = text_of(f.text);
        let section = text_of(f.section);
        let label = text_of(f.label);
        // The label says whether the article was inserted (第十七条之一); the schema has no field.
        // So does the occurrence of a repeated number (第三条#2).
        let (bare, occurrence) = crate::cite::split_occurrence(&label).unwrap_or((&label, 1));
        let sub = crate::text::numeral::parse_article_ref(bare).map_or(0, |(_, sub)| sub);
        let id = text_of(f.doc);
        // The chapter is cited as its heading writes its number (第2章): the document's chapter
        // with the article's chapter number and title.
        let (chapter_number, chapter_title) = (num_of(f.chapter_number), text_of(f.chapter_title));
        let (title, distinct_name, numerals) = self
            .meta
            .docs
            .iter()
            .find(|d| d.id == id)
            .map(|d| {
                let numerals = d
                    .chapters
                    .iter()
                    .find(|c| u64::from(c.number) == chapter_number && c.title == chapter_title)
                    .map(|c| c.numerals)
                    .unwrap_or_default();
                (d.title.clone(), d.distinct_name.clone(), numerals)
            })
            .unwrap_or_default();
        Ok(Hit {
            doc: DocId::from(id),
            district: text_of(f.district),
            title,
            distinct_name,
            city: text_of(f.city),
            chapter: ChapterRef {
                numerals,
                number: num_of(f.chapter_number) as u32,
                title: text_of(f.chapter_title),
                parts: doc
                    .get_all(f.parts)
                    .filter_map(|v| v.as_str())
                    .filter_map(super::schema::parse_part_value)
                    .collect(),
            },
            section: (!section.is_empty()).then_some(section),
            article: num_of(f.article) as u32,
            sub,
            occurrence,
            label,
            lines: (num_of(f.line_start) as usize, num_of(f.line_end) as usize),
            score,
            // Cut only when shown: a caller ranking hits itself (precedents) would pay a pass over
            // each hit's whole text, every draft piece again on a long article.
            snippet: needles
                .map_or_else(Snippet::default, |n| snippet(&text, &text_of(f.written), n)),
            text,
            cited: false,
            via: None,
        })
    }

    /// The handles of the index's fields (`schema.rs`), for callers that read terms themselves.
    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The tantivy index, for callers that need more than these queries.
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    /// A searcher over this index's open generation. Made from the reader the index holds, so it
    /// keeps working when a rebuild has removed the generation's folder meanwhile (a new reader
    /// would take the folder's lock file, which is gone: `guize serve` after `guize index`).
    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }
}

/// An exclusion inside every word and phrase the query asks for (`筹备组 -筹备组`, `常务会议 -会议`):
/// every article that says what is asked is left out, and what remained would be found only
/// through related words. `None` when something asked for can match.
fn excluded_by_itself(q: &super::query::Query) -> Option<String> {
    let norm = |s: &str| -> String {
        fold_str(s)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let asked: Vec<String> = q
        .text
        .iter()
        .chain(&q.phrases)
        .map(|t| norm(t))
        .filter(|t| !t.is_empty())
        .collect();
    let excluded: Vec<String> = q.excluded.iter().map(|e| norm(e)).collect();
    if asked.is_empty() {
        return None;
    }
    excluded
        .into_iter()
        .filter(|e| !e.is_empty())
        .find(|e| asked.iter().all(|a| a.contains(e.as_str())))
}
