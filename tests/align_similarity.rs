//! How well the similarity ranks the dev golds' counterparts, apart from the grouping
//! (`guize::align::rank`): pinned just under the measurement on both dev families, and the
//! ranking options of `SimWeights` (paragraph evidence, hubness correction) checked to rank
//! better on both, as measured.

mod shared;

use guize::align::{Params, RankScore, eval, rank, similarities};
use guize::corpus::Corpus;
use guize::model::Regulation;
use std::path::PathBuf;
use std::sync::OnceLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_gold(name: &str) -> eval::Gold {
    let path = root().join("tests/data").join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("gold fixture {} is missing: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

fn five() -> &'static (eval::Gold, Corpus) {
    static F: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    F.get_or_init(|| {
        let corpus = Corpus::load(&root().join("corpus")).expect("seed corpus loads");
        (read_gold("alignment-dev.json"), corpus)
    })
}

/// The dogs family, its corpus folder built from the gold's `sources` (a missing source fails).
fn dogs() -> &'static (eval::Gold, Corpus) {
    static D: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    D.get_or_init(|| {
        let gold = read_gold("alignment-dev-dogs.json");
        assert!(!gold.sources.is_empty(), "the dogs gold names no sources");
        let dir = std::env::temp_dir().join(format!("guize-simrank-dogs-{}", std::process::id()));
        shared::copy_sources(&gold.sources, &dir);
        let corpus = Corpus::load(&dir).expect("dogs corpus loads");
        std::fs::remove_dir_all(&dir).ok();
        (gold, corpus)
    })
}

fn ranked(family: &(eval::Gold, Corpus), params: &Params) -> RankScore {
    let docs: Vec<&Regulation> = family.1.docs.iter().collect();
    rank(&similarities(&docs, params), &family.0)
}

/// The ranking options measured in docs/alignment-method.md ("How similar"): a larger meaning
/// term, the paragraph evidence and the hubness correction.
fn ranking_options() -> Params {
    let mut p = Params::default();
    p.sim.meaning = 0.15;
    p.sim.paragraphs = 0.3;
    p.sim.hub = 0.25;
    p
}

/// Measured with the defaults: five mutual 0.877, MRR 0.952, candidates 0.984 (383 links).
#[test]
fn five_ranking_is_pinned() {
    let r = ranked(five(), &Params::default());
    assert!(r.links >= 380, "{r:?}");
    assert!(r.mutual_best >= 0.87, "{r:?}");
    assert!(r.mrr >= 0.95, "{r:?}");
    assert!(r.candidate_recall >= 0.98, "{r:?}");
    assert!(r.mutual_best_strict <= r.mutual_best, "{r:?}");
}

/// Measured with the defaults: dogs mutual 0.745, MRR 0.882, candidates 0.993 (153 links).
#[test]
fn dogs_ranking_is_pinned() {
    let r = ranked(dogs(), &Params::default());
    assert!(r.links >= 150, "{r:?}");
    assert!(r.mutual_best >= 0.74, "{r:?}");
    assert!(r.mrr >= 0.88, "{r:?}");
    assert!(r.candidate_recall >= 0.99, "{r:?}");
}

/// The ranking options rank the counterparts better on both dev families (measured: five mutual
/// 0.888, MRR 0.954; dogs 0.804, 0.903), though the grouping's thresholds, set on the default
/// score, do not turn that into a better F1 there.
#[test]
fn ranking_options_rank_better_on_both_families() {
    for family in [five(), dogs()] {
        let (base, better) = (
            ranked(family, &Params::default()),
            ranked(family, &ranking_options()),
        );
        assert!(better.mutual_best > base.mutual_best, "{base:?} {better:?}");
        assert!(better.mrr > base.mrr, "{base:?} {better:?}");
    }
}

/// A pair's score is symmetric and unknown articles have none.
#[test]
fn scores_are_symmetric() {
    let docs: Vec<&Regulation> = five().1.docs.iter().collect();
    let sims = similarities(&docs, &ranking_options());
    let (a, b) = (docs[0].id.as_str(), docs[1].id.as_str());
    for (x, y) in [(1, 1), (3, 5), (10, 12)] {
        let (s, t) = (sims.score((a, x), (b, y)), sims.score((b, y), (a, x)));
        assert!(s.is_some() && s == t, "{s:?} {t:?}");
    }
    assert_eq!(sims.score((a, 9999), (b, 1)), None);
    // The margin is positive exactly when the article is the best match in its document.
    let m = sims.margin((a, 1), (b, 1)).expect("both articles exist");
    let s = sims.score((a, 1), (b, 1)).expect("both articles exist");
    let rivals = docs[1]
        .articles
        .iter()
        .filter(|r| r.sub == 0 && r.number != 1);
    let best_rival = rivals
        .filter_map(|r| sims.score((a, 1), (b, r.number)))
        .fold(f32::MIN, f32::max);
    assert!((m - (s - best_rival)).abs() < 1e-6, "{m} {s} {best_rival}");
}

/// `rank_only` keeps the paragraph and hubness terms out of the thresholds: with both terms on,
/// the grouping of the five keeps its precision nearer the defaults' (measured: P 0.933 R 0.940
/// F1 0.936 against P 0.925 R 0.930 F1 0.927 with the terms in the scores the thresholds read),
/// and with both terms at 0 it changes nothing.
#[test]
fn rank_only_terms_leave_the_thresholds_on_the_plain_score() {
    let (gold, corpus) = five();
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let f1 = |p: &Params| eval::score(&guize::align::align_with(&docs, p), gold);
    let mut plain = Params::default();
    plain.sim.rank_only = true;
    let base = f1(&Params::default());
    let same = f1(&plain);
    assert_eq!(
        (same.true_links, same.false_links),
        (base.true_links, base.false_links)
    );
    let mut on = plain;
    on.sim.paragraphs = 0.3;
    on.sim.hub = 0.25;
    let mut mixed = on;
    mixed.sim.rank_only = false;
    let (ranked, mixed) = (f1(&on), f1(&mixed));
    eprintln!("rank only {ranked:?}\nin the thresholds {mixed:?}");
    assert!(
        ranked.precision >= 0.93,
        "precision {:.3}",
        ranked.precision
    );
    assert!(ranked.f1 >= 0.935, "F1 {:.3}", ranked.f1);
    assert!(ranked.precision > mixed.precision);
}
