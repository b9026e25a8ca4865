//! Aligns a corpus folder with settings other than the defaults and scores it, for tuning by hand.
//! Usage: cargo run --release --features studies --example align_params -- CORPUS GOLD [PARAMS.json] [OUT.json]
//! PARAMS.json overrides any of `guize::align::Params` (dotted keys: {"cluster.edge_min": 0.25});
//! OUT.json receives the groups as `guize align --json` prints them.
use guize::align::{Params, align_with, eval};
use guize::corpus::Corpus;
use guize::model::Regulation;
use std::path::PathBuf;

fn main() {
    if let Err(e) = run() {
        eprintln!("align_params: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, gold, rest @ ..] = args.as_slice() else {
        return Err("usage: align_params CORPUS GOLD [PARAMS.json] [OUT.json]".into());
    };
    let corpus = Corpus::load(&PathBuf::from(corpus))?;
    let gold: eval::Gold = serde_json::from_str(&std::fs::read_to_string(gold)?)?;
    let mut params = serde_json::to_value(Params::default())?;
    if let Some(path) = rest.first().filter(|p| !p.is_empty()) {
        let over: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&std::fs::read_to_string(path)?)?;
        for (key, value) in over {
            let mut at = &mut params;
            for part in key.split('.') {
                at = at.get_mut(part).ok_or(format!("no setting {key}"))?;
            }
            *at = value;
        }
    }
    let params: Params = serde_json::from_value(params)?;
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let t = std::time::Instant::now();
    let al = align_with(&docs, &params);
    let took = t.elapsed();
    let s = eval::score(&al, &gold);
    println!(
        "P {:.3} R {:.3} F1 {:.3} (gold {}, true {}, false {}) in {:.0} ms",
        s.precision,
        s.recall,
        s.f1,
        s.gold_links,
        s.true_links,
        s.false_links,
        took.as_secs_f64() * 1e3
    );
    if let Some(out) = rest.get(1) {
        let wire = guize::render::wire::AlignJson::new(&docs, &al);
        std::fs::write(out, serde_json::to_string(&wire)?)?;
    }
    Ok(())
}
