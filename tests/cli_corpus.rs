//! `guize corpus`, `guize show` and `guize articles` as a user runs them, on the seed corpus and on
//! small corpora of bad files built in a temp folder.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn guize(corpus: &Path) -> Command {
    let mut cmd = Command::cargo_bin("guize").expect("binary");
    cmd.arg("--corpus")
        .arg(corpus)
        .env("NO_COLOR", "1")
        .env_remove("GUIZE_CORPUS");
    cmd
}

#[test]
fn corpus_lists_the_five_documents() {
    guize(&seeds())
        .arg("corpus")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "lixia     历下区    济南市历下区人民政府工作规则",
        ))
        .stdout(predicate::str::contains("5 documents, 441 articles"))
        .stderr(predicate::str::contains("zhoucun.txt:207"));
}

#[test]
fn corpus_json_has_metadata() {
    let out = guize(&seeds())
        .args(["corpus", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 5);
    let shizhong = docs
        .iter()
        .find(|d| d["id"] == "shizhong")
        .expect("shizhong");
    assert_eq!(shizhong["doc_number"], "市中政发〔2022〕2号");
    assert_eq!(shizhong["issued"], "2022-03-16");
    assert_eq!(shizhong["articles"], 95);
}

#[test]
fn show_prints_an_article_with_its_citation() {
    for (doc, article) in [
        ("lixia", "39"),
        ("历下", "第三十九条"),
        ("历下区", "三十九"),
    ] {
        guize(&seeds())
            .args(["show", doc, article])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(
                "济南市历下区人民政府工作规则 第八章 完善会议制度 第三十九条\n",
            ))
            .stdout(predicate::str::contains("区政府常务会议一般每两周召开1次"));
    }
}

#[test]
fn show_takes_one_whole_reference_as_compare_does() {
    // The forms `guize compare` takes, and the citation `guize show` itself prints.
    for reference in [
        "lixia:39",
        "历下：第三十九条",
        "历下区 第八章 第三十九条",
        "历下区第39条",
        "济南市历下区人民政府工作规则 第八章 完善会议制度 第三十九条",
    ] {
        guize(&seeds())
            .args(["show", reference])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(
                "济南市历下区人民政府工作规则 第八章 完善会议制度 第三十九条\n",
            ));
    }
    // A reference to an article that does not exist is an error about the article.
    guize(&seeds())
        .args(["show", "lixia:200"])
        .assert()
        .failure()
        .code(1)
        .stderr(predicate::str::contains("lixia has no article '200'"));
}

#[test]
fn show_prints_an_outline_with_ranges() {
    guize(&seeds())
        .args(["show", "yanzhou"])
        .assert()
        .success()
        .stdout(predicate::str::contains("90 articles in 15 chapters"))
        .stdout(predicate::str::contains("第十五章 附则"))
        .stdout(predicate::str::contains("九十、"));
}

#[test]
fn unknown_document_lists_the_closest_first() {
    guize(&seeds())
        .args(["show", "zhoucn"])
        .assert()
        .failure()
        .code(1)
        .stderr(predicate::str::contains(
            "unknown document 'zhoucn'; known: zhoucun (周村区)",
        ));
}

#[test]
fn unknown_article_lists_the_nearest_numbers() {
    guize(&seeds())
        .args(["show", "lixia", "第二百条"])
        .assert()
        .failure()
        .code(1)
        .stderr(predicate::str::contains(
            "lixia has no article '第二百条'; closest: 第七十八条",
        ))
        .stderr(predicate::str::contains("78 articles: 第一条–第七十八条"));
}

#[test]
fn articles_json_is_one_object_per_line() {
    let out = guize(&seeds())
        .args(["articles", "--doc", "lixia", "--doc", "huancui", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(lines.len(), 78 + 89);
    let a39 = lines
        .iter()
        .find(|a| a["doc"] == "lixia" && a["article"] == 39)
        .expect("lixia 39");
    assert_eq!(a39["chapter"]["number"], 8);
    assert_eq!(a39["chapter"]["title"], "完善会议制度");
    assert_eq!(a39["paragraphs"].as_array().expect("paragraphs").len(), 8);
    let lines_range = a39["lines"].as_array().expect("lines");
    assert!(lines_range[0].as_u64() <= lines_range[1].as_u64());
    assert!(
        a39["text"]
            .as_str()
            .expect("text")
            .starts_with("区政府常务会议由区长")
    );
}

#[test]
fn articles_unknown_doc_fails() {
    guize(&seeds())
        .args(["articles", "--doc", "nowhere", "--json"])
        .assert()
        .failure()
        .code(1);
}

/// A corpus of bad files: the good document still loads and each bad one is a warning.
#[test]
fn bad_files_are_warnings_and_the_rest_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).expect("mkdir");
    std::fs::write(
        root.join("good.txt"),
        "某规则\n第一章 总则\n第一条 甲。\n第二条 乙。\n",
    )
    .expect("write");
    let (gbk, _, _) = encoding_rs::GB18030.encode("某办法\n第一条 本办法自印发之日起施行。\n");
    std::fs::write(root.join("sub/gbk.txt"), &gbk).expect("write");
    std::fs::write(root.join("empty.txt"), "").expect("write");
    std::fs::write(
        root.join("binary.md"),
        [0x7f, b'E', b'L', b'F', 0, 0, 0, 1, 2, 3],
    )
    .expect("write");
    std::fs::write(root.join("prose.txt"), "这是一段没有条文的说明文字。\n").expect("write");
    std::fs::write(
        root.join("dup.txt"),
        "第一条 甲。\n第三条 乙。\n第三条 丙。\n",
    )
    .expect("write");
    std::fs::write(root.join("notes.csv"), "not a document").expect("write");
    guize(root)
        .args(["corpus", "--warnings"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 documents, 6 articles"))
        .stdout(predicate::str::contains("sub/gbk"))
        .stderr(predicate::str::contains(
            "sub/gbk.txt: not UTF-8 (invalid at byte 2); decoded as GB18030",
        ))
        .stderr(predicate::str::contains("empty.txt: empty file; skipped"))
        .stderr(predicate::str::contains(
            "binary.md: binary file, not text; skipped",
        ))
        .stderr(predicate::str::contains("prose.txt: no article found"))
        .stderr(predicate::str::contains(
            "dup.txt:2: 第三条 follows 第一条: article numbers out of order",
        ))
        .stderr(predicate::str::contains(
            "dup.txt:3: duplicate article 第三条",
        ));
    guize(root)
        .args(["show", "sub/gbk", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("本办法自印发之日起施行。"));
}

#[test]
fn a_missing_corpus_folder_is_a_clear_error() {
    guize(Path::new("/nonexistent/guize-corpus"))
        .arg("corpus")
        .assert()
        .failure()
        .code(1)
        .stderr(predicate::str::contains(
            "cannot load corpus /nonexistent/guize-corpus",
        ));
}
