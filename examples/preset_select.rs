//! Measures, for each family and each setting of a ladder, the link score against the gold and
//! what the corpus alone says of the grouping (no gold read): the study of choosing the setting
//! per corpus by an internal criterion. Usage:
//! cargo run --release --features studies --example preset_select -- LADDER.json NAME=CORPUS=GOLD...
//! LADDER.json is a list of settings objects (dotted keys, as `Params::overridden` reads them).
//! Prints one JSON line per setting and family: {"i", "family", "p", "r", "f1", "secs", and the
//! raw internal quantities}:
//! - `pairs`: per pair of documents, [links, longest order-preserving chain of links, crossing
//!   pairs of links] (a link: two members of one group from these two documents);
//! - `z`: every link's score in robust spreads above the corpus's null median (`null_sim`);
//! - `grouped`: articles in groups of several documents; `conflicts`: members of a group not
//!   adjacent to the previous member of their document there (several matters of one document
//!   in one group).
mod families;

use guize::align::{Alignment, Params, Similarities, align_with, eval, similarities};
use guize::model::Regulation;
use std::collections::BTreeMap;
use std::time::Instant;

fn main() {
    families::main_of("preset_select", run);
}

/// Longest chain of links (i, j) increasing in both ends (ties allowed: an article linked to two
/// neighbours of the other document keeps both).
fn longest_chain(links: &mut [(u32, u32)]) -> usize {
    links.sort_unstable();
    let mut tails: Vec<u32> = Vec::new();
    for &(_, j) in links.iter() {
        let at = tails.partition_point(|&t| t <= j);
        if at == tails.len() {
            tails.push(j);
        } else {
            tails[at] = j;
        }
    }
    tails.len()
}

fn crossings(links: &[(u32, u32)]) -> usize {
    let mut n = 0;
    for (k, &(i, j)) in links.iter().enumerate() {
        for &(i2, j2) in &links[k + 1..] {
            if (i < i2 && j > j2) || (i > i2 && j < j2) {
                n += 1;
            }
        }
    }
    n
}

/// The internal quantities of one alignment (see the module's comment).
fn internal(a: &Alignment, sims: &Similarities) -> serde_json::Value {
    let (centre, spread) = sims.null_sim();
    let spread = spread.max(1e-6);
    let mut by_pair: BTreeMap<(String, String), Vec<(u32, u32)>> = BTreeMap::new();
    let mut z = Vec::new();
    let mut grouped = 0usize;
    let mut conflicts = 0usize;
    for g in &a.groups {
        if g.members.len() < 2 {
            continue;
        }
        let docs: Vec<(&str, &Vec<u32>)> =
            g.members.iter().map(|(d, ns)| (d.as_str(), ns)).collect();
        for (_, ns) in &docs {
            grouped += ns.len();
            conflicts += ns.windows(2).filter(|w| w[1] > w[0] + 1).count();
        }
        for (k, &(d, ns)) in docs.iter().enumerate() {
            for &(e, ms) in &docs[k + 1..] {
                let links = by_pair.entry((d.into(), e.into())).or_default();
                for &i in ns {
                    for &j in ms {
                        links.push((i, j));
                        if let Some(s) = sims.score((d, i), (e, j)) {
                            z.push(((s - centre) / spread * 100.0).round() / 100.0);
                        }
                    }
                }
            }
        }
    }
    let pairs: Vec<[usize; 3]> = by_pair
        .into_values()
        .map(|mut l| {
            let c = crossings(&l);
            [l.len(), longest_chain(&mut l), c]
        })
        .collect();
    serde_json::json!({"pairs": pairs, "z": z, "grouped": grouped, "conflicts": conflicts})
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [ladder, families @ ..] = args.as_slice() else {
        return Err("usage: preset_select LADDER.json NAME=CORPUS=GOLD...".into());
    };
    let ladder: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(ladder)?)?;
    let ladder = ladder
        .iter()
        .map(|s| Params::overridden(&s.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    for f in families {
        let (name, corpus, gold) = families::load(f)?;
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        let sims = similarities(&docs, &Params::default());
        for (i, params) in ladder.iter().enumerate() {
            let t = Instant::now();
            let a = align_with(&docs, params);
            let secs = t.elapsed().as_secs_f64();
            let s = eval::score(&a, &gold);
            let mut line = internal(&a, &sims);
            line["i"] = i.into();
            line["family"] = name.clone().into();
            line["p"] = s.precision.into();
            line["r"] = s.recall.into();
            line["f1"] = s.f1.into();
            line["secs"] = secs.into();
            println!("{line}");
        }
    }
    Ok(())
}
