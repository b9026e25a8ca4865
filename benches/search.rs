//! Segmenting and indexing the five documents and the whole lawrefbook corpus (MB/s), and the
//! latency of one search. lawrefbook is read from ../shared (or $GUIZE_SHARED) when present.
//! Each iteration asserts a count known before the loop.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use guize::corpus::Corpus;
use guize::index::{self, Filter};
use guize::model::Regulation;
use guize::segment::Segmenter;
use std::hint::black_box;
use std::path::Path;

fn text_bytes(docs: &[Regulation]) -> usize {
    docs.iter()
        .flat_map(|d| &d.articles)
        .map(|a| {
            if a.norm.is_empty() {
                a.text.len()
            } else {
                a.norm.len()
            }
        })
        .sum()
}

/// Segmenting alone, the floor an index build is compared against.
fn segment_all(docs: &[Regulation]) -> usize {
    let seg = Segmenter::global();
    let mut terms = Vec::new();
    let mut n = 0;
    for a in docs.iter().flat_map(|d| &d.articles) {
        let text = if a.norm.is_empty() { &a.text } else { &a.norm };
        seg.search_terms(text, &mut terms);
        n += terms.len();
    }
    n
}

fn bench_corpus(c: &mut Criterion, name: &str, docs: &[Regulation], samples: usize) {
    let articles: usize = docs.iter().map(|d| d.articles.len()).sum();
    let mut group = c.benchmark_group(name);
    group.sample_size(samples);
    group.throughput(Throughput::Bytes(text_bytes(docs) as u64));
    let terms = segment_all(docs);
    group.bench_function("segment", |b| {
        b.iter(|| assert_eq!(segment_all(black_box(docs)), terms))
    });
    let mut size = 0;
    group.bench_function("index", |b| {
        b.iter(|| {
            let dir = tempfile::tempdir().unwrap();
            let stats = index::rebuild(dir.path(), docs, "bench", &mut |_| {}).unwrap();
            assert_eq!(stats.articles, articles);
            size = stats.index_bytes;
        })
    });
    group.finish();
    eprintln!(
        "{name}: {articles} articles, {:.1} MB of text, index {:.1} MB",
        text_bytes(docs) as f64 / 1e6,
        size as f64 / 1e6
    );
}

fn five_documents(c: &mut Criterion) {
    let corpus = Corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).unwrap();
    bench_corpus(c, "five", &corpus.docs, 20);
    freshness(c, "five", &corpus);

    let dir = tempfile::tempdir().unwrap();
    index::rebuild(dir.path(), &corpus.docs, "bench", &mut |_| {}).unwrap();
    let idx = index::open(dir.path()).unwrap();
    let total = idx
        .search("常务会议", &Filter::default(), 10)
        .unwrap()
        .total;
    c.bench_function("search 常务会议 (open index)", |b| {
        b.iter(|| {
            assert_eq!(
                idx.search(black_box("常务会议"), &Filter::default(), 10)
                    .unwrap()
                    .total,
                total
            )
        })
    });
    // The same search with every query word weighing alike: what the rarity weights cost (one
    // term-dictionary lookup per query word).
    let alike = index::RankParams {
        rarity: 0.0,
        ..index::RankParams::default()
    };
    c.bench_function(
        "search 常务会议 (open index, words weighed alike)",
        |b| {
            b.iter(|| {
                assert_eq!(
                    idx.search_with(black_box("常务会议"), &Filter::default(), 10, &alike)
                        .unwrap()
                        .total,
                    total
                )
            })
        },
    );
    // Without the kind a query asks for and without words counted in their full form: what
    // they cost a query that names no kind (the spelt-out runs are looked for in every share).
    let plain = index::RankParams {
        kind: 0.0,
        kind_words: false,
        abbrev_words: 0.0,
        ..index::RankParams::default()
    };
    c.bench_function(
        "search 常务会议 (open index, no kinds or full forms)",
        |b| {
            b.iter(|| {
                assert_eq!(
                    idx.search_with(black_box("常务会议"), &Filter::default(), 10, &plain)
                        .unwrap()
                        .total,
                    total
                )
            })
        },
    );
    // A query naming an article type: its articles are added to the pool, and each hit's types
    // are read.
    c.bench_function("search 立法目的 (open index)", |b| {
        b.iter(|| {
            assert!(
                !idx.search(black_box("立法目的"), &Filter::default(), 10)
                    .unwrap()
                    .hits
                    .is_empty()
            )
        })
    });
    // A query of 980 distinct CJK characters, nearly all rare (a page of random characters):
    // every word rare enough to be widened by its neighbours and associations; only the first
    // `MAX_WIDENED_WORDS` are (6 s on the five before the cap).
    let rare: String = (0..980u32)
        .filter_map(|i| char::from_u32(0x4E00 + (i * 7919) % 0x51A5))
        .collect();
    let mut slow = c.benchmark_group("search 980 rare characters");
    slow.sample_size(10);
    slow.bench_function("open index", |b| {
        b.iter(|| assert!(idx.search(black_box(&rare), &Filter::default(), 10).is_ok()))
    });
    slow.finish();
    c.bench_function("search 常务会议 (open + first query)", |b| {
        b.iter(|| {
            let idx = index::open(dir.path()).unwrap();
            assert_eq!(
                idx.search(black_box("常务会议"), &Filter::default(), 10)
                    .unwrap()
                    .total,
                total
            )
        })
    });
}

fn lawrefbook(c: &mut Criterion) {
    let shared = std::env::var_os("GUIZE_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        std::path::PathBuf::from,
    );
    let root = shared.join("corpora/lawrefbook");
    if !root.exists() {
        eprintln!(
            "lawrefbook benchmarks skipped: {} is absent",
            root.display()
        );
        return;
    }
    let corpus = Corpus::load(&root).unwrap();
    freshness(c, "lawrefbook", &corpus);
    bench_corpus(c, "lawrefbook", &corpus.docs, 10);
}

/// The freshness check every search makes: the walk and a stat of every file against the files
/// the index recorded (nothing changed, so nothing is read), against hashing every file.
fn freshness(c: &mut Criterion, name: &str, corpus: &Corpus) {
    let fingerprint = guize::index::fingerprint_of(&corpus.sources);
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.bench_function("freshness check (stat)", |b| {
        b.iter(|| {
            let s = index::survey(&corpus.root, black_box(&corpus.sources)).unwrap();
            assert_eq!(s.fingerprint, fingerprint);
        })
    });
    group.bench_function("freshness check (hash every file)", |b| {
        b.iter(|| assert_eq!(index::fingerprint(&corpus.root).unwrap(), fingerprint))
    });
    group.finish();
}

criterion_group!(benches, five_documents, lawrefbook);
criterion_main!(benches);
