//! End-to-end: the Word files of `compare`, `report` and `versions` opened by LibreOffice and converted back to
//! text (`soffice --headless --convert-to txt`). The text must be exactly what the comparison says,
//! line for line: titles, citation headers, every column's wording (deleted wording included, as
//! struck-through runs), notes. Without LibreOffice the test says so on stderr, and fails when CI
//! is set (Debian package `libreoffice-writer-nogui`).

mod common;
mod soffice;

use guize::diff::Op;
use guize::model::{DocId, DocMeta, Regulation};
use guize::parse::{Source, SourceKind, parse};
use guize::render::{Docx, Render};
use guize::report::{BaseKind, compare_group, corpus_report};
use guize::versions;
use soffice::soffice;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The non-empty lines of the text LibreOffice makes of `docx`.
fn text_of(soffice: &Path, docx: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("doc.docx");
    std::fs::write(&file, docx).expect("docx written");
    // A profile of its own, so that a running LibreOffice or a parallel test does not interfere.
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let status = Command::new(soffice)
        .arg(profile)
        .args([
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&file)
        .status()
        .expect("soffice runs");
    assert!(status.success(), "soffice failed: {status}");
    let text = std::fs::read_to_string(dir.path().join("doc.txt")).expect("LibreOffice wrote text");
    text.trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.trim_end_matches('\r').trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split('\n').map(|p| p.trim().to_string())
}

#[test]
fn word_files_read_back_in_libreoffice() {
    let Some(soffice) = soffice("the DOCX files were") else {
        return;
    };

    // guize compare: one five-column group of the fixture.
    let (docs, alignment) = common::five();
    let refs: Vec<&Regulation> = docs.iter().collect();
    let g = compare_group(&refs, &alignment.groups[1], &BaseKind::Medoid).expect("compares");
    let mut bytes = Vec::new();
    Docx.compare(&mut bytes, &g).expect("renders");
    let mut expected = vec![format!("{} · {}", g.label, g.id), {
        let base = g.base_column().expect("a base column");
        format!(
            "Compared with {} {}, the wording closest to the others",
            base.doc.name,
            base.article_labels()
        )
    }];
    for c in &g.columns {
        let base = if c.is_base { " (base)" } else { "" };
        expected.push(format!("{}{base}", c.doc.name));
        expected.push(c.citation());
    }
    for c in &g.columns {
        // What the column shows: its own text and the base wording it lacks (punctuation-only
        // deletions are not shown).
        let shown: String = c
            .segments
            .iter()
            .filter(|s| !(s.op == Op::Delete && s.is_punct))
            .map(|s| s.text.as_str())
            .collect();
        expected.extend(paragraphs(&shown));
    }
    // The legend names only the marks the group shows: no number differs in it.
    expected.push("Inserted: not in the base · deleted: base wording it lacks".to_string());
    expected.retain(|l| !l.is_empty());
    assert_eq!(text_of(&soffice, &bytes), expected);

    // guize report: every group's heading, citations and wording, in reading order.
    let report = corpus_report(&refs, &alignment).expect("report builds");
    let mut bytes = Vec::new();
    Docx.report(&mut bytes, &report).expect("renders");
    let lines = text_of(&soffice, &bytes);
    let mut at = 0;
    for g in report.groups() {
        let mut want = vec![format!("{} · {}", g.label, g.id)];
        want.extend(g.columns.iter().map(|c| c.citation()));
        for c in &g.columns {
            let shown: String = c
                .segments
                .iter()
                .filter(|s| !(s.op == Op::Delete && s.is_punct))
                .map(|s| s.text.as_str())
                .collect();
            want.extend(paragraphs(&shown).filter(|p| !p.is_empty()));
        }
        for w in want {
            let found = lines[at..]
                .iter()
                .position(|l| *l == w)
                .unwrap_or_else(|| panic!("report: '{w}' missing after line {at}"));
            at += found + 1;
        }
    }

    // guize versions: 监督法 2006 against 2024, every row.
    let edition = |name: &str| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/editions")
            .join(name);
        let text = std::fs::read_to_string(&path).expect("edition");
        parse(Source {
            id: DocId(name.into()),
            path: &path,
            text: &text,
            kind: SourceKind::Markdown,
            meta: DocMeta::default(),
        })
    };
    let (old, new) = (edition("jiandufa-2006.md"), edition("jiandufa-2024.md"));
    let cmp = versions::compare(&old, &new);
    let mut bytes = Vec::new();
    guize::render::versions::write(
        &mut bytes,
        &cmp,
        guize::render::versions::Format::Docx,
        false,
    )
    .expect("renders");
    let lines = text_of(&soffice, &bytes);
    let mut expected = vec!["修改前后对照表".to_string()];
    expected.push(format!("修改前 (old): {} ({})", cmp.old.title, cmp.old.id));
    expected.push(format!("修改后 (new): {} ({})", cmp.new.title, cmp.new.id));
    expected.push(guize::render::versions::summary_line(&cmp.summary()));
    // 监督法 2024 retitles three chapters: a line under the counts names them.
    let chapters = guize::render::versions::chapters_line(&cmp).expect("chapters retitled");
    expected.push(chapters);
    expected.push(
        "struck: wording the new edition drops · underlined: wording it adds · 5: a changed number"
            .to_string(),
    );
    expected.extend(["修改前", "修改后", "说明"].map(String::from));
    // A side of several articles (a split's new side) opens each after the first with its number.
    let side = |arts: &[guize::report::ArticleCite], text: &str, starts: &[usize]| {
        let mut out = Vec::new();
        for (k, &from) in starts.iter().enumerate() {
            let to = starts.get(k + 1).map_or(text.len(), |&next| next - 1);
            let mut paras: Vec<String> = paragraphs(&text[from..to]).collect();
            if k > 0
                && let Some(first) = paras.first_mut()
            {
                *first = format!("{}\u{3000}{first}", arts[k].label);
            }
            out.extend(paras);
        }
        out
    };
    for r in &cmp.rows {
        if !r.old.is_empty() {
            expected.push(guize::report::citation(&r.old));
            expected.extend(side(&r.old, &r.old_text, &r.old_starts));
        }
        if !r.new.is_empty() {
            expected.push(guize::report::citation(&r.new));
            expected.extend(side(&r.new, &r.new_text, &r.new_starts));
        }
        expected.push(r.status());
    }
    expected.retain(|l| !l.is_empty());
    assert_eq!(lines.len(), expected.len(), "line count");
    for (i, (got, want)) in lines.iter().zip(&expected).enumerate() {
        assert_eq!(got, want, "line {}", i + 1);
    }
}
