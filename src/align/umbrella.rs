//! An umbrella article joins the groups of the articles its items spell out (setting `umbrella`,
//! off by default). One document may hold in a single article a list of items (（一）…（十）)
//! where another gives each item an article of its own; by the gold files' convention the list
//! article and all those articles form one group. The article step sees the list article only as
//! a weak match of each, so the matters stay apart.
//!
//! Here an article is an *umbrella* in another document when it is really a list (at least
//! `items` items), and, in that document, its items' best matching articles (among its
//! candidates, by the cosine of the item's bigram vector and the article's, above the `quantile`
//! of the corpus's item-to-article null) are at least `run` different articles, each covering
//! its item and covered by it (`cover` and `back`, the share of one's weighted wording the other
//! holds), lying in at least two groups other than its own, side by side in that document (no
//! more than `gap` positions left out) and, with `ordered`, in the order of the items. When that
//! holds in at least `docs` other documents, the umbrella's group and the groups of every
//! matched article join, provided every document's articles in the joined group lie within
//! `span` positions. Penalties take no part, on either side. Groups are never taken apart.
//!
//! Work: each list article's items against its candidates' articles (never all pairs), one
//! sample of 20,000 item-article pairs for the null.

use super::cluster::Scored;
use super::features::{SparseVec, bigrams};
use super::space::{Space, hashed_pairs, quantile_of};
use super::twins::owners;
use crate::model::Regulation;
use rayon::prelude::*;

/// Settings of the step (`umbrella`), off by default (docs/alignment-rejected.md, "Umbrella
/// articles joined to the articles their items match"): on the twelve dev families it lowers
/// none and lifts the inspection and the civility, held out it costs the five's later half and
/// the gas. The other settings are those leave-one-family-out chose.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct UmbrellaParams {
    /// When true, umbrella articles join the groups of the articles their items match.
    pub on: bool,
    /// Least items an article needs to count as a list.
    pub items: usize,
    /// Least cosine of an item and its matched article, as a quantile of the null (items
    /// against articles of other documents drawn by a fixed hash).
    pub quantile: f32,
    /// Least share of an item's weighted wording its matched article holds.
    pub cover: f32,
    /// Least share of the matched article's weighted wording the item holds.
    pub back: f32,
    /// Least different articles matched in one document.
    pub run: usize,
    /// Most positions a run may leave out between its first and last article.
    pub gap: usize,
    /// When true, the matched articles come in the order of the items.
    pub ordered: bool,
    /// Least other documents in which the umbrella's items match such a run.
    pub docs: usize,
    /// Most positions apart that one document's articles in a joined group may lie.
    pub span: usize,
}

impl Default for UmbrellaParams {
    fn default() -> UmbrellaParams {
        UmbrellaParams {
            on: false,
            items: 4,
            quantile: 0.95,
            cover: 0.2,
            back: 0.1,
            run: 3,
            gap: 4,
            ordered: false,
            docs: 1,
            span: 12,
        }
    }
}

/// Item pairs drawn for the null distribution.
const NULL_SAMPLES: usize = 20_000;

/// Bigrams an item needs to count as evidence of its own (as `parts::MIN_BIGRAMS`).
const MIN_BIGRAMS: usize = 6;

/// The items of unit `x` as weighted bigram vectors, in order (fewer than `least` items: none).
fn items_of(docs: &[&Regulation], space: &Space, x: usize, least: usize) -> Vec<SparseVec> {
    let Some(article) = space.units[x].article(docs) else {
        return Vec::new();
    };
    let n = space.len();
    let texts: Vec<&str> = article
        .paragraphs
        .iter()
        .take(crate::model::MAX_PARAGRAPHS_WEIGHED)
        .flat_map(|p| p.items.iter().map(|i| i.text.as_str()))
        .collect();
    if texts.len() < least {
        return Vec::new();
    }
    texts
        .into_iter()
        .map(bigrams)
        .filter(|g| g.len() >= MIN_BIGRAMS)
        .map(|g| super::parts::weigh_pairs(space, &g, n))
        .collect()
}

/// The `quantile` of the cosines of items and articles of other documents drawn by a fixed hash.
fn null(space: &Space, items: &[(usize, SparseVec)], quantile: f32) -> f32 {
    let (n, m) = (items.len(), space.len());
    if n == 0 || m < 2 {
        return 0.0;
    }
    let mut sims = Vec::with_capacity(NULL_SAMPLES);
    for (i, y) in hashed_pairs(0x2545_f491_4f6c_dd1d, n, m).take(4 * NULL_SAMPLES) {
        if sims.len() == NULL_SAMPLES {
            break;
        }
        let x = items[i].0;
        if space.units[x].doc != space.units[y].doc {
            sims.push(items[i].1.dot(&space.bigrams[y]));
        }
    }
    quantile_of(sims, quantile)
}

/// The runs an umbrella `x` matches: per other document, the matched articles (by position).
fn runs(
    space: &Space,
    scored: &Scored,
    penalty: &[bool],
    x: usize,
    items: &[SparseVec],
    least: f32,
    p: &UmbrellaParams,
) -> Vec<Vec<usize>> {
    let mut docs: Vec<usize> = scored.best(x).map(|(d, _, _)| d).collect();
    docs.dedup();
    let mut out = Vec::new();
    for d in docs {
        let run = scored.run(x, d);
        // Each item's best article of `d` among `x`'s candidates, when it passes the bars.
        let mut matched: Vec<usize> = Vec::new();
        for item in items {
            let best = run
                .iter()
                .map(|&(y, _)| y as usize)
                .filter(|&y| !penalty[y])
                .map(|y| (item.dot(&space.bigrams[y]), y))
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            let Some((c, y)) = best else { continue };
            if c < least
                || item.covered_by(&space.bigrams[y]) < p.cover
                || space.bigrams[y].covered_by(item) < p.back
            {
                continue;
            }
            matched.push(y);
        }
        if p.ordered && matched.windows(2).any(|w| w[1] < w[0]) {
            continue;
        }
        let mut distinct = matched;
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < p.run.max(2) {
            continue;
        }
        let (lo, hi) = (
            space.units[distinct[0]].pos,
            space.units[distinct[distinct.len() - 1]].pos,
        );
        if hi - lo + 1 > distinct.len() + p.gap {
            continue;
        }
        out.push(distinct);
    }
    out
}

/// The grouping with each umbrella's group joined to the groups of the articles its items match.
pub(crate) fn join(
    space: &Space,
    scored: &Scored,
    docs: &[&Regulation],
    mut clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    p: &UmbrellaParams,
) -> Vec<Vec<usize>> {
    let lists: Vec<(usize, Vec<SparseVec>)> = (0..space.len())
        .into_par_iter()
        .filter(|&x| !penalty[x])
        .map(|x| (x, items_of(docs, space, x, p.items)))
        .filter(|(_, items)| items.len() >= p.items)
        .collect();
    let flat: Vec<(usize, SparseVec)> = lists
        .iter()
        .flat_map(|(x, items)| items.iter().map(move |v| (*x, v.clone())))
        .collect();
    let least = null(space, &flat, p.quantile);
    let found: Vec<(usize, Vec<Vec<usize>>)> = lists
        .par_iter()
        .map(|(x, items)| (*x, runs(space, scored, penalty, *x, items, least, p)))
        .collect();
    let mut owner = owners(space, &clusters);
    for (x, runs) in found {
        // Only runs whose articles lie in at least two groups other than the umbrella's.
        let runs: Vec<Vec<usize>> = runs
            .into_iter()
            .filter(|r| {
                let mut g: Vec<usize> = r
                    .iter()
                    .map(|&y| owner[y])
                    .filter(|&c| c != owner[x])
                    .collect();
                g.sort_unstable();
                g.dedup();
                g.len() >= 2
            })
            .collect();
        if runs.len() < p.docs.max(1) {
            continue;
        }
        let mut groups: Vec<usize> = std::iter::once(owner[x])
            .chain(runs.iter().flatten().map(|&y| owner[y]))
            .filter(|&c| c != usize::MAX)
            .collect();
        groups.sort_unstable();
        groups.dedup();
        let joined = groups.iter().flat_map(|&c| clusters[c].iter().copied());
        if !space.within_span(joined, p.span) {
            continue;
        }
        let into = groups[0];
        for &c in &groups[1..] {
            let moved = std::mem::take(&mut clusters[c]);
            for &m in &moved {
                owner[m] = into;
            }
            clusters[into].extend(moved);
        }
        clusters[into].sort_unstable();
    }
    clusters.retain(|m| !m.is_empty());
    clusters
}
