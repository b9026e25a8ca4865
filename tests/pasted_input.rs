//! Text as users paste it, on the shipped corpus: invisible characters from web pages (zero-width
//! space, soft hyphen, BOM, no-break space) and traditional characters from Hong Kong or Taiwan
//! sources change neither what a search finds nor which article a reference names; a chapter or a
//! range where an article is expected gets an error that says what it holds or what is accepted.

mod cmd;

use cmd::{guize, stdout};

fn search(query: &str) -> serde_json::Value {
    let out = stdout(&["search", query, "--json", "--limit", "5"]);
    serde_json::from_slice(&out).expect("search json")
}

/// (doc, article) of each hit.
fn hits(v: &serde_json::Value) -> Vec<(String, u64)> {
    v["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| {
            (
                h["doc"].as_str().unwrap_or("").to_string(),
                h["article"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn invisible_characters_do_not_change_a_search() {
    let plain = search("常务会议");
    assert!(plain["total"].as_u64().is_some_and(|t| t > 50), "{plain}");
    for pasted in [
        "常\u{200B}务会议",
        "\u{FEFF}常务会议",
        "常务\u{00AD}会议",
        "常务\u{2060}会议\u{00A0}",
    ] {
        let v = search(pasted);
        assert_eq!(v["words"], plain["words"], "{pasted:?}");
        assert_eq!(v["total"], plain["total"], "{pasted:?}");
        assert_eq!(hits(&v), hits(&plain), "{pasted:?}");
    }
    // A quoted phrase with a soft hyphen inside still matches.
    let phrase = search("\"常务\u{00AD}会议\"");
    assert!(phrase["total"].as_u64().is_some_and(|t| t > 0), "{phrase}");
}

#[test]
fn invisible_characters_do_not_change_a_reference() {
    let plain: serde_json::Value =
        serde_json::from_slice(&stdout(&["compare", "lixia:39", "--json"])).expect("json");
    for pasted in [
        "历下\u{200B}:39",
        "\u{FEFF}lixia:39",
        "历下区\u{00A0}第三十九条",
    ] {
        let v: serde_json::Value =
            serde_json::from_slice(&stdout(&["compare", pasted, "--json"])).expect("json");
        assert_eq!(v["group"]["id"], plain["group"]["id"], "{pasted:?}");
    }
    let shown: serde_json::Value =
        serde_json::from_slice(&stdout(&["show", "历\u{200B}下", "3\u{200B}9", "--json"]))
            .expect("json");
    assert_eq!(shown["article"], 39);
}

/// 區政府常務會議 (traditional) finds what 区政府常务会议 finds: the 常务会议 articles, not the
/// articles that merely share 政府.
#[test]
fn traditional_characters_search_like_simplified() {
    let simplified = search("区政府常务会议");
    let traditional = search("區政府常務會議");
    assert_eq!(traditional["words"], simplified["words"]);
    assert_eq!(traditional["total"], simplified["total"]);
    assert_eq!(hits(&traditional), hits(&simplified));
    let top = &traditional["hits"][0]["snippet"];
    assert!(
        top.as_str().is_some_and(|s| s.contains("常务会议")),
        "{top}"
    );
}

#[test]
fn a_chapter_or_a_range_is_not_an_article() {
    let err = |args: &[&str]| {
        let out = guize().args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let chapter = err(&["show", "lixia", "第八章"]);
    assert!(
        chapter.contains("第八章 完善会议制度 holds 第三十七条–第")
            && chapter.contains("guize show lixia 37"),
        "{chapter}"
    );
    let range = err(&["show", "lixia", "39-40"]);
    assert!(
        range.contains("range") && range.contains("第三十九条") && !range.contains("closest"),
        "{range}"
    );
    let odd = err(&["show", "lixia", "卅九"]);
    assert!(
        odd.contains("an article is written") && odd.contains("第一条–第七十八条"),
        "{odd}"
    );
    // A number that is not there still lists the closest articles.
    let far = err(&["show", "lixia", "200"]);
    assert!(far.contains("closest: 第七十八条"), "{far}");
}
