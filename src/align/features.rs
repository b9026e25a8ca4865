//! Articles in, weighted term vectors out: IDF-weighted jieba words, character bigrams and a
//! per-chapter word profile. Pure functions over already segmented text; no I/O, no threads.

use crate::text::hash::WordHasher;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// A sparse vector over interned term ids, sorted by id and L2-normalised.
#[derive(Debug, Clone, Default)]
pub(crate) struct SparseVec {
    pub(crate) terms: Vec<u32>,
    pub(crate) weights: Vec<f32>,
}

impl SparseVec {
    /// Builds a unit vector from (term, weight) pairs; duplicate terms add up.
    pub(crate) fn normalised(mut pairs: Vec<(u32, f32)>) -> SparseVec {
        pairs.sort_unstable_by_key(|p| p.0);
        let mut terms = Vec::with_capacity(pairs.len());
        let mut weights: Vec<f32> = Vec::with_capacity(pairs.len());
        for (t, w) in pairs {
            if terms.last() == Some(&t) {
                if let Some(last) = weights.last_mut() {
                    *last += w;
                }
            } else {
                terms.push(t);
                weights.push(w);
            }
        }
        let norm = weights.iter().map(|w| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            weights.iter_mut().for_each(|w| *w /= norm);
        }
        SparseVec { terms, weights }
    }

    /// Cosine of two unit vectors.
    pub(crate) fn dot(&self, other: &SparseVec) -> f32 {
        self.sum_shared(other, |a, b| a * b)
    }

    /// Share of this vector's squared weight on terms `other` also has: how much of this text
    /// reappears in `other`, whatever else `other` says (1 when `other` contains it all).
    pub(crate) fn covered_by(&self, other: &SparseVec) -> f32 {
        self.sum_shared(other, |a, _| a * a)
    }

    /// Sum of `f(own weight, other's weight)` over the terms both have, in ascending term order:
    /// a merge over sorted ids, or, when one vector is many times longer (a cluster's summed
    /// vector against one article's), a walk over the shorter one that finds each of its terms in
    /// the longer by galloping search. Both add the same products in the same order.
    fn sum_shared(&self, other: &SparseVec, f: impl Fn(f32, f32) -> f32) -> f32 {
        let (n, m) = (self.terms.len(), other.terms.len());
        if n.min(m) * GALLOP_RATIO < n.max(m) {
            let mut sum = 0.0;
            if n <= m {
                let mut from = 0;
                for (i, t) in self.terms.iter().enumerate() {
                    match gallop(&other.terms[from..], *t) {
                        Ok(k) => {
                            sum += f(self.weights[i], other.weights[from + k]);
                            from += k + 1;
                        }
                        Err(k) => from += k,
                    }
                }
            } else {
                let mut from = 0;
                for (j, t) in other.terms.iter().enumerate() {
                    match gallop(&self.terms[from..], *t) {
                        Ok(k) => {
                            sum += f(self.weights[from + k], other.weights[j]);
                            from += k + 1;
                        }
                        Err(k) => from += k,
                    }
                }
            }
            return sum;
        }
        // A merge without branches on the comparison (which a pair of interleaved term lists
        // mispredicts half the time): every step forms the product and adds it masked to +0 unless
        // the terms are equal. The sum starts at +0 and so is never -0, and adding +0 leaves any
        // other float as it is: the same products in the same order, bit for bit.
        let (terms, weights) = (&self.terms[..n], &self.weights[..n]);
        let (other_terms, other_weights) = (&other.terms[..m], &other.weights[..m]);
        let (mut i, mut j, mut sum) = (0, 0, 0.0f32);
        while i < n && j < m {
            let (a, b) = (terms[i], other_terms[j]);
            let mask = 0u32.wrapping_sub(u32::from(a == b));
            sum += f32::from_bits(f(weights[i], other_weights[j]).to_bits() & mask);
            i += usize::from(a <= b);
            j += usize::from(b <= a);
        }
        sum
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.terms.iter().copied().zip(self.weights.iter().copied())
    }
}

/// One sparse vector spread over a dense array of its vocabulary, so that its dot product with
/// many others costs a walk over each other's terms only: one article against all its candidates
/// (or the pairs drawn for the null distribution) loads it once. The dot product adds the same
/// products of the shared terms in the same ascending order as [`SparseVec::dot`], so it is the
/// same float bit for bit (`spread_dot_equals_the_merge`).
#[derive(Debug, Default)]
pub(crate) struct Spread {
    /// The loaded vector's weight per term id, 0 elsewhere.
    weights: Vec<f32>,
    /// The loaded vector's terms (cleared again on the next load).
    held: Vec<u32>,
    /// The products of a dot product with a term in common, in term order.
    products: Vec<f32>,
}

impl Spread {
    /// Loads `v` (clearing the vector loaded before); term ids beyond `n_terms` grow the array.
    pub(crate) fn load(&mut self, v: &SparseVec, n_terms: usize) {
        for &t in &self.held {
            self.weights[t as usize] = 0.0;
        }
        let top = v.terms.last().map_or(0, |&t| t as usize + 1);
        if self.weights.len() < n_terms.max(top) {
            self.weights.resize(n_terms.max(top), 0.0);
        }
        for (&t, &w) in v.terms.iter().zip(&v.weights) {
            self.weights[t as usize] = w;
        }
        self.held.clear();
        self.held.extend_from_slice(&v.terms);
    }

    /// The loaded vector's dot product with `other`: the products of the terms both have, found
    /// without a branch and then added in term order (a term the loaded vector holds with weight
    /// 0 adds +0 to the merge's sum, which leaves it as it is: skipping it changes nothing).
    pub(crate) fn dot(&mut self, other: &SparseVec) -> f32 {
        let products = &mut self.products;
        products.clear();
        products.resize(other.terms.len(), 0.0);
        let mut k = 0;
        for (&t, &w) in other.terms.iter().zip(&other.weights) {
            let a = self.weights.get(t as usize).copied().unwrap_or(0.0);
            products[k] = a * w;
            k += usize::from(a != 0.0);
        }
        let mut sum = 0.0f32;
        for p in &products[..k] {
            sum += p;
        }
        sum
    }
}

/// How many times longer one sorted vector must be than the other for [`SparseVec::dot`] to
/// search the shorter one's terms in it rather than merge the two.
const GALLOP_RATIO: usize = 16;

/// Where `t` is in the sorted `ids` (`Ok`), or where it would go (`Err`), found by doubling the
/// step from the front and then a binary search: cheap when `t` lies near the front, as the next
/// term of a walk over a shorter vector usually does.
pub(crate) fn gallop(ids: &[u32], t: u32) -> Result<usize, usize> {
    let mut hi = 1;
    while hi < ids.len() && ids[hi - 1] < t {
        hi *= 2;
    }
    let lo = hi / 2;
    let hi = hi.min(ids.len());
    match ids[lo..hi].binary_search(&t) {
        Ok(k) => Ok(lo + k),
        Err(k) => Err(lo + k),
    }
}

/// Raw term counts of one article before weighting: word ids and bigram ids, each a vector of
/// counts over sorted ids, weighed in place once every article is counted (so the counts and
/// the weights are never held side by side).
#[derive(Debug, Clone, Default)]
pub(crate) struct Counts {
    pub(crate) words: SparseVec,
    pub(crate) bigrams: SparseVec,
}

/// Interns strings to dense ids and counts in how many articles each id occurs.
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    ids: HashMap<String, u32, BuildHasherDefault<WordHasher>>,
    pub(crate) strings: Vec<String>,
    pub(crate) df: Vec<u32>,
    /// Power the IDF is raised to (1 when unset): above 1, the words most articles of a family
    /// use (养犬, 犬只, 用水单位) weigh less beside the rarer words that tell one matter from another.
    pub(crate) idf_power: Option<f32>,
}

impl Vocab {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.ids.insert(s.to_string(), id);
        self.strings.push(s.to_string());
        self.df.push(0);
        id
    }

    /// Counts `terms` (with repetitions) into counts over sorted ids and bumps each id's df once.
    pub(crate) fn count<'a>(&mut self, terms: impl Iterator<Item = &'a str>) -> SparseVec {
        let mut ids: Vec<u32> = terms.map(|t| self.intern(t)).collect();
        self.tally(&mut ids)
    }

    /// The id of `s` if the vocabulary holds it.
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    /// The counts of `ids` over sorted ids, held exactly (no spare capacity: a corpus holds
    /// millions of these until they are weighed); bumps each id's document frequency once.
    fn tally(&mut self, ids: &mut [u32]) -> SparseVec {
        ids.sort_unstable();
        let distinct = ids.chunk_by(|a, b| a == b).count();
        let mut out = SparseVec {
            terms: Vec::with_capacity(distinct),
            weights: Vec::with_capacity(distinct),
        };
        for run in ids.chunk_by(|a, b| a == b) {
            out.terms.push(run[0]);
            out.weights.push(run.len() as f32);
            self.df[run[0] as usize] += 1;
        }
        out
    }

    /// [`Vocab::count`] over character pairs, spelled out on the stack.
    pub(crate) fn count_pairs(&mut self, pairs: &[[char; 2]]) -> SparseVec {
        let mut ids: Vec<u32> = pairs
            .iter()
            .map(|&[a, b]| {
                let mut buf = [0u8; 8];
                let n = a.encode_utf8(&mut buf).len();
                let m = b.encode_utf8(&mut buf[n..]).len();
                self.intern(std::str::from_utf8(&buf[..n + m]).unwrap_or_default())
            })
            .collect();
        self.tally(&mut ids)
    }

    /// Inverse document frequency over `n` articles; smoothed so unseen-elsewhere terms stay finite.
    pub(crate) fn idf(&self, id: u32, n: usize) -> f32 {
        let idf = ((n as f32 + 1.0) / (self.df[id as usize] as f32 + 0.5)).ln();
        match self.idf_power {
            Some(p) if p != 1.0 => idf.max(0.0).powf(p),
            _ => idf,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.strings.len()
    }
}

/// Whether a jieba word carries meaning: at least one Han character or letter, not only digits
/// or punctuation (numbers such as 3 个工作日 differ between districts without changing the matter).
pub(crate) fn is_content_word(word: &str) -> bool {
    word.chars().any(|c| is_han(c) || c.is_alphabetic()) && !word.chars().all(|c| c.is_numeric())
}

use crate::text::chars::is_han;

/// Character bigrams of the Han and letter characters of `text`, skipping punctuation, spaces and
/// digits so that 提前3个工作日 and 提前三个工作日 still share most pairs.
pub(crate) fn bigrams(text: &str) -> Vec<[char; 2]> {
    let chars: Vec<char> = text
        .chars()
        .filter(|&c| is_han(c) || (c.is_alphabetic() && !c.is_ascii_digit()))
        .collect();
    chars.windows(2).map(|w| [w[0], w[1]]).collect()
}

/// Sublinear TF × IDF weights of one article's counts ([`Vocab::count`]), as a unit vector,
/// computed in place.
pub(crate) fn weigh(mut counts: SparseVec, vocab: &Vocab, n: usize) -> SparseVec {
    for (w, &id) in counts.weights.iter_mut().zip(&counts.terms) {
        *w = (1.0 + w.ln()) * vocab.idf(id, n);
    }
    let norm = counts.weights.iter().map(|w| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        counts.weights.iter_mut().for_each(|w| *w /= norm);
    }
    counts
}

/// The sum of several unit vectors, normalised: the profile of a chapter or a group.
pub(crate) fn centroid<'a>(vecs: impl Iterator<Item = &'a SparseVec>) -> SparseVec {
    SparseVec::normalised(vecs.flat_map(|v| v.iter()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_of_a_unit_vector_with_itself_is_one() {
        let v = SparseVec::normalised(vec![(3, 1.0), (1, 2.0), (3, 1.0)]);
        assert_eq!(v.terms, vec![1, 3]);
        assert!((v.dot(&v) - 1.0).abs() < 1e-6);
        let w = SparseVec::normalised(vec![(2, 1.0)]);
        assert_eq!(v.dot(&w), 0.0);
    }

    /// A vector spread over its vocabulary gives the dot product of the merge (and of the
    /// galloping walk) bit for bit, whichever vector is loaded, reloaded over another.
    #[test]
    fn spread_dot_equals_the_merge() {
        let mut state = 11u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as u32
        };
        let mut spread = Spread::default();
        let mut checked = 0;
        for round in 0..300u32 {
            let len_a = 1 + round % 50;
            let len_b = if round % 3 == 0 {
                900
            } else {
                1 + (round * 7) % 120
            };
            let mut draw = |len: u32, range: u32| {
                SparseVec::normalised(
                    (0..len)
                        .map(|_| (next() % range, 0.25 + (next() % 9) as f32))
                        .collect(),
                )
            };
            let (a, b) = (draw(len_a, 700), draw(len_b, 700));
            for (x, y) in [(&a, &b), (&b, &a)] {
                spread.load(x, 700);
                assert_eq!(spread.dot(y).to_bits(), x.dot(y).to_bits(), "round {round}");
                assert_eq!(spread.dot(y).to_bits(), y.dot(x).to_bits(), "round {round}");
                checked += usize::from(x.dot(y) > 0.0);
            }
        }
        assert!(checked > 100, "{checked} pairs with terms in common");
        // Nothing of a vector loaded before is left.
        spread.load(&SparseVec::normalised(vec![(5, 1.0)]), 10);
        assert_eq!(
            spread.dot(&SparseVec::normalised(vec![(3, 1.0), (9, 1.0)])),
            0.0
        );
    }

    /// The galloping walk of a short vector against a long one adds exactly what the merge adds:
    /// the same products of the shared terms in the same order, so every similarity (and every
    /// alignment decision made on it) is bit for bit the same.
    #[test]
    fn galloping_dot_equals_the_merge() {
        let merge = |a: &SparseVec, b: &SparseVec| {
            let (mut i, mut j, mut sum) = (0, 0, 0.0f32);
            while i < a.terms.len() && j < b.terms.len() {
                match a.terms[i].cmp(&b.terms[j]) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        sum += a.weights[i] * b.weights[j];
                        i += 1;
                        j += 1;
                    }
                }
            }
            sum
        };
        let mut state = 7u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as u32
        };
        for round in 0..200 {
            let long = SparseVec::normalised(
                (0..2000)
                    .map(|_| (next() % 5000, 0.5 + (next() % 7) as f32))
                    .collect(),
            );
            let short = SparseVec::normalised(
                (0..(1 + round % 40))
                    .map(|_| (next() % 5200, 1.0 + (next() % 3) as f32))
                    .collect(),
            );
            assert_eq!(short.dot(&long).to_bits(), merge(&short, &long).to_bits());
            assert_eq!(long.dot(&short).to_bits(), merge(&long, &short).to_bits());
            let covered = short.covered_by(&long);
            assert!((0.0..=1.0 + 1e-6).contains(&covered));
        }
        // Vectors of like length take the branch-free merge: the same sums as the plain merge,
        // bit for bit, in either order of the two.
        for round in 0..200 {
            let mut draw = |len: u32| {
                SparseVec::normalised(
                    (0..len)
                        .map(|_| (next() % 600, 0.25 + (next() % 9) as f32))
                        .collect(),
                )
            };
            let (a, b) = (draw(1 + round % 90), draw(1 + (round * 7) % 120));
            assert_eq!(a.dot(&b).to_bits(), merge(&a, &b).to_bits());
            assert_eq!(b.dot(&a).to_bits(), a.dot(&b).to_bits());
            let squares = SparseVec {
                terms: a.terms.clone(),
                weights: a.weights.iter().map(|w| w * w).collect(),
            };
            let ones = SparseVec {
                terms: b.terms.clone(),
                weights: vec![1.0; b.terms.len()],
            };
            assert_eq!(a.covered_by(&b).to_bits(), merge(&squares, &ones).to_bits());
        }
        for ids in [&[][..], &[5][..], &[1, 3, 5, 7, 9, 11][..]] {
            for t in 0..13 {
                assert_eq!(gallop(ids, t), ids.binary_search(&t), "{ids:?} {t}");
            }
        }
    }

    #[test]
    fn coverage_is_one_sided() {
        let part = SparseVec::normalised(vec![(1, 1.0), (2, 1.0)]);
        let whole = SparseVec::normalised(vec![(1, 1.0), (2, 1.0), (3, 1.0), (4, 1.0)]);
        assert!((part.covered_by(&whole) - 1.0).abs() < 1e-6);
        assert!((whole.covered_by(&part) - 0.5).abs() < 1e-6);
        assert_eq!(part.covered_by(&SparseVec::default()), 0.0);
    }

    #[test]
    fn bigrams_skip_punctuation_and_digits() {
        let pairs: Vec<String> = bigrams("提前3个，工作日")
            .iter()
            .map(|p| p.iter().collect())
            .collect();
        assert_eq!(pairs, vec!["提前", "前个", "个工", "工作", "作日"]);
        assert!(bigrams("。").is_empty());
    }

    #[test]
    fn content_words_need_a_han_character_or_letter() {
        assert!(is_content_word("常务会议"));
        assert!(!is_content_word("，"));
        assert!(!is_content_word("12345"));
        assert!(is_content_word("APP"));
    }

    #[test]
    fn vocab_counts_document_frequency_once_per_article() {
        let mut v = Vocab::default();
        let c = v.count(["会议", "会议", "区长"].into_iter());
        assert_eq!(c.terms, vec![0, 1]);
        assert_eq!(c.weights, vec![2.0, 1.0]);
        v.count(["会议"].into_iter());
        assert_eq!(v.df, vec![2, 1]);
        assert!(v.idf(1, 2) > v.idf(0, 2));
    }
}
