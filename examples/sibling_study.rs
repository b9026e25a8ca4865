//! The side-by-side group pairs that `sibling` weighs, labelled against gold families, and a
//! logistic model over their relative evidence fitted leave-one-family-out. Usage:
//! cargo run --release --features studies --example sibling_study -- SETTINGS.json NAME=CORPUS=GOLD...
//! SETTINGS.json is one settings object (dotted keys, as `Params::overridden` reads them).
//! A pair is right when fusing it adds more gold links than false ones (links out of every gold
//! group and ambiguous ones count neither way); a pair that adds neither is left out of the fit. Prints, per family, the pairs and right ones and
//! each feature's ROC AUC; then for each family the logistic weights fitted on the others (the
//! `sibling.weights` of the `logit` rule) and those fitted on all.
mod families;

use guize::align::{Params, SiblingPair, eval, sibling_pairs};
use guize::model::Regulation;
use std::collections::BTreeSet;

fn main() {
    families::main_of("sibling_study", run);
}

type Article = (String, u32);

/// A labelled pair: the `logit` rule's features and whether fusing it is right.
type Row = ([f64; 4], bool);

/// Features of a pair as the `logit` rule reads them (the constant first).
fn features(p: &SiblingPair) -> [f64; 4] {
    let e = &p.evidence;
    [
        1.0,
        f64::from(e.z_link),
        f64::from(e.z_ratio),
        f64::from(e.fusing),
    ]
}

/// Whether fusing the pair adds more gold links than false ones, and the two counts.
fn label(p: &SiblingPair, gold: &eval::Gold) -> (bool, usize, usize) {
    let mut links: BTreeSet<(Article, Article)> = BTreeSet::new();
    let mut scope: BTreeSet<Article> = BTreeSet::new();
    for g in &gold.groups {
        let all: Vec<Article> = g
            .members
            .iter()
            .flat_map(|(d, ns)| ns.iter().map(move |&n| (d.clone(), n)))
            .collect();
        for x in &all {
            scope.insert(x.clone());
            for y in &all {
                if x.0 != y.0 {
                    links.insert((x.clone(), y.clone()));
                }
            }
        }
    }
    let ambiguous: BTreeSet<(Article, Article)> = gold
        .ambiguous_links
        .iter()
        .flat_map(|[a, b]| [(a.clone(), b.clone()), (b.clone(), a.clone())])
        .collect();
    let (mut tp, mut fp) = (0, 0);
    for x in &p.a {
        for y in &p.b {
            if x.0 == y.0 || (!scope.contains(x) && !scope.contains(y)) {
                continue;
            }
            let l = (x.clone(), y.clone());
            if links.contains(&l) {
                tp += 1;
            } else if !ambiguous.contains(&l) {
                fp += 1;
            }
        }
    }
    (tp > fp, tp, fp)
}

/// ROC AUC of `score` for right against wrong pairs (ties count one half).
fn auc(rows: &[Row], k: usize) -> f64 {
    let pos: Vec<f64> = rows.iter().filter(|r| r.1).map(|r| r.0[k]).collect();
    let neg: Vec<f64> = rows.iter().filter(|r| !r.1).map(|r| r.0[k]).collect();
    if pos.is_empty() || neg.is_empty() {
        return f64::NAN;
    }
    let mut s = 0.0;
    for p in &pos {
        for n in &neg {
            s += if p > n {
                1.0
            } else if p == n {
                0.5
            } else {
                0.0
            };
        }
    }
    s / (pos.len() * neg.len()) as f64
}

/// Logistic regression by gradient descent with a small ridge (not on the constant).
fn fit(rows: &[Row]) -> [f64; 4] {
    let mut w = [0.0f64; 4];
    let n = rows.len().max(1) as f64;
    for _ in 0..20_000 {
        let mut g = [0.0f64; 4];
        for (x, y) in rows {
            let z: f64 = (0..4).map(|k| w[k] * x[k]).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let err = p - if *y { 1.0 } else { 0.0 };
            for k in 0..4 {
                g[k] += err * x[k] / n;
            }
        }
        for k in 0..4 {
            let ridge = if k == 0 { 0.0 } else { 0.01 * w[k] };
            w[k] -= 0.5 * (g[k] + ridge);
        }
    }
    w
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [settings, families @ ..] = args.as_slice() else {
        return Err("usage: sibling_study SETTINGS.json NAME=CORPUS=GOLD...".into());
    };
    let params = Params::overridden(&std::fs::read_to_string(settings)?)?;
    let mut data: Vec<(String, Vec<Row>)> = Vec::new();
    for f in families {
        let (name, corpus, gold) = families::load(f)?;
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        let pairs = sibling_pairs(&docs, &params);
        let mut rows = Vec::new();
        for p in &pairs {
            let (right, tp, fp) = label(p, &gold);
            let line = serde_json::json!({"family": name, "right": right, "tp": tp, "fp": fp,
                "evidence": p.evidence});
            eprintln!("{line}");
            if tp + fp > 0 {
                rows.push((features(p), right));
            }
        }
        let right = rows.iter().filter(|r| r.1).count();
        println!(
            "{name}: {} pairs, {right} right; AUC z_link {:.2} z_ratio {:.2} fusing {:.2}",
            rows.len(),
            auc(&rows, 1),
            auc(&rows, 2),
            auc(&rows, 3)
        );
        data.push((name.to_string(), rows));
    }
    let all: Vec<Row> = data.iter().flat_map(|d| d.1.clone()).collect();
    println!(
        "pooled: {} pairs, {} right; AUC z_link {:.2} z_ratio {:.2} fusing {:.2}",
        all.len(),
        all.iter().filter(|r| r.1).count(),
        auc(&all, 1),
        auc(&all, 2),
        auc(&all, 3)
    );
    let show = |w: [f64; 4]| format!("[{:.3}, {:.3}, {:.3}, {:.3}]", w[0], w[1], w[2], w[3]);
    for (held, (name, rows)) in data.iter().enumerate() {
        let train: Vec<Row> = data
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != held)
            .flat_map(|(_, d)| d.1.clone())
            .collect();
        let w = fit(&train);
        let fused = rows
            .iter()
            .filter(|(x, _)| (0..4).map(|k| w[k] * x[k]).sum::<f64>() > 0.0)
            .collect::<Vec<_>>();
        let right = fused.iter().filter(|r| r.1).count();
        println!(
            "fold {name}: weights {} -> {} of its pairs pass, {right} right",
            show(w),
            fused.len()
        );
    }
    println!("all: weights {}", show(fit(&all)));
    Ok(())
}
