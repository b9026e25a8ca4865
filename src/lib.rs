//! guize (规则) turns Chinese government regulations into a searchable, comparable corpus.
//!
//! The pipeline: [`corpus`] finds and decodes documents → [`parse`] turns text into a
//! [`model::Regulation`] of chapters and articles → `segment` splits Chinese text into words with
//! jieba → `index` stores articles in tantivy and answers searches → `align` groups equivalent
//! clauses across documents → `diff` marks what differs inside a group → `render` writes terminal,
//! Markdown, HTML or JSON. The `cli` module is the glue and the only place that prints.

pub mod align;
pub mod builtin;
pub mod cite;
pub mod cli;
pub mod corpus;
pub mod diff;
pub mod error;
pub mod extract;
pub mod index;
pub mod lookup;
pub mod model;
pub mod numbers;
pub mod parse;
pub mod precedent;
pub mod render;
pub mod report;
pub mod safe_text;
pub mod segment;
pub mod serve;
pub mod suggest;
pub mod versions;

pub use error::{Error, Result};
