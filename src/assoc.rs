//! Which words do drafters put in each other's place? A table of word associations learned by
//! distant supervision from lawrefbook's own families of regulations (the same regulation of
//! different places: 城市绿化条例 of twenty cities, 物业管理条例 of eighteen): each family was
//! aligned by guize itself, only confident counterparts were kept (each other's best match, far
//! above the corpus's chance similarity), and a pair of words counts as associated when one is
//! written in one article but not its counterpart and the other in the counterpart but not the
//! first, in more aligned pairs than chance within each family would give
//! (`examples/mine_assoc.rs`). Shipped as `corpus/assoc.tsv`, compiled into the binary.
//!
//! The file format (UTF-8 text, lines ended by `\n`):
//!
//! ```text
//! guize-assoc<TAB>1
//! <number of pairs>
//! <word><TAB><word><TAB><weight>      one line per unordered pair
//! ```
//!
//! A weight lies in (0, 1]: the share of the pair's co-occurrences over the aligned articles that
//! chance within the families does not explain, shrunk for pairs seen rarely:
//! `(observed − expected) / (observed + 10)`, both counts over the two directions of the pairs. Words hold no
//! whitespace, the two words of a pair differ, and a pair appears once. Nothing may follow the
//! declared pairs. A malformed file is [`Error::Associations`] naming the line, never a panic.

use crate::error::{Error, Result};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The first line of an association file.
pub const HEADER: &str = "guize-assoc\t1";

/// The table of `corpus/assoc.tsv`, as compiled into the binary.
pub const BUILTIN_BYTES: &[u8] = include_bytes!("../corpus/assoc.tsv");

static BUILTIN: OnceLock<Associations> = OnceLock::new();

/// Symmetric word associations: for each word, the words associated with it and the weight.
#[derive(Debug, Clone, Default)]
pub struct Associations {
    words: Vec<Box<str>>,
    index: HashMap<Box<str>, u32>,
    /// Per word, its associated words (ids) with their weight, heaviest first.
    neighbours: Vec<Vec<(u32, f32)>>,
    pairs: usize,
}

impl Associations {
    /// The built-in table, decoded on first use; empty were the shipped file ever malformed
    /// ([`Associations::try_builtin`] gives the error).
    pub fn builtin() -> &'static Associations {
        BUILTIN.get_or_init(|| Associations::from_bytes(BUILTIN_BYTES).unwrap_or_default())
    }

    /// Decodes the built-in file again, with its error if it is malformed.
    pub fn try_builtin() -> Result<Associations> {
        Associations::from_bytes(BUILTIN_BYTES)
    }

    /// Reads a table in the format of the module documentation.
    pub fn from_bytes(bytes: &[u8]) -> Result<Associations> {
        let text = std::str::from_utf8(bytes)
            .map_err(|e| malformed(format!("not UTF-8 (at byte {})", e.valid_up_to())))?;
        let Some(body) = text.strip_suffix('\n') else {
            return Err(malformed(if text.is_empty() {
                "empty file".into()
            } else {
                "the last line is not ended by a newline (cut off?)".into()
            }));
        };
        let mut lines = body.split('\n');
        if lines.next() != Some(HEADER) {
            return Err(malformed(format!(
                "line 1: expected the header {HEADER:?} (not an association table, or another version)"
            )));
        }
        let declared: usize = lines
            .next()
            .and_then(|l| l.parse().ok())
            .ok_or_else(|| malformed("line 2: expected the number of pairs".into()))?;
        let mut table = Associations::default();
        let mut seen = std::collections::HashSet::new();
        for (i, line) in lines.enumerate() {
            let at = i + 3;
            if i >= declared {
                return Err(malformed(format!(
                    "line {at}: more lines than the {declared} pairs declared"
                )));
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [a, b, w] = fields.as_slice() else {
                return Err(malformed(format!(
                    "line {at}: expected word, word and weight separated by tabs"
                )));
            };
            for word in [a, b] {
                if word.is_empty() || word.chars().any(char::is_whitespace) {
                    return Err(malformed(format!(
                        "line {at}: an empty word or one with spaces"
                    )));
                }
            }
            if a == b {
                return Err(malformed(format!(
                    "line {at}: a word associated with itself"
                )));
            }
            let weight: f32 = w
                .parse()
                .ok()
                .filter(|w: &f32| w.is_finite() && *w > 0.0 && *w <= 1.0)
                .ok_or_else(|| malformed(format!("line {at}: weight {w:?} is not in (0, 1]")))?;
            let (x, y) = (table.intern(a), table.intern(b));
            if !seen.insert((x.min(y), x.max(y))) {
                return Err(malformed(format!(
                    "line {at}: the pair {a} {b} appears twice"
                )));
            }
            table.neighbours[x as usize].push((y, weight));
            table.neighbours[y as usize].push((x, weight));
            table.pairs += 1;
        }
        if table.pairs != declared {
            return Err(malformed(format!(
                "{} pairs where {declared} were declared (cut off?)",
                table.pairs
            )));
        }
        for n in &mut table.neighbours {
            n.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        Ok(table)
    }

    /// Writes `pairs` (word, word, weight) in the file format, in the order given. Pairs that
    /// would not read back (a weight outside (0, 1], a word with whitespace, a repeated pair) are
    /// an error.
    pub fn to_text(pairs: &[(String, String, f32)]) -> Result<String> {
        let mut out = format!("{HEADER}\n{}\n", pairs.len());
        for (a, b, w) in pairs {
            out.push_str(&format!("{a}\t{b}\t{w:.3}\n"));
        }
        Associations::from_bytes(out.as_bytes())?;
        Ok(out)
    }

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.index.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.into());
        self.index.insert(word.into(), id);
        self.neighbours.push(Vec::new());
        id
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs
    }

    /// Whether the table holds no pair.
    pub fn is_empty(&self) -> bool {
        self.pairs == 0
    }

    /// The weight of the association of `a` and `b` (either order), if they are associated.
    pub fn get(&self, a: &str, b: &str) -> Option<f32> {
        let (x, y) = (*self.index.get(a)?, *self.index.get(b)?);
        self.neighbours[x as usize]
            .iter()
            .find(|n| n.0 == y)
            .map(|n| n.1)
    }

    /// The words associated with `word`, heaviest first.
    pub fn associated(&self, word: &str) -> impl Iterator<Item = (&str, f32)> + '_ {
        let list = self
            .index
            .get(word)
            .map_or(&[][..], |&x| self.neighbours[x as usize].as_slice());
        list.iter().map(|&(y, w)| (&*self.words[y as usize], w))
    }
}

fn malformed(msg: String) -> Error {
    Error::Associations { msg }
}
