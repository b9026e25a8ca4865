//! The one-line outputs of the commands that do work rather than show results: what
//! `guize index` built, and where `guize serve` listens.

use crate::index::BuildStats;
use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::Path;

/// `guize index`: `indexed 5 documents, 472 articles (0.3 MB of text) into index (1.2 MB)`.
pub fn write_index_built(out: &mut impl Write, stats: &BuildStats, dir: &Path) -> io::Result<()> {
    writeln!(
        out,
        "indexed {}, {} ({:.1} MB of text) into {} ({:.1} MB)",
        crate::text::counted(stats.docs, "document"),
        crate::text::counted(stats.articles, "article"),
        stats.text_bytes as f64 / 1e6,
        dir.display(),
        stats.index_bytes as f64 / 1e6
    )
}

/// `guize serve`: the address to open, alone on its line, so a script can read it.
pub fn write_serving(out: &mut impl Write, addr: SocketAddr) -> io::Result<()> {
    writeln!(out, "http://{addr}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_summary_in_megabytes() {
        let stats = BuildStats {
            docs: 5,
            articles: 472,
            text_bytes: 260_000,
            index_bytes: 1_230_000,
        };
        let mut out = Vec::new();
        write_index_built(&mut out, &stats, Path::new("index")).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "indexed 5 documents, 472 articles (0.3 MB of text) into index (1.2 MB)\n"
        );
        let mut out = Vec::new();
        write_serving(&mut out, "127.0.0.1:8080".parse().unwrap()).unwrap();
        assert_eq!(out, b"http://127.0.0.1:8080/\n");
    }
}
