//! Chooses [`guize::precedent::OTHER_KIND`], the share of its similarity a precedent of the other
//! kind than the draft (a penalty for a rule, a rule for a penalty) is ranked at, by leaving one
//! family out: every article of a gold group (with another member) is a draft with its own
//! document left out, and its first piece's candidates are ranked again under each share; an
//! equivalent first is right. For each family the share best on the other families (the
//! nearest to 1 of equals) is chosen and scored on it.
//! Usage: cargo run --release --features studies --example precedent_kinds -- NAME=CORPUS=GOLD...
//! Prints per family: drafts, drafts that punish, top-1 at 1 (no kind), top-1 per share, the
//! share chosen without the family and its top-1 there.
mod families;

use guize::index;
use guize::precedent::{Finder, Options, punishes};
use std::error::Error;

/// The shares tried, 1 first (kinds ignored).
const SHARES: [f32; 8] = [1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6];

fn main() {
    families::main_of("precedent_kinds", run);
}

/// One draft's candidates: (an equivalent, similarity, of the other kind than the draft).
type Case = Vec<(bool, f32, bool)>;

fn run() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        return Err("want NAME=CORPUS=GOLD arguments".into());
    }
    let mut names = Vec::new();
    // Per family, per share: top-1 share.
    let mut tops: Vec<Vec<f64>> = Vec::new();
    let mut counts = Vec::new();
    for arg in &args {
        let (name, corpus, gold) = families::load(arg)?;
        let folder = arg.split('=').nth(1).unwrap_or_default();
        let dir = tempfile::tempdir()?;
        let fp = index::fingerprint(std::path::Path::new(folder))?;
        index::rebuild(dir.path(), &corpus.docs, &fp, &mut |_| {})?;
        let index = index::open(dir.path())?;
        let finder = Finder::new(&index)?;
        let mut cases: Vec<Case> = Vec::new();
        let mut punishing = 0;
        for group in gold.groups.iter().filter(|g| g.members.len() > 1) {
            for (doc, numbers) in &group.members {
                let Ok(reg) = corpus.doc(doc) else { continue };
                for &n in numbers {
                    let Some(article) = reg.article(n) else {
                        continue;
                    };
                    let opts = Options {
                        limit: 40,
                        exclude: vec![doc.clone()],
                        ..Options::default()
                    };
                    let report = finder.find(&article.text, &opts)?;
                    let Some(first) = report.pieces.first() else {
                        continue;
                    };
                    let draft = punishes(&first.piece.text);
                    punishing += usize::from(draft);
                    cases.push(
                        first
                            .hits
                            .iter()
                            .map(|h| {
                                let eq = group
                                    .members
                                    .get(h.doc.as_str())
                                    .is_some_and(|ns| ns.contains(&h.article));
                                (eq, h.similarity.score, h.penalty != draft)
                            })
                            .collect(),
                    );
                }
            }
        }
        let row: Vec<f64> = SHARES
            .iter()
            .map(|&share| {
                let right = cases
                    .iter()
                    .filter(|c| {
                        let key = |&(_, s, other): &(bool, f32, bool)| {
                            if other { s * share } else { s }
                        };
                        c.iter()
                            .max_by(|x, y| key(x).total_cmp(&key(y)).then(x.1.total_cmp(&y.1)))
                            .is_some_and(|x| x.0)
                    })
                    .count();
                right as f64 / cases.len().max(1) as f64
            })
            .collect();
        names.push(name);
        counts.push((cases.len(), punishing));
        tops.push(row);
    }
    let head: Vec<String> = SHARES.iter().map(|s| format!("{s}")).collect();
    println!(
        "| family | drafts | punish | {} | chosen | top-1 |",
        head.join(" | ")
    );
    println!("|---|---|---|{}---|---|", "---|".repeat(SHARES.len()));
    let (mut base, mut lofo) = (0.0, 0.0);
    for (f, name) in names.iter().enumerate() {
        // The share best on the other families, the nearest to 1 of equals.
        let mean_without = |k: usize| {
            let others: Vec<f64> = (0..names.len())
                .filter(|&g| g != f)
                .map(|g| tops[g][k])
                .collect();
            others.iter().sum::<f64>() / others.len().max(1) as f64
        };
        let mut chosen = 0;
        for k in 1..SHARES.len() {
            if mean_without(k) > mean_without(chosen) + 1e-9 {
                chosen = k;
            }
        }
        base += tops[f][0];
        lofo += tops[f][chosen];
        let cells: Vec<String> = tops[f].iter().map(|t| format!("{t:.3}")).collect();
        println!(
            "| {name} | {} | {} | {} | {} | {:.3} |",
            counts[f].0,
            counts[f].1,
            cells.join(" | "),
            SHARES[chosen],
            tops[f][chosen]
        );
    }
    let n = names.len().max(1) as f64;
    let means: Vec<String> = (0..SHARES.len())
        .map(|k| format!("{:.3}", tops.iter().map(|r| r[k]).sum::<f64>() / n))
        .collect();
    println!(
        "| mean | | | {} | | {:.3} (at 1: {:.3}) |",
        means.join(" | "),
        lofo / n,
        base / n
    );
    Ok(())
}
