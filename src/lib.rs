//! guize (规则) turns Chinese government regulations into a searchable, comparable corpus.
//!
//! The pipeline: [`corpus`] finds and decodes documents → [`parse`] turns text into a
//! [`Regulation`] of chapters and articles → [`segment`] splits Chinese text into words with
//! jieba → [`index`] stores articles in tantivy and answers searches → [`align`] groups equivalent
//! clauses across documents → [`diff`] marks what differs inside a group → [`report`] gathers
//! format-neutral results → [`render`] writes terminal, Markdown, HTML or JSON. [`text`] holds the
//! primitives every stage shares (numerals, quantities, width, sentences). The library never
//! prints; the `cli` module (feature `cli`, on by default) is the glue and the only place that
//! does. Without default features the library builds without clap, anyhow, indicatif, axum or
//! tokio.
//!
//! Load a corpus, align it, compare one clause group and render it:
//!
//! ```
//! use guize::render::{Markdown, Render};
//! use guize::report::{BaseKind, compare_group};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // The five district work rules built into the crate (`Corpus::load(path)` reads a folder).
//! let corpus = guize::builtin::load()?;
//! let alignment = guize::align::align(&corpus.docs);
//! // The clause group holding 历下 article 39, with what each document says differently.
//! let lixia = corpus.doc("lixia")?;
//! let group = alignment.group_of(&lixia.id, 39).expect("article 39 is aligned");
//! let docs: Vec<&guize::Regulation> = corpus.docs.iter().collect();
//! let compared = compare_group(&docs, group, &BaseKind::Medoid)?;
//! let mut out = Vec::new();
//! Markdown.compare(&mut out, &compared)?;
//! let markdown = String::from_utf8(out)?;
//! assert!(markdown.contains("历下"));
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod align;
pub mod assoc;
pub mod builtin;
pub mod cite;
// The command line is the binary's glue, not library API: public only so `main.rs` reaches it.
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;
pub mod corpus;
pub mod diff;
pub mod error;
pub mod extract;
pub mod index;
pub mod lookup;
pub mod meaning;
pub mod model;
pub mod numbers;
pub mod parse;
pub mod precedent;
pub mod render;
pub mod report;
pub mod safe_text;
pub mod segment;
#[cfg(feature = "serve")]
pub mod serve;
pub mod suggest;
pub mod text;
pub mod versions;

pub use align::{Alignment, Group};
pub use corpus::Corpus;
pub use error::{Error, Result};
pub use model::{Article, DocId, Regulation};
