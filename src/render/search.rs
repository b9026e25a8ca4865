//! `guize search` as text: ranked hits with their citation, score and a snippet whose query
//! words are highlighted.

use crate::index::{Hit, SearchReport};
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
            "{}. {head}{}{head:#}  {}",
            i + 1,
            neutralize(&hit_citation(hit)),
            neutralize(&score_text(hit)),
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
    writeln!(out, "{}", neutralize(&count_line(report)))?;
    Ok(())
}

/// What stands for a hit's score: the score, `(cited)` for the article the query cites (it
/// has no score of its own: the query named it), and `(counterpart of 济南 第九条)` for an
/// article that joined as a clause-group counterpart of that hit: of a better hit when it holds
/// none of the words, of the cited article whatever its words.
pub fn score_text(hit: &Hit) -> String {
    if hit.cited {
        "(cited)".to_string()
    } else if let Some(via) = &hit.via {
        format!("(counterpart of {} {})", via.name, via.label)
    } else {
        format!("{:.2}", hit.score)
    }
}

/// The line under the hits: how many of the matching articles are shown, after the cited
/// article and its counterparts and before the counterparts of hits that hold none of the words
/// (neither counted as matches).
pub fn count_line(report: &SearchReport) -> String {
    let cited = report.hits.iter().filter(|h| h.cited).count();
    // The cited article's clause-group counterparts (they follow it whatever their words).
    let of_cited = |h: &Hit| {
        h.via.as_ref().is_some_and(|v| {
            report
                .hits
                .iter()
                .any(|c| c.cited && c.doc == v.doc && c.article == v.article)
        })
    };
    let mates = report
        .hits
        .iter()
        .filter(|h| !h.cited && of_cited(h))
        .count();
    let joined = report
        .hits
        .iter()
        .filter(|h| !h.cited && h.via.is_some() && !of_cited(h))
        .count();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let cited_note = match (cited, mates) {
        (0, _) => String::new(),
        (n, 0) => format!("the cited article{}, then ", plural(n)),
        (n, m) => format!(
            "the cited article{}, its {m} counterpart{}, then ",
            plural(n),
            plural(m)
        ),
    };
    let words = report.words.join(" ");
    if report.hits.is_empty() {
        return format!("0 of {} matching articles (words: {words})", report.total);
    }
    let matched = report.hits.len() - cited - mates - joined;
    if cited > 0 && report.total == 0 && joined == 0 {
        // Nothing matches the cited article's opening (a stop word, say): its parts are no
        // search words to list.
        return match mates {
            0 => format!(
                "the cited article{} (no other article matches)",
                plural(cited)
            ),
            m => format!(
                "the cited article{} and its {m} counterpart{} (no other article matches)",
                plural(cited),
                plural(m)
            ),
        };
    }
    let counterparts = match joined {
        0 => String::new(),
        n => format!(
            ", and {n} counterpart{} of them that hold{} none of the words",
            plural(n),
            if n == 1 { "s" } else { "" }
        ),
    };
    // A match may hold only a part of a word (会议 of 常务会议) or a word related to it: the count
    // says how many of those shown hold none of the words as written.
    let loose = report
        .hits
        .iter()
        .filter(|h| !h.cited && h.via.is_none())
        .filter(|h| {
            let text = crate::text::fold::norm(&h.text);
            !report
                .words
                .iter()
                .any(|w| text.contains(&crate::text::fold::norm(w)))
        })
        .count();
    let loose = match loose {
        0 => String::new(),
        n if n == matched => format!(
            ", {} of them shown holding only parts of the words or related words",
            if n == 1 { "the one" } else { "all" }
        ),
        n => format!(", {n} of them shown holding only parts of the words or related words"),
    };
    format!(
        "{cited_note}{matched} of {} matching articles{loose}{counterparts} (words: {words})",
        report.total,
    )
}
