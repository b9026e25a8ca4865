//! `guize serve` as a browser and a screen reader meet it: every page a link or form of the home
//! page reaches has a language, a title of its own and a label on every field; a search form sent
//! empty is the form again, not an error; a wrong method and a wrong yes/no value say what is
//! taken; the English words of the interface are marked English (`lang="en"`) on the Chinese
//! pages, and the corpus's Chinese text is not.

mod lang_check;
mod serve_common;

use lang_check::assert_english_marked;
use serve_common::{get, raw};

/// The form fields of `page` (inputs a user fills in, text areas, selects) that neither sit
/// inside a `<label>` nor carry an `aria-label`: what a screen reader would announce without a
/// name.
fn unlabelled_fields(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut open_labels = 0usize;
    let mut rest = page;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        match name {
            "label" => open_labels += 1,
            "" if tag.starts_with("/label") => open_labels = open_labels.saturating_sub(1),
            "input" | "textarea" | "select" => {
                let hidden = ["type=\"hidden\"", "type=\"submit\"", "type=\"button\""]
                    .iter()
                    .any(|t| tag.contains(t));
                if !hidden && open_labels == 0 && !tag.contains("aria-label=") {
                    out.push(format!("<{tag}>"));
                }
            }
            _ => {}
        }
        rest = &rest[end.min(rest.len())..];
    }
    out
}

/// The text of the page's `<title>`.
fn title(page: &str) -> &str {
    let start = page.find("<title>").map_or(0, |i| i + "<title>".len());
    let end = page[start..].find("</title>").map_or(start, |i| start + i);
    &page[start..end]
}

#[test]
fn every_page_has_a_language_a_title_and_labelled_fields() {
    for path in [
        "/",
        "/search?q=常务会议",
        "/search",
        "/doc/lixia",
        "/doc/lixia/39",
        "/compare/lixia:39",
        "/report",
        "/numbers",
        "/numbers?q=常务会议&differs=1",
        "/precedent",
    ] {
        let (status, page) = get(path);
        assert_eq!(status, 200, "{path}");
        assert!(page.contains("<html lang=\"zh-CN\">"), "{path}: no lang");
        let t = title(&page);
        let own = t.trim_end_matches(" · guize").trim();
        assert!(
            !own.is_empty() && !own.ends_with(':'),
            "{path}: title {t:?}"
        );
        let bare = unlabelled_fields(&page);
        assert!(bare.is_empty(), "{path}: fields without a label: {bare:?}");
    }
}

#[test]
fn english_words_are_marked_english_and_chinese_text_is_not() {
    for path in [
        "/",
        "/search?q=常务会议",
        "/doc/lixia",
        "/doc/lixia/39",
        "/compare/lixia:39",
        "/report",
        "/numbers?q=常务会议",
        "/precedent",
        "/doc/lixa",
    ] {
        let (_, page) = get(path);
        assert_english_marked(&page, path);
    }
}

#[test]
fn a_search_form_sent_empty_is_the_form_again() {
    for path in [
        "/search",
        "/search?q=",
        "/search?q=%20%20",
        "/search?q=&doc=lixia",
    ] {
        let (status, page) = get(path);
        assert_eq!(status, 200, "{path}: {page}");
        assert_eq!(title(&page), "Search · guize", "{path}");
        assert!(page.contains("name=\"q\""), "{path}: no form");
        assert!(!page.contains("class=\"error\""), "{path}: {page}");
        assert!(!page.contains("?q=…"), "{path}: speaks of the address");
    }
    let (_, page) = get("/search?q=&doc=lixia");
    assert!(
        page.contains("<option value=\"lixia\" selected>"),
        "the document chosen stays chosen"
    );
    // The API still wants a query, and a query of punctuation alone is still a 400 page.
    assert_eq!(get("/api/search?q=").0, 400);
    assert_eq!(get("/search?q=，。").0, 400);
}

#[test]
fn a_wrong_method_says_which_the_address_takes() {
    for (line, api) in [
        ("DELETE / HTTP/1.1\r\n", false),
        ("POST /search?q=x HTTP/1.1\r\nContent-Length: 0\r\n", false),
        (
            "PUT /api/search?q=x HTTP/1.1\r\nContent-Length: 0\r\n",
            true,
        ),
        ("GET /api/precedent HTTP/1.1\r\n", true),
    ] {
        let (status, text) = raw(line);
        assert_eq!(status, 405, "{line}");
        let method = line.split(' ').next().unwrap_or("");
        assert!(
            text.contains(&format!("does not take {method} requests; it takes")),
            "{line}: {text}"
        );
        assert_eq!(
            text.contains("application/json"),
            api,
            "{line}: the API answers JSON, pages HTML"
        );
    }
    let (_, text) = raw("DELETE / HTTP/1.1\r\n");
    assert!(text.contains("it takes GET and HEAD"), "{text}");
    let (_, text) = raw("GET /api/precedent HTTP/1.1\r\n");
    assert!(text.contains("it takes POST"), "{text}");
}

#[test]
fn a_wrong_yes_no_value_lists_the_words_taken() {
    for path in ["/api/numbers?differs=maybe", "/numbers?differs=maybe"] {
        let (status, body) = get(path);
        assert_eq!(status, 400, "{path}");
        assert!(
            body.contains("must be 1, true, on or yes (or 0, false, off or no), not"),
            "{path}: {body}"
        );
    }
    // Each of them is taken, as the message says.
    for v in ["1", "true", "on", "yes", "0", "false", "off", "no", "TRUE"] {
        let (status, body) = get(&format!("/api/numbers?differs={v}"));
        assert_eq!(status, if v == "TRUE" { 400 } else { 200 }, "{v}: {body}");
    }
}

/// The bytes of a password-protected Word file as Word writes it: a compound file whose
/// directory names the streams `EncryptionInfo` and `EncryptedPackage`.
fn locked_docx() -> Vec<u8> {
    let mut bytes = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
    bytes.extend(std::iter::repeat_n(0u8, 1016));
    for name in ["EncryptionInfo", "EncryptedPackage"] {
        let mut entry: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry.resize(128, 0);
        bytes.extend(entry);
    }
    bytes.extend(std::iter::repeat_n(0x5Au8, 4096));
    bytes
}

#[test]
fn a_draft_protected_by_a_password_says_so_rather_than_to_convert_it() {
    let (status, body) =
        serve_common::post("/api/precedent", "application/octet-stream", &locked_docx());
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("protected by a password"), "{body}");
    assert!(!body.contains("convert it"), "{body}");
    // An old binary Word file still gets the advice to convert it.
    let mut doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
    doc.extend(std::iter::repeat_n(0u8, 2048));
    let (status, body) = serve_common::post("/api/precedent", "application/octet-stream", &doc);
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("libreoffice --headless --convert-to docx"),
        "{body}"
    );
}
