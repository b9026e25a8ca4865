//! The one place that touches jieba: text in, words with byte offsets out (precise mode, the
//! search-mode sub-words of compounds, CJK character bigrams) and the tantivy tokenizers built on
//! them. It reads no files: the domain dictionary `corpus/dict.tsv` is compiled in.

use crate::text::chars::{is_han, is_wordlike};
use jieba_rs::Jieba;
use std::sync::OnceLock;
use tantivy::tokenizer::{Token as TantivyToken, TokenStream, Tokenizer};

/// The domain dictionary shipped in `corpus/dict.tsv`, compiled into the binary.
pub const DOMAIN_DICT: &str = include_str!("../corpus/dict.tsv");

/// Bumped whenever tokenization changes in a way that makes existing indexes stale.
pub const TOKENIZER_VERSION: u32 = 1;

/// Longest sub-word (in characters) emitted inside a compound in search mode.
const MAX_SUBWORD_CHARS: usize = 4;

/// One word of a segmented text; `start..end` is a byte range of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word as it stands in the input.
    pub text: &'a str,
    /// First byte of the word in the input.
    pub start: usize,
    /// Byte just past the word.
    pub end: usize,
}

/// An index term found by [`Segmenter::search_terms`]: a word or a sub-word of one.
///
/// `text` is usually `source[start..end]`; for a coordinated abbreviation (请销假 → 请假) it is
/// the two characters `parts` spell, and `start..end` covers the whole compound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// First byte of the word (of the compound, for a sub-word).
    pub start: usize,
    /// Byte just past the word (past the compound, for a sub-word).
    pub end: usize,
    /// Word position: sub-words share the position of the word they sit in, so phrase queries
    /// over words stay right.
    pub position: usize,
    /// Byte ranges whose concatenation is the term's text (the second one empty when unused).
    pub parts: [(usize, usize); 2],
}

impl Term {
    /// The term's text, built from `source` (the text the term was found in).
    pub fn write_text(&self, source: &str, out: &mut String) {
        out.clear();
        for &(a, b) in &self.parts {
            out.push_str(&source[a..b]);
        }
        out.make_ascii_lowercase();
    }
}

/// jieba with a dictionary: the full default one plus the domain terms ([`Segmenter::global`]),
/// or a small one taken from an index's vocabulary ([`Segmenter::from_vocabulary`]).
pub struct Segmenter {
    jieba: Jieba,
}

static GLOBAL: OnceLock<Segmenter> = OnceLock::new();

impl Segmenter {
    /// The process-wide segmenter with jieba's default dictionary and the domain dictionary,
    /// built on first use (this parses about 5 MB and takes a noticeable fraction of a second).
    pub fn global() -> &'static Segmenter {
        GLOBAL.get_or_init(Segmenter::with_default_dictionary)
    }

    fn with_default_dictionary() -> Segmenter {
        let mut jieba = Jieba::new();
        for (word, freq) in domain_terms() {
            jieba.add_word(word, freq, None);
        }
        Segmenter { jieba }
    }

    /// A segmenter whose dictionary is exactly `words` with their frequencies, e.g. the terms of
    /// an index. Fast to build for a small vocabulary; used to segment queries without loading
    /// jieba's whole dictionary, since only words that occur in the index can match anyway.
    pub fn from_vocabulary<'w>(words: impl IntoIterator<Item = (&'w str, usize)>) -> Segmenter {
        let mut jieba = Jieba::empty();
        for (word, freq) in words {
            jieba.add_word(word, Some(freq.max(1)), None);
        }
        Segmenter { jieba }
    }

    /// jieba's part-of-speech tag of `word` taken whole: its dictionary tag (`n` noun, `vn` verbal
    /// noun, `v` verb, `p` preposition, …), `""` for a domain term (which carries no tag), `x`
    /// for a word the dictionary does not hold whole (a fragment jieba made up).
    pub fn pos<'a>(&'a self, word: &'a str) -> &'a str {
        match self.jieba.tag(word, false).as_slice() {
            [one] if one.word == word => one.tag,
            _ => "x",
        }
    }

    /// True when `word` is in this segmenter's dictionary.
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// Precise-mode segmentation: the words cover the text without overlap, in order
    /// (whitespace and punctuation included, as their own tokens).
    pub fn tokens<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        let mut out = Vec::new();
        let mut pos = 0;
        for word in self.jieba.cut(text, true) {
            out.push(Token {
                text: word,
                start: pos,
                end: pos + word.len(),
            });
            pos += word.len();
        }
        out
    }

    /// The words that carry meaning (letters, digits or Han characters), in order.
    pub fn words<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        let mut out = self.tokens(text);
        out.retain(|t| is_wordlike(t.text));
        out
    }

    /// Index terms of `text`, appended to `out` (cleared first): every word that carries meaning,
    /// and, inside a compound of three or more characters, the dictionary words it contains
    /// (会议 inside 区长办公会议) and the words of a coordinated abbreviation (请假 and 销假 inside
    /// 请销假). Sub-words come before the compound and share its position.
    pub fn search_terms(&self, text: &str, out: &mut Vec<Term>) {
        out.clear();
        let mut position = 0;
        let mut start = 0;
        for word in self.jieba.cut(text, true) {
            let end = start + word.len();
            if is_wordlike(word) {
                self.push_subwords(text, start, end, position, out);
                out.push(Term {
                    start,
                    end,
                    position,
                    parts: [(start, end), (end, end)],
                });
                position += 1;
            }
            start = end;
        }
    }

    fn push_subwords(
        &self,
        text: &str,
        start: usize,
        end: usize,
        position: usize,
        out: &mut Vec<Term>,
    ) {
        let word = &text[start..end];
        // Byte offsets (into `text`) of each character boundary of the word.
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| start + i)
            .chain([end])
            .collect();
        let chars = bounds.len() - 1;
        if chars < 3 || !word.chars().all(is_han) {
            return;
        }
        let term = |a: usize, b: usize| Term {
            start,
            end,
            position,
            parts: [(a, b), (b, b)],
        };
        for len in 2..=chars.saturating_sub(1).min(MAX_SUBWORD_CHARS) {
            for i in 0..=chars - len {
                let (a, b) = (bounds[i], bounds[i + len]);
                if self.jieba.has_word(&text[a..b]) {
                    out.push(term(a, b));
                }
            }
        }
        if chars == 3 {
            // ABC where AC and BC are both words: 请销假 = 请假 + 销假, 进出口 = 进口 + 出口.
            let (a, b, c) = (
                (bounds[0], bounds[1]),
                (bounds[1], bounds[2]),
                (bounds[2], bounds[3]),
            );
            let ac = [&text[a.0..a.1], &text[c.0..c.1]].concat();
            let bc = &text[b.0..c.1];
            if self.jieba.has_word(&ac) && self.jieba.has_word(bc) {
                out.push(Term {
                    start,
                    end,
                    position,
                    parts: [a, c],
                });
            }
        }
    }
}

/// The domain dictionary's entries: a term and an optional jieba frequency.
pub fn domain_terms() -> impl Iterator<Item = (&'static str, Option<usize>)> {
    DOMAIN_DICT.lines().filter_map(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let mut cols = line.split('\t');
        let word = cols.next()?.trim();
        let freq = cols.next().and_then(|f| f.trim().parse().ok());
        Some((word, freq))
    })
}

/// Character bigrams of `text` with byte offsets, appended to `out` (cleared first): overlapping
/// pairs inside each run of Han characters (a lone character stands alone) and each run of ASCII
/// letters or digits as one token. Punctuation and spaces break runs. Independent of any
/// dictionary, so phrases and unknown words still match exactly.
pub fn bigrams(text: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut han_run: Option<(usize, usize)> = None; // (start of previous char, char count)
    let mut alnum_start: Option<usize> = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        if is_han(c) {
            if let Some(s) = alnum_start.take() {
                out.push((s, i));
            }
            match han_run {
                Some((prev, _)) => {
                    out.push((prev, i + c.len_utf8()));
                    han_run = Some((i, 2));
                }
                None => han_run = Some((i, 1)),
            }
            continue;
        }
        if let Some((prev, 1)) = han_run {
            out.push((prev, i));
        }
        han_run = None;
        if c.is_ascii_alphanumeric() {
            alnum_start.get_or_insert(i);
        } else if let Some(s) = alnum_start.take() {
            out.push((s, i));
        }
    }
}

/// tantivy tokenizer over [`Segmenter::search_terms`]: words and sub-words, byte offsets into the
/// indexed text (so a highlight never splits a character) and word positions.
#[derive(Clone)]
pub struct WordTokenizer {
    segmenter: &'static Segmenter,
    terms: Vec<Term>,
    token: TantivyToken,
}

impl WordTokenizer {
    /// Name under which the index registers this tokenizer.
    pub const NAME: &'static str = "guize_words";

    /// A tokenizer cutting with `segmenter` (usually [`Segmenter::global`]).
    pub fn new(segmenter: &'static Segmenter) -> WordTokenizer {
        WordTokenizer {
            segmenter,
            terms: Vec::new(),
            token: TantivyToken::default(),
        }
    }
}

/// Stream over the terms a tokenizer found; borrows the tokenizer's buffers.
pub struct TermStream<'a> {
    text: &'a str,
    terms: std::slice::Iter<'a, Term>,
    token: &'a mut TantivyToken,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = TermStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TermStream<'a> {
        self.segmenter.search_terms(text, &mut self.terms);
        self.token.reset();
        TermStream {
            text,
            terms: self.terms.iter(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for TermStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(term) = self.terms.next() else {
            return false;
        };
        term.write_text(self.text, &mut self.token.text);
        self.token.offset_from = term.start;
        self.token.offset_to = term.end;
        self.token.position = term.position;
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &TantivyToken {
        self.token
    }

    fn token_mut(&mut self) -> &mut TantivyToken {
        self.token
    }
}

/// tantivy tokenizer over [`bigrams`]: consecutive positions, byte offsets, lowercase ASCII.
#[derive(Clone, Default)]
pub struct BigramTokenizer {
    spans: Vec<(usize, usize)>,
    terms: Vec<Term>,
    token: TantivyToken,
}

impl BigramTokenizer {
    /// Name under which the index registers this tokenizer.
    pub const NAME: &'static str = "guize_bigrams";
}

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = TermStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TermStream<'a> {
        bigrams(text, &mut self.spans);
        self.terms.clear();
        self.terms.extend(
            self.spans
                .iter()
                .enumerate()
                .map(|(position, &(a, b))| Term {
                    start: a,
                    end: b,
                    position,
                    parts: [(a, b), (b, b)],
                }),
        );
        self.token.reset();
        TermStream {
            text,
            terms: self.terms.iter(),
            token: &mut self.token,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms_of(seg: &Segmenter, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        seg.search_terms(text, &mut out);
        let mut s = String::new();
        out.iter()
            .map(|t| {
                t.write_text(text, &mut s);
                s.clone()
            })
            .collect()
    }

    #[test]
    fn tokens_cover_the_text_with_byte_offsets() {
        let text = "区政府常务会议一般每两周召开1次";
        let toks = Segmenter::global().tokens(text);
        assert!(toks.len() > 3);
        for t in &toks {
            assert_eq!(&text[t.start..t.end], t.text);
        }
        assert_eq!(toks.last().map(|t| t.end), Some(text.len()));
    }

    #[test]
    fn domain_terms_stay_whole() {
        let seg = Segmenter::global();
        for (term, _) in domain_terms() {
            let words: Vec<&str> = seg.tokens(term).iter().map(|t| t.text).collect();
            assert_eq!(words, [term], "{term} is split");
        }
        let words: Vec<&str> = seg
            .words("召开区长办公会议研究放管服改革")
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(words, ["召开", "区长办公会议", "研究", "放管服", "改革"]);
    }

    #[test]
    fn compounds_carry_their_subwords() {
        let seg = Segmenter::global();
        let terms = terms_of(seg, "区长办公会议");
        assert!(terms.contains(&"会议".to_string()), "{terms:?}");
        assert!(terms.contains(&"区长".to_string()), "{terms:?}");
        assert_eq!(terms.last().map(String::as_str), Some("区长办公会议"));
        let terms = terms_of(seg, "严格执行请销假制度");
        assert!(terms.contains(&"请假".to_string()), "{terms:?}");
        assert!(terms.contains(&"销假".to_string()), "{terms:?}");
    }

    #[test]
    fn subwords_share_the_position_of_their_word() {
        let seg = Segmenter::global();
        let text = "召开区政府常务会议，研究重大事项";
        let mut out = Vec::new();
        seg.search_terms(text, &mut out);
        let positions: Vec<usize> = out.iter().map(|t| t.position).collect();
        assert!(
            positions
                .windows(2)
                .all(|w| w[1] == w[0] || w[1] == w[0] + 1),
            "{positions:?}"
        );
        // 召开 / 区政府常务会议 / 研究 / 重大 / 事项 (the comma is no word).
        assert_eq!(positions.last(), Some(&4));
    }

    #[test]
    fn bigrams_pair_han_characters_and_keep_ascii_runs() {
        let text = "提前3个工作日，拨打12345。会";
        let mut spans = Vec::new();
        bigrams(text, &mut spans);
        let grams: Vec<&str> = spans.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(
            grams,
            ["提前", "3", "个工", "工作", "作日", "拨打", "12345", "会"]
        );
    }

    #[test]
    fn vocabulary_segmenter_prefers_long_known_words() {
        let seg = Segmenter::from_vocabulary([
            ("常务会议", 50),
            ("常务", 3),
            ("会议", 300),
            ("召开", 80),
        ]);
        let words: Vec<&str> = seg.words("常务会议召开").iter().map(|t| t.text).collect();
        assert_eq!(words, ["常务会议", "召开"]);
    }

    #[test]
    fn word_tokenizer_offsets_fall_on_char_boundaries() {
        let mut tok = WordTokenizer::new(Segmenter::global());
        let text = "第三十九条　区政府常务会议由区长召集和主持。";
        let mut stream = tok.token_stream(text);
        let mut n = 0;
        while stream.advance() {
            let t = stream.token();
            assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
            n += 1;
        }
        assert!(n > 5);
    }
}
