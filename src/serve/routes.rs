//! The URL space and the limits around it, and what the pages and the API share: reading query
//! parameters and answering a search, a comparison, a precedent query or a figures query, so that
//! a page and its `/api/` twin always agree.

use super::problem::{Problem, closest_docs};
use super::{Site, api, pages};
use crate::index::{Filter, SearchReport};
use crate::lookup;
use crate::model::{Article, Regulation};
use crate::numbers::{Provision, table};
use crate::precedent::{Finder, Options, Report as PrecedentReport};
use crate::report::{self, BaseKind, ComparedGroup};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use std::sync::Arc;
use tower::limit::ConcurrencyLimitLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// Room for a form's or a JSON object's envelope around a draft of the largest allowed size.
const ENVELOPE_BYTES: usize = 64 << 10;

/// Every page and API route, with the body limit, the timeout and the cap on requests in flight.
pub fn router(site: Arc<Site>) -> Router {
    let limits = site.limits;
    let routes = Router::new()
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/doc/{*path}", get(pages::doc))
        .route("/compare/{*what}", get(pages::compare))
        .route("/report", get(pages::report))
        .route("/numbers", get(pages::numbers))
        .route("/assets/guize.css", get(pages::stylesheet))
        .route("/api/corpus", get(api::corpus))
        .route("/api/search", get(api::search))
        .route("/api/articles/{*path}", get(api::article))
        .route("/api/align", get(api::align))
        .route("/api/compare/{*what}", get(api::compare))
        .route("/api/numbers", get(api::numbers))
        .fallback(not_found)
        // A request the server could not finish in time was kept waiting by others: 503 (busy,
        // with Retry-After), not 408, which would blame the client for sending slowly.
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            limits.timeout,
        ))
        // Drafts queue for the heavy slot instead (`Slots::admit`): a handful waiting is served
        // in turn, more is told at once to come back; each job's own run is bounded by the
        // timeout there.
        .route(
            "/precedent",
            get(pages::precedent_form).post(pages::precedent),
        )
        .route("/api/precedent", axum::routing::post(api::precedent))
        .layer(DefaultBodyLimit::max(limits.body_bytes + ENVELOPE_BYTES))
        .layer(RequestBodyLimitLayer::new(
            limits.body_bytes + ENVELOPE_BYTES,
        ))
        // The precedent routes are outside the timeout (a draft may queue); the body of every
        // request is timed on its own, so a client that sends a head and part of a body cannot
        // hold a connection and a place among the requests in flight for ever.
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&site),
            body_in_time,
        ))
        .layer(ConcurrencyLimitLayer::new(limits.in_flight))
        .with_state(Arc::clone(&site));
    // Layered around the whole router rather than each route (as `Router::layer` does), so that
    // they see what the router adds on the way out, such as the `Allow` header of a 405.
    Router::new()
        .fallback_service(routes)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&site),
            uniform_errors,
        ))
        .layer(axum::middleware::from_fn(safe_bodies))
        .with_state(site)
}

/// Every answer, page, JSON or error, on its way out: corpus text reaches the browser as the
/// CLI writes it ([`crate::safe_text`]): in HTML and CSS, control characters and bidirectional
/// overrides as visible signs (␛, ␇, U+FFFD); in JSON as `\uXXXX` escapes (the same strings once
/// parsed). The one place the server applies it, so no page or field can forget. Every answer
/// also says `X-Content-Type-Options: nosniff`: a JSON answer carries a document's text as it is
/// (a `<script>` in a regulation stays one in the string), and a browser must not read it as a page.
async fn safe_bodies(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use crate::safe_text::{Mode, safe_bytes};
    use axum::http::{HeaderValue, header};
    let mut response = next.run(request).await;
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    let kind = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mode = if kind.starts_with("application/json") {
        Mode::Json
    } else if kind.starts_with("text/") {
        Mode::Text { colors: false }
    } else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        use axum::response::IntoResponse;
        return pages::PageError(Problem::internal("cannot read the answer")).into_response();
    };
    let safe = safe_bytes(&bytes, mode);
    parts.headers.remove(header::CONTENT_LENGTH);
    axum::response::Response::from_parts(parts, axum::body::Body::from(safe))
}

/// Reads the body of a request that may carry one (not GET or HEAD: theirs is read and dropped
/// beside the answer, never kept nor refused) before its handler runs,
/// within the request timeout: 408 when it has not all arrived by then, 413 when it is larger
/// than the server takes (said at once when its Content-Length says so), 400 when the
/// connection fails while it is read. The handler gets the body whole.
async fn body_in_time(
    axum::extract::State(site): axum::extract::State<Arc<Site>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::body::{Body, HttpBody};
    use axum::http::{Method, StatusCode, header};
    use axum::response::IntoResponse;
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        // A GET's or a HEAD's body means nothing here: it is neither kept nor refused (a 413
        // for a body nobody reads). It is read and dropped beside the answer, within the
        // request timeout, so the connection stays usable for the next request; a client
        // that stops sending it loses the connection once the timeout is past, not the answer.
        let (mut parts, body) = request.into_parts();
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::TRANSFER_ENCODING);
        let timeout = site.limits.timeout;
        tokio::spawn(async move {
            let mut body = body;
            let drain = async {
                while let Some(Ok(_)) =
                    std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
                {
                }
            };
            let _ = tokio::time::timeout(timeout, drain).await;
        });
        return next
            .run(axum::extract::Request::from_parts(parts, Body::empty()))
            .await;
    }
    let limit = site.limits.body_bytes + ENVELOPE_BYTES;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (parts, mut body) = request.into_parts();
    let read = async {
        let mut bytes = Vec::new();
        loop {
            let frame =
                std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await;
            match frame {
                None => return Ok(bytes),
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        if bytes.len() + data.len() > limit {
                            return Err(StatusCode::PAYLOAD_TOO_LARGE);
                        }
                        bytes.extend_from_slice(&data);
                    }
                }
                Some(Err(_)) => return Err(StatusCode::BAD_REQUEST),
            }
        }
    };
    match tokio::time::timeout(site.limits.timeout, read).await {
        Ok(Ok(bytes)) => {
            next.run(axum::extract::Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Err(status)) => status.into_response(),
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

/// Errors made by the layers rather than a handler (413 from the body limit, 503 from the
/// timeout, 405 from the router) come with a bare body; they get the API's JSON or a page too.
async fn uniform_errors(
    axum::extract::State(site): axum::extract::State<Arc<Site>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;
    let api = request.uri().path().starts_with("/api/");
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    let typed = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json") || t.starts_with("text/html"));
    if typed || !(status.is_client_error() || status.is_server_error()) {
        return with_retry_after(response);
    }
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => format!(
            "the request body is larger than the {} bytes this server accepts",
            site.limits.body_bytes
        ),
        StatusCode::REQUEST_TIMEOUT => format!(
            "the request body did not all arrive within {} s (its Content-Length promises more \
             than was sent?)",
            site.limits.timeout.as_secs()
        ),
        StatusCode::SERVICE_UNAVAILABLE => format!(
            "the server was busy: the request could not be answered within {} s, other \
             requests being ahead of it; try again in a moment",
            site.limits.timeout.as_secs()
        ),
        StatusCode::METHOD_NOT_ALLOWED => {
            let allowed = response
                .headers()
                .get(header::ALLOW)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .collect::<Vec<_>>();
            if allowed.is_empty() {
                format!("this address does not take {method} requests")
            } else {
                format!(
                    "this address does not take {method} requests; it takes {}",
                    allowed.join(" and ")
                )
            }
        }
        other => other.canonical_reason().unwrap_or("error").to_string(),
    };
    let mut problem = Problem::not_found(message);
    problem.status = status;
    let mut answer = if api {
        api::ApiError(problem).into_response()
    } else {
        pages::PageError(problem).into_response()
    };
    if let Some(allow) = response.headers().get(header::ALLOW) {
        answer.headers_mut().insert(header::ALLOW, allow.clone());
    }
    with_retry_after(answer)
}

/// Seconds a client told the server is busy (503) should wait before it asks again.
pub const RETRY_AFTER_SECS: u64 = 5;

/// A 503 (the server busy, or stopping) says when to come back.
fn with_retry_after(mut response: axum::response::Response) -> axum::response::Response {
    use axum::http::{HeaderValue, StatusCode, header};
    if response.status() == StatusCode::SERVICE_UNAVAILABLE
        && !response.headers().contains_key(header::RETRY_AFTER)
    {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
    }
    response
}

/// Any other path: JSON under `/api/`, a page elsewhere.
async fn not_found(
    axum::extract::State(site): axum::extract::State<Arc<Site>>,
    uri: axum::http::Uri,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let problem = bare_route(&site, uri.path())
        .unwrap_or_else(|| Problem::not_found(format!("nothing at {}", uri.path())));
    if uri.path().starts_with("/api/") {
        api::ApiError(problem).into_response()
    } else {
        pages::PageError(problem).into_response()
    }
}

/// `/doc/` and `/compare/` (and their `/api/` forms) without what they take: a 404 that says
/// what to add, with the documents (for `/doc/`) or examples (for `/compare/`) to follow.
fn bare_route(site: &Site, path: &str) -> Option<Problem> {
    use super::problem::{Suggestion, path_escape};
    let docs = &site.corpus.docs;
    match path.trim_end_matches('/') {
        "/doc" | "/api/articles" => {
            let mut p = Problem::not_found(format!(
                "give a document: {}/{{document}} ({} documents, listed below){}",
                path.trim_end_matches('/'),
                docs.len(),
                if path.starts_with("/api/") {
                    " and an article: /api/articles/{document}/{article}"
                } else {
                    ""
                }
            ));
            p.closest = docs
                .iter()
                .map(|d| Suggestion {
                    name: d.id.to_string(),
                    href: format!("/doc/{}", path_escape(d.id.as_str())),
                })
                .collect();
            Some(p)
        }
        "/compare" | "/api/compare" => {
            let route = path.trim_end_matches('/');
            let article = docs
                .iter()
                .find_map(|d| d.articles.first().map(|a| format!("{}:{}", d.id, a.number)));
            let example = article.as_deref().unwrap_or("lixia:39");
            let mut p = Problem::not_found(format!(
                "give what to compare: {route}/{{article}} (a document and an article, as \
                 {example}), {route}/{{group}} (a clause group's id, as /api/align lists them) or \
                 {route}/{{words}} (the best article they find, with its counterparts)"
            ));
            let group = site
                .alignment
                .groups
                .iter()
                .find(|g| !g.deleted && g.doc_count() > 1)
                .map(|g| g.id.clone());
            let words = site.examples.words.first().cloned();
            p.closest = [article, group, words]
                .into_iter()
                .flatten()
                .map(|what| Suggestion {
                    href: format!("/compare/{}", path_escape(&what)),
                    name: what,
                })
                .collect();
            Some(p)
        }
        _ => None,
    }
}

/// The parameters of a query string, decoded (`+` and `%xx`), in order.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(raw: Option<&str>) -> Params {
        Params(
            form_urlencoded::parse(raw.unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// [`Params::parse`], refusing a query string with a broken percent escape (`%ZZ`, a `%` at
    /// the end) rather than reading it as the characters written.
    pub fn checked(raw: Option<&str>) -> Result<Params, Problem> {
        let bytes = raw.unwrap_or("").as_bytes();
        for (i, _) in bytes.iter().enumerate().filter(|(_, b)| **b == b'%') {
            let hex = bytes.get(i + 1..i + 3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                let shown = String::from_utf8_lossy(&bytes[i..(i + 3).min(bytes.len())]);
                return Err(Problem::bad_request(format!(
                    "broken percent escape '{shown}' in the query string (a % is followed by two \
                     hexadecimal digits; write a % itself as %25)"
                )));
            }
        }
        // A parameter whose escapes decode to bytes that are no UTF-8 (%FF%FE) would be read
        // as replacement characters and searched as such: said as what it is.
        for pair in raw.unwrap_or("").split('&') {
            let decoded: Vec<u8> = percent_encoding::percent_decode(pair.as_bytes()).collect();
            if std::str::from_utf8(&decoded).is_err() {
                let key = pair.split('=').next().unwrap_or_default();
                return Err(Problem::bad_request(format!(
                    "the query string's parameter '{key}' is not valid UTF-8 once its % escapes \
                     are decoded (write text as UTF-8, each byte escaped: 养犬 is \
                     %E5%85%BB%E7%8A%AC)"
                )));
            }
        }
        Ok(Params::parse(raw))
    }

    /// These parameters and `more` after them (a form's fields after the query string's).
    pub fn and(mut self, more: Vec<(String, String)>) -> Params {
        self.0.extend(more);
        self
    }

    /// The names of the parameters given, in order (a repeated one as often as given).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// A 400 naming the first parameter `route` does not take (`takes`, in the order a reader
    /// should see them): an API answer for settings other than those asked for is worse than
    /// none (a misspelt `exclude_doc` would have answered for every document).
    pub fn only(&self, route: &str, takes: &[&str]) -> Result<(), Problem> {
        let Some(name) = self.names().find(|n| !takes.contains(n)) else {
            return Ok(());
        };
        let takes = match takes {
            [] => "no parameters".to_string(),
            [one] => one.to_string(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        };
        Err(Problem::bad_request(format!(
            "{route} takes {takes} ('{name}' given)"
        )))
    }

    /// The one value of `name`; a parameter given twice is an error.
    pub fn one(&self, name: &str) -> Result<Option<&str>, Problem> {
        let mut values = self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
        let first = values.next();
        if values.next().is_some() {
            return Err(Problem::bad_request(format!(
                "parameter '{name}' is given more than once"
            )));
        }
        Ok(first.map(String::as_str))
    }

    /// Whether `name` is absent or every value of it is blank (a comma is a character here,
    /// unlike in [`Params::all`]: `q=，` is a query of punctuation, not an empty box).
    pub fn blank(&self, name: &str) -> bool {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .all(|(_, v)| v.trim().is_empty())
    }

    /// Every value of `name` (repeated, or separated by commas), empty ones dropped.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split([',', '，']))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// A whole number in `min..=max`, or `default` when absent or empty.
    pub fn number(
        &self,
        name: &str,
        min: usize,
        max: usize,
        default: usize,
    ) -> Result<usize, Problem> {
        match self.one(name)?.map(str::trim) {
            None | Some("") => Ok(default),
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (min..=max).contains(n))
                .ok_or_else(|| {
                    Problem::bad_request(format!(
                        "parameter '{name}' must be a whole number from {min} to {max}, not '{v}'"
                    ))
                }),
        }
    }

    /// A flag: `1`/`true`/`on`/`yes` is true; absent, empty (like every empty parameter, as if
    /// absent) or `0`/`false`/`off`/`no` is false; anything else is a 400.
    pub fn flag(&self, name: &str) -> Result<bool, Problem> {
        match self.one(name)?.map(str::trim) {
            None | Some("" | "0" | "false" | "off" | "no") => Ok(false),
            Some("1" | "true" | "on" | "yes") => Ok(true),
            Some(v) => Err(Problem::bad_request(format!(
                "parameter '{name}' must be 1, true, on or yes (or 0, false, off or no), not '{v}'"
            ))),
        }
    }
}

/// Most characters of a search query or of what to compare: a query costs time with its length
/// (segmenting it, a term per word), and a question or a citation is far shorter. A draft is
/// compared through `/precedent`, which has its own limit.
pub const MAX_QUERY_CHARS: usize = 1000;

/// A 400 for a query longer than [`MAX_QUERY_CHARS`], so that one request cannot hold a
/// worker for seconds.
fn check_query_length(what: &str, q: &str) -> Result<(), Problem> {
    let chars = q.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(Problem::bad_request(format!(
            "{what} is {chars} characters long; at most {MAX_QUERY_CHARS} (for a draft, use /precedent)"
        )));
    }
    Ok(())
}

/// Most hits a search may ask for.
pub const MAX_LIMIT: usize = 1000;

/// A search as `/search` and `/api/search` take it: `q`, `doc` (repeatable), `chapter`, `limit`.
pub fn search(site: &Site, params: &Params) -> Result<Searched, Problem> {
    let q = params.one("q")?.unwrap_or("").trim();
    if q.is_empty() {
        return Err(Problem::bad_request("give something to search for: ?q=…"));
    }
    check_query_length("q", q)?;
    let limit = params.number("limit", 1, MAX_LIMIT, 10)?;
    let filter = Filter {
        docs: crate::corpus::names::ids(&site.corpus.docs, &params.all("doc"))
            .map_err(|e| Problem::of(e, &site.corpus))?,
        chapter: params
            .one("chapter")?
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string),
    };
    // A pasted citation (`历下区 第八章 第三十九条`) puts its article first, as in `guize search`.
    let report = lookup::search_citing(&site.corpus, &site.index, q, &filter, limit)
        .map_err(|e| Problem::of(e, &site.corpus))?;
    // `chapter` cannot reach a document without chapters: which were left out, as the CLI says.
    let without_chapters = site
        .index
        .chapterless(&filter)
        .map_err(|e| Problem::of(e, &site.corpus))?;
    Ok(Searched {
        report,
        without_chapters,
    })
}

/// A search as the page and the API answer it.
pub struct Searched {
    /// The hits.
    pub report: SearchReport,
    /// With a `chapter` filter, the documents searched that have no chapters (not searched).
    pub without_chapters: Vec<String>,
}

/// A document, or one of its articles: `lixia`, `lixia/39`, `DLC/x/name/17之一`.
pub fn doc_or_article<'s>(
    site: &'s Site,
    path: &str,
) -> Result<(&'s Regulation, Option<&'s Article>), Problem> {
    let path = path.trim_matches('/');
    if let Ok(doc) = site.corpus.doc(path) {
        return Ok((doc, None));
    }
    // `lixia/39`, or one reference as `guize show` takes it (`lixia:39`, `历下区第39条`).
    let split = path
        .rsplit_once('/')
        .and_then(|(doc, article)| Some((site.corpus.doc(doc).ok()?, article)));
    let Some((doc, article)) = split else {
        return match lookup::named_article(&site.corpus, path) {
            Ok(Some((doc, article))) => Ok((doc, Some(article))),
            Ok(None) => {
                if let Some(problem) = extra_segments(site, path) {
                    return Err(problem);
                }
                match path.rsplit_once('/') {
                    Some((doc, _)) => Err(Problem::of(unknown_doc(site, doc), &site.corpus)),
                    None => Err(Problem::of(unknown_doc(site, path), &site.corpus)),
                }
            }
            Err(e) => Err(Problem::of(e, &site.corpus)),
        };
    };
    let article = doc
        .find_article(article)
        .map_err(|e| Problem::of(e, &site.corpus))?;
    Ok((doc, Some(article)))
}

/// A path naming a document and then more than one segment (`淄博/35/extra`): said as such,
/// with the path's shape, rather than as an unknown document `淄博/35`. The document is the
/// longest run of leading segments that names one (an id may hold `/`: `DLC/x/name`).
fn extra_segments(site: &Site, path: &str) -> Option<Problem> {
    let (doc, rest) = path
        .rmatch_indices('/')
        .map(|(i, _)| (&path[..i], &path[i + 1..]))
        .filter(|(_, rest)| rest.contains('/'))
        .find_map(|(doc, rest)| Some((site.corpus.doc(doc).ok()?, rest)))?;
    let (article, extra) = rest.split_once('/')?;
    let id = doc.id.as_str();
    let mut problem = Problem::not_found(format!(
        "'{path}' has an extra path segment after the article ('{extra}'): the path is a \
         document and one article ({id}/{article}), nothing after it"
    ));
    problem.closest = super::problem::closest_articles(doc, article);
    Some(problem)
}

fn unknown_doc(site: &Site, query: &str) -> crate::Error {
    match site.corpus.doc(query) {
        Err(e) => e,
        Ok(_) => crate::Error::DocumentNotArticle {
            query: query.to_string(),
        },
    }
}

/// One compared group and, for search words, which article they matched.
pub struct Comparison {
    pub group: ComparedGroup,
    /// For search words: the best matching article, `(doc, article key)` (`3`, `3#2`).
    pub matched: Option<(String, String)>,
    /// The documents selected (all when none were named).
    pub selected: Vec<String>,
    /// The group's kind, its count of documents and the other kinds that have a group of its
    /// name, when search words alone chose it ([`lookup::namesakes`]), as `guize compare` says
    /// on stderr.
    pub namesakes: Option<(String, usize, Vec<String>)>,
    /// When search words chose a group of one document: a later hit's group that spans several,
    /// `(group id, label, documents, doc, article key)` ([`lookup::wider`]), as `guize compare`
    /// says on stderr.
    pub wider: Option<(String, String, usize, String, String)>,
    /// When the chosen documents are of several kinds of the corpus and were aligned together
    /// (as `guize compare --doc` aligns them): how many kinds.
    pub together: Option<usize>,
    /// A standard type the search words asked for that the documents they named lack
    /// (`淄博 施行日期`): the type and those documents, whose kind's group of that type is
    /// compared instead ([`lookup::Choice::lacking`]), as `guize compare` says on stderr.
    pub lacking: Option<(String, Vec<String>)>,
}

/// A comparison as `/compare/{what}` and `/api/compare/{what}` take it: `base` (a document; the
/// group's medoid by default) and `doc` (repeatable; all by default), as `guize compare` does.
pub fn compare<'c>(site: &'c Site, what: &str, params: &Params) -> Result<Comparison, Problem> {
    let corpus = &site.corpus;
    let fail = |e| Problem::of(e, corpus);
    let what = what.trim();
    check_query_length("what to compare", what)?;
    if what.is_empty() {
        let example = corpus
            .docs
            .iter()
            .find_map(|d| d.articles.first().map(|a| format!("{}:{}", d.id, a.number)))
            .unwrap_or_else(|| "lixia:39".to_string());
        return Err(Problem::bad_request(format!(
            "say what to compare: a group id, an article ({example}) or words"
        )));
    }
    let named = params.all("doc");
    let selected: Vec<&Regulation> = named
        .iter()
        .map(|d| corpus.doc(d))
        .collect::<Result<_, _>>()
        .map_err(fail)?;
    let base_doc = match params.one("base")?.map(str::trim) {
        None | Some("" | "medoid" | "majority") => None,
        Some(b) => Some(corpus.doc(b).map_err(fail)?),
    };
    let base = match base_doc {
        Some(doc) => BaseKind::Doc(doc.id.clone()),
        None => BaseKind::Medoid,
    };
    // Documents chosen of several kinds are aligned together, as `guize compare --doc` aligns
    // them; a group id of the whole corpus's alignment that theirs lacks is still found there.
    let mut chosen = selected.clone();
    if let Some(b) = base_doc
        && !chosen.is_empty()
        && !chosen.iter().any(|d| d.id == b.id)
    {
        chosen.push(b);
    }
    let together = site.together(&chosen);
    let best = |words: &str, within: &[&'c Regulation]| {
        lookup::best_by_search(corpus, &site.index, words, within)
    };
    let (alignment, choice) = match &together {
        Some(t) => match lookup::choose_group(corpus, t, what, &selected, best) {
            Err(crate::Error::NoGroup { .. }) => (
                &site.alignment,
                lookup::choose_group(corpus, &site.alignment, what, &selected, best),
            ),
            other => (&**t, other),
        },
        None => (
            &site.alignment,
            lookup::choose_group(corpus, &site.alignment, what, &selected, best),
        ),
    };
    let choice = choice.map_err(fail)?;
    let together = together
        .is_some()
        .then(|| crate::align::chosen_kinds(&chosen, &site.alignment.kinds).len());
    let namesakes = lookup::namesakes(alignment, &choice, &selected).map(|n| {
        let others = n.others.iter().map(|o| o.to_string()).collect();
        (n.kind.to_string(), n.docs, others)
    });
    let wider = lookup::wider(corpus, &site.index, alignment, &choice, &selected).map(
        |(g, doc, article)| {
            let key = article.key().to_string();
            (
                g.id.clone(),
                g.label.clone(),
                g.doc_count(),
                doc.id.to_string(),
                key,
            )
        },
    );
    let lacking = choice.lacking.map(|kind| {
        let named = choice.named.iter().map(|d| d.id.to_string()).collect();
        (kind.to_string(), named)
    });
    let group = choice.group;
    if let Some(e) = lookup::base_of_another_kind(alignment, group, base_doc) {
        return Err(fail(e));
    }
    let (docs, other_kind) =
        lookup::compared_docs(corpus, alignment, group, &selected, &choice.named, base_doc);
    let matched = choice
        .matched
        .map(|(doc, article)| (doc.id.to_string(), article.key().to_string()));
    let mut compared = report::compare_group(&docs, group, &base).map_err(fail)?;
    // Said on the page and in the JSON, as `guize compare` says it on stderr.
    compared.other_kind = other_kind.iter().map(|d| report::DocName::of(d)).collect();
    if compared.columns.is_empty() {
        let have: Vec<&str> = group.members.keys().map(|d| d.as_str()).collect();
        let mut problem = Problem::not_found(format!(
            "none of the selected documents has an article in group {} ({}); documents in it: {}",
            group.id,
            group.label,
            have.join(", ")
        ));
        problem.closest = have
            .iter()
            .flat_map(|d| closest_docs(corpus, d).into_iter().take(1))
            .collect();
        return Err(problem);
    }
    Ok(Comparison {
        group: compared,
        matched,
        selected: docs.iter().map(|d| d.id.to_string()).collect(),
        namesakes,
        wider,
        together,
        lacking,
    })
}

/// Most precedents per piece of a draft.
pub const MAX_PRECEDENTS: usize = 100;

/// Candidates the precedent finder reranks for each piece at the least (more when `limit` is
/// higher): what one piece costs is about proportional to the larger of the two.
const PIECE_CANDIDATES: usize = 20;

/// Pieces times candidates one precedent request may cost: 100 pieces (a long draft
/// regulation) at the default limit, 20 at the highest. Each reranked candidate is a word diff,
/// so this keeps a request to a few seconds of one worker; a 399-clause draft at limit=100 took
/// ~30 s before and made every other request wait.
const PIECE_BUDGET: usize = 2000;

/// Most pieces a draft may have at `limit` precedents per piece.
pub fn max_pieces(limit: usize) -> usize {
    PIECE_BUDGET / limit.max(PIECE_CANDIDATES)
}

/// Precedents for `draft`, with `limit`, `doc` and `exclude` from `params`.
/// A precedent search for `draft`, abandoned (a 503 nobody reads) once `stop` turns true: the
/// request was dropped.
pub fn precedent(
    site: &Site,
    draft: &str,
    authored: bool,
    params: &Params,
    stop: &std::sync::atomic::AtomicBool,
) -> Result<PrecedentReport, Problem> {
    if draft.len() > site.limits.body_bytes {
        return Err(Problem::too_large(format!(
            "the draft has {} bytes, more than the {} this server accepts",
            draft.len(),
            site.limits.body_bytes
        )));
    }
    if draft.trim().is_empty() {
        return Err(Problem::bad_request(
            "the draft is empty: paste or upload a clause",
        ));
    }
    let fail = |e| Problem::of(e, &site.corpus);
    let limit = params.number("limit", 1, MAX_PRECEDENTS, 5)?;
    let pieces = crate::precedent::split_as(draft, authored).len();
    let most = max_pieces(limit);
    if pieces > most {
        // A lower limit raises the cap only above PIECE_CANDIDATES; at or below it, parts are
        // the one way.
        let lower = if most < max_pieces(1) {
            format!(
                " (at most {} at limit={} or less): send the draft in parts, or a lower limit",
                max_pieces(1),
                PIECE_CANDIDATES
            )
        } else {
            ": send the draft in parts".to_string()
        };
        return Err(Problem::too_large(format!(
            "the draft has {pieces} pieces (articles or paragraphs, each compared on its own); \
             at limit={limit} this server compares at most {most}{lower}"
        )));
    }
    let opts = Options {
        limit,
        docs: crate::corpus::names::ids(&site.corpus.docs, &params.all("doc")).map_err(fail)?,
        exclude: crate::corpus::names::ids(&site.corpus.docs, &params.all("exclude"))
            .map_err(fail)?,
        max_chars: site.max_chars,
        authored,
    };
    let finder = Finder::new(&site.index).map_err(fail)?;
    let chance = match site.chance.get() {
        Some(known) => *known,
        None => {
            // Drafts run side by side: the first to come measures the corpus's chance
            // similarity while the others wait for it, rather than each measuring it again.
            let _measuring = site
                .measuring
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match site.chance.get() {
                Some(known) => *known,
                None => {
                    let measured = finder.chance().map_err(fail)?;
                    let _ = site.chance.set(measured);
                    measured
                }
            }
        }
    };
    let finder = finder.with_chance(chance);
    let stopped = || stop.load(std::sync::atomic::Ordering::Relaxed);
    let mut report = finder
        .find_unless(draft, &opts, &stopped)
        .map_err(fail)?
        .ok_or_else(|| Problem::unavailable("the request was dropped before its search ended"))?;
    report.attach_groups(&site.alignment);
    report.as_written(|doc, key| {
        let reg = site.corpus.docs.iter().find(|d| &d.id == doc)?;
        reg.article_by_key(key).map(|a| a.text.as_str())
    });
    Ok(report)
}

/// The draft, whether it came from an authored file (a .docx, whose paragraphs are never
/// wraps), and the other fields of a precedent form.
pub type PrecedentForm = (String, bool, Vec<(String, String)>);

/// The fields of the precedent form as the page sends it (multipart, with an optional file:
/// `text`, `file`, `limit`, `exclude`, `doc`), for `/precedent` and `/api/precedent` alike.
/// Fields other than `text` and `file` come back all, known or not (see [`form_fields`]).
pub async fn multipart_form(
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<PrecedentForm, Problem> {
    let mut multipart = multipart.map_err(|e| Problem::bad_request(format!("not a form: {e}")))?;
    let mut text = String::new();
    let mut file = String::new();
    let mut authored = false;
    let mut params: Vec<(String, String)> = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                return Err(Problem {
                    status: e.status(),
                    message: format!("cannot read the form: {}", e.body_text()),
                    closest: Vec::new(),
                });
            }
        };
        let name = field.name().unwrap_or("").to_string();
        let bytes = field.bytes().await.map_err(|e| Problem {
            status: e.status(),
            message: format!("cannot read the form: {}", e.body_text()),
            closest: Vec::new(),
        })?;
        match name.as_str() {
            "text" => text = String::from_utf8_lossy(&bytes).into_owned(),
            // An empty file part is what a browser sends when no file was chosen.
            "file" if bytes.is_empty() => {}
            "file" => (file, authored) = decode_draft(&bytes)?,
            // Every other field is handed on: `/api/precedent` refuses one it does not take
            // (a misspelt `limt` would answer for the default limit), `/precedent` keeps
            // those it takes ([`form_fields`]), as pages ignore unknown parameters.
            _ => params.push((name, String::from_utf8_lossy(&bytes).into_owned())),
        }
    }
    let (draft, authored) = if file.trim().is_empty() {
        (text, false)
    } else {
        (file, authored)
    };
    Ok((draft, authored, params))
}

/// The fields of a precedent form sent urlencoded (`text=…&limit=3&exclude=…`), as
/// [`multipart_form`] gives them: the draft (`text`), never from an authored file, and every
/// other field, known or not.
pub fn urlencoded_form(body: &[u8]) -> PrecedentForm {
    let mut text = String::new();
    let mut params = Vec::new();
    for (name, value) in form_urlencoded::parse(body) {
        match name.as_ref() {
            "text" => text = value.into_owned(),
            _ => params.push((name.into_owned(), value.into_owned())),
        }
    }
    (text, false, params)
}

/// The fields of a precedent form a page takes (`limit`, `exclude`, `doc`); the others are
/// ignored, as pages ignore unknown parameters (the API refuses them).
pub fn form_fields(fields: Vec<(String, String)>) -> Vec<(String, String)> {
    fields
        .into_iter()
        .filter(|(name, _)| PRECEDENT_FIELDS.contains(&name.as_str()))
        .collect()
}

/// The settings of a precedent request, besides its draft.
pub const PRECEDENT_FIELDS: [&str; 3] = ["limit", "doc", "exclude"];

/// The draft and the settings of `{"text": …, "limit": 3, "doc": […], "exclude": "…"}`, the
/// JSON body of `/api/precedent`: `limit` a number (or its digits as a string), `doc` and
/// `exclude` a name or a list of names. Any other key is a 400 naming it, as an unknown query
/// parameter is.
pub fn json_form(body: &[u8]) -> Result<PrecedentForm, Problem> {
    use serde_json::Value;
    let shape = "{\"text\": \"…\", \"limit\": 5, \"doc\": [\"…\"], \"exclude\": [\"…\"]}";
    let not = |why: String| Problem::bad_request(format!("the body is not {shape}: {why}"));
    let value: Value = serde_json::from_slice(body).map_err(|e| not(e.to_string()))?;
    if !value.is_object() {
        return Err(not("not a JSON object".to_string()));
    }
    // Read again as pairs in order: a map keeps only a repeated key's last value.
    let Keyed(pairs) = serde_json::from_slice(body).map_err(|e| not(e.to_string()))?;
    if let Some(key) = pairs
        .iter()
        .enumerate()
        .find_map(|(i, (k, _))| pairs[..i].iter().any(|(o, _)| o == k).then_some(k))
    {
        return Err(Problem::bad_request(format!(
            "\"{key}\" is given more than once in the JSON body"
        )));
    }
    let mut text = None;
    let mut params = Vec::new();
    for (key, value) in pairs {
        match (key.as_str(), value) {
            // `null` is a key given empty: as if absent, as `limit=` is in a query.
            (_, Value::Null) if PRECEDENT_FIELDS.contains(&key.as_str()) || key == "text" => {}
            ("text", Value::String(s)) => text = Some(s),
            ("text", _) => return Err(not("\"text\" is not a string".to_string())),
            ("limit", Value::Number(n)) => params.push((key, n.to_string())),
            ("limit", Value::String(s)) => params.push((key, s)),
            ("limit", _) => return Err(not("\"limit\" is not a number".to_string())),
            ("doc" | "exclude", Value::String(s)) => params.push((key, s)),
            ("doc" | "exclude", Value::Array(items)) => {
                for item in items {
                    let Value::String(s) = item else {
                        return Err(not(format!("\"{key}\" holds a value that is not a name")));
                    };
                    params.push((key.clone(), s));
                }
            }
            ("doc" | "exclude", _) => {
                return Err(not(format!("\"{key}\" is not a name or a list of names")));
            }
            _ => {
                return Err(Problem::bad_request(format!(
                    "/api/precedent takes text, limit, doc and exclude in a JSON body ('{key}' \
                     given)"
                )));
            }
        }
    }
    let text = text.ok_or_else(|| not("missing field `text`".to_string()))?;
    Ok((text, false, params))
}

/// A JSON object's members in the order written, a repeated key as often as written (serde_json's
/// map keeps only the last).
struct Keyed(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for Keyed {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = Keyed;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Keyed, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Keyed(pairs))
            }
        }
        de.deserialize_map(Members)
    }
}

/// A draft sent as bytes, read as `guize precedent --file` reads a file: a DOCX, PDF or web page
/// (told by its first bytes, since an upload's name may be anything) has its text taken out;
/// anything else is text, UTF-8 else GB18030. Also whether its line ends are its author's
/// paragraph ends (a DOCX).
pub fn decode_draft(bytes: &[u8]) -> Result<(String, bool), Problem> {
    let cannot = |e: &dyn std::fmt::Display| {
        Problem::bad_request(format!(
            "cannot read the draft: {e} (a draft is text, or a {} file)",
            crate::extract::Format::read_list()
        ))
    };
    crate::extract::extract_unnamed(bytes)
        .map(|d| (d.text, d.authored))
        .map_err(|e| cannot(&e))
}

/// The figures as `/numbers` and `/api/numbers` filter them: `q` (text a row must contain) and
/// `differs` (only rows where the documents disagree), as `guize numbers` does.
pub fn numbers(
    site: &Site,
    params: &Params,
) -> Result<(table::FigureTable, Vec<Provision>), Problem> {
    let mut table = site.numbers.clone();
    if let Some(q) = params.one("q")?.map(str::trim).filter(|q| !q.is_empty()) {
        table.retain_matching(q);
    }
    if params.flag("differs")? {
        table.retain_differing();
    }
    let shown = table.shown(&site.provisions);
    Ok((table, shown))
}
