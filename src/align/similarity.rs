//! The similarity space and each article's candidates in, the score of every candidate pair out:
//! the space's linear similarity, plus the paragraph evidence and the hubness correction of
//! [`SimWeights`](super::SimWeights). Also the public view of those scores that tuning reads
//! ([`Similarities`]) and the ranking metric over a gold ([`rank`]), which judges the similarity
//! apart from the grouping. Parallel over articles.

use super::eval::Gold;
use super::features::{SparseVec, Spread};
use super::space::{Near, Space};
use super::{CandidateLimits, Params, build_space, candidates};
use crate::model::Regulation;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Documents whose best scores make an article's hubness: enough to average out one lucky
/// match, few enough that in a corpus of hundreds of regulations only the near family counts.
const HUB_DOCS: usize = 8;

/// Per article, its candidates with their score.
pub(crate) type PairLists = Vec<Vec<(u32, f32)>>;

/// Per article, what the ranking adds to each candidate's score (in the order of its
/// candidates); empty when the ranking reads the scores themselves.
pub(crate) type RankExtra = Vec<Vec<f32>>;

/// What a pair's score needs beyond the space: each article's paragraphs (when the paragraph
/// term is on), each article's associated words (when the association term is on) and each
/// article's hubness (when the correction is on).
pub(crate) struct Scorer {
    parts: Vec<Vec<(usize, f32, SparseVec)>>,
    /// Per article, the words of the corpus it lacks, each weighted by the sum over the article's
    /// words of their weight times the word's association (`crate::assoc`); empty when off.
    assoc: Vec<SparseVec>,
    /// Per article, the words it lacks that its words translate to in the corpus's own table
    /// (`bridge.rs`); empty when the bridged term is off or not yet fitted.
    pub(crate) bridge: Vec<SparseVec>,
    /// Per article, its words weighted by their concentration in a first grouping
    /// (`bridge::specific_words`), the weight of their cosine and whether it replaces the plain
    /// word cosine; empty when off.
    pub(crate) specific: (Vec<SparseVec>, f32, bool),
    /// Per article, the words it lacks that its words translate to in the table learned across
    /// lawrefbook's families (`bridge::GlobalTable`), as a unit vector; empty when
    /// `SimWeights::global_term` is 0.
    global: Vec<SparseVec>,
    /// Per article, the mean of its best scores in its best [`HUB_DOCS`] documents, less the
    /// corpus's mean of those; empty when the correction is off.
    hub: Vec<f32>,
    /// Which chapters correspond by title (`titles.rs`); `None` when both title terms are off.
    titles: Option<super::titles::Titles>,
    /// The least similarity a pair needs for the title terms (`SimWeights::chapter_title_z`
    /// over the corpus's null); −∞ when every pair takes them.
    title_floor: f32,
}

impl Scorer {
    /// Reads the paragraphs of every article and, from the candidate lists, each article's
    /// hubness.
    pub(crate) fn new(space: &Space, docs: &[&Regulation], lists: &[Vec<u32>]) -> Scorer {
        let parts = if space.weights.paragraphs != 0.0 {
            (0..space.len())
                .into_par_iter()
                .map(|x| super::parts::of_unit(docs, space, x))
                .collect()
        } else {
            Vec::new()
        };
        let assoc = if space.weights.assoc != 0.0 {
            associated_words(space, crate::assoc::Associations::builtin())
        } else {
            Vec::new()
        };
        let global = if space.weights.global_term != 0.0 {
            global_words(space, super::bridge::GlobalTable::builtin())
        } else {
            Vec::new()
        };
        let mut scorer = Scorer {
            parts,
            assoc,
            global,
            bridge: Vec::new(),
            specific: (Vec::new(), 0.0, false),
            hub: Vec::new(),
            titles: (space.weights.chapter_title != 0.0 || space.weights.chapter_apart != 0.0)
                .then(|| super::titles::Titles::new(space, docs)),
            title_floor: f32::NEG_INFINITY,
        };
        if scorer.titles.is_some() && space.weights.chapter_title_z > 0.0 {
            let (median, spread) = space.null_sim();
            scorer.title_floor = median + space.weights.chapter_title_z * spread;
        }
        if space.weights.hub != 0.0 {
            let raw: Vec<f32> = lists
                .par_iter()
                .enumerate()
                .map(|(x, ys)| scorer.mean_best(space, x, ys))
                .collect();
            let mean = raw.iter().sum::<f32>() / raw.len().max(1) as f32;
            scorer.hub = raw.into_iter().map(|r| r - mean).collect();
        }
        scorer
    }

    /// Mean of `x`'s best raw score in each of the [`HUB_DOCS`] documents where it scores best.
    fn mean_best(&self, space: &Space, x: usize, ys: &[u32]) -> f32 {
        let mut best: BTreeMap<usize, f32> = BTreeMap::new();
        for &y in ys {
            let s = self.raw(space, x, y as usize);
            let slot = best.entry(space.units[y as usize].doc).or_insert(s);
            *slot = slot.max(s);
        }
        let mut v: Vec<f32> = best.into_values().collect();
        v.sort_by(|a, b| b.total_cmp(a));
        v.truncate(HUB_DOCS);
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f32>() / v.len() as f32
        }
    }

    /// The space's similarity plus the association and paragraph evidence.
    fn raw(&self, space: &Space, x: usize, y: usize) -> f32 {
        self.raw_from(space, x, y, self.base(space, x, y))
    }

    /// The part of the raw score that the translation table leaves alone: the space's similarity
    /// plus the association evidence.
    fn base(&self, space: &Space, x: usize, y: usize) -> f32 {
        let s = space.sim(x, y);
        let s = s + self.title_term(space, x, y, s);
        if self.assoc.is_empty() {
            return s;
        }
        s + space.weights.assoc * self.association(space, x, y)
    }

    /// [`Scorer::base`] of `x`, loaded in `near`, and `y`, bit for bit.
    fn base_near(&self, space: &Space, near: &mut Near, x: usize, y: usize) -> f32 {
        let s = space.sim_near(near, x, y);
        let s = s + self.title_term(space, x, y, s);
        if self.assoc.is_empty() {
            return s;
        }
        s + space.weights.assoc * self.association(space, x, y)
    }

    /// [`Scorer::score_from`] of `x`, loaded in `near` (and its bridged words in `bridged`), and
    /// `y`, bit for bit: the same products in the same order, the two directions of the bridged
    /// term added in the same order.
    fn score_near(
        &self,
        space: &Space,
        (near, bridged): &mut (Near, Spread),
        x: usize,
        y: usize,
        base: f32,
    ) -> f32 {
        let mut s = base;
        if !self.bridge.is_empty() {
            let b = bridged.dot(&space.words[y]) + near.words.dot(&self.bridge[y]);
            s += space.weights.bridge * (0.5 * b).min(1.0);
        }
        if !self.global.is_empty() {
            s += self.global_term(space, x, y);
        }
        if !self.specific.0.is_empty() {
            s += self.specific_term(space, x, y);
        }
        if !self.parts.is_empty() {
            let gain = (self.paragraph_match(x, y) - space.content_near(near, y)).max(0.0);
            s += space.weights.paragraphs * gain;
        }
        if self.hub.is_empty() {
            return s;
        }
        s - space.weights.hub * 0.5 * (self.hub[x] + self.hub[y])
    }

    /// The raw score from its [`Scorer::base`]: plus the bridged and the paragraph evidence.
    fn raw_from(&self, space: &Space, x: usize, y: usize, base: f32) -> f32 {
        let mut s = base;
        if !self.bridge.is_empty() {
            let b = self.bridge[x].dot(&space.words[y]) + self.bridge[y].dot(&space.words[x]);
            s += space.weights.bridge * (0.5 * b).min(1.0);
        }
        if !self.global.is_empty() {
            s += self.global_term(space, x, y);
        }
        if !self.specific.0.is_empty() {
            s += self.specific_term(space, x, y);
        }
        if self.parts.is_empty() {
            return s;
        }
        let gain = (self.paragraph_match(x, y) - space.content(x, y)).max(0.0);
        s + space.weights.paragraphs * gain
    }

    /// The chapter-title term of `x`, `y` (`titles.rs`): the bonus when their chapters
    /// correspond, minus the penalty when both are titled and do not; 0 when off or when the
    /// pair's similarity `sim` lies under the floor.
    fn title_term(&self, space: &Space, x: usize, y: usize, sim: f32) -> f32 {
        let Some(titles) = &self.titles else {
            return 0.0;
        };
        if sim < self.title_floor {
            return 0.0;
        }
        let e = titles.evidence(space.units[x].chapter, space.units[y].chapter);
        if e > 0.0 {
            space.weights.chapter_title
        } else if e < 0.0 {
            -space.weights.chapter_apart
        } else {
            0.0
        }
    }

    /// The global bridged term of `x`, `y`: its weight times the mean of the two directions'
    /// cosines of one article's translated words with the other's words.
    fn global_term(&self, space: &Space, x: usize, y: usize) -> f32 {
        let b = self.global[x].dot(&space.words[y]) + self.global[y].dot(&space.words[x]);
        space.weights.global_term * (0.5 * b).min(1.0)
    }

    /// The specific-word term of `x`, `y` (`bridge::specific_words`): its weight times their
    /// cosine, or times its difference with the plain word cosine when it replaces it.
    fn specific_term(&self, space: &Space, x: usize, y: usize) -> f32 {
        let (words, weight, replace) = &self.specific;
        let c = words[x].dot(&words[y]);
        if *replace {
            weight * (c - space.words[x].dot(&space.words[y]))
        } else {
            weight * c
        }
    }

    /// How far each article's words are associated with words of the other that it lacks: the
    /// mean of the two directions, each the dot product of one article's associated words with
    /// the other's word vector (at most 1).
    pub(crate) fn association(&self, space: &Space, x: usize, y: usize) -> f32 {
        let a = self.assoc[x].dot(&space.words[y]) + self.assoc[y].dot(&space.words[x]);
        (0.5 * a).min(1.0)
    }

    /// The better direction of the share-weighted best paragraph cosine: each paragraph of one
    /// article to the paragraph of the other it resembles most, weighed by its share of its article.
    fn paragraph_match(&self, x: usize, y: usize) -> f32 {
        let one_way = |a: &[(usize, f32, SparseVec)], b: &[(usize, f32, SparseVec)]| -> f32 {
            a.iter()
                .map(|(_, share, p)| {
                    share * b.iter().map(|(_, _, q)| p.dot(q)).fold(0.0f32, f32::max)
                })
                .sum()
        };
        let (px, py) = (&self.parts[x], &self.parts[y]);
        if px.len() < 2 && py.len() < 2 {
            // One paragraph each: the article cosine already says it all.
            return 0.0;
        }
        one_way(px, py).max(one_way(py, px))
    }

    /// The score of the pair `x`, `y` as the grouping reads it.
    pub(crate) fn score(&self, space: &Space, x: usize, y: usize) -> f32 {
        self.score_from(space, x, y, self.base(space, x, y))
    }

    /// [`Scorer::score`] from the pair's [`Scorer::base`].
    fn score_from(&self, space: &Space, x: usize, y: usize, base: f32) -> f32 {
        let s = self.raw_from(space, x, y, base);
        if self.hub.is_empty() {
            return s;
        }
        s - space.weights.hub * 0.5 * (self.hub[x] + self.hub[y])
    }

    /// The [`Scorer::base`] of every candidate pair, in parallel: what a second scoring with a
    /// translation table fitted in between need not compute again.
    pub(crate) fn bases(&self, space: &Space, lists: &[Vec<u32>]) -> Vec<Vec<f32>> {
        each_pair(
            lists,
            Near::default,
            |near, x| space.load(near, x),
            |near, x, _, y| self.base_near(space, near, x, y),
        )
    }

    /// Every candidate pair with its score, in parallel, and (when `rank_only`) what the ranking
    /// adds to each score: the pair's score is then the plain similarity, and the paragraph and
    /// hubness terms come apart, in the same order as the pairs. `bases`, when given, holds each
    /// pair's [`Scorer::base`] (from [`Scorer::bases`] over the same lists).
    pub(crate) fn score_lists(
        &self,
        space: &Space,
        lists: Vec<Vec<u32>>,
        bases: Option<&[Vec<f32>]>,
    ) -> (PairLists, RankExtra) {
        let rank_only = space.weights.rank_only
            && (!self.parts.is_empty()
                || !self.hub.is_empty()
                || !self.assoc.is_empty()
                || !self.bridge.is_empty());
        if !rank_only {
            // Every score is symmetric bit for bit (sums of products that commute, added in
            // the same order): each unordered pair is scored once, its first article loaded.
            let n_words = space.word_vocab.strings.len();
            let scores = each_pair(
                &lists,
                || (Near::default(), Spread::default()),
                |state, x| {
                    space.load(&mut state.0, x);
                    if let Some(b) = self.bridge.get(x) {
                        state.1.load(b, n_words);
                    }
                },
                |state, x, k, y| {
                    let base = match bases {
                        Some(b) => b[x][k],
                        None => self.base_near(space, &mut state.0, x, y),
                    };
                    self.score_near(space, state, x, y, base)
                },
            );
            let pairs = lists
                .into_iter()
                .zip(scores)
                .map(|(ys, ss)| ys.into_iter().zip(ss).collect())
                .collect();
            return (pairs, Vec::new());
        }
        type Scored = (Vec<(u32, f32)>, Vec<f32>);
        let scored: Vec<Scored> = lists
            .into_par_iter()
            .enumerate()
            .map(|(x, ys)| {
                let mut extra = Vec::new();
                let pairs = ys
                    .into_iter()
                    .enumerate()
                    .map(|(k, y)| {
                        let base = match bases {
                            Some(b) => b[x][k],
                            None => self.base(space, x, y as usize),
                        };
                        let s = self.score_from(space, x, y as usize, base);
                        if !rank_only {
                            return (y, s);
                        }
                        let plain = space.sim(x, y as usize);
                        extra.push(s - plain);
                        (y, plain)
                    })
                    .collect();
                (pairs, extra)
            })
            .collect();
        if rank_only {
            scored.into_iter().unzip()
        } else {
            (scored.into_iter().map(|(p, _)| p).collect(), Vec::new())
        }
    }
}

/// `f(state, x, k, y)` for every candidate `y` = `lists[x][k]`, in the lists' layout, for a
/// symmetric `f` on symmetric, sorted lists: each unordered pair is computed once, with the
/// smaller article `x` loaded into the state (`load(state, x)`, once per article), and read back
/// for the other order. A pair missing from the other's list is computed with `x` loaded.
fn each_pair<S, T: Copy + Send + Sync>(
    lists: &[Vec<u32>],
    init: impl Fn() -> S + Sync + Send,
    load: impl Fn(&mut S, usize) + Sync + Send,
    f: impl Fn(&mut S, usize, usize, usize) -> T + Sync + Send,
) -> Vec<Vec<T>> {
    let after = |x: usize| lists[x].partition_point(|&y| y as usize <= x);
    let upper: Vec<Vec<T>> = lists
        .par_iter()
        .enumerate()
        .map_init(&init, |state, (x, ys)| {
            let from = after(x);
            if from == ys.len() {
                return Vec::new();
            }
            load(state, x);
            (from..ys.len())
                .map(|k| f(state, x, k, ys[k] as usize))
                .collect()
        })
        .collect();
    lists
        .par_iter()
        .enumerate()
        .map_init(&init, |state, (x, ys)| {
            let from = after(x);
            let mut out = Vec::with_capacity(ys.len());
            let mut loaded = false;
            for (k, &y) in ys[..from].iter().enumerate() {
                let y = y as usize;
                let theirs = &lists[y][after(y)..];
                match theirs.binary_search(&(x as u32)) {
                    Ok(i) => out.push(upper[y][i]),
                    Err(_) => {
                        if !loaded {
                            load(state, x);
                            loaded = true;
                        }
                        out.push(f(state, x, k, y));
                    }
                }
            }
            out.extend_from_slice(&upper[x]);
            out
        })
        .collect()
}

/// The words an article lacks that `links` pairs with its own (per word id, its partners and their
/// weights), each weighted by its own word's weight times the link's, sorted by word id (a word
/// reached from several of the article's words comes once per link).
pub(crate) fn lacked_partners(x: &SparseVec, links: &[Vec<(u32, f32)>]) -> Vec<(u32, f32)> {
    let mut acc: Vec<(u32, f32)> = Vec::new();
    for (u, wu) in x.iter() {
        for &(v, a) in links.get(u as usize).map_or(&[][..], Vec::as_slice) {
            if x.terms.binary_search(&v).is_err() {
                acc.push((v, wu * a));
            }
        }
    }
    acc.sort_unstable_by_key(|p| p.0);
    acc
}

/// Per article, the words it lacks that its words translate to in `table` (over the corpus's
/// vocabulary), each weighted by the sum of the article's word weights times `t(v | u)`, as a
/// unit vector.
pub(crate) fn global_words(space: &Space, table: &super::bridge::GlobalTable) -> Vec<SparseVec> {
    let vocab = &space.word_vocab;
    let links: Vec<Vec<(u32, f32)>> = vocab
        .strings
        .par_iter()
        .enumerate()
        .map(|(u, w)| {
            table
                .partners(w)
                .iter()
                .filter_map(|(v, p)| vocab.get(v).filter(|&v| v as usize != u).map(|v| (v, *p)))
                .collect()
        })
        .collect();
    space
        .words
        .par_iter()
        .map(|x| SparseVec::normalised(lacked_partners(x, &links)))
        .collect()
}

/// Per article, the words of the corpus's vocabulary it lacks that are associated with its own:
/// each such word weighted by the sum of the article's word weights (unit IDF vector) times the
/// association's weight. Not normalised: an article with many associated words scores higher.
pub(crate) fn associated_words(
    space: &Space,
    table: &crate::assoc::Associations,
) -> Vec<SparseVec> {
    let vocab = &space.word_vocab;
    // Per vocabulary word, its associated words present in this corpus.
    let links: Vec<Vec<(u32, f32)>> = vocab
        .strings
        .par_iter()
        .map(|w| {
            table
                .associated(w)
                .filter_map(|(v, a)| vocab.get(v).map(|id| (id, a)))
                .collect()
        })
        .collect();
    space
        .words
        .par_iter()
        .map(|x| {
            let mut out = SparseVec::default();
            for (t, w) in lacked_partners(x, &links) {
                if out.terms.last() == Some(&t) {
                    if let Some(last) = out.weights.last_mut() {
                        *last += w;
                    }
                } else {
                    out.terms.push(t);
                    out.weights.push(w);
                }
            }
            out
        })
        .collect()
}

/// The pair scores of an aligned corpus as the grouping sees them, for judging the similarity
/// apart from the grouping (see [`rank`]).
pub struct Similarities {
    space: Space,
    scorer: Scorer,
    /// Per article, its candidates (sorted by article index).
    candidates: Vec<Vec<u32>>,
    /// (document id, article number) → article index (inserted articles left out).
    index: BTreeMap<(String, u32), usize>,
    /// Each document's id, in corpus order.
    names: Vec<String>,
}

/// Two confident counterparts, each as (document id, article number), and the z-score of their
/// score over the corpus's null distribution (see [`Similarities::mutual_best`]).
pub type Counterparts = ((String, u32), (String, u32), f32);

/// Scores `docs` with `params` (the steps of `align` up to the candidate pairs).
pub fn similarities(docs: &[&Regulation], params: &Params) -> Similarities {
    let folded = super::simplified(docs);
    let docs: &[&Regulation] = &folded.iter().map(|d| d.as_ref()).collect::<Vec<_>>();
    let space = build_space(docs, params.sim);
    let lists = candidate_lists(&space, params.candidates);
    let scorer = Scorer::new(&space, docs, &lists);
    let index = space
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.sub == 0)
        .map(|(i, u)| ((docs[u.doc].id.as_str().to_string(), u.number), i))
        .collect();
    Similarities {
        space,
        scorer,
        candidates: lists,
        index,
        names: docs.iter().map(|d| d.id.as_str().to_string()).collect(),
    }
}

/// The confident counterparts among the scored candidates: the pairs of articles of two
/// documents that are each other's best candidate there, whose score lies at least `z_min` robust
/// spreads above the corpus's null median (`Space::null_sim`) and at least `lead` ahead of the
/// runner-up of each side. `scores(x)` gives the candidates of `x` with their scores. As (x, y,
/// score) with x < y, by x and then y's document.
pub(crate) fn mutual_best<F, I>(
    space: &Space,
    scores: F,
    z_min: f32,
    lead: f32,
) -> Vec<(usize, usize, f32)>
where
    F: Fn(usize) -> I + Sync,
    I: IntoIterator<Item = (u32, f32)>,
{
    let (centre, spread) = space.null_sim();
    // Per article and other document: the best candidate, its score and the runner-up's score.
    let best: Vec<BTreeMap<usize, (usize, f32, f32)>> = (0..space.len())
        .into_par_iter()
        .map(|x| {
            let mut m: BTreeMap<usize, (usize, f32, f32)> = BTreeMap::new();
            for (y, s) in scores(x) {
                let y = y as usize;
                let doc = space.units[y].doc;
                if doc == space.units[x].doc {
                    continue;
                }
                let slot = m.entry(doc).or_insert((y, s, f32::NEG_INFINITY));
                if slot.0 != y {
                    if s > slot.1 {
                        *slot = (y, s, slot.1);
                    } else if s > slot.2 {
                        slot.2 = s;
                    }
                }
            }
            m
        })
        .collect();
    let mut out = Vec::new();
    for (x, m) in best.iter().enumerate() {
        for &(y, s, second) in m.values() {
            if y <= x {
                continue;
            }
            let Some(&(back, _, second_back)) = best[y].get(&space.units[x].doc) else {
                continue;
            };
            if back == x
                && (s - centre) / spread >= z_min
                && s - second >= lead
                && s - second_back >= lead
            {
                out.push((x, y, s));
            }
        }
    }
    out
}

/// Each article's candidates, symmetric and sorted (single-threaded accumulator per job).
pub(crate) fn candidate_lists(space: &Space, limits: CandidateLimits) -> Vec<Vec<u32>> {
    let index = candidates::InvertedIndex::new(space);
    // One scratch accumulator per rayon job; jobs of at least 256 articles keep their number small.
    let lists: Vec<Vec<u32>> = (0..space.len())
        .into_par_iter()
        .with_min_len(256)
        .map_init(
            || vec![0.0f32; space.len()],
            |acc, x| index.candidates(space, x, limits, acc),
        )
        .collect();
    drop(index);
    candidates::symmetric(lists)
}

impl Similarities {
    /// The score of two articles (document id, article number), whether candidates or not.
    pub fn score(&self, a: (&str, u32), b: (&str, u32)) -> Option<f32> {
        let x = *self.index.get(&(a.0.to_string(), a.1))?;
        let y = *self.index.get(&(b.0.to_string(), b.1))?;
        Some(self.scorer.score(&self.space, x, y))
    }

    /// The corpus's null distribution of the score: median and robust spread of the similarity
    /// of article pairs of different documents drawn by a fixed hash (`Space::null_sim`).
    pub fn null_sim(&self) -> (f32, f32) {
        self.space.null_sim()
    }

    /// A calibrated score of `a` against `b`: how far `b` lies ahead of the best other article of
    /// `b`'s document as `a`'s match (negative when another wins). Relative to `a`'s own ranking,
    /// so it reads the same in a template-heavy family and a freely drafted one.
    pub fn margin(&self, a: (&str, u32), b: (&str, u32)) -> Option<f32> {
        let x = *self.index.get(&(a.0.to_string(), a.1))?;
        let y = *self.index.get(&(b.0.to_string(), b.1))?;
        let ranked = self.ranked(x, self.space.units[y].doc);
        let own = ranked.iter().find(|r| r.0 == y)?.1;
        let rival = ranked.iter().find(|r| r.0 != y).map_or(0.0, |r| r.1);
        Some(own - rival)
    }

    /// The confident counterparts of the corpus, for mining what aligned articles have in common:
    /// every pair of articles of two documents that are each other's best candidate there, whose
    /// score lies at least `z_min` robust spreads above the corpus's null median
    /// (`Space::null_sim`), and whose lead over the runner-up of each side is at least `lead`.
    /// Each as (document id, article number) twice and the z-score, in corpus order.
    pub fn mutual_best(&self, z_min: f32, lead: f32) -> Vec<Counterparts> {
        let space = &self.space;
        let (centre, spread) = space.null_sim();
        let scores = |x: usize| {
            self.candidates[x]
                .iter()
                .map(move |&y| (y, self.scorer.score(space, x, y as usize)))
        };
        let name = |x: usize| {
            let u = space.units[x];
            (self.names[u.doc].clone(), u.number)
        };
        mutual_best(space, scores, z_min, lead)
            .into_iter()
            .filter(|&(x, y, _)| space.units[x].sub == 0 && space.units[y].sub == 0)
            .map(|(x, y, s)| (name(x), name(y), (s - centre) / spread))
            .collect()
    }

    /// The words of an article (document id, article number) as the similarity counts them
    /// (jieba's content words, each once), in the corpus vocabulary's order.
    pub fn words(&self, a: (&str, u32)) -> Option<Vec<&str>> {
        let x = *self.index.get(&(a.0.to_string(), a.1))?;
        Some(
            self.space.words[x]
                .terms
                .iter()
                .map(|&t| self.space.word_vocab.strings[t as usize].as_str())
                .collect(),
        )
    }

    /// The words of an article (document id, article number) with their weight in the
    /// similarity's word vector (IDF-weighted, unit length), in the corpus vocabulary's order.
    pub fn weighted_words(&self, a: (&str, u32)) -> Option<Vec<(&str, f32)>> {
        let x = *self.index.get(&(a.0.to_string(), a.1))?;
        Some(
            self.space.words[x]
                .iter()
                .map(|(t, w)| (self.space.word_vocab.strings[t as usize].as_str(), w))
                .collect(),
        )
    }

    /// Articles of `doc` ordered by their score with article `a`, best first (ties by position).
    fn ranked(&self, x: usize, doc: usize) -> Vec<(usize, f32)> {
        let range = self.space.doc_starts[doc]..self.space.doc_starts[doc + 1];
        let mut v: Vec<(usize, f32)> = range
            .map(|y| (y, self.scorer.score(&self.space, x, y)))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }
}

/// How well the similarity ranks the gold's counterparts, whatever the grouping does with it.
/// Each gold link is judged in both directions: from `a`, are `b` and the other articles of
/// `b`'s document in `a`'s gold group ranked first among `b`'s document's articles?
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct RankScore {
    /// Gold links judged (both ends found in the corpus).
    pub links: usize,
    /// Share of links whose two ends each rank an article of the gold group first in the other's
    /// document (for a fused provision, any of its pieces counts).
    pub mutual_best: f64,
    /// The same, strictly: `b` is `a`'s best in `b`'s document and `a` is `b`'s best in `a`'s.
    pub mutual_best_strict: f64,
    /// Share of directed links whose best match in the other document lies in the gold group.
    pub best: f64,
    /// Mean reciprocal rank of the best-ranked gold-group article, over directed links.
    pub mrr: f64,
    /// Share of links that are candidate pairs (the only pairs the grouping ever scores).
    pub candidate_recall: f64,
}

/// A directed gold link whose best match lies outside the gold group: (from, the gold
/// counterpart, the article ranked first instead), each as (document id, article number).
pub type RankMiss = [(String, u32); 3];

/// Scores the ranking of `sims` against the links of `gold`.
pub fn rank(sims: &Similarities, gold: &Gold) -> RankScore {
    rank_with_misses(sims, gold).0
}

/// [`rank`], also listing the directed links whose best match lies outside the gold group.
pub fn rank_with_misses(sims: &Similarities, gold: &Gold) -> (RankScore, Vec<RankMiss>) {
    let name = |x: usize| {
        let u = sims.space.units[x];
        (sims.names[u.doc].clone(), u.number)
    };
    let mut misses = Vec::new();
    let space = &sims.space;
    let (mut links, mut mutual, mut strict, mut best, mut rr, mut cand) =
        (0usize, 0usize, 0usize, 0usize, 0.0f64, 0usize);
    for g in &gold.groups {
        let members: BTreeSet<usize> = g
            .members
            .iter()
            .flat_map(|(d, ns)| ns.iter().map(move |&n| (d.clone(), n)))
            .filter_map(|k| sims.index.get(&k).copied())
            .collect();
        // One direction: from x, the rank of the best gold member in document `doc`.
        let judge = |x: usize, doc: usize| -> (usize, usize) {
            let ranked = sims.ranked(x, doc);
            let at = ranked
                .iter()
                .position(|(y, _)| members.contains(y))
                .unwrap_or(ranked.len());
            (at + 1, ranked.first().map_or(usize::MAX, |r| r.0))
        };
        for &x in &members {
            for &y in members.range(x + 1..) {
                let (dx, dy) = (space.units[x].doc, space.units[y].doc);
                if dx == dy {
                    continue;
                }
                links += 1;
                let (rank_xy, top_xy) = judge(x, dy);
                let (rank_yx, top_yx) = judge(y, dx);
                best += usize::from(rank_xy == 1) + usize::from(rank_yx == 1);
                for (rank, from, to, top) in [(rank_xy, x, y, top_xy), (rank_yx, y, x, top_yx)] {
                    if rank > 1 && top != usize::MAX {
                        misses.push([name(from), name(to), name(top)]);
                    }
                }
                rr += 1.0 / rank_xy as f64 + 1.0 / rank_yx as f64;
                mutual += usize::from(rank_xy == 1 && rank_yx == 1);
                strict += usize::from(top_xy == y && top_yx == x);
                cand += usize::from(sims.candidates[x].binary_search(&(y as u32)).is_ok());
            }
        }
    }
    let share = |k: usize, n: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    let score = RankScore {
        links,
        mutual_best: share(mutual, links),
        mutual_best_strict: share(strict, links),
        best: share(best, 2 * links),
        mrr: if links == 0 {
            0.0
        } else {
            rr / (2 * links) as f64
        },
        candidate_recall: share(cand, links),
    };
    (score, misses)
}
