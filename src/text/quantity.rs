//! Lexing of quantities in Chinese text: a number (Arabic, full-width, Chinese, fraction, percentage,
//! range) and the unit after it, with byte offsets. Knows nothing of articles, subjects or qualifiers.
//! Never panics on any input.

use crate::parse::numeral;
use serde::Serialize;

/// What a unit measures; decides how a quantity is normalised and what aspect it sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 个工作日, 天, 日, 小时, 周, 个月, 年…
    Duration,
    /// 字: the length of a text.
    Length,
    /// 次: how many times (a frequency once a `per` is attached).
    Times,
    /// 人, 名, 位, 个, 项, 种, 件, 期: a count of things.
    Count,
    /// %, ％, 分之, 百分之.
    Share,
    /// 元, 万元.
    Money,
    /// 周岁, 岁: an age.
    Age,
}

/// One unit spelling: what follows the number, its canonical name and its kind.
struct UnitDef {
    text: &'static str,
    name: &'static str,
    kind: Kind,
}

const fn u(text: &'static str, name: &'static str, kind: Kind) -> UnitDef {
    UnitDef { text, name, kind }
}

/// Longest spellings first, so 个工作日 wins over 个 and 个月 over 个.
/// `月` alone is deliberately absent: after a number it is a calendar month (3月16日); a length of
/// months is written 个月.
const UNITS: &[UnitDef] = &[
    u("个工作日", "个工作日", Kind::Duration),
    u("工作日", "个工作日", Kind::Duration),
    u("个小时", "小时", Kind::Duration),
    u("个星期", "周", Kind::Duration),
    u("个季度", "季度", Kind::Duration),
    u("个月", "个月", Kind::Duration),
    u("小时", "小时", Kind::Duration),
    u("分钟", "分钟", Kind::Duration),
    u("周岁", "周岁", Kind::Age),
    u("星期", "周", Kind::Duration),
    u("季度", "季度", Kind::Duration),
    u("万元", "万元", Kind::Money),
    u("天", "天", Kind::Duration),
    u("日", "日", Kind::Duration),
    u("周", "周", Kind::Duration),
    u("年", "年", Kind::Duration),
    u("字", "字", Kind::Length),
    u("次", "次", Kind::Times),
    u("人", "人", Kind::Count),
    u("名", "名", Kind::Count),
    u("位", "位", Kind::Count),
    u("个", "个", Kind::Count),
    u("项", "项", Kind::Count),
    u("种", "种", Kind::Count),
    u("件", "件", Kind::Count),
    u("期", "期", Kind::Count),
    u("元", "元", Kind::Money),
    u("岁", "岁", Kind::Age),
    u("%", "%", Kind::Share),
    u("％", "%", Kind::Share),
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
    pub kind: Kind,
    /// Byte range of the number (including a leading 百分之).
    pub num_start: usize,
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
    let mut max = None;
    let mut end = first.end;
    // 1—2次: the range comes before the unit.
    if let Some(second) = range_end_at(text, end).filter(|n| n.share == first.share) {
        max = Some(second.value);
        end = second.end;
    }
    let (unit, kind, unit_end) = if first.share {
        ("%", Kind::Share, end)
    } else {
        let unit_start = skip_spaces(text, end);
        let unit = UNITS
            .iter()
            .find(|u| text[unit_start..].starts_with(u.text))?;
        (unit.name, unit.kind, unit_start + unit.text.len())
    };
    let mut q = RawQuantity {
        value: first.value,
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

/// The upper end of a range written with its unit again after a connector, and where it ends.
fn unit_range_end(text: &str, pos: usize, first: &Number, unit: &str) -> Option<(f64, usize)> {
    let second = range_end_at(text, pos).filter(|n| n.share == first.share)?;
    if first.share {
        return Some((second.value, second.end));
    }
    let unit_start = skip_spaces(text, second.end);
    let again = UNITS
        .iter()
        .find(|u| text[unit_start..].starts_with(u.text))?;
    (again.name == unit).then_some((second.value, unit_start + again.text.len()))
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
    if rest.starts_with("半数") {
        // 半数以上, 过半数: half of the members.
        return Some(Number {
            value: 50.0,
            end: start + "半数".len(),
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
    let chinese = !rest.starts_with(|c: char| digit_value(c).is_some());
    let end = start + len;
    // 二分之一: denominator 二, numerator 一.
    if chinese && let Some(after) = text[end..].strip_prefix("分之") {
        let (num, nlen) = chinese_numeral_prefix(after)?;
        if value == 0.0 {
            return None;
        }
        return Some(Number {
            value: num as f64 / value * 100.0,
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

/// An Arabic (ASCII or full-width, optional decimals) or Chinese number at the start of `s`.
fn chinese_or_arabic(s: &str) -> Option<(f64, usize)> {
    if s.starts_with(|c: char| digit_value(c).is_some()) {
        arabic_prefix(s)
    } else {
        chinese_numeral_prefix(s).map(|(v, len)| (v as f64, len))
    }
}

fn arabic_prefix(s: &str) -> Option<(f64, usize)> {
    let mut int: f64 = 0.0;
    let mut len = 0;
    let mut chars = s.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        match digit_value(c) {
            Some(d) => {
                int = int * 10.0 + f64::from(d);
                len = i + c.len_utf8();
                chars.next();
            }
            None => break,
        }
    }
    if len == 0 {
        return None;
    }
    // Decimals: 1.5 / 1．5, only when a digit follows the point.
    let after = &s[len..];
    let point = ['.', '．'].into_iter().find(|p| after.starts_with(*p));
    if let Some(p) = point {
        let frac_str = &after[p.len_utf8()..];
        let mut scale = 0.1;
        let mut frac = 0.0;
        let mut flen = 0;
        for (i, c) in frac_str.char_indices() {
            match digit_value(c) {
                Some(d) => {
                    frac += f64::from(d) * scale;
                    scale /= 10.0;
                    flen = i + c.len_utf8();
                }
                None => break,
            }
        }
        if flen > 0 {
            return Some((int + frac, len + p.len_utf8() + flen));
        }
    }
    Some((int, len))
}

/// ASCII or full-width digit value.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A Chinese numeral character (一, 两, 十, 万, 〇…); Arabic digits are read by [`arabic_prefix`].
fn is_chinese_numeral(c: char) -> bool {
    numeral::is_numeral_char(c) && digit_value(c).is_none()
}

/// A Chinese numeral at the start of `s` (九十五, 两, 一千五百, 二〇二二) and its byte length.
fn chinese_numeral_prefix(s: &str) -> Option<(u64, usize)> {
    let len: usize = s
        .chars()
        .take_while(|&c| is_chinese_numeral(c))
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    numeral::parse_number(&s[..len]).map(|v| (u64::from(v), len))
}

fn is_number_start(s: &str) -> bool {
    let Some(c) = s.chars().next() else {
        return false;
    };
    digit_value(c).is_some() || is_chinese_numeral(c) || c == '半' || s.starts_with("百分之")
}

fn ends_with_number_char(s: &str) -> bool {
    s.chars()
        .next_back()
        .is_some_and(|c| digit_value(c).is_some() || is_chinese_numeral(c) || c == '.' || c == '．')
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

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> RawQuantity {
        quantities(text).into_iter().next().expect("a quantity")
    }

    #[test]
    fn chinese_numerals_have_their_value() {
        for (text, value) in [
            ("九十五次", 95.0),
            ("一千五百字", 1500.0),
            ("两周", 2.0),
            ("十天", 10.0),
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
        assert_eq!((q.value, q.unit, q.kind), (3.0, "个工作日", Kind::Duration));
        let q = first("不超过1500字");
        assert_eq!((q.value, q.unit), (1500.0, "字"));
    }

    #[test]
    fn ranges_fractions_and_percentages() {
        let q = first("每年召开1—2次");
        assert_eq!((q.value, q.max, q.unit), (1.0, Some(2.0), "次"));
        let q = first("超过应到人数的二分之一。");
        assert_eq!((q.value, q.unit, q.kind), (50.0, "%", Kind::Share));
        let q = first("调研不少于50％。");
        assert_eq!((q.value, q.unit), (50.0, "%"));
        let q = first("百分之三十");
        assert_eq!((q.value, q.unit), (30.0, "%"));
        let q = first("由全体代表的过半数赞成通过");
        assert_eq!((q.value, q.unit), (50.0, "%"));
        let q = first("多十分之一至五分之一");
        assert_eq!((q.value, q.max, q.unit), (10.0, Some(20.0), "%"));
        let q = first("多一人至三人");
        assert_eq!((q.value, q.max, q.unit), (1.0, Some(3.0), "人"));
        let q = first("三十年至五十年");
        assert_eq!((q.value, q.max), (30.0, Some(50.0)));
        assert!(first("三年至五天").max.is_none(), "units must agree");
        let q = first("时间一般不超过半天");
        assert_eq!((q.value, q.unit), (0.5, "天"));
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
}
