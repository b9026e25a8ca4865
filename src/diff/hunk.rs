//! The word diff itself: hunks of equal and changed words from `similar`, small coincidental
//! equalities folded into the changes around them, short word swaps refined to characters, and
//! segments flagged where a change touches a quantity or only punctuation.

use super::words::Words;
use super::{Op, Segment};
use crate::numbers::FigureSpan;
use crate::text::chars::is_punct;
use crate::text::numeral::is_numeral_char;
use similar::{Algorithm, DiffTag, capture_diff_slices};
use std::ops::Range;

/// A stretch of the two texts (by word index, or by byte range): the same text, or a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Hunk {
    Equal(Range<usize>, Range<usize>),
    Change(Range<usize>, Range<usize>),
}

impl Hunk {
    pub(super) fn is_equal(&self) -> bool {
        matches!(self, Hunk::Equal(..))
    }

    pub(super) fn a(&self) -> Range<usize> {
        match self {
            Hunk::Equal(a, _) | Hunk::Change(a, _) => a.clone(),
        }
    }

    pub(super) fn b(&self) -> Range<usize> {
        match self {
            Hunk::Equal(_, b) | Hunk::Change(_, b) => b.clone(),
        }
    }
}

/// Word diff as alternating equal and change hunks over word indices (adjacent deletes and
/// inserts joined), with equalities too small to be real common text folded into the changes
/// around them.
///
/// An equal stretch between two changes goes when it is a lone character or punctuation, or no
/// longer than the larger side of each neighbouring change (the semantic clean-up of
/// diff-match-patch): in two different sentences, a shared 不得 or 区政府 is a coincidence of the
/// longest common subsequence, not common wording, and it would otherwise cut a rewritten passage
/// into a comb of tiny changes. Stretches longer than
/// four characters always stay: between two long changes they are real shared sentences.
pub(super) fn word_hunks(a: &Words, b: &Words) -> Vec<Hunk> {
    let keyed = Keyed::all(&[a, b]);
    word_hunks_keyed(a, b, &keyed[0], &keyed[1])
}

/// A text's words as numbers for the diff, made once per text when one text is diffed against
/// many ([`Keyed::all`]): equal keys ([`Words::keys`]) get equal numbers, so the diff compares
/// integers instead of strings and makes the same hunks (it only asks which words are equal).
pub(super) struct Keyed {
    ids: Vec<u32>,
}

impl Keyed {
    /// The words of every text, numbered in one table.
    pub(super) fn all(texts: &[&Words]) -> Vec<Keyed> {
        let mut table: std::collections::HashMap<std::borrow::Cow<str>, u32> =
            std::collections::HashMap::new();
        texts
            .iter()
            .map(|t| Keyed {
                ids: t
                    .keys()
                    .into_iter()
                    .map(|k| {
                        let next = u32::try_from(table.len()).unwrap_or(u32::MAX);
                        *table.entry(k).or_insert(next)
                    })
                    .collect(),
            })
            .collect()
    }
}

/// [`word_hunks`] of two texts keyed in one table ([`Keyed::all`]).
pub(super) fn word_hunks_keyed(a: &Words, b: &Words, ka: &Keyed, kb: &Keyed) -> Vec<Hunk> {
    const MAX_COINCIDENCE: usize = 4;
    let mut hunks: Vec<Hunk> = Vec::new();
    for (equal, ra, rb) in in_order(&capture_diff_slices(Algorithm::Patience, &ka.ids, &kb.ids)) {
        push_hunk(&mut hunks, equal, ra, rb);
    }
    let mut hunks = apart_at_breaks(hunks, a, b, ka, kb);
    let size = |h: &Hunk| a.chars(h.a()).max(b.chars(h.b()));
    let changes_a_figure = |h: &Hunk| {
        let (fa, fb) = (a.figures(), b.figures());
        let (ta, tb) = (touching(fa, &a.bytes(h.a())), touching(fb, &b.bytes(h.b())));
        ta.iter().any(|x| tb.iter().any(|y| x.kind == y.kind))
    };
    let is_coincidence = |before: &Hunk, equal: &Hunk, after: &Hunk| {
        // A table's cell boundary (a tab) between two changes is structure, not a coincidence:
        // a fee changed in one cell and a deadline in the next are two changes, never one mark
        // across the cells (每只[#50元⇥15日#]).
        if a.text[a.bytes(equal.a())].contains('\t') || b.text[b.bytes(equal.b())].contains('\t') {
            return false;
        }
        // A line break (between two paragraphs or two rows of a table) bounds a change too.
        if a.text[a.bytes(equal.a())].contains('\n') || b.text[b.bytes(equal.b())].contains('\n') {
            return false;
        }
        // A figure both state by value but write differently (二分之一 / 百分之五十, 十八 / 18) is
        // a unit to show as such, not a coincidence to fold into the changes around it.
        if a.text[a.bytes(equal.a())] != b.text[b.bytes(equal.b())] {
            return false;
        }
        let own = a.chars(equal.a());
        let folds = own <= 1
            || is_punct(&a.text[a.bytes(equal.a())])
            || (own <= MAX_COINCIDENCE && own <= size(before) && own <= size(after));
        // 每两周召开1次 → 每月召开2次: a word between two changed figures is the frame they
        // share, not a coincidence; only the figures differ.
        folds
            && !(own > 1
                && !is_punct(&a.text[a.bytes(equal.a())])
                && changes_a_figure(before)
                && changes_a_figure(after))
    };
    // Left to right, folding as it goes; a fold can make the stretch before it foldable too,
    // so passes repeat until none folds (rarely more than two, each linear).
    loop {
        let mut out: Vec<Hunk> = Vec::with_capacity(hunks.len());
        for hunk in hunks.iter() {
            if let (false, [.., before, equal]) = (hunk.is_equal(), out.as_slice())
                && !before.is_equal()
                && is_coincidence(before, equal, hunk)
            {
                let merged = Hunk::Change(
                    before.a().start..hunk.a().end,
                    before.b().start..hunk.b().end,
                );
                out.truncate(out.len() - 2);
                out.push(merged);
            } else {
                out.push(hunk.clone());
            }
        }
        if out.len() == hunks.len() {
            return out;
        }
        hunks = out;
    }
}

/// What structure a word is: a line break (between paragraphs or table rows) or a tab (between
/// a table's cells); `None` for any other word.
fn break_kind(word: &str) -> Option<char> {
    if word.is_empty() || !word.chars().all(char::is_whitespace) {
        return None;
    }
    if word.contains('\n') {
        Some('\n')
    } else if word.contains('\t') {
        Some('\t')
    } else {
        None
    }
}

/// Changes cut at the line breaks and tabs both sides hold in the same order: a change that runs
/// over the end of one table row (or paragraph) into the next is one change per row, the breaks
/// between them shared, and each row's piece diffed again on its own (the patience diff, which
/// anchors on words said once, can leave whole rows in one change). Other hunks pass unchanged.
fn apart_at_breaks(hunks: Vec<Hunk>, a: &Words, b: &Words, ka: &Keyed, kb: &Keyed) -> Vec<Hunk> {
    let breaks = |w: &Words, r: &Range<usize>| -> Vec<(usize, char)> {
        r.clone()
            .filter_map(|i| break_kind(&w.text[w.cuts[i].clone()]).map(|k| (i, k)))
            .collect()
    };
    let mut out: Vec<Hunk> = Vec::with_capacity(hunks.len());
    let piece = |out: &mut Vec<Hunk>, pa: Range<usize>, pb: Range<usize>| {
        if pa.is_empty() || pb.is_empty() {
            push_hunk(out, false, pa, pb);
            return;
        }
        let ops = capture_diff_slices(Algorithm::Myers, &ka.ids[pa.clone()], &kb.ids[pb.clone()]);
        for (equal, xa, xb) in in_order(&ops) {
            push_hunk(
                out,
                equal,
                pa.start + xa.start..pa.start + xa.end,
                pb.start + xb.start..pb.start + xb.end,
            );
        }
    };
    for hunk in hunks {
        let Hunk::Change(ra, rb) = &hunk else {
            push_hunk(&mut out, true, hunk.a(), hunk.b());
            continue;
        };
        let (ba, bb) = (breaks(a, ra), breaks(b, rb));
        let alike =
            !ba.is_empty() && ba.len() == bb.len() && ba.iter().zip(&bb).all(|(x, y)| x.1 == y.1);
        if !alike {
            push_hunk(&mut out, false, ra.clone(), rb.clone());
            continue;
        }
        let (mut at_a, mut at_b) = (ra.start, rb.start);
        for (&(ia, _), &(ib, _)) in ba.iter().zip(&bb) {
            piece(&mut out, at_a..ia, at_b..ib);
            push_hunk(&mut out, true, ia..ia + 1, ib..ib + 1);
            (at_a, at_b) = (ia + 1, ib + 1);
        }
        piece(&mut out, at_a..ra.end, at_b..rb.end);
    }
    out
}

/// Diff ops as (is equal, range in old, range in new), the ranges recomputed from running
/// positions: `similar` may give the empty side of a delete or insert an index elsewhere in the
/// sequence, which would lose text when ops are joined.
fn in_order(ops: &[similar::DiffOp]) -> Vec<(bool, Range<usize>, Range<usize>)> {
    let (mut at_a, mut at_b) = (0, 0);
    ops.iter()
        .map(|op| {
            let (tag, ra, rb) = op.as_tag_tuple();
            let (la, lb) = match tag {
                DiffTag::Insert => (0, rb.len()),
                DiffTag::Delete => (ra.len(), 0),
                DiffTag::Equal | DiffTag::Replace => (ra.len(), rb.len()),
            };
            let out = (tag == DiffTag::Equal, at_a..at_a + la, at_b..at_b + lb);
            (at_a, at_b) = (at_a + la, at_b + lb);
            out
        })
        .collect()
}

/// Appends a hunk, merging it into the previous one when both are of the same kind.
pub(super) fn push_hunk(out: &mut Vec<Hunk>, equal: bool, a: Range<usize>, b: Range<usize>) {
    if a.is_empty() && b.is_empty() {
        return;
    }
    match (out.last_mut(), equal) {
        (Some(Hunk::Equal(pa, pb)), true) | (Some(Hunk::Change(pa, pb)), false) => {
            pa.end = a.end;
            pb.end = b.end;
        }
        _ => out.push(if equal {
            Hunk::Equal(a, b)
        } else {
            Hunk::Change(a, b)
        }),
    }
}

/// Replaces a change between two short passages that share most of their characters by a
/// character-level diff (常务会议 → 全体会议 shows 常务 → 全体 and keeps 会议). A number is one
/// piece, never cut: 十八摄氏度 → 二十摄氏度 is 十八 → 二十, not 十[-八-] / {+二+}十.
pub(super) fn refine_to_chars(hunks: Vec<Hunk>, a: &str, b: &str) -> Vec<Hunk> {
    const MAX_CHARS: usize = 12;
    let mut out = Vec::with_capacity(hunks.len());
    for hunk in hunks {
        let Hunk::Change(ra, rb) = &hunk else {
            push_hunk(&mut out, true, hunk.a(), hunk.b());
            continue;
        };
        let (ta, tb) = (&a[ra.clone()], &b[rb.clone()]);
        let short = ta.chars().count() <= MAX_CHARS && tb.chars().count() <= MAX_CHARS;
        if !short || ta.is_empty() || tb.is_empty() {
            push_hunk(&mut out, false, ra.clone(), rb.clone());
            continue;
        }
        let (ca, cb) = (atom_bounds(ta), atom_bounds(tb));
        let atoms = |text: &'_ str, bounds: &[usize]| -> Vec<String> {
            bounds
                .windows(2)
                .map(|w| text[w[0]..w[1]].to_string())
                .collect()
        };
        let (atoms_a, atoms_b) = (atoms(ta, &ca), atoms(tb, &cb));
        let ops = in_order(&capture_diff_slices(Algorithm::Myers, &atoms_a, &atoms_b));
        let common: usize = ops.iter().filter(|op| op.0).map(|op| op.1.len()).sum();
        let changes = ops.iter().filter(|op| !op.0).count();
        if common * 2 < atoms_a.len().min(atoms_b.len()) || common == 0 || changes > 3 {
            push_hunk(&mut out, false, ra.clone(), rb.clone());
            continue;
        }
        for (equal, xa, xb) in ops {
            let ba = ra.start + ca[xa.start]..ra.start + ca[xa.end];
            let bb = rb.start + cb[xb.start]..rb.start + cb[xb.end];
            push_hunk(&mut out, equal, ba, bb);
        }
    }
    out
}

/// Byte offsets where each piece of `text` starts, plus `text.len()` at the end: a piece is one
/// character, a whole run of numeral characters (十八, 2.5, 一万, 一点二), or a whole share
/// (二分之一, 百分之五十: never 二 → 百 and 一 → 五十 around a shared 分之).
fn atom_bounds(text: &str) -> Vec<usize> {
    let shares = super::words::shares(text);
    let in_share = |at: usize| shares.iter().any(|r| r.start < at && at < r.end);
    let mut v = Vec::new();
    let mut prev_numeral = false;
    for (i, c) in text.char_indices() {
        if in_share(i) {
            continue;
        }
        let share_edge = shares.iter().any(|r| r.start == i || r.end == i);
        let next_numeral = || {
            text[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(is_numeral_char)
        };
        let numeral = is_numeral_char(c)
            || (c == '.' && prev_numeral)
            || (c == '点' && prev_numeral && next_numeral());
        if share_edge || !(numeral && prev_numeral) {
            v.push(i);
        }
        prev_numeral = numeral;
    }
    v.push(text.len());
    v
}

/// Turns hunks into segments, flagging quantities and punctuation-only changes. A change flags
/// the quantities it touches on both sides only where the two sides state a quantity of the same
/// kind (5个工作日 / 3个工作日, 每两周 / 每月, 一点二元 / 一元): a deadline set against a fee, or a
/// figure the other side has no counterpart for, is plain wording that differs. Only the
/// quantities themselves are flagged, so that a long rewritten passage does not light up as a
/// whole.
pub(super) fn to_segments(hunks: &[Hunk], wa: &Words, wb: &Words) -> Vec<Segment> {
    let (a, b) = (wa.text, wb.text);
    let (qa, qb) = (wa.figures(), wb.figures());
    let mut out = Vec::with_capacity(hunks.len() * 2);
    for hunk in hunks
        .iter()
        .flat_map(|h| shared_figures_apart(h, a, b, qa, qb))
    {
        match &hunk {
            Hunk::Equal(ra, rb) => equal_as_written(&a[ra.clone()], &b[rb.clone()], &mut out),
            Hunk::Change(ra, rb) => {
                let (ta, tb) = (touching(qa, ra), touching(qb, rb));
                let paired = |mine: &[&FigureSpan], theirs: &[&FigureSpan]| -> Vec<Range<usize>> {
                    mine.iter()
                        .filter(|q| theirs.iter().any(|t| t.kind == q.kind))
                        .map(|q| q.range.clone())
                        .collect()
                };
                let (pa, pb) = (paired(&ta, &tb), paired(&tb, &ta));
                // 十八摄氏度 / 18℃, 二十四小时 / 24小时: the same figure in another script is a
                // difference of writing alone, shown quietly as １次 / 1次 is.
                let same_figure = written_alike(&a[ra.clone()], &b[rb.clone()]);
                let punct_only =
                    same_figure || (is_punct(&a[ra.clone()]) && is_punct(&b[rb.clone()]));
                for (op, text, r, q) in [(Op::Delete, a, ra, &pa), (Op::Insert, b, rb, &pb)] {
                    for (piece, in_quantity) in split_by(r, q) {
                        out.push(Segment {
                            op,
                            text: text[piece].to_string(),
                            is_number: in_quantity && !same_figure,
                            is_punct: punct_only,
                        });
                    }
                }
            }
        }
    }
    out
}

/// A change whose two sides both state a figure written alike (两次采集间隔不少于六个月 /
/// 两次献血间隔期不得少于六个月) is cut around it: the figure is text both hold, an `Equal` piece,
/// not a number that differs. Figures are matched in their order on both sides; other hunks pass
/// unchanged.
fn shared_figures_apart(
    hunk: &Hunk,
    a: &str,
    b: &str,
    qa: &[FigureSpan],
    qb: &[FigureSpan],
) -> Vec<Hunk> {
    let Hunk::Change(ra, rb) = hunk else {
        return vec![hunk.clone()];
    };
    let inside = |spans: &[FigureSpan], r: &Range<usize>| -> Vec<FigureSpan> {
        spans
            .iter()
            .filter(|q| q.range.start >= r.start && q.range.end <= r.end)
            .cloned()
            .collect()
    };
    let (ia, ib) = (inside(qa, ra), inside(qb, rb));
    let mut out = Vec::new();
    let (mut at_a, mut at_b) = (ra.start, rb.start);
    let mut from_b = 0;
    for fa in &ia {
        let Some(k) = ib[from_b..].iter().position(|fb| {
            fb.kind == fa.kind
                && fb.range.start >= at_b
                && b[fb.range.clone()] == a[fa.range.clone()]
        }) else {
            continue;
        };
        let fb = &ib[from_b + k];
        if fa.range.start < at_a {
            continue;
        }
        if at_a < fa.range.start || at_b < fb.range.start {
            out.push(Hunk::Change(at_a..fa.range.start, at_b..fb.range.start));
        }
        out.push(Hunk::Equal(fa.range.clone(), fb.range.clone()));
        (at_a, at_b) = (fa.range.end, fb.range.end);
        from_b += k + 1;
    }
    if out.is_empty() {
        return vec![hunk.clone()];
    }
    if at_a < ra.end || at_b < rb.end {
        out.push(Hunk::Change(at_a..ra.end, at_b..rb.end));
    }
    out
}

/// An equal stretch: one `Equal` segment, or where the two write the same figures differently
/// (不低于十八摄氏度 / 不低于18摄氏度) the pieces both write alike as `Equal` and the others as a
/// quiet (`is_punct`) delete and insert, so that `Equal` stays text both sides hold.
fn equal_as_written(a: &str, b: &str, out: &mut Vec<Segment>) {
    let segment = |op: Op, text: &str, quiet: bool| Segment {
        op,
        text: text.to_string(),
        is_number: false,
        is_punct: quiet,
    };
    if a == b {
        out.push(segment(Op::Equal, b, false));
        return;
    }
    let (ca, cb) = (atom_bounds(a), atom_bounds(b));
    let atoms = |text: &str, bounds: &[usize]| -> Vec<String> {
        bounds
            .windows(2)
            .map(|w| text[w[0]..w[1]].to_string())
            .collect()
    };
    let ops = in_order(&capture_diff_slices(
        Algorithm::Myers,
        &atoms(a, &ca),
        &atoms(b, &cb),
    ));
    for (equal, xa, xb) in ops {
        let (ta, tb) = (&a[ca[xa.start]..ca[xa.end]], &b[cb[xb.start]..cb[xb.end]]);
        if equal {
            out.push(segment(Op::Equal, tb, false));
            continue;
        }
        if !ta.is_empty() {
            out.push(segment(Op::Delete, ta, true));
        }
        if !tb.is_empty() {
            out.push(segment(Op::Insert, tb, true));
        }
    }
}

/// True when `a` and `b` differ only in how they write the same numbers: Chinese or Arabic
/// numerals (十八 / 18), and units of one meaning (摄氏度 / ℃).
fn written_alike(a: &str, b: &str) -> bool {
    a != b
        && a.chars().any(is_numeral_char)
        && b.chars().any(is_numeral_char)
        && figures_as_values(a) == figures_as_values(b)
}

/// `text` with every quantity written as its value and canonical unit (十八摄氏度 → 18℃) and
/// every other run of numerals as its value.
pub(super) fn figures_as_values(text: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for q in crate::text::quantity::quantities(text) {
        if q.num_start < at {
            continue;
        }
        numerals_as_values(&text[at..q.num_start], &mut out);
        out.push_str(&format!("⟨{}", q.value));
        if let Some(m) = q.max {
            out.push_str(&format!("—{m}"));
        }
        out.push_str(q.unit);
        out.push('⟩');
        at = q.end;
    }
    numerals_as_values(&text[at..], &mut out);
    out
}

/// Appends `text` to `out` with each run of numeral characters read as its value (二十 → ⟨20⟩);
/// a run that reads as no number is kept as written.
fn numerals_as_values(text: &str, out: &mut String) {
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.is_empty() {
            return;
        }
        match crate::text::numeral::parse_number(run) {
            Some(v) => out.push_str(&format!("⟨{v}⟩")),
            None => out.push_str(run),
        }
        run.clear();
    };
    for c in text.chars() {
        if is_numeral_char(c) {
            run.push(c);
        } else {
            flush(&mut run, out);
            out.push(c);
        }
    }
    flush(&mut run, out);
}

/// Cuts `r` at the edges of `quantities`: pieces in order, each with whether it lies inside one.
fn split_by(r: &Range<usize>, quantities: &[Range<usize>]) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut at = r.start;
    for q in quantities {
        let (start, end) = (q.start.max(r.start), q.end.min(r.end));
        if start >= end {
            continue;
        }
        if at < start {
            out.push((at..start, false));
        }
        out.push((start..end, true));
        at = end;
    }
    if at < r.end {
        out.push((at..r.end, false));
    }
    out
}

/// The quantities a change over `r` touches; an empty `r` (a pure insertion point) touches the
/// quantity it falls inside (每[两]周).
fn touching<'q>(spans: &'q [FigureSpan], r: &Range<usize>) -> Vec<&'q FigureSpan> {
    let r = if r.is_empty() {
        r.start..r.start + 1
    } else {
        r.clone()
    };
    spans
        .iter()
        .filter(|q| q.range.start < r.end && r.start < q.range.end)
        .collect()
}
