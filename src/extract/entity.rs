//! Character references of HTML (`&nbsp;`, `&#12288;`, `&amp;`) in a text file: what a page
//! pasted as its source leaves behind. Read as the characters they stand for, so that
//! `第一条&nbsp;为了…` is an article head as `第一条 为了…` is. No I/O; never panics.

/// Named references a pasted page holds, and what each stands for. Others are left as written
/// (a text may say `&` for itself).
const NAMED: &[(&str, char)] = &[
    ("nbsp", '\u{a0}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("middot", '·'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("hellip", '…'),
    ("times", '×'),
];

/// The longest reference read (`&#x10FFFF;` and `&thinsp;` are shorter).
const LONGEST: usize = 10;

/// The character the reference at the start of `s` (just after its `&`) stands for, and the
/// bytes it takes up to and with its `;`.
fn reference(s: &str) -> Option<(char, usize)> {
    // A `;` is one byte and never inside a character, so the name ends on a character boundary.
    let end = s.bytes().take(LONGEST).position(|b| b == b';')?;
    let name = &s[..end];
    let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
    } else if let Some(dec) = name.strip_prefix('#') {
        char::from_u32(dec.parse().ok()?)?
    } else {
        NAMED.iter().find(|(n, _)| *n == name)?.1
    };
    // A reference to a control character (other than a line end or tab) is no text.
    if c.is_control() && !matches!(c, '\n' | '\t') {
        return None;
    }
    Some((c, end + 1))
}

/// `text` with its character references read, and the first one read with its line (for the
/// note that says so); `None` when it holds none.
pub(super) fn decode(text: &str) -> Option<(String, String, usize)> {
    let mut out = String::with_capacity(text.len());
    let mut first: Option<(String, usize)> = None;
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match reference(after) {
            Some((c, len)) => {
                if first.is_none() {
                    let line = text[..text.len() - rest.len() + at].matches('\n').count() + 1;
                    first = Some((format!("&{}", &after[..len]), line));
                }
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    first.map(|(written, line)| (out, written, line))
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn reads_named_and_numbered_references() {
        let (text, first, line) =
            decode("甲\n第一条&nbsp;为了规范&#12288;乙&#x4E00;丙&lt;b&gt;&amp;")
                .expect("references");
        assert_eq!(text, "甲\n第一条\u{a0}为了规范\u{3000}乙一丙<b>&");
        assert_eq!((first.as_str(), line), ("&nbsp;", 2));
    }

    #[test]
    fn leaves_what_is_no_reference_as_written() {
        assert!(decode("甲&乙；A&B; &unknown; &#0; &#xZZ; &").is_none());
        assert!(decode("no ampersand").is_none());
        let (text, _, _) = decode("&amp&amp;").expect("one reference");
        assert_eq!(text, "&amp&");
    }
}
