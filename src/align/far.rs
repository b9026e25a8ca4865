//! A lone article joins the group its best matches name, wherever its own document's article in
//! that group sits (setting `far`, on). A document may write one matter twice: a principle in
//! the general provisions and its detail in a later chapter (社会力量兴办科普 in 总则 and 经费
//! in 保障措施), a department's duty in the chapter on organisation and the same duty among the
//! obligations. The grouping puts one of the two with the other documents' article and leaves
//! the other alone; `twins` and `matter` join a lone article to a group holding its document
//! only within a few positions (a split provision), so the far piece stays alone.
//!
//! Here a lone article (not a penalty) votes, in each other document, for its best candidate by
//! the ordinary similarity (not a penalty either) when that similarity lies `z` robust spreads
//! above the corpus's null median (`Space::null_sim`), leads the runner-up there by `margin` of
//! its own score (`Scored::margin`) and the lone article ranks among that candidate's `back` best
//! in the lone article's document (its own piece grouped there is usually the first, the far
//! piece the second). It joins the group named by votes from at least `docs` documents and at
//! least `agree` of the group's documents other than its own, no other group tied, when that group
//! holds an article of its own document (or, with `open`, also when it does not). Decisions read
//! the grouping as it stood; no group is taken apart; strongest votes first.
//!
//! A joined article names nothing: the group keeps the label its other members give it (the
//! joined articles are returned with the member their strongest vote went to, and
//! `group::finish` names the group without them), so that the label of a group does not depend
//! on whether one lone article was added to it.
//!
//! Work: per lone article its best candidate per document and, for each, the candidate's best
//! in the lone article's document; one null sample (`Space::null_sim`).

use super::cluster::Scored;
use super::space::Space;
use super::twins::{move_to, owners};
use std::collections::BTreeMap;

/// Settings of the step (`far`): the values leave-one-family-out chose over the thirteen dev
/// families (docs/alignment-method.md, "The science family's missed links; far pieces of one
/// matter").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FarParams {
    /// When true, lone articles join the group their best matches name, at any distance.
    pub on: bool,
    /// Least similarity of a vote, in robust spreads above the corpus's null median.
    pub z: f32,
    /// Least lead of the voted article over the runner-up in its document, as a share of its
    /// own score.
    pub margin: f32,
    /// Most rank of the lone article among the voted article's candidates in the lone article's
    /// document (1: mutual best).
    pub back: usize,
    /// Least documents voting for the group.
    pub docs: usize,
    /// Least share of the group's documents (other than the lone article's) voting for it.
    pub agree: f32,
    /// When true, a group lacking the lone article's document may take it too.
    pub open: bool,
}

impl Default for FarParams {
    fn default() -> FarParams {
        FarParams {
            on: true,
            z: 4.0,
            margin: 0.05,
            back: 2,
            docs: 2,
            agree: 0.67,
            open: false,
        }
    }
}

/// Per group, the votes of one lone article's matches: how many, the sum of their strengths and
/// the member of the strongest (shared by `far` and `anchor`).
#[derive(Default)]
pub(super) struct Votes(BTreeMap<usize, (usize, f32, usize, f32)>);

impl Votes {
    /// A vote of strength `s` for group `group` through its member `y`.
    pub(super) fn add(&mut self, group: usize, y: usize, s: f32) {
        let t = self.0.entry(group).or_insert((0, 0.0, y, s));
        t.0 += 1;
        t.1 += s;
        if s > t.3 {
            (t.2, t.3) = (y, s);
        }
    }

    /// The group with the most votes, at least `least` (1 at the least) and no tie: the group, its
    /// votes, their summed strength and the member of the strongest. Among groups with equal
    /// votes the lowest index is taken before the tie test, as a stable order.
    pub(super) fn winner(&self, least: usize) -> Option<(usize, usize, f32, usize)> {
        let (&c, &(n, sum, anchor, _)) = self
            .0
            .iter()
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.0.cmp(a.0)))?;
        if n < least.max(1) || self.0.values().filter(|t| t.0 == n).count() > 1 {
            return None;
        }
        Some((c, n, sum, anchor))
    }
}

/// The grouping with lone articles joined to the group their best matches name, and each joined
/// article with the member its strongest vote went to (the group's label is named without the
/// joined article, which a fused group lists in that member's part: `group::Grouping::silent`).
pub(crate) fn join_lone(
    space: &Space,
    scored: &Scored,
    mut clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    p: &FarParams,
) -> (Vec<Vec<usize>>, Vec<(usize, usize)>) {
    let owner = owners(space, &clusters);
    let grouped = |c: usize| c != usize::MAX && clusters[c].len() > 1;
    let (centre, spread) = space.null_sim();
    let least = centre + p.z * spread;
    let mut moves: Vec<(f32, usize, usize, usize)> = Vec::new();
    for x in 0..space.len() {
        if penalty.get(x).copied().unwrap_or(false) || grouped(owner[x]) {
            continue;
        }
        let doc = space.units[x].doc;
        let mut tally = Votes::default();
        for (_, y, s) in scored.best(x) {
            let y = y as usize;
            if penalty.get(y).copied().unwrap_or(false) || !grouped(owner[y]) || s < least {
                continue;
            }
            if scored.margin(x, y) < p.margin {
                continue;
            }
            if !scored.top_in(y, doc, p.back.max(1)).contains(&(x as u32)) {
                continue;
            }
            tally.add(owner[y], y, s);
        }
        let Some((c, n, sum, anchor)) = tally.winner(p.docs) else {
            continue;
        };
        let mut others: Vec<usize> = clusters[c].iter().map(|&m| space.units[m].doc).collect();
        let holds_own = others.contains(&doc);
        if !holds_own && !p.open {
            continue;
        }
        others.retain(|&d| d != doc);
        others.sort_unstable();
        others.dedup();
        if (n as f32) < p.agree * others.len() as f32 {
            continue;
        }
        moves.push((sum / n as f32, x, c, anchor));
    }
    moves.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut joined = Vec::with_capacity(moves.len());
    for (_, x, c, anchor) in moves {
        move_to(&mut clusters, &owner, x, c);
        joined.push((x, anchor));
    }
    clusters.retain(|m| !m.is_empty());
    (clusters, joined)
}
