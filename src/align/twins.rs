//! Lone articles that have a clear counterpart (setting `twins`): mutual best matches ranked
//! within their row and column. A lone article whose best match in another document has it as
//! its own best match there, each ahead of its runner-up by `margin` of its own score, is taken
//! for that document's wording of the other's provision, whatever the score on the corpus's
//! absolute scale. The grouping's edges need an absolute score (`edge_min`) and two clusters
//! without a document in common; this step asks neither: the lone article joins its twin's
//! group even when that group already holds an article of its document, as long as that
//! document's articles there stay within `span` positions (a fused or split provision, grouped
//! as the gold files group them). The lead over the runner-up is what tells a twin from a near
//! miss: two penalties for one conduct (骗取医疗临床用血费用) score 0.66 against a runner-up of
//! 0.14, while an article of a matter only its document has is no one's clear best. Runs last,
//! on the groups after the penalties are regrouped by provision.
//!
//! Work: per lone article, its best candidate per document and that candidate's best back.

use super::cluster::Scored;
use super::space::Space;

/// Settings of the step (`twins`), chosen by leave-one-family-out cross-validation over the dev
/// families (docs/alignment-method.md, "Lone articles joined to their mutual best match").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct TwinParams {
    /// When true, lone articles join the group of their mutual best match.
    pub on: bool,
    /// Least score of the mutual best match.
    pub min: f32,
    /// Least lead of each side over its runner-up in the other's document, as a share of its
    /// own score (`Scored::margin`).
    pub margin: f32,
    /// Most positions apart that one document's articles in the joined group may lie.
    pub span: usize,
}

impl Default for TwinParams {
    fn default() -> TwinParams {
        TwinParams {
            on: true,
            min: 0.1,
            margin: 0.5,
            span: 3,
        }
    }
}

/// Each lone article of `clusters` joins the cluster of its mutual best match when both lead
/// their runners-up by `margin` and the joined cluster keeps each document's articles within
/// `span` positions; strongest pairs first, each article moved once.
pub(crate) fn join_lone(
    space: &Space,
    scored: &Scored,
    clusters: Vec<Vec<usize>>,
    p: &TwinParams,
) -> Vec<Vec<usize>> {
    let owner = owners(space, &clusters);
    let mut proposals: Vec<(f32, usize, usize)> = Vec::new();
    for (x, _, y, s) in lone_best(space, scored, &clusters, &owner) {
        let own = space.units[x].doc;
        if s < p.min || scored.best_in(y, own) != Some(x as u32) {
            continue;
        }
        if scored.margin(x, y) < p.margin || scored.margin(y, x) < p.margin {
            continue;
        }
        proposals.push((s, x, y));
    }
    join_strongest(space, clusters, owner, proposals, p.span)
}

/// The cluster of each unit (`usize::MAX` for a unit in none).
pub(super) fn owners(space: &Space, clusters: &[Vec<usize>]) -> Vec<usize> {
    let mut owner = vec![usize::MAX; space.len()];
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            owner[m] = c;
        }
    }
    owner
}

/// Moves unit `x` into cluster `c`, out of the cluster `owner` says holds it (if any); members
/// stay sorted. A cluster left empty stays in place (indices into `clusters` keep their meaning)
/// until the caller drops the empty ones.
pub(super) fn move_to(clusters: &mut [Vec<usize>], owner: &[usize], x: usize, c: usize) {
    if let Some(from) = owner.get(x).copied().filter(|&f| f != usize::MAX) {
        clusters[from].retain(|&m| m != x);
    }
    clusters[c].push(x);
    clusters[c].sort_unstable();
}

/// Each lone article's best candidate in each document: (article, document, candidate, score).
pub(super) fn lone_best<'a>(
    space: &'a Space,
    scored: &'a Scored,
    clusters: &'a [Vec<usize>],
    owner: &'a [usize],
) -> impl Iterator<Item = (usize, usize, usize, f32)> + 'a {
    (0..space.len())
        .filter(move |&x| owner[x] != usize::MAX && clusters[owner[x]].len() == 1)
        .flat_map(move |x| scored.best(x).map(move |(d, y, s)| (x, d, y as usize, s)))
}

/// Moves each proposed lone article `x` (strength, `x`, `y`) into `y`'s cluster, strongest
/// first, while `x` is still alone and lies within `span` positions of the cluster's articles of
/// its own document.
pub(super) fn join_strongest(
    space: &Space,
    mut clusters: Vec<Vec<usize>>,
    mut owner: Vec<usize>,
    mut proposals: Vec<(f32, usize, usize)>,
    span: usize,
) -> Vec<Vec<usize>> {
    proposals.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, x, y) in proposals {
        let (from, to) = (owner[x], owner[y]);
        if from == to || to == usize::MAX || clusters[from].len() != 1 {
            continue;
        }
        if !compact(space, &clusters[to], x, span) {
            continue;
        }
        clusters[from].clear();
        clusters[to].push(x);
        clusters[to].sort_unstable();
        owner[x] = to;
    }
    clusters.retain(|m| !m.is_empty());
    clusters
}

/// Whether `x` joined to `members` lies within `span` positions of the members of its own
/// document (the only document the join can spread; the others are left as they are).
fn compact(space: &Space, members: &[usize], x: usize, span: usize) -> bool {
    let doc = space.units[x].doc;
    let own = members
        .iter()
        .copied()
        .filter(|&m| space.units[m].doc == doc);
    space.within_span(own.chain([x]), span)
}

/// The documents other than `doc` that hold members of `cluster`, ascending, each once.
pub(super) fn other_docs(space: &Space, cluster: &[usize], doc: usize) -> Vec<usize> {
    let mut others: Vec<usize> = cluster
        .iter()
        .map(|&m| space.units[m].doc)
        .filter(|&d| d != doc)
        .collect();
    others.sort_unstable();
    others.dedup();
    others
}

#[cfg(test)]
mod tests {
    use super::compact;
    use crate::align::tests::fixture_space;

    /// One document's articles in a joined group may lie at most `span` positions apart.
    #[test]
    fn a_lone_article_joins_only_within_the_span_of_its_documents_members() {
        let (space, units) = fixture_space();
        let doc0 = &units[0];
        assert!(
            doc0.len() >= 2,
            "the fixture's first document has two articles"
        );
        let (first, second) = (doc0[0], doc0[1]);
        assert!(compact(&space, &[first], second, 3));
        assert!(!compact(&space, &[first], second, 0));
    }

    /// Only the joining article's own document counts: a group already spread wider than `span`
    /// in another document still takes an article close to its own document's member (the join
    /// cannot spread that other document), where the test over every document would refuse it.
    #[test]
    fn a_group_spread_in_another_document_still_takes_a_close_article() {
        let (space, units) = fixture_space();
        let (a, b) = (&units[0], &units[1]);
        assert!(
            a.len() >= 2 && b.len() >= 3,
            "the fixture has two documents of three"
        );
        let group = [a[0], b[0], b[2]];
        assert!(!space.within_span(group.iter().copied().chain([a[1]]), 1));
        assert!(compact(&space, &group, a[1], 1));
    }
}
