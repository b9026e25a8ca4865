//! Extraction of every figure from the five documents of the corpus.

use criterion::{Criterion, criterion_group, criterion_main};
use guize::corpus::Corpus;
use guize::numbers::extract_regulation;
use std::hint::black_box;
use std::path::Path;

/// Figures in the five seed documents (pinned; see tests/numbers_gold.rs for their quality).
const FIGURES: usize = 62;

fn bench_extract(c: &mut Criterion) {
    let corpus =
        Corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).expect("corpus");
    c.bench_function("numbers/extract_5_docs", |b| {
        b.iter(|| {
            let n: usize = corpus
                .docs
                .iter()
                .map(|d| extract_regulation(black_box(d)).len())
                .sum();
            assert_eq!(n, FIGURES);
            n
        })
    });
}

criterion_group!(benches, bench_extract);
criterion_main!(benches);
