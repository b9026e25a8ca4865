//! Mines the word associations of `corpus/assoc.tsv` (`guize::assoc`) from lawrefbook's families
//! of regulations by distant supervision: the same regulation of different places is aligned by
//! guize itself, confident counterparts are kept, and words written on one side only of a
//! counterpart pair are counted against the words written on the other side only.
//!
//! Usage: cargo run --release --features studies --example mine_assoc -- LAWREFBOOK OUT.tsv
//!        cargo run --release --features studies --example mine_assoc -- --bridge LAWREFBOOK corpus/bridge.tsv
//!
//! With `--bridge` the same counterparts teach the translation table `corpus/bridge.tsv` instead
//! (`guize::align::bridge::GlobalTable`, below "The translation table").
//!
//! 1. Families: every `.md` under `DLC/` (local regulations), its title the file name without the
//!    date; the place is the shortest lead of at most seven characters ending in 省, 市, 自治区,
//!    自治州 or 县, and the family is the rest (济南市城市绿化条例 → 城市绿化条例). Families of at
//!    least two documents are kept, at most `MAX_DOCS` of each (in path order). Titles of the
//!    alignment golds' families are left out entirely, development and held out alike (养犬,
//!    古树名木, 节约用水, 气象灾害防御, 森林防火, 燃气, and 工作规则).
//! 2. Each family is scored with the default similarity (`guize::align::similarities`); the
//!    counterparts are the pairs that are each other's best candidate in their two documents,
//!    `Z_MIN` robust spreads above the family's null median and `LEAD` ahead of each side's
//!    runner-up (`Similarities::mutual_best`).
//! 3. For each counterpart pair (a, b), the words of a not in b and the words of b not in a (the
//!    similarity's content words, each once) make every cross pair (u, v) one observation, both
//!    ways. Chance is counted within each family: the expected count of (u, v) is the sum over
//!    families of `n_f(u) · n_f(v) / N_f` (`n_f(w)` the directed pairs of family `f` with `w` on the
//!    one side only, `N_f` its directed pairs), so that two words of one topic that every aligned
//!    pair of a family carries are not taken for drafting equivalents.
//! 4. A pair is kept when it was observed at least `MIN_COUNT` times in at least `MIN_FAMILIES`
//!    families, its Poisson log-likelihood ratio `2(O ln(O/E) − (O − E))` reaches `MIN_G`, and
//!    O > E; its weight is `(O − E) / (O + SHRINK)`. Each word keeps its `PER_WORD` heaviest partners (by the
//!    ratio); a pair stays when either word keeps it.
//!
//! The translation table (`--bridge`): the counterparts of step 2 are a parallel text, each pair
//! two sentences (a → b and b → a), each side the article's `BRIDGE_WORDS` heaviest words once
//! the drafting words are gone (words held by more than `BRIDGE_DF_MAX` of the counterpart
//! articles: 应当, 规定, 或者 …). An IBM Model 1 table `t(v | u)` with a NULL word is fitted by
//! `BRIDGE_ITERATIONS` EM iterations. A pair of words is kept when `u ≠ v`, it bridges a
//! difference (`u` on one side only, `v` on the other only) in at least `BRIDGE_MIN_PAIRS`
//! sentences of at least `BRIDGE_MIN_FAMILIES` families, `t(v | u)` reaches `BRIDGE_FLOOR` and
//! `BRIDGE_RATIO` times its chance level (the share of `v` among all target words), and (with
//! `BRIDGE_BOTH_WAYS`) when (`v`, `u`) passes too: a drafting equivalent translates each way, a
//! topical word mostly one way. Each word keeps its `BRIDGE_PARTNERS` strongest.
//!
//! Deterministic: families in path order, counts in ordered maps, output sorted.

mod common;

use guize::align::{Params, similarities};
use guize::assoc::Associations;
use guize::corpus::Corpus;
use guize::model::Regulation;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

const MAX_DOCS: usize = 12;
const Z_MIN: f32 = 4.0;
const LEAD: f32 = 0.03;
const MIN_COUNT: u32 = 3;
const MIN_FAMILIES: usize = 2;
const MIN_G: f64 = 10.83;
const PER_WORD: usize = 24;
/// Added to the observed count in the weight's denominator, so that a pair seen a few times
/// weighs less than one seen often with the same excess over chance.
const SHRINK: f64 = 10.0;
/// Titles of the families of every alignment gold, left out of the mining.
const EXCLUDED: &[&str] = &[
    "养犬",
    "古树名木",
    "节约用水",
    "气象灾害防御",
    "森林防火",
    "燃气",
    "工作规则",
];
const BRIDGE_WORDS: usize = 24;
const BRIDGE_DF_MAX: f64 = 0.05;
const BRIDGE_ITERATIONS: usize = 5;
const BRIDGE_MIN_PAIRS: u32 = 3;
const BRIDGE_MIN_FAMILIES: usize = 2;
const BRIDGE_FLOOR: f32 = 0.02;
const BRIDGE_RATIO: f64 = 10.0;
const BRIDGE_PARTNERS: usize = 6;
const BRIDGE_BOTH_WAYS: bool = true;
const PLACE_ENDS: &[&str] = &["自治区", "自治州", "省", "市", "县"];

fn main() {
    if let Err(e) = run() {
        eprintln!("mine_assoc: {e}");
        std::process::exit(1);
    }
}

/// The family of a title: the title without its place (the shortest lead of one to seven
/// characters and a place suffix), if it names one.
fn family_of(title: &str) -> Option<String> {
    let chars: Vec<char> = title.chars().collect();
    for end in 2..chars.len() {
        let lead: String = chars[..end].iter().collect();
        let Some(suffix) = PLACE_ENDS.iter().find(|p| lead.ends_with(*p)) else {
            continue;
        };
        let place = end - suffix.chars().count();
        if (1..=7).contains(&place) {
            return Some(chars[end..].iter().collect());
        }
        if place > 7 {
            return None;
        }
    }
    None
}

fn title_of(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    match stem.rfind('(') {
        Some(i) if stem.ends_with(')') => stem[..i].to_string(),
        _ => stem,
    }
}

/// One family's counterpart pairs, each as the two articles' words with their weight.
type Sides = Vec<(Vec<(String, f32)>, Vec<(String, f32)>)>;

/// The words of one side of a counterpart pair that the other lacks.
fn only_on_one_side(a: &[(String, f32)], b: &[(String, f32)]) -> (Vec<String>, Vec<String>) {
    let sa: BTreeSet<&str> = a.iter().map(|w| w.0.as_str()).collect();
    let sb: BTreeSet<&str> = b.iter().map(|w| w.0.as_str()).collect();
    (
        sa.difference(&sb).map(|w| w.to_string()).collect(),
        sb.difference(&sa).map(|w| w.to_string()).collect(),
    )
}

fn mine_family(paths: &[PathBuf]) -> Result<Sides, String> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
        files.push((format!("d{i:02}.md"), bytes));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let corpus = Corpus::load_memory(Path::new("family"), &refs).map_err(|e| e.to_string())?;
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    if docs.len() < 2 {
        return Ok(Vec::new());
    }
    let sims = similarities(&docs, &Params::default());
    let mut out = Vec::new();
    for (a, b, _) in sims.mutual_best(Z_MIN, LEAD) {
        let (Some(wa), Some(wb)) = (
            sims.weighted_words((a.0.as_str(), a.1)),
            sims.weighted_words((b.0.as_str(), b.1)),
        ) else {
            continue;
        };
        let owned = |w: Vec<(&str, f32)>| -> Vec<(String, f32)> {
            w.into_iter().map(|(t, x)| (t.to_string(), x)).collect()
        };
        out.push((owned(wa), owned(wb)));
    }
    Ok(out)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (bridge, args) = match args.split_first() {
        Some((flag, rest)) if flag == "--bridge" => (true, rest),
        _ => (false, args.as_slice()),
    };
    let [root, out] = args else {
        return Err("usage: mine_assoc [--bridge] LAWREFBOOK OUT.tsv".into());
    };
    let mut paths = Vec::new();
    common::markdown_files(&Path::new(root).join("DLC"), &mut paths)?;
    let mut families: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for p in paths {
        let title = title_of(&p);
        if EXCLUDED.iter().any(|x| title.contains(x)) {
            continue;
        }
        if let Some(f) = family_of(&title) {
            families.entry(f).or_default().push(p);
        }
    }
    let families: Vec<(String, Vec<PathBuf>)> = families
        .into_iter()
        .filter(|(_, v)| v.len() >= 2)
        .map(|(k, mut v)| {
            v.truncate(MAX_DOCS);
            (k, v)
        })
        .collect();
    eprintln!(
        "{} families, {} documents",
        families.len(),
        families.iter().map(|f| f.1.len()).sum::<usize>()
    );
    let mined: Vec<Sides> = families
        .par_iter()
        .map(|(name, paths)| {
            mine_family(paths).unwrap_or_else(|e| {
                eprintln!("{name}: {e}");
                Vec::new()
            })
        })
        .collect();
    eprintln!(
        "{} counterpart pairs",
        mined.iter().map(Vec::len).sum::<usize>()
    );
    if bridge {
        return write_bridge(&mined, out);
    }
    let mined: Vec<Vec<(Vec<String>, Vec<String>)>> = mined
        .iter()
        .map(|pairs| {
            pairs
                .iter()
                .map(|(a, b)| only_on_one_side(a, b))
                .filter(|(a, b)| !a.is_empty() && !b.is_empty())
                .collect()
        })
        .collect();
    // Word ids, observed counts and per-family marginals.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut id = |w: &str, ids: &mut HashMap<String, u32>| -> u32 {
        if let Some(&i) = ids.get(w) {
            return i;
        }
        let i = words.len() as u32;
        words.push(w.to_string());
        ids.insert(w.to_string(), i);
        i
    };
    let mut observed: HashMap<(u32, u32), (u32, u32)> = HashMap::new(); // count, last family + 1
    let mut fam_count: HashMap<(u32, u32), u32> = HashMap::new();
    // Per word: (family, directed pairs with the word on the one side only).
    let mut marginal: HashMap<u32, Vec<(u32, u32)>> = HashMap::new();
    let mut totals: Vec<f64> = Vec::new();
    for (f, pairs) in mined.iter().enumerate() {
        let f = f as u32;
        totals.push(2.0 * pairs.len() as f64);
        for (a, b) in pairs {
            let a: Vec<u32> = a.iter().map(|w| id(w, &mut ids)).collect();
            let b: Vec<u32> = b.iter().map(|w| id(w, &mut ids)).collect();
            for &w in a.iter().chain(&b) {
                let m = marginal.entry(w).or_default();
                match m.last_mut() {
                    Some(last) if last.0 == f => last.1 += 1,
                    _ => m.push((f, 1)),
                }
            }
            for &u in &a {
                for &v in &b {
                    let key = (u.min(v), u.max(v));
                    let slot = observed.entry(key).or_insert((0, 0));
                    slot.0 += 2;
                    if slot.1 != f + 1 {
                        slot.1 = f + 1;
                        *fam_count.entry(key).or_insert(0) += 1;
                    }
                }
            }
        }
    }
    eprintln!("{} words, {} observed pairs", words.len(), observed.len());
    // The observations are symmetric (both directions counted), so n_f(w) as computed counts each
    // undirected pair once per side and equals the directed count.
    let expected = |u: u32, v: u32| -> f64 {
        let (mu, mv) = (&marginal[&u], &marginal[&v]);
        let (mut i, mut j, mut e) = (0, 0, 0.0);
        while i < mu.len() && j < mv.len() {
            match mu[i].0.cmp(&mv[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let n = totals[mu[i].0 as usize];
                    e += mu[i].1 as f64 * mv[j].1 as f64 / n;
                    i += 1;
                    j += 1;
                }
            }
        }
        // Both directions of every pair were observed.
        2.0 * e
    };
    let mut kept: Vec<(u32, u32, f64, f64)> = observed
        .par_iter()
        .filter(|(k, (o, _))| {
            *o >= 2 * MIN_COUNT && fam_count.get(k).copied().unwrap_or(0) as usize >= MIN_FAMILIES
        })
        .filter_map(|(&(u, v), &(o, _))| {
            let o = o as f64;
            let e = expected(u, v).max(1e-9);
            if o <= e {
                return None;
            }
            let g = 2.0 * (o * (o / e).ln() - (o - e));
            (g >= MIN_G).then_some((u, v, g, (o - e) / (o + SHRINK)))
        })
        .collect();
    kept.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    eprintln!("{} significant pairs", kept.len());
    // Each word keeps its PER_WORD strongest partners.
    let mut per: HashMap<u32, usize> = HashMap::new();
    let mut chosen = Vec::new();
    for &(u, v, _, w) in &kept {
        let (cu, cv) = (
            per.get(&u).copied().unwrap_or(0),
            per.get(&v).copied().unwrap_or(0),
        );
        if cu < PER_WORD || cv < PER_WORD {
            *per.entry(u).or_insert(0) += 1;
            *per.entry(v).or_insert(0) += 1;
            let (a, b) = (&words[u as usize], &words[v as usize]);
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            chosen.push((a.clone(), b.clone(), (w as f32).clamp(0.001, 1.0)));
        }
    }
    chosen.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let text = Associations::to_text(&chosen)?;
    std::fs::write(out, &text)?;
    eprintln!("{} pairs written, {} bytes", chosen.len(), text.len());
    Ok(())
}

/// Fits the translation table over the mined counterparts (module documentation, "The
/// translation table") and writes it in `guize::align::bridge::GlobalTable`'s format.
fn write_bridge<'a>(mined: &'a [Sides], out: &str) -> Result<(), Box<dyn std::error::Error>> {
    const NULL: u32 = u32::MAX;
    // Drafting words: held by more than BRIDGE_DF_MAX of the counterpart articles.
    let mut held: BTreeMap<&str, u32> = BTreeMap::new();
    let mut sides = 0usize;
    for (a, b) in mined.iter().flatten() {
        for w in a.iter().chain(b) {
            *held.entry(w.0.as_str()).or_insert(0) += 1;
        }
        sides += 2;
    }
    let drafting: BTreeSet<&str> = held
        .iter()
        .filter(|(_, n)| **n as f64 > BRIDGE_DF_MAX * sides as f64)
        .map(|(w, _)| *w)
        .collect();
    eprintln!(
        "{} drafting words left out (held by more than {:.0}% of {} counterpart articles)",
        drafting.len(),
        100.0 * BRIDGE_DF_MAX,
        sides
    );
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut words: Vec<&str> = Vec::new();
    let mut side = |w: &'a [(String, f32)]| -> Vec<u32> {
        let mut kept: Vec<&(String, f32)> = w
            .iter()
            .filter(|x| !drafting.contains(x.0.as_str()))
            .collect();
        kept.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        kept.truncate(BRIDGE_WORDS);
        let mut out: Vec<u32> = kept
            .into_iter()
            .map(|x| {
                *ids.entry(x.0.as_str()).or_insert_with(|| {
                    words.push(x.0.as_str());
                    (words.len() - 1) as u32
                })
            })
            .collect();
        out.sort_unstable();
        out
    };
    // Sentences (source, target, family), both directions of each counterpart pair.
    let mut sentences: Vec<(Vec<u32>, Vec<u32>, u32)> = Vec::new();
    for (f, pairs) in mined.iter().enumerate() {
        for (a, b) in pairs {
            let (a, b) = (side(a), side(b));
            if a.is_empty() || b.is_empty() {
                continue;
            }
            sentences.push((a.clone(), b.clone(), f as u32));
            sentences.push((b, a, f as u32));
        }
    }
    // Slots: one per (source word or NULL, target word) met; cells per sentence, target-major.
    let mut slot_of: HashMap<(u32, u32), u32> = HashMap::new();
    let mut keys: Vec<(u32, u32)> = Vec::new();
    let mut cells: Vec<u32> = Vec::new();
    let mut target_count: Vec<u32> = vec![0; words.len()];
    let mut target_total = 0u64;
    let mut bridging: Vec<(u32, u32, u32)> = Vec::new(); // sentences, families, last family + 1
    for (src, tgt, f) in &sentences {
        for &v in tgt {
            target_count[v as usize] += 1;
            target_total += 1;
            let lacks_v = src.binary_search(&v).is_err();
            for &u in src.iter().chain([NULL].iter()) {
                let i = *slot_of.entry((u, v)).or_insert_with(|| {
                    keys.push((u, v));
                    bridging.push((0, 0, 0));
                    (keys.len() - 1) as u32
                });
                cells.push(i);
                if u != NULL && lacks_v && tgt.binary_search(&u).is_err() {
                    let b = &mut bridging[i as usize];
                    b.0 += 1;
                    if b.2 != f + 1 {
                        b.2 = f + 1;
                        b.1 += 1;
                    }
                }
            }
        }
    }
    drop(slot_of);
    eprintln!(
        "{} sentences, {} words, {} word pairs, {} cells",
        sentences.len(),
        words.len(),
        keys.len(),
        cells.len()
    );
    // EM: t(v | u) from uniform.
    let mut t = vec![1.0f32; keys.len()];
    for _ in 0..BRIDGE_ITERATIONS {
        let mut count = vec![0.0f32; keys.len()];
        let mut at = 0usize;
        for (src, tgt, _) in &sentences {
            let width = src.len() + 1;
            for _ in tgt {
                let row = &cells[at..at + width];
                at += width;
                let denom: f32 = row.iter().map(|&i| t[i as usize]).sum();
                if denom > 0.0 {
                    for &i in row {
                        count[i as usize] += t[i as usize] / denom;
                    }
                }
            }
        }
        let mut total: HashMap<u32, f32> = HashMap::new();
        for (i, &(u, _)) in keys.iter().enumerate() {
            *total.entry(u).or_insert(0.0) += count[i];
        }
        for (i, p) in t.iter_mut().enumerate() {
            let tot = total.get(&keys[i].0).copied().unwrap_or(0.0);
            *p = if tot > 0.0 { count[i] / tot } else { 0.0 };
        }
    }
    let passes = |i: usize| -> bool {
        let (u, v) = keys[i];
        let (n, fams, _) = bridging[i];
        if u == NULL || u == v || n < BRIDGE_MIN_PAIRS || (fams as usize) < BRIDGE_MIN_FAMILIES {
            return false;
        }
        let chance = target_count[v as usize] as f64 / target_total as f64;
        t[i] >= BRIDGE_FLOOR && t[i] as f64 >= BRIDGE_RATIO * chance
    };
    let index: HashMap<(u32, u32), usize> = keys
        .iter()
        .enumerate()
        .filter(|&(i, _)| passes(i))
        .map(|(i, &k)| (k, i))
        .collect();
    let mut partners: BTreeMap<u32, Vec<(u32, f32)>> = BTreeMap::new();
    for (&(u, v), &i) in &index {
        // Both directions: a drafting equivalent translates each way, a topical word one way.
        if BRIDGE_BOTH_WAYS && !index.contains_key(&(v, u)) {
            continue;
        }
        partners.entry(u).or_default().push((v, t[i]));
    }
    let mut chosen: Vec<(String, String, f32)> = Vec::new();
    for (u, mut ps) in partners {
        ps.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(words[a.0 as usize].cmp(words[b.0 as usize]))
        });
        ps.truncate(BRIDGE_PARTNERS);
        for (v, p) in ps {
            chosen.push((
                words[u as usize].to_string(),
                words[v as usize].to_string(),
                p,
            ));
        }
    }
    chosen.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let text = guize::align::bridge::GlobalTable::to_text(&chosen)?;
    std::fs::write(out, &text)?;
    eprintln!("{} pairs written, {} bytes", chosen.len(), text.len());
    Ok(())
}
