//! The HTML pages: server-rendered with maud (templates checked when compiling, text escaped by
//! default), plain links and GET/POST forms, no script; one embedded stylesheet. Comparisons and
//! the report reuse the HTML renderer's markup, so marks look as in `guize compare --format html`.

use super::Site;
use super::problem::{Problem, path_escape, query_escape};
use super::routes::{self, Comparison, Params};
use crate::index::{Hit, SearchReport};
use crate::model::{Article, Regulation};
use crate::numbers::table::FigureTable as NumbersTable;
use crate::numbers::wording::figure;
use crate::precedent::Report as PrecedentReport;
use crate::render::html::{CSS, legend, write_group};
use crate::render::wire::{hit_citation, precedent_citation, real_chapters};
use crate::render::{Mark, base_sentence, mark_of};
use crate::report::excerpt;
use crate::text::counted;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, Multipart, Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::sync::Arc;

/// Rules the pages add to the report's stylesheet.
const SITE_CSS: &str = include_str!("site.css");

/// A problem answered as a page: the message, and links to the closest things that exist.
pub struct PageError(pub Problem);

impl From<Problem> for PageError {
    fn from(p: Problem) -> Self {
        PageError(p)
    }
}

impl PageError {
    /// The whole error page, as its HTML text.
    pub fn html(&self) -> String {
        let p = &self.0;
        let title = p.status.canonical_reason().unwrap_or("Error");
        let body = html! {
            h1 { (p.status.as_u16()) " " (title) }
            p.error { (p.message) }
            @if !p.closest.is_empty() {
                p { "Closest:" }
                ul.closest {
                    @for s in &p.closest { li { a href=(s.href) { (s.name) } } }
                }
            }
            p { a href="/" { "Back to the corpus" } }
        };
        page_html(title, "", body)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let html = self.html();
        (self.0.status, [(header::CONTENT_TYPE, HTML_TYPE)], html).into_response()
    }
}

type PageResult = Result<Response, PageError>;

/// The content type of every page.
pub const HTML_TYPE: &str = "text/html; charset=utf-8";

/// The page around `body`: title, the site's navigation with a search box.
fn page(title: &str, query: &str, body: Markup) -> Response {
    (
        [(header::CONTENT_TYPE, HTML_TYPE)],
        page_html(title, query, body),
    )
        .into_response()
}

/// The HTML text of [`page`], its English runs marked (`lang="en"`).
fn page_html(title: &str, query: &str, body: Markup) -> String {
    let markup = html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · guize" }
                link rel="stylesheet" href="/assets/guize.css";
            }
            body {
                nav.site {
                    a.brand href="/" { "guize 规则" }
                    a href="/report" { "Report 报告" }
                    a href="/numbers" { "Numbers 数量规定" }
                    a href="/precedent" { "Precedent 先例" }
                    form.search action="/search" method="get" role="search" {
                        input type="search" name="q" value=(query) placeholder="搜索 search" aria-label="search";
                        button type="submit" { "Search" }
                    }
                }
                main { (body) }
            }
        }
    };
    crate::render::lang::mark_english(&markup.into_string())
}

/// `/assets/guize.css`: the report's rules and the site's.
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        format!("{CSS}\n{SITE_CSS}"),
    )
        .into_response()
}

/// `39`, `17之一` for an inserted article, `3#2` for the second article numbered 3: what
/// `/doc/{id}/{article}` takes (the `#` escaped as `%23` in a link).
fn article_ref(a: &Article) -> String {
    a.key().to_string()
}

fn doc_href(doc: &str) -> String {
    format!("/doc/{}", path_escape(doc))
}

fn article_href(doc: &str, article: &str) -> String {
    format!("/doc/{}/{}", path_escape(doc), path_escape(article))
}

fn compare_href(what: &str) -> String {
    format!("/compare/{}", path_escape(what))
}

/// `/`: the documents, what they hold and how much they share, with a search box.
pub async fn home(State(site): State<Arc<Site>>) -> Response {
    let corpus = &site.corpus;
    let articles: usize = corpus.docs.iter().map(|d| d.articles.len()).sum();
    // Notes of deletion (第十条 删除) are no clause groups: counted nowhere, as `align` and the
    // report count them.
    let groups: Vec<&crate::align::Group> = site
        .alignment
        .groups
        .iter()
        .filter(|g| !g.deleted)
        .collect();
    let in_all = groups
        .iter()
        .filter(|g| g.doc_count() == corpus.docs.len())
        .count();
    let place = crate::render::corpus::place_column_of(corpus.docs.iter());
    let body = html! {
        h1 { "guize 规则 · " (counted(corpus.docs.len(), "document")) }
        p.meta {
            (counted(articles, "article")) " in " (counted(corpus.docs.len(), "document")) "; "
            (counted(groups.len(), "clause group")) ", " (in_all) " of them in every document."
        }
        form.big-search action="/search" method="get" {
            input type="search" name="q" placeholder=(site.examples.search()) aria-label="search" autofocus;
            button type="submit" { "Search 搜索" }
        }
        @if site.alignment.kinds.len() > 1 {
            p.meta { (counted(site.alignment.kinds.len(), "kind")) " of documents, aligned apart:" }
            @for (k, kind) in site.alignment.kinds.iter().enumerate() {
                @let members = kind.members(&corpus.docs.iter().collect::<Vec<_>>());
                @let of_kind: Vec<&&crate::align::Group> = groups.iter().filter(|g| site.alignment.kind_of(g) == Some(k)).collect();
                h2.kind { (crate::render::align::kind_name_shown(&kind.name)) " " small.meta { "(" (counted(members.len(), "document")) ")" } }
                p.meta {
                    (counted(of_kind.len(), "clause group")) ", "
                    (of_kind.iter().filter(|g| g.doc_count() == members.len()).count())
                    " of them in every document of the kind."
                }
                (docs_table(&members, place))
            }
        } @else {
            (docs_table(&corpus.docs.iter().collect::<Vec<_>>(), place))
        }
        ul.tasks {
            li { a href="/report" { "The whole-corpus report" } ": coverage matrix, similarity, unique provisions, every clause group side by side." }
            li { a href="/numbers" { "Figures" } ": the deadlines, frequencies and limits each document sets, side by side." }
            li { a href="/precedent" { "Precedent" } ": paste a draft clause, get the closest existing wording with differences marked." }
            li { "JSON for scripts under " code { "/api/" } " (see the README)." }
        }
    };
    page("Corpus", "", body)
}

/// The head and the cell of the place column of every table of documents on the home page:
/// `guize corpus`'s (`district`, `city` when no document has a district, `place` in a mix).
type PlaceColumn = (&'static str, fn(&Regulation) -> &str);

/// The table of `docs` on the home page, its place column headed and filled by `place`.
fn docs_table(docs: &[&Regulation], place: PlaceColumn) -> Markup {
    let (place_head, place_of) = place;
    html! {
        table.docs {
            tr { th { "id" } th { (place_head) } th { "title" } th { "chapters" } th { "articles" } th { "characters" } th { "issued" } }
            @for d in docs {
                tr {
                    td { a href=(doc_href(d.id.as_str())) { code { (d.id) } } }
                    td { (place_of(d)) }
                    td { a href=(doc_href(d.id.as_str())) { (d.meta.title) } }
                    td.num { (real_chapters(d)) }
                    td.num { (d.articles.len()) }
                    td.num { (d.chars) }
                    td { (d.meta.issued.as_deref().unwrap_or("")) }
                }
            }
        }
    }
}

/// `/search?q=&doc=&chapter=&limit=`: ranked hits, each linking to its article and comparison.
pub async fn search(State(site): State<Arc<Site>>, RawQuery(raw): RawQuery) -> PageResult {
    // A broken escape (`%ZZ`) is said, as the API says it, not searched as the characters
    // written; the form shows the query as it came, to be corrected.
    if let Err(problem) = Params::checked(raw.as_deref()) {
        let params = Params::parse(raw.as_deref());
        let q = shown(params.all("q").first().map(String::as_str).unwrap_or(""));
        let body = html! {
            (search_form(&site, &q, &params.all("doc"), ""))
            p.error { (problem.message) }
        };
        let mut response = page(&format!("Search: {q}"), &q, body);
        *response.status_mut() = problem.status;
        return Ok(response);
    }
    let params = Params::parse(raw.as_deref());
    // The form sent empty (Enter in an empty box) or the page opened bare: the form, not an error.
    if params.blank("q") {
        let body = html! {
            (search_form(&site, "", &params.all("doc"), params.one("chapter")?.unwrap_or("")))
            p.meta { "Words to search for: a matter (" (site.examples.words.join(" / ")) "), a \"quoted phrase\", -word to leave out the articles holding it." }
        };
        return Ok(page("Search", "", body));
    }
    // What the page shows of the query: an over-long one (refused below) only by its start,
    // so that the error page is not the query sent back three times.
    let q = shown(params.one("q")?.unwrap_or(""));
    let chapter = shown(params.one("chapter")?.unwrap_or(""));
    let docs = params.all("doc");
    let cut = if q.len() < params.one("q")?.unwrap_or("").len() {
        "…"
    } else {
        ""
    };
    let (title, query) = (format!("Search: {q}{cut}"), q.clone());
    let form_site = Arc::clone(&site);
    let form = move || search_form(&form_site, &q, &docs, &chapter);
    let result = site.work(move |site| routes::search(site, &params)).await?;
    let searched = match result {
        Ok(r) => r,
        Err(p) => {
            let status = p.status;
            let body = html! {
                (form())
                p.error { (p.message) }
                @if !p.closest.is_empty() {
                    ul.closest { @for s in &p.closest { li { a href=(s.href) { (s.name) } } } }
                }
            };
            let mut response = page(&title, &query, body);
            *response.status_mut() = status;
            return Ok(response);
        }
    };
    let body = html! {
        (form())
        @if !searched.without_chapters.is_empty() {
            p.meta.note { "Chapter filter: " (searched.without_chapters.len()) " document"
                @if searched.without_chapters.len() != 1 { "s" }
                " without chapters not searched: " (searched.without_chapters.join(", ")) }
        }
        (search_hits(&searched.report))
    };
    Ok(page(&title, &query, body))
}

/// Characters of an over-long query a page shows again.
const SHOWN_CHARS: usize = 40;

/// `text` as a page shows it back: whole when it is within [`routes::MAX_QUERY_CHARS`], else only
/// its first [`SHOWN_CHARS`] characters.
fn shown(text: &str) -> String {
    if text.chars().count() <= routes::MAX_QUERY_CHARS {
        return text.to_string();
    }
    text.chars().take(SHOWN_CHARS).collect()
}

fn search_form(site: &Site, q: &str, docs: &[String], chapter: &str) -> Markup {
    html! {
        form.filters action="/search" method="get" {
            label { "Words " input type="search" name="q" value=(q); }
            label { "Document "
                select name="doc" {
                    option value="" { "all" }
                    @for d in &site.corpus.docs {
                        option value=(d.id) selected[docs.iter().any(|x| x == d.id.as_str())] { (named_with_id(d)) }
                    }
                }
            }
            label { "Chapter " input type="text" name="chapter" value=(chapter) placeholder=(site.examples.chapter) size="10"; }
            button type="submit" { "Search" }
        }
    }
}

fn search_hits(report: &SearchReport) -> Markup {
    html! {
        p.meta { (crate::render::search::count_line(report)) }
        @if report.hits.is_empty() {
            p { "No article matches." }
        }
        ol.hits {
            @for hit in &report.hits {
                li.hit {
                    a.cite href=(article_href(hit.doc.as_str(), &hit.key().to_string())) { (hit_citation(hit)) }
                    " " span.score { (crate::render::search::score_text(hit)) }
                    " · " a href=(compare_href(&format!("{}:{}", hit.doc, hit.key()))) { "compare 对照" }
                    p.snippet { (snippet(hit)) }
                }
            }
        }
    }
}

/// The snippet with its highlights marked.
fn snippet(hit: &Hit) -> Markup {
    let s = &hit.snippet;
    let mut pos = 0;
    let mut parts: Vec<(bool, &str)> = Vec::new();
    for r in &s.highlights {
        if r.start < pos || r.end > s.text.len() {
            continue;
        }
        parts.push((false, s.text.get(pos..r.start).unwrap_or("")));
        parts.push((true, s.text.get(r.clone()).unwrap_or("")));
        pos = r.end;
    }
    parts.push((false, s.text.get(pos..).unwrap_or("")));
    html! {
        @for (marked, text) in parts {
            @if marked { mark { (text) } } @else { (text) }
        }
    }
}

/// `/doc/{id}` (the outline) and `/doc/{id}/{article}` (one article with its clause group).
pub async fn doc(
    State(site): State<Arc<Site>>,
    path: Result<Path<String>, PathRejection>,
) -> PageResult {
    let path = Problem::path_text(path)?;
    let (doc, article) = routes::doc_or_article(&site, &path)?;
    Ok(match article {
        None => outline(doc),
        Some(a) => article_page(&site, doc, a),
    })
}

/// A chapter's heading on the outline page, cited as everywhere else: with its parts
/// (第二编 分则 第三章 …), by its title alone when it was read from an unnumbered heading
/// (法律责任), never 第零章.
fn chapter_heading(ch: &crate::model::Chapter) -> String {
    ch.reference().label()
}

fn outline(doc: &Regulation) -> Response {
    let body = html! {
        h1 { (doc.meta.title) }
        p.meta {
            code { (doc.id) } " · "
            @if !doc.meta.district.is_empty() { (doc.meta.district) " · " }
            @else if !doc.meta.city.is_empty() { (doc.meta.city) " · " }
            (crate::text::counted(doc.articles.len(), "article"))
            @if let Some(n) = &doc.meta.doc_number { " · " (n) }
            @if let Some(d) = &doc.meta.issued { " · " (d) }
        }
        @for ch in &doc.chapters {
            section.chapter {
                @if ch.number > 0 || !ch.title.is_empty() || !ch.parts.is_empty() {
                    h2 { (chapter_heading(ch)) }
                }
                ol.outline {
                    @for a in doc.articles.get(ch.articles.clone()).unwrap_or(&[]) {
                        li {
                            a href=(article_href(doc.id.as_str(), &article_ref(a))) { (a.label()) }
                            " " span.excerpt { (excerpt(&a.text, 40)) }
                            " " a.small href=(compare_href(&format!("{}:{}", doc.id, article_ref(a)))) { "对照" }
                        }
                    }
                }
            }
        }
    };
    page(&doc.meta.title, "", body)
}

fn article_page(site: &Site, doc: &Regulation, a: &Article) -> Response {
    let group = site.alignment.group_of_key(&doc.id, a.key());
    // A note of deletion is no provision: no clause group to show, nothing to compare it with.
    let deleted = group.is_some_and(|g| g.deleted);
    let group = group.filter(|g| !g.deleted);
    let at = doc.articles.iter().position(|x| x.key() == a.key());
    let prev = at
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| doc.articles.get(i));
    let next = at.and_then(|i| doc.articles.get(i + 1));
    let body = html! {
        p.crumbs {
            a href=(doc_href(doc.id.as_str())) { (doc.meta.title) }
            @if let Some(p) = prev { " · " a href=(article_href(doc.id.as_str(), &article_ref(p))) { "← " (p.label()) } }
            @if let Some(n) = next { " · " a href=(article_href(doc.id.as_str(), &article_ref(n))) { (n.label()) " →" } }
        }
        h1 { (doc.citation(a)) }
        p.meta { (site.corpus.inside(&doc.path).display()) ":" (a.lines.0) "-" (a.lines.1) }
        div.article-text {
            @for p in &a.paragraphs { p { (p.text) } }
        }
        @if deleted {
            p.meta { "This article only notes its deletion: it is no provision, in no clause group." }
        }
        @if let Some(g) = group {
            section.group-box {
                h2 { "Clause group 条款组: " (g.label) " " small.meta { (g.id) } }
                p { a.button href=(compare_href(&g.id)) { "Compare side by side 对照" } }
                @if g.doc_count() > 1 {
                    p { "The same matter elsewhere:" }
                } @else {
                    p.meta { "No other document regulates this matter." }
                }
                ul.counterparts {
                    @for other in &site.corpus.docs {
                        @for key in g.keys_of(&other.id) {
                            @if let Some(oa) = other.article_by_key(key) {
                                @if !(other.id == doc.id && key == a.key()) {
                                    li {
                                        a href=(article_href(other.id.as_str(), &article_ref(oa))) { (other.citation(oa)) }
                                        " " span.excerpt { (excerpt(&oa.text, 40)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page(&doc.citation(a), "", body)
}

/// `/compare/{what}?base=&doc=`: one clause group side by side, base and documents switchable.
pub async fn compare(
    State(site): State<Arc<Site>>,
    what: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> PageResult {
    let what = Problem::path_text(what)?;
    let params = Params::checked(raw.as_deref())?;
    let base = params.one("base")?.unwrap_or("").to_string();
    let (what2, site2) = (what.clone(), Arc::clone(&site));
    let comparison = site
        .work(move |site| routes::compare(site, &what2, &params))
        .await??;
    Ok(compare_page(&site2, &what, &base, &comparison))
}

fn compare_page(site: &Site, what: &str, base: &str, c: &Comparison) -> Response {
    let g = &c.group;
    let mut group_html = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_group(&mut group_html, g, false);
    let base_docs: Vec<&Regulation> = site
        .corpus
        .docs
        .iter()
        .filter(|d| c.group.columns.iter().any(|col| col.doc.id == d.id))
        .collect();
    let body = html! {
        h1 { (g.label) " " small.meta { (g.id) } }
        @if let Some((kind, named)) = &c.lacking {
            p.note { (named.join(", ")) " states no " (kind) " article (none has its formula); comparing that type's group of the others of its kind, where " (if named.len() == 1 { "it has" } else { "they have" }) " no column." }
        } @else if let Some((doc, n)) = &c.matched {
            p.note { "'" (what) "' best matches " a href=(article_href(doc, n)) { (doc) ":" (n) } "; comparing its clause group." }
        }
        @if let Some((id, label, docs, doc, n)) = &c.wider {
            p.note {
                "Only one document has an article in this group; a later hit, "
                a href=(article_href(doc, n)) { (doc) ":" (n) } ", is in group "
                a href=(format!("/compare/{id}")) { (label) } " (" (crate::text::counted(*docs, "document")) ")."
            }
        }
        @if let Some((kind, docs, others)) = &c.namesakes {
            p.note {
                "This group is of kind " (kind) " (" (crate::text::counted(*docs, "document")) "); "
                @for (i, other) in others.iter().enumerate() {
                    @if i > 0 { ", " }
                    (other) " also has a group of that name: "
                    a href=(format!("/compare/{}", path_escape(&format!("{other} {what}")))) { "compare " (other) "'s" }
                }
                "."
            }
        }
        form.filters method="get" action="" {
            label { "Compare with "
                select name="base" {
                    option value="medoid" selected[base.is_empty() || base == "medoid"] { "the wording closest to the others" }
                    @for d in &base_docs {
                        option value=(d.id) selected[base == d.id.as_str()] { (d.meta.display_name()) }
                    }
                }
            }
            fieldset.docs {
                legend { "Documents" }
                @for d in &site.corpus.docs {
                    label { input type="checkbox" name="doc" value=(d.id) checked[c.selected.iter().any(|s| s == d.id.as_str())]; " " (d.meta.display_name()) }
                }
            }
            button type="submit" { "Show" }
        }
        @if let Some(kinds) = c.together {
            p.note { (format!("The chosen documents are of {kinds} kinds in the corpus: aligned together as one corpus, as chosen.")) }
        }
        @if !g.other_kind.is_empty() {
            p.note { (other_kind_note(&g.other_kind)) }
        }
        p.meta { (base_sentence(g)) }
        (PreEscaped(legend(std::iter::once(g))))
        @if let Some(note) = crate::render::in_part_legend(std::iter::once(g)) {
            p.meta { (note) }
        }
        (PreEscaped(String::from_utf8_lossy(&group_html)))
        p.meta { "Articles: "
            @for col in &g.columns {
                @for a in &col.articles {
                    a href=(article_href(col.doc.id.as_str(), &a.key.to_string())) { (col.doc.name) " " (a.label) @if col.partial.is_some() { ", in part" } }
                    " "
                }
            }
            "· " a href=(format!("/api/compare/{}?{}", path_escape(what), compare_query(base, &c.selected, site))) { "JSON" }
        }
    };
    page(&g.label, "", body)
}

/// Why chosen documents have no column: they are of another kind than the group (as `guize
/// compare` says on stderr).
fn other_kind_note(docs: &[crate::report::DocName]) -> String {
    let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
    format!(
        "{} {} of another kind than this group (each kind is aligned apart): no column.",
        names.join(", "),
        if names.len() == 1 { "is" } else { "are" }
    )
}

/// The query string of a comparison (documents only when not all are selected).
fn compare_query(base: &str, selected: &[String], site: &Site) -> String {
    let mut parts = Vec::new();
    if !base.is_empty() {
        parts.push(format!("base={}", query_escape(base)));
    }
    if selected.len() < site.corpus.docs.len() {
        parts.extend(selected.iter().map(|d| format!("doc={}", query_escape(d))));
    }
    parts.join("&")
}

/// `/report`: the whole-corpus report, built once at start.
pub async fn report(State(site): State<Arc<Site>>) -> Response {
    let body = html! {
        h1 { (site.report_title) }
        (PreEscaped(&site.report_html))
    };
    page(&site.report_title, "", body)
}

/// `GET /precedent`: the form.
pub async fn precedent_form(State(site): State<Arc<Site>>) -> Response {
    page("Precedent", "", precedent_form_markup(&site, "", 5, ""))
}

fn precedent_form_markup(site: &Site, draft: &str, limit: usize, exclude: &str) -> Markup {
    html! {
        h1 { "Precedent 先例" }
        p.meta { "Paste a draft clause (or upload a file: text in UTF-8 or GB18030, .docx, .pdf or .html): guize finds the closest existing wording, with what differs marked. A draft with 第一条 … markers is cut at them into pieces, and so is one whose sentences find different articles (a sentence under 20 characters stays with the one before)." }
        form.precedent method="post" action="/precedent" enctype="multipart/form-data" {
            label.block { "Draft 草案 "
                textarea name="text" rows="8" placeholder=(site.examples.sentence) { (draft) }
            }
            div.row {
                label { "or a file " input type="file" name="file" accept=".txt,.md,.docx,.pdf,.html,.htm,text/plain"; }
                label { "precedents per piece " input type="number" name="limit" min="1" max="100" value=(limit); }
                label { "leave out "
                    select name="exclude" {
                        option value="" { "none" }
                        @for d in &site.corpus.docs {
                            option value=(d.id) selected[exclude == d.id.as_str()] { (d.meta.display_name()) }
                        }
                    }
                }
                button type="submit" { "Find precedents" }
            }
        }
    }
}

/// `POST /precedent` (a form: `text` or `file`, `limit`, `exclude`; multipart as the page sends
/// it, or urlencoded as `curl -d` does): the precedents.
pub async fn precedent(
    State(site): State<Arc<Site>>,
    request: axum::extract::Request,
) -> PageResult {
    let urlencoded = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            t.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
    let (draft, authored, params) = if urlencoded {
        urlencoded_form(request).await?
    } else {
        let multipart = Multipart::from_request(request, &()).await;
        routes::multipart_form(multipart).await?
    };
    let params = routes::form_fields(params);
    let query: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&params)
        .finish();
    let params = Params::parse(Some(&query));
    let limit = params.number("limit", 1, routes::MAX_PRECEDENTS, 5)?;
    let exclude = params.one("exclude")?.unwrap_or("").to_string();
    let (draft2, site2) = (draft.clone(), Arc::clone(&site));
    let result = site
        .work_heavy(move |site, stop| routes::precedent(site, &draft2, authored, &params, stop))
        .await?;
    let form = precedent_form_markup(&site2, &draft, limit, &exclude);
    let (status, results) = match result {
        Ok(report) => (StatusCode::OK, precedent_results(&report)),
        Err(p) => (p.status, html! { p.error { (p.message) } }),
    };
    let mut response = page("Precedent", "", html! { (form) (results) });
    *response.status_mut() = status;
    Ok(response)
}

/// The fields of the precedent form a script sends urlencoded (`text=…&limit=3`).
async fn urlencoded_form(
    request: axum::extract::Request,
) -> Result<routes::PrecedentForm, PageError> {
    let body = axum::body::Bytes::from_request(request, &())
        .await
        .map_err(|e| {
            PageError(Problem {
                status: e.status(),
                message: format!("cannot read the form: {}", e.body_text()),
                closest: Vec::new(),
            })
        })?;
    Ok(routes::urlencoded_form(&body))
}

fn precedent_results(report: &PrecedentReport) -> Markup {
    let total = report.pieces.len();
    html! {
        @for (i, piece) in report.pieces.iter().enumerate() {
            section.piece {
                h2 { "Draft piece " (i + 1) " of " (total)
                    @if let Some(l) = &piece.piece.label { " (" (l) ")" } }
                p.draft { (piece.piece.written) }
                @if piece.hits.is_empty() { p.meta { "No existing article shares its wording." } }
                @if let Some(note) = crate::render::precedent::no_close_note(piece) { p.meta.no-close { (note) } }
                ol.precedents {
                    @for hit in &piece.hits {
                        li {
                            a.cite href=(article_href(hit.doc.as_str(), &hit.key.to_string())) { (precedent_citation(hit)) }
                            " " span.score { "similarity " (format!("{:.2}", hit.similarity.score)) ", covers " (format!("{:.0}", hit.similarity.covered * 100.0)) "% of the draft's words" }
                            @if let Some(g) = &hit.group {
                                p.meta { "group " a href=(compare_href(&g.id)) { (g.label) } " (" (g.members.len()) " documents)" }
                            }
                            div.text.diff {
                                @if hit.passage.is_some() { "…" }
                                @for seg in &hit.segments {
                                    @match mark_of(seg) {
                                        None => {},
                                        Some(Mark::Plain | Mark::Quiet) => { (seg.text) },
                                        Some(Mark::Insert) => { ins { (seg.text) } },
                                        Some(Mark::Delete) => { del { (seg.text) } },
                                        Some(Mark::NumberInsert) => { ins { mark.num { (seg.text) } } },
                                        Some(Mark::NumberDelete) => { del { mark.num { (seg.text) } } },
                                    }
                                }
                                @if hit.passage.is_some() { "…" }
                            }
                            @if let Some(w) = &hit.window { p.meta.window { (crate::render::precedent::window_note(w)) } }
                        }
                    }
                }
            }
        }
        p.meta { ins { "inserted" } " only the precedent says · " del { "deleted" } " only the draft says" }
    }
}

/// `/numbers?q=&differs=`: the figures table, filterable.
pub async fn numbers(State(site): State<Arc<Site>>, RawQuery(raw): RawQuery) -> PageResult {
    let params = Params::checked(raw.as_deref())?;
    let q = params.one("q")?.unwrap_or("").to_string();
    let differs = params.flag("differs")?;
    let (table, _) = routes::numbers(&site, &params)?;
    let body = html! {
        h1 { "Numbers 数量规定" }
        p.meta { "Each figure the rules set (meeting frequency, time limits, lengths, counts), one row per clause group and subject; a marked figure differs from the one most documents state." }
        form.filters action="/numbers" method="get" {
            label { "Containing " input type="search" name="q" value=(q) placeholder=(site.examples.search()); }
            label { input type="checkbox" name="differs" value="1" checked[differs]; " only where documents differ" }
            button type="submit" { "Filter" }
        }
        @if table.rows.is_empty() {
            p.meta { (no_figures(&q, differs)) }
        } @else {
            (numbers_table(&site, &table))
        }
    };
    Ok(page("Numbers", "", body))
}

/// What an empty figures table says, rather than a header row over nothing.
fn no_figures(q: &str, differs: bool) -> String {
    let q = q.trim();
    match (q.is_empty(), differs) {
        (true, false) => "The documents state no figures.".to_string(),
        (true, true) => "No figure differs between the documents.".to_string(),
        (false, false) => format!("No figure's row mentions '{q}'."),
        (false, true) => {
            format!("No figure's row mentions '{q}' where the documents differ.")
        }
    }
}

fn numbers_table(site: &Site, table: &NumbersTable) -> Markup {
    // At most MAX_PAGE_ROWS rows, and a column only for a document that states a figure in one
    // of them: on a folder of hundreds of documents the whole table is tens of megabytes.
    let rows = &table.rows[..table.rows.len().min(crate::serve::MAX_PAGE_ROWS)];
    let columns: Vec<usize> = (0..table.docs.len())
        .filter(|&i| rows.iter().any(|r| r.cells[i].provision.is_some()))
        .collect();
    let names: Vec<&str> = columns
        .iter()
        .map(|&i| {
            let id = &table.docs[i];
            site.corpus
                .doc(id.as_str())
                .map_or(id.as_str(), |d| d.meta.display_name())
        })
        .collect();
    html! {
        @if rows.len() < table.rows.len() {
            p.meta { "The first " (rows.len()) " of " (table.rows.len()) " rows; narrow them with a word (what the figure governs, or a document's words)." }
        } @else {
            p.meta { (table.rows.len()) " rows" }
        }
        table.numbers {
            tr { th { "事项" } th { "clause group" } @for n in &names { th { (n) } } }
            @for row in rows {
                tr {
                    td {
                        (crate::numbers::wording::row_subject(row))
                        @if row.no_majority { br; span.excerpt { "no majority" } }
                    }
                    td { @for g in &row.groups { a href=(compare_href(g)) { (row.label) } " " } }
                    @for (cell, id) in columns.iter().map(|&i| (&row.cells[i], &table.docs[i])) {
                        @match &cell.provision {
                            None => td.empty { "—" },
                            Some(p) => td {
                                @if cell.differs { mark.num { (figure(cell)) } } @else { (figure(cell)) }
                                " " a href=(article_href(id.as_str(), &p.article.key().to_string())) { (p.label) }
                                br; span.excerpt { (p.quantity.expr) }
                            },
                        }
                    }
                }
            }
        }
    }
}

/// A document's shown name with its id after it (`历下区 (lixia)`), once: a name that already
/// ends with the id (`测试市养犬管理规定 (gbk)`, told apart from another of its title) or is the
/// id keeps it as it is.
fn named_with_id(d: &Regulation) -> String {
    let name = d.meta.display_name();
    let id = d.id.as_str();
    if name.is_empty() || name == id {
        id.to_string()
    } else if name.ends_with(&format!("({id})")) {
        name.to_string()
    } else {
        format!("{name} ({id})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The outline page heads a chapter as it is cited: a division read from an unnumbered
    /// heading by its title (never 第零章), a chapter of a code with its part.
    #[test]
    fn chapter_headings_are_cited_as_everywhere() {
        let chapter =
            |number: u32, title: &str, parts: Vec<crate::model::PartRef>| crate::model::Chapter {
                numerals: Default::default(),
                number,
                title: title.to_string(),
                parts,
                line: 1,
                articles: 0..1,
            };
        assert_eq!(
            chapter_heading(&chapter(0, "法律责任", Vec::new())),
            "法律责任"
        );
        let part = crate::model::PartRef {
            sub: false,
            number: 2,
            title: "分则".into(),
        };
        assert_eq!(
            chapter_heading(&chapter(3, "破坏社会主义市场经济秩序罪", vec![part])),
            "第二编 分则 第三章 破坏社会主义市场经济秩序罪"
        );
    }

    fn doc(id: &str, title: &str, distinct: &str) -> Regulation {
        let mut doc = crate::parse::parse(crate::parse::Source {
            id: id.into(),
            path: std::path::Path::new("x.txt"),
            text: "某规定\n第一条 本规定自公布之日起施行。\n",
            kind: crate::parse::SourceKind::Text,
            meta: Default::default(),
        });
        doc.meta.title = title.to_string();
        doc.meta.distinct_name = distinct.to_string();
        doc
    }

    /// Two documents of one title are told apart by their id already (`某规定 (gbk)`): the
    /// document list of the search form said `某规定 (gbk) (gbk)`.
    #[test]
    fn a_name_that_ends_with_the_id_is_not_given_it_twice() {
        assert_eq!(
            named_with_id(&doc("gbk", "某规定", "某规定 (gbk)")),
            "某规定 (gbk)"
        );
        assert_eq!(named_with_id(&doc("lixia", "某规定", "")), "某规定 (lixia)");
        assert_eq!(named_with_id(&doc("lixia", "", "")), "lixia");
    }
}
