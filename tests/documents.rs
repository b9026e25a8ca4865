//! Published formats read as their text does: the five seeds and three lawrefbook laws, saved by
//! LibreOffice as DOCX and PDF (`tests/data/docs/make.sh`), and a GBK government web page. Every
//! article read from DOCX equals the text reading; from PDF at least 97% do (whitespace aside), and
//! the rest are printed with the first difference. A corpus folder of mixed formats loads them all,
//! warns about the ones it cannot read, and its fingerprint sees every file.

use guize::corpus::Corpus;
use guize::extract::{ExtractError, extract};
use guize::model::{DocMeta, Regulation};
use guize::parse::{self, SourceKind};
use std::path::{Path, PathBuf};

const FIVE: [&str; 5] = ["lixia", "shizhong", "yanzhou", "zhoucun", "huancui"];
const LAWS: [&str; 3] = ["peishenyuan", "peichang", "fazhi"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/data/docs").join(name)
}

/// Reads a file as the corpus does (extraction, then the parser).
fn read(path: &Path) -> Regulation {
    let bytes = std::fs::read(path).expect("fixture exists");
    let text = extract(path, &bytes)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .text;
    let id = path
        .file_name()
        .expect("a name")
        .to_string_lossy()
        .as_ref()
        .into();
    parse::parse(parse::Source {
        id,
        path,
        text: &text,
        kind: SourceKind::from_path(path),
        meta: DocMeta::default(),
    })
}

/// The source each fixture was made from: a corpus .txt or a lawrefbook .md copied beside it.
fn source(name: &str) -> PathBuf {
    if FIVE.contains(&name) {
        repo().join("corpus").join(format!("{name}.txt"))
    } else {
        fixture(&format!("{name}.md"))
    }
}

/// An article as compared: chapter, number, 之一, and the text.
type Key = (u32, u32, u32);

fn articles(doc: &Regulation, squeeze: bool) -> Vec<(Key, String)> {
    doc.articles
        .iter()
        .map(|a| {
            let text = if squeeze {
                a.norm.chars().filter(|c| !c.is_whitespace()).collect()
            } else {
                a.text.clone()
            };
            ((a.chapter.number, a.number, a.sub), text)
        })
        .collect()
}

/// Articles of `got` that differ from `want` (or are missing), each with its first difference.
fn differences(want: &Regulation, got: &Regulation, squeeze: bool) -> (usize, Vec<String>) {
    let want = articles(want, squeeze);
    let got = articles(got, squeeze);
    let mut out = Vec::new();
    for (key, text) in &want {
        match got.iter().find(|(k, _)| k == key) {
            None => out.push(format!("{key:?} missing")),
            Some((_, t)) if t != text => {
                let at = text
                    .chars()
                    .zip(t.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                let near = |s: &str| {
                    s.chars()
                        .skip(at.saturating_sub(8))
                        .take(24)
                        .collect::<String>()
                };
                out.push(format!(
                    "{key:?} differs at char {at}: text «{}» / read «{}»",
                    near(text),
                    near(t)
                ));
            }
            Some(_) => {}
        }
    }
    if got.len() != want.len() {
        out.push(format!(
            "{} articles read, {} in the text",
            got.len(),
            want.len()
        ));
    }
    (want.len(), out)
}

#[test]
fn every_article_read_from_docx_equals_the_text_reading() {
    let mut failures = Vec::new();
    for name in FIVE.iter().chain(&LAWS) {
        let want = read(&source(name));
        let got = read(&fixture(&format!("{name}.docx")));
        assert!(
            want.articles.len() > 10,
            "{name}: {} articles",
            want.articles.len()
        );
        let (_, diff) = differences(&want, &got, false);
        failures.extend(diff.into_iter().map(|d| format!("{name}.docx {d}")));
        if FIVE.contains(name) {
            // (A Markdown source takes its title from `#`; its DOCX from the text, as a .txt would.)
            assert_eq!(got.meta.title, want.meta.title, "{name}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn at_least_97_percent_of_articles_read_from_pdf_equal_the_text_reading() {
    let (mut total, mut unequal) = (0, Vec::new());
    for name in FIVE.iter().chain(&LAWS) {
        let want = read(&source(name));
        let got = read(&fixture(&format!("{name}.pdf")));
        let (n, diff) = differences(&want, &got, true);
        total += n;
        unequal.extend(diff.into_iter().map(|d| format!("{name}.pdf {d}")));
        if FIVE.contains(name) {
            assert_eq!(got.meta.title, want.meta.title, "{name}");
        }
    }
    let equal = total - unequal.len();
    eprintln!(
        "PDF: {equal} of {total} articles equal the text reading ({:.1}%)",
        100.0 * equal as f64 / total as f64
    );
    for d in &unequal {
        eprintln!("  {d}");
    }
    assert!(equal * 100 >= total * 97, "{}", unequal.join("\n"));
}

#[test]
fn a_page_printed_by_chromium_reads_like_its_text() {
    // Type 0 fonts (CIDFontType2, Identity-H) and a browser's running header and footer.
    let want = read(&source("zhoucun"));
    let got = read(&fixture("zhoucun-web.pdf"));
    let (n, diff) = differences(&want, &got, true);
    eprintln!("zhoucun-web.pdf: {} of {n} articles equal", n - diff.len());
    for d in &diff {
        eprintln!("  {d}");
    }
    assert!((n - diff.len()) * 100 >= n * 97, "{}", diff.join("\n"));
}

#[test]
fn the_gbk_web_page_reads_to_the_articles_of_its_text() {
    let bytes = std::fs::read(fixture("zhoucun.html")).expect("fixture");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture is GBK, not UTF-8"
    );
    let text = extract(&fixture("zhoucun.html"), &bytes)
        .expect("reads")
        .text;
    for chrome in [
        "首页",
        "当前位置",
        "相关文章",
        "网站标识码",
        "打印本页",
        "doZoom",
    ] {
        assert!(!text.contains(chrome), "navigation leaked: {chrome}");
    }
    let want = read(&source("zhoucun"));
    let got = read(&fixture("zhoucun.html"));
    let (_, diff) = differences(&want, &got, false);
    assert!(diff.is_empty(), "{}", diff.join("\n"));
    assert_eq!(got.meta.title, want.meta.title);
}

#[test]
fn a_scanned_pdf_is_a_clear_error_not_an_empty_document() {
    let path = fixture("scan.pdf");
    let e = extract(&path, &std::fs::read(&path).expect("fixture")).expect_err("no text layer");
    assert!(matches!(e, ExtractError::NoTextLayer { pages: 1 }), "{e:?}");
    assert!(e.to_string().contains("OCR"), "{e}");
}

/// A corpus folder holding the fixtures: .docx, .pdf, .html, a scan, a .wps and a .doc.
fn mixed_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (from, to) in [
        ("lixia.docx", "lixia.docx"),
        ("shizhong.pdf", "shizhong.pdf"),
        ("zhoucun.html", "zhoucun.htm"),
        ("huancui.docx", "sub/huancui.DOCX"),
        ("scan.pdf", "scan.pdf"),
    ] {
        let dest = dir.path().join(to);
        std::fs::create_dir_all(dest.parent().expect("parent")).expect("mkdir");
        std::fs::copy(fixture(from), dest).expect("copy");
    }
    std::fs::write(dir.path().join("draft.wps"), b"\xd0\xcf\x11\xe0").expect("write");
    std::fs::write(dir.path().join("old.doc"), b"\xd0\xcf\x11\xe0").expect("write");
    std::fs::write(dir.path().join("photo.jpg"), b"\xff\xd8\xff").expect("write");
    dir
}

#[test]
fn a_corpus_of_published_files_loads_and_warns_about_the_rest() {
    let dir = mixed_corpus();
    let corpus = Corpus::load(dir.path()).expect("loads");
    let ids: Vec<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["lixia", "shizhong", "sub/huancui", "zhoucun"]);
    for doc in &corpus.docs {
        let want = read(&source(doc.id.as_str().trim_start_matches("sub/")));
        assert_eq!(doc.articles.len(), want.articles.len(), "{}", doc.id);
    }
    let warnings: Vec<String> = corpus.load_warnings.iter().map(|w| w.to_string()).collect();
    let all = warnings.join("\n");
    for (file, says) in [
        ("draft.wps", "libreoffice --headless --convert-to docx"),
        ("old.doc", "libreoffice --headless --convert-to docx"),
        ("scan.pdf", "no text layer"),
    ] {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(file) && w.contains(says)),
            "no warning for {file}: {all}"
        );
    }
    assert!(!all.contains("photo.jpg"), "{all}");
    assert_eq!(warnings.len(), 3, "{all}");
}

#[test]
fn a_docx_named_doc_in_a_corpus_is_read_as_the_docx_it_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("lixia.docx"), dir.path().join("renamed.doc")).expect("copy");
    let corpus = Corpus::load(dir.path()).expect("loads");
    let as_docx = read(&fixture("lixia.docx"));
    let ids: Vec<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["renamed"]);
    let doc = &corpus.docs[0];
    // Read as a DOCX is: the same articles, as paragraphs.
    assert_eq!(doc.articles.len(), as_docx.articles.len());
    for (a, b) in doc.articles.iter().zip(&as_docx.articles) {
        assert_eq!(a.text, b.text, "{}", a.label());
    }
    // The document's own warning, as `guize corpus` counts it.
    let warnings: Vec<String> = doc.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("renamed.doc") && w.contains("whose content is a .docx")),
        "{warnings:?}"
    );
}

#[test]
fn the_fingerprint_sees_every_document_format() {
    let dir = mixed_corpus();
    let before = guize::index::fingerprint(dir.path()).expect("fingerprint");
    for name in ["lixia.docx", "shizhong.pdf", "zhoucun.htm", "draft.wps"] {
        let path = dir.path().join(name);
        let mut bytes = std::fs::read(&path).expect("read");
        bytes.push(b'\n');
        std::fs::write(&path, &bytes).expect("write");
        let after = guize::index::fingerprint(dir.path()).expect("fingerprint");
        assert_ne!(before, after, "{name} is not in the fingerprint");
        bytes.pop();
        std::fs::write(&path, &bytes).expect("write");
    }
    assert_eq!(
        before,
        guize::index::fingerprint(dir.path()).expect("fingerprint")
    );
}

#[test]
fn the_same_id_in_two_formats_keeps_the_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(source("lixia"), dir.path().join("lixia.txt")).expect("copy");
    std::fs::copy(fixture("lixia.pdf"), dir.path().join("lixia.pdf")).expect("copy");
    let corpus = Corpus::load(dir.path()).expect("loads");
    assert_eq!(corpus.docs.len(), 1);
    assert!(corpus.docs[0].path.ends_with("lixia.txt"));
    let w = corpus.load_warnings[0].to_string();
    assert!(
        w.contains("lixia.pdf") && w.contains("same document id"),
        "{w}"
    );
}

#[test]
fn a_bad_file_never_costs_its_id_the_good_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    // An empty text file is preferred to the Markdown one by format, and a broken DOCX to the PDF.
    std::fs::write(dir.path().join("y.txt"), b"").expect("write");
    std::fs::copy(source("lixia"), dir.path().join("y.md")).expect("copy");
    std::fs::write(dir.path().join("z.docx"), b"PK\x03\x04broken zip").expect("write");
    std::fs::copy(fixture("zhoucun.pdf"), dir.path().join("z.pdf")).expect("copy");
    // Two files that both read: the preferred one is kept, the other named.
    std::fs::copy(source("shizhong"), dir.path().join("s.txt")).expect("copy");
    std::fs::copy(fixture("shizhong.pdf"), dir.path().join("s.pdf")).expect("copy");
    let corpus = Corpus::load(dir.path()).expect("loads");
    let got: Vec<(String, String)> = corpus
        .docs
        .iter()
        .map(|d| {
            let name = d.path.file_name().expect("a name").to_string_lossy();
            (d.id.to_string(), name.into_owned())
        })
        .collect();
    let want: Vec<(String, String)> = [("s", "s.txt"), ("y", "y.md"), ("z", "z.pdf")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    let warnings: Vec<String> = corpus.load_warnings.iter().map(|w| w.to_string()).collect();
    let all = warnings.join("\n");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("y.txt") && w.contains("empty")),
        "{all}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("z.docx") && w.contains("DOCX")),
        "{all}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("s.pdf")
            && w.contains("same document id as")
            && w.contains("s.txt")),
        "{all}"
    );
    assert_eq!(warnings.len(), 3, "{all}");
    // The index fingerprint describes the same files the load read.
    assert_eq!(
        guize::index::fingerprint(dir.path()).expect("fingerprint"),
        guize::index::fingerprint_of(&corpus.sources)
    );
}

/// A web page's lines are its author's: a short heading or label ended by `<br>` or a block is
/// never joined to the next line, as a wrapped line of plain text is.
#[test]
fn a_web_page_keeps_its_short_lines_apart() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("rules.html");
    std::fs::write(
        &path,
        "<html><body><div class=\"content\"><p>某某办法</p>\
         <p>第一条 为了规范会议，制定本办法。</p>\
         <p>第二条 会议分为<br>全体会议<br>常务会议<br>办公会议</p>\
         <p>第三条 本办法自印发之日起施行。</p></div></body></html>",
    )
    .expect("write");
    let doc = read(&path);
    let second = doc.articles.iter().find(|a| a.number == 2).expect("第二条");
    let paragraphs: Vec<&str> = second.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(paragraphs.len(), 4, "{paragraphs:?}");
    assert_eq!(doc.articles.len(), 3);
}
