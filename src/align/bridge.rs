//! A word translation table learned from the corpus being aligned (`SimWeights::bridge`): the
//! corpus's own confident counterparts (each other's best candidate in their two documents, well
//! above the corpus's null distribution and ahead of each side's runner-up) are read as a
//! parallel text, and an IBM-Model-1 table `t(v | u)` (words of one article against the words of
//! its counterpart, with a NULL word) is fitted by a few EM iterations. A pair of words is kept
//! when `u` and `v` differ, they meet in at least two counterpart pairs and `t(v | u)` is well
//! above chance (the share of `v` among all target words). Learned from the family itself, the
//! table can hold its own drafting equivalents (犬尸 ~ 尸体) and nothing topical from elsewhere.
//! Cost: one pass over the candidate pairs to find the counterparts, then a few iterations over
//! the counterparts' word pairs (each article's words capped), linear in the corpus.

use super::features::SparseVec;
use super::similarity::PairLists;
use super::space::Space;
use std::collections::{BTreeMap, HashMap};

/// EM iterations of the fit.
const ITERATIONS: usize = 5;
/// Heaviest words of an article read by the fit (bounds the cost of long articles).
const MAX_WORDS: usize = 48;
/// Least lead of a counterpart over the runner-up of each side.
const LEAD: f32 = 0.03;
/// Least number of counterpart pairs that a pair of words bridges (one article says `u` and not
/// `v`, its counterpart `v` and not `u`) for the pair to be kept.
const MIN_PAIRS: u32 = 2;
/// Most counterpart pairs the table is fitted on (the strongest): more than a family of a few
/// documents has (the five have a few hundred), a bound on the fit's time and memory for a
/// corpus of hundreds of regulations (the 472 of a province would otherwise need gigabytes).
const MAX_COUNTERPARTS: usize = 1_000;
/// Most partners kept per word (the strongest).
const MAX_PARTNERS: usize = 16;

/// The confident counterparts among the scored candidate pairs: each other's best in the other's
/// document, `z_min` robust spreads above the null median, [`LEAD`] ahead of the runner-up of
/// each side. As (x, y) with x < y.
pub(crate) fn counterparts(space: &Space, pairs: &PairLists, z_min: f32) -> Vec<(usize, usize)> {
    let (centre, spread) = space.null_sim();
    // Per article and other document: the best candidate, its score and the runner-up's score.
    let best: Vec<BTreeMap<usize, (usize, f32, f32)>> = pairs
        .iter()
        .enumerate()
        .map(|(x, ys)| {
            let mut m: BTreeMap<usize, (usize, f32, f32)> = BTreeMap::new();
            for &(y, s) in ys {
                let y = y as usize;
                let doc = space.units[y].doc;
                if doc == space.units[x].doc {
                    continue;
                }
                let slot = m.entry(doc).or_insert((y, s, f32::NEG_INFINITY));
                if slot.0 != y {
                    if s > slot.1 {
                        *slot = (y, s, slot.1);
                    } else if s > slot.2 {
                        slot.2 = s;
                    }
                }
            }
            m
        })
        .collect();
    let mut out: Vec<(f32, usize, usize)> = Vec::new();
    for (x, m) in best.iter().enumerate() {
        for &(y, s, second) in m.values() {
            if y <= x {
                continue;
            }
            let Some(&(back, _, second_back)) = best[y].get(&space.units[x].doc) else {
                continue;
            };
            if back == x
                && (s - centre) / spread >= z_min
                && s - second >= LEAD
                && s - second_back >= LEAD
            {
                out.push((s, x, y));
            }
        }
    }
    // The strongest first; a corpus of hundreds of documents teaches its table from its
    // MAX_COUNTERPARTS strongest counterparts, so that the fit costs the same at any size.
    out.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    out.truncate(MAX_COUNTERPARTS);
    out.into_iter().map(|(_, x, y)| (x, y)).collect()
}

/// The heaviest [`MAX_WORDS`] words of article `x`.
fn words_of(space: &Space, x: usize) -> Vec<u32> {
    let mut w: Vec<(u32, f32)> = space.words[x].iter().collect();
    if w.len() > MAX_WORDS {
        w.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        w.truncate(MAX_WORDS);
    }
    w.into_iter().map(|p| p.0).collect()
}

/// Fits the table on `pairs` (both directions) and returns, per word of the vocabulary, its kept
/// partners `v` with `t(v | u)`, strongest first. `ratio` is how many times the chance level
/// `t(v | u)` must reach.
pub(crate) fn fit(space: &Space, pairs: &[(usize, usize)], ratio: f32) -> Vec<Vec<(u32, f32)>> {
    let n_words = space.word_vocab.strings.len();
    let mut table: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n_words];
    if pairs.is_empty() {
        return table;
    }
    let words: BTreeMap<usize, Vec<u32>> = pairs
        .iter()
        .flat_map(|&(x, y)| [x, y])
        .map(|x| (x, words_of(space, x)))
        .collect();
    // Sentence pairs: (source, target), both directions.
    let sentences: Vec<(&[u32], &[u32])> = pairs
        .iter()
        .flat_map(|&(x, y)| {
            let (wx, wy) = (&words[&x], &words[&y]);
            [
                (wx.as_slice(), wy.as_slice()),
                (wy.as_slice(), wx.as_slice()),
            ]
        })
        .collect();
    // Each (u, v) that meets gets a slot; the NULL word is `u32::MAX`. Per sentence, per target
    // word, the slots of its source words and then NULL's, so that EM walks flat arrays.
    const NULL: u32 = u32::MAX;
    let mut slot_of: HashMap<(u32, u32), usize> = HashMap::new();
    let mut keys: Vec<(u32, u32)> = Vec::new();
    // Per slot: in how many sentence pairs u stands in the source without v and v in the target
    // without u (the pair bridges a difference of wording).
    let mut bridging: Vec<u32> = Vec::new();
    let mut target_count: HashMap<u32, f32> = HashMap::new();
    let mut target_total = 0.0f32;
    let mut slots: Vec<Vec<usize>> = Vec::with_capacity(sentences.len());
    let sorted = |w: &[u32]| {
        let mut v = w.to_vec();
        v.sort_unstable();
        v
    };
    for (src, tgt) in &sentences {
        let mut row = Vec::with_capacity(tgt.len() * (src.len() + 1));
        let (src_set, tgt_set) = (sorted(src), sorted(tgt));
        for &v in *tgt {
            *target_count.entry(v).or_insert(0.0) += 1.0;
            target_total += 1.0;
            let v_in_src = src_set.binary_search(&v).is_ok();
            for &u in src.iter().chain(std::iter::once(&NULL)) {
                let i = *slot_of.entry((u, v)).or_insert_with(|| {
                    keys.push((u, v));
                    bridging.push(0);
                    keys.len() - 1
                });
                if u != NULL && !v_in_src && tgt_set.binary_search(&u).is_err() {
                    bridging[i] += 1;
                }
                row.push(i);
            }
        }
        slots.push(row);
    }
    let owner: Vec<usize> = {
        // Each slot's source word as a dense index, for the M step's totals.
        let mut ids: HashMap<u32, usize> = HashMap::new();
        keys.iter()
            .map(|&(u, _)| {
                let n = ids.len();
                *ids.entry(u).or_insert(n)
            })
            .collect()
    };
    let n_sources = owner.iter().copied().max().map_or(0, |m| m + 1);
    let mut t = vec![1.0f32; keys.len()];
    for _ in 0..ITERATIONS {
        let mut count = vec![0.0f32; keys.len()];
        for ((src, tgt), row) in sentences.iter().zip(&slots) {
            let width = src.len() + 1;
            for k in 0..tgt.len() {
                let cells = &row[k * width..(k + 1) * width];
                let denom: f32 = cells.iter().map(|&i| t[i]).sum();
                if denom > 0.0 {
                    for &i in cells {
                        count[i] += t[i] / denom;
                    }
                }
            }
        }
        let mut total = vec![0.0f32; n_sources];
        for (i, c) in count.iter().enumerate() {
            total[owner[i]] += c;
        }
        for (i, p) in t.iter_mut().enumerate() {
            let tot = total[owner[i]];
            *p = if tot > 0.0 { count[i] / tot } else { 0.0 };
        }
    }
    for (i, &(u, v)) in keys.iter().enumerate() {
        if u == NULL || u == v || bridging[i] < MIN_PAIRS {
            continue;
        }
        let chance = target_count.get(&v).copied().unwrap_or(0.0) / target_total;
        if t[i] >= ratio * chance {
            table[u as usize].push((v, t[i]));
        }
    }
    for partners in &mut table {
        partners.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        partners.truncate(MAX_PARTNERS);
    }
    table
}

/// Per article, the words it lacks that its own words translate to: each weighted by the sum over
/// the article's words `u` of their weight times `t(v | u)`, as a unit vector (so the bridged
/// term of a pair is a cosine, whatever the table's size).
pub(crate) fn bridged_words(space: &Space, table: &[Vec<(u32, f32)>]) -> Vec<SparseVec> {
    space
        .words
        .iter()
        .map(|x| SparseVec::normalised(super::similarity::lacked_partners(x, table)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::doc;
    use super::*;
    use crate::model::Regulation;

    /// Three documents say the same three matters; in every pair of counterparts one document
    /// writes 犬尸 where the others write 尸体. The table learns that pair and nothing that the
    /// two articles share.
    #[test]
    fn counterparts_teach_a_word_the_others_write_otherwise() {
        let matters = [
            (
                "犬只死亡的，养犬人应当将{}交由无害化处理场所处理，不得随意丢弃。",
                true,
            ),
            (
                "携犬乘坐电梯的，应当避开高峰时段，并为犬只佩戴嘴套。",
                false,
            ),
            (
                "养犬人应当按照规定为犬只注射狂犬病疫苗，取得免疫证明。",
                false,
            ),
        ];
        let docs: Vec<Regulation> = ["a", "b", "c"]
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let word = if i == 0 { "犬尸" } else { "尸体" };
                let texts: Vec<String> = matters
                    .iter()
                    .map(|(t, swap)| {
                        if *swap {
                            t.replace("{}", word)
                        } else {
                            t.to_string()
                        }
                    })
                    .collect();
                let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
                doc(id, &refs)
            })
            .collect();
        let docs: Vec<&Regulation> = docs.iter().collect();
        let params = super::super::Params::default();
        let space = super::super::build_space(&docs, params.sim);
        let lists = super::super::similarity::candidate_lists(&space, params.candidates);
        // Plain scores: the space's similarity of each candidate.
        let scored: PairLists = lists
            .iter()
            .enumerate()
            .map(|(x, ys)| ys.iter().map(|&y| (y, space.sim(x, y as usize))).collect())
            .collect();
        let pairs = counterparts(&space, &scored, f32::NEG_INFINITY);
        assert!(
            pairs
                .iter()
                .all(|&(x, y)| x < y && space.units[x].doc != space.units[y].doc)
        );
        // Each document's article on a matter is the counterpart of the others' on it.
        assert_eq!(pairs.len(), 9, "{pairs:?}");
        let table = fit(&space, &pairs, 1.0);
        // The words only document a's first article says, and those only b's says (however
        // jieba cuts 犬尸 and 尸体).
        let (xa, xb) = (space.doc_starts[0], space.doc_starts[1]);
        let only = |x: usize, y: usize| -> Vec<u32> {
            let other = &space.words[y].terms;
            space.words[x]
                .terms
                .iter()
                .copied()
                .filter(|t| !other.contains(t))
                .collect()
        };
        let (dead, corpse) = (only(xa, xb), only(xb, xa));
        assert!(!dead.is_empty() && !corpse.is_empty());
        let learned = |u: u32| table[u as usize].iter().any(|(v, _)| corpse.contains(v));
        assert!(dead.iter().any(|&u| learned(u)), "{dead:?} -> {corpse:?}");
        for (u, partners) in table.iter().enumerate() {
            for &(v, t) in partners {
                assert_ne!(u as u32, v);
                assert!(t > 0.0 && t <= 1.0);
            }
        }
        // The bridged words of 犬尸's article hold 尸体, as a unit vector.
        let bridged = bridged_words(&space, &table);
        assert!(bridged[xa].terms.iter().any(|t| corpse.contains(t)));
        let norm: f32 = bridged[xa].weights.iter().map(|w| w * w).sum();
        assert!((norm - 1.0).abs() < 1e-4);
    }
}
