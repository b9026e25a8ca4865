//! Penalty groups refined by the conducts they punish (setting `conduct`, off by default:
//! leave-one-family-out cross-validation did not keep it, docs/alignment-rejected.md). The split
//! runs right after the penalties are regrouped by provision (`xref::by_provision`), the join
//! after `twins`. The regrouping puts together every
//! penalty whose main punished provision lies in one group, and so cannot tell apart two
//! penalties for two conducts that one broad provision forbids (砍伐 and 刻划、剥皮 are both in
//! 禁止损害古树名木的行为; each document punishes them in separate articles). Two moves:
//!
//! - **Split by wording** (`split`): a penalty group in which some document holds several
//!   articles is re-clustered by average link over the pair scores, pieces sharing no document,
//!   down to `link`; then pieces are merged back, closest first, until every two pieces left
//!   are kept apart by at least `docs` documents that hold articles in both, and each piece spans
//!   two documents. A document that holds both conducts in one article keeps the group whole
//!   unless enough other documents write them apart: the gold files' convention for fused
//!   provisions, read the other way round.
//! - **Lone penalties by what they punish** (`join`): a penalty left alone (a group of one
//!   document) joins the penalty group whose penalties in other documents punish the most of
//!   the same provision groups (groups with an article of another document), at least
//!   `join_min` of them, when one group leads; a list penalty (违反本条例第七条、第十三条规定的)
//!   has no main provision of its own and is placed by the provisions it shares.
//!
//! Work: per penalty group of at most `max_members`, an average-link clustering of its members
//! (cubic in the group's size, penalty groups are small); per lone penalty, one pass over the
//! penalty groups.

use super::cluster::Scored;
use super::space::Space;
use std::collections::BTreeSet;

/// Settings of the step (`conduct`); both halves off by default, as leave-one-family-out
/// cross-validation over the dev families did not keep them (docs/alignment-rejected.md,
/// "Penalty groups refined by the conducts they punish").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ConductParams {
    /// When true, penalty groups are split by wording where documents write conducts apart.
    pub split: bool,
    /// Least average pair score at which two pieces of a penalty group are merged.
    pub link: f32,
    /// Least number of documents holding articles in each of two pieces for them to stay apart.
    pub docs: usize,
    /// Least share of a group's members that are penalties for it to count as a penalty group.
    pub share: f32,
    /// Largest penalty group that is re-clustered (a cost bound: boilerplate penalties of
    /// hundreds of regulations are left whole).
    pub max_members: usize,
    /// When true, lone penalties join the penalty group punishing the same provisions.
    pub join: bool,
    /// Least number of provision groups a lone penalty must share with the group it joins.
    pub join_min: usize,
}

impl Default for ConductParams {
    fn default() -> ConductParams {
        ConductParams {
            split: false,
            link: 0.1,
            docs: 2,
            share: 0.5,
            max_members: 64,
            join: false,
            join_min: 1,
        }
    }
}

/// Pair score of `x` and `y` (0 when `y` is not `x`'s candidate).
fn pair(scored: &Scored, x: usize, y: usize) -> f32 {
    let list = &scored.pairs[x];
    list.binary_search_by_key(&(y as u32), |p| p.0)
        .map_or(0.0, |i| list[i].1)
}

fn docs_of(space: &Space, members: &[usize]) -> BTreeSet<usize> {
    members.iter().map(|&m| space.units[m].doc).collect()
}

/// Mean pair score over the pairs of `a` × `b` from different documents; `None` when there is
/// no such pair.
fn mean_link(space: &Space, scored: &Scored, a: &[usize], b: &[usize]) -> Option<f32> {
    let (mut sum, mut n) = (0.0f32, 0usize);
    for &x in a {
        for &y in b {
            if space.units[x].doc != space.units[y].doc {
                sum += pair(scored, x, y);
                n += 1;
            }
        }
    }
    (n > 0).then(|| sum / n as f32)
}

fn is_penalty_group(members: &[usize], penalty: &[bool], share: f32) -> bool {
    let n = members.iter().filter(|&&m| penalty[m]).count();
    n > 0 && n as f32 >= share * members.len() as f32
}

/// The pieces of one penalty group (see the module head); the group itself when nothing holds
/// its conducts apart.
fn split_group(
    space: &Space,
    scored: &Scored,
    members: Vec<usize>,
    p: &ConductParams,
) -> Vec<Vec<usize>> {
    let mut pieces: Vec<Vec<usize>> = members.iter().map(|&m| vec![m]).collect();
    // Average link, pieces sharing no document, strongest first.
    loop {
        let mut best: Option<(f32, usize, usize)> = None;
        for i in 0..pieces.len() {
            let di = docs_of(space, &pieces[i]);
            for j in i + 1..pieces.len() {
                if pieces[j].iter().any(|&m| di.contains(&space.units[m].doc)) {
                    continue;
                }
                if let Some(v) = mean_link(space, scored, &pieces[i], &pieces[j])
                    && best.is_none_or(|b| v > b.0)
                {
                    best = Some((v, i, j));
                }
            }
        }
        match best {
            Some((v, i, j)) if v >= p.link => {
                let b = pieces.remove(j);
                pieces[i].extend(b);
            }
            _ => break,
        }
    }
    // Merged back while two pieces are not kept apart by enough documents.
    while pieces.len() > 1 {
        let mut best: Option<(f32, usize, usize)> = None;
        for i in 0..pieces.len() {
            let di = docs_of(space, &pieces[i]);
            for j in i + 1..pieces.len() {
                let dj = docs_of(space, &pieces[j]);
                let both = di.intersection(&dj).count();
                if both >= p.docs && di.len() >= 2 && dj.len() >= 2 {
                    continue;
                }
                let v = mean_link(space, scored, &pieces[i], &pieces[j]).unwrap_or(-1.0);
                if best.is_none_or(|b| v > b.0) {
                    best = Some((v, i, j));
                }
            }
        }
        let Some((_, i, j)) = best else { break };
        let b = pieces.remove(j);
        pieces[i].extend(b);
    }
    for piece in &mut pieces {
        piece.sort_unstable();
    }
    pieces
}

/// The penalty groups of `clusters` split where documents write their conducts apart (see the
/// module head). `penalty[x]`: whether unit `x` is a penalty.
pub(crate) fn split(
    space: &Space,
    scored: &Scored,
    clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    p: &ConductParams,
) -> Vec<Vec<usize>> {
    let mut out = Vec::with_capacity(clusters.len());
    for members in clusters {
        let docs = docs_of(space, &members);
        let split = members.len() >= 3
            && members.len() <= p.max_members
            && docs.len() < members.len()
            && is_penalty_group(&members, penalty, p.share);
        if split {
            out.extend(split_group(space, scored, members, p));
        } else {
            out.push(members);
        }
    }
    out
}

/// Lone penalties joined to the penalty group that punishes the same provision groups (see the
/// module head). `punished[x]`: the units of its own regulation that a penalty cites or
/// describes (empty for the others).
pub(crate) fn join_lone(
    space: &Space,
    clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    punished: &[Vec<usize>],
    p: &ConductParams,
) -> Vec<Vec<usize>> {
    let mut owner = vec![usize::MAX; space.len()];
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            owner[m] = c;
        }
    }
    let spans: Vec<usize> = clusters.iter().map(|m| docs_of(space, m).len()).collect();
    // The provision groups (with an article of another document) that a penalty punishes.
    let provisions = |x: usize| -> BTreeSet<usize> {
        punished[x]
            .iter()
            .filter(|&&y| !penalty[y])
            .map(|&y| owner[y])
            .filter(|&c| c != usize::MAX && spans[c] > 1)
            .collect()
    };
    let groups: Vec<usize> = (0..clusters.len())
        .filter(|&c| is_penalty_group(&clusters[c], penalty, p.share))
        .collect();
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for &c in groups.iter().filter(|&&c| spans[c] == 1) {
        let Some(&first) = clusters[c].first() else {
            continue;
        };
        let doc = space.units[first].doc;
        let own: BTreeSet<usize> = clusters[c]
            .iter()
            .filter(|&&m| penalty[m])
            .flat_map(|&m| provisions(m))
            .collect();
        if own.is_empty() {
            continue;
        }
        let mut scores: Vec<(usize, usize)> = groups
            .iter()
            .filter(|&&h| spans[h] > 1)
            .map(|&h| {
                let theirs: BTreeSet<usize> = clusters[h]
                    .iter()
                    .filter(|&&m| penalty[m] && space.units[m].doc != doc)
                    .flat_map(|&m| provisions(m))
                    .collect();
                (own.intersection(&theirs).count(), h)
            })
            .filter(|&(n, _)| n >= p.join_min.max(1))
            .collect();
        scores.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        match scores.as_slice() {
            [] => {}
            [(_, h)] => moves.push((c, *h)),
            [(a, h), (b, _), ..] if a > b => moves.push((c, *h)),
            _ => {}
        }
    }
    let mut clusters = clusters;
    for &(c, h) in &moves {
        let taken = std::mem::take(&mut clusters[c]);
        clusters[h].extend(taken);
    }
    for members in &mut clusters {
        members.sort_unstable();
    }
    clusters.retain(|m| !m.is_empty());
    clusters
}
