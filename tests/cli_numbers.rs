//! `guize numbers` as a user runs it on the seed corpus: the table, the query filter, --doc, and
//! the documented JSON shape.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;

fn guize() -> Command {
    let mut cmd = Command::cargo_bin("guize").expect("binary");
    cmd.arg("--corpus")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .env("NO_COLOR", "1")
        .env_remove("GUIZE_CORPUS");
    cmd
}

#[test]
fn table_lines_up_meeting_frequencies_and_marks_the_odd_one() {
    let out = guize()
        .args(["numbers", "召开频次"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    let block: Vec<&str> = text
        .split("\n\n")
        .find(|b| b.starts_with("常务会议·召开频次"))
        .expect("a 常务会议 row")
        .lines()
        .collect();
    assert_eq!(block.len(), 6, "{block:#?}");
    assert!(block[1].contains("历下区") && block[1].contains("1次/两周 ≈2.17次/月"));
    assert!(block[2].contains("市中区") && block[2].contains("2次/月") && !block[2].ends_with('*'));
    assert!(
        block[3].contains("兖州区") && block[3].ends_with("1次/月 *"),
        "{}",
        block[3]
    );
}

#[test]
fn doc_filter_and_unknown_doc() {
    guize()
        .args(["numbers", "--doc", "历下", "--doc", "shizhong", "篇幅"])
        .assert()
        .success()
        .stdout(predicate::str::contains("历下区").and(predicate::str::contains("兖州区").not()));
    guize()
        .args(["numbers", "--doc", "nowhere"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("nowhere").and(predicate::str::contains("lixia")));
}

#[test]
fn json_has_the_documented_shape() {
    let out = guize().args(["numbers", "--json"]).output().expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let ps = v["provisions"].as_array().expect("provisions");
    assert!(ps.len() >= 50, "{} figures", ps.len());
    for p in ps {
        for key in [
            "doc",
            "article",
            "group",
            "subject",
            "value",
            "unit",
            "per",
            "qualifier",
            "text",
        ] {
            assert!(p.get(key).is_some(), "{key} missing in {p}");
        }
    }
    let lixia39 = ps
        .iter()
        .find(|p| p["doc"] == "lixia" && p["article"] == 39)
        .expect("lixia 39");
    assert_eq!(lixia39["value"], 1);
    assert_eq!(lixia39["unit"], "次");
    assert_eq!(lixia39["per"], "两周");
    assert_eq!(lixia39["qualifier"], "一般");
    assert_eq!(lixia39["text"], "一般每两周召开1次");
}

#[test]
fn no_match_says_so() {
    guize()
        .args(["numbers", "不存在的事项"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no figures match"));
}

/// `--differs` over one document: nothing can differ, said as that on stderr (not "no figures
/// match"), exit 0 as for other empty results; JSON stays JSON.
#[test]
fn differs_with_one_document_says_nothing_can_differ() {
    guize()
        .args(["numbers", "--doc", "lixia", "--differs"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no figures match").not())
        .stderr(
            predicate::str::contains("with one document nothing can differ")
                .and(predicate::str::contains("name two or more with --doc")),
        );
    let out = guize()
        .args(["numbers", "--doc", "lixia", "--differs", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["provisions"].as_array().map(Vec::len), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing can differ"));
    // Two documents: no such note.
    guize()
        .args([
            "numbers",
            "--doc",
            "lixia",
            "--doc",
            "shizhong",
            "--differs",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing can differ").not());
}

/// A blank filter (an empty shell variable) is an error naming what a filter is, as in `search`,
/// never the whole table.
#[test]
fn a_blank_filter_is_an_error() {
    for blank in ["", "  ", "\u{3000}"] {
        guize()
            .args(["numbers", blank])
            .assert()
            .failure()
            .stderr(predicate::str::contains("the filter is blank"))
            .stdout(predicate::str::is_empty());
    }
}

#[test]
fn a_query_keeps_the_other_documents_beside_the_match() {
    guize().args(["numbers", "两周"]).assert().success().stdout(
        predicate::str::contains("一般每两周召开1次")
            .and(predicate::str::contains("原则上每月召开 2 次")),
    );
}

#[path = "shared/mod.rs"]
mod shared;

/// U14: on four 大气污染防治条例, a row lines up figures of one matter only. A row that spans
/// several clause groups holds a subject that every document states in one group; fines (罚款·金额, one per offence, in many groups of each
/// document) and figures without a topic never join across groups. Before, 宁波 33's yearly 无车日
/// and 广东 59's quarterly cleaning of fume filters shared a row, as did a start delay of three
/// months and a record kept three years (one starred as differing).
#[test]
fn figures_of_unrelated_groups_never_share_a_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lawrefbook = shared::path("corpora/lawrefbook/DLC");
    for (folder, name) in [
        (
            "浙江地方法规/地方性法规/浙江",
            "宁波市大气污染防治条例(2016-06-08).md",
        ),
        (
            "广东地方法规/地方性法规/广东",
            "广东省大气污染防治条例(2022-11-30).md",
        ),
        (
            "浙江地方法规/地方性法规/浙江",
            "浙江省大气污染防治条例(2020-11-27).md",
        ),
        (
            "浙江地方法规/地方性法规/浙江",
            "绍兴市大气污染防治条例(2016-10-19).md",
        ),
    ] {
        let from = lawrefbook.join(folder).join(name);
        std::fs::copy(&from, dir.path().join(name))
            .unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("guize")
            .expect("binary")
            .arg("--corpus")
            .arg(dir.path())
            .args(args)
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
    let v: serde_json::Value = serde_json::from_str(&run(&["numbers", "--json"])).expect("json");
    // Each figure's own clause group, and the groups in which each document states each subject.
    let mut group_of = std::collections::HashMap::new();
    let mut groups_of_subject: std::collections::HashMap<(String, String), Vec<String>> =
        Default::default();
    for p in v["provisions"].as_array().expect("provisions") {
        let text = |key: &str| p[key].as_str().unwrap_or_else(|| panic!("{key} in {p}"));
        let (doc, article) = (text("doc"), p["article"].to_string());
        let (group, subject) = (text("group").to_string(), text("subject").to_string());
        group_of.insert(
            (doc.to_string(), article, text("text").to_string()),
            group.clone(),
        );
        let seen = groups_of_subject
            .entry((subject, doc.to_string()))
            .or_default();
        if !seen.contains(&group) {
            seen.push(group);
        }
    }
    let csv = run(&["numbers", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (row, subject, doc, article, text) = (
        col("row"),
        col("subject"),
        col("doc"),
        col("article"),
        col("text"),
    );
    let mut rows: std::collections::BTreeMap<String, (String, Vec<String>)> = Default::default();
    for rec in reader.records() {
        let rec = rec.expect("record");
        let key = (
            rec[doc].to_string(),
            rec[article].to_string(),
            rec[text].to_string(),
        );
        let group = group_of
            .get(&key)
            .unwrap_or_else(|| panic!("{key:?}"))
            .clone();
        let entry = rows
            .entry(rec[row].to_string())
            // The subject without its " #2" (the second figure of a subject in a group).
            .or_insert_with(|| {
                (
                    rec[subject].split(' ').next().unwrap_or("").to_string(),
                    Vec::new(),
                )
            });
        if !entry.1.contains(&group) {
            entry.1.push(group);
        }
    }
    assert!(rows.len() >= 30, "{} rows", rows.len());
    let mut spanning = 0;
    for (n, (subject, groups)) in &rows {
        if groups.len() < 2 {
            continue;
        }
        spanning += 1;
        let scattered = groups_of_subject
            .iter()
            .any(|((s, _), gs)| s == subject && gs.len() > 1);
        assert!(
            !scattered,
            "row {n} joins {groups:?} on {subject}, stated in several groups"
        );
    }
    let table = run(&["numbers", "--differs"]);
    assert!(
        !table.contains("能源·车辆·推广 / 餐饮服务·油烟净化"),
        "{table}"
    );
    assert!(
        !table.contains("施工·建设·扬尘 / 挥发性·含量·工业"),
        "{table}"
    );
    eprintln!("{} rows, {spanning} spanning groups", rows.len());
}

/// X13: on four 文明行为促进条例 (东莞, 北京, 杭州, 郑州), each document sets one fine in its own
/// group, for different conduct (smoking, delivery companies, insulting a person who dissuades,
/// cycling through a red light). Before, the four shared one 罚款·金额 row and two were starred
/// as differing from a "majority" of 200元 that two unrelated fines happened to state.
#[test]
fn fines_for_different_offences_never_share_a_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lawrefbook = shared::path("corpora/lawrefbook/DLC");
    for (folder, name) in [
        (
            "广东地方法规/地方性法规/广东",
            "东莞市文明行为促进条例(2023-02-23).md",
        ),
        (
            "北京地方法规/地方性法规/北京",
            "北京市文明行为促进条例(2020-04-24).md",
        ),
        (
            "浙江地方法规/地方性法规/浙江",
            "杭州市文明行为促进条例(2021-06-04).md",
        ),
        (
            "河南地方法规/地方性法规/河南",
            "郑州市文明行为促进条例(2022-01-01).md",
        ),
    ] {
        let from = lawrefbook.join(folder).join(name);
        std::fs::copy(&from, dir.path().join(name))
            .unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
    let out = Command::cargo_bin("guize")
        .expect("binary")
        .arg("--corpus")
        .arg(dir.path())
        .args(["numbers", "--format", "csv"])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (label, subject, differs) = (col("group_label"), col("subject"), col("differs"));
    let mut fines = 0;
    for rec in reader.records() {
        let rec = rec.expect("record");
        assert!(
            !rec[subject].starts_with("通信联络"),
            "a traffic fine named 通信联络: {rec:?}"
        );
        if !rec[subject].starts_with("罚款") {
            continue;
        }
        fines += 1;
        assert!(
            !rec[label].contains(" / "),
            "a fine row spans groups: {rec:?}"
        );
        assert_eq!(&rec[differs], "false", "{rec:?}");
    }
    assert!(fines >= 4, "{fines} fines");
}

/// `numbers --json` lists every figure extracted, as the bench counts them (62 on the five):
/// 市中 第三十一条 states 每年 twice (the district government reports yearly, and so do its
/// streets and departments), the table prints the second as the first, and the JSON listed 61.
#[test]
fn the_json_lists_every_figure_extracted() {
    let out = guize().args(["numbers", "--json"]).output().expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let ps = v["provisions"].as_array().expect("provisions");
    let corpus =
        guize::corpus::Corpus::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"))
            .expect("corpus");
    let extracted: usize = corpus
        .docs
        .iter()
        .map(|d| guize::numbers::extract_regulation(d).len())
        .sum();
    assert_eq!(ps.len(), extracted);
    // 62 until a duration before what it qualifies (保持24小时通信畅通, huancui 78; 确保24小时能
    // 随时取得联系, zhoucun 77) was no time limit.
    assert_eq!(extracted, 60, "pinned as benches/numbers.rs pins it");
    let yearly = ps
        .iter()
        .filter(|p| p["doc"] == "shizhong" && p["article"] == 31)
        .count();
    assert_eq!(yearly, 2);
}

/// A row whose figure one document alone states names no document as 未规定 (a lone figure is
/// compared with nothing); a note under the table counts such rows, so a reader does not take
/// the missing line for an oversight. On the five: some rows of one figure, each without a
/// 未规定 line, and the note's count is their number (review30 #12: it counted only those whose
/// matter other documents regulate).
#[test]
fn rows_of_one_figure_are_counted_under_the_table() {
    let out = guize().arg("numbers").output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let blocks: Vec<&str> = text.trim_end().split("\n\n").collect();
    let (note, rows) = blocks.split_last().expect("a table");
    let lone: Vec<&&str> = rows
        .iter()
        .filter(|b| b.lines().filter(|l| l.starts_with("  ")).count() == 1)
        .collect();
    assert!(!lone.is_empty(), "{text}");
    for row in &lone {
        assert!(!row.contains("未规定"), "{row}");
    }
    assert!(
        rows.iter().any(|b| b.contains("  未规定：")),
        "rows stated by several documents still name the silent ones"
    );
    let counted: usize = note
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in the note: {note}"));
    assert_eq!(counted, lone.len(), "{note}");
    assert!(
        note.contains("one document's figure only") && note.contains("no 未规定"),
        "{note}"
    );
}

/// The terminal table of `guize numbers` on lawrefbook files copied into a fresh folder, its
/// rows as blocks of lines.
fn rows_of(files: &[(&str, &str)]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    shared::copy_dlc(dir.path(), files);
    let out = Command::cargo_bin("guize")
        .expect("binary")
        .arg("--corpus")
        .arg(dir.path())
        .arg("numbers")
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .split("\n\n")
        .map(str::to_string)
        .collect()
}

/// Lengths of differently named leaves are different quantities: 上海 31's 男方…陪产假十天 shared
/// one row with 河南 27's 增加产假三个月 and 浙江 22's 延长产假九十天 and was starred as the odd
/// one. A time limit set on a person (浙江 37: the person reports within 二日) and one set on a
/// body (重庆 36: the township forwards the file within 三个工作日) are limits of different
/// duties, and were "no majority" in one row. 济南 13's 建成三十年以上、不满五十年 is one range.
#[test]
fn unlike_quantities_and_actors_never_share_a_row() {
    let jh = rows_of(&FAMILY_PLANNING);
    let paternity = jh
        .iter()
        .find(|b| {
            b.lines().any(|l| {
                l.contains("上海市人口与计划生育条例  第三十一条 ") && l.contains("  十天")
            })
        })
        .expect("上海's 10-day leave has a row");
    assert!(
        !paternity.contains("三个月") && !paternity.contains("九十天") && !paternity.contains('*'),
        "{paternity}"
    );
    let jd = rows_of(&[
        ("上海地方法规/地方性法规/上海", "上海市禁毒条例.md"),
        (
            "山东地方法规/地方性法规/山东",
            "山东省禁毒条例(2017-12-01).md",
        ),
        ("浙江地方法规/地方性法规/浙江", "浙江省禁毒条例.md"),
        (
            "重庆地方法规/地方性法规/重庆",
            "重庆市禁毒条例(2012-11-29).md",
        ),
    ]);
    let reports = jd
        .iter()
        .filter(|b| has_line(b, &["浙江省禁毒条例  第三十七条 ", " 二日内"]))
        .collect::<Vec<_>>();
    assert!(!reports.is_empty(), "浙江 37's 二日内 has a row");
    for b in reports {
        assert!(!b.contains("重庆市禁毒条例"), "{b}");
    }
    let mc = rows_of(&[(
        "山东地方法规/地方性法规/山东",
        "济南市历史文化名城保护条例(2020-09-25).md",
    )]);
    assert!(
        mc.iter()
            .any(|b| b.contains("三十年以上、不满五十年") && b.contains("30—50年")),
        "{mc:#?}"
    );
}

/// Whether one line of a row's block names all of `parts` (a document, an article, a figure as
/// written): the columns are padded, so the parts are found one by one.
fn has_line(block: &str, parts: &[&str]) -> bool {
    block.lines().any(|l| parts.iter().all(|p| l.contains(p)))
}

/// The four 人口与计划生育条例 of lawrefbook (上海, 北京, 河南, 浙江), the "2021" files.
const FAMILY_PLANNING: [(&str, &str); 4] = [
    (
        "上海地方法规/地方性法规/上海",
        "上海市人口与计划生育条例(2021-11-25).md",
    ),
    (
        "北京地方法规/地方性法规/北京",
        "北京市人口与计划生育条例(2021-11-26).md",
    ),
    (
        "河南地方法规/地方性法规/河南",
        "河南省人口与计划生育条例(2021-11-27).md",
    ),
    (
        "浙江地方法规/地方性法规/浙江",
        "浙江省人口与计划生育条例(2021-11-25).md",
    ),
];

/// Like with like across articles and offences. 北京 18 (陪产假十五天) is an article the alignment
/// left alone: its figure fills 北京's cell, marked †, in the row of 上海 31's 陪产假十天, which
/// named 北京 未规定; 浙江 26's 十四周岁 likewise joins the 奖励费 age row of 北京 19 and 河南 31
/// (where 浙江 was 未规定), and the row's name carries no stray 》. 河南 27's 再增加婚假七日 (an
/// extra for a premarital check) no longer agrees with the others' 7-day marriage leave, and its
/// 护理假一个月 is read and set beside 浙江 22's 十五天护理假. On four 历史文化名城保护条例 济南
/// 56's 个人 fine sits with 洛阳 45's, the article whose 单位 fine its 单位 fine sits with (agreeing
/// at 10—20万), not with 洛阳 44's (a false "no majority"). On four 物业管理条例 温州 43's
/// 百分之五 (the size of a reserve) is no longer compared with 湖州 47's 百分之十 (the cap on one
/// use).
#[test]
fn like_figures_join_across_lone_articles_and_offences() {
    let jh = rows_of(&FAMILY_PLANNING);
    let paternity = jh
        .iter()
        .find(|b| has_line(b, &["北京市人口与计划生育条例", "第十八条", "十五天"]))
        .unwrap_or_else(|| panic!("北京 18's 陪产假 is shown: {jh:#?}"));
    assert!(
        has_line(
            paternity,
            &["上海市人口与计划生育条例", "第三十一条", "十天"]
        ) && has_line(paternity, &["北京市", "十五天", "†"])
            && !paternity.contains("未规定：北京"),
        "{paternity}"
    );
    for b in jh
        .iter()
        .filter(|b| has_line(b, &["河南省人口与计划生育条例", "第二十七条", "七日"]))
    {
        assert!(!has_line(b, &["上海市", "第三十一条", "七天"]), "{b}");
    }
    let nursing = jh
        .iter()
        .find(|b| has_line(b, &["河南省人口与计划生育条例", "第二十七条", "一个月"]))
        .unwrap_or_else(|| panic!("河南 27's 护理假一个月 is read: {jh:#?}"));
    assert!(
        has_line(
            nursing,
            &["浙江省人口与计划生育条例", "第二十二条", "十五天"]
        ),
        "{nursing}"
    );
    let age = jh
        .iter()
        .find(|b| has_line(b, &["浙江省人口与计划生育条例", "第二十六条", "十四周岁"]))
        .unwrap_or_else(|| panic!("浙江 26's age limit is shown: {jh:#?}"));
    assert!(
        has_line(age, &["北京市", "第十九条", "十八周岁"])
            && has_line(age, &["河南省", "第三十一条", "十八周岁"])
            && !age.contains('》')
            && !age.contains("未规定"),
        "{age}"
    );
    let mc = rows_of(&[
        (
            "北京地方法规/地方性法规/北京",
            "北京历史文化名城保护条例(2005-03-25).md",
        ),
        (
            "河南地方法规/地方性法规/河南",
            "河南省历史文化名城保护条例(2010-07-30).md",
        ),
        (
            "河南地方法规/地方性法规/河南",
            "洛阳市历史文化名城保护条例(2020-12-22).md",
        ),
        (
            "山东地方法规/地方性法规/山东",
            "济南市历史文化名城保护条例(2020-09-25).md",
        ),
    ]);
    let person = mc
        .iter()
        .find(|b| has_line(b, &["济南市", "第五十六条", "十万元以上二十万元以下"]))
        .unwrap_or_else(|| panic!("济南 56's 个人 fine has a row: {mc:#?}"));
    assert!(
        has_line(person, &["洛阳市", "第四十五条", "十万元以上二十万元以下"])
            && !person.contains("no majority"),
        "{person}"
    );
    let wy = rows_of(&[
        (
            "北京地方法规/地方性法规/北京",
            "北京市物业管理条例(2024-03-29).md",
        ),
        (
            "浙江地方法规/地方性法规/浙江",
            "宁波市住宅小区物业管理条例(2021-10-15).md",
        ),
        (
            "浙江地方法规/地方性法规/浙江",
            "温州市物业管理条例(2017-04-06).md",
        ),
        (
            "浙江地方法规/地方性法规/浙江",
            "湖州市物业管理条例(2021-04-06).md",
        ),
    ]);
    let reserve = wy
        .iter()
        .find(|b| has_line(b, &["温州市物业管理条例", "第四十三条", "百分之五"]))
        .unwrap_or_else(|| panic!("温州 43's reserve has a row: {wy:#?}"));
    assert!(!reserve.contains("湖州市物业管理条例"), "{reserve}");
}

/// `guize numbers` on the lawrefbook files `sources` (paths under the lawrefbook folder) copied
/// into a fresh folder: the terminal table's rows as blocks of lines, the number of figures
/// `numbers --json` lists, and the number the folder's documents state.
fn table_and_counts(sources: &[&str]) -> (Vec<String>, usize, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    shared::copy_named(dir.path(), sources);
    let run = |json: bool| {
        let mut cmd = Command::cargo_bin("guize").expect("binary");
        cmd.arg("--corpus")
            .arg(dir.path())
            .arg("numbers")
            .env("NO_COLOR", "1")
            .env_remove("GUIZE_CORPUS");
        if json {
            cmd.arg("--json");
        }
        let out = cmd.output().expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let blocks = run(false).split("\n\n").map(str::to_string).collect();
    let v: serde_json::Value = serde_json::from_str(&run(true)).expect("json");
    let listed = v["provisions"].as_array().expect("provisions").len();
    let corpus = guize::corpus::Corpus::load(dir.path()).expect("corpus");
    let extracted = corpus
        .docs
        .iter()
        .map(|d| guize::numbers::extract_regulation(d).len())
        .sum();
    (blocks, listed, extracted)
}

/// The figure lines of a row's block (a document, an article, a figure), not its notes.
fn figure_lines(block: &str) -> Vec<&str> {
    block
        .lines()
        .filter(|l| {
            l.starts_with("  ")
                && l.contains('条')
                && !l.trim_start().starts_with("未规定")
                && !l.trim_start().starts_with('†')
        })
        .collect()
}

/// Lone figures leave their rows by one set of rules, whichever reader chose the row (a second
/// paragraph's figure, a linked group's, a lone article's †): on four families of lawrefbook no
/// figure is lost or shown twice by a move (every figure extracted is listed), and a figure of
/// an article aligned with no other document's (†) is only ever shown beside another
/// document's figure. On the four 人口与计划生育条例 北京 18's 陪产假 and 浙江 26's 十四周岁 are
/// such figures.
#[test]
fn lone_figures_move_by_one_set_of_rules() {
    let jh: Vec<String> = FAMILY_PLANNING
        .iter()
        .map(|(folder, name)| format!("DLC/{folder}/{name}"))
        .collect();
    let families: [Vec<&str>; 4] = [
        jh.iter().map(String::as_str).collect(),
        vec![
            "DLC/北京地方法规/地方性法规/北京/北京历史文化名城保护条例(2005-03-25).md",
            "DLC/河南地方法规/地方性法规/河南/河南省历史文化名城保护条例(2010-07-30).md",
            "DLC/河南地方法规/地方性法规/河南/洛阳市历史文化名城保护条例(2020-12-22).md",
            "DLC/山东地方法规/地方性法规/山东/济南市历史文化名城保护条例(2020-09-25).md",
        ],
        BUSINESS.to_vec(),
        shared::FUNERALS.to_vec(),
    ];
    for (n, sources) in families.iter().enumerate() {
        let (blocks, listed, extracted) = table_and_counts(sources);
        assert_eq!(listed, extracted, "family {n}: every figure is listed");
        for b in blocks.iter().filter(|b| b.contains('†')) {
            assert!(figure_lines(b).len() >= 2, "family {n}: {b}");
        }
        if n == 0 {
            let marked = blocks
                .iter()
                .flat_map(|b| figure_lines(b))
                .filter(|l| l.contains('†'))
                .count();
            assert!(marked >= 2, "{blocks:#?}");
        }
    }
}

/// The four 优化营商环境条例 of lawrefbook a fresh-eyes pass read (上海 2024, 北京 2024, 山东,
/// 河南), as paths for [`shared::copy_named`].
const BUSINESS: [&str; 4] = [
    "DLC/上海地方法规/地方性法规/上海/上海市优化营商环境条例(2024-09-27).md",
    "DLC/北京地方法规/地方性法规/北京/北京市优化营商环境条例(2024-11-29).md",
    "DLC/山东地方法规/地方性法规/山东/山东省优化营商环境条例(2020-09-25).md",
    "DLC/河南地方法规/地方性法规/河南/河南省优化营商环境条例(2020-11-28).md",
];

/// A figure and the cap after it are one quantity: 河南 44's 一个工作日，最多不超过三个工作日 sits
/// beside 北京 49's 不超过一个工作日, agreeing (its cap was set against 北京's day, "no
/// majority", and its day stood in a row of its own). A failure to act within a limit is a case
/// whether or not it is written with 的: 上海 24's 丧事承办人自遗体运至殡仪馆之日起十五日内不办理火化
/// 手续，…殡仪馆应当… and 郑州 14's 丧事承办人在七日内未办理火化手续的，殡仪馆应当… are one row (15
/// against 7 days), not two rows of one figure each.
#[test]
fn a_cap_and_a_case_without_de_keep_like_with_like() {
    let (ys, _, _) = table_and_counts(&BUSINESS);
    let day = ys
        .iter()
        .find(|b| {
            has_line(
                b,
                &["河南省", "第四十四条", "一个工作日，最多不超过三个工作日"],
            )
        })
        .unwrap_or_else(|| panic!("河南 44's day and cap are one figure: {ys:#?}"));
    assert!(
        has_line(day, &["北京市", "第四十九条", "一个工作日"]) && !day.contains("no majority"),
        "{day}"
    );
    // The day never stands alone; its cap, now a figure of its own (at most three working days),
    // may.
    assert!(
        !ys.iter()
            .any(|b| has_line(b, &["河南省", "第四十四条", "一个工作日，"])
                && figure_lines(b).len() == 1),
        "{ys:#?}"
    );
    let (bz, _, _) = table_and_counts(&shared::FUNERALS);
    for b in bz
        .iter()
        .filter(|b| has_line(b, &["上海市", "第二十四条", "十五日内"]))
    {
        assert!(has_line(b, &["郑州市", "第十四条", "七日内"]), "{b}");
    }
    for b in bz
        .iter()
        .filter(|b| has_line(b, &["郑州市", "第十四条", "七日内"]))
    {
        assert!(has_line(b, &["上海市", "第二十四条", "十五日内"]), "{b}");
    }
}

/// The seven 旅游条例 of lawrefbook (上海, 山东, 彭水, 杭州, 河南, 洛阳, 浙江).
const TOURISM: [(&str, &str); 7] = [
    (
        "上海地方法规/地方性法规/上海",
        "上海市旅游条例(2020-05-14).md",
    ),
    (
        "山东地方法规/地方性法规/山东",
        "山东省旅游条例(2016-11-26).md",
    ),
    (
        "重庆地方法规/地方性法规/重庆",
        "彭水苗族土家族自治县旅游条例(2019-04-19).md",
    ),
    (
        "浙江地方法规/地方性法规/浙江",
        "杭州市旅游条例(2016-12-27).md",
    ),
    (
        "河南地方法规/地方性法规/河南",
        "河南省旅游条例(2007-03-30).md",
    ),
    ("河南地方法规/地方性法规/河南", "洛阳市旅游条例.md"),
    (
        "浙江地方法规/地方性法规/浙江",
        "浙江省旅游条例(2017-11-30).md",
    ),
];

/// A fine row holds one deed by one offender. On the seven 旅游条例 杭州 63 (导游 misleading
/// tourists into shopping) shared a row with 河南 97 ¶1 (导游 asking for tips: the cases share
/// the offender 导游 and nothing else) and with 浙江 42's fine on the 旅行社 (another offender),
/// "no majority". A time limit's case is read in its own sentence: 山东 57's second
/// 三个工作日内 (属于其他部门处理的事项，…移交有关部门) was read as stated for 决定不予受理, the case
/// of the sentence before it, and stood alone beside 上海 65's 五个工作日内 to 转交有关部门.
#[test]
fn a_fine_row_holds_one_deed_by_one_offender() {
    let ly = rows_of(&TOURISM);
    let guide = ly
        .iter()
        .find(|b| has_line(b, &["杭州市", "第六十三条", "二千元以上二万元以下"]))
        .unwrap_or_else(|| panic!("杭州 63's fine has a row: {ly:#?}"));
    assert!(
        !has_line(guide, &["河南省", "第九十七条", "三千元以上一万元以下"])
            && !has_line(guide, &["浙江省", "第四十二条"]),
        "{guide}"
    );
    // 浙江 42's fine on the 旅行社 is in no row with a fine on a 导游.
    let agency = ly
        .iter()
        .find(|b| has_line(b, &["浙江省", "第四十二条", "五千元以上五万元以下"]))
        .unwrap_or_else(|| panic!("浙江 42's fine has a row: {ly:#?}"));
    assert!(
        !has_line(agency, &["杭州市", "第六十三条"])
            && !has_line(agency, &["河南省", "第九十七条"]),
        "{agency}"
    );
    let four: Vec<(&str, &str)> = TOURISM
        .iter()
        .copied()
        .filter(|(_, name)| {
            ["上海市", "山东省", "杭州市", "浙江省"]
                .iter()
                .any(|d| name.starts_with(d))
        })
        .collect();
    let ly = rows_of(&four);
    let transfer = ly
        .iter()
        .find(|b| has_line(b, &["上海市", "第六十五条", "五个工作日内"]))
        .unwrap_or_else(|| panic!("上海 65's transfer limit has a row: {ly:#?}"));
    assert!(
        has_line(transfer, &["山东省", "第五十七条", "三个工作日内"]),
        "{transfer}"
    );
    // 山东 57's first 三个工作日内 (whether to accept) is still listed.
    assert!(
        ly.iter()
            .filter(|b| has_line(b, &["山东省", "第五十七条", "三个工作日内"]))
            .count()
            == 2,
        "{ly:#?}"
    );
}

/// The four 安全生产条例 of lawrefbook (上海 2018, 山东 2021, 浙江 2016, 重庆 2015).
const WORK_SAFETY: [&str; 4] = [
    "DLC/上海地方法规/地方性法规/上海/上海市安全生产条例(2018-05-24).md",
    "DLC/山东地方法规/地方性法规/山东/山东省安全生产条例(2021-12-03).md",
    "DLC/浙江地方法规/地方性法规/浙江/浙江省安全生产条例(2016-07-29).md",
    "DLC/重庆地方法规/地方性法规/重庆/重庆市安全生产条例(2015-12-08).md",
];

/// The four 献血条例 of lawrefbook (临沂, 北京, 宁波, 泰安).
const BLOOD: [&str; 4] = [
    "DLC/山东地方法规/地方性法规/山东/临沂市献血条例(2019-02-12).md",
    "DLC/北京地方法规/地方性法规/北京/北京市献血条例(2021-11-26).md",
    "DLC/浙江地方法规/地方性法规/浙江/宁波市献血条例(2020-06-05).md",
    "DLC/山东地方法规/地方性法规/山东/泰安市献血条例(2021-07-31).md",
];

/// A row holds one quantity under one condition. The staff 上海 20 says to appoint (至少配备一名
/// 专职安全生产管理人员) never sits beside the workforce 山东 21 sets a 安全总监 from (从业人员一百人
/// 以上的): they count different persons. A staff count said for one workforce band never sits
/// beside one said for another: 上海 20's 十五名 (五千人以上的) was set against 浙江 11's 两名
/// (五十人以上不足一百人的), and 上海's 三名 (三百人以上的) shown agreeing with 浙江's 三名
/// (一百人以上不足三百人的). The two sides of one threshold go together: 宁波 25's 不足四百毫升 (the
/// donation below which free use of blood is limited) stood in a row of its own while its
/// 四百毫升以上 sat beside 临沂 34's and 泰安 19's 一千毫升以上; it now sits beside their 不满一千毫升,
/// marked as differing. 北京 16's and 泰安 17's ceiling (一般为二百毫升，最多不超过四百毫升) was read
/// nowhere; it sits beside 临沂 19's 四百毫升.
#[test]
fn a_row_holds_one_quantity_under_one_condition() {
    let (aq, _, _) = table_and_counts(&WORK_SAFETY);
    let staff: Vec<&String> = aq
        .iter()
        .filter(|b| has_line(b, &["上海市", "第二十条", "至少配备"]))
        .collect();
    assert!(!staff.is_empty(), "{aq:#?}");
    for b in &staff {
        assert!(!has_line(b, &["山东省", "第二十一条"]), "{b}");
        assert!(!has_line(b, &["浙江省", "第十一条", "三名以上"]), "{b}");
    }
    let fifteen = aq
        .iter()
        .find(|b| has_line(b, &["上海市", "第二十条", "至少配备十五名"]))
        .unwrap_or_else(|| panic!("上海 20's 十五名: {aq:#?}"));
    assert_eq!(figure_lines(fifteen).len(), 1, "{fifteen}");
    let (xx, _, _) = table_and_counts(&BLOOD);
    let below = xx
        .iter()
        .find(|b| has_line(b, &["宁波市", "第二十五条", "不足四百毫升"]))
        .unwrap_or_else(|| panic!("宁波 25's 不足四百毫升: {xx:#?}"));
    assert!(
        has_line(below, &["临沂市", "第三十四条", "不满一千毫升"])
            && has_line(below, &["泰安市", "第十九条", "不满一千毫升"]),
        "{below}"
    );
    assert!(
        below
            .lines()
            .any(|l| l.contains("不足四百毫升") && l.trim_end().ends_with('*')),
        "{below}"
    );
    // The ceiling of 一般为二百毫升，最多不超过四百毫升 is a figure of its own, beside 临沂 19's
    // largest choice (二百毫升、三百毫升或者四百毫升).
    let cap = xx
        .iter()
        .find(|b| has_line(b, &["北京市", "第十六条", "≤400毫升"]))
        .unwrap_or_else(|| panic!("北京 16's ceiling: {xx:#?}"));
    assert!(
        has_line(cap, &["泰安市", "第十七条", "≤400毫升"])
            && has_line(cap, &["临沂市", "第十九条", "四百毫升"]),
        "{cap}"
    );
}

/// The four 法律援助条例 of lawrefbook a fresh-eyes pass read (北京, 山东, 河南, 浙江).
const LEGAL_AID: [&str; 4] = [
    "DLC/北京地方法规/地方性法规/北京/北京市法律援助条例.md",
    "DLC/山东地方法规/地方性法规/山东/山东省法律援助条例(2015-04-01).md",
    "DLC/河南地方法规/地方性法规/河南/河南省法律援助条例(2010-07-30).md",
    "DLC/浙江地方法规/地方性法规/浙江/浙江省法律援助条例(2016-09-29).md",
];

/// A suspension's span is compared with the same suspension's only: 北京 36's and 浙江 27's
/// 停业整顿 of a firm (1—3个月) never share a row with 北京 37's, 河南 45's and 浙江 27's 停止执业
/// of a lawyer, and 河南, whose 停止执业 is in that row, is not called 未规定 there. A count
/// that opens its clause (两个以上法律援助机构都可以受理) is named by what it counts, so the two
/// rows of 两个以上 each article states are told apart.
#[test]
fn a_suspension_is_compared_with_the_same_suspension() {
    let (aid, listed, extracted) = table_and_counts(&LEGAL_AID);
    assert_eq!(listed, extracted);
    let firm = aid
        .iter()
        .find(|b| has_line(b, &["北京市", "第三十六条", "1个月以上3个月以下"]))
        .unwrap_or_else(|| panic!("北京 36's 停业整顿: {aid:#?}"));
    assert!(firm.contains("停业整顿"), "{firm}");
    assert!(!has_line(firm, &["北京市", "第三十七条"]), "{firm}");
    assert!(!firm.contains("河南省法律援助条例  第四十五条"), "{firm}");
    let lawyer = aid
        .iter()
        .find(|b| has_line(b, &["北京市", "第三十七条", "1个月以上3个月以下"]))
        .unwrap_or_else(|| panic!("北京 37's 停止执业: {aid:#?}"));
    assert!(lawyer.contains("停止执业"), "{lawyer}");
    assert!(
        has_line(lawyer, &["河南省", "第四十五条", "一个月以上三个月以下"])
            && !lawyer.contains("未规定"),
        "{lawyer}"
    );
    let heads: Vec<&str> = aid
        .iter()
        .filter(|b| has_line(b, &["河南省", "第二十八条", "两个以上"]))
        .filter_map(|b| b.lines().next())
        .collect();
    assert_eq!(heads.len(), 2, "{aid:#?}");
    assert_ne!(
        heads[0].split("  [").next(),
        heads[1].split("  [").next(),
        "{heads:?}"
    );
}

/// The four 湿地保护条例 of lawrefbook a fresh-eyes pass read (东营, 北京, 广东, 洛阳).
const WETLANDS: [&str; 4] = [
    "DLC/山东地方法规/地方性法规/山东/东营市湿地保护条例(2020-10-10).md",
    "DLC/北京地方法规/地方性法规/北京/北京市湿地保护条例(2019-07-26).md",
    "DLC/广东地方法规/地方性法规/广东/广东省湿地保护条例(2022-11-30).md",
    "DLC/河南地方法规/地方性法规/河南/洛阳市湿地保护条例(2021-11-01).md",
];

/// An aggravated tier (情节严重的, 造成严重后果的) is the higher fine of the offence it follows:
/// 东营 45's third item fines 破坏野生动物栖息地 一千元以上五千元以下, 情节严重 五千元以上二万元以下;
/// 洛阳 36's second item fines damaging the wetland's facilities, 造成严重后果 二千元以上二万元以下.
/// The two tiers, of unlike offences, never share a row (they did, with 北京 43's 5万元以上50万元以下,
/// paired by their tiers' words alone). A figure of one item of a list article is cited by its item
/// (第四十五条第三项), where the bare article named eight offences' fines.
#[test]
fn an_aggravated_tier_is_compared_only_for_the_same_offence() {
    let (wet, _, _) = table_and_counts(&WETLANDS);
    let tier = wet
        .iter()
        .find(|b| has_line(b, &["东营市", "五千元以上二万元以下"]) && !has_line(b, &["第四十四条"]))
        .unwrap_or_else(|| panic!("东营 45's 情节严重: {wet:#?}"));
    assert!(
        has_line(
            tier,
            &["东营市", "第四十五条第三项", "五千元以上二万元以下"]
        ),
        "{tier}"
    );
    assert!(
        !tier.contains("洛阳市") && !tier.contains("北京市"),
        "{tier}"
    );
    let base = wet
        .iter()
        .find(|b| has_line(b, &["东营市", "第四十五条第三项", "一千元以上五千元以下"]))
        .unwrap_or_else(|| panic!("东营 45 (三)'s base fine: {wet:#?}"));
    assert!(!base.contains("洛阳市"), "{base}");
    // Each item's figure names its item, the fourth's two fines their own.
    for item in ["第一项", "第二项", "第四项", "第五项", "第七项"] {
        assert!(
            wet.iter()
                .any(|b| has_line(b, &["东营市", &format!("第四十五条{item}")])),
            "{item}: {wet:#?}"
        );
    }
    // A figure of a paragraph that is no item keeps its article's label alone.
    assert!(
        wet.iter().any(|b| b.lines().any(|l| l.contains("北京市")
            && l.contains("第四十三条 ")
            && l.contains("5万元以上50万元以下"))),
        "{wet:#?}"
    );
}

/// The staffing tables of 上海 20 (高危行业, 较大危险行业, and 前两款规定以外的其他生产经营单位)
/// and 浙江 11 (the listed dangerous trades, then 前款规定以外的其他生产经营单位) set counts of
/// safety staff per sector: a count for the other organisations never shares a row with one for
/// named trades. 浙江 11's 两名以上 for the others of 三百人以上 sits beside 上海 20's 至少配备一名
/// for the others (it sat beside 上海's 至少配备三名 of the 高危 trades), and 山东 19's 一百人以下
/// of the others no longer beside 上海 20's 三百人以下 of the 高危 trades.
#[test]
fn counts_for_different_sectors_never_share_a_row() {
    let (aq, _, _) = table_and_counts(&WORK_SAFETY);
    let others = aq
        .iter()
        .find(|b| has_line(b, &["浙江省", "第十一条 ", "两名以上"]))
        .unwrap_or_else(|| panic!("浙江 11's 两名以上: {aq:#?}"));
    assert!(
        has_line(others, &["上海市", "第二十条", "至少配备一名"]),
        "{others}"
    );
    assert!(!has_line(others, &["上海市", "至少配备三名"]), "{others}");
    assert!(!has_line(others, &["上海市", "至少配备两名"]), "{others}");
    for b in aq
        .iter()
        .filter(|b| has_line(b, &["山东省", "第十九条", "一百人以下"]))
    {
        assert!(!has_line(b, &["上海市", "第二十条", "三百人以下"]), "{b}");
    }
    // 浙江 11's items are read as the dangerous trades its list opens with.
    let lowest = aq
        .iter()
        .find(|b| has_line(b, &["浙江省", "第十一条第四项", "不足五十人"]))
        .unwrap_or_else(|| panic!("浙江 11 (四): {aq:#?}"));
    assert!(!lowest.contains("山东省"), "{lowest}");
}
