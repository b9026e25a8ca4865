//! A lone article joins a group by evidence of matter, not wording (setting `matter`, on). Two
//! documents may word one provision so differently that their articles share few bigrams, and the
//! article step leaves the article alone while its counterparts in the other documents are
//! grouped. The word vectors (`crate::meaning`) see what the bigrams do not: the words of the two
//! paragraphs point the same way.
//!
//! Here every paragraph and item (at least `words` meaning-bearing words with a vector) is an
//! embedding: the mean of its words' vectors weighted by the corpus IDF, the mean embedding of the
//! corpus's paragraphs taken out, unit length. A lone article (not a penalty) votes, in each other
//! document, for the candidate (not a penalty either) holding the paragraph nearest in meaning to
//! one of its own, when that cosine reaches the `quantile` of the corpus's paragraph null
//! (paragraphs of different documents drawn by a fixed hash) and leads the document's runner-up
//! article by `lead`. It joins the group its votes name when that group gets votes from at least
//! `docs` documents and from at least `agree` of the group's documents other than its own, no other
//! group gets as many, in at least `best` of them the voted article is also its best candidate by
//! the ordinary similarity, and its document's articles in the group stay within `span` positions
//! (0: only a group without its document). Decisions are read on the grouping as it stands; no
//! group is taken apart.
//!
//! Work: one segmentation of every paragraph, and for each lone article its paragraphs against
//! its candidates' (never all pairs); one sample of 20,000 paragraph pairs for the null.

use super::cluster::Scored;
use super::features::is_content_word;
use super::space::{Space, hashed_pairs, quantile_of};
use super::twins::{move_to, owners};
use crate::meaning::Vectors;
use crate::model::Regulation;
use crate::segment::Segmenter;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Settings of the step (`matter`), on by default with the settings leave-one-family-out chose
/// over the twelve dev families (docs/alignment-rejected.md, "Lone articles joined by the meaning
/// of their paragraphs").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct MatterParams {
    /// When true, lone articles join the group their paragraphs' meaning votes for.
    pub on: bool,
    /// Least meaning-bearing words with a vector a paragraph needs to be embedded.
    pub words: usize,
    /// Least cosine of two paragraphs' embeddings, as a quantile of the null (paragraphs of
    /// different documents drawn by a fixed hash).
    pub quantile: f32,
    /// Least lead of the voted article's best paragraph cosine over the runner-up article's in
    /// the same document.
    pub lead: f32,
    /// Least documents voting for the group.
    pub docs: usize,
    /// Least voting documents in which the voted article is also the lone article's best
    /// candidate by the ordinary similarity (wording and meaning together; 0: no such check).
    pub best: usize,
    /// Least share of the group's documents (other than the lone article's) voting for it.
    pub agree: f32,
    /// Most positions apart that the lone article's document's articles in the group may lie
    /// (0: the group must lack its document).
    pub span: usize,
}

impl Default for MatterParams {
    fn default() -> MatterParams {
        MatterParams {
            on: true,
            words: 3,
            quantile: 0.9,
            lead: 0.05,
            docs: 2,
            best: 1,
            agree: 0.67,
            span: 3,
        }
    }
}

/// Paragraph pairs drawn for the null distribution.
const NULL_SAMPLES: usize = 20_000;

/// Each unit's paragraph embeddings, `dims` floats each, corpus mean removed, unit length.
struct Embedded {
    dims: usize,
    /// Per unit: its paragraphs' embeddings, concatenated.
    of: Vec<Vec<f32>>,
}

impl Embedded {
    fn rows(&self, x: usize) -> impl Iterator<Item = &[f32]> {
        self.of[x].chunks_exact(self.dims.max(1))
    }
}

/// The embedding of one text: IDF-weighted mean of its words' vectors (None below `least` words).
fn embed_text(
    seg: &Segmenter,
    space: &Space,
    vectors: &Vectors,
    text: &str,
    least: usize,
) -> Option<Vec<f32>> {
    let n = space.len();
    let mut weights: BTreeMap<&str, f32> = BTreeMap::new();
    let tokens = seg.tokens(text);
    for t in &tokens {
        if !is_content_word(t.text) || !vectors.contains(t.text) {
            continue;
        }
        let Some(id) = space.word_vocab.get(t.text) else {
            continue;
        };
        *weights.entry(t.text).or_insert(0.0) += space.word_vocab.idf(id, n).max(0.0);
    }
    if weights.len() < least.max(1) {
        return None;
    }
    vectors.embed(weights)
}

fn embed_all(docs: &[&Regulation], space: &Space, least: usize) -> Option<Embedded> {
    let vectors = Vectors::builtin();
    let dims = vectors.dims();
    if dims == 0 || vectors.is_empty() {
        return None;
    }
    let seg = Segmenter::global();
    let raw: Vec<Vec<Vec<f32>>> = (0..space.len())
        .into_par_iter()
        .map(|x| {
            let Some(article) = space.units[x].article(docs) else {
                return Vec::new();
            };
            article
                .paragraphs
                .iter()
                .take(crate::model::MAX_PARAGRAPHS_WEIGHED)
                .filter_map(|p| embed_text(seg, space, vectors, &p.text, least))
                .collect()
        })
        .collect();
    let mut mean = vec![0.0f32; dims];
    let mut count = 0usize;
    for r in raw.iter().flatten() {
        count += 1;
        mean.iter_mut().zip(r).for_each(|(m, v)| *m += v);
    }
    if count == 0 {
        return None;
    }
    mean.iter_mut().for_each(|m| *m /= count as f32);
    let of = raw
        .into_iter()
        .map(|rows| {
            let mut out = Vec::with_capacity(rows.len() * dims);
            for r in rows {
                let mut v: Vec<f32> = r.iter().zip(&mean).map(|(a, m)| a - m).collect();
                let norm = v.iter().map(|a| a * a).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|a| *a /= norm);
                    out.extend(v);
                }
            }
            out
        })
        .collect();
    Some(Embedded { dims, of })
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The best cosine between a paragraph of `x` and one of `y`.
fn best_pair(e: &Embedded, x: usize, y: usize) -> f32 {
    let mut best = f32::NEG_INFINITY;
    for a in e.rows(x) {
        for b in e.rows(y) {
            best = best.max(dot(a, b));
        }
    }
    best
}

/// The `quantile` of the cosines of paragraphs of different documents drawn by a fixed hash.
fn null(space: &Space, e: &Embedded, quantile: f32) -> f32 {
    let flat: Vec<(usize, &[f32])> = (0..space.len())
        .flat_map(|x| e.rows(x).map(move |r| (x, r)))
        .collect();
    let n = flat.len();
    if n < 2 {
        return f32::INFINITY;
    }
    let mut sims = Vec::with_capacity(NULL_SAMPLES);
    for (i, j) in hashed_pairs(0x6a09_e667_f3bc_c909, n, n).take(4 * NULL_SAMPLES) {
        if sims.len() == NULL_SAMPLES {
            break;
        }
        let (x, a) = flat[i];
        let (y, b) = flat[j];
        if space.units[x].doc != space.units[y].doc {
            sims.push(dot(a, b));
        }
    }
    if sims.is_empty() {
        return f32::INFINITY;
    }
    quantile_of(sims, quantile)
}

/// Lone article `x`'s vote in each other document: the candidate whose paragraphs come nearest
/// in meaning (penalties take no part), when it clears the bar and leads the runner-up.
fn votes(
    scored: &Scored,
    e: &Embedded,
    penalty: &[bool],
    x: usize,
    least: f32,
    lead: f32,
) -> Vec<usize> {
    let mut docs: Vec<usize> = scored.best(x).map(|(d, _, _)| d).collect();
    docs.dedup();
    let mut out = Vec::new();
    for d in docs {
        let mut ranked: Vec<(f32, usize)> = scored
            .run(x, d)
            .iter()
            .filter(|&&(y, _)| !penalty[y as usize])
            .map(|&(y, _)| (best_pair(e, x, y as usize), y as usize))
            .filter(|(c, _)| c.is_finite())
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let Some(&(c, y)) = ranked.first() else {
            continue;
        };
        let second = ranked.get(1).map_or(f32::NEG_INFINITY, |r| r.0);
        if c >= least && c - second >= lead {
            out.push(y);
        }
    }
    out
}

/// The grouping with lone articles joined to the group their paragraphs' meaning votes for.
pub(crate) fn join_lone(
    space: &Space,
    scored: &Scored,
    docs: &[&Regulation],
    mut clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    p: &MatterParams,
) -> Vec<Vec<usize>> {
    let owner = owners(space, &clusters);
    let lone: Vec<usize> = (0..space.len())
        .filter(|&x| !penalty[x])
        .filter(|&x| owner[x] == usize::MAX || clusters[owner[x]].len() == 1)
        .collect();
    if lone.is_empty() {
        return clusters;
    }
    let Some(e) = embed_all(docs, space, p.words) else {
        return clusters;
    };
    let least = null(space, &e, p.quantile);
    let found: Vec<(usize, Vec<usize>)> = lone
        .par_iter()
        .map(|&x| (x, votes(scored, &e, penalty, x, least, p.lead)))
        .collect();
    // Every decision reads the grouping as it stood before the step.
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (x, voted) in found {
        let mut tally: BTreeMap<usize, usize> = BTreeMap::new();
        let mut also_best: BTreeMap<usize, usize> = BTreeMap::new();
        for &y in &voted {
            let c = owner[y];
            if c != usize::MAX && clusters[c].len() > 1 {
                *tally.entry(c).or_insert(0) += 1;
                if scored.best_in(x, space.units[y].doc) == Some(y as u32) {
                    *also_best.entry(c).or_insert(0) += 1;
                }
            }
        }
        let Some((&c, &n)) = tally.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) else {
            continue;
        };
        if tally.values().filter(|&&v| v == n).count() > 1
            || n < p.docs.max(1)
            || also_best.get(&c).copied().unwrap_or(0) < p.best
        {
            continue;
        }
        let doc = space.units[x].doc;
        let others = super::twins::other_docs(space, &clusters[c], doc);
        if (n as f32) < p.agree * others.len() as f32 {
            continue;
        }
        moves.push((x, c));
    }
    // Applied one at a time, the span checked against the group as it grows.
    for (x, c) in moves {
        let doc = space.units[x].doc;
        let same: Vec<usize> = clusters[c]
            .iter()
            .copied()
            .filter(|&m| space.units[m].doc == doc)
            .collect();
        if !same.is_empty()
            && (p.span == 0 || !space.within_span(same.into_iter().chain([x]), p.span))
        {
            continue;
        }
        move_to(&mut clusters, &owner, x, c);
    }
    clusters.retain(|m| !m.is_empty());
    clusters
}
