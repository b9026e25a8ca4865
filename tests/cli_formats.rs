//! The spreadsheet and Word outputs as a user runs them on the shipped corpus: `--format csv` of
//! numbers, search, align, compare and report (the columns each promises), `--format docx` files,
//! and `guize versions` on files and corpus ids with its errors.

mod cmd;

use cmd::{edition, guize};
use std::path::PathBuf;

/// Runs guize with `args`, expects success, parses stdout as CSV with a BOM.
fn csv_of(args: &[&str]) -> Vec<Vec<String>> {
    let text = String::from_utf8(cmd::stdout(args)).expect("utf-8");
    let body = text.strip_prefix('\u{feff}').expect("UTF-8 BOM first");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect();
    assert!(rows.iter().all(|r| r.len() == rows[0].len()), "ragged CSV");
    rows
}

fn column<'a>(rows: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let i = rows[0].iter().position(|h| h == name).expect("column");
    rows[1..].iter().map(|r| r[i].as_str()).collect()
}

#[test]
fn numbers_csv_has_one_line_per_figure() {
    let rows = csv_of(&["numbers", "--format", "csv", "会签"]);
    assert_eq!(
        rows[0][..6],
        ["row", "group_label", "subject", "doc", "name", "article"]
    );
    assert!(
        rows[0].contains(&"normalized".to_string()) && rows[0].contains(&"differs".to_string())
    );
    let docs = column(&rows, "doc");
    // 历下 5个工作日 against 兖州 and 周村 3个工作日 (README example of `guize numbers 会签`).
    assert!(docs.contains(&"lixia") && docs.contains(&"yanzhou") && docs.contains(&"zhoucun"));
    let lixia = rows[1..]
        .iter()
        .find(|r| r[3] == "lixia" && r[2] == "会签·回复时限")
        .expect("lixia's deadline");
    let get = |name: &str| {
        let i = rows[0].iter().position(|h| h == name).expect("column");
        lixia[i].as_str()
    };
    assert_eq!(
        (get("value"), get("unit"), get("differs")),
        ("5", "个工作日", "true")
    );
    assert_eq!(get("name"), "历下区");
}

#[test]
fn search_csv_has_ranked_hits() {
    let rows = csv_of(&["search", "--format", "csv", "--limit", "5", "常务会议"]);
    assert_eq!(
        rows[0],
        [
            "rank",
            "doc",
            "district",
            "chapter",
            "article",
            "label",
            "score",
            "line_start",
            "line_end",
            "snippet"
        ]
    );
    assert_eq!(rows.len(), 6);
    assert_eq!(column(&rows, "rank"), ["1", "2", "3", "4", "5"]);
    let scores: Vec<f32> = column(&rows, "score")
        .iter()
        .map(|s| s.parse().expect("a number"))
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "ranked: {scores:?}"
    );
}

#[test]
fn align_csv_has_a_column_per_document() {
    let rows = csv_of(&["align", "--format", "csv"]);
    assert_eq!(
        rows[0],
        [
            "group",
            "label",
            "score",
            "documents",
            "weak",
            "lixia",
            "shizhong",
            "yanzhou",
            "zhoucun",
            "huancui"
        ]
    );
    // Every article of 历下 once (78 articles); `(73)` marks an article that holds another group's
    // matter in part, not a member.
    let cells = column(&rows, "lixia");
    let lixia: usize = cells
        .iter()
        .filter(|c| !c.is_empty() && !c.starts_with('('))
        .map(|c| c.split(',').count())
        .sum();
    assert_eq!(lixia, 78);
    assert!(cells.contains(&"(73)"));
    let json = guize().args(["align", "--json"]).output().expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(
        rows.len() - 1,
        v["groups"].as_array().expect("groups").len()
    );
}

#[test]
fn report_csv_and_docx_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    cmd::succeeded(
        guize()
            .current_dir(dir.path())
            .args(["report", "--format", "csv"]),
    );
    let text = std::fs::read_to_string(dir.path().join("coverage.csv")).expect("coverage.csv");
    assert!(text.starts_with("\u{feff}group,label,documents,历下区,市中区,兖州区,周村区,环翠区\n"));
    cmd::succeeded(
        guize()
            .current_dir(dir.path())
            .args(["report", "--format", "docx"]),
    );
    let bytes = std::fs::read(dir.path().join("report.docx")).expect("report.docx");
    assert_eq!(&bytes[..2], b"PK", "a zip package");
}

#[test]
fn compare_docx_to_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("c.docx");
    cmd::succeeded(
        guize()
            .args(["compare", "lixia:39", "--format", "docx", "-o"])
            .arg(&file),
    );
    assert_eq!(&std::fs::read(&file).expect("written")[..2], b"PK");
}

#[test]
fn versions_of_files_and_corpus_documents() {
    let out = cmd::succeeded(
        guize()
            .args(["versions", "--changed-only"])
            .arg(edition("lifafa-2015.md"))
            .arg(edition("lifafa-2023.md")),
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("第七十二条 → 第八十条、第八十一条  拆分·修改"),
        "{text}"
    );
    assert!(text.contains("… 2 unchanged articles (第一条–第二条) …"));
    // Corpus ids work too (here two districts' rules, not editions).
    let out = cmd::succeeded(guize().args(["versions", "lixia", "历下", "--json"]));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["unchanged"], 78);
}

#[test]
fn versions_errors_name_what_is_wrong() {
    let out = guize()
        .args(["versions", "nosuchfile.md", "lixia"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(err.contains("nosuchfile.md"), "{err}");
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("draft.txt");
    std::fs::write(&empty, "没有条文的一段话。\n").expect("written");
    let out = guize()
        .args(["versions", "lixia"])
        .arg(&empty)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains("draft.txt") && err.contains("no articles"),
        "{err}"
    );
}

#[test]
fn versions_reads_standard_input_for_a_dash() {
    let new = std::fs::read(edition("lifafa-2023.md")).expect("edition");
    let out = guize()
        .args(["versions", "--changed-only"])
        .arg(edition("lifafa-2015.md"))
        .arg("-")
        .write_stdin(new)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("第七十二条 → 第八十条、第八十一条  拆分·修改"),
        "{text}"
    );
    // A .docx piped in is read by its content, as `precedent -` reads it.
    let docx = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/docs/lixia.docx");
    let out = guize()
        .args(["versions", "-", "lixia", "--json"])
        .write_stdin(std::fs::read(&docx).expect("fixture"))
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["unchanged"], 78, "{err}");
    // Standard input holds one edition only; empty, it holds none.
    let out = guize()
        .args(["versions", "-", "-"])
        .write_stdin("第一条 甲。\n")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("both `-`"));
    let out = guize()
        .args(["versions", "lixia", "-"])
        .write_stdin("  \n")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("standard input held no edition"), "{err}");
    assert!(!err.contains("unknown document"), "{err}");
}

#[test]
fn versions_reads_a_docx_named_doc_and_advises_converting_a_real_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/docs/lixia.docx");
    let renamed = dir.path().join("old.doc");
    std::fs::copy(&docx, &renamed).expect("copied");
    let out = guize()
        .args(["versions", "lixia", "--json"])
        .arg(&renamed)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("whose content is a .docx"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["unchanged"], 78, "{err}");
    // A real Word 97-2003 file: convert it, and no corpus folder to put it in is named.
    let ole = dir.path().join("real.doc");
    let mut bytes = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
    bytes.extend(std::iter::repeat_n(0u8, 1024));
    std::fs::write(&ole, bytes).expect("written");
    let out = guize()
        .args(["versions", "lixia"])
        .arg(&ole)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Word 97-2003") && err.contains("convert it to .docx"),
        "{err}"
    );
    assert!(!err.contains("put the"), "{err}");
}

/// One part of an OOXML package.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut part = zip.by_name(name).expect("part present");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut part, &mut text).expect("utf-8 part");
    text
}

#[test]
fn xlsx_workbooks_hold_the_csv_tables() {
    let dir = tempfile::tempdir().expect("temp dir");
    cmd::succeeded(
        guize()
            .current_dir(dir.path())
            .args(["report", "--format", "xlsx"]),
    );
    let bytes = std::fs::read(dir.path().join("coverage.xlsx")).expect("coverage.xlsx");
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    let strings = part(&bytes, "xl/sharedStrings.xml");
    let csv = csv_of(&["report", "--format", "csv", "-o", "-"]);
    assert_eq!(
        sheet.matches("<row ").count(),
        csv.len(),
        "a row per CSV row"
    );
    assert!(strings.contains("历下区") && strings.contains("documents"));
    assert!(sheet.contains("state=\"frozen\""), "header row frozen");
    // Counts and article numbers are numbers: the first group is in all five documents.
    assert!(
        sheet.contains("<c r=\"C2\"><v>5</v></c>"),
        "{}",
        &sheet[..600]
    );

    let out = cmd::succeeded(guize().args(["numbers", "--format", "xlsx"]));
    let sheet = part(&out.stdout, "xl/worksheets/sheet1.xml");
    let csv = csv_of(&["numbers", "--format", "csv"]);
    assert_eq!(sheet.matches("<row ").count(), csv.len());
}

#[test]
fn versions_reads_a_word_edition() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = cmd::succeeded(
        guize()
            .args(["versions", "--json"])
            .arg(root.join("corpus/lixia.txt"))
            .arg(root.join("tests/data/docs/lixia.docx")),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // The Word copy made by LibreOffice reads as the text: every article unchanged.
    assert_eq!(v["summary"]["unchanged"], 78, "{}", v["summary"]);
}

/// `-o` never replaces a source silently: a file the command reads or a document of the corpus
/// folder is refused with an error naming it, unless guize wrote it or `--force` is given.
#[test]
fn output_never_replaces_a_source_unasked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let editions = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/editions");
    let (old, new) = (dir.path().join("old.md"), dir.path().join("new.md"));
    std::fs::copy(editions.join("jiandufa-2006.md"), &old).expect("copy");
    std::fs::copy(editions.join("jiandufa-2024.md"), &new).expect("copy");
    let before = std::fs::read(&old).expect("read");
    let versions = |out: &std::path::Path, force: bool| {
        let mut cmd = guize();
        cmd.arg("versions").arg(&old).arg(&new).arg("-o").arg(out);
        if force {
            cmd.arg("--force");
        }
        cmd.output().expect("runs")
    };
    let refused = versions(&old, false);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("refusing to overwrite") && err.contains("old.md") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read(&old).expect("read"), before, "OLD kept");
    // A file guize wrote may be written again.
    let table = dir.path().join("table.md");
    for _ in 0..2 {
        let out = versions(&table, false);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(err.contains("wrote ") && err.contains("table.md"), "{err}");
    }
    // A document of the corpus folder is refused before any work.
    let out = assert_cmd::Command::cargo_bin("guize")
        .expect("binary")
        .arg("--corpus")
        .arg(dir.path())
        .arg("--index")
        .arg(dir.path().join("index"))
        .args(["report", "--format", "markdown", "-o"])
        .arg(&new)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a document of the corpus") && err.contains("new.md"),
        "{err}"
    );
    // --force replaces the input as asked.
    let out = versions(&old, true);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(std::fs::read(&old).expect("read"), before);
}

/// The note `guize report` writes on stderr counts in words that agree with the number: a report
/// of one document says "1 document", not "1 documents".
#[test]
fn report_note_counts_one_document_in_the_singular() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = guize()
        .args(["report", "--doc", "lixia", "-o"])
        .arg(dir.path().join("one.html"))
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("(1 document, "), "{err}");
    assert!(!err.contains("1 documents"), "{err}");
}

/// A corpus of one regulation (a folder a drafter made for one text) is counted in the singular
/// in every message: `guize corpus`, `index`, the index built by a search, `align`'s note,
/// `report`'s title and note; never `1 documents`.
#[test]
fn one_document_is_counted_in_the_singular_everywhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("one");
    std::fs::create_dir(&corpus).expect("mkdir");
    std::fs::write(
        corpus.join("a.txt"),
        "某市养犬管理条例\n\n第一条 为了规范养犬行为，制定本条例。\n",
    )
    .expect("write");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("guize"))
            .arg("--corpus")
            .arg(&corpus)
            .arg("--index")
            .arg(dir.path().join("index"))
            .args(args)
            .output()
            .expect("runs");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{args:?}: {all}");
        all
    };
    let said = [
        run(&["search", "养犬"]),
        run(&["corpus"]),
        run(&["index"]),
        run(&["report", "-o", "-"]),
    ]
    .join("\n");
    for singular in [
        "built the index of 1 document in",
        "1 document, 1 article",
        "indexed 1 document, 1 article into",
        "Clause comparison of 1 document<",
    ] {
        assert!(said.contains(singular), "no {singular:?} in {said}");
    }
    for plural in ["1 documents", "1 articles"] {
        assert!(!said.contains(plural), "{plural:?} in {said}");
    }
}
