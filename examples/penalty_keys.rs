//! Writes what the regrouping of penalties by provision saw in a corpus folder, as JSON: the
//! grouping inputs of `align_study` (penalty flags, numbered citations, described provisions,
//! units, final clusters) and the grouping after each step (`align_traced`), for counting which
//! penalty groups the regrouping leaves pooled and why.
//! Usage: cargo run --release --features studies --example penalty_keys -- CORPUS OUT.json [PARAMS.json]
use guize::align::{Params, align_traced, sequence};
use guize::corpus::Corpus;
use guize::model::Regulation;
use std::path::PathBuf;

fn main() {
    if let Err(e) = run() {
        eprintln!("penalty_keys: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, out, rest @ ..] = args.as_slice() else {
        return Err("usage: penalty_keys CORPUS OUT.json [PARAMS.json]".into());
    };
    let params = match rest.first() {
        Some(p) => Params::overridden(&std::fs::read_to_string(p)?)?,
        None => Params::default(),
    };
    let corpus = Corpus::load(&PathBuf::from(corpus))?;
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let study = sequence::study(&docs, &params);
    let (_, trace) = align_traced(&docs, &params);
    let steps: Vec<serde_json::Value> = trace
        .steps
        .iter()
        .map(|s| serde_json::json!({"step": s.step, "groups": s.groups}))
        .collect();
    let texts: Vec<serde_json::Value> = docs
        .iter()
        .map(|d| {
            serde_json::json!(
                d.articles
                    .iter()
                    .map(|a| (a.number, a.norm.clone()))
                    .collect::<Vec<_>>()
            )
        })
        .collect();
    let value = serde_json::json!({"study": study, "steps": steps, "texts": texts});
    std::fs::write(out, serde_json::to_string(&value)?)?;
    Ok(())
}
