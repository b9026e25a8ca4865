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
//! A file may also hold vectors of character n-grams (fastText-style subwords): each word of two
//! or more characters is written `<word>` with boundary marks, its substrings of `min_n..=max_n`
//! characters (the marks alone left out) are hashed into a fixed number of buckets, and a word
//! outside the vocabulary gets the mean of its n-grams' bucket vectors (收留所 from 收留, 留所,
//! 所>, …). The vocabulary's own rows were trained the same way (a word's vector is the mean of its
//! own vector and its n-grams'), and are stored already composed.
//!
//! The file format (all integers little-endian):
//!
//! | bytes | what |
//! |---|---|
//! | 8 | magic `GZVECTOR` |
//! | 4 | format version (1: words only; 2: words and n-gram buckets) |
//! | 4 | dimensions `d` (1..=1024) |
//! | 4 | number of words `n` |
//! | 4 | byte length `v` of the vocabulary |
//! | 12 | version 2 only: number of buckets `b`, `min_n`, `max_n` (u32 each, 1 ≤ min_n ≤ max_n ≤ 8) |
//! | `v` | the words, UTF-8, each ended by `\n`, most frequent first |
//! | 4·n | each word's count in the training corpus (u32) |
//! | 4·n | each word's scale (f32): component `i` is `scale · q[i] / 127` |
//! | d·n | the quantised components (i8), word after word |
//! | 4·b | version 2 only: each bucket's scale (f32; 0 for a bucket no n-gram of training fell in) |
//! | d·b | version 2 only: the buckets' quantised components (i8) |
//!
//! Nothing may follow. Stored word vectors are unit length before quantisation; [`Vectors::get`]
//! gives them re-normalised after it. A bucket keeps its length (the scale says it), since a
//! word's vector is the mean of several. An n-gram's bucket is its UTF-8 bytes' 32-bit FNV-1a
//! hash modulo `b` ([`ngram_buckets`]).

use crate::error::{Error, Result};
use crate::text::hash::WordHasher;
use hashbrown::HashTable;
use std::borrow::Cow;
use std::sync::OnceLock;

/// The first eight bytes of a vectors file.
pub const MAGIC: &[u8; 8] = b"GZVECTOR";
/// The newest format version this code reads and writes (version 1, words only, is read too, and
/// written for vectors without n-grams).
pub const VERSION: u32 = 2;
/// Largest number of dimensions a file may declare (a guard against a corrupt header).
const MAX_DIMS: usize = 1024;
/// Longest n-gram a file may declare, in characters.
const MAX_N: usize = 8;

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
    /// The character n-grams' buckets, when the file has them.
    subwords: Option<Subwords>,
    common: OnceLock<Common>,
    total: OnceLock<u64>,
}

/// Vectors of hashed character n-grams, kept quantised (`scale · q / 127`) and composed on demand.
#[derive(Debug, Clone)]
struct Subwords {
    min_n: usize,
    max_n: usize,
    scales: Vec<f32>,
    rows: Vec<i8>,
}

impl Subwords {
    fn len(&self) -> usize {
        self.scales.len()
    }
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

    /// True when the built-in vectors have a vector for `word` (its own, or one composed from
    /// its n-grams when the file has them), read from the file's vocabulary and buckets' scales
    /// without decoding the vectors (a search asks this before it asks for a word's neighbours,
    /// so that a query whose words have none does not decode them).
    pub fn builtin_has(word: &str) -> bool {
        if let Some(v) = BUILTIN.get() {
            return v.get(word).is_some();
        }
        builtin_vocabulary().is_some_and(|vocab| vocabulary_has(vocab, word))
            || builtin_composes(word)
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
            subwords: None,
            common: OnceLock::new(),
            total: OnceLock::new(),
        }
    }

    /// These vectors with character n-gram buckets: `rows` holds `buckets · dims` floats (bucket
    /// after bucket, as [`ngram_buckets`] numbers them), quantised here as the file stores them
    /// (an all-zero bucket is an empty one). The word rows are kept as they are: they should
    /// already be the words' composed vectors.
    pub fn with_subwords(mut self, min_n: usize, max_n: usize, rows: &[f32]) -> Result<Vectors> {
        if min_n == 0 || min_n > max_n || max_n > MAX_N {
            return Err(malformed(format!(
                "n-grams of {min_n}..={max_n} characters (expected 1 <= min <= max <= {MAX_N})"
            )));
        }
        if self.dims == 0 || rows.is_empty() || !rows.len().is_multiple_of(self.dims) {
            return Err(malformed(format!(
                "{} floats of buckets for {} dimensions",
                rows.len(),
                self.dims
            )));
        }
        let mut scales = Vec::with_capacity(rows.len() / self.dims);
        let mut quantised = Vec::with_capacity(rows.len());
        for row in rows.chunks_exact(self.dims) {
            let scale = row.iter().fold(0.0f32, |m, x| m.max(x.abs()));
            let scale = if scale.is_finite() { scale } else { 0.0 };
            scales.push(scale);
            quantised.extend(row.iter().map(|&x| quantise(x, scale)));
        }
        self.subwords = Some(Subwords {
            min_n,
            max_n,
            scales,
            rows: quantised,
        });
        Ok(self)
    }

    /// The n-gram settings and bucket count, `(min_n, max_n, buckets)`, when these vectors have
    /// n-grams.
    pub fn subword_shape(&self) -> Option<(usize, usize, usize)> {
        self.subwords.as_ref().map(|s| (s.min_n, s.max_n, s.len()))
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
            subwords: None,
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
        if version != 1 && version != VERSION {
            return Err(malformed(format!(
                "format version {version}; this guize reads versions 1 and {VERSION}"
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
        let (buckets, min_n, max_n) = if version >= 2 {
            let b = r.u32("the number of buckets")? as usize;
            let min_n = r.u32("the shortest n-gram")? as usize;
            let max_n = r.u32("the longest n-gram")? as usize;
            if min_n == 0 || min_n > max_n || max_n > MAX_N {
                return Err(malformed(format!(
                    "n-grams of {min_n}..={max_n} characters (expected 1 <= min <= max <= {MAX_N})"
                )));
            }
            if b == 0 {
                return Err(malformed("a version 2 file with no buckets".into()));
            }
            (b, min_n, max_n)
        } else {
            (0, 0, 0)
        };
        // Check the whole size before allocating anything sized by the header.
        let expected = count
            .checked_mul(8 + dims)
            .and_then(|b| b.checked_add(vocab_len))
            .and_then(|b| b.checked_add(buckets.checked_mul(4 + dims)?))
            .and_then(|b| b.checked_add(r.at));
        match expected {
            Some(n) if n == bytes.len() => {}
            Some(n) => {
                return Err(malformed(format!(
                    "{} bytes, but its header ({count} words of {dims} dimensions, a vocabulary of \
                     {vocab_len} bytes, {buckets} buckets) needs {n}",
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
        let subwords = if buckets > 0 {
            let scales = r.take(4 * buckets, "the buckets' scales")?;
            let quantised = r.take(dims * buckets, "the buckets")?;
            let mut s = Vec::with_capacity(buckets);
            for i in 0..buckets {
                let scale = f32::from_le_bytes(le4(scales, i));
                if !scale.is_finite() || scale < 0.0 {
                    return Err(malformed(format!("bucket {i} has scale {scale}")));
                }
                s.push(scale);
            }
            Some(Subwords {
                min_n,
                max_n,
                scales: s,
                rows: quantised.iter().map(|&b| b as i8).collect(),
            })
        } else {
            None
        };
        let mut v = Vectors::assemble(dims, words.into_iter(), counts, rows)?;
        v.subwords = subwords;
        Ok(v)
    }

    /// Encodes these vectors in the file format (each row quantised to i8 with its own scale).
    pub fn to_bytes(&self) -> Vec<u8> {
        let vocab_len: usize = self.words().map(|w| w.len() + 1).sum();
        let buckets = self.subwords.as_ref().map_or(0, |s| s.len());
        let mut out = Vec::with_capacity(
            36 + vocab_len + self.len() * (8 + self.dims) + buckets * (4 + self.dims),
        );
        out.extend_from_slice(MAGIC);
        let mut header = vec![self.dims, self.len(), vocab_len];
        match &self.subwords {
            Some(s) => {
                header.insert(0, VERSION as usize);
                header.extend([s.len(), s.min_n, s.max_n]);
            }
            None => header.insert(0, 1),
        }
        for n in header {
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
            out.extend(row.iter().map(|&x| quantise(x, scale) as u8));
        }
        if let Some(s) = &self.subwords {
            for scale in &s.scales {
                out.extend_from_slice(&scale.to_le_bytes());
            }
            out.extend(s.rows.iter().map(|&q| q as u8));
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

    /// True when `word` is in the vocabulary (has a vector of its own, and a count).
    pub fn contains(&self, word: &str) -> bool {
        self.number(word).is_some()
    }

    /// The unit vector of `word`, if it has one: its own row when it is in the vocabulary, else
    /// (when the file has n-grams) the mean of its character n-grams' vectors; `None` when none
    /// of its n-grams fell in a bucket that training filled.
    pub fn get(&self, word: &str) -> Option<Cow<'_, [f32]>> {
        match self.number(word) {
            Some(i) => Some(Cow::Borrowed(self.row(i))),
            None => self.compose(word).map(Cow::Owned),
        }
    }

    /// The mean of the vectors of `word`'s n-grams, unit length, for a word outside the
    /// vocabulary.
    fn compose(&self, word: &str) -> Option<Vec<f32>> {
        let s = self.subwords.as_ref()?;
        let mut buckets = Vec::new();
        ngram_buckets(word, s.min_n, s.max_n, s.len(), &mut buckets);
        let mut sum = vec![0.0f32; self.dims];
        let mut any = false;
        for b in buckets {
            let b = b as usize;
            let scale = s.scales[b];
            if scale > 0.0 {
                any = true;
                let q = &s.rows[b * self.dims..(b + 1) * self.dims];
                for (x, &q) in sum.iter_mut().zip(q) {
                    *x += f32::from(q) * scale / 127.0;
                }
            }
        }
        (any && normalise(&mut sum)).then_some(sum)
    }

    fn row(&self, i: usize) -> &[f32] {
        &self.rows[i * self.dims..(i + 1) * self.dims]
    }

    /// Cosine of the two words' vectors (-1..=1), `None` when either has none.
    pub fn similarity(&self, a: &str, b: &str) -> Option<f32> {
        Some(dot(&self.get(a)?, &self.get(b)?))
    }

    /// The `k` words of the vocabulary closest to `word` (itself left out), most similar first;
    /// a word outside the vocabulary is looked for by its n-grams' vector ([`Vectors::get`]).
    pub fn nearest(&self, word: &str, k: usize) -> Vec<(String, f32)> {
        match self.number(word) {
            Some(i) => self.nearest_to(self.row(i), k, Some(i)),
            None => match self.compose(word) {
                Some(v) => self.nearest_to(&v, k, None),
                None => Vec::new(),
            },
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
                for (s, x) in sum.iter_mut().zip(v.iter()) {
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

/// Component `x` of a row whose largest magnitude is `scale`, as the file stores it.
fn quantise(x: f32, scale: f32) -> i8 {
    if scale > 0.0 {
        (x / scale * 127.0).round().clamp(-127.0, 127.0) as i8
    } else {
        0
    }
}

/// The buckets of `word`'s character n-grams, in order, into `out` (cleared first): the word is
/// marked `<word>`, and every substring of `min_n..=max_n` characters of that is hashed (32-bit
/// FNV-1a of its UTF-8 bytes) modulo `buckets`, but for the two marks alone. Nothing for an empty
/// word or no buckets. Training and lookup both use this, so it fixes the file format.
pub fn ngram_buckets(word: &str, min_n: usize, max_n: usize, buckets: usize, out: &mut Vec<u32>) {
    out.clear();
    if word.is_empty() || buckets == 0 || min_n == 0 {
        return;
    }
    let marked: Vec<char> = std::iter::once('<')
        .chain(word.chars())
        .chain(std::iter::once('>'))
        .collect();
    let mut buf = [0u8; 4];
    for i in 0..marked.len() {
        for n in min_n..=max_n.min(marked.len() - i) {
            if n == 1 && (i == 0 || i == marked.len() - 1) {
                continue;
            }
            let mut h: u32 = 0x811c_9dc5;
            for c in &marked[i..i + n] {
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
                }
            }
            out.push((h as usize % buckets) as u32);
        }
    }
}

/// The header fields of a file that say where things lie, read without checking them.
struct RawHeader {
    dims: usize,
    count: usize,
    vocab_start: usize,
    vocab_len: usize,
    buckets: usize,
    min_n: usize,
    max_n: usize,
}

fn raw_header(bytes: &[u8]) -> Option<RawHeader> {
    let field = |i: usize| -> Option<usize> {
        let at = 8 + 4 * i;
        Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize)
    };
    let version = field(0)?;
    let (buckets, min_n, max_n, vocab_start) = if version >= 2 {
        (field(4)?, field(5)?, field(6)?, 36)
    } else {
        (0, 0, 0, 24)
    };
    Some(RawHeader {
        dims: field(1)?,
        count: field(2)?,
        vocab_start,
        vocab_len: field(3)?,
        buckets,
        min_n,
        max_n,
    })
}

/// The vocabulary block of the built-in file (its words, each ended by a newline), `None` when
/// the header is cut off or its length runs past the file.
fn builtin_vocabulary() -> Option<&'static str> {
    let h = raw_header(BUILTIN_BYTES)?;
    let block = BUILTIN_BYTES.get(h.vocab_start..h.vocab_start.checked_add(h.vocab_len)?)?;
    std::str::from_utf8(block).ok()
}

/// True when the built-in file composes a vector for `word` from its n-grams (one of its n-grams'
/// buckets is filled), read from the buckets' scales without decoding anything.
fn builtin_composes(word: &str) -> bool {
    let Some(h) = raw_header(BUILTIN_BYTES) else {
        return false;
    };
    if h.buckets == 0 || h.min_n == 0 || h.min_n > h.max_n || h.max_n > MAX_N {
        return false;
    }
    let start = h
        .count
        .checked_mul(8 + h.dims)
        .and_then(|n| n.checked_add(h.vocab_start + h.vocab_len));
    let Some(start) = start else {
        return false;
    };
    let mut buckets = Vec::new();
    ngram_buckets(word, h.min_n, h.max_n, h.buckets, &mut buckets);
    buckets.into_iter().any(|b| {
        let at = start + 4 * b as usize;
        BUILTIN_BYTES
            .get(at..at + 4)
            .and_then(|s| s.try_into().ok())
            .is_some_and(|s| f32::from_le_bytes(s) > 0.0)
    })
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
            assert_eq!(vocabulary_has(vocab, w), decoded.contains(w), "{w:?}");
            assert_eq!(
                vocabulary_has(vocab, w) || builtin_composes(w),
                decoded.get(w).is_some(),
                "{w:?}"
            );
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
            let cos = dot(&v.get(w).expect("a"), &back.get(w).expect("b"));
            assert!(cos > 0.999, "{w}: {cos}");
        }
        assert_eq!(back.get("零").as_deref(), Some(&[0.0, 0.0, 0.0][..]));
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
        assert!(remove_component(&mut x, &v.get("收容").expect("row")));
        assert!(dot(&x, &v.get("收容").expect("row")).abs() < 1e-5);
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

    /// `small()` with n-grams of 1..=2 characters in 1,024 buckets: the buckets of 收 and 容 point
    /// like 收容, those of 罚 like 罚款, every other bucket is empty.
    fn with_ngrams() -> Vectors {
        let v = small();
        let buckets = 1024;
        let mut rows = vec![0.0f32; buckets * 3];
        let mut grams = Vec::new();
        for (word, row) in [
            ("收", [0.5, 0.1, 0.0]),
            ("容", [0.4, 0.1, 0.05]),
            ("罚", [0.0, 0.0, 0.6]),
        ] {
            ngram_buckets(word, 1, 1, buckets, &mut grams);
            assert_eq!(grams.len(), 1);
            let b = grams[0] as usize;
            rows[b * 3..b * 3 + 3].copy_from_slice(&row);
        }
        v.with_subwords(1, 2, &rows).expect("valid buckets")
    }

    #[test]
    fn ngrams_are_marked_substrings() {
        // <收留所>: 3 one-character, 4 two-character and 3 three-character n-grams.
        let mut out = Vec::new();
        ngram_buckets("收留所", 1, 3, 1 << 20, &mut out);
        assert_eq!(out.len(), 10);
        let mut one = Vec::new();
        ngram_buckets("所", 1, 1, 1 << 20, &mut one);
        assert!(out.contains(&one[0]));
        ngram_buckets("收留所", 2, 2, 1 << 20, &mut out);
        assert_eq!(out.len(), 4, "<收 收留 留所 所>");
        ngram_buckets("", 1, 3, 100, &mut out);
        assert!(out.is_empty());
        ngram_buckets("犬", 1, 3, 0, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_word_outside_the_vocabulary_gets_its_ngrams_vector() {
        let v = with_ngrams();
        assert!(!v.contains("收容所") && v.count("收容所").is_none());
        let composed = v.get("收容所").expect("composed from 收 and 容");
        assert!((dot(&composed, &composed) - 1.0).abs() < 1e-4);
        assert!(v.similarity("收容所", "收容").expect("both") > 0.9);
        assert_eq!(v.nearest("收容所", 1)[0].0, "收容");
        assert_eq!(v.nearest("罚金", 1)[0].0, "罚款");
        // No n-gram of these fell in a filled bucket (a collision could fill one; not here).
        let mut grams = Vec::new();
        ngram_buckets("ab", 1, 2, 1024, &mut grams);
        let empty = v
            .subwords
            .as_ref()
            .map(|s| grams.iter().all(|&b| s.scales[b as usize] == 0.0));
        assert_eq!(v.get("ab").is_none(), empty == Some(true));
        // The vocabulary's own rows are unchanged.
        assert_eq!(v.get("收留").as_deref(), small().get("收留").as_deref());
        assert_eq!(v.subword_shape(), Some((1, 2, 1024)));
        assert!(v.clone().with_subwords(0, 2, &[0.0; 3]).is_err());
        assert!(v.clone().with_subwords(2, 1, &[0.0; 3]).is_err());
        assert!(v.clone().with_subwords(1, 2, &[0.0; 4]).is_err());
    }

    #[test]
    fn ngram_files_round_trip_and_version_1_still_reads() {
        let v = with_ngrams();
        let bytes = v.to_bytes();
        assert_eq!(bytes[8], 2, "version 2");
        let back = Vectors::from_bytes(&bytes).expect("decodes");
        assert_eq!(back.subword_shape(), Some((1, 2, 1024)));
        let (a, b) = (v.get("收容所").expect("a"), back.get("收容所").expect("b"));
        assert!(dot(&a, &b) > 0.999);
        // The buckets are stored as they were quantised (the words' scales move in their last
        // bits, the rows having been re-normalised).
        let buckets = 1024 * (4 + 3);
        let again = back.to_bytes();
        assert_eq!(again.len(), bytes.len());
        assert!(again[again.len() - buckets..] == bytes[bytes.len() - buckets..]);
        let old = small().to_bytes();
        assert_eq!(
            old[8], 1,
            "vectors without n-grams are written as version 1"
        );
        let old = Vectors::from_bytes(&old).expect("version 1 decodes");
        assert!(old.get("收容所").is_none() && old.subword_shape().is_none());
    }

    #[test]
    fn every_cut_or_bad_header_of_an_ngram_file_is_an_error_not_a_panic() {
        let bytes = with_ngrams().to_bytes();
        for n in 0..bytes.len() {
            let err = Vectors::from_bytes(&bytes[..n]).expect_err("truncated");
            assert!(matches!(err, Error::Vectors { .. }), "{n}: {err}");
        }
        let mut long = bytes.clone();
        long.push(0);
        assert!(Vectors::from_bytes(&long).is_err());
        // Buckets, min_n and max_n at bytes 24, 28 and 32.
        for (at, value, says) in [
            (24, 0, "no buckets"),
            (24, u32::MAX, "needs"),
            (28, 0, "n-grams of 0"),
            (28, 3, "n-grams of 3..=2"),
            (32, 9, "n-grams of 1..=9"),
        ] {
            let mut bad = bytes.clone();
            bad[at..at + 4].copy_from_slice(&value.to_le_bytes());
            let err = Vectors::from_bytes(&bad).expect_err(says);
            assert!(err.to_string().contains(says), "{says}: {err}");
        }
        // A bucket's scale that is not a finite length.
        let scales = bytes.len() - 1024 * (3 + 4);
        for bad_scale in [f32::NAN, f32::INFINITY, -1.0] {
            let mut bad = bytes.clone();
            bad[scales..scales + 4].copy_from_slice(&bad_scale.to_le_bytes());
            let err = Vectors::from_bytes(&bad).expect_err("bad scale");
            assert!(err.to_string().contains("bucket 0"), "{err}");
        }
        // Every single byte of the header changed to every value decodes or errs, never panics.
        for at in 0..36 {
            for value in [0u8, 1, 2, 3, 0x7f, 0xff] {
                let mut bad = bytes.clone();
                bad[at] = value;
                let _ = Vectors::from_bytes(&bad);
            }
        }
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
