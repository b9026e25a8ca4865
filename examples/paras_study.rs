//! What the paragraph step (`paras`) joins on one corpus, and which of its documents are of one
//! kind. Usage:
//! cargo run --release --features studies --example paras_study -- CORPUS [SETTINGS.json]
//! SETTINGS.json is one settings object (dotted keys, as `Params::overridden` reads them); the
//! step is turned on whatever it says. Prints the pairs of documents by their share of mutual
//! best matches above the null (how many pairs reach the bar, the spread of the shares), then
//! each group the step made of several earlier groups: its members by document title and
//! article, each with the opening of its text.
use guize::align::{Params, align_traced};
use guize::corpus::Corpus;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn main() {
    if let Err(e) = run() {
        eprintln!("paras_study: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, rest @ ..] = args.as_slice() else {
        return Err("usage: paras_study CORPUS [SETTINGS.json]".into());
    };
    let corpus = Corpus::load(&PathBuf::from(corpus))?;
    let settings = match rest.first() {
        Some(path) => std::fs::read_to_string(path)?,
        None => "{}".to_string(),
    };
    let mut params = Params::overridden(&settings)?;
    params.paras.on = true;
    let docs: Vec<_> = corpus.docs.iter().collect();
    let (_, trace) = align_traced(&docs, &params);
    let title: BTreeMap<String, &str> = docs
        .iter()
        .map(|d| (d.id.0.to_string(), d.meta.title.as_str()))
        .collect();
    let n = docs.len();
    let all = n * (n.saturating_sub(1)) / 2;
    let bar = params.paras.kin.share;
    let kin = trace.kin.iter().filter(|k| k.2 >= bar).count();
    println!(
        "{n} documents, {all} pairs: {} with a mutual best match above the null, {kin} of one kind (share >= {bar})",
        trace.kin.len()
    );
    let mut shares: Vec<f32> = trace.kin.iter().map(|k| k.2).collect();
    shares.extend(std::iter::repeat_n(0.0, all.saturating_sub(shares.len())));
    shares.sort_by(f32::total_cmp);
    let at = |q: f64| {
        shares
            .get(((shares.len() as f64 - 1.0) * q) as usize)
            .copied()
    };
    println!(
        "share quantiles 0.5 {:?} 0.9 {:?} 0.99 {:?} 0.999 {:?}, least {:?}",
        at(0.5),
        at(0.9),
        at(0.99),
        at(0.999),
        shares.first()
    );
    if n <= 12 {
        for (a, b, s) in &trace.kin {
            println!("  {s:.3} {} ~ {}", title[a], title[b]);
        }
    }
    let at_step = |name: &str| trace.steps.iter().position(|s| s.step == name);
    let Some(i) = at_step("paras") else {
        return Err("no paras step traced".into());
    };
    let (before, after) = (&trace.steps[i - 1].groups, &trace.steps[i].groups);
    let text: BTreeMap<(String, u32), String> = docs
        .iter()
        .flat_map(|d| {
            d.articles.iter().map(|a| {
                (
                    (d.id.0.to_string(), a.number),
                    a.text.chars().take(40).collect(),
                )
            })
        })
        .collect();
    let mut joined = 0;
    for g in after {
        let parts: Vec<&Vec<(String, u32)>> = before
            .iter()
            .filter(|h| h.iter().all(|m| g.contains(m)))
            .collect();
        if parts.len() < 2 {
            continue;
        }
        joined += 1;
        println!("\njoined group of {} earlier groups:", parts.len());
        for (k, part) in parts.iter().enumerate() {
            for m in part.iter() {
                let t = text.get(m).map_or("", String::as_str).replace('\n', " ");
                println!("  [{k}] {} 第{}条 {t}", title[&m.0], m.1);
            }
        }
    }
    println!("\n{joined} groups joined");
    Ok(())
}
