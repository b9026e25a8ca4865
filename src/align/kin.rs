//! Which documents are of one kind: regulations drafted on one matter (a family: four cities'
//! 养犬管理条例), as opposed to the unrelated regulations of a mixed corpus (a province's
//! hundreds). Evidence that means "one matter" between two articles of a family (a shared
//! paragraph, a shared formula) means nothing between two regulations of different subjects, so
//! the steps that read such evidence ask this first, per pair of documents.
//!
//! The test is relative to the corpus and to the documents' sizes, never a count: two documents
//! are of one kind when at least `share` of their articles (of both, together) are mutual best
//! matches between them lying `z` robust spreads above the corpus's null similarity
//! (`Space::null_sim`). Two cities' versions of one regulation give most of their articles such
//! a counterpart; two regulations of different subjects give only their common frame (purpose,
//! scope, date of entry into force). A user's corpus of one family plus an unrelated regulation
//! keeps the family's pairs of one kind and the stranger apart.
//!
//! Work: each article's best candidate per document (already ranked), one similarity per mutual
//! pair, one null sample.

use super::cluster::Scored;
use super::space::Space;
use rayon::prelude::*;
use std::collections::HashMap;

/// Settings of the test.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct KinParams {
    /// Least share of the two documents' articles that are mutual best matches above the null
    /// (each mutual pair counts its two articles); 0 makes every pair of one kind.
    pub share: f32,
    /// Robust spreads above the corpus's null median a mutual best match must lie to count.
    pub z: f32,
    /// When true, a join by paragraph links also needs every two documents of the joined group
    /// to be of one kind: on a mixed corpus a group can already hold unrelated regulations
    /// sharing a frame article, and one true link inside a family would join their matters.
    pub whole: bool,
}

impl Default for KinParams {
    fn default() -> KinParams {
        KinParams {
            share: 0.3,
            z: 3.0,
            whole: true,
        }
    }
}

/// The pairs of documents of one kind, with each pair's share.
#[derive(Debug, Clone, Default)]
pub(crate) struct Kin {
    /// Share of the pair's articles in mutual best matches above the null, by (lower, higher)
    /// document.
    shares: HashMap<(usize, usize), f32>,
    least: f32,
}

impl Kin {
    /// Measures every pair of documents that has a mutual best match among the candidates;
    /// `null` is the corpus's null similarity (`Space::null_sim`: median, robust spread).
    pub(crate) fn new(space: &Space, scored: &Scored, null: (f32, f32), p: &KinParams) -> Kin {
        let (centre, spread) = null;
        let best: Vec<Vec<(usize, u32, f32)>> = (0..space.len())
            .into_par_iter()
            .map(|x| scored.best(x).collect())
            .collect();
        let mutual = |x: usize, y: usize, d: usize| {
            best[y]
                .binary_search_by_key(&d, |b| b.0)
                .is_ok_and(|i| best[y][i].1 as usize == x)
        };
        let pairs: Vec<(usize, usize)> = (0..space.len())
            .into_par_iter()
            .flat_map_iter(|x| {
                let a = space.units[x].doc;
                best[x]
                    .iter()
                    .filter(move |b| (b.1 as usize) > x && mutual(x, b.1 as usize, a))
                    .filter(move |b| (space.sim(x, b.1 as usize) - centre) / spread >= p.z)
                    .map(move |b| (a.min(b.0), a.max(b.0)))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut counts: HashMap<(usize, usize), usize> = HashMap::new();
        for pair in pairs {
            *counts.entry(pair).or_default() += 1;
        }
        let size = |d: usize| space.doc_starts[d + 1] - space.doc_starts[d];
        let shares = counts
            .into_iter()
            .map(|((a, b), n)| {
                let total = (size(a) + size(b)).max(1);
                ((a, b), 2.0 * n as f32 / total as f32)
            })
            .collect();
        Kin {
            shares,
            least: p.share,
        }
    }

    /// The share of documents `a` and `b`'s articles that are mutual best matches above the null.
    pub(crate) fn share(&self, a: usize, b: usize) -> f32 {
        self.shares
            .get(&(a.min(b), a.max(b)))
            .copied()
            .unwrap_or(0.0)
    }

    /// Every measured pair of documents (lower, higher) with its share, in order.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (usize, usize, f32)> + '_ {
        let mut all: Vec<(usize, usize, f32)> =
            self.shares.iter().map(|(&(a, b), &s)| (a, b, s)).collect();
        all.sort_by_key(|x| (x.0, x.1));
        all.into_iter()
    }

    /// Whether documents `a` and `b` are of one kind (a document is of its own kind).
    pub(crate) fn of_one_kind(&self, a: usize, b: usize) -> bool {
        a == b || self.least <= 0.0 || self.share(a, b) >= self.least
    }
}
