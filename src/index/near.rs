//! What the word vectors ([`crate::meaning`]) add to a search: the words near a query word, so
//! that an article naming a matter in words of its own (收留所 where the query says 收容) can be
//! found and credited, and how near an article's opening sentence is to the query as a whole.
//! Pure (the vectors are compiled in).

use crate::meaning::{Vectors, dot};
use std::sync::OnceLock;

/// Longest word looked for in a passage, in characters.
const LONGEST: usize = 4;

/// SIF's smoothing: a word's weight is A / (A + its share of the training corpus).
const A: f32 = 1e-3;

/// The `k` words nearest to `word` in the word vectors, with their cosine, most similar first;
/// empty, without decoding the vectors, when `word` has none.
pub(super) fn nearest(word: &str, k: usize) -> Vec<(String, f32)> {
    if k == 0 || !Vectors::builtin_has(word) {
        return Vec::new();
    }
    Vectors::builtin().nearest(word, k)
}

/// The words of `passage` in the vectors' vocabulary, the longest at each place first (a greedy
/// cut over the vocabulary; words composed from n-grams do not count).
pub(super) fn words_of(passage: &str) -> Vec<&str> {
    let v = Vectors::builtin();
    let bounds: Vec<usize> = passage
        .char_indices()
        .map(|(i, _)| i)
        .chain([passage.len()])
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < bounds.len() {
        let mut step = 1;
        for len in (1..=LONGEST.min(bounds.len() - 1 - i)).rev() {
            let w = &passage[bounds[i]..bounds[i + len]];
            if v.contains(w) {
                out.push(w);
                step = len;
                break;
            }
        }
        i += step;
    }
    out
}

/// The largest cosine (at least 0) of `word` with one of `words` other than itself; 0 when
/// none has a vector.
pub(super) fn closest(word: &str, words: &[&str]) -> f32 {
    let v = Vectors::builtin();
    let Some(a) = v.get(word) else {
        return 0.0;
    };
    words
        .iter()
        .filter(|w| **w != word)
        .filter_map(|w| v.get(w))
        .map(|b| dot(&a, &b))
        .fold(0.0f32, f32::max)
}

/// Cosine (at least 0) of the query words' mean vector with the mean vector of the words of
/// `passage`, each word weighted by its rarity in the training corpus (SIF); 0 when either side
/// has no word with a vector.
pub(super) fn similarity(query: &[String], passage: &str) -> f32 {
    let v = Vectors::builtin();
    let embed = |words: &mut dyn Iterator<Item = &str>| v.embed(words.map(|w| (w, weight(v, w))));
    let q = embed(&mut query.iter().map(String::as_str));
    let p = embed(&mut words_of(passage).into_iter());
    match (q, p) {
        (Some(q), Some(p)) => dot(&q, &p).max(0.0),
        _ => 0.0,
    }
}

/// SIF weight of a word: A / (A + its share of the training corpus).
fn weight(v: &Vectors, word: &str) -> f32 {
    static TOTAL: OnceLock<f64> = OnceLock::new();
    let total = *TOTAL.get_or_init(|| {
        v.words()
            .map(|w| f64::from(v.count(w).unwrap_or(0)))
            .sum::<f64>()
            .max(1.0)
    });
    let share = f64::from(v.count(word).unwrap_or(0)) / total;
    A / (A + share as f32)
}

/// True when `other` can be `word` said otherwise by one of its morphemes: both of two
/// characters or more, sharing a character, neither holding the other (漏失 for 漏损, 考评 for
/// 考核; not 宣传教育 for 宣传, which a search for 宣传 finds anyway, nor 尸 for 尸体).
pub(super) fn is_kin(word: &str, other: &str) -> bool {
    let long = |w: &str| w.chars().nth(1).is_some();
    long(word)
        && long(other)
        && !word.contains(other)
        && !other.contains(word)
        && word.chars().any(|c| other.contains(c))
}

#[cfg(test)]
mod tests {
    use super::is_kin;

    #[test]
    fn kin_share_a_character_and_hold_neither_the_other() {
        assert!(is_kin("漏损", "漏失"));
        assert!(is_kin("考核", "考评"));
        assert!(!is_kin("宣传", "宣传教育"));
        assert!(!is_kin("尸体", "尸"));
        assert!(!is_kin("免疫", "接种"));
    }
}
