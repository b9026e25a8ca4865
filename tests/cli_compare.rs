//! `guize compare` and `guize report` as a user runs them on the five seed regulations: every way
//! of naming what to compare, the documented JSON shape, and the errors.

use serde_json::Value;

mod cmd;
mod shared;

use cmd::{base_side, guize, own_side};

fn json(args: &[&str]) -> Value {
    serde_json::from_slice(&cmd::stdout(args)).expect("one JSON object")
}

fn fails(args: &[&str]) -> String {
    let out = guize().args(args).output().expect("runs");
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail");
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).expect("utf-8")
}

#[test]
fn article_reference_gives_the_five_columns_in_the_documented_shape() {
    let v = json(&["compare", "lixia:39", "--format", "json"]);
    assert!(v["group"]["id"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(v["group"]["label"].is_string());
    // The base is a real article, the medoid, and base_text is its text.
    assert_eq!(v["base"]["reason"], "medoid");
    let base_doc = v["base"]["doc"].as_str().expect("base doc");
    let base_col = cmd::column(&v, base_doc);
    assert_eq!(base_col["is_base"], true);
    assert_eq!(v["base"]["articles"], base_col["articles"]);
    assert_eq!(
        own_side(&base_col["segments"]),
        v["base_text"].as_str().unwrap()
    );
    let cols = v["columns"].as_array().expect("columns");
    let docs: Vec<&str> = cols.iter().map(|c| c["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["lixia", "shizhong", "yanzhou", "zhoucun", "huancui"]);
    assert_eq!(cols[0]["district"], "历下区");
    assert_eq!(cols[0]["articles"], serde_json::json!([39]));
    assert!(
        cols[0]["citation"]
            .as_str()
            .unwrap()
            .ends_with("第三十九条")
    );
    let base = v["base_text"].as_str().expect("base_text");
    for c in cols {
        // equal + delete rebuilds the base, for every column.
        assert_eq!(base_side(&c["segments"]), base, "column {}", c["doc"]);
    }
    // Every segment says how many of the five share its words, between 1 and 5; the words of
    // 每月召开 2 次 are 市中's own.
    for c in cols {
        for s in c["segments"].as_array().unwrap() {
            let n = s["shared_by"].as_u64().expect("shared_by");
            assert!((1..=5).contains(&n), "{s}");
        }
    }
    // 每月召开 2 次 (市中) against the base's frequency stands out as a number.
    let shizhong_numbers: Vec<&str> = cols[1]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["number"] == true)
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert!(
        shizhong_numbers.iter().any(|t| t.contains('2')),
        "{shizhong_numbers:?}"
    );
}

#[test]
fn every_way_of_naming_the_article_finds_the_same_group() {
    let id = json(&["compare", "lixia:39", "--json"])["group"]["id"].clone();
    for what in [
        &["历下:第三十九条"][..],
        &["历下区：三十九"],
        &["历下", "39"],
    ] {
        let mut args = vec!["compare"];
        args.extend_from_slice(what);
        args.push("--json");
        assert_eq!(json(&args)["group"]["id"], id, "{what:?}");
    }
    assert_eq!(
        json(&["compare", id.as_str().unwrap(), "--json"])["group"]["id"],
        id
    );
    // The start of the id, when no other id starts so (as git takes a commit's): that group.
    let ids: Vec<String> = json(&["align", "--json"])["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .filter_map(|g| g["id"].as_str().map(str::to_string))
        .collect();
    let full = id.as_str().expect("an id");
    let start = (5..11)
        .map(|n| &full[..n])
        .find(|s| {
            s[1..].bytes().any(|b| b.is_ascii_digit())
                && ids.iter().filter(|i| i.starts_with(s)).count() == 1
        })
        .expect("a unique start");
    assert_eq!(json(&["compare", start, "--json"])["group"]["id"], id);
}

#[test]
fn search_words_choose_a_group_and_say_which() {
    let out = cmd::succeeded(guize().args(["compare", "请假", "--width", "130"]));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("'请假' best matches") && err.contains("comparing group"),
        "{err}"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("请假") && text.contains("│"));
    assert!(!text.contains('\u{1b}'), "no colour off a terminal");
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 130,
            "too wide: {line}"
        );
    }
}

#[test]
fn base_document_and_doc_selection() {
    let v = json(&[
        "compare", "lixia:39", "--base", "市中", "--doc", "lixia", "--json",
    ]);
    assert_eq!(v["base"]["doc"], "shizhong");
    assert_eq!(v["base"]["reason"], "chosen");
    let cols = v["columns"].as_array().unwrap();
    assert_eq!(cols.len(), 2);
    let base = cols.iter().find(|c| c["doc"] == "shizhong").unwrap();
    assert_eq!(base["is_base"], true);
    assert!(
        base["segments"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["op"] == "equal")
    );
}

#[test]
fn narrow_width_stacks_the_documents() {
    let out = guize()
        .args(["compare", "lixia:39", "--width", "50"])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('│'));
    for d in ["历下区", "市中区", "兖州区", "周村区", "环翠区"] {
        assert!(text.lines().any(|l| l.starts_with(d)), "{d} header");
    }
}

#[test]
fn markdown_and_html_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("c.html");
    guize()
        .args(["compare", "lixia:39", "--format", "html", "-o"])
        .arg(&html)
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("data-doc=\"huancui\""));
    // A file written is never silent (as `report -o` says what it wrote); stdout gets no note.
    let out = guize()
        .args(["compare", "lixia:39", "-o"])
        .arg(dir.path().join("c.md"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("wrote ") && err.contains("c.md") && err.contains("5 documents"),
        "{err}"
    );
    let out = guize().args(["compare", "lixia:39"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("wrote "));
    let out = guize()
        .args(["compare", "lixia:39", "--format", "markdown"])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("## 历下区") && (md.contains("<ins>") || md.contains("<del>")));
}

#[test]
fn errors_name_what_exists() {
    let err = fails(&["compare", "nowhere:39"]);
    assert!(
        err.contains("unknown document 'nowhere'") && err.contains("lixia"),
        "{err}"
    );
    let err = fails(&["compare", "lixia:999"]);
    assert!(err.contains("999") && err.contains("第"), "{err}");
    let err = fails(&["compare", "lixia:39", "--doc", "nowhere"]);
    assert!(err.contains("unknown document"), "{err}");
    // Words sharing nothing with the corpus get no arbitrary "closest" list.
    let err = fails(&["compare", "qqqxyz"]);
    assert!(
        err.contains("no group or article comes close") && !err.contains("closest"),
        "{err}"
    );
    let err = fails(&["compare", "的"]);
    assert!(err.contains("closest articles"), "{err}");
    // Blank space names nothing: the error says what names a group, and echoes no empty quote.
    for blank in [" ", "\u{3000}\t"] {
        let err = fails(&["compare", blank]);
        assert!(
            err.contains("only blank space") && err.contains("lixia:39") && !err.contains("''"),
            "{err}"
        );
    }
    let err = fails(&["compare", "lixia:39", "-o", "/nonexistent-dir/x.html"]);
    assert!(
        err.contains("cannot write /nonexistent-dir/x.html"),
        "{err}"
    );
}

#[test]
fn report_writes_one_offline_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let out = guize().args(["report", "-o"]).arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("clause groups"));
    let page = std::fs::read_to_string(&path).unwrap();
    for id in ["contents", "coverage", "similarity", "unique", "groups"] {
        assert!(
            page.contains(&format!("<section id=\"{id}\">")),
            "section {id}"
        );
    }
    assert!(!page.contains("http://") && !page.contains("https://") && !page.contains(" src="));
    let md = guize()
        .args(["report", "--format", "markdown", "-o", "-"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("## Coverage") && md.contains("| 历下区 |"));
}

/// The JSON report agrees with itself: every article of the five is in exactly one coverage row,
/// the similarity matrix is square and symmetric with ones on the diagonal, unique provisions are
/// rows only their document fills, and every group is a compared group.
#[test]
fn report_json_holds_every_section_consistently() {
    let v = json(&["report", "--format", "json", "-o", "-"]);
    let docs: Vec<&str> = v["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["lixia", "shizhong", "yanzhou", "zhoucun", "huancui"]);
    let rows = v["coverage"].as_array().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for row in rows {
        for (doc, ns) in row["members"].as_object().unwrap() {
            for n in ns.as_array().unwrap() {
                assert!(
                    seen.insert((doc.clone(), n.as_u64().unwrap())),
                    "{doc} {n} twice"
                );
            }
        }
    }
    assert_eq!(seen.len(), 441, "the five have 441 articles");
    let m = v["similarity"].as_array().unwrap();
    assert_eq!(m.len(), docs.len());
    for (i, row) in m.iter().enumerate() {
        for (j, x) in row.as_array().unwrap().iter().enumerate() {
            let x = x.as_f64().unwrap();
            assert_eq!(x, m[j][i].as_f64().unwrap());
            assert!(if i == j { x == 1.0 } else { x > 0.0 && x < 1.0 });
        }
    }
    for (doc, items) in v["unique"].as_object().unwrap() {
        for item in items.as_array().unwrap() {
            let row = rows.iter().find(|r| r["group"] == item["group"]).unwrap();
            let filled: Vec<&String> = row["members"]
                .as_object()
                .unwrap()
                .iter()
                .filter(|(_, ns)| !ns.as_array().unwrap().is_empty())
                .map(|(d, _)| d)
                .collect();
            assert_eq!(filled, [doc]);
        }
    }
    let groups = v["groups"].as_array().unwrap();
    assert_eq!(groups.len(), rows.len());
    assert!(
        groups
            .iter()
            .all(|g| g["columns"].as_array().is_some_and(|c| !c.is_empty()))
    );
    assert_eq!(v["tables"][0]["id"], "numbers");
}

/// A figure alone is no reason to pick a group: `1` (or the 1 of `alert(1)`) matches dates such
/// as 2020年1月1日, and the answer is that nothing matches, as for `alert`.
#[test]
fn a_figure_alone_matches_no_group() {
    for what in ["1", "<script>alert(1)</script>", "alert"] {
        let err = fails(&["compare", what]);
        assert!(
            err.contains("is no group id, article reference or matching search words"),
            "{what}: {err}"
        );
        assert!(!err.contains("best matches"), "{what}: {err}");
    }
    // A figure beside words still counts with them.
    let v = json(&["compare", "常务会议 2", "--json"]);
    assert!(v["group"]["id"].is_string(), "{v}");
}

/// Search words of which one is said by no article ask for a matter the corpus lacks: the
/// article matching the others (常务会议) is no answer, and the error names the missing word.
#[test]
fn a_word_no_article_says_matches_no_group() {
    let err = fails(&["compare", "养犬 常务会议"]);
    assert!(
        err.contains("is no group id, article reference or matching search words"),
        "{err}"
    );
    assert!(err.contains("no article says 养犬"), "{err}");
    assert!(!err.contains("best matches"), "{err}");
    // Every word said somewhere: a group is compared.
    let v = json(&["compare", "常务会议 召开", "--json"]);
    assert!(v["group"]["id"].is_string(), "{v}");
}

/// `compare "历下 市中"`: two documents and no article. Searched as words it compared 施行日期
/// (the article whose words 历下 and 市中 are rarest); now it says what to add, with an article
/// and words the two share and the report of the two.
#[test]
fn document_names_alone_say_what_to_add() {
    let err = fails(&["compare", "历下 市中"]);
    assert!(
        err.contains("'历下 市中' names 2 documents (历下区, 市中区) but no article or matter"),
        "{err}"
    );
    assert!(err.contains("历下区 第一条"), "{err}");
    assert!(
        err.contains("guize report --doc lixia --doc shizhong"),
        "{err}"
    );
    assert!(!err.contains("best matches"), "{err}");
    let err = fails(&["compare", "历下"]);
    assert!(err.contains("names a document (历下区)"), "{err}");
    assert!(err.contains("guize show lixia"), "{err}");
    // The example the message gives works.
    let v = json(&["compare", "历下", "市中", "制定依据", "--json"]);
    assert_eq!(v["group"]["label"], "制定依据", "{v}");
}

/// `compare 历下 市中 常务会议`: the names choose where to look and the documents compared.
/// Before, the names were searched as words and 施行日期 was compared in five columns.
#[test]
fn document_names_with_words_choose_the_documents() {
    let v = json(&["compare", "历下 市中 常务会议", "--json"]);
    assert_eq!(cmd::column_docs(&v), ["lixia", "shizhong"], "{v}");
    let lixia = &v["columns"][0]["articles"];
    assert_eq!(lixia, &serde_json::json!([39]), "{v}");
    // One document named: the search looks in it, and every document is compared.
    let v = json(&["compare", "历下 请假", "--json"]);
    let lixia = cmd::column(&v, "lixia");
    assert_eq!(lixia["articles"], serde_json::json!([44]), "{v}");
    assert!(v["columns"].as_array().is_some_and(|c| c.len() >= 4), "{v}");
    // --doc still decides the columns.
    let v = json(&[
        "compare",
        "历下 市中 常务会议",
        "--doc",
        "zhoucun",
        "--json",
    ]);
    assert_eq!(v["columns"][0]["doc"], "zhoucun", "{v}");
}

/// Words that name a standard type (立法目的) compare the group of that type's articles, even when
/// the words also match inside others' text (目的 of 付费旅游项目的, the top search hit on four
/// 旅游条例): the purpose articles, never "no matching search words" because 立法 is said nowhere.
#[test]
fn words_naming_a_standard_type_compare_its_articles() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, file) in [
        (
            "shanghai",
            "上海地方法规/地方性法规/上海/上海市旅游条例(2020-05-14).md",
        ),
        (
            "zhejiang",
            "浙江地方法规/地方性法规/浙江/浙江省旅游条例(2017-11-30).md",
        ),
        (
            "shandong",
            "山东地方法规/地方性法规/山东/山东省旅游条例(2016-11-26).md",
        ),
    ] {
        let from = shared::path(&format!("corpora/lawrefbook/DLC/{file}"));
        std::fs::copy(&from, dir.path().join(format!("{name}.md"))).expect("a 旅游条例");
    }
    let out = cmd::succeeded(cmd::guize_in(dir.path(), &dir.path().join(".idx")).args([
        "compare",
        "立法目的",
        "--json",
    ]));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let firsts: Vec<(String, u64)> = v["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .flat_map(|c| {
            let doc = c["doc"].as_str().unwrap_or_default().to_string();
            c["articles"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(move |a| a.as_u64().map(|n| (doc.clone(), n)))
        })
        .collect();
    assert_eq!(firsts.len(), 3, "{v}");
    assert!(firsts.iter().all(|(_, n)| *n == 1), "{firsts:?}");
}

/// A document that lacks a standard type (淄博市电梯安全条例 has no 施行日期 article) is told so:
/// `compare 淄博 施行日期` compares the commencement articles of the others of its kind, where 淄博
/// has no column, instead of the article of 淄博 that mentions 日 and 施行 in passing.
#[test]
fn a_document_lacking_the_type_asked_for_is_said_to_lack_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, file) in [
        (
            "淄博",
            "山东地方法规/地方性法规/山东/淄博市电梯安全条例(2021-12-10).md",
        ),
        (
            "宁波",
            "浙江地方法规/地方性法规/浙江/宁波市电梯安全条例(2020-10-10).md",
        ),
        (
            "温州",
            "浙江地方法规/地方性法规/浙江/温州市电梯安全条例(2018-04-09).md",
        ),
    ] {
        let from = shared::path(&format!("corpora/lawrefbook/DLC/{file}"));
        std::fs::copy(&from, dir.path().join(format!("{name}.md"))).expect("a 电梯安全条例");
    }
    let out = cmd::succeeded(cmd::guize_in(dir.path(), &dir.path().join(".idx")).args([
        "compare",
        "淄博",
        "施行日期",
        "--json",
    ]));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let docs: Vec<&str> = v["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["doc"].as_str())
        .collect();
    assert_eq!(docs.len(), 2, "{v}");
    assert!(!docs.contains(&"淄博"), "{docs:?}");
    assert!(
        v["columns"].as_array().into_iter().flatten().all(|c| {
            let text: String = c["segments"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|s| s["op"] != "delete")
                .filter_map(|s| s["text"].as_str())
                .collect();
            text.contains("起施行")
        }),
        "{v}"
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("淄博市电梯安全条例 has no 施行日期 article"),
        "{said}"
    );
    // A document that has the type compares its own article, as before.
    let out = cmd::succeeded(cmd::guize_in(dir.path(), &dir.path().join(".idx")).args([
        "compare",
        "宁波",
        "施行日期",
    ]));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("best matches 宁波市电梯安全条例"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The four 安全生产条例 of lawrefbook: 上海 62 holds the matter of 重庆 49 (laws that already
/// punish an act apply) in part. At 120 columns its head says `第六十二条, in part` on the
/// article's line, never `第六十二条,` / `in` / `part` on three.
#[test]
fn a_member_in_part_says_so_on_its_article_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("c");
    shared::copy_named(
        &corpus,
        &[
            "DLC/上海地方法规/地方性法规/上海/上海市安全生产条例(2018-05-24).md",
            "DLC/山东地方法规/地方性法规/山东/山东省安全生产条例(2021-12-03).md",
            "DLC/浙江地方法规/地方性法规/浙江/浙江省安全生产条例(2016-07-29).md",
            "DLC/重庆地方法规/地方性法规/重庆/重庆市安全生产条例(2015-12-08).md",
        ],
    );
    let out = cmd::succeeded(cmd::guize_in(&corpus, &dir.path().join("idx")).args([
        "compare",
        "重庆市安全生产条例:49",
        "--width",
        "120",
    ]));
    let text = String::from_utf8_lossy(&out.stdout);
    let first_cells: Vec<&str> = text
        .lines()
        .map(|l| l.split('│').next().unwrap_or_default().trim())
        .collect();
    assert!(first_cells.contains(&"第六十二条, in part"), "{text}");
    assert!(
        !first_cells
            .iter()
            .any(|c| *c == "in" || *c == "part" || c.ends_with(',')),
        "{text}"
    );
}
