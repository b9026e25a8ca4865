//! Writes a corpus folder's grouping inputs as JSON (`guize::align::sequence::study`), for trying
//! grouping methods outside the crate.
//! Usage: cargo run --release --features studies --example align_study -- CORPUS OUT.json [PARAMS.json]
//! (CORPUS `(built-in)` reads the five built-in regulations.)
use guize::align::{Params, sequence};
use guize::corpus::Corpus;
use guize::model::Regulation;
use std::path::PathBuf;

fn main() {
    if let Err(e) = run() {
        eprintln!("align_study: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, out, rest @ ..] = args.as_slice() else {
        return Err("usage: align_study CORPUS OUT.json [PARAMS.json]".into());
    };
    let corpus = if corpus == guize::builtin::ROOT {
        guize::builtin::load()?
    } else {
        Corpus::load(&PathBuf::from(corpus))?
    };
    let params = match rest.first() {
        Some(path) => Params::overridden(&std::fs::read_to_string(path)?)?,
        None => Params::default(),
    };
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    std::fs::write(out, sequence::study(&docs, &params).to_string())?;
    Ok(())
}
