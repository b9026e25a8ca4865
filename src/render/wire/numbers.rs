//! The JSON wire format of `guize numbers --json`: provisions in, stable serde structs out, so the
//! internal types can change without breaking scripts. Writes nothing itself.
//!
//! # Format
//!
//! ```json
//! {"provisions": [{"doc": "lixia", "article": 39, "group": "g12", "group_label": "常务会议·组成",
//!   "subject": "常务会议·召开频次", "value": 1, "max": null, "unit": "次", "per": "两周",
//!   "qualifier": "一般", "bound": "exact", "soft": true, "implicit": false,
//!   "normalized": {"value": 2.17, "max": null, "unit": "次/月"},
//!   "text": "一般每两周召开1次", "sentence": "区政府常务会议一般每两周召开1次，…", "span": [1234, 1260]}]}
//! ```
//!
//! An inserted article (第二条之一) carries `"sub": 1` beside `"article": 2`; others have no `sub`.
//! `group` and `group_label` are null when no alignment places the article in a clause group.
//! `value` and `max` are integers when whole; `normalized.value` is rounded to two decimals.
//! `span` is a byte range into the article's text (`guize articles` prints it).

use crate::align::Alignment;
use crate::numbers::{Bound, Provision};
use serde::Serialize;

/// `guize numbers --json`: every quantitative provision of the documents.
#[derive(Debug, Serialize)]
pub struct ProvisionsJson {
    /// The provisions, in document and article order.
    pub provisions: Vec<ProvisionJson>,
}

/// One figure a document sets, with what it measures and where it is said.
#[derive(Debug, Serialize)]
pub struct ProvisionJson {
    /// The document's id.
    pub doc: String,
    /// The article's number.
    pub article: u32,
    /// The 之一 of an inserted article (第二条之一 → `"article": 2, "sub": 1`); absent for others.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub: Option<u32>,
    /// Which article of that number it is when the document repeats it (2 for 第三条#2);
    /// absent for the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<u32>,
    /// The clause group's id, when aligned.
    pub group: Option<String>,
    /// The clause group's label, when aligned.
    pub group_label: Option<String>,
    /// What the figure measures (常务会议·召开频次).
    pub subject: String,
    /// The figure (the lower end of a range).
    pub value: serde_json::Number,
    /// The upper end of a range (1—2次), else null.
    pub max: Option<serde_json::Number>,
    /// The unit as written (次, 个工作日, 元).
    pub unit: String,
    /// The period of a rate (年 for 每年2次), else null.
    pub per: Option<String>,
    /// Qualifiers in text order (一般不超过, 原则上…以内); empty when none.
    pub qualifier: String,
    /// Whether the figure is `exact`, a ceiling (`at_most`), a floor (`at_least`), `about` or a
    /// range (`between`).
    pub bound: Bound,
    /// True when a hedge (一般, 原则上) softens it.
    pub soft: bool,
    /// True when the number is implied, not written (每年 = once a year).
    pub implicit: bool,
    /// The figure on a common scale, for rates and time limits.
    pub normalized: Option<NormalizedJson>,
    /// The words that state the figure (每两周召开1次).
    pub text: String,
    /// The sentence that states it.
    pub sentence: String,
    /// Byte range of `text` in the text it was extracted from.
    pub span: [usize; 2],
}

/// A rate or time limit on a common scale (≈次/月, ≈天).
#[derive(Debug, Serialize)]
pub struct NormalizedJson {
    /// The figure on the common scale.
    pub value: serde_json::Number,
    /// The upper end of a range, else null.
    pub max: Option<serde_json::Number>,
    /// The common unit (次/月, 天).
    pub unit: String,
}

/// The wire form of `provisions`, with clause groups from `alignment` when given.
pub fn to_json(provisions: &[Provision], alignment: Option<&Alignment>) -> ProvisionsJson {
    let provisions = provisions
        .iter()
        .map(|p| {
            let q = &p.quantity;
            let group = alignment.and_then(|a| p.group(a));
            ProvisionJson {
                doc: p.article.doc.to_string(),
                article: p.article.article,
                sub: (p.article.sub != 0).then_some(p.article.sub),
                occurrence: (p.article.occurrence > 1).then_some(p.article.occurrence),
                group: group.map(|g| g.id.clone()),
                group_label: group.map(|g| g.label.clone()),
                subject: q.subject.clone(),
                value: number(q.value),
                max: q.max.map(number),
                unit: q.unit.clone(),
                per: q.per.clone(),
                qualifier: q.qualifier.clone(),
                bound: q.bound,
                soft: q.soft,
                implicit: q.implicit,
                normalized: q.normalized.map(|n| NormalizedJson {
                    value: number(round2(n.value)),
                    max: n.max.map(|m| number(round2(m))),
                    unit: n.unit.to_string(),
                }),
                text: q.expr.clone(),
                sentence: q.sentence.clone(),
                span: [q.span.start, q.span.end],
            }
        })
        .collect();
    ProvisionsJson { provisions }
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Whole values as JSON integers (1, not 1.0); others as floats.
fn number(v: f64) -> serde_json::Number {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        serde_json::Number::from(v as i64)
    } else {
        serde_json::Number::from_f64(v).unwrap_or_else(|| serde_json::Number::from(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_form_has_the_documented_fields() {
        let provisions =
            crate::numbers::provisions_of("lixia", 39, "区政府常务会议一般每两周召开1次。");
        let v = serde_json::to_value(to_json(&provisions, None)).unwrap();
        let p = &v["provisions"][0];
        assert_eq!(p["doc"], "lixia");
        assert_eq!(p["article"], 39);
        assert_eq!(p["value"], serde_json::json!(1));
        assert_eq!(p["unit"], "次");
        assert_eq!(p["per"], "两周");
        assert_eq!(p["qualifier"], "一般");
        assert_eq!(p["text"], "一般每两周召开1次");
        assert_eq!(p["subject"], "常务会议·召开频次");
        assert_eq!(p["group"], serde_json::Value::Null);
        assert_eq!(p["normalized"]["value"], serde_json::json!(2.17));
        assert_eq!(p["normalized"]["unit"], "次/月");
        assert_eq!(p["bound"], "exact");
    }
}
