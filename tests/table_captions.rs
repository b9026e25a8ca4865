//! Articles in a table whose rows set a caption (条旨) before each article (`| 犬只登记 | 第三条 … |`,
//! or a Word table's `犬只登记⇥第三条 …`): each row's article is its own, its caption and the
//! table's header row are no words of the article before it, and one warning names the rows. And a
//! chapter or section heading that writes its number in digits (第2章, 第1节) is cited as written,
//! as articles are (第3条), while `--chapter 2` and `--chapter 第二章` still name it.

use guize::model::{DocMeta, Regulation};
use guize::parse::{Source, SourceKind, parse};
use serde_json::Value;
use std::path::Path;

mod cmd;

/// A 养犬 rule whose 第三条 and 第四条 stand in a table of `条旨 | 条文` rows, as Markdown.
const DOG_MD: &str = "某市养犬管理办法\n\n第一条 为了规范养犬行为，制定本办法。\n\n\
第二条 本办法适用于本市城市建成区。\n\n| 条旨 | 条文 |\n|---|---|\n\
| 犬只登记 | 第三条 养犬人应当自取得犬只之日起三十日内办理养犬登记。 |\n\
| 禁止行为 | 第四条 禁止携犬进入学校、医院。 |\n\n\
第五条 违反本办法第四条规定的，处二百元以上五百元以下罚款。\n\n\
第六条 本办法自2027年1月1日起施行。\n";

/// A data-security rule of parts, chapters and a section numbered in digits.
const ODD_TXT: &str = "某省数据安全管理条例\n\n第一编 总则\n\n第1章 一般规定\n\n\
第1条 为了保障数据安全，制定本条例。\n\n第2条 本条例适用于本省行政区域内的数据处理活动。\n\n\
第2章 数据分类\n\n第1节 分类分级\n\n第3条 数据处理者应当建立数据安全管理制度。\n";

fn read(text: &str, name: &str) -> Regulation {
    let path = Path::new(name);
    parse(Source {
        id: "dog".into(),
        path,
        text,
        kind: SourceKind::from_path(path),
        meta: DocMeta::default(),
    })
}

fn numbers(doc: &Regulation) -> Vec<u32> {
    doc.articles.iter().map(|a| a.number).collect()
}

fn article(doc: &Regulation, n: u32) -> &str {
    doc.articles
        .iter()
        .find(|a| a.number == n)
        .map_or("", |a| a.text.as_str())
}

#[test]
fn a_markdown_table_of_captioned_articles_gives_each_article() {
    let doc = read(DOG_MD, "dogmd.md");
    assert_eq!(numbers(&doc), [1, 2, 3, 4, 5, 6], "{:?}", doc.warnings);
    // The header row and the captions are in no article; 第二条 is its own sentence.
    assert!(
        article(&doc, 2).ends_with("本办法适用于本市城市建成区。"),
        "{}",
        article(&doc, 2)
    );
    let all: String = doc.articles.iter().map(|a| a.text.as_str()).collect();
    for caption in ["条旨", "条文", "犬只登记", "禁止行为", "|", "\t"] {
        assert!(!all.contains(caption), "{caption:?} in {all}");
    }
    assert!(article(&doc, 3).contains("三十日内办理养犬登记。"));
    assert!(article(&doc, 4).ends_with("禁止携犬进入学校、医院。"));
    // No article is missing; one warning names the rows and their captions.
    let warnings: Vec<String> = doc.warnings.iter().map(|w| w.message.clone()).collect();
    assert!(
        warnings.iter().all(|w| !w.contains("missing")),
        "{warnings:?}"
    );
    let captioned: Vec<&String> = warnings.iter().filter(|w| w.contains("条旨")).collect();
    assert_eq!(captioned.len(), 1, "{warnings:?}");
    assert!(
        captioned[0].starts_with("lines 9–10:") && captioned[0].contains("犬只登记、禁止行为"),
        "{}",
        captioned[0]
    );
}

#[test]
fn a_word_tables_captioned_rows_read_the_same() {
    // The Word and web readers write a table's row as its cells set off by tabs.
    let text = "某市养犬管理办法\n第一条 为了规范养犬行为，制定本办法。\n\
第二条 本办法适用于本市城市建成区。\n条旨\t条文\n\
犬只登记\t第三条 养犬人应当自取得犬只之日起三十日内办理养犬登记。\n\
禁止行为\t第四条 禁止携犬进入下列场所：\n（一）学校；\n（二）医院。\n\
第五条 违反本办法第四条规定的，处二百元以上五百元以下罚款。\n";
    let doc = read(text, "dog.txt");
    assert_eq!(numbers(&doc), [1, 2, 3, 4, 5], "{:?}", doc.warnings);
    assert!(
        article(&doc, 2).ends_with("建成区。"),
        "{}",
        article(&doc, 2)
    );
    assert!(
        article(&doc, 4).contains("（二）医院。"),
        "{}",
        article(&doc, 4)
    );
    assert!(!article(&doc, 4).contains("禁止行为"));
}

#[test]
fn rows_that_are_no_captioned_articles_stay_text() {
    // A table of fees inside an article, a row citing an article (第三条规定的), and a row
    // whose cell holds a number out of turn: text of the article they stand in.
    let text = "某市养犬管理办法\n第一条 养犬收费如下：\n| 项目 | 标准 |\n|---|---|\n\
| 登记费 | 每只60元 |\n| 违反 | 第三条 规定的处罚 |\n| 年检 | 第九条 另行规定 |\n\
第二条 本办法自公布之日起施行。\n";
    let doc = read(text, "fees.md");
    assert_eq!(numbers(&doc), [1, 2], "{:?}", doc.warnings);
    assert!(article(&doc, 1).contains("登记费\t每只60元"));
    assert!(article(&doc, 1).contains("年检\t第九条 另行规定"));
    assert!(doc.warnings.iter().all(|w| !w.message.contains("条旨")));
}

#[test]
fn show_finds_an_article_of_a_captioned_table_and_its_reference() {
    let corpus = tempfile::tempdir().expect("temp dir");
    let index = tempfile::tempdir().expect("temp dir");
    std::fs::write(corpus.path().join("dog.md"), DOG_MD).expect("write");
    let out = cmd::guize_in(corpus.path(), index.path())
        .args(["show", "dog", "4"])
        .output()
        .expect("guize runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("禁止携犬进入学校、医院。"), "{stdout}");
    assert!(!stdout.contains("禁止行为"), "{stdout}");
}

#[test]
fn digits_in_chapter_and_section_headings_are_cited_as_written() {
    let doc = read(ODD_TXT, "odd.txt");
    let third = doc.articles.iter().find(|a| a.number == 3).expect("第3条");
    assert_eq!(third.label(), "第3条");
    assert_eq!(third.chapter.label(), "第一编 总则 第2章 数据分类");
    assert_eq!(
        third.section.as_ref().map(|s| s.label()).as_deref(),
        Some("第1节 分类分级")
    );
    let corpus = tempfile::tempdir().expect("temp dir");
    let index = tempfile::tempdir().expect("temp dir");
    std::fs::write(corpus.path().join("odd.txt"), ODD_TXT).expect("write");
    let json = |args: &[&str]| -> Vec<Value> {
        let out = cmd::guize_in(corpus.path(), index.path())
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
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    };
    let shown = json(&["show", "odd", "3", "--json"]);
    let text = serde_json::to_string(&shown).unwrap_or_default();
    assert!(text.contains("第2章 数据分类"), "{text}");
    assert!(text.contains("第1节 分类分级"), "{text}");
    assert!(!text.contains("第二章"), "{text}");
    // `--chapter` takes the number either way; the hits cite the chapter as written.
    for chapter in ["2", "第二章", "第2章"] {
        let out = cmd::guize_in(corpus.path(), index.path())
            .args(["search", "数据处理者", "--chapter", chapter])
            .output()
            .expect("guize runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{chapter}: {text}");
        assert!(text.contains("第2章"), "{chapter}: {text}");
        assert!(!text.contains("第二章"), "{chapter}: {text}");
        let hits = json(&["search", "数据处理者", "--chapter", chapter, "--json"]);
        assert_eq!(hits.len(), 1, "{chapter}: {hits:?}");
        assert_eq!(hits[0]["hits"][0]["section"], "第1节 分类分级", "{chapter}");
    }
}
