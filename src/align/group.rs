//! Clusters of articles in, finished groups out: reading order across documents, ids derived from
//! the members, a label of distinctive words and a cohesion score. No similarity decisions here.

use super::cluster::Scored;
use super::parts::Parts;
use super::space::Space;
use super::{Alignment, DocArticle, Group, Link, MAX_GROUP_LINKS, ParagraphPair};
use crate::model::DocId;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Orders clusters as a reader meets them: the first document's order, with each cluster first
/// seen in a later document inserted right after the cluster of that document's previous article.
pub(crate) fn reading_order(space: &Space, clusters: &[Vec<usize>]) -> Vec<usize> {
    let mut owner = vec![0; space.len()];
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            owner[m] = c;
        }
    }
    // A singly linked list with a sentinel at index `n`: O(1) insertion after any placed cluster.
    let n = clusters.len();
    let mut next = vec![usize::MAX; n + 1];
    // The document whose pass placed each cluster. A cluster met again in the same pass (a
    // group holding articles 45 and 47 of one document) does not move the cursor back, or 46's
    // group and everything after it would go before 48.
    let mut placed_in = vec![usize::MAX; n];
    for d in 0..space.n_docs() {
        let mut last = n;
        for &c in &owner[space.doc_starts[d]..space.doc_starts[d + 1]] {
            if placed_in[c] == usize::MAX {
                placed_in[c] = d;
                next[c] = next[last];
                next[last] = c;
                last = c;
            } else if placed_in[c] < d {
                last = c;
            }
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut at = next[n];
    while at != usize::MAX {
        order.push(at);
        at = next[at];
    }
    order
}

/// Builds the public groups from clusters, in reading order.
pub(crate) fn finish(
    space: &Space,
    scored: &Scored,
    parts: &Parts,
    docs: &[DocId],
    clusters: &[Vec<usize>],
) -> Alignment {
    let mut owner = vec![0; space.len()];
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            owner[m] = c;
        }
    }
    let groups = reading_order(space, clusters)
        .into_par_iter()
        .map(|c| {
            let members = member_map(space, docs, &clusters[c]);
            Group {
                id: group_id(&members),
                label: label(space, &clusters[c]),
                score: cohesion(space, &clusters[c]),
                members,
                links: links(space, scored, parts, docs, &owner, c, &clusters[c]),
            }
        })
        .collect();
    Alignment { groups }
}

/// Members up to which every pair of a group is compared for its links; larger groups (template
/// clauses of hundreds of documents) look only at each member's candidates.
const ALL_PAIRS_UP_TO: usize = 32;

/// Paragraph cosine at which two mutually best paragraphs count as saying the same thing.
const PARAGRAPH_MIN: f32 = 0.3;

/// Each member's best counterpart in each other document of the group, both ways deduplicated,
/// strongest first.
fn links(
    space: &Space,
    scored: &Scored,
    parts: &Parts,
    docs: &[DocId],
    owner: &[usize],
    c: usize,
    members: &[usize],
) -> Vec<Link> {
    let mut best: BTreeMap<(usize, usize), (f32, usize)> = BTreeMap::new();
    for &x in members {
        let others: Vec<usize> = if members.len() <= ALL_PAIRS_UP_TO {
            members.to_vec()
        } else {
            scored.pairs[x]
                .iter()
                .map(|&(y, _)| y as usize)
                .filter(|&y| owner[y] == c)
                .collect()
        };
        for y in others {
            let (dx, dy) = (space.units[x].doc, space.units[y].doc);
            if dx == dy {
                continue;
            }
            let s = space.content(x, y);
            let e = best.entry((x, dy)).or_insert((s, y));
            if s > e.0 || (s == e.0 && y < e.1) {
                *e = (s, y);
            }
        }
    }
    let mut pairs: Vec<(f32, usize, usize)> = best
        .into_iter()
        .map(|((x, _), (s, y))| if x < y { (s, x, y) } else { (s, y, x) })
        .collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    pairs.dedup_by(|a, b| a.1 == b.1 && a.2 == b.2);
    pairs.truncate(MAX_GROUP_LINKS);
    let at = |x: usize| DocArticle {
        doc: docs[space.units[x].doc].clone(),
        article: space.units[x].number,
    };
    let round = |v: f32| (v.clamp(0.0, 1.0) * 1000.0).round() / 1000.0;
    pairs
        .into_iter()
        .map(|(s, x, y)| Link {
            a: at(x),
            b: at(y),
            similarity: round(s),
            coverage_a: round(space.coverage(x, y)),
            coverage_b: round(space.coverage(y, x)),
            paragraphs: paragraph_pairs(parts, x, y),
        })
        .collect()
}

/// Paragraphs of `x` and `y` that are each other's best match, with a cosine of at least
/// [`PARAGRAPH_MIN`].
fn paragraph_pairs(parts: &Parts, x: usize, y: usize) -> Vec<ParagraphPair> {
    let (px, py) = (&parts.of[x], &parts.of[y]);
    let best = |v: &super::features::SparseVec,
                among: &[(usize, f32, super::features::SparseVec)]| {
        among
            .iter()
            .enumerate()
            .map(|(k, (_, _, w))| (v.dot(w), k))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
    };
    let mut out = Vec::new();
    for (i, (pi, _, v)) in px.iter().enumerate() {
        let Some((s, j)) = best(v, py) else { continue };
        if s < PARAGRAPH_MIN || best(&py[j].2, px).map(|b| b.1) != Some(i) {
            continue;
        }
        out.push(ParagraphPair {
            a: *pi,
            b: py[j].0,
            similarity: (s.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
        });
    }
    out
}

fn member_map(space: &Space, docs: &[DocId], members: &[usize]) -> BTreeMap<DocId, Vec<u32>> {
    let mut map: BTreeMap<DocId, Vec<u32>> = BTreeMap::new();
    for &m in members {
        let u = space.units[m];
        map.entry(docs[u.doc].clone()).or_default().push(u.number);
    }
    for ns in map.values_mut() {
        ns.sort_unstable();
    }
    map
}

/// A hash of the members alone (`doc:number` pairs in order), so an id survives any change that
/// leaves the group's membership as it was.
pub(crate) fn group_id(members: &BTreeMap<DocId, Vec<u32>>) -> String {
    let mut key = String::new();
    for (doc, ns) in members {
        for n in ns {
            key.push_str(doc.as_str());
            key.push(':');
            key.push_str(&n.to_string());
            key.push(';');
        }
    }
    let hash = blake3::hash(key.as_bytes());
    format!("g{}", &hash.to_hex()[..10])
}

/// Words of at least two characters that weigh most in the group and are shared by the most of
/// its documents, joined by '·'. Words found in a quarter of all articles or more say little, so
/// they come only when nothing rarer is left.
fn label(space: &Space, members: &[usize]) -> String {
    let common = (space.len() / 4).max(2) as u32;
    let mut weight: BTreeMap<u32, (f32, Vec<usize>)> = BTreeMap::new();
    for &m in members {
        for (t, w) in space.words[m].iter() {
            let e = weight.entry(t).or_insert((0.0, Vec::new()));
            e.0 += w;
            e.1.push(space.units[m].doc);
        }
    }
    let mut terms: Vec<(bool, f32, u32)> = weight
        .into_iter()
        .filter(|(t, _)| space.word_vocab.strings[*t as usize].chars().count() >= 2)
        .map(|(t, (w, mut docs))| {
            docs.sort_unstable();
            docs.dedup();
            let is_common = space.word_vocab.df[t as usize] >= common;
            (is_common, w * docs.len() as f32, t)
        })
        .collect();
    terms.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    terms
        .iter()
        .take(3)
        .map(|&(_, _, t)| space.word_vocab.strings[t as usize].as_str())
        .collect::<Vec<_>>()
        .join("·")
}

/// Most member pairs one score looks at.
const MAX_SCORE_PAIRS: usize = 2048;

/// Mean content similarity of the group's articles from different documents, in [0, 1];
/// 0 for an article without counterpart.
fn cohesion(space: &Space, members: &[usize]) -> f32 {
    let (mut sum, mut n) = (0.0f32, 0usize);
    'outer: for (i, &x) in members.iter().enumerate() {
        for &y in &members[i + 1..] {
            if space.units[x].doc != space.units[y].doc {
                sum += space.content(x, y);
                n += 1;
                if n >= MAX_SCORE_PAIRS {
                    break 'outer;
                }
            }
        }
    }
    if n == 0 {
        0.0
    } else {
        (sum / n as f32).clamp(0.0, 1.0)
    }
}
