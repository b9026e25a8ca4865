//! Prints a family's groups of several documents with their labels under given settings, for
//! reading what a step changes. Usage:
//! cargo run --release --example group_labels -- SETTINGS.json CORPUS
mod families;

use guize::align::{Params, align_with};
use guize::corpus::Corpus;
use guize::model::Regulation;
use std::path::PathBuf;

fn main() {
    families::main_of("group_labels", run);
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [settings, corpus] = args.as_slice() else {
        return Err("usage: group_labels SETTINGS.json CORPUS".into());
    };
    let params = Params::overridden(&std::fs::read_to_string(settings)?)?;
    let corpus = Corpus::load(&PathBuf::from(corpus))?;
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    for g in align_with(&docs, &params)
        .groups
        .iter()
        .filter(|g| g.members.len() > 1)
    {
        let members: Vec<String> = g
            .members
            .iter()
            .map(|(d, ns)| format!("{d} {ns:?}"))
            .collect();
        println!("{:<24} {}", g.label, members.join(", "));
    }
    Ok(())
}
