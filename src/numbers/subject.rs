//! What a figure governs: a topic (常务会议, 会签, 议题) from the words before it and an aspect
//! (召开频次, 回复时限, 篇幅) from its unit, qualifiers and verb. Takes text, returns names.

use crate::text::quantity::UnitKind;

/// Topic words as written and the canonical topic they name; longest first at a position.
/// The canonical names merge spellings that documents use for the same thing (文件/文稿/公文).
const TOPICS: &[(&str, &str)] = &[
    ("区长办公会议", "区长办公会议"),
    ("区长办公会", "区长办公会议"),
    ("区长碰头会议", "区长碰头会议"),
    ("区长碰头会", "区长碰头会议"),
    ("议题申报单", "议题"),
    ("议题材料", "议题"),
    ("汇报材料", "议题"),
    ("全区性会议", "全区性会议"),
    ("全区性年度工作会议", "全区性会议"),
    ("全体会议", "全体会议"),
    ("常务会议", "常务会议"),
    ("专题会议", "专题会议"),
    ("工作会议", "工作会议"),
    ("会议纪要", "会议纪要"),
    ("征求意见", "会签"),
    ("会签", "会签"),
    ("议题", "议题"),
    ("简报", "简报"),
    ("文稿", "公文"),
    ("公文", "公文"),
    ("文件", "公文"),
    ("短文", "公文"),
    ("请假", "请假"),
    ("外出", "外出"),
    ("休假", "外出"),
    ("出访", "外出"),
    ("离威", "外出"),
    ("离济", "外出"),
    ("请柬", "邀请"),
    ("邀请", "邀请"),
    ("调查研究", "调研"),
    ("调研", "调研"),
    ("列席", "列席"),
    ("通信", "通信联络"),
    ("联系", "通信联络"),
    ("依法行政情况", "依法行政报告"),
    ("协商", "协商"),
    ("罚款", "罚款"),
    ("罚金", "罚款"),
    ("拘留", "拘留"),
    // Penalties measured by a span (行政处罚法's 暂扣, 责令停产停业, 限制从业 and the professions'
    // suspensions): each is its own penalty, and its span is compared with that penalty's only.
    ("责令停产停业", "停产停业"),
    ("停产停业", "停产停业"),
    ("停产整顿", "停产整顿"),
    ("停业整顿", "停业整顿"),
    ("停止执业", "停止执业"),
    ("暂停执业", "暂停执业"),
    ("限制从业", "限制从业"),
    ("有效期", "有效期"),
    ("信访", "信访"),
    ("退还", "退费"),
    ("退费", "退费"),
];

/// Verbs that say what must happen within or by the figure; longest first at a position.
const VERBS: &[&str] = &[
    "阅批", "回复", "印发", "报送", "报备", "汇报", "报告", "召开", "办结", "完成", "修改", "答复",
    "反馈", "审核", "送", "报", "调研", "列席", "请假",
];

/// The subject `topic·aspect` of a figure whose number starts at byte `num` of `sentence`.
pub(crate) struct SubjectCues<'a> {
    pub sentence: &'a str,
    /// Byte offset of the number in `sentence`.
    pub num: usize,
    /// Byte offset just past the unit (and any trailing qualifier) in `sentence`.
    pub end: usize,
    pub kind: UnitKind,
    /// Canonical unit (人, 个工作日…).
    pub unit: &'a str,
    pub has_per: bool,
    /// Qualifier words (提前, 不少于…).
    pub qualifiers: &'a [String],
    /// The article's whole text, for a topic when the sentence names none.
    pub article: &'a str,
    /// The head of the table column the figure sits in (罚款 over 一千元以上五千元以下), when
    /// the figure is a cell of a table row ([`column_head`]).
    pub column: Option<&'a str>,
}

/// The head of the column of a table whose row holds byte `at` of `article`: a table is a run of
/// lines of cells set off by tabs (as the parser writes a Markdown, DOCX or HTML table), its
/// first line the heads. `None` outside a table, in the head line itself, or when the head cell
/// states a figure or a year (a column of sums or of 2020年 names no matter).
pub(crate) fn column_head(article: &str, at: usize) -> Option<&str> {
    let mut at = at.min(article.len());
    while !article.is_char_boundary(at) {
        at -= 1;
    }
    let (line_start, line) = row_around(article, at)?;
    if !line.contains('\t') {
        return None;
    }
    let column = article[line_start..at].matches('\t').count();
    // The lines above while they are rows too; the first of the run is the heads. A table of
    // more rows than any regulation's is read as none (each figure walks up to its heads).
    let mut head = None;
    let mut end = line_start;
    for _ in 0..MAX_ROWS_ABOVE {
        if end == 0 {
            break;
        }
        let Some((above_start, above)) = row_around(article, end - 1) else {
            break;
        };
        if !above.contains('\t') {
            break;
        }
        head = Some(above);
        end = above_start;
    }
    let cell = head?.split('\t').nth(column)?.trim();
    let names = !cell.is_empty()
        && !cell.chars().any(|c| c.is_ascii_digit())
        && super::figure_spans(cell).is_empty();
    names.then_some(cell)
}

/// Longest line read as a table row, in bytes: a longer line is prose, and looking no further
/// keeps a figure's search for its row bounded (a 14 MB one-line article has 190,000 figures).
const MAX_ROW_BYTES: usize = 4_000;

/// Most rows walked up from a cell to its table's heads.
const MAX_ROWS_ABOVE: usize = 500;

/// The line holding byte `at` (a char boundary, or the end) of `text`, with its start, when it is
/// at most [`MAX_ROW_BYTES`] long.
fn row_around(text: &str, at: usize) -> Option<(usize, &str)> {
    let mut from = at.saturating_sub(MAX_ROW_BYTES);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let start = match text[from..at].rfind('\n') {
        Some(i) => from + i + 1,
        None if from == 0 => 0,
        None => return None,
    };
    let mut to = (at + MAX_ROW_BYTES).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let end = match text[at..to].find('\n') {
        Some(i) => at + i,
        None if to == text.len() => to,
        None => return None,
    };
    Some((start, &text[start..end]))
}

/// The topic of a figure whose text names none of [`TOPICS`]: the subject then names no matter.
pub(crate) const NO_TOPIC: &str = "其他";

/// The subject as shown, `topic·aspect` (常务会议·召开频次); a figure with no topic is named by its
/// aspect alone (最低温度, 提前时限): 其他 names no matter, so it never heads a subject.
pub(crate) fn joined(topic: &str, aspect: &str) -> String {
    if topic == NO_TOPIC {
        aspect.to_string()
    } else {
        format!("{topic}·{aspect}")
    }
}

pub(crate) fn subject(c: &SubjectCues<'_>) -> (String, String) {
    let before = &c.sentence[..c.num];
    let after = &c.sentence[c.end.min(c.sentence.len())..];
    let wants_meeting = c.kind == UnitKind::Times && c.has_per;
    let topic = wants_meeting
        .then(|| nearest_meeting(before).or_else(|| first_meeting(c.article)))
        .flatten()
        // The figure's own clause first (处以五十元罚款 is a fine, whatever the sentence's 交通信号
        // says), then the sentence before it, then after it, then the article's opening sentence,
        // which names what the article is about (大力精简文件。…). A topic word anywhere else in
        // the article names another matter: on four 物业管理条例 a 联系方式 two paragraphs on
        // made the share of owners on a 筹备组 a matter of 通信联络.
        // A table cell's column head names what every cell below it states (罚款).
        // A penalty names only the figures a penalty states (a fine's sum or multiple, a
        // detention's days): 三十分钟内未赶到现场 in a fine's list of conduct is the conduct's.
        .or_else(|| c.column.and_then(|t| nearest_topic(t, c.kind)))
        .or_else(|| nearest_topic(clause_before(c.sentence, c.num), c.kind))
        .or_else(|| first_topic(clause_after(c.sentence, c.end), c.kind))
        .or_else(|| nearest_topic(before, c.kind))
        .or_else(|| first_topic(after, c.kind))
        .or_else(|| first_topic(opening(c.article), c.kind))
        // A sum in a penalty's case (货值金额不足一万元的，并处…罚款; 违法所得五万元以上的) bounds
        // the case: it is the measure of the conduct, not a fine, whatever fine the case is given.
        .filter(|t| !(bounds_a_case(c) && PENALTY_TOPICS.contains(t)))
        // A suspension's span is said in the suspension's own clause (给予停止执业一个月以上…,
        // 一个月以上三个月以下停业整顿); a span elsewhere in its sentence or article (提前二十四小时
        // 通知 after a 停产停业 decision) is of another act.
        .filter(|t| {
            !SUSPENSIONS.contains(t)
                || nearest_topic(clause_before(c.sentence, c.num), c.kind) == Some(*t)
                || first_topic(clause_after(c.sentence, c.end), c.kind) == Some(*t)
        })
        .unwrap_or(NO_TOPIC);
    (topic.to_string(), aspect(c, topic))
}

/// Whether the figure ends the case a sentence states a rule for: its clause goes on to 的 and
/// stops (货值金额一万元以上的，…).
fn bounds_a_case(c: &SubjectCues<'_>) -> bool {
    clause_after(c.sentence, c.end).trim_end().ends_with('的')
}

/// Penalties measured by a span ([`TOPICS`] names them so): a span said in the clause of one is
/// that penalty's length, compared with the same penalty's only (a firm's 停业整顿 is not a
/// lawyer's 停止执业).
const SUSPENSIONS: &[&str] = &[
    "停产停业",
    "停产整顿",
    "停业整顿",
    "停止执业",
    "暂停执业",
    "限制从业",
];

/// Topics of penalties ([`TOPICS`] names them so): the conduct a penalty is for is the matter,
/// not the penalty.
pub(crate) const PENALTY_TOPICS: &[&str] = &["罚款", "拘留"];

/// The first sentence of an article's text.
fn opening(article: &str) -> &str {
    crate::text::sentence::first_sentence(article)
}

fn is_meeting(topic: &str) -> bool {
    topic.ends_with("会议")
}

fn first_meeting(text: &str) -> Option<&'static str> {
    topic_hits(text)
        .iter()
        .map(|h| h.name)
        .find(|n| is_meeting(n))
}

/// For a frequency, the meeting closest before it (…列席，一般每2周召开1次 counts meetings).
fn nearest_meeting(text: &str) -> Option<&'static str> {
    topic_hits(text)
        .iter()
        .rev()
        .map(|h| h.name)
        .find(|n| is_meeting(n))
}

/// The topic word closest before `text`'s end. A generic document word right after another topic
/// word is its object (会签文件 → 会签).
fn nearest_topic(text: &str, kind: UnitKind) -> Option<&'static str> {
    let mut hits = topic_hits(text);
    hits.retain(|h| names_figure(h.name, kind));
    let last = hits.last()?;
    match hits.len().checked_sub(2).map(|i| &hits[i]) {
        Some(prev) if last.name == "公文" && prev.end == last.start => Some(prev.name),
        _ => Some(last.name),
    }
}

fn first_topic(text: &str, kind: UnitKind) -> Option<&'static str> {
    topic_hits(text)
        .iter()
        .map(|h| h.name)
        .find(|n| names_figure(n, kind))
}

/// Whether topic `name` can be what a figure of `kind` governs: a fine (罚款) states a sum, a
/// multiple or a share of something; a detention (拘留) a span of days. Any other figure in a
/// penalty's sentence is of the conduct punished (接到报告后三十分钟内未赶到现场的).
fn names_figure(name: &str, kind: UnitKind) -> bool {
    match name {
        "罚款" => matches!(kind, UnitKind::Money | UnitKind::Ratio | UnitKind::Share),
        "拘留" => kind == UnitKind::Duration,
        t if SUSPENSIONS.contains(&t) => kind == UnitKind::Duration,
        _ => true,
    }
}

struct Hit {
    name: &'static str,
    start: usize,
    end: usize,
}

/// The topic words of `text`, traditional characters read as simplified (罰款 is 罚款; folding
/// keeps byte lengths, so the offsets are `text`'s).
fn topic_hits(text: &str) -> Vec<Hit> {
    let folded = crate::text::fold::fold_han(text);
    let text = folded.as_ref();
    let mut hits = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        match TOPICS.iter().find(|(w, _)| rest.starts_with(w)) {
            Some((w, name)) => {
                hits.push(Hit {
                    name,
                    start: pos,
                    end: pos + w.len(),
                });
                pos += w.len();
            }
            None => pos += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    hits
}

fn first_verb(text: &str) -> Option<&'static str> {
    verbs(text).next()
}

fn last_verb(text: &str) -> Option<&'static str> {
    verbs(text).last()
}

/// The [`VERBS`] of `text` in order, longest first at a position. A verb of one character inside
/// a longer word of jieba's cut is part of that word, no verb of its own (报 of 举报).
fn verbs(text: &str) -> impl Iterator<Item = &'static str> + '_ {
    let mut pos = 0;
    // jieba's cut of `text`, made once, when a one-character verb first needs it.
    let mut words: Option<Vec<std::ops::Range<usize>>> = None;
    std::iter::from_fn(move || {
        while pos < text.len() {
            let rest = &text[pos..];
            let at = pos;
            match VERBS.iter().find(|v| rest.starts_with(*v)) {
                Some(v) if !inside_a_word(text, at, v, &mut words) => {
                    pos += v.len();
                    return Some(*v);
                }
                _ => pos += rest.chars().next().map_or(1, char::len_utf8),
            }
        }
        None
    })
}

/// Whether the one-character `verb` at byte `at` of `text` lies inside a longer word of jieba's
/// cut of `text` (举报, 运送到; 工作日报区政府 is cut 工作日 / 报 / 区政府: 报 stands alone).
/// `words` holds the cut once made.
fn inside_a_word(
    text: &str,
    at: usize,
    verb: &str,
    words: &mut Option<Vec<std::ops::Range<usize>>>,
) -> bool {
    if verb.chars().count() != 1 {
        return false;
    }
    let end = at + verb.len();
    let words = words.get_or_insert_with(|| {
        crate::segment::Segmenter::global()
            .tokens(text)
            .iter()
            .map(|t| t.start..t.end)
            .collect()
    });
    words
        .iter()
        .any(|w| w.start <= at && w.end >= end && w.end - w.start > verb.len())
}

/// The part of the text before a figure where the act it governs may be named: after the case
/// the rule is stated for (符合首次业主大会会议召开条件的，… is a condition, and its 召开 no act of
/// the rule) and after the moment a limit runs from (收到报告或者申请之日起: the report is what
/// starts the limit, not what must be done within it).
fn acting(before: &str) -> &str {
    let mut start = before.rfind("的，").map_or(0, |i| i + "的，".len());
    // The event a limit runs from (接到…报告后，…三十分钟内赶到现场; 在出具检验报告后三个工作日内)
    // is not the act it limits: its verb is no aspect of the figure.
    for mark in ["后，", "后,"] {
        if let Some(i) = before[start..].rfind(mark) {
            start += i + mark.len();
        }
    }
    if before[start..].ends_with('后') {
        return "";
    }
    for mark in ["之日起", "之时起", "后起"] {
        if let Some(i) = before[start..].rfind(mark) {
            start += i + mark.len();
        }
    }
    &before[start..]
}

/// What a length measures when the words right before it name a dimension (室内层高不足2.2米: a
/// height, not a distance): the last of 高, 宽, 深, 长 among the last four characters of its
/// clause, the bounding words (不足, 不低于…) left out.
fn dimension(before: &str) -> Option<&'static str> {
    let trimmed = [
        "不得低于",
        "不低于",
        "不得小于",
        "不小于",
        "不足",
        "不超过",
        "大于",
        "小于",
        "低于",
        "高于",
        "为",
        "达到",
        "超过",
        "在",
    ]
    .iter()
    .find_map(|w| before.strip_suffix(w))
    .unwrap_or(before);
    let tail: Vec<char> = trimmed.chars().rev().take(4).collect();
    tail.iter().find_map(|c| match c {
        '高' => Some("高度"),
        '宽' => Some("宽度"),
        '深' => Some("深度"),
        '长' => Some("长度"),
        _ => None,
    })
}

/// The clause (up to the next ，；。) after `end`.
fn clause_after(sentence: &str, end: usize) -> &str {
    let rest = &sentence[end.min(sentence.len())..];
    let stop = rest
        .find(['，', '；', '。', ',', '（', '\n'])
        .unwrap_or(rest.len());
    &rest[..stop]
}

/// The clause before `num`, back to the previous ，；。
fn clause_before(sentence: &str, num: usize) -> &str {
    let head = &sentence[..num.min(sentence.len())];
    let start = head.rfind(['，', '；', '。', ',']).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    &head[start..]
}

fn aspect(c: &SubjectCues<'_>, topic: &str) -> String {
    let has = |w: &str| c.qualifiers.iter().any(|q| q.contains(w));
    let before = clause_before(c.sentence, c.num);
    let after = clause_after(c.sentence, c.end);
    let local_verb = || first_verb(after).or_else(|| last_verb(acting(before)));
    // A time limit may name its verb earlier in the sentence (…回复，特别复杂的不得超过一周).
    let verb = || local_verb().or_else(|| last_verb(acting(&c.sentence[..c.num])));
    match c.kind {
        UnitKind::Times if c.has_per => {
            let v = local_verb().or(is_meeting(topic).then_some("召开"));
            format!("{}频次", v.unwrap_or(""))
        }
        UnitKind::Times => "次数".to_string(),
        UnitKind::Duration if has("前") => "提前时限".to_string(),
        UnitKind::Duration if has("不少于") || has("至少") => "时间".to_string(),
        UnitKind::Duration if before.contains("时间") => "时间".to_string(),
        // A span that qualifies the noun after it (不超过二十日的护理假, 三个月的试用期) is that
        // thing's length, not a deadline for an act: 的 right after the figure, no 内 on it.
        UnitKind::Duration if !has("内") && after.starts_with('的') => "时间".to_string(),
        UnitKind::Duration if has("内") || has("不超过") || has("不得超过") => match verb()
        {
            Some(v) => format!("{v}时限"),
            None => "时限".to_string(),
        },
        UnitKind::Duration => "时间".to_string(),
        UnitKind::Length => "篇幅".to_string(),
        // Only the figure's own clause says what the share is of: in 三分之二以上成员出席…，作出
        // 决定时应当经全体成员过半数签字同意, 过半数 is the decision's share, not attendance.
        UnitKind::Share if before.contains("出席") || after.contains("出席") => {
            "出席比例".to_string()
        }
        UnitKind::Share => "比例".to_string(),
        UnitKind::Count
            if before.contains("列席") || clause_after(c.sentence, c.end).contains("列席") =>
        {
            "列席人数".to_string()
        }
        UnitKind::Count if has("以上") => "涉及范围".to_string(),
        UnitKind::Count if matches!(c.unit, "人" | "名" | "位") => "人数".to_string(),
        UnitKind::Count => "数量".to_string(),
        UnitKind::Money => "金额".to_string(),
        UnitKind::Age => "年龄".to_string(),
        UnitKind::Ratio => "倍数".to_string(),
        UnitKind::Temperature if has("不低于") || has("不得低于") || has("以上") => {
            "最低温度".to_string()
        }
        UnitKind::Temperature if has("不高于") || has("不得高于") || has("以下") => {
            "最高温度".to_string()
        }
        UnitKind::Temperature => "温度".to_string(),
        UnitKind::Sound => "声级".to_string(),
        // 运行速度超过每秒四米: a distance per a span of time is a speed.
        UnitKind::Distance if c.has_per => "速度".to_string(),
        UnitKind::Distance => match dimension(before) {
            Some(d) => d.to_string(),
            None => "距离".to_string(),
        },
        UnitKind::Area => "面积".to_string(),
        UnitKind::Mass => "重量".to_string(),
        UnitKind::Volume if matches!(c.unit, "升" | "毫升") => "容量".to_string(),
        UnitKind::Volume => "体积".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subj(
        sentence: &str,
        num: &str,
        unit: &str,
        kind: UnitKind,
        per: bool,
        q: &[&str],
    ) -> String {
        let n = sentence.find(num).expect("number");
        let e = sentence[n..].find(unit).expect("unit") + n + unit.len();
        let qualifiers: Vec<String> = q.iter().map(|s| s.to_string()).collect();
        let (t, a) = subject(&SubjectCues {
            sentence,
            num: n,
            end: e,
            kind,
            unit,
            has_per: per,
            qualifiers: &qualifiers,
            article: sentence,
            column: None,
        });
        format!("{t}·{a}")
    }

    #[test]
    fn a_verb_of_one_character_inside_a_word_names_no_aspect() {
        let tip = subj(
            "公安机关接到举报后，应当在十个工作日内告知举报人",
            "十",
            "个工作日内",
            UnitKind::Duration,
            false,
            &["内"],
        );
        assert!(!tip.ends_with("报时限"), "{tip}");
        // Standing alone, 报 is the verb.
        let alone = subj(
            "材料应在3个工作日内报区政府办公室",
            "3",
            "个工作日内",
            UnitKind::Duration,
            false,
            &["内"],
        );
        assert!(alone.ends_with("报时限"), "{alone}");
    }

    #[test]
    fn a_table_cell_is_named_by_its_column_head() {
        let article = "电梯维护保养按照下表执行：\n类别\t周期\t罚款\n乘客电梯\t每十五日一次\t一千元以上五千元以下\n自动扶梯\t每月一次\t二千元以上一万元以下";
        let at = |w: &str| article.find(w).expect("cell");
        assert_eq!(column_head(article, at("一千元")), Some("罚款"));
        assert_eq!(column_head(article, at("二千元")), Some("罚款"));
        assert_eq!(column_head(article, at("每月")), Some("周期"));
        // The heads themselves and a sentence outside the table have no column head.
        assert_eq!(column_head(article, at("罚款")), None);
        assert_eq!(column_head(article, at("维护")), None);
        // A column headed by a figure names nothing.
        let years = "指标如下：\n项目\t2020年\n绿地率\t百分之三十";
        assert_eq!(
            column_head(years, years.find("百分之").expect("cell")),
            None
        );
        // The column's head is the fine's topic although the row never says 罚款.
        let row = "乘客电梯\t每十五日一次\t一千元以上五千元以下";
        let n = row.find("一千元").expect("number");
        let (t, a) = subject(&SubjectCues {
            sentence: row,
            num: n,
            end: row.len(),
            kind: UnitKind::Money,
            unit: "元",
            has_per: false,
            qualifiers: &[],
            article,
            column: column_head(article, at("一千元")),
        });
        assert_eq!(joined(&t, &a), "罚款·金额");
    }

    #[test]
    fn a_topic_word_elsewhere_in_the_article_names_no_topic() {
        // 北京市物业管理条例 第三十一条: 联系方式 is in a later paragraph than the share.
        let article = "筹备组人数应当为单数，其中业主代表人数不低于筹备组人数的二分之一。\n筹备组成立七日内，筹备组组长应当将筹备组成员名单、分工、联系方式等公示。";
        let sentence = "筹备组人数应当为单数，其中业主代表人数不低于筹备组人数的二分之一。";
        let n = sentence.find("二分之一").expect("number");
        let (t, _) = subject(&SubjectCues {
            sentence,
            num: n,
            end: n + "二分之一".len(),
            kind: UnitKind::Share,
            unit: "%",
            has_per: false,
            qualifiers: &["不低于".to_string()],
            article,
            column: None,
        });
        assert_eq!(t, NO_TOPIC);
        // The article's opening sentence names the matter of every figure in it.
        let article = "大力精简文件。部署全局性工作的一般不超过5000字。";
        let sentence = "部署全局性工作的一般不超过5000字。";
        let n = sentence.find("5000").expect("number");
        let (t, _) = subject(&SubjectCues {
            sentence,
            num: n,
            end: n + "5000字".len(),
            kind: UnitKind::Length,
            unit: "字",
            has_per: false,
            qualifiers: &["不超过".to_string()],
            article,
            column: None,
        });
        assert_eq!(t, "公文");
    }

    #[test]
    fn subjects_of_typical_provisions() {
        assert_eq!(
            subj(
                "区政府常务会议一般每两周召开1次",
                "1",
                "次",
                UnitKind::Times,
                true,
                &["一般"]
            ),
            "常务会议·召开频次"
        );
        assert_eq!(
            subj(
                "部门之间征求意见或会签文件时，除主办部门另有时限要求外，一般应在5个工作日内回复",
                "5",
                "个工作日",
                UnitKind::Duration,
                false,
                &["一般", "内"]
            ),
            "会签·回复时限"
        );
        assert_eq!(
            subj(
                "邀请区政府领导参加的重要活动，应至少提前 3 个工作日报区政府办公室",
                "3",
                "个工作日",
                UnitKind::Duration,
                false,
                &["至少", "提前"]
            ),
            "邀请·提前时限"
        );
        assert_eq!(
            subj(
                "每年调研时间不少于两个月",
                "两",
                "个月",
                UnitKind::Duration,
                true,
                &["不少于"]
            ),
            "调研·时间"
        );
    }
}
