//! The words around a number that bound or soften it (不超过, 以内, 原则上) and the period it is
//! counted per (每两周). Takes a clause and offsets into it; returns words and bounds, never prints.

use crate::text::numeral::is_numeral_char;
use crate::text::quantity::skip_spaces;
use serde::Serialize;

/// How the stated value limits what is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// As stated (每月召开2次, 提前3个工作日).
    Exact,
    /// An upper limit (不超过, 以内, 控制在, 只).
    AtMost,
    /// A lower limit (不少于, 至少, 以上, 超过).
    AtLeast,
    /// Roughly (左右).
    About,
    /// A range with both ends bounded (一万元以上十万元以下, 1—2次).
    Between,
}

/// Qualifiers written before the number, with the bound each implies. Longest first at a position.
const BEFORE: &[(&str, Option<Bound>)] = &[
    ("原则上", None),
    ("不得超过", Some(Bound::AtMost)),
    ("不超过", Some(Bound::AtMost)),
    ("不多于", Some(Bound::AtMost)),
    ("不高于", Some(Bound::AtMost)),
    ("不得高于", Some(Bound::AtMost)),
    ("不得低于", Some(Bound::AtLeast)),
    ("不得少于", Some(Bound::AtLeast)),
    ("不少于", Some(Bound::AtLeast)),
    ("不低于", Some(Bound::AtLeast)),
    // 身高低于一百四十厘米: below a mark is at most it; above (高于) at least.
    ("低于", Some(Bound::AtMost)),
    ("高于", Some(Bound::AtLeast)),
    ("至少", Some(Bound::AtLeast)),
    ("最少", Some(Bound::AtLeast)),
    ("最多", Some(Bound::AtMost)),
    // 使用周期最长为20年, 最短公示期为一年: the longest allowed is a ceiling, the shortest a floor.
    ("最长", Some(Bound::AtMost)),
    ("最短", Some(Bound::AtLeast)),
    ("控制在", Some(Bound::AtMost)),
    ("超过", Some(Bound::AtLeast)),
    ("少于", Some(Bound::AtMost)),
    ("不足", Some(Bound::AtMost)),
    ("不满", Some(Bound::AtMost)),
    ("未满", Some(Bound::AtMost)),
    ("年满", Some(Bound::AtLeast)),
    ("提前", None),
    ("会前", None),
    ("一般", None),
    ("只", Some(Bound::AtMost)),
    ("仅", Some(Bound::AtMost)),
];

/// Qualifiers written right after the unit; 前/后 make a duration a deadline before or after an
/// event (会议举行的一个月前).
const AFTER: &[(&str, Option<Bound>)] = &[
    ("及以上", Some(Bound::AtLeast)),
    ("以上", Some(Bound::AtLeast)),
    ("以内", Some(Bound::AtMost)),
    ("之内", Some(Bound::AtMost)),
    ("以下", Some(Bound::AtMost)),
    ("左右", Some(Bound::About)),
    ("以前", None),
    ("之前", None),
    ("以后", None),
    ("之后", None),
    ("内", Some(Bound::AtMost)),
    ("前", None),
    ("后", None),
];

/// Qualifiers whose bound leaves the stated figure out (不足3万元 is less than 3万元, 超过30日 more
/// than 30日); every other bound holds it (3万元以上, 以下, 以内, 不超过, 不少于: the figure
/// included, as 以上/以下 are read in Chinese law). A word counts only as written whole: 不超过 and
/// 不低于 are no 超过 or 低于.
const STRICT: &[&str] = &["不足", "不满", "未满", "少于", "低于", "超过", "高于", "过"];

/// Single characters that qualify only right before the number: 过半数 (more than half),
/// 多一人 (one more). Elsewhere they are parts of words (通过, 经过, 许多).
const ADJACENT: &[(char, Option<Bound>, &str)] = &[
    ('过', Some(Bound::AtLeast), "通经超越"),
    ('多', None, "许很最更较"),
];

/// One qualifier word found near a number: its text as written and byte range in the clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// The qualifiers of one quantity, in text order, and the bound they imply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Qualifiers {
    pub words: Vec<Word>,
    pub bound: Bound,
    /// The bound leaves the figure out (不足, 超过: < and >, not ≤ and ≥).
    pub strict: bool,
    /// 原则上 or 一般: the figure is the rule, exceptions allowed.
    pub soft: bool,
}

impl Qualifiers {
    /// The words joined for display: adjacent words run together (一般不超过), separated ones with
    /// an ellipsis (原则上…以内).
    pub fn display(&self) -> String {
        let mut out = String::new();
        let mut last_end = None;
        for w in &self.words {
            if let Some(e) = last_end
                && e != w.start
            {
                out.push('…');
            }
            out.push_str(&w.text);
            last_end = Some(w.end);
        }
        out
    }
}

/// Qualifiers of the quantity whose number starts at `num` and whose unit ends at `unit_end`,
/// looking back no further than `from` (the clause start or the previous quantity's end).
pub(crate) fn qualifiers(clause: &str, from: usize, num: usize, unit_end: usize) -> Qualifiers {
    let mut words = before_words(clause, from, num);
    let after = skip_spaces(clause, unit_end);
    // 十万平方米（含）以上: the bound written after the mark that the figure is included.
    let after = skip_spaces(clause, after + inclusive_mark(&clause[after..]));
    if let Some((w, _)) = AFTER.iter().find(|(w, _)| clause[after..].starts_with(w)) {
        words.push(Word {
            text: (*w).to_string(),
            start: after,
            end: after + w.len(),
        });
    }
    let (bound, strict) = bound_of(&words);
    let soft = words.iter().any(|w| w.text == "原则上" || w.text == "一般");
    Qualifiers {
        words,
        bound,
        strict,
        soft,
    }
}

/// Length of a mark that the figure itself is included (（含）, (含)) at the start of `text`, or 0.
pub(crate) fn inclusive_mark(text: &str) -> usize {
    ["（含）", "(含)"]
        .iter()
        .find(|m| text.starts_with(*m))
        .map_or(0, |m| m.len())
}

fn before_words(clause: &str, from: usize, num: usize) -> Vec<Word> {
    let window = &clause[from..num];
    let mut words = window_words(clause, from, window);
    // 过半数, 多一人: one character right before the number.
    let trimmed = window.trim_end_matches(crate::text::quantity::is_space);
    let mut tail = trimmed.chars().rev();
    if let (Some(c), before) = (tail.next(), tail.next())
        && let Some((_, _, not_after)) = ADJACENT.iter().find(|(a, _, _)| *a == c)
        && !before.is_some_and(|b| not_after.contains(b))
        && !words.iter().any(|w| w.end == from + trimmed.len())
    {
        let start = from + trimmed.len() - c.len_utf8();
        words.push(Word {
            text: c.to_string(),
            start,
            end: start + c.len_utf8(),
        });
    }
    words
}

fn window_words(clause: &str, from: usize, window: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut pos = 0;
    while pos < window.len() {
        let rest = &window[pos..];
        let hit = BEFORE.iter().find(|(w, _)| rest.starts_with(w));
        match hit {
            Some((w, _))
                if is_qualifier_use(w, &clause[..from + pos], &clause[from + pos + w.len()..]) =>
            {
                let mut text = (*w).to_string();
                let mut start = from + pos;
                // 不得同时超过: a negation shortly before 超过 makes it an upper limit.
                if *w == "超过"
                    && let Some(neg) = negation_before(window, pos)
                {
                    start = from + neg;
                    text = clause[start..from + pos + w.len()].to_string();
                }
                words.push(Word {
                    text,
                    start,
                    end: from + pos + w.len(),
                });
                pos += w.len();
            }
            _ => pos += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    words
}

/// 一般 qualifies only when a verb, adverb or number follows (一般应在, 一般每, 一般不超过); before
/// a noun it is an adjective (一般文件, 一般性支出). 只 is "only" when a number or a modal verb
/// follows it (只限3人, 只能提前一天) and no 每 or numeral comes before it: 每只, 三只 count
/// animals, and 犬只出生满三个月, 每只二百元 are no hedges.
fn is_qualifier_use(word: &str, before: &str, after: &str) -> bool {
    let next = after.chars().next();
    match word {
        "一般" => next.is_some_and(|c| {
            "每应不在于须要控只为由以提召安报可均".contains(c) || is_numeral_char(c) || c == '半'
        }),
        "只" => {
            let counted = before
                .chars()
                .next_back()
                .is_some_and(|c| c == '每' || is_numeral_char(c));
            !counted && next.is_some_and(|c| is_numeral_char(c) || "能限需可准有要".contains(c))
        }
        _ => true,
    }
}

/// Modal negations that forbid the act they open, however long the words of the act between them
/// and 超过 (不得一次性收取超过二十年的…: no more than twenty years).
const MODAL_NEGATIONS: &[&str] = &["不得", "不能", "不应", "不可", "不宜", "不准"];

/// Characters before 超过 within which a modal negation ([`MODAL_NEGATIONS`]) still bounds it.
const MODAL_REACH: usize = 10;

/// Byte offset of a 不 within four characters before `pos` in `window`, or of a modal negation
/// within [`MODAL_REACH`] characters with no punctuation between, if any.
fn negation_before(window: &str, pos: usize) -> Option<usize> {
    let near = window[..pos]
        .char_indices()
        .rev()
        .take(4)
        .find(|(_, c)| *c == '不')
        .map(|(i, _)| i);
    near.or_else(|| {
        window[..pos]
            .char_indices()
            .rev()
            .take(MODAL_REACH)
            .take_while(|(_, c)| !"，；。：！？,;:!?".contains(*c))
            .find(|&(i, _)| MODAL_NEGATIONS.iter().any(|m| window[i..].starts_with(m)))
            .map(|(i, _)| i)
    })
}

/// The bound the last bounding word sets, and whether that word leaves the figure out
/// ([`STRICT`]).
fn bound_of(words: &[Word]) -> (Bound, bool) {
    let mut bound = Bound::Exact;
    let mut strict = false;
    for w in words {
        let b = if w.text.starts_with('不') && w.text.ends_with("超过") {
            Some(Bound::AtMost)
        } else {
            BEFORE
                .iter()
                .find(|(t, _)| *t == w.text)
                .and_then(|(_, b)| *b)
                .or_else(|| {
                    AFTER
                        .iter()
                        .find(|(t, _)| *t == w.text)
                        .and_then(|(_, b)| *b)
                })
                .or_else(|| {
                    ADJACENT
                        .iter()
                        .find(|(c, _, _)| w.text.starts_with(*c) && w.text.chars().count() == 1)
                        .and_then(|(_, b, _)| *b)
                })
        };
        if let Some(b) = b {
            bound = b;
            strict = STRICT.contains(&w.text.as_str());
        }
    }
    (bound, strict)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(clause: &str, num: &str, unit: &str) -> Qualifiers {
        let n = clause.find(num).expect("number in clause");
        let u = clause[n..].find(unit).expect("unit") + n + unit.len();
        qualifiers(clause, 0, n, u)
    }

    #[test]
    fn before_and_after_words_in_text_order() {
        let x = q("原则上控制在5000字以内", "5000", "字");
        assert_eq!(x.display(), "原则上控制在…以内");
        assert_eq!(x.bound, Bound::AtMost);
        assert!(x.soft);
        let x = q("应至少提前 3 个工作日报", "3", "个工作日");
        assert_eq!(x.display(), "至少提前");
        assert_eq!(x.bound, Bound::AtLeast);
        let x = q("涉及两位以上副区长", "两", "位");
        assert_eq!((x.display().as_str(), x.bound), ("以上", Bound::AtLeast));
    }

    #[test]
    fn yiban_before_a_noun_is_not_a_qualifier() {
        let x = q("一般文件阅批时限不超过 48 小时", "48", "小时");
        assert_eq!(x.display(), "不超过");
        let x = q("一般应在5个工作日内回复", "5", "个工作日");
        assert_eq!(x.display(), "一般…内");
    }

    #[test]
    fn zhi_after_a_noun_or_mei_counts_animals_and_hedges_nothing() {
        assert!(q("并处每只二百元罚款", "二百", "元").words.is_empty());
        let born = q("犬只出生满三个月后", "三", "个月");
        assert!(born.words.iter().all(|w| w.text != "只"), "{born:?}");
        assert_ne!(born.bound, Bound::AtMost);
        let only = q("每次会议只限3人列席", "3", "人");
        assert_eq!(only.bound, Bound::AtMost);
        assert_eq!(only.words[0].text, "只");
    }

    #[test]
    fn a_modal_negation_before_the_act_caps_what_it_exceeds() {
        // 河南省殡葬管理办法: no more than twenty years' fees at once.
        let capped = q("不得一次性收取超过二十年的墓穴管理费", "二十", "年");
        assert_eq!((capped.bound, capped.strict), (Bound::AtMost, false));
        // A 不 that negates no modal, far before 超过, leaves it a floor (overdue by more than).
        let over = q("不按时缴纳费用超过三十日的", "三十", "日");
        assert_eq!((over.bound, over.strict), (Bound::AtLeast, true));
        // A negation in an earlier clause bounds nothing here.
        let apart = q("不得拖延，超过三十日的", "三十", "日");
        assert_eq!(apart.bound, Bound::AtLeast);
    }

    #[test]
    fn the_longest_allowed_is_a_ceiling_and_the_shortest_a_floor() {
        // 北京市殡葬管理条例: 使用周期最长为20年.
        assert_eq!(
            q("公墓墓穴使用周期最长为20年", "20", "年").bound,
            Bound::AtMost
        );
        assert_eq!(q("最短公示期为三个月", "三", "个月").bound, Bound::AtLeast);
    }

    #[test]
    fn a_bound_that_leaves_the_figure_out_is_strict() {
        let below = q("违法所得不足3万元的", "3", "万元");
        assert_eq!((below.bound, below.strict), (Bound::AtMost, true));
        let above = q("违法所得3万元以上的", "3", "万元");
        assert_eq!((above.bound, above.strict), (Bound::AtLeast, false));
        let within = q("应当在30日内作出决定", "30", "日");
        assert_eq!((within.bound, within.strict), (Bound::AtMost, false));
        let over = q("出席人数须超过应到人数的二分之一", "二分之一", "一");
        assert_eq!((over.bound, over.strict), (Bound::AtLeast, true));
        // 不得同时超过 is a ceiling that holds its figure.
        let capped = q("原则上不得同时超过3人", "3", "人");
        assert_eq!((capped.bound, capped.strict), (Bound::AtMost, false));
        let floor = q("比例不低于百分之二十", "百分之二十", "二十");
        assert_eq!((floor.bound, floor.strict), (Bound::AtLeast, false));
    }

    #[test]
    fn negated_chaoguo_is_an_upper_limit() {
        let x = q("原则上不得同时超过3人", "3", "人");
        assert_eq!(x.display(), "原则上不得同时超过");
        assert_eq!(x.bound, Bound::AtMost);
        let x = q("出席人数须超过应到人数的二分之一", "二分之一", "一");
        assert_eq!(x.bound, Bound::AtLeast);
    }
}
