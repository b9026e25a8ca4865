//! Clause alignment of the five seed documents, from parsed regulations to finished groups
//! (segmentation, weighting, candidates, clustering, labels).

use criterion::{Criterion, criterion_group, criterion_main};
use guize::align::align;
use guize::corpus::Corpus;
use std::hint::black_box;
use std::path::Path;

/// Articles of the five seed documents: each lands in exactly one group.
const ARTICLES: usize = 441;

fn bench_align(c: &mut Criterion) {
    let corpus =
        Corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).expect("corpus");
    let mut group = c.benchmark_group("align");
    group.sample_size(20);
    group.bench_function("five_docs", |b| {
        b.iter(|| {
            let a = align(black_box(&corpus.docs));
            let n: usize = a
                .groups
                .iter()
                .flat_map(|g| g.members.values())
                .map(Vec::len)
                .sum();
            assert_eq!(n, ARTICLES);
            a.groups.len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_align);
criterion_main!(benches);
