//! A corpus of several kinds shown as such: the five work rules with four cities' 养犬管理条例
//! beside them (real documents of lawrefbook), as a user runs `corpus`, `align`, `report` and
//! `compare` on it; and the five alone, whose outputs name no kind.

mod cmd;
mod serve_common;
mod shared;

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

/// `guize ARGS` on `corpus` as a user runs it, after checking that it succeeded: the shipped
/// corpus on the command-line tests' shared index, the mix on an index inside its folder.
fn guize(corpus: &Path, args: &[&str]) -> (String, String) {
    let mut command = if corpus == seeds() {
        cmd::guize()
    } else {
        cmd::guize_in(corpus, &corpus.join(".guize").join("index"))
    };
    let (code, stdout, stderr) = cmd::run(command.args(args));
    assert_eq!(code, Some(0), "guize {args:?} failed: {stderr}");
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
    assert_eq!(out.matches("matters only one document has (").count(), 2);
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
    // Each kind's sections have ids of their own: no id twice in the page.
    for page in [&html, &md] {
        let mut ids: Vec<&str> = page
            .split(" id=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        let all = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all, "ids repeated");
        let coverages = ids
            .iter()
            .filter(|i| i.starts_with("kind-") && i.ends_with("-coverage"))
            .count();
        assert_eq!(coverages, 2, "{ids:?}");
    }

    let (alone, _) = guize(&seeds(), &["report", "--format", "json", "-o", "-"]);
    let v: serde_json::Value = serde_json::from_str(&alone).expect("json");
    assert!(v.get("kinds").is_none() && v.get("coverage").is_some());
}

/// The report's figures table of a corpus of several kinds: one per kind, inside the kind's
/// part, with a column per document of that kind only (none of another kind showing `—` as if
/// it did not regulate the matter), each row headed by its subject and its groups' label as
/// `guize numbers` shows it.
#[test]
fn report_has_a_figures_table_per_kind_with_the_groups_label() {
    let (json, _) = guize(mix(), &["report", "--format", "json", "-o", "-"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(
        v["tables"].as_array().is_none_or(Vec::is_empty),
        "no table over every kind: {}",
        v["tables"]
    );
    let (nums, _) = guize(mix(), &["numbers", "--json"]);
    let nums: serde_json::Value = serde_json::from_str(&nums).expect("numbers json");
    let labels: Vec<&str> = nums["provisions"]
        .as_array()
        .expect("provisions")
        .iter()
        .filter_map(|p| p["group_label"].as_str())
        .collect();
    let mut labelled = 0;
    for (kind, docs) in v["kinds"]
        .as_array()
        .expect("kinds")
        .iter()
        .zip([FIVE, DOGS])
    {
        let tables = kind["tables"].as_array().expect("the kind's tables");
        let figures = tables
            .iter()
            .find(|t| t["id"] == "numbers")
            .unwrap_or_else(|| panic!("no figures table in {}", kind["name"]));
        let header: Vec<&str> = figures["header"]
            .as_array()
            .expect("header")
            .iter()
            .filter_map(|h| h.as_str())
            .collect();
        let names: Vec<&str> = kind["docs"]
            .as_array()
            .expect("docs")
            .iter()
            .filter_map(|d| d["name"].as_str())
            .collect();
        assert_eq!(header[1..], names[..], "{header:?}");
        assert_eq!(names.len(), docs.split(", ").count());
        for row in figures["rows"].as_array().expect("rows") {
            let title = row[0]["text"].as_str().expect("subject");
            if let Some((_, label)) = title.split_once(" [") {
                let label = label.split(']').next().unwrap_or_default();
                assert!(
                    label.split(" / ").all(|l| labels.contains(&l)),
                    "{title}: a label of the groups"
                );
                labelled += 1;
            }
        }
    }
    assert!(labelled >= 10, "{labelled} rows name their groups");
    let (md, _) = guize(mix(), &["report", "--format", "markdown", "-o", "-"]);
    assert_eq!(
        md.matches("Quantitative provisions").count(),
        2,
        "one per kind"
    );
    let dogs = md.find("\n## 养犬管理条例\n").expect("the dogs' part");
    let table = &md[dogs..];
    let table = &table[table
        .find("Quantitative provisions")
        .expect("the dogs' figures")..];
    let head = table
        .lines()
        .find(|l| l.starts_with("| 事项"))
        .expect("a header row");
    assert!(!head.contains("历下区"), "{head}");
    // Markdown escapes the bracket.
    assert!(table.contains(" \\["), "a row names its groups");
    let (html, _) = guize(mix(), &["report", "--format", "html", "-o", "-"]);
    assert_eq!(html.matches("Quantitative provisions").count(), 2);
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

/// `guize ARGS` on `corpus` that is expected to fail: its stderr.
fn guize_fails(corpus: &Path, args: &[&str]) -> String {
    let mut command = cmd::guize_in(corpus, &corpus.join(".guize").join("index"));
    let (code, _, stderr) = cmd::run(command.args(args));
    assert_eq!(code, Some(1), "guize {args:?} should fail: {stderr}");
    stderr
}

/// A word that starts several documents' names and that no other document's article says
/// (济南 of 济南市历下区… and 济南市市中区…) names a document without saying which: an error
/// listing them, as `guize show 济南` gives, not a search for the word.
#[test]
fn compare_says_a_name_of_several_documents_is_ambiguous() {
    let err = guize_fails(mix(), &["compare", "济南", "施行日期"]);
    assert!(
        err.contains("ambiguous document '济南'")
            && err.contains("lixia (历下区)")
            && err.contains("shizhong (市中区)"),
        "{err}"
    );
    assert!(!err.contains("best matches"), "{err}");
}

/// Where the words of a comparison look: a document's name as `guize show` reads it (the start
/// of its title, 菏泽 of 菏泽市养犬管理条例) when no article says it, `--doc` documents, a kind; and
/// no hint of another kind's group when the words chose where to look.
#[test]
fn compare_looks_where_the_words_and_doc_say() {
    let (out, err) = guize(mix(), &["compare", "菏泽", "施行日期", "--json"]);
    assert!(
        err.contains("best matches 菏泽市养犬管理条例 第") && err.contains("in 菏泽市养犬管理条例"),
        "{err}"
    );
    assert!(
        !err.contains("also has a group"),
        "no hint of the other kind: {err}"
    );
    let json: serde_json::Value = serde_json::from_str(&out).expect("compare --json");
    assert!(
        json["columns"]
            .as_array()
            .expect("columns")
            .iter()
            .all(|c| { DOGS.contains(c["doc"].as_str().unwrap_or("?")) }),
        "{json}"
    );
    // A city its own regulation names in its articles (嘉兴市人民政府…) still names that
    // regulation, as `guize show 嘉兴` reads it: the two named are the columns, with no hint.
    let (out, err) = guize(mix(), &["compare", "嘉兴", "郑州", "施行日期", "--json"]);
    assert!(!err.contains("also has a group"), "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("compare --json");
    let columns: Vec<&str> = json["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["doc"].as_str())
        .collect();
    assert_eq!(columns, ["jiaxing", "zhengzhou"], "{err}");
    // A word no article says that names no document either is still said to be unsaid; a
    // standard type's name never is (the search matches it by the article's formula).
    let err = guize_fails(mix(), &["compare", "xyzzy", "施行日期"]);
    assert!(err.contains("no article says xyzzy"), "{err}");
    assert!(!err.contains(", 施行日期"), "{err}");
    // `--doc` chooses where the words are looked for: the dogs' commencement, though the
    // search alone ranks a work rule's first.
    let (out, err) = guize(
        mix(),
        &[
            "compare",
            "施行日期",
            "--doc",
            "heze",
            "--doc",
            "qingdao",
            "--json",
        ],
    );
    assert!(
        err.contains("best matches 菏泽市养犬管理条例")
            || err.contains("best matches 青岛市养犬管理条例"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_str(&out).expect("compare --json");
    assert_eq!(json["columns"].as_array().map(Vec::len), Some(2), "{json}");
}

/// `--doc` naming documents of several kinds: `compare` aligns them together, as `align --doc`
/// does, so the one chosen of another kind than the group gets its column; a group id that
/// `align --doc` printed is found by `compare` with the same `--doc`. A base of another kind
/// without `--doc` is said to be of another kind (review32 #1), not to lack the matter.
#[test]
fn compare_with_doc_aligns_the_chosen_together_and_takes_their_ids() {
    // Aligned together, the dogs' commencement (菏泽 第二十七条) and 历下's are one group.
    let (out, err) = guize(
        mix(),
        &[
            "compare", "heze:27", "--doc", "heze", "--doc", "lixia", "--json",
        ],
    );
    assert!(
        err.contains("the chosen documents are of 2 kinds in the corpus")
            && err.contains("aligned together as one corpus"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_str(&out).expect("compare --json");
    assert!(json.get("other_kind").is_none(), "{json}");
    let mut columns: Vec<&str> = json["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["doc"].as_str())
        .collect();
    columns.sort_unstable();
    assert_eq!(columns, ["heze", "lixia"], "both commencements: {out}");
    let (out, _) = guize(
        mix(),
        &[
            "compare", "heze:1", "--doc", "heze", "--doc", "qingdao", "--json",
        ],
    );
    assert!(!out.contains("other_kind"), "{out}");

    // The base of another kind: said so, with the way to compare them (review32 #1), not that
    // it lacks the matter; with that `--doc`, it is the base.
    let err = guize_fails(mix(), &["compare", "heze:27", "--base", "lixia"]);
    assert!(
        err.contains("base document 'lixia' is of another kind than this group")
            && err.contains("use --doc to align them together"),
        "{err}"
    );
    assert!(!err.contains("has no article in group"), "{err}");
    let (out, _) = guize(
        mix(),
        &[
            "compare", "heze:27", "--base", "lixia", "--doc", "heze", "--doc", "lixia", "--json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&out).expect("compare --json");
    assert_eq!(json["base"]["doc"], "lixia", "{json}");

    let (aligned, _) = guize(
        mix(),
        &["align", "--doc", "lixia", "--doc", "shizhong", "--json"],
    );
    let aligned: serde_json::Value = serde_json::from_str(&aligned).expect("align --json");
    let (full, _) = guize(mix(), &["align", "--json"]);
    let full: serde_json::Value = serde_json::from_str(&full).expect("align --json");
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .filter_map(|g| g["id"].as_str().map(str::to_string))
            .collect()
    };
    let whole = ids(&full);
    let own = ids(&aligned)
        .into_iter()
        .find(|id| !whole.contains(id))
        .expect("the two documents' alignment has a group the whole corpus's has not");
    let (_, err) = guize(
        mix(),
        &["compare", &own, "--doc", "lixia", "--doc", "shizhong"],
    );
    assert!(
        err.contains("alignment of the chosen documents alone"),
        "{err}"
    );
    let err = guize_fails(mix(), &["compare", &own]);
    assert!(err.contains("no clause group"), "{err}");
}

/// `--doc` naming documents of several kinds: `align`, `report` and `numbers` align exactly the
/// chosen documents together as one corpus, as README says (review32 #1: there was no way to
/// align two documents the corpus puts in different kinds), and say on stderr that the corpus
/// puts them in several kinds; `compare` finds the ids they print.
#[test]
fn doc_of_several_kinds_aligns_the_chosen_together_in_every_command() {
    let chosen = ["--doc", "lixia", "--doc", "heze"];
    let with = |args: &[&str]| -> Vec<String> {
        args.iter()
            .chain(chosen.iter())
            .map(|s| s.to_string())
            .collect()
    };
    let run = |args: &[&str]| {
        let args = with(args);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        guize(mix(), &args)
    };
    let said = "the chosen documents are of 2 kinds in the corpus";
    let (json, err) = run(&["align", "--json"]);
    assert!(err.contains(said), "{err}");
    assert!(err.contains("养犬管理条例 (菏泽市养犬管理条例)"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("align --json");
    assert!(v.get("kinds").is_none(), "one corpus, no kinds: {json}");
    let mut ids = Vec::new();
    let mut joined = 0;
    for g in v["groups"].as_array().expect("groups") {
        let members = g["members"].as_object().expect("members");
        joined += usize::from(members.len() == 2);
        ids.push((
            g["id"].as_str().expect("id").to_string(),
            members.contains_key("heze"),
        ));
    }
    assert!(joined > 0, "a group holds both: {json}");
    let (text, _) = run(&["align"]);
    assert!(!text.contains("kind 1 of 2"), "{text}");
    // Documents of one kind, in a corpus of one kind or of several: aligned together, no note.
    for corpus in [seeds(), mix().to_path_buf()] {
        let (json, err) = guize(
            &corpus,
            &["align", "--doc", "lixia", "--doc", "yanzhou", "--json"],
        );
        assert!(!json.contains("\"kinds\"") && !err.contains(said), "{err}");
        assert!(
            json.contains("\"members\":{\"lixia\":[1],\"yanzhou\":[1]}"),
            "{json}"
        );
    }

    let (json, err) = run(&["report", "--format", "json", "-o", "-"]);
    assert!(err.contains(said), "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("report json");
    assert!(v.get("kinds").is_none(), "one corpus: {json}");

    let (json, err) = run(&["numbers", "--json"]);
    assert!(err.contains(said), "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("numbers json");
    for p in v["provisions"].as_array().expect("provisions") {
        let group = p["group"].as_str().expect("a group");
        assert!(ids.iter().any(|(id, _)| id == group), "{p}");
    }

    // A group id of `align --doc`: compare with the same --doc finds it.
    let (own, _) = ids.iter().find(|(_, heze)| *heze).expect("a group of heze");
    let (out, _) = run(&["compare", own.as_str(), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("compare --json");
    assert!(
        v["columns"]
            .as_array()
            .expect("columns")
            .iter()
            .any(|c| c["doc"] == "heze"),
        "{out}"
    );
}

/// `guize corpus --json` and `guize align --json` name the same kinds, documents and order; and
/// `guize corpus` keeps the kinds it found beside a fresh index (`kinds.cache.json`), read back
/// by the next run, unless an alignment is cached there (whose kinds it then gives).
#[test]
fn corpus_and_align_agree_on_the_kinds_and_corpus_keeps_them() {
    let index = tempfile::tempdir().expect("temp dir");
    let run = |args: &[&str]| -> serde_json::Value {
        let (code, stdout, stderr) = cmd::run(cmd::guize_in(mix(), index.path()).args(args));
        assert_eq!(code, Some(0), "{stderr}");
        serde_json::from_str(&stdout).unwrap_or(serde_json::Value::Null)
    };
    // A fresh index and nothing derived from it yet.
    let (code, _, stderr) = cmd::run(cmd::guize_in(mix(), index.path()).arg("index"));
    assert_eq!(code, Some(0), "{stderr}");
    let kept = || {
        walk(index.path())
            .into_iter()
            .any(|p| p.file_name().is_some_and(|n| n == "kinds.cache.json"))
    };
    assert!(!kept());
    let first = run(&["corpus", "--json"]);
    assert_eq!(first["index"]["status"], "fresh", "{first}");
    assert!(kept(), "the kinds are kept beside the index");
    let second = run(&["corpus", "--json"]);
    assert_eq!(first["kinds"], second["kinds"]);
    let names: Vec<&str> = first["kinds"]
        .as_array()
        .expect("kinds")
        .iter()
        .filter_map(|k| k["name"].as_str())
        .collect();
    assert_eq!(names, ["人民政府工作规则", "养犬管理条例"]);
    let align = run(&["align", "--json"]);
    assert_eq!(
        align["kinds"], first["kinds"],
        "corpus and align name one set of kinds"
    );
    // With the alignment cached, corpus reads its kinds: the same.
    assert_eq!(run(&["corpus", "--json"])["kinds"], align["kinds"]);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Near-copies of two articles whose titles differ only by a number (第N号管理办法) are one
/// kind: in documents so short half of any null sample is counterparts, and the split read no
/// share between any two of them, so their titles alone made 45 kinds.
#[test]
fn near_copies_whose_titles_differ_by_a_number_are_one_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..45 {
        std::fs::write(
            dir.path().join(format!("f{i:02}.txt")),
            format!(
                "第{i}号管理办法\n第一条 为了管理第{i}类事项，制定本办法。\n第二条 本办法自发布之日起施行。\n"
            ),
        )
        .expect("write");
    }
    let (json, _) = guize(dir.path(), &["corpus", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(v.get("kinds").is_none(), "{}", v["kinds"]);
    let (json, _) = guize(dir.path(), &["align", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(v.get("kinds").is_none(), "{}", v["kinds"]);
    // Two groups: the purposes and the commencements, each of all 45.
    let groups = v["groups"].as_array().expect("groups");
    assert_eq!(groups.len(), 2, "{groups:?}");
    for g in groups {
        assert_eq!(g["members"].as_object().map(|m| m.len()), Some(45), "{g}");
    }
}

/// `guize serve` of a corpus of several kinds: the home page heads each kind with its
/// documents and its groups, `/api/corpus` gives the kinds `guize corpus --json` gives, and
/// `/api/align`'s groups name their kind; the five alone name none.
#[test]
fn serve_heads_each_kind_and_the_api_names_them() {
    let index = tempfile::tempdir().expect("temp dir");
    let site = serve_common::site_of(mix(), index.path());
    let base = serve_common::spawn(guize::serve::router(std::sync::Arc::new(site)));
    let get = |path: &str| {
        serve_common::answer(serve_common::agent().get(format!("{base}{path}")).call())
    };
    let (status, home) = get("/");
    assert_eq!(status, 200);
    // English runs are marked (`<span lang="en">`).
    assert!(
        home.contains(">2 <span lang=\"en\">kinds of documents, aligned apart</span>:"),
        "{home}"
    );
    let (Some(five), Some(dogs)) = (
        home.find("<h2 class=\"kind\">人民政府工作规则 "),
        home.find("<h2 class=\"kind\">养犬管理条例 "),
    ) else {
        panic!("no heading per kind: {home}");
    };
    assert!(five < dogs);
    assert!(home[dogs..].contains("/doc/heze") && !home[dogs..].contains("/doc/lixia"));
    assert!(home[five..dogs].contains("/doc/lixia") && !home[five..dogs].contains("/doc/heze"));
    assert!(home[dogs..].contains("of them in every document of the kind</span>."));

    // Words alone: the page says the other kind has a group of that name, with a link to it,
    // as `guize compare` says on stderr.
    let (status, page) = get("/compare/%E6%96%BD%E8%A1%8C%E6%97%A5%E6%9C%9F");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("also has a group of that name</span>: <a href=\"/compare/"),
        "{page}"
    );
    // `KIND WORDS` and `doc=` choose where the words look, as on the command line.
    let (status, compared) = get(
        "/api/compare/%E5%85%BB%E7%8A%AC%E7%AE%A1%E7%90%86%E6%9D%A1%E4%BE%8B%20%E6%96%BD%E8%A1%8C%E6%97%A5%E6%9C%9F",
    );
    assert_eq!(status, 200, "{compared}");
    let compared = serve_common::json(&compared);
    assert!(
        DOGS.contains(compared["base"]["doc"].as_str().unwrap_or("?")),
        "{compared}"
    );
    let (status, compared) =
        get("/api/compare/%E6%96%BD%E8%A1%8C%E6%97%A5%E6%9C%9F?doc=heze&doc=jiaxing");
    assert_eq!(status, 200, "{compared}");
    let compared = serve_common::json(&compared);
    assert_eq!(
        compared["columns"].as_array().map(Vec::len),
        Some(2),
        "{compared}"
    );

    // `doc=` naming documents of several kinds aligns them together, as `guize compare --doc`
    // does: 历下's 制定依据 gets its column beside the dogs' 立法目的, the page says why, and
    // nothing is "of another kind"; the same answer as the command line's.
    let (status, compared) = get("/api/compare/heze:1?doc=heze&doc=lixia&doc=jiaxing");
    assert_eq!(status, 200, "{compared}");
    let compared = serve_common::json(&compared);
    let cli = serve_common::cli_json_in(
        mix(),
        index.path(),
        &[
            "compare", "heze:1", "--doc", "heze", "--doc", "lixia", "--doc", "jiaxing", "--json",
        ],
    );
    let docs = |v: &serde_json::Value| -> Vec<String> {
        let mut d: Vec<String> = v["columns"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["doc"].as_str().map(String::from))
            .collect();
        d.sort();
        d
    };
    assert_eq!(docs(&compared), docs(&cli), "{compared}");
    assert!(docs(&compared).iter().any(|d| d == "lixia"), "{compared}");
    assert!(compared.get("other_kind").is_none(), "{compared}");
    let (status, page) = get("/compare/heze:1?doc=heze&doc=lixia&doc=jiaxing");
    assert_eq!(status, 200);
    let note = page
        .find("The chosen documents are of 2 kinds in the corpus: aligned together")
        .expect("a note on the page");
    assert!(
        note < page.find("<table").unwrap_or(usize::MAX),
        "the note is above the table"
    );
    assert!(!page.contains("of another kind than this group"), "{page}");
    // Asked again, the same answer (the alignment of the chosen documents is kept).
    let (_, again) = get("/api/compare/heze:1?doc=jiaxing&doc=lixia&doc=heze");
    assert_eq!(docs(&serve_common::json(&again)), docs(&compared));
    let (_, compared) = get("/api/compare/heze:1?doc=heze&doc=jiaxing");
    assert!(!compared.contains("other_kind"), "{compared}");
    // A base of another kind is a 400 that says so, as `guize compare --base` does.
    let (status, answer) = get("/api/compare/heze:27?base=lixia");
    assert_eq!(status, 400, "{answer}");
    assert!(
        answer.contains("is of another kind than this group")
            && !answer.contains("has no article in group"),
        "{answer}"
    );
    let (_, page) = get("/compare/heze:1?doc=heze&doc=jiaxing");
    assert!(!page.contains("of another kind"));

    let (status, corpus) = get("/api/corpus");
    assert_eq!(status, 200);
    let corpus = serve_common::json(&corpus);
    let cli = serve_common::cli_json_in(mix(), index.path(), &["corpus", "--json"]);
    assert_eq!(corpus["kinds"], cli["kinds"], "{corpus}");
    assert_eq!(corpus["kinds"].as_array().map(Vec::len), Some(2));
    let (_, align) = get("/api/align");
    let align = serve_common::json(&align);
    assert_eq!(align["kinds"], cli["kinds"]);
    assert!(
        align["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .all(|g| g["kind"].is_string())
    );

    let five_index = tempfile::tempdir().expect("temp dir");
    let site = serve_common::site_of(&seeds(), five_index.path());
    let base = serve_common::spawn(guize::serve::router(std::sync::Arc::new(site)));
    let get = |path: &str| {
        serve_common::answer(serve_common::agent().get(format!("{base}{path}")).call())
    };
    let (_, home) = get("/");
    assert!(!home.contains("class=\"kind\"") && !home.contains("aligned apart"));
    let (_, corpus) = get("/api/corpus");
    assert!(!corpus.contains("\"kinds\""), "{corpus}");
}

/// A law and its amendments (the 13 files of lawrefbook's 刑法: 中华人民共和国刑法 and its
/// 刑法修正案（…）) name one matter: one kind, named by the law, never `其他`, whatever the
/// amendments share article by article.
#[test]
fn a_law_and_its_amendments_are_one_kind_named_by_the_law() {
    let dir = tempfile::tempdir().expect("temp dir");
    let from = shared::path("corpora/lawrefbook/刑法");
    let mut copied = 0;
    for entry in std::fs::read_dir(&from).expect("lawrefbook 刑法") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("file name");
        std::fs::copy(&path, dir.path().join(name)).expect("copy");
        copied += 1;
    }
    assert_eq!(copied, 13);
    let (code, stdout, stderr) =
        cmd::run(cmd::guize_in(dir.path(), &dir.path().join("idx")).args(["corpus", "--json"]));
    assert_eq!(code, Some(0), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    // One kind: `corpus --json` lists none.
    assert!(
        v.get("kinds")
            .is_none_or(|k| k.as_array().is_some_and(|k| k.len() <= 1)),
        "{v}"
    );
    let (_, text, _) =
        cmd::run(cmd::guize_in(dir.path(), &dir.path().join("idx")).args(["corpus"]));
    assert!(!text.contains("kinds, aligned apart"), "{text}");
    assert!(!text.contains("其他"), "{text}");
}

/// `guize corpus --json` of `dir` (its index inside): each kind's name and documents.
fn kinds_of(dir: &Path) -> Vec<(String, Vec<String>)> {
    let (json, _) = guize(dir, &["corpus", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    v["kinds"]
        .as_array()
        .map(|kinds| {
            kinds
                .iter()
                .map(|k| {
                    let docs = k["documents"].as_array().expect("documents");
                    (
                        k["name"].as_str().expect("name").to_string(),
                        docs.iter()
                            .filter_map(|d| d.as_str().map(str::to_string))
                            .collect(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

const MINGCHENG: [&str; 4] = [
    "DLC/山东地方法规/地方性法规/山东/济南市历史文化名城保护条例(2020-09-25).md",
    "DLC/河南地方法规/地方性法规/河南/洛阳市历史文化名城保护条例(2020-12-22).md",
    "DLC/山东地方法规/地方性法规/山东/聊城市历史文化名城名镇名村保护条例(2020-09-29).md",
    "DLC/浙江地方法规/地方性法规/浙江/宁波市历史文化名城名镇名村保护条例(2015-06-12).md",
];

/// Four regulations of one matter named two ways (历史文化名城保护 / 历史文化名城名镇名村保护:
/// the longer is the shorter with 名镇名村 written inside) beside a stranger: one kind, joined by
/// the shares (review32 #1: two kinds, and 济南 and 聊城 never compared); the stranger apart.
#[test]
fn regulations_of_one_matter_named_two_ways_are_one_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    shared::copy_named(dir.path(), &MINGCHENG);
    shared::copy_named(
        dir.path(),
        &["DLC/山东地方法规/地方性法规/山东/山东省人民代表大会议事规则(2019-02-18).md"],
    );
    let kinds = kinds_of(dir.path());
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert_eq!(kinds[0].0, "历史文化名城保护条例", "{kinds:?}");
    assert_eq!(kinds[0].1.len(), 4, "{kinds:?}");
    assert!(
        kinds[1].1[0].starts_with("山东省人民代表大会议事规则"),
        "{kinds:?}"
    );
}

/// Titles near but of different matters (人民代表大会议事规则 / 人民代表大会常务委员会议事规则,
/// the one the other with 常务委员会 inside) are left to the shares, and the shares keep the two
/// apart: nine rules of procedure of six provinces, two kinds.
#[test]
fn near_titles_of_different_matters_stay_apart_by_their_shares() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut sources = Vec::new();
    for (province, rules) in [
        (
            "广东",
            &[
                "广东省人民代表大会常务委员会议事规则(2023-03-30)",
                "广东省人民代表大会议事规则(2022-01-22)",
            ][..],
        ),
        (
            "重庆",
            &["重庆市人民代表大会常务委员会议事规则(2023-03-30)"][..],
        ),
        (
            "北京",
            &[
                "北京市人民代表大会常务委员会议事规则(2010-12-23)",
                "北京市人民代表大会议事规则(2022-01-10)",
            ][..],
        ),
        (
            "浙江",
            &[
                "浙江省人民代表大会常务委员会议事规则(2020-11-27)",
                "浙江省人民代表大会议事规则(1994-03-05)",
            ][..],
        ),
        ("河南", &["河南省人民代表大会议事规则(2010-07-30)"][..]),
        ("山东", &["山东省人民代表大会议事规则(2019-02-18)"][..]),
    ] {
        for rule in rules {
            sources.push(format!(
                "DLC/{province}地方法规/地方性法规/{province}/{rule}.md"
            ));
        }
    }
    let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
    shared::copy_named(dir.path(), &sources);
    let kinds = kinds_of(dir.path());
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    for (_, docs) in &kinds {
        let standing = docs.iter().filter(|d| d.contains("常务委员会")).count();
        assert!(standing == 0 || standing == docs.len(), "{kinds:?}");
    }
}

/// A file named exactly by its regulation's title (every lawrefbook file without a date in its
/// name) names its matter as its heading does: the four 全民健身条例, 北京's file named
/// `北京市全民健身条例.md`, are one kind; with the title taken for a made-up one, 北京 stood apart
/// in a kind of its own and was compared with nothing.
#[test]
fn a_file_named_by_its_title_is_of_its_titles_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    shared::copy_named(
        dir.path(),
        &[
            "DLC/北京地方法规/地方性法规/北京/北京市全民健身条例.md",
            "DLC/浙江地方法规/地方性法规/浙江/宁波市全民健身条例(2021-06-11).md",
            "DLC/浙江地方法规/地方性法规/浙江/浙江省全民健身条例(2014-11-28).md",
            "DLC/山东地方法规/地方性法规/山东/山东省全民健身条例(2017-12-01).md",
        ],
    );
    let kinds = kinds_of(dir.path());
    assert!(kinds.len() <= 1, "one kind, not {kinds:?}");
    let (json, _) = guize(dir.path(), &["align", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let with_beijing_and_another = v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .filter(|g| {
            let members = g["members"].as_object().expect("members");
            members.len() >= 2 && members.contains_key("北京市全民健身条例")
        })
        .count();
    assert!(
        with_beijing_and_another >= 20,
        "北京's 43 articles compared with the others in {with_beijing_and_another} groups"
    );
}

/// A column head names one document in the whole output: with 杭州's and 浙江's 全民健身条例 in
/// one kind and their 旅游条例 in another, each kind's table heads them by year (杭州市 2010,
/// 杭州市 2016), not both `杭州市`, and every head of every kind's key names one document.
#[test]
fn a_column_head_names_one_document_across_kinds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let zhejiang = "DLC/浙江地方法规/地方性法规/浙江";
    let files: Vec<String> = [
        "杭州市全民健身条例(2010-12-31)",
        "浙江省全民健身条例(2014-11-28)",
        "宁波市全民健身条例(2021-06-11)",
        "杭州市旅游条例(2016-12-27)",
        "浙江省旅游条例(2017-11-30)",
    ]
    .iter()
    .map(|f| format!("{zhejiang}/{f}.md"))
    .chain(["DLC/山东地方法规/地方性法规/山东/山东省旅游条例(2016-11-26).md".to_string()])
    .collect();
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    shared::copy_named(dir.path(), &files);
    assert_eq!(kinds_of(dir.path()).len(), 2);
    let (out, _) = guize(dir.path(), &["align"]);
    let mut named: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for key in out.lines().filter_map(|l| l.strip_prefix("columns: ")) {
        for pair in key.split("; ") {
            let (head, id) = pair.split_once(" = ").expect("head = id");
            let ids = named.entry(head.to_string()).or_default();
            if !ids.iter().any(|i| i == id) {
                ids.push(id.to_string());
            }
        }
    }
    assert!(
        named.contains_key("杭州市 2010") && named.contains_key("杭州市 2016"),
        "{named:?}"
    );
    for (head, ids) in &named {
        assert_eq!(ids.len(), 1, "{head} names {ids:?}");
    }
}

/// Titles whose place is a placeholder (甲市, 乙市, 丙市 of a model text) name their matter: the
/// kind of three lawrefbook 河道管理条例 so retitled is 河道管理条例, not their ids (review32
/// #13), beside the dogs' kind.
#[test]
fn a_kind_of_placeholder_places_is_named_by_its_matter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lawrefbook = shared::path("corpora/lawrefbook");
    for (id, place, source) in [
        (
            "jia",
            "甲市",
            "DLC/上海地方法规/地方性法规/上海/上海市河道管理条例(2018-12-20).md",
        ),
        (
            "yi",
            "乙市",
            "DLC/浙江地方法规/地方性法规/浙江/宁波市河道管理条例(2019-08-20).md",
        ),
        (
            "bing",
            "丙市",
            "DLC/山东地方法规/地方性法规/山东/青岛市河道管理条例(2020-03-26).md",
        ),
    ] {
        let text = std::fs::read_to_string(lawrefbook.join(source)).expect("fixture");
        let body = text.split_once('\n').map_or("", |(_, rest)| rest);
        std::fs::write(
            dir.path().join(format!("{id}.md")),
            format!("# {place}河道管理条例\n{body}"),
        )
        .expect("write");
    }
    shared::copy_named(
        dir.path(),
        &[
            "DLC/山东地方法规/地方性法规/山东/东营市养犬管理条例(2017-10-11).md",
            "DLC/山东地方法规/地方性法规/山东/德州市养犬管理条例(2020-07-31).md",
        ],
    );
    let kinds = kinds_of(dir.path());
    let rivers = kinds
        .iter()
        .find(|(_, docs)| docs.iter().any(|d| d == "jia"))
        .expect("a kind of jia");
    assert_eq!(rivers.0, "河道管理条例", "{kinds:?}");
    assert_eq!(rivers.1, ["bing", "jia", "yi"], "{kinds:?}");
}

/// Documents of no kind (regulations whose titles and articles share no matter with any other
/// document) are each aligned alone: beside four 全民健身条例, four 行政法规 on 放射性废物,
/// 民用爆炸物品, 病原微生物 and 危险化学品 form no group together (aligned together they were
/// grouped by chance wordings: 运输危险化学品 of 危险化学品 with 病原微生物's transport), and the
/// family's own groups stand as they did.
#[test]
fn documents_of_no_kind_are_each_aligned_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let strangers = [
        "放射性废物安全管理条例(2011-12-20)",
        "民用爆炸物品安全管理条例(2014-07-29)",
        "病原微生物实验室生物安全管理条例(2018-03-19)",
        "危险化学品安全管理条例(2013-12-07)",
    ];
    let files: Vec<String> = strangers
        .iter()
        .map(|f| format!("行政法规/{f}.md"))
        .chain(
            [
                "DLC/北京地方法规/地方性法规/北京/北京市全民健身条例.md",
                "DLC/浙江地方法规/地方性法规/浙江/宁波市全民健身条例(2021-06-11).md",
                "DLC/浙江地方法规/地方性法规/浙江/浙江省全民健身条例(2014-11-28).md",
                "DLC/山东地方法规/地方性法规/山东/山东省全民健身条例(2017-12-01).md",
            ]
            .map(String::from),
        )
        .collect();
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    shared::copy_named(dir.path(), &files);
    let kinds = kinds_of(dir.path());
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    let family = groups_across(dir.path(), &strangers);
    assert!(family >= 30, "the family's groups: {family}");
    let (text, _) = guize(dir.path(), &["align"]);
    assert!(
        text.contains("documents of no shared matter: each is aligned alone"),
        "{text}"
    );
}

/// An amendment decision (关于修改《…》的决定) beside the regulations of its matter is a list of
/// edits, not a regulation: `corpus` warns so, and it is aligned apart (its items, which quote new
/// wording of 第三条 and a closing 本决定自公布之日起施行, were grouped with the regulations'
/// 第三条 and 施行日期, and `numbers` marked it 未规定), in a kind named by the decision itself.
#[test]
fn an_amendment_decision_is_aligned_apart_from_the_regulations() {
    let dir = tempfile::tempdir().expect("temp dir");
    shared::copy_named(
        dir.path(),
        &[
            "DLC/北京地方法规/地方性法规/北京/北京市献血条例(2021-11-26).md",
            "DLC/浙江地方法规/地方性法规/浙江/宁波市献血条例(2020-06-05).md",
            "DLC/山东地方法规/地方性法规/山东/泰安市献血条例(2021-07-31).md",
            "DLC/山东地方法规/地方性法规/山东/临沂市献血条例(2019-02-12).md",
        ],
    );
    std::fs::write(
        dir.path().join("泰安市关于修改献血条例的决定.md"),
        "# 泰安市人民代表大会常务委员会关于修改《泰安市献血条例》的决定\n\n\
         泰安市人民代表大会常务委员会决定对《泰安市献血条例》作如下修改：\n\n\
         一、将第十三条修改为：“国家提倡十八周岁至六十周岁的健康公民自愿献血。”\n\n\
         二、将第十七条中的“两次献血间隔不少于六个月”修改为“两次献血间隔不少于三个月”。\n\n\
         三、增加一条，作为第二十条：“献血者享有优先用血的权利。”\n\n\
         本决定自公布之日起施行。\n",
    )
    .expect("write the decision");
    let (_, stderr) = guize(dir.path(), &["corpus"]);
    assert!(
        stderr.contains("an amendment decision of 《泰安市献血条例》, not a regulation"),
        "{stderr}"
    );
    let kinds = kinds_of(dir.path());
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert!(
        kinds
            .iter()
            .any(|(name, docs)| name == "泰安市关于修改献血条例的决定" && docs.len() == 1),
        "{kinds:?}"
    );
    let family = groups_across(dir.path(), &["泰安市关于修改献血条例的决定"]);
    assert!(family >= 15, "the four's groups: {family}");
}

/// The groups of `align --json` on `dir` that span two documents or more, after checking that
/// none holds one of `apart` with another document.
fn groups_across(dir: &Path, apart: &[&str]) -> usize {
    let (json, _) = guize(dir, &["align", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let mut across = 0;
    for g in v["groups"].as_array().expect("groups") {
        let members = g["members"].as_object().expect("members");
        assert!(
            members.len() == 1 || !members.keys().any(|id| apart.contains(&id.as_str())),
            "a group joins a document aligned apart: {g}"
        );
        across += usize::from(members.len() >= 2);
    }
    across
}

/// A matter written inside a longer title's is that title's matter when what the longer adds
/// after it is acts of administration (杭州市安全生产监督管理条例 beside the provinces'
/// 安全生产条例); a word of its own after it (安全生产许可证条例, a licensing regime) names another
/// matter: it was in the kind 安全生产条例. A run before it narrows the matter and keeps it
/// (煤矿安全生产条例, 浙江省森林消防条例). Two documents whose matters no other names share a kind
/// named by what their matters share (建设工程质量和安全), never by their ids joined by 、.
#[test]
fn a_head_added_to_a_matter_names_another_matter() {
    let dir = tempfile::tempdir().expect("temp dir");
    shared::copy_named(
        dir.path(),
        &[
            "行政法规/安全生产许可证条例(2014-07-29).md",
            "行政法规/煤矿安全生产条例(2024-01-24).md",
            "DLC/上海地方法规/地方性法规/上海/上海市安全生产条例(2018-05-24).md",
            "DLC/山东地方法规/地方性法规/山东/山东省安全生产条例(2021-12-03).md",
            "DLC/浙江地方法规/地方性法规/浙江/浙江省安全生产条例(2016-07-29).md",
            "DLC/重庆地方法规/地方性法规/重庆/重庆市安全生产条例(2015-12-08).md",
            "DLC/浙江地方法规/地方性法规/浙江/杭州市安全生产监督管理条例(2010-10-11).md",
            "DLC/上海地方法规/地方性法规/上海/上海市消防条例(2020-03-19).md",
            "DLC/山东地方法规/地方性法规/山东/山东省消防条例(2015-07-24).md",
            "DLC/重庆地方法规/地方性法规/重庆/重庆市消防条例(2013-11-30).md",
            "DLC/浙江地方法规/地方性法规/浙江/浙江省森林消防条例(2009-11-27).md",
            "DLC/上海地方法规/地方性法规/上海/上海市建设工程质量和安全管理条例.md",
            "DLC/浙江地方法规/地方性法规/浙江/浙江省交通建设工程质量和安全生产管理条例(2020-11-27).md",
        ],
    );
    let kinds = kinds_of(dir.path());
    let kind = |name: &str| {
        kinds
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, docs)| docs.clone())
            .unwrap_or_else(|| panic!("no kind {name}: {kinds:?}"))
    };
    let safety = kind("安全生产条例");
    // 煤矿安全生产条例 stays: a run before the matter is read as narrowing it (the titles alone
    // do not tell 煤矿 from 全民 of 全民义务植树 or 集中 of 集中供热).
    assert_eq!(safety.len(), 6, "{kinds:?}");
    assert!(
        safety
            .iter()
            .any(|d| d.starts_with("杭州市安全生产监督管理条例")),
        "{kinds:?}"
    );
    assert!(
        !safety.iter().any(|d| d.starts_with("安全生产许可证")),
        "{kinds:?}"
    );
    let fire = kind("消防条例");
    assert_eq!(fire.len(), 4, "{kinds:?}");
    assert_eq!(kind("建设工程质量和安全").len(), 2, "{kinds:?}");
    for (name, _) in &kinds {
        assert!(!name.contains('、'), "{kinds:?}");
    }
    // No kind is named by one of its documents' ids.
    assert!(!kinds.iter().any(|(n, _)| n.contains('(')), "{kinds:?}");
}

/// A named instance of a matter by its rank (黄河三角洲国家级自然保护区, 小秦岭国家级自然保护区) is
/// the matter, however long its name: the two reserves and the national 自然保护区条例 are one
/// kind, named by the matter the national one names whole; two 湿地保护条例 are another.
#[test]
fn a_named_instance_of_a_matter_by_its_rank_is_of_the_matters_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    shared::copy_named(
        dir.path(),
        &[
            "行政法规/自然保护区条例(2017-10-07).md",
            "DLC/河南地方法规/地方性法规/河南/河南小秦岭国家级自然保护区条例(2018-10-26).md",
            "DLC/山东地方法规/地方性法规/山东/山东黄河三角洲国家级自然保护区条例(2017-12-01).md",
            "DLC/北京地方法规/地方性法规/北京/北京市湿地保护条例(2019-07-26).md",
            "DLC/山东地方法规/地方性法规/山东/东营市湿地保护条例(2020-10-10).md",
        ],
    );
    let kinds = kinds_of(dir.path());
    let reserves = kinds
        .iter()
        .find(|(n, _)| n == "自然保护区")
        .map(|(_, docs)| docs.clone())
        .unwrap_or_else(|| panic!("no kind 自然保护区: {kinds:?}"));
    assert_eq!(reserves.len(), 3, "{kinds:?}");
    assert!(
        kinds
            .iter()
            .any(|(n, docs)| n == "湿地保护条例" && docs.len() == 2),
        "{kinds:?}"
    );
}
