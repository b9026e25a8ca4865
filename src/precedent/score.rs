//! Two segmented texts and term weights in, a similarity a person can read out: the share of
//! meaning-bearing wording (IDF-weighted words and character bigrams) that the texts have in
//! common. Pure arithmetic: the caller segments the texts and supplies the weights.

use crate::segment::{self, Segmenter};
use crate::text::fold::fold_han;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Share of the word evidence in [`Similarity::score`]; the rest is character bigrams, which
/// catch shared wording that jieba cuts differently and words the index vocabulary lacks.
/// Chosen on the development gold as a whole-method setting and kept round.
pub(crate) const WORD_SHARE: f32 = 0.3;

/// Which field a term belongs to: jieba words or character bigrams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TermKind {
    Word,
    Bigram,
}

/// The evidence of one text: its distinct meaning-bearing words and bigrams, sorted, each with its
/// weight (its IDF), looked up once when the profile is made.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Profile {
    pub(crate) words: Vec<(String, f32)>,
    pub(crate) bigrams: Vec<(String, f32)>,
}

impl Profile {
    /// Segments `text` with `seg` and weighs its terms with `weight`. Numbers are left out: a
    /// changed deadline (3 or 5 个工作日) does not change what a clause is about, and the diff
    /// shows it anyway.
    pub(crate) fn of(
        seg: &Segmenter,
        text: &str,
        weight: impl Fn(TermKind, &str) -> f32,
    ) -> Profile {
        let s = Segmented::new(seg, text);
        s.profile(0..s.lower.len(), weight)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty() && self.bigrams.is_empty()
    }

    /// The evidence of several texts read together (sorted, distinct): how passages were scored
    /// before [`super::passage`], kept to check that it scores them alike.
    #[cfg(test)]
    pub(crate) fn union<'a>(parts: impl IntoIterator<Item = &'a Profile>) -> Profile {
        let mut out = Profile::default();
        for p in parts {
            out.words.extend(p.words.iter().cloned());
            out.bigrams.extend(p.bigrams.iter().cloned());
        }
        for list in [&mut out.words, &mut out.bigrams] {
            list.sort_unstable_by(|x, y| x.0.cmp(&y.0));
            list.dedup_by(|x, y| x.0 == y.0);
        }
        out
    }
}

/// Byte ranges of the clauses of `text` that hold more than whitespace: stretches closed by a
/// sentence mark, a colon or a comma (，；。：！？ and newlines). A passage is a run of them, so a
/// draft copied from the start of a long sentence (区政府常务会议由区长、副区长、区政府办公室主任组成，
/// 由区长召集和主持，…) is judged against that stretch, not the whole sentence.
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(
            c,
            '，' | '；' | '。' | '：' | '！' | '？' | ',' | ';' | ':' | '\n'
        ) {
            let end = i + c.len_utf8();
            out.push((start, end));
            start = end;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out.retain(|&(a, b)| !text[a..b].trim().is_empty());
    out
}

/// A text cut once into words and bigrams with their byte offsets, so that the profile of any
/// stretch of it (a sentence, a run of sentences) costs no new segmentation.
pub(crate) struct Segmented {
    /// The lowercased text the offsets point into.
    pub(crate) lower: String,
    /// (start, end) of each meaning-bearing word, numbers left out.
    words: Vec<(usize, usize)>,
    /// (start, end) of each character bigram, numbers left out.
    bigrams: Vec<(usize, usize)>,
}

impl Segmented {
    /// Cuts `text` lowercased and with traditional characters folded ([`fold_han`], which keeps
    /// byte lengths), so that 區政府常務會議 and 区政府常务会议 share their terms.
    pub(crate) fn new(seg: &Segmenter, text: &str) -> Segmented {
        let lower = fold_han(&text.to_lowercase()).into_owned();
        let mut words: Vec<(usize, usize)> = seg
            .words(&lower)
            .into_iter()
            .filter(|t| !is_number(t.text))
            .map(|t| (t.start, t.end))
            .collect();
        let mut bigrams = Vec::new();
        segment::bigrams(&lower, &mut bigrams);
        bigrams.retain(|&(a, b)| !is_number(&lower[a..b]));
        // Sorted by start, so that the terms of a stretch are found by binary search.
        words.sort_unstable();
        bigrams.sort_unstable();
        Segmented {
            words,
            bigrams,
            lower,
        }
    }

    /// The (start, end) byte offsets of the text's words or bigrams (numbers left out), sorted.
    pub(crate) fn spans(&self, kind: TermKind) -> &[(usize, usize)] {
        match kind {
            TermKind::Word => &self.words,
            TermKind::Bigram => &self.bigrams,
        }
    }

    /// The profile of the words and bigrams that start inside `range` (byte offsets of `lower`).
    pub(crate) fn profile(
        &self,
        range: std::ops::Range<usize>,
        weight: impl Fn(TermKind, &str) -> f32,
    ) -> Profile {
        let pick = |spans: &[(usize, usize)], kind: TermKind| {
            // One stretch costs its own terms only, not the whole text's (linear in a long article).
            let lo = spans.partition_point(|(a, _)| *a < range.start);
            let hi = spans.partition_point(|(a, _)| *a < range.end);
            let mut terms: Vec<&str> = spans[lo..hi.max(lo)]
                .iter()
                .map(|&(a, b)| &self.lower[a..b])
                .collect();
            terms.sort_unstable();
            terms.dedup();
            terms
                .into_iter()
                .map(|t| (t.to_string(), weight(kind, t)))
                .collect()
        };
        Profile {
            words: pick(&self.words, TermKind::Word),
            bigrams: pick(&self.bigrams, TermKind::Bigram),
        }
    }
}

/// Digits, Chinese numerals and the characters that write them (一, 两, 十, 百, 1.5).
fn is_number(text: &str) -> bool {
    text.chars()
        .all(|c| crate::text::numeral::is_numeral_char(c) || c == '.')
}

/// How much of the wording a draft and a precedent share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Similarity {
    /// The ranking score in [0, 1]: a blend of the weighted Dice coefficients of words and of
    /// bigrams (shared weight over the mean weight of the two texts).
    pub score: f32,
    /// Share of the draft's weighted words found in the precedent, in [0, 1].
    pub covered: f32,
}

/// Weighted overlap of two sorted term lists: (shared weight, weight of `a`, weight of `b`).
fn overlap(a: &[(String, f32)], b: &[(String, f32)]) -> (f32, f32, f32) {
    let (mut i, mut j) = (0, 0);
    let (mut shared, mut wa, mut wb) = (0.0, 0.0, 0.0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                shared += x.1;
                wa += x.1;
                wb += y.1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x.0 < y.0 => {
                wa += x.1;
                i += 1;
            }
            (Some(x), None) => {
                wa += x.1;
                i += 1;
            }
            (_, Some(y)) => {
                wb += y.1;
                j += 1;
            }
            (None, None) => break,
        }
    }
    (shared, wa, wb)
}

fn dice((shared, wa, wb): (f32, f32, f32)) -> f32 {
    crate::text::chars::dice(shared, wa + wb).unwrap_or(0.0)
}

/// Compares a draft with a precedent, both weighed alike.
pub(crate) fn similarity(draft: &Profile, precedent: &Profile) -> Similarity {
    let words = overlap(&draft.words, &precedent.words);
    let bigrams = overlap(&draft.bigrams, &precedent.bigrams);
    blend(words, bigrams)
}

/// The similarity of two texts given the (shared weight, weight of the draft, weight of the
/// precedent) of their words and of their bigrams, each summed in term order.
pub(crate) fn blend(words: (f32, f32, f32), bigrams: (f32, f32, f32)) -> Similarity {
    Similarity {
        score: WORD_SHARE * dice(words) + (1.0 - WORD_SHARE) * dice(bigrams),
        covered: if words.1 > 0.0 {
            words.0 / words.1
        } else {
            0.0
        },
    }
}

/// Inverse document frequency over `n` articles, smoothed so a term the index lacks stays finite.
pub(crate) fn idf(df: u64, n: u64) -> f32 {
    ((n as f32 + 1.0) / (df as f32 + 0.5)).ln()
}

/// The smoothing constant of SIF weights `a / (a + p(w))` (Arora et al. 2017, who recommend
/// 1e-3 to 1e-4; the topic search's meaning term uses the same).
const SIF_A: f32 = 1e-3;

/// How rare a term is in regulations in general, in (0, 1]: the SIF weight of its share of the
/// running words of the 3,422 lawrefbook regulations the shipped word vectors were trained on
/// ([`crate::meaning::Vectors::frequency`]). A corpus of one family of regulations cannot tell
/// from its own counts that 应当, 批准 or 工作 are said of every matter while 请假 is said of one
/// (in the five work rules all four are in about 30 of 441 articles); regulations at large can.
/// A bigram's share is that of the words holding it (批准 in 批准, 审批准予…); a bigram no
/// word holds (it spans two words, 导批) and a word without a vector count as rare (1).
pub(crate) fn background(kind: TermKind, term: &str) -> f32 {
    let v = crate::meaning::Vectors::builtin();
    let share = match kind {
        TermKind::Word => v.frequency(term).unwrap_or(0.0),
        TermKind::Bigram => bigram_shares().get(term).copied().unwrap_or(0.0),
    };
    SIF_A / (SIF_A + share)
}

/// Each bigram's share of the running words of the vectors' training corpus: the summed counts
/// of the vocabulary words holding it, over all counts. Built once.
fn bigram_shares() -> &'static HashMap<String, f32> {
    static SHARES: OnceLock<HashMap<String, f32>> = OnceLock::new();
    SHARES.get_or_init(|| {
        let v = crate::meaning::Vectors::builtin();
        let total: f64 = v
            .words()
            .map(|w| f64::from(v.count(w).unwrap_or(0)))
            .sum::<f64>()
            .max(1.0);
        let mut counts: HashMap<String, f64> = HashMap::new();
        let mut spans = Vec::new();
        for w in v.words() {
            let c = f64::from(v.count(w).unwrap_or(0));
            let lower = w.to_lowercase();
            segment::bigrams(&lower, &mut spans);
            for &(a, b) in &spans {
                *counts.entry(lower[a..b].to_string()).or_default() += c;
            }
        }
        counts
            .into_iter()
            .map(|(k, c)| (k, (c / total) as f32))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg() -> &'static Segmenter {
        Segmenter::global()
    }

    #[test]
    fn profile_drops_numbers_and_punctuation() {
        let p = Profile::of(seg(), "提前3个工作日报送，每两周召开1次。", |_, _| 1.0);
        assert!(
            p.words
                .iter()
                .all(|w| !w.0.chars().any(|c| c.is_ascii_digit()))
        );
        assert!(p.words.iter().any(|w| w.0 == "报送"));
        assert!(p.bigrams.iter().any(|b| b.0 == "召开"));
        assert!(!p.bigrams.iter().any(|b| b.0 == "3"));
        assert!(
            p.words.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted and distinct"
        );
    }

    #[test]
    fn identical_texts_score_one_and_disjoint_zero() {
        let one = |_: TermKind, _: &str| 1.0;
        let a = Profile::of(seg(), "区政府常务会议由区长召集和主持。", one);
        let b = Profile::of(seg(), "严格执行安全生产责任制度。", one);
        let same = similarity(&a, &a);
        assert!((same.score - 1.0).abs() < 1e-6 && (same.covered - 1.0).abs() < 1e-6);
        let none = similarity(&a, &b);
        assert_eq!(none.score, 0.0);
        assert_eq!(none.covered, 0.0);
    }

    #[test]
    fn rare_shared_words_count_more_than_common_ones() {
        let weight = |_: TermKind, t: &str| {
            if ["区政府", "研究", "方案", "区政", "政府", "研究", "方案"].contains(&t)
            {
                0.2
            } else {
                3.0
            }
        };
        let draft = Profile::of(seg(), "区政府常务会议研究预算调整方案", weight);
        let rare = Profile::of(seg(), "常务会议审议预算调整", weight);
        let common = Profile::of(seg(), "区政府研究工作方案", weight);
        let r = similarity(&draft, &rare);
        let c = similarity(&draft, &common);
        assert!(r.score > c.score, "{r:?} vs {c:?}");
        assert!(r.covered > c.covered);
    }

    #[test]
    fn idf_falls_with_document_frequency() {
        assert!(idf(1, 500) > idf(100, 500));
        assert!(idf(0, 500).is_finite());
        assert!(idf(500, 500) > 0.0);
    }
}
