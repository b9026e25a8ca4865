//! Pure text → [`crate::model::Regulation`]: cleanup of extraction debris, headings,
//! Chinese numerals. Never panics, never does I/O; odd input becomes warnings with line numbers.
//!
//! The steps: split lines and classify each ([`line`]); choose the article style (第X条 or X、);
//! read the preamble's title, 文号 and date (`meta`); walk the body keeping chapter and section,
//! cutting articles and stopping at distribution trailers or text numbered in the other style;
//! rejoin each article's wrapped lines into paragraphs (`paragraph`).

mod line;
mod meta;
mod paragraph;

use crate::model::{
    Article, ArticleStyle, Chapter, ChapterRef, DocId, DocMeta, PartRef, Regulation, SectionRef,
    Span, Warning,
};
use crate::text::fold::norm;
use crate::text::numeral;
use line::{Line, LineKind, classify, split_lines};
use paragraph::Piece;
pub(crate) use paragraph::rejoin as rejoin_lines;
use std::path::{Path, PathBuf};

/// How a source is written: plain text, or Markdown with `#` headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SourceKind {
    /// Plain text.
    Text,
    /// Markdown: `#` headings, blockquotes and lists.
    Markdown,
    /// Plain text whose every line end is a paragraph end the author made, as a word processor
    /// keeps them (DOCX, a web page's blocks): a line that stops mid-sentence (a heading, a label) is not joined to the
    /// next as a wrapped line would be, unless the lines are wrapped at one width throughout (a
    /// PDF converted line by line).
    Paragraphs,
}

impl SourceKind {
    /// How to read the text extracted from the file at `path`: as paragraphs when its line ends
    /// are its author's ([`crate::extract::Extracted::authored`]: a DOCX or web page, whatever its
    /// name), else by its name ([`SourceKind::from_path`]).
    pub fn of_extracted(path: &Path, authored: bool) -> SourceKind {
        if authored {
            SourceKind::Paragraphs
        } else {
            SourceKind::from_path(path)
        }
    }

    /// `.md` and `.markdown` files are Markdown, `.docx` and web pages paragraphs (their block
    /// elements and `<br>` are the author's); everything else is plain text.
    pub fn from_path(path: &Path) -> SourceKind {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown") => {
                SourceKind::Markdown
            }
            Some(_)
                if matches!(
                    crate::extract::Format::of(path),
                    Some(crate::extract::Format::Docx | crate::extract::Format::Html)
                ) =>
            {
                SourceKind::Paragraphs
            }
            _ => SourceKind::Text,
        }
    }
}

/// One decoded document to parse.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// The document's id in its corpus.
    pub id: DocId,
    /// Where it came from (warnings and citations name it).
    pub path: &'a Path,
    /// Its text, decoded.
    pub text: &'a str,
    /// Plain text or Markdown.
    pub kind: SourceKind,
    /// What the manifest says about it; completed from the text.
    pub meta: DocMeta,
}

/// Parses one decoded document. `meta` from the manifest is completed with what the text says
/// (title, 文号, issue date) where the manifest leaves it empty.
pub fn parse(source: Source<'_>) -> Regulation {
    let Source {
        id,
        path,
        text: source,
        kind,
        meta,
    } = source;
    let mut lines = split_lines(source);
    let markdown = kind == SourceKind::Markdown || line::looks_like_markdown(&lines);
    if markdown {
        lines.iter_mut().for_each(Line::strip_markdown_container);
    }
    let mut kinds: Vec<LineKind<'_>> = lines.iter().map(|l| classify(l.text, markdown)).collect();
    let mut style = choose_style(&kinds);
    // Divisions numbered 一、二、 over 第X条 articles (judicial interpretations), in a document
    // that has no 第X章 or 第X编 to be its divisions.
    let item_divisions = style == ArticleStyle::Articles
        && !kinds
            .iter()
            .any(|k| matches!(k, LineKind::Chapter { .. } | LineKind::Part { .. }));
    let mut body_start = body_start(&kinds, style);
    if item_divisions {
        body_start = item_division_before(&lines, &kinds, body_start).unwrap_or(body_start);
    }
    let mut walker = Walker::new(path, style, &lines);
    walker.authored = kind == SourceKind::Paragraphs;
    walker.item_divisions = item_divisions;
    walker.walk(&kinds, body_start);
    let compared = comparison_rows(source, markdown);
    let mut listed = None;
    if walker.articles.is_empty()
        && compared.is_none()
        && let Some((list_kinds, note)) = list_articles(path, &lines, &kinds)
    {
        // No 第X条 and no X、: the items numbered 1. or （一） at line starts are the articles.
        kinds = list_kinds;
        style = ArticleStyle::Points;
        body_start = self::body_start(&kinds, style);
        walker = Walker::new(path, style, &lines);
        walker.authored = kind == SourceKind::Paragraphs;
        walker.walk(&kinds, body_start);
        listed = Some(note);
    }
    let preamble = meta::read_preamble(&lines[..body_start], markdown);
    let Walker {
        mut chapters,
        mut articles,
        mut warnings,
        ..
    } = walker;
    warnings.splice(0..0, listed);
    if let Some(rows) = compared
        && rows * 2 >= articles.len()
    {
        // A 修改前后对照表: every row an article before and after, which read as a regulation
        // would give each article twice, interleaved. It is said once, with what to do instead.
        articles.clear();
        chapters.clear();
        warnings = vec![warning(
            path,
            0,
            format!(
                "reads as a comparison table of two editions (修改前后对照表: {rows} rows \
                 setting an article beside its other wording), not as a regulation; to compare \
                 two editions, give each as a file: `guize versions OLD NEW`"
            ),
        )];
    } else if articles.is_empty() {
        warnings.push(warning(
            path,
            0,
            "no article found (expected 第X条 or X、 headings)",
        ));
    }
    if style == ArticleStyle::Articles {
        warnings.extend(swallowed_head(path, &articles));
        warnings.extend(captioned_rows(path, &lines));
    }
    if !articles.is_empty() {
        warnings.extend(unread_preface(path, &lines[..body_start]));
    }
    if style == ArticleStyle::Articles
        && let Some(first) = articles.first()
    {
        // Said first: the line comes before every article that is read.
        let stray = heads_before_body(path, &lines, &kinds, first, &warnings);
        warnings.splice(0..0, stray);
    }
    let mut meta = meta;
    if meta.title.is_empty() {
        // A file without articles is skipped: one warning says why, no title is guessed for it.
        if let Some(line) = preamble.guessed_title_line.filter(|_| !articles.is_empty()) {
            warnings.push(warning(
                path,
                line,
                format!(
                    "title taken to be `{}`, which does not read as a regulation's name \
                     (…条例, …规定, …办法, …规则, …法); if it is wrong, give the title in the \
                     corpus's manifest.json",
                    preamble.title
                ),
            ));
        }
        meta.title = preamble.title;
    }
    meta.doc_number = meta.doc_number.or(preamble.doc_number);
    meta.issued = meta.issued.or(preamble.issued);
    meta.amended = meta.amended.or(preamble.amended);
    if meta.title.is_empty() {
        meta.title = id.to_string();
        // A text that opens with its articles (a pasted clause, a draft) has no title to miss.
        let has_preamble = kinds[..body_start]
            .iter()
            .any(|k| matches!(k, LineKind::Text));
        if has_preamble && !articles.is_empty() {
            warnings.push(warning(
                path,
                articles[0].lines.0,
                format!(
                    "no title before the first article (a line naming a regulation: …条例, \
                     …规定, …办法); the file name `{id}` stands for it; give the title in the \
                     corpus's manifest.json"
                ),
            ));
        }
    }
    Regulation {
        id,
        meta,
        path: path.to_path_buf(),
        style,
        chapters,
        articles,
        warnings,
        chars: source.chars().count(),
    }
}

/// The rows of a table (tab-separated cells, as DOCX and HTML tables are read) that set two
/// article heads side by side (`第一条 …` ⇥ `第一条 …`), when there are at least two: a comparison
/// of two editions, not one regulation.
/// Read in the text's own lines, before a line holding several heads is cut at them.
fn comparison_rows(source: &str, markdown: bool) -> Option<usize> {
    let rows = source
        .lines()
        .filter(|l| {
            l.split('\t')
                .filter(|cell| {
                    matches!(
                        classify(cell.trim(), markdown),
                        LineKind::Article { spaced: true, .. }
                    )
                })
                .count()
                >= 2
        })
        .count();
    (rows >= 2).then_some(rows)
}

/// One warning for the rows of a table that set a caption (条旨) before their article
/// (`| 犬只登记 | 第三条 … |`): each row's article was read from its head, its caption left out of
/// the article's text; the warning names the lines and the captions.
fn captioned_rows(path: &Path, lines: &[Line<'_>]) -> Option<Warning> {
    let rows: Vec<&Line<'_>> = lines.iter().filter(|l| !l.caption.is_empty()).collect();
    let (first, last) = (rows.first()?, rows.last()?);
    let mut captions: Vec<String> = rows
        .iter()
        .map(|l| {
            l.caption
                .split(['|', '\t'])
                .map(|c| c.trim_matches(line::is_blank))
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|c| !c.is_empty())
        .collect();
    if captions.len() > 4 {
        captions.truncate(3);
        captions.push("…".to_string());
    }
    let span = if first.number == last.number {
        format!("line {}", first.number)
    } else {
        format!("lines {}–{}", first.number, last.number)
    };
    Some(warning(
        path,
        first.number,
        format!(
            "{span}: a table sets a caption (条旨) before each article ({}); each row's \
             article is read from its 第X条, and the captions are left out of its text",
            captions.join("、")
        ),
    ))
}

/// The numbering stops at 第N条 while 第N+1条 stands as a head inside an article's text (after a
/// blank or a sentence end, a blank after it): lines were run together in a way the parser could
/// not cut (a paste whose line breaks were lost), and the articles after it are missing.
fn swallowed_head(path: &Path, articles: &[Article]) -> Option<Warning> {
    let last = articles.last()?;
    let head = numeral::article_label(last.number + 1);
    let stands = |text: &str, at: usize| {
        let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() || c == '#');
        let blank_before = before.len() < at;
        let after_sentence = before.ends_with(['。', '；', '！', '？']);
        let spaced = text[at + head.len()..].starts_with(char::is_whitespace);
        !before.is_empty() && (blank_before || after_sentence) && spaced
    };
    articles.iter().find_map(|a| {
        let at = a
            .text
            .match_indices(head.as_str())
            .map(|(i, _)| i)
            .find(|&i| stands(&a.text, i))?;
        Some(warning(
            path,
            a.lines.0,
            format!(
                "the articles stop at {}, but {head} stands inside the text of {} \
                 (`…{}`): its line break seems lost, and the articles after it are missing",
                last.label(),
                a.label(),
                a.text[at..].chars().take(20).collect::<String>()
            ),
        ))
    })
}

/// Whether the next article heading among `rest` (the lines after a 第一条 that restarts the
/// numbering) is 第二条, or there is none: a second regulation or a second copy runs on from its
/// 第一条 (or is cut after it), where a number repeated by mistake (第一条, 第二条, 第一条, 第三条)
/// goes on with the first numbering, and both are read.
fn second_follows(rest: &[LineKind<'_>]) -> bool {
    rest.iter()
        .find_map(|k| match k {
            LineKind::Article {
                number,
                sub,
                spaced: true,
                ..
            } => Some((*number, *sub)),
            _ => None,
        })
        .is_none_or(|next| next == (2, 0))
}

fn warning(path: &Path, line: usize, message: impl Into<String>) -> Warning {
    Warning {
        path: PathBuf::from(path),
        line,
        message: message.into(),
    }
}

/// True when a 第X条 at the start of a line continues the line before rather than opening an
/// article: that line stops mid-sentence (…应当按照本条例) and what follows the marker goes on
/// as a cited provision does (的规定, 规定的, 第二款, 、第四条, 和, 至 …), as in hard-wrapped text.
fn continues_reference(before: &Line<'_>, before_kind: &LineKind<'_>, rest: &str) -> bool {
    const TAILS: [&str; 16] = [
        "的",
        "规定",
        "之规定",
        "所",
        "第",
        "款",
        "项",
        "和",
        "或",
        "及",
        "至",
        "中",
        "有关",
        "等",
        "以外",
        "以及",
    ];
    let mid_sentence = before
        .text
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '》' | '、' | '，' | ','));
    matches!(
        before_kind,
        LineKind::Text | LineKind::Article { .. } | LineKind::Point { .. }
    ) && mid_sentence
        && TAILS.iter().any(|t| rest.starts_with(t))
}

/// A document with no 第X条 head and no X、 line or heading, whose articles are numbered as a list at
/// line starts (`1.`, `1．`, `１.`, or `（一）`, `(一)`: [`line::list_item`]): the lines read as the
/// run 1, 2, 3 … of one such numbering become X、-style points ([`LineKind::Point`]), every
/// other line is left as it was, and a note says how the articles were numbered. Of the two
/// numberings, the one whose first item comes first is the outer one (1. above its （一）). A run
/// needs two items; an item out of the run (a second 1., a 5. after 3.) is the text of the item
/// before it. Called only when nothing else was read as an article.
fn list_articles<'a>(
    path: &Path,
    lines: &[Line<'a>],
    kinds: &[LineKind<'a>],
) -> Option<(Vec<LineKind<'a>>, Warning)> {
    let floor = kinds
        .iter()
        .position(|k| *k == LineKind::InfoEnd)
        .map_or(0, |i| i + 1);
    let body = kinds.get(floor..).unwrap_or_default();
    // Any other numbering (a 第X条 head, an X、 line, a heading `## 二、…`) is the document's:
    // its list items are items of its parts, not articles.
    if body.iter().any(|k| match k {
        LineKind::Article { spaced, .. } => *spaced,
        LineKind::Point { .. } => true,
        LineKind::Heading { title, .. } => line::point_heading(title).is_some(),
        _ => false,
    }) {
        return None;
    }
    let items: Vec<(usize, line::ListItem<'a>)> = (floor..kinds.len())
        .filter(|&i| kinds[i] == LineKind::Text)
        .filter_map(|i| line::list_item(lines[i].text).map(|item| (i, item)))
        .collect();
    // The run 1, 2, 3 … of one numbering (dotted or in parentheses).
    let run = |dotted: bool| -> Vec<(usize, line::ListItem<'a>)> {
        let mut next = 1;
        let mut run = Vec::new();
        for &(i, item) in items.iter().filter(|(_, item)| item.dotted() == dotted) {
            if item.number == next {
                run.push((i, item));
                next += 1;
            }
        }
        run
    };
    let (dots, parens) = (run(true), run(false));
    let run = match (dots.len() >= 2, parens.len() >= 2) {
        (true, true) if parens[0].0 < dots[0].0 => parens,
        (true, _) => dots,
        (false, true) => parens,
        (false, false) => return None,
    };
    let mut kinds = kinds.to_vec();
    for &(i, item) in &run {
        kinds[i] = LineKind::Point {
            number: item.number,
            rest: item.rest,
        };
    }
    let label = |item: &line::ListItem<'_>| {
        crate::cite::article_label_as(ArticleStyle::Points, item.form, item.number, 0)
    };
    let (first, last) = (run[0], run[run.len() - 1]);
    let note = warning(
        path,
        lines[first.0].number,
        format!(
            "no 第X条 or X、 heading: the {} items numbered {} … {} at line starts are read as \
             its articles, cited as written",
            run.len(),
            label(&first.1),
            label(&last.1)
        ),
    );
    Some((kinds, note))
}

/// 第X条 when the text has at least as many such headings as it has X、 articles counting up from 一.
fn choose_style(kinds: &[LineKind<'_>]) -> ArticleStyle {
    let articles = kinds
        .iter()
        .filter(|k| matches!(k, LineKind::Article { spaced: true, .. }))
        .count();
    let mut points = 0u32;
    for k in kinds {
        if let LineKind::Point { number, .. } = k
            && *number == points + 1
        {
            points += 1;
        }
    }
    if points as usize > articles {
        ArticleStyle::Points
    } else {
        ArticleStyle::Articles
    }
}

/// The first line of the body: the first chapter heading or article, and never inside a
/// lawrefbook header (before `<!-- INFO END -->`). A text none of whose heads has a blank after it
/// (`第一条为了…`, as pages copied from the web write them) starts at its 第一条: the articles
/// after it are read when each is numbered one more than the one before.
fn body_start(kinds: &[LineKind<'_>], style: ArticleStyle) -> usize {
    let floor = kinds
        .iter()
        .position(|k| *k == LineKind::InfoEnd)
        .map_or(0, |i| i + 1);
    let first = |pred: &dyn Fn(&LineKind<'_>) -> bool| {
        kinds[floor..].iter().position(pred).map(|i| i + floor)
    };
    first(&|k| {
        matches!(
            (k, style),
            (LineKind::Chapter { .. } | LineKind::Part { .. }, _)
                | (
                    LineKind::Article { spaced: true, .. },
                    ArticleStyle::Articles
                )
                | (LineKind::Point { number: 1, .. }, ArticleStyle::Points)
        )
    })
    .or_else(|| {
        (style == ArticleStyle::Articles)
            .then(|| {
                first(&|k| {
                    matches!(
                        k,
                        LineKind::Article {
                            number: 1,
                            sub: 0,
                            ..
                        }
                    )
                })
            })
            .flatten()
    })
    .map(|start| first_section_above(kinds, floor, start))
    .unwrap_or(kinds.len())
}

/// The body of a document without chapters may open with its first section (`## 第一节 一般规定`
/// above 第一条): when only blank lines part a 第一节 heading from the first article, the body
/// starts at the heading, so that the section is read rather than left in the title block.
fn first_section_above(kinds: &[LineKind<'_>], floor: usize, start: usize) -> usize {
    if !matches!(kinds.get(start), Some(LineKind::Article { .. })) {
        return start;
    }
    let above = kinds[floor..start]
        .iter()
        .rposition(|k| !matches!(k, LineKind::Blank | LineKind::Debris));
    match above.map(|i| (i + floor, &kinds[i + floor])) {
        Some((i, LineKind::Section { number: 1, .. })) => i,
        _ => start,
    }
}

/// A warning for each article head (`第三条 …`, set off by a blank or a colon) on a line before
/// the first article read (`first`), after the lawrefbook header, that no warning names yet: it
/// is left in the preamble, not read as an article, which the user would otherwise never learn.
/// A 序言 (a preamble: a constitution's, a basic law's, an autonomous region's regulation)
/// before the first article is text of the regulation that no article holds: said, with its
/// lines, so that a reader knows search and compare do not see it.
fn unread_preface(path: &Path, lines: &[Line<'_>]) -> Option<Warning> {
    let bare = |t: &str| -> String {
        t.trim_start_matches('#')
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let at = lines.iter().position(|l| bare(l.text) == "序言")?;
    let text: Vec<&Line<'_>> = lines[at + 1..]
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .collect();
    let (first, last) = (text.first()?, text.last()?);
    Some(warning(
        path,
        lines[at].number,
        format!(
            "the 序言 (preamble, lines {}-{}) is not an article: it is kept out of search, \
             alignment and comparison",
            first.number, last.number
        ),
    ))
}

fn heads_before_body(
    path: &Path,
    lines: &[Line<'_>],
    kinds: &[LineKind<'_>],
    first: &Article,
    said: &[Warning],
) -> Vec<Warning> {
    let floor = kinds
        .iter()
        .position(|k| *k == LineKind::InfoEnd)
        .map_or(0, |i| i + 1);
    let first_label = first.label();
    lines
        .iter()
        .zip(kinds)
        .skip(floor)
        .take_while(|(line, _)| line.number < first.lines.0)
        .filter(|(line, _)| !said.iter().any(|w| w.line == line.number))
        .filter_map(|(line, kind)| match kind {
            LineKind::Article {
                number,
                sub,
                spaced: true,
                ..
            } => {
                let form = line::marker_form(line.text);
                let label =
                    crate::cite::article_label_as(ArticleStyle::Articles, form, *number, *sub);
                Some(warning(
                    path,
                    line.number,
                    format!(
                        "{label} stands before the first article read ({first_label}, line {}); \
                         expected the articles in order from 第一条, so this line is left in the \
                         preamble and not read as an article",
                        first.lines.0
                    ),
                ))
            }
            _ => None,
        })
        .collect()
}

/// The line index of a division heading numbered 一、 that stands just before the first article
/// (`start`), after the lawrefbook header: the body starts at it, so that the first articles
/// sit in their division. A Markdown heading (`## 一、一般规定`), or a plain line after a
/// finished sentence or a blank.
fn item_division_before(lines: &[Line<'_>], kinds: &[LineKind<'_>], start: usize) -> Option<usize> {
    let floor = kinds
        .iter()
        .position(|k| *k == LineKind::InfoEnd)
        .map_or(0, |i| i + 1);
    let before = kinds
        .get(floor..start)?
        .iter()
        .rposition(|k| !matches!(k, LineKind::Blank | LineKind::Debris))?
        + floor;
    let heads = match &kinds[before] {
        LineKind::Heading { level, title } => {
            *level >= 2 && line::point_heading(title).is_some_and(|(n, _)| n == 1)
        }
        LineKind::Point { number: 1, .. } => {
            line::point_heading(lines[before].text).is_some()
                && kinds[..before]
                    .iter()
                    .rposition(|k| !matches!(k, LineKind::Blank | LineKind::Debris))
                    .is_none_or(|p| {
                        p < floor || kinds[p + 1] == LineKind::Blank || ends_sentence(lines[p].text)
                    })
        }
        _ => false,
    };
    heads.then_some(before)
}

/// The article being read: its marker line and its content lines so far.
struct Open<'a> {
    number: u32,
    sub: u32,
    form: crate::cite::Form,
    chapter: ChapterRef,
    section: Option<SectionRef>,
    /// Index into the chapters found so far.
    chapter_index: usize,
    first_line: usize,
    last_line: usize,
    start: usize,
    end: usize,
    pieces: Vec<Piece<'a>>,
}

/// Walks the body line by line, keeping the current chapter and section.
struct Walker<'p, 'a> {
    path: &'p Path,
    style: ArticleStyle,
    lines: &'p [Line<'a>],
    chapters: Vec<Chapter>,
    articles: Vec<Article>,
    warnings: Vec<Warning>,
    chapter: Option<ChapterRef>,
    section: Option<SectionRef>,
    /// The part (第X编) and sub-part (第X分编) read last, outermost first.
    parts: Vec<PartRef>,
    /// How many `#` the first Markdown 第X编 and 第X章 headings had (0 for plain lines): the
    /// level an unnumbered division heading's depth says.
    part_depth: Option<usize>,
    chapter_depth: Option<usize>,
    open: Option<Open<'a>>,
    /// Finished articles waiting for the wrap width, which needs every article's lines.
    pending: Vec<Open<'a>>,
    /// Line ends are the author's paragraph ends ([`SourceKind::Paragraphs`]).
    authored: bool,
    /// The document numbers its divisions 一、二、 over 第X条 articles and has no 第X章 or 第X编:
    /// such headings are its chapters ([`line::point_heading`]).
    item_divisions: bool,
    last: Option<(u32, u32)>,
    /// Whether every article read so far after the first is numbered one below the one before
    /// (第十八条, 第十七条 …): a text written last article first. `None` before the second.
    descending: Option<bool>,
    /// Where in `warnings` the article-order warnings stand: a text numbered downwards all the
    /// way is said once instead ([`Walker::said_downwards`]).
    order_warnings: Vec<usize>,
    /// How many articles with each number and sub were opened so far: the second 第一条 of a
    /// document that repeats it is cited 第一条#2.
    seen: std::collections::HashMap<(u32, u32), u32>,
    /// The heading just read ends in 、: its title goes on in the next line.
    wrapped: Option<Wrapped>,
    /// Bare title lines that ended an article ([`line::bare_title`]): headings whose number was
    /// lost. Before a first chapter numbered above 第一章 they are the missing chapters' titles.
    lost_titles: Vec<LostTitle>,
}

/// Which heading's title a wrapped line continues.
#[derive(Clone, Copy)]
enum Wrapped {
    Chapter,
    Section,
}

/// A heading line that lost its number, and the article it heads.
struct LostTitle {
    line: usize,
    title: String,
    /// Index into the walker's `pending` of the first article after it.
    first_article: usize,
}

impl<'p, 'a> Walker<'p, 'a> {
    fn new(path: &'p Path, style: ArticleStyle, lines: &'p [Line<'a>]) -> Self {
        Walker {
            path,
            style,
            lines,
            chapters: Vec::new(),
            articles: Vec::new(),
            warnings: Vec::new(),
            chapter: None,
            section: None,
            parts: Vec::new(),
            part_depth: None,
            chapter_depth: None,
            open: None,
            pending: Vec::new(),
            authored: false,
            item_divisions: false,
            last: None,
            descending: None,
            order_warnings: Vec::new(),
            seen: std::collections::HashMap::new(),
            wrapped: None,
            lost_titles: Vec::new(),
        }
    }

    fn walk(&mut self, kinds: &[LineKind<'a>], start: usize) {
        let mut after_blank = false;
        for (i, (&line, kind)) in self.lines.iter().zip(kinds).enumerate().skip(start) {
            match kind {
                LineKind::Blank => {
                    after_blank = true;
                    continue;
                }
                LineKind::Debris | LineKind::InfoEnd => continue,
                LineKind::Chapter { number, title } => {
                    self.chapter_depth
                        .get_or_insert_with(|| line::heading_depth(line.text));
                    // Cited as its heading writes its number (第2章).
                    let numerals = line::marker_form(line.text).numerals;
                    self.start_chapter(*number, title, line.number, numerals);
                    self.wrapped = title.ends_with('、').then_some(Wrapped::Chapter);
                }
                LineKind::Part { sub, number, title } => {
                    if !*sub {
                        self.part_depth
                            .get_or_insert_with(|| line::heading_depth(line.text));
                    }
                    self.start_part(*sub, *number, title)
                }
                LineKind::Heading { level, title }
                    if self.item_divisions
                        && *level >= 2
                        && self.chapter_depth.is_none_or(|d| d == *level)
                        && line::point_heading(title).is_some() =>
                {
                    if let Some((number, title)) = line::point_heading(title) {
                        self.chapter_depth.get_or_insert(*level);
                        self.start_chapter(number, &title, line.number, Default::default());
                    }
                }
                LineKind::Heading { level, title } if self.opens_division() => {
                    match line::division_title(title) {
                        Some(t) => self.start_division(t, Some(*level), line.number),
                        None => self.close(),
                    }
                }
                LineKind::Section { number, title } => {
                    self.close();
                    self.section = Some(SectionRef {
                        numerals: line::marker_form(line.text).numerals,
                        number: *number,
                        title: title.clone(),
                    });
                    self.wrapped = title.ends_with('、').then_some(Wrapped::Section);
                }
                LineKind::Heading { .. } => self.close(),
                LineKind::Article {
                    number,
                    sub,
                    rest,
                    spaced,
                    soft,
                } if self.style == ArticleStyle::Articles
                    && !after_blank
                    && i > 0
                    && continues_reference(&self.lines[i - 1], &kinds[i - 1], rest)
                    && (!*spaced || *soft || !self.is_next(*number, *sub)) =>
                {
                    // A cross reference wrapped to the start of a line (…按照本条例⏎第三条的规定…).
                    self.push_text(line.text, &line, after_blank)
                }
                LineKind::Article {
                    number,
                    sub,
                    rest,
                    spaced,
                    ..
                } => match self.style {
                    // 第一条 again after a run of articles: a second copy or a second regulation.
                    ArticleStyle::Articles
                        if *spaced
                            && self.restarts(*number, *sub)
                            && second_follows(kinds.get(i + 1..).unwrap_or_default()) =>
                    {
                        self.close();
                        let from = self.drop_chapters_without_articles().unwrap_or(i);
                        self.second_document(from, kinds);
                        break;
                    }
                    ArticleStyle::Articles if *spaced || self.is_next(*number, *sub) => {
                        self.start_article(*number, *sub, rest, &line)
                    }
                    ArticleStyle::Points if *spaced && !self.is_empty() => {
                        self.foreign_tail(
                            i,
                            crate::cite::article_label(ArticleStyle::Articles, *number, 0),
                        );
                        break;
                    }
                    _ => self.push_text(line.text, &line, after_blank),
                },
                LineKind::Point { number, rest } => match self.style {
                    ArticleStyle::Points if self.is_next(*number, 0) => {
                        self.start_article(*number, 0, rest, &line)
                    }
                    ArticleStyle::Articles if self.item_division_line(i, kinds, *number) => {
                        if let Some((number, title)) = line::point_heading(line.text) {
                            self.start_chapter(number, &title, line.number, Default::default());
                        }
                    }
                    _ => self.push_text(line.text, &line, after_blank),
                },
                LineKind::Text
                    if self.opens_division()
                        && (after_blank || i == 0 || ends_sentence(self.lines[i - 1].text))
                        && matches!(
                            kinds.get(i + 1),
                            None | Some(
                                LineKind::Blank
                                    | LineKind::Article { spaced: true, .. }
                                    | LineKind::Chapter { .. }
                                    | LineKind::Section { .. }
                            )
                        )
                        && line::division_title(line.text).is_some() =>
                {
                    // A division heading written as a plain line (附则 between two articles).
                    if let Some(t) = line::division_title(line.text) {
                        self.start_division(t, None, line.number);
                    }
                }
                LineKind::Text if self.wrapped.is_some() && line::bare_title(line.text) => {
                    // A heading wrapped after a 、 (第一节 历史文化名城、名镇、⏎传统村落保护): the line
                    // goes on its title.
                    self.continue_heading(line.text)
                }
                LineKind::Text
                    if self.open.is_some()
                        && after_blank
                        && self.lines[..i]
                            .iter()
                            .rev()
                            .find(|l| !l.text.trim().is_empty())
                            .is_some_and(|l| ends_sentence(l.text.trim_end()))
                        && line::bare_title(line.text)
                        && next_is_article_head(kinds.get(i + 1..).unwrap_or_default()) =>
                {
                    // A heading that lost its number (业主大会 between a chapter's articles, where a
                    // 第二节 was): it ends the article before it and is none of its text.
                    self.close();
                    self.lost_titles.push(LostTitle {
                        line: line.number,
                        title: line.text.chars().filter(|&c| !line::is_blank(c)).collect(),
                        first_article: self.pending.len(),
                    });
                }
                LineKind::Text => {
                    if let Some(head) = line::oversized_head(line.text) {
                        self.warnings.push(warning(
                            self.path,
                            line.number,
                            format!(
                                "`{head}` opens the line as an article head, but its number is \
                                 beyond any article's (at most {}); the line is read as text, \
                                 not as a head",
                                line::MAX_HEAD_NUMBER
                            ),
                        ));
                    }
                    let annex = is_annex(line.text)
                        && (after_blank || i == 0 || ends_sentence(self.lines[i - 1].text));
                    if (is_trailer(line.text) || annex) && !self.is_empty() {
                        self.articles_after_trailer(kinds, i);
                        break;
                    }
                    self.push_text(line.text, &line, after_blank)
                }
            }
            after_blank = false;
            if !matches!(kind, LineKind::Chapter { .. } | LineKind::Section { .. }) {
                self.wrapped = None;
            }
        }
        self.close();
        self.finish();
    }

    fn is_empty(&self) -> bool {
        self.open.is_none() && self.pending.is_empty()
    }

    /// True when 第一条 comes after a run of at least two articles: the numbering starts again
    /// (a second regulation when [`second_follows`] too).
    /// Not when the articles so far run down (第十八条 … 第二条): then 第一条 is the last one of a
    /// text written backwards, not the first of a second regulation.
    fn restarts(&self, number: u32, sub: u32) -> bool {
        number == 1
            && sub == 0
            && self.last.is_some_and(|(n, _)| n >= 2)
            && self.descending != Some(true)
    }

    /// A text whose every article is numbered one below the one before: its order warnings (one
    /// per article) give way to one that says so; every article is read, in the order written.
    fn said_downwards(&mut self) {
        if self.descending != Some(true) || self.order_warnings.is_empty() {
            return;
        }
        let (Some(first), Some(last)) = (self.pending.first(), self.pending.last()) else {
            return;
        };
        let label =
            |o: &Open<'_>| crate::cite::article_label_as(self.style, o.form, o.number, o.sub);
        let msg = format!(
            "the articles run backwards, {} first and {} last ({} in all); each is read under its \
             own number, in the order written",
            label(first),
            label(last),
            crate::text::counted(self.pending.len(), "article")
        );
        let line = first.first_line;
        let at = self.order_warnings[0].min(self.warnings.len());
        for &i in self.order_warnings.iter().rev() {
            if i < self.warnings.len() {
                self.warnings.remove(i);
            }
        }
        self.order_warnings.clear();
        self.warnings.insert(at, warning(self.path, line, msg));
    }

    /// Chapter headings read after the last article (the second copy's 第一章, which came before
    /// its 第一条) are dropped with their warnings; returns the line index of the first of them.
    /// (A chapter number starting again is no restart by itself: 第二编 第一章 follows 第一编.)
    fn drop_chapters_without_articles(&mut self) -> Option<usize> {
        let keep = self.pending.last().map_or(0, |o| o.chapter_index + 1);
        let first = self.chapters.get(keep)?.line;
        self.chapters.truncate(keep);
        self.chapter = None;
        self.warnings.retain(|w| w.line < first);
        self.lines.iter().position(|l| l.number == first)
    }

    /// Article headings from line index `from` on belong to a second document in the same file
    /// (the regulation pasted twice, an old and a new edition, a bundle of notices): a warning
    /// with their lines; only the first document, read so far, is kept. (After a distribution
    /// trailer, `articles_after_trailer` says it.)
    fn second_document(&mut self, from: usize, kinds: &[LineKind<'_>]) {
        let heading = |k: &LineKind<'_>| {
            matches!(
                (k, self.style),
                (
                    LineKind::Article { spaced: true, .. },
                    ArticleStyle::Articles
                ) | (LineKind::Point { number: 1, .. }, ArticleStyle::Points)
            )
        };
        let rest = kinds.get(from..).unwrap_or_default();
        let count = rest.iter().filter(|k| heading(k)).count();
        // The second document starts at its first chapter or article heading.
        let Some(first) = rest
            .iter()
            .position(|k| heading(k) || matches!(k, LineKind::Chapter { .. }))
        else {
            return;
        };
        if count == 0 {
            return;
        }
        let first_line = self.lines[from + first].number;
        let last_line = self
            .lines
            .iter()
            .rev()
            .find(|l| !l.text.trim().is_empty())
            .map_or(first_line, |l| l.number);
        let read = match (self.pending.first(), self.pending.last()) {
            (Some(a), Some(b)) => format!("lines {}-{}", a.first_line, b.last_line),
            _ => "nothing".to_string(),
        };
        let last = self.last.map_or(String::new(), |(n, s)| {
            crate::cite::article_label(self.style, n, s)
        });
        let why = format!("where the numbering starts again after {last}");
        let (lines, hold) = if first_line == last_line {
            (format!("line {first_line}"), "holds")
        } else {
            (format!("lines {first_line}-{last_line}"), "hold")
        };
        let headings = crate::text::counted(count, "article heading");
        // Two regulations in one file: the second's title line, between the first's last
        // article and the second's first heading, names it.
        let read_to = self.pending.last().map_or(0, |o| o.last_line);
        let title = self.lines[..from + first]
            .iter()
            .rev()
            .take_while(|l| l.number > read_to)
            .filter(|l| !l.text.trim().is_empty())
            .take(4)
            .find(|l| crate::text::name::names_a_regulation(l.text.trim()));
        let first_from = self.pending.first().map_or(0, |o| o.first_line);
        let own_title = self
            .lines
            .iter()
            .take_while(|l| l.number < first_from)
            .map(|l| l.text.trim())
            .find(|t| crate::text::name::names_a_regulation(t));
        let msg = match title.filter(|t| Some(t.text.trim()) != own_title) {
            Some(t) => format!(
                "{lines} ({headings}, {why}) hold a second regulation, {} (titled on line {}); \
                 only the first ({read}, up to {last}) is read: save the second as a file of \
                 its own to read it",
                t.text.trim(),
                t.number
            ),
            None => format!(
                "{lines} ({headings}, {why}) {hold} a second regulation or a second copy of this \
                 one; only the first ({read}, up to {last}) is read"
            ),
        };
        self.warnings.push(warning(self.path, first_line, msg));
    }

    /// True when (number, sub) is the article that should come next.
    fn is_next(&self, number: u32, sub: u32) -> bool {
        match self.last {
            None => number == 1 && sub == 0,
            Some((n, _)) if sub == 0 => number == n + 1,
            Some((n, s)) => number == n && sub == s + 1,
        }
    }

    fn start_chapter(
        &mut self,
        number: u32,
        title: &str,
        line: usize,
        numerals: crate::cite::Numerals,
    ) {
        self.close();
        // Chapter headings that count up again before any article was a table of contents.
        if self.is_empty() && self.chapter.as_ref().is_some_and(|c| number <= c.number) {
            self.chapters.clear();
            self.chapter = None;
        }
        // A division numbered as a list item (四、附则) is named as written.
        let item = ChapterRef {
            numerals,
            number,
            title: title.to_string(),
            parts: Vec::new(),
        }
        .numbered_as_item();
        let label = |n: u32| {
            if item {
                format!("{}、", numeral::to_chinese(n))
            } else {
                numeral::chapter_label(n)
            }
        };
        // A source that starts at 第四章 lacks its first chapters, as one that skips from 第四章
        // to 第六章 lacks the fifth.
        if self.chapter.is_none() && self.chapters.iter().all(|c| c.number == 0) && number > 1 {
            let missing = match number {
                2 => label(1),
                n => format!("{}–{}", label(1), label(n - 1)),
            };
            let restored = if item {
                String::new()
            } else {
                self.restore_lost_chapters(1, number)
            };
            self.warnings.push(warning(
                self.path,
                line,
                format!(
                    "{} is the first chapter: {missing} missing{restored}",
                    label(number)
                ),
            ));
        }
        // (After an unnumbered division, 附则, the numbers have nothing to follow.)
        if let Some(prev) = self.chapter.as_ref().map(|c| c.number)
            && prev > 0
            && number != prev + 1
        {
            let restored = if item || number <= prev {
                String::new()
            } else {
                self.restore_lost_chapters(prev + 1, number)
            };
            self.warnings.push(warning(
                self.path,
                line,
                format!(
                    "{} follows {}: chapter numbers out of order{restored}",
                    label(number),
                    label(prev)
                ),
            ));
        }
        self.lost_titles.clear();
        let chapter = ChapterRef {
            numerals,
            number,
            title: title.to_string(),
            parts: self.parts.clone(),
        };
        self.chapters.push(Chapter {
            numerals,
            number,
            title: title.to_string(),
            parts: self.parts.clone(),
            line,
            articles: 0..0,
        });
        self.chapter = Some(chapter);
        self.section = None;
    }

    /// Puts a wrapped heading's second line on the title of the chapter or section just read.
    fn continue_heading(&mut self, text: &str) {
        let rest: String = text.chars().filter(|&c| !line::is_blank(c)).collect();
        match self.wrapped.take() {
            Some(Wrapped::Section) => {
                if let Some(section) = &mut self.section {
                    section.title.push_str(&rest);
                }
            }
            Some(Wrapped::Chapter) => {
                if let Some(chapter) = &mut self.chapter {
                    chapter.title.push_str(&rest);
                }
                if let Some(chapter) = self.chapters.last_mut() {
                    chapter.title.push_str(&rest);
                }
            }
            None => {}
        }
    }

    /// Before a chapter numbered `number` whose chapters from `from` on are missing (a first
    /// chapter above 第一章, or 第五章 after 第三章), the lines that stood alone as headings
    /// between the articles since the last chapter heading ([`LostTitle`]) are the titles of the
    /// missing chapters just before it, their heading's number lost (a damaged source's
    /// `生产、经营` where `第二章 生产、经营` was): the last title is chapter `number - 1`'s, the one
    /// before it `number - 2`'s, each holding the articles from the one after its line. Only in a
    /// document of no parts, in articles of no section, and when there are exactly as many such
    /// titles as missing chapters after 第一章. Returns what the warning adds ("; line 39 (生产、经营) is read as
    /// 第二章's heading, its number lost").
    fn restore_lost_chapters(&mut self, from: u32, number: u32) -> String {
        let lost = std::mem::take(&mut self.lost_titles);
        // One title for each missing chapter, counted exactly: a title missed (too long to read
        // as one) or a section's title among them would shift every number before it. A first
        // chapter's heading stands before 第一条, never between articles: its title is not
        // among the lines, and the count leaves 第一章 out.
        let missing = number.saturating_sub(from.max(2)) as usize;
        let fits = lost.len() == missing && self.titles_may_be_chapters(&lost);
        if !fits {
            return String::new();
        }
        let first_number = number - lost.len() as u32;
        self.restore_titles(&lost, first_number, None)
    }

    /// Whether the `lost` titles may be chapters' (some, in a document of no parts, none in a
    /// section, their articles in none either).
    fn titles_may_be_chapters(&self, lost: &[LostTitle]) -> bool {
        !lost.is_empty()
            && self.parts.is_empty()
            && self.section.is_none()
            && lost.first().is_some_and(|t| {
                self.pending
                    .iter()
                    .skip(t.first_article)
                    .all(|o| o.section.is_none())
            })
    }

    /// At a plain-line division heading (法律责任) or the document's end, the lines that stood
    /// alone as headings between the articles since the last numbered chapter heading
    /// ([`LostTitle`]) are the titles of the chapters after it, their numbers lost (a source
    /// whose `第三章 旅游资源的利用` … `第七章 旅游监督与管理` lost their 第X章): each holds the articles
    /// from the one after its line, numbered on from the last chapter, and a warning says so.
    /// Only in a document of no parts, in articles of no section, after a numbered chapter.
    /// `closing` is the plain-line division heading that ends them (its title and line), when
    /// it heads a chapter: once titles are restored, it lost its number as they did (河南省旅游条例's
    /// 法律责任 after eight such titles), so it is numbered on too and named in the warning.
    /// Returns the number it takes.
    fn restore_trailing_chapters(&mut self, closing: Option<(&str, usize)>) -> Option<u32> {
        let last = self.chapter.as_ref().map(|c| c.number).filter(|&n| n > 0)?;
        let lost = std::mem::take(&mut self.lost_titles);
        let fits = self.titles_may_be_chapters(&lost);
        if !fits {
            return None;
        }
        let line = lost[0].line;
        let closing_number = last + lost.len() as u32 + 1;
        let restored = self.restore_titles(&lost, last + 1, closing.map(|c| (c, closing_number)));
        self.warnings.push(warning(
            self.path,
            line,
            format!(
                "headings without a chapter number follow {}{restored}",
                numeral::chapter_label(last)
            ),
        ));
        closing.map(|_| closing_number)
    }

    /// Makes the `lost` titles chapters numbered from `first_number`, each holding the articles
    /// from its own on; what the warning adds ("; line 39 (生产、经营) is read as 第二章's
    /// heading, its number lost"), naming the `closing` division heading and its number too.
    fn restore_titles(
        &mut self,
        lost: &[LostTitle],
        first_number: u32,
        closing: Option<((&str, usize), u32)>,
    ) -> String {
        let mut lines = Vec::new();
        let mut labels = Vec::new();
        for (k, title) in lost.iter().enumerate() {
            let n = first_number + k as u32;
            let index = self.chapters.len();
            let chapter = ChapterRef {
                numerals: Default::default(),
                number: n,
                title: title.title.clone(),
                parts: Vec::new(),
            };
            self.chapters.push(Chapter {
                numerals: Default::default(),
                number: n,
                title: title.title.clone(),
                parts: Vec::new(),
                line: title.line,
                articles: 0..0,
            });
            for open in self.pending.iter_mut().skip(title.first_article) {
                open.chapter = chapter.clone();
                open.chapter_index = index;
            }
            lines.push((title.line, title.title.as_str()));
            labels.push(numeral::chapter_label(n));
        }
        if let Some(((title, line), n)) = closing {
            lines.push((line, title));
            labels.push(numeral::chapter_label(n));
        }
        match lines.as_slice() {
            [(line, title)] => format!(
                "; line {line} ({title}) is read as {}'s heading, its number lost",
                labels.join("")
            ),
            _ => {
                let lines: Vec<String> = lines.iter().map(|(l, t)| format!("{l} ({t})")).collect();
                format!(
                    "; lines {} are read as the headings of {}, their numbers lost",
                    crate::text::and_list(&lines),
                    crate::text::and_list(&labels)
                )
            }
        }
    }

    /// A 第X编 (or, `sub`, a 第X分编) heading: a level above chapters, whose numbers may start
    /// again at 第一章 in each part or go on counting; either is read without a warning.
    fn start_part(&mut self, sub: bool, number: u32, title: &str) {
        self.close();
        // Part headings that count up again before any article were a table of contents.
        if self.is_empty()
            && self
                .parts
                .iter()
                .any(|p| p.sub == sub && number <= p.number)
        {
            self.chapters.clear();
        }
        if sub {
            self.parts.retain(|p| !p.sub);
        } else {
            self.parts.clear();
        }
        self.parts.push(PartRef {
            sub,
            number,
            title: title.to_string(),
        });
        self.chapter = None;
        self.section = None;
    }

    /// True when the plain line `i`, numbered `number` as a list item, is a division heading of
    /// a document of 第X条 articles ([`Walker::item_divisions`]) rather than an item of an
    /// article's list: it stands alone (after a finished sentence or a blank, a 第X条 head
    /// next), reads as a title, and is numbered next after the divisions before it (一、 first),
    /// which are plain lines too.
    fn item_division_line(&self, i: usize, kinds: &[LineKind<'_>], number: u32) -> bool {
        let previous = self.chapter.as_ref().map_or(Some(0), |c| {
            (c.numbered_as_item() && self.chapter_depth.is_none_or(|d| d == 0)).then_some(c.number)
        });
        let next_is_head = kinds[i + 1..]
            .iter()
            .find(|k| !matches!(k, LineKind::Blank | LineKind::Debris))
            .is_some_and(|k| matches!(k, LineKind::Article { spaced: true, .. }));
        let stands_alone =
            i == 0 || kinds[i - 1] == LineKind::Blank || ends_sentence(self.lines[i - 1].text);
        self.item_divisions
            && previous.is_some_and(|p| number == p + 1)
            && stands_alone
            && next_is_head
            && line::point_heading(self.lines[i].text).is_some()
    }

    /// True when an unnumbered division heading (附则) may start here: after an article, in a
    /// document whose numbered chapters or parts show what a division is. Before the first
    /// article a bare 总则 is a table of contents' entry or a heading whose siblings lost their
    /// numbers, and a document of no chapters has no level to put it at.
    fn opens_division(&self) -> bool {
        self.last.is_some()
            && (!self.parts.is_empty() || self.chapters.iter().any(|c| c.number > 0))
    }

    /// An unnumbered division (附则, 法律责任 …) at the level its heading's depth says: a part
    /// when a Markdown heading is no deeper than the 第X编 headings (刑法's `## 附则`), or when
    /// a plain line closes a code of parts; a chapter (numbered 0, cited by its title) when it is
    /// as deep as the chapters, or a plain line in a document of chapters. A heading deeper
    /// than the chapters only ends the article before it.
    fn start_division(&mut self, title: &str, depth: Option<usize>, line: usize) {
        self.close();
        let part = match depth {
            Some(d) => !self.parts.is_empty() && self.part_depth.is_none_or(|p| p == 0 || d <= p),
            None => !self.parts.is_empty(),
        };
        let deeper = depth.is_some_and(|d| self.chapter_depth.is_some_and(|c| c > 0 && d > c));
        let number = self
            .restore_trailing_chapters((!part && !deeper).then_some((title, line)))
            .unwrap_or(0);
        if part {
            self.parts = vec![PartRef {
                sub: false,
                number: 0,
                title: title.to_string(),
            }];
            self.chapter = None;
            self.section = None;
            return;
        }
        if deeper {
            return;
        }
        self.chapters.push(Chapter {
            numerals: Default::default(),
            number,
            title: title.to_string(),
            parts: self.parts.clone(),
            line,
            articles: 0..0,
        });
        self.chapter = Some(ChapterRef {
            numerals: Default::default(),
            number,
            title: title.to_string(),
            parts: self.parts.clone(),
        });
        self.section = None;
    }

    fn start_article(&mut self, number: u32, sub: u32, rest: &'a str, line: &Line<'a>) {
        self.close();
        let occurrence = self.seen.entry((number, sub)).or_insert(0);
        *occurrence += 1;
        let form = match self.style {
            ArticleStyle::Articles => crate::cite::Form {
                occurrence: *occurrence,
                ..line::marker_form(line.text)
            },
            // 四十三、, or an item of a document numbered as a list (1., （一）).
            ArticleStyle::Points => crate::cite::Form {
                occurrence: *occurrence,
                ..line::list_item(line.text).map_or_else(Default::default, |item| item.form)
            },
        };
        let in_order = self.is_next(number, sub);
        // A number seen before is worth a warning even where it is the next one (一、三、二、三).
        if !in_order || form.occurrence > 1 {
            let label = crate::cite::article_label_as(self.style, form, number, sub);
            let before = |n, s| {
                crate::cite::article_label_as(
                    self.style,
                    crate::cite::Form {
                        occurrence: 1,
                        ..form
                    },
                    n,
                    s,
                )
            };
            let msg = match self.last {
                Some((n, s)) if (n, s) == (number, sub) => format!(
                    "duplicate article {}: this one is cited {label}",
                    before(n, s)
                ),
                Some(_) if form.occurrence > 1 => format!(
                    "{} again{}: this one is cited {label}",
                    before(number, sub),
                    if in_order { "" } else { ", out of order" }
                ),
                // A number skipped ahead (第一条, 第三条) says which are missing.
                Some((n, s)) if sub == 0 && number > n.saturating_add(1) => {
                    let missing = if number - n == 2 {
                        before(n + 1, 0)
                    } else {
                        format!("{}–{}", before(n + 1, 0), before(number - 1, 0))
                    };
                    format!(
                        "{label} follows {}: article numbering skips {missing}",
                        before(n, s)
                    )
                }
                Some((n, s)) => format!(
                    "{label} follows {}: article numbers out of order",
                    before(n, s)
                ),
                None => format!("first article is {label}, not 第一条"),
            };
            if form.occurrence == 1 {
                self.order_warnings.push(self.warnings.len());
            }
            self.warnings.push(warning(self.path, line.number, msg));
        }
        self.descending = self.last.map(|(n, s)| {
            self.descending.unwrap_or(true) && sub == 0 && s == 0 && number.saturating_add(1) == n
        });
        self.last = Some((number, sub));
        let chapter = match &self.chapter {
            Some(c) => c.clone(),
            None => {
                // One implicit chapter, or one for each part whose articles stand in no chapter.
                if !self
                    .chapters
                    .iter()
                    .any(|c| c.number == 0 && c.line == 0 && c.parts == self.parts)
                {
                    self.chapters.push(Chapter {
                        numerals: Default::default(),
                        number: 0,
                        title: String::new(),
                        parts: self.parts.clone(),
                        line: 0,
                        articles: 0..0,
                    });
                }
                ChapterRef {
                    numerals: Default::default(),
                    number: 0,
                    title: String::new(),
                    parts: self.parts.clone(),
                }
            }
        };
        let rest_start = line.text_end() - rest.len();
        let mut pieces = Vec::new();
        if !rest.is_empty() {
            // The line's width counts its marker: the wrap width measures whole lines, and a
            // first line that fills the page's width goes on in the next (from a PDF, after the
            // blank line of a page break too).
            let mut piece = Piece::new(rest, false);
            piece.width = crate::text::width::print_width(line.text);
            pieces.push(piece);
        }
        self.open = Some(Open {
            number,
            sub,
            form,
            chapter,
            section: self.section.clone(),
            chapter_index: self.chapters.len().saturating_sub(1),
            first_line: line.number,
            last_line: line.number,
            start: line.text_start,
            end: rest_start + rest.len(),
            pieces,
        });
    }

    fn push_text(&mut self, text: &'a str, line: &Line<'a>, after_blank: bool) {
        if let Some(open) = &mut self.open {
            open.pieces.push(Piece::new(text, after_blank));
            open.last_line = line.number;
            open.end = line.text_end();
        }
    }

    fn close(&mut self) {
        if let Some(open) = self.open.take() {
            self.pending.push(open);
        }
    }

    /// The body ends at a trailer (抄送…, …印发); articles after it (a file holding two
    /// documents, or one twice) are not read, and a warning says where they start.
    fn articles_after_trailer(&mut self, kinds: &[LineKind<'a>], trailer: usize) {
        let later = kinds
            .iter()
            .enumerate()
            .skip(trailer + 1)
            .find_map(|(j, k)| match (k, self.style) {
                (LineKind::Article { number, sub, .. }, ArticleStyle::Articles) => {
                    Some((j, *number, *sub))
                }
                (LineKind::Point { number, .. }, ArticleStyle::Points) => Some((j, *number, 0)),
                _ => None,
            });
        let Some((j, number, sub)) = later else {
            self.annex_unread(kinds, trailer);
            return;
        };
        let (at, first) = (self.lines[trailer].number, self.lines[j].number);
        let last = self.last_text_line(first);
        let (opening, head) = (
            line_start(self.lines[trailer].text),
            crate::cite::article_label(self.style, number, sub),
        );
        // An annex (附件, 附表) quotes articles often (a table of the penalties of 第五条…); a
        // distribution trailer is followed by articles only when the file holds another document.
        let message = if is_annex(self.lines[trailer].text) {
            format!(
                "the articles end at the annex here ({opening}…); the article headings in lines \
                 {first}-{last} (from {head} at line {first}) are read as the annex's text, not as \
                 articles"
            )
        } else {
            format!(
                "the regulation ends here ({opening}…), but lines {first}-{last} hold more articles \
                 (from {head} at line {first}): a second document in this file? ignored"
            )
        };
        self.warnings.push(warning(self.path, at, message));
    }

    /// An annex after the last article that holds text of its own (a table of fines that an
    /// article refers to: 按照附件所列标准处以罚款) is not read as any article: a warning says so,
    /// so that a reader who finds no fine in `numbers` or `search` knows where it is.
    fn annex_unread(&mut self, kinds: &[LineKind<'a>], trailer: usize) {
        let text = self.lines[trailer].text;
        if !is_annex(text) {
            return;
        }
        let held = kinds
            .iter()
            .zip(self.lines)
            .skip(trailer + 1)
            .filter(|(k, _)| !matches!(k, LineKind::Blank | LineKind::Debris))
            .map(|(_, l)| l.number)
            .collect::<Vec<_>>();
        let (Some(&first), Some(&last)) = (held.first(), held.last()) else {
            return;
        };
        let (at, opening) = (self.lines[trailer].number, line_start(text));
        self.warnings.push(warning(
            self.path,
            at,
            format!(
                "the articles end at the annex here ({opening}…); its {} lines ({first}-{last}) \
                 are not read as any article's text, so search, compare and numbers do not see \
                 them",
                held.len()
            ),
        ));
    }

    /// The number of the file's last line that holds text (`none` when every line is empty).
    fn last_text_line(&self, none: usize) -> usize {
        self.lines
            .iter()
            .rev()
            .find(|l| !l.text.is_empty())
            .map_or(none, |l| l.number)
    }

    /// Text numbered in the other style after the last article belongs to another document.
    fn foreign_tail(&mut self, i: usize, label: String) {
        let first = self.lines[i].number;
        let last = self.last_text_line(first);
        self.warnings.push(warning(
            self.path,
            first,
            format!("lines {first}-{last} ({label}…) are numbered in the other style and do not belong to this regulation; ignored"),
        ));
    }

    /// Rejoins every article's lines with the document's wrap width and fills chapter ranges.
    fn finish(&mut self) {
        self.said_downwards();
        self.restore_trailing_chapters(None);
        let wrap = paragraph::wrap_width(self.pending.iter().flat_map(|o| o.pieces.iter()));
        let mut chapter_of = Vec::with_capacity(self.pending.len());
        for open in std::mem::take(&mut self.pending) {
            chapter_of.push(open.chapter_index);
            let paragraphs = paragraph::paragraphs_of(&open.pieces, wrap, self.authored);
            let text = paragraphs
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            if text.is_empty() {
                self.warnings.push(warning(
                    self.path,
                    open.first_line,
                    format!(
                        "{} has no text",
                        crate::cite::article_label_as(self.style, open.form, open.number, open.sub)
                    ),
                ));
            }
            self.articles.push(Article {
                number: open.number,
                sub: open.sub,
                chapter: open.chapter,
                section: open.section,
                norm: norm(&text),
                paragraphs,
                text,
                lines: (open.first_line, open.last_line),
                span: Span {
                    start: open.start,
                    end: open.end,
                },
                style: self.style,
                form: open.form,
            });
        }
        self.fill_chapter_ranges(&chapter_of);
    }

    /// Each chapter's articles are the run of articles opened while it was the current chapter.
    fn fill_chapter_ranges(&mut self, chapter_of: &[usize]) {
        for (ci, chapter) in self.chapters.iter_mut().enumerate() {
            let start = chapter_of.partition_point(|&c| c < ci);
            let end = chapter_of.partition_point(|&c| c <= ci);
            chapter.articles = start..end;
        }
    }
}

/// Distribution trailers end a regulation: 抄送：…, …办公室 2022年5月9日印发.
/// An annex's heading after the last article (附件：某某名录, 附件1, 附表二): what follows is the
/// annex, not the article's text. A short line only, so a wrapped 附件所列… in an article is text.
fn is_annex(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("附件")
        .or_else(|| text.strip_prefix("附表"))
    else {
        return false;
    };
    text.chars().count() <= 40
        && (rest.is_empty()
            || rest.starts_with(['：', ':', ' ', '\u{3000}'])
            || rest.starts_with(crate::text::numeral::is_numeral_char))
}

/// True when a line ends a sentence (。；！？).
/// Whether the next line that is not blank opens an article (`第二十一条 …` spaced from its text).
fn next_is_article_head(rest: &[LineKind<'_>]) -> bool {
    matches!(
        rest.iter().find(|k| !matches!(k, LineKind::Blank)),
        Some(LineKind::Article { spaced: true, .. })
    )
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['。', '；', ';', '！', '？'])
}

fn is_trailer(text: &str) -> bool {
    text.starts_with("抄送")
        || text.starts_with("主送")
        || (text.ends_with("印发") && text.contains('年') && text.contains('日'))
}

/// The first few characters of a line, for a warning that quotes it.
fn line_start(text: &str) -> String {
    text.trim().chars().take(8).collect()
}

/// `text` parsed as a file of `kind` named `t`, without metadata: for the tests of the modules
/// that read parsed documents.
#[cfg(test)]
pub(crate) fn parse_str(text: &str, kind: SourceKind) -> Regulation {
    let path = match kind {
        SourceKind::Markdown => "t.md",
        _ => "t.txt",
    };
    parse(Source {
        id: DocId::from("t"),
        path: Path::new(path),
        text,
        kind,
        meta: DocMeta::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Regulation {
        parse_str(text, SourceKind::Text)
    }

    const THREE: &str = "某区人民政府工作规则\n\n第一章  总  则\n第一条  为了规范工作，制定本规则。\n第二条  区政府由区长组成。\n区长领导全面工作。\n第二章 会议\n第三条 会议的任务是：\n（一）交流情况；\n（二）研究问题。\n";

    /// A plain 附　则 line after the last chapter's articles heads the articles after it (a
    /// chapter numbered 0, cited 附则); the next numbered chapter draws no order warning, and a
    /// sentence that is only those words inside an article (after no finished sentence) stays
    /// its text. A Markdown heading deeper than the chapters, or 附件, heads nothing.
    #[test]
    fn an_unnumbered_division_line_heads_the_articles_after_it() {
        let text = "某区人民政府工作规则\n\n第一章 总则\n第一条 为了规范工作，制定本规则。\n第二条 区政府的职责：\n法律责任\n另行规定。\n附　则\n第三条 本规则自印发之日起施行。\n";
        let r = parse_text(text);
        let cited: Vec<String> = r.articles.iter().map(|a| a.chapter.label()).collect();
        assert_eq!(cited, ["第一章 总则", "第一章 总则", "附则"]);
        assert!(
            r.articles[1].text.contains("法律责任"),
            "{:?}",
            r.articles[1]
        );
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        let md = "# 某条例\n\n## 第一章 总则\n\n第一条 为了规范工作，制定本条例。\n\n### 附则\n\n第二条 本条例所称单位。\n\n## 附件一\n\n第三条 本条例自印发之日起施行。\n\n## 附则\n\n第四条 另行规定。\n";
        let r = parse_str(md, SourceKind::Markdown);
        let cited: Vec<String> = r.articles.iter().map(|a| a.chapter.label()).collect();
        assert_eq!(cited, ["第一章 总则", "第一章 总则", "第一章 总则", "附则"]);
    }

    /// A heading that lost its 第X节 (业主大会 alone between two articles, blank lines around) is
    /// no text of the article before it; a short line inside an article that no article head
    /// follows, or that follows an unfinished sentence, stays its text.
    #[test]
    fn a_bare_title_before_an_article_head_ends_the_article() {
        let md = "# 某条例\n\n## 第三章 业主\n\n第二十条 业主享有权利，承担义务。\n\n业主大会\n\n第二十一条 业主大会由全体业主组成。\n\n物业服务收费\n\n第二十二条 收费应当公开：\n\n公开标准\n\n第二十三条 本条例自公布之日起施行。\n";
        let r = parse_str(md, SourceKind::Markdown);
        let texts: Vec<&str> = r.articles.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(r.articles.len(), 4, "{texts:?}");
        assert!(!texts[0].contains("业主大会"), "{texts:?}");
        assert!(!texts[1].contains("物业服务收费"), "{texts:?}");
        // After 应当公开： (no finished sentence) the short line is the article's own text.
        assert!(texts[2].contains("公开标准"), "{texts:?}");
    }

    /// A chapter title that lost its 第X章 (a line alone between two articles) is restored when the
    /// gap before the next numbered chapter has exactly one missing chapter for it; a title
    /// listing matters with 、 is a title.
    #[test]
    fn a_lost_chapter_title_is_restored_when_it_fills_the_gap() {
        let md = "# 某条例\n\n第一条 为了管理，制定本条例。\n\n第二条 本条例适用于本市。\n\n生产、经营\n\n第三条 生产单位应当登记。\n\n## 第三章 使用\n\n第四条 使用单位应当维护。\n";
        let r = parse_str(md, SourceKind::Markdown);
        let cited: Vec<String> = r.articles.iter().map(|a| a.chapter.label()).collect();
        assert_eq!(cited, ["", "", "第二章 生产、经营", "第三章 使用"]);
        assert!(!r.articles[1].text.contains("生产"), "{:?}", r.articles[1]);
        assert!(
            r.warnings.iter().any(|w| w
                .message
                .ends_with("line 7 (生产、经营) is read as 第二章's heading, its number lost")),
            "{:?}",
            r.warnings
        );
        // Two titles for one missing chapter: none is restored.
        let md = "# 某条例\n\n第一条 为了管理，制定本条例。\n\n甲项管理\n\n第二条 本条例适用于本市。\n\n乙项管理\n\n第三条 生产单位应当登记。\n\n## 第三章 使用\n\n第四条 使用单位应当维护。\n";
        let r = parse_str(md, SourceKind::Markdown);
        let cited: Vec<String> = r.articles.iter().map(|a| a.chapter.label()).collect();
        assert_eq!(cited, ["", "", "", "第三章 使用"]);
        assert!(r.articles.iter().all(|a| !a.text.contains("项管理")));
    }

    /// Titles that lost their 第X章 after the last numbered chapter are restored at the closing
    /// 法律责任 line, and that line, which lost its number as they did, is numbered on with them
    /// and named in the warning; a closing 附则 after numbered chapters stays unnumbered.
    #[test]
    fn a_closing_division_after_lost_titles_is_numbered_with_them() {
        let md = "# 某条例\n\n## 第一章 总则\n\n第一条 为了管理，制定本条例。\n\n## 第二章 规划\n\n第二条 应当编制规划。\n\n资源利用\n\n第三条 应当合理利用资源。\n\n第四条 应当保护资源。\n\n监督管理\n\n第五条 部门应当检查。\n\n第六条 部门应当公开。\n\n法律责任\n\n第七条 违反本条例的，处罚款。\n";
        let r = parse_str(md, SourceKind::Markdown);
        let cited: Vec<String> = r.articles.iter().map(|a| a.chapter.label()).collect();
        assert_eq!(
            cited,
            [
                "第一章 总则",
                "第二章 规划",
                "第三章 资源利用",
                "第三章 资源利用",
                "第四章 监督管理",
                "第四章 监督管理",
                "第五章 法律责任"
            ]
        );
        assert!(
            r.warnings.iter().any(|w| w.message.ends_with(
                "lines 11 (资源利用), 17 (监督管理) and 23 (法律责任) are read as the headings of \
                 第三章, 第四章 and 第五章, their numbers lost"
            )),
            "{:?}",
            r.warnings
        );
        let md = "# 某条例\n\n## 第一章 总则\n\n第一条 为了管理，制定本条例。\n\n## 第二章 规划\n\n第二条 应当编制规划。\n\n附则\n\n第三条 本条例自公布之日起施行。\n";
        let r = parse_str(md, SourceKind::Markdown);
        assert_eq!(r.articles[2].chapter.label(), "附则");
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    /// A section heading that ends in 、 goes on in the next line.
    #[test]
    fn a_wrapped_section_heading_is_one_title() {
        let md = "# 某条例\n\n## 第一章 保护\n\n### 第一节 名城、街区、\n\n传统村落保护\n\n第一条 应当保护。\n";
        let r = parse_str(md, SourceKind::Markdown);
        let section = r.articles[0].section.as_ref().map(|s| s.title.as_str());
        assert_eq!(section, Some("名城、街区、传统村落保护"));
        assert_eq!(r.articles[0].text, "应当保护。");
    }

    /// Headings numbered 一、二、 over 第X条 articles are chapters cited as written; 一、 items
    /// inside an article stay its text, and a document whose articles are the 一、 items keeps
    /// them as articles.
    #[test]
    fn divisions_numbered_as_list_items_are_chapters() {
        let md = "# 最高人民法院关于某某的规定\n\n<!-- INFO END -->\n\n## 一、一般规定\n\n第一条 为了正确审理案件，制定本规定。\n\n第二条 下列情形除外：\n\n一、当事人同意\n\n二、法律另有规定\n\n## 二、附 则\n\n第三条 本规定自公布之日起施行。\n";
        let r = parse_str(md, SourceKind::Markdown);
        let cited: Vec<String> = r.articles.iter().map(|a| a.chapter.label()).collect();
        assert_eq!(cited, ["一、一般规定", "一、一般规定", "二、附则"]);
        assert_eq!(r.chapters[1].number, 2);
        assert!(r.articles[1].text.contains("二、法律另有规定"));
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        // Plain lines: one that stands alone, numbered in order, before a 第X条 head divides; one
        // out of order is an item of the article before it.
        let text = "某规定\n\n一、受理\n\n第一条 甲。\n\n三、其他\n\n第二条 乙。\n\n二、执行\n\n第三条 丙。\n";
        let r = parse_text(text);
        let cited: Vec<String> = r.articles.iter().map(|a| a.chapter.label()).collect();
        assert_eq!(cited, ["一、受理", "一、受理", "二、执行"]);
        assert!(r.articles[0].text.contains("三、其他"));
        // Articles numbered 一、二、: the style the parser already reads.
        let r = parse_text("某决定\n\n一、甲。\n\n二、乙。\n");
        assert_eq!(r.style, ArticleStyle::Points);
        assert_eq!(r.articles.len(), 2);
        assert!(r.articles.iter().all(|a| a.chapter.label().is_empty()));
    }

    #[test]
    fn a_head_numbered_beyond_any_article_is_text_with_a_warning() {
        let text = "某区人民政府工作规则\n\n第一条 为了规范工作，制定本规则。\n第九九九九九九九九九九条 本规则自印发之日起施行。\n第1000000000000条 另一条。\n第二条 区政府由区长组成。\n";
        let r = parse_text(text);
        let numbers: Vec<u32> = r.articles.iter().map(|a| a.number).collect();
        assert_eq!(numbers, [1, 2]);
        assert!(r.articles[0].text.contains("第1000000000000条 另一条"));
        let lines: Vec<usize> = r.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [4, 5], "{:?}", r.warnings);
        assert!(
            r.warnings[0].message.contains("`第九九九九九九九九九九条`")
                && r.warnings[0].message.contains("beyond any article's"),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn a_regulation_pasted_as_one_line_has_its_articles() {
        let one = "某区人民政府工作规则 第一条 为了规范工作，依照第三条规定制定本规则。 第二条 区政府常务会议每月召开1次。第二条之一 会议由区长主持。 第三条 本规则自印发之日起施行。";
        let r = parse_text(one);
        let labels: Vec<String> = r.articles.iter().map(|a| a.label()).collect();
        assert_eq!(labels, ["第一条", "第二条", "第二条之一", "第三条"]);
        assert_eq!(r.meta.title, "某区人民政府工作规则");
        assert_eq!(
            r.articles[0].text,
            "为了规范工作，依照第三条规定制定本规则。"
        );
        let a = &r.articles[3];
        assert_eq!(
            &one[a.span.start..a.span.end],
            "第三条 本规则自印发之日起施行。"
        );
        // An ordinary article citing the next one keeps it in its text.
        let r = parse_text("第一条 本条与 第二条 规定的事项。\n第二条 其他。\n");
        assert_eq!(r.articles.len(), 2, "{:?}", r.articles);
    }

    #[test]
    fn a_missing_article_run_into_the_paragraph_before_it_is_an_article() {
        // Converted sources run a head into the line before it, without a blank after it.
        let r = parse_text("第一条 甲。\n乙。 第二条经批准丙。\n第三条 丁。\n");
        let texts: Vec<&str> = r.articles.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["甲。\n乙。", "经批准丙。", "丁。"]);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        // A sentence that opens by citing the next article is no head.
        let r = parse_text("第一条 甲。\n乙。第二条规定的除外。\n第三条 丁。\n");
        assert_eq!(r.articles.len(), 2, "{:?}", r.articles);
        // Nor is a number that opens a line of its own further on.
        let r = parse_text("第一条 甲。\n乙。 第二条 丙。\n第二条 丁。\n");
        let texts: Vec<&str> = r.articles.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["甲。\n乙。 第二条 丙。", "丁。"]);
    }

    #[test]
    fn a_markdown_chapter_heading_is_a_heading_not_a_run_in_head() {
        let r = parse_text(
            "某法\n\n## 第一章 总则\n\n第一条 甲。\n\n## 第二章 审查和批准决算，听取和\n\n审议报告\n\n第二条 乙。\n",
        );
        assert_eq!(r.chapters.len(), 2, "{:?}", r.chapters);
        let texts: Vec<&str> = r.articles.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["甲。", "乙。"]);
    }

    #[test]
    fn parses_a_three_article_regulation() {
        let r = parse_text(THREE);
        assert_eq!(r.meta.title, "某区人民政府工作规则");
        assert_eq!(r.style, ArticleStyle::Articles);
        assert_eq!(r.chapters.len(), 2);
        assert_eq!(r.chapters[0].title, "总则");
        assert_eq!(r.chapters[0].articles, 0..2);
        assert_eq!(r.chapters[1].articles, 2..3);
        let a2 = &r.articles[1];
        assert_eq!(a2.paragraphs.len(), 2);
        assert_eq!(a2.text, "区政府由区长组成。\n区长领导全面工作。");
        assert_eq!(a2.lines, (5, 6));
        assert_eq!(
            &THREE[a2.span.start..a2.span.end],
            "第二条  区政府由区长组成。\n区长领导全面工作。"
        );
        assert_eq!(r.articles[2].paragraphs[2].items[0].number, 2);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    /// A short rule numbered 1. 2. 3. (or （一）（二）) with no 第X条 and no X、 is read: each item of
    /// the outer numbering's run is an article cited as written, inner items and numbers out of
    /// the run stay text, and a note says how the articles were numbered. A figure (1.5米) opens
    /// nothing, and a 第X条 document's items never become articles.
    #[test]
    fn a_rule_numbered_as_a_list_has_its_items_as_articles() {
        let r = parse_text(
            "某区公墓管理办法\n\n1. 为了加强公墓管理，制定本办法。\n\n2. 公墓应当：\n（一）凭证出售；\n（二）登记。\n1.5米以下的墓碑除外。\n\n3. 本办法自2027年1月1日起施行。\n5. 附录。\n",
        );
        assert_eq!(r.style, ArticleStyle::Points);
        let labels: Vec<String> = r.articles.iter().map(Article::label).collect();
        assert_eq!(labels, ["1.", "2.", "3."]);
        assert_eq!(r.articles[0].number, 1);
        assert!(
            r.articles[1].text.contains("（二）登记。"),
            "{:?}",
            r.articles[1]
        );
        assert!(r.articles[1].text.contains("1.5米"), "{:?}", r.articles[1]);
        assert!(
            r.articles[2].text.contains("5. 附录"),
            "{:?}",
            r.articles[2]
        );
        assert_eq!(r.meta.title, "某区公墓管理办法");
        assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
        assert_eq!(r.warnings[0].line, 3);
        assert!(
            r.warnings[0].message.contains("3 items numbered 1. … 3."),
            "{:?}",
            r.warnings
        );

        let r = parse_text(
            "某区骨灰堂管理细则\n（一）骨灰堂应当登记。\n1. 登记簿；\n2. 台账。\n（二）禁止焚烧纸钱。\n",
        );
        let labels: Vec<String> = r.articles.iter().map(Article::label).collect();
        assert_eq!(labels, ["（一）", "（二）"]);
        assert!(
            r.articles[0].text.contains("2. 台账"),
            "{:?}",
            r.articles[0]
        );

        let wide = parse_text("某规定\n１．甲。\n２．乙。\n");
        let labels: Vec<String> = wide.articles.iter().map(Article::label).collect();
        assert_eq!(labels, ["１．", "２．"]);

        // One item is no list; a 第X条 document keeps its items inside its articles.
        assert!(parse_text("某规定\n1. 甲。\n").articles.is_empty());
        let r = parse_text("某规定\n第一条 甲：\n1. 乙；\n2. 丙。\n第二条 丁。\n");
        assert_eq!(r.style, ArticleStyle::Articles);
        assert_eq!(r.articles.len(), 2);
    }

    #[test]
    fn cuts_text_numbered_in_the_other_style() {
        let r = parse_text(
            "第一章 总则\n一、第一条内容。\n二、第二条内容。\n三、第三条内容。\n第十六条  别的办法。\n第十七条  自印发之日起执行。\n",
        );
        assert_eq!(r.style, ArticleStyle::Points);
        assert_eq!(r.articles.len(), 3);
        assert_eq!(r.articles[2].text, "第三条内容。");
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(r.warnings[0].line, 5);
    }

    #[test]
    fn warns_when_articles_follow_the_trailer() {
        let once = "第一条 甲。\n第二条 乙。\n抄送：区委办公室。\n";
        let r = parse_text(&format!("{once}{once}"));
        assert_eq!(r.articles.len(), 2);
        assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
        assert_eq!(r.warnings[0].line, 3);
        assert!(
            r.warnings[0].message.contains("lines 4-6"),
            "{:?}",
            r.warnings
        );
        assert!(
            r.warnings[0].message.contains("第一条 at line 4"),
            "{:?}",
            r.warnings
        );
        assert!(parse_text(once).warnings.is_empty());
    }

    #[test]
    fn warns_on_duplicate_and_out_of_order_numbers() {
        let r = parse_text("第一条 甲。\n第二条 乙。\n第二条 丙。\n第五条 丁。\n");
        assert_eq!(r.articles.len(), 4);
        let lines: Vec<usize> = r.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, vec![3, 4]);
        assert!(r.warnings[0].message.contains("duplicate"));
    }

    #[test]
    fn a_number_seen_before_is_a_warning_even_where_it_comes_next() {
        let r = parse_text("第一条 甲。\n第三条 乙。\n第二条 丙。\n第三条 丁。\n");
        let last = r.warnings.last().expect("warns");
        assert_eq!(r.warnings.len(), 3, "{:?}", r.warnings);
        assert_eq!(last.line, 4);
        assert!(
            last.message
                .contains("第三条 again: this one is cited 第三条#2"),
            "{}",
            last.message
        );
    }

    /// Hard-wrapped text (a copy from a PDF) whose line breaks fall before a cross reference:
    /// the reference stays in its article, the next article keeps its number.
    #[test]
    fn a_cross_reference_wrapped_to_a_line_start_stays_in_its_article() {
        let r = parse_text(
            "某某市房屋安全管理条例\n\n第一条 为了加强房屋安全管理，制定本条例。\n第二条 房屋所有人是房屋安全责任人，应当按照本条例\n第三条的规定履行义务。\n第三条 房屋使用人不得违反本条例\n第二条、第三条的规定，不得擅自改变房屋承重结构。\n第四条 违反本条例\n第三条规定的，依照《建筑法》\n第七十条 规定处罚。\n第五条 本条例自2025年1月1日起施行。\n",
        );
        let labels: Vec<String> = r.articles.iter().map(|a| a.label()).collect();
        assert_eq!(labels, ["第一条", "第二条", "第三条", "第四条", "第五条"]);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert!(r.articles[1].text.contains("本条例第三条的规定履行义务"));
        assert!(r.articles[2].text.contains("第二条、第三条的规定"));
        assert!(
            r.articles[3].text.contains("依照《建筑法》第七十条"),
            "{}",
            r.articles[3].text
        );
        // A head after a finished sentence is still a head, glued or not.
        let r = parse_text("第一条 甲。\n第二条的规定由区政府解释。\n");
        assert_eq!(r.articles.len(), 2);
    }

    /// Article headings inside an annex (a table quoting 第五条) are said to be the annex's text,
    /// not a second document.
    #[test]
    fn article_heads_inside_an_annex_are_its_text() {
        let r = parse_str(
            "# 某条例\n\n第一条 为了规范物业管理，制定本条例。\n\n第二条 本条例自2020年1月1日起施行。\n\n附件：收费标准\n\n| 等级 | 收费 |\n|---|---|\n| 一级 | 2.5 |\n\n附表1 所列事项\n\n1. 第五条 电梯维修\n",
            SourceKind::Markdown,
        );
        assert_eq!(r.articles.len(), 2);
        let said: Vec<&str> = r.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said[0].starts_with("the articles end at the annex here (附件：收费标准…)"),
            "{said:?}"
        );
        assert!(said[0].contains("from 第五条 at line 15"), "{said:?}");
        assert!(!said[0].contains("second document"), "{said:?}");
        assert!(!said[0].contains("  "), "{said:?}");
        let r = parse_str(
            "第一条 为了规范工作，制定本规定。\n第二条 本规定自印发之日起施行。\n抄送：各局\n第一条 另一份文件。\n第二条 另一份文件施行。\n",
            SourceKind::Text,
        );
        assert!(
            r.warnings[0]
                .message
                .contains("a second document in this file?")
        );
    }

    /// An annex after the last article is no part of it; a wrapped 附件 inside an article is.
    #[test]
    fn an_annex_ends_the_last_article() {
        let r = parse_text(
            "第一条 街区名录见附件。\n第二条 本条例自2023年1月1日起施行。\n\n附件：某某市历史文化街区名录\n一、古城街区（第一批）\n二、老港区\n",
        );
        assert_eq!(r.articles.len(), 2);
        assert_eq!(r.articles[1].text, "本条例自2023年1月1日起施行。");
        let r = parse_text(
            "第一条 保护范围以列入\n附件一的街区为准。\n第二条 本条例自公布之日起施行。\n",
        );
        assert!(r.articles[0].text.contains("附件一的街区为准"));
    }

    /// Heads as web pages, internal rules and converters write them.
    #[test]
    fn heads_set_off_by_marks_are_heads() {
        for text in [
            "第一条：为了保证用血，制定本办法。\n第二条：本市实行无偿献血制度。\n",
            "第一条、为了保证用血，制定本办法。\n第二条，本市实行无偿献血制度。\n",
            "【第一条】为了保证用血，制定本办法。\n【第二条】本市实行无偿献血制度。\n",
            "**第一条** 为了保证用血，制定本办法。\n\n**第二条** 本市实行无偿献血制度。\n",
        ] {
            let r = parse_text(text);
            let labels: Vec<String> = r.articles.iter().map(|a| a.label()).collect();
            assert_eq!(labels, ["第一条", "第二条"], "{text}");
            assert!(
                r.articles[0].text.starts_with("为了"),
                "{text}: {}",
                r.articles[0].text
            );
            assert!(!r.articles[1].text.contains('】') && !r.articles[1].text.contains('*'));
        }
        let md = "# 某某市献血办法\n\n### 第一条\n\n为了保证用血，制定本办法。\n\n### 第2条\n本市实行无偿献血制度。\n\n**第三条** 献血者每次献血二百毫升。\n\n1. 第四条 本办法自公布之日起施行。\n";
        let r = parse_str(md, SourceKind::Markdown);
        let labels: Vec<String> = r.articles.iter().map(|a| a.label()).collect();
        assert_eq!(
            labels,
            ["第一条", "第2条", "第三条", "第四条"],
            "{:?}",
            r.warnings
        );
        assert!(r.articles[0].text.contains("为了保证用血"));
    }

    /// A lawrefbook file read as plain text (saved as .txt, or a .docx made of it): the same title
    /// and chapters as the Markdown, also with its `#` marks stripped.
    #[test]
    fn lawrefbook_text_reads_the_same_in_any_container() {
        let md = "# 台州市物业管理条例\n\n2020年12月23日 台州市第五届人民代表大会常务委员会第三十五次会议通过\n\n2021年3月26日 浙江省第十三届人民代表大会常务委员会第二十八次会议批准\n\n<!-- INFO END -->\n\n## 第一章　总则\n\n第一条 为了规范物业管理活动，制定本条例。\n\n## 第二章　业主\n\n第二条 业主享有权利。\n";
        let as_md = parse(Source {
            id: DocId::from("t"),
            path: Path::new("t.md"),
            text: md,
            kind: SourceKind::Markdown,
            meta: DocMeta::default(),
        });
        let stripped: String = md
            .lines()
            .map(|l| l.trim_start_matches('#').trim_start())
            .collect::<Vec<_>>()
            .join("\n");
        for text in [md, stripped.as_str()] {
            let r = parse_text(text);
            assert_eq!(r.meta.title, "台州市物业管理条例", "{text}");
            assert_eq!(r.articles.len(), as_md.articles.len());
            assert_eq!(r.articles[1].text, as_md.articles[1].text);
        }
        let r = parse_text(md);
        let chapters: Vec<&str> = r.chapters.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(chapters, ["总则", "业主"]);
        assert_eq!(r.chapters.len(), as_md.chapters.len());
    }

    #[test]
    fn a_preamble_before_the_first_article_is_said_to_be_unread() {
        let r = parse_text(
            "丙市湿地保护条例\n\n序言\n\n丙市湿地是长江流域重要的生态屏障。\n\n第一条 本条例适用于本市湿地。\n\n第二条 乙。\n",
        );
        assert_eq!(r.articles.len(), 2);
        let m: Vec<&str> = r.warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(
            m.iter()
                .any(|m| m.starts_with("the 序言 (preamble, lines 5-5)")),
            "{m:?}"
        );
        assert_eq!(r.warnings[0].line, 3);
    }

    #[test]
    fn a_second_regulation_in_the_file_is_named_by_its_title() {
        let r = parse_text(
            "丁市湿地保护条例\n\n第一条 甲。\n\n第二条 乙。\n\n第三条 丙。\n\n丁市法律援助条例\n\n第一条 丁。\n\n第二条 戊。\n",
        );
        assert_eq!(r.articles.len(), 3);
        let m = &r.warnings[0].message;
        assert!(
            m.contains("a second regulation, 丁市法律援助条例 (titled on line 9)")
                && m.contains("lines 11-13"),
            "{m}"
        );
    }

    #[test]
    fn a_regulation_pasted_twice_is_read_once_with_a_warning() {
        // Numbering that starts again: the second copy is not read, and the warning says where.
        let once = "某区工作规则\n第一章 总则\n第一条 甲。\n第二条 乙。\n第三条 丙。\n";
        let r = parse_text(&format!("{once}{once}"));
        assert_eq!(r.articles.len(), 3);
        assert_eq!(r.chapters.len(), 1);
        assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
        assert_eq!(r.warnings[0].line, 7);
        let m = &r.warnings[0].message;
        assert!(
            m.contains("lines 7-10") && m.contains("3 article headings"),
            "{m}"
        );
        assert!(m.contains("up to 第三条)"), "{m}");
        // Without chapters, at the 第一条 that starts again.
        let bare = "第一条 甲。\n第二条 乙。\n";
        let r = parse_text(&format!("{bare}{bare}"));
        assert_eq!((r.articles.len(), r.warnings.len()), (2, 1));
        assert_eq!(r.warnings[0].line, 3);
        // A trailer with nothing after it, and a single 第一条 after one article, stay quiet.
        let signed = format!("{once}抄送：区委办公室。\n");
        assert!(parse_text(&signed).warnings.is_empty());
        // A 第一条 repeated by mistake, the numbering going on after it (1, 2, 1, 3): no second
        // regulation; all four are read, the second 第一条 as 第一条#2.
        let r = parse_text("第一条 甲。\n第二条 乙。\n第一条 丙。\n第三条 丁。\n");
        let labels: Vec<String> = r.articles.iter().map(|a| a.text.clone()).collect();
        assert_eq!(labels, ["甲。", "乙。", "丙。", "丁。"]);
    }

    #[test]
    fn drops_trailers_and_page_numbers() {
        let r = parse_text(
            "第一条 甲乙\n- 2 -\n丙丁。\n————————\n抄送：区委办公室。\n某办公室 2022年5月9日印发\n",
        );
        assert_eq!(r.articles.len(), 1);
        assert_eq!(r.articles[0].text, "甲乙丙丁。");
    }

    #[test]
    fn a_table_of_contents_is_not_a_chapter() {
        let r = parse_text(
            "第一章 总则\n第二章 附则\n第一章 总则\n第一条 甲。\n第二章 附则\n第二条 乙。\n",
        );
        assert_eq!(r.chapters.len(), 2);
        assert_eq!(r.chapters[0].line, 3);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn a_first_section_above_the_first_article_is_read() {
        let r = parse_text(
            "某某市测试办法\n\n第一节 一般规定\n\n第一条 甲。\n第二条 乙。\n第二节 管理\n第三条 丙。\n",
        );
        let sections: Vec<_> = r
            .articles
            .iter()
            .map(|a| a.section.as_ref().map(|s| (s.number, s.title.as_str())))
            .collect();
        assert_eq!(
            sections,
            [
                Some((1, "一般规定")),
                Some((1, "一般规定")),
                Some((2, "管理"))
            ]
        );
        assert_eq!(r.meta.title, "某某市测试办法");
        // A 第一节 with text between it and the first article stays where it was.
        let r = parse_text("某某市测试办法\n第一节 一般规定\n说明文字。\n第一条 甲。\n");
        assert_eq!(r.articles[0].section, None);
    }

    #[test]
    fn empty_text_is_a_warning() {
        let r = parse_text("");
        assert!(r.articles.is_empty());
        assert_eq!(r.warnings.len(), 1);
    }
}
