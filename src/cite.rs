//! How guize cites an article: as its document numbers it. A 第X条 document is cited 第三十九条, a
//! document that numbers its articles 四十三、 is cited 四十三、 (never an invented 第四十三条); the
//! number itself (43) is what JSON carries. Every label and citation of an article goes through
//! [`article_label`] and [`citation`]; pure, no corpus, no I/O.

use crate::text::numeral::to_chinese;
use serde::Serialize;
use std::fmt;

/// How a document numbers its articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStyle {
    /// Articles opened by 第三十九条 (条, "tiao" on the wire).
    #[default]
    #[serde(rename = "tiao")]
    Articles,
    /// Points opened by 三十九、 (顿号 numbering, "dun" on the wire).
    #[serde(rename = "dun")]
    Points,
}

/// How an article's marker writes its number, beyond the document's style: in Chinese numerals
/// (第三十九条), ASCII digits (第39条) or full-width digits (第３９条); with 条 or the traditional
/// 條 (第二條); and which of several articles with the same number it is (the second 第一条 of a
/// document that repeats it, cited 第一条#2). Set by the parser for each article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Form {
    /// How the main number is written.
    pub numerals: Numerals,
    /// 條 rather than 条.
    pub traditional: bool,
    /// 1 for the first article with this number and sub, 2 for the second…; 0 is read as 1.
    pub occurrence: u32,
    /// How a point's number is set off (三十九、, 1., （一）); a 第X条 article has no mark.
    pub mark: Mark,
}

/// How an article numbered as a list item sets off its number: 四十三、 (the 顿号 of an X、
/// document), or, in a document with no other numbering, 1. / 1． / （一） / (一).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mark {
    /// 四十三、
    #[default]
    Dun,
    /// 1. (ASCII full stop)
    Dot,
    /// 1． (full-width full stop)
    WideDot,
    /// （一） (full-width parentheses)
    Paren,
    /// (一) (ASCII parentheses)
    AsciiParen,
}

/// How a number is written in an article's marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Numerals {
    /// 三十九.
    #[default]
    Chinese,
    /// 39.
    Ascii,
    /// ３９.
    FullWidth,
}

impl Numerals {
    /// How `written` (the number as it stands in a marker) is written.
    pub fn of(written: &str) -> Numerals {
        if written.chars().all(|c| c.is_ascii_digit()) && !written.is_empty() {
            Numerals::Ascii
        } else if !written.is_empty() && written.chars().all(|c| ('０'..='９').contains(&c)) {
            Numerals::FullWidth
        } else {
            Numerals::Chinese
        }
    }

    /// Chinese numerals, the default (what JSON and the index leave out).
    pub fn is_chinese(&self) -> bool {
        *self == Numerals::Chinese
    }

    /// `n` written in these numerals: 39, ３９ or 三十九.
    pub fn write(self, n: u32) -> String {
        match self {
            Numerals::Chinese => to_chinese(n),
            Numerals::Ascii => n.to_string(),
            Numerals::FullWidth => n
                .to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
                .collect(),
        }
    }
}

/// An article's label as its document writes it: 第三十九条, 第十七条之一 (第X条 style); 四十三、,
/// 十七之一、 (X、 style).
pub fn article_label(style: ArticleStyle, number: u32, sub: u32) -> String {
    article_label_as(style, Form::default(), number, sub)
}

/// [`article_label`] in the article's own [`Form`]: 第39条, 第2条之一, 第二條, and `#2` after the
/// second article of a document with the same number (第一条#2), so that it can be told apart
/// and named again ([`split_occurrence`]).
pub fn article_label_as(style: ArticleStyle, form: Form, number: u32, sub: u32) -> String {
    let sub = if sub == 0 {
        String::new()
    } else {
        format!("之{}", to_chinese(sub))
    };
    let again = if form.occurrence > 1 {
        format!("#{}", form.occurrence)
    } else {
        String::new()
    };
    let n = form.numerals.write(number);
    let tiao = if form.traditional { '條' } else { '条' };
    match style {
        ArticleStyle::Articles => format!("第{n}{tiao}{sub}{again}"),
        ArticleStyle::Points => match form.mark {
            Mark::Dun => format!("{n}{sub}、{again}"),
            Mark::Dot => format!("{n}{sub}.{again}"),
            Mark::WideDot => format!("{n}{sub}．{again}"),
            Mark::Paren => format!("（{n}{sub}）{again}"),
            Mark::AsciiParen => format!("({n}{sub}){again}"),
        },
    }
}

/// An article reference with the occurrence it names: `第一条#2` → (`第一条`, 2); `39` → (`39`, 1).
/// `None` when what follows `#` is not a number from 1.
pub fn split_occurrence(reference: &str) -> Option<(&str, u32)> {
    match reference.rsplit_once(['#', '＃']) {
        None => Some((reference, 1)),
        Some((article, k)) => {
            let k: u32 = crate::text::numeral::parse_number(k.trim())?;
            (k >= 1).then_some((article.trim_end(), k))
        }
    }
}

/// An article's number in a table cell or a CSV column: `39`, and `17之一` for an inserted
/// article (第十七条之一), so that it is never read as the article it follows.
pub fn article_number(number: u32, sub: u32) -> String {
    if sub == 0 {
        number.to_string()
    } else {
        format!("{number}之{}", to_chinese(sub))
    }
}

/// Which article of a document: its number, the 之一 of an inserted article (0 for most) and
/// which of several articles with that number and sub it is (1 for the first; a document that
/// repeats 第三条 has 第三条 and 第三条#2). The one key by which parse output, alignment groups,
/// `compare`, JSON and the web app's URLs name an article. Written `3`, `17之一`, `3#2`
/// ([`fmt::Display`]), which [`ArticleKey::parse`] and `Regulation::find_article` read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ArticleKey {
    /// The article's number (39 for 第三十九条).
    pub number: u32,
    /// The 之一 of an inserted article, 0 for most.
    pub sub: u32,
    /// 1 for the first article with this number and sub, 2 for the second…
    pub occurrence: u32,
}

impl ArticleKey {
    /// The first (usually only) article numbered `number` 之`sub`.
    pub fn new(number: u32, sub: u32) -> ArticleKey {
        ArticleKey {
            number,
            sub,
            occurrence: 1,
        }
    }

    /// The key with its occurrence: 0 is read as 1.
    pub fn with_occurrence(number: u32, sub: u32, occurrence: u32) -> ArticleKey {
        ArticleKey {
            number,
            sub,
            occurrence: occurrence.max(1),
        }
    }

    /// Reads `3`, `17之一`, `3#2`, `第三条#2` (any form an article reference takes, with the
    /// occurrence after `#`); `None` for anything else.
    pub fn parse(text: &str) -> Option<ArticleKey> {
        let (article, occurrence) = split_occurrence(text.trim())?;
        let (number, sub) = crate::text::numeral::parse_article_ref(article)?;
        Some(ArticleKey::with_occurrence(number, sub, occurrence))
    }
}

impl fmt::Display for ArticleKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&article_number(self.number, self.sub))?;
        if self.occurrence > 1 {
            write!(f, "#{}", self.occurrence)?;
        }
        Ok(())
    }
}

/// Whether a sub is 0 (not an inserted article): JSON leaves such a `sub` out.
pub(crate) fn is_zero(sub: &u32) -> bool {
    *sub == 0
}

/// Whether an occurrence is the first (0 is read as 1): JSON leaves such an `occurrence` out.
pub(crate) fn is_first(occurrence: &u32) -> bool {
    *occurrence <= 1
}

/// A citation from its parts, each left out when empty: the document's name (a title or a
/// district), its chapter's label (`ChapterRef::label` of the model: 第八章 完善会议制度; empty for
/// the implicit chapter 0), its section and the article labels, joined by `sep` (" " for a full
/// citation, " · " in hit lists).
pub fn citation(
    name: &str,
    chapter: &str,
    section: Option<&str>,
    label: &str,
    sep: &str,
) -> String {
    let mut parts = vec![name.to_string(), chapter.to_string()];
    parts.extend(section.map(str::to_string));
    parts.push(label.to_string());
    parts.retain(|p| !p.is_empty());
    parts.join(sep)
}

/// The citation of a hit in a list (search hits and precedents alike): the name told apart from
/// another document of the same district or title (`DocMeta::distinct_name` of the model:
/// 北京市优化营商环境条例 (2020-03-27)), else the district, else the document's title, else (a
/// document that names itself nowhere) its id, then chapter label, section and article label
/// joined by " · " (历下区 · 第八章 完善会议制度 · 第三十九条, 某某市献血管理办法 · 第二章 采血与供血 ·
/// 第三条).
pub fn listed(
    distinct: &str,
    district: &str,
    title: &str,
    doc: &str,
    chapter: &str,
    section: Option<&str>,
    label: &str,
) -> String {
    let name = [distinct, district, title, doc]
        .into_iter()
        .find(|n| !n.is_empty())
        .unwrap_or_default();
    citation(name, chapter, section, label, " · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_document_style() {
        assert_eq!(article_label(ArticleStyle::Articles, 39, 0), "第三十九条");
        assert_eq!(article_label(ArticleStyle::Articles, 17, 1), "第十七条之一");
        assert_eq!(article_label(ArticleStyle::Points, 43, 0), "四十三、");
        assert_eq!(article_label(ArticleStyle::Points, 17, 1), "十七之一、");
    }

    #[test]
    fn labels_keep_the_documents_numerals_and_script() {
        let digits = Form {
            numerals: Numerals::Ascii,
            ..Form::default()
        };
        assert_eq!(
            article_label_as(ArticleStyle::Articles, digits, 1, 0),
            "第1条"
        );
        assert_eq!(
            article_label_as(ArticleStyle::Articles, digits, 2, 1),
            "第2条之一"
        );
        let wide = Form {
            numerals: Numerals::of("３９"),
            ..Form::default()
        };
        assert_eq!(
            article_label_as(ArticleStyle::Articles, wide, 39, 0),
            "第３９条"
        );
        let traditional = Form {
            traditional: true,
            ..Form::default()
        };
        assert_eq!(
            article_label_as(ArticleStyle::Articles, traditional, 2, 0),
            "第二條"
        );
        let again = Form {
            occurrence: 2,
            ..Form::default()
        };
        assert_eq!(
            article_label_as(ArticleStyle::Articles, again, 1, 0),
            "第一条#2"
        );
        assert_eq!(split_occurrence("第一条#2"), Some(("第一条", 2)));
        assert_eq!(split_occurrence("39"), Some(("39", 1)));
        assert_eq!(split_occurrence("1#0"), None);
        assert_eq!(Numerals::of("三十九"), Numerals::Chinese);
    }

    #[test]
    fn numbers_of_inserted_articles_carry_their_sub() {
        assert_eq!(article_number(2, 0), "2");
        assert_eq!(article_number(2, 1), "2之一");
        assert_eq!(article_number(17, 2), "17之二");
    }

    #[test]
    fn citations_leave_out_empty_parts() {
        assert_eq!(
            citation("兖州区", "第八章 会议制度", None, "四十三、", " · "),
            "兖州区 · 第八章 会议制度 · 四十三、"
        );
        assert_eq!(citation("", "", None, "第一条", " "), "第一条");
        assert_eq!(
            listed("", "", "", "lixia", "", Some("第一节"), "第一条"),
            "lixia · 第一节 · 第一条"
        );
        // A document without a district is cited by its title, never its file name.
        assert_eq!(
            listed(
                "",
                "",
                "某某市献血管理办法",
                "download(3)",
                "",
                None,
                "第三条"
            ),
            "某某市献血管理办法 · 第三条"
        );
        assert_eq!(
            listed(
                "",
                "历下区",
                "济南市历下区人民政府工作规则",
                "lixia",
                "",
                None,
                "第三条"
            ),
            "历下区 · 第三条"
        );
        // Two editions of one title are told apart in every hit list.
        assert_eq!(
            listed(
                "北京市优化营商环境条例 (2020-03-27)",
                "",
                "北京市优化营商环境条例",
                "北京市优化营商环境条例(2020-03-27)",
                "",
                None,
                "第三条"
            ),
            "北京市优化营商环境条例 (2020-03-27) · 第三条"
        );
    }
}
