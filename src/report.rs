//! Format-neutral results that every renderer reads: one compared clause group (a column per
//! document with citations and diff segments) and the whole-corpus report as a list of sections.
//! Built from regulations and an alignment; knows nothing of terminals, Markdown, HTML or JSON.
//! The corpus report compares its groups in parallel (rayon); one group is single-threaded.

use crate::align::{Alignment, Group};
use crate::diff::{self, Op, Segment, Words, Written};
use crate::error::{Error, Result};
use crate::model::{Article, ChapterRef, DocId, Regulation, SectionRef};
use crate::numbers::{
    self,
    wording::{figure, row_title},
};
use crate::text::chars::is_punct;
use crate::text::fold::Normed;
use rayon::prelude::*;
use std::ops::Range;

/// What a renderer needs to name a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocName {
    /// The document's id.
    pub id: DocId,
    /// District (历下区), or the title when the manifest gives none.
    pub name: String,
    /// Its full title.
    pub title: String,
    /// The name a report's table heads its column or row with: `name` when short, else the place
    /// its title opens with, told apart from the other documents of the report
    /// ([`crate::corpus::names::short_names`]); `name` outside a report.
    pub short: String,
}

impl DocName {
    /// The names of `doc`.
    pub fn of(doc: &Regulation) -> DocName {
        let name = doc.meta.display_name().to_string();
        DocName {
            id: doc.id.clone(),
            short: name.clone(),
            name,
            title: doc.meta.title.clone(),
        }
    }

    /// The names of `docs`, their short names told apart from each other.
    pub fn all(docs: &[&Regulation]) -> Vec<DocName> {
        let short = crate::corpus::names::short_names(docs, |d| d.meta.display_name().to_string());
        docs.iter()
            .zip(short)
            .map(|(d, short)| DocName {
                short,
                ..DocName::of(d)
            })
            .collect()
    }
}

/// Where one article stands in its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleCite {
    /// The article's number.
    pub number: u32,
    /// The 之一 of an inserted article (第十七条之一 → 1), 0 for most.
    pub sub: u32,
    /// What names it in its document (`39`, `17之一`, `3#2` for a repeated number's second).
    pub key: crate::cite::ArticleKey,
    /// 第三十九条, 第十七条之一.
    pub label: String,
    /// Its chapter.
    pub chapter: ChapterRef,
    /// Its section, when the chapter has sections.
    pub section: Option<SectionRef>,
    /// 1-based inclusive line range in the source file.
    pub lines: (usize, usize),
}

impl ArticleCite {
    /// Where `article` stands.
    pub fn of(article: &Article) -> ArticleCite {
        ArticleCite {
            number: article.number,
            sub: article.sub,
            key: article.key(),
            label: article.label(),
            chapter: article.chapter.clone(),
            section: article.section.clone(),
            lines: article.lines,
        }
    }

    /// 第八章 完善会议制度 (empty for a document without chapters).
    pub fn chapter_label(&self) -> String {
        self.chapter.label()
    }
}

/// The citation of consecutive articles of one document: 第八章 完善会议制度 第三十九条、第四十条;
/// an article in a section names it after its chapter, as `guize show` does
/// (第四章 物业的使用 第三节 车库与车位的使用 第四十二条).
pub fn citation(articles: &[ArticleCite]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut last: Option<(&ChapterRef, Option<&SectionRef>)> = None;
    for a in articles {
        let number = &a.label;
        let place = (&a.chapter, a.section.as_ref());
        if last == Some(place) {
            if let Some(p) = parts.last_mut() {
                p.push('、');
                p.push_str(number);
            }
        } else {
            let heading = [
                a.chapter_label(),
                a.section
                    .as_ref()
                    .map(SectionRef::label)
                    .unwrap_or_default(),
            ]
            .into_iter()
            .filter(|h| !h.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
            parts.push(if heading.is_empty() {
                number.clone()
            } else {
                format!("{heading} {number}")
            });
        }
        last = Some(place);
    }
    parts.join("；")
}

/// Which document's text a group's columns are compared against. Always a real text: the
/// columns are marked against words some document says, never against a synthesis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaseKind {
    /// The group's medoid: the member whose wording is closest to all the others
    /// ([`diff::medoid`]).
    Medoid,
    /// One document's text, chosen by the user (`--base`).
    Doc(DocId),
}

impl BaseKind {
    /// Why the base is the base, as written in JSON: `medoid` or `chosen`.
    pub fn reason(&self) -> &'static str {
        match self {
            BaseKind::Medoid => "medoid",
            BaseKind::Doc(_) => "chosen",
        }
    }
}

/// One document's side of a compared group.
#[derive(Debug, Clone)]
pub struct Column {
    /// The document.
    pub doc: DocName,
    /// Its articles in the group.
    pub articles: Vec<ArticleCite>,
    /// The articles' text as written, joined by newlines (the segments' `Equal` and `Insert`
    /// pieces rebuild it).
    pub text: String,
    /// `text` against the base: `Delete` is base wording this document lacks. Cut wherever the
    /// number of documents sharing the words changes.
    pub segments: Vec<Segment>,
    /// `shared_by[i]`: how many of the group's compared documents (this one included) have the
    /// words of `segments[i]` (for a `Delete`, the base's words); 1 is this document's own.
    pub shared_by: Vec<usize>,
    /// This column is the base (the medoid or the `--base` document).
    pub is_base: bool,
    /// For a document that holds the matter only inside a broader article of another group
    /// ([`crate::align::Partial`]): the matching paragraphs (indices into the article's
    /// paragraphs); the column's `text` runs from the first to the last paragraph that matched
    /// or shares wording with the base (`shown`). `None` for a member of the group.
    pub partial: Option<Vec<usize>>,
    /// For a partial member: the paragraphs its `text` shows (indices into the article's
    /// paragraphs, consecutive), `partial` and those between or beside them that share wording
    /// with the base; the citation names both when they differ. `None` for a member.
    pub shown: Option<Vec<usize>>,
    /// Similarity of `text` to the base text, 0..=1.
    pub similarity: f32,
}

impl Column {
    /// 第八章 完善会议制度 第三十九条; `…第七十三条, in part` for a partial member.
    pub fn citation(&self) -> String {
        format!("{}{}", citation(&self.articles), self.in_part())
    }

    /// The column's articles without their chapter: 第三十九条、第四十条 (`, in part` for a
    /// partial member).
    pub fn article_labels(&self) -> String {
        let labels: Vec<&str> = self.articles.iter().map(|a| a.label.as_str()).collect();
        format!("{}{}", labels.join("、"), self.in_part())
    }

    /// `, in part` for a partial member, else nothing; when the column shows more paragraphs
    /// than those that hold the matter, both: `, in part: paragraph 1 matched, paragraphs 1–3
    /// shown`, so that a reader does not take the shown stretch for the matched one.
    fn in_part(&self) -> String {
        let matched = self.partial.as_ref().map(|p| {
            let mut p = p.clone();
            p.sort_unstable();
            p.dedup();
            p
        });
        match (&matched, &self.shown) {
            (Some(matched), Some(shown)) if matched != shown => format!(
                ", in part: {} matched, {} shown",
                paragraph_list(matched),
                paragraph_list(shown)
            ),
            (Some(_), _) => ", in part".to_string(),
            (None, _) => String::new(),
        }
    }

    /// True for a partial member whose text shows paragraphs beyond those that hold the matter
    /// (its citation names both; the legend says why).
    pub fn shows_more_than_matched(&self) -> bool {
        self.in_part().contains(" shown")
    }

    /// True when the column departs from the base in more than punctuation.
    pub fn has_changes(&self) -> bool {
        self.segments
            .iter()
            .any(|s| s.op != Op::Equal && !s.is_punct)
    }
}

/// One clause group with each document's wording marked against the base.
#[derive(Debug, Clone)]
pub struct ComparedGroup {
    /// The group's id.
    pub id: String,
    /// What the group is about.
    pub label: String,
    /// The group's cohesion (mean content similarity across documents).
    pub score: f32,
    /// How the base was chosen.
    pub base: BaseKind,
    /// Index in `columns` of the base document.
    pub base_column: usize,
    /// The text the columns are compared against: the base document's articles as written.
    pub base_text: String,
    /// One column per document that has the matter, in corpus order.
    pub columns: Vec<Column>,
    /// Compared documents that have no article in this group.
    pub missing: Vec<DocName>,
    /// Articles that hold the matter in part but have no column: a document's second and later
    /// partial articles (its first is its column), each with its document and the paragraphs
    /// that hold the matter, in the alignment's order.
    pub also_in_part: Vec<(DocName, ArticleCite, Vec<usize>)>,
    /// Characters each pair of columns shares ([`diff::shared_matrix`]; the diagonal holds each
    /// column's own).
    pub shared: Vec<Vec<usize>>,
    /// How many documents of the whole group hold the matter (whole or in part), compared or
    /// not: more than the columns when `--doc` chose fewer.
    pub group_docs: usize,
    /// Chosen documents of another kind than the group (a corpus of several kinds is aligned
    /// kind by kind): no column, and not `missing` either, since they cannot lack a matter of
    /// another kind. [`compare_group`] leaves it empty; the caller that chose the documents
    /// ([`crate::lookup::compared_docs`]) fills it.
    pub other_kind: Vec<DocName>,
}

impl ComparedGroup {
    /// The column of the base document.
    pub fn base_column(&self) -> Option<&Column> {
        self.columns.get(self.base_column)
    }
}

/// Compares the members of `group` among `docs` (in that order) against `base`.
///
/// `base` must name one of `docs` that has an article in the group; members of documents outside
/// `docs` are left out.
pub fn compare_group(
    docs: &[&Regulation],
    group: &Group,
    base: &BaseKind,
) -> Result<ComparedGroup> {
    let mut members: Vec<(&Regulation, Vec<&Article>)> = Vec::new();
    // Per member: the paragraphs of a partial member, `None` for a full one.
    let mut partial: Vec<Option<Vec<usize>>> = Vec::new();
    let mut missing = Vec::new();
    let mut also_in_part = Vec::new();
    for doc in docs {
        // A document's partial articles beyond the one its column shows are named below the
        // columns, so that a reader is not told less than `align` and the report's coverage say.
        let shown = match group.members.get(&doc.id) {
            Some(numbers) if !numbers.is_empty() => 0,
            _ => 1,
        };
        for p in group.partial_of(&doc.id).into_iter().skip(shown) {
            if let Some(article) = doc.article_by_key(p.article.key()) {
                also_in_part.push((
                    DocName::of(doc),
                    ArticleCite::of(article),
                    p.paragraphs.clone(),
                ));
            }
        }
        if !group.members.contains_key(&doc.id)
            && let Some(p) = group.partial_of(&doc.id).first()
            && let Some(article) = doc.article_by_key(p.article.key())
        {
            members.push((doc, vec![article]));
            partial.push(Some(p.paragraphs.clone()));
            continue;
        }
        match group.members.get(&doc.id) {
            Some(numbers) if !numbers.is_empty() => {
                let articles = group
                    .keys_of(&doc.id)
                    .into_iter()
                    .map(|key| {
                        doc.article_by_key(key).ok_or_else(|| Error::StaleGroup {
                            group: group.id.clone(),
                            doc: doc.id.to_string(),
                            article: key.number,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                members.push((doc, articles));
                partial.push(None);
            }
            _ => missing.push(DocName::of(doc)),
        }
    }
    // The diff works on the normalised texts; every piece it yields is then mapped back to the
    // characters the documents write (`diff::as_written`). A partial member is diffed as its
    // whole article, so that base wording in a paragraph it does not show is not taken for
    // wording it lacks; [`in_part`] then keeps the paragraphs shown.
    let paragraphs: Vec<Option<Vec<Range<usize>>>> = members
        .iter()
        .zip(&partial)
        .map(|((_, arts), part)| match (part, arts.first()) {
            (Some(_), Some(a)) => Some(paragraph_ranges(a)),
            _ => None,
        })
        .collect();
    let written: Vec<String> = members
        .iter()
        .zip(&partial)
        .map(|((_, arts), part)| match (part, arts.first()) {
            (Some(_), Some(a)) => paragraphs_text(a),
            _ => written_text(arts),
        })
        .collect();
    // Compared with traditional characters folded: 養犬登記 and 养犬登记 are one wording written
    // two ways, a quiet change as １次 and 1次 are, not a change of words.
    let normed: Vec<Normed> = written.iter().map(|t| Normed::of(t).han_folded()).collect();
    let words: Vec<Words> = normed.iter().map(|t| Words::new(&t.norm)).collect();
    let sharing = diff::compare_all(&words);
    // The base is a member's wording, never a partial member's paragraph.
    let full: Vec<usize> = (0..members.len())
        .filter(|&i| partial[i].is_none())
        .collect();
    let base_index = match base {
        // Two wordings are equally close to each other: the first is the base, as the compare
        // header says (`render::base_sentence`).
        BaseKind::Medoid if full.len() <= 2 => full.first().copied().unwrap_or(0),
        BaseKind::Medoid => {
            let sub: Vec<Vec<usize>> = full
                .iter()
                .map(|&i| full.iter().map(|&j| sharing.shared[i][j]).collect())
                .collect();
            full.get(diff::medoid(&sub)).copied().unwrap_or(0)
        }
        BaseKind::Doc(id) => match full.iter().copied().find(|&i| &members[i].0.id == id) {
            Some(i) => i,
            None => {
                return Err(match members.iter().position(|(d, _)| &d.id == id) {
                    Some(i) => base_in_part(i, group, &members, &full),
                    None => base_not_in_group(id, group, &members),
                });
            }
        },
    };
    let base_words = words
        .get(base_index)
        .cloned()
        .unwrap_or_else(|| Words::new(""));
    let empty = Vec::new();
    let base_support = sharing.support.get(base_index).unwrap_or(&empty);
    let n = members.len();
    let columns = members
        .iter()
        .zip(&words)
        .zip(&sharing.support)
        .enumerate()
        .map(|(i, (((doc, arts), w), support))| {
            let segments = diff::diff_words(&base_words, w);
            let similarity = diff::similarity_of(&segments);
            // Pairwise alignments may place a word differently than the diff against the base
            // does; the diff decides: a change is not in both, an equal piece is.
            let (lo, hi) = (
                if i == base_index { 1 } else { 2 },
                n.saturating_sub(1).max(1),
            );
            let (segments, shared_by): (Vec<Segment>, Vec<usize>) =
                diff::split_by_support(&segments, support, base_support)
                    .into_iter()
                    .map(|(s, k)| {
                        let k = if s.op == Op::Equal {
                            k.max(lo).min(n)
                        } else {
                            k.min(hi)
                        };
                        (s, k)
                    })
                    .unzip();
            let (segments, shared_by) = diff::as_written(
                segments,
                Written {
                    text: &written[base_index],
                    normed: &normed[base_index],
                },
                Written {
                    text: &written[i],
                    normed: &normed[i],
                },
            )
            .into_iter()
            .map(|(s, from)| (s, shared_by.get(from).copied().unwrap_or(1)))
            .unzip();
            let (text, segments, shared_by, similarity, shown) = match (&partial[i], &paragraphs[i])
            {
                (Some(chosen), Some(ranges)) => {
                    let shown = in_part(&written[i], segments, shared_by, ranges, chosen);
                    let similarity = diff::similarity_of(&shown.segments);
                    (
                        shown.text,
                        shown.segments,
                        shown.shared_by,
                        similarity,
                        Some(shown.paragraphs),
                    )
                }
                _ => (written[i].clone(), segments, shared_by, similarity, None),
            };
            Column {
                doc: DocName::of(doc),
                articles: arts.iter().map(|a| ArticleCite::of(a)).collect(),
                text,
                similarity,
                segments,
                shared_by,
                is_base: base_index == i,
                partial: partial[i].clone(),
                shown,
            }
        })
        .collect();
    Ok(ComparedGroup {
        id: group.id.clone(),
        label: group.label.clone(),
        score: group.score,
        base: base.clone(),
        base_column: base_index,
        base_text: written.get(base_index).cloned().unwrap_or_default(),
        columns,
        missing,
        also_in_part,
        shared: sharing.shared,
        group_docs: {
            let mut holders: Vec<&DocId> = group.members.keys().collect();
            holders.extend(group.partial.iter().map(|p| &p.article.doc));
            holders.sort();
            holders.dedup();
            holders.len()
        },
        other_kind: Vec::new(),
    })
}

fn base_not_in_group(id: &DocId, group: &Group, members: &[(&Regulation, Vec<&Article>)]) -> Error {
    let have: Vec<&str> = members.iter().map(|(d, _)| d.id.as_str()).collect();
    Error::BaseNotInGroup {
        doc: id.to_string(),
        group: group.id.clone(),
        label: group.label.clone(),
        members: have.join(", "),
    }
}

/// The error for a base that is a partial member (`members[i]`): what it holds, and the members
/// (`full`) that could be the base.
fn base_in_part(
    i: usize,
    group: &Group,
    members: &[(&Regulation, Vec<&Article>)],
    full: &[usize],
) -> Error {
    let (doc, articles) = &members[i];
    let articles: Vec<String> = articles.iter().map(|a| a.label()).collect();
    let whole: Vec<&str> = full.iter().map(|&j| members[j].0.id.as_str()).collect();
    Error::BaseInPart {
        doc: doc.id.to_string(),
        group: group.id.clone(),
        label: group.label.clone(),
        articles: articles.join(", "),
        members: match whole.is_empty() {
            true => "none".to_string(),
            false => whole.join(", "),
        },
    }
}

/// The text as written of an article's paragraphs, one a line (what a partial member is diffed
/// as; [`paragraph_ranges`] are its paragraphs' byte ranges).
fn paragraphs_text(article: &Article) -> String {
    article
        .paragraphs
        .iter()
        .map(|p| p.text.trim())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The byte ranges of the article's paragraphs in [`paragraphs_text`].
fn paragraph_ranges(article: &Article) -> Vec<Range<usize>> {
    let mut at = 0;
    article
        .paragraphs
        .iter()
        .map(|p| {
            let r = at..at + p.text.trim().len();
            at = r.end + 1;
            r
        })
        .collect()
}

/// What a partial member's column shows of its article.
struct Shown {
    text: String,
    segments: Vec<Segment>,
    shared_by: Vec<usize>,
    /// The paragraphs `text` runs over.
    paragraphs: Vec<usize>,
}

/// The part of a partial member's article a column shows, cut out of the diff of the whole
/// article (`text`, paragraphs at `ranges`) against the base: every paragraph from the first to
/// the last one that either the alignment chose (`chosen`) or that shares wording with the base.
/// So no paragraph between two shown ones is left out (an item the alignment did not pick), and
/// no base wording the article holds is marked as wording it lacks (U1 of the third tester's
/// report: the 职责 opening of 潍坊 第五条 before the chosen items, 淄博 第四十六条's 业主名册
/// after them). Base wording the whole article lacks stays a `Delete`; the article's text
/// outside the shown paragraphs is left out, and what the base shares of it (only punctuation and
/// line breaks, by the choice of paragraphs) becomes a quiet deletion, so that `Equal` + `Insert`
/// still rebuild the shown text and `Equal` + `Delete` the base.
fn in_part(
    text: &str,
    segments: Vec<Segment>,
    shared_by: Vec<usize>,
    ranges: &[Range<usize>],
    chosen: &[usize],
) -> Shown {
    let last = ranges.len().saturating_sub(1);
    let (mut lo, mut hi) = (
        chosen.iter().min().map_or(0, |&p| p.min(last)),
        chosen.iter().max().map_or(last, |&p| p.min(last)),
    );
    let mut at = 0;
    for s in &segments {
        if s.op == Op::Delete {
            continue;
        }
        let r = at..at + s.text.len();
        at = r.end;
        if s.op != Op::Equal {
            continue;
        }
        for (p, range) in ranges.iter().enumerate() {
            let (start, end) = (range.start.max(r.start), range.end.min(r.end));
            if start < end && !is_punct(text.get(start..end).unwrap_or_default()) {
                (lo, hi) = (lo.min(p), hi.max(p));
            }
        }
    }
    // Base wording the diff could not place in order (moved within the article) may still be
    // written in a paragraph: a deleted clause of four characters or more that a paragraph holds
    // brings that paragraph in, so the reader sees it there.
    let mut run = String::new();
    for s in segments.iter().chain([&Segment {
        op: Op::Equal,
        text: String::new(),
        is_number: false,
        is_punct: false,
    }]) {
        if s.op == Op::Delete {
            run.push_str(&s.text);
            continue;
        }
        for clause in run.split(|c: char| !c.is_alphanumeric()) {
            if clause.chars().count() < 4 {
                continue;
            }
            for (p, range) in ranges.iter().enumerate() {
                if text.get(range.clone()).is_some_and(|t| t.contains(clause)) {
                    (lo, hi) = (lo.min(p), hi.max(p));
                }
            }
        }
        run.clear();
    }
    let shown = match (ranges.get(lo), ranges.get(hi)) {
        (Some(a), Some(b)) => a.start..b.end,
        _ => 0..0,
    };
    let mut out = Shown {
        text: text.get(shown.clone()).unwrap_or_default().to_string(),
        segments: Vec::with_capacity(segments.len()),
        shared_by: Vec::with_capacity(segments.len()),
        paragraphs: if ranges.is_empty() {
            Vec::new()
        } else {
            (lo..=hi).collect()
        },
    };
    let mut push = |seg: &Segment, op: Op, piece: Range<usize>, k: usize| {
        if let Some(t) = seg.text.get(piece).filter(|t| !t.is_empty()) {
            out.segments.push(Segment {
                op,
                text: t.to_string(),
                is_punct: seg.is_punct || op != seg.op,
                ..seg.clone()
            });
            out.shared_by.push(k);
        }
    };
    let mut at = 0;
    for (seg, k) in segments.iter().zip(shared_by) {
        let len = seg.text.len();
        if seg.op == Op::Delete {
            push(seg, Op::Delete, 0..len, k);
            continue;
        }
        // The segment's bytes before, inside and after the shown paragraphs.
        let cut = |b: usize| b.clamp(at, at + len) - at;
        let (a, b) = (cut(shown.start), cut(shown.end));
        let outside = match seg.op {
            Op::Equal => Some(Op::Delete),
            _ => None,
        };
        if let Some(op) = outside {
            push(seg, op, 0..a, k);
        }
        push(seg, seg.op, a..b, k);
        if let Some(op) = outside {
            push(seg, op, b..len, k);
        }
        at += len;
    }
    unquiet_inside_deletions(&mut out.segments);
    out
}

/// Quiet deletions (shared text outside the shown part, not drawn) between two drawn deletions
/// are drawn too: hidden, a line break the base and the column share would run two struck
/// items together (`[-制度；-][-（二）-]`). A line break shared by the diff now bounds a change, so
/// such a break is an equal piece between two deleted runs of the base.
fn unquiet_inside_deletions(segments: &mut [Segment]) {
    let drawn_delete = |s: &Segment| s.op == Op::Delete && !s.is_punct;
    let mut i = 0;
    while i < segments.len() {
        if !(segments[i].op == Op::Delete && segments[i].is_punct) {
            i += 1;
            continue;
        }
        let start = i;
        while i < segments.len() && segments[i].op == Op::Delete && segments[i].is_punct {
            i += 1;
        }
        let flanked = start > 0
            && drawn_delete(&segments[start - 1])
            && segments.get(i).is_some_and(drawn_delete);
        if flanked {
            for s in &mut segments[start..i] {
                s.is_punct = false;
            }
        }
    }
}

/// `paragraph 2`, `paragraphs 1–3`, `paragraphs 1, 3` (0-based indices in, counted from 1 out).
pub(crate) fn paragraph_list(indices: &[usize]) -> String {
    let mut sorted = indices.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &i in &sorted {
        match runs.last_mut() {
            Some((_, hi)) if *hi + 1 == i => *hi = i,
            _ => runs.push((i, i)),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|&(lo, hi)| match hi - lo {
            0 => format!("{}", lo + 1),
            1 => format!("{}, {}", lo + 1, hi + 1),
            _ => format!("{}–{}", lo + 1, hi + 1),
        })
        .collect();
    let word = if sorted.len() == 1 {
        "paragraph"
    } else {
        "paragraphs"
    };
    format!("{word} {}", parts.join(", "))
}

/// The articles' texts as written, one paragraph a line (what a comparison and `versions` show;
/// both diff its normalised form and map the pieces back with `diff::as_written`).
pub(crate) fn written_text(articles: &[&Article]) -> String {
    articles
        .iter()
        .map(|a| a.text.trim())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The whole-corpus report: sections in order. Later stages add their own with
/// [`CorpusReport::add_section`].
#[derive(Debug, Clone)]
pub struct CorpusReport {
    /// The documents reported on, in corpus order.
    pub docs: Vec<DocName>,
    /// The sections in order.
    pub sections: Vec<Section>,
}

/// One part of the corpus report.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Section {
    /// Table of contents: groups by chapter of the reference document (the first that has
    /// chapters), with topics.
    Contents(Vec<TocChapter>),
    /// Which document has which matter.
    Coverage(Vec<CoverageRow>),
    /// Pairwise document similarity, `values[i][j]` for `docs[i]`, `docs[j]`.
    Similarity(Vec<Vec<f32>>),
    /// Per document, its provisions that no other document has.
    Unique(Vec<UniqueList>),
    /// Every clause group side by side, in reading order.
    Groups(Vec<ComparedGroup>),
    /// A table contributed by another stage (e.g. quantitative provisions).
    Table(Table),
    /// For a corpus of several kinds ([`Alignment::kinds`]): one kind's own report (its
    /// documents, contents, coverage, similarity, lone provisions and groups), under the kind's
    /// name.
    Kind(Box<KindReport>),
}

/// One kind's part of the report of a corpus of several kinds (see [`Section::Kind`]).
#[derive(Debug, Clone)]
pub struct KindReport {
    /// The kind's name (养犬管理条例; see [`crate::align::Kind::name`]).
    pub name: String,
    /// The report of the kind's documents alone.
    pub report: CorpusReport,
}

/// A chapter of the table of contents and the groups it holds.
#[derive(Debug, Clone)]
pub struct TocChapter {
    /// The chapter's label.
    pub title: String,
    /// Its groups in reading order.
    pub groups: Vec<TocEntry>,
}

/// One group in the table of contents.
#[derive(Debug, Clone)]
pub struct TocEntry {
    /// The group's id.
    pub group: String,
    /// What it is about.
    pub label: String,
    /// How many documents have this matter.
    pub docs: usize,
}

/// One group's row of the coverage table.
#[derive(Debug, Clone)]
pub struct CoverageRow {
    /// The group's id.
    pub group: String,
    /// What it is about.
    pub label: String,
    /// Article numbers per document (report order); empty when the document lacks the matter.
    pub cells: Vec<Vec<u32>>,
    /// Per document (report order), the 之一 of each article in `cells` (0 when not inserted).
    pub subs: Vec<Vec<u32>>,
    /// Per document (report order), which occurrence of its number each article in `cells` is
    /// (1 for most; 2 for 第三条#2 of a document that repeats 第三条).
    pub occurrences: Vec<Vec<u32>>,
    /// Per document (report order), the articles of another group that hold the matter in part
    /// ([`crate::align::Partial`]); empty for members and for documents that lack it.
    pub partial: Vec<Vec<crate::cite::ArticleKey>>,
}

impl CoverageRow {
    /// The cell of document `i` as text: `39`, `4,5` (numbers joined by `sep`), `2之一` for an
    /// inserted article, `3#2` for the second article numbered 3, `(73)` for an article holding the matter in part, empty when the document
    /// lacks it.
    pub fn cell_text(&self, i: usize, sep: &str) -> String {
        let join = |ks: &[crate::cite::ArticleKey]| {
            ks.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(sep)
        };
        match (self.cells.get(i), self.partial.get(i)) {
            (Some(c), _) if !c.is_empty() => {
                let subs = self.subs.get(i);
                let occurrences = self.occurrences.get(i);
                c.iter()
                    .enumerate()
                    .map(|(k, &n)| {
                        let sub = subs.and_then(|s| s.get(k)).copied().unwrap_or(0);
                        let again = occurrences.and_then(|o| o.get(k)).copied().unwrap_or(1);
                        crate::cite::ArticleKey::with_occurrence(n, sub, again).to_string()
                    })
                    .collect::<Vec<_>>()
                    .join(sep)
            }
            (_, Some(p)) if !p.is_empty() => format!("({})", join(p)),
            _ => String::new(),
        }
    }
}

/// One document's provisions that no other document has.
#[derive(Debug, Clone)]
pub struct UniqueList {
    /// The document.
    pub doc: DocName,
    /// Its unique provisions in reading order.
    pub items: Vec<UniqueItem>,
}

/// A provision only one document has.
#[derive(Debug, Clone)]
pub struct UniqueItem {
    /// Its group's id.
    pub group: String,
    /// What it is about.
    pub label: String,
    /// Its articles.
    pub articles: Vec<ArticleCite>,
    /// The opening of the provision's text.
    pub excerpt: String,
    /// Articles of other documents that hold some of its wording inside a broader article or
    /// paragraph (a provision another document has as a whole is not listed at all); empty when
    /// no other document says anything like it.
    pub in_part_elsewhere: Vec<ElsewhereInPart>,
}

impl UniqueItem {
    /// `other documents hold it in part: 山东省志愿服务条例 第三十三条, …` (empty when none does), the
    /// note every format prints after the excerpt.
    pub fn in_part_note(&self) -> String {
        if self.in_part_elsewhere.is_empty() {
            return String::new();
        }
        let cites: Vec<String> = self
            .in_part_elsewhere
            .iter()
            .map(|e| format!("{} {}, in part", e.doc.name, e.article.label))
            .collect();
        format!("other documents hold some of it: {}", cites.join("; "))
    }
}

/// An article of another document holding part of a provision listed as unique.
#[derive(Debug, Clone)]
pub struct ElsewhereInPart {
    /// Its document.
    pub doc: DocName,
    /// The article.
    pub article: ArticleCite,
    /// Its paragraphs (indices into `Article::paragraphs`) that match.
    pub paragraphs: Vec<usize>,
}

/// A generic table section: a title, a note, a header row and rows of cells.
#[derive(Debug, Clone)]
pub struct Table {
    /// Anchor for links (`numbers`).
    pub id: String,
    /// The section's heading.
    pub title: String,
    /// A sentence under the heading saying how to read the table.
    pub note: String,
    /// The header row.
    pub header: Vec<String>,
    /// The rows, each as long as the header.
    pub rows: Vec<Vec<Cell>>,
}

/// Said of a figure stated in an article the alignment left alone (`numbers::table::Cell`'s
/// `elsewhere`).
const ELSEWHERE_NOTE: &str = "an article aligned with no other document's";

/// One cell of a [`Table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// What the cell says.
    pub text: String,
    /// Shown highlighted (a value that differs from the others).
    pub is_marked: bool,
}

impl CorpusReport {
    /// The compared groups of the group-by-group section (empty when there is none).
    pub fn groups(&self) -> &[ComparedGroup] {
        if let Some(Section::Kind(k)) = self.sections.iter().find(|s| matches!(s, Section::Kind(_)))
        {
            return k.report.groups();
        }
        self.sections
            .iter()
            .find_map(|s| match s {
                Section::Groups(g) => Some(g.as_slice()),
                _ => None,
            })
            .unwrap_or(&[])
    }

    /// How many clause groups the report compares, in every kind.
    pub fn group_count(&self) -> usize {
        self.sections
            .iter()
            .map(|s| match s {
                Section::Groups(g) => g.len(),
                Section::Kind(k) => k.report.group_count(),
                _ => 0,
            })
            .sum()
    }

    /// Inserts `section` before the group-by-group comparison, which stays last (before the
    /// first kind's part, for a corpus of several kinds).
    pub fn add_section(&mut self, section: Section) {
        let at = self
            .sections
            .iter()
            .position(|s| matches!(s, Section::Groups(_) | Section::Kind(_)))
            .unwrap_or(self.sections.len());
        self.sections.insert(at, section);
    }
}

/// Builds the corpus report of `docs` (in that order) from their alignment.
pub fn corpus_report(docs: &[&Regulation], alignment: &Alignment) -> Result<CorpusReport> {
    corpus_report_with(docs, alignment, &|| {})
}

/// [`corpus_report`], calling `compared` once each clause group has been compared (from any
/// thread), so that a caller can show progress on the longest stage.
pub fn corpus_report_with(
    docs: &[&Regulation],
    alignment: &Alignment,
    compared: &(dyn Fn() + Sync),
) -> Result<CorpusReport> {
    if alignment.kinds.len() > 1 {
        let mut sections = Vec::new();
        for (k, kind) in alignment.kinds.iter().enumerate() {
            let members = kind.members(docs);
            if members.is_empty() {
                continue;
            }
            let report = corpus_report_with(&members, &alignment.of_kind(k), compared)?;
            sections.push(Section::Kind(Box::new(KindReport {
                name: kind.name.clone(),
                report,
            })));
        }
        return Ok(CorpusReport {
            docs: DocName::all(docs),
            sections,
        });
    }
    let groups: Vec<&Group> = alignment
        .groups
        .iter()
        // A note of deletion (第十条 删除) is no clause to compare.
        .filter(|g| !g.deleted && docs.iter().any(|d| g.members.contains_key(&d.id)))
        .collect();
    // Groups are independent: compared in parallel, collected in reading order.
    let compared = groups
        .par_iter()
        .map(|g| {
            let out = compare_group(docs, g, &BaseKind::Medoid);
            compared();
            out
        })
        .collect::<Result<Vec<_>>>()?;
    let sections = vec![
        Section::Contents(contents(docs, &compared)),
        Section::Coverage(coverage(docs, &groups)),
        Section::Similarity(similarity_matrix(docs, &compared)),
        Section::Unique(unique_provisions(docs, &compared)),
        Section::Groups(compared),
    ];
    Ok(CorpusReport {
        docs: DocName::all(docs),
        sections,
    })
}

/// Groups under the chapters of the first document that has chapters (the first document when
/// none has; the one chapter is then of no title). A group that document lacks goes under its
/// chapter of the title most of the group's members sit under (法律责任 for penalties that other
/// documents put in their own 法律责任 chapter, whichever documents have no chapters at all),
/// else under the chapter of the group before it; chapters follow that document's order,
/// groups the reading order within each.
fn contents(docs: &[&Regulation], groups: &[ComparedGroup]) -> Vec<TocChapter> {
    // The first document that has chapters (a first document of none would put every group
    // under one chapter of no title); the first document when none has.
    let has_chapters = |d: &&&Regulation| {
        d.articles
            .iter()
            .any(|a| a.chapter.number > 0 || !a.chapter.title.is_empty())
    };
    let reference = docs.iter().find(has_chapters).or(docs.first());
    // The reference document's chapters: (label, title), in its order.
    let mut chapters: Vec<(String, String)> = Vec::new();
    for a in reference.map_or(&[][..], |d| &d.articles[..]) {
        let label = a.chapter.label();
        if !chapters.iter().any(|(l, _)| *l == label) {
            chapters.push((label, a.chapter.title.clone()));
        }
    }
    let mut out: Vec<TocChapter> = Vec::new();
    let mut previous: Option<String> = None;
    for g in groups {
        let own_chapter = g
            .columns
            .iter()
            .find(|c| Some(&c.doc.id) == reference.map(|d| &d.id))
            .and_then(|c| c.articles.first())
            .map(ArticleCite::chapter_label);
        let title = own_chapter
            .or_else(|| members_chapter(g, &chapters))
            .or_else(|| previous.clone())
            .unwrap_or_default();
        previous = Some(title.clone());
        let entry = TocEntry {
            group: g.id.clone(),
            label: g.label.clone(),
            docs: g.columns.len(),
        };
        match out.iter_mut().find(|c| c.title == title) {
            Some(chapter) => chapter.groups.push(entry),
            None => out.push(TocChapter {
                title,
                groups: vec![entry],
            }),
        }
    }
    // The first document's order; a title it does not have (its implicit chapter) keeps its place
    // before them.
    let rank = |title: &str| {
        chapters
            .iter()
            .position(|(label, _)| label == title)
            .map_or(0, |i| i + 1)
    };
    out.sort_by_key(|c| rank(&c.title));
    out
}

/// The reference chapter (label) whose title most of a group's member articles sit under, each
/// article counting once; `None` when no member's chapter title is one of `chapters`'.
fn members_chapter(g: &ComparedGroup, chapters: &[(String, String)]) -> Option<String> {
    let mut votes: Vec<(usize, usize)> = Vec::new();
    for a in g
        .columns
        .iter()
        .filter(|c| c.partial.is_none())
        .flat_map(|c| &c.articles)
    {
        if a.chapter.number == 0 || a.chapter.title.is_empty() {
            continue;
        }
        if let Some(i) = chapters.iter().position(|(_, t)| *t == a.chapter.title) {
            match votes.iter_mut().find(|(j, _)| *j == i) {
                Some((_, n)) => *n += 1,
                None => votes.push((i, 1)),
            }
        }
    }
    // Most votes; the earlier chapter on a tie.
    votes
        .into_iter()
        .max_by(|(i, n), (j, m)| n.cmp(m).then(j.cmp(i)))
        .and_then(|(i, _)| chapters.get(i))
        .map(|(label, _)| label.clone())
}

fn coverage(docs: &[&Regulation], groups: &[&Group]) -> Vec<CoverageRow> {
    groups
        .iter()
        .map(|g| CoverageRow {
            group: g.id.clone(),
            label: g.label.clone(),
            cells: docs
                .iter()
                .map(|d| g.members.get(&d.id).cloned().unwrap_or_default())
                .collect(),
            subs: docs
                .iter()
                .map(|d| g.articles_of(&d.id).iter().map(|&(_, sub)| sub).collect())
                .collect(),
            occurrences: docs
                .iter()
                .map(|d| g.keys_of(&d.id).iter().map(|k| k.occurrence).collect())
                .collect(),
            partial: docs
                .iter()
                .map(|d| {
                    g.partial_of(&d.id)
                        .iter()
                        .map(|p| p.article.key())
                        .collect()
                })
                .collect(),
        })
        .collect()
}

/// Share of wording two documents have in common, group by group: twice the characters of the
/// words they share inside their common groups, over all the characters of both.
fn similarity_matrix(docs: &[&Regulation], groups: &[ComparedGroup]) -> Vec<Vec<f32>> {
    let n = docs.len();
    let mut shared = vec![vec![0usize; n]; n];
    let mut total = vec![0usize; n];
    let index_of = |id: &DocId| docs.iter().position(|d| &d.id == id);
    for g in groups {
        let idx: Vec<Option<usize>> = g.columns.iter().map(|c| index_of(&c.doc.id)).collect();
        let pairs = &g.shared;
        for (a, i) in idx.iter().enumerate() {
            let Some(i) = *i else { continue };
            total[i] += pairs[a][a];
            for (b, j) in idx.iter().enumerate() {
                if let (Some(j), false) = (*j, a == b) {
                    shared[i][j] += pairs[a][b];
                }
            }
        }
    }
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    if i == j {
                        1.0
                    } else if total[i] + total[j] == 0 {
                        0.0
                    } else {
                        diff::dice(shared[i][j], total[i] + total[j])
                    }
                })
                .collect()
        })
        .collect()
}

fn unique_provisions(docs: &[&Regulation], groups: &[ComparedGroup]) -> Vec<UniqueList> {
    let singles: Vec<&ComparedGroup> = groups.iter().filter(|g| g.columns.len() == 1).collect();
    let candidates: Vec<(usize, Vec<usize>)> = singles
        .iter()
        .filter_map(|g| {
            let col = &g.columns[0];
            let d = docs.iter().position(|d| d.id == col.doc.id)?;
            let arts = col
                .articles
                .iter()
                .filter_map(|c| docs[d].articles.iter().position(|a| a.key() == c.key))
                .collect();
            Some((d, arts))
        })
        .collect();
    let found = counterparts(docs, &candidates);
    // Each document's items in its own article order (the groups' order follows the table,
    // which is set by the other documents).
    let mut items: Vec<Vec<(usize, UniqueItem)>> = vec![Vec::new(); docs.len()];
    for ((g, (d, arts)), held) in singles.iter().zip(&candidates).zip(found) {
        let Some(held) = held else { continue };
        let at = arts.iter().min().copied().unwrap_or(usize::MAX);
        items[*d].push((
            at,
            UniqueItem {
                group: g.id.clone(),
                label: g.label.clone(),
                articles: g.columns[0].articles.clone(),
                excerpt: excerpt(&g.columns[0].text, 60),
                in_part_elsewhere: held,
            },
        ));
    }
    docs.iter()
        .zip(items)
        .map(|(d, mut items)| {
            items.sort_by_key(|(at, _)| *at);
            UniqueList {
                doc: DocName::of(d),
                items: items.into_iter().map(|(_, item)| item).collect(),
            }
        })
        .collect()
}

/// The one-document groups of `a` that the report's "Provisions no other document has" lists, per
/// document of `docs` (in `docs`' order): each group's index in `a.groups` with whether another
/// document holds some of it in part. A group another document states as a whole (by the
/// paragraph check of the report's section, `counterparts`) is left out, as are notes of
/// deletion and groups with partial members; `guize align`'s list and the report's section are
/// one list.
pub fn lone_matters(docs: &[&Regulation], a: &Alignment) -> Vec<Vec<(usize, bool)>> {
    let singles: Vec<(usize, usize, Vec<usize>)> = a
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.doc_count() == 1 && g.partial.is_empty() && !g.deleted)
        .filter_map(|(i, g)| {
            let (id, _) = g.members.iter().next()?;
            let d = docs.iter().position(|d| &d.id == id)?;
            let arts = g
                .keys_of(id)
                .iter()
                .filter_map(|k| docs[d].articles.iter().position(|x| x.key() == *k))
                .collect();
            Some((i, d, arts))
        })
        .collect();
    let candidates: Vec<(usize, Vec<usize>)> = singles
        .iter()
        .map(|(_, d, arts)| (*d, arts.clone()))
        .collect();
    let mut lists = vec![Vec::new(); docs.len()];
    for ((i, d, _), held) in singles.iter().zip(counterparts(docs, &candidates)) {
        if let Some(held) = held {
            lists[*d].push((*i, !held.is_empty()));
        }
    }
    lists
}

/// Bigram cosine (IDF-weighted, sublinear counts) at which a paragraph of another document says
/// what a paragraph of a one-document group says. Chosen by leave-one-family-out cross-validation
/// over the four dev golds' one-document groups (docs/compare-and-figures.md, src/report.rs):
/// 0.33 in three folds, 0.45 in the fourth.
const COUNTERPART_MIN: f32 = 0.33;

/// Bigrams a paragraph needs to be evidence (headings and "（一）" alone are not).
const COUNTERPART_MIN_BIGRAMS: usize = 6;

/// Articles of the candidates' one-document groups (document index, article indices) against every
/// paragraph of the other documents: `None` when another document has a counterpart (most of the
/// candidate's wording matches most of one article), else the articles of other documents that
/// hold some of it in part (empty: nothing like it anywhere).
fn counterparts(
    docs: &[&Regulation],
    candidates: &[(usize, Vec<usize>)],
) -> Vec<Option<Vec<ElsewhereInPart>>> {
    // Every paragraph of every document as distinct bigrams with counts.
    let paragraphs: Vec<Vec<Vec<(u64, f32)>>> = docs
        .par_iter()
        .map(|d| {
            d.articles
                .iter()
                .flat_map(|a| a.paragraphs.iter().map(|p| bigram_counts(&p.text)))
                .collect()
        })
        .collect();
    let n = paragraphs.iter().map(Vec::len).sum::<usize>().max(1) as f32;
    let mut df: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    for p in paragraphs.iter().flatten() {
        if p.len() >= COUNTERPART_MIN_BIGRAMS {
            for (t, _) in p {
                *df.entry(*t).or_default() += 1;
            }
        }
    }
    let weigh = |p: &[(u64, f32)]| -> Vec<(u64, f32)> {
        let mut v: Vec<(u64, f32)> = p
            .iter()
            .map(|&(t, c)| {
                let idf = (n / df.get(&t).copied().unwrap_or(1).max(1) as f32).ln();
                (t, (1.0 + c.ln()) * idf)
            })
            .collect();
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| x.1 /= norm);
        }
        v
    };
    // Where each article's paragraphs start in its document's list.
    let starts: Vec<Vec<usize>> = docs
        .iter()
        .map(|d| {
            d.articles
                .iter()
                .scan(0, |at, a| {
                    let s = *at;
                    *at += a.paragraphs.len();
                    Some(s)
                })
                .collect()
        })
        .collect();
    // The candidates' paragraphs: (candidate, document, paragraph index in its article, chars).
    let mut owners: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut postings: std::collections::HashMap<u64, Vec<(u32, f32)>> =
        std::collections::HashMap::new();
    for (c, (d, arts)) in candidates.iter().enumerate() {
        for &a in arts {
            for (k, p) in docs[*d].articles[a].paragraphs.iter().enumerate() {
                let counts = &paragraphs[*d][starts[*d][a] + k];
                if counts.len() < COUNTERPART_MIN_BIGRAMS {
                    continue;
                }
                let id = owners.len() as u32;
                owners.push((c, *d, k, p.text.chars().count()));
                for (t, w) in weigh(counts) {
                    postings.entry(t).or_default().push((id, w));
                }
            }
        }
    }
    // Best match of each candidate paragraph in each other document: (cosine, article, paragraph).
    let best: Vec<Vec<Option<(f32, usize, usize)>>> = (0..docs.len())
        .into_par_iter()
        .map(|b| {
            let mut best: Vec<Option<(f32, usize, usize)>> = vec![None; owners.len()];
            let mut dots = vec![0.0f32; owners.len()];
            let mut touched: Vec<u32> = Vec::new();
            for (y, art) in docs[b].articles.iter().enumerate() {
                for q in 0..art.paragraphs.len() {
                    let counts = &paragraphs[b][starts[b][y] + q];
                    if counts.len() < COUNTERPART_MIN_BIGRAMS {
                        continue;
                    }
                    for (t, w) in weigh(counts) {
                        for &(id, wc) in postings.get(&t).map_or(&[][..], Vec::as_slice) {
                            if owners[id as usize].1 == b {
                                continue;
                            }
                            if dots[id as usize] == 0.0 {
                                touched.push(id);
                            }
                            dots[id as usize] += w * wc;
                        }
                    }
                    for id in touched.drain(..) {
                        let s = std::mem::take(&mut dots[id as usize]);
                        let e = &mut best[id as usize];
                        if s >= COUNTERPART_MIN && e.is_none_or(|e| s > e.0) {
                            *e = Some((s, y, q));
                        }
                    }
                }
            }
            best
        })
        .collect();
    candidates
        .iter()
        .enumerate()
        .map(|(c, (d, arts))| {
            let own: Vec<usize> = (0..owners.len()).filter(|&i| owners[i].0 == c).collect();
            let total: usize = arts
                .iter()
                .map(|&a| docs[*d].articles[a].text.chars().count())
                .sum();
            // Per (document, article) of others: this candidate's matched characters and the
            // other article's matched paragraphs.
            let mut held: std::collections::BTreeMap<(usize, usize), (usize, Vec<usize>, f32)> =
                std::collections::BTreeMap::new();
            for (b, per_doc) in best.iter().enumerate() {
                for &i in &own {
                    if let Some((s, y, q)) = per_doc[i] {
                        let e = held.entry((b, y)).or_insert((0, Vec::new(), 0.0));
                        e.0 += owners[i].3;
                        if !e.1.contains(&q) {
                            e.1.push(q);
                        }
                        e.2 = e.2.max(s);
                    }
                }
            }
            let whole = held.iter().any(|(&(b, y), (chars, qs, _))| {
                let art = &docs[b].articles[y];
                let theirs: usize = qs
                    .iter()
                    .filter_map(|&q| art.paragraphs.get(q))
                    .map(|p| p.text.chars().count())
                    .sum();
                2 * chars >= total && 2 * theirs >= art.text.chars().count()
            });
            if whole {
                return None;
            }
            let mut out: Vec<(f32, ElsewhereInPart)> = held
                .into_iter()
                .map(|((b, y), (_, mut qs, s))| {
                    qs.sort_unstable();
                    (
                        s,
                        ElsewhereInPart {
                            doc: DocName::of(docs[b]),
                            article: ArticleCite::of(&docs[b].articles[y]),
                            paragraphs: qs,
                        },
                    )
                })
                .collect();
            out.sort_by(|x, y| y.0.total_cmp(&x.0));
            Some(out.into_iter().map(|x| x.1).collect())
        })
        .collect()
}

/// Distinct character bigrams of the Han characters and letters of `text` (digits and punctuation
/// left out, as the aligner counts them), each with its count, sorted.
fn bigram_counts(text: &str) -> Vec<(u64, f32)> {
    let chars: Vec<char> = crate::text::fold::norm(text)
        .chars()
        .filter(|&c| crate::text::chars::is_han(c) || (c.is_alphabetic() && !c.is_ascii_digit()))
        .collect();
    let mut grams: Vec<u64> = chars
        .windows(2)
        .map(|w| (u64::from(u32::from(w[0])) << 32) | u64::from(u32::from(w[1])))
        .collect();
    grams.sort_unstable();
    let mut out: Vec<(u64, f32)> = Vec::new();
    for g in grams {
        match out.last_mut() {
            Some(last) if last.0 == g => last.1 += 1.0,
            _ => out.push((g, 1.0)),
        }
    }
    out
}

/// The first `chars` characters of `text` on one line, with … when cut.
pub fn excerpt(text: &str, chars: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = flat.chars().take(chars).collect();
    if flat.chars().count() > chars {
        out.push('…');
    }
    out
}

/// The figures of `docs` (in that order) as a section of the corpus report, rows per clause
/// group of `alignment` when given.
pub fn numbers_section(docs: &[&Regulation], alignment: Option<&Alignment>) -> Table {
    let mut provisions: Vec<numbers::Provision> = docs
        .iter()
        .flat_map(|d| numbers::extract_regulation(d))
        .collect();
    numbers::keep_written_topics(&mut provisions, docs.iter().copied());
    let ids: Vec<DocId> = docs.iter().map(|d| d.id.clone()).collect();
    let names: Vec<String> = docs.iter().map(|d| DocName::of(d).name).collect();
    numbers_table(&numbers::table::build(&provisions, &ids, alignment), &names)
}

/// Adds the figures section to `report` (of `docs`, aligned as `alignment`): one table, or for
/// a corpus of several kinds one in each kind's part, of that kind's documents and groups alone
/// (a document of another kind does not "lack" a figure of this kind's matters).
pub fn add_numbers_section(report: &mut CorpusReport, docs: &[&Regulation], alignment: &Alignment) {
    let provisions: Vec<numbers::Provision> = docs
        .par_iter()
        .flat_map_iter(|d| numbers::extract_regulation(d))
        .collect();
    add_numbers_of(report, docs, &provisions, alignment);
}

/// [`add_numbers_section`] with the figures of `docs` already extracted (`provisions`, of these
/// documents or more).
pub fn add_numbers_of(
    report: &mut CorpusReport,
    docs: &[&Regulation],
    provisions: &[numbers::Provision],
    alignment: &Alignment,
) {
    let table_of = |docs: &[&Regulation], alignment: &Alignment| {
        let ids: Vec<DocId> = docs.iter().map(|d| d.id.clone()).collect();
        let own: Vec<numbers::Provision> = provisions
            .iter()
            .filter(|p| ids.contains(&p.article.doc))
            .cloned()
            .collect();
        let names: Vec<String> = docs.iter().map(|d| DocName::of(d).name).collect();
        numbers_table(&numbers::table::build(&own, &ids, Some(alignment)), &names)
    };
    let mut in_kinds = false;
    for section in &mut report.sections {
        let Section::Kind(part) = section else {
            continue;
        };
        let Some(k) = alignment.kinds.iter().position(|k| k.name == part.name) else {
            continue;
        };
        let members = alignment.kinds[k].members(docs);
        let table = table_of(&members, &alignment.of_kind(k));
        part.report.add_section(Section::Table(table));
        in_kinds = true;
    }
    if !in_kinds {
        report.add_section(Section::Table(table_of(docs, alignment)));
    }
}

/// The figures table as a section of the corpus report: a row per subject, a column per
/// document (`names` in the table's document order), differing figures marked.
pub fn numbers_table(table: &numbers::table::FigureTable, names: &[String]) -> Table {
    let mut header = vec!["事项".to_string()];
    header.extend(names.iter().cloned());
    let rows = table
        .rows
        .iter()
        .map(|row| {
            // The groups' label beside the subject, as `guize numbers` shows it: rows of one
            // subject (fines for different conduct) are told apart.
            let subject = row_title(row, " ");
            let mut cells = vec![Cell {
                text: if row.no_majority {
                    format!("{subject} (no majority)")
                } else {
                    subject
                },
                is_marked: row.no_majority,
            }];
            cells.extend(row.cells.iter().map(|c| match &c.provision {
                None => Cell {
                    text: "—".to_string(),
                    is_marked: false,
                },
                Some(p) => Cell {
                    text: if c.elsewhere {
                        format!(
                            "{}（{}：{}; {}）",
                            figure(c),
                            p.label,
                            p.quantity.expr,
                            ELSEWHERE_NOTE
                        )
                    } else {
                        format!("{}（{}：{}）", figure(c), p.label, p.quantity.expr)
                    },
                    is_marked: c.differs,
                },
            }));
            cells
        })
        .collect();
    Table {
        id: "numbers".to_string(),
        title: "Quantitative provisions · 数量规定".to_string(),
        note: "Each figure the rules set (meeting frequency, time limits, lengths, counts), one \
               row per clause group and subject. Rates are also shown on a common scale \
               (≈次/月 for frequencies, ≈天 for time limits, 5个工作日 ≈ 7天); a marked figure \
               differs from the one most documents state; a marked subject (no majority) has figures that \
               differ with none stated by most documents."
            .to_string(),
        header,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numbers_section_has_a_column_per_document_and_marks() {
        let provisions = numbers::provisions_of;
        let mut ps = provisions("a", 51, "一般应在5个工作日内回复。");
        ps.extend(provisions("b", 63, "一般3个工作日内回复意见。"));
        let docs: Vec<DocId> = ["a", "b", "c"].into_iter().map(DocId::from).collect();
        let names = vec![
            "历下区".to_string(),
            "市中区".to_string(),
            "兖州区".to_string(),
        ];
        let t = numbers_table(&numbers::table::build(&ps, &docs, None), &names);
        assert_eq!(t.header, ["事项", "历下区", "市中区", "兖州区"]);
        assert_eq!(t.rows.len(), 1);
        let row = &t.rows[0];
        assert_eq!(
            row[1].text,
            "≤5个工作日 ≈7天（第五十一条：一般应在5个工作日内）"
        );
        // Two documents that disagree: no majority, said on the subject, no figure marked.
        assert!(
            row[0].is_marked && row[0].text.ends_with("(no majority)"),
            "{row:?}"
        );
        assert!(!row[1].is_marked && !row[2].is_marked, "{row:?}");
        assert_eq!(row[3].text, "—");
        // A third document agreeing with the second: the first differs.
        ps.extend(provisions("c", 63, "一般3个工作日内回复意见。"));
        let t = numbers_table(&numbers::table::build(&ps, &docs, None), &names);
        let row = &t.rows[0];
        assert!(!row[0].is_marked, "{row:?}");
        assert!(row[1].is_marked && !row[2].is_marked && !row[3].is_marked);
    }
}
