//! JSON output of a compared group, through wire structs of its own so that internal types can
//! change without breaking scripts.
//!
//! # Format
//!
//! One object:
//!
//! ```json
//! {"group": {"id": "…", "label": "…", "score": 0.9},
//!  "base": "majority",            // or the base document's id
//!  "base_text": "…",              // the text every column is compared against
//!  "columns": [{"doc": "lixia", "district": "历下区", "articles": [39],
//!               "citation": "第八章 完善会议制度 第三十九条", "is_base": false, "similarity": 0.93,
//!               "segments": [{"op": "equal|insert|delete", "text": "…",
//!                             "number": true, "punct": true}]}],
//!  "missing": ["yanzhou"]}
//! ```
//!
//! `insert` is wording only this column has, `delete` base wording it lacks; `number` and `punct`
//! appear (as `true`) only on a changed quantity and on a punctuation-only change.

use super::Render;
use crate::report::{ComparedGroup, CorpusReport};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

#[derive(Serialize)]
struct GroupOut<'a> {
    group: GroupHead<'a>,
    base: &'a str,
    base_text: &'a str,
    columns: Vec<ColumnOut<'a>>,
    missing: Vec<&'a str>,
}

#[derive(Serialize)]
struct GroupHead<'a> {
    id: &'a str,
    label: &'a str,
    score: f32,
}

#[derive(Serialize)]
struct ColumnOut<'a> {
    doc: &'a str,
    district: &'a str,
    articles: Vec<u32>,
    citation: String,
    is_base: bool,
    similarity: f32,
    segments: Vec<SegmentOut<'a>>,
}

#[derive(Serialize)]
struct SegmentOut<'a> {
    op: &'static str,
    text: &'a str,
    #[serde(skip_serializing_if = "is_false")]
    number: bool,
    #[serde(skip_serializing_if = "is_false")]
    punct: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn wire(group: &ComparedGroup) -> GroupOut<'_> {
    GroupOut {
        group: GroupHead {
            id: &group.id,
            label: &group.label,
            score: round3(group.score),
        },
        base: group.base.name(),
        base_text: &group.base_text,
        columns: group
            .columns
            .iter()
            .map(|c| ColumnOut {
                doc: c.doc.id.as_str(),
                district: &c.doc.name,
                articles: c.articles.iter().map(|a| a.number).collect(),
                citation: c.citation(),
                is_base: c.is_base,
                similarity: round3(c.similarity),
                segments: c
                    .segments
                    .iter()
                    .map(|s| SegmentOut {
                        op: s.op.as_str(),
                        text: &s.text,
                        number: s.is_number,
                        punct: s.is_punct,
                    })
                    .collect(),
            })
            .collect(),
        missing: group.missing.iter().map(|d| d.id.as_str()).collect(),
    }
}

/// Three decimals are plenty for a score and keep the output stable across platforms.
fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

impl Render for Json {
    fn compare(&self, out: &mut dyn Write, group: &ComparedGroup) -> io::Result<()> {
        serde_json::to_writer(&mut *out, &wire(group))?;
        writeln!(out)
    }

    /// The report as JSON Lines: one compared group per line.
    fn report(&self, out: &mut dyn Write, report: &CorpusReport) -> io::Result<()> {
        for g in report.groups() {
            self.compare(out, g)?;
        }
        Ok(())
    }
}
