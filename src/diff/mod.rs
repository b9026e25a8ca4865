//! Word-level differences between clause texts: two texts (or a clause group's texts) in, a list of
//! equal / inserted / deleted segments out, with number and punctuation-only changes flagged.
//! Pure functions over strings: no corpus, no alignment, no output formatting.
//!
//! Words are jieba tokens ([`crate::segment::Segmenter`]); a changed pair of short words that share
//! most of their characters (常务会议 / 全体会议) is refined to characters, which reads better.
//! [`compare_all`] says, for a group of texts, what each pair shares and how many of the texts
//! share each word; [`medoid`] picks the text closest to all the others.

use crate::segment::Segmenter;
use regex::Regex;
use similar::{Algorithm, DiffTag, capture_diff_slices};
use std::ops::Range;
use std::sync::OnceLock;

/// What a segment is relative to the base text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// In both texts.
    Equal,
    /// Only in the compared text (absent from the base).
    Insert,
    /// Only in the base text (absent from the compared one).
    Delete,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Equal => "equal",
            Op::Insert => "insert",
            Op::Delete => "delete",
        }
    }
}

/// A run of text with one [`Op`]. Concatenating the `Equal` and `Insert` segments gives the
/// compared text back; `Equal` and `Delete` give the base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub op: Op,
    pub text: String,
    /// A changed quantity: the change touches a number, a duration or a frequency
    /// (5个工作日 / 3个工作日, 每两周 / 每月). Always false for `Equal`.
    pub is_number: bool,
    /// A change of punctuation or spacing alone, which renderers show quietly.
    /// Always false for `Equal`.
    pub is_punct: bool,
}

/// A text cut into jieba words, kept so that one text can be diffed against many without
/// segmenting it again.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    /// Byte ranges of the words, covering `text` in order.
    cuts: Vec<Range<usize>>,
    /// `visible[i]`: characters other than whitespace in the words before word `i` (one more
    /// entry than words), so that the size of any run of words costs nothing.
    visible: Vec<usize>,
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str) -> Words<'a> {
        let cuts = Segmenter::global()
            .tokens(text)
            .into_iter()
            .map(|t| t.start..t.end)
            .collect();
        Words::from_cuts(text, cuts)
    }

    fn from_cuts(text: &'a str, cuts: Vec<Range<usize>>) -> Words<'a> {
        let mut visible = Vec::with_capacity(cuts.len() + 1);
        let mut total = 0;
        visible.push(0);
        for r in &cuts {
            total += visible_chars(&text[r.clone()]);
            visible.push(total);
        }
        Words {
            text,
            cuts,
            visible,
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    fn keys(&self) -> Vec<&'a str> {
        self.cuts.iter().map(|r| &self.text[r.clone()]).collect()
    }

    /// Byte range covering the words `words`.
    fn bytes(&self, words: Range<usize>) -> Range<usize> {
        if words.is_empty() {
            let at = self
                .cuts
                .get(words.start)
                .map_or(self.text.len(), |r| r.start);
            return at..at;
        }
        self.cuts[words.start].start..self.cuts[words.end - 1].end
    }
}

/// Differences between `base` and `other`, word by word: `Delete` is what only `base` says,
/// `Insert` what only `other` says.
pub fn diff(base: &str, other: &str) -> Vec<Segment> {
    diff_words(&Words::new(base), &Words::new(other))
}

/// [`diff`] over texts already cut into words.
pub fn diff_words(base: &Words, other: &Words) -> Vec<Segment> {
    let mut hunks = Vec::new();
    for hunk in word_hunks(base, other) {
        let (a, b) = (base.bytes(hunk.a()), other.bytes(hunk.b()));
        push_hunk(&mut hunks, hunk.is_equal(), a, b);
    }
    let hunks = refine_to_chars(hunks, base.text, other.text);
    to_segments(&hunks, base.text, other.text)
}

/// How much two texts share: twice the characters of their common words over the characters
/// of both (a Dice coefficient, 1.0 for identical texts). Whitespace does not count.
pub fn similarity(a: &Words, b: &Words) -> f32 {
    dice(
        shared_chars(a, b),
        a.chars(0..a.cuts.len()) + b.chars(0..b.cuts.len()),
    )
}

/// The similarity of the two texts a diff was made of, from its segments: twice the characters
/// of the equal segments over the characters of both texts.
pub fn similarity_of(segments: &[Segment]) -> f32 {
    let (mut equal, mut both) = (0, 0);
    for s in segments {
        let n = visible_chars(&s.text);
        match s.op {
            Op::Equal => (equal, both) = (equal + n, both + 2 * n),
            Op::Insert | Op::Delete => both += n,
        }
    }
    dice(equal, both)
}

/// Characters (not counting whitespace) in the words `a` and `b` have in common.
pub fn shared_chars(a: &Words, b: &Words) -> usize {
    word_hunks(a, b)
        .into_iter()
        .filter(Hunk::is_equal)
        .map(|h| a.chars(h.a()))
        .sum()
}

/// Characters of `text` that are not whitespace.
pub fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Characters every pair of `texts` shares ([`shared_chars`]); the diagonal holds each text's
/// own visible characters.
pub fn shared_matrix(texts: &[Words]) -> Vec<Vec<usize>> {
    compare_all(texts).shared
}

/// What a group of texts share, pair by pair and word by word.
#[derive(Debug, Clone, PartialEq)]
pub struct Sharing {
    /// `shared[i][j]`: characters texts `i` and `j` have in common ([`shared_chars`]); the
    /// diagonal holds each text's own visible characters.
    pub shared: Vec<Vec<usize>>,
    /// `support[i][b]`: how many of the texts (text `i` itself included) have the word that
    /// holds byte `b` of text `i`, as common wording ([`shared_chars`]'s equal stretches).
    pub support: Vec<Vec<u16>>,
}

/// Compares every pair of `texts` once: the characters each pair shares and, for every byte of
/// every text, how many of the texts share its word.
pub fn compare_all(texts: &[Words]) -> Sharing {
    let n = texts.len();
    let mut shared = vec![vec![0; n]; n];
    let mut support: Vec<Vec<u16>> = texts.iter().map(|t| vec![1; t.text.len()]).collect();
    for i in 0..n {
        shared[i][i] = texts[i].chars(0..texts[i].cuts.len());
        for j in i + 1..n {
            let (a, b) = (&texts[i], &texts[j]);
            let mut common = 0;
            for hunk in word_hunks(a, b).iter().filter(|h| h.is_equal()) {
                common += a.chars(hunk.a());
                support[i][a.bytes(hunk.a())]
                    .iter_mut()
                    .for_each(|c| *c += 1);
                support[j][b.bytes(hunk.b())]
                    .iter_mut()
                    .for_each(|c| *c += 1);
            }
            shared[i][j] = common;
            shared[j][i] = common;
        }
    }
    Sharing { shared, support }
}

/// The medoid of a group: the text with the highest total similarity (Dice over
/// [`shared_matrix`]) to the others, the first on ties. A real text, unlike a synthesis of
/// several, so every word of it is a word some document says.
pub fn medoid(shared: &[Vec<usize>]) -> usize {
    let n = shared.len();
    let total = |i: usize| -> f32 {
        (0..n)
            .filter(|j| *j != i)
            .map(|j| dice(shared[i][j], shared[i][i] + shared[j][j]))
            .sum()
    };
    let mut best = 0;
    let mut best_total = if n == 0 { 0.0 } else { total(0) };
    for i in 1..n {
        let t = total(i);
        if t > best_total {
            (best, best_total) = (i, t);
        }
    }
    best
}

/// Cuts `segments` (a diff of a text against `base`) where the number of documents sharing the
/// words changes, and gives each piece that number: `support` is the text's own per-byte count
/// ([`compare_all`]), `base_support` the base's (for `Delete` pieces).
pub fn split_by_support(
    segments: &[Segment],
    support: &[u16],
    base_support: &[u16],
) -> Vec<(Segment, usize)> {
    let (mut at, mut base_at) = (0usize, 0usize);
    let mut out = Vec::with_capacity(segments.len());
    for seg in segments {
        let counts = match seg.op {
            Op::Delete => &base_support[base_at.min(base_support.len())..],
            Op::Equal | Op::Insert => &support[at.min(support.len())..],
        };
        let mut start = 0;
        let mut last: Option<u16> = None;
        for (i, _) in seg.text.char_indices() {
            let c = counts.get(i).copied().unwrap_or(1);
            if let Some(l) = last
                && l != c
                && !seg.text[i..].trim().is_empty()
            {
                out.push((piece(seg, start..i), l as usize));
                start = i;
            }
            last = Some(c);
        }
        out.push((
            piece(seg, start..seg.text.len()),
            last.unwrap_or(1) as usize,
        ));
        match seg.op {
            Op::Equal => (at, base_at) = (at + seg.text.len(), base_at + seg.text.len()),
            Op::Insert => at += seg.text.len(),
            Op::Delete => base_at += seg.text.len(),
        }
    }
    out
}

/// Part `r` of a segment; a changed piece of punctuation alone is a punctuation change.
fn piece(seg: &Segment, r: Range<usize>) -> Segment {
    let text = seg.text[r].to_string();
    let punct = seg.op != Op::Equal && (seg.is_punct || is_punct(&text));
    Segment {
        is_punct: punct,
        is_number: seg.is_number && !punct,
        text,
        ..seg.clone()
    }
}

/// A substitution of at most three words by at most six characters (一般每两周 → 原则上每月,
/// 应 → 须): a contested wording, not a different provision.
fn is_short_swap(words: usize, passage: &str) -> bool {
    words <= 3 && visible_chars(passage) <= 6
}

/// Twice the shared characters over the characters of both (1.0 for two empty texts).
pub fn dice(shared: usize, both: usize) -> f32 {
    if both == 0 {
        1.0
    } else {
        (2 * shared) as f32 / both as f32
    }
}

/// A stretch of the two texts (by word index, or by byte range): the same text, or a change.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Hunk {
    Equal(Range<usize>, Range<usize>),
    Change(Range<usize>, Range<usize>),
}

impl Hunk {
    fn is_equal(&self) -> bool {
        matches!(self, Hunk::Equal(..))
    }

    fn a(&self) -> Range<usize> {
        match self {
            Hunk::Equal(a, _) | Hunk::Change(a, _) => a.clone(),
        }
    }

    fn b(&self) -> Range<usize> {
        match self {
            Hunk::Equal(_, b) | Hunk::Change(_, b) => b.clone(),
        }
    }
}

impl Words<'_> {
    /// Visible characters of the words `words`.
    fn chars(&self, words: Range<usize>) -> usize {
        self.visible[words.end] - self.visible[words.start]
    }
}

/// Word diff as alternating equal and change hunks over word indices (adjacent deletes and
/// inserts joined), with equalities too small to be real common text folded into the changes
/// around them.
///
/// An equal stretch between two changes goes when it is a lone character or punctuation, or no
/// longer than the larger side of each neighbouring change (the semantic clean-up of
/// diff-match-patch): in two different sentences, a shared 不得 or 区政府 is a coincidence of the
/// longest common subsequence, not common wording, and it would otherwise cut a rewritten passage
/// into a comb of tiny changes. Stretches longer than
/// four characters always stay: between two long changes they are real shared sentences.
fn word_hunks(a: &Words, b: &Words) -> Vec<Hunk> {
    const MAX_COINCIDENCE: usize = 4;
    let mut hunks: Vec<Hunk> = Vec::new();
    for (equal, ra, rb) in in_order(&capture_diff_slices(
        Algorithm::Patience,
        &a.keys(),
        &b.keys(),
    )) {
        push_hunk(&mut hunks, equal, ra, rb);
    }
    let size = |h: &Hunk| a.chars(h.a()).max(b.chars(h.b()));
    let is_coincidence = |before: &Hunk, equal: &Hunk, after: &Hunk| {
        let own = a.chars(equal.a());
        own <= 1
            || is_punct(&a.text[a.bytes(equal.a())])
            || (own <= MAX_COINCIDENCE && own <= size(before) && own <= size(after))
    };
    // Left to right, folding as it goes; a fold can make the stretch before it foldable too,
    // so passes repeat until none folds (rarely more than two, each linear).
    loop {
        let mut out: Vec<Hunk> = Vec::with_capacity(hunks.len());
        for hunk in hunks.iter() {
            if let (false, [.., before, equal]) = (hunk.is_equal(), out.as_slice())
                && !before.is_equal()
                && is_coincidence(before, equal, hunk)
            {
                let merged = Hunk::Change(
                    before.a().start..hunk.a().end,
                    before.b().start..hunk.b().end,
                );
                out.truncate(out.len() - 2);
                out.push(merged);
            } else {
                out.push(hunk.clone());
            }
        }
        if out.len() == hunks.len() {
            return out;
        }
        hunks = out;
    }
}

/// Diff ops as (is equal, range in old, range in new), the ranges recomputed from running
/// positions: `similar` may give the empty side of a delete or insert an index elsewhere in the
/// sequence, which would lose text when ops are joined.
fn in_order(ops: &[similar::DiffOp]) -> Vec<(bool, Range<usize>, Range<usize>)> {
    let (mut at_a, mut at_b) = (0, 0);
    ops.iter()
        .map(|op| {
            let (tag, ra, rb) = op.as_tag_tuple();
            let (la, lb) = match tag {
                DiffTag::Insert => (0, rb.len()),
                DiffTag::Delete => (ra.len(), 0),
                DiffTag::Equal | DiffTag::Replace => (ra.len(), rb.len()),
            };
            let out = (tag == DiffTag::Equal, at_a..at_a + la, at_b..at_b + lb);
            (at_a, at_b) = (at_a + la, at_b + lb);
            out
        })
        .collect()
}

/// Appends a hunk, merging it into the previous one when both are of the same kind.
fn push_hunk(out: &mut Vec<Hunk>, equal: bool, a: Range<usize>, b: Range<usize>) {
    if a.is_empty() && b.is_empty() {
        return;
    }
    match (out.last_mut(), equal) {
        (Some(Hunk::Equal(pa, pb)), true) | (Some(Hunk::Change(pa, pb)), false) => {
            pa.end = a.end;
            pb.end = b.end;
        }
        _ => out.push(if equal {
            Hunk::Equal(a, b)
        } else {
            Hunk::Change(a, b)
        }),
    }
}

/// Replaces a change between two short passages that share most of their characters by a
/// character-level diff (常务会议 → 全体会议 shows 常务 → 全体 and keeps 会议).
fn refine_to_chars(hunks: Vec<Hunk>, a: &str, b: &str) -> Vec<Hunk> {
    const MAX_CHARS: usize = 12;
    let mut out = Vec::with_capacity(hunks.len());
    for hunk in hunks {
        let Hunk::Change(ra, rb) = &hunk else {
            push_hunk(&mut out, true, hunk.a(), hunk.b());
            continue;
        };
        let (ta, tb) = (&a[ra.clone()], &b[rb.clone()]);
        let (ca, cb) = (char_bounds(ta), char_bounds(tb));
        let short = ca.len() <= MAX_CHARS && cb.len() <= MAX_CHARS;
        if !short || ta.is_empty() || tb.is_empty() {
            push_hunk(&mut out, false, ra.clone(), rb.clone());
            continue;
        }
        let chars_a: Vec<char> = ta.chars().collect();
        let chars_b: Vec<char> = tb.chars().collect();
        let ops = in_order(&capture_diff_slices(Algorithm::Myers, &chars_a, &chars_b));
        let common: usize = ops.iter().filter(|op| op.0).map(|op| op.1.len()).sum();
        let changes = ops.iter().filter(|op| !op.0).count();
        if common * 2 < chars_a.len().min(chars_b.len()) || common == 0 || changes > 3 {
            push_hunk(&mut out, false, ra.clone(), rb.clone());
            continue;
        }
        for (equal, xa, xb) in ops {
            let ba = ra.start + ca[xa.start]..ra.start + ca[xa.end];
            let bb = rb.start + cb[xb.start]..rb.start + cb[xb.end];
            push_hunk(&mut out, equal, ba, bb);
        }
    }
    out
}

/// Byte offsets of each char of `text`, plus `text.len()` at the end.
fn char_bounds(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

/// Turns hunks into segments, flagging quantities and punctuation-only changes. In a change that
/// touches a quantity, only the quantities themselves are flagged, so that a long rewritten
/// passage does not light up as a whole.
fn to_segments(hunks: &[Hunk], a: &str, b: &str) -> Vec<Segment> {
    let (qa, qb) = (quantities(a), quantities(b));
    let mut out = Vec::with_capacity(hunks.len() * 2);
    for hunk in hunks {
        match hunk {
            Hunk::Equal(_, rb) => out.push(Segment {
                op: Op::Equal,
                text: b[rb.clone()].to_string(),
                is_number: false,
                is_punct: false,
            }),
            Hunk::Change(ra, rb) => {
                let is_number = overlaps(&qa, ra) || overlaps(&qb, rb);
                let punct_only = is_punct(&a[ra.clone()]) && is_punct(&b[rb.clone()]);
                let is_short = is_short_swap(1, &a[ra.clone()]) && is_short_swap(1, &b[rb.clone()]);
                for (op, text, r, q) in [(Op::Delete, a, ra, &qa), (Op::Insert, b, rb, &qb)] {
                    for (piece, in_quantity) in split_by(r, if is_number { q } else { &[] }) {
                        out.push(Segment {
                            op,
                            text: text[piece].to_string(),
                            // In a short swap, a side without a quantity of its own
                            // (提前3天 → 及时) still differs in number.
                            is_number: is_number
                                && (in_quantity
                                    || (!overlaps(q, r)
                                        && is_short
                                        && !is_punct(&text[r.clone()]))),
                            is_punct: punct_only,
                        });
                    }
                }
            }
        }
    }
    out
}

/// Cuts `r` at the edges of `quantities`: pieces in order, each with whether it lies inside one.
fn split_by(r: &Range<usize>, quantities: &[Range<usize>]) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut at = r.start;
    for q in quantities {
        let (start, end) = (q.start.max(r.start), q.end.min(r.end));
        if start >= end {
            continue;
        }
        if at < start {
            out.push((at..start, false));
        }
        out.push((start..end, true));
        at = end;
    }
    if at < r.end {
        out.push((at..r.end, false));
    }
    out
}

fn overlaps(ranges: &[Range<usize>], r: &Range<usize>) -> bool {
    let r = if r.is_empty() {
        // A pure insertion point counts when it falls inside a quantity (每[两]周).
        r.start..r.start + 1
    } else {
        r.clone()
    };
    ranges.iter().any(|q| q.start < r.end && r.start < q.end)
}

/// True when `text` holds only punctuation, symbols or whitespace (an empty text counts).
pub fn is_punct(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || c.is_ascii_punctuation() || is_cjk_punct(c))
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' // CJK symbols and punctuation: 、。〈〉《》「」『』【】〔〕
        | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}' // full-width ASCII punctuation
        | '\u{2010}'..='\u{2027}' // dashes, quotes, ellipsis, middle dot
        | '\u{00B7}' | '\u{FE30}'..='\u{FE4F}')
}

/// Byte ranges of the quantities in `text`: Arabic or Chinese numbers with their unit, and
/// frequencies such as 每月, 每两周.
fn quantities(text: &str) -> Vec<Range<usize>> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        const NUM: &str = "[零〇一二三四五六七八九十百千万两半]";
        const UNIT: &str = "(?:工作日|小时|分钟|天|日|周|星期|个月|月|季度|年|次|人|名|项|倍|字|页|届)";
        let pattern = format!(
            r"[0-9０-９]+(?:[.．][0-9０-９]+)?\s*(?:[%％‰]|个?{UNIT})?|{NUM}+(?:分之{NUM}+|个?{UNIT})|每(?:{NUM}+|[0-9０-９]+)?个?(?:工作日|天|日|周|星期|月|季度|季|半年|年)"
        );
        Regex::new(&pattern).expect("quantity pattern is valid")
    });
    re.find_iter(text).map(|m| m.range()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| match s.op {
                Op::Equal => s.text.clone(),
                Op::Insert => format!("{{+{}+}}", s.text),
                Op::Delete => format!("[-{}-]", s.text),
            })
            .collect()
    }

    fn rebuild(segs: &[Segment], keep: Op) -> String {
        segs.iter()
            .filter(|s| s.op == Op::Equal || s.op == keep)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn segments_rebuild_both_texts() {
        let a = "区政府常务会议一般每两周召开1次，特殊情况下可随时召开。";
        let b = "区政府常务会议原则上每月召开2次；如有需要可临时召开。";
        let segs = diff(a, b);
        assert_eq!(rebuild(&segs, Op::Delete), a);
        assert_eq!(rebuild(&segs, Op::Insert), b);
    }

    #[test]
    fn long_rewrites_keep_every_character() {
        // similar gives a deletion here an index far ahead in the new text; nothing may be lost.
        let a = "优化经济调节市场在资源配置中的决定性作用，更好发挥政府作用注重预期引导和风险防范，运用经济、法律手段和必要的行政手段，引导和调控经济运行，促进经济高质量发展。";
        let b = "履行经济调节职能，坚决贯彻执行国家宏观调控政策，充分发挥市场在资源配置中的决定性作用，更好地发挥政府作用。围绕建设现代化经济体系，加强对全区经济运行的引导和调控，科学确定发展目标，调整优化经济结构，加快推动新旧动能转换，推进绿色低碳高质量发展。";
        let segs = diff(a, b);
        assert_eq!(rebuild(&segs, Op::Delete), a);
        assert_eq!(rebuild(&segs, Op::Insert), b);
    }

    #[test]
    fn identical_texts_are_one_equal_segment() {
        let t = "区政府实行区长负责制。";
        let segs = diff(t, t);
        assert_eq!(segs.len(), 1);
        assert_eq!(segs[0].op, Op::Equal);
    }

    #[test]
    fn changed_working_days_are_flagged_as_numbers() {
        let segs = diff("应提前5个工作日报送区政府。", "应提前3个工作日报送区政府。");
        let changed: Vec<_> = segs.iter().filter(|s| s.op != Op::Equal).collect();
        assert!(!changed.is_empty());
        assert!(changed.iter().all(|s| s.is_number), "{}", show(&segs));
        assert!(changed.iter().any(|s| s.text.contains('5')));
    }

    #[test]
    fn changed_frequency_is_flagged_as_number() {
        let segs = diff("常务会议一般每两周召开一次", "常务会议一般每月召开一次");
        let changed: Vec<_> = segs.iter().filter(|s| s.op != Op::Equal).collect();
        assert!(!changed.is_empty(), "{}", show(&segs));
        assert!(changed.iter().all(|s| s.is_number), "{}", show(&segs));
    }

    #[test]
    fn a_short_word_against_a_long_passage_with_a_number_is_not_a_number() {
        let segs = diff("向区长报告。", "向会议主持人报告。只安排1名工作人员列席。");
        let flagged: Vec<&str> = segs
            .iter()
            .filter(|s| s.is_number)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(flagged, ["1名"], "{}", show(&segs));
    }

    #[test]
    fn a_plain_word_change_is_not_a_number() {
        let segs = diff("由区长召集和主持", "由区长召集并主持");
        let changed: Vec<_> = segs.iter().filter(|s| s.op != Op::Equal).collect();
        assert!(!changed.is_empty());
        assert!(changed.iter().all(|s| !s.is_number && !s.is_punct));
    }

    #[test]
    fn punctuation_only_change_is_flagged_quiet() {
        let segs = diff(
            "研究决定重大事项，部署工作。",
            "研究决定重大事项；部署工作。",
        );
        let changed: Vec<_> = segs.iter().filter(|s| s.op != Op::Equal).collect();
        assert_eq!(changed.len(), 2, "{}", show(&segs));
        assert!(changed.iter().all(|s| s.is_punct));
    }

    #[test]
    fn similar_words_are_refined_to_characters() {
        let segs = diff("召开区政府常务会议研究", "召开区政府全体会议研究");
        // 会议 stays equal even if jieba keeps 常务会议 as one word.
        assert!(
            segs.iter().any(|s| s.op == Op::Delete && s.text == "常务"),
            "{}",
            show(&segs)
        );
        assert!(segs.iter().any(|s| s.op == Op::Insert && s.text == "全体"));
    }

    #[test]
    fn similarity_is_one_for_equal_and_lower_for_different() {
        let a = Words::new("区政府常务会议由区长召集和主持。");
        let b = Words::new("区政府常务会议由区长召集和主持。");
        let c = Words::new("区政府全体会议由区长召集。");
        assert!((similarity(&a, &b) - 1.0).abs() < 1e-6);
        let s = similarity(&a, &c);
        assert!(s > 0.3 && s < 0.9, "{s}");
    }

    #[test]
    fn only_the_quantity_of_a_long_change_is_flagged() {
        let segs = diff(
            "必要时可以随时召开。",
            "一般每2周召开1次，特殊情况下随时召开。",
        );
        let flagged: Vec<&str> = segs
            .iter()
            .filter(|s| s.is_number)
            .map(|s| s.text.as_str())
            .collect();
        assert!(flagged.contains(&"每2周"), "{}", show(&segs));
        assert!(
            flagged.iter().all(|t| !t.contains("特殊")),
            "{}",
            show(&segs)
        );
    }

    #[test]
    fn the_medoid_is_the_text_closest_to_all_others() {
        let texts = [
            "常务会议每两周召开一次。",
            "常务会议每月召开一次。",
            "常务会议每两周召开1次。",
        ];
        let words: Vec<Words> = texts.iter().map(|t| Words::new(t)).collect();
        let sharing = compare_all(&words);
        assert_eq!(medoid(&sharing.shared), 0);
        assert_eq!(medoid(&[]), 0);
    }

    #[test]
    fn support_counts_the_texts_that_share_a_word() {
        let texts = [
            "区政府常务会议每两周召开一次",
            "区政府常务会议每月召开一次",
            "区政府全体会议每月召开一次",
        ];
        let words: Vec<Words> = texts.iter().map(|t| Words::new(t)).collect();
        let sharing = compare_all(&words);
        let segs = diff_words(&words[0], &words[1]);
        let pieces = split_by_support(&segs, &sharing.support[1], &sharing.support[0]);
        // 每月 is said by the second and third texts, 每两周 by the first alone.
        let of = |text: &str, op: Op| {
            pieces
                .iter()
                .find(|(s, _)| s.text.contains(text) && s.op == op)
                .map(|(_, n)| *n)
        };
        assert_eq!(of("月", Op::Insert), Some(2));
        assert_eq!(of("两周", Op::Delete), Some(1));
        assert_eq!(of("召开", Op::Equal), Some(3));
        // The pieces still rebuild both texts.
        let own: String = pieces
            .iter()
            .filter(|(s, _)| s.op != Op::Delete)
            .map(|(s, _)| s.text.as_str())
            .collect();
        assert_eq!(own, texts[1]);
    }

    #[test]
    fn empty_sides_diff_to_one_insert_or_delete() {
        let segs = diff("", "新增内容");
        assert_eq!(segs.len(), 1);
        assert_eq!(segs[0].op, Op::Insert);
        let segs = diff("原有内容", "");
        assert_eq!(segs.len(), 1);
        assert_eq!(segs[0].op, Op::Delete);
        assert!(diff("", "").is_empty());
    }

    #[test]
    fn quantities_find_numbers_with_units() {
        let t = "提前3个工作日，每两周召开1次，不超过5000字，二分之一以上";
        let found: Vec<&str> = quantities(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(found, ["3个工作日", "每两周", "1次", "5000字", "二分之一"]);
        assert!(quantities("统一部署，一般情况").is_empty());
    }
}
