//! Clusters of articles in, finished groups out: reading order across documents, ids derived from
//! the members, a label of distinctive words and a cohesion score. No similarity decisions here.

use super::cluster::Scored;
use super::features::SparseVec;
use super::parts::Parts;
use super::space::Space;
use super::{Alignment, Group, GroupPart, Link, MAX_GROUP_LINKS, ParagraphPair, Partial};
use crate::model::DocId;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Orders clusters as a reader meets them: the first document's order, with each cluster first
/// seen in a later document inserted after the cluster of that document's previous article, and
/// after the clusters other documents read between them already hung there: the lone articles
/// of 北京 and then of 郑州 that both follow one shared group stay each after their own document's
/// shared group, in document order, rather than 郑州's going in front of 北京's (whose place in
/// the report's contents then follows 郑州's chapter).
pub(crate) fn reading_order(space: &Space, clusters: &[Vec<usize>]) -> Vec<usize> {
    let mut owner = vec![0; space.len()];
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            owner[m] = c;
        }
    }
    // A singly linked list with a sentinel at index `n`: O(1) insertion after any placed cluster.
    let n = clusters.len();
    let mut next = vec![usize::MAX; n + 1];
    // The document whose pass placed each cluster. A cluster met again in the same pass (a
    // group holding articles 45 and 47 of one document) does not move the cursor back, or 46's
    // group and everything after it would go before 48.
    let mut placed_in = vec![usize::MAX; n];
    for d in 0..space.n_docs() {
        let mut last = n;
        for &c in &owner[space.doc_starts[d]..space.doc_starts[d + 1]] {
            if placed_in[c] == usize::MAX {
                placed_in[c] = d;
                // After a cluster an earlier document placed (or at the start), skip what the
                // documents read since then hung after it; this document's own run stays whole.
                let anchor_pass = if last == n { 0 } else { placed_in[last] };
                if anchor_pass < d {
                    while let Some(&x) = next.get(last)
                        && x != usize::MAX
                        && placed_in[x] > anchor_pass
                        && placed_in[x] < d
                    {
                        last = x;
                    }
                }
                next[c] = next[last];
                next[last] = c;
                last = c;
            } else if placed_in[c] < d {
                last = c;
            }
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut at = next[n];
    while at != usize::MAX {
        order.push(at);
        at = next[at];
    }
    order
}

/// The grouping to name: the final clusters and, when `paras` joined or `sibling` fused some, the
/// finer clusters they started from (empty otherwise); the articles joined without naming their
/// group (`far`'s), each with the member whose part carries it.
pub(crate) struct Grouping<'a> {
    pub(crate) clusters: &'a [Vec<usize>],
    pub(crate) fine: &'a [Vec<usize>],
    pub(crate) silent: &'a [(usize, usize)],
}

/// The grouping the labels are read from: the finer grouping when there is one (else the final),
/// with each silent article taken out of its group into one of its own, as it stood before it
/// was joined; and, per group of it, the silent articles its part carries (those whose member of
/// reference it holds).
fn naming_grouping(
    n: usize,
    base: &[Vec<usize>],
    silent: &[(usize, usize)],
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>, Vec<bool>) {
    let mut is_silent = vec![false; n];
    for &(x, _) in silent {
        is_silent[x] = true;
    }
    let mut named: Vec<Vec<usize>> = Vec::with_capacity(base.len() + silent.len());
    let mut apart = Vec::new();
    for members in base {
        if members.len() < 2 || !members.iter().any(|&m| is_silent[m]) {
            named.push(members.clone());
            continue;
        }
        let (out, rest): (Vec<usize>, Vec<usize>) =
            members.iter().copied().partition(|&m| is_silent[m]);
        if !rest.is_empty() {
            named.push(rest);
        }
        apart.extend(out.into_iter().map(|m| vec![m]));
    }
    named.extend(apart);
    let mut owner = vec![usize::MAX; n];
    for (f, members) in named.iter().enumerate() {
        for &m in members {
            owner[m] = f;
        }
    }
    let mut carried = vec![Vec::new(); named.len()];
    for &(x, anchor) in silent {
        if let Some(c) = carried.get_mut(owner[anchor]) {
            c.push(x);
        }
    }
    (named, carried, is_silent)
}

/// Builds the public groups from clusters, in reading order. Labels are read from the finer
/// grouping when there is one, so that every group not fused or joined keeps the label the
/// alignment without the fusion gives it; a fused group lists its parts and takes their terms in
/// turn, its largest part's first (most articles, then the part first in reading order). An
/// article `far` joined names nothing: its group is named by its other members (or parts), and a
/// fused group lists it in the part of the member its strongest vote went to.
pub(crate) fn finish(
    space: &Space,
    scored: &Scored,
    parts: &Parts,
    docs: &[DocId],
    grouping: Grouping<'_>,
    labels: &super::label::Context<'_>,
    regs: &[&crate::model::Regulation],
) -> Alignment {
    let clusters = grouping.clusters;
    let mut owner = vec![0; space.len()];
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            owner[m] = c;
        }
    }
    // A silent article counts as one only while it shares its final group with its member of
    // reference (a later step may have moved either).
    let silent: Vec<(usize, usize)> = grouping
        .silent
        .iter()
        .copied()
        .filter(|&(x, a)| x != a && x < space.len() && a < space.len() && owner[x] == owner[a])
        .collect();
    let base = if grouping.fine.is_empty() {
        clusters
    } else {
        grouping.fine
    };
    let (named, carried, is_silent) = naming_grouping(space.len(), base, &silent);
    let mut names = super::label::labels(space, &named, labels);
    for (c, name) in names.iter_mut().enumerate() {
        if name.is_empty() {
            *name = fallback_label(space, docs, &named[c]);
        }
    }
    // Each final cluster's parts, in reading order (of the naming grouping); a silent article's
    // group of its own is no part.
    let mut parts_of: Vec<Vec<usize>> = vec![Vec::new(); clusters.len()];
    for f in reading_order(space, &named) {
        if let Some(&m) = named[f].first()
            && !(named[f].len() == 1 && is_silent[m])
        {
            parts_of[owner[m]].push(f);
        }
    }
    let groups = reading_order(space, clusters)
        .into_par_iter()
        .map(|c| {
            let (members, subs, occurrences) = member_map(space, docs, &clusters[c]);
            let (label, group_parts) = match parts_of[c].as_slice() {
                [] => (fallback_label(space, docs, &clusters[c]), Vec::new()),
                [only] => (names[*only].clone(), Vec::new()),
                several => {
                    let largest = several
                        .iter()
                        .copied()
                        .fold(None::<usize>, |best, f| match best {
                            Some(b) if named[b].len() >= named[f].len() => Some(b),
                            _ => Some(f),
                        })
                        .unwrap_or(several[0]);
                    let listed = several
                        .iter()
                        .map(|&f| {
                            let mut held = named[f].clone();
                            held.extend_from_slice(&carried[f]);
                            held.sort_unstable();
                            GroupPart {
                                label: names[f].clone(),
                                members: member_map(space, docs, &held).0,
                            }
                        })
                        .collect();
                    let mut order = vec![largest];
                    order.extend(several.iter().copied().filter(|&f| f != largest));
                    (both_matters(&order, &names), listed)
                }
            };
            let deleted = is_note(space, regs, &clusters[c]);
            let label = if deleted {
                DELETED_LABEL.to_string()
            } else {
                label
            };
            Group {
                id: group_id(&members, &subs, &occurrences),
                label,
                score: cohesion(space, &clusters[c]),
                members,
                subs,
                occurrences,
                links: links(space, scored, parts, docs, &owner, c, &clusters[c]),
                partial: if deleted {
                    Vec::new()
                } else {
                    partials(space, scored, parts, (docs, regs), &owner, clusters, c)
                },
                parts: group_parts,
                deleted,
            }
        })
        .collect();
    Alignment {
        groups,
        kinds: Vec::new(),
    }
}

/// Terms a fused group's label holds at most, and its characters (a label fits a table column).
const FUSED_TERMS: usize = 3;
const FUSED_CHARS: usize = 16;

/// The label of a fused group: its parts' terms taken in turn (the largest part's first term,
/// then the next part's first, then the largest's second …), each once, so that the label names
/// every matter fused and not only the largest; at most three terms and 16 characters.
fn both_matters(order: &[usize], names: &[String]) -> String {
    let terms: Vec<Vec<&str>> = order
        .iter()
        .map(|&f| names[f].split('·').collect())
        .collect();
    let depth = terms.iter().map(Vec::len).max().unwrap_or(0);
    let mut chosen: Vec<&str> = Vec::new();
    let mut chars = 0;
    for i in 0..depth {
        for t in terms.iter().filter_map(|ts| ts.get(i)) {
            let n = t.chars().count() + usize::from(!chosen.is_empty());
            if chosen.len() < FUSED_TERMS && !chosen.contains(t) && chars + n <= FUSED_CHARS {
                chosen.push(t);
                chars += n;
            }
        }
    }
    if chosen.is_empty() {
        return order
            .first()
            .map_or_else(String::new, |&f| names[f].clone());
    }
    chosen.join("·")
}

/// The label of a group that is one note of deletion ([`crate::model::is_placeholder`]).
pub(crate) const DELETED_LABEL: &str = "（已删除）";

/// True for a group of one article that only notes its deletion.
fn is_note(space: &Space, regs: &[&crate::model::Regulation], members: &[usize]) -> bool {
    matches!(members, [m] if space.units[*m]
        .article(regs)
        .is_some_and(crate::model::is_placeholder))
}

/// `clusters` with every note of deletion (`第十条 删除`) taken out of its cluster into one of its
/// own: two documents' notes say nothing alike, and a note beside a provision is no part of it.
pub(crate) fn notes_apart(
    space: &Space,
    regs: &[&crate::model::Regulation],
    clusters: Vec<Vec<usize>>,
) -> Vec<Vec<usize>> {
    let note = |m: usize| {
        space.units[m]
            .article(regs)
            .is_some_and(crate::model::is_placeholder)
    };
    let mut out = Vec::with_capacity(clusters.len());
    for members in clusters {
        if members.len() < 2 || !members.iter().any(|&m| note(m)) {
            out.push(members);
            continue;
        }
        let (notes, rest): (Vec<usize>, Vec<usize>) = members.into_iter().partition(|&m| note(m));
        if !rest.is_empty() {
            out.push(rest);
        }
        out.extend(notes.into_iter().map(|m| vec![m]));
    }
    out
}

/// Members up to which every pair of a group is compared for its links; larger groups (template
/// clauses of hundreds of documents) look only at each member's candidates.
const ALL_PAIRS_UP_TO: usize = 32;

/// Paragraph cosine at which two mutually best paragraphs count as saying the same thing.
const PARAGRAPH_MIN: f32 = 0.3;

/// Each member's best counterpart in each other document of the group, both ways deduplicated,
/// strongest first.
fn links(
    space: &Space,
    scored: &Scored,
    parts: &Parts,
    docs: &[DocId],
    owner: &[usize],
    c: usize,
    members: &[usize],
) -> Vec<Link> {
    let mut best: BTreeMap<(usize, usize), (f32, usize)> = BTreeMap::new();
    for &x in members {
        let others: Vec<usize> = if members.len() <= ALL_PAIRS_UP_TO {
            members.to_vec()
        } else {
            scored.pairs[x]
                .iter()
                .map(|&(y, _)| y as usize)
                .filter(|&y| owner[y] == c)
                .collect()
        };
        for y in others {
            let (dx, dy) = (space.units[x].doc, space.units[y].doc);
            if dx == dy {
                continue;
            }
            let s = space.content(x, y);
            let e = best.entry((x, dy)).or_insert((s, y));
            if s > e.0 || (s == e.0 && y < e.1) {
                *e = (s, y);
            }
        }
    }
    let mut pairs: Vec<(f32, usize, usize)> = best
        .into_iter()
        .map(|((x, _), (s, y))| if x < y { (s, x, y) } else { (s, y, x) })
        .collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    pairs.dedup_by(|a, b| a.1 == b.1 && a.2 == b.2);
    pairs.truncate(MAX_GROUP_LINKS);
    let at = |x: usize| space.units[x].doc_article(docs);
    let round = |v: f32| (v.clamp(0.0, 1.0) * 1000.0).round() / 1000.0;
    pairs
        .into_iter()
        .map(|(s, x, y)| Link {
            a: at(x),
            b: at(y),
            similarity: round(s),
            coverage_a: round(space.coverage(x, y)),
            coverage_b: round(space.coverage(y, x)),
            paragraphs: paragraph_pairs(parts, x, y),
        })
        .collect()
}

/// Bigram cosine a paragraph needs with a member paragraph of a document of the group. Loosely
/// worded counterparts of one duty (历下's 请销假 sentence against 市中's) score 0.25–0.4 and
/// unrelated paragraphs of one chapter below 0.1 on the five; what keeps a paragraph from joining a
/// neighbouring matter is the majority of documents and the comparison with its own group.
const PARTIAL_MIN: f32 = 0.25;

/// Articles outside cluster `c` (of documents that have no member in it) one of whose paragraphs
/// holds the cluster's matter: it matches a paragraph of the members of at least half of the
/// cluster's documents (and two) at [`PARTIAL_MIN`], and matches them better than it matches any
/// paragraph of its own group's articles in other documents (so a paragraph is the partial
/// member of the matter it is about, not of a neighbouring one it resembles). Candidates are the
/// members' candidate pairs, so the cost follows the group's size, not the corpus's; a candidate
/// paragraph is compared only with the member paragraphs it shares a bigram with
/// ([`MemberParagraphs`]), so a template clause of hundreds of documents costs what their shared
/// bigrams cost, not hundreds of comparisons per paragraph.
///
/// A list article's lead-in (`瓶装燃气企业应当遵守下列规定：`) says no matter of its own and reads
/// like every other list article's: it is no evidence, and when every other paragraph of the
/// article holds the matter, the article holds it whole, its lead-in included.
///
/// Two broad list articles of one group may each hold the matter in an item: the first found
/// is then no evidence against the second (a second pass, [`Held::pieces`]' `skip`).
fn partials(
    space: &Space,
    scored: &Scored,
    parts: &Parts,
    (docs, regs): (&[DocId], &[&crate::model::Regulation]),
    owner: &[usize],
    clusters: &[Vec<usize>],
    c: usize,
) -> Vec<Partial> {
    let members = &clusters[c];
    let mut group_docs: Vec<usize> = members.iter().map(|&m| space.units[m].doc).collect();
    group_docs.sort_unstable();
    group_docs.dedup();
    if group_docs.len() < 2 {
        return Vec::new();
    }
    let need = group_docs.len().div_ceil(2).max(2);
    let mut candidates: Vec<usize> = members
        .iter()
        .flat_map(|&m| scored.pairs[m].iter().map(|&(y, _)| y as usize))
        .filter(|&y| group_docs.binary_search(&space.units[y].doc).is_err())
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    if candidates.is_empty() {
        return Vec::new();
    }
    let index = MemberParagraphs::new(space, parts, members, &group_docs);
    let mut scratch = index.scratch();
    let held = |y: usize| Held {
        space,
        parts,
        regs,
        own: &clusters[owner[y]],
        need,
    };
    // First pass: each candidate against its own group's paragraphs in other documents.
    let mut found: Vec<(usize, Vec<Found>)> = candidates
        .iter()
        .map(|&y| (y, held(y).pieces(&index, &mut scratch, y, &[])))
        .collect();
    // Second pass: a paragraph found in the first holds the group's matter, so resembling it
    // says nothing against the group (北京 14's 无偿献血 item beside 东莞 25's, two list articles
    // of one group): the candidates of the groups holding such paragraphs are compared again
    // without them.
    let holders: Vec<(usize, usize)> = found
        .iter()
        .flat_map(|(y, f)| f.iter().map(move |&(pi, _, _)| (*y, pi)))
        .collect();
    if !holders.is_empty() {
        for (y, f) in &mut found {
            if f.is_empty() && holders.iter().any(|(z, _)| owner[*z] == owner[*y]) {
                *f = held(*y).pieces(&index, &mut scratch, *y, &holders);
            }
        }
    }
    let mut out: Vec<Partial> = Vec::new();
    for (y, found) in found {
        if found.is_empty() {
            continue;
        }
        let paragraphs = paragraphs_of(regs, space, y);
        let evidence = parts.of[y]
            .iter()
            .filter(|(pi, _, _)| !is_lead_in(paragraphs, *pi))
            .count();
        let similarity = found.iter().map(|f| f.1).sum::<f32>() / found.len() as f32;
        let whole = found.len() == evidence && evidence > 1;
        out.push(Partial {
            article: space.units[y].doc_article(docs),
            paragraphs: if whole {
                (0..paragraphs.len()).collect()
            } else {
                found.iter().map(|f| f.0).collect()
            },
            similarity: (similarity.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
            matches: found.iter().map(|f| f.2).max().unwrap_or(0),
        });
    }
    out.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then_with(|| a.article.cmp(&b.article))
    });
    out
}

/// The paragraphs of unit `y`'s article.
fn paragraphs_of<'r>(
    regs: &[&'r crate::model::Regulation],
    space: &Space,
    y: usize,
) -> &'r [crate::model::Paragraph] {
    space.units[y]
        .article(regs)
        .map_or(&[][..], |a| a.paragraphs.as_slice())
}

/// A list article's lead-in (`…应当遵守下列规定：`), which holds no matter of its own.
fn is_lead_in(paragraphs: &[crate::model::Paragraph], pi: usize) -> bool {
    paragraphs
        .get(pi)
        .is_some_and(|p| p.text.trim_end().ends_with(['：', ':']))
}

/// A paragraph holding a group's matter: its index, mean cosine, documents matched.
type Found = (usize, f32, usize);

/// What one candidate of a group's partial members is weighed with: its own group, and how
/// many of the group's documents a paragraph must match.
struct Held<'a> {
    space: &'a Space,
    parts: &'a Parts,
    regs: &'a [&'a crate::model::Regulation],
    own: &'a [usize],
    need: usize,
}

impl Held<'_> {
    /// The paragraphs of `y` (lead-ins left out) that hold the group's matter: each matches
    /// paragraphs of the members of `need` documents at [`PARTIAL_MIN`], and on average better
    /// than any paragraph of its own group's articles in other documents, those in `skip`
    /// (unit, paragraph) left out. Each as (paragraph, mean cosine, documents matched).
    fn pieces(
        &self,
        index: &MemberParagraphs,
        scratch: &mut Scratch,
        y: usize,
        skip: &[(usize, usize)],
    ) -> Vec<Found> {
        let space = self.space;
        let dy = space.units[y].doc;
        let paragraphs = paragraphs_of(self.regs, space, y);
        let mut own: Option<Vec<&SparseVec>> = None;
        let mut found = Vec::new();
        for (pi, _, v) in self.parts.of[y]
            .iter()
            .filter(|(pi, _, _)| !is_lead_in(paragraphs, *pi))
        {
            let best = index.best_per_doc(v, self.need, scratch);
            let per_doc: Vec<f32> = best.iter().copied().filter(|&s| s >= PARTIAL_MIN).collect();
            if per_doc.len() < self.need {
                continue;
            }
            let mean = per_doc.iter().sum::<f32>() / per_doc.len() as f32;
            let own = own.get_or_insert_with(|| {
                self.own
                    .iter()
                    .copied()
                    .filter(|&z| space.units[z].doc != dy)
                    .flat_map(|z| {
                        self.parts.of[z]
                            .iter()
                            .filter(move |(qi, _, _)| !skip.contains(&(z, *qi)))
                            .map(|(_, _, w)| w)
                    })
                    .collect()
            });
            let own_best = own.iter().map(|w| v.dot(w)).fold(0.0f32, f32::max);
            if mean > own_best {
                found.push((*pi, mean, per_doc.len()));
            }
        }
        found
    }
}

/// The paragraphs of a group's members as postings: for each bigram, the member paragraphs
/// holding it with their weight there, and each paragraph's document (index into the group's
/// sorted documents).
struct MemberParagraphs {
    /// Distinct bigram ids, ascending, and where each one's postings start in `postings`.
    terms: Vec<u32>,
    starts: Vec<usize>,
    /// (member paragraph, its weight of the bigram), grouped by bigram.
    postings: Vec<(u32, f32)>,
    /// The group document of each member paragraph.
    doc_of: Vec<u32>,
    docs: usize,
}

/// Reused buffers of [`MemberParagraphs::best_per_doc`]: one dot product per member paragraph,
/// the paragraphs reached and whether each is, the best per document and whether a document is
/// reached, the bigrams in search order.
struct Scratch {
    dots: Vec<f32>,
    seen: Vec<bool>,
    touched: Vec<u32>,
    best: Vec<f32>,
    doc_seen: Vec<bool>,
    order: Vec<(usize, u32)>,
}

/// Squared weight of a paragraph's bigrams that [`MemberParagraphs::best_per_doc`] may leave out
/// when it looks for member paragraphs: below [`PARTIAL_MIN`]² with a margin for rounding, so a
/// member paragraph sharing none of the other bigrams has a cosine under [`PARTIAL_MIN`].
const SKIPPABLE: f32 = PARTIAL_MIN * PARTIAL_MIN * 0.98;

impl MemberParagraphs {
    fn new(space: &Space, parts: &Parts, members: &[usize], group_docs: &[usize]) -> Self {
        let mut entries: Vec<(u32, u32, f32)> = Vec::new();
        let mut doc_of: Vec<u32> = Vec::new();
        for &m in members {
            let d = group_docs.binary_search(&space.units[m].doc).unwrap_or(0) as u32;
            for (_, _, w) in &parts.of[m] {
                let k = doc_of.len() as u32;
                doc_of.push(d);
                entries.extend(w.iter().map(|(t, wt)| (t, k, wt)));
            }
        }
        entries.sort_unstable_by_key(|e| (e.0, e.1));
        let mut terms = Vec::new();
        let mut starts = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            if terms.last() != Some(&e.0) {
                terms.push(e.0);
                starts.push(i);
            }
        }
        starts.push(entries.len());
        MemberParagraphs {
            terms,
            starts,
            postings: entries.into_iter().map(|(_, k, w)| (k, w)).collect(),
            doc_of,
            docs: group_docs.len(),
        }
    }

    fn scratch(&self) -> Scratch {
        Scratch {
            dots: vec![0.0; self.doc_of.len()],
            seen: vec![false; self.doc_of.len()],
            touched: Vec::new(),
            best: vec![0.0; self.docs],
            doc_seen: vec![false; self.docs],
            order: Vec::new(),
        }
    }

    /// For each group document, the best cosine of `v` with a paragraph of its members (0 when
    /// none shares a bigram with `v`), the same figures as [`SparseVec::dot`]; all zeros when
    /// fewer than `need` documents can reach [`PARTIAL_MIN`] (the caller then drops `v` anyway).
    ///
    /// That test is cheap, so most paragraphs cost what their rare bigrams cost, not the group's
    /// size: `v`'s bigrams held by the most member paragraphs are left out of it while their
    /// squared weight stays under [`SKIPPABLE`], and a paragraph sharing none of the rest has a
    /// cosine below `PARTIAL_MIN` (unit vectors: the shared part is at most the norm of what
    /// was left out).
    fn best_per_doc<'s>(&self, v: &SparseVec, need: usize, s: &'s mut Scratch) -> &'s [f32] {
        s.best.iter_mut().for_each(|b| *b = 0.0);
        s.order.clear();
        for (t, _) in v.iter() {
            if let Ok(i) = self.terms.binary_search(&t) {
                s.order
                    .push((self.starts[i + 1] - self.starts[i], i as u32));
            }
        }
        // The commonest bigrams first: those are the ones worth leaving out.
        s.order
            .sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut skipped = 0.0f32;
        let mut skip = 0;
        for &(_, i) in &s.order {
            let t = self.terms[i as usize];
            let w = v.terms.binary_search(&t).map_or(0.0, |j| v.weights[j]);
            if skipped + w * w >= SKIPPABLE {
                break;
            }
            skipped += w * w;
            skip += 1;
        }
        for &(_, i) in &s.order[skip..] {
            let i = i as usize;
            for &(k, _) in &self.postings[self.starts[i]..self.starts[i + 1]] {
                if !std::mem::replace(&mut s.seen[k as usize], true) {
                    s.touched.push(k);
                }
            }
        }
        let mut reached = 0;
        for k in s.touched.drain(..) {
            s.seen[k as usize] = false;
            let d = self.doc_of[k as usize] as usize;
            if !std::mem::replace(&mut s.doc_seen[d], true) {
                reached += 1;
            }
        }
        s.doc_seen.iter_mut().for_each(|b| *b = false);
        if reached < need {
            return &s.best;
        }
        // Enough documents can reach it: every cosine, summed over the shared bigrams in
        // ascending id order as `SparseVec::dot` sums it.
        for (t, wv) in v.iter() {
            let Ok(i) = self.terms.binary_search(&t) else {
                continue;
            };
            for &(k, wk) in &self.postings[self.starts[i]..self.starts[i + 1]] {
                let dot = &mut s.dots[k as usize];
                if !std::mem::replace(&mut s.seen[k as usize], true) {
                    s.touched.push(k);
                }
                *dot += wv * wk;
            }
        }
        for k in s.touched.drain(..) {
            s.seen[k as usize] = false;
            let dot = std::mem::take(&mut s.dots[k as usize]);
            let best = &mut s.best[self.doc_of[k as usize] as usize];
            *best = best.max(dot);
        }
        &s.best
    }
}

/// Paragraphs of `x` and `y` that are each other's best match, with a cosine of at least
/// [`PARAGRAPH_MIN`].
fn paragraph_pairs(parts: &Parts, x: usize, y: usize) -> Vec<ParagraphPair> {
    let (px, py) = (&parts.of[x], &parts.of[y]);
    let best = |v: &SparseVec, among: &[(usize, f32, SparseVec)]| {
        among
            .iter()
            .enumerate()
            .map(|(k, (_, _, w))| (v.dot(w), k))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
    };
    let mut out = Vec::new();
    for (i, (pi, _, v)) in px.iter().enumerate() {
        let Some((s, j)) = best(v, py) else { continue };
        if s < PARAGRAPH_MIN || best(&py[j].2, px).map(|b| b.1) != Some(i) {
            continue;
        }
        out.push(ParagraphPair {
            a: *pi,
            b: py[j].0,
            similarity: (s.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
        });
    }
    out
}

/// A group's members as `Group::members`, `Group::subs` and `Group::occurrences` hold them.
type MemberMaps = (
    BTreeMap<DocId, Vec<u32>>,
    BTreeMap<DocId, Vec<u32>>,
    BTreeMap<DocId, Vec<u32>>,
);

fn member_map(space: &Space, docs: &[DocId], members: &[usize]) -> MemberMaps {
    let mut map: BTreeMap<DocId, Vec<(u32, u32, u32)>> = BTreeMap::new();
    for &m in members {
        let u = space.units[m];
        map.entry(docs[u.doc].clone())
            .or_default()
            .push((u.number, u.sub, u.occurrence));
    }
    let (mut numbers, mut subs, mut occurrences) =
        (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    for (doc, mut ns) in map {
        ns.sort_unstable();
        if ns.iter().any(|&(_, sub, _)| sub != 0) {
            subs.insert(doc.clone(), ns.iter().map(|&(_, sub, _)| sub).collect());
        }
        if ns.iter().any(|&(_, _, k)| k > 1) {
            occurrences.insert(doc.clone(), ns.iter().map(|&(_, _, k)| k).collect());
        }
        numbers.insert(doc, ns.into_iter().map(|(n, _, _)| n).collect());
    }
    (numbers, subs, occurrences)
}

/// The name of a group without a label of words (a clause too short for distinctive words):
/// its first member as a reference, `b:1` (as `guize compare b:1` takes it).
fn fallback_label(space: &Space, docs: &[DocId], members: &[usize]) -> String {
    members
        .iter()
        .map(|&m| space.units[m])
        .min_by_key(|u| (u.doc, u.pos))
        .map(|u| {
            let key = crate::cite::ArticleKey::with_occurrence(u.number, u.sub, u.occurrence);
            format!("{}:{key}", docs[u.doc])
        })
        .unwrap_or_default()
}

/// A hash of the members alone (`doc:number` pairs in order, `doc:number之sub` for an inserted
/// article, `#k` after a repeated number), so an id survives any change that leaves the group's
/// membership as it was.
pub(crate) fn group_id(
    members: &BTreeMap<DocId, Vec<u32>>,
    subs: &BTreeMap<DocId, Vec<u32>>,
    occurrences: &BTreeMap<DocId, Vec<u32>>,
) -> String {
    let mut key = String::new();
    for (doc, ns) in members {
        let doc_subs = subs.get(doc);
        let doc_occurrences = occurrences.get(doc);
        for (i, n) in ns.iter().enumerate() {
            key.push_str(doc.as_str());
            key.push(':');
            key.push_str(&n.to_string());
            if let Some(sub) = doc_subs.and_then(|s| s.get(i)).filter(|&&s| s != 0) {
                key.push('之');
                key.push_str(&sub.to_string());
            }
            if let Some(k) = doc_occurrences.and_then(|o| o.get(i)).filter(|&&k| k > 1) {
                key.push('#');
                key.push_str(&k.to_string());
            }
            key.push(';');
        }
    }
    let hash = blake3::hash(key.as_bytes());
    format!("g{}", &hash.to_hex()[..10])
}

/// Most member pairs one score looks at.
const MAX_SCORE_PAIRS: usize = 2048;

/// Mean content similarity of the group's articles from different documents, in [0, 1];
/// 0 for an article without counterpart.
fn cohesion(space: &Space, members: &[usize]) -> f32 {
    let (mut sum, mut n) = (0.0f32, 0usize);
    'outer: for (i, &x) in members.iter().enumerate() {
        for &y in &members[i + 1..] {
            if space.units[x].doc != space.units[y].doc {
                sum += space.content(x, y);
                n += 1;
                if n >= MAX_SCORE_PAIRS {
                    break 'outer;
                }
            }
        }
    }
    if n == 0 {
        0.0
    } else {
        (sum / n as f32).clamp(0.0, 1.0)
    }
}
