//! The text primitives every stage shares, each defined once: Chinese numerals ([`numeral`]), what
//! a quantity is ([`quantity`]), width folding and the normalised form ([`fold`]), display width
//! ([`width`]), sentence boundaries ([`sentence`]) and character classes with the small measures
//! built on them ([`chars`]), the hasher of short keys ([`hash`]), what a regulation's name looks like ([`name`]), the places a title opens with ([`place`]), and a count in words
//! that agree with it ([`counted`]). Pure functions over `&str`; this module uses nothing else of the crate.

pub mod chars;
pub mod fold;
pub mod hash;
pub mod name;
pub mod numeral;
pub(crate) mod penalty;
pub mod place;
pub mod quantity;
pub mod sentence;
pub mod width;

/// `n` and an English noun that agrees with it: `1 document`, `5 documents`, `0 clause groups`.
/// The nouns of guize's messages all take `s` in the plural.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Items as an English list: `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn items_read_as_an_english_list() {
        let list =
            |v: &[&str]| super::and_list(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(list(&[]), "");
        assert_eq!(list(&["a"]), "a");
        assert_eq!(list(&["a", "b"]), "a and b");
        assert_eq!(list(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn a_count_agrees_with_its_noun() {
        assert_eq!(super::counted(1, "document"), "1 document");
        assert_eq!(super::counted(0, "document"), "0 documents");
        assert_eq!(super::counted(118, "clause group"), "118 clause groups");
    }
}
