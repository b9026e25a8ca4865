//! Character classes (Han, word-like, punctuation) and the small measures built on them (visible
//! characters, the Dice coefficient). Pure; never panics.

/// True for Han (CJK unified and compatibility) ideographs.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// True when the text has a letter, digit or Han character: a word rather than punctuation.
pub fn is_wordlike(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// True when `text` holds only punctuation, symbols or whitespace (an empty text counts).
pub fn is_punct(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || c.is_ascii_punctuation() || is_cjk_punct(c))
}

/// Chinese and full-width punctuation.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' // CJK symbols and punctuation: 、。〈〉《》「」『』【】〔〕
        | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}' // full-width ASCII punctuation
        | '\u{2010}'..='\u{2027}' // dashes, quotes, ellipsis, middle dot
        | '\u{00B7}' | '\u{FE30}'..='\u{FE4F}')
}

/// Characters of `text` that are not whitespace.
pub fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The Dice coefficient: twice what two texts share over the size of both, `None` when both are
/// empty (callers decide whether two empty texts are the same or unrelated).
pub fn dice(shared: f32, both: f32) -> Option<f32> {
    (both > 0.0).then(|| 2.0 * shared / both)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_measures() {
        assert!(is_han('规') && !is_han('a') && !is_han('，'));
        assert!(is_wordlike("3日") && !is_wordlike("，。"));
        assert!(is_punct("，。（）") && !is_punct("区"));
        assert_eq!(visible_chars("区 政\n府"), 3);
        assert_eq!(dice(3.0, 12.0), Some(0.5));
        assert_eq!(dice(0.0, 0.0), None);
    }
}
