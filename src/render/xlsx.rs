//! Excel output (`--format xlsx`): the [`Sheet`]s of [`super::csv`] as a one-sheet workbook written
//! by `rust_xlsxwriter`. The header row is bold and frozen; cells that read as plain decimal numbers
//! (article numbers, scores, figures) are stored as numbers, so a spreadsheet sorts and sums them;
//! `4,5`, ids and text stay text.

use super::Render;
use super::csv::{Sheet, coverage_sheet, group_sheet};
use crate::report::{ComparedGroup, CorpusReport};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::io::{self, Write};

/// An Excel workbook: the CSV sheets with numbers as numbers and the header row frozen.
#[derive(Debug, Clone, Copy, Default)]
pub struct Xlsx;

impl Render for Xlsx {
    fn compare(&self, out: &mut dyn Write, group: &ComparedGroup) -> io::Result<()> {
        write_xlsx(out, &group_sheet(group))
    }

    fn report(&self, out: &mut dyn Write, report: &CorpusReport) -> io::Result<()> {
        write_xlsx(out, &coverage_sheet(report))
    }
}

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(format!("cannot write the XLSX workbook: {e}"))
}

/// A plain decimal number (`39`, `0.563`, `-2`), not `4,5`, `1e3`, `007` or an id.
fn as_number(cell: &str) -> Option<f64> {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let plain = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.')
        && !(digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0."));
    if plain { cell.parse().ok() } else { None }
}

/// Writes `sheet` as a workbook with one worksheet.
pub fn write_xlsx(out: &mut dyn Write, sheet: &Sheet) -> io::Result<()> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(&sheet.name).map_err(xlsx_error)?;
    let bold = Format::new().set_bold();
    for (c, h) in sheet.header.iter().enumerate() {
        let col = u16::try_from(c).map_err(|_| io::Error::other("too many columns for XLSX"))?;
        ws.write_string_with_format(0, col, h, &bold)
            .map_err(xlsx_error)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let row_no =
            u32::try_from(r + 1).map_err(|_| io::Error::other("too many rows for XLSX"))?;
        for (c, cell) in row.iter().enumerate() {
            let col =
                u16::try_from(c).map_err(|_| io::Error::other("too many columns for XLSX"))?;
            match as_number(cell) {
                Some(n) => ws.write_number(row_no, col, n).map(|_| ()),
                None if cell.is_empty() => Ok(()),
                None => ws.write_string(row_no, col, cell).map(|_| ()),
            }
            .map_err(xlsx_error)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    let bytes = book.save_to_buffer().map_err(xlsx_error)?;
    out.write_all(&bytes)
}

#[cfg(test)]
mod tests {
    use super::as_number;

    #[test]
    fn only_plain_decimals_are_numbers() {
        assert_eq!(as_number("39"), Some(39.0));
        assert_eq!(as_number("0.563"), Some(0.563));
        assert_eq!(as_number("-2"), Some(-2.0));
        for text in [
            "4,5",
            "1e3",
            "007",
            "g3edd27c185",
            "",
            ".5",
            "inf",
            "NaN",
            "第三条",
        ] {
            assert_eq!(as_number(text), None, "{text}");
        }
    }
}
