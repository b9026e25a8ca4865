//! A text cut into jieba words once, with the visible characters before each word, so that one
//! text can be diffed against many without segmenting it again. No diffing here.

use crate::numbers::FigureSpan;
use crate::text::chars::visible_chars;
use std::ops::Range;
use std::sync::OnceLock;

/// A text cut into jieba words, kept so that one text can be diffed against many without
/// segmenting it again.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    pub(super) text: &'a str,
    /// Byte ranges of the words, covering `text` in order.
    pub(super) cuts: Vec<Range<usize>>,
    /// `visible[i]`: characters other than whitespace in the words before word `i` (one more
    /// entry than words), so that the size of any run of words costs nothing.
    visible: Vec<usize>,
    /// The text's figures ([`crate::numbers::figure_spans`]), read once for every diff.
    figures: OnceLock<Vec<FigureSpan>>,
}

/// A text's words and figures as [`Words`] read them, without the text.
#[derive(Debug, Clone)]
pub(crate) struct KeptWords {
    cuts: Vec<Range<usize>>,
    figures: Vec<FigureSpan>,
}

impl<'a> Words<'a> {
    /// `text` cut into jieba words (precise mode), read from the cuts stored beside the index
    /// when the process was given them ([`crate::segment::token_ranges`]).
    /// A figure (a number with its unit, 十八摄氏度, 3个工作日, 每两周) or a run of numerals is one
    /// word even where jieba cuts it, so that no diff ever shows half a number.
    pub fn new(text: &'a str) -> Words<'a> {
        let figures = crate::numbers::figure_spans(text);
        let words = Words::from_cuts(
            text,
            whole_figures(
                text,
                crate::segment::token_ranges(text),
                &figures,
                &shares(text),
            ),
        );
        let _ = words.figures.set(figures);
        words
    }

    pub(super) fn from_cuts(text: &'a str, cuts: Vec<Range<usize>>) -> Words<'a> {
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
            figures: OnceLock::new(),
        }
    }

    /// The text's figures ([`crate::numbers::figure_spans`]), read on first use.
    pub(crate) fn figures(&self) -> &[FigureSpan] {
        self.figures
            .get_or_init(|| crate::numbers::figure_spans(self.text))
    }

    /// What was read of the text (its words and figures), to be kept beside it.
    pub(crate) fn kept(&self) -> KeptWords {
        KeptWords {
            cuts: self.cuts.clone(),
            figures: self.figures().to_vec(),
        }
    }

    /// The words of `text` from what [`Words::kept`] kept of the same text: a text diffed
    /// against many (a long article met by every piece of a draft) is read once.
    pub(crate) fn from_kept(text: &'a str, kept: &KeptWords) -> Words<'a> {
        let words = Words::from_cuts(text, kept.cuts.clone());
        let _ = words.figures.set(kept.figures.clone());
        words
    }

    /// The text the words cover.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// What the diff compares of each word: the word, or for a word holding numerals the word
    /// with each figure read as its value and unit (十八摄氏度 and 18℃ are one key, as are 两 and
    /// 2), so that one figure written in two scripts is no change.
    pub(super) fn keys(&self) -> Vec<std::borrow::Cow<'a, str>> {
        self.cuts
            .iter()
            .map(|r| {
                let word = &self.text[r.clone()];
                if word.chars().any(crate::text::numeral::is_numeral_char) {
                    std::borrow::Cow::Owned(super::hunk::figures_as_values(word))
                } else {
                    std::borrow::Cow::Borrowed(word)
                }
            })
            .collect()
    }

    /// Byte range covering the words `words`.
    pub(super) fn bytes(&self, words: Range<usize>) -> Range<usize> {
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

/// `cuts` made to fit the figures ([`crate::numbers::figure_spans`]): a word that runs over a
/// figure's edge is cut there (jieba's 日内 of 3个工作日内 would take the 内 into the figure, and
/// an unchanged 内 would then show as changed), and words are joined between two numeral
/// characters and, inside a figure, after a numeral (十八|摄氏度, 3|个) or after 每 (每|两周).
/// Other words of a figure stay words: 召开 of 每两周召开1次 is the same word in 每月召开2次.
///
/// A share (二分之一, 百分之五十, 三分之二: [`shares`]) is one word whatever jieba makes of it
/// (二|分之|一), counted as a figure or not: a diff compares it by value (二分之一 and 百分之五十
/// are one key) and never shows half of it.
fn whole_figures(
    text: &str,
    cuts: Vec<Range<usize>>,
    spans: &[FigureSpan],
    shares: &[Range<usize>],
) -> Vec<Range<usize>> {
    // Sorted and apart (`figure_spans` merges overlaps), so that the span around a point and the
    // edges within a word are found by binary search: a one-line article holds thousands.
    let numeral = |c: Option<char>| c.is_some_and(crate::text::numeral::is_numeral_char);
    let in_span = |at: usize| {
        let k = spans.partition_point(|s| s.range.start < at);
        k > 0 && at < spans[k - 1].range.end
    };
    let in_share = |at: usize| {
        let k = shares.partition_point(|s| s.start < at);
        k > 0 && at < shares[k - 1].end
    };
    let inside = |at: usize| {
        let before = text[..at].chars().next_back();
        (numeral(before) && numeral(text[at..].chars().next()))
            || ((numeral(before) || before == Some('每')) && in_span(at))
            || in_share(at)
    };
    let mut edges: Vec<usize> = spans
        .iter()
        .flat_map(|s| [s.range.start, s.range.end])
        .chain(shares.iter().flat_map(|s| [s.start, s.end]))
        .collect();
    edges.sort_unstable();
    let mut out: Vec<Range<usize>> = Vec::with_capacity(cuts.len());
    for cut in cuts {
        let mut start = cut.start;
        let from = edges.partition_point(|&e| e <= cut.start);
        let to = edges.partition_point(|&e| e < cut.end);
        let within = edges[from..to.max(from)]
            .iter()
            .copied()
            .filter(|&e| !inside(e));
        for at in within.chain(std::iter::once(cut.end)) {
            if at <= start {
                continue;
            }
            match out.last_mut() {
                Some(last) if last.end == start && inside(start) => last.end = at,
                _ => out.push(start..at),
            }
            start = at;
        }
    }
    out
}

/// The byte ranges of the shares in `text` (二分之一, 百分之五十, 万分之五, 半数, a range of
/// them), sorted and apart: the numbers a diff keeps whole although they hold characters that
/// are no numerals (分之).
pub(super) fn shares(text: &str) -> Vec<Range<usize>> {
    crate::text::quantity::quantities(text)
        .into_iter()
        .filter(|q| q.kind == crate::text::quantity::UnitKind::Share)
        .map(|q| q.num_start..q.num_end)
        .filter(|r| !r.is_empty())
        .collect()
}

impl Words<'_> {
    /// The words, in order, as the text writes them (a figure or a share is one word).
    pub fn pieces(&self) -> impl Iterator<Item = &str> + '_ {
        self.cuts.iter().map(|r| &self.text[r.clone()])
    }

    /// Visible characters of the words `words`.
    pub(super) fn chars(&self, words: Range<usize>) -> usize {
        self.visible[words.end] - self.visible[words.start]
    }
}
