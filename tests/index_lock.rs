//! Two processes building one index at once: the lock makes them take turns, both succeed, and
//! the index they leave answers exactly as an index built alone does (nothing half-written, no
//! generation mixed). Readers running during the builds see a whole index too.

mod cmd;

use assert_cmd::Command;
use cmd::process_in as guize;
use std::path::Path;
use std::process::{Child, Stdio};

fn shipped() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A copy of the shipped corpus, so the test owns the folder the index is kept beside.
fn corpus_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(shipped()).expect("corpus") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            let name = path.file_name().expect("name");
            std::fs::copy(&path, dir.path().join(name)).expect("copy");
        }
    }
    dir
}

fn spawn(corpus: &Path, index: &Path, args: &[&str]) -> Child {
    guize(corpus, index)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns")
}

fn finish(child: Child) -> String {
    let out = child.wait_with_output().expect("waits");
    assert!(
        out.status.success(),
        "a concurrent process failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The article references of a search, in rank order.
fn hits(corpus: &Path, index: &Path, query: &str) -> Vec<String> {
    let out = cmd::succeeded(
        Command::from_std(guize(corpus, index)).args(["search", query, "--json", "--limit", "10"]),
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    json["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| format!("{}:{}", h["doc"].as_str().unwrap_or(""), h["article"]))
        .collect()
}

#[test]
fn two_processes_building_one_index_leave_it_whole() {
    let corpus = corpus_copy();
    let alone = tempfile::tempdir().expect("temp dir");
    finish(spawn(corpus.path(), alone.path(), &["index"]));
    let queries = ["常务会议", "请假", "公文处理"];
    let expected: Vec<Vec<String>> = queries
        .iter()
        .map(|q| hits(corpus.path(), alone.path(), q))
        .collect();
    assert!(expected.iter().all(|h| !h.is_empty()), "{expected:?}");

    let shared = tempfile::tempdir().expect("temp dir");
    for round in 0..2 {
        // Two builders at once, and a search that builds the index itself if it comes first.
        let a = spawn(corpus.path(), shared.path(), &["index"]);
        let b = spawn(corpus.path(), shared.path(), &["index"]);
        let reader = spawn(
            corpus.path(),
            shared.path(),
            &["search", "常务会议", "--json"],
        );
        let (out_a, out_b) = (finish(a), finish(b));
        let read: serde_json::Value = serde_json::from_str(&finish(reader)).expect("JSON");
        assert!(
            out_a.starts_with("indexed 5 documents"),
            "round {round}: {out_a}"
        );
        assert!(
            out_b.starts_with("indexed 5 documents"),
            "round {round}: {out_b}"
        );
        assert!(
            !read["hits"].as_array().expect("hits").is_empty(),
            "a search during the builds read a whole index"
        );
        for (q, want) in queries.iter().zip(&expected) {
            assert_eq!(
                &hits(corpus.path(), shared.path(), q),
                want,
                "round {round}: {q}"
            );
        }
    }
}
