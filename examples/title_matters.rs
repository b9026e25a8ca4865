//! The matter each document's title names (`guize::align::kin::titles`), and how the split into
//! kinds parts a corpus. Usage:
//! `cargo run --release --features studies --example title_matters -- [--kinds] [--shares=S] CORPUS...`
//! prints one line a document: id, title, matter (`-` when the title names none). `--kinds`
//! also prints the parts `guize::align::kinds` makes of all the corpora's documents together
//! (settings from `PARAMS`, `kinds.on` set true); `--shares=S` prints every pair of documents
//! whose matters differ and that share at least `S` of their articles (`Trace::kin`).
use guize::align::kin::titles::matter;
use guize::align::{Params, align_traced, kinds};
use guize::corpus::Corpus;
use guize::model::Regulation;
use std::collections::HashMap;
use std::path::PathBuf;

fn main() {
    if let Err(e) = run() {
        eprintln!("title_matters: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args.iter().any(|a| a == "--kinds");
    let shares: Option<f32> = args
        .iter()
        .find_map(|a| a.strip_prefix("--shares="))
        .map(str::parse)
        .transpose()?;
    let mut corpora = Vec::new();
    for dir in args.iter().filter(|a| !a.starts_with("--")) {
        corpora.push(Corpus::load(&PathBuf::from(dir))?);
    }
    let docs: Vec<&Regulation> = corpora.iter().flat_map(|c| &c.docs).collect();
    let matters: Vec<String> = docs
        .iter()
        .map(|d| {
            let places = [d.meta.city.as_str(), d.meta.district.as_str()];
            matter(&d.meta.title, &places).unwrap_or_else(|| "-".into())
        })
        .collect();
    for (d, m) in docs.iter().zip(&matters) {
        println!("{}\t{}\t{m}", d.id, d.meta.title);
    }
    let mut params = match std::env::var("PARAMS") {
        Ok(p) => Params::overridden(&p)?,
        Err(_) => Params::default(),
    };
    params.kinds.on = true;
    if split {
        let parts = kinds(&docs, &params);
        println!("{} parts", parts.len());
        for p in &parts {
            let names: Vec<&str> = p.iter().map(|&d| docs[d].meta.title.as_str()).collect();
            println!("part of {}: {}", p.len(), names.join(" | "));
        }
    }
    if let Some(least) = shares {
        let at: HashMap<&str, usize> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        let (_, trace) = align_traced(&docs, &params);
        for (a, b, share) in &trace.kin {
            let (x, y) = (at[a.as_str()], at[b.as_str()]);
            if *share >= least && matters[x] != matters[y] {
                println!("{share:.3}\t{}\t{}", docs[x].meta.title, docs[y].meta.title);
            }
        }
    }
    Ok(())
}
