//! What a user pastes from one command into another: a hit line of `guize search` into `guize
//! compare`, a reference into `guize search`, a hard-wrapped draft into `guize precedent`; and
//! the answers for what names nothing (`compare qqq`), for tiny corpora (`align` with groups of
//! one-line clauses) and for a document id with a colon in it. On the shipped corpus where it
//! applies, else on small corpora written by the test.

mod cmd;
mod shared;

use assert_cmd::Command;
use cmd::guize;
use serde_json::Value;
use std::path::Path;

fn stdout(args: &[&str]) -> String {
    String::from_utf8(cmd::stdout(args)).expect("utf-8")
}

/// `guize` on a corpus of its own, with its index inside the test's folder.
fn on(corpus: &Path) -> Command {
    cmd::guize_in(corpus, &corpus.join("..").join("index"))
}

/// Every hit line `guize search` prints, pasted whole (rank, citation, score) into `guize
/// compare`, compares the group of that very article.
#[test]
fn a_pasted_search_hit_line_compares_that_article() {
    let hits = stdout(&["search", "常务会议", "--limit", "8"]);
    let json: Value =
        serde_json::from_str(&stdout(&["search", "常务会议", "--limit", "8", "--json"]))
            .expect("json");
    let lines: Vec<&str> = hits
        .lines()
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| n.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect();
    assert_eq!(lines.len(), 8, "{hits}");
    for (line, hit) in lines.iter().zip(json["hits"].as_array().expect("hits")) {
        let out = guize()
            .args(["compare", line, "--format", "json"])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{line}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("best matches"),
            "{line} was read as search words: {stderr}"
        );
        let v: Value = serde_json::from_slice(&out.stdout).expect("json");
        let doc = hit["doc"].as_str().expect("doc");
        let column = cmd::column(&v, doc);
        assert!(
            column["articles"]
                .as_array()
                .expect("articles")
                .contains(&hit["article"]),
            "{line}: group lacks {doc}:{}",
            hit["article"]
        );
    }
}

/// The header line of `guize show` names its article for `compare` too, also with a chapter
/// title that holds numerals before a 四十三、 style number.
#[test]
fn a_pasted_show_header_names_its_article() {
    for (pasted, doc, article) in [
        (
            "济南市历下区人民政府工作规则 第八章 完善会议制度 第三十九条",
            "lixia",
            39,
        ),
        ("兖州区 · 第八章 会议制度 · 四十三、", "yanzhou", 43),
    ] {
        let v: Value = serde_json::from_str(&stdout(&["show", pasted, "--json"])).expect("json");
        assert_eq!(
            (v["doc"].as_str(), v["article"].as_u64()),
            (Some(doc), Some(article))
        );
    }
}

/// A cross reference as the texts write it (第三十九条第一款, 第二十七条第一款第一项, the file name
/// the shell completes) shows that article; compare takes it too.
#[test]
fn a_reference_to_a_paragraph_or_item_shows_its_article() {
    for (doc, reference, article) in [
        ("历下", "第三十九条第一款", 39),
        ("历下", "第三十九条第二款第一项", 39),
        ("lixia.txt", "第三十九条（二）", 39),
        ("corpus/lixia.txt", "39", 39),
    ] {
        let v: Value =
            serde_json::from_str(&stdout(&["show", doc, reference, "--json"])).expect("json");
        assert_eq!(
            (v["doc"].as_str(), v["article"].as_u64()),
            (Some("lixia"), Some(article)),
            "{doc} {reference}"
        );
    }
    let cited: Value =
        serde_json::from_str(&stdout(&["compare", "历下:第三十九条第一款", "--json"]))
            .expect("json");
    let whole: Value =
        serde_json::from_str(&stdout(&["compare", "历下:39", "--json"])).expect("json");
    assert!(whole["group"]["id"].is_string());
    assert_eq!(cited["group"]["id"], whole["group"]["id"]);
}

/// A search whose query cites an article (a reference, a pasted citation, the line `guize show`
/// prints) puts that article first, marked cited, then the articles its words match; phrase
/// searches list their phrases among the words.
#[test]
fn a_search_that_cites_an_article_puts_it_first_and_lists_phrases() {
    let show_line = stdout(&["show", "lixia", "39"])
        .lines()
        .next()
        .expect("a citation line")
        .to_string();
    for query in [
        "lixia:39",
        "历下区 第八章 第三十九条",
        "历下区第39条",
        show_line.as_str(),
    ] {
        let v: Value = serde_json::from_str(&stdout(&["search", query, "--json", "--limit", "3"]))
            .expect("json");
        let hits = v["hits"].as_array().expect("hits");
        assert_eq!(
            (hits[0]["doc"].as_str(), hits[0]["article"].as_u64()),
            (Some("lixia"), Some(39)),
            "{query}: {v}"
        );
        assert_eq!(hits[0]["cited"], true, "{query}");
        assert!(hits.len() <= 3, "{query}: the limit holds");
        assert!(
            hits[1..]
                .iter()
                .all(|h| h.get("cited").is_none() && !(h["doc"] == "lixia" && h["article"] == 39)),
            "{query}: the cited article once, the others unmarked: {v}"
        );
        let text = stdout(&["search", query, "--limit", "3"]);
        let first = text.lines().next().expect("a hit line");
        assert!(
            first.starts_with("1. 历下区 · 第八章 完善会议制度 · 第三十九条")
                && first.ends_with("(cited)"),
            "{query}: {text}"
        );
    }
    // A query that is the citation alone searches the cited article's opening, never its own
    // parts (lixia, 39). (Until the hits after a citation were its counterparts and articles
    // like it, this line read "the cited article (no other article matches)": the reference's
    // parts had been searched and matched nothing.)
    let text = stdout(&["search", "lixia:39", "--limit", "1"]);
    let last = text.lines().last().expect("a last line");
    assert!(
        last.starts_with("the cited article") && last.contains("(words: "),
        "{text}"
    );
    assert!(!text.contains("words: lixia"), "{text}");
    assert!(
        last.rsplit_once("(words: ")
            .is_some_and(|(_, words)| !words.contains("39")),
        "{text}"
    );
    // A cited article outside `--doc` is not shown.
    let v: Value = serde_json::from_str(&stdout(&[
        "search",
        "--doc",
        "shizhong",
        "--json",
        "历下区第39条",
    ]))
    .expect("json");
    assert!(
        v["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .all(|h| h["doc"] == "shizhong")
    );
    let plain = guize()
        .args(["search", "常务会议", "--json"])
        .output()
        .expect("runs");
    assert!(plain.stderr.is_empty(), "no note for plain words");
    let v: Value = serde_json::from_slice(&plain.stdout).expect("json");
    assert!(
        v["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .all(|h| h.get("cited").is_none())
    );
    let v: Value =
        serde_json::from_str(&stdout(&["search", "\"每两周召开\"", "--json"])).expect("json");
    assert_eq!(v["words"], serde_json::json!(["每两周召开"]));
    assert!(stdout(&["search", "\"每两周召开\""]).contains("(words: 每两周召开)"));
}

/// Words that share no character with the corpus name no "closest" group.
#[test]
fn compare_of_words_sharing_nothing_lists_no_arbitrary_groups() {
    let out = guize().args(["compare", "qqq"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("comes close"), "{stderr}");
    assert!(!stderr.contains("closest groups"), "{stderr}");
    // Words that do share something still get their closest groups.
    let near = guize().args(["compare", "qqq常务"]).output().expect("runs");
    if !near.status.success() {
        assert!(String::from_utf8_lossy(&near.stderr).contains("closest"));
    }
}

/// A hard-wrapped draft is rejoined as the parser rejoins a document: the same precedents and
/// figures as the draft on one line.
#[test]
fn a_hard_wrapped_draft_scores_as_the_unwrapped_one() {
    let one = "区政府常务会议由区长、副区长、区政府办公室主任组成，由区长召集和主持，出席人数须超过应到人数的二分之一。";
    let wrapped = "区政府常务会议由区长、副区长、区政府办公室主任组\n成，由区长召集和主持，出席人数须超过应到人\n数的二分之一。";
    let a: Value = serde_json::from_str(&stdout(&["precedent", one, "--json"])).expect("json");
    let b: Value = serde_json::from_str(&stdout(&["precedent", wrapped, "--json"])).expect("json");
    assert_eq!(b["pieces"][0]["text"], one);
    assert_eq!(a["pieces"][0]["hits"], b["pieces"][0]["hits"]);
}

/// The figures the terminal marks `[#…#]` are `"number": true` in JSON.
#[test]
fn precedent_json_flags_the_numbers_the_terminal_marks() {
    // 市中 52 says 每月召开2次 where the draft says 1次: a figure against one of its kind.
    let draft = "区政府常务会议一般每月召开1次。";
    let text = stdout(&["precedent", draft, "--limit", "1"]);
    let v: Value = serde_json::from_str(&stdout(&["precedent", draft, "--limit", "1", "--json"]))
        .expect("json");
    let numbers: Vec<&str> = v["pieces"][0]["hits"][0]["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["number"] == true)
        .map(|s| s["text"].as_str().unwrap_or(""))
        .collect();
    let marked = text.matches("[#").count() + text.matches("{#").count();
    assert_eq!(numbers.len(), marked, "{text}\n{numbers:?}");
    assert!(marked > 0, "{text}");
}

/// Tiny corpora: no empty "matters only one document has" lines, and a group whose clauses are
/// too short for a label of words is named by its first member.
#[test]
fn align_of_a_tiny_corpus_has_no_empty_lines_or_labels() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).expect("dir");
    std::fs::write(
        corpus.join("a.md"),
        "# 测试规则\n\n## 第一章 总则\n\n> 第一条 本规则适用于测试区。\n\n- 第二条 区长负责全面工作。\n\n第三条 区政府常务会议每月召开一次。\n",
    )
    .expect("write");
    std::fs::write(corpus.join("b.txt"), "第一条 甲。\n第二条 乙。\n").expect("write");
    std::fs::write(corpus.join("c.txt"), "一、 甲规定。\n二、 乙规定。\n").expect("write");
    let out = on(&corpus).arg("align").output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!text.contains("(0):"), "{text}");
    for line in text.lines().take_while(|l| !l.is_empty()).skip(1) {
        // A row without a label ends with its score.
        let last = line.split_whitespace().last().unwrap_or("");
        assert!(
            !(last.contains('.') && last.parse::<f64>().is_ok()),
            "a row without a label: {line}\n{text}"
        );
    }
    let v: Value = serde_json::from_slice(
        &on(&corpus)
            .args(["align", "--json"])
            .output()
            .expect("runs")
            .stdout,
    )
    .expect("json");
    for g in v["groups"].as_array().expect("groups") {
        assert!(g["label"].as_str().is_some_and(|l| !l.is_empty()), "{g}");
    }
}

/// A document whose id holds a colon (`x:1`) beside a document `x`: `x:1` names that document
/// (an error for compare, which wants an article), `x:1:2` its article 2, `x 1` article 1 of `x`.
#[test]
fn an_id_with_a_colon_is_that_document_not_an_article_of_another() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).expect("dir");
    let text =
        "第一条 区政府常务会议由区长召集和主持。\n第二条 区政府工作人员要严格遵守请销假制度。\n";
    std::fs::write(corpus.join("x.txt"), text).expect("write");
    std::fs::write(corpus.join("x:1.txt"), text).expect("write");
    let out = on(&corpus).args(["compare", "x:1"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is a document"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let show = |what: &str| -> Value {
        let out = on(&corpus)
            .args(["show", what, "--json"])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{what}");
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let v = show("x:1:2");
    assert_eq!(
        (v["doc"].as_str(), v["article"].as_u64()),
        (Some("x:1"), Some(2))
    );
    let v = show("x 1");
    assert_eq!(
        (v["doc"].as_str(), v["article"].as_u64()),
        (Some("x"), Some(1))
    );
}

/// A corpus of the criminal law alone (刑法 as `xingfa`), in a folder that lives as long as the
/// returned guard.
fn xingfa_corpus() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).expect("dir");
    std::fs::copy(
        shared::path("corpora/lawrefbook/刑法/刑法.md"),
        corpus.join("xingfa.md"),
    )
    .expect("刑法.md in the shared folder");
    (dir, corpus)
}

/// 第十七条之一 is its own article, not 第十七条: the criminal law (刑法, 505 articles, dozens of
/// them inserted by amendments) cited by `show`, `compare` and `search`, and told apart in the
/// JSON of `align`, `compare` and `search`.
#[test]
fn an_inserted_article_is_cited_and_grouped_as_itself() {
    let (_dir, corpus) = xingfa_corpus();
    let json = |args: &[&str]| -> Value {
        let out = on(&corpus).args(args).output().expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("json")
    };
    for what in ["xingfa:17之一", "xingfa 第十七条之一", "xingfa第十七条之一"] {
        let v = json(&["show", what, "--json"]);
        assert_eq!(
            (v["article"].as_u64(), v["sub"].as_u64()),
            (Some(17), Some(1)),
            "{what}: {v}"
        );
    }
    let v = json(&["compare", "xingfa:120之三", "--json"]);
    let column = &v["columns"][0];
    assert_eq!(column["articles"], serde_json::json!([120]), "{v}");
    assert_eq!(column["subs"], serde_json::json!([3]), "{v}");
    assert!(
        column["citation"]
            .as_str()
            .is_some_and(|c| c.ends_with("第一百二十条之三"))
    );
    let plain = json(&["compare", "xingfa:120", "--json"]);
    assert!(plain["columns"][0].get("subs").is_none(), "{plain}");
    assert_ne!(plain["group"]["id"], v["group"]["id"]);
    let hits = json(&["search", "xingfa:120之三", "--json"]);
    assert_eq!(
        (
            hits["hits"][0]["article"].as_u64(),
            hits["hits"][0]["sub"].as_u64(),
            hits["hits"][0]["cited"].as_bool()
        ),
        (Some(120), Some(3), Some(true)),
        "{hits}"
    );
    // In `align --json` every inserted article is a member with its 之 number beside it.
    let aligned = json(&["align", "--json"]);
    let mut seen = std::collections::BTreeSet::new();
    for g in aligned["groups"].as_array().expect("groups") {
        let numbers = g["members"]["xingfa"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let subs = g["subs"]["xingfa"].as_array().cloned();
        if let Some(subs) = &subs {
            assert_eq!(subs.len(), numbers.len(), "{g}");
        }
        for (i, n) in numbers.iter().enumerate() {
            let sub = subs.as_ref().map_or(0, |s| s[i].as_u64().expect("sub"));
            assert!(
                seen.insert((n.as_u64().expect("n"), sub)),
                "{n} 之{sub} twice"
            );
        }
    }
    let articles = String::from_utf8(
        on(&corpus)
            .args(["articles", "--json"])
            .output()
            .expect("runs")
            .stdout,
    )
    .expect("utf-8");
    assert_eq!(seen.len(), articles.lines().count(), "every article once");
    assert!(seen.contains(&(120, 3)) && seen.contains(&(120, 0)));
}

/// Invisible characters pasted with a query or a reference (a zero-width space from a web page,
/// a soft hyphen) change nothing.
#[test]
fn invisible_characters_in_queries_and_references_change_nothing() {
    let plain = stdout(&["search", "常务会议", "--json"]);
    assert_eq!(
        stdout(&["search", "常\u{200b}务会议", "--json"]).replace('\u{200b}', ""),
        plain
    );
    let phrase = stdout(&["search", "\"常务会议\"", "--json"]);
    let hyphened: Value =
        serde_json::from_str(&stdout(&["search", "\"常务\u{ad}会议\"", "--json"])).expect("json");
    let want: Value = serde_json::from_str(&phrase).expect("json");
    assert_eq!(hyphened["hits"], want["hits"]);
    let (a, b) = (
        stdout(&["compare", "lixia:39", "--json"]),
        stdout(&["compare", "历下\u{200b}:39", "--json"]),
    );
    assert_eq!(a, b);
    assert_eq!(
        stdout(&["show", "历下\u{200b}", "39"]),
        stdout(&["show", "历下", "39"])
    );
}

/// A search hit in a code of parts is cited with its part, as `show` and `compare` cite it: in the
/// text (第二编 分则 第三章 …), in `--json` as a `parts` array (left out for a document without
/// parts), and the index says where the part was read.
#[test]
fn search_hits_cite_the_part_of_a_code() {
    let (_dir, corpus) = xingfa_corpus();
    let out = cmd::succeeded(on(&corpus).args(["search", "xingfa:140"]));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("第二编 分则 第三章 破坏社会主义市场经济秩序罪"),
        "{text}"
    );
    let out = cmd::succeeded(on(&corpus).args(["search", "--json", "--limit", "50", "伪造"]));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let hits = v["hits"].as_array().expect("hits");
    assert!(hits.len() >= 20, "{v}");
    for h in hits {
        let parts = h["parts"]
            .as_array()
            .expect("every article of 刑法 is in a part");
        let first = &parts[0];
        assert_eq!(first["kind"], "编", "{h}");
        let article = h["article"].as_u64().expect("article");
        let (number, title) = match article {
            ..=101 => (1, "总则"),
            102..=451 => (2, "分则"),
            _ => (0, "附则"),
        };
        assert_eq!(first["number"].as_u64(), Some(number), "{h}");
        assert_eq!(first["title"], title, "{h}");
    }
    // The built-in five have no parts: their hits carry no `parts` key.
    let five: Value =
        serde_json::from_str(&stdout(&["search", "常务会议", "--json"])).expect("json");
    let hits = five["hits"].as_array().expect("hits");
    assert!(
        !hits.is_empty() && hits.iter().all(|h| h.get("parts").is_none()),
        "{five}"
    );
}

/// The outline of a code gives each part a row; a part that holds its articles directly (刑法's
/// closing 附则, no chapter under it) is one row, not a part row and a "(no chapter)" row.
#[test]
fn the_outline_of_a_part_without_chapters_is_one_row() {
    let (_dir, corpus) = xingfa_corpus();
    let out = on(&corpus).args(["show", "xingfa"]).output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!text.contains("(no chapter)"), "{text}");
    let last = text
        .lines()
        .rfind(|l| l.contains("第四百五十二条"))
        .expect("a row of 第四百五十二条");
    assert!(last.starts_with("附则"), "{text}");
}

/// 之零 is no article: `17之0` is not 第十七条 (刑法 has 第十七条 and 第十七条之一).
#[test]
fn an_inserted_article_numbered_zero_is_no_article() {
    let (_dir, corpus) = xingfa_corpus();
    for args in [
        &["show", "xingfa", "17之0"][..],
        &["show", "xingfa", "第十七条之零"],
        &["show", "xingfa:17之0"],
    ] {
        let out = on(&corpus).args(args).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("has no article"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    cmd::succeeded(on(&corpus).args(["show", "xingfa", "17之一"]));
}

/// `--base` on a document that holds a group's matter only in part (a paragraph of one article,
/// 燃气管理条例 of four cities): the error says so and names the article, rather than claiming
/// the document has no article in a group it is listed in.
#[test]
fn a_partial_member_as_base_is_refused_for_what_it_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("gas");
    std::fs::create_dir(&corpus).expect("dir");
    for file in [
        "北京地方法规/地方性法规/北京/北京市燃气管理条例(2020-09-25).md",
        "浙江地方法规/地方性法规/浙江/杭州市燃气管理条例(2021-12-03).md",
        "河南地方法规/地方性法规/河南/郑州市燃气管理条例(2022-01-01).md",
        "山东地方法规/地方性法规/山东/淄博市燃气管理条例(2021-05-31).md",
    ] {
        let from = shared::path(&format!("corpora/lawrefbook/DLC/{file}"));
        let name = from.file_name().expect("file name").to_owned();
        std::fs::copy(&from, corpus.join(name)).expect("a 燃气管理条例 in the shared folder");
    }
    let out = cmd::succeeded(on(&corpus).args(["align", "--json"]));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let groups = v["groups"].as_array().expect("groups");
    let (group, part) = groups
        .iter()
        .find_map(|g| {
            let part = g["partial"].as_array()?.iter().find(|p| {
                p["doc"]
                    .as_str()
                    .is_some_and(|d| g["members"].get(d).is_none())
            })?;
            Some((g, part))
        })
        .expect("a group with a partial member");
    let doc = part["doc"].as_str().expect("doc");
    let id = group["id"].as_str().expect("id");
    let out = on(&corpus)
        .args(["compare", id, "--base", doc])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("only in part") && err.contains("条"), "{err}");
    assert!(!err.contains("has no article"), "{err}");
}

/// A corpus folder of the test holding `files` (name, text).
fn written(files: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).expect("dir");
    for (name, text) in files {
        std::fs::write(corpus.join(name), text).expect("write");
    }
    (dir, corpus)
}

fn run_on(corpus: &Path, args: &[&str]) -> (String, String) {
    let out = on(corpus).args(args).output().expect("runs");
    assert!(out.status.success(), "{args:?}: {out:?}");
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

/// Articles numbered in digits (第1条, 第2条之一) or with the traditional 條 are cited as the
/// document writes them, by show, search and articles alike, and such a citation names the
/// article again; JSON still carries the number.
#[test]
fn articles_are_cited_as_their_document_writes_them() {
    let (_dir, corpus) = written(&[
        (
            "p.md",
            "某市停车管理办法\n第1条 为了规范停车，制定本办法。\n第2条 停车场应当公示收费标准。\n第2条之一 停车场应当设置充电设施。\n第3条 本办法自公布之日起施行。\n",
        ),
        (
            "t.txt",
            "某市供熱條例\n第一條 為了規範供熱，制定本條例。\n第二條 供熱期為每年十一月十五日至次年三月十五日。\n第三條 本條例自公布之日起施行。\n",
        ),
    ]);
    let (hits, _) = run_on(&corpus, &["search", "充电设施"]);
    assert!(hits.contains("某市停车管理办法 · 第2条之一"), "{hits}");
    let (shown, _) = run_on(&corpus, &["show", "p", "3"]);
    assert!(shown.starts_with("某市停车管理办法 第3条\n"), "{shown}");
    let (shown, _) = run_on(&corpus, &["show", "某市停车管理办法 第2条之一"]);
    assert!(shown.contains("设置充电设施"), "{shown}");
    let (shown, warnings) = run_on(&corpus, &["show", "t", "2"]);
    assert!(shown.starts_with("某市供熱條例 第二條\n"), "{shown}");
    assert!(!warnings.contains("title"), "{warnings}");
    let (shown, _) = run_on(&corpus, &["show", "某市供熱條例 第三條"]);
    assert!(shown.contains("本條例自公布之日起施行"), "{shown}");
    let (json, _) = run_on(&corpus, &["show", "p", "2之一", "--json"]);
    let v: Value = serde_json::from_str(&json).expect("json");
    assert_eq!(
        (&v["article"], &v["sub"]),
        (&Value::from(2), &Value::from(1)),
        "{v}"
    );
    assert_eq!(v["label"], "第2条之一", "{v}");
}

/// A number the document repeats (第一条 twice) or writes out of order: each article stays
/// addressable (第一条#2, as it is cited), the outline lists the numbers as they come, and the
/// load warnings name the file and line.
#[test]
fn a_repeated_article_number_keeps_both_articles_addressable() {
    let (_dir, corpus) = written(&[(
        "odd.md",
        "某某规定\n第一条 甲。\n第一条 乙。\n第三条 丙。\n第二条 丁。\n",
    )]);
    let (outline, warnings) = run_on(&corpus, &["show", "odd"]);
    assert!(
        outline.contains("第一条、第一条#2、第三条、第二条"),
        "{outline}"
    );
    // The outline ends with the document's load warnings.
    let said = format!("{outline}{warnings}");
    assert!(
        said.contains("odd.md:3: duplicate article 第一条"),
        "{said}"
    );
    assert!(said.contains("odd.md:5: 第二条 follows 第三条"), "{said}");
    let (first, _) = run_on(&corpus, &["show", "odd", "1"]);
    assert!(first.contains("甲。"), "{first}");
    let (second, _) = run_on(&corpus, &["show", "odd", "1#2"]);
    assert!(
        second.contains("乙。") && second.contains("第一条#2"),
        "{second}"
    );
    let (hits, _) = run_on(&corpus, &["search", "乙"]);
    assert!(hits.contains("某某规定 · 第一条#2"), "{hits}");
    let (pasted, _) = run_on(&corpus, &["show", "某某规定 · 第一条#2"]);
    assert!(pasted.contains("乙。"), "{pasted}");
    let out = on(&corpus)
        .args(["show", "odd", "1#3"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
}

/// Two lawrefbook regulations of one city: a name that fits both is ambiguous for `search --doc`
/// and `precedent --doc/--exclude-doc` as for `show`; and a query of stop words alone (从其规定,
/// the usual name of the article 其他法律法规另有规定的，从其规定) finds the articles that say it.
#[test]
fn one_document_lookup_and_a_stop_word_phrase() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("zz");
    std::fs::create_dir(&corpus).expect("dir");
    for file in [
        "河南地方法规/地方性法规/河南/郑州市文明行为促进条例(2022-01-01).md",
        "河南地方法规/地方性法规/河南/郑州市大气污染防治条例(2020-08-05).md",
    ] {
        let from = shared::path(&format!("corpora/lawrefbook/DLC/{file}"));
        let name = from.file_name().expect("file name").to_owned();
        std::fs::copy(&from, corpus.join(name)).expect("a 郑州 regulation in the shared folder");
    }
    for args in [
        &["show", "郑州"][..],
        &["search", "扬尘", "--doc", "郑州"],
        &[
            "precedent",
            "施工工地应当采取扬尘污染防治措施。",
            "--doc",
            "郑州",
        ],
        &[
            "precedent",
            "施工工地应当采取扬尘污染防治措施。",
            "--exclude-doc",
            "郑州",
        ],
    ] {
        let out = on(&corpus).args(args).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(err.contains("ambiguous document '郑州'"), "{args:?}: {err}");
    }
    let (hits, _) = run_on(&corpus, &["search", "从其规定", "--json"]);
    let v: Value = serde_json::from_str(&hits).expect("json");
    let texts: Vec<&str> = v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|h| h["snippet"].as_str())
        .collect();
    assert!(texts.len() >= 2, "{v}");
    assert!(texts.iter().all(|t| t.contains("从其规定")), "{texts:?}");
}

/// After the article a query cites come its clause-group counterparts (each naming it in `via`),
/// then the articles its own opening finds; `words` are the opening's, never the reference's
/// (the document's name and 38 matched every article saying either). On four 禁毒条例 of
/// lawrefbook: 重庆 第三十八条 (the police decide compulsory isolation) stands alone, and 浙江
/// 第三十五条, which says the same, is among the first three hits; 浙江 第三十五条 is followed
/// by exactly the other members of its group.
#[test]
fn a_cited_article_is_followed_by_its_counterparts_and_articles_like_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("jd");
    shared::copy_named(&corpus, &shared::DRUG_CONTROL);
    let json = |args: &[&str]| -> Value {
        let out = cmd::succeeded(on(&corpus).args(args));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let doc_of = |v: &Value, city: &str| -> String {
        v["docs"]
            .as_array()
            .expect("docs")
            .iter()
            .filter_map(Value::as_str)
            .find(|id| id.contains(city))
            .unwrap_or_else(|| panic!("no document of {city}: {v}"))
            .to_string()
    };
    let align = json(&["align", "--json"]);
    let (chongqing, zhejiang) = (doc_of(&align, "重庆"), doc_of(&align, "浙江"));
    let hit_ids = |v: &Value| -> Vec<(String, u64)> {
        v["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| {
                (
                    h["doc"].as_str().unwrap_or("").to_string(),
                    h["article"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    };
    let v = json(&["search", "重庆:38", "--limit", "5", "--json"]);
    let words: Vec<&str> = v["words"]
        .as_array()
        .expect("words")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        words.contains(&"强制") && !words.iter().any(|w| w.contains("重庆") || w.contains("38")),
        "{v}"
    );
    let ids = hit_ids(&v);
    assert_eq!(ids[0], (chongqing.clone(), 38), "{v}");
    assert!(ids[1..4].contains(&(zhejiang.clone(), 35)), "{v}");
    // 浙江 第三十五条's group: its other members follow it, each naming it, and nothing else
    // names it.
    let group = align["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| {
            g["members"][zhejiang.as_str()]
                .as_array()
                .is_some_and(|a| a.contains(&Value::from(35)))
        })
        .expect("浙江 第三十五条 is in a group");
    let mut mates: Vec<(String, u64)> = group["members"]
        .as_object()
        .expect("members")
        .iter()
        .flat_map(|(d, ns)| {
            ns.as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_u64)
                .map(move |n| (d.clone(), n))
        })
        .filter(|m| *m != (zhejiang.clone(), 35))
        .collect();
    assert!(!mates.is_empty(), "{group}");
    let v = json(&["search", "浙江:35", "--limit", "10", "--json"]);
    // Its opening cites 《中华人民共和国禁毒法》第三十八条第一款 and names 县（市、区）: words
    // of other texts and places, not of the matter, are not searched.
    let words = v["words"].to_string();
    assert!(
        words.contains("强制")
            && !words.contains("中华人民共和国")
            && !words.contains("第三十八条"),
        "{words}"
    );
    let hits = v["hits"].as_array().expect("hits");
    let mut named: Vec<(String, u64)> = hits
        .iter()
        .filter(|h| h["via"]["doc"] == zhejiang.as_str() && h["via"]["article"] == 35)
        .map(|h| {
            (
                h["doc"].as_str().unwrap_or("").to_string(),
                h["article"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let ids = hit_ids(&v);
    assert_eq!(
        ids[1..=named.len()],
        named[..],
        "counterparts come right after it: {v}"
    );
    mates.sort();
    named.sort();
    assert_eq!(named, mates, "{v}");
    let text = String::from_utf8(cmd::succeeded(on(&corpus).args(["search", "浙江:35"])).stdout)
        .expect("utf-8");
    assert!(
        text.lines().last().is_some_and(|l| l.starts_with(&format!(
            "the cited article, its {} counterpart",
            mates.len()
        ))),
        "{text}"
    );
}
