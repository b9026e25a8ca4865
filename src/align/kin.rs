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
//!
//! **Kinds** (`Kin::kinds`, `Params::kinds`): a corpus of several families is split into its
//! kinds before anything is grouped, and each kind is aligned as a corpus of its own (its own
//! weights, nulls, translation table and thresholds), the documents of no kind together. On a
//! mixed corpus the pair test alone does not part the families: with few documents every
//! article's candidates reach every document, and regulations of neighbouring subjects (古树名木
//! and 城市绿化) share as many counterparts as a family's weakest pair. Documents are therefore
//! gathered by average linkage over the pairs' shares, strongest first: two sets join when their
//! average share reaches `share` and `ratio` of the stronger cohesion of the two (a set's average
//! share inside). A family joins its members at about its own cohesion; a neighbouring family,
//! or a pair of strangers that happen to share their frame, sits well below it. The shares alone
//! do not keep a family member drafted apart (the 浙江 of four 消防条例, 0.26–0.29 with its
//! siblings, shares less with its family than a 城市绿化 regulation with four 城市供水条例), so
//! the titles are read first (`titles`): documents whose titles name one matter start as one
//! kind whatever their shares, and two sets whose titles name matters that all differ join only
//! on `apart`; matters that are near (历史文化名城保护 / 历史文化名城名镇名村保护) join by the
//! shares alone, as a title that names none does. When every title names one matter, nothing is
//! measured.

pub mod titles;

use super::cluster::Scored;
use super::space::Space;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use titles::Matters;

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

/// Settings of the split of a corpus into kinds (`Params::kinds`).
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct KindsParams {
    /// When true, the documents are split into kinds first and each kind aligned on its own
    /// (the documents of no kind together); a corpus of one kind aligns as before.
    pub on: bool,
    /// Least average share between two sets of documents, as a part of the more cohesive set's
    /// cohesion (its average share inside), for the two to be one kind.
    pub ratio: f32,
    /// When true, the titles are read too: documents whose titles name one matter are of one
    /// kind whatever their shares, documents whose titles name different matters join only on
    /// `apart` (module doc of `titles`).
    pub titles: bool,
    /// Least weighted overlap of two titles' matters (Dice over their characters, each weighed by
    /// its rarity among the corpus's matters) for them to name one matter.
    pub same: f32,
    /// Least average share between two sets of documents whose titles name different matters for
    /// them to be one kind (the `ratio` test applies too); above 1, never.
    pub apart: f32,
    /// Least weighted overlap of two titles' matters, not one, for them to be near: their sets
    /// join by the shares alone (`share` and `ratio`), not held apart by `apart`. Two matters are
    /// near too when the longer is the shorter with one run written inside it (`titles`); at
    /// `same` or above, only then.
    #[serde(default = "same_near")]
    pub near: f32,
}

/// The default of `KindsParams::near` (settings written before it: no band).
fn same_near() -> f32 {
    KindsParams::default().near
}

impl Default for KindsParams {
    fn default() -> KindsParams {
        KindsParams {
            on: true,
            ratio: 0.68,
            titles: true,
            same: 0.75,
            apart: 0.6,
            near: 0.75,
        }
    }
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
        let best: Vec<Vec<(usize, u32, f32)>> = (0..space.len())
            .into_par_iter()
            .map(|x| scored.best(x).collect())
            .collect();
        let (centre, spread) = unrelated_null(space, &best, null);
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

    /// The documents `0..docs` gathered into kinds (module doc): first the documents whose
    /// titles name one matter (`matters`), then by average linkage over the pairs' shares. Each
    /// kind's documents in order, the kinds in the order of their first document. A document of
    /// no kind is a kind of its own; `share` 0 makes one kind.
    pub(crate) fn kinds(&self, docs: usize, matters: &Matters, p: &KindsParams) -> Vec<Vec<usize>> {
        if self.least <= 0.0 {
            return vec![(0..docs).collect()];
        }
        // Each document's set of titles of one matter, by the set's first document.
        let mut set: Vec<usize> = (0..docs).collect();
        for s in matters.sets(docs) {
            for &d in &s {
                set[d] = s[0];
            }
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); docs];
        for d in 0..docs {
            members[set[d]].push(d);
        }
        // Two sets are held apart (`apart`) when documents of each name matters and every two of
        // them differ; near matters (`titles::Verdict::Near`: 历史文化名城保护 and
        // 历史文化名城名镇名村保护) leave it to the shares, as a title that names none does.
        let mut held: HashMap<(usize, usize), bool> = HashMap::new();
        let differ = |x: &[usize], y: &[usize]| {
            let mut named = false;
            for &a in x {
                for &b in y {
                    match matters.between(a, b) {
                        Some(titles::Verdict::Different) => named = true,
                        Some(_) => return false,
                        None => {}
                    }
                }
            }
            named
        };
        // Sum of the shares inside each set and between each two sets (by lower, higher index).
        let mut inner = vec![0.0f64; docs];
        let mut between: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for (&(a, b), &s) in &self.shares {
            if a >= docs || b >= docs || a == b {
                continue;
            }
            let (x, y) = (set[a].min(set[b]), set[a].max(set[b]));
            if x == y {
                inner[x] += f64::from(s);
            } else {
                *between.entry((x, y)).or_default() += f64::from(s);
            }
        }
        let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
        loop {
            let cohesion =
                |c: usize| (members[c].len() > 1).then(|| inner[c] / pairs(members[c].len()));
            let mut best: Option<(f64, usize, usize)> = None;
            for (&(a, b), &sum) in &between {
                let mean = sum / (members[a].len() * members[b].len()) as f64;
                if mean < f64::from(self.least) {
                    continue;
                }
                // Two sets whose titles name different matters.
                if mean < f64::from(p.apart)
                    && *held
                        .entry((a, b))
                        .or_insert_with(|| differ(&members[a], &members[b]))
                {
                    continue;
                }
                let stronger = match (cohesion(a), cohesion(b)) {
                    (Some(x), Some(y)) => Some(x.max(y)),
                    (x, y) => x.or(y),
                };
                if stronger.is_some_and(|c| mean < f64::from(p.ratio) * c) {
                    continue;
                }
                if best.is_none_or(|(m, _, _)| mean > m) {
                    best = Some((mean, a, b));
                }
            }
            let Some((_, a, b)) = best else { break };
            let taken = std::mem::take(&mut members[b]);
            members[a].extend(taken);
            held.retain(|&(x, y), _| x != a && y != a && x != b && y != b);
            inner[a] += inner[b] + between.remove(&(a, b)).unwrap_or(0.0);
            let moved: Vec<((usize, usize), f64)> = between
                .iter()
                .filter(|&(&(x, y), _)| x == b || y == b)
                .map(|(&k, &s)| (k, s))
                .collect();
            for (k, s) in moved {
                between.remove(&k);
                let other = if k.0 == b { k.1 } else { k.0 };
                *between.entry((a.min(other), a.max(other))).or_default() += s;
            }
        }
        let mut kinds: Vec<Vec<usize>> = members.into_iter().filter(|m| !m.is_empty()).collect();
        for k in &mut kinds {
            k.sort_unstable();
        }
        kinds.sort_by_key(|k| k[0]);
        kinds
    }

    /// Whether documents `a` and `b` are of one kind (a document is of its own kind).
    pub(crate) fn of_one_kind(&self, a: usize, b: usize) -> bool {
        a == b || self.least <= 0.0 || self.share(a, b) >= self.least
    }
}

/// Above this share of counterparts (mutual best matches) among pairs of articles of different
/// documents drawn at random, the corpus's null is no null (see [`unrelated_null`]).
const COUNTERPARTS: f32 = 0.25;

/// The null the pair test reads: the corpus's (`null`), unless counterparts are more than
/// [`COUNTERPARTS`] of the pairs a null draws, then the null of the pairs that are not
/// counterparts (median and robust spread, as `Space::null_sim`). A null stands for unrelated
/// pairs, and two documents of `n` articles hold at most `n` mutual best matches among their
/// `n²` pairs: in documents of a few articles (near-copies of two articles whose titles differ
/// by a number), half of any sample is counterparts, the median sits among them and a
/// near-copy is not 3 spreads above it, so no pair of documents shared anything and the titles
/// alone split the corpus. Regulations of a dozen articles or more draw a few percent of
/// counterparts, and read the corpus's null as before.
fn unrelated_null(space: &Space, best: &[Vec<(usize, u32, f32)>], null: (f32, f32)) -> (f32, f32) {
    const SAMPLES: usize = 4000;
    let n = space.len();
    let best_in = |x: usize, y: usize| {
        let d = space.units[y].doc;
        best[x]
            .binary_search_by_key(&d, |b| b.0)
            .is_ok_and(|i| best[x][i].1 as usize == y)
    };
    let (counterparts, unrelated): (Vec<_>, Vec<_>) =
        super::space::hashed_pairs(0x2545_f491_4f6c_dd1d, n, n)
            .take(4 * SAMPLES)
            .filter(|&(x, y)| space.units[x].doc != space.units[y].doc)
            .take(SAMPLES)
            .partition(|&(x, y)| best_in(x, y) && best_in(y, x));
    let drawn = counterparts.len() + unrelated.len();
    if unrelated.is_empty() || counterparts.len() as f32 <= COUNTERPARTS * drawn as f32 {
        return null;
    }
    let mut sims: Vec<f32> = unrelated
        .par_iter()
        .map(|&(x, y)| space.sim(x, y))
        .collect();
    let median = |v: &mut Vec<f32>| {
        let mid = v.len() / 2;
        *v.select_nth_unstable_by(mid, f32::total_cmp).1
    };
    let centre = median(&mut sims);
    let mut dev: Vec<f32> = sims.iter().map(|s| (s - centre).abs()).collect();
    (centre, (1.4826 * median(&mut dev)).max(1e-3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kin(pairs: &[(usize, usize, f32)]) -> Kin {
        Kin {
            shares: pairs.iter().map(|&(a, b, s)| ((a, b), s)).collect(),
            least: KinParams::default().share,
        }
    }

    /// Two families of three (shares 0.6–0.8 inside), their neighbouring subjects sharing 0.45
    /// pair by pair, and two strangers sharing their frame (0.35) with each other and 0.32 with
    /// the first family: the families part, the strangers are a kind of their own, and a
    /// corpus of one family is one kind.
    #[test]
    fn families_part_by_their_cohesion_and_strangers_take_none_in() {
        let mut pairs = vec![
            (0, 1, 0.8),
            (0, 2, 0.6),
            (1, 2, 0.7),
            (3, 4, 0.75),
            (3, 5, 0.65),
            (4, 5, 0.6),
            (6, 7, 0.35),
        ];
        for a in 0..3 {
            for b in 3..6 {
                pairs.push((a, b, 0.45));
            }
            for b in 6..8 {
                pairs.push((a, b, 0.32));
            }
        }
        let p = KindsParams::default();
        let none = Matters::default();
        let kinds = kin(&pairs).kinds(8, &none, &p);
        assert_eq!(kinds, vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7]]);
        assert_eq!(kin(&pairs[..3]).kinds(3, &none, &p), vec![vec![0, 1, 2]]);
        // A document that shares too little with anyone is a kind of its own.
        assert_eq!(
            kin(&[(0, 1, 0.2)]).kinds(2, &none, &p),
            vec![vec![0], vec![1]]
        );
    }
}
