//! The hasher of short keys, words and bigrams of a few bytes, for the maps that are only looked
//! up, never iterated (the aligner's vocabulary, the word vectors' index): a multiply and rotate per
//! eight bytes (the scheme of the Firefox and rustc hashers), several times cheaper than the
//! standard SipHash on such keys. Nothing reads the order of such a map, so every id and every
//! result is the same whatever the hasher; the keys come from the corpus and the shipped files,
//! not from a party that could choose colliding keys to slow a server down.

use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};

/// See the module documentation.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHasher(u64);

/// The multiplier of [`WordHasher`] (odd, bits well spread).
const K: u64 = 0x517c_c1b7_2722_0a95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }

    /// The hash of `key` as a `HashMap<_, _, BuildHasherDefault<WordHasher>>` computes it.
    pub fn hash_of<T: Hash + ?Sized>(key: &T) -> u64 {
        BuildHasherDefault::<WordHasher>::default().hash_one(key)
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(c);
            self.add(u64::from_le_bytes(buf));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Keys that differ only in length or in a trailing zero byte hash apart, and the words of a
    /// regulation (one to four Han characters, three bytes each) spread over distinct hashes.
    #[test]
    fn short_keys_hash_apart() {
        assert_ne!(WordHasher::hash_of("犬只"), WordHasher::hash_of("犬只\0"));
        assert_ne!(WordHasher::hash_of("a"), WordHasher::hash_of("a\0"));
        assert_ne!(WordHasher::hash_of(""), WordHasher::hash_of("\0"));
        let text = include_str!("../../corpus/lixia.txt");
        let words: HashSet<&str> = text
            .char_indices()
            .filter_map(|(i, _)| {
                text.get(i..)
                    .and_then(|t| t.char_indices().nth(2).map(|(j, _)| &t[..j]))
            })
            .collect();
        let hashes: HashSet<u64> = words.iter().map(|w| WordHasher::hash_of(*w)).collect();
        assert!(words.len() > 5_000, "{} bigrams", words.len());
        assert_eq!(
            hashes.len(),
            words.len(),
            "a collision among the document's bigrams"
        );
    }
}
