//! Articles in, their paragraphs (款 and items) as weighted character-bigram vectors out, with
//! each paragraph's share of its article: the sub-article evidence that tells an article holding
//! several matters from one that only mentions another in a side sentence. Pure; parallel over
//! articles.

use super::features::{SparseVec, bigrams};
use super::space::Space;
use crate::model::Regulation;
use rayon::prelude::*;

/// The paragraphs of every article of a [`Space`], in unit order.
pub(crate) struct Parts {
    /// Per unit: (paragraph index in `Article::paragraphs`, share of the article's characters,
    /// unit bigram vector weighted by the corpus IDF). Paragraphs with fewer than
    /// [`MIN_BIGRAMS`] bigrams (headings, "（一）" alone) are left out.
    pub(crate) of: Vec<Vec<(usize, f32, SparseVec)>>,
}

/// Bigrams a paragraph needs to count as evidence of its own.
const MIN_BIGRAMS: usize = 6;

impl Parts {
    pub(crate) fn new(docs: &[&Regulation], space: &Space) -> Parts {
        let of = (0..space.len())
            .into_par_iter()
            .map(|x| of_unit(docs, space, x))
            .collect();
        Parts { of }
    }
}

/// The paragraphs of unit `x` alone, as [`Parts::of`] holds them: the clustering computes them
/// for one article at a time, so that the paragraphs of the whole corpus are held only for the
/// finished groups' links and partial members, once the clustering's sums are gone.
pub(crate) fn of_unit(
    docs: &[&Regulation],
    space: &Space,
    x: usize,
) -> Vec<(usize, f32, SparseVec)> {
    let n = space.len();
    let u = space.units[x];
    let Some(article) = u.article(docs) else {
        return Vec::new();
    };
    let texts: Vec<(usize, Vec<[char; 2]>)> = article
        .paragraphs
        .iter()
        .take(crate::model::MAX_PARAGRAPHS_WEIGHED)
        .enumerate()
        .map(|(i, p)| (i, bigrams(&p.text)))
        .filter(|(_, g)| g.len() >= MIN_BIGRAMS)
        .collect();
    let total: usize = texts.iter().map(|(_, g)| g.len()).sum();
    texts
        .into_iter()
        .map(|(i, grams)| {
            let share = grams.len() as f32 / total.max(1) as f32;
            (i, share, weigh_pairs(space, &grams, n))
        })
        .collect()
}

/// The bigrams of one paragraph weighted like the articles' (sublinear TF × the corpus IDF);
/// a bigram the corpus never saw cannot occur, as paragraphs are parts of the articles counted.
pub(crate) fn weigh_pairs(space: &Space, grams: &[[char; 2]], n: usize) -> SparseVec {
    weigh_pairs_mass(space, grams, n).0
}

/// [`weigh_pairs`] with the paragraph's weighted mass: its weights summed before the vector is
/// made unit length (how much of its article's weighted wording it carries).
pub(crate) fn weigh_pairs_mass(space: &Space, grams: &[[char; 2]], n: usize) -> (SparseVec, f32) {
    let vocab = &space.bigram_vocab;
    let mut ids: Vec<u32> = grams
        .iter()
        .filter_map(|&[a, b]| {
            let mut buf = [0u8; 8];
            let k = a.encode_utf8(&mut buf).len();
            let m = b.encode_utf8(&mut buf[k..]).len();
            std::str::from_utf8(&buf[..k + m])
                .ok()
                .and_then(|s| vocab.get(s))
        })
        .collect();
    ids.sort_unstable();
    let mut pairs: Vec<(u32, f32)> = Vec::new();
    let mut i = 0;
    while i < ids.len() {
        let mut j = i;
        while j < ids.len() && ids[j] == ids[i] {
            j += 1;
        }
        let tf = 1.0 + ((j - i) as f32).ln();
        pairs.push((ids[i], tf * vocab.idf(ids[i], n)));
        i = j;
    }
    let mass = pairs.iter().map(|p| p.1).sum();
    (SparseVec::normalised(pairs), mass)
}
