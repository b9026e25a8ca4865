//! `guize corpus` as text: a table of the documents, their count, and which corpus and index
//! were used.

use crate::align::Kind;
use crate::corpus::Corpus;
use crate::render::table::{Align, TextTable};
use crate::render::wire::{LocationJson, real_chapters};
use std::io::{self, Write};

/// The head and the cell of the place column: `district` when every document that has a place
/// has a district (the five work rules), `city` when none has a district but some have a city (a
/// lawrefbook folder, whose manifest knows 临沂市 and no district), else `place`: the district
/// where there is one, the city where not. A column that only a district could fill is never
/// blank beside a city the corpus knows.
fn place_column(corpus: &Corpus) -> (&'static str, fn(&crate::model::Regulation) -> &str) {
    place_column_of(corpus.docs.iter())
}

/// [`place_column`] over any documents: the web page's document list heads its column so too.
pub(crate) fn place_column_of<'a>(
    docs: impl Iterator<Item = &'a crate::model::Regulation> + Clone,
) -> (&'static str, fn(&crate::model::Regulation) -> &str) {
    fn district(d: &crate::model::Regulation) -> &str {
        &d.meta.district
    }
    fn city(d: &crate::model::Regulation) -> &str {
        &d.meta.city
    }
    fn place(d: &crate::model::Regulation) -> &str {
        if d.meta.district.is_empty() {
            &d.meta.city
        } else {
            &d.meta.district
        }
    }
    let city_only =
        |d: &&crate::model::Regulation| d.meta.district.is_empty() && !d.meta.city.is_empty();
    let cities = docs.clone().filter(city_only).count();
    let districts = docs.filter(|d| !d.meta.district.is_empty()).count();
    match (districts, cities) {
        (_, 0) => ("district", district),
        (0, _) => ("city", city),
        _ => ("place", place),
    }
}

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
    let (place_head, place) = place_column(corpus);
    let mut table = TextTable::new(&[
        ("id", Align::Left),
        (place_head, Align::Left),
        ("title", Align::Left),
        ("chapters", Align::Right),
        ("articles", Align::Right),
        ("chars", Align::Right),
        ("warnings", Align::Right),
    ]);
    for d in &corpus.docs {
        table.row(vec![
            d.id.to_string(),
            place(d).to_string(),
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
