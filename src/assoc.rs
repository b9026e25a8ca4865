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

    /// The words the built-in table associates with `word`, heaviest first, as
    /// [`Associations::associated`] on the shipped [`Associations::builtin`] gives them (ties in the order of
    /// the words' first appearance in the file), read from the file's text without decoding the
    /// table when it has not been decoded yet: a search asks for the few words of its query, and
    /// decoding all 98,738 pairs would cost more than the rest of the search.
    pub fn builtin_associated(word: &str) -> Vec<(String, f32)> {
        if let Some(table) = BUILTIN.get() {
            return table
                .associated(word)
                .map(|(w, a)| (w.to_string(), a))
                .collect();
        }
        builtin_pairs().map_or_else(Vec::new, |text| scan(text, word))
    }

    /// True once the built-in table has been decoded in this process (for tests that check what
    /// a command loads).
    pub fn builtin_decoded() -> bool {
        BUILTIN.get().is_some()
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

/// The words associated with `word` in `text` (the pair lines of a well-formed table),
/// heaviest first, ties in the order of the words' first appearance.
fn scan(text: &str, word: &str) -> Vec<(String, f32)> {
    if word.is_empty() || word.chars().any(char::is_whitespace) {
        return Vec::new();
    }
    let mut found: Vec<(&str, f32)> = Vec::new();
    for at in fields(text, word) {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let mut cells = text[start..end].split('\t');
        let (Some(a), Some(b), Some(w), None) =
            (cells.next(), cells.next(), cells.next(), cells.next())
        else {
            continue;
        };
        let Some(weight) = w.parse::<f32>().ok().filter(|w| w.is_finite()) else {
            continue;
        };
        let other = if a == word { b } else { a };
        found.push((other, weight));
    }
    // The decoded table breaks ties by id, which is the order in which words first appear.
    let first = |w: &str| fields(text, w).next().unwrap_or(usize::MAX);
    let mut keyed: Vec<(&str, f32, usize)> = found
        .iter()
        .map(|&(w, a)| {
            let tied = found.iter().filter(|o| o.1 == a).count() > 1;
            (w, a, if tied { first(w) } else { 0 })
        })
        .collect();
    keyed.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.2.cmp(&y.2)));
    keyed
        .into_iter()
        .map(|(w, a, _)| (w.to_string(), a))
        .collect()
}

/// The pair lines of the built-in file (after its header and count), `None` when the file is
/// not a table of this version.
fn builtin_pairs() -> Option<&'static str> {
    // Checked as UTF-8 once per process, not once per query word (2 MB a word: a query of a
    // thousand words spent seconds here).
    static PAIRS: OnceLock<Option<&'static str>> = OnceLock::new();
    *PAIRS.get_or_init(|| {
        let text = std::str::from_utf8(BUILTIN_BYTES).ok()?;
        let rest = text.strip_prefix(HEADER)?.strip_prefix('\n')?;
        let count_end = rest.find('\n')?;
        Some(&rest[count_end + 1..])
    })
}

/// Byte offsets in `text` (pair lines) where `word` stands as a whole word field: after the
/// start of a line or a tab, and followed by a tab.
fn fields<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    let bytes = text.as_bytes();
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(move |&at| {
            let before = at.checked_sub(1).map(|i| bytes[i]);
            matches!(before, None | Some(b'\n' | b'\t'))
                && bytes.get(at + word.len()) == Some(&b'\t')
        })
}

fn malformed(msg: String) -> Error {
    Error::Associations { msg }
}

#[cfg(test)]
mod tests {
    use super::{Associations, builtin_pairs, scan};

    /// Read from the text, a word's associations are the decoded table's, in its order (ties
    /// included), for every word of the first thousand pairs and words absent from the table.
    #[test]
    fn a_word_read_from_the_text_has_the_decoded_tables_associations() {
        let table = Associations::try_builtin().expect("the shipped table decodes");
        let text = builtin_pairs().expect("the shipped table has pairs");
        let mut words: Vec<&str> = text
            .lines()
            .take(1000)
            .flat_map(|l| l.split('\t').take(2))
            .collect();
        words.sort_unstable();
        words.dedup();
        words.extend(["常务会议", "全体会议", "并无此词", "", "规 定"]);
        let mut tied = 0;
        for w in words {
            let decoded: Vec<(String, f32)> = table
                .associated(w)
                .map(|(v, a)| (v.to_string(), a))
                .collect();
            tied += decoded.windows(2).filter(|p| p[0].1 == p[1].1).count();
            assert_eq!(scan(text, w), decoded, "{w}");
        }
        assert!(tied > 100, "the sample holds ties ({tied})");
    }
}
