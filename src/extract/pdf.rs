//! The text layer of a PDF, page by page (pdf-extract over lopdf: fonts decoded through their
//! ToUnicode maps, CID and simple fonts alike), joined without the running headers, footers and page
//! numbers. A PDF whose pages have no text at all is a scan and an error, never an empty document.

use super::{ExtractError, strip_running_lines};

/// A PDF's text and the pages holding a table that may be garbled ([`Lines`]).
pub(super) struct Pdf {
    pub text: String,
    pub garbled: Vec<u32>,
}

/// Extracts every page's text and joins the pages.
pub(super) fn text(bytes: &[u8]) -> Result<Pdf, ExtractError> {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(4)
            .any(|w| w == b"%PDF")
    {
        return Err(damaged("no %PDF header"));
    }
    // pdf-extract panics on some malformed files instead of returning an error; one bad file must
    // stay a warning, so a panic is caught and reported as damage.
    let pages = std::panic::catch_unwind(|| pages_text(bytes))
        .map_err(|_| damaged("the PDF reader failed on this file's structure"))?
        .map_err(|e| {
            let msg = e.to_string();
            if msg.to_ascii_lowercase().contains("encrypt") || msg.contains("password") {
                ExtractError::Encrypted
            } else if cut_short(bytes) {
                damaged(format!(
                    "it is cut short: it does not end with the %%EOF mark every PDF ends with \
                     (a download or copy that did not finish?); the reader said: {msg}"
                ))
            } else {
                damaged(msg)
            }
        })?;
    if pages.iter().all(|(_, p)| p.text.trim().is_empty()) {
        return Err(ExtractError::NoTextLayer { pages: pages.len() });
    }
    let garbled = pages
        .iter()
        .filter(|(_, p)| p.garbled)
        .map(|&(n, _)| n)
        .collect();
    let texts: Vec<&str> = pages.iter().map(|(_, p)| p.text.as_str()).collect();
    Ok(Pdf {
        text: close_digit_gaps(&strip_running_lines(&texts)),
        garbled,
    })
}

/// The text of every page, read with [`Lines`]; the pages after one that cannot be read are left
/// out, as pdf-extract's own page loop does.
fn pages_text(bytes: &[u8]) -> Result<Vec<(u32, PageText)>, pdf_extract::OutputError> {
    let mut doc = pdf_extract::Document::load_mem(bytes)?;
    if doc.is_encrypted() {
        // Many PDFs are encrypted with an empty user password only to restrict editing.
        doc.decrypt("")?;
    }
    let mut pages = Vec::new();
    for number in doc.get_pages().into_keys() {
        let mut lines = Lines::default();
        if pdf_extract::output_doc_page(&doc, &mut lines, number).is_err() {
            break;
        }
        pages.push((number, lines.finish()));
    }
    Ok(pages)
}

/// A gap between two glyphs on one baseline wider than this many font sizes is the gap between
/// two cells of a table's row, not word spacing. Justified prose never comes near it: over the
/// PDFs of `tests/data/docs` and a government print, no gap between two words of a line is wider
/// than 1.2 font sizes (`2010 年 6 月 25  日`); the cells of a LibreOffice table 7 cm wide are
/// 3.4 apart, of one the page's width 6 to 20. Two and a half is above a heading's two
/// full-width spaces (`总　　则`, when a producer moves over them instead of drawing them).
const CELL_GAP: f64 = 2.5;

/// How many lines back a line drawn up again on an earlier line's baseline is a table's cell
/// drawn after the wrapped cells before it in its row; further back it is a page's second column.
const REDRAWN: usize = 8;

/// A page's glyphs as lines of text. pdf-extract's plain-text output starts a line only where
/// the next word moves left as well as down, so a glyph drawn out of reading order loses the line
/// break: LibreOffice draws the space after a line's leading `第十七条` before the marker itself,
/// right of the end of a short line above (`措施。`), and `措施。  第十七条 …` became one line, the
/// article read as part of the one before. Here a word whose baseline moves by more than half the
/// font size starts a new line wherever it is drawn (a superscript moves less); on one line, a
/// gap wider than a tenth of the font size is a space and a move of more than one and a half
/// lines a blank line, as pdf-extract has them.
///
/// A gap wider than [`CELL_GAP`] font sizes on one baseline starts a new cell: a line of two cells
/// or more is a table's row, written as the DOCX and web readers write one (`super::table`): its
/// cells set off by tabs, a blank line after it, so the parser never rejoins it with the line
/// before or after as a hard wrap (`临时占用水域 每平方米每月五元永久占用水域…` was one line).
#[derive(Default)]
struct Lines {
    lines: Vec<Line>,
    /// Where the last glyph ended and its baseline, once a glyph is written.
    last: Option<(f64, f64)>,
    word_start: bool,
}

/// One line of a page as drawn: its cells (one for a line of text) and whether a blank line
/// comes before it.
struct Line {
    cells: Vec<Cell>,
    blank_before: bool,
    /// The baseline, the font size of its first glyph and where its last glyph ended.
    y: f64,
    size: f64,
    end: f64,
}

/// Text drawn from `x` on, with no gap of a cell in it.
struct Cell {
    x: f64,
    text: String,
}

impl Line {
    fn new(x: f64, y: f64, size: f64, blank_before: bool) -> Self {
        Line {
            cells: vec![Cell {
                x,
                text: String::new(),
            }],
            blank_before,
            y,
            size,
            end: x,
        }
    }

    fn is_row(&self) -> bool {
        self.cells.len() >= 2
    }

    fn x(&self) -> f64 {
        self.cells.first().map_or(0.0, |c| c.x)
    }
}

/// A page's text and whether a table on it may be garbled.
struct PageText {
    text: String,
    garbled: bool,
}

impl Lines {
    /// The page's text: single lines as drawn, rows as tab-separated cells with a blank line
    /// after each. The last cell of a row whose text wraps inside its cell (LibreOffice draws the
    /// cells of a row one after the other, so the lines after the row's own are the wrapped
    /// cell's) is joined whole: a line drawn right under a row, at its last cell's left edge and
    /// well right of its first, goes on in that cell. A table whose cells cannot be read so is
    /// `garbled`: a line drawn at another cell's edge under a row, or a line drawn back up on the
    /// baseline of one of the [`REDRAWN`] lines before it and right of it (a row whose first cells
    /// wrap: their lines were drawn before the row's other cells).
    fn finish(mut self) -> PageText {
        let mut garbled = false;
        for (j, line) in self.lines.iter().enumerate().skip(1) {
            let above = self.lines[j - 1].y;
            garbled |= line.y > above + line.size * 0.5
                && self.lines[j.saturating_sub(REDRAWN)..j]
                    .iter()
                    .any(|earlier| {
                        (earlier.y - line.y).abs() <= line.size * 0.2
                            && line.x() > earlier.end + line.size * 0.1
                    });
        }
        let mut kept: Vec<Line> = Vec::with_capacity(self.lines.len());
        // The last row and whether the lines since it all went on in its last cell.
        let mut row: Option<usize> = None;
        for line in std::mem::take(&mut self.lines) {
            if let Some(r) = row.filter(|_| !line.blank_before) {
                let open = &kept[r];
                let tol = line.size * 0.5;
                let first = open.x();
                let under =
                    |x: f64| line.x() > first + CELL_GAP * line.size && (x - line.x()).abs() <= tol;
                if let (false, Some(last)) = (line.is_row(), open.cells.last())
                    && under(last.x)
                {
                    let text = line.cells.into_iter().map(|c| c.text).collect::<String>();
                    if let Some(cell) = kept[r].cells.last_mut() {
                        join_wrapped(&mut cell.text, text.trim());
                    }
                    continue;
                }
                garbled |= open.cells.iter().any(|c| under(c.x));
            }
            row = if line.is_row() {
                Some(kept.len())
            } else {
                None
            };
            kept.push(line);
        }
        let mut text = String::new();
        let mut after_row = false;
        for (i, line) in kept.iter().enumerate() {
            if i > 0 {
                text.push_str(if line.blank_before || after_row {
                    "\n\n"
                } else {
                    "\n"
                });
            }
            if line.is_row() {
                let cells: Vec<&str> = line
                    .cells
                    .iter()
                    .map(|c| c.text.trim_matches(' '))
                    .collect();
                text.push_str(cells.join("\t").trim_end_matches('\t'));
            } else {
                text.extend(line.cells.iter().map(|c| c.text.as_str()));
            }
            after_row = line.is_row();
        }
        PageText { text, garbled }
    }
}

/// Appends the next line of a wrapped cell to its text: no space between Chinese characters (a
/// Word cell's text holds none where it wraps), one between two Latin words or figures.
fn join_wrapped(cell: &mut String, next: &str) {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(cell.chars().last()) && latin(next.chars().next()) {
        cell.push(' ');
    }
    cell.push_str(next);
}

impl pdf_extract::OutputDev for Lines {
    fn begin_page(
        &mut self,
        _page: u32,
        _media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        // The font size in page units: the side of the square of the area the transform gives
        // a font-size square (pdf-extract's measure).
        let (sx, sy) = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = (sx * sy).abs().sqrt();
        let (x, y) = (trm.m31, trm.m32);
        let mut space = false;
        match self.last {
            Some((end, last_y)) => {
                let down = (y - last_y).abs();
                if self.word_start && down > size * 0.5 {
                    // More than a line's move: a blank line, which ends a paragraph.
                    self.lines.push(Line::new(x, y, size, down > size * 1.5));
                } else if down <= size * 0.5 && x > end + size * CELL_GAP {
                    if let Some(line) = self.lines.last_mut() {
                        line.cells.push(Cell {
                            x,
                            text: String::new(),
                        });
                    }
                } else {
                    space = self.word_start && x > end + size * 0.1;
                }
            }
            None => self.lines.push(Line::new(x, y, size, false)),
        }
        if let Some(cell) = self.lines.last_mut().and_then(|l| l.cells.last_mut()) {
            if space {
                cell.text.push(' ');
            }
            cell.text.push_str(text);
        }
        if let Some(line) = self.lines.last_mut() {
            line.end = x + width * size;
        }
        self.word_start = false;
        self.last = Some((x + width * size, y));
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.word_start = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// Drops the spaces a PDF's layout puts between Chinese text and figures set in a Latin font
/// (`大于等于 4 米`, `自 2012 年 1 月 1 日`): the text typed had none. The space after a line's
/// leading 第X条 / 第X章 marker stays, since it is what tells the marker from the text.
pub(super) fn close_digit_gaps(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let keep = leading_marker_end(line);
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut k = 0;
        while k < chars.len() {
            let (at, c) = chars[k];
            if c == ' ' && at > keep && k > 0 {
                let run = chars[k..].iter().take_while(|(_, c)| *c == ' ').count();
                let before = chars[k - 1].1;
                if let Some(&(_, after)) = chars.get(k + run)
                    && run <= 2
                    && ((is_cjk(before) && after.is_ascii_digit())
                        || (before.is_ascii_digit() && is_cjk(after)))
                {
                    k += run;
                    continue;
                }
            }
            out.push(c);
            k += 1;
        }
    }
    out
}

/// Chinese characters and the full-width punctuation set among them.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}')
}

/// Byte offset where a line's leading `第…条` (or 章, 节, 编) marker ends, 0 without one.
fn leading_marker_end(line: &str) -> usize {
    let Some(rest) = line.trim_start().strip_prefix('第') else {
        return 0;
    };
    let start = line.len() - rest.len();
    for (i, c) in rest.char_indices() {
        if matches!(c, '条' | '章' | '节' | '编') {
            return start + i + c.len_utf8();
        }
        if !crate::text::numeral::is_chinese_numeral(c) && !c.is_ascii_digit() {
            return 0;
        }
    }
    0
}

/// A PDF whose last kilobyte has no `%%EOF`: the end of the file is missing.
fn cut_short(bytes: &[u8]) -> bool {
    !bytes[bytes.len().saturating_sub(1024)..]
        .windows(5)
        .any(|w| w == b"%%EOF")
}

fn damaged(msg: impl std::fmt::Display) -> ExtractError {
    ExtractError::Damaged {
        format: "PDF",
        msg: msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::close_digit_gaps;

    #[test]
    fn figures_lose_the_spaces_the_layout_put_around_them() {
        assert_eq!(
            close_digit_gaps("任一边长大于等于 4 米，或者单面面积大于等\n于 10 平方米。"),
            "任一边长大于等于4米，或者单面面积大于等\n于10平方米。"
        );
        assert_eq!(
            close_digit_gaps("本条例自 2012 年 1 月 1 日起施行。"),
            "本条例自2012年1月1日起施行。"
        );
        // The marker's space stays; Latin words and spaces between Chinese words stay.
        assert_eq!(
            close_digit_gaps("第四十七条 2012 年施行\n第二章  总 则\nISO 9001 标准"),
            "第四十七条 2012年施行\n第二章  总 则\nISO 9001标准"
        );
    }
}
