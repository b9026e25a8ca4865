//! `guize eval` as text: the scores against a gold file, one line per query where there are
//! queries.

use crate::align::eval::LinkScore;
use crate::index::{EvalReport, TopicReport};
use crate::numbers::eval::Score;
use std::io::{self, Write};

/// Topic queries: each query's R-precision and the defining articles it missed, then the mean.
pub fn write_topics(out: &mut impl Write, report: &TopicReport) -> io::Result<()> {
    for q in &report.queries {
        let missed = if q.missed.is_empty() {
            String::new()
        } else {
            format!("  (missed {})", q.missed.join(" "))
        };
        writeln!(out, "R-precision {:.2}  {}{missed}", q.r_precision, q.query)?;
    }
    writeln!(
        out,
        "mean R-precision {:.3} over {} topic queries",
        report.r_precision,
        report.queries.len()
    )
}

/// Alignment: the link counts, then precision, recall and F1.
pub fn write_align(out: &mut impl Write, s: &LinkScore) -> io::Result<()> {
    writeln!(
        out,
        "links: gold {}, true {}, false {}",
        s.gold_links, s.true_links, s.false_links
    )?;
    writeln!(
        out,
        "precision {:.3} recall {:.3} F1 {:.3}",
        s.precision, s.recall, s.f1
    )?;
    Ok(())
}

/// Figures: the counts, the scores, then every miss, extra and qualifier difference.
pub fn write_numbers(out: &mut impl Write, s: &Score) -> io::Result<()> {
    writeln!(
        out,
        "figures: gold {}, found {}, matched {}",
        s.gold, s.found, s.matched
    )?;
    writeln!(
        out,
        "precision {:.3} recall {:.3} qualifier agreement {:.3}",
        s.precision, s.recall, s.qualifier_agreement
    )?;
    for m in &s.misses {
        writeln!(out, "missed {m}")?;
    }
    for e in &s.extras {
        writeln!(out, "extra {e}")?;
    }
    for q in &s.qualifier_diffs {
        writeln!(out, "qualifier {q}")?;
    }
    Ok(())
}

/// Search: each query's recall and nDCG with what it missed, then the means.
pub fn write_search(out: &mut impl Write, report: &EvalReport) -> io::Result<()> {
    let k = report.k;
    for q in &report.queries {
        writeln!(
            out,
            "recall {:.2}  nDCG {:.2}  {}{}",
            q.recall,
            q.ndcg,
            q.query,
            if q.missed.is_empty() {
                String::new()
            } else {
                format!("  (missed {})", q.missed.join(" "))
            }
        )?;
    }
    writeln!(
        out,
        "mean over {} queries: recall@{k} {:.3}  nDCG@{k} {:.3}",
        report.queries.len(),
        report.recall,
        report.ndcg
    )?;
    Ok(())
}
