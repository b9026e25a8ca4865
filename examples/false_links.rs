//! The links an alignment makes, true and false against gold families, classed by the step that
//! made them (the last step after which the two articles stay together) and, for the false ones,
//! by what the two articles are. Usage:
//! cargo run --release --features studies --example false_links -- SETTINGS.json NAME=CORPUS=GOLD...
//! SETTINGS.json is one settings object (dotted keys, as `Params::overridden` reads them; `{}`
//! for the defaults). Prints a table per family (steps by shapes, false links; then true links
//! by step) and every link, one JSON line each, on stderr (`"true"` whether the gold holds it;
//! `score` its final score, `lead_a` and `lead_b` how far each end's counterpart leads the
//! runner-up in that document, as a share of its score).
//!
//! Shapes, first that fits: `penalty` (either article is a penalty), `pair` (the group holds two
//! articles of one end's document and the other of them is the gold counterpart: a pair of
//! articles of one document both taken), `boilerplate` (the group's label opens with a standard
//! article type other than 法律责任), `unique` (one end is in no gold group), `neighbour` (the
//! gold group of one end holds an article of the other end's document within two positions of
//! it: the neighbouring matter), `other`.
mod families;

use guize::align::{Params, Trace, TracedArticle as Article, align_traced, eval};
use guize::model::Regulation;
use std::collections::{BTreeMap, BTreeSet};

fn main() {
    families::main_of("false_links", run);
}

const SHAPES: [&str; 6] = [
    "penalty",
    "pair",
    "boilerplate",
    "unique",
    "neighbour",
    "other",
];

/// The standard article types' names but 法律责任, from the corpus's table.
fn boilerplate_types() -> BTreeSet<String> {
    let text = std::fs::read_to_string("corpus/article-types.tsv").unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .filter(|t| !t.is_empty() && *t != "法律责任")
        .map(str::to_string)
        .collect()
}

/// The step after which `a` and `b` stay together to the end (the step index).
fn maker(trace: &Trace, a: &Article, b: &Article) -> usize {
    let together = trace.together(a, b);
    match together.iter().rposition(|t| !t) {
        Some(k) if k + 1 < together.len() => k + 1,
        // Apart after the last step kept: the final grouping made them (not seen so far).
        Some(_) => together.len(),
        None => 0,
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [settings, families @ ..] = args.as_slice() else {
        return Err("usage: false_links SETTINGS.json NAME=CORPUS=GOLD...".into());
    };
    let params = Params::overridden(&std::fs::read_to_string(settings)?)?;
    let types = boilerplate_types();
    let mut total: BTreeMap<(String, &str), usize> = BTreeMap::new();
    let mut total_true: BTreeMap<String, usize> = BTreeMap::new();
    for f in families {
        let (name, corpus, gold) = families::load(f)?;
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        let (alignment, trace) = align_traced(&docs, &params);
        // Gold: each article's group, the links, the ambiguous pairs.
        let gold_of: BTreeMap<Article, usize> = gold.group_of();
        let ambiguous: BTreeSet<(Article, Article)> = gold
            .ambiguous_links
            .iter()
            .flat_map(|[a, b]| [(a.clone(), b.clone()), (b.clone(), a.clone())])
            .collect();
        let linked = |a: &Article, b: &Article| matches!((gold_of.get(a), gold_of.get(b)), (Some(x), Some(y)) if x == y);
        // Positions of articles in their documents (first occurrence of a number).
        let mut pos: BTreeMap<Article, usize> = BTreeMap::new();
        for d in &corpus.docs {
            for (i, a) in d.articles.iter().enumerate() {
                pos.entry((d.id.0.to_string(), a.number)).or_insert(i);
            }
        }
        let near = |x: &Article, gold_group: usize| {
            gold.groups[gold_group].members.get(&x.0).is_some_and(|ns| {
                ns.iter()
                    .any(|&n| match (pos.get(&(x.0.clone(), n)), pos.get(x)) {
                        (Some(&p), Some(&q)) => p.abs_diff(q) <= 2,
                        _ => false,
                    })
            })
        };
        // The standard types of each article (its normalised text).
        let mut types_of: BTreeMap<Article, Vec<String>> = BTreeMap::new();
        for d in &corpus.docs {
            for a in &d.articles {
                types_of
                    .entry((d.id.0.to_string(), a.number))
                    .or_insert_with(|| guize::align::all_article_types(&a.norm));
            }
        }
        let types_at = |x: &Article| types_of.get(x).cloned().unwrap_or_default();
        let penalties: BTreeSet<&Article> = trace.penalties.iter().collect();
        let best: BTreeMap<&Article, &Vec<Article>> =
            trace.best.iter().map(|(a, b)| (a, b)).collect();
        let cands: BTreeMap<&Article, &Vec<(Article, f32)>> =
            trace.candidates.iter().map(|(a, c)| (a, c)).collect();
        // The score of `y` among `x`'s candidates and its lead over the runner-up in `y`'s document.
        let lead = |x: &Article, y: &Article| -> (f32, f32) {
            let Some(list) = cands.get(x) else {
                return (0.0, 0.0);
            };
            let own = list.iter().find(|(c, _)| c == y).map_or(0.0, |c| c.1);
            let second = list
                .iter()
                .filter(|(c, _)| c.0 == y.0 && c != y)
                .map(|c| c.1)
                .fold(f32::NEG_INFINITY, f32::max);
            let lead = if own <= 0.0 {
                0.0
            } else if second.is_finite() {
                (own - second) / own
            } else {
                1.0
            };
            (own, lead)
        };
        let mut table: BTreeMap<(usize, &str), usize> = BTreeMap::new();
        let mut trues: BTreeMap<usize, usize> = BTreeMap::new();
        for g in &alignment.groups {
            let all: Vec<Article> = g.traced_members();
            let first = g.label.split('·').next().unwrap_or("");
            for (i, a) in all.iter().enumerate() {
                for b in &all[i + 1..] {
                    if a.0 == b.0 || (!gold_of.contains_key(a) && !gold_of.contains_key(b)) {
                        continue;
                    }
                    let step = maker(&trace, a, b);
                    let step_name = trace.steps.get(step).map_or("final", |s| s.step);
                    let ((score, lead_a), (_, lead_b)) = (lead(a, b), lead(b, a));
                    if linked(a, b) {
                        *trues.entry(step).or_default() += 1;
                        let line = serde_json::json!({
                            "family": name, "a": a, "b": b, "step": step_name, "index": step,
                            "true": true, "score": score, "lead_a": lead_a, "lead_b": lead_b,
                            "label": g.label, "types_a": types_at(a), "types_b": types_at(b),
                        });
                        eprintln!("{line}");
                        continue;
                    }
                    if ambiguous.contains(&(a.clone(), b.clone())) {
                        continue;
                    }
                    let pair = |x: &Article, y: &Article| {
                        all.iter().any(|z| z != x && z.0 == x.0 && linked(z, y))
                    };
                    let shape = if penalties.contains(a) || penalties.contains(b) {
                        "penalty"
                    } else if pair(a, b) || pair(b, a) {
                        "pair"
                    } else if types.contains(first) {
                        "boilerplate"
                    } else if !gold_of.contains_key(a) || !gold_of.contains_key(b) {
                        "unique"
                    } else if near(a, gold_of[b]) || near(b, gold_of[a]) {
                        "neighbour"
                    } else {
                        "other"
                    };
                    *table.entry((step, shape)).or_default() += 1;
                    let is_best =
                        |x: &Article, y: &Article| best.get(x).is_some_and(|bs| bs.contains(y));
                    let line = serde_json::json!({
                        "family": name, "a": a, "b": b, "step": step_name, "index": step,
                        "true": false, "score": score, "lead_a": lead_a, "lead_b": lead_b,
                        "shape": shape, "label": g.label,
                        "types_a": types_at(a), "types_b": types_at(b),
                        "a_best": is_best(a, b), "b_best": is_best(b, a),
                        "gold_a": gold_of.get(a).map(|&i| &gold.groups[i].topic),
                        "gold_b": gold_of.get(b).map(|&i| &gold.groups[i].topic),
                    });
                    eprintln!("{line}");
                }
            }
        }
        let s = eval::score(&alignment, &gold);
        println!(
            "\n{name}: P {:.3} R {:.3} F1 {:.3}, {} false links, {} true",
            s.precision, s.recall, s.f1, s.false_links, s.true_links
        );
        println!("| step | {} | false | true |", SHAPES.join(" | "));
        println!("|---|{}---|---|", "---|".repeat(SHAPES.len()));
        let steps: BTreeSet<usize> = table
            .keys()
            .map(|k| k.0)
            .chain(trues.keys().copied())
            .collect();
        for step in steps {
            let step_name = trace.steps.get(step).map_or("final", |s| s.step);
            let cells: Vec<usize> = SHAPES
                .iter()
                .map(|sh| table.get(&(step, *sh)).copied().unwrap_or(0))
                .collect();
            let t = trues.get(&step).copied().unwrap_or(0);
            println!(
                "| {step} {step_name} | {} | {} | {t} |",
                cells
                    .iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(" | "),
                cells.iter().sum::<usize>()
            );
            for (sh, c) in SHAPES.iter().zip(&cells) {
                *total.entry((step_name.to_string(), sh)).or_default() += c;
            }
            *total_true.entry(step_name.to_string()).or_default() += t;
        }
    }
    println!("\nall families, by step name:");
    println!("| step | {} | false | true |", SHAPES.join(" | "));
    let names: BTreeSet<&String> = total.keys().map(|k| &k.0).collect();
    for n in names {
        let cells: Vec<usize> = SHAPES
            .iter()
            .map(|sh| total.get(&(n.clone(), *sh)).copied().unwrap_or(0))
            .collect();
        println!(
            "| {n} | {} | {} | {} |",
            cells
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(" | "),
            cells.iter().sum::<usize>(),
            total_true.get(n).copied().unwrap_or(0)
        );
    }
    Ok(())
}
