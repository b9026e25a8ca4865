//! A plain text table for the terminal: columns padded by display width (a Han character takes two
//! columns), the last column left ragged. Takes rows of strings, writes to any `io::Write`.

use crate::render::style::{Painter, Role};
use crate::safe_text::neutralize;
use crate::text::width::display_width;
use std::io::{self, Write};

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Padded on the right.
    Left,
    /// Padded on the left (numbers).
    Right,
}

/// Rows of cells under a header; `bold_header` wraps the header in ANSI bold.
pub struct TextTable {
    header: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl TextTable {
    /// A table with these column names and alignments, and no rows yet.
    pub fn new(header: &[(&str, Align)]) -> TextTable {
        TextTable {
            header: header
                .iter()
                .map(|(h, _)| neutralize(h).into_owned())
                .collect(),
            align: header.iter().map(|&(_, a)| a).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; control characters in cells are made visible (they may come from the corpus).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows
            .push(cells.iter().map(|c| neutralize(c).into_owned()).collect());
    }

    /// Writes the table; `color` makes the header bold.
    pub fn write(&self, out: &mut impl Write, color: bool) -> io::Result<()> {
        let widths: Vec<usize> = (0..self.header.len())
            .map(|i| {
                std::iter::once(&self.header)
                    .chain(&self.rows)
                    .map(|r| r.get(i).map_or(0, |c| display_width(c)))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let header = self.line(&self.header, &widths);
        let bold = Painter { color }.role(Role::Heading);
        writeln!(out, "{bold}{header}{bold:#}")?;
        for row in &self.rows {
            writeln!(out, "{}", self.line(row, &widths))?;
        }
        Ok(())
    }

    fn line(&self, cells: &[String], widths: &[usize]) -> String {
        let last = cells.len().saturating_sub(1);
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(display_width(cell));
            match self.align[i] {
                Align::Right => {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(cell);
                }
                Align::Left => {
                    s.push_str(cell);
                    if i != last {
                        s.push_str(&" ".repeat(pad));
                    }
                }
            }
            if i != last {
                s.push_str("  ");
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_han_by_display_width() {
        let mut t = TextTable::new(&[
            ("id", Align::Left),
            ("区", Align::Left),
            ("n", Align::Right),
        ]);
        t.row(vec!["lixia".into(), "历下区".into(), "78".into()]);
        t.row(vec!["x".into(), "".into(), "5".into()]);
        let mut out = Vec::new();
        t.write(&mut out, false).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            text,
            "id     区       n\nlixia  历下区  78\nx               5\n"
        );
    }
}
