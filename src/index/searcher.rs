//! Answers queries against an open index: parses the query syntax, segments words with a
//! dictionary taken from the index's own vocabulary, ranks articles with BM25 and cuts highlighted
//! snippets. Returns format-neutral hits; never prints and never loads jieba's full dictionary.

use super::schema::{self, Fields};
use super::{IndexMeta, IndexedDoc, index_err};
use crate::error::{Error, Result};
use crate::model::{ChapterRef, DocId};
use crate::segment::{self, Segmenter};
use crate::text::fold::fold_str;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::error::OpenReadError;
use tantivy::query::{
    BooleanQuery, BoostQuery, Occur, PhraseQuery, Query as TantivyQuery, TermQuery,
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
/// Snippet length in characters.
const SNIPPET_CHARS: usize = 90;
/// Characters of context kept before the first highlight of a snippet.
const SNIPPET_LEAD: usize = 12;

/// Words that carry no subject of their own in a question: particles, pronouns, question words.
const STOP_WORDS: &[&str] = &[
    "的",
    "了",
    "着",
    "过",
    "和",
    "与",
    "及",
    "或",
    "是",
    "在",
    "由",
    "被",
    "把",
    "对",
    "向",
    "从",
    "给",
    "为",
    "以",
    "之",
    "其",
    "这",
    "那",
    "哪",
    "谁",
    "什么",
    "怎么",
    "怎样",
    "如何",
    "多久",
    "多少",
    "几",
    "哪些",
    "哪个",
    "吗",
    "呢",
    "吧",
    "啊",
    "呀",
    "么",
    "时",
    "有",
    "没有",
    "要",
    "会",
    "能",
    "可以",
    "应该",
    "需要",
    "是否",
    "还是",
    "一下",
    "关于",
    "有关",
    "规定",
    "怎么办",
    "为什么",
    "何时",
    "哪里",
    "什么样",
];

/// True for a word that is dropped from queries.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// A query as the user wrote it: plain text, "quoted phrases" and -excluded words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Plain text, segmented into words at search time.
    pub text: Vec<String>,
    /// Phrases that must occur exactly (punctuation and spaces inside do not matter).
    pub phrases: Vec<String>,
    /// Words or phrases whose articles are left out.
    pub excluded: Vec<String>,
    /// A quote was opened and never closed (the rest of the query was read as one phrase).
    pub unclosed: bool,
}

/// Splits a query into plain text, "quoted phrases" (also “curly” quotes) and -excluded words.
/// Full-width letters and digits are folded to ASCII first.
pub fn parse_query(raw: &str) -> Query {
    let raw = fold_str(raw);
    let mut q = Query::default();
    let mut rest = raw.as_str();
    while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix(['"', '“', '”']) {
            let end = after.find(['"', '“', '”']).unwrap_or_else(|| {
                q.unclosed = true;
                after.len()
            });
            push_nonempty(&mut q.phrases, &after[..end]);
            rest = after.get(end..).map_or("", |r| {
                r.get(r.chars().next().map_or(0, char::len_utf8)..)
                    .unwrap_or("")
            });
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (chunk, tail) = rest.split_at(end);
        match chunk.strip_prefix('-') {
            Some(ex) if !ex.is_empty() => push_nonempty(&mut q.excluded, ex),
            _ => push_nonempty(&mut q.text, chunk),
        }
        rest = tail;
    }
    q
}

fn push_nonempty(list: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() {
        list.push(s.to_string());
    }
}

/// Which articles a search may return.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Documents by id, alias, district or title; empty means all.
    pub docs: Vec<String>,
    /// A chapter by number (8, 第8章, 第八章) or by part of its title (会议制度).
    pub chapter: Option<String>,
}

/// A generation opened for reading. tantivy takes a lock file while it opens segments; on a
/// read-only file system that file cannot be made, and reading goes on without it (nothing can
/// build there either, and guize's own lock keeps builds away from readers).
#[derive(Debug, Clone)]
struct ReaderDir(tantivy::directory::MmapDirectory);

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

/// One ranked article.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The document.
    pub doc: DocId,
    /// Its district (empty when the manifest gives none).
    pub district: String,
    /// Its city (empty when the manifest gives none).
    pub city: String,
    /// The article's chapter.
    pub chapter: ChapterRef,
    /// Section title, when the article sits in a 节.
    pub section: Option<String>,
    /// The article's number.
    pub article: u32,
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
}

/// A piece of an article's text with the byte ranges to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The passage.
    pub text: String,
    /// Byte ranges of `text` to highlight, in order.
    pub highlights: Vec<Range<usize>>,
}

/// The result of one search, independent of how it is shown.
#[derive(Debug, Clone, Serialize)]
pub struct SearchReport {
    /// The query as typed.
    pub query: String,
    /// The words searched for after segmentation and stop-word removal.
    pub words: Vec<String>,
    /// Number of matching articles (hits holds at most the limit).
    pub total: usize,
    /// The best hits, best first.
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
        let reader = index.reader().map_err(fail)?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            meta,
            path: generation.to_path_buf(),
            segmenter: OnceLock::new(),
            vocabulary: OnceLock::new(),
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
        for t in seg.words(&text) {
            let w = t.text.to_ascii_lowercase();
            if !is_stop_word(&w) && !words.contains(&w) {
                words.push(w);
            }
        }
        Ok(words)
    }

    /// Searches with the query syntax of [`parse_query`]; BM25 ranking, at most `limit` hits.
    pub fn search(&self, raw: &str, filter: &Filter, limit: usize) -> Result<SearchReport> {
        let q = parse_query(raw);
        if q.unclosed {
            return Err(Error::UnbalancedQuote {
                query: raw.to_string(),
            });
        }
        let mut words = Vec::new();
        for chunk in &q.text {
            for w in self.query_words(chunk)? {
                if !words.contains(&w) {
                    words.push(w);
                }
            }
        }
        let phrases: Vec<String> = q
            .phrases
            .iter()
            .filter(|p| has_bigrams(p))
            .cloned()
            .collect();
        if words.is_empty() && phrases.is_empty() {
            return Err(Error::NothingToSearch {
                query: raw.to_string(),
            });
        }
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        let parts = self.sub_words(&words)?;
        if !words.is_empty() {
            let mut should: Vec<(Occur, Box<dyn TantivyQuery>)> = words
                .iter()
                .map(|w| (Occur::Should, self.word_query(w)))
                .collect();
            // The parts of a compound the texts may say apart (绩效考核: 绩效管理, 考核评估).
            for p in parts.iter().flatten() {
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(self.word_query(p), W_PART)),
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
        if let Some(f) = self.filter_query(filter)? {
            clauses.push((Occur::Must, Box::new(BoostQuery::new(f, 0.0))));
        }
        let mut needles = words.clone();
        needles.extend(phrases.iter().cloned());
        let pool = if words.is_empty() {
            limit
        } else {
            limit.max(RERANK_POOL)
        };
        let (total, mut hits) = self.run(&BooleanQuery::new(clauses), pool, &needles)?;
        if !words.is_empty() {
            rerank(&mut hits, &words, &parts);
        }
        hits.truncate(limit);
        Ok(SearchReport {
            query: raw.to_string(),
            words,
            total,
            hits,
        })
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

    /// Articles that share the most meaning-bearing words with `text` (a draft clause, say), ranked
    /// by BM25 over those words; for callers that compute their own similarity on top.
    pub fn similar(&self, text: &str, filter: &Filter, limit: usize) -> Result<Vec<Hit>> {
        let words = self.query_words(text)?;
        if words.is_empty() {
            return Err(Error::NothingToSearch {
                query: text.to_string(),
            });
        }
        let should: Vec<(Occur, Box<dyn TantivyQuery>)> = words
            .iter()
            .map(|w| (Occur::Should, self.word_query(w)))
            .collect();
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(should)))];
        if let Some(f) = self.filter_query(filter)? {
            clauses.push((Occur::Must, Box::new(BoostQuery::new(f, 0.0))));
        }
        Ok(self.run(&BooleanQuery::new(clauses), limit, &words)?.1)
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
        Ok(match chapter_pairs {
            Some(pairs) => Some(any(pairs
                .iter()
                .map(|(doc, n)| -> Box<dyn TantivyQuery> {
                    Box::new(BooleanQuery::new(vec![
                        (Occur::Must, doc_term(doc)),
                        (
                            Occur::Must,
                            Box::new(TermQuery::new(
                                Term::from_field_u64(f.chapter_number, u64::from(*n)),
                                IndexRecordOption::Basic,
                            )),
                        ),
                    ]))
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
            let doc = self
                .meta
                .docs
                .iter()
                .find(|d| d.is_named(name))
                .ok_or_else(|| Error::UnknownDoc {
                    query: name.clone(),
                    known: self.closest_docs(name, 10),
                })?;
            if !out.iter().any(|d| d.id == doc.id) {
                out.push(doc);
            }
        }
        Ok(out)
    }

    /// Up to `limit` document names closest to `name`, for error messages.
    fn closest_docs(&self, name: &str, limit: usize) -> String {
        let ids: Vec<&str> = self.meta.docs.iter().map(|d| d.id.as_str()).collect();
        let mut out: Vec<String> = crate::suggest::rank(name, ids)
            .into_iter()
            .take(limit)
            .filter_map(|id| self.meta.docs.iter().find(|d| d.id == id))
            .map(|d| match d.district.as_str() {
                "" => d.id.clone(),
                district => format!("{} ({district})", d.id),
            })
            .collect();
        if self.meta.docs.len() > limit {
            out.push(format!("… ({} in all)", self.meta.docs.len()));
        }
        out.join(", ")
    }

    /// (document, chapter number) pairs that `--chapter` designates among `docs`.
    fn resolve_chapter(&self, query: &str, docs: &[&IndexedDoc]) -> Result<Vec<(String, u32)>> {
        let query = fold_str(query).replace(char::is_whitespace, "");
        let number = chapter_number(&query);
        let pairs: Vec<(String, u32)> = docs
            .iter()
            .flat_map(|d| d.chapters.iter().map(move |c| (d, c)))
            .filter(|(_, c)| match number {
                Some(n) => c.number == n,
                None => c.title.replace(char::is_whitespace, "").contains(&query),
            })
            .map(|(d, c)| (d.id.clone(), c.number))
            .collect();
        if pairs.is_empty() {
            let mut titles: Vec<String> = Vec::new();
            for c in docs.iter().flat_map(|d| &d.chapters) {
                let t = format!("{} {}", c.number, c.title);
                if !titles.contains(&t) {
                    titles.push(t);
                }
            }
            return Err(Error::UnknownChapter {
                query: query.to_string(),
                known: titles.join(", "),
            });
        }
        Ok(pairs)
    }

    fn run(
        &self,
        query: &dyn TantivyQuery,
        limit: usize,
        needles: &[String],
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
        needles: &[String],
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
        Ok(Hit {
            doc: DocId(text_of(f.doc)),
            district: text_of(f.district),
            city: text_of(f.city),
            chapter: ChapterRef {
                number: num_of(f.chapter_number) as u32,
                title: text_of(f.chapter_title),
            },
            section: (!section.is_empty()).then_some(section),
            article: num_of(f.article) as u32,
            label: text_of(f.label),
            lines: (num_of(f.line_start) as usize, num_of(f.line_end) as usize),
            score,
            snippet: snippet(&text, needles),
            text,
        })
    }

    /// The tantivy index, for callers that need more than these queries.
    pub fn tantivy(&self) -> &Index {
        &self.index
    }
}

/// True when the text has at least one character the bigram field indexes.
/// Hits reranked, at most: BM25 finds the articles that use the words; the rerank brings forward
/// those that are about them. Large enough that an article which defines a matter but uses its
/// name once is still in the pool.
const RERANK_POOL: usize = 100;

/// Characters at the start of an article where its subject stands.
const LEAD_CHARS: usize = 12;

/// Second stage: an article *about* the searched matter names it in its opening sentence (its
/// subject: 区政府常务会议由…组成) and keeps coming back to it, while a passing mention sits in
/// one sentence of many. Each hit's BM25 score, relative to the best, gets a bonus for the share
/// of query words in the opening sentence and for the share of its sentences that use a query
/// word; the order is then by the sum.
fn rerank(hits: &mut [Hit], words: &[String], parts: &[Vec<String>]) {
    // Bonuses on the scale of a relative BM25 score (1 for the best hit); larger ones (0.5, 0.3)
    // cost recall@10 on the dev questions (0.907) without finding more defining articles.
    let (w_open, w_dense, w_lead) = (0.2, 0.1, 0.1);
    let best = hits.iter().map(|h| h.score).fold(0.0f32, f32::max);
    if best <= 0.0 || words.is_empty() {
        return;
    }
    for h in hits.iter_mut() {
        let sentences: Vec<&str> = h
            .text
            .split(['。', '；', '\n', '：'])
            .filter(|s| !s.trim().is_empty())
            .collect();
        let opening = sentences.first().copied().unwrap_or("");
        // How much of word `i` a passage says: all of it, or half for each share of its parts.
        let says = |passage: &str, i: usize| -> f32 {
            if passage.contains(words[i].as_str()) {
                1.0
            } else if parts[i].is_empty() {
                0.0
            } else {
                0.5 * parts[i]
                    .iter()
                    .filter(|p| passage.contains(String::as_str(p)))
                    .count() as f32
                    / parts[i].len() as f32
            }
        };
        let about = |passage: &str| -> f32 {
            (0..words.len()).map(|i| says(passage, i)).sum::<f32>() / words.len() as f32
        };
        let open = about(opening);
        // The subject: the matter named in the first characters (区政府常务会议由…).
        let lead_end = h
            .text
            .char_indices()
            .nth(LEAD_CHARS)
            .map_or(h.text.len(), |(i, _)| i);
        let lead = about(&h.text[..lead_end]);
        let dense = if sentences.is_empty() {
            0.0
        } else {
            sentences.iter().map(|s| about(s)).sum::<f32>() / sentences.len() as f32
        };
        h.score = h.score / best + w_open * open + w_dense * dense + w_lead * lead;
    }
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
}

fn has_bigrams(text: &str) -> bool {
    let mut spans = Vec::new();
    segment::bigrams(text, &mut spans);
    !spans.is_empty()
}

/// The word with its leading number written the other way: 一次 → 1次, 3个工作日 → 三个工作日.
fn numeral_variant(word: &str) -> Option<String> {
    let split = word
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || crate::text::numeral::is_chinese_numeral(c)))
        .map(|(i, _)| i)?;
    let (number, rest) = word.split_at(split);
    if number.is_empty() {
        return None;
    }
    if number.bytes().all(|b| b.is_ascii_digit()) {
        let n: u32 = number.parse().ok()?;
        return Some(format!("{}{rest}", crate::text::numeral::to_chinese(n)));
    }
    let n = crate::text::numeral::parse_number(&number.replace('两', "二"))?;
    Some(format!("{n}{rest}"))
}

/// `8`, `第8章`, `第八章` or `八` → 8.
fn chapter_number(query: &str) -> Option<u32> {
    let core = query.trim_start_matches('第').trim_end_matches('章');
    crate::text::numeral::parse_number(core)
}

/// The window of `text` holding the most (and longest) distinct needles, with their byte ranges.
fn snippet(text: &str, needles: &[String]) -> Snippet {
    let lower = text.to_ascii_lowercase();
    let mut found: Vec<(Range<usize>, usize)> = Vec::new(); // (range, needle index)
    for (i, n) in needles.iter().enumerate() {
        if n.is_empty() {
            continue;
        }
        found.extend(
            lower
                .match_indices(n.as_str())
                .map(|(s, m)| (s..s + m.len(), i)),
        );
    }
    found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let char_at = |byte: usize| bounds.partition_point(|&b| b < byte);
    let byte_at = |ch: usize| bounds[ch.min(bounds.len() - 1)];
    // Best window: starts a little before some match, scored by distinct needles' lengths.
    // Windows start in match order, so the first match inside moves forward only: each window
    // looks at its own matches, and a long article costs linear time, not matches squared.
    let mut best = (0usize, 0usize); // (score, start char)
    let mut first = 0;
    let mut seen = vec![false; needles.len()];
    for (r, _) in &found {
        let start = char_at(r.start).saturating_sub(SNIPPET_LEAD);
        let (start_byte, end_byte) = (byte_at(start), byte_at(start + SNIPPET_CHARS));
        while found.get(first).is_some_and(|(m, _)| m.start < start_byte) {
            first += 1;
        }
        seen.fill(false);
        let score: usize = found[first..]
            .iter()
            .take_while(|(m, _)| m.start < end_byte)
            .filter(|(m, _)| m.end <= end_byte)
            .filter_map(|(m, i)| (!std::mem::replace(&mut seen[*i], true)).then_some(m.len()))
            .sum();
        if score > best.0 {
            best = (score, start);
        }
    }
    let (a, b) = (byte_at(best.1), byte_at(best.1 + SNIPPET_CHARS));
    let prefix = if a > 0 { "…" } else { "" };
    let suffix = if b < text.len() { "…" } else { "" };
    let mut out = Snippet {
        text: format!("{prefix}{}{suffix}", &text[a..b]),
        highlights: Vec::new(),
    };
    let shift = prefix.len();
    for (r, _) in found.iter().filter(|(r, _)| r.start >= a && r.end <= b) {
        let r = r.start - a + shift..r.end - a + shift;
        match out.highlights.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.highlights.push(r),
        }
    }
    out.text = out.text.replace('\n', " ");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_syntax_splits_phrases_and_exclusions() {
        let q = parse_query(r#"常务会议 "每两周召开" -专题 “会议纪要”"#);
        assert_eq!(q.text, ["常务会议"]);
        assert_eq!(q.phrases, ["每两周召开", "会议纪要"]);
        assert_eq!(q.excluded, ["专题"]);
        let q = parse_query("１２３４５热线");
        assert_eq!(q.text, ["12345热线"]);
    }

    #[test]
    fn numbers_in_words_are_written_both_ways() {
        assert_eq!(numeral_variant("一次").as_deref(), Some("1次"));
        assert_eq!(numeral_variant("两周").as_deref(), Some("2周"));
        assert_eq!(numeral_variant("3个工作日").as_deref(), Some("三个工作日"));
        assert_eq!(numeral_variant("会议"), None);
        assert_eq!(numeral_variant("三十"), None);
    }

    #[test]
    fn chapter_numbers_in_any_spelling() {
        assert_eq!(chapter_number("8"), Some(8));
        assert_eq!(chapter_number("第八章"), Some(8));
        assert_eq!(chapter_number("第十二章"), Some(12));
        assert_eq!(chapter_number("会议制度"), None);
    }

    #[test]
    fn snippet_highlights_whole_characters() {
        let text = "区政府常务会议一般每两周召开1次，由区长召集和主持。";
        let s = snippet(text, &["常务会议".to_string(), "召开".to_string()]);
        assert_eq!(s.highlights.len(), 2);
        for r in &s.highlights {
            assert!(s.text.is_char_boundary(r.start) && s.text.is_char_boundary(r.end));
        }
        assert_eq!(&s.text[s.highlights[0].clone()], "常务会议");
    }
}
