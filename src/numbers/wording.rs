//! The wording of a figure and of a row, shared by every view of the figures table (terminal,
//! report section, CSV, the web page): 1次/两周 一般 ≈2.17次/月.

use super::table::{Cell, Row};
use super::{Bound, Normalized, Quantity, UnitKind};

/// A figure as a reader wants it: value, range and unit, per period (1次/两周, 1—2次/年, 5个工作日).
/// A sum of money is said one way whatever its writing: 1万元, 一万元 and 10000元 are all 1万元.
/// A one-sided bound is written before it, as a range is written between its ends: 不足3万元
/// `<3万元`, 3万元以上 `≥3万元`, 超过30日 `>30日`, 30日内 and 不超过3人 `≤30日`, `≤3人`: a
/// deadline is a ceiling like any other, and 15日内 must not read as 不少于15日.
pub fn stated(q: &Quantity) -> String {
    if q.unit == "比" && q.max.is_none() {
        return format!("{}{}", sign(q.bound, q.strict), ratio(q.value));
    }
    let (low, high, unit) = match money(q.value, q.max, &q.unit) {
        Some((low, high, unit)) => (low, high, unit),
        None => (q.value, q.max, q.unit.as_str()),
    };
    let value = match high {
        Some(m) => format!("{}—{}", fmt_num(low), fmt_num(m)),
        None => format!("{}{}", sign(q.bound, q.strict), fmt_num(low)),
    };
    match &q.per {
        Some(per) => format!("{value}{unit}/{per}"),
        None => format!("{value}{unit}"),
    }
}

/// A sum (or range) of money in the largest of 亿元, 万元 and 元 that states every end of it as a
/// whole number or with up to two decimals (50000元 → 5万元, 5000元—1万元 → 5000—10000元); `None`
/// for a unit that is no money.
fn money(value: f64, max: Option<f64>, unit: &str) -> Option<(f64, Option<f64>, &'static str)> {
    let per = crate::text::quantity::yuan_per(unit)?;
    let (low, high) = (value * per, max.map(|m| m * per));
    let fits = |scale: f64| {
        std::iter::once(low).chain(high).all(|v| {
            v >= scale && ((v / scale) * 100.0 - ((v / scale) * 100.0).round()).abs() < 1e-6
        })
    };
    let (scale, name) = [(100_000_000.0, "亿元"), (10_000.0, "万元")]
        .into_iter()
        .find(|(scale, _)| fits(*scale))
        .unwrap_or((1.0, "元"));
    Some((low / scale, high.map(|h| h / scale), name))
}

/// A ratio (its first term in percent of its second) said one way whatever its writing, its
/// smaller term 1: 一比四 and 2:8 are both `1:4`, 5∶5 is `1:1`, 三比一 is `3:1`.
fn ratio(percent: f64) -> String {
    if percent <= 100.0 {
        format!("1:{}", fmt_num(100.0 / percent))
    } else {
        format!("{}:1", fmt_num(percent / 100.0))
    }
}

/// The mark of a one-sided bound (`<`, `≤`, `≥`, `>`); empty for an exact, rough or two-ended
/// figure.
pub fn sign(bound: Bound, strict: bool) -> &'static str {
    match (bound, strict) {
        (Bound::AtMost, true) => "<",
        (Bound::AtMost, false) => "≤",
        (Bound::AtLeast, false) => "≥",
        (Bound::AtLeast, true) => ">",
        _ => "",
    }
}

/// The normalised figure when it says more than the stated one (≈2.17次/月 next to 1次/两周,
/// ≈7天 next to 5个工作日); None when the figure is already on the common scale.
pub fn normalized(q: &Quantity) -> Option<String> {
    let Normalized { value, max, unit } = q.normalized?;
    // Years are read as they are written (3年, not ≈1095.75天).
    let already = match q.kind {
        UnitKind::Times => q.per.as_deref() == Some("月"),
        // Hours a day (每天不少于八小时) are on the scale as written.
        UnitKind::Duration if unit == "小时/天" => {
            q.unit == "小时" && matches!(q.per.as_deref(), Some("天" | "日"))
        }
        UnitKind::Duration if unit == "天/年" => {
            matches!(q.unit.as_str(), "天" | "日") && q.per.as_deref() == Some("年")
        }
        UnitKind::Duration => matches!(q.unit.as_str(), "天" | "日" | "年"),
        _ => true,
    };
    if already {
        return None;
    }
    // A month is about 30.44 days: a duration of ten days or more is shown in whole days
    // (3个月 ≈91天), since its decimals would claim a precision the rule does not have.
    let whole = q.kind == UnitKind::Duration && unit != "小时/天" && value >= 10.0;
    let show = |v: f64| {
        if whole {
            format!("{}", v.round())
        } else {
            fmt_num(v)
        }
    };
    let range = match max {
        Some(m) => format!("{}—{}", show(value), show(m)),
        None => show(value),
    };
    // A duration counted per period (每年调研不少于两个月) stays per that period.
    let per = match (&q.per, q.kind) {
        (Some(per), UnitKind::Duration) if unit == "天" => format!("/{per}"),
        // Already per a period (小时/天, 天/年).
        _ => String::new(),
    };
    Some(format!("≈{range}{unit}{per}"))
}

/// Up to two decimals, trailing zeros dropped (2, 2.17, 0.5).
pub fn fmt_num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `subject`, `subject（measure）` where the group has several rows of the subject, and `#2`
/// after a second row of the same name.
pub fn row_subject(row: &Row) -> String {
    let mut s = match &row.measure {
        Some(m) => format!("{}（{m}）", row.subject),
        None => row.subject.clone(),
    };
    if row.nth > 0 {
        s.push_str(&format!(" #{}", row.nth + 1));
    }
    s
}

/// A row's heading: its subject ([`row_subject`]), then, when it says more, the label of its
/// clause groups in brackets, `gap` between (`罚款·金额 [法律责任·燃放烟花爆竹]`): rows of one
/// subject (fines for different conduct) are told apart by it.
pub fn row_title(row: &Row, gap: &str) -> String {
    let subject = row_subject(row);
    if row.label == row.subject {
        subject
    } else {
        format!("{subject}{gap}[{}]", row.label)
    }
}

/// Stated figure, its qualifier and the normalised value: `1次/两周 一般 ≈2.17次/月`.
pub fn figure(cell: &Cell) -> String {
    let Some(p) = &cell.provision else {
        return String::new();
    };
    let q = &p.quantity;
    let mut s = stated(q);
    if let Some(n) = normalized(q) {
        s.push(' ');
        s.push_str(&n);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::{money, ratio, sign};
    use crate::numbers::Bound;

    #[test]
    fn a_ratio_is_said_with_its_smaller_term_one() {
        assert_eq!(ratio(25.0), "1:4");
        assert_eq!(ratio(100.0), "1:1");
        assert_eq!(ratio(300.0), "3:1");
        assert_eq!(ratio(100.0 / 30.0), "1:30");
    }

    #[test]
    fn a_one_sided_bound_is_marked_and_a_strict_one_apart() {
        assert_eq!(sign(Bound::AtMost, true), "<");
        assert_eq!(sign(Bound::AtMost, false), "≤");
        assert_eq!(sign(Bound::AtLeast, false), "≥");
        assert_eq!(sign(Bound::AtLeast, true), ">");
        assert_eq!(sign(Bound::Between, false), "");
        assert_eq!(sign(Bound::Exact, false), "");
    }

    #[test]
    fn a_sum_of_money_is_said_one_way() {
        // 1万元以上10万元以下, 一万元以上十万元以下 and 10000元以上100000元以下.
        assert_eq!(
            money(1.0, Some(10.0), "万元"),
            Some((1.0, Some(10.0), "万元"))
        );
        assert_eq!(
            money(10000.0, Some(100000.0), "元"),
            Some((1.0, Some(10.0), "万元"))
        );
        // 5000元以上1万元以下: the lower end is no whole 万.
        assert_eq!(
            money(5000.0, Some(10000.0), "元"),
            Some((5000.0, Some(10000.0), "元"))
        );
        assert_eq!(money(2.0, None, "亿元"), Some((2.0, None, "亿元")));
        assert_eq!(money(15000.0, None, "元"), Some((1.5, None, "万元")));
        assert_eq!(money(3.0, None, "次"), None);
    }
}
