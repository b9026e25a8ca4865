//! How the low-scoring groups of a corpus folder were built, step by step: for each final group
//! of several documents scoring under MAX (0.25 when left out), how its members stood after each
//! step of the grouping (the parts of it that stood together; a step that changed nothing is
//! not printed). Usage:
//! cargo run --release --features studies --example group_steps -- CORPUS [MAX] [PARAMS.json]
use guize::align::{Params, TracedArticle as Article, align_traced};
use guize::corpus::Corpus;
use guize::model::Regulation;
use std::path::PathBuf;

fn main() {
    if let Err(e) = run() {
        eprintln!("group_steps: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(corpus) = args.first() else {
        return Err("usage: group_steps CORPUS [MAX] [PARAMS.json]".into());
    };
    let max: f32 = match args.get(1) {
        Some(m) => m.parse()?,
        None => 0.25,
    };
    let params = match args.get(2) {
        Some(p) => Params::overridden(&std::fs::read_to_string(p)?)?,
        None => Params::default(),
    };
    let corpus = Corpus::load(&PathBuf::from(corpus))?;
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let (alignment, trace) = align_traced(&docs, &params);
    let short = |a: &Article| format!("{}{}", a.0.chars().take(2).collect::<String>(), a.1);
    for g in alignment.groups.iter() {
        if g.members.len() < 2 || g.score >= max {
            continue;
        }
        let members: Vec<Article> = g
            .members
            .iter()
            .flat_map(|(d, ns)| ns.iter().map(move |&n| (d.0.to_string(), n)))
            .collect();
        let names: Vec<String> = members.iter().map(short).collect();
        println!("\n{:.2} {} [{}]", g.score, g.label, names.join(" "));
        let mut last = String::new();
        for step in &trace.steps {
            let mut parts: Vec<String> = Vec::new();
            let mut seen = vec![false; members.len()];
            for (i, m) in members.iter().enumerate() {
                if seen[i] {
                    continue;
                }
                let group = step.groups.iter().find(|gr| gr.contains(m));
                let mut part = vec![short(m)];
                seen[i] = true;
                let mut outside = 0;
                if let Some(gr) = group {
                    for (j, o) in members.iter().enumerate().skip(i + 1) {
                        if !seen[j] && gr.contains(o) {
                            seen[j] = true;
                            part.push(short(o));
                        }
                    }
                    outside = gr.iter().filter(|a| !members.contains(a)).count();
                }
                let extra = if outside > 0 {
                    format!("+{outside}")
                } else {
                    String::new()
                };
                parts.push(format!("({}){}", part.join(" "), extra));
            }
            let line = parts.join(" ");
            if line != last {
                println!("  {:<40} {}", step.step, line);
                last = line;
            }
        }
    }
    Ok(())
}
