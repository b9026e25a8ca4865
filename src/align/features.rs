//! Articles in, weighted term vectors out: IDF-weighted jieba words, character bigrams and a
//! per-chapter word profile. Pure functions over already segmented text; no I/O, no threads.

use std::collections::HashMap;

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

    /// Sum of `f(own weight, other's weight)` over the terms both have: a merge over sorted ids.
    fn sum_shared(&self, other: &SparseVec, f: impl Fn(f32, f32) -> f32) -> f32 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < self.terms.len() && j < other.terms.len() {
            match self.terms[i].cmp(&other.terms[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += f(self.weights[i], other.weights[j]);
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.terms.iter().copied().zip(self.weights.iter().copied())
    }
}

/// Raw term counts of one article before weighting: word ids and bigram ids with their counts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Counts {
    pub(crate) words: Vec<(u32, u32)>,
    pub(crate) bigrams: Vec<(u32, u32)>,
}

/// Interns strings to dense ids and counts in how many articles each id occurs.
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    ids: HashMap<String, u32>,
    pub(crate) strings: Vec<String>,
    pub(crate) df: Vec<u32>,
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

    /// Counts `terms` (with repetitions) into sorted (id, count) pairs and bumps each id's df once.
    pub(crate) fn count<'a>(&mut self, terms: impl Iterator<Item = &'a str>) -> Vec<(u32, u32)> {
        let mut ids: Vec<u32> = terms.map(|t| self.intern(t)).collect();
        self.tally(&mut ids)
    }

    /// The id of `s` if the vocabulary holds it.
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    /// Sorted (id, count) pairs of `ids`; bumps each id's document frequency once.
    fn tally(&mut self, ids: &mut [u32]) -> Vec<(u32, u32)> {
        ids.sort_unstable();
        let mut out: Vec<(u32, u32)> = Vec::new();
        for &id in ids.iter() {
            match out.last_mut() {
                Some((last, c)) if *last == id => *c += 1,
                _ => out.push((id, 1)),
            }
        }
        for &(id, _) in &out {
            self.df[id as usize] += 1;
        }
        out
    }

    /// [`Vocab::count`] over character pairs, spelled out on the stack.
    pub(crate) fn count_pairs(&mut self, pairs: &[[char; 2]]) -> Vec<(u32, u32)> {
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
        ((n as f32 + 1.0) / (self.df[id as usize] as f32 + 0.5)).ln()
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

/// Sublinear TF × IDF weights of one article's counts, as a unit vector.
pub(crate) fn weigh(counts: &[(u32, u32)], vocab: &Vocab, n: usize) -> SparseVec {
    SparseVec::normalised(
        counts
            .iter()
            .map(|&(id, c)| (id, (1.0 + (c as f32).ln()) * vocab.idf(id, n)))
            .collect(),
    )
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
        assert_eq!(c.len(), 2);
        assert!(c.contains(&(0, 2)));
        v.count(["会议"].into_iter());
        assert_eq!(v.df, vec![2, 1]);
        assert!(v.idf(1, 2) > v.idf(0, 2));
    }
}
