//! What went wrong with a request, and how it is answered: a status, a message and, for things
//! not found, the closest things that exist. The API answers `{"error": "…", "closest": […]}`, a
//! page shows the same message with links. Library errors are mapped here, once: what a client
//! sent never becomes a 500.

use crate::Error;
use crate::corpus::Corpus;
use crate::model::Regulation;
use crate::text::numeral::{parse_article_ref, parse_number};
use axum::http::StatusCode;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Closest names offered with a 404.
const CLOSEST: usize = 5;

/// One suggestion: what the API lists, and where a page links it.
#[derive(Debug, Clone)]
pub struct Suggestion {
    /// What is suggested (a document, group or article).
    pub name: String,
    /// Where a page links it.
    pub href: String,
}

/// A request that cannot be answered: its HTTP status, what went wrong and what exists instead.
#[derive(Debug)]
pub struct Problem {
    /// The HTTP status.
    pub status: StatusCode,
    /// What went wrong.
    pub message: String,
    /// What the user may have meant.
    pub closest: Vec<Suggestion>,
}

impl Problem {
    /// The text of a route's path parameter; a path axum could not read is said in the words the
    /// query string's errors use.
    pub fn path_text(
        path: Result<axum::extract::Path<String>, axum::extract::rejection::PathRejection>,
    ) -> Result<String, Problem> {
        path.map(|axum::extract::Path(p)| p)
            .map_err(Problem::of_path)
    }

    /// A path axum could not read, as a 400.
    fn of_path(rejection: axum::extract::rejection::PathRejection) -> Problem {
        let said = rejection.body_text();
        if said.contains("UTF-8") {
            Problem::bad_request(
                "the path is not valid UTF-8 once its % escapes are decoded (write text as \
                 UTF-8, each byte escaped: 养犬 is %E5%85%BB%E7%8A%AC)",
            )
        } else {
            Problem::bad_request(format!("bad path: {said}"))
        }
    }

    /// 400: the request is malformed.
    pub fn bad_request(message: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404: nothing of that name.
    pub fn not_found(message: impl Into<String>) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, message)
    }

    /// 413: the request is too large.
    pub fn too_large(message: impl Into<String>) -> Problem {
        Problem::new(StatusCode::PAYLOAD_TOO_LARGE, message)
    }

    /// 503: the work was abandoned (its request was dropped before it ended).
    pub fn unavailable(message: impl Into<String>) -> Problem {
        Problem::new(StatusCode::SERVICE_UNAVAILABLE, message)
    }

    /// 500: the server failed.
    pub fn internal(message: impl Into<String>) -> Problem {
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    fn new(status: StatusCode, message: impl Into<String>) -> Problem {
        Problem {
            status,
            message: message.into(),
            closest: Vec::new(),
        }
    }

    fn with(mut self, closest: Vec<Suggestion>) -> Problem {
        self.closest = closest;
        self
    }

    /// A library error met while answering a request about `corpus`.
    pub fn of(err: Error, corpus: &Corpus) -> Problem {
        let message = err.to_string();
        match err {
            Error::UnknownDoc { query, .. } | Error::AmbiguousDoc { query, .. } => {
                Problem::not_found(message).with(closest_docs(corpus, &query))
            }
            Error::UnknownArticle { doc, query, .. } => {
                let closest = corpus
                    .docs
                    .iter()
                    .find(|d| d.id.as_str() == doc)
                    .map(|d| closest_articles(d, &query))
                    .unwrap_or_default();
                Problem::not_found(message).with(closest)
            }
            Error::NotInGroup { .. } => Problem::not_found(message),
            // The article and the words the message offers, as links to their comparisons.
            Error::DocumentsWithoutMatter {
                query,
                example: Some((article, words)),
                ..
            } => {
                let with_words = format!("{query} {words}");
                let closest = [article, with_words]
                    .into_iter()
                    .map(|what| Suggestion {
                        href: format!("/compare/{}", path_escape(&what)),
                        name: what,
                    })
                    .collect();
                Problem::bad_request(message).with(closest)
            }
            Error::NoMatch {
                groups, articles, ..
            } => {
                let closest = groups
                    .into_iter()
                    .map(|(id, _)| Suggestion {
                        href: format!("/compare/{}", path_escape(&id)),
                        name: id,
                    })
                    .chain(articles.into_iter().map(|(r, _)| Suggestion {
                        href: format!("/compare/{}", path_escape(&r)),
                        name: r,
                    }))
                    .collect();
                Problem::not_found(message).with(closest)
            }
            Error::NoGroup { closest, .. } => {
                let closest = closest
                    .into_iter()
                    .map(|(id, _)| Suggestion {
                        href: format!("/compare/{}", path_escape(&id)),
                        name: id,
                    })
                    .collect();
                Problem::not_found(message).with(closest)
            }
            Error::DraftTooLong { .. } => Problem::too_large(message),
            Error::Parse { .. }
            | Error::DocumentNotArticle { .. }
            | Error::UnknownChapter { .. }
            | Error::AmbiguousChapter { .. }
            | Error::ArticleWithoutDocument { .. }
            | Error::DocumentsWithoutMatter { .. }
            | Error::KindWithoutMatter { .. }
            | Error::UnbalancedQuote { .. }
            | Error::NothingToSearch { .. }
            | Error::ExcludesWhatItAsks { .. }
            | Error::QueryTooLong { .. }
            | Error::NoDocumentLeft
            | Error::EmptyDraft
            | Error::DraftOnlyHeads { .. }
            | Error::BaseNotInGroup { .. }
            | Error::BaseOfAnotherKind { .. }
            | Error::BaseInPart { .. } => Problem::bad_request(message),
            _ => Problem::internal(message),
        }
    }
}

/// Documents whose id or alias is closest to `query`, each once.
pub fn closest_docs(corpus: &Corpus, query: &str) -> Vec<Suggestion> {
    crate::corpus::names::closest(&corpus.docs, query)
        .into_iter()
        .take(CLOSEST)
        .map(|doc| Suggestion {
            name: doc.id.to_string(),
            href: format!("/doc/{}", path_escape(doc.id.as_str())),
        })
        .collect()
}

/// Articles of `doc` nearest the number `query` names (the first ones when it names none).
pub fn closest_articles(doc: &Regulation, query: &str) -> Vec<Suggestion> {
    let mut near: Vec<_> = doc.articles.iter().collect();
    if let Some((n, _)) = parse_article_ref(query) {
        near.sort_by_key(|a| (a.number.abs_diff(n), a.number, a.sub));
    } else if let Some(chapter) = chapter_named(query) {
        // A chapter alone (历下 第八章): its own articles first, in order.
        near.sort_by_key(|a| a.chapter.number != chapter);
    }
    near.into_iter()
        .take(CLOSEST)
        .map(|a| Suggestion {
            name: format!("{}:{}", doc.id, a.number),
            href: format!("/doc/{}/{}", path_escape(doc.id.as_str()), a.number),
        })
        .collect()
}

/// The number of the chapter `query` names (第八章 in `历下 第八章`), if it names one.
fn chapter_named(query: &str) -> Option<u32> {
    let (_, after) = query.split_once('第')?;
    let (number, _) = after.split_once('章')?;
    parse_number(number.trim())
}

/// Bytes escaped in a path segment: all but unreserved ASCII, `/` and `:` (ids hold `/`,
/// article references `:`).
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/')
    .remove(b':');

/// Bytes escaped in a query-string value.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `text` made safe as part of a URL path.
pub fn path_escape(text: &str) -> String {
    utf8_percent_encode(text, PATH).to_string()
}

/// `text` made safe as a query-string value.
pub fn query_escape(text: &str) -> String {
    utf8_percent_encode(text, QUERY).to_string()
}
