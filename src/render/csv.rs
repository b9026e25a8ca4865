//! CSV output (`--format csv`) for the tables people analyse in spreadsheets: the coverage matrix of
//! the report, a compared group (one row per document), the figures of `guize numbers`, search hits
//! and alignment groups. UTF-8 with a byte-order mark, so that Excel reads the Chinese text; quoting
//! by the `csv` crate (RFC 4180). One header row; every row has the header's number of fields.

use super::Render;
use crate::align::Alignment;
use crate::index::SearchReport;
use crate::model::DocId;
use crate::numbers::table::Table as FigureTable;
use crate::report::{ComparedGroup, CorpusReport, Section};
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, Default)]
pub struct Csv;

/// The UTF-8 byte-order mark: without it Excel decodes a CSV file in the locale's code page.
const BOM: &str = "\u{feff}";

/// A CSV writer on `out` that has written the byte-order mark.
fn writer(out: &mut dyn Write) -> io::Result<csv::Writer<&mut dyn Write>> {
    out.write_all(BOM.as_bytes())?;
    Ok(csv::Writer::from_writer(out))
}

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("cannot write CSV: {other:?}")),
    }
}

/// Article numbers of one cell: `39` or `4,5` (empty when the document lacks the matter).
fn numbers(ns: &[u32]) -> String {
    ns.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

impl Render for Csv {
    /// One row per document: `doc, name, articles, citation, similarity, is_base, text`.
    fn compare(&self, out: &mut dyn Write, group: &ComparedGroup) -> io::Result<()> {
        let mut w = writer(out)?;
        w.write_record([
            "doc",
            "name",
            "articles",
            "citation",
            "similarity",
            "is_base",
            "text",
        ])
        .map_err(csv_error)?;
        for c in &group.columns {
            let articles: Vec<u32> = c.articles.iter().map(|a| a.number).collect();
            w.write_record([
                c.doc.id.as_str(),
                &c.doc.name,
                &numbers(&articles),
                &c.citation(),
                &format!("{:.3}", c.similarity),
                if c.is_base { "true" } else { "false" },
                &c.text,
            ])
            .map_err(csv_error)?;
        }
        w.flush()
    }

    /// The coverage matrix: `group, label, documents`, then one column per document (its name)
    /// holding the article numbers of the group, empty where the document lacks the matter.
    fn report(&self, out: &mut dyn Write, report: &CorpusReport) -> io::Result<()> {
        let rows = report
            .sections
            .iter()
            .find_map(|s| match s {
                Section::Coverage(rows) => Some(rows.as_slice()),
                _ => None,
            })
            .unwrap_or(&[]);
        let mut w = writer(out)?;
        let mut header = vec!["group".to_string(), "label".into(), "documents".into()];
        header.extend(report.docs.iter().map(|d| d.name.clone()));
        w.write_record(&header).map_err(csv_error)?;
        for row in rows {
            let mut record = vec![
                row.group.clone(),
                row.label.clone(),
                row.cells
                    .iter()
                    .filter(|c| !c.is_empty())
                    .count()
                    .to_string(),
            ];
            record.extend(row.cells.iter().map(|c| numbers(c)));
            w.write_record(&record).map_err(csv_error)?;
        }
        w.flush()
    }
}

/// Alignment groups: `group, label, score, documents`, then one column per document id with the
/// group's article numbers there.
pub fn write_alignment(out: &mut dyn Write, docs: &[DocId], a: &Alignment) -> io::Result<()> {
    let mut w = writer(out)?;
    let mut header = vec!["group", "label", "score", "documents"];
    header.extend(docs.iter().map(DocId::as_str));
    w.write_record(&header).map_err(csv_error)?;
    for g in &a.groups {
        let mut record = vec![
            g.id.clone(),
            g.label.clone(),
            format!("{:.3}", g.score),
            g.doc_count().to_string(),
        ];
        record.extend(
            docs.iter()
                .map(|d| g.members.get(d).map(|ns| numbers(ns)).unwrap_or_default()),
        );
        w.write_record(&record).map_err(csv_error)?;
    }
    w.flush()
}

/// Search hits: `rank, doc, district, chapter, article, label, score, line_start, line_end,
/// snippet`.
pub fn write_search(out: &mut dyn Write, report: &SearchReport) -> io::Result<()> {
    let mut w = writer(out)?;
    w.write_record([
        "rank",
        "doc",
        "district",
        "chapter",
        "article",
        "label",
        "score",
        "line_start",
        "line_end",
        "snippet",
    ])
    .map_err(csv_error)?;
    for (i, h) in report.hits.iter().enumerate() {
        w.write_record([
            (i + 1).to_string(),
            h.doc.to_string(),
            h.district.clone(),
            h.chapter.label(),
            h.article.to_string(),
            crate::parse::numeral::article_label(h.article),
            format!("{:.3}", h.score),
            h.lines.0.to_string(),
            h.lines.1.to_string(),
            h.snippet.text.clone(),
        ])
        .map_err(csv_error)?;
    }
    w.flush()
}

/// The figures table of `guize numbers`, one line per figure in table order: `row, group_label,
/// subject, doc, name, article, text, value, max, unit, per, qualifier, bound, normalized,
/// normalized_max, normalized_unit, differs, sentence`. `row` numbers the table's rows, so a pivot
/// on `row` × `name` rebuilds the side-by-side table; `differs` is true where the figure departs
/// from what most documents state.
pub fn write_figures(out: &mut dyn Write, table: &FigureTable, names: &[String]) -> io::Result<()> {
    let mut w = writer(out)?;
    w.write_record([
        "row",
        "group_label",
        "subject",
        "doc",
        "name",
        "article",
        "text",
        "value",
        "max",
        "unit",
        "per",
        "qualifier",
        "bound",
        "normalized",
        "normalized_max",
        "normalized_unit",
        "differs",
        "sentence",
    ])
    .map_err(csv_error)?;
    let num = |v: Option<f64>| v.map(|v| format!("{}", round3(v))).unwrap_or_default();
    for (r, row) in table.rows.iter().enumerate() {
        for (d, cell) in row.cells.iter().enumerate() {
            let Some(p) = &cell.provision else { continue };
            let q = &p.quantity;
            let bound = serde_json::to_value(q.bound)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let n = q.normalized;
            w.write_record([
                (r + 1).to_string(),
                row.label.clone(),
                crate::numbers::render::row_subject(row),
                p.doc.to_string(),
                names.get(d).cloned().unwrap_or_default(),
                p.article.to_string(),
                q.expr.clone(),
                num(Some(q.value)),
                num(q.max),
                q.unit.clone(),
                q.per.clone().unwrap_or_default(),
                q.qualifier.clone(),
                bound,
                num(n.map(|n| n.value)),
                num(n.and_then(|n| n.max)),
                n.map(|n| n.unit.to_string()).unwrap_or_default(),
                cell.differs.to_string(),
                q.sentence.clone(),
            ])
            .map_err(csv_error)?;
        }
    }
    w.flush()
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}
