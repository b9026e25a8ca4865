//! Terminal output: documents in columns fitted to a width, wrapped by display width (a Han
//! character takes two columns), stacked when columns would be too narrow. Colour only when asked;
//! without it, changes are marked `[-deleted-]` and `{+inserted+}`, quantities `[#…#]` / `{#…#}`.

use super::style::{self, Role, markers};
use super::{
    ALSO_IN_PART, Mark, Render, also_in_part_names, base_sentence, mark_of, missing_names,
};
use crate::report::{Column, ComparedGroup};
use crate::text::width::{char_width, display_width as str_width};
use anstyle::Style;
use std::io::{self, Write};

/// Narrowest column (in display columns) before documents are stacked instead.
const MIN_COLUMN: usize = 22;
/// Narrowest output: the smallest `--width` the command line accepts; a terminal reported
/// narrower is written at this width.
const MIN_WIDTH: usize = 20;
/// Between two columns.
const GUTTER: &str = " │ ";

/// Side-by-side columns for a terminal, wrapped by display width.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    /// Total width in display columns.
    pub width: usize,
    /// Write ANSI colours and styles.
    pub color: bool,
}

/// What a character is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellKind {
    Text(Mark),
    Header,
    Dim,
}

/// One character of a laid-out cell with its kind.
type Styled = (char, CellKind);

impl Render for Terminal {
    fn compare(&self, out: &mut dyn Write, group: &ComparedGroup) -> io::Result<()> {
        let width = self.width.max(MIN_WIDTH);
        self.line(out, &title_line(group), CellKind::Header, width)?;
        self.line(out, &base_sentence(group), CellKind::Dim, width)?;
        let n = group.columns.len().max(1);
        let col = width.saturating_sub(GUTTER.len_display() * (n - 1)) / n;
        if n > 1 && col >= MIN_COLUMN {
            self.side_by_side(out, &group.columns, col)?;
        } else {
            self.stacked(out, &group.columns, width)?;
        }
        writeln!(out, "{}", "─".repeat(width))?;
        if let Some(names) = missing_names(group) {
            self.line(
                out,
                &format!("Not in this group: {names}"),
                CellKind::Dim,
                width,
            )?;
        }
        if let Some(names) = also_in_part_names(group) {
            self.line(
                out,
                &format!("{ALSO_IN_PART}: {names}"),
                CellKind::Dim,
                width,
            )?;
        }
        for line in self.legend(group) {
            self.line(out, &line, CellKind::Dim, width)?;
        }
        if let Some(note) = super::in_part_legend(std::iter::once(group)) {
            self.line(out, note, CellKind::Dim, width)?;
        }
        Ok(())
    }
}

impl Terminal {
    fn side_by_side(&self, out: &mut dyn Write, columns: &[Column], col: usize) -> io::Result<()> {
        let rule: Vec<String> = columns.iter().map(|_| "─".repeat(col)).collect();
        // The rule above the headers opens the columns (┬); the one under them crosses (┼).
        writeln!(out, "{}", rule.join("─┬─"))?;
        let headers: Vec<Vec<Vec<Styled>>> = columns
            .iter()
            .map(|c| wrap(&header_cells(c), col))
            .collect();
        self.rows(out, &headers, col)?;
        writeln!(out, "{}", rule.join("─┼─"))?;
        let bodies: Vec<Vec<Vec<Styled>>> = columns
            .iter()
            .map(|c| wrap(&self.body_cells(c), col))
            .collect();
        self.rows(out, &bodies, col)
    }

    fn stacked(&self, out: &mut dyn Write, columns: &[Column], width: usize) -> io::Result<()> {
        for c in columns {
            writeln!(out, "{}", "─".repeat(width))?;
            for line in wrap(&header_cells(c), width) {
                self.styled(out, &line)?;
                writeln!(out)?;
            }
            for line in wrap(&self.body_cells(c), width) {
                self.styled(out, &line)?;
                writeln!(out)?;
            }
        }
        Ok(())
    }

    /// Prints wrapped cells row by row, padded to `col` display columns.
    fn rows(&self, out: &mut dyn Write, cells: &[Vec<Vec<Styled>>], col: usize) -> io::Result<()> {
        let height = cells.iter().map(Vec::len).max().unwrap_or(0);
        let mut line: Vec<u8> = Vec::new();
        for row in 0..height {
            line.clear();
            for (i, cell) in cells.iter().enumerate() {
                let part = cell.get(row).map(Vec::as_slice).unwrap_or(&[]);
                if i > 0 {
                    line.extend_from_slice(GUTTER.as_bytes());
                }
                self.styled(&mut line, part)?;
                let pad = col.saturating_sub(display_width(part));
                line.resize(line.len() + pad, b' ');
            }
            // No trailing blanks after the last column's text (escape codes end in 'm').
            let end = line.iter().rposition(|b| *b != b' ').map_or(0, |i| i + 1);
            out.write_all(&line[..end])?;
            writeln!(out)?;
        }
        Ok(())
    }

    /// One line of plain text in one style, wrapped to `width`.
    fn line(
        &self,
        out: &mut dyn Write,
        text: &str,
        kind: CellKind,
        width: usize,
    ) -> io::Result<()> {
        let cells: Vec<Styled> = text.chars().map(|c| (c, kind)).collect();
        for line in wrap_prose(&cells, width) {
            self.styled(out, &line)?;
            writeln!(out)?;
        }
        Ok(())
    }

    /// Writes characters, switching styles only where the kind changes.
    fn styled(&self, out: &mut dyn Write, chars: &[Styled]) -> io::Result<()> {
        let mut current: Option<CellKind> = None;
        let mut buf = String::new();
        for (c, kind) in chars {
            if current != Some(*kind) {
                self.flush(out, &mut buf, current)?;
                current = Some(*kind);
            }
            buf.push(*c);
        }
        self.flush(out, &mut buf, current)
    }

    fn flush(
        &self,
        out: &mut dyn Write,
        buf: &mut String,
        kind: Option<CellKind>,
    ) -> io::Result<()> {
        if buf.is_empty() {
            return Ok(());
        }
        match kind.map(style_of).filter(|_| self.color) {
            // Corpus text between our own styles must not carry styles of its own.
            Some(style) => write!(out, "{style}{}{style:#}", crate::safe_text::neutralize(buf))?,
            None => out.write_all(buf.as_bytes())?,
        }
        buf.clear();
        Ok(())
    }

    /// The column's text with its marks: colours, or bracket markers without colour. Adjacent
    /// pieces with the same mark share one pair of markers; after changed words that other
    /// documents say too, a quiet superscript count: {+负责人²，列席+}.
    fn body_cells(&self, column: &Column) -> Vec<Styled> {
        let mut cells = Vec::new();
        let mut open_mark: Option<Mark> = None;
        let close = |cells: &mut Vec<Styled>, mark: Option<Mark>| {
            if let Some(m) = mark.filter(|_| !self.color) {
                cells.extend(markers(m).1.chars().map(|c| (c, CellKind::Text(m))));
            }
        };
        for (i, seg) in column.segments.iter().enumerate() {
            let Some(mark) = mark_of(seg) else { continue };
            let kind = CellKind::Text(mark);
            if open_mark != Some(mark) {
                close(&mut cells, open_mark);
                if !self.color {
                    cells.extend(markers(mark).0.chars().map(|c| (c, kind)));
                }
                open_mark = Some(mark);
            }
            cells.extend(untabbed(&seg.text).map(|c| (c, kind)));
            let shared = column.shared_by.get(i).copied().unwrap_or(1);
            if shared > 1 && !matches!(mark, Mark::Plain | Mark::Quiet) {
                cells.extend(superscript(shared).chars().map(|c| (c, CellKind::Dim)));
            }
        }
        close(&mut cells, open_mark);
        cells
    }

    /// The legend: a line for each mark that occurs in `group` (none for those that do not),
    /// the superscript with a count it shows and the number of columns, and how many of the
    /// group's documents are shown when fewer than all.
    fn legend(&self, group: &ComparedGroup) -> Vec<String> {
        let l = super::Legend::of(std::iter::once(group));
        let (insert, delete, number) = if self.color {
            ("green", "red, struck", "yellow")
        } else {
            ("{+…+}", "[-…-]", "{#…#} [#…#]")
        };
        let sep = if self.color { ": " } else { " " };
        let mut parts: Vec<String> = Vec::new();
        if l.insert {
            parts.push(format!("{insert}{sep}not in the base"));
        }
        if l.delete {
            parts.push(format!("{delete}{sep}base wording it lacks"));
        }
        if l.number {
            parts.push(format!("{number}{sep}a number that differs"));
        }
        parts.extend(l.shared_line(&superscript));
        let mut lines = Vec::new();
        if !parts.is_empty() {
            lines.push(parts.join("; "));
        }
        lines.extend(l.shown_line());
        lines.extend(l.weak_line());
        lines
    }
}

fn title_line(group: &ComparedGroup) -> String {
    format!("{}  [{}]", group.label, group.id)
}

/// District and citation of a column, as header cells.
fn header_cells(column: &Column) -> Vec<Styled> {
    let mut cells: Vec<Styled> = column
        .doc
        .name
        .chars()
        .map(|c| (c, CellKind::Header))
        .collect();
    if column.is_base {
        cells.extend(" (base)".chars().map(|c| (c, CellKind::Header)));
    }
    // Chapter and article on lines of their own, so a narrow column breaks between them; a
    // member in part says so after its article (`第六十二条, in part`), the words never taken
    // for the article's line (`… 第六十二条,` / `in` / `part`).
    let citation = column.citation();
    let (cited, in_part) = match citation.find(", in part") {
        Some(at) => citation.split_at(at),
        None => (citation.as_str(), ""),
    };
    let lines: Vec<&str> = cited.rsplitn(2, ' ').collect();
    for (k, line) in lines.iter().rev().enumerate() {
        cells.push(('\n', CellKind::Dim));
        cells.extend(line.chars().map(|c| (c, CellKind::Dim)));
        if k + 1 == lines.len() {
            cells.extend(in_part.chars().map(|c| (c, CellKind::Dim)));
        }
    }
    cells
}

/// `n` in superscript digits.
fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .bytes()
        .map(|b| DIGITS[usize::from(b - b'0')])
        .collect()
}

fn style_of(kind: CellKind) -> Style {
    match kind {
        CellKind::Header => style::role(Role::Heading),
        CellKind::Dim => style::role(Role::Dim),
        CellKind::Text(mark) => style::mark(mark),
    }
}

/// The characters of `text` with each tab (between the cells of a DOCX or web-page table row)
/// written as two spaces: a tab is no column wide to the layout, yet a terminal moves it to the
/// next tab stop, which would push the rest of the line out of its column.
fn untabbed(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(|c| {
        let two = c == '\t';
        [if two { ' ' } else { c }, ' ']
            .into_iter()
            .take(1 + usize::from(two))
    })
}

fn display_width(chars: &[Styled]) -> usize {
    chars.iter().map(|(c, _)| char_width(*c)).sum()
}

/// Wraps styled characters into lines of at most `width` display columns; '\n' starts a new line.
/// A character wider than the whole width still gets a line of its own. A line never opens with
/// closing punctuation, nor splits a change marker such as `[-` or `+}`: the break moves back
/// a few characters instead (Chinese line breaking).
fn wrap(chars: &[Styled], width: usize) -> Vec<Vec<Styled>> {
    const MAX_BACKTRACK: usize = 6;
    let mut lines = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (i, &(c, _)) in chars.iter().enumerate() {
        if c == '\n' {
            lines.push(chars[start..i].to_vec());
            (start, used) = (i + 1, 0);
            continue;
        }
        let w = char_width(c);
        if used + w > width && i > start {
            let cut = (i.saturating_sub(MAX_BACKTRACK).max(start + 1)..=i)
                .rev()
                .find(|&j| may_break_before(chars, j))
                .unwrap_or(i);
            lines.push(chars[start..cut].to_vec());
            start = cut;
            used = display_width(&chars[start..i]);
        }
        used += w;
    }
    lines.push(chars[start..].to_vec());
    lines
}

/// [`wrap`] for a line of prose (a legend, a note): a break that would fall inside a word of
/// Latin letters falls at the space before it instead, and no line opens with the space a break
/// fell on (` (none: this one alone)` was a line of its own, indented by it).
fn wrap_prose(chars: &[Styled], width: usize) -> Vec<Vec<Styled>> {
    let mut lines = Vec::new();
    let mut rest = chars;
    loop {
        // The first line, from a window long enough to hold it (a long note is not wrapped
        // whole once per line).
        let window = &rest[..rest.len().min(4 * width + 64)];
        let mut first = wrap(window, width).into_iter().next().unwrap_or_default();
        if first.len() >= window.len() && window.len() < rest.len() {
            first = wrap(rest, width).into_iter().next().unwrap_or_default();
        }
        if first.len() >= rest.len() {
            lines.push(first);
            return lines;
        }
        let mut cut = first.len();
        let latin = |k: usize| rest.get(k).is_some_and(|(c, _)| c.is_ascii_graphic());
        if cut > 0 && latin(cut - 1) && latin(cut) {
            // The last space of the line, when the line holds one past its start.
            if let Some(space) = (1..cut).rev().find(|&k| rest[k].0 == ' ') {
                cut = space;
            }
        }
        let line = &rest[..cut];
        let kept = line.len() - line.iter().rev().take_while(|(c, _)| *c == ' ').count();
        lines.push(line[..kept].to_vec());
        rest = &rest[cut..];
        if rest.first().is_some_and(|(c, _)| *c == '\n') {
            rest = &rest[1..];
        } else {
            let spaces = rest.iter().take_while(|(c, _)| *c == ' ').count();
            rest = &rest[spaces..];
        }
    }
}

/// Whether a line may start at `chars[i]`.
fn may_break_before(chars: &[Styled], i: usize) -> bool {
    let at = |k: usize| chars.get(k).map(|(c, _)| *c);
    let (Some(c), Some(prev)) = (at(i), i.checked_sub(1).and_then(at)) else {
        return true;
    };
    let is_sign = |c: char| matches!(c, '-' | '+' | '#');
    let inside_marker = (matches!(prev, '[' | '{') && is_sign(c))
        || (is_sign(c) && matches!(at(i + 1), Some(']' | '}')))
        || (is_sign(prev) && matches!(c, ']' | '}'))
        || (is_sign(prev) && matches!(i.checked_sub(2).and_then(at), Some('[' | '{')));
    // A heading's Latin word (the `(base)` after a name) and the legend's words are kept whole:
    // `(bas` / `e)` and `(n` / `one:` read badly.
    let inside_word = matches!(chars[i].1, CellKind::Header | CellKind::Dim)
        && c.is_ascii_alphabetic()
        && (prev.is_ascii_alphabetic() || prev == '(');
    !inside_marker
        && !inside_word
        && !"，。、；：？！）》」』】〕”’,.;:?!)%％⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)
}

/// Display width of a plain string.
trait DisplayLen {
    fn len_display(&self) -> usize;
}

impl DisplayLen for str {
    fn len_display(&self) -> usize {
        str_width(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Vec<Styled> {
        s.chars()
            .map(|c| (c, CellKind::Text(Mark::Plain)))
            .collect()
    }

    #[test]
    fn a_heading_never_breaks_inside_base() {
        let mut cells: Vec<Styled> = "台州市城市市容和环境卫生管理条例 (base)"
            .chars()
            .map(|c| (c, CellKind::Header))
            .collect();
        cells.push(('\n', CellKind::Dim));
        for width in 10..50 {
            let lines: Vec<String> = wrap(&cells, width).iter().map(|l| text(l)).collect();
            assert!(
                lines.iter().all(|l| !l.ends_with("(bas")
                    && !l.ends_with("(ba")
                    && !l.ends_with("(b")
                    && !l.ends_with('(')),
                "width {width}: {lines:?}"
            );
        }
    }

    fn text(line: &[Styled]) -> String {
        line.iter().map(|(c, _)| c).collect()
    }

    #[test]
    fn wrap_counts_han_as_two_columns() {
        let lines = wrap(&plain("区政府常务会议ab"), 6);
        let texts: Vec<String> = lines.iter().map(|l| text(l)).collect();
        assert_eq!(texts, ["区政府", "常务会", "议ab"]);
        assert!(lines.iter().all(|l| display_width(l) <= 6));
    }

    #[test]
    fn wrap_never_splits_a_wide_char_across_an_odd_width() {
        let lines = wrap(&plain("一二三"), 5);
        let texts: Vec<String> = lines.iter().map(|l| text(l)).collect();
        assert_eq!(texts, ["一二", "三"]);
    }

    #[test]
    fn closing_punctuation_does_not_open_a_line() {
        let lines = wrap(&plain("召开会议，研究"), 8);
        let texts: Vec<String> = lines.iter().map(|l| text(l)).collect();
        assert_eq!(texts, ["召开会", "议，研究"]);
    }

    #[test]
    fn change_markers_are_not_split() {
        let lines = wrap(&plain("议程[-、-]{+或+}区长"), 9);
        let texts: Vec<String> = lines.iter().map(|l| text(l)).collect();
        assert_eq!(texts, ["议程", "[-、-]", "{+或+}区", "长"]);
    }

    #[test]
    fn a_tab_between_table_cells_is_two_spaces() {
        let text: String = untabbed("项目\t收费标准\n一般\t50元").collect();
        assert_eq!(text, "项目  收费标准\n一般  50元");
    }

    #[test]
    fn prose_breaks_at_a_space_and_opens_no_line_with_it() {
        let legend =
            "¹ after changed words: 1 of the 3 documents shown say them (none: this one alone)";
        let lines: Vec<String> = wrap_prose(&plain(legend), 40)
            .iter()
            .map(|l| text(l))
            .collect();
        assert!(lines.len() > 1, "{lines:?}");
        for l in &lines {
            assert!(!l.starts_with(' ') && !l.ends_with(' '), "{lines:?}");
            assert!(display_width(&plain(l)) <= 40, "{lines:?}");
        }
        // Every word whole: the lines joined by a space give the sentence back.
        assert_eq!(lines.join(" "), legend);
        // Chinese text still breaks between characters, a newline still breaks.
        let han: Vec<String> = wrap_prose(&plain("区政府常务会议\n每两周召开一次"), 8)
            .iter()
            .map(|l| text(l))
            .collect();
        assert_eq!(han, ["区政府常", "务会议", "每两周召", "开一次"]);
    }

    #[test]
    fn wrap_keeps_newlines() {
        let lines = wrap(&plain("第一款\n第二款"), 40);
        assert_eq!(lines.len(), 2);
    }
}
