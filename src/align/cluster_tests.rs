//! Unit tests of `cluster.rs` on small hand-made corpora: the merge rules (mutual best matches
//! above `edge_min`, no document twice, the average link), stragglers, and fused provisions.
//! Each corpus is parsed from text, so articles carry their paragraphs as the parser makes them.

use super::{ClusterParams, FusedParts, Scored, Support, cluster, with_support};
use crate::align::timings::Stopwatch;
use crate::align::{Params, build_space, candidate_pairs};
use crate::model::{DocId, Regulation};
use crate::parse::{Source, SourceKind, parse};
use std::path::Path;

/// A document whose articles are `articles`, one 第X条 each (paragraphs split on '\n').
fn doc(id: &str, articles: &[&str]) -> Regulation {
    let text: String = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            format!(
                "第{}条 {a}\n",
                crate::text::numeral::to_chinese(i as u32 + 1)
            )
        })
        .collect();
    parse(Source {
        id: DocId::from(id),
        path: Path::new(id),
        text: &text,
        kind: SourceKind::Text,
        meta: Default::default(),
    })
}

/// The clusters of `docs` under `p`, as sorted lists of (document id, article number), sorted.
fn groups(docs: &[Regulation], p: ClusterParams) -> Vec<Vec<(String, u32)>> {
    let docs: Vec<&Regulation> = docs.iter().collect();
    let params = Params::default();
    let space = build_space(&docs, params.sim);
    let scored = Scored::new(
        &space,
        candidate_pairs(&space, params.candidates, &mut Stopwatch::off()),
    );
    let fused = FusedParts::new(&space, &scored, &docs, &p);
    let mut out: Vec<Vec<(String, u32)>> =
        cluster(&space, &scored, &fused, p, &mut Stopwatch::off())
            .into_iter()
            .map(|members| {
                let mut named: Vec<(String, u32)> = members
                    .into_iter()
                    .map(|m| {
                        let u = space.units[m];
                        (docs[u.doc].id.as_str().to_string(), u.number)
                    })
                    .collect();
                named.sort();
                named
            })
            .collect();
    out.sort();
    out
}

/// The default settings with every step after the merges off: no straggler attached (a split
/// provision joins its neighbour's cluster, so a document may appear twice), no fragment absorbed,
/// no paragraph evidence.
fn merges_only() -> ClusterParams {
    ClusterParams {
        split_min: 5.0,
        vote_min: 5.0,
        absorb_min: 2.0,
        part_min: 2.0,
        ..Params::default().cluster
    }
}

fn group_of<'g>(groups: &'g [Vec<(String, u32)>], doc: &str, n: u32) -> &'g [(String, u32)] {
    groups
        .iter()
        .find(|g| g.iter().any(|(d, a)| d == doc && *a == n))
        .map_or(&[], Vec::as_slice)
}

fn has_doc_twice(group: &[(String, u32)]) -> bool {
    group.windows(2).any(|w| w[0].0 == w[1].0)
}

const MEETING: &str =
    "区政府常务会议由区长、常务副区长、副区长、区政府办公室主任组成，由区长召集和主持。";
const MEETING_B: &str =
    "区政府常务会议由区长、常务副区长、副区长和区政府办公室主任组成，区长召集并主持。";
const MEETING_C: &str =
    "常务会议由区长、常务副区长、各副区长、区政府办公室主任组成，区长负责召集主持。";
const DOCUMENTS: &str =
    "区政府各部门要严格执行公文处理办法，精简文件简报，提高公文质量和办文效率。";
const DOCUMENTS_B: &str =
    "各部门严格执行公文处理办法，精简文件和简报，切实提高公文质量与办文效率。";
const DOCUMENTS_C: &str =
    "区政府各部门应当严格执行公文处理规定，精简文件简报，提高公文质量和效率。";
const SAFETY: &str = "严格落实安全生产责任制，加强隐患排查治理，防范化解重大安全风险。";

#[test]
fn counterparts_in_every_document_form_one_group_each() {
    let docs = [
        doc("a", &[MEETING, DOCUMENTS]),
        doc("b", &[DOCUMENTS_B, MEETING_B]),
        doc("c", &[MEETING_C, DOCUMENTS_C]),
    ];
    let g = groups(&docs, merges_only());
    assert_eq!(
        group_of(&g, "a", 1),
        [("a".into(), 1), ("b".into(), 2), ("c".into(), 1)]
    );
    assert_eq!(
        group_of(&g, "a", 2),
        [("a".into(), 2), ("b".into(), 1), ("c".into(), 2)]
    );
    assert_eq!(g.len(), 2, "{g:?}");
}

#[test]
fn every_article_is_in_exactly_one_cluster() {
    let docs = [
        doc("a", &[MEETING, DOCUMENTS, SAFETY]),
        doc("b", &[DOCUMENTS_B, MEETING_B]),
    ];
    let g = groups(&docs, Params::default().cluster);
    let mut all: Vec<&(String, u32)> = g.iter().flatten().collect();
    all.sort();
    let before = all.len();
    all.dedup();
    assert_eq!(before, all.len(), "an article in two clusters: {g:?}");
    assert_eq!(all.len(), 5);
}

#[test]
fn unrelated_articles_stay_alone() {
    let docs = [doc("a", &[MEETING]), doc("b", &[SAFETY])];
    let g = groups(&docs, Params::default().cluster);
    assert_eq!(g, [vec![("a".into(), 1)], vec![("b".into(), 1)]]);
}

#[test]
fn a_raised_edge_threshold_keeps_even_counterparts_apart() {
    let docs = [doc("a", &[MEETING]), doc("b", &[MEETING_B])];
    let merged = groups(&docs, merges_only());
    assert_eq!(merged.len(), 1, "{merged:?}");
    let strict = ClusterParams {
        edge_min: 5.0,
        copy_min: 5.0,
        ..merges_only()
    };
    assert_eq!(groups(&docs, strict).len(), 2);
}

#[test]
fn no_document_twice_in_a_group_without_fusing() {
    // Document a says the same thing twice (a repeated article); b has it once. Only one of a's
    // copies may join b's article: merging never puts two articles of one document together.
    let docs = [
        doc("a", &[MEETING, SAFETY, MEETING_C]),
        doc("b", &[MEETING_B]),
        doc("c", &[DOCUMENTS, MEETING]),
    ];
    let g = groups(&docs, merges_only());
    assert!(g.iter().all(|grp| !has_doc_twice(grp)), "{g:?}");
    assert!(
        group_of(&g, "b", 1).len() >= 2,
        "b's article found a counterpart: {g:?}"
    );
}

#[test]
fn the_average_link_stops_a_chain_drifting_off_topic() {
    // b's article holds the wording of a's and of c's; a's and c's share nothing. Pairwise, a–b
    // and b–c are mutual best matches, but a cluster {a, b} is on average far from c.
    let a = "区政府常务会议由区长、常务副区长、副区长、区政府办公室主任组成，由区长召集和主持。";
    let b = "区政府常务会议由区长、常务副区长、副区长、区政府办公室主任组成，由区长召集和主持。严格落实安全生产责任制，加强隐患排查治理，防范化解重大安全风险。";
    let c = "严格落实安全生产责任制，加强隐患排查治理，防范化解重大安全风险。";
    let docs = [doc("a", &[a]), doc("b", &[b]), doc("c", &[c])];
    let strict = groups(
        &docs,
        ClusterParams {
            link_min: 0.6,
            ..merges_only()
        },
    );
    assert!(
        strict.iter().all(|grp| grp.len() < 3),
        "a and c joined through b: {strict:?}"
    );
    let lax = groups(
        &docs,
        ClusterParams {
            link_min: -1.0,
            ..merges_only()
        },
    );
    assert!(lax.iter().any(|grp| grp.len() == 3), "{lax:?}");
}

#[test]
fn a_fused_article_takes_both_articles_it_holds() {
    // a's article 1 holds in two paragraphs what b says in two neighbouring articles.
    let fused = format!("{MEETING}\n{DOCUMENTS}");
    let docs = [
        doc("a", &[&fused, SAFETY]),
        doc("b", &[MEETING_B, DOCUMENTS_B]),
        doc("c", &[MEETING_C, DOCUMENTS_C]),
    ];
    let with_parts = groups(&docs, Params::default().cluster);
    let g = group_of(&with_parts, "a", 1);
    assert!(
        g.contains(&("b".into(), 1)) && g.contains(&("b".into(), 2)),
        "{with_parts:?}"
    );
    let without = groups(&docs, merges_only());
    assert!(
        without.iter().all(|grp| !has_doc_twice(grp)),
        "only the fusing steps may put two articles of one document together: {without:?}"
    );
}

#[test]
fn on_the_five_no_merge_puts_one_document_twice_in_a_group() {
    let corpus = crate::builtin::load().expect("the built-in five load");
    let g = groups(&corpus.docs, merges_only());
    assert!(g.iter().all(|grp| !has_doc_twice(grp)));
    assert!(
        g.iter().filter(|grp| grp.len() >= 3).count() > 20,
        "the five share many provisions"
    );
}

/// The order-gap step (`gap_z`): b and c keep their budget article between the meeting and the
/// documents articles; a words it differently, so it stays alone on wording, but it lies between
/// the same two groups in a, and with the step on it takes the gap's group.
#[test]
fn a_lone_article_between_two_groups_takes_the_group_between_them_elsewhere() {
    let budget_b = "区财政部门编制年度预算草案，报区政府常务会议审定后提请人大审议。";
    let budget_c = "年度预算草案由区财政部门编制，经区政府常务会议审定，提请人大审议。";
    let budget_a = "财政收支计划经区长办公会研究，依照法定程序报批执行。";
    let docs = [
        doc("a", &[MEETING, budget_a, DOCUMENTS]),
        doc("b", &[MEETING_B, budget_b, DOCUMENTS_B]),
        doc("c", &[MEETING_C, budget_c, DOCUMENTS_C]),
    ];
    let off = groups(&docs, Params::default().cluster);
    assert_eq!(group_of(&off, "a", 2).len(), 1, "{off:?}");
    assert_eq!(group_of(&off, "b", 2).len(), 2, "{off:?}");
    let on = groups(
        &docs,
        ClusterParams {
            gap_z: -50.0,
            ..Params::default().cluster
        },
    );
    let g = group_of(&on, "a", 2);
    assert!(
        g.contains(&("b".to_string(), 2)) && g.contains(&("c".to_string(), 2)),
        "{on:?}"
    );
    // The anchors are untouched.
    assert_eq!(group_of(&on, "a", 1).len(), 3, "{on:?}");
}

/// The calibrated edge: under an edge threshold that keeps even counterparts apart, a mutual
/// best match well above the corpus's null median still links when `edge_z` admits it, and not
/// when it must lead its runner-up by more than it can.
#[test]
fn a_calibrated_edge_links_mutual_best_matches_under_a_raised_threshold() {
    let docs = [
        doc("a", &[MEETING, DOCUMENTS, SAFETY]),
        doc("b", &[DOCUMENTS_B, MEETING_B]),
    ];
    let raised = ClusterParams {
        edge_min: 5.0,
        copy_min: 5.0,
        ..merges_only()
    };
    let apart = groups(&docs, raised);
    assert_eq!(group_of(&apart, "a", 1).len(), 1, "{apart:?}");
    let calibrated = ClusterParams {
        edge_z: 0.0,
        ..raised
    };
    let g = groups(&docs, calibrated);
    assert_eq!(group_of(&g, "a", 1), [("a".into(), 1), ("b".into(), 2)]);
    assert_eq!(group_of(&g, "a", 2), [("a".into(), 2), ("b".into(), 1)]);
    assert_eq!(group_of(&g, "a", 3).len(), 1, "{g:?}");
    let demanding = ClusterParams {
        edge_margin: 1.5,
        ..calibrated
    };
    let g = groups(&docs, demanding);
    assert_eq!(group_of(&g, "a", 1).len(), 1, "{g:?}");
}

/// Both passes read one [`FusedParts`]: the second pass's support changes the candidates'
/// scores, never which they are or their order.
#[test]
fn the_second_pass_keeps_the_candidates() {
    let docs = [
        doc("a", &[MEETING, DOCUMENTS, SAFETY]),
        doc("b", &[DOCUMENTS_B, MEETING_B]),
    ];
    let docs: Vec<&Regulation> = docs.iter().collect();
    let params = Params::default();
    let space = build_space(&docs, params.sim);
    let pairs = candidate_pairs(&space, params.candidates, &mut Stopwatch::off());
    let scored = Scored::new(&space, pairs.clone());
    let fused = FusedParts::new(&space, &scored, &docs, &params.cluster);
    let first = cluster(
        &space,
        &scored,
        &fused,
        params.cluster,
        &mut Stopwatch::off(),
    );
    assert!(first.iter().any(|c| c.len() >= 2), "{first:?}");
    // Every article cites its own document's first article, so that the cross-references count.
    let refs: Vec<Vec<usize>> = space
        .units
        .iter()
        .map(|u| vec![space.doc_starts[u.doc]])
        .collect();
    let support = Support {
        neighbours: params.neighbours,
        xref_bonus: params.xref_bonus,
        xref_malus: params.xref_malus,
        xref_graded: params.xref_graded,
        xref_text: params.xref_text,
        refs: &refs,
    };
    let again = with_support(&space, &first, &scored.pairs, &support);
    let ids = |lists: &[Vec<(u32, f32)>]| -> Vec<Vec<u32>> {
        lists
            .iter()
            .map(|l| l.iter().map(|p| p.0).collect())
            .collect()
    };
    assert!(pairs.iter().any(|l| !l.is_empty()));
    assert_eq!(ids(&again), ids(&scored.pairs));
    assert_ne!(again, scored.pairs, "the support changes some score");
}
