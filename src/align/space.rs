//! Segmented articles in, the similarity space out: one weighted word vector, bigram vector and
//! chapter profile per article, and the pair similarity every later step uses. No threads here.

use super::DocArticle;
use super::features::{Counts, SparseVec, Spread, Vocab, centroid, weigh};
use crate::model::DocId;
use rayon::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};

/// Weights of the evidence in `Space::sim`. Chosen on the development gold as whole-method
/// settings (never per item) and kept round so they do not pretend to more precision than they have.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct SimWeights {
    /// Share of the word (jieba) cosine in the content similarity; the rest is the bigram cosine.
    pub words: f32,
    /// Bonus times the cosine of the two articles' chapter profiles.
    pub chapter: f32,
    /// Weight of the cosine of the two articles' meaning embeddings (word vectors learned from
    /// lawrefbook, IDF-weighted mean with the corpus's mean embedding removed, SIF-style): evidence
    /// that two articles say the same thing in other words. 0 leaves it out.
    #[serde(default)]
    pub meaning: f32,
    /// Power of the IDF in every term weight (1: the plain IDF). Above 1, a family's common words
    /// weigh less beside the words that tell its matters apart.
    #[serde(default = "one")]
    pub idf_power: f32,
    /// Weight of the paragraph evidence in a pair's score: the share-weighted best paragraph
    /// cosine (each paragraph of one article to its best paragraph of the other, the better of the
    /// two directions), counted only where it exceeds the whole-article content similarity, so a
    /// matter held in one paragraph of a long article is not diluted. 0 leaves it out.
    #[serde(default)]
    pub paragraphs: f32,
    /// Hubness correction of a pair's score: minus this times how far the two articles' mean best
    /// score (over the documents where they have candidates) lies above the corpus's mean, so an
    /// article that resembles everything (a family's generic wording) wins fewer best matches and
    /// a loosely worded one more. 0 leaves it out.
    #[serde(default)]
    pub hub: f32,
    /// Weight of the drafting-equivalents evidence in a pair's score: the words of one article
    /// that the other lacks but that are associated (`crate::assoc`, mined from lawrefbook's
    /// aligned families) with words of the other, IDF-weighted (`similarity::Scorer`). 0 leaves
    /// it out.
    #[serde(default)]
    pub assoc: f32,
    /// Weight of the bridged evidence in a pair's score: the words of one article that the other
    /// lacks but that its words translate to in a table learned from the corpus's own confident
    /// counterparts (`bridge.rs`, IBM Model 1), IDF-weighted. 0 leaves it out.
    #[serde(default)]
    pub bridge: f32,
    /// Least z-score over the corpus's null distribution of a counterpart pair the bridged
    /// table learns from.
    #[serde(default = "bridge_z")]
    pub bridge_z: f32,
    /// How many times its chance level (the share of the word among all counterparts' words)
    /// `t(v | u)` must reach for a pair of words to enter the bridged table.
    #[serde(default = "bridge_ratio")]
    pub bridge_ratio: f32,
    /// Weight of the translation table learned across lawrefbook's families
    /// (`bridge::GlobalTable`, `corpus/bridge.tsv`) in the bridged table: each word's partners
    /// get this times their global `t(v | u)` added to the family's own. 0 leaves it out (and the
    /// table is never read); nothing without `bridge`.
    #[serde(default)]
    pub global_bridge: f32,
    /// Weight of a pair term of its own from the same table: the mean of the two directions'
    /// cosines of one article's translated words (the words it lacks that its words translate to)
    /// with the other's words, in every scoring. 0 leaves it out.
    #[serde(default)]
    pub global_term: f32,
    /// When true, the paragraph and hubness terms only decide which article is another's best
    /// match (who is mutual best, where the votes go); the grouping's thresholds read the plain
    /// similarity, on which they were calibrated.
    #[serde(default)]
    pub rank_only: bool,
    /// Bonus of a pair of articles whose chapters correspond by title across the two documents,
    /// relative to the corpus (`titles.rs`: each chapter the other's best by title in its
    /// document, the title cosine above the corpus's median of such cosines). 0 leaves it out.
    #[serde(default)]
    pub chapter_title: f32,
    /// Penalty of a pair of articles whose titled chapters do not correspond (both documents
    /// having two titled chapters or more; `titles.rs`). 0 leaves it out.
    #[serde(default)]
    pub chapter_apart: f32,
    /// When above 0, the two chapter-title terms apply only to pairs whose similarity lies this
    /// many robust spreads above the corpus's null median (`Space::null_sim`): the title then
    /// decides between articles that already share their matter, not whether they do.
    #[serde(default)]
    pub chapter_title_z: f32,
}

fn one() -> f32 {
    1.0
}

/// Default of [`SimWeights::bridge_z`].
pub(crate) const BRIDGE_Z: f32 = 3.0;
/// Default of [`SimWeights::bridge_ratio`].
pub(crate) const BRIDGE_RATIO: f32 = 30.0;

fn bridge_z() -> f32 {
    BRIDGE_Z
}

fn bridge_ratio() -> f32 {
    BRIDGE_RATIO
}

/// Words kept in a chapter profile: its heaviest, enough to say what the chapter is about, few
/// enough that comparing two chapters stays as cheap as comparing two articles (a document
/// without chapters has one profile of thousands of words).
const CHAPTER_TERMS: usize = 256;

/// The `k` heaviest terms of `v`, renormalised.
fn top_terms(v: SparseVec, k: usize) -> SparseVec {
    if v.terms.len() <= k {
        return v;
    }
    let mut pairs: Vec<(u32, f32)> = v.iter().collect();
    pairs.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    pairs.truncate(k);
    SparseVec::normalised(pairs)
}

/// Where an article sits: its document (index into the aligned slice), number and chapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unit {
    pub(crate) doc: usize,
    /// Position of the article inside its document (0-based), for neighbours.
    pub(crate) pos: usize,
    pub(crate) number: u32,
    /// The 之一 of an inserted article (第十七条之一 → 1), 0 for most.
    pub(crate) sub: u32,
    /// Which of several articles of its document with this number and sub it is (1 for most).
    pub(crate) occurrence: u32,
    /// Global chapter key (index into `Space::chapters`).
    pub(crate) chapter: usize,
}

impl Unit {
    /// The article this unit stands for among `docs` (those the space was built from).
    pub(crate) fn article<'d>(
        &self,
        docs: &[&'d crate::model::Regulation],
    ) -> Option<&'d crate::model::Article> {
        docs.get(self.doc).and_then(|d| d.articles.get(self.pos))
    }

    /// The article this unit stands for, named as the groups name it: `ids` are the ids of the
    /// documents the space was built from, in their order.
    pub(crate) fn doc_article(&self, ids: &[DocId]) -> DocArticle {
        DocArticle {
            doc: ids[self.doc].clone(),
            article: self.number,
            sub: self.sub,
            occurrence: self.occurrence,
        }
    }
}

/// Every article of the aligned documents as vectors, in document then reading order.
pub(crate) struct Space {
    pub(crate) units: Vec<Unit>,
    pub(crate) words: Vec<SparseVec>,
    pub(crate) bigrams: Vec<SparseVec>,
    pub(crate) chapters: Vec<SparseVec>,
    pub(crate) word_vocab: Vocab,
    pub(crate) bigram_vocab: Vocab,
    /// Unit index of each document's first article, plus a final end marker.
    pub(crate) doc_starts: Vec<usize>,
    pub(crate) weights: SimWeights,
    /// Each article's meaning embedding, `dims` floats after another (unit length, or zero when
    /// none of its words has a vector); empty when the meaning term is off.
    pub(crate) meaning: Vec<f32>,
    /// Dimensions of a meaning embedding (0 when the term is off).
    pub(crate) dims: usize,
    /// The cosine of each pair of chapter profiles once [`Space::sim`] has computed it, as the
    /// bits of the `f32` ([`UNSET`] until then), one cell per unordered pair (see
    /// [`Space::chapter_sim`]); empty when the chapters are too many for the table.
    chapter_sims: Vec<AtomicU32>,
}

/// One article's word and bigram vectors spread over their vocabularies ([`Spread`], loaded by
/// [`Space::load`]): its similarity to many others costs a walk over their terms only, and is the
/// one [`Space::sim`] gives, bit for bit.
#[derive(Debug, Default)]
pub(crate) struct Near {
    pub(crate) words: Spread,
    pub(crate) bigrams: Spread,
}

/// Most cells of the table of chapter cosines (16 MB): about 2,900 chapters. A corpus with more
/// computes each pair's cosine every time.
const CHAPTER_CELLS: usize = 1 << 22;

/// A cell of the chapter table not yet computed: a NaN that arithmetic never yields.
const UNSET: u32 = u32::MAX;

impl Space {
    /// Weighs the counted articles by IDF over the whole set and builds the chapter profiles.
    pub(crate) fn new(
        units: Vec<Unit>,
        counts: Vec<Counts>,
        word_vocab: Vocab,
        bigram_vocab: Vocab,
        weights: SimWeights,
    ) -> Space {
        let n = units.len();
        let (mut word_vocab, mut bigram_vocab) = (word_vocab, bigram_vocab);
        word_vocab.idf_power = Some(weights.idf_power);
        bigram_vocab.idf_power = Some(weights.idf_power);
        let mut words: Vec<SparseVec> = Vec::with_capacity(counts.len());
        let mut bigrams: Vec<SparseVec> = Vec::with_capacity(counts.len());
        for c in counts {
            words.push(weigh(c.words, &word_vocab, n));
            bigrams.push(weigh(c.bigrams, &bigram_vocab, n));
        }
        let n_chapters = units.iter().map(|u| u.chapter + 1).max().unwrap_or(0);
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_chapters];
        for (i, u) in units.iter().enumerate() {
            members[u.chapter].push(i);
        }
        let chapters = members
            .iter()
            .map(|m| top_terms(centroid(m.iter().map(|&i| &words[i])), CHAPTER_TERMS))
            .collect();
        let n_docs = units.iter().map(|u| u.doc + 1).max().unwrap_or(0);
        let mut doc_starts = vec![n; n_docs + 1];
        for (i, u) in units.iter().enumerate().rev() {
            doc_starts[u.doc] = i;
        }
        for d in (0..n_docs).rev() {
            doc_starts[d] = doc_starts[d].min(doc_starts[d + 1]);
        }
        let cells = n_chapters * (n_chapters + 1) / 2;
        let chapter_sims = if cells <= CHAPTER_CELLS {
            (0..cells).map(|_| AtomicU32::new(UNSET)).collect()
        } else {
            Vec::new()
        };
        Space {
            units,
            words,
            bigrams,
            chapters,
            chapter_sims,
            word_vocab,
            bigram_vocab,
            doc_starts,
            weights,
            meaning: Vec::new(),
            dims: 0,
        }
    }

    /// Sets each article's meaning embedding (`rows`: `dims` floats per article, in unit order).
    pub(crate) fn set_meaning(&mut self, rows: Vec<f32>, dims: usize) {
        if dims > 0 && rows.len() == dims * self.len() {
            self.meaning = rows;
            self.dims = dims;
        }
    }

    /// Article `x`'s meaning embedding (empty when the term is off).
    pub(crate) fn meaning_of(&self, x: usize) -> &[f32] {
        if self.dims == 0 {
            return &[];
        }
        &self.meaning[x * self.dims..(x + 1) * self.dims]
    }

    /// Whether the similarity has a meaning term.
    pub(crate) fn has_meaning(&self) -> bool {
        self.dims > 0 && self.weights.meaning != 0.0
    }

    pub(crate) fn len(&self) -> usize {
        self.units.len()
    }

    pub(crate) fn n_docs(&self) -> usize {
        self.doc_starts.len() - 1
    }

    /// Whether, in each document, the articles among `units` lie within `span` positions of each
    /// other (first and last at most `span` apart). The one test behind every step's `span`: a
    /// caller narrows `units` to the documents it asks about.
    pub(crate) fn within_span(&self, units: impl IntoIterator<Item = usize>, span: usize) -> bool {
        let mut range: std::collections::BTreeMap<usize, (usize, usize)> = Default::default();
        for x in units {
            let u = &self.units[x];
            let r = range.entry(u.doc).or_insert((u.pos, u.pos));
            r.0 = r.0.min(u.pos);
            r.1 = r.1.max(u.pos);
        }
        range.values().all(|&(lo, hi)| hi - lo <= span)
    }

    /// The unit of document `doc` at position `pos`, if the document has that many articles.
    pub(crate) fn at(&self, doc: usize, pos: usize) -> Option<usize> {
        let i = self.doc_starts[doc] + pos;
        (i < self.doc_starts[doc + 1]).then_some(i)
    }

    /// Shared wording and shared meaning-bearing words, in [0, 1].
    pub(crate) fn content(&self, x: usize, y: usize) -> f32 {
        let w = self.weights.words;
        w * self.words[x].dot(&self.words[y]) + (1.0 - w) * self.bigrams[x].dot(&self.bigrams[y])
    }

    /// Loads article `x` into `near`, for [`Space::content_near`] and [`Space::sim_near`].
    pub(crate) fn load(&self, near: &mut Near, x: usize) {
        near.words
            .load(&self.words[x], self.word_vocab.strings.len());
        near.bigrams
            .load(&self.bigrams[x], self.bigram_vocab.strings.len());
    }

    /// [`Space::content`] of the article loaded in `near` and `y`, bit for bit (the same products
    /// added in the same order; either way round, as the products commute).
    pub(crate) fn content_near(&self, near: &mut Near, y: usize) -> f32 {
        let w = self.weights.words;
        w * near.words.dot(&self.words[y]) + (1.0 - w) * near.bigrams.dot(&self.bigrams[y])
    }

    /// [`Space::sim`] of `x`, loaded in `near`, and `y`, bit for bit.
    pub(crate) fn sim_near(&self, near: &mut Near, x: usize, y: usize) -> f32 {
        let (cx, cy) = (self.units[x].chapter, self.units[y].chapter);
        let s = self.content_near(near, y) + self.weights.chapter * self.chapter_sim(cx, cy);
        if self.has_meaning() {
            s + self.weights.meaning * dense_dot(self.meaning_of(x), self.meaning_of(y))
        } else {
            s
        }
    }

    /// How much of `x`'s content reappears in `y`, in [0, 1]: high when `y` holds `x`'s matter
    /// among others (one article where another document has several).
    pub(crate) fn coverage(&self, x: usize, y: usize) -> f32 {
        let w = self.weights.words;
        w * self.words[x].covered_by(&self.words[y])
            + (1.0 - w) * self.bigrams[x].covered_by(&self.bigrams[y])
    }

    /// The centre and spread of [`Space::sim`] over unrelated pairs of articles of different
    /// documents (median and 1.4826 × median absolute deviation, a robust standard deviation):
    /// the scale on which a similarity means "more than chance" in this corpus. Pairs are drawn by
    /// a fixed hash, so the figures are deterministic; most such pairs are unrelated in any family.
    pub(crate) fn null_sim(&self) -> (f32, f32) {
        const SAMPLES: usize = 20_000;
        let n = self.len();
        if n < 2 || self.n_docs() < 2 {
            return (0.0, 1.0);
        }
        // The pairs are drawn in order, their similarities computed in parallel.
        let mut drawn = Vec::with_capacity(SAMPLES);
        for (x, y) in hashed_pairs(0x9e37_79b9_7f4a_7c15, n, n).take(4 * SAMPLES) {
            if drawn.len() == SAMPLES {
                break;
            }
            if self.units[x].doc != self.units[y].doc {
                drawn.push((x, y));
            }
        }
        // Each unordered pair once (the similarity is symmetric bit for bit), the pairs of one
        // article together, so that it is loaded once ([`Near`]).
        let mut once: Vec<(usize, usize)> =
            drawn.iter().map(|&(x, y)| (x.min(y), x.max(y))).collect();
        once.sort_unstable();
        once.dedup();
        let values: Vec<f32> = once
            .chunk_by(|a, b| a.0 == b.0)
            .collect::<Vec<_>>()
            .par_iter()
            .map_init(Near::default, |near, run| {
                self.load(near, run[0].0);
                run.iter()
                    .map(|&(x, y)| self.sim_near(near, x, y))
                    .collect::<Vec<f32>>()
            })
            .flatten_iter()
            .collect();
        let mut sims: Vec<f32> = drawn
            .iter()
            .map(|&(x, y)| {
                once.binary_search(&(x.min(y), x.max(y)))
                    .map_or_else(|_| self.sim(x, y), |i| values[i])
            })
            .collect();
        if sims.is_empty() {
            return (0.0, 1.0);
        }
        let median = |v: &mut Vec<f32>| {
            let mid = v.len() / 2;
            *v.select_nth_unstable_by(mid, f32::total_cmp).1
        };
        let centre = median(&mut sims);
        let mut dev: Vec<f32> = sims.iter().map(|s| (s - centre).abs()).collect();
        let spread = (1.4826 * median(&mut dev)).max(1e-3);
        (centre, spread)
    }

    /// Content plus a bonus when the two chapters speak of the same things: documents that order
    /// chapters differently still put a provision in the chapter about its matter.
    pub(crate) fn sim(&self, x: usize, y: usize) -> f32 {
        let (cx, cy) = (self.units[x].chapter, self.units[y].chapter);
        let s = self.content(x, y) + self.weights.chapter * self.chapter_sim(cx, cy);
        if self.has_meaning() {
            s + self.weights.meaning * dense_dot(self.meaning_of(x), self.meaning_of(y))
        } else {
            s
        }
    }
}

impl Space {
    /// The cosine of the profiles of chapters `a` and `b`, computed once per pair: the same
    /// products in the same order either way round, so the table's value is the one
    /// `chapters[a].dot(&chapters[b])` gives, bit for bit. Threads that meet a pair at once both
    /// compute it and store the same bits.
    fn chapter_sim(&self, a: usize, b: usize) -> f32 {
        let (lo, hi) = (a.min(b), a.max(b));
        let Some(cell) = self.chapter_sims.get(hi * (hi + 1) / 2 + lo) else {
            return self.chapters[a].dot(&self.chapters[b]);
        };
        let bits = cell.load(Ordering::Relaxed);
        if bits != UNSET {
            return f32::from_bits(bits);
        }
        let s = self.chapters[a].dot(&self.chapters[b]);
        cell.store(s.to_bits(), Ordering::Relaxed);
        s
    }
}

/// Dot product of two dense vectors of the same length.
pub(crate) fn dense_dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// A fixed, well-spread sequence of index pairs (`x < n`, `y < m`) drawn by splitmix64 from
/// `seed`: the null distributions' samples, deterministic from run to run.
pub(crate) fn hashed_pairs(seed: u64, n: usize, m: usize) -> impl Iterator<Item = (usize, usize)> {
    let mut state = seed;
    std::iter::repeat_with(move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        ((z as usize) % n.max(1), ((z >> 32) as usize) % m.max(1))
    })
}

/// The value at `quantile` (0 to 1) of `values`, 0 for none.
pub(crate) fn quantile_of(mut values: Vec<f32>, quantile: f32) -> f32 {
    if values.is_empty() {
        return 0.0;
    }
    let at = ((values.len() as f32 * quantile.clamp(0.0, 1.0)) as usize).min(values.len() - 1);
    *values.select_nth_unstable_by(at, f32::total_cmp).1
}

#[cfg(test)]
mod tests {
    use super::super::tests::doc;
    use super::super::{Params, build_space};
    use crate::model::Regulation;

    /// An article loaded once gives [`Space::sim`] and [`Space::content`] of every pair, bit for
    /// bit and either way round, on the five.
    #[test]
    fn loaded_article_gives_the_similarity() {
        let corpus = crate::builtin::load().expect("the five");
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        let space = build_space(&docs, Params::default().sim);
        let mut near = super::Near::default();
        let mut shared = 0;
        for x in (0..space.len()).step_by(7) {
            space.load(&mut near, x);
            for y in (0..space.len()).step_by(3) {
                let s = space.sim_near(&mut near, x, y);
                assert_eq!(s.to_bits(), space.sim(x, y).to_bits(), "{x} {y}");
                assert_eq!(s.to_bits(), space.sim(y, x).to_bits(), "{x} {y}");
                let c = space.content_near(&mut near, y);
                assert_eq!(c.to_bits(), space.content(x, y).to_bits(), "{x} {y}");
                shared += usize::from(c > 0.1);
            }
        }
        assert!(shared > 100, "{shared}");
    }

    /// The table of chapter cosines holds what the dot product of the two profiles gives, bit
    /// for bit, whichever way round a pair is asked for and whether computed or read back.
    #[test]
    fn chapter_table_gives_the_dot_product() {
        let texts = [
            "养犬人应当为犬只办理登记，取得养犬登记证。",
            "携犬出户的，应当为犬只束犬链，并由成年人牵领。",
            "犬只伤人的，养犬人应当立即将受伤者送至医疗机构诊治。",
            "饲养烈性犬的，应当采取措施防止其伤人。",
            "违反本条例规定的，由公安机关责令改正，处以罚款。",
            "本条例自公布之日起施行。",
        ];
        let docs: Vec<Regulation> = ["a", "b", "c"]
            .iter()
            .enumerate()
            .map(|(k, id)| {
                let mut d = doc(id, &texts[k..]);
                for (i, a) in d.articles.iter_mut().enumerate() {
                    a.chapter.number = (i % 3) as u32 + 1;
                    a.chapter.title = ["总则", "管理", "法律责任"][i % 3].into();
                }
                d
            })
            .collect();
        let docs: Vec<&Regulation> = docs.iter().collect();
        let space = build_space(&docs, Params::default().sim);
        let n = space.chapters.len();
        assert!(n >= 6, "{n} chapters");
        assert_eq!(space.chapter_sims.len(), n * (n + 1) / 2);
        for _ in 0..2 {
            for a in 0..n {
                for b in 0..n {
                    let direct = space.chapters[a].dot(&space.chapters[b]);
                    assert_eq!(space.chapter_sim(a, b).to_bits(), direct.to_bits());
                }
            }
        }
    }
}
