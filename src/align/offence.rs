//! Penalty groups checked against the offences their conditions state (setting `offence`;
//! `join` on, `split` and `clear_ties` off, by leave-one-family-out cross-validation).
//! The regrouping by provision (`xref::by_provision`) keys each penalty by the group of the
//! provision it punishes, so it inherits every error of the provisions' grouping, and it keys a
//! penalty that punishes two offences in two sentences by one of them only. What the regrouping
//! never reads is the offence itself across documents: two penalties of different documents
//! whose conditions (…的，由…处…罚款: the text before the 的) say the same thing are one offence,
//! whatever provisions they resolve to, and two penalties whose conditions say different things
//! are two, whatever provision they share. An **offence link** joins a condition of a penalty
//! `x` to a condition of a penalty `y` of another document (among `x`'s candidates) when each
//! is the other's best match among the conditions of the penalties of the two documents (the
//! bigram cosine over the corpus's IDF weights), at least `cos`, ahead of the best condition of
//! any other penalty by `lead` both ways, and neither recurs (at `formula`) in another penalty of
//! its own document (a formula's condition, 逾期不改正 or 构成违反治安管理行为, is not an offence). Two
//! moves, after the regrouping:
//!
//! - `join`: a penalty none of whose offence links lies in its own group, all of them in one
//!   other group, moves there; penalties of groups spanning fewer documents move first, then
//!   those with fewer links (a lone penalty goes to its counterpart's group, a single offence to
//!   the penalty that holds it beside another, not the other way round); with `cover`, only
//!   when at least that share of its own conditions links to the counterpart's document and
//!   of each counterpart's conditions to its own (one item of a long list penalty is not the
//!   matter of the list, nor the list the matter of the item).
//! - `split` (after the join): a group in which the offence links between its own members fall into two or more
//!   connected parts, each spanning two documents, is cut into them; each other member goes to
//!   the part it scores best with on average. A penalty holding two offences that each link to
//!   a part (one article for two) joins the parts, so such a group stays whole.
//!
//! Work: per penalty, its conditions against those of its candidates' penalties.

use super::cluster::Scored;
use super::features::SparseVec;
use super::features::bigrams;
use super::parts::weigh_pairs;
use super::space::Space;
use super::xref::{cited, sentence_case};
use crate::model::Regulation;
use std::collections::{BTreeMap, BTreeSet};

/// Settings of the step (`offence`); see the module head. Chosen by leave-one-family-out
/// cross-validation over the sixteen dev families (docs/alignment-method.md, "Penalties joined
/// by the offence their conditions state"): `join` on at `cos` 0.5, `grams` 4, `cover` 1; the
/// split, identical on every dev family, and `clear_ties`, which lowers three, stay off.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct OffenceParams {
    /// When true, penalty groups are split where their offences fall apart.
    pub split: bool,
    /// When true, a penalty moves to the group that holds its offences' counterparts.
    pub join: bool,
    /// Least bigram cosine of two conditions for an offence link.
    pub cos: f32,
    /// Least lead of an offence link over the best condition of any other penalty, both ways.
    pub lead: f32,
    /// Least number of bigrams a condition needs to count.
    pub grams: usize,
    /// Least bigram cosine at which a condition recurring in another penalty of its own
    /// document is read as the formula's, not an offence.
    pub formula: f32,
    /// When true, the regrouping by provision breaks a penalty's tie between provision groups
    /// only by the penalties of other documents whose own main provision is clear
    /// (`xref::by_provision`).
    pub clear_ties: bool,
    /// Least share of the moving penalty's conditions linked to penalties of each
    /// counterpart's document, and of each counterpart's linked to the moving penalty's
    /// document, for `join` to move it (0: any link will do).
    pub cover: f32,
}

impl Default for OffenceParams {
    fn default() -> OffenceParams {
        OffenceParams {
            split: false,
            join: false,
            cos: 0.5,
            lead: 0.1,
            grams: 4,
            formula: 0.9,
            clear_ties: false,
            cover: 1.0,
        }
    }
}

/// The conditions of a penalty's sentences and items (cut at 。；：and line ends): each one's case
/// ([`sentence_case`]: the text before the first 的 followed by punctuation, after a lead
/// 违反本条例…规定，and an item's （一）; none for a list's head or the officials' formula).
pub(crate) fn conditions(text: &str) -> Vec<String> {
    text.split(['。', '；', '：', '\n'])
        .filter_map(sentence_case)
        // A condition that cites an article is the citation's; a tier (情节严重, 违法所得五万元以上)
        // states no offence: penalties for unlike conduct share it.
        .filter(|c| cited(c).is_empty() && !crate::text::penalty::is_tier(c))
        .collect()
}

/// Per unit, the weighted bigram vectors of its conditions (empty for the articles that are not
/// penalties), those recurring in another penalty of the same document left out.
fn condition_vectors(
    docs: &[&Regulation],
    space: &Space,
    penalty: &[bool],
    p: &OffenceParams,
) -> Vec<Vec<SparseVec>> {
    let n = space.len();
    let mut out: Vec<Vec<SparseVec>> = (0..n)
        .map(|x| {
            if !penalty[x] {
                return Vec::new();
            }
            let Some(article) = space.units[x].article(docs) else {
                return Vec::new();
            };
            conditions(&article.norm)
                .iter()
                .map(|c| bigrams(c))
                .filter(|g| g.len() >= p.grams.max(1))
                .map(|g| weigh_pairs(space, &g, n))
                .collect()
        })
        .collect();
    // A condition that another penalty of its own document also states is the formula's.
    for d in 0..space.doc_starts.len().saturating_sub(1) {
        let (from, to) = (space.doc_starts[d], space.doc_starts[d + 1]);
        let mut formula: Vec<(usize, usize)> = Vec::new();
        for x in from..to {
            for (i, v) in out[x].iter().enumerate() {
                let recurs = (from..to)
                    .filter(|&y| y != x)
                    .any(|y| out[y].iter().any(|w| v.dot(w) >= p.formula));
                if recurs {
                    formula.push((x, i));
                }
            }
        }
        for &(x, i) in formula.iter().rev() {
            out[x].remove(i);
        }
    }
    out
}

/// The offence links (see the module head), as pairs of units, each pair once (lower first).
pub(crate) fn links(
    docs: &[&Regulation],
    space: &Space,
    scored: &Scored,
    penalty: &[bool],
    p: &OffenceParams,
) -> Vec<(usize, usize)> {
    let (linked, _) = condition_links(docs, space, scored, penalty, p);
    let set: BTreeSet<(usize, usize)> = linked
        .iter()
        .map(|&(x, _, y, _)| (x.min(y), x.max(y)))
        .collect();
    set.into_iter().collect()
}

/// The offence links as (unit, condition, unit, condition), each once from both ends' view,
/// with the number of conditions of each unit.
#[allow(clippy::type_complexity)]
fn condition_links(
    docs: &[&Regulation],
    space: &Space,
    scored: &Scored,
    penalty: &[bool],
    p: &OffenceParams,
) -> (Vec<(usize, usize, usize, usize)>, Vec<usize>) {
    let conds = condition_vectors(docs, space, penalty, p);
    // For condition `i` of `x`, its best and runner-up (from another penalty) among the
    // conditions of `x`'s candidate penalties in document `d`.
    let best_in = |x: usize, i: usize, d: usize| -> Option<((usize, usize), f32, f32)> {
        let v = &conds[x][i];
        let mut best: Option<((usize, usize), f32)> = None;
        let mut per_unit: Vec<(usize, f32)> = Vec::new();
        for &(y, _) in &scored.pairs[x] {
            let y = y as usize;
            if space.units[y].doc != d || conds[y].is_empty() {
                continue;
            }
            let mut top = 0.0f32;
            for (j, w) in conds[y].iter().enumerate() {
                let c = v.dot(w);
                top = top.max(c);
                if best.is_none_or(|b| c > b.1) {
                    best = Some(((y, j), c));
                }
            }
            per_unit.push((y, top));
        }
        let ((y, j), c) = best?;
        let runner = per_unit
            .iter()
            .filter(|&&(u, _)| u != y)
            .map(|&(_, t)| t)
            .fold(0.0f32, f32::max);
        Some(((y, j), c, runner))
    };
    let mut out = BTreeSet::new();
    for (x, own) in conds.iter().enumerate() {
        if own.is_empty() {
            continue;
        }
        let docs_here: BTreeSet<usize> = scored.pairs[x]
            .iter()
            .map(|&(y, _)| space.units[y as usize].doc)
            .collect();
        for i in 0..own.len() {
            for &d in &docs_here {
                let Some(((y, j), c, runner)) = best_in(x, i, d) else {
                    continue;
                };
                if c < p.cos || c - runner < p.lead {
                    continue;
                }
                let back = best_in(y, j, space.units[x].doc);
                if back.is_some_and(|((bx, bi), bc, br)| {
                    bx == x && bi == i && bc - br >= p.lead && bc >= p.cos
                }) {
                    out.insert((x, i, y, j));
                }
            }
        }
    }
    let counts = conds.iter().map(|c| c.len()).collect();
    (out.into_iter().collect(), counts)
}

/// Pair score of `x` and `y` (0 when `y` is not `x`'s candidate).
fn pair(scored: &Scored, x: usize, y: usize) -> f32 {
    let list = &scored.pairs[x];
    list.binary_search_by_key(&(y as u32), |p| p.0)
        .map_or(0.0, |i| list[i].1)
}

fn mean_link(space: &Space, scored: &Scored, x: usize, part: &[usize]) -> f32 {
    let (mut sum, mut n) = (0.0f32, 0usize);
    for &y in part {
        if space.units[x].doc != space.units[y].doc {
            sum += pair(scored, x, y);
            n += 1;
        }
    }
    if n == 0 { 0.0 } else { sum / n as f32 }
}

/// The connected parts of `members` under `links` (those between members only), each sorted;
/// members touching no link are left out.
fn parts(members: &[usize], links: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let set: BTreeSet<usize> = members.iter().copied().collect();
    let mut adj: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(a, b) in links {
        if set.contains(&a) && set.contains(&b) {
            adj.entry(a).or_default().push(b);
            adj.entry(b).or_default().push(a);
        }
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for &start in adj.keys() {
        if !seen.insert(start) {
            continue;
        }
        let mut part = vec![start];
        let mut stack = vec![start];
        while let Some(u) = stack.pop() {
            for &v in &adj[&u] {
                if seen.insert(v) {
                    part.push(v);
                    stack.push(v);
                }
            }
        }
        part.sort_unstable();
        out.push(part);
    }
    out
}

/// The grouping with both moves applied as `p` asks (see the module head).
pub(crate) fn refine(
    docs: &[&Regulation],
    space: &Space,
    scored: &Scored,
    clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    p: &OffenceParams,
) -> Vec<Vec<usize>> {
    if !p.split && !p.join {
        return clusters;
    }
    let (linked, counts) = condition_links(docs, space, scored, penalty, p);
    let links: Vec<(usize, usize)> = linked
        .iter()
        .map(|&(x, _, y, _)| (x.min(y), x.max(y)))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // The share of `y`'s conditions that link to penalties of document `d`.
    let covered = |y: usize, d: usize| -> f32 {
        let mut js: BTreeSet<usize> = BTreeSet::new();
        for &(a, i, b, _) in &linked {
            if a == y && space.units[b].doc == d {
                js.insert(i);
            }
        }
        js.len() as f32 / counts[y].max(1) as f32
    };
    if links.is_empty() {
        return clusters;
    }
    let doc_count = |part: &[usize]| -> usize {
        part.iter()
            .map(|&m| space.units[m].doc)
            .collect::<BTreeSet<_>>()
            .len()
    };
    let mut clusters = clusters;
    if p.join {
        let mut owner = vec![usize::MAX; space.len()];
        for (c, members) in clusters.iter().enumerate() {
            for &m in members {
                owner[m] = c;
            }
        }
        let mut neighbours: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &(a, b) in &links {
            neighbours.entry(a).or_default().push(b);
            neighbours.entry(b).or_default().push(a);
        }
        // Penalties of smaller groups first, then those with fewer offence links: a lone
        // penalty goes to the group holding its counterpart, a single offence to the penalty
        // holding it beside another, not the other way round.
        let spans: Vec<usize> = clusters.iter().map(|m| doc_count(m)).collect();
        let mut order: Vec<(usize, usize, usize)> = neighbours
            .iter()
            .map(|(&x, n)| (spans[owner[x]], n.len(), x))
            .collect();
        order.sort_unstable();
        for (_, _, x) in order {
            let near = &neighbours[&x];
            if near.iter().any(|&y| owner[y] == owner[x]) {
                continue;
            }
            let to: BTreeSet<usize> = near.iter().map(|&y| owner[y]).collect();
            if to.len() != 1 {
                continue;
            }
            // The counterparts must be mostly the offences of `x`'s document, not one item of
            // a long list.
            let d = space.units[x].doc;
            if near
                .iter()
                .any(|&y| covered(y, d) < p.cover || covered(x, space.units[y].doc) < p.cover)
            {
                continue;
            }
            let Some(&h) = to.first() else { continue };
            let from = owner[x];
            clusters[from].retain(|&m| m != x);
            clusters[h].push(x);
            owner[x] = h;
        }
        for members in &mut clusters {
            members.sort_unstable();
        }
        clusters.retain(|m| !m.is_empty());
    }
    if p.split {
        let mut out = Vec::with_capacity(clusters.len());
        for members in clusters {
            let found: Vec<Vec<usize>> = parts(&members, &links)
                .into_iter()
                .filter(|part| doc_count(part) >= 2)
                .collect();
            if found.len() < 2 {
                out.push(members);
                continue;
            }
            let mut pieces = found;
            let placed: BTreeSet<usize> = pieces.iter().flatten().copied().collect();
            let rest: Vec<usize> = members
                .iter()
                .copied()
                .filter(|m| !placed.contains(m))
                .collect();
            let mut goes: Vec<usize> = Vec::with_capacity(rest.len());
            for &m in &rest {
                let mut at = 0;
                let mut top = f32::MIN;
                for (k, piece) in pieces.iter().enumerate() {
                    let v = mean_link(space, scored, m, piece);
                    if v > top {
                        (top, at) = (v, k);
                    }
                }
                goes.push(at);
            }
            for (m, k) in rest.into_iter().zip(goes) {
                pieces[k].push(m);
            }
            for piece in &mut pieces {
                piece.sort_unstable();
            }
            out.extend(pieces);
        }
        clusters = out;
    }
    clusters
}

/// The offence links of `docs` under `params` as (document id, article number) pairs, each
/// with its two conditions' best cosine, over the grouping's final scores: what the step reads,
/// for `examples/offence_links.rs`.
pub fn study(
    docs: &[&Regulation],
    params: &super::Params,
) -> Vec<(super::TracedArticle, super::TracedArticle)> {
    let folded = super::simplified(docs);
    let docs: &[&Regulation] = &folded.iter().map(|d| d.as_ref()).collect::<Vec<_>>();
    let core = super::grouped(docs, params, &mut super::Stopwatch::off());
    let penalty = super::xref::penalties(docs, &core.space);
    let name = |u: usize| {
        let unit = &core.space.units[u];
        (docs[unit.doc].id.0.to_string(), unit.number)
    };
    links(docs, &core.space, &core.scored, &penalty, &params.offence)
        .into_iter()
        .map(|(a, b)| (name(a), name(b)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_keep_cited_sentences_and_items_and_skip_list_heads() {
        let text = "违反本条例第十六条第一款规定，未取得供热经营许可证从事供热经营活动的，由主管部门处五万元以上罚款。供热企业不按照许可证的规定从事供热经营活动的，处三万元以上罚款；情节严重的，吊销许可证。";
        assert_eq!(
            conditions(text),
            vec![
                "未取得供热经营许可证从事供热经营活动",
                "供热企业不按照许可证的规定从事供热经营活动"
            ]
        );
        let list = "违反本条例规定，有下列行为之一的，处罚款：\n（一）擅自超出供热范围发展用户的；\n（二）拒绝供热的。";
        assert_eq!(
            conditions(list),
            vec!["擅自超出供热范围发展用户", "拒绝供热"]
        );
    }

    #[test]
    fn parts_are_the_connected_pieces_among_members() {
        let links = [(1, 2), (3, 4), (2, 9)];
        assert_eq!(
            parts(&[1, 2, 3, 4, 5], &links),
            vec![vec![1, 2], vec![3, 4]]
        );
    }
}
