//! The corpus's `manifest.json`: district, city, aliases and title per document id, kept in the
//! order the manifest lists them. Reading it is the only I/O here.

use super::discover::{SourceFile, read_regular};
use crate::error::{Error, Result};
use crate::model::Warning;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The manifest's file name under the corpus root.
pub const MANIFEST: &str = "manifest.json";

/// What the manifest says of one document.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Entry {
    #[serde(default)]
    pub(super) district: String,
    #[serde(default)]
    pub(super) city: String,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
    #[serde(default)]
    pub(super) title: Option<String>,
}

/// `{"documents": {"lixia": {...}, ...}}`, keeping the order the manifest lists them in.
#[derive(Debug, Default)]
pub(super) struct Manifest {
    pub(super) entries: Vec<(String, Entry)>,
}

impl<'de> Deserialize<'de> for Manifest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            #[serde(default)]
            documents: Ordered,
        }
        #[derive(Default)]
        struct Ordered(Vec<(String, Entry)>);
        impl<'de> Deserialize<'de> for Ordered {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> std::result::Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = Ordered;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("an object of document ids")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> std::result::Result<Ordered, A::Error> {
                        let mut out = Vec::new();
                        while let Some((k, v)) = map.next_entry::<String, Entry>()? {
                            out.push((k, v));
                        }
                        Ok(Ordered(out))
                    }
                }
                d.deserialize_map(V)
            }
        }
        let raw = Raw::deserialize(d)?;
        Ok(Manifest {
            entries: raw.documents.0,
        })
    }
}

impl Manifest {
    /// The manifest of `root` (none when absent), the file as read, and a warning when it is
    /// malformed: one bad file does not stop the corpus, whose documents then load with what
    /// their texts say.
    pub(super) fn read(root: &Path) -> Result<(Manifest, Option<SourceFile>, Option<Warning>)> {
        let path = root.join(MANIFEST);
        let (stat, bytes) = match read_regular(&path) {
            Ok(r) => r,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok((Manifest::default(), None, None));
            }
            Err(source) => return Err(Error::Io { path, source }),
        };
        let source = SourceFile::new(MANIFEST.to_string(), stat, Some(&bytes));
        match Manifest::parse(path.clone(), &bytes) {
            Ok(manifest) => Ok((manifest, Some(source), None)),
            Err(e) => {
                let message = match e {
                    Error::Manifest { msg, .. } => msg,
                    other => other.to_string(),
                };
                let warning = Warning {
                    path,
                    line: 0,
                    message: format!("{message}; the manifest is ignored"),
                };
                Ok((Manifest::default(), Some(source), Some(warning)))
            }
        }
    }

    /// The manifest in `bytes`; `path` names it in errors.
    pub(super) fn parse(path: PathBuf, bytes: &[u8]) -> Result<Manifest> {
        let text = std::str::from_utf8(bytes).map_err(|e| Error::Manifest {
            path: path.clone(),
            msg: format!("not UTF-8 (invalid at byte {})", e.valid_up_to()),
        })?;
        // Editors on Windows write a byte order mark; it is not part of the JSON.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // serde_json's message already ends "at line L column C".
        serde_json::from_str(text).map_err(|e| Error::Manifest {
            path,
            msg: e.to_string(),
        })
    }

    pub(super) fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|(k, _)| k == id).map(|(_, e)| e)
    }

    pub(super) fn position(&self, id: &str) -> usize {
        self.entries
            .iter()
            .position(|(k, _)| k == id)
            .unwrap_or(usize::MAX)
    }
}
