//! What the mining examples share: the Markdown files of a lawrefbook folder.

use std::path::{Path, PathBuf};

/// Every `.md` file below `dir`, recursively, in path order within each folder (so two runs
/// read the same files in the same order and write the same table).
pub fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            markdown_files(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "md") {
            out.push(p);
        }
    }
    Ok(())
}
