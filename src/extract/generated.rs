//! The mark guize puts on the files it writes (a report, a comparison, a 对照表), and telling such
//! a file from a regulation: written into the corpus folder, it must not be read back as one.

use super::Format;

/// The generator's name, as the marks spell it.
pub const GENERATOR: &str = "guize";

/// The first line of a Markdown file guize writes (an HTML comment: not shown, not regulation text).
pub const MARKDOWN_MARK: &str =
    "<!-- generator: guize (written by guize; not a corpus document) -->";

/// The `<meta>` element in the `<head>` of every HTML page guize writes.
pub const HTML_META: &str = "<meta name=\"generator\" content=\"guize\">";

/// The `<dc:creator>` of every DOCX file guize writes.
pub const DOCX_CREATOR: &str = "<dc:creator>guize</dc:creator>";

/// How many leading bytes hold the mark of a text, HTML or DOCX file guize writes.
pub const HEAD_BYTES: usize = 2048;

/// True when `bytes` (a file's whole content, or its first [`HEAD_BYTES`]) carry guize's mark for
/// the format of `path`.
pub fn is_generated(format: Format, bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    let head = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
    match format {
        Format::Text | Format::Markdown => head.starts_with(MARKDOWN_MARK.as_bytes()),
        Format::Html => contains(head, HTML_META.as_bytes()),
        // guize stores its core properties uncompressed, creator first, among the first parts:
        // the mark is in the head. A package written before that is known from its parts.
        Format::Docx => {
            (head.starts_with(b"PK\x03\x04") && contains(head, DOCX_CREATOR.as_bytes()))
                || super::docx::core_properties(bytes)
                    .is_some_and(|core| contains(&core, DOCX_CREATOR.as_bytes()))
        }
        _ => false,
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_recognised_by_format() {
        let md = format!("{MARKDOWN_MARK}\n# 报告\n");
        assert!(is_generated(Format::Markdown, md.as_bytes()));
        assert!(!is_generated(
            Format::Markdown,
            "# 某某条例\n第一条 …".as_bytes()
        ));
        let html = format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\">{HTML_META}</head>");
        assert!(is_generated(Format::Html, html.as_bytes()));
        assert!(!is_generated(
            Format::Html,
            b"<html><head><meta name=\"generator\" content=\"WordPress\"></head>"
        ));
        assert!(!is_generated(Format::Docx, b"not a zip"));
    }
}
