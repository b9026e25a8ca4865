//! The matter a regulation's title names: 北京市城市供水条例 → 城市供水, 济南市历下区人民政府工作规则
//! → 人民政府工作, 北京市实施《中华人民共和国野生动物保护法》办法 → 野生动物保护. What is stripped:
//! bracketed notes (（2021年修正）, (2023-01-06), （草案）), the marks of a draft or an amendment
//! (修订草案, 征求意见稿, 修正案 …), the place (a run of administrative names at the front, each a
//! short name and its level: 山东省, 济南市, 历下区, 汕头经济特区, 景宁畲族自治县, and the city and
//! district a manifest gives), the issuer before 关于, the kind of instrument at the end (条例,
//! 办法, 规定, 法 …) and what qualifies it (实施, 若干, 暂行, 试行). A title that does not read as a
//! regulation's name (a user's text whose first line is something else, or a file name standing
//! for a missing title that reads as none: `lixia`, `draft`) names no matter; a title equal to the
//! file's name counts as any other (`北京市全民健身条例.md`, whose heading says the same).
//!
//! Two titles name one matter when their matters are equal, when the shorter is written inside the
//! longer and is at least half of it (养犬管理 in 城市养犬管理, 控制吸烟 in 公共场所控制吸烟), or when
//! their characters, each weighed by how rare it is among the corpus's matters (`ln((n + 1) / df)`),
//! overlap by at least `same` (Dice): 烟花爆竹燃放管理 and 禁止燃放烟花爆竹, 城镇容貌和环境卫生管理
//! and 市容和环境卫生管理, but not 大气污染防治 and 水污染防治, nor 城市管理 and 城市建设管理, whose
//! shared characters are the corpus's common ones. One character in common is never enough.
//!
//! Two matters that are not one are near when the longer is the shorter with one run written
//! inside it, both parts of the shorter two characters at least (历史文化名城保护 /
//! 历史文化名城名镇名村保护, whose weighted overlap in a corpus of four falls below `same`):
//! the split leaves them to the shares, neither joined nor held apart (`Verdict`). A place may be
//! a placeholder (甲市, 乙县, 某区: one of 甲乙丙丁某 before 市, 县, 区 or 省).

use crate::model::Regulation;
use crate::text::name::{NAME_ENDS, names_a_regulation};
use crate::text::place::{places_at_front, without_brackets};
use std::collections::{BTreeMap, HashMap};

/// The matters the documents' titles name, with the corpus's weights of their characters.
#[derive(Debug, Clone, Default)]
pub(crate) struct Matters {
    /// Each document's matter, by its index.
    of: Vec<Option<Vec<char>>>,
    /// Each character's weight: `ln((n + 1) / df)` over the `n` documents with a matter.
    weight: HashMap<char, f64>,
    /// Least weighted overlap (Dice) of two different matters for them to be one.
    same: f64,
    /// Least weighted overlap (Dice) of two matters, not one, for them to be near (at `same` or
    /// above, only the inserted run makes two matters near).
    near: f64,
}

/// How the matters of two titles stand (module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// One matter written two ways: the documents start as one set.
    One,
    /// Neither plainly one nor plainly different (历史文化名城保护 / 历史文化名城名镇名村保护): the
    /// shares alone decide, as for a document whose title names no matter.
    Near,
    /// Different matters: their sets join only on `kinds.apart`.
    Different,
}

impl Matters {
    /// The matters of `docs`' titles (their `meta.title`, already folded to simplified script).
    /// `same` and `near` are the least weighted overlaps for two matters to be one and near.
    pub(crate) fn new(docs: &[&Regulation], same: f32, near: f32) -> Matters {
        let places = |d: &Regulation| [d.meta.city.clone(), d.meta.district.clone()];
        Matters::of_matters(
            docs.iter()
                .map(|d| matter(&d.meta.title, &places(d)))
                .collect(),
            same,
            near,
        )
    }

    /// The documents' matters (`None`: a title that names none) weighed over the corpus.
    fn of_matters(matters: Vec<Option<String>>, same: f32, near: f32) -> Matters {
        let of: Vec<Option<Vec<char>>> = matters
            .into_iter()
            .map(|m| m.map(|m| m.chars().collect()))
            .collect();
        let named = of.iter().flatten().count();
        let mut df: HashMap<char, usize> = HashMap::new();
        for m in of.iter().flatten() {
            let mut seen: Vec<char> = m.clone();
            seen.sort_unstable();
            seen.dedup();
            for c in seen {
                *df.entry(c).or_default() += 1;
            }
        }
        let weight = df
            .into_iter()
            .map(|(c, n)| (c, ((named + 1) as f64 / n as f64).ln()))
            .collect();
        Matters {
            of,
            weight,
            same: f64::from(same),
            near: f64::from(near),
        }
    }

    /// Whether document `d`'s title names a matter.
    #[cfg(test)]
    pub(crate) fn named(&self, d: usize) -> bool {
        self.of.get(d).is_some_and(Option::is_some)
    }

    /// The documents `0..docs` whose titles name one matter, gathered (two documents are in one
    /// set when a chain of titles of one matter links them); a document whose title names none
    /// is a set of its own. Each set in order, the sets by their first document.
    pub(crate) fn sets(&self, docs: usize) -> Vec<Vec<usize>> {
        // Each distinct matter once, with the documents naming it.
        let mut distinct: Vec<(&[char], Vec<usize>)> = Vec::new();
        let mut at: HashMap<&[char], usize> = HashMap::new();
        let mut sets: Vec<Vec<usize>> = Vec::new();
        for d in 0..docs {
            match self.of.get(d).and_then(Option::as_deref) {
                Some(m) => {
                    let i = *at.entry(m).or_insert_with(|| {
                        distinct.push((m, Vec::new()));
                        distinct.len() - 1
                    });
                    distinct[i].1.push(d);
                }
                None => sets.push(vec![d]),
            }
        }
        let mut root: Vec<usize> = (0..distinct.len()).collect();
        fn find(root: &mut [usize], mut x: usize) -> usize {
            while root[x] != x {
                root[x] = root[root[x]];
                x = root[x];
            }
            x
        }
        for i in 0..distinct.len() {
            for j in i + 1..distinct.len() {
                if self.verdict(distinct[i].0, distinct[j].0) == Verdict::One {
                    let (a, b) = (find(&mut root, i), find(&mut root, j));
                    root[a.max(b)] = a.min(b);
                }
            }
        }
        let mut joined: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, (_, ds)) in distinct.iter().enumerate() {
            let r = find(&mut root, i);
            joined.entry(r).or_default().extend(ds);
        }
        sets.extend(joined.into_values());
        for s in &mut sets {
            s.sort_unstable();
        }
        sets.sort_by_key(|s| s[0]);
        sets
    }

    /// How the matters of documents `a` and `b`'s titles stand; `None` when either names none.
    pub(crate) fn between(&self, a: usize, b: usize) -> Option<Verdict> {
        match (
            self.of.get(a).and_then(Option::as_deref),
            self.of.get(b).and_then(Option::as_deref),
        ) {
            (Some(x), Some(y)) => Some(self.verdict(x, y)),
            _ => None,
        }
    }

    /// Whether the titles of documents `a` and `b` name different matters (both name one, and
    /// they are neither one nor near).
    #[cfg(test)]
    pub(crate) fn different(&self, a: usize, b: usize) -> bool {
        self.between(a, b) == Some(Verdict::Different)
    }

    /// How matters `x` and `y` stand: one (equal, the shorter inside the longer and half of it at
    /// least, or a weighted overlap of `same`); near (the longer is the shorter with one run
    /// written inside it, both parts of the shorter two characters at least: 历史文化名城 +
    /// 名镇名村 + 保护; or a weighted overlap of `near`); else different.
    pub(crate) fn verdict(&self, x: &[char], y: &[char]) -> Verdict {
        let dice = self.overlap(x, y);
        if self.one_matter(x, y, dice) {
            Verdict::One
        } else if contained(x, y).is_some() {
            // Written inside, and not one: another matter (煤矿安全生产, 安全生产许可证).
            Verdict::Different
        } else if inserted(x, y) || dice.is_some_and(|d| d >= self.near) {
            Verdict::Near
        } else {
            Verdict::Different
        }
    }

    fn one_matter(&self, x: &[char], y: &[char], dice: Option<f64>) -> bool {
        if x == y {
            return true;
        }
        match contained(x, y) {
            // A run before the matter narrows it and keeps it (城市养犬管理, 集中供热, 煤矿安全生产):
            // the titles alone do not tell a field of its own (煤矿) from a qualifier (集中), and
            // reading such runs as fields split three families of the tests' corpora.
            Some(Added::Narrowed) => true,
            // The head changes (安全生产 → 安全生产许可证): another matter, whatever the overlap.
            Some(Added::Head) => false,
            None => dice.is_some_and(|d| d >= self.same),
        }
    }

    /// The weighted overlap (Dice) of two matters' characters, each weighed by its rarity among
    /// the corpus's matters; `None` when they share fewer than two characters (one character in
    /// common is never enough) or weigh nothing.
    fn overlap(&self, x: &[char], y: &[char]) -> Option<f64> {
        let mut left: HashMap<char, usize> = HashMap::new();
        for &c in x {
            *left.entry(c).or_default() += 1;
        }
        let (mut common, mut shared) = (0usize, 0.0f64);
        for &c in y {
            if let Some(n) = left.get_mut(&c).filter(|n| **n > 0) {
                *n -= 1;
                common += 1;
                shared += self.w(c);
            }
        }
        let total: f64 = x.iter().chain(y).map(|&c| self.w(c)).sum();
        (common >= 2 && total > 0.0).then(|| 2.0 * shared / total)
    }

    fn w(&self, c: char) -> f64 {
        self.weight.get(&c).copied().unwrap_or(0.0)
    }
}

/// What the longer of two matters adds to the shorter written inside it ([`contained`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Added {
    /// A run before it, and acts of administration after it at most (城市养犬管理, 安全生产监督管理,
    /// 煤矿安全生产, 集中供热, 黄河三角洲国家级自然保护区): the matter narrowed, the same matter.
    Narrowed,
    /// A word of its own after it (安全生产许可证, 道路交通安全设施管理): the longer's head is that
    /// word, another matter.
    Head,
}

/// Acts of administration a matter's name may end with and stay the matter (管理 of 养犬管理,
/// 监督管理 of 安全生产监督管理, 服务 of 养老服务, 运动 of 开展全民义务植树运动), the words joining them (与, 和, 及, a closing 的), and 法 of a
/// law on the matter (道路交通安全法 of the rules implementing it).
const ACTS: [&str; 21] = [
    "管理", "监督", "监察", "监管", "监测", "保护", "保障", "促进", "发展", "防治", "利用", "服务",
    "工作", "实施", "运动", "活动", "法", "的", "与", "和", "及",
];

/// Levels a named instance of a matter is given (小秦岭国家级自然保护区, 某某省级风景名胜区).
const LEVELS: [&str; 4] = ["国家级", "省级", "市级", "县级"];

/// Whether `run` ends with a level (`LEVELS`): the name of one place of the matter and its rank
/// (黄河三角洲国家级 of 黄河三角洲国家级自然保护区), which narrows the matter to one instance of
/// it, not to a field of its own.
fn ends_with_level(run: &[char]) -> bool {
    LEVELS.iter().any(|l| {
        let l: Vec<char> = l.chars().collect();
        run.len() > l.len() && run.ends_with(&l)
    })
}

/// Whether `run` is made of `words` alone, read from its front.
fn made_of(run: &[char], words: &[&str]) -> bool {
    let mut rest = run;
    while !rest.is_empty() {
        let Some(n) = words
            .iter()
            .map(|w| w.chars().collect::<Vec<char>>())
            .filter(|w| rest.starts_with(w))
            .map(|w| w.len())
            .max()
        else {
            return false;
        };
        rest = &rest[n..];
    }
    true
}

/// How the longer of `x` and `y` stands to the shorter when the shorter (two characters at
/// least) is written inside it and is half of it at least (养犬管理 / 城市养犬管理), or is a named
/// instance of it by its rank (`LEVELS`); `None` when it is not. Chinese names put their head
/// last: a run after the shorter that is no act of administration (许可证 of 安全生产许可证)
/// names another thing; a run before it narrows the matter (城市, 集中, 煤矿).
fn contained(x: &[char], y: &[char]) -> Option<Added> {
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    if short.len() < 2 || short.len() == long.len() {
        return None;
    }
    let at = long.windows(short.len()).position(|w| w == short)?;
    let (before, after) = (&long[..at], &long[at + short.len()..]);
    // A named instance of the matter (黄河三角洲国家级自然保护区) is the matter however long its
    // name; anything else added must leave the shorter half of the longer.
    let instance = ends_with_level(before) && made_of(after, &ACTS);
    if 2 * short.len() < long.len() && !instance {
        return None;
    }
    if !made_of(after, &ACTS) {
        Some(Added::Head)
    } else {
        Some(Added::Narrowed)
    }
}

/// Whether the longer of `x` and `y` is the shorter with one run written inside it, both parts
/// of the shorter two characters at least (历史文化名城保护 → 历史文化名城名镇名村保护,
/// 机动车排气污染防治 → 机动车和非道路移动机械排气污染防治): the longer names the shorter's matter
/// and more. A run added at either end is containment, read by the test of one matter.
fn inserted(x: &[char], y: &[char]) -> bool {
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    if short.len() == long.len() {
        return false;
    }
    (2..=short.len().saturating_sub(2))
        .any(|i| long.starts_with(&short[..i]) && long.ends_with(&short[i..]))
}

/// What a user calls a kind of documents: the matter most of their titles name (the shortest
/// of those most named), with the kind of instrument every such title ends in when they agree
/// (养犬管理 of 菏泽市养犬管理条例 and 郑州市城市养犬管理条例 → 养犬管理条例, 人民政府工作规则);
/// when no matter is named by two documents, for up to three documents the run their matters
/// share ([`shared_run`]) or else the first document's id (never a list of ids, which names no
/// matter and cannot be typed into `guize compare`), for more (the documents of no kind
/// together) [`NO_SHARED_MATTER`].
pub(crate) fn kind_name(docs: &[&Regulation]) -> String {
    let places = |d: &Regulation| [d.meta.city.clone(), d.meta.district.clone()];
    // An amendment decision quotes the matter of what it amends, and names no kind by it.
    let named: Vec<(String, &Regulation)> = docs
        .iter()
        .filter(|d| crate::text::name::amends(&d.meta.title).is_none())
        .filter_map(|d| matter(&d.meta.title, &places(d)).map(|m| (m, *d)))
        .collect();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for (m, _) in &named {
        *count.entry(m.as_str()).or_default() += 1;
    }
    let best = count
        .iter()
        .max_by(|(a, x), (b, y)| {
            x.cmp(y)
                .then_with(|| b.chars().count().cmp(&a.chars().count()))
        })
        .map(|(m, n)| (m.to_string(), *n));
    match best {
        Some((m, n)) if n >= 2 || docs.len() == 1 => {
            let ends: Vec<Option<&str>> = named
                .iter()
                .filter(|(x, _)| *x == m)
                .map(|(_, d)| {
                    let t = without_marks(&without_brackets(&d.meta.title));
                    NAME_ENDS
                        .iter()
                        .filter(|e| t.ends_with(**e))
                        .max_by_key(|e| e.len())
                        .copied()
                })
                .collect();
            match ends.first() {
                // A matter that is a law's name (刑法, 水法 of the rules implementing it) is the
                // kind's name as it stands.
                Some(Some(end)) if ends.iter().all(|e| e == &Some(*end)) && !m.ends_with('法') => {
                    format!("{m}{end}")
                }
                _ => m,
            }
        }
        _ if docs.len() > IDS_IN_A_NAME => NO_SHARED_MATTER.to_string(),
        _ => shared_run(&named, docs.len())
            .or_else(|| docs.first().map(|d| d.id.as_str().to_string()))
            .unwrap_or_default(),
    }
}

/// The run of characters every document's matter holds (`named`, of `docs` documents), when
/// each names one: the longest, without the acts of administration at its end (管理 of
/// 安全监督管理 names no matter), at least half of every matter and the start of one of them
/// (上海市建设工程质量和安全管理条例 and 浙江省交通建设工程质量和安全生产管理条例 →
/// 建设工程质量和安全; 城市管理 and 城市市容管理 share no such run, nor 养马岛生态环境保护 and
/// 芝罘岛生态环境保护, whose 岛生态环境 begins inside a name).
fn shared_run(named: &[(String, &Regulation)], docs: usize) -> Option<String> {
    if named.len() != docs || docs < 2 {
        return None;
    }
    let matters: Vec<Vec<char>> = named.iter().map(|(m, _)| m.chars().collect()).collect();
    let first = matters.first()?;
    let mut best: Option<&[char]> = None;
    for len in (2..=first.len()).rev() {
        for run in first.windows(len) {
            if matters.iter().all(|m| m.windows(len).any(|w| w == run)) {
                best = Some(run);
                break;
            }
        }
        if best.is_some() {
            break;
        }
    }
    let mut run = best?;
    while let Some(n) = ACTS
        .iter()
        .map(|a| a.chars().collect::<Vec<char>>())
        .filter(|a| run.ends_with(a))
        .map(|a| a.len())
        .max()
    {
        run = &run[..run.len() - n];
    }
    // Half of every matter at least, unless one document names the run as its whole matter
    // (自然保护区条例 beside 黄河三角洲国家级自然保护区条例: the run is a matter's name).
    (run.len() >= 2
        && (matters.iter().all(|m| 2 * run.len() >= m.len()) || matters.iter().any(|m| m == run))
        && matters.iter().any(|m| m.starts_with(run)))
    .then(|| run.iter().collect())
}

/// The most documents of no shared matter a kind's name lists: more are [`NO_SHARED_MATTER`].
const IDS_IN_A_NAME: usize = 3;

/// The name of a kind of more than three documents whose titles share no matter: one word, so
/// that `guize compare 其他 施行日期` can name it as any other kind.
pub(crate) const NO_SHARED_MATTER: &str = "其他";

/// What qualifies the kind of instrument (实施办法, 若干规定, 暂行条例, 试行办法).
const QUALIFIERS: [&str; 4] = ["实施", "若干", "暂行", "试行"];

/// The matter `title` names (module doc), or `None` when it names none. `places` are the city
/// and district a manifest gives (empty when unknown). A title the loader took from the file's
/// name (a file without a title line) counts as any title does: `北京市全民健身条例.md` names
/// 全民健身 as its heading would, and a name that reads as no regulation's (`lixia`, `draft`)
/// names none.
pub fn matter(title: &str, places: &[impl AsRef<str>]) -> Option<String> {
    if title.is_empty() {
        return None;
    }
    let mut t = without_brackets(title);
    if let Some(quoted) = quoted(&t) {
        t = quoted;
    }
    // The marks first: an amendment's title (中华人民共和国刑法修正案（三）) names its law's
    // matter, though it ends as no regulation's name does.
    for mark in crate::text::name::EDITION_MARKS {
        t = t.replace(mark, "");
    }
    if !names_a_regulation(&t) {
        return None;
    }
    for place in places
        .iter()
        .map(AsRef::as_ref)
        .filter(|p| p.chars().count() >= 2)
    {
        if let Some(rest) = t.strip_prefix(place) {
            t = rest.to_string();
        }
    }
    if let Some(end) = NAME_ENDS
        .iter()
        .filter(|e| t.ends_with(**e))
        .max_by_key(|e| e.len())
    {
        // A matter of one character keeps its instrument's name: 中华人民共和国刑法 names 刑法
        // (and 青岛市实施《中华人民共和国水法》若干规定 水法), not 刑 under the country's name.
        let named = places_at_front(&t).1.chars().count();
        if named >= end.chars().count() + 2 {
            t.truncate(t.len() - end.len());
        }
    }
    let t = without_qualifiers(t);
    let mut t = without_place(&t).to_string();
    if let Some(at) = t.find("关于") {
        t = without_place(&t[at + "关于".len()..]).to_string();
    }
    let t = without_qualifiers(t);
    (!t.is_empty()).then_some(t)
}

/// `t` without what qualifies the kind of instrument at either end (实施, 若干 …) and a closing
/// 的, each leaving two characters at least.
fn without_qualifiers(mut t: String) -> String {
    loop {
        let before = t.len();
        if let Some(rest) = t.strip_suffix('的') {
            t = rest.to_string();
        }
        for q in QUALIFIERS {
            if t.chars().count() >= q.chars().count() + 2 {
                if let Some(rest) = t.strip_suffix(q) {
                    t = rest.to_string();
                } else if let Some(rest) = t.strip_prefix(q) {
                    t = rest.to_string();
                }
            }
        }
        if t.len() == before {
            return t;
        }
    }
}

/// `t` without the marks of a draft or an amendment (刑法修正案 → 刑法).
fn without_marks(t: &str) -> String {
    crate::text::name::EDITION_MARKS
        .iter()
        .fold(t.to_string(), |t, mark| t.replace(mark, ""))
}

/// The name a title quotes, when it quotes one that names a regulation: a title implementing a
/// law (北京市实施《中华人民共和国野生动物保护法》办法) names the law's matter.
fn quoted(t: &str) -> Option<String> {
    let open = t.find('《')?;
    let inner = &t[open + '《'.len_utf8()..];
    let close = inner.find('》')?;
    let name = &inner[..close];
    names_a_regulation(name).then(|| name.to_string())
}

/// `t` without the places at its front: the shortest place of the highest level first, then
/// places of lower levels after it, each leaving two characters at least.
fn without_place(t: &str) -> &str {
    places_at_front(t).1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A town is a place as a placeholder (某镇) or after a county; 城镇, 小城镇, 村镇 and 名镇 stay
    /// words of the matter.
    #[test]
    fn a_town_is_a_place_and_town_words_are_not() {
        let m = |t: &str| matter(t, &[""]);
        assert_eq!(m("某镇殡葬管理规定").as_deref(), Some("殡葬管理"));
        assert_eq!(m("某县殡葬管理规定").as_deref(), Some("殡葬管理"));
        assert_eq!(m("萧县黄口镇殡葬管理规定").as_deref(), Some("殡葬管理"));
        assert_eq!(
            m("滨州市城镇容貌和环境卫生管理条例").as_deref(),
            Some("城镇容貌和环境卫生管理")
        );
        assert_eq!(m("某县小城镇建设条例").as_deref(), Some("小城镇建设"));
        assert_eq!(m("重庆市村镇供水条例").as_deref(), Some("村镇供水"));
        assert_eq!(
            m("酉阳土家族苗族自治县城镇管理条例").as_deref(),
            Some("城镇管理")
        );
        assert_eq!(
            m("上海市区县和乡镇人民代表大会代表直接选举实施细则")
                .as_deref()
                .map(|t| t.contains("乡镇")),
            Some(true)
        );
    }

    /// The city a title names, and none where the place's end begins a word.
    #[test]
    fn a_title_names_its_matter_without_place_date_or_kind() {
        let m = |t: &str| matter(t, &[""]);
        assert_eq!(m("北京市城市供水条例").as_deref(), Some("城市供水"));
        assert_eq!(
            m("济南市历下区人民政府工作规则").as_deref(),
            Some("人民政府工作")
        );
        assert_eq!(
            m("济南市市中区人民政府工作规则").as_deref(),
            Some("人民政府工作")
        );
        assert_eq!(m("汕头经济特区消防条例").as_deref(), Some("消防"));
        assert_eq!(m("浙江省消防条例（2021年修订）").as_deref(), Some("消防"));
        assert_eq!(
            m("北京市优化营商环境条例(2024-11-29)").as_deref(),
            Some("优化营商环境")
        );
        assert_eq!(m("山东省济南市城市供水条例").as_deref(), Some("城市供水"));
        assert_eq!(m("景宁畲族自治县城市管理条例").as_deref(), Some("城市管理"));
        assert_eq!(m("广东省人力资源市场条例").as_deref(), Some("人力资源市场"));
        assert_eq!(m("济南市市政设施管理条例").as_deref(), Some("市政设施管理"));
        assert_eq!(m("安阳市政务服务条例").as_deref(), Some("政务服务"));
        assert_eq!(m("青岛市民用建筑节能条例").as_deref(), Some("民用建筑节能"));
        assert_eq!(m("中华人民共和国消防法").as_deref(), Some("消防"));
        assert_eq!(m("教育督导条例").as_deref(), Some("教育督导"));
        assert_eq!(m("城市供水条例").as_deref(), Some("城市供水"));
        assert_eq!(
            m("北京市实施《中华人民共和国野生动物保护法》办法").as_deref(),
            Some("野生动物保护")
        );
        assert_eq!(m("上海市住宅物业管理规定").as_deref(), Some("住宅物业管理"));
        assert_eq!(m("潍坊市供热条例（草案）").as_deref(), Some("供热"));
        // An amendment names its law's matter, numbered or not.
        assert_eq!(m("中华人民共和国消防法修正案").as_deref(), Some("消防"));
        for t in [
            "中华人民共和国刑法",
            "中华人民共和国刑法修正案",
            "中华人民共和国刑法修正案（三）",
            "中华人民共和国刑法修正案（十一）",
        ] {
            assert_eq!(m(t).as_deref(), Some("刑法"), "{t}");
        }
        assert_eq!(
            m("青岛市实施《中华人民共和国水法》若干规定").as_deref(),
            Some("水法")
        );
        // A placeholder place (甲市, 乙县, 某区) is a place.
        assert_eq!(m("甲市河道管理条例").as_deref(), Some("河道管理"));
        assert_eq!(m("丙市河道管理条例").as_deref(), Some("河道管理"));
        assert_eq!(m("某省某市养犬管理条例").as_deref(), Some("养犬管理"));
        assert_eq!(m("乙县城市绿化条例").as_deref(), Some("城市绿化"));
        // No regulation's name: no matter.
        assert_eq!(m("关于印发工作规则的通知的附件"), None);
        assert_eq!(m("第一批会议纪要"), None);
        assert_eq!(matter("lixia", &[""]), None);
        assert_eq!(matter("", &[""]), None);
        // The manifest's city and district are a place too.
        assert_eq!(
            matter("周村区人民政府工作规则", &["淄博市", "周村区"]).as_deref(),
            Some("人民政府工作")
        );
    }

    fn matters(titles: &[&str]) -> Matters {
        Matters::of_matters(
            titles.iter().map(|t| matter(t, &[""])).collect(),
            0.75,
            0.75,
        )
    }

    #[test]
    fn titles_of_one_matter_and_of_neighbouring_ones() {
        let titles = [
            "青岛市养犬管理条例",
            "郑州市城市养犬管理条例",
            "济南市城市供水条例",
            "温州市城市绿化条例",
            "杭州市燃气管理条例",
            "北京市控制吸烟条例",
            "上海市公共场所控制吸烟条例",
            "重庆市燃放烟花爆竹管理条例",
            "泰安市烟花爆竹燃放管理条例",
            "山东省大气污染防治条例",
            "济南市水污染防治条例",
            "上海市消防条例",
            "汕头经济特区消防条例",
            "notes",
            "菏泽市城市供水条例（2020年修正）",
        ];
        let m = matters(&titles);
        let sets = m.sets(titles.len());
        let want: Vec<Vec<usize>> = vec![
            vec![0, 1],
            vec![2, 14],
            vec![3],
            vec![4],
            vec![5, 6],
            vec![7, 8],
            vec![9],
            vec![10],
            vec![11, 12],
            vec![13],
        ];
        assert_eq!(sets, want);
        assert!(!m.named(13) && m.named(12));
    }

    /// Titles whose matters are neither one nor plainly different: the longer is the shorter
    /// with one run written inside it. They start as sets of their own (the shares decide), but
    /// are not different; a run at an end, or a part of one character, is no such run.
    #[test]
    fn a_matter_with_a_run_written_inside_is_near_not_one() {
        let titles = [
            "济南市历史文化名城保护条例",
            "聊城市历史文化名城名镇名村保护条例",
            "洛阳市历史文化名城保护条例",
            "宁波市历史文化名城名镇名村保护条例",
            "济南市机动车排气污染防治条例",
            "山东省机动车和非道路移动机械排气污染防治条例",
            "山东省大气污染防治条例",
            "济南市水污染防治条例",
            "notes",
        ];
        let m = matters(&titles);
        assert_eq!(
            m.sets(titles.len()),
            vec![
                vec![0, 2],
                vec![1, 3],
                vec![4],
                vec![5],
                vec![6],
                vec![7],
                vec![8]
            ]
        );
        let c = |t: &str| t.chars().collect::<Vec<_>>();
        let v = |x: &str, y: &str| m.verdict(&c(x), &c(y));
        assert_eq!(
            v("历史文化名城保护", "历史文化名城名镇名村保护"),
            Verdict::Near
        );
        assert_eq!(
            v("机动车排气污染防治", "机动车和非道路移动机械排气污染防治"),
            Verdict::Near
        );
        assert_eq!(v("历史文化名城保护", "历史文化名城保护"), Verdict::One);
        assert_eq!(v("大气污染防治", "水污染防治"), Verdict::Different);
        // A part of one character is no part: 水 + 土保持 … is not 水 + 污染防治.
        assert!(!inserted(&c("水保护"), &c("水土保护")));
        assert!(!inserted(&c("养犬管理"), &c("城市养犬管理")));
        assert!(m.different(0, 6) && !m.different(0, 1) && !m.different(0, 8));
        assert!(!m.different(4, 5) && m.different(6, 7));
    }

    /// A matter written inside a longer one: a kind of place before it or acts after it keep it
    /// one matter; a word of its own after it is another matter's head; a field before it makes
    /// another matter unless their weighted overlap makes them one.
    #[test]
    fn what_a_longer_matter_adds_decides_whether_it_is_the_same() {
        let titles = [
            "山东省安全生产条例",
            "安全生产许可证条例",
            "煤矿安全生产条例",
            "杭州市安全生产监督管理条例",
            "上海市消防条例",
            "浙江省森林消防条例",
            "郑州市城市养犬管理条例",
            "青岛市养犬管理条例",
            "信阳市城市道路交通安全设施管理条例",
            "济南市道路交通安全条例",
            "中华人民共和国道路交通安全法实施条例",
        ];
        let m = matters(&titles);
        let c = |t: &str| t.chars().collect::<Vec<_>>();
        let v = |x: &str, y: &str| m.verdict(&c(x), &c(y));
        assert_eq!(v("安全生产", "安全生产许可证"), Verdict::Different);
        assert_eq!(v("安全生产", "煤矿安全生产"), Verdict::One);
        assert_eq!(v("安全生产", "安全生产监督管理"), Verdict::One);
        assert_eq!(v("消防", "森林消防"), Verdict::One);
        assert_eq!(v("供热", "集中供热"), Verdict::One);
        assert_eq!(v("义务植树", "全民义务植树"), Verdict::One);
        assert_eq!(v("全民义务植树", "开展全民义务植树运动"), Verdict::One);
        assert_eq!(v("养犬管理", "城市养犬管理"), Verdict::One);
        assert_eq!(v("物业管理", "住宅物业管理"), Verdict::One);
        assert_eq!(v("养老服务", "居民养老服务保障"), Verdict::One);
        // A named instance of the matter, by its rank: the matter's, not a field's.
        assert_eq!(v("自然保护区", "小秦岭国家级自然保护区"), Verdict::One);
        assert_eq!(v("自然保护区", "黄河三角洲国家级自然保护区"), Verdict::One);
        assert_eq!(v("道路交通安全", "道路交通安全法"), Verdict::One);
        assert_eq!(
            v("道路交通安全", "城市道路交通安全设施管理"),
            Verdict::Different
        );
        assert_eq!(
            m.sets(titles.len()),
            vec![
                vec![0, 2, 3],
                vec![1],
                vec![4, 5],
                vec![6, 7],
                vec![8],
                vec![9, 10]
            ]
        );
    }

    /// Documents titled `titles`, ids `d0`, `d1` …, no place given.
    fn titled(titles: &[&str]) -> Vec<Regulation> {
        titles
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut d = crate::align::tests::doc(&format!("d{i}"), &["第一条 本条例。"]);
                d.meta.title = t.to_string();
                d
            })
            .collect()
    }

    #[test]
    fn a_kind_is_named_by_its_titles_matter_and_instrument_else_its_documents() {
        let name = |titles: &[&str]| {
            let docs = titled(titles);
            kind_name(&docs.iter().collect::<Vec<_>>())
        };
        assert_eq!(
            name(&[
                "菏泽市养犬管理条例",
                "嘉兴市养犬管理条例",
                "郑州市城市养犬管理条例（2022年修正）",
            ]),
            "养犬管理条例"
        );
        assert_eq!(
            name(&["济南市历下区人民政府工作规则", "周村区人民政府工作规则"]),
            "人民政府工作规则"
        );
        // One matter, instruments that differ: the matter alone.
        assert_eq!(
            name(&[
                "北京市城市供水条例",
                "上海市城市供水管理办法",
                "济南市城市供水条例"
            ]),
            "城市供水条例"
        );
        assert_eq!(
            name(&["北京市城市供水办法", "济南市城市供水条例"]),
            "城市供水"
        );
        // A law and its amendments: the law's name, never 其他.
        assert_eq!(
            name(&[
                "中华人民共和国刑法",
                "中华人民共和国刑法修正案",
                "中华人民共和国刑法修正案（七）",
                "中华人民共和国刑法修正案（十二）",
                "中华人民共和国刑法修正案（四）",
            ]),
            "刑法"
        );
        // A matter of one character keeps its instrument's name once: 水法, not 中华人民共和国水规定.
        assert_eq!(
            name(&[
                "青岛市实施《中华人民共和国水法》若干规定",
                "青岛市实施《中华人民共和国水法》若干规定（2017-12-01）",
            ]),
            "水法"
        );
        // Placeholder places (甲市, 乙市 of a model text): the matter, not the ids.
        assert_eq!(
            name(&["甲市河道管理条例", "乙市河道管理条例", "丙市河道管理条例"]),
            "河道管理条例"
        );
        // No matter named twice: the run the matters share, else the first document.
        assert_eq!(name(&["上海市消防条例", "济南市水污染防治条例"]), "d0");
        assert_eq!(name(&["notes", "d1"]), "d0");
        assert_eq!(
            name(&[
                "上海市建设工程质量和安全管理条例",
                "浙江省交通建设工程质量和安全生产管理条例",
            ]),
            "建设工程质量和安全"
        );
        assert_eq!(
            name(&["日照市城市管理条例", "济南市城市市容管理条例"]),
            "d0"
        );
        assert_eq!(
            name(&["民用核安全设备监督管理条例", "民用核设施安全监督管理条例"]),
            "d0"
        );
        assert_eq!(
            name(&[
                "烟台市养马岛生态环境保护条例",
                "烟台市芝罘岛生态环境保护条例"
            ]),
            "d0"
        );
        // Many documents of no shared matter: one word, not a line of ids.
        assert_eq!(
            name(&["上海市消防条例", "济南市水污染防治条例", "notes", "统计法"]),
            NO_SHARED_MATTER
        );
    }
}
