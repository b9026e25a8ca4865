//! The README's table of quality figures ("## Quality and speed") says what guize measures today:
//! the figures a `guize eval` command gives are measured here and must be the README's, to the
//! digits it prints; the figures measured inside other tests (labels, precedent) must lie at or
//! just above the floor those tests pin ("pinned just under the measurement"). A change that moves
//! a figure fails here until the README says the new one.

mod shared;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The rows of the README's quality table: (what, score) cells.
fn quality_rows() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let section = readme
        .split("## Quality and speed")
        .nth(1)
        .expect("README has a Quality and speed section");
    section
        .lines()
        .skip_while(|l| !l.starts_with("| what"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").collect();
            match cells.as_slice() {
                [what, score] => Some((what.trim().to_string(), score.trim().to_string())),
                _ => None,
            }
        })
        .collect()
}

/// The score cell of the row whose first cell contains `what`.
fn row(what: &str) -> String {
    let rows = quality_rows();
    rows.iter()
        .find(|(w, _)| w.contains(what))
        .map(|(_, s)| s.clone())
        .unwrap_or_else(|| panic!("no README quality row for {what}: {rows:?}"))
}

/// The decimal that follows `label` in `text` (`precision 0.963` → 0.963), as written.
fn figure_after<'t>(text: &'t str, label: &str) -> &'t str {
    let at = text
        .find(label)
        .unwrap_or_else(|| panic!("{label:?} not in {text:?}"))
        + label.len();
    let rest = text[at..].trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    &rest[..end]
}

fn guize_stdout(args: &[&str], corpus: Option<&Path>) -> String {
    let mut cmd = Command::cargo_bin("guize").expect("binary");
    cmd.current_dir(root()).env_remove("GUIZE_CORPUS");
    if let Some(c) = corpus {
        cmd.arg("--corpus").arg(c);
        let index = std::env::temp_dir().join(format!("guize-figures-ix-{}", std::process::id()));
        cmd.arg("--index").arg(index);
    }
    let out = cmd.args(args).output().expect("guize runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// `precision P recall R F1 F` of `guize eval align` and of the README row agree, digit for digit.
fn same_link_scores(readme: &str, measured: &str) {
    for label in ["precision", "recall", "F1"] {
        assert_eq!(
            figure_after(readme, label),
            figure_after(measured, label),
            "{label}: README says {readme:?}, guize measures {measured:?}"
        );
    }
}

#[test]
fn alignment_figures_are_the_measured_ones() {
    let measured = guize_stdout(
        &["eval", "align", "--gold", "tests/data/alignment-dev.json"],
        None,
    );
    same_link_scores(&row("alignment, `alignment-dev.json`"), &measured);

    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/alignment-dev-dogs.json")).expect("gold"),
    )
    .expect("gold parses");
    let sources = gold["sources"]
        .as_object()
        .expect("sources")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect();
    let dir = std::env::temp_dir().join(format!("guize-figures-dogs-{}", std::process::id()));
    shared::copy_sources(&sources, &dir);
    let measured = guize_stdout(
        &[
            "eval",
            "align",
            "--gold",
            "tests/data/alignment-dev-dogs.json",
        ],
        Some(&dir),
    );
    std::fs::remove_dir_all(&dir).ok();
    same_link_scores(&row("alignment, `alignment-dev-dogs.json`"), &measured);
}

#[test]
fn search_figures_are_the_measured_ones() {
    let measured = guize_stdout(
        &["eval", "search", "--gold", "tests/data/queries-dev.json"],
        None,
    );
    let readme = row("search, `queries-dev.json`");
    for label in ["recall@10", "nDCG@10"] {
        assert_eq!(
            figure_after(&readme, label),
            figure_after(&measured, label),
            "{label}: README {readme:?}, measured {measured:?}"
        );
    }
    let measured = guize_stdout(
        &[
            "eval",
            "topics",
            "--gold",
            "tests/data/topic-queries-dev.json",
        ],
        None,
    );
    let readme = row("search, `topic-queries-dev.json`");
    let stated = readme.split_whitespace().next().unwrap_or_default();
    assert_eq!(
        stated,
        figure_after(&measured, "mean R-precision"),
        "README {readme:?}, measured {measured:?}"
    );
}

#[test]
fn numbers_figures_are_the_measured_ones() {
    let measured = guize_stdout(
        &["eval", "numbers", "--gold", "tests/data/numbers-gold.json"],
        None,
    );
    let readme = row("numbers, hand-checked fixture");
    for label in ["precision", "recall"] {
        assert_eq!(
            figure_after(&readme, label),
            figure_after(&measured, label),
            "{label}: README {readme:?}, measured {measured:?}"
        );
    }
}

/// The floor a test pins with `check("name", score, &misses, floor)` (tests/labels.rs).
fn label_floor(name: &str) -> f64 {
    let src = std::fs::read_to_string(root().join("tests/labels.rs")).expect("tests/labels.rs");
    let call = format!("check(\"{name}\", score, &misses, ");
    let at = src
        .find(&call)
        .unwrap_or_else(|| panic!("tests/labels.rs pins no {name}"))
        + call.len();
    let rest = &src[at..];
    rest[..rest.find(')').unwrap_or(rest.len())]
        .trim()
        .parse()
        .expect("a number")
}

/// A figure measured in another test lies at its pinned floor or less than 0.02 above it: the
/// pin sits just under the measurement, so a README figure further off is an old one.
fn near_floor(what: &str, stated: &str, floor: f64) {
    let v: f64 = stated
        .trim_end_matches('%')
        .parse()
        .unwrap_or_else(|_| panic!("{what}: {stated:?} is no figure"));
    let v = if stated.ends_with('%') { v / 100.0 } else { v };
    assert!(
        v >= floor && v < floor + 0.02,
        "{what}: README says {stated}, the test pins {floor} (measured just above it)"
    );
}

#[test]
fn label_and_precedent_figures_match_their_pins() {
    let labels = row("group labels sharing a word");
    for (name, said) in [
        ("five", "five"),
        ("dogs", "dogs"),
        ("fireworks", "烟花爆竹燃放管理条例"),
        ("mountains", "山体保护条例"),
        ("wetlands", "湿地保护条例"),
    ] {
        near_floor(name, figure_after(&labels, said), label_floor(name));
    }
    let precedent = row("precedent: an equivalent article ranks first");
    let mut figures = precedent.split(" / ");
    let src = std::fs::read_to_string(root().join("tests/precedent.rs")).expect("precedent.rs");
    for (figure, pin) in [("top-1", "r1 >= "), ("top-3", "r3 >= ")] {
        let stated = figures.next().unwrap_or_default().trim();
        let at = src.find(pin).expect("the precedent pin") + pin.len();
        let rest = &src[at..];
        let floor: f64 = rest[..rest.find(',').unwrap_or(rest.len())]
            .trim()
            .parse()
            .expect("a number");
        near_floor(figure, stated, floor);
    }
}
