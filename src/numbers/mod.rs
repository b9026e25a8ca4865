//! Quantitative provisions: article text in, every figure the rules set out (value, unit, period,
//! qualifier, subject, normalised rate) with its sentence and byte span. Pure: no I/O, no printing.
//! Dates, document numbers, ordinals, hotline numbers and quoted slogans are not figures.

pub mod eval;
mod qualify;
mod subject;
pub mod table;
pub mod wording;

pub use crate::text::quantity::UnitKind;
pub use qualify::Bound;

use crate::align::DocArticle;
use crate::model::{DocId, Regulation, Span};
use crate::segment::{Segmenter, Token};
use crate::text::chars::is_han;
use crate::text::quantity::{self, RawQuantity};
use crate::text::quantity::{DAYS_PER_MONTH, Per};
use qualify::Qualifiers;
use serde::Serialize;

/// One figure found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The value as stated; the lower end of a range; shares in percent (二分之一 → 50).
    pub value: f64,
    /// The upper end of a range (每年召开1—2次 → 2).
    pub max: Option<f64>,
    /// Canonical unit (个工作日, 天, 日, 周, 个月, 年, 小时, 次, 字, 人, 位, 个, %).
    pub unit: String,
    /// What the unit measures.
    pub kind: UnitKind,
    /// The period after 每 (两周, 月, 半年, 年, 周, 期), when the figure is counted per period.
    pub per: Option<String>,
    /// Qualifiers in text order (一般不超过, 原则上…以内, 过半数 → 过); empty when none.
    pub qualifier: String,
    /// Whether the figure is a floor, a ceiling, or exact.
    pub bound: Bound,
    /// A floor or ceiling that leaves the figure out (不足3万元, 超过30日): shown `<`/`>` rather
    /// than `≤`/`≥`. Not in the JSON, whose `qualifier` gives the words it is read from.
    #[serde(skip)]
    pub strict: bool,
    /// 原则上 or 一般: the figure is the rule, exceptions allowed.
    pub soft: bool,
    /// True when the value is implied rather than written (每年报告 → once a year).
    pub implicit: bool,
    /// What the figure governs, `topic·aspect` (常务会议·召开频次, 会签·回复时限).
    pub subject: String,
    /// The topic alone (常务会议, 会签, 议题, 公文…).
    pub topic: String,
    /// The figure on a common scale, when there is one.
    pub normalized: Option<Normalized>,
    /// The words that state the figure, from 每 or the first qualifier to the last (每两周召开1次).
    pub expr: String,
    /// Byte range of `expr` in the text the figure was extracted from.
    pub span: Span,
    /// Byte range of the figure itself in that text: the number with its unit (一点二元, 1—2次,
    /// 一万元以上十万元以下), or the period for an implicit one (每年). What `compare` marks.
    #[serde(skip)]
    pub figure: Span,
    /// The sentence holding the figure (up to 。；！？ or a line break), trimmed.
    pub sentence: String,
    /// The sentence's text before the figure's number: what a table reads to tell which matter,
    /// offender or case the figure governs.
    #[serde(skip)]
    pub before: String,
    /// The sentence's text after the figure's unit.
    #[serde(skip)]
    pub after: String,
    /// The paragraph's text before the sentence (个人违反…；…；), its last 6,000 bytes at most:
    /// who a later sentence's figure falls on when it does not say.
    #[serde(skip)]
    pub lead: String,
    /// The paragraph before the one holding the figure (its last 6,000 bytes at most), empty in
    /// a first paragraph: what 违反前款规定的 points to.
    #[serde(skip)]
    pub prior: String,
}

/// A figure on a common scale: frequencies per month (每两周1次 ≈ 2.17次/月), durations in
/// calendar days (5个工作日 ≈ 7天).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Normalized {
    /// The value on the common scale (the lower end of a range).
    pub value: f64,
    /// The upper end of a range on the common scale.
    pub max: Option<f64>,
    /// `次/月` or `天`.
    pub unit: &'static str,
}

/// A figure with the article it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provision {
    /// The document and its article the figure is said in (flattened: the JSON names `doc`,
    /// `article`, `sub` and `occurrence` beside the figure's fields).
    #[serde(flatten)]
    pub article: DocArticle,
    /// The article as its document cites it (第三十九条, 四十三、; [`crate::cite`]).
    #[serde(skip)]
    pub label: String,
    /// For a figure of an item (（二）从业人员一百人以上不足三百人的，…), the words that open the
    /// item's list (矿山…单位，应当按照下列规定…：): whom the items' rules are for. Empty for a
    /// figure of no item.
    #[serde(skip)]
    pub list_head: String,
    /// The figure.
    #[serde(flatten)]
    pub quantity: Quantity,
}

impl Provision {
    /// The figure `quantity` of `doc`'s article `article`.
    pub fn of(doc: &DocId, article: &crate::model::Article, quantity: Quantity) -> Provision {
        let mut label = article.label();
        let item = item_at(article, quantity.span.start);
        // A figure of one item of a list article is cited by its item (第四十五条第三项), as
        // the article's own cross-references cite it: the article holds the items' figures of
        // unlike offences side by side.
        if article.style == crate::cite::ArticleStyle::Articles
            && let Some((n, _)) = &item
        {
            label.push_str(&format!("第{}项", crate::text::numeral::to_chinese(*n)));
        }
        Provision {
            article: DocArticle::of(doc, article),
            label,
            list_head: item.map(|(_, head)| head).unwrap_or_default(),
            quantity,
        }
    }

    /// The articles of its own regulation whose breach the figure's clause punishes, as (number,
    /// 之X) pairs: every article the last 违反…规定 before it in its sentence cites, read by the
    /// one reader of cross-references (`align::xref::cited`): 违反本规定第八条、第九条规定，
    /// …并处一百元以上五百元以下的罚款 → 8, 9; 第四条之一 → (4, 1), the inserted article, not
    /// 第四条; 第九条至第十二条 → 9, 10, 11, 12. Empty when the sentence cites none, or cites
    /// another law (违反《…》第N条). Only the figure's own sentence is read: a second sentence of the
    /// paragraph (…；在重污染天气期间…的，处五百元罚款) is another conduct, not the first one's.
    pub fn cited_articles(&self) -> Vec<(u32, u32)> {
        const MARK: &str = "违反";
        let before = &self.quantity.before;
        let Some(at) = before.rfind(MARK) else {
            return Vec::new();
        };
        // Up to the clause's end (违反本规定第八条、第九条规定，: 本规定 names the regulation).
        let rest = &before[at..];
        let end = rest.find(['，', '的', ',', '；']).unwrap_or(rest.len());
        let own = (self.article.article, self.article.sub);
        let mut out: Vec<(u32, u32)> = Vec::new();
        for cited in crate::align::xref::cited(&rest[..end]) {
            if cited != own && !out.contains(&cited) {
                out.push(cited);
            }
        }
        out
    }

    /// The clause group the figure belongs to: its own article's. (A penalty item that cites the
    /// article it enforces, [`Provision::cited_articles`], stays in the group of the penalty
    /// article: a row labelled with the cited article's group sent the reader to an article
    /// without the figure. Which conduct a fine punishes is read from its words when rows pair.)
    pub fn group<'a>(
        &self,
        alignment: &'a crate::align::Alignment,
    ) -> Option<&'a crate::align::Group> {
        alignment.group_of_key(&self.article.doc, self.article.key())
    }

    /// True when `query` occurs in the subject, the stated words, the sentence or the unit.
    pub fn matches(&self, query: &str) -> bool {
        let q = &self.quantity;
        [&q.subject, &q.expr, &q.sentence, &q.unit]
            .iter()
            .any(|s| s.contains(query))
    }
}

/// The number of the item (（三）…) of `article` that holds byte `at` of its text, with the
/// words that open the item's list, when that byte is in an item: the text is the article's
/// paragraphs joined by line breaks, and a paragraph's items run from the first one's marker to
/// its end, one after another. The list opens with the paragraph's words before its first item
/// (…的，由…按照下列规定处罚：（一）…), or, for a paragraph that is an item, with the last
/// paragraph before it that is none. `None` for a byte before a paragraph's first item, or outside
/// the text.
fn item_at(article: &crate::model::Article, at: usize) -> Option<(u32, String)> {
    let paras = &article.paragraphs;
    // Byte offset of the first item of paragraph `i` in its text, when it has items.
    let first_item = |i: usize| -> Option<usize> {
        let para = paras.get(i)?;
        let items: usize = para.items.iter().map(|it| it.text.len()).sum();
        if para.items.is_empty() {
            return None;
        }
        para.text.len().checked_sub(items)
    };
    let mut start = 0;
    for (k, para) in paras.iter().enumerate() {
        let end = start + para.text.len();
        if at < end {
            // The text is written as its paragraphs: otherwise no byte is placed in one.
            if article.text.get(start..end) != Some(para.text.as_str()) {
                return None;
            }
            let offset = at - start;
            let mut item_end = para.text.len();
            let mut number = None;
            for item in para.items.iter().rev() {
                let item_start = item_end.checked_sub(item.text.len())?;
                if para.text.get(item_start..item_end) != Some(item.text.as_str()) {
                    return None;
                }
                if offset >= item_start {
                    number = Some(item.number);
                    break;
                }
                item_end = item_start;
            }
            let number = number?;
            let head = match first_item(k) {
                Some(0) => (0..k)
                    .rev()
                    .find(|&j| first_item(j) != Some(0))
                    .and_then(|j| {
                        let p = paras.get(j)?;
                        p.text.get(..first_item(j).unwrap_or(p.text.len()))
                    })
                    .unwrap_or_default(),
                Some(f) => para.text.get(..f).unwrap_or_default(),
                None => "",
            };
            return Some((number, head.to_string()));
        }
        start = end + 1;
    }
    None
}

/// Every figure of every article of `reg`, in reading order. Spans are into each article's `text`.
pub fn extract_regulation(reg: &Regulation) -> Vec<Provision> {
    reg.articles
        .iter()
        .flat_map(|a| {
            extract(&a.text)
                .into_iter()
                .map(|q| Provision::of(&reg.id, a, q))
        })
        .collect()
}

/// Leaves the topic of a figure unnamed (its subject is then its aspect alone, 时限) when no
/// document of `docs` writes the topic's own name anywhere. The topic vocabulary merges the
/// spellings the five's work rules use for one matter under the name they use (文件, 文稿 → 公文;
/// 征求意见 → 会签): a corpus that never writes 公文 or 会签 means by 文件 or 征求意见 something
/// else (文件资料 handed over, owners consulted in writing), and a row named 公文·时限 there would
/// name a matter none of its documents speaks of. The figure then stands by its aspect beside its
/// clause group's label, the corpus's own words.
pub fn keep_written_topics<'a>(
    provisions: &mut [Provision],
    docs: impl IntoIterator<Item = &'a Regulation>,
) {
    let mut topics: Vec<String> = provisions
        .iter()
        .map(|p| p.quantity.topic.clone())
        .filter(|t| t != subject::NO_TOPIC)
        .collect();
    topics.sort();
    topics.dedup();
    if topics.is_empty() {
        return;
    }
    for d in docs {
        if topics.is_empty() {
            return;
        }
        for a in &d.articles {
            let text = crate::text::fold::fold_han(&a.text);
            topics.retain(|t| !text.contains(t.as_str()));
        }
    }
    // What is left is written nowhere.
    for p in provisions.iter_mut() {
        let q = &mut p.quantity;
        if topics.contains(&q.topic) {
            let aspect = q
                .subject
                .strip_prefix(q.topic.as_str())
                .and_then(|r| r.strip_prefix('·'))
                .unwrap_or(&q.subject)
                .to_string();
            q.topic = subject::NO_TOPIC.to_string();
            q.subject = subject::joined(subject::NO_TOPIC, &aspect);
        }
    }
}

/// The figures of `text` as if it were 第`article`条 of `doc` (unit tests build tables from them).
#[cfg(test)]
pub(crate) fn provisions_of(doc: &str, article: u32, text: &str) -> Vec<Provision> {
    extract(text)
        .into_iter()
        .map(|q| Provision {
            article: DocArticle {
                doc: DocId::from(doc),
                article,
                sub: 0,
                occurrence: 1,
            },
            label: crate::cite::article_label(crate::model::ArticleStyle::Articles, article, 0),
            list_head: String::new(),
            quantity: q,
        })
        .collect()
}

/// Every figure in `text`, in order of position.
pub fn extract(text: &str) -> Vec<Quantity> {
    let masked = without_controls(text);
    let original = text;
    let text = masked.as_ref();
    let mut out = Vec::new();
    for (start, sentence) in sentences(text) {
        extract_sentence(text, start, sentence, &mut out);
    }
    // A figure's words as the document writes them: an escape sequence inside them was blanked
    // for reading, and the renderers show it as they show every other text (␛[0m), not as blanks.
    if let std::borrow::Cow::Owned(_) = masked {
        for q in &mut out {
            if let Some(written) = original.get(q.span.start..q.span.end) {
                q.expr = written.to_string();
            }
        }
    }
    out
}

/// `text` with every control character but tab and line feed, and every terminal escape sequence
/// (ESC [ … letter), made spaces of the same byte length, so that offsets still point into `text`:
/// a colour code inside a range (处ESC[31m一千元ESC[0m以上五千元以下) is no word between its ends
/// and splits nothing, and no figure's words hold a control character.
fn without_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let is_control = |c: char| c.is_control() && c != '\t' && c != '\n';
    if !text.chars().any(is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            // ESC [ parameters, then one final letter (or @ ~).
            out.push(' ');
            while let Some(&n) = chars.peek() {
                chars.next();
                out.push_str(&" ".repeat(n.len_utf8()));
                if n != '[' && ('\u{40}'..='\u{7e}').contains(&n) {
                    break;
                }
            }
        } else if is_control(c) {
            out.push_str(&" ".repeat(c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A stretch of text that states a quantity, and what it measures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureSpan {
    /// Byte range in the text.
    pub range: std::ops::Range<usize>,
    /// What the figure measures; a period after 每 (每两周, 每月) is a frequency ([`UnitKind::Times`]),
    /// 每人 or 每期 a count.
    pub kind: UnitKind,
}

/// Everything in `text` that states a quantity, in order, overlaps merged: the figures [`extract`]
/// reads (the number with its unit, so no ordinal, date, slogan, or 一个地方 without a bound) and
/// every period after 每 (每两周). This is what `compare` marks as a changed number, so the two
/// commands agree about what a figure is.
pub fn figure_spans(text: &str) -> Vec<FigureSpan> {
    let masked = without_controls(text);
    let text = masked.as_ref();
    // Sentence by sentence, each figure dropped once its span is read: a figure holds its
    // paragraph's lead (up to 6,000 bytes), so a one-line article of 14 MB with 190,000 figures
    // held 1.1 GB of leads when every figure was kept until the end.
    let mut spans: Vec<FigureSpan> = Vec::new();
    let mut found: Vec<Quantity> = Vec::new();
    // The stretches of figures counted per a period that are no frequency (每年20元, a fee by the
    // year): their 每年 is part of the fee, not a frequency to set against 每两周召开1次.
    let mut counted_per: Vec<std::ops::Range<usize>> = Vec::new();
    for (start, sentence) in sentences(text) {
        extract_sentence(text, start, sentence, &mut found);
        for q in found.drain(..).filter(|q| !q.implicit) {
            if q.per.is_some() && q.kind != UnitKind::Times {
                counted_per.push(q.span.start..q.span.end);
            }
            spans.push(FigureSpan {
                range: q.figure.start..q.figure.end,
                kind: q.kind,
            });
        }
    }
    let periods = quantity::periods(text).into_iter().filter(|p| {
        !counted_per
            .iter()
            .any(|r| r.start <= p.start && p.end <= r.end)
    });
    let mut spans: Vec<FigureSpan> = spans
        .into_iter()
        .chain(periods.map(|p| FigureSpan {
            range: p.start..p.end,
            kind: if p.months.is_some() {
                UnitKind::Times
            } else {
                UnitKind::Count
            },
        }))
        .collect();
    spans.sort_by_key(|s| (s.range.start, s.range.end));
    let mut merged: Vec<FigureSpan> = Vec::with_capacity(spans.len());
    for s in spans {
        match merged.last_mut() {
            Some(last) if s.range.start < last.range.end => {
                last.range.end = last.range.end.max(s.range.end);
            }
            _ => merged.push(s),
        }
    }
    merged
}

/// Sentences of `text` with their byte offsets ([`crate::text::sentence`]).
fn sentences(text: &str) -> impl Iterator<Item = (usize, &str)> {
    crate::text::sentence::sentence_spans(text)
        .into_iter()
        .map(move |r| (r.start, &text[r]))
}

fn extract_sentence(article: &str, offset: usize, sentence: &str, out: &mut Vec<Quantity>) {
    // 每年采暖期结束后, 每年的采暖期开始三十日前: a moment in each year, neither how often
    // something is done nor what a figure after it is counted per.
    let periods: Vec<Per> = quantity::periods(sentence)
        .into_iter()
        .filter(|p| !names_time_point(sentence, p))
        .collect();
    let mut used_periods = vec![false; periods.len()];
    let mut found: Vec<Quantity> = Vec::new();
    let mut prev_end = 0;
    // The sentence's words, cut once when a figure needs them.
    let mut words: Option<Vec<Token>> = None;
    for raw in quantity::quantities(sentence) {
        // A quantity inside the noun the previous figure counts (十个超两…) is part of that noun.
        if raw.num_start < prev_end
            || !quantity::is_figure(sentence, &raw)
            || is_inside_word(sentence, &raw, &mut words)
        {
            continue;
        }
        let clause = clause_start(sentence, raw.num_start);
        // An age is never counted per period (每年…年满十八周岁).
        let per_idx = if raw.kind == UnitKind::Age {
            Vec::new()
        } else {
            per_of(&periods, clause, prev_end, &raw)
        };
        let quals = qualify::qualifiers(sentence, clause.max(prev_end), raw.num_start, raw.end);
        let per = joined_per(&periods, &per_idx);
        if !(has_quantity_context(&raw, per.as_ref(), &quals)
            || after_a_moment(sentence, &raw)
            || states_a_period(sentence, &raw)
            || length_of_a_grant(sentence, &raw))
            || (describes_a_span(sentence, &raw, per.as_ref(), &quals)
                && !after_a_grant(sentence, &raw))
        {
            continue;
        }
        for i in per_idx {
            used_periods[i] = true;
        }
        let noun = counted_noun(sentence, &raw, &mut words);
        if defines_a_unit(sentence, clause, &Counted { raw: &raw, noun }) {
            prev_end = raw.end + noun.map_or(0, str::len);
            continue;
        }
        found.push(build(
            article,
            offset,
            sentence,
            &Counted { raw: &raw, noun },
            per.as_ref(),
            &quals,
            prev_end,
        ));
        prev_end = raw.end + noun.map_or(0, str::len);
    }
    for (p, used) in periods.iter().zip(used_periods) {
        // 每年十二月三十一日以前, 每年的11月14日 name a date in each year, not how often something
        // happens. A month opens with a digit or 一…十 (两 would open a count: 每年两次).
        let date = sentence[p.end..]
            .strip_prefix('的')
            .unwrap_or(&sentence[p.end..]);
        let is_dated = date.chars().next().is_some_and(|c| {
            crate::text::numeral::arabic_digit(c).is_some() || "一二三四五六七八九十".contains(c)
        });
        // 每年第一次会议, 每月第一周: an ordinal names which one in each period, not how often.
        let is_ordinal = sentence[p.end..].starts_with('第');
        // 每年举行会议的时候: "whenever", not a rule of how often.
        let is_when = sentence[p.end..]
            .split(['，', '。', '；'])
            .next()
            .is_some_and(|c| c.contains("的时候"));
        // 每天绽放新精彩 inside a slogan, or 每天 before no act that could be counted: a frequency
        // needs something done once per period (召开, 报告, 检查…).
        let is_quoted = crate::text::quantity::is_in_short_quote(sentence, p.start);
        let clause = sentence[p.end..]
            .split(['，', '。', '；', '：'])
            .next()
            .unwrap_or_default();
        let counts_an_act = COUNTED_ACTS.iter().any(|v| clause.contains(v))
            && !OPEN_COUNT.iter().any(|w| clause.contains(w));
        if !used
            && !is_dated
            && !is_ordinal
            && !is_when
            && !is_quoted
            && counts_an_act
            && p.months.is_some()
        {
            found.push(implicit(article, offset, sentence, p));
        }
    }
    found.sort_by_key(|q| q.span.start);
    out.extend(join_caps(
        sentence,
        offset,
        join_ranges(sentence, offset, found),
    ));
}

/// True when the span of time after 每 opens a moment within it rather than a rate: 每年 and a
/// short phrase ending where something begins or ends (采暖期结束后, 采暖期开始三十日前, 供热期结束后
/// 二个月内) or before or after which it is (年底前, 汛期前). The phrase holds no act and no
/// preposition (每年向区委报告, 每年举行会议时, 每年在编制预算时 stay what they were), and 时间,
/// 时期 or 前款 are words, not the moment's end.
fn names_time_point(sentence: &str, p: &Per) -> bool {
    const MAX_CHARS: usize = 6;
    if p.months.is_none() {
        return false;
    }
    let rest = &sentence[p.end..];
    let rest = rest.strip_prefix('的').unwrap_or(rest);
    let rest = rest
        .strip_prefix('在')
        .or_else(|| rest.strip_prefix('于'))
        .unwrap_or(rest);
    let clause = rest
        .split(['，', '。', '；', '：', '、'])
        .next()
        .unwrap_or_default();
    let mut head_chars = 0;
    for (i, c) in clause.char_indices() {
        let tail = &clause[i..];
        let boundary = ["开始", "结束", "届满", "期满", "终了"]
            .iter()
            .any(|w| tail.starts_with(w));
        let before_after = "前后时".contains(c)
            && !["时间", "时期", "时段", "时候", "前款", "后果", "后续"]
                .iter()
                .any(|w| tail.starts_with(w));
        if head_chars > 0 && (boundary || before_after) {
            let head = &clause[..i];
            return !head.contains(['向', '对', '把', '将', '由', '按', '从', '给', '为', '与'])
                && !COUNTED_ACTS.iter().any(|a| head.contains(a));
        }
        head_chars += 1;
        if head_chars > MAX_CHARS
            || crate::text::numeral::arabic_digit(c).is_some()
            || "一二三四五六七八九十两第".contains(c)
        {
            return false;
        }
    }
    false
}

/// Acts that a rule makes happen once per period when it names the period alone (每年向区委报告,
/// 每周五下午召开, 每季度清洗): without one, 每天 is an adverb (每天绽放新精彩), not a frequency.
/// Each names one event a period holds: a session, a report, an inspection, a plan. 开展 and 组织
/// are not among them: they carry on whatever their object names (每年开展…宣传, 每年组织学生参加
/// 献血活动: a campaign through the year, not one event), and count only through it (每年组织开展
/// 应急演练 holds 演练).
const COUNTED_ACTS: &[&str] = &[
    "召开", "举行", "举办", "报告", "报送", "汇报", "通报", "公布", "发布", "公示", "公开", "检查",
    "巡查", "检测", "监测", "测定", "评估", "考核", "审查", "核查", "清洗", "清理", "清扫", "维护",
    "保养", "更换", "培训", "演练", "统计", "听取", "研究", "部署", "调研", "督查", "会议", "提交",
    "编制", "制定", "开放", "收取", "缴纳", "支付", "发放",
];

/// Words that leave the count within the period open: 每年定期动员, 每年应当有计划地开展, 经常,
/// 不定期 say the act recurs, not that it happens once.
const OPEN_COUNT: &[&str] = &["定期", "有计划", "经常", "随时", "多次", "不定期"];

/// The periods a figure is counted per: those after 每 in its clause before it, the last span of
/// time (每两周) and every other unit (每人, 每平方米) that no figure since `prev_end` has taken
/// (每平方米一点二元且总额不低于六万元: the total is not per 平方米). A share or a multiple is of
/// something else (每平方米造价的百分之二, 售价的十倍), so no unit counts for it. Indices into
/// `periods`.
fn per_of(periods: &[Per], clause: usize, prev_end: usize, raw: &RawQuantity) -> Vec<usize> {
    let before = |p: &Per| p.end <= raw.num_start && p.start >= clause;
    let of_something = matches!(raw.kind, UnitKind::Share | UnitKind::Ratio);
    let time = periods
        .iter()
        .rposition(|p| before(p) && p.months.is_some());
    periods
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            before(p)
                && ((p.months.is_none() && p.start >= prev_end && !of_something)
                    || Some(*i) == time)
        })
        .map(|(i, _)| i)
        .collect()
}

/// The periods `idx` as one: 每月每平方米1.5元 is 1.5元 per 平方米·月 (units first, the span of
/// time last, as 元/平方米·月 is written), its length in months that of the span of time.
fn joined_per(periods: &[Per], idx: &[usize]) -> Option<Per> {
    let chosen: Vec<&Per> = idx.iter().filter_map(|&i| periods.get(i)).collect();
    let (time, units): (Vec<&Per>, Vec<&Per>) = chosen.iter().partition(|p| p.months.is_some());
    if let [one] = chosen.as_slice() {
        return Some((*one).clone());
    }
    let first = chosen.first()?;
    let last = chosen.last()?;
    let text: Vec<&str> = units
        .iter()
        .chain(time.iter())
        .map(|p| p.text.as_str())
        .collect();
    Some(Per {
        text: text.join("·"),
        months: time.first().and_then(|p| p.months),
        start: first.start,
        end: last.end,
        weekday: time.first().and_then(|p| p.weekday),
    })
}

/// Joins `A单位以上B单位以下` (一万元以上十万元以下, 五日以上十五日以下) into one range.
fn join_ranges(sentence: &str, offset: usize, found: Vec<Quantity>) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::with_capacity(found.len());
    for q in found {
        if let Some(low) = out.last_mut()
            && let Some(between) = sentence.get(low.span.end - offset..q.span.start - offset)
            && is_range_pair(low, &q, between)
        {
            // 5000元以上1万元以下: the upper end in the lower end's unit.
            let scale = match (quantity::yuan_per(&low.unit), quantity::yuan_per(&q.unit)) {
                (Some(l), Some(h)) => h / l,
                _ => 1.0,
            };
            low.max = Some(q.max.unwrap_or(q.value) * scale);
            low.bound = Bound::Between;
            low.qualifier = match (low.qualifier.is_empty(), q.qualifier.is_empty()) {
                (false, false) => format!("{}…{}", low.qualifier, q.qualifier),
                _ => format!("{}{}", low.qualifier, q.qualifier),
            };
            low.span.end = q.span.end;
            low.figure.end = q.figure.end;
            low.after = q.after;
            low.expr = sentence[low.span.start - offset..low.span.end - offset].to_string();
            if let (Some(n), Some(m)) = (low.normalized.as_mut(), q.normalized) {
                n.max = Some(m.max.unwrap_or(m.value));
            }
            continue;
        }
        out.push(q);
    }
    out
}

/// The words that open a cap on the figure before it (办理时间为一个工作日，最多不超过三个工作日;
/// 一般为六个月，最长不超过十二个月): the most the figure may come to.
const CAP_WORDS: &[&str] = &["最多", "最长", "最高"];

/// Reads a figure and the cap that follows it in the same sentence as the figure with its cap's
/// words, and the cap as a figure of its own: 办理时间为一个工作日，最多不超过三个工作日 is one
/// working day (its words running to the cap: read without them, the cap sat beside another
/// document's 一个工作日 as a disagreement and the figure in a row of its own), and at most three
/// working days, a ceiling the table pairs only with ceilings (or, within a group, with an equal
/// figure: 北京 献血 16's 最多不超过四百毫升 beside 临沂 19's 四百毫升, the largest it lets a donor
/// choose). The figure must be stated exactly (为一个工作日, 一般为一年), the cap right after it, past
/// a comma (and 但), opened by [`CAP_WORDS`], bounding from above a larger figure of the same
/// unit. The figure's value, unit and bound are its own; its number is what `compare` marks.
fn join_caps(sentence: &str, offset: usize, found: Vec<Quantity>) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::with_capacity(found.len());
    for q in found {
        if let Some(first) = out.last_mut()
            && let Some(between) = sentence.get(first.span.end - offset..q.figure.start - offset)
            && is_cap(first, &q, between)
        {
            first.span.end = q.span.end;
            first.after = q.after.clone();
            first.expr = sentence[first.span.start - offset..first.span.end - offset].to_string();
            // The cap is also a figure of its own (≤四百毫升): the most the thing may come to,
            // what another document's largest choice (二百、三百或者四百毫升) is set against.
            out.push(q);
            continue;
        }
        out.push(q);
    }
    out
}

/// Whether `cap`, whose number is written `between` after `figure`'s words, caps it
/// ([`join_caps`]): a comma (and 但), a word of [`CAP_WORDS`], then nothing or 不超过.
fn is_cap(figure: &Quantity, cap: &Quantity, between: &str) -> bool {
    let larger = match (figure.normalized, cap.normalized) {
        (Some(a), Some(b)) if a.unit == b.unit => a.value < b.value,
        _ => figure.unit == cap.unit && figure.value < cap.value,
    };
    let opened = ["，但是", "，但", "，", ","]
        .iter()
        .find_map(|c| between.strip_prefix(c))
        .and_then(|rest| CAP_WORDS.iter().find_map(|w| rest.strip_prefix(w)))
        .is_some_and(|rest| matches!(rest, "" | "不超过" | "不得超过"));
    figure.kind == cap.kind
        && figure.per == cap.per
        && figure.bound == Bound::Exact
        && figure.max.is_none()
        && !figure.implicit
        && !cap.implicit
        && cap.bound == Bound::AtMost
        && cap.max.is_none()
        && opened
        && larger
}

/// `between` is the text from the end of `low` to the start of `high`. (Ranges joined by 至 or a
/// dash are read whole by the scanner.)
fn is_range_pair(low: &Quantity, high: &Quantity, between: &str) -> bool {
    let same_unit = low.unit == high.unit
        || (quantity::yuan_per(&low.unit).is_some() && quantity::yuan_per(&high.unit).is_some());
    // 超过五万平方米不足十万平方米: a lower bound right before an upper one is a range too.
    let scale = match (
        quantity::yuan_per(&low.unit),
        quantity::yuan_per(&high.unit),
    ) {
        (Some(l), Some(h)) => h / l,
        _ => 1.0,
    };
    let bounds = (low.qualifier.ends_with("以上") && high.qualifier == "以下")
        || (low.bound == Bound::AtLeast
            && high.bound == Bound::AtMost
            && low.value < high.value * scale);
    same_unit
        && low.max.is_none()
        && !low.implicit
        && !high.implicit
        && (between.is_empty() || (between == "、" && opens_and_closes(low, high, scale)))
        && bounds
}

/// 建成三十年以上、不满五十年: a lower bound (以上) and an upper one written with its own word
/// before the number (不满, 不超过), set side by side with a 、, bound one range as well; a plain
/// list (三十日、六十日) has no such pair of bounds.
fn opens_and_closes(low: &Quantity, high: &Quantity, scale: f64) -> bool {
    low.bound == Bound::AtLeast
        && high.bound == Bound::AtMost
        && !high.qualifier.is_empty()
        && low.value < high.value * scale
}

/// Start of the clause holding `pos`: just after the previous ，： (or a table cell's tab or |), or the
/// sentence start.
fn clause_start(sentence: &str, pos: usize) -> usize {
    sentence[..pos]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '，' | '：' | ',' | ':' | '\t' | '|'))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// 红十字会: a numeral with its unit inside a dictionary word that runs on at both ends is part of a
/// name, not a figure. (A word that only opens before the numeral, 近三年, still states one.)
fn is_inside_word<'s>(
    sentence: &'s str,
    raw: &RawQuantity,
    words: &mut Option<Vec<Token<'s>>>,
) -> bool {
    let glued = |pos: usize| {
        sentence[..pos]
            .chars()
            .next_back()
            .zip(sentence[pos..].chars().next())
            .is_some_and(|(a, b)| is_han(a) && is_han(b))
    };
    if !raw.chinese || !glued(raw.num_start) || !glued(raw.end) {
        return false;
    }
    let words = words.get_or_insert_with(|| Segmenter::global().tokens(sentence));
    words
        .iter()
        .any(|w| w.start < raw.num_start && w.end > raw.end && Segmenter::global().has_word(w.text))
}

/// 不得少于二个采暖期: the noun a bare 个 counts, which is the figure's unit with it (2个采暖期); a
/// noun (or a word jieba made up, as it does for terms like 采暖期) right after the measure word.
fn counted_noun<'s>(
    sentence: &'s str,
    raw: &RawQuantity,
    words: &mut Option<Vec<Token<'s>>>,
) -> Option<&'s str> {
    if raw.unit != "个" || !sentence[raw.end..].starts_with(is_han) {
        return None;
    }
    let words = words.get_or_insert_with(|| Segmenter::global().tokens(sentence));
    let segmenter = Segmenter::global();
    if let Some(period) = period_noun(sentence, raw.end, words) {
        return Some(period);
    }
    let next = words.iter().find(|w| w.start == raw.end)?;
    let pos = segmenter.pos(next.text);
    let is_noun = pos.starts_with('n') || pos.is_empty() || pos == "x";
    (is_noun && next.text.chars().count() >= 2 && next.text.chars().all(is_han))
        .then_some(next.text)
}

/// Endings of a noun that names a span of time by what fills it (采暖期, 采暖供热期, 保修期,
/// 学期, 会计年度, 季度): a bare 个 before one counts spans of it, a duration in that unit. Data,
/// not code.
const PERIOD_ENDINGS: [&str; 3] = ["期", "年度", "季度"];

/// At most this many characters make a period noun (采暖供热期, 会计年度).
const PERIOD_CHARS: usize = 6;

/// The period noun ([`PERIOD_ENDINGS`]) the text at `from` begins with: a run of Han characters
/// (no function word: 的, 之, 以, 为, 内 …) of at most [`PERIOD_CHARS`], cut where one of the
/// sentence's words `words` ends, the shortest such that ends as a period does (两个采暖供热期 →
/// 采暖供热期, however jieba cuts 个采暖). None for 两个以上, 一个部门的工作期, 两个项目期间 (期间
/// is one word: no word ends after its 期).
fn period_noun<'s>(sentence: &'s str, from: usize, words: &[Token<'s>]) -> Option<&'s str> {
    let rest = sentence.get(from..)?;
    let mut end = from;
    for (count, c) in rest.chars().enumerate() {
        if count >= PERIOD_CHARS || !is_han(c) || "的之以为在和或与及内后前起至到每".contains(c)
        {
            return None;
        }
        end += c.len_utf8();
        let noun = &sentence[from..end];
        let cut = words.iter().any(|w| w.end == end)
            && !words.iter().any(|w| w.start < end && w.end > end);
        if cut && noun.chars().count() >= 2 && PERIOD_ENDINGS.iter().any(|e| noun.ends_with(e)) {
            return Some(noun);
        }
    }
    None
}

/// True when a counted noun is a span of time ([`PERIOD_ENDINGS`]).
fn is_period(noun: &str) -> bool {
    noun.chars().count() >= 2 && PERIOD_ENDINGS.iter().any(|e| noun.ends_with(e))
}

/// True when the figure names the unit a rule measures in, not a figure of its own: 以一个采暖
/// 供热期为停用时间单位 (以 N X 为…单位 in one clause) says what one unit is.
fn defines_a_unit(sentence: &str, clause: usize, counted: &Counted) -> bool {
    let head = sentence[clause.min(counted.raw.num_start)..counted.raw.num_start].trim_end();
    let Some(tail) = sentence.get(counted.raw.end..) else {
        return false;
    };
    let tail = tail
        .split(['，', '。', '；', '：'])
        .next()
        .unwrap_or_default();
    head.ends_with('以')
        && tail
            .find('为')
            .is_some_and(|at| tail[at..].contains("单位"))
}

/// A figure's number and unit, with the noun a bare measure word counts ([`counted_noun`]).
struct Counted<'a> {
    raw: &'a RawQuantity,
    noun: Option<&'a str>,
}

impl Counted<'_> {
    /// Byte just past the unit and its noun.
    fn end(&self) -> usize {
        self.raw.end + self.noun.map_or(0, str::len)
    }
}

/// True when a duration qualifies what follows it rather than limiting it (保持24小时通信畅通,
/// 实行二十四小时值班制度, 二十四小时值守: round the clock, how long a service runs): a span of
/// time with no bound before or after it (不超过, 提前, 内, 以内, 前, 后), counted per no period,
/// written right before a word (no 的, 之, 为 or 起 between), and not after what opens a
/// deadline (之日起, 后, 前, 在, 于), a measure (以, 按) or a run (连续, 逾期, 满, 达). No time
/// limit.
fn describes_a_span(
    sentence: &str,
    raw: &RawQuantity,
    per: Option<&Per>,
    quals: &Qualifiers,
) -> bool {
    if raw.kind != UnitKind::Duration || per.is_some() || !quals.words.is_empty() {
        return false;
    }
    let after = &sentence[quantity::skip_spaces(sentence, raw.end)..];
    let next = after.chars().next();
    let qualifies = next.is_some_and(|c| {
        is_han(c)
            && !crate::text::numeral::is_numeral_char(c)
            && !"内以前后之的左至到为起止时届期余多半整".contains(c)
    });
    let before = sentence[..raw.num_start].trim_end();
    let opened = before.chars().next_back().is_some_and(|c| {
        "起后前在于以按满过逾续达至为到从自共计约近长短用历需经延晚迟早".contains(c)
    });
    qualifies && !opened
}

/// True for a span of time written right after the moment it runs before or after (有效期届满
/// 前一个月, 期满后一年): a lead or lag time, though a lone 一 (一个月) has no bound of its own. Not
/// 前一个月的 (the month before) nor a 前 or 后 that opens the clause.
fn after_a_moment(sentence: &str, raw: &RawQuantity) -> bool {
    if raw.kind != UnitKind::Duration {
        return false;
    }
    let before = &sentence[..raw.num_start];
    let Some(rest) = before
        .strip_suffix('前')
        .or_else(|| before.strip_suffix('后'))
    else {
        return false;
    };
    let moment: Vec<char> = rest.chars().rev().take(2).collect();
    let after = &sentence[quantity::skip_spaces(sentence, raw.end)..];
    moment.len() == 2 && moment.iter().all(|c| is_han(*c)) && !after.starts_with('的')
}

/// True for a span of time that a period's name is said to be (公示期为一年, 办理时间为一个
/// 工作日, 最长为一年 after 公示期…): a lone 一 needs no other bound there. The words before 为 (or
/// 是), past a 最长, 最短 or 一般, end in 期, 间 or 限 (…期, 时间, 期间, 期限, 时限).
fn states_a_period(sentence: &str, raw: &RawQuantity) -> bool {
    if raw.kind != UnitKind::Duration {
        return false;
    }
    let before = sentence[..raw.num_start].trim_end();
    let Some(rest) = before
        .strip_suffix('为')
        .or_else(|| before.strip_suffix('是'))
    else {
        return false;
    };
    let rest = ["最长", "最短", "一般"]
        .iter()
        .find_map(|w| rest.strip_suffix(w))
        .unwrap_or(rest);
    rest.ends_with(['期', '间', '限'])
        || (rest.len() < before.len() - '为'.len_utf8() && sentence[..raw.num_start].contains('期'))
}

/// Verbs that grant a thing whose length a span of time then states (享受十五天护理假,
/// 给予其配偶护理假一个月, 享有…假期): general words of entitlement, not of one matter.
const GRANTS: &[&str] = &["享受", "享有", "给予", "准予"];

/// True for a span of time written right after a verb of granting ([`GRANTS`]): 男方享受十五天
/// 护理假 states the length of the leave granted, not how long a service runs, though the span
/// stands right before the noun it qualifies ([`describes_a_span`]).
fn after_a_grant(sentence: &str, raw: &RawQuantity) -> bool {
    raw.kind == UnitKind::Duration && ends_with_a_grant(&sentence[..raw.num_start])
}

/// True when `before` ends with a verb of granting ([`GRANTS`]).
pub(crate) fn ends_with_a_grant(before: &str) -> bool {
    GRANTS.iter().any(|g| before.trim_end().ends_with(g))
}

/// True for a span of time with a lone 一 (一个月) that closes its clause right after the noun it
/// measures, in a clause that grants it ([`GRANTS`]): 给予其配偶护理假一个月 is the leave's length,
/// though a lone 一 otherwise needs a bound (一年来, 一个地方).
fn length_of_a_grant(sentence: &str, raw: &RawQuantity) -> bool {
    if raw.kind != UnitKind::Duration {
        return false;
    }
    let after = &sentence[quantity::skip_spaces(sentence, raw.end)..];
    let closes = after
        .chars()
        .next()
        .is_none_or(|c| "，。；：,;:）)".contains(c));
    let clause = &sentence[clause_start(sentence, raw.num_start)..raw.num_start];
    let noun_before = clause.chars().next_back().is_some_and(|c| {
        is_han(c)
            && !crate::text::numeral::is_numeral_char(c)
            && !"第同某前后上下这那此每近约".contains(c)
    });
    closes && noun_before && GRANTS.iter().any(|g| clause.contains(g))
}

/// Units whose lone 一 is an amount as any other number is (一公里范围内, 每平方米一元, 一吨): a
/// measure, not a count or span that 一 may only introduce (一年来, 一个地方).
fn is_measure(kind: UnitKind) -> bool {
    matches!(
        kind,
        UnitKind::Money
            | UnitKind::Distance
            | UnitKind::Area
            | UnitKind::Mass
            | UnitKind::Volume
            | UnitKind::Temperature
            | UnitKind::Sound
    )
}

/// Counts (个, 位, 项) and bare 次 set a figure only with a qualifier or a period around them:
/// 两个以上部门 and 只安排1名 do, 一个地方 and 八项规定 do not. So does a lone 一 (一年来), except
/// for a measure ([`is_measure`]): 每平方米一元, 处一万元罚款, 两侧各一公里范围内 are amounts, and a
/// range: 一至三倍 is a fine's multiple.
fn has_quantity_context(raw: &RawQuantity, per: Option<&Per>, quals: &Qualifiers) -> bool {
    let has_words = !quals.words.is_empty() || per.is_some();
    let needs_context = matches!(raw.kind, UnitKind::Count | UnitKind::Times)
        || (raw.chinese && raw.value == 1.0 && raw.max.is_none() && !is_measure(raw.kind));
    !needs_context || has_words
}

fn build(
    article: &str,
    offset: usize,
    sentence: &str,
    counted: &Counted,
    per: Option<&Per>,
    quals: &Qualifiers,
    prev_end: usize,
) -> Quantity {
    let raw = counted.raw;
    let end = counted.end();
    let q_end = quals
        .words
        .iter()
        .map(|w| w.end)
        .max()
        .unwrap_or(end)
        .max(end);
    let q_start = quals
        .words
        .iter()
        .map(|w| w.start)
        // A period before the previous figure is that figure's words too (每日五十元以上二百元以下:
        // 二百元's words start after 以上, so that the two join into one range).
        .chain(per.map(|p| p.start).filter(|&s| s >= prev_end))
        .min()
        .unwrap_or(raw.num_start)
        .min(raw.num_start);
    // 两个采暖供热期: a span of time counted in the period it names.
    let kind = match counted.noun {
        Some(noun) if raw.unit == "个" && is_period(noun) => UnitKind::Duration,
        _ => raw.kind,
    };
    let words: Vec<String> = quals.words.iter().map(|w| w.text.clone()).collect();
    let (topic, aspect) = subject::subject(&subject::SubjectCues {
        sentence,
        num: raw.num_start,
        end: q_end,
        kind,
        unit: raw.unit,
        has_per: per.is_some(),
        qualifiers: &words,
        article,
        column: subject::column_head(article, offset + raw.num_start),
    });
    Quantity {
        value: raw.value,
        max: raw.max,
        unit: format!("{}{}", raw.unit, counted.noun.unwrap_or_default()),
        kind,
        per: per.map(|p| p.text.clone()),
        qualifier: quals.display(),
        bound: match (quals.bound, raw.max) {
            (Bound::Exact, Some(_)) => Bound::Between,
            (b, _) => b,
        },
        strict: quals.strict && raw.max.is_none(),
        soft: quals.soft,
        implicit: false,
        subject: subject::joined(&topic, &aspect),
        topic,
        normalized: normalize(raw.value, raw.max, raw.unit, kind, per),
        expr: sentence[q_start..q_end].to_string(),
        span: Span {
            start: offset + q_start,
            end: offset + q_end,
        },
        figure: Span {
            start: offset + raw.num_start,
            end: offset + end,
        },
        sentence: sentence.trim().to_string(),
        before: sentence[..raw.num_start].trim_start().to_string(),
        after: sentence[end..].trim_end().to_string(),
        lead: paragraph_lead(article, offset),
        prior: prior_paragraph(article, offset),
    }
}

/// The text of the paragraph holding byte `offset` of `article`, up to `offset`: its last
/// [`LEAD_BYTES`] at most (a one-line article of a million characters would otherwise copy and
/// search all the text before each of its figures, a cost that grows with the square of its length).
fn paragraph_lead(article: &str, offset: usize) -> String {
    let head = article.get(..offset).unwrap_or_default();
    let mut from = head.len().saturating_sub(LEAD_BYTES);
    while !head.is_char_boundary(from) {
        from += 1;
    }
    let window = &head[from..];
    let start = window.rfind('\n').map_or(0, |i| i + 1);
    window[start..].to_string()
}

/// The paragraph of `article` before the one holding byte `offset` (blank lines skipped), its
/// last [`LEAD_BYTES`] at most; empty when the figure is in the first paragraph.
fn prior_paragraph(article: &str, offset: usize) -> String {
    // Only the last two windows of text are searched: a one-line article of millions of bytes
    // would otherwise be searched whole for each of its figures.
    let head = article.get(..offset).unwrap_or_default();
    let mut from = head.len().saturating_sub(2 * LEAD_BYTES);
    while !head.is_char_boundary(from) {
        from += 1;
    }
    let window = &head[from..];
    let Some(start) = window.rfind('\n') else {
        return String::new();
    };
    let before = window[..start].trim_end();
    let paragraph = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let mut cut = paragraph.len().saturating_sub(LEAD_BYTES);
    while !paragraph.is_char_boundary(cut) {
        cut += 1;
    }
    paragraph[cut..].to_string()
}

/// Most bytes of a paragraph kept before a figure's sentence (about 2,000 Han characters, far
/// longer than a regulation's paragraph).
const LEAD_BYTES: usize = 6_000;

/// 每年向区委报告, 每周五下午召开: once per period, the count left unsaid.
fn implicit(article: &str, offset: usize, sentence: &str, per: &Per) -> Quantity {
    let clause = clause_start(sentence, per.start);
    let quals = qualify::qualifiers(sentence, clause, per.start, per.end);
    let words: Vec<String> = quals.words.iter().map(|w| w.text.clone()).collect();
    let (topic, aspect) = subject::subject(&subject::SubjectCues {
        sentence,
        num: per.start,
        end: per.end,
        kind: UnitKind::Times,
        unit: "次",
        has_per: true,
        qualifiers: &words,
        article,
        column: subject::column_head(article, offset + per.start),
    });
    let start = quals
        .words
        .first()
        .map_or(per.start, |w| w.start.min(per.start));
    Quantity {
        value: 1.0,
        max: None,
        unit: "次".to_string(),
        kind: UnitKind::Times,
        per: Some(per.text.clone()),
        qualifier: quals.display(),
        bound: quals.bound,
        strict: quals.strict,
        soft: quals.soft,
        implicit: true,
        subject: subject::joined(&topic, &aspect),
        topic,
        normalized: normalize(1.0, None, "次", UnitKind::Times, Some(per)),
        expr: sentence[start..per.end].to_string(),
        span: Span {
            start: offset + start,
            end: offset + per.end,
        },
        figure: Span {
            start: offset + per.start,
            end: offset + per.end,
        },
        sentence: sentence.trim().to_string(),
        before: sentence[..per.start].trim_start().to_string(),
        after: sentence[per.end..].trim_end().to_string(),
        lead: paragraph_lead(article, offset),
        prior: prior_paragraph(article, offset),
    }
}

/// Frequencies per month and durations in calendar days; None where no common scale means much.
fn normalize(
    value: f64,
    max: Option<f64>,
    unit: &str,
    kind: UnitKind,
    per: Option<&Per>,
) -> Option<Normalized> {
    match kind {
        UnitKind::Times => {
            let months = per?.months.filter(|m| *m > 0.0)?;
            Some(Normalized {
                value: value / months,
                max: max.map(|m| m / months),
                unit: "次/月",
            })
        }
        UnitKind::Duration => {
            let days = crate::text::quantity::days_per_unit(unit)?;
            // A duration counted per a span of time is a share of that span, never days with
            // the period dropped: hours a day for hours and minutes (每天不少于八小时: 8小时/天),
            // days a year for longer ones (每年调研不少于两个月: ≈61天/年).
            if let Some(p) = per {
                let period_days = p.months.filter(|m| *m > 0.0)? * DAYS_PER_MONTH;
                let (scale, unit) = if matches!(unit, "小时" | "分钟") {
                    (24.0 / period_days, "小时/天")
                } else {
                    (365.25 / period_days, "天/年")
                };
                let of = |v: f64| v * days * scale;
                return Some(Normalized {
                    value: of(value),
                    max: max.map(of),
                    unit,
                });
            }
            Some(Normalized {
                value: value * days,
                max: max.map(|m| m * days),
                unit: "天",
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Quantity {
        let qs = extract(text);
        assert_eq!(qs.len(), 1, "{text}: {qs:#?}");
        qs.into_iter().next().unwrap()
    }

    #[test]
    fn a_numeral_inside_a_name_is_no_figure() {
        // 宁波市志愿服务条例 第八条: 红十字会 holds 十字, no length of ten characters.
        assert!(
            extract("工会、妇女联合会、红十字会、残疾人联合会、文学艺术界联合会、科学技术协会、慈善行业组织等团体、组织，应当发挥各自优势，做好相应的志愿服务工作。")
                .is_empty()
        );
        // A word that only opens before the numeral still states a figure.
        assert_eq!(one("申请人近三年内无违法记录。").value, 3.0);
    }

    #[test]
    fn a_lone_one_that_a_period_is_said_to_be_is_a_figure() {
        // 上海市优化营商环境条例 第六十七条, 北京市 第七十三条, 河南省 第四十四条.
        for (text, unit) in [
            (
                "涉及食品、药品、特种设备、安全生产、消防领域的行政处罚信息的最短公示期为一年。",
                "年",
            ),
            ("不动产登记办理时间为一个工作日。", "个工作日"),
        ] {
            let q = one(text);
            assert_eq!((q.value, q.unit.as_str()), (1.0, unit), "{text}");
        }
        let both = extract("对于一般违法行为，行政处罚信息的最短公示期为三个月，最长为一年。");
        assert_eq!(both.iter().map(|q| q.value).collect::<Vec<_>>(), [3.0, 1.0]);
        // A lone 一 elsewhere still needs a bound: 一年来, 一个月的宣传.
        for text in ["一年来，全区共开展检查。", "开展为期一个月的宣传活动。"]
        {
            assert!(extract(text).is_empty(), "{text}: {:#?}", extract(text));
        }
    }

    #[test]
    fn a_lone_one_of_a_measure_is_a_figure() {
        // 河南省殡葬管理办法 第二十六条: 两侧各一公里范围内.
        for text in [
            "铁路、公路主干线两侧各一公里范围内禁止建造坟墓。",
            "与居民区的距离为一公里。",
            "每平方米一元。",
        ] {
            let q = one(text);
            assert_eq!(q.value, 1.0, "{text}");
        }
    }

    #[test]
    fn a_span_that_qualifies_what_follows_is_no_time_limit() {
        // Round the clock: how long a service runs, written before the service.
        for text in [
            "各部门应当保持24小时通信畅通。",
            "供热企业应当实行二十四小时值班制度。",
            "采暖期内安排人员二十四小时值守。",
            "停车设施应当二十四小时开放。",
        ] {
            assert!(extract(text).is_empty(), "{text}: {:#?}", extract(text));
        }
        // Bounded, or after what opens a deadline or a run: a time limit still.
        for (text, value) in [
            ("应当在24小时内报告。", 24.0),
            ("应当提前二十四小时通知用户。", 24.0),
            ("停止供热超过二十四小时的，应当退费。", 24.0),
            ("自收到申请之日起十日作出决定。", 10.0),
            ("接到报告后2小时赶到现场。", 2.0),
            ("连续三个月未缴纳的，予以注销。", 3.0),
            ("留置时间为二十四小时。", 24.0),
            ("应当在临时占用期满前三十日提出延期申请。", 30.0),
            ("盗用水日数以一百八十天计算。", 180.0),
        ] {
            assert_eq!(one(text).value, value, "{text}");
        }
    }

    #[test]
    fn each_year_followed_by_a_date_is_a_date() {
        // 潍坊市供热条例 第十三条, 第十八条.
        assert!(extract("本市采暖期为每年的11月14日12时至次年的3月15日12时。").is_empty());
        assert!(
            extract("既有建筑申请接入集中供热管网，应当于每年的7月31日前向供热企业提出。")
                .is_empty()
        );
        assert_eq!(one("每年的工作报告应当公开。").per.as_deref(), Some("年"));
    }

    #[test]
    fn a_count_keeps_the_noun_it_counts() {
        // 潍坊市供热条例 第十一条.
        let q =
            one("房地产开发企业与购房者在住宅销售合同中约定的用热设施保修期限不得少于二个采暖期。");
        assert_eq!((q.value, q.unit.as_str()), (2.0, "个采暖期"));
        assert_eq!(q.expr, "不得少于二个采暖期");
        // 两个及以上部门: the count's noun is not next to it; the measure word stays alone.
        assert_eq!(one("涉及两个及以上部门职权范围的事项").unit, "个");
    }

    #[test]
    fn frequency_with_period_and_qualifier() {
        let q = one("区政府常务会议一般每两周召开1次，遇有重要情况可随时召开。");
        assert_eq!(
            (q.value, q.unit.as_str(), q.per.as_deref()),
            (1.0, "次", Some("两周"))
        );
        assert_eq!(q.qualifier, "一般");
        assert_eq!(q.subject, "常务会议·召开频次");
        assert_eq!(q.expr, "一般每两周召开1次");
        let n = q.normalized.unwrap();
        assert!((n.value - 2.17).abs() < 0.01, "{n:?}");
        assert_eq!(n.unit, "次/月");
    }

    #[test]
    fn an_ordinal_after_a_period_is_no_frequency() {
        // 北京市人民代表大会议事规则 第四条: the first session of each year, not once a year.
        let qs = extract("市人民代表大会会议每年至少举行一次。每年第一次会议一般于第一季度举行。");
        assert_eq!(qs.len(), 1, "{qs:#?}");
        assert_eq!(qs[0].expr, "每年至少举行一次");
        assert!(extract("每月第一周召开").is_empty());
    }

    #[test]
    fn two_week_and_twice_a_month_are_close_on_the_common_scale() {
        let a = one("一般每两周召开1次").normalized.unwrap().value;
        let b = one("原则上每月召开 2 次").normalized.unwrap().value;
        assert!((a - b).abs() < 0.2);
    }

    #[test]
    fn span_points_at_the_expression() {
        let text = "第一段。\n原则上须在会议结束后5个工作日内印发。";
        let q = one(text);
        assert_eq!(&text[q.span.start..q.span.end], q.expr);
        assert_eq!(q.expr, "原则上须在会议结束后5个工作日内");
        assert_eq!(q.qualifier, "原则上…内");
        assert_eq!(q.bound, Bound::AtMost);
        assert!((q.normalized.unwrap().value - 7.0).abs() < 1e-9);
    }

    #[test]
    fn dates_numbers_ordinals_and_slogans_are_not_figures() {
        for text in [
            "2017年12月25日印发的《规则》（历下政发〔2017〕14号）停止执行。",
            "已经区政府第 2 次常务会议审议通过，2022 年 3 月 16 日",
            "强化12345市民服务热线平台作用",
            "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
            "严格落实“一岗双责”，全面落实中央八项规定",
            "不安排领导同志集中或者轮番到一个地方、一个点去调研",
            "分为两类。一类会议研究部署综合性重要工作",
            "《法治政府建设实施纲要（2021－2025 年）》",
            "全面贯彻党的二十大精神和十九届历次全会精神",
            "总结和部署区政府一个时期的重要工作",
            "可发可不发的一律不发，同一事项不得反复发文",
        ] {
            assert!(extract(text).is_empty(), "{text}: {:#?}", extract(text));
        }
    }

    #[test]
    fn ranges_written_with_both_units_and_ages() {
        let q = one("处一万元以上十万元以下罚款。");
        assert_eq!(
            (q.value, q.max, q.unit.as_str()),
            (10000.0, Some(100000.0), "元")
        );
        assert_eq!(
            (q.bound, q.expr.as_str()),
            (Bound::Between, "一万元以上十万元以下")
        );
        assert_eq!(q.subject, "罚款·金额");
        // Written in traditional characters, the same fine.
        assert_eq!(
            one("攜犬出戶未束犬鏈的，處五百元以上一千元以下罰款。").subject,
            "罚款·金额"
        );
        let q = one("情节严重的，处五日以上十五日以下拘留；");
        assert_eq!((q.value, q.max), (5.0, Some(15.0)));
        assert_eq!(q.normalized.unwrap().max, Some(15.0));
        let q = one("草地的承包期为三十年至五十年");
        assert_eq!(
            (q.value, q.max, q.expr.as_str()),
            (30.0, Some(50.0), "三十年至五十年")
        );
        let q = one("每年十二月三十一日以前年满十八周岁的男性公民");
        assert_eq!(
            (q.value, q.unit.as_str(), q.per.as_deref()),
            (18.0, "周岁", None)
        );
        let q = one("增加赔偿的金额不足一千元的");
        assert_eq!((q.qualifier.as_str(), q.bound), ("不足", Bound::AtMost));
    }

    #[test]
    fn money_ranges_across_yuan_and_ten_thousand_yuan_are_one_figure() {
        // 北京市生活垃圾管理条例 第六十五条: 元 below, 万元 above.
        for text in [
            "处5000元以上1万元以下罚款。",
            "处5000元至1万元罚款。",
            "处5000元—1万元罚款。",
            "处五千元以上1万元以下罚款。",
        ] {
            let q = one(text);
            assert_eq!(
                (q.value, q.max, q.unit.as_str(), q.bound),
                (5000.0, Some(10000.0), "元", Bound::Between),
                "{text}"
            );
        }
        // Both ends in 万元 stay in 万元.
        let q = one("处1万元以上5万元以下罚款。");
        assert_eq!((q.value, q.max, q.unit.as_str()), (1.0, Some(5.0), "万元"));
        // 以上 and 以下 of different matters do not join.
        assert_eq!(extract("处5000元以上罚款，并处1万元以下罚款。").len(), 2);
    }

    #[test]
    fn implicit_once_per_period() {
        let q = one("区政府每年向区委、区人大常委会和市政府报告依法行政情况");
        assert!(q.implicit);
        assert_eq!((q.value, q.per.as_deref()), (1.0, Some("年")));
        let q = one("区长碰头会议原则上每周五下午召开，也可根据工作需要随时召开。");
        assert_eq!(
            (q.per.as_deref(), q.qualifier.as_str()),
            (Some("周"), "原则上")
        );
        assert_eq!(q.expr, "原则上每周五");
    }

    #[test]
    fn ranges_shares_and_counts() {
        let q = one("区政府全体会议一般每年召开1—2次。");
        assert_eq!(
            (q.value, q.max, q.per.as_deref()),
            (1.0, Some(2.0), Some("年"))
        );
        let q = one("出席人数须超过应到人数的二分之一。");
        assert_eq!(
            (q.value, q.unit.as_str(), q.bound),
            (50.0, "%", Bound::AtLeast)
        );
        let q = one("涉及两个及以上部门职权范围的事项");
        assert_eq!(
            (q.value, q.unit.as_str(), q.qualifier.as_str()),
            (2.0, "个", "及以上")
        );
        let qs = extract("每年调研时间不少于两个月，其中“四不两直”调研不少于50％。");
        assert_eq!(qs.len(), 2, "{qs:#?}");
        assert_eq!((qs[0].value, qs[0].unit.as_str()), (2.0, "个月"));
        assert_eq!((qs[1].value, qs[1].unit.as_str()), (50.0, "%"));
    }

    #[test]
    fn a_table_cell_ends_the_context_of_a_figure() {
        // The rows of a Word table (tabs) and of a Markdown one (|): the deadline of the third
        // cell is not per the year of the second.
        for row in ["年检\t每年20元\t30日内", "| 年检费 | 每年20元 | 30日内 |"] {
            let qs = extract(row);
            let days: Vec<_> = qs.iter().filter(|q| q.unit == "日").collect();
            assert_eq!(days.len(), 1, "{row}: {qs:#?}");
            assert_eq!(days[0].per, None, "{row}: {qs:#?}");
        }
    }

    #[test]
    fn a_fee_is_per_the_unit_after_mei() {
        // T6: 每月每平方米1.5元 is 1.5元 per 平方米 and month, not 1.5元 a month.
        let q = one("物业服务费每月每平方米1.5元。");
        assert_eq!(
            (q.value, q.unit.as_str(), q.per.as_deref()),
            (1.5, "元", Some("平方米·月"))
        );
        assert_eq!(q.expr, "每月每平方米1.5元");
        assert_eq!(crate::numbers::wording::stated(&q), "1.5元/平方米·月");
        let q = one("筹备经费按照每平方米一点二元的标准承担。");
        assert_eq!((q.value, q.per.as_deref()), (1.2, Some("平方米")));
        // The unit takes the figure right after it only: the total is not per 平方米.
        let qs = extract("按照每平方米一元且总额不少于五万元的标准承担。");
        assert_eq!(qs.len(), 2, "{qs:#?}");
        assert_eq!((qs[0].value, qs[0].per.as_deref()), (1.0, Some("平方米")));
        assert_eq!((qs[1].value, qs[1].per.as_deref()), (50000.0, None));
        // A range per unit and day is one figure.
        let q = one("处所占用绿地面积每平方米每日五十元以上二百元以下罚款。");
        assert_eq!(
            (q.value, q.max, q.per.as_deref()),
            (50.0, Some(200.0), Some("平方米·日"))
        );
        assert_eq!(q.expr, "每平方米每日五十元以上二百元以下");
        // A multiple is of something else, not per 平方米.
        let q = one("按每平方米商品房售价的十倍处以罚款。");
        assert_eq!((q.value, q.per.as_deref()), (10.0, None));
        // A frequency per person keeps its month scale.
        let q = one("每人每年发言不超过两次。");
        assert_eq!(q.per.as_deref(), Some("人·年"));
        assert!((q.normalized.unwrap().value - 2.0 / 12.0).abs() < 1e-9);
    }

    #[test]
    fn volumes_of_blood_are_figures_with_their_unit() {
        // 临沂市献血条例 第十九条, 泰安市献血条例 第二十一条.
        let qs = extract("每次可以选择献二百毫升、三百毫升或者四百毫升血液。");
        let got: Vec<(f64, &str)> = qs.iter().map(|q| (q.value, q.unit.as_str())).collect();
        assert_eq!(got, [(200.0, "毫升"), (300.0, "毫升"), (400.0, "毫升")]);
        assert_eq!(qs[0].kind, UnitKind::Volume);
        let q = one("自愿无偿献血累计二千毫升以上的，本人终身免费用血。");
        assert_eq!((q.value, q.unit.as_str()), (2000.0, "毫升"));
        assert!(q.subject.ends_with("容量"), "{q:?}");
        // 升 opens words of its own: no litre in 统一升级 or 再次升高.
        assert!(extract("系统统一升级，水位不得再次升高。").is_empty());
        assert_eq!(one("每日供水不少于五十升。").unit, "升");
    }

    #[test]
    fn multiples_from_one_are_figures() {
        // 宁波市河道管理条例 第三十七条, 重庆 第六十七条.
        let qs = extract("可以并处违法所得一至二倍的罚款；情节严重的，处违法所得二至三倍的罚款。");
        let got: Vec<(f64, Option<f64>, &str)> = qs
            .iter()
            .map(|q| (q.value, q.max, q.unit.as_str()))
            .collect();
        assert_eq!(got, [(1.0, Some(2.0), "倍"), (2.0, Some(3.0), "倍")]);
        for text in [
            "并可处以违法所得一至三倍罚款。",
            "处违法所得一倍至三倍罚款。",
            "处违法所得一倍以上五倍以下的罚款。",
        ] {
            let q = one(text);
            assert_eq!((q.value, q.unit.as_str()), (1.0, "倍"), "{text}");
            assert!(q.max.is_some(), "{text}");
        }
    }

    #[test]
    fn a_period_with_any_count_is_a_frequency() {
        // 潍坊市电梯安全条例 第二十三条: every fifteen days, once.
        let q = one("（一）至少每十五日对电梯进行一次清洁、润滑、调整和检查等维护保养工作；");
        assert_eq!((q.value, q.per.as_deref()), (1.0, Some("十五日")));
        assert!((q.normalized.unwrap().value - 2.03).abs() < 0.01, "{q:?}");
        let q = one("至少每半月检查一次。");
        assert_eq!(q.per.as_deref(), Some("半月"));
        assert!((q.normalized.unwrap().value - 2.0).abs() < 1e-9);
        assert_eq!(one("每五年修编一次。").per.as_deref(), Some("五年"));
    }

    #[test]
    fn each_year_is_once_only_for_one_event() {
        // 泰安市献血条例 第九条, 北京市献血条例 第三十一条: a campaign through the year, not once.
        assert!(
            extract("报刊、广播、电视、网络等媒体，每年应当有计划的开展无偿献血公益宣传。")
                .is_empty()
        );
        assert!(extract("高等学校每年定期动员组织学生参加团体献血活动。").is_empty());
        // One event a year: a report, a drill that 组织开展 carries.
        assert_eq!(one("每年组织开展应急演练。").per.as_deref(), Some("年"));
        assert!(one("每年向本级人民代表大会常务委员会报告工作。").implicit);
    }

    #[test]
    fn one_yuan_is_an_amount() {
        let q = one("违反规定的，处一元罚款。");
        assert_eq!((q.value, q.unit.as_str()), (1.0, "元"));
    }

    #[test]
    fn figure_spans_pair_a_kind_with_each_figure() {
        let t = "一般每两周召开1次，提前3个工作日，一个地方";
        let spans: Vec<(&str, UnitKind)> = figure_spans(t)
            .into_iter()
            .map(|s| (&t[s.range], s.kind))
            .collect();
        assert_eq!(
            spans,
            [
                ("每两周", UnitKind::Times),
                ("1次", UnitKind::Times),
                ("3个工作日", UnitKind::Duration)
            ]
        );
        // A fee by the year: 每年 is part of it, no frequency.
        let t = "年检费每年20元";
        let spans: Vec<(&str, UnitKind)> = figure_spans(t)
            .into_iter()
            .map(|s| (&t[s.range], s.kind))
            .collect();
        assert_eq!(spans, [("20元", UnitKind::Money)]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_hold_the_expression(
            text in "[每一二两三四五六七八九十百千万半分之第0-9０-９.个工作日天周星期月年次字人位%％不超过少于以内上下原则一般提前会前“”—\\-至，。；、 a]{0,48}"
        ) {
            for q in extract(&text) {
                proptest::prop_assert!(text.is_char_boundary(q.span.start));
                proptest::prop_assert!(text.is_char_boundary(q.span.end));
                proptest::prop_assert_eq!(&text[q.span.start..q.span.end], q.expr.as_str());
                proptest::prop_assert!(q.value.is_finite());
            }
        }
    }
}
