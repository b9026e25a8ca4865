//! Mines `corpus/word-spread.tsv`: in how many of lawrefbook's regulations each word is written.
//! A word that most regulations write (组织, 社会, 活动, 单位) is the language of regulation in
//! general, not the matter of one group of clauses; a family's own words (养犬, 湿地, 预算) are
//! written by few. The labels weigh a term by this spread (`labels.background`).
//!
//! Usage: cargo run --release --features studies --example mine_spread -- LAWREFBOOK OUT.tsv
//!
//! Every `.md` below LAWREFBOOK is parsed; every article is cut by jieba (precise mode); a word of
//! two characters or more counts once per regulation whose articles hold it. A word is written
//! out when at least [`MIN_SHARE`] of the regulations hold it, as `word TAB regulations`, sorted
//! by word; the second header line gives the number of regulations read. Deterministic: files in
//! path order, counts in ordered maps.

mod common;

use guize::corpus::Corpus;
use guize::segment::Segmenter;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

/// Least share of the regulations that must hold a word for it to be written out: below it a
/// word is rare enough to weigh in full.
const MIN_SHARE: f64 = 0.02;

fn main() {
    if let Err(e) = run() {
        eprintln!("mine_spread: {e}");
        std::process::exit(1);
    }
}

/// The words of one file's articles, or none when it holds no regulation.
fn words_of(path: &Path) -> Option<BTreeSet<String>> {
    let bytes = std::fs::read(path).ok()?;
    let files = [("d.md", bytes.as_slice())];
    let corpus = Corpus::load_memory(Path::new("lawrefbook"), &files).ok()?;
    let seg = Segmenter::global();
    let mut words = BTreeSet::new();
    for doc in &corpus.docs {
        for article in &doc.articles {
            for t in seg.tokens(&article.norm) {
                if t.text.chars().count() >= 2 {
                    words.insert(t.text.to_string());
                }
            }
        }
    }
    (!words.is_empty()).then_some(words)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [root, out] = args.as_slice() else {
        return Err("usage: mine_spread LAWREFBOOK OUT.tsv".into());
    };
    let mut paths = Vec::new();
    common::markdown_files(Path::new(root), &mut paths).map_err(|e| format!("{root}: {e}"))?;
    let per_file: Vec<BTreeSet<String>> = paths.par_iter().filter_map(|p| words_of(p)).collect();
    let mut df: BTreeMap<String, u32> = BTreeMap::new();
    for words in &per_file {
        for w in words {
            *df.entry(w.clone()).or_default() += 1;
        }
    }
    let n = per_file.len();
    let least = (MIN_SHARE * n as f64).ceil() as u32;
    let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
    writeln!(
        w,
        "# word, regulations of lawrefbook whose articles hold it"
    )?;
    writeln!(
        w,
        "# of {n} regulations (words of {least} or more): cargo run --release --features studies --example mine_spread"
    )?;
    let mut kept = 0;
    for (word, d) in df.iter().filter(|&(_, &d)| d >= least) {
        writeln!(w, "{word}\t{d}")?;
        kept += 1;
    }
    w.flush()?;
    eprintln!("{kept} words of {} written", df.len());
    Ok(())
}
