//! Clause alignment on the five seed regulations: the dev gold score is pinned, every article is in
//! exactly one group, and `guize align` / `guize eval align` keep their output formats.

mod shared;

use assert_cmd::Command;
use guize::align::sibling::SiblingRule;
use guize::align::{Alignment, Group, Params, align, align_with, eval};
use guize::corpus::Corpus;
use guize::model::{DocId, Regulation};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| Corpus::load(&root().join("corpus")).expect("seed corpus loads"))
}

fn alignment() -> &'static Alignment {
    static A: OnceLock<Alignment> = OnceLock::new();
    A.get_or_init(|| align(&corpus().docs))
}

fn dev_gold() -> eval::Gold {
    read_gold("alignment-dev.json")
}

fn read_gold(name: &str) -> eval::Gold {
    let path = root().join("tests/data").join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("gold fixture {} is missing: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

/// A corpus folder built from a gold file's `sources`: each named file under
/// `../shared/corpora/lawrefbook` copied as `<id>.md` into a fresh temporary folder, loaded, and the
/// folder removed again. A missing source file fails the test: a skipped family scores nothing.
fn gold_corpus(gold: &eval::Gold, name: &str) -> Corpus {
    assert!(!gold.sources.is_empty(), "{name} names no sources");
    let dir = std::env::temp_dir().join(format!("guize-align-{name}-{}", std::process::id()));
    shared::copy_sources(&gold.sources, &dir);
    let corpus = Corpus::load(&dir).expect("gold corpus loads");
    std::fs::remove_dir_all(&dir).ok();
    corpus
}

/// Asserts that a family's link score is at or above its floors (precision, recall, F1).
fn at_least(name: &str, s: &eval::LinkScore, min: (f64, f64, f64)) {
    assert!(s.precision >= min.0, "{name} precision {:.3}", s.precision);
    assert!(s.recall >= min.1, "{name} recall {:.3}", s.recall);
    assert!(s.f1 >= min.2, "{name} F1 {:.3}", s.f1);
}

fn dogs() -> &'static (eval::Gold, Corpus) {
    static D: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    D.get_or_init(|| {
        let gold = read_gold("alignment-dev-dogs.json");
        let corpus = gold_corpus(&gold, "dogs");
        (gold, corpus)
    })
}

/// The dogs family (four cities' 养犬管理条例, drafted freely, many fused and split provisions):
/// the score is pinned like the five's.
#[test]
fn dogs_gold_score_is_pinned() {
    let (gold, corpus) = dogs();
    assert_eq!(corpus.docs.len(), 4);
    let s = eval::score(&align(&corpus.docs), gold);
    eprintln!("{s:?}");
    assert_eq!(s.gold_links, 153);
    assert!(s.precision >= DOGS_MIN.0, "precision {:.3}", s.precision);
    assert!(s.recall >= DOGS_MIN.1, "recall {:.3}", s.recall);
    assert!(s.f1 >= DOGS_MIN.2, "F1 {:.3}", s.f1);
}

/// Four families of four regulations each, from two annotations kept where they agree
/// (`tests/data/annotations/`), pinned just under their measurement so that they cannot silently
/// fall. Two were held out until the round of 2 December 2026 and are dev families since (their
/// errors are read and settings are chosen on them, with the five and the dogs, by
/// leave-one-family-out): trees (four 古树名木保护条例) P 0.790 R 0.701 F1 0.743 and water (four
/// 节约用水条例) P 0.881 R 0.696 F1 0.778. Two are held out, annotated blind, never seen by the
/// method's authors and never tuned on: weather (four 气象灾害防御条例) P 0.851 R 0.627 F1 0.722,
/// and forest (four 森林防火条例, agreement F1 0.930, measured once on the aligner of 2 December
/// 2026) P 0.947 R 0.796 F1 0.865. All are far from the 0.9 goal; see ARCHITECTURE.md, src/align/
/// (hard cases), and docs/alignment-method.md.
#[test]
fn held_out_families_scores_are_pinned() {
    for (name, links, min) in [
        // With the corpus's own translation table (`sim.bridge`, 3 December 2026): trees
        // P 0.840 R 0.712 F1 0.771, water 0.901 / 0.712 / 0.795, weather 0.871 / 0.637 / 0.736,
        // forest unchanged.
        // With lone articles joined to their mutual best match (`twins`, 3 December 2026):
        // trees 0.841 / 0.718 / 0.774, water unchanged, weather 0.861 / 0.647 / 0.739, forest
        // 0.948 / 0.804 / 0.870, gas 0.874 / 0.524 / 0.655.
        // With paragraph clusters between documents of one kind (`paras`) and lone articles
        // joined by the meaning of their paragraphs (`matter`), both 5 December 2026, measured
        // once after the choice, the two together: trees 0.843 / 0.729 / 0.782, water 0.895 /
        // 0.717 / 0.797, weather 0.870 / 0.697 / 0.773, forest 0.923 / 0.849 / 0.884, gas 0.869 /
        // 0.552 / 0.675 (each alone: `paras` weather 0.760, forest 0.884, gas 0.678; `matter`
        // weather 0.749, forest 0.870, gas 0.652).
        // With far pieces of one matter joined (`far`, 5 December 2026), measured once after the
        // choice: weather 0.848 / 0.697 / 0.765 (four false links more), forest 0.923 / 0.858 /
        // 0.889, gas unchanged; trees and water are dev families, unchanged.
        // With articles of a standard type kept apart (`types`, 6 December 2026), measured once
        // after the choice: forest 0.932 / 0.858 / 0.894 (a definition out of the group on
        // smoking in the forest), gas 0.868 / 0.548 / 0.672 (a true link lost: a definition whose
        // counterpart writes its definitions without the table's formula), weather unchanged.
        // With penalties joined by the offence their conditions state (`offence.join`, off;
        // trees is a dev family): trees 0.843 / 0.729 / 0.782 → 0.825 / 0.746 / 0.783 (three
        // true links more, four false), weather, forest and gas unchanged.
        ("trees", 177, (0.84, 0.725, 0.78)),
        ("water", 191, (0.89, 0.71, 0.79)),
        ("weather", 201, (0.845, 0.69, 0.76)),
        ("forest", 225, (0.93, 0.855, 0.89)),
        // Four 燃气管理条例, annotated blind on 2 December 2026 (agreement 0.863): measured
        // P 0.878, R 0.512, F1 0.647 when added.
        ("gas", 252, (0.865, 0.545, 0.67)),
    ] {
        let gold = read_gold(&format!("alignment-heldout-{name}.json"));
        let corpus = gold_corpus(&gold, name);
        assert_eq!(corpus.docs.len(), 4, "{name}");
        let s = eval::score(&align(&corpus.docs), &gold);
        eprintln!("{name}: {s:?}");
        assert_eq!(s.gold_links, links, "{name}");
        at_least(name, &s, min);
    }
}

/// Two dev families of other kinds, annotated blind by two annotators each on 5 December 2026 and
/// merged where both agree (`tests/data/annotations/merge_gold.py`): four 机动车排气污染防治条例
/// (agreement F1 0.912) and four 教育督导条例 (0.794: one annotator read the whole inspection
/// procedure as one matter, the other split it; the links only one made count neither way).
/// Measured when added: vehicles P 0.838 R 0.636 F1 0.723, inspection P 0.863 R 0.399 F1 0.545.
/// Two more, made the same way on 5 December 2026: four 志愿服务条例 (agreement 0.851; measured when
/// added P 0.958 R 0.720 F1 0.822) and four 预算审查监督条例 (agreement 0.908; P 0.819 R 0.594 F1
/// 0.689), a procedural family like the five but drafted freely. And two more on 5 December 2026,
/// measured on arrival before any change: four 城市供水条例 (agreement 0.971; P 0.920 R 0.682 F1
/// 0.783) and four 生活垃圾管理条例 (agreement 0.903; P 0.909 R 0.690 F1 0.784). And two more on 5
/// December 2026, measured on arrival before any change: four 城市绿化条例 (agreement 0.936; P
/// 0.912 R 0.569 F1 0.701) and four 文明行为促进条例 (agreement 0.982; P 0.890 R 0.211 F1 0.342:
/// both annotators chained every document's rules of civil conduct into one group of 28 articles,
/// since 湛江 holds them all in two long lists, and guize keeps the matters apart). And one more on
/// 5 December 2026, measured on arrival before any change: four 科学技术普及条例 (agreement 0.978;
/// P 0.879 R 0.420 F1 0.569: both annotators chained every document's articles on who organises
/// the work, government, departments, 科协 and mass organisations, into one group of 18).
#[test]
fn newer_dev_families_scores_are_pinned() {
    for (name, links, min) in [
        // With paragraph clusters between documents of one kind (`paras`) and lone articles
        // joined by the meaning of their paragraphs (`matter`), both 5 December 2026: vehicles
        // 0.844 / 0.663 / 0.743, inspection 0.868 / 0.415 / 0.562, volunteer 0.948 / 0.720 /
        // 0.819, waste 0.901 / 0.736 / 0.810, civility 0.878 / 0.240 / 0.377, science (which
        // arrived after both were chosen) 0.875 / 0.451 / 0.595; the others unchanged.
        ("vehicles", 187, (0.84, 0.66, 0.74)),
        ("inspection", 301, (0.865, 0.41, 0.56)),
        ("volunteer", 254, (0.945, 0.71, 0.815)),
        ("budget", 281, (0.81, 0.59, 0.68)),
        ("supply", 302, (0.91, 0.675, 0.78)),
        ("waste", 348, (0.90, 0.73, 0.805)),
        ("greening", 218, (0.91, 0.565, 0.70)),
        ("civility", 421, (0.875, 0.235, 0.37)),
        ("science", 295, (0.87, 0.445, 0.59)),
        // Four 法律援助条例 (agreement 0.895), measured on arrival on 5 December 2026 before the
        // round's `far` was merged, and again after: P 0.855 R 0.549 F1 0.668 both times. In
        // `DEV_FAMILIES` since the next round; no setting before it was chosen with it.
        ("aid", 268, (0.85, 0.545, 0.665)),
        // Four 防震减灾条例 (济南 2011, 河南 2011, 浙江 2017, 重庆 2010; agreement 0.971), annotated
        // blind and measured on arrival on 5 December 2026, before the round's changes were merged:
        // P 0.850 R 0.734 F1 0.788. No setting was chosen with it.
        ("quake", 286, (0.845, 0.73, 0.785)),
        // Four 基本农田保护条例 (北京, 浙江 2018, 河南 2010, 山东 2012; agreement 0.901), annotated
        // blind and measured on arrival on 5 December 2026, before the round's changes were
        // merged: P 0.802 R 0.484 F1 0.604; P 0.785 R 0.495 F1 0.607 once the parser read 河南
        // 第二十二条, run into the line before it. No setting was chosen with it.
        // With penalties joined by the offence their conditions state (`offence.join`, off):
        // P 0.789 R 0.505 F1 0.616.
        ("farm", 192, (0.78, 0.49, 0.60)),
    ] {
        let (gold, corpus) = dev_family(name);
        assert_eq!(corpus.docs.len(), 4, "{name}");
        let s = eval::score(&align(&corpus.docs), gold);
        eprintln!("{name}: {s:?}");
        assert_eq!(s.gold_links, links, "{name}");
        at_least(name, &s, min);
    }
}

#[test]
fn dogs_gold_copy_matches_the_shared_gold() {
    let shared = shared::path("gold/alignment-dev-dogs.json");
    let theirs = std::fs::read_to_string(&shared)
        .unwrap_or_else(|e| panic!("{} is missing: {e}", shared.display()));
    let ours = std::fs::read_to_string(root().join("tests/data/alignment-dev-dogs.json"))
        .expect("gold copy");
    assert_eq!(ours, theirs);
}

/// The dev families besides the five, in the order they arrived (names of [`dev_family`]); the
/// quake and the farm each since the round after its arrival.
const DEV_FAMILIES: [&str; 15] = [
    "dogs",
    "trees",
    "water",
    "vehicles",
    "inspection",
    "volunteer",
    "budget",
    "supply",
    "waste",
    "greening",
    "civility",
    "science",
    "aid",
    "quake",
    "farm",
];

/// The corpus of a dev family built from its gold's `sources`, once per test process.
fn dev_family(name: &'static str) -> &'static (eval::Gold, Corpus) {
    static T: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    static W: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    static V: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    static I: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    static L: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    static B: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    static S: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    static G: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    static N: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    static C: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    static P: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    static A: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    static Q: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    static F: OnceLock<(eval::Gold, Corpus)> = OnceLock::new();
    let (cell, file) = match name {
        "trees" => (&T, "alignment-heldout-trees.json"),
        "water" => (&W, "alignment-heldout-water.json"),
        "vehicles" => (&V, "alignment-dev-vehicles.json"),
        "inspection" => (&I, "alignment-dev-inspection.json"),
        "volunteer" => (&L, "alignment-dev-volunteer.json"),
        "budget" => (&B, "alignment-dev-budget.json"),
        "supply" => (&S, "alignment-dev-supply.json"),
        "waste" => (&G, "alignment-dev-waste.json"),
        "greening" => (&N, "alignment-dev-greening.json"),
        "civility" => (&C, "alignment-dev-civility.json"),
        "science" => (&P, "alignment-dev-science.json"),
        "aid" => (&A, "alignment-dev-aid.json"),
        "quake" => (&Q, "alignment-dev-quake.json"),
        "farm" => (&F, "alignment-dev-farm.json"),
        _ => return dogs(),
    };
    cell.get_or_init(|| {
        let gold = read_gold(file);
        let corpus = gold_corpus(&gold, name);
        (gold, corpus)
    })
}

/// Leave-one-family-out cross-validation over a grid of settings and the sixteen dev families (the
/// five; four cities' 养犬管理条例; the 古树名木保护条例 and 节约用水条例, whose golds are named
/// `heldout` for when they were; four 机动车排气污染防治条例, 教育督导条例, 志愿服务条例,
/// 预算审查监督条例, 城市供水条例, 生活垃圾管理条例, 城市绿化条例, 文明行为促进条例,
/// 科学技术普及条例, 法律援助条例, 防震减灾条例 and 基本农田保护条例). Run with
/// `GRID=grid.json cargo test --release --test align -- --ignored cross_validation --nocapture`
/// where grid.json maps dotted setting names to lists of values
/// (`{"cluster.edge_min": [0.2, 0.25], "calibrate": [true]}`); without GRID a small default grid
/// runs. Prints every setting's per-family precision/recall/F1, then for each family the setting
/// chosen on the other fifteen (best worst-family F1 there; on a tie the earlier setting) and its
/// score on the held-out one.
#[test]
#[ignore]
fn cross_validation() {
    let grid: serde_json::Map<String, serde_json::Value> = match std::env::var("GRID") {
        Ok(path) => {
            let text = std::fs::read_to_string(&path).expect("GRID file");
            serde_json::from_str(&text).expect("GRID is a JSON object of lists")
        }
        Err(_) => serde_json::from_str(r#"{"sequence.on": [false, true]}"#).expect("default grid"),
    };
    let five_docs: Vec<&Regulation> = corpus().docs.iter().collect();
    let mut families: Vec<(&str, Vec<&Regulation>, eval::Gold)> =
        vec![("five", five_docs, dev_gold())];
    for name in DEV_FAMILIES {
        let (gold, corpus) = dev_family(name);
        families.push((name, corpus.docs.iter().collect(), gold.clone()));
    }
    // More dev families outside the repository: EXTRA="name=CORPUS_DIR=GOLD.json;…".
    let extra: Vec<(String, Corpus, eval::Gold)> = std::env::var("EXTRA")
        .unwrap_or_default()
        .split(';')
        .filter(|e| !e.is_empty())
        .map(|e| {
            let mut it = e.splitn(3, '=');
            let (Some(name), Some(dir), Some(gold)) = (it.next(), it.next(), it.next()) else {
                panic!("EXTRA entries are name=DIR=GOLD: {e}");
            };
            let corpus = Corpus::load(&PathBuf::from(dir)).expect("EXTRA corpus loads");
            let text = std::fs::read_to_string(gold).expect("EXTRA gold");
            let gold: eval::Gold = serde_json::from_str(&text).expect("EXTRA gold parses");
            (name.to_string(), corpus, gold)
        })
        .collect();
    for (name, corpus, gold) in &extra {
        families.push((name.as_str(), corpus.docs.iter().collect(), gold.clone()));
    }
    let mut settings = vec![serde_json::to_value(Params::default()).expect("params serialise")];
    for (key, values) in &grid {
        let values = values.as_array().expect("each grid entry is a list");
        settings = settings
            .iter()
            .flat_map(|base| {
                values.iter().map(move |v| {
                    let mut s = base.clone();
                    let mut at = &mut s;
                    for part in key.split('.') {
                        at = at
                            .get_mut(part)
                            .unwrap_or_else(|| panic!("no setting {key}"));
                    }
                    *at = v.clone();
                    s
                })
            })
            .collect();
    }
    let mut rows: Vec<(String, Vec<eval::LinkScore>)> = Vec::new();
    for s in &settings {
        let params: Params = serde_json::from_value(s.clone()).expect("grid values fit");
        let scores: Vec<eval::LinkScore> = families
            .iter()
            .map(|(_, docs, gold)| eval::score(&align_with(docs, &params), gold))
            .collect();
        let name: Vec<String> = grid
            .keys()
            .map(|k| {
                let mut at = s;
                for part in k.split('.') {
                    at = &at[part];
                }
                format!("{k}={at}")
            })
            .collect();
        let name = name.join(" ");
        eprintln!(
            "{name}\t{}",
            scores
                .iter()
                .zip(&families)
                .map(|(x, f)| format!(
                    "{} P {:.3} R {:.3} F1 {:.3}",
                    f.0, x.precision, x.recall, x.f1
                ))
                .collect::<Vec<_>>()
                .join("\t")
        );
        rows.push((name, scores));
    }
    // The worst F1 of a row over the families other than `held` (all of them for `None`).
    let worst = |r: &[eval::LinkScore], held: Option<usize>| {
        r.iter()
            .enumerate()
            .filter(|&(i, _)| Some(i) != held)
            .map(|(_, s)| s.f1)
            .fold(f64::INFINITY, f64::min)
    };
    // The first row of greatest worst-family F1 (the earlier setting wins a tie).
    let choose = |held: Option<usize>| {
        rows.iter()
            .fold(
                None::<&(String, Vec<eval::LinkScore>)>,
                |best, r| match best {
                    Some(b) if worst(&b.1, held) >= worst(&r.1, held) => Some(b),
                    _ => Some(r),
                },
            )
            .expect("a setting")
    };
    for (held, fam) in families.iter().enumerate() {
        let best = choose(Some(held));
        let s = best.1[held];
        eprintln!(
            "held out {}: chosen on the others ({}, worst F1 {:.3} there) -> P {:.3} R {:.3} F1 {:.3}",
            fam.0,
            best.0,
            worst(&best.1, Some(held)),
            s.precision,
            s.recall,
            s.f1
        );
    }
    let joint = choose(None);
    eprintln!(
        "best worst-family F1: {} -> {}",
        joint.0,
        joint
            .1
            .iter()
            .zip(&families)
            .map(|(s, f)| format!("{} {:.3}", f.0, s.f1))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

/// The order step (`Params::sequence`: each pair of a family's documents aligned as sequences,
/// lone articles placed by the alignments) is off by default, as cross-validation over the four
/// dev families did not choose it. On, it is pinned just under its measured figures (five P 0.960
/// R 0.940 F1 0.950; dogs 0.853, 0.758, 0.803; trees 0.792, 0.712, 0.750; water 0.873, 0.717,
/// 0.787), and it only ever joins lone articles to groups: never fewer groups of several documents.
#[test]
fn sequence_alignments_place_lone_articles() {
    let mut on = unfused();
    on.sequence.on = true;
    let five: Vec<&Regulation> = corpus().docs.iter().collect();
    let mut families = vec![("five", five, dev_gold(), (0.955, 0.935, 0.945))];
    for (name, min) in [
        ("dogs", (0.85, 0.75, 0.80)),
        ("trees", (0.79, 0.71, 0.745)),
        ("water", (0.87, 0.71, 0.78)),
    ] {
        let (gold, corpus) = dev_family(name);
        families.push((name, corpus.docs.iter().collect(), gold.clone(), min));
    }
    let mut joined = 0;
    for (name, docs, gold, min) in &families {
        let (off, with) = (align_with(docs, &unfused()), align_with(docs, &on));
        let s = eval::score(&with, gold);
        eprintln!("{name}: {s:?}");
        at_least(name, &s, *min);
        let lone = |al: &Alignment| al.groups.iter().filter(|g| g.members.len() == 1).count();
        assert!(lone(&with) <= lone(&off), "{name}");
        joined += lone(&off) - lone(&with);
    }
    assert!(joined > 0, "no lone article was placed on any family");
}

/// A group's members by document id.
type Members = std::collections::BTreeMap<String, Vec<u32>>;

/// The groups `p` gives `docs`, as member maps.
fn member_sets(docs: &[&Regulation], p: &Params) -> Vec<Members> {
    align_with(docs, p)
        .groups
        .iter()
        .map(|g| {
            g.members
                .iter()
                .map(|(d, ns)| (d.0.to_string(), ns.clone()))
                .collect()
        })
        .collect()
}

/// Asserts that `on` keeps the four dev families at or above their floors (precision, recall,
/// F1), the five first, then the dogs, the trees and the water.
/// The defaults with neighbouring groups never fused (`sibling`, off by default), no lone
/// article joined by the meaning of its paragraphs (`matter`, on) and none joined to a far piece
/// of its matter (`far`, on) and no penalty joined by the offence its conditions state
/// (`offence.join`, off by default): the other steps' tests measure each step over
/// these, as they were measured before `matter`, `far` and `offence`, so that they hold whatever
/// those steps' defaults.
fn unfused() -> Params {
    let mut p = Params::default();
    p.sibling.on = false;
    p.matter.on = false;
    p.far.on = false;
    p.offence.join = false;
    p
}

/// A dev family's link scores aligned with `off` and with `on`.
fn off_and_on(name: &'static str, off: &Params, on: &Params) -> (eval::LinkScore, eval::LinkScore) {
    let (gold, corpus) = dev_family(name);
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    (
        eval::score(&align_with(&docs, off), gold),
        eval::score(&align_with(&docs, on), gold),
    )
}

/// Precision, recall and F1 floors.
type Floors = (f64, f64, f64);

/// A step weighed on dev families: each is aligned with the step `off` and `on`, holds its
/// floors (with the step off only where a floor is given), and the step never lowers its F1.
/// The scores come back for the caller's own checks (which families the step must lift).
fn step_on_families(
    off: &Params,
    on: &Params,
    rows: &[(&'static str, Option<Floors>, Floors)],
) -> Vec<(&'static str, eval::LinkScore, eval::LinkScore)> {
    rows.iter()
        .map(|&(name, floor_off, floor_on)| {
            let (without, with) = off_and_on(name, off, on);
            eprintln!("{name}: off {without:?}, on {with:?}");
            if let Some(floor) = floor_off {
                at_least(name, &without, floor);
            }
            at_least(name, &with, floor_on);
            assert!(with.f1 >= without.f1, "{name}: the step lowered the family");
            (name, without, with)
        })
        .collect()
}

/// Every family the step is weighed on is lifted by it, not only kept.
fn lifts_each(scores: &[(&'static str, eval::LinkScore, eval::LinkScore)]) {
    for (name, without, with) in scores {
        assert!(
            with.f1 > without.f1,
            "{name}: the step did not lift the family"
        );
    }
}

fn pinned_on_dev_families(step: &str, on: &Params, floors: [(f64, f64, f64); 4]) {
    let five: Vec<&Regulation> = corpus().docs.iter().collect();
    let mut families = vec![("five", five, dev_gold(), floors[0])];
    for (name, min) in ["dogs", "trees", "water"].into_iter().zip(&floors[1..]) {
        let (gold, corpus) = dev_family(name);
        families.push((name, corpus.docs.iter().collect(), gold.clone(), *min));
    }
    for (name, docs, gold, min) in &families {
        let s = eval::score(&align_with(docs, on), gold);
        eprintln!("{name} with {step}: {s:?}");
        at_least(name, &s, *min);
    }
}

/// The consensus step (`Params::fuse`: a lone article joins the group of a neighbouring article
/// of its own document when its best matches in most of that group's other documents lie in the
/// group) is off by default, as cross-validation over the four dev families did not keep it. On
/// (before the penalties are regrouped), it is pinned just under its measured figures (five P
/// 0.963 R 0.940 F1 0.951; dogs 0.900, 0.765, 0.827; trees 0.792, 0.712, 0.750; water 0.877,
/// 0.707, 0.783). And it only ever moves a lone article into a group holding an article of its
/// document at most two positions away: on the trees (penalty regrouping off, so that the step
/// is the last), every other group is unchanged and at least one article moves.
#[test]
fn fuse_joins_lone_articles_to_a_neighbours_group() {
    let mut on = unfused();
    on.fuse.on = true;
    pinned_on_dev_families(
        "fuse",
        &on,
        [
            (0.955, 0.935, 0.945),
            (0.895, 0.76, 0.82),
            (0.785, 0.705, 0.745),
            (0.87, 0.70, 0.78),
        ],
    );

    let (_, corpus) = dev_family("trees");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let off = Params {
        penalty_by_provision: false,
        ..unfused()
    };
    let mut on = off;
    on.fuse.on = true;
    let before = member_sets(&docs, &off);
    let after = member_sets(&docs, &on);
    let lone: Vec<(String, u32)> = before
        .iter()
        .filter_map(|g| match g.iter().next() {
            Some((d, ns)) if g.len() == 1 && ns.len() == 1 => Some((d.clone(), ns[0])),
            _ => None,
        })
        .collect();
    let mut moved = 0;
    for g in &after {
        if before.contains(g) {
            continue;
        }
        // The group of before that it grew from: every member of it is in `g`.
        let base = before
            .iter()
            .filter(|b| b.values().map(Vec::len).sum::<usize>() > 1)
            .find(|b| {
                b.iter()
                    .all(|(d, ns)| ns.iter().all(|n| g.get(d).is_some_and(|m| m.contains(n))))
            })
            .unwrap_or_else(|| panic!("{g:?} grew from no group"));
        for (d, ns) in g {
            for n in ns {
                if base.get(d).is_some_and(|m| m.contains(n)) {
                    continue;
                }
                assert!(lone.contains(&(d.clone(), *n)), "{d} {n} was not alone");
                let near = base
                    .get(d)
                    .is_some_and(|m| m.iter().any(|k| k.abs_diff(*n) <= 2));
                assert!(
                    near,
                    "{d} {n} joined {base:?} far from its document's members"
                );
                moved += 1;
            }
        }
    }
    assert!(moved >= 1, "no lone article moved on the trees");
    let count = |gs: &[Members]| -> usize {
        gs.iter()
            .map(|g| g.values().map(Vec::len).sum::<usize>())
            .sum()
    };
    assert_eq!(count(&before), count(&after));
    assert_eq!(after.len() + moved, before.len());
}

/// The twins step (`Params::twins`: a lone article joins the group of its mutual best match in
/// another document when both lead their runners-up by half their score) is on by default. Off,
/// every dev family keeps its floors; on the trees it only ever moves lone articles, each into the
/// group holding its mutual best match, with its document's members there within three positions,
/// and at least one moves (第二十九条 of two 古树名木 regulations, both on 赔偿责任).
#[test]
fn twins_join_lone_articles_to_their_mutual_best_match() {
    let mut off = unfused();
    off.twins.on = false;
    pinned_on_dev_families(
        "twins off",
        &off,
        [
            (0.955, 0.935, 0.945),
            (0.91, 0.75, 0.82),
            (0.83, 0.70, 0.76),
            (0.89, 0.70, 0.78),
        ],
    );
    let (_, corpus) = dev_family("trees");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let before = member_sets(&docs, &off);
    let after = member_sets(&docs, &unfused());
    let lone: Vec<(String, u32)> = before
        .iter()
        .filter_map(|g| match g.iter().next() {
            Some((d, ns)) if g.len() == 1 && ns.len() == 1 => Some((d.clone(), ns[0])),
            _ => None,
        })
        .collect();
    let mut moved = 0;
    for g in after.iter().filter(|g| !before.contains(g)) {
        // What it grew from: the largest group of before whose members are all in `g`.
        let base = before
            .iter()
            .filter(|b| {
                b.iter()
                    .all(|(d, ns)| ns.iter().all(|n| g.get(d).is_some_and(|m| m.contains(n))))
            })
            .max_by_key(|b| b.values().map(Vec::len).sum::<usize>())
            .unwrap_or_else(|| panic!("{g:?} grew from no group"));
        for (d, ns) in g {
            for n in ns {
                if base.get(d).is_some_and(|m| m.contains(n)) {
                    continue;
                }
                assert!(lone.contains(&(d.clone(), *n)), "{d} {n} was not alone");
                let own: Vec<u32> = g[d].clone();
                let span = own.iter().max().unwrap_or(n) - own.iter().min().unwrap_or(n);
                assert!(
                    span <= 3,
                    "{d} {n} joined {g:?} far from its document's members"
                );
                moved += 1;
            }
        }
    }
    assert!(moved >= 1, "no lone article moved on the trees");
    let count = |gs: &[Members]| -> usize {
        gs.iter()
            .map(|g| g.values().map(Vec::len).sum::<usize>())
            .sum()
    };
    assert_eq!(count(&before), count(&after));
    assert_eq!(after.len() + moved, before.len());
}

/// Second-order evidence through third documents (`Params::transit`: a pair's paths through an
/// article of a third document mixed into its score, and the counter-evidence of best matches
/// there that disagree) is off by default: it ranks the gold counterparts first more often on
/// every dev family, yet no setting raised the F1 of any family but by a link or two, and every
/// one lowered the five's (docs/alignment-rejected.md). With the counter-evidence alone at 1.0 in
/// the ranking only, it is pinned just under its measured figures (five P 0.943 R 0.906 F1 0.924;
/// dogs 0.904, 0.739, 0.813; trees 0.845, 0.706, 0.769; water 0.854, 0.707, 0.774).
#[test]
fn transit_evidence_is_off_and_pinned_when_on() {
    assert_eq!(unfused().transit.weight, 0.0);
    assert_eq!(unfused().transit.against, 0.0);
    let mut on = unfused();
    on.transit.against = 1.0;
    on.transit.rank_only = true;
    pinned_on_dev_families(
        "transit",
        &on,
        [
            (0.94, 0.90, 0.92),
            (0.90, 0.735, 0.81),
            (0.84, 0.70, 0.765),
            (0.85, 0.70, 0.77),
        ],
    );
}

/// Penalty groups refined by the conducts they punish (`Params::conduct`: a penalty group split
/// by wording where two documents or more write its conducts in separate articles, and a lone
/// penalty joined to the penalty group whose other documents punish the same provision groups)
/// is off by default: each half moves one dev family only (the split the trees, the join the
/// dogs), so the leave-one-family-out choice keeps it off. On, it is pinned just under its
/// measured figures (five P 0.963 R 0.940 F1 0.951; dogs 0.915, 0.771, 0.837; trees 0.907,
/// 0.718, 0.801; water 0.901, 0.712, 0.795). On the trees the split only cuts groups: every
/// group it changes is part of one group without it and spans two documents or more, and at
/// least one group is cut; on the dogs the join only moves lone penalties.
#[test]
fn conduct_refines_penalty_groups() {
    let mut on = unfused();
    on.conduct.split = true;
    on.conduct.join = true;
    pinned_on_dev_families(
        "conduct",
        &on,
        [
            (0.96, 0.935, 0.95),
            (0.91, 0.765, 0.83),
            (0.90, 0.71, 0.795),
            (0.89, 0.70, 0.79),
        ],
    );
    let (_, corpus) = dev_family("trees");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let before = member_sets(&docs, &unfused());
    let mut split = unfused();
    split.conduct.split = true;
    let after = member_sets(&docs, &split);
    let changed: Vec<&Members> = after.iter().filter(|g| !before.contains(g)).collect();
    assert!(changed.len() >= 2, "no penalty group split on the trees");
    for g in &changed {
        assert!(g.len() >= 2, "{g:?} is a piece of one document");
        assert!(
            before.iter().any(|b| g
                .iter()
                .all(|(d, ns)| ns.iter().all(|n| b.get(d).is_some_and(|m| m.contains(n))))),
            "{g:?} is not part of one group without the split"
        );
    }
    let (_, corpus) = dev_family("dogs");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let before = member_sets(&docs, &unfused());
    let mut join = unfused();
    join.conduct.join = true;
    let after = member_sets(&docs, &join);
    let lone: Vec<&Members> = before.iter().filter(|g| g.len() == 1).collect();
    let mut moved = 0;
    for g in after.iter().filter(|g| !before.contains(g)) {
        let base = before
            .iter()
            .filter(|b| b.len() > 1)
            .find(|b| {
                b.iter()
                    .all(|(d, ns)| ns.iter().all(|n| g.get(d).is_some_and(|m| m.contains(n))))
            })
            .unwrap_or_else(|| panic!("{g:?} grew from no group"));
        for (d, ns) in g {
            for n in ns {
                if !base.get(d).is_some_and(|m| m.contains(n)) {
                    assert!(
                        lone.iter().any(|l| l.get(d).is_some_and(|m| m.contains(n))),
                        "{d} {n} was not alone"
                    );
                    moved += 1;
                }
            }
        }
    }
    assert!(moved >= 1, "no lone penalty moved on the dogs");
}

/// The re-choice step (`Params::choice`: a member of a group of three or more documents that lies
/// far from the place the other members give it is swapped for a better placed article of its
/// document) is off by default: cross-validation over the four dev families did not keep it, and
/// it takes the five under its floor. On (defaults of `ChoiceParams`), it is pinned just under its
/// measured figures (five P 0.962 R 0.937 F1 0.950; dogs 0.906, 0.758, 0.826; trees 0.809, 0.718,
/// 0.760; water 0.907, 0.712, 0.798). A swap adds no document to a group: every group of the
/// water with the step on either is a lone article or holds only documents of one group
/// without it, and at least one group changes.
#[test]
fn choice_swaps_out_of_place_members() {
    let mut on = unfused();
    on.choice.on = true;
    pinned_on_dev_families(
        "choice",
        &on,
        [
            (0.955, 0.93, 0.945),
            (0.90, 0.75, 0.82),
            (0.80, 0.71, 0.755),
            (0.90, 0.705, 0.79),
        ],
    );

    let (_, corpus) = dev_family("water");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let before = member_sets(&docs, &unfused());
    let after = member_sets(&docs, &on);
    let doc_sets: Vec<Vec<&String>> = before.iter().map(|g| g.keys().collect()).collect();
    let mut changed = 0;
    for g in &after {
        if before.contains(g) {
            continue;
        }
        changed += 1;
        let lone = g.values().map(Vec::len).sum::<usize>() == 1;
        let keys: Vec<&String> = g.keys().collect();
        let within = doc_sets.iter().any(|d| keys.iter().all(|k| d.contains(k)));
        assert!(lone || within, "{g:?}");
    }
    assert!(changed > 0, "no member was swapped on the water");
}

/// The meaning term (word vectors learned from lawrefbook) is what lifts both families: without
/// it, each scores lower F1 on its gold than with the default weight.
#[test]
fn meaning_evidence_lifts_both_families() {
    let mut off = unfused();
    off.sim.meaning = 0.0;
    let five_docs: Vec<&Regulation> = corpus().docs.iter().collect();
    let (dog_gold, dog_corpus) = dogs();
    let dog_docs: Vec<&Regulation> = dog_corpus.docs.iter().collect();
    let gold = dev_gold();
    let with = eval::score(alignment(), &gold);
    let without = eval::score(&align_with(&five_docs, &off), &gold);
    assert!(
        with.f1 > without.f1 + 0.005,
        "five {:.3} vs {:.3}",
        with.f1,
        without.f1
    );
    let with = eval::score(&align_with(&dog_docs, &unfused()), dog_gold);
    let without = eval::score(&align_with(&dog_docs, &off), dog_gold);
    assert!(
        with.f1 > without.f1 + 0.005,
        "dogs {:.3} vs {:.3}",
        with.f1,
        without.f1
    );
}

/// Penalties regrouped by the provision they punish (cited by number or described by its
/// conduct) rather than by their shared formula: dogs gains clearly, the five (whose penalties
/// are few) do not lose.
#[test]
fn penalties_follow_the_provision_they_punish() {
    let off = Params {
        penalty_by_provision: false,
        xref_implied: 2.0,
        ..unfused()
    };
    let (dog_gold, dog_corpus) = dogs();
    let dog_docs: Vec<&Regulation> = dog_corpus.docs.iter().collect();
    let with = eval::score(&align_with(&dog_docs, &unfused()), dog_gold);
    let without = eval::score(&align_with(&dog_docs, &off), dog_gold);
    assert!(
        with.f1 > without.f1 + 0.03 && with.precision > without.precision,
        "dogs {:.3} (P {:.3}) vs {:.3} (P {:.3})",
        with.f1,
        with.precision,
        without.f1,
        without.precision
    );
    let five_docs: Vec<&Regulation> = corpus().docs.iter().collect();
    let gold = dev_gold();
    let five_off = eval::score(&align_with(&five_docs, &off), &gold);
    assert!(eval::score(alignment(), &gold).f1 >= five_off.f1);
}

/// The grouping's thresholds chosen per corpus by the cohesion of each result over the null
/// (`Params::select`: the corpus grouped under a ladder of shifts of `edge_min`, `link_min`,
/// `split_min` and `vote_min`, the result whose member pairs lie furthest above the corpus's null
/// kept) is off by default: with the criterion chosen per fold a dev family falls by more than
/// 0.01, and it aligns the corpus nine times. On, the five and the dogs keep the defaults (F1 0.951 and 0.829, every group as
/// before), while the quake family takes the most conservative rung, +0.06 (P 0.850 R 0.734 F1
/// 0.788 → P 0.910 R 0.811 F1 0.858), exactly what those thresholds give it.
#[test]
fn select_chooses_the_thresholds_per_corpus_when_on() {
    assert!(!Params::default().select.on);
    let mut on = Params::default();
    on.select.on = true;
    let five: Vec<&Regulation> = corpus().docs.iter().collect();
    let five_on = align_with(&five, &on);
    assert_eq!(
        member_sets(&five, &on),
        member_sets(&five, &Params::default())
    );
    at_least(
        "five with select",
        &eval::score(&five_on, &dev_gold()),
        (0.96, 0.935, 0.95),
    );
    let (gold, corpus) = dogs();
    let dogs: Vec<&Regulation> = corpus.docs.iter().collect();
    let s = eval::score(&align_with(&dogs, &on), gold);
    at_least("dogs with select", &s, DOGS_MIN);
    let (gold, corpus) = dev_family("quake");
    let quake: Vec<&Regulation> = corpus.docs.iter().collect();
    let off = eval::score(&align_with(&quake, &Params::default()), gold);
    let chosen = eval::score(&align_with(&quake, &on), gold);
    let mut strict = Params::default();
    for t in [
        &mut strict.cluster.edge_min,
        &mut strict.cluster.link_min,
        &mut strict.cluster.split_min,
        &mut strict.cluster.vote_min,
    ] {
        *t += 0.06;
    }
    let conservative = eval::score(&align_with(&quake, &strict), gold);
    eprintln!("quake: off {off:?}, with select {chosen:?}");
    assert_eq!(
        (chosen.precision, chosen.recall),
        (conservative.precision, conservative.recall)
    );
    at_least("quake with select", &chosen, (0.905, 0.805, 0.855));
    assert!(
        chosen.f1 > off.f1 + 0.05,
        "quake {:.3} → {:.3}",
        off.f1,
        chosen.f1
    );
}

/// The lowest precision, recall and F1 the dogs family may score (pinned from the measured figures).
const DOGS_MIN: (f64, f64, f64) = (0.91, 0.75, 0.82);

/// The pinned dev score: a change that lowers it fails here instead of passing unnoticed.
#[test]
fn dev_gold_score_is_pinned() {
    let s = eval::score(alignment(), &dev_gold());
    eprintln!("{s:?}");
    assert_eq!(s.gold_links, 383);
    assert!(s.precision >= 0.96, "precision {:.3}", s.precision);
    assert!(s.recall >= 0.935, "recall {:.3}", s.recall);
    assert!(s.f1 >= 0.95, "F1 {:.3}", s.f1);
}

/// The later part of the five (every article outside `alignment-dev.json`: meetings, documents,
/// information, supervision, discipline, conduct), annotated blind by two annotators who read the
/// texts only (agreement F1 0.968, kept where both agree; `tests/data/annotations/`): held out
/// from every choice of the aligner. Measured once on the aligner of 2 December 2026 before this
/// round's changes were merged: P 0.924 R 0.697 F1 0.795 (the discipline and document-submission
/// matters are single broad articles in one document and four to six articles in another, so
/// their groups carry most links), pinned just under.
#[test]
fn held_out_part_of_the_five_is_pinned() {
    let gold = read_gold("alignment-heldout-five.json");
    let s = eval::score(alignment(), &gold);
    eprintln!("five, later part: {s:?}");
    assert_eq!(s.gold_links, 575);
    // 0.940 / 0.757 / 0.838 since the corpus's own translation table (`sim.bridge`); 0.936 /
    // 0.788 / 0.856 with far pieces of one matter joined (`far`), measured once after the choice.
    assert!(s.precision >= 0.93, "precision {:.3}", s.precision);
    assert!(s.recall >= 0.78, "recall {:.3}", s.recall);
    assert!(s.f1 >= 0.85, "F1 {:.3}", s.f1);
}

#[test]
fn gold_copy_matches_the_shared_gold() {
    let shared = shared::path("gold/alignment-dev.json");
    let theirs = std::fs::read_to_string(&shared)
        .unwrap_or_else(|e| panic!("{} is missing: {e}", shared.display()));
    let ours =
        std::fs::read_to_string(root().join("tests/data/alignment-dev.json")).expect("gold copy");
    assert_eq!(ours, theirs);
}

#[test]
fn every_article_is_in_exactly_one_group() {
    let a = alignment();
    for doc in &corpus().docs {
        for art in &doc.articles {
            let n = a
                .groups
                .iter()
                .filter(|g| {
                    g.members
                        .get(&doc.id)
                        .is_some_and(|ns| ns.contains(&art.number))
                })
                .count();
            assert_eq!(n, 1, "{} {}", doc.id, art.number);
        }
    }
    let total: usize = a
        .groups
        .iter()
        .flat_map(|g| g.members.values())
        .map(Vec::len)
        .sum();
    assert_eq!(total, 441);
    let mut ids: Vec<&str> = a.groups.iter().map(|g| g.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), a.groups.len(), "group ids are unique");
}

/// Every group of several documents links each member to a counterpart, and the links name
/// members of the group only; matched paragraphs exist where the wording is shared.
#[test]
fn links_connect_the_members_of_each_group() {
    let mut with_paragraphs = 0;
    for g in &alignment().groups {
        for l in &g.links {
            for end in [&l.a, &l.b] {
                assert!(
                    g.members
                        .get(&end.doc)
                        .is_some_and(|ns| ns.contains(&end.article)),
                    "{} {:?}",
                    g.id,
                    end
                );
            }
            with_paragraphs += usize::from(!l.paragraphs.is_empty());
        }
        let linked: std::collections::BTreeSet<_> = g
            .links
            .iter()
            .flat_map(|l| [(&l.a.doc, l.a.article), (&l.b.doc, l.b.article)])
            .collect();
        if g.doc_count() > 1 {
            let members: usize = g.members.values().map(Vec::len).sum();
            assert_eq!(linked.len(), members, "{}: every member is linked", g.id);
        } else {
            assert!(g.links.is_empty());
        }
    }
    assert!(
        with_paragraphs > 100,
        "{with_paragraphs} links with paragraph pairs"
    );
}

#[test]
fn alignment_is_deterministic() {
    let again = align(&corpus().docs);
    let key = |a: &Alignment| {
        a.groups
            .iter()
            .map(|g| (g.id.clone(), g.label.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(alignment()), key(&again));
}

#[test]
fn groups_follow_the_first_documents_reading_order() {
    let lixia = &corpus().docs[0].id;
    let order: Vec<u32> = alignment()
        .groups
        .iter()
        .filter_map(|g| g.members.get(lixia).map(|ns| ns[0]))
        .collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(order, sorted);
}

fn guize() -> Command {
    let mut cmd = Command::cargo_bin("guize").expect("binary");
    cmd.arg("--corpus")
        .arg(root().join("corpus"))
        .env("NO_COLOR", "1")
        .env_remove("GUIZE_CORPUS");
    cmd
}

#[test]
fn align_json_has_the_documented_shape() {
    let out = guize()
        .args(["align", "--json", "--doc", "历下", "--doc", "shizhong"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["docs"], serde_json::json!(["lixia", "shizhong"]));
    let groups = v["groups"].as_array().expect("groups");
    let articles: usize = groups
        .iter()
        .map(|g| {
            assert!(g["id"].as_str().is_some_and(|s| s.starts_with('g')));
            assert!(g["label"].is_string());
            assert!(
                g["score"]
                    .as_f64()
                    .is_some_and(|s| (0.0..=1.0).contains(&s))
            );
            for link in g["links"].as_array().expect("links") {
                assert_ne!(link["a"]["doc"], link["b"]["doc"]);
                for k in ["similarity", "coverage_a", "coverage_b"] {
                    assert!(
                        link[k].as_f64().is_some_and(|v| (0.0..=1.0).contains(&v)),
                        "{k}"
                    );
                }
                assert!(link["paragraphs"].is_array());
            }
            g["members"]
                .as_object()
                .expect("members")
                .values()
                .map(|ns| ns.as_array().map_or(0, Vec::len))
                .sum::<usize>()
        })
        .sum();
    assert_eq!(articles, 78 + 95);
}

#[test]
fn align_table_and_coverage_on_the_terminal() {
    let out = guize().arg("align").output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let header = text.lines().next().expect("header");
    for id in [
        "lixia", "shizhong", "yanzhou", "zhoucun", "huancui", "label",
    ] {
        assert!(header.contains(id), "{header}");
    }
    assert!(text.contains("groups shared by each pair of documents"));
    assert!(text.contains("matters only one document has"));
    assert!(!text.contains('\u{1b}'), "no colour when NO_COLOR is set");
}

#[test]
fn eval_align_prints_the_scores_and_rejects_a_bad_gold_file() {
    guize()
        .args(["eval", "align", "--gold"])
        .arg(root().join("tests/data/alignment-dev.json"))
        .assert()
        .success()
        .stdout(predicates::str::contains("links: gold 383"));
    guize()
        .args(["eval", "align", "--gold"])
        .arg(root().join("tests/data/alignment-dev-dogs.json"))
        .assert()
        .failure()
        .stderr(predicates::str::contains("gold document `heze` of"))
        .stderr(predicates::str::contains("菏泽市养犬管理条例"));
    guize()
        .args(["eval", "align", "--gold", "Cargo.toml"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("not an alignment gold file"));
    guize()
        .args(["align", "--doc", "nowhere"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("lixia"));
}

/// The same document named twice (by two of its names) is one document, and one document is
/// nothing to align: refused with what to do, not a table of lone articles scoring 0.
#[test]
fn align_of_one_document_named_twice_is_refused() {
    for args in [
        &["align", "--doc", "历下", "--doc", "lixia"][..],
        &["align", "--json", "--doc", "历下"][..],
    ] {
        let out = guize().args(args).output().expect("runs");
        assert!(!out.status.success(), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing printed");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("one document, lixia"), "{err}");
        assert!(err.contains("add a --doc naming another"), "{err}");
    }
    let out = guize()
        .args(["align", "--doc", "历下", "--doc", "lixia"])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--doc 历下 and --doc lixia both name"),
        "{err}"
    );
}

/// The association table of `crate::assoc` (`corpus/assoc.tsv`, mined by
/// `examples/mine_assoc.rs` from lawrefbook's families): the shipped file decodes, is the size the
/// mining wrote, and holds associations a drafter would recognise, symmetric both ways.
#[test]
fn association_table_loads_and_holds_drafting_pairs() {
    use guize::assoc::Associations;
    let table = Associations::try_builtin().expect("the shipped association table decodes");
    assert!(table.len() > 50_000, "{} pairs", table.len());
    assert_eq!(Associations::builtin().len(), table.len());
    // A permit's term of validity is drafted as 有效期 in one regulation and 期满 in another.
    let w = table.get("有效期", "期满").expect("有效期 ~ 期满");
    assert_eq!(table.get("期满", "有效期"), Some(w));
    assert!(w > 0.3 && w <= 1.0, "{w}");
    assert!(table.associated("有效期").any(|(v, _)| v == "期满"));
    // Unrelated words of different matters are not associated.
    assert_eq!(table.get("有效期", "绿地"), None);
}

fn assoc_text() -> String {
    guize::assoc::Associations::to_text(&[
        ("犬尸".into(), "尸体".into(), 0.8),
        ("收容".into(), "收留所".into(), 0.5),
    ])
    .expect("valid pairs")
}

#[test]
fn association_table_reads_what_it_writes_both_ways() {
    let t = guize::assoc::Associations::from_bytes(assoc_text().as_bytes()).expect("reads");
    assert_eq!(t.len(), 2);
    assert_eq!(t.get("尸体", "犬尸"), Some(0.8));
    assert_eq!(t.get("犬尸", "尸体"), Some(0.8));
    assert_eq!(t.get("犬尸", "收容"), None);
    assert_eq!(
        t.associated("收留所").collect::<Vec<_>>(),
        vec![("收容", 0.5)]
    );
    assert_eq!(t.associated("无此词").count(), 0);
}

#[test]
fn association_table_cut_or_malformed_is_an_error_not_a_panic() {
    use guize::assoc::Associations;
    let text = assoc_text();
    for end in 0..text.len() {
        let cut = &text.as_bytes()[..end];
        assert!(
            Associations::from_bytes(cut).is_err(),
            "cut at {end} was read"
        );
    }
    let bad = [
        "guize-assoc\t2\n0\n",
        "guize-assoc\t1\nx\n",
        "guize-assoc\t1\n1\na\tb\n",
        "guize-assoc\t1\n1\na\ta\t0.5\n",
        "guize-assoc\t1\n1\na\tb\t1.5\n",
        "guize-assoc\t1\n1\na\tb\tNaN\n",
        "guize-assoc\t1\n2\na\tb\t0.5\nb\ta\t0.5\n",
        "guize-assoc\t1\n1\na\tb\t0.5\nc\td\t0.5\n",
        "guize-assoc\t1\n1\na b\tc\t0.5\n",
    ];
    for text in bad {
        let err = Associations::from_bytes(text.as_bytes()).expect_err(text);
        assert!(err.to_string().contains("association table"), "{err}");
    }
    let not_utf8 = Associations::from_bytes(&[0xff, b'\n']).expect_err("not UTF-8");
    assert!(not_utf8.to_string().contains("UTF-8"), "{not_utf8}");
    assert!(Associations::to_text(&[("a".into(), "b".into(), 0.0)]).is_err());
}

/// The corpus's own translation table (`SimWeights::bridge`, `src/align/bridge.rs`) is on by
/// default (leave-one-family-out over the four dev families chooses it in every fold): on the
/// water family it turns 3 false links out and 3 true ones in, off it falls back.
#[test]
fn bridged_term_is_on_and_lifts_the_water() {
    assert!(unfused().sim.bridge > 0.0);
    let gold = read_gold("alignment-heldout-water.json");
    let corpus = gold_corpus(&gold, "water");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let on = eval::score(&align_with(&docs, &unfused()), &gold);
    let mut params = unfused();
    params.sim.bridge = 0.0;
    let off = eval::score(&align_with(&docs, &params), &gold);
    assert!(on.f1 >= off.f1 + 0.01, "on {on:?}, off {off:?}");
    assert!(on.precision >= off.precision, "on {on:?}, off {off:?}");
}

/// The association term (`SimWeights::assoc`) is off by default: leave-one-family-out over the
/// four dev families does not choose it (docs/alignment-rejected.md, "What was tried"). On, it
/// still scores every dev family and keeps the dogs where they are.
#[test]
fn association_term_is_off_and_runs_when_on() {
    assert_eq!(unfused().sim.assoc, 0.0);
    let (gold, corpus) = dogs();
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let mut params = unfused();
    // Measured beside the plain similarity, without the family's own table.
    params.sim.bridge = 0.0;
    params.sim.assoc = 0.1;
    let s = eval::score(&align_with(&docs, &params), gold);
    assert!(
        s.f1 >= 0.82 && s.precision >= 0.9,
        "dogs with the association term: {s:?}"
    );
}

/// The re-learning step (`Params::retrain`: after the first grouping, the translation table
/// re-learned from the groups' pairs and/or the words weighted by their concentration in the
/// groups, the candidates scored and grouped again) is off by default, as cross-validation over
/// the four dev families did not keep it (docs/alignment-rejected.md). On (one round, the
/// specific-word term replacing 0.1 of the word cosine, power 0.5, the table kept), the best
/// setting of its grid is pinned just under its measured figures (five P 0.962 R 0.930 F1 0.946;
/// dogs 0.913, 0.758, 0.829; trees 0.837, 0.723, 0.776; water 0.901, 0.712, 0.795).
#[test]
fn retrain_rescores_after_the_first_grouping() {
    assert_eq!(unfused().retrain.rounds, 0);
    let on = Params::overridden(
        r#"{"retrain.rounds": 1, "retrain.table": false, "retrain.specific": 0.1,
            "retrain.power": 0.5, "retrain.replace": true, "sibling.on": false,
            "far.on": false, "offence.join": false}"#,
    )
    .expect("retrain settings");
    // Measured before penalties were joined by their offences (`offence.join`, off; with it
    // the trees' precision is 0.821).
    pinned_on_dev_families(
        "retrain",
        &on,
        [
            (0.955, 0.925, 0.94),
            (0.91, 0.75, 0.82),
            (0.83, 0.72, 0.77),
            (0.89, 0.70, 0.79),
        ],
    );
}

/// The translation table learned across lawrefbook's families (`corpus/bridge.tsv`, mined by
/// `examples/mine_assoc.rs --bridge` from families that hold no alignment gold) decodes, stays
/// small, and holds drafting equivalents of families nobody annotated: the two spellings of 账册
/// and 初中 for 初级中学, each way; no word translates to itself, and the dogs' own word 犬尸 is
/// not in it (the gold families were left out).
#[test]
fn global_translation_table_loads_and_holds_drafting_equivalents() {
    use guize::align::bridge::{GLOBAL_BYTES, GlobalTable};
    assert!(GLOBAL_BYTES.len() < 300_000, "{} bytes", GLOBAL_BYTES.len());
    let start = std::time::Instant::now();
    let table = GlobalTable::from_bytes(GLOBAL_BYTES).expect("the shipped table decodes");
    eprintln!("decoded {} pairs in {:?}", table.len(), start.elapsed());
    assert!(
        (1_000..20_000).contains(&table.len()),
        "{} pairs",
        table.len()
    );
    assert_eq!(GlobalTable::builtin().len(), table.len());
    let holds = |u: &str, v: &str| table.partners(u).iter().any(|(w, _)| &**w == v);
    for (u, v) in [("帐册", "账册"), ("初中", "初级中学"), ("制止", "劝阻")] {
        assert!(holds(u, v) && holds(v, u), "{u} ~ {v}");
    }
    assert!(table.partners("犬尸").is_empty());
    assert!(!holds("帐册", "初中"));
    for w in ["帐册", "初中", "制止"] {
        let ps = table.partners(w);
        assert!(ps.iter().all(|(v, p)| &**v != w && *p > 0.0 && *p <= 1.0));
        assert!(
            ps.windows(2).all(|p| p[0].1 >= p[1].1),
            "{w}: strongest first"
        );
    }
}

#[test]
fn global_translation_table_cut_or_malformed_is_an_error_not_a_panic() {
    use guize::align::bridge::GlobalTable;
    let text = GlobalTable::to_text(&[
        ("帐册".into(), "账册".into(), 0.067),
        ("账册".into(), "帐册".into(), 0.113),
    ])
    .expect("valid pairs");
    let t = GlobalTable::from_bytes(text.as_bytes()).expect("reads what it writes");
    assert_eq!(t.len(), 2);
    assert_eq!(t.partners("账册").len(), 1);
    for end in 0..text.len() {
        let cut = &text.as_bytes()[..end];
        assert!(
            GlobalTable::from_bytes(cut).is_err(),
            "cut at {end} was read"
        );
    }
    for bad in [
        "guize-bridge\t2\n0\n",
        "guize-bridge\t1\nx\n",
        "guize-bridge\t1\n1\na\tb\n",
        "guize-bridge\t1\n1\na\ta\t0.5\n",
        "guize-bridge\t1\n1\na\tb\t1.5\n",
        "guize-bridge\t1\n1\na\tb\tNaN\n",
        "guize-bridge\t1\n1\na\tb\t0.5\nc\td\t0.5\n",
        "guize-bridge\t1\n1\na b\tc\t0.5\n",
    ] {
        let err = GlobalTable::from_bytes(bad.as_bytes()).expect_err(bad);
        assert!(err.to_string().contains("translation table"), "{err}");
    }
    assert!(GlobalTable::from_bytes(&[0xff, b'\n']).is_err());
    assert!(GlobalTable::to_text(&[("a".into(), "a".into(), 0.5)]).is_err());
}

/// The global table's two uses (`SimWeights::global_bridge`: added to the family's own table;
/// `SimWeights::global_term`: a pair term of its own) are off by default: leave-one-family-out
/// over the four dev families chooses neither (docs/alignment-rejected.md, "A translation table
/// learned across lawrefbook's families"). On at the weights that leave every dev family as it is,
/// they are pinned just under those figures (five 0.963 / 0.940 / 0.951, dogs 0.913 / 0.758 /
/// 0.829, trees 0.841 / 0.718 / 0.774, water 0.901 / 0.712 / 0.795).
#[test]
fn global_translation_table_is_off_and_pinned_when_on() {
    assert_eq!(unfused().sim.global_bridge, 0.0);
    assert_eq!(unfused().sim.global_term, 0.0);
    let mut on = unfused();
    on.sim.global_bridge = 0.1;
    on.sim.global_term = 0.05;
    pinned_on_dev_families(
        "the global table",
        &on,
        [
            (0.96, 0.935, 0.95),
            (0.91, 0.75, 0.825),
            (0.835, 0.71, 0.77),
            (0.895, 0.705, 0.79),
        ],
    );
}

/// Competitive linking (`cluster.compete_z`: per pair of documents, candidate pairs taken
/// strongest first while neither article is linked in that pair, as edges beside the mutual best
/// matches) is off by default: the links it adds are mostly an article whose matter the other
/// document does not hold, matched to the best article left free, and no setting keeps the five
/// (docs/alignment-rejected.md). The raw source (z 3, no margin, no order check) adds gold links
/// on the trees (recall 0.718 → 0.746) but costs the five and the dogs most (five P 0.901 R 0.922
/// F1 0.911; dogs 0.813, 0.654, 0.725; trees 0.810, 0.746, 0.776; water 0.891, 0.728, 0.801); the
/// setting the cross-validation chose on three folds (z 2, a lead of 0.2 over the runner-up left
/// free, crossing no other link of the pair) is pinned just under its figures (five 0.933, 0.950,
/// 0.942; dogs 0.913, 0.758, 0.829; trees 0.850, 0.734, 0.788; water 0.901, 0.712, 0.795).
#[test]
fn competitive_linking_is_off_and_pinned_when_on() {
    let defaults = unfused();
    assert!(defaults.cluster.compete_z >= 100.0);
    let mut raw = unfused();
    raw.cluster.compete_z = 3.0;
    pinned_on_dev_families(
        "competitive links",
        &raw,
        [
            (0.895, 0.915, 0.905),
            (0.805, 0.65, 0.72),
            (0.805, 0.74, 0.77),
            (0.885, 0.72, 0.795),
        ],
    );
    let (gold, corpus) = dev_family("trees");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let before = eval::score(&align_with(&docs, &defaults), gold);
    let after = eval::score(&align_with(&docs, &raw), gold);
    assert!(
        after.true_links > before.true_links,
        "competitive links add no gold link on the trees: {} → {}",
        before.true_links,
        after.true_links
    );
    let mut chosen = unfused();
    chosen.cluster.compete_z = 2.0;
    chosen.cluster.compete_margin = 0.2;
    chosen.cluster.compete_cross = 0;
    pinned_on_dev_families(
        "competitive links, checked",
        &chosen,
        [
            (0.93, 0.945, 0.94),
            (0.91, 0.755, 0.825),
            (0.845, 0.73, 0.785),
            (0.90, 0.71, 0.79),
        ],
    );
}

/// Split provisions joined by what the piece adds (`pieces`: a lone article next to an article of
/// its document in group G joins G when the two read together are closer to G's other documents'
/// members than the member alone, the local test of a 2:1 bead) is off by default: the links it
/// adds come with as many false ones, mostly neighbouring matters and penalties that share the
/// formula, and no fold of the cross-validation keeps the five (docs/alignment-rejected.md). The
/// loose setting (any gain, half the documents, two positions, penalties too) adds gold links on
/// the water (recall 0.712 → 0.759) and the trees but costs every other family (five P 0.936 R
/// 0.953 F1 0.944; dogs 0.816, 0.784, 0.800; trees 0.825, 0.746, 0.783; water 0.806, 0.759,
/// 0.782); the setting best over the four together (a gain of 0.04 and the piece's best match in
/// the group in every other document) is pinned just under its figures (five 0.963, 0.940, 0.951;
/// dogs 0.915, 0.771, 0.837; trees 0.823, 0.734, 0.776; water 0.895, 0.717, 0.797).
#[test]
fn split_pieces_are_off_and_pinned_when_on() {
    let defaults = unfused();
    assert!(!defaults.pieces.on);
    let mut loose = unfused();
    loose.pieces.on = true;
    loose.pieces.gain = -0.01;
    loose.pieces.share = 0.5;
    loose.pieces.reach = 2;
    loose.pieces.agree = 0.0;
    loose.pieces.penalties = true;
    pinned_on_dev_families(
        "pieces, loose",
        &loose,
        [
            (0.93, 0.95, 0.94),
            (0.81, 0.78, 0.795),
            (0.82, 0.74, 0.78),
            (0.80, 0.755, 0.78),
        ],
    );
    let (gold, corpus) = dev_family("water");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let before = eval::score(&align_with(&docs, &defaults), gold);
    let after = eval::score(&align_with(&docs, &loose), gold);
    assert!(
        after.true_links > before.true_links,
        "split pieces add no gold link on the water: {} → {}",
        before.true_links,
        after.true_links
    );
    let mut best = loose;
    best.pieces.gain = 0.04;
    best.pieces.agree = 1.0;
    pinned_on_dev_families(
        "pieces, best over the four",
        &best,
        [
            (0.96, 0.935, 0.95),
            (0.91, 0.77, 0.835),
            (0.82, 0.73, 0.775),
            (0.89, 0.715, 0.795),
        ],
    );
}

/// Neighbouring groups of one matter fused (`Params::sibling`: two groups of several documents,
/// side by side in every document they share, become one when, by the `absolute` rule, their mean
/// similarity reaches `min` and `ratio` of the weaker one's cohesion, each document's articles kept
/// within `span` positions) is off by default: by the harness's criterion over the six dev families the folds
/// choose loose settings that break the five (docs/alignment-rejected.md, "Neighbouring groups of
/// one matter fused"). At the best setting over the six it is pinned just under its measured
/// figures (five 0.963 / 0.940 / 0.951, water 0.891 / 0.770 / 0.826, vehicles 0.841 / 0.679 /
/// 0.751, inspection 0.881 / 0.492 / 0.631; dogs and trees unchanged), and it only ever fuses
/// whole groups: every group of the defaults lies inside one group with it on, and on the
/// inspection family at least one group holds two of the defaults' groups.
#[test]
fn sibling_groups_are_off_and_pinned_when_on() {
    let mut defaults = unfused();
    assert_eq!(defaults.sibling.rule, SiblingRule::Logit);
    defaults.sibling.on = false;
    let mut on = unfused();
    on.sibling.on = true;
    on.sibling.rule = SiblingRule::Absolute;
    on.sibling.min = 0.2;
    on.sibling.ratio = 0.65;
    on.sibling.span = 5;
    on.sibling.shared = 1;
    pinned_on_dev_families(
        "sibling",
        &on,
        [
            (0.96, 0.935, 0.95),
            (0.91, 0.75, 0.825),
            (0.84, 0.71, 0.77),
            (0.89, 0.765, 0.82),
        ],
    );
    for (name, min) in [
        ("vehicles", (0.84, 0.675, 0.75)),
        ("inspection", (0.88, 0.49, 0.63)),
    ] {
        let (gold, corpus) = dev_family(name);
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        let s = eval::score(&align_with(&docs, &on), gold);
        eprintln!("{name} with sibling: {s:?}");
        at_least(name, &s, min);
    }
    fuses_only_whole_groups(&defaults, &on);
}

/// Neighbouring groups fused relative to the corpus (`Params::sibling` with its own defaults: the
/// `logit` rule weighs a pair's mean similarity and cohesion ratio as robust z-scores over the
/// corpus's side-by-side pairs, and the share of one group's members whose best match in a
/// document it lacks lies in the other group; docs/alignment-rejected.md, "Neighbouring groups
/// fused by evidence relative to the corpus"). Leave-one-family-out over the ten dev families
/// raises the mean (0.770 → 0.777) and lowers no family, and since a fused group keeps its parts,
/// which name it and which the search reads, labels and search cost nothing; it is off all the
/// same, because on the five it fuses the 全体会议 and 常务会议 groups, two matters (the five's
/// later half, held out, 0.838 → 0.822; docs/alignment-rejected.md). On, it is pinned just under
/// its figures (five 0.963 / 0.940 / 0.951, water 0.885 / 0.728 / 0.799, vehicles 0.841 / 0.679 /
/// 0.751, inspection 0.877 / 0.452 / 0.596, volunteer 0.960 / 0.752 / 0.843; dogs, trees and
/// budget unchanged), it raises those four families over the step off, and it only ever fuses
/// whole groups: on the inspection family every group with the step off lies inside one group
/// with it on, and at least one group holds two of them.
#[test]
fn sibling_groups_relative_to_the_corpus_are_off_and_pinned_when_on() {
    // Measured before the paragraph step was on, and pinned so.
    let mut off = unfused();
    off.paras.on = false;
    assert!(!off.sibling.on);
    assert_eq!(off.sibling.rule, SiblingRule::Logit);
    let mut on = off;
    on.sibling.on = true;
    pinned_on_dev_families(
        "sibling",
        &on,
        [
            (0.96, 0.935, 0.95),
            (0.91, 0.75, 0.825),
            (0.84, 0.71, 0.77),
            (0.88, 0.72, 0.795),
        ],
    );
    let scores = step_on_families(
        &off,
        &on,
        &[
            ("water", None, (0.88, 0.72, 0.795)),
            ("vehicles", None, (0.84, 0.675, 0.75)),
            ("inspection", None, (0.87, 0.45, 0.59)),
            ("volunteer", None, (0.955, 0.75, 0.84)),
            ("budget", None, (0.81, 0.59, 0.68)),
            ("supply", None, (0.915, 0.68, 0.78)),
            ("waste", None, (0.90, 0.69, 0.785)),
        ],
    );
    // Budget and supply are only kept: the step finds nothing to fuse there.
    let lifted: Vec<_> = scores
        .into_iter()
        .filter(|(name, ..)| !["budget", "supply"].contains(name))
        .collect();
    lifts_each(&lifted);
    fuses_only_whole_groups(&off, &on);
    fused_groups_keep_their_parts(&off, &on);
}

/// On the inspection family, a fused group lists the groups it was made of: their members are
/// its members, every term of its label is a term of a part's label, the search's group topics
/// hold the parts and not the fused group, and every group not fused keeps the label it has with
/// the step off.
fn fused_groups_keep_their_parts(off: &Params, on: &Params) {
    let (_, corpus) = dev_family("inspection");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let (before, fused) = (align_with(&docs, off), align_with(&docs, on));
    let with_parts: Vec<_> = fused
        .groups
        .iter()
        .filter(|g| !g.parts.is_empty())
        .collect();
    assert!(!with_parts.is_empty(), "no group fused on the inspection");
    for g in &with_parts {
        assert!(g.parts.len() >= 2, "{}: one part", g.label);
        let mut union: BTreeMap<DocId, Vec<u32>> = BTreeMap::new();
        for p in &g.parts {
            for (d, ns) in &p.members {
                union.entry(d.clone()).or_default().extend(ns);
            }
        }
        union.values_mut().for_each(|ns| ns.sort_unstable());
        assert_eq!(union, g.members, "{}: parts and members differ", g.label);
        assert!(
            g.label
                .split('·')
                .all(|t| g.parts.iter().any(|p| p.label.split('·').any(|u| u == t))),
            "{}: a term of no part",
            g.label
        );
    }
    for g in fused.groups.iter().filter(|g| g.parts.is_empty()) {
        let same = before
            .group(&g.id)
            .expect("a group not fused is a group with the step off");
        assert_eq!(g.label, same.label, "a group not fused changed its label");
    }
    let topics = guize::index::topics::group_topics(&corpus.docs, &fused);
    let plain = fused
        .groups
        .iter()
        .filter(|g| g.parts.is_empty() && g.members.len() > 1)
        .count();
    let parts: usize = with_parts.iter().map(|g| g.parts.len()).sum();
    assert_eq!(topics.len(), plain + parts);
    assert!(with_parts.iter().all(|g| {
        g.parts
            .iter()
            .all(|p| topics.iter().any(|t| t.label == p.label))
    }));
}

/// On the inspection family (where split procedures are the rule), every group aligned with
/// `off` lies inside one group aligned with `on`, and `on` fuses at least two of them.
fn fuses_only_whole_groups(off: &Params, on: &Params) {
    let (_, corpus) = dev_family("inspection");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let before = member_sets(&docs, off);
    let after = member_sets(&docs, on);
    let articles = |g: &Members| -> Vec<(String, u32)> {
        g.iter()
            .flat_map(|(d, ns)| ns.iter().map(move |&n| (d.clone(), n)))
            .collect()
    };
    for group in &before {
        let inside = articles(group);
        assert!(
            after
                .iter()
                .any(|g| inside.iter().all(|m| articles(g).contains(m))),
            "a group without the step was cut: {group:?}"
        );
    }
    assert!(
        after.len() < before.len(),
        "no group was fused on the inspection family"
    );
}

/// The family's vote on a fragment (`cluster.absorb_apart`: a fragment cluster is absorbed only
/// when the documents keeping its matter apart from its neighbour's are fewer than so many times
/// those holding the neighbour alone) is off by default: it lifts precision on three dev families
/// and the leave-one-family-out mean (0.766 → 0.769), but the five's later half, held out, falls
/// (F1 0.838 → 0.799). On at 3, it is pinned just under its measured figures (five P 0.963 R
/// 0.940 F1 0.951; dogs 0.913, 0.758, 0.829; trees 0.836, 0.718, 0.772; water 0.901, 0.712,
/// 0.795; vehicles 0.902, 0.636, 0.746; inspection 0.923, 0.399, 0.557; budget 0.835, 0.594,
/// 0.694), with fewer false links than the defaults on the three it lifts.
#[test]
fn fragments_voted_apart_are_off_and_pinned_when_on() {
    // Measured before the paragraph step was on, and pinned so.
    let mut defaults = unfused();
    defaults.paras.on = false;
    assert_eq!(defaults.cluster.absorb_apart, 0.0);
    let mut on = defaults;
    on.cluster.absorb_apart = 3.0;
    pinned_on_dev_families(
        "absorb_apart",
        &on,
        [
            (0.96, 0.935, 0.95),
            (0.91, 0.755, 0.825),
            (0.83, 0.715, 0.77),
            (0.90, 0.71, 0.79),
        ],
    );
    for (name, min) in [
        ("vehicles", (0.90, 0.63, 0.745)),
        ("inspection", (0.92, 0.395, 0.555)),
        ("budget", (0.83, 0.59, 0.69)),
    ] {
        let (off, s) = off_and_on(name, &defaults, &on);
        eprintln!("{name} with absorb_apart: {s:?}");
        at_least(name, &s, min);
        assert!(
            s.false_links < off.false_links,
            "{name}: {s:?} against {off:?}"
        );
    }
}

/// An edge's floor relative to the corpus (`cluster.edge_floor_z`: a mutual best match is an
/// edge only when it lies so many robust spreads above the corpus's null median) and its lead over
/// the runner-up (`cluster.edge_lead`) are off by default. At 3.5 the floor lowers no dev family
/// and lifts precision on three (inspection P 0.868 → 0.880, budget 0.820 → 0.828, greening F1
/// 0.701 → 0.708), but the civility's fold chooses 3.75, which costs it 0.377 → 0.362, so the
/// leave-one-family-out mean falls (0.7303 → 0.7298). Pinned at both so.
#[test]
fn edge_floor_is_off_and_pinned_when_on() {
    let defaults = Params::default();
    assert_eq!(defaults.cluster.edge_floor_z, 0.0);
    assert_eq!(defaults.cluster.edge_lead, 0.0);
    let mut on = defaults;
    on.cluster.edge_floor_z = 3.5;
    for (name, min) in [
        ("inspection", (0.88, 0.415, 0.564)),
        ("budget", (0.828, 0.6, 0.696)),
        ("greening", (0.912, 0.577, 0.707)),
    ] {
        let (off, s) = off_and_on(name, &defaults, &on);
        eprintln!("{name} with edge_floor_z 3.5: {s:?}");
        at_least(name, &s, min);
        assert!(s.f1 > off.f1, "{name}: {s:?} against {off:?}");
    }
    let mut higher = defaults;
    higher.cluster.edge_floor_z = 3.75;
    let (off, s) = off_and_on("civility", &defaults, &higher);
    eprintln!("civility with edge_floor_z 3.75: {s:?}");
    assert!(s.f1 < off.f1 - 0.01, "civility: {s:?} against {off:?}");
}

/// Penalties kept apart (`Params::penalty_apart`: a group that the regrouping by provision would
/// give two penalties of one document from different groups receives none) is off by default:
/// it lifts the trees (F1 0.774 → 0.801, fewer false links) and vehicles, but costs the dogs
/// (0.829 → 0.794) and water (0.795 → 0.782), and leave-one-family-out never chooses it. On, it
/// is pinned just under its measured figures (five P 0.963 R 0.940 F1 0.951; dogs 0.887, 0.719,
/// 0.794; trees 0.907, 0.718, 0.801; water 0.866, 0.712, 0.782), with fewer false links than the
/// defaults on the trees.
#[test]
fn penalties_kept_apart_are_off_and_pinned_when_on() {
    let defaults = unfused();
    assert!(!defaults.penalty_apart);
    let on = Params {
        penalty_apart: true,
        ..unfused()
    };
    pinned_on_dev_families(
        "penalty_apart",
        &on,
        [
            (0.96, 0.935, 0.95),
            (0.88, 0.715, 0.79),
            (0.90, 0.715, 0.80),
            (0.86, 0.71, 0.78),
        ],
    );
    let (off, s) = off_and_on("trees", &defaults, &on);
    assert!(
        s.false_links < off.false_links,
        "trees: {s:?} against {off:?}"
    );
}

/// The trace of an alignment (`align_traced`) ends on the alignment's own grouping: the groups of
/// several articles after the last step are the alignment's, and every step's groups hold each
/// article at most once.
#[test]
fn trace_ends_on_the_alignments_groups() {
    let docs: Vec<&Regulation> = corpus().docs.iter().collect();
    let (alignment, trace) = guize::align::align_traced(&docs, &Params::default());
    let sorted = |groups: Vec<Vec<(String, u32)>>| {
        let mut out: Vec<Vec<(String, u32)>> = groups
            .into_iter()
            .map(|mut g| {
                g.sort();
                g
            })
            .collect();
        out.sort();
        out
    };
    let made = sorted(
        alignment
            .groups
            .iter()
            .map(|g| g.traced_members())
            .filter(|g| g.len() > 1)
            .collect(),
    );
    let last = trace.steps.last().expect("steps traced");
    assert_eq!(sorted(last.groups.clone()), made);
    assert_eq!(trace.steps[0].step, "singletons");
    assert!(trace.steps[0].groups.is_empty());
    assert!(trace.steps.iter().any(|s| s.step == "twins"));
    for s in &trace.steps {
        let mut seen: Vec<&(String, u32)> = s.groups.iter().flatten().collect();
        let n = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), n, "{}", s.step);
    }
    let articles: usize = docs.iter().map(|d| d.articles.len()).sum();
    assert_eq!(trace.best.len(), articles);
    // Every article's candidates, each in another document, scored as the grouping read them.
    assert_eq!(trace.candidates.len(), articles);
    for (a, list) in &trace.candidates {
        assert!(
            list.iter().all(|(b, s)| b.0 != a.0 && s.is_finite()),
            "{a:?}"
        );
    }
    assert!(trace.candidates.iter().any(|(_, list)| !list.is_empty()));
}

/// Lone articles given back to their first-pass mates (`Params::restore`: an article the second
/// clustering pass leaves alone joins the group holding at least half of the articles the first
/// pass grouped it with) is off by default: of the 49 dev links the second pass drops, it
/// recovers few and restores more false links than true (14 against 3 over the eight dev
/// families; with `span` 3, 34 against 28, the inspection's alone), and the five fall under
/// 0.95 F1 at the setting leave-one-family-out would choose. On (share 0.5, span 0), it is
/// pinned just under its measured figures (five P 0.963 R 0.940 F1 0.951; dogs 0.913, 0.758,
/// 0.829; trees 0.837, 0.723, 0.776; water 0.889, 0.712, 0.791), and it only ever moves a lone
/// article into a group: every group of the step before is inside one after it.
#[test]
fn restore_is_off_and_pinned_when_on() {
    let defaults = unfused();
    assert!(!defaults.restore.on);
    let mut on = unfused();
    on.restore.on = true;
    pinned_on_dev_families(
        "restore",
        &on,
        [
            (0.96, 0.935, 0.95),
            (0.91, 0.755, 0.825),
            (0.835, 0.72, 0.775),
            (0.885, 0.71, 0.79),
        ],
    );
    let (before, after) = groups_around_step("water", &on, "restore");
    let grouped = |gs: &[Vec<(String, u32)>]| gs.iter().map(Vec::len).sum::<usize>();
    assert!(
        grouped(&after) > grouped(&before),
        "water: no article moved"
    );
    assert!(!dev_family("water").0.groups.is_empty());
}

/// Penalty twins kept together through the regrouping by provision (`Params::penalty_twins`: two
/// penalties of one cluster that are each other's best match, each ahead of its runner-up by a
/// share of its own score, both stay where their wording put them when their provisions resolve
/// to different groups) are off by default: at 0.2 they lift vehicles (0.723 → 0.728) and supply
/// (0.783 → 0.796) and lower no dev family, but leave-one-family-out ties on the inspection and
/// keeps the default, 0.1 costs the dogs 0.025, and held out weather and gas fall. On at 0.2,
/// the first four dev families score as the defaults (pinned just under) and vehicles make fewer
/// false links.
#[test]
fn penalty_twins_are_off_and_pinned_when_on() {
    let defaults = unfused();
    assert!(defaults.penalty_twins > 1.0);
    let on = Params {
        penalty_twins: 0.2,
        ..unfused()
    };
    pinned_on_dev_families(
        "penalty_twins",
        &on,
        [
            (0.96, 0.935, 0.95),
            (0.91, 0.755, 0.825),
            (0.84, 0.715, 0.77),
            (0.90, 0.71, 0.79),
        ],
    );
    let (off, s) = off_and_on("vehicles", &defaults, &on);
    assert!(
        s.false_links < off.false_links && s.true_links == off.true_links,
        "vehicles: {s:?} against {off:?}"
    );
}

/// The whole of one province: the 472 regulations of `DLC/山东地方法规` align without a panic
/// (a label rule once cut a word at the wrong byte there, and only there), into groups that
/// each have a label of at most 16 characters; its regulations are mostly not of one kind, so
/// paragraph links join almost nothing there. About 25 s in release (aligned twice, traced).
#[test]
fn the_472_of_shandong_align_and_every_group_is_labelled() {
    let dir = shared::path("corpora/lawrefbook/DLC/山东地方法规");
    assert!(dir.is_dir(), "{} is missing", dir.display());
    let corpus = Corpus::load(&dir).expect("the 472 load");
    assert!(corpus.docs.len() >= 470, "{} documents", corpus.docs.len());
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let (alignment, trace) = guize::align::align_traced(&docs, &Params::default());
    assert!(
        alignment.groups.len() > 2_000,
        "{} groups",
        alignment.groups.len()
    );
    for g in &alignment.groups {
        assert!(!g.label.is_empty(), "a group without a label: {g:?}");
        assert!(g.label.chars().count() <= 16, "label {} too long", g.label);
        // Named by words, never by a member's citation (`doc:33`, the last resort).
        assert!(!g.label.contains(':'), "label {} is a citation", g.label);
    }
    // Regulations of many subjects are mostly not of one kind (under 2% of the pairs; measured:
    // 1,051 of 111,156), and the paragraph step joins a handful of groups at most (measured: one,
    // the 停车场 of three cities).
    let pairs = docs.len() * (docs.len() - 1) / 2;
    let bar = Params::default().paras.kin.share;
    let one_kind = trace.kin.iter().filter(|k| k.2 >= bar).count();
    assert!(one_kind * 50 < pairs, "{one_kind} pairs of one kind");
    let at = trace.steps.iter().position(|s| s.step == "paras");
    let at = at.expect("paras traced");
    let (before, after) = (&trace.steps[at - 1].groups, &trace.steps[at].groups);
    let joined = after
        .iter()
        .filter(|g| {
            before
                .iter()
                .filter(|h| h.iter().all(|m| g.contains(m)))
                .count()
                > 1
        })
        .count();
    assert!(joined <= 5, "{joined} groups joined by paragraphs");
}

/// Groups joined by paragraph clusters (`Params::paras`, on): paragraphs are matched across
/// documents first (mutual best among the paragraphs of an article's candidates, above the 0.99
/// quantile of the corpus's paragraph null), and two groups join when a cluster holds a main part
/// of an article of each, that article is its document's only one in the two and holds its own
/// group's matter in another main part, and some document has an article in each. A link counts
/// only between documents of one kind (`kin.rs`) whose two articles lie 3.5 robust spreads above
/// the corpus's null, and every two documents of the joined group must be of one kind. Chosen by
/// leave-one-family-out over the twelve dev families (docs/alignment-method.md, "Paragraphs
/// grouped first, between documents of one kind"): inspection 0.545 → 0.562, waste 0.784 →
/// 0.801, civility 0.342 → 0.350, no family lower. Pinned just under those figures; the greening
/// keeps its figures (without the articles' bar a side formula, 建设单位应当组织专家论证, joins two
/// matters there), and the step only ever joins whole groups.
#[test]
fn paragraph_clusters_are_on_and_pinned() {
    let on = unfused();
    assert!(on.paras.on && on.paras.groups && !on.paras.lone);
    let mut off = on;
    off.paras.on = false;
    step_on_families(
        &off,
        &on,
        &[
            ("inspection", Some((0.86, 0.39, 0.54)), (0.865, 0.41, 0.56)),
            ("waste", Some((0.90, 0.685, 0.78)), (0.895, 0.72, 0.80)),
            ("civility", Some((0.88, 0.21, 0.34)), (0.87, 0.215, 0.348)),
            ("greening", Some((0.91, 0.565, 0.70)), (0.91, 0.565, 0.70)),
            ("budget", Some((0.81, 0.59, 0.68)), (0.81, 0.59, 0.68)),
        ],
    );
    let mut any_link = on;
    any_link.paras.article_z = 0.0;
    let (bare, barred) = off_and_on("greening", &any_link, &on);
    assert!(
        barred.precision > bare.precision,
        "greening: the articles' bar kept no false join ({bare:?} against {barred:?})"
    );
    pinned_on_dev_families(
        "paras",
        &on,
        [
            (0.96, 0.935, 0.95),
            (0.91, 0.755, 0.825),
            (0.84, 0.715, 0.77),
            (0.90, 0.71, 0.79),
        ],
    );
    let (before, after) = groups_around_step("inspection", &on, "paras");
    assert!(after.len() < before.len(), "inspection: no group joined");
}

/// Which documents are of one kind (`kin.rs`: at least 0.3 of two documents' articles are mutual
/// best matches 3 robust spreads above the corpus's null): every pair of every dev family and of
/// the five is; with one unrelated regulation added to the five, no pair holding it is, and the
/// step changes nothing there.
#[test]
fn documents_of_one_kind_are_the_families() {
    let params = unfused();
    let bar = params.paras.kin.share;
    let of_one_kind = |docs: &[&Regulation]| {
        let (_, trace) = guize::align::align_traced(docs, &params);
        trace.kin
    };
    let five: Vec<&Regulation> = corpus().docs.iter().collect();
    let mut families = vec![("five", five.clone())];
    for name in DEV_FAMILIES {
        families.push((name, dev_family(name).1.docs.iter().collect()));
    }
    for (name, docs) in &families {
        let kin = of_one_kind(docs);
        let n = docs.len();
        let one_kind = kin.iter().filter(|k| k.2 >= bar).count();
        eprintln!("{name}: {kin:?}");
        assert_eq!(one_kind, n * (n - 1) / 2, "{name}: {kin:?}");
    }
    let dir = shared::path("corpora/lawrefbook/DLC/山东地方法规");
    let stranger = Corpus::load_where(&dir, |id| id.0.contains("山东省物业管理条例"))
        .expect("the stranger loads");
    assert_eq!(stranger.docs.len(), 1, "one unrelated regulation");
    let mut six = five.clone();
    six.push(&stranger.docs[0]);
    let kin = of_one_kind(&six);
    let theirs = stranger.docs[0].id.0.to_string();
    for k in &kin {
        let with_stranger = k.0 == theirs || k.1 == theirs;
        assert_eq!(k.2 >= bar, !with_stranger, "{k:?}");
    }
    // The stranger changes the five's figures whatever the step (measured: P 0.963 → 0.920, its
    // articles join the five's frame groups) unless the corpus is split into kinds first
    // (`kinds`, on by default; then the stranger, whose title names another matter, is a kind
    // of its own and the five score as alone). The paragraph step adds nothing of its own there.
    let mut unsplit = params;
    unsplit.kinds.on = false;
    let mut off = unsplit;
    off.paras.on = false;
    let s = eval::score(&align_with(&six, &unsplit), &dev_gold());
    let without = eval::score(&align_with(&six, &off), &dev_gold());
    eprintln!("the five with a stranger: {s:?}, without the step {without:?}");
    let split = eval::score(&align_with(&six, &params), &dev_gold());
    let alone = eval::score(&align_with(&five, &params), &dev_gold());
    assert_eq!(
        (split.true_links, split.false_links),
        (alone.true_links, alone.false_links)
    );
    assert!(
        s.precision < alone.precision - 0.02,
        "{s:?} against {alone:?}"
    );
    assert_eq!(s.true_links, without.true_links);
    assert_eq!(s.false_links, without.false_links);
}

/// A family's documents and gold with every document id tagged by the family's name: two
/// families may each hold a 青岛 document.
fn tagged(name: &str, docs: &[Regulation], gold: &eval::Gold) -> (Vec<Regulation>, eval::Gold) {
    let tag = |d: &str| format!("{name}:{d}");
    let docs = docs
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.id = DocId::from(tag(&d.id.0));
            d
        })
        .collect();
    let mut gold = gold.clone();
    for g in &mut gold.groups {
        g.members = std::mem::take(&mut g.members)
            .into_iter()
            .map(|(d, ns)| (tag(&d), ns))
            .collect();
    }
    for pair in &mut gold.ambiguous_links {
        for end in pair.iter_mut() {
            end.0 = tag(&end.0);
        }
    }
    (docs, gold)
}

/// A corpus of many kinds (`Params::kinds`, on by default; `kin::Kin::kinds`): documents whose
/// titles name one matter are of one kind, the others are gathered by average linkage over the
/// pairs' shares of mutual best matches (two sets join when their average share reaches 0.3, 0.6
/// when both name different matters, and 0.68 of the more cohesive set's own), each kind is
/// aligned as a corpus of its own and the documents of no kind together. Every dev family's gold
/// scores inside the union of the dev families (the five and the fifteen, 65 documents) and with
/// the first documents of the next two families as strangers as it scores alone (measured:
/// identical, every figure; the floor allows 0.005). Without the split the union costs every
/// family most of its precision (the five 0.963 → 0.623, the dogs 0.913 → 0.104: the strangers'
/// articles join the family's groups) and the family's own links too (the five's F1 among its own
/// documents 0.951 → 0.916).
#[test]
fn a_family_scores_inside_a_corpus_of_many_kinds_as_alone() {
    let params = Params::default();
    assert!(
        params.kinds.on && params.kinds.titles,
        "on by default, titles read"
    );
    let mut families: Vec<(&str, Vec<Regulation>, eval::Gold)> = Vec::new();
    let (five, gold) = tagged("five", &corpus().docs, &dev_gold());
    families.push(("five", five, gold));
    for name in DEV_FAMILIES {
        let (gold, corpus) = dev_family(name);
        let (docs, gold) = tagged(name, &corpus.docs, gold);
        families.push((name, docs, gold));
    }
    let alone: Vec<eval::LinkScore> = families
        .iter()
        .map(|(_, docs, gold)| {
            eval::score(&align_with(&docs.iter().collect::<Vec<_>>(), &params), gold)
        })
        .collect();
    let all: Vec<&Regulation> = families.iter().flat_map(|f| &f.1).collect();
    assert_eq!(all.len(), 65);
    let union = align_with(&all, &params);
    let close = |name: &str, what: &str, mixed: &eval::LinkScore, alone: &eval::LinkScore| {
        eprintln!("{name} {what}: alone {alone:?}, mixed {mixed:?}");
        for (m, a, of) in [
            (mixed.precision, alone.precision, "precision"),
            (mixed.recall, alone.recall, "recall"),
            (mixed.f1, alone.f1, "F1"),
        ] {
            assert!(
                m >= a - 0.005,
                "{name} {what}: {of} {m:.3} against {a:.3} alone"
            );
        }
    };
    let n = families.len();
    for (i, (name, docs, gold)) in families.iter().enumerate() {
        close(name, "in the union", &eval::score(&union, gold), &alone[i]);
        let mut with: Vec<&Regulation> = docs.iter().collect();
        with.push(&families[(i + 1) % n].1[0]);
        with.push(&families[(i + 2) % n].1[0]);
        close(
            name,
            "with two strangers",
            &eval::score(&align_with(&with, &params), gold),
            &alone[i],
        );
    }
    // The split is what keeps them: without it the union costs the five its precision.
    let mut off = params;
    off.kinds.on = false;
    let mixed = eval::score(&align_with(&all, &off), &families[0].2);
    assert!(
        mixed.precision < alone[0].precision - 0.2,
        "the five in the union without the split: {mixed:?}"
    );
}

/// Umbrella articles (`Params::umbrella`) are off by default: a list article's items matched to
/// articles of another document (three or more, within four positions of each other, each item
/// above the 0.95 quantile of the item-to-article null and covering and covered by its match)
/// join the groups of those articles. On the twelve dev families it lowers none and lifts the
/// inspection (0.545 → 0.762) and the civility (0.342 → 0.387); held out, measured once, it cost
/// the five's later half (0.838 → 0.792) and the gas (0.655 → 0.623), so it stays off
/// (docs/alignment-rejected.md). On, it is pinned at those dev figures and only joins whole groups.
#[test]
fn umbrella_articles_are_off_and_pinned_when_on() {
    // Measured before the paragraph step was on, and pinned so.
    let mut off = unfused();
    off.paras.on = false;
    assert!(!off.umbrella.on);
    let mut on = off;
    on.umbrella.on = true;
    step_on_families(
        &off,
        &on,
        &[
            ("inspection", None, (0.91, 0.65, 0.76)),
            ("civility", None, (0.865, 0.245, 0.385)),
            ("greening", None, (0.9, 0.56, 0.7)),
        ],
    );
    let (before, after) = groups_around_step("inspection", &on, "umbrella");
    assert!(
        after.len() < before.len(),
        "nothing joined on the inspection"
    );
}

/// Groups of several articles as a trace names them (document, article number).
type TracedGroups = Vec<Vec<(String, u32)>>;

/// A dev family aligned with `params`, traced: the groups of several articles just before
/// `step` and just after it, checked to be joins only (every group before it lies inside one
/// group after it).
fn groups_around_step(
    family: &'static str,
    params: &Params,
    step: &str,
) -> (TracedGroups, TracedGroups) {
    let (_, corpus) = dev_family(family);
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let (_, trace) = guize::align::align_traced(&docs, params);
    let at = trace
        .steps
        .iter()
        .position(|s| s.step == step)
        .unwrap_or_else(|| panic!("{step} traced"));
    let before = trace.steps[at - 1].groups.clone();
    let after = trace.steps[at].groups.clone();
    for g in &before {
        assert!(
            after.iter().any(|h| g.iter().all(|a| h.contains(a))),
            "{family}: {g:?} was split by {step}"
        );
    }
    (before, after)
}

/// Lone articles joined by the meaning of their paragraphs (`Params::matter`) are on: a lone
/// article (not a penalty) votes, in each other document, for the candidate whose paragraphs come
/// nearest in meaning (word vectors), above the 0.9 quantile of the corpus's paragraph null and
/// 0.05 ahead of the runner-up; it joins the group two documents and two thirds of the group's
/// documents vote for, where in one of them the voted article is also its best candidate by the
/// ordinary similarity, its document's articles in the group within three positions. Chosen by
/// leave-one-family-out over the twelve dev families (mean 0.7283 → 0.7328; trees 0.774 → 0.782,
/// vehicles 0.723 → 0.743, waste 0.784 → 0.794, civility 0.342 → 0.369, volunteer 0.822 → 0.819).
/// With `paras` on as well (chosen in the same round, the two measured together after): waste
/// 0.801 → 0.810, civility 0.350 → 0.377, trees and vehicles as above.
/// Pinned just under those figures; off, the families fall back; the step only moves lone
/// articles into groups: every group before it lies inside one after it, and on the vehicles
/// fewer groups remain.
#[test]
fn matter_is_on_and_pinned() {
    // Measured as chosen, before far pieces of one matter (`far`, later in the round) were
    // joined: on the trees `far` joins what `matter` joins, so the step is weighed without it.
    let mut on = Params::default();
    assert!(on.matter.on);
    on.far.on = false;
    // Measured before penalties were joined by their offences (`offence.join`, later).
    on.offence.join = false;
    let mut off = on;
    off.matter.on = false;
    lifts_each(&step_on_families(
        &off,
        &on,
        &[
            ("trees", Some((0.84, 0.71, 0.77)), (0.84, 0.725, 0.78)),
            ("vehicles", Some((0.83, 0.63, 0.72)), (0.84, 0.66, 0.74)),
            ("waste", Some((0.895, 0.72, 0.80)), (0.90, 0.73, 0.805)),
            ("civility", Some((0.87, 0.215, 0.345)), (0.875, 0.235, 0.37)),
        ],
    ));
    let (before, after) = groups_around_step("vehicles", &on, "matter");
    let grouped = |gs: &TracedGroups| {
        gs.iter()
            .filter(|g| g.len() > 1)
            .map(Vec::len)
            .sum::<usize>()
    };
    assert!(
        grouped(&after) > grouped(&before),
        "vehicles: no lone article joined"
    );
    for g in &after {
        let parts = before
            .iter()
            .filter(|b| b.iter().all(|a| g.contains(a)))
            .count();
        let lone = before
            .iter()
            .filter(|b| b.iter().all(|a| g.contains(a)) && b.len() == 1)
            .count();
        assert!(
            parts <= 1 || parts - lone <= 1,
            "vehicles: {g:?} joins two groups of several articles"
        );
    }
}

/// Far pieces of one matter (`Params::far`, on by default): a lone article (not a penalty)
/// votes, in each other document, for its best candidate (not a penalty) when their similarity
/// lies 4 robust spreads above the corpus's null median, leads the runner-up by 0.05 of its score
/// and ranks the lone article among its two best in the lone article's document; it joins the
/// group two documents and two thirds of the group's other documents vote for when that group
/// already holds an article of its document, at any distance. Chosen by leave-one-family-out over
/// the thirteen dev families (mean 0.7258 → 0.7292): vehicles 0.743 → 0.754, budget 0.689 → 0.694,
/// supply 0.783 → 0.797, waste 0.810 → 0.821, science 0.595 → 0.617, the rest unchanged; its 24
/// links there all true. Pinned on (the defaults) just under those figures, and off where they
/// were; the step only moves lone articles into groups that hold their document (no group is
/// split, the science's grouped articles grow, and each joined article's document was in its
/// group before); and a joined article names nothing: every group keeps the label it has with
/// the step off (`far_joins_move_no_label`).
#[test]
fn far_is_on_and_pinned() {
    let on = Params::default();
    assert!(on.far.on);
    let mut off = on;
    off.far.on = false;
    lifts_each(&step_on_families(
        &off,
        &on,
        &[
            ("vehicles", Some((0.84, 0.66, 0.74)), (0.845, 0.675, 0.75)),
            ("supply", Some((0.915, 0.68, 0.78)), (0.92, 0.70, 0.795)),
            ("waste", Some((0.90, 0.73, 0.805)), (0.90, 0.75, 0.815)),
            ("science", Some((0.87, 0.445, 0.59)), (0.875, 0.47, 0.61)),
        ],
    ));
    let (before, after) = groups_around_step("science", &on, "far");
    let grouped = |gs: &TracedGroups| gs.iter().map(Vec::len).sum::<usize>();
    assert!(
        grouped(&after) > grouped(&before),
        "science: no lone article joined"
    );
    for g in &after {
        let old = before
            .iter()
            .find(|b| b.iter().all(|a| g.contains(a)))
            .unwrap_or_else(|| panic!("science: {g:?} is a new group"));
        for (doc, _) in g.iter().filter(|a| !old.contains(a)) {
            assert!(
                old.iter().any(|(d, _)| d == doc),
                "science: {g:?} took an article of {doc}, a document it lacked"
            );
        }
    }
}

/// An article `far` joins does not name its group: on the five and the science family (where
/// the step joins articles), every group keeps, with the step on, the label of the group it is
/// with the step off once its joined articles are taken out (the largest group off lying inside
/// it); and some group did take an article, so that the check is not empty.
#[test]
fn far_joins_move_no_label() {
    let on = Params::default();
    let mut off = on;
    off.far.on = false;
    let five: Vec<&Regulation> = corpus().docs.iter().collect();
    let science: Vec<&Regulation> = dev_family("science").1.docs.iter().collect();
    for (name, docs) in [("five", five), ("science", science)] {
        let (with, without) = (align_with(&docs, &on), align_with(&docs, &off));
        let inside = |small: &Group, big: &Group| {
            small.members.iter().all(|(d, ns)| {
                ns.iter()
                    .all(|n| big.members.get(d).is_some_and(|b| b.contains(n)))
            })
        };
        let size = |g: &Group| g.members.values().map(Vec::len).sum::<usize>();
        let mut grown = 0;
        for g in &with.groups {
            let old = without
                .groups
                .iter()
                .filter(|o| inside(o, g))
                .max_by_key(|o| size(o))
                .unwrap_or_else(|| panic!("{name}: {} holds no group of the step off", g.label));
            if size(old) < size(g) {
                grown += 1;
            }
            assert_eq!(
                g.label, old.label,
                "{name}: a joined article moved the label of {:?}",
                g.members
            );
        }
        assert!(grown > 0, "{name}: no group took an article");
    }
}

/// Two groups joined through another document's one article (`Params::halves`) are off by
/// default: leave-one-family-out over the fourteen dev families did not choose it (mean 0.7262
/// off; each setting that joins anything costs the five its precision, 0.963 → 0.870–0.919, while
/// the others gain little: docs/alignment-rejected.md). On, at its own settings (`z` 8, `cover`
/// 0.2, `span` 2, `docs` 2), it is pinned at those figures: the supply rises (0.922 / 0.702 /
/// 0.797 → 0.926 / 0.742 / 0.824), the five's precision falls (0.963 → 0.870) and the step joins
/// whole groups only.
#[test]
fn halves_are_off_and_pinned_when_on() {
    let off = Params::default();
    assert!(!off.halves.on, "off by default");
    let mut on = off;
    on.halves.on = true;
    let (gold, supply) = dev_family("supply");
    let docs: Vec<&Regulation> = supply.docs.iter().collect();
    let s = eval::score(&align_with(&docs, &on), gold);
    let was = eval::score(&align_with(&docs, &off), gold);
    eprintln!("supply: {was:?} -> {s:?}");
    at_least("supply with halves", &s, (0.92, 0.74, 0.82));
    assert!(s.true_links > was.true_links, "supply: nothing joined");
    let five: Vec<&Regulation> = corpus().docs.iter().collect();
    let five_on = eval::score(&align_with(&five, &on), &dev_gold());
    eprintln!("five with halves: {five_on:?}");
    assert!(five_on.recall >= 0.935, "{five_on:?}");
    assert!(
        five_on.precision < 0.90,
        "the five's cost is gone: {five_on:?}"
    );
    let (before, after) = groups_around_step("supply", &on, "halves");
    assert!(after.len() < before.len(), "supply: no groups joined");
}

/// The learned decision over pairs of groups (`Params::merge`: a logistic model fusing two
/// groups of several documents that read as one matter) is off by default; its defaults carry the
/// weights fitted on the sixteen dev families (`merge::WEIGHTS`, threshold 0.7, each group fusing
/// once), so that `merge.on` alone turns on the fitted model (docs/alignment-method.md, "A
/// learned decision over pairs of groups": leave-one-family-out mean F1 0.7226 → 0.7258, the five
/// and the held-out families unchanged). On, it lifts aid 0.668 → 0.680, volunteer 0.819 → 0.847,
/// water 0.797 → 0.810 and leaves the five as it is. Its wiring is pinned with zero weights (every
/// probability 0.5): at threshold 0.5 it changes nothing; at 0 every pair weighed fuses, chained,
/// no group split and fewer groups after the step; each group fusing once, fewer fuse.
#[test]
fn merge_of_groups_is_off_and_pinned_when_on() {
    let defaults = Params::default();
    assert!(!defaults.merge.on && !defaults.merge.chain);
    let mut on = defaults;
    on.merge.on = true;
    for (name, lifted) in [("volunteer", 0.845), ("water", 0.805), ("aid", 0.675)] {
        let (without, with) = off_and_on(name, &defaults, &on);
        eprintln!("{name}: off {without:?}, on {with:?}");
        assert!(
            with.f1 > without.f1 && with.f1 >= lifted,
            "{name}: {with:?}"
        );
    }
    let (without, with) = off_and_on("five", &defaults, &on);
    assert_eq!(without, with, "the five is left as it is");
    let mut idle = on;
    idle.merge.w = [0.0; guize::align::merge::N_FEATURES + 1];
    idle.merge.t = 0.5;
    let (without, s) = off_and_on("dogs", &defaults, &idle);
    assert_eq!(without, s, "zero weights at 0.5 change nothing");
    let mut all = idle;
    all.merge.t = 0.0;
    all.merge.chain = true;
    let (before, chained) = groups_around_step("dogs", &all, "merge");
    assert!(chained.len() < before.len(), "dogs: no groups fused");
    let mut once = all;
    once.merge.chain = false;
    let (_, single) = groups_around_step("dogs", &once, "merge");
    assert!(
        chained.len() < single.len() && single.len() < before.len(),
        "{} chained, {} once, {} before",
        chained.len(),
        single.len(),
        before.len()
    );
}

/// Chapter titles as evidence relative to the corpus (`sim.chapter_title` over
/// `sim.chapter_title_z`: a pair of articles whose chapters correspond by title across their
/// documents gains the bonus when its similarity already lies so many robust spreads above the
/// corpus's null) are off by default. Leave-one-family-out over the sixteen dev families chose
/// 0.06 at z 4 in fourteen folds (mean F1 0.7226 → 0.7282; on all sixteen 0.7290) with the five
/// unchanged (0.963 / 0.940 / 0.951) and no family down more than 0.02 (civility 0.377 → 0.364,
/// science 0.617 → 0.601, water 0.797 → 0.788); held out, measured once: weather 0.765 → 0.767,
/// forest and gas unchanged, the five's later half 0.856 → 0.841 (docs/alignment-method.md,
/// "Chapter titles as evidence"). It is left off because turning it on moves the figures the
/// other steps' pins were measured at (22 tests of this file), not re-measured in that round.
/// On, it is pinned just under its measured figures: farm 0.837 / 0.536 / 0.654, quake 0.867 /
/// 0.801 / 0.833, both lifted; the five as it is.
#[test]
fn chapter_titles_are_off_and_pinned_when_on() {
    let defaults = Params::default();
    assert_eq!(defaults.sim.chapter_title, 0.0);
    assert_eq!(defaults.sim.chapter_apart, 0.0);
    let mut on = defaults;
    on.sim.chapter_title = 0.06;
    on.sim.chapter_title_z = 4.0;
    for (name, floors) in [
        ("farm", (0.835, 0.535, 0.65)),
        ("quake", (0.865, 0.80, 0.83)),
    ] {
        let (without, with) = off_and_on(name, &defaults, &on);
        eprintln!("{name}: off {without:?}, on {with:?}");
        at_least(name, &with, floors);
        assert!(with.f1 > without.f1 + 0.03, "{name}: {with:?}");
    }
    let (without, with) = off_and_on("five", &defaults, &on);
    assert_eq!(without, with, "the five is left as it is");
    // Without the floor over the null the same bonus costs the science beyond the 0.02 allowed.
    let mut bare = on;
    bare.sim.chapter_title_z = 0.0;
    let (without, with) = off_and_on("science", &defaults, &bare);
    assert!(with.f1 < without.f1 - 0.02, "science: {with:?}");
}

/// The learned link test (`Params::learned`: a logistic model deciding which members leave
/// their group and which lone articles join their best one) is off by default: fitted across
/// the fifteen dev families, leave-one-family-out did not carry it (docs/alignment-rejected.md,
/// "A learned link test across fifteen families"). Its wiring is pinned with zero weights (every
/// probability 0.5): at thresholds 0.5 it changes nothing, a gate at 1 takes every member out
/// of its group, an admission at 0 joins lone articles (more links made).
#[test]
fn learned_link_test_is_off_and_wired() {
    let defaults = Params::default();
    assert!(!defaults.learned.gate && !defaults.learned.admit);
    let mut idle = defaults;
    idle.learned.gate = true;
    idle.learned.admit = true;
    let (off, s) = off_and_on("dogs", &defaults, &idle);
    assert_eq!(off, s, "zero weights at 0.5 change nothing");
    let mut all_out = defaults;
    all_out.learned.gate = true;
    all_out.learned.gate_t = 1.0;
    let (_, s) = off_and_on("dogs", &defaults, &all_out);
    assert_eq!(s.true_links + s.false_links, 0, "{s:?}");
    let mut all_in = defaults;
    all_in.learned.admit = true;
    all_in.learned.admit_t = 0.0;
    let (off, s) = off_and_on("dogs", &defaults, &all_in);
    assert!(
        s.true_links + s.false_links > off.true_links + off.false_links,
        "{s:?} against {off:?}"
    );
}

/// Articles of a standard type kept apart (`Params::types`, on by default; review31 #6 (a), (f)):
/// a definition (every sentence 本条例所称…是指) leaves a group in which no other member defines a
/// term or sets the scope, and an article with none of the formulas of 施行日期, 条例解释,
/// 立法目的, 制定依据 leaves a group whose two or more other members all have one of them. Chosen
/// by leave-one-family-out over the sixteen dev families (0.7226 either way; the supply's fold
/// has a tie, every other fold chooses it): the supply 0.797 → 0.802 (P 0.922 → 0.934, a chapter
/// head's definition out of the group of new construction), the other fifteen unchanged (the
/// five 0.951, P 0.963). Pinned: the supply rises with it, and on every dev family no group
/// keeps a definition without a definition or scope beside it.
#[test]
fn types_is_on_and_pinned() {
    let on = Params::default();
    assert!(on.types.definitions && on.types.formulas);
    let mut off = on;
    off.types.definitions = false;
    off.types.formulas = false;
    lifts_each(&step_on_families(
        &off,
        &on,
        &[("supply", Some((0.915, 0.70, 0.795)), (0.93, 0.70, 0.80))],
    ));
    for name in DEV_FAMILIES {
        let docs: Vec<&Regulation> = dev_family(name).1.docs.iter().collect();
        let alignment = align_with(&docs, &on);
        let norm = |d: &DocId, n: u32| {
            docs.iter()
                .find(|r| &r.id == d)
                .and_then(|r| r.articles.iter().find(|a| a.number == n))
                .map_or(String::new(), |a| a.norm.clone())
        };
        for g in alignment.groups.iter() {
            let members: Vec<String> = g
                .members
                .iter()
                .flat_map(|(d, ns)| ns.iter().map(move |&n| (d, n)))
                .map(|(d, n)| norm(d, n))
                .collect();
            if members.len() < 2 {
                continue;
            }
            for (i, text) in members.iter().enumerate() {
                if !guize::align::types::only_defines(text) {
                    continue;
                }
                let mate = members.iter().enumerate().any(|(j, t)| {
                    j != i
                        && guize::align::all_article_types(t)
                            .iter()
                            .any(|k| k == "定义" || k == "适用范围")
                });
                assert!(mate, "{name}: a definition in {} without a mate", g.label);
            }
        }
    }
}

/// Four 全民健身条例 from lawrefbook (北京 2017, 宁波 2021, 山东 2017, 杭州 2010), the corpus of the
/// thirty-third fresh-eyes review, aligned with `params`.
fn fitness(params: &Params) -> Alignment {
    let sources: BTreeMap<String, String> = [
        (
            "北京",
            "DLC/北京地方法规/地方性法规/北京/北京市全民健身条例.md",
        ),
        (
            "宁波",
            "DLC/浙江地方法规/地方性法规/浙江/宁波市全民健身条例(2021-06-11).md",
        ),
        (
            "山东",
            "DLC/山东地方法规/地方性法规/山东/山东省全民健身条例(2017-12-01).md",
        ),
        (
            "杭州",
            "DLC/浙江地方法规/地方性法规/浙江/杭州市全民健身条例(2010-12-31).md",
        ),
    ]
    .into_iter()
    .map(|(id, path)| (id.to_string(), path.to_string()))
    .collect();
    let dir = std::env::temp_dir().join(format!("guize-align-fitness-{}", std::process::id()));
    shared::copy_sources(&sources, &dir);
    let corpus = Corpus::load(&dir).expect("fitness corpus loads");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(corpus.docs.len(), 4, "four 全民健身条例");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    align_with(&docs, params)
}

/// The group holding `doc`'s article `n`, as (document, article) pairs.
fn group_of(alignment: &Alignment, doc: &str, n: u32) -> Vec<(String, u32)> {
    alignment
        .groups
        .iter()
        .find(|g| {
            g.members
                .get(&DocId::from(doc))
                .is_some_and(|ns| ns.contains(&n))
        })
        .map(|g| {
            g.members
                .iter()
                .flat_map(|(d, ns)| ns.iter().map(move |&m| (d.0.to_string(), m)))
                .collect()
        })
        .unwrap_or_default()
}

/// Members held by weak links only (`Params::weak`: a member none of whose links to its group's
/// other documents both reaches `z` over the corpus's null and matches more than a side paragraph
/// leaves the group, and with `best` joins the group of its best candidate) are off by default:
/// over the sixteen dev families the members so held are mostly true ones (the gold groups an
/// article with the broader article that holds its matter in a side paragraph), and no setting
/// of the grid beat the defaults under leave-one-family-out (docs/alignment-rejected.md,
/// "Members held by a weak link"). On, at `side_share` 0.5 with `best`, it does what issue 11
/// asks on the four 全民健身条例: 北京 29 (工会、共青团、妇联… organise fitness activities), held in
/// the 体育主管部门 group by 宁波 5's third paragraph alone, leaves it for 山东 21, the same
/// sentence; and it costs the civility 0.377 → 0.340 (an article matching one paragraph of a
/// broad 倡导 article is the gold's member there).
#[test]
fn weak_members_are_off_and_pinned_when_on() {
    let defaults = Params::default();
    assert!(!defaults.weak.on);
    let mut on = defaults;
    on.weak.on = true;
    on.weak.side_share = 0.5;
    on.weak.best = true;
    let before = fitness(&defaults);
    let held = group_of(&before, "北京", 29);
    assert!(
        held.contains(&("宁波".to_string(), 5)) && !held.contains(&("山东".to_string(), 21)),
        "defaults: 北京 29 in {held:?}"
    );
    let after = fitness(&on);
    let moved = group_of(&after, "北京", 29);
    assert_eq!(
        moved,
        vec![("北京".to_string(), 29), ("山东".to_string(), 21)],
        "on: 北京 29 with 山东 21"
    );
    let rest = group_of(&after, "宁波", 5);
    assert!(
        rest.contains(&("山东".to_string(), 6)) && rest.contains(&("杭州".to_string(), 3)),
        "on: the 体育主管部门 group keeps its others: {rest:?}"
    );
    let (without, with) = off_and_on("civility", &defaults, &on);
    eprintln!("civility: off {without:?}, on {with:?}");
    assert!(with.f1 < without.f1 - 0.03, "civility: {with:?}");
}

/// The four 旅游条例 (上海 2020, 山东 2016, 杭州 2016, 浙江 2017) of the thirty-ninth
/// fresh-eyes review, aligned with `params`.
fn tourism(params: &Params) -> Alignment {
    let sources: BTreeMap<String, String> = [
        (
            "上海",
            "DLC/上海地方法规/地方性法规/上海/上海市旅游条例(2020-05-14).md",
        ),
        (
            "山东",
            "DLC/山东地方法规/地方性法规/山东/山东省旅游条例(2016-11-26).md",
        ),
        (
            "杭州",
            "DLC/浙江地方法规/地方性法规/浙江/杭州市旅游条例(2016-12-27).md",
        ),
        (
            "浙江",
            "DLC/浙江地方法规/地方性法规/浙江/浙江省旅游条例(2017-11-30).md",
        ),
    ]
    .into_iter()
    .map(|(id, file)| (id.to_string(), file.to_string()))
    .collect();
    let dir = std::env::temp_dir().join(format!("guize-align-tourism-{}", std::process::id()));
    shared::copy_sources(&sources, &dir);
    let corpus = Corpus::load(&dir).expect("tourism corpus loads");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(corpus.docs.len(), 4, "four 旅游条例");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    align_with(&docs, params)
}

/// A member held by a minor paragraph moved to the group of its main matter (`Params::minor`:
/// every link to its group carried by a paragraph other than its first, the first paragraph's
/// best match lying in another group that lacks its document) is off by default: over the
/// sixteen dev families the shape is rare (16 members whose main paragraph points to another
/// group; the gold holds 1 of them with that group, 6 where they are) and no setting of the grid
/// raised the leave-one-family-out mean (docs/alignment-rejected.md, "A member held by a minor
/// paragraph moved to its main matter"). On, at its settings, it does what the review asked of
/// the four 旅游条例: 上海 47 (书面旅游合同, its first paragraph), held with 杭州 44 by its last
/// paragraph (旅游服务质量保证金), joins 杭州 43 and 山东 43; and on the budget family it moves one
/// member right (0.694 → 0.706).
#[test]
fn minor_paragraph_members_are_off_and_pinned_when_on() {
    let defaults = Params::default();
    assert!(!defaults.minor.on);
    let mut on = defaults;
    on.minor.on = true;
    let before = tourism(&defaults);
    let held = group_of(&before, "上海", 47);
    assert_eq!(
        held,
        vec![("上海".to_string(), 47), ("杭州".to_string(), 44)],
        "defaults: 上海 47 with 杭州 44"
    );
    let after = tourism(&on);
    let moved = group_of(&after, "上海", 47);
    assert_eq!(
        moved,
        vec![
            ("上海".to_string(), 47),
            ("山东".to_string(), 43),
            ("杭州".to_string(), 43)
        ],
        "on: 上海 47 with 杭州 43 and 山东 43"
    );
    let (without, with) = off_and_on("budget", &defaults, &on);
    eprintln!("budget: off {without:?}, on {with:?}");
    assert!(with.f1 > without.f1 + 0.005, "budget: {with:?}");
}

/// The four 供热条例 (山东 2021, 泰安 2020, 潍坊 2021, 青岛 2017) of the thirty-fifth
/// fresh-eyes review, aligned with `params`.
fn heating(params: &Params) -> Alignment {
    let sources: BTreeMap<String, String> = [
        ("山东", "山东省供热条例(2021-12-03).md"),
        ("泰安", "泰安市供热条例(2020-11-27).md"),
        ("潍坊", "潍坊市供热条例(2021-01-28).md"),
        ("青岛", "青岛市供热条例(2017-12-01).md"),
    ]
    .into_iter()
    .map(|(id, file)| {
        (
            id.to_string(),
            format!("DLC/山东地方法规/地方性法规/山东/{file}"),
        )
    })
    .collect();
    let dir = std::env::temp_dir().join(format!("guize-align-heating-{}", std::process::id()));
    shared::copy_sources(&sources, &dir);
    let corpus = Corpus::load(&dir).expect("heating corpus loads");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(corpus.docs.len(), 4, "four 供热条例");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    align_with(&docs, params)
}

/// The four 物业管理条例 (北京 2024, 宁波 2021, 湖州 2021, 温州 2017) of the thirty-sixth
/// fresh-eyes review, aligned with `params`.
fn property(params: &Params) -> Alignment {
    let sources: BTreeMap<String, String> = [
        (
            "北京",
            "北京地方法规/地方性法规/北京/北京市物业管理条例(2024-03-29).md",
        ),
        (
            "宁波",
            "浙江地方法规/地方性法规/浙江/宁波市住宅小区物业管理条例(2021-10-15).md",
        ),
        (
            "湖州",
            "浙江地方法规/地方性法规/浙江/湖州市物业管理条例(2021-04-06).md",
        ),
        (
            "温州",
            "浙江地方法规/地方性法规/浙江/温州市物业管理条例(2017-04-06).md",
        ),
    ]
    .into_iter()
    .map(|(id, file)| (id.to_string(), format!("DLC/{file}")))
    .collect();
    let dir = std::env::temp_dir().join(format!("guize-align-property-{}", std::process::id()));
    shared::copy_sources(&sources, &dir);
    let corpus = Corpus::load(&dir).expect("property corpus loads");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(corpus.docs.len(), 4, "four 物业管理条例");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    align_with(&docs, params)
}

/// A penalty's tier (逾期不改正, 情节严重: `text::penalty::is_tier`) read as no described conduct
/// (`Params::xref_tiers` false; left true by default: it lifts the waste family's alignment 0.821 →
/// 0.830 and moves no other dev family, so leave-one-family-out stays 0.7229, and it costs the
/// dust family's topic search 0.955 → 0.943). On the four 物业管理条例 of the thirty-sixth
/// fresh-eyes review, 温州 22 (the committee members' prohibited acts) closes with 逾期不改正的，…,
/// so the tier 逾期不改正 of 温州 49–54 resolves to it; each of the six then punishes 温州 22
/// beside its own cited provision, the tie goes to 温州 22's group (the other documents punish
/// it), and one group holds ten penalties on at least seven offences. Without tiers, each 温州
/// penalty is keyed by the provision it cites: 温州 49 (资料 not handed over) sits with 北京 90
/// (建设单位不移交资料), 温州 53 (信息 not published) with 北京 94, 宁波 93 and 湖州 52, and 温州 50
/// (the committee members' offence) stays with 湖州 49.
#[test]
fn a_tier_is_no_conduct_and_keys_no_penalty() {
    let defaults = Params::default();
    assert!(defaults.xref_tiers);
    let without = Params {
        xref_tiers: false,
        ..Params::default()
    };
    let on = property(&without);
    let wz = |n: u32| ("温州".to_string(), n);
    let records = group_of(&on, "温州", 49);
    assert!(records.contains(&("北京".to_string(), 90)), "{records:?}");
    let notices = group_of(&on, "温州", 53);
    for member in [("北京", 94), ("宁波", 93), ("湖州", 52)] {
        assert!(
            notices.contains(&(member.0.to_string(), member.1)),
            "温州 53 with {member:?}: {notices:?}"
        );
    }
    let committee = group_of(&on, "温州", 50);
    assert!(
        committee.contains(&("湖州".to_string(), 49)),
        "{committee:?}"
    );
    for (n, group) in [(49, &records), (50, &committee), (53, &notices)] {
        let own: Vec<_> = group.iter().filter(|m| m.0 == "温州").collect();
        assert_eq!(
            own,
            vec![&wz(n)],
            "温州 {n} alone of its document: {group:?}"
        );
    }
    // With tiers read as conducts (the default), the six share one group.
    let before = group_of(&property(&defaults), "温州", 49);
    assert!((49..=54).all(|n| before.contains(&wz(n))), "{before:?}");
}

/// Penalties joined by the offence their conditions state (`Params::offence`: `join` at `cos`
/// 0.5, `grams` 4, `cover` 1, chosen by leave-one-family-out over the sixteen dev families, mean
/// 0.7229 → 0.7234: farm 0.607 → 0.616, trees 0.782 → 0.783, no family lower). It is **off**:
/// on the fireworks and tourism families the figures test (`tests/figures_reported.rs`) found
/// fines for like conduct taken out of their rows, so it waits for a measure of that harm.
/// On the four 供热条例 of the thirty-fifth fresh-eyes review, 山东 45 (未取得供热经营许可证从事
/// 供热经营活动…五万元以上五十万元以下罚款) was alone: its conduct resolves to 山东 16 (the licence
/// conditions, grouped with 青岛 22), while 泰安 47, whose first sentence is the same offence and
/// fine word for word, cites 泰安 16, grouped with 山东 17. With the step, 山东 45 joins 泰安 47
/// (with 山东 46, its second sentence's counterpart). The second case of the review (山东 49 /
/// 潍坊 40 with 潍坊 41 / 青岛 55, two offences in one group) is not fixed: the list penalties'
/// items link to one another's only in part, so `cover` 1 does not move them, and the split that
/// would cut the group (`split`) changes no dev family and stays off.
#[test]
fn offences_join_penalties_to_their_word_for_word_counterparts() {
    let defaults = Params::default();
    assert!(!defaults.offence.join && !defaults.offence.split && !defaults.offence.clear_ties);
    let mut with = defaults;
    with.offence.join = true;
    let on = heating(&with);
    let joined = group_of(&on, "山东", 45);
    for member in [("山东", 46), ("泰安", 47)] {
        assert!(
            joined.contains(&(member.0.to_string(), member.1)),
            "山东 45 with {member:?}: {joined:?}"
        );
    }
    let before = heating(&defaults);
    assert_eq!(
        group_of(&before, "山东", 45),
        vec![("山东".to_string(), 45)],
        "off: 山东 45 alone"
    );
    // Still two offences in one group: left for a later round.
    let metering = group_of(&on, "山东", 49);
    assert!(
        metering.contains(&("潍坊".to_string(), 40))
            && metering.contains(&("青岛".to_string(), 55)),
        "山东 49's group: {metering:?}"
    );
}

/// Lone articles anchored by a paragraph far above the corpus's null (`Params::anchor`) are off
/// by default: over the sixteen dev families leave-one-family-out does not choose the step (mean
/// 0.7228 against 0.7229), and where it is loose enough to reach more lone articles, its own
/// links are mostly false (docs/alignment-rejected.md, "Lone articles anchored by a paragraph
/// far above the null"). On, at `z` 8 with `back` 2, it does part of what issue 11 asks on the
/// four 物业管理条例: 北京 81 (buyers pay the maintenance fund in full), left alone by the second
/// clustering pass, joins 温州 42 (交纳 of the fund), whose best paragraph pair with it lies
/// about nine spreads above the null.
#[test]
fn anchor_is_off_and_pinned_when_on() {
    let defaults = Params::default();
    assert!(!defaults.anchor.on);
    let before = property(&defaults);
    let alone = group_of(&before, "北京", 81);
    assert_eq!(
        alone,
        vec![("北京".to_string(), 81)],
        "defaults: 北京 81 in {alone:?}"
    );
    let on = Params::overridden(
        r#"{"anchor.on": true, "anchor.z": 8, "anchor.back": 2, "anchor.docs": 1,
            "anchor.agree": 1.0, "anchor.span": 3}"#,
    )
    .expect("settings parse");
    let after = property(&on);
    let joined = group_of(&after, "北京", 81);
    assert!(
        joined.contains(&("温州".to_string(), 42)),
        "on: 北京 81 in {joined:?}"
    );
    // The step only moves lone articles into groups: no group of several articles is split.
    let grouped = |a: &Alignment| {
        a.groups
            .iter()
            .filter(|g| g.members.values().map(Vec::len).sum::<usize>() > 1)
            .map(|g| g.members.values().map(Vec::len).sum::<usize>())
            .sum::<usize>()
    };
    assert!(grouped(&after) > grouped(&before));
}

/// Four lawrefbook regulations (id, path under `DLC/`), aligned with `params`.
fn four_of(tag: &str, files: [(&str, &str); 4], params: &Params) -> Alignment {
    let sources: BTreeMap<String, String> = files
        .into_iter()
        .map(|(id, file)| (id.to_string(), format!("DLC/{file}")))
        .collect();
    let dir = std::env::temp_dir().join(format!("guize-align-{tag}-{}", std::process::id()));
    shared::copy_sources(&sources, &dir);
    let corpus = Corpus::load(&dir).expect("corpus loads");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(corpus.docs.len(), 4, "four regulations");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    align_with(&docs, params)
}

/// The officials' liability as evidence against a link (`Params::xref_office`,
/// `Params::office_apart`, `office_apart_last`; all off: leave-one-family-out over the sixteen
/// dev families rose by 0.0014 at most, below the bar, docs/alignment-rejected.md, "The
/// officials' liability as evidence against a penalty link"). On the four 安全生产条例 (上海
/// 2018, 山东 2021, 浙江 2016, 重庆 2015), the penalties' tiers (导致发生生产安全事故, 构成犯罪)
/// resolve to the officials' liability articles, one group across the four, and the regrouping's
/// tie-break keys eight unlike penalties by it: 山东 74 (安全总监), 山东 76 (违章指挥), 重庆 51, 53,
/// 56–58, 上海 62. With `xref_office` that article is no provision: 山东 74 sits with 重庆 51
/// (分管负责人), 山东 76 with 上海 68. On the four 献血条例 (临沂 2019, 北京 2021, 宁波 2020, 泰安
/// 2021), 临沂 40 (国家机关工作人员滥用职权 → 处分) and 北京 48 (血站违反操作规程 → 责令改正) are
/// one group; `office_apart` cuts it after the regrouping, `twins` joins the two again, and with
/// `office_apart_last` the cut is made again at the end.
#[test]
fn the_officials_liability_keys_no_penalty_and_stands_apart() {
    let defaults = Params::default();
    assert!(!defaults.xref_office && !defaults.office_apart && !defaults.office_apart_last);
    let safety = |params: &Params| {
        four_of(
            "safety",
            [
                (
                    "上海",
                    "上海地方法规/地方性法规/上海/上海市安全生产条例(2018-05-24).md",
                ),
                (
                    "山东",
                    "山东地方法规/地方性法规/山东/山东省安全生产条例(2021-12-03).md",
                ),
                (
                    "浙江",
                    "浙江地方法规/地方性法规/浙江/浙江省安全生产条例(2016-07-29).md",
                ),
                (
                    "重庆",
                    "重庆地方法规/地方性法规/重庆/重庆市安全生产条例(2015-12-08).md",
                ),
            ],
            params,
        )
    };
    let m = |d: &str, n: u32| (d.to_string(), n);
    let pooled = group_of(&safety(&defaults), "山东", 74);
    for member in [m("山东", 76), m("重庆", 51), m("重庆", 57), m("上海", 62)] {
        assert!(pooled.contains(&member), "{member:?} in {pooled:?}");
    }
    let office = Params {
        xref_office: true,
        ..Params::default()
    };
    let on = safety(&office);
    let officer = group_of(&on, "山东", 74);
    assert!(officer.contains(&m("重庆", 51)), "{officer:?}");
    for other in [m("山东", 76), m("重庆", 53), m("重庆", 57), m("上海", 62)] {
        assert!(!officer.contains(&other), "{other:?} in {officer:?}");
    }
    let orders = group_of(&on, "山东", 76);
    assert!(orders.contains(&m("上海", 68)), "{orders:?}");

    let blood = |params: &Params| {
        four_of(
            "blood",
            [
                (
                    "临沂",
                    "山东地方法规/地方性法规/山东/临沂市献血条例(2019-02-12).md",
                ),
                (
                    "北京",
                    "北京地方法规/地方性法规/北京/北京市献血条例(2021-11-26).md",
                ),
                (
                    "宁波",
                    "浙江地方法规/地方性法规/浙江/宁波市献血条例(2020-06-05).md",
                ),
                (
                    "泰安",
                    "山东地方法规/地方性法规/山东/泰安市献血条例(2021-07-31).md",
                ),
            ],
            params,
        )
    };
    assert!(group_of(&blood(&defaults), "临沂", 40).contains(&m("北京", 48)));
    let apart = Params {
        office_apart: true,
        ..Params::default()
    };
    assert!(group_of(&blood(&apart), "临沂", 40).contains(&m("北京", 48)));
    let last = Params {
        office_apart: true,
        office_apart_last: true,
        ..Params::default()
    };
    let officials = group_of(&blood(&last), "临沂", 40);
    assert!(!officials.contains(&m("北京", 48)), "{officials:?}");
}
