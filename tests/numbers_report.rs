//! The quantitative-provisions section of the corpus report, on the fixed five-document fixture
//! with its clause groups, through the Markdown and HTML renderers.

mod common;

use guize::model::Regulation;
use guize::render::{Html, Markdown, Render};
use guize::report::numbers_section as report_section;
use guize::report::{Section, corpus_report};

fn rendered(render: &dyn Render) -> String {
    let (docs, al) = common::five();
    let refs: Vec<&Regulation> = docs.iter().collect();
    let mut report = corpus_report(&refs, &al).expect("report");
    report.add_section(Section::Table(report_section(&refs, Some(&al))));
    let mut out = Vec::new();
    render.report(&mut out, &report).expect("renders");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn section_rows_line_up_documents_and_mark_differences() {
    let (docs, al) = common::five();
    let refs: Vec<&Regulation> = docs.iter().collect();
    let t = report_section(&refs, Some(&al));
    assert_eq!(t.id, "numbers");
    assert_eq!(t.header.len(), 1 + docs.len());
    let row = t
        .rows
        .iter()
        .find(|r| r[0].text.starts_with("常务会议·召开频次"))
        .expect("meeting frequency row");
    // The row's groups' label beside its subject, as `guize numbers` shows it.
    assert_eq!(row[0].text, "常务会议·召开频次 [常务会议·召开·频次]");
    let stated: Vec<&str> = row[1..].iter().map(|c| c.text.as_str()).collect();
    assert!(stated[0].starts_with("1次/两周 ≈2.17次/月"), "{stated:?}");
    assert!(stated[1].starts_with("2次/月"), "{stated:?}");
    // 每两周1次 and 每月2次 agree on the common scale; a once-a-month rule would not.
    assert!(!row[1].is_marked && !row[2].is_marked, "{row:?}");
    assert!(row[3].is_marked, "{row:?}");
}

#[test]
fn markdown_and_html_reports_carry_the_section() {
    let md = rendered(&Markdown);
    assert!(
        md.contains("Quantitative provisions"),
        "no section in markdown"
    );
    assert!(md.contains("1次/两周 ≈2.17次/月"));
    let html = rendered(&Html);
    assert!(html.contains("id=\"numbers\""), "no anchor in html");
    assert!(html.contains("≈2.17次/月"));
}
