//! What a page says in which language: its text outside tags split by `lang="en"`, and the English
//! words of a text. Shared by the tests of the served pages and of the HTML files.

/// The text of `page` outside tags, with what `<span lang="en">` holds taken out (`en`: that text)
/// and the elements whose text is no language (`<code>`, `<title>`, `<option>`, `<textarea>`,
/// `<style>`) left out.
pub fn text_by_lang(page: &str) -> (String, String) {
    let (mut zh, mut en) = (String::new(), String::new());
    let mut rest = page;
    let mut in_en = 0usize;
    let mut skip: Option<&str> = None;
    let mut depth_in_en: Vec<usize> = Vec::new();
    let mut spans = 0usize;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        if skip.is_none() {
            if in_en > 0 {
                en.push_str(text)
            } else {
                zh.push_str(text)
            }
            en.push(' ');
            zh.push(' ');
        }
        let end = rest[lt..].find('>').map_or(rest.len(), |i| lt + i + 1);
        let tag = &rest[lt..end];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        match (skip, name.as_str()) {
            (Some(open), n) if n.strip_prefix('/') == Some(open) => skip = None,
            (Some(_), _) => {}
            (None, "code" | "title" | "option" | "textarea" | "style") => {
                skip = ["code", "title", "option", "textarea", "style"]
                    .into_iter()
                    .find(|s| *s == name)
            }
            (None, "span") => {
                spans += 1;
                if tag.contains("lang=\"en\"") {
                    in_en += 1;
                    depth_in_en.push(spans);
                }
            }
            (None, "/span") => {
                if depth_in_en.last() == Some(&spans) {
                    depth_in_en.pop();
                    in_en -= 1;
                }
                spans = spans.saturating_sub(1);
            }
            _ => {}
        }
        rest = &rest[end..];
    }
    (zh, en)
}

/// Words of two ASCII letters or more with a lowercase letter (entities left out).
pub fn english_words(text: &str) -> Vec<String> {
    let text = text
        .replace("&amp;", " ")
        .replace("&quot;", " ")
        .replace("&lt;", " ")
        .replace("&gt;", " ")
        .replace("&#39;", " ");
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && w.bytes().any(|b| b.is_ascii_lowercase()))
        .map(str::to_string)
        .collect()
}

/// Fails unless every English word of `page`'s text is inside `lang="en"`, something is, and no
/// Chinese is.
pub fn assert_english_marked(page: &str, what: &str) {
    let (zh, en) = text_by_lang(page);
    let unmarked = english_words(&zh);
    assert!(
        unmarked.is_empty(),
        "{what}: English outside lang=\"en\": {unmarked:?}"
    );
    assert!(!en.is_empty(), "{what}: nothing marked English");
    assert!(
        !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{what}: Chinese inside lang=\"en\""
    );
}
