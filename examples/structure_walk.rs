//! Prints where every article of a folder's documents sits (file, article, part, chapter and
//! section, as cited), one line per article: run it before and after a parser change and diff.
//! Usage: cargo run --release --features studies --example structure_walk -- ../shared/corpora/lawrefbook > out.tsv
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "txt") {
            out.push(path);
        }
    }
}

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: structure_walk FOLDER");
        std::process::exit(2);
    };
    let root = PathBuf::from(root);
    let mut paths = Vec::new();
    files(&root, &mut paths);
    paths.sort();
    for path in paths {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok((text, _)) = guize::extract::decode(&bytes) else {
            continue;
        };
        let doc = guize::parse::parse(guize::parse::Source {
            id: "doc".into(),
            path: &path,
            text: &text,
            kind: guize::parse::SourceKind::from_path(&path),
            meta: Default::default(),
        });
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .display()
            .to_string();
        for a in &doc.articles {
            let section = a.section.as_ref().map(|s| s.label()).unwrap_or_default();
            println!("{rel}\t{}\t{}\t{section}", a.label(), a.chapter.label());
        }
        for w in &doc.warnings {
            println!("{rel}\twarning\t{}\t{}", w.line, w.message);
        }
    }
}
