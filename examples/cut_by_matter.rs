//! Measures how `guize precedent` cuts a pasted paragraph of several matters
//! ([`guize::precedent::Finder`]'s cut by matter) on gold families: two consecutive articles of
//! one document that the gold puts in different groups, pasted as one paragraph with their
//! document left out, should come back as two pieces cut where the first ends, each finding an
//! equivalent of its own article first; a single article of a gold group should stay one piece.
//! Usage: cargo run --release --features studies --example cut_by_matter -- NAME=CORPUS=GOLD...
//! Prints per family: pairs, cut where they part, each piece's own first, singles, singles cut,
//! singles whose every piece finds an article of the single's own group first.
mod families;

use guize::align::eval::Gold;
use guize::corpus::Corpus;
use guize::index;
use guize::precedent::{Finder, Options};
use std::error::Error;

fn main() {
    families::main_of("cut_by_matter", run);
}

fn run() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        return Err("want NAME=CORPUS=GOLD arguments".into());
    }
    println!("| family | pairs | cut right | own first | singles | singles cut | singles right |");
    println!("|---|---|---|---|---|---|---|");
    let mut sums = [0.0f64; 4];
    for arg in &args {
        let (name, corpus, gold) = families::load(arg)?;
        let [pairs, right, found, singles, cut, singles_right] = measure(&corpus, &gold, arg)?;
        let share = |k: usize, n: usize| k as f64 / n.max(1) as f64;
        println!(
            "| {name} | {pairs} | {:.3} | {:.3} | {singles} | {:.3} | {:.3} |",
            share(right, pairs),
            share(found, pairs),
            share(cut, singles),
            share(singles_right, singles)
        );
        sums[3] += share(singles_right, singles);
        sums[0] += share(right, pairs);
        sums[1] += share(found, pairs);
        sums[2] += share(cut, singles);
    }
    let n = args.len() as f64;
    println!(
        "| mean | | {:.3} | {:.3} | | {:.3} | {:.3} |",
        sums[0] / n,
        sums[1] / n,
        sums[2] / n,
        sums[3] / n
    );
    Ok(())
}

/// Pairs, pairs cut right, pairs whose pieces each find their own group first, single
/// articles, single articles cut, single articles whose every piece finds its group first.
fn measure(corpus: &Corpus, gold: &Gold, arg: &str) -> Result<[usize; 6], Box<dyn Error>> {
    let folder = arg.split('=').nth(1).unwrap_or_default();
    let dir = tempfile::tempdir()?;
    let fp = index::fingerprint(std::path::Path::new(folder))?;
    index::rebuild(dir.path(), &corpus.docs, &fp, &mut |_| {})?;
    let index = index::open(dir.path())?;
    let finder = Finder::new(&index)?;
    let group_of = |doc: &str, n: u32| {
        gold.groups.iter().position(|g| {
            g.members.len() > 1 && g.members.get(doc).is_some_and(|ns| ns.contains(&n))
        })
    };
    let mut out = [0usize; 6];
    for doc in &corpus.docs {
        let id = doc.id.to_string();
        let opts = Options {
            exclude: vec![id.clone()],
            ..Options::default()
        };
        for pair in doc.articles.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let (Some(ga), Some(gb)) = (group_of(&id, a.number), group_of(&id, b.number)) else {
                continue;
            };
            if ga == gb || a.norm.contains('\n') || b.norm.contains('\n') {
                continue;
            }
            if a.norm.chars().count() + b.norm.chars().count() > 500 {
                continue;
            }
            out[0] += 1;
            let report = finder.find(&format!("{}{}", a.norm.trim(), b.norm.trim()), &opts)?;
            if report.pieces.len() == 2 && report.pieces[0].piece.text == a.norm.trim() {
                out[1] += 1;
                let found = |k: usize, g: usize| {
                    report.pieces[k].hits.first().is_some_and(|h| {
                        gold.groups[g]
                            .members
                            .get(h.doc.as_str())
                            .is_some_and(|ns| ns.contains(&h.article))
                    })
                };
                out[2] += usize::from(found(0, ga) && found(1, gb));
            }
        }
        for a in &doc.articles {
            if group_of(&id, a.number).is_none() {
                continue;
            }
            out[3] += 1;
            let report = finder.find(&a.text, &opts)?;
            if report.pieces.len() > 1 {
                out[4] += 1;
            }
            let g = group_of(&id, a.number).unwrap_or_default();
            let right = report.pieces.iter().all(|p| {
                p.hits.first().is_some_and(|h| {
                    gold.groups[g]
                        .members
                        .get(h.doc.as_str())
                        .is_some_and(|ns| ns.contains(&h.article))
                })
            });
            out[5] += usize::from(right);
        }
    }
    Ok(out)
}
