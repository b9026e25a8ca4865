//! Speed of the comparison stage on the five seed regulations: one `compare` (a clause group
//! diffed against its majority wording and rendered for the terminal), and the full report
//! (every group, contents, coverage, similarity, unique provisions) rendered as HTML, with and
//! without the alignment it starts from. A process that compares reads the words of the corpus
//! texts from the cuts stored beside the index instead of loading jieba's dictionary: both costs
//! are measured (the comparison with the cuts, and the dictionary load it avoids).

use criterion::{Criterion, criterion_group, criterion_main};
use guize::align::align_docs;
use guize::corpus::Corpus;
use guize::diff::{Words, compare_all, medoid};
use guize::model::{DocId, Regulation};
use guize::render::{Html, Markdown, Render, Terminal};
use guize::report::{BaseKind, compare_group, corpus_report};
use guize::segment::{KnownCuts, Segmenter, use_known_cuts};
use std::hint::black_box;
use std::path::PathBuf;

/// Members of the large group of the `large group` case.
const LARGE_GROUP: usize = 600;

fn bench(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = Corpus::load(&root).expect("seed corpus loads");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let alignment = align_docs(&docs);
    let group = alignment
        .group_of(&DocId::from("lixia"), 39)
        .expect("lixia 39 is aligned")
        .clone();
    let groups = alignment.groups.len();
    let terminal = Terminal {
        width: 160,
        color: false,
    };

    c.bench_function("compare lixia:39 (5 documents, terminal)", |b| {
        b.iter(|| {
            let g = compare_group(&docs, &group, &BaseKind::Medoid).expect("compares");
            assert_eq!(g.columns.len(), 5);
            let mut out = Vec::with_capacity(64 * 1024);
            terminal.compare(&mut out, &g).expect("renders");
            black_box(out.len())
        })
    });

    let mut load = c.benchmark_group("dictionary");
    load.sample_size(10);
    load.bench_function("jieba default + domain dictionary load", |b| {
        b.iter(|| {
            let seg = Segmenter::with_default_dictionary();
            assert!(seg.has_word("区长办公会议"));
            black_box(seg)
        })
    });
    load.finish();

    let mut report_group = c.benchmark_group("report");
    report_group.sample_size(20);
    report_group.bench_function("report of the five (HTML, given the alignment)", |b| {
        b.iter(|| render_report(&docs, &alignment, groups))
    });
    report_group.bench_function("report of the five (HTML, aligning first)", |b| {
        b.iter(|| render_report(&docs, &align_docs(&docs), groups))
    });
    report_group.finish();

    // One group of many members, each a distinct wording (第N类 differs): every pair of
    // wordings is diffed once, the cost the square of the members; the memory is not.
    let wordings: Vec<String> = (0..LARGE_GROUP)
        .map(|i| format!("为了管理第{i}类事项，制定本办法。"))
        .collect();
    let words: Vec<Words> = wordings.iter().map(|t| Words::new(t)).collect();
    let mut large = c.benchmark_group("large group");
    large.sample_size(10);
    large.bench_function("compare_all of 600 distinct one-sentence wordings", |b| {
        b.iter(|| {
            let sharing = compare_all(&words);
            assert_eq!(sharing.shared.len(), LARGE_GROUP);
            black_box(medoid(&sharing.shared))
        })
    });
    large.finish();

    // From here on the words of every article line come from the cuts, as in a `compare` process.
    let lines: Vec<&str> = docs
        .iter()
        .flat_map(|d| &d.articles)
        .flat_map(|a| a.norm.trim().split('\n'))
        .collect();
    let known = KnownCuts::of_texts(&lines);
    assert!(use_known_cuts(move || Some(known)));
    // What `guize report -o report.md` does once the alignment is read from the index.
    let mut report_group = c.benchmark_group("report");
    report_group.sample_size(30);
    report_group.bench_function(
        "report of the five (Markdown, given the alignment, stored cuts)",
        |b| {
            b.iter(|| {
                let report = corpus_report(&docs, &alignment).expect("report builds");
                assert_eq!(report.groups().len(), groups);
                let mut out = Vec::with_capacity(1 << 20);
                Markdown.report(&mut out, &report).expect("renders");
                black_box(out.len())
            })
        },
    );
    report_group.finish();
    c.bench_function(
        "compare lixia:39 (5 documents, terminal, stored cuts)",
        |b| {
            b.iter(|| {
                let g = compare_group(&docs, &group, &BaseKind::Medoid).expect("compares");
                assert_eq!(g.columns.len(), 5);
                let mut out = Vec::with_capacity(64 * 1024);
                terminal.compare(&mut out, &g).expect("renders");
                black_box(out.len())
            })
        },
    );
}

fn render_report(
    docs: &[&Regulation],
    alignment: &guize::align::Alignment,
    groups: usize,
) -> usize {
    let report = corpus_report(docs, alignment).expect("report builds");
    let compared = report.groups().len();
    assert_eq!(compared, groups);
    let mut out = Vec::with_capacity(1 << 20);
    Html.report(&mut out, &report).expect("renders");
    black_box(out.len())
}

criterion_group!(benches, bench);
criterion_main!(benches);
