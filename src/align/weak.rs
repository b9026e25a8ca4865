//! Members held by a weak link (setting `weak`, after `types`; issue 11: "an article that matches
//! only a side sentence of another does not join it"). Off: over the sixteen dev families the
//! members so held are mostly true ones, and leave-one-family-out kept the defaults
//! (docs/alignment-rejected.md, "Members held by a weak link").
//!
//! After every joining step, each member `x` of a group of several documents is read against
//! the group's members of other documents. A link `x`–`y` is **side** when `x`'s wording lies in
//! a side paragraph of `y` (the paragraphs of `y` that `x`'s bigrams match, at half the best
//! cosine or more, leave out `y`'s first and hold less than `side_share` of `y`'s text; with
//! `lists`, a list article, its first paragraph a lead-in ending in a colon, has no side), or,
//! with `both_ways`, when `y`'s wording lies in a side paragraph of `x`. A link is **weak** when
//! its score lies under `z` robust spreads above the corpus's null median (`Space::null_sim`);
//! with `mutual`, a mutual best match holds whatever its paragraphs. A member none of whose
//! links to the group holds leaves the group (decided on the grouping as it stood), and with
//! `best` joins the group of its best candidate outside it when that link holds and that group
//! holds no article of its document. Penalties are exempt unless `penalties` (the regrouping by
//! provision places them by what they punish, not by wording).

use super::cluster::Scored;
use super::parts;
use super::space::Space;
use super::twins::{move_to, owners};
use crate::model::Regulation;
use std::collections::HashMap;

/// Settings of the step (`weak`). Off by default.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct WeakParams {
    /// When true, members held by weak links only leave their group.
    pub on: bool,
    /// Least robust z over the corpus's null a link needs to count as strong (a very low value,
    /// −100, turns the test off).
    pub z: f32,
    /// When true, a link whose match lies in a side paragraph does not count.
    pub side: bool,
    /// Share of its article's text below which the paragraphs matched, the first not among
    /// them, are a side one.
    pub side_share: f32,
    /// When true, a link also counts as side when the other article matches a side paragraph of
    /// the member.
    pub both_ways: bool,
    /// When true, a link that is a mutual best match (each is the other's best candidate in its
    /// document) counts as strong whatever its paragraphs.
    pub mutual: bool,
    /// When true, a list article (its first paragraph a lead-in ending in a colon) has no side
    /// paragraph: its items are its matter.
    pub lists: bool,
    /// When true, penalties are weighed too.
    pub penalties: bool,
    /// When true, a member that leaves joins the group of its best candidate outside its old
    /// group when that link is strong and in a main paragraph, and the group lacks its document.
    pub best: bool,
}

impl Default for WeakParams {
    fn default() -> WeakParams {
        WeakParams {
            on: false,
            z: -100.0,
            side: true,
            side_share: 0.5,
            both_ways: false,
            mutual: false,
            lists: false,
            penalties: false,
            best: false,
        }
    }
}

/// The evidence of one link `x`–`y`, read from `x`'s side.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Evidence {
    /// The other article.
    pub(crate) y: usize,
    /// The pair's score (0 when `y` is not among `x`'s candidates).
    pub(crate) score: f32,
    /// The score as a robust z over the corpus's null.
    pub(crate) z: f32,
    /// `x`'s best-matching paragraph of `y` is a side one.
    pub(crate) in_side_of_y: bool,
    /// `y`'s best-matching paragraph of `x` is a side one.
    pub(crate) in_side_of_x: bool,
    /// Each is the other's best candidate in its document.
    pub(crate) mutual: bool,
    /// Share of `x`'s wording in `y`.
    pub(crate) cov_xy: f32,
    /// Share of `y`'s wording in `x`.
    pub(crate) cov_yx: f32,
}

/// What the step reads: the corpus's null and the paragraphs of the articles looked at.
pub(crate) struct Reader<'a> {
    docs: &'a [&'a Regulation],
    space: &'a Space,
    scored: &'a Scored,
    centre: f32,
    spread: f32,
    paragraphs: HashMap<usize, Vec<(usize, f32, super::features::SparseVec)>>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(docs: &'a [&'a Regulation], space: &'a Space, scored: &'a Scored) -> Self {
        let (centre, spread) = space.null_sim();
        Reader {
            docs,
            space,
            scored,
            centre,
            spread: spread.max(1e-6),
            paragraphs: HashMap::new(),
        }
    }

    fn score(&self, x: usize, y: usize) -> f32 {
        let doc = self.space.units[y].doc;
        self.scored
            .run(x, doc)
            .iter()
            .find(|p| p.0 as usize == y)
            .map_or(0.0, |p| p.1)
    }

    /// Whether `x`'s wording lies in a side paragraph of `y`: the paragraphs of `y` that `x`'s
    /// bigrams match (a cosine of at least half the best one's) leave out `y`'s first paragraph
    /// and hold less than `share` of its text together. An article of one paragraph (or one `x`
    /// matches nowhere) has no side.
    fn in_side(&mut self, x: usize, y: usize, share: f32, lists: bool) -> bool {
        let (docs, space) = (self.docs, self.space);
        if lists && is_list(docs, space, y) {
            return false;
        }
        let ps = self
            .paragraphs
            .entry(y)
            .or_insert_with(|| parts::of_unit(docs, space, y));
        if ps.len() < 2 {
            return false;
        }
        let v = &space.bigrams[x];
        let cos: Vec<f32> = ps.iter().map(|(_, _, p)| v.dot(p)).collect();
        let best = cos.iter().copied().fold(0.0f32, f32::max);
        if best <= 0.0 {
            return false;
        }
        let matched = |k: usize| cos[k] >= 0.5 * best;
        let held: f32 = (0..ps.len()).filter(|&k| matched(k)).map(|k| ps[k].1).sum();
        !matched(0) && held < share
    }

    pub(crate) fn evidence(&mut self, x: usize, y: usize, share: f32, lists: bool) -> Evidence {
        let score = self.score(x, y);
        let (dx, dy) = (self.space.units[x].doc, self.space.units[y].doc);
        let mutual = self.scored.best_in(x, dy) == Some(y as u32)
            && self.scored.best_in(y, dx) == Some(x as u32);
        Evidence {
            y,
            score,
            z: ((score - self.centre) / self.spread).clamp(-10.0, 40.0),
            in_side_of_y: self.in_side(x, y, share, lists),
            in_side_of_x: self.in_side(y, x, share, lists),
            mutual,
            cov_xy: self.space.coverage(x, y),
            cov_yx: self.space.coverage(y, x),
        }
    }
}

/// Whether `y`'s first paragraph is a list's lead-in (`…应当履行下列职责：`).
fn is_list(docs: &[&Regulation], space: &Space, y: usize) -> bool {
    space.units[y]
        .article(docs)
        .and_then(|a| a.paragraphs.first())
        .is_some_and(|p| p.text.trim_end().ends_with(['：', ':']))
}

impl WeakParams {
    /// Whether a link counts as evidence that holds its member.
    pub(crate) fn holds(&self, e: &Evidence) -> bool {
        if e.score <= 0.0 || e.z < self.z {
            return false;
        }
        if self.mutual && e.mutual {
            return true;
        }
        !(self.side && (e.in_side_of_y || (self.both_ways && e.in_side_of_x)))
    }
}

/// Each member of a group of several documents with its links to the group's members of other
/// documents, strongest score first.
pub(crate) fn members(
    reader: &mut Reader,
    clusters: &[Vec<usize>],
    share: f32,
    lists: bool,
) -> Vec<(usize, usize, Vec<Evidence>)> {
    let space = reader.space;
    let mut out = Vec::new();
    for (c, g) in clusters.iter().enumerate() {
        let first = g.first().map(|&m| space.units[m].doc);
        if g.iter().all(|&m| Some(space.units[m].doc) == first) {
            continue;
        }
        for &x in g {
            let dx = space.units[x].doc;
            let mut ev: Vec<Evidence> = g
                .iter()
                .filter(|&&y| space.units[y].doc != dx)
                .map(|&y| reader.evidence(x, y, share, lists))
                .collect();
            ev.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.y.cmp(&b.y)));
            out.push((x, c, ev));
        }
    }
    out
}

/// The grouping with the members held by weak links only taken out (and, with `best`, moved to
/// the group of their best candidate).
pub(crate) fn leave(
    docs: &[&Regulation],
    space: &Space,
    scored: &Scored,
    mut clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    p: &WeakParams,
) -> Vec<Vec<usize>> {
    let mut reader = Reader::new(docs, space, scored);
    let out: Vec<(usize, usize)> = members(&mut reader, &clusters, p.side_share, p.lists)
        .into_iter()
        .filter(|(x, _, _)| p.penalties || !penalty.get(*x).copied().unwrap_or(false))
        .filter(|(_, _, ev)| !ev.iter().any(|e| p.holds(e)))
        .map(|(x, c, _)| (x, c))
        .collect();
    let mut left = Vec::new();
    for (x, c) in out {
        clusters[c].retain(|&m| m != x);
        clusters.push(vec![x]);
        left.push((x, c));
    }
    if p.best {
        let owner = owners(space, &clusters);
        let mut moves = Vec::new();
        for &(x, from) in &left {
            let dx = space.units[x].doc;
            let best = scored.pairs[x]
                .iter()
                .filter(|q| {
                    let c = owner[q.0 as usize];
                    c != usize::MAX && c != from && c != owner[x]
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            let Some(&(y, s)) = best else { continue };
            let (y, c) = (y as usize, owner[y as usize]);
            if clusters[c].iter().any(|&m| space.units[m].doc == dx) {
                continue;
            }
            let e = reader.evidence(x, y, p.side_share, p.lists);
            if p.holds(&e) {
                moves.push((s, x, c));
            }
        }
        moves.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut owner = owners(space, &clusters);
        for (_, x, c) in moves {
            if clusters[c]
                .iter()
                .any(|&m| space.units[m].doc == space.units[x].doc)
            {
                continue;
            }
            move_to(&mut clusters, &owner, x, c);
            owner = owners(space, &clusters);
        }
    }
    clusters.retain(|m| !m.is_empty());
    clusters
}
