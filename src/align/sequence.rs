//! The order of the documents, used globally: each pair of documents of one family aligned as two
//! article sequences (1-1, 1-2, 2-1, 1-3, 3-1 beads, gaps), and the article groups derived from
//! the pairwise beads. Selected by [`super::Params`]; see docs/alignment-rejected.md, "The order
//! step".

use super::Params;
use super::cluster::Scored;
use super::space::Space;
use crate::model::Regulation;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// Every input of the grouping as JSON, for trying grouping methods outside the crate: the
/// articles, the grouping of the default method, the corpus's null similarity, and per candidate
/// pair its score, content similarity, coverage both ways and each paragraph's best cosine in the
/// other article (with its share).
pub fn study(docs: &[&Regulation], params: &Params) -> Value {
    let folded = super::simplified(docs);
    let docs: &[&Regulation] = &folded.iter().map(|d| d.as_ref()).collect::<Vec<_>>();
    let core = super::grouped(docs, params, &mut super::Stopwatch::off());
    let space = &core.space;
    let parts = super::parts::Parts::new(docs, space);
    let units: Vec<Value> = space
        .units
        .iter()
        .map(|u| json!([u.doc, u.pos, u.number, u.sub, u.chapter]))
        .collect();
    let best = |x: usize, y: usize| -> Vec<Value> {
        parts.of[x]
            .iter()
            .map(|(i, share, v)| {
                let (mut b, mut at) = (0.0f32, usize::MAX);
                for (j, _, w) in &parts.of[y] {
                    let c = v.dot(w);
                    if c > b {
                        (b, at) = (c, *j);
                    }
                }
                json!([i, share, b, if at == usize::MAX { -1 } else { at as i64 }])
            })
            .collect()
    };
    let mut pairs = Vec::new();
    for (x, list) in core.scored.pairs.iter().enumerate() {
        for &(y, s) in list {
            let y = y as usize;
            if y <= x {
                continue;
            }
            pairs.push(json!([
                x,
                y,
                s,
                space.content(x, y),
                space.coverage(x, y),
                space.coverage(y, x),
                best(x, y),
                best(y, x)
            ]));
        }
    }
    let (centre, spread) = space.null_sim();
    let penalty = super::xref::penalties(docs, space);
    let implied = super::xref::implied(
        docs,
        space,
        &penalty,
        &if params.xref_office {
            super::xref::office_liabilities(docs, space, &penalty)
        } else {
            Vec::new()
        },
        params.xref_implied,
        params.xref_tiers,
    );
    json!({
        "penalty": penalty,
        "implied": implied,
        "refs": core.refs,
        "docs": docs.iter().map(|d| d.id.to_string()).collect::<Vec<_>>(),
        "units": units,
        "clusters": core.clusters,
        "null": [centre, spread],
        "pairs": pairs,
    })
}

/// Settings of the order step (`attach`). Off by default: leave-one-family-out
/// cross-validation over the four dev families did not choose it (docs/alignment-rejected.md,
/// "The order step").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct SequenceParams {
    /// When true, lone articles are attached by the pairwise sequence alignments.
    pub on: bool,
    /// Robust z-score over the corpus's null similarity (`Space::null_sim`) that a pair must
    /// exceed to earn anything as a 1-1 bead; the strongest link of a 1-2 or 1-3 bead too.
    pub z_link: f32,
    /// Least z-score of the weaker links of a 1-2 or 1-3 bead (the pieces of a fused provision).
    pub z_part: f32,
    /// Cost of a 1-2, 2-1, 1-3 or 3-1 bead, in z units.
    pub bead_cost: f32,
    /// Share of a cluster's documents whose member the alignments pair with a lone article for it
    /// to join (at least one).
    pub doc_share: f32,
    /// Least mean z-score of a lone article with a cluster's members (a member that is no
    /// candidate of it counts as very dissimilar).
    pub z_mean: f32,
    /// Most positions between two articles of one document in a cluster after the join.
    pub span: u32,
    /// Two documents are aligned as sequences when at least this share of the shorter one's
    /// articles (and two) are mutual best matches above `z_link` between them.
    pub family_share: f32,
}

impl Default for SequenceParams {
    fn default() -> SequenceParams {
        SequenceParams {
            on: false,
            z_link: 3.0,
            z_part: 2.0,
            bead_cost: 1.0,
            doc_share: 0.5,
            z_mean: 0.0,
            span: 1,
            family_share: 0.2,
        }
    }
}

/// What a member that is no candidate of an article scores, in z units.
const FAR: f32 = -9.0;

/// The z-scores of the candidate pairs, and the documents' article runs.
struct Calibrated<'a> {
    space: &'a Space,
    scored: &'a Scored,
    centre: f32,
    spread: f32,
}

impl Calibrated<'_> {
    /// The z-score of the pair `(x, y)` when `y` is a candidate of `x`.
    fn z(&self, x: usize, y: usize) -> Option<f32> {
        let list = &self.scored.pairs[x];
        let at = list.binary_search_by_key(&(y as u32), |p| p.0).ok()?;
        Some((list[at].1 - self.centre) / self.spread)
    }

    fn len(&self, d: usize) -> usize {
        self.space.doc_starts[d + 1] - self.space.doc_starts[d]
    }

    /// Pairs of documents of one family: enough mutual best matches above `z_link`.
    fn families(&self, p: &SequenceParams) -> Vec<(usize, usize)> {
        let mut mutual: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for x in 0..self.scored.pairs.len() {
            let dx = self.space.units[x].doc;
            for (dy, y, _) in self.scored.best(x) {
                let y = y as usize;
                if dx < dy
                    && self.z(x, y).is_some_and(|z| z >= p.z_link)
                    && self.scored.best_in(y, dx) == Some(x as u32)
                {
                    *mutual.entry((dx, dy)).or_insert(0) += 1;
                }
            }
        }
        mutual
            .into_iter()
            .filter(|&((a, b), n)| {
                n >= 2 && n as f32 >= p.family_share * self.len(a).min(self.len(b)) as f32
            })
            .map(|(k, _)| k)
            .collect()
    }

    /// The monotone alignment of documents `a` and `b` (Gale–Church style): beads 1-1, 1-2, 2-1,
    /// 1-3, 3-1 and gaps, of greatest total gain. A 1-1 bead gains `z − z_link`; a bead of one
    /// article against `k` neighbours needs every link at `z_part` and gains its strongest link
    /// less `z_link`, each weaker one less `z_part`, less `bead_cost`. Returns the linked pairs.
    fn align_pair(&self, a: usize, b: usize, p: &SequenceParams) -> Vec<(usize, usize)> {
        let (sa, sb) = (self.space.doc_starts[a], self.space.doc_starts[b]);
        let (na, nb) = (self.len(a), self.len(b));
        let w = nb + 1;
        let mut h = vec![f32::NEG_INFINITY; (na + 1) * w];
        let mut back = vec![(0u8, 0u8); (na + 1) * w];
        h[0] = 0.0;
        const BEADS: [(usize, usize); 4] = [(1, 2), (2, 1), (1, 3), (3, 1)];
        // The gain of the bead of a's articles [i-k, i) against b's [j-l, j), if it may be one.
        let bead = |i: usize, j: usize, k: usize, l: usize| -> Option<f32> {
            let (one, many) = if k == 1 {
                (sa + i - 1, (sb + j - l..sb + j).collect::<Vec<_>>())
            } else {
                (sb + j - 1, (sa + i - k..sa + i).collect::<Vec<_>>())
            };
            let mut zs = Vec::with_capacity(many.len());
            for t in many {
                let z = self.z(one, t).filter(|&z| z >= p.z_part)?;
                zs.push(z);
            }
            let top = zs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let rest: f32 = zs.iter().sum::<f32>() - top;
            Some(top - p.z_link + rest - p.z_part * (zs.len() - 1) as f32 - p.bead_cost)
        };
        for i in 0..=na {
            for j in 0..=nb {
                if i == 0 && j == 0 {
                    continue;
                }
                let (mut best, mut arg) = (f32::NEG_INFINITY, (0u8, 0u8));
                if i > 0 && h[(i - 1) * w + j] > best {
                    (best, arg) = (h[(i - 1) * w + j], (1, 0));
                }
                if j > 0 && h[i * w + j - 1] > best {
                    (best, arg) = (h[i * w + j - 1], (0, 1));
                }
                if i > 0
                    && j > 0
                    && let Some(z) = self.z(sa + i - 1, sb + j - 1)
                {
                    let v = h[(i - 1) * w + j - 1] + z - p.z_link;
                    if v > best {
                        (best, arg) = (v, (1, 1));
                    }
                }
                for (k, l) in BEADS {
                    if i >= k
                        && j >= l
                        && let Some(g) = bead(i, j, k, l)
                    {
                        let v = h[(i - k) * w + j - l] + g;
                        if v > best {
                            (best, arg) = (v, (k as u8, l as u8));
                        }
                    }
                }
                h[i * w + j] = best;
                back[i * w + j] = arg;
            }
        }
        let mut out = Vec::new();
        let (mut i, mut j) = (na, nb);
        while i > 0 || j > 0 {
            let (k, l) = back[i * w + j];
            let (k, l) = (k as usize, l as usize);
            if k == 0 && l == 0 {
                break;
            }
            if k > 0 && l > 0 {
                for x in sa + i - k..sa + i {
                    for y in sb + j - l..sb + j {
                        if self.z(x, y).is_some() {
                            out.push((x, y));
                        }
                    }
                }
            }
            i -= k;
            j -= l;
        }
        out
    }
}

/// The order step: every pair of documents of one family is aligned as two sequences
/// ([`Calibrated::align_pair`]); a lone article (a cluster of its own) joins the cluster whose
/// members the alignments pair it with in at least `doc_share` of the cluster's documents, when
/// the cluster holds no article of its document, its mean z-score with the members reaches
/// `z_mean` and no document's articles in the cluster then lie more than `span` positions apart.
/// The strongest such joins go first; each lone article joins once.
pub(crate) fn attach(
    space: &Space,
    scored: &Scored,
    clusters: Vec<Vec<usize>>,
    p: &SequenceParams,
) -> Vec<Vec<usize>> {
    let (centre, spread) = space.null_sim();
    let cal = Calibrated {
        space,
        scored,
        centre,
        spread,
    };
    let links: Vec<(usize, usize)> = cal
        .families(p)
        .par_iter()
        .flat_map_iter(|&(a, b)| cal.align_pair(a, b, p))
        .collect();
    let mut clusters: Vec<Vec<usize>> = clusters;
    let mut owner = vec![0usize; space.len()];
    for (c, m) in clusters.iter().enumerate() {
        for &x in m {
            owner[x] = c;
        }
    }
    // Lone article → cluster → the cluster's documents whose member is paired with it.
    let mut support: BTreeMap<(usize, usize), BTreeSet<usize>> = BTreeMap::new();
    for &(x, y) in &links {
        for (a, b) in [(x, y), (y, x)] {
            if clusters[owner[a]].len() == 1 && owner[a] != owner[b] {
                support
                    .entry((a, owner[b]))
                    .or_default()
                    .insert(space.units[b].doc);
            }
        }
    }
    let mut proposals: Vec<(f32, usize, usize)> = Vec::new();
    for ((x, c), docs) in support {
        let held: BTreeSet<usize> = clusters[c].iter().map(|&m| space.units[m].doc).collect();
        if held.contains(&space.units[x].doc) {
            continue;
        }
        if (docs.len() as f32) < (p.doc_share * held.len() as f32).max(1.0) {
            continue;
        }
        let members = &clusters[c];
        let mean = members
            .iter()
            .map(|&m| cal.z(x, m).unwrap_or(FAR))
            .sum::<f32>()
            / members.len() as f32;
        if mean >= p.z_mean {
            proposals.push((mean, x, c));
        }
    }
    proposals.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut joined = vec![false; space.len()];
    for (_, x, c) in proposals {
        // A target emptied by an earlier join (its lone article went elsewhere) is gone.
        if joined[x] || clusters[c].is_empty() || owner[x] == c {
            continue;
        }
        let mut grown = clusters[c].clone();
        grown.push(x);
        if !space.within_span(grown.iter().copied(), p.span as usize) {
            continue;
        }
        grown.sort_unstable();
        clusters[c] = grown;
        let from = owner[x];
        clusters[from].clear();
        owner[x] = c;
        joined[x] = true;
    }
    clusters.retain(|m| !m.is_empty());
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::tests::doc;

    /// One document states the make-up of the government and its members' duties in one article
    /// that another document splits in two: the alignment of the pair makes it a 1-2 bead, and
    /// the articles around it 1-1 beads, in reading order.
    #[test]
    fn a_fused_article_is_one_bead_with_both_pieces() {
        let docs = [
            doc(
                "a",
                &[
                    "区政府实行区长负责制，区长领导区政府的全面工作。",
                    "区政府由区长、副区长、区政府工作部门主要负责人组成。区政府组成人员要模范遵守宪法和法律，严守纪律，勤勉廉洁，全心全意为人民服务。",
                    "区政府全体会议每年召开两次，研究部署区政府重要工作。",
                ],
            ),
            doc(
                "b",
                &[
                    "区政府实行区长负责制，区长领导区政府全面工作。",
                    "区政府由下列人员组成：区长、副区长、区政府工作部门主要负责人。",
                    "区政府组成人员要遵守宪法和法律，严守纪律、勤勉廉洁，为人民服务。",
                    "区政府全体会议一般每年召开两次，部署区政府重要工作。",
                ],
            ),
        ];
        let refs: Vec<&Regulation> = docs.iter().collect();
        let core = crate::align::grouped(
            &refs,
            &Params::default(),
            &mut crate::align::Stopwatch::off(),
        );
        let cal = Calibrated {
            space: &core.space,
            scored: &core.scored,
            centre: 0.0,
            spread: 0.05,
        };
        let mut links = cal.align_pair(0, 1, &SequenceParams::default());
        links.sort_unstable();
        // Units: a's articles are 0–2, b's 3–6.
        assert_eq!(links, vec![(0, 3), (1, 4), (1, 5), (2, 6)]);
        assert!(core.space.within_span([1, 4, 5], 1));
        assert!(!core.space.within_span([0, 1, 3, 6], 1));
    }
}
