//! How a table of a Word document or a web page becomes text: one line a row, its cells separated
//! by a tab (as Word's own plain-text export writes them), a cell's paragraphs joined by a space,
//! and a blank line after each row, so that the parser keeps every row a paragraph of its own
//! instead of running the cells of one row into the next. A cell holding only a figure (`5`) is
//! then never a line of its own that could pass for a page number.

/// A break inside a cell (its paragraphs, line breaks, a nested table's cells): one space.
pub(super) fn space(out: &mut String) {
    if !out.is_empty() && !out.ends_with([' ', '\t', '\n']) {
        out.push(' ');
    }
}

/// The end of a cell; `depth` is the number of cells still open around it (0 for a cell of the
/// outermost table, which ends with a tab; a nested cell ends with a space).
pub(super) fn end_cell(out: &mut String, depth: usize) {
    trim_end(out, &[' ']);
    if depth > 0 {
        space(out);
    } else {
        out.push('\t');
    }
}

/// The end of a row of the outermost table: its trailing tabs go, a blank line follows.
pub(super) fn end_row(out: &mut String) {
    trim_end(out, &[' ', '\t']);
    out.push_str("\n\n");
}

fn trim_end(out: &mut String, chars: &[char]) {
    let kept = out.trim_end_matches(chars).len();
    out.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_end_with_tabs_and_rows_with_a_blank_line() {
        let mut out = String::from("第二条 按下表收费：\n");
        for row in [["车型", "白天"], ["小型车", "5"]] {
            for cell in row {
                out.push_str(cell);
                space(&mut out);
                end_cell(&mut out, 0);
            }
            end_row(&mut out);
        }
        assert_eq!(out, "第二条 按下表收费：\n车型\t白天\n\n小型车\t5\n\n");
    }

    #[test]
    fn a_nested_cell_ends_with_a_space() {
        let mut out = String::from("甲");
        end_cell(&mut out, 1);
        out.push('乙');
        end_cell(&mut out, 0);
        end_row(&mut out);
        assert_eq!(out, "甲 乙\n\n");
    }
}
