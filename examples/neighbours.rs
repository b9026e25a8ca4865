//! Prints the nearest words of each word given, by the word vectors of `guize::meaning`.
//! Usage: cargo run --release --features studies --example neighbours -- [--file corpus/vectors.bin] [-k 10] 收容 尸体
use guize::meaning::Vectors;

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut file = None;
    let mut k = 10;
    let mut words = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--file" => file = args.next(),
            "-k" => k = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            _ => words.push(a),
        }
    }
    let start = std::time::Instant::now();
    let vectors = match file {
        Some(path) => match std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| Vectors::from_bytes(&b).map_err(|e| e.to_string()))
        {
            Ok(v) => v,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        },
        None => Vectors::builtin().clone(),
    };
    eprintln!(
        "{} words x {} dims, loaded in {:.1} ms",
        vectors.len(),
        vectors.dims(),
        start.elapsed().as_secs_f64() * 1e3
    );
    for w in &words {
        let near = vectors.nearest(w, k);
        if near.is_empty() {
            println!("{w}: (no vector)");
            continue;
        }
        let list: Vec<String> = near.iter().map(|(n, s)| format!("{n} {s:.2}")).collect();
        println!(
            "{w} ({}): {}",
            vectors.count(w).unwrap_or(0),
            list.join(", ")
        );
    }
}
