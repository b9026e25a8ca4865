//! Lone articles anchored by a paragraph far above the corpus's null (setting `anchor`, off).
//! A document may write a matter in an article whose wording as a whole is diluted (a second
//! paragraph on another duty, a long list) while one of its paragraphs says what another
//! document's article says nearly word for word (业主应当按照规定足额交存专项维修资金 beside a
//! fund article of three paragraphs). The grouping reads whole articles; when such a pair loses
//! the contest of the second clustering pass, the article stays alone.
//!
//! Here a lone article `x` (not a penalty) votes, in each other document, for the group of its
//! best candidate `y` there (by the ordinary score; a lone `y` counts as a group of one), when
//! the best pair of paragraphs of `x` and `y` (bigram cosine, the paragraphs as `parts` reads
//! them) lies `z` robust spreads above the same quantity's median over unrelated pairs of
//! articles of different documents (the pairs `Space::null_sim` draws), and `x` ranks among
//! `y`'s `back` best candidates in `x`'s document. It joins the group with the most votes (no
//! other group tied) when the votes number at least `docs` and at least `agree` of that group's
//! documents other than its own, and its own document's articles there stay within `span`
//! positions; strongest mean z first, each article moved once. Decisions read the grouping as
//! it stood; no group is taken apart.
//!
//! Work: every article's paragraphs once, 20,000 sampled pairs for the null, and per lone
//! article its best candidate per document.

use super::cluster::Scored;
use super::features::SparseVec;
use super::space::{Space, hashed_pairs};
use super::twins::{join_strongest, owners};
use crate::model::Regulation;
use rayon::prelude::*;

/// Settings of the step (`anchor`); off by default (docs/alignment-rejected.md or
/// docs/alignment-method.md, "Lone articles anchored by a paragraph far above the null").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AnchorParams {
    /// When true, lone articles join the group their paragraph anchors name.
    pub on: bool,
    /// Least robust z of the best paragraph pair over the corpus's null of that quantity.
    pub z: f32,
    /// Most rank of the lone article among the voted article's candidates in its document.
    pub back: usize,
    /// Least documents voting for the group.
    pub docs: usize,
    /// Least share of the group's documents (other than the lone article's) voting for it.
    pub agree: f32,
    /// Most positions apart that the lone article's document's articles in the joined group may
    /// lie.
    pub span: usize,
}

impl Default for AnchorParams {
    fn default() -> AnchorParams {
        AnchorParams {
            on: false,
            z: 8.0,
            back: 1,
            docs: 1,
            agree: 0.5,
            span: 3,
        }
    }
}

pub(super) type Paragraphs = Vec<Vec<(usize, f32, SparseVec)>>;

/// The best bigram cosine of a paragraph of `x` with a paragraph of `y`.
pub(super) fn best_pair(parts: &Paragraphs, x: usize, y: usize) -> f32 {
    parts[x]
        .iter()
        .flat_map(|a| parts[y].iter().map(move |b| a.2.dot(&b.2)))
        .fold(0.0, f32::max)
}

/// Every article's paragraphs, as `parts` reads them.
pub(super) fn paragraphs(space: &Space, docs: &[&Regulation]) -> Paragraphs {
    (0..space.len())
        .into_par_iter()
        .map(|x| super::parts::of_unit(docs, space, x))
        .collect()
}

/// Median and robust spread of [`best_pair`] over unrelated pairs of different documents.
pub(super) fn null(space: &Space, parts: &Paragraphs) -> (f32, f32) {
    const SAMPLES: usize = 20_000;
    let n = space.len();
    let pairs: Vec<(usize, usize)> = hashed_pairs(0x9e37_79b9_7f4a_7c15, n, n)
        .take(4 * SAMPLES)
        .filter(|&(x, y)| space.units[x].doc != space.units[y].doc)
        .take(SAMPLES)
        .collect();
    let mut v: Vec<f32> = pairs
        .par_iter()
        .map(|&(x, y)| best_pair(parts, x, y))
        .collect();
    if v.is_empty() {
        return (0.0, 1.0);
    }
    let mid = v.len() / 2;
    let centre = *v.select_nth_unstable_by(mid, f32::total_cmp).1;
    let mut dev: Vec<f32> = v.iter().map(|s| (s - centre).abs()).collect();
    let spread = *dev.select_nth_unstable_by(mid, f32::total_cmp).1;
    (centre, (1.4826 * spread).max(1e-3))
}

/// The grouping with lone articles joined to the group their paragraph anchors name.
pub(crate) fn join_lone(
    space: &Space,
    scored: &Scored,
    docs: &[&Regulation],
    clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    p: &AnchorParams,
) -> Vec<Vec<usize>> {
    let owner = owners(space, &clusters);
    let lone = |x: usize| owner[x] == usize::MAX || clusters[owner[x]].len() == 1;
    let is_penalty = |x: usize| penalty.get(x).copied().unwrap_or(false);
    if !(0..space.len()).any(|x| lone(x) && !is_penalty(x)) {
        return clusters;
    }
    let parts = paragraphs(space, docs);
    let (centre, spread) = null(space, &parts);
    let mut proposals: Vec<(f32, usize, usize)> = Vec::new();
    for x in 0..space.len() {
        if !lone(x) || is_penalty(x) || owner[x] == usize::MAX {
            continue;
        }
        let doc = space.units[x].doc;
        let mut tally = super::far::Votes::default();
        for (_, y, _) in scored.best(x) {
            let y = y as usize;
            if is_penalty(y) || owner[y] == usize::MAX {
                continue;
            }
            let z = (best_pair(&parts, x, y) - centre) / spread;
            if z < p.z || !scored.top_in(y, doc, p.back.max(1)).contains(&(x as u32)) {
                continue;
            }
            tally.add(owner[y], y, z);
        }
        let Some((c, n, sum, anchor)) = tally.winner(p.docs) else {
            continue;
        };
        let others = super::twins::other_docs(space, &clusters[c], doc);
        if (n as f32) < p.agree * others.len() as f32 {
            continue;
        }
        proposals.push((sum / n as f32, x, anchor));
    }
    join_strongest(space, clusters, owner, proposals, p.span)
}
