//! Character classes (Han, word-like, punctuation) and the small measures built on them (visible
//! characters, the Dice coefficient and the shared count it needs). Pure; never panics.

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

/// How many elements two sorted, deduplicated lists have in common (the shared part of a Dice
/// coefficient over term or hash sets), by one merge walk.
pub fn shared_sorted<T: Ord>(a: &[T], b: &[T]) -> usize {
    let mut n = 0;
    each_shared(a, b, |x, y| x.cmp(y), |_, _| n += 1);
    n
}

/// Calls `f` on each pair of elements of two lists, both sorted in the order `cmp` compares
/// them by, that `cmp` finds equal (each element used once), in order, by one merge walk.
pub fn each_shared<A, B>(
    a: &[A],
    b: &[B],
    cmp: impl Fn(&A, &B) -> std::cmp::Ordering,
    mut f: impl FnMut(&A, &B),
) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match cmp(&a[i], &b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(&a[i], &b[j]);
                i += 1;
                j += 1;
            }
        }
    }
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
        assert_eq!(shared_sorted(&[1, 3, 5, 8], &[2, 3, 8, 9]), 2);
        assert_eq!(shared_sorted::<u32>(&[], &[1]), 0);
        assert_eq!(dice(3.0, 12.0), Some(0.5));
        assert_eq!(dice(0.0, 0.0), None);
    }
}
