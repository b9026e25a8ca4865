//! Prints one document's articles with their paragraphs, for eyeballing the parser.
//! Usage: cargo run --features studies --example dump -- corpus/shizhong.txt
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE");
        std::process::exit(2);
    };
    let path = std::path::PathBuf::from(path);
    let text = match std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|b| guize::extract::decode(&b).map_err(|e| e.to_string()))
    {
        Ok((t, _)) => t,
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1);
        }
    };
    let kind = guize::parse::SourceKind::from_path(&path);
    let doc = guize::parse::parse(guize::parse::Source {
        id: "doc".into(),
        path: &path,
        text: &text,
        kind,
        meta: Default::default(),
    });
    println!(
        "{} | {:?} | {:?}",
        doc.meta.title, doc.meta.doc_number, doc.meta.issued
    );
    for a in &doc.articles {
        println!("== {} [{}] lines {:?}", a.number, a.chapter.title, a.lines);
        for p in &a.paragraphs {
            println!("  ¶ {}", p.text);
        }
    }
    for w in &doc.warnings {
        println!("warning: {w}");
    }
}
