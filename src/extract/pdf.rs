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
    // pdf-extract panics on some files (malformed ones, fonts it cannot decode) instead of
    // returning an error; one bad file must stay a warning, so a panic is caught, kept off the
    // terminal and reported with what the reader said.
    let pages = quietly(|| pages_text(bytes))
        .map_err(|said| {
            if said.contains("encoding") || said.contains("cmap") {
                damaged(format!(
                    "a font's character encoding is one the PDF reader cannot decode ({said}); \
                     save the document as .docx or text from the program that made it"
                ))
            } else if said.is_empty() {
                damaged("the PDF reader failed on this file's structure")
            } else {
                damaged(format!(
                    "the PDF reader failed on this file's structure ({said})"
                ))
            }
        })?
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
    read_unicode_codes(&mut doc);
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

thread_local! {
    /// Set while the PDF reader runs: its panics are caught and reported as a warning, so the
    /// panic hook keeps them off the terminal.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, catching a panic and returning its message; the panic prints nothing. The first call
/// puts a hook before the one in place that stays silent while a reader runs on this thread.
fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Result<T, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                before(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(f);
    QUIET.with(|q| q.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

/// The predefined CMaps whose two-byte codes are the characters' Unicode values (UCS-2, and the
/// BMP of UTF-16), in the four CJK collections. A PDF made with a standard CJK font
/// (STSong-Light, not embedded) names one of them and gives no ToUnicode map; the PDF reader
/// decodes only Identity-H / Identity-V, so such a font is read as that with an identity map.
const UNICODE_CMAPS: [&str; 8] = [
    "UniGB-UCS2",
    "UniGB-UTF16",
    "UniCNS-UCS2",
    "UniCNS-UTF16",
    "UniJIS-UCS2",
    "UniJIS-UTF16",
    "UniKS-UCS2",
    "UniKS-UTF16",
];

/// Type 0 fonts encoded by a [`UNICODE_CMAPS`] CMap are given Identity-H (or -V) and a ToUnicode
/// map that sends each two-byte code to itself. Returns how many fonts were changed.
fn read_unicode_codes(doc: &mut pdf_extract::Document) -> usize {
    use pdf_extract::{Dictionary, Object, Stream};
    let fonts: Vec<(pdf_extract::ObjectId, bool)> = doc
        .objects
        .iter()
        .filter_map(|(&id, obj)| {
            let dict = obj.as_dict().ok()?;
            if dict.get(b"Subtype").ok()?.as_name().ok()? != b"Type0" || dict.has(b"ToUnicode") {
                return None;
            }
            let encoding = std::str::from_utf8(dict.get(b"Encoding").ok()?.as_name().ok()?).ok()?;
            let (cmap, mode) = encoding.rsplit_once('-')?;
            (UNICODE_CMAPS.contains(&cmap) && matches!(mode, "H" | "V"))
                .then_some((id, mode == "V"))
        })
        .collect();
    if fonts.is_empty() {
        return 0;
    }
    let map = doc.add_object(Stream::new(Dictionary::new(), identity_to_unicode()));
    for &(id, vertical) in &fonts {
        if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
            let identity: &[u8] = if vertical {
                b"Identity-V"
            } else {
                b"Identity-H"
            };
            font.set("Encoding", Object::Name(identity.to_vec()));
            font.set("ToUnicode", Object::Reference(map));
        }
    }
    fonts.len()
}

/// A ToUnicode CMap sending every two-byte code outside the surrogates to the same UTF-16 unit:
/// one range per high byte, in blocks of at most 100 (the CMap format's limit).
fn identity_to_unicode() -> Vec<u8> {
    let ranges: Vec<String> = (0u32..=0xFF)
        .filter(|high| !(0xD8..=0xDF).contains(high))
        .map(|high| format!("<{high:02X}00> <{high:02X}FF> <{high:02X}00>"))
        .collect();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for block in ranges.chunks(100) {
        cmap.push_str(&format!("{} beginbfrange\n", block.len()));
        for range in block {
            cmap.push_str(range);
            cmap.push('\n');
        }
        cmap.push_str("endbfrange\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap.into_bytes()
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
