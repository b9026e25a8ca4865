//! Scored candidate pairs in, order-preserving matches out: for each pair of documents of one
//! family, the heaviest matching of their articles that keeps both reading orders (a weighted
//! longest common subsequence). Documents of one family mostly follow the same order (purpose,
//! scope, duties … penalties, commencement), so an article whose best match lies elsewhere can
//! still be placed by the run of matches around it. Moved blocks are left to the content edges
//! (mutual best matches), which need no order. Pure; parallel over pairs of documents.

use super::cluster::Scored;
use super::space::Space;
use rayon::prelude::*;
use std::collections::HashMap;

/// Pairs `(x, y)`, `x < y`, of articles of two documents of one family that the order-preserving
/// matching of the two documents pairs up, with similarity at least `min`. Two documents count as
/// one family when at least `share` of the shorter one's articles (and at least two) are mutual
/// best matches above `min` between them; other pairs of documents are not aligned by order.
pub(crate) fn order_pairs(
    space: &Space,
    scored: &Scored,
    min: f32,
    share: f32,
) -> Vec<(usize, usize)> {
    let mut mutual: HashMap<(usize, usize), usize> = HashMap::new();
    for x in 0..scored.pairs.len() {
        let dx = space.units[x].doc;
        for (dy, y, s) in scored.best(x) {
            let y = y as usize;
            if dx < dy && s >= min && scored.best_in(y, dx) == Some(x as u32) {
                *mutual.entry((dx, dy)).or_insert(0) += 1;
            }
        }
    }
    let len = |d: usize| space.doc_starts[d + 1] - space.doc_starts[d];
    let mut families: Vec<(usize, usize)> = mutual
        .into_iter()
        .filter(|&((a, b), n)| n >= 2 && n as f32 >= share * len(a).min(len(b)) as f32)
        .map(|(k, _)| k)
        .collect();
    families.sort_unstable();
    families
        .par_iter()
        .flat_map_iter(|&(a, b)| align_pair(space, scored, a, b, min))
        .collect()
}

/// The order-preserving matching of documents `a` and `b` of greatest total `sim - min + ε` over
/// candidate pairs with `sim >= min`.
fn align_pair(space: &Space, scored: &Scored, a: usize, b: usize, min: f32) -> Vec<(usize, usize)> {
    let (sa, sb) = (space.doc_starts[a], space.doc_starts[b]);
    let (na, nb) = (space.doc_starts[a + 1] - sa, space.doc_starts[b + 1] - sb);
    let mut weight: HashMap<(usize, usize), f32> = HashMap::new();
    for i in 0..na {
        for &(y, s) in &scored.pairs[sa + i] {
            let y = y as usize;
            if space.units[y].doc == b && s >= min {
                // A small floor so that a pair at the threshold still beats leaving both unmatched.
                weight.insert((i, y - sb), s - min + 1e-3);
            }
        }
    }
    if weight.is_empty() {
        return Vec::new();
    }
    // h[i][j]: best total over the first i articles of a and the first j of b.
    let w = nb + 1;
    let mut h = vec![0.0f32; (na + 1) * w];
    for i in 1..=na {
        for j in 1..=nb {
            let diag = weight
                .get(&(i - 1, j - 1))
                .map_or(f32::NEG_INFINITY, |v| h[(i - 1) * w + j - 1] + v);
            h[i * w + j] = h[(i - 1) * w + j].max(h[i * w + j - 1]).max(diag);
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (na, nb);
    while i > 0 && j > 0 {
        let here = h[i * w + j];
        if let Some(v) = weight.get(&(i - 1, j - 1))
            && here == h[(i - 1) * w + j - 1] + v
        {
            out.push((sa + i - 1, sb + j - 1));
            i -= 1;
            j -= 1;
            continue;
        }
        if here == h[(i - 1) * w + j] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    out
}
