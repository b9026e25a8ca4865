//! The tester's report, items T6 (per unit), T7, T10, T33, T37, T38 and T42, as a user meets them:
//! what `compare` and `precedent` mark as a changed number, what `numbers` says a fee is counted
//! per and when no figure has a majority, how wide `compare --width 20` writes, and where a
//! document's own warning is said. On the shipped corpus and on lawrefbook regulations copied
//! into a temporary folder.

mod cmd;
mod shared;

use assert_cmd::Command;
use guize::text::width::display_width;
use serde_json::Value;
use std::path::Path;

const ZHEJIANG: &str = "corpora/lawrefbook/DLC/浙江地方法规/地方性法规/浙江";

/// `guize --corpus DIR ARGS` (its own index inside DIR), checked to succeed; stdout.
fn run_on(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::cargo_bin("guize")
        .expect("binary")
        .arg("--corpus")
        .arg(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("GUIZE_CORPUS")
        .env_remove("GUIZE_INDEX")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "guize {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Lawrefbook files of 浙江 copied into `into` as `<id>.md`.
fn copy_zhejiang(into: &Path, files: &[(&str, &str)]) {
    for (id, name) in files {
        let from = shared::path(&format!("{ZHEJIANG}/{name}.md"));
        std::fs::copy(&from, into.join(format!("{id}.md")))
            .unwrap_or_else(|e| panic!("fixture {} is missing: {e}", from.display()));
    }
}

/// The segments flagged as a changed number, as (op, text).
fn flagged(segments: &Value) -> Vec<(String, String)> {
    segments
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["number"] == true)
        .map(|s| {
            (
                s["op"].as_str().unwrap_or("").to_string(),
                s["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// A figure is marked only against a figure: a diff with marked pieces has them on both sides.
fn assert_paired(what: &str, segments: &Value) {
    let marks = flagged(segments);
    let deletes = marks.iter().any(|(op, _)| op == "delete");
    let inserts = marks.iter().any(|(op, _)| op == "insert");
    assert_eq!(deletes, inserts, "{what}: one-sided number marks {marks:?}");
}

/// T7: the five 浙江 物业管理条例. The preparation fee article of 杭州 (每平方米一点二元且总额不低于
/// 六万元) against 台州's 资料移交 article (五个工作日): before, 五个工作日 was marked as the number
/// that differs from 一点二元/六万元. Now a deadline is never set against a fee, and every column's
/// marks come in pairs; 绍兴's own fee (每平方米一元且总额不少于五万元) still stands out.
#[test]
fn compare_marks_only_figures_of_one_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_zhejiang(
        dir.path(),
        &[
            ("taizhou", "台州市物业管理条例(2021-04-06)"),
            ("hangzhou", "杭州市物业管理条例(2021-08-09)"),
            ("huzhou", "湖州市物业管理条例(2021-04-06)"),
            ("shaoxing", "绍兴市物业管理条例(2020-12-04)"),
            ("zhoushan", "舟山市物业管理条例(2021-11-01)"),
        ],
    );
    let v: Value = serde_json::from_slice(&run_on(
        dir.path(),
        &["compare", "hangzhou:23", "--base", "hangzhou", "--json"],
    ))
    .expect("json");
    let columns = v["columns"].as_array().expect("columns");
    let shaoxing = columns
        .iter()
        .find(|c| c["doc"] == "shaoxing")
        .expect("绍兴 第十五条 is in the fee group");
    let marks = flagged(&shaoxing["segments"]);
    assert!(
        marks
            .iter()
            .any(|(op, t)| op == "insert" && t.contains("五万")),
        "{marks:?}"
    );
    for c in columns {
        let what = c["doc"].as_str().unwrap_or("");
        assert_paired(what, &c["segments"]);
        for (_, text) in flagged(&c["segments"]) {
            assert!(
                !text.contains("工作日"),
                "{what}: a deadline marked against a fee"
            );
        }
    }
}

/// T38: 历下 第七十三条 (一个地方、一个点去调研): the indefinite 一个 is no figure, so no number mark.
#[test]
fn an_indefinite_one_is_not_marked() {
    let v: Value =
        serde_json::from_slice(&cmd::stdout(&["compare", "lixia:73", "--json"])).expect("json");
    for c in v["columns"].as_array().expect("columns") {
        for (_, text) in flagged(&c["segments"]) {
            assert!(!text.contains("一个"), "{}: {text}", c["doc"]);
        }
    }
}

/// T10: a draft's frequency (每月召开一次) against passages that state none is plain wording; where
/// a precedent states one (市中 每月召开2次), both sides are marked.
#[test]
fn precedent_marks_a_number_only_against_a_number() {
    let v: Value = serde_json::from_slice(&cmd::stdout(&[
        "precedent",
        "区政府常务会议一般每月召开一次，由区长召集和主持。",
        "--limit",
        "5",
        "--json",
    ]))
    .expect("json");
    let hits: Vec<&Value> = v["pieces"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["hits"].as_array().into_iter().flatten())
        .collect();
    assert!(hits.len() >= 3, "{v}");
    for h in &hits {
        assert_paired(h["citation"].as_str().unwrap_or(""), &h["segments"]);
    }
    assert!(
        hits.iter().any(|h| !flagged(&h["segments"]).is_empty()),
        "the precedent that states a frequency keeps its marks"
    );
}

/// T6: a fee is counted per the unit after 每 (lawrefbook: 杭州 每平方米一点二元, 绍兴 每平方米一元
/// 且总额不少于五万元, 温州市城市绿化条例 每平方米每日五十元以上二百元以下). Before, 每平方米 was dropped
/// (每月每平方米1.5元 read 1.5元/月).
#[test]
fn numbers_counts_a_fee_per_its_unit() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_zhejiang(
        dir.path(),
        &[
            ("hangzhou", "杭州市物业管理条例(2021-08-09)"),
            ("shaoxing", "绍兴市物业管理条例(2020-12-04)"),
            ("wenzhou", "温州市城市绿化条例(2017-12-06)"),
        ],
    );
    let v: Value = serde_json::from_slice(&run_on(dir.path(), &["numbers", "每平方米", "--json"]))
        .expect("json");
    let ps = v["provisions"].as_array().expect("provisions");
    let find = |doc: &str, text: &str| {
        ps.iter()
            .find(|p| p["doc"] == doc && p["text"].as_str().is_some_and(|t| t.contains(text)))
            .unwrap_or_else(|| panic!("{doc} {text}: {ps:#?}"))
    };
    let fee = find("hangzhou", "一点二元");
    assert_eq!(
        (fee["value"].as_f64(), fee["per"].as_str()),
        (Some(1.2), Some("平方米"))
    );
    let fee = find("shaoxing", "一元");
    assert_eq!(
        (fee["value"].as_f64(), fee["per"].as_str()),
        (Some(1.0), Some("平方米"))
    );
    let total = find("shaoxing", "五万元");
    assert_eq!(
        (total["value"].as_f64(), total["per"].as_str()),
        (Some(50000.0), None)
    );
    let daily = find("wenzhou", "每日五十元");
    assert_eq!(daily["per"], "平方米·日");
    assert_eq!(daily["max"].as_f64(), Some(200.0));
    let table = String::from_utf8(run_on(dir.path(), &["numbers", "每平方米每日"])).expect("utf-8");
    assert!(table.contains("50—200元/平方米·日"), "{table}");
}

/// T33: two documents that disagree (历下 3个工作日, 市中 5个工作日): no majority, so no `*`, and a
/// line says so; `--differs` keeps the row.
#[test]
fn two_documents_have_no_majority() {
    let out = String::from_utf8(cmd::stdout(&[
        "numbers",
        "提前时限",
        "--doc",
        "lixia",
        "--doc",
        "shizhong",
    ]))
    .expect("utf-8");
    let block = out
        .split("\n\n")
        .find(|b| b.starts_with("议题·提前时限"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        block.contains("3个工作日") && block.contains("5个工作日"),
        "{block}"
    );
    assert!(!block.contains(" *"), "{block}");
    assert!(block.contains("no majority"), "{block}");
    let differing = String::from_utf8(cmd::stdout(&[
        "numbers",
        "提前时限",
        "--doc",
        "lixia",
        "--doc",
        "shizhong",
        "--differs",
    ]))
    .expect("utf-8");
    assert!(differing.starts_with("议题·提前时限"), "{differing}");
    // Three documents: the majority is there again, and the odd one out is marked.
    let out = String::from_utf8(cmd::stdout(&["numbers", "会签"])).expect("utf-8");
    assert!(
        out.contains("5个工作日 ≈7天 *") && !out.contains("no majority"),
        "{out}"
    );
}

/// T37: every line of `compare --width N` fits N columns, 20 (the smallest accepted) included,
/// stacked or side by side.
#[test]
fn compare_fits_every_width() {
    for what in ["lixia:39", "lixia:73"] {
        for width in [20, 21, 23, 30, 47, 71] {
            let out = String::from_utf8(cmd::stdout(&[
                "compare",
                what,
                "--width",
                &width.to_string(),
            ]))
            .expect("utf-8");
            let widest = out.lines().map(display_width).max().unwrap_or(0);
            assert!(
                widest <= width,
                "{what} --width {width}: a line of {widest}"
            );
            assert!(
                widest >= width - 2,
                "{what} --width {width}: only {widest} used"
            );
        }
    }
}

/// T42: with the built-in corpus (run outside any checkout, a fresh cache), 周村's own warning is
/// said by `guize corpus` and `guize show zhoucun`, not by the search that builds the index.
#[test]
fn a_documents_warning_is_said_by_corpus_and_show_only() {
    let home = tempfile::tempdir().expect("temp dir");
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("guize")
            .expect("binary")
            .args(args)
            .current_dir(home.path())
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env("HOME", home.path())
            .env("NO_COLOR", "1")
            .env_remove("GUIZE_CORPUS")
            .env_remove("GUIZE_INDEX")
            .output()
            .expect("runs");
        assert!(out.status.success(), "{args:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let warning = "zhoucun.txt:207";
    let first = run(&["search", "常务会议", "--limit", "1"]);
    assert!(first.contains("built the index"), "{first}");
    assert!(!first.contains(warning), "{first}");
    let corpus = run(&["corpus"]);
    assert!(corpus.contains(warning), "{corpus}");
    assert!(!run(&["numbers", "会签"]).contains(warning));
    let out = Command::cargo_bin("guize")
        .expect("binary")
        .args(["show", "zhoucun", "3"])
        .current_dir(home.path())
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("HOME", home.path())
        .env_remove("GUIZE_CORPUS")
        .env_remove("GUIZE_INDEX")
        .output()
        .expect("runs");
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(said.contains(warning), "{said}");
}
