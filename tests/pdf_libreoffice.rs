//! End-to-end: whole lawrefbook regulations typed as plain text (one paragraph a line, as the
//! Markdown has them), turned into a PDF and a Word file by LibreOffice
//! (`soffice --headless --convert-to pdf|docx`), and hard-wrapped at 38 characters as pdftotext
//! gives them. Every form must read as the text does: the same title (the regulation's name, not
//! a line of its adoption record) and the same articles, word for word. Without LibreOffice the
//! PDF and Word parts are skipped with a note on stderr, and fail when CI is set.

mod shared;
mod soffice;

use guize::model::{DocId, DocMeta, Regulation};
use guize::parse::{Source, SourceKind, parse};
use soffice::soffice;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Local regulations whose adoption records run over several lines once wrapped.
const REGULATIONS: [&str; 2] = [
    "DLC/河南地方法规/地方性法规/河南/洛阳市城市市容和环境卫生管理条例(2019-01-14).md",
    "DLC/浙江地方法规/地方性法规/浙江/宁波市住宅小区物业管理条例(2021-10-15).md",
];

/// Whether fontconfig knows a Chinese font: without one LibreOffice writes a PDF whose glyphs all
/// map to one character, which no reader can read back (a fact of the machine, not of guize).
fn chinese_font() -> bool {
    let found = Command::new("fc-list")
        .args([":lang=zh", "family"])
        .output()
        .is_ok_and(|o| o.status.success() && !o.stdout.trim_ascii().is_empty());
    if !found {
        soffice::missing(
            "no Chinese font (fc-list :lang=zh): PDF reading was NOT checked \
             (install Debian's `fonts-wqy-zenhei`)",
        );
    }
    found
}

/// The lawrefbook file as a user's plain text: `#` marks and the header's end marker gone.
fn plain_text(md: &str) -> String {
    md.lines()
        .filter(|l| !l.contains("INFO END"))
        .map(|l| l.trim_start_matches('#').trim_start())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` cut into lines of at most `width` characters, as a PDF's text comes out.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        if chars.is_empty() {
            out.push(String::new());
        }
        out.extend(chars.chunks(width).map(|c| c.iter().collect::<String>()));
    }
    out.join("\n")
}

/// `file` converted by LibreOffice to `ext` (pdf or docx); the new file's path.
fn convert(soffice: &Path, dir: &Path, file: &Path, ext: &str) -> PathBuf {
    let profile = format!(
        "-env:UserInstallation=file://{}/profile-{ext}",
        dir.display()
    );
    let status = Command::new(soffice)
        .arg(profile)
        .args(["--headless", "--convert-to", ext, "--outdir"])
        .arg(dir)
        .arg(file)
        .status()
        .expect("soffice runs");
    assert!(status.success(), "soffice failed: {status}");
    file.with_extension(ext)
}

/// Reads `path` as `guize` does: extraction by format, then the parser.
fn read(path: &Path) -> Regulation {
    let bytes = std::fs::read(path).expect("file written");
    let extracted = guize::extract::extract(path, &bytes).expect("text taken out");
    parse(Source {
        id: DocId("t".into()),
        path,
        text: &extracted.text,
        kind: SourceKind::Text,
        meta: DocMeta::default(),
    })
}

fn assert_reads_as(what: &str, got: &Regulation, want: &Regulation) {
    assert_eq!(got.meta.title, want.meta.title, "{what}: title");
    assert!(
        !got.warnings.iter().any(|w| w.message.contains("title")),
        "{what}: {:?}",
        got.warnings
    );
    let labels = |r: &Regulation| r.articles.iter().map(|a| a.number).collect::<Vec<_>>();
    assert_eq!(labels(got), labels(want), "{what}: articles");
    for (g, w) in got.articles.iter().zip(&want.articles) {
        assert_eq!(g.text, w.text, "{what}: 第{}条", g.number);
    }
}

#[test]
fn pdf_docx_and_wrapped_text_read_as_the_plain_text() {
    let lawrefbook = shared::path("corpora/lawrefbook");
    let soffice = soffice("PDF and DOCX reading were");
    let formats: &[&str] = if soffice.is_some() && !chinese_font() {
        &["docx"]
    } else {
        &["docx", "pdf"]
    };
    for (k, name) in REGULATIONS.iter().enumerate() {
        let md = std::fs::read_to_string(lawrefbook.join(name))
            .unwrap_or_else(|e| panic!("{name} is missing: {e}"));
        let dir = tempfile::tempdir().expect("temp dir");
        let txt = dir.path().join(format!("r{k}.txt"));
        std::fs::write(&txt, plain_text(&md)).expect("text written");
        let want = read(&txt);
        assert!(want.articles.len() > 40, "{name}: {}", want.articles.len());
        let heading = md.lines().next().unwrap_or_default();
        assert_eq!(format!("# {}", want.meta.title), heading, "{name}");

        let wrapped = dir.path().join(format!("w{k}.txt"));
        std::fs::write(&wrapped, hard_wrap(&plain_text(&md), 38)).expect("text written");
        assert_reads_as(&format!("{name} wrapped"), &read(&wrapped), &want);

        if let Some(soffice) = &soffice {
            for &ext in formats {
                let file = convert(soffice, dir.path(), &txt, ext);
                assert_reads_as(&format!("{name} {ext}"), &read(&file), &want);
            }
        }
    }
}

/// A text typed without blank lines, one paragraph a line, printed to PDF: LibreOffice draws the
/// space after a line's leading `第十七条` before the marker, right of the end of a short line
/// above (洛阳 第十六条 ends `…处理` / `措施。`), and the reader took 第十七条 for a part of
/// 第十六条 (`第十八条 follows 第十六条`, 26 articles of 27).
#[test]
fn an_article_after_a_short_last_line_starts_its_own_line_in_a_pdf() {
    let Some(soffice) = soffice("PDF and DOCX reading were") else {
        return;
    };
    if !chinese_font() {
        return;
    }
    let name = "DLC/河南地方法规/地方性法规/河南/洛阳市古树名木保护条例(2015-08-12).md";
    let md = std::fs::read_to_string(shared::path("corpora/lawrefbook").join(name))
        .unwrap_or_else(|e| panic!("{name} is missing: {e}"));
    let dense: String = plain_text(&md)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().expect("temp dir");
    let txt = dir.path().join("luoyang.txt");
    std::fs::write(&txt, dense).expect("text written");
    let want = read(&txt);
    assert_eq!(want.articles.len(), 27);
    let pdf = convert(&soffice, dir.path(), &txt, "pdf");
    let got = read(&pdf);
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    assert_reads_as("洛阳 pdf", &got, &want);
}
