//! Shared nouns of the pipeline: documents, chapters, articles, paragraphs and the spans that cite them.
//! Pure data: no I/O, no parsing, no printing.

pub use crate::cite::ArticleStyle;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// A document's id: its path under the corpus root without the extension (`lixia`, `DLC/山东/x`).
/// Shared, not copied, when cloned: an alignment of a large corpus names documents in millions of
/// places (every group member and link).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub Arc<str>);

impl DocId {
    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for DocId {
    fn from(s: String) -> Self {
        DocId(Arc::from(s))
    }
}

impl From<&str> for DocId {
    fn from(s: &str) -> Self {
        DocId(Arc::from(s))
    }
}

/// A byte range into a document's decoded source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// Byte just past the end.
    pub end: usize,
}

/// Paragraphs of one article that alignment weighs as sub-article evidence: far more than any
/// real article holds (lawrefbook's longest, 3,422 regulations, holds 68), so that a runaway
/// article (a whole regulation pasted under one 第二条) costs bounded work. The corpus loader
/// warns about an article with more.
pub const MAX_PARAGRAPHS_WEIGHED: usize = 500;

/// What the corpus knows of a document beyond its articles: from the manifest or read off the text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocMeta {
    /// Full title, e.g. 济南市历下区人民政府工作规则.
    pub title: String,
    /// District name from the manifest (历下区); empty when unknown.
    pub district: String,
    /// City name from the manifest (济南市); empty when unknown.
    pub city: String,
    /// 文号, e.g. 市中政发〔2022〕2号, when the text has one.
    pub doc_number: Option<String>,
    /// Issue date as written in the text normalised to YYYY-MM-DD, when the text has one.
    pub issued: Option<String>,
    /// The latest date of the adoption and amendment records before the body (`2011年5月27日
    /// …修订`), YYYY-MM-DD: what tells two editions apart when neither file name nor issue date
    /// does. Not written out.
    #[serde(skip)]
    pub amended: Option<String>,
    /// Names a user may type for this document (历下, 历下区, lixia).
    pub aliases: Vec<String>,
    /// The name shown when another document of the corpus has the same district or title: that
    /// name with what tells the two apart (北京市优化营商环境条例 (2020-03-27)); empty otherwise.
    /// Set by the corpus loader ([`crate::corpus::names::tell_apart`]).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub distinct_name: String,
}

impl DocMeta {
    /// The shortest readable name: the district when known, else the title; with its date (or
    /// id) when another document of the corpus has the same name.
    pub fn display_name(&self) -> &str {
        if !self.distinct_name.is_empty() {
            &self.distinct_name
        } else if self.district.is_empty() {
            &self.title
        } else {
            &self.district
        }
    }
}

/// A chapter heading (第X章). Documents without chapters get one implicit chapter numbered 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChapterRef {
    /// How its heading writes its number (第2章, 第二章): it is cited as written.
    #[serde(skip)]
    pub numerals: crate::cite::Numerals,
    /// The chapter's number (8 for 第八章; 0 for the implicit chapter, and for an unnumbered
    /// division at a chapter's level, a closing 附则 without 第X章, which has a title). A
    /// division numbered as a list item (`## 四、附则` over 第X条 articles) has its number (4)
    /// and its heading as written for title (四、附则): see [`ChapterRef::numbered_as_item`].
    pub number: u32,
    /// Title with internal spacing removed (总  则 → 总则).
    pub title: String,
    /// The part (第X编) and sub-part (第X分编) the chapter sits in, outermost first; empty for a
    /// document without parts. Chapters may count from 第一章 again in each part.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartRef>,
}

/// A part (第X编) or a sub-part (第X分编) of a code, a level above its chapters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartRef {
    /// A 分编 inside a 编 (or inside a file that holds one 编, as 民法典's 合同编 does).
    pub sub: bool,
    /// Its number (2 for 第二编); 0 for a division its text heads with a title alone (刑法's
    /// 附则 after its 编).
    pub number: u32,
    /// Title with internal spacing removed.
    pub title: String,
}

impl PartRef {
    /// 第二编 分则, 第一分编 通则; for an unnumbered division (number 0), its title alone (附则).
    pub fn label(&self) -> String {
        if self.number == 0 {
            return self.title.clone();
        }
        let base = format!(
            "第{}{}",
            crate::text::numeral::to_chinese(self.number),
            if self.sub { "分编" } else { "编" }
        );
        if self.title.is_empty() {
            base
        } else {
            format!("{base} {}", self.title)
        }
    }
}

/// A section heading (第X节) inside a chapter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionRef {
    /// The section's number (1 for 第一节).
    pub number: u32,
    /// How its heading writes its number (第1节, 第一节): it is cited as written.
    #[serde(skip)]
    pub numerals: crate::cite::Numerals,
    /// Title with internal spacing removed.
    pub title: String,
}

/// An enumerated item （一）（二）… of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The item's number (1 for （一）).
    pub number: u32,
    /// The item's text as written, including its （一） marker.
    pub text: String,
}

/// One paragraph (款) of an article, rejoined from hard-wrapped lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// The paragraph's text as written (after rejoining wrapped lines and dropping page debris).
    /// For the first paragraph the article marker (第X条 / X、) is not included.
    pub text: String,
    /// Items that open inside this paragraph, in order.
    pub items: Vec<Item>,
}

/// One article (条): the unit of search, alignment and comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// The article's number (39 for 第三十九条).
    pub number: u32,
    /// The 之一/之二 of an article inserted by an amendment (第十七条之一 → 1); 0 for most articles.
    pub sub: u32,
    /// The chapter it sits in.
    pub chapter: ChapterRef,
    /// The section it sits in, when the chapter has sections.
    pub section: Option<SectionRef>,
    /// Paragraphs as written; each item line is its own paragraph too (see [`Paragraph::items`]).
    pub paragraphs: Vec<Paragraph>,
    /// The article's whole text as written: paragraphs joined by '\n', without the article marker.
    pub text: String,
    /// `text` normalised for search and comparison: full-width ASCII folded to half-width, spaces
    /// between Chinese characters removed. Equal to `text` for most articles.
    pub norm: String,
    /// 1-based inclusive line range in the source file.
    pub lines: (usize, usize),
    /// Byte range in the decoded source text.
    pub span: Span,
    /// How the article's document numbers its articles, so that the article is cited as written
    /// (第四十三条 or 四十三、); see [`crate::cite`].
    #[serde(skip)]
    pub style: ArticleStyle,
    /// How its marker writes the number (第1条, 第二條) and which of several articles with this
    /// number it is; see [`crate::cite::Form`].
    #[serde(skip)]
    pub form: crate::cite::Form,
}

/// A chapter with the range of articles it holds (indices into [`Regulation::articles`]).
#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    /// How its heading writes its number (第2章, 第二章): it is cited as written.
    #[serde(skip)]
    pub numerals: crate::cite::Numerals,
    /// The chapter's number (0 for the implicit chapter of a document without chapters, and for
    /// an unnumbered division with its title alone, see [`ChapterRef::number`]).
    pub number: u32,
    /// Title with internal spacing removed.
    pub title: String,
    /// The part and sub-part it sits in (see [`ChapterRef::parts`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartRef>,
    /// 1-based line of the heading; 0 for an implicit chapter.
    pub line: usize,
    /// Indices of its articles in [`Regulation::articles`].
    pub articles: std::ops::Range<usize>,
}

/// Something odd the parser or loader noticed that did not stop it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The file concerned.
    pub path: PathBuf,
    /// 1-based line; 0 when the warning concerns the whole file.
    pub line: usize,
    /// What was noticed, lowercase, without a trailing period.
    pub message: String,
}

/// The root the built-in corpus's documents' paths are under (`(built-in)/lixia.txt`; no such
/// folder exists). Here, below every module that prints a path, so that each names it one way.
pub const BUILTIN_ROOT: &str = "(built-in)";

/// A document's source path as outputs print it: as it is for a file, and `built-in lixia.txt`
/// for a document of the built-in corpus, which has no file a reader could open.
pub fn shown_path(path: &std::path::Path) -> String {
    match path.strip_prefix(BUILTIN_ROOT) {
        Ok(rest) if !rest.as_os_str().is_empty() => format!("built-in {}", rest.display()),
        _ => path.display().to_string(),
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = shown_path(&self.path);
        if self.line == 0 {
            write!(f, "{}: {}", shown, self.message)
        } else {
            write!(f, "{}:{}: {}", shown, self.line, self.message)
        }
    }
}

/// One parsed regulation.
#[derive(Debug, Clone, Serialize)]
pub struct Regulation {
    /// Its id in the corpus.
    pub id: DocId,
    /// Title, district, 文号, date and aliases.
    pub meta: DocMeta,
    /// The file it was read from.
    pub path: PathBuf,
    /// How it numbers its articles.
    pub style: ArticleStyle,
    /// Its chapters in order (one implicit chapter 0 when it has none).
    pub chapters: Vec<Chapter>,
    /// Its articles in order.
    pub articles: Vec<Article>,
    /// What the parser noticed (numbering gaps, trailing text).
    pub warnings: Vec<Warning>,
    /// Number of characters (not bytes) of the decoded source.
    pub chars: usize,
}

impl Article {
    /// The article's own label as its document writes it: 第三十九条, 第十七条之一, 四十三、.
    pub fn label(&self) -> String {
        crate::cite::article_label_as(self.style, self.form, self.number, self.sub)
    }

    /// The key that names this article and no other of its document: number, 之一 and which
    /// of several articles with that number it is (`3#2`).
    pub fn key(&self) -> crate::cite::ArticleKey {
        crate::cite::ArticleKey::with_occurrence(self.number, self.sub, self.form.occurrence)
    }
}

/// True for an article whose whole text notes its deletion: 删除, 本条删除, 删去, 已废止, in
/// brackets or not, with a full stop or not (`第十条 删除`, the place an edition amended in place
/// keeps for an article it struck). Such a note is no provision: `versions` reads it as no
/// article, the alignment links it to nothing.
pub fn is_placeholder(article: &Article) -> bool {
    let core: String = article
        .norm
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '（' | '）' | '(' | ')' | '【' | '】' | '[' | ']' | '。' | '.'
            )
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    let core = core.strip_prefix("本条").unwrap_or(&core);
    let core = core.strip_prefix('已').unwrap_or(core);
    matches!(core, "删除" | "删去" | "废止")
}

/// The label of a chapter by itself: 第八章 完善会议制度; its title alone for an unnumbered
/// division (附则) and for one numbered as a list item (四、附则), which is cited as written.
pub fn chapter_own_label(number: u32, title: &str) -> String {
    chapter_own_label_as(number, title, crate::cite::Numerals::Chinese)
}

/// [`chapter_own_label`] with the number written as the heading writes it (第2章 数据分类).
pub fn chapter_own_label_as(number: u32, title: &str, numerals: crate::cite::Numerals) -> String {
    if number == 0 || numbered_as_item(number, title) {
        return title.to_string();
    }
    let base = format!("第{}章", numerals.write(number));
    if title.is_empty() {
        base
    } else {
        format!("{base} {title}")
    }
}

/// True when `title` opens with `number` as a list item's (四、 for 4): the heading of a division
/// numbered 一、二、 over 第X条 articles, kept as written.
fn numbered_as_item(number: u32, title: &str) -> bool {
    number > 0
        && title
            .strip_prefix(crate::text::numeral::to_chinese(number).as_str())
            .is_some_and(|rest| rest.starts_with('、'))
}

impl Chapter {
    /// The chapter's own label, as [`chapter_own_label`] writes it (without its parts).
    pub fn label(&self) -> String {
        chapter_own_label_as(self.number, &self.title, self.numerals)
    }

    /// How an article of this chapter cites it (number, title and parts).
    pub fn reference(&self) -> ChapterRef {
        ChapterRef {
            numerals: self.numerals,
            number: self.number,
            title: self.title.clone(),
            parts: self.parts.clone(),
        }
    }

    /// True for a division numbered as a list item (四、附则); see [`ChapterRef::numbered_as_item`].
    pub fn numbered_as_item(&self) -> bool {
        numbered_as_item(self.number, &self.title)
    }
}

impl ChapterRef {
    /// True for a division numbered as a list item (`## 四、附则` in a judicial interpretation
    /// of 第X条 articles): its title is its heading as written, number and all, and it is cited so.
    pub fn numbered_as_item(&self) -> bool {
        numbered_as_item(self.number, &self.title)
    }

    /// 第八章 完善会议制度; empty for the implicit chapter 0 of a document without chapters;
    /// 四、附则 for a division numbered as a list item.
    /// In a code of parts the part comes first, as it is cited: 第二编 分则 第三章 ….
    pub fn label(&self) -> String {
        let own = chapter_own_label_as(self.number, &self.title, self.numerals);
        if self.parts.is_empty() {
            return own;
        }
        let mut label: Vec<String> = self.parts.iter().map(PartRef::label).collect();
        if !own.is_empty() {
            label.push(own);
        }
        label.join(" ")
    }
}

impl SectionRef {
    /// 第一节 一般规定.
    pub fn label(&self) -> String {
        let base = format!("第{}节", self.numerals.write(self.number));
        if self.title.is_empty() {
            base
        } else {
            format!("{base} {}", self.title)
        }
    }
}

impl Regulation {
    /// The articles of `range` (a chapter's, say) as a label: 第一条–第九条 when they count up,
    /// each label when they do not (a number repeated or out of order: 第一条、第一条#2、第三条、
    /// 第二条; the first and last three around `…` beyond eight), so that the outline shows the
    /// numbers the document has; `—` for none.
    pub fn range_label(&self, range: &std::ops::Range<usize>) -> String {
        let articles = self.articles.get(range.clone()).unwrap_or_default();
        let counts_up = articles
            .windows(2)
            .all(|w| (w[0].number, w[0].sub) < (w[1].number, w[1].sub));
        match articles {
            [] => "—".to_string(),
            [one] => one.label(),
            [first, .., last] if counts_up => format!("{}–{}", first.label(), last.label()),
            all if all.len() <= 8 => all
                .iter()
                .map(Article::label)
                .collect::<Vec<_>>()
                .join("、"),
            all => {
                let head: Vec<String> = all[..3].iter().map(Article::label).collect();
                let tail: Vec<String> = all[all.len() - 3..].iter().map(Article::label).collect();
                format!("{}…{} (out of order)", head.join("、"), tail.join("、"))
            }
        }
    }

    /// The article numbered `number` (the first of them if numbers repeat; 之一 articles excluded).
    pub fn article(&self, number: u32) -> Option<&Article> {
        self.articles
            .iter()
            .find(|a| a.number == number && a.sub == 0)
    }

    /// The article named by `key` (number, 之一 and occurrence).
    pub fn article_by_key(&self, key: crate::cite::ArticleKey) -> Option<&Article> {
        self.articles.iter().find(|a| a.key() == key)
    }

    /// The full citation of one of this document's articles:
    /// 济南市历下区人民政府工作规则 第八章 完善会议制度 第三十九条.
    pub fn citation(&self, article: &Article) -> String {
        let section = article.section.as_ref().map(SectionRef::label);
        crate::cite::citation(
            &self.meta.title,
            &article.chapter.label(),
            section.as_deref(),
            &article.label(),
            " ",
        )
    }
}

/// A citation of one article: document plus article number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ArticleRef {
    /// The document.
    pub doc: DocId,
    /// The article's number.
    pub article: u32,
}
