//! What the alignment study examples share: a gold family named on the command line, and how
//! a study ends on an error.

use guize::align::eval;
use guize::corpus::Corpus;
use std::error::Error;
use std::path::PathBuf;

/// Reads one `NAME=CORPUS=GOLD` argument: the family's name, its corpus folder loaded and its
/// gold file parsed.
pub fn load(arg: &str) -> Result<(String, Corpus, eval::Gold), Box<dyn Error>> {
    let parts: Vec<&str> = arg.splitn(3, '=').collect();
    let [name, corpus, gold] = parts.as_slice() else {
        return Err(format!("family {arg}: want NAME=CORPUS=GOLD").into());
    };
    let corpus = Corpus::load(&PathBuf::from(corpus))?;
    let gold: eval::Gold = serde_json::from_str(&std::fs::read_to_string(gold)?)?;
    Ok((name.to_string(), corpus, gold))
}

/// Runs a study's `run`, and on an error says it on stderr, named by the study, and exits 1.
pub fn main_of(name: &str, run: fn() -> Result<(), Box<dyn Error>>) {
    if let Err(e) = run() {
        eprintln!("{name}: {e}");
        std::process::exit(1);
    }
}
