//! Turns a document file's bytes into the plain text the parser reads, by format: text and Markdown
//! are decoded, DOCX, PDF and HTML have their text taken out of the container. Known formats guize
//! cannot read are an error that says how to convert them. No parsing of articles happens here.

mod decode;
mod docx;
mod entity;
pub mod generated;
mod html;
mod numbering;
mod pages;
mod pdf;
mod table;

use std::path::Path;

pub use decode::{DecodeError, decode, head_is_binary};
pub use pages::strip_running_lines;

/// How a file is read, decided by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// `.txt`: decoded (UTF-8, UTF-16 with or without a BOM, else GB18030).
    Text,
    /// `.md`, `.markdown`: decoded like text; the parser reads `#` headings.
    Markdown,
    /// `.docx` and its relatives (`.docm`, `.dotx`): Word and WPS documents (Office Open XML).
    Docx,
    /// `.pdf` with a text layer.
    Pdf,
    /// `.html`, `.htm`, `.shtml`: a web page; only its article body is the document.
    Html,
    /// A document format guize cannot read; the error says how to convert it.
    Unsupported(Unsupported),
}

/// Document formats that are recognised but not read, so they are never skipped in silence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unsupported {
    /// `.doc`, `.dot`, `.wps`, `.wpt`, `.rtf`, `.odt`: word-processor files LibreOffice converts.
    WordProcessor,
    /// `.ofd`, `.ceb`, `.caj`, `.xps`: fixed-layout formats of Chinese publishing and Windows.
    FixedLayout,
}

impl Format {
    /// Every format guize reads, each with its usual extension (what messages list).
    pub const READ: [(Format, &'static str); 5] = [
        (Format::Text, "txt"),
        (Format::Markdown, "md"),
        (Format::Docx, "docx"),
        (Format::Pdf, "pdf"),
        (Format::Html, "html"),
    ];

    /// The readable formats for people: `.txt, .md, .docx, .pdf or .html`.
    pub fn read_list() -> String {
        let exts: Vec<String> = Format::READ.iter().map(|(_, e)| format!(".{e}")).collect();
        match exts.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => exts.concat(),
        }
    }

    /// The format of `path` by its extension (any case), or `None` for files that are not documents
    /// (images, spreadsheets, the manifest, Word's `~$` owner files).
    pub fn of(path: &Path) -> Option<Format> {
        // A name that is not UTF-8 is still a document (its id escapes the odd bytes).
        let name = path.file_name()?.to_string_lossy();
        if name.starts_with("~$") {
            return None;
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "docx" | "docm" | "dotx" => Format::Docx,
            "pdf" => Format::Pdf,
            "html" | "htm" | "shtml" | "xhtml" => Format::Html,
            "doc" | "dot" | "wps" | "wpt" | "rtf" | "odt" => {
                Format::Unsupported(Unsupported::WordProcessor)
            }
            "ofd" | "ceb" | "caj" | "xps" | "oxps" => Format::Unsupported(Unsupported::FixedLayout),
            _ => return None,
        })
    }

    /// The order in which files that would get the same document id are preferred: the plain text
    /// first (it is what the others were made from, or what a user prepared by hand).
    pub(crate) fn preference(self) -> u8 {
        match self {
            Format::Text => 0,
            Format::Markdown => 1,
            Format::Docx => 2,
            Format::Html => 3,
            Format::Pdf => 4,
            Format::Unsupported(_) => 5,
        }
    }
}

/// Whether `bytes` are an Office document protected by a password (an encrypted .docx is a
/// compound file, as an old binary .doc is, and needs the password removed, not a conversion).
pub fn is_password_protected(bytes: &[u8]) -> bool {
    docx::is_encrypted_package(bytes)
}

/// What a file's first bytes say it is, as the extension it should have, whatever its name:
/// `docx` (a zip package that is no other format's, or a compound file encrypted with a
/// password, which the DOCX reader says so of), `odt` (an OpenDocument package), `xps`, `doc`
/// (any other compound file: Word 97-2003),
/// `rtf`, `pdf`, `html`; `None` for anything else (text, or bytes no format claims).
pub fn sniffed_extension(bytes: &[u8]) -> Option<&'static str> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    Some(if bytes.starts_with(b"PK\x03\x04") {
        // An OpenDocument package names its type uncompressed in its first entry, `mimetype`.
        let first = &bytes[..bytes.len().min(256)];
        if contains(first, ODF_MIME.as_bytes()) {
            "odt"
        } else if contains(bytes, b".fdseq") {
            // An XPS package (its FixedDocumentSequence part).
            "xps"
        } else {
            "docx"
        }
    } else if is_password_protected(bytes) {
        "docx"
    } else if bytes.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        "doc"
    } else if bytes.starts_with(b"{\\rtf") {
        "rtf"
    } else if bytes.starts_with(b"%PDF-") {
        "pdf"
    } else if head.starts_with("<!doctype html") || head.starts_with("<html") {
        "html"
    } else {
        return None;
    })
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The media type an OpenDocument package opens with (`application/vnd.oasis.opendocument.text`).
const ODF_MIME: &str = "application/vnd.oasis.opendocument";

/// Extracts the text of bytes that come with no name (standard input, an upload, whose name may
/// be anything): their first bytes tell a DOCX, PDF or web page (read as such) or a format guize
/// does not read (its advice); anything else is text (UTF-8, UTF-16, else GB18030).
pub fn extract_unnamed(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let ext = sniffed_extension(bytes).unwrap_or("txt");
    extract(Path::new(&format!("input.{ext}")), bytes)
}

/// Whether the corpus walk takes `path` as a document (readable or to be warned about).
pub fn is_document(path: &Path) -> bool {
    Format::of(path).is_some()
}

/// Why a file's text could not be taken out.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// Text that is empty, binary or in no known encoding.
    #[error("{0}")]
    Text(#[from] DecodeError),
    #[error(
        "{} guize cannot read; convert it to .docx (`libreoffice --headless --convert-to docx \
         FILE`)",
        .0
    )]
    /// A word-processor format guize does not read (.doc, .wps, .rtf, .odt); holds its name.
    WordProcessor(String),
    #[error(
        "{} guize cannot read; export or print it to PDF with its reader (for OFD, e.g. an OFD \
         reader's 另存为 PDF)",
        .0
    )]
    /// A fixed-layout format guize does not read (.ofd, .ceb, .caj, .xps); holds its name.
    FixedLayout(String),
    /// A container that is not what its extension says, or is damaged.
    #[error("not a readable {format} file: {msg}")]
    Damaged {
        /// The format the extension says (DOCX, PDF).
        format: &'static str,
        /// What the reader said.
        msg: String,
    },
    /// A PDF whose pages hold images but no text: a scan.
    #[error(
        "PDF has no text layer ({pages} pages, no text: a scan?); run OCR on it (e.g. \
         `ocrmypdf -l chi_sim IN.pdf OUT.pdf`) or find a text version"
    )]
    NoTextLayer {
        /// Pages in the file.
        pages: usize,
    },
    /// A container whose text is larger than a document file may be.
    #[error(
        "its text is {} MB, more than the {} MB a document may hold (a damaged file?); not read",
        .bytes >> 20,
        .max >> 20
    )]
    TooLarge {
        /// Bytes of text taken out.
        bytes: usize,
        /// The cap ([`MAX_FILE_BYTES`]).
        max: usize,
    },
    /// A PDF that needs a password.
    #[error("PDF is encrypted with a password; save an unprotected copy")]
    Encrypted,
    /// A well-formed container whose document holds no text (a Word file saved empty).
    #[error("the {format} document holds no text (an empty document)")]
    NoText {
        /// The format (DOCX).
        format: &'static str,
    },
}

/// Files larger than this are not regulations (the longest law of lawrefbook is 0.3 MB): the
/// loader refuses them unread, and a container's extracted text is held to it too.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// Reads what a user hands over (a draft, an edition, a gold file, standard input) up to
/// [`MAX_FILE_BYTES`]: more is an error, so that a device that never ends (`/dev/zero`), an endless
/// pipe (`yes |`) or a huge file costs 16 MB of memory and a moment, not all the memory there is.
/// A regular file is refused by its size before it is read.
pub fn read_capped(mut reader: impl std::io::Read) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    (&mut reader)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large_input());
    }
    Ok(bytes)
}

/// [`read_capped`] of the file at `path` (a regular file, a pipe such as `<(cmd)`, a device).
pub fn read_file_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(std::io::Error::other("a folder, not a file"));
    }
    if meta.is_file() && meta.len() > MAX_FILE_BYTES {
        return Err(std::io::Error::other(format!(
            "{:.1} MB, larger than a regulation can be ({} MB)",
            meta.len() as f64 / 1e6,
            MAX_FILE_BYTES >> 20
        )));
    }
    read_capped(file)
}

fn too_large_input() -> std::io::Error {
    std::io::Error::other(format!(
        "more than {} MB, larger than a regulation can be (a device or a stream that does not end?)",
        MAX_FILE_BYTES >> 20
    ))
}

/// A file's text, ready for the parser, and a note worth a warning (a guessed encoding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The text, line breaks as `\n`.
    pub text: String,
    /// What is worth a warning (a guessed encoding, removed bytes).
    pub note: Option<String>,
    /// Every line end is a paragraph end its author made (a DOCX paragraph, an HTML block or
    /// `<br>`), never a wrap:
    /// read with [`crate::parse::SourceKind::Paragraphs`].
    pub authored: bool,
}

/// Extracts the text of `bytes`, read from `path`, by the format of its extension. Line breaks are
/// `\n`; what is not the document (web navigation, DOCX headers and footers, PDF running headers and
/// page numbers) is left out where the format tells it apart.
pub fn extract(path: &Path, bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let plain = |text: String| {
        // A container's text may be far larger than its file (a compressed DOCX): the cap on
        // files holds for the text taken out of them too.
        let max = MAX_FILE_BYTES;
        if text.len() as u64 > max {
            return Err(ExtractError::TooLarge {
                bytes: text.len(),
                max: max as usize,
            });
        }
        Ok(Extracted {
            text: normalize_breaks(&text),
            note: None,
            authored: false,
        })
    };
    let format = Format::of(path).unwrap_or(Format::Text);
    // An empty container is an empty file, as an empty .txt is, not a damaged one.
    if bytes.is_empty() && matches!(format, Format::Docx | Format::Pdf | Format::Html) {
        return Err(ExtractError::Text(DecodeError::Empty));
    }
    // A file named as a format guize does not read whose bytes are one it reads (a .docx
    // renamed .doc, a web page saved as .doc): read as what it is, with a warning.
    if let Format::Unsupported(_) = format
        && let Some((real, ext)) = readable_by_content(bytes)
    {
        let mut read = extract(Path::new(&format!("input.{ext}")), bytes)?;
        let wrong = format!(
            "{} whose content is a {real}: read as one (name it .{ext})",
            describe(path)
        );
        read.note = Some(match read.note {
            Some(n) => format!("{wrong}; {n}"),
            None => wrong,
        });
        return Ok(read);
    }
    match format {
        Format::Text | Format::Markdown => {
            let (text, note) = decode(bytes).map_err(ExtractError::Text)?;
            // A text file with form feeds is a PDF extraction (pdftotext): clean it page by page.
            let text = if text.contains('\u{c}') {
                strip_running_lines(&text.split('\u{c}').collect::<Vec<_>>())
            } else {
                text
            };
            // A page pasted as its source: `第一条&nbsp;为了…` is an article head once its
            // references are read, as a browser reads them.
            let (text, note) = match entity::decode(&text) {
                Some((read, first, line)) => {
                    let said = format!(
                        "HTML character references read as the characters they stand for (the \
                         first, {first}, on line {line}): a web page's source pasted as text?"
                    );
                    let note = Some(match note {
                        Some(n) => format!("{n}; {said}"),
                        None => said,
                    });
                    (read, note)
                }
                None => (text, note),
            };
            Ok(Extracted {
                text,
                note,
                authored: false,
            })
        }
        Format::Docx => {
            plain(docx::text(bytes).map_err(|e| text_renamed("DOCX", bytes, e))?).map(|d| {
                Extracted {
                    authored: true,
                    ..d
                }
            })
        }
        Format::Pdf => {
            let pdf = pdf::text(bytes).map_err(|e| text_renamed("PDF", bytes, e))?;
            plain(pdf.text).map(|d| Extracted {
                note: garbled_tables(&pdf.garbled),
                ..d
            })
        }
        // A web page's block elements and `<br>` are its author's line ends, as a DOCX's
        // paragraphs are (a page hard-wrapped at one width throughout is still rejoined).
        Format::Html => plain(html::text(bytes)?).map(|d| Extracted {
            authored: true,
            ..d
        }),
        Format::Unsupported(kind) => {
            let what = describe(path);
            Err(match kind {
                Unsupported::WordProcessor => ExtractError::WordProcessor(what),
                Unsupported::FixedLayout => ExtractError::FixedLayout(what),
            })
        }
    }
}

/// The warning for a PDF whose tables may be garbled: the pages holding a table whose cells run
/// over several lines in a way [`pdf`]'s line builder cannot put back into rows.
fn garbled_tables(pages: &[u32]) -> Option<String> {
    let (last, rest) = pages.split_last()?;
    let (which, their) = if rest.is_empty() {
        (format!("the table on page {last}"), "its")
    } else {
        let rest: Vec<String> = rest.iter().map(u32::to_string).collect();
        (
            format!("the tables on pages {} and {last}", rest.join(", ")),
            "their",
        )
    };
    Some(format!(
        "{which} may be garbled: {their} cells run over several lines, which the PDF's text does \
         not keep together, so rows may be read out of order; check them against the document \
         (a .docx of it keeps every row whole)"
    ))
}

/// The error of a DOCX or PDF file that does not read, said plainly when its bytes are text (a
/// text or Markdown file renamed): "it is text, not DOCX".
fn text_renamed(format: &'static str, bytes: &[u8], err: ExtractError) -> ExtractError {
    let container = bytes.starts_with(b"PK") || bytes.windows(5).take(1024).any(|w| w == b"%PDF-");
    match err {
        ExtractError::Damaged { .. } if !container && decode(bytes).is_ok() => {
            ExtractError::Damaged {
                format,
                msg: format!(
                    "it is text, not {format} (a text file renamed?); name it .txt or .md"
                ),
            }
        }
        other => other,
    }
}

/// The format guize reads that `bytes` are by their content (its name for people and its
/// extension), or `None`.
fn readable_by_content(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    match sniffed_extension(bytes)? {
        // The package's parts are named in their local headers, uncompressed: `word/document.xml`.
        "docx" if contains(bytes, b"word/") => Some((".docx (a Word document in XML)", "docx")),
        "pdf" => Some(("PDF", "pdf")),
        "html" => Some(("web page", "html")),
        _ => None,
    }
}

/// "a .wps file (WPS Writer)" for the conversion advice.
fn describe(path: &Path) -> String {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let app = match ext.as_str() {
        "doc" | "dot" => "Word 97-2003",
        "wps" | "wpt" => "WPS Writer",
        "rtf" => "Rich Text",
        "odt" => "OpenDocument",
        "ofd" => "OFD, the Chinese fixed-layout format",
        "ceb" => "Apabi CEB",
        "caj" => "CNKI CAJ",
        _ => "XPS",
    };
    format!("a .{ext} file ({app})")
}

/// `\r\n` and `\r` become `\n`, so every format reaches the parser with one kind of line break.
fn normalize_breaks(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listed_formats_are_the_readable_ones() {
        for (format, ext) in Format::READ {
            assert_eq!(Format::of(Path::new(&format!("a.{ext}"))), Some(format));
            assert!(Format::read_list().contains(&format!(".{ext}")));
        }
        for ext in ["doc", "ofd"] {
            let f = Format::of(Path::new(&format!("a.{ext}"))).expect("known");
            assert!(!Format::READ.iter().any(|(r, _)| *r == f), "{ext}");
        }
        assert_eq!(Format::read_list(), ".txt, .md, .docx, .pdf or .html");
    }

    #[test]
    fn formats_by_extension_in_any_case() {
        assert_eq!(Format::of(Path::new("a/规则.DOCX")), Some(Format::Docx));
        assert_eq!(Format::of(Path::new("x.htm")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("x.pdf")), Some(Format::Pdf));
        assert_eq!(
            Format::of(Path::new("x.wps")),
            Some(Format::Unsupported(Unsupported::WordProcessor))
        );
        assert_eq!(Format::of(Path::new("x.png")), None);
        assert_eq!(Format::of(Path::new("~$规则.docx")), None);
        assert_eq!(Format::of(Path::new("README")), None);
    }

    #[test]
    fn unsupported_formats_say_how_to_convert() {
        let e = extract(Path::new("c/规则.wps"), b"\xd0\xcf\x11\xe0").expect_err("not read");
        let msg = e.to_string();
        assert!(msg.contains(".wps file (WPS Writer)"), "{msg}");
        assert!(
            msg.contains("libreoffice --headless --convert-to docx"),
            "{msg}"
        );
        let e = extract(Path::new("规则.ofd"), b"PK").expect_err("not read");
        assert!(e.to_string().contains("PDF"), "{e}");
    }

    fn fixture(name: &str) -> Vec<u8> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/docs")
            .join(name);
        std::fs::read(path).expect("fixture")
    }

    #[test]
    fn a_garbled_table_is_named_by_its_pages() {
        assert_eq!(garbled_tables(&[]), None);
        let one = garbled_tables(&[3]).expect("a warning");
        assert!(
            one.starts_with("the table on page 3 may be garbled: its cells"),
            "{one}"
        );
        let three = garbled_tables(&[2, 3, 5]).expect("a warning");
        assert!(
            three.starts_with("the tables on pages 2, 3 and 5 may be garbled: their cells"),
            "{three}"
        );
    }

    #[test]
    fn a_docx_named_doc_is_read_as_a_docx_with_a_warning() {
        let docx = fixture("fazhi.docx");
        let as_docx = extract(Path::new("fazhi.docx"), &docx).expect("reads");
        let got = extract(Path::new("old.doc"), &docx).expect("read by its content");
        assert_eq!(got.text, as_docx.text);
        assert!(got.authored);
        let note = got.note.expect("a warning");
        assert!(
            note.contains(".doc file (Word 97-2003) whose content is a .docx"),
            "{note}"
        );
        assert!(note.contains("name it .docx"), "{note}");
        // A PDF named .wps likewise.
        let pdf = fixture("fazhi.pdf");
        let got = extract(Path::new("x.wps"), &pdf).expect("read by its content");
        assert!(got.note.is_some_and(|n| n.contains("content is a PDF")));
        // A real Word 97-2003 file keeps the advice, which names no folder to put it in.
        let e = extract(
            Path::new("old.doc"),
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0",
        )
        .expect_err("not read");
        let msg = e.to_string();
        assert!(msg.contains("Word 97-2003"), "{msg}");
        assert!(msg.contains("convert it to .docx"), "{msg}");
        assert!(!msg.contains("put the"), "{msg}");
        // An OpenDocument package is a zip too, but no DOCX: still the advice.
        let mut odt = b"PK\x03\x04".to_vec();
        odt.extend_from_slice(&[0; 26]);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(sniffed_extension(&odt), Some("odt"));
        assert!(matches!(
            extract(Path::new("x.odt"), &odt),
            Err(ExtractError::WordProcessor(_))
        ));
    }

    #[test]
    fn unnamed_bytes_are_read_by_their_content() {
        assert_eq!(sniffed_extension(&fixture("fazhi.docx")), Some("docx"));
        assert_eq!(sniffed_extension(&fixture("fazhi.pdf")), Some("pdf"));
        assert_eq!(
            sniffed_extension(b"\xef\xbb\xbf <!DOCTYPE html><p>x"),
            Some("html")
        );
        assert_eq!(sniffed_extension("第一条 为了".as_bytes()), None);
        let docx = extract_unnamed(&fixture("fazhi.docx")).expect("reads");
        assert!(docx.authored && docx.note.is_none());
        let text = extract_unnamed("第一条 为了规范管理，制定本办法。".as_bytes()).expect("text");
        assert_eq!(text.text, "第一条 为了规范管理，制定本办法。");
    }

    #[test]
    fn a_text_file_named_docx_or_pdf_is_said_to_be_text() {
        let text = "第一条 为了规范管理，制定本办法。\n".as_bytes();
        for name in ["renamed.docx", "renamed.pdf"] {
            let e = extract(Path::new(name), text).expect_err("not a container");
            assert!(e.to_string().contains("it is text, not"), "{name}: {e}");
        }
        // A damaged container is still called damaged, not text.
        let e = extract(Path::new("bad.docx"), b"PK\x03\x04broken").expect_err("damaged");
        assert!(!e.to_string().contains("it is text"), "{e}");
    }

    #[test]
    fn a_text_file_with_form_feeds_loses_its_running_lines() {
        let page = |n: u32, body: &str| format!("某某区人民政府工作规则\n{body}\n— {n} —\n");
        let pages: Vec<String> = ["甲", "乙", "丙", "丁"]
            .iter()
            .enumerate()
            // Body lines as a page prints them, full width: the running title is short beside
            // them (a header as wide as the body, with no blank line under it, stays text).
            .map(|(n, b)| {
                page(
                    n as u32 + 1,
                    &format!("{b}页的正文：区政府全体会议由区长、副区长、区长助理和各部门主要负责人组成。"),
                )
            })
            .collect();
        let got = extract(Path::new("x.txt"), pages.join("\u{c}").as_bytes()).expect("reads");
        assert!(!got.text.contains("某某区"), "{}", got.text);
        assert!(!got.text.contains('—'), "{}", got.text);
        assert!(got.text.contains("丁页的正文："), "{}", got.text);
    }
}
