//! `guize versions` on real pairs of editions from lawrefbook (copied to tests/data/editions/):
//! 立法法 2015 / 2023, 监督法 2006 / 2024, 北京市制定地方性法规条例 2017 / 2023. The counts were read
//! against both texts (see docs/compare-and-figures.md, src/versions/); a change of the matching
//! that moves them must be looked at again.

use guize::diff::Op;
use guize::model::{DocId, DocMeta, Regulation};
use guize::parse::{Source, SourceKind, parse};
use guize::versions::{self, ChangeKind, Comparison, Summary};
use std::path::PathBuf;

fn edition(name: &str) -> Regulation {
    read_edition(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/editions")
            .join(name),
    )
}

/// The Markdown edition at `path`, its file name as its id.
fn read_edition(path: &std::path::Path) -> Regulation {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("fixture {} is missing: {e}", path.display()));
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    parse(Source {
        id: DocId(name.into()),
        path,
        text: &text,
        kind: SourceKind::Markdown,
        meta: DocMeta::default(),
    })
}

fn compare(old: &str, new: &str) -> (Regulation, Regulation, Comparison) {
    let (o, n) = (edition(old), edition(new));
    let c = versions::compare(&o, &n);
    (o, n, c)
}

/// Every article is in exactly one row, new articles in order, and each side of a diff rebuilds
/// its text.
fn check_invariants(old: &Regulation, new: &Regulation, c: &Comparison) {
    let old_seen: Vec<u32> = c
        .rows
        .iter()
        .flat_map(|r| &r.old)
        .map(|a| a.number)
        .collect();
    let mut sorted = old_seen.clone();
    sorted.sort_unstable();
    let all: Vec<u32> = old.articles.iter().map(|a| a.number).collect();
    assert_eq!(sorted, all, "every old article once");
    let new_seen: Vec<u32> = c
        .rows
        .iter()
        .flat_map(|r| &r.new)
        .map(|a| a.number)
        .collect();
    let all: Vec<u32> = new.articles.iter().map(|a| a.number).collect();
    assert_eq!(
        new_seen, all,
        "every new article once, in the new edition's order"
    );
    for r in &c.rows {
        if r.segments.is_empty() {
            continue;
        }
        let side = |keep: Op| -> String {
            r.segments
                .iter()
                .filter(|s| s.op == Op::Equal || s.op == keep)
                .map(|s| s.text.as_str())
                .collect()
        };
        assert_eq!(side(Op::Delete), r.old_text, "{}", r.heading());
        assert_eq!(side(Op::Insert), r.new_text, "{}", r.heading());
    }
}

fn headings(c: &Comparison, kind: ChangeKind) -> Vec<String> {
    c.rows
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| r.heading())
        .collect()
}

#[test]
fn lifafa_2015_2023() {
    let (o, n, c) = compare("lifafa-2015.md", "lifafa-2023.md");
    check_invariants(&o, &n, &c);
    assert_eq!(
        c.summary(),
        Summary {
            old_articles: 105,
            new_articles: 120,
            // Three articles whose one difference is a colon set half-width in 2015 (解释:) and
            // full-width in 2023 (解释：) are unchanged: a reprint, not an amendment.
            unchanged: 63,
            modified: 40,
            renumbered: 101,
            moved: 0,
            split: 2,
            merged: 0,
            added: 13,
            deleted: 0,
        }
    );
    // 第三条 became 第三条 (党的领导, 指导思想) and 第四条 (经济建设为中心, 改革开放); the powers of
    // 设区的市 (第七十二条) became 第八十条 and 第八十一条.
    assert_eq!(
        headings(&c, ChangeKind::Split),
        [
            "第三条 → 第三条、第四条",
            "第七十二条 → 第八十条、第八十一条"
        ]
    );
    // 备案审查 (第九十九条) is 第一百一十条, both its paragraphs kept; 第一百一十一条 (主动审查,
    // 专项审查) is new in 2023 and repeats only the names of the acts reviewed, which 第一百一十条
    // still says, so it is added, not the other half of a split.
    assert!(
        c.rows
            .iter()
            .any(|r| r.heading() == "第九十九条 → 第一百一十条" && r.modified()),
        "{:?}",
        headings(&c, ChangeKind::Kept)
    );
    let added = headings(&c, ChangeKind::Added);
    assert!(
        added.contains(&"（无） → 第一百一十一条".to_string()),
        "{added:?}"
    );
    assert!(added.contains(&"（无） → 第八条".to_string()), "{added:?}");
    assert!(added.contains(&"（无） → 第九条".to_string()), "{added:?}");
    // 第七条 (国家立法权) is now 第十条, with 根据宪法规定 added.
    let r = c
        .rows
        .iter()
        .find(|r| r.heading() == "第七条 → 第十条")
        .expect("第七条 → 第十条");
    assert!(r.renumbered() && r.modified());
    assert!(
        r.segments
            .iter()
            .any(|s| s.op == Op::Insert && s.text.contains("根据宪法规定"))
    );
}

#[test]
fn jiandufa_2006_2024() {
    let (o, n, c) = compare("jiandufa-2006.md", "jiandufa-2024.md");
    check_invariants(&o, &n, &c);
    let s = c.summary();
    assert_eq!((s.old_articles, s.new_articles), (48, 65));
    assert_eq!((s.split, s.merged, s.added, s.deleted), (1, 0, 17, 1));
    assert_eq!((s.unchanged, s.modified, s.moved), (17, 29, 3));
    assert_eq!(s.renumbered, 44);
    assert_eq!(headings(&c, ChangeKind::Split), ["第三条 → 第三条、第四条"]);
}

#[test]
fn beijing_2017_2023() {
    let (o, n, c) = compare("beijing-lifa-2017.md", "beijing-lifa-2023.md");
    check_invariants(&o, &n, &c);
    let s = c.summary();
    assert_eq!((s.old_articles, s.new_articles), (66, 76));
    assert_eq!((s.split, s.added, s.deleted, s.moved), (3, 10, 3, 8));
    assert_eq!((s.unchanged, s.modified, s.renumbered), (28, 32, 55));
    // 立法能力建设 left 第五十七条 for an article of its own (第七十四条).
    assert!(
        headings(&c, ChangeKind::Split)
            .contains(&"第五十七条 → 第七十三条、第七十四条".to_string())
    );
}

#[test]
fn an_edition_against_itself_is_unchanged() {
    let (o, _, _) = compare("lifafa-2023.md", "lifafa-2023.md");
    let c = versions::compare(&o, &o);
    let s = c.summary();
    assert_eq!(s.unchanged, o.articles.len());
    assert_eq!(s.renumbered + s.modified + s.added + s.deleted + s.split, 0);
}

/// An edition made from another by known edits: the comparison must report exactly those edits.
/// 立法法 2015 with three articles deleted, two articles of 监督法 inserted, two neighbours swapped,
/// and every article renumbered.
#[test]
fn known_edits_are_found() {
    let old = edition("lifafa-2015.md");
    let other = edition("jiandufa-2006.md");
    let deleted = [10usize, 40, 77];
    let mut texts: Vec<&str> = old
        .articles
        .iter()
        .enumerate()
        .filter(|(i, _)| !deleted.contains(i))
        .map(|(_, a)| a.text.as_str())
        .collect();
    texts.swap(20, 21);
    texts.insert(50, &other.articles[20].text);
    texts.insert(5, &other.articles[30].text);
    let source: String = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "{} {}\n\n",
                guize::text::numeral::article_label(i as u32 + 1),
                t
            )
        })
        .collect();
    let new = parse(Source {
        id: DocId("edited".into()),
        path: std::path::Path::new("edited.md"),
        text: &source,
        kind: SourceKind::Markdown,
        meta: DocMeta::default(),
    });
    assert_eq!(new.articles.len(), old.articles.len() - 3 + 2);
    let c = versions::compare(&old, &new);
    check_invariants(&old, &new, &c);
    let s = c.summary();
    let old_label = |i: usize| old.articles[i].label();
    let deleted_rows: Vec<String> = c
        .rows
        .iter()
        .filter(|r| r.kind == ChangeKind::Deleted)
        .map(|r| r.old[0].label.clone())
        .collect();
    assert_eq!(deleted_rows, deleted.map(old_label));
    assert_eq!(s.added, 2, "{:?}", headings(&c, ChangeKind::Added));
    assert_eq!(s.moved, 1, "{:?}", headings(&c, ChangeKind::Moved));
    assert_eq!((s.split, s.merged, s.modified), (0, 0, 0));
    // Every article kept is unchanged in wording, the moved one included.
    assert_eq!(s.unchanged, old.articles.len() - 3);
}

/// The diff shows each edition as written: an edition that writes １次 and ５０％ keeps those
/// characters in the table (the comparison itself is made on the normalised text, so width alone
/// is no change of wording).
#[test]
fn the_diff_shows_the_text_as_written() {
    let doc = |id: &str, text: &str| {
        parse(Source {
            id: DocId(id.into()),
            path: std::path::Path::new("x.txt"),
            text,
            kind: SourceKind::Text,
            meta: DocMeta::default(),
        })
    };
    let old = doc(
        "old",
        "某条例\n第一条 会议每月召开１次，到会人数不少于５０％。\n第二条 本条例自公布之日起施行。\n",
    );
    let new = doc(
        "new",
        "某条例\n第一条 会议每两周召开１次，到会人数不少于５０％。\n第二条 本条例自公布之日起施行。\n",
    );
    let c = versions::compare(&old, &new);
    check_invariants(&old, &new, &c);
    let row = &c.rows[0];
    let old_side: String = row
        .segments
        .iter()
        .filter(|s| s.op != Op::Insert)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(old_side, "会议每月召开１次，到会人数不少于５０％。");
    assert!(
        row.segments
            .iter()
            .any(|s| s.op == Op::Equal && s.text.contains("５０％")),
        "{:?}",
        row.segments
    );
    assert!(row.old_text.contains("１次") && row.new_text.contains("１次"));
    assert!(!c.rows[1].modified(), "{:?}", c.rows[1].segments);
}

/// Two editions of a tab-cell table (one row a line) and of a share written two ways: each row's
/// change is its own, the line break between the rows shared (it was one replaced block over
/// both rows); 二分之一 / 百分之五十 is one unit on each side, a change of writing alone
/// (`is_punct`), never 二 → 百 and 一 → 五十 around a shared 分之.
#[test]
fn table_rows_bound_changes_and_a_share_stays_whole() {
    let doc = |id: &str, text: &str| {
        parse(Source {
            id: DocId(id.into()),
            path: std::path::Path::new("x.txt"),
            text,
            kind: SourceKind::Text,
            meta: DocMeta::default(),
        })
    };
    let old = doc(
        "old",
        "某办法\n第一条 办理部门如下：\n项目\t办理部门\n登记\t区级主管部门负责审核办理\n\
         年检\t街道办事处统一组织实施\n第二条 业主所占比例不得低于筹备组总人数的二分之一。\n\
         第三条 表决须经三分之二以上业主同意。\n",
    );
    let new = doc(
        "new",
        "某办法\n第一条 办理部门如下：\n项目\t办理部门\n登记\t市级行政机关登记备案\n\
         年检\t社区居民委员会协助开展\n第二条 业主所占比例不得低于筹备组总人数的百分之五十。\n\
         第三条 表决须经百分之六十七以上业主同意。\n",
    );
    let c = versions::compare(&old, &new);
    check_invariants(&old, &new, &c);
    let table = &c.rows[0].segments;
    assert!(
        table
            .iter()
            .filter(|s| s.op != Op::Equal)
            .all(|s| !s.text.contains('\n')),
        "{table:?}"
    );
    assert!(
        table
            .iter()
            .any(|s| s.op == Op::Equal && s.text.contains("\n年检\t")),
        "{table:?}"
    );
    let share = &c.rows[1].segments;
    let whole = |op: Op, text: &str| share.iter().any(|s| s.op == op && s.text == text);
    assert!(
        whole(Op::Delete, "二分之一") && whole(Op::Insert, "百分之五十"),
        "{share:?}"
    );
    assert!(
        share.iter().all(|s| s.op == Op::Equal || s.is_punct),
        "the same value: {share:?}"
    );
    // 三分之二 is not 百分之六十七: a changed number, whole on each side.
    let changed = &c.rows[2].segments;
    assert!(
        changed
            .iter()
            .any(|s| s.op == Op::Delete && s.text == "三分之二" && s.is_number),
        "{changed:?}"
    );
    assert!(
        changed
            .iter()
            .any(|s| s.op == Op::Insert && s.text == "百分之六十七" && s.is_number),
        "{changed:?}"
    );
}

#[path = "shared/mod.rs"]
mod shared;

/// U10: a provision moved into another article is said, not only 删除 + 新增. 北京市优化营商环境条例
/// 2020 第六十四条's second paragraph (市场主体…有权向市场监督管理部门举报) is, almost word for word, the
/// second paragraph of 2024 第七十六条: the deleted row points there and the added row back, in
/// text, Markdown and JSON (HTML and Word show the same status).
#[test]
fn a_deleted_article_points_to_where_its_wording_went() {
    let dir = shared::path("corpora/lawrefbook/DLC/北京地方法规/地方性法规/北京");
    let old = dir.join("北京市优化营商环境条例(2020-03-27).md");
    let new = dir.join("北京市优化营商环境条例(2024-11-29).md");
    let run = |format: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("guize")
            .expect("binary")
            .arg("versions")
            .arg(&old)
            .arg(&new)
            .args(format)
            .env("NO_COLOR", "1")
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let v: serde_json::Value = serde_json::from_str(&run(&["--json"])).expect("json");
    let rows = v["rows"].as_array().expect("rows");
    let row = |side: &str, label: &str| {
        rows.iter()
            .find(|r| {
                r[side]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x["label"] == label))
            })
            .unwrap_or_else(|| panic!("no row with {side} {label}"))
    };
    let deleted = row("old", "第六十四条");
    assert_eq!(deleted["kind"], "deleted");
    assert_eq!(deleted["status"], "删除·部分移至第七十六条");
    assert_eq!(deleted["moved_to"][0]["number"], 76);
    assert_eq!(deleted["moved_to"][0]["whole"], false);
    let added = row("new", "第七十六条");
    assert_eq!(added["kind"], "added");
    let from: Vec<&serde_json::Value> = added["moved_from"]
        .as_array()
        .expect("moved_from")
        .iter()
        .map(|a| &a["number"])
        .collect();
    assert!(from.contains(&&serde_json::json!(64)), "{added}");
    // Rows of other kinds point nowhere; an added article of new wording points nowhere either.
    assert!(rows.iter().all(|r| {
        let elsewhere = r["moved_to"].as_array().map_or(0, Vec::len)
            + r["moved_from"].as_array().map_or(0, Vec::len);
        elsewhere == 0 || r["kind"] == "deleted" || r["kind"] == "added"
    }));
    assert_eq!(
        row("new", "第九十一条")["moved_from"],
        serde_json::json!([])
    );
    // Over the kept and moved rows, `modified` and `renumbered` are what the summary counts;
    // an added or deleted article is never `modified` (it was: 96 rows against a summary of 31).
    for flag in ["modified", "renumbered"] {
        let flagged = rows
            .iter()
            .filter(|r| (r["kind"] == "kept" || r["kind"] == "moved") && r[flag] == true)
            .count();
        assert_eq!(serde_json::json!(flagged), v["summary"][flag], "{flag}");
    }
    assert!(
        rows.iter()
            .filter(|r| r["kind"] == "added" || r["kind"] == "deleted")
            .all(|r| r["modified"] == false && r["renumbered"] == false)
    );
    assert!(run(&[]).contains("第六十四条 → （删除）  删除·部分移至第七十六条"));
    assert!(run(&["--format", "markdown"]).contains("删除·部分移至第七十六条"));
}

/// 行政复议法 2017 → 2023, a full revision (more than half renumbered): 2017 第二十四条 (在行政复议过程中，
/// 被申请人不得自行…收集证据) is 2023 第四十六条 (行政复议期间，被申请人不得自行…收集证据；自行收集的证据不作为
/// 认定行政行为合法性的根据), revised and moved among rewritten neighbours: one row, not a deleted and
/// an added article. Dice 0.40: the content pairs them where the order does not.
#[test]
fn a_revised_article_out_of_order_is_paired_by_content() {
    let read = |name: &str| {
        read_edition(&shared::path("corpora/lawrefbook/诉讼与非诉讼程序法").join(name))
    };
    let (o, n) = (
        read("行政复议法(2017-09-01).md"),
        read("行政复议法(2023-09-01).md"),
    );
    let c = versions::compare(&o, &n);
    check_invariants(&o, &n, &c);
    let row = c
        .rows
        .iter()
        .find(|r| r.old.iter().any(|a| a.number == 24))
        .expect("2017 第二十四条 has a row");
    assert!(
        row.new.iter().any(|a| a.number == 46),
        "{:?} → {:?} ({:?})",
        row.old.iter().map(|a| &a.label).collect::<Vec<_>>(),
        row.new.iter().map(|a| &a.label).collect::<Vec<_>>(),
        row.kind
    );
    assert!(row.modified());
}

/// Reads a published file (DOCX, PDF) as `guize versions` does.
fn published(name: &str) -> Regulation {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/docs")
        .join(name);
    let bytes = std::fs::read(&path).expect("fixture");
    let text = guize::extract::extract(&path, &bytes).expect("reads").text;
    parse(Source {
        id: DocId(name.into()),
        path: &path,
        text: &text,
        kind: SourceKind::from_path(&path),
        meta: DocMeta::default(),
    })
}

#[test]
fn the_docx_and_the_pdf_of_one_text_differ_in_no_article() {
    for name in ["shizhong", "lixia", "zhoucun"] {
        let (o, n) = (
            published(&format!("{name}.docx")),
            published(&format!("{name}.pdf")),
        );
        let c = versions::compare(&o, &n);
        check_invariants(&o, &n, &c);
        let modified: Vec<String> = c
            .rows
            .iter()
            .filter(|r| r.modified())
            .map(|r| format!("{}: {} | {}", r.heading(), r.old_text, r.new_text))
            .collect();
        assert!(modified.is_empty(), "{name}: {modified:#?}");
    }
    // A real change beside the spacing is still one.
    let o = published("shizhong.docx");
    let mut n = o.clone();
    if let Some(a) = n.articles.get_mut(10) {
        a.text.push_str("另有规定的，从其规定。");
        a.norm = guize::text::fold::norm(&a.text);
    }
    let c = versions::compare(&o, &n);
    assert_eq!(c.rows.iter().filter(|r| r.modified()).count(), 1);
}

/// An article inserted beside one it repeats a phrase of is added, not a split of that article.
/// 重庆市禁毒条例 with a 第二十条之一 (网络销售罂粟壳) inserted after 第二十条 (食品中添加罂粟壳): the
/// new article shares 罂粟壳、罂粟籽 with 第二十条, which is unchanged word for word, so 第二十条
/// stays unchanged and 第二十条之一 is the one added article. A real split keeps its row: the third
/// paragraph of 第二十七条 made 第二十七条之一 is still 拆分.
#[test]
fn an_inserted_article_sharing_a_phrase_with_its_neighbour_is_added() {
    let path = shared::path(
        "corpora/lawrefbook/DLC/重庆地方法规/地方性法规/重庆/重庆市禁毒条例(2012-11-29).md",
    );
    let old = read_edition(&path);
    let text = std::fs::read_to_string(&path).expect("the lawrefbook file");
    let at = text.find("\n第二十一条").expect("第二十一条 in the file");
    let mut edited = text.clone();
    edited.insert_str(
        at,
        "\n第二十条之一 禁止在网络上销售罂粟壳、罂粟籽等毒品原植物及其制品。\n",
    );
    let edited = edited.replacen(
        "\n汽车租赁企业应当加强",
        "\n第二十七条之一 汽车租赁企业应当加强",
        1,
    );
    let new = parse(Source {
        id: DocId("edited".into()),
        path: std::path::Path::new("edited.md"),
        text: &edited,
        kind: SourceKind::Markdown,
        meta: DocMeta::default(),
    });
    assert_eq!(new.articles.len(), old.articles.len() + 2);
    let c = versions::compare(&old, &new);
    check_invariants(&old, &new, &c);
    let s = c.summary();
    assert_eq!(
        headings(&c, ChangeKind::Added),
        vec!["（无） → 第二十条之一".to_string()],
        "{:?}",
        headings(&c, ChangeKind::Split)
    );
    assert_eq!(
        headings(&c, ChangeKind::Split),
        vec!["第二十七条 → 第二十七条、第二十七条之一".to_string()]
    );
    assert_eq!((s.added, s.split, s.merged), (1, 1, 0));

    // The split's new side shows each article under its own number, in every format.
    let render = |format| {
        let mut out = Vec::new();
        guize::render::versions::write(&mut out, &c, format, true).expect("rendered");
        String::from_utf8(out).expect("UTF-8")
    };
    use guize::render::versions::Format;
    let terminal = render(Format::Terminal { color: false });
    assert!(
        terminal.contains("\n        第二十七条之一\u{3000}汽车租赁企业应当加强"),
        "{terminal}"
    );
    assert!(render(Format::Markdown).contains("<br>**第二十七条之一**\u{3000}汽车租赁企业"));
    assert!(
        render(Format::Html)
            .contains("<b class=\"article\">第二十七条之一</b>\u{3000}汽车租赁企业")
    );
    let json: serde_json::Value = serde_json::from_str(&render(Format::Json)).expect("JSON");
    let split = json["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["kind"] == "split"))
        .expect("the split row");
    let texts: Vec<&str> = split["new"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["text"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(texts.len(), 2);
    assert!(texts[0].starts_with("娱乐场所") && texts[0].ends_with("应当及时向公安机关报告。"));
    assert!(texts[1].starts_with("汽车租赁企业应当加强"), "{texts:?}");
    // The old side is one article, and the new side's two texts are its whole text.
    assert_eq!(
        texts.join("\n"),
        split["new_text"].as_str().expect("new_text")
    );
}

/// An edition that moves a whole chapter and drops another names both in its chapter list: 洛阳市
/// 历史文化名城保护条例 with 第五章 合理利用 put before 第四章 保护措施 and 第七章 附则 left out,
/// chapters and articles renumbered as a revision does.
#[test]
fn a_moved_chapter_and_a_deleted_one_are_named() {
    let old = read_edition(&shared::path(
        "corpora/lawrefbook/DLC/河南地方法规/地方性法规/河南/洛阳市历史文化名城保护条例(2020-12-22).md",
    ));
    let titles: Vec<(u32, String)> = old.articles.iter().fold(Vec::new(), |mut seen, a| {
        let c = (a.chapter.number, a.chapter.title.clone());
        if !seen.contains(&c) {
            seen.push(c);
        }
        seen
    });
    assert_eq!(titles.len(), 7, "{titles:?}");
    assert_eq!(titles[3].1, "保护措施");
    assert_eq!(titles[4].1, "合理利用");
    let order = [0usize, 1, 2, 4, 3, 5];
    let mut source = String::from("# 洛阳市历史文化名城保护条例\n\n");
    let mut n = 0;
    for (k, &c) in order.iter().enumerate() {
        let chapter = &titles[c];
        source.push_str(&format!(
            "## {} {}\n\n",
            guize::text::numeral::chapter_label(k as u32 + 1),
            chapter.1
        ));
        for a in old
            .articles
            .iter()
            .filter(|a| a.chapter.number == chapter.0)
        {
            n += 1;
            source.push_str(&format!(
                "{}　{}\n\n",
                guize::text::numeral::article_label(n),
                a.text
            ));
        }
    }
    let new = parse(Source {
        id: DocId("revised".into()),
        path: std::path::Path::new("revised.md"),
        text: &source,
        kind: SourceKind::Markdown,
        meta: DocMeta::default(),
    });
    let c = versions::compare(&old, &new);
    check_invariants(&old, &new, &c);
    let lines: Vec<String> = c.chapters().iter().map(|x| x.line()).collect();
    assert_eq!(
        lines,
        [
            "第五章 合理利用 → 第四章 合理利用 (moved)",
            "第四章 保护措施 → 第五章 保护措施",
            "第七章 附则 (deleted)",
        ]
    );
    // The edition against itself names no chapter.
    assert!(versions::compare(&old, &old).chapters().is_empty());
    let mut json = Vec::new();
    guize::render::versions::write(&mut json, &c, guize::render::versions::Format::Json, false)
        .expect("render");
    let value: serde_json::Value = serde_json::from_slice(&json).expect("json");
    assert_eq!(value["chapters"][0]["moved"], true);
    assert_eq!(value["chapters"][2]["new"], serde_json::Value::Null);
}

/// Two articles in sequence that share only the editions' stock wording are not one article
/// revised: 北京市安全生产条例's old 第三十四条 (重大危险源…备案) and 2022's 第二十八条 (爆破、吊装、
/// 动火… 危险作业) share 生产经营单位, 应当, 国家…规定 and 安全措施 (Dice 0.315, above the
/// sequence's 0.3) and were shown as one article 条号变更·修改, every word struck and inserted.
/// Weighed by rarity over both editions they share 0.13: deleted and added.
#[test]
fn articles_sharing_only_stock_wording_are_not_one() {
    let read = |name: &str| {
        read_edition(
            &shared::path("corpora/lawrefbook/DLC/北京地方法规/地方性法规/北京").join(name),
        )
    };
    let (o, n) = (
        read("北京市安全生产条例.md"),
        read("北京市安全生产条例(2022-05-25).md"),
    );
    let c = versions::compare(&o, &n);
    check_invariants(&o, &n, &c);
    let row = c
        .rows
        .iter()
        .find(|r| r.old.iter().any(|a| a.number == 34))
        .expect("old 第三十四条 has a row");
    assert!(
        row.new.is_empty(),
        "old 第三十四条 paired with {:?}",
        row.new.iter().map(|a| &a.label).collect::<Vec<_>>()
    );
    // The rest of the matching is untouched: 48 rows pair old and new articles (49 with the
    // false pair), 40 of them 条号变更·修改.
    let paired = c
        .rows
        .iter()
        .filter(|r| !r.old.is_empty() && !r.new.is_empty())
        .count();
    assert_eq!(paired, 48, "rows that pair an old and a new article");
}

/// 宁波市献血条例 (lawrefbook) against an edition of it with an article inserted as 第八条, the
/// articles after it renumbered, the citation 第二十六条 of 第三十条 now 第二十七条 and the year of
/// entry into force changed: the changed numbers are marked as numbers (`[#二十六#]{#二十七#}`,
/// `[#2013#]{#2024#}`), and the article whose only change is the citation that follows the
/// renumbering says so (引用条号随之变更, in the text and in JSON), not 修改.
#[test]
fn a_citation_that_follows_the_renumbering_is_said_so_and_numbers_are_marked() {
    use guize::text::numeral::{parse_number, to_chinese};
    let path = shared::path(
        "corpora/lawrefbook/DLC/浙江地方法规/地方性法规/浙江/宁波市献血条例(2020-06-05).md",
    );
    let old = read_edition(&path);
    let text = std::fs::read_to_string(&path).expect("宁波市献血条例");
    // The new edition: each article from 第八条 on one number later, a new 第八条 before them.
    let mut written = String::new();
    for line in text.lines() {
        let head = line
            .strip_prefix('第')
            .and_then(|rest| rest.split_once('条'))
            .and_then(|(n, rest)| Some((parse_number(n)?, rest)));
        match head {
            Some((n, rest)) if n >= 8 && rest.starts_with([' ', '\u{3000}']) => {
                if n == 8 {
                    written.push_str("第八条 本市建立献血者关爱基金，用于献血者的救助和慰问。\n\n");
                }
                written.push_str(&format!("第{}条{rest}\n", to_chinese(n + 1)));
            }
            _ => {
                written.push_str(line);
                written.push('\n');
            }
        }
    }
    assert!(
        written.contains("违反本条例第二十六条规定"),
        "the citation is there"
    );
    let written = written
        .replace("违反本条例第二十六条规定", "违反本条例第二十七条规定")
        .replace("本条例自2013年3月1日起施行", "本条例自2024年3月1日起施行");
    let dir = tempfile::tempdir().expect("temp dir");
    let new_path = dir.path().join("宁波市献血条例(new).md");
    std::fs::write(&new_path, &written).expect("written");
    let new = read_edition(&new_path);
    assert_eq!(new.articles.len(), old.articles.len() + 1);
    let c = versions::compare(&old, &new);
    check_invariants(&old, &new, &c);
    let s = c.summary();
    assert_eq!((s.added, s.renumbered, s.deleted), (1, 26, 0));

    let row = |heading: &str| {
        c.rows
            .iter()
            .find(|r| r.heading() == heading)
            .unwrap_or_else(|| panic!("no row {heading}"))
    };
    let cited = row("第三十条 → 第三十一条");
    assert!(cited.references_follow && cited.modified());
    assert_eq!(cited.status(), "条号变更·引用条号随之变更");
    let year = row("第三十三条 → 第三十四条");
    assert!(!year.references_follow);
    assert_eq!(year.status(), "条号变更·修改");
    // The numbers changed are marked as numbers, and only they.
    for r in [cited, year] {
        let changed: Vec<_> = r.segments.iter().filter(|s| s.op != Op::Equal).collect();
        assert_eq!(changed.len(), 2, "{:?}", r.segments);
        assert!(changed.iter().all(|s| s.is_number), "{:?}", r.segments);
    }
    // An article that cites one the renumbering did not touch is no such row, nor is one whose
    // citation names another article than the one the old number became.
    assert!(c.rows.iter().filter(|r| r.references_follow).count() == 1);

    let render = |format| {
        let mut out = Vec::new();
        guize::render::versions::write(&mut out, &c, format, true).expect("rendered");
        String::from_utf8(out).expect("UTF-8")
    };
    use guize::render::versions::Format;
    let terminal = render(Format::Terminal { color: false });
    for marked in [
        "第三十条 → 第三十一条  条号变更·引用条号随之变更",
        "违反本条例第[#二十六#]条规定",
        "违反本条例第{#二十七#}条规定",
        "本条例自[#2013#]年",
        "本条例自{#2024#}年",
    ] {
        assert!(terminal.contains(marked), "{marked}: {terminal}");
    }
    assert!(!terminal.contains("[-二十六-]"), "{terminal}");
    let json: serde_json::Value = serde_json::from_str(&render(Format::Json)).expect("JSON");
    let rows = json["rows"].as_array().expect("rows");
    let following: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| r["references_follow"] == true)
        .collect();
    assert_eq!(following.len(), 1, "{json}");
    assert_eq!(following[0]["status"], "条号变更·引用条号随之变更");
    assert!(
        following[0]["segments"]
            .as_array()
            .is_some_and(|s| s.iter().any(|g| g["op"] == "insert" && g["number"] == true)),
        "{json}"
    );
}
