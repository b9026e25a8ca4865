//! Writes a figures [`FigureTable`] for the terminal (aligned by display width, colour optional), in
//! the wording of [`crate::numbers::wording`]. Writes to any `io::Write`; never decides content.

use crate::numbers::table::{FigureTable, Row};
use crate::numbers::wording::figure;
use crate::render::style::{Painter, Role};
use crate::text::width::display_width;
use std::io::{self, Write};

/// Said under a row whose figures differ with none stated by most documents (nothing is marked).
pub const NO_MAJORITY: &str = "no majority: the documents state different figures";

/// The mark of a figure stated in an article the alignment left alone (`Cell::elsewhere`): the
/// document's figure of the row's quantity, from an article compared with no other document's.
pub const ELSEWHERE_MARK: &str = "†";

/// What [`ELSEWHERE_MARK`] says, under the row.
pub const ELSEWHERE: &str = "† stated in an article aligned with no other document's";

/// The terminal table: one block per row, one line per document, differing figures highlighted
/// when `color` is on (and marked with `*` either way), a line under a row with no majority, and a
/// line saying so when no row is left.
pub fn write_terminal(
    w: &mut dyn Write,
    table: &FigureTable,
    names: &[String],
    color: bool,
) -> io::Result<()> {
    if table.rows.is_empty() {
        return writeln!(w, "no figures match");
    }
    let painter = Painter { color };
    let paint = |role: Role, s: &str| painter.paint(role, s);
    let (heading, differ, dim) = (Role::Heading, Role::Differ, Role::Dim);
    let name_width = names.iter().map(|n| display_width(n)).max().unwrap_or(0);
    let label_width = table
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter_map(|c| c.provision.as_ref())
        .map(|p| display_width(&p.label))
        .max()
        .unwrap_or(0);
    let expr_width = table
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter_map(|c| c.provision.as_ref())
        .map(|p| display_width(&crate::safe_text::neutralize(&p.quantity.expr)))
        .max()
        .unwrap_or(0)
        .min(40);
    for (i, row) in table.rows.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        writeln!(w, "{}", paint(heading, &row_title(row)))?;
        for (cell, name) in row.cells.iter().zip(names) {
            let Some(p) = &cell.provision else {
                continue;
            };
            let q = &p.quantity;
            let figure = figure(cell);
            let figure = if cell.elsewhere {
                format!("{figure} {ELSEWHERE_MARK}")
            } else {
                figure
            };
            let figure = if cell.differs {
                paint(differ, &format!("{figure} *"))
            } else {
                figure
            };
            let article = p.label.clone();
            writeln!(
                w,
                "  {}  {}  {}  {figure}",
                pad(&crate::safe_text::neutralize(name), name_width),
                pad(&article, label_width),
                pad(&crate::safe_text::neutralize(&q.expr), expr_width)
            )?;
        }
        if row.no_majority {
            writeln!(w, "  {}", paint(dim, NO_MAJORITY))?;
        }
        if row.cells.iter().any(|c| c.elsewhere) {
            writeln!(w, "  {}", paint(dim, ELSEWHERE))?;
        }
        // A figure one document alone states is compared with nothing: listing every other
        // document as 未规定 would say each lacks a rule it may state in another row or article.
        // The line is kept where some documents state the figure and others do not.
        // Only documents that regulate the matter (an article in the row's clause groups) are
        // listed, at most `MAX_SILENT` by name: on a folder of hundreds of regulations, those of
        // other matters have no reason to state the figure.
        let silent: Vec<&str> = row
            .silent()
            .into_iter()
            .filter_map(|i| names.get(i).map(String::as_str))
            .collect();
        if !silent.is_empty() && row.stated() > 1 {
            let mut line = silent[..silent.len().min(MAX_SILENT)].join("、");
            if silent.len() > MAX_SILENT {
                line.push_str(&format!(" and {} more", silent.len() - MAX_SILENT));
            }
            writeln!(w, "  {}", paint(dim, &format!("未规定：{line}")))?;
        }
    }
    let (alone, shared) = lone_rows(table);
    if alone > 0 {
        writeln!(w)?;
        for line in lone_rows_note(alone, shared).lines() {
            writeln!(w, "{}", paint(dim, line))?;
        }
    }
    Ok(())
}

/// Rows whose figure one document alone states (none lists 未规定), and how many of them are of
/// a matter other documents also regulate (an article of theirs in the row's clause groups):
/// the note counts every such row the table shows, so its count is what a reader counts.
pub fn lone_rows(table: &FigureTable) -> (usize, usize) {
    let lone = table.rows.iter().filter(|r| r.stated() == 1);
    let all = lone.clone().count();
    let shared = lone.filter(|r| !r.silent().is_empty()).count();
    (all, shared)
}

/// The note under a table with [`lone_rows`]: why those rows name no document as 未规定 (two
/// lines that fit 100 columns). `rows` counts every row of one figure, `shared` those whose
/// matter other documents regulate too (the others are matters one document alone regulates).
pub fn lone_rows_note(rows: usize, shared: usize) -> String {
    let (n, verb) = if rows == 1 {
        ("1 row".to_string(), "holds")
    } else {
        (format!("{rows} rows"), "hold")
    };
    let others = match (shared, rows) {
        (0, 1) => "no other document regulates its matter.".to_string(),
        (0, _) => "no other document regulates their matters.".to_string(),
        (s, r) if s == r => {
            "other documents regulate the matter and may set it in another article.".to_string()
        }
        (s, _) => format!(
            "in {s} of them other documents regulate the matter and may set it in another article."
        ),
    };
    format!(
        "{n} {verb} one document's figure only: nothing to compare it with, so no 未规定;\n\
         {others}"
    )
}

/// Documents named in one row's 未规定 line; the others are counted.
pub const MAX_SILENT: usize = 12;

/// The row's subject and, when rows follow an alignment, its clause groups' labels.
fn row_title(row: &Row) -> String {
    crate::numbers::wording::row_title(row, "  ")
}

/// `s` padded with spaces to `width` display columns (a Han character is two).
fn pad(s: &str, width: usize) -> String {
    let w = display_width(s);
    if w >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocId;
    use crate::numbers::wording::{normalized, stated};
    use crate::numbers::{extract, provisions_of, table};

    fn table_of(items: &[(&str, u32, &str)]) -> (FigureTable, Vec<String>) {
        let mut ps = Vec::new();
        for (doc, article, text) in items {
            ps.extend(provisions_of(doc, *article, text));
        }
        let docs: Vec<DocId> = ["a", "b", "c"].into_iter().map(DocId::from).collect();
        let names = vec![
            "历下区".to_string(),
            "市中区".to_string(),
            "兖州区".to_string(),
        ];
        (table::build(&ps, &docs, None), names)
    }

    #[test]
    fn stated_and_normalized_wording() {
        let q = &extract("区政府全体会议一般每年召开1—2次。")[0];
        assert_eq!(stated(q), "1—2次/年");
        assert_eq!(normalized(q).as_deref(), Some("≈0.08—0.17次/月"));
        let q = &extract("一般应在5个工作日内回复")[0];
        assert_eq!(normalized(q).as_deref(), Some("≈7天"));
        let q = &extract("原则上每月召开 2 次")[0];
        assert_eq!(normalized(q), None);
        let q = &extract("每年调研时间不少于两个月")[0];
        assert_eq!(normalized(q).as_deref(), Some("≈61天/年"));
    }

    #[test]
    fn terminal_marks_differences_without_colour_codes() {
        let (t, names) = table_of(&[
            ("a", 39, "区政府常务会议一般每两周召开1次。"),
            ("b", 52, "区政府常务会议原则上每月召开 2 次。"),
            ("c", 43, "区政府常务会议原则上每月召开1次。"),
        ]);
        let mut out = Vec::new();
        write_terminal(&mut out, &t, &names, false).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains('\u{1b}'), "{out}");
        assert!(out.starts_with("常务会议·召开频次\n"), "{out}");
        assert!(out.contains("1次/两周 ≈2.17次/月\n"), "{out}");
        assert!(!out.contains("未规定"), "{out}");
        assert!(out.contains("1次/月 *"), "{out}");
        assert_eq!(out.matches(" *").count(), 1, "{out}");
        let mut coloured = Vec::new();
        write_terminal(&mut coloured, &t, &names, true).unwrap();
        assert!(String::from_utf8(coloured).unwrap().contains('\u{1b}'));
    }

    #[test]
    fn only_rows_stated_by_several_documents_list_the_silent_ones() {
        // 青岛市物业管理条例 第二十一条 and 北京市物业管理条例 第三十条 state the share of floor
        // area; 杭州 第二十二条's two-year case stands alone.
        let (t, names) = table_of(&[
            (
                "a",
                30,
                "已交付业主的专有部分达到建筑物总面积百分之五十以上的，可以提出成立业主大会的申请。",
            ),
            (
                "b",
                21,
                "已交付业主的专有部分面积占比百分之五十以上的，应当召开首次业主大会会议。",
            ),
            (
                "c",
                22,
                "首套房屋出售并交付满两年，且建筑面积达到物业总建筑面积百分之三十以上的。",
            ),
        ]);
        let mut out = Vec::new();
        write_terminal(&mut out, &t, &names, false).unwrap();
        let out = String::from_utf8(out).unwrap();
        let silent: Vec<&str> = out.lines().filter(|l| l.contains("未规定")).collect();
        let several = t
            .rows
            .iter()
            .filter(|r| r.stated() > 1 && r.stated() < 3)
            .count();
        assert!(several >= 1, "{out}");
        // The rows one document alone states are counted in the note under the table, the only
        // other line that names 未规定.
        let alone = t.rows.iter().filter(|r| r.stated() == 1).count();
        assert!(alone >= 1, "{out}");
        assert_eq!(silent.len(), several + 1, "{out}");
        assert_eq!(lone_rows(&t).0, alone);
        assert!(
            out.ends_with(&format!("{}\n", lone_rows_note(alone, lone_rows(&t).1))),
            "{out}"
        );
    }
}
