//! A drafter's text in, the closest existing articles out: the draft is cut into clause-sized
//! pieces, candidates come from the search index (BM25 over the piece's words), and are reranked
//! by the share of meaning-bearing wording they have in common, each with a word diff against
//! the piece. Never prints; the clause groups are attached by the caller from an alignment.

mod passage;
mod score;
mod shown;
mod split;

pub use score::Similarity;
pub use split::{Piece, split, split_as};

use crate::align::Alignment;
use crate::diff::{Op, Segment};
use crate::error::{Error, Result};
use crate::index::{Filter, Hit, SearchIndex};
use crate::model::{ChapterRef, DocId};
use crate::text::fold::Normed;
use crate::text::fold::fold_han;
use score::{Profile, TermKind};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// How many BM25 candidates are reranked per piece. Equivalent clauses share most of their rare
/// words, so they sit near the top of BM25 already; the rerank fixes the order among them.
const CANDIDATES: usize = 20;

/// A passage of a precedent may run to this many times the draft's length before it is cut.
const PASSAGE_SLACK: usize = 2;

/// Byte range of the passage of an article a similarity comes from; `None` for the whole article.
type Passage = Option<(usize, usize)>;

/// A passage's similarity counts at this share, so that of two equally close precedents the one
/// whose whole article matches comes first.
const PASSAGE_WEIGHT: f32 = 0.85;

/// A precedent of the other kind than the draft (a penalty for a draft stating a duty or a
/// prohibition, a duty for a draft that punishes) is ranked as if its similarity were this share
/// of it. A penalty restates the conduct it punishes (违反…在堤防上建房…的，由…处…罚款), so it
/// shares the wording of the rule it enforces about as much as the rule itself does; of two about
/// equally close precedents the one that says what the draft says (a rule, or a penalty) comes
/// first. The similarity shown stays the shared wording's. Chosen by leaving one family out over
/// the sixteen dev families (`examples/precedent_kinds.rs`; docs/search-ranking.md).
pub const OTHER_KIND: f32 = 0.8;

/// Words that name a sanction after the condition of a penalty (…的，由…责令改正，处…罚款;
/// 工作人员…的，依法给予处分).
const SANCTIONS: [&str; 8] = [
    "罚款", "处罚", "没收", "拘留", "吊销", "责令", "处分", "追究",
];

/// Whether `text` punishes: some sentence names a sanction (`SANCTIONS`) after a condition
/// closed by 的，(违反本条例规定的，由…处…罚款), not merely mentions one (罚款应当全部上缴).
pub fn punishes(text: &str) -> bool {
    text.split(['。', '；', '\n']).any(|sentence| {
        sentence
            .find("的，")
            .is_some_and(|at| SANCTIONS.iter().any(|m| sentence[at..].contains(m)))
    })
}

/// Whether an article is a penalty: it stands in a chapter of 法律责任 or 罚则, or it punishes
/// ([`punishes`]).
fn is_penalty(chapter_title: &str, text: &str) -> bool {
    chapter_title.contains("法律责任") || chapter_title.contains("罚则") || punishes(text)
}

/// What to look for and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// Precedents per piece.
    pub limit: usize,
    /// Only these documents (id, alias, district or title); empty means all.
    pub docs: Vec<String>,
    /// Never these documents (the drafter's own, say).
    pub exclude: Vec<String>,
    /// The longest draft accepted, in characters (not counting whitespace); a longer text is
    /// not a draft clause. `None` accepts any length.
    pub max_chars: Option<usize>,
    /// The draft's line ends are its author's paragraph ends (a .docx): a heading or a title is
    /// never joined to the paragraph after it as a wrapped line would be.
    pub authored: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            limit: 5,
            docs: Vec::new(),
            exclude: Vec::new(),
            max_chars: None,
            authored: false,
        }
    }
}

/// The clause group a precedent belongs to: how every document words the same matter.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRef {
    /// The group's id.
    pub id: String,
    /// What the group is about (its label).
    pub label: String,
    /// Article numbers per document, the precedent's own included.
    pub members: BTreeMap<DocId, Vec<u32>>,
}

/// One existing article close to a piece of the draft.
#[derive(Debug, Clone)]
pub struct Precedent {
    /// The document it is in.
    pub doc: DocId,
    /// District (历下区), or empty when the corpus does not say.
    pub district: String,
    /// The document's title (济南市历下区人民政府工作规则).
    pub title: String,
    /// The document's name told apart from another of the same district or title (as
    /// [`crate::index::Hit::distinct_name`]); empty when no other document shares its name.
    pub distinct_name: String,
    /// Its chapter.
    pub chapter: ChapterRef,
    /// Its section's label, when it has one.
    pub section: Option<String>,
    /// Its number.
    pub article: u32,
    /// What names it in its document: number, 之一 and occurrence (`17之一`, `3#2`).
    pub key: crate::cite::ArticleKey,
    /// The article as its document cites it: 第三十九条, 四十三、 ([`crate::cite`]).
    pub label: String,
    /// 1-based inclusive source lines.
    pub lines: (usize, usize),
    /// The article's text: as indexed (normalised), or as written after [`Report::as_written`].
    pub text: String,
    /// How close it is to the piece.
    pub similarity: Similarity,
    /// The sentences of a long article that match the piece best, when the similarity is theirs
    /// rather than the whole article's.
    pub passage: Option<String>,
    /// The piece (base) against the precedent (its passage, if any): `Insert` is what only the
    /// precedent says, `Delete` what only the draft says.
    pub segments: Vec<Segment>,
    /// Set by [`Report::attach_groups`].
    pub group: Option<GroupRef>,
    /// Where the shown part of a whole article too long to show lies in it, when it was cut
    /// (`passage` is then that part).
    pub window: Option<Window>,
    /// Whether the article is a penalty (in a chapter of 法律责任 or 罚则, or it punishes a
    /// condition: [`punishes`]). One of the other kind than the draft is ranked at
    /// [`OTHER_KIND`].
    pub penalty: bool,
}

/// The part of a long article a precedent shows: characters `start..end` of its `of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Window {
    /// The first character shown (0-based).
    pub start: usize,
    /// Just past the last character shown.
    pub end: usize,
    /// The article's length in characters.
    pub of: usize,
}

impl Precedent {
    /// See [`Report::as_written`].
    fn as_written(&mut self, written: &str) {
        let normed = Normed::of(written);
        if normed.norm != self.text {
            return;
        }
        let shown: String = self
            .segments
            .iter()
            .filter(|s| s.op != Op::Delete)
            .map(|s| s.text.as_str())
            .collect();
        let Some(mut at) = self.text.find(&shown) else {
            return;
        };
        let start = at;
        // The draft's own words (`Delete`) have no place in the precedent's text.
        let segments = std::mem::take(&mut self.segments);
        (self.segments, at) = side_as_written(segments, at, &normed, written, Op::Insert);
        if self.passage.is_some()
            && let Some(passage) = written.get(normed.original(start..at))
        {
            self.passage = Some(passage.trim().to_string());
        }
        if let Some(w) = &mut self.window {
            let byte = |c: usize| {
                self.text
                    .char_indices()
                    .nth(c)
                    .map_or(self.text.len(), |(i, _)| i)
            };
            let r = normed.original(byte(w.start)..byte(w.end));
            let chars = |b: usize| written.get(..b).map_or(0, |t| t.chars().count());
            *w = Window {
                start: chars(r.start),
                end: chars(r.end),
                of: written.chars().count(),
            };
        }
        self.text = written.to_string();
    }
}

/// A shared stretch of the draft and the precedent (normalised text at `at` of `normed`), with
/// the side `side` (`Insert`: the precedent's, `Delete`: the draft's) in the characters `written`
/// has there, without changing the other side: characters written alike stay `Equal`; a space
/// written after one (`召开 2 次`) becomes a segment of `side` alone, and a character written
/// otherwise (`１`) a `Delete`/`Insert` pair, `side` taking the written one; both are marked as
/// writing alone. So the other side's segments still rebuild its text exactly, and `side`'s
/// rebuild `written`.
fn equal_as_written(
    out: &mut Vec<Segment>,
    s: Segment,
    at: usize,
    normed: &Normed,
    written: &str,
    side: Op,
) {
    let push = |out: &mut Vec<Segment>, op: Op, text: &str| {
        let punct = op != Op::Equal;
        match out.last_mut() {
            Some(last) if last.op == op && last.is_punct == punct && !last.is_number => {
                last.text.push_str(text)
            }
            _ => out.push(Segment {
                op,
                text: text.to_string(),
                is_number: false,
                is_punct: punct,
            }),
        }
    };
    for (i, c) in s.text.char_indices() {
        let n = c.len_utf8();
        let own = &s.text[i..i + n];
        match written.get(normed.original(at + i..at + i + n)) {
            Some(w) if w == own => push(out, Op::Equal, own),
            Some(w) if w.starts_with(own) && w[n..].chars().all(char::is_whitespace) => {
                push(out, Op::Equal, own);
                push(out, side, &w[n..]);
            }
            Some(w) => {
                let (deleted, inserted) = if side == Op::Delete {
                    (w, own)
                } else {
                    (own, w)
                };
                push(out, Op::Delete, deleted);
                push(out, Op::Insert, inserted);
            }
            None => push(out, Op::Equal, own),
        }
    }
}

/// One piece of the draft with its precedents, best first.
#[derive(Debug, Clone)]
pub struct PieceHits {
    /// The piece of the draft.
    pub piece: Piece,
    /// Its precedents, best first.
    pub hits: Vec<Precedent>,
    /// The similarity this piece reaches with articles of the corpus by chance ([`Chance`]).
    pub chance: Chance,
}

impl PieceHits {
    /// Whether the best precedent is closer than chance: false when there is none, or when even
    /// the best is no more similar to the piece than unrelated articles of the corpus are to
    /// each other ([`Chance`]).
    /// It must also hold a real share of the draft ([`MIN_COVERED`]): a long article that shares
    /// a few rare words with a draft of another matter can be above chance and still no precedent.
    ///
    /// A near copy ([`NEAR_COPY`]) is close whatever chance says: in a small corpus whose
    /// documents repeat each other the "unrelated" sample holds copies too, and its cutoff
    /// reaches 1.00.
    pub fn is_close(&self) -> bool {
        self.hits.first().is_some_and(|h| h.is_close(&self.chance))
    }
}

impl Precedent {
    /// Whether this precedent is closer than `chance` and holds a real share of the piece (the
    /// test of [`PieceHits::is_close`] for its best precedent).
    pub fn is_close(&self, chance: &Chance) -> bool {
        self.similarity.covered >= MIN_COVERED
            && (self.similarity.score > chance.cutoff || self.similarity.score >= NEAR_COPY)
    }
}

/// An article of the corpus: its document and number.
type ArticleAt = (DocId, u32);

/// Whether `text` holds a colon followed by the first of numbered items (（一）, (1), 一、, 1.).
fn leads_a_list(text: &str) -> bool {
    text.match_indices(['：', ':']).any(|(i, colon)| {
        let rest = text[i + colon.len()..].trim_start();
        let mut chars = rest.chars();
        match chars.next() {
            Some('（' | '(') => true,
            Some(c) if c.is_ascii_digit() || "一二三四五六七八九十".contains(c) => {
                chars.take(3).any(|c| matches!(c, '、' | '.' | '．'))
            }
            _ => false,
        }
    })
}

/// How many of a sentence's best precedents are compared with its neighbours' to tell whether
/// they state one matter ([`Finder::by_matter`]): in the five work rules an article has about
/// four equivalents, one per other document.
const MATTER_HITS: usize = 5;

/// A sentence shorter than this many characters never starts a piece of its own.
const MATTER_MIN_CHARS: usize = 20;

/// How similar articles of the corpus that have nothing to do with each other are: the
/// similarities of every pair of an even sample of its articles ([`NULL_SAMPLE`]), scored as a
/// draft against a precedent is. A regulation's article is equivalent to only a handful of the
/// corpus's (about 4 of the 441 in the five work rules: one per other document), so almost every
/// pair is unrelated, and the pairs' distribution is that of chance similarity in this corpus.
/// A precedent is close when its similarity is well above the 95th percentile of it: beyond it by
/// [`WELL_ABOVE`] times that percentile's distance from the median. The 95th, not the 99th,
/// because about 1% of pairs are related. Being closer than 19 in 20 unrelated pairs is no
/// evidence for the best of a draft's candidates: it is the best of hundreds of articles, and the
/// best unrelated one passes the 95th percentile as a matter of course (a draft on electric bikes
/// in a corpus of fire-safety regulations found an article on corridors at 0.11 against 0.088).
/// The margin is the corpus's own spread of chance, so it scales with the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Chance {
    /// The median similarity of the sampled pairs.
    pub median: f32,
    /// The similarity a close precedent exceeds: their 95th percentile, plus [`WELL_ABOVE`]
    /// times its distance from the median. A precedent at or below it is no closer than chance.
    pub cutoff: f32,
    /// How many pairs were scored (0 for a corpus of one article: then every precedent is
    /// close).
    pub pairs: usize,
}

impl Chance {
    /// The median and 95th percentile of `sims` (any order); the default for none.
    pub fn of(mut sims: Vec<f32>) -> Chance {
        if sims.is_empty() {
            return Chance::default();
        }
        sims.sort_by(f32::total_cmp);
        let at = |q: f32| {
            // Linear interpolation between the closest ranks.
            let x = q * (sims.len() - 1) as f32;
            let (lo, hi) = (x.floor() as usize, x.ceil() as usize);
            sims[lo] + (sims[hi] - sims[lo]) * (x - lo as f32)
        };
        let (median, high) = (at(0.5), at(CHANCE_QUANTILE));
        Chance {
            median,
            cutoff: high + WELL_ABOVE * (high - median),
            pairs: sims.len(),
        }
    }
}

/// The least share of the draft's weighted words a close precedent holds. Measured on the
/// precedent tests' drafts (five work rules, each article against the other four): the gold
/// equivalents hold 9.3% to 100% (only 1 of 70 below 10%), while the above-chance hits of three
/// laws of other matters start at 3%; a tenth moves those told not close from 0.679 to 0.725
/// and keeps 69 of 70 gold drafts close.
pub const MIN_COVERED: f32 = 0.10;

/// A similarity at which a precedent is the draft's own wording: nine tenths of the weighted words
/// shared both ways (Dice). No chance cutoff measured on unrelated articles can make it not close.
pub const NEAR_COPY: f32 = 0.9;

/// The share of unrelated pairs a close precedent must be more similar than.
const CHANCE_QUANTILE: f32 = 0.95;

/// How far beyond `CHANCE_QUANTILE` a close precedent must be, in units of that quantile's
/// distance from the median of chance ([`Chance`]).
pub const WELL_ABOVE: f32 = 0.5;

/// At most this many articles, evenly spread over the index, give the chance similarity (all
/// their pairs: about 11,000 for 150).
pub const NULL_SAMPLE: usize = 150;

/// The answer for a whole draft, independent of how it is shown.
#[derive(Debug, Clone)]
pub struct Report {
    /// Every piece of the draft, in order.
    pub pieces: Vec<PieceHits>,
}

impl Report {
    /// Fills in each precedent's clause group from `alignment` (left `None` where the
    /// alignment does not hold the article).
    pub fn attach_groups(&mut self, alignment: &Alignment) {
        for hit in self.pieces.iter_mut().flat_map(|p| &mut p.hits) {
            hit.group = alignment.group_of_key(&hit.doc, hit.key).map(|g| GroupRef {
                id: g.id.clone(),
                label: g.label.clone(),
                members: g.members.clone(),
            });
        }
    }

    /// Shows each precedent as its document writes it: `text_of(doc, article)` gives the
    /// article's text as written (`Article::text`), and the hit's text, passage and the `Equal` and
    /// `Insert` pieces of its diff, found on the normalised text the index holds, take the
    /// characters written there (１次, ５０％, 2021－2025 年). A hit whose article is not given, or
    /// whose indexed text is not that article's normalised form, is left as it is.
    pub fn as_written<'t>(
        &mut self,
        text_of: impl Fn(&DocId, crate::cite::ArticleKey) -> Option<&'t str>,
    ) {
        for hit in self.pieces.iter_mut().flat_map(|p| &mut p.hits) {
            if let Some(written) = text_of(&hit.doc, hit.key) {
                hit.as_written(written);
            }
        }
    }

    /// The documents the precedents come from, each once, in order of first appearance.
    pub fn docs(&self) -> Vec<DocId> {
        let mut out: Vec<DocId> = Vec::new();
        for hit in self.pieces.iter().flat_map(|p| &p.hits) {
            if !out.contains(&hit.doc) {
                out.push(hit.doc.clone());
            }
        }
        out
    }
}

/// A candidate of [`Finder::rank`]: its similarity, the score it is ranked by ([`OTHER_KIND`]),
/// its kind, its best passage, the hit and the article cut.
struct Scored {
    sim: Similarity,
    rank: f32,
    penalty: bool,
    passage: Passage,
    hit: Hit,
    cut: std::sync::Arc<passage::Cut>,
}

/// Finds precedents in one open index; keeps the term weights it has looked up.
pub struct Finder<'i> {
    index: &'i SearchIndex,
    searcher: Searcher,
    fields: [Field; 2],
    articles: u64,
    /// Per kind (words, bigrams), each term's weight.
    weights: Mutex<[HashMap<String, f32>; 2]>,
    /// How terms are weighed.
    weighting: Weighting,
    /// The corpus's chance similarity, measured once ([`Chance`]).
    chance: OnceLock<Chance>,
    /// Long articles cut into clauses, kept for the draft's next piece.
    cuts: passage::Cuts,
}

/// How the terms of a draft and of an article are weighed: by their IDF over the index's
/// articles, times, when set, their rarity in regulations in general (`score::background`) —
/// for words, for character bigrams, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weighting {
    /// Words weighed by their rarity in regulations in general too.
    pub background_words: bool,
    /// Bigrams weighed by their rarity in regulations in general too.
    pub background_bigrams: bool,
}

impl Default for Weighting {
    fn default() -> Weighting {
        Weighting {
            background_words: true,
            background_bigrams: true,
        }
    }
}

impl<'i> Finder<'i> {
    /// A finder over `index`; fails when the index lacks the fields precedents are read from.
    pub fn new(index: &'i SearchIndex) -> Result<Finder<'i>> {
        // The schema was checked when the index was opened: the fields are there.
        let fields = [index.fields().text, index.fields().bigrams];
        Ok(Finder {
            index,
            // The index's own reader: a new one would need the generation's folder, which a
            // rebuild may have removed while `guize serve` holds the index.
            searcher: index.searcher(),
            fields,
            articles: index.num_articles(),
            weights: Mutex::new([HashMap::new(), HashMap::new()]),
            weighting: Weighting::default(),
            chance: OnceLock::new(),
            cuts: passage::Cuts::default(),
        })
    }

    /// The same finder weighing terms as `weighting` says (for measuring the settings).
    pub fn with_weighting(mut self, weighting: Weighting) -> Finder<'i> {
        self.weighting = weighting;
        self.weights = Mutex::new([HashMap::new(), HashMap::new()]);
        self.cuts = passage::Cuts::default();
        self
    }

    /// The same finder with the corpus's chance similarity already known (measured by an earlier
    /// finder over the same index and weighting): a server measures it once, not per request.
    pub fn with_chance(self, chance: Chance) -> Finder<'i> {
        let _ = self.chance.set(chance);
        self
    }

    /// Cuts `draft` into pieces and finds the precedents of each.
    pub fn find(&self, draft: &str, opts: &Options) -> Result<Report> {
        self.find_unless(draft, opts, &|| false)
            .map(|r| r.unwrap_or(Report { pieces: Vec::new() }))
    }

    /// [`Finder::find`], abandoned (`Ok(None)`) as soon as `stopped` says so: it is asked before
    /// each piece of the draft, so a caller that no longer waits (a server request that timed
    /// out) gets its worker back after one piece at most.
    pub fn find_unless(
        &self,
        draft: &str,
        opts: &Options,
        stopped: &dyn Fn() -> bool,
    ) -> Result<Option<Report>> {
        let chars = crate::text::chars::visible_chars(draft);
        if let Some(max) = opts.max_chars.filter(|&m| chars > m) {
            return Err(Error::DraftTooLong { chars, max });
        }
        let pieces = split::split_as(draft, opts.authored);
        if pieces.is_empty() {
            // Article headings with nothing after them (第一条) are not "only punctuation".
            let heads = split::bare_heads(draft, opts.authored);
            return Err(if heads.is_empty() {
                Error::EmptyDraft
            } else {
                Error::DraftOnlyHeads { heads }
            });
        }
        let filter = self.filter(opts)?;
        let mut cut = Vec::with_capacity(pieces.len());
        for piece in pieces {
            if stopped() {
                return Ok(None);
            }
            cut.extend(self.by_matter(piece, &filter)?);
        }
        let pieces = cut;
        let mut found = Vec::with_capacity(pieces.len());
        for piece in pieces {
            if stopped() {
                return Ok(None);
            }
            let mut hits = self.rank(&piece.text, &filter, opts.limit)?;
            for hit in &mut hits {
                hit.segments = draft_as_typed(std::mem::take(&mut hit.segments), &piece);
            }
            let chance = self.chance()?;
            found.push(PieceHits {
                piece,
                hits,
                chance,
            });
        }
        Ok(Some(Report { pieces: found }))
    }

    /// `piece` cut where its sentences part for different matters: a pasted paragraph stating
    /// several duties (常务会议 …。请假 …。公文签发 …。) gets precedents for each, not one
    /// list for their mixture. Consecutive sentences stay together while their best
    /// [`MATTER_HITS`] precedents share an article (a rule and its details find the same
    /// articles); a sentence with no close precedent ([`PieceHits::is_close`]) stays with the
    /// one before it (the first with the one after). A piece the draft labelled (第三条), or
    /// whose whole has no close precedent, is never cut: its author said it is one clause, or
    /// nothing in the corpus says it.
    fn by_matter(&self, piece: Piece, filter: &Filter) -> Result<Vec<Piece>> {
        if piece.label.is_some() {
            return Ok(vec![piece]);
        }
        // A list led by a colon (主要任务是：（一）…) is one clause, as [`split`] keeps it.
        if leads_a_list(&piece.text) {
            return Ok(vec![piece]);
        }
        let sentences = split::sentences(&piece);
        if sentences.len() < 2 {
            return Ok(vec![piece]);
        }
        let chance = self.chance()?;
        // A draft of another matter altogether stays whole: its sentences, alone, are short
        // enough to pass chance by a few shared words, and cut they would be told close.
        let whole = self.rank(&piece.text, filter, 1)?;
        if !whole.first().is_some_and(|h| h.is_close(&chance)) {
            return Ok(vec![piece]);
        }
        // Runs of sentences, each with the articles its sentences' best precedents are.
        let mut runs: Vec<(Vec<Piece>, Vec<ArticleAt>)> = Vec::new();
        for sentence in sentences {
            let hits = self.rank(&sentence.text, filter, MATTER_HITS)?;
            // A short sentence (外出期间要保持通讯畅通。) is a detail of the rule before it.
            let close = sentence.text.chars().count() >= MATTER_MIN_CHARS
                && hits.first().is_some_and(|h| h.is_close(&chance));
            let best: Vec<ArticleAt> = if close {
                hits.iter().map(|h| (h.doc.clone(), h.article)).collect()
            } else {
                Vec::new()
            };
            match runs.last_mut() {
                Some((run, seen))
                    if best.is_empty()
                        || seen.is_empty()
                        || best.iter().any(|b| seen.contains(b)) =>
                {
                    run.push(sentence);
                    seen.extend(best);
                }
                _ => runs.push((vec![sentence], best)),
            }
        }
        if runs.len() < 2 {
            return Ok(vec![piece]);
        }
        Ok(runs.iter().map(|(run, _)| split::joined(run)).collect())
    }

    /// The documents searched: `opts.docs` (or all) without `opts.exclude`.
    fn filter(&self, opts: &Options) -> Result<Filter> {
        let excluded: Vec<String> = self
            .index
            .resolve_docs(&opts.exclude)?
            .into_iter()
            .filter(|_| !opts.exclude.is_empty())
            .map(|d| d.id.clone())
            .collect();
        let docs: Vec<String> = self
            .index
            .resolve_docs(&opts.docs)?
            .into_iter()
            .map(|d| d.id.clone())
            .filter(|id| !excluded.contains(id))
            .collect();
        if docs.is_empty() {
            return Err(Error::NoDocumentLeft);
        }
        Ok(Filter {
            docs,
            chapter: None,
        })
    }

    /// BM25 candidates of one piece, reranked by shared wording; the best `limit` with diffs.
    fn rank(&self, written: &str, filter: &Filter, limit: usize) -> Result<Vec<Precedent>> {
        // Matched with traditional characters folded, as the index's terms are (區政府 → 区政府);
        // the draft's own characters come back into the diff at the end.
        let folded = fold_han(written);
        let text: &str = &folded;
        // The whole vocabulary's segmenter: it also cuts the candidate articles.
        let seg = self.index.query_segmenter()?;
        let draft = Profile::of(seg, text, |kind, term| self.weight(kind, term));
        if draft.is_empty() {
            return Ok(Vec::new());
        }
        let candidates = match self.index.similar(text, filter, CANDIDATES.max(limit)) {
            Ok(hits) => hits,
            // Only stop words: nothing to look for, so no precedent.
            Err(Error::NothingToSearch { .. }) => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        // Articles holding the draft's clauses word for word join the candidates: BM25 favours
        // short articles, and a sentence copied from a long one must still find it.
        let mut candidates = candidates;
        for hit in self.index.verbatim(text, filter, CANDIDATES)? {
            if !candidates
                .iter()
                .any(|c| c.doc == hit.doc && c.article == hit.article)
            {
                candidates.push(hit);
            }
        }
        let draft_chars = text.chars().count();
        // Similarity of the draft to each article, or to the run of its sentences that matches
        // it best when the article is much longer than the draft ([`passage::Cut::best`]): a
        // one-sentence draft is judged against the sentence that says the same, not diluted by
        // the rest of a long article. `covered` is always over the whole article.
        // A draft that punishes looks for penalties first, any other draft for the rules
        // themselves ([`OTHER_KIND`]).
        let draft_punishes = punishes(text);
        let mut scored: Vec<Scored> = candidates
            .into_iter()
            .map(|hit| {
                let cut = self
                    .cuts
                    .of(seg, &hit.text, |kind, term: &str| self.weight(kind, term));
                let (sim, passage) = cut.best(&draft, draft_chars);
                let penalty = is_penalty(&hit.chapter.title, &hit.text);
                let rank = if penalty == draft_punishes {
                    sim.score
                } else {
                    sim.score * OTHER_KIND
                };
                Scored {
                    sim,
                    rank,
                    penalty,
                    passage,
                    hit,
                    cut,
                }
            })
            .collect();
        scored.sort_by(|a, b| {
            b.rank
                .total_cmp(&a.rank)
                .then_with(|| b.sim.score.total_cmp(&a.sim.score))
                .then_with(|| a.hit.doc.cmp(&b.hit.doc))
                .then_with(|| a.hit.article.cmp(&b.hit.article))
        });
        let titles = &self.index.meta().docs;
        Ok(scored
            .into_iter()
            .take(limit)
            .map(|s| {
                let Scored {
                    sim,
                    penalty,
                    passage,
                    hit,
                    cut,
                    ..
                } = s;
                // The passage shown runs on to the end of its last sentence: what follows its
                // last clause (报…批准) belongs to the matched rule; and it takes in the other
                // sentences of the article that hold a real share of the draft's words it lacks
                // ([`passage::widen`]), so that no word of the draft the article says is shown
                // as the draft's own.
                let passage = passage.map(|(a, b)| {
                    let (a, b) = passage::widen(
                        seg,
                        &hit.text,
                        (a, shown::sentence_end(&hit.text, b)),
                        &draft,
                    );
                    hit.text[a..b].trim()
                });
                let (passage, segments, window) = shown::shown(text, &cut.words(), passage);
                let segments = draft_as_written(segments, text, written);
                (sim, penalty, passage, segments, window, hit)
            })
            .map(
                |(similarity, penalty, passage, segments, window, hit)| Precedent {
                    penalty,
                    window,
                    title: titles
                        .iter()
                        .find(|d| d.id == hit.doc.as_str())
                        .map(|d| d.title.clone())
                        .unwrap_or_default(),
                    passage,
                    segments,
                    key: hit.key(),
                    doc: hit.doc,
                    district: hit.district,
                    distinct_name: hit.distinct_name,
                    chapter: hit.chapter,
                    section: hit.section,
                    article: hit.article,
                    label: hit.label,
                    lines: hit.lines,
                    text: hit.text,
                    similarity,
                    group: None,
                },
            )
            .collect())
    }

    /// Similarity of the draft to the article, or to the run of its sentences that matches the
    /// draft best (at [`PASSAGE_WEIGHT`]) when the article is much longer than the draft: a
    /// one-sentence draft is judged against the sentence that says the same, not diluted by the
    /// rest of a long article. Returns the passage's byte range when it wins. `covered` is always
    /// over the whole article.
    /// A term's IDF over the index's articles, looked up once.
    fn weight(&self, kind: TermKind, term: &str) -> f32 {
        let slot = match kind {
            TermKind::Word => 0,
            TermKind::Bigram => 1,
        };
        let mut cache = self.weights.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&w) = cache[slot].get(term) {
            return w;
        }
        let field = self.fields[slot];
        // A failed read counts as a term of the index that occurs nowhere: the most weight.
        let df = self
            .searcher
            .doc_freq(&Term::from_field_text(field, term))
            .unwrap_or(0);
        let background = match kind {
            TermKind::Word if self.weighting.background_words => score::background(kind, term),
            TermKind::Bigram if self.weighting.background_bigrams => score::background(kind, term),
            _ => 1.0,
        };
        let w = score::idf(df, self.articles) * background;
        cache[slot].insert(term.to_string(), w);
        w
    }

    /// Each term of `draft` (words, then bigrams) with its weight and whether `article` holds
    /// it: what a similarity is made of, for reading by hand.
    #[doc(hidden)]
    pub fn explain(&self, draft: &str, article: &str) -> Result<Vec<(String, f32, bool)>> {
        let seg = self.index.query_segmenter()?;
        let weight = |kind, term: &str| self.weight(kind, term);
        let d = Profile::of(seg, draft, weight);
        let a = Profile::of(seg, article, weight);
        let held = |list: &[(String, f32)], t: &str| list.iter().any(|(x, _)| x == t);
        Ok(d.words
            .iter()
            .map(|(t, w)| (t.clone(), *w, held(&a.words, t)))
            .chain(
                d.bigrams
                    .iter()
                    .map(|(t, w)| (format!("·{t}"), *w, held(&a.bigrams, t))),
            )
            .collect())
    }

    /// The corpus's chance similarity ([`Chance`]), measured on first use.
    pub fn chance(&self) -> Result<Chance> {
        if let Some(c) = self.chance.get() {
            return Ok(*c);
        }
        let seg = self.index.query_segmenter()?;
        let weight = |kind, term: &str| self.weight(kind, term);
        let profiles: Vec<(usize, Profile)> = self
            .sample()?
            .iter()
            .map(|text| (text.chars().count(), Profile::of(seg, text, weight)))
            .filter(|(_, p)| !p.is_empty())
            .collect();
        let mut sims = Vec::new();
        for (i, (_, a)) in profiles.iter().enumerate() {
            for (_, b) in &profiles[i + 1..] {
                // Dice is symmetric: one score a pair.
                sims.push(score::similarity(a, b).score);
            }
        }
        Ok(*self.chance.get_or_init(|| Chance::of(sims)))
    }

    /// The texts of up to [`NULL_SAMPLE`] articles evenly spread over the index (every k-th
    /// stored article).
    fn sample(&self) -> Result<Vec<String>> {
        let field = self.fields[0];
        let readers = self.searcher.segment_readers();
        let total: usize = readers.iter().map(|r| r.max_doc() as usize).sum();
        let step = total.div_ceil(NULL_SAMPLE).max(1);
        let mut out = Vec::new();
        let mut n = 0usize;
        for (ord, reader) in readers.iter().enumerate() {
            for id in 0..reader.max_doc() {
                n += 1;
                if !(n - 1).is_multiple_of(step) || reader.is_deleted(id) {
                    continue;
                }
                let addr = tantivy::DocAddress::new(ord as u32, id);
                let doc: tantivy::TantivyDocument = self.searcher.doc(addr).map_err(|e| {
                    crate::index::index_err(
                        self.index.generation(),
                        format!("cannot read a stored article: {e}"),
                    )
                })?;
                use tantivy::schema::Value as _;
                if let Some(text) = doc.get_first(field).and_then(|v| v.as_str()) {
                    out.push(text.to_string());
                }
            }
        }
        Ok(out)
    }
}

/// `segments` of a diff whose draft side (`Equal` + `Delete`) rebuilds the normalised piece
/// (`piece.text`), with that side in the characters the draft typed (`piece.written`): a `Delete`
/// takes them whole; in an `Equal` stretch a character typed otherwise (`１` for `1`) becomes a
/// `Delete` of the typed one and an `Insert` of the shared one, and a space the draft typed after
/// one (`提前 3 个`) a `Delete` of its own, both marked as writing alone. So `Equal` + `Delete`
/// rebuild the piece as typed and `Equal` + `Insert` still the precedent. Left as they are when
/// they do not rebuild `piece.text`.
fn draft_as_typed(segments: Vec<Segment>, piece: &Piece) -> Vec<Segment> {
    let (norm, typed) = (piece.text.as_str(), piece.written.as_str());
    if norm == typed {
        return segments;
    }
    let normed = Normed::of(typed);
    let draft: String = segments
        .iter()
        .filter(|s| s.op != Op::Insert)
        .map(|s| s.text.as_str())
        .collect();
    if normed.norm != norm || draft != norm {
        return segments;
    }
    side_as_written(segments, 0, &normed, typed, Op::Delete).0
}

/// `segments` with the pieces of one text (`side`: `Insert` for the precedent's, `Delete` for the
/// draft's) and the shared ones in the characters `written` has: `normed` is `written` folded,
/// and the segments start at its byte `at`. The other text's pieces are left as they are. With
/// the byte of `normed` just past the last piece.
fn side_as_written(
    segments: Vec<Segment>,
    mut at: usize,
    normed: &Normed,
    written: &str,
    side: Op,
) -> (Vec<Segment>, usize) {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    for mut s in segments {
        let len = s.text.len();
        if s.op == Op::Equal {
            equal_as_written(&mut out, s, at, normed, written, side);
            at += len;
        } else if s.op == side {
            if let Some(own) = written.get(normed.original(at..at + len)) {
                s.text = own.to_string();
            }
            out.push(s);
            at += len;
        } else {
            out.push(s);
        }
    }
    (out, at)
}

/// `segments` of a diff made on the folded draft `folded`, with the draft's side in the
/// characters `written` has at the same bytes (folding keeps byte lengths): its own pieces
/// (`Delete`) whole, and in a shared piece a character the draft wrote otherwise (區 for 区) as a
/// `Delete` of it and an `Insert` of the precedent's, marked as writing alone; so `Equal` +
/// `Delete` rebuild the draft as written and `Equal` + `Insert` the precedent. Left as they are
/// when they do not rebuild the folded draft.
fn draft_as_written(segments: Vec<Segment>, folded: &str, written: &str) -> Vec<Segment> {
    if folded == written || folded.len() != written.len() {
        return segments;
    }
    let mut at = 0;
    for s in segments.iter().filter(|s| s.op != Op::Insert) {
        let end = at + s.text.len();
        if folded.get(at..end) != Some(s.text.as_str()) || written.get(at..end).is_none() {
            return segments;
        }
        at = end;
    }
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    let mut at = 0;
    for mut s in segments {
        let len = s.text.len();
        match s.op {
            Op::Insert => out.push(s),
            Op::Delete => {
                s.text = written[at..at + len].to_string();
                out.push(s);
                at += len;
            }
            Op::Equal => {
                // Runs of characters written alike, and of characters written otherwise.
                let typed = &written[at..at + len];
                if !s
                    .text
                    .char_indices()
                    .all(|(i, _)| typed.is_char_boundary(i))
                {
                    out.push(s);
                    at += len;
                    continue;
                }
                let mut run_start = 0;
                let mut alike = true;
                for (i, c) in s.text.char_indices() {
                    let n = c.len_utf8();
                    let same = typed.get(i..i + n) == Some(&s.text[i..i + n]);
                    if i > 0 && same != alike {
                        push_run(&mut out, alike, &s.text[run_start..i], &typed[run_start..i]);
                        run_start = i;
                    }
                    alike = same;
                }
                push_run(&mut out, alike, &s.text[run_start..], &typed[run_start..]);
                at += len;
            }
        }
    }
    out
}

/// One run of a shared piece: `Equal` when the draft wrote it as the precedent does, else a
/// `Delete` of the draft's characters and an `Insert` of the precedent's, marked as writing alone.
fn push_run(out: &mut Vec<Segment>, alike: bool, shared: &str, typed: &str) {
    if shared.is_empty() {
        return;
    }
    let segment = |op, text: &str| Segment {
        op,
        text: text.to_string(),
        is_number: false,
        is_punct: op != Op::Equal,
    };
    if alike {
        out.push(segment(Op::Equal, shared));
    } else {
        out.push(segment(Op::Delete, typed));
        out.push(segment(Op::Insert, shared));
    }
}

#[cfg(test)]
mod kind_tests {
    use super::*;

    /// A penalty names a sanction after its condition; a rule that mentions a fine, or a
    /// prohibition, does not punish (review42 #13).
    #[test]
    fn a_penalty_punishes_and_a_rule_does_not() {
        assert!(punishes(
            "违反本条例第二十四条规定，在堤防上建房、放牧的，由河道主管机关责令改正，可以处一万元以下罚款。"
        ));
        assert!(punishes(
            "工作人员玩忽职守、滥用职权的，由其所在单位依法给予处分。"
        ));
        assert!(!punishes("在堤防和护堤地，禁止建房、放牧、开渠、打井。"));
        assert!(!punishes("罚款应当全部上缴国库。"));
        assert!(!punishes(
            "业主欠交物业费的，业主委员会应当督促其限期交纳。"
        ));
        assert!(is_penalty(
            "第六章 罚则",
            "有下列行为之一的：（一）在堤防上建房；"
        ));
        assert!(!is_penalty("第三章 河道保护", "在堤防和护堤地，禁止建房。"));
    }
}
