//! Split provisions joined by what the piece adds (setting `pieces`, off): a lone article next to
//! an article of its document in group G joins G when, read together with its document's members
//! of G, it brings that document's text closer to the other documents' members of G than the
//! members alone are. This is the test of a 2:1 bead in sentence alignment, asked locally: where
//! one document writes in two neighbouring articles what another writes in one, the second piece
//! carries wording of the broad article that the first lacks, so the pair reads more like it than
//! the first piece alone; a neighbouring matter that only shares the chapter's nouns dilutes the
//! pair instead. Runs last, after the lone articles joined to their mutual best match.
//!
//! The texts are read as sums of the articles' unit vectors (words and bigrams, weighted as in
//! the content similarity), so the cosine of two sets is a ratio of pairwise dot products.
//! Work: per lone article, the groups of its neighbours within `reach`, and the dot products
//! among their members.

use super::cluster::Scored;
use super::space::Space;
use super::twins::{join_strongest, owners};

/// Settings of the step (`pieces`), measured by leave-one-family-out cross-validation over the
/// dev families and left off (docs/alignment-rejected.md, "Split provisions joined by what the
/// piece adds").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct PieceParams {
    /// When true, lone articles join a neighbour's group when they complete its document's text.
    pub on: bool,
    /// Least mean gain of the content cosine over the group's other documents.
    pub gain: f32,
    /// Least share of the group's other documents in which the gain is positive.
    pub share: f32,
    /// Most positions between the lone article and its document's nearest member of the group.
    pub reach: usize,
    /// Most positions apart that one document's articles in the joined group may lie.
    pub span: usize,
    /// Least share of the group's other documents in which the lone article's best match is a
    /// member of the group (0: not asked).
    #[serde(default)]
    pub agree: f32,
    /// When true, lone penalties may join too (their wording is the formula every penalty
    /// shares; penalties are grouped by the provision they punish before this step).
    #[serde(default)]
    pub penalties: bool,
}

impl Default for PieceParams {
    fn default() -> PieceParams {
        PieceParams {
            on: false,
            gain: 0.02,
            share: 1.0,
            reach: 1,
            span: 3,
            agree: 0.0,
            penalties: false,
        }
    }
}

/// Each lone article of `clusters` joins the group of a neighbour (within `reach` positions in
/// its document) whose members of that document, with it added, read more like the group's
/// other documents by a mean gain of `gain`, positive in `share` of them; the largest gain
/// first, each article moved once, each document's articles kept within `span` positions.
pub(crate) fn join_lone(
    space: &Space,
    scored: &Scored,
    clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    p: &PieceParams,
) -> Vec<Vec<usize>> {
    let owner = owners(space, &clusters);
    let mut proposals: Vec<(f32, usize, usize)> = Vec::new();
    for x in 0..space.len() {
        let c = owner[x];
        if c == usize::MAX || clusters[c].len() != 1 {
            continue;
        }
        if !p.penalties && penalty.get(x).copied().unwrap_or(false) {
            continue;
        }
        let u = &space.units[x];
        let mut best: Option<(f32, usize)> = None;
        let mut seen: Vec<usize> = Vec::new();
        for step in 1..=p.reach {
            let around = [u.pos.checked_sub(step), u.pos.checked_add(step)];
            for pos in around.into_iter().flatten() {
                let Some(y) = space.at(u.doc, pos) else {
                    continue;
                };
                let g = owner[y];
                if g == usize::MAX || g == c || seen.contains(&g) {
                    continue;
                }
                seen.push(g);
                if let Some(gain) = completes(space, x, &clusters[g], p.share)
                    && gain >= p.gain
                    && super::bracket::agreement(space, scored, &clusters[g], x) >= p.agree
                    && best.is_none_or(|(b, _)| gain > b)
                {
                    best = Some((gain, y));
                }
            }
        }
        if let Some((gain, y)) = best {
            proposals.push((gain, x, y));
        }
    }
    join_strongest(space, clusters, owner, proposals, p.span)
}

/// The mean gain of the content cosine between `x`'s document's members of `members`, with `x`
/// added, and each other document's members, when the gain is positive in at least `share` of
/// those documents; `None` when the group holds no other document or the share is not met.
fn completes(space: &Space, x: usize, members: &[usize], share: f32) -> Option<f32> {
    let doc = space.units[x].doc;
    let own: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&m| space.units[m].doc == doc)
        .collect();
    if own.is_empty() {
        return None;
    }
    let mut with = own.clone();
    with.push(x);
    let docs = super::fuse::other_docs(space, members, doc);
    if docs.is_empty() {
        return None;
    }
    let mut total = 0.0;
    let mut positive = 0usize;
    for &d in &docs {
        let other: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&m| space.units[m].doc == d)
            .collect();
        let gain = set_content(space, &with, &other) - set_content(space, &own, &other);
        total += gain;
        if gain > 0.0 {
            positive += 1;
        }
    }
    let n = docs.len() as f32;
    (positive as f32 >= share * n).then_some(total / n)
}

/// The content similarity of two sets of articles read as one text each: the word and bigram
/// cosines of the sums of their unit vectors, weighted as `Space::content` weighs them.
fn set_content(space: &Space, a: &[usize], b: &[usize]) -> f32 {
    let w = space.weights.words;
    let words = set_cosine(a, b, |x, y| space.words[x].dot(&space.words[y]));
    let bigrams = set_cosine(a, b, |x, y| space.bigrams[x].dot(&space.bigrams[y]));
    w * words + (1.0 - w) * bigrams
}

/// The cosine of the sums of two sets of unit vectors, from their pairwise dot products.
fn set_cosine(a: &[usize], b: &[usize], dot: impl Fn(usize, usize) -> f32) -> f32 {
    let inner = |s: &[usize]| -> f32 {
        s.iter()
            .flat_map(|&x| s.iter().map(move |&y| (x, y)))
            .map(|(x, y)| dot(x, y))
            .sum()
    };
    let across: f32 = a
        .iter()
        .flat_map(|&x| b.iter().map(move |&y| (x, y)))
        .map(|(x, y)| dot(x, y))
        .sum();
    let norm = (inner(a) * inner(b)).sqrt();
    if norm > 0.0 { across / norm } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::set_cosine;

    /// Two sets of one vector each read as the vectors' own cosine; a set of two orthogonal unit
    /// vectors against one of them reads as 1/√2.
    #[test]
    fn the_cosine_of_two_sets_is_the_cosine_of_their_sums() {
        let dots = [[1.0, 0.0], [0.0, 1.0]];
        let dot = |x: usize, y: usize| dots[x][y];
        assert!((set_cosine(&[0], &[0], dot) - 1.0).abs() < 1e-6);
        assert!(set_cosine(&[0], &[1], dot).abs() < 1e-6);
        assert!((set_cosine(&[0, 1], &[0], dot) - std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-6);
    }
}
