//! Scores many settings on several gold families in one process, for leave-one-family-out
//! cross-validation. Usage:
//! cargo run --release --features studies --example align_grid -- GRID.json NAME=CORPUS=GOLD...
//! GRID.json is a list of settings objects (dotted keys, as `Params::overridden` reads them).
//! Prints one JSON line per setting and family: {"i", "family", "p", "r", "f1", "settings"}.
mod families;

use guize::align::{Params, align_with, eval};
use guize::model::Regulation;

fn main() {
    families::main_of("align_grid", run);
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [grid, families @ ..] = args.as_slice() else {
        return Err("usage: align_grid GRID.json NAME=CORPUS=GOLD...".into());
    };
    let grid: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(grid)?)?;
    let mut loaded = Vec::new();
    for f in families {
        loaded.push(families::load(f)?);
    }
    for (i, settings) in grid.iter().enumerate() {
        let params = Params::overridden(&settings.to_string())?;
        for (name, corpus, gold) in &loaded {
            let docs: Vec<&Regulation> = corpus.docs.iter().collect();
            let s = eval::score(&align_with(&docs, &params), gold);
            let line = serde_json::json!({
                "i": i, "family": name, "p": s.precision, "r": s.recall, "f1": s.f1,
                "settings": settings,
            });
            println!("{line}");
        }
    }
    Ok(())
}
