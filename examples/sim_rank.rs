//! How well the similarity ranks a gold's counterparts, apart from the grouping, and the
//! end-to-end link scores: the figures `tests/align_similarity.rs` pins.
//! Usage: cargo run --release --features studies --example sim_rank -- CORPUS GOLD [PARAMS.json]
//! PARAMS.json overrides any of `guize::align::Params` (dotted keys: {"sim.hub": 0.5}).
use guize::align::{Params, align_with, eval, rank_with_misses, similarities};
use guize::corpus::Corpus;
use guize::model::Regulation;
use std::path::PathBuf;

fn main() {
    if let Err(e) = run() {
        eprintln!("sim_rank: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, gold, rest @ ..] = args.as_slice() else {
        return Err("usage: sim_rank CORPUS GOLD [PARAMS.json]".into());
    };
    let corpus = Corpus::load(&PathBuf::from(corpus))?;
    let gold: eval::Gold = serde_json::from_str(&std::fs::read_to_string(gold)?)?;
    let params = match rest.first() {
        Some(path) => Params::overridden(&std::fs::read_to_string(path)?)?,
        None => Params::default(),
    };
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let (r, misses) = rank_with_misses(&similarities(&docs, &params), &gold);
    if std::env::var_os("SIM_RANK_MISSES").is_some() {
        for [a, b, top] in &misses {
            println!(
                "{} {} -> {} {} ranks {} {} first",
                a.0, a.1, b.0, b.1, top.0, top.1
            );
        }
    }
    let s = eval::score(&align_with(&docs, &params), &gold);
    println!(
        "mutual {:.3} strict {:.3} best {:.3} MRR {:.3} candidates {:.3} ({} links) | P {:.3} R {:.3} F1 {:.3}",
        r.mutual_best,
        r.mutual_best_strict,
        r.best,
        r.mrr,
        r.candidate_recall,
        r.links,
        s.precision,
        s.recall,
        s.f1
    );
    Ok(())
}
