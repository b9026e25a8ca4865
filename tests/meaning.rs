//! The word vectors built into guize (`corpus/vectors.bin`, `guize::meaning`): the file loads with
//! the shape it was trained with, its words are guize's own words, and near-synonyms of legal
//! wording, listed in `tests/data/meaning-pairs.tsv` before the vectors were looked at, sit much
//! closer together than chance would put them.

use guize::corpus::Corpus;
use guize::meaning::{Vectors, dot};
use guize::segment::Segmenter;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Dimensions and words of the shipped file (retraining with other options changes them here).
const DIMS: usize = 64;
const WORDS: usize = 23_165;

#[test]
fn the_builtin_vectors_load_with_their_shape() {
    let v = Vectors::try_builtin().expect("the shipped file decodes");
    assert_eq!(v.dims(), DIMS);
    assert_eq!(v.len(), WORDS);
    let builtin = Vectors::builtin();
    assert_eq!(builtin.len(), WORDS);
    // Most frequent first, every row unit length, every count at least the training minimum.
    let counts: Vec<u32> = v.words().map(|w| v.count(w).expect("count")).collect();
    assert!(counts.windows(2).all(|c| c[0] >= c[1]));
    assert!(counts.iter().all(|&c| c >= 5));
    for w in v.words() {
        let row = v.get(w).expect("row");
        assert!((dot(&row, &row) - 1.0).abs() < 1e-3, "{w}");
    }
    assert_eq!(v.similarity("罚款", "罚款").map(|s| s > 0.999), Some(true));
}

#[test]
fn the_vocabulary_is_guizes_own_words_without_numbers_or_punctuation() {
    let v = Vectors::builtin();
    for w in ["罚款", "登记", "养犬", "狂犬病", "常务会议"] {
        assert!(v.contains(w) && v.get(w).is_some(), "{w} has a vector");
    }
    for w in ["，", "。", "第十二条", "2009", "一百五十一"] {
        assert!(!v.contains(w), "{w} is not in the vocabulary");
    }
    // The words come from guize's segmenter: the most frequent ones are each one word of it.
    let seg = Segmenter::global();
    let whole = v
        .words()
        .take(2000)
        .filter(|w| seg.words(w).len() == 1)
        .count();
    assert!(
        whole >= 1980,
        "{whole} of the 2,000 most frequent words are one word"
    );
}

#[test]
fn the_corpus_folder_does_not_take_the_vectors_for_a_document() {
    let corpus = Corpus::load(&root().join("corpus")).expect("corpus/ loads");
    assert_eq!(corpus.docs.len(), 5);
    assert!(
        corpus.sources.iter().all(|s| !s.rel.contains("vectors")),
        "vectors.bin is not a source of the corpus"
    );
    let warnings = format!("{:?}", corpus.load_warnings);
    assert!(!warnings.contains("vectors"), "{warnings}");
}

/// The pairs of `tests/data/meaning-pairs.tsv`.
fn pairs() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("tests/data/meaning-pairs.tsv")).expect("pairs");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (a, b) = l.split_once('\t').expect("two words a line");
            (a.to_string(), b.to_string())
        })
        .collect()
}

/// Rank of `b` among the words closest to `a` (1 = the nearest; `a` itself not counted).
fn rank(v: &Vectors, a: &str, b: &str) -> usize {
    let (va, target) = (v.get(a).expect("a"), v.similarity(a, b).expect("b"));
    1 + v
        .words()
        .filter(|&w| w != a && w != b)
        .filter(|&w| dot(&va, &v.get(w).expect("row")) > target)
        .count()
}

/// splitmix64, for a fixed sample of random word pairs.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[test]
fn near_synonyms_are_far_closer_than_chance() {
    let v = Vectors::builtin();
    let all = pairs();
    assert_eq!(all.len(), 35);
    let known: Vec<&(String, String)> = all
        .iter()
        .filter(|(a, b)| v.contains(a) && v.contains(b))
        .collect();
    // Each partner's rank among the other's neighbours, both ways.
    let ranks: Vec<usize> = known
        .iter()
        .flat_map(|(a, b)| [rank(v, a, b), rank(v, b, a)])
        .collect();
    let mean_rank = ranks.iter().sum::<usize>() as f64 / ranks.len() as f64;
    let mut sorted = ranks.clone();
    sorted.sort_unstable();
    let median_rank = sorted[sorted.len() / 2];

    // The 95th percentile of the cosine of 20,000 random pairs of distinct words.
    let words: Vec<&str> = v.words().collect();
    let mut state = 7;
    let mut random: Vec<f32> = (0..20_000)
        .filter_map(|_| {
            let a = words[(next(&mut state) % words.len() as u64) as usize];
            let b = words[(next(&mut state) % words.len() as u64) as usize];
            (a != b).then(|| v.similarity(a, b).expect("both"))
        })
        .collect();
    random.sort_by(f32::total_cmp);
    let p95 = random[random.len() * 95 / 100];
    let above = known
        .iter()
        .filter(|(a, b)| v.similarity(a, b).expect("both") > p95)
        .count();
    let share = above as f64 / known.len() as f64;
    eprintln!(
        "{} of {} pairs have vectors; partner rank: mean {mean_rank:.0}, median {median_rank} of \
         {} words (chance {:.0}); cosine above the random 95th percentile ({p95:.3}): {above} \
         ({:.0}%, chance 5%)",
        known.len(),
        all.len(),
        v.len(),
        v.len() as f64 / 2.0,
        share * 100.0
    );
    for (a, b) in &known {
        eprintln!(
            "  {a} {b}: cosine {:.2}, ranks {} and {}",
            v.similarity(a, b).expect("both"),
            rank(v, a, b),
            rank(v, b, a)
        );
    }
    // Words the segmenter does not keep whole, or lawrefbook uses fewer than 5 times, have none.
    assert!(known.len() >= 31, "{} pairs with vectors", known.len());
    // Chance puts a partner at rank len/2 on average (about 11,600); measured: mean 396, median 70.
    assert!(mean_rank < v.len() as f64 / 20.0, "mean rank {mean_rank}");
    assert!(median_rank < 200, "median rank {median_rank}");
    assert!(
        // Chance is 5%; measured 65% (20 of 31) when the file was trained.
        share >= 0.6,
        "{above} of {} pairs above the 95th percentile",
        known.len()
    );
}
