//! Golden files of every renderer on a fixed fixture (colour off, fixed width).
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites them; review the diff before committing.

mod common;
mod golden_file;

use guize::model::Regulation;
use guize::render::{Csv, Docx, Html, Json, Markdown, Render, Terminal};
use guize::report::{BaseKind, ComparedGroup, compare_group, corpus_report};
use std::path::PathBuf;

fn check(name: &str, actual: &str) {
    golden_file::check("golden", name, actual);
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
        ("report.json", &Json as &dyn Render),
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
    guize::render::numbers::write_terminal(&mut out, &table, &names, false).expect("renders");
    check(
        "numbers.terminal.txt",
        &String::from_utf8(out).expect("utf-8"),
    );
}

/// One part of a DOCX package, as text.
fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut part = zip.by_name(name).expect("part present");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut part, &mut text).expect("utf-8 part");
    text
}

fn render_bytes(r: &dyn Render, g: &ComparedGroup) -> Vec<u8> {
    let mut out = Vec::new();
    r.compare(&mut out, g).expect("renders");
    out
}

#[test]
fn docx_compare() {
    let g = compared(1, BaseKind::Medoid);
    let bytes = render_bytes(&Docx, &g);
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
    ] {
        docx_part(&bytes, part);
    }
    let xml = docx_part(&bytes, "word/document.xml");
    assert_eq!(xml.matches("<w:tbl>").count(), 1, "one table per group");
    assert_eq!(
        xml.matches("<w:gridCol ").count(),
        g.columns.len(),
        "one column per document"
    );
    assert!(
        xml.contains("w:orient=\"landscape\""),
        "more than three columns go landscape"
    );
    check("compare-leave.docx.xml", &xml);
    // Three documents or fewer: portrait.
    let (docs, alignment) = common::five();
    let refs: Vec<&Regulation> = docs.iter().take(3).collect();
    let three = compare_group(&refs, &alignment.groups[1], &BaseKind::Medoid).expect("compares");
    let xml = docx_part(&render_bytes(&Docx, &three), "word/document.xml");
    assert!(!xml.contains("landscape"));
}

#[test]
fn docx_report_has_a_table_per_group() {
    let (docs, alignment) = common::five();
    let refs: Vec<&Regulation> = docs.iter().collect();
    let report = corpus_report(&refs, &alignment).expect("report builds");
    let mut out = Vec::new();
    Docx.report(&mut out, &report).expect("renders");
    let xml = docx_part(&out, "word/document.xml");
    // The documents, coverage and similarity tables, then one per clause group.
    assert_eq!(
        xml.matches("<w:tbl>").count(),
        3 + report.groups().len(),
        "tables"
    );
    for g in report.groups() {
        assert!(xml.contains(&g.id), "group {} has its heading", g.id);
    }
}

/// Parses CSV output after checking the byte-order mark; every row has the header's width.
fn csv_rows(out: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(out).expect("utf-8");
    let body = text
        .strip_prefix('\u{feff}')
        .expect("starts with a UTF-8 BOM");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect();
    let width = rows[0].len();
    assert!(rows.iter().all(|r| r.len() == width), "ragged CSV");
    rows
}

#[test]
fn csv_compare_and_coverage() {
    let g = compared(0, BaseKind::Medoid);
    let out = render_bytes(&Csv, &g);
    let rows = csv_rows(&out);
    assert_eq!(
        rows[0],
        [
            "doc",
            "name",
            "articles",
            "citation",
            "similarity",
            "is_base",
            "holds",
            "text"
        ]
    );
    // A row per column, per article held in part beyond them, per document without the matter.
    assert_eq!(
        rows.len(),
        1 + g.columns.len() + g.also_in_part.len() + g.missing.len()
    );
    for (row, doc) in rows[1 + g.columns.len() + g.also_in_part.len()..]
        .iter()
        .zip(&g.missing)
    {
        assert_eq!(
            (row[0].as_str(), row[6].as_str()),
            (doc.id.as_str(), "none")
        );
    }
    for (row, col) in rows[1..].iter().zip(&g.columns) {
        assert_eq!(row[0], col.doc.id.as_str());
        assert_eq!(
            row[7], col.text,
            "the text column holds the article text whole"
        );
    }
    check("compare-freq.csv", &String::from_utf8(out).expect("utf-8"));

    let (docs, alignment) = common::five();
    let refs: Vec<&Regulation> = docs.iter().collect();
    let report = corpus_report(&refs, &alignment).expect("report builds");
    let mut out = Vec::new();
    Csv.report(&mut out, &report).expect("renders");
    let rows = csv_rows(&out);
    assert_eq!(rows[0][..3], ["group", "label", "documents"]);
    assert_eq!(
        rows[0][3..],
        ["历下区", "市中区", "兖州区", "周村区", "环翠区"]
    );
    assert_eq!(rows.len(), 1 + alignment.groups.len());
    for (row, g) in rows[1..].iter().zip(&alignment.groups) {
        assert_eq!(row[0], g.id);
        let filled = row[3..].iter().filter(|c| !c.is_empty()).count();
        assert_eq!(row[2], filled.to_string());
        assert_eq!(filled, g.doc_count());
    }
    check(
        "report-coverage.csv",
        &String::from_utf8(out).expect("utf-8"),
    );
}

/// `guize versions` of 监督法 2006 / 2024 (tests/data/editions), unchanged articles folded.
#[test]
fn versions_formats() {
    use guize::render::versions as render;
    use guize::versions;
    let edition = |name: &str| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/editions")
            .join(name);
        let text = std::fs::read_to_string(&path).expect("edition");
        guize::parse::parse(guize::parse::Source {
            id: guize::model::DocId(name.trim_end_matches(".md").into()),
            path: &path,
            text: &text,
            kind: guize::parse::SourceKind::Markdown,
            meta: Default::default(),
        })
    };
    let cmp = versions::compare(&edition("jiandufa-2006.md"), &edition("jiandufa-2024.md"));
    for (name, format) in [
        (
            "versions-jiandufa.changed-only.md",
            render::Format::Markdown,
        ),
        (
            "versions-jiandufa.changed-only.terminal.txt",
            render::Format::Terminal { color: false },
        ),
        ("versions-jiandufa.changed-only.html", render::Format::Html),
    ] {
        let mut out = Vec::new();
        render::write(&mut out, &cmp, format, true).expect("renders");
        let text = String::from_utf8(out).expect("utf-8");
        // The HTML marks its English words (`<span lang="en">`); the words are the same.
        let words = text
            .replace("<span lang=\"en\">", "")
            .replace("</span>", "");
        assert!(words.contains("… 1 unchanged article (第二条) …"), "{name}");
        check(name, &text);
    }
    let mut out = Vec::new();
    render::write(&mut out, &cmp, render::Format::Json, true).expect("renders");
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(
        rows.len() + v["folded"].as_u64().expect("folded") as usize,
        cmp.rows.len()
    );
    assert!(
        rows.iter()
            .all(|r| r["kind"] != "kept" || r["modified"] == true)
    );
}
