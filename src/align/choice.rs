//! Which article of a document a group takes (setting `choice`, off by default). A group of
//! three or more documents may hold, for one document, an article that lies far from where the
//! group's other members place it, while another article of that document, near that place,
//! matches the members about as well (郑州 28 in a 阶梯水价 group whose other members sit beside
//! the groups of 郑州 14–16). The step swaps them: the nearer article joins, the other is left
//! alone. The place is read from the grouping itself: each other member's neighbours (up to
//! three positions either side) that share a group with an article of the document vote for
//! that article's position shifted back by the same offset; the median vote is the place.
//! Work: per group member, its neighbours' groups and the candidates of the other members.

use super::cluster::Scored;
use super::space::Space;
use std::collections::HashMap;

/// Settings of the re-choice step (`choice`). Off by default: leave-one-family-out
/// cross-validation over the four dev families did not keep it (docs/alignment-rejected.md,
/// "Which article a group takes").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct ChoiceParams {
    /// When true, out-of-place members are swapped for a better placed article.
    pub on: bool,
    /// Least positions between a member and the place the group's other members give it.
    pub off_place: usize,
    /// Least mean score of the replacement with the other members, as a share of the member's.
    pub ratio: f32,
    /// Least share of the other members that are the replacement's best match in their
    /// documents.
    pub share: f32,
}

impl Default for ChoiceParams {
    fn default() -> ChoiceParams {
        ChoiceParams {
            on: false,
            off_place: 5,
            ratio: 0.8,
            share: 0.5,
        }
    }
}

/// The score of the pair `x`, `y` among `x`'s candidates (0 when `y` is none of them).
fn pair(scored: &Scored, x: usize, y: usize) -> f32 {
    let list = &scored.pairs[x];
    match list.binary_search_by_key(&(y as u32), |p| p.0) {
        Ok(k) => list[k].1,
        Err(_) => 0.0,
    }
}

/// A swap: `y` takes `x`'s place in cluster `into`; `gain` orders the swaps.
struct Swap {
    into: usize,
    x: usize,
    y: usize,
    gain: f32,
}

/// The position in `doc` the other members of `cluster` give it (see the module's head).
fn place(
    space: &Space,
    members: &[usize],
    doc: usize,
    skip: usize,
    clusters: &[Vec<usize>],
    cluster_of: &[usize],
    at: &HashMap<(usize, usize), usize>,
) -> Option<isize> {
    let mut votes = Vec::new();
    for &v in members {
        let u = &space.units[v];
        if u.doc == doc {
            continue;
        }
        for k in 1..=3isize {
            for s in [-k, k] {
                let Some(pos) = u.pos.checked_add_signed(s) else {
                    continue;
                };
                let Some(&w) = at.get(&(u.doc, pos)) else {
                    continue;
                };
                let Some(c) = clusters.get(cluster_of[w]) else {
                    continue;
                };
                for &t in c {
                    if t != skip && space.units[t].doc == doc {
                        votes.push(space.units[t].pos as isize - s);
                    }
                }
            }
        }
    }
    votes.sort_unstable();
    votes.get(votes.len() / 2).copied()
}

/// Swaps out-of-place members of groups of three or more documents for a better placed article
/// of their document (see the module's head); the largest gains first, each group, member and
/// replacement in one swap at most.
pub(crate) fn rechoose(
    space: &Space,
    scored: &Scored,
    mut clusters: Vec<Vec<usize>>,
    p: &ChoiceParams,
) -> Vec<Vec<usize>> {
    let (mut cluster_of, at) = super::fuse::locate(space, &clusters);
    let mut swaps = Vec::new();
    for (i, c) in clusters.iter().enumerate() {
        let mut docs: Vec<usize> = c.iter().map(|&m| space.units[m].doc).collect();
        docs.sort_unstable();
        let n_docs = {
            let mut d = docs.clone();
            d.dedup();
            d.len()
        };
        if n_docs < 3 {
            continue;
        }
        for &x in c {
            let doc = space.units[x].doc;
            if docs.iter().filter(|&&d| d == doc).count() != 1 {
                continue;
            }
            let Some(at_place) = place(space, c, doc, x, &clusters, &cluster_of, &at) else {
                continue;
            };
            let off = |u: usize| (space.units[u].pos as isize - at_place).unsigned_abs();
            if off(x) < p.off_place {
                continue;
            }
            let others: Vec<usize> = c
                .iter()
                .copied()
                .filter(|&v| space.units[v].doc != doc)
                .collect();
            let n = others.len() as f32;
            let mean = |u: usize| others.iter().map(|&v| pair(scored, u, v)).sum::<f32>() / n;
            let mx = mean(x);
            let mut ys: Vec<usize> = others
                .iter()
                .flat_map(|&v| scored.pairs[v].iter().map(|q| q.0 as usize))
                .filter(|&y| y != x && space.units[y].doc == doc)
                .collect();
            ys.sort_unstable();
            ys.dedup();
            let mut best: Option<(f32, usize)> = None;
            for y in ys {
                let my = mean(y);
                if my < p.ratio * mx {
                    continue;
                }
                let hits = others
                    .iter()
                    .filter(|&&v| scored.best_in(y, space.units[v].doc) == Some(v as u32))
                    .count();
                if (hits as f32) < p.share * n {
                    continue;
                }
                let gain = my - mx;
                if best.is_none_or(|b| gain > b.0) {
                    best = Some((gain, y));
                }
            }
            if let Some((gain, y)) = best {
                swaps.push(Swap {
                    into: i,
                    x,
                    y,
                    gain,
                });
            }
        }
    }
    swaps.sort_by(|a, b| {
        b.gain
            .total_cmp(&a.gain)
            .then(a.x.cmp(&b.x))
            .then(a.y.cmp(&b.y))
    });
    let mut used = vec![false; space.len()];
    let mut taken = vec![false; clusters.len()];
    for s in swaps {
        if taken[s.into] || used[s.x] || used[s.y] {
            continue;
        }
        taken[s.into] = true;
        used[s.x] = true;
        used[s.y] = true;
        let from = cluster_of[s.y];
        if let Some(c) = clusters.get_mut(from) {
            c.retain(|&u| u != s.y);
        }
        let into = &mut clusters[s.into];
        into.retain(|&u| u != s.x);
        let k = into.partition_point(|&m| m < s.y);
        into.insert(k, s.y);
        cluster_of[s.y] = s.into;
        cluster_of[s.x] = clusters.len();
        clusters.push(vec![s.x]);
    }
    clusters.retain(|c| !c.is_empty());
    clusters
}
