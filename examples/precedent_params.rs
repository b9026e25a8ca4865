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
    // CORPUS=DIR: the drafts named are looked up there (the measures stay on the shipped corpus).
    let drafts_in = std::env::var_os("CORPUS").map(std::path::PathBuf::from);
    let corpus = Corpus::load(&root.join("corpus"))?;
    let dir = tempfile::tempdir()?;
    let fp = index::fingerprint(&root.join("corpus"))?;
    index::rebuild(dir.path(), &corpus.docs, &fp, &mut |_| {})?;
    let other_dir = tempfile::tempdir()?;
    let other_index = match &drafts_in {
        Some(d) => {
            let c = Corpus::load(d)?;
            index::rebuild(
                other_dir.path(),
                &c.docs,
                &index::fingerprint(d)?,
                &mut |_| {},
            )?;
            Some(index::open(other_dir.path())?)
        }
        None => None,
    };
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
        let mut gold_best = Vec::new();
        let mut gold_top: Vec<usize> = Vec::new();
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
                        gold_best.push((h.similarity, piece.chance));
                        gold_top.push(top_held(&finder, &piece.piece.text, &h.text)?);
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
        let mut far_best = Vec::new();
        let mut far_top: Vec<usize> = Vec::new();
        for text in &others {
            let Ok(report) = finder.find(text, &Options::default()) else {
                continue;
            };
            for p in &report.pieces {
                far_cases += 1;
                far += usize::from(!p.is_close());
                if let Some(h) = p.hits.first() {
                    far_ratio.push(h.similarity.score);
                    far_best.push((h.similarity, p.chance));
                    far_top.push(top_held(&finder, &p.piece.text, &h.text)?);
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
        let draft_finder = match &other_index {
            Some(i) => Finder::new(i)?.with_weighting(Weighting {
                background_words: bw,
                background_bigrams: bb,
            }),
            None => Finder::new(&index)?.with_weighting(Weighting {
                background_words: bw,
                background_bigrams: bb,
            }),
        };
        // Told close at each margin over the 95th percentile of chance (in units of its distance
        // from the median; `precedent::WELL_ABOVE`).
        let close_at = |best: &[(guize::precedent::Similarity, guize::precedent::Chance)],
                        margin: f32| {
            best.iter()
                .filter(|(s, c)| {
                    let w = guize::precedent::WELL_ABOVE;
                    let high = (c.cutoff + w * c.median) / (1.0 + w);
                    let bar = high + margin * (high - c.median);
                    s.covered >= guize::precedent::MIN_COVERED
                        && (s.score > bar || s.score >= guize::precedent::NEAR_COPY)
                })
                .count()
        };
        for margin in [0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0] {
            println!(
                "  margin {margin}: gold told close {} of {}; other laws told not close {} of {}",
                close_at(&gold_best, margin),
                gold_best.len(),
                far_cases - close_at(&far_best, margin),
                far_cases
            );
        }
        // Told close by the rule at margin 0 and holding one of the draft's k heaviest words.
        for k in [1usize, 2, 3] {
            let with = |best: &[(guize::precedent::Similarity, guize::precedent::Chance)],
                        top: &[usize]| {
                best.iter()
                    .zip(top)
                    .filter(|((s, c), t)| {
                        let w = guize::precedent::WELL_ABOVE;
                        let high = (c.cutoff + w * c.median) / (1.0 + w);
                        s.covered >= guize::precedent::MIN_COVERED
                            && (s.score > high && **t < k || s.score >= guize::precedent::NEAR_COPY)
                    })
                    .count()
            };
            println!(
                "  heaviest {k}: gold told close {} of {}; other laws told not close {} of {}",
                with(&gold_best, &gold_top),
                gold_best.len(),
                far_cases - with(&far_best, &far_top),
                far_cases
            );
        }
        for d in &drafts {
            let finder = &draft_finder;
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
                if let Some(h) = p.hits.first() {
                    println!(
                        "    heaviest held at rank {}",
                        top_held(finder, &p.piece.text, &h.text)?
                    );
                }
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

/// The rank (0 = heaviest) of the heaviest of the draft's words that `article` holds; the number
/// of its words when it holds none.
fn top_held(
    finder: &Finder,
    draft: &str,
    article: &str,
) -> Result<usize, Box<dyn std::error::Error>> {
    let mut words: Vec<(String, f32, bool)> = finder
        .explain(draft, article)?
        .into_iter()
        .filter(|(t, _, _)| !t.starts_with('·'))
        .collect();
    words.sort_by(|a, b| b.1.total_cmp(&a.1));
    Ok(words.iter().position(|w| w.2).unwrap_or(words.len()))
}
