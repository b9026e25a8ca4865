//! `guize search` as text: ranked hits with their citation, score and a snippet whose query
//! words are highlighted.

use crate::index::SearchReport;
use crate::render::style::{Painter, Role};
use crate::render::wire::hit_citation;
use crate::safe_text::neutralize;
use std::io::{self, Write};

/// Writes the hits of one search, or a line saying that nothing matched.
pub fn write_text(out: &mut impl Write, report: &SearchReport, color: bool) -> io::Result<()> {
    let paint = Painter { color };
    let (head, mark) = (paint.role(Role::Heading), paint.role(Role::Hit));
    if report.hits.is_empty() {
        writeln!(
            out,
            "no article matches '{}' (words: {})",
            neutralize(&report.query),
            neutralize(&report.words.join(" "))
        )?;
        return Ok(());
    }
    for (i, hit) in report.hits.iter().enumerate() {
        writeln!(
            out,
            "{}. {head}{}{head:#}  {:.2}",
            i + 1,
            neutralize(&hit_citation(hit)),
            hit.score
        )?;
        write!(out, "   ")?;
        let s = &hit.snippet;
        let mut pos = 0;
        for r in &s.highlights {
            write!(
                out,
                "{}{mark}{}{mark:#}",
                neutralize(&s.text[pos..r.start]),
                neutralize(&s.text[r.clone()])
            )?;
            pos = r.end;
        }
        writeln!(out, "{}", neutralize(&s.text[pos..]))?;
    }
    writeln!(
        out,
        "{} of {} matching articles (words: {})",
        report.hits.len(),
        report.total,
        neutralize(&report.words.join(" "))
    )?;
    Ok(())
}
