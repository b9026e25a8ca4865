//! Two editions of one regulation, article by article (修改前后对照表): every article of the old
//! edition against its counterpart in the new one, with renumbered, moved, split, merged, added and
//! deleted articles told apart and the wording compared word by word ([`crate::diff`]).
//!
//! Matching is a two-document alignment that respects order:
//!
//! 1. Each article is its set of character bigrams (letters, digits and Han characters; punctuation
//!    and spacing left out). Shared bigrams of every pair come from an inverted index over the new
//!    edition, so the cost follows the bigrams two editions share, not all pairs of articles.
//! 2. A weighted longest common subsequence (dynamic programming over old × new) pairs articles
//!    whose Dice similarity reaches [`Params::chain`], maximising the summed similarity: amended
//!    articles keep their place in the sequence, so order is the strongest evidence. A pair must
//!    also reach [`Params::rare`] with its bigrams weighed by rarity over both editions: two
//!    articles that share only stock wording (生产经营单位…应当…国家有关规定) are not one.
//! 3. Articles left over on both sides whose best match is each other with Dice ≥ [`Params::moved`]
//!    are one article, moved (and often revised): the content pairs them where the numbers and
//!    the order do not.
//! 4. A left-over new article whose bigrams are mostly inside (≥ [`Params::piece`]) the old article
//!    of a neighbouring new article is split off from it; a left-over old article mostly inside the
//!    new article of a neighbouring old article was merged into it.
//! 5. What remains is added (new only) or deleted (old only).
//!
//! An article that holds nothing but a note of its own deletion (`第十条 删除`, `（本条删除）`,
//! `【已废止】`: the place an edition amended in place keeps for it) is no article of either
//! edition ([`is_placeholder`]): the old article it stands for is deleted, not modified to say 删除.
//!
//! Rows come in the new edition's order; a deleted article follows the row of the old article
//! before it. Pure: no I/O, no printing; renderers are in [`crate::render::versions`].

use crate::diff::{self, Op, Segment, Written};
pub use crate::model::is_placeholder;
use crate::model::{Article, ChapterRef, Regulation};
use crate::report::{ArticleCite, DocName, written_text};
use crate::text::chars::shared_sorted;
use crate::text::fold::Normed;
use std::collections::HashMap;

/// Thresholds of the matching; whole-method settings, the same for every pair of editions.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Least Dice similarity of two articles paired in sequence.
    pub chain: f32,
    /// Least Dice similarity of two articles paired in sequence with their bigrams weighed by
    /// rarity (`ln((N + 1) / (df + 1))` over both editions): two articles that share only the editions' stock wording
    /// (生产经营单位, 应当, 国家有关规定, 安全措施) are not one article revised.
    pub rare: f32,
    /// Least Dice similarity of an article paired out of sequence (moved) whatever else.
    pub moved_whole: f32,
    /// Or: least Dice similarity of one paired out of sequence when the shorter of the two has
    /// at least [`Params::moved_held`] of its bigrams in the other (revised and moved).
    pub moved: f32,
    /// See [`Params::moved`].
    pub moved_held: f32,
    /// Least share of a piece's bigrams found in the whole it was split from or merged into.
    pub piece: f32,
    /// Or: least rise of the Dice similarity of the whole with its counterparts when the piece
    /// joins them.
    pub complete: f32,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            chain: 0.3,
            rare: 0.15,
            moved_whole: 0.5,
            moved: 0.4,
            moved_held: 0.55,
            piece: 0.6,
            complete: 0.01,
        }
    }
}

/// How an old article became a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// One old article, one new article, in sequence.
    Kept,
    /// One to one, out of sequence: the article moved.
    Moved,
    /// One old article became several new ones.
    Split,
    /// Several old articles became one new one.
    Merged,
    /// Only in the new edition.
    Added,
    /// Only in the old edition.
    Deleted,
}

impl ChangeKind {
    /// The kind's name on the wire (`kept`, `moved`, `split`…).
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Kept => "kept",
            ChangeKind::Moved => "moved",
            ChangeKind::Split => "split",
            ChangeKind::Merged => "merged",
            ChangeKind::Added => "added",
            ChangeKind::Deleted => "deleted",
        }
    }

    /// The usual word in a 修改前后对照表.
    pub fn chinese(self) -> &'static str {
        match self {
            ChangeKind::Kept => "保留",
            ChangeKind::Moved => "移动",
            ChangeKind::Split => "拆分",
            ChangeKind::Merged => "合并",
            ChangeKind::Added => "新增",
            ChangeKind::Deleted => "删除",
        }
    }
}

/// One row of the table: old articles against new articles.
#[derive(Debug, Clone)]
pub struct Row {
    /// How the old articles became the new ones.
    pub kind: ChangeKind,
    /// The old edition's articles (none for an added article).
    pub old: Vec<ArticleCite>,
    /// The new edition's articles (none for a deleted article).
    pub new: Vec<ArticleCite>,
    /// The old articles' text as written, joined by newlines.
    pub old_text: String,
    /// The new articles' text as written, joined by newlines.
    pub new_text: String,
    /// Where each old article begins in `old_text` (byte offsets, the first 0): a merged row shows
    /// each article under its own number.
    pub old_starts: Vec<usize>,
    /// Where each new article begins in `new_text`: a split row shows each article under its own
    /// number.
    pub new_starts: Vec<usize>,
    /// `new_text` against `old_text`: `Delete` is old wording the new edition drops, `Insert` new
    /// wording. Empty for added and deleted articles.
    pub segments: Vec<Segment>,
    /// Bigram Dice similarity of the two sides (0 for added and deleted articles).
    pub similarity: f32,
    /// The wording changed only where it cites an article, and each such citation now names the
    /// new number of the article it named (第二十六条 → 第二十七条 when 第二十六条 became
    /// 第二十七条): the citations follow the renumbering (引用条号随之变更), nothing was revised.
    pub references_follow: bool,
    /// For a deleted article, the new articles that hold its wording (one of its paragraphs, or
    /// most of the whole): where its provisions went (部分移至第七十六条). For an added article, the
    /// old articles whose wording it holds (部分来自第六十四条). Empty for other rows, and when no
    /// article of the other edition holds any of it. See `elsewhere`.
    pub elsewhere: Vec<Elsewhere>,
}

/// An article of the other edition that holds wording of an added or deleted one.
#[derive(Debug, Clone)]
pub struct Elsewhere {
    /// The article of the other edition.
    pub article: ArticleCite,
    /// It holds most of the whole added or deleted article, not only one of its paragraphs.
    pub whole: bool,
}

impl Row {
    /// The article numbers changed: a one-to-one row whose labels differ (第七条 → 第八条).
    pub fn renumbered(&self) -> bool {
        matches!(self.kind, ChangeKind::Kept | ChangeKind::Moved)
            && self.old.first().map(|a| &a.label) != self.new.first().map(|a| &a.label)
    }

    /// The wording changed (punctuation included); always true for added and deleted articles.
    /// Spacing alone is no change (`spacing_only`): a DOCX and a PDF of one text differ so.
    pub fn modified(&self) -> bool {
        match self.kind {
            ChangeKind::Added | ChangeKind::Deleted => true,
            _ => {
                self.segments.iter().any(|s| s.op != Op::Equal)
                    && !spacing_only(&self.old_text, &self.new_text)
            }
        }
    }

    /// A row with articles on both sides whose wording changed (an added or deleted article
    /// has nothing to be reworded from): what JSON's `modified` says, and, of kept and moved
    /// rows, what `Summary::modified` counts (split and merged rows are counted by their kind).
    pub fn reworded(&self) -> bool {
        !matches!(self.kind, ChangeKind::Added | ChangeKind::Deleted) && self.modified()
    }

    /// Nothing but the number changed, if that: the rows `--changed-only` folds away.
    pub fn unchanged(&self) -> bool {
        matches!(self.kind, ChangeKind::Kept) && !self.modified()
    }

    /// 第七条 → 第八条, 第三条 → 第三条、第四条, 第九条 (deleted).
    pub fn heading(&self) -> String {
        let labels = |a: &[ArticleCite]| {
            a.iter()
                .map(|c| c.label.as_str())
                .collect::<Vec<_>>()
                .join("、")
        };
        match (self.old.is_empty(), self.new.is_empty()) {
            (true, _) => format!("（无） → {}", labels(&self.new)),
            (_, true) => format!("{} → （删除）", labels(&self.old)),
            _ => format!("{} → {}", labels(&self.old), labels(&self.new)),
        }
    }

    /// What happened, in the words of a 对照表: 修改, 条号变更, 移动, 拆分, 合并, 新增, 删除, 未修改;
    /// a deleted article whose wording went elsewhere says where (删除·部分移至第七十六条), an added
    /// one where its wording came from (新增·来自第六十四条).
    pub fn status(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        match self.kind {
            ChangeKind::Kept => {}
            k => parts.push(k.chinese().to_string()),
        }
        let (to, from) = (
            self.kind == ChangeKind::Deleted,
            self.kind == ChangeKind::Added,
        );
        if (to || from) && !self.elsewhere.is_empty() {
            let labels = |whole: bool| {
                self.elsewhere
                    .iter()
                    .filter(|e| e.whole == whole)
                    .map(|e| e.article.label.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            };
            let verb = if to { "移至" } else { "来自" };
            for (whole, prefix) in [(true, ""), (false, "部分")] {
                let labels = labels(whole);
                if !labels.is_empty() {
                    parts.push(format!("{prefix}{verb}{labels}"));
                }
            }
        }
        if self.renumbered() && self.kind == ChangeKind::Kept {
            parts.push("条号变更".to_string());
        }
        if !matches!(self.kind, ChangeKind::Added | ChangeKind::Deleted) {
            parts.push(
                if self.references_follow {
                    REFERENCES_FOLLOW
                } else if self.modified() {
                    "修改"
                } else {
                    "未修改"
                }
                .to_string(),
            );
        }
        parts.join("·")
    }
}

/// The status of an article whose only change is a citation that follows the renumbering
/// (`Row::references_follow`).
pub const REFERENCES_FOLLOW: &str = "引用条号随之变更";

/// Counts of each kind of change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles of the old edition.
    pub old_articles: usize,
    /// Articles of the new edition.
    pub new_articles: usize,
    /// One-to-one rows with identical text (renumbered or not).
    pub unchanged: usize,
    /// One-to-one rows whose text changed.
    pub modified: usize,
    /// One-to-one rows whose article number changed.
    pub renumbered: usize,
    /// One-to-one rows out of sequence.
    pub moved: usize,
    /// Old articles split into several.
    pub split: usize,
    /// New articles merged from several.
    pub merged: usize,
    /// Articles only in the new edition.
    pub added: usize,
    /// Articles only in the old edition.
    pub deleted: usize,
}

/// The whole comparison of two editions.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The old edition.
    pub old: DocName,
    /// The new edition.
    pub new: DocName,
    /// Every article of both editions in one row, in the new edition's order.
    pub rows: Vec<Row>,
}

impl Comparison {
    /// How many rows of each kind.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for r in &self.rows {
            s.old_articles += r.old.len();
            s.new_articles += r.new.len();
            match r.kind {
                ChangeKind::Kept | ChangeKind::Moved => {
                    if r.reworded() {
                        s.modified += 1;
                    } else {
                        s.unchanged += 1;
                    }
                    if r.renumbered() {
                        s.renumbered += 1;
                    }
                    if r.kind == ChangeKind::Moved {
                        s.moved += 1;
                    }
                }
                ChangeKind::Split => s.split += 1,
                ChangeKind::Merged => s.merged += 1,
                ChangeKind::Added => s.added += 1,
                ChangeKind::Deleted => s.deleted += 1,
            }
        }
        s
    }
}

/// A chapter whose number, title or place changed between the editions, or that one edition
/// lacks (`Comparison::chapters`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterChange {
    /// The old edition's chapter (none for a chapter only the new edition has).
    pub old: Option<ChapterRef>,
    /// The new edition's chapter (none for a chapter only the old edition has).
    pub new: Option<ChapterRef>,
    /// Its articles stand in another order among the other chapters' (第五章 合理利用 moved
    /// before 保护措施), not only renumbered because a chapter before it came or went.
    pub moved: bool,
}

impl ChapterChange {
    /// `第五章 合理利用 → 第四章 合理利用 (moved)`, `第三章 保护名录 (deleted)`.
    pub fn line(&self) -> String {
        match (&self.old, &self.new) {
            (Some(o), Some(n)) => {
                let moved = if self.moved { " (moved)" } else { "" };
                format!("{} → {}{moved}", o.label(), n.label())
            }
            (Some(o), None) => format!("{} (deleted)", o.label()),
            (None, Some(n)) => format!("{} (added)", n.label()),
            (None, None) => String::new(),
        }
    }
}

impl Comparison {
    /// The chapters that were renumbered, retitled, moved, added or deleted, in the new edition's
    /// order (deleted ones after). Each old chapter is paired with the new chapter that holds most
    /// of its articles' counterparts when that one's own articles come mostly from it; a pair is
    /// moved when it falls outside the heaviest run of pairs in the same order on both sides
    /// (weighted by articles, so the smaller of two swapped chapters is the one that moved).
    /// Empty when either edition has no chapters.
    pub fn chapters(&self) -> Vec<ChapterChange> {
        let order = |old: bool| -> Vec<ChapterRef> {
            let mut cites: Vec<&ArticleCite> = self
                .rows
                .iter()
                .flat_map(|r| if old { &r.old } else { &r.new })
                .collect();
            cites.sort_by_key(|c| c.lines);
            let mut out: Vec<ChapterRef> = Vec::new();
            for c in cites {
                if !out.contains(&c.chapter) {
                    out.push(c.chapter.clone());
                }
            }
            out
        };
        let (olds, news) = (order(true), order(false));
        let chapterless =
            |cs: &[ChapterRef]| cs.iter().all(|c| c.number == 0 && c.title.is_empty());
        if chapterless(&olds) || chapterless(&news) {
            return Vec::new();
        }
        let at = |cs: &[ChapterRef], c: &ChapterRef| cs.iter().position(|x| x == c);
        let mut votes = vec![vec![0usize; news.len()]; olds.len()];
        for r in self
            .rows
            .iter()
            .filter(|r| !r.old.is_empty() && !r.new.is_empty())
        {
            for o in &r.old {
                for n in &r.new {
                    if let (Some(i), Some(j)) = (at(&olds, &o.chapter), at(&news, &n.chapter)) {
                        votes[i][j] += 1;
                    }
                }
            }
        }
        let best = |row: &mut dyn Iterator<Item = (usize, usize)>| {
            row.filter(|&(_, v)| v > 0)
                .max_by_key(|&(k, v)| (v, std::cmp::Reverse(k)))
                .map(|(k, _)| k)
        };
        let pairs: Vec<(usize, usize)> = (0..olds.len())
            .filter_map(|i| {
                let j = best(&mut votes[i].iter().copied().enumerate())?;
                let back = best(&mut (0..olds.len()).map(|k| (k, votes[k][j])))?;
                (back == i).then_some((i, j))
            })
            .collect();
        // The heaviest chain of pairs increasing on both sides (pairs are in old order).
        let weight = |&(i, j): &(usize, usize)| votes[i][j];
        let mut chain: Vec<(usize, Option<usize>)> = Vec::with_capacity(pairs.len());
        for (k, p) in pairs.iter().enumerate() {
            let prev = (0..k)
                .filter(|&q| pairs[q].1 < p.1)
                .max_by_key(|&q| (chain[q].0, std::cmp::Reverse(q)));
            let total = prev.map_or(0, |q| chain[q].0) + weight(p);
            chain.push((total, prev));
        }
        let mut in_order = vec![false; pairs.len()];
        let mut end = (0..pairs.len()).max_by_key(|&k| (chain[k].0, std::cmp::Reverse(k)));
        while let Some(k) = end {
            in_order[k] = true;
            end = chain[k].1;
        }
        let mut changes: Vec<ChapterChange> = Vec::new();
        for (j, n) in news.iter().enumerate() {
            match pairs.iter().position(|&(_, pj)| pj == j) {
                Some(k) => {
                    let o = &olds[pairs[k].0];
                    let moved = !in_order[k];
                    if moved || o.label() != n.label() {
                        changes.push(ChapterChange {
                            old: Some(o.clone()),
                            new: Some(n.clone()),
                            moved,
                        });
                    }
                }
                None => changes.push(ChapterChange {
                    old: None,
                    new: Some(n.clone()),
                    moved: false,
                }),
            }
        }
        for (i, o) in olds.iter().enumerate() {
            if !pairs.iter().any(|&(pi, _)| pi == i) {
                changes.push(ChapterChange {
                    old: Some(o.clone()),
                    new: None,
                    moved: false,
                });
            }
        }
        changes
    }
}

/// Compares two editions with the default [`Params`].
pub fn compare(old: &Regulation, new: &Regulation) -> Comparison {
    compare_with(old, new, Params::default())
}

/// True when two texts differ only as `compare` folds them away: spaces and line breaks beside
/// Chinese characters (`前 3 次` / `前3次`, a line a PDF wrapped), runs of spaces, character widths
/// (the brackets too: `(一)` / `（一）`, as one edition typeset and the next reprinted).
fn spacing_only(old: &str, new: &str) -> bool {
    let fold = |t: &str| Normed::of_all_widths(&t.replace('\n', " ")).norm;
    fold(old) == fold(new)
}

/// `reg` without its [`is_placeholder`] articles (borrowed when it has none).
fn without_placeholders(reg: &Regulation) -> std::borrow::Cow<'_, Regulation> {
    if !reg.articles.iter().any(is_placeholder) {
        return std::borrow::Cow::Borrowed(reg);
    }
    let mut kept = reg.clone();
    kept.articles.retain(|a| !is_placeholder(a));
    std::borrow::Cow::Owned(kept)
}

/// Compares two editions.
pub fn compare_with(old: &Regulation, new: &Regulation, params: Params) -> Comparison {
    let (old, new) = (without_placeholders(old), without_placeholders(new));
    let (old, new) = (old.as_ref(), new.as_ref());
    let a: Vec<Vec<u64>> = old.articles.iter().map(|x| bigrams(&x.norm)).collect();
    let b: Vec<Vec<u64>> = new.articles.iter().map(|x| bigrams(&x.norm)).collect();
    let shared = shared_counts(&a, &b);
    let dice = |i: usize, j: usize| -> f32 {
        let both = a[i].len() + b[j].len();
        if both == 0 {
            // Two articles without letters: equal only when their texts are.
            f32::from(u8::from(old.articles[i].norm == new.articles[j].norm))
        } else {
            2.0 * shared[i][j] as f32 / both as f32
        }
    };
    // Which old articles go with which new: group index per article.
    let mut old_row: Vec<Option<usize>> = vec![None; a.len()];
    let mut new_row: Vec<Option<usize>> = vec![None; b.len()];
    let mut groups: Vec<MatchGroup> = Vec::new();

    // 2. Weighted LCS over articles in order, of pairs that share more than the editions'
    // stock wording.
    let rarity = Rarity::new(&a, &b);
    let in_sequence = |i: usize, j: usize| -> f32 {
        let d = dice(i, j);
        if d >= params.chain && rarity.dice(&a[i], &b[j]) < params.rare {
            0.0
        } else {
            d
        }
    };
    for (i, j) in chain(a.len(), b.len(), &in_sequence, params.chain) {
        old_row[i] = Some(groups.len());
        new_row[j] = Some(groups.len());
        groups.push((vec![i], vec![j], ChangeKind::Kept));
    }
    // 3. Moved: mutual best among the left-overs.
    let free_old: Vec<usize> = (0..a.len()).filter(|i| old_row[*i].is_none()).collect();
    let free_new: Vec<usize> = (0..b.len()).filter(|j| new_row[*j].is_none()).collect();
    let best_new = |i: usize| {
        free_new
            .iter()
            .copied()
            .max_by(|x, y| dice(i, *x).total_cmp(&dice(i, *y)))
    };
    let best_old = |j: usize| {
        free_old
            .iter()
            .copied()
            .max_by(|x, y| dice(*x, j).total_cmp(&dice(*y, j)))
    };
    for &i in &free_old {
        let Some(j) = best_new(i) else { continue };
        let held = {
            let least = a[i].len().min(b[j].len()).max(1);
            shared[i][j] as f32 / least as f32
        };
        let same = dice(i, j) >= params.moved_whole
            || (dice(i, j) >= params.moved && held >= params.moved_held);
        if best_old(j) == Some(i) && same && new_row[j].is_none() {
            old_row[i] = Some(groups.len());
            new_row[j] = Some(groups.len());
            groups.push((vec![i], vec![j], ChangeKind::Moved));
        }
    }
    // 4. Split and merged pieces next to their whole, until nothing more attaches: pieces of the
    // new edition beside an old whole (split), then of the old beside a new whole (merged).
    // `shared` is indexed [old][new]: a new piece's whole is old, an old piece's whole new.
    let new_piece = |whole: usize, piece: usize| shared[whole][piece];
    let old_piece = |whole: usize, piece: usize| shared[piece][whole];
    let split_side = Side::new(&b, &a, &new_piece, true);
    let merged_side = Side::new(&a, &b, &old_piece, false);
    loop {
        let split = split_side.attach(&mut groups, &mut new_row, params.piece, params.complete);
        let merged = merged_side.attach(&mut groups, &mut old_row, params.piece, params.complete);
        if !split && !merged {
            break;
        }
    }
    for g in &mut groups {
        if g.1.len() > 1 {
            g.2 = ChangeKind::Split;
        } else if g.0.len() > 1 {
            g.2 = ChangeKind::Merged;
        }
    }
    // 5. Added and deleted.
    for (j, r) in new_row.iter_mut().enumerate() {
        if r.is_none() {
            *r = Some(groups.len());
            groups.push((vec![], vec![j], ChangeKind::Added));
        }
    }
    for (i, r) in old_row.iter_mut().enumerate() {
        if r.is_none() {
            *r = Some(groups.len());
            groups.push((vec![i], vec![], ChangeKind::Deleted));
        }
    }
    // Where the wording of added and deleted articles is in the other edition.
    // A new article's wording is its own old article's when that article holds it too (the
    // deleted 客运 licence article's paragraph is in the 货运 one's of both editions): the
    // counterparts of each article of the other edition, by side, rule it out as a place.
    let new_kin = |k: usize| -> Vec<&[u64]> {
        new_row[k].map_or(Vec::new(), |g| {
            groups[g].0.iter().map(|i| a[*i].as_slice()).collect()
        })
    };
    let old_kin = |k: usize| -> Vec<&[u64]> {
        old_row[k].map_or(Vec::new(), |g| {
            groups[g].1.iter().map(|j| b[*j].as_slice()).collect()
        })
    };
    let mut places: Vec<Vec<(usize, bool)>> = groups
        .iter()
        .map(
            |(olds, news, kind)| match (kind, olds.as_slice(), news.as_slice()) {
                (ChangeKind::Deleted, [i], _) => {
                    elsewhere(&old.articles[*i], &a[*i], &b, &new_kin, params)
                }
                (ChangeKind::Added, _, [j]) => {
                    elsewhere(&new.articles[*j], &b[*j], &a, &old_kin, params)
                }
                _ => Vec::new(),
            },
        )
        .collect();
    // Both ends say it: an added article holding a paragraph of a deleted one says where it
    // came from, and the deleted one where it went, whichever side's paragraph was found.
    for g in 0..groups.len() {
        let (olds, news, kind) = &groups[g];
        let (this, rows) = match (kind, olds.as_slice(), news.as_slice()) {
            (ChangeKind::Deleted, [i], _) => (*i, &new_row),
            (ChangeKind::Added, _, [j]) => (*j, &old_row),
            _ => continue,
        };
        for (k, _) in places[g].clone() {
            let Some(h) = rows[k] else { continue };
            let opposite = if *kind == ChangeKind::Deleted {
                ChangeKind::Added
            } else {
                ChangeKind::Deleted
            };
            if groups[h].2 == opposite && !places[h].iter().any(|(x, _)| *x == this) {
                places[h].push((this, false));
                places[h].sort_unstable();
            }
        }
    }
    let order = reading_order(&groups, &old_row);
    let rows = order
        .into_iter()
        .map(|g| {
            let (olds, news, kind) = &groups[g];
            let other = if *kind == ChangeKind::Deleted {
                new
            } else {
                old
            };
            let elsewhere = places[g]
                .iter()
                .map(|&(k, whole)| Elsewhere {
                    article: ArticleCite::of(&other.articles[k]),
                    whole,
                })
                .collect();
            let old_arts: Vec<&Article> = olds.iter().map(|i| &old.articles[*i]).collect();
            let new_arts: Vec<&Article> = news.iter().map(|j| &new.articles[*j]).collect();
            // Diffed on the normalised texts, shown as the documents write them (１次, ５０％):
            // `diff::as_written`, as `compare` does; brackets and colons of either width are one
            // (a reprint that sets (一) as （一） changes no wording), shown quietly where they differ.
            let old_text = written_text(&old_arts);
            let new_text = written_text(&new_arts);
            let (old_starts, new_starts) = (starts(&old_arts), starts(&new_arts));
            let segments = if old_arts.is_empty() || new_arts.is_empty() {
                Vec::new()
            } else {
                let (old_normed, new_normed) = (
                    Normed::of_all_widths(&old_text),
                    Normed::of_all_widths(&new_text),
                );
                let segments = diff::diff(&old_normed.norm, &new_normed.norm);
                let old_side = Written {
                    text: &old_text,
                    normed: &old_normed,
                };
                let new_side = Written {
                    text: &new_text,
                    normed: &new_normed,
                };
                numbers_marked(
                    diff::as_written(segments, old_side, new_side)
                        .into_iter()
                        .map(|(s, _)| s)
                        .collect(),
                )
            };
            let similarity = match (olds.as_slice(), news.as_slice()) {
                ([i], [j]) => dice(*i, *j),
                ([], _) | (_, []) => 0.0,
                _ => {
                    let x = bigrams(&crate::text::fold::norm(&old_text));
                    let y = bigrams(&crate::text::fold::norm(&new_text));
                    let s = shared_sorted(&x, &y);
                    diff::dice(s, x.len() + y.len())
                }
            };
            Row {
                kind: *kind,
                old: old_arts.iter().map(|x| ArticleCite::of(x)).collect(),
                new: new_arts.iter().map(|x| ArticleCite::of(x)).collect(),
                old_text,
                new_text,
                old_starts,
                new_starts,
                segments,
                similarity,
                elsewhere,
                references_follow: false,
            }
        })
        .collect();
    let rows = with_references_followed(rows);
    Comparison {
        old: DocName::of(old),
        new: DocName::of(new),
        rows,
    }
}

/// Whether `t` is a number written in numerals alone (二十六, 2013, 1.5).
fn numeral_only(t: &str) -> bool {
    !t.is_empty()
        && t.chars().all(crate::text::numeral::is_numeral_char)
        && t.chars().any(|c| c != '.')
}

/// `segments` with each changed number marked as one (`is_number`): a deletion and the insertion
/// that replaces it, both numerals alone (第二十六条 → 第二十七条, 2013年 → 2024年). The diff flags
/// a figure with its unit (3个工作日 / 5个工作日); an edition's changed article number or year has
/// none, and is a number changed all the same.
fn numbers_marked(mut segments: Vec<Segment>) -> Vec<Segment> {
    for i in 1..segments.len() {
        let (a, b) = (&segments[i - 1], &segments[i]);
        if a.op == Op::Delete
            && b.op == Op::Insert
            && !a.is_punct
            && numeral_only(&a.text)
            && numeral_only(&b.text)
        {
            segments[i - 1].is_number = true;
            segments[i].is_number = true;
        }
    }
    segments
}

/// `rows` with `references_follow` set where it holds: every change of a one-to-one row is a
/// number between 第 and 条 (a citation), the old number an article of the old edition that is
/// one-to-one with the new article the new number names.
fn with_references_followed(mut rows: Vec<Row>) -> Vec<Row> {
    let became: HashMap<u32, u32> = rows
        .iter()
        .filter(|r| matches!(r.kind, ChangeKind::Kept | ChangeKind::Moved))
        .filter_map(|r| match (r.old.as_slice(), r.new.as_slice()) {
            ([o], [n]) if o.sub == 0 && n.sub == 0 => Some((o.number, n.number)),
            _ => None,
        })
        .collect();
    for r in &mut rows {
        if !matches!(r.kind, ChangeKind::Kept | ChangeKind::Moved) || !r.modified() {
            continue;
        }
        r.references_follow = citations_follow(&r.segments, &became);
    }
    rows
}

/// Whether every change in `segments` is a citation's number (第…条) replaced by the number the
/// cited article now has (`became`: old number → new), and one change at least.
fn citations_follow(segments: &[Segment], became: &HashMap<u32, u32>) -> bool {
    let mut pairs = 0;
    let mut i = 0;
    while i < segments.len() {
        let s = &segments[i];
        if s.op == Op::Equal {
            i += 1;
            continue;
        }
        let (Some(del), Some(ins)) = (segments.get(i), segments.get(i + 1)) else {
            return false;
        };
        if del.op != Op::Delete || ins.op != Op::Insert || !del.is_number || !ins.is_number {
            return false;
        }
        let before = i.checked_sub(1).and_then(|k| segments.get(k));
        let after = segments.get(i + 2);
        let cited = before.is_some_and(|b| b.op == Op::Equal && b.text.ends_with('第'))
            && after.is_some_and(|a| a.op == Op::Equal && a.text.starts_with('条'));
        let (Some(from), Some(to)) = (
            crate::text::numeral::parse_number(&del.text),
            crate::text::numeral::parse_number(&ins.text),
        ) else {
            return false;
        };
        if !cited || became.get(&from) != Some(&to) {
            return false;
        }
        pairs += 1;
        i += 2;
    }
    pairs > 0
}

/// Least number of distinct bigrams of a paragraph whose place in the other edition is looked
/// for: a short paragraph (本条例自…起施行) is found in many articles by chance.
const MIN_PARAGRAPH_BIGRAMS: usize = 12;

/// Least share of a paragraph's bigrams an article of the other edition must hold for the
/// paragraph to be there: almost word for word. Set above what stock wording alone reaches (监督法
/// 2024 第二十四条's 国务院和县级以上地方各级人民政府应当每年向本级人民代表大会常务委员会报告国有资产管理
/// 情况 holds 78% of its bigrams in 2006 第十六条, a report on another matter), below a paragraph
/// moved with a few words changed (北京市优化营商环境条例's 举报 paragraph: 93%).
const PARAGRAPH_HELD: f32 = 0.85;

/// The articles of the other edition (`others`, bigrams of each) that hold `article`'s wording:
/// for each of its paragraphs of at least [`MIN_PARAGRAPH_BIGRAMS`], the article holding the
/// largest share of its bigrams when that share reaches [`PARAGRAPH_HELD`]; marked `whole` when
/// that article also holds [`Params::piece`] (the bar of a split piece) of the whole article's
/// bigrams (`grams`). In article order, each once. U10: 北京市优化营商环境条例 2020 第六十四条's
/// second paragraph (市场主体…有权向市场监督管理部门举报) is the second paragraph of 2024 第七十六条.
///
/// An article of the other edition whose counterparts on this side (`kin`: the articles of its
/// row, bigrams of each) hold the paragraph as well is no place it went: that wording is the
/// article's own, carried over from its own old article (or kept in its new one). 道路运输条例
/// 2019 第十条 (客运 licence) deleted: its paragraph on deciding within 20 days is word for word
/// in 第二十四条 (货运 licence) of both editions, so it did not move there.
/// Where each article begins in their `written_text`: the texts are trimmed and joined by one
/// newline.
fn starts(articles: &[&Article]) -> Vec<usize> {
    let mut at = 0;
    articles
        .iter()
        .map(|a| {
            let start = at;
            at += a.text.trim().len() + 1;
            start
        })
        .collect()
}

fn elsewhere<'g>(
    article: &Article,
    grams: &[u64],
    others: &[Vec<u64>],
    kin: &dyn Fn(usize) -> Vec<&'g [u64]>,
    params: Params,
) -> Vec<(usize, bool)> {
    let share =
        |piece: &[u64], other: &[u64]| shared_sorted(piece, other) as f32 / piece.len() as f32;
    let held = |piece: &[u64], k: usize| share(piece, &others[k]);
    let own = |piece: &[u64], k: usize| kin(k).iter().any(|g| share(piece, g) >= PARAGRAPH_HELD);
    let mut out: Vec<(usize, bool)> = Vec::new();
    for p in &article.paragraphs {
        let piece = bigrams(&crate::text::fold::norm(&p.text));
        if piece.len() < MIN_PARAGRAPH_BIGRAMS {
            continue;
        }
        let best = (0..others.len())
            .filter(|k| !own(&piece, *k))
            .map(|k| (k, held(&piece, k)))
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
        if let Some((k, _)) = best.filter(|(_, share)| *share >= PARAGRAPH_HELD)
            && !out.iter().any(|(x, _)| *x == k)
        {
            out.push((k, !grams.is_empty() && held(grams, k) >= params.piece));
        }
    }
    out.sort_unstable();
    out
}

/// Rows with new articles by their first new article; a deleted article right after the row of
/// the old article before it (or first, when it has none).
fn reading_order(groups: &[MatchGroup], old_row: &[Option<usize>]) -> Vec<usize> {
    let key = |g: usize| -> (usize, usize, usize) {
        let (olds, news, _) = &groups[g];
        if let Some(j) = news.first() {
            return (j + 1, 0, 0);
        }
        let i = olds.first().copied().unwrap_or(0);
        // The nearest earlier old article that sits in a row with new articles.
        let anchor = (0..i)
            .rev()
            .filter_map(|p| old_row[p])
            .find_map(|r| groups[r].1.first().map(|j| j + 1))
            .unwrap_or(0);
        (anchor, 1, i)
    };
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|g| key(*g));
    order
}

/// The distinct character bigrams of a text's letters, digits and Han characters, sorted.
fn bigrams(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut out: Vec<u64> = chars
        .windows(2)
        .map(|w| (u64::from(u32::from(w[0])) << 32) | u64::from(u32::from(w[1])))
        .collect();
    if out.is_empty() && chars.len() == 1 {
        out.push(u64::from(u32::from(chars[0])));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Shared bigrams of every old × new pair, through an inverted index over the new articles.
fn shared_counts(a: &[Vec<u64>], b: &[Vec<u64>]) -> Vec<Vec<usize>> {
    let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
    for (j, grams) in b.iter().enumerate() {
        for g in grams {
            postings.entry(*g).or_default().push(j);
        }
    }
    a.iter()
        .map(|grams| {
            let mut row = vec![0usize; b.len()];
            for g in grams {
                for j in postings.get(g).map(Vec::as_slice).unwrap_or(&[]) {
                    row[*j] += 1;
                }
            }
            row
        })
        .collect()
}

/// The weight of each bigram by its rarity over both editions' articles: `ln((N + 1) / (df + 1))`,
/// `N` the articles of both, `df` those holding the bigram. A bigram of the regulation's stock
/// wording (in most articles) weighs almost nothing, a bigram of one matter much.
struct Rarity {
    weight: HashMap<u64, f32>,
}

impl Rarity {
    fn new(a: &[Vec<u64>], b: &[Vec<u64>]) -> Rarity {
        let mut df: HashMap<u64, u32> = HashMap::new();
        for grams in a.iter().chain(b) {
            for g in grams {
                *df.entry(*g).or_default() += 1;
            }
        }
        let n = (a.len() + b.len() + 1) as f32;
        let weight = df
            .into_iter()
            .map(|(g, d)| (g, (n / (d as f32 + 1.0)).ln()))
            .collect();
        Rarity { weight }
    }

    fn of(&self, g: &u64) -> f32 {
        self.weight.get(g).copied().unwrap_or(0.0)
    }

    /// The Dice similarity of two sorted bigram sets, each bigram weighed by its rarity.
    fn dice(&self, x: &[u64], y: &[u64]) -> f32 {
        let total: f32 = x.iter().chain(y).map(|g| self.of(g)).sum();
        if total <= 0.0 {
            return 1.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0.0f32);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += self.of(&x[i]);
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * shared / total
    }
}

/// A matched group of step 4: the old edition's articles, the new's, and the kind of change.
type MatchGroup = (Vec<usize>, Vec<usize>, ChangeKind);

/// One edition's articles as pieces that may attach to a whole of the other edition.
struct Side<'s> {
    /// The articles' character pairs on this side.
    pieces: &'s [Vec<u64>],
    /// The other side's.
    wholes: &'s [Vec<u64>],
    /// Character pairs a whole (other side) shares with a piece (this side).
    shared: &'s dyn Fn(usize, usize) -> usize,
    /// This side is the new edition (a piece joins a group's new articles).
    new: bool,
}

impl<'s> Side<'s> {
    fn new(
        pieces: &'s [Vec<u64>],
        wholes: &'s [Vec<u64>],
        shared: &'s dyn Fn(usize, usize) -> usize,
        new: bool,
    ) -> Self {
        Side {
            pieces,
            wholes,
            shared,
            new,
        }
    }

    /// One pass: each article of this side in no group joins its neighbour's group when that group
    /// has one article on the other side (the whole) and the article is mostly held in it
    /// (`piece`) or completes it with the pieces already there (`complete`). True when one did.
    fn attach(
        &self,
        groups: &mut [MatchGroup],
        row: &mut [Option<usize>],
        piece: f32,
        complete: f32,
    ) -> bool {
        let contained =
            |p: &[u64], shared: usize| !p.is_empty() && shared as f32 / p.len() as f32 >= piece;
        let mut changed = false;
        for j in 0..self.pieces.len() {
            if row[j].is_some() {
                continue;
            }
            let neighbours = [
                j.checked_sub(1),
                Some(j + 1).filter(|n| *n < self.pieces.len()),
            ];
            for n in neighbours.into_iter().flatten() {
                let Some(g) = row[n] else { continue };
                let (olds, news, _) = &groups[g];
                let (wholes, pieces) = if self.new { (olds, news) } else { (news, olds) };
                let parts: Vec<&[u64]> =
                    pieces.iter().map(|x| self.pieces[*x].as_slice()).collect();
                let whole = &self.wholes[wholes[0]];
                let held = (self.shared)(wholes[0], j);
                if wholes.len() == 1
                    && ((contained(&self.pieces[j], held)
                        && carries_lacking(whole, &parts, &self.pieces[j], held))
                        || completes(whole, &parts, &self.pieces[j], complete))
                {
                    let side = if self.new {
                        &mut groups[g].1
                    } else {
                        &mut groups[g].0
                    };
                    side.push(j);
                    side.sort_unstable();
                    row[j] = Some(g);
                    changed = true;
                    break;
                }
            }
        }
        changed
    }
}

/// True when most of the wording `piece` shares with `whole` (`held` bigrams) is wording the
/// `parts` already matched to the whole lack: a piece of a split article carries the whole's
/// wording that its other half left out, while an article inserted beside an unchanged one only
/// repeats phrases that article still says (纳入…考核 in both), and is added, not a split.
fn carries_lacking(whole: &[u64], parts: &[&[u64]], piece: &[u64], held: usize) -> bool {
    let mut said: Vec<u64> = parts.iter().flat_map(|p| p.iter().copied()).collect();
    said.sort_unstable();
    said.dedup();
    let lacking: Vec<u64> = whole
        .iter()
        .copied()
        .filter(|g| said.binary_search(g).is_err())
        .collect();
    2 * shared_sorted(piece, &lacking) > held
}

/// True when adding `piece` to `parts` raises their Dice similarity with `whole` by at least
/// `margin`: the piece carries wording of the whole that the parts lack, more than it adds of its
/// own (an article split in two, each half rewritten).
fn completes(whole: &[u64], parts: &[&[u64]], piece: &[u64], margin: f32) -> bool {
    let mut now: Vec<u64> = parts.iter().flat_map(|p| p.iter().copied()).collect();
    now.sort_unstable();
    now.dedup();
    let mut with: Vec<u64> = now.iter().chain(piece).copied().collect();
    with.sort_unstable();
    with.dedup();
    let before = diff::dice(shared_sorted(whole, &now), whole.len() + now.len());
    let after = diff::dice(shared_sorted(whole, &with), whole.len() + with.len());
    after >= before + margin
}

/// The pairs (old, new), both ascending, with similarity ≥ `least` each, that maximise the summed
/// similarity: a weighted longest common subsequence.
fn chain(n: usize, m: usize, sim: &dyn Fn(usize, usize) -> f32, least: f32) -> Vec<(usize, usize)> {
    // score[i][j]: best sum over old[..i] × new[..j]; kept whole for the walk back.
    let w = m + 1;
    let mut score = vec![0f32; (n + 1) * w];
    for i in 1..=n {
        for j in 1..=m {
            let s = sim(i - 1, j - 1);
            let diag = if s >= least {
                score[(i - 1) * w + j - 1] + s
            } else {
                f32::MIN
            };
            score[i * w + j] = diag.max(score[(i - 1) * w + j]).max(score[i * w + j - 1]);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let here = score[i * w + j];
        if here == score[(i - 1) * w + j] {
            i -= 1;
        } else if here == score[i * w + j - 1] {
            j -= 1;
        } else {
            pairs.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        }
    }
    pairs.reverse();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocId;
    use crate::parse::{Source, SourceKind, parse};
    use std::path::Path;

    fn reg(text: &str) -> Regulation {
        parse(Source {
            id: DocId("t".into()),
            path: Path::new("t.txt"),
            text,
            kind: SourceKind::Text,
            meta: Default::default(),
        })
    }

    #[test]
    fn a_note_of_deletion_is_no_article() {
        let r = reg(
            "第一条 删除\n第二条 （本条删除）\n第三条 【已废止】\n第四条 删去。\n第五条 删除下列第三项。\n第六条 本条例已废止的规定不再适用。\n",
        );
        let notes: Vec<bool> = r.articles.iter().map(is_placeholder).collect();
        assert_eq!(notes, [true, true, true, true, false, false]);
    }

    #[test]
    fn renumbering_insertion_and_deletion() {
        let old = reg(
            "第一条 为了规范政府工作，制定本规则。\n第二条 区政府常务会议一般每两周召开一次。\n第三条 区长办公会议由区长召集。\n第四条 本规则自发布之日起施行。\n",
        );
        let new = reg(
            "第一条 为了规范政府工作，制定本规则。\n第二条 区政府实行重大事项集体决策制度，全体成员参加。\n第三条 区政府常务会议一般每月召开一次。\n第四条 本规则自发布之日起施行。\n",
        );
        let c = compare(&old, &new);
        let kinds: Vec<(ChangeKind, String)> =
            c.rows.iter().map(|r| (r.kind, r.heading())).collect();
        assert_eq!(
            kinds,
            vec![
                (ChangeKind::Kept, "第一条 → 第一条".to_string()),
                (ChangeKind::Added, "（无） → 第二条".to_string()),
                (ChangeKind::Kept, "第二条 → 第三条".to_string()),
                (ChangeKind::Deleted, "第三条 → （删除）".to_string()),
                (ChangeKind::Kept, "第四条 → 第四条".to_string()),
            ]
        );
        assert!(c.rows[2].renumbered() && c.rows[2].modified());
        assert!(c.rows[0].unchanged() && !c.rows[4].renumbered());
        let s = c.summary();
        assert_eq!((s.added, s.deleted, s.renumbered, s.modified), (1, 1, 1, 1));
    }

    #[test]
    fn a_split_article_is_one_row() {
        let old = reg(
            "第一条 为了规范政府工作，制定本规则。\n第二条 区政府常务会议由区长、副区长组成，一般每两周召开一次，由区长召集和主持。\n第三条 本规则自发布之日起施行。\n",
        );
        let new = reg(
            "第一条 为了规范政府工作，制定本规则。\n第二条 区政府常务会议由区长、副区长组成。\n第三条 常务会议一般每两周召开一次，由区长召集和主持。\n第四条 本规则自发布之日起施行。\n",
        );
        let c = compare(&old, &new);
        assert_eq!(
            c.rows[1].kind,
            ChangeKind::Split,
            "{:?}",
            c.rows[1].heading()
        );
        assert_eq!(c.rows[1].heading(), "第二条 → 第二条、第三条");
        assert_eq!(c.rows.len(), 3);
    }

    #[test]
    fn chain_keeps_order() {
        let sims = [[0.9, 0.0, 0.0], [0.0, 0.0, 0.8], [0.0, 0.7, 0.0]];
        let pairs = chain(3, 3, &|i, j| sims[i][j], 0.3);
        assert_eq!(pairs, vec![(0, 0), (1, 2)]);
    }
}
