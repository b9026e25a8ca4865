//! Which words mean nearly the same? Word vectors learned without supervision from the 3,422
//! regulations of lawrefbook (skip-gram with negative sampling over guize's own segmentation,
//! `examples/train_vectors.rs`), shipped as `corpus/vectors.bin` and compiled into the binary.
//!
//! Two words whose vectors point the same way were used among the same neighbouring words across
//! the corpus: 收容 and 收留, 尸体 and 遗体. [`Vectors::similarity`] is that cosine; [`Vectors::embed`]
//! averages the vectors of a text's words (weighted by the caller, e.g. by rarity) so that two
//! clauses worded differently can still be compared by meaning; [`remove_component`] takes out the
//! direction all texts share (the corpus mean or its first principal component, SIF-style) before
//! such a comparison.
//!
//! The file format (all integers little-endian):
//!
//! | bytes | what |
//! |---|---|
//! | 8 | magic `GZVECTOR` |
//! | 4 | format version (1) |
//! | 4 | dimensions `d` (1..=1024) |
//! | 4 | number of words `n` |
//! | 4 | byte length `v` of the vocabulary |
//! | `v` | the words, UTF-8, each ended by `\n`, most frequent first |
//! | 4·n | each word's count in the training corpus (u32) |
//! | 4·n | each word's scale (f32): component `i` is `scale · q[i] / 127` |
//! | d·n | the quantised components (i8), word after word |
//!
//! Nothing may follow. Stored vectors are unit length before quantisation; [`Vectors::get`] gives
//! them re-normalised after it.

use crate::error::{Error, Result};
use crate::text::hash::WordHasher;
use hashbrown::HashTable;
use std::sync::OnceLock;

/// The first eight bytes of a vectors file.
pub const MAGIC: &[u8; 8] = b"GZVECTOR";
/// The format version this code reads and writes.
pub const VERSION: u32 = 1;
/// Largest number of dimensions a file may declare (a guard against a corrupt header).
const MAX_DIMS: usize = 1024;

/// The vectors of `corpus/vectors.bin`, as compiled into the binary.
pub const BUILTIN_BYTES: &[u8] = include_bytes!("../corpus/vectors.bin");

static BUILTIN: OnceLock<Vectors> = OnceLock::new();

/// Word vectors: one unit-length row of `dims` floats per word of the vocabulary.
#[derive(Debug, Clone)]
pub struct Vectors {
    dims: usize,
    /// The words one after the other, the i-th from `starts[i]` to `starts[i + 1]`: one
    /// allocation for the whole vocabulary rather than one (or two) per word.
    text: String,
    starts: Vec<u32>,
    counts: Vec<u32>,
    rows: Vec<f32>,
    /// Word numbers, found by the word's [`WordHasher`] hash and compared on their text in
    /// `text`, so the index owns no copy of a word.
    index: HashTable<u32>,
    common: OnceLock<Common>,
    total: OnceLock<u64>,
}

/// Directions every text shares, computed on first use.
#[derive(Debug, Clone)]
struct Common {
    mean: Vec<f32>,
    principal: Vec<f32>,
}

impl Vectors {
    /// The vectors compiled into the binary, decoded on first use.
    ///
    /// The shipped file is checked by the tests, so decoding it cannot fail in a released binary;
    /// were it ever malformed, this gives an empty vocabulary (every lookup `None`) rather than a
    /// panic. [`Vectors::try_builtin`] says why.
    pub fn builtin() -> &'static Vectors {
        BUILTIN
            .get_or_init(|| Vectors::from_bytes(BUILTIN_BYTES).unwrap_or_else(|_| Vectors::empty()))
    }

    /// True when the built-in vectors have a vector for `word`, read from the file's vocabulary
    /// without decoding the vectors (a search asks this before it asks for a word's neighbours,
    /// so that a query whose words have none does not decode them).
    pub fn builtin_has(word: &str) -> bool {
        if let Some(v) = BUILTIN.get() {
            return v.get(word).is_some();
        }
        builtin_vocabulary().is_some_and(|vocab| vocabulary_has(vocab, word))
    }

    /// True once the built-in vectors have been decoded in this process (for tests that check
    /// what a command loads).
    pub fn builtin_decoded() -> bool {
        BUILTIN.get().is_some()
    }

    /// Decodes the built-in file again, with its error if it is malformed (for tests and
    /// diagnostics; [`Vectors::builtin`] is the one to use).
    pub fn try_builtin() -> Result<Vectors> {
        Vectors::from_bytes(BUILTIN_BYTES)
    }

    fn empty() -> Vectors {
        Vectors {
            dims: 0,
            text: String::new(),
            starts: vec![0],
            counts: Vec::new(),
            rows: Vec::new(),
            index: HashTable::new(),
            common: OnceLock::new(),
            total: OnceLock::new(),
        }
    }

    /// Vectors from `words` (with their corpus counts) and their rows (`words.len() · dims`
    /// floats, any length; each row is normalised here, an all-zero row stays zero). Duplicate
    /// words keep their first row.
    pub fn from_rows(dims: usize, words: Vec<(String, u32)>, rows: Vec<f32>) -> Result<Vectors> {
        if dims == 0 || dims > MAX_DIMS {
            return Err(malformed(format!(
                "{dims} dimensions (expected 1..={MAX_DIMS})"
            )));
        }
        if rows.len() != words.len() * dims {
            return Err(malformed(format!(
                "{} floats for {} words of {dims} dimensions",
                rows.len(),
                words.len()
            )));
        }
        let counts = words.iter().map(|(_, c)| *c).collect();
        Vectors::assemble(dims, words.iter().map(|(w, _)| w.as_str()), counts, rows)
    }

    /// Vectors from their parts: the words in order, their counts and their rows (checked to
    /// agree by the callers), each row normalised here. Duplicate words keep their first row.
    fn assemble<'w>(
        dims: usize,
        words: impl ExactSizeIterator<Item = &'w str>,
        counts: Vec<u32>,
        mut rows: Vec<f32>,
    ) -> Result<Vectors> {
        for row in rows.chunks_exact_mut(dims) {
            normalise(row);
        }
        let n = words.len();
        let mut v = Vectors {
            dims,
            text: String::new(),
            starts: Vec::with_capacity(n + 1),
            counts,
            rows,
            index: HashTable::with_capacity(n),
            common: OnceLock::new(),
            total: OnceLock::new(),
        };
        v.starts.push(0);
        for word in words {
            v.text.push_str(word);
            let end = u32::try_from(v.text.len())
                .map_err(|_| malformed("a vocabulary of 4 GB or more".into()))?;
            v.starts.push(end);
        }
        for i in 0..n {
            let word = v.word(i);
            let hash = WordHasher::hash_of(word);
            if v.find(hash, word).is_none() {
                let (text, starts) = (&v.text, &v.starts);
                let word_at = |j: &u32| {
                    let j = *j as usize;
                    &text[starts[j] as usize..starts[j + 1] as usize]
                };
                v.index
                    .insert_unique(hash, i as u32, |j| WordHasher::hash_of(word_at(j)));
            }
        }
        Ok(v)
    }

    /// The i-th word of the vocabulary.
    fn word(&self, i: usize) -> &str {
        &self.text[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// The number of `word`, given its hash.
    fn find(&self, hash: u64, word: &str) -> Option<usize> {
        self.index
            .find(hash, |&j| self.word(j as usize) == word)
            .map(|&j| j as usize)
    }

    /// The number of `word`, if it has a vector.
    fn number(&self, word: &str) -> Option<usize> {
        self.find(WordHasher::hash_of(word), word)
    }

    /// Decodes a vectors file (format in the module documentation). A short, long or otherwise
    /// malformed file is [`Error::Vectors`] saying what was expected where.
    pub fn from_bytes(bytes: &[u8]) -> Result<Vectors> {
        let mut r = Reader { bytes, at: 0 };
        let magic = r.take(8, "the magic bytes")?;
        if magic != MAGIC {
            return Err(malformed(
                "not a guize vectors file (magic bytes differ)".into(),
            ));
        }
        let version = r.u32("the format version")?;
        if version != VERSION {
            return Err(malformed(format!(
                "format version {version}; this guize reads version {VERSION}"
            )));
        }
        let dims = r.u32("the number of dimensions")? as usize;
        if dims == 0 || dims > MAX_DIMS {
            return Err(malformed(format!(
                "{dims} dimensions (expected 1..={MAX_DIMS})"
            )));
        }
        let count = r.u32("the number of words")? as usize;
        let vocab_len = r.u32("the vocabulary's length")? as usize;
        // Check the whole size before allocating anything sized by the header.
        let expected = count
            .checked_mul(8 + dims)
            .and_then(|b| b.checked_add(vocab_len))
            .and_then(|b| b.checked_add(r.at));
        match expected {
            Some(n) if n == bytes.len() => {}
            Some(n) => {
                return Err(malformed(format!(
                    "{} bytes, but its header ({count} words of {dims} dimensions, a vocabulary of \
                     {vocab_len} bytes) needs {n}",
                    bytes.len()
                )));
            }
            None => return Err(malformed("its header's sizes overflow".into())),
        }
        let vocab = std::str::from_utf8(r.take(vocab_len, "the vocabulary")?)
            .map_err(|e| malformed(format!("the vocabulary is not UTF-8: {e}")))?;
        let words: Vec<&str> = vocab.split_terminator('\n').collect();
        if words.len() != count || !vocab.is_empty() && !vocab.ends_with('\n') {
            return Err(malformed(format!(
                "the vocabulary holds {} lines; the header says {count} words",
                words.len()
            )));
        }
        let counts = r.take(4 * count, "the counts")?;
        let scales = r.take(4 * count, "the scales")?;
        let quantised = r.take(dims * count, "the vectors")?;
        let mut rows = Vec::with_capacity(dims * count);
        for (i, q) in quantised.chunks_exact(dims).enumerate() {
            let scale = f32::from_le_bytes(le4(scales, i));
            if !scale.is_finite() {
                return Err(malformed(format!(
                    "word {} ('{}') has scale {scale}",
                    i + 1,
                    words[i]
                )));
            }
            rows.extend(q.iter().map(|&b| f32::from(b as i8) * scale / 127.0));
        }
        let counts = (0..count)
            .map(|i| u32::from_le_bytes(le4(counts, i)))
            .collect();
        Vectors::assemble(dims, words.into_iter(), counts, rows)
    }

    /// Encodes these vectors in the file format (each row quantised to i8 with its own scale).
    pub fn to_bytes(&self) -> Vec<u8> {
        let vocab_len: usize = self.words().map(|w| w.len() + 1).sum();
        let mut out = Vec::with_capacity(24 + vocab_len + self.len() * (8 + self.dims));
        out.extend_from_slice(MAGIC);
        for n in [VERSION as usize, self.dims, self.len(), vocab_len] {
            out.extend_from_slice(&(n as u32).to_le_bytes());
        }
        for w in self.words() {
            out.extend_from_slice(w.as_bytes());
            out.push(b'\n');
        }
        for c in &self.counts {
            out.extend_from_slice(&c.to_le_bytes());
        }
        let rows = self.rows.chunks_exact(self.dims.max(1));
        let scales: Vec<f32> = rows
            .clone()
            .map(|row| row.iter().fold(0.0f32, |m, x| m.max(x.abs())))
            .collect();
        for s in &scales {
            out.extend_from_slice(&s.to_le_bytes());
        }
        for (row, &scale) in rows.zip(&scales) {
            for &x in row {
                let q = if scale > 0.0 {
                    (x / scale * 127.0).round().clamp(-127.0, 127.0) as i8
                } else {
                    0
                };
                out.push(q as u8);
            }
        }
        out
    }

    /// Number of dimensions of every vector.
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The words, most frequent in the training corpus first.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.word(i))
    }

    /// How often `word` occurred in the training corpus (`None` when it has no vector).
    pub fn count(&self, word: &str) -> Option<u32> {
        self.number(word).map(|i| self.counts[i])
    }

    /// The share of the training corpus's running words that are `word` (its count over the sum
    /// of all counts), the `p(w)` of SIF weights `a / (a + p(w))`; `None` when it has no vector.
    pub fn frequency(&self, word: &str) -> Option<f32> {
        let total = *self
            .total
            .get_or_init(|| self.counts.iter().map(|&c| u64::from(c)).sum());
        self.count(word)
            .map(|c| (f64::from(c) / total.max(1) as f64) as f32)
    }

    /// The unit vector of `word`, if it has one.
    pub fn get(&self, word: &str) -> Option<&[f32]> {
        self.number(word).map(|i| self.row(i))
    }

    fn row(&self, i: usize) -> &[f32] {
        &self.rows[i * self.dims..(i + 1) * self.dims]
    }

    /// Cosine of the two words' vectors (-1..=1), `None` when either has none.
    pub fn similarity(&self, a: &str, b: &str) -> Option<f32> {
        Some(dot(self.get(a)?, self.get(b)?))
    }

    /// The `k` words closest to `word` (itself left out), most similar first.
    pub fn nearest(&self, word: &str, k: usize) -> Vec<(String, f32)> {
        match self.number(word) {
            Some(i) => self.nearest_to(self.row(i), k, Some(i)),
            None => Vec::new(),
        }
    }

    /// The `k` words whose vectors are closest to `v` (any vector of [`Vectors::dims`] floats, e.g.
    /// from [`Vectors::embed`]), most similar first; empty when `v` has the wrong length.
    pub fn nearest_to_vector(&self, v: &[f32], k: usize) -> Vec<(String, f32)> {
        if v.len() != self.dims {
            return Vec::new();
        }
        let mut unit = v.to_vec();
        normalise(&mut unit);
        self.nearest_to(&unit, k, None)
    }

    fn nearest_to(&self, v: &[f32], k: usize, skip: Option<usize>) -> Vec<(String, f32)> {
        if k == 0 {
            return Vec::new();
        }
        let mut scored: Vec<(f32, usize)> = (0..self.len())
            .filter(|&i| Some(i) != skip)
            .map(|i| (dot(v, self.row(i)), i))
            .collect();
        let by_score = |a: &(f32, usize), b: &(f32, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if scored.len() > k {
            scored.select_nth_unstable_by(k - 1, by_score);
            scored.truncate(k);
        }
        scored.sort_by(by_score);
        scored
            .into_iter()
            .map(|(s, i)| (self.word(i).to_string(), s))
            .collect()
    }

    /// The weighted mean of the vectors of the given words, unit length; words without a vector
    /// are skipped. `None` when no word has a vector or the mean is zero.
    pub fn embed<'w>(&self, words: impl IntoIterator<Item = (&'w str, f32)>) -> Option<Vec<f32>> {
        let mut sum = vec![0.0f32; self.dims];
        let mut any = false;
        for (word, weight) in words {
            if let Some(v) = self.get(word) {
                any = true;
                for (s, x) in sum.iter_mut().zip(v) {
                    *s += weight * x;
                }
            }
        }
        (any && normalise(&mut sum)).then_some(sum)
    }

    /// The corpus-frequency-weighted mean of all word vectors: the direction a text of common words
    /// points to whatever it says (not normalised). Computed on first use.
    pub fn mean(&self) -> &[f32] {
        &self.common().mean
    }

    /// The first principal component (unit length) of the word vectors weighted by corpus
    /// frequency, taken about the origin as SIF does: the one direction most texts share, to be
    /// removed with [`remove_component`] before comparing text embeddings. Computed on first use.
    pub fn principal_component(&self) -> &[f32] {
        &self.common().principal
    }

    fn common(&self) -> &Common {
        self.common.get_or_init(|| {
            let d = self.dims;
            let mut mean = vec![0.0f64; d];
            let mut cov = vec![0.0f64; d * d];
            let total: f64 = self.counts.iter().map(|&c| f64::from(c)).sum();
            for (i, &c) in self.counts.iter().enumerate() {
                let w = f64::from(c) / total.max(1.0);
                let row = self.row(i);
                for (a, &x) in row.iter().enumerate() {
                    let wx = w * f64::from(x);
                    mean[a] += wx;
                    for (b, &y) in row.iter().enumerate().skip(a) {
                        cov[a * d + b] += wx * f64::from(y);
                    }
                }
            }
            for a in 0..d {
                for b in 0..a {
                    cov[a * d + b] = cov[b * d + a];
                }
            }
            // Power iteration from the mean (which the top component lies near); 100 rounds
            // settle the direction of a small symmetric matrix.
            let mut p: Vec<f64> = mean.clone();
            if p.iter().all(|&x| x == 0.0) {
                p = vec![1.0; d];
            }
            for _ in 0..100 {
                let mut next = vec![0.0f64; d];
                for (a, n) in next.iter_mut().enumerate() {
                    *n = (0..d).map(|b| cov[a * d + b] * p[b]).sum();
                }
                let norm = next.iter().map(|x| x * x).sum::<f64>().sqrt();
                if norm == 0.0 {
                    break;
                }
                p = next.into_iter().map(|x| x / norm).collect();
            }
            Common {
                mean: mean.into_iter().map(|x| x as f32).collect(),
                principal: p.into_iter().map(|x| x as f32).collect(),
            }
        })
    }
}

/// Removes from `v` its projection on `direction` (any length; e.g. [`Vectors::mean`] or
/// [`Vectors::principal_component`]) and makes it unit length again. False, with `v` left zero,
/// when nothing is left (or `v` and `direction` differ in length, `v` untouched).
pub fn remove_component(v: &mut [f32], direction: &[f32]) -> bool {
    if v.len() != direction.len() {
        return false;
    }
    let norm2: f32 = direction.iter().map(|x| x * x).sum();
    if norm2 > 0.0 {
        let along = dot(v, direction) / norm2;
        for (x, d) in v.iter_mut().zip(direction) {
            *x -= along * d;
        }
    }
    normalise(v)
}

/// Dot product (the cosine for unit vectors).
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Scales `v` to unit length; false (and `v` set to zero) when it is zero or not finite.
fn normalise(v: &mut [f32]) -> bool {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 1e-12 && norm.is_finite() {
        v.iter_mut().for_each(|x| *x /= norm);
        true
    } else {
        v.iter_mut().for_each(|x| *x = 0.0);
        false
    }
}

fn malformed(msg: String) -> Error {
    Error::Vectors { msg }
}

/// The vocabulary block of the built-in file (its words, each ended by a newline), `None` when
/// the header is cut off or its length runs past the file.
fn builtin_vocabulary() -> Option<&'static str> {
    const START: usize = 24;
    let len = u32::from_le_bytes(BUILTIN_BYTES.get(20..START)?.try_into().ok()?) as usize;
    let block = BUILTIN_BYTES.get(START..START.checked_add(len)?)?;
    std::str::from_utf8(block).ok()
}

/// True when `vocab` (words each ended by a newline) holds `word` as one of its lines.
fn vocabulary_has(vocab: &str, word: &str) -> bool {
    !word.is_empty() && !word.contains('\n') && vocab.split_terminator('\n').any(|w| w == word)
}

fn le4(bytes: &[u8], i: usize) -> [u8; 4] {
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[4 * i..4 * i + 4]);
    b
}

/// Reads a vectors file front to back, saying what was cut off.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let out = &self.bytes[self.at..end];
                self.at = end;
                Ok(out)
            }
            None => Err(malformed(format!(
                "cut off at byte {} of {}, reading {what} ({n} bytes)",
                self.bytes.len(),
                self.at.saturating_add(n)
            ))),
        }
    }

    fn u32(&mut self, what: &str) -> Result<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vocabulary read without decoding says of a word what the decoded vectors say.
    #[test]
    fn the_vocabulary_alone_says_which_words_have_vectors() {
        let decoded = Vectors::try_builtin().expect("the shipped vectors decode");
        let vocab = builtin_vocabulary().expect("the shipped file has a vocabulary");
        let mut asked: Vec<&str> = decoded.words().step_by(97).collect();
        asked.extend(["常务会议", "遛狗", "犬只", "", "会议\n常务", "常务会"]);
        for w in asked {
            assert_eq!(vocabulary_has(vocab, w), decoded.get(w).is_some(), "{w:?}");
        }
        assert!(vocabulary_has(vocab, "常务会议") && !vocabulary_has(vocab, "遛狗"));
    }

    fn small() -> Vectors {
        let words = vec![
            ("收容".to_string(), 50),
            ("收留".to_string(), 20),
            ("罚款".to_string(), 90),
            ("零".to_string(), 5),
        ];
        let rows = vec![
            1.0, 0.2, 0.0, //
            0.9, 0.3, 0.1, //
            -0.1, 0.0, 1.0, //
            0.0, 0.0, 0.0,
        ];
        Vectors::from_rows(3, words, rows).expect("valid")
    }

    #[test]
    fn round_trip_keeps_words_counts_and_directions() {
        let v = small();
        let bytes = v.to_bytes();
        let back = Vectors::from_bytes(&bytes).expect("decodes");
        assert_eq!(back.dims(), 3);
        assert_eq!(back.len(), 4);
        assert_eq!(
            back.words().collect::<Vec<_>>(),
            ["收容", "收留", "罚款", "零"]
        );
        assert_eq!(back.count("收留"), Some(20));
        for w in ["收容", "收留", "罚款"] {
            let cos = dot(v.get(w).expect("a"), back.get(w).expect("b"));
            assert!(cos > 0.999, "{w}: {cos}");
        }
        assert_eq!(back.get("零"), Some(&[0.0, 0.0, 0.0][..]));
        // Encoded again, the same header, words, counts and quantised components (the scales
        // move in their last bits, the rows having been re-normalised after quantisation).
        let again = back.to_bytes();
        let scales = 24 + "收容收留罚款零".len() + 4 + 4 * 4;
        assert_eq!(again.len(), bytes.len());
        assert_eq!(again[..scales], bytes[..scales]);
        assert_eq!(again[scales + 4 * 4..], bytes[scales + 4 * 4..]);
    }

    #[test]
    fn nearest_similarity_and_embed() {
        let v = small();
        let near = v.nearest("收容", 2);
        assert_eq!(near[0].0, "收留");
        assert!(near[0].1 > near[1].1);
        assert!(v.similarity("收容", "收留").expect("both") > 0.9);
        assert!(v.similarity("收容", "罚款").expect("both") < 0.1);
        assert_eq!(v.similarity("收容", "没有"), None);
        assert!(v.nearest("没有", 3).is_empty());
        let e = v
            .embed([("收容", 1.0), ("收留", 1.0), ("没有", 5.0)])
            .expect("embeds");
        assert!((dot(&e, &e) - 1.0).abs() < 1e-5);
        assert!(v.embed([("没有", 1.0)]).is_none());
        assert!(
            v.embed([("零", 1.0)]).is_none(),
            "a zero mean has no direction"
        );
        let mut x = e.clone();
        assert!(remove_component(&mut x, v.get("收容").expect("row")));
        assert!(dot(&x, v.get("收容").expect("row")).abs() < 1e-5);
        assert!((dot(&x, &x) - 1.0).abs() < 1e-5);
        let pc = v.principal_component();
        assert!((dot(pc, pc) - 1.0).abs() < 1e-4);
        assert_eq!(v.mean().len(), 3);
        let f = v.frequency("收留").expect("a count");
        assert!((f - 20.0 / 165.0).abs() < 1e-6, "{f}");
        assert_eq!(v.frequency("没有"), None);
    }

    #[test]
    fn every_cut_of_a_file_is_an_error_not_a_panic() {
        let bytes = small().to_bytes();
        for n in 0..bytes.len() {
            let err = Vectors::from_bytes(&bytes[..n]).expect_err("truncated");
            assert!(matches!(err, Error::Vectors { .. }), "{n}: {err}");
        }
        let mut long = bytes.clone();
        long.push(0);
        let err = Vectors::from_bytes(&long).expect_err("trailing byte");
        assert!(err.to_string().contains("needs"), "{err}");
        let mut bad = bytes.clone();
        bad[0] = b'X';
        assert!(Vectors::from_bytes(&bad).is_err());
        let mut version = bytes.clone();
        version[8] = 9;
        assert!(
            Vectors::from_bytes(&version)
                .expect_err("version")
                .to_string()
                .contains("version 9")
        );
        let mut huge = bytes.clone();
        huge[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Vectors::from_bytes(&huge).is_err());
    }

    #[test]
    fn vocabulary_lines_must_match_the_header() {
        let mut bytes = small().to_bytes();
        // Turn the first word's newline into a letter: one line fewer than the header says.
        let first_nl = 24 + "收容".len();
        assert_eq!(bytes[first_nl], b'\n');
        bytes[first_nl] = b'a';
        let err = Vectors::from_bytes(&bytes).expect_err("lines differ");
        assert!(err.to_string().contains("lines"), "{err}");
    }
}
