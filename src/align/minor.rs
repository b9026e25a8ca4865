//! A member placed by a minor paragraph moves to the group of its main matter (setting `minor`,
//! after `weak`; issue 11: "an article is grouped by its main matter, not by a side sentence").
//! Off by default (docs/alignment-rejected.md, "A member held by a minor paragraph moved to its
//! main matter").
//!
//! Each member `x` of a group `G` of several documents, of at least two paragraphs, has a
//! **main paragraph**: its first (`first`) or the one carrying most of its text. `x` is **held
//! by a minor paragraph** when, for every member `y` of `G` in another document, the paragraph
//! of `x` whose bigrams best match `y`'s article is not the main one, and the main one matches
//! `y` at less than `ratio` of that best cosine. Its **main group** `H` is the group of the
//! candidate (of another document) that the main paragraph matches best, at a cosine of at
//! least `min`; `x` moves there when `H` is not `G`, holds no article of `x`'s document, holds
//! articles of at least `docs` documents, the main paragraph's best candidate lies in `H` in at
//! least `agree` of `H`'s documents, and the main paragraph matches `H`'s members better on
//! average than `G`'s. Strongest moves first (the main paragraph's best cosine), each article
//! once. What `G` keeps of `x` is shown by the partial members (`Group::partial`), as for any
//! article holding a group's matter in some of its paragraphs. Penalties are exempt unless
//! `penalties` (the regrouping by provision places them by what they punish). A main paragraph
//! that is a list's lead-in (one sentence ending in a colon) names no matter: such an article is
//! not weighed.
//! With `by_group`, the main group is read from whole groups instead of the best candidate.

use super::cluster::Scored;
use super::features::SparseVec;
use super::parts;
use super::space::Space;
use super::twins::{move_to, owners};
use crate::model::Regulation;

/// Settings of the step (`minor`). Off by default.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct MinorParams {
    /// When true, members held by a minor paragraph move to the group of their main matter.
    pub on: bool,
    /// When true, the main paragraph is the first; else the one carrying most of the text.
    pub first: bool,
    /// The main paragraph's cosine with a member, as a share of the best paragraph's, below
    /// which that member's link is carried by a minor paragraph.
    pub ratio: f32,
    /// Least bigram cosine of the main paragraph with the candidate that names its group.
    pub min: f32,
    /// Least number of documents the main group holds (1: a lone article can be the main group).
    pub docs: usize,
    /// Least share of the main group's documents in which the main paragraph's best candidate
    /// lies in the group.
    pub agree: f32,
    /// When true, penalties are weighed too.
    pub penalties: bool,
    /// When true, the main group is the group (lacking the member's document, of at least
    /// `docs` documents, holding a candidate) whose documents' best cosines with the main
    /// paragraph have the highest mean, at least `min` and above the member's own group's;
    /// `agree` is not read.
    pub by_group: bool,
    /// Least share of the article's text the main paragraph carries.
    pub share: f32,
}

impl Default for MinorParams {
    fn default() -> MinorParams {
        MinorParams {
            on: false,
            first: true,
            ratio: 0.5,
            min: 0.3,
            docs: 2,
            agree: 0.5,
            penalties: false,
            by_group: false,
            share: 0.0,
        }
    }
}

/// One member held by a minor paragraph, and where its main paragraph points.
#[derive(Debug, Clone)]
pub(crate) struct Proposal {
    /// The member.
    pub(crate) x: usize,
    /// Its group (index into the clusters).
    pub(crate) from: usize,
    /// The group of the main paragraph's best candidate, when it has one of another group.
    pub(crate) to: Option<usize>,
    /// The main paragraph's cosine with that candidate.
    pub(crate) strength: f32,
    /// Whether every test of the move holds (`to` lacks `x`'s document, `docs`, `agree`, the
    /// main paragraph nearer `to` than `from`).
    pub(crate) moves: bool,
    /// The main paragraph's share of the article's text.
    pub(crate) main_share: f32,
}

/// The main paragraph of `ps` (an article's weighed paragraphs): the first paragraph of the
/// article when `first` (none when it is too short to be weighed), else the largest.
fn main_of(ps: &[(usize, f32, SparseVec)], first: bool) -> Option<usize> {
    if first {
        return ps.first().filter(|p| p.0 == 0).map(|_| 0);
    }
    (0..ps.len()).max_by(|&a, &b| ps[a].1.total_cmp(&ps[b].1).then(b.cmp(&a)))
}

/// Every member of a group of several documents held by a minor paragraph, with its main group.
pub(crate) fn proposals(
    docs: &[&Regulation],
    space: &Space,
    scored: &Scored,
    clusters: &[Vec<usize>],
    penalty: &[bool],
    p: &MinorParams,
) -> Vec<Proposal> {
    let owner = owners(space, clusters);
    let doc = |u: usize| space.units[u].doc;
    let mut out = Vec::new();
    for (c, g) in clusters.iter().enumerate() {
        let Some(&first) = g.first() else { continue };
        if g.iter().all(|&m| doc(m) == doc(first)) {
            continue;
        }
        for &x in g {
            if !p.penalties && penalty.get(x).copied().unwrap_or(false) {
                continue;
            }
            let ps = parts::of_unit(docs, space, x);
            if ps.len() < 2 {
                continue;
            }
            let Some(m) = main_of(&ps, p.first) else {
                continue;
            };
            // A list's lead-in (`…应当遵守下列规定：`, one sentence ending in a colon) names no
            // matter of its own; a paragraph that states one before its list does.
            let lead_in = space.units[x]
                .article(docs)
                .and_then(|a| a.paragraphs.get(ps[m].0))
                .is_some_and(|q| {
                    let t = q.text.trim_end();
                    t.ends_with(['：', ':']) && !t.contains('。')
                });
            if lead_in || ps[m].1 < p.share {
                continue;
            }
            let others: Vec<usize> = g.iter().copied().filter(|&y| doc(y) != doc(x)).collect();
            let minor = others.iter().all(|&y| {
                let cos: Vec<f32> = ps.iter().map(|q| q.2.dot(&space.bigrams[y])).collect();
                let (k, best) = cos
                    .iter()
                    .copied()
                    .enumerate()
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                    .unwrap_or((m, 0.0));
                best > 0.0 && k != m && cos[m] < p.ratio * best
            });
            if !minor {
                continue;
            }
            let main = &ps[m].2;
            if p.by_group {
                out.push(by_group(
                    space, scored, clusters, &owner, x, c, main, ps[m].1, p,
                ));
                continue;
            }
            // The main paragraph's cosine with each candidate, and its best candidate per
            // document.
            let mut best_per_doc: Vec<(usize, usize, f32)> = Vec::new();
            for &(y, _) in &scored.pairs[x] {
                let y = y as usize;
                let s = main.dot(&space.bigrams[y]);
                match best_per_doc.iter_mut().find(|b| b.0 == doc(y)) {
                    Some(b) if s > b.2 || (s == b.2 && y < b.1) => *b = (doc(y), y, s),
                    Some(_) => {}
                    None => best_per_doc.push((doc(y), y, s)),
                }
            }
            let top = best_per_doc
                .iter()
                .filter(|b| owner[b.1] != usize::MAX && owner[b.1] != c)
                .max_by(|a, b| a.2.total_cmp(&b.2).then(b.1.cmp(&a.1)))
                .copied();
            let mut prop = Proposal {
                x,
                from: c,
                to: None,
                strength: 0.0,
                moves: false,
                main_share: ps[m].1,
            };
            if let Some((_, y, s)) = top.filter(|t| t.2 >= p.min) {
                let h = owner[y];
                prop.to = Some(h);
                prop.strength = s;
                let members = &clusters[h];
                let mut hdocs: Vec<usize> = members.iter().map(|&u| doc(u)).collect();
                hdocs.sort_unstable();
                hdocs.dedup();
                let lacks = !hdocs.contains(&doc(x));
                let agreeing = hdocs
                    .iter()
                    .filter(|&&d| {
                        best_per_doc
                            .iter()
                            .find(|b| b.0 == d)
                            .is_some_and(|b| owner[b.1] == h)
                    })
                    .count();
                let mean = |ms: &[usize]| {
                    let sims: Vec<f32> = ms
                        .iter()
                        .filter(|&&u| doc(u) != doc(x))
                        .map(|&u| main.dot(&space.bigrams[u]))
                        .collect();
                    sims.iter().sum::<f32>() / sims.len().max(1) as f32
                };
                prop.moves = lacks
                    && hdocs.len() >= p.docs
                    && agreeing as f32 >= p.agree * hdocs.len() as f32
                    && mean(members) > mean(g);
            }
            out.push(prop);
        }
    }
    out
}

/// The mean over a group's documents but `x`'s of the main paragraph's best cosine with the
/// group's articles there, and the group's documents.
fn group_fit(space: &Space, members: &[usize], x: usize, main: &SparseVec) -> (f32, Vec<usize>) {
    let doc = |u: usize| space.units[u].doc;
    let mut best: Vec<(usize, f32)> = Vec::new();
    for &u in members {
        let s = main.dot(&space.bigrams[u]);
        match best.iter_mut().find(|b| b.0 == doc(u)) {
            Some(b) => b.1 = b.1.max(s),
            None => best.push((doc(u), s)),
        }
    }
    let docs: Vec<usize> = best.iter().map(|b| b.0).collect();
    let others: Vec<f32> = best.iter().filter(|b| b.0 != doc(x)).map(|b| b.1).collect();
    let mean = others.iter().sum::<f32>() / others.len().max(1) as f32;
    (mean, docs)
}

/// [`proposals`]' main group read by whole groups (`by_group`).
#[allow(clippy::too_many_arguments)]
fn by_group(
    space: &Space,
    scored: &Scored,
    clusters: &[Vec<usize>],
    owner: &[usize],
    x: usize,
    c: usize,
    main: &SparseVec,
    main_share: f32,
    p: &MinorParams,
) -> Proposal {
    let dx = space.units[x].doc;
    let (own, _) = group_fit(space, &clusters[c], x, main);
    let mut groups: Vec<usize> = scored.pairs[x]
        .iter()
        .map(|q| owner[q.0 as usize])
        .filter(|&h| h != usize::MAX && h != c)
        .collect();
    groups.sort_unstable();
    groups.dedup();
    let best = groups
        .into_iter()
        .filter_map(|h| {
            let (fit, docs) = group_fit(space, &clusters[h], x, main);
            (!docs.contains(&dx) && docs.len() >= p.docs).then_some((fit, h))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut prop = Proposal {
        x,
        from: c,
        to: None,
        strength: 0.0,
        moves: false,
        main_share,
    };
    if let Some((fit, h)) = best.filter(|b| b.0 >= p.min) {
        prop.to = Some(h);
        prop.strength = fit;
        prop.moves = fit > own;
    }
    prop
}

/// The grouping with the members held by a minor paragraph moved to their main group.
pub(crate) fn move_to_main(
    docs: &[&Regulation],
    space: &Space,
    scored: &Scored,
    mut clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    p: &MinorParams,
) -> Vec<Vec<usize>> {
    let mut moves: Vec<(f32, usize, usize)> = proposals(docs, space, scored, &clusters, penalty, p)
        .into_iter()
        .filter(|q| q.moves)
        .filter_map(|q| q.to.map(|h| (q.strength, q.x, h)))
        .collect();
    moves.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut owner = owners(space, &clusters);
    for (_, x, h) in moves {
        let dx = space.units[x].doc;
        if clusters[h].iter().any(|&m| space.units[m].doc == dx) {
            continue;
        }
        move_to(&mut clusters, &owner, x, h);
        owner = owners(space, &clusters);
    }
    clusters.retain(|m| !m.is_empty());
    clusters
}
