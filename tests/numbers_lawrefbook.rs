//! Figures read from real regulations of lawrefbook, article by article: units, frequencies and
//! subjects as a reader of those articles names them.

#[path = "shared/mod.rs"]
mod shared;

use guize::numbers::{Quantity, UnitKind, extract};

/// The text of article `label` (第二十一条) of the lawrefbook file `name` under `folder`: its
/// first line and every line up to the next article.
fn article(folder: &str, name: &str, label: &str) -> String {
    let path = shared::path("corpora/lawrefbook/DLC")
        .join(folder)
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        let heads_article = line.starts_with('第')
            && line.split_once('条').is_some_and(|(n, _)| {
                n.chars()
                    .skip(1)
                    .all(|c| "一二三四五六七八九十百零".contains(c))
            });
        if heads_article {
            if inside {
                break;
            }
            inside = line.starts_with(&format!("{label} "));
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    assert!(!out.is_empty(), "{label} not found in {name}");
    out
}

const SHANDONG: &str = "山东地方法规/地方性法规/山东";

fn figures(text: &str) -> Vec<Quantity> {
    extract(text)
}

/// X2: the temperature a heating regulation sets is a figure, written in Chinese or Arabic
/// numerals, with 摄氏度 or ℃, and both read as one unit.
#[test]
fn temperatures_are_figures() {
    let sd = article(SHANDONG, "山东省供热条例(2021-12-03).md", "第二十一条");
    let qd = article(SHANDONG, "青岛市供热条例(2017-12-01).md", "第三十一条");
    let temps = |text: &str| -> Vec<(f64, String, String)> {
        figures(text)
            .into_iter()
            .filter(|q| q.kind == UnitKind::Temperature)
            .map(|q| (q.value, q.unit, q.subject))
            .collect()
    };
    let sd = temps(&sd);
    assert!(
        sd.iter()
            .any(|(v, u, s)| *v == 18.0 && u == "℃" && s.ends_with("最低温度")),
        "{sd:?}"
    );
    let qd = temps(&qd);
    let values: Vec<f64> = qd.iter().map(|t| t.0).collect();
    assert!(values.contains(&18.0) && values.contains(&10.0), "{qd:?}");
    assert!(qd.iter().all(|(_, u, _)| u == "℃"), "{qd:?}");
}

const GUANGDONG: &str = "广东地方法规/地方性法规/广东";
const HENAN: &str = "河南地方法规/地方性法规/河南";

/// X14: a period inside a slogan (传播“每天绽放新精彩”…口号) is no frequency, and neither is a
/// period before no act that is counted; a fine's subject comes from its own clause (处以五十元罚款),
/// not from a word inside 交通信号 earlier in the sentence.
#[test]
fn slogans_are_no_frequency_and_a_fine_is_a_fine() {
    let dg = article(GUANGDONG, "东莞市文明行为促进条例(2023-02-23).md", "第七条");
    let times: Vec<Quantity> = figures(&dg)
        .into_iter()
        .filter(|q| q.kind == UnitKind::Times)
        .collect();
    assert!(times.is_empty(), "{times:#?}");
    let zz = article(HENAN, "郑州市文明行为促进条例(2022-01-01).md", "第四十五条");
    let fines: Vec<(f64, String)> = figures(&zz)
        .into_iter()
        .filter(|q| q.kind == UnitKind::Money)
        .map(|q| (q.value, q.subject))
        .collect();
    assert_eq!(fines.len(), 4, "{fines:?}");
    assert!(fines.iter().all(|(_, s)| s == "罚款·金额"), "{fines:?}");
    // A rule that names its period and the act done once in it is still a frequency.
    let once = figures("市人民政府每年向市人民代表大会常务委员会报告文明行为促进工作情况。");
    assert!(
        once.iter().any(|q| q.kind == UnitKind::Times && q.implicit),
        "{once:#?}"
    );
}

/// 全额退还热费 and 退还…的全额热费 refund the whole fee: a share of 100%, as 泰安 writes 100%.
#[test]
fn a_whole_refund_is_a_share_of_one_hundred_percent() {
    for (name, label) in [
        ("潍坊市供热条例(2021-01-28).md", "第三十七条"),
        ("青岛市供热条例(2017-12-01).md", "第五十一条"),
        ("青岛市供热条例(2017-12-01).md", "第五十二条"),
    ] {
        let text = article(SHANDONG, name, label);
        let shares: Vec<(f64, String)> = figures(&text)
            .into_iter()
            .filter(|q| q.kind == UnitKind::Share)
            .map(|q| (q.value, q.expr))
            .collect();
        assert!(
            shares
                .iter()
                .any(|(v, e)| *v == 100.0 && e.contains("全额")),
            "{name} {label}: {shares:?}"
        );
    }
}

/// 每年 before a moment of the year (采暖期结束后, 采暖期开始三十日前, 供热期结束后) names when,
/// not how often: no figure is once a year, and no deadline is counted per year.
#[test]
fn each_year_before_a_moment_is_a_date() {
    let cases = [
        (SHANDONG, "青岛市供热条例(2017-12-01).md", "第五十三条"),
        (SHANDONG, "青岛市供热条例(2017-12-01).md", "第三十六条"),
        (HENAN, "洛阳市集中供热条例(2018-10-22).md", "第二十九条"),
    ];
    for (folder, name, label) in cases {
        let text = article(folder, name, label);
        let qs = figures(&text);
        assert!(
            qs.iter()
                .all(|q| q.kind != UnitKind::Times && q.per.is_none()),
            "{name} {label}: {qs:#?}"
        );
    }
    // The deadline itself is still read.
    let ly = article(HENAN, "洛阳市集中供热条例(2018-10-22).md", "第二十九条");
    assert!(
        figures(&ly)
            .iter()
            .any(|q| q.kind == UnitKind::Duration && q.value == 2.0 && q.unit == "个月"),
        "{ly}"
    );
}

/// review29 #15: a fine per animal (并处每只二百元罚款) is counted per 只, shown 200元/只.
#[test]
fn a_fine_per_animal_keeps_its_unit() {
    let dy = article(SHANDONG, "东营市养犬管理条例(2017-10-11).md", "第三十四条");
    let fines: Vec<Quantity> = figures(&dy)
        .into_iter()
        .filter(|q| q.kind == UnitKind::Money && q.expr.contains("每只"))
        .collect();
    assert!(fines.len() >= 3, "{fines:#?}");
    for q in &fines {
        assert_eq!(q.per.as_deref(), Some("只"), "{q:#?}");
    }
    let two = fines.iter().find(|q| q.value == 200.0).expect("每只二百元");
    assert_eq!(guize::numbers::wording::stated(two), "200元/只");
}

/// review29 #9: a subject names what its own clause measures. 过半数 of 作出决定时应当经全体成员
/// 过半数签字同意 is the decision's share, though 出席 comes earlier in the sentence; 三分之二以上
/// 成员出席 is attendance. 室内层高不足2.2米 is a height, not a distance.
#[test]
fn a_subject_names_what_its_own_clause_measures() {
    let zb = article(SHANDONG, "淄博市物业管理条例(2021-10-08).md", "第三十二条");
    let shares: Vec<(f64, String)> = figures(&zb)
        .into_iter()
        .filter(|q| q.kind == UnitKind::Share)
        .map(|q| (q.value, q.subject))
        .collect();
    let of = |v: f64| {
        shares
            .iter()
            .find(|(x, _)| (*x - v).abs() < 0.01)
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| panic!("{v}%: {shares:?}"))
    };
    assert!(
        of(50.0).ends_with("比例") && !of(50.0).contains("出席"),
        "{shares:?}"
    );
    assert!(of(200.0 / 3.0).ends_with("出席比例"), "{shares:?}");
    let hz = article(SHANDONG, "菏泽市物业管理条例(2022-01-21).md", "第十七条");
    let height = figures(&hz)
        .into_iter()
        .find(|q| q.kind == UnitKind::Distance)
        .expect("2.2米");
    assert_eq!(height.subject, "高度", "{height:#?}");
}

/// A range whose upper end is written in a longer unit (责令停业整顿十五日至一个月, 浙江省禁毒条例
/// 第四十九条) is read whole, its upper end in the lower end's days (15—30日), not cut to its
/// lower end (15日) and then set beside ranges of months as if it said only fifteen days.
#[test]
fn a_range_from_days_to_a_month_keeps_its_upper_end() {
    let text = article(
        "浙江地方法规/地方性法规/浙江",
        "浙江省禁毒条例.md",
        "第四十九条",
    );
    let closures: Vec<(f64, Option<f64>, String, String)> = figures(&text)
        .into_iter()
        .filter(|q| q.kind == UnitKind::Duration)
        .map(|q| (q.value, q.max, q.unit, q.expr))
        .collect();
    assert!(
        closures.contains(&(15.0, Some(30.0), "日".into(), "十五日至一个月".into())),
        "{closures:?}"
    );
    assert!(
        closures
            .iter()
            .any(|(v, m, u, _)| (*v, *m, u.as_str()) == (1.0, Some(3.0), "个月")),
        "{closures:?}"
    );
}

/// A sum that bounds a penalty's case (货值金额不足一万元的，并处…罚款; 货值金额一万元以上的) is the
/// measure of the conduct, not a fine: 重庆市禁毒条例 第四十九条 states two fines (二千元以上五万元以下,
/// 五倍以上十倍以下) and two bounds of the goods' value, which are no 罚款 figures.
#[test]
fn a_sum_bounding_a_penalty_case_is_no_fine() {
    let text = article(
        "重庆地方法规/地方性法规/重庆",
        "重庆市禁毒条例(2012-11-29).md",
        "第四十九条",
    );
    let by_subject = |text: &str| -> Vec<(String, String)> {
        figures(text)
            .into_iter()
            .filter(|q| q.kind == UnitKind::Money || q.kind == UnitKind::Ratio)
            .map(|q| (q.expr, q.subject))
            .collect()
    };
    let figures = by_subject(&text);
    let fines: Vec<&str> = figures
        .iter()
        .filter(|(_, s)| s.starts_with("罚款"))
        .map(|(e, _)| e.as_str())
        .collect();
    assert_eq!(
        fines,
        ["二千元以上五万元以下", "五倍以上十倍以下"],
        "{figures:?}"
    );
    assert!(
        figures
            .iter()
            .any(|(e, s)| e.contains("不足一万元") && !s.starts_with("罚款")),
        "{figures:?}"
    );
}

/// A fine per tree (处以每株五万元以上十万元以下的罚款) is counted per 株, as 每只 is per animal:
/// 每株 is its unit, not words of its case.
#[test]
fn a_fine_per_tree_keeps_its_unit() {
    let zz = article(
        HENAN,
        "郑州市古树名木及古树后备资源保护条例(2021-11-10).md",
        "第四十三条",
    );
    let fines: Vec<Quantity> = figures(&zz)
        .into_iter()
        .filter(|q| q.kind == UnitKind::Money && q.expr.contains("每株"))
        .collect();
    let q = fines.first().unwrap_or_else(|| panic!("{zz}"));
    assert_eq!(q.per.as_deref(), Some("株"), "{q:#?}");
    assert!(!q.qualifier.contains("每株"), "{q:#?}");
    assert_eq!(guize::numbers::wording::stated(q), "5—10万元/株");
}

/// A leave granted is a figure, however it is written: after the verb that grants it, before the
/// noun (男方享受十五天护理假, 浙江省人口与计划生育条例 第二十二条), or closing the clause with a
/// lone 一 (给予其配偶护理假一个月, 河南 第二十七条). A span before a noun that no verb grants
/// (保持24小时通信畅通) stays no figure.
#[test]
fn a_leave_granted_is_a_figure_however_written() {
    let zj = article(
        "浙江地方法规/地方性法规/浙江",
        "浙江省人口与计划生育条例(2021-11-25).md",
        "第二十二条",
    );
    let spans: Vec<String> = figures(&zj)
        .into_iter()
        .filter(|q| q.kind == UnitKind::Duration)
        .map(|q| q.expr)
        .collect();
    assert!(spans.iter().any(|e| e.contains("十五天")), "{spans:?}");
    let hn = article(
        HENAN,
        "河南省人口与计划生育条例(2021-11-27).md",
        "第二十七条",
    );
    let spans: Vec<String> = figures(&hn)
        .into_iter()
        .filter(|q| q.kind == UnitKind::Duration)
        .map(|q| q.expr)
        .collect();
    assert!(spans.iter().any(|e| e.contains("一个月")), "{spans:?}");
    assert!(
        figures("值班人员应当保持24小时通信畅通。").is_empty(),
        "a span no verb grants"
    );
}

/// A figure and the cap after it in its sentence: 河南 44's 办理时间为一个工作日，最多不超过三个
/// 工作日 is one working day with its cap's words (read without them, the cap sat beside 北京's
/// 一个工作日 as a disagreement), and the cap is a figure of its own, at most three working days
/// (the 400 ml ceiling of 北京 献血 16's 一般为二百毫升，最多不超过四百毫升 was read nowhere); so
/// is 一般为六个月，最长不超过十二个月. A floor and a ceiling (不少于六个月，最长不超过十二个月) stay
/// two bounds.
#[test]
fn a_figure_and_its_cap_are_one_quantity() {
    use guize::numbers::Bound;
    let henan = article(HENAN, "河南省优化营商环境条例(2020-11-28).md", "第四十四条");
    let days: Vec<Quantity> = figures(&henan)
        .into_iter()
        .filter(|q| q.unit == "个工作日")
        .collect();
    // Was one figure (the cap read only as words of the first); the cap is now its own too.
    assert_eq!(days.len(), 2, "{days:#?}");
    assert_eq!(days[0].value, 1.0);
    assert_eq!(days[0].expr, "一个工作日，最多不超过三个工作日");
    assert_eq!(
        (days[1].value, days[1].bound),
        (3.0, Bound::AtMost),
        "{days:#?}"
    );
    let blood = article(
        "北京地方法规/地方性法规/北京",
        "北京市献血条例(2021-11-26).md",
        "第十六条",
    );
    let ml: Vec<(f64, Bound)> = figures(&blood)
        .into_iter()
        .filter(|q| q.unit == "毫升")
        .map(|q| (q.value, q.bound))
        .collect();
    assert_eq!(
        ml,
        [(200.0, Bound::Exact), (400.0, Bound::AtMost)],
        "{ml:?}"
    );
    let road = article(SHANDONG, "山东省农村公路条例(2018-09-21).md", "第二十七条");
    let months: Vec<Quantity> = figures(&road)
        .into_iter()
        .filter(|q| q.kind == UnitKind::Duration)
        .collect();
    // Was one figure; the cap 十二个月 is now its own too.
    assert_eq!(months.len(), 2, "{months:#?}");
    assert_eq!(months[0].value, 6.0);
    assert_eq!((months[1].value, months[1].bound), (12.0, Bound::AtMost));
    let aid = article(
        "浙江地方法规/地方性法规/浙江",
        "浙江省社会救助条例(2020-09-24).md",
        "第五十条",
    );
    let spans: Vec<(f64, String)> = figures(&aid)
        .into_iter()
        .filter(|q| q.kind == UnitKind::Duration)
        .map(|q| (q.value, q.expr))
        .collect();
    assert!(
        spans.iter().any(|(v, _)| *v == 6.0) && spans.iter().any(|(v, _)| *v == 12.0),
        "{spans:?}"
    );
}

/// A ratio the clause names a proportion is one figure, said `1:N`: 征兵工作条例's 送兵人员与新兵的
/// 比例为一比三十左右 and 矿产资源补偿费征收管理规定's 分成比例为5∶5 and 4∶6, and a floor on a
/// staffing ratio (不低于一比四) keeps its direction; a map's scale (1∶500比例尺) is no figure.
#[test]
fn ratios_named_a_proportion_are_figures() {
    use guize::numbers::wording::stated;
    let read = |folder: &str, name: &str| {
        let path = shared::path("corpora/lawrefbook").join(folder).join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let ratios = |text: &str| -> Vec<(String, String)> {
        figures(text)
            .into_iter()
            .filter(|q| q.unit == "比")
            .map(|q| (stated(&q), q.subject))
            .collect()
    };
    let conscription = ratios(&read("行政法规", "征兵工作条例(2001-09-05).md"));
    assert!(
        conscription.iter().any(|(s, _)| s == "1:30"),
        "{conscription:?}"
    );
    let shares = ratios(&read(
        "行政法规",
        "矿产资源补偿费征收管理规定(1997-07-03).md",
    ));
    let said: Vec<&str> = shares.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(said, ["1:1", "1:1.5"], "{shares:?}");
    assert!(
        shares.iter().all(|(_, subject)| subject.ends_with("比例")),
        "{shares:?}"
    );
    let staff = ratios("养老机构应当配备护理人员，护理人员与失能老人的比例不低于一比四。");
    assert_eq!(staff.len(), 1, "{staff:?}");
    assert_eq!(staff[0].0, "≥1:4");
    // Map scales name 比例尺: no figure among them.
    let maps = "（三）测制和更新1:500、1:1000、1:2000国家基本比例尺地图；1∶10000比例尺地形图。";
    assert!(ratios(maps).is_empty(), "{:?}", ratios(maps));
}

/// A lone bound keeps its direction in the figure: 不足3万元 is `<3万元`, 3万元以上 `≥3万元`,
/// 30日内 `≤30日`, 超过三十日 `>30日`.
#[test]
fn a_lone_bound_keeps_its_direction() {
    use guize::numbers::wording::stated;
    let said = |text: &str| -> Vec<String> { figures(text).iter().map(stated).collect() };
    let fines = said(
        "违反本条例规定，违法所得3万元以上的，并处违法所得2倍以上5倍以下的罚款；\
         没有违法所得或者违法所得不足3万元的，并处3万元以上10万元以下的罚款。",
    );
    assert!(fines.contains(&"≥3万元".to_string()), "{fines:?}");
    assert!(fines.contains(&"<3万元".to_string()), "{fines:?}");
    assert!(fines.contains(&"3—10万元".to_string()), "{fines:?}");
    let days = said("行政机关应当自受理申请之日起30日内作出决定；逾期超过三十日的，不予受理。");
    assert_eq!(days, ["≤30日", ">30日"], "{days:?}");
}
