//! The text layer of a PDF, page by page (pdf-extract over lopdf: fonts decoded through their
//! ToUnicode maps, CID and simple fonts alike), joined without the running headers, footers and page
//! numbers. A PDF whose pages have no text at all is a scan and an error, never an empty document.

use super::{ExtractError, strip_running_lines};

/// Extracts every page's text and joins the pages.
pub(super) fn text(bytes: &[u8]) -> Result<String, ExtractError> {
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
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(ExtractError::NoTextLayer { pages: pages.len() });
    }
    Ok(close_digit_gaps(&strip_running_lines(&pages)))
}

/// The text of every page, read with [`Lines`]; the pages after one that cannot be read are left
/// out, as pdf-extract's own page loop does.
fn pages_text(bytes: &[u8]) -> Result<Vec<String>, pdf_extract::OutputError> {
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
        pages.push(lines.text);
    }
    Ok(pages)
}

/// A page's glyphs as lines of text. pdf-extract's plain-text output starts a line only where
/// the next word moves left as well as down, so a glyph drawn out of reading order loses the line
/// break: LibreOffice draws the space after a line's leading `第十七条` before the marker itself,
/// right of the end of a short line above (`措施。`), and `措施。  第十七条 …` became one line, the
/// article read as part of the one before. Here a word whose baseline moves by more than half the
/// font size starts a new line wherever it is drawn (a superscript moves less); on one line, a
/// gap wider than a tenth of the font size is a space and a move of more than one and a half
/// lines a blank line, as pdf-extract has them.
#[derive(Default)]
struct Lines {
    text: String,
    /// Where the last glyph ended and its baseline, once a glyph is written.
    last: Option<(f64, f64)>,
    word_start: bool,
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
        if let (true, Some((end, last_y))) = (self.word_start, self.last) {
            let down = (y - last_y).abs();
            if down > size * 1.5 {
                // A gap of more than a line: a blank line, which ends a paragraph.
                self.text.push_str("\n\n");
            } else if down > size * 0.5 {
                self.text.push('\n');
            } else if x > end + size * 0.1 {
                self.text.push(' ');
            }
        }
        self.text.push_str(text);
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
