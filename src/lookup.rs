//! What a user names when asking for a comparison: a clause group id, an article reference
//! (`lixia:39`, `历下：第三十九条`, `历下 39`) or search words. Takes the corpus and its alignment,
//! returns the group, or an error that lists the closest groups and articles. Shared by
//! `guize compare` and `guize serve`; never prints.

use crate::align::{Alignment, Group};
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::index::{Filter, Hit, SearchIndex, SearchReport, rank_articles};
use crate::model::{Article, Regulation};
use crate::report::excerpt;
use crate::text::numeral::parse_article_ref;
use crate::text::numeral::parse_number;
use std::collections::HashMap;

/// The group `what` names directly: a group id, or the group of the article a reference names.
/// `None` when `what` is neither (then it is search words). An error when `what` is a reference
/// to a document or article that does not exist.
pub fn named_group<'a>(
    corpus: &Corpus,
    alignment: &'a Alignment,
    what: &str,
) -> Result<Option<&'a Group>> {
    let what = crate::text::fold::drop_invisible(what);
    let what = what.trim();
    if let Some(g) = alignment.group(what) {
        return Ok(Some(g));
    }
    // A group id typed in capitals is still one; a mistyped one is never search words (which
    // would compare some other group): the closest ids are the answer.
    if looks_like_group_id(what) {
        let lower = what.to_ascii_lowercase();
        if let Some(g) = alignment.group(&lower) {
            return Ok(Some(g));
        }
        let ids: Vec<&str> = alignment.groups.iter().map(|g| g.id.as_str()).collect();
        let closest = crate::suggest::rank(&lower, &ids)
            .into_iter()
            .take(CLOSEST)
            .filter_map(|id| alignment.group(id))
            .map(|g| (g.id.clone(), g.label.clone()))
            .collect();
        return Err(Error::NoGroup {
            id: what.to_string(),
            closest,
        });
    }
    // The start of a group id (g3edd of g3edd27c185), as git takes the start of a commit's:
    // the group when one id starts so, else those that do (or the closest) as the answer.
    if looks_like_group_id_start(what) {
        let lower = what.to_ascii_lowercase();
        let starting: Vec<&Group> = alignment
            .groups
            .iter()
            .filter(|g| g.id.starts_with(&lower))
            .collect();
        if let [one] = starting.as_slice() {
            return Ok(Some(one));
        }
        let ids: Vec<&str> = alignment.groups.iter().map(|g| g.id.as_str()).collect();
        let closest = if starting.is_empty() {
            crate::suggest::rank(&lower, &ids)
                .into_iter()
                .take(CLOSEST)
                .filter_map(|id| alignment.group(id))
                .collect()
        } else {
            starting
        };
        return Err(Error::NoGroup {
            id: what.to_string(),
            closest: closest
                .into_iter()
                .take(CLOSEST)
                .map(|g| (g.id.clone(), g.label.clone()))
                .collect(),
        });
    }
    match named_article(corpus, what)? {
        Some((doc, article)) => group_of_article(alignment, doc, article).map(Some),
        None => match bare_article(what) {
            // `第三十九条` alone: every document may have one, and a search for the words
            // 第三十九条 would pick some group that merely cites it.
            Some(label) => Err(Error::ArticleWithoutDocument {
                query: what.to_string(),
                holders: corpus
                    .docs
                    .iter()
                    .filter_map(|d| d.find_article(&label).ok().map(|a| (d, a)))
                    .map(|(d, a)| format!("{} {}", name_of(d), a.label()))
                    .collect(),
            }),
            None => Ok(None),
        },
    }
}

/// The group a comparison asks for, and how it was found.
pub struct Choice<'a, 'c> {
    /// The group to compare.
    pub group: &'a Group,
    /// The article whose group it is, when search words chose it (`None` for a group id or an
    /// article reference).
    pub matched: Option<(&'c Regulation, &'c Article)>,
    /// The documents the words named (`历下 市中 常务会议` → 历下区, 市中区), in the order given;
    /// the search looked among them only. Empty when the words named none.
    pub named: Vec<&'c Regulation>,
    /// The kind of a corpus of several kinds the words named (`养犬管理条例 施行日期`): the
    /// search looked among its documents only.
    pub kind: Option<usize>,
    /// The search words left once names of documents and kinds are taken out (empty for a
    /// group id or an article reference).
    pub words: String,
    /// A standard type the words ask for (`淄博 施行日期`) that no article of the named documents
    /// has: the group is then that type's among the other documents of their kind, where the
    /// named ones have no column, rather than a passing mention of the words in them.
    pub lacking: Option<&'static str>,
}

/// In a corpus of several kinds, a group chosen by search words alone (no kind, document or
/// `--doc` chose where to look) whose name another kind's group has too: the group's kind and
/// the other kinds, so the user learns how to compare theirs (`guize compare KIND WORDS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namesakes<'a> {
    /// The kind of the group chosen.
    pub kind: &'a str,
    /// How many documents that kind has.
    pub docs: usize,
    /// The other kinds holding a group of that name (or one naming every search word).
    pub others: Vec<&'a str>,
}

/// The [`Namesakes`] of `choice`'s group, `None` when the corpus has one kind, when the words,
/// or documents chosen (`selected`), said where to look, or when no other kind's group shares
/// the name.
pub fn namesakes<'a>(
    alignment: &'a Alignment,
    choice: &Choice<'a, '_>,
    selected: &[&Regulation],
) -> Option<Namesakes<'a>> {
    if choice.matched.is_none()
        || choice.kind.is_some()
        || !choice.named.is_empty()
        || !selected.is_empty()
    {
        return None;
    }
    let group = choice.group;
    let k = alignment.kind_of(group)?;
    let words: Vec<&str> = choice.words.split_whitespace().collect();
    let others: Vec<&str> = alignment
        .kinds
        .iter()
        .enumerate()
        .filter(|&(other, _)| other != k)
        .filter(|&(other, _)| {
            alignment.groups.iter().any(|g| {
                alignment.kind_of(g) == Some(other)
                    && (g.label == group.label || words.iter().all(|w| g.label.contains(w)))
            })
        })
        .map(|(_, kind)| kind.name.as_str())
        .collect();
    (!others.is_empty()).then(|| Namesakes {
        kind: alignment.kinds[k].name.as_str(),
        docs: alignment.kinds[k].docs.len(),
        others,
    })
}

/// The group `what` asks to compare, for `guize compare` and `guize serve` alike: a group id or
/// an article reference ([`named_group`]), else the group of the article `best` finds for the
/// search words. The words may name documents (`历下 市中 常务会议` is 常务会议 in 历下区 and
/// 市中区; the names alone, `历下 市中`, are an error saying what to add) and, in a corpus of
/// several kinds, a kind (`养犬管理条例 施行日期`). `best` gets the words without those names
/// and the documents to look in: the ones the words name, else the `selected` ones (`--doc`) of
/// the kind named, else the kind's, else `selected` (all when empty).
pub fn choose_group<'a, 'c>(
    corpus: &'c Corpus,
    alignment: &'a Alignment,
    what: &str,
    selected: &[&'c Regulation],
    mut best: impl FnMut(&str, &[&'c Regulation]) -> Result<Option<(&'c Regulation, &'c Article)>>,
) -> Result<Choice<'a, 'c>> {
    let chars = what.chars().count();
    if chars > crate::index::MAX_QUERY_CHARS {
        return Err(Error::QueryTooLong {
            size: format!("{chars} characters"),
            max: format!("{} characters", crate::index::MAX_QUERY_CHARS),
        });
    }
    if let Some(group) = named_group(corpus, alignment, what)? {
        return Ok(Choice {
            group,
            matched: None,
            named: Vec::new(),
            kind: None,
            words: String::new(),
            lacking: None,
        });
    }
    let (rest, kind) = kind_named(alignment, what)?;
    let (named, words) = documents_named(corpus, alignment, &rest)?;
    let of_kind = |docs: Vec<&'c Regulation>| -> Vec<&'c Regulation> {
        match kind {
            Some(k) => docs
                .into_iter()
                .filter(|d| alignment.kinds[k].docs.contains(&d.id))
                .collect(),
            None => docs,
        }
    };
    let within = if !named.is_empty() {
        named.clone()
    } else {
        match of_kind(selected.to_vec()) {
            chosen if !chosen.is_empty() => chosen,
            _ => of_kind(corpus.docs.iter().collect()),
        }
    };
    // Every document is no restriction: the search looks everywhere, as with none.
    let within = if within.len() == corpus.docs.len() {
        Vec::new()
    } else {
        within
    };
    // A type none of the named documents has is looked for among the others of their kind.
    let lacking = type_asked(&words).filter(|t| {
        !named.is_empty()
            && !named
                .iter()
                .any(|d| d.articles.iter().any(|a| is_of_type(a, t)))
    });
    let within = match lacking {
        Some(_) => {
            let kinds: Vec<&crate::align::Kind> = alignment
                .kinds
                .iter()
                .filter(|k| named.iter().any(|d| k.docs.contains(&d.id)))
                .collect();
            corpus
                .docs
                .iter()
                .filter(|d| !named.iter().any(|n| n.id == d.id))
                .filter(|d| kinds.is_empty() || kinds.iter().any(|k| k.docs.contains(&d.id)))
                .collect()
        }
        None => within,
    };
    let found = match (lacking, within.is_empty()) {
        // Nothing else of the kind to look in: the named documents' own best match.
        (Some(_), true) => None,
        _ => best(&words, &within)?,
    };
    let (found, lacking) = match (found, lacking) {
        (Some((doc, article)), Some(t)) if is_of_type(article, t) => {
            (Some((doc, article)), lacking)
        }
        (_, Some(_)) => (best(&words, &named)?, None),
        (found, None) => (found, None),
    };
    let Some((doc, article)) = found else {
        return Err(no_match(corpus, alignment, &words));
    };
    let group = group_of_article(alignment, doc, article)?;
    Ok(Choice {
        group,
        matched: Some((doc, article)),
        named,
        kind,
        words,
        lacking,
    })
}

/// The standard type search words ask for by name (`立法目的`, `施行日期`), if any.
pub fn type_asked(words: &str) -> Option<&'static str> {
    let squeezed: String = words.split_whitespace().collect();
    crate::align::kind_names()
        .iter()
        .find(|k| squeezed.contains(k.as_str()))
        .map(String::as_str)
}

/// Whether `article` states the formula of standard type `name`.
fn is_of_type(article: &Article, name: &str) -> bool {
    crate::align::article_kinds(&article.norm)
        .iter()
        .any(|k| k == name)
}

/// `what` without a word that names a kind of a corpus of several kinds (`养犬管理条例 施行日期`),
/// and which kind it names; a kind's name alone is an error that says what to add.
fn kind_named(alignment: &Alignment, what: &str) -> Result<(String, Option<usize>)> {
    if alignment.kinds.len() < 2 {
        return Ok((what.to_string(), None));
    }
    let mut kind = None;
    let mut rest: Vec<&str> = Vec::new();
    for word in what.split_whitespace() {
        match alignment.kinds.iter().position(|k| k.name == word) {
            Some(k) if kind.is_none() => kind = Some(k),
            _ => rest.push(word),
        }
    }
    if let Some(k) = kind
        && rest.is_empty()
    {
        return Err(Error::KindWithoutMatter {
            kind: alignment.kinds[k].name.clone(),
        });
    }
    Ok((rest.join(" "), kind))
}

/// The documents a comparison of `group` shows, and those left out because they are of another
/// kind than the group (aligned apart, so they cannot lack its matter): the `selected` ones
/// (`--doc`), else the two or more the words named, else all; `base` joins a chosen set.
pub fn compared_docs<'c>(
    corpus: &'c Corpus,
    alignment: &Alignment,
    group: &Group,
    selected: &[&'c Regulation],
    named: &[&'c Regulation],
    base: Option<&'c Regulation>,
) -> (Vec<&'c Regulation>, Vec<&'c Regulation>) {
    let mut docs: Vec<&Regulation> = if !selected.is_empty() {
        selected.to_vec()
    } else if named.len() >= 2 {
        named.to_vec()
    } else {
        corpus.docs.iter().collect()
    };
    if let Some(base) = base
        && (!selected.is_empty() || named.len() >= 2)
    {
        docs.push(base);
    }
    let mut seen = std::collections::HashSet::new();
    docs.retain(|d| seen.insert(&d.id));
    let (same, other): (Vec<_>, Vec<_>) = docs
        .into_iter()
        .partition(|d| alignment.same_kind(group, &d.id));
    // Left out silently when nobody chose them: every other kind's documents.
    let chosen = !selected.is_empty() || named.len() >= 2;
    (same, if chosen { other } else { Vec::new() })
}

/// The error for a base document of another kind than `group` (aligned apart, so it has no
/// article there whatever it regulates); `None` when `base` is of the group's kind or none.
pub fn base_of_another_kind(
    alignment: &Alignment,
    group: &Group,
    base: Option<&Regulation>,
) -> Option<Error> {
    let base = base.filter(|b| !alignment.same_kind(group, &b.id))?;
    Some(Error::BaseOfAnotherKind {
        doc: base.id.to_string(),
        group: group.id.clone(),
        label: group.label.clone(),
        member: group
            .members
            .keys()
            .next()
            .map_or_else(String::new, |d| d.to_string()),
    })
}

/// The documents among the words of `what` (each word a whole name: id, alias, district or
/// title) and the other words, joined by blanks; `what` itself when no word names a document.
/// Words that are names and nothing else are [`Error::DocumentsWithoutMatter`].
fn documents_named<'c>(
    corpus: &'c Corpus,
    alignment: &Alignment,
    what: &str,
) -> Result<(Vec<&'c Regulation>, String)> {
    let what = what.trim();
    let mut named: Vec<&Regulation> = Vec::new();
    let mut rest: Vec<&str> = Vec::new();
    for word in what.split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',')) {
        if word.is_empty() {
            continue;
        }
        match crate::corpus::names::named_in_full(&corpus.docs, word)
            .or_else(|| named_by_start(corpus, word))
        {
            Some(doc) => {
                if !named.iter().any(|d| d.id == doc.id) {
                    named.push(doc);
                }
            }
            None => {
                ambiguous_name(corpus, word)?;
                rest.push(word)
            }
        }
    }
    if named.is_empty() {
        return Ok((named, what.to_string()));
    }
    if rest.is_empty() {
        return Err(Error::DocumentsWithoutMatter {
            query: what.to_string(),
            docs: named
                .iter()
                .map(|d| (d.id.to_string(), name_of(d).to_string()))
                .collect(),
            example: shared_example(alignment, &named),
        });
    }
    Ok((named, rest.join(" ")))
}

/// An error when `word` starts the names of several documents (`北京` of 北京市法律援助条例 and
/// 北京市湿地保护条例) and no article of any other document says it: the user named a document
/// without saying which, as `guize show 北京` says, rather than a matter to search for.
fn ambiguous_name(corpus: &Corpus, word: &str) -> Result<()> {
    let Err(crate::corpus::names::Miss::Ambiguous(hits)) =
        crate::corpus::names::resolve(&corpus.docs, word)
    else {
        return Ok(());
    };
    let folded = crate::text::fold::fold_str(word).to_ascii_lowercase();
    let others = corpus
        .docs
        .iter()
        .filter(|d| !hits.iter().any(|h| h.id == d.id));
    if said_in(others, &folded) {
        return Ok(());
    }
    crate::corpus::names::lookup(&corpus.docs, word).map(|_| ())
}

/// The one document whose name starts with `word` (`菏泽` of 菏泽市养犬管理条例), as `guize show`
/// reads it, when no article of another document says `word`: a word of other documents' texts
/// (`济南`, which some titles start with) stays a search word, while a city its own regulation
/// names (台州市人民政府, 《台州市…规定》同时废止) still names that regulation.
fn named_by_start<'c>(corpus: &'c Corpus, word: &str) -> Option<&'c Regulation> {
    let doc = crate::corpus::names::find(&corpus.docs, word)?;
    let folded = crate::text::fold::fold_str(word).to_ascii_lowercase();
    let others = corpus.docs.iter().filter(|d| d.id != doc.id);
    (!said_in(others, &folded)).then_some(doc)
}

/// An article of the first of `docs` whose group all of `docs` share, cited, with the first
/// word of the group's label: the first such group in reading order that has a label of words.
fn shared_example(alignment: &Alignment, docs: &[&Regulation]) -> Option<(String, String)> {
    let first = docs.first()?;
    alignment.groups.iter().find_map(|g| {
        if g.label.contains(':') || !docs.iter().all(|d| g.members.contains_key(&d.id)) {
            return None;
        }
        let number = *g.members.get(&first.id)?.first()?;
        let article = first.articles.iter().find(|a| a.number == number)?;
        let words = g.label.split('·').next()?.to_string();
        Some((format!("{} {}", name_of(first), article.label()), words))
    })
}

/// The name a citation of `doc` starts with: its district or title (told apart from another
/// document's), else its id.
fn name_of(doc: &Regulation) -> &str {
    match doc.meta.display_name() {
        "" => doc.id.as_str(),
        name => name,
    }
}

/// An article head and nothing else (`第三十九条`, `第３９条`, `第十七条之一`, blanks and a
/// chapter before it allowed): the label to look for in each document.
fn bare_article(what: &str) -> Option<String> {
    let compact: String = what
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | ':' | '：'))
        .collect();
    let caps = citation_shape().captures(&compact)?;
    let label = caps.name("article")?.as_str();
    label.starts_with('第').then(|| label.to_string())
}

/// `第八章 … 第三十九条`, `第39条之一`, `四十三、`, `39`: what may follow a document's name in a
/// citation (spaces, `·` and colons taken out); a paragraph or item after the article
/// (第三十九条第二款第三项) is within the article, whose group is the one meant.
fn citation_shape() -> &'static regex::Regex {
    static SHAPE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    SHAPE.get_or_init(|| {
        let n = NUMERALS;
        let pattern = format!(
            "^(?:第(?P<chapter>{n})章[^第]*?)?(?:第{n}[节節][^第]*?)?(?P<article>(?:第{n}[条條](?:之{n})?|{n}(?:之{n})?、|[0-9０-９]+)(?:[#＃][0-9]+)?)(?:第{n}[款项項])*$"
        );
        regex::Regex::new(&pattern).unwrap_or_else(|e| unreachable!("citation pattern: {e}"))
    })
}

/// The characters of a number in a citation.
const NUMERALS: &str = "[0-9０-９零〇一二两兩三四五六七八九十百千]+";

/// `第三十九条`, `第39條`: an article head anywhere in a text.
fn article_heads() -> &'static regex::Regex {
    static HEADS: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    HEADS.get_or_init(|| {
        regex::Regex::new(&format!("第{NUMERALS}[条條](?:之{NUMERALS})?"))
            .unwrap_or_else(|e| unreachable!("article head pattern: {e}"))
    })
}

/// `g` followed by ten hexadecimal digits, in any case: the form of a group id.
fn looks_like_group_id(s: &str) -> bool {
    s.len() == 11 && s.starts_with(['g', 'G']) && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// The start of a group id: `g` and four to nine hex digits, one digit at least (gabcd is no
/// word of a regulation, but `gaffe` would be a word of an English one).
fn looks_like_group_id_start(s: &str) -> bool {
    (5..11).contains(&s.len())
        && s.starts_with(['g', 'G'])
        && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
        && s[1..].bytes().any(|b| b.is_ascii_digit())
}

/// The article `what` names, in any form a user writes one: `lixia:39`, `历下 39`, or a pasted
/// citation (`历下区 第八章 第三十九条`), an inserted article too (`lixia:17之一`). `None` when
/// `what` is not a reference.
pub fn named_article<'c>(
    corpus: &'c Corpus,
    what: &str,
) -> Result<Option<(&'c Regulation, &'c Article)>> {
    let what = crate::text::fold::drop_invisible(what);
    let what = unquoted(what.trim());
    let found = match article_ref(corpus, what) {
        Ok(None) => pasted_citation(corpus, what),
        other => other,
    };
    // Typed with a Chinese input method in full-width mode (ｌｉｘｉａ：３９): the same reference
    // in half-width letters, when that names an article and the text as typed does not.
    let half: String = what
        .chars()
        .map(crate::text::fold::fold_width_all)
        .collect();
    if half != what && !matches!(found, Ok(Some(_))) {
        let retry = match article_ref(corpus, &half) {
            Ok(None) => pasted_citation(corpus, &half),
            other => other,
        };
        if let Ok(Some(hit)) = retry {
            return Ok(Some(hit));
        }
    }
    found
}

/// `what` without one pair of quotation marks around it all (“兖州区 四十三、”, 「…」, "…"), as a
/// citation copied from a text arrives.
fn unquoted(what: &str) -> &str {
    const PAIRS: [(char, char); 6] = [
        ('“', '”'),
        ('‘', '’'),
        ('「', '」'),
        ('『', '』'),
        ('"', '"'),
        ('\'', '\''),
    ];
    PAIRS
        .iter()
        .find_map(|&(open, close)| {
            what.strip_prefix(open)
                .and_then(|w| w.strip_suffix(close))
                .map(str::trim)
                .filter(|w| !w.is_empty())
        })
        .unwrap_or(what)
}

/// A citation as guize prints it or a reader pastes it: a document's name (id, alias, district
/// or title) followed by an article, optionally with its chapter and section between:
/// `历下区 第八章 第三十九条`, `历下区第39条`, `济南市历下区人民政府工作规则 第八章 完善会议制度 第三十九条`
/// (`guize show`), `历下区 · 第八章 完善会议制度 · 第三十九条` (`guize search`), `兖州区 四十三、`,
/// also a whole hit line of `guize search` with its rank and score (`4. 历下区 · … · 第三十九条  2.01`).
/// `None` when `what` does not read as one; an error when it names a document but the article
/// (or the chapter it says the article is in) does not exist.
pub fn pasted_citation<'c>(
    corpus: &'c Corpus,
    what: &str,
) -> Result<Option<(&'c Regulation, &'c Article)>> {
    let what = what.trim();
    match citation_at(corpus, what)? {
        Some(found) => Ok(Some(found)),
        // A hit line of `guize search` pasted whole: `4. 历下区 · … · 第三十九条  2.01`.
        None => match strip_hit_line(what) {
            Some(inner) => citation_at(corpus, inner),
            None => Ok(None),
        },
    }
}

/// The citation inside a hit line of `guize search`, without its rank (`4. `) and its score
/// (`  2.01`); `None` when `what` has neither.
fn strip_hit_line(what: &str) -> Option<&str> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let rank = what
        .split_once(". ")
        .filter(|(n, _)| digits(n))
        .map(|(_, rest)| rest.trim_start());
    let rest = rank.unwrap_or(what);
    let score = rest.rsplit_once(char::is_whitespace).filter(|(_, s)| {
        s.split_once('.')
            .is_some_and(|(a, b)| digits(a.trim_start_matches('-')) && digits(b))
    });
    let inner = score.map_or(rest, |(head, _)| head.trim_end());
    (rank.is_some() || score.is_some()).then_some(inner)
}

/// [`pasted_citation`] of `what` as it is.
fn citation_at<'c>(
    corpus: &'c Corpus,
    what: &str,
) -> Result<Option<(&'c Regulation, &'c Article)>> {
    let shape = citation_shape();
    // A title in book-title marks (《济南市历下区人民政府工作规则》第三十九条), as texts cite one.
    let unmarked = what
        .strip_prefix('《')
        .and_then(|w| w.split_once('》'))
        .map(|(name, rest)| format!("{name} {rest}"));
    let what = unmarked.as_deref().unwrap_or(what);
    // The longest name of a document that the text starts with.
    let named: Vec<(&Regulation, usize, &str)> = corpus
        .docs
        .iter()
        .flat_map(|d| {
            [
                d.meta.distinct_name.as_str(),
                d.meta.title.as_str(),
                d.meta.district.as_str(),
                d.id.as_str(),
            ]
            .into_iter()
            .chain(d.meta.aliases.iter().map(String::as_str))
            .filter(|name| !name.is_empty())
            .filter_map(move |name| what.strip_prefix(name).map(|rest| (d, name.len(), rest)))
        })
        .collect();
    let Some(longest) = named.iter().map(|(_, len, _)| *len).max() else {
        return Ok(None);
    };
    let mut best = named.iter().filter(|(_, len, _)| *len == longest);
    let Some(&(doc, _, rest)) = best.next() else {
        return Ok(None);
    };
    let compact: String = rest
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | ':' | '：'))
        .collect();
    let Some(caps) = shape.captures(&compact) else {
        // A document named, then what is no one article: a chapter alone (历下 第八章) says which
        // articles it holds, two articles (历下第三十九条 市中第四十条) are one too many; either
        // searched as words would compare some other group.
        let chapter_only = compact.starts_with('第')
            && compact.contains('章')
            && !article_heads().is_match(&compact)
            && doc.find_article(&compact).is_err();
        if chapter_only {
            return doc.find_article(&compact).map(|a| Some((doc, a)));
        }
        let heads: Vec<&str> = article_heads()
            .find_iter(&compact)
            .map(|m| m.as_str())
            .collect();
        if heads.len() >= 2 && compact.starts_with(heads[0]) {
            return Err(Error::UnknownArticle {
                doc: doc.id.to_string(),
                query: what.to_string(),
                known: format!(
                    "it names {} articles ({}); compare one at a time, such as {} {}",
                    heads.len(),
                    heads.join(", "),
                    name_of(doc),
                    heads[0]
                ),
            });
        }
        return Ok(None);
    };
    // Two editions with one title: `北京市优化营商环境条例 第二条` could be either.
    let mut others: Vec<&Regulation> = best
        .map(|(d, _, _)| *d)
        .filter(|d| d.id != doc.id)
        .collect();
    if !others.is_empty() {
        others.insert(0, doc);
        others.dedup_by(|a, b| a.id == b.id);
        return Err(Error::AmbiguousDoc {
            query: what[..longest].to_string(),
            candidates: crate::corpus::names::candidate_list(&others, 10),
        });
    }
    let label = caps.name("article").map_or("", |m| m.as_str());
    let article = doc.find_article(label)?;
    if let Some(chapter) = caps.name("chapter").and_then(|m| parse_number(m.as_str()))
        && chapter != article.chapter.number
    {
        return Err(Error::UnknownArticle {
            doc: doc.id.to_string(),
            query: what.to_string(),
            known: format!(
                "{} is in {}, not in 第{}章",
                article.label(),
                article.chapter.label(),
                crate::text::numeral::to_chinese(chapter)
            ),
        });
    }
    Ok(Some((doc, article)))
}

/// The group of one article, an inserted one (第十七条之一) or a repeated number's second
/// (第三条#2) too.
pub fn group_of_article<'a>(
    alignment: &'a Alignment,
    doc: &Regulation,
    article: &Article,
) -> Result<&'a Group> {
    alignment
        .group_of_key(&doc.id, article.key())
        .ok_or_else(|| Error::NotInGroup {
            doc: doc.id.to_string(),
            article: article.number,
        })
}

/// The group of one article.
pub fn group_of<'a>(alignment: &'a Alignment, doc: &Regulation, number: u32) -> Result<&'a Group> {
    alignment
        .group_of(&doc.id, number)
        .ok_or_else(|| Error::NotInGroup {
            doc: doc.id.to_string(),
            article: number,
        })
}

/// `lixia:39`, `历下：第三十九条`, `历下 39`: the document and article, when the text before the
/// separator names a document. Errors when it does but the article does not exist.
pub fn article_ref<'c>(
    corpus: &'c Corpus,
    what: &str,
) -> Result<Option<(&'c Regulation, &'c Article)>> {
    let Some((doc_part, art_part)) = what
        .rsplit_once([':', '：'])
        .or_else(|| what.rsplit_once(char::is_whitespace))
    else {
        return Ok(None);
    };
    let (doc_part, art_part) = (doc_part.trim(), art_part.trim());
    let has_colon = what.contains([':', '：']);
    // An id with a colon in it (`x:1`) names its document, not article 1 of `x`; its articles
    // are `x:1:5`.
    if has_colon && corpus.docs.iter().any(|d| d.id.as_str() == what) {
        return Err(Error::DocumentNotArticle {
            query: what.to_string(),
        });
    }
    if !has_colon && parse_article_ref(art_part).is_none() {
        // `历下 请假` is search words, not a reference.
        return Ok(None);
    }
    // `:39`: a reference whose document was left out.
    if has_colon && doc_part.is_empty() && parse_article_ref(art_part).is_some() {
        return Err(Error::ArticleWithoutDocument {
            query: what.to_string(),
            holders: corpus
                .docs
                .iter()
                .filter_map(|d| d.find_article(art_part).ok().map(|a| (d, a)))
                .map(|(d, a)| format!("{} {}", name_of(d), a.label()))
                .collect(),
        });
    }
    let doc = match corpus.doc(doc_part) {
        Ok(doc) => doc,
        // `lixia:39:40`: two articles after one document, which is not the document `lixia:39`.
        Err(e) if has_colon && doc_part.contains([':', '：']) => {
            match what.split_once([':', '：']) {
                Some((first, rest)) => match corpus.doc(first.trim()) {
                    Ok(doc) => return doc.find_article(rest.trim()).map(|a| Some((doc, a))),
                    Err(_) => return Err(e),
                },
                None => return Err(e),
            }
        }
        // `xx:39` with an unknown document is a mistyped reference, not search words.
        Err(e) if has_colon && parse_article_ref(art_part).is_some() => return Err(e),
        // `北京市优化营商环境条例 2` with two editions: say so, rather than search the words.
        Err(e @ Error::AmbiguousDoc { .. }) => return Err(e),
        Err(_) => return Ok(None),
    };
    Ok(Some((doc, doc.find_article(art_part)?)))
}

/// Whether `query` may name one article (`lixia:39`, `历下区第39条`, `兖州区 四十三、`,
/// `历下 39`): cheap, so that a search of other words need not load the corpus to find out.
pub fn could_cite(query: &str) -> bool {
    let query = query.trim();
    query.contains([':', '：', '条', '條', '、'])
        || query
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_digit() || c.is_numeric())
}

/// A search whose query may cite an article: the article it names (in any form
/// [`named_article`] reads) comes first, marked `cited`, when the filter lets it through; then
/// its clause-group counterparts in the other documents (each with [`crate::index::Via`] naming
/// it); then the articles its own opening statement finds, within `limit` in all. The words of
/// the reference (重庆, 38 of `重庆:38`) are never searched: they say which article, not what
/// about, and matched the document's name and every 38 in the corpus. `words` of the report are
/// the opening's. A query that cites nothing (or an article that does not exist) is searched as
/// words only.
pub fn search_citing(
    corpus: &Corpus,
    index: &SearchIndex,
    query: &str,
    filter: &Filter,
    limit: usize,
) -> Result<SearchReport> {
    let cited = match named_article(corpus, query) {
        Ok(Some((doc, article))) => Some((doc, article)),
        _ => None,
    };
    let Some((doc, article)) = cited else {
        return index.search(query, filter, limit);
    };
    // The cited article's group, as the rerank reads it (none without stored topics or when the
    // article stands alone).
    let mut seen = HashMap::new();
    let group = index
        .topics()
        .and_then(|t| t.group_of(doc.id.as_str(), article.number, &mut seen));
    let mates: Vec<(String, u32)> = group
        .iter()
        .flat_map(|g| g.members.iter())
        .filter(|(d, n, _)| !(d.as_str() == doc.id.as_str() && *n == article.number))
        .map(|(d, n, _)| (d.clone(), *n))
        .collect();
    let opening = matter_words(crate::index::topics::opening(&article.norm));
    let mut report = match index.search(&opening, filter, limit + mates.len() + 1) {
        Ok(report) => report,
        // An opening of stop words only (or an empty article): the citation and its group are
        // the answer.
        Err(Error::NothingToSearch { .. }) => SearchReport {
            query: query.to_string(),
            words: Vec::new(),
            total: 0,
            hits: Vec::new(),
        },
        Err(e) => return Err(e),
    };
    report.query = query.to_string();
    // The cited article as the counterparts name it, whether or not the filter shows it.
    let own = index.article_hit(
        doc.id.as_str(),
        article.key(),
        &Filter::default(),
        &report.words,
    )?;
    let mut first: Vec<Hit> = Vec::new();
    if let Some(hit) = index.article_hit(doc.id.as_str(), article.key(), filter, &report.words)? {
        first.push(hit);
    }
    if let Some(own) = &own {
        let via = crate::index::Via::of(own);
        for (d, n) in &mates {
            let key = crate::cite::ArticleKey::new(*n, 0);
            if let Some(hit) = index.article_hit(d, key, filter, &report.words)? {
                first.push(Hit {
                    cited: false,
                    via: Some(via.clone()),
                    ..hit
                });
            }
        }
    }
    report
        .hits
        .retain(|h| !first.iter().any(|f| f.doc == h.doc && f.key() == h.key()));
    first.append(&mut report.hits);
    first.truncate(limit);
    report.hits = first;
    Ok(report)
}

/// An opening statement without what names other texts or places rather than the matter: a
/// title in 《》 (《中华人民共和国禁毒法》), a reference to an article (第三十八条第一款) and a
/// bracketed aside (县（市、区））: words of other texts and places, not of the matter.
fn matter_words(opening: &str) -> String {
    let mut out = String::with_capacity(opening.len());
    let mut depth_title = 0usize;
    let mut depth_paren = 0usize;
    for c in opening.chars() {
        match c {
            '《' => depth_title += 1,
            '》' => depth_title = depth_title.saturating_sub(1),
            '（' | '(' => depth_paren += 1,
            '）' | ')' => depth_paren = depth_paren.saturating_sub(1),
            _ if depth_title == 0 && depth_paren == 0 => out.push(c),
            _ => {}
        }
    }
    // 第三十八条第一款, 第三项: a run from 第 to 条, 款 or 项 of numerals only.
    let chars: Vec<char> = out.chars().collect();
    let mut kept = String::with_capacity(out.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '第' {
            let mut j = i + 1;
            while j < chars.len()
                && (chars[j].is_ascii_digit() || "〇零一二三四五六七八九十百千".contains(chars[j]))
            {
                j += 1;
            }
            if j > i + 1 && j < chars.len() && matches!(chars[j], '条' | '款' | '项') {
                i = j + 1;
                continue;
            }
        }
        kept.push(chars[i]);
        i += 1;
    }
    kept
}

/// The top hit of the search index for `what` (`None` when nothing matches, also for a query of
/// stop words or punctuation only); an error only for words too many to search
/// ([`Error::QueryTooLong`]).
pub fn best_by_search<'c>(
    corpus: &'c Corpus,
    index: &SearchIndex,
    what: &str,
    within: &[&Regulation],
) -> Result<Option<(&'c Regulation, &'c Article)>> {
    let filter = Filter {
        docs: within.iter().map(|d| d.id.to_string()).collect(),
        chapter: None,
    };
    // Words that name a standard type (立法目的, 施行日期) ask for an article of that type: the
    // best hit of it among the first few, when there is one, ahead of passing mentions of the
    // words (目的 of 项目的).
    let asked = type_asked(what);
    let limit = if asked.is_some() { WIDER_HITS } else { 1 };
    match index.search(what, &filter, limit) {
        Err(e @ Error::QueryTooLong { .. }) => Err(e),
        Err(_) => Ok(None),
        Ok(mut report) => {
            if let Some(kind) = asked
                && let Some(at) = report.hits.iter().position(|h| {
                    crate::align::article_kinds(&h.text)
                        .iter()
                        .any(|k| k == kind)
                })
            {
                let hit = report.hits.remove(at);
                report.hits.insert(0, hit);
            }
            Ok(top_hit(corpus, index, &filter, &report))
        }
    }
}

/// Hits [`wider`] reads past a first hit in a one-document group.
const WIDER_HITS: usize = 10;

/// When search words chose a group only one document has (`视频监控` → the article of one city
/// on keeping footage), the best later hit among the first ten whose group spans
/// several documents (the cities' articles on installing cameras): the group and the hit's
/// article, for the note that names it. `None` when the chosen group spans several documents or
/// no later hit's does.
pub fn wider<'a, 'c>(
    corpus: &'c Corpus,
    index: &SearchIndex,
    alignment: &'a Alignment,
    choice: &Choice<'a, 'c>,
    within: &[&Regulation],
) -> Option<(&'a Group, &'c Regulation, &'c Article)> {
    choice.matched?;
    if choice.group.doc_count() > 1 || choice.words.trim().is_empty() {
        return None;
    }
    let look_in: Vec<&Regulation> = if choice.named.is_empty() {
        within.to_vec()
    } else {
        choice.named.clone()
    };
    let filter = Filter {
        docs: look_in.iter().map(|d| d.id.to_string()).collect(),
        chapter: None,
    };
    let report = index.search(&choice.words, &filter, WIDER_HITS).ok()?;
    // A later hit answers the words as the first does only when it says every word the first
    // says (数字化 alone is no answer to 数字化转型).
    let first = report.hits.first()?;
    let said: Vec<&String> = report
        .words
        .iter()
        .filter(|w| first.text.contains(w.as_str()))
        .collect();
    report.hits.iter().skip(1).find_map(|hit| {
        if !said.iter().all(|w| hit.text.contains(w.as_str())) {
            return None;
        }
        let doc = corpus.docs.iter().find(|d| d.id == hit.doc)?;
        let article = doc.article_by_key(hit.key())?;
        let group = alignment.group_of_key(&doc.id, hit.key())?;
        // In a corpus of several kinds, a group of the chosen one's kind only.
        let same_kind = alignment.kind_of(group) == alignment.kind_of(choice.group);
        (group.doc_count() > 1 && !group.deleted && same_kind).then_some((group, doc, article))
    })
}

/// The article of `report`'s first hit, unless its words ask for what the corpus does not say.
fn top_hit<'c>(
    corpus: &'c Corpus,
    index: &SearchIndex,
    filter: &Filter,
    report: &SearchReport,
) -> Option<(&'c Regulation, &'c Article)> {
    let hit = report.hits.first()?;
    let doc = corpus.docs.iter().find(|d| d.id == hit.doc)?;
    let article = doc.article_by_key(hit.key())?;
    // A word no article says (养犬 of `养犬 登记` on a corpus of blood donation) means the words
    // ask for a matter the corpus lacks: the article matching the others is no answer. Unless
    // the word names the top hit's standard type (日期 of 施行日期, which the search matches by
    // the article's formula 自…起施行, whatever words it is written in).
    let types = crate::align::article_kinds(&article.norm);
    let unsaid = said_nowhere(corpus, &report.words);
    if !unsaid
        .iter()
        .all(|w| types.iter().any(|t| t.contains(w.as_str())))
    {
        return None;
    }
    // A figure alone (`1`, or the 1 of `alert(1)`) matches dates and amounts everywhere: no
    // reason to pick an article. The other words must match something by themselves.
    if report.words.iter().any(|w| is_figure(w)) {
        let rest: Vec<&str> = report
            .words
            .iter()
            .filter(|w| !is_figure(w))
            .map(String::as_str)
            .collect();
        let alone = index.search(&rest.join(" "), filter, 1).ok()?;
        alone.hits.first()?;
    }
    Some((doc, article))
}

/// The article that contains the most and rarest of the words of `what`, a stand-in for the
/// search index when there is none.
pub fn best_by_words<'c>(
    corpus: &'c Corpus,
    what: &str,
    within: &[&Regulation],
) -> Option<(&'c Regulation, &'c Article)> {
    let chosen = |d: &Regulation| within.is_empty() || within.iter().any(|w| w.id == d.id);
    // As for the search index: figures alone pick no article.
    let pieces: Vec<String> = what
        .split_whitespace()
        .map(|w| crate::text::fold::fold_str(w).to_ascii_lowercase())
        .collect();
    if !said_nowhere(corpus, &pieces).is_empty() {
        return None;
    }
    let words: String = what.chars().filter(|c| !c.is_numeric()).collect();
    rank_articles(&corpus.docs, &words).into_iter().next()?;
    let (_, doc, article) = rank_articles(&corpus.docs, what)
        .into_iter()
        .find(|(_, d, _)| chosen(d))?;
    Some((doc, article))
}

/// The words of `words` (of two characters or more, holding no numeral: the search matches 一次
/// where a text says 1次) that no article of `corpus` says.
pub fn said_nowhere(corpus: &Corpus, words: &[String]) -> Vec<String> {
    words
        .iter()
        .filter(|w| {
            w.chars().count() >= 2
                && !w
                    .chars()
                    .any(|c| c.is_numeric() || "零〇一二三四五六七八九十百千万两".contains(c))
        })
        .filter(|w| !said_in(corpus.docs.iter(), w))
        .cloned()
        .collect()
}

/// True when an article of `docs` says `word` (a folded word; Latin letters in either case).
fn said_in<'d>(mut docs: impl Iterator<Item = &'d Regulation>, word: &str) -> bool {
    let latin = word.chars().any(|c| c.is_ascii_alphabetic());
    docs.any(|d| {
        d.articles
            .iter()
            .any(|a| a.norm.contains(word) || (latin && a.norm.to_ascii_lowercase().contains(word)))
    })
}

/// A query word that is a figure only (`1`, `2020`, `3.5`).
fn is_figure(word: &str) -> bool {
    word.chars().any(char::is_numeric) && word.chars().all(|c| c.is_numeric() || c == '.')
}

/// What `text` is compared by when words match nothing: each character but ASCII ones, and each
/// run of ASCII letters and digits as one word, lowercased (`nothing-here` shares nothing with an
/// article that writes `<script>`, though their letters overlap); punctuation and blanks none.
/// Characters that join or qualify words and name no matter: sharing one with a group's label or
/// an article makes neither close to what was asked.
const FUNCTION_CHARS: [&str; 20] = [
    "的", "之", "和", "与", "或", "及", "在", "是", "了", "不", "等", "其", "所", "对", "为", "以",
    "于", "由", "也", "而",
];

fn units(text: &str) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        if !word.is_empty() {
            out.insert(std::mem::take(&mut word));
        }
        if !c.is_ascii() && c.is_alphanumeric() {
            out.insert(c.to_string());
        }
    }
    if !word.is_empty() {
        out.insert(word);
    }
    out
}

/// Groups and articles offered when `what` names nothing.
const CLOSEST: usize = 5;

/// The error for words that match nothing: the groups and articles sharing the most characters
/// with them.
pub fn no_match(corpus: &Corpus, alignment: &Alignment, what: &str) -> Error {
    // Each text's units as a set: a long `what` costs one pass, not one scan of every text per
    // unit of it.
    // A function character (的, 在, 不) shared makes nothing close, unless the words are no more
    // than such characters.
    let mut asked = units(what);
    let content: std::collections::HashSet<String> = asked
        .iter()
        .filter(|u| !FUNCTION_CHARS.contains(&u.as_str()))
        .cloned()
        .collect();
    if !content.is_empty() {
        asked = content;
    }
    // Close is sharing half of what was asked (three units at most), not one stray character:
    // `不存在的东西xyz` is not near a group because a label holds 东.
    let need = asked.len().div_ceil(2).clamp(1, 3);
    let overlap = |text: &str| {
        let have = units(text);
        asked.iter().filter(|u| have.contains(*u)).count()
    };
    // Only what shares enough with `what`: with nothing in common, no group is closer than
    // another and the message says so.
    let mut groups: Vec<(usize, &Group)> = alignment
        .groups
        .iter()
        .map(|g| (overlap(&g.label), g))
        .filter(|(n, _)| *n >= need)
        .collect();
    groups.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    let mut articles: Vec<(usize, &Regulation, &Article)> = corpus
        .docs
        .iter()
        .flat_map(|d| d.articles.iter().map(move |a| (overlap(&a.norm), d, a)))
        .filter(|(n, _, _)| *n >= need)
        .collect();
    articles.sort_by_key(|(n, _, _)| std::cmp::Reverse(*n));
    let pieces: Vec<String> = what
        .split_whitespace()
        .map(|w| crate::text::fold::fold_str(w).to_ascii_lowercase())
        .collect();
    // A standard type's name (施行日期) is matched by the article's formula, not said.
    let mut unmatched = said_nowhere(corpus, &pieces);
    unmatched.retain(|w| {
        !crate::align::kind_names()
            .iter()
            .any(|k| k.contains(w.as_str()))
    });
    Error::NoMatch {
        what: what.to_string(),
        unmatched,
        groups: groups
            .iter()
            .take(CLOSEST)
            .map(|(_, g)| (g.id.clone(), g.label.clone()))
            .collect(),
        articles: articles
            .iter()
            .take(CLOSEST)
            .map(|(_, d, a)| (format!("{}:{}", d.id, a.number), excerpt(&a.norm, 16)))
            .collect(),
    }
}
