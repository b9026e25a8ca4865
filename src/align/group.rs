//! Clusters of articles in, finished groups out: reading order across documents, ids derived from
//! the members, a label of distinctive words and a cohesion score. No similarity decisions here.

use super::space::Space;
use super::{Alignment, Group};
use crate::model::DocId;
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
    let mut placed = vec![false; n];
    for d in 0..space.n_docs() {
        let mut last = n;
        for &c in &owner[space.doc_starts[d]..space.doc_starts[d + 1]] {
            if !placed[c] {
                placed[c] = true;
                next[c] = next[last];
                next[last] = c;
            }
            last = c;
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
pub(crate) fn finish(space: &Space, docs: &[DocId], clusters: &[Vec<usize>]) -> Alignment {
    let groups = reading_order(space, clusters)
        .into_iter()
        .map(|c| {
            let members = member_map(space, docs, &clusters[c]);
            Group {
                id: group_id(&members),
                label: super::label::label(space, &clusters[c]),
                score: cohesion(space, &clusters[c]),
                members,
            }
        })
        .collect();
    Alignment { groups }
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
