//! Measures `guize precedent` under each term weighting ([`guize::precedent::Weighting`]) on the
//! shipped corpus, for choosing by hand: every article of the dev gold groups as a draft (its own
//! document left out; an equivalent article first / in the top 3, and how many are told close),
//! the articles of three laws of other matters as drafts (how many are told "no close
//! precedent"), and the top 3 of a few drafts named on the command line.
//! Usage: cargo run --release --features studies --example precedent_params -- [DRAFT]...
use guize::corpus::Corpus;
use guize::index;
use guize::model::{DocId, DocMeta};
use guize::parse::{Source, SourceKind, parse};
use guize::precedent::{Finder, Options, Weighting};
use std::collections::BTreeMap;
use std::path::Path;

fn main() {
    if let Err(e) = run() {
        eprintln!("precedent_params: {e}");
        std::process::exit(1);
    }
}

#[derive(serde::Deserialize)]
struct Gold {
    groups: Vec<Group>,
}

#[derive(serde::Deserialize)]
struct Group {
    members: BTreeMap<String, Vec<u32>>,
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = Corpus::load(&root.join("corpus"))?;
    let dir = tempfile::tempdir()?;
    let fp = index::fingerprint(&root.join("corpus"))?;
    index::rebuild(dir.path(), &corpus.docs, &fp, &mut |_| {})?;
    let index = index::open(dir.path())?;
    let gold: Gold = serde_json::from_str(&std::fs::read_to_string(
        root.join("tests/data/alignment-dev.json"),
    )?)?;
    let mut others = Vec::new();
    for name in ["peichang.md", "fazhi.md", "peishenyuan.md"] {
        let path = root.join("tests/data/docs").join(name);
        let text = std::fs::read_to_string(&path)?;
        let reg = parse(Source {
            id: DocId(name.into()),
            path: &path,
            text: &text,
            kind: SourceKind::Markdown,
            meta: DocMeta::default(),
        });
        others.extend(reg.articles.iter().map(|a| a.text.clone()));
    }
    let drafts: Vec<String> = std::env::args().skip(1).collect();
    for (bw, bb) in [(false, false), (true, true)] {
        let finder = Finder::new(&index)?.with_weighting(Weighting {
            background_words: bw,
            background_bigrams: bb,
        });
        let (mut cases, mut top1, mut top3, mut close) = (0, 0, 0, 0);
        let mut gold_ratio: Vec<f32> = Vec::new();
        for g in gold.groups.iter().filter(|g| g.members.len() > 1) {
            for (doc, ns) in &g.members {
                for &n in ns {
                    let Some(a) = corpus.doc(doc).ok().and_then(|d| d.article(n)) else {
                        continue;
                    };
                    let opts = Options {
                        limit: 3,
                        exclude: vec![doc.clone()],
                        ..Options::default()
                    };
                    let report = finder.find(&a.text, &opts)?;
                    let piece = &report.pieces[0];
                    let eq = |h: &guize::precedent::Precedent| {
                        g.members
                            .get(h.doc.as_str())
                            .is_some_and(|m| m.contains(&h.article))
                    };
                    cases += 1;
                    top1 += usize::from(piece.hits.first().is_some_and(eq));
                    top3 += usize::from(piece.hits.iter().take(3).any(eq));
                    close += usize::from(piece.is_close());
                    if let Some(h) = piece.hits.first() {
                        gold_ratio.push(h.similarity.score);
                    }
                }
            }
        }
        gold_ratio.sort_by(f32::total_cmp);
        println!(
            "  gold, best similarity, lowest 30: {:.2?}",
            &gold_ratio[..30.min(gold_ratio.len())]
        );
        let mut far = 0;
        let mut far_cases = 0;
        let mut far_ratio: Vec<f32> = Vec::new();
        for text in &others {
            let Ok(report) = finder.find(text, &Options::default()) else {
                continue;
            };
            for p in &report.pieces {
                far_cases += 1;
                far += usize::from(!p.is_close());
                if let Some(h) = p.hits.first() {
                    far_ratio.push(h.similarity.score);
                }
            }
        }
        far_ratio.sort_by(f32::total_cmp);
        println!("  other laws, best similarity: {far_ratio:.2?}");
        println!(
            "words {bw} bigrams {bb}: {cases} gold drafts: top-1 {:.3}, top-3 {:.3}, told close {:.3}; \
             {far_cases} pieces of other laws told not close {:.3}",
            top1 as f64 / cases as f64,
            top3 as f64 / cases as f64,
            close as f64 / cases as f64,
            far as f64 / far_cases as f64
        );
        for d in &drafts {
            let report = finder.find(d, &Options::default())?;
            for p in &report.pieces {
                let hits: Vec<String> = p
                    .hits
                    .iter()
                    .take(5)
                    .map(|h| {
                        format!(
                            "{}:{} {:.2}/{:.2}",
                            h.doc, h.article, h.similarity.score, h.similarity.covered
                        )
                    })
                    .collect();
                println!(
                    "  {d} → {} (chance: median {:.3}, 95th percentile {:.3} of {} pairs; close {})",
                    hits.join(", "),
                    p.chance.median,
                    p.chance.cutoff,
                    p.chance.pairs,
                    p.is_close()
                );
                if std::env::var_os("EXPLAIN").is_some() {
                    for h in p.hits.iter().take(2) {
                        let shown = h.passage.as_deref().unwrap_or(&h.text);
                        let terms = finder.explain(&p.piece.text, shown)?;
                        let line: Vec<String> = terms
                            .iter()
                            .map(|(t, w, held)| {
                                format!("{t}{}{w:.2}", if *held { "+" } else { " " })
                            })
                            .collect();
                        println!("    {}:{} [{}]", h.doc, h.article, line.join(" "));
                    }
                }
            }
        }
    }
    Ok(())
}
