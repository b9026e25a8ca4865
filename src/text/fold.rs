//! Normalisation for search and comparison, the same for indexed text and for queries: full-width
//! ASCII folded to half-width, and the ASCII spaces that PDF extraction leaves around Chinese text
//! (提前 3 个工作日) removed. Takes text as written, returns a new string; never changes the wording
//! otherwise. Input from outside (queries, citations, drafts) also loses the invisible characters
//! web pages carry ([`drop_invisible`]), and matching folds traditional characters ([`fold_han`]).

use super::width::is_wide;
use std::borrow::Cow;

/// Simplified characters the folding table maps anyway, one a line with why
/// (`kept-simplified.txt`): [`fold_han`] leaves them as written.
const KEPT_SIMPLIFIED: &str = include_str!("kept-simplified.txt");

/// Whether `c` is listed in [`KEPT_SIMPLIFIED`] (the first character of a line not a comment).
fn is_kept_simplified(c: char) -> bool {
    KEPT_SIMPLIFIED
        .lines()
        .filter(|l| !l.starts_with('#'))
        .any(|l| l.starts_with(c))
}

/// Traditional characters folded to simplified (區政府常務會議 → 区政府常务会议), for matching only:
/// search terms of the index and of queries, never text shown. Every character keeps its byte
/// length, so offsets into the folded text are offsets into `text`. The simplified characters the
/// table maps anyway (捍 → 扞, `kept-simplified.txt`) stay as written.
pub fn fold_han(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let folded = fast2s::convert(text);
    if folded == text {
        return Cow::Borrowed(text);
    }
    // fast2s maps one character to one; a character whose replacement would change the byte
    // length (none in its table today) stays as written.
    let out: String = text
        .chars()
        .zip(folded.chars())
        .map(|(a, b)| {
            if a == b || a.len_utf8() != b.len_utf8() || is_kept_simplified(a) {
                a
            } else {
                b
            }
        })
        .collect();
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// Folds one full-width ASCII character (Ａ, １, ％) to half-width; the ideographic space to ' '.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' if !is_kept_fullwidth(c) => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '\u{3000}' | '\u{A0}' => ' ',
        _ => c,
    }
}

/// Folds every full-width ASCII form to half-width, the brackets, colon and the other
/// punctuation [`fold_width`] keeps too (（２０１７）→ (2017)), and the ideographic space to ' ':
/// for names and references typed with a Chinese input method, never for text.
pub fn fold_width_all(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}

/// Characters that show nothing but split words: zero-width space and joiners, the word joiner,
/// a byte order mark inside text, the soft hyphen. Text copied from web pages and chat apps
/// carries them; they are dropped wherever text is compared (queries, references, `norm`).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
    )
}

/// `text` without its [`is_invisible`] characters (borrowed when it has none).
pub fn drop_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(is_invisible) {
        std::borrow::Cow::Owned(text.chars().filter(|&c| !is_invisible(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Full-width punctuation that Chinese text uses as its own (，；：（）！？) stays as written: only
/// letters, digits and symbols such as ％ and ＋ are folded.
fn is_kept_fullwidth(c: char) -> bool {
    matches!(c, '，' | '；' | '：' | '（' | '）' | '！' | '？')
}

/// A query as typed, folded for matching: invisible characters dropped ([`is_invisible`]),
/// widths folded (ＡＢ１２ → AB12), traditional characters simplified ([`fold_han`]).
pub fn fold_str(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|&c| !is_invisible(c))
        .map(fold_width)
        .collect();
    fold_han(&text).into_owned()
}

/// The normalised form of `text`: invisible characters dropped ([`is_invisible`]), widths folded, spaces
/// beside Chinese characters removed, runs of other whitespace inside a line collapsed to one space.
/// Newlines are kept.
pub fn norm(text: &str) -> String {
    Normed::of(text).norm
}

/// A normalised text that remembers where each of its characters was written: what lets a
/// comparison made on the normalised form show the document's own characters (１次, ５０％,
/// 2021－2025 年) rather than the folded ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normed {
    /// [`norm`] of the original.
    pub norm: String,
    /// Where the characters of `norm` were written, as runs: `(n, o)` says that the character at
    /// byte `n` of `norm` was written at byte `o` of the original, and so is every character after
    /// it up to the next run, shifted alike (byte `n + k` at `o + k`, for `n + k` at a character
    /// boundary). A new run starts only where the shift changes (a folded width, a dropped
    /// space), so a text mostly written as normalised costs a few runs rather than a word per
    /// byte (112 MB for a one-line article of 14 MB). Spaces the normalisation dropped belong to
    /// the character before them.
    runs: Vec<(usize, usize)>,
    /// The original's length: where the end of `norm` maps to.
    original_len: usize,
}

impl Normed {
    /// Normalises `text`, keeping the offsets.
    pub fn of(text: &str) -> Normed {
        Normed::of_with(text, fold_width)
    }

    /// The same with the Chinese punctuation [`fold_width`] keeps folded too: （）：；，！？ as
    /// ():;,!?, for telling two editions' wording apart, where one writing (一) and the other
    /// （一） is a change of typesetting, not of text.
    pub fn of_all_widths(text: &str) -> Normed {
        Normed::of_with(text, |c| fold_width(fold_width_all(c)))
    }

    fn of_with(text: &str, fold_width: fn(char) -> char) -> Normed {
        let mut out = String::with_capacity(text.len());
        let mut runs: Vec<(usize, usize)> = Vec::new();
        // A character of `norm` at byte `n`, written at byte `o`: a new run when the shift differs
        // from the last run's.
        let mark = |runs: &mut Vec<(usize, usize)>, n: usize, o: usize| match runs.last() {
            // Leading spaces belong to the first character.
            None => runs.push((0, if n == 0 { 0 } else { o })),
            Some(&(rn, ro)) if o.wrapping_sub(ro) == n.wrapping_sub(rn) => {}
            Some(_) => runs.push((n, o)),
        };
        // A run of spaces is held back until the next character shows whether it sits beside a
        // wide character (dropped), at a line edge (dropped) or between two Latin words (one space
        // kept).
        let mut before: Option<char> = None;
        let mut pending_space: Option<usize> = None;
        for (at, raw) in text.char_indices() {
            if is_invisible(raw) {
                continue;
            }
            let c = fold_width(raw);
            if c == ' ' || c == '\t' {
                pending_space.get_or_insert(at);
                continue;
            }
            if let Some(space_at) = pending_space.take() {
                let at_edge = before.is_none_or(|b| b == '\n') || c == '\n';
                if !at_edge && !before.is_some_and(is_wide) && !is_wide(c) {
                    mark(&mut runs, out.len(), space_at);
                    out.push(' ');
                }
            }
            mark(&mut runs, out.len(), at);
            out.push(c);
            before = Some(c);
        }
        Normed {
            norm: out,
            runs,
            original_len: text.len(),
        }
    }

    /// The same with traditional characters folded to simplified ([`fold_han`]: one character
    /// for one of the same byte length, so the offsets stay): for comparing the wording of a
    /// document in traditional characters with one in simplified (養犬登記 / 养犬登记 are the
    /// same words, written differently).
    pub fn han_folded(mut self) -> Normed {
        if let Cow::Owned(folded) = fold_han(&self.norm) {
            self.norm = folded;
        }
        self
    }

    /// The original bytes that `norm[range]` was made from (`range` on character boundaries of
    /// `norm`), with the spaces dropped after its last character.
    pub fn original(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let at = |i: usize| {
            if i >= self.norm.len() {
                return self.original_len;
            }
            let run = self.runs.partition_point(|&(n, _)| n <= i);
            self.runs
                .get(run.wrapping_sub(1))
                .map_or(self.original_len, |&(n, o)| o + (i - n))
        };
        at(range.start)..at(range.end)
    }
}

/// Removes every whitespace character: 总  则 → 总则 (chapter titles).
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_spaces_beside_chinese() {
        assert_eq!(norm("提前 3 个工作日"), "提前3个工作日");
        assert_eq!(norm("工作 AB 角制度"), "工作AB角制度");
        assert_eq!(norm("Section  3 applies"), "Section 3 applies");
        assert_eq!(norm("  首行\n 次行 "), "首行\n次行");
    }

    #[test]
    fn drops_invisible_characters() {
        assert_eq!(fold_str("常\u{200B}务\u{AD}会议\u{FEFF}"), "常务会议");
        assert_eq!(norm("常务\u{200D}会议 每\u{A0}月"), "常务会议每月");
        assert_eq!(drop_invisible("历下\u{200B}:39"), "历下:39");
    }

    #[test]
    fn folds_full_width() {
        assert_eq!(norm("召开１次，不少于５０％"), "召开1次，不少于50%");
        assert_eq!(norm("ＡＢ角"), "AB角");
        assert_eq!(norm("（一）"), "（一）");
    }

    #[test]
    fn maps_back_to_the_text_as_written() {
        let text = "  召开１次， 不少于５０％（2021－2025 年）AB  cd\n 次行 ";
        let n = Normed::of(text);
        assert_eq!(n.norm, norm(text));
        assert_eq!(n.norm, "召开1次，不少于50%（2021-2025年）AB cd\n次行");
        let whole = n.original(0..n.norm.len());
        assert_eq!(&text[whole], text);
        let i = n.norm.find("50%").expect("folded");
        assert_eq!(&text[n.original(i..i + 3)], "５０％");
        let j = n.norm.find("2025").expect("kept");
        assert_eq!(&text[n.original(j..j + 4)], "2025 ");
    }

    #[test]
    fn drops_what_cannot_be_seen() {
        // Zero-width space, soft hyphen, BOM, word joiner and a no-break space from a web page.
        let pasted = "\u{FEFF}常\u{200B}务\u{00AD}会议\u{2060}每两周\u{00A0}召开";
        assert_eq!(drop_invisible(pasted), "常务会议每两周\u{00A0}召开");
        assert_eq!(norm(pasted), "常务会议每两周召开");
        assert_eq!(fold_str("常\u{200D}务会议"), "常务会议");
        assert!(matches!(drop_invisible("常务会议"), Cow::Borrowed(_)));
    }

    #[test]
    fn folds_traditional_for_matching() {
        assert_eq!(fold_han("區政府常務會議"), "区政府常务会议");
        assert_eq!(fold_str("區政府常務會議 請假"), "区政府常务会议 请假");
        // Simplified words that look traditional stay: 覆盖, 乾隆, 慰藉.
        assert_eq!(fold_han("覆盖 乾隆 慰藉"), "覆盖 乾隆 慰藉");
        // Byte lengths are kept, so offsets line up with the text as written.
        let t = "國務院辦公廳關於印發《條例》的通知";
        assert_eq!(fold_han(t).len(), t.len());
    }

    #[test]
    fn keeps_simplified_characters_the_table_maps() {
        // 捍 is a simplified character; the table's 扞 would cut 捍卫 out of the vocabulary.
        assert_eq!(fold_han("捍卫 呵护 黏土 彷徨"), "捍卫 呵护 黏土 彷徨");
        assert_eq!(fold_str("捍衛權益"), "捍卫权益");
        // Real traditional forms around them still fold.
        assert_eq!(fold_han("關於徵收"), "关于征收");
        // Every listed character is one the table does map (else the line is dead), and is
        // followed by why.
        for line in KEPT_SIMPLIFIED.lines().filter(|l| !l.starts_with('#')) {
            let c = line.chars().next().expect("a character");
            assert_ne!(fast2s::convert(&c.to_string()), c.to_string(), "{line}");
            assert!(line.chars().count() > 2, "{line}: say why");
            assert!(is_kept_simplified(c));
        }
        assert!(!is_kept_simplified('於'));
    }

    #[test]
    fn squeezes_titles() {
        assert_eq!(squeeze("总  则"), "总则");
        assert_eq!(squeeze("附\u{3000}则"), "附则");
    }
}
