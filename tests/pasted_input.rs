//! Text as users paste it, on the shipped corpus: invisible characters from web pages (zero-width
//! space, soft hyphen, BOM, no-break space) and traditional characters from Hong Kong or Taiwan
//! sources change neither what a search finds nor which article a reference names; a chapter or a
//! range where an article is expected gets an error that says what it holds or what is accepted.

mod cmd;
mod shared;

use cmd::{guize, stdout};
use guize::model::{DocMeta, Regulation};
use guize::parse::{Source, SourceKind, parse};
use std::path::Path;

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

/// A citation pasted with the quotation marks it was copied in (“兖州区 四十三、”) names the
/// article as it does bare, never falls back to search words.
#[test]
fn a_quoted_citation_is_the_citation() {
    let bare: serde_json::Value =
        serde_json::from_slice(&stdout(&["compare", "兖州区 四十三、", "--json"])).expect("json");
    for pasted in ["“兖州区 四十三、”", "「历下区 第三十九条」", "\"lixia:39\""]
    {
        let v: serde_json::Value =
            serde_json::from_slice(&stdout(&["compare", pasted, "--json"])).expect("json");
        let expected = if pasted.contains("兖州") {
            bare["group"]["id"].clone()
        } else {
            serde_json::from_slice::<serde_json::Value>(&stdout(&["compare", "lixia:39", "--json"]))
                .expect("json")["group"]["id"]
                .clone()
        };
        assert_eq!(v["group"]["id"], expected, "{pasted:?}");
    }
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

/// 泰安市供热条例 (53 articles in 7 chapters), as lawrefbook has it.
fn taian() -> String {
    let path = shared::path(
        "corpora/lawrefbook/DLC/山东地方法规/地方性法规/山东/泰安市供热条例(2020-11-27).md",
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse_as(text: &str, name: &str) -> Regulation {
    let path = Path::new(name);
    parse(Source {
        id: "taian".into(),
        path,
        text,
        kind: SourceKind::from_path(path),
        meta: DocMeta::default(),
    })
}

/// (number, chapter) of every article.
fn outline(doc: &Regulation) -> Vec<(u32, u32)> {
    doc.articles
        .iter()
        .map(|a| (a.number, a.chapter.number))
        .collect()
}

#[test]
fn unicode_line_separators_are_line_breaks() {
    let text = taian();
    let plain = parse_as(&text, "taian.md");
    assert_eq!(plain.articles.len(), 53);
    for sep in ["\u{2028}", "\u{2029}", "\u{85}"] {
        let doc = parse_as(&text.replace('\n', sep), "taian.md");
        assert_eq!(outline(&doc), outline(&plain), "{sep:?}");
        assert_eq!(doc.meta.title, plain.meta.title, "{sep:?}");
        assert!(doc.warnings.is_empty(), "{sep:?}: {:?}", doc.warnings);
    }
}

#[test]
fn a_one_line_paste_keeping_heading_marks_is_split() {
    let text = taian();
    let plain = parse_as(&text, "taian.md");
    // Every line run into one, two blanks between them, the `## 第二章` marks kept.
    let body = text
        .split_once("<!-- INFO END -->")
        .map_or(text.as_str(), |(_, b)| b);
    let one_line = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("  ");
    let doc = parse_as(&one_line, "taian.txt");
    assert_eq!(outline(&doc), outline(&plain));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn articles_lost_inside_a_text_are_a_warning() {
    // Line breaks lost where no sentence ends (after a list item without a full stop): 第五十三条 stays
    // inside 第五十二条's text, and the numbering stops; the parser says so.
    let text = taian();
    let cut = text
        .find("第五十三条")
        .expect("第五十三条 in 泰安市供热条例");
    let run = format!(
        "{}（附）  {}",
        text[..cut].trim_end_matches('\n'),
        &text[cut..]
    );
    let doc = parse_as(&run, "taian.md");
    assert_eq!(doc.articles.len(), 52);
    let w = doc
        .warnings
        .iter()
        .find(|w| w.message.contains("第五十三条"))
        .unwrap_or_else(|| panic!("no warning naming 第五十三条: {:?}", doc.warnings));
    assert!(
        w.message.contains("stop at 第五十二条") && w.line > 0,
        "{}",
        w.message
    );
}

/// Every 第X条 head of `text` at the start of a line with its blank taken away (第一条为了…), as
/// regulations copied from web pages write them.
fn unspaced_heads(text: &str) -> String {
    text.lines()
        .map(|line| {
            let head_end = line.strip_prefix('第').and_then(|rest| {
                let n = rest.find('条').filter(|&i| {
                    rest[..i]
                        .chars()
                        .all(|c| "零一二三四五六七八九十百".contains(c))
                })?;
                Some('第'.len_utf8() + n + '条'.len_utf8())
            });
            match head_end {
                Some(end) => format!(
                    "{}{}",
                    &line[..end],
                    line[end..].trim_start_matches([' ', '\u{3000}'])
                ),
                None => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn heads_without_a_blank_after_them_are_articles() {
    // 潍坊市燃放烟花爆竹管理条例 has no chapters: before, with its heads written 第一条为了… it had
    // no article at all and was skipped.
    let path = shared::path(
        "corpora/lawrefbook/DLC/山东地方法规/地方性法规/山东/潍坊市燃放烟花爆竹管理条例(2020-01-15).md",
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let plain = parse_as(&text, "weifang.md");
    assert_eq!(plain.articles.len(), 18);
    let glued = unspaced_heads(&text);
    assert!(
        glued.contains("\n第一条为了加强燃放烟花爆竹管理"),
        "fixture not glued"
    );
    let doc = parse_as(&glued, "weifang.md");
    assert_eq!(outline(&doc), outline(&plain));
    let texts = |d: &Regulation| {
        d.articles
            .iter()
            .map(|a| a.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&doc), texts(&plain));
    assert_eq!(doc.meta.title, plain.meta.title);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);

    // With chapters (泰安市供热条例) the chapters start the body, and the heads read as before.
    let text = taian();
    let doc = parse_as(&unspaced_heads(&text), "taian.md");
    assert_eq!(outline(&doc), outline(&parse_as(&text, "taian.md")));
}

/// A line holding only a zero-width space (as 北京市物业管理条例 2024 has between its paragraphs in
/// lawrefbook) is a blank line: no article gets a paragraph that shows nothing, which `compare`
/// and `report` printed as an inserted empty paragraph.
#[test]
fn a_line_of_only_a_zero_width_space_is_no_paragraph() {
    let path = shared::path(
        "corpora/lawrefbook/DLC/北京地方法规/地方性法规/北京/北京市物业管理条例(2024-03-29).md",
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        text.lines().any(|l| l == "\u{200B}"),
        "the file has such lines"
    );
    let doc = parse_as(&text, "beijing.md");
    assert!(doc.articles.len() > 100, "{}", doc.articles.len());
    let empty: Vec<String> = doc
        .articles
        .iter()
        .filter(|a| {
            a.paragraphs.iter().any(|p| {
                p.text
                    .chars()
                    .all(|c| c.is_whitespace() || guize::text::fold::is_invisible(c))
            })
        })
        .map(|a| a.label())
        .collect();
    assert!(empty.is_empty(), "paragraphs showing nothing in {empty:?}");
    // The same text pasted with the zero-width lines taken out gives the same paragraphs.
    let plain = parse_as(&text.replace("\n\u{200B}\n", "\n\n"), "beijing.md");
    let paras =
        |d: &Regulation| -> Vec<usize> { d.articles.iter().map(|a| a.paragraphs.len()).collect() };
    assert_eq!(paras(&doc), paras(&plain));
}
