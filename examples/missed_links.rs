//! The links a gold family holds and an alignment misses, classed by where each was lost. Usage:
//! cargo run --release --features studies --example missed_links -- SETTINGS.json NAME=CORPUS=GOLD...
//! SETTINGS.json is one settings object (dotted keys, as `Params::overridden` reads them; `{}`
//! for the defaults). Prints the missed links by class, a column per family, then over all
//! families how each missed pair ranks (mutual best, one way, neither; scored at least
//! `edge_min`); each missed link, one JSON line, on stderr. Then, by where the two ends lie
//! (both lone; one lone, the other grouped; both grouped apart; separated; no candidate), the
//! evidence of the missed pairs against the corpus's null of each term
//! (`align::evidence::EvidenceReader`: bigram and meaning cosine, coverage, best paragraph pair,
//! the space's similarity), as medians of robust z and counts at z ≥ 2 and z ≥ 4, beside the
//! gold links found (the same terms).
//!
//! Classes, first that fits (`x` and `y` the two ends, read from `align::align_traced`):
//! - `separated`: some step put the two in one group and a later one took them apart (credited
//!   to that step; a second clustering pass that does not join them again is `singletons`);
//! - `no candidate`: neither is among the other's candidates;
//! - `both lone`: neither is grouped at the end;
//! - `lone, piece`: one end is lone and the other's group holds an article of the lone end's
//!   document in the same gold group (a split provision whose other piece is grouped);
//! - `lone, taken`: the other's group holds an article of the lone end's document from another
//!   gold group;
//! - `lone, open`: the other's group lacks the lone end's document;
//! - `split group`: both are grouped, in two groups that each belong mostly to the link's gold
//!   group (one matter in two groups);
//! - `elsewhere`: both are grouped and at least one end's group belongs mostly to another gold
//!   group (a member placed with a neighbouring matter).
mod families;

use guize::align::evidence::{EvidenceReader, PairTerms};
use guize::align::{Params, Trace, TracedArticle as Article, align_traced};
use guize::model::Regulation;
use std::collections::{BTreeMap, BTreeSet};

fn main() {
    families::main_of("missed_links", run);
}

const CLASSES: [&str; 8] = [
    "separated",
    "no candidate",
    "both lone",
    "lone, piece",
    "lone, taken",
    "lone, open",
    "split group",
    "elsewhere",
];

/// The step after which `a` and `b` were last together, when they are apart at the end.
fn separated_by(trace: &Trace, a: &Article, b: &Article) -> Option<&'static str> {
    let together = trace.together(a, b);
    let last = together.iter().rposition(|&t| t)?;
    trace.steps.get(last + 1).map(|s| s.step)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [settings, families @ ..] = args.as_slice() else {
        return Err("usage: missed_links SETTINGS.json NAME=CORPUS=GOLD...".into());
    };
    let params = Params::overridden(&std::fs::read_to_string(settings)?)?;
    let mut total: BTreeMap<String, usize> = BTreeMap::new();
    // Over all families: per class, how the pair ranks under the final scores.
    let mut ranks: BTreeMap<(String, &str), usize> = BTreeMap::new();
    let mut rows: Vec<(String, BTreeMap<String, usize>, usize)> = Vec::new();
    // Per place of the ends, the z-scores of the missed pairs' terms.
    let mut by_place: BTreeMap<&'static str, Vec<PairTerms>> = BTreeMap::new();
    for f in families {
        let (name, corpus, gold) = families::load(f)?;
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        let (alignment, trace) = align_traced(&docs, &params);
        let reader = EvidenceReader::new(&docs, &params);
        let z_of = |a: &Article, b: &Article| reader.z_of((&a.0, a.1), (&b.0, b.1));
        let gold_of: BTreeMap<Article, usize> = gold.group_of();
        // The final groups: each article's group, and each group's members.
        let mut group_of: BTreeMap<Article, usize> = BTreeMap::new();
        let groups: Vec<Vec<Article>> = alignment
            .groups
            .iter()
            .map(|g| g.traced_members())
            .collect();
        for (i, g) in groups.iter().enumerate() {
            for a in g {
                group_of.insert(a.clone(), i);
            }
        }
        // The gold group most of a group's members belong to (the lowest on a tie).
        let majority = |g: usize| {
            let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
            for a in &groups[g] {
                if let Some(&k) = gold_of.get(a) {
                    *counts.entry(k).or_default() += 1;
                }
            }
            counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|c| c.0)
        };
        let cands: BTreeMap<&Article, BTreeMap<&Article, f32>> = trace
            .candidates
            .iter()
            .map(|(a, list)| (a, list.iter().map(|(b, s)| (b, *s)).collect()))
            .collect();
        let score = |x: &Article, y: &Article| cands.get(x).and_then(|l| l.get(y)).copied();
        // `y`'s rank among `x`'s candidates in `y`'s document (1: the best), and the best's lead.
        let rank = |x: &Article, y: &Article| -> Option<(usize, f32)> {
            let own = score(x, y)?;
            let list = cands.get(x)?;
            let same: Vec<f32> = list
                .iter()
                .filter(|(b, _)| b.0 == y.0)
                .map(|(_, &s)| s)
                .collect();
            let better = same.iter().filter(|&&s| s > own).count();
            let top = same.iter().copied().fold(own, f32::max);
            Some((better + 1, top - own))
        };
        let mut pos: BTreeMap<Article, usize> = BTreeMap::new();
        for d in &corpus.docs {
            for (i, a) in d.articles.iter().enumerate() {
                pos.entry((d.id.0.to_string(), a.number)).or_insert(i);
            }
        }
        let penalties: BTreeSet<&Article> = trace.penalties.iter().collect();
        let mut table: BTreeMap<String, usize> = BTreeMap::new();
        let mut missed = 0;
        for (gi, g) in gold.groups.iter().enumerate() {
            let all: Vec<Article> = g
                .members
                .iter()
                .flat_map(|(d, ns)| ns.iter().map(move |&n| (d.clone(), n)))
                .collect();
            for (i, a) in all.iter().enumerate() {
                for b in &all[i + 1..] {
                    if a.0 == b.0 {
                        continue;
                    }
                    let (ga, gb) = (group_of.get(a), group_of.get(b));
                    if ga.is_some() && ga == gb {
                        if let Some(z) = z_of(a, b) {
                            by_place
                                .entry("found (gold links grouped)")
                                .or_default()
                                .push(z);
                        }
                        continue;
                    }
                    missed += 1;
                    let lone = |g: Option<&usize>| g.is_none_or(|&g| groups[g].len() < 2);
                    let (la, lb) = (lone(ga), lone(gb));
                    let mut detail = String::new();
                    let class: String = if let Some(step) = separated_by(&trace, a, b) {
                        detail = step.to_string();
                        format!("separated ({step})")
                    } else if score(a, b).is_none() && score(b, a).is_none() {
                        "no candidate".into()
                    } else if la && lb {
                        "both lone".into()
                    } else if la || lb {
                        let (x, y) = if la { (a, b) } else { (b, a) };
                        let gy = group_of[y];
                        let mates: Vec<&Article> =
                            groups[gy].iter().filter(|m| m.0 == x.0).collect();
                        if mates.iter().any(|m| gold_of.get(*m) == Some(&gi)) {
                            "lone, piece".into()
                        } else if !mates.is_empty() {
                            "lone, taken".into()
                        } else {
                            "lone, open".into()
                        }
                    } else {
                        let (ma, mb) = (
                            majority(ga.copied().unwrap_or(0)),
                            majority(gb.copied().unwrap_or(0)),
                        );
                        if ma == Some(gi) && mb == Some(gi) {
                            "split group".into()
                        } else {
                            "elsewhere".into()
                        }
                    };
                    let base = class.split(" (").next().unwrap_or("").to_string();
                    let place = match base.as_str() {
                        "separated" => "separated by a later step",
                        "no candidate" => "no candidate",
                        "both lone" => "both lone",
                        "split group" | "elsewhere" => "both grouped, apart",
                        _ => "one lone, one grouped",
                    };
                    let z = z_of(a, b);
                    if let Some(z) = z {
                        by_place.entry(place).or_default().push(z);
                    }
                    *table.entry(base.clone()).or_default() += 1;
                    let first = |r: Option<(usize, f32)>| r.is_some_and(|r| r.0 == 1);
                    let ranked = match (first(rank(a, b)), first(rank(b, a))) {
                        (true, true) => "mutual best",
                        (false, false) => "neither best",
                        _ => "one-way best",
                    };
                    *ranks.entry((base.clone(), ranked)).or_default() += 1;
                    let high = score(a, b)
                        .or(score(b, a))
                        .is_some_and(|s| s >= params.cluster.edge_min);
                    if high {
                        *ranks.entry((base.clone(), "score ≥ edge_min")).or_default() += 1;
                    }
                    if !detail.is_empty() {
                        *table.entry(class.clone()).or_default() += 1;
                    }
                    let line = serde_json::json!({
                        "family": name, "a": a, "b": b, "class": base, "detail": detail,
                        "topic": g.topic, "score_ab": score(a, b), "score_ba": score(b, a),
                        "rank_ab": rank(a, b), "rank_ba": rank(b, a),
                        "lone_a": la, "lone_b": lb,
                        "group_a": ga.map(|&g| &groups[g]), "group_b": gb.map(|&g| &groups[g]),
                        "gold_major_a": ga.and_then(|&g| majority(g)).map(|k| &gold.groups[k].topic),
                        "gold_major_b": gb.and_then(|&g| majority(g)).map(|k| &gold.groups[k].topic),
                        "pos_a": pos.get(a), "pos_b": pos.get(b),
                        "penalty": penalties.contains(a) || penalties.contains(b), "z": z,
                        "gold_size": all.len(),
                    });
                    eprintln!("{line}");
                }
            }
        }
        for (k, v) in &table {
            *total.entry(k.clone()).or_default() += v;
        }
        rows.push((name, table, missed));
    }
    println!(
        "| class | {} | all |",
        rows.iter()
            .map(|r| r.0.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("|---|{}---|", "---|".repeat(rows.len()));
    let keys: BTreeSet<&String> = total.keys().collect();
    let order = |k: &&String| {
        let base = k.split(" (").next().unwrap_or("");
        (
            CLASSES.iter().position(|c| *c == base).unwrap_or(99),
            k.contains(" ("),
            (*k).clone(),
        )
    };
    let mut keys: Vec<&String> = keys.into_iter().collect();
    keys.sort_by_key(order);
    for k in keys {
        let cells: Vec<String> = rows
            .iter()
            .map(|r| r.1.get(k).copied().unwrap_or(0).to_string())
            .collect();
        let label = if k.contains(" (") {
            format!("  {k}")
        } else {
            k.clone()
        };
        println!("| {label} | {} | {} |", cells.join(" | "), total[k]);
    }
    println!(
        "| missed | {} | {} |",
        rows.iter()
            .map(|r| r.2.to_string())
            .collect::<Vec<_>>()
            .join(" | "),
        rows.iter().map(|r| r.2).sum::<usize>()
    );
    let columns = [
        "mutual best",
        "one-way best",
        "neither best",
        "score ≥ edge_min",
    ];
    println!("\nall families, how each missed pair ranks under the final scores:");
    println!("| class | {} |", columns.join(" | "));
    println!("|---|{}", "---|".repeat(columns.len()));
    for class in CLASSES {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| {
                ranks
                    .get(&(class.to_string(), *c))
                    .copied()
                    .unwrap_or(0)
                    .to_string()
            })
            .collect();
        println!("| {class} | {} |", cells.join(" | "));
    }
    print_evidence(&by_place);
    Ok(())
}

/// The evidence of the missed pairs by where their ends lie: per term, the median z and how many
/// reach z ≥ 2 and z ≥ 4 over the corpus's null of that term.
fn print_evidence(by_place: &BTreeMap<&'static str, Vec<PairTerms>>) {
    type Term = (&'static str, fn(&PairTerms) -> f32);
    let terms: [Term; 6] = [
        ("similarity", |t| t.sim),
        ("bigram cosine", |t| t.bigrams),
        ("word cosine", |t| t.words),
        ("meaning", |t| t.meaning),
        ("coverage (smaller)", |t| t.coverage),
        ("best paragraph pair", |t| t.paragraph),
    ];
    println!(
        "\nall families, the missed pairs' evidence over the null (median z; n at z ≥ 2 / z ≥ 4):"
    );
    println!(
        "| ends | pairs | {} |",
        terms.iter().map(|t| t.0).collect::<Vec<_>>().join(" | ")
    );
    println!("|---|---|{}", "---|".repeat(terms.len()));
    for (place, zs) in by_place {
        let cells: Vec<String> = terms
            .iter()
            .map(|(_, get)| {
                let mut v: Vec<f32> = zs.iter().map(get).collect();
                v.sort_by(f32::total_cmp);
                let median = v.get(v.len() / 2).copied().unwrap_or(0.0);
                let at = |z: f32| v.iter().filter(|&&x| x >= z).count();
                format!("{median:.1}; {} / {}", at(2.0), at(4.0))
            })
            .collect();
        println!("| {place} | {} | {} |", zs.len(), cells.join(" | "));
    }
}
