//! `guize eval` as text: the scores against a gold file, one line per query where there are
//! queries.

use crate::index::TopicReport;
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
