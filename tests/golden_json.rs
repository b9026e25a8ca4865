//! A golden file for every `--json` output of the command line, on the shipped corpus: the bytes
//! as printed (compact, one value per line), with the machine's folders replaced by `<checkout>`
//! and `<index>`. `UPDATE_GOLDEN=1 cargo test --release --test golden_json` rewrites them; review
//! the diff before committing. The renderers' own golden files (compare, report, versions in every
//! format, the report's JSON among them) are in `tests/golden.rs`.

mod cmd;
mod golden_file;

use std::path::Path;

/// The output of `guize ARGS`, which must succeed, with local folders replaced.
fn run(args: &[&str]) -> String {
    let text = String::from_utf8(cmd::stdout(args)).expect("utf-8");
    let index = cmd::index_dir().display().to_string();
    text.replace(&index, "<index>")
        .replace(env!("CARGO_MANIFEST_DIR"), "<checkout>")
}

/// Compares `guize ARGS` with its golden file; every line must be one JSON value.
fn check(name: &str, args: &[&str]) {
    let actual = run(args);
    for line in actual.lines() {
        serde_json::from_str::<serde_json::Value>(line)
            .unwrap_or_else(|e| panic!("{name}: a line is not one JSON value ({e}): {line}"));
    }
    golden_file::check("golden_json", name, &actual);
}

#[test]
fn corpus_json() {
    // The index is built first, so that its status reads the same on every run.
    run(&["search", "会议", "--limit", "1"]);
    check("corpus.json", &["corpus", "--json"]);
}

#[test]
fn show_json() {
    check("show-outline.json", &["show", "lixia", "--json"]);
    check("show-article.json", &["show", "历下", "39", "--json"]);
}

#[test]
fn articles_json() {
    check(
        "articles-zhoucun.ndjson",
        &["articles", "--doc", "zhoucun", "--json"],
    );
}

#[test]
fn segment_json() {
    check(
        "segment.json",
        &["segment", "区政府常务会议一般每两周召开1次", "--json"],
    );
}

#[test]
fn search_json() {
    check(
        "search.json",
        &["search", "常务会议", "--limit", "5", "--json"],
    );
}

#[test]
fn align_json() {
    check(
        "align-lixia-yanzhou.json",
        &["align", "--doc", "lixia", "--doc", "yanzhou", "--json"],
    );
}

#[test]
fn compare_json() {
    check("compare-lixia-39.json", &["compare", "lixia:39", "--json"]);
}

#[test]
fn numbers_json() {
    check("numbers.json", &["numbers", "常务会议", "--json"]);
}

#[test]
fn precedent_json() {
    check(
        "precedent.json",
        &[
            "precedent",
            "区政府常务会议一般每月召开一次，由区长召集和主持。",
            "--json",
        ],
    );
}

#[test]
fn versions_json() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/editions");
    let old = data.join("jiandufa-2006.md");
    let new = data.join("jiandufa-2024.md");
    check(
        "versions-jiandufa.json",
        &[
            "versions",
            old.to_str().expect("utf-8 path"),
            new.to_str().expect("utf-8 path"),
            "--changed-only",
            "--json",
        ],
    );
}

#[test]
fn eval_json() {
    check(
        "eval-search.json",
        &[
            "eval",
            "search",
            "--gold",
            "tests/data/queries-dev.json",
            "--json",
        ],
    );
    check(
        "eval-topics.json",
        &[
            "eval",
            "topics",
            "--gold",
            "tests/data/topic-queries-dev.json",
            "--json",
        ],
    );
    check(
        "eval-align.json",
        &[
            "eval",
            "align",
            "--gold",
            "tests/data/alignment-dev.json",
            "--json",
        ],
    );
    check(
        "eval-numbers.json",
        &[
            "eval",
            "numbers",
            "--gold",
            "tests/data/numbers-gold.json",
            "--json",
        ],
    );
}
