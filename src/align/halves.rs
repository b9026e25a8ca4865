//! Two groups of one matter joined where another document writes the matter in one article
//! (setting `halves`, off). The most common miss of every dev family is a matter the grouping
//! holds as two groups side by side: one document spreads it over two articles (受理 and
//! 管辖争议, 审查 and 指派), each with its own group, while another document writes both in one
//! article, which can sit in only one of them.
//!
//! Here that one article is the evidence. An article `x` (not a penalty) of a group `A` of two
//! documents or more reads, in each other document, its two best candidates by the ordinary
//! similarity: when the first lies in `A` and the second in another group `B` of two documents or
//! more (not a penalty either), within `span` positions of the first, `z` robust spreads above
//! the corpus's null median (`Space::null_sim`), with at least `cover` of its wording found in
//! `x` (`Space::coverage`), `x` speaks for joining `A` and `B`. Two groups join when articles of
//! at least `docs` documents speak for it; strongest first (the sum of the speakers' spreads),
//! each group joined once per run, so no chain forms. Decisions read the grouping as it stood.
//! The joined group lists its parts (`Group::parts`), as a fused group does.
//!
//! Work: per grouped article its two best candidates per document; one null sample.

use super::cluster::Scored;
use super::space::Space;
use super::twins::owners;
use std::collections::{BTreeMap, BTreeSet};

/// Settings of the step (`halves`). Off: leave-one-family-out over the fourteen dev families
/// did not choose it (docs/alignment-rejected.md, "Two groups of one matter joined through a
/// third document's one article").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct HalvesParams {
    /// When true, two groups join where other documents' single articles hold both.
    pub on: bool,
    /// Least similarity of the second best candidate, in robust spreads above the corpus's null
    /// median.
    pub z: f32,
    /// Least share of the second candidate's wording found in the speaking article.
    pub cover: f32,
    /// Most positions between the two candidates in their document.
    pub span: usize,
    /// Least documents whose articles speak for the join.
    pub docs: usize,
}

impl Default for HalvesParams {
    fn default() -> HalvesParams {
        HalvesParams {
            on: false,
            z: 8.0,
            cover: 0.2,
            span: 2,
            docs: 2,
        }
    }
}

/// The grouping with pairs of groups joined where other documents' single articles hold both.
pub(crate) fn join(
    space: &Space,
    scored: &Scored,
    mut clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    p: &HalvesParams,
) -> Vec<Vec<usize>> {
    let owner = owners(space, &clusters);
    let is_penalty = |x: usize| penalty.get(x).copied().unwrap_or(false);
    // Groups of two documents or more, not mostly penalties.
    let open: Vec<bool> = clusters
        .iter()
        .map(|c| {
            let docs: BTreeSet<usize> = c.iter().map(|&m| space.units[m].doc).collect();
            let penalties = c.iter().filter(|&&m| is_penalty(m)).count();
            docs.len() > 1 && 2 * penalties <= c.len()
        })
        .collect();
    let joinable = |c: usize| c != usize::MAX && open[c];
    let (centre, spread) = space.null_sim();
    let spread = spread.max(f32::EPSILON);
    let documents = space.units.iter().map(|u| u.doc).max().map_or(0, |d| d + 1);
    // Per pair of groups (smaller index first): per speaking document, its strongest spread.
    let mut speak: BTreeMap<(usize, usize), BTreeMap<usize, f32>> = BTreeMap::new();
    for x in 0..space.len() {
        let a = owner[x];
        if is_penalty(x) || !joinable(a) {
            continue;
        }
        let own = space.units[x].doc;
        for d in (0..documents).filter(|&d| d != own) {
            let top = scored.top_in(x, d, 2);
            let [y1, y2] = top[..] else {
                continue;
            };
            let (y1, y2) = (y1 as usize, y2 as usize);
            let b = owner[y2];
            if owner[y1] != a || b == a || !joinable(b) || is_penalty(y2) {
                continue;
            }
            if space.units[y1].pos.abs_diff(space.units[y2].pos) > p.span {
                continue;
            }
            let Some(&(_, s)) = scored.run(x, d).iter().find(|c| c.0 as usize == y2) else {
                continue;
            };
            let z = (s - centre) / spread;
            if z < p.z || space.coverage(y2, x) < p.cover {
                continue;
            }
            let best = speak
                .entry((a.min(b), a.max(b)))
                .or_default()
                .entry(own)
                .or_insert(z);
            *best = best.max(z);
        }
    }
    let mut pairs: Vec<(f32, usize, usize)> = speak
        .into_iter()
        .filter(|(_, by)| by.len() >= p.docs.max(1))
        .map(|((a, b), by)| (by.values().sum(), a, b))
        .collect();
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut used = vec![false; clusters.len()];
    for (_, a, b) in pairs {
        if used[a] || used[b] {
            continue;
        }
        used[a] = true;
        used[b] = true;
        let moved = std::mem::take(&mut clusters[b]);
        clusters[a].extend(moved);
        clusters[a].sort_unstable();
    }
    clusters.retain(|c| !c.is_empty());
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_by_default_and_reads_from_settings() {
        let p = HalvesParams::default();
        assert!(!p.on);
        let q: HalvesParams = serde_json::from_str(r#"{"on": true, "z": 3.0}"#).expect("settings");
        assert!(q.on);
        assert_eq!(q.z, 3.0);
        assert_eq!(q.docs, p.docs);
    }
}
