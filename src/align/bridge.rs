//! A word translation table learned from the corpus being aligned (`SimWeights::bridge`): the
//! corpus's own confident counterparts (each other's best candidate in their two documents, well
//! above the corpus's null distribution and ahead of each side's runner-up) are read as a
//! parallel text, and an IBM-Model-1 table `t(v | u)` (words of one article against the words of
//! its counterpart, with a NULL word) is fitted by a few EM iterations. A pair of words is kept
//! when `u` and `v` differ, they meet in at least two counterpart pairs and `t(v | u)` is well
//! above chance (the share of `v` among all target words). Learned from the family itself, the
//! table can hold its own drafting equivalents (犬尸 ~ 尸体) and nothing topical from elsewhere.
//! Cost: one pass over the candidate pairs to find the counterparts, then a few iterations over
//! the counterparts' word pairs (each article's words capped), linear in the corpus.

use super::features::SparseVec;
use super::similarity::{PairLists, mutual_best};
use super::space::Space;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// EM iterations of the fit.
const ITERATIONS: usize = 5;
/// Heaviest words of an article read by the fit (bounds the cost of long articles).
const MAX_WORDS: usize = 48;
/// Least lead of a counterpart over the runner-up of each side.
const LEAD: f32 = 0.03;
/// Least number of counterpart pairs that a pair of words bridges (one article says `u` and not
/// `v`, its counterpart `v` and not `u`) for the pair to be kept.
const MIN_PAIRS: u32 = 2;
/// Most counterpart pairs the table is fitted on (the strongest): more than a family of a few
/// documents has (the five have a few hundred), a bound on the fit's time and memory for a
/// corpus of hundreds of regulations (the 472 of a province would otherwise need gigabytes).
const MAX_COUNTERPARTS: usize = 1_000;
/// Most partners kept per word (the strongest).
const MAX_PARTNERS: usize = 16;

/// The confident counterparts among the scored candidate pairs: each other's best in the other's
/// document, `z_min` robust spreads above the null median, [`LEAD`] ahead of the runner-up of
/// each side. As (x, y) with x < y.
pub(crate) fn counterparts(space: &Space, pairs: &PairLists, z_min: f32) -> Vec<(usize, usize)> {
    let scores = |x: usize| pairs[x].iter().copied();
    let mut out: Vec<(f32, usize, usize)> = mutual_best(space, scores, z_min, LEAD)
        .into_iter()
        .map(|(x, y, s)| (s, x, y))
        .collect();
    // The strongest first; a corpus of hundreds of documents teaches its table from its
    // MAX_COUNTERPARTS strongest counterparts, so that the fit costs the same at any size.
    out.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    out.truncate(MAX_COUNTERPARTS);
    out.into_iter().map(|(_, x, y)| (x, y)).collect()
}

/// The heaviest [`MAX_WORDS`] words of article `x`.
fn words_of(space: &Space, x: usize) -> Vec<u32> {
    let mut w: Vec<(u32, f32)> = space.words[x].iter().collect();
    if w.len() > MAX_WORDS {
        w.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        w.truncate(MAX_WORDS);
    }
    w.into_iter().map(|p| p.0).collect()
}

/// The parallel text of the fit, laid out once for the EM iterations. Words are dense local ids
/// (in order of first appearance; NULL is the last id). A sentence is a pair of articles
/// (source, target), both directions of each counterpart pair. Each word pair (`u`, `v`) that
/// meets (`u` in a source, or NULL, and `v` in its target) has a slot; the slots of one source
/// word are contiguous (`blocks[u]..blocks[u + 1]`) and in the order its pairs first occur in the
/// text, so that its counts add up in the order a walk over the text would meet them. One cell per
/// sentence, source word (NULL last) and target word: `cells[start[s] + j * |tgt| + k]` is the
/// slot of (`src[j]`, `tgt[k]`), so that one source word's slots in a sentence lie side by side.
struct Text {
    /// Global word id of each local id but NULL.
    global: Vec<u32>,
    /// Each article's words (local ids), heaviest first when it has more than [`MAX_WORDS`].
    articles: Vec<Vec<u32>>,
    /// Per sentence: its source and target article (indices into `articles`).
    sentences: Vec<(usize, usize)>,
    /// Per sentence: its first cell.
    start: Vec<usize>,
    cells: Vec<u32>,
    blocks: Vec<usize>,
    /// Per local word (NULL last): where it stands as a source word, (sentence, j), in sentence
    /// order.
    uses: Vec<Vec<(u32, u32)>>,
    /// Per slot: its source and target word.
    keys: Vec<(u32, u32)>,
    /// Per slot: in how many sentences `u` stands in the source without `v` and `v` in the
    /// target without `u` (the pair bridges a difference of wording).
    bridging: Vec<u32>,
    /// Per local word: how often it stands in a target; and the number of target words.
    target_count: Vec<u32>,
    target_total: usize,
}

impl Text {
    fn new(space: &Space, pairs: &[(usize, usize)]) -> Text {
        let mut local = vec![u32::MAX; space.word_vocab.strings.len()];
        let mut global: Vec<u32> = Vec::new();
        let mut index: BTreeMap<usize, usize> = BTreeMap::new();
        let mut articles: Vec<Vec<u32>> = Vec::new();
        for x in pairs.iter().flat_map(|&(x, y)| [x, y]) {
            if index.contains_key(&x) {
                continue;
            }
            let ids = words_of(space, x)
                .into_iter()
                .map(|w| {
                    let l = &mut local[w as usize];
                    if *l == u32::MAX {
                        *l = global.len() as u32;
                        global.push(w);
                    }
                    *l
                })
                .collect();
            index.insert(x, articles.len());
            articles.push(ids);
        }
        let null = global.len();
        let sentences: Vec<(usize, usize)> = pairs
            .iter()
            .flat_map(|&(x, y)| [(index[&x], index[&y]), (index[&y], index[&x])])
            .collect();
        let mut start = Vec::with_capacity(sentences.len());
        let (mut n_cells, mut n_targets) = (0usize, 0usize);
        let mut uses: Vec<Vec<(u32, u32)>> = vec![Vec::new(); null + 1];
        let mut target_count = vec![0u32; null];
        for (s, &(a, b)) in sentences.iter().enumerate() {
            let (src, tgt) = (&articles[a], &articles[b]);
            start.push(n_cells);
            n_cells += tgt.len() * (src.len() + 1);
            n_targets += tgt.len();
            for (j, &u) in src.iter().enumerate() {
                uses[u as usize].push((s as u32, j as u32));
            }
            uses[null].push((s as u32, src.len() as u32));
            for &v in tgt {
                target_count[v as usize] += 1;
            }
        }
        // Per sentence: which target words the source lacks and which source words the target
        // lacks (marks: the sentence's number, twice over).
        let mut mark = vec![usize::MAX; null];
        let lacks: Vec<(Vec<bool>, Vec<bool>)> = sentences
            .iter()
            .enumerate()
            .map(|(s, &(a, b))| {
                let (src, tgt) = (&articles[a], &articles[b]);
                src.iter().for_each(|&u| mark[u as usize] = 2 * s);
                let tgt_new: Vec<bool> = tgt.iter().map(|&v| mark[v as usize] != 2 * s).collect();
                tgt.iter().for_each(|&v| mark[v as usize] = 2 * s + 1);
                let src_new = src.iter().map(|&u| mark[u as usize] != 2 * s + 1).collect();
                (src_new, tgt_new)
            })
            .collect();
        // Slots, one source word after the other: `seen[v]` is the last source word that met
        // `v` and the slot of that pair.
        let mut cells = vec![0u32; n_cells];
        let mut blocks = Vec::with_capacity(null + 2);
        let mut keys: Vec<(u32, u32)> = Vec::new();
        let mut bridging: Vec<u32> = Vec::new();
        let mut seen = vec![(u32::MAX, 0u32); null];
        for (u, at) in uses.iter().enumerate() {
            blocks.push(keys.len());
            for &(s, j) in at {
                let (s, j) = (s as usize, j as usize);
                let tgt = &articles[sentences[s].1];
                let row = start[s] + j * tgt.len();
                let bridges_from = u != null && lacks[s].0[j];
                for (k, &v) in tgt.iter().enumerate() {
                    let slot = &mut seen[v as usize];
                    if slot.0 != u as u32 {
                        *slot = (u as u32, keys.len() as u32);
                        keys.push((u as u32, v));
                        bridging.push(0);
                    }
                    let i = slot.1;
                    if bridges_from && lacks[s].1[k] {
                        bridging[i as usize] += 1;
                    }
                    cells[row + k] = i;
                }
            }
        }
        blocks.push(keys.len());
        Text {
            global,
            articles,
            sentences,
            start,
            cells,
            blocks,
            uses,
            keys,
            bridging,
            target_count,
            target_total: n_targets,
        }
    }

    /// One EM iteration: the expected counts of every slot under `t`, normalised per source word.
    /// Parallel and exact: each target word's denominator adds its cells in sentence order (the
    /// source words, then NULL), and each slot's count adds its sentences in order, as a walk over
    /// the text would; the source words are independent.
    /// `uniform`: every cell of `t` is 1 (the first iteration), so that each denominator is its
    /// sentence's number of source words and NULL (the sum of that many ones, exactly) and each
    /// share 1 over it, found without reading `t`.
    fn iterate(&self, t: &[f32], uniform: bool) -> Vec<f32> {
        let denominators: Vec<Vec<f32>> = self
            .sentences
            .par_iter()
            .zip(&self.start)
            .map(|(&(a, b), &first)| {
                let n = self.articles[b].len();
                let width = self.articles[a].len() + 1;
                if uniform {
                    return vec![width as f32; n];
                }
                let mut d = vec![0.0f32; n];
                for row in self.cells[first..first + width * n].chunks_exact(n.max(1)) {
                    for (dk, &i) in d.iter_mut().zip(row) {
                        *dk += t[i as usize];
                    }
                }
                d
            })
            .collect();
        let rows: Vec<Vec<f32>> = self
            .uses
            .par_iter()
            .enumerate()
            .map(|(u, at)| {
                let first = self.blocks[u];
                let mut count = vec![0.0f32; self.blocks[u + 1] - first];
                let mut share: Vec<f32> = Vec::new();
                for &(s, j) in at {
                    let s = s as usize;
                    let d = &denominators[s];
                    let row = &self.cells[self.start[s] + j as usize * d.len()..][..d.len()];
                    share.clear();
                    if uniform {
                        share.extend(d.iter().map(|&dk| 1.0f32 / dk));
                    } else {
                        share.extend(row.iter().map(|&i| t[i as usize]));
                        share.iter_mut().zip(d).for_each(|(q, &dk)| *q /= dk);
                    }
                    for ((&i, &q), &dk) in row.iter().zip(&share).zip(d) {
                        if dk > 0.0 {
                            count[i as usize - first] += q;
                        }
                    }
                }
                let mut total = 0.0f32;
                for c in &count {
                    total += c;
                }
                for c in &mut count {
                    *c = if total > 0.0 { *c / total } else { 0.0 };
                }
                count
            })
            .collect();
        rows.concat()
    }
}

/// Fits the table on `pairs` (both directions) and returns, per word of the vocabulary, its kept
/// partners `v` with `t(v | u)`, strongest first. `ratio` is how many times the chance level
/// `t(v | u)` must reach.
pub(crate) fn fit(space: &Space, pairs: &[(usize, usize)], ratio: f32) -> Vec<Vec<(u32, f32)>> {
    let n_words = space.word_vocab.strings.len();
    let mut table: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n_words];
    if pairs.is_empty() {
        return table;
    }
    let text = Text::new(space, pairs);
    let mut t = vec![1.0f32; text.keys.len()];
    for round in 0..ITERATIONS {
        t = text.iterate(&t, round == 0);
    }
    let null = text.global.len() as u32;
    let target_total = text.target_total as f32;
    for (i, &(u, v)) in text.keys.iter().enumerate() {
        if u == null || u == v || text.bridging[i] < MIN_PAIRS {
            continue;
        }
        let chance = text.target_count[v as usize] as f32 / target_total;
        if t[i] >= ratio * chance {
            table[text.global[u as usize] as usize].push((text.global[v as usize], t[i]));
        }
    }
    for partners in &mut table {
        partners.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        partners.truncate(MAX_PARTNERS);
    }
    table
}

/// Per article, the words it lacks that its own words translate to: each weighted by the sum over
/// the article's words `u` of their weight times `t(v | u)`, as a unit vector (so the bridged
/// term of a pair is a cosine, whatever the table's size).
pub(crate) fn bridged_words(space: &Space, table: &[Vec<(u32, f32)>]) -> Vec<SparseVec> {
    space
        .words
        .par_iter()
        .map(|x| SparseVec::normalised(super::similarity::lacked_partners(x, table)))
        .collect()
}

/// Settings of the table re-learned from the first grouping (`Params::retrain`): off by default
/// (docs/alignment-rejected.md, "The translation table re-learned from the family's groups").
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RetrainParams {
    /// Rounds of re-learning: after the first grouping, the table is fitted again on the pairs of
    /// articles the groups hold, every candidate pair is scored again and the articles grouped
    /// again. 0 leaves it out.
    pub rounds: u32,
    /// Least z-score over the corpus's null distribution of a grouped pair the table learns from.
    pub z: f32,
    /// When true, the mutual-best counterparts the first table learned from are kept beside the
    /// grouped pairs.
    pub keep_pairs: bool,
    /// When false, the table is not re-learned (only the specific-word term below is added).
    pub table: bool,
    /// Weight of the specific-word term added to every pair's score after the first grouping:
    /// the cosine of the two articles' words, each weighted besides by how concentrated it is in
    /// the first grouping's groups (`specific_words`). 0 leaves it out.
    pub specific: f32,
    /// Power of a word's concentration (articles holding it over groups holding it) in the
    /// specific-word term.
    pub power: f32,
    /// When true, the specific-word cosine replaces that share of the plain word cosine (the
    /// pair's score moves by `specific` × their difference, so its level stays), rather than
    /// being added.
    pub replace: bool,
}

impl Default for RetrainParams {
    fn default() -> RetrainParams {
        RetrainParams {
            rounds: 0,
            z: 3.0,
            keep_pairs: false,
            table: true,
            specific: 0.0,
            power: 1.0,
            replace: false,
        }
    }
}

/// The counterparts a grouping holds: in each group of several documents, each member paired
/// with its best-scoring candidate among the group's articles of every other document, kept when
/// that score lies `z_min` robust spreads above the null median. A group that holds a provision
/// split over two articles of one document teaches both pieces (mutual best matches teach one).
/// As (x, y) with x < y, the strongest [`MAX_COUNTERPARTS`].
pub(crate) fn grouped_pairs(
    space: &Space,
    pairs: &PairLists,
    clusters: &[Vec<usize>],
    z_min: f32,
) -> Vec<(usize, usize)> {
    let (centre, spread) = space.null_sim();
    let floor = centre + z_min * spread;
    let mut found: BTreeMap<(usize, usize), f32> = BTreeMap::new();
    let mut in_group = vec![false; space.len()];
    for c in clusters.iter().filter(|c| c.len() > 1) {
        c.iter().for_each(|&x| in_group[x] = true);
        for &x in c {
            // x's best candidate in each other document, among the group's articles.
            let mut best: BTreeMap<usize, (f32, usize)> = BTreeMap::new();
            for &(y, s) in &pairs[x] {
                let y = y as usize;
                let doc = space.units[y].doc;
                if !in_group[y] || doc == space.units[x].doc || s < floor {
                    continue;
                }
                let slot = best.entry(doc).or_insert((s, y));
                if s > slot.0 || (s == slot.0 && y < slot.1) {
                    *slot = (s, y);
                }
            }
            for (s, y) in best.into_values() {
                found.insert((x.min(y), x.max(y)), s);
            }
        }
        c.iter().for_each(|&x| in_group[x] = false);
    }
    let mut out: Vec<(f32, usize, usize)> =
        found.into_iter().map(|((x, y), s)| (s, x, y)).collect();
    out.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    out.truncate(MAX_COUNTERPARTS);
    out.into_iter().map(|(_, x, y)| (x, y)).collect()
}

/// How concentrated each word of the vocabulary is in `clusters`: the number of articles holding
/// it over the number of groups holding them (1 for a word no article holds). A word of one
/// matter (免疫, 犬尸) that every document uses in its article on that matter lies in one group; a
/// drafting word (应当, 管理, 规定) is spread over many; both may hold the same number of articles,
/// so the IDF cannot tell them apart.
pub(crate) fn concentration(space: &Space, clusters: &[Vec<usize>]) -> Vec<f32> {
    let n_words = space.word_vocab.strings.len();
    let mut articles = vec![0u32; n_words];
    let mut groups = vec![0u32; n_words];
    let mut seen = vec![usize::MAX; n_words];
    for (g, c) in clusters.iter().enumerate() {
        for &x in c {
            for &t in &space.words[x].terms {
                articles[t as usize] += 1;
                if seen[t as usize] != g {
                    seen[t as usize] = g;
                    groups[t as usize] += 1;
                }
            }
        }
    }
    articles
        .iter()
        .zip(&groups)
        .map(|(&a, &g)| a.max(1) as f32 / g.max(1) as f32)
        .collect()
}

/// Each article's words weighted besides by their [`concentration`] in `clusters` to the power
/// `power`, as unit vectors.
pub(crate) fn specific_words(space: &Space, clusters: &[Vec<usize>], power: f32) -> Vec<SparseVec> {
    let factor: Vec<f32> = concentration(space, clusters)
        .into_iter()
        .map(|c| c.powf(power))
        .collect();
    space
        .words
        .par_iter()
        .map(|v| {
            SparseVec::normalised(v.iter().map(|(t, w)| (t, w * factor[t as usize])).collect())
        })
        .collect()
}

/// The translation table learned across lawrefbook's families of regulations
/// (`examples/mine_assoc.rs --bridge`, `corpus/bridge.tsv`): an IBM Model 1 table fitted on the
/// confident counterparts of 313 families of the same regulation by different places, every
/// alignment gold's family left out. A prior for the family's own table
/// (`SimWeights::global_bridge`), for a family too small to teach its own drafting equivalents.
///
/// The file format (UTF-8 text, lines ended by `\n`):
///
/// ```text
/// guize-bridge<TAB>1
/// <number of pairs>
/// <word u><TAB><word v><TAB><t(v | u)>      one line per ordered pair, sorted by u then v
/// ```
///
/// Words hold no whitespace, `u ≠ v`, `t` lies in (0, 1]. A malformed file is
/// [`crate::error::Error::Associations`] naming the line, never a panic.
#[derive(Debug, Clone, Default)]
pub struct GlobalTable {
    /// Per source word, its partners with `t(v | u)`, strongest first.
    partners: std::collections::HashMap<Box<str>, Vec<(Box<str>, f32)>>,
    pairs: usize,
}

/// The first line of a translation table file.
pub const GLOBAL_HEADER: &str = "guize-bridge\t1";

/// `corpus/bridge.tsv`, as compiled into the binary.
pub const GLOBAL_BYTES: &[u8] = include_bytes!("../../corpus/bridge.tsv");

static GLOBAL: std::sync::OnceLock<GlobalTable> = std::sync::OnceLock::new();

impl GlobalTable {
    /// The built-in table, decoded once on first use (only an alignment with
    /// `SimWeights::global_bridge` above 0 asks for it); empty were the shipped file malformed
    /// ([`GlobalTable::from_bytes`] gives the error).
    pub fn builtin() -> &'static GlobalTable {
        GLOBAL.get_or_init(|| GlobalTable::from_bytes(GLOBAL_BYTES).unwrap_or_default())
    }

    /// Reads a table in the format above.
    pub fn from_bytes(bytes: &[u8]) -> crate::error::Result<GlobalTable> {
        let bad = |line: usize, what: &str| crate::error::Error::Associations {
            msg: format!("translation table, line {line}: {what}"),
        };
        let text = std::str::from_utf8(bytes).map_err(|_| bad(0, "not UTF-8"))?;
        // Every line is ended, so a file cut inside its last line is not taken for a whole one.
        let Some(text) = text.strip_suffix('\n') else {
            return Err(bad(0, "cut off: the last line is not ended"));
        };
        let mut lines = text.split('\n');
        if lines.next() != Some(GLOBAL_HEADER) {
            return Err(bad(1, "want the header guize-bridge<TAB>1"));
        }
        let declared: usize = lines
            .next()
            .and_then(|l| l.trim().parse().ok())
            .ok_or_else(|| bad(2, "want the number of pairs"))?;
        let mut table = GlobalTable::default();
        for (i, line) in lines.enumerate() {
            let n = i + 3;
            if line.is_empty() {
                if table.pairs == declared {
                    continue;
                }
                return Err(bad(n, "empty line before the declared pairs"));
            }
            if table.pairs == declared {
                return Err(bad(n, "more pairs than declared"));
            }
            let mut f = line.split('\t');
            let (Some(u), Some(v), Some(p), None) = (f.next(), f.next(), f.next(), f.next()) else {
                return Err(bad(n, "want word<TAB>word<TAB>probability"));
            };
            let p: f32 = p
                .parse()
                .map_err(|_| bad(n, "probability is not a number"))?;
            let blank = |w: &str| w.is_empty() || w.chars().any(char::is_whitespace);
            if blank(u) || blank(v) || u == v || !(p > 0.0 && p <= 1.0) {
                return Err(bad(
                    n,
                    "want two different words and a probability in (0, 1]",
                ));
            }
            table
                .partners
                .entry(u.into())
                .or_default()
                .push((v.into(), p));
            table.pairs += 1;
        }
        if table.pairs != declared {
            return Err(bad(0, "fewer pairs than declared"));
        }
        for ps in table.partners.values_mut() {
            ps.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        Ok(table)
    }

    /// Writes `pairs` (u, v, t(v | u)) in the format above, rejecting what [`GlobalTable::from_bytes`]
    /// would reject.
    pub fn to_text(pairs: &[(String, String, f32)]) -> crate::error::Result<String> {
        let mut out = format!("{GLOBAL_HEADER}\n{}\n", pairs.len());
        for (u, v, p) in pairs {
            out.push_str(&format!("{u}\t{v}\t{:.3}\n", p.clamp(0.001, 1.0)));
        }
        GlobalTable::from_bytes(out.as_bytes())?;
        Ok(out)
    }

    /// The words `word` translates to, with `t(v | word)`, strongest first.
    pub fn partners(&self, word: &str) -> &[(Box<str>, f32)] {
        self.partners.get(word).map_or(&[][..], Vec::as_slice)
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs
    }

    /// True when the table holds no pair.
    pub fn is_empty(&self) -> bool {
        self.pairs == 0
    }
}

/// Adds `weight` × the global table's `t(v | u)` to the family's `table` (over the corpus's
/// vocabulary; a partner the corpus never writes cannot bridge anything and is skipped), each word
/// keeping its [`MAX_PARTNERS`] strongest.
pub(crate) fn with_global(
    space: &Space,
    mut table: Vec<Vec<(u32, f32)>>,
    global: &GlobalTable,
    weight: f32,
) -> Vec<Vec<(u32, f32)>> {
    if weight <= 0.0 || global.is_empty() {
        return table;
    }
    let vocab = &space.word_vocab;
    for (u, partners) in table.iter_mut().enumerate() {
        let Some(word) = vocab.strings.get(u) else {
            continue;
        };
        let prior = global.partners(word);
        if prior.is_empty() {
            continue;
        }
        for (v, p) in prior {
            let Some(v) = vocab.get(v) else { continue };
            if v as usize == u {
                continue;
            }
            match partners.iter_mut().find(|q| q.0 == v) {
                Some(q) => q.1 += weight * p,
                None => partners.push((v, weight * p)),
            }
        }
        partners.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        partners.truncate(MAX_PARTNERS);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::super::tests::doc;
    use super::*;
    use crate::model::Regulation;
    use std::collections::HashMap;

    /// The table by the plain walk over the text: one hashed slot per word pair met, the E step
    /// sentence after sentence. [`fit`] must give the same table, bit for bit.
    fn fit_by_walk(space: &Space, pairs: &[(usize, usize)], ratio: f32) -> Vec<Vec<(u32, f32)>> {
        const NULL: u32 = u32::MAX;
        let mut table: Vec<Vec<(u32, f32)>> = vec![Vec::new(); space.word_vocab.strings.len()];
        let words: BTreeMap<usize, Vec<u32>> = pairs
            .iter()
            .flat_map(|&(x, y)| [x, y])
            .map(|x| (x, words_of(space, x)))
            .collect();
        let sentences: Vec<(&[u32], &[u32])> = pairs
            .iter()
            .flat_map(|&(x, y)| {
                [
                    (&words[&x][..], &words[&y][..]),
                    (&words[&y][..], &words[&x][..]),
                ]
            })
            .collect();
        let mut slot_of: HashMap<(u32, u32), usize> = HashMap::new();
        let (mut keys, mut bridging, mut rows) = (Vec::new(), Vec::new(), Vec::new());
        let mut target_count: HashMap<u32, f32> = HashMap::new();
        let mut target_total = 0.0f32;
        for (src, tgt) in &sentences {
            let mut row = Vec::new();
            for &v in *tgt {
                *target_count.entry(v).or_insert(0.0) += 1.0;
                target_total += 1.0;
                for &u in src.iter().chain([NULL].iter()) {
                    let i = *slot_of.entry((u, v)).or_insert_with(|| {
                        keys.push((u, v));
                        bridging.push(0);
                        keys.len() - 1
                    });
                    if u != NULL && !src.contains(&v) && !tgt.contains(&u) {
                        bridging[i] += 1;
                    }
                    row.push(i);
                }
            }
            rows.push(row);
        }
        let mut t = vec![1.0f32; keys.len()];
        for _ in 0..ITERATIONS {
            let mut count = vec![0.0f32; keys.len()];
            for ((src, _), row) in sentences.iter().zip(&rows) {
                for cells in row.chunks(src.len() + 1) {
                    let denom: f32 = cells.iter().map(|&i| t[i]).sum();
                    if denom > 0.0 {
                        for &i in cells {
                            count[i] += t[i] / denom;
                        }
                    }
                }
            }
            let mut total: HashMap<u32, f32> = HashMap::new();
            for (i, &(u, _)) in keys.iter().enumerate() {
                *total.entry(u).or_insert(0.0) += count[i];
            }
            for (i, p) in t.iter_mut().enumerate() {
                let tot = total[&keys[i].0];
                *p = if tot > 0.0 { count[i] / tot } else { 0.0 };
            }
        }
        for (i, &(u, v)) in keys.iter().enumerate() {
            let chance = target_count[&v] / target_total;
            if u != NULL && u != v && bridging[i] >= MIN_PAIRS && t[i] >= ratio * chance {
                table[u as usize].push((v, t[i]));
            }
        }
        for partners in &mut table {
            partners.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            partners.truncate(MAX_PARTNERS);
        }
        table
    }

    /// The laid-out, parallel fit gives the walk's table bit for bit, on counterparts of
    /// documents that share some wording and differ in the rest.
    #[test]
    fn the_fit_is_the_walk_over_the_text() {
        let fixture = super::super::tests::fixture();
        let docs: Vec<&Regulation> = fixture.iter().collect();
        let params = super::super::Params::default();
        let space = super::super::build_space(&docs, params.sim);
        let lists = super::super::similarity::candidate_lists(&space, params.candidates);
        // Every candidate pair of two documents as a counterpart: many sentences per article.
        let pairs: Vec<(usize, usize)> = lists
            .iter()
            .enumerate()
            .flat_map(|(x, ys)| ys.iter().map(move |&y| (x, y as usize)))
            .filter(|&(x, y)| x < y && space.units[x].doc != space.units[y].doc)
            .collect();
        assert!(pairs.len() >= 4, "{pairs:?}");
        for ratio in [0.0, 1.0, 2.0] {
            let (fast, walk) = (
                fit(&space, &pairs, ratio),
                fit_by_walk(&space, &pairs, ratio),
            );
            assert!(walk.iter().any(|p| !p.is_empty()));
            let bits = |t: &[Vec<(u32, f32)>]| -> Vec<Vec<(u32, u32)>> {
                t.iter()
                    .map(|p| p.iter().map(|&(v, w)| (v, w.to_bits())).collect())
                    .collect()
            };
            assert_eq!(bits(&fast), bits(&walk), "ratio {ratio}");
        }
    }

    /// Three documents say the same three matters; in every pair of counterparts one document
    /// writes 犬尸 where the others write 尸体. The table learns that pair and nothing that the
    /// two articles share.
    #[test]
    fn counterparts_teach_a_word_the_others_write_otherwise() {
        let matters = [
            (
                "犬只死亡的，养犬人应当将{}交由无害化处理场所处理，不得随意丢弃。",
                true,
            ),
            (
                "携犬乘坐电梯的，应当避开高峰时段，并为犬只佩戴嘴套。",
                false,
            ),
            (
                "养犬人应当按照规定为犬只注射狂犬病疫苗，取得免疫证明。",
                false,
            ),
        ];
        let docs: Vec<Regulation> = ["a", "b", "c"]
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let word = if i == 0 { "犬尸" } else { "尸体" };
                let texts: Vec<String> = matters
                    .iter()
                    .map(|(t, swap)| {
                        if *swap {
                            t.replace("{}", word)
                        } else {
                            t.to_string()
                        }
                    })
                    .collect();
                let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
                doc(id, &refs)
            })
            .collect();
        let docs: Vec<&Regulation> = docs.iter().collect();
        let params = super::super::Params::default();
        let space = super::super::build_space(&docs, params.sim);
        let lists = super::super::similarity::candidate_lists(&space, params.candidates);
        // Plain scores: the space's similarity of each candidate.
        let scored: PairLists = lists
            .iter()
            .enumerate()
            .map(|(x, ys)| ys.iter().map(|&y| (y, space.sim(x, y as usize))).collect())
            .collect();
        let pairs = counterparts(&space, &scored, f32::NEG_INFINITY);
        assert!(
            pairs
                .iter()
                .all(|&(x, y)| x < y && space.units[x].doc != space.units[y].doc)
        );
        // Each document's article on a matter is the counterpart of the others' on it.
        assert_eq!(pairs.len(), 9, "{pairs:?}");
        let table = fit(&space, &pairs, 1.0);
        // The words only document a's first article says, and those only b's says (however
        // jieba cuts 犬尸 and 尸体).
        let (xa, xb) = (space.doc_starts[0], space.doc_starts[1]);
        let only = |x: usize, y: usize| -> Vec<u32> {
            let other = &space.words[y].terms;
            space.words[x]
                .terms
                .iter()
                .copied()
                .filter(|t| !other.contains(t))
                .collect()
        };
        let (dead, corpse) = (only(xa, xb), only(xb, xa));
        assert!(!dead.is_empty() && !corpse.is_empty());
        let learned = |u: u32| table[u as usize].iter().any(|(v, _)| corpse.contains(v));
        assert!(dead.iter().any(|&u| learned(u)), "{dead:?} -> {corpse:?}");
        for (u, partners) in table.iter().enumerate() {
            for &(v, t) in partners {
                assert_ne!(u as u32, v);
                assert!(t > 0.0 && t <= 1.0);
            }
        }
        // The bridged words of 犬尸's article hold 尸体, as a unit vector.
        let bridged = bridged_words(&space, &table);
        assert!(bridged[xa].terms.iter().any(|t| corpse.contains(t)));
        let norm: f32 = bridged[xa].weights.iter().map(|w| w * w).sum();
        assert!((norm - 1.0).abs() < 1e-4);
    }

    /// On the five as the defaults group them: every word's concentration lies between 1 and
    /// the largest group's size, and a word of one matter that all five documents regulate in one
    /// group reaches 4 or more; 应当, a drafting word of dozens of articles, lies in fewer groups
    /// than articles as well (its articles share groups), which is why the term does not single
    /// matter words out on a template-heavy family (docs/alignment-rejected.md). The specific
    /// words are unit vectors.
    #[test]
    fn word_concentration_in_the_groups_of_the_five() {
        let corpus = crate::builtin::load().expect("the built-in five load");
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        let params = super::super::Params::default();
        let mut watch = super::super::timings::Stopwatch::off();
        let core = super::super::grouped(&docs, &params, &mut watch);
        let space = &core.space;
        let c = concentration(space, &core.clusters);
        let largest = core.clusters.iter().map(Vec::len).max().unwrap_or(1) as f32;
        assert!(c.iter().all(|&x| (1.0..=largest).contains(&x)));
        let mut held = vec![0usize; c.len()];
        for v in &space.words {
            v.terms.iter().for_each(|&t| held[t as usize] += 1);
        }
        let common: Vec<usize> = (0..c.len()).filter(|&t| held[t] >= 5).collect();
        let top = common
            .iter()
            .copied()
            .max_by(|&a, &b| c[a].total_cmp(&c[b]));
        let top = top.expect("the five share words");
        let name = |t: usize| space.word_vocab.strings[t].as_str();
        eprintln!("most concentrated: {} {:.2}", name(top), c[top]);
        assert!(c[top] >= 4.0, "{} {:.2}", name(top), c[top]);
        let shall = space.word_vocab.strings.iter().position(|w| w == "应当");
        let shall = shall.expect("the five say 应当");
        let above = common.iter().filter(|&&t| c[t] > c[shall]).count();
        eprintln!(
            "应当: {} articles, concentration {:.2}; {above} of {} common words above",
            held[shall],
            c[shall],
            common.len()
        );
        assert!(held[shall] > 20 && c[shall] > 1.0);
        for v in specific_words(space, &core.clusters, 1.0)
            .iter()
            .filter(|v| !v.terms.is_empty())
        {
            let norm: f32 = v.weights.iter().map(|w| w * w).sum();
            assert!((norm - 1.0).abs() < 1e-4);
        }
    }
}
