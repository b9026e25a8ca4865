//! A linear rerank learned from judged topic queries (`RankParams::learned`).
//!
//! Each hit of a query's pool is a vector of its rerank features ([`Features`]), optionally
//! transformed (their products with BM25, or log-scaled) and, for a residual model, today's
//! hand-made score ([`RankParams::score`]) as one more column. A pairwise logistic loss
//! (RankNet) over every pair of a relevant and a non-relevant hit of one query's pool, each
//! query weighted as the metric weighs it, with an L2 penalty, is minimised by gradient descent
//! with a backtracking step. The columns are standardised for the descent; the shipped weights
//! ([`LEARNED`]) are those of the raw columns (the standardisation folded in: a constant shift
//! of every score does not change a ranking).

use super::rank::{Features, RankParams};
use serde::{Deserialize, Serialize};

/// How the features are laid out for the linear model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Transform {
    /// The features as they are.
    Raw,
    /// The features, then each other feature times BM25 (relative to the best hit).
    Bm25,
    /// The features, then each feature log-scaled, ln(0.05 + x).
    Log,
    /// The features, then each feature times the hand-made score's gate: the share of the
    /// query held raised to `RankParams::coverage`, times what a penalty article keeps
    /// (1 − `RankParams::penalty`), the defaults' values.
    Gate,
}

/// How many features a hit has before any transform.
pub const FEATURES: usize = 30;

/// The names of the features in [`base`]'s order.
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "bm25",
    "opening",
    "dense",
    "lead",
    "subject",
    "listed",
    "chapter",
    "group",
    "label",
    "group_best",
    "group_hits",
    "chars",
    "chars_missing",
    "meaning",
    "coverage",
    "penalty",
    "kind",
    "kind_only",
    "phrase",
    "defines",
    "figure",
    "actor",
    "duty",
    "assigns",
    "lift",
    "feedback",
    "sentence",
    "first_use",
    "group_union",
    "consensus",
];

/// The features of one hit as a vector, in [`FEATURE_NAMES`]' order.
pub fn base(f: &Features) -> [f32; FEATURES] {
    [
        f.bm25,
        f.opening,
        f.dense,
        f.lead,
        f.subject,
        f.listed,
        f.chapter,
        f.group,
        f.label,
        f.group_best,
        f.group_hits,
        f.chars,
        f.chars_missing,
        f.meaning,
        f.coverage,
        f.penalty,
        f.kind,
        f.kind_only,
        f.phrase,
        f.defines,
        f.figure,
        f.actor,
        f.duty,
        f.assigns,
        f.lift,
        f.feedback,
        f.sentence,
        f.first_use,
        f.group_union,
        f.consensus,
    ]
}

/// The model's columns for one hit: its features under `transform`, then, when `residual`,
/// the hand-made score `hand`.
pub fn columns(f: &Features, hand: f32, transform: Transform, residual: bool) -> Vec<f32> {
    let b = base(f);
    let mut v: Vec<f32> = b.to_vec();
    match transform {
        Transform::Raw => {}
        Transform::Bm25 => v.extend(b[1..].iter().map(|x| x * b[0])),
        Transform::Log => v.extend(b.iter().map(|x| (0.05 + x.max(0.0)).ln())),
        Transform::Gate => {
            let d = RankParams::default();
            let gate = f.coverage.clamp(0.0, 1.0).powf(d.coverage)
                * (1.0 - d.penalty.clamp(0.0, 1.0) * f.penalty.clamp(0.0, 1.0));
            v.extend(b.iter().map(|x| x * gate));
        }
    }
    if residual {
        v.push(hand);
    }
    v
}

/// One judged query: its pool's hits as columns, which of them are relevant, and its weight in
/// the loss (a query of a set of n queries: 1/n, so that every set counts alike, as the mean
/// over sets does).
#[derive(Debug, Clone)]
pub struct Judged {
    pub hits: Vec<Vec<f32>>,
    pub relevant: Vec<bool>,
    pub weight: f64,
}

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Strength of the L2 penalty on the standardised weights.
    pub lambda: f64,
    /// Most steps of gradient descent.
    pub iterations: usize,
    /// A column left out of the penalty and started at weight 1 (the hand-made score of a
    /// residual model): with a large `lambda` the model is that column alone.
    pub free: Option<usize>,
    /// Listwise rather than pairwise: per query, the cross-entropy of a softmax over its pool
    /// against its relevant hits (each an equal share), which weighs the hits the model ranks
    /// high; pairwise weighs every pair of a relevant and a non-relevant hit alike.
    pub listwise: bool,
}

/// A trained linear model over standardised columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Trained {
    pub mean: Vec<f64>,
    pub scale: Vec<f64>,
    pub weights: Vec<f64>,
    /// The loss at the end (penalty included).
    pub loss: f64,
}

impl Trained {
    /// The score of one hit's columns.
    pub fn score(&self, x: &[f32]) -> f64 {
        x.iter()
            .zip(&self.mean)
            .zip(&self.scale)
            .zip(&self.weights)
            .map(|(((x, m), s), w)| w * (f64::from(*x) - m) / s)
            .sum()
    }

    /// The weights of the raw columns: the same ranking as [`Trained::score`] (which differs
    /// by a constant).
    pub fn raw_weights(&self) -> Vec<f32> {
        self.weights
            .iter()
            .zip(&self.scale)
            .map(|(w, s)| (w / s) as f32)
            .collect()
    }
}

/// ln(1 + e^z) without overflow.
fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    }
}

/// 1 / (1 + e^-z).
fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// The pairs of one query: its hits' offsets in the flat standardised matrix, and each pair
/// (relevant, non-relevant) with its weight.
struct Pairs {
    pairs: Vec<(usize, usize, f64)>,
    /// For a listwise loss: each query's first row, its number of rows, its relevant rows and
    /// its weight.
    lists: Vec<(usize, usize, Vec<usize>, f64)>,
    rows: usize,
}

/// Trains a pairwise logistic model on `queries`; every hit of a query must have as many
/// columns as the first. Queries without both a relevant and a non-relevant hit add nothing.
pub fn train(queries: &[Judged], options: &TrainOptions) -> Trained {
    let dim = queries
        .iter()
        .flat_map(|q| q.hits.first())
        .map(Vec::len)
        .next()
        .unwrap_or(0);
    // Standardisation over every hit.
    let mut mean = vec![0.0; dim];
    let mut square = vec![0.0; dim];
    let mut n = 0.0;
    for x in queries.iter().flat_map(|q| &q.hits) {
        for j in 0..dim {
            let v = f64::from(x[j]);
            mean[j] += v;
            square[j] += v * v;
        }
        n += 1.0;
    }
    let n = f64::max(n, 1.0);
    let scale: Vec<f64> = (0..dim)
        .map(|j| {
            let m = mean[j] / n;
            let var = (square[j] / n - m * m).max(0.0);
            if var > 1e-12 { var.sqrt() } else { 1.0 }
        })
        .collect();
    for m in &mut mean {
        *m /= n;
    }
    // The standardised rows, flat, and the weighted pairs.
    let mut matrix: Vec<f64> = Vec::new();
    let mut pairs = Pairs {
        pairs: Vec::new(),
        lists: Vec::new(),
        rows: 0,
    };
    let total: f64 = queries
        .iter()
        .filter(|q| q.relevant.iter().any(|r| *r) && q.relevant.iter().any(|r| !*r))
        .map(|q| q.weight)
        .sum();
    for q in queries {
        let first = pairs.rows;
        for x in &q.hits {
            matrix.extend((0..dim).map(|j| (f64::from(x[j]) - mean[j]) / scale[j]));
            pairs.rows += 1;
        }
        let good: Vec<usize> = (0..q.hits.len()).filter(|&i| q.relevant[i]).collect();
        let bad: Vec<usize> = (0..q.hits.len()).filter(|&i| !q.relevant[i]).collect();
        if good.is_empty() || bad.is_empty() || total <= 0.0 {
            continue;
        }
        if options.listwise {
            let rows = good.iter().map(|g| first + g).collect();
            pairs
                .lists
                .push((first, q.hits.len(), rows, q.weight / total));
            continue;
        }
        let c = q.weight / total / (good.len() * bad.len()) as f64;
        for &g in &good {
            for &b in &bad {
                pairs.pairs.push((first + g, first + b, c));
            }
        }
    }
    let mut w = vec![0.0; dim];
    if let Some(f) = options.free.filter(|&f| f < dim) {
        w[f] = 1.0;
    }
    let penalised = |j: usize| options.free != Some(j);
    let scores = |w: &[f64]| -> Vec<f64> {
        matrix
            .chunks(dim.max(1))
            .map(|row| row.iter().zip(w).map(|(x, w)| x * w).sum())
            .collect()
    };
    let loss = |w: &[f64], s: &[f64]| -> f64 {
        let mut data: f64 = pairs
            .pairs
            .iter()
            .map(|&(g, b, c)| c * softplus(s[b] - s[g]))
            .sum();
        for (first, len, good, c) in &pairs.lists {
            let top = s[*first..first + len]
                .iter()
                .fold(f64::NEG_INFINITY, |a, b| a.max(*b));
            let sum: f64 = s[*first..first + len].iter().map(|x| (x - top).exp()).sum();
            let own: f64 = good.iter().map(|&g| s[g]).sum::<f64>() / good.len() as f64;
            data += c * (top + sum.ln() - own);
        }
        let penalty: f64 = (0..dim)
            .filter(|&j| penalised(j))
            .map(|j| w[j] * w[j])
            .sum();
        data + options.lambda / 2.0 * penalty
    };
    let mut s = scores(&w);
    let mut current = loss(&w, &s);
    let mut step = 1.0;
    for _ in 0..options.iterations {
        // The loss's gradient through each row's score, then through the weights.
        let mut by_row = vec![0.0; pairs.rows];
        for &(g, b, c) in &pairs.pairs {
            let d = c * sigmoid(s[b] - s[g]);
            by_row[g] -= d;
            by_row[b] += d;
        }
        for (first, len, good, c) in &pairs.lists {
            let top = s[*first..first + len]
                .iter()
                .fold(f64::NEG_INFINITY, |a, b| a.max(*b));
            let sum: f64 = s[*first..first + len].iter().map(|x| (x - top).exp()).sum();
            for (d, x) in by_row[*first..first + len]
                .iter_mut()
                .zip(&s[*first..first + len])
            {
                *d += c * (x - top).exp() / sum;
            }
            for &g in good {
                by_row[g] -= c / good.len() as f64;
            }
        }
        let mut grad: Vec<f64> = (0..dim)
            .map(|j| {
                if penalised(j) {
                    options.lambda * w[j]
                } else {
                    0.0
                }
            })
            .collect();
        for (row, d) in matrix.chunks(dim.max(1)).zip(&by_row) {
            if *d != 0.0 {
                for (g, x) in grad.iter_mut().zip(row) {
                    *g += d * x;
                }
            }
        }
        let norm: f64 = grad.iter().map(|g| g * g).sum();
        if norm < 1e-14 {
            break;
        }
        // Backtracking: halve the step until the loss falls enough, then let it grow again.
        let mut accepted = false;
        for _ in 0..40 {
            let next: Vec<f64> = w.iter().zip(&grad).map(|(w, g)| w - step * g).collect();
            let ns = scores(&next);
            let nl = loss(&next, &ns);
            if nl <= current - 0.5 * step * norm {
                w = next;
                s = ns;
                current = nl;
                accepted = true;
                break;
            }
            step /= 2.0;
        }
        if !accepted {
            break;
        }
        step *= 2.0;
    }
    Trained {
        mean,
        scale,
        weights: w,
        loss: current,
    }
}

/// A model shipped as data: its layout and the weights of its raw columns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LearnedModel {
    pub transform: Transform,
    pub residual: bool,
    pub weights: &'static [f32],
}

impl LearnedModel {
    /// The score of one hit with features `f` and hand-made score `hand`.
    pub fn score(&self, f: &Features, hand: f32) -> f32 {
        columns(f, hand, self.transform, self.residual)
            .iter()
            .zip(self.weights)
            .map(|(x, w)| x * w)
            .sum()
    }
}

/// The model `RankParams::learned` scores with: the features as they are and the hand-made
/// score, listwise, L2 strength 1, trained on all twenty-two dev sets' topic queries
/// (`learned_cross_validation`). Left out, its setting scores 0.8235 against the defaults'
/// 0.8281; no setting of the grid rose above the defaults (the strongest penalties only come
/// back to them), so it is not the default (docs/search-ranking.md, thirtieth round).
pub const LEARNED: LearnedModel = LearnedModel {
    transform: Transform::Raw,
    residual: true,
    weights: &[
        0.3645,    // bm25
        0.06267,   // opening
        0.0,       // dense
        0.07061,   // lead
        0.04075,   // subject
        0.1247,    // listed
        0.04081,   // chapter
        -0.09473,  // group
        0.1212,    // label
        -0.1648,   // group_best
        0.0,       // group_hits
        0.0,       // chars
        0.0,       // chars_missing
        0.0,       // meaning
        0.1739,    // coverage
        0.06437,   // penalty
        -0.006888, // kind
        0.0,       // kind_only
        0.0,       // phrase
        -0.441,    // defines
        -0.6407,   // figure
        0.04538,   // actor
        0.1377,    // duty
        0.0,       // assigns
        0.504,     // lift
        0.0,       // feedback
        0.0,       // sentence
        -0.01972,  // first_use
        0.0,       // group_union
        0.0,       // consensus
        2.31,      // hand
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy set: the relevant hits have a larger first column, the second column is noise
    /// that favours the non-relevant ones slightly; the trained model ranks every relevant hit
    /// of each query above every other, and weighs the first column up, the second down.
    #[test]
    fn the_trainer_separates_a_toy_set() {
        let mut queries = Vec::new();
        for q in 0..6 {
            let mut hits = Vec::new();
            let mut relevant = Vec::new();
            for i in 0..10 {
                let good = i % 4 == q % 4;
                let noise = ((q * 7 + i * 13) % 10) as f32 / 10.0;
                hits.push(vec![
                    if good { 1.0 + noise / 4.0 } else { noise / 2.0 },
                    if good { noise } else { noise + 0.3 },
                ]);
                relevant.push(good);
            }
            queries.push(Judged {
                hits,
                relevant,
                weight: 1.0,
            });
        }
        let model = train(
            &queries,
            &TrainOptions {
                lambda: 1e-3,
                iterations: 300,
                free: None,
                listwise: false,
            },
        );
        assert!(
            model.weights[0] > 0.0 && model.weights[1] < 0.0,
            "{model:?}"
        );
        for q in &queries {
            let worst_good = (0..q.hits.len())
                .filter(|&i| q.relevant[i])
                .map(|i| model.score(&q.hits[i]))
                .fold(f64::INFINITY, f64::min);
            let best_bad = (0..q.hits.len())
                .filter(|&i| !q.relevant[i])
                .map(|i| model.score(&q.hits[i]))
                .fold(f64::NEG_INFINITY, f64::max);
            assert!(worst_good > best_bad, "{worst_good} vs {best_bad}");
        }
        // The raw weights rank as the standardised model does.
        let raw = model.raw_weights();
        let x = &queries[0].hits;
        let by_raw = |i: usize| x[i].iter().zip(&raw).map(|(a, w)| a * w).sum::<f32>();
        assert!((by_raw(0) - by_raw(1)) as f64 * (model.score(&x[0]) - model.score(&x[1])) >= 0.0);
        // A residual model with a huge penalty keeps its free column alone.
        let stiff = train(
            &queries,
            &TrainOptions {
                lambda: 1e6,
                iterations: 50,
                free: Some(1),
                listwise: false,
            },
        );
        assert!(stiff.weights[0].abs() < 1e-3, "{stiff:?}");
        // The listwise loss separates the toy set too.
        let list = train(
            &queries,
            &TrainOptions {
                lambda: 1e-3,
                iterations: 300,
                free: None,
                listwise: true,
            },
        );
        assert!(list.weights[0] > 0.0, "{list:?}");
        for q in &queries {
            let best = (0..q.hits.len())
                .max_by(|&a, &b| list.score(&q.hits[a]).total_cmp(&list.score(&q.hits[b])));
            assert!(best.is_some_and(|b| q.relevant[b]), "{list:?}");
        }
    }

    /// The shipped model has a weight per column of its layout, and ranks by the hand-made
    /// score where the features say nothing.
    #[test]
    fn the_shipped_model_fits_its_layout() {
        let f = Features::default();
        let width = columns(&f, 0.0, LEARNED.transform, LEARNED.residual).len();
        assert_eq!(LEARNED.weights.len(), width);
        assert!(LEARNED.score(&f, 2.0) > LEARNED.score(&f, 1.0));
    }
}
