//! The five seed regulations parse exactly as the hand-built structure gold says: chapter numbers
//! and titles, article counts, title, 文号 and issue date; and every article's text is whole.

mod shared;

use guize::corpus::Corpus;
use guize::model::Regulation;
use serde_json::Value;
use std::path::PathBuf;

fn corpus() -> Corpus {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    Corpus::load(&root).expect("the seed corpus loads")
}

/// The structure gold, copied from `../shared/gold/structure-dev.json` so the test runs anywhere;
/// a missing copy is a failure, never a skip.
fn gold() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/structure-dev.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("fixture {} is missing: {e}", path.display()));
    serde_json::from_str(&text).expect("gold is JSON")
}

/// The copy in tests/data is the shared gold, byte for byte, wherever the shared folder is mounted
/// (`$GUIZE_SHARED`, else `../shared`); CI always mounts it, so there a missing folder fails.
#[test]
fn structure_gold_copy_matches_the_shared_gold() {
    let theirs = shared::path("gold/structure-dev.json");
    let ours = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/structure-dev.json");
    let theirs = std::fs::read(&theirs)
        .unwrap_or_else(|e| panic!("shared gold {} is missing: {e}", theirs.display()));
    let ours = std::fs::read(&ours).expect("copied gold");
    assert!(
        theirs == ours,
        "tests/data/structure-dev.json differs from the shared gold"
    );
}

#[test]
fn five_documents_match_the_structure_gold() {
    let gold = gold();
    let corpus = corpus();
    let gold = gold.as_object().expect("gold is an object");
    assert_eq!(corpus.docs.len(), gold.len());
    let mut mismatches = Vec::new();
    for (id, g) in gold {
        let doc = corpus.doc(id).expect("gold document is in the corpus");
        let want_chapters: Vec<(u64, String, u64)> = g["chapters"]
            .as_array()
            .expect("chapters")
            .iter()
            .map(|c| {
                (
                    c["number"].as_u64().expect("number"),
                    c["title"].as_str().expect("title").to_string(),
                    c["articles"].as_u64().expect("articles"),
                )
            })
            .collect();
        let got_chapters: Vec<(u64, String, u64)> = doc
            .chapters
            .iter()
            .map(|c| (c.number as u64, c.title.clone(), c.articles.len() as u64))
            .collect();
        if want_chapters != got_chapters {
            mismatches.push(format!(
                "{id}: chapters\n  want {want_chapters:?}\n  got  {got_chapters:?}"
            ));
        }
        let checks = [
            (
                "articles",
                g["articles"].clone(),
                Value::from(doc.articles.len()),
            ),
            (
                "title",
                g["title"].clone(),
                Value::from(doc.meta.title.clone()),
            ),
            (
                "doc_number",
                g["doc_number"].clone(),
                doc.meta.doc_number.clone().map_or(Value::Null, Value::from),
            ),
            (
                "issued",
                g["issued"].clone(),
                doc.meta.issued.clone().map_or(Value::Null, Value::from),
            ),
            (
                "district",
                g["name"].clone(),
                Value::from(doc.meta.district.clone()),
            ),
            (
                "city",
                g["city"].clone(),
                Value::from(doc.meta.city.clone()),
            ),
        ];
        for (what, want, got) in checks {
            if want != got {
                mismatches.push(format!("{id}: {what}: want {want}, got {got}"));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Articles are numbered 1..=n in order and each chapter's range is contiguous.
#[test]
fn articles_count_on_across_chapters() {
    for doc in &corpus().docs {
        for (i, a) in doc.articles.iter().enumerate() {
            assert_eq!(a.number as usize, i + 1, "{} article {}", doc.id, i + 1);
        }
        let mut next = 0;
        for c in &doc.chapters {
            assert_eq!(c.articles.start, next, "{} chapter {}", doc.id, c.number);
            next = c.articles.end;
        }
        assert_eq!(next, doc.articles.len());
    }
}

/// Whole: every non-debris character of the article's source lines is in its text, in order, and
/// nothing else is; the text ends a sentence; no page number or article marker leaked in.
#[test]
fn every_article_text_is_whole() {
    for doc in &corpus().docs {
        let source = std::fs::read_to_string(&doc.path).expect("readable");
        for a in &doc.articles {
            let raw = &source[a.span.start..a.span.end];
            let raw_chars: String = raw
                .lines()
                .filter(|l| !is_page_number(l.trim()))
                .flat_map(|l| l.chars())
                .filter(|c| !c.is_whitespace())
                .collect();
            let text_chars: String = a.text.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(
                raw_chars.ends_with(&text_chars),
                "{}: {} text differs from its source lines {:?}",
                doc.id,
                a.number,
                a.lines
            );
            let marker_len = raw_chars.chars().count() - text_chars.chars().count();
            assert!(
                marker_len <= 8,
                "{} {}: marker of {marker_len} chars",
                doc.id,
                a.number
            );
            let last = a.text.trim_end().chars().last().expect("article has text");
            assert!(
                matches!(last, '。' | '；' | '：' | '”'),
                "{} {} ends with {last:?}: {}",
                doc.id,
                a.number,
                a.text
            );
            assert!(!a.text.contains("抄送"), "{} {}", doc.id, a.number);
        }
    }
}

fn is_page_number(l: &str) -> bool {
    let inner = l.trim_matches(|c: char| matches!(c, '-' | '—' | ' '));
    !inner.is_empty() && inner.len() < l.len() && inner.chars().all(|c| c.is_ascii_digit())
}

#[test]
fn zhoucun_reports_the_foreign_tail_and_keeps_its_last_article_clean() {
    let corpus = corpus();
    let doc = corpus.doc("zhoucun").expect("zhoucun");
    let last = doc.articles.last().expect("articles");
    assert_eq!(last.number, 89);
    assert!(!last.text.contains("第十六条"));
    let source = std::fs::read_to_string(&doc.path).expect("readable");
    let first_foreign = 1 + source
        .lines()
        .position(|l| l.starts_with("第十六条"))
        .expect("a 第X条 line");
    let tail: Vec<_> = doc
        .warnings
        .iter()
        .filter(|w| w.message.contains("other style"))
        .collect();
    assert_eq!(tail.len(), 1, "{:?}", doc.warnings);
    assert_eq!(tail[0].line, first_foreign);
    // The word split across two lines is rejoined.
    let a50 = doc.article(50).expect("article 50");
    assert!(
        a50.paragraphs[0]
            .text
            .contains("区政府办公室主任组成，由区长召集和主持")
    );
}

#[test]
fn shizhong_wrapped_lines_are_rejoined() {
    let corpus = corpus();
    let doc: &Regulation = corpus.doc("市中").expect("shizhong by alias");
    let a1 = doc.article(1).expect("article 1");
    assert_eq!(a1.paragraphs.len(), 1, "{:?}", a1.paragraphs);
    assert!(
        a1.text
            .contains("《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》")
    );
    let a6 = doc.article(6).expect("article 6");
    assert_eq!(a6.paragraphs.len(), 2, "{:#?}", a6.paragraphs);
    // PDF spaces kept in the text, removed in the normalised form.
    assert!(
        doc.articles
            .iter()
            .any(|a| a.text.contains("AB 角") && a.norm.contains("AB角"))
    );
    // No page numbers inside any article.
    assert!(doc.articles.iter().all(|a| !a.text.contains("- 12 -")));
}

#[test]
fn seed_documents_have_no_unexpected_warnings() {
    let corpus = corpus();
    let warnings: Vec<String> = corpus.warnings().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
}

/// A code of parts read from lawrefbook: its articles, and the part, sub-part and chapter each
/// sits in.
fn code(path: &str) -> Regulation {
    let path = shared::path(&format!("corpora/lawrefbook/{path}"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("fixture {} is missing: {e}", path.display()));
    guize::parse::parse(guize::parse::Source {
        id: "code".into(),
        path: &path,
        text: &text,
        kind: guize::parse::SourceKind::from_path(&path),
        meta: guize::model::DocMeta::default(),
    })
}

/// 编 and 分编 are a level above 章: chapters that count from 第一章 again in each part are no
/// "chapter numbers out of order", and an article is cited with its part (第二编 分则 第三章 …).
#[test]
fn parts_of_codes_are_structure_and_are_cited() {
    for (path, parts, chapters, article, citation) in [
        (
            "刑法/刑法.md",
            // 第一编 总则, 第二编 分则 and the closing 附则.
            3,
            15,
            140,
            "第二编 分则 第三章 破坏社会主义市场经济秩序罪 第一节 生产、销售伪劣商品罪 第一百四十条",
        ),
        (
            "诉讼与非诉讼程序法/刑事诉讼法(2018-10-26).md",
            // Five 编 and the closing 附则, a plain line.
            6,
            // 第五编 特别程序's chapters and the others'.
            0,
            3,
            "第一编 总则 第一章 任务和基本原则 第三条",
        ),
        (
            "诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md",
            4,
            0,
            3,
            "第一编 总则 第一章 任务、适用范围和基本原则 第三条",
        ),
        (
            "民法典/合同编.md",
            3,
            0,
            595,
            "第二分编 典型合同 第九章 买卖合同 第五百九十五条",
        ),
    ] {
        let doc = code(path);
        let structural: Vec<&str> = doc
            .warnings
            .iter()
            .map(|w| w.message.as_str())
            .filter(|m| m.contains("chapter"))
            .collect();
        assert!(structural.is_empty(), "{path}: {structural:?}");
        let mut seen: Vec<&guize::model::PartRef> =
            doc.chapters.iter().flat_map(|c| c.parts.last()).collect();
        seen.dedup();
        assert_eq!(seen.len(), parts, "{path}: {seen:?}");
        if chapters > 0 {
            assert_eq!(
                doc.chapters.iter().filter(|c| c.line > 0).count(),
                chapters,
                "{path}"
            );
        }
        let a = doc.article(article).expect("the article");
        let cited = doc.citation(a);
        assert!(cited.ends_with(citation), "{path}: {cited}");
        // Every article is in a part, and the articles count on across them.
        assert!(
            doc.articles.iter().all(|a| !a.chapter.parts.is_empty()),
            "{path}"
        );
        assert!(
            doc.articles
                .windows(2)
                .all(|w| (w[0].number, w[0].sub) < (w[1].number, w[1].sub)),
            "{path}"
        );
    }
}

/// The article of `doc` numbered `number` (no 之一), cited by its division: part, chapter and
/// section labels as `Regulation::citation` writes them, without the title.
fn division_of(doc: &Regulation, number: u32) -> String {
    let a = doc
        .articles
        .iter()
        .find(|a| a.number == number && a.sub == 0)
        .unwrap_or_else(|| panic!("第{number}条 missing"));
    a.chapter.label()
}

/// An unnumbered division heading whose title is a known division's (附则, 法律责任) heads its
/// articles at the level its heading says: 刑法's `## 附则`, as deep as its 编, is a part of its
/// own after 第二编; a plain 附则 line closing 刑事诉讼法 (a code of parts) likewise; a plain
/// 法律责任 or 附则 line in a regulation of `##` chapters is a chapter, cited by its title.
#[test]
fn an_unnumbered_division_heading_holds_its_articles() {
    let xingfa = code("刑法/刑法.md");
    assert_eq!(division_of(&xingfa, 452), "附则");
    assert_eq!(
        division_of(&xingfa, 451),
        "第二编 分则 第十章 军人违反职责罪"
    );
    // 附件一 and 附件二 after it are no divisions and hold no articles.
    assert_eq!(xingfa.articles.len(), 505);
    assert!(xingfa.chapters.iter().all(|c| !c.title.starts_with("附件")));
    assert!(
        xingfa
            .chapters
            .iter()
            .flat_map(|c| &c.parts)
            .all(|p| !p.title.starts_with("附件"))
    );
    let xingsu = code("诉讼与非诉讼程序法/刑事诉讼法(2018-10-26).md");
    assert_eq!(division_of(&xingsu, 308), "附则");
    assert!(division_of(&xingsu, 307).starts_with("第五编 特别程序"));
    // 第六章 lost its number: its 法律责任 line heads 第四十四条 …; 第七章 附则 follows it with no
    // warning about chapter numbers.
    let fund = code("行政法规/私募投资基金监督管理条例(2023-07-03).md");
    assert_eq!(division_of(&fund, 43), "第五章 监督管理");
    assert_eq!(division_of(&fund, 44), "法律责任");
    assert_eq!(division_of(&fund, 61), "第七章 附则");
    assert!(
        fund.warnings.iter().all(|w| !w.message.contains("chapter")),
        "{:?}",
        fund.warnings
    );
    let teachers = code("行政法规/教师资格条例(1995-12-12).md");
    let last = teachers.articles.last().expect("articles").number;
    assert_eq!(division_of(&teachers, last), "附则");
    assert_eq!(division_of(&teachers, last - 1), "第六章 罚则");
}

/// A bare 总则 line before the first article (a regulation whose other chapter headings lost
/// their numbers, with no 第X章 anywhere) is no division: there is no level to put it at.
#[test]
fn a_division_title_before_any_article_or_chapter_is_no_division() {
    let water = code("DLC/浙江地方法规/地方性法规/浙江/浙江省水资源条例(2020-09-24).md");
    assert!(water.articles.len() >= 30, "{}", water.articles.len());
    assert!(
        water.chapters.iter().all(|c| c.title.is_empty()),
        "{:?}",
        water.chapters
    );
}
