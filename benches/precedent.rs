//! One draft clause against the five documents and against the whole lawrefbook corpus, once the
//! index is open (the cost a drafter pays per draft in a running process). Each iteration asserts
//! the number of precedents found.

use criterion::{Criterion, criterion_group, criterion_main};
use guize::corpus::Corpus;
use guize::index::{self, SearchIndex};
use guize::precedent::{Finder, Options};
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// A real-sized draft: a clause on who signs meeting minutes and when documents are issued.
const DRAFT: &str = "区政府常务会议和全体会议审议通过并决定印发的文件，一般应在会后3个工作日内印发。\
区政府常务会议、全体会议纪要由区长签发，专题会议纪要由主持会议的领导签发。";
const LIMIT: usize = 5;

fn index_of(corpus_dir: &Path, index_dir: &Path) -> SearchIndex {
    let fp = index::fingerprint(corpus_dir).expect("fingerprint");
    let mut corpus = None;
    let (index, _) = index::open_or_build(
        index_dir,
        &fp,
        || {
            let c: &Corpus = corpus.insert(Corpus::load(corpus_dir)?);
            Ok(&c.docs[..])
        },
        &mut |_| {},
    )
    .expect("index opens or builds");
    index
}

fn bench_draft(c: &mut Criterion, name: &str, index: &SearchIndex) {
    let finder = Finder::new(index).expect("finder");
    let opts = Options {
        limit: LIMIT,
        ..Options::default()
    };
    // Loads jieba's dictionary for the diff and the index's vocabulary once, before timing.
    let warm = finder.find(DRAFT, &opts).expect("draft");
    assert_eq!(warm.pieces[0].hits.len(), LIMIT);
    c.bench_function(name, |b| {
        b.iter(|| {
            let report = finder.find(black_box(DRAFT), &opts).expect("draft");
            assert_eq!(report.pieces[0].hits.len(), LIMIT);
        })
    });
}

fn five_documents(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let index = index_of(&root.join("corpus"), dir.path());
    bench_draft(c, "precedent/five", &index);
}

/// The lawrefbook index is kept under target/ between runs: building it takes minutes.
/// lawrefbook is read from ../shared, or from $GUIZE_SHARED when set.
fn lawrefbook(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared =
        std::env::var_os("GUIZE_SHARED").map_or_else(|| root.join("../shared"), PathBuf::from);
    let corpus_dir = shared.join("corpora/lawrefbook");
    if !corpus_dir.is_dir() {
        eprintln!(
            "skipping precedent/lawrefbook: {} is absent",
            corpus_dir.display()
        );
        return;
    }
    let index_dir: PathBuf = root.join("target/bench-index-lawrefbook");
    let index = index_of(&corpus_dir, &index_dir);
    eprintln!("lawrefbook index: {} articles", index.num_articles());
    bench_draft(c, "precedent/lawrefbook", &index);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = five_documents, lawrefbook
}
criterion_main!(benches);
