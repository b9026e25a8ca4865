//! `guize corpus` as text: a table of the documents, their count, and which corpus and index
//! were used.

use crate::align::Kind;
use crate::corpus::Corpus;
use crate::render::table::{Align, TextTable};
use crate::render::wire::{LocationJson, real_chapters};
use std::io::{self, Write};

/// Writes the table of documents, the kinds `guize align` aligns apart (when several), and the
/// corpus and index lines.
pub fn write_text(
    out: &mut impl Write,
    corpus: &Corpus,
    kinds: &[Kind],
    corpus_at: &LocationJson,
    index_at: &LocationJson,
    color: bool,
) -> io::Result<()> {
    let mut table = TextTable::new(&[
        ("id", Align::Left),
        ("district", Align::Left),
        ("title", Align::Left),
        ("chapters", Align::Right),
        ("articles", Align::Right),
        ("chars", Align::Right),
        ("warnings", Align::Right),
    ]);
    for d in &corpus.docs {
        table.row(vec![
            d.id.to_string(),
            d.meta.district.clone(),
            d.meta.title.clone(),
            real_chapters(d).to_string(),
            d.articles.len().to_string(),
            d.chars.to_string(),
            d.warnings.len().to_string(),
        ]);
    }
    table.write(out, color)?;
    let articles: usize = corpus.docs.iter().map(|d| d.articles.len()).sum();
    writeln!(
        out,
        "{}, {}",
        crate::text::counted(corpus.docs.len(), "document"),
        crate::text::counted(articles, "article")
    )?;
    if kinds.len() > 1 {
        writeln!(out, "{} kinds, aligned apart:", kinds.len())?;
        for k in kinds {
            let ids: Vec<&str> = k.docs.iter().map(|d| d.as_str()).collect();
            let (name, ids) = super::align::kind_shown(&k.name, &ids);
            let line = format!(
                "  {} ({}): {}",
                name,
                crate::text::counted(k.docs.len(), "document"),
                ids
            );
            writeln!(out, "{}", crate::safe_text::neutralize(&line))?;
        }
    }
    writeln!(out, "corpus: {} — {}", corpus_at.path, corpus_at.why)?;
    writeln!(out, "index:  {} — {}", index_at.path, index_at.why)?;
    Ok(())
}
