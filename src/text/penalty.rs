//! The tiers of a penalty's cases: a case that only aggravates or bounds the conduct before it
//! (情节严重的, 逾期不改正的, 违法所得五万元以上的) is no conduct of its own. Shared by the figures
//! (which conduct a fine punishes) and the alignment (which offence a penalty states).

/// Words that make a case the repeat or aggravated one.
pub(crate) const AGGRAVATING: &[&str] = &[
    "再次",
    "屡次",
    "多次",
    "拒不",
    "逾期不",
    "逾期未",
    "情节严重",
    "情节较重",
    "情节特别严重",
    "造成严重",
    "后果严重",
];

/// Most characters of a case that is an aggravated tier of the one before (情节严重, 逾期不改正).
const AGGRAVATED_CASE_CHARS: usize = 12;

/// Whether a case of a penalty's paragraph is a tier of the conduct before it rather than a
/// conduct: a short case (at most [`AGGRAVATED_CASE_CHARS`]) that names an [`AGGRAVATING`] word
/// (情节严重, 逾期不改正) or bounds a sum of money (违法所得五万元以上: the fine is then a multiple
/// of the illegal income, for the same conduct). Two fines for different offences share such a
/// tier's words; the conduct is the case before it.
pub(crate) fn is_tier(case: &str) -> bool {
    case.chars().count() <= AGGRAVATED_CASE_CHARS
        && (AGGRAVATING.iter().any(|w| case.contains(w))
            || crate::text::quantity::quantities(case)
                .iter()
                .any(|r| r.kind == crate::text::quantity::UnitKind::Money))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_aggravate_or_bound_money_and_conducts_do_not() {
        assert!(is_tier("情节严重"));
        assert!(is_tier("逾期不改正"));
        assert!(is_tier("违法所得五万元以上"));
        assert!(!is_tier("未取得供热经营许可证从事供热经营活动"));
        assert!(!is_tier("在重污染天气预警期间燃放烟花爆竹"));
    }
}
