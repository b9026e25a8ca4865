//! A text cut into jieba words once, with the visible characters before each word, so that one
//! text can be diffed against many without segmenting it again. No diffing here.

use crate::segment::Segmenter;
use crate::text::chars::visible_chars;
use std::ops::Range;

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
}

impl<'a> Words<'a> {
    /// `text` cut into jieba words (precise mode).
    pub fn new(text: &'a str) -> Words<'a> {
        let cuts = Segmenter::global()
            .tokens(text)
            .into_iter()
            .map(|t| t.start..t.end)
            .collect();
        Words::from_cuts(text, cuts)
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
        }
    }

    /// The text the words cover.
    pub fn text(&self) -> &'a str {
        self.text
    }

    pub(super) fn keys(&self) -> Vec<&'a str> {
        self.cuts.iter().map(|r| &self.text[r.clone()]).collect()
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

impl Words<'_> {
    /// Visible characters of the words `words`.
    pub(super) fn chars(&self, words: Range<usize>) -> usize {
        self.visible[words.end] - self.visible[words.start]
    }
}
