//! The one place that touches jieba: Chinese text in, words with byte offsets out.
//! The dictionary is loaded once per process, on first use.

use jieba_rs::Jieba;
use std::sync::OnceLock;

/// One word of a segmented text; `start..end` is a byte range of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// jieba with guize's domain dictionary.
pub struct Segmenter {
    jieba: Jieba,
}

static GLOBAL: OnceLock<Segmenter> = OnceLock::new();

impl Segmenter {
    /// The process-wide segmenter, built on first use.
    pub fn global() -> &'static Segmenter {
        GLOBAL.get_or_init(Segmenter::new)
    }

    fn new() -> Segmenter {
        Segmenter {
            jieba: Jieba::new(),
        }
    }

    /// Precise-mode segmentation: the words cover the text without overlap, in order.
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
