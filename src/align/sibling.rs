//! Neighbouring groups of one matter fused (setting `sibling`, off): two groups of several
//! documents each, whose members lie within `span` positions of each other in every document
//! they share, become one group when their evidence stands out of the corpus's side-by-side
//! pairs. Where every document writes a procedure or a duty in several articles (notice,
//! self-evaluation, site visit, report), each step finds its counterparts and makes a group of
//! its own, while the gold files hold the whole matter as one group; the two groups then sit side
//! by side in each document, and their articles read nearly as much like each other as like their
//! own counterparts. Neighbouring groups are the rule in any family drafted in one order, so
//! adjacency alone says nothing (it chains whole chapters), and an absolute bar on the similarity
//! fits one family only: in a template-heavy family every neighbour scores high. So the evidence
//! of a pair (the mean similarity of the two groups' members of different documents, its ratio to
//! the weaker group's cohesion, and the share of one group's members whose best match in a
//! document the group lacks is that document's article in the other group, the gold's own
//! convention of one article holding both matters) is read against its distribution over all the
//! side-by-side pairs of the same corpus before any fusion (median and robust spread; most
//! neighbours are different matters): the `logit` rule (the setting's default) weighs the two robust
//! z-scores and the fusing share with weights fitted on the dev families' gold; the `z` and
//! `top` rules ask one score to reach a z-score or a top share; the `absolute` rule is the first
//! build's (`min`, `ratio`). Penalty groups are left as they are (they are grouped by the provision
//! they punish). Runs last, strongest pair first, each fusion re-scored against the same null.
//!
//! Work: the side-by-side pairs of groups, the similarities between their members
//! (`Space::sim`, the grouping's own) and each member's best match in the documents one group
//! lacks; a pair's evidence is computed once until one of its groups changes.

use super::cluster::Scored;
use super::space::{Near, Space};
use std::collections::BTreeMap;

/// Settings of the step (`sibling`), measured by leave-one-family-out cross-validation over the
/// dev families (docs/alignment-rejected.md, "Neighbouring groups of one matter fused").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct SiblingParams {
    /// When true, neighbouring groups that read as one matter are fused.
    pub on: bool,
    /// Least mean similarity between the two groups' members of different documents.
    pub min: f32,
    /// Least ratio of that mean to the weaker group's own cohesion.
    pub ratio: f32,
    /// Most positions between the two groups' nearest members in each document they share.
    pub span: usize,
    /// Least number of documents the two groups share.
    pub shared: usize,
    /// How a pair is judged beside `min` and `ratio`: by those alone (`absolute`), or by how far
    /// it stands out of this corpus's side-by-side pairs (`z`, `top`, `logit`).
    #[serde(default)]
    pub rule: SiblingRule,
    /// Which evidence the `z` and `top` rules rank: the mean similarity, the cohesion ratio, or
    /// the lesser of the two robust z-scores.
    #[serde(default)]
    pub evidence: SiblingEvidence,
    /// `z`: least robust z-score of the evidence over the corpus's side-by-side pairs.
    #[serde(default = "default_k")]
    pub k: f32,
    /// `top`: the share of the corpus's side-by-side pairs, best first, whose evidence passes.
    #[serde(default = "default_q")]
    pub q: f32,
    /// Least share of one group's members whose best match in a document the group lacks is
    /// that document's article in the other group, covering them by at least `cover` (the
    /// gold's convention: one document's single article holds both matters); 0 asks nothing.
    #[serde(default)]
    pub fusing: f32,
    /// Least share of a member's wording that its best match in the lacking document holds.
    #[serde(default = "default_cover")]
    pub cover: f32,
    /// `logit`: weights of the constant, the mean similarity's z, the ratio's z and the fusing
    /// share; a pair fuses when their weighted sum is positive (probability above one half).
    #[serde(default)]
    pub weights: [f32; 4],
}

/// How `sibling` decides a pair (see [`SiblingParams::rule`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SiblingRule {
    /// `min` and `ratio` only.
    #[default]
    Absolute,
    /// The evidence's robust z-score over the corpus's side-by-side pairs at least `k`.
    Z,
    /// The evidence among the top `q` of the corpus's side-by-side pairs.
    Top,
    /// A logistic model over the pair's relative evidence (`weights`).
    Logit,
}

/// Which evidence the `z` and `top` rules rank (see [`SiblingParams::evidence`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SiblingEvidence {
    /// The mean similarity of the two groups' members of different documents.
    Link,
    /// That mean over the weaker group's cohesion.
    #[default]
    Ratio,
    /// The lesser of the two robust z-scores.
    Both,
}

fn default_k() -> f32 {
    2.0
}

fn default_q() -> f32 {
    0.1
}

fn default_cover() -> f32 {
    0.2
}

impl Default for SiblingParams {
    /// Off; when on, the `logit` rule with the weights fitted on the eight dev families'
    /// side-by-side pairs (`examples/sibling_study.rs`), within five positions, no absolute bar.
    /// Leave-one-family-out over ten dev families chooses it, but on the five it fuses the
    /// 全体会议 and 常务会议 groups, two matters (the five's later half, held out, 0.838 → 0.822).
    fn default() -> SiblingParams {
        SiblingParams {
            on: false,
            min: 0.0,
            ratio: 0.0,
            span: 5,
            shared: 1,
            rule: SiblingRule::Logit,
            evidence: SiblingEvidence::Ratio,
            k: default_k(),
            q: default_q(),
            fusing: 0.0,
            cover: default_cover(),
            weights: DEFAULT_WEIGHTS,
        }
    }
}

/// What one pair of side-by-side groups offers: the mean similarity of their members of
/// different documents, its ratio to the weaker group's cohesion, both as robust z-scores over
/// the corpus's side-by-side pairs, and the fusing share (see [`SiblingParams::fusing`]).
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct PairEvidence {
    /// Mean cross-document similarity of the two groups' members.
    pub link: f32,
    /// `link` over the weaker group's cohesion.
    pub ratio: f32,
    /// `link` as a robust z-score over the corpus's side-by-side pairs.
    pub z_link: f32,
    /// `ratio` as a robust z-score over the corpus's side-by-side pairs.
    pub z_ratio: f32,
    /// The largest share of one group's members whose best match in a document only the other
    /// group holds is that group's article there, covering them by at least `cover`.
    pub fusing: f32,
}

/// The `logit` rule's weights (constant, z of the mean similarity, z of the cohesion ratio, fusing
/// share), fitted on the right and wrong side-by-side pairs of the eight dev families.
pub const DEFAULT_WEIGHTS: [f32; 4] = [-4.334, 0.903, 0.353, 0.309];

/// Fewest side-by-side pairs a corpus needs for the relative rules to read a null from them.
const MIN_NULL: usize = 6;

/// The centre and robust spread of the corpus's side-by-side pairs (median, 1.4826 × MAD).
#[derive(Debug, Clone, Copy)]
struct Null {
    link: (f32, f32),
    ratio: (f32, f32),
    /// The `top` rule's bar on the evidence score, or infinity when there are too few pairs.
    bar: f32,
    pairs: usize,
}

fn robust(values: &mut [f32]) -> (f32, f32) {
    if values.is_empty() {
        return (0.0, 1.0);
    }
    values.sort_by(f32::total_cmp);
    let median = values[values.len() / 2];
    let mut dev: Vec<f32> = values.iter().map(|v| (v - median).abs()).collect();
    dev.sort_by(f32::total_cmp);
    let spread = (1.4826 * dev[dev.len() / 2]).max(1e-3);
    (median, spread)
}

impl Null {
    fn new(raw: &[(f32, f32, f32)], p: &SiblingParams) -> Null {
        let mut links: Vec<f32> = raw.iter().map(|r| r.0).collect();
        let mut ratios: Vec<f32> = raw.iter().map(|r| r.1).collect();
        let mut null = Null {
            link: robust(&mut links),
            ratio: robust(&mut ratios),
            bar: f32::INFINITY,
            pairs: raw.len(),
        };
        let mut scores: Vec<f32> = raw
            .iter()
            .map(|&(l, r, f)| null.score(&null.evidence(l, r, f), p))
            .collect();
        scores.sort_by(|a, b| b.total_cmp(a));
        let take = (p.q * scores.len() as f32).floor() as usize;
        if take > 0 && raw.len() >= MIN_NULL {
            null.bar = scores[take - 1];
        }
        null
    }

    fn evidence(&self, link: f32, ratio: f32, fusing: f32) -> PairEvidence {
        PairEvidence {
            link,
            ratio,
            z_link: (link - self.link.0) / self.link.1,
            z_ratio: (ratio - self.ratio.0) / self.ratio.1,
            fusing,
        }
    }

    /// The score the `z` and `top` rules rank.
    fn score(&self, e: &PairEvidence, p: &SiblingParams) -> f32 {
        match p.evidence {
            SiblingEvidence::Link => e.z_link,
            SiblingEvidence::Ratio => e.z_ratio,
            SiblingEvidence::Both => e.z_link.min(e.z_ratio),
        }
    }

    /// Whether the pair fuses, and the strength that orders fusions (strongest first).
    fn judge(&self, e: &PairEvidence, cohesion: f32, p: &SiblingParams) -> Option<f32> {
        if e.link < p.min || e.link < p.ratio * cohesion {
            return None;
        }
        if p.rule != SiblingRule::Absolute && p.fusing > 0.0 && e.fusing < p.fusing {
            return None;
        }
        let relative = p.rule != SiblingRule::Absolute;
        if relative && self.pairs < MIN_NULL {
            return None;
        }
        match p.rule {
            SiblingRule::Absolute => Some(e.link),
            SiblingRule::Z => {
                let s = self.score(e, p);
                (s >= p.k).then_some(s)
            }
            SiblingRule::Top => {
                let s = self.score(e, p);
                (s >= self.bar).then_some(s)
            }
            SiblingRule::Logit => {
                let w = &p.weights;
                let s = w[0] + w[1] * e.z_link + w[2] * e.z_ratio + w[3] * e.fusing;
                (s > 0.0).then_some(s)
            }
        }
    }
}

/// The eligible clusters (two documents or more, not mostly penalties).
fn eligible(space: &Space, members: &[usize], penalty: &[bool]) -> bool {
    let penalties = members
        .iter()
        .filter(|&&m| penalty.get(m).copied().unwrap_or(false))
        .count();
    docs_of(space, members).len() >= 2 && 2 * penalties <= members.len()
}

/// The raw evidence (mean similarity, cohesion ratio, fusing share) of clusters `a` and `b` when
/// they sit side by side.
fn raw_evidence(
    space: &Space,
    scored: &Scored,
    a: &[usize],
    b: &[usize],
    cohesion: f32,
    p: &SiblingParams,
) -> Option<(f32, f32, f32)> {
    if !side_by_side(space, a, b, p) {
        return None;
    }
    let link = mean_link(space, a, b);
    let ratio = if cohesion > 0.0 { link / cohesion } else { 0.0 };
    let fusing =
        fusing_share(space, scored, a, b, p.cover).max(fusing_share(space, scored, b, a, p.cover));
    Some((link, ratio, fusing))
}

/// The largest share, over the documents `into` holds and `from` lacks, of `from`'s members
/// whose best match in that document is a member of `into` holding at least `cover` of their
/// wording.
fn fusing_share(space: &Space, scored: &Scored, from: &[usize], into: &[usize], cover: f32) -> f32 {
    let have = docs_of(space, from);
    let lacking: Vec<usize> = docs_of(space, into)
        .into_iter()
        .filter(|d| have.binary_search(d).is_err())
        .collect();
    let mut best = 0.0f32;
    for d in lacking {
        let hits = from
            .iter()
            .filter(|&&m| {
                scored.best(m).any(|(bd, y, _)| {
                    bd == d
                        && into.contains(&(y as usize))
                        && space.coverage(m, y as usize) >= cover
                })
            })
            .count();
        best = best.max(hits as f32 / from.len().max(1) as f32);
    }
    best
}

/// The evidence of every side-by-side pair of eligible `clusters` before any fusion (the null
/// the relative rules read), each pair with its two clusters' numbers.
pub(crate) fn pair_evidence(
    space: &Space,
    scored: &Scored,
    clusters: &[Vec<usize>],
    penalty: &[bool],
    p: &SiblingParams,
) -> Vec<(usize, usize, PairEvidence)> {
    let (owner, open, cohesion) = setup(space, clusters, penalty);
    let pairs = side_pairs(space, &owner, &open, p.span);
    let raw: Vec<(usize, usize, (f32, f32, f32))> = pairs
        .into_iter()
        .filter_map(|(a, b)| {
            raw_evidence(
                space,
                scored,
                &clusters[a],
                &clusters[b],
                cohesion[a].min(cohesion[b]),
                p,
            )
            .map(|r| (a, b, r))
        })
        .collect();
    let null = Null::new(&raw.iter().map(|r| r.2).collect::<Vec<_>>(), p);
    raw.into_iter()
        .map(|(a, b, (l, r, f))| (a, b, null.evidence(l, r, f)))
        .collect()
}

/// Each unit's cluster, which clusters are eligible, and their cohesion.
fn setup(
    space: &Space,
    clusters: &[Vec<usize>],
    penalty: &[bool],
) -> (Vec<usize>, Vec<bool>, Vec<f32>) {
    let mut owner = vec![usize::MAX; space.len()];
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            owner[m] = c;
        }
    }
    let open: Vec<bool> = clusters
        .iter()
        .map(|c| eligible(space, c, penalty))
        .collect();
    let cohesion: Vec<f32> = clusters
        .iter()
        .zip(&open)
        .map(|(c, &o)| if o { mean_link(space, c, c) } else { 0.0 })
        .collect();
    (owner, open, cohesion)
}

/// Fuses pairs of `clusters` (each of at least two documents, not mostly penalties) that sit
/// within `span` positions of each other in every document they share (at least `shared`) and
/// whose evidence passes the rule: by default a mean similarity reaching both `min` and `ratio`
/// of the weaker one's cohesion; the relative rules also ask the evidence to stand out of the
/// corpus's side-by-side pairs before any fusion. The strongest pair first (the lower cluster
/// numbers on a tie), until none is left. Only clusters with members within `span` positions of
/// each other are ever compared, and a pair's evidence is computed once until one of the two
/// changes.
pub(crate) fn fuse_groups(
    space: &Space,
    scored: &Scored,
    mut clusters: Vec<Vec<usize>>,
    penalty: &[bool],
    p: &SiblingParams,
) -> Vec<Vec<usize>> {
    let (mut owner, mut open, mut cohesion) = setup(space, &clusters, penalty);
    let mut links: BTreeMap<(usize, usize), Option<f32>> = BTreeMap::new();
    let null = if p.rule == SiblingRule::Absolute {
        Null::new(&[], p)
    } else {
        // The null is the corpus's side-by-side pairs before any fusion; their judgements
        // seed the cache, so each is computed once.
        let pairs = pair_evidence(space, scored, &clusters, penalty, p);
        let raw: Vec<(f32, f32, f32)> = pairs
            .iter()
            .map(|(_, _, e)| (e.link, e.ratio, e.fusing))
            .collect();
        let null = Null::new(&raw, p);
        for (a, b, e) in pairs {
            let weaker = cohesion[a].min(cohesion[b]);
            links.insert((a, b), null.judge(&e, weaker, p));
        }
        null
    };
    loop {
        let mut best: Option<(f32, usize, usize)> = None;
        for (a, b) in side_pairs(space, &owner, &open, p.span) {
            let weaker = cohesion[a].min(cohesion[b]);
            let strength = *links.entry((a, b)).or_insert_with(|| {
                let fusing_needed = p.rule != SiblingRule::Absolute;
                let raw = if fusing_needed {
                    raw_evidence(space, scored, &clusters[a], &clusters[b], weaker, p)
                } else {
                    side_by_side(space, &clusters[a], &clusters[b], p).then(|| {
                        let link = mean_link(space, &clusters[a], &clusters[b]);
                        (link, 0.0, 0.0)
                    })
                };
                raw.and_then(|(l, r, f)| null.judge(&null.evidence(l, r, f), weaker, p))
            });
            let Some(strength) = strength else {
                continue;
            };
            if best.is_none_or(|x| strength > x.0) {
                best = Some((strength, a, b));
            }
        }
        let Some((_, a, b)) = best else {
            break;
        };
        let moved = std::mem::take(&mut clusters[b]);
        for &m in &moved {
            owner[m] = a;
        }
        clusters[a].extend(moved);
        clusters[a].sort_unstable();
        open[b] = false;
        open[a] = eligible(space, &clusters[a], penalty);
        cohesion[a] = mean_link(space, &clusters[a], &clusters[a]);
        links.retain(|k, _| k.0 != a && k.1 != a && k.0 != b && k.1 != b);
    }
    clusters.retain(|m| !m.is_empty());
    clusters
}

/// The pairs of open clusters (lower number first) with members of one document within `span`
/// positions of each other, sorted.
fn side_pairs(space: &Space, owner: &[usize], open: &[bool], span: usize) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for x in 0..space.len() {
        let a = owner[x];
        if a == usize::MAX || !open[a] {
            continue;
        }
        let after = space.units.iter().zip(owner).skip(x + 1).take(span);
        for (unit, &b) in after {
            if unit.doc != space.units[x].doc {
                break;
            }
            if b != a && b != usize::MAX && open[b] {
                pairs.push((a.min(b), a.max(b)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The distinct documents of `members`, sorted.
fn docs_of(space: &Space, members: &[usize]) -> Vec<usize> {
    let mut docs: Vec<usize> = members.iter().map(|&m| space.units[m].doc).collect();
    docs.sort_unstable();
    docs.dedup();
    docs
}

/// Whether `a` and `b` share at least `p.shared` documents and, in each of them, their members
/// together lie within `p.span` positions (so that fusions cannot chain a chapter into one group).
fn side_by_side(space: &Space, a: &[usize], b: &[usize], p: &SiblingParams) -> bool {
    let (da, db) = (docs_of(space, a), docs_of(space, b));
    let shared: Vec<usize> = da.into_iter().filter(|d| db.contains(d)).collect();
    if shared.len() < p.shared.max(1) {
        return false;
    }
    let in_shared = a
        .iter()
        .chain(b)
        .copied()
        .filter(|&x| shared.contains(&space.units[x].doc));
    space.within_span(in_shared, p.span)
}

/// The mean similarity over the pairs of `a` and `b` that lie in different documents (0 when
/// there is none); `mean_link(c, c)` is the cohesion of `c` (each pair counted both ways, which
/// leaves the mean as it is). Each article of `a` is spread once over dense arrays
/// (`Space::sim_near`), so a pair costs the terms of the `b` side only.
fn mean_link(space: &Space, a: &[usize], b: &[usize]) -> f32 {
    let mut near = Near::default();
    let mut sum = 0.0f64;
    let mut pairs = 0usize;
    for &x in a {
        let mut loaded = false;
        for &y in b {
            if space.units[x].doc == space.units[y].doc {
                continue;
            }
            if !loaded {
                space.load(&mut near, x);
                loaded = true;
            }
            sum += f64::from(space.sim_near(&mut near, x, y));
            pairs += 1;
        }
    }
    if pairs == 0 {
        0.0
    } else {
        (sum / pairs as f64) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::{Null, SiblingEvidence, SiblingParams, SiblingRule, side_by_side};

    /// The relative rules read a pair against its own corpus: evidence that stands out where most
    /// neighbours are different matters fuses, the same evidence in a family where every
    /// neighbour reads alike (one template) does not, and too few pairs make no null.
    #[test]
    fn a_pair_fuses_only_when_it_stands_out_of_its_corpus() {
        let p = SiblingParams {
            on: true,
            min: 0.0,
            ratio: 0.0,
            rule: SiblingRule::Z,
            evidence: SiblingEvidence::Both,
            k: 2.0,
            ..SiblingParams::default()
        };
        let pair = (0.3, 0.8, 0.0);
        let free = [
            (0.10, 0.40, 0.0),
            (0.12, 0.45, 0.0),
            (0.11, 0.35, 0.0),
            (0.14, 0.50, 0.0),
            (0.09, 0.42, 0.0),
            (0.13, 0.38, 0.0),
            pair,
        ];
        let null = Null::new(&free, &p);
        let e = null.evidence(pair.0, pair.1, pair.2);
        assert!(null.judge(&e, 0.3, &p).is_some(), "{e:?}");
        let template = [
            (0.30, 0.80, 0.0),
            (0.32, 0.85, 0.0),
            (0.29, 0.78, 0.0),
            (0.31, 0.82, 0.0),
            (0.28, 0.75, 0.0),
            (0.33, 0.86, 0.0),
            pair,
        ];
        let null = Null::new(&template, &p);
        let e = null.evidence(pair.0, pair.1, pair.2);
        assert!(null.judge(&e, 0.3, &p).is_none(), "{e:?}");
        let few = Null::new(&free[4..], &p);
        let e = few.evidence(pair.0, pair.1, pair.2);
        assert!(few.judge(&e, 0.3, &p).is_none(), "{e:?}");
        let logit = SiblingParams {
            rule: SiblingRule::Logit,
            ..p
        };
        let null = Null::new(&free, &logit);
        let e = null.evidence(pair.0, pair.1, pair.2);
        assert!(null.judge(&e, 0.3, &logit).is_some(), "{e:?}");
        let e = null.evidence(0.12, 0.45, 0.0);
        assert!(null.judge(&e, 0.3, &logit).is_none(), "{e:?}");
    }
    use crate::align::tests::fixture_space;

    /// Two groups count as side by side only within `span` positions in a shared document.
    #[test]
    fn groups_are_side_by_side_only_within_the_span() {
        let (space, units) = fixture_space();
        let (a, b) = (&units[0], &units[1]);
        assert!(
            a.len() >= 2 && !b.is_empty(),
            "the fixture has two documents"
        );
        let near = SiblingParams {
            span: 1,
            ..SiblingParams::default()
        };
        let far = SiblingParams {
            span: 0,
            ..SiblingParams::default()
        };
        let one = [a[0], b[0]];
        let two = [a[1]];
        assert!(side_by_side(&space, &one, &two, &near));
        assert!(!side_by_side(&space, &one, &two, &far));
        let three = [b[0]];
        assert!(!side_by_side(
            &space,
            &[a[0]],
            &three,
            &SiblingParams::default()
        ));
    }
}
