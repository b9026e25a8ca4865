//! The members of a group held by weak evidence, read against the golds (issue 11: "an article
//! that matches only a side sentence of another does not join it"). Usage:
//! cargo run --release --features studies --example weak_members -- SETTINGS.json NAME=CORPUS=GOLD...
//! SETTINGS.json is one settings object (dotted keys, `{}` for the defaults). For each family,
//! every member of a group of several documents after every step but `weak`
//! (`align::weak_rows`), labelled by the gold: how many true and false links it makes with the
//! group's members of other documents (ambiguous links and links outside the gold count neither);
//! a member is true when it makes more true than false links, false when more false, else
//! neither. Each row goes to stderr as one JSON line. Prints, over all families, the members by
//! the shape of their strongest link (its z over the corpus's null, whether the match lies in a
//! side paragraph of the other article or of the member, whether it is a mutual best match),
//! then, per rule of the `weak` step, the members it would take out and their links. With
//! `WEAK_DIFF=1` it prints instead, per family, the groups of several articles that the
//! defaults and SETTINGS (with `weak.on`) do not share, for reading by hand.
mod families;

use guize::align::{Alignment, Params, WeakLink, align_with, eval, weak_rows};
use guize::model::Regulation;
use std::collections::{BTreeMap, BTreeSet};

fn main() {
    families::main_of("weak_members", run);
}

type Article = (String, u32);

/// A labelled member.
struct Row {
    family: String,
    penalty: bool,
    links: Vec<WeakLink>,
    true_links: usize,
    false_links: usize,
}

/// A rule: a link holds its member when its z reaches `z` and, with `side`, its match is not
/// in a side paragraph (of the other article; of either with `both`), a mutual best match
/// holding whatever its paragraphs with `mutual`.
#[derive(Clone, Copy)]
struct Rule {
    z: f32,
    side: bool,
    both: bool,
    mutual: bool,
    penalties: bool,
}

impl Rule {
    fn holds(&self, l: &WeakLink) -> bool {
        if l.score <= 0.0 || l.z < self.z {
            return false;
        }
        if self.mutual && l.mutual {
            return true;
        }
        !(self.side && (l.in_side_of_other || (self.both && l.in_side_of_member)))
    }

    fn name(&self) -> String {
        format!(
            "z {:>4}{}{}{}{}",
            self.z,
            if self.side { " side" } else { "" },
            if self.both { " both" } else { "" },
            if self.mutual { " mutual" } else { "" },
            if self.penalties { " penalties" } else { "" }
        )
    }
}

fn labelled(docs: &[&Regulation], params: &Params, gold: &eval::Gold, name: &str) -> Vec<Row> {
    let group_of: BTreeMap<Article, usize> = gold.group_of();
    let ambiguous: BTreeSet<(Article, Article)> = gold
        .ambiguous_links
        .iter()
        .flat_map(|[a, b]| [(a.clone(), b.clone()), (b.clone(), a.clone())])
        .collect();
    let mut out = Vec::new();
    for r in weak_rows(docs, params) {
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
            "family": name, "article": x, "penalty": r.penalty, "true": t, "false": f,
            "group": r.group, "links": r.links,
        });
        eprintln!("{line}");
        out.push(Row {
            family: name.to_string(),
            penalty: r.penalty,
            links: r.links,
            true_links: t,
            false_links: f,
        });
    }
    out
}

/// Members true / false / neither and their true / false links.
#[derive(Default)]
struct Tally {
    members: [usize; 3],
    links: [usize; 2],
}

impl Tally {
    fn add(&mut self, r: &Row) {
        let k = match r.true_links.cmp(&r.false_links) {
            std::cmp::Ordering::Greater => 0,
            std::cmp::Ordering::Less => 1,
            std::cmp::Ordering::Equal => 2,
        };
        self.members[k] += 1;
        self.links[0] += r.true_links;
        self.links[1] += r.false_links;
    }

    fn show(&self) -> String {
        format!(
            "{:>5} {:>5} {:>5} | {:>6} {:>6}",
            self.members[0], self.members[1], self.members[2], self.links[0], self.links[1]
        )
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [settings, families @ ..] = args.as_slice() else {
        return Err("usage: weak_members SETTINGS.json NAME=CORPUS=GOLD...".into());
    };
    let params = Params::overridden(&std::fs::read_to_string(settings)?)?;
    if std::env::var_os("WEAK_DIFF").is_some() {
        for f in families {
            let (name, corpus, _) = families::load(f)?;
            let docs: Vec<&Regulation> = corpus.docs.iter().collect();
            let off = align_with(&docs, &Params::default());
            let on = align_with(&docs, &params);
            println!("== {name}");
            for (tag, a, b) in [("defaults only", &off, &on), ("setting only", &on, &off)] {
                for g in only_in(a, b) {
                    println!("{tag}: {g}");
                }
            }
        }
        return Ok(());
    }
    let mut rows = Vec::new();
    for f in families {
        let (name, corpus, gold) = families::load(f)?;
        let docs: Vec<&Regulation> = corpus.docs.iter().collect();
        rows.extend(labelled(&docs, &params, &gold, &name));
    }
    // Members by the shape of their strongest link (by score).
    let mut shapes: BTreeMap<String, Tally> = BTreeMap::new();
    for r in &rows {
        let Some(l) = r.links.first() else { continue };
        let z = match l.z {
            z if z < 2.0 => "z<2",
            z if z < 4.0 => "z 2-4",
            z if z < 6.0 => "z 4-6",
            z if z < 10.0 => "z 6-10",
            _ => "z>=10",
        };
        let side = match (l.in_side_of_other, l.in_side_of_member) {
            (true, true) => "side both",
            (true, false) => "side of other",
            (false, true) => "side of member",
            (false, false) => "main",
        };
        let key = format!(
            "{z:>6} | {side:<14} | {:<10} | {}",
            if l.mutual { "mutual" } else { "not mutual" },
            if r.penalty { "penalty" } else { "" }
        );
        shapes.entry(key).or_default().add(r);
    }
    println!(
        "strongest link: z | paragraphs | mutual | penalty => members true false neither | links true false"
    );
    for (k, t) in &shapes {
        println!("{k} => {}", t.show());
    }
    let mut all = Tally::default();
    rows.iter().for_each(|r| all.add(r));
    println!("all => {}", all.show());
    // Members each rule would take out, over all families and per family.
    let mut rules = Vec::new();
    for &penalties in &[false, true] {
        for &z in &[-100.0, 1.0, 2.0, 3.0, 4.0] {
            for &(side, both, mutual) in &[
                (false, false, false),
                (true, false, false),
                (true, true, false),
                (true, false, true),
                (true, true, true),
            ] {
                if z < -99.0 && !side {
                    continue;
                }
                rules.push(Rule {
                    z,
                    side,
                    both,
                    mutual,
                    penalties,
                });
            }
        }
    }
    println!(
        "\nrule => members out true false neither | links true false | per family (true/false links)"
    );
    for rule in rules {
        let mut t = Tally::default();
        let mut per: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for r in &rows {
            if (r.penalty && !rule.penalties) || r.links.iter().any(|l| rule.holds(l)) {
                continue;
            }
            t.add(r);
            let e = per.entry(r.family.as_str()).or_default();
            e.0 += r.true_links;
            e.1 += r.false_links;
        }
        let fams: Vec<String> = per
            .iter()
            .map(|(f, (a, b))| format!("{f} {a}/{b}"))
            .collect();
        println!("{:<28} => {} | {}", rule.name(), t.show(), fams.join(", "));
    }
    Ok(())
}

/// The groups of several articles of `a` that `b` does not hold, as `doc n, doc n`.
fn only_in(a: &Alignment, b: &Alignment) -> Vec<String> {
    let show = |g: &guize::Group| {
        g.members
            .iter()
            .flat_map(|(d, ns)| ns.iter().map(move |n| format!("{} {n}", d.0)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let held: BTreeSet<String> = b.groups.iter().map(show).collect();
    a.groups
        .iter()
        .filter(|g| g.members.values().map(Vec::len).sum::<usize>() > 1)
        .map(show)
        .filter(|s| !held.contains(s))
        .collect()
}
