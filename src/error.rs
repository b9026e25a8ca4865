//! The library's error type: every variant says where it happened.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {msg}")]
    Parse {
        path: PathBuf,
        line: usize,
        msg: String,
    },
    #[error("{path}: {msg}")]
    Manifest { path: PathBuf, msg: String },
    #[error("unknown document '{query}'; known: {known}")]
    UnknownDoc { query: String, known: String },
    #[error("{doc} has no article '{query}'; closest: {known}")]
    UnknownArticle {
        doc: String,
        query: String,
        known: String,
    },
    #[error("index at {path}: {msg}")]
    Index { path: PathBuf, msg: String },
    #[error("{0}")]
    Invalid(String),
    #[error("{doc} article {article} is in no clause group")]
    NotInGroup { doc: String, article: u32 },
    /// Words that name no group or article: the closest groups `(id, label)` and articles
    /// `("doc:article", excerpt)`.
    #[error("{}", no_match_message(what, groups, articles))]
    NoMatch {
        what: String,
        groups: Vec<(String, String)>,
        articles: Vec<(String, String)>,
    },
    #[error(
        "the draft has {chars} characters, more than the longest regulation of the corpus \
         ({max}); give one clause or a few"
    )]
    DraftTooLong { chars: usize, max: usize },
}

fn no_match_message(
    what: &str,
    groups: &[(String, String)],
    articles: &[(String, String)],
) -> String {
    let groups: Vec<String> = groups
        .iter()
        .map(|(id, label)| format!("{id} ({label})"))
        .collect();
    let articles: Vec<String> = articles
        .iter()
        .map(|(r, text)| format!("{r} {text}"))
        .collect();
    format!(
        "'{what}' is no group id, article reference or matching search words\n  closest groups: {}\n  closest articles: {}",
        groups.join("; "),
        articles.join("; ")
    )
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
