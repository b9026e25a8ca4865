//! Figures across real regulations of lawrefbook, as a reader of the tables and diffs checks
//! them: five 供热条例 and four 大气污染防治条例, each case a reported fault.

#[path = "shared/mod.rs"]
mod shared;

use assert_cmd::Command;
use std::path::Path;

const HEATING: &[(&str, &str)] = &[
    (
        "山东地方法规/地方性法规/山东",
        "山东省供热条例(2021-12-03).md",
    ),
    (
        "山东地方法规/地方性法规/山东",
        "泰安市供热条例(2020-11-27).md",
    ),
    (
        "河南地方法规/地方性法规/河南",
        "洛阳市集中供热条例(2018-10-22).md",
    ),
    (
        "山东地方法规/地方性法规/山东",
        "潍坊市供热条例(2021-01-28).md",
    ),
    (
        "山东地方法规/地方性法规/山东",
        "青岛市供热条例(2017-12-01).md",
    ),
];

const AIR: &[(&str, &str)] = &[
    (
        "浙江地方法规/地方性法规/浙江",
        "浙江省大气污染防治条例(2020-11-27).md",
    ),
    (
        "河南地方法规/地方性法规/河南",
        "郑州市大气污染防治条例(2020-08-05).md",
    ),
    (
        "浙江地方法规/地方性法规/浙江",
        "宁波市大气污染防治条例(2016-06-08).md",
    ),
    (
        "广东地方法规/地方性法规/广东",
        "广东省大气污染防治条例(2022-11-30).md",
    ),
];

/// The eleven 烟花爆竹 regulations of 山东 in lawrefbook (review29's `c-fw`).
const FIREWORKS: &[&str] = &[
    "临沂市烟花爆竹燃放管理条例(2020-01-15).md",
    "德州市烟花爆竹燃放管理条例(2020-10-26).md",
    "泰安市烟花爆竹燃放管理条例(2018-12-04).md",
    "济南市禁止燃放烟花爆竹的规定(2019-02-12).md",
    "济宁市烟花爆竹燃放管理条例(2020-07-25).md",
    "淄博市禁止燃放烟花爆竹规定(2021-01-29).md",
    "潍坊市燃放烟花爆竹管理条例(2020-01-15).md",
    "烟台市燃放烟花爆竹管理条例(2021-12-08).md",
    "聊城市禁止燃放烟花爆竹条例(2018-12-04).md",
    "菏泽市烟花爆竹燃放管理条例(2019-10-17).md",
    "青岛市禁止燃放烟花爆竹规定(2019-09-27).md",
];

/// Three 物业管理条例 of 山东 (review29's `c-fam`, its property kind).
const PROPERTY: &[&str] = &[
    "淄博市物业管理条例(2021-10-08).md",
    "潍坊市物业管理条例(2022-01-21).md",
    "菏泽市物业管理条例(2022-01-21).md",
];

const SHANDONG: &str = "山东地方法规/地方性法规/山东";

fn shandong(names: &[&'static str]) -> Vec<(&'static str, &'static str)> {
    names.iter().map(|n| (SHANDONG, *n)).collect()
}

fn corpus(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    shared::copy_dlc(dir.path(), files);
    dir
}

/// Runs guize on `dir`; stdout and stderr.
fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let out = Command::cargo_bin("guize")
        .expect("binary")
        .arg("--corpus")
        .arg(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{args:?}: {stderr}");
    (String::from_utf8(out.stdout).expect("utf-8"), stderr)
}

/// A CSV of `numbers` as records keyed by column name.
fn records(csv_text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            headers
                .iter()
                .map(|h| h.trim_start_matches('\u{feff}').to_string())
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// X3: 泰安 34, 潍坊 37 and 青岛 51 each set the share of the heating fee refunded for a band
/// of room temperatures (16—18℃: 30%, 50%, 20%; 14—16℃: 50%, 50%). Each band is one row
/// across the documents, named for the refund; before, six one-document rows 其他·比例, #2…#6.
#[test]
fn refund_shares_line_up_by_temperature_band() {
    let dir = corpus(HEATING);
    let (csv, _) = run(dir.path(), &["numbers", "退还", "--format", "csv"]);
    let recs = records(&csv);
    let shares: Vec<_> = recs.iter().filter(|r| r["unit"] == "%").collect();
    assert!(shares.len() >= 6, "{csv}");
    for r in &shares {
        assert!(r["subject"].starts_with("退费·比例"), "{r:?}");
    }
    let row_of = |doc: &str, value: &str| -> String {
        shares
            .iter()
            .filter(|r| r["doc"].starts_with(doc) && r["value"] == value)
            .map(|r| r["row"].clone())
            .next()
            .unwrap_or_else(|| panic!("{doc} {value}%: {csv}"))
    };
    // 16—18℃.
    let band = row_of("泰安", "30");
    assert_eq!(row_of("潍坊", "50"), band, "{csv}");
    assert_eq!(row_of("青岛", "20"), band, "{csv}");
    // 14—16℃: 泰安 and 青岛 both refund half.
    let lower = row_of("青岛", "50");
    assert_ne!(lower, band);
    assert!(
        shares
            .iter()
            .any(|r| r["row"] == lower && r["doc"].starts_with("泰安") && r["value"] == "50"),
        "{csv}"
    );
    // <14℃: 青岛's 全额退还 is 泰安's 100%.
    assert_eq!(row_of("青岛", "100"), row_of("泰安", "100"), "{csv}");
    // Three bands, and at most one row more: 青岛 52 refunds the whole fee for days not heated
    // at all, a matter of its own.
    let mut rows: Vec<&str> = shares.iter().map(|r| r["row"].as_str()).collect();
    rows.sort_unstable();
    rows.dedup();
    assert!(rows.len() <= 4, "{rows:?}: {csv}");
}

/// X9: 郑州 56 lists nine fines, each for the breach of another article (违反本条例第二十二条…).
/// Each fine sits in its own article's clause group (Z9: a row labelled with the cited
/// article's group sent the reader to an article without the figure); and months and years are
/// not given to the hundredth of a day.
#[test]
fn each_fine_of_a_list_sits_with_the_article_it_cites() {
    let dir = corpus(AIR);
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    let fines: Vec<_> = recs
        .iter()
        .filter(|r| r["doc"].starts_with("郑州") && r["article"] == "56")
        .collect();
    assert!(fines.len() >= 6, "{csv}");
    let mut labels: Vec<&str> = fines.iter().map(|r| r["group_label"].as_str()).collect();
    labels.sort_unstable();
    labels.dedup();
    assert_eq!(labels.len(), 1, "{labels:?}");
    let (table, _) = run(dir.path(), &["numbers"]);
    for spurious in [".31天", ".75天", ".88天"] {
        assert!(!table.contains(spurious), "{spurious} in the table");
    }
    assert!(table.contains("≈91天"), "3个月 in whole days");
}

/// X18: a changed number is marked whole, in either script, and a Chinese numeral is never cut
/// by the word diff (十[-八-] / {+二+}十 before).
#[test]
fn versions_mark_whole_numbers() {
    let lawrefbook = shared::path("corpora/lawrefbook/DLC");
    let read = |folder: &str, name: &str| {
        std::fs::read_to_string(lawrefbook.join(folder).join(name)).expect("fixture")
    };
    let dir = tempfile::tempdir().expect("temp dir");
    for (old, new, edits) in [
        (
            read(HEATING[0].0, HEATING[0].1),
            "sd",
            [("不低于十八摄氏度", "不低于二十摄氏度")],
        ),
        (
            read(HEATING[4].0, HEATING[4].1),
            "qd",
            [("不得低于18℃", "不得低于20℃")],
        ),
    ] {
        let mut changed = old.clone();
        for (from, to) in edits {
            assert!(changed.contains(from), "{from}");
            changed = changed.replacen(from, to, 1);
        }
        let (a, b) = (
            dir.path().join(format!("{new}-old.md")),
            dir.path().join(format!("{new}-new.md")),
        );
        std::fs::write(&a, &old).expect("write");
        std::fs::write(&b, &changed).expect("write");
        let (out, _) = run(
            dir.path(),
            &[
                "versions",
                a.to_str().expect("path"),
                b.to_str().expect("path"),
                "--json",
                "--changed-only",
            ],
        );
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        let segments: Vec<(String, String, bool)> = v["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .flat_map(|r| r["segments"].as_array().cloned().unwrap_or_default())
            .filter(|s| s["op"] != "equal")
            .map(|s| {
                (
                    s["op"].as_str().unwrap_or_default().to_string(),
                    s["text"].as_str().unwrap_or_default().to_string(),
                    s["number"].as_bool().unwrap_or(false),
                )
            })
            .collect();
        let expected: &[(&str, &str)] = if new == "sd" {
            &[("delete", "十八"), ("insert", "二十")]
        } else {
            &[("delete", "18"), ("insert", "20")]
        };
        for (op, text) in expected {
            assert!(
                segments
                    .iter()
                    .any(|(o, t, n)| o == op && t.starts_with(text) && *n),
                "{op} {text} marked as a number: {segments:?}"
            );
        }
        assert!(
            segments
                .iter()
                .all(|(_, t, _)| t != "八" && t != "二" && t != "8" && t != "2"),
            "a numeral cut: {segments:?}"
        );
    }
}

/// X19: 洛阳 28 writes 18摄氏度 where 山东 21 writes 十八摄氏度: the same figure, so no change
/// (shown quietly, as １次 / 1次), while a different temperature is a changed number.
#[test]
fn one_figure_in_two_scripts_is_no_change() {
    let dir = corpus(HEATING);
    let (out, _) = run(dir.path(), &["compare", "山东:21", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let columns = v["columns"].as_array().expect("columns");
    let luoyang = columns
        .iter()
        .find(|c| c["doc"].as_str().is_some_and(|d| d.starts_with("洛阳")))
        .expect("洛阳 column");
    let changed: Vec<&serde_json::Value> = luoyang["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["op"] != "equal")
        .collect();
    let eighteen = |s: &&&serde_json::Value| {
        s["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("十八") || t.starts_with("18"))
    };
    for s in changed
        .iter()
        .filter(|s| s["number"].as_bool() == Some(true))
    {
        assert!(!eighteen(&s), "18 in two scripts flagged as a change: {s}");
    }
    // The base's 十八 against 洛阳's 18: a quiet difference of writing.
    let quiet: Vec<&&serde_json::Value> = changed
        .iter()
        .filter(eighteen)
        .filter(|s| s["punct"].as_bool() == Some(true))
        .collect();
    assert!(
        quiet.iter().any(|s| s["op"] == "delete") && quiet.iter().any(|s| s["op"] == "insert"),
        "{changed:?}"
    );
}

/// X20: two cities' 供热条例 pair article by article, but they are two regulations: `versions`
/// says so and points to `compare`.
#[test]
fn versions_of_two_regulations_warn() {
    let dir = corpus(HEATING);
    let (_, stderr) = run(dir.path(), &["versions", "山东", "泰安"]);
    assert!(
        stderr.contains("titles differ") && stderr.contains("guize compare"),
        "{stderr}"
    );
}

/// A figure whose text names none of the known topics (the room temperature of a heating
/// regulation, 不低于十八摄氏度) is named by its aspect alone (最低温度): 其他 names no matter, so
/// it never heads a subject (the heating family read 其他·最低温度, 其他·比例, 其他·时限).
#[test]
fn no_subject_is_headed_by_other() {
    let dir = corpus(HEATING);
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    assert!(!recs.is_empty(), "{csv}");
    for r in &recs {
        assert!(!r["subject"].starts_with("其他"), "{r:?}");
    }
    // The temperatures are there, by their aspect.
    assert!(
        recs.iter()
            .any(|r| r["subject"] == "最低温度" && r["unit"] == "℃"),
        "{csv}"
    );
}

/// The row of the CSV record of `doc`'s article `article` stating `text`.
fn row_of(
    recs: &[std::collections::HashMap<String, String>],
    doc: &str,
    article: &str,
    text: &str,
) -> String {
    recs.iter()
        .find(|r| r["doc"].starts_with(doc) && r["article"] == article && r["text"] == text)
        .map(|r| r["row"].clone())
        .unwrap_or_else(|| panic!("{doc} {article} {text} not in the table"))
}

/// The block of the terminal table holding `needles` (a row and its 未规定 line).
fn block<'a>(table: &'a str, needles: &[&str]) -> &'a str {
    // Columns are padded to the widest label (第四十五条第三项): runs of spaces are compared as one.
    let spaced = |t: &str| {
        t.split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    table
        .split("\n\n")
        .find(|b| {
            let b = spaced(b);
            needles.iter().all(|n| b.contains(&spaced(n)))
        })
        .unwrap_or_else(|| panic!("no row with {needles:?}: {table}"))
}

/// review29 #1 and #2: 淄博 21 fines burning in a prohibited area 一百元以上五百元以下 (违反本规定第八条、
/// 第九条) and in prohibited times 五百元 (违反第十条). Each fine sits beside the others' fines
/// for the same conduct, the articles cited being in one clause group (济南 13's area fine
/// cites 第五条至第七条, its 重污染天气 fine 第八条), and neither is starred; before, each sat in
/// the other's row and the area fine was starred. The group's partial members that fine that
/// conduct in the matching article (潍坊 14, 菏泽 15) are not listed as setting no figure.
#[test]
fn each_fine_sits_with_the_conduct_it_punishes() {
    let dir = corpus(&shandong(FIREWORKS));
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    let area = row_of(&recs, "淄博", "21", "一百元以上五百元以下");
    let time = row_of(&recs, "淄博", "21", "五百元");
    assert_ne!(area, time, "{csv}");
    assert_eq!(
        row_of(&recs, "济南", "13", "一百元以上五百元以下"),
        area,
        "{csv}"
    );
    assert_eq!(row_of(&recs, "济南", "13", "五百元"), time, "{csv}");
    assert_eq!(row_of(&recs, "聊城", "14", "五百元"), time, "{csv}");
    for r in recs
        .iter()
        .filter(|r| r["doc"].starts_with("淄博") && r["article"] == "21")
    {
        assert_eq!(r["differs"], "false", "{r:?}");
    }
    let (table, _) = run(dir.path(), &["numbers"]);
    let row = block(
        &table,
        &["淄博市禁止燃放烟花爆竹规定    第二十一条  一百元以上五百元以下"],
    );
    let silent = row
        .lines()
        .find(|l| l.contains("未规定"))
        .unwrap_or_default();
    assert!(
        !silent.contains("潍坊") && !silent.contains("菏泽"),
        "{row}"
    );
}

/// review29 #3: 淄博 23's 五个工作日内予以核实 (a check) is not set against 潍坊 30's and 菏泽 7's
/// 六十日内组建业主大会筹备组, and is not starred (its 三十日内组建 is); and 菏泽 11's 任期届满前三十日 (the point a case
/// is read at: …尚未召开…的，…应当组织换届) is not set against 淄博 35's and 潍坊 40's 九十日内.
#[test]
fn a_limit_is_set_only_against_limits_of_the_same_act() {
    let dir = corpus(&shandong(PROPERTY));
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    let sixty = row_of(&recs, "潍坊", "30", "六十日内");
    assert_eq!(row_of(&recs, "菏泽", "7", "六十日内"), sixty, "{csv}");
    assert_ne!(row_of(&recs, "淄博", "23", "五个工作日内"), sixty, "{csv}");
    // 淄博's counterpart of 六十日内组建 is its 三十日内组建, a real difference.
    assert_eq!(row_of(&recs, "淄博", "23", "三十日内"), sixty, "{csv}");
    for r in recs
        .iter()
        .filter(|r| r["doc"].starts_with("淄博") && r["text"] == "五个工作日内")
    {
        assert_eq!(r["differs"], "false", "{r:?}");
    }
    let ninety = row_of(&recs, "淄博", "35", "九十日内");
    assert_eq!(row_of(&recs, "潍坊", "40", "九十日内"), ninety, "{csv}");
    assert!(
        !recs
            .iter()
            .any(|r| r["row"] == ninety && r["doc"].starts_with("菏泽")),
        "{csv}"
    );
    // One subject for a figure everywhere: the JSON's is the CSV row's.
    let (json, _) = run(dir.path(), &["numbers", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let five = json["provisions"]
        .as_array()
        .expect("provisions")
        .iter()
        .find(|p| p["text"] == "五个工作日内")
        .expect("五个工作日内");
    let rec = recs
        .iter()
        .find(|r| r["doc"].starts_with("淄博") && r["text"] == "五个工作日内")
        .expect("row");
    assert_eq!(
        five["subject"].as_str().unwrap_or_default(),
        rec["subject"].split(['（', ' ']).next().unwrap_or_default(),
        "{rec:?}"
    );
}

/// Four 物业管理条例 of 浙江 (review30's `c-wy`).
const ZHEJIANG_PROPERTY: &[&str] = &[
    "台州市物业管理条例(2021-04-06).md",
    "湖州市物业管理条例(2021-04-06).md",
    "绍兴市物业管理条例(2020-12-04).md",
    "舟山市物业管理条例(2021-11-01).md",
];

fn zhejiang(names: &[&'static str]) -> Vec<(&'static str, &'static str)> {
    names
        .iter()
        .map(|n| ("浙江地方法规/地方性法规/浙江", *n))
        .collect()
}

/// review30 #12: the note under the table counts the rows that show one document's figure, all
/// of them (before, only those whose matter other documents regulate: 76 of 93 on these four),
/// and says how many of them other documents regulate.
#[test]
fn the_note_counts_every_row_of_one_figure() {
    let dir = corpus(&zhejiang(ZHEJIANG_PROPERTY));
    let (table, _) = run(dir.path(), &["numbers"]);
    let blocks: Vec<&str> = table.trim_end().split("\n\n").collect();
    let (note, rows) = blocks.split_last().expect("a table");
    let figures = |b: &&str| {
        b.lines()
            .filter(|l| l.starts_with("  ") && !l.contains("未规定") && !l.contains("no majority"))
            .count()
    };
    let lone = rows.iter().filter(|b| figures(b) == 1).count();
    let counted: usize = note
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in the note: {note}"));
    assert_eq!(counted, lone, "{note}");
    assert!(note.contains("no 未规定"), "{note}");
}

/// review30 #7: no figure of these regulations is named by a topic none of them writes (公文 for
/// 文件资料 handed over, 会签): the five's vocabulary names a matter only where the corpus says
/// it. And a figure's JSON subject is the subject of the row it is shown in.
#[test]
fn subjects_use_only_words_the_corpus_writes() {
    let dir = corpus(&zhejiang(ZHEJIANG_PROPERTY));
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    for r in &recs {
        let s = &r["subject"];
        assert!(!s.starts_with("公文") && !s.starts_with("会签"), "{r:?}");
    }
    let (json, _) = run(dir.path(), &["numbers", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    for p in json["provisions"].as_array().expect("provisions") {
        let doc = p["doc"].as_str().unwrap_or_default();
        let article = p["article"].to_string();
        let text = p["text"].as_str().unwrap_or_default();
        let rec = recs
            .iter()
            .find(|r| r["doc"] == doc && r["article"] == article && r["text"] == text)
            .unwrap_or_else(|| panic!("{p} not in the CSV"));
        let row_subject = rec["subject"].split(['（', ' ']).next().unwrap_or_default();
        assert_eq!(
            p["subject"].as_str().unwrap_or_default(),
            row_subject,
            "{p}"
        );
    }
}

/// review30 #4: 台州 28 sets the committee's hand-over (十日内, paragraph one) and a member's
/// (三日内, paragraph two). The member's deadline sits with 湖州 20's and 绍兴 17's, whose row no
/// longer names 台州 as setting no figure, and 舟山 26's committee deadline with 台州 28's and
/// 湖州 22's; before, 台州's 三日内 and 舟山's 十日内 shared a row of their own (no majority).
#[test]
fn each_deadline_of_an_article_joins_the_rule_of_its_actor() {
    let dir = corpus(&zhejiang(ZHEJIANG_PROPERTY));
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    let member = row_of(&recs, "湖州", "20", "三日内");
    assert_eq!(row_of(&recs, "绍兴", "17", "三日内"), member, "{csv}");
    assert_eq!(row_of(&recs, "台州", "28", "三日内"), member, "{csv}");
    let committee = row_of(&recs, "台州", "28", "十日内");
    assert_eq!(row_of(&recs, "湖州", "22", "十日内"), committee, "{csv}");
    assert_eq!(row_of(&recs, "舟山", "26", "十日内"), committee, "{csv}");
    for r in recs
        .iter()
        .filter(|r| r["row"] == member || r["row"] == committee)
    {
        assert_eq!(r["differs"], "false", "{r:?}");
    }
    let (table, _) = run(dir.path(), &["numbers"]);
    let row = block(&table, &["湖州市物业管理条例  第二十条    三日内"]);
    // `block` panics when the row has no such line.
    block(row, &["台州市物业管理条例  第二十八条  三日内"]);
    let silent = row
        .lines()
        .find(|l| l.contains("未规定"))
        .unwrap_or_default();
    assert!(!silent.contains("台州"), "{row}");
}

/// review30 #5: 菏泽 15's fine for burning in a prohibited area (一百元以上五百元以下, in a clause
/// group of its own) sits with 淄博 21's and 济南 13's fines for that conduct; before it stood
/// alone in a row of its group.
#[test]
fn a_lone_fine_joins_the_fines_for_like_conduct() {
    let dir = corpus(&shandong(FIREWORKS));
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    let area = row_of(&recs, "淄博", "21", "一百元以上五百元以下");
    assert_eq!(
        row_of(&recs, "菏泽", "15", "一百元以上五百元以下"),
        area,
        "{csv}"
    );
    for r in recs
        .iter()
        .filter(|r| r["doc"].starts_with("菏泽") && r["article"] == "15")
    {
        assert_eq!(r["differs"], "false", "{r:?}");
    }
}

/// review30 #13 and #15: a row of a fee table is named by what its cells name (登记费), not by
/// the fee that differs between documents (每只50元 / 每只60元), and names that differ only by
/// blanks are one; a colour code inside a range (处ESC[31m一千元ESC[0m以上五千元以下) splits
/// nothing.
#[test]
fn row_names_hold_no_figures_and_escapes_split_no_range() {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = |fee: u32, days: u32, fine: &str| {
        format!(
            "某市测试管理条例\n\n第一条 为了测试，制定本条例。\n\n第二条 收费标准如下：\n\
             项目\t标准\t期限\n登记费\t每只{fee}元\t{days}日内\n年检费\t每年30元\t30日内\n\n\
             第三条 违反本条例的，处{fine}以上五千元以下罚款。\n"
        )
    };
    let files = [
        ("a.txt", doc(50, 15, "\u{1b}[31m一千元\u{1b}[0m")),
        ("b.txt", doc(60, 10, "二千元")),
        ("c.txt", doc(50, 15, "一千元")),
    ];
    for (name, text) in &files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    for r in &recs {
        let s = &r["subject"];
        assert!(!s.contains("50元") && !s.contains("60元"), "{r:?}");
        assert!(!s.contains('\u{1b}'), "{r:?}");
    }
    let fines: Vec<_> = recs
        .iter()
        .filter(|r| r["subject"].starts_with("罚款"))
        .collect();
    assert_eq!(fines.len(), 3, "{csv}");
    assert!(fines.iter().all(|r| r["row"] == fines[0]["row"]), "{csv}");
    assert!(
        fines
            .iter()
            .all(|r| r["value"] != "5000" || !r["max"].is_empty()),
        "{csv}"
    );
    let (table, _) = run(dir.path(), &["numbers"]);
    assert!(!table.contains("登记费 每只 / "), "{table}");
}

/// review31 #10, the rest: a Markdown table whose column is headed 罚款 states fines, though no
/// row says 罚款; each such cell is named 罚款·金额 (by its row: 乘客电梯), as a sentence stating
/// the fine is, and the column headed 周期 is not.
#[test]
fn a_table_cell_is_named_by_its_column_head() {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = |city: &str, low: &str| {
        format!(
            "# {city}电梯安全条例\n\n第一条 为了加强电梯安全，制定本条例。\n\n\
             第二条 电梯维护保养按照下表执行：\n\n| 类别 | 周期 | 罚款 |\n|---|---|---|\n\
             | 乘客电梯 | 每十五日一次 | {low}以上五千元以下 |\n\
             | 自动扶梯 | 每月一次 | 二千元以上一万元以下 |\n\n\
             第三条 本条例自2020年1月1日起施行。\n"
        )
    };
    std::fs::write(dir.path().join("a.md"), doc("甲市", "一千元")).expect("write");
    std::fs::write(dir.path().join("b.md"), doc("乙市", "二千元")).expect("write");
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    let money: Vec<_> = recs.iter().filter(|r| r["unit"] == "元").collect();
    assert_eq!(money.len(), 4, "{csv}");
    for r in &money {
        assert!(r["subject"].starts_with("罚款·金额"), "{r:?}");
    }
    assert!(
        money.iter().any(|r| r["subject"].contains("乘客电梯")),
        "{csv}"
    );
    let periods: Vec<_> = recs.iter().filter(|r| r["unit"] != "元").collect();
    assert!(!periods.is_empty(), "{csv}");
    for r in &periods {
        assert!(!r["subject"].contains("罚款"), "{r:?}");
    }
}

/// review33 #13: a document without figures, asked for no filter, "states no figures" (not
/// "no figures match", which answers a filter nobody gave); a filter that matches nothing still
/// says so.
#[test]
fn a_document_without_figures_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "甲市测试条例\n\n第一条 为了测试，制定本条例。\n\n第二条 本条例自公布之日起施行。\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("b.txt"),
        "乙市测试条例\n\n第一条 为了测试，制定本条例。\n\n第二条 违反本条例的，处一千元以上五千元以下罚款。\n",
    )
    .expect("write");
    let (out, _) = run(dir.path(), &["numbers", "--doc", "a"]);
    assert_eq!(out.trim(), "甲市测试条例 states no figures", "{out}");
    let (out, _) = run(dir.path(), &["numbers", "没有的词"]);
    assert_eq!(out.trim(), "no figures match", "{out}");
    let (out, _) = run(dir.path(), &["numbers"]);
    assert!(out.contains("罚款"), "{out}");
}

/// review30 #5, the rest: a fine for the conduct of another group's row joins that row though its
/// amount differs, and the differing amount is starred. 潍坊 14 fines burning in a prohibited area
/// 一百元以上三百元以下 (its article's clause group is that of its second paragraph, 重污染天气);
/// 济宁 18 fines it 二百元以上五百元以下 (a group of its own), so the area row no longer says 济宁
/// sets no figure; 济宁 15 fines 庆典 services in a prohibited area (违反前款规定的: the conduct is
/// the paragraph before) 一千元以上五千元以下, as 临沂 18, 聊城 17 and 菏泽 16 do. Before, each
/// stood alone. Unlike fines stay apart: 泰安 18 (producing fireworks in a prohibited area),
/// 潍坊 14's aggravated tier and 潍坊 15's (焰火 without a licence, 情节严重) join no row.
#[test]
fn a_fine_joins_the_row_of_its_conduct_though_its_amount_differs() {
    let dir = corpus(&shandong(FIREWORKS));
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    let area = row_of(&recs, "淄博", "21", "一百元以上五百元以下");
    let differs = |doc: &str, article: &str, text: &str| {
        recs.iter()
            .find(|r| r["doc"].starts_with(doc) && r["article"] == article && r["text"] == text)
            .map(|r| r["differs"].clone())
            .unwrap_or_default()
    };
    assert_eq!(
        row_of(&recs, "潍坊", "14", "一百元以上三百元以下"),
        area,
        "{csv}"
    );
    assert_eq!(differs("潍坊", "14", "一百元以上三百元以下"), "true");
    assert_eq!(
        row_of(&recs, "济宁", "18", "二百元以上五百元以下"),
        area,
        "{csv}"
    );
    assert_eq!(differs("济宁", "18", "二百元以上五百元以下"), "true");
    let service = row_of(&recs, "临沂", "18", "一千元以上五千元以下");
    assert_eq!(
        row_of(&recs, "济宁", "15", "一千元以上五千元以下"),
        service,
        "{csv}"
    );
    assert_eq!(differs("济宁", "15", "一千元以上五千元以下"), "false");
    let alone = |doc: &str, article: &str, text: &str| {
        let row = row_of(&recs, doc, article, text);
        recs.iter().filter(|r| r["row"] == row).count() == 1
    };
    assert!(alone("泰安", "18", "两万元以上十万元以下"), "{csv}");
    assert!(alone("潍坊", "15", "三万元以上五万元以下"), "{csv}");
    let (table, _) = run(dir.path(), &["numbers"]);
    let row = block(
        &table,
        &["淄博市禁止燃放烟花爆竹规定    第二十一条  一百元以上五百元以下"],
    );
    let silent = row
        .lines()
        .find(|l| l.contains("未规定"))
        .unwrap_or_default();
    assert!(!silent.contains("济宁"), "{row}");
}

/// numbers53's doubtful joins: a figure joins another clause group's row only when it is said of
/// the same body and in the same kind of sentence. 台州 30's 不足二分之一 is a case of an item
/// (成员人数不足二分之一…的: when a 物业管理委员会 may be formed), not the cap on 候补委员 of
/// 湖州 21, 绍兴 18, 舟山 19; 淄博 38's 七人以上 is the size of the 物业管理委员会, not of the
/// 筹备组 (潍坊 30, 菏泽 7). Before, both joined those rows.
#[test]
fn a_figure_joins_another_groups_row_only_for_its_own_body() {
    let dir = corpus(&zhejiang(ZHEJIANG_PROPERTY));
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    assert_ne!(
        row_of(&recs, "台州", "30", "不足二分之一"),
        row_of(&recs, "湖州", "21", "不超过业主委员会成员人数的二分之一"),
        "{csv}"
    );
    let mut files = shandong(PROPERTY);
    files.extend(shandong(&[
        "临沂市烟花爆竹燃放管理条例(2020-01-15).md",
        "德州市烟花爆竹燃放管理条例(2020-10-26).md",
        "泰安市烟花爆竹燃放管理条例(2018-12-04).md",
        "威海市停车管理和服务条例(2021-12-06).md",
        "滨州市停车场管理条例(2021-08-05).md",
    ]));
    let dir = corpus(&files);
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    assert_eq!(
        row_of(&recs, "潍坊", "30", "七人以上"),
        row_of(&recs, "菏泽", "7", "七人以上"),
        "{csv}"
    );
    assert_ne!(
        row_of(&recs, "淄博", "38", "七人以上"),
        row_of(&recs, "潍坊", "30", "七人以上"),
        "{csv}"
    );
}

/// The four 电梯安全条例 of review31 (枣庄, 淄博, 潍坊 from 山东; 温州 from 浙江).
fn elevators() -> Vec<(&'static str, &'static str)> {
    let mut files = shandong(&[
        "枣庄市电梯安全条例(2019-12-03).md",
        "淄博市电梯安全条例(2021-12-10).md",
        "潍坊市电梯安全条例(2020-01-15).md",
    ]);
    files.extend(zhejiang(&["温州市电梯安全条例(2018-04-09).md"]));
    files
}

/// review31 #2: 枣庄 32 and 潍坊 35 both set the report deadline (十个工作日内 出具检验报告) and the
/// upload deadline (三个工作日内 上传). Each row pairs a figure with the one of the same act; before,
/// the table crossed them (10 beside 3, twice "no majority"), the upload clause of 枣庄 naming
/// the report as the event it runs from (在出具检验报告后三个工作日内，向…上传).
#[test]
fn two_limits_of_one_sentence_pair_by_their_acts() {
    let dir = corpus(&elevators());
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    assert_eq!(
        row_of(&recs, "枣庄", "32", "三个工作日内"),
        row_of(&recs, "潍坊", "35", "三个工作日内"),
        "{csv}"
    );
    assert_ne!(
        row_of(&recs, "枣庄", "32", "三个工作日内"),
        row_of(&recs, "潍坊", "35", "十个工作日内"),
        "{csv}"
    );
}

/// review31 #1: a deadline is read with the event it runs from: 温州 14's deadlines (a change of
/// 使用单位, of 维护保养单位) are not set beside 淄博 18's 改造 one (在改造后); one report
/// deadline of an accident (淄博 43, 枣庄 44: 一小时内) is one row, not two lone ones. (A lone
/// figure of another group whose row it matches only in part, 潍坊 26 or 淄博 23, is not joined:
/// at the likeness that would join them, four 物业管理条例 join a 备案 deadline to a 移交 row.)
#[test]
fn a_deadline_keeps_to_the_row_of_its_own_event() {
    let dir = corpus(&elevators());
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    let renovation = row_of(&recs, "淄博", "18", "三十日内");
    let wenzhou: Vec<&String> = recs
        .iter()
        .filter(|r| r["doc"].starts_with("温州") && r["article"] == "14" && r["text"] == "三十日内")
        .map(|r| &r["row"])
        .collect();
    assert!(wenzhou.len() >= 2, "{csv}");
    assert!(wenzhou.iter().all(|r| **r != renovation), "{csv}");
    // One report deadline of an accident, not two lone rows.
    assert_eq!(
        row_of(&recs, "淄博", "43", "一小时内"),
        row_of(&recs, "枣庄", "44", "一小时内"),
        "{csv}"
    );
}

/// review31 #3b and #15: 宁波 25(四)'s cap on the relatives' free blood (不超过八百毫升) sits in the
/// relatives' row of 临沂 34 and 泰安 19, which no longer calls 宁波 未规定; the row of 临沂 19's
/// 三百毫升 and 四百毫升 (二百、三百或者四百毫升) is not named by the other choices.
#[test]
fn a_lone_cap_joins_its_row_and_names_quote_no_listed_figures() {
    let dir = corpus(&[
        (SHANDONG, "临沂市献血条例(2019-02-12).md"),
        (
            "北京地方法规/地方性法规/北京",
            "北京市献血条例(2021-11-26).md",
        ),
        (
            "浙江地方法规/地方性法规/浙江",
            "宁波市献血条例(2020-06-05).md",
        ),
        (SHANDONG, "泰安市献血条例(2021-07-31).md"),
    ]);
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    assert_eq!(
        row_of(&recs, "宁波", "25", "不超过八百毫升"),
        row_of(&recs, "泰安", "19", "不超过一千毫升"),
        "{csv}"
    );
    for r in recs
        .iter()
        .filter(|r| r["doc"].starts_with("临沂") && r["article"] == "19")
    {
        assert!(!r["row"].contains("毫升"), "{r:?}");
    }
}

/// review31 #10: 三十分钟内赶到现场 runs from 接到…报告后: no 报告时限.
#[test]
fn a_limit_is_not_named_by_the_event_it_runs_from() {
    let dir = corpus(&elevators());
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    let r = recs
        .iter()
        .find(|r| r["doc"].starts_with("淄博") && r["article"] == "44")
        .expect("淄博 44");
    assert!(!r["subject"].contains("报告"), "{r:?}");
}

/// review31 #14: an escape sequence inside a figure's words shows in the wording cell as the
/// other outputs show it (␛[0m), never as blanks the document does not have.
#[test]
fn an_escape_in_a_figure_shows_in_its_wording() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "某市测试管理条例\n\n第一条 为了测试，制定本条例。\n\n\
                第二条 违反本条例的，处\u{1b}[31m一千元\u{1b}[0m以上五千元以下罚款。\n";
    std::fs::write(dir.path().join("a.txt"), text).expect("write");
    let (table, _) = run(dir.path(), &["numbers"]);
    assert!(table.contains("一千元␛[0m以上五千元以下"), "{table}");
    assert!(!table.contains("一千元    以上"), "{table}");
    assert!(!table.contains('\u{1b}'), "{table}");
}

/// The four 全民健身条例 of review33 (北京, 宁波, 山东省, 杭州).
fn fitness() -> Vec<(&'static str, &'static str)> {
    vec![
        ("北京地方法规/地方性法规/北京", "北京市全民健身条例.md"),
        (
            "浙江地方法规/地方性法规/浙江",
            "宁波市全民健身条例(2021-06-11).md",
        ),
        (SHANDONG, "山东省全民健身条例(2017-12-01).md"),
        (
            "浙江地方法规/地方性法规/浙江",
            "杭州市全民健身条例(2010-12-31).md",
        ),
    ]
}

/// The four 消防条例 of review33 (上海, 北京, 汕头经济特区, 重庆).
fn fire() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "上海地方法规/地方性法规/上海",
            "上海市消防条例(2020-03-19).md",
        ),
        ("北京地方法规/地方性法规/北京", "北京市消防条例.md"),
        (
            "广东地方法规/地方性法规/广东",
            "汕头经济特区消防条例(2022-12-30).md",
        ),
        (
            "重庆地方法规/地方性法规/重庆",
            "重庆市消防条例(2013-11-30).md",
        ),
    ]
}

/// review33 #3: 宁波 19 (应当至少提前七日向公众公示) and 山东 41 (应当提前七日向社会公告) set one
/// notice period for one case (公共体育设施因维修等原因需要暂时停止开放的): one row, not two lone
/// rows that differ only in the bound, each "compared with nothing".
#[test]
fn one_notice_period_of_one_case_is_one_row_whatever_its_bound() {
    let dir = corpus(&fitness());
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    assert_eq!(
        row_of(&recs, "宁波", "19", "至少提前七日"),
        row_of(&recs, "山东", "41", "提前七日"),
        "{csv}"
    );
    let (table, _) = run(dir.path(), &["numbers", "提前"]);
    assert!(!table.contains("提前时限 #2"), "{table}");
}

/// review33 #2: a subject without a topic (频次) joins no figures of two unlinked groups: 上海 46
/// (每年进行至少两次消防演练) is not set against 北京 48 (至少每年进行一次消防安全培训), "no
/// majority". The drills row of 北京 13 and 汕头 18 (每半年至少组织一次…演练) does not call 上海
/// 未规定: its 46 states that figure for drills. 重庆 61's only fine (责令限期改正；逾期不改正的，处
/// 一千元以上五千元以下罚款) sits with the others' base fines for the conduct, starred, not with
/// 上海 70's 情节严重 tier as a disagreement.
#[test]
fn drills_and_training_stay_apart_and_an_only_fine_sits_with_the_base_tier() {
    let dir = corpus(&fire());
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    assert_ne!(
        row_of(&recs, "上海", "46", "每年进行至少两次"),
        row_of(&recs, "北京", "48", "至少每年进行一次"),
        "{csv}"
    );
    assert_eq!(
        row_of(&recs, "重庆", "61", "一千元以上五千元以下"),
        row_of(&recs, "北京", "82", "2000元以上2万元以下"),
        "{csv}"
    );
    assert_ne!(
        row_of(&recs, "重庆", "61", "一千元以上五千元以下"),
        row_of(&recs, "上海", "70", "二万元以上二十万元以下"),
        "{csv}"
    );
    let (table, _) = run(dir.path(), &["numbers"]);
    let drills = block(&table, &["每半年至少组织一次", "汕头"]);
    assert!(!drills.contains("未规定：上海"), "{drills}");
    let fines = block(&table, &["2000元以上2万元以下", "一千元以上五千元以下"]);
    assert!(!fines.contains("未规定"), "{fines}");
    assert!(!fines.contains("no majority"), "{fines}");
}

/// review33 #6: 每天不少于八小时 is 8 hours a day (JSON `normalized` 8 `小时/天`, never ≈0.33天/天 or
/// 0.04 天 with the day dropped); 每学年至少举办一次 is once a school year (1次/学年); 十万平方米
/// （含）以上 is a floor and 五万平方米（含）以下 a ceiling; 超过五万平方米不足十万平方米 is one range.
#[test]
fn periods_inclusive_bounds_and_open_ranges_are_read() {
    let dir = corpus(&fitness());
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    let find = |doc: &str, article: &str, text: &str| {
        recs.iter()
            .find(|r| r["doc"].starts_with(doc) && r["article"] == article && r["text"] == text)
            .unwrap_or_else(|| panic!("{doc} {article} {text}: {csv}"))
    };
    let hours = find("宁波", "20", "每天不少于八小时");
    assert_eq!(hours["normalized"], "8", "{hours:?}");
    assert_eq!(hours["normalized_unit"], "小时/天", "{hours:?}");
    for (doc, article) in [("宁波", "26"), ("山东", "33")] {
        let yearly = find(doc, article, "每学年至少举办一次");
        assert_eq!(yearly["per"], "学年", "{yearly:?}");
    }
    assert_eq!(
        find("宁波", "14", "十万平方米（含）以上")["bound"],
        "at_least"
    );
    assert_eq!(
        find("宁波", "14", "五万平方米（含）以下")["bound"],
        "at_most"
    );
    let range = find("宁波", "14", "超过五万平方米不足十万平方米");
    assert_eq!(
        (range["value"].as_str(), range["max"].as_str()),
        ("50000", "100000")
    );
    let (table, _) = run(dir.path(), &["numbers", "每天"]);
    assert!(table.contains("8小时/天"), "{table}");
    assert!(!table.contains("天/天"), "{table}");
}

/// Four 电梯安全条例 (宁波, 温州 from 浙江; 淄博, 潍坊 from 山东).
fn elevators_four() -> Vec<(&'static str, &'static str)> {
    let mut files = zhejiang(&[
        "宁波市电梯安全条例(2020-10-10).md",
        "温州市电梯安全条例(2018-04-09).md",
    ]);
    files.extend(shandong(&[
        "淄博市电梯安全条例(2021-12-10).md",
        "潍坊市电梯安全条例(2020-01-15).md",
    ]));
    files
}

/// Four 旅游条例 (浙江省 2017, 山东省, 上海市, 河南省).
fn tourism() -> Vec<(&'static str, &'static str)> {
    let mut files = zhejiang(&["浙江省旅游条例(2017-11-30).md"]);
    files.extend(shandong(&["山东省旅游条例(2016-11-26).md"]));
    files.push((
        "上海地方法规/地方性法规/上海",
        "上海市旅游条例(2020-05-14).md",
    ));
    files.push((
        "河南地方法规/地方性法规/河南",
        "河南省旅游条例(2007-03-30).md",
    ));
    files
}

/// A document's figure equal to a row's, standing alone in another row of the same clause group,
/// joins that row, and the row does not call the document 未规定: 宁波 21's 电梯使用年限超过十五年
/// (a rule's sentence) beside 淄博 36's and 温州 21's items (使用十五年以上的；), and 宁波 35's
/// 近两年内 (named 时限) beside 淄博 38's and 潍坊 38's 两年 (named 时间). A limit from another
/// event (淄博 18 在改造后 against 自变更之日起) neither joins nor clears 未规定.
#[test]
fn an_equal_figure_alone_in_its_group_joins_the_row() {
    let dir = corpus(&elevators_four());
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    assert_eq!(
        row_of(&recs, "宁波", "21", "超过十五年"),
        row_of(&recs, "淄博", "36", "十五年以上"),
        "{csv}"
    );
    assert_eq!(
        row_of(&recs, "宁波", "35", "两年内"),
        row_of(&recs, "淄博", "38", "两年"),
        "{csv}"
    );
    assert_ne!(
        row_of(&recs, "淄博", "18", "三十日内"),
        row_of(&recs, "宁波", "20", "三十日内"),
        "{csv}"
    );
    let (table, _) = run(dir.path(), &["numbers"]);
    let years = block(&table, &["第三十六条第三项  十五年以上"]);
    assert!(!years.contains("未规定：宁波"), "{years}");
    let inspected = block(&table, &["淄博市电梯安全条例  第三十八条第三项  两年"]);
    assert!(!inspected.contains("未规定：宁波"), "{inspected}");
    let changed = block(&table, &["宁波市电梯安全条例  第二十条第一项  三十日内"]);
    assert!(changed.contains("未规定：淄博"), "{changed}");
}

/// Complaint deadlines of one clause group: 河南 91's 三十日内 (应当在三十日内处理完毕) stands
/// alone, but the row of 上海 65's and 山东 57's 四十五日内 does not call 河南 未规定; the
/// extensions (山东 经…批准可以延长三十日, 河南 经…批准，可以延长三十日) are one row.
#[test]
fn a_differing_deadline_of_the_group_is_no_silence_and_extensions_line_up() {
    let dir = corpus(&tourism());
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    assert_eq!(
        row_of(&recs, "山东", "57", "三十日"),
        row_of(&recs, "河南", "91", "三十日"),
        "{csv}"
    );
    let (table, _) = run(dir.path(), &["numbers"]);
    let complaints = block(&table, &["第六十五条  四十五日内"]);
    assert!(!complaints.contains("未规定：河南"), "{complaints}");
}

/// 违法所得五万元以上的，并处违法所得一倍以上五倍以下的罚款 is a tier of the conduct before it (上海
/// 69 使用不符合规定的车辆、船舶), not a conduct every such fine shares: 上海 69's multiple stays
/// with its own offence, never in the row of 浙江 41's unlicensed business.
#[test]
fn a_fine_for_illegal_income_stays_with_its_offence() {
    let dir = corpus(&tourism());
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    let shanghai = recs
        .iter()
        .find(|r| {
            r["doc"].starts_with("上海") && r["article"] == "69" && r["text"] == "一倍以上五倍以下"
        })
        .unwrap_or_else(|| panic!("上海 69: {csv}"));
    assert_ne!(
        shanghai["row"],
        row_of(&recs, "浙江", "41", "一倍以上五倍以下"),
        "{csv}"
    );
    assert!(shanghai["group_label"].contains("船舶"), "{shanghai:?}");
}

/// 运行速度超过每秒四米 is a speed (4米/秒), not a distance; 三十分钟内未赶到现场 in a fine's list of
/// conduct (潍坊 49) is no figure of the fine; 届满前一个月 (宁波 28, 淄博 34) is a lead time and one
/// row; 身高低于一百四十厘米 (河南 82) is at most 140 cm.
#[test]
fn speeds_conduct_lead_times_and_below_are_read() {
    let dir = corpus(&elevators_four());
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    let find = |doc: &str, article: &str, text: &str| {
        recs.iter()
            .find(|r| r["doc"].starts_with(doc) && r["article"] == article && r["text"] == text)
            .unwrap_or_else(|| panic!("{doc} {article} {text}: {csv}"))
            .clone()
    };
    let speed = find("温州", "18", "超过每秒四米");
    assert_eq!(speed["per"], "秒", "{speed:?}");
    assert!(speed["subject"].contains("速度"), "{speed:?}");
    assert!(!speed["subject"].contains("距离"), "{speed:?}");
    let late = find("潍坊", "49", "三十分钟内");
    assert!(!late["subject"].contains("罚款"), "{late:?}");
    assert_eq!(
        find("宁波", "28", "一个月")["row"],
        find("淄博", "34", "一个月")["row"],
        "{csv}"
    );
    let dir = corpus(&tourism());
    let (csv, _) = run(dir.path(), &["numbers", "--format", "csv"]);
    let recs = records(&csv);
    let height = recs
        .iter()
        .find(|r| r["doc"].starts_with("河南") && r["article"] == "82" && r["unit"] == "厘米")
        .unwrap_or_else(|| panic!("河南 82: {csv}"));
    assert_eq!(height["bound"], "at_most", "{height:?}");
}
