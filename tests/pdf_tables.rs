//! A table in a PDF reads as the same table in a Word file: one row a paragraph, its cells set off
//! by tabs, never run into the line before or after it as a hard wrap (review32 #2: `项目 标准临时
//! 占用水域 每平方米每月五元永久占用水域 每平方米一百元前款…`, after which `numbers` read 一百元前 as a
//! monthly fee and said two documents stating one table differ). The fixtures are LibreOffice
//! conversions of one document to DOCX and PDF (`tests/data/docs/make.sh`, `make_table.py`):
//! `table` a full-width table of three columns between justified paragraphs, `table-wrapped` two
//! 7 cm tables, on pages 2 and 3, whose long cells wrap inside their cells.

mod cmd;

use assert_cmd::Command;
use guize::corpus::Corpus;
use guize::extract::extract;
use guize::model::{DocMeta, Regulation};
use guize::parse::{self, SourceKind};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/docs")
        .join(name)
}

/// Reads a file as the corpus does: extraction, then the parser with the extractor's kind.
fn read(path: &Path) -> (Regulation, Option<String>) {
    let bytes = std::fs::read(path).expect("fixture exists");
    let got = extract(path, &bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = parse::parse(parse::Source {
        id: "t".into(),
        path,
        text: &got.text,
        kind: SourceKind::of_extracted(path, got.authored),
        meta: DocMeta::default(),
    });
    (doc, got.note)
}

/// The paragraphs of article `n`.
fn paragraphs(doc: &Regulation, n: u32) -> Vec<String> {
    let a = doc
        .articles
        .iter()
        .find(|a| a.number == n)
        .unwrap_or_else(|| panic!("第{n}条 missing"));
    a.paragraphs.iter().map(|p| p.text.clone()).collect()
}

#[test]
fn a_pdf_tables_rows_are_the_docx_tables_rows() {
    let (pdf, note) = read(&fixture("table.pdf"));
    let (docx, _) = read(&fixture("table.docx"));
    assert_eq!(note, None);
    assert_eq!(
        paragraphs(&pdf, 2),
        [
            "河道管理范围内的建设项目，按照下表缴纳占用补偿费：",
            "项目\t标准\t缴纳方式",
            "临时占用水域\t每平方米每月五元\t按月缴纳",
            "永久占用水域\t每平方米一百元\t一次缴纳",
            "前款补偿费应当专款专用，任何单位和个人不得截留、挤占或者挪用。",
        ]
    );
    // Every article as the Word file has it, spaces aside (the PDF's layout puts spaces around
    // figures, which the reader takes out: `GB 50201防洪标准`).
    let squeezed = |doc: &Regulation| -> Vec<(u32, Vec<String>)> {
        doc.articles
            .iter()
            .map(|a| {
                let ps = a
                    .paragraphs
                    .iter()
                    .map(|p| p.text.replace(' ', ""))
                    .collect();
                (a.number, ps)
            })
            .collect()
    };
    assert_eq!(squeezed(&pdf), squeezed(&docx));
    assert_eq!(pdf.articles.len(), 4);
}

/// Justified prose is never cut into cells: no line of the other PDF fixtures (LibreOffice's
/// justified A4 pages, Chromium's print of a web page) holds a tab, nor do the paragraphs of
/// `table.pdf` outside its table.
#[test]
fn prose_lines_are_never_read_as_rows() {
    let dir = fixture("");
    let mut read_any = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if !name.ends_with(".pdf") || name.starts_with("table") || name == "scan.pdf" {
            continue;
        }
        let bytes = std::fs::read(&path).expect("fixture");
        let text = extract(&path, &bytes).expect("read").text;
        assert!(
            !text.contains('\t'),
            "{name}: {:?}",
            text.lines().find(|l| l.contains('\t'))
        );
        read_any += 1;
    }
    assert_eq!(read_any, 9);
    let (pdf, _) = read(&fixture("table.pdf"));
    for a in pdf.articles.iter().filter(|a| a.number != 2) {
        assert!(
            a.paragraphs.iter().all(|p| !p.text.contains('\t')),
            "第{}条",
            a.number
        );
    }
}

/// A row whose last cell wraps inside the cell is one row, the cell's lines joined as the Word
/// file has them; a table whose first cells wrap (their lines drawn before the row's other cells)
/// is not read back into rows, and the load warning says so, naming the file and the page.
#[test]
fn a_wrapped_last_cell_is_joined_and_a_table_that_cannot_be_read_is_warned_about() {
    let (pdf, note) = read(&fixture("table-wrapped.pdf"));
    let (docx, _) = read(&fixture("table-wrapped.docx"));
    assert_eq!(paragraphs(&pdf, 2), paragraphs(&docx, 2));
    assert!(
        paragraphs(&pdf, 2)
            .contains(&"临时占用水域\t每平方米每月五元，占用不足一个月的按一个月计算".to_string()),
        "{:?}",
        paragraphs(&pdf, 2)
    );
    let note = note.expect("a warning");
    assert!(note.contains("table on page 3 may be garbled"), "{note}");
    let (_, none) = read(&fixture("table-wrapped.docx"));
    assert_eq!(none, None);

    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("table-wrapped.pdf"), dir.path().join("w.pdf")).expect("copy");
    let corpus = Corpus::load(dir.path()).expect("loads");
    let warning = corpus
        .warnings()
        .find(|w| w.message.contains("may be garbled"))
        .expect("the load warning");
    assert!(warning.path.ends_with("w.pdf"), "{:?}", warning.path);
    assert!(warning.message.contains("page 3"), "{}", warning.message);
}

fn guize(corpus: &Path) -> Command {
    cmd::guize_in(corpus, &corpus.join(".idx"))
}

/// A corpus of the Word file and its PDF: `numbers` reads the same rows from both (五元 a month,
/// 一百元 once, never `一百元前` on a monthly scale) and finds nothing that differs, and
/// `versions` prints the table's rows as rows.
#[test]
fn numbers_and_versions_read_one_table_from_docx_and_pdf_alike() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("table.docx"), dir.path().join("jia.docx")).expect("copy");
    std::fs::copy(fixture("table.pdf"), dir.path().join("bing.pdf")).expect("copy");
    let out = cmd::succeeded(guize(dir.path()).args(["numbers", "--json"]));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let ps = v["provisions"].as_array().expect("provisions");
    let fees = |doc: &str| -> Vec<(String, String, String)> {
        let mut f: Vec<_> = ps
            .iter()
            .filter(|p| p["doc"] == doc && p["article"] == 2 && p["unit"] == "元")
            .map(|p| {
                (
                    p["value"].to_string(),
                    p["per"].as_str().unwrap_or_default().to_string(),
                    p["text"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        f.sort();
        f
    };
    let jia = fees("jia");
    assert_eq!(jia, fees("bing"), "{ps:#?}");
    assert_eq!(jia.len(), 2, "{jia:?}");
    assert!(
        jia.iter().any(|(v, per, _)| v == "5" && per.contains('月')),
        "{jia:?}"
    );
    assert!(
        jia.iter()
            .any(|(v, per, _)| v == "100" && !per.contains('月')),
        "{jia:?}"
    );
    assert!(
        !jia.iter().any(|(_, _, text)| text.contains("前款")),
        "{jia:?}"
    );

    let out = cmd::succeeded(guize(dir.path()).args(["numbers"]));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("no majority"), "{text}");

    let out = cmd::succeeded(
        guize(dir.path())
            .args(["versions"])
            .arg(dir.path().join("jia.docx"))
            .arg(dir.path().join("bing.pdf")),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for row in ["临时占用水域", "永久占用水域", "前款补偿费"] {
        assert!(
            text.lines().any(|l| l.trim_start().starts_with(row)),
            "{row} opens no line: {text}"
        );
    }
    assert!(!text.contains("按月缴纳永久"), "{text}");
}
