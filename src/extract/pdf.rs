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
    let pages = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes))
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
