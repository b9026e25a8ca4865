//! Paragraphs grouped first, articles grouped from them (setting `paras`, on). The
//! article step compares whole articles; a document that holds in one article what another
//! splits in two, or in one paragraph what another gives an article of its own, shows up there
//! only diluted. Here the paragraphs (款, and items, which the parser keeps as paragraphs) are
//! matched across documents first: each paragraph's best paragraph in each other document among
//! the paragraphs of its article's candidates, an edge where two paragraphs are each other's best
//! and their cosine lies above the `quantile` of the corpus's null (the cosines of paragraphs of
//! different documents drawn by a fixed hash, as `Space::null_sim` draws articles). Edges join
//! paragraphs into clusters strongest first, never two paragraphs of one document in a cluster.
//!
//! Article links follow by the gold files' convention: article X of one document joins article Y
//! of another when a paragraph cluster holds a *main* part of each (a paragraph carrying at least
//! `main` of its article's weighted wording, or the article's opening), never on a side
//! sentence. The step only adds to the grouping the article step made: two groups join when
//! `votes` such article links tie them and the article of the link's one side is its document's
//! only article in the two (it holds both matters: the split groups of one gold matter), each
//! document's articles in the joined group within `span` positions; with `lone` (off: it costs
//! the five and the dogs), a lone article joins the group of its paragraph counterpart. Groups
//! are never taken apart, and penalties take no part (their formula is shared).
//!
//! Work: the paragraphs of each article against those of its candidates (never all pairs), one
//! sample of 20,000 paragraph pairs for the null, then one pass over the edges.

use super::cluster::Scored;
use super::features::{SparseVec, Spread, bigrams};
use super::space::Space;
use super::twins::owners;
use crate::model::Regulation;
use rayon::prelude::*;

/// Settings of the step (`paras`), chosen by leave-one-family-out over the ten dev families
/// (docs/alignment-method.md, "Paragraphs grouped first, groups joined by them"): the group joins
/// on, the lone joins off.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct ParaParams {
    /// When true, paragraph clusters join articles the article step left apart.
    pub on: bool,
    /// Least cosine of a paragraph edge, as a quantile of the null: most paragraph pairs of
    /// different documents share no bigram, so the null's median and spread are both 0 and a
    /// threshold in robust spreads says nothing; its upper quantile does.
    pub quantile: f32,
    /// Least lead of each side of an edge over its runner-up in the other's document, as a share
    /// of its own cosine.
    pub margin: f32,
    /// Least share of its article's weighted wording for a paragraph to be a main part (the
    /// article's opening paragraph always is).
    pub main: f32,
    /// When true, a lone article joins the group of its paragraph counterpart.
    pub lone: bool,
    /// When true, a lone article joins only a group holding its best article match in some
    /// document (the article step's own ranking agrees).
    pub agree: bool,
    /// When true, two groups of several documents join on the paragraph links between them.
    pub groups: bool,
    /// Article links a join of two groups needs.
    pub votes: usize,
    /// Most positions apart that one document's articles in a joined group may lie.
    pub span: usize,
    /// When true, penalties take part (their formula 由…处…罚款 is shared whatever they punish).
    pub penalties: bool,
}

impl Default for ParaParams {
    fn default() -> ParaParams {
        ParaParams {
            on: true,
            quantile: 0.99,
            margin: 0.0,
            main: 0.2,
            lone: false,
            agree: false,
            groups: true,
            votes: 1,
            span: 3,
            penalties: false,
        }
    }
}

/// One paragraph: its article, its unit bigram vector and whether it is a main part.
struct Para {
    unit: usize,
    vec: SparseVec,
    main: bool,
}

/// Bigrams a paragraph needs to count as evidence of its own (as `parts::MIN_BIGRAMS`).
const MIN_BIGRAMS: usize = 6;

/// Paragraph pairs drawn for the null distribution.
const NULL_SAMPLES: usize = 20_000;

/// The paragraphs of unit `x` with their share of its weighted wording (the sum of their
/// bigrams' weights over the article's).
fn paras_of(docs: &[&Regulation], space: &Space, x: usize, main: f32) -> Vec<Para> {
    let n = space.len();
    let Some(article) = space.units[x].article(docs) else {
        return Vec::new();
    };
    let weighed: Vec<(usize, SparseVec, f32)> = article
        .paragraphs
        .iter()
        .take(crate::model::MAX_PARAGRAPHS_WEIGHED)
        .enumerate()
        .map(|(i, p)| (i, bigrams(&p.text)))
        .filter(|(_, g)| g.len() >= MIN_BIGRAMS)
        .map(|(i, g)| {
            let (v, mass) = super::parts::weigh_pairs_mass(space, &g, n);
            (i, v, mass)
        })
        .collect();
    let total: f32 = weighed.iter().map(|w| w.2).sum();
    let first = weighed.first().map(|w| w.0);
    weighed
        .into_iter()
        .map(|(i, vec, mass)| Para {
            unit: x,
            vec,
            main: Some(i) == first || mass >= main * total,
        })
        .collect()
}

/// Each paragraph's best paragraph in each other document among its article's candidates:
/// (document, paragraph, cosine, runner-up's cosine), by document.
type Best = Vec<(u32, u32, f32, f32)>;

fn best_per_doc(space: &Space, scored: &Scored, paras: &[Para], starts: &[usize]) -> Vec<Best> {
    let n_terms = space.bigram_vocab.len();
    (0..paras.len())
        .into_par_iter()
        .map_init(Spread::default, |spread, p| {
            // Only a main part's edges are read: a side paragraph's list stays empty.
            if !paras[p].main {
                return Vec::new();
            }
            spread.load(&paras[p].vec, n_terms);
            let x = paras[p].unit;
            let mut out: Best = Vec::new();
            for &(y, _) in &scored.pairs[x] {
                let y = y as usize;
                let d = space.units[y].doc as u32;
                for (q, other) in paras.iter().enumerate().take(starts[y + 1]).skip(starts[y]) {
                    let c = spread.dot(&other.vec);
                    match out.last_mut() {
                        Some(last) if last.0 == d => {
                            if c > last.2 {
                                last.3 = last.2;
                                last.1 = q as u32;
                                last.2 = c;
                            } else if c > last.3 {
                                last.3 = c;
                            }
                        }
                        _ => out.push((d, q as u32, c, 0.0)),
                    }
                }
            }
            out
        })
        .collect()
}

/// The `quantile` of the cosines of paragraphs of different documents drawn by a fixed hash.
fn null(space: &Space, paras: &[Para], quantile: f32) -> f32 {
    let n = paras.len();
    if n < 2 {
        return 0.0;
    }
    let mut sims = Vec::with_capacity(NULL_SAMPLES);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut tries = 0;
    while sims.len() < NULL_SAMPLES && tries < 4 * NULL_SAMPLES {
        tries += 1;
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        let (p, q) = ((z as usize) % n, ((z >> 32) as usize) % n);
        if space.units[paras[p].unit].doc != space.units[paras[q].unit].doc {
            sims.push(paras[p].vec.dot(&paras[q].vec));
        }
    }
    if sims.is_empty() {
        return 0.0;
    }
    let at = ((sims.len() as f32 * quantile.clamp(0.0, 1.0)) as usize).min(sims.len() - 1);
    *sims.select_nth_unstable_by(at, f32::total_cmp).1
}

/// The article links the paragraph clusters give: (strength, article, article), each pair of
/// main parts of different documents in one cluster, the strength the weakest edge of the
/// cluster.
fn article_links(
    space: &Space,
    scored: &Scored,
    docs: &[&Regulation],
    p: &ParaParams,
) -> Vec<(f32, usize, usize)> {
    let mut starts = Vec::with_capacity(space.len() + 1);
    let mut paras: Vec<Para> = Vec::new();
    let per_unit: Vec<Vec<Para>> = (0..space.len())
        .into_par_iter()
        .map(|x| paras_of(docs, space, x, p.main))
        .collect();
    for list in per_unit {
        starts.push(paras.len());
        paras.extend(list);
    }
    starts.push(paras.len());
    let least = null(space, &paras, p.quantile);
    let best = best_per_doc(space, scored, &paras, &starts);
    let doc_of = |q: usize| space.units[paras[q].unit].doc as u32;
    let lookup = |q: usize, d: u32| -> Option<(u32, u32, f32, f32)> {
        let list = &best[q];
        list.binary_search_by_key(&d, |b| b.0).ok().map(|i| list[i])
    };
    let lead = |b: &(u32, u32, f32, f32)| if b.2 > 0.0 { (b.2 - b.3) / b.2 } else { 0.0 };
    let mut edges: Vec<(f32, usize, usize)> = Vec::new();
    for (a, list) in best.iter().enumerate() {
        for b in list {
            let q = b.1 as usize;
            if q <= a || b.2 < least || lead(b) < p.margin {
                continue;
            }
            let Some(back) = lookup(q, doc_of(a)) else {
                continue;
            };
            if back.1 as usize != a || lead(&back) < p.margin {
                continue;
            }
            edges.push((b.2, a, q));
        }
    }
    edges.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    // Paragraph clusters, strongest edge first, no document twice.
    let mut of: Vec<usize> = (0..paras.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..paras.len()).map(|q| vec![q]).collect();
    let mut weakest: Vec<f32> = vec![f32::INFINITY; paras.len()];
    for &(c, a, q) in &edges {
        let (ca, cq) = (of[a], of[q]);
        if ca == cq {
            continue;
        }
        let shares = members[ca]
            .iter()
            .any(|&m| members[cq].iter().any(|&k| doc_of(m) == doc_of(k)));
        if shares {
            continue;
        }
        let moved = std::mem::take(&mut members[cq]);
        for &m in &moved {
            of[m] = ca;
        }
        members[ca].extend(moved);
        weakest[ca] = weakest[ca].min(weakest[cq]).min(c);
    }
    let mut links = Vec::new();
    for (c, list) in members.iter().enumerate() {
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                if paras[a].main && paras[b].main {
                    let (x, y) = (paras[a].unit, paras[b].unit);
                    links.push((weakest[c], x.min(y), x.max(y)));
                }
            }
        }
    }
    links.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    links.dedup_by(|a, b| a.1 == b.1 && a.2 == b.2);
    links
}

/// The grouping with the paragraph clusters' article links added: lone articles join their
/// counterpart's cluster, then clusters tied by `votes` links join, each document's articles
/// within `span` positions. Nothing is taken apart.
pub(crate) fn join(
    space: &Space,
    scored: &Scored,
    docs: &[&Regulation],
    mut clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    p: &ParaParams,
) -> Vec<Vec<usize>> {
    let links: Vec<(f32, usize, usize)> = article_links(space, scored, docs, p)
        .into_iter()
        .filter(|&(_, x, y)| p.penalties || (!penalty[x] && !penalty[y]))
        .collect();
    let mut owner = owners(space, &clusters);
    if p.lone {
        for &(_, x, y) in &links {
            let (cx, cy) = (owner[x], owner[y]);
            if cx == cy || cx == usize::MAX || cy == usize::MAX {
                continue;
            }
            let (from, to) = if clusters[cx].len() == 1 {
                (cx, cy)
            } else if clusters[cy].len() == 1 {
                (cy, cx)
            } else {
                continue;
            };
            if p.agree {
                let lone = clusters[from][0];
                let agrees = scored
                    .best(lone)
                    .any(|(_, b, _)| owner[b as usize] == to);
                if !agrees {
                    continue;
                }
            }
            let joined = clusters[to].iter().chain(&clusters[from]).copied();
            if !space.within_span(joined, p.span) {
                continue;
            }
            let moved = std::mem::take(&mut clusters[from]);
            for &m in &moved {
                owner[m] = to;
            }
            clusters[to].extend(moved);
            clusters[to].sort_unstable();
        }
    }
    if p.groups {
        // Votes per pair of clusters: links whose one side is its document's only article in
        // the two clusters (the article holding both matters).
        let docs_in = |c: &[usize], d: usize| c.iter().filter(|&&m| space.units[m].doc == d).count();
        let mut votes: std::collections::BTreeMap<(usize, usize), (usize, f32)> =
            Default::default();
        for &(s, x, y) in &links {
            let (cx, cy) = (owner[x], owner[y]);
            if cx == cy || clusters[cx].len() < 2 || clusters[cy].len() < 2 {
                continue;
            }
            let (dx, dy) = (space.units[x].doc, space.units[y].doc);
            let holds_both = docs_in(&clusters[cy], dx) == 0 || docs_in(&clusters[cx], dy) == 0;
            if !holds_both {
                continue;
            }
            let v = votes.entry((cx.min(cy), cx.max(cy))).or_insert((0, 0.0));
            v.0 += 1;
            v.1 = v.1.max(s);
        }
        let mut pairs: Vec<(usize, f32, usize, usize)> = votes
            .into_iter()
            .filter(|(_, v)| v.0 >= p.votes)
            .map(|((a, b), (n, s))| (n, s, a, b))
            .collect();
        pairs.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.total_cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        // Clusters merged into another are followed to where they went.
        let mut into: Vec<usize> = (0..clusters.len()).collect();
        let find = |into: &Vec<usize>, mut c: usize| {
            while into[c] != c {
                c = into[c];
            }
            c
        };
        for (_, _, a, b) in pairs {
            let (a, b) = (find(&into, a), find(&into, b));
            if a == b {
                continue;
            }
            let joined = clusters[a].iter().chain(&clusters[b]).copied();
            if !space.within_span(joined, p.span) {
                continue;
            }
            let moved = std::mem::take(&mut clusters[b]);
            clusters[a].extend(moved);
            clusters[a].sort_unstable();
            into[b] = a;
        }
    }
    clusters.retain(|m| !m.is_empty());
    clusters
}
