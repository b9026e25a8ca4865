//! Lexing of quantities in Chinese text: a number (Arabic, full-width, Chinese, fraction, percentage,
//! range) and the unit after it, with byte offsets. Knows nothing of articles, subjects or qualifiers.
//! Never panics on any input.

use super::numeral::{self, arabic_digit, arabic_prefix, is_chinese_numeral, is_numeral_char};
use serde::Serialize;
use std::ops::Range;

/// What a unit measures; decides how a quantity is normalised and what aspect it sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnitKind {
    /// 个工作日, 天, 日, 小时, 周, 个月, 年…
    Duration,
    /// 字, 页: the length of a text.
    Length,
    /// 次: how many times (a frequency once a `per` is attached).
    Times,
    /// 人, 名, 位, 个, 项, 种, 件, 期, 届: a count of things.
    Count,
    /// %, ％, 分之, 百分之.
    Share,
    /// 元, 万元.
    Money,
    /// 周岁, 岁: an age.
    Age,
    /// 倍: a multiple of something else (a fine of 二倍以上五倍以下 the illegal income).
    Ratio,
    /// 摄氏度, ℃: a temperature (a heated room's 十八摄氏度).
    Temperature,
    /// 分贝: a sound level.
    Sound,
    /// 米, 千米, 公里: a distance or height.
    Distance,
    /// 平方米, 公顷, 亩: an area.
    Area,
    /// 吨, 千克, 公斤: a mass.
    Mass,
    /// 立方米, 升, 毫升: a volume (of water, of blood given).
    Volume,
}

/// One unit spelling: what follows the number, its canonical name and its kind.
struct UnitDef {
    text: &'static str,
    name: &'static str,
    kind: UnitKind,
}

const fn u(text: &'static str, name: &'static str, kind: UnitKind) -> UnitDef {
    UnitDef { text, name, kind }
}

/// Longest spellings first, so 个工作日 wins over 个 and 个月 over 个.
/// `月` alone is deliberately absent: after a number it is a calendar month (3月16日); a length of
/// months is written 个月.
const UNITS: &[UnitDef] = &[
    u("个工作日", "个工作日", UnitKind::Duration),
    u("工作日", "个工作日", UnitKind::Duration),
    u("个小时", "小时", UnitKind::Duration),
    u("个星期", "周", UnitKind::Duration),
    u("个季度", "季度", UnitKind::Duration),
    u("个月", "个月", UnitKind::Duration),
    u("小时", "小时", UnitKind::Duration),
    u("分钟", "分钟", UnitKind::Duration),
    u("周岁", "周岁", UnitKind::Age),
    u("星期", "周", UnitKind::Duration),
    u("季度", "季度", UnitKind::Duration),
    u("万元", "万元", UnitKind::Money),
    u("萬元", "万元", UnitKind::Money),
    u("亿元", "亿元", UnitKind::Money),
    u("億元", "亿元", UnitKind::Money),
    u("摄氏度", "℃", UnitKind::Temperature),
    u("℃", "℃", UnitKind::Temperature),
    u("°C", "℃", UnitKind::Temperature),
    u("分贝", "分贝", UnitKind::Sound),
    u("平方千米", "平方千米", UnitKind::Area),
    u("平方公里", "平方千米", UnitKind::Area),
    u("平方米", "平方米", UnitKind::Area),
    u("公顷", "公顷", UnitKind::Area),
    u("立方米", "立方米", UnitKind::Volume),
    u("毫升", "毫升", UnitKind::Volume),
    u("亩", "亩", UnitKind::Area),
    u("千米", "千米", UnitKind::Distance),
    u("公里", "千米", UnitKind::Distance),
    u("厘米", "厘米", UnitKind::Distance),
    u("毫米", "毫米", UnitKind::Distance),
    u("米", "米", UnitKind::Distance),
    u("千克", "千克", UnitKind::Mass),
    u("公斤", "千克", UnitKind::Mass),
    u("毫克", "毫克", UnitKind::Mass),
    u("吨", "吨", UnitKind::Mass),
    u("升", "升", UnitKind::Volume),
    u("天", "天", UnitKind::Duration),
    u("日", "日", UnitKind::Duration),
    u("周", "周", UnitKind::Duration),
    u("年", "年", UnitKind::Duration),
    u("字", "字", UnitKind::Length),
    u("页", "页", UnitKind::Length),
    u("倍", "倍", UnitKind::Ratio),
    u("届", "届", UnitKind::Count),
    u("次", "次", UnitKind::Times),
    u("人", "人", UnitKind::Count),
    u("名", "名", UnitKind::Count),
    u("位", "位", UnitKind::Count),
    u("个", "个", UnitKind::Count),
    u("项", "项", UnitKind::Count),
    u("种", "种", UnitKind::Count),
    u("件", "件", UnitKind::Count),
    u("期", "期", UnitKind::Count),
    u("元", "元", UnitKind::Money),
    u("岁", "岁", UnitKind::Age),
    u("%", "%", UnitKind::Share),
    u("％", "%", UnitKind::Share),
];

/// A number followed by its unit, as found in the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawQuantity {
    /// The value; for a range its lower end. Shares are in percent (二分之一 → 50).
    pub value: f64,
    /// The upper end of a range (1—2次).
    pub max: Option<f64>,
    /// Canonical unit name (工作日 → 个工作日, 星期 → 周, ％ → %).
    pub unit: &'static str,
    /// What the unit measures.
    pub kind: UnitKind,
    /// Byte range of the number (including a leading 百分之).
    pub num_start: usize,
    /// Byte just past the number.
    pub num_end: usize,
    /// Byte offset just past the unit.
    pub end: usize,
    /// True when the number is written in Chinese numerals.
    pub chinese: bool,
}

/// Every number-with-unit in `text`, in order. Numbers without a unit (12345, 〔2022〕, （一）) are
/// not returned; telling dates, ordinals and slogans from quantities is the caller's job.
pub(crate) fn quantities(text: &str) -> Vec<RawQuantity> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        // A number starts only where the previous character is not itself part of a number.
        let starts_number = is_number_start(&text[pos..]) && !ends_with_number_char(&text[..pos]);
        if starts_number && let Some(q) = quantity_at(text, pos) {
            pos = q.end;
            out.push(q);
            continue;
        }
        pos += c.len_utf8();
    }
    out
}

fn quantity_at(text: &str, start: usize) -> Option<RawQuantity> {
    let first = number_at(text, start)?;
    if let Some(q) = ratio_at(text, start, &first) {
        return Some(q);
    }
    let mut max = None;
    let mut end = first.end;
    let mut value = first.value;
    // 1—2次: the range comes before the unit.
    if let Some(second) = range_end_at(text, end).filter(|n| n.share == first.share) {
        // 二至五万元, 三至五千元: the lower end is said in the upper end's 万 or 千.
        value *= shared_multiplier(&text[start..first.end], &text[..second.end], first.value)
            .filter(|m| first.value * m <= second.value)
            .unwrap_or(1.0);
        max = Some(second.value);
        end = second.end;
    }
    let (unit, kind, unit_end) = if first.share {
        ("%", UnitKind::Share, end)
    } else {
        let unit_start = skip_spaces(text, end);
        let unit = unit_at(text, unit_start)?;
        (unit.name, unit.kind, unit_start + unit.text.len())
    };
    let mut q = RawQuantity {
        value,
        max,
        unit,
        kind,
        num_start: start,
        num_end: end,
        end: unit_end,
        chinese: first.chinese,
    };
    // 三十年至五十年, 一人至三人, 十分之一至五分之一: the unit is written at both ends.
    if max.is_none()
        && let Some((high, high_end)) = unit_range_end(text, unit_end, &first, unit)
    {
        q.max = Some(high);
        q.end = high_end;
    }
    Some(q)
}

/// Ways a ratio's two terms are joined (一比四, 1:4, 1∶4, 1：4).
const RATIO_MARKS: &[&str] = &["比", ":", "∶", "："];

/// A ratio of two numerals (护理人员与失能老人的比例不低于一比四, 分成比例为5∶5) read as one share:
/// its value is the first term in percent of the second (一比四 → 25), its unit `比`. Only where
/// the clause names a proportion (比例, 配比) before the ratio or right after it (按照1:1的比例),
/// and never a map's scale (1∶10000比例尺): 一比一 in a name, 对比 and 相比 are no ratios.
fn ratio_at(text: &str, start: usize, first: &Number) -> Option<RawQuantity> {
    if first.share || first.value <= 0.0 {
        return None;
    }
    let at = skip_spaces(text, first.end);
    let mark = RATIO_MARKS.iter().find(|m| text[at..].starts_with(**m))?;
    let second_at = skip_spaces(text, at + mark.len());
    if !is_number_start(&text[second_at..]) {
        return None;
    }
    let second = number_at(text, second_at).filter(|n| !n.share && n.value > 0.0)?;
    let clause_start = text[..start]
        .rfind(['，', '。', '；', '！', '？', '\n', ',', ';'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let before = &text[clause_start..start];
    let after = &text[second.end..];
    let after = after.strip_prefix('的').unwrap_or(after);
    let names_proportion = |s: &str| {
        s.match_indices("比例")
            .any(|(i, w)| !s[i + w.len()..].starts_with('尺'))
            || s.contains("配比")
    };
    let is_scale = after.starts_with("比例尺") || after.starts_with("基本比例尺");
    let named = names_proportion(before)
        || ((after.starts_with("比例") || after.starts_with("配比")) && !is_scale);
    if !named || is_scale {
        return None;
    }
    Some(RawQuantity {
        value: first.value / second.value * 100.0,
        max: None,
        unit: "比",
        kind: UnitKind::Share,
        num_start: start,
        num_end: second.end,
        end: second.end,
        chinese: first.chinese,
    })
}

/// The unit written at `pos`, longest spelling first. 升 opens words of its own (一升级, 再升高,
/// 升降): it is a litre only when no such word goes on from it.
fn unit_at(text: &str, pos: usize) -> Option<&'static UnitDef> {
    let rest = &text[pos..];
    UNITS.iter().find(|u| rest.starts_with(u.text)).filter(|u| {
        u.text != "升"
            || !rest["升".len()..].starts_with(|c: char| "级高降值格学温旗华迁任职".contains(c))
    })
}

/// The multiplier (千, 万, 亿) that ends a range's upper end (`upto` ends where it does) and that
/// the lower end `low` does not write itself: 二至五万 says 二万 to 五万. `None` otherwise.
fn shared_multiplier(low: &str, upto: &str, low_value: f64) -> Option<f64> {
    let m = match upto.chars().next_back()? {
        '千' => 1_000.0,
        '万' | '萬' => 10_000.0,
        '亿' | '億' => 100_000_000.0,
        _ => return None,
    };
    let writes_own = low.contains(['千', '万', '萬', '亿', '億'])
        || !low
            .chars()
            .any(|c| c.is_ascii_digit() || is_numeral_char(c));
    (!writes_own && low_value > 0.0 && low_value < 10_000.0).then_some(m)
}

/// The upper end of a range written with its unit again after a connector, and where it ends.
fn unit_range_end(text: &str, pos: usize, first: &Number, unit: &str) -> Option<(f64, usize)> {
    let second = range_end_at(text, pos).filter(|n| n.share == first.share)?;
    if first.share {
        return Some((second.value, second.end));
    }
    let unit_start = skip_spaces(text, second.end);
    let again = unit_at(text, unit_start)?;
    let end = unit_start + again.text.len();
    if again.name == unit {
        return Some((second.value, end));
    }
    // 5000元至1万元: the upper end in 万元, read in the lower end's 元.
    if let (Some(low), Some(high)) = (yuan_per(unit), yuan_per(again.name)) {
        return Some((second.value * high / low, end));
    }
    // 十五日至一个月: a duration's upper end in a longer unit, read in the lower end's, in whole
    // units from ten up (一个月 is about 30 days; its decimals would claim a precision the rule
    // does not have). An upper end below the lower (三年至五天) is no range.
    let (low, high) = (days_per_unit(unit)?, days_per_unit(again.name)?);
    let top = second.value * high / low;
    let top = if top >= 10.0 { top.round() } else { top };
    (top > first.value).then_some((top, end))
}

/// How many 元 one of a money unit is (元 1, 万元 10000); `None` for other units.
pub(crate) fn yuan_per(unit: &str) -> Option<f64> {
    match unit {
        "元" => Some(1.0),
        "万元" => Some(10_000.0),
        "亿元" => Some(100_000_000.0),
        _ => None,
    }
}

/// `—2`, `-2`, `至2`, `～2` after a number: the upper end of a range.
fn range_end_at(text: &str, pos: usize) -> Option<Number> {
    let p = skip_spaces(text, pos);
    let rest = &text[p..];
    let dash = ["——", "—", "–", "-", "－", "~", "～", "至", "到"]
        .iter()
        .find(|d| rest.starts_with(*d))?;
    let q = skip_spaces(text, p + dash.len());
    number_at(text, q)
}

/// A parsed number: value, end offset, and whether it is a share (fraction or percentage).
struct Number {
    value: f64,
    end: usize,
    share: bool,
    chinese: bool,
}

fn number_at(text: &str, start: usize) -> Option<Number> {
    let rest = &text[start..];
    if let Some(after) = rest.strip_prefix("百分之") {
        let (v, len) = chinese_or_arabic(after)?;
        return Some(Number {
            value: v,
            end: start + "百分之".len() + len,
            share: true,
            chinese: true,
        });
    }
    // 万分之五 (a daily surcharge): a denominator the numeral parser does not read alone.
    if let Some(after) = rest.strip_prefix("万分之") {
        let (v, len) = chinese_or_arabic(after)?;
        return Some(Number {
            value: v / 100.0,
            end: start + "万分之".len() + len,
            share: true,
            chinese: true,
        });
    }
    if rest.starts_with("半数") {
        // 半数以上, 过半数: half of the members.
        return Some(Number {
            value: 50.0,
            end: start + "半数".len(),
            share: true,
            chinese: true,
        });
    }
    if rest.starts_with("全额") {
        // 全额退还, 退还…全额热费: the whole amount, a share of 100%.
        return Some(Number {
            value: 100.0,
            end: start + "全额".len(),
            share: true,
            chinese: true,
        });
    }
    if rest.starts_with('半') {
        // 半 alone is one half (半年, 半天); it never starts a longer number.
        return Some(Number {
            value: 0.5,
            end: start + '半'.len_utf8(),
            share: false,
            chinese: true,
        });
    }
    let (value, len) = chinese_or_arabic(rest)?;
    let chinese = !rest.starts_with(|c: char| arabic_digit(c).is_some());
    let end = start + len;
    // 二分之一: denominator 二, numerator 一.
    if chinese && let Some(after) = text[end..].strip_prefix("分之") {
        let (num, nlen) = numeral::chinese_prefix(after)?;
        if value == 0.0 {
            return None;
        }
        return Some(Number {
            value: num / value * 100.0,
            end: end + "分之".len() + nlen,
            share: true,
            chinese: true,
        });
    }
    Some(Number {
        value,
        end,
        share: false,
        chinese,
    })
}

/// An Arabic (ASCII or full-width, optional decimals) or Chinese number at the start of `s`;
/// a Chinese one with its decimals too (一点二 → 1.2, 零点八 → 0.8: fees and areas are written so).
fn chinese_or_arabic(s: &str) -> Option<(f64, usize)> {
    if s.starts_with(|c: char| arabic_digit(c).is_some()) {
        arabic_prefix(s)
    } else {
        numeral::chinese_prefix(s)
    }
}

fn is_number_start(s: &str) -> bool {
    let Some(c) = s.chars().next() else {
        return false;
    };
    arabic_digit(c).is_some()
        || is_chinese_numeral(c)
        || c == '半'
        || s.starts_with("全额")
        || s.starts_with("百分之")
        || s.starts_with("万分之")
}

fn ends_with_number_char(s: &str) -> bool {
    let mut back = s.chars().rev();
    back.next().is_some_and(|c| {
        arabic_digit(c).is_some()
            || is_chinese_numeral(c)
            || c == '.'
            || c == '．'
            // 一点|二: the decimal part of a Chinese number never starts a number of its own.
            || (c == '点' && back.next().is_some_and(is_chinese_numeral))
    })
}

/// Spaces that PDF extraction leaves between digits and Chinese (每月召开 2 次).
pub(crate) fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == '\t' || c == '\u{a0}'
}

pub(crate) fn skip_spaces(text: &str, mut pos: usize) -> usize {
    while let Some(c) = text[pos..].chars().next() {
        if !is_space(c) {
            break;
        }
        pos += c.len_utf8();
    }
    pos
}

/// The period after a 每 (每两周 → 两周), its length in months when it is a span of time.
#[derive(Debug, Clone, PartialEq)]
pub struct Per {
    /// As written after 每, with 星期 spelled 周 (两周, 月, 半年, 期).
    pub text: String,
    /// Length in months (两周 ≈ 0.46); None for non-time units such as 期.
    pub months: Option<f64>,
    /// Byte range of 每 and its period in the clause.
    pub start: usize,
    /// Byte just past the period.
    pub end: usize,
    /// A weekday after 每周 (每周五 → 五), which is not a count.
    pub weekday: Option<char>,
}

/// Days in an average month; used to put weeks, days and years on one scale.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// Calendar days in one unit; a working week of five days is seven calendar days.
pub(crate) fn days_per_unit(unit: &str) -> Option<f64> {
    Some(match unit {
        "个工作日" => 7.0 / 5.0,
        "天" | "日" => 1.0,
        "周" => 7.0,
        "个月" => DAYS_PER_MONTH,
        "季度" => 3.0 * DAYS_PER_MONTH,
        "年" => 365.25,
        "小时" => 1.0 / 24.0,
        "分钟" => 1.0 / 1440.0,
        _ => return None,
    })
}

/// Period words after 每 and their length in months (None: a unit, not a span of time); longest
/// first.
const PERIODS: &[(&str, &str, Option<f64>)] = &[
    ("半年", "半年", Some(6.0)),
    // A school year and a term: 每学年至少举办一次运动会 is once a school year.
    ("学年", "学年", Some(12.0)),
    ("学期", "学期", Some(6.0)),
    ("半个月", "半月", Some(0.5)),
    ("半月", "半月", Some(0.5)),
    ("季度", "季度", Some(3.0)),
    ("个月", "月", Some(1.0)),
    ("星期", "周", Some(7.0 / DAYS_PER_MONTH)),
    ("年度", "年", Some(12.0)),
    ("年", "年", Some(12.0)),
    ("季", "季度", Some(3.0)),
    ("月", "月", Some(1.0)),
    ("旬", "旬", Some(10.0 / DAYS_PER_MONTH)),
    ("周", "周", Some(7.0 / DAYS_PER_MONTH)),
    ("天", "天", Some(1.0 / DAYS_PER_MONTH)),
    ("日", "日", Some(1.0 / DAYS_PER_MONTH)),
    // 每秒四米, 每小时六十公里: a distance per a span of time is a speed.
    ("小时", "小时", Some(1.0 / 24.0 / DAYS_PER_MONTH)),
    ("分钟", "分钟", Some(1.0 / 1440.0 / DAYS_PER_MONTH)),
    ("秒", "秒", Some(1.0 / 86400.0 / DAYS_PER_MONTH)),
    ("期", "期", None),
    ("人", "人", None),
    // What a fee or a quota is counted per (每平方米一点二元, 每户, 每吨): not spans of time.
    ("平方米", "平方米", None),
    ("立方米", "立方米", None),
    ("公斤", "公斤", None),
    ("千克", "千克", None),
    ("亩", "亩", None),
    ("户", "户", None),
    ("只", "只", None),
    // 每株五万元以上十万元以下: a fine per tree.
    ("株", "株", None),
    ("棵", "棵", None),
    ("吨", "吨", None),
];

/// Every 每 + period in `clause`, in order.
pub fn periods(clause: &str) -> Vec<Per> {
    clause
        .match_indices('每')
        .filter_map(|(i, m)| period_at(clause, i, i + m.len()))
        .collect()
}

fn period_at(clause: &str, start: usize, after_mei: usize) -> Option<Per> {
    let rest = &clause[after_mei..];
    // Optional count of periods: 每两周, 每2周, 每3个月.
    let (count, count_len) = period_count(rest);
    let rest_unit = &rest[count_len..];
    let (word, name, months) = PERIODS.iter().find(|(w, _, _)| rest_unit.starts_with(w))?;
    let mut end = after_mei + count_len + word.len();
    let mut weekday = None;
    if *name == "周" && count_len == 0 {
        // 每周五下午 / 每星期一上午 is a weekday; 每周五次 is five times a week.
        let tail = &clause[end..];
        let mut cs = tail.chars();
        if let Some(d) = cs.next().filter(|d| "一二三四五六日天".contains(*d)) {
            let next = cs.next();
            let is_count = next.is_some_and(|n| "次个天日".contains(n));
            if !is_count {
                weekday = Some(d);
                end += d.len_utf8();
            }
        }
    }
    let text = format!("{}{}", &rest[..count_len], name);
    Some(Per {
        text,
        months: months.map(|m| m * count),
        start,
        end,
        weekday,
    })
}

fn period_count(rest: &str) -> (f64, usize) {
    let mut chars = rest.char_indices();
    match chars.next() {
        Some((_, c)) if arabic_digit(c).is_some() => {
            let len = rest
                .char_indices()
                .take_while(|(_, c)| arabic_digit(*c).is_some())
                .map(|(i, c)| i + c.len_utf8())
                .last()
                .unwrap_or(0);
            let v = rest[..len]
                .chars()
                .filter_map(arabic_digit)
                .fold(0.0, |acc, d| acc * 10.0 + f64::from(d));
            (v, len)
        }
        // 每两周, 每三个月, 每十五日, 每五年: any count written before a period word (a count
        // before anything else is no period: the caller finds no period word after it).
        Some((_, c)) if is_chinese_numeral(c) => match numeral::chinese_prefix(rest) {
            Some((v, len))
                if v > 0.0 && PERIODS.iter().any(|(w, _, _)| rest[len..].starts_with(w)) =>
            {
                (v, len)
            }
            _ => (1.0, 0),
        },
        _ => (1.0, 0),
    }
}

/// Excludes what only looks like a quantity: ordinals, dates, parts of a 每-period, word-internal
/// numerals, quoted slogans and idioms.
pub(crate) fn is_figure(sentence: &str, raw: &RawQuantity) -> bool {
    let before = sentence[..raw.num_start].trim_end_matches(is_space);
    let prev = before.chars().next_back();
    let after_unit = &sentence[raw.end..];
    let is_ordinal = prev == Some('第');
    let is_period = prev == Some('每');
    let is_year = raw.unit == "年" && raw.value >= 1000.0;
    let is_day_of_month = raw.unit == "日" && prev == Some('月');
    // 统一, 同一, 唯一, 进一步, 周五, 上半年: the numeral belongs to a word.
    let first = sentence[raw.num_start..].chars().next();
    let is_word_part = raw.chinese
        && prev.is_some_and(|c| match first {
            Some('半') => "上下多大前后".contains(c),
            _ => "统同唯进逐某单之其另专周初".contains(c),
        });
    // 一次性, 一体化.
    let is_adjective = after_unit.starts_with('性');
    // 二年级 (a school grade), 下一年度 / 上一年 (the next or last year), 四周 (all around:
    // 绿地四周明显位置) unless a span of time follows (四周内, 四周后, 四周以上).
    let is_not_time = raw.unit == "年" && after_unit.starts_with(['级', '龄'])
        || raw.chinese
            && raw.value == 1.0
            && matches!(prev, Some('上' | '下'))
            && !before.ends_with("以上")
            && !before.ends_with("以下")
        || raw.chinese
            && raw.value == 4.0
            && raw.unit == "周"
            && sentence[raw.num_start..].starts_with("四周")
            && !after_unit.starts_with(['内', '后', '以', '前', '左', '至', '到'])
            && !before.ends_with(['为', '满', '过', '近', '达', '约']);
    !(is_ordinal
        || is_not_time
        || is_period
        || is_year
        || is_day_of_month
        || is_word_part
        || is_adjective
        || is_in_short_quote(sentence, raw.num_start))
}

/// True when `pos` lies inside a short quotation (“四个意识”, “一岗双责”, “每天绽放新精彩”):
/// slogans are names.
pub(crate) fn is_in_short_quote(sentence: &str, pos: usize) -> bool {
    const MAX_CHARS: usize = 12;
    let open = sentence[..pos].rfind(['“', '「', '"']);
    let Some(open) = open else {
        return false;
    };
    let between = &sentence[open..pos];
    if between.contains(['”', '」']) || between.chars().count() > MAX_CHARS {
        return false;
    }
    let close = sentence[pos..].find(['”', '」', '"']);
    close.is_some_and(|c| sentence[pos..pos + c].chars().count() <= MAX_CHARS)
}

/// Byte ranges of everything in `text` that states a quantity, in order and merged where they
/// overlap: the figures of each sentence (numbers with their unit that `is_figure` keeps: no
/// ordinal, date, year, slogan or numeral inside a word) and periods after 每 ([`periods`],
/// 每两周): every figure the lexer sees. `compare` marks `numbers::figure_spans`, these after
/// numbers' rule that a count needs a bound (一个地方 is none).
pub fn quantity_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = Vec::new();
    for s in crate::text::sentence::sentence_spans(text) {
        let sentence = &text[s.clone()];
        spans.extend(
            quantities(sentence)
                .into_iter()
                .filter(|q| is_figure(sentence, q))
                .map(|q| s.start + q.num_start..s.start + q.end),
        );
    }
    spans.extend(periods(text).into_iter().map(|p| p.start..p.end));
    spans.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for r in spans {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> RawQuantity {
        quantities(text).into_iter().next().expect("a quantity")
    }

    #[test]
    fn a_ratio_named_a_proportion_is_one_share() {
        let q = first("护理人员与失能老人的比例不低于一比四");
        assert_eq!((q.value, q.unit, q.kind), (25.0, "比", UnitKind::Share));
        let text = "护理人员与失能老人的比例不低于一比四";
        assert_eq!(&text[q.num_start..q.end], "一比四");
        for written in ["比例为1:4", "比例为1∶4", "按照1：4的比例配备"] {
            let q = first(written);
            assert_eq!((q.value, q.unit), (25.0, "比"), "{written}");
        }
        // Without a proportion named, or on a map's scale, no ratio is read.
        for not in [
            "一比一复制",
            "与上年相比一比较",
            "测制1∶10000比例尺地图",
            "测制和更新1∶2000至1∶500基本比例尺地图",
        ] {
            assert!(
                quantities(not).iter().all(|q| q.unit != "比"),
                "{not}: {:?}",
                quantities(not)
            );
        }
    }

    #[test]
    fn chinese_numerals_have_their_value() {
        for (text, value) in [
            ("九十五次", 95.0),
            ("一千五百字", 1500.0),
            ("两周", 2.0),
            ("十天", 10.0),
            ("每平方米一点二元", 1.2),
            ("每平方米零点八元", 0.8),
            ("标准的一点五倍", 1.5),
        ] {
            assert_eq!(first(text).value, value, "{text}");
        }
    }

    #[test]
    fn arabic_full_width_and_spaced_numbers_take_their_unit() {
        let q = first("每月召开 2 次");
        assert_eq!((q.value, q.unit), (2.0, "次"));
        let q = first("每两周召开１次");
        assert_eq!(
            (q.value, q.unit),
            (2.0, "周"),
            "两周 is itself a quantity to the lexer"
        );
        let q = first("提前3个工作日报");
        assert_eq!(
            (q.value, q.unit, q.kind),
            (3.0, "个工作日", UnitKind::Duration)
        );
        let q = first("不超过1500字");
        assert_eq!((q.value, q.unit), (1500.0, "字"));
    }

    #[test]
    fn ranges_fractions_and_percentages() {
        let q = first("每年召开1—2次");
        assert_eq!((q.value, q.max, q.unit), (1.0, Some(2.0), "次"));
        let q = first("超过应到人数的二分之一。");
        assert_eq!((q.value, q.unit, q.kind), (50.0, "%", UnitKind::Share));
        let q = first("调研不少于50％。");
        assert_eq!((q.value, q.unit), (50.0, "%"));
        let q = first("百分之三十");
        assert_eq!((q.value, q.unit), (30.0, "%"));
        let q = first("由全体代表的过半数赞成通过");
        assert_eq!((q.value, q.unit), (50.0, "%"));
        let q = first("多十分之一至五分之一");
        assert_eq!((q.value, q.max, q.unit), (10.0, Some(20.0), "%"));
        let q = first("处二至五万元罚款");
        assert_eq!((q.value, q.max, q.unit), (20_000.0, Some(50_000.0), "元"));
        let q = first("处三至五千元罚款");
        assert_eq!((q.value, q.max), (3_000.0, Some(5_000.0)));
        let q = first("处二十至五十万元罚款");
        assert_eq!((q.value, q.max), (200_000.0, Some(500_000.0)));
        let q = first("处五千至一万元罚款");
        assert_eq!((q.value, q.max), (5_000.0, Some(10_000.0)));
        let q = first("一至二十日");
        assert_eq!((q.value, q.max), (1.0, Some(20.0)));
        let q = first("多一人至三人");
        assert_eq!((q.value, q.max, q.unit), (1.0, Some(3.0), "人"));
        let q = first("三十年至五十年");
        assert_eq!((q.value, q.max), (30.0, Some(50.0)));
        assert!(first("三年至五天").max.is_none(), "a range goes up");
        let q = first("责令停业整顿十五日至一个月");
        assert_eq!((q.value, q.max, q.unit), (15.0, Some(30.0), "日"));
        assert_eq!(q.end, "责令停业整顿十五日至一个月".len());
        let q = first("二日至三个工作日");
        assert_eq!((q.value, q.unit), (2.0, "日"));
        assert!(q.max.is_some_and(|m| (m - 4.2).abs() < 1e-9), "{q:?}");
        let q = first("按照工资总额百分之一点五的比例");
        assert_eq!((q.value, q.unit), (1.5, "%"));
        let q = first("千分之零点五");
        assert_eq!((q.value, q.unit), (0.05, "%"));
        let q = first("时间一般不超过半天");
        assert_eq!((q.value, q.unit), (0.5, "天"));
        let q = first("按日加收万分之五的滞纳金");
        assert_eq!((q.value, q.unit), (0.05, "%"));
    }

    #[test]
    fn traditional_myriads_and_hundred_millions_are_money() {
        // 處十萬元以下罰款 (a traditional-script text) states 100000元, as 十万元 does.
        let q = first("處十萬元以下罰款");
        assert_eq!((q.value, q.unit), (100_000.0, "元"));
        let q = first("处5萬元罚款");
        assert_eq!((q.value, q.unit), (5.0, "万元"));
        let q = first("投资一億元以上");
        assert_eq!((q.value, q.unit), (100_000_000.0, "元"));
        let q = first("总额2亿元");
        assert_eq!(
            (q.value, q.unit, yuan_per(q.unit)),
            (2.0, "亿元", Some(1e8))
        );
    }

    #[test]
    fn chinese_decimals_are_one_number() {
        let q = first("每平方米一点二元");
        assert_eq!((q.value, q.unit), (1.2, "元"));
        assert_eq!(quantities("每平方米一点二元").len(), 1);
        let q = first("每平方米零点八元");
        assert_eq!((q.value, q.unit), (0.8, "元"));
        // 点 not followed by digits is no decimal point: 三点要求 has no figure, 九点半 no unit.
        assert!(quantities("提出三点要求").is_empty());
        let q = first("工作一点五小时");
        assert_eq!((q.value, q.unit), (1.5, "小时"));
    }

    #[test]
    fn numbers_without_units_are_not_quantities() {
        assert!(quantities("12345市民服务热线").is_empty());
        assert!(quantities("〔2022〕4号").is_empty());
        assert!(quantities("（一）传达").is_empty());
        assert!(quantities("十九大").is_empty());
    }

    #[test]
    fn spans_cover_number_and_unit() {
        let text = "应至少提前 3 个工作日报";
        let q = first(text);
        assert_eq!(&text[q.num_start..q.num_end], "3");
        assert_eq!(&text[q.num_start..q.end], "3 个工作日");
    }

    #[test]
    fn periods_after_mei() {
        let p = periods("一般每两周召开1次");
        assert_eq!(p[0].text, "两周");
        assert!((p[0].months.unwrap() - 14.0 / DAYS_PER_MONTH).abs() < 1e-9);
        let p = periods("原则上每周五下午召开");
        assert_eq!((p[0].text.as_str(), p[0].weekday), ("周", Some('五')));
        let p = periods("一般每星期一上午召开");
        assert_eq!((p[0].text.as_str(), p[0].weekday), ("周", Some('一')));
        let p = periods("每周五次");
        assert_eq!(p[0].weekday, None);
        let p = periods("每半年召开一次");
        assert_eq!(p[0].months, Some(6.0));
        let p = periods("每期简报");
        assert_eq!((p[0].text.as_str(), p[0].months), ("期", None));
        assert!(periods("每位区政府领导").is_empty());
    }

    #[test]
    fn spans_join_numbers_and_periods() {
        let t = "提前3个工作日，每两周召开1次，不超过5000字，二分之一以上";
        let found: Vec<&str> = quantity_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(found, ["3个工作日", "每两周", "1次", "5000字", "二分之一"]);
        assert!(quantity_spans("统一部署，一般情况").is_empty());
        assert!(
            quantity_spans("坚持“三个代表”，2022年3月16日，第三次会议").is_empty(),
            "slogans, dates, years and ordinals are not quantities"
        );
    }

    #[test]
    fn grades_next_years_and_surroundings_are_no_spans_of_time() {
        let spans = |t: &str| -> Vec<String> {
            quantity_spans(t)
                .into_iter()
                .map(|r| t[r].to_string())
                .collect()
        };
        assert!(spans("建立一、二年级学生接送交接制度").is_empty());
        assert!(
            !spans("于每年十二月三十一日前提交下一年度用水计划")
                .iter()
                .any(|s| s.contains("一年"))
        );
        assert!(spans("在被占绿地四周明显位置公示").is_empty());
        // The same words as spans of time stay figures.
        assert_eq!(spans("应当在四周内完成"), ["四周"]);
        assert_eq!(spans("期限为四周"), ["四周"]);
        assert_eq!(spans("满二年的"), ["二年"]);
        assert_eq!(spans("处五千元以上一万元以下罚款"), ["五千元", "一万元"]);
    }
}
