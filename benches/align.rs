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

/// One article of a single line 200,000 characters long (a paste without line breaks) beside
/// 历下's 78: the labels once looked up each occurrence of a term's word by a scan of the whole
/// cut, minutes for such a line.
fn bench_long_line(c: &mut Criterion) {
    let corpus =
        Corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).expect("corpus");
    let lixia = corpus
        .docs
        .iter()
        .find(|d| d.id.as_str() == "lixia")
        .expect("lixia")
        .clone();
    let text = format!(
        "某某条例\n第一条 {}\n第二条 本条例自公布之日起施行。\n",
        "电梯安全管理".repeat(33_334)
    );
    let long = guize::parse::parse(guize::parse::Source {
        id: "long".into(),
        path: Path::new("long.txt"),
        text: &text,
        kind: guize::parse::SourceKind::Text,
        meta: Default::default(),
    });
    let docs = [lixia, long];
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    group.bench_function("long_line_200k", |b| {
        b.iter(|| align(black_box(&docs)).groups.len())
    });
    group.finish();
}

criterion_group!(benches, bench_align, bench_long_line);
criterion_main!(benches);
