//! `guize numbers` as a user runs it on the seed corpus: the table, the query filter, --doc, and
//! the documented JSON shape.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;

fn guize() -> Command {
    let mut cmd = Command::cargo_bin("guize").expect("binary");
    cmd.arg("--corpus")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .env("NO_COLOR", "1")
        .env_remove("GUIZE_CORPUS");
    cmd
}

#[test]
fn table_lines_up_meeting_frequencies_and_marks_the_odd_one() {
    let out = guize()
        .args(["numbers", "召开频次"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    let block: Vec<&str> = text
        .split("\n\n")
        .find(|b| b.starts_with("常务会议·召开频次"))
        .expect("a 常务会议 row")
        .lines()
        .collect();
    assert_eq!(block.len(), 6, "{block:#?}");
    assert!(block[1].contains("历下区") && block[1].contains("1次/两周 ≈2.17次/月"));
    assert!(block[2].contains("市中区") && block[2].contains("2次/月") && !block[2].ends_with('*'));
    assert!(
        block[3].contains("兖州区") && block[3].ends_with("1次/月 *"),
        "{}",
        block[3]
    );
}

#[test]
fn doc_filter_and_unknown_doc() {
    guize()
        .args(["numbers", "--doc", "历下", "--doc", "shizhong", "篇幅"])
        .assert()
        .success()
        .stdout(predicate::str::contains("历下区").and(predicate::str::contains("兖州区").not()));
    guize()
        .args(["numbers", "--doc", "nowhere"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("nowhere").and(predicate::str::contains("lixia")));
}

#[test]
fn json_has_the_documented_shape() {
    let out = guize().args(["numbers", "--json"]).output().expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let ps = v["provisions"].as_array().expect("provisions");
    assert!(ps.len() >= 50, "{} figures", ps.len());
    for p in ps {
        for key in [
            "doc",
            "article",
            "group",
            "subject",
            "value",
            "unit",
            "per",
            "qualifier",
            "text",
        ] {
            assert!(p.get(key).is_some(), "{key} missing in {p}");
        }
    }
    let lixia39 = ps
        .iter()
        .find(|p| p["doc"] == "lixia" && p["article"] == 39)
        .expect("lixia 39");
    assert_eq!(lixia39["value"], 1);
    assert_eq!(lixia39["unit"], "次");
    assert_eq!(lixia39["per"], "两周");
    assert_eq!(lixia39["qualifier"], "一般");
    assert_eq!(lixia39["text"], "一般每两周召开1次");
}

#[test]
fn no_match_says_so() {
    guize()
        .args(["numbers", "不存在的事项"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no figures match"));
}

#[test]
fn a_query_keeps_the_other_documents_beside_the_match() {
    guize().args(["numbers", "两周"]).assert().success().stdout(
        predicate::str::contains("一般每两周召开1次")
            .and(predicate::str::contains("原则上每月召开 2 次")),
    );
}
