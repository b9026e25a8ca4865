//! Trains the word vectors of `corpus/vectors.bin` (`guize::meaning`) from a folder of
//! regulations in Markdown or text, without supervision: skip-gram with negative sampling
//! (word2vec SGNS) over guize's own segmentation.
//!
//! Usage:
//!   cargo run --release --features studies --example train_vectors -- /work/shared/corpora/lawrefbook corpus/vectors.bin
//!   options (after the two paths): --dims 64 --epochs 5 --window 5 --negatives 5 --min-count 5
//!   --max-words 60000 --seed 1 --buckets 0 --min-n 1 --max-n 3
//!
//! With `--buckets N` (N > 0) the vectors are built from characters as well (fastText's
//! subwords): each word is also its character n-grams of `--min-n..=--max-n` characters, with
//! boundary marks (`<收留所>`: 收, 留, 所, <收, 收留, 留所, 所>, <收留, 收留所, 留所>), hashed into N
//! buckets ([`guize::meaning::ngram_buckets`]). A centre word's input vector is the mean of its
//! own vector and its n-grams' vectors, and each of them takes the whole gradient; the file then
//! holds every word's composed vector and the buckets, so that a word outside the vocabulary
//! gets a vector from its n-grams.
//!
//! Deterministic: segmentation runs in parallel but its results are gathered in file order, and
//! training runs on one thread with a seeded generator, so the same corpus and options give the
//! same bytes. Progress goes to stderr.

use guize::meaning::{Vectors, ngram_buckets};
use guize::segment::Segmenter;
use guize::text::numeral;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Marks the end of a line (windows never cross it).
const END: u32 = u32::MAX;

struct Options {
    dims: usize,
    epochs: usize,
    window: usize,
    negatives: usize,
    min_count: u64,
    max_words: usize,
    seed: u64,
    /// Subsampling threshold of frequent words (word2vec's `sample`).
    sample: f64,
    /// Starting learning rate, falling linearly to 1/10,000 of it.
    alpha: f32,
    /// Number of character n-gram buckets (0: words only).
    buckets: usize,
    min_n: usize,
    max_n: usize,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("train_vectors: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(output)) = (args.first(), args.get(1)) else {
        return Err(
            "usage: train_vectors CORPUS_FOLDER OUT_FILE [--dims N] [--epochs N] \
                    [--window N] [--negatives N] [--min-count N] [--max-words N] [--seed N] \
                    [--buckets N] [--min-n N] [--max-n N]"
                .into(),
        );
    };
    let mut o = Options {
        dims: 64,
        epochs: 5,
        window: 5,
        negatives: 5,
        min_count: 5,
        max_words: 60_000,
        seed: 1,
        sample: 1e-4,
        alpha: 0.025,
        buckets: 0,
        min_n: 1,
        max_n: 3,
    };
    let mut rest = args[2..].iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let n: u64 = value
            .parse()
            .map_err(|_| format!("{flag}: '{value}' is not a whole number"))?;
        match flag.as_str() {
            "--dims" => o.dims = n as usize,
            "--epochs" => o.epochs = n as usize,
            "--window" => o.window = n as usize,
            "--negatives" => o.negatives = n as usize,
            "--min-count" => o.min_count = n,
            "--max-words" => o.max_words = n as usize,
            "--seed" => o.seed = n,
            "--buckets" => o.buckets = n as usize,
            "--min-n" => o.min_n = n as usize,
            "--max-n" => o.max_n = n as usize,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if o.dims == 0 || o.window == 0 || o.epochs == 0 {
        return Err("--dims, --window and --epochs must be at least 1".into());
    }
    if o.buckets > 0 && (o.min_n == 0 || o.min_n > o.max_n) {
        return Err("--min-n must be at least 1 and at most --max-n".into());
    }

    let start = Instant::now();
    let files = documents(Path::new(input))?;
    eprintln!("{} documents under {input}", files.len());
    let Kept {
        words,
        counts,
        corpus,
    } = segment_all(&files, &o)?;
    eprintln!(
        "segmented in {:.1}s: {} running words, {} distinct words kept (count >= {}, at most {})",
        start.elapsed().as_secs_f64(),
        corpus.iter().filter(|&&w| w != END).count(),
        words.len(),
        o.min_count,
        o.max_words
    );
    let (rows, buckets) = if o.buckets > 0 {
        let parts = Parts::new(&words, &o);
        train_subwords(&counts, &corpus, &parts, &o)
    } else {
        (train(&counts, &corpus, &o), Vec::new())
    };
    let vocab: Vec<(String, u32)> = words
        .into_iter()
        .zip(&counts)
        .map(|(w, &c)| (w, c.min(u64::from(u32::MAX)) as u32))
        .collect();
    let mut vectors = Vectors::from_rows(o.dims, vocab, rows).map_err(|e| e.to_string())?;
    if o.buckets > 0 {
        vectors = vectors
            .with_subwords(o.min_n, o.max_n, &buckets)
            .map_err(|e| e.to_string())?;
    }
    let bytes = vectors.to_bytes();
    // Check that what is written reads back before replacing the old file.
    Vectors::from_bytes(&bytes).map_err(|e| format!("the encoded file does not decode: {e}"))?;
    std::fs::write(output, &bytes).map_err(|e| format!("cannot write {output}: {e}"))?;
    eprintln!(
        "wrote {output}: {} words x {} dims, {} bytes, in {:.1}s",
        vectors.len(),
        vectors.dims(),
        bytes.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Every `.md` or `.txt` file under `root`, sorted by path (the order fixes the result).
fn documents(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
                .path();
            if path.is_dir() {
                stack.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("md" | "txt")
            ) {
                out.push(path);
            }
        }
    }
    out.sort();
    if out.is_empty() {
        return Err(format!("no .md or .txt file under {}", root.display()));
    }
    Ok(out)
}

/// True for a token that is a number, an ordinal or a counted unit (3, 一百五十一, 第十二条,
/// 第十七次, 2009年), which says nothing about meaning.
fn is_number(word: &str) -> bool {
    let body = word.strip_prefix('第').unwrap_or(word);
    let body = body
        .strip_suffix([
            '条', '款', '项', '章', '节', '编', '目', '次', '届', '批', '号', '年', '月', '日',
            '个', '名', '倍', '期', '部', '类', '种', '级',
        ])
        .unwrap_or(body);
    !body.is_empty()
        && body.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '.' | '亿') || numeral::is_chinese_numeral(c)
        })
}

/// One document's words: its own small vocabulary and the running text as indices into it, lines
/// ended by [`END`].
struct Segmented {
    local: Vec<String>,
    text: Vec<u32>,
}

fn segment_file(segmenter: &Segmenter, path: &Path) -> Result<Segmented, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let (text, _) = guize::extract::decode(&bytes)
        .map_err(|e| format!("cannot decode {}: {e}", path.display()))?;
    let mut local: Vec<String> = Vec::new();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        // Markdown comments (lawrefbook's `<!-- INFO END -->`) hold no text.
        if line.is_empty() || line.starts_with("<!--") {
            continue;
        }
        let line = line.trim_start_matches(['#', '>', '-', '*', ' ']);
        let before = out.len();
        for token in segmenter.words(line) {
            if is_number(token.text) {
                continue;
            }
            let id = match ids.get(token.text) {
                Some(&id) => id,
                None => {
                    let id = local.len() as u32;
                    local.push(token.text.to_string());
                    ids.insert(token.text.to_string(), id);
                    id
                }
            };
            out.push(id);
        }
        if out.len() > before {
            out.push(END);
        }
    }
    Ok(Segmented { local, text: out })
}

/// The words kept, most frequent first, with their counts, and the corpus as indices into them
/// (lines ended by [`END`]).
struct Kept {
    words: Vec<String>,
    counts: Vec<u64>,
    corpus: Vec<u32>,
}

/// Segments every file (in parallel, gathered in order), keeps the words seen at least
/// `min_count` times (the `max_words` most frequent; ties by the word), and returns them with
/// their counts and the corpus as indices into them (lines ended by [`END`]; dropped words left
/// out, as word2vec does).
fn segment_all(files: &[PathBuf], o: &Options) -> Result<Kept, String> {
    let segmenter = Segmenter::global();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let segmented: Vec<Segmented> = files
        .par_iter()
        .map(|path| {
            let s = segment_file(segmenter, path);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if n.is_multiple_of(500) {
                eprintln!("  segmented {n}/{}", files.len());
            }
            s
        })
        .collect::<Result<_, _>>()?;
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for s in &segmented {
        for &id in s.text.iter().filter(|&&id| id != END) {
            *counts.entry(s.local[id as usize].as_str()).or_default() += 1;
        }
    }
    let mut kept: Vec<(&str, u64)> = counts
        .into_iter()
        .filter(|&(_, c)| c >= o.min_count)
        .collect();
    kept.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    kept.truncate(o.max_words);
    let global: HashMap<&str, u32> = kept
        .iter()
        .enumerate()
        .map(|(i, &(w, _))| (w, i as u32))
        .collect();
    let mut corpus = Vec::new();
    for s in &segmented {
        let map: Vec<Option<u32>> = s
            .local
            .iter()
            .map(|w| global.get(w.as_str()).copied())
            .collect();
        for &id in &s.text {
            if id == END {
                if corpus.last().is_some_and(|&l| l != END) {
                    corpus.push(END);
                }
            } else if let Some(g) = map[id as usize] {
                corpus.push(g);
            }
        }
    }
    Ok(Kept {
        words: kept.iter().map(|&(w, _)| w.to_string()).collect(),
        counts: kept.iter().map(|&(_, c)| c).collect(),
        corpus,
    })
}

/// Size of the table negatives are drawn from.
const TABLE: usize = 1 << 24;

/// The table negatives are drawn from: each word fills a share of it by count^0.75.
fn negative_table(counts: &[u64]) -> Vec<u32> {
    let n = counts.len();
    let powered: Vec<f64> = counts.iter().map(|&c| (c as f64).powf(0.75)).collect();
    let sum: f64 = powered.iter().sum();
    let mut table = Vec::with_capacity(TABLE);
    let mut acc = 0.0;
    for (w, p) in powered.iter().enumerate() {
        acc += p / sum;
        let upto = ((acc * TABLE as f64) as usize).min(TABLE);
        while table.len() < upto {
            table.push(w as u32);
        }
    }
    while table.len() < TABLE {
        table.push((n - 1) as u32);
    }
    table
}

/// Probability of keeping each word (word2vec's subsampling of frequent words, threshold
/// `sample`).
fn keep_probabilities(counts: &[u64], sample: f64) -> Vec<f64> {
    let total: u64 = counts.iter().sum();
    let threshold = sample * total as f64;
    counts
        .iter()
        .map(|&c| {
            let f = c as f64;
            ((f / threshold).sqrt() + 1.0) * threshold / f
        })
        .collect()
}

/// splitmix64: a small, fast, well-mixed generator; enough for sampling, and fixed by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n.
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }
}

/// What each word's input vector is made of: the word's own row, then (with buckets) the rows
/// `n + bucket` of its character n-grams, as one flat list with offsets.
struct Parts {
    starts: Vec<usize>,
    rows: Vec<u32>,
}

impl Parts {
    fn new(words: &[String], o: &Options) -> Parts {
        let n = words.len();
        let mut starts = vec![0];
        let mut rows = Vec::new();
        let mut grams = Vec::new();
        let mut filled = vec![false; o.buckets];
        for (i, w) in words.iter().enumerate() {
            rows.push(i as u32);
            if o.buckets > 0 {
                ngram_buckets(w, o.min_n, o.max_n, o.buckets, &mut grams);
                for &b in &grams {
                    filled[b as usize] = true;
                    rows.push((n + b as usize) as u32);
                }
            }
            starts.push(rows.len());
        }
        if o.buckets > 0 {
            eprintln!(
                "{} n-grams of {}..={} characters over the words, {} of {} buckets filled",
                rows.len() - n,
                o.min_n,
                o.max_n,
                filled.iter().filter(|&&f| f).count(),
                o.buckets
            );
        }
        Parts { starts, rows }
    }

    fn of(&self, word: usize) -> &[u32] {
        &self.rows[self.starts[word]..self.starts[word + 1]]
    }
}

/// The walk both trainings make over the corpus, one thread: per epoch and line, the line's words
/// kept by subsampling, the learning rate falling linearly with the words seen, and for each kept
/// word a random window around it; `step(rng, alpha, sentence, pos, window)` trains the word at
/// `pos` of the kept `sentence` on the positions of `window` (its own among them). Progress goes
/// to stderr every tenth of an epoch.
fn walk(
    corpus: &[u32],
    keep: &[f64],
    o: &Options,
    rng: &mut Rng,
    mut step: impl FnMut(&mut Rng, f32, &[u32], usize, std::ops::Range<usize>),
) {
    let running = corpus.iter().filter(|&&w| w != END).count() as f64;
    let planned = running * o.epochs as f64;
    let mut seen = 0.0f64;
    let mut sentence: Vec<u32> = Vec::new();
    let start = Instant::now();
    for epoch in 0..o.epochs {
        let mut next_report = 0.1;
        for line in corpus.split(|&w| w == END) {
            seen += line.len() as f64;
            let progress = seen / planned;
            let alpha = (o.alpha * (1.0 - progress as f32)).max(o.alpha * 1e-4);
            sentence.clear();
            sentence.extend(
                line.iter()
                    .copied()
                    .filter(|&w| keep[w as usize] >= 1.0 || rng.unit() < keep[w as usize]),
            );
            for pos in 0..sentence.len() {
                let reach = 1 + rng.below(o.window);
                let lo = pos.saturating_sub(reach);
                let hi = (pos + reach + 1).min(sentence.len());
                step(rng, alpha, &sentence, pos, lo..hi);
            }
            if progress >= (epoch as f64 + next_report) / o.epochs as f64 {
                eprintln!(
                    "  epoch {}/{}: {:.0}%, learning rate {alpha:.5}, {:.0}s",
                    epoch + 1,
                    o.epochs,
                    next_report * 100.0,
                    start.elapsed().as_secs_f64()
                );
                next_report += 0.1;
            }
        }
    }
}

/// The negative-sampling update both trainings make: `negatives` words drawn from `table`.
struct Sgd {
    table: Vec<u32>,
    negatives: usize,
}

/// What both trainings start from: the seeded generator once it has drawn the input rows, `rows`
/// input rows of small random values, one zero output row per word, the negative-sampling step
/// and each word's probability of being kept by subsampling.
struct Start {
    rng: Rng,
    input: Vec<f32>,
    output: Vec<f32>,
    sgd: Sgd,
    keep: Vec<f64>,
}

fn start(counts: &[u64], rows: usize, o: &Options) -> Start {
    let d = o.dims;
    let mut rng = Rng(o.seed);
    let input: Vec<f32> = (0..rows * d)
        .map(|_| (rng.unit() as f32 - 0.5) / d as f32)
        .collect();
    Start {
        rng,
        input,
        output: vec![0.0f32; counts.len() * d],
        sgd: Sgd {
            table: negative_table(counts),
            negatives: o.negatives,
        },
        keep: keep_probabilities(counts, o.sample),
    }
}

impl Sgd {
    /// At learning rate `alpha`, pulls the output row of `positive` towards `v` and pushes the
    /// rows of `negatives` words drawn from the table (by count^0.75) away from it, adding `v`'s
    /// gradient to `grad`.
    fn step(
        &self,
        v: &[f32],
        positive: u32,
        alpha: f32,
        output: &mut [f32],
        grad: &mut [f32],
        rng: &mut Rng,
    ) {
        let d = v.len();
        for k in 0..=self.negatives {
            let (target, label) = if k == 0 {
                (positive, 1.0f32)
            } else {
                let t = self.table[rng.below(TABLE)];
                if t == positive {
                    continue;
                }
                (t, 0.0)
            };
            let ti = target as usize * d;
            let out = &mut output[ti..ti + d];
            let f: f32 = v.iter().zip(out.iter()).map(|(a, b)| a * b).sum();
            let sig = 1.0 / (1.0 + (-f.clamp(-6.0, 6.0)).exp());
            let g = (label - sig) * alpha;
            for ((gr, o_), &x) in grad.iter_mut().zip(out.iter_mut()).zip(v) {
                *gr += g * *o_;
                *o_ += g * x;
            }
        }
    }
}

/// Skip-gram with negative sampling over words and their character n-grams (fastText's
/// subwords), one thread: for each kept word and each word within a
/// random window around it, the centre word's input vector (the mean of its parts' rows) is
/// pulled towards the context word's output vector and pushed away from `negatives` words drawn
/// by count^0.75; the gradient summed over the window goes to every part. Returns each word's
/// input vector (the mean of its parts) and the buckets' rows (empty without buckets), buckets no
/// word's n-gram fell in left zero.
fn train_subwords(
    counts: &[u64],
    corpus: &[u32],
    parts: &Parts,
    o: &Options,
) -> (Vec<f32>, Vec<f32>) {
    let n = counts.len();
    let d = o.dims;
    let mut st = start(counts, n + o.buckets, o);
    let mut grad = vec![0.0f32; d];
    let mut hidden = vec![0.0f32; d];
    walk(
        corpus,
        &st.keep,
        o,
        &mut st.rng,
        |rng, alpha, sentence, pos, window| {
            let own = parts.of(sentence[pos] as usize);
            hidden.iter_mut().for_each(|h| *h = 0.0);
            for &r in own {
                let r = r as usize * d;
                for (h, x) in hidden.iter_mut().zip(&st.input[r..r + d]) {
                    *h += x;
                }
            }
            let inv = 1.0 / own.len() as f32;
            hidden.iter_mut().for_each(|h| *h *= inv);
            grad.iter_mut().for_each(|g| *g = 0.0);
            for cpos in window {
                if cpos == pos {
                    continue;
                }
                st.sgd.step(
                    &hidden,
                    sentence[cpos],
                    alpha,
                    &mut st.output,
                    &mut grad,
                    rng,
                );
            }
            for &r in own {
                let r = r as usize * d;
                for (x, g) in st.input[r..r + d].iter_mut().zip(&grad) {
                    *x += g;
                }
            }
        },
    );
    let mut words = vec![0.0f32; n * d];
    for (w, row) in words.chunks_exact_mut(d).enumerate() {
        let own = parts.of(w);
        for &r in own {
            let r = r as usize * d;
            for (x, y) in row.iter_mut().zip(&st.input[r..r + d]) {
                *x += y / own.len() as f32;
            }
        }
    }
    let mut buckets = st.input.split_off(n * d);
    let mut filled = vec![false; o.buckets];
    for &r in &parts.rows {
        if r as usize >= n {
            filled[r as usize - n] = true;
        }
    }
    for (row, _) in buckets
        .chunks_exact_mut(d)
        .zip(&filled)
        .filter(|(_, f)| !**f)
    {
        row.iter_mut().for_each(|x| *x = 0.0);
    }
    (words, buckets)
}

/// Skip-gram with negative sampling, one thread: for each kept word and each word within a
/// random window around it, the context word's vector is pulled towards the centre word's output
/// vector and pushed away from `negatives` words drawn by count^0.75. Returns the input vectors.
fn train(counts: &[u64], corpus: &[u32], o: &Options) -> Vec<f32> {
    let d = o.dims;
    let mut st = start(counts, counts.len(), o);
    let mut grad = vec![0.0f32; d];
    walk(
        corpus,
        &st.keep,
        o,
        &mut st.rng,
        |rng, alpha, sentence, pos, window| {
            for cpos in window {
                if cpos == pos {
                    continue;
                }
                let ci = sentence[cpos] as usize * d;
                grad.iter_mut().for_each(|g| *g = 0.0);
                st.sgd.step(
                    &st.input[ci..ci + d],
                    sentence[pos],
                    alpha,
                    &mut st.output,
                    &mut grad,
                    rng,
                );
                for (x, g) in st.input[ci..ci + d].iter_mut().zip(&grad) {
                    *x += g;
                }
            }
        },
    );
    st.input
}
