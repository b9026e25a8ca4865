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
            } else {
                damaged(msg)
            }
        })?;
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(ExtractError::NoTextLayer { pages: pages.len() });
    }
    Ok(strip_running_lines(&pages))
}

fn damaged(msg: impl std::fmt::Display) -> ExtractError {
    ExtractError::Damaged {
        format: "PDF",
        msg: msg.to_string(),
    }
}
