//! How wide text is, measured by `unicode-width` only: terminal columns for rendering, and the
//! full-width test of Chinese typesetting for the parser's hard-wrap detection and spacing rules.
//! Pure; never panics.

use unicode_width::UnicodeWidthChar;

/// Terminal columns of one character: two for Han and full-width forms, zero for combining marks
/// and controls, one otherwise (East Asian ambiguous characters such as “ ” — count one, as
/// terminals outside CJK locales draw them).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Terminal columns of `text` (the sum of [`char_width`]).
pub fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// True for characters Chinese typesetting sets full-width: Han, CJK punctuation, full-width forms,
/// and the East Asian ambiguous ones (“ ” ‘ ’ — … ·) that Chinese fonts draw full-width.
pub fn is_wide(c: char) -> bool {
    c.width_cjk() == Some(2)
}

/// The width of a line as printed: two for every [`is_wide`] character, one for any other. Used
/// to find the margin a hard-wrapped text (a PDF extraction) was wrapped at.
pub fn print_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_is_two_columns_everywhere() {
        assert_eq!(display_width("提前3日"), 7);
        assert_eq!(print_width("提前3日"), 7);
        assert_eq!(display_width("“会议”"), 6);
        assert_eq!(
            print_width("“会议”"),
            8,
            "quotes are full-width in Chinese print"
        );
        assert!(is_wide('，') && is_wide('—') && !is_wide('a'));
    }
}
