//! The wording of a figure and of a row, shared by every view of the figures table (terminal,
//! report section, CSV, the web page): 1次/两周 一般 ≈2.17次/月.

use super::table::{Cell, Row};
use super::{Normalized, Quantity, UnitKind};

/// A figure as a reader wants it: value, range and unit, per period (1次/两周, 1—2次/年, 5个工作日).
pub fn stated(q: &Quantity) -> String {
    let value = match q.max {
        Some(m) => format!("{}—{}", fmt_num(q.value), fmt_num(m)),
        None => fmt_num(q.value),
    };
    match &q.per {
        Some(per) => format!("{value}{}/{per}", q.unit),
        None => format!("{value}{}", q.unit),
    }
}

/// The normalised figure when it says more than the stated one (≈2.17次/月 next to 1次/两周,
/// ≈7天 next to 5个工作日); None when the figure is already on the common scale.
pub fn normalized(q: &Quantity) -> Option<String> {
    let Normalized { value, max, unit } = q.normalized?;
    // Years are read as they are written (3年, not ≈1095.75天).
    let already = match q.kind {
        UnitKind::Times => q.per.as_deref() == Some("月"),
        UnitKind::Duration => matches!(q.unit.as_str(), "天" | "日" | "年"),
        _ => true,
    };
    if already {
        return None;
    }
    // A month is about 30.44 days: a duration of ten days or more is shown in whole days
    // (3个月 ≈91天), since its decimals would claim a precision the rule does not have.
    let whole = q.kind == UnitKind::Duration && value >= 10.0;
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
        (Some(per), UnitKind::Duration) => format!("/{per}"),
        _ => String::new(),
    };
    Some(format!("≈{range}{unit}{per}"))
}

/// Up to two decimals, trailing zeros dropped (2, 2.17, 0.5).
pub fn fmt_num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `subject`, or `subject #2` for a second figure of the same subject.
pub fn row_subject(row: &Row) -> String {
    if row.nth > 0 {
        format!("{} #{}", row.subject, row.nth + 1)
    } else {
        row.subject.clone()
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
