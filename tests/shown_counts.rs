//! Outputs that say exactly what is shown (issue 12): a compare's legend counts the columns it
//! shows and explains only the marks that occur; `align` and the report head long lawrefbook ids
//! with short names, keyed under the table, so that the table fits 100 columns.

mod cmd;
mod shared;

use std::path::{Path, PathBuf};

/// The four 防震减灾条例 of the quake family under their lawrefbook file names, in a temporary
/// corpus.
fn quake_by_file_name(into: &Path) -> PathBuf {
    let corpus = into.join("quake");
    std::fs::create_dir_all(&corpus).expect("corpus folder");
    for source in [
        "DLC/重庆地方法规/地方性法规/重庆/重庆市防震减灾条例(2010-10-12).md",
        "DLC/浙江地方法规/地方性法规/浙江/浙江省防震减灾条例(2017-11-30).md",
        "DLC/河南地方法规/地方性法规/河南/河南省防震减灾条例(2011-03-31).md",
        "DLC/山东地方法规/地方性法规/山东/济南市防震减灾条例(2011-11-25).md",
    ] {
        let from = shared::path("corpora/lawrefbook").join(source);
        let name = Path::new(source).file_name().expect("file name");
        std::fs::copy(&from, corpus.join(name))
            .unwrap_or_else(|e| panic!("fixture {} is missing: {e}", from.display()));
    }
    corpus
}

fn width(line: &str) -> usize {
    guize::text::width::display_width(line)
}

#[test]
fn one_column_has_no_legend_of_marks_and_says_how_many_are_shown() {
    let out =
        String::from_utf8(cmd::stdout(&["compare", "lixia:39", "--doc", "lixia"])).expect("utf-8");
    assert!(!out.contains("not in the base"), "{out}");
    assert!(!out.contains("documents say them"), "{out}");
    assert!(
        out.contains("1 of the group's 5 documents shown: nothing to compare its wording with"),
        "{out}"
    );
    let md = String::from_utf8(cmd::stdout(&[
        "compare", "lixia:39", "--doc", "lixia", "--format", "markdown",
    ]))
    .expect("utf-8");
    assert!(!md.contains("<ins>inserted</ins>"), "{md}");
    assert!(md.contains("1 of the group's 5 documents shown"), "{md}");
    let html = String::from_utf8(cmd::stdout(&[
        "compare", "lixia:39", "--doc", "lixia", "--format", "html",
    ]))
    .expect("utf-8");
    assert!(!html.contains("<ins>inserted</ins>"), "{html}");
    assert!(!html.contains("underlined"), "{html}");
}

#[test]
fn two_columns_count_two_and_the_five_count_five() {
    let two = String::from_utf8(cmd::stdout(&[
        "compare", "lixia:39", "--doc", "lixia", "--doc", "shizhong",
    ]))
    .expect("utf-8");
    assert!(two.contains("2 of the group's 5 documents shown"), "{two}");
    // Of two columns no changed word is said by another: no superscript line.
    assert!(!two.contains("after changed words"), "{two}");
    let five =
        String::from_utf8(cmd::stdout(&["compare", "lixia:39", "--width", "240"])).expect("utf-8");
    assert!(!five.contains("of the group's"), "{five}");
    // The count the legend names is one the columns show.
    let line = five
        .lines()
        .find(|l| l.contains("after changed words"))
        .unwrap_or_else(|| panic!("a superscript line: {five}"));
    assert!(line.contains("of the 5 documents shown say them"), "{line}");
    let sup = line
        .split(" after changed words")
        .next()
        .and_then(|s| s.rsplit([' ', ';']).next())
        .unwrap_or_default()
        .to_string();
    let body: String = five
        .lines()
        .take_while(|l| !l.contains("after changed words"))
        .collect();
    assert!(!sup.is_empty() && body.contains(&sup), "{sup} in {body}");
}

#[test]
fn align_heads_lawrefbook_ids_with_short_names_that_fit_100_columns() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let corpus = quake_by_file_name(tmp.path());
    let (code, out, err) = cmd::run(
        cmd::guize_in(&corpus, &tmp.path().join("index"))
            .arg("align")
            .env("COLUMNS", "100"),
    );
    assert_eq!(code, Some(0), "{err}");
    let header = out.lines().next().expect("a header");
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["河南省", "济南市", "浙江省", "重庆市", "score", "label"],
        "{out}"
    );
    let table: Vec<&str> = out
        .lines()
        .take_while(|l| !l.is_empty() && !l.starts_with('(') && !l.starts_with("columns:"))
        .collect();
    for line in &table {
        assert!(width(line) <= 100, "wider than 100: {line}");
    }
    assert!(
        out.contains("columns: 河南省 = 河南省防震减灾条例(2011-03-31); 济南市 = 济南市防震减灾条例(2011-11-25)"),
        "{out}"
    );
    // The report's tables too, and its documents table keys them.
    let (code, md, err) = cmd::run(
        cmd::guize_in(&corpus, &tmp.path().join("index"))
            .args(["report", "--format", "markdown", "-o"])
            .arg(tmp.path().join("report.md")),
    );
    assert_eq!(code, Some(0), "{err} {md}");
    let md = std::fs::read_to_string(tmp.path().join("report.md")).expect("report written");
    assert!(
        md.contains("| Document | Name | Title | In tables |"),
        "{md}"
    );
    assert!(
        md.contains("| Clause group | 河南省 | 济南市 | 浙江省 | 重庆市 |"),
        "{md}"
    );
}

#[test]
fn short_ids_stay_as_they_are() {
    let out = String::from_utf8(cmd::stdout(&["align"])).expect("utf-8");
    let header = out.lines().next().expect("a header");
    assert!(header.starts_with("lixia"), "{header}");
    assert!(!out.contains("columns: "), "{out}");
}
