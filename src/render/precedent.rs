//! `guize precedent` as text: each piece of the draft with its closest existing articles,
//! their clause group and a word diff marked as `guize compare` marks it.

use crate::index::IndexedDoc;
use crate::model::DocId;
use crate::precedent::{PieceHits, Precedent, Report};
use crate::render::mark_of;
use crate::render::style::{Painter, Role};
use crate::render::wire::precedent_citation;
use crate::safe_text::neutralize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Writes every piece of the draft with its precedents.
pub fn write_text(
    out: &mut impl Write,
    report: &Report,
    docs: &[IndexedDoc],
    color: bool,
) -> io::Result<()> {
    let paint = Painter { color };
    let head = paint.role(Role::Heading);
    let dim = paint.role(Role::Dim);
    let total = report.pieces.len();
    for (i, piece) in report.pieces.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let label = piece
            .piece
            .label
            .as_deref()
            .map(|l| format!(" ({l})"))
            .unwrap_or_default();
        writeln!(
            out,
            "{head}Draft piece {} of {total}{label}{head:#}: {}",
            i + 1,
            one_line(&piece.piece.written)
        )?;
        if piece.hits.is_empty() {
            writeln!(out, "  no existing article shares its wording")?;
        } else if let Some(note) = no_close_note(piece) {
            writeln!(out, "  {dim}{note}{dim:#}")?;
        }
        for (rank, hit) in piece.hits.iter().enumerate() {
            writeln!(
                out,
                "{:>3}. {head}{}{head:#}  similarity {:.2}, covers {:.0}% of the draft's words",
                rank + 1,
                neutralize(&precedent_citation(hit)),
                hit.similarity.score,
                hit.similarity.covered * 100.0
            )?;
            if let Some(group) = &hit.group {
                writeln!(
                    out,
                    "     {dim}group {} {}: {}{dim:#}",
                    group.id,
                    neutralize(&group.label),
                    neutralize(&members(&group.members, docs))
                )?;
            }
            // A passage of a longer article is shown between ellipses.
            let ellipsis = if hit.passage.is_some() { "…" } else { "" };
            write!(out, "     {ellipsis}")?;
            write_diff(out, hit, paint)?;
            writeln!(out, "{ellipsis}")?;
            if let Some(w) = hit.window {
                writeln!(out, "     {dim}({}){dim:#}", window_note(&w))?;
            }
        }
    }
    Ok(())
}

/// Where the part of a long article a precedent shows lies in it (characters counted from 1), as
/// the terminal and the web page word it.
pub fn window_note(w: &crate::precedent::Window) -> String {
    format!(
        "characters {}–{} of the article's {}: the part around the draft's words",
        w.start + 1,
        w.end,
        w.of
    )
}

/// Said of a piece whose best precedent is no closer than chance ([`PieceHits::is_close`]), as
/// every output words it; `None` for a piece with a close precedent or none at all.
pub fn no_close_note(piece: &PieceHits) -> Option<String> {
    let best = piece.hits.first()?;
    if piece.is_close() {
        return None;
    }
    if best.similarity.score > piece.chance.cutoff {
        return Some(format!(
            "no close precedent: the best holds only {:.0}% of the draft's words (a close one \
             holds at least {:.0}%); the articles below share only a few words",
            best.similarity.covered * 100.0,
            crate::precedent::MIN_COVERED * 100.0
        ));
    }
    Some(format!(
        "no close precedent: best similarity {:.2}, no more than unrelated articles of this \
         corpus reach by chance (up to {:.2}); the articles below share only common wording",
        best.similarity.score, piece.chance.cutoff
    ))
}

/// 历下区 39 · 市中区 52, 53, in the corpus's order of documents (as `align` and `compare` list
/// them), not the ids' order.
fn members(members: &BTreeMap<DocId, Vec<u32>>, docs: &[IndexedDoc]) -> String {
    let place = |doc: &DocId| {
        docs.iter()
            .position(|d| d.id == doc.as_str())
            .unwrap_or(usize::MAX)
    };
    let mut ordered: Vec<(&DocId, &Vec<u32>)> = members.iter().collect();
    ordered.sort_by_key(|(doc, _)| place(doc));
    ordered
        .into_iter()
        .map(|(doc, numbers)| {
            let name = docs
                .iter()
                .find(|d| d.id == doc.as_str())
                .map_or(doc.as_str(), IndexedDoc::display_name);
            let numbers: Vec<String> = numbers.iter().map(u32::to_string).collect();
            format!("{name} {}", numbers.join(", "))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The diff on one line: inserted (precedent only) and deleted (draft only) wording marked as
/// `guize compare` marks them (colour on terminals, {+…+} and [-…-] otherwise).
fn write_diff(out: &mut impl Write, hit: &Precedent, paint: Painter) -> io::Result<()> {
    for seg in &hit.segments {
        let Some(mark) = mark_of(seg) else { continue };
        write!(out, "{}", paint.marked(mark, &seg.text.replace('\n', " ")))?;
    }
    Ok(())
}

/// Newlines of a multi-paragraph text as spaces, so that one piece or diff stays on one line.
/// Control characters are made visible too: the text is styled on colour terminals.
fn one_line(text: &str) -> String {
    neutralize(text).replace('\n', " ")
}
