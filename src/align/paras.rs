//! Paragraphs grouped first, articles grouped from them (setting `paras`, on by default). The
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
//! such article links tie them (at least `votes`, and `share` of the joined group's documents)
//! whose article on one side is its document's only article in the two and holds its own
//! group's matter in another main part (`both`: the article that holds both matters, the split
//! groups of one gold matter), some document has an article in each (`shared`: it splits the
//! matter), and each document's articles in the joined group lie within `span` positions; the
//! votes are counted again in rounds on the groups as they stand. With `lone` (off: it costs the
//! five and the dogs), a lone article joins the group of its paragraph counterpart. Groups are
//! never taken apart, and penalties take no part (their formula is shared).
//!
//! A link counts only between documents of one kind (`kin.rs`: a family's regulations, not two
//! of a province's unrelated ones) and when its two articles are themselves `article_z` robust
//! spreads above the corpus's null (a paragraph two otherwise unrelated articles share is a side
//! formula); with `kin.whole`, every two documents of a joined group must be of one kind.
//!
//! Work: the main paragraphs of each article against the paragraphs of its candidates (never all
//! pairs), one sample of 20,000 paragraph pairs for the null, then a few passes over the links.

use super::cluster::Scored;
use super::features::{SparseVec, Spread, bigrams};
use super::kin::{Kin, KinParams};
use super::space::{Space, hashed_pairs, quantile_of};
use super::twins::owners;
use crate::model::Regulation;
use rayon::prelude::*;

/// Settings of the step (`paras`), on by default (docs/alignment-method.md, "Paragraphs grouped
/// first, between documents of one kind"); the settings are those leave-one-family-out over the
/// dev families chose: the group joins on, the lone joins off, `article_z` 3.5.
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
    /// Article links a join of two groups needs, as a share of the documents of the joined group
    /// (the larger of this and `votes` counts): on a family of four one link may join two
    /// groups, on a province's hundreds of regulations a group of fifty documents needs a
    /// dozen, where a single paragraph link between neighbouring matters is always found.
    pub share: f32,
    /// Most positions apart that one document's articles in a joined group may lie.
    pub span: usize,
    /// When true, the article that holds both matters must show it: another of its main parts
    /// is linked to a member of its own group.
    pub both: bool,
    /// When true, two groups join only when some document has an article in each (it splits
    /// the matter the linked article holds whole); groups of disjoint documents never join.
    pub shared: bool,
    /// When true, penalties take part (their formula 由…处…罚款 is shared whatever they punish).
    pub penalties: bool,
    /// Which documents are of one kind (`kin.rs`): a paragraph link counts only between two
    /// such documents, so that on a corpus of many subjects the wording regulations share
    /// whatever their matter joins nothing. `kin.share` 0 counts every link.
    pub kin: KinParams,
    /// Least similarity of the two articles of a link, in robust spreads above the corpus's
    /// null median (`Space::null_sim`); 0 counts every link. A paragraph shared by two articles
    /// that are otherwise no closer than chance is a side formula (建设单位应当组织专家论证, said
    /// of a design and of an underground space), not the article's matter.
    pub article_z: f32,
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
            share: 0.25,
            both: true,
            shared: true,
            span: 3,
            penalties: false,
            kin: KinParams::default(),
            article_z: 3.5,
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

fn best_per_doc(
    space: &Space,
    scored: &Scored,
    paras: &[Para],
    starts: &[usize],
    least: f32,
) -> Vec<Best> {
    let n_terms = space.bigram_vocab.len();
    (0..paras.len())
        .into_par_iter()
        .map_init(
            || (Spread::default(), Best::new()),
            |(spread, out), p| {
                // Only a main part's edges are read: a side paragraph's list stays empty.
                if !paras[p].main {
                    return Vec::new();
                }
                spread.load(&paras[p].vec, n_terms);
                let x = paras[p].unit;
                out.clear();
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
                // Only a best paragraph at `least` or above makes an edge, forward or back (the
                // cosine is the same bit for bit from either side: `Spread::dot` sums the shared
                // terms in ascending order), so the others are dropped here rather than kept for
                // every paragraph of the corpus at once.
                out.iter().copied().filter(|b| b.2 >= least).collect()
            },
        )
        .collect()
}

/// The `quantile` of the cosines of paragraphs of different documents drawn by a fixed hash.
fn null(space: &Space, paras: &[Para], quantile: f32) -> f32 {
    let n = paras.len();
    if n < 2 {
        return 0.0;
    }
    let mut sims = Vec::with_capacity(NULL_SAMPLES);
    for (p, q) in hashed_pairs(0x9e37_79b9_7f4a_7c15, n, n).take(4 * NULL_SAMPLES) {
        if sims.len() == NULL_SAMPLES {
            break;
        }
        if space.units[paras[p].unit].doc != space.units[paras[q].unit].doc {
            sims.push(paras[p].vec.dot(&paras[q].vec));
        }
    }
    quantile_of(sims, quantile)
}

/// An article link a paragraph cluster gives: two articles (`x` < `y`) of different documents
/// whose main parts `px` and `py` lie in one cluster, the strength the cluster's weakest edge.
#[derive(Debug, Clone, Copy)]
struct Link {
    strength: f32,
    x: usize,
    y: usize,
    px: usize,
    py: usize,
}

/// The article links the paragraph clusters give: each pair of main parts of different
/// documents in one cluster whose articles `counts` (lower, higher), strongest first.
fn article_links(
    space: &Space,
    scored: &Scored,
    docs: &[&Regulation],
    p: &ParaParams,
    counts: impl Fn(usize, usize) -> bool,
) -> Vec<Link> {
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
    let best = best_per_doc(space, scored, &paras, &starts, least);
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
                    if !counts(x.min(y), x.max(y)) {
                        continue;
                    }
                    let (a, b) = if x < y { (a, b) } else { (b, a) };
                    links.push(Link {
                        strength: weakest[c],
                        x: x.min(y),
                        y: x.max(y),
                        px: a,
                        py: b,
                    });
                }
            }
        }
    }
    links.sort_by(|a, b| {
        b.strength
            .total_cmp(&a.strength)
            .then(a.x.cmp(&b.x))
            .then(a.y.cmp(&b.y))
            .then(a.px.cmp(&b.px))
            .then(a.py.cmp(&b.py))
    });
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
    let (centre, spread) = space.null_sim();
    let kin = if p.kin.share > 0.0 {
        Kin::new(space, scored, (centre, spread), &p.kin)
    } else {
        Kin::default()
    };
    let doc = |x: usize| space.units[x].doc;
    // Which links count, asked as each is found: a paragraph cluster of a frame sentence every
    // regulation of a province says holds hundreds of documents, and the links of its every
    // pair of main parts, kept, would weigh more than the rest of the alignment.
    let counts = |x: usize, y: usize| {
        (p.penalties || (!penalty[x] && !penalty[y]))
            && kin.of_one_kind(doc(x), doc(y))
            && (p.article_z <= 0.0 || (space.sim(x, y) - centre) / spread >= p.article_z)
    };
    let links = article_links(space, scored, docs, p, counts);
    let mut owner = owners(space, &clusters);
    if p.lone {
        for &Link { x, y, .. } in &links {
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
                let agrees = scored.best(lone).any(|(_, b, _)| owner[b as usize] == to);
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
        // In rounds, the votes counted on the groups as they stand: a group that has joined
        // another is weighed again as the whole it became, never on the votes of its parts.
        loop {
            let owner = owners(space, &clusters);
            let joined = join_groups_once(space, &mut clusters, &owner, &links, &kin, p);
            clusters.retain(|m| !m.is_empty());
            if !joined {
                break;
            }
        }
    }
    clusters.retain(|m| !m.is_empty());
    clusters
}

/// One round of group joins: the votes between the clusters as they stand (links whose one side
/// is its document's only article in the two clusters: the article holding both matters), at
/// least `votes` and `share` of the joined group's documents; the most votes first, each cluster
/// joined once a round. Whether any joined.
fn join_groups_once(
    space: &Space,
    clusters: &mut [Vec<usize>],
    owner: &[usize],
    links: &[Link],
    kin: &Kin,
    p: &ParaParams,
) -> bool {
    // Each article's linked paragraphs: (article, its paragraph, the other article).
    let mut by_article: Vec<(usize, usize, usize)> = links
        .iter()
        .flat_map(|l| [(l.x, l.px, l.y), (l.y, l.py, l.x)])
        .collect();
    by_article.sort_unstable();
    // Whether article `x` holds the matter of its own cluster in a main part other than `part`:
    // another of its paragraphs is linked to a member of its cluster.
    let holds_own = |x: usize, part: usize| {
        let from = by_article.partition_point(|e| e.0 < x);
        by_article[from..]
            .iter()
            .take_while(|e| e.0 == x)
            .any(|e| e.1 != part && owner[e.2] == owner[x])
    };
    let docs_in = |c: &[usize], d: usize| c.iter().any(|&m| space.units[m].doc == d);
    let mut votes: std::collections::BTreeMap<(usize, usize), (usize, f32)> = Default::default();
    for &Link {
        strength: s,
        x,
        y,
        px,
        py,
    } in links
    {
        let (cx, cy) = (owner[x], owner[y]);
        if cx == cy || clusters[cx].len() < 2 || clusters[cy].len() < 2 {
            continue;
        }
        let (dx, dy) = (space.units[x].doc, space.units[y].doc);
        // The split provision's signature: some document holds the matter in an article of each
        // group (the groups are its two pieces, side by side there).
        let shares = clusters[cx]
            .iter()
            .any(|&m| docs_in(&clusters[cy], space.units[m].doc));
        if p.shared && !shares {
            continue;
        }
        // One side is its document's only article in the two clusters and holds both matters.
        let fused_x = !docs_in(&clusters[cy], dx) && (!p.both || holds_own(x, px));
        let fused_y = !docs_in(&clusters[cx], dy) && (!p.both || holds_own(y, py));
        if !fused_x && !fused_y {
            continue;
        }
        let v = votes.entry((cx.min(cy), cx.max(cy))).or_insert((0, 0.0));
        v.0 += 1;
        v.1 = v.1.max(s);
    }
    let n_docs = |a: &[usize], b: &[usize]| {
        let mut d: Vec<usize> = a.iter().chain(b).map(|&m| space.units[m].doc).collect();
        d.sort_unstable();
        d.dedup();
        d.len()
    };
    let mut pairs: Vec<(usize, f32, usize, usize)> = votes
        .into_iter()
        .filter(|&((a, b), v)| {
            v.0 >= p.votes && v.0 as f32 >= p.share * n_docs(&clusters[a], &clusters[b]) as f32
        })
        .map(|((a, b), (n, s))| (n, s, a, b))
        .collect();
    pairs.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut touched = vec![false; clusters.len()];
    let mut any = false;
    for (_, _, a, b) in pairs {
        if touched[a] || touched[b] {
            continue;
        }
        let joined = clusters[a].iter().chain(&clusters[b]).copied();
        if !space.within_span(joined, p.span) {
            continue;
        }
        if p.kin.whole {
            let mut in_both: Vec<usize> = clusters[a]
                .iter()
                .chain(&clusters[b])
                .map(|&m| space.units[m].doc)
                .collect();
            in_both.sort_unstable();
            in_both.dedup();
            let one_kind = in_both
                .iter()
                .enumerate()
                .all(|(i, &d)| in_both[i + 1..].iter().all(|&e| kin.of_one_kind(d, e)));
            if !one_kind {
                continue;
            }
        }
        let moved = std::mem::take(&mut clusters[b]);
        clusters[a].extend(moved);
        clusters[a].sort_unstable();
        touched[a] = true;
        touched[b] = true;
        any = true;
    }
    any
}
