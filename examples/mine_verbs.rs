//! Mines `corpus/verb-uses.tsv`: how often lawrefbook's regulations write each word as a verb
//! and as the name of an action. A group's own documents are too few to tell a verb (设置道路交通
//! 标志, 投保火灾公众责任保险) from a verbal noun that opens a compound (管理部门, 报告制度) when
//! they use the word a handful of times; the labels (`Context::verb_like`) fall back on these
//! counts.
//!
//! Usage: cargo run --release --features studies --example mine_verbs -- LAWREFBOOK OUT.tsv
//!
//! Every `.md` below LAWREFBOOK is parsed; every article is cut by jieba (precise mode). A word
//! jieba tags a verb, a verbal noun or a noun (`v`, `vn`, `n`: it tags 利用 a noun) is counted
//! **verbal** when the token before it is a modal or an adverb of manner
//! (`guize::align::PREDICATE_MARKERS`: 应当设置, 可以委托, 依法查处) and **nominal** when it is 的
//! or a light verb that takes an action as its object (`guize::align::NOMINAL_MARKERS`: 的设置,
//! 进行设置, 加强管理). A word is written out when it has at least `MIN_VERBAL` verbal uses (a word
//! never written after a modal is no verb for the labels to find) as `word TAB verbal TAB
//! nominal`, sorted by word. Deterministic: files in path order, counts in ordered maps.

mod common;

use guize::align::{NOMINAL_MARKERS, PREDICATE_MARKERS};
use guize::corpus::Corpus;
use guize::segment::Segmenter;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Fewest uses after a modal or adverb of manner for a word to be written out.
const MIN_VERBAL: u32 = 3;
/// Tags of the words counted.
const TAGS: &[&str] = &["v", "vn", "n"];

fn main() {
    if let Err(e) = run() {
        eprintln!("mine_verbs: {e}");
        std::process::exit(1);
    }
}

/// Per word, its (verbal, nominal) uses in one file's articles.
fn count_file(path: &Path) -> BTreeMap<String, (u32, u32)> {
    let mut counts: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let Ok(bytes) = std::fs::read(path) else {
        return counts;
    };
    let files = [("d.md", bytes.as_slice())];
    let Ok(corpus) = Corpus::load_memory(Path::new("lawrefbook"), &files) else {
        return counts;
    };
    let seg = Segmenter::global();
    for doc in &corpus.docs {
        for article in &doc.articles {
            let tokens = seg.tokens(&article.norm);
            for pair in tokens.windows(2) {
                let (before, word) = (pair[0].text, pair[1].text);
                let verbal = PREDICATE_MARKERS.contains(&before);
                let nominal = NOMINAL_MARKERS.contains(&before);
                if !(verbal || nominal) || word.chars().count() < 2 {
                    continue;
                }
                if !TAGS.contains(&seg.pos(word)) {
                    continue;
                }
                let e = counts.entry(word.to_string()).or_default();
                if verbal {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
        }
    }
    counts
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [root, out] = args.as_slice() else {
        return Err("usage: mine_verbs LAWREFBOOK OUT.tsv".into());
    };
    let mut paths = Vec::new();
    common::markdown_files(Path::new(root), &mut paths).map_err(|e| format!("{root}: {e}"))?;
    let per_file: Vec<BTreeMap<String, (u32, u32)>> =
        paths.par_iter().map(|p| count_file(p)).collect();
    let mut counts: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for file in per_file {
        for (w, (v, n)) in file {
            let e = counts.entry(w).or_default();
            e.0 += v;
            e.1 += n;
        }
    }
    let file = std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?;
    let mut w = std::io::BufWriter::new(file);
    let kept: Vec<_> = counts.iter().filter(|(_, c)| c.0 >= MIN_VERBAL).collect();
    writeln!(
        w,
        "# word, uses right after a modal or adverb of manner, uses right after 的 or a light verb"
    )
    .map_err(|e| e.to_string())?;
    writeln!(
        w,
        "# over lawrefbook's {} regulations: cargo run --release --features studies --example mine_verbs",
        paths.len()
    )
    .map_err(|e| e.to_string())?;
    for (word, (v, n)) in kept {
        writeln!(w, "{word}\t{v}\t{n}").map_err(|e| e.to_string())?;
    }
    w.flush().map_err(|e| e.to_string())?;
    eprintln!("{} words of {} counted", kept_len(&counts), counts.len());
    Ok(())
}

fn kept_len(counts: &BTreeMap<String, (u32, u32)>) -> usize {
    counts.values().filter(|c| c.0 >= MIN_VERBAL).count()
}
