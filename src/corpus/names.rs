//! How a name a user types picks a document: one rule for every command on a loaded corpus, for
//! the index's `--doc` filter and for `guize serve`, and one list of the closest names when a
//! name picks nothing. Pure; takes documents by their names ([`Named`]).

use crate::model::Regulation;
use crate::suggest;

/// What a user may call a document.
#[derive(Debug, Clone, Copy)]
pub struct DocNames<'a> {
    /// The document's id (`lixia`, `DLC/山东/x`).
    pub id: &'a str,
    /// Its aliases from the manifest (历下, 历下区).
    pub aliases: &'a [String],
    /// Its district, or empty.
    pub district: &'a str,
    /// Its title, or empty.
    pub title: &'a str,
    /// The name shown when another document has the same title or district
    /// (北京市优化营商环境条例 (2020-03-27)), or empty.
    pub distinct: &'a str,
}

/// A document as the lookup sees it: by its names.
pub trait Named {
    /// The document's names.
    fn names(&self) -> DocNames<'_>;
}

impl Named for Regulation {
    fn names(&self) -> DocNames<'_> {
        DocNames {
            id: self.id.as_str(),
            aliases: &self.meta.aliases,
            district: &self.meta.district,
            title: &self.meta.title,
            distinct: &self.meta.distinct_name,
        }
    }
}

/// Why a name picks no document.
#[derive(Debug, PartialEq, Eq)]
pub enum Miss<'d, T> {
    /// Nothing is called that.
    Unknown,
    /// Several documents are called that (two editions of one title, or a short name that
    /// starts the names of several): the candidates, in corpus order.
    Ambiguous(Vec<&'d T>),
}

/// The document `query` names: its id, else an alias (ids win: the loader drops an alias that
/// is another document's id), else the one document whose id matches ignoring ASCII case, whose
/// id ends in `/query` (`DLC/山东/x` → `x`), or whose district or title is `query`, else the one
/// document one of whose names starts with `query` (`台州` for `台州市城市市容和环境卫生管理条例(…)`).
/// `None` when nothing matches, or more than one document matches one of those last ways
/// ([`resolve`] tells the two apart).
pub fn find<'d, T: Named>(docs: &'d [T], query: &str) -> Option<&'d T> {
    resolve(docs, query).ok()
}

/// The one lookup of a typed document name, for every command and request that takes one
/// (`show`, `compare`, `search --doc`, `precedent --doc/--exclude-doc`, the web app): the
/// document, else `Error::AmbiguousDoc` listing the candidates when the name fits several, else
/// `Error::UnknownDoc` listing the closest names.
pub fn lookup<'d, T: Named>(docs: &'d [T], query: &str) -> crate::Result<&'d T> {
    let query = crate::text::fold::drop_invisible(query);
    let query = query.as_ref();
    resolve(docs, query).map_err(|miss| match miss {
        Miss::Ambiguous(hits) => crate::Error::AmbiguousDoc {
            query: crate::error::echoed(query.trim()),
            candidates: candidate_list(&hits, 10),
        },
        Miss::Unknown => crate::Error::UnknownDoc {
            query: crate::error::echoed(query),
            known: closest_list(docs, query.trim(), 10),
        },
    })
}

/// The ids of the documents `names` name ([`lookup`] each), so that a filter built from them
/// names each document exactly; an empty list stays empty (all documents).
pub fn ids<T: Named>(docs: &[T], names: &[String]) -> crate::Result<Vec<String>> {
    names
        .iter()
        .map(|n| lookup(docs, n).map(|d| d.names().id.to_string()))
        .collect()
}

/// [`find`], saying why a name picks nothing: no document is called that, or several are.
/// A file name as the shell completes it names its document too: `临沂市献血条例(2019-02-12).md`,
/// `blood/临沂市献血条例(2019-02-12).md` (the extension and the folders before the id dropped).
/// A name typed in another width or script than it is written in names it too: `宁波市城市绿化条例
/// （2017-12-18）` (a Chinese input method's full-width brackets) names the file
/// `宁波市城市绿化条例(2017-12-18)`, `ｌｉｘｉａ` names `lixia`, `寧波` names `宁波…`; this is tried
/// only when the name as typed picks nothing.
pub fn resolve<'d, T: Named>(docs: &'d [T], query: &str) -> Result<&'d T, Miss<'d, T>> {
    match resolve_as_typed(docs, query) {
        Err(Miss::Unknown) => resolve_folded(docs, query),
        found => found,
    }
}

fn resolve_as_typed<'d, T: Named>(docs: &'d [T], query: &str) -> Result<&'d T, Miss<'d, T>> {
    match resolve_name(docs, query) {
        Err(Miss::Unknown) => file_name_forms(query.trim())
            .iter()
            .map(|alt| resolve_name(docs, alt))
            .find(|r| !matches!(r, Err(Miss::Unknown)))
            .unwrap_or(Err(Miss::Unknown)),
        found => found,
    }
}

/// A name folded for comparing names typed in another width or script: invisible characters
/// dropped, every full-width ASCII form (brackets and colon too) and the ideographic space in
/// half-width, traditional characters simplified, ASCII letters in lower case.
fn folded_name(name: &str) -> String {
    let half: String = crate::text::fold::drop_invisible(name)
        .chars()
        .map(crate::text::fold::fold_width_all)
        .collect();
    crate::text::fold::fold_han(half.trim()).to_ascii_lowercase()
}

/// A document's names folded ([`folded_name`]), for [`resolve_folded`].
struct Folded<'d, T> {
    doc: &'d T,
    id: String,
    aliases: Vec<String>,
    district: String,
    title: String,
    distinct: String,
}

impl<T> Named for Folded<'_, T> {
    fn names(&self) -> DocNames<'_> {
        DocNames {
            id: &self.id,
            aliases: &self.aliases,
            district: &self.district,
            title: &self.title,
            distinct: &self.distinct,
        }
    }
}

/// [`resolve_as_typed`], the one rule, on folded names: the query and every document's names
/// folded alike ([`folded_name`]).
fn resolve_folded<'d, T: Named>(docs: &'d [T], query: &str) -> Result<&'d T, Miss<'d, T>> {
    let q = folded_name(query);
    if q.is_empty() {
        return Err(Miss::Unknown);
    }
    let folded: Vec<Folded<'d, T>> = docs
        .iter()
        .map(|doc| {
            let n = doc.names();
            Folded {
                doc,
                id: folded_name(n.id),
                aliases: n.aliases.iter().map(|a| folded_name(a)).collect(),
                district: folded_name(n.district),
                title: folded_name(n.title),
                distinct: folded_name(n.distinct),
            }
        })
        .collect();
    match resolve_as_typed(&folded, &q) {
        Ok(f) => Ok(f.doc),
        Err(Miss::Unknown) => Err(Miss::Unknown),
        Err(Miss::Ambiguous(hits)) => {
            Err(Miss::Ambiguous(hits.into_iter().map(|f| f.doc).collect()))
        }
    }
}

/// What a typed file path may name, shortest last: the path without its document extension, then
/// without each leading folder in turn (`a/b/x.md` → `a/b/x`, `b/x`, `x`).
fn file_name_forms(query: &str) -> Vec<String> {
    let path = std::path::Path::new(query);
    let stem = match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if crate::extract::Format::of(path).is_some() => {
            &query[..query.len() - ext.len() - 1]
        }
        _ => query,
    };
    let stem = stem.replace('\\', "/");
    let stem = stem.trim_start_matches("./");
    let mut forms = Vec::new();
    if stem != query {
        forms.push(stem.to_string());
    }
    let mut rest = stem;
    while let Some(i) = rest.find('/') {
        rest = &rest[i + 1..];
        if !rest.is_empty() {
            forms.push(rest.to_string());
        }
    }
    forms
}

fn resolve_name<'d, T: Named>(docs: &'d [T], query: &str) -> Result<&'d T, Miss<'d, T>> {
    // A name pasted from a web page may carry a zero-width space (历下\u{200B}).
    let query = crate::text::fold::drop_invisible(query);
    // A control character typed in a name (`--doc "$(printf 'a\nb')"`) is its visible sign in
    // the id (see `discover::doc_id`).
    let signs: String;
    let q = match query.trim() {
        q if q.chars().any(char::is_control) => {
            signs = q.chars().map(super::discover::visible_control).collect();
            signs.as_str()
        }
        q => q,
    };
    if q.is_empty() {
        return Err(Miss::Unknown);
    }
    if let Some(found) = in_full(docs, q) {
        return found;
    }
    let prefixed: Vec<&T> = docs
        .iter()
        .filter(|d| {
            let n = d.names();
            let tail = n.id.rsplit('/').next().unwrap_or(n.id);
            [n.id, tail, n.district, n.title]
                .into_iter()
                .chain(n.aliases.iter().map(String::as_str))
                .any(|name| !name.is_empty() && name.starts_with(q))
        })
        .collect();
    if prefixed.is_empty() {
        Err(Miss::Unknown)
    } else {
        one(prefixed)
    }
}

/// The document one word names in full: its id, an alias, its district, title or told-apart
/// name, not the start of one (`济南` begins three titles and is a word of the texts as well).
/// For reading the names of documents out of words that may be search words too
/// (`guize compare 历下 市中 常务会议`).
pub fn named_in_full<'d, T: Named>(docs: &'d [T], word: &str) -> Option<&'d T> {
    let word = crate::text::fold::drop_invisible(word);
    match in_full(docs, word.trim()) {
        Some(Ok(d)) => Some(d),
        _ => None,
    }
}

/// The lookup by whole names: `None` when no document has `q` as a whole name.
fn in_full<'d, T: Named>(docs: &'d [T], q: &str) -> Option<Result<&'d T, Miss<'d, T>>> {
    if q.is_empty() {
        return None;
    }
    if let Some(d) = docs.iter().find(|d| d.names().id == q) {
        return Some(Ok(d));
    }
    if let Some(d) = docs
        .iter()
        .find(|d| d.names().aliases.iter().any(|a| a == q))
    {
        return Some(Ok(d));
    }
    let exact: Vec<&T> = docs
        .iter()
        .filter(|d| {
            let n = d.names();
            n.id.eq_ignore_ascii_case(q)
                || n.id.rsplit('/').next() == Some(q)
                || n.district == q
                || n.title == q
                || n.distinct == q
        })
        .collect();
    (!exact.is_empty()).then(|| one(exact))
}

/// The one document of `hits`, else all of them as ambiguous.
fn one<T>(hits: Vec<&T>) -> Result<&T, Miss<'_, T>> {
    match hits.as_slice() {
        [d] => Ok(d),
        _ => Err(Miss::Ambiguous(hits)),
    }
}

/// The candidates of an ambiguous name for an error message: `北京市优化营商环境条例(2020-03-27),
/// 北京市优化营商环境条例(2024-11-29)` (ids, with the district when there is one; at most `limit`).
pub fn candidate_list<T: Named>(hits: &[&T], limit: usize) -> String {
    let mut out: Vec<String> = hits.iter().take(limit).map(|d| labelled(*d)).collect();
    if hits.len() > limit {
        out.push(format!("… ({} in all)", hits.len()));
    }
    out.join(", ")
}

/// `id (district)`, or the id alone.
fn labelled<T: Named>(d: &T) -> String {
    let n = d.names();
    if n.district.is_empty() {
        n.id.to_string()
    } else {
        format!("{} ({})", n.id, n.district)
    }
}

/// Gives each document whose shown name (district, else title) another document of `docs` also
/// has a distinct name: the name followed by its date (`date_of`: its text's issue or amendment
/// date, else the date in its id, lawrefbook's `北京市优化营商环境条例(2020-03-27)`), when the dates
/// of those documents differ; else by its id. Two editions of one regulation are then told apart in every
/// heading and table.
pub fn tell_apart(docs: &mut [Regulation]) {
    for d in docs.iter_mut() {
        d.meta.distinct_name.clear();
    }
    let shown: Vec<String> = docs
        .iter()
        .map(|d| d.meta.display_name().to_string())
        .collect();
    for (i, name) in shown.iter().enumerate() {
        let same: Vec<usize> = (0..docs.len()).filter(|&j| &shown[j] == name).collect();
        if same.len() < 2 || same[0] != i {
            continue;
        }
        let dates: Vec<Option<String>> = same.iter().map(|&j| date_of(&docs[j])).collect();
        let distinct_dates = dates.iter().all(Option::is_some)
            && dates
                .iter()
                .enumerate()
                .all(|(a, x)| dates.iter().skip(a + 1).all(|y| x != y));
        for (k, &j) in same.iter().enumerate() {
            let tell = match &dates[k] {
                Some(date) if distinct_dates => date.clone(),
                _ => docs[j].id.to_string(),
            };
            docs[j].meta.distinct_name = format!("{name} ({tell})");
        }
    }
}

/// A document's date: its text's own, the later of its issue date and its latest adoption or
/// amendment record, else the first YYYY-MM-DD (or YYYYMMDD) in its id. The text wins over the
/// file's name, for every document alike: a file named for its first edition
/// (`郑州市物业管理条例(2007-12-14)`) may hold a later one (its header: 2021年…通过).
fn date_of(doc: &Regulation) -> Option<String> {
    let own = doc.meta.issued.iter().chain(&doc.meta.amended).max();
    if let Some(date) = own {
        return Some(date.clone());
    }
    static DATE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = DATE.get_or_init(|| {
        regex::Regex::new(r"(?:^|[^0-9])((?:19|20)[0-9]{2}-?[01][0-9]-?[0-3][0-9])(?:[^0-9]|$)")
            .unwrap_or_else(|e| unreachable!("date pattern: {e}"))
    });
    re.captures(doc.id.as_str())
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
}

/// The documents closest to `query` first, each by the closest of its id and aliases.
pub fn closest<'d, T: Named>(docs: &'d [T], query: &str) -> Vec<&'d T> {
    let best: Vec<&str> = docs
        .iter()
        .map(|d| {
            let n = d.names();
            let names = std::iter::once(n.id).chain(n.aliases.iter().map(String::as_str));
            suggest::rank(query, names).first().copied().unwrap_or(n.id)
        })
        .collect();
    // `rank` keeps the given order among ties and hands back the candidates themselves, so each
    // ranked name is found again by its address.
    let ranked = suggest::rank(query, &best);
    let mut used = vec![false; docs.len()];
    let mut out = Vec::with_capacity(docs.len());
    for name in ranked {
        if let Some(i) = (0..best.len()).find(|&i| !used[i] && std::ptr::eq(best[i], name)) {
            used[i] = true;
            out.push(&docs[i]);
        }
    }
    out
}

/// The `limit` documents closest to `query` for an error message: `zhoucun (周村区), lixia
/// (历下区), … (3422 in all)`.
pub fn closest_list<T: Named>(docs: &[T], query: &str, limit: usize) -> String {
    let mut out: Vec<String> = closest(docs, query)
        .into_iter()
        .take(limit)
        .map(labelled)
        .collect();
    if docs.len() > limit {
        out.push(format!("… ({} in all)", docs.len()));
    }
    if out.is_empty() {
        "none (the corpus is empty)".to_string()
    } else {
        out.join(", ")
    }
}

/// Widest name (in display columns) a table header shows as it is; a longer one is shortened by
/// [`short_names`].
pub const SHORT_WIDTH: usize = 12;

/// Short names for table headers, one per document of `docs` and all different: a name of at
/// most [`SHORT_WIDTH`] columns (`lixia`, `历下区`) as it is, else the place that opens the
/// document's title (`浙江省防震减灾条例(2017-11-30)` → `浙江省`), else the title cut to
/// [`SHORT_WIDTH`] columns with `…`; two alike get their year (`浙江省 2017`), then their position
/// (`浙江省 2017 #2`). `name_of` gives the name a table would otherwise show (the id for `align`,
/// the display name for a report). The full names stay in a key under the table.
pub fn short_names(docs: &[&Regulation], name_of: impl Fn(&Regulation) -> String) -> Vec<String> {
    let mut short: Vec<String> = docs
        .iter()
        .map(|d| {
            let name = name_of(d);
            if crate::text::width::display_width(&name) <= SHORT_WIDTH {
                return name;
            }
            let title = if d.meta.title.is_empty() {
                d.id.as_str()
            } else {
                d.meta.title.as_str()
            };
            title_head(title)
        })
        .collect();
    told_by_place(docs, &mut short);
    let clashes = |short: &[String], i: usize| short.iter().filter(|s| **s == short[i]).count() > 1;
    let with_year: Vec<Option<String>> = (0..docs.len())
        .map(|i| {
            clashes(&short, i).then(|| match date_of(docs[i]) {
                Some(date) => format!("{} {}", short[i], &date[..4.min(date.len())]),
                None => short[i].clone(),
            })
        })
        .collect();
    for (i, y) in with_year.into_iter().enumerate() {
        if let Some(y) = y {
            short[i] = y;
        }
    }
    let before = short.clone();
    for i in 0..short.len() {
        if clashes(&before, i) {
            let nth = before[..=i].iter().filter(|s| **s == before[i]).count();
            short[i] = format!("{} #{nth}", before[i]);
        }
    }
    short
}

/// A title's short name: the place it opens with, else the title without the country's name a
/// national law opens with (`中华人民共和国旅游法` → `旅游法`, not `中华人民共…`), cut to
/// [`SHORT_WIDTH`] when still wider.
fn title_head(title: &str) -> String {
    let title = title
        .strip_prefix(COUNTRY)
        .filter(|rest| !rest.is_empty())
        .unwrap_or(title);
    place_of(title).unwrap_or_else(|| cut(title))
}

/// Heads [`title_head`] could only cut (`乙市献血管…`, `甲市献血管…`: the place of one character
/// before 市 is not taken on its own, as 城市 of 城市绿化条例 is none) made the place where the
/// titles say it is one: a title whose opening `X市` (省, 县) is followed by the same words as
/// another title after another such opening (乙市|献血管理条例 beside 甲市|献血管理条例) is headed
/// by it (`乙市`). A decision or notice `…关于…的决定` of no such title is headed by its issuer's
/// place and its instrument (`甲市人民代表大会常务委员会关于修改《甲市献血管理条例》的决定` →
/// `甲市决定`), the place taken when the issuer opens with it: a place of two characters or more,
/// or the one the title it quotes opens with. Heads not cut are left as they are.
fn told_by_place(docs: &[&Regulation], short: &mut [String]) {
    let titles: Vec<&str> = docs
        .iter()
        .map(|d| {
            if d.meta.title.is_empty() {
                d.id.as_str()
            } else {
                d.meta.title.as_str()
            }
        })
        .collect();
    let split: Vec<Option<(String, &str)>> = titles.iter().map(|t| any_place(t)).collect();
    for (i, head) in short.iter_mut().enumerate() {
        if !head.ends_with('…') {
            continue;
        }
        if let Some((place, rest)) = &split[i] {
            let another = split
                .iter()
                .enumerate()
                .any(|(j, o)| j != i && o.as_ref().is_some_and(|(p, r)| p != place && r == rest));
            if another {
                *head = place.clone();
                continue;
            }
        }
        if let Some(told) = instrument_head(titles[i]) {
            *head = told;
        }
    }
}

/// The place a title opens with, of one character or more before 省, 市 or 县, and the words after
/// it (`乙市献血管理条例` → `乙市`, `献血管理条例`).
fn any_place(title: &str) -> Option<(String, &str)> {
    let (start, _) = title.char_indices().nth(1)?;
    (start..title.len())
        .filter(|&b| title.is_char_boundary(b))
        .take(8)
        .find_map(|b| {
            ["省", "市", "县"]
                .iter()
                .find(|end| title[b..].starts_with(**end))
                .map(|end| (title[..b + end.len()].to_string(), &title[b + end.len()..]))
        })
        .filter(|(_, rest)| !rest.is_empty())
}

/// `甲市决定` for `甲市人民代表大会常务委员会关于修改《甲市献血管理条例》的决定`: the issuer's place
/// (see [`told_by_place`]) and the word after the last 的, of two to four characters.
fn instrument_head(title: &str) -> Option<String> {
    let (issuer, matter) = title.split_once("关于")?;
    let (_, word) = matter.rsplit_once('的')?;
    if !(2..=4).contains(&word.chars().count()) {
        return None;
    }
    let quoted = matter
        .split_once('《')
        .and_then(|(_, q)| any_place(q))
        .map(|(p, _)| p);
    let place = place_of(issuer).or_else(|| {
        any_place(issuer)
            .map(|(p, _)| p)
            .filter(|p| quoted.as_ref() == Some(p))
    })?;
    Some(format!("{place}{word}"))
}

/// The name of the country a national law's title opens with.
const COUNTRY: &str = "中华人民共和国";

/// The place a title opens with: its first 省, 市, 县, 自治区, 自治州 or 特别行政区 after at
/// least two characters and within the first eight (`郑州市城市养犬管理条例` → `郑州市`; not the
/// 市 of `城市绿化条例`).
fn place_of(title: &str) -> Option<String> {
    const ENDS: [&str; 6] = ["特别行政区", "自治区", "自治州", "省", "市", "县"];
    let chars: Vec<char> = title.chars().collect();
    (2..chars.len().min(9)).find_map(|start| {
        let rest: String = chars[start..].iter().collect();
        ENDS.iter()
            .find(|end| rest.starts_with(*end))
            .map(|end| chars[..start].iter().collect::<String>() + end)
    })
}

/// `text` cut to [`SHORT_WIDTH`] display columns, `…` marking the cut.
fn cut(text: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = crate::text::width::char_width(c);
        if width + w > SHORT_WIDTH - 1 {
            out.push('…');
            return out;
        }
        width += w;
        out.push(c);
    }
    out
}

/// The key under a table whose headers are `short` names of `docs`: `浙江省 = 浙江省防震减灾条例(2017-11-30)`
/// for each header that is not the document's `full` name, joined by `; `; `None` when every
/// header is.
pub fn short_key(
    docs: &[&Regulation],
    short: &[String],
    full: impl Fn(&Regulation) -> String,
) -> Option<String> {
    let pairs: Vec<String> = docs
        .iter()
        .zip(short)
        .filter_map(|(d, s)| {
            let full = full(d);
            (*s != full).then(|| format!("{s} = {full}"))
        })
        .collect();
    (!pairs.is_empty()).then(|| pairs.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_headed_by_its_place_or_what_follows_the_country() {
        assert_eq!(title_head("浙江省防震减灾条例"), "浙江省");
        assert_eq!(title_head("中华人民共和国旅游法"), "旅游法");
        assert_eq!(title_head("中华人民共和国野生动物保护法"), "野生动物保…");
        assert_eq!(title_head("中国公民出国旅游管理办法"), "中国公民出…");
        assert_eq!(title_head("中华人民共和国"), "中华人民共…");
    }

    #[test]
    fn a_one_character_place_heads_a_title_when_another_differs_by_it_alone() {
        let doc = |id: &str, title: &str| Regulation {
            id: crate::model::DocId::from(id),
            meta: crate::model::DocMeta {
                title: title.to_string(),
                ..Default::default()
            },
            path: id.into(),
            style: crate::model::ArticleStyle::Articles,
            chapters: Vec::new(),
            articles: Vec::new(),
            warnings: Vec::new(),
            chars: 0,
        };
        let docs = [
            doc("bom-乙市献血管理条例", "乙市献血管理条例"),
            doc("丁市献血管理条例", "丁市献血管理条例"),
            doc(
                "甲市关于修改献血管理条例的决定",
                "甲市人民代表大会常务委员会关于修改《甲市献血管理条例》的决定",
            ),
            doc("城市绿化条例实施细则", "城市绿化条例实施细则"),
        ];
        let refs: Vec<&Regulation> = docs.iter().collect();
        let short = short_names(&refs, |d| d.id.to_string());
        assert_eq!(short, ["乙市", "丁市", "甲市决定", "城市绿化条…"]);
    }

    #[derive(Debug)]
    struct Doc(&'static str, Vec<String>, &'static str, &'static str);

    impl Named for Doc {
        fn names(&self) -> DocNames<'_> {
            DocNames {
                id: self.0,
                aliases: &self.1,
                district: self.2,
                title: self.3,
                distinct: "",
            }
        }
    }

    fn docs() -> Vec<Doc> {
        vec![
            Doc(
                "lixia",
                vec!["历下".into()],
                "历下区",
                "历下区人民政府工作规则",
            ),
            Doc("DLC/a/zhoucun", vec![], "周村区", ""),
            Doc("DLC/b/zhoucun", vec![], "", ""),
            Doc("huancui", vec!["lixia".into()], "", ""),
        ]
    }

    #[test]
    fn ids_then_aliases_then_one_unique_match() {
        let docs = docs();
        let id = |q: &str| find(&docs, q).map(|d| d.0);
        assert_eq!(id("lixia"), Some("lixia"), "an id wins over an alias");
        assert_eq!(id(" 历下 "), Some("lixia"));
        assert_eq!(id("LIXIA"), Some("lixia"));
        assert_eq!(id("历下区"), Some("lixia"));
        assert_eq!(id("历下区人民政府工作规则"), Some("lixia"));
        assert_eq!(id("周村区"), Some("DLC/a/zhoucun"));
        assert_eq!(id("zhoucun"), None, "two ids end in /zhoucun");
        assert_eq!(id(""), None);
    }

    #[test]
    fn a_file_name_names_its_document() {
        let docs = docs();
        let id = |q: &str| find(&docs, q).map(|d| d.0);
        assert_eq!(id("lixia.md"), Some("lixia"));
        assert_eq!(id("corpus/lixia.txt"), Some("lixia"));
        assert_eq!(id("./corpus/lixia.docx"), Some("lixia"));
        assert_eq!(id("/home/u/corpus/DLC/a/zhoucun.md"), Some("DLC/a/zhoucun"));
        assert_eq!(id("lixia.png"), None, "not a document's extension");
        assert_eq!(id("nothing/here.md"), None);
    }

    #[test]
    fn a_prefix_of_one_document_names_it_and_of_several_is_ambiguous() {
        let docs = docs();
        let id = |q: &str| find(&docs, q).map(|d| d.0);
        assert_eq!(id("历下区人民"), Some("lixia"), "a prefix of one title");
        assert_eq!(id("huan"), Some("huancui"), "a prefix of one id");
        assert_eq!(
            id("周村"),
            Some("DLC/a/zhoucun"),
            "a prefix of one district"
        );
        match resolve(&docs, "zhou") {
            Err(Miss::Ambiguous(hits)) => {
                assert_eq!(
                    candidate_list(&hits, 5),
                    "DLC/a/zhoucun (周村区), DLC/b/zhoucun"
                )
            }
            other => panic!("zhou names two documents: {:?}", other.map(|d| d.0)),
        }
        assert!(matches!(resolve(&docs, "zhoucun"), Err(Miss::Ambiguous(_))));
        assert!(matches!(resolve(&docs, "市中"), Err(Miss::Unknown)));
    }

    #[test]
    fn closest_names_each_document_once() {
        let docs = docs();
        let list = closest_list(&docs, "zhoucn", 2);
        assert!(
            list.starts_with("DLC/a/zhoucun (周村区), DLC/b/zhoucun, … (4 in all)"),
            "{list}"
        );
        assert_eq!(closest(&docs, "x").len(), 4);
        assert_eq!(
            closest_list::<Doc>(&[], "x", 3),
            "none (the corpus is empty)"
        );
    }
}
