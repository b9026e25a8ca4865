//! The side-by-side table of figures: provisions in, one row per clause group and subject with each
//! document's figure and whether it differs from the others. Format-neutral; renderers read it.

use super::Provision;
use super::subject::PENALTY_TOPICS;
use crate::align::Alignment;
use crate::cite::ArticleKey;
use crate::model::DocId;
use crate::text::penalty::{AGGRAVATING, is_tier};
use crate::text::quantity::yuan_per;
use serde::Serialize;
use std::collections::HashMap;

/// Rows of figures, one column per document.
#[derive(Debug, Clone, Serialize)]
pub struct FigureTable {
    /// The documents, one column each.
    pub docs: Vec<DocId>,
    /// The rows, in reading order of their groups.
    pub rows: Vec<Row>,
}

/// One subject within one clause group: the figure of each document that states it.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Ids of the clause groups the row's articles are in (several when rows were joined, see
    /// [`build`]); empty without an alignment.
    pub groups: Vec<String>,
    /// The groups' readable labels joined by " / " (常务会议·组成·任务), or the subject without an
    /// alignment.
    pub label: String,
    /// What the figures govern, `topic·aspect`, or the aspect alone when no topic is found.
    pub subject: String,
    /// 0 for the first figure of this subject (and measure) in the group, 1 for the second
    /// (3000字 after 5000字).
    pub nth: usize,
    /// What the figures measure, read from their sentences (居住区绿地率, 道路绿地率): set when the
    /// group has several rows of the subject, which the subject alone does not tell apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// One cell per entry of [`FigureTable::docs`], in the same order.
    pub cells: Vec<Cell>,
    /// The figures disagree but none is stated by more documents than every other (3 against 5
    /// working days in two documents): no cell is marked as differing, since no figure is what
    /// most documents say.
    pub no_majority: bool,
    /// Per document (as [`FigureTable::docs`]): true when it has an article in one of the row's
    /// clause groups (or a paragraph of one, `partial`) and states no figure of the row's subject
    /// and measure in another row of those groups, so a document without a figure here is one
    /// that regulates the matter and sets no figure for it (未规定). Without an alignment every
    /// document is.
    #[serde(skip)]
    pub in_group: Vec<bool>,
}

/// One document's figure in a row.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The document's figure; `None` when it states none for this row (boxed: on a folder of
    /// hundreds of documents most cells are empty, and an empty cell is then one pointer).
    pub provision: Option<Box<Provision>>,
    /// True when this figure differs from the figure most documents in the row state.
    pub differs: bool,
    /// True when the figure is stated in an article the alignment left alone (a group of its
    /// document only), not in one of the row's groups: the document's figure of the same named
    /// quantity, shown here rather than calling the document 未规定 (`from_lone_articles`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub elsewhere: bool,
}

impl Row {
    /// True when at least two documents state the figure and not all agree.
    pub fn has_difference(&self) -> bool {
        self.no_majority || self.cells.iter().any(|c| c.differs)
    }

    /// Number of documents that state the figure.
    pub fn stated(&self) -> usize {
        self.cells.iter().filter(|c| c.provision.is_some()).count()
    }

    /// Columns of the documents that regulate the row's matter (an article in its clause groups)
    /// and state no figure for it.
    pub fn silent(&self) -> Vec<usize> {
        self.cells
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                c.provision.is_none() && self.in_group.get(*i).copied().unwrap_or(true)
            })
            .map(|(i, _)| i)
            .collect()
    }
}

impl FigureTable {
    /// Keeps the rows where a figure's subject, wording or sentence contains `query`; a row is kept
    /// whole, so the other documents' figures stay beside the matching one.
    pub fn retain_matching(&mut self, query: &str) {
        self.rows.retain(|r| {
            r.subject.contains(query)
                || r.cells
                    .iter()
                    .any(|c| c.provision.as_ref().is_some_and(|p| p.matches(query)))
        });
    }

    /// Keeps the rows where the documents' figures differ.
    pub fn retain_differing(&mut self) {
        self.rows.retain(Row::has_difference);
    }

    /// The provisions of `all` that the table's rows show, in the reading order of `all`. A
    /// figure that its article states again in like words (市中 第三十一条: the district
    /// government and its departments each report 每年) prints once in the table (a second row
    /// would repeat the first, see `figures_of`), yet is a figure of its own: it is shown with
    /// the first, so that every figure extracted is listed. Each is named by its row's subject.
    pub fn shown(&self, all: &[Provision]) -> Vec<Provision> {
        let key = |p: &Provision| {
            (
                p.article.doc.clone(),
                p.article.key(),
                p.quantity.expr.clone(),
                p.quantity.unit.clone(),
            )
        };
        // Each figure is named by its row's subject, the name the table shows it under (a row
        // takes the subject most of its figures have).
        let mut shown: HashMap<_, &str> = HashMap::new();
        for r in &self.rows {
            for p in r.cells.iter().filter_map(|c| c.provision.as_deref()) {
                shown.entry(key(p)).or_insert(r.subject.as_str());
            }
        }
        all.iter()
            .filter_map(|p| {
                let subject = shown.get(&key(p))?;
                let mut p = p.clone();
                p.quantity.subject = subject.to_string();
                Some(p)
            })
            .collect()
    }
}

/// Groups `provisions` into rows. With an alignment, the figures of one clause group are paired
/// across documents by what they govern (`pair_in_bucket`): each figure joins the row whose
/// figures' words are most like its own, or opens a row of its own when none is alike enough.
/// Without one (and for articles the alignment put in no group), figures are bucketed by subject
/// and paired the same way. Rows keep the order in which they first appear reading the documents
/// in `docs` order.
///
/// Then rows of the same subject that the alignment put in different groups are joined when no
/// document would appear twice and the two are one matter (see `join_across_groups`): a
/// deadline in a document that splits a matter differently still lines up with the others'
/// (会签·回复时限 in 历下 第51条 and 兖州 五十七).
pub fn build(
    provisions: &[Provision],
    docs: &[DocId],
    alignment: Option<&Alignment>,
) -> FigureTable {
    let col = |d: &DocId| docs.iter().position(|x| x == d);
    let mut ordered: Vec<(usize, &Provision)> = provisions
        .iter()
        .filter_map(|p| col(&p.article.doc).map(|c| (c, p)))
        .collect();
    ordered.sort_by_key(|(c, p)| (*c, p.article.key(), p.quantity.span.start));
    // Buckets in order of first appearance: a clause group, or a subject outside any group.
    let mut buckets: Vec<Bucket> = Vec::new();
    let mut index: HashMap<(Option<String>, Option<String>), usize> = HashMap::new();
    // Each article's group, looked up once (a folder of hundreds of documents has thousands).
    let mut group_of: HashMap<(&DocId, ArticleKey), &crate::align::Group> = HashMap::new();
    for g in alignment.iter().flat_map(|a| &a.groups) {
        for doc in g.members.keys() {
            for key in g.keys_of(doc) {
                group_of.entry((doc, key)).or_insert(g);
            }
        }
    }
    for (c, p) in ordered {
        let group = group_of.get(&(&p.article.doc, p.article.key())).copied();
        let key = match group {
            Some(g) => (Some(g.id.clone()), None),
            None => (None, Some(p.quantity.subject.clone())),
        };
        let b = *index.entry(key).or_insert_with(|| {
            buckets.push(Bucket {
                group: group.map(|g| (g.id.clone(), g.label.clone())),
                figures: Vec::new(),
            });
            buckets.len() - 1
        });
        buckets[b].figures.push((c, p));
    }
    // The clause groups of the articles a figure's clause cites as breached (违反本规定第八条规定):
    // two fines citing articles of different groups punish different conduct.
    let cited = |p: &Provision| -> Vec<String> {
        let mut ids: Vec<String> = p
            .cited_articles()
            .into_iter()
            .filter_map(|(n, sub)| group_of.get(&(&p.article.doc, ArticleKey::new(n, sub))))
            .map(|g| g.id.clone())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    let mut rows: Vec<Row> = Vec::new();
    for bucket in &buckets {
        let first_row = rows.len();
        let mut nth: HashMap<String, usize> = HashMap::new();
        // A row repeats figures of its own bucket only (a figure is in one bucket): the figures
        // of the bucket's rows so far, looked up by hashing (thousands of rows in a long line).
        let mut shown: std::collections::HashSet<Vec<FigureKey>> = std::collections::HashSet::new();
        for members in rows_of_bucket(&bucket.figures, &cited) {
            let subject = row_subject(&members);
            let n = nth.entry(subject.clone()).or_insert(0);
            let mut cells = vec![
                Cell {
                    provision: None,
                    differs: false,
                    elsewhere: false,
                };
                docs.len()
            ];
            for (c, p) in &members {
                cells[*c].provision = Some(Box::new((*p).clone()));
            }
            let row = Row {
                groups: bucket.group.iter().map(|(id, _)| id.clone()).collect(),
                label: bucket
                    .group
                    .as_ref()
                    .map_or_else(|| subject.clone(), |(_, l)| l.clone()),
                subject,
                nth: *n,
                measure: None,
                cells,
                no_majority: false,
                in_group: Vec::new(),
            };
            if !shown.insert(figures_of(&row)) {
                continue;
            }
            *n += 1;
            rows.push(row);
        }
        name_measures(&mut rows[first_row..]);
    }
    let rows = join_across_groups(rows, alignment);
    let rows = place_lone_figures(rows, alignment, &cited);
    let rows = join_linked_lone_figures(rows, alignment, &cited);
    let rows = join_lone_in_group(rows, &cited);
    let rows = join_complements(rows);
    let mut rows = from_lone_articles(rows, alignment, &cited);
    keep_offences_together(&mut rows, &cited);
    // The kinds of figure each article states: a partial member whose article states a figure of
    // the row's kind sets one for the matter (in the paragraph that holds it, or beside it).
    let mut kinds_of: HashMap<(&DocId, ArticleKey), Vec<super::UnitKind>> = HashMap::new();
    for p in provisions {
        let kinds = kinds_of
            .entry((&p.article.doc, p.article.key()))
            .or_default();
        if !kinds.contains(&p.quantity.kind) {
            kinds.push(p.quantity.kind);
        }
    }
    for row in &mut rows {
        mark_differences(row);
        let row_kinds: Vec<super::UnitKind> = row
            .cells
            .iter()
            .filter_map(|c| c.provision.as_ref().map(|p| p.quantity.kind))
            .collect();
        row.in_group = match alignment {
            Some(a) if !row.groups.is_empty() => {
                let groups: Vec<&crate::align::Group> =
                    row.groups.iter().filter_map(|id| a.group(id)).collect();
                docs.iter()
                    .map(|d| {
                        groups.iter().any(|g| g.members.contains_key(d))
                            || (groups.iter().any(|g| !g.partial_of(d).is_empty())
                                && !groups.iter().flat_map(|g| g.partial_of(d)).any(|part| {
                                    kinds_of
                                        .get(&(d, part.article.key()))
                                        .is_some_and(|k| k.iter().any(|k| row_kinds.contains(k)))
                                }))
                    })
                    .collect()
            }
            _ => vec![true; docs.len()],
        };
    }
    stated_elsewhere(&mut rows);
    counterpart_elsewhere(&mut rows, cited);
    alone_in_group(&mut rows, &cited);
    FigureTable {
        docs: docs.to_vec(),
        rows,
    }
}

/// Names what each row of a bucket measures when the bucket has several rows of its subject
/// (比例, 比例 #2 … of one article's list of ratios): the distinct measures of its figures'
/// sentences ([`measure_of`]), in column order, at most three, joined by ` / `; then counts the
/// rows of each subject and measure anew, so that `#2` only tells apart rows whose names are the
/// same.
fn name_measures(rows: &mut [Row]) {
    const SHOWN: usize = 3;
    let mut of_subject: HashMap<String, usize> = HashMap::new();
    for r in rows.iter() {
        *of_subject.entry(r.subject.clone()).or_insert(0) += 1;
    }
    let mut nth: HashMap<(String, Option<String>), usize> = HashMap::new();
    for r in rows.iter_mut() {
        if of_subject.get(&r.subject).copied().unwrap_or(0) < 2 {
            continue;
        }
        let mut measures: Vec<String> = Vec::new();
        for p in r.cells.iter().filter_map(|c| c.provision.as_ref()) {
            // Measures that differ only by blanks (登记费 每只, 登记费每只) are one.
            let blankless = |m: &str| m.split_whitespace().collect::<String>();
            if let Some(m) = measure_of(&p.quantity)
                && !measures.iter().any(|x| blankless(x) == blankless(&m))
            {
                measures.push(m);
            }
        }
        if measures.len() > SHOWN {
            measures.truncate(SHOWN);
            measures.push("…".to_string());
        }
        r.measure = (!measures.is_empty()).then(|| measures.join(" / "));
        let n = nth
            .entry((r.subject.clone(), r.measure.clone()))
            .or_insert(0);
        r.nth = *n;
        *n += 1;
    }
}

/// Words that stand between what a figure measures and its number (…绿地率不低于百分之三十).
const BEFORE_FIGURE: [&str; 18] = [
    "不得低于",
    "不得少于",
    "不得超过",
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "不大于",
    "不小于",
    "应当达到",
    "应当为",
    "应当",
    "达到",
    "低于",
    "高于",
    "大于",
    "小于",
    "为",
];

/// Longest measure shown, in characters: the head of a noun phrase is its end.
const MEASURE_NAME_CHARS: usize = 16;

/// What a figure measures in its sentence: the noun phrase before its number, from the clause's
/// start (after ，；：, a paragraph's start or an item's （一）; a table row's cells, spaced) to the last word that bounds the figure (不低于, 为 …),
/// at most its last 16 characters (`MEASURE_NAME_CHARS`) from a word's start (居住区绿地率,
/// 红线宽度大于五十米的道路绿地率). `None` when nothing is left.
pub fn measure_of(q: &super::Quantity) -> Option<String> {
    // The figure's own words before its number (每只, 不低于) are the figure, not what it measures.
    let own = q.figure.start.saturating_sub(q.span.start);
    let mut before = q.before.len().saturating_sub(own);
    while !q.before.is_char_boundary(before) {
        before -= 1;
    }
    let clause = q.before[..before]
        .rsplit(['，', '；', '：', ',', ';', ':', '）', ')', '》', '\n'])
        .next()
        .unwrap_or_default();
    // A table row's cells before the figure (一般测试⇥每次⇥200元, | 登记费 | 每只50元 |) name it,
    // set off by spaces; a cell that states a figure (登记费⇥每只50元⇥15日内: 每只50元 before the
    // time limit) is a value of the row, which differs from document to document, not a name.
    let cells: Vec<&str> = clause
        .split(['\t', '|'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let several = cells.len() > 1;
    let cells = cells
        .into_iter()
        .filter(|c| !several || super::figure_spans(c).is_empty());
    let clause = &cells.collect::<Vec<_>>().join(" ");
    // The last bounding word: 红线宽度大于五十米的道路绿地率不低于 is a ratio of 道路绿地率, and
    // 比例不低于绿地面积的 one of 比例 (of the green area).
    let cut = BEFORE_FIGURE
        .iter()
        .filter_map(|w| clause.rfind(w))
        .max()
        .unwrap_or(clause.len());
    let mut phrase = clause[..cut].trim().trim_start_matches("其中");
    phrase = before_listed_figures(phrase);
    while let Some(p) = ["不得", "不", "应当", "应", "的", "在"]
        .iter()
        .find_map(|w| phrase.strip_suffix(w))
    {
        phrase = p;
    }
    let chars: Vec<char> = phrase.chars().collect();
    if chars.len() < 2 {
        return counted_after(q);
    }
    if chars.len() <= MEASURE_NAME_CHARS {
        return Some(phrase.to_string());
    }
    // A long phrase keeps its end from a word's start: after a 、 or 的 in its last characters,
    // else marked as cut, before the first word that starts in them (…公办中小学校体育设施开放时间
    // of 非寄宿制公办中小学校…, never …宿制公办).
    let tail = chars.len() - MEASURE_NAME_CHARS;
    let from = (tail..chars.len() - 2).find(|&i| matches!(chars[i - 1], '、' | '的'));
    Some(match from {
        Some(i) => chars[i..].iter().collect(),
        None => format!("…{}", from_a_word(phrase, tail)),
    })
}

/// What a count that opens its clause counts: the nouns right after it (两个以上 | 法律援助机构
/// 都可以受理), so that its row is named though no words stand before the figure. `None` for any
/// other figure, or when no noun of two characters or more follows.
fn counted_after(q: &super::Quantity) -> Option<String> {
    // A count of persons names them in its own way ([`counted_noun`]).
    if q.kind != super::UnitKind::Count || PERSON_UNITS.contains(&q.unit.as_str()) {
        return None;
    }
    let mut rest = q.after.as_str();
    while let Some(r) = COUNT_BOUNDS.iter().find_map(|w| rest.strip_prefix(w)) {
        rest = r;
    }
    let after: String = rest
        .chars()
        .take_while(|&c| is_han(c) && c != '的')
        .collect();
    let seg = crate::segment::Segmenter::global();
    // The run of nouns and verbal nouns, up to its last noun (法律援助 is tagged a name, nr, by
    // the dictionary: any noun tag counts).
    let mut end = 0;
    for t in seg.tokens(&after) {
        let tag = seg.pos(t.text);
        if tag.is_empty() || tag == "j" || tag.starts_with('n') {
            end = t.end;
        } else if tag != "vn" {
            break;
        }
    }
    let noun = after.get(..end)?;
    (noun.chars().count() >= 2 && noun.chars().count() <= MEASURE_NAME_CHARS)
        .then(|| noun.to_string())
}

/// `phrase` from its first word that starts at or after character `tail`, leaving at least two
/// characters; from character `tail` itself when no word starts there.
fn from_a_word(phrase: &str, tail: usize) -> &str {
    let at = |chars: usize| {
        phrase
            .char_indices()
            .nth(chars)
            .map_or(phrase.len(), |(b, _)| b)
    };
    let (first, last) = (at(tail), at(phrase.chars().count().saturating_sub(2)));
    let start = crate::segment::Segmenter::global()
        .tokens(phrase)
        .iter()
        .map(|t| t.start)
        .find(|&s| s >= first)
        .filter(|&s| s <= last)
        .unwrap_or(first);
    &phrase[start..]
}

/// Words that join the items of a list (二百毫升、三百毫升或者四百毫升).
const LIST_JOINS: &[&str] = &["、", "或者", "或", "和", "及", "以及", "与", ","];

/// `phrase` without the figures it ends with when only list words follow them: in
/// 每次可以选择献二百毫升、三百毫升或者四百毫升 the words before 四百毫升 are the other choices, and
/// what the figure measures is what comes before the list (每次可以选择献). A figure followed by
/// words of its own (红线宽度大于五十米的道路绿地率) is part of the name and stays.
fn before_listed_figures(phrase: &str) -> &str {
    let spans = super::figure_spans(phrase);
    let Some(last) = spans.last() else {
        return phrase;
    };
    let mut rest = phrase.get(last.range.end..).unwrap_or_default().trim();
    while let Some(r) = LIST_JOINS.iter().find_map(|w| rest.strip_prefix(w)) {
        rest = r.trim();
    }
    if !rest.is_empty() {
        return phrase;
    }
    // The list's first figure and the list words before it go too.
    let mut first = last.range.start;
    for s in spans.iter().rev().skip(1) {
        let mut between = phrase.get(s.range.end..first).unwrap_or_default().trim();
        while let Some(r) = LIST_JOINS.iter().find_map(|w| between.strip_prefix(w)) {
            between = r.trim();
        }
        if !between.is_empty() {
            break;
        }
        first = s.range.start;
    }
    phrase.get(..first).unwrap_or_default().trim_end()
}

/// A document that states a figure of the same subject and measure ([`measure_of`]) as a row's
/// figures in another row of the same clause groups has set that measure there: it is not
/// 未规定 in this row. One that sets only other measures of the subject still is (a row of
/// 居住区绿地率 beside a document that sets the ratio of schools alone), and the row's name says
/// which measure it lacks.
fn stated_elsewhere(rows: &mut [Row]) {
    type Key = (String, String, String);
    let measures: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .filter_map(|c| c.provision.as_ref().and_then(|p| measure_of(&p.quantity)))
                .collect()
        })
        .collect();
    let mut stated: HashMap<Key, Vec<usize>> = HashMap::new();
    for r in rows.iter() {
        for (col, c) in r.cells.iter().enumerate() {
            let Some(m) = c.provision.as_ref().and_then(|p| measure_of(&p.quantity)) else {
                continue;
            };
            for g in &r.groups {
                stated
                    .entry((g.clone(), r.subject.clone(), m.clone()))
                    .or_default()
                    .push(col);
            }
        }
    }
    for (r, ms) in rows.iter_mut().zip(measures) {
        for g in &r.groups {
            for m in &ms {
                let key = (g.clone(), r.subject.clone(), m.clone());
                for &col in stated.get(&key).into_iter().flatten() {
                    if r.cells.get(col).is_some_and(|c| c.provision.is_none())
                        && let Some(x) = r.in_group.get_mut(col)
                    {
                        *x = false;
                    }
                }
            }
        }
    }
}

/// A document whose figure stands alone in a row of another clause group (compared with
/// nothing) is not 未规定 in a row of the same subject whose majority it states, when it is said
/// of the same body ([`same_body`]) and at least half as alike to one of the row's figures as
/// pairing asks ([`PAIR_THRESHOLD`]), as [`merge_agreeing`] asks of agreeing figures: the row's
/// figure has its counterpart there (上海 46 每年进行至少两次消防演练 beside 每半年至少组织一次…
/// 演练 of the others, which named 上海 未规定). The figure is not moved: across groups, words
/// alike at that likeness are weak evidence for a row, enough against "sets no figure".
fn counterpart_elsewhere(rows: &mut [Row], cited: impl Fn(&Provision) -> Vec<String>) {
    let mut lone: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if r.stated() != 1 {
            continue;
        }
        if let Some(col) = r.cells.iter().position(|c| c.provision.is_some()) {
            lone.entry(r.subject.as_str()).or_default().push((i, col));
        }
    }
    let mut cleared: Vec<(usize, usize)> = Vec::new();
    for (j, r) in rows.iter().enumerate() {
        if r.stated() < 2 || r.no_majority {
            continue;
        }
        let silent = r.silent();
        if silent.is_empty() {
            continue;
        }
        let theirs: Vec<(&Provision, Context)> = r
            .cells
            .iter()
            .filter(|c| !c.differs)
            .filter_map(|c| c.provision.as_deref())
            .map(|q| (q, Context::of(q, cited(q))))
            .collect();
        for &(i, col) in lone.get(r.subject.as_str()).into_iter().flatten() {
            if !silent.contains(&col) || rows[i].groups.iter().any(|g| r.groups.contains(g)) {
                continue;
            }
            let Some(p) = rows[i].cells[col].provision.as_deref() else {
                continue;
            };
            let own = Context::of(p, cited(p));
            if theirs.iter().any(|(q, c)| {
                is_same(p, q) && same_body(p, q) && similarity(&own, c) >= PAIR_THRESHOLD / 2.0
            }) {
                cleared.push((j, col));
            }
        }
    }
    for (j, col) in cleared {
        if let Some(x) = rows[j].in_group.get_mut(col) {
            *x = false;
        }
    }
}

/// The figures of one clause group (or of one subject outside any group), with their columns.
struct Bucket<'a> {
    /// The group's id and label.
    group: Option<(String, String)>,
    figures: Vec<(usize, &'a Provision)>,
}

/// How alike two figures' words must be (`similarity`) to share a row. Below it a figure gets a
/// row of its own: an unpaired figure is shown alone rather than starred against an unrelated one.
pub const PAIR_THRESHOLD: f64 = 0.35;

/// Pairs the figures of one bucket across documents and joins the rows that agree
/// ([`pair_in_bucket`], then [`merge_agreeing`]), each figure's words read once.
fn rows_of_bucket<'a>(
    figures: &[(usize, &'a Provision)],
    cited: &dyn Fn(&Provision) -> Vec<String>,
) -> Vec<Vec<(usize, &'a Provision)>> {
    let contexts = Contexts::of(figures, cited);
    let mut rows = pair_in_bucket(figures, &contexts);
    uncross_acts(figures, &contexts, &mut rows);
    merge_agreeing(figures, &contexts, rows)
        .into_iter()
        .map(|r| r.into_iter().map(|i| figures[i]).collect())
        .collect()
}

/// The figures' contexts, each distinct one once: a one-line article that repeats a sentence
/// has thousands of figures and a handful of distinct contexts, and two figures of equal
/// contexts are as alike as each other to every third.
struct Contexts {
    /// The distinct contexts.
    distinct: Vec<Context>,
    /// Per figure, its context in `distinct`.
    of: Vec<usize>,
}

impl Contexts {
    fn of(figures: &[(usize, &Provision)], cited: &dyn Fn(&Provision) -> Vec<String>) -> Contexts {
        let mut distinct: Vec<Context> = Vec::new();
        let mut ids: HashMap<Context, usize> = HashMap::new();
        let of = figures
            .iter()
            .map(|(_, p)| {
                let c = Context::of(p, cited(p));
                match ids.get(&c) {
                    Some(&id) => id,
                    None => {
                        distinct.push(c.clone());
                        ids.insert(c, distinct.len() - 1);
                        distinct.len() - 1
                    }
                }
            })
            .collect();
        Contexts { distinct, of }
    }

    /// [`similarity`] of two distinct contexts.
    fn similarity(&self, a: usize, b: usize) -> f64 {
        similarity(&self.distinct[a], &self.distinct[b])
    }
}

/// Pairs the figures of one bucket across documents: one row per figure of the first document
/// that states any, then each further document's figures join rows by best matching (the most
/// alike pair first, each row and figure used once), a figure whose best row is below
/// [`PAIR_THRESHOLD`] opening a row of its own. Rows come out in reading order of their first
/// figure, as indices into `figures`.
///
/// A row is as alike to a figure as its most alike member, so rows whose members have the same
/// distinct contexts are alike to every figure alike, and so are figures of one context: the
/// likenesses are computed once per class of rows and class of figures, and best matching takes,
/// at each likeness from the highest, the rows in order, each the first free figure of the
/// classes at that likeness (what sorting every pair by likeness, row and figure would give).
/// Near-linear when a long article repeats its wording; no slower than comparing every pair when
/// each figure's words are its own.
fn pair_in_bucket(figures: &[(usize, &Provision)], contexts: &Contexts) -> Vec<Vec<usize>> {
    use std::collections::{BinaryHeap, VecDeque};
    // Rows as indices into `figures`, and each row's distinct contexts, sorted.
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut keys: Vec<Vec<usize>> = Vec::new();
    let mut columns: Vec<usize> = figures.iter().map(|(c, _)| *c).collect();
    columns.dedup();
    for col in columns {
        // This document's figures by context, in reading order.
        let mut classes: Vec<(usize, VecDeque<usize>)> = Vec::new();
        let mut class_of: HashMap<usize, usize> = HashMap::new();
        for i in (0..figures.len()).filter(|&i| figures[i].0 == col) {
            let ctx = contexts.of[i];
            let k = *class_of.entry(ctx).or_insert_with(|| {
                classes.push((ctx, VecDeque::new()));
                classes.len() - 1
            });
            classes[k].1.push_back(i);
        }
        // The rows so far by their distinct contexts, each class's rows in order.
        let mut row_classes: Vec<(usize, VecDeque<usize>)> = Vec::new();
        {
            let mut index: HashMap<&[usize], usize> = HashMap::new();
            for (r, key) in keys.iter().enumerate() {
                let k = *index.entry(key.as_slice()).or_insert_with(|| {
                    row_classes.push((r, VecDeque::new()));
                    row_classes.len() - 1
                });
                row_classes[k].1.push_back(r);
            }
        }
        // (likeness, class of rows, class of figures) at or above the threshold.
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for (rc, (first, _)) in row_classes.iter().enumerate() {
            for (fc, (ctx, _)) in classes.iter().enumerate() {
                let best = keys[*first]
                    .iter()
                    .map(|&j| contexts.similarity(*ctx, j))
                    .fold(0.0, f64::max);
                if best >= PAIR_THRESHOLD {
                    pairs.push((best, rc, fc));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut start = 0;
        while start < pairs.len() {
            let level = pairs[start].0;
            let end = start
                + pairs[start..]
                    .iter()
                    .take_while(|p| p.0.total_cmp(&level).is_eq())
                    .count();
            // The classes of figures each class of rows meets at this likeness.
            let mut meets: HashMap<usize, Vec<usize>> = HashMap::new();
            for &(_, rc, fc) in &pairs[start..end] {
                meets.entry(rc).or_default().push(fc);
            }
            // The rows of those classes in order: the first free row of each class.
            let mut next: BinaryHeap<std::cmp::Reverse<(usize, usize)>> = meets
                .keys()
                .filter_map(|&rc| {
                    row_classes[rc]
                        .1
                        .front()
                        .map(|&r| std::cmp::Reverse((r, rc)))
                })
                .collect();
            while let Some(std::cmp::Reverse((r, rc))) = next.pop() {
                let free = meets[&rc]
                    .iter()
                    .filter_map(|&fc| classes[fc].1.front().map(|&i| (i, fc)))
                    .min();
                // No free figure for this row: none for the class's later rows either.
                let Some((i, fc)) = free else {
                    continue;
                };
                classes[fc].1.pop_front();
                row_classes[rc].1.pop_front();
                rows[r].push(i);
                let ctx = contexts.of[i];
                if let Err(at) = keys[r].binary_search(&ctx) {
                    keys[r].insert(at, ctx);
                }
                if let Some(&r) = row_classes[rc].1.front() {
                    next.push(std::cmp::Reverse((r, rc)));
                }
            }
            start = end;
        }
        // The figures left open rows of their own.
        let mut left: Vec<usize> = classes.into_iter().flat_map(|(_, q)| q).collect();
        left.sort_unstable();
        for i in left {
            rows.push(vec![i]);
            keys.push(vec![contexts.of[i]]);
        }
    }
    rows.sort_by_key(|r| r.iter().copied().min());
    rows
}

/// Most rows of a bucket [`uncross_acts`] compares two by two (a long article's thousands of rows
/// are left as pairing made them).
const UNCROSS_ROWS: usize = 64;

/// How much more alike the acts of two rows' time limits must be once a document's figures are
/// swapped between them ([`uncross_acts`]), summed over both rows.
const UNCROSS_MARGIN: f64 = 0.2;

/// Two time limits of one document in two rows swap rows when the acts their own clauses name
/// (the clause after each figure: 出具检验报告, 上传检验信息) are more alike to the other row's
/// acts than to their own, by [`UNCROSS_MARGIN`] summed over both rows. Best matching pairs one
/// figure at a time, the most alike first, and a sentence that names one act before the other's
/// figure (在出具检验报告后三个工作日内，向…上传) looks like the first act's limit: two documents
/// stating the same two limits came out crossed, each row "no majority". The two figures must be
/// of one article and of one kind, and each act must have two character pairs or more.
fn uncross_acts(figures: &[(usize, &Provision)], contexts: &Contexts, rows: &mut [Vec<usize>]) {
    if rows.len() > UNCROSS_ROWS {
        return;
    }
    let act = |i: usize| &contexts.distinct[contexts.of[i]].act;
    let mut any = false;
    // How alike figure `f`'s act is to the acts of `row`'s figures of other documents.
    let alike = |row: &[usize], f: usize| -> f64 {
        let col = figures[f].0;
        row.iter()
            .filter(|&&j| figures[j].0 != col && act(j).len() >= 2)
            .map(|&j| dice(act(j), act(f)))
            .fold(0.0, f64::max)
    };
    for a in 0..rows.len() {
        for b in a + 1..rows.len() {
            let cols: Vec<usize> = rows[a].iter().map(|&i| figures[i].0).collect();
            for col in cols {
                let (Some(x), Some(y)) = (
                    rows[a].iter().position(|&i| figures[i].0 == col),
                    rows[b].iter().position(|&i| figures[i].0 == col),
                ) else {
                    continue;
                };
                let (fx, fy) = (rows[a][x], rows[b][y]);
                let (px, py) = (figures[fx].1, figures[fy].1);
                if px.article != py.article
                    || px.quantity.kind != py.quantity.kind
                    || act(fx).len() < 2
                    || act(fy).len() < 2
                {
                    continue;
                }
                // A length of one named thing never moves beside a length of another
                // (增加产假三个月 beside 护理假), whatever the acts after them.
                let noun = |i: usize| &contexts.distinct[contexts.of[i]].noun;
                let unlike_in = |row: &[usize], f: usize| {
                    row.iter()
                        .any(|&j| figures[j].0 != col && unlike_nouns(noun(j), noun(f)))
                };
                if unlike_in(&rows[a], fy) || unlike_in(&rows[b], fx) {
                    continue;
                }
                let kept = alike(&rows[a], fx) + alike(&rows[b], fy);
                let swapped = alike(&rows[a], fy) + alike(&rows[b], fx);
                if swapped > kept + UNCROSS_MARGIN {
                    rows[a][x] = fy;
                    rows[b][y] = fx;
                    any = true;
                }
            }
        }
    }
    if !any {
        return;
    }
    for r in rows.iter_mut() {
        r.sort_unstable();
    }
    rows.sort_by_key(|r| r.first().copied());
}

/// Joins rows of one bucket whose documents do not overlap and whose figures all agree
/// ([`is_same`]), when some figure of one is at least half as alike as pairing asks
/// ([`PAIR_THRESHOLD`]) to one of the other: the same figure in like words is one rule, though
/// best matching gave each document's figure to another row (上海 45 and 浙江 41 both fine
/// 一万元以上五万元以下 for the same prohibited acts; 杭州 28, 淄博 30 and 潍坊 23 keep records
/// four years). Before, each such row said the others set nothing.
///
/// A row joins the first earlier one that passes. Only earlier rows of the same subject (every
/// figure's must be equal) and of documents disjoint from the row's can, so the rows kept are
/// indexed by subject and documents and only those are tested: a long article whose rows each
/// hold every document's figure tests none.
fn merge_agreeing(
    figures: &[(usize, &Provision)],
    contexts: &Contexts,
    rows: Vec<Vec<usize>>,
) -> Vec<Vec<usize>> {
    use std::collections::BTreeSet;
    let subject = |i: usize| figures[i].1.quantity.subject.as_str();
    let cols_of = |row: &[usize]| -> Vec<usize> {
        let mut cols: Vec<usize> = row.iter().map(|&i| figures[i].0).collect();
        cols.sort_unstable();
        cols
    };
    let mut out: Vec<Vec<usize>> = Vec::with_capacity(rows.len());
    // Rows of `out` by the subject of their first figure and their documents.
    let mut index: HashMap<&str, HashMap<Vec<usize>, BTreeSet<usize>>> = HashMap::new();
    for row in rows {
        let Some(&first) = row.first() else {
            out.push(row);
            continue;
        };
        let cols = cols_of(&row);
        let mut target: Option<usize> = None;
        if let Some(by_cols) = index.get(subject(first)) {
            for (theirs, members) in by_cols {
                if theirs.iter().any(|c| cols.binary_search(c).is_ok()) {
                    continue;
                }
                for &e in members {
                    if target.is_some_and(|t| e >= t) {
                        break;
                    }
                    if joins(figures, contexts, &out[e], &row) {
                        target = Some(e);
                        break;
                    }
                }
            }
        }
        match target {
            Some(e) => {
                let old = cols_of(&out[e]);
                let s = subject(out[e][0]);
                out[e].extend(row);
                let new = cols_of(&out[e]);
                let by_cols = index.entry(s).or_default();
                if let Some(set) = by_cols.get_mut(&old) {
                    set.remove(&e);
                    if set.is_empty() {
                        by_cols.remove(&old);
                    }
                }
                by_cols.entry(new).or_default().insert(e);
            }
            None => {
                index
                    .entry(subject(first))
                    .or_default()
                    .entry(cols)
                    .or_default()
                    .insert(out.len());
                out.push(row);
            }
        }
    }
    out
}

/// True when `row` joins `e` in [`merge_agreeing`]: no document in both, every figure of the two
/// the same as every other with the same subject, and some pair alike enough. Two equal time
/// limits stated for the same case ([`same_stated_case`]) are one rule whatever words name the
/// act: 公共体育设施因维修等原因需要暂时停止开放的，应当至少提前七日向公众公示 and …应当提前七日向
/// 社会公告 (公示, 公告) were two lone rows, each compared with nothing, their acts sharing no
/// character pair.
fn joins(figures: &[(usize, &Provision)], contexts: &Contexts, e: &[usize], row: &[usize]) -> bool {
    let (col, p) = (|i: usize| figures[i].0, |i: usize| figures[i].1);
    e.iter().all(|&a| row.iter().all(|&b| col(a) != col(b)))
        && e.iter().chain(row).all(|&a| {
            e.iter()
                .chain(row)
                .all(|&b| is_same(p(a), p(b)) && p(a).quantity.subject == p(b).quantity.subject)
        })
        && e.iter().any(|&a| {
            row.iter().any(|&b| {
                let (x, y) = (
                    &contexts.distinct[contexts.of[a]],
                    &contexts.distinct[contexts.of[b]],
                );
                likeness(x, y, !same_stated_case(x, y)) >= PAIR_THRESHOLD / 2.0
            })
        })
        // Equal lengths of differently named things (再增加婚假七日 beside 增加婚假七天) are no
        // one rule, whatever a third member's generic noun (增加假期七天) is like; nor are equal
        // figures for different sectors (其他生产经营单位 and 高危行业的), whatever a third member
        // that names none is like.
        && e.iter().all(|&a| {
            row.iter().all(|&b| {
                let (x, y) = (
                    &contexts.distinct[contexts.of[a]],
                    &contexts.distinct[contexts.of[b]],
                );
                !unlike_nouns(&x.noun, &y.noun) && !unlike_sectors(x, y)
            })
        })
}

/// Whether two figures are stated for one case: both name one of two character pairs or more
/// (the `…的，` clause before them) and the two share at least [`CONDUCT_ALIKE`] of their pairs.
fn same_stated_case(a: &Context, b: &Context) -> bool {
    a.case.len() >= 2 && b.case.len() >= 2 && dice(&a.case, &b.case) >= CONDUCT_ALIKE
}

/// The subject most of a row's figures have; on a tie, that of the first document's figure.
fn row_subject(members: &[(usize, &Provision)]) -> String {
    let count = |s: &str| {
        members
            .iter()
            .filter(|(_, p)| p.quantity.subject == s)
            .count()
    };
    let mut best: Option<(&str, usize)> = None;
    for (_, p) in members {
        let n = count(&p.quantity.subject);
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((&p.quantity.subject, n));
        }
    }
    best.map(|(s, _)| s.to_string()).unwrap_or_default()
}

/// A cell's figure as [`figures_of`] compares it: its article, its words and its unit.
type FigureKey = Option<(ArticleKey, String, String)>;

/// The figures a row shows, per cell: two rows of equal keys show the same figures of the same
/// articles (an article that states 一年内 twice in like words), and the second would print the
/// first again.
fn figures_of(row: &Row) -> Vec<FigureKey> {
    row.cells
        .iter()
        .map(|c| {
            c.provision.as_ref().map(|p| {
                (
                    p.article.key(),
                    p.quantity.expr.clone(),
                    p.quantity.unit.clone(),
                )
            })
        })
        .collect()
}

/// Who a penalty or duty falls on, when the words before the figure say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Party {
    /// 单位 (an organisation: 建设单位, 物业服务企业…).
    Organisation,
    /// 个人.
    Person,
}

/// What a figure's words say about the matter it governs.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Context {
    kind: super::UnitKind,
    subject: String,
    named: bool,
    /// Character bigrams of the figure's clause (its number and unit left out).
    clause: PairSet,
    /// Character bigrams of its whole sentence outside the figure.
    sentence: PairSet,
    party: Option<Party>,
    /// For a time limit (a span with 内), who must act within it, when the sentence's opening names it
    /// ([`actor`]): a person (社区戒毒人员…应当自…二日内报到) or a body (乡（镇）人民政府…自…三个
    /// 工作日内转送).
    actor: Option<Party>,
    /// A repeat or aggravated case (再次违反, 情节严重, 拒不改正).
    aggravated: bool,
    /// A ceiling after a figure (一般为二百毫升，最多不超过四百毫升: the 四百毫升), read by its
    /// clause opening with a cap word ([`is_cap_clause`]).
    cap: bool,
    /// The other figures that say which case it is stated for ([`conditions`]).
    conditions: Vec<(super::UnitKind, i64, &'static str)>,
    /// The upper (低于) or lower (高于) end of a band, when a bare comparison says so.
    upper_end: Option<bool>,
    /// For a figure that bounds the case a rule is stated for (从业人员三百人以上的,
    /// 不足一百人的): how it bounds it ([`case_end`]).
    case_end: Option<super::Bound>,
    /// How the case the figure is stated under is bounded by a figure ending it ([`case_bound`]):
    /// 至少配备三名 under 从业人员三百人以上的 (from below), 三名以上 under 一百人以上不足三百人的 (a
    /// band): a staffing table's count per workforce band.
    case_bound: Option<super::Bound>,
    /// For a count of persons (人, 名, 位), character pairs of what is counted ([`counted_noun`]):
    /// 专职安全生产管理人员 in 至少配备一名专职安全生产管理人员, 从业人员 in 从业人员一百人以上的.
    counted: PairSet,
    /// For a share, character pairs of the words right before it in its clause: what it is a
    /// share of (物业总建筑面积 in 达到物业总建筑面积百分之三十, 人数占比 in 人数占比百分之二十五).
    measure: PairSet,
    /// For a share, what it measures as [`measure_of`] names it (居住区绿地率 in
    /// 居住区绿地率不低于百分之三十, the bounding word left out); empty when nothing is named.
    measure_name: String,
    /// For a share, the thing whose size it sets or bounds ([`sized_thing`]): 资金 in
    /// 按…总额的百分之五设立应急备用维修资金, 金额 in 维修资金使用金额不得超过…百分之十; and whether the
    /// share is written before that thing (按…的 N + verb + thing), the form that names it surely.
    sized: (String, bool),
    /// For a span of time that is the length of a named thing (not a deadline), the noun it
    /// measures ([`measured_noun`]): 陪产假 in 男方享受配偶陪产假十天, 产假 in 增加产假三个月.
    noun: String,
    /// What the figure is counted per (平方米, 日), but for a frequency: a rate per square metre
    /// and a sum are different measures.
    per: Option<String>,
    /// Character pairs of the case the figure is stated for: the last `…的，` clause before it
    /// in its paragraph (捐献全血的, 受委托的单位转委托的): for a fine, the conduct it punishes.
    case: PairSet,
    /// For a fine, character pairs of the offender its case opens with ([`offender`]: 导游 in
    /// 导游向游客索取小费, 旅行社 in 旅行社违反…规定); empty when the case opens with no noun.
    offender: PairSet,
    /// Character pairs of the case without its offender: for a fine, what the offender did
    /// (向游客索取小费); for any other figure, the whole case.
    deed: PairSet,
    /// Whether the organisations the figure's rule is stated for are the ones a rule has not
    /// named (其他生产经营单位, 前款规定以外的…单位: `Some(true)`) or named ones (高危行业的生产经营
    /// 单位: `Some(false)`), when its paragraph names them ([`residual_sector`]).
    residual: Option<bool>,
    /// The clause naming those organisations (高危行业的生产经营单位, 其他生产经营单位), when one does.
    sector: String,
    /// For a repeat or aggravated tier ([`aggravated`]: 情节严重的，处…), character pairs of what
    /// the offender did in the conduct the tier aggravates ([`case_and_conduct`]: 破坏野生动物
    /// 栖息地…的，处…；情节严重的，处…): the offence its figure is a higher penalty of. Empty for
    /// any other figure, and for a tier with no conduct before it.
    conduct: PairSet,
    /// Whether `conduct` names what the offender did, not only the article it breaches.
    conduct_named: bool,
    /// The clause groups of the articles whose breach the figure's clause punishes
    /// ([`Provision::cited_articles`]), sorted: for a fine, which conduct it is for.
    cited: Vec<String>,
    /// True when the figure is part of the case a rule is stated for, not the rule's own figure
    /// ([`in_case`]: 任期届满前三十日，尚未召开…的，…应当组织换届).
    in_case: bool,
    /// For a span of time, character pairs of the act it is for: the first clause after it
    /// (五个工作日内予以核实, 三十日内组建业主大会筹备组).
    act: PairSet,
    /// For a span of time, character pairs of the event it runs from ([`start_event`]: 变更 in
    /// 自变更之日起三十日内, 改造 in 在改造后三十日内).
    start: PairSet,
}

/// The case `q`'s words state it for ([`case_clause`] of its own sentence and the paragraph
/// before it), and the conduct that case is a tier of: back past the tiers and the cases a
/// figure bounds (违法所得五万元以上的) to the first case that is neither, the conduct the sentence
/// or its paragraph opens with. The conduct is the case itself when the case is no tier, or no
/// conduct stands before it. A tier's figure (情节严重的，处五千元以上二万元以下的罚款) is the
/// aggravated penalty of that conduct (（三）破坏野生动物栖息地…的，处一千元以上五千元以下的罚款).
fn case_and_conduct(q: &super::Quantity) -> (String, String) {
    let text = format!("{}{}", q.lead, q.before);
    // The case is read in the figure's own sentence (up to a 。): a `…的，` of an earlier one
    // (决定不予受理的，应当向投诉者说明理由。属于其他部门处理的事项，应当在三个工作日内移交) is that
    // sentence's case, closed with its rule.
    let from = q.lead.rfind(FULL_STOPS).map_or(0, |i| {
        i + q.lead[i..].chars().next().map_or(1, char::len_utf8)
    });
    let case = case_clause(&text[from..]);
    if is_tier(case) {
        // Back past the tiers and the cases a figure bounds (违法所得五万元以上的): the fine on the
        // persons in charge after 情节严重的，吊销… is stated for the conduct the sentence opens with.
        let mut at = case;
        loop {
            let start = at.as_ptr() as usize - text.as_ptr() as usize;
            let rule = text.get(..start).map(case_clause).unwrap_or_default();
            if rule.is_empty() {
                break;
            }
            if !is_tier(rule) && !bounded_by_figure(rule) {
                return (case.to_string(), rule.to_string());
            }
            at = rule;
        }
    }
    (case.to_string(), case.to_string())
}

/// Whether a case ends in a figure, alone or with the word bounding it (违法所得五万元以上, 不足一百人):
/// a case of the amount, not the conduct (一次性餐具 and 第二项规定 name no such bound).
fn bounded_by_figure(case: &str) -> bool {
    let case = case.trim();
    crate::text::quantity::quantities(case)
        .last()
        .is_some_and(|r| {
            let rest = case.get(r.end..).unwrap_or_default();
            ["", "以上", "以下", "及以上", "及以下", "以内", "的"].contains(&rest)
        })
        || ["不足", "不满", "未满", "超过"]
            .iter()
            .any(|w| case.contains(w) && !crate::text::quantity::quantities(case).is_empty())
}

/// Whether a deed is named only by what it breaches: 违反…规定, nothing else.
fn cites_only(deed: &str) -> bool {
    let deed = deed.trim();
    deed.starts_with("违反") && deed.ends_with("规定")
}

/// Marks that close a sentence and the case stated in it (a ；closes a clause of one sentence:
/// …的，…并处…；违法所得五万元以上的，…；…).
const FULL_STOPS: [char; 3] = ['。', '！', '？'];

/// A fine's case split into the offender it opens with and what the offender did: the opening
/// noun phrase (nouns, verbal nouns and the words joining them: 导游、领队人员, 机动车环保检验机构)
/// when it ends in a noun and a word of the deed follows it (导游 | 向游客索取小费,
/// 旅行社 | 违反本条例第二十六条…规定), a leading 对 skipped. The offender is empty when the case
/// opens with no noun (未经许可经营…, 使用不符合规定的车辆…), when its phrase ends in no noun
/// (违法所得: a verbal noun and a verb) or a numeral or particle follows the phrase.
fn offender(case: &str) -> (&str, &str) {
    let case = case.trim().trim_start_matches('对');
    let seg = crate::segment::Segmenter::global();
    // Byte end of the phrase so far, and whether its last word is a noun.
    let (mut end, mut noun_end) = (0, 0);
    for t in seg.tokens(case) {
        let tag = seg.pos(t.text);
        // A noun, a domain term (no tag) or an abbreviation (环保 in 机动车环保检验机构).
        let noun = tag.is_empty() || tag == "j" || (tag.starts_with('n') && tag != "nr");
        if noun || tag == "vn" {
            end = t.end;
            if noun {
                noun_end = t.end;
            }
            continue;
        }
        if ["、", "和", "或者", "及", "以及", "与"].contains(&t.text) && end > 0 {
            continue;
        }
        // A word of the deed: a verb, an adverb, a preposition or a word the dictionary does not
        // hold whole (以不实); not a numeral (违法所得五万元) or a particle (…工程的建设单位).
        let opens_deed = t.text.chars().all(is_han) && !["m", "q", "u", "uj", "ul"].contains(&tag);
        if noun_end == end && end > 0 && opens_deed {
            return (&case[..end], &case[end..]);
        }
        break;
    }
    ("", case)
}

/// Whether `q` is the repeat or aggravated tier of a figure its paragraph states before it: an
/// [`AGGRAVATING`] word in its sentence before it, after a figure of the same kind in its
/// paragraph (违反…的，处二千元以上二万元以下罚款；情节严重的，处二万元以上二十万元以下罚款). A
/// document's only figure for a conduct, though stated for 逾期不改正 (责令限期改正；逾期不改正的，
/// 处一千元以上五千元以下罚款), is its base figure for that conduct, not a higher tier: it pairs
/// with the others' base figures, not with their 情节严重 tier.
fn aggravated(q: &super::Quantity) -> bool {
    let Some(at) = AGGRAVATING.iter().filter_map(|w| q.before.find(w)).min() else {
        return false;
    };
    let earlier = format!("{}{}", q.lead, &q.before[..at]);
    crate::text::quantity::quantities(&earlier)
        .iter()
        .any(|r| r.kind == q.kind)
}

impl Context {
    fn of(p: &Provision, cited: Vec<String>) -> Context {
        let q = &p.quantity;
        let aggravated = aggravated(q);
        let (tier, conduct) = case_and_conduct(q);
        let case = if aggravated { tier } else { conduct.clone() };
        let penalty = PENALTY_TOPICS.contains(&q.topic.as_str());
        // What an offender did (a fine's case without its offender); a deed named only by the
        // article it breaches (违反本条例第三十五条…规定) has no words of its own to compare: the
        // case is compared whole.
        let deed_of = |case: &str| -> String {
            let (_, deed) = if penalty { offender(case) } else { ("", case) };
            without_figures(if cites_only(deed) { case } else { deed })
        };
        let sector = residual_sector(q, &p.list_head);
        let conduct_named = !cites_only(if penalty {
            offender(&conduct).1
        } else {
            &conduct
        });
        let (offender, _) = if penalty {
            offender(&case)
        } else {
            ("", case.as_str())
        };
        let boundary = ['，', '；', '：', '。', ',', ';', ':'];
        let head = q.before.rfind(boundary).map_or(q.before.as_str(), |i| {
            &q.before[i + q.before[i..].chars().next().map_or(1, char::len_utf8)..]
        });
        let tail = q
            .after
            .find(boundary)
            .map_or(q.after.as_str(), |i| &q.after[..i]);
        let clause = bigrams(head).union(&bigrams(tail));
        let sentence = bigrams(&q.before).union(&bigrams(&q.after));
        Context {
            kind: q.kind,
            named: q.topic != super::subject::NO_TOPIC,
            subject: q.subject.clone(),
            clause,
            sentence,
            party: party(&q.before).or_else(|| party(&q.lead)),
            aggravated,
            cap: is_cap_clause(head),
            actor: if q.kind == super::UnitKind::Duration && q.qualifier.contains('内') {
                actor(&q.before)
            } else {
                None
            },
            conditions: conditions(q),
            residual: sector.as_ref().map(|(r, _)| *r),
            sector: sector.map(|(_, phrase)| phrase).unwrap_or_default(),
            upper_end: upper_end(&q.before),
            case_end: case_end(q),
            case_bound: case_bound(&case),
            counted: if q.kind == super::UnitKind::Count && PERSON_UNITS.contains(&q.unit.as_str())
            {
                bigrams(&counted_noun(head, tail))
            } else {
                Default::default()
            },
            measure: if q.kind == super::UnitKind::Share {
                bigrams(&last_han(head, MEASURE_CHARS))
            } else {
                Default::default()
            },
            measure_name: if q.kind == super::UnitKind::Share {
                measure_of(q).unwrap_or_default()
            } else {
                String::new()
            },
            sized: sized_thing(q),
            noun: measured_noun(q),
            // A frequency's period is compared on the common scale (每两周1次 against 每月2次).
            per: (q.kind != super::UnitKind::Times)
                .then(|| q.per.clone())
                .flatten(),
            case: bigrams(&without_figures(&case)),
            offender: bigrams(offender),
            deed: bigrams(&deed_of(&case)),
            // Only a tier's conduct is another case than its own: for any other figure it is
            // the deed already compared.
            conduct: if aggravated && conduct != case {
                bigrams(&deed_of(&conduct))
            } else {
                Default::default()
            },
            conduct_named,
            cited,
            in_case: in_case(&q.after),
            act: if q.kind == super::UnitKind::Duration {
                bigrams(first_clause(&q.after))
            } else {
                Default::default()
            },
            start: if q.kind == super::UnitKind::Duration {
                bigrams(start_event(head))
            } else {
                Default::default()
            },
        }
    }
}

/// Head nouns of the organisations a rule is stated for (生产经营单位, 企业, 高危行业).
const SECTOR_HEADS: &[&str] = &["单位", "企业", "行业"];

/// Words that mark a party as the ones a rule has not named: 其他生产经营单位, 前款规定以外的….
const RESIDUAL_MARKS: &[&str] = &["其他", "以外", "之外"];

/// Whether the organisations `q`'s rule is stated for are the ones no rule before has named
/// (`Some(true)`: 前两款规定以外的其他生产经营单位，从业人员三百人以上的，至少配备一名…) or named
/// ones (`Some(false)`: 高危行业的生产经营单位，从业人员三百人以上的，至少配备三名…), read from the
/// party phrase (a clause with a [`SECTOR_HEADS`] noun): the one the figure's clause goes on
/// with (从业人员三百人以上的其他生产经营单位, up to a 和 or 或者 that joins another party), else
/// the nearest clause before it in its paragraph, else, for a figure of an item, the first
/// clause of the words opening its list (`list_head`: 矿山…单位，应当按照下列规定…：). A party
/// is residual when a [`RESIDUAL_MARKS`] word comes before its head noun. `None` when none names
/// an organisation.
fn residual_sector(q: &super::Quantity, list_head: &str) -> Option<(bool, String)> {
    // A residual mark before a head it qualifies (其他生产经营单位; not 单位有关人员或者其他直接
    // 责任人员, whose 其他 qualifies persons).
    let residual = |phrase: &str| {
        RESIDUAL_MARKS.iter().any(|w| {
            phrase
                .find(w)
                .is_some_and(|i| SECTOR_HEADS.iter().any(|h| phrase[i..].contains(h)))
        })
    };
    let names = |phrase: &str| SECTOR_HEADS.iter().any(|w| phrase.contains(w));
    let own = q
        .after
        .split(['，', '；', '。', '：', ',', ';', ':'])
        .next()
        .unwrap_or_default();
    let own = ["和", "或者", "及", "、"]
        .iter()
        .filter_map(|w| own.find(w))
        .min()
        .map_or(own, |i| &own[..i]);
    if names(own) {
        return Some((residual(own), own.to_string()));
    }
    let text = format!("{}{}", q.lead, q.before);
    let marks = ['，', '；', '。', '：', ',', ';', ':', '\n'];
    // A list opens with whom its items are for (有下列情形之一的生产经营单位应当…，其他生产经营
    // 单位可以…：): its first clause naming an organisation.
    text.rsplit(marks)
        .find(|clause| names(clause))
        .or_else(|| list_head.split(marks).find(|clause| names(clause)))
        .map(|clause| (residual(clause), clause.to_string()))
}

/// True when one figure's rule is for the organisations no rule before has named and the
/// other's for named ones ([`residual_sector`]): the other's clause names them otherwise than by
/// the bare noun the residual one qualifies (其他生产经营单位 → 生产经营单位). A rule for that bare
/// noun at the start of its clause (生产经营单位应当每年至少组织一次…) is the rule for every such
/// organisation, the others among them; one that qualifies it (高危行业的生产经营单位, 高危生产经营
/// 单位) or names other organisations (矿山…道路运输单位) is a named sector's.
fn unlike_sectors(a: &Context, b: &Context) -> bool {
    let (rest, named) = match (a.residual, b.residual) {
        (Some(true), Some(false)) => (&a.sector, &b.sector),
        (Some(false), Some(true)) => (&b.sector, &a.sector),
        _ => return false,
    };
    // The noun the residual mark qualifies: after the last mark, a 的 left out.
    let noun = RESIDUAL_MARKS
        .iter()
        .filter_map(|w| rest.rfind(w).map(|i| &rest[i + w.len()..]))
        .min_by_key(|tail| tail.len())
        .map(|tail| tail.trim_start_matches('的'))
        .unwrap_or_default();
    // Up to its head (其他生产经营单位可以建立… → 生产经营单位).
    let noun = SECTOR_HEADS
        .iter()
        .filter_map(|h| noun.find(h).map(|i| &noun[..i + h.len()]))
        .min_by_key(|n| n.len())
        .unwrap_or(noun);
    if noun.is_empty() {
        return true;
    }
    match named.find(noun) {
        Some(i) => named[..i]
            .chars()
            .next_back()
            .is_some_and(crate::text::chars::is_han),
        None => true,
    }
}

/// The event a span of time runs from, when the figure's clause names one right before it: the
/// words after the last 自, 在 or 于 of `head` when they end in 之日起, 起 or 后, those endings left
/// out (应当自变更之日起 → 变更; 在改造后 → 改造; 在电梯投入使用前或者投入使用后 → 电梯投入使用前或者
/// 投入使用). Empty when the clause names none (检验检测机构应当在).
fn start_event(head: &str) -> &str {
    let Some(at) = ["自", "在", "于"]
        .iter()
        .filter_map(|w| head.rfind(w).map(|i| i + w.len()))
        .max()
    else {
        return "";
    };
    let event = &head[at..];
    for end in ["之日起", "之时起", "以后", "起", "后"] {
        if let Some(e) = event.strip_suffix(end) {
            return e;
        }
    }
    ""
}

/// The last clause of `text` that ends in 的 before a comma (the case a rule is stated for:
/// 捐献全血的，…; 设置技术障碍的，处…), without the 的; empty when there is none.
fn case_clause(text: &str) -> &str {
    let Some(end) = text.rfind("的，") else {
        return "";
    };
    let head = &text[..end];
    let start = head.rfind(['，', '；', '。', '：', '\n']).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    &head[start..]
}

/// Modal words that state a rule: a figure before one of them in its sentence is the rule's own.
const RULE_WORDS: &[&str] = &["应当", "应", "可以", "不得", "须", "处", "责令", "由"];

/// Whether a figure whose sentence goes on with `after` stands in the case a rule is stated for:
/// a `的，` follows it before any word that states the rule (任期届满前三十日，尚未召开业主大会
/// 会议的，…应当组织换届: a point the case is read at, not a time limit to compare with
/// 九十日内; …的情形，). The 的 must close the figure's own clause (逾期超过三十日未改正的，), or the figure
/// must close it (届满前三十日，…的，): in 一般3个工作日内回复意见，特殊情况不能回复的，… the
/// figure's clause goes on with the rule's act, and the case after it is the next rule's. A
/// fine's 以下的罚款 has no comma after its 的.
fn in_case(after: &str) -> bool {
    if fails_to_act(after) {
        return true;
    }
    // 出现…不足总数的三分之二等无法正常履行职责的情形，: a case named 情形 ends there too.
    let Some(end) = ["的，", "情形，"]
        .iter()
        .filter_map(|m| after.find(m))
        .min()
    else {
        return false;
    };
    let case = &after[..end];
    let own = case.split(['，', ',']).next().unwrap_or_default();
    let closes = own == case || own.trim().is_empty();
    closes && !RULE_WORDS.iter().any(|w| case.contains(w))
}

/// Whether a span of time whose sentence goes on with `after` bounds a failure to act that a
/// later clause's rule answers, written without 的: 丧事承办人自遗体运至殡仪馆之日起十五日内不办理
/// 火化手续，又不说明正当理由，殡仪馆应当书面通知… is the case 丧事承办人在七日内未办理火化手续的，
/// 殡仪馆应当… states with 的. The figure's own clause goes on, past 内 or 以内, with 未 or 不 and a
/// verb (not 不得, 不予, 不超过: a rule's own words), holds no word that states a rule, and a later
/// clause of the sentence does.
fn fails_to_act(after: &str) -> bool {
    let own_end = after.find(['，', ',']).unwrap_or(after.len());
    let (own, rest) = after.split_at(own_end);
    let act = ["以内", "之内", "内"]
        .iter()
        .find_map(|w| own.strip_prefix(w))
        .unwrap_or(own);
    let negated = act.starts_with('未')
        || (act.starts_with('不')
            && ![
                "不得",
                "不予",
                "不超过",
                "不少于",
                "不低于",
                "不高于",
                "不足",
            ]
            .iter()
            .any(|w| act.starts_with(w)));
    act.len() < own.len()
        && negated
        && !RULE_WORDS.iter().any(|w| own.contains(w))
        && RULE_WORDS.iter().any(|w| rest.contains(w))
}

/// The first clause of `after` that holds words (up to ，；。), leading commas skipped.
fn first_clause(after: &str) -> &str {
    let rest = after.trim_start_matches(['，', ',', ' ']);
    let end = rest
        .find(['，', '；', '。', ',', ';', '：'])
        .unwrap_or(rest.len());
    &rest[..end]
}

/// `text` with its figures and their units cut out (十四摄氏度 and 14℃ alike leave nothing): the
/// figures a case names are compared on their common scale by [`conditions`], so the case's
/// character pairs are its words alone.
fn without_figures(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in crate::text::quantity::quantities(text) {
        if r.num_start >= at && text.is_char_boundary(r.num_start) && text.is_char_boundary(r.end) {
            out.push_str(&text[at..r.num_start]);
            out.push(' ');
            at = r.end;
        }
    }
    out.push_str(&text[at..]);
    out
}

/// Han characters of the words right before a share that name what it is a share of.
const MEASURE_CHARS: usize = 6;

/// The last `n` Han characters of `text` that follow its last non-Han character.
fn last_han(text: &str, n: usize) -> String {
    let run: Vec<char> = text
        .chars()
        .rev()
        .take_while(|c| crate::text::chars::is_han(*c))
        .take(n)
        .collect();
    run.into_iter().rev().collect()
}

/// The other figures that say which case `q` is stated for, each once (value in hundredths,
/// unit), sorted: those before it in its sentence and those of its own kind after it in its
/// clause (高于或者等于十六摄氏度、低于十八摄氏度的，退还…30%: 30% is stated for 16℃ and 18℃, and
/// 16℃ is the lower end of a band up to 18℃).
fn conditions(q: &super::Quantity) -> Vec<(super::UnitKind, i64, &'static str)> {
    use crate::text::quantity::quantities;
    let clause_after = q
        .after
        .split(['，', '；', '。', ',', ';'])
        .next()
        .unwrap_or_default();
    let mut out: Vec<(super::UnitKind, i64, &'static str)> = quantities(&q.before)
        .into_iter()
        .chain(
            quantities(clause_after)
                .into_iter()
                .filter(|r| r.kind == q.kind),
        )
        .flat_map(|r| {
            let hundredths = |v: f64| (v * 100.0).round() as i64;
            std::iter::once(hundredths(r.value))
                .chain(r.max.map(hundredths))
                .map(move |v| (r.kind, v, r.unit))
        })
        .collect();
    out.sort_by(|a, b| (a.1, a.2).cmp(&(b.1, b.2)));
    out.dedup();
    out
}

/// For a figure that bounds the case its rule is stated for (the figure, its 以上 or 不足, then
/// 的: 从业人员三百人以上的，…; 不足一百人的，…; 一百人以上不足三百人的), how it bounds it: from
/// above (`AtMost`), from below (`AtLeast`) or both ways (`Between`, a band); `None` for any
/// other figure (a fine's 一万元以上, a floor 不少于三年 are the rule's own figures).
fn case_end(q: &super::Quantity) -> Option<super::Bound> {
    let after = &q.after[super::qualify::inclusive_mark(&q.after)..];
    let rest = ["及以上", "及以下", "以上", "以下", "以内"]
        .iter()
        .find_map(|w| after.strip_prefix(w))
        .unwrap_or(after);
    if !rest.starts_with('的') {
        return None;
    }
    match q.bound {
        super::Bound::AtMost | super::Bound::AtLeast | super::Bound::Between => Some(q.bound),
        _ => None,
    }
}

/// Whether a figure's clause before its number opens with a cap word (最多, 最长, 最高, after 但 or
/// 但是) and says nothing else but a bound (不超过, 不得超过): the ceiling after a figure.
fn is_cap_clause(head: &str) -> bool {
    let head = head.trim();
    let head = ["但是", "但"]
        .iter()
        .find_map(|w| head.strip_prefix(w))
        .unwrap_or(head);
    ["最多", "最长", "最高"]
        .iter()
        .find_map(|w| head.strip_prefix(w))
        .is_some_and(|rest| ["", "不超过", "不得超过"].contains(&rest))
}

/// How the case a figure is stated under (its [`case_and_conduct`]) is bounded by the figure that
/// ends it: from below (从业人员三百人以上, 超过一百人), from above (三百人以下, 不足四百毫升) or both ways
/// (一百人以上不足三百人, a band); `None` when no figure ends the case. Two figures stated under
/// cases bounded different ways are said of different conditions (a staff count for workforces
/// of 300 and more against one for 100 to 300), whatever else their words share; cases bounded
/// alike at different values (不满一千毫升 and 不足四百毫升) are one threshold whose value differs.
fn case_bound(case: &str) -> Option<super::Bound> {
    use crate::text::quantity::quantities;
    let case = case.trim();
    let found = quantities(case);
    let last = found.last()?;
    let rest = case.get(last.end..).unwrap_or_default();
    let before = case.get(..last.num_start).unwrap_or_default();
    const FROM_ABOVE: [&str; 6] = ["不足", "不满", "未满", "少于", "低于", "不超过"];
    const FROM_BELOW: [&str; 4] = ["超过", "高于", "多于", "达到"];
    let below_words = ["以上", "及以上"];
    let above_words = ["以下", "及以下", "以内"];
    let bound = if below_words.contains(&rest) || FROM_BELOW.iter().any(|w| before.ends_with(w)) {
        super::Bound::AtLeast
    } else if above_words.contains(&rest) || FROM_ABOVE.iter().any(|w| before.ends_with(w)) {
        super::Bound::AtMost
    } else {
        return None;
    };
    // 一百人以上不足三百人, 高于或者等于十六摄氏度、低于十八摄氏度, 低于十八摄氏度、高于十六摄氏度: two
    // figures of one unit bounding the case make a band, whichever end is written last.
    let ends = found
        .iter()
        .filter(|r| r.kind == last.kind && r.unit == last.unit)
        .count();
    Some(if ends >= 2 {
        super::Bound::Between
    } else {
        bound
    })
}

/// Units that count persons.
const PERSON_UNITS: &[&str] = &["人", "名", "位"];

/// Words that bound a count right after its unit, before what it counts (三名以上专职人员).
const COUNT_BOUNDS: &[&str] = &["及以上", "及以下", "以上", "以下", "以内", "左右"];

/// Words that bound a count right before its number (配备专职人员不少于三人).
const COUNT_LEADS: &[&str] = &[
    "不少于",
    "不低于",
    "不超过",
    "不多于",
    "不足",
    "不满",
    "未满",
    "超过",
    "达到",
    "至少",
    "最多",
    "达",
    "满",
    "为",
];

/// What a count of persons counts, from its own clause: the noun right after the unit and its
/// bound (至少配备一名专职安全生产管理人员 → 专职安全生产管理人员), or, when the unit is followed
/// by nothing or by 的 (从业人员三百人以上的, 从业人员一百人以上的高危生产经营单位), the words right
/// before the number, its bounding words left out (从业人员). `head` and `tail` are the figure's
/// clause before its number and after its unit.
fn counted_noun(head: &str, tail: &str) -> String {
    let mut rest = tail;
    while let Some(r) = COUNT_BOUNDS.iter().find_map(|w| rest.strip_prefix(w)) {
        rest = r;
    }
    let after: String = rest
        .chars()
        .take_while(|c| crate::text::chars::is_han(*c))
        .collect();
    if !after.is_empty() && !after.starts_with('的') {
        return after;
    }
    let mut head = head.trim_end();
    while let Some(h) = COUNT_LEADS.iter().find_map(|w| head.strip_suffix(w)) {
        head = h;
    }
    last_han(head, MEASURE_CHARS)
}

/// True when two counts of persons count different persons ([`counted_noun`]): with the pair
/// 人员 that ends most such nouns left out, each names two character pairs or more and the two
/// share none (专职安全生产管理人员 and 从业人员: the staff to appoint and the workforce; not
/// 委员联名 and 联名提出).
fn unlike_counted(a: &PairSet, b: &PairSet) -> bool {
    let generic = PairSet::of(vec![('人', '员')]);
    let strip = |x: &PairSet| {
        PairSet::of(
            x.0.iter()
                .filter(|p| !generic.0.contains(p))
                .copied()
                .collect(),
        )
    };
    let (x, y) = (strip(a), strip(b));
    x.len() >= 2 && y.len() >= 2 && x.is_disjoint(&y)
}

/// Whether a bare comparison right before the number makes it the upper end of a band (低于十八
/// 摄氏度: `Some(true)`) or the lower end (高于, 高于或者等于十六摄氏度: `Some(false)`).
fn upper_end(before: &str) -> Option<bool> {
    if before.ends_with("低于") && !before.ends_with("不低于") {
        Some(true)
    } else if (before.ends_with("高于") && !before.ends_with("不高于")) || before.ends_with("等于")
    {
        Some(false)
    } else {
        None
    }
}

/// The party named last before a figure: 单位 or 个人, none when both are named together
/// (单位和个人, 单位或者个人) or neither is.
fn party(before: &str) -> Option<Party> {
    let org = before.rfind("单位");
    let person = before.rfind("个人");
    match (org, person) {
        (Some(o), Some(p)) if o.abs_diff(p) <= "单位或者".len() => None,
        (Some(o), Some(p)) if o > p => Some(Party::Organisation),
        (Some(_), Some(_)) | (None, Some(_)) => Some(Party::Person),
        (Some(_), None) => Some(Party::Organisation),
        (None, None) => None,
    }
}

/// Words that end the opening of a rule, before which its actor is named (…应当, …自…之日起).
const ACTOR_ENDS: &[&str] = &["应当", "应", "须", "可以", "自", "由"];

/// Head nouns of a person who acts.
const PERSON_HEADS: &[&str] = &[
    "人员",
    "个人",
    "公民",
    "本人",
    "当事人",
    "申请人",
    "家属",
    "监护人",
];

/// Head nouns of a body that acts.
const BODY_HEADS: &[&str] = &[
    "政府",
    "办事处",
    "机关",
    "部门",
    "机构",
    "场所",
    "单位",
    "企业",
    "委员会",
    "组织",
];

/// Who a time limit is set on: the first head noun of a person or a body in the clause before
/// the last [`ACTOR_ENDS`] word ahead of the figure (相关单位应当在 → a body), or, when that
/// clause names neither, in the clause before it, the case the rule is stated for
/// (社区戒毒人员、社区康复人员变更执行地的，应当自 → a person; 公安机关…收到…申请后，应当在 → a
/// body). `None` when neither names one.
fn actor(before: &str) -> Option<Party> {
    let end = ACTOR_ENDS
        .iter()
        .filter_map(|w| before.rfind(w))
        .max()
        .unwrap_or(before.len());
    let first = |clause: &str, heads: &[&str]| heads.iter().filter_map(|w| clause.find(w)).min();
    before[..end]
        .rsplit(['，', '；', '。', '：', '\n'])
        .take(2)
        .find_map(
            |clause| match (first(clause, PERSON_HEADS), first(clause, BODY_HEADS)) {
                (Some(p), Some(b)) if b < p => Some(Party::Organisation),
                (Some(_), _) => Some(Party::Person),
                (None, Some(_)) => Some(Party::Organisation),
                (None, None) => None,
            },
        )
}

/// A set of character pairs, kept sorted: two sets are compared by one merge, with no hashing
/// (pairing compares every figure of a bucket with every other, thousands in one long article).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct PairSet(Vec<(char, char)>);

impl PairSet {
    fn of(mut pairs: Vec<(char, char)>) -> PairSet {
        pairs.sort_unstable();
        pairs.dedup();
        PairSet(pairs)
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn union(&self, other: &PairSet) -> PairSet {
        PairSet::of(self.0.iter().chain(&other.0).copied().collect())
    }

    /// How many pairs both sets hold.
    fn shared(&self, other: &PairSet) -> usize {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    fn is_disjoint(&self, other: &PairSet) -> bool {
        self.shared(other) == 0
    }
}

/// Pairs of adjacent Han characters (digits, punctuation and Latin letters cut pairs).
fn bigrams(text: &str) -> PairSet {
    let chars: Vec<char> = text.chars().collect();
    PairSet::of(
        chars
            .windows(2)
            .filter(|w| crate::text::chars::is_han(w[0]) && crate::text::chars::is_han(w[1]))
            .map(|w| (w[0], w[1]))
            .collect(),
    )
}

fn dice(a: &PairSet, b: &PairSet) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    2.0 * a.shared(b) as f64 / (a.len() + b.len()) as f64
}

/// Weight of the clause against the sentence in [`similarity`], for a clause of
/// [`INFORMATIVE_CLAUSE`] character pairs or more.
const CLAUSE_WEIGHT: f64 = 0.6;
/// Character pairs a clause needs to carry its full weight.
const INFORMATIVE_CLAUSE: f64 = 6.0;

/// What two figures stated for the same case (the same figures of other kinds before them) add
/// to their likeness, scaled by the share of those figures they have in common.
const CONDITION_WEIGHT: f64 = 0.3;

/// How alike two figures stated for cases with no words in common are, against the same case.
const CASE_FLOOR: f64 = 0.5;

/// How alike two figures' words are, 0–1: their clauses' and sentences' shared character pairs
/// (weighted 0.6 and 0.4, the clause less when it is short), plus 0.15 when both have the same subject naming a topic. Figures of
/// different kinds (money and days), penalties on different parties (单位, 个人) are never alike;
/// a first and a repeat or aggravated case are half as alike.
fn similarity(a: &Context, b: &Context) -> f64 {
    likeness(a, b, true)
}

/// [`similarity`], with the test of the acts (two time limits for acts with no words in common
/// are half as alike) made only when `acts` is true.
fn likeness(a: &Context, b: &Context, acts: bool) -> f64 {
    // A rate per square metre (or per year) and a sum are different measures.
    if a.kind != b.kind || a.per != b.per {
        return 0.0;
    }
    if let (Some(x), Some(y)) = (a.party, b.party)
        && x != y
    {
        return 0.0;
    }
    // Time limits set on a person and on a body (the person reports within two days, the
    // township forwards the file within three working days) are limits of different duties.
    if let (Some(x), Some(y)) = (a.actor, b.actor)
        && x != y
    {
        return 0.0;
    }
    // Lengths of differently named things (陪产假 and 产假, 护理假 and 婚假; an extra 再增加婚假
    // beside the 增加婚假 it adds to) are different quantities, however alike their sentences.
    if unlike_nouns(&a.noun, &b.noun) || unlike_sized(&a.sized, &b.sized) {
        return 0.0;
    }
    // A clause of few words (处…罚款) says little: its weight grows with its shorter side's pairs.
    let informative = a.clause.len().min(b.clause.len()) as f64 / INFORMATIVE_CLAUSE;
    let w = CLAUSE_WEIGHT * informative.min(1.0);
    // A figure of the case a rule is stated for (届满前三十日，…的) and a rule's own figure
    // (九十日内选举) are different things, however alike their words.
    if a.in_case != b.in_case {
        return 0.0;
    }
    // Fines for the breach of articles of different clause groups (违反第八条: burning in a
    // prohibited area; 违反第十条: in prohibited times) punish different conduct: never one row.
    // Citing some groups alike, they are as alike as half plus half the groups' share in common.
    let mut cited = 1.0;
    if !a.cited.is_empty() && !b.cited.is_empty() {
        let shared = a.cited.iter().filter(|g| b.cited.contains(g)).count();
        if shared == 0 {
            return 0.0;
        }
        cited = CASE_FLOOR
            + (1.0 - CASE_FLOOR) * 2.0 * shared as f64 / (a.cited.len() + b.cited.len()) as f64;
    }
    // Fines whose cases open with offenders that share no character pair (旅行社违反…的 and
    // 导游向游客索取小费的) fall on different offenders: the fine of another's duty.
    if !a.offender.is_empty() && !b.offender.is_empty() && a.offender.is_disjoint(&b.offender) {
        return 0.0;
    }
    let mut s = w * dice(&a.clause, &b.clause) + (1.0 - w) * dice(&a.sentence, &b.sentence);
    s *= cited;
    // Two time limits for acts with no words in common (五个工作日内予以核实, 三十日内组建筹备组)
    // are limits of different acts: half as alike, as shares of different bases are.
    if acts && a.act.len() >= 2 && b.act.len() >= 2 && a.act.is_disjoint(&b.act) {
        s *= 0.5;
    }
    // Two limits that run from events with no words in common (自变更之日起, 在改造后, 自停用之日起)
    // are limits of different acts too.
    if unlike_starts(a, b) {
        s *= 0.5;
    }
    if a.named && b.named && a.subject == b.subject {
        s += 0.15;
    }
    // Two lengths of one named thing (护理假 in 男方享受十五天护理假 and 给予其配偶护理假一个月)
    // are one quantity, however differently the sentences around them are worded.
    if same_noun(&a.noun, &b.noun) {
        s = s.max(PAIR_THRESHOLD);
    }
    // Two figures stated for the same case (both 16℃—18℃) are the same rule's, however the
    // sentences word it: parallel items of a list (（一）…（二）…) differ in their case alone.
    if !a.conditions.is_empty() && !b.conditions.is_empty() {
        let shared = a
            .conditions
            .iter()
            .filter(|c| b.conditions.contains(c))
            .count();
        s += CONDITION_WEIGHT * 2.0 * shared as f64
            / (a.conditions.len() + b.conditions.len()) as f64;
    }
    if a.aggravated != b.aggravated {
        s *= 0.5;
    }
    // A ceiling (最多不超过三个工作日) and a figure stated as such (不超过一个工作日) are different
    // measures of one thing: pairing sets ceilings beside ceilings only.
    if a.cap != b.cap {
        return 0.0;
    }
    // Two shares of different things (of floor area, of owners) are different rules, however
    // alike their sentences: they are half as alike when the words naming each share's base
    // (two character pairs or more on each side) have none in common.
    if a.measure.len() >= 2 && b.measure.len() >= 2 && a.measure.is_disjoint(&b.measure) {
        s *= 0.5;
    }
    // Two shares of one thing said of different bases (公共文化设施等单位绿地率 and
    // 旧城改造居住区绿地率: the green ratio of public buildings and of old housing) are different
    // measures: half as alike, as above. The words bounding the figure (不低于) are left out, so
    // that they do not make every ratio of a list look alike.
    if unlike_measures(&a.measure_name, &b.measure_name) {
        s *= 0.5;
    }
    if let (Some(x), Some(y)) = (a.upper_end, b.upper_end)
        && x != y
    {
        s *= 0.5;
    }
    // Cases bounded different ways (从业人员三百人以上的, 不足一百人的 and 一百人以上不足三百人的:
    // tiers of a staffing table) are different cases, whatever the rest of the words: their
    // figures never share a row, where one read as a disagreement (1000人 against 50人).
    if let (Some(x), Some(y)) = (a.case_end, b.case_end)
        && x != y
    {
        return 0.0;
    }
    // Counts stated under cases bounded different ways (至少配备三名 for 三百人以上, 三名以上 for
    // 一百人以上不足三百人) are said of different conditions; counts of different persons (the staff
    // to appoint, the workforce) are different quantities.
    if let (Some(x), Some(y)) = (a.case_bound, b.case_bound)
        && x != y
    {
        return 0.0;
    }
    if unlike_counted(&a.counted, &b.counted) {
        return 0.0;
    }
    // A rule for the organisations a rule has not named (前款规定以外的其他生产经营单位) and one
    // for named ones (高危行业的生产经营单位) are rules of different sectors: their figures (至少
    // 配备三名, 两名以上; 三百人以下, 一百人以下) never share a row.
    if unlike_sectors(a, b) {
        return 0.0;
    }
    // Stated for different cases (全血 and 血小板; for a fine, different conduct), a figure is
    // another rule's, however alike the rest of the words: as alike as half plus half the
    // cases' likeness, when both name a case of two character pairs or more. Cases that state
    // the same figures (both 14℃—16℃) are one case however their words differ.
    // A fine's case is compared by what its offender did: two fines on one offender (导游) for
    // different deeds share the offender's words and nothing else.
    let same_figures = !a.conditions.is_empty() && a.conditions == b.conditions;
    if a.case.len() >= 2 && b.case.len() >= 2 && !same_figures {
        s *= CASE_FLOOR + (1.0 - CASE_FLOOR) * dice(&a.deed, &b.deed);
    }
    // Two tiers (情节严重的, 造成严重后果的) are higher penalties of the offences they aggravate:
    // of different offences (破坏野生动物栖息地, 损毁湿地保护设施), they are different rules, however
    // alike the tiers' own words. They are compared by those offences, as their base figures are.
    // Their words are mostly the tier's (情节严重的，处…罚款), alike for any offence: they are as
    // alike as their offences' words, with no floor when both name what the offender did. An
    // offence named only by the article it breaches (违反本条例第三十五条第一款规定) says nothing
    // of the deed: the two are then compared as base figures are, with the floor.
    if a.aggravated && b.aggravated && a.conduct.len() >= 2 && b.conduct.len() >= 2 {
        let alike = dice(&a.conduct, &b.conduct);
        s *= if a.conduct_named && b.conduct_named {
            alike
        } else {
            CASE_FLOOR + (1.0 - CASE_FLOOR) * alike
        };
    }
    s.min(1.0)
}

/// True when both figures run from a named event ([`start_event`]) and the events share no
/// character pair.
fn unlike_starts(a: &Context, b: &Context) -> bool {
    !a.start.is_empty() && !b.start.is_empty() && a.start.is_disjoint(&b.start)
}

/// True when two measures ([`measure_of`]) name different bases: what each says before the tail
/// both end with (绿地率, the thing measured) has two character pairs or more on each side and
/// none in common (公共文化设施等单位 and 旧城改造居住区; not 单位庭院 and 科研设计等单位的).
fn unlike_measures(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let tail = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let base = |m: &[char]| bigrams(&m[..m.len() - tail].iter().collect::<String>());
    let (x, y) = (base(&a), base(&b));
    x.len() >= 2 && y.len() >= 2 && x.is_disjoint(&y)
}

/// Joins each row into the first earlier row of the same subject from another clause group whose
/// documents it does not share, when the two hold one matter: figures of different groups are
/// comparable only then. Two rows hold one matter when every document states their subject in
/// one group only, and the subject names a matter (a topic was found: not
/// [`super::subject::NO_TOPIC`]) or an article of one row is a partial member of the other's
/// group (it regulates that group's matter in some paragraphs, [`Alignment`]'s `partial`). A
/// subject that a document states in several groups (罚款·金额: a fine for each offence;
/// 时间 with no topic) names no one matter, and its rows of different groups stay apart, even where a
/// partial member links the groups (its figure need not be in the paragraphs that match).
fn join_across_groups(rows: Vec<Row>, alignment: Option<&Alignment>) -> Vec<Row> {
    let scattered = scattered_subjects(&rows);
    let one_matter = |a: &Row, b: &Row| {
        let topic = a.subject.split('·').next().unwrap_or_default();
        // A penalty's matter is the offence it punishes, which its clause group is: fines of
        // different groups are for different conduct even when each document sets one fine.
        let penalty = PENALTY_TOPICS.contains(&topic);
        !penalty
            && !scattered.contains(a.subject.as_str())
            && (a
                .cells
                .iter()
                .filter_map(|c| c.provision.as_ref())
                .any(|p| p.quantity.topic != super::subject::NO_TOPIC)
                || alignment.is_some_and(|al| partly_in(al, a, b) || partly_in(al, b, a)))
    };
    let stated = |r: &Row| -> Vec<usize> {
        r.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.provision.is_some())
            .map(|(i, _)| i)
            .collect()
    };
    let mut out: Vec<Row> = Vec::new();
    // The rows of `out` by subject, with the columns each states (a folder of hundreds of
    // documents has thousands of rows of hundreds of cells: only rows of one subject are looked
    // at, and only their stated columns).
    let mut by_subject: HashMap<String, Vec<(usize, Vec<usize>)>> = HashMap::new();
    for row in rows {
        let cols = stated(&row);
        let candidates = by_subject.entry(row.subject.clone()).or_default();
        let target = candidates.iter_mut().find(|(i, theirs)| {
            let e = &out[*i];
            !row.groups.iter().all(|g| e.groups.contains(g))
                && theirs.iter().all(|c| !cols.contains(c))
                && one_matter(e, &row)
        });
        match target {
            Some((i, theirs)) => {
                theirs.extend(&cols);
                let e = &mut out[*i];
                for (a, b) in e.cells.iter_mut().zip(row.cells) {
                    if b.provision.is_some() {
                        *a = b;
                    }
                }
                for g in row.groups {
                    if !e.groups.contains(&g) {
                        e.groups.push(g);
                    }
                }
                if !e.label.split(" / ").any(|l| l == row.label) {
                    e.label = format!("{} / {}", e.label, row.label);
                }
            }
            None => {
                candidates.push((out.len(), cols));
                out.push(row);
            }
        }
    }
    out
}

/// A figure of an article the alignment left alone (every group of its row holds its document
/// only, whole or in part) fills the cell of its document in a row of the same subject whose
/// groups hold an article of that document and no figure of it, when it names the same thing as
/// the row's figures ([`compatible`] with each) and is alike to one of them: a span of time
/// measuring the same named thing as each ([`same_noun`]) at half the pairing threshold
/// ([`PAIR_THRESHOLD`]), an age at the threshold itself. Other figures stay: a frequency, a
/// count or a share says what it is of in words that likeness does not weigh (上海 消防 46's
/// drills joined 北京 48's training row at the threshold). The cell is marked
/// [`Cell::elsewhere`]; the figure may differ (it is the document's figure of that quantity, and
/// calling the document 未规定 beside it says what is not so). A lone article is compared with
/// nothing: 北京 人口与计划生育 18 (陪产假十五天) stood alone while the row of 上海 31's
/// 陪产假十天 named 北京 未规定. Fines are left out: their matter is the offence, which the
/// article's alignment says.
fn from_lone_articles(
    rows: Vec<Row>,
    alignment: Option<&Alignment>,
    cited: &dyn Fn(&Provision) -> Vec<String>,
) -> Vec<Row> {
    let Some(al) = alignment else {
        return rows;
    };
    // Whether every group of `row` holds `d` alone.
    let alone = |row: &Row, d: &DocId| {
        !row.groups.is_empty()
            && row.groups.iter().all(|id| {
                al.group(id).is_some_and(|g| {
                    g.members.keys().all(|m| m == d)
                        && g.partial.iter().all(|p| &p.article.doc == d)
                })
            })
    };
    // (likeness, lone row, row filled, column), each lone figure's best row.
    let mut wanted: Vec<(f64, usize, usize, usize)> = Vec::new();
    for i in 0..rows.len() {
        let Some((col, p)) = lone_figure(&rows[i]) else {
            continue;
        };
        let d = p.article.doc.clone();
        if PENALTY_TOPICS.contains(&p.quantity.topic.as_str()) || !alone(&rows[i], &d) {
            continue;
        }
        let own = Context::of(p, cited(p));
        let mut best: Option<(f64, usize)> = None;
        for (j, r) in rows.iter().enumerate() {
            if j == i
                || r.subject != rows[i].subject
                || r.cells.get(col).is_none_or(|c| c.provision.is_some())
                || alone(r, &d)
                || !regulates(al, r, &d)
            {
                continue;
            }
            let theirs: Vec<Context> = r
                .cells
                .iter()
                .filter_map(|c| c.provision.as_deref())
                .map(|q| Context::of(q, cited(q)))
                .collect();
            // The same thing: each figure of the row compatible, and a named noun or measure
            // shared with one of them when the figure names one.
            // A span of time names the thing it is the length of (陪产假), and each of the
            // row's figures must name the same; another figure must be as alike to one of them
            // as pairing asks.
            let spans = p.quantity.kind == super::UnitKind::Duration;
            if !spans && p.quantity.kind != super::UnitKind::Age {
                break;
            }
            if theirs.is_empty()
                || !theirs.iter().all(|c| compatible(&own, c))
                || (spans && !theirs.iter().all(|c| same_noun(&own.noun, &c.noun)))
            {
                continue;
            }
            let floor = if spans {
                PAIR_THRESHOLD / 2.0
            } else {
                PAIR_THRESHOLD
            };
            let likeness = theirs
                .iter()
                .map(|c| similarity(&own, c))
                .fold(0.0, f64::max);
            if likeness >= floor && best.is_none_or(|(b, _)| likeness > b) {
                best = Some((likeness, j));
            }
        }
        if let Some((likeness, j)) = best {
            wanted.push((likeness, i, j, col));
        }
    }
    move_best_first(rows, wanted, true)
}

/// Most rows of one set of clause groups [`keep_offences_together`] compares three by three.
const TOGETHER_ROWS: usize = 64;

/// The fines one sentence sets for one offence, one on 单位 and one on 个人, pair with the fines
/// of one article of another document. Pairing takes one figure at a time, and two articles of
/// the other document worded alike but for their figures (洛阳 历史文化名城 44 and 45: the same
/// sentence for two offences) are alike to both: 济南 56's 单位 fine went with 洛阳 45's and its
/// 个人 fine with 洛阳 44's, drawing a false disagreement and hiding 洛阳 45's agreeing 个人 fine
/// in a row of its own. When document A's figures in two rows come from one sentence and
/// document B's from two articles, and a third row holds a figure of B's first article's sentence,
/// on the same party as B's second figure and of its kind and subject, with no figure of A, B's
/// second figure and that one change rows.
fn keep_offences_together(rows: &mut [Row], cited: &dyn Fn(&Provision) -> Vec<String>) {
    let party_of = |p: &Provision| party(&p.quantity.before).or_else(|| party(&p.quantity.lead));
    let one_sentence = |x: &Provision, y: &Provision| {
        x.article == y.article && x.quantity.sentence == y.quantity.sentence
    };
    // The rows of each set of groups, in order; larger sets are left as pairing made them.
    let mut of_groups: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if !r.groups.is_empty() {
            of_groups.entry(r.groups.clone()).or_default().push(i);
        }
    }
    let mut buckets: Vec<Vec<usize>> = of_groups
        .into_values()
        .filter(|b| b.len() >= 3 && b.len() <= TOGETHER_ROWS)
        .collect();
    buckets.sort();
    let filled = |r: &Row| -> Vec<usize> {
        r.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.provision.is_some())
            .map(|(i, _)| i)
            .collect()
    };
    for bucket in buckets {
        for &r1 in &bucket {
            for &r2 in &bucket {
                if r1 == r2 {
                    continue;
                }
                let shared: Vec<usize> = filled(&rows[r1])
                    .into_iter()
                    .filter(|&c| rows[r2].cells[c].provision.is_some())
                    .collect();
                for &a in &shared {
                    for &b in shared.iter().filter(|&&b| b != a) {
                        let (Some(pa1), Some(pa2), Some(pb1), Some(pb2)) = (
                            rows[r1].cells[a].provision.as_deref(),
                            rows[r2].cells[a].provision.as_deref(),
                            rows[r1].cells[b].provision.as_deref(),
                            rows[r2].cells[b].provision.as_deref(),
                        ) else {
                            continue;
                        };
                        let fine = |p: &Provision| {
                            PENALTY_TOPICS.contains(&p.quantity.topic.as_str())
                                && party_of(p).is_some()
                        };
                        if ![pa1, pa2, pb1, pb2].into_iter().all(fine)
                            || !one_sentence(pa1, pa2)
                            || party_of(pa1) == party_of(pa2)
                            || pb1.article == pb2.article
                            || party_of(pb2).is_none()
                        {
                            continue;
                        }
                        // The row holding the figure of `keep`'s sentence on `like`'s party:
                        // what takes `like`'s place when `keep`'s article is kept.
                        let counterpart = |keep: &Provision, like: &Provision, row: usize| {
                            bucket.iter().copied().find(|&r3| {
                                r3 != r1
                                    && r3 != r2
                                    && rows[r3].subject == rows[row].subject
                                    && rows[r3].cells[a].provision.is_none()
                                    && rows[r3].cells[b].provision.as_deref().is_some_and(|z| {
                                        one_sentence(z, keep)
                                            && party_of(z) == party_of(like)
                                            && z.quantity.kind == like.quantity.kind
                                    })
                            })
                        };
                        let alike = |x: &Provision, y: &Provision| {
                            similarity(&Context::of(x, cited(x)), &Context::of(y, cited(y)))
                        };
                        let value = |r3: Option<usize>, own: &Provision| {
                            r3.and_then(|r3| rows[r3].cells[b].provision.as_deref())
                                .map(|z| alike(own, z))
                        };
                        // Keeping B's article of the first row (its second figure replaced), or
                        // of the second: the pairing of more alike words wins.
                        let keep_first = counterpart(pb1, pb2, r2);
                        let keep_second = counterpart(pb2, pb1, r1);
                        let first = value(keep_first, pa2).map(|v| v + alike(pa1, pb1));
                        let second = value(keep_second, pa1).map(|v| v + alike(pa2, pb2));
                        let (row, r3) = match (first, second) {
                            (Some(x), Some(y)) if y > x => (r1, keep_second),
                            (Some(_), _) => (r2, keep_first),
                            (None, Some(_)) => (r1, keep_second),
                            (None, None) => continue,
                        };
                        if let Some(r3) = r3 {
                            let moved = rows[r3].cells[b].clone();
                            rows[r3].cells[b] = std::mem::replace(&mut rows[row].cells[b], moved);
                        }
                    }
                }
            }
        }
    }
}

/// Whether a group of `row` has `d` as a member, whole or in part.
fn regulates(al: &Alignment, row: &Row, d: &DocId) -> bool {
    row.groups
        .iter()
        .filter_map(|id| al.group(id))
        .any(|g| g.members.contains_key(d) || !g.partial_of(d).is_empty())
}

/// A figure its document alone states in its row joins the row of another clause group whose
/// figures are most like its own (at least [`PAIR_THRESHOLD`], as pairing reads a row: by its
/// most alike member), when that row has no figure of its document, names the same subject,
/// states the figure most of its documents state ([`agrees_with_majority`]), and its groups hold
/// an article (or a paragraph) of that document; a fine joins only a row of fines for like
/// conduct (its case shares at least [`CONDUCT_ALIKE`] of its character pairs with one of theirs). Across groups likeness of words alone is weak evidence (two
/// documents word 备案 and 移交 deadlines alike, 业主委员会应当自…之日起…日内), so only a figure that
/// agrees joins, as [`merge_agreeing`] joins rows within a group: no row gains a difference it
/// would draw between two rules. An article often states, in a
/// second paragraph, a rule the other documents give an article of their own (a committee hands
/// over within 十日 of the new committee taking office; a member whose term ends, within 三日):
/// pairing within the article's group leaves that figure alone, and the other documents' row
/// names its document as setting no figure. A fine's likeness reads the conduct it punishes
/// (the case before it, the articles it cites), so a fine joins another group's row only for
/// like conduct. Rows stated by one document stay as they are when nothing is alike enough.
fn place_lone_figures(
    mut rows: Vec<Row>,
    alignment: Option<&Alignment>,
    cited: &dyn Fn(&Provision) -> Vec<String>,
) -> Vec<Row> {
    let Some(al) = alignment else {
        return rows;
    };
    let regulates = |row: &Row, d: &DocId| regulates(al, row, d);
    let mut by_subject: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        by_subject.entry(r.subject.clone()).or_default().push(i);
    }
    // Each row's members' contexts, read once when a lone figure is first set against the row.
    let mut contexts: HashMap<usize, Vec<Context>> = HashMap::new();
    let mut mover = LoneMover::new(&rows);
    // The conducts the table's fines punish, read once, and how rare each character pair of
    // them is among the distinct conducts.
    let mut conduct_of = Conducts::default();
    let mut distinct: Vec<PairSet> = Vec::new();
    for p in rows
        .iter()
        .flat_map(|r| r.cells.iter().filter_map(|c| c.provision.as_deref()))
        .filter(|p| PENALTY_TOPICS.contains(&p.quantity.topic.as_str()))
    {
        let c = conduct_of.get(p).clone();
        if !c.is_empty() && !distinct.contains(&c) {
            distinct.push(c);
        }
    }
    let weights = Rarity::of(&distinct);
    // A figure placed can draw another: a lone fine whose conduct is that of another lone fine
    // (a row of one document) joins once that fine has found its row. At most a few rounds.
    for _ in 0..PLACING_ROUNDS {
        let mut placed = false;
        for i in 0..rows.len() {
            if mover.gave[i] || rows[i].groups.is_empty() {
                continue;
            }
            let Some((col, p)) = lone_figure(&rows[i]).map(|(c, p)| (c, p.clone())) else {
                continue;
            };
            let own = Context::of(&p, cited(&p));
            let penalty = PENALTY_TOPICS.contains(&p.quantity.topic.as_str());
            let mut best: Option<(usize, f64)> = None;
            for &j in by_subject.get(&rows[i].subject).into_iter().flatten() {
                let r = &rows[j];
                if j == i
                    || r.stated() < 2
                    || !mover.open(&rows, j, col)
                    || r.groups.iter().any(|g| rows[i].groups.contains(g))
                    || !regulates(r, &p.article.doc)
                    || !r
                        .cells
                        .iter()
                        .filter_map(|c| c.provision.as_deref())
                        .any(|q| is_same(&p, q))
                {
                    continue;
                }
                let theirs = contexts.entry(j).or_insert_with(|| {
                    r.cells
                        .iter()
                        .filter_map(|c| c.provision.as_deref())
                        .map(|q| Context::of(q, cited(q)))
                        .collect()
                });
                let likeness = theirs
                    .iter()
                    .map(|c| similarity(&own, c))
                    .fold(0.0, f64::max);
                // A fine's matter is the conduct it punishes: another group's fine is for like
                // conduct only when the cases before them share most of their character pairs.
                let conduct = !penalty
                    || theirs
                        .iter()
                        .any(|c| dice(&own.case, &c.case) >= CONDUCT_ALIKE);
                // Across groups a figure must be said of the same body (物业管理委员会 and 筹备组 are
                // both 七人以上) and both be figures of a rule, or both of a listed case.
                let body = penalty
                    || r.cells
                        .iter()
                        .filter_map(|c| c.provision.as_deref())
                        .any(|q| same_body(&p, q));
                if likeness >= PAIR_THRESHOLD
                    && conduct
                    && body
                    && best.is_none_or(|(_, b)| likeness > b)
                    && agrees_with_majority(r, &p)
                {
                    best = Some((j, likeness));
                }
            }
            // A fine that no row agrees with joins the row of its conduct: its conduct's words are
            // more like that row's conducts than like any other clause group's, by a margin. The
            // differing amount is then marked, as a reader wants it.
            if best.is_none() && penalty {
                best = conduct_row(
                    &rows,
                    i,
                    &p,
                    &by_subject,
                    &mover.gave,
                    &mut conduct_of,
                    &weights,
                )
                .filter(|&j| {
                    let theirs = contexts.entry(j).or_insert_with(|| {
                        rows[j]
                            .cells
                            .iter()
                            .filter_map(|c| c.provision.as_deref())
                            .map(|q| Context::of(q, cited(q)))
                            .collect()
                    });
                    theirs.iter().any(|c| similarity(&own, c) > 0.0)
                })
                .map(|j| (j, 0.0));
            }
            if let Some((j, _)) = best
                && mover.apply(
                    &mut rows,
                    LoneMove {
                        from: i,
                        to: j,
                        col,
                        elsewhere: false,
                    },
                )
            {
                contexts.remove(&j);
                placed = true;
            }
        }
        if !placed {
            break;
        }
    }
    mover.finish(rows)
}

/// How alike (by [`similarity`]) a lone figure must be to a row of a clause group that is not
/// linked to its own, but holds another article of its document, to join it in
/// [`join_linked_lone_figures`], when both run from the same event and are stated for the same
/// case ([`same_case`]): as alike as a row's own figures are ([`PAIR_THRESHOLD`]). A lower floor
/// (0.3) joined 潍坊's 维护保养单位变更 deadline (0.340) and 淄博's 视频监控资料 (0.347) to their
/// rows on four 电梯安全条例, but also 绍兴's 备案 deadline (0.340) to the 移交 row and a 表决
/// share (0.308) to another on four 物业管理条例: likeness alone does not tell them apart.
const CROSS_FLOOR: f64 = PAIR_THRESHOLD;

/// Whether two figures are stated for the same case and run from the same event: when both
/// name one, the events ([`start_event`]) and the cases (…的，) share at least half their
/// character pairs ([`CONDUCT_ALIKE`]). Across unlinked groups likeness of words alone is weak
/// evidence: 物业管理委员会成立之日起 and 物业服务合同签订之日起 share 物业.
fn same_case(a: &Context, b: &Context) -> bool {
    let alike =
        |x: &PairSet, y: &PairSet| x.is_empty() || y.is_empty() || dice(x, y) >= CONDUCT_ALIKE;
    alike(&a.start, &b.start) && (a.case.len() < 2 || b.case.len() < 2 || alike(&a.case, &b.case))
}

/// A figure its document alone states in its row joins a row of the same clause group, or of a
/// group linked to its own (an article of one is a partial member of the other), that names the
/// same subject, has no figure of the document, and holds figures of the same kind and bound said
/// of the same body ([`same_body`]), at least [`PAIR_THRESHOLD`] alike ([`CROSS_FLOOR`] for a
/// group not linked to its own, from the same event and case); the most alike such row,
/// and each row takes its most alike lone figure per document. Otherwise the row names the
/// document 未规定 while the document's figure for the same matter stands alone two rows below
/// (视频监控资料保存期限不少于三十日 beside 监控数据保存不少于三十日; 其配偶、父母和子女…不超过
/// 八百毫升 beside 其配偶、父母、子女…不超过一千毫升). Unlike [`place_lone_figures`] the figure
/// need not agree: the link says the documents regulate one matter, and a differing figure is
/// what the reader wants marked. Fines are left to the conduct rules.
fn join_linked_lone_figures(
    rows: Vec<Row>,
    alignment: Option<&Alignment>,
    cited: &dyn Fn(&Provision) -> Vec<String>,
) -> Vec<Row> {
    let Some(al) = alignment else {
        return rows;
    };
    let regulates = |row: &Row, d: &DocId| regulates(al, row, d);
    let linked = |a: &Row, b: &Row| {
        a.groups.iter().any(|g| b.groups.contains(g)) || partly_in(al, a, b) || partly_in(al, b, a)
    };
    // The document of a row's first figure.
    let r_doc = |row: &Row| -> DocId {
        row.cells
            .iter()
            .find_map(|c| c.provision.as_ref().map(|p| p.article.doc.clone()))
            .unwrap_or_else(|| DocId::from(""))
    };
    let mut by_subject: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        by_subject.entry(r.subject.clone()).or_default().push(i);
    }
    // (likeness, lone row, row joined, column), each lone figure's best row.
    let mut wanted: Vec<(f64, usize, usize, usize)> = Vec::new();
    for i in 0..rows.len() {
        if rows[i].groups.is_empty() {
            continue;
        }
        let Some((col, p)) = lone_figure(&rows[i]) else {
            continue;
        };
        if PENALTY_TOPICS.contains(&p.quantity.topic.as_str()) {
            continue;
        }
        let own = Context::of(p, cited(p));
        let mut best: Option<(usize, f64)> = None;
        for &j in by_subject.get(&rows[i].subject).into_iter().flatten() {
            let r = &rows[j];
            // Another lone row of another group: the two figures are one rule split over two
            // rows, each compared with nothing.
            let lone = r.stated() == 1 && !r.groups.iter().any(|g| rows[i].groups.contains(g));
            if j == i
                || (r.stated() < 2 && !lone)
                || r.cells.get(col).is_none_or(|c| c.provision.is_some())
            {
                continue;
            }
            // A row of a group that holds another article of the document, not linked to the
            // figure's own, asks what pairing asks; a figure of a matter only its document
            // holds (a group of one: nothing to pair it with) asks half, as a linked one does.
            // A figure of the case a rule is stated for (五分之一以上的业主联名的，) is that
            // rule's: it joins nothing across rows.
            let is_linked = linked(&rows[i], r);
            // A subject that names no matter (频次, 时限: no topic) joins a differing figure to
            // another group's only when the groups are linked, as rows of two groups join
            // ([`join_across_groups`]): 每年进行至少两次消防演练 and 至少每年进行一次消防安全培训 are
            // both 频次, and were set against each other, "no majority". An equal figure draws
            // no difference (一小时内 of two accident reports).
            let unnamed = p.quantity.topic == super::subject::NO_TOPIC;
            let differs = r
                .cells
                .iter()
                .filter_map(|c| c.provision.as_deref())
                .any(|q| !is_same(p, q));
            if own.in_case
                || (unnamed && !is_linked && differs)
                || !(is_linked
                    || regulates(r, &p.article.doc)
                    || lone && regulates(&rows[i], &r_doc(r)))
            {
                continue;
            }
            // Pairing compared the figure with its own group's rows and left it out: a row of
            // its own or a linked group takes it only at pairing's threshold (read against the
            // row's final members); a group pairing never compared it with, at CROSS_FLOOR with
            // the same event and case.
            let floor = if is_linked {
                PAIR_THRESHOLD
            } else {
                CROSS_FLOOR
            };
            let likeness = r
                .cells
                .iter()
                .filter_map(|c| c.provision.as_deref())
                .filter(|q| {
                    q.quantity.kind == p.quantity.kind
                        && q.quantity.bound == p.quantity.bound
                        && same_body(p, q)
                })
                .map(|q| Context::of(q, cited(q)))
                // A time limit of another act (作出决定 against 报送备案) or from another event
                // (自收到申请之日起 against 自合同签订之日起) is another rule's.
                .filter(|c| {
                    (own.act.len() < 2 || c.act.len() < 2 || !own.act.is_disjoint(&c.act))
                        && !unlike_starts(&own, c)
                        && same_case(&own, c)
                })
                .map(|c| similarity(&own, &c))
                .fold(0.0, f64::max);
            if likeness >= floor && best.is_none_or(|(_, b)| likeness > b) {
                best = Some((j, likeness));
            }
        }
        if let Some((j, likeness)) = best {
            wanted.push((likeness, i, j, col));
        }
    }
    move_best_first(rows, wanted, false)
}

/// One lone figure to move: row `from`'s figure in column `col` goes to row `to`. `elsewhere`
/// marks the cell [`Cell::elsewhere`] (a figure of an article the alignment left alone).
#[derive(Debug, Clone, Copy)]
struct LoneMove {
    from: usize,
    to: usize,
    col: usize,
    elsewhere: bool,
}

/// The one set of rules by which a lone figure leaves its row for another, whichever reader
/// chose the row ([`place_lone_figures`], [`join_linked_lone_figures`], [`join_lone_in_group`],
/// [`from_lone_articles`]): a row that gave its figure neither gives nor receives another, a row
/// that received one gives none (its figure is no longer lone, and the row is kept), and a cell
/// that holds a figure is never overwritten. Each reader once moved figures with a loop of its
/// own, and the loops had come to differ: [`from_lone_articles`] let a row that had received a
/// figure give its own and then dropped the row, with the figure it had received.
struct LoneMover {
    gave: Vec<bool>,
    received: Vec<bool>,
}

impl LoneMover {
    fn new(rows: &[Row]) -> LoneMover {
        LoneMover {
            gave: vec![false; rows.len()],
            received: vec![false; rows.len()],
        }
    }

    /// Whether row `j` may still receive a figure in column `col`.
    fn open(&self, rows: &[Row], j: usize, col: usize) -> bool {
        !self.gave[j]
            && rows[j]
                .cells
                .get(col)
                .is_some_and(|c| c.provision.is_none())
    }

    /// Moves the figure when the rules allow it; true when it moved.
    fn apply(&mut self, rows: &mut [Row], m: LoneMove) -> bool {
        let LoneMove {
            from,
            to,
            col,
            elsewhere,
        } = m;
        if from == to
            || self.gave[from]
            || self.received[from]
            || !self.open(rows, to, col)
            || rows[from].cells[col].provision.is_none()
        {
            return false;
        }
        let mut cell = std::mem::replace(
            &mut rows[from].cells[col],
            Cell {
                provision: None,
                differs: false,
                elsewhere: false,
            },
        );
        cell.differs = false;
        cell.elsewhere |= elsewhere;
        rows[to].cells[col] = cell;
        self.gave[from] = true;
        self.received[to] = true;
        true
    }

    /// The rows left: those that gave their figure are dropped.
    fn finish(self, rows: Vec<Row>) -> Vec<Row> {
        rows.into_iter()
            .zip(self.gave)
            .filter(|(_, g)| !g)
            .map(|(r, _)| r)
            .collect()
    }
}

/// Moves the lone figures `wanted` (likeness, from row, to row, column), the likest first (ties
/// by the giving row), by [`move_lone_figures`]; `elsewhere` marks the moved cells `†`.
fn move_best_first(
    rows: Vec<Row>,
    mut wanted: Vec<(f64, usize, usize, usize)>,
    elsewhere: bool,
) -> Vec<Row> {
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    move_lone_figures(
        rows,
        wanted.into_iter().map(|(_, i, j, col)| LoneMove {
            from: i,
            to: j,
            col,
            elsewhere,
        }),
    )
}

/// Moves each lone figure in `moves`, best first, by the rules of [`LoneMover`].
fn move_lone_figures(mut rows: Vec<Row>, moves: impl Iterator<Item = LoneMove>) -> Vec<Row> {
    let mut mover = LoneMover::new(&rows);
    for m in moves {
        mover.apply(&mut rows, m);
    }
    mover.finish(rows)
}

/// The one figure of a row that one document alone states, with its column.
fn lone_figure(row: &Row) -> Option<(usize, &Provision)> {
    if row.stated() != 1 {
        return None;
    }
    row.cells
        .iter()
        .enumerate()
        .find_map(|(c, cell)| cell.provision.as_deref().map(|p| (c, p)))
}

/// Whether nothing but their words tells two figures of one clause group apart: of one kind and
/// per, on one party, bounding their cases alike, citing articles of a shared group, for acts
/// and from events that share words (each when both name one), of a share of one base, and for
/// one sector ([`unlike_sectors`]).
fn compatible(a: &Context, b: &Context) -> bool {
    let both = |x: &PairSet, y: &PairSet| x.len() >= 2 && y.len() >= 2 && x.is_disjoint(y);
    a.kind == b.kind
        && a.per == b.per
        && !matches!((a.party, b.party), (Some(x), Some(y)) if x != y)
        && !matches!((a.case_end, b.case_end), (Some(x), Some(y)) if x != y)
        && !matches!((a.case_bound, b.case_bound), (Some(x), Some(y)) if x != y)
        && !unlike_counted(&a.counted, &b.counted)
        && !matches!((a.upper_end, b.upper_end), (Some(x), Some(y)) if x != y)
        && (a.cited.is_empty() || b.cited.is_empty() || a.cited.iter().any(|g| b.cited.contains(g)))
        && !both(&a.act, &b.act)
        && !unlike_starts(a, b)
        && !both(&a.measure, &b.measure)
        && !unlike_measures(&a.measure_name, &b.measure_name)
        && !unlike_nouns(&a.noun, &b.noun)
        && !unlike_sized(&a.sized, &b.sized)
        && !matches!((a.actor, b.actor), (Some(x), Some(y)) if x != y)
        && !unlike_sectors(a, b)
}

/// Nouns of a span that name no particular thing (增加假期七天: the leave the sentence is about).
const GENERIC_SPANS: &[&str] = &["期限", "时间", "期间", "假期", "时限", "年限", "时长"];

/// The noun a span of time measures when it is a thing's length: the last word of what the
/// figure measures ([`measure_of`]), a one-character word taken with the word before it (陪产 +
/// 假), after 再 when the phrase says the figure is an extra on top of another (再增加婚假 →
/// 再·婚假). Empty for other kinds, for a figure with a qualifier (三十日内报送, 不得超过三个任期,
/// 超过十五日: a deadline or a bound, whose words before it name an actor or an act, not a
/// thing) and when nothing is named.
fn measured_noun(q: &super::Quantity) -> String {
    if q.kind != super::UnitKind::Duration
        || !q.qualifier.is_empty()
        || q.bound != super::Bound::Exact
    {
        return String::new();
    }
    // A span granted right before a noun (男方享受十五天护理假) measures that noun.
    let after: String = q
        .after
        .chars()
        .take_while(|&c| is_han(c) && !FUNCTION_CHARS.contains(&c))
        .collect();
    let tokens = crate::segment::Segmenter::global().tokens(&after);
    let follows = super::ends_with_a_grant(&q.before)
        && after.chars().count() >= 2
        && tokens
            .first()
            .is_some_and(|t| t.text.chars().count() >= 2 || tokens.len() > 1);
    if follows {
        return compound_head(&after, "");
    }
    // A span counted per a period is written after it with the words that name it (每年可以享受
    // 育儿假各五天): the noun is in those words, not before the period (双方).
    let own = q.figure.start.saturating_sub(q.span.start);
    if let Some(per) = q.per.as_deref()
        && let Some(words) = q.before.get(q.before.len().saturating_sub(own)..)
        && let Some((_, named)) = words.rsplit_once(per)
        && named
            .chars()
            .any(|c| is_han(c) && !FUNCTION_CHARS.contains(&c))
    {
        return compound_head(named, named);
    }
    let Some(name) = measure_of(q) else {
        return String::new();
    };
    let name = name.trim_start_matches('…');
    // Only a name written right before the figure is what it measures: a name cut at a bounding
    // word or at 应当 (电梯使用管理单位应当在…届满前一个月) is the actor's or the time point's.
    let written = q
        .before
        .get(..q.before.len().saturating_sub(own))
        .unwrap_or_default();
    if !written.ends_with(name) {
        return String::new();
    }
    compound_head(name, name)
}

/// The noun `name` ends with ([`measured_noun`]): its last word, with the word before when one of
/// the two has one character; `再·` before it when `context` says the figure is an extra (再 before
/// the noun). Empty when the head is a time point or not a noun of Han characters.
fn compound_head(name: &str, context: &str) -> String {
    // A function character closing the phrase (育儿假各五天: 各) is no part of the noun.
    let name = name.trim_end_matches(FUNCTION_CHARS);
    let tokens = crate::segment::Segmenter::global().tokens(name);
    let Some(last) = tokens.last() else {
        return String::new();
    };
    // A one-character word before the last, or a last word of one character, is part of the
    // compound (陪 + 产假, 护理 + 假), unless it is a function word (的产假, 其产假).
    let mut start = last.start;
    if let Some(prev) = tokens.len().checked_sub(2).and_then(|i| tokens.get(i))
        && (last.text.chars().count() == 1 || prev.text.chars().count() == 1)
        && !prev.text.chars().any(|c| FUNCTION_CHARS.contains(&c))
    {
        start = prev.start;
    }
    let head = &name[start..];
    // A time point (届满前, 通知后, 之日起) is when the span runs, not a thing it measures.
    if head.chars().count() < 2
        || head.chars().any(|c| !is_han(c))
        || head.ends_with(['前', '后', '内', '起', '时', '间'])
    {
        return String::new();
    }
    if context.get(..start).is_some_and(|c| c.contains('再')) {
        format!("再·{head}")
    } else {
        head.to_string()
    }
}

/// The thing a share sizes, and whether it is written after the share: for a share stated by a
/// rate (the clause before it opens with 按 and ends with 的: 按首期交存的…总额的百分之五) and
/// followed in its clause by a verb and a noun (设立应急备用维修资金), that noun's head (资金):
/// the share is the size of what the clause sets up. Else the head of what the share measures as
/// [`measure_of`] names it (紧急情况下维修资金使用金额 → 金额), not written after it. Empty for
/// other kinds and when nothing is named.
fn sized_thing(q: &super::Quantity) -> (String, bool) {
    if q.kind != super::UnitKind::Share {
        return (String::new(), false);
    }
    let own = q.figure.start.saturating_sub(q.span.start);
    let before = q
        .before
        .get(..q.before.len().saturating_sub(own))
        .unwrap_or_default();
    let head = before
        .rsplit(['，', '；', '：', '。', ',', ';', ':'])
        .next()
        .unwrap_or_default();
    let after: String = q
        .after
        .chars()
        .take_while(|&c| is_han(c) && c != '的')
        .collect();
    let by_rate = q.bound == super::Bound::Exact && head.contains('按') && head.ends_with('的');
    if by_rate && after.chars().count() >= 4 {
        let tokens = crate::segment::Segmenter::global().tokens(&after);
        // A verb, then the thing (设立 + 应急备用维修资金).
        if tokens.len() >= 2 {
            return (compound_head(&after, ""), true);
        }
    }
    let name = measure_of(q).unwrap_or_default();
    let name = name.trim_start_matches('…');
    (compound_head(name, ""), false)
}

/// True when one of two shares sizes a thing written after it ([`sized_thing`]) and the other
/// sizes another thing: the size of a reserve (设立应急备用维修资金) and the cap on one use of it
/// (使用金额不得超过) are two quantities, though both are shares of one total.
fn unlike_sized(a: &(String, bool), b: &(String, bool)) -> bool {
    (a.1 || b.1) && !a.0.is_empty() && !b.0.is_empty() && a.0 != b.0
}

/// Characters that join words rather than make them (的产假: 产假).
const FUNCTION_CHARS: &[char] = &[
    '的', '其', '再', '之', '和', '与', '及', '或', '各', '每', '、',
];

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// True when two spans measure the same named thing ([`measured_noun`]), not one that names
/// no particular thing ([`GENERIC_SPANS`]).
fn same_noun(a: &str, b: &str) -> bool {
    !a.is_empty() && a == b && !GENERIC_SPANS.contains(&a.trim_start_matches("再·"))
}

/// True when two spans measure differently named things ([`measured_noun`]), neither a noun
/// that names no particular thing ([`GENERIC_SPANS`]).
fn unlike_nouns(a: &str, b: &str) -> bool {
    let generic = |n: &str| GENERIC_SPANS.contains(&n.trim_start_matches("再·"));
    let extra = |n: &str| n.starts_with("再·");
    // An extra (再增加婚假七日) is no length of the thing it is added to, whatever its noun.
    !a.is_empty()
        && !b.is_empty()
        && a != b
        && (extra(a) != extra(b) || (!generic(a) && !generic(b)))
}

/// A figure its document alone states in its row joins a row of the same clause group that has
/// no figure of the document and holds figures of the same kind and topic ([`compatible`] with
/// one of them), none bounded the other way, when it states the figure most of the row's
/// documents state (or the one figure of another document's lone row) and some member is at
/// least half as alike to it as pairing asks ([`PAIR_THRESHOLD`]) or has a clause its own
/// clause is said within (可以延长 in 经…批准可以延长). The row of the most alike own clause wins
/// (then the most alike sentence), and the most alike join first; each row takes
/// one figure per document and a figure moves once. Pairing leaves such a figure alone when the
/// words of the sentence differ (电梯使用年限超过十五年，或者…的 against （三）使用十五年以上的；;
/// 近两年内发生过安全事故 named 时限 beside 两年 named 时间), and the row beside it named its
/// document 未规定. Fines are left to pairing and the conduct rules: a group's fines of one
/// document for two offences are alike in all but the conduct.
fn join_lone_in_group(rows: Vec<Row>, cited: &dyn Fn(&Provision) -> Vec<String>) -> Vec<Row> {
    // (clause likeness, likeness, lone row, row joined, column), each lone figure's best row.
    let mut wanted: Vec<(f64, f64, usize, usize, usize)> = Vec::new();
    for i in 0..rows.len() {
        let Some((col, p)) = lone_figure(&rows[i]) else {
            continue;
        };
        if rows[i].groups.is_empty() || PENALTY_TOPICS.contains(&p.quantity.topic.as_str()) {
            continue;
        }
        let own = Context::of(p, cited(p));
        let mut best: Option<(f64, f64, usize)> = None;
        for (j, r) in rows.iter().enumerate() {
            if j == i
                || r.cells.get(col).is_none_or(|c| c.provision.is_some())
                || !r.groups.iter().any(|g| rows[i].groups.contains(g))
            {
                continue;
            }
            let members: Vec<&Provision> = r
                .cells
                .iter()
                .filter_map(|c| c.provision.as_deref())
                .collect();
            if members.is_empty()
                || members.iter().any(|q| {
                    q.quantity.kind != p.quantity.kind || q.quantity.topic != p.quantity.topic
                })
            {
                continue;
            }
            // A figure bounding the other way (不足一百人 against 一百人以上) is another case.
            let opposite = |q: &&Provision| {
                matches!(
                    (p.quantity.bound, q.quantity.bound),
                    (super::Bound::AtMost, super::Bound::AtLeast)
                        | (super::Bound::AtLeast, super::Bound::AtMost)
                )
            };
            if members.iter().any(opposite) {
                continue;
            }
            // A row whose documents disagree with no majority is not settled by a newcomer.
            let equal = if members.len() >= 2 {
                let mut marked = r.clone();
                mark_differences(&mut marked);
                if marked.no_majority {
                    continue;
                }
                agrees_with_majority(r, p)
            } else {
                is_same(p, members[0])
            };
            // A differing figure stays where pairing left it: only its document's 未规定 is
            // withdrawn ([`alone_in_group`]). Joined at half the pairing threshold, one read on
            // four 预算审查监督条例 set 北京 37's 7日前 (materials before a preliminary review)
            // against 重庆 34's and 青岛 42's 三十日前 (audit results before the session).
            if !equal {
                continue;
            }
            let theirs: Vec<Context> = members
                .iter()
                .map(|q| Context::of(q, cited(q)))
                .filter(|c| compatible(&own, c))
                .collect();
            if theirs.is_empty() {
                continue;
            }
            let likeness = theirs
                .iter()
                .map(|c| {
                    // A figure of a listed case and one of a rule are told apart by their kind
                    // of sentence when pairing; within a group, the figures decide.
                    let mut own = own.clone();
                    own.in_case = c.in_case;
                    own.cap = c.cap;
                    similarity(&own, c)
                })
                .fold(0.0, f64::max);
            // An equal figure whose own clause is said within the other's (可以延长 in 经…批准
            // 可以延长) is that rule's, however the sentences around them differ.
            let within = theirs.iter().any(|c| {
                let least = own.clause.len().min(c.clause.len());
                least >= 3 && own.clause.shared(&c.clause) * 4 >= least * 3
            });
            if likeness < PAIR_THRESHOLD / 2.0 && !within {
                continue;
            }
            // The row whose figures' own clauses are most like the figure's comes first (临时占用
            // 期限不得超过一年 goes with 临时占用的时间不得超过一年, not with 延期…不得超过一年,
            // though its sentence goes on with 确需延期的), then the most alike by sentence.
            let clause = theirs
                .iter()
                .map(|c| dice(&own.clause, &c.clause))
                .fold(0.0, f64::max);
            if best.is_none_or(|(c, l, _)| (clause, likeness) > (c, l)) {
                best = Some((clause, likeness, j));
            }
        }
        if let Some((clause, likeness, j)) = best {
            wanted.push((clause, likeness, i, j, col));
        }
    }
    wanted.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2.cmp(&b.2))
    });
    move_lone_figures(
        rows,
        wanted.into_iter().map(|(_, _, i, j, col)| LoneMove {
            from: i,
            to: j,
            col,
            elsewhere: false,
        }),
    )
}

/// Whether `a` and `b` are the two sides of one threshold of one paragraph: of one article, kind,
/// unit and value, both bounding a case (…以上的, 不足…的: [`case_end`]), one from below and one
/// from above, the later's paragraph holding the earlier's sentence (献血者捐献全血累计达四百毫升
/// 以上的，…；不足四百毫升的，…).
fn complements(a: &Provision, b: &Provision) -> bool {
    let (x, y) = (&a.quantity, &b.quantity);
    let sides = matches!(
        (case_end(x), case_end(y)),
        (Some(super::Bound::AtLeast), Some(super::Bound::AtMost))
            | (Some(super::Bound::AtMost), Some(super::Bound::AtLeast))
    );
    let (first, second) = if x.span.start <= y.span.start {
        (x, y)
    } else {
        (y, x)
    };
    a.article == b.article
        && x.kind == y.kind
        && x.unit == y.unit
        && x.max.is_none()
        && y.max.is_none()
        && (x.value - y.value).abs() <= 1e-9 * x.value.abs().max(1.0)
        && sides
        && x.span != y.span
        && (first.sentence == second.sentence || second.lead.contains(first.sentence.as_str()))
}

/// A lone figure that is one side of a threshold ([`complements`]) joins the row of the other
/// documents' same side, when its other side is paired with theirs: 宁波 25's 不足四百毫升 (the
/// donation below which free use of blood is limited) stood alone while its 四百毫升以上 sat
/// beside 临沂 34's and 泰安 19's 一千毫升以上, and their 不满一千毫升 made a row naming no 宁波.
/// The row is the one holding the other side of every other figure of the paired row that has
/// one, with no figure of the document; the differing value is then marked.
fn join_complements(rows: Vec<Row>) -> Vec<Row> {
    // Each article's figures in the table: (row, column).
    let mut at: HashMap<(&DocId, ArticleKey), Vec<(usize, usize)>> = HashMap::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            if let Some(p) = cell.provision.as_deref() {
                at.entry((&p.article.doc, p.article.key()))
                    .or_default()
                    .push((r, c));
            }
        }
    }
    let provision = |r: usize, c: usize| rows[r].cells[c].provision.as_deref();
    // The row of the other side of the figure in (row, column), when the table holds one.
    let other_side = |r: usize, c: usize| -> Option<usize> {
        let p = provision(r, c)?;
        at.get(&(&p.article.doc, p.article.key()))?
            .iter()
            .find(|&&(k, j)| (k, j) != (r, c) && provision(k, j).is_some_and(|q| complements(p, q)))
            .map(|&(k, _)| k)
    };
    let mut moves: Vec<LoneMove> = Vec::new();
    for i in 0..rows.len() {
        let Some((col, _)) = lone_figure(&rows[i]) else {
            continue;
        };
        let Some(k) = other_side(i, col) else {
            continue;
        };
        let targets: Vec<usize> = (0..rows[k].cells.len())
            .filter(|&c| c != col && rows[k].cells[c].provision.is_some())
            .filter_map(|c| other_side(k, c))
            .collect();
        let Some(&j) = targets.first() else {
            continue;
        };
        if j != i
            && j != k
            && targets.iter().all(|&t| t == j)
            && rows[j].cells[col].provision.is_none()
        {
            moves.push(LoneMove {
                from: i,
                to: j,
                col,
                elsewhere: false,
            });
        }
    }
    move_lone_figures(rows, moves.into_iter())
}

/// A document whose figure stands alone in another row of one of a row's clause groups, of the
/// row's kind and [`compatible`] with one of its figures, is not 未规定 in it: that figure may be
/// its counterpart, stated in words pairing did not match (河南 91 应当在三十日内处理完毕 beside
/// 四十五日内作出处理决定). A limit that runs from another event (在改造后 against 自变更之日起)
/// or for another act leaves the document 未规定.
fn alone_in_group(rows: &mut [Row], cited: &dyn Fn(&Provision) -> Vec<String>) {
    let mut alone: HashMap<(&str, usize), Vec<Context>> = HashMap::new();
    for r in rows.iter() {
        if let Some((col, p)) = lone_figure(r) {
            for g in &r.groups {
                alone
                    .entry((g.as_str(), col))
                    .or_default()
                    .push(Context::of(p, cited(p)));
            }
        }
    }
    let mut cleared: Vec<(usize, usize)> = Vec::new();
    for (j, r) in rows.iter().enumerate() {
        // A lone row lists no 未规定; its documents regulating the matter are what the note
        // under the table counts (they may set it in another article: here, in that row).
        let silent = r.silent();
        if r.stated() < 2 || silent.is_empty() {
            continue;
        }
        let theirs: Vec<Context> = r
            .cells
            .iter()
            .filter_map(|c| c.provision.as_deref())
            .map(|q| Context::of(q, cited(q)))
            .collect();
        for col in silent {
            let counterpart = r.groups.iter().any(|g| {
                alone
                    .get(&(g.as_str(), col))
                    .is_some_and(|ks| ks.iter().any(|k| theirs.iter().any(|c| compatible(k, c))))
            });
            if counterpart {
                cleared.push((j, col));
            }
        }
    }
    for (j, col) in cleared {
        if let Some(x) = rows[j].in_group.get_mut(col) {
            *x = false;
        }
    }
}

/// Rounds of [`place_lone_figures`]: a round places figures that an earlier one made placeable.
const PLACING_ROUNDS: usize = 3;

/// Whether two figures of different clause groups are said of one body and in one kind of
/// sentence: the noun phrase that opens each sentence ([`sentence_body`]) shares a character pair
/// when both name one (物业管理委员会由…七人以上 is not 筹备组由七人以上), and both sentences are
/// rules or both are items of a list of cases, which end in 的 (（四）…成员人数不足二分之一…的:
/// a case the rule is stated for, not a cap on 候补委员 of 二分之一).
fn same_body(a: &Provision, b: &Provision) -> bool {
    let listed = |p: &Provision| {
        p.quantity
            .sentence
            .trim_end_matches(['。', '；', ';', '.'])
            .ends_with('的')
    };
    if listed(a) != listed(b) {
        return false;
    }
    let (x, y) = (
        bigrams(sentence_body(&a.quantity.sentence)),
        bigrams(sentence_body(&b.quantity.sentence)),
    );
    x.len() < 2 || y.len() < 2 || !x.is_disjoint(&y)
}

/// The noun phrase that opens a sentence, an item's （一） left out: its text up to the first
/// word that begins what is said of it (由, 应当, 是, 的, a comma …).
fn sentence_body(sentence: &str) -> &str {
    let mut s = sentence.trim();
    if s.starts_with('（')
        && let Some(close) = s.find('）')
    {
        s = &s[close + '）'.len_utf8()..];
    }
    let end = BODY_ENDS
        .iter()
        .filter_map(|w| s.find(w))
        .min()
        .unwrap_or(s.len());
    &s[..end]
}

/// Words that end the noun phrase opening a sentence ([`sentence_body`]).
const BODY_ENDS: &[&str] = &[
    "由", "应当", "应", "为", "是", "的", "可以", "不得", "，", "：", "；", ",",
];

/// Each fine's conduct ([`conduct`]) as character pairs, read once per figure.
#[derive(Default)]
struct Conducts(HashMap<(DocId, ArticleKey, usize), PairSet>);

impl Conducts {
    fn get(&mut self, p: &Provision) -> &PairSet {
        self.0
            .entry((
                p.article.doc.clone(),
                p.article.key(),
                p.quantity.figure.start,
            ))
            .or_insert_with(|| bigrams(&conduct(&p.quantity)))
    }
}

/// How rare each character pair is among a set of conducts: pairs every fine's conduct holds
/// (燃放, 烟花 in a family of fireworks rules; 违反, 规定) say little of which conduct it is.
struct Rarity {
    conducts: f64,
    holding: HashMap<(char, char), usize>,
}

impl Rarity {
    fn of(conducts: &[PairSet]) -> Rarity {
        let mut holding: HashMap<(char, char), usize> = HashMap::new();
        for c in conducts {
            for pair in &c.0 {
                *holding.entry(*pair).or_insert(0) += 1;
            }
        }
        Rarity {
            conducts: conducts.len() as f64,
            holding,
        }
    }

    /// A pair's weight: ln(1 + conducts / conducts holding it).
    fn weight(&self, pair: &(char, char)) -> f64 {
        let n = self.holding.get(pair).copied().unwrap_or(0).max(1) as f64;
        (1.0 + self.conducts / n).ln()
    }

    /// Weighted share of character pairs two conducts have in common (a dice coefficient whose
    /// pairs count by their rarity), 0–1.
    fn alike(&self, a: &PairSet, b: &PairSet) -> f64 {
        let total: f64 = a.0.iter().chain(&b.0).map(|x| self.weight(x)).sum();
        if total <= 0.0 {
            return 0.0;
        }
        let shared: f64 =
            a.0.iter()
                .filter(|x| b.0.binary_search(x).is_ok())
                .map(|x| self.weight(x))
                .sum();
        2.0 * shared / total
    }
}

/// The conduct a fine punishes, from its own paragraph: the case of the last sentence before it
/// that names one ([`sentence_conduct`]), not an aggravated tier (情节严重的，处…) of it; for a
/// case that points to the paragraph before (违反前款规定的), that paragraph (the duty breached);
/// without its figures. Empty when no case is named (有下列行为之一的: the items follow).
fn conduct(q: &super::Quantity) -> String {
    let text = format!("{}{}", q.lead, q.before);
    let mut last: Option<&str> = None;
    for sentence in text.split(['。', '；', '\n']) {
        if let Some(c) = sentence_conduct(sentence)
            && !is_tier(c)
        {
            last = Some(c);
        }
    }
    match last {
        Some(c) if BACK_REFERENCES.iter().any(|w| c.contains(w)) => without_figures(q.prior.trim()),
        Some(c) if c.starts_with("违反") && c.ends_with("规定") => String::new(),
        Some(c) => without_figures(c),
        None => String::new(),
    }
}

/// Words by which a case points to the paragraph before it.
const BACK_REFERENCES: &[&str] = &["前款", "前两款", "前三款", "上款"];

/// The case a sentence states a rule for: its text before the first 的，, after a lead
/// 违反…规定，(or 对违反…规定，) and an item's （一）; none when the sentence names no case or
/// announces a list (下列).
fn sentence_conduct(sentence: &str) -> Option<&str> {
    let end = ["的，", "的,"]
        .iter()
        .filter_map(|m| sentence.find(m))
        .min()?;
    let mut head = &sentence[..end];
    if head.contains("下列") {
        return None;
    }
    if let Some(comma) = head.find('，') {
        let lead = &head[..comma];
        if lead.contains("违反") && lead.ends_with("规定") {
            head = &head[comma + '，'.len_utf8()..];
        }
    }
    head = head.trim().trim_start_matches('对');
    if head.starts_with('（')
        && let Some(close) = head.find('）')
    {
        head = &head[close + '）'.len_utf8()..];
    }
    let head = head.trim();
    (!head.is_empty()).then_some(head)
}

/// Least likeness ([`Rarity::alike`]) of a fine's conduct to a row's conducts for the fine to
/// join that row though its amount differs ([`conduct_row`]).
const CONDUCT_FLOOR: f64 = 0.35;
/// Least lead of that likeness over the fine's likeness to the conducts of every clause group
/// outside the row's.
const CONDUCT_MARGIN: f64 = 0.15;

/// The row a lone fine `p` (row `i`'s figure) joins by its conduct: of the rows of its subject
/// in other clause groups that hold no figure of its document, the one whose figures' conducts
/// are most like its own (by rarity-weighted character pairs, [`Rarity::alike`], other
/// documents' conducts only), when that likeness is at least [`CONDUCT_FLOOR`] and leads by
/// [`CONDUCT_MARGIN`] its likeness to the conducts of every row outside that row's groups. The
/// margin, not an absolute cut, tells like conduct from a family's shared words: every fine of
/// a fireworks rule says 燃放烟花爆竹, and only the words that differ (区域、场所 against
/// 重污染天气 against 庆典服务) tell one conduct from another.
fn conduct_row(
    rows: &[Row],
    i: usize,
    p: &Provision,
    by_subject: &HashMap<String, Vec<usize>>,
    moved: &[bool],
    conduct_of: &mut Conducts,
    weights: &Rarity,
) -> Option<usize> {
    let own = conduct_of.get(p).clone();
    if own.len() < 2 {
        return None;
    }
    let col = rows[i].cells.iter().position(|c| c.provision.is_some())?;
    let alike = |r: &Row, conducts: &mut Conducts| -> f64 {
        r.cells
            .iter()
            .filter_map(|c| c.provision.as_deref())
            .filter(|q| q.article.doc != p.article.doc)
            .map(|q| weights.alike(&own, conducts.get(q)))
            .fold(0.0, f64::max)
    };
    let same = by_subject.get(&rows[i].subject)?;
    let mut best: Option<(usize, f64)> = None;
    for &j in same {
        let r = &rows[j];
        if j == i
            || moved[j]
            || r.stated() < 2
            || r.cells.get(col).is_none_or(|c| c.provision.is_some())
            || r.groups.iter().any(|g| rows[i].groups.contains(g))
        {
            continue;
        }
        let a = alike(r, conduct_of);
        if best.is_none_or(|(_, b)| a > b) {
            best = Some((j, a));
        }
    }
    let (j, first) = best?;
    let second = same
        .iter()
        .filter(|&&k| k != i && k != j && !moved[k])
        .filter(|&&k| !rows[k].groups.iter().any(|g| rows[j].groups.contains(g)))
        .map(|&k| alike(&rows[k], conduct_of))
        .fold(0.0, f64::max);
    (first >= CONDUCT_FLOOR && first - second >= CONDUCT_MARGIN).then_some(j)
}

/// Least share of character pairs ([`dice`]) two fines' cases have when a lone fine joins
/// another clause group's row ([`place_lone_figures`]): the conduct must be mostly the same.
const CONDUCT_ALIKE: f64 = 0.5;

/// True when `p` states the figure most of `row`'s documents state (the row has a majority):
/// a figure joining from another group neither draws a difference nor settles a row that had
/// none.
fn agrees_with_majority(row: &Row, p: &Provision) -> bool {
    let mut marked = row.clone();
    mark_differences(&mut marked);
    !marked.no_majority
        && marked
            .cells
            .iter()
            .filter(|c| !c.differs)
            .filter_map(|c| c.provision.as_deref())
            .any(|q| is_same(p, q))
}

/// Subjects that some document states in more than one clause group (rows are one group each
/// before joining).
fn scattered_subjects(rows: &[Row]) -> std::collections::HashSet<String> {
    let mut seen: HashMap<(&str, &DocId), &str> = HashMap::new();
    let mut out = std::collections::HashSet::new();
    for row in rows {
        let Some(group) = row.groups.first() else {
            continue;
        };
        for p in row.cells.iter().filter_map(|c| c.provision.as_ref()) {
            let first = seen
                .entry((row.subject.as_str(), &p.article.doc))
                .or_insert(group.as_str());
            if *first != group.as_str() {
                out.insert(row.subject.clone());
            }
        }
    }
    out
}

/// True when an article of `row` is a partial member of one of `of`'s groups.
fn partly_in(alignment: &Alignment, row: &Row, of: &Row) -> bool {
    of.groups
        .iter()
        .filter_map(|id| alignment.group(id))
        .flat_map(|g| &g.partial)
        .any(|part| {
            row.cells
                .iter()
                .filter_map(|c| c.provision.as_ref())
                .any(|p| p.article == part.article)
        })
}

/// True when two figures state the same rule: equal normalised values (so 每两周1次 and 每月2次,
/// 2.17 and 2 per month, agree within 10%), else equal sums of money (1万元 = 10000元), else equal
/// value, range, unit and period as written.
fn is_same(a: &Provision, b: &Provision) -> bool {
    let (a, b) = (&a.quantity, &b.quantity);
    let close = |x: f64, y: f64, tolerance: f64| (x - y).abs() <= tolerance * x.abs().max(y.abs());
    let close_opt = |x: Option<f64>, y: Option<f64>, t: f64| match (x, y) {
        (Some(x), Some(y)) => close(x, y, t),
        (None, None) => true,
        _ => false,
    };
    match (a.normalized, b.normalized) {
        (Some(x), Some(y)) if x.unit == y.unit => {
            let t = if x.unit == "次/月" {
                0.1
            } else if x.unit == "天" && counts_months(&a.unit) != counts_months(&b.unit) {
                // A calendar month is 28 to 31 days: 一个月 and 三十日, 三个月 and 九十日 state
                // one period (an average month, 30.44 days, is within 2% of 30).
                0.02
            } else {
                1e-6
            };
            close(x.value, y.value, t) && close_opt(x.max, y.max, t)
        }
        _ if let (Some(x), Some(y)) = (yuan_per(&a.unit), yuan_per(&b.unit)) => {
            // 1万元 and 10000元 are one sum.
            close(a.value * x, b.value * y, 1e-6)
                && close_opt(a.max.map(|m| m * x), b.max.map(|m| m * y), 1e-6)
                && a.per == b.per
        }
        _ => {
            like_units(&a.unit, &b.unit)
                && a.per == b.per
                && close(a.value, b.value, 1e-6)
                && close_opt(a.max, b.max, 1e-6)
        }
    }
}

/// True when two units as written count one thing: equal, or two spans of a period one names
/// more fully than the other (个采暖期 and 个采暖供热期: the same ending, and the shorter noun's
/// characters in order in the longer).
fn like_units(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (Some(x), Some(y)) = (a.strip_prefix('个'), b.strip_prefix('个')) else {
        return false;
    };
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    let (Some(end), Some(long_end)) = (short.chars().next_back(), long.chars().next_back()) else {
        return false;
    };
    if end != '期' || long_end != end || short.chars().count() < 2 {
        return false;
    }
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// True for a unit counted in calendar months (个月, 季度, 年), whose length in days varies.
fn counts_months(unit: &str) -> bool {
    matches!(unit, "个月" | "月" | "季度" | "年")
}

/// Marks cells whose figure differs from the one most documents state. When no figure is stated
/// by more documents than every other figure (two documents that disagree, or 2 against 2), there
/// is no such figure: no cell is marked and the row says `no_majority`.
fn mark_differences(row: &mut Row) {
    let present: Vec<&Provision> = row
        .cells
        .iter()
        .filter_map(|c| c.provision.as_deref())
        .collect();
    let agreeing = |p: &Provision| present.iter().filter(|q| is_same(p, q)).count();
    let Some(reference) = present
        .iter()
        .copied()
        .rev()
        .max_by_key(|p| agreeing(p))
        .cloned()
    else {
        return;
    };
    let most = agreeing(&reference);
    let tied = present
        .iter()
        .any(|p| !is_same(p, &reference) && agreeing(p) == most);
    row.no_majority = tied;
    for cell in &mut row.cells {
        cell.differs = !tied
            && cell
                .provision
                .as_ref()
                .is_some_and(|p| !is_same(p, &reference));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbers::provisions_of as provisions;

    #[test]
    fn same_subject_lines_up_and_differences_are_marked() {
        let mut ps = provisions("a", 39, "区政府常务会议一般每两周召开1次。");
        ps.extend(provisions("b", 52, "区政府常务会议原则上每月召开 2 次。"));
        ps.extend(provisions("c", 20, "区政府常务会议原则上每月召开1次。"));
        let docs: Vec<DocId> = ["a", "b", "c", "d"].into_iter().map(DocId::from).collect();
        let t = build(&ps, &docs, None);
        assert_eq!(t.rows.len(), 1, "{t:#?}");
        let row = &t.rows[0];
        assert_eq!(row.subject, "常务会议·召开频次");
        assert_eq!(row.stated(), 3);
        let differs: Vec<bool> = row.cells.iter().map(|c| c.differs).collect();
        assert_eq!(differs, [false, false, true, false]);
        assert!(!row.no_majority);
    }

    #[test]
    fn a_long_measure_is_cut_before_a_word_never_inside_one() {
        // 宁波市全民健身条例 第二十条: the measure's last 16 characters start inside 寄宿制.
        let ps = provisions(
            "a",
            20,
            "其中，非寄宿制公办中小学校体育设施开放时间为双休日每天不少于八小时。",
        );
        let measures: Vec<String> = ps.iter().filter_map(|p| measure_of(&p.quantity)).collect();
        assert_eq!(measures, ["…公办中小学校体育设施开放时间"], "{ps:#?}");
        assert_eq!(from_a_word("非寄宿制公办中小学校", 2), "公办中小学校");
        // No word starts in the kept part but its last two characters: cut at the character.
        assert_eq!(from_a_word("中华人民共和国", 5), "和国");
    }

    #[test]
    fn a_table_rows_figures_are_named_by_their_rows_cells() {
        let text = "检测收费标准如下：\n一般测试\t每次\t200元\n全面测试\t每次\t500元";
        let mut ps = provisions("a", 2, text);
        ps.extend(provisions("b", 2, &text.replace("200", "300")));
        let docs: Vec<DocId> = ["a", "b"].into_iter().map(DocId::from).collect();
        let t = build(&ps, &docs, None);
        let measures: Vec<Option<&str>> = t.rows.iter().map(|r| r.measure.as_deref()).collect();
        assert_eq!(
            measures,
            [Some("一般测试 每次"), Some("全面测试 每次")],
            "{t:#?}"
        );
    }

    #[test]
    fn two_documents_that_disagree_have_no_majority() {
        let mut ps = provisions("a", 20, "议题应提前3个工作日报送。");
        ps.extend(provisions("b", 21, "议题应提前5个工作日报送。"));
        let docs: Vec<DocId> = ["a", "b"].into_iter().map(DocId::from).collect();
        let row = &build(&ps, &docs, None).rows[0];
        assert!(row.no_majority, "{row:#?}");
        assert!(row.cells.iter().all(|c| !c.differs), "{row:#?}");
        assert!(row.has_difference());
        // Three documents, two agreeing: the third differs.
        ps.extend(provisions("c", 22, "议题应提前5个工作日报送。"));
        let docs: Vec<DocId> = ["a", "b", "c"].into_iter().map(DocId::from).collect();
        let row = &build(&ps, &docs, None).rows[0];
        assert!(!row.no_majority);
        let differs: Vec<bool> = row.cells.iter().map(|c| c.differs).collect();
        assert_eq!(differs, [true, false, false]);
    }

    #[test]
    fn a_period_in_months_agrees_with_the_same_period_in_days() {
        // 电梯安全条例 of two cities: footage kept 不少于三十日 / 不少于一个月; 物业 notices 九十日前 /
        // 三个月前 and 六十日前 / 两个月前.
        for (a, b) in [
            (
                "监控数据保存期限不少于三十日。",
                "监控数据保存期限不少于一个月。",
            ),
            (
                "应当在合同期限届满九十日前书面通知。",
                "应当在合同期限届满三个月前书面通知。",
            ),
            (
                "应当在任期届满六十日前组织换届。",
                "应当在任期届满两个月前组织换届。",
            ),
            ("应当在一年内完成整改。", "应当在三百六十五日内完成整改。"),
        ] {
            let mut ps = provisions("a", 1, a);
            ps.extend(provisions("b", 1, b));
            ps.extend(provisions("c", 1, a));
            let docs: Vec<DocId> = ["a", "b", "c"].into_iter().map(DocId::from).collect();
            let t = build(&ps, &docs, None);
            assert_eq!(t.rows.len(), 1, "{a} / {b}: {t:#?}");
            assert!(!t.rows[0].has_difference(), "{a} / {b}: {:#?}", t.rows[0]);
        }
        // Close is not equal: 二十日 is no month, 十日 no 十个工作日, 八十五日 no 三个月.
        for (a, b) in [
            (
                "监控数据保存期限不少于二十日。",
                "监控数据保存期限不少于一个月。",
            ),
            (
                "应当在合同期限届满八十五日前书面通知。",
                "应当在合同期限届满三个月前书面通知。",
            ),
            ("应当在十日内作出决定。", "应当在十个工作日内作出决定。"),
        ] {
            let mut ps = provisions("a", 1, a);
            ps.extend(provisions("b", 1, b));
            let docs: Vec<DocId> = ["a", "b"].into_iter().map(DocId::from).collect();
            let t = build(&ps, &docs, None);
            assert!(t.rows.iter().any(Row::has_difference), "{a} / {b}: {t:#?}");
        }
    }

    #[test]
    fn second_figure_of_a_subject_gets_its_own_row() {
        let text = "综合性文稿原则上控制在5000字以内，具体任务的文稿原则上控制在3000字以内。";
        let mut ps = provisions("a", 57, text);
        ps.extend(provisions(
            "b",
            73,
            "提倡制发短文，一般不超过 5000 字，部署专项工作的短文一般不超过 3000 字。",
        ));
        let docs: Vec<DocId> = ["a", "b"].into_iter().map(DocId::from).collect();
        let t = build(&ps, &docs, None);
        // Each document's two figures stay in rows of their own (the second is not folded into
        // the first), and no row stars a difference between them. Worded this differently
        // (原则上控制在…以内 against 一般不超过), the clauses fall under the pairing threshold
        // without a clause group, so the documents' like figures are not paired here: a row
        // stated by one document only is shown alone rather than against an unrelated figure.
        assert!(t.rows.len() >= 2, "{t:#?}");
        assert_eq!(
            t.rows.iter().map(|r| r.stated()).sum::<usize>(),
            4,
            "{t:#?}"
        );
        assert!(t.rows.iter().all(|r| !r.has_difference()), "{t:#?}");
    }

    #[test]
    fn shares_of_different_bases_are_not_paired() {
        // 杭州市物业管理条例 第二十二条 (a share of floor area) and 青岛市物业管理条例 第二十一条
        // (a share of owners), both the case of two years after the first delivery.
        let mut ps = provisions(
            "a",
            22,
            "首套房屋出售并交付满两年，且房屋出售并交付的建筑面积达到物业总建筑面积百分之三十以上的。",
        );
        ps.extend(provisions(
            "b",
            21,
            "自首套物业交付业主之日起满二年且已交付业主的人数占比百分之二十五以上的。",
        ));
        ps.extend(provisions(
            "c",
            30,
            "已交付业主的专有部分达到建筑物总面积百分之三十以上的，可以申请。",
        ));
        let docs: Vec<DocId> = ["a", "b", "c"].into_iter().map(DocId::from).collect();
        let t = build(&ps, &docs, None);
        let with = |c: usize| {
            t.rows
                .iter()
                .find(|r| r.cells[c].provision.is_some())
                .expect("row")
        };
        assert!(with(1).cells[0].provision.is_none(), "{t:#?}");
        assert!(with(2).cells[1].provision.is_none(), "{t:#?}");
    }

    fn row_with(t: &FigureTable, col: usize, value: f64) -> &Row {
        t.rows
            .iter()
            .find(|r| {
                r.cells[col]
                    .provision
                    .as_ref()
                    .is_some_and(|p| p.quantity.value == value)
            })
            .expect("a row with the figure")
    }

    #[test]
    fn an_interval_pairs_with_the_one_for_the_same_case() {
        // 北京市献血条例 第十六条 (全血 six months, 血小板 two weeks) and 泰安市献血条例 第十七条
        // (全血 six months, in a sentence of its own after the 全血 case).
        let mut ps = provisions(
            "a",
            16,
            "捐献全血的，每次献血量一般为二百毫升，最多不超过四百毫升，献血间隔期不少于六个月；捐献单采血小板的，每次献血量一至二个治疗单位，献血间隔期不少于二周；捐献其他成分血、交替捐献全血与成分血的，每次献血量及献血间隔期按照国家有关规定执行。",
        );
        ps.extend(provisions(
            "b",
            17,
            "献血者捐献全血的，每次献血量一般为二百毫升，最多不得超过四百毫升；两次献血间隔期不得少于六个月。\n献血者捐献成分血的，献血量以及献血间隔时间按照国家有关规定执行。",
        ));
        let docs: Vec<DocId> = ["a", "b"].into_iter().map(DocId::from).collect();
        let t = build(&ps, &docs, None);
        let six = row_with(&t, 0, 6.0);
        assert_eq!(
            six.cells[1].provision.as_ref().map(|p| p.quantity.value),
            Some(6.0),
            "{t:#?}"
        );
        assert!(!six.has_difference(), "{six:#?}");
        assert_eq!(row_with(&t, 0, 2.0).stated(), 1, "{t:#?}");
        // The volumes line up too: 二百毫升 with 二百毫升.
        assert_eq!(row_with(&t, 0, 200.0).stated(), 2, "{t:#?}");
    }

    #[test]
    fn fines_pair_by_the_conduct_they_punish() {
        // 宁波市电梯安全条例 第四十条, 杭州市电梯安全管理条例 第三十九条, 淄博市电梯安全条例 第五十条.
        let mut ps = provisions(
            "a",
            40,
            "电梯安装、改造、修理单位违反本条例，有下列行为之一的，由市场监督管理部门依照下列规定予以处理：\n（一）违反本条例第十二条第二款规定，受委托的单位转委托或者变相转委托电梯安装、改造、修理业务的，责令改正，处三万元以上十万元以下罚款；\n（二）违反本条例第十四条第一款规定，设置技术障碍，影响电梯正常运行的，责令改正，处五万元以上二十万元以下罚款；",
        );
        ps.extend(provisions(
            "b",
            39,
            "违反本条例规定，有下列情形之一的，由市场监督管理部门按照下列规定予以处罚：\n（一）电梯生产单位将国家明令淘汰或者已经报废的零部件用于电梯安装、改造、修理的，责令停止违法行为，没收违法使用的零部件，并处三万元以上三十万元以下罚款；\n（二）电梯制造单位设置影响电梯安全运行的技术障碍的，责令改正，处五万元以上二十万元以下罚款；\n（三）受委托从事电梯安装、改造、修理的单位转委托或者变相转委托其业务的，责令改正，处一万元以上十万元以下罚款；",
        ));
        ps.extend(provisions(
            "c",
            50,
            "违反本条例第十二条第一款、第三十条第五项规定，施工记录、自检记录、维护保养记录造假或者严重失实的，由特种设备安全监督管理部门责令限期改正，处五万元以上二十万元以下罚款。",
        ));
        let docs: Vec<DocId> = ["a", "b", "c"].into_iter().map(DocId::from).collect();
        let t = build(&ps, &docs, None);
        let value = |r: &Row, c: usize| r.cells[c].provision.as_ref().map(|p| p.quantity.value);
        // 转委托: 三万 against 一万, a real difference; 技术障碍: the same fine.
        // (淄博 50's 记录造假 still joins this row: its case shares only 或者 with the others.)
        let sub = row_with(&t, 0, 30000.0);
        assert_eq!(value(sub, 1), Some(10000.0), "{t:#?}");
        let barrier = row_with(&t, 0, 50000.0);
        assert_eq!(value(barrier, 1), Some(50000.0), "{t:#?}");
    }

    #[test]
    fn a_rate_per_square_metre_never_pairs_with_a_sum() {
        // 东营市湿地保护条例 第四十五条 and 山东省南水北调工程沿线区域水污染防治条例 第四十四条.
        let mut ps = provisions(
            "a",
            45,
            "违反本条例规定，擅自占用湿地的，由县级以上人民政府有关主管部门责令限期恢复原状，处每平方米十元以上三十元以下的罚款。",
        );
        ps.extend(provisions(
            "b",
            44,
            "违反本条例规定，重点排污单位篡改、伪造监测数据的，由县级以上人民政府环境保护主管部门责令限期改正，并处十万元以上一百万元以下的罚款。",
        ));
        ps.extend(provisions(
            "c",
            37,
            "违反本条例规定，擅自占用湿地的，由县级以上人民政府林业主管部门责令限期恢复原状，处每平方米十元以上三十元以下的罚款。",
        ));
        let docs: Vec<DocId> = ["a", "b", "c"].into_iter().map(DocId::from).collect();
        let t = build(&ps, &docs, None);
        let wet = row_with(&t, 0, 10.0);
        assert!(wet.cells[1].provision.is_none(), "{t:#?}");
        assert!(wet.cells[2].provision.is_some(), "{t:#?}");
        assert!(!wet.has_difference(), "{t:#?}");
    }

    #[test]
    fn agreeing_figures_in_like_words_are_one_row() {
        // 杭州市电梯安全管理条例 第二十八条, 淄博市电梯安全条例 第三十条, 潍坊市电梯安全条例 第二十三条:
        // maintenance records kept four years.
        let mut ps = provisions(
            "a",
            28,
            "（五）如实记载维护保养和故障处置情况，建立维护保养和故障处置记录，记录可以采取电子化方式，并至少保存四年。",
        );
        ps.extend(provisions(
            "b",
            30,
            "（五）真实、完整记录每台电梯维护保养和故障处置情况，维护保养记录(含无纸化电梯维护保养记录)保存期限不少于四年;",
        ));
        ps.extend(provisions(
            "c",
            23,
            "（五）建立维护保养档案，档案保存不少于四年；",
        ));
        let docs: Vec<DocId> = ["a", "b", "c"].into_iter().map(DocId::from).collect();
        let t = build(&ps, &docs, None);
        assert_eq!(row_with(&t, 0, 4.0).stated(), 3, "{t:#?}");
    }

    #[test]
    fn fines_pair_by_party_and_case_not_by_position() {
        // 北京市生活垃圾管理条例 第六十七条 and 山东省生活垃圾管理条例 第四十三条.
        let mut ps = provisions(
            "a",
            67,
            "单位违反本条例第三十三条规定，由城市管理综合执法部门责令立即改正，处1000元罚款；再次违反规定的，处1万元以上5万元以下罚款。\n个人违反本条例第三十三条规定，由生活垃圾分类管理责任人进行劝阻；再次违反规定的，处50元以上200元以下罚款。",
        );
        ps.extend(provisions(
            "b",
            43,
            "违反本条例规定，未在指定的地点分类投放生活垃圾的，由县级人民政府生活垃圾主管部门责令改正；情节严重的，对单位处五万元以上五十万元以下的罚款，对个人处五十元以上二百元以下的罚款。",
        ));
        let docs: Vec<DocId> = ["a", "b"].into_iter().map(DocId::from).collect();
        let t = build(&ps, &docs, None);
        let cell = |r: &Row, c: usize| r.cells[c].provision.as_ref().map(|p| p.quantity.value);
        let person = t
            .rows
            .iter()
            .find(|r| cell(r, 0) == Some(50.0))
            .expect("50元 row");
        assert_eq!(cell(person, 1), Some(50.0), "{t:#?}");
        assert!(!person.has_difference());
        let first = t
            .rows
            .iter()
            .find(|r| cell(r, 0) == Some(1000.0))
            .expect("1000元 row");
        assert_eq!(first.stated(), 1, "a first fine stands alone: {t:#?}");
    }

    #[test]
    fn a_count_is_read_with_what_it_counts_and_the_band_it_is_said_under() {
        use crate::numbers::Bound;
        assert_eq!(case_bound("从业人员三百人以上"), Some(Bound::AtLeast));
        assert_eq!(
            case_bound("（二）从业人员一百人以上不足三百人"),
            Some(Bound::Between)
        );
        assert_eq!(case_bound("从业人员三百人以下"), Some(Bound::AtMost));
        assert_eq!(case_bound("不足四百毫升"), Some(Bound::AtMost));
        assert_eq!(
            case_bound("卧室、起居室温度低于十八摄氏度、高于十六摄氏度（含）"),
            Some(Bound::Between)
        );
        assert_eq!(
            case_bound("用户室内温度高于或者等于十六摄氏度、低于十八摄氏度"),
            Some(Bound::Between)
        );
        assert_eq!(case_bound("捐献全血"), None);
        assert_eq!(
            counted_noun("至少配备", "专职安全生产管理人员"),
            "专职安全生产管理人员"
        );
        assert_eq!(
            counted_noun("并配备", "以上专职安全生产管理人员"),
            "专职安全生产管理人员"
        );
        assert_eq!(
            counted_noun(
                "从业人员",
                "以上的高危生产经营单位和从业人员三百人以上的其他生产经营单位"
            ),
            "从业人员"
        );
        assert!(unlike_counted(
            &bigrams("专职安全生产管理人员"),
            &bigrams("从业人员")
        ));
        assert!(!unlike_counted(&bigrams("委员联名"), &bigrams("联名提出")));
    }

    #[test]
    fn the_two_sides_of_a_threshold_go_together() {
        use crate::numbers::Bound;
        // 临沂市献血条例 第三十四条, 泰安市献血条例 第十九条, 宁波市献血条例 第二十五条.
        let mut ps = provisions(
            "a",
            34,
            "献血者累计献血不满一千毫升的，可以累计享受献血量五倍的免费用血；献血者累计献血一千毫升以上的，可以终身享受无限量的免费用血。",
        );
        ps.extend(provisions(
            "b",
            19,
            "献血者累计献血不满一千毫升的，五年内可以累积享受献血量五倍的免费用血；献血者累计献血一千毫升以上的，可以终身享受无限量的免费用血。",
        ));
        ps.extend(provisions(
            "c",
            25,
            "（一）献血者捐献全血累计达四百毫升以上的，本人终身免交临床用血费用；不足四百毫升的，自献血之日起五年内按照不超过献血量的五倍免交临床用血费用。",
        ));
        let docs: Vec<DocId> = ["a", "b", "c"].into_iter().map(DocId::from).collect();
        let t = build(&ps, &docs, None);
        let below =
            t.rows
                .iter()
                .find(|r| {
                    r.cells[2].provision.as_ref().is_some_and(|p| {
                        p.quantity.value == 400.0 && p.quantity.bound == Bound::AtMost
                    })
                })
                .unwrap_or_else(|| panic!("宁波's 不足四百毫升 in a row: {t:#?}"));
        for c in 0..2 {
            let p = below.cells[c].provision.as_ref();
            assert!(
                p.is_some_and(|p| p.quantity.value == 1000.0 && p.quantity.bound == Bound::AtMost),
                "{t:#?}"
            );
        }
        assert!(below.cells[2].differs, "{t:#?}");
    }
}
