//! Parser throughput: the five seed regulations, and the whole lawrefbook corpus (3,422 Markdown
//! laws) when ../shared (or $GUIZE_SHARED) is present. Asserts the article count inside the loop.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use guize::model::DocMeta;
use guize::parse::{Source, SourceKind, parse};
use std::path::{Path, PathBuf};

fn read_all(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            read_all(&p, out);
        } else if p.extension().is_some_and(|x| x == "md" || x == "txt")
            && let Ok(bytes) = std::fs::read(&p)
        {
            out.push((p, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
}

fn parse_all(docs: &[(PathBuf, String)]) -> usize {
    docs.iter()
        .map(|(p, t)| {
            parse(Source {
                id: "b".into(),
                path: p,
                text: t,
                kind: SourceKind::from_path(p),
                meta: DocMeta::default(),
            })
            .articles
            .len()
        })
        .sum()
}

fn bench(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = Vec::new();
    read_all(&root.join("corpus"), &mut seeds);
    let seed_bytes: usize = seeds.iter().map(|(_, t)| t.len()).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(seed_bytes as u64));
    group.bench_function("five seeds", |b| {
        b.iter(|| assert_eq!(parse_all(&seeds), 441))
    });

    let shared =
        std::env::var_os("GUIZE_SHARED").map_or_else(|| root.join("../shared"), PathBuf::from);
    let mut laws = Vec::new();
    read_all(&shared.join("corpora/lawrefbook"), &mut laws);
    if laws.is_empty() {
        eprintln!("skipped lawrefbook: ../shared/corpora/lawrefbook is absent");
    } else {
        // Pinned by tests/lawrefbook.rs, which prints the same figure.
        let expected = 148_069;
        let bytes: usize = laws.iter().map(|(_, t)| t.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(10);
        group.bench_function("lawrefbook", |b| {
            b.iter(|| assert_eq!(parse_all(&laws), expected))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
