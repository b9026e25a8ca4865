//! The built-in word vectors (`guize::meaning`): decoding the file, a nearest-word search over the
//! whole vocabulary, and embedding a clause's words.

use criterion::{Criterion, criterion_group, criterion_main};
use guize::meaning::{BUILTIN_BYTES, Vectors};
use std::hint::black_box;

/// Words of the shipped file (pinned in tests/meaning.rs too).
const WORDS: usize = 23_165;

fn bench_meaning(c: &mut Criterion) {
    c.bench_function("meaning/load", |b| {
        b.iter(|| {
            let v = Vectors::from_bytes(black_box(BUILTIN_BYTES)).expect("decodes");
            assert_eq!(v.len(), WORDS);
            v
        })
    });
    let v = Vectors::builtin();
    c.bench_function("meaning/nearest_10", |b| {
        b.iter(|| {
            let near = v.nearest(black_box("收容"), 10);
            assert_eq!(near.len(), 10);
            near
        })
    });
    let clause = [
        "饲养",
        "犬只",
        "应当",
        "携带",
        "狂犬病",
        "免疫",
        "证明",
        "登记",
    ];
    c.bench_function("meaning/embed_clause", |b| {
        b.iter(|| {
            v.embed(black_box(clause).iter().map(|w| (*w, 1.0)))
                .expect("embeds")
        })
    });
}

criterion_group!(benches, bench_meaning);
criterion_main!(benches);
