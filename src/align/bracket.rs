//! Lone articles placed by evidence relative to their family (setting `bracket`, off by
//! default): the step of `twins` without its mutual-best condition, with the order of the
//! documents in its place. A lone article `x` of document A and its best candidate `y` in
//! document B are taken for one provision when `y` stands out of `x`'s scores in B and `x` out of
//! `y`'s scores in A (a robust lead over the rest of the row and of the column, in spreads of that
//! row or column, not an absolute score), `x` ranks among `y`'s `rank` best in A, and the groups
//! of `x`'s nearest grouped neighbours in A bracket `y` in B (the group before holds an article
//! of B at or before `y`, the group after one at or after it, within `gap` positions). Then `x`
//! joins `y`'s group, as long as each document's articles there stay within `span` positions.
//! Runs after `twins`, on the groups after the penalties are regrouped by provision.
//!
//! Work: per lone article, its best candidate per document, that candidate's scores in the
//! article's document and the groups of at most `reach` neighbours on each side.

use super::cluster::Scored;
use super::fuse::other_docs;
use super::space::Space;
use super::twins::{join_strongest, lone_best, owners};

/// Settings of the step (`bracket`). Off by default: docs/alignment-rejected.md, "Lone articles
/// placed by their row, column and neighbours", gives the leave-one-family-out figures.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct BracketParams {
    /// When true, lone articles join the group of a bracketed best candidate.
    pub on: bool,
    /// Least score of the pair.
    pub min: f32,
    /// Least lead of the pair's score over the rest of the row and of the column, in spreads
    /// of that row or column.
    pub z: f32,
    /// Most rank of `x` among `y`'s candidates in `x`'s document (1: `y`'s best).
    pub rank: usize,
    /// Most positions from `x` to the grouped neighbour on each side.
    pub reach: usize,
    /// Most positions in B between the two bracketing groups' articles.
    pub gap: usize,
    /// Most positions apart that one document's articles in the joined group may lie.
    pub span: usize,
    /// Least share of the joined group's other documents in which `x`'s best candidate is a
    /// member of the group (0: `y`'s document alone decides).
    #[serde(default)]
    pub agree: f32,
}

impl Default for BracketParams {
    fn default() -> BracketParams {
        BracketParams {
            on: false,
            min: 0.1,
            z: 2.0,
            rank: 2,
            reach: 2,
            gap: 8,
            span: 3,
            agree: 0.0,
        }
    }
}

/// How far `score` lies above the other scores of `run` (one article's candidates in one
/// document), in their spread: (score − mean) / standard deviation of the rest, the spread
/// floored at 0.01. None when fewer than two others are there to give a spread.
fn lead(run: &[(u32, f32)], skip: u32, score: f32) -> Option<f32> {
    let rest: Vec<f32> = run.iter().filter(|p| p.0 != skip).map(|p| p.1).collect();
    if rest.len() < 2 {
        return None;
    }
    let n = rest.len() as f32;
    let mean = rest.iter().sum::<f32>() / n;
    let var = rest.iter().map(|s| (s - mean) * (s - mean)).sum::<f32>() / n;
    Some((score - mean) / var.sqrt().max(0.01))
}

/// The positions in document `doc` of the members of the cluster of the nearest article of `x`'s
/// document, within `reach` positions in direction `step`, whose cluster holds an article of
/// `doc`.
fn neighbour_positions(
    space: &Space,
    clusters: &[Vec<usize>],
    owner: &[usize],
    x: usize,
    doc: usize,
    step: isize,
    reach: usize,
) -> Option<Vec<usize>> {
    let own = space.units[x].doc;
    let (start, end) = (space.doc_starts[own], space.doc_starts[own + 1]);
    for k in 1..=reach as isize {
        let at = x as isize + step * k;
        if at < start as isize || at >= end as isize {
            return None;
        }
        let Some(members) = clusters.get(owner[at as usize]) else {
            continue;
        };
        let positions: Vec<usize> = members
            .iter()
            .filter(|&&m| space.units[m].doc == doc)
            .map(|&m| space.units[m].pos)
            .collect();
        if !positions.is_empty() {
            return Some(positions);
        }
    }
    None
}

/// Whether the groups of `x`'s grouped neighbours in its document bracket `y` in `y`'s.
fn bracketed(
    space: &Space,
    clusters: &[Vec<usize>],
    owner: &[usize],
    x: usize,
    y: usize,
    p: &BracketParams,
) -> bool {
    let doc = space.units[y].doc;
    let at = space.units[y].pos;
    let before = neighbour_positions(space, clusters, owner, x, doc, -1, p.reach);
    let after = neighbour_positions(space, clusters, owner, x, doc, 1, p.reach);
    let (Some(before), Some(after)) = (before, after) else {
        return false;
    };
    let lo = before.iter().copied().filter(|&b| b <= at).max();
    let hi = after.iter().copied().filter(|&a| a >= at).min();
    matches!((lo, hi), (Some(lo), Some(hi)) if hi - lo <= p.gap)
}

/// The share of the documents of `members` other than `x`'s in which `x`'s best candidate is a
/// member.
pub(super) fn agreement(space: &Space, scored: &Scored, members: &[usize], x: usize) -> f32 {
    let docs = other_docs(space, members, space.units[x].doc);
    if docs.is_empty() {
        return 0.0;
    }
    let agreeing = docs
        .iter()
        .filter(|&&d| {
            scored
                .best_in(x, d)
                .is_some_and(|b| members.contains(&(b as usize)))
        })
        .count();
    agreeing as f32 / docs.len() as f32
}

/// Each lone article of `clusters` joins the cluster of a best candidate that leads its row and
/// column and lies between the groups of its neighbours; strongest leads first, each article
/// moved once.
pub(crate) fn join_lone(
    space: &Space,
    scored: &Scored,
    clusters: Vec<Vec<usize>>,
    p: &BracketParams,
) -> Vec<Vec<usize>> {
    let owner = owners(space, &clusters);
    let mut proposals: Vec<(f32, usize, usize)> = Vec::new();
    for (x, doc, y, s) in lone_best(space, scored, &clusters, &owner) {
        if s < p.min {
            continue;
        }
        let column = scored.run(y, space.units[x].doc);
        let rank = 1 + column.iter().filter(|c| c.1 > s).count();
        if rank > p.rank {
            continue;
        }
        let row_lead = lead(scored.run(x, doc), y as u32, s);
        let column_lead = lead(column, x as u32, s);
        let (Some(row_lead), Some(column_lead)) = (row_lead, column_lead) else {
            continue;
        };
        if row_lead < p.z || column_lead < p.z {
            continue;
        }
        if !bracketed(space, &clusters, &owner, x, y, p) {
            continue;
        }
        let Some(group) = clusters.get(owner[y]) else {
            continue;
        };
        if agreement(space, scored, group, x) < p.agree {
            continue;
        }
        proposals.push((row_lead.min(column_lead), x, y));
    }
    join_strongest(space, clusters, owner, proposals, p.span)
}

#[cfg(test)]
mod tests {
    use super::lead;

    /// A score far above the rest of its row leads by many spreads; one among equals by none.
    #[test]
    fn a_lead_is_counted_in_spreads_of_the_rest_of_the_row() {
        let row = [(1, 0.6), (2, 0.10), (3, 0.12), (4, 0.08)];
        let far = lead(&row, 1, 0.6).unwrap_or(0.0);
        assert!(far > 10.0, "{far}");
        let even = [(1, 0.1), (2, 0.10), (3, 0.12), (4, 0.08)];
        assert!(lead(&even, 1, 0.1).unwrap_or(1.0) < 0.5);
        assert_eq!(lead(&row[..2], 1, 0.6), None);
    }
}
