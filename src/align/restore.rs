//! Lone articles given back the company the first clustering pass gave them (setting
//! `restore`). The second pass starts again from single articles with the scores moved by the
//! first pass's grouping (±0.1 for grouped neighbours and shared citations), and some articles
//! it leaves alone had a group in the first pass. The evidence is the family's own: the
//! articles of other documents that the first pass grouped with a now lone article (its
//! mates) and where the second pass put them. When at least `share` of the mates sit together
//! in one cluster, the lone article joins it, as long as its own document's articles there
//! stay within `span` positions (0: only a cluster without an article of its document). No
//! similarity threshold by default: the first pass already applied its own. With `para_z`
//! above 0, the lone article must also share a paragraph pair with one of the mates in that
//! cluster whose bigram cosine lies `para_z` robust spreads above the same quantity's null
//! (unrelated article pairs of different documents, as `anchor` reads it): the first pass's
//! grouping is given back only where a paragraph says the same thing.
//!
//! Work: per lone article, its first cluster's members; with `para_z`, every article's
//! paragraphs once and 20,000 sampled pairs for the null.

use super::anchor::{best_pair, null, paragraphs};
use super::space::Space;
use super::twins::{join_strongest, owners};
use crate::model::Regulation;

/// Settings of the step (`restore`); off by default (docs/alignment-rejected.md, "The missed
/// links, by cause").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct RestoreParams {
    /// When true, lone articles of the second pass rejoin their first-pass mates.
    pub on: bool,
    /// Least share of the article's first-pass mates (in other documents) that one cluster must
    /// hold for the article to join it.
    pub share: f32,
    /// Most positions apart that the joining article's document's articles in the cluster may
    /// lie (0: the cluster must lack the document).
    pub span: usize,
    /// Least robust z of the best paragraph pair of the lone article with a mate in the cluster
    /// it joins, over the corpus's null of that quantity; 0 asks for none.
    #[serde(default)]
    pub para_z: f32,
}

impl Default for RestoreParams {
    fn default() -> RestoreParams {
        RestoreParams {
            on: false,
            share: 0.5,
            span: 0,
            para_z: 0.0,
        }
    }
}

/// Each lone article of `clusters` that `first` put with articles of other documents joins the
/// cluster holding at least `share` of them (the most, the lowest cluster on a tie); the
/// articles with the larger share move first, each once.
pub(crate) fn rejoin(
    space: &Space,
    docs: &[&Regulation],
    first: &[Vec<usize>],
    clusters: Vec<Vec<usize>>,
    p: &RestoreParams,
) -> Vec<Vec<usize>> {
    let owner = owners(space, &clusters);
    let earlier = owners(space, first);
    let gate = (p.para_z > 0.0).then(|| {
        let parts = paragraphs(space, docs);
        let null = null(space, &parts);
        (parts, null)
    });
    let mut proposals: Vec<(f32, usize, usize)> = Vec::new();
    for x in 0..space.len() {
        let (now, then) = (owner[x], earlier[x]);
        if now == usize::MAX || then == usize::MAX || clusters[now].len() != 1 {
            continue;
        }
        let doc = space.units[x].doc;
        let mates: Vec<usize> = first[then]
            .iter()
            .copied()
            .filter(|&m| space.units[m].doc != doc && owner[m] != usize::MAX)
            .collect();
        if mates.is_empty() {
            continue;
        }
        let mut votes: Vec<(usize, usize, usize)> = Vec::new();
        for &m in &mates {
            match votes.iter_mut().find(|v| v.0 == owner[m]) {
                Some(v) => v.1 += 1,
                None => votes.push((owner[m], 1, m)),
            }
        }
        let Some(&(c, count, y)) = votes
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        else {
            continue;
        };
        if let Some((parts, (centre, spread))) = &gate {
            let anchored = mates
                .iter()
                .filter(|&&m| owner[m] == c)
                .any(|&m| (best_pair(parts, x, m) - centre) / spread >= p.para_z);
            if !anchored {
                continue;
            }
        }
        let share = count as f32 / mates.len() as f32;
        if share >= p.share {
            proposals.push((share, x, y));
        }
    }
    join_strongest(space, clusters, owner, proposals, p.span)
}
