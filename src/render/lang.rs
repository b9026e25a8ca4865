//! Every HTML page guize writes (`compare`/`report --format html`, `versions --format html`, the
//! pages of `guize serve`) is Chinese (`<html lang="zh-CN">`: the corpus's text) with English words
//! around it (the interface: Search, Report, 5 documents, Compared with …). A screen reader or a
//! browser's hyphenation and fonts pick the language of each run from `lang`, so every run of
//! English words in the page's text is wrapped in `<span lang="en">`. Done on the finished page by
//! this one function, so that every page, files and served pages, error pages and the report's
//! markup included, gets it alike.
//!
//! A run is a stretch of ASCII text (entities whole) from its first letter to its last letter or
//! digit that holds a word of two letters or more with a lowercase letter: `Search`, `5 documents`
//! (from `documents`), not the acronyms and codes a regulation writes in Latin letters (`AB`, `PM2.5`,
//! `GB/T`). Attribute values, the title, `<code>` (ids, commands), and the elements whose content
//! cannot hold markup (`option`, `textarea`, `style`, `script`) are left as they are.

use std::io::{self, Write};

/// Elements whose text is left unmarked, up to their closing tag.
const UNMARKED: [&str; 6] = ["title", "code", "option", "textarea", "style", "script"];

/// `html` (well-formed, text escaped) with every English run of its text in `<span lang="en">`.
pub(crate) fn mark_english(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    // The element whose text is being skipped, until its closing tag.
    let mut skipping: Option<&'static str> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            text(&mut out, rest, skipping.is_some());
            break;
        };
        text(&mut out, &rest[..lt], skipping.is_some());
        rest = &rest[lt..];
        let end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[..end];
        out.push_str(tag);
        rest = &rest[end..];
        let name: String = tag
            .trim_start_matches('<')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect::<String>()
            .to_ascii_lowercase();
        match skipping {
            Some(open) if name.strip_prefix('/') == Some(open) => skipping = None,
            Some(_) => {}
            None => {
                skipping = UNMARKED
                    .into_iter()
                    .find(|u| *u == name && !tag.ends_with("/>"));
            }
        }
    }
    out
}

/// One text node: as it is when `skip`, else with its English runs wrapped.
fn text(out: &mut String, node: &str, skip: bool) {
    if skip || !node.bytes().any(|b| b.is_ascii_lowercase()) {
        out.push_str(node);
        return;
    }
    // Units: an entity (`&amp;`) whole, else one character.
    let mut units: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < node.len() {
        let c = node[i..].chars().next().map_or(1, char::len_utf8);
        let n = if node[i..].starts_with('&') {
            node[i..]
                .find(';')
                .filter(|&j| {
                    j <= 10
                        && node[i + 1..i + j]
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'#')
                })
                .map_or(c, |j| j + 1)
        } else {
            c
        };
        units.push((i, i + n));
        i += n;
    }
    let ascii = |u: &(usize, usize)| node[u.0..u.1].is_ascii();
    let letter = |u: &(usize, usize)| u.1 - u.0 == 1 && node.as_bytes()[u.0].is_ascii_alphabetic();
    let word_end =
        |u: &(usize, usize)| u.1 - u.0 == 1 && node.as_bytes()[u.0].is_ascii_alphanumeric();
    let mut copied = 0;
    let mut k = 0;
    while k < units.len() {
        if !ascii(&units[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < units.len() && ascii(&units[k]) {
            k += 1;
        }
        let run = &units[start..k];
        let (Some(first), Some(last)) =
            (run.iter().position(letter), run.iter().rposition(word_end))
        else {
            continue;
        };
        if last < first {
            continue;
        }
        // A bracket the run opens closes inside the span: `(not shown)` whole, not `(not shown`.
        let depth = |u: &(usize, usize)| match &node[u.0..u.1] {
            "(" => 1,
            ")" => -1,
            _ => 0,
        };
        let mut open: i32 = run[first..=last].iter().map(depth).sum();
        let mut last = last;
        for (j, u) in run.iter().enumerate().skip(last + 1) {
            if open <= 0 {
                break;
            }
            open += depth(u);
            if open == 0 {
                last = j;
            }
        }
        let (from, to) = (run[first].0, run[last].1);
        if !has_english_word(&node[from..to]) {
            continue;
        }
        out.push_str(&node[copied..from]);
        out.push_str("<span lang=\"en\">");
        out.push_str(&node[from..to]);
        out.push_str("</span>");
        copied = to;
    }
    out.push_str(&node[copied..]);
}

/// Whether `run` holds a word of two letters or more with a lowercase letter (entities left out).
fn has_english_word(run: &str) -> bool {
    let mut word = String::new();
    let mut in_entity = false;
    for c in run.chars().chain([' ']) {
        if c == '&' {
            in_entity = true;
        }
        if in_entity {
            in_entity = c != ';';
            continue;
        }
        if c.is_ascii_alphabetic() {
            word.push(c);
            continue;
        }
        if word.len() >= 2 && word.bytes().any(|b| b.is_ascii_lowercase()) {
            return true;
        }
        word.clear();
    }
    false
}

/// Writes the page `page` writes, its English runs marked ([`mark_english`]).
pub(crate) fn write_marked(
    out: &mut dyn Write,
    page: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut buf: Vec<u8> = Vec::new();
    page(&mut buf)?;
    let html = String::from_utf8(buf)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.utf8_error()))?;
    out.write_all(mark_english(&html).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::mark_english;

    #[test]
    fn english_runs_are_marked_and_chinese_text_is_not() {
        assert_eq!(
            mark_english(
                "<p>Compared with 市中区 第五十八条, the wording closest to the others</p>"
            ),
            "<p><span lang=\"en\">Compared with</span> 市中区 第五十八条, <span lang=\"en\">the wording closest to the others</span></p>"
        );
        assert_eq!(
            mark_english("<h1>guize 规则 · 5 documents</h1>"),
            "<h1><span lang=\"en\">guize</span> 规则 · 5 <span lang=\"en\">documents</span></h1>"
        );
        assert_eq!(
            mark_english("<td>工作AB角制度，PM2.5</td>"),
            "<td>工作AB角制度，PM2.5</td>"
        );
        assert_eq!(
            mark_english("<p>Also in part (not shown): 浙江省物业管理条例 第五条</p>"),
            "<p><span lang=\"en\">Also in part (not shown)</span>: 浙江省物业管理条例 第五条</p>"
        );
        assert_eq!(
            mark_english("<p>第二十条, in part: paragraph 1 matched</p>"),
            "<p>第二十条, <span lang=\"en\">in part: paragraph 1 matched</span></p>"
        );
        assert_eq!(
            mark_english("<p>Closest:</p>"),
            "<p><span lang=\"en\">Closest</span>:</p>"
        );
    }

    #[test]
    fn attributes_entities_and_code_stay_whole() {
        let page =
            "<input placeholder=\"search words\"><code>lixia</code><title>Corpus · guize</title>";
        assert_eq!(mark_english(page), page);
        assert_eq!(
            mark_english("<p>&quot;Search&quot; &amp; more</p>"),
            "<p>&quot;<span lang=\"en\">Search&quot; &amp; more</span></p>"
        );
        assert_eq!(
            mark_english("<select><option>all documents</option></select><b>one doc</b>"),
            "<select><option>all documents</option></select><b><span lang=\"en\">one doc</span></b>"
        );
    }
}
