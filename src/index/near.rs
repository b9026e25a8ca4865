//! What the word vectors ([`crate::meaning`]) add to a search: the words near a query word, so
//! that an article naming a matter in words of its own (收留所 where the query says 收容) is found
//! and credited, and how near an article's opening sentence is to the query as a whole. Pure.

/// The `k` words nearest to `word` in the word vectors, with their cosine, most similar first.
pub(super) fn nearest(word: &str, k: usize) -> Vec<(String, f32)> {
    let _ = (word, k);
    Vec::new()
}

/// Cosine (at least 0) of the query words' mean vector with the mean vector of the words of
/// `passage`, each word weighted by its rarity in the training corpus; 0 when either side has
/// no word with a vector.
pub(super) fn similarity(query: &[String], passage: &str) -> f32 {
    let _ = (query, passage);
    0.0
}

/// The words of `passage` that have vectors, longest first at each place (a greedy cut over the
/// vectors' vocabulary).
pub(super) fn words_of(passage: &str) -> Vec<&str> {
    let _ = passage;
    Vec::new()
}

/// The largest cosine (at least 0) of `word` with one of `words` other than itself; 0 when
/// none has a vector.
pub(super) fn closest(word: &str, words: &[&str]) -> f32 {
    let _ = (word, words);
    0.0
}
