//! How documents and inserted articles are named in what guize prints: a 第二条之一 is never cited
//! as 第二条 (figures JSON and CSV, the report's coverage matrix), two editions of one title are told
//! apart in every heading, a short name picks the one document it starts, a name that fits several
//! says so, and a Big5 file or a regulation pasted as one line is read. On small corpora written
//! by the test beside 历下 (shipped) and on two editions from lawrefbook.

mod cmd;
mod shared;

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// `guize` on a corpus of its own, with its index inside the test's folder.
fn on(corpus: &Path) -> Command {
    cmd::guize_in(corpus, &corpus.join("..").join("index"))
}

fn run(corpus: &Path, args: &[&str]) -> (bool, String, String) {
    let out = on(corpus).args(args).output().expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const INSERTED: &str = "某区人民政府工作规则\n第一章 总则\n第一条 为了规范工作，制定本规则。\n第二条 区政府全体会议一般每半年召开1次。\n第二条之一 区政府常务会议一般每月召开2次。\n第三条 部门之间会签文件，一般应在3个工作日内回复。\n";

/// 历下 and a document with 第二条之一.
fn inserted_corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("c");
    std::fs::create_dir(&corpus).expect("dir");
    let lixia = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/lixia.txt");
    std::fs::copy(lixia, corpus.join("lixia.txt")).expect("copy");
    std::fs::write(corpus.join("s.txt"), INSERTED).expect("write");
    corpus
}

#[test]
fn an_inserted_article_keeps_its_sub_in_figures_and_coverage() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = inserted_corpus(dir.path());

    let (ok, out, err) = run(&corpus, &["numbers", "--json"]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).expect("json");
    let ours: Vec<&Value> = v["provisions"]
        .as_array()
        .expect("provisions")
        .iter()
        .filter(|p| p["doc"] == "s")
        .collect();
    let monthly = ours
        .iter()
        .find(|p| p["text"] == "一般每月召开2次")
        .expect("the 常务会议 figure");
    assert_eq!(monthly["article"], 2);
    assert_eq!(monthly["sub"], 1, "{monthly}");
    let half_year = ours
        .iter()
        .find(|p| p["text"] == "一般每半年召开1次")
        .expect("the 全体会议 figure");
    assert_eq!(half_year.get("sub"), None, "{half_year}");
    // The figure of 2之一 belongs to 2之一's clause group, not 第二条's.
    assert_ne!(
        monthly["group"], half_year["group"],
        "{monthly} {half_year}"
    );

    let (ok, csv, err) = run(&corpus, &["numbers", "--format", "csv"]);
    assert!(ok, "{err}");
    assert!(
        csv.lines()
            .any(|l| l.contains(",s,") && l.contains(",2之一,一般每月召开2次,")),
        "{csv}"
    );
    assert!(
        csv.lines()
            .any(|l| l.contains(",s,") && l.contains(",2,一般每半年召开1次,")),
        "{csv}"
    );

    // align --json: `members` gives 第二条 and 第二条之一 both as 2; `keys` tells them apart as
    // the table and the CSV write them.
    let (ok, json, err) = run(&corpus, &["align", "--json"]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&json).expect("json");
    let keys: Vec<&Value> = v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .filter(|g| g["members"]["s"] == serde_json::json!([2]))
        .map(|g| &g["keys"]["s"])
        .collect();
    assert_eq!(
        keys,
        [&serde_json::json!(["2"]), &serde_json::json!(["2之一"])],
        "{json}"
    );
    let (ok, csv, err) = run(&corpus, &["align", "--format", "csv"]);
    assert!(ok, "{err}");
    assert!(csv.contains(",2之一,") || csv.contains(",2之一\n"), "{csv}");

    // The report: the coverage matrix in CSV, JSON and HTML.
    let (ok, json, err) = run(&corpus, &["report", "--format", "json", "-o", "-"]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&json).expect("json");
    let row = v["coverage"]
        .as_array()
        .expect("coverage")
        .iter()
        .find(|r| {
            r["members"]["s"] == serde_json::json!([2]) && r["subs"]["s"] == serde_json::json!([1])
        })
        .unwrap_or_else(|| panic!("a coverage row of 2之一: {}", v["coverage"]));
    let group = row["group"].as_str().expect("group").to_string();
    let section = v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["group"]["id"] == group.as_str())
        .expect("its group");
    if section["base"]["doc"] == "s" {
        assert_eq!(
            section["base"]["subs"],
            serde_json::json!([1]),
            "{}",
            section["base"]
        );
    }
    let (ok, csv, err) = run(&corpus, &["report", "--format", "csv", "-o", "-"]);
    assert!(ok, "{err}");
    let line = csv
        .lines()
        .find(|l| l.starts_with(&group))
        .unwrap_or_else(|| panic!("{group} in {csv}"));
    assert!(line.ends_with(",2之一"), "{line}");
    let html_path = dir.path().join("r.html");
    let (ok, _, err) = run(
        &corpus,
        &["report", "-o", html_path.to_str().expect("path")],
    );
    assert!(ok, "{err}");
    let html = std::fs::read_to_string(&html_path).expect("html");
    assert!(
        html.contains("<td>2之一</td>"),
        "no 2之一 cell in the matrix"
    );
}

/// 北京市优化营商环境条例 of 2020 and of 2024 (lawrefbook), and 台州's 市容 regulation.
fn editions_corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("e");
    std::fs::create_dir(&corpus).expect("dir");
    let lawrefbook = shared::path("corpora/lawrefbook/DLC");
    for file in [
        "北京地方法规/地方性法规/北京/北京市优化营商环境条例(2020-03-27).md",
        "北京地方法规/地方性法规/北京/北京市优化营商环境条例(2024-11-29).md",
        "浙江地方法规/地方性法规/浙江/台州市城市市容和环境卫生管理条例(2016-08-09).md",
    ] {
        let from = lawrefbook.join(file);
        let name = from.file_name().expect("name").to_owned();
        std::fs::copy(&from, corpus.join(name))
            .unwrap_or_else(|e| panic!("fixture {} is missing: {e}", from.display()));
    }
    corpus
}

/// A draft clause both editions of 北京市优化营商环境条例 hold.
const MONITORS: &str = "本市建立优化营商环境社会监督员制度，聘请企业经营者作为监督员。";

#[test]
fn two_editions_are_told_apart_and_short_names_work() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = editions_corpus(dir.path());

    // Headings of compare name each edition by its date.
    let (ok, out, err) = run(
        &corpus,
        &[
            "compare",
            "北京市优化营商环境条例(2020-03-27):1",
            "--format",
            "markdown",
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("北京市优化营商环境条例 (2020-03-27)"), "{out}");
    assert!(out.contains("北京市优化营商环境条例 (2024-11-29)"), "{out}");
    let (ok, out, err) = run(&corpus, &["numbers"]);
    assert!(ok, "{err}");
    assert!(
        !out.contains("北京市优化营商环境条例 第")
            && out.contains("北京市优化营商环境条例 (2024-11-29)"),
        "{out}"
    );

    // So do precedent's hit and group lines, which name documents from the index.
    let (ok, out, err) = run(&corpus, &["precedent", MONITORS]);
    assert!(ok, "{err}");
    let group = out
        .lines()
        .find(|l| l.trim_start().starts_with("group "))
        .unwrap_or_default();
    assert!(
        group.contains("北京市优化营商环境条例 (2020-03-27)")
            && group.contains("北京市优化营商环境条例 (2024-11-29)"),
        "{out}"
    );

    // The hit lines of search and precedent cite each edition by its date too, in text and JSON.
    let cited_apart = |line: &str| {
        !line.contains("北京市优化营商环境条例 ·")
            && (line.contains("北京市优化营商环境条例 (2020-03-27) · ")
                || line.contains("北京市优化营商环境条例 (2024-11-29) · "))
    };
    let (ok, out, err) = run(&corpus, &["search", "社会监督员", "--limit", "20"]);
    assert!(ok, "{err}");
    let hits: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("北京市优化营商环境条例"))
        .collect();
    assert!(hits.len() >= 2, "{out}");
    assert!(hits.iter().all(|l| cited_apart(l)), "{out}");
    let (ok, out, err) = run(&corpus, &["precedent", MONITORS, "--json"]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).expect("json");
    let citations: Vec<&str> = v["pieces"]
        .as_array()
        .expect("pieces")
        .iter()
        .flat_map(|p| p["hits"].as_array().into_iter().flatten())
        .filter_map(|h| h["citation"].as_str())
        .filter(|c| c.contains("北京市优化营商环境条例"))
        .collect();
    assert!(citations.len() >= 2, "{out}");
    assert!(citations.iter().all(|c| cited_apart(c)), "{citations:?}");

    // A prefix of one document names it; the shared title names two.
    let (ok, out, err) = run(&corpus, &["show", "台州", "25"]);
    assert!(ok, "{err}");
    assert!(out.contains("第二十五条"), "{out}");
    let (ok, _, err) = run(&corpus, &["show", "北京市优化营商环境条例", "2"]);
    assert!(!ok);
    assert!(
        err.contains("ambiguous")
            && err.contains("北京市优化营商环境条例(2020-03-27)")
            && err.contains("北京市优化营商环境条例(2024-11-29)"),
        "{err}"
    );
    let (ok, _, err) = run(&corpus, &["compare", "北京市优化营商环境条例 第二条"]);
    assert!(!ok && err.contains("ambiguous"), "{err}");
    // The distinct name as printed is a name too.
    let (ok, out, err) = run(
        &corpus,
        &["show", "北京市优化营商环境条例 (2024-11-29)", "2"],
    );
    assert!(ok, "{err}");
    assert!(out.contains("第二条"), "{out}");

    // `versions` of two unrelated regulations warns.
    let (ok, _, err) = run(
        &corpus,
        &[
            "versions",
            "台州市城市市容和环境卫生管理条例(2016-08-09)",
            "北京市优化营商环境条例(2020-03-27)",
        ],
    );
    assert!(ok, "{err}");
    assert!(err.contains("different regulations"), "{err}");
    let (ok, _, err) = run(
        &corpus,
        &[
            "versions",
            "北京市优化营商环境条例(2020-03-27)",
            "北京市优化营商环境条例(2024-11-29)",
        ],
    );
    assert!(ok, "{err}");
    assert!(!err.contains("different regulations"), "{err}");
}

#[test]
fn big5_and_one_line_regulations_are_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("b");
    std::fs::create_dir(&corpus).expect("dir");
    let traditional = "某區人民政府工作規則\n第一條 為了規範工作，制定本規則。\n第二條 區政府常務會議每月召開一次。\n";
    let (big5, _, bad) = encoding_rs::BIG5.encode(traditional);
    assert!(!bad);
    std::fs::write(corpus.join("big5.txt"), &big5).expect("write");
    std::fs::write(
        corpus.join("one.txt"),
        "某区人民政府工作规则 第一条 为了规范工作，制定本规则。 第二条 区政府常务会议每月召开一次。 第三条 本规则自印发之日起施行。",
    )
    .expect("write");
    let (ok, out, err) = run(&corpus, &["corpus", "--json"]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).expect("json");
    let docs = v["documents"].as_array().expect("documents");
    let articles = |id: &str| {
        docs.iter()
            .find(|d| d["id"] == id)
            .map(|d| d["articles"].as_u64().unwrap_or(0))
    };
    assert_eq!(articles("one"), Some(3), "{out}");
    // The Big5 file is read as Big5 and the warning says so (its 第一條 headings, traditional,
    // are not yet read as articles: see the report).
    assert!(
        err.contains("big5.txt") && err.contains("decoded as Big5"),
        "{err}"
    );
}

/// Two editions of 北京市安全生产条例, one with no date in its file name: the undated one is
/// named by the date its text records (its latest amendment, `2016年11月25日 …修正`), not by an
/// id that repeats the title.
#[test]
fn an_edition_without_a_date_in_its_name_is_named_by_its_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).expect("dir");
    for name in ["北京市安全生产条例.md", "北京市安全生产条例(2022-05-25).md"] {
        std::fs::copy(
            shared::path(&format!(
                "corpora/lawrefbook/DLC/北京地方法规/地方性法规/北京/{name}"
            )),
            corpus.join(name),
        )
        .expect("北京市安全生产条例 in the shared folder");
    }
    let (ok, out, err) = run(&corpus, &["show", "北京市安全生产条例 (2016-11-25)"]);
    assert!(ok, "{err}");
    assert!(out.contains("北京市安全生产条例"), "{out}");
    let (ok, out, err) = run(&corpus, &["numbers"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("北京市安全生产条例 (2016-11-25)")
            && out.contains("北京市安全生产条例 (2022-05-25)")
            && !out.contains("北京市安全生产条例 (北京市安全生产条例"),
        "{out}"
    );
}

/// Four small 献血管理条例 (乙市 with a BOM, 丙市, 丁市) and an amendment decision of 甲市, as a
/// reader wrote them: the `align` table heads each by its place, the decision (aligned apart, in a
/// kind of its own) by its place and what it is (`甲市决定`), never by five characters that say
/// only the city (`乙市献血管…`).
#[test]
fn heads_of_titles_alike_but_for_a_short_place_name_the_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).expect("dir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/blood-small");
    for entry in std::fs::read_dir(&from).expect("blood-small") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, corpus.join(path.file_name().expect("name"))).expect("copy");
    }
    let (ok, out, err) = run(&corpus, &["align"]);
    assert!(ok, "{err}");
    // The decision is aligned apart, in a kind of its own: every kind's table heads count.
    let tables: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("score") && l.contains("label"))
        .collect();
    assert_eq!(
        tables.len(),
        2,
        "the family's table and the decision's: {out}"
    );
    let heads: Vec<&str> = tables.iter().flat_map(|h| h.split_whitespace()).collect();
    for place in ["乙市", "丙市", "丁市", "甲市决定"] {
        assert!(heads.contains(&place), "{place}: {out}");
    }
    assert!(tables.iter().all(|h| !h.contains('…')), "{out}");
    assert!(
        out.contains("甲市决定 = 甲市关于修改献血管理条例的决定"),
        "{out}"
    );
}

/// A column head's year is the text's own (its adoption record), for every document alike, not
/// the file name's: lawrefbook's `郑州市物业管理条例(2007-12-14)` holds the edition of 2021
/// (`2021年6月24日 …通过`), and 郑州's 殡葬 regulation, filed as of 2019-01-22, was last amended by
/// the decision approved on 2018-11-29.
#[test]
fn a_column_head_s_year_is_the_text_s_own() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("z");
    shared::copy_named(
        &corpus,
        &[
            "DLC/河南地方法规/地方性法规/河南/郑州市物业管理条例(2007-12-14).md",
            "DLC/河南地方法规/地方性法规/河南/郑州市殡葬管理条例(2019-01-22).md",
        ],
    );
    let (ok, out, err) = run(&corpus, &["align"]);
    assert!(ok, "{err}");
    let key = out
        .lines()
        .filter_map(|l| l.strip_prefix("columns: "))
        .collect::<Vec<_>>()
        .join("; ");
    assert!(
        key.contains("郑州市 2021 = 郑州市物业管理条例(2007-12-14)")
            && key.contains("郑州市 2018 = 郑州市殡葬管理条例(2019-01-22)"),
        "{out}"
    );
    assert!(!out.contains("郑州市 2007"), "{out}");
}
