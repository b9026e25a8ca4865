//! A learned decision for the links the thresholds are unsure of (setting `learned`, off).
//!
//! After every other joining step, each member of a group and each lone article's best group
//! are read as a row of features relative to the corpus (the representative pair: the article
//! and its best-scoring member of the group in another document), and a logistic model gives
//! the probability that the article belongs there:
//! - `gate` (precision): a member whose probability lies below `gate_t` leaves its group;
//! - `admit` (recall): a lone article joins its best group when the probability lies above
//!   `admit_t`.
//!
//! The features ([`FEATURES`], in this order): the pair's score as a robust z over the corpus's
//! null (`Space::null_sim`); its ratio to the best of the article's row (its candidates in the
//! member's document) and of the member's column; the reciprocal ranks there; the lead over
//! the runner-up both ways (negative when another leads); coverage both ways; the meaning
//! cosine; the difference of relative positions; the share of the two neighbouring pairs
//! (before, after) grouped together; the chapter titles' cosine; how many of the two are
//! penalties; the shorter article's length (log of its bigram count) and the ratio of the two
//! lengths; whether the group holds another article of the article's document; the share of
//! the group's members of other documents whose best in the article's document is it; and the
//! mean z of the article's scores to those members (non-candidates score 0).
//!
//! The weights are data (`gate_w`, `admit_w`: bias first, then one per feature), fitted by
//! `examples/learned_links.rs` (L2-regularised logistic regression over the rows of the dev
//! families labelled against their golds); zero weights leave a step doing nothing.

use super::cluster::Scored;
use super::space::{Space, dense_dot};
use super::twins::{move_to, owners};

/// The names of the features of a row, in order.
pub const FEATURES: [&str; 19] = [
    "z",
    "row_ratio",
    "col_ratio",
    "row_rank",
    "col_rank",
    "row_lead",
    "col_lead",
    "cov_xy",
    "cov_yx",
    "meaning",
    "pos_diff",
    "neighbours",
    "chapter",
    "penalties",
    "length",
    "length_ratio",
    "holds_own",
    "rev",
    "mean_z",
];

/// Number of features of a row.
pub const N_FEATURES: usize = FEATURES.len();

/// Settings of the step (`learned`). Off by default: the leave-one-family-out figures are in
/// docs/alignment-rejected.md ("A learned link test across fifteen families").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LearnedParams {
    /// When true, members whose probability lies below `gate_t` leave their group.
    pub gate: bool,
    /// When true, lone articles join their best group when the probability lies above `admit_t`.
    pub admit: bool,
    /// The gate's threshold.
    pub gate_t: f32,
    /// The admission's threshold.
    pub admit_t: f32,
    /// The gate's weights: bias, then one per feature.
    pub gate_w: [f32; N_FEATURES + 1],
    /// The admission's weights: bias, then one per feature.
    pub admit_w: [f32; N_FEATURES + 1],
}

impl Default for LearnedParams {
    fn default() -> LearnedParams {
        LearnedParams {
            gate: false,
            admit: false,
            gate_t: 0.5,
            admit_t: 0.5,
            gate_w: [0.0; N_FEATURES + 1],
            admit_w: [0.0; N_FEATURES + 1],
        }
    }
}

/// One decision the step weighs: `x` in (gate) or beside (admit) cluster `cluster`, with its
/// features.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// True for a member of the cluster (gate), false for a lone article (admit).
    pub(crate) member: bool,
    pub(crate) x: usize,
    pub(crate) cluster: usize,
    pub(crate) features: [f32; N_FEATURES],
}

/// The probability a logistic model with weights `w` (bias first) gives `f` (the learned link
/// test's and the merge step's models).
pub(crate) fn probability(w: &[f32], f: &[f32]) -> f32 {
    let t: f32 = w[0] + w[1..].iter().zip(f).map(|(a, b)| a * b).sum::<f32>();
    1.0 / (1.0 + (-t).exp())
}

/// The probability a logistic model with weights `w` (bias first) gives `f`, in `f64`, for the
/// studies that fit the models ([`fit_logistic`]).
pub fn logistic(w: &[f64], f: &[f64]) -> f64 {
    let t: f64 = w[0] + w[1..].iter().zip(f).map(|(a, b)| a * b).sum::<f64>();
    1.0 / (1.0 + (-t).exp())
}

/// What the features read: the corpus's null, lengths and penalties.
struct Context<'a> {
    space: &'a Space,
    scored: &'a Scored,
    penalty: &'a [bool],
    centre: f32,
    spread: f32,
    /// Articles per document.
    doc_len: Vec<usize>,
}

impl Context<'_> {
    fn score(&self, x: usize, y: usize) -> Option<f32> {
        let doc = self.space.units[y].doc;
        self.scored
            .run(x, doc)
            .iter()
            .find(|p| p.0 as usize == y)
            .map(|p| p.1)
    }

    /// `y`'s ratio to the best of `x`'s run in `y`'s document, its reciprocal rank there and
    /// its lead over the best other one (as a share of its own score; negative when behind).
    fn row(&self, x: usize, y: usize, s: f32) -> (f32, f32, f32) {
        let run = self.scored.run(x, self.space.units[y].doc);
        let best = run.iter().map(|p| p.1).fold(s, f32::max);
        let other = run
            .iter()
            .filter(|p| p.0 as usize != y)
            .map(|p| p.1)
            .fold(f32::NEG_INFINITY, f32::max);
        let rank = 1 + run.iter().filter(|p| p.1 > s).count();
        let ratio = if best > 0.0 { s / best } else { 0.0 };
        let lead = if !other.is_finite() {
            1.0
        } else if s > 0.0 {
            ((s - other) / s).clamp(-1.0, 1.0)
        } else {
            -1.0
        };
        (ratio, 1.0 / rank as f32, lead)
    }

    fn z(&self, s: f32) -> f32 {
        ((s - self.centre) / self.spread).clamp(-10.0, 40.0)
    }

    /// The features of `x` beside `cluster` (members `members`), through its best-scoring member
    /// of another document.
    fn features(&self, x: usize, members: &[usize], owner: &[usize]) -> Option<[f32; N_FEATURES]> {
        let sp = self.space;
        let ux = sp.units[x];
        let others: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&m| sp.units[m].doc != ux.doc)
            .collect();
        if others.is_empty() {
            return None;
        }
        let scores: Vec<f32> = others
            .iter()
            .map(|&m| self.score(x, m).unwrap_or(0.0))
            .collect();
        let (k, &s) = scores
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))?;
        let y = others[k];
        let uy = sp.units[y];
        let (row_ratio, row_rank, row_lead) = if self.score(x, y).is_some() {
            self.row(x, y, s)
        } else {
            (0.0, 0.0, -1.0)
        };
        let (col_ratio, col_rank, col_lead) = match self.score(y, x) {
            Some(t) => self.row(y, x, t),
            None => (0.0, 0.0, -1.0),
        };
        let meaning = if sp.dims > 0 {
            dense_dot(sp.meaning_of(x), sp.meaning_of(y))
        } else {
            0.0
        };
        let rel = |u: super::space::Unit| {
            let n = self.doc_len[u.doc].max(2) - 1;
            u.pos as f32 / n as f32
        };
        let pos_diff = (rel(ux) - rel(uy)).abs();
        let mut together = 0.0;
        for step in [-1i64, 1] {
            let nx = ux.pos as i64 + step;
            let ny = uy.pos as i64 + step;
            if nx < 0 || ny < 0 {
                continue;
            }
            let (Some(a), Some(b)) = (sp.at(ux.doc, nx as usize), sp.at(uy.doc, ny as usize))
            else {
                continue;
            };
            if owner[a] != usize::MAX && owner[a] == owner[b] {
                together += 0.5;
            }
        }
        let chapter = sp.chapters[ux.chapter].dot(&sp.chapters[uy.chapter]);
        let pen = |u: usize| f32::from(u8::from(self.penalty.get(u).copied().unwrap_or(false)));
        let len = |u: usize| sp.bigrams[u].terms.len() as f32;
        let (lx, ly) = (len(x), len(y));
        let length = (1.0 + lx.min(ly)).ln();
        let length_ratio = if lx.max(ly) > 0.0 {
            lx.min(ly) / lx.max(ly)
        } else {
            0.0
        };
        let holds_own = members.iter().any(|&m| m != x && sp.units[m].doc == ux.doc);
        let rev = others
            .iter()
            .filter(|&&m| self.scored.best_in(m, ux.doc) == Some(x as u32))
            .count() as f32
            / others.len() as f32;
        let mean_z = scores.iter().map(|&s| self.z(s)).sum::<f32>() / scores.len() as f32;
        Some([
            self.z(s),
            row_ratio,
            col_ratio,
            row_rank,
            col_rank,
            row_lead,
            col_lead,
            sp.coverage(x, y),
            sp.coverage(y, x),
            meaning,
            pos_diff,
            together,
            chapter,
            pen(x) + pen(y),
            length,
            length_ratio,
            f32::from(u8::from(holds_own)),
            rev,
            mean_z,
        ])
    }
}

/// Every decision the step weighs on `clusters`: each member of a group of several documents,
/// and each lone article beside the group of its best-scoring grouped candidate.
pub(crate) fn rows(
    space: &Space,
    scored: &Scored,
    clusters: &[Vec<usize>],
    penalty: &[bool],
) -> Vec<Row> {
    let (centre, spread) = space.null_sim();
    let mut doc_len = vec![0usize; space.n_docs()];
    for u in &space.units {
        doc_len[u.doc] += 1;
    }
    let cx = Context {
        space,
        scored,
        penalty,
        centre,
        spread,
        doc_len,
    };
    let owner = owners(space, clusters);
    let grouped = |c: usize| c != usize::MAX && clusters[c].len() > 1;
    let mut out = Vec::new();
    for x in 0..space.len() {
        let c = owner[x];
        if grouped(c) {
            if let Some(features) = cx.features(x, &clusters[c], &owner) {
                out.push(Row {
                    member: true,
                    x,
                    cluster: c,
                    features,
                });
            }
            continue;
        }
        // The lone article's best-scoring candidate that is grouped.
        let best = scored.pairs[x]
            .iter()
            .filter(|p| grouped(owner[p.0 as usize]))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let Some(&(y, _)) = best else {
            continue;
        };
        let g = owner[y as usize];
        if let Some(features) = cx.features(x, &clusters[g], &owner) {
            out.push(Row {
                member: false,
                x,
                cluster: g,
                features,
            });
        }
    }
    out
}

/// The grouping with the gate and the admission applied (each as set): the gate's removals
/// decided on the grouping as it stood, then the admissions on the grouping after them, the
/// likeliest first.
pub(crate) fn decide(
    space: &Space,
    scored: &Scored,
    mut clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    p: &LearnedParams,
) -> Vec<Vec<usize>> {
    if p.gate {
        let out: Vec<(usize, usize)> = rows(space, scored, &clusters, penalty)
            .into_iter()
            .filter(|r| r.member && probability(&p.gate_w, &r.features) < p.gate_t)
            .map(|r| (r.x, r.cluster))
            .collect();
        for (x, c) in out {
            clusters[c].retain(|&m| m != x);
            clusters.push(vec![x]);
        }
        clusters.retain(|m| !m.is_empty());
    }
    if p.admit {
        let mut moves: Vec<(f32, usize, usize)> = rows(space, scored, &clusters, penalty)
            .into_iter()
            .filter(|r| !r.member)
            .map(|r| (probability(&p.admit_w, &r.features), r.x, r.cluster))
            .filter(|m| m.0 > p.admit_t)
            .collect();
        moves.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let owner = owners(space, &clusters);
        for (_, x, c) in moves {
            move_to(&mut clusters, &owner, x, c);
        }
        clusters.retain(|m| !m.is_empty());
    }
    clusters
}

/// Solves `a x = b` by Gauss-Jordan with partial pivoting (`a` is positive definite here).
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for i in 0..n {
        let p = (i..n)
            .max_by(|&r, &s| a[r][i].abs().total_cmp(&a[s][i].abs()))
            .unwrap_or(i);
        a.swap(i, p);
        b.swap(i, p);
        let d = a[i][i];
        if d.abs() < 1e-12 {
            continue;
        }
        for r in 0..n {
            if r == i {
                continue;
            }
            let k = a[r][i] / d;
            if k == 0.0 {
                continue;
            }
            let pivot = a[i].clone();
            for (ac, pc) in a[r][i..].iter_mut().zip(&pivot[i..]) {
                *ac -= k * pc;
            }
            b[r] -= k * b[i];
        }
    }
    (0..n)
        .map(|i| {
            if a[i][i].abs() < 1e-12 {
                0.0
            } else {
                b[i] / a[i][i]
            }
        })
        .collect()
}

/// Logistic regression of `ys` on the rows `xs` (each of the same length), each row weighing
/// `weights` (1 each when `None`), by Newton steps with an L2 penalty `l2` on the standardised
/// weights (the bias free): returns the bias, then one weight per feature on the raw scale. What
/// the learned steps' weights are fitted with (`examples/learned_links.rs`,
/// `examples/merge_groups.rs`).
pub fn fit_logistic(xs: &[&[f64]], ys: &[bool], weights: Option<&[f64]>, l2: f64) -> Vec<f64> {
    let d = xs.first().map_or(0, |x| x.len());
    let n = xs.len().max(1) as f64;
    let mean: Vec<f64> = (0..d)
        .map(|j| xs.iter().map(|r| r[j]).sum::<f64>() / n)
        .collect();
    let sd: Vec<f64> = (0..d)
        .map(|j| {
            let v = xs.iter().map(|r| (r[j] - mean[j]).powi(2)).sum::<f64>() / n;
            if v > 1e-12 { v.sqrt() } else { 1.0 }
        })
        .collect();
    let zs: Vec<Vec<f64>> = xs
        .iter()
        .map(|r| {
            std::iter::once(1.0)
                .chain((0..d).map(|j| (r[j] - mean[j]) / sd[j]))
                .collect()
        })
        .collect();
    let mut w = vec![0.0; d + 1];
    for _ in 0..30 {
        let mut h = vec![vec![0.0; d + 1]; d + 1];
        let mut g = vec![0.0; d + 1];
        for (k, (x, &y)) in zs.iter().zip(ys).enumerate() {
            let t: f64 = x.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-t).exp());
            let c = weights.and_then(|ws| ws.get(k)).copied().unwrap_or(1.0);
            let s = c * (p * (1.0 - p)).max(1e-9);
            let y = f64::from(u8::from(y));
            for i in 0..=d {
                g[i] += c * (p - y) * x[i];
                for j in 0..=d {
                    h[i][j] += s * x[i] * x[j];
                }
            }
        }
        for i in 1..=d {
            g[i] += l2 * w[i];
            h[i][i] += l2;
        }
        let step = solve(h, g);
        let mut moved = 0.0f64;
        for i in 0..=d {
            w[i] -= step[i];
            moved = moved.max(step[i].abs());
        }
        if moved < 1e-8 {
            break;
        }
    }
    // Back to the raw features: w·(f − μ)/σ = Σ (w/σ) f − Σ w μ/σ.
    let mut raw = vec![w[0]; 1];
    for j in 0..d {
        raw.push(w[j + 1] / sd[j]);
        raw[0] -= w[j + 1] * mean[j] / sd[j];
    }
    raw
}
