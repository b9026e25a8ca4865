//! Extraction of every figure from the five documents of the corpus, and the figures' table of
//! two one-line articles of thousands of figures each (pairing across documents).

use criterion::{Criterion, criterion_group, criterion_main};
use guize::corpus::Corpus;
use guize::model::{DocId, DocMeta};
use guize::numbers::{Provision, extract_regulation, table};
use guize::parse::{Source, SourceKind, parse};
use std::hint::black_box;
use std::path::Path;

/// Figures in the five seed documents (pinned; see tests/numbers_gold.rs for their quality).
const FIGURES: usize = 60;

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

/// The figures of two one-line articles, each a sentence with two figures repeated `figures / 2`
/// times (the second article says 3次 where the first says 2次).
fn long_lines(figures: usize) -> (Vec<Provision>, Vec<DocId>) {
    let mut provisions = Vec::new();
    let mut docs = Vec::new();
    for (id, times) in [("huge", "2"), ("huge2", "3")] {
        let line =
            format!("区政府常务会议一般每月召开{times}次，提前3个工作日通知。").repeat(figures / 2);
        let text = format!("第一条 {line}\n");
        let reg = parse(Source {
            id: id.into(),
            path: Path::new(id),
            text: &text,
            kind: SourceKind::Text,
            meta: DocMeta::default(),
        });
        provisions.extend(extract_regulation(&reg));
        docs.push(DocId::from(id));
    }
    (provisions, docs)
}

fn bench_table(c: &mut Criterion) {
    let mut group = c.benchmark_group("numbers/table_two_long_lines");
    group.sample_size(10);
    for figures in [2_000, 8_000] {
        let (provisions, docs) = long_lines(figures);
        assert_eq!(provisions.len(), 2 * figures);
        group.bench_function(format!("{figures}_figures_each"), |b| {
            b.iter(|| {
                let t = table::build(black_box(&provisions), &docs, None);
                // Each figure pairs with the other article's; the repeats print as one row.
                assert!(t.rows.iter().all(|r| r.stated() == 2));
                t.rows.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_extract, bench_table);
criterion_main!(benches);
