//! Property tests of the tokenizers: on any text, every token is the text between its offsets
//! (`&text[start..end] == token`, ASCII lowercased where the index lowercases), offsets fall on
//! char boundaries and come in order, and precise-mode tokens cover the text without gaps.

use guize::segment::{BigramTokenizer, Segmenter, WordTokenizer};
use proptest::prelude::*;
use tantivy::tokenizer::{TokenStream, Tokenizer};

/// Regulation-like Chinese, compounds that have sub-words (请销假, 区长办公会议), digits, Latin
/// letters, full-width forms, punctuation and arbitrary characters.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("区政府常务会议".to_string()),
        Just("请销假".to_string()),
        Just("进出口".to_string()),
        Just("区长办公会议".to_string()),
        Just("提前3个工作日".to_string()),
        Just("ＡＢ角制度".to_string()),
        Just("，。；：（一）“”".to_string()),
        Just(" \t\n\u{3000}".to_string()),
        "[a-zA-Z0-9]{1,6}",
        "[\\p{Han}]{1,8}",
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|p| p.concat())
}

fn check_stream(text: &str, stream: &mut dyn TokenStream, exact: bool) {
    let mut last_start = 0;
    while stream.advance() {
        let t = stream.token();
        let (a, b) = (t.offset_from, t.offset_to);
        assert!(
            a <= b && b <= text.len(),
            "{a}..{b} in {} bytes",
            text.len()
        );
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        assert!(a >= last_start, "offsets go back: {a} after {last_start}");
        last_start = a;
        if exact {
            // Index terms are cut from the text with traditional characters folded (区 for 區).
            let folded = guize::text::fold::fold_han(&text[a..b]).to_ascii_lowercase();
            assert_eq!(t.text, folded, "{text:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn precise_tokens_are_the_text_between_their_offsets(text in text()) {
        let tokens = Segmenter::global().tokens(&text);
        let mut at = 0;
        for t in &tokens {
            prop_assert_eq!(t.start, at, "tokens leave a gap");
            prop_assert_eq!(&text[t.start..t.end], t.text);
            at = t.end;
        }
        prop_assert_eq!(at, text.len(), "tokens cover the text");
        for w in Segmenter::global().words(&text) {
            prop_assert_eq!(&text[w.start..w.end], w.text);
        }
    }

    #[test]
    fn index_tokens_are_the_text_between_their_offsets(text in text()) {
        let mut bigrams = BigramTokenizer::default();
        check_stream(&text, &mut bigrams.token_stream(&text), true);
        // Word terms: a word or sub-word is its offsets' text; a coordinated abbreviation
        // (请销假 → 请假) spans its compound, so only its offsets are checked there.
        let mut words = WordTokenizer::new(Segmenter::global());
        let mut stream = words.token_stream(&text);
        let mut last_start = 0;
        while stream.advance() {
            let t = stream.token();
            let (a, b) = (t.offset_from, t.offset_to);
            prop_assert!(text.is_char_boundary(a) && text.is_char_boundary(b) && a <= b);
            prop_assert!(a >= last_start);
            last_start = a;
            // Terms are cut from the text with traditional characters folded (觋 for 覡).
            let span = guize::text::fold::fold_han(&text[a..b]).to_ascii_lowercase();
            prop_assert!(
                span == t.text || span.contains(&t.text) || t.text.chars().all(|c| span.contains(c)),
                "{:?} is not made of {:?}", t.text, span
            );
        }
    }
}

#[test]
fn word_terms_of_a_plain_sentence_are_exact() {
    let text = "区政府常务会议一般每两周召开1次";
    let mut words = WordTokenizer::new(Segmenter::global());
    let mut stream = words.token_stream(text);
    let mut n = 0;
    while stream.advance() {
        let t = stream.token();
        // Sub-words (会议 inside 常务会议) span their compound; their text lies inside it.
        assert!(
            text[t.offset_from..t.offset_to].contains(&t.text),
            "{:?}",
            t.text
        );
        n += 1;
    }
    assert!(n >= 5);
}
