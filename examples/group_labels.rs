//! Prints a family's groups of several documents with their labels under given settings, for
//! reading what a step changes. Usage:
//! cargo run --release --features studies --example group_labels -- SETTINGS.json NAME=CORPUS=GOLD
//! (SETTINGS.json as `missed_links` reads it; the gold is read only to check it parses.)
mod families;

use guize::align::{Params, align_with};
use guize::model::Regulation;

fn main() {
    families::main_of("group_labels", run);
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [settings, family] = args.as_slice() else {
        return Err("usage: group_labels SETTINGS.json NAME=CORPUS=GOLD".into());
    };
    let params = Params::overridden(&std::fs::read_to_string(settings)?)?;
    let (_, corpus, _) = families::load(family)?;
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
