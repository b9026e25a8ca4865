//! JSON output of a compared group, through wire structs of its own so that internal types can
//! change without breaking scripts.
//!
//! # Format
//!
//! One object:
//!
//! ```json
//! {"group": {"id": "…", "label": "…", "score": 0.9},
//!  "base": {"doc": "yanzhou", "articles": [49], "reason": "medoid"},   // or "chosen" (--base)
//!  "base_text": "…",              // that document's text, which every column is compared against
//!  "columns": [{"doc": "lixia", "district": "历下区", "articles": [39],
//!               "citation": "第八章 完善会议制度 第三十九条", "is_base": false, "similarity": 0.93,
//!               // "subs": [1] beside "articles": [17] for 第十七条之一 (only when one is inserted)
//!               // "partial": [0], "shown": [0, 1, 2] for a document holding the matter in
//!               // part: the paragraphs that hold it and those its text shows (0-based)
//!               "segments": [{"op": "equal|insert|delete", "text": "…", "shared_by": 3,
//!                             "number": true, "punct": true}]}],
//!  "missing": ["yanzhou"]}
//! ```
//!
//! The base is always a real document's text: the group's medoid (the member whose wording is
//! closest to all the others) unless one was chosen. `insert` is wording this column has and the
//! base lacks, `delete` base wording it lacks; `shared_by` counts the compared documents (this one
//! included; for a `delete`, the base's) that have the segment's words, so 1 is one document's own
//! wording and the number of columns is wording all share. `number` and `punct` appear (as
//! `true`) only on a changed quantity and on a punctuation-only change.
//!
//! The corpus report is one object whose keys are its sections, each present when the report has
//! it:
//!
//! ```json
//! {"docs": [{"id": "lixia", "name": "历下区", "title": "…"}],
//!  "contents": [{"title": "第八章 完善会议制度", "groups": [{"group": "g…", "label": "…", "docs": 5}]}],
//!  "coverage": [{"group": "g…", "label": "…", "members": {"lixia": [39], "yanzhou": []},
//!                "partial": {"shizhong": [9]}}],
//!  "similarity": [[1.0, 0.41], [0.41, 1.0]],          // in the order of "docs"
//!  "unique": {"lixia": [{"group": "g…", "label": "…", "articles": [4], "excerpt": "…",
//!              "in_part_elsewhere": [{"doc": "shizhong", "article": 9, "paragraphs": [1]}]}]},
//!  "tables": [{"id": "numbers", "title": "…", "note": "…", "header": ["…"],
//!              "rows": [[{"text": "…", "marked": false}]]}],
//!  "groups": [ /* one compared group each, as above */ ]}
//! ```
//!
//! Articles are named as in `guize align --json`: beside a list of numbers, `subs` gives each
//! one's 之一 (第十七条之一: 17 and 1) and `occurrences` which article of that number it is in a
//! document that repeats numbers (第三条#2: 3 and 2), each present only when one is not the
//! usual (coverage rows: `subs`, `occurrences`, `partial_subs`, `partial_occurrences`, keyed by
//! document); a single article (`in_part_elsewhere`) carries `sub` and `occurrence` the same way.

use super::Render;
use crate::report::{ComparedGroup, CorpusReport, Section};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// JSON output (the wire types of [`crate::render::wire`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

#[derive(Serialize)]
struct GroupOut<'a> {
    group: GroupHead<'a>,
    base: BaseOut<'a>,
    base_text: &'a str,
    columns: Vec<ColumnOut<'a>>,
    missing: Vec<&'a str>,
    /// Articles that hold the matter in part beyond the columns (a document's second and later
    /// partial articles); absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    also_in_part: Vec<AlsoOut<'a>>,
    /// Chosen documents of another kind than the group (no column); absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    other_kind: Vec<&'a str>,
}

#[derive(Serialize)]
struct AlsoOut<'a> {
    doc: &'a str,
    article: u32,
    citation: String,
    paragraphs: &'a [usize],
}

#[derive(Serialize)]
struct BaseOut<'a> {
    doc: &'a str,
    articles: Vec<u32>,
    /// The 之一 of each of `articles`, present only when one is inserted (as in a column).
    #[serde(skip_serializing_if = "Option::is_none")]
    subs: Option<Vec<u32>>,
    /// Which occurrence of its number each of `articles` is, present only when one is a
    /// repeated number's second or later (as in a column).
    #[serde(skip_serializing_if = "Option::is_none")]
    occurrences: Option<Vec<u32>>,
    reason: &'static str,
}

#[derive(Serialize)]
struct GroupHead<'a> {
    id: &'a str,
    label: &'a str,
    score: f32,
}

#[derive(Serialize)]
struct ColumnOut<'a> {
    doc: &'a str,
    /// The issuing district, `null` when the document does not give one (as in `guize corpus
    /// --json`), never its title.
    #[serde(serialize_with = "super::wire::null_if_empty")]
    district: &'a str,
    articles: Vec<u32>,
    /// The 之一 of each of `articles` (第十七条之一 → 1), present only when one is inserted.
    #[serde(skip_serializing_if = "Option::is_none")]
    subs: Option<Vec<u32>>,
    /// Which occurrence of its number each of `articles` is (2 for 第三条#2 of a document that
    /// repeats 第三条), present only when one is not the first, as `occurrences` in
    /// `guize align --json`.
    #[serde(skip_serializing_if = "Option::is_none")]
    occurrences: Option<Vec<u32>>,
    citation: String,
    is_base: bool,
    similarity: f32,
    /// For a document that holds the matter only in part: the matching paragraphs of its
    /// article (0-based indices); absent for members of the group.
    #[serde(skip_serializing_if = "Option::is_none")]
    partial: Option<&'a [usize]>,
    /// For a partial member: the paragraphs its text shows (0-based, consecutive): `partial` and
    /// those between or beside them that share wording with the base.
    #[serde(skip_serializing_if = "Option::is_none")]
    shown: Option<&'a [usize]>,
    segments: Vec<SegmentOut<'a>>,
}

#[derive(Serialize)]
struct SegmentOut<'a> {
    op: &'static str,
    text: &'a str,
    shared_by: usize,
    #[serde(skip_serializing_if = "is_false")]
    number: bool,
    #[serde(skip_serializing_if = "is_false")]
    punct: bool,
}

/// Per document with partial articles of a coverage row, `value` of each article, for the
/// documents where `wanted` holds for one of them.
fn partial_field<'a>(
    report: &'a CorpusReport,
    partial: &[Vec<crate::cite::ArticleKey>],
    wanted: impl Fn(&crate::cite::ArticleKey) -> bool,
    value: impl Fn(&crate::cite::ArticleKey) -> u32,
) -> BTreeMap<&'a str, Vec<u32>> {
    report
        .docs
        .iter()
        .zip(partial)
        .filter(|(_, keys)| keys.iter().any(&wanted))
        .map(|(d, keys)| (d.id.as_str(), keys.iter().map(&value).collect()))
        .collect()
}

/// The 之一 of each article, when one is inserted.
fn subs(articles: &[crate::report::ArticleCite]) -> Option<Vec<u32>> {
    articles
        .iter()
        .any(|a| a.sub != 0)
        .then(|| articles.iter().map(|a| a.sub).collect())
}

/// The occurrence of each article, when one is a repeated number's second or later.
fn occurrences(articles: &[crate::report::ArticleCite]) -> Option<Vec<u32>> {
    articles
        .iter()
        .any(|a| a.key.occurrence > 1)
        .then(|| articles.iter().map(|a| a.key.occurrence).collect())
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn wire(group: &ComparedGroup) -> GroupOut<'_> {
    GroupOut {
        group: GroupHead {
            id: &group.id,
            label: &group.label,
            score: round3(group.score),
        },
        base: BaseOut {
            doc: group.base_column().map_or("", |c| c.doc.id.as_str()),
            articles: group
                .base_column()
                .map(|c| c.articles.iter().map(|a| a.number).collect())
                .unwrap_or_default(),
            subs: group.base_column().and_then(|c| subs(&c.articles)),
            occurrences: group.base_column().and_then(|c| occurrences(&c.articles)),
            reason: group.base.reason(),
        },
        base_text: &group.base_text,
        columns: group
            .columns
            .iter()
            .map(|c| ColumnOut {
                doc: c.doc.id.as_str(),
                district: if c.doc.name == c.doc.title {
                    ""
                } else {
                    &c.doc.name
                },
                articles: c.articles.iter().map(|a| a.number).collect(),
                subs: subs(&c.articles),
                occurrences: occurrences(&c.articles),
                citation: c.citation(),
                is_base: c.is_base,
                similarity: round3(c.similarity),
                partial: c.partial.as_deref(),
                shown: c.shown.as_deref(),
                segments: c
                    .segments
                    .iter()
                    .zip(&c.shared_by)
                    .map(|(s, shared_by)| SegmentOut {
                        op: s.op.as_str(),
                        text: &s.text,
                        shared_by: *shared_by,
                        number: s.is_number,
                        punct: s.is_punct,
                    })
                    .collect(),
            })
            .collect(),
        missing: group.missing.iter().map(|d| d.id.as_str()).collect(),
        also_in_part: group
            .also_in_part
            .iter()
            .map(|(doc, article, paragraphs)| AlsoOut {
                doc: doc.id.as_str(),
                article: article.number,
                citation: crate::report::citation(std::slice::from_ref(article)),
                paragraphs,
            })
            .collect(),
        other_kind: group.other_kind.iter().map(|d| d.id.as_str()).collect(),
    }
}

/// Three decimals are plenty for a score and keep the output stable across platforms.
fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

impl Render for Json {
    fn compare(&self, out: &mut dyn Write, group: &ComparedGroup) -> io::Result<()> {
        serde_json::to_writer(&mut *out, &wire(group))?;
        writeln!(out)
    }

    fn report(&self, out: &mut dyn Write, report: &CorpusReport) -> io::Result<()> {
        serde_json::to_writer(&mut *out, &ReportOut::of(report))?;
        writeln!(out)
    }
}

#[derive(Serialize, Default)]
struct ReportOut<'a> {
    docs: Vec<DocOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contents: Option<Vec<ChapterOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage: Option<Vec<CoverageOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    similarity: Option<Vec<Vec<f32>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique: Option<BTreeMap<&'a str, Vec<UniqueOut<'a>>>>,
    tables: Vec<TableOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<GroupOut<'a>>>,
    /// For a corpus of several kinds: each kind's own report, under its name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    kinds: Vec<KindOut<'a>>,
}

#[derive(Serialize)]
struct KindOut<'a> {
    name: &'a str,
    #[serde(flatten)]
    report: ReportOut<'a>,
}

#[derive(Serialize)]
struct DocOut<'a> {
    id: &'a str,
    name: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct ChapterOut<'a> {
    title: &'a str,
    groups: Vec<TocOut<'a>>,
}

#[derive(Serialize)]
struct TocOut<'a> {
    group: &'a str,
    label: &'a str,
    docs: usize,
}

#[derive(Serialize)]
struct CoverageOut<'a> {
    group: &'a str,
    label: &'a str,
    members: BTreeMap<&'a str, &'a [u32]>,
    /// The 之一 of each member article, for the documents where one is inserted (第二条之一:
    /// `"members": {"s": [2]}, "subs": {"s": [1]}`), as in `guize align --json`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    subs: BTreeMap<&'a str, &'a [u32]>,
    /// Which occurrence of its number each member article is, for the documents that repeat
    /// a number among them (`"members": {"w": [3]}, "occurrences": {"w": [2]}` for 第三条#2),
    /// as in `guize align --json`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    occurrences: BTreeMap<&'a str, &'a [u32]>,
    /// Documents that hold the matter in part, in a paragraph of a broader article of another
    /// group: their article numbers.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    partial: BTreeMap<&'a str, Vec<u32>>,
    /// The 之一 of each `partial` article, for the documents where one is inserted.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    partial_subs: BTreeMap<&'a str, Vec<u32>>,
    /// Which occurrence of its number each `partial` article is, for the documents where one
    /// is a repeated number's second or later.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    partial_occurrences: BTreeMap<&'a str, Vec<u32>>,
}

#[derive(Serialize)]
struct UniqueOut<'a> {
    group: &'a str,
    label: &'a str,
    articles: Vec<u32>,
    /// The 之一 of each of `articles`, present only when one is inserted.
    #[serde(skip_serializing_if = "Option::is_none")]
    subs: Option<Vec<u32>>,
    /// Which occurrence of its number each of `articles` is, present only when one is a
    /// repeated number's second or later.
    #[serde(skip_serializing_if = "Option::is_none")]
    occurrences: Option<Vec<u32>>,
    excerpt: &'a str,
    /// Articles of other documents holding some of it: `{"doc", "article", "paragraphs"}`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    in_part_elsewhere: Vec<InPartOut<'a>>,
}

#[derive(Serialize)]
struct InPartOut<'a> {
    doc: &'a str,
    article: u32,
    #[serde(skip_serializing_if = "crate::cite::is_zero")]
    sub: u32,
    #[serde(skip_serializing_if = "crate::cite::is_first")]
    occurrence: u32,
    paragraphs: &'a [usize],
}

#[derive(Serialize)]
struct TableOut<'a> {
    id: &'a str,
    title: &'a str,
    note: &'a str,
    header: &'a [String],
    rows: Vec<Vec<CellOut<'a>>>,
}

#[derive(Serialize)]
struct CellOut<'a> {
    text: &'a str,
    marked: bool,
}

impl<'a> ReportOut<'a> {
    fn of(report: &'a CorpusReport) -> ReportOut<'a> {
        let mut out = ReportOut {
            docs: report
                .docs
                .iter()
                .map(|d| DocOut {
                    id: d.id.as_str(),
                    name: &d.name,
                    title: &d.title,
                })
                .collect(),
            ..ReportOut::default()
        };
        for section in &report.sections {
            match section {
                Section::Contents(chapters) => {
                    out.contents = Some(
                        chapters
                            .iter()
                            .map(|c| ChapterOut {
                                title: &c.title,
                                groups: c
                                    .groups
                                    .iter()
                                    .map(|e| TocOut {
                                        group: &e.group,
                                        label: &e.label,
                                        docs: e.docs,
                                    })
                                    .collect(),
                            })
                            .collect(),
                    )
                }
                Section::Coverage(rows) => {
                    out.coverage = Some(
                        rows.iter()
                            .map(|r| CoverageOut {
                                group: &r.group,
                                label: &r.label,
                                members: report
                                    .docs
                                    .iter()
                                    .zip(&r.cells)
                                    .map(|(d, cell)| (d.id.as_str(), cell.as_slice()))
                                    .collect(),
                                subs: report
                                    .docs
                                    .iter()
                                    .zip(&r.subs)
                                    .filter(|(_, s)| s.iter().any(|&n| n != 0))
                                    .map(|(d, s)| (d.id.as_str(), s.as_slice()))
                                    .collect(),
                                occurrences: report
                                    .docs
                                    .iter()
                                    .zip(&r.occurrences)
                                    .filter(|(_, o)| o.iter().any(|&k| k > 1))
                                    .map(|(d, o)| (d.id.as_str(), o.as_slice()))
                                    .collect(),
                                partial: partial_field(report, &r.partial, |_| true, |k| k.number),
                                partial_subs: partial_field(
                                    report,
                                    &r.partial,
                                    |k| k.sub != 0,
                                    |k| k.sub,
                                ),
                                partial_occurrences: partial_field(
                                    report,
                                    &r.partial,
                                    |k| k.occurrence > 1,
                                    |k| k.occurrence,
                                ),
                            })
                            .collect(),
                    )
                }
                Section::Similarity(values) => {
                    out.similarity = Some(
                        values
                            .iter()
                            .map(|row| row.iter().map(|&v| round3(v)).collect())
                            .collect(),
                    )
                }
                Section::Unique(lists) => {
                    out.unique = Some(
                        lists
                            .iter()
                            .map(|l| {
                                let items = l
                                    .items
                                    .iter()
                                    .map(|i| UniqueOut {
                                        group: &i.group,
                                        label: &i.label,
                                        articles: i.articles.iter().map(|a| a.number).collect(),
                                        subs: subs(&i.articles),
                                        occurrences: occurrences(&i.articles),
                                        excerpt: &i.excerpt,
                                        in_part_elsewhere: i
                                            .in_part_elsewhere
                                            .iter()
                                            .map(|e| InPartOut {
                                                doc: e.doc.id.as_str(),
                                                article: e.article.number,
                                                sub: e.article.sub,
                                                occurrence: e.article.key.occurrence,
                                                paragraphs: &e.paragraphs,
                                            })
                                            .collect(),
                                    })
                                    .collect();
                                (l.doc.id.as_str(), items)
                            })
                            .collect(),
                    )
                }
                Section::Groups(groups) => out.groups = Some(groups.iter().map(wire).collect()),
                Section::Kind(k) => out.kinds.push(KindOut {
                    name: &k.name,
                    report: ReportOut::of(&k.report),
                }),
                Section::Table(t) => out.tables.push(TableOut {
                    id: &t.id,
                    title: &t.title,
                    note: &t.note,
                    header: &t.header,
                    rows: t
                        .rows
                        .iter()
                        .map(|row| {
                            row.iter()
                                .map(|c| CellOut {
                                    text: &c.text,
                                    marked: c.is_marked,
                                })
                                .collect()
                        })
                        .collect(),
                }),
            }
        }
        out
    }
}
