//! How the command-line tests run `guize`: on the shipped corpus, with one index shared by every
//! test binary in cargo's temporary folder for tests (never the checkout's `index/`), without
//! colour. The index and the alignment cache beside it are built by the first process that needs
//! them (under the index lock) and read by all the others, so the corpus is aligned once per build
//! of guize, not once per process.

#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The index folder shared by the command-line tests, outside the checkout.
pub fn index_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-index"))
}

/// `guize --corpus corpus/ --index <temp>` with colour off and the environment's corpus ignored.
pub fn guize() -> Command {
    let mut cmd = Command::cargo_bin("guize").expect("binary");
    cmd.arg("--corpus")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .arg("--index")
        .arg(index_dir())
        .env("NO_COLOR", "1")
        .env_remove("GUIZE_CORPUS")
        .env_remove("COLUMNS");
    cmd
}

/// A file of the shipped corpus (`corpus/NAME`).
pub fn shipped(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

/// A file of `tests/data/editions/` (real editions copied from lawrefbook), as an argument.
pub fn edition(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/editions")
        .join(name)
        .display()
        .to_string()
}

/// `guize --corpus CORPUS --index INDEX` without colour and without the environment's corpus,
/// index or width.
pub fn guize_in(corpus: &Path, index: &Path) -> Command {
    Command::from_std(process_in(corpus, index))
}

/// [`guize_in`] as a plain process, for a test that spawns it and waits on it itself.
pub fn process_in(corpus: &Path, index: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("guize"));
    cmd.arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .env("NO_COLOR", "1")
        .env_remove("GUIZE_CORPUS")
        .env_remove("GUIZE_INDEX")
        .env_remove("COLUMNS");
    cmd
}

/// Runs `cmd`: its exit code, stdout and stderr (as text).
pub fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let out = cmd.output().expect("guize runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What `cmd` wrote, after checking that it succeeded (its stderr in the failure message
/// otherwise).
pub fn succeeded(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().expect("guize runs");
    assert!(
        out.status.success(),
        "guize failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// What `guize ARGS` prints on stdout, after checking that it succeeded (its stderr in the
/// failure message otherwise).
pub fn stdout(args: &[&str]) -> Vec<u8> {
    succeeded(guize().args(args)).stdout
}

/// The base side of a JSON diff (`equal` and `delete` segments joined), after checking that every
/// segment has one of the documented ops.
pub fn base_side(segments: &serde_json::Value) -> String {
    let segments = segments.as_array().expect("segments");
    for s in segments {
        let op = s["op"].as_str().expect("op");
        assert!(["equal", "insert", "delete"].contains(&op), "op {op}");
    }
    segments
        .iter()
        .filter(|s| s["op"] != "insert")
        .map(|s| s["text"].as_str().expect("text"))
        .collect()
}

/// The column's own text rebuilt from JSON segments (`equal` + `insert`).
#[allow(dead_code)]
pub fn own_side(segments: &serde_json::Value) -> String {
    segments
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["op"] != "delete")
        .map(|s| s["text"].as_str().expect("text"))
        .collect()
}

/// The column of `doc` in a `compare --json` answer; fails the test when there is none.
pub fn column<'a>(compared: &'a serde_json::Value, doc: &str) -> &'a serde_json::Value {
    compared["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .find(|c| c["doc"] == doc)
        .unwrap_or_else(|| panic!("no column of {doc} in {compared}"))
}

/// The documents of a `compare --json` answer's columns, in their order.
pub fn column_docs(compared: &serde_json::Value) -> Vec<&str> {
    compared["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["doc"].as_str())
        .collect()
}
