//! The tables people analyse in spreadsheets — the coverage matrix of the report, a compared group
//! (one row per document), the figures of `guize numbers`, search hits and alignment groups — as
//! [`Sheet`]s (a header row and rows of the same width), written as CSV (`--format csv`: UTF-8 with
//! a byte-order mark, so that Excel reads the Chinese text; quoting by the `csv` crate, RFC 4180)
//! or as an Excel workbook (`--format xlsx`, [`super::xlsx`]).

use super::Render;
use crate::align::Alignment;
use crate::index::SearchReport;
use crate::model::DocId;
use crate::numbers::table::FigureTable;
use crate::report::{ComparedGroup, CorpusReport, Section};
use std::io::{self, Write};

/// A table: one header row, rows of the same width. Cells are text; the XLSX writer stores those
/// that read as plain decimal numbers as numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's name (a file name without extension, a worksheet's tab).
    pub name: String,
    /// The header row.
    pub header: Vec<String>,
    /// The rows, each as long as the header.
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    fn new(name: &str, header: &[&str]) -> Sheet {
        Sheet {
            name: name.to_string(),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }
}

/// CSV (RFC 4180) output: one row per segment of a comparison, per group of a report.
#[derive(Debug, Clone, Copy, Default)]
pub struct Csv;

/// The UTF-8 byte-order mark: without it Excel decodes a CSV file in the locale's code page.
const BOM: &str = "\u{feff}";

/// Writes `sheet` as CSV, byte-order mark first.
pub fn write_csv(out: &mut dyn Write, sheet: &Sheet) -> io::Result<()> {
    out.write_all(BOM.as_bytes())?;
    let mut w = csv::Writer::from_writer(out);
    let defused = |row: &[String]| -> Vec<String> { row.iter().map(|c| defuse(c)).collect() };
    w.write_record(defused(&sheet.header)).map_err(csv_error)?;
    for row in &sheet.rows {
        w.write_record(defused(row)).map_err(csv_error)?;
    }
    w.flush()
}

/// A cell as a spreadsheet reads it as text: one that starts with `=`, `+`, `-`, `@` (or a tab
/// or carriage return) and is not a number gets a leading `'`, so that Excel and LibreOffice show
/// it instead of running it as a formula (CSV injection: a title `=HYPERLINK(…)` in a corpus).
fn defuse(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.trim().parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("cannot write CSV: {other:?}")),
    }
}

/// Articles of one cell by their keys: `39`, `4,5`, `17之一`, `3#2` (empty when the document
/// lacks the matter).
fn keys(keys: impl IntoIterator<Item = crate::cite::ArticleKey>) -> String {
    keys.into_iter()
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

impl Render for Csv {
    fn compare(&self, out: &mut dyn Write, group: &ComparedGroup) -> io::Result<()> {
        write_csv(out, &group_sheet(group))
    }

    fn report(&self, out: &mut dyn Write, report: &CorpusReport) -> io::Result<()> {
        write_csv(out, &coverage_sheet(report))
    }
}

/// A compared group, one row per document: `doc, name, articles, citation, similarity, is_base,
/// holds, text`. `holds` is `all` for a member, `in part` for a document holding the matter in
/// paragraphs of a broader article; then, as every other format names them below the columns, a
/// row per article holding it in part beyond the columns (`in part (not shown)`: no similarity,
/// no text) and per document without the matter (`none`).
pub fn group_sheet(group: &ComparedGroup) -> Sheet {
    let mut sheet = Sheet::new(
        "compare",
        &[
            "doc",
            "name",
            "articles",
            "citation",
            "similarity",
            "is_base",
            "holds",
            "text",
        ],
    );
    for c in &group.columns {
        sheet.rows.push(vec![
            c.doc.id.to_string(),
            c.doc.name.clone(),
            keys(c.articles.iter().map(|a| a.key)),
            c.citation(),
            format!("{:.3}", c.similarity),
            c.is_base.to_string(),
            if c.partial.is_some() {
                "in part"
            } else {
                "all"
            }
            .to_string(),
            c.text.clone(),
        ]);
    }
    for (doc, article, paragraphs) in &group.also_in_part {
        sheet.rows.push(vec![
            doc.id.to_string(),
            doc.name.clone(),
            article.key.to_string(),
            match paragraphs.is_empty() {
                true => format!(
                    "{}, in part",
                    crate::report::citation(std::slice::from_ref(article))
                ),
                false => format!(
                    "{}, in part: {}",
                    crate::report::citation(std::slice::from_ref(article)),
                    crate::report::paragraph_list(paragraphs)
                ),
            },
            String::new(),
            "false".to_string(),
            "in part (not shown)".to_string(),
            String::new(),
        ]);
    }
    for doc in &group.missing {
        sheet.rows.push(vec![
            doc.id.to_string(),
            doc.name.clone(),
            String::new(),
            String::new(),
            String::new(),
            "false".to_string(),
            "none".to_string(),
            String::new(),
        ]);
    }
    sheet
}

/// The coverage matrix: `group, label, documents`, then one column per document (its name)
/// holding the article numbers of the group, empty where the document lacks the matter.
pub fn coverage_sheet(report: &CorpusReport) -> Sheet {
    let kinds: Vec<&crate::report::KindReport> = report
        .sections
        .iter()
        .filter_map(|s| match s {
            Section::Kind(k) => Some(k.as_ref()),
            _ => None,
        })
        .collect();
    if !kinds.is_empty() {
        return kinds_coverage_sheet(report, &kinds);
    }
    let rows = report
        .sections
        .iter()
        .find_map(|s| match s {
            Section::Coverage(rows) => Some(rows.as_slice()),
            _ => None,
        })
        .unwrap_or(&[]);
    let mut sheet = Sheet::new("coverage", &["group", "label", "documents"]);
    sheet
        .header
        .extend(report.docs.iter().map(|d| d.name.clone()));
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
        record.extend((0..row.cells.len()).map(|i| row.cell_text(i, ",")));
        sheet.rows.push(record);
    }
    sheet
}

/// The coverage matrix of a corpus of several kinds: each kind's rows in turn, a `kind` column
/// after the label, the columns of every document (empty outside the row's kind).
fn kinds_coverage_sheet(report: &CorpusReport, kinds: &[&crate::report::KindReport]) -> Sheet {
    let mut sheet = Sheet::new("coverage", &["group", "label", "kind", "documents"]);
    sheet
        .header
        .extend(report.docs.iter().map(|d| d.name.clone()));
    for k in kinds {
        let own = coverage_sheet(&k.report);
        // The kind's columns, by document id, placed among the corpus's.
        let at: Vec<Option<usize>> = report
            .docs
            .iter()
            .map(|d| k.report.docs.iter().position(|x| x.id == d.id))
            .collect();
        for row in own.rows {
            let mut record = vec![
                row[0].clone(),
                row[1].clone(),
                k.name.clone(),
                row[2].clone(),
            ];
            record.extend(
                at.iter()
                    .map(|i| i.and_then(|i| row.get(3 + i).cloned()).unwrap_or_default()),
            );
            sheet.rows.push(record);
        }
    }
    sheet
}

/// Alignment groups: `group, label, score, documents, weak` (`group, label, kind, score,
/// documents, weak` for a corpus of several kinds; `weak` is `yes` for a weak group,
/// [`crate::align::is_weak`], else empty), then one column per document id with the group's
/// article numbers there.
pub fn alignment_sheet(docs: &[DocId], a: &Alignment) -> Sheet {
    // A corpus of several kinds: each group's kind after its label.
    let kinds = a.kinds.len() > 1;
    let mut sheet = if kinds {
        Sheet::new(
            "groups",
            &["group", "label", "kind", "score", "documents", "weak"],
        )
    } else {
        Sheet::new("groups", &["group", "label", "score", "documents", "weak"])
    };
    sheet.header.extend(docs.iter().map(|d| d.to_string()));
    for g in &a.groups {
        let mut record = vec![g.id.clone(), g.label.clone()];
        if kinds {
            record.push(
                a.kind_of(g)
                    .map_or_else(String::new, |k| a.kinds[k].name.clone()),
            );
        }
        record.extend([
            format!("{:.3}", g.score),
            g.doc_count().to_string(),
            if g.is_weak() { "yes" } else { "" }.to_string(),
        ]);
        record.extend(docs.iter().map(|d| {
            let partial = g.partial_of(d);
            if g.members.contains_key(d) {
                keys(g.keys_of(d))
            } else if partial.is_empty() {
                String::new()
            } else {
                format!("({})", keys(partial.iter().map(|p| p.article.key())))
            }
        }));
        sheet.rows.push(record);
    }
    sheet
}

/// Search hits: `rank, doc, district, chapter, article, label, score, line_start, line_end,
/// snippet`.
pub fn search_sheet(report: &SearchReport) -> Sheet {
    let mut sheet = Sheet::new(
        "hits",
        &[
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
        ],
    );
    for (i, h) in report.hits.iter().enumerate() {
        sheet.rows.push(vec![
            (i + 1).to_string(),
            h.doc.to_string(),
            h.district.clone(),
            h.chapter.label(),
            h.article.to_string(),
            h.label.clone(),
            format!("{:.3}", h.score),
            h.lines.0.to_string(),
            h.lines.1.to_string(),
            h.snippet.text.clone(),
        ]);
    }
    sheet
}

/// The figures table of `guize numbers`, one line per figure in table order: `row, group_label,
/// subject, doc, name, article, text, value, max, unit, per, qualifier, bound, normalized,
/// normalized_max, normalized_unit, differs, sentence`. `row` numbers the table's rows, so a pivot
/// on `row` × `name` rebuilds the side-by-side table; `differs` is true where the figure departs
/// from what most documents state.
pub fn figures_sheet(table: &FigureTable, names: &[String]) -> Sheet {
    let mut sheet = Sheet::new(
        "figures",
        &[
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
        ],
    );
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
            sheet.rows.push(vec![
                (r + 1).to_string(),
                row.label.clone(),
                crate::numbers::wording::row_subject(row),
                p.article.doc.to_string(),
                names.get(d).cloned().unwrap_or_default(),
                p.article.key().to_string(),
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
            ]);
        }
    }
    sheet
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        use super::defuse;
        assert_eq!(
            defuse("=HYPERLINK(\"http://x/\")工作规则"),
            "'=HYPERLINK(\"http://x/\")工作规则"
        );
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("+1+2区政府"), "'+1+2区政府");
        assert_eq!(defuse("-0.5"), "-0.5");
        assert_eq!(defuse("区政府常务会议"), "区政府常务会议");
    }
}
