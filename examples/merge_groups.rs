//! The learned decision over pairs of groups (`Params::merge`), fitted and cross-validated by
//! leaving one family out. Usage:
//! cargo run --release --features studies --example merge_groups -- SETTINGS.json NAME=CORPUS=GOLD...
//! SETTINGS.json is one settings object (dotted keys, `{}` for the defaults) the rows are read
//! under. For each family: the pairs of groups the step weighs (`align::merge_rows`) with their
//! features, labelled by the gold: how many true and false links the fusion would add between
//! the two groups' members of different documents (ambiguous links and links outside the gold
//! count neither); a pair fuses in truth when its true links outnumber its false ones. Every
//! row goes to stderr as one JSON line. The gate's reach: of the pairs of the defaults' groups
//! of several documents that fuse in truth, how many the step weighs.
//!
//! Then for each family left out: a logistic model fitted on the other families' rows
//! (`learned::fit_logistic`: L2-regularised, standardised features, Newton steps), its
//! threshold chosen on those families by the gain in true-link equivalents of the fusions the
//! step would make there, chained as it chains them (a false link weighs 1/(1/P + 1/R − 1) true
//! ones at the family's defaults, where F1 breaks even), the whole method run on the family left
//! out with the step on. Environment: `MERGE_L2` (the penalty, 1), `MERGE_CHAIN=0` (each group
//! fuses once), `MERGE_WEIGHT=links` (rows weigh the square root of their links),
//! `MERGE_DROP=name,name` (features left out: their weights held at 0), `MERGE_PICK=safe` (only
//! thresholds at which no training family loses). Prints the per-family
//! table, the means, and the weights fitted on all families as settings.
mod families;

use guize::align::learned::{fit_logistic, logistic};
use guize::align::merge::{FEATURES, fused_roots};
use guize::align::{Params, align_with, eval, merge_rows};
use guize::model::Regulation;
use std::collections::{BTreeMap, BTreeSet};

fn main() {
    families::main_of("merge_groups", run);
}

type Article = (String, u32);

/// One labelled pair of groups: `a` and `b` index the family's `groups`.
struct Row {
    a: usize,
    b: usize,
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
    /// The groups the rows weigh (their members).
    groups: Vec<Vec<Article>>,
    /// True and false links between every two of them that some row joins, by (a, b).
    links: BTreeMap<(usize, usize), (usize, usize)>,
}

struct Labeller {
    group_of: BTreeMap<Article, usize>,
    ambiguous: BTreeSet<(Article, Article)>,
}

impl Labeller {
    fn new(gold: &eval::Gold) -> Labeller {
        Labeller {
            group_of: gold.group_of(),
            ambiguous: gold
                .ambiguous_links
                .iter()
                .flat_map(|[a, b]| [(a.clone(), b.clone()), (b.clone(), a.clone())])
                .collect(),
        }
    }

    /// True and false links between `a`'s and `b`'s members of different documents.
    fn links(&self, a: &[Article], b: &[Article]) -> (usize, usize) {
        let (mut t, mut f) = (0, 0);
        for x in a {
            for y in b.iter().filter(|y| y.0 != x.0) {
                let (gx, gy) = (self.group_of.get(x), self.group_of.get(y));
                if gx.is_none() && gy.is_none() {
                    continue;
                }
                if gx.is_some() && gx == gy {
                    t += 1;
                } else if !self.ambiguous.contains(&(x.clone(), y.clone())) {
                    f += 1;
                }
            }
        }
        (t, f)
    }
}

fn fit(families: &[&Family], l2: f64) -> Vec<f64> {
    let rows: Vec<&Row> = families
        .iter()
        .flat_map(|f| f.rows.iter())
        .filter(|r| r.true_links + r.false_links > 0)
        .collect();
    let drop: Vec<usize> = std::env::var("MERGE_DROP")
        .unwrap_or_default()
        .split(',')
        .filter_map(|n| FEATURES.iter().position(|f| f == &n))
        .collect();
    let masked: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| {
            let mut f = r.features.clone();
            for &j in &drop {
                f[j] = 0.0;
            }
            f
        })
        .collect();
    let xs: Vec<&[f64]> = masked.iter().map(Vec::as_slice).collect();
    let ys: Vec<bool> = rows.iter().map(|r| r.true_links > r.false_links).collect();
    // MERGE_WEIGHT=links: each row weighs the square root of the links at stake.
    let weighted = std::env::var("MERGE_WEIGHT").is_ok_and(|v| v == "links");
    let ws: Vec<f64> = rows
        .iter()
        .map(|r| ((r.true_links + r.false_links) as f64).sqrt())
        .collect();
    fit_logistic(&xs, &ys, weighted.then_some(ws.as_slice()), l2)
}

/// The true and false links the step adds on `fam` at threshold `t` as `decide` fuses (the
/// likeliest first; chained, or each group once).
fn simulate(fam: &Family, w: &[f64], t: f64, chain: bool, lab: &Labeller) -> (usize, usize) {
    let mut fused: Vec<(f64, usize, usize)> = fam
        .rows
        .iter()
        .map(|r| (logistic(w, &r.features), r.a, r.b))
        .filter(|m| m.0 > t)
        .collect();
    fused.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let n = fam.groups.len();
    let root = fused_roots(n, fused.into_iter().map(|(_, a, b)| (a, b)), chain);
    let mut parts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (g, &r) in root.iter().enumerate() {
        parts.entry(r).or_default().push(g);
    }
    let (mut tl, mut fl) = (0, 0);
    for gs in parts.values().filter(|gs| gs.len() > 1) {
        for (i, &a) in gs.iter().enumerate() {
            for &b in &gs[i + 1..] {
                let (t, f) = match fam.links.get(&(a, b)) {
                    Some(&l) => l,
                    None => lab.links(&fam.groups[a], &fam.groups[b]),
                };
                tl += t;
                fl += f;
            }
        }
    }
    (tl, fl)
}

/// The threshold with the greatest gain on the training families (in true-link equivalents),
/// with the gain; `None` when no threshold gains. With `MERGE_PICK=safe`, only thresholds at
/// which no training family loses count.
fn threshold(families: &[&Family], w: &[f64], chain: bool) -> Option<(f64, f64)> {
    let safe = std::env::var("MERGE_PICK").is_ok_and(|v| v == "safe");
    let grid: Vec<f64> = (1..20)
        .map(|i| f64::from(i) * 0.05)
        .chain([0.97, 0.98, 0.99])
        .collect();
    let mut best: Option<(f64, f64)> = None;
    for &t in &grid {
        let mut gain = 0.0;
        let mut worst = 0.0f64;
        for fam in families {
            let (tl, fl) = simulate(fam, w, t, chain, &Labeller::new(&fam.gold));
            let g = tl as f64 - fl as f64 / fam.exchange;
            worst = worst.min(g);
            gain += g;
        }
        if safe && worst < 0.0 {
            continue;
        }
        if gain > 0.0 && best.is_none_or(|b| gain > b.1) {
            best = Some((t, gain));
        }
    }
    best
}

fn settings(w: &[f64], t: f64, chain: bool) -> serde_json::Value {
    let mut s = serde_json::Map::new();
    s.insert("merge.on".into(), true.into());
    s.insert("merge.chain".into(), chain.into());
    s.insert("merge.t".into(), t.into());
    s.insert("merge.w".into(), w.to_vec().into());
    serde_json::Value::Object(s)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, families @ ..] = args.as_slice() else {
        return Err("usage: merge_groups SETTINGS.json NAME=CORPUS=GOLD...".into());
    };
    let base_text = std::fs::read_to_string(base)?;
    let params = Params::overridden(&base_text)?;
    let base_json: serde_json::Value = serde_json::from_str(&base_text)?;
    let merged = |extra: serde_json::Value| {
        let mut m = base_json.as_object().cloned().unwrap_or_default();
        if let Some(e) = extra.as_object() {
            m.extend(e.clone());
        }
        serde_json::Value::Object(m)
    };
    // MERGE_CHAIN=0: each group fuses at most once.
    let chain = std::env::var("MERGE_CHAIN").map_or(true, |v| v != "0");
    let l2: f64 = std::env::var("MERGE_L2")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1.0);
    let mut fams: Vec<Family> = Vec::new();
    for f in families {
        let (name, corpus, gold) = families::load(f)?;
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        let aligned = align_with(&docs, &params);
        let base = eval::score(&aligned, &gold);
        let exchange =
            (1.0 / base.precision.max(1e-3) + 1.0 / base.recall.max(1e-3) - 1.0).max(1.0);
        let lab = Labeller::new(&gold);
        // The gate's reach: every pair of the defaults' groups of several documents.
        let groups: Vec<Vec<Article>> = aligned
            .groups
            .iter()
            .filter(|g| g.members.len() >= 2)
            .map(|g| {
                g.members
                    .iter()
                    .flat_map(|(d, ns)| ns.iter().map(move |&n| (d.0.to_string(), n)))
                    .collect()
            })
            .collect();
        let (mut all_pairs, mut all_links) = (0usize, 0usize);
        for (i, a) in groups.iter().enumerate() {
            for b in &groups[i + 1..] {
                let (t, f) = lab.links(a, b);
                if t > f {
                    all_pairs += 1;
                    all_links += t;
                }
            }
        }
        let mut rows = Vec::new();
        let mut index: BTreeMap<Vec<Article>, usize> = BTreeMap::new();
        let mut known: Vec<Vec<Article>> = Vec::new();
        let mut links = BTreeMap::new();
        let (mut pos, mut pos_links, mut neg) = (0usize, 0usize, 0usize);
        for r in merge_rows(&docs, &params) {
            let mut id = |g: &Vec<Article>| {
                *index.entry(g.clone()).or_insert_with(|| {
                    known.push(g.clone());
                    known.len() - 1
                })
            };
            let (ia, ib) = (id(&r.a), id(&r.b));
            let (ia, ib) = (ia.min(ib), ia.max(ib));
            let (t, f) = lab.links(&r.a, &r.b);
            links.insert((ia, ib), (t, f));
            if t > f {
                pos += 1;
                pos_links += t;
            } else if t + f > 0 {
                neg += 1;
            }
            let line = serde_json::json!({
                "family": name, "a": r.a, "b": r.b, "true": t, "false": f,
                "features": FEATURES.iter().zip(&r.features)
                    .map(|(n, v)| (n.to_string(), *v)).collect::<BTreeMap<String, f32>>(),
            });
            eprintln!("{line}");
            rows.push(Row {
                a: ia,
                b: ib,
                features: r.features.iter().map(|&v| f64::from(v)).collect(),
                true_links: t,
                false_links: f,
            });
        }
        println!(
            "{name}: defaults {:.3}/{:.3}/{:.3}; rows {} (fuse {pos} with {pos_links} true links, \
             not {neg}); all pairs that fuse in truth: {all_pairs} with {all_links} true links",
            base.precision,
            base.recall,
            base.f1,
            rows.len()
        );
        fams.push(Family {
            name,
            docs: corpus.docs,
            gold,
            exchange,
            base,
            rows,
            groups: known,
            links,
        });
    }
    println!("| family | defaults P/R/F1 | t | merge P/R/F1 | ΔF1 |");
    println!("|---|---|---|---|---|");
    let fmt = |s: &eval::LinkScore| format!("{:.3}/{:.3}/{:.3}", s.precision, s.recall, s.f1);
    let (mut sum_base, mut sum_merge) = (0.0f64, 0.0f64);
    for k in 0..fams.len() {
        let train: Vec<&Family> = fams
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != k)
            .map(|(_, f)| f)
            .collect();
        let w = fit(&train, l2);
        let t = threshold(&train, &w, chain);
        let fam = &fams[k];
        let score = match t {
            Some((t, _)) => {
                let p = Params::overridden(&merged(settings(&w, t, chain)).to_string())?;
                let docs: Vec<&Regulation> = fam.docs.iter().collect();
                eval::score(&align_with(&docs, &p), &fam.gold)
            }
            None => fam.base,
        };
        println!(
            "| {} | {} | {} | {} | {:+.3} |",
            fam.name,
            fmt(&fam.base),
            t.map_or("off".to_string(), |t| format!("{:.2}", t.0)),
            fmt(&score),
            score.f1 - fam.base.f1
        );
        sum_base += fam.base.f1;
        sum_merge += score.f1;
    }
    let n = fams.len().max(1) as f64;
    println!(
        "| mean F1 | {:.4} | | {:.4} | {:+.4} |",
        sum_base / n,
        sum_merge / n,
        (sum_merge - sum_base) / n
    );
    let all: Vec<&Family> = fams.iter().collect();
    let w = fit(&all, l2);
    let t = threshold(&all, &w, chain);
    println!("features: {}", FEATURES.join(" "));
    match t {
        Some((t, gain)) => println!("all families (gain {gain:.1}): {}", settings(&w, t, chain)),
        None => println!("all families: no threshold gains; weights {w:?}"),
    }
    Ok(())
}
