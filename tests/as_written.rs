//! Outputs show only what the documents say (issue 12; the tester's T2 and T28): every column
//! of a comparison, rebuilt from its `equal` and `insert` segments, is its articles' text as
//! `guize articles --json` gives it (１次, ５０％, 2021－2025 年 as written, not folded); the base
//! text is the base's; a partial member's column is one stretch of its article, never paragraphs
//! with others left out between them; a precedent's shown text is its article's as written. On the
//! five, on the four 养犬管理条例 of the dogs gold and on the 物业管理条例 of lawrefbook.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod cmd;
mod shared;

/// `guize ARGS` on `corpus` with an index in `index`, stdout parsed as JSON lines.
fn run(corpus: &Path, index: &Path, args: &[&str]) -> Vec<Value> {
    let out = assert_cmd::Command::cargo_bin("guize")
        .expect("binary")
        .env("NO_COLOR", "1")
        .env_remove("GUIZE_CORPUS")
        .arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .args(args)
        .output()
        .expect("guize runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect()
}

/// Every article's text as written, by document id and article number.
fn articles(corpus: &Path, index: &Path) -> BTreeMap<(String, u64), String> {
    run(corpus, index, &["articles", "--json"])
        .into_iter()
        .map(|a| {
            (
                (
                    a["doc"].as_str().expect("doc").to_string(),
                    a["article"].as_u64().expect("article"),
                ),
                a["text"].as_str().expect("text").to_string(),
            )
        })
        .collect()
}

fn side(segments: &Value, leave_out: &str) -> String {
    segments
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["op"] != leave_out)
        .map(|s| s["text"].as_str().expect("text"))
        .collect()
}

/// The text of a column's articles as `guize articles` writes them, one article a line.
fn written(texts: &BTreeMap<(String, u64), String>, doc: &str, numbers: &Value) -> String {
    numbers
        .as_array()
        .expect("articles")
        .iter()
        .map(|n| {
            let key = (doc.to_string(), n.as_u64().expect("number"));
            texts
                .get(&key)
                .unwrap_or_else(|| panic!("no article {key:?}"))
                .trim()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks every multi-document group of the report of `corpus`; returns how many columns held
/// a character that normalisation folds (so the check had something to catch) and how many
/// partial columns there were.
fn check_report(corpus: &Path, index: &Path) -> (usize, usize) {
    let texts = articles(corpus, index);
    let report = run(corpus, index, &["report", "--format", "json", "-o", "-"]);
    let groups = report[0]["groups"].as_array().expect("groups");
    let (mut folded, mut partial, mut checked) = (0, 0, 0);
    for g in groups {
        let columns = g["columns"].as_array().expect("columns");
        if columns.len() < 2 {
            continue;
        }
        let id = g["group"]["id"].as_str().unwrap_or("?");
        for c in columns {
            let doc = c["doc"].as_str().expect("doc");
            let own = side(&c["segments"], "delete");
            let article = written(&texts, doc, &c["articles"]);
            quiet_only_between_equal_text(id, doc, &c["segments"]);
            if c["citation"].as_str().unwrap_or("").contains(", in part") {
                // One stretch of the article: no paragraph between two shown ones left out.
                assert!(
                    article.contains(&own),
                    "{id} {doc}: the in-part column is not one stretch of its article:\n{own}\n--- article:\n{article}"
                );
                // Base wording the article holds in a paragraph not shown is never marked as
                // wording it lacks (the tester's U1: 潍坊 第五条's 职责 opening, 淄博 第四十六条's
                // 业主名册 after the shown items).
                for clause in deleted_clauses(&c["segments"]) {
                    assert!(
                        !article.contains(&clause) || own.contains(&clause),
                        "{id} {doc}: 「{clause}」 is marked as lacking but the article has it in a paragraph not shown:\n{own}\n--- article:\n{article}"
                    );
                }
                partial += 1;
            } else {
                assert_eq!(
                    own, article,
                    "{id} {doc}: column is not the article as written"
                );
                if article != guize::text::fold::norm(&article) {
                    folded += 1;
                }
            }
            if c["is_base"] == true {
                assert_eq!(g["base_text"].as_str(), Some(article.as_str()), "{id} base");
            }
            checked += 1;
        }
    }
    assert!(checked > 0);
    (folded, partial)
}

/// The clauses (cut at punctuation, four characters or more) of the column's deleted runs:
/// base wording the column is said to lack.
fn deleted_clauses(segments: &Value) -> Vec<String> {
    let mut runs = vec![String::new()];
    for s in segments.as_array().expect("segments") {
        match s["op"].as_str() {
            Some("delete") => runs
                .last_mut()
                .expect("a run")
                .push_str(s["text"].as_str().expect("text")),
            _ => runs.push(String::new()),
        }
    }
    runs.iter()
        .flat_map(|r| r.split(|c: char| !c.is_alphanumeric()))
        .filter(|c| c.chars().count() >= 4)
        .map(str::to_string)
        .collect()
}

/// A segment flagged as punctuation (shown quietly, or not at all when deleted) is never cut out
/// of a longer deleted or inserted run (the tester's U6: `；\n（三）` inside a long deletion was
/// dropped, running the struck items together).
fn quiet_only_between_equal_text(id: &str, doc: &str, segments: &Value) {
    let segments = segments.as_array().expect("segments");
    for w in segments.windows(3) {
        let (before, quiet, after) = (&w[0], &w[1], &w[2]);
        if quiet["punct"] == true && quiet["op"] != "equal" {
            let same = |s: &Value| s["op"] == quiet["op"] && s["punct"] != true;
            assert!(
                !(same(before) && same(after)),
                "{id} {doc}: {:?} is shown as a quiet change inside the run {:?} … {:?}",
                quiet["text"],
                before["text"],
                after["text"]
            );
        }
    }
}

fn five() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

#[test]
fn the_fives_columns_are_their_articles_as_written() {
    let index = tempfile::tempdir().expect("temp dir");
    let (folded, _) = check_report(&five(), index.path());
    // 市中 27 (2021－2025 年), 周村 49 (１次), 周村 85 (５０％) and others.
    assert!(
        folded >= 3,
        "only {folded} columns with full-width characters"
    );
}

#[test]
fn a_compared_group_shows_2021_2025_as_shizhong_writes_it() {
    let v = run(
        &five(),
        cmd::index_dir(),
        &["compare", "shizhong:27", "--json"],
    );
    let column = cmd::column(&v[0], "shizhong");
    let own = side(&column["segments"], "delete");
    assert!(own.contains("（2021－2025 年）"), "{own}");
    assert!(!own.contains("2021-2025"), "{own}");
}

#[test]
fn the_dogs_columns_are_their_articles_as_written() {
    #[derive(serde::Deserialize)]
    struct Gold {
        sources: BTreeMap<String, String>,
    }
    let gold: Gold = serde_json::from_str(
        &std::fs::read_to_string(shared::path("gold/alignment-dev-dogs.json")).expect("dogs gold"),
    )
    .expect("gold parses");
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    shared::copy_sources(&gold.sources, &corpus);
    check_report(&corpus, &dir.path().join("index"));
}

/// The tester's T28 corpus: every 物业管理条例 of lawrefbook. Its in-part columns (菏泽 第十三条
/// matched on paragraphs 0, 1 and 7) showed the matching paragraphs only and then marked the
/// items between them as wording the document lacks.
#[test]
fn property_in_part_columns_skip_no_paragraph() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus folder");
    let mut stack = vec![shared::path("corpora/lawrefbook")];
    let mut copied = 0;
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("lawrefbook").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.to_string_lossy().contains("物业管理条例") {
                std::fs::copy(&p, corpus.join(e.file_name())).expect("copy");
                copied += 1;
            }
        }
    }
    assert!(copied >= 20, "{copied} 物业管理条例");
    let (_, partial) = check_report(&corpus, &dir.path().join("index"));
    assert!(partial >= 10, "{partial} in-part columns");
}

/// The tester's U8: a phrase search for 每两周召开１次 showed 周村 四十九、's snippet folded
/// (`召开1次`), though the document writes `召开１次`.
#[test]
fn search_snippets_show_the_text_as_written() {
    let v = run(
        &five(),
        cmd::index_dir(),
        &["search", "\"每两周召开１次\"", "--json"],
    );
    let hits = v[0]["hits"].as_array().expect("hits");
    let zhoucun = hits
        .iter()
        .find(|h| h["doc"] == "zhoucun")
        .expect("周村 has the phrase");
    let snippet = zhoucun["snippet"].as_str().expect("snippet");
    assert!(snippet.contains("每两周召开１次"), "{snippet}");
    let chars: Vec<char> = snippet.chars().collect();
    let marked: Vec<String> = zhoucun["highlights"]
        .as_array()
        .expect("highlights")
        .iter()
        .map(|r| {
            let (a, b) = (r[0].as_u64().expect("start"), r[1].as_u64().expect("end"));
            chars[a as usize..b as usize].iter().collect()
        })
        .collect();
    assert!(marked.iter().any(|m| m.contains("１次")), "{marked:?}");
    // Every snippet is a stretch of its article as written.
    let texts = articles(&five(), cmd::index_dir());
    for h in hits {
        let key = (
            h["doc"].as_str().expect("doc").to_string(),
            h["article"].as_u64().expect("article"),
        );
        let article = texts.get(&key).expect("the article").replace('\n', " ");
        let snippet = h["snippet"].as_str().expect("snippet");
        for piece in snippet.split('…').filter(|p| !p.is_empty()) {
            assert!(
                article.contains(piece),
                "{key:?}: {piece}\nnot in\n{article}"
            );
        }
    }
}

#[test]
fn precedents_show_their_articles_as_written() {
    let texts = articles(&five(), cmd::index_dir());
    for draft in [
        "区政府常务会议一般每两周召开１次。",
        "制定《法治政府建设实施纲要（2021－2025 年）》",
        "经济社会发展中的重大问题，须经参会人员的50%以上同意。",
    ] {
        let v = run(&five(), cmd::index_dir(), &["precedent", draft, "--json"]);
        let hits = v[0]["pieces"][0]["hits"].as_array().expect("hits");
        assert!(!hits.is_empty(), "{draft}");
        for h in hits {
            let key = (
                h["doc"].as_str().expect("doc").to_string(),
                h["article"].as_u64().expect("article"),
            );
            let article = texts.get(&key).expect("the article exists");
            let shown = side(&h["segments"], "delete");
            assert!(
                article.contains(shown.trim()),
                "{draft} → {key:?}: {shown}\nnot in\n{article}"
            );
            if let Some(p) = h["passage"].as_str() {
                assert!(article.contains(p), "{key:?} passage {p}");
            }
        }
    }
}
