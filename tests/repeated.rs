//! A document that numbers two articles alike (two 第三条, the second cited 第三条#2): every layer
//! names the second one as itself, never as the first: parse, alignment (table and JSON),
//! compare, search (text and JSON), precedent and the web app's links, prev/next arrows and the
//! precedent form. The corpus is `tests/data/repeated`: 某某市 repeats 第三条 and its second
//! 第三条 is 某某县's 第四条; neither document has a district, so both are cited by title.

use guize::corpus::Corpus;
use guize::serve::{Limits, Site};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

mod serve_common;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/repeated")
}

fn index_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("repeated-index")
}

/// `guize --corpus tests/data/repeated ARGS`: stdout, after checking that it succeeded.
fn run(args: &[&str]) -> String {
    serve_common::cli_in(&corpus_dir(), &index_dir(), args)
}

fn json(args: &[&str]) -> Value {
    serve_common::cli_json_in(&corpus_dir(), &index_dir(), args)
}

/// The entry of `list` (columns, hits) whose `doc` is `doc`.
fn of_doc<'v>(list: &'v Value, doc: &str) -> &'v Value {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .find(|entry| entry["doc"] == doc)
        .unwrap_or_else(|| panic!("no entry of {doc} in {list}"))
}

const SECOND: &str = "房屋使用人不得擅自改变房屋承重结构";

#[test]
fn the_parser_keys_the_second_article_apart() {
    let corpus = Corpus::load(&corpus_dir()).expect("loads");
    let city = corpus.doc("house_city").expect("city");
    let keys: Vec<String> = city.articles.iter().map(|a| a.key().to_string()).collect();
    assert_eq!(keys, ["1", "2", "3", "3#2", "4"]);
    let second = city.find_article("3#2").expect("3#2");
    assert!(second.text.contains(SECOND), "{}", second.text);
    assert_eq!(second.label(), "第三条#2");
    assert_eq!(
        guize::cite::ArticleKey::parse("第三条#2"),
        Some(second.key())
    );
    assert_eq!(
        city.article_by_key(second.key()).map(|a| a.lines),
        Some(second.lines)
    );
}

#[test]
fn alignment_groups_the_second_article_with_its_counterpart_and_says_which_it_is() {
    let v = json(&["align", "--json"]);
    let groups = v["groups"].as_array().expect("groups");
    let second = groups
        .iter()
        .find(|g| g["members"]["house_county"] == serde_json::json!([4]))
        .expect("the county's 第四条 is grouped");
    assert_eq!(second["members"]["house_city"], serde_json::json!([3]));
    assert_eq!(second["occurrences"]["house_city"], serde_json::json!([2]));
    // The first 第三条's group says nothing of occurrences: it is the first.
    let first = groups
        .iter()
        .find(|g| g["members"]["house_county"] == serde_json::json!([3]))
        .expect("the county's 第三条 is grouped");
    assert!(first.get("occurrences").is_none(), "{first}");
    assert_ne!(first["id"], second["id"]);
    // The table writes the second 第三条 as 3#2 beside the county's 4.
    let table = run(&["align"]);
    assert!(
        table
            .lines()
            .any(|l| l.split_whitespace().take(2).eq(["3#2", "4"])),
        "{table}"
    );
}

#[test]
fn links_name_the_second_article_by_its_occurrence() {
    let v = json(&["align", "--json"]);
    let groups = v["groups"].as_array().expect("groups");
    // The city's ends of the links of the group holding the county's article `county`.
    let city_ends = |county: u32| -> Vec<Value> {
        let group = groups
            .iter()
            .find(|g| g["members"]["house_county"] == serde_json::json!([county]))
            .unwrap_or_else(|| panic!("the county's {county} is grouped"));
        let ends: Vec<Value> = group["links"]
            .as_array()
            .expect("links")
            .iter()
            .flat_map(|l| [l["a"].clone(), l["b"].clone()])
            .filter(|end| end["doc"] == "house_city")
            .collect();
        assert!(!ends.is_empty(), "{group}");
        ends
    };
    // The county's 第四条 is the city's second 第三条, its 第三条 the first (no occurrence).
    for (county, occurrence) in [(4, Some(2)), (3, None)] {
        for end in city_ends(county) {
            assert_eq!(end["article"], 3, "{end}");
            assert_eq!(
                end.get("occurrence").and_then(Value::as_u64),
                occurrence,
                "{end}"
            );
        }
    }
}

/// `tests/data/repeated_partial`: 某某市 repeats 第三条, and its second 第三条 (duties of the
/// management company) holds in its last paragraph what the county and the town say in an
/// article of their own (no change to a load-bearing structure).
fn partial_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/repeated_partial")
}

#[test]
fn a_partial_member_is_named_by_its_occurrence() {
    let index = Path::new(env!("CARGO_TARGET_TMPDIR")).join("repeated-partial-index");
    let run = |args: &[&str]| {
        serde_json::from_str::<Value>(serve_common::cli_in(&partial_corpus(), &index, args).trim())
            .expect("JSON")
    };
    let v = run(&["align", "--json"]);
    let partials: Vec<&Value> = v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|g| g["partial"].as_array().expect("partial"))
        .filter(|p| p["doc"] == "part_city")
        .collect();
    assert!(
        !partials.is_empty(),
        "no partial member: the test tests nothing: {v}"
    );
    for p in &partials {
        assert_eq!(p["article"], 3, "{p}");
        assert_eq!(p["occurrence"], 2, "the second 第三条: {p}");
    }
    // The table and the CSV write it (3#2); the comparison shows the second 第三条's paragraph,
    // not the first 第三条.
    let table = serve_common::cli_in(&partial_corpus(), &index, &["align"]);
    assert!(table.contains("(3#2)"), "{table}");
    let csv = serve_common::cli_in(&partial_corpus(), &index, &["align", "--format", "csv"]);
    assert!(csv.contains(",(3#2),"), "{csv}");
    let group = v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["partial"].as_array().is_some_and(|p| !p.is_empty()))
        .expect("a group with a partial member");
    let county = group["members"]["part_county"][0]
        .as_u64()
        .expect("county member");
    let compared = run(&[
        "compare",
        &format!("part_county:{county}"),
        "--format",
        "json",
    ]);
    let column = of_doc(&compared["columns"], "part_city");
    assert_eq!(column["occurrences"], serde_json::json!([2]), "{column}");
    assert!(
        column["citation"]
            .as_str()
            .is_some_and(|c| c.starts_with("第三条#2")),
        "{column}"
    );
    let text: String = column["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["op"] != "delete")
        .filter_map(|s| s["text"].as_str())
        .collect();
    assert!(text.contains("承重"), "{text}");
    assert!(
        !text.contains("业主大会"),
        "the first 第三条's text: {text}"
    );
}

/// The report's coverage row and the figures table name the second 第三条 by its occurrence:
/// the row of the matter 某某市 holds in part cites 3 with occurrence 2 (`partial_occurrences`),
/// and the 24小时 figure of the second 第三条 carries `"occurrence": 2` and the group of the
/// second 第三条, not the first's.
#[test]
fn the_report_and_the_figures_name_the_second_article_by_its_occurrence() {
    let index = Path::new(env!("CARGO_TARGET_TMPDIR")).join("repeated-partial-report-index");
    let run = |args: &[&str]| serve_common::cli_json_in(&partial_corpus(), &index, args);
    let report = run(&["report", "--format", "json", "-o", "-"]);
    let rows = report["coverage"].as_array().expect("coverage");
    let partial_row = rows
        .iter()
        .find(|r| r["partial"]["part_city"].is_array())
        .unwrap_or_else(|| panic!("no row where part_city holds the matter in part: {report}"));
    assert_eq!(partial_row["partial"]["part_city"], serde_json::json!([3]));
    assert_eq!(
        partial_row["partial_occurrences"]["part_city"],
        serde_json::json!([2]),
        "{partial_row}"
    );
    // A row whose members are all first occurrences writes no occurrences at all.
    assert!(
        rows.iter()
            .filter(|r| r["members"]["part_city"] == serde_json::json!([1]))
            .all(|r| r.get("occurrences").is_none() && r.get("partial_occurrences").is_none()),
        "{report}"
    );

    let aligned = run(&["align", "--json"]);
    let group_of_second = aligned["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| {
            g["members"]["part_city"] == serde_json::json!([3])
                && g["occurrences"]["part_city"] == serde_json::json!([2])
        })
        .and_then(|g| g["id"].as_str())
        .unwrap_or_else(|| panic!("no group holds the second 第三条: {aligned}"))
        .to_string();
    let figures = run(&["numbers", "--json"]);
    let provisions = figures["provisions"].as_array().expect("provisions");
    let hours = provisions
        .iter()
        .find(|p| p["doc"] == "part_city" && p["text"] == "24小时内")
        .unwrap_or_else(|| panic!("no 24小时内 of part_city: {figures}"));
    assert_eq!(hours["article"], 3, "{hours}");
    assert_eq!(hours["occurrence"], 2, "{hours}");
    assert_eq!(hours["group"], group_of_second.as_str(), "{hours}");
    // The first 第三条's figure is the first occurrence: no key written.
    let yearly = provisions
        .iter()
        .find(|p| p["doc"] == "part_city" && p["article"] == 3 && p["unit"] == "次")
        .unwrap_or_else(|| panic!("no 召开频次 of part_city: {figures}"));
    assert!(yearly.get("occurrence").is_none(), "{yearly}");
    assert_ne!(yearly["group"], group_of_second.as_str(), "{yearly}");
    let table = serve_common::cli_in(&partial_corpus(), &index, &["numbers"]);
    assert!(table.contains("第三条#2"), "{table}");
}

#[test]
fn compare_takes_the_second_article_by_its_key() {
    let v = json(&["compare", "house_city:3#2", "--format", "json"]);
    let county = of_doc(&v["columns"], "house_county");
    assert_eq!(county["articles"], serde_json::json!([4]));
    let city = of_doc(&v["columns"], "house_city");
    assert!(
        city["citation"]
            .as_str()
            .is_some_and(|c| c.ends_with("第三条#2")),
        "{city}"
    );
    // The first 第三条 is another group.
    let first = json(&["compare", "house_city:3", "--format", "json"]);
    assert_ne!(first["group"]["id"], v["group"]["id"]);
}

#[test]
fn search_and_precedent_name_the_second_article_and_cite_by_title() {
    let v = json(&["search", "承重", "--json"]);
    let hit = &v["hits"][0];
    assert_eq!(hit["doc"], "house_city");
    assert_eq!(hit["article"], 3);
    assert_eq!(hit["occurrence"], 2);
    let county = of_doc(&v["hits"], "house_county");
    assert!(county.get("occurrence").is_none(), "{county}");
    let text = run(&["search", "承重"]);
    assert!(text.contains("某某市房屋安全管理条例 · 第三条#2"), "{text}");
    assert!(!text.contains("house_city ·"), "{text}");
    let p = json(&["precedent", SECOND, "--json"]);
    let best = &p["pieces"][0]["hits"][0];
    assert_eq!(best["citation"], "某某市房屋安全管理条例 · 第三条#2");
    let members = &best["group"]["members"];
    assert_eq!(members["house_county"], serde_json::json!([4]), "{best}");
}

/// The web app over `corpus` (its index in the target's temporary folder `index`), started once.
fn site_over(url: &'static OnceLock<String>, corpus: PathBuf, index: &str) -> &'static str {
    url.get_or_init(|| {
        let loaded = Corpus::load(&corpus).expect("loads");
        let fingerprint = guize::index::fingerprint(&corpus).expect("fingerprint");
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(index);
        let (index, _) =
            guize::index::open_or_build(&dir, &fingerprint, || Ok(&loaded.docs[..]), &mut |_| {})
                .expect("index");
        let docs: Vec<_> = loaded.docs.iter().collect();
        let alignment = guize::align::align_docs(&docs);
        let site = Site::new(loaded, index, alignment, Limits::default()).expect("site");
        serve_common::spawn(guize::serve::router(Arc::new(site)))
    })
}

fn site_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    site_over(&URL, corpus_dir(), "repeated-serve-index")
}

fn get_from(site: &str, path: &str) -> (u16, String) {
    let url = serve_common::encoded(&format!("{site}{path}"));
    serve_common::answer(serve_common::agent().get(url).call())
}

fn get(path: &str) -> (u16, String) {
    get_from(site_url(), path)
}

/// The figures page and the figures sheet name a figure of the second 第三条 as `3#2`, as every
/// other output does (they wrote `3`, which is the first 第三条).
#[test]
fn the_figures_page_and_sheet_name_the_second_article_by_its_key() {
    static URL: OnceLock<String> = OnceLock::new();
    let site = site_over(&URL, partial_corpus(), "repeated-partial-serve-index");
    let (status, page) = get_from(site, "/numbers");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(r#"href="/doc/part_city/3%232""#), "{page}");

    let index = Path::new(env!("CARGO_TARGET_TMPDIR")).join("repeated-partial-sheet-index");
    let sheet = serve_common::cli_in(&partial_corpus(), &index, &["numbers", "--format", "csv"]);
    let line = sheet
        .lines()
        .find(|l| l.contains("part_city") && l.contains("24小时内"))
        .unwrap_or_else(|| panic!("no 24小时内 of part_city: {sheet}"));
    assert!(line.contains(",3#2,"), "{line}");
}

#[test]
fn every_web_link_to_the_second_article_reaches_it() {
    let (status, page) = get("/search?q=承重");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(r#"href="/doc/house_city/3%232""#), "{page}");
    assert!(
        page.contains(r#"href="/compare/house_city:3%232""#),
        "{page}"
    );
    let (_, outline) = get("/doc/house_city");
    assert!(outline.contains(r#"href="/doc/house_city/3""#), "{outline}");
    assert!(
        outline.contains(r#"href="/doc/house_city/3%232""#),
        "{outline}"
    );
    let (status, second) = get("/doc/house_city/3%232");
    assert_eq!(status, 200, "{second}");
    assert!(second.contains(SECOND), "{second}");
    // Its arrows: back to the first 第三条, on to 第四条 (not back to itself).
    assert!(
        second.contains(r#"<a href="/doc/house_city/3">← 第三条</a>"#),
        "{second}"
    );
    assert!(
        second.contains(r#"<a href="/doc/house_city/4">第四条 →</a>"#),
        "{second}"
    );
    // Its counterpart is the county's 第四条, the other group's is not listed.
    assert!(second.contains(r#"href="/doc/house_county/4""#), "{second}");
    assert!(
        !second.contains(r#"href="/doc/house_county/3""#),
        "{second}"
    );
    let (_, first) = get("/doc/house_city/3");
    assert!(
        first.contains(r#"<a href="/doc/house_city/3%232">第三条#2 →</a>"#),
        "{first}"
    );
}

#[test]
fn the_pages_examples_come_from_the_corpus_served() {
    let (_, home) = get("/");
    assert!(!home.contains("常务会议"), "{home}");
    let (_, form) = get("/precedent");
    let placeholder = form
        .split("<textarea")
        .nth(1)
        .and_then(|s| s.split("placeholder=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .expect("a placeholder");
    // The precedent hint is a sentence one of the corpus's articles holds.
    let corpus = Corpus::load(&corpus_dir()).expect("loads");
    assert!(!placeholder.is_empty());
    assert!(
        corpus
            .docs
            .iter()
            .flat_map(|d| &d.articles)
            .any(|a| a.text.contains(placeholder)),
        "{placeholder}"
    );
}

#[test]
fn a_urlencoded_precedent_form_is_read_as_the_page_form_is() {
    let body = format!("text={}&limit=2", serde_common_escape(SECOND));
    let url = format!("{}/precedent", site_url());
    let (status, page) = serve_common::answer(
        serve_common::agent()
            .post(url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(body.as_bytes()),
    );
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("第三条#2"), "{page}");
    assert!(!page.contains("boundary"), "{page}");
}

#[test]
fn a_word_97_upload_gets_the_conversion_advice() {
    let mut doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
    doc.extend([0u8; 504]);
    let mut body = b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"draft.doc\"\r\nContent-Type: application/msword\r\n\r\n".to_vec();
    body.extend(&doc);
    body.extend(b"\r\n--XyZ--\r\n");
    let url = format!("{}/precedent", site_url());
    let (status, page) = serve_common::answer(
        serve_common::agent()
            .post(url)
            .header("Content-Type", "multipart/form-data; boundary=XyZ")
            .send(&body[..]),
    );
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("Word 97-2003"), "{page}");
    assert!(page.contains("libreoffice"), "{page}");
}

/// `text` percent-encoded as a form value.
fn serde_common_escape(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}
