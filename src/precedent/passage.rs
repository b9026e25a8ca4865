//! The run of an article's clauses closest to a draft piece, found without building a profile per
//! run: the article is cut once into clauses of numbered terms (numbered in sorted order, so a
//! run's terms summed in number order are summed in the order [`score::similarity`] sums them, to
//! the same float), a run that cannot beat the best so far is skipped on a bound, and a run
//! holding the same clauses as one already scored is not scored again. A long article met by many
//! pieces of one draft is cut once for all of them ([`Cuts`]).

use super::score::{self, Profile, Segmented, Similarity, TermKind};
use super::{PASSAGE_SLACK, PASSAGE_WEIGHT, Passage};
use crate::segment::Segmenter;
use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

/// Articles at least this long (bytes) are kept cut for the next piece of the draft.
const KEPT_MIN_BYTES: usize = 4_000;

/// How many long articles are kept cut at once (the most recently used).
const KEPT: usize = 8;

/// A run is scored exactly unless its bound, raised by this share, is under the best score: the
/// bound is summed in f64 in another order than the f32 score, so it is given room.
const BOUND_SLACK: f64 = 0.01;

/// One kind of term (words or bigrams) of an article, numbered.
struct Terms {
    /// Each clause's distinct term numbers (indices into the whole article's profile list),
    /// sorted, one clause after another.
    ids: Vec<u32>,
    /// Where each clause's numbers start in `ids` (one more entry than clauses).
    starts: Vec<usize>,
}

impl Terms {
    fn new(
        cut: &Segmented,
        kind: TermKind,
        whole: &[(String, f32)],
        clauses: &[(usize, usize)],
    ) -> Terms {
        let spans = cut.spans(kind);
        let mut ids = Vec::new();
        let mut starts = vec![0];
        for &(a, b) in clauses {
            // The terms that start inside the clause, as `Segmented::profile` takes them.
            let lo = spans.partition_point(|(s, _)| *s < a);
            let hi = spans.partition_point(|(s, _)| *s < b).max(lo);
            let at = ids.len();
            for &(s, e) in &spans[lo..hi] {
                let term = &cut.lower[s..e];
                if let Ok(i) = whole.binary_search_by(|(t, _)| t.as_str().cmp(term)) {
                    ids.push(i as u32);
                }
            }
            ids[at..].sort_unstable();
            let mut kept = at;
            for i in at..ids.len() {
                if kept == at || ids[kept - 1] != ids[i] {
                    ids[kept] = ids[i];
                    kept += 1;
                }
            }
            ids.truncate(kept);
            starts.push(ids.len());
        }
        Terms { ids, starts }
    }

    fn clause(&self, c: usize) -> &[u32] {
        &self.ids[self.starts[c]..self.starts[c + 1]]
    }
}

/// An article cut for passages: its whole profile, its clauses and their numbered terms.
pub(super) struct Cut {
    /// The article's text, so that a kept cut serves that text only.
    article: String,
    /// Its length in characters.
    chars: usize,
    /// Whether lowercasing kept byte lengths (clause offsets then serve the article).
    same_len: bool,
    /// The profile of the whole article; term numbers index its lists.
    whole: Profile,
    /// Byte ranges of the clauses ([`score::sentences`]).
    clauses: Vec<(usize, usize)>,
    /// Each clause's length in characters.
    clause_chars: Vec<usize>,
    words: Terms,
    bigrams: Terms,
    /// Each clause's class: clauses of one class hold the same words and bigrams.
    class: Vec<u32>,
    /// The article's words and figures for the diff, once shown.
    diff_words: OnceLock<crate::diff::KeptWords>,
}

impl Cut {
    pub(super) fn new(
        seg: &Segmenter,
        article: &str,
        weight: impl Fn(TermKind, &str) -> f32,
    ) -> Cut {
        let cut = Segmented::new(seg, article);
        let whole = cut.profile(0..cut.lower.len(), &weight);
        let clauses = score::sentences(&cut.lower);
        let clause_chars = clauses
            .iter()
            .map(|&(a, b)| cut.lower[a..b].chars().count())
            .collect();
        let words = Terms::new(&cut, TermKind::Word, &whole.words, &clauses);
        let bigrams = Terms::new(&cut, TermKind::Bigram, &whole.bigrams, &clauses);
        let mut classes: HashMap<(&[u32], &[u32]), u32> = HashMap::new();
        let class = (0..clauses.len())
            .map(|c| {
                let next = classes.len() as u32;
                *classes
                    .entry((words.clause(c), bigrams.clause(c)))
                    .or_insert(next)
            })
            .collect();
        Cut {
            article: article.to_string(),
            chars: article.chars().count(),
            same_len: cut.lower.len() == article.len(),
            whole,
            clauses,
            clause_chars,
            words,
            bigrams,
            class,
            diff_words: OnceLock::new(),
        }
    }

    /// Similarity of `draft` to the article, or to the run of its clauses that matches it best
    /// (at [`PASSAGE_WEIGHT`]) when the article is much longer than the draft, with the run's
    /// byte range when it wins. Every run from each clause between half and twice the draft's
    /// length counts (one clause longer than that still counts alone); of equal scores the
    /// first wins.
    pub(super) fn best(&self, draft: &Profile, draft_chars: usize) -> (Similarity, Passage) {
        let whole = score::similarity(draft, &self.whole);
        let long = self.chars > draft_chars * PASSAGE_SLACK;
        if self.clauses.len() < 2 || !long || !self.same_len {
            return (whole, None);
        }
        let mut words = Side::new(draft.words.as_slice(), &self.whole.words, &self.words);
        let mut bigrams = Side::new(draft.bigrams.as_slice(), &self.whole.bigrams, &self.bigrams);
        let blend = |w: f64, b: f64| {
            f64::from(PASSAGE_WEIGHT)
                * (f64::from(score::WORD_SHARE) * w + (1.0 - f64::from(score::WORD_SHARE)) * b)
        };
        let mut scored: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
        let (mut best, mut range) = (whole.score, None);
        let n = self.clauses.len();
        for start in 0..n {
            let mut chars = 0;
            // The clauses start..=gathered are in the sides' runs (none yet).
            let mut gathered: Option<usize> = None;
            for end in start..n {
                chars += self.clause_chars[end];
                if end > start && chars > draft_chars * PASSAGE_SLACK {
                    break;
                }
                if chars * PASSAGE_SLACK < draft_chars {
                    continue;
                }
                // A bound first (no term looked at), then the score in f64 (the run's terms
                // gathered once for every end of this start), then the exact score.
                let bound = blend(words.bound(start, end), bigrams.bound(start, end));
                if below(bound, best) {
                    continue;
                }
                let from = match gathered {
                    None => {
                        words.restart();
                        bigrams.restart();
                        start
                    }
                    Some(g) => g + 1,
                };
                for c in from..=end {
                    words.gather(c);
                    bigrams.gather(c);
                }
                gathered = Some(end);
                if below(blend(words.dice(), bigrams.dice()), best) {
                    continue;
                }
                // A run of the same clauses as one scored before scores the same: no better.
                let classes = &self.class[start..=end];
                let key = {
                    let mut h = DefaultHasher::new();
                    classes.hash(&mut h);
                    h.finish()
                };
                let same = scored.entry(key).or_default();
                if same.iter().any(|&(a, b)| &self.class[a..=b] == classes) {
                    continue;
                }
                same.push((start, end));
                let s = PASSAGE_WEIGHT * score::blend(words.overlap(), bigrams.overlap()).score;
                if s > best {
                    best = s;
                    range = Some((self.clauses[start].0, self.clauses[end].1));
                }
            }
        }
        let sim = Similarity {
            score: best,
            covered: whole.covered,
        };
        (sim, range)
    }

    /// The article cut into the diff's words (made when first shown).
    pub(super) fn words(&self) -> crate::diff::Words<'_> {
        let kept = self
            .diff_words
            .get_or_init(|| crate::diff::Words::new(&self.article).kept());
        crate::diff::Words::from_kept(&self.article, kept)
    }
}

/// A sentence of the article outside the passage joins it when it holds at least this share of
/// the draft's weighted terms (words and bigrams blended as in [`score::blend`]) that the passage
/// does not: half the share a close precedent must hold of a draft at all
/// ([`super::MIN_COVERED`]), since the sentence only adds to a passage that is close already.
const WIDEN_SHARE: f32 = super::MIN_COVERED / 2.0;

/// The passage `start..end` (bytes of `article`) widened to take in every other sentence of the
/// article (cut after 。；！？ and line ends) that holds a real share ([`WIDEN_SHARE`]) of the
/// draft's weighted terms the passage lacks, and what lies between: the passage was chosen for
/// similarity, and a draft that joins two paragraphs of one article (a duty with its deadline in
/// one, what may not excuse it in the next) must see both, or the words of the one left out are
/// shown as the draft's own. The sentence bringing the most joins first, then the next, each
/// judged against all that is shown by then; the passage stays within
/// [`super::shown::WINDOW_CHARS`] characters.
pub(super) fn widen(
    seg: &Segmenter,
    article: &str,
    (start, end): (usize, usize),
    draft: &Profile,
) -> (usize, usize) {
    let cut = Segmented::new(seg, article);
    if cut.lower.len() != article.len() || start >= end || end > article.len() {
        return (start, end);
    }
    let units: Vec<(usize, usize)> = sentences_of(&cut.lower);
    let kinds = [
        (TermKind::Word, draft.words.as_slice(), score::WORD_SHARE),
        (
            TermKind::Bigram,
            draft.bigrams.as_slice(),
            1.0 - score::WORD_SHARE,
        ),
    ];
    let totals: Vec<f32> = kinds
        .iter()
        .map(|(_, terms, _)| terms.iter().map(|t| t.1).sum())
        .collect();
    let mut held: Vec<Vec<bool>> = kinds
        .iter()
        .map(|(_, terms, _)| vec![false; terms.len()])
        .collect();
    // The draft's terms (index into its list) that start inside `range`, per kind.
    let terms_in = |range: (usize, usize), k: usize| -> Vec<usize> {
        let (kind, terms, _) = kinds[k];
        let spans = cut.spans(kind);
        let lo = spans.partition_point(|(a, _)| *a < range.0);
        let hi = spans.partition_point(|(a, _)| *a < range.1).max(lo);
        spans[lo..hi]
            .iter()
            .filter_map(|&(a, b)| {
                let term = &cut.lower[a..b];
                terms.binary_search_by(|(t, _)| t.as_str().cmp(term)).ok()
            })
            .collect()
    };
    let gain = |range: (usize, usize), held: &[Vec<bool>]| -> f32 {
        (0..kinds.len())
            .map(|k| {
                if totals[k] <= 0.0 {
                    return 0.0;
                }
                let mut seen = held[k].clone();
                let mut sum = 0.0;
                for i in terms_in(range, k) {
                    if !seen[i] {
                        seen[i] = true;
                        sum += kinds[k].1[i].1;
                    }
                }
                kinds[k].2 * sum / totals[k]
            })
            .sum()
    };
    let mark = |range: (usize, usize), held: &mut [Vec<bool>]| {
        for (k, h) in held.iter_mut().enumerate() {
            for i in terms_in(range, k) {
                h[i] = true;
            }
        }
    };
    let (mut lo, mut hi) = (start, end);
    mark((lo, hi), &mut held);
    loop {
        let best = units
            .iter()
            .filter(|&&(a, b)| b <= lo || a >= hi)
            .map(|&u| (gain(u, &held), u))
            .filter(|&(g, _)| g >= WIDEN_SHARE)
            .max_by(|x, y| x.0.total_cmp(&y.0).then_with(|| y.1.cmp(&x.1)));
        let Some((_, (a, b))) = best else {
            break;
        };
        let (new_lo, new_hi) = (lo.min(a), hi.max(b));
        if article[new_lo..new_hi].chars().count() > super::shown::WINDOW_CHARS {
            break;
        }
        (lo, hi) = (new_lo, new_hi);
        mark((lo, hi), &mut held);
    }
    (lo, hi)
}

/// Byte ranges of the sentences of `text`: cut after 。；！？ and line ends, blank ones left out.
fn sentences_of(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '；' | '！' | '？' | '\n') {
            let to = i + c.len_utf8();
            out.push((from, to));
            from = to;
        }
    }
    if from < text.len() {
        out.push((from, text.len()));
    }
    out.retain(|&(a, b)| !text[a..b].trim().is_empty());
    out
}

/// Whether a score estimated at `estimate` (in f64, summed in another order than the f32 score)
/// surely does not beat `best`.
fn below(estimate: f64, best: f32) -> bool {
    estimate * (1.0 + BOUND_SLACK) < f64::from(best)
}

/// The draft against one kind of the article's terms, with the run of clauses being read.
struct Side<'a> {
    terms: &'a Terms,
    /// The article's term weights, by number.
    weights: Vec<f32>,
    /// The draft's weight of each of the article's terms it holds, by number.
    in_draft: Vec<Option<f32>>,
    /// The draft's weight, summed in term order.
    draft_weight: f32,
    /// Prefix sums over the clauses of the draft's weight of each clause's terms the draft holds.
    held: Vec<f64>,
    /// The run's distinct terms, in the order met.
    ids: Vec<u32>,
    /// `mark[i] == round`: term `i` is in the run.
    mark: Vec<u32>,
    round: u32,
    /// The run's shared weight and its own weight, in f64.
    shared: f64,
    weight: f64,
}

impl<'a> Side<'a> {
    fn new(draft: &[(String, f32)], whole: &[(String, f32)], terms: &'a Terms) -> Side<'a> {
        let mut in_draft = vec![None; whole.len()];
        let mut j = 0;
        for (t, w) in draft {
            while whole.get(j).is_some_and(|(x, _)| x < t) {
                j += 1;
            }
            if whole.get(j).is_some_and(|(x, _)| x == t) {
                in_draft[j] = Some(*w);
            }
        }
        let draft_weight = draft.iter().fold(0.0f32, |s, (_, w)| s + w);
        let mut held = Vec::with_capacity(terms.starts.len());
        held.push(0.0);
        for c in 0..terms.starts.len() - 1 {
            let w: f64 = terms
                .clause(c)
                .iter()
                .filter_map(|&i| in_draft[i as usize])
                .map(f64::from)
                .sum();
            held.push(held[c] + w);
        }
        Side {
            terms,
            weights: whole.iter().map(|(_, w)| *w).collect(),
            mark: vec![0; whole.len()],
            in_draft,
            draft_weight,
            held,
            ids: Vec::new(),
            round: 0,
            shared: 0.0,
            weight: 0.0,
        }
    }

    /// At least the Dice coefficient of the draft and the run of clauses `start..=end`: the
    /// shared weight is at most the draft's weight and at most the sum of the clauses' own
    /// shared weights, and the run weighs at least what it shares.
    fn bound(&self, start: usize, end: usize) -> f64 {
        let s = (self.held[end + 1] - self.held[start]).clamp(0.0, f64::from(self.draft_weight));
        self.dice_of(s, s)
    }

    /// Empties the run.
    fn restart(&mut self) {
        self.ids.clear();
        (self.shared, self.weight) = (0.0, 0.0);
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.mark.fill(0);
            self.round = 1;
        }
    }

    /// Adds clause `c` to the run.
    fn gather(&mut self, c: usize) {
        for &i in self.terms.clause(c) {
            let m = &mut self.mark[i as usize];
            if *m != self.round {
                *m = self.round;
                self.ids.push(i);
                self.weight += f64::from(self.weights[i as usize]);
                if let Some(w) = self.in_draft[i as usize] {
                    self.shared += f64::from(w);
                }
            }
        }
    }

    /// The run's Dice coefficient with the draft, in f64.
    fn dice(&self) -> f64 {
        self.dice_of(self.shared, self.weight)
    }

    /// The Dice coefficient in f64 of the draft against a run of weight `run` sharing `shared`.
    fn dice_of(&self, shared: f64, run: f64) -> f64 {
        let both = f64::from(self.draft_weight) + run;
        if both > 0.0 { 2.0 * shared / both } else { 0.0 }
    }

    /// (shared weight, the draft's weight, the run's weight), summed in term order as
    /// [`score::similarity`] sums them, so the same floats.
    fn overlap(&mut self) -> (f32, f32, f32) {
        self.ids.sort_unstable();
        let (mut shared, mut run) = (0.0f32, 0.0f32);
        for &i in &self.ids {
            run += self.weights[i as usize];
            if let Some(w) = self.in_draft[i as usize] {
                shared += w;
            }
        }
        (shared, self.draft_weight, run)
    }
}

/// The long articles cut lately, the most recent first.
#[derive(Default)]
pub(super) struct Cuts(Mutex<Vec<Arc<Cut>>>);

impl Cuts {
    /// The cut of `article`: kept from an earlier piece, or made now (and kept when long).
    pub(super) fn of(
        &self,
        seg: &Segmenter,
        article: &str,
        weight: impl Fn(TermKind, &str) -> f32,
    ) -> Arc<Cut> {
        if article.len() < KEPT_MIN_BYTES {
            return Arc::new(Cut::new(seg, article, weight));
        }
        {
            let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(i) = kept.iter().position(|c| c.article == article) {
                let cut = kept.remove(i);
                kept.insert(0, Arc::clone(&cut));
                return cut;
            }
        }
        let cut = Arc::new(Cut::new(seg, article, weight));
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        kept.insert(0, Arc::clone(&cut));
        kept.truncate(KEPT);
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each term's weight: a spread of values from its bytes, so that sums in another order
    /// would show.
    fn weight(_: TermKind, term: &str) -> f32 {
        let h = term
            .bytes()
            .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
        0.1 + (h % 997) as f32 / 97.0
    }

    /// 北京市物业管理条例 76 (its first paragraph, one item and the start of its second) against a
    /// draft joining the thirty days of the first with the excuse refused in the second
    /// (review42 #14): the passage of the second sentence widens to the first, which holds the
    /// draft's 退出 and 日内; an item holding none of the draft's words stays out unless it lies
    /// between; a sentence of another matter after the passage is never taken.
    #[test]
    fn a_passage_widens_to_the_sentences_holding_the_draft_s_words() {
        let seg = Segmenter::global();
        let first = "业主共同决定解聘物业服务人的，物业服务人应当自接到通知之日起三十日内履行下列交接义务，并且退出物业管理区域：\n（一）移交物业共用部分；\n";
        let second = "原物业服务人不得以业主欠交物业费、对业主共同决定有异议等为由拒绝办理交接，不得以任何理由阻挠新物业服务人进场服务。";
        let other = "新物业服务人不得强行接管物业，按照约定承接物业时，应当对共用部位、共用设施设备进行查验。";
        let article = format!("{first}{second}{other}");
        let draft = Profile::of(
            seg,
            "物业服务企业退出小区时，须在三十日内把物业服务用房和全部档案资料交给业主委员会，不得以业主欠费为由拒绝交接。",
            |_, _| 1.0,
        );
        let at = first.len();
        let (a, b) = widen(seg, &article, (at, at + second.len()), &draft);
        assert_eq!((a, b), (0, at + second.len()), "{}", &article[a..b]);
        // A draft whose words the passage holds all: nothing to add.
        let own = Profile::of(seg, second, |_, _| 1.0);
        assert_eq!(
            widen(seg, &article, (at, at + second.len()), &own),
            (at, at + second.len())
        );
    }

    /// How passages were scored before: a profile built and compared per run.
    fn by_profiles(
        seg: &Segmenter,
        draft: &Profile,
        draft_chars: usize,
        article: &str,
    ) -> (Similarity, Passage) {
        let cut = Segmented::new(seg, article);
        let whole = score::similarity(draft, &cut.profile(0..cut.lower.len(), weight));
        let sentences = score::sentences(&cut.lower);
        let long = article.chars().count() > draft_chars * PASSAGE_SLACK;
        if sentences.len() < 2 || !long || cut.lower.len() != article.len() {
            return (whole, None);
        }
        let profiles: Vec<(usize, Profile)> = sentences
            .iter()
            .map(|&(a, b)| (cut.lower[a..b].chars().count(), cut.profile(a..b, weight)))
            .collect();
        let (mut best, mut range) = (whole.score, None);
        for start in 0..profiles.len() {
            let mut chars = 0;
            for end in start..profiles.len() {
                chars += profiles[end].0;
                if end > start && chars > draft_chars * PASSAGE_SLACK {
                    break;
                }
                if chars * PASSAGE_SLACK < draft_chars {
                    continue;
                }
                let passage = Profile::union(profiles[start..=end].iter().map(|(_, p)| p));
                let s = PASSAGE_WEIGHT * score::similarity(draft, &passage).score;
                if s > best {
                    best = s;
                    range = Some((sentences[start].0, sentences[end].1));
                }
            }
        }
        (
            Similarity {
                score: best,
                covered: whole.covered,
            },
            range,
        )
    }

    #[test]
    fn passages_score_as_profiles_did_bit_for_bit() {
        let seg = Segmenter::global();
        let lixia: Vec<&str> = include_str!("../../corpus/lixia.txt").lines().collect();
        let shizhong: Vec<&str> = include_str!("../../corpus/shizhong.txt").lines().collect();
        // Long articles: stretches of lixia as one line, and one sentence said again and again.
        let articles = [
            lixia[..120.min(lixia.len())].concat(),
            lixia[lixia.len() / 2..].join("\n"),
            "区政府常务会议一般每两周召开1次，提前3个工作日通知。".repeat(40),
        ];
        let mut passages = 0;
        for article in &articles {
            let cut = Cut::new(seg, article, weight);
            for draft in shizhong.iter().chain(&lixia).step_by(7).take(40) {
                for draft in [draft.to_string(), draft.repeat(3)] {
                    let profile = Profile::of(seg, &draft, weight);
                    let chars = draft.chars().count();
                    let (new, at) = cut.best(&profile, chars);
                    let (old, was) = by_profiles(seg, &profile, chars, article);
                    assert_eq!(
                        (new.score.to_bits(), new.covered.to_bits(), at),
                        (old.score.to_bits(), old.covered.to_bits(), was),
                        "{draft}"
                    );
                    passages += usize::from(at.is_some());
                }
            }
        }
        assert!(passages > 20, "{passages} passages won");
    }
}
