//! How often a member of a group is placed by a minor paragraph while its main paragraph points
//! to another group, and which of the two the gold holds it in. Usage:
//! cargo run --release --features studies --example minor_study -- SETTINGS.json NAME=CORPUS=GOLD...
//! SETTINGS.json is one settings object (dotted keys, as `Params::overridden` reads them; `{}`
//! for the defaults); the rows are read as its `minor` settings read them
//! (`guize::align::minor_rows`). Prints, per family, the members held by a minor paragraph by
//! class, for all of them and for those the step would move, then every row, one JSON line
//! each, on stderr.
//!
//! Classes, by the gold group of the member (`x`), against the other documents' members of its
//! group (`G`) and of its main paragraph's group (`H`):
//! - `no main`: the main paragraph points to no other group (`H` none);
//! - `main`: the gold group holds members of `H`, none of `G` (moving it is right);
//! - `kept`: the gold holds members of `G`, none of `H` (moving it is wrong);
//! - `both`: members of both;
//! - `neither`: of neither (or `x` is in no gold group).
mod families;

use guize::align::{Params, minor_rows};
use guize::model::Regulation;
use std::collections::BTreeMap;

fn main() {
    families::main_of("minor_study", run);
}

const CLASSES: [&str; 5] = ["no main", "main", "kept", "both", "neither"];

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [settings, families @ ..] = args.as_slice() else {
        return Err("usage: minor_study SETTINGS.json NAME=CORPUS=GOLD...".into());
    };
    let params = Params::overridden(&std::fs::read_to_string(settings)?)?;
    let mut total: BTreeMap<(bool, &str), usize> = BTreeMap::new();
    println!(
        "family | held by a minor paragraph: {} | moved: {}",
        CLASSES.join(" / "),
        CLASSES.join(" / ")
    );
    for f in families {
        let (name, corpus, gold) = families::load(f)?;
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        let group_of = gold.group_of();
        let mut counts: BTreeMap<(bool, &str), usize> = BTreeMap::new();
        for row in minor_rows(&docs, &params) {
            let gx = group_of.get(&row.article).copied();
            let mates = |members: &[(String, u32)]| {
                members
                    .iter()
                    .filter(|m| m.0 != row.article.0)
                    .filter(|m| gx.is_some() && group_of.get(*m).copied() == gx)
                    .count()
            };
            let (in_g, in_h) = (mates(&row.group), mates(&row.main_group));
            let class = if row.main_group.is_empty() {
                "no main"
            } else {
                match (in_g > 0, in_h > 0) {
                    (false, true) => "main",
                    (true, false) => "kept",
                    (true, true) => "both",
                    (false, false) => "neither",
                }
            };
            for moved in [false, true] {
                if !moved || row.moves {
                    *counts.entry((moved, class)).or_default() += 1;
                    *total.entry((moved, class)).or_default() += 1;
                }
            }
            let line = serde_json::json!({
                "family": name, "class": class, "row": row,
            });
            eprintln!("{line}");
        }
        println!("{name} | {}", line_of(&counts));
    }
    println!("all | {}", line_of(&total));
    Ok(())
}

fn line_of(counts: &BTreeMap<(bool, &str), usize>) -> String {
    let half = |moved: bool| {
        CLASSES
            .iter()
            .map(|c| counts.get(&(moved, *c)).copied().unwrap_or(0).to_string())
            .collect::<Vec<_>>()
            .join(" / ")
    };
    format!("{} | {}", half(false), half(true))
}
