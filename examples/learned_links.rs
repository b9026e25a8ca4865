//! The learned link test (`Params::learned`), fitted and cross-validated by leaving one family
//! out. Usage:
//! cargo run --release --features studies --example learned_links -- SETTINGS.json NAME=CORPUS=GOLD...
//! SETTINGS.json is one settings object (dotted keys, `{}` for the defaults) the rows are read
//! under. For each family: the decisions the learned step weighs (`align::learned_rows`: each
//! member of a group, each lone article beside its best group) with their features, labelled by
//! the gold: how many true and false links the article makes with the group's members of other
//! documents (ambiguous links and links outside the gold count neither). Every row goes to
//! stderr as one JSON line.
//!
//! Then for each family left out: two logistic models fitted on the other families' rows
//! (L2-regularised, standardised features, Newton steps; label: more true than false links),
//! the gate's on the members ("stays"), the admission's on the lone articles ("joins"); each
//! threshold chosen on those rows by the gain in true-link equivalents (a false link weighs
//! 1/(1/P + 1/R − 1) true ones at the family's defaults, where F1 breaks even); the whole
//! method run on the family left out with the gate, the admission, and both. Prints the
//! per-family table, the means, and the weights fitted on all families as settings.
mod families;

use guize::align::learned::{fit_logistic, logistic};
use guize::align::{LEARNED_FEATURES, Params, align_with, eval, learned_rows};
use guize::model::Regulation;
use std::collections::{BTreeMap, BTreeSet};

fn main() {
    families::main_of("learned_links", run);
}

type Article = (String, u32);

/// One labelled decision.
struct Row {
    member: bool,
    features: Vec<f64>,
    true_links: usize,
    false_links: usize,
}

struct Family {
    name: String,
    docs: Vec<Regulation>,
    gold: eval::Gold,
    /// F1's break-even: false links per true one.
    exchange: f64,
    base: eval::LinkScore,
    rows: Vec<Row>,
}

/// The rows of one family, labelled against its gold.
fn labelled(docs: &[&Regulation], params: &Params, gold: &eval::Gold, name: &str) -> Vec<Row> {
    let group_of: BTreeMap<Article, usize> = gold.group_of();
    let ambiguous: BTreeSet<(Article, Article)> = gold
        .ambiguous_links
        .iter()
        .flat_map(|[a, b]| [(a.clone(), b.clone()), (b.clone(), a.clone())])
        .collect();
    let mut out = Vec::new();
    for r in learned_rows(docs, params) {
        let x = &r.article;
        let (mut t, mut f) = (0, 0);
        for m in r.group.iter().filter(|m| m.0 != x.0) {
            let (gx, gm) = (group_of.get(x), group_of.get(m));
            if gx.is_none() && gm.is_none() {
                continue;
            }
            if gx.is_some() && gx == gm {
                t += 1;
            } else if !ambiguous.contains(&(x.clone(), m.clone())) {
                f += 1;
            }
        }
        let line = serde_json::json!({
            "family": name, "member": r.member, "article": x, "true": t, "false": f,
            "features": LEARNED_FEATURES.iter().zip(&r.features)
                .map(|(n, v)| (n.to_string(), *v)).collect::<BTreeMap<String, f32>>(),
        });
        eprintln!("{line}");
        out.push(Row {
            member: r.member,
            features: r.features.iter().map(|&v| f64::from(v)).collect(),
            true_links: t,
            false_links: f,
        });
    }
    out
}

/// Logistic regression on `rows` (label: more true than false links), L2 penalty `l2` on the
/// standardised weights; returns bias then raw-scale weights (`learned::fit_logistic`).
fn fit(rows: &[&Row], l2: f64) -> Vec<f64> {
    let xs: Vec<&[f64]> = rows.iter().map(|r| r.features.as_slice()).collect();
    let ys: Vec<bool> = rows.iter().map(|r| r.true_links > r.false_links).collect();
    fit_logistic(&xs, &ys, None, l2)
}

/// The threshold with the greatest gain on the training families (in true-link equivalents),
/// with the gain; `None` when no threshold gains.
fn threshold(families: &[&Family], w: &[f64], member: bool) -> Option<(f64, f64)> {
    let grid: Vec<f64> = (1..20).map(|i| f64::from(i) * 0.05).collect();
    let mut best: Option<(f64, f64)> = None;
    for &t in &grid {
        let mut gain = 0.0;
        for fam in families {
            for r in fam.rows.iter().filter(|r| r.member == member) {
                let p = logistic(w, &r.features);
                let (tl, fl) = (r.true_links as f64, r.false_links as f64 / fam.exchange);
                if member && p < t {
                    gain += fl - tl;
                } else if !member && p > t {
                    gain += tl - fl;
                }
            }
        }
        if gain > 0.0 && best.is_none_or(|b| gain > b.1) {
            best = Some((t, gain));
        }
    }
    best
}

fn settings(gate: Option<(&[f64], f64)>, admit: Option<(&[f64], f64)>) -> serde_json::Value {
    let mut s = serde_json::Map::new();
    if let Some((w, t)) = gate {
        s.insert("learned.gate".into(), true.into());
        s.insert("learned.gate_t".into(), t.into());
        s.insert("learned.gate_w".into(), w.to_vec().into());
    }
    if let Some((w, t)) = admit {
        s.insert("learned.admit".into(), true.into());
        s.insert("learned.admit_t".into(), t.into());
        s.insert("learned.admit_w".into(), w.to_vec().into());
    }
    serde_json::Value::Object(s)
}

fn score(fam: &Family, s: &serde_json::Value) -> Result<eval::LinkScore, String> {
    let params = Params::overridden(&s.to_string())?;
    let docs: Vec<&Regulation> = fam.docs.iter().collect();
    Ok(eval::score(&align_with(&docs, &params), &fam.gold))
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, families @ ..] = args.as_slice() else {
        return Err("usage: learned_links SETTINGS.json NAME=CORPUS=GOLD...".into());
    };
    let params = Params::overridden(&std::fs::read_to_string(base)?)?;
    let l2: f64 = std::env::var("LEARNED_L2")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1.0);
    let mut fams: Vec<Family> = Vec::new();
    for f in families {
        let (name, corpus, gold) = families::load(f)?;
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        let base = eval::score(&align_with(&docs, &params), &gold);
        let exchange =
            (1.0 / base.precision.max(1e-3) + 1.0 / base.recall.max(1e-3) - 1.0).max(1.0);
        let rows = labelled(&docs, &params, &gold, &name);
        let m = rows.iter().filter(|r| r.member).count();
        println!(
            "{name}: defaults {:.3}/{:.3}/{:.3}; rows: {m} members, {} lone",
            base.precision,
            base.recall,
            base.f1,
            rows.len() - m
        );
        fams.push(Family {
            name,
            docs: corpus.docs,
            gold,
            exchange,
            base,
            rows,
        });
    }
    let base_json = serde_json::to_value(serde_json::from_str::<serde_json::Value>(
        &std::fs::read_to_string(base)?,
    )?)?;
    let merged = |extra: serde_json::Value| {
        let mut m = base_json.as_object().cloned().unwrap_or_default();
        if let Some(e) = extra.as_object() {
            m.extend(e.clone());
        }
        serde_json::Value::Object(m)
    };
    println!(
        "| family | defaults P/R/F1 | gate t | gate P/R/F1 | admit t | admit P/R/F1 | both P/R/F1 |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut sums = [0.0f64; 4];
    let fmt = |s: &eval::LinkScore| format!("{:.3}/{:.3}/{:.3}", s.precision, s.recall, s.f1);
    for k in 0..fams.len() {
        let train: Vec<&Family> = fams
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != k)
            .map(|(_, f)| f)
            .collect();
        let member_rows: Vec<&Row> = train
            .iter()
            .flat_map(|f| f.rows.iter().filter(|r| r.member))
            .collect();
        let lone_rows: Vec<&Row> = train
            .iter()
            .flat_map(|f| f.rows.iter().filter(|r| !r.member))
            .collect();
        let gw = fit(&member_rows, l2);
        let aw = fit(&lone_rows, l2);
        let gt = threshold(&train, &gw, true);
        let at = threshold(&train, &aw, false);
        let fam = &fams[k];
        let gs = gt.map(|t| (gw.as_slice(), t.0));
        let as_ = at.map(|t| (aw.as_slice(), t.0));
        let g = score(fam, &merged(settings(gs, None)))?;
        let a = score(fam, &merged(settings(None, as_)))?;
        let b = score(fam, &merged(settings(gs, as_)))?;
        let show_t = |t: Option<(f64, f64)>| t.map_or("off".to_string(), |t| format!("{:.2}", t.0));
        println!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            fam.name,
            fmt(&fam.base),
            show_t(gt),
            fmt(&g),
            show_t(at),
            fmt(&a),
            fmt(&b)
        );
        for (s, v) in sums.iter_mut().zip([fam.base.f1, g.f1, a.f1, b.f1]) {
            *s += v;
        }
    }
    let n = fams.len().max(1) as f64;
    println!(
        "| mean F1 | {:.4} | | {:.4} | | {:.4} | {:.4} |",
        sums[0] / n,
        sums[1] / n,
        sums[2] / n,
        sums[3] / n
    );
    // Fitted on every family: the weights the library would carry.
    let all: Vec<&Family> = fams.iter().collect();
    let member_rows: Vec<&Row> = fams
        .iter()
        .flat_map(|f| f.rows.iter().filter(|r| r.member))
        .collect();
    let lone_rows: Vec<&Row> = fams
        .iter()
        .flat_map(|f| f.rows.iter().filter(|r| !r.member))
        .collect();
    let gw = fit(&member_rows, l2);
    let aw = fit(&lone_rows, l2);
    let gt = threshold(&all, &gw, true);
    let at = threshold(&all, &aw, false);
    println!("features: {}", LEARNED_FEATURES.join(" "));
    println!(
        "all families: gate {}",
        settings(gt.map(|t| (gw.as_slice(), t.0)), None)
    );
    println!(
        "all families: admit {}",
        settings(None, at.map(|t| (aw.as_slice(), t.0)))
    );
    Ok(())
}
