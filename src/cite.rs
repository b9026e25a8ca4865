//! How guize cites an article: as its document numbers it. A 第X条 document is cited 第三十九条, a
//! document that numbers its articles 四十三、 is cited 四十三、 (never an invented 第四十三条); the
//! number itself (43) is what JSON carries. Every label and citation of an article goes through
//! [`article_label`] and [`citation`]; pure, no corpus, no I/O.

use crate::text::numeral::to_chinese;
use serde::Serialize;

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

/// An article's label as its document writes it: 第三十九条, 第十七条之一 (第X条 style); 四十三、,
/// 十七之一、 (X、 style).
pub fn article_label(style: ArticleStyle, number: u32, sub: u32) -> String {
    let sub = if sub == 0 {
        String::new()
    } else {
        format!("之{}", to_chinese(sub))
    };
    match style {
        ArticleStyle::Articles => format!("第{}条{sub}", to_chinese(number)),
        ArticleStyle::Points => format!("{}{sub}、", to_chinese(number)),
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

/// The citation of a hit in a list (search hits and precedents alike): the district, else the
/// document's id, then chapter label, section and article label joined by " · "
/// (历下区 · 第八章 完善会议制度 · 第三十九条).
pub fn listed(
    district: &str,
    doc: &str,
    chapter: &str,
    section: Option<&str>,
    label: &str,
) -> String {
    let name = if district.is_empty() { doc } else { district };
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
            listed("", "lixia", "", Some("第一节"), "第一条"),
            "lixia · 第一节 · 第一条"
        );
    }
}
