//! Golden files of every renderer on a fixed fixture (colour off, fixed width).
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites them; review the diff before committing.

mod common;

use guize::model::Regulation;
use guize::render::{Html, Json, Markdown, Render, Terminal};
use guize::report::{BaseKind, ComparedGroup, compare_group, corpus_report};
use std::path::PathBuf;

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

fn check(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).expect("golden file written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run UPDATE_GOLDEN=1 cargo test --test golden",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from its golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             (UPDATE_GOLDEN=1 cargo test --test golden rewrites it)",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

fn compared(group: usize, base: BaseKind) -> ComparedGroup {
    let (docs, alignment) = common::five();
    let refs: Vec<&Regulation> = docs.iter().collect();
    compare_group(&refs, &alignment.groups[group], &base).expect("group compares")
}

fn render_compare(r: &dyn Render, g: &ComparedGroup) -> String {
    let mut out = Vec::new();
    r.compare(&mut out, g).expect("renders");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn terminal_side_by_side() {
    let t = Terminal {
        width: 140,
        color: false,
    };
    let out = render_compare(&t, &compared(0, BaseKind::Medoid));
    for line in out.lines() {
        let w = unicode_width::UnicodeWidthStr::width(line);
        assert!(w <= 140, "line wider than 140 columns ({w}): {line}");
    }
    check("compare-freq.terminal.txt", &out);
}

#[test]
fn terminal_stacks_when_narrow() {
    let t = Terminal {
        width: 60,
        color: false,
    };
    let out = render_compare(&t, &compared(1, BaseKind::Medoid));
    assert!(!out.contains('│'), "narrow output must be stacked");
    check("compare-leave.terminal-60.txt", &out);
}

#[test]
fn terminal_against_a_base_document() {
    let t = Terminal {
        width: 140,
        color: false,
    };
    let out = render_compare(&t, &compared(0, BaseKind::Doc("lixia".into())));
    assert!(out.contains("历下区 (base)"));
    check("compare-freq.base-lixia.terminal.txt", &out);
}

#[test]
fn terminal_colour_uses_escapes_not_markers() {
    let t = Terminal {
        width: 140,
        color: true,
    };
    let out = render_compare(&t, &compared(0, BaseKind::Medoid));
    assert!(out.contains("\u{1b}["));
    assert!(!out.contains("{+"));
}

#[test]
fn markdown_compare() {
    check(
        "compare-leave.md",
        &render_compare(&Markdown, &compared(1, BaseKind::Medoid)),
    );
}

#[test]
fn html_compare() {
    let out = render_compare(&Html, &compared(1, BaseKind::Medoid));
    assert!(!out.contains("http://") && !out.contains("https://") && !out.contains("src="));
    check("compare-leave.html", &out);
}

#[test]
fn json_compare() {
    check(
        "compare-freq.json",
        &render_compare(&Json, &compared(0, BaseKind::Medoid)),
    );
}

#[test]
fn reports() {
    let (docs, alignment) = common::five();
    let refs: Vec<&Regulation> = docs.iter().collect();
    let report = corpus_report(&refs, &alignment).expect("report builds");
    for (name, r) in [
        ("report.md", &Markdown as &dyn Render),
        ("report.html", &Html as &dyn Render),
    ] {
        let mut out = Vec::new();
        r.report(&mut out, &report).expect("renders");
        check(name, &String::from_utf8(out).expect("utf-8"));
    }
    let mut out = Vec::new();
    let err = Terminal {
        width: 80,
        color: false,
    }
    .report(&mut out, &report)
    .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::Unsupported);
}

#[test]
fn numbers_terminal_table() {
    let (docs, alignment) = common::five();
    let refs: Vec<&Regulation> = docs.iter().collect();
    let provisions: Vec<_> = refs
        .iter()
        .flat_map(|d| guize::numbers::extract_regulation(d))
        .collect();
    let ids: Vec<_> = refs.iter().map(|d| d.id.clone()).collect();
    let names: Vec<String> = refs.iter().map(|d| d.meta.district.clone()).collect();
    let table = guize::numbers::table::build(&provisions, &ids, Some(&alignment));
    let mut out = Vec::new();
    guize::numbers::render::write_terminal(&mut out, &table, &names, false).expect("renders");
    check(
        "numbers.terminal.txt",
        &String::from_utf8(out).expect("utf-8"),
    );
}
