//! Scored candidate pairs in, clusters of articles out: mutual best matches merged greedily under
//! an exact average-link check (from per-cluster sums of the vectors), then split provisions and
//! stragglers attached, then the pieces of a matter that one document holds in a single article
//! absorbed and joined by paragraph evidence. Pure; only the paragraph evidence runs in parallel.

use super::features::SparseVec;
use super::space::{Near, Space, dense_dot};
use super::timings::Stopwatch;
use crate::model::Regulation;
use rayon::prelude::*;

/// Thresholds of the grouping, on the scale of `Space::sim` (content in [0, 1] plus the chapter
/// bonus). Whole-method settings, chosen on the development gold.
///
/// `edge_min`, `link_min`, `split_min` and `vote_min` raised together by 0.01 (the shift every
/// leave-one-family-out fold over the sixteen dev families picks: link F1 0.7229 → 0.7298) were
/// measured as defaults on 7 December 2026 and not kept. The topic search loses more than it
/// gains (R-precision summed over a family's queries: civility and waste −0.5, greening −0.33;
/// farm +0.5, vehicles +0.37, schools +0.17, quake +0.11; mean over the 22 dev families
/// 0.8281 → 0.8278); the labels' mean over the fourteen dev golds falls 0.9128 → 0.9106
/// (greening and farm one group down each, waste and quake one up); the held-out golds move
/// both ways (forest 0.894 → 0.886, gas 0.672 → 0.676, weather 0.765 → 0.772). See
/// docs/alignment-method.md, "How the settings were chosen".
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct ClusterParams {
    /// A mutual best match below this is no evidence.
    pub edge_min: f32,
    /// Two clusters merge only when their articles are this similar on average.
    pub link_min: f32,
    /// Content similarity at which two articles are near-copies and link without being mutual best
    /// (template clauses repeated across many documents).
    pub copy_min: f32,
    /// Average similarity a lone article needs to join its neighbour's cluster as a split provision.
    pub split_min: f32,
    /// Average similarity a lone article needs to join the cluster its best matches point to.
    pub vote_min: f32,
    /// Coverage a fragment (a cluster of fewer documents sitting right beside another
    /// cluster's articles) needs to be absorbed into that cluster; above 1 turns the step off.
    pub absorb_min: f32,
    /// Share of a paragraph's weighted bigrams an article of another document must hold for the
    /// paragraph to count as matching it; above 1 turns the paragraph step off.
    pub part_min: f32,
    /// Share of an article's text that must match one article of another document for that
    /// article to count as one of the matters it fuses.
    pub part_share: f32,
    /// Share of each fused-in article's own wording the fusing article must hold (its main
    /// matter, not a side sentence).
    pub fuse_cover: f32,
    /// Most positions apart that the articles of one document joined by a fusing article may lie.
    pub fuse_span: usize,
    /// Similarity a pair needs to count on the order-preserving path of two documents of one
    /// family (see `order.rs`); pairs on the path become edges like mutual best matches.
    pub order_min: f32,
    /// Share of the shorter document's articles that must be mutual best matches for two
    /// documents to be aligned by order; above 1 turns the order step off.
    pub order_share: f32,
    /// A lone article lying between two grouped articles of its document joins the group that
    /// lies between the same two groups in the other documents, when its mean similarity to it is
    /// this many robust spreads above the corpus's null median (`Space::null_sim`); 100 or more
    /// (the serde default) turns the step off. Cross-validation keeps it off
    /// (docs/alignment-rejected.md, "What was tried and did not carry").
    #[serde(default = "off")]
    pub gap_z: f32,
    /// Per-corpus calibration of the edge threshold: a mutual best match is also an edge when its
    /// score is this many robust spreads above the corpus's null median (`Space::null_sim`) and
    /// it leads the runner-up by `edge_margin` on both sides, even below `edge_min`. A freely
    /// drafted family, whose unrelated articles share little, gets a lower bar than a
    /// template-heavy one; `GAP_OFF` or more (the serde default) turns it off.
    #[serde(default = "off")]
    pub edge_z: f32,
    /// Least lead of an edge admitted by `edge_z` over the runner-up in each other's document,
    /// as a share of its own score.
    #[serde(default)]
    pub edge_margin: f32,
    /// The same calibration for the average link: two clusters also merge when their mean
    /// similarity is this many robust spreads above the null median, below `link_min`.
    #[serde(default = "off")]
    pub link_z: f32,
    /// The same calibration for lone articles (`split_min`, `vote_min`).
    #[serde(default = "off")]
    pub lone_z: f32,
    /// Share of a neighbouring cluster's other documents in which a lone article's match must
    /// lie in that cluster for it to join as a split provision.
    #[serde(default = "half")]
    pub split_share: f32,
    /// How many of a lone article's best candidates in each document count as its match there
    /// for `split_share` (1: the best only).
    #[serde(default = "first")]
    pub split_rank: usize,
    /// Competitive linking (Melamed 2000) as a second source of edges beside the mutual best
    /// matches: over each pair of documents, candidate pairs are taken strongest first when
    /// neither article is linked in that pair yet, so an article whose best counterpart went to a
    /// closer article of its own document may still link to its next one. A pair counts when its
    /// score is this many robust spreads above the corpus's null median (`Space::null_sim`);
    /// `GAP_OFF` or more (the serde default) turns the source off.
    #[serde(default = "off")]
    pub compete_z: f32,
    /// Least lead of a competitive link over the runner-up among the articles still free in the
    /// pair, on both sides, as a share of its own score.
    #[serde(default)]
    pub compete_margin: f32,
    /// Most other competitive links of the same document pair a link may cross (their order in
    /// the two documents reversed); links crossing more are dropped. `usize::MAX` (the serde
    /// default): no order check.
    #[serde(default = "no_limit")]
    pub compete_cross: usize,
    /// Order check by neighbours: a competitive link (a, b) needs, on at least one side, the
    /// nearest other link (a', b') of the pair to lie as far from it in one document as in the
    /// other, within this many positions (|(a − a') − (b − b')| ≤ gap). `usize::MAX` (the serde
    /// default): no check.
    #[serde(default = "no_limit")]
    pub compete_gap: usize,
    /// A competitive link must be the best candidate of at least one of its articles in the
    /// other's document (one side's best match, the other's best taken).
    #[serde(default)]
    pub compete_half: bool,
    /// The family's own vote on a fragment: a fragment cluster is absorbed only when the
    /// documents holding both clusters (which keep the two matters in separate articles) are
    /// fewer than this many times the documents where only the larger cluster has an article
    /// (those that may hold both matters in one). 0 (the serde default) turns the vote off.
    /// Cross-validation keeps it off (docs/alignment-rejected.md, "The false links, by cause").
    #[serde(default)]
    pub absorb_apart: f32,
    /// Least lead of a mutual best match over the runner-up in each other's document, as a share
    /// of its own score, for it to be an edge (near-copies aside): an article whose counterpart
    /// in a document is barely ahead of its neighbour is no evidence. 0 (the serde default)
    /// admits every mutual best match above `edge_min`. Cross-validation keeps it off
    /// (docs/alignment-rejected.md, "The false links over fifteen dev families").
    #[serde(default)]
    pub edge_lead: f32,
    /// Least robust spreads above the corpus's null median (`Space::null_sim`) a mutual best
    /// match needs to be an edge, beside `edge_min`: the bar raised where the family's unrelated
    /// articles already share much. 0 or below (the serde default) turns it off.
    /// Cross-validation keeps it off (same section).
    #[serde(default)]
    pub edge_floor_z: f32,
}

fn no_limit() -> usize {
    usize::MAX
}

fn half() -> f32 {
    0.5
}

fn first() -> usize {
    1
}

fn off() -> f32 {
    GAP_OFF
}

/// A `gap_z` at or above this turns the order-gap step off.
pub const GAP_OFF: f32 = 100.0;

/// Each article's candidates with their similarity, and its best candidate in each other document.
pub(crate) struct Scored {
    /// Per article, its candidates sorted by unit index, so grouped by document.
    pub(crate) pairs: Vec<Vec<(u32, f32)>>,
    /// The document of each unit. The best candidate per document is read from `pairs` when
    /// asked for rather than stored: on all of lawrefbook such lists held 170 MB.
    docs: Vec<u32>,
    /// Per article and candidate (in the order of `pairs`), the score that decides which
    /// candidate is best, when it is not the pair's own score (`SimWeights::rank_only`); empty
    /// otherwise.
    rank: Vec<Vec<f32>>,
}

impl Scored {
    pub(crate) fn new(space: &Space, mut pairs: Vec<Vec<(u32, f32)>>) -> Scored {
        for list in &mut pairs {
            if !list.is_sorted_by_key(|p| p.0) {
                list.sort_by_key(|p| p.0);
            }
        }
        let docs = space.units.iter().map(|u| u.doc as u32).collect();
        Scored {
            pairs,
            docs,
            rank: Vec::new(),
        }
    }

    /// Ranks each article's candidates by their score plus `extra` (per article, in the order of
    /// its candidates, as `Scorer::score_lists` gives them); no change when `extra` is empty or
    /// does not fit the pairs.
    pub(crate) fn with_rank(mut self, extra: &[Vec<f32>]) -> Scored {
        let fits = extra.len() == self.pairs.len()
            && extra
                .iter()
                .zip(&self.pairs)
                .all(|(e, p)| e.len() == p.len());
        if fits && !extra.is_empty() {
            self.rank = self
                .pairs
                .iter()
                .zip(extra)
                .map(|(p, e)| p.iter().zip(e).map(|(p, e)| p.1 + e).collect())
                .collect();
        }
        self
    }

    /// The score `x`'s `k`-th candidate is ranked by.
    fn rank_of(&self, x: usize, k: usize) -> f32 {
        match self.rank.get(x) {
            Some(r) => r[k],
            None => self.pairs[x][k].1,
        }
    }

    /// The best of `x`'s candidates `from..to` (one document's): highest ranking score, then
    /// lowest unit; with its pair score.
    fn best_of(&self, x: usize, from: usize, to: usize) -> Option<(u32, f32)> {
        let mut best: Option<(usize, f32)> = None;
        for k in from..to {
            let r = self.rank_of(x, k);
            if best.is_none_or(|b| r > b.1) {
                best = Some((k, r));
            }
        }
        best.map(|(k, _)| self.pairs[x][k])
    }

    /// The runner-up's ranking score among `x`'s candidates `from..to` after `winner`.
    fn second_of(&self, x: usize, from: usize, to: usize, winner: u32) -> Option<f32> {
        (from..to)
            .filter(|&k| self.pairs[x][k].0 != winner)
            .map(|k| self.rank_of(x, k))
            .max_by(f32::total_cmp)
    }

    /// The range of `x`'s candidates in document `doc`.
    fn run_in(&self, x: usize, doc: usize) -> (usize, usize) {
        let list = &self.pairs[x];
        let docs = &self.docs;
        let start = list.partition_point(|p| (docs[p.0 as usize] as usize) < doc);
        let len = list[start..].partition_point(|p| docs[p.0 as usize] as usize == doc);
        (start, start + len)
    }

    /// `x`'s best candidate in each document that has one: (document, article, similarity), by
    /// document.
    pub(crate) fn best(&self, x: usize) -> impl Iterator<Item = (usize, u32, f32)> + '_ {
        let docs = &self.docs;
        let list = &self.pairs[x];
        let mut from = 0;
        std::iter::from_fn(move || {
            while from < list.len() {
                let d = docs[list[from].0 as usize];
                let mut to = from + 1;
                while to < list.len() && docs[list[to].0 as usize] == d {
                    to += 1;
                }
                let run = (from, to);
                from = to;
                if let Some((y, s)) = self.best_of(x, run.0, run.1) {
                    return Some((d as usize, y, s));
                }
            }
            None
        })
    }

    /// `x`'s `k` best candidates in `doc` by ranking score (ties by unit).
    pub(crate) fn top_in(&self, x: usize, doc: usize, k: usize) -> Vec<u32> {
        let (from, to) = self.run_in(x, doc);
        let mut run: Vec<(f32, u32)> = (from..to)
            .map(|i| (self.rank_of(x, i), self.pairs[x][i].0))
            .collect();
        run.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        run.into_iter().take(k).map(|r| r.1).collect()
    }

    /// `x`'s candidates in `doc` with their scores, by unit.
    pub(crate) fn run(&self, x: usize, doc: usize) -> &[(u32, f32)] {
        let (from, to) = self.run_in(x, doc);
        &self.pairs[x][from..to]
    }

    pub(crate) fn best_in(&self, x: usize, doc: usize) -> Option<u32> {
        let (from, to) = self.run_in(x, doc);
        self.best_of(x, from, to).map(|b| b.0)
    }

    /// How far `y` (`x`'s best candidate in `y`'s document) ranks ahead of the runner-up there,
    /// as a share of its own ranking score (1 when it has no rival among the candidates).
    pub(crate) fn margin(&self, x: usize, y: usize) -> f32 {
        let (from, to) = self.run_in(x, self.docs[y] as usize);
        let Some(k) = (from..to).find(|&k| self.pairs[x][k].0 as usize == y) else {
            return 0.0;
        };
        let own = self.rank_of(x, k);
        match self.second_of(x, from, to, y as u32) {
            Some(r) if own > 0.0 => (own - r) / own,
            Some(_) => 0.0,
            None => 1.0,
        }
    }
}

/// Disjoint clusters of articles; a cluster is named by the index of its slot in `members`.
/// Clusters of several articles also keep the sums of their members' word, bigram and chapter
/// vectors, so that the mean similarity between two clusters is a dot product of sums, exact and
/// as cheap for a template clause of four hundred documents as for a pair.
struct Clusters {
    owner: Vec<usize>,
    members: Vec<Vec<usize>>,
    /// The documents of each cluster's members, sorted and distinct (kept as clusters merge, so
    /// that "do these two share a document" costs a search, not a sort of both).
    docs: Vec<Vec<u32>>,
    sums: Vec<Option<Box<Sums>>>,
}

/// The summed word, bigram and chapter vectors of a cluster's members, and their summed meaning
/// embeddings (empty when the similarity has no meaning term).
struct Sums {
    sparse: [SparseVec; 3],
    dense: Vec<f32>,
}

/// The union of two sorted lists of distinct values, sorted.
fn union_sorted<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Where each term of `b` sits in `a` (both sorted by term id), found by galloping search;
/// `None` when `a` lacks one of them. A cluster's sum that has every term of what joins it is
/// updated in place there, adding `a`'s weight and `b`'s as [`add`] adds them.
fn positions_in(a: &SparseVec, b: &SparseVec) -> Option<Vec<usize>> {
    let mut at = Vec::with_capacity(b.terms.len());
    let mut from = 0;
    for &t in &b.terms {
        let k = super::features::gallop(&a.terms[from..], t).ok()?;
        at.push(from + k);
        from += k + 1;
    }
    Some(at)
}

/// The elementwise sum of two sparse vectors over sorted term ids (not normalised).
fn add(a: &SparseVec, b: &SparseVec) -> SparseVec {
    // Exactly the union's size: the sums of a large corpus's clusters add up to hundreds of MB.
    let cap = a.terms.len() + b.terms.len() - shared_terms(a, b);
    let mut out = SparseVec {
        terms: Vec::with_capacity(cap),
        weights: Vec::with_capacity(cap),
    };
    let (mut i, mut j) = (0, 0);
    while i < a.terms.len() || j < b.terms.len() {
        let take_a = j >= b.terms.len() || (i < a.terms.len() && a.terms[i] <= b.terms[j]);
        let take_b = i >= a.terms.len() || (j < b.terms.len() && b.terms[j] <= a.terms[i]);
        let (t, w) = match (take_a, take_b) {
            (true, true) => (a.terms[i], a.weights[i] + b.weights[j]),
            (true, false) => (a.terms[i], a.weights[i]),
            _ => (b.terms[j], b.weights[j]),
        };
        out.terms.push(t);
        out.weights.push(w);
        i += usize::from(take_a);
        j += usize::from(take_b);
    }
    out
}

/// Number of term ids two sorted sparse vectors have in common.
fn shared_terms(a: &SparseVec, b: &SparseVec) -> usize {
    crate::text::chars::shared_sorted(&a.terms, &b.terms)
}

impl Clusters {
    fn singletons(space: &Space) -> Clusters {
        let n = space.len();
        Clusters {
            owner: (0..n).collect(),
            members: (0..n).map(|i| vec![i]).collect(),
            docs: space.units.iter().map(|u| vec![u.doc as u32]).collect(),
            sums: (0..n).map(|_| None).collect(),
        }
    }

    /// The summed word, bigram and chapter vectors of cluster `c` (a lone article's own).
    fn sums<'a>(&'a self, space: &'a Space, c: usize) -> [&'a SparseVec; 3] {
        match &self.sums[c] {
            Some(s) => [&s.sparse[0], &s.sparse[1], &s.sparse[2]],
            None => {
                let x = self.members[c].first().copied().unwrap_or(0);
                [
                    &space.words[x],
                    &space.bigrams[x],
                    &space.chapters[space.units[x].chapter],
                ]
            }
        }
    }

    /// The summed meaning embeddings of cluster `c` (a lone article's own; empty when off).
    fn dense<'a>(&'a self, space: &'a Space, c: usize) -> &'a [f32] {
        match &self.sums[c] {
            Some(s) => &s.dense,
            None => space.meaning_of(self.members[c].first().copied().unwrap_or(0)),
        }
    }

    /// Sum of [`Space::sim`] over all pairs of an article of `a` and one of `b`.
    fn sum_sim(&self, space: &Space, a: usize, b: usize) -> f32 {
        let (sa, sb) = (self.sums(space, a), self.sums(space, b));
        let w = space.weights.words;
        let s = w * sa[0].dot(sb[0])
            + (1.0 - w) * sa[1].dot(sb[1])
            + space.weights.chapter * sa[2].dot(sb[2]);
        if space.has_meaning() {
            s + space.weights.meaning * dense_dot(self.dense(space, a), self.dense(space, b))
        } else {
            s
        }
    }

    /// Sum of [`Space::sim`] of article `x` with every member of `c`.
    fn sum_sim_one(&self, space: &Space, x: usize, c: usize) -> f32 {
        let s = self.sums(space, c);
        let w = space.weights.words;
        let sim = w * space.words[x].dot(s[0])
            + (1.0 - w) * space.bigrams[x].dot(s[1])
            + space.weights.chapter * space.chapters[space.units[x].chapter].dot(s[2]);
        if space.has_meaning() {
            sim + space.weights.meaning * dense_dot(space.meaning_of(x), self.dense(space, c))
        } else {
            sim
        }
    }

    fn merge(&mut self, space: &Space, a: usize, b: usize) {
        let (keep, gone) = if self.members[a].len() >= self.members[b].len() {
            (a, b)
        } else {
            (b, a)
        };
        // A large cluster taking a small one usually has all its terms already: its sums are
        // then updated in place instead of rebuilt (a template clause of hundreds of documents
        // grows one article at a time).
        let updated = match &self.sums[keep] {
            Some(k) => {
                let g = self.sums(space, gone);
                let found: Option<Vec<Vec<usize>>> =
                    (0..3).map(|i| positions_in(&k.sparse[i], g[i])).collect();
                found.map(|at| {
                    let adds: Vec<Vec<f32>> = (0..3).map(|i| g[i].weights.clone()).collect();
                    (at, adds)
                })
            }
            None => None,
        };
        let dense: Vec<f32> = self
            .dense(space, keep)
            .iter()
            .zip(self.dense(space, gone))
            .map(|(a, b)| a + b)
            .collect();
        match (updated, &mut self.sums[keep]) {
            (Some((at, adds)), Some(k)) => {
                for i in 0..3 {
                    for (&p, w) in at[i].iter().zip(&adds[i]) {
                        k.sparse[i].weights[p] += w;
                    }
                }
                k.dense = dense;
            }
            _ => {
                let [k0, k1, k2] = self.sums(space, keep);
                let [g0, g1, g2] = self.sums(space, gone);
                let sparse = [add(k0, g0), add(k1, g1), add(k2, g2)];
                self.sums[keep] = Some(Box::new(Sums { sparse, dense }));
            }
        }
        self.sums[gone] = None;
        let moved = std::mem::take(&mut self.members[gone]);
        for &m in &moved {
            self.owner[m] = keep;
        }
        self.members[keep] = union_sorted(&self.members[keep], &moved);
        let gone_docs = std::mem::take(&mut self.docs[gone]);
        self.docs[keep] = union_sorted(&self.docs[keep], &gone_docs);
    }

    fn docs(&self, _space: &Space, c: usize) -> Vec<usize> {
        self.docs[c].iter().map(|&d| d as usize).collect()
    }

    fn shares_doc(&self, _space: &Space, a: usize, b: usize) -> bool {
        let (da, db) = (&self.docs[a], &self.docs[b]);
        let (short, long) = if da.len() <= db.len() {
            (da, db)
        } else {
            (db, da)
        };
        short.iter().any(|d| long.binary_search(d).is_ok())
    }

    /// Mean similarity between two clusters that hold no document in common: every pair is a
    /// pair of different documents, so the mean is the dot product of the sums over the pairs.
    fn average_link(&self, space: &Space, a: usize, b: usize) -> f32 {
        let pairs = self.members[a].len() * self.members[b].len();
        if pairs == 0 {
            return 0.0;
        }
        self.sum_sim(space, a, b) / pairs as f32
    }
}

/// Groups the articles: returns clusters of unit indices, each sorted, in no particular order.
pub(crate) fn cluster(
    space: &Space,
    scored: &Scored,
    fused: &FusedParts,
    p: ClusterParams,
    watch: &mut Stopwatch,
) -> Vec<Vec<usize>> {
    let calibrated = [p.edge_z, p.link_z, p.lone_z, p.compete_z]
        .iter()
        .any(|&z| z < GAP_OFF)
        || p.edge_floor_z > 0.0;
    let (centre, spread) = if calibrated {
        space.null_sim()
    } else {
        (0.0, 1.0)
    };
    let lower = |t: f32, z: f32| {
        if z < GAP_OFF {
            t.min(centre + z * spread)
        } else {
            t
        }
    };
    let mut g = Grouping {
        space,
        scored,
        p: ClusterParams {
            link_min: lower(p.link_min, p.link_z),
            split_min: lower(p.split_min, p.lone_z),
            vote_min: lower(p.vote_min, p.lone_z),
            ..p
        },
        edge_low: lower(p.edge_min, p.edge_z),
        compete_low: centre + p.compete_z * spread,
        edge_floor: if p.edge_floor_z > 0.0 {
            centre + p.edge_floor_z * spread
        } else {
            f32::NEG_INFINITY
        },
        c: Clusters::singletons(space),
        fused,
    };
    watch.snap("singletons", &g.c.members);
    g.merge_edges(watch);
    watch.snap("edges", &g.c.members);
    g.attach_stragglers();
    watch.lap("cluster: attach lone articles");
    watch.snap("lone attach", &g.c.members);
    if p.absorb_min <= 1.0 {
        g.absorb_fragments();
        watch.lap("cluster: absorb fragments");
        watch.snap("fragments", &g.c.members);
    }
    if p.part_min <= 1.0 {
        g.join_fused(fused);
        watch.lap("cluster: join fused (paragraphs)");
        watch.snap("fused (paragraphs)", &g.c.members);
    }
    if p.gap_z < GAP_OFF {
        g.join_gaps();
        watch.lap("cluster: lone articles by order");
        watch.snap("gaps", &g.c.members);
    }
    g.c.members.into_iter().filter(|m| !m.is_empty()).collect()
}

/// What the paragraph step of [`cluster`] (`Grouping::join_fused`) reads that the scores do not
/// change: for each article `x` of several paragraphs and each other document, the candidates
/// there that hold a paragraph of `x` (at least `part_min` of its weighted bigrams, the
/// candidate of that document holding most of it), together at least `part_share` of `x`'s
/// text, and at least `fuse_cover` of their own wording in `x`; only runs of two or more are
/// kept. The second pass changes the candidates' scores, never which they are, so both passes
/// read one `FusedParts`.
pub(crate) struct FusedParts {
    /// (`x`, its runs: candidates of one document each, in the order their paragraphs come).
    of: Vec<(usize, Vec<Vec<usize>>)>,
    /// The candidate pairs (x, y), x < y, whose content similarity reaches `copy_min` (near
    /// copies, an edge whatever else they resemble), sorted: the content does not change between
    /// the passes either.
    copies: Vec<(u32, u32)>,
    /// The `copy_min` they were found with.
    copy_min: f32,
}

impl FusedParts {
    /// Empty when `p.part_min` turns the step off.
    pub(crate) fn new(
        space: &Space,
        scored: &Scored,
        docs: &[&Regulation],
        p: &ClusterParams,
    ) -> FusedParts {
        let copies: Vec<(u32, u32)> = scored
            .pairs
            .par_iter()
            .enumerate()
            .map_init(Near::default, |near, (x, list)| {
                let mut loaded = false;
                let mut out = Vec::new();
                for &(y, _) in list {
                    if y as usize <= x {
                        continue;
                    }
                    if !loaded {
                        space.load(near, x);
                        loaded = true;
                    }
                    if space.content_near(near, y as usize) >= p.copy_min {
                        out.push((x as u32, y));
                    }
                }
                out
            })
            .flatten_iter()
            .collect();
        if p.part_min > 1.0 {
            return FusedParts {
                of: Vec::new(),
                copies,
                copy_min: p.copy_min,
            };
        }
        let of = (0..space.len())
            .into_par_iter()
            .filter_map(|x| {
                // Paragraphs of one article at a time: the whole corpus's are not held here.
                let ps = super::parts::of_unit(docs, space, x);
                if ps.len() < 2 {
                    return None;
                }
                let mut cands: Vec<(usize, usize)> = scored.pairs[x]
                    .iter()
                    .map(|&(y, _)| (space.units[y as usize].doc, y as usize))
                    .collect();
                cands.sort_unstable();
                let runs: Vec<Vec<usize>> = cands
                    .chunk_by(|a, b| a.0 == b.0)
                    .map(|run| {
                        let mut share: Vec<(usize, f32)> = Vec::new();
                        for (_, w, v) in &ps {
                            let best = run
                                .iter()
                                .map(|&(_, y)| (v.covered_by(&space.bigrams[y]), y))
                                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
                            if let Some((_, y)) = best.filter(|b| b.0 >= p.part_min) {
                                match share.iter_mut().find(|s| s.0 == y) {
                                    Some(s) => s.1 += w,
                                    None => share.push((y, *w)),
                                }
                            }
                        }
                        share
                            .into_iter()
                            .filter(|&(y, sh)| {
                                sh >= p.part_share && space.coverage(y, x) >= p.fuse_cover
                            })
                            .map(|(y, _)| y)
                            .collect()
                    })
                    .filter(|run: &Vec<usize>| run.len() >= 2)
                    .collect();
                (!runs.is_empty()).then_some((x, runs))
            })
            .collect();
        FusedParts {
            of,
            copies,
            copy_min: p.copy_min,
        }
    }

    /// Whether `x` < `y` are near copies (content similarity at least `copy_min`), read from
    /// the pairs found once when they were found with that `copy_min`.
    fn is_copy(&self, space: &Space, x: usize, y: usize, copy_min: f32) -> bool {
        if self.copy_min.to_bits() == copy_min.to_bits() {
            self.copies.binary_search(&(x as u32, y as u32)).is_ok()
        } else {
            space.content(x, y) >= copy_min
        }
    }
}

/// What a first grouping lends the second pass.
pub(crate) struct Support<'a> {
    /// Bonus per side (previous, next) on which the two articles' neighbours were grouped.
    pub(crate) neighbours: f32,
    /// Bonus when the articles the two cite were grouped together.
    pub(crate) xref_bonus: f32,
    /// Malus when both cite articles of their own document and none of those were grouped.
    pub(crate) xref_malus: f32,
    /// How far the bonus follows the share of cited groups the two have in common (0: any shared
    /// group earns the whole bonus; 1: the bonus times shared groups over the fewer cited groups).
    pub(crate) xref_graded: f32,
    /// Factor on the own similarity of two articles that both cite provisions (penalties): their
    /// shared formula (责令改正, 处…罚款) says nothing about what they punish.
    pub(crate) xref_text: f32,
    /// Per unit, the units of the same document it cites.
    pub(crate) refs: &'a [Vec<usize>],
}

/// Adjusts each pair's similarity by what a first grouping says about its surroundings:
/// documents that keep a run of provisions in the same order vouch for the provisions between
/// matched ones (neighbour support), and two penalty articles that punish the same provision
/// cite articles of one group (cross-references).
pub(crate) fn with_support(
    space: &Space,
    first: &[Vec<usize>],
    pairs: &[Vec<(u32, f32)>],
    support: &Support,
) -> Vec<Vec<(u32, f32)>> {
    let mut owner = vec![0; space.len()];
    for (c, members) in first.iter().enumerate() {
        for &m in members {
            owner[m] = c;
        }
    }
    let neighbour = |x: usize, step: isize| {
        let u = space.units[x];
        let pos = u.pos.checked_add_signed(step)?;
        space
            .at(u.doc, pos)
            .filter(|&n| space.units[n].chapter == u.chapter)
    };
    pairs
        .par_iter()
        .enumerate()
        .map(|(x, list)| {
            list.iter()
                .map(|&(y, s)| {
                    let yu = y as usize;
                    let beside = [-1, 1]
                        .into_iter()
                        .filter(|&step| match (neighbour(x, step), neighbour(yu, step)) {
                            (Some(a), Some(b)) => owner[a] == owner[b],
                            _ => false,
                        })
                        .count();
                    let (rx, ry) = (&support.refs[x], &support.refs[yu]);
                    if rx.is_empty() || ry.is_empty() {
                        return (y, s + support.neighbours * beside as f32);
                    }
                    let mut s = s * support.xref_text + support.neighbours * beside as f32;
                    let groups = |r: &[usize]| {
                        let mut g: Vec<usize> = r.iter().map(|&a| owner[a]).collect();
                        g.sort_unstable();
                        g.dedup();
                        g
                    };
                    let (gx, gy) = (groups(rx), groups(ry));
                    let shared = gx.iter().filter(|g| gy.binary_search(g).is_ok()).count();
                    s += if shared > 0 {
                        let share = shared as f32 / gx.len().min(gy.len()) as f32;
                        support.xref_bonus * (1.0 - support.xref_graded * (1.0 - share))
                    } else {
                        -support.xref_malus
                    };
                    (y, s)
                })
                .collect()
        })
        .collect()
}

/// The clusters being built, with what every step reads.
struct Grouping<'a> {
    space: &'a Space,
    scored: &'a Scored,
    p: ClusterParams,
    /// The edge threshold as calibrated on the corpus (`edge_min` when `edge_z` is off): a
    /// mutual best match between it and `edge_min` needs a lead of `edge_margin`.
    edge_low: f32,
    /// The score a competitive link must pass (`compete_z` over the null).
    compete_low: f32,
    /// The score a mutual best match must pass to be an edge (`edge_floor_z` over the null;
    /// minus infinity when off).
    edge_floor: f32,
    c: Clusters,
    /// The near copies among the candidate pairs ([`FusedParts`]).
    fused: &'a FusedParts,
}

impl Grouping<'_> {
    /// Links worth merging, strongest first: mutual best matches across each pair of documents,
    /// near-copies whatever else they resemble, and (when `compete_z` turns them on) competitive
    /// links.
    fn edges(&self) -> Vec<(f32, u32, u32)> {
        let (space, scored) = (self.space, self.scored);
        let mut out = Vec::new();
        for (x, list) in scored.pairs.iter().enumerate() {
            let dx = space.units[x].doc;
            for &(y, s) in list {
                let y = y as usize;
                if y <= x {
                    continue;
                }
                let dy = space.units[y].doc;
                let mutual = scored.best_in(x, dy) == Some(y as u32)
                    && scored.best_in(y, dx) == Some(x as u32);
                let lead = self.p.edge_lead;
                let edge = mutual
                    && s > self.edge_floor
                    && (lead <= 0.0
                        || (scored.margin(x, y) >= lead && scored.margin(y, x) >= lead))
                    && (s > self.p.edge_min
                        || (s > self.edge_low
                            && scored.margin(x, y) >= self.p.edge_margin
                            && scored.margin(y, x) >= self.p.edge_margin));
                if edge || self.fused.is_copy(space, x, y, self.p.copy_min) {
                    out.push((s, x as u32, y as u32));
                }
            }
        }
        if self.p.order_share <= 1.0 {
            let path =
                super::order::order_pairs(space, scored, self.p.order_min, self.p.order_share);
            for (x, y) in path {
                let s = scored.pairs[x]
                    .iter()
                    .find(|p| p.0 as usize == y)
                    .map_or(0.0, |p| p.1);
                out.push((s, x as u32, y as u32));
            }
        }
        let strongest = |a: &(f32, u32, u32), b: &(f32, u32, u32)| {
            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
        };
        out.sort_by(strongest);
        out.dedup_by(|a, b| a.1 == b.1 && a.2 == b.2);
        if self.p.compete_z < GAP_OFF {
            out.extend(self.competitive_links());
            out.sort_by(strongest);
            out.dedup_by(|a, b| a.1 == b.1 && a.2 == b.2);
        }
        out
    }

    /// Competitive links ([`ClusterParams::compete_z`]): every candidate pair above the
    /// threshold, strongest first, taken when neither article is linked to the other's document
    /// yet and it leads the runner-up among the articles still free by `compete_margin`; then
    /// those crossing more than `compete_cross` others of their document pair dropped. As
    /// (score, lower unit, higher unit).
    fn competitive_links(&self) -> Vec<(f32, u32, u32)> {
        let (space, scored) = (self.space, self.scored);
        let doc = |u: u32| space.units[u as usize].doc as u32;
        let mut all: Vec<(f32, u32, u32)> = Vec::new();
        for (x, list) in scored.pairs.iter().enumerate() {
            let x = x as u32;
            for &(y, s) in list {
                if s > self.compete_low && doc(x) != doc(y) {
                    all.push((s, x.min(y), x.max(y)));
                }
            }
        }
        all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        all.dedup_by(|a, b| a.1 == b.1 && a.2 == b.2);
        // (article, other document) pairs already linked.
        let mut taken: std::collections::HashSet<(u32, u32)> = std::collections::HashSet::new();
        let runner_up = |taken: &std::collections::HashSet<(u32, u32)>, a: u32, b: u32| {
            scored
                .run(a as usize, doc(b) as usize)
                .iter()
                .filter(|&&(c, _)| c != b && !taken.contains(&(c, doc(a))))
                .map(|p| p.1)
                .fold(0.0f32, f32::max)
        };
        let mut links = Vec::new();
        for (s, x, y) in all {
            let (dx, dy) = (doc(x), doc(y));
            if taken.contains(&(x, dy)) || taken.contains(&(y, dx)) {
                continue;
            }
            if self.p.compete_half
                && scored.best_in(x as usize, dy as usize) != Some(y)
                && scored.best_in(y as usize, dx as usize) != Some(x)
            {
                continue;
            }
            if self.p.compete_margin > 0.0 {
                let lead = |r: f32| if s > 0.0 { (s - r) / s } else { 0.0 };
                if lead(runner_up(&taken, x, y)) < self.p.compete_margin
                    || lead(runner_up(&taken, y, x)) < self.p.compete_margin
                {
                    continue;
                }
            }
            taken.insert((x, dy));
            taken.insert((y, dx));
            links.push((s, x, y));
        }
        if self.p.compete_cross == usize::MAX && self.p.compete_gap == usize::MAX {
            return links;
        }
        // Links grouped by document pair; within each, how many others each crosses.
        let key = |&(_, x, y): &(f32, u32, u32)| (doc(x), doc(y));
        links.sort_by(|a, b| key(a).cmp(&key(b)).then(b.0.total_cmp(&a.0)));
        let pos = |u: u32| space.units[u as usize].pos as i64;
        let mut kept = Vec::new();
        for run in links.chunk_by(|a, b| key(a) == key(b)) {
            for &(s, x, y) in run {
                let crossed = run
                    .iter()
                    .filter(|&&(_, a, b)| (pos(a) - pos(x)) * (pos(b) - pos(y)) < 0)
                    .count();
                if crossed > self.p.compete_cross {
                    continue;
                }
                if self.p.compete_gap != usize::MAX {
                    // The nearest other links before and after `x` in its document.
                    let before = run
                        .iter()
                        .filter(|l| pos(l.1) < pos(x))
                        .max_by_key(|l| pos(l.1));
                    let after = run
                        .iter()
                        .filter(|l| pos(l.1) > pos(x))
                        .min_by_key(|l| pos(l.1));
                    let fits = [before, after].into_iter().flatten().any(|&(_, a, b)| {
                        ((pos(x) - pos(a)) - (pos(y) - pos(b))).unsigned_abs()
                            <= self.p.compete_gap as u64
                    });
                    if !fits {
                        continue;
                    }
                }
                kept.push((s, x, y));
            }
        }
        kept
    }

    /// Greedy single pass over the edges: two clusters merge when they hold no document in common
    /// and their average link is high enough, which stops chains of pairwise matches drifting
    /// off-topic.
    fn merge_edges(&mut self, watch: &mut Stopwatch) {
        let edges = self.edges();
        watch.lap("cluster: edges");
        for (_, x, y) in edges {
            let (a, b) = (self.c.owner[x as usize], self.c.owner[y as usize]);
            if a == b || self.c.shares_doc(self.space, a, b) {
                continue;
            }
            if self.c.average_link(self.space, a, b) < self.p.link_min {
                continue;
            }
            self.c.merge(self.space, a, b);
        }
        watch.lap("cluster: merge edges");
    }

    /// Lone articles that are part of a matter another document holds in one article: joined to
    /// a neighbour's cluster (split provisions), or to the cluster most of their best matches
    /// fall in.
    fn attach_stragglers(&mut self) {
        let mut changed = true;
        while changed {
            changed = false;
            for x in 0..self.space.len() {
                if self.c.members[self.c.owner[x]].len() > 1 {
                    continue;
                }
                if let Some(target) = self.split_target(x).or_else(|| self.vote_target(x)) {
                    self.c.merge(self.space, self.c.owner[x], target);
                    changed = true;
                }
            }
        }
    }

    /// Clusters that hold part of a matter the neighbouring cluster holds whole in other
    /// documents. Targets are chosen on the clusters as they stand, then merged in one go, so an
    /// absorbed fragment does not pull its own neighbours in after it.
    fn absorb_fragments(&mut self) {
        let moves: Vec<(usize, usize)> = (0..self.c.members.len())
            .filter(|&b| !self.c.members[b].is_empty())
            .filter_map(|b| {
                let a = self.absorb_target(b)?;
                Some((self.c.members[b][0], self.c.members[a][0]))
            })
            .collect();
        for (x, y) in moves {
            let (b, a) = (self.c.owner[x], self.c.owner[y]);
            if a != b {
                self.c.merge(self.space, a, b);
            }
        }
    }

    /// The neighbouring cluster that `b` is a piece of: it spans more documents, sits next to `b`
    /// in every document both hold, and in some document `b` lacks, one of its articles holds
    /// both `b`'s piece and the neighbouring piece (see [`Grouping::fused_coverage`]). The
    /// best-covered wins.
    fn absorb_target(&self, b: usize) -> Option<usize> {
        let (space, c) = (self.space, &self.c);
        let db = c.docs(space, b);
        let mut best: Option<(f32, usize)> = None;
        for a in self.neighbour_clusters(b) {
            let da = c.docs(space, a);
            if da.len() <= db.len() || !self.runs_together(a, b, &db, &da) {
                continue;
            }
            if self.p.absorb_apart > 0.0 {
                let apart = db.iter().filter(|d| da.binary_search(d).is_ok()).count();
                let alone = da.len() - apart;
                if apart as f32 >= self.p.absorb_apart * alone as f32 {
                    continue;
                }
            }
            let s = self.fused_coverage(a, b, &db);
            if s >= self.p.absorb_min && best.is_none_or(|(bs, _)| s > bs) {
                best = Some((s, a));
            }
        }
        best.map(|(_, a)| a)
    }

    /// Evidence that `b` and `a` split a matter another document keeps in one article: an article
    /// `x` of `b` and its neighbour `n` of `a` both have their best match in some document outside
    /// `db` (`b`'s documents, sorted) at the same article of `a`, which contains both. The
    /// strength is the lower of the two [`Space::coverage`]s, at best.
    fn fused_coverage(&self, a: usize, b: usize, db: &[usize]) -> f32 {
        let (space, c) = (self.space, &self.c);
        let mut best = 0.0f32;
        for &x in &c.members[b] {
            let beside = [x.checked_sub(1), Some(x + 1)].into_iter().flatten();
            for n in beside.filter(|&n| n < space.len() && c.owner[n] == a) {
                if space.units[n].doc != space.units[x].doc {
                    continue;
                }
                for (e, y, _) in self.scored.best(x) {
                    let whole = c.owner[y as usize] == a
                        && db.binary_search(&e).is_err()
                        && self.scored.best_in(n, e) == Some(y);
                    if whole {
                        let y = y as usize;
                        best = best.max(space.coverage(x, y).min(space.coverage(n, y)));
                    }
                }
            }
        }
        best
    }

    /// Clusters of the articles right before and after `b`'s, inside the same chapters.
    fn neighbour_clusters(&self, b: usize) -> Vec<usize> {
        let (space, c) = (self.space, &self.c);
        let mut out: Vec<usize> = Vec::new();
        for &m in &c.members[b] {
            let u = space.units[m];
            for n in [m.checked_sub(1), Some(m + 1)].into_iter().flatten() {
                let same_place = n < space.len()
                    && space.units[n].doc == u.doc
                    && space.units[n].chapter == u.chapter;
                if same_place && c.owner[n] != b && !out.contains(&c.owner[n]) {
                    out.push(c.owner[n]);
                }
            }
        }
        out
    }

    /// Whether, in every document that both clusters hold (`db`, `da` sorted), their articles
    /// together are one run of consecutive articles.
    fn runs_together(&self, a: usize, b: usize, db: &[usize], da: &[usize]) -> bool {
        let (space, c) = (self.space, &self.c);
        db.iter().filter(|d| da.binary_search(d).is_ok()).all(|&d| {
            let mut at: Vec<usize> = c.members[a]
                .iter()
                .chain(&c.members[b])
                .copied()
                .filter(|&m| space.units[m].doc == d)
                .collect();
            at.sort_unstable();
            at.windows(2).all(|w| w[1] == w[0] + 1)
        })
    }

    /// Mean similarity of `x` to the members of cluster `c` from other documents than `x`'s,
    /// exact: the sum over the whole cluster less the few members of `x`'s own document.
    fn mean_sim(&self, x: usize, c: usize) -> f32 {
        let space = self.space;
        let doc = space.units[x].doc;
        let (mut sum, mut n) = (self.c.sum_sim_one(space, x, c), 0usize);
        for &m in &self.c.members[c] {
            if space.units[m].doc == doc {
                sum -= space.sim(x, m);
            } else {
                n += 1;
            }
        }
        if n == 0 { 0.0 } else { sum / n as f32 }
    }

    /// The cluster of a neighbouring article that `x` completes: most of `x`'s best matches in the
    /// cluster's other documents lie in it, and `x` resembles them on average.
    fn split_target(&self, x: usize) -> Option<usize> {
        let (space, c) = (self.space, &self.c);
        let u = space.units[x];
        let neighbours = [u.pos.checked_sub(1), Some(u.pos + 1)];
        for pos in neighbours.into_iter().flatten() {
            let Some(nb) = space.at(u.doc, pos) else {
                continue;
            };
            let target = c.owner[nb];
            let others: Vec<usize> = c.members[target]
                .iter()
                .copied()
                .filter(|&m| space.units[m].doc != u.doc)
                .collect();
            if others.is_empty() {
                continue;
            }
            let docs: Vec<usize> = c
                .docs(space, target)
                .into_iter()
                .filter(|&d| d != u.doc)
                .collect();
            let hits = docs
                .iter()
                .filter(|&&d| {
                    if self.p.split_rank <= 1 {
                        return self
                            .scored
                            .best_in(x, d)
                            .is_some_and(|y| c.owner[y as usize] == target);
                    }
                    self.scored
                        .top_in(x, d, self.p.split_rank)
                        .iter()
                        .any(|&y| c.owner[y as usize] == target)
                })
                .count();
            let enough = hits > 0 && hits as f32 >= self.p.split_share * docs.len() as f32;
            if enough && self.mean_sim(x, target) > self.p.split_min {
                return Some(target);
            }
        }
        None
    }

    /// The cluster most of `x`'s best matches belong to, when `x`'s document is not in it yet.
    fn vote_target(&self, x: usize) -> Option<usize> {
        let c = &self.c;
        let mut votes: Vec<(usize, usize)> = Vec::new();
        for (_, y, _) in self.scored.best(x) {
            let owner = c.owner[y as usize];
            match votes.iter_mut().find(|v| v.0 == owner) {
                Some(v) => v.1 += 1,
                None => votes.push((owner, 1)),
            }
        }
        let &(target, v) = votes
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
        let members = &c.members[target];
        let docs = c.docs(self.space, target);
        if members.len() < 2 || docs.binary_search(&self.space.units[x].doc).is_ok() {
            return None;
        }
        let enough = v >= 2 && 2 * v > docs.len();
        (enough && self.mean_sim(x, target) > self.p.vote_min).then_some(target)
    }

    /// Articles of another document that one article holds several of (the gold convention: when
    /// one document's single article covers the main matter of several articles of another, all
    /// form one group). For each article `x` and each other document, every paragraph of `x` is
    /// matched to the candidate there that holds most of it (at least `part_min` of its weighted
    /// bigrams). When two or more articles each take at least `part_share` of `x`'s text, lie
    /// within `fuse_span` positions of each other, each has `x` as its best match in `x`'s
    /// document and at least `fuse_cover` of its own wording in `x` (`x` holds their main
    /// matter, not a side sentence), their clusters join `x`'s. All but the best-match test is
    /// read from [`FusedParts`], found once for both passes. Proposals are made on the clusters
    /// as they stand, then applied in order;
    /// a merge that would spread one document's articles wider than `fuse_span` is refused.
    fn join_fused(&mut self, fused: &FusedParts) {
        let (space, p, scored) = (self.space, self.p, self.scored);
        let proposals: Vec<(usize, Vec<usize>)> = fused
            .of
            .iter()
            .filter_map(|(x, runs)| {
                let x_doc = space.units[*x].doc;
                let mut joined = Vec::new();
                for run in runs {
                    let fused: Vec<usize> = run
                        .iter()
                        .copied()
                        .filter(|&y| scored.best_in(y, x_doc) == Some(*x as u32))
                        .collect();
                    if fused.len() >= 2 {
                        let pos = fused.iter().map(|&y| space.units[y].pos);
                        let (lo, hi) = (pos.clone().min().unwrap_or(0), pos.max().unwrap_or(0));
                        if hi - lo <= p.fuse_span {
                            joined.extend(fused);
                        }
                    }
                }
                (!joined.is_empty()).then_some((*x, joined))
            })
            .collect();
        for (x, ys) in proposals {
            for y in ys {
                let (a, b) = (self.c.owner[x], self.c.owner[y]);
                if a != b && self.compact(a, b) {
                    self.c.merge(space, a, b);
                }
            }
        }
    }

    /// The nearest article of `x`'s document before (`step` -1) or after (+1) it that sits in a
    /// cluster of several documents, within `fuse_span` + 1 positions.
    fn anchor(&self, x: usize, step: isize) -> Option<usize> {
        let (space, c) = (self.space, &self.c);
        let u = space.units[x];
        (1..=self.p.fuse_span as isize + 1).find_map(|k| {
            let pos = u.pos.checked_add_signed(k * step)?;
            let n = space.at(u.doc, pos)?;
            (c.docs[c.owner[n]].len() > 1).then_some(c.owner[n])
        })
    }

    /// Lone articles placed by order: `x` lies between two articles of its document grouped in
    /// clusters `P` and `N`; in every other document holding both, the articles between `P`'s and
    /// `N`'s are the gap where `x`'s counterpart should be. A cluster lying in those gaps (all its
    /// members there), lacking `x`'s document, that `x` resembles `gap_z` robust spreads above
    /// the corpus's null median on average, takes `x`; the most similar wins, one lone article per
    /// document and cluster.
    fn join_gaps(&mut self) {
        let (space, c) = (self.space, &self.c);
        let (centre, spread) = space.null_sim();
        let span = self.p.fuse_span;
        let mut picks: Vec<(usize, usize, usize, f32)> = Vec::new();
        for x in 0..space.len() {
            if c.members[c.owner[x]].len() > 1 {
                continue;
            }
            let (Some(pc), Some(nc)) = (self.anchor(x, -1), self.anchor(x, 1)) else {
                continue;
            };
            if pc == nc {
                continue;
            }
            let dx = space.units[x].doc;
            let pos_in = |cl: usize, d: usize| {
                c.members[cl]
                    .iter()
                    .filter(|&&m| space.units[m].doc == d)
                    .map(|&m| space.units[m].pos)
                    .collect::<Vec<_>>()
            };
            let mut gaps: Vec<(usize, usize, usize)> = Vec::new();
            for &d in &c.docs[pc] {
                let d = d as usize;
                if d == dx || c.docs[nc].binary_search(&(d as u32)).is_err() {
                    continue;
                }
                let lo = pos_in(pc, d).into_iter().max().unwrap_or(0);
                let hi = pos_in(nc, d).into_iter().min().unwrap_or(0);
                if lo < hi && hi - lo - 1 <= span {
                    gaps.push((d, lo, hi));
                }
            }
            if gaps.is_empty() {
                continue;
            }
            let mut best: Option<(f32, usize)> = None;
            for &(d, lo, hi) in &gaps {
                for pos in lo + 1..hi {
                    let Some(y) = space.at(d, pos) else { continue };
                    let t = c.owner[y];
                    if c.docs[t].binary_search(&(dx as u32)).is_ok() {
                        continue;
                    }
                    let inside = c.members[t].iter().all(|&m| {
                        let mu = space.units[m];
                        gaps.iter()
                            .find(|g| g.0 == mu.doc)
                            .is_none_or(|g| g.1 < mu.pos && mu.pos < g.2)
                    });
                    if !inside {
                        continue;
                    }
                    let z = (self.mean_sim(x, t) - centre) / spread;
                    if z >= self.p.gap_z && best.is_none_or(|b| z > b.0) {
                        best = Some((z, t));
                    }
                }
            }
            if let Some((z, t)) = best {
                picks.push((t, dx, x, z));
            }
        }
        picks.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(b.3.total_cmp(&a.3)));
        picks.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        let picks: Vec<(usize, usize)> = picks
            .into_iter()
            .map(|(t, _, x, _)| (x, self.c.members[t][0]))
            .collect();
        for (x, y) in picks {
            let (a, b) = (self.c.owner[x], self.c.owner[y]);
            if a != b && !self.c.shares_doc(space, a, b) {
                self.c.merge(space, a, b);
            }
        }
    }

    /// Whether clusters `a` and `b` together keep each document's articles within `fuse_span`
    /// positions.
    fn compact(&self, a: usize, b: usize) -> bool {
        let members = self.c.members[a].iter().chain(&self.c.members[b]).copied();
        self.space.within_span(members, self.p.fuse_span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::tests::fixture;
    use crate::align::{Params, build_space};
    use crate::model::Regulation;

    /// The average link from the sums equals the mean of every pair's similarity, computed pair
    /// by pair, and the merged sums are the sums of the members.
    #[test]
    fn average_link_from_sums_is_exact() {
        let docs = fixture();
        let refs: Vec<&Regulation> = docs.iter().collect();
        let space = build_space(&refs, Params::default().sim);
        let mut c = Clusters::singletons(&space);
        // a's first two articles against b's: 0, 1 (doc a) and 3, 4 (doc b).
        c.merge(&space, 0, 1);
        c.merge(&space, 3, 4);
        let (a, b) = (c.owner[0], c.owner[3]);
        let pairs = [(0, 3), (0, 4), (1, 3), (1, 4)];
        let brute = pairs.iter().map(|&(x, y)| space.sim(x, y)).sum::<f32>() / 4.0;
        assert!((c.average_link(&space, a, b) - brute).abs() < 1e-5);
        let one = (space.sim(2, 3) + space.sim(2, 4)) / 2.0;
        assert!((c.sum_sim_one(&space, 2, b) / 2.0 - one).abs() < 1e-5);
    }
}

#[cfg(test)]
#[path = "cluster_tests.rs"]
mod hand_made;
