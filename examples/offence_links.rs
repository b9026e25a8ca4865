//! The offence links of a corpus folder (`align::offence`: two penalties of different documents
//! whose conditions are each other's best match), and the groups that differ between two
//! settings. Usage:
//! cargo run --release --features studies --example offence_links -- CORPUS [BASE.json] [PARAMS.json]
//! (settings files as `Params::overridden` reads them; the defaults when left out).
use guize::align::{Params, align_with, offence};
use guize::corpus::Corpus;
use guize::model::Regulation;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn main() {
    if let Err(e) = run() {
        eprintln!("offence_links: {e}");
        std::process::exit(1);
    }
}

fn settings(path: Option<&String>) -> Result<Params, Box<dyn std::error::Error>> {
    Ok(match path.filter(|p| !p.is_empty()) {
        Some(p) => Params::overridden(&std::fs::read_to_string(p)?)?,
        None => Params::default(),
    })
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(corpus) = args.first() else {
        return Err("usage: offence_links CORPUS [BASE.json] [PARAMS.json]".into());
    };
    let corpus = Corpus::load(&PathBuf::from(corpus))?;
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let base = settings(args.get(1))?;
    let params = settings(args.get(2))?;
    for ((da, na), (db, nb)) in offence::study(&docs, &params) {
        println!("link {da} {na} — {db} {nb}");
    }
    let show = |params: &Params| -> BTreeSet<String> {
        align_with(&docs, params)
            .groups
            .iter()
            .map(|g| {
                g.traced_members()
                    .iter()
                    .map(|(d, n)| format!("{} {n}", d.chars().take(2).collect::<String>()))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect()
    };
    let (a, b) = (show(&base), show(&params));
    for g in a.difference(&b) {
        println!("- {g}");
    }
    for g in b.difference(&a) {
        println!("+ {g}");
    }
    Ok(())
}
