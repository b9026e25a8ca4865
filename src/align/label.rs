//! A clause group's label: the words a person would use to name its matter. Articles of a
//! standard type (purpose, scope, commencement, liability) are named by their formula, read as
//! data from `corpus/article-types.tsv`; otherwise the label is the group's weightiest nouns and
//! verbal nouns (jieba part-of-speech tags) that most of its documents share, at most
//! [`MAX_CHARS`] characters. Reads only the similarity space: every article's weighted words and
//! character bigrams.

use super::space::Space;
use crate::segment::Segmenter;
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

/// Longest label, in characters: it has to fit a table column.
pub(crate) const MAX_CHARS: usize = 16;
/// How much rarity counts in a term's rank: the article weights carry IDF to the power 1, this
/// softens it to a power of 0.3, so the words a group keeps repeating (单位, 养犬, 会议) can name it
/// while a word no other article uses (a one-off example in a list) does not take over.
const IDF_POWER: f32 = 0.3;
/// Verbs that carry an action but never a matter: auxiliaries and light verbs.
const LIGHT_VERBS: &[&str] = &[
    "进行", "能够", "不得", "作出", "做出", "需要", "予以", "给予", "加以", "应当", "可以", "坚持",
    "做好", "具有", "属于", "涉及", "采取", "提出", "依照", "按照",
];
/// Most terms in a label.
const MAX_TERMS: usize = 3;

/// The article types, compiled in.
const ARTICLE_TYPES: &str = include_str!("../../corpus/article-types.tsv");

/// One formula of an article type.
#[derive(Debug)]
struct Formula {
    kind: String,
    /// Pieces that must all occur.
    pieces: Vec<String>,
    /// The label goes on with the group's own terms.
    with_terms: bool,
}

fn formulas() -> &'static [Formula] {
    static F: OnceLock<Vec<Formula>> = OnceLock::new();
    F.get_or_init(|| parse_types(ARTICLE_TYPES))
}

/// Lines of `type<TAB>formula[<TAB>+]`; `#` comments and blank lines skipped.
fn parse_types(text: &str) -> Vec<Formula> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let kind = cols.next()?.trim();
            let formula = cols.next()?.trim();
            let with_terms = cols.next().is_some_and(|c| c.trim() == "+");
            let pieces: Vec<String> = formula
                .split('…')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect();
            (!kind.is_empty() && !pieces.is_empty()).then(|| Formula {
                kind: kind.to_string(),
                pieces,
                with_terms,
            })
        })
        .collect()
}

/// What one article holds, as far as the formulas ask: its words and its character bigrams.
struct Held<'a> {
    words: HashSet<&'a str>,
    bigrams: HashSet<&'a str>,
}

impl Held<'_> {
    /// A piece of one character must be a word of the article; a longer one must have all its
    /// bigrams there (the space keeps no running text, and bigrams of a phrase rarely all occur
    /// by chance).
    fn has(&self, piece: &str) -> bool {
        // Bigrams are of Han characters and letters only (see `features::bigrams`).
        let chars: Vec<char> = piece
            .chars()
            .filter(|&c| crate::text::chars::is_han(c) || c.is_alphabetic())
            .collect();
        if chars.len() < 2 {
            return self.words.contains(piece);
        }
        chars.windows(2).all(|w| {
            let pair: String = w.iter().collect();
            self.bigrams.contains(pair.as_str())
        })
    }
}

/// The label of the group of `members` (indices into `space`).
pub(crate) fn label(space: &Space, members: &[usize]) -> String {
    let held: Vec<Held> = members
        .iter()
        .map(|&m| Held {
            words: space.words[m]
                .terms
                .iter()
                .map(|&t| space.word_vocab.strings[t as usize].as_str())
                .collect(),
            bigrams: space.bigrams[m]
                .terms
                .iter()
                .map(|&t| space.bigram_vocab.strings[t as usize].as_str())
                .collect(),
        })
        .collect();
    let (kinds, with_terms) = article_types(&held);
    let mut chosen: Vec<String> = kinds;
    if chosen.is_empty() || with_terms {
        for term in ranked_terms(space, members) {
            if chosen.len() >= MAX_TERMS {
                break;
            }
            if chosen
                .iter()
                .any(|c| c.contains(&term) || term.contains(c.as_str()))
            {
                continue;
            }
            let length: usize = chosen.iter().map(|c| c.chars().count() + 1).sum();
            if length + term.chars().count() > MAX_CHARS {
                continue;
            }
            chosen.push(term);
        }
    }
    chosen.join("·")
}

/// The types at least half the articles have, in the order of the data file, and whether any
/// of them asks for the group's own terms too.
fn article_types(held: &[Held]) -> (Vec<String>, bool) {
    let mut kinds: Vec<String> = Vec::new();
    let mut with_terms = false;
    for f in formulas() {
        if kinds.contains(&f.kind) {
            continue;
        }
        let has = |h: &Held| {
            formulas()
                .iter()
                .filter(|g| g.kind == f.kind)
                .any(|g| g.pieces.iter().all(|p| h.has(p)))
        };
        let n = held.iter().filter(|h| has(h)).count();
        if n > 0 && n * 2 >= held.len() {
            kinds.push(f.kind.clone());
            with_terms |= f.with_terms;
        }
    }
    (kinds, with_terms)
}

/// Whether a part-of-speech tag names a thing: nouns of every kind (`n`, `nr`, `ns`, `nt`, `nz`,
/// `ng`), verbal and adjectival nouns (`vn`, `an`), abbreviations (`j`), set phrases (`l`) and
/// the untagged domain terms. Verbs, adverbs, pronouns, prepositions, conjunctions, particles,
/// numbers, localisers (之间, 之前) and fragments jieba made up (`x`) are left out.
fn is_nominal(tag: &str) -> bool {
    tag.is_empty() || tag.starts_with('n') || matches!(tag, "vn" | "an" | "j")
}

/// The group's nominal words of two characters or more, best first: weight in the group times
/// the number of its documents that say the word, squared, so that a term most members share
/// comes before one member's heavy word.
fn ranked_terms(space: &Space, members: &[usize]) -> Vec<String> {
    let mut weight: BTreeMap<u32, (f32, Vec<usize>)> = BTreeMap::new();
    let mut all_docs: Vec<usize> = members.iter().map(|&m| space.units[m].doc).collect();
    all_docs.sort_unstable();
    all_docs.dedup();
    let group_docs = all_docs.len();
    for &m in members {
        for (t, w) in space.words[m].iter() {
            let e = weight.entry(t).or_insert((0.0, Vec::new()));
            e.0 += w;
            e.1.push(space.units[m].doc);
        }
    }
    let n = space.len();
    let common = (n / 4).max(2) as u32;
    let mut terms: Vec<(f32, u32, usize)> = weight
        .into_iter()
        .filter(|(t, _)| space.word_vocab.strings[*t as usize].chars().count() >= 2)
        .map(|(t, (w, mut docs))| {
            docs.sort_unstable();
            docs.dedup();
            let d = docs.len() as f32;
            let idf = space.word_vocab.idf(t, n).max(1e-3);
            (w / idf * idf.powf(IDF_POWER) * d * d, t, docs.len())
        })
        .collect();
    terms.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let seg = Segmenter::global();
    terms
        .into_iter()
        .filter(|&(_, t, docs)| {
            let word = space.word_vocab.strings[t as usize].as_str();
            let df = space.word_vocab.df[t as usize];
            match seg.pos(word) {
                // A verb names a matter (登记, 处罚, 请假) unless it is one of the light verbs
                // that recur everywhere (进行, 能够, 负责).
                "v" => df < common && !LIGHT_VERBS.contains(&word),
                // A word jieba made up: a real term of the family (养犬) when documents share it,
                // a fragment (后要, 交区) when only some documents' wording produced it.
                "x" => docs >= 2 && docs * 4 >= group_docs * 3,
                tag => is_nominal(tag),
            }
        })
        .map(|(_, t, _)| space.word_vocab.strings[t as usize].as_str())
        .take(MAX_TERMS * 4)
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_types_file_parses() {
        let f = formulas();
        assert!(f.iter().any(|f| f.kind == "立法目的"));
        assert!(f.iter().any(|f| f.kind == "法律责任" && f.with_terms));
        assert!(f.iter().all(|f| !f.pieces.is_empty()));
    }

    #[test]
    fn nouns_stay_and_function_words_go() {
        let seg = Segmenter::global();
        for w in ["常务会议", "狂犬病", "法律顾问", "规范性文件"] {
            assert!(is_nominal(seg.pos(w)), "{w}: {}", seg.pos(w));
        }
        for w in ["进行", "能够", "之间", "为了", "之前"] {
            assert!(!is_nominal(seg.pos(w)), "{w}: {}", seg.pos(w));
        }
    }
}
