//! `guize align` as text: a table with one row per clause group and one column per document,
//! the groups each pair of documents shares and the matters only one document has; for many
//! documents, one line per group that spans several.

use crate::align::Alignment;
use crate::cite::ArticleKey;
use crate::model::Regulation;
use crate::render::table::{Align as TableAlign, TextTable};
use crate::safe_text::neutralize;
use std::io::{self, Write};

/// The articles of one cell: 4,5, a run 21-24, 17之一 for an inserted article and 3#2 for the
/// second article numbered 3 (never read as the first); `·` for none.
fn cell(keys: &[ArticleKey]) -> String {
    if keys.is_empty() {
        return "·".to_string();
    }
    let plain = |k: &ArticleKey| k.sub == 0 && k.occurrence <= 1;
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let mut j = i;
        while plain(&keys[i])
            && j + 1 < keys.len()
            && plain(&keys[j + 1])
            && keys[j + 1].number == keys[j].number + 1
        {
            j += 1;
        }
        if j >= i + 2 {
            parts.push(format!("{}-{}", keys[i].number, keys[j].number));
        } else {
            parts.extend(keys[i..=j].iter().map(ArticleKey::to_string));
        }
        i = j + 1;
    }
    parts.join(",")
}

/// The group table: one row per clause group (article numbers per document, score, label).
pub fn write_table(
    out: &mut impl Write,
    docs: &[&Regulation],
    a: &Alignment,
    color: bool,
) -> io::Result<()> {
    table_headed(out, docs, &headers(docs), a, color)
}

/// [`write_table`] with the documents' column heads given (`short`, one per document).
fn table_headed(
    out: &mut impl Write,
    docs: &[&Regulation],
    short: &[String],
    a: &Alignment,
    color: bool,
) -> io::Result<()> {
    let mut header: Vec<(&str, TableAlign)> = short
        .iter()
        .map(|s| (s.as_str(), TableAlign::Left))
        .collect();
    header.extend([("score", TableAlign::Right), ("label", TableAlign::Left)]);
    let mut t = TextTable::new(&header);
    let mut any_partial = false;
    let mut any_weak = false;
    for g in &a.groups {
        let mut row: Vec<String> = docs
            .iter()
            .map(|d| {
                let partial: Vec<ArticleKey> = g
                    .partial_of(&d.id)
                    .iter()
                    .map(|p| p.article.key())
                    .collect();
                match g.members.get(&d.id) {
                    None if !partial.is_empty() => {
                        any_partial = true;
                        format!("({})", cell(&partial))
                    }
                    _ => cell(&g.keys_of(&d.id)),
                }
            })
            .collect();
        any_weak |= g.is_weak();
        row.extend([score_cell(g), g.label.clone()]);
        t.row(row);
    }
    t.write(out, color)?;
    if any_partial {
        writeln!(
            out,
            "(in parentheses): the document regulates the matter in part, in a paragraph of that broader article (grouped elsewhere)"
        )?;
    }
    if any_weak {
        writeln!(out, "{}", weak_key())?;
    }
    write_key(out, docs, short)
}

/// A group's score as the table and the list print it: `0.45`, and `0.03 weak` for a weak group
/// ([`crate::align::is_weak`]).
fn score_cell(g: &crate::align::Group) -> String {
    if g.is_weak() {
        format!("{:.2} weak", g.score)
    } else {
        format!("{:.2}", g.score)
    }
}

/// The line under a table or list that marks weak groups: what the mark says.
fn weak_key() -> String {
    format!(
        "weak: a group of several documents whose articles share little wording (score under {:.2}); {}",
        crate::align::WEAK_SCORE,
        crate::align::weak_meaning()
    )
}

/// The column names of a table of `docs`: their ids, shortened when long
/// ([`crate::corpus::names::short_names`]: `浙江省防震减灾条例(2017-11-30)` → `浙江省`).
fn headers(docs: &[&Regulation]) -> Vec<String> {
    crate::corpus::names::short_names(docs, |d| d.id.to_string())
}

/// Under a table whose headers are shortened ids: which document each short name is.
fn write_key(out: &mut impl Write, docs: &[&Regulation], short: &[String]) -> io::Result<()> {
    if let Some(key) = crate::corpus::names::short_key(docs, short, |d| d.id.to_string()) {
        writeln!(out, "{}", neutralize(&format!("columns: {key}")))?;
    }
    Ok(())
}

/// Groups that two documents share, per pair, and the matters only one document has.
pub fn write_coverage(
    out: &mut impl Write,
    docs: &[&Regulation],
    a: &Alignment,
    color: bool,
) -> io::Result<()> {
    coverage_headed(out, docs, &headers(docs), a, color)
}

/// [`write_coverage`] with the documents' column heads given (`short`, one per document).
fn coverage_headed(
    out: &mut impl Write,
    docs: &[&Regulation],
    short: &[String],
    a: &Alignment,
    color: bool,
) -> io::Result<()> {
    // Notes of deletion (第十条 删除) are no clauses: counted nowhere.
    let clauses = || a.groups.iter().filter(|g| !g.deleted);
    if docs.len() < 2 {
        // One document shares nothing and has every matter alone: no table to draw.
        return writeln!(
            out,
            "\none document: {} and nothing to compare it with",
            crate::text::counted(clauses().count(), "group")
        );
    }
    let shared = |x: &Regulation, y: &Regulation| {
        clauses()
            .filter(|g| g.members.contains_key(&x.id) && g.members.contains_key(&y.id))
            .count()
    };
    writeln!(
        out,
        "\ngroups shared by each pair of documents ({} groups in all):",
        clauses().count()
    )?;
    let mut header: Vec<(&str, TableAlign)> = vec![("", TableAlign::Left)];
    header.extend(short.iter().map(|s| (s.as_str(), TableAlign::Right)));
    let mut t = TextTable::new(&header);
    for (x, name) in docs.iter().zip(short) {
        let mut row = vec![name.clone()];
        row.extend(docs.iter().map(|y| shared(x, y).to_string()));
        t.row(row);
    }
    t.write(out, color)?;
    write_key(out, docs, short)?;
    let in_all = clauses().filter(|g| g.doc_count() == docs.len()).count();
    writeln!(
        out,
        "in all {} documents: {}",
        docs.len(),
        crate::text::counted(in_all, "group")
    )?;
    // The list `guize report` gives under "Provisions no other document has": a group another
    // document states in a paragraph is not one document's alone; one whose wording others hold
    // in part is said so.
    writeln!(
        out,
        "\nmatters only one document has (* other documents hold some of it):"
    )?;
    for (d, lone) in docs.iter().zip(crate::report::lone_matters(docs, a)) {
        // In the document's own article order (the groups' order is the table's, which the
        // other documents set).
        let at = |k: &ArticleKey| d.articles.iter().position(|x| x.key() == *k);
        let mut only: Vec<(Option<usize>, String)> = lone
            .into_iter()
            .map(|(i, in_part)| {
                let g = &a.groups[i];
                let keys = g.keys_of(&d.id);
                let first = keys.iter().filter_map(at).min();
                let mark = if in_part { "*" } else { "" };
                (first, format!("{} {}{mark}", cell(&keys), g.label))
            })
            .collect();
        only.sort_by_key(|(first, _)| first.unwrap_or(usize::MAX));
        let only: Vec<String> = only.into_iter().map(|(_, line)| line).collect();
        if only.is_empty() {
            continue;
        }
        // A long list is cut: one document's own matters can be thousands (a regulation aligned
        // with a short one), and each is a row of the table above anyway.
        let shown = &only[..only.len().min(UNIQUE_SHOWN)];
        let mut line = format!("{} ({}): {}", d.id, only.len(), shown.join("; "));
        if only.len() > shown.len() {
            line.push_str(&format!(
                "; … and {} more (rows of the table above; every group in --json)",
                only.len() - shown.len()
            ));
        }
        writeln!(out, "{}", neutralize(&line))?;
    }
    Ok(())
}

/// For a corpus of several kinds ([`Alignment::kinds`]): a heading per kind (its name and
/// documents) and its groups under it, as the table with its coverage when the kind has at most
/// `max_table_docs` documents, else as the list; pairs of documents and the matters only one
/// document has are counted inside each kind. The column heads are told apart over the whole
/// corpus, so that one head never names two documents in one output (杭州市 2016 in one kind,
/// 杭州市 2018 in another).
pub fn write_kinds(
    out: &mut impl Write,
    docs: &[&Regulation],
    a: &Alignment,
    color: bool,
    max_table_docs: usize,
) -> io::Result<()> {
    let all = headers(docs);
    let head_of = |d: &Regulation| {
        docs.iter()
            .position(|x| x.id == d.id)
            .and_then(|i| all.get(i).cloned())
            .unwrap_or_else(|| d.id.to_string())
    };
    for (k, kind) in a.kinds.iter().enumerate() {
        let members = kind.members(docs);
        if members.is_empty() {
            continue;
        }
        if k > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", kind_heading(a, k, &members))?;
        let of_kind = a.of_kind(k);
        if members.len() > 1 && of_kind.groups.iter().all(|g| g.doc_count() < 2) {
            writeln!(
                out,
                "(documents of no shared matter: each is aligned alone, none lacks another's articles)"
            )?;
        }
        if members.len() <= max_table_docs {
            let short: Vec<String> = members.iter().map(|d| head_of(d)).collect();
            table_headed(out, &members, &short, &of_kind, color)?;
            coverage_headed(out, &members, &short, &of_kind, color)?;
        } else {
            write_list(out, &members, &of_kind)?;
        }
    }
    Ok(())
}

/// The line that opens kind `k`'s groups: `kind 2 of 2: 养犬管理条例 (4 documents: heze, …)`.
pub fn kind_heading(a: &Alignment, k: usize, members: &[&Regulation]) -> String {
    let ids: Vec<&str> = members.iter().map(|d| d.id.as_str()).collect();
    let (name, ids) = kind_shown(&a.kinds[k].name, &ids);
    neutralize(&format!(
        "kind {} of {}: {} ({}: {})",
        k + 1,
        a.kinds.len(),
        name,
        crate::text::counted(members.len(), "document"),
        ids
    ))
    .into_owned()
}

/// Characters of a kind's name a line shows before it cuts it with `…`.
const KIND_NAME_SHOWN: usize = 60;

/// Document ids a kind's line names before it sums up the rest.
const KIND_IDS_SHOWN: usize = 12;

/// A kind's name as a heading or a line shows it: cut with `…` after 60 characters (see
/// [`kind_shown`]).
pub fn kind_name_shown(name: &str) -> String {
    if name.chars().count() > KIND_NAME_SHOWN {
        let cut: String = name.chars().take(KIND_NAME_SHOWN).collect();
        format!("{cut}…")
    } else {
        name.to_string()
    }
}

/// A kind's name and its documents' ids as one line shows them: a long name is cut with `…`
/// and the ids after the first twelve are counted (the hundreds of unrelated laws of a large
/// corpus are one kind) (`guize corpus --json` and `guize align --json` list them).
pub fn kind_shown(name: &str, ids: &[&str]) -> (String, String) {
    let name = kind_name_shown(name);
    let mut shown = ids
        .iter()
        .take(KIND_IDS_SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > KIND_IDS_SHOWN {
        shown.push_str(&format!(
            ", … and {} more (`--json` lists them)",
            ids.len() - KIND_IDS_SHOWN
        ));
    }
    (name, shown)
}

/// Matters only one document has that its line names before it sums up the rest.
const UNIQUE_SHOWN: usize = 20;

/// Members a list line names before it sums up the rest.
const LIST_MEMBERS: usize = 6;

/// For many documents: one line per group that spans at least two documents.
pub fn write_list(out: &mut impl Write, docs: &[&Regulation], a: &Alignment) -> io::Result<()> {
    let mut singles = 0;
    let mut any_weak = false;
    for g in &a.groups {
        any_weak |= g.is_weak();
        if g.doc_count() < 2 {
            singles += 1;
            continue;
        }
        let mut members: Vec<String> = g
            .members
            .iter()
            .take(LIST_MEMBERS)
            .map(|(d, _)| format!("{d}:{}", cell(&g.keys_of(d))))
            .collect();
        if g.doc_count() > LIST_MEMBERS {
            members.push(format!(
                "… and {} more (see --json)",
                g.doc_count() - LIST_MEMBERS
            ));
        }
        writeln!(
            out,
            "{:>4} docs  {}  {}  {}",
            g.doc_count(),
            score_cell(g),
            neutralize(&g.label),
            neutralize(&members.join(" "))
        )?;
    }
    if any_weak {
        writeln!(out, "{}", weak_key())?;
    }
    let spanning = a.groups.len() - singles;
    writeln!(
        out,
        "\n{} documents, {} groups: {spanning} span several documents, {singles} belong to one document only",
        docs.len(),
        a.groups.len()
    )?;
    Ok(())
}
