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
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
