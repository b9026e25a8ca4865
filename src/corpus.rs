//! Finds the documents under a corpus root, reads and decodes them, loads their manifest metadata
//! and parses each into a [`Regulation`]. One bad document is a warning, never the end of the load.

use crate::error::{Error, Result};
use crate::model::{Regulation, Warning};
use std::path::{Path, PathBuf};

/// All documents of one corpus root, in a stable order (manifest order, then path order).
#[derive(Debug, Clone)]
pub struct Corpus {
    pub root: PathBuf,
    pub docs: Vec<Regulation>,
    /// Warnings about the corpus as a whole (unreadable files, manifest problems).
    pub load_warnings: Vec<Warning>,
}

impl Corpus {
    /// Loads every `.txt` and `.md` file under `root`.
    pub fn load(root: &Path) -> Result<Corpus> {
        Err(Error::Invalid(format!(
            "corpus loading not built yet: {}",
            root.display()
        )))
    }

    /// Every warning: the corpus's own, then each document's.
    pub fn warnings(&self) -> impl Iterator<Item = &Warning> {
        self.load_warnings
            .iter()
            .chain(self.docs.iter().flat_map(|d| d.warnings.iter()))
    }

    /// Finds a document by id or alias (历下, 历下区, lixia); the error lists the closest ones.
    pub fn doc(&self, query: &str) -> Result<&Regulation> {
        self.docs
            .iter()
            .find(|d| d.id.as_str() == query || d.meta.aliases.iter().any(|a| a == query))
            .ok_or_else(|| Error::UnknownDoc {
                query: query.to_string(),
                known: self
                    .docs
                    .iter()
                    .map(|d| d.id.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}
