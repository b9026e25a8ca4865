//! Chapter titles as evidence relative to the corpus (`SimWeights::chapter_title`,
//! `SimWeights::chapter_apart`, both off by default). Two documents' chapters *correspond* when
//! each is the other's best match by title among its document's chapters and their title
//! cosine lies above the corpus's null (the median cosine of the titles of chapters of
//! different documents). A pair of articles in corresponding chapters gains
//! `chapter_title`; a pair of articles in titled chapters that do not correspond loses
//! `chapter_apart`; a pair where either document has fewer than two titled chapters is left
//! alone. No title is named anywhere: the titles' characters and character bigrams are weighed
//! by their IDF over the corpus's chapter titles, so 总则 or 法律责任, which every document has,
//! weigh little beside the words that tell its chapters apart.

use super::features::SparseVec;
use super::space::Space;
use crate::model::Regulation;
use std::collections::{BTreeMap, BTreeSet};

/// Most titled chapters the table is built for (the pairs of chapters are compared all
/// against all); a corpus with more gets no title evidence.
const MOST_CHAPTERS: usize = 3_000;

/// Which chapters correspond, by global chapter key (`Unit::chapter`).
#[derive(Debug, Default)]
pub(crate) struct Titles {
    /// Per chapter key, whether it carries evidence (titled, in a document of two titled
    /// chapters or more).
    titled: Vec<bool>,
    /// The corresponding pairs, the smaller key first.
    corresponding: BTreeSet<(usize, usize)>,
}

impl Titles {
    /// Reads the titles of the chapters the space's articles sit in.
    pub(crate) fn new(space: &Space, docs: &[&Regulation]) -> Titles {
        let n = space.units.iter().map(|u| u.chapter + 1).max().unwrap_or(0);
        let mut doc_of: Vec<Option<usize>> = vec![None; n];
        let mut title_of: Vec<String> = vec![String::new(); n];
        for u in &space.units {
            if doc_of[u.chapter].is_some() {
                continue;
            }
            doc_of[u.chapter] = Some(u.doc);
            if let Some(a) = u.article(docs) {
                title_of[u.chapter] = crate::text::fold::fold_han(&a.chapter.title).into_owned();
            }
        }
        let (titled, corresponding) = correspond(&doc_of, &title_of);
        Titles {
            titled,
            corresponding,
        }
    }

    /// +1 when chapters `a` and `b` correspond, −1 when both carry evidence and do not, 0 when
    /// either carries none.
    pub(crate) fn evidence(&self, a: usize, b: usize) -> f32 {
        if a == b || !self.titled.get(a).copied().unwrap_or(false) {
            return 0.0;
        }
        if !self.titled.get(b).copied().unwrap_or(false) {
            return 0.0;
        }
        if self.corresponding.contains(&(a.min(b), a.max(b))) {
            1.0
        } else {
            -1.0
        }
    }
}

/// Which of the chapters correspond: `doc_of` and `title_of` give each chapter key's document
/// (`None` for a key no article sits in) and title. Returns, per key, whether it carries
/// evidence, and the corresponding pairs, the smaller key first.
fn correspond(
    doc_of: &[Option<usize>],
    title_of: &[String],
) -> (Vec<bool>, BTreeSet<(usize, usize)>) {
    let n = doc_of.len();
    // The titled chapters of each document.
    let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for c in 0..n {
        if let Some(d) = doc_of[c]
            && title_of[c].chars().any(is_han)
        {
            by_doc.entry(d).or_default().push(c);
        }
    }
    by_doc.retain(|_, cs| cs.len() >= 2);
    let keys: Vec<usize> = by_doc.values().flatten().copied().collect();
    let mut titled = vec![false; n];
    if keys.len() > MOST_CHAPTERS || by_doc.len() < 2 {
        return (titled, BTreeSet::new());
    }
    for &c in &keys {
        titled[c] = true;
    }
    let vecs = title_vectors(&keys, title_of);
    let cos = |a: usize, b: usize| -> f32 {
        match (vecs.get(&a), vecs.get(&b)) {
            (Some(x), Some(y)) => x.dot(y),
            _ => 0.0,
        }
    };
    // The null: the median title cosine of chapters of different documents.
    let mut all: Vec<f32> = Vec::new();
    for (i, &a) in keys.iter().enumerate() {
        for &b in &keys[i + 1..] {
            if doc_of[a] != doc_of[b] {
                all.push(cos(a, b));
            }
        }
    }
    all.sort_by(|a, b| a.total_cmp(b));
    let null = all.get(all.len() / 2).copied().unwrap_or(0.0);
    // Each chapter's best match by title in each other document.
    let best = |a: usize, cs: &[usize]| -> Option<usize> {
        let mut top: Option<(f32, usize)> = None;
        for &b in cs {
            let s = cos(a, b);
            if top.is_none_or(|(t, _)| s > t) {
                top = Some((s, b));
            }
        }
        top.filter(|&(s, _)| s > null && s > 0.0).map(|(_, b)| b)
    };
    let mut corresponding = BTreeSet::new();
    for (&da, ca) in &by_doc {
        for (_, cb) in by_doc.range(da + 1..) {
            for &a in ca {
                if let Some(b) = best(a, cb)
                    && best(b, ca) == Some(a)
                {
                    corresponding.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    (titled, corresponding)
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Each titled chapter's title as a unit vector of its Han characters and character bigrams,
/// each weighed by its IDF over `keys`' titles (sublinear counts).
fn title_vectors(keys: &[usize], titles: &[String]) -> BTreeMap<usize, SparseVec> {
    let terms = |t: &str| -> BTreeMap<String, f32> {
        let chars: Vec<char> = t.chars().filter(|&c| is_han(c)).collect();
        let mut out: BTreeMap<String, f32> = BTreeMap::new();
        for c in &chars {
            *out.entry(c.to_string()).or_default() += 1.0;
        }
        for w in chars.windows(2) {
            *out.entry(w.iter().collect()).or_default() += 1.0;
        }
        out
    };
    let per: Vec<(usize, BTreeMap<String, f32>)> =
        keys.iter().map(|&c| (c, terms(&titles[c]))).collect();
    let mut df: BTreeMap<&str, f32> = BTreeMap::new();
    for (_, t) in &per {
        for k in t.keys() {
            *df.entry(k.as_str()).or_default() += 1.0;
        }
    }
    let ids: BTreeMap<&str, u32> = df.keys().enumerate().map(|(i, k)| (*k, i as u32)).collect();
    let n = per.len() as f32;
    per.iter()
        .map(|(c, t)| {
            let pairs: Vec<(u32, f32)> = t
                .iter()
                .map(|(k, &tf)| {
                    let idf = ((n + 1.0) / (df[k.as_str()] + 1.0)).ln() + 1.0;
                    (ids[k.as_str()], (1.0 + tf.ln()) * idf)
                })
                .collect();
            (*c, SparseVec::normalised(pairs))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapters(docs: &[&[&str]]) -> (Vec<Option<usize>>, Vec<String>) {
        let mut doc_of = Vec::new();
        let mut title_of = Vec::new();
        for (d, titles) in docs.iter().enumerate() {
            for t in *titles {
                doc_of.push(Some(d));
                title_of.push(t.to_string());
            }
        }
        (doc_of, title_of)
    }

    /// Chapters of one matter correspond across documents whatever their order and wording
    /// around the matter's words; a document without titled chapters carries no evidence.
    #[test]
    fn chapters_of_one_matter_correspond() {
        let (doc_of, title_of) = chapters(&[
            &[
                "总则",
                "基本农田的划定",
                "基本农田的保护和管理",
                "法律责任",
                "附则",
            ],
            &["总则", "保护", "划定", "监督管理", "罚则", "附则"],
            &[""],
        ]);
        let (titled, pairs) = correspond(&doc_of, &title_of);
        assert!(titled[..11].iter().all(|&t| t));
        assert!(
            !titled[11],
            "a document without titled chapters carries no evidence"
        );
        // 划定 (key 7) with 基本农田的划定 (1), 保护 (6) with 基本农田的保护和管理 (2).
        assert!(pairs.contains(&(1, 7)), "{pairs:?}");
        assert!(pairs.contains(&(2, 6)), "{pairs:?}");
        assert!(
            pairs.contains(&(0, 5)) && pairs.contains(&(4, 10)),
            "{pairs:?}"
        );
        // 划定 is not 保护's counterpart, and nothing pairs with the untitled document.
        assert!(!pairs.contains(&(1, 6)) && !pairs.contains(&(2, 7)));
        assert!(pairs.iter().all(|&(a, b)| a != 11 && b != 11));
        let t = Titles {
            titled,
            corresponding: pairs,
        };
        assert_eq!(t.evidence(1, 7), 1.0);
        assert_eq!(t.evidence(1, 6), -1.0);
        assert_eq!(t.evidence(1, 11), 0.0);
    }
}
