//! Second-order evidence through third documents (`Params::transit`, off by default). In a family
//! of four or five regulations, two articles worded apart (a of A, b of B) are often each the
//! close match of one article c of a third document C: the path a ~ c ~ b says they hold one
//! matter where their own score is weak. For each candidate pair, the path through C is
//! max over the articles c of C that are candidates of both of min(s(a, c), s(c, b)); the pair's
//! transitive score is the mean of its `docs` strongest paths through distinct documents (a
//! document with no path counts the corpus's null median), and the pair's score becomes
//! (1 − `weight`) × its own + `weight` × the transitive one. Only candidate pairs are read: the
//! cost is the candidates times the length of two candidate lists, near-linear in the corpus.

use super::similarity::{PairLists, RankExtra};
use super::space::Space;
use crate::text::chars::each_shared;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// The settings of the transitive term.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct TransitParams {
    /// Share of the transitive score in the pair's score; 0 turns the step off.
    pub weight: f32,
    /// How many of the strongest paths (through distinct third documents) are averaged.
    pub docs: usize,
    /// When true, the mixed score only ranks each article's candidates (which one is best in a
    /// document); the thresholds still read the pair's own score.
    pub rank_only: bool,
    /// When true, the mix only raises a pair's score (a strong path where the own score is weak);
    /// a weaker path leaves it as it is.
    #[serde(default)]
    pub raise_only: bool,
    /// Weight of the counter-evidence: where the two articles' best matches in a third document
    /// are different articles, each preferred by its own side, the pair loses this times the
    /// smaller of the two preferences (mean over the third documents where both have
    /// candidates); 0 leaves it out.
    #[serde(default)]
    pub against: f32,
}

impl Default for TransitParams {
    fn default() -> TransitParams {
        TransitParams {
            weight: 0.0,
            docs: 2,
            rank_only: false,
            raise_only: false,
            against: 0.0,
        }
    }
}

/// The transitive score of the candidate pair `x`, `y`: the mean of its `k` strongest paths
/// through distinct third documents (`floor` for each missing one); NaN without a third document.
fn paths(space: &Space, pairs: &PairLists, x: usize, y: usize, floor: f32, k: usize) -> f32 {
    let (dx, dy) = (space.units[x].doc, space.units[y].doc);
    let (lx, ly) = (&pairs[x], &pairs[y]);
    // Both lists are sorted by article index, so grouped by document: one merge walk keeps the
    // best path per third document.
    let mut best: Vec<f32> = Vec::new();
    let mut current: Option<(usize, f32)> = None;
    each_shared(
        lx,
        ly,
        |p, q| p.0.cmp(&q.0),
        |&(c, sx), &(_, sy)| {
            let doc = space.units[c as usize].doc;
            if doc == dx || doc == dy {
                return;
            }
            let p = sx.min(sy);
            match current {
                Some((d, ref mut v)) if d == doc => *v = v.max(p),
                _ => {
                    if let Some((_, v)) = current {
                        best.push(v);
                    }
                    current = Some((doc, p));
                }
            }
        },
    );
    if let Some((_, v)) = current {
        best.push(v);
    }
    let thirds = space.n_docs().saturating_sub(2).min(k);
    if thirds == 0 {
        return f32::NAN;
    }
    best.sort_by(|a, b| b.total_cmp(a));
    best.truncate(thirds);
    let found = best.len();
    let sum: f32 = best.iter().sum::<f32>() + floor * (thirds - found) as f32;
    sum / thirds as f32
}

/// Mixes the transitive score into every candidate pair's score (or, when `rank_only`, into what
/// ranks them: `rank` gains the difference). A pair without a third document keeps its score.
pub(crate) fn mix(
    space: &Space,
    pairs: PairLists,
    rank: RankExtra,
    p: &TransitParams,
) -> (PairLists, RankExtra) {
    if (p.weight == 0.0 || p.docs == 0) && p.against == 0.0 {
        return (pairs, rank);
    }
    let (floor, _) = space.null_sim();
    let w = p.weight;
    let best: Vec<Vec<(usize, u32, f32)>> = if p.against != 0.0 {
        (0..pairs.len())
            .into_par_iter()
            .map(|x| best_per_doc(space, &pairs[x]))
            .collect()
    } else {
        Vec::new()
    };
    // Per article and candidate, what the mix adds to the pair's own score.
    let delta: Vec<Vec<f32>> = (0..pairs.len())
        .into_par_iter()
        .map(|x| {
            pairs[x]
                .iter()
                .map(|&(y, s)| {
                    let against = if best.is_empty() {
                        0.0
                    } else {
                        p.against * conflict(space, &pairs, &best, x, y as usize, floor)
                    };
                    if w == 0.0 || p.docs == 0 {
                        return -against;
                    }
                    let t = paths(space, &pairs, x, y as usize, floor, p.docs);
                    -against
                        + if t.is_nan() {
                            0.0
                        } else if p.raise_only {
                            w * (t - s).max(0.0)
                        } else {
                            w * (t - s)
                        }
                })
                .collect()
        })
        .collect();
    if p.rank_only {
        let rank = if rank.is_empty() {
            delta
        } else {
            rank.into_iter()
                .zip(delta)
                .map(|(r, d)| r.into_iter().zip(d).map(|(a, b)| a + b).collect())
                .collect()
        };
        return (pairs, rank);
    }
    let pairs = pairs
        .into_iter()
        .zip(&delta)
        .map(|(list, d)| {
            list.into_iter()
                .zip(d)
                .map(|((y, s), e)| (y, s + e))
                .collect()
        })
        .collect();
    (pairs, rank)
}

/// Each document's best candidate in a candidate list (sorted by article index, so grouped by
/// document): (document, candidate, score), by document.
fn best_per_doc(space: &Space, list: &[(u32, f32)]) -> Vec<(usize, u32, f32)> {
    let mut out: Vec<(usize, u32, f32)> = Vec::new();
    for &(c, s) in list {
        let doc = space.units[c as usize].doc;
        match out.last_mut() {
            Some(last) if last.0 == doc => {
                if s > last.2 {
                    *last = (doc, c, s);
                }
            }
            _ => out.push((doc, c, s)),
        }
    }
    out
}

/// The score of `c` in `x`'s candidate list, or `floor` when it is not a candidate.
fn score_of(pairs: &PairLists, x: usize, c: u32, floor: f32) -> f32 {
    let list = &pairs[x];
    match list.binary_search_by_key(&c, |p| p.0) {
        Ok(i) => list[i].1,
        Err(_) => floor,
    }
}

/// The counter-evidence against the pair `x`, `y`: over the third documents where both have
/// candidates, the mean of how far each side prefers its own best match there to the other
/// side's (the smaller of the two; 0 where the best matches are one article).
fn conflict(
    space: &Space,
    pairs: &PairLists,
    best: &[Vec<(usize, u32, f32)>],
    x: usize,
    y: usize,
    floor: f32,
) -> f32 {
    let (dx, dy) = (space.units[x].doc, space.units[y].doc);
    let (bx, by) = (&best[x], &best[y]);
    let (mut sum, mut n) = (0.0f32, 0usize);
    each_shared(
        bx,
        by,
        |p, q| p.0.cmp(&q.0),
        |&(doc, cx, sx), &(_, cy, sy)| {
            if doc == dx || doc == dy {
                return;
            }
            n += 1;
            if cx == cy {
                return;
            }
            let x_pref = sx - score_of(pairs, x, cy, floor);
            let y_pref = sy - score_of(pairs, y, cx, floor);
            sum += x_pref.min(y_pref).max(0.0);
        },
    );
    if n == 0 { 0.0 } else { sum / n as f32 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::timings::Stopwatch;
    use crate::align::{Params, build_space, candidate_pairs};
    use crate::corpus::Corpus;
    use crate::model::Regulation;
    use std::path::Path;

    /// The score of `y` in `x`'s list.
    fn at(pairs: &PairLists, x: usize, y: usize) -> Option<f32> {
        pairs[x]
            .binary_search_by_key(&(y as u32), |p| p.0)
            .ok()
            .map(|i| pairs[x][i].1)
    }

    /// On the five seed regulations: the step is off by default; the counter-evidence only lowers
    /// scores and the raised paths only raise them, some pairs move, every mixed score stays
    /// symmetric, and the ranking-only form leaves the scores as they were.
    #[test]
    fn transit_mixes_symmetric_evidence_on_the_seed_corpus() {
        assert_eq!(Params::default().transit, TransitParams::default());
        assert_eq!(TransitParams::default().weight, 0.0);
        assert_eq!(TransitParams::default().against, 0.0);
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let corpus = Corpus::load(&root).expect("seed corpus loads");
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        let params = Params::default();
        let space = build_space(&docs, params.sim);
        let pairs = candidate_pairs(&space, params.candidates, &mut Stopwatch::off());
        let against = TransitParams {
            against: 1.0,
            ..TransitParams::default()
        };
        let raise = TransitParams {
            weight: 0.2,
            raise_only: true,
            ..TransitParams::default()
        };
        for (p, lowers) in [(against, true), (raise, false)] {
            let (mixed, rank) = mix(&space, pairs.clone(), Vec::new(), &p);
            assert!(rank.is_empty());
            let mut moved = 0;
            for (x, list) in mixed.iter().enumerate() {
                for (k, &(y, s)) in list.iter().enumerate() {
                    let own = pairs[x][k].1;
                    assert_eq!(pairs[x][k].0, y);
                    if lowers {
                        assert!(s <= own, "{x} {y}: {s} > {own}");
                    } else {
                        assert!(s >= own, "{x} {y}: {s} < {own}");
                    }
                    moved += usize::from(s != own);
                    assert_eq!(at(&mixed, y as usize, x), Some(s), "{x} {y} not symmetric");
                }
            }
            assert!(moved >= 100, "{p:?} moved {moved} pairs");
            let (same, extra) = mix(
                &space,
                pairs.clone(),
                Vec::new(),
                &TransitParams {
                    rank_only: true,
                    ..p
                },
            );
            assert_eq!(same, pairs);
            assert_eq!(extra.len(), pairs.len());
            assert!(extra.iter().flatten().any(|&e| e != 0.0));
        }
    }
}
