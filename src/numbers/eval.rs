//! Scores figure extraction against a hand-checked gold file: gold figures and extracted
//! provisions in, precision, recall and qualifier agreement out. Reads no files itself.

use super::Provision;
use serde::{Deserialize, Serialize};

/// `tests/data/numbers-gold.json`: the documents checked by hand and every figure in them.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// Ids of the documents whose figures are all listed.
    pub docs: Vec<String>,
    /// Every figure of those documents.
    pub provisions: Vec<GoldProvision>,
}

/// One figure as a reader finds it in the text.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldProvision {
    /// The document's id.
    pub doc: String,
    /// The article's number.
    pub article: u32,
    /// The value as written (the lower end of a range).
    pub value: f64,
    /// The canonical unit (个工作日, 次, %).
    pub unit: String,
    /// The period after 每, when there is one (月, 两周).
    pub per: Option<String>,
    /// Qualifier words in text order, `…` between words that are not adjacent.
    pub qualifier: String,
    /// The figure as written.
    pub text: String,
}

/// How extraction scores against the gold file.
#[derive(Debug, Clone, Serialize)]
pub struct Score {
    /// Figures in the gold file.
    pub gold: usize,
    /// Figures extracted from the same documents.
    pub found: usize,
    /// Gold figures matched by an extracted one.
    pub matched: usize,
    /// Matched over found.
    pub precision: f64,
    /// Matched over gold.
    pub recall: f64,
    /// Share of matched figures whose qualifier words agree with the gold ones.
    pub qualifier_agreement: f64,
    /// Gold figures not extracted: `doc:article value+unit 「text」`.
    pub misses: Vec<String>,
    /// Extracted figures not in the gold file.
    pub extras: Vec<String>,
    /// Matched figures whose qualifiers differ.
    pub qualifier_diffs: Vec<String>,
}

/// A gold figure and an extracted one match on document, article, value, unit and period.
fn is_match(g: &GoldProvision, p: &Provision) -> bool {
    let q = &p.quantity;
    p.article.doc.as_str() == g.doc
        && p.article.article == g.article
        && q.unit == g.unit
        && (q.value - g.value).abs() < 1e-6
        && q.per == g.per
}

/// Qualifier words in the same order; where an ellipsis stands does not count.
fn same_words(a: &str, b: &str) -> bool {
    a.replace('…', "") == b.replace('…', "")
}

/// Matches each gold figure to the first unused extracted one, then counts.
pub fn score(gold: &Gold, found: &[Provision]) -> Score {
    let mut used = vec![false; found.len()];
    let mut matched = 0;
    let mut qualifier_ok = 0;
    let mut misses = Vec::new();
    let mut qualifier_diffs = Vec::new();
    for g in &gold.provisions {
        let hit = (0..found.len()).find(|&i| !used[i] && is_match(g, &found[i]));
        let Some(i) = hit else {
            misses.push(format!(
                "{}:{} {}{} 「{}」",
                g.doc, g.article, g.value, g.unit, g.text
            ));
            continue;
        };
        used[i] = true;
        matched += 1;
        if same_words(&found[i].quantity.qualifier, &g.qualifier) {
            qualifier_ok += 1;
        } else {
            qualifier_diffs.push(format!(
                "{}:{} gold 「{}」 found 「{}」",
                g.doc, g.article, g.qualifier, found[i].quantity.qualifier
            ));
        }
    }
    let extras = found
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(p, _)| {
            let q = &p.quantity;
            format!(
                "{}:{} {}{} 「{}」",
                p.article.doc, p.article.article, q.value, q.unit, q.expr
            )
        })
        .collect();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    Score {
        gold: gold.provisions.len(),
        found: found.len(),
        matched,
        precision: ratio(matched, found.len()),
        recall: ratio(matched, gold.provisions.len()),
        qualifier_agreement: ratio(qualifier_ok, matched),
        misses,
        extras,
        qualifier_diffs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scorer_counts_misses_and_extras() {
        let gold: Gold = serde_json::from_str(
            r#"{"docs": ["a"], "provisions": [
                {"doc": "a", "article": 1, "value": 2, "unit": "次", "per": "月", "qualifier": "原则上", "text": "原则上每月召开2次"},
                {"doc": "a", "article": 2, "value": 5, "unit": "个工作日", "per": null, "qualifier": "", "text": "5个工作日"}]}"#,
        )
        .unwrap();
        let found = crate::numbers::provisions_of("a", 1, "原则上每月召开2次。提前3天。");
        let s = score(&gold, &found);
        assert_eq!(
            (s.precision, s.recall, s.qualifier_agreement),
            (0.5, 0.5, 1.0)
        );
        assert_eq!((s.misses.len(), s.extras.len()), (1, 1));
    }
}
