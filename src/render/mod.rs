//! Renderers: a compared group or a corpus report in, text written to any `io::Write` out, one
//! file per format behind the [`Render`] trait. Renderers only lay out what [`crate::report`]
//! computed: they never diff, align or read the corpus.

pub mod align;
pub mod corpus;
pub mod csv;
pub(crate) mod docx;
pub mod eval;
pub(crate) mod html;
mod json;
pub(crate) mod lang;
pub(crate) mod markdown;
pub mod numbers;
pub mod precedent;
pub mod search;
pub mod segment;
pub mod show;
pub mod style;
pub mod summary;
pub mod table;
mod terminal;
pub mod versions;
pub mod wire;
pub mod xlsx;

pub use csv::Csv;
pub use docx::Docx;
pub use html::Html;
pub use json::Json;
pub use markdown::Markdown;
pub use terminal::Terminal;
pub use xlsx::Xlsx;

use crate::diff::{Op, Segment};
use crate::report::{BaseKind, ComparedGroup, CorpusReport, Section, TocChapter};
use std::io::{self, Write};

/// One output format.
pub trait Render {
    /// Writes one compared clause group.
    fn compare(&self, out: &mut dyn Write, group: &ComparedGroup) -> io::Result<()>;

    /// Writes the whole-corpus report; formats without one say so.
    fn report(&self, out: &mut dyn Write, report: &CorpusReport) -> io::Result<()> {
        let _ = (out, report);
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "this format has no corpus report; use html or markdown",
        ))
    }
}

/// How a segment is shown: every renderer maps these to its own marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Wording the base says too.
    Plain,
    /// Wording only this text says.
    Insert,
    /// Base wording this text lacks.
    Delete,
    /// A changed quantity, inserted.
    NumberInsert,
    /// A changed quantity, deleted.
    NumberDelete,
    /// A punctuation-only insertion, shown as plain text. (Deleted punctuation is not shown.)
    Quiet,
}

/// The mark of a segment, or `None` for a segment not shown at all (deleted punctuation).
pub(crate) fn mark_of(seg: &Segment) -> Option<Mark> {
    Some(match (seg.op, seg.is_number, seg.is_punct) {
        (Op::Equal, _, _) => Mark::Plain,
        (Op::Delete, _, true) => return None,
        (Op::Insert, _, true) => Mark::Quiet,
        (Op::Insert, true, _) => Mark::NumberInsert,
        (Op::Delete, true, _) => Mark::NumberDelete,
        (Op::Insert, false, _) => Mark::Insert,
        (Op::Delete, false, _) => Mark::Delete,
    })
}

/// A sentence that says what the columns are compared against.
pub(crate) fn base_sentence(group: &ComparedGroup) -> String {
    let Some(column) = group.base_column() else {
        return "No document to compare".to_string();
    };
    let what = format!("{} {}", column.doc.name, column.article_labels());
    // Partial members are never the base, so the medoid is chosen among the whole articles.
    let whole = group.columns.iter().filter(|c| c.partial.is_none()).count();
    match &group.base {
        BaseKind::Medoid if whole > 2 => {
            format!("Compared with {what}, the wording closest to the others")
        }
        BaseKind::Medoid if whole == 2 => format!(
            "Compared with {what}, the first of the two documents (two wordings are equally close \
             to each other)"
        ),
        BaseKind::Medoid if group.columns.len() > whole => {
            format!(
                "Compared with {what}, the only document that has the matter as a whole article"
            )
        }
        BaseKind::Medoid => format!("Compared with {what}"),
        BaseKind::Doc(_) => format!("Compared with {what} (chosen as base)"),
    }
}

/// Names of the documents that lack the group's matter, for a closing line.
pub(crate) fn missing_names(group: &ComparedGroup) -> Option<String> {
    if group.missing.is_empty() {
        return None;
    }
    let names: Vec<&str> = group.missing.iter().map(|d| d.name.as_str()).collect();
    Some(names.join("、"))
}

/// The articles that hold the matter in part beyond the columns, for a closing line:
/// `浙江省物业管理条例 第二十九条, 第五条`.
pub(crate) fn also_in_part_names(group: &ComparedGroup) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last: Option<&str> = None;
    for (doc, article, _) in &group.also_in_part {
        match last {
            Some(id) if id == doc.id.as_str() => {
                if let Some(s) = out.last_mut() {
                    s.push_str(", ");
                    s.push_str(&article.label);
                }
            }
            _ => out.push(format!("{} {}", doc.name, article.label)),
        }
        last = Some(doc.id.as_str());
    }
    (!out.is_empty()).then(|| out.join("; "))
}

/// The closing line of [`also_in_part_names`].
pub(crate) const ALSO_IN_PART: &str = "Also in part (not shown)";

/// The legend's line for a partial column that shows more paragraphs than those that hold the
/// matter (its heading names both), present when `groups` have one.
pub(crate) fn in_part_legend<'a>(
    mut groups: impl Iterator<Item = &'a ComparedGroup>,
) -> Option<&'static str> {
    groups
        .any(|g| g.columns.iter().any(|c| c.shows_more_than_matched()))
        .then_some(IN_PART_LEGEND)
}

/// See [`in_part_legend`].
pub(crate) const IN_PART_LEGEND: &str = "In part: the article holds the matter in the paragraphs named as matched; its column also shows the paragraphs between or beside them that share the base's wording (named as shown).";

/// Titles of the built-in report sections (a table brings its own).
pub(crate) fn section_title(section: &Section) -> &str {
    match section {
        Section::Contents(_) => "Contents 目录",
        Section::Coverage(_) => "Coverage 覆盖矩阵",
        Section::Similarity(_) => "Similarity of documents 文本相似度",
        Section::Unique(_) => "Provisions no other document has 独有条款",
        Section::Groups(_) => "Clause groups side by side 逐条对照",
        Section::Table(t) => &t.title,
        Section::Kind(k) => &k.name,
    }
}

/// Anchor id of a section.
pub(crate) fn section_id(section: &Section) -> &str {
    match section {
        Section::Contents(_) => "contents",
        Section::Coverage(_) => "coverage",
        Section::Similarity(_) => "similarity",
        Section::Unique(_) => "unique",
        Section::Groups(_) => "groups",
        Section::Table(t) => &t.id,
        Section::Kind(_) => "kind",
    }
}

/// The heading of a corpus report, in every format and in `guize serve`.
pub(crate) fn report_title(report: &CorpusReport) -> String {
    format!(
        "Clause comparison of {}",
        crate::text::counted(report.docs.len(), "document")
    )
}

/// How the contents head a chapter: its title; a chapter of no title (no document has
/// chapters, or a group comes before the first chapter) says so in words, never a bare dash.
pub(crate) fn toc_title(chapters: &[TocChapter], title: &str) -> String {
    match (title.is_empty(), chapters.len()) {
        (false, _) => title.to_string(),
        (true, 1) => "(no chapters)".to_string(),
        (true, _) => "(no chapter)".to_string(),
    }
}

/// Anchor id of a group.
/// "1 doc", "3 docs": how many documents a contents entry spans.
pub(crate) fn doc_count(n: usize) -> String {
    if n == 1 {
        "1 doc".to_string()
    } else {
        format!("{n} docs")
    }
}

/// Most documents a report's similarity grid shows: past this many the grid (documents squared
/// cells; 766 MB of HTML for 3,000 short documents) is replaced by each document's
/// [`CLOSEST_SHOWN`] closest, and the whole matrix stays in the JSON report.
pub(crate) const GRID_DOCS: usize = 40;
/// Closest documents listed per document when the grid is left out ([`GRID_DOCS`]).
pub(crate) const CLOSEST_SHOWN: usize = 3;

/// The note above the closest-documents list that stands for a grid of `n` documents.
pub(crate) fn closest_note(n: usize) -> String {
    format!(
        "{n} documents are too many for a grid of every pair ({} cells): each document's {CLOSEST_SHOWN} closest are listed; every pair is in the JSON report (--format json).",
        n * n
    )
}

/// Row `i`'s [`CLOSEST_SHOWN`] closest other documents, most similar first (ties in document
/// order).
pub(crate) fn closest_of(row: &[f32], i: usize) -> Vec<(usize, f32)> {
    let mut others: Vec<(usize, f32)> = row
        .iter()
        .copied()
        .enumerate()
        .filter(|&(j, _)| j != i)
        .collect();
    others.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    others.truncate(CLOSEST_SHOWN);
    others
}

/// Row `i`'s closest documents as one cell: `name 87%; name 85%; …`, each name through `esc`
/// (the format's escaping).
pub(crate) fn closest_cell(
    docs: &[crate::report::DocName],
    row: &[f32],
    i: usize,
    esc: &dyn Fn(&str) -> String,
) -> String {
    closest_of(row, i)
        .into_iter()
        .filter_map(|(j, v)| Some(format!("{} {:.0}%", esc(&docs.get(j)?.name), v * 100.0)))
        .collect::<Vec<_>>()
        .join("; ")
}

pub(crate) fn group_anchor(id: &str) -> String {
    format!("g-{id}")
}

/// Characters of explanation under each report section.
pub(crate) const SIMILARITY_NOTE: &str = "Share of wording two documents have in common: twice the characters of the words they share inside the same clause groups, over all characters of both.";
pub(crate) const GROUPS_NOTE: &str = "Each column is compared with the group's medoid, the member whose wording is closest to the others (marked base).";
pub(crate) const COVERAGE_NOTE: &str = "Article numbers of each document per clause group; a number in parentheses: the matter is regulated in part, in a paragraph of that broader article; an empty cell: the document does not regulate the matter.";

/// What a comparison's legend has to explain: the marks that occur in the groups shown, and how
/// many documents they show. Every format's legend says only this (issue 12): no line for a
/// mark that does not occur, counts that are the output's own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Legend {
    /// Some column has inserted wording.
    pub insert: bool,
    /// Some column lacks base wording.
    pub delete: bool,
    /// Some number differs.
    pub number: bool,
    /// The largest count written after changed words (a superscript: other columns say them
    /// too), when one is written.
    pub shared: Option<usize>,
    /// Some wording is said by fewer than all columns of its group (the HTML shading).
    pub shaded: bool,
    /// For one group: its columns.
    pub columns: Option<usize>,
    /// For one group: the documents of the whole group, when more than its columns.
    pub of_group: Option<usize>,
    /// For one group of several documents: its score in hundredths, when below
    /// [`crate::align::WEAK_SCORE`], rounded as `align` prints it (0.03, not 0.02, for 0.029).
    pub weak: Option<u32>,
}

impl Legend {
    /// The legend of `groups` (one for a compare, all of a report's).
    pub(crate) fn of<'a>(groups: impl IntoIterator<Item = &'a ComparedGroup>) -> Legend {
        let mut l = Legend::default();
        let mut count = 0;
        for g in groups {
            count += 1;
            l.columns = Some(g.columns.len());
            l.of_group = (g.group_docs > g.columns.len()).then_some(g.group_docs);
            l.weak = crate::align::is_weak(g.group_docs, g.score)
                .then(|| (g.score * 100.0).round() as u32);
            let n = g.columns.len();
            for c in &g.columns {
                for (i, seg) in c.segments.iter().enumerate() {
                    let Some(mark) = mark_of(seg) else { continue };
                    let shared = c.shared_by.get(i).copied().unwrap_or(1);
                    match mark {
                        Mark::Insert => l.insert = true,
                        Mark::Delete => l.delete = true,
                        Mark::NumberInsert | Mark::NumberDelete => l.number = true,
                        Mark::Plain | Mark::Quiet => {}
                    }
                    if shared > 1 && !matches!(mark, Mark::Plain | Mark::Quiet) {
                        l.shared = l.shared.max(Some(shared));
                    }
                    if n >= 2 && shared < n {
                        l.shaded = true;
                    }
                }
            }
        }
        if count != 1 {
            l.columns = None;
            l.of_group = None;
            l.weak = None;
        }
        l
    }

    /// A line for a group whose articles share little wording: what its score says.
    pub(crate) fn weak_line(&self) -> Option<String> {
        self.weak.map(|hundredths| {
            format!(
                "a weak group: its articles share little wording (score 0.{hundredths:02}); {}",
                crate::align::weak_meaning()
            )
        })
    }

    /// "of the 4 documents shown" for one group, "of the group's documents" for several.
    fn of_shown(&self) -> String {
        match self.columns {
            Some(n) => format!("of the {n} documents shown"),
            None => "of the group's documents".to_string(),
        }
    }

    /// The sentence for the superscript count, with `sup` the format's way of writing one.
    pub(crate) fn shared_line(&self, sup: &dyn Fn(usize) -> String) -> Option<String> {
        let k = self.shared?;
        Some(format!(
            "{} after changed words: {k} {} say them (none: this one alone)",
            sup(k),
            self.of_shown()
        ))
    }

    /// The sentence for the HTML shading.
    pub(crate) fn shade_line(&self) -> Option<String> {
        self.shaded.then(|| {
            format!(
                "said by fewer {} (hover for how many; none: by all)",
                self.of_shown()
            )
        })
    }

    /// A line when the output shows fewer documents than its group has, or one alone.
    pub(crate) fn shown_line(&self) -> Option<String> {
        match (self.columns, self.of_group) {
            (Some(n), Some(m)) => Some(format!(
                "{n} of the group's {m} documents shown{}",
                if n == 1 {
                    ": nothing to compare its wording with"
                } else {
                    ""
                }
            )),
            (Some(1), None) => Some(
                "only 1 document has an article in this group: nothing to compare its wording with"
                    .to_string(),
            ),
            _ => None,
        }
    }
}
