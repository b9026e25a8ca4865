//! What a group of texts agree on: characters shared pair by pair, how many texts share each
//! word, the medoid (the real text closest to all the others) and diffs cut by that support.

use super::hunk::{Hunk, Keyed, word_hunks, word_hunks_keyed};
use super::words::Words;
use super::{Op, Segment};
use crate::text::chars::is_punct;
use rayon::prelude::*;
use std::collections::HashMap;
use std::ops::Range;

/// How many pairs of distinct wordings [`compare_all`] diffs before it counts their equal
/// stretches and lets them go: enough to keep both cores busy, few enough that the stretches held
/// at once stay a few megabytes whatever the size of the group.
const WORDING_PAIRS_AT_ONCE: usize = 65_536;

/// Characters (not counting whitespace) in the words `a` and `b` have in common.
pub fn shared_chars(a: &Words, b: &Words) -> usize {
    word_hunks(a, b)
        .into_iter()
        .filter(Hunk::is_equal)
        .map(|h| a.chars(h.a()))
        .sum()
}

/// Characters every pair of `texts` shares ([`shared_chars`]); the diagonal holds each text's
/// own visible characters.
pub fn shared_matrix(texts: &[Words]) -> Vec<Vec<usize>> {
    compare_all(texts).shared
}

/// What a group of texts share, pair by pair and word by word.
#[derive(Debug, Clone, PartialEq)]
pub struct Sharing {
    /// `shared[i][j]`: characters texts `i` and `j` have in common ([`shared_chars`]); the
    /// diagonal holds each text's own visible characters.
    pub shared: Vec<Vec<usize>>,
    /// `support[i][b]`: how many of the texts (text `i` itself included) have the word that
    /// holds byte `b` of text `i`, as common wording ([`shared_chars`]'s equal stretches).
    pub support: Vec<Vec<u16>>,
}

/// Compares every pair of `texts` once: the characters each pair shares and, for every byte of
/// every text, how many of the texts share its word.
pub fn compare_all(texts: &[Words]) -> Sharing {
    let n = texts.len();
    let mut shared = vec![vec![0; n]; n];
    let mut support: Vec<Vec<u16>> = texts.iter().map(|t| vec![1; t.text.len()]).collect();
    // A large group repeats wordings (the same article in many documents): a pair's diff depends
    // only on the two wordings, so each ordered pair of distinct wordings is diffed once and its
    // equal stretches are counted for every pair of texts that writes them.
    let mut kinds: Vec<usize> = Vec::with_capacity(n);
    let mut firsts: Vec<usize> = Vec::new();
    let mut seen: HashMap<(&str, &[Range<usize>]), usize> = HashMap::with_capacity(n);
    for (i, t) in texts.iter().enumerate() {
        let k = *seen.entry((t.text, t.cuts.as_slice())).or_insert_with(|| {
            firsts.push(i);
            firsts.len() - 1
        });
        kinds.push(k);
    }
    let m = firsts.len();
    let keyed = Keyed::all(&firsts.iter().map(|&f| &texts[f]).collect::<Vec<_>>());
    // needed[u * m + v]: some pair i < j has wording u at i and v at j.
    let mut needed = vec![false; m * m];
    let mut of_kind: Vec<Vec<usize>> = vec![Vec::new(); m];
    for i in 0..n {
        shared[i][i] = texts[i].chars(0..texts[i].cuts.len());
        of_kind[kinds[i]].push(i);
        for j in i + 1..n {
            needed[kinds[i] * m + kinds[j]] = true;
        }
    }
    // The wordings are taken a block at a time: the equal stretches of the block's pairs are
    // diffed (in parallel, so that one large group does not hold the whole report up on one
    // core), counted for every pair of texts whose first text has a wording of the block, and
    // dropped. Keeping the stretches of every pair at once cost memory in the square of the
    // wordings (1 GB for 3,000).
    let block = (WORDING_PAIRS_AT_ONCE / m.max(1)).max(1);
    let mut at = vec![usize::MAX; block.min(m) * m];
    for lo in (0..m).step_by(block) {
        let hi = (lo + block).min(m);
        let tasks: Vec<(usize, usize)> = (lo * m..hi * m)
            .filter(|&k| needed[k])
            .map(|k| (k / m, k % m))
            .collect();
        let stretches: Vec<Vec<(Range<usize>, Range<usize>)>> = tasks
            .par_iter()
            .map(|&(u, v)| {
                word_hunks_keyed(&texts[firsts[u]], &texts[firsts[v]], &keyed[u], &keyed[v])
                    .iter()
                    .filter(|h| h.is_equal())
                    .map(|h| (h.a(), h.b()))
                    .collect()
            })
            .collect();
        for (t, &(u, v)) in tasks.iter().enumerate() {
            at[(u - lo) * m + v] = t;
        }
        for u in lo..hi {
            for &i in &of_kind[u] {
                for j in i + 1..n {
                    let (a, b) = (&texts[i], &texts[j]);
                    let mut common = 0;
                    for (ra, rb) in &stretches[at[(u - lo) * m + kinds[j]]] {
                        common += a.chars(ra.clone());
                        support[i][a.bytes(ra.clone())]
                            .iter_mut()
                            .for_each(|c| *c += 1);
                        support[j][b.bytes(rb.clone())]
                            .iter_mut()
                            .for_each(|c| *c += 1);
                    }
                    shared[i][j] = common;
                    shared[j][i] = common;
                }
            }
        }
    }
    Sharing { shared, support }
}

/// The medoid of a group: the text with the highest total similarity (Dice over
/// [`shared_matrix`]) to the others, the first on ties. A real text, unlike a synthesis of
/// several, so every word of it is a word some document says.
pub fn medoid(shared: &[Vec<usize>]) -> usize {
    let n = shared.len();
    let total = |i: usize| -> f32 {
        (0..n)
            .filter(|j| *j != i)
            .map(|j| dice(shared[i][j], shared[i][i] + shared[j][j]))
            .sum()
    };
    let mut best = 0;
    let mut best_total = if n == 0 { 0.0 } else { total(0) };
    for i in 1..n {
        let t = total(i);
        if t > best_total {
            (best, best_total) = (i, t);
        }
    }
    best
}

/// Cuts `segments` (a diff of a text against `base`) where the number of documents sharing the
/// words changes, and gives each piece that number: `support` is the text's own per-byte count
/// ([`compare_all`]), `base_support` the base's (for `Delete` pieces). An `Equal` piece is words
/// of both, so it takes the higher of the two counts: pair-by-pair alignments are not
/// transitive (a third document may align its 六十周岁 with the base's and not with this
/// text's), and the base column must not say that three documents write 六十周岁 while the
/// column beside it says two of the same words.
pub fn split_by_support(
    segments: &[Segment],
    support: &[u16],
    base_support: &[u16],
) -> Vec<(Segment, usize)> {
    let (mut at, mut base_at) = (0usize, 0usize);
    let mut out = Vec::with_capacity(segments.len());
    for seg in segments {
        let own = &support[at.min(support.len())..];
        let based = &base_support[base_at.min(base_support.len())..];
        let count = |i: usize| -> Option<u16> {
            match seg.op {
                Op::Delete => based.get(i).copied(),
                Op::Insert => own.get(i).copied(),
                Op::Equal => match (own.get(i), based.get(i)) {
                    (Some(&a), Some(&b)) => Some(a.max(b)),
                    (a, b) => a.or(b).copied(),
                },
            }
        };
        let mut start = 0;
        let mut last: Option<u16> = None;
        // Punctuation and spacing go with the word before them: a count of their own would cut
        // `；\n（三）` into pieces of one mark each.
        for (i, ch) in seg.text.char_indices() {
            if is_punct(ch.encode_utf8(&mut [0; 4])) {
                continue;
            }
            let c = count(i).unwrap_or(1);
            if let Some(l) = last
                && l != c
            {
                out.push((piece(seg, start..i), l as usize));
                start = i;
            }
            last = Some(c);
        }
        out.push((
            piece(seg, start..seg.text.len()),
            last.or_else(|| count(0)).unwrap_or(1) as usize,
        ));
        match seg.op {
            Op::Equal => (at, base_at) = (at + seg.text.len(), base_at + seg.text.len()),
            Op::Insert => at += seg.text.len(),
            Op::Delete => base_at += seg.text.len(),
        }
    }
    out
}

/// Part `r` of a segment. A piece keeps the segment's punctuation flag: the `；\n（` cut out of
/// a long deletion is part of the deleted passage (shown struck with it), not a change of
/// punctuation alone, which only a whole change between equal text is ([`super::diff`]).
fn piece(seg: &Segment, r: Range<usize>) -> Segment {
    let text = seg.text[r].to_string();
    Segment {
        is_number: seg.is_number && !is_punct(&text),
        text,
        ..seg.clone()
    }
}

/// Twice the shared characters over the characters of both (1.0 for two empty texts).
pub fn dice(shared: usize, both: usize) -> f32 {
    crate::text::chars::dice(shared as f32, both as f32).unwrap_or(1.0)
}
