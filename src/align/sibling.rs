//! Neighbouring groups of one matter fused (setting `sibling`, off): two groups of several
//! documents each, whose members lie within `span` positions of each other in every document
//! they share, become one group when their mean cross-document similarity is at least `min` and
//! at least `ratio` of the weaker group's own cohesion (the mean similarity of its members of
//! different documents). Where every document writes a procedure or a duty in several articles
//! (notice, self-evaluation, site visit, report), each step finds its counterparts and makes a
//! group of its own, while the gold files hold the whole matter as one group; the two groups then
//! sit side by side in each document, and their articles read nearly as much like each other as
//! like their own counterparts. Neighbouring groups are the rule in any family drafted in one
//! order, so adjacency alone says nothing (it chains whole chapters); the cohesion ratio is what
//! asks whether the two read as one matter. Penalty groups are left as they are (they are grouped
//! by the provision they punish). Runs last, strongest pair first, each fusion re-scored.
//!
//! Work: per fusion, the pairs of groups that sit side by side, and the similarities between
//! their members (`Space::sim`, the grouping's own similarity).

use super::space::{Near, Space};
use std::collections::BTreeMap;

/// Settings of the step (`sibling`), measured by leave-one-family-out cross-validation over the
/// dev families (docs/alignment-rejected.md, "Neighbouring groups of one matter fused").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct SiblingParams {
    /// When true, neighbouring groups that read as one matter are fused.
    pub on: bool,
    /// Least mean similarity between the two groups' members of different documents.
    pub min: f32,
    /// Least ratio of that mean to the weaker group's own cohesion.
    pub ratio: f32,
    /// Most positions between the two groups' nearest members in each document they share.
    pub span: usize,
    /// Least number of documents the two groups share.
    pub shared: usize,
}

impl Default for SiblingParams {
    fn default() -> SiblingParams {
        SiblingParams {
            on: false,
            min: 0.2,
            ratio: 0.7,
            span: 3,
            shared: 1,
        }
    }
}

/// Fuses pairs of `clusters` (each of at least two documents, not mostly penalties) that sit
/// within `span` positions of each other in every document they share (at least `shared`) and
/// whose mean similarity reaches both `min` and `ratio` of the weaker one's cohesion; the
/// strongest pair first (the lower cluster numbers on a tie), until none is left. Only clusters
/// with members within `span` positions of each other are ever compared, and a pair's mean
/// similarity is computed once until one of the two changes.
pub(crate) fn fuse_groups(
    space: &Space,
    mut clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    p: &SiblingParams,
) -> Vec<Vec<usize>> {
    let eligible = |members: &[usize]| {
        let penalties = members
            .iter()
            .filter(|&&m| penalty.get(m).copied().unwrap_or(false))
            .count();
        docs_of(space, members).len() >= 2 && 2 * penalties <= members.len()
    };
    let mut owner = vec![usize::MAX; space.len()];
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            owner[m] = c;
        }
    }
    let mut open: Vec<bool> = clusters.iter().map(|c| eligible(c)).collect();
    let mut cohesion: Vec<f32> = clusters
        .iter()
        .zip(&open)
        .map(|(c, &o)| if o { mean_link(space, c, c) } else { 0.0 })
        .collect();
    let mut links: BTreeMap<(usize, usize), Option<f32>> = BTreeMap::new();
    loop {
        let mut best: Option<(f32, usize, usize)> = None;
        for (a, b) in side_pairs(space, &owner, &open, p.span) {
            let link = *links.entry((a, b)).or_insert_with(|| {
                side_by_side(space, &clusters[a], &clusters[b], p)
                    .then(|| mean_link(space, &clusters[a], &clusters[b]))
            });
            let Some(link) = link else {
                continue;
            };
            if link < p.min || link < p.ratio * cohesion[a].min(cohesion[b]) {
                continue;
            }
            if best.is_none_or(|x| link > x.0) {
                best = Some((link, a, b));
            }
        }
        let Some((_, a, b)) = best else {
            break;
        };
        let moved = std::mem::take(&mut clusters[b]);
        for &m in &moved {
            owner[m] = a;
        }
        clusters[a].extend(moved);
        clusters[a].sort_unstable();
        open[b] = false;
        open[a] = eligible(&clusters[a]);
        cohesion[a] = mean_link(space, &clusters[a], &clusters[a]);
        links.retain(|k, _| k.0 != a && k.1 != a && k.0 != b && k.1 != b);
    }
    clusters.retain(|m| !m.is_empty());
    clusters
}

/// The pairs of open clusters (lower number first) with members of one document within `span`
/// positions of each other, sorted.
fn side_pairs(space: &Space, owner: &[usize], open: &[bool], span: usize) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for x in 0..space.len() {
        let a = owner[x];
        if a == usize::MAX || !open[a] {
            continue;
        }
        let after = space.units.iter().zip(owner).skip(x + 1).take(span);
        for (unit, &b) in after {
            if unit.doc != space.units[x].doc {
                break;
            }
            if b != a && b != usize::MAX && open[b] {
                pairs.push((a.min(b), a.max(b)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The distinct documents of `members`, sorted.
fn docs_of(space: &Space, members: &[usize]) -> Vec<usize> {
    let mut docs: Vec<usize> = members.iter().map(|&m| space.units[m].doc).collect();
    docs.sort_unstable();
    docs.dedup();
    docs
}

/// Whether `a` and `b` share at least `p.shared` documents and, in each of them, their members
/// together lie within `p.span` positions (so that fusions cannot chain a chapter into one group).
fn side_by_side(space: &Space, a: &[usize], b: &[usize], p: &SiblingParams) -> bool {
    let (da, db) = (docs_of(space, a), docs_of(space, b));
    let shared: Vec<usize> = da.into_iter().filter(|d| db.contains(d)).collect();
    if shared.len() < p.shared.max(1) {
        return false;
    }
    let in_shared = a
        .iter()
        .chain(b)
        .copied()
        .filter(|&x| shared.contains(&space.units[x].doc));
    space.within_span(in_shared, p.span)
}

/// The mean similarity over the pairs of `a` and `b` that lie in different documents (0 when
/// there is none); `mean_link(c, c)` is the cohesion of `c` (each pair counted both ways, which
/// leaves the mean as it is). Each article of `a` is spread once over dense arrays
/// (`Space::sim_near`), so a pair costs the terms of the `b` side only.
fn mean_link(space: &Space, a: &[usize], b: &[usize]) -> f32 {
    let mut near = Near::default();
    let mut sum = 0.0f64;
    let mut pairs = 0usize;
    for &x in a {
        let mut loaded = false;
        for &y in b {
            if space.units[x].doc == space.units[y].doc {
                continue;
            }
            if !loaded {
                space.load(&mut near, x);
                loaded = true;
            }
            sum += f64::from(space.sim_near(&mut near, x, y));
            pairs += 1;
        }
    }
    if pairs == 0 {
        0.0
    } else {
        (sum / pairs as f64) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::{SiblingParams, side_by_side};
    use crate::align::tests::fixture_space;

    /// Two groups count as side by side only within `span` positions in a shared document.
    #[test]
    fn groups_are_side_by_side_only_within_the_span() {
        let (space, units) = fixture_space();
        let (a, b) = (&units[0], &units[1]);
        assert!(
            a.len() >= 2 && !b.is_empty(),
            "the fixture has two documents"
        );
        let near = SiblingParams {
            span: 1,
            ..SiblingParams::default()
        };
        let far = SiblingParams {
            span: 0,
            ..SiblingParams::default()
        };
        let one = [a[0], b[0]];
        let two = [a[1]];
        assert!(side_by_side(&space, &one, &two, &near));
        assert!(!side_by_side(&space, &one, &two, &far));
        let three = [b[0]];
        assert!(!side_by_side(
            &space,
            &[a[0]],
            &three,
            &SiblingParams::default()
        ));
    }
}
