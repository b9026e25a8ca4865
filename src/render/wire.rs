//! The JSON wire structs of the commands whose `--json` output is not a rendered comparison
//! (`corpus`, `articles`/`show`, `search`, `align`, `precedent`), kept apart from the library
//! types so that those can change without breaking scripts. `guize serve`'s `/api/` answers with
//! the same structs, so the CLI and the API cannot drift apart. Formats: see the README.

pub mod numbers;

use crate::align::Alignment;
use crate::corpus::Corpus;
use crate::index::{Hit, SearchReport};
use crate::model::{Article, ArticleStyle, ChapterRef, DocId, Regulation, Warning};
use crate::precedent::{Precedent, Report as PrecedentReport};
use serde::Serialize;
use std::collections::BTreeMap;

/// `guize corpus --json`: `{"documents": [...], "warnings": [...]}`.
#[derive(Serialize)]
pub struct CorpusJson<'a> {
    /// The documents, in corpus order.
    pub documents: Vec<DocJson<'a>>,
    /// What loading the corpus warned about (skipped files, manifest).
    pub warnings: Vec<String>,
}

impl<'a> CorpusJson<'a> {
    /// The wire form of the library value.
    pub fn new(corpus: &'a Corpus) -> Self {
        CorpusJson {
            documents: corpus.docs.iter().map(DocJson::new).collect(),
            warnings: corpus.load_warnings.iter().map(|w| w.to_string()).collect(),
        }
    }

    /// The form a web client gets (`guize serve`'s `/api/corpus`): the same documents without
    /// the server's file system: no `path`, and warnings that name a file by its path inside the
    /// corpus folder (`zhoucun.txt:207: …`), never where that folder is.
    pub fn public(corpus: &'a Corpus) -> Self {
        let inside = |w: &Warning| public_warning(corpus, w);
        CorpusJson {
            documents: corpus
                .docs
                .iter()
                .map(|d| DocJson {
                    path: None,
                    warnings: d.warnings.iter().map(inside).collect(),
                    ..DocJson::new(d)
                })
                .collect(),
            warnings: corpus.load_warnings.iter().map(inside).collect(),
        }
    }
}

/// A warning as [`Warning`]'s `Display` says it, with its file as the corpus names it.
/// A text field that may be unknown (a district, a city): `null` when empty, as the other
/// absent fields (`doc_number`, `issued`) are, never `""`.
pub(crate) fn null_if_empty<S: serde::Serializer>(text: &&str, out: S) -> Result<S::Ok, S::Error> {
    if text.is_empty() {
        out.serialize_none()
    } else {
        out.serialize_str(text)
    }
}

fn public_warning(corpus: &Corpus, w: &Warning) -> String {
    Warning {
        path: corpus.inside(&w.path).to_path_buf(),
        ..w.clone()
    }
    .to_string()
}

/// One document in `guize corpus --json`.
#[derive(Serialize)]
pub struct DocJson<'a> {
    /// The document's id (file stem or manifest id).
    pub id: &'a str,
    /// The file it was read from (left out by `guize serve`, whose clients do not see the
    /// server's files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The regulation's title.
    pub title: &'a str,
    /// The issuing district, when known (历下区).
    #[serde(serialize_with = "null_if_empty")]
    pub district: &'a str,
    /// The city, when known (济南市).
    #[serde(serialize_with = "null_if_empty")]
    pub city: &'a str,
    /// The document number (文号), when the text gives one.
    pub doc_number: Option<&'a str>,
    /// The issue date as written, when the text gives one.
    pub issued: Option<&'a str>,
    /// Other names that select the document on the command line.
    pub aliases: &'a [String],
    /// How articles are numbered: `tiao` (第X条) or `dun` (X、).
    pub style: ArticleStyle,
    /// Chapters the text declares.
    pub chapters: usize,
    /// Number of articles.
    pub articles: usize,
    /// Characters of article text.
    pub chars: usize,
    /// What parsing this document warned about.
    pub warnings: Vec<String>,
}

impl<'a> DocJson<'a> {
    /// The wire form of the library value.
    pub fn new(d: &'a Regulation) -> Self {
        DocJson {
            id: d.id.as_str(),
            path: Some(crate::builtin::shown_path(&d.path)),
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

/// A chapter (or section) by number and title.
#[derive(Serialize)]
pub struct ChapterJson<'a> {
    /// Chapter number (0 for a document without chapters).
    pub number: u32,
    /// Chapter title.
    pub title: &'a str,
}

/// A part (编) or sub-part (分编) of a code.
#[derive(Serialize)]
pub struct PartJson<'a> {
    /// `编` or `分编`.
    pub kind: &'static str,
    /// Its number (2 for 第二编).
    pub number: u32,
    /// Its title.
    pub title: &'a str,
}

/// One article, as `guize articles --json` prints it (one a line) and `guize show --json` alone.
#[derive(Serialize)]
pub struct ArticleJson<'a> {
    /// The document's id.
    pub doc: &'a str,
    /// The issuing district, when known.
    #[serde(serialize_with = "null_if_empty")]
    pub district: &'a str,
    /// The regulation's title.
    pub title: &'a str,
    /// The part (第X编) and sub-part (第X分编) the article is in, outermost first; left out for a
    /// document without parts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartJson<'a>>,
    /// The chapter the article is in.
    pub chapter: ChapterJson<'a>,
    /// The section (节) the article is in, if any.
    pub section: Option<ChapterJson<'a>>,
    /// The article's number (43 for 第四十三条 and for 四十三、).
    pub article: u32,
    /// Inserted article index (1 for 第十七条之一), else 0.
    pub sub: u32,
    /// Which article of that number it is when the document repeats the number (2 for
    /// 第三条#2); left out for the first.
    #[serde(skip_serializing_if = "crate::cite::is_first")]
    pub occurrence: u32,
    /// The article's number as the document writes it (第四十三条, 四十三、).
    pub label: String,
    /// Title, chapter and label, as guize cites the article.
    pub citation: String,
    /// The article's paragraphs (款), items included.
    pub paragraphs: Vec<&'a str>,
    /// Per paragraph, the texts of its items (empty for most paragraphs). An item that ends with a
    /// colon carries the sub-items that follow it (`1.`, `2.`, `①`: paragraphs of their own, which
    /// open no item), joined by `\n`: `（二）献血者亲属，按照下列标准：\n1. 配偶…\n2. 兄弟姐妹…`.
    pub items: Vec<Vec<std::borrow::Cow<'a, str>>>,
    /// The article's text as read.
    pub text: &'a str,
    /// The text as searched and aligned (width folded, spaces removed).
    pub norm: &'a str,
    /// First and last line in the source file (1-based).
    pub lines: [usize; 2],
    /// Byte range of the article in the decoded source text.
    pub span: [usize; 2],
}

/// Per paragraph of `a`, its items' texts, each item that ends with a colon followed by the
/// sub-items under it: the paragraphs after it that open with `1.` `1、` `1)` `①` `⑴` and open no
/// item （一） of their own.
fn items_with_sub_items(a: &Article) -> Vec<Vec<std::borrow::Cow<'_, str>>> {
    use std::borrow::Cow;
    let mut out: Vec<Vec<Cow<'_, str>>> = Vec::with_capacity(a.paragraphs.len());
    // The paragraph and item that sub-items now attach to.
    let mut open: Option<(usize, usize)> = None;
    for p in &a.paragraphs {
        if p.items.is_empty() {
            match open {
                Some((pi, ii)) if opens_sub_item(&p.text) => {
                    let item = out[pi][ii].to_mut();
                    item.push('\n');
                    item.push_str(&p.text);
                }
                _ => open = None,
            }
            out.push(Vec::new());
            continue;
        }
        let texts: Vec<Cow<'_, str>> = p.items.iter().map(|i| Cow::from(i.text.as_str())).collect();
        open = texts
            .last()
            .filter(|t| t.trim_end().ends_with(['：', ':']))
            .map(|_| (out.len(), texts.len() - 1));
        out.push(texts);
    }
    out
}

/// Whether a paragraph opens with a sub-item's number: `1.` `1．` `1、` `1)` `1）` (digits, not a
/// decimal such as `1.5`), or a circled or parenthesised digit `①` `⑴`.
fn opens_sub_item(text: &str) -> bool {
    let text = text.trim_start();
    let Some(first) = text.chars().next() else {
        return false;
    };
    if ('①'..='⑳').contains(&first) || ('⑴'..='⒇').contains(&first) {
        return true;
    }
    let digits = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    if digits == 0 {
        return false;
    }
    let mut rest = text.chars().skip(digits);
    let after_mark = matches!(rest.next(), Some('.' | '．' | '、' | ')' | '）'));
    after_mark
        && !rest
            .next()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

impl<'a> ArticleJson<'a> {
    /// The wire form of the library value.
    pub fn new(doc: &'a Regulation, a: &'a Article) -> Self {
        ArticleJson {
            doc: doc.id.as_str(),
            district: &doc.meta.district,
            title: &doc.meta.title,
            parts: part_json(&a.chapter.parts),
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
            occurrence: a.key().occurrence,
            label: a.label(),
            citation: doc.citation(a),
            paragraphs: a.paragraphs.iter().map(|p| p.text.as_str()).collect(),
            items: items_with_sub_items(a),
            text: &a.text,
            norm: &a.norm,
            lines: [a.lines.0, a.lines.1],
            span: [a.span.start, a.span.end],
        }
    }
}

/// The wire form of a chapter's parts, outermost first.
fn part_json(parts: &[crate::model::PartRef]) -> Vec<PartJson<'_>> {
    parts
        .iter()
        .map(|p| PartJson {
            kind: if p.sub { "分编" } else { "编" },
            number: p.number,
            title: &p.title,
        })
        .collect()
}

/// `guize search --json`: `highlights` are character (not byte) ranges of `snippet`.
#[derive(Serialize)]
pub struct SearchJson<'a> {
    /// The query as given.
    pub query: &'a str,
    /// The words the query was segmented into.
    pub words: &'a [String],
    /// Articles matching, before the limit (not the counterparts that hold none of the words,
    /// the hits with `via`).
    pub total: usize,
    /// The best hits, best first.
    pub hits: Vec<SearchHitJson<'a>>,
    /// With `--chapter`, the documents searched that have no chapters, so none of their
    /// articles could match; left out when there are none.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub without_chapters: &'a [String],
}

/// One hit of `guize search --json`.
#[derive(Serialize)]
pub struct SearchHitJson<'a> {
    /// The document's id.
    pub doc: &'a str,
    /// The issuing district, when known.
    #[serde(serialize_with = "null_if_empty")]
    pub district: &'a str,
    /// The part (第X编) and sub-part (第X分编) of the hit, outermost first; left out for a
    /// document without parts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartJson<'a>>,
    /// The chapter of the hit.
    pub chapter: ChapterJson<'a>,
    /// The article's number.
    pub article: u32,
    /// The 之一 of an inserted article (第十七条之一 → 1); left out for the others.
    #[serde(skip_serializing_if = "crate::cite::is_zero")]
    pub sub: u32,
    /// Which article of that number it is when the document repeats the number (2 for
    /// 第三条#2); left out for the first.
    #[serde(skip_serializing_if = "crate::cite::is_first")]
    pub occurrence: u32,
    /// The section's label (第一节 一般规定), if any.
    pub section: Option<&'a str>,
    /// First and last line in the source file.
    pub lines: [usize; 2],
    /// Ranking score (higher is better; comparable within one search only).
    pub score: f32,
    /// The part of the article around the query words.
    pub snippet: &'a str,
    /// Character ranges of `snippet` that match the query.
    pub highlights: Vec<[usize; 2]>,
    /// True for the article the query cites, first whatever its words; left out for the others.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cited: bool,
    /// For an article that holds none of the query's words and joined the hits as a
    /// clause-group counterpart of a better hit: that hit (`doc`, `article`, `label`); not
    /// counted in `total`. Left out for the others.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<ViaJson<'a>>,
}

/// The hit that brought a counterpart in ([`SearchHitJson::via`]).
#[derive(Serialize)]
pub struct ViaJson<'a> {
    /// Its document's id.
    pub doc: &'a str,
    /// Its article's number.
    pub article: u32,
    /// Its article as its document cites it (第九条).
    pub label: &'a str,
}

impl<'a> SearchJson<'a> {
    /// The wire form of the library value.
    pub fn new(r: &'a SearchReport) -> SearchJson<'a> {
        SearchJson {
            query: &r.query,
            words: &r.words,
            total: r.total,
            hits: r.hits.iter().map(SearchHitJson::new).collect(),
            without_chapters: &[],
        }
    }
}

impl<'a> SearchHitJson<'a> {
    fn new(h: &'a Hit) -> SearchHitJson<'a> {
        let chars = |byte: usize| h.snippet.text[..byte].chars().count();
        SearchHitJson {
            doc: h.doc.as_str(),
            district: &h.district,
            parts: part_json(&h.chapter.parts),
            chapter: ChapterJson {
                number: h.chapter.number,
                title: &h.chapter.title,
            },
            article: h.article,
            sub: h.sub,
            occurrence: h.occurrence,
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
            cited: h.cited,
            via: h.via.as_ref().map(|v| ViaJson {
                doc: v.doc.as_str(),
                article: v.article,
                label: &v.label,
            }),
        }
    }
}

/// 历下区 · 第八章 完善会议制度 · 第三十九条
pub fn hit_citation(hit: &Hit) -> String {
    let chapter = hit.chapter.label();
    crate::cite::listed(
        &hit.distinct_name,
        &hit.district,
        &hit.title,
        hit.doc.as_str(),
        &chapter,
        hit.section.as_deref(),
        &hit.label,
    )
}

/// `guize align --json`: `{"docs": [...], "groups": [{"id", "label", "score", "members",
/// "keys"}]}` (and `"subs"` for a group with an inserted article, see [`AlignGroupJson::subs`];
/// `"weak": true` for a weak group).
#[derive(Serialize)]
pub struct AlignJson<'a> {
    /// The aligned documents' ids, in reading order.
    pub docs: Vec<&'a str>,
    /// For a corpus of several kinds, each kind aligned apart (its name and documents), in
    /// the order of the groups; left out for a corpus of one kind.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<KindJson<'a>>,
    /// The clause groups, in reading order; every article is in one.
    pub groups: Vec<AlignGroupJson<'a>>,
}

/// One kind of a corpus of several kinds (see [`crate::align::Kind`]).
#[derive(Serialize)]
pub struct KindJson<'a> {
    /// The matter its titles share (养犬管理条例), else its documents' ids.
    pub name: &'a str,
    /// Its documents' ids, in reading order.
    pub documents: Vec<&'a str>,
}

impl<'a> KindJson<'a> {
    /// The kinds of an alignment (none for a corpus of one kind).
    pub fn all(a: &'a Alignment) -> Vec<KindJson<'a>> {
        KindJson::of(&a.kinds)
    }

    /// The wire form of `kinds`.
    pub fn of(kinds: &'a [crate::align::Kind]) -> Vec<KindJson<'a>> {
        kinds
            .iter()
            .map(|k| KindJson {
                name: &k.name,
                documents: k.docs.iter().map(|d| d.as_str()).collect(),
            })
            .collect()
    }
}

/// One clause group of `guize align --json`.
#[derive(Serialize)]
pub struct AlignGroupJson<'a> {
    /// Stable id derived from the members (`g` + 10 hex digits).
    pub id: &'a str,
    /// A short name of the matter.
    pub label: &'a str,
    /// The name of the kind the group belongs to (see [`AlignJson::kinds`]); left out for a
    /// corpus of one kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'a str>,
    /// Mean similarity across documents, in [0, 1] (0 for a lone article).
    pub score: f32,
    /// Marks a weak group ([`crate::align::is_weak`]: several documents whose articles share
    /// little wording, score under [`crate::align::WEAK_SCORE`]); left out when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub weak: bool,
    /// Article numbers per document id.
    pub members: BTreeMap<&'a str, &'a [u32]>,
    /// Each member as the table and the CSV write it, per document id, in the order of
    /// `members`: `"2"`, `"2之一"` for an inserted article (第二条之一), `"3#2"` for the second
    /// article numbered 3; what tells apart two members that `members` gives the same number.
    pub keys: BTreeMap<&'a str, Vec<String>>,
    /// For a document with an inserted article (第十七条之一) among its members: the 之一 of each
    /// of its `members`, in their order (0 for the others); left out when no member is inserted.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub subs: BTreeMap<&'a str, &'a [u32]>,
    /// For a document that repeats an article number among its members (第三条 and 第三条#2):
    /// which occurrence each of its `members` is, in their order (1 for the first); left out
    /// when no member repeats a number.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub occurrences: BTreeMap<&'a str, &'a [u32]>,
    /// Each member's best counterpart per other document, with coverage both ways and the
    /// matched paragraphs (see [`crate::align::Link`]).
    pub links: &'a [crate::align::Link],
    /// Articles of other documents that hold the matter in some paragraphs (see
    /// [`crate::align::Partial`]).
    pub partial: &'a [crate::align::Partial],
    /// The group is one note of deletion (`第十条 删除`), linked to nothing (see
    /// [`crate::align::Group::deleted`]); left out when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

impl<'a> AlignJson<'a> {
    /// The wire form of the library value.
    pub fn new(docs: &[&'a Regulation], a: &'a Alignment) -> AlignJson<'a> {
        AlignJson {
            docs: docs.iter().map(|d| d.id.as_str()).collect(),
            kinds: KindJson::all(a),
            groups: a
                .groups
                .iter()
                .map(|g| AlignGroupJson {
                    id: &g.id,
                    label: &g.label,
                    kind: a.kind_of(g).map(|k| a.kinds[k].name.as_str()),
                    score: (g.score * 1000.0).round() / 1000.0,
                    weak: g.is_weak(),
                    members: g
                        .members
                        .iter()
                        .map(|(d, ns)| (d.as_str(), ns.as_slice()))
                        .collect(),
                    keys: g
                        .members
                        .keys()
                        .map(|d| {
                            let keys = g.keys_of(d).iter().map(|k| k.to_string()).collect();
                            (d.as_str(), keys)
                        })
                        .collect(),
                    subs: g
                        .subs
                        .iter()
                        .map(|(d, ns)| (d.as_str(), ns.as_slice()))
                        .collect(),
                    occurrences: g
                        .occurrences
                        .iter()
                        .map(|(d, ns)| (d.as_str(), ns.as_slice()))
                        .collect(),
                    links: &g.links,
                    partial: &g.partial,
                    deleted: g.deleted,
                })
                .collect(),
        }
    }
}

/// `guize precedent --json`: `{"pieces": [{"label", "text", "hits": [...]}]}`.
#[derive(Serialize)]
pub struct PrecedentJson<'a> {
    /// The draft's pieces, in order.
    pub pieces: Vec<PrecedentPieceJson<'a>>,
}

/// One piece of the draft (a sentence or clause) with its precedents.
#[derive(Serialize)]
pub struct PrecedentPieceJson<'a> {
    /// The draft's own article label when it has one (第三条), else null.
    pub label: Option<&'a str>,
    /// The piece's text.
    pub text: &'a str,
    /// Whether the best hit is closer than chance (false when there is none).
    pub close: bool,
    /// The similarity up to which articles unrelated to the piece reach it by chance in this
    /// corpus (Q3 + 3 IQR of its similarities to a sample of the corpus's articles).
    pub chance: f32,
    /// Existing wording for it, closest first.
    pub hits: Vec<PrecedentHitJson<'a>>,
}

/// One existing article that words a piece of the draft, with the word diff against it.
#[derive(Serialize)]
pub struct PrecedentHitJson<'a> {
    /// The document's id.
    pub doc: &'a str,
    /// The issuing district, when known.
    #[serde(serialize_with = "null_if_empty")]
    pub district: &'a str,
    /// The regulation's title.
    pub title: &'a str,
    /// The chapter of the article.
    pub chapter: &'a ChapterRef,
    /// The section's label (第一节 一般规定), if any.
    pub section: Option<&'a str>,
    /// The article's number.
    pub article: u32,
    /// First and last line in the source file.
    pub lines: (usize, usize),
    /// How guize cites the article.
    pub citation: String,
    /// Similarity of the piece and the article's wording, in [0, 1].
    pub similarity: f32,
    /// Share of the piece's words the article holds, in [0, 1].
    pub covered: f32,
    /// The article's clause group, when the corpus is aligned.
    pub group: Option<PrecedentGroupJson<'a>>,
    /// The part of the article the diff is against, when not the whole.
    pub passage: Option<&'a str>,
    /// Where `passage` lies in a whole article too long to show (characters `start..end` of
    /// its `of`, 0-based); absent when nothing was cut.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<crate::precedent::Window>,
    /// The word diff of the piece against the article (or passage).
    pub segments: Vec<SegmentJson<'a>>,
}

/// The clause group a precedent belongs to.
#[derive(Serialize)]
pub struct PrecedentGroupJson<'a> {
    /// The group's id.
    pub id: &'a str,
    /// The group's label.
    pub label: &'a str,
    /// Article numbers per document id.
    pub members: &'a BTreeMap<DocId, Vec<u32>>,
}

/// One run of the word diff.
#[derive(Serialize)]
pub struct SegmentJson<'a> {
    /// `equal`, `insert` or `delete`, as in `guize compare --json`.
    pub op: &'static str,
    /// The words of the run.
    pub text: &'a str,
    /// True when the run is a figure (a count, period or deadline), marked `[#…#]` / `{#…#}` in
    /// text, as in `guize compare --json`; absent otherwise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub number: bool,
    /// True when the run differs only in punctuation; absent otherwise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub punct: bool,
}

impl<'a> PrecedentJson<'a> {
    /// The wire form of the library value.
    pub fn new(report: &'a PrecedentReport) -> PrecedentJson<'a> {
        PrecedentJson {
            pieces: report
                .pieces
                .iter()
                .map(|p| PrecedentPieceJson {
                    label: p.piece.label.as_deref(),
                    text: &p.piece.written,
                    close: p.is_close(),
                    chance: round3(p.chance.cutoff),
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
            window: hit.window,
            segments: hit
                .segments
                .iter()
                .map(|s| SegmentJson {
                    op: s.op.as_str(),
                    text: &s.text,
                    number: s.is_number,
                    punct: s.is_punct,
                })
                .collect(),
        }
    }
}

/// 历下区 · 第八章 完善会议制度 · 第三十九条
pub fn precedent_citation(hit: &Precedent) -> String {
    let chapter = hit.chapter.label();
    crate::cite::listed(
        &hit.distinct_name,
        &hit.district,
        &hit.title,
        hit.doc.as_str(),
        &chapter,
        hit.section.as_deref(),
        &hit.label,
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
    /// The token's text.
    pub token: &'a str,
    /// Byte offset of its first byte in the input.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
}

/// `guize corpus --json`: the documents, and which corpus and index were used.
#[derive(Serialize)]
pub struct CorpusPlacesJson<'a> {
    #[serde(flatten)]
    /// The documents and warnings, flattened into this object.
    pub corpus_json: CorpusJson<'a>,
    /// For a corpus of several kinds, the kinds `guize align` aligns apart; left out for a
    /// corpus of one kind.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<KindJson<'a>>,
    /// Where the corpus is, and why there.
    pub corpus: LocationJson,
    /// Where the index is, why there, and whether it is fresh.
    pub index: LocationJson,
}

/// `guize serve`'s `/api/corpus`: [`CorpusJson::public`] with the kinds, as `guize corpus
/// --json` gives them (no places: a server names no path of its own).
#[derive(Serialize)]
pub struct CorpusKindsJson<'a> {
    #[serde(flatten)]
    /// The documents and warnings, flattened into this object.
    pub corpus_json: CorpusJson<'a>,
    /// For a corpus of several kinds, the kinds `guize align` aligns apart; left out for a
    /// corpus of one kind.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<KindJson<'a>>,
}

/// Where the corpus or the index is, and why there (`guize corpus --json`: `corpus`, `index`).
#[derive(Serialize)]
pub struct LocationJson {
    /// Absolute, or `(built-in)` for the corpus built into the binary.
    pub path: String,
    /// corpus: `given`, `found` or `built-in`; index: `given`, `checkout`, `corpus` or `cache`.
    pub source: &'static str,
    /// Index only: `fresh`, `stale` (the next search rebuilds it), `missing`, or `foreign` (a
    /// folder of files guize did not write, which a search refuses to use).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// The same for people.
    pub why: String,
}

/// `guize show DOC --json`: the outline of one document.
#[derive(Serialize)]
pub struct OutlineJson<'a> {
    /// The document's id.
    pub id: &'a str,
    /// The regulation's title.
    pub title: &'a str,
    /// The issuing district, when known.
    #[serde(serialize_with = "null_if_empty")]
    pub district: &'a str,
    /// The city, when known.
    #[serde(serialize_with = "null_if_empty")]
    pub city: &'a str,
    /// The document number (文号), when given.
    pub doc_number: Option<&'a str>,
    /// The issue date as written, when given.
    pub issued: Option<&'a str>,
    /// Number of articles.
    pub articles: usize,
    /// The chapters, in order.
    pub chapters: Vec<ChapterOutline<'a>>,
    /// What parsing this document warned about.
    pub warnings: Vec<String>,
}

/// One chapter of an outline.
#[derive(Serialize)]
pub struct ChapterOutline<'a> {
    /// Chapter number.
    pub number: u32,
    /// Chapter title.
    pub title: &'a str,
    /// Line of the chapter heading in the source file (0: no heading).
    pub line: usize,
    /// First and last article numbers; null for an empty chapter.
    pub first: Option<u32>,
    /// Last article number; null for an empty chapter.
    pub last: Option<u32>,
    /// Number of articles in the chapter.
    pub count: usize,
}

impl<'a> OutlineJson<'a> {
    /// The wire form of the library value.
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
