//! What the name of a regulation looks like: the endings names have (…条例, …办法, …規定) and a
//! draft's mark after them (…条例（草案）). Shared by the parser's title choice and the web page
//! reader's search for the name beside a page's text block.

use crate::text::fold::fold_han;
use regex::Regex;
use std::sync::OnceLock;

/// How the names of regulations and of the documents that issue them end.
pub(crate) const NAME_ENDS: [&str; 22] = [
    "条例", "规定", "办法", "规则", "细则", "章程", "决定", "决议", "意见", "通知", "方案", "规范",
    "准则", "标准", "制度", "纲要", "规程", "守则", "公约", "解释", "规划", "法",
];

/// Marks of a draft or an amendment a title may write outside brackets, longest first so that
/// removing them in order leaves no piece of one behind.
pub(crate) const EDITION_MARKS: [&str; 6] = [
    "修订草案",
    "修正草案",
    "征求意见稿",
    "送审稿",
    "修正案",
    "草案",
];

/// The name before a draft's or a trial's mark in brackets (某市供热条例（草案）, …（征求意见稿）,
/// …(修订草案), …（送审稿）, …（试行）): the mark is a short run of Chinese characters ending in
/// 草案 or 稿, or saying 试行 / 暂行. The title keeps the mark; the name alone says what it is.
pub fn without_draft_mark(t: &str) -> Option<&str> {
    let inner = t.strip_suffix(['）', ')'])?;
    let open = inner.rfind(['（', '('])?;
    let mark = inner[open..].trim_start_matches(['（', '(']);
    let name = inner[..open].trim_end();
    let short = (2..=12).contains(&mark.chars().count());
    let han = mark.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let drafty = mark.ends_with("草案")
        || mark.ends_with('稿')
        || mark.contains("试行")
        || mark.contains("暂行");
    (short && han && drafty && !name.is_empty()).then_some(name)
}

/// A line that reads as the name of a regulation: it ends as names do (…条例, …规定, …办法,
/// …规则, …法; in traditional characters too: …條例, …規定, …辦法), also before a draft's mark
/// (…条例（草案）), and quotes nothing and holds no date (the record of a decision that amended
/// it does both: `…批准的《…的决定》第二次修正`).
pub fn names_a_regulation(t: &str) -> bool {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let year = YEAR.get_or_init(|| {
        Regex::new(r"[0-9０-９〇零一二三四五六七八九]{4}\s*年").expect("static regex")
    });
    let name = fold_han(without_draft_mark(t).unwrap_or(t));
    name.chars().count() >= 4
        && NAME_ENDS.iter().any(|e| name.ends_with(e))
        && !t.contains(['《', '》'])
        && !year.is_match(t)
}

/// The regulation an amendment decision amends, when `title` is one: 关于修改《X》的决定 (and
/// 关于修改《X》等N件…的决定) → X. Such a document is a list of edits (一、将第三条修改为：“…”),
/// not a regulation: its items are no articles of the regulation's matter.
pub fn amends(title: &str) -> Option<&str> {
    let at = title.find("关于修改")?;
    let rest = &title[at + "关于修改".len()..];
    if !rest.contains("决定") {
        return None;
    }
    let open = rest.find('《')?;
    let inner = &rest[open + '《'.len_utf8()..];
    let close = inner.find('》')?;
    Some(&inner[..close]).filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amendment_decision_names_what_it_amends() {
        assert_eq!(
            amends("甲市人民代表大会常务委员会关于修改《甲市献血管理条例》的决定"),
            Some("甲市献血管理条例")
        );
        assert_eq!(
            amends(
                "最高人民法院关于修改《最高人民法院关于审理食品药品纠纷案件适用法律若干问题的规定》的决定"
            ),
            Some("最高人民法院关于审理食品药品纠纷案件适用法律若干问题的规定")
        );
        assert_eq!(amends("甲市献血管理条例"), None);
        assert_eq!(amends("中华人民共和国刑法修正案（三）"), None);
        assert_eq!(amends("关于修改地方性法规的工作规则"), None);
    }
}
