//! Lists candidate entries for the domain dictionary (corpus/dict.tsv): character sequences that
//! recur across the documents of a corpus but that jieba's default dictionary splits into pieces.
//! Prints `count<TAB>docs<TAB>sequence<TAB>jieba's split`; the output is reviewed by hand, not copied.
//!
//! Run: `cargo run --features studies --example dict_candidates -- corpus/`

use jieba_rs::Jieba;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

const MIN_DOCS: usize = 3;
const MIN_COUNT: usize = 5;

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "corpus".to_string());
    let texts = read_texts(Path::new(&root));
    let jieba = Jieba::new();
    // sequence -> (occurrences, documents)
    let mut seen: HashMap<String, (usize, HashSet<usize>)> = HashMap::new();
    for (doc, text) in texts.iter().enumerate() {
        // Only sequences that start and end on jieba's word boundaries: whole words, not fragments.
        let mut bounds = HashSet::new();
        for w in jieba.cut(text, true) {
            bounds.insert(w.byte_start);
        }
        bounds.insert(text.len());
        for (run_start, run) in han_runs(text) {
            let offsets: Vec<usize> = run
                .char_indices()
                .map(|(i, _)| run_start + i)
                .chain([run_start + run.len()])
                .collect();
            for len in 3..=7 {
                for i in 0..offsets.len().saturating_sub(len) {
                    let (a, b) = (offsets[i], offsets[i + len]);
                    if !bounds.contains(&a) || !bounds.contains(&b) {
                        continue;
                    }
                    let e = seen.entry(text[a..b].to_string()).or_default();
                    e.0 += 1;
                    e.1.insert(doc);
                }
            }
        }
    }
    let mut frequent: Vec<(&String, usize, usize)> = seen
        .iter()
        .filter(|(_, (n, docs))| *n >= MIN_COUNT && docs.len() >= MIN_DOCS)
        .map(|(s, (n, docs))| (s, *n, docs.len()))
        .collect();
    // Keep a sequence only when no longer frequent sequence containing it occurs as often.
    let maximal: Vec<_> = frequent
        .iter()
        .filter(|(s, n, _)| {
            !frequent
                .iter()
                .any(|(t, m, _)| t.len() > s.len() && m >= n && t.contains(s.as_str()))
        })
        .cloned()
        .collect();
    frequent = maximal;
    frequent.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (s, n, docs) in frequent {
        let split: Vec<&str> = jieba.cut(s, true).iter().map(|t| t.word).collect();
        if split.len() > 1 {
            println!("{n}\t{docs}\t{s}\t{}", split.join("/"));
        }
    }
}

fn read_texts(root: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// Maximal runs of Han characters with their byte offsets.
fn han_runs(text: &str) -> Vec<(usize, &str)> {
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (is_han(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    runs
}
