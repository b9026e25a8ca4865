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
        // The cited article has no score of its own: the query named it.
        let score = if hit.cited {
            "(cited)".to_string()
        } else {
            format!("{:.2}", hit.score)
        };
        writeln!(
            out,
            "{}. {head}{}{head:#}  {score}",
            i + 1,
            neutralize(&hit_citation(hit)),
        )?;
        write!(out, "   ")?;
        let s = &hit.snippet;
        // A tab between a table's cells (DOCX, web pages) is a space on the snippet's one line.
        let flat = |t: &str| neutralize(t).replace('\t', " ");
        let mut pos = 0;
        for r in &s.highlights {
            write!(
                out,
                "{}{mark}{}{mark:#}",
                flat(&s.text[pos..r.start]),
                flat(&s.text[r.clone()])
            )?;
            pos = r.end;
        }
        writeln!(out, "{}", flat(&s.text[pos..]))?;
    }
    let cited = report.hits.iter().filter(|h| h.cited).count();
    let cited_note = match cited {
        0 => String::new(),
        n => format!("the cited article{}, then ", if n == 1 { "" } else { "s" }),
    };
    let joined = report.words.join(" ");
    let words = neutralize(&joined);
    if cited > 0 && report.total == 0 {
        // The query is the citation alone (lixia:39): its parts are no search words to list.
        writeln!(
            out,
            "the cited article{} (no other article matches)",
            if cited == 1 { "" } else { "s" }
        )?;
    } else {
        writeln!(
            out,
            "{cited_note}{} of {} matching articles (words: {words})",
            report.hits.len() - cited,
            report.total,
        )?;
    }
    Ok(())
}
