//! How a family's gold scores inside a corpus of many kinds, against the same gold aligned alone.
//! Usage:
//! cargo run --release --features studies --example mixed_study -- [--strangers] NAME=CORPUS=GOLD...
//! Settings from `PARAMS` (dotted keys, as `Params::overridden` reads them): the split into
//! kinds is on by default, `PARAMS='{"kinds.on": false}'` measures the corpus unsplit. `--kin` prints every
//! measured pair of documents with its share (`Trace::kin`) on stderr; `--no-whole` skips the
//! corpus of every family.
//!
//! Aligns each family alone, then every family's documents as one corpus (and, with
//! `--strangers`, each family with the first document of the next two families). Per family it
//! prints link P / R / F1 alone and mixed, the mixed figures with the groups cut to the family's
//! own documents (what the strangers' own links cost, set apart), and the mixed links that differ
//! from the alone ones classed by cause: a link to a stranger, a false link of the family inside a
//! group holding a stranger (a bridge), or a link gained or lost in a group without a stranger (a
//! shifted threshold, null or table).
mod families;

use guize::align::{Alignment, Params, align_with, eval};
use guize::model::Regulation;
use std::collections::{BTreeMap, BTreeSet};

fn main() {
    families::main_of("mixed_study", run);
}

type Link = ((String, u32), (String, u32));

/// Every link of the alignment between two articles of different documents.
fn links(a: &Alignment) -> Vec<Link> {
    let mut out = Vec::new();
    for g in &a.groups {
        let all: Vec<(String, u32)> = g
            .members
            .iter()
            .flat_map(|(d, ns)| ns.iter().map(move |&n| (d.0.to_string(), n)))
            .collect();
        for (i, x) in all.iter().enumerate() {
            for y in &all[i + 1..] {
                if x.0 != y.0 {
                    let l = if x <= y {
                        (x.clone(), y.clone())
                    } else {
                        (y.clone(), x.clone())
                    };
                    out.push(l);
                }
            }
        }
    }
    out
}

/// The alignment's groups cut to the documents in `own`.
fn cut(a: &Alignment, own: &BTreeSet<String>) -> Alignment {
    let mut out = a.clone();
    for g in &mut out.groups {
        g.members.retain(|d, _| own.contains(d.0.as_ref()));
    }
    out.groups.retain(|g| !g.members.is_empty());
    out
}

fn gold_links(gold: &eval::Gold) -> BTreeSet<Link> {
    let mut out = BTreeSet::new();
    for g in &gold.groups {
        let all: Vec<(String, u32)> = g
            .members
            .iter()
            .flat_map(|(d, ns)| ns.iter().map(move |&n| (d.clone(), n)))
            .collect();
        for (i, x) in all.iter().enumerate() {
            for y in &all[i + 1..] {
                if x.0 != y.0 {
                    out.insert(if x <= y {
                        (x.clone(), y.clone())
                    } else {
                        (y.clone(), x.clone())
                    });
                }
            }
        }
    }
    out
}

/// Counts of the mixed alignment's differences from the alone one, for one family.
fn causes(
    alone: &Alignment,
    mixed: &Alignment,
    own: &BTreeSet<String>,
    gold: &eval::Gold,
) -> String {
    let truth = gold_links(gold);
    let in_own = |l: &Link| own.contains(&l.0.0) && own.contains(&l.1.0);
    let stranger_group: BTreeMap<(String, u32), bool> = mixed
        .groups
        .iter()
        .flat_map(|g| {
            let strange = g.members.keys().any(|d| !own.contains(d.0.as_ref()));
            g.members
                .iter()
                .flat_map(move |(d, ns)| ns.iter().map(move |&n| ((d.0.to_string(), n), strange)))
        })
        .collect();
    let a: BTreeSet<Link> = links(alone).into_iter().collect();
    let m: BTreeSet<Link> = links(mixed)
        .into_iter()
        .filter(|l| own.contains(&l.0.0) || own.contains(&l.1.0))
        .collect();
    let to_stranger = m.iter().filter(|l| !in_own(l)).count();
    // Of those, the links in groups labelled by a standard article type (立法目的, 施行日期 …).
    let types: BTreeSet<String> = std::fs::read_to_string("corpus/article-types.tsv")
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split('\t').next().map(str::to_string))
        .collect();
    let framed: BTreeSet<(String, u32)> = mixed
        .groups
        .iter()
        .filter(|g| g.label.split('·').next().is_some_and(|t| types.contains(t)))
        .flat_map(|g| {
            g.members
                .iter()
                .flat_map(|(d, ns)| ns.iter().map(move |&n| (d.0.to_string(), n)))
        })
        .collect();
    let to_stranger_framed = m
        .iter()
        .filter(|l| !in_own(l) && framed.contains(&l.0))
        .count();
    let (mut bridge_false, mut bridge_true, mut shift_false, mut shift_true) = (0, 0, 0, 0);
    for l in m.iter().filter(|l| in_own(l) && !a.contains(*l)) {
        let strange = stranger_group.get(&l.0).copied().unwrap_or(false);
        match (strange, truth.contains(l)) {
            (true, false) => bridge_false += 1,
            (true, true) => bridge_true += 1,
            (false, false) => shift_false += 1,
            (false, true) => shift_true += 1,
        }
    }
    let lost: Vec<&Link> = a.iter().filter(|l| !m.contains(*l)).collect();
    let lost_true = lost.iter().filter(|l| truth.contains(**l)).count();
    format!(
        "to strangers {to_stranger} ({to_stranger_framed} in standard-type groups); new in a group with a stranger {bridge_false} false {bridge_true} true; \
         new elsewhere {shift_false} false {shift_true} true; lost {} ({lost_true} true)",
        lost.len()
    )
}

fn args_kin() -> bool {
    std::env::args().any(|a| a == "--kin")
}

fn fmt(s: &eval::LinkScore) -> String {
    format!("{:.3}/{:.3}/{:.3}", s.precision, s.recall, s.f1)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let strangers = args.iter().any(|a| a == "--strangers");
    let whole = !args.iter().any(|a| a == "--no-whole");
    args.retain(|a| !a.starts_with("--"));
    let params = match std::env::var("PARAMS") {
        Ok(p) => Params::overridden(&p)?,
        Err(_) => Params::default(),
    };
    let mut loaded = Vec::new();
    for f in &args {
        // Ids made unique across families (two families may each hold a 青岛 document).
        let (name, mut corpus, mut gold) = families::load(f)?;
        let tag = |d: &str| format!("{name}:{d}");
        for d in &mut corpus.docs {
            d.id = guize::model::DocId::from(tag(&d.id.0));
        }
        for g in &mut gold.groups {
            g.members = std::mem::take(&mut g.members)
                .into_iter()
                .map(|(d, ns)| (tag(&d), ns))
                .collect();
        }
        for pair in &mut gold.ambiguous_links {
            for end in pair.iter_mut() {
                end.0 = tag(&end.0);
            }
        }
        loaded.push((name, corpus, gold));
    }
    let own_of = |docs: &[Regulation]| -> BTreeSet<String> {
        docs.iter().map(|d| d.id.0.to_string()).collect()
    };
    let alone: Vec<Alignment> = loaded
        .iter()
        .map(|(_, c, _)| align_with(&c.docs.iter().collect::<Vec<_>>(), &params))
        .collect();
    let report = |name: &str, what: &str, i: usize, mixed: &Alignment| {
        let (_, corpus, gold) = &loaded[i];
        let own = own_of(&corpus.docs);
        let a = eval::score(&alone[i], gold);
        let m = eval::score(mixed, gold);
        let c = eval::score(&cut(mixed, &own), gold);
        println!(
            "{name}\t{what}\talone {}\tmixed {}\tcut {}\t{}",
            fmt(&a),
            fmt(&m),
            fmt(&c),
            causes(&alone[i], mixed, &own, gold)
        );
    };
    if whole {
        let all: Vec<&Regulation> = loaded.iter().flat_map(|(_, c, _)| &c.docs).collect();
        let started = std::time::Instant::now();
        let mixed = align_with(&all, &params);
        eprintln!(
            "all {} documents aligned in {:.1} s",
            all.len(),
            started.elapsed().as_secs_f32()
        );
        for (i, (name, _, _)) in loaded.iter().enumerate() {
            report(name, "all", i, &mixed);
        }
        if args_kin() {
            let (_, trace) = guize::align::align_traced(&all, &params);
            let family: BTreeMap<String, &str> = loaded
                .iter()
                .flat_map(|(n, c, _)| c.docs.iter().map(move |d| (d.id.0.to_string(), n.as_str())))
                .collect();
            for (a, b, share) in &trace.kin {
                let (fa, fb) = (family[a], family[b]);
                if *share >= 0.0 {
                    eprintln!("kin {fa} {a} ~ {fb} {b}: {share:.3}");
                }
            }
        }
    }
    if strangers {
        let n = loaded.len();
        for (i, (name, corpus, _)) in loaded.iter().enumerate() {
            let mut docs: Vec<&Regulation> = corpus.docs.iter().collect();
            let mut who = Vec::new();
            for k in 1..=2 {
                let other = &loaded[(i + k) % n];
                if let Some(d) = other.1.docs.first() {
                    docs.push(d);
                    who.push(other.0.clone());
                }
            }
            let mixed = align_with(&docs, &params);
            if args_kin() {
                let (_, trace) = guize::align::align_traced(&docs, &params);
                for (a, b, share) in &trace.kin {
                    eprintln!("{name}+ kin {a} ~ {b}: {share:.3}");
                }
            }
            report(name, &format!("+{}", who.join("+")), i, &mixed);
        }
    }
    Ok(())
}
