//! The one place that touches jieba: text in, words with byte offsets out (precise mode, the
//! search-mode sub-words of compounds, CJK character bigrams) and the tantivy tokenizers built on
//! them. It reads no files: the domain dictionary `corpus/dict.tsv` is compiled in.

use crate::text::chars::{is_han, is_wordlike};
use crate::text::fold::fold_han;
use jieba_rs::Jieba;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};
use tantivy::tokenizer::{Token as TantivyToken, TokenStream, Tokenizer};

/// The domain dictionary shipped in `corpus/dict.tsv`, compiled into the binary.
pub const DOMAIN_DICT: &str = include_str!("../corpus/dict.tsv");

/// Bumped whenever tokenization changes in a way that makes existing indexes stale.
/// 2: jieba-rs 0.11 keeps a run of ASCII letters, digits and dots whole (75.0cm2, 5.1.1).
/// 3: traditional characters are folded to simplified before cutting (區政府 → 区政府).
/// 4: simplified characters the folding table maps anyway (捍 → 扞) stay as written.
pub const TOKENIZER_VERSION: u32 = 4;

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

    /// A new segmenter with jieba's default dictionary and the domain dictionary, what
    /// [`Segmenter::global`] holds; each call loads the dictionary again (the cost a process pays
    /// once when it segments).
    pub fn with_default_dictionary() -> Segmenter {
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
        // jieba-rs guesses a tag for a word it made up (from its last character); such a word
        // has no tag of its own here, whatever its characters.
        if !self.jieba.has_word(word) {
            return "x";
        }
        match self.jieba.tag(word, false).as_slice() {
            [one] if one.word == word => one.tag,
            _ => "x",
        }
    }

    /// How often general Chinese writes `word`: its frequency in jieba's dictionary (可能 31,213,
    /// 移植 999), 0 for a word the dictionary does not hold.
    pub fn frequency(&self, word: &str) -> usize {
        if self.jieba.has_word(word) {
            self.jieba.suggest_freq(word)
        } else {
            0
        }
    }

    /// True when `word` is in this segmenter's dictionary.
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// Precise-mode segmentation: the words cover the text without overlap, in order
    /// (whitespace and punctuation included, as their own tokens). Traditional characters are cut
    /// as their simplified ones ([`fold_han`], which keeps byte offsets), the dictionary's, so
    /// 規範養犬 is cut as 规范养犬 is; each token is the text as written.
    pub fn tokens<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        // About one token per four bytes (1.7 Han characters a word); a long text's vector is
        // shrunk at the end, since callers keep the words.
        let mut out = Vec::with_capacity(text.len().min(PIECE_BYTES) / 4);
        self.cut_each(text, true, |start, end| {
            out.push(Token {
                text: text.get(start..end).unwrap_or_default(),
                start,
                end,
            })
        });
        if out.capacity() > out.len() + out.len() / 4 + 16 {
            out.shrink_to_fit();
        }
        out
    }

    /// Precise-mode cut of `text`, each token's byte range handed to `emit` in order: jieba cuts
    /// it piece by piece ([`pieces`]), so that what it holds while cutting is bounded by a piece
    /// rather than by the text (a one-line article of 14 MB held 261 MB in jieba's token vector).
    /// The tokens are those of cutting the text whole: jieba cuts a text into runs of Han
    /// characters, ASCII letters and digits, and a piece ends after punctuation, which is never
    /// part of such a run. With `fold`, traditional characters are cut as their simplified ones
    /// ([`fold_han`]), piece by piece: folding looks at no neighbour but a Han character, so a
    /// piece folds as it would inside the whole text.
    fn cut_each(&self, text: &str, fold: bool, mut emit: impl FnMut(usize, usize)) {
        for piece in pieces(text) {
            let part = &text[piece.clone()];
            let folded = if fold {
                fold_han(part)
            } else {
                std::borrow::Cow::Borrowed(part)
            };
            for t in self.jieba.cut(&folded, true) {
                emit(piece.start + t.byte_start, piece.start + t.byte_end);
            }
        }
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
        self.cut_each(text, false, |start, end| {
            if is_wordlike(&text[start..end]) {
                self.push_subwords(text, start, end, position, out);
                out.push(Term {
                    start,
                    end,
                    position,
                    parts: [(start, end), (end, end)],
                });
                position += 1;
            }
        });
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

/// Precise-mode cuts of known texts (the lines of every article's `norm` in a corpus), so that a
/// process that only diffs corpus texts (`guize compare`) reads them instead of loading jieba's
/// dictionary. Built with [`Segmenter::global`], so a text read from here is cut exactly as
/// segmenting it would cut it; stored by `index::cache` beside the index generation.
///
/// Layout of [`KnownCuts::to_bytes`]: a little-endian `u32` count, then per text (sorted by hash)
/// its hash (`u64`, the first 8 bytes of its blake3), its length in bytes (`u32`) and where its
/// token lengths start in the data (`u32`), then the data: the byte length of each token as a
/// LEB128 number.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct KnownCuts {
    /// (hash, text length, start of its token lengths in `data`), sorted by hash.
    texts: Vec<(u64, u32, u32)>,
    data: Vec<u8>,
}

const KNOWN_ENTRY: usize = 16;

fn text_hash(text: &str) -> u64 {
    let h = blake3::hash(text.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&h.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

impl KnownCuts {
    /// The cuts of `texts` (duplicates and empty texts are kept once or skipped), segmented with
    /// the global segmenter on all cores.
    pub fn of_texts(texts: &[&str]) -> KnownCuts {
        use rayon::prelude::*;
        let seg = Segmenter::global();
        let mut cut: Vec<(u64, u32, Vec<u8>)> = texts
            .par_iter()
            .filter(|t| !t.is_empty() && u32::try_from(t.len()).is_ok())
            .map(|t| {
                let mut lens = Vec::new();
                seg.cut_each(t, false, |start, end| push_leb128(&mut lens, end - start));
                (text_hash(t), t.len() as u32, lens)
            })
            .collect();
        cut.sort_unstable_by_key(|c| c.0);
        cut.dedup_by_key(|c| c.0);
        let mut known = KnownCuts::default();
        for (hash, len, lens) in cut {
            let Ok(start) = u32::try_from(known.data.len()) else {
                break;
            };
            known.texts.push((hash, len, start));
            known.data.extend_from_slice(&lens);
        }
        known
    }

    /// Number of texts held.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// True when no text is held.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The bytes [`KnownCuts::from_bytes`] reads back.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + self.texts.len() * KNOWN_ENTRY + self.data.len());
        out.extend_from_slice(&(self.texts.len() as u32).to_le_bytes());
        for &(hash, len, start) in &self.texts {
            out.extend_from_slice(&hash.to_le_bytes());
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&start.to_le_bytes());
        }
        out.extend_from_slice(&self.data);
        out
    }

    /// Reads what [`KnownCuts::to_bytes`] wrote; `None` for bytes of any other shape.
    pub fn from_bytes(bytes: &[u8]) -> Option<KnownCuts> {
        let count = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
        let table = bytes.get(4..4 + count.checked_mul(KNOWN_ENTRY)?)?;
        let data = bytes.get(4 + table.len()..)?.to_vec();
        let mut texts = Vec::with_capacity(count);
        for e in table.chunks_exact(KNOWN_ENTRY) {
            let hash = u64::from_le_bytes(e[..8].try_into().ok()?);
            let len = u32::from_le_bytes(e[8..12].try_into().ok()?);
            let start = u32::from_le_bytes(e[12..].try_into().ok()?);
            if start as usize > data.len() {
                return None;
            }
            texts.push((hash, len, start));
        }
        texts
            .windows(2)
            .all(|w| w[0].0 < w[1].0)
            .then_some(KnownCuts { texts, data })
    }

    /// The byte ranges of the tokens of `text` when it is one of the texts held, checked to
    /// cover it on character boundaries.
    pub fn get(&self, text: &str) -> Option<Vec<Range<usize>>> {
        let hash = text_hash(text);
        let i = self.texts.binary_search_by_key(&hash, |e| e.0).ok()?;
        let (_, len, start) = self.texts[i];
        if len as usize != text.len() {
            return None;
        }
        let mut data = self.data.get(start as usize..)?;
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let n = read_leb128(&mut data)?;
            let end = at.checked_add(n)?;
            if n == 0 || !text.is_char_boundary(end) {
                return None;
            }
            out.push(at..end);
            at = end;
        }
        Some(out)
    }
}

fn push_leb128(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_leb128(data: &mut &[u8]) -> Option<usize> {
    let mut n = 0usize;
    for shift in (0..64).step_by(7) {
        let (&b, rest) = data.split_first()?;
        *data = rest;
        n |= usize::from(b & 0x7f).checked_shl(shift)?;
        if b < 0x80 {
            return Some(n);
        }
    }
    None
}

/// Known cuts to be read on first need ([`use_known_cuts`]).
struct Deferred {
    load: Mutex<Option<KnownLoader>>,
    cuts: OnceLock<Option<KnownCuts>>,
}

type KnownLoader = Box<dyn FnOnce() -> Option<KnownCuts> + Send>;

static KNOWN: OnceLock<Deferred> = OnceLock::new();

/// Lets [`token_ranges`] read cuts from `load` (called once, on the first text to cut) instead of
/// segmenting. For the process: the first call wins; false when cuts were given before.
/// The cuts should hold texts line by line ([`KnownCuts::of_texts`] of the lines), since a text
/// is looked up by its lines.
pub fn use_known_cuts(load: impl FnOnce() -> Option<KnownCuts> + Send + 'static) -> bool {
    KNOWN
        .set(Deferred {
            load: Mutex::new(Some(Box::new(load))),
            cuts: OnceLock::new(),
        })
        .is_ok()
}

fn known_cuts() -> Option<&'static KnownCuts> {
    let d = KNOWN.get()?;
    d.cuts
        .get_or_init(|| d.load.lock().ok()?.take()?())
        .as_ref()
}

/// The precise-mode tokens of `text` as byte ranges, as [`Segmenter::tokens`] of the global
/// segmenter gives them: read from the known cuts when they hold each line of the text (a line
/// break is a token of its own and jieba cuts the lines apart), else segmented.
pub fn token_ranges(text: &str) -> Vec<Range<usize>> {
    if let Some(cuts) = known_cuts().and_then(|known| known_lines(known, text)) {
        return cuts;
    }
    let mut out = Vec::new();
    Segmenter::global().cut_each(text, true, |start, end| out.push(start..end));
    out
}

/// Longest piece (in bytes) that [`pieces`] leaves whole when it can cut: a few hundred
/// sentences, so a text of ordinary length is cut by jieba in one call.
const PIECE_BYTES: usize = 16 * 1024;

/// Punctuation that jieba never joins to a neighbour (it cuts only runs of Han characters, ASCII
/// letters, digits and `+#&._%-`, and emits everything else one character at a time, `\r\n`
/// together): a piece of text may end after it.
fn ends_piece(c: char) -> bool {
    matches!(c, '。' | '；' | '！' | '？' | '，' | '、' | '：' | '\n')
}

/// The byte ranges, in order and covering `text`, in which it is segmented: each ends after the
/// last punctuation that ends a piece ([`ends_piece`]) within [`PIECE_BYTES`] of its start, or
/// after the first one past that when there is none within, or at the end of the text. A text no
/// longer than [`PIECE_BYTES`] is one piece.
fn pieces(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = if text.len() - start <= PIECE_BYTES {
            text.len()
        } else {
            let mut limit = start + PIECE_BYTES;
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let after = |(i, c): (usize, char)| i + c.len_utf8();
            text[start..limit]
                .char_indices()
                .rev()
                .find(|&(_, c)| ends_piece(c))
                .map(|ic| start + after(ic))
                .or_else(|| {
                    text[limit..]
                        .char_indices()
                        .find(|&(_, c)| ends_piece(c))
                        .map(|ic| limit + after(ic))
                })
                .unwrap_or(text.len())
        };
        let piece = start..end;
        start = end;
        Some(piece)
    })
}

/// The cuts of `text` from those of its lines, when all are known.
fn known_lines(known: &KnownCuts, text: &str) -> Option<Vec<Range<usize>>> {
    let mut out = Vec::new();
    let mut at = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push(at..at + 1);
            at += 1;
        }
        // jieba keeps \r\n together, so a line ending in \r is not cut on its own.
        if line.ends_with('\r') {
            return None;
        }
        if !line.is_empty() {
            out.extend(
                known
                    .get(line)?
                    .into_iter()
                    .map(|r| r.start + at..r.end + at),
            );
        }
        at += line.len();
    }
    Some(out)
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
    folded: String,
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
            folded: String::new(),
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
        // Terms are cut from the text with traditional characters folded (same byte offsets).
        self.folded.clear();
        self.folded.push_str(&fold_han(text));
        self.segmenter.search_terms(&self.folded, &mut self.terms);
        self.token.reset();
        TermStream {
            text: &self.folded,
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
    folded: String,
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
        self.folded.clear();
        self.folded.push_str(&fold_han(text));
        bigrams(&self.folded, &mut self.spans);
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
            text: &self.folded,
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
    fn traditional_text_is_cut_as_its_simplified_form_and_kept_as_written() {
        let seg = Segmenter::global();
        let cut = |t: &str| -> Vec<(usize, usize)> {
            seg.tokens(t).iter().map(|k| (k.start, k.end)).collect()
        };
        let (trad, simp) = (
            "第一條 為了規範養犬，制定本辦法。",
            "第一条 为了规范养犬，制定本办法。",
        );
        assert_eq!(cut(trad), cut(simp));
        let words: Vec<&str> = seg.words(trad).iter().map(|t| t.text).collect();
        assert!(words.contains(&"規範"), "{words:?}");
        assert!(words.iter().all(|w| trad.contains(w)));
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
    fn known_cuts_are_the_cuts_of_segmenting() {
        let cut = |t: &str| -> Vec<Range<usize>> {
            Segmenter::global()
                .tokens(t)
                .into_iter()
                .map(|t| t.start..t.end)
                .collect()
        };
        let texts = [
            "第三十九条　区政府常务会议由区长召集和主持。",
            "请假1天以内的，由分管副区长批准；75.0cm2以上。",
            "区长办公会议",
        ];
        let known = KnownCuts::of_texts(&texts);
        let known = KnownCuts::from_bytes(&known.to_bytes()).expect("round trip");
        assert_eq!(known.len(), 3);
        assert_eq!(known_lines(&known, texts[0]), Some(cut(texts[0])));
        for t in texts {
            assert_eq!(known.get(t), Some(cut(t)), "{t}");
        }
        let joined = texts.join("\n");
        assert_eq!(known_lines(&known, &joined), Some(cut(&joined)));
        assert_eq!(known.get("区长办公会"), None);
        assert_eq!(known_lines(&known, "区长办公会议\n区长"), None);
        assert!(KnownCuts::from_bytes(&[1, 0, 0]).is_none());
    }

    /// A long text cut piece by piece gives the tokens of cutting it whole: the five's texts run
    /// together (traditional characters, `\r\n`, ASCII runs with dots beside the cuts) and a run
    /// of Han characters with no punctuation longer than a piece.
    #[test]
    fn a_text_cut_in_pieces_gives_the_words_of_the_whole() {
        let seg = Segmenter::global();
        let mut text = String::new();
        for name in ["lixia", "shizhong", "yanzhou", "zhoucun", "huancui"] {
            let path = format!("{}/corpus/{name}.txt", env!("CARGO_MANIFEST_DIR"));
            text.push_str(&std::fs::read_to_string(&path).expect("shipped text"));
            text.push_str("第一條 為了規範養犬，乾隆；乾坤。\r\n75.0cm2、5.1.1：請銷假！");
        }
        text.push_str(&"区政府常务会议一般每月召开两次由区长召集和主持".repeat(1_000));
        text.push_str("。末尾");
        let pieces: Vec<Range<usize>> = pieces(&text).collect();
        assert!(pieces.len() > 10, "{}", pieces.len());
        assert_eq!(pieces.first().map(|p| p.start), Some(0));
        assert_eq!(pieces.last().map(|p| p.end), Some(text.len()));
        assert!(pieces.windows(2).all(|w| w[0].end == w[1].start));
        assert!(pieces.iter().rev().skip(2).all(|p| p.len() <= PIECE_BYTES));
        assert!(
            pieces.iter().any(|p| p.len() > PIECE_BYTES),
            "the long run stays whole"
        );

        let folded = fold_han(&text);
        assert!(folded != text, "the text holds traditional characters");
        let whole: Vec<(usize, usize)> = seg
            .jieba
            .cut(&folded, true)
            .iter()
            .map(|t| (t.byte_start, t.byte_end))
            .collect();
        let cut: Vec<(usize, usize)> = seg.tokens(&text).iter().map(|t| (t.start, t.end)).collect();
        assert_eq!(cut, whole);
        let ranges: Vec<(usize, usize)> = token_ranges(&text)
            .iter()
            .map(|r| (r.start, r.end))
            .collect();
        assert_eq!(ranges, whole);

        let unfolded: Vec<(usize, usize)> = seg
            .jieba
            .cut(&text, true)
            .iter()
            .map(|t| (t.byte_start, t.byte_end))
            .collect();
        let mut raw = Vec::new();
        seg.cut_each(&text, false, |a, b| raw.push((a, b)));
        assert_eq!(raw, unfolded);
        let mut terms = Vec::new();
        seg.search_terms(&text, &mut terms);
        let words: Vec<(usize, usize)> = terms
            .iter()
            .filter(|t| t.parts[0] == (t.start, t.end))
            .map(|t| (t.start, t.end))
            .collect();
        let wordlike: Vec<(usize, usize)> = unfolded
            .into_iter()
            .filter(|&(a, b)| is_wordlike(&text[a..b]))
            .collect();
        assert_eq!(words, wordlike);
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
