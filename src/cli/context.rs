//! Settings shared by every subcommand, and the corpus loaded at most once per process.

use super::output::note;
use super::{Cli, ColorChoice};
use crate::corpus::Corpus;
use crate::model::Regulation;
use anyhow::{Context as _, Result};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::OnceLock;

pub struct Ctx {
    pub corpus_dir: PathBuf,
    pub index_dir: PathBuf,
    /// Colour on stdout: `--color`, else a terminal without NO_COLOR.
    pub color: bool,
    corpus: OnceLock<Corpus>,
    /// Print every load warning, however many (set by `guize corpus --warnings`).
    pub all_warnings: bool,
}

/// Beyond this many load warnings, only their count is printed.
const MAX_WARNINGS_SHOWN: usize = 5;

impl Ctx {
    pub fn new(cli: &Cli) -> Ctx {
        let corpus_dir = cli.corpus.clone().unwrap_or_else(|| default_dir("corpus"));
        let index_dir = cli.index.clone().unwrap_or_else(|| default_dir("index"));
        let color = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        Ctx {
            corpus_dir,
            index_dir,
            color,
            corpus: OnceLock::new(),
            all_warnings: false,
        }
    }

    /// The corpus, loaded on first use; its warnings go to stderr once.
    pub fn corpus(&self) -> Result<&Corpus> {
        if let Some(c) = self.corpus.get() {
            return Ok(c);
        }
        let corpus = Corpus::load(&self.corpus_dir)
            .with_context(|| format!("cannot load corpus {}", self.corpus_dir.display()))?;
        let warnings: Vec<_> = corpus.warnings().cloned().collect();
        self.print_warnings(&warnings);
        if corpus.docs.is_empty() {
            anyhow::bail!(
                "the corpus {} has no documents: no .txt or .md file in it has articles{}",
                self.corpus_dir.display(),
                if warnings.is_empty() {
                    ""
                } else {
                    " (see the warnings above)"
                }
            );
        }
        Ok(self.corpus.get_or_init(|| corpus))
    }

    /// True once the corpus has been loaded (and its warnings printed).
    pub fn corpus_loaded(&self) -> bool {
        self.corpus.get().is_some()
    }

    /// Load warnings on stderr: a few as they are; many (a large corpus) as a count, so that they
    /// do not bury the output. `guize corpus --warnings` always lists them all.
    pub fn print_warnings(&self, warnings: &[crate::model::Warning]) {
        if warnings.len() <= MAX_WARNINGS_SHOWN || self.all_warnings {
            for w in warnings {
                note(format_args!("warning: {w}"));
            }
        } else {
            note(format_args!(
                "{} warnings while loading the corpus (`guize corpus --warnings` lists them)",
                warnings.len()
            ));
        }
    }
}

impl Ctx {
    /// The documents named by `queries` (ids or aliases), in the order given; all when empty.
    pub fn docs(&self, queries: &[String]) -> Result<Vec<&Regulation>> {
        let corpus = self.corpus()?;
        if queries.is_empty() {
            return Ok(corpus.docs.iter().collect());
        }
        // `--doc lixia --doc 历下` names one document once.
        let mut docs: Vec<&Regulation> = Vec::new();
        for q in queries {
            let d = corpus.doc(q)?;
            if !docs.iter().any(|x| x.id == d.id) {
                docs.push(d);
            }
        }
        Ok(docs)
    }
}

/// `./NAME` when it exists (running from a checkout), else the folder beside the package sources.
fn default_dir(name: &str) -> PathBuf {
    let local = PathBuf::from(name);
    if local.exists() {
        local
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)
    }
}
