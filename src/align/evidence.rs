//! The evidence of one pair of articles, term by term, on the corpus's own scale: for studying
//! the links the alignment misses (`examples/missed_links.rs`). Each term of the similarity
//! (bigram cosine, word cosine, meaning cosine), the coverage both ways and the best pair of
//! paragraphs (bigram cosine, as the paragraph steps read them) is given with the median and
//! robust spread of the same term over unrelated pairs of articles of different documents
//! (the pairs `Space::null_sim` draws), so that a value reads as so many spreads above chance.
//!
//! Work: the space and every article's paragraphs once; 20,000 sampled pairs for the nulls.

use super::features::SparseVec;
use super::space::{Space, dense_dot, hashed_pairs};
use super::{Params, build_space};
use crate::model::Regulation;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The terms of one pair's evidence.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct PairTerms {
    /// The space's similarity (words, bigrams, chapters, meaning), before the pair-level terms.
    pub sim: f32,
    /// Cosine of the IDF-weighted bigram vectors.
    pub bigrams: f32,
    /// Cosine of the IDF-weighted word vectors.
    pub words: f32,
    /// Cosine of the meaning embeddings (0 when the term is off).
    pub meaning: f32,
    /// The smaller of the two coverages (the share of each article's wording found in the other).
    pub coverage: f32,
    /// The best bigram cosine of a paragraph of one article with a paragraph of the other.
    pub paragraph: f32,
}

impl PairTerms {
    fn values(&self) -> [f32; 6] {
        [
            self.sim,
            self.bigrams,
            self.words,
            self.meaning,
            self.coverage,
            self.paragraph,
        ]
    }

    fn from_values(v: [f32; 6]) -> PairTerms {
        PairTerms {
            sim: v[0],
            bigrams: v[1],
            words: v[2],
            meaning: v[3],
            coverage: v[4],
            paragraph: v[5],
        }
    }
}

/// Reads the terms of any pair of a corpus, and their nulls.
pub struct EvidenceReader {
    space: Space,
    parts: Vec<Vec<(usize, f32, SparseVec)>>,
    index: BTreeMap<(String, u32), usize>,
    centre: PairTerms,
    spread: PairTerms,
}

impl EvidenceReader {
    /// The space of `docs` under `params.sim`, its paragraphs and the nulls of every term.
    pub fn new(docs: &[&Regulation], params: &Params) -> EvidenceReader {
        let folded = super::simplified(docs);
        let docs: &[&Regulation] = &folded.iter().map(|d| d.as_ref()).collect::<Vec<_>>();
        let space = build_space(docs, params.sim);
        let parts: Vec<_> = (0..space.len())
            .into_par_iter()
            .map(|x| super::parts::of_unit(docs, &space, x))
            .collect();
        let index = space
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.sub == 0)
            .map(|(i, u)| ((docs[u.doc].id.as_str().to_string(), u.number), i))
            .collect();
        let mut reader = EvidenceReader {
            space,
            parts,
            index,
            centre: PairTerms::default(),
            spread: PairTerms::default(),
        };
        reader.fit_null();
        reader
    }

    fn terms(&self, x: usize, y: usize) -> PairTerms {
        let s = &self.space;
        let paragraph = self.parts[x]
            .iter()
            .flat_map(|a| self.parts[y].iter().map(move |b| a.2.dot(&b.2)))
            .fold(0.0f32, f32::max);
        let meaning = if s.dims > 0 {
            dense_dot(s.meaning_of(x), s.meaning_of(y))
        } else {
            0.0
        };
        PairTerms {
            sim: s.sim(x, y),
            bigrams: s.bigrams[x].dot(&s.bigrams[y]),
            words: s.words[x].dot(&s.words[y]),
            meaning,
            coverage: s.coverage(x, y).min(s.coverage(y, x)),
            paragraph,
        }
    }

    fn fit_null(&mut self) {
        const SAMPLES: usize = 20_000;
        let n = self.space.len();
        let pairs: Vec<(usize, usize)> = hashed_pairs(0x9e37_79b9_7f4a_7c15, n, n)
            .take(4 * SAMPLES)
            .filter(|&(x, y)| self.space.units[x].doc != self.space.units[y].doc)
            .take(SAMPLES)
            .collect();
        if pairs.is_empty() {
            return;
        }
        let rows: Vec<[f32; 6]> = pairs
            .par_iter()
            .map(|&(x, y)| self.terms(x, y).values())
            .collect();
        let mut centre = [0.0f32; 6];
        let mut spread = [0.0f32; 6];
        for k in 0..6 {
            let mut v: Vec<f32> = rows.iter().map(|r| r[k]).collect();
            let mid = v.len() / 2;
            let c = *v.select_nth_unstable_by(mid, f32::total_cmp).1;
            let mut dev: Vec<f32> = v.iter().map(|s| (s - c).abs()).collect();
            let d = *dev.select_nth_unstable_by(mid, f32::total_cmp).1;
            centre[k] = c;
            spread[k] = (1.4826 * d).max(1e-3);
        }
        self.centre = PairTerms::from_values(centre);
        self.spread = PairTerms::from_values(spread);
    }

    /// The terms of articles `a` and `b` (document id, article number), when both exist.
    pub fn of(&self, a: (&str, u32), b: (&str, u32)) -> Option<PairTerms> {
        let x = *self.index.get(&(a.0.to_string(), a.1))?;
        let y = *self.index.get(&(b.0.to_string(), b.1))?;
        Some(self.terms(x, y))
    }

    /// The terms of `a` and `b` as robust z-scores over the corpus's null of each term.
    pub fn z_of(&self, a: (&str, u32), b: (&str, u32)) -> Option<PairTerms> {
        let t = self.of(a, b)?.values();
        let (c, s) = (self.centre.values(), self.spread.values());
        let mut z = [0.0f32; 6];
        for k in 0..6 {
            z[k] = (t[k] - c[k]) / s[k];
        }
        Some(PairTerms::from_values(z))
    }

    /// The null of every term: its median and robust spread over unrelated pairs.
    pub fn null(&self) -> (PairTerms, PairTerms) {
        (self.centre, self.spread)
    }
}
