//! A gold file of clause groups and an alignment in, link precision and recall out, computed
//! exactly as `score_alignment.py` does. Reads no files itself.

use super::Alignment;
use crate::model::DocId;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// A gold file: hand-built groups and the links the annotators disagreed on.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// The annotators' groups.
    pub groups: Vec<GoldGroup>,
    /// Pairs of `[doc, article]` that count neither for nor against.
    #[serde(default)]
    pub ambiguous_links: Vec<[(String, u32); 2]>,
    /// Where each document comes from, for golds over lawrefbook: document id → path under the
    /// lawrefbook folder (the file is copied as `<id>.md` into a corpus folder).
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
}

impl Gold {
    /// Each article of the gold's groups, as (document id, article number), with the index of
    /// its group in [`Gold::groups`] (the last group that lists it).
    pub fn group_of(&self) -> BTreeMap<(String, u32), usize> {
        let mut of = BTreeMap::new();
        for (i, g) in self.groups.iter().enumerate() {
            for (d, ns) in &g.members {
                for &n in ns {
                    of.insert((d.clone(), n), i);
                }
            }
        }
        of
    }
}

/// One hand-built clause group.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldGroup {
    /// The annotators' id for it.
    #[serde(default)]
    pub id: String,
    /// What it is about, in the annotators' words.
    #[serde(default)]
    pub topic: String,
    /// Document id → its article numbers in the group.
    pub members: BTreeMap<String, Vec<u32>>,
}

/// Link counts and the scores derived from them.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct LinkScore {
    /// Links in the gold file (ambiguous ones left out).
    pub gold_links: usize,
    /// Links both the alignment and the gold make.
    pub true_links: usize,
    /// Links the alignment makes and the gold does not.
    pub false_links: usize,
    /// True links over links made.
    pub precision: f64,
    /// True links over gold links.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

type Article = (String, u32);
type Link = (Article, Article);

/// Pairs of articles of different documents that share a group, each pair in sorted order.
fn links<'a>(groups: impl Iterator<Item = &'a BTreeMap<String, Vec<u32>>>) -> BTreeSet<Link> {
    let mut out = BTreeSet::new();
    for members in groups {
        let mut all: Vec<Article> = members
            .iter()
            .flat_map(|(d, ns)| ns.iter().map(move |&n| (d.clone(), n)))
            .collect();
        all.sort();
        for (i, x) in all.iter().enumerate() {
            for y in &all[i + 1..] {
                if x.0 != y.0 {
                    out.insert((x.clone(), y.clone()));
                }
            }
        }
    }
    out
}

/// Scores `alignment` against `gold`: a predicted link counts when at least one end is in a gold
/// group; it is true when the gold links the pair, ignored when the pair is ambiguous, else false.
/// Recall is over the gold links.
pub fn score(alignment: &Alignment, gold: &Gold) -> LinkScore {
    let gold_links = links(gold.groups.iter().map(|g| &g.members));
    let scope: BTreeSet<Article> = gold
        .groups
        .iter()
        .flat_map(|g| {
            g.members
                .iter()
                .flat_map(|(d, ns)| ns.iter().map(move |&n| (d.clone(), n)))
        })
        .collect();
    let ambiguous: BTreeSet<Link> = gold
        .ambiguous_links
        .iter()
        .map(|[a, b]| {
            if a <= b {
                (a.clone(), b.clone())
            } else {
                (b.clone(), a.clone())
            }
        })
        .collect();
    let predicted: Vec<BTreeMap<String, Vec<u32>>> = alignment
        .groups
        .iter()
        .map(|g| {
            g.members
                .iter()
                .map(|(d, ns): (&DocId, _)| (d.0.to_string(), ns.clone()))
                .collect()
        })
        .collect();
    let (mut tp, mut fp) = (0, 0);
    for link in links(predicted.iter()) {
        if !scope.contains(&link.0) && !scope.contains(&link.1) {
            continue;
        }
        if gold_links.contains(&link) {
            tp += 1;
        } else if !ambiguous.contains(&link) {
            fp += 1;
        }
    }
    let precision = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let recall = if gold_links.is_empty() {
        0.0
    } else {
        tp as f64 / gold_links.len() as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    LinkScore {
        gold_links: gold_links.len(),
        true_links: tp,
        false_links: fp,
        precision,
        recall,
        f1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Group;

    fn group(members: &[(&str, &[u32])]) -> Group {
        Group {
            id: String::new(),
            label: String::new(),
            score: 0.0,
            members: members
                .iter()
                .map(|(d, ns)| (DocId::from(*d), ns.to_vec()))
                .collect(),
            subs: Default::default(),
            occurrences: Default::default(),
            links: Vec::new(),
            partial: Vec::new(),
            parts: Vec::new(),
            deleted: false,
        }
    }

    #[test]
    fn links_inside_groups_count_and_ambiguous_ones_are_ignored() {
        let gold: Gold = serde_json::from_str(
            r#"{"groups": [{"members": {"a": [1], "b": [1], "c": [2]}}, {"members": {"a": [2]}}],
                "ambiguous_links": [[["b", 1], ["a", 2]]]}"#,
        )
        .unwrap();
        let predicted = Alignment {
            kinds: Vec::new(),
            groups: vec![
                group(&[("a", &[1]), ("b", &[1])]),
                group(&[("a", &[2]), ("b", &[2]), ("c", &[2])]),
                group(&[("d", &[9]), ("e", &[9])]),
            ],
        };
        let s = score(&predicted, &gold);
        // gold links: a1-b1, a1-c2, b1-c2. predicted in scope: a1-b1 (true), a2-b2, a2-c2, b2-c2 (false).
        assert_eq!((s.gold_links, s.true_links, s.false_links), (3, 1, 3));
        assert!((s.precision - 0.25).abs() < 1e-9);
        assert!((s.recall - 1.0 / 3.0).abs() < 1e-9);
    }
}
