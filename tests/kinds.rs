//! A corpus of several kinds shown as such: the five work rules with four cities' 养犬管理条例
//! beside them (real documents of lawrefbook), as a user runs `corpus`, `align`, `report` and
//! `compare` on it; and the five alone, whose outputs name no kind.

mod shared;

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The five's folder (every file of `corpus/`) with the dogs' four sources beside them, built
/// once per test run.
fn mix() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("guize-kinds-{}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).expect("temp folder");
        for entry in std::fs::read_dir(seeds()).expect("seed corpus") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                let name = path.file_name().expect("file name");
                std::fs::copy(&path, dir.join(name)).expect("copy a seed file");
            }
        }
        let gold = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/alignment-dev-dogs.json"),
        )
        .expect("dogs gold");
        let gold: serde_json::Value = serde_json::from_str(&gold).expect("gold parses");
        let sources: BTreeMap<String, String> =
            serde_json::from_value(gold["sources"].clone()).expect("sources");
        shared::copy_sources(&sources, &dir);
        dir
    })
}

fn guize(corpus: &Path, args: &[&str]) -> (String, String) {
    let out = Command::cargo_bin("guize")
        .expect("binary")
        .arg("--corpus")
        .arg(corpus)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("GUIZE_CORPUS")
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "guize {args:?} failed: {stderr}");
    (stdout, stderr)
}

const FIVE: &str = "lixia, shizhong, yanzhou, zhoucun, huancui";
const DOGS: &str = "heze, jiaxing, qingdao, zhengzhou";

#[test]
fn corpus_lists_the_kinds_and_the_five_alone_none() {
    let (out, _) = guize(mix(), &["corpus"]);
    assert!(out.contains("2 kinds, aligned apart:"), "{out}");
    assert!(
        out.contains(&format!("  人民政府工作规则 (5 documents): {FIVE}")),
        "{out}"
    );
    assert!(
        out.contains(&format!("  养犬管理条例 (4 documents): {DOGS}")),
        "{out}"
    );
    let (json, _) = guize(mix(), &["corpus", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["kinds"][1]["name"], "养犬管理条例");
    assert_eq!(v["kinds"][1]["documents"].as_array().map(Vec::len), Some(4));
    let (five, _) = guize(&seeds(), &["corpus"]);
    assert!(!five.contains("aligned apart"), "{five}");
    let (five, _) = guize(&seeds(), &["corpus", "--json"]);
    assert!(!five.contains("\"kinds\""), "{five}");
}

#[test]
fn align_heads_each_kind_and_counts_coverage_inside_it() {
    let (out, _) = guize(mix(), &["align"]);
    let first = format!("kind 1 of 2: 人民政府工作规则 (5 documents: {FIVE})");
    let second = format!("kind 2 of 2: 养犬管理条例 (4 documents: {DOGS})");
    let (Some(at1), Some(at2)) = (out.find(&first), out.find(&second)) else {
        panic!("no heading per kind:\n{out}");
    };
    assert!(at1 < at2);
    // Coverage and lone matters once per kind, the dogs' among the dogs only.
    assert_eq!(
        out.matches("groups shared by each pair of documents")
            .count(),
        2
    );
    assert_eq!(out.matches("matters only one document has:").count(), 2);
    let dogs = &out[at2..];
    assert!(dogs.contains("in all 4 documents:"), "{dogs}");
    assert!(!dogs.contains("lixia"), "{dogs}");
    // 施行日期 once under each kind, never a pair of documents of two kinds.
    let five = &out[at1..at2];
    assert!(!five.contains("heze"), "{five}");
    assert!(five.contains("施行日期") && dogs.contains("施行日期"));

    let (alone, _) = guize(&seeds(), &["align"]);
    assert!(!alone.contains("kind "), "{alone}");
    assert_eq!(alone.matches("groups shared by each pair").count(), 1);
}

#[test]
fn align_json_gives_the_kinds_and_each_groups_kind() {
    let (json, _) = guize(mix(), &["align", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let kinds = v["kinds"].as_array().expect("kinds");
    assert_eq!(kinds.len(), 2);
    let docs_of: BTreeMap<&str, Vec<&str>> = kinds
        .iter()
        .map(|k| {
            let docs = k["documents"].as_array().expect("documents");
            (
                k["name"].as_str().expect("name"),
                docs.iter().filter_map(|d| d.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        docs_of["养犬管理条例"],
        ["heze", "jiaxing", "qingdao", "zhengzhou"]
    );
    for g in v["groups"].as_array().expect("groups") {
        let kind = g["kind"].as_str().expect("each group names its kind");
        for doc in g["members"].as_object().expect("members").keys() {
            assert!(docs_of[kind].contains(&doc.as_str()), "{g}");
        }
    }
    let (csv, _) = guize(mix(), &["align", "--format", "csv"]);
    let header = csv.lines().next().unwrap_or_default();
    assert!(
        header.contains("group,label,kind,score,documents"),
        "{header}"
    );
    assert!(
        csv.lines()
            .nth(1)
            .is_some_and(|l| l.contains(",人民政府工作规则,"))
    );
    let (alone, _) = guize(&seeds(), &["align", "--format", "csv"]);
    assert!(alone.contains("group,label,score,documents"));
    let (alone, _) = guize(&seeds(), &["align", "--json"]);
    assert!(!alone.contains("\"kind"), "the five name no kind");
}

#[test]
fn report_has_a_section_per_kind() {
    let (json, _) = guize(mix(), &["report", "--format", "json", "-o", "-"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let kinds = v["kinds"].as_array().expect("kinds");
    let names: Vec<&str> = kinds.iter().filter_map(|k| k["name"].as_str()).collect();
    assert_eq!(names, ["人民政府工作规则", "养犬管理条例"]);
    // Each kind's coverage names its own documents only.
    let dogs = &kinds[1];
    assert_eq!(dogs["docs"].as_array().map(Vec::len), Some(4));
    for row in dogs["coverage"].as_array().expect("coverage") {
        assert!(
            !row["members"]
                .as_object()
                .expect("members")
                .contains_key("lixia")
        );
    }
    let (md, _) = guize(mix(), &["report", "--format", "markdown", "-o", "-"]);
    let five = md
        .find("\n## 人民政府工作规则\n")
        .expect("the five's section");
    let dogs = md.find("\n## 养犬管理条例\n").expect("the dogs' section");
    assert!(five < dogs);
    assert!(md[dogs..].contains("### Coverage"));
    let (html, _) = guize(mix(), &["report", "--format", "html", "-o", "-"]);
    assert!(html.contains("<h2>养犬管理条例</h2>"));

    let (alone, _) = guize(&seeds(), &["report", "--format", "json", "-o", "-"]);
    let v: serde_json::Value = serde_json::from_str(&alone).expect("json");
    assert!(v.get("kinds").is_none() && v.get("coverage").is_some());
}

#[test]
fn compare_says_the_kind_and_takes_a_kind_name() {
    let (_, err) = guize(mix(), &["compare", "施行日期"]);
    assert!(err.contains("the group is of kind"), "{err}");
    assert!(err.contains("guize compare"), "{err}");
    let (_, err) = guize(mix(), &["compare", "人民政府工作规则", "施行日期"]);
    assert!(err.contains("comparing group"), "{err}");
    assert!(
        ["历下区", "市中区", "兖州区", "周村区", "环翠区"]
            .iter()
            .any(|d| err.contains(&format!("best matches {d}"))),
        "a work rule's article: {err}"
    );
    let (_, err) = guize(mix(), &["compare", "养犬管理条例", "施行日期"]);
    assert!(err.contains("养犬管理条例 第"), "a dogs' article: {err}");
    let (_, err) = guize(&seeds(), &["compare", "施行日期"]);
    assert!(!err.contains("of kind"), "{err}");
}
