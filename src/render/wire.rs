//! The JSON wire structs of the commands whose `--json` output is not a rendered comparison
//! (`corpus`, `articles`/`show`, `search`, `align`, `precedent`), kept apart from the library
//! types so that those can change without breaking scripts. `guize serve`'s `/api/` answers with
//! the same structs, so the CLI and the API cannot drift apart. Formats: see the README.

pub mod numbers;

use crate::align::Alignment;
use crate::corpus::Corpus;
use crate::index::{Hit, SearchReport};
use crate::model::{Article, ArticleStyle, ChapterRef, DocId, Regulation};
use crate::precedent::{Precedent, Report as PrecedentReport};
use serde::Serialize;
use std::collections::BTreeMap;

/// `guize corpus --json`: `{"documents": [...], "warnings": [...]}`.
#[derive(Serialize)]
pub struct CorpusJson<'a> {
    pub documents: Vec<DocJson<'a>>,
    pub warnings: Vec<String>,
}

impl<'a> CorpusJson<'a> {
    pub fn new(corpus: &'a Corpus) -> Self {
        CorpusJson {
            documents: corpus.docs.iter().map(DocJson::new).collect(),
            warnings: corpus.load_warnings.iter().map(|w| w.to_string()).collect(),
        }
    }
}

/// One document in `guize corpus --json`.
#[derive(Serialize)]
pub struct DocJson<'a> {
    pub id: &'a str,
    pub path: String,
    pub title: &'a str,
    pub district: &'a str,
    pub city: &'a str,
    pub doc_number: Option<&'a str>,
    pub issued: Option<&'a str>,
    pub aliases: &'a [String],
    pub style: ArticleStyle,
    pub chapters: usize,
    pub articles: usize,
    pub chars: usize,
    pub warnings: Vec<String>,
}

impl<'a> DocJson<'a> {
    pub fn new(d: &'a Regulation) -> Self {
        DocJson {
            id: d.id.as_str(),
            path: d.path.display().to_string(),
            title: &d.meta.title,
            district: &d.meta.district,
            city: &d.meta.city,
            doc_number: d.meta.doc_number.as_deref(),
            issued: d.meta.issued.as_deref(),
            aliases: &d.meta.aliases,
            style: d.style,
            chapters: real_chapters(d),
            articles: d.articles.len(),
            chars: d.chars,
            warnings: d.warnings.iter().map(|w| w.to_string()).collect(),
        }
    }
}

/// Chapters the text declares (the implicit chapter 0 of a chapterless document does not count).
pub fn real_chapters(d: &Regulation) -> usize {
    d.chapters.iter().filter(|c| c.line > 0).count()
}

#[derive(Serialize)]
pub struct ChapterJson<'a> {
    pub number: u32,
    pub title: &'a str,
}

/// One article, as `guize articles --json` prints it (one a line) and `guize show --json` alone.
#[derive(Serialize)]
pub struct ArticleJson<'a> {
    pub doc: &'a str,
    pub district: &'a str,
    pub title: &'a str,
    pub chapter: ChapterJson<'a>,
    pub section: Option<ChapterJson<'a>>,
    pub article: u32,
    pub sub: u32,
    pub label: String,
    pub citation: String,
    pub paragraphs: Vec<&'a str>,
    /// Per paragraph, the texts of its items (empty for most paragraphs).
    pub items: Vec<Vec<&'a str>>,
    pub text: &'a str,
    pub norm: &'a str,
    pub lines: [usize; 2],
    pub span: [usize; 2],
}

impl<'a> ArticleJson<'a> {
    pub fn new(doc: &'a Regulation, a: &'a Article) -> Self {
        ArticleJson {
            doc: doc.id.as_str(),
            district: &doc.meta.district,
            title: &doc.meta.title,
            chapter: ChapterJson {
                number: a.chapter.number,
                title: &a.chapter.title,
            },
            section: a.section.as_ref().map(|s| ChapterJson {
                number: s.number,
                title: &s.title,
            }),
            article: a.number,
            sub: a.sub,
            label: a.label(),
            citation: doc.citation(a),
            paragraphs: a.paragraphs.iter().map(|p| p.text.as_str()).collect(),
            items: a
                .paragraphs
                .iter()
                .map(|p| p.items.iter().map(|i| i.text.as_str()).collect())
                .collect(),
            text: &a.text,
            norm: &a.norm,
            lines: [a.lines.0, a.lines.1],
            span: [a.span.start, a.span.end],
        }
    }
}

/// `guize search --json`: `highlights` are character (not byte) ranges of `snippet`.
#[derive(Serialize)]
pub struct SearchJson<'a> {
    pub query: &'a str,
    pub words: &'a [String],
    pub total: usize,
    pub hits: Vec<SearchHitJson<'a>>,
}

#[derive(Serialize)]
pub struct SearchHitJson<'a> {
    pub doc: &'a str,
    pub district: &'a str,
    pub chapter: ChapterJson<'a>,
    pub article: u32,
    pub section: Option<&'a str>,
    pub lines: [usize; 2],
    pub score: f32,
    pub snippet: &'a str,
    pub highlights: Vec<[usize; 2]>,
}

impl<'a> SearchJson<'a> {
    pub fn new(r: &'a SearchReport) -> SearchJson<'a> {
        SearchJson {
            query: &r.query,
            words: &r.words,
            total: r.total,
            hits: r.hits.iter().map(SearchHitJson::new).collect(),
        }
    }
}

impl<'a> SearchHitJson<'a> {
    fn new(h: &'a Hit) -> SearchHitJson<'a> {
        let chars = |byte: usize| h.snippet.text[..byte].chars().count();
        SearchHitJson {
            doc: h.doc.as_str(),
            district: &h.district,
            chapter: ChapterJson {
                number: h.chapter.number,
                title: &h.chapter.title,
            },
            article: h.article,
            section: h.section.as_deref(),
            lines: [h.lines.0, h.lines.1],
            score: h.score,
            snippet: &h.snippet.text,
            highlights: h
                .snippet
                .highlights
                .iter()
                .map(|r| [chars(r.start), chars(r.end)])
                .collect(),
        }
    }
}

/// 历下区 · 第八章 完善会议制度 · 第三十九条
pub fn hit_citation(hit: &Hit) -> String {
    let name = if hit.district.is_empty() {
        hit.doc.as_str()
    } else {
        &hit.district
    };
    crate::cite::citation(
        name,
        &hit.chapter,
        hit.section.as_deref(),
        &hit.label,
        " · ",
    )
}

/// `guize align --json`: `{"docs": [...], "groups": [{"id", "label", "score", "members"}]}`.
#[derive(Serialize)]
pub struct AlignJson<'a> {
    pub docs: Vec<&'a str>,
    pub groups: Vec<AlignGroupJson<'a>>,
}

#[derive(Serialize)]
pub struct AlignGroupJson<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub score: f32,
    pub members: BTreeMap<&'a str, &'a [u32]>,
    /// Each member's best counterpart per other document, with coverage both ways and the
    /// matched paragraphs (see [`crate::align::Link`]).
    pub links: &'a [crate::align::Link],
    /// Articles of other documents that hold the matter in some paragraphs (see
    /// [`crate::align::Partial`]).
    pub partial: &'a [crate::align::Partial],
}

impl<'a> AlignJson<'a> {
    pub fn new(docs: &[&'a Regulation], a: &'a Alignment) -> AlignJson<'a> {
        AlignJson {
            docs: docs.iter().map(|d| d.id.as_str()).collect(),
            groups: a
                .groups
                .iter()
                .map(|g| AlignGroupJson {
                    id: &g.id,
                    label: &g.label,
                    score: (g.score * 1000.0).round() / 1000.0,
                    members: g
                        .members
                        .iter()
                        .map(|(d, ns)| (d.as_str(), ns.as_slice()))
                        .collect(),
                    links: &g.links,
                    partial: &g.partial,
                })
                .collect(),
        }
    }
}

/// `guize precedent --json`: `{"pieces": [{"label", "text", "hits": [...]}]}`.
#[derive(Serialize)]
pub struct PrecedentJson<'a> {
    pub pieces: Vec<PrecedentPieceJson<'a>>,
}

#[derive(Serialize)]
pub struct PrecedentPieceJson<'a> {
    pub label: Option<&'a str>,
    pub text: &'a str,
    pub hits: Vec<PrecedentHitJson<'a>>,
}

#[derive(Serialize)]
pub struct PrecedentHitJson<'a> {
    pub doc: &'a str,
    pub district: &'a str,
    pub title: &'a str,
    pub chapter: &'a ChapterRef,
    pub section: Option<&'a str>,
    pub article: u32,
    pub lines: (usize, usize),
    pub citation: String,
    pub similarity: f32,
    pub covered: f32,
    pub group: Option<PrecedentGroupJson<'a>>,
    pub passage: Option<&'a str>,
    pub segments: Vec<SegmentJson<'a>>,
}

#[derive(Serialize)]
pub struct PrecedentGroupJson<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub members: &'a BTreeMap<DocId, Vec<u32>>,
}

#[derive(Serialize)]
pub struct SegmentJson<'a> {
    pub op: &'static str,
    pub text: &'a str,
}

impl<'a> PrecedentJson<'a> {
    pub fn new(report: &'a PrecedentReport) -> PrecedentJson<'a> {
        PrecedentJson {
            pieces: report
                .pieces
                .iter()
                .map(|p| PrecedentPieceJson {
                    label: p.piece.label.as_deref(),
                    text: &p.piece.text,
                    hits: p.hits.iter().map(PrecedentHitJson::new).collect(),
                })
                .collect(),
        }
    }
}

impl<'a> PrecedentHitJson<'a> {
    fn new(hit: &'a Precedent) -> PrecedentHitJson<'a> {
        PrecedentHitJson {
            doc: hit.doc.as_str(),
            district: &hit.district,
            title: &hit.title,
            chapter: &hit.chapter,
            section: hit.section.as_deref(),
            article: hit.article,
            lines: hit.lines,
            citation: precedent_citation(hit),
            similarity: round3(hit.similarity.score),
            covered: round3(hit.similarity.covered),
            group: hit.group.as_ref().map(|g| PrecedentGroupJson {
                id: &g.id,
                label: &g.label,
                members: &g.members,
            }),
            passage: hit.passage.as_deref(),
            segments: hit
                .segments
                .iter()
                .map(|s| SegmentJson {
                    op: s.op.as_str(),
                    text: &s.text,
                })
                .collect(),
        }
    }
}

/// 历下区 · 第八章 完善会议制度 · 第三十九条
pub fn precedent_citation(hit: &Precedent) -> String {
    let name = if hit.district.is_empty() {
        hit.doc.as_str()
    } else {
        &hit.district
    };
    crate::cite::citation(
        name,
        &hit.chapter,
        hit.section.as_deref(),
        &hit.label,
        " · ",
    )
}

/// Three decimals are all a similarity means.
fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// Writes one JSON value on one line. Every `--json` output is compact, one value per line
/// (NDJSON for `guize articles`): scripts read it line by line, `jq .` pretty-prints it.
pub fn write_json(
    out: &mut (impl std::io::Write + ?Sized),
    value: &impl Serialize,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// `guize segment --json`: one token with its byte offsets into the input.
#[derive(Serialize)]
pub struct TokenJson<'a> {
    pub token: &'a str,
    pub start: usize,
    pub end: usize,
}

/// `guize corpus --json`: the documents, and which corpus and index were used.
#[derive(Serialize)]
pub struct CorpusPlacesJson<'a> {
    #[serde(flatten)]
    pub corpus_json: CorpusJson<'a>,
    pub corpus: LocationJson,
    pub index: LocationJson,
}

/// Where the corpus or the index is, and why there (`guize corpus --json`: `corpus`, `index`).
#[derive(Serialize)]
pub struct LocationJson {
    /// Absolute, or `(built-in)` for the corpus built into the binary.
    pub path: String,
    /// corpus: `given`, `found` or `built-in`; index: `given`, `checkout`, `corpus` or `cache`.
    pub source: &'static str,
    /// Index only: `fresh`, `stale` (the next search rebuilds it) or `missing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// The same for people.
    pub why: String,
}

/// `guize show DOC --json`: the outline of one document.
#[derive(Serialize)]
pub struct OutlineJson<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub district: &'a str,
    pub city: &'a str,
    pub doc_number: Option<&'a str>,
    pub issued: Option<&'a str>,
    pub articles: usize,
    pub chapters: Vec<ChapterOutline<'a>>,
    pub warnings: Vec<String>,
}

/// One chapter of an outline.
#[derive(Serialize)]
pub struct ChapterOutline<'a> {
    pub number: u32,
    pub title: &'a str,
    pub line: usize,
    /// First and last article numbers; null for an empty chapter.
    pub first: Option<u32>,
    pub last: Option<u32>,
    pub count: usize,
}

impl<'a> OutlineJson<'a> {
    pub fn new(doc: &'a Regulation) -> Self {
        OutlineJson {
            id: doc.id.as_str(),
            title: &doc.meta.title,
            district: &doc.meta.district,
            city: &doc.meta.city,
            doc_number: doc.meta.doc_number.as_deref(),
            issued: doc.meta.issued.as_deref(),
            articles: doc.articles.len(),
            chapters: doc
                .chapters
                .iter()
                .map(|c| ChapterOutline {
                    number: c.number,
                    title: &c.title,
                    line: c.line,
                    first: doc
                        .articles
                        .get(c.articles.clone())
                        .and_then(|a| a.first())
                        .map(|a| a.number),
                    last: doc
                        .articles
                        .get(c.articles.clone())
                        .and_then(|a| a.last())
                        .map(|a| a.number),
                    count: c.articles.len(),
                })
                .collect(),
            warnings: doc.warnings.iter().map(|w| w.to_string()).collect(),
        }
    }
}
