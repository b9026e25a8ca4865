//! The grouping's thresholds chosen per corpus by what the corpus alone says of each result
//! (setting `select`, off). The corpus is grouped under a ladder of settings, the defaults and
//! each of `shifts` added to the four thresholds of the grouping (`edge_min`, `link_min`,
//! `split_min`, `vote_min`) at once; each result is scored by its **cohesion over the null**: the
//! sum, over every pair of members of a group from two documents, of the pair's similarity in
//! robust spreads above the corpus's null median (`Space::null_sim`) less `z0`. A link far above
//! the null adds to it, a link near the null takes away, so a conservative setting wins where the
//! looser one's extra links are weak and a liberal one where they stand out. The best result
//! replaces the defaults' only when it scores at least `gate` (a share of the defaults' own
//! score's size) above it. No gold is read.
//!
//! Work: the alignment once per rung of the ladder, and the pairs scored once more for the
//! criterion. A corpus of several kinds chooses per kind.

use super::timings::Stopwatch;
use super::{Alignment, Params, align_steps, similarities};
use crate::model::Regulation;

/// Settings of the choice (`select`). Off: over the sixteen dev families, with the criterion's
/// form chosen on the other fifteen, a family falls by more than 0.01 (the leave-one-family-out
/// mean 0.7229 → 0.7298); the defaults here (0.7313, none lower by more than 0.004) rest on a
/// narrow `gate`, and the corpus is aligned once per rung (docs/alignment-rejected.md,
/// "Thresholds chosen per corpus by an internal criterion").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SelectParams {
    /// When true, the thresholds are chosen per corpus.
    pub on: bool,
    /// What each rung adds to the four thresholds (0 and NaN rungs are skipped; the defaults
    /// always run).
    pub shifts: [f32; 8],
    /// A link counts for the result when its similarity lies more than this many robust spreads
    /// above the null median, against it when less.
    pub z0: f32,
    /// Least gain of the best rung's score over the defaults', as a share of the size of the
    /// defaults' score, for the rung to be taken.
    pub gate: f32,
}

impl Default for SelectParams {
    fn default() -> SelectParams {
        SelectParams {
            on: false,
            shifts: [-0.06, -0.04, -0.02, -0.01, 0.01, 0.02, 0.04, 0.06],
            z0: 3.0,
            gate: 0.01,
        }
    }
}

/// `params` with `shift` added to the four thresholds of the grouping.
fn shifted(params: &Params, shift: f32) -> Params {
    let mut p = *params;
    p.cluster.edge_min += shift;
    p.cluster.link_min += shift;
    p.cluster.split_min += shift;
    p.cluster.vote_min += shift;
    p
}

/// The cohesion over the null of `alignment` (see the module's comment): for every pair of
/// members of one group from two documents, its score's robust z over the null less `z0`, summed.
pub fn cohesion(alignment: &Alignment, sims: &super::Similarities, z0: f32) -> f64 {
    let (centre, spread) = sims.null_sim();
    let spread = spread.max(1e-6);
    let mut sum = 0.0f64;
    for g in alignment.groups.iter().filter(|g| g.members.len() > 1) {
        let members: Vec<(&str, &Vec<u32>)> =
            g.members.iter().map(|(d, ns)| (d.as_str(), ns)).collect();
        for (k, &(d, ns)) in members.iter().enumerate() {
            for &(e, ms) in &members[k + 1..] {
                for &i in ns {
                    for &j in ms {
                        if let Some(s) = sims.score((d, i), (e, j)) {
                            sum += f64::from((s - centre) / spread - z0);
                        }
                    }
                }
            }
        }
    }
    sum
}

/// The alignment of `docs` (one kind) under the rung of the ladder that the cohesion prefers.
pub(super) fn choose(docs: &[&Regulation], params: &Params, watch: &mut Stopwatch) -> Alignment {
    let s = params.select;
    let mut off = *params;
    off.select.on = false;
    let base = align_steps(docs, &off, watch);
    let sims = similarities(docs, &off);
    let own = cohesion(&base, &sims, s.z0);
    // Nearer rungs first: of equal scores, the one nearer the defaults is kept.
    let mut rungs: Vec<f32> = s
        .shifts
        .iter()
        .copied()
        .filter(|d| d.is_finite() && *d != 0.0)
        .collect();
    rungs.sort_by(|a, b| a.abs().total_cmp(&b.abs()).then(a.total_cmp(b)));
    let mut best: Option<(f64, Alignment)> = None;
    for d in rungs {
        let a = align_steps(docs, &shifted(&off, d), watch);
        let c = cohesion(&a, &sims, s.z0);
        if best.as_ref().is_none_or(|(b, _)| c > *b) {
            best = Some((c, a));
        }
    }
    watch.lap("select: the thresholds chosen by cohesion over the null");
    match best {
        Some((c, a)) if c - own > f64::from(s.gate) * own.abs() => a,
        _ => base,
    }
}
