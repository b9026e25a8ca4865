//! Scored candidate pairs in, clusters of articles out: mutual best matches merged greedily under
//! an average-link check, then split provisions and stragglers attached, then the pieces of a
//! matter that one document holds in a single article absorbed. Pure and single-threaded.

use super::space::Space;

/// Thresholds of the grouping, on the scale of [`Space::sim`] (content in [0, 1] plus the chapter
/// bonus). Whole-method settings, chosen on the development gold.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClusterParams {
    /// A mutual best match below this is no evidence.
    pub(crate) edge_min: f32,
    /// Two clusters merge only when their articles are this similar on average.
    pub(crate) link_min: f32,
    /// Content similarity at which two articles are near-copies and link without being mutual best
    /// (template clauses repeated across many documents).
    pub(crate) copy_min: f32,
    /// Average similarity a lone article needs to join its neighbour's cluster as a split provision.
    pub(crate) split_min: f32,
    /// Average similarity a lone article needs to join the cluster its best matches point to.
    pub(crate) vote_min: f32,
    /// Average similarity a fragment (a cluster of fewer documents sitting right beside another
    /// cluster's articles) needs to be absorbed into that cluster.
    pub(crate) absorb_min: f32,
}

/// Each article's candidates with their similarity, and its best candidate in each other document.
pub(crate) struct Scored {
    pub(crate) pairs: Vec<Vec<(u32, f32)>>,
    /// Per article, sorted by document: (document, best article there, similarity).
    pub(crate) best: Vec<Vec<(usize, u32, f32)>>,
}

impl Scored {
    pub(crate) fn new(space: &Space, pairs: Vec<Vec<(u32, f32)>>) -> Scored {
        let best = pairs
            .iter()
            .map(|list| {
                let mut best: Vec<(usize, u32, f32)> = Vec::new();
                for &(y, s) in list {
                    let doc = space.units[y as usize].doc;
                    match best.iter_mut().find(|b| b.0 == doc) {
                        Some(b) if s > b.2 || (s == b.2 && y < b.1) => *b = (doc, y, s),
                        Some(_) => {}
                        None => best.push((doc, y, s)),
                    }
                }
                best.sort_unstable_by_key(|b| b.0);
                best
            })
            .collect();
        Scored { pairs, best }
    }

    fn best_in(&self, x: usize, doc: usize) -> Option<u32> {
        let b = &self.best[x];
        b.binary_search_by_key(&doc, |b| b.0).ok().map(|i| b[i].1)
    }
}

/// Disjoint clusters of articles; a cluster is named by the index of its slot in `members`.
struct Clusters {
    owner: Vec<usize>,
    members: Vec<Vec<usize>>,
}

impl Clusters {
    fn singletons(n: usize) -> Clusters {
        Clusters {
            owner: (0..n).collect(),
            members: (0..n).map(|i| vec![i]).collect(),
        }
    }

    fn merge(&mut self, a: usize, b: usize) {
        let (keep, gone) = if self.members[a].len() >= self.members[b].len() {
            (a, b)
        } else {
            (b, a)
        };
        let moved = std::mem::take(&mut self.members[gone]);
        for &m in &moved {
            self.owner[m] = keep;
        }
        self.members[keep].extend(moved);
        self.members[keep].sort_unstable();
    }

    fn docs(&self, space: &Space, c: usize) -> Vec<usize> {
        let mut d: Vec<usize> = self.members[c]
            .iter()
            .map(|&m| space.units[m].doc)
            .collect();
        d.sort_unstable();
        d.dedup();
        d
    }

    fn shares_doc(&self, space: &Space, a: usize, b: usize) -> bool {
        let da = self.docs(space, a);
        self.members[b]
            .iter()
            .any(|&m| da.binary_search(&space.units[m].doc).is_ok())
    }
}

/// Most pairs an average link looks at; beyond it, a fixed stride samples the pairs so that a
/// template clause shared by hundreds of documents costs no more than a small cluster.
const MAX_LINK_PAIRS: usize = 256;

/// Most members a lone article is compared with when it may join a cluster.
const MAX_MEAN_SAMPLE: usize = 64;

/// Mean similarity over the pairs of different documents between two clusters.
fn average_link(space: &Space, a: &[usize], b: &[usize]) -> f32 {
    let total = a.len() * b.len();
    let stride = total.div_ceil(MAX_LINK_PAIRS).max(1);
    let (mut sum, mut n) = (0.0, 0usize);
    let mut k = 0;
    while k < total {
        let (x, y) = (a[k / b.len()], b[k % b.len()]);
        if space.units[x].doc != space.units[y].doc {
            sum += space.sim(x, y);
            n += 1;
        }
        k += stride;
    }
    if n == 0 { 0.0 } else { sum / n as f32 }
}

/// Groups the articles: returns clusters of unit indices, each sorted, in no particular order.
pub(crate) fn cluster(space: &Space, scored: &Scored, p: ClusterParams) -> Vec<Vec<usize>> {
    let mut g = Grouping {
        space,
        scored,
        p,
        c: Clusters::singletons(space.len()),
    };
    g.merge_edges();
    g.attach_stragglers();
    if p.absorb_min.is_finite() {
        g.absorb_fragments();
    }
    g.c.members.into_iter().filter(|m| !m.is_empty()).collect()
}

/// Adds `bonus` to a pair's similarity for each side on which their neighbours (previous articles,
/// next articles, inside the same chapters) were grouped together by `first`: documents that keep
/// a run of provisions in the same order vouch for the provisions between matched ones.
pub(crate) fn with_neighbour_support(
    space: &Space,
    first: &[Vec<usize>],
    mut pairs: Vec<Vec<(u32, f32)>>,
    bonus: f32,
) -> Vec<Vec<(u32, f32)>> {
    let mut owner = vec![0; space.len()];
    for (c, members) in first.iter().enumerate() {
        for &m in members {
            owner[m] = c;
        }
    }
    let neighbour = |x: usize, step: isize| {
        let u = space.units[x];
        let pos = u.pos.checked_add_signed(step)?;
        space
            .at(u.doc, pos)
            .filter(|&n| space.units[n].chapter == u.chapter)
    };
    for (x, list) in pairs.iter_mut().enumerate() {
        for (y, s) in list.iter_mut() {
            let y = *y as usize;
            let support = [-1, 1]
                .into_iter()
                .filter(|&step| match (neighbour(x, step), neighbour(y, step)) {
                    (Some(a), Some(b)) => owner[a] == owner[b],
                    _ => false,
                })
                .count();
            *s += bonus * support as f32;
        }
    }
    pairs
}

/// The clusters being built, with what every step reads.
struct Grouping<'a> {
    space: &'a Space,
    scored: &'a Scored,
    p: ClusterParams,
    c: Clusters,
}

impl Grouping<'_> {
    /// Links worth merging, strongest first: mutual best matches across each pair of documents,
    /// and near-copies whatever else they resemble.
    fn edges(&self) -> Vec<(f32, u32, u32)> {
        let (space, scored) = (self.space, self.scored);
        let mut out = Vec::new();
        for (x, list) in scored.pairs.iter().enumerate() {
            let dx = space.units[x].doc;
            for &(y, s) in list {
                let y = y as usize;
                if y <= x {
                    continue;
                }
                let dy = space.units[y].doc;
                let mutual = scored.best_in(x, dy) == Some(y as u32)
                    && scored.best_in(y, dx) == Some(x as u32);
                if (mutual && s > self.p.edge_min) || space.content(x, y) >= self.p.copy_min {
                    out.push((s, x as u32, y as u32));
                }
            }
        }
        out.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        out
    }

    /// Greedy single pass over the edges: two clusters merge when they hold no document in common
    /// and their average link is high enough, which stops chains of pairwise matches drifting
    /// off-topic.
    fn merge_edges(&mut self) {
        for (_, x, y) in self.edges() {
            let (a, b) = (self.c.owner[x as usize], self.c.owner[y as usize]);
            if a == b || self.c.shares_doc(self.space, a, b) {
                continue;
            }
            if average_link(self.space, &self.c.members[a], &self.c.members[b]) < self.p.link_min {
                continue;
            }
            self.c.merge(a, b);
        }
    }

    /// Lone articles that are part of a matter another document holds in one article: joined to
    /// a neighbour's cluster (split provisions), or to the cluster most of their best matches
    /// fall in.
    fn attach_stragglers(&mut self) {
        let mut changed = true;
        while changed {
            changed = false;
            for x in 0..self.space.len() {
                if self.c.members[self.c.owner[x]].len() > 1 {
                    continue;
                }
                if let Some(target) = self.split_target(x).or_else(|| self.vote_target(x)) {
                    self.c.merge(self.c.owner[x], target);
                    changed = true;
                }
            }
        }
    }

    /// Clusters that hold part of a matter the neighbouring cluster holds whole in other
    /// documents. Targets are chosen on the clusters as they stand, then merged in one go, so an
    /// absorbed fragment does not pull its own neighbours in after it.
    fn absorb_fragments(&mut self) {
        let moves: Vec<(usize, usize)> = (0..self.c.members.len())
            .filter(|&b| !self.c.members[b].is_empty())
            .filter_map(|b| {
                let a = self.absorb_target(b)?;
                Some((self.c.members[b][0], self.c.members[a][0]))
            })
            .collect();
        for (x, y) in moves {
            let (b, a) = (self.c.owner[x], self.c.owner[y]);
            if a != b {
                self.c.merge(a, b);
            }
        }
    }

    /// The neighbouring cluster that `b` is a piece of: it spans more documents, sits next to `b`
    /// in every document both hold, and in some document `b` lacks, one of its articles holds
    /// both `b`'s piece and the neighbouring piece (see [`Grouping::fused_coverage`]). The
    /// best-covered wins.
    fn absorb_target(&self, b: usize) -> Option<usize> {
        let (space, c) = (self.space, &self.c);
        let db = c.docs(space, b);
        let mut best: Option<(f32, usize)> = None;
        for a in self.neighbour_clusters(b) {
            let da = c.docs(space, a);
            if da.len() <= db.len() || !self.runs_together(a, b, &db, &da) {
                continue;
            }
            let s = self.fused_coverage(a, b, &db);
            if s >= self.p.absorb_min && best.is_none_or(|(bs, _)| s > bs) {
                best = Some((s, a));
            }
        }
        best.map(|(_, a)| a)
    }

    /// Evidence that `b` and `a` split a matter another document keeps in one article: an article
    /// `x` of `b` and its neighbour `n` of `a` both have their best match in some document outside
    /// `db` (`b`'s documents, sorted) at the same article of `a`, which contains both. The
    /// strength is the lower of the two [`Space::coverage`]s, at best.
    fn fused_coverage(&self, a: usize, b: usize, db: &[usize]) -> f32 {
        let (space, c) = (self.space, &self.c);
        let mut best = 0.0f32;
        for &x in &c.members[b] {
            let beside = [x.checked_sub(1), Some(x + 1)].into_iter().flatten();
            for n in beside.filter(|&n| n < space.len() && c.owner[n] == a) {
                if space.units[n].doc != space.units[x].doc {
                    continue;
                }
                for &(e, y, _) in &self.scored.best[x] {
                    let whole = c.owner[y as usize] == a
                        && db.binary_search(&e).is_err()
                        && self.scored.best_in(n, e) == Some(y);
                    if whole {
                        let y = y as usize;
                        best = best.max(space.coverage(x, y).min(space.coverage(n, y)));
                    }
                }
            }
        }
        best
    }

    /// Clusters of the articles right before and after `b`'s, inside the same chapters.
    fn neighbour_clusters(&self, b: usize) -> Vec<usize> {
        let (space, c) = (self.space, &self.c);
        let mut out: Vec<usize> = Vec::new();
        for &m in &c.members[b] {
            let u = space.units[m];
            for n in [m.checked_sub(1), Some(m + 1)].into_iter().flatten() {
                let same_place = n < space.len()
                    && space.units[n].doc == u.doc
                    && space.units[n].chapter == u.chapter;
                if same_place && c.owner[n] != b && !out.contains(&c.owner[n]) {
                    out.push(c.owner[n]);
                }
            }
        }
        out
    }

    /// Whether, in every document that both clusters hold (`db`, `da` sorted), their articles
    /// together are one run of consecutive articles.
    fn runs_together(&self, a: usize, b: usize, db: &[usize], da: &[usize]) -> bool {
        let (space, c) = (self.space, &self.c);
        db.iter().filter(|d| da.binary_search(d).is_ok()).all(|&d| {
            let mut at: Vec<usize> = c.members[a]
                .iter()
                .chain(&c.members[b])
                .copied()
                .filter(|&m| space.units[m].doc == d)
                .collect();
            at.sort_unstable();
            at.windows(2).all(|w| w[1] == w[0] + 1)
        })
    }

    /// Mean similarity of `x` to `members` (to an evenly spaced sample of them in a large cluster).
    fn mean_sim(&self, x: usize, members: &[usize]) -> f32 {
        let stride = members.len().div_ceil(MAX_MEAN_SAMPLE).max(1);
        let sample: Vec<usize> = members.iter().step_by(stride).copied().collect();
        sample.iter().map(|&m| self.space.sim(x, m)).sum::<f32>() / sample.len().max(1) as f32
    }

    /// The cluster of a neighbouring article that `x` completes: most of `x`'s best matches in the
    /// cluster's other documents lie in it, and `x` resembles them on average.
    fn split_target(&self, x: usize) -> Option<usize> {
        let (space, c) = (self.space, &self.c);
        let u = space.units[x];
        let neighbours = [u.pos.checked_sub(1), Some(u.pos + 1)];
        for pos in neighbours.into_iter().flatten() {
            let Some(nb) = space.at(u.doc, pos) else {
                continue;
            };
            let target = c.owner[nb];
            let others: Vec<usize> = c.members[target]
                .iter()
                .copied()
                .filter(|&m| space.units[m].doc != u.doc)
                .collect();
            if others.is_empty() {
                continue;
            }
            let docs: Vec<usize> = c
                .docs(space, target)
                .into_iter()
                .filter(|&d| d != u.doc)
                .collect();
            let hits = docs
                .iter()
                .filter(|&&d| {
                    self.scored
                        .best_in(x, d)
                        .is_some_and(|y| c.owner[y as usize] == target)
                })
                .count();
            if 2 * hits >= docs.len() && self.mean_sim(x, &others) > self.p.split_min {
                return Some(target);
            }
        }
        None
    }

    /// The cluster most of `x`'s best matches belong to, when `x`'s document is not in it yet.
    fn vote_target(&self, x: usize) -> Option<usize> {
        let c = &self.c;
        let mut votes: Vec<(usize, usize)> = Vec::new();
        for &(_, y, _) in &self.scored.best[x] {
            let owner = c.owner[y as usize];
            match votes.iter_mut().find(|v| v.0 == owner) {
                Some(v) => v.1 += 1,
                None => votes.push((owner, 1)),
            }
        }
        let &(target, v) = votes
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
        let members = &c.members[target];
        let docs = c.docs(self.space, target);
        if members.len() < 2 || docs.binary_search(&self.space.units[x].doc).is_ok() {
            return None;
        }
        let enough = v >= 2 && 2 * v > docs.len();
        (enough && self.mean_sim(x, members) > self.p.vote_min).then_some(target)
    }
}
