//! Golden files: compare an output with `tests/golden/NAME`, or rewrite it under
//! `UPDATE_GOLDEN=1`. Shared by `golden.rs` (the renderers on a fixture) and `golden_json.rs`
//! (every `--json` of the command line).

use std::path::PathBuf;

/// The path of a golden file.
pub fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Panics, saying where, when `actual` differs from the golden file `name`; with
/// `UPDATE_GOLDEN=1`, writes it instead. `test` names the test binary that rewrites it.
pub fn check(test: &str, name: &str, actual: &str) {
    let path = path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).expect("golden file written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run UPDATE_GOLDEN=1 cargo test --release --test {test}",
            path.display()
        )
    });
    if expected == actual {
        return;
    }
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or(expected.lines().count().min(actual.lines().count()));
    let (e, a) = (
        expected.lines().nth(line).unwrap_or(""),
        actual.lines().nth(line).unwrap_or(""),
    );
    // Long lines (one JSON value each) are shown around their first difference.
    let col = e.chars().zip(a.chars()).take_while(|(x, y)| x == y).count();
    let around = |s: &str| -> String { s.chars().skip(col.saturating_sub(60)).take(120).collect() };
    panic!(
        "{name} differs from its golden file at line {}, character {}:\n  golden: {:?}\n  \
         actual: {:?}\n(UPDATE_GOLDEN=1 cargo test --release --test {test} rewrites it)",
        line + 1,
        col + 1,
        around(e),
        around(a)
    );
}
