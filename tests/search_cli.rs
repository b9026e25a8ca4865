//! The `guize search`, `guize index` and `guize segment` commands, each with its own index folder.

mod cmd;
mod shared;

use assert_cmd::Command;
use std::path::Path;

/// `guize` on the shipped corpus with its index in `index`.
fn guize(index: &Path) -> Command {
    cmd::guize_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"), index)
}

#[test]
fn search_json_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let out = guize(dir.path())
        .args(["search", "--json", "--limit", "3", "常务会议"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["query"], "常务会议");
    assert!(v["total"].as_u64().unwrap() >= 5);
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3);
    for h in hits {
        assert!(h["doc"].is_string() && h["district"].as_str().unwrap().ends_with('区'));
        assert!(h["chapter"]["number"].is_u64() && h["chapter"]["title"].is_string());
        assert!(h["article"].as_u64().unwrap() > 0 && h["score"].as_f64().unwrap() > 0.0);
        assert!(h["snippet"].as_str().unwrap().contains("常务会议"));
    }
    // The first search built the index and said so on stderr; the second reuses it quietly.
    assert!(String::from_utf8_lossy(&out.stderr).contains("built the index"));
    let again = guize(dir.path())
        .args(["search", "常务会议"])
        .output()
        .unwrap();
    assert!(again.status.success() && again.stderr.is_empty());
    let text = String::from_utf8(again.stdout).unwrap();
    assert!(text.contains(" · 第") && text.contains("条"), "{text}");
    assert!(!text.contains('\u{1b}'), "colour without a terminal");
}

#[test]
fn index_command_builds_and_bad_searches_fail() {
    let dir = tempfile::tempdir().unwrap();
    guize(dir.path()).arg("index").assert().success();
    assert!(dir.path().join("CURRENT").exists());
    let fail = guize(dir.path())
        .args(["search", "的", "吗"])
        .assert()
        .failure();
    assert!(String::from_utf8_lossy(&fail.get_output().stderr).contains("nothing to search for"));
    let fail = guize(dir.path())
        .args(["search", "--doc", "nowhere", "会议"])
        .assert()
        .failure();
    assert!(String::from_utf8_lossy(&fail.get_output().stderr).contains("lixia"));
    guize(dir.path())
        .args(["search", "--limit", "2", "会议 -区长办公会议"])
        .assert()
        .success();
    // Excluding a word every asked word holds leaves nothing that says what is asked: an error
    // naming it, not hits found through related words.
    for query in ["常务会议 -常务会议", "常务会议 \"全体会议\" -会议"] {
        let fail = guize(dir.path()).args(["search", query]).assert().failure();
        let err = String::from_utf8_lossy(&fail.get_output().stderr).to_string();
        assert!(err.contains("excludes what it asks for"), "{query}: {err}");
    }
    guize(dir.path())
        .args(["search", "--limit", "2", "常务会议 请假 -会议"])
        .assert()
        .success();
}

#[test]
fn segment_prints_words_and_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let out = guize(dir.path())
        .args(["segment", "召开区长办公会议"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "召开 区长办公会议"
    );
    let out = guize(dir.path())
        .args(["segment", "--json", "-"])
        .write_stdin("放管服改革")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["token"], "放管服");
    assert_eq!(v[1]["start"], 9);
}

/// `-外出` needs no quotes or `--`: it is an exclusion, not a bundle of short flags, and options
/// after it still count.
#[test]
fn unquoted_chinese_exclusions_are_query_words() {
    let dir = tempfile::tempdir().unwrap();
    let total = |args: &[&str]| {
        let out = guize(dir.path()).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            v["query"].as_str().unwrap().to_string(),
            v["total"].as_u64().unwrap(),
        )
    };
    let (_, all) = total(&["search", "--json", "请假"]);
    let (query, left) = total(&["search", "请假", "-外出", "--json"]);
    assert_eq!(query, "请假 -外出");
    assert!(left > 0 && left < all, "{left} of {all}");
    assert_eq!(total(&["search", "--json", "请假 -外出"]).1, left);
}

/// A quoted phrase with a space typed inside its Han characters ("常务 会议") finds what the
/// phrase written whole finds: the space is no break in Chinese text.
#[test]
fn a_space_inside_a_quoted_chinese_phrase_does_not_break_it() {
    let dir = tempfile::tempdir().unwrap();
    let hits = |query: &str| {
        let out = guize(dir.path())
            .args(["search", "--json", "--limit", "50", query])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{query}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let found: Vec<(String, u64)> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["doc"].as_str().unwrap().to_string(),
                    h["article"].as_u64().unwrap(),
                )
            })
            .collect();
        (v["total"].as_u64().unwrap(), found)
    };
    let whole = hits("\"常务会议\"");
    assert!(whole.0 >= 5, "{whole:?}");
    assert_eq!(hits("\"常务 会议\""), whole);
    assert_eq!(hits("\"常务\u{3000}会议\""), whole);
}

/// A gold file without queries scores nothing: an error naming the file, not a mean of none.
#[test]
fn eval_of_a_gold_without_queries_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("empty.json");
    std::fs::write(&gold, r#"{"queries": []}"#).unwrap();
    for kind in ["search", "topics"] {
        let out = guize(&dir.path().join("index"))
            .args(["eval", kind, "--gold"])
            .arg(&gold)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{kind}: {stderr}");
        assert!(stderr.contains("has no queries"), "{kind}: {stderr}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("-0.000"));
    }
}

/// A gold file whose answers are articles of documents the corpus does not hold (the dogs
/// family's topic queries run on the five) is an error naming those ids, not a mean of 0.000 that
/// reads as a search finding nothing; the five's own gold files still score.
#[test]
fn eval_of_a_gold_of_other_documents_is_an_error_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    // A search gold with one answer in the five and one in the dogs family.
    let search_gold = dir.path().join("dogs-search.json");
    std::fs::write(
        &search_gold,
        r#"{"queries": [{"query": "犬只登记", "relevant": [["qingdao", 7], ["lixia", 1]]}]}"#,
    )
    .unwrap();
    for (kind, gold) in [
        ("topics", data.join("topic-queries-dogs.json")),
        ("search", search_gold),
    ] {
        let out = guize(&dir.path().join("index"))
            .args(["eval", kind, "--gold"])
            .arg(&gold)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{kind}: {stderr}");
        assert!(
            stderr.contains("not in the corpus") && stderr.contains("qingdao"),
            "{kind}: {stderr}"
        );
        assert!(!stderr.contains("lixia"), "{kind}: {stderr}");
        assert!(stderr.contains("`heze.md`") || kind == "search", "{stderr}");
        assert!(out.stdout.is_empty(), "{kind}: nothing scored");
    }
    // A gold that says where its documents come from: the error says how to make the corpus.
    let out = guize(&dir.path().join("index"))
        .args(["eval", "topics", "--gold"])
        .arg(data.join("topic-queries-greening.json"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("城市绿化条例")
            && stderr.contains("→ wenzhou.md")
            && stderr.contains("--corpus"),
        "{stderr}"
    );
    let out = guize(&dir.path().join("index"))
        .args(["eval", "topics", "--gold"])
        .arg(data.join("topic-queries-dev.json"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// An index folder that cannot be made (here under /proc, which not even root can write) is an
/// error that names the folder and says what to do, not "rebuild it with `guize index`", which
/// would fail the same way.
#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_index_folder_says_how_to_choose_another() {
    let out = guize(Path::new("/proc/guize-test-index"))
        .args(["search", "会议"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("/proc cannot be written to") && stderr.contains("--index DIR"),
        "{stderr}"
    );
    assert!(!stderr.contains("rebuild it with"), "{stderr}");
}

/// A regulation with sections (山东省信访条例: 第七章 has 第一节 to 第三节): a hit is cited with its
/// section's label, 第一节 and title, as `show` cites it — not with a bare title.
#[test]
fn hits_cite_the_section_as_show_does() {
    let corpus = tempfile::tempdir().unwrap();
    let source = shared::path(
        "corpora/lawrefbook/DLC/山东地方法规/地方性法规/山东/山东省信访条例(2015-09-24).md",
    );
    std::fs::copy(&source, corpus.path().join("xf.md"))
        .unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    let index = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = cmd::guize_in(corpus.path(), index.path())
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let hits = run(&["search", "申诉求决类", "--limit", "3"]);
    assert!(
        hits.contains("第七章 信访事项办理 · 第一节 申诉求决类信访事项办理 · 第三十六条"),
        "{hits}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&["search", "申诉求决类", "--limit", "1", "--json"])).unwrap();
    assert_eq!(json["hits"][0]["section"], "第一节 申诉求决类信访事项办理");
    let shown = run(&["show", "xf", "36"]);
    assert!(shown.contains("第一节 申诉求决类信访事项办理"), "{shown}");
}

/// `--chapter` cannot reach a document without chapters: the search says which documents it
/// left out, on stderr and in the JSON, rather than answering as if they held nothing.
#[test]
fn a_chapter_search_names_the_documents_without_chapters() {
    let corpus = tempfile::tempdir().unwrap();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/lixia.txt");
    std::fs::copy(&seed, corpus.path().join("lixia.txt")).unwrap();
    std::fs::write(
        corpus.path().join("flat.txt"),
        "某某区人民政府会议规则\n\n第一条 区政府实行常务会议制度。\n\n第二条 常务会议由区长召集和主持。\n",
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    let out = cmd::guize_in(corpus.path(), index.path())
        .args(["search", "--json", "--chapter", "会议", "常务会议"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("without chapters not searched: flat"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["without_chapters"], serde_json::json!(["flat"]), "{v}");
    assert!(
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["doc"] == "lixia"),
        "{v}"
    );
}

/// A document without chapters but with sections is searched by a `--chapter` that names one of
/// its sections, so it is not said to be left out.
#[test]
fn a_chapter_search_reaches_the_sections_of_a_document_without_chapters() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(
        corpus.path().join("sec.txt"),
        "某某市测试办法\n\n第一节 一般规定\n\n第一条 为了测试，制定本办法。\n\n\
         第二条 本办法适用于本市。\n\n第二节 附则\n\n第三条 本办法自公布之日起施行。\n",
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = |chapter: &str| {
        let out = cmd::guize_in(corpus.path(), index.path())
            .args(["search", "--json", "--chapter", chapter, "施行"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (String::from_utf8_lossy(&out.stderr).into_owned(), v)
    };
    let (stderr, v) = run("第二节");
    assert!(!stderr.contains("not searched"), "{stderr}");
    assert!(v.get("without_chapters").is_none(), "{v}");
    assert_eq!(v["hits"][0]["article"], 3, "{v}");
}

/// Every example of `guize search --help` runs on the built-in corpus and finds an article (an
/// example in Latin letters, `-- notice -draft`, found nothing here). A `-word` in Latin letters
/// after `--` leaves out the articles that say it.
#[test]
fn every_search_help_example_finds_an_article() {
    let help = cmd::guize()
        .args(["search", "--help"])
        .output()
        .expect("runs");
    let help = String::from_utf8(help.stdout).expect("UTF-8");
    let examples: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Example"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .filter(|l| !l.contains('>'))
        .collect();
    assert!(examples.len() >= 4, "{help}");
    for example in examples {
        // Shell quoting as the examples use it: single quotes around one argument.
        let args: Vec<String> = example
            .split_whitespace()
            .skip(1)
            .map(|a| a.trim_matches('\'').to_string())
            .collect();
        let out = cmd::guize().args(&args).output().expect("runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains('区'),
            "{example}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        if example.contains("-AB") {
            assert!(!stdout.contains("AB"), "{example}: {stdout}");
        }
    }
}

/// `guize search -` reads the query from standard input (as `segment -` and `precedent -` read
/// theirs), and finds what the same words as arguments find; an empty pipe is a clear error.
#[test]
fn a_dash_reads_the_query_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let args = guize(dir.path())
        .args(["search", "--json", "--limit", "5", "常务会议", "议题"])
        .output()
        .unwrap();
    assert!(args.status.success());
    let piped = guize(dir.path())
        .args(["search", "--json", "--limit", "5", "-"])
        .write_stdin("常务会议\n议题\n")
        .output()
        .unwrap();
    assert!(
        piped.status.success(),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
    let a: serde_json::Value = serde_json::from_slice(&args.stdout).unwrap();
    let p: serde_json::Value = serde_json::from_slice(&piped.stdout).unwrap();
    assert_eq!(p["query"], "常务会议 议题");
    assert_eq!(a["hits"], p["hits"]);
    assert!(!p["hits"].as_array().unwrap().is_empty());
    let empty = guize(dir.path())
        .args(["search", "-"])
        .write_stdin("  \n")
        .output()
        .unwrap();
    assert_eq!(empty.status.code(), Some(1));
    let err = String::from_utf8_lossy(&empty.stderr);
    assert!(err.contains("standard input held no query"), "{err}");
}

/// The line under the hits says how many of the hits shown hold none of the query's words as
/// written (only a word's parts, 会议 of 会议纪要, or related words): on the five, counted again
/// here from each hit's own text (`show --json`).
#[test]
fn the_count_line_says_how_many_hits_hold_only_parts_or_related_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let query = ["会议纪要", "签发"];
    let run = |args: &[&str]| -> Vec<u8> {
        let out = guize(dir.path()).args(args).output().expect("ran");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let mut args = vec!["search", "--json", "--limit", "8"];
    args.extend(query);
    let v: serde_json::Value = serde_json::from_slice(&run(&args)).expect("JSON");
    let hits = v["hits"].as_array().expect("hits");
    let loose = hits
        .iter()
        .filter(|h| h.get("via").is_none_or(serde_json::Value::is_null))
        .filter(|h| {
            let doc = h["doc"].as_str().expect("doc");
            let n = h["article"].as_u64().expect("article").to_string();
            let shown: serde_json::Value =
                serde_json::from_slice(&run(&["show", doc, &n, "--json"])).expect("show JSON");
            let text = shown["norm"].as_str().expect("norm");
            !query.iter().any(|w| text.contains(w))
        })
        .count();
    assert!(loose > 0 && loose < hits.len(), "{loose} of {}", hits.len());
    let mut args = vec!["search", "--limit", "8"];
    args.extend(query);
    let out = String::from_utf8(run(&args)).expect("UTF-8");
    let footer = out.lines().last().expect("footer");
    assert!(
        footer.contains(&format!(
            ", {loose} of them shown holding only parts of the words or related words"
        )),
        "{footer}"
    );
}
