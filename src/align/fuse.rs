//! Split provisions fused by the consensus of a group (setting `fuse`, off by default): a lone
//! article joins the group of a neighbouring article of its own document when, across the
//! group's other documents, its best match mostly lies in that group and its wording and theirs
//! are shared both ways. The evidence is the agreement over the group's documents, not one pair.
//! Runs on the second pass's clusters, before the penalties are regrouped by provision (or after,
//! `after_penalties`).
//! Work per lone article and neighbour: its best match in each of the group's documents.

use super::cluster::Scored;
use super::space::Space;
use std::collections::HashMap;

/// Settings of the consensus step (`fuse`). Off by default: leave-one-family-out
/// cross-validation over the four dev families did not keep it (docs/alignment-rejected.md,
/// "Group-level fusion of split provisions").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct FuseParams {
    /// When true, lone articles join a neighbour's group by consensus.
    pub on: bool,
    /// Most positions between the lone article and the neighbour whose group it may join.
    pub reach: usize,
    /// Least share of the group's other documents in which the lone article's best match is a
    /// member of the group.
    pub share: f32,
    /// Least mean share of the lone article's wording held by those best matches.
    pub cover: f32,
    /// Least mean share of those best matches' wording held by the lone article.
    pub cover_back: f32,
    /// Least mean score of those best matches.
    pub score_min: f32,
    /// Most positions apart that one document's articles in the joined group may lie.
    pub span: usize,
    /// When true, the step runs after the penalties are regrouped by provision rather than
    /// before.
    #[serde(default)]
    pub after_penalties: bool,
}

impl Default for FuseParams {
    fn default() -> FuseParams {
        FuseParams {
            on: false,
            reach: 2,
            share: 0.6,
            cover: 0.1,
            cover_back: 0.15,
            score_min: 0.25,
            span: 3,
            after_penalties: false,
        }
    }
}

/// A lone article `unit` proposed for cluster `into`, with the mean score that orders proposals.
struct Proposal {
    unit: usize,
    into: usize,
    score: f32,
}

/// The consensus of `into`'s documents other than `unit`'s on the lone article `unit`: the mean
/// score of its best matches that lie in `into`, when they pass the settings.
fn consensus(
    space: &Space,
    scored: &Scored,
    unit: usize,
    members: &[usize],
    into: usize,
    cluster_of: &[usize],
    p: &FuseParams,
) -> Option<f32> {
    let docs = other_docs(space, members, space.units[unit].doc);
    if docs.is_empty() {
        return None;
    }
    let (mut hits, mut cover, mut back, mut score) = (0usize, 0.0f32, 0.0f32, 0.0f32);
    for (d, y, s) in scored.best(unit) {
        let y = y as usize;
        if docs.binary_search(&d).is_ok() && cluster_of[y] == into {
            hits += 1;
            cover += space.coverage(unit, y);
            back += space.coverage(y, unit);
            score += s;
        }
    }
    if hits == 0 || (hits as f32) < p.share * docs.len() as f32 {
        return None;
    }
    let n = hits as f32;
    let ok = cover / n >= p.cover && back / n >= p.cover_back && score / n >= p.score_min;
    ok.then_some(score / n)
}

/// The documents of `members` other than `own`, sorted and distinct.
pub(super) fn other_docs(space: &Space, members: &[usize], own: usize) -> Vec<usize> {
    let mut docs: Vec<usize> = members
        .iter()
        .map(|&m| space.units[m].doc)
        .filter(|&d| d != own)
        .collect();
    docs.sort_unstable();
    docs.dedup();
    docs
}

/// Each unit's cluster (`usize::MAX` for none) and each (document, position)'s unit: what a step
/// that moves articles between clusters looks up.
pub(crate) fn locate(
    space: &Space,
    clusters: &[Vec<usize>],
) -> (Vec<usize>, HashMap<(usize, usize), usize>) {
    let mut cluster_of = vec![usize::MAX; space.len()];
    for (i, c) in clusters.iter().enumerate() {
        for &u in c {
            cluster_of[u] = i;
        }
    }
    let at = space
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| ((u.doc, u.pos), i))
        .collect();
    (cluster_of, at)
}

/// Moves lone articles into a neighbour's cluster by consensus (see the module's head); the
/// strongest proposals first, each checked against the clusters as they then stand.
pub(crate) fn fuse_lone(
    space: &Space,
    scored: &Scored,
    mut clusters: Vec<Vec<usize>>,
    p: &FuseParams,
) -> Vec<Vec<usize>> {
    let (mut cluster_of, at) = locate(space, &clusters);
    let mut proposals = Vec::new();
    for (i, c) in clusters.iter().enumerate() {
        let &[unit] = c.as_slice() else { continue };
        let u = &space.units[unit];
        let mut seen = Vec::new();
        for k in 1..=p.reach {
            let near = [u.pos.checked_sub(k), Some(u.pos + k)];
            for pos in near.into_iter().flatten() {
                let Some(&w) = at.get(&(u.doc, pos)) else {
                    continue;
                };
                let into = cluster_of[w];
                if into == i || into == usize::MAX || seen.contains(&into) {
                    continue;
                }
                seen.push(into);
                if let Some(score) =
                    consensus(space, scored, unit, &clusters[into], into, &cluster_of, p)
                {
                    proposals.push(Proposal { unit, into, score });
                }
            }
        }
    }
    proposals.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.unit.cmp(&b.unit))
            .then(a.into.cmp(&b.into))
    });
    for prop in proposals {
        let from = cluster_of[prop.unit];
        let grown = clusters[prop.into].iter().copied().chain([prop.unit]);
        if clusters[from].len() != 1 || !space.within_span(grown, p.span) {
            continue;
        }
        clusters[from].clear();
        let into = &mut clusters[prop.into];
        let at = into.partition_point(|&m| m < prop.unit);
        into.insert(at, prop.unit);
        cluster_of[prop.unit] = prop.into;
    }
    clusters.retain(|c| !c.is_empty());
    clusters
}
