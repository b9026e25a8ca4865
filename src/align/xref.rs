//! Articles in, the articles of the same regulation each one cites out (违反本条例第十五条规定 →
//! article 15). Penalty articles all look alike; what tells them apart is the provision they
//! punish, and they name it by number. References to other laws (《动物防疫法》第三十条) are
//! left out. Pure; no threads.

use super::features::bigrams;
use super::parts::weigh_pairs;
use super::space::Space;
use crate::model::Regulation;
use crate::text::numeral::parse_number;
use std::collections::HashMap;

/// Per unit of `space`, the units of the same document its article cites, sorted.
pub(crate) fn resolve(docs: &[&Regulation], space: &Space) -> Vec<Vec<usize>> {
    let mut by_number: HashMap<(usize, u32, u32), usize> = HashMap::new();
    for (i, u) in space.units.iter().enumerate() {
        by_number.entry((u.doc, u.number, u.sub)).or_insert(i);
    }
    space
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let Some(article) = u.article(docs) else {
                return Vec::new();
            };
            let mut out: Vec<usize> = cited(&article.norm)
                .into_iter()
                .filter_map(|(n, sub)| by_number.get(&(u.doc, n, sub)).copied())
                .filter(|&j| j != i)
                .collect();
            out.sort_unstable();
            out.dedup();
            out
        })
        .collect()
}

/// Articles that `text` cites in its own regulation, as (number, 之X) pairs: every 第N条 not
/// governed by a law title (《…》) in the same clause; 第N条之一 is the article inserted after
/// 第N条 (N, 1), not 第N条 itself. A number joined to the previous one by 、 和 或 至 or 到
/// (第十五条、第十六条) inherits that one's reading; 第N条至第M条 cites the whole run.
pub(crate) fn cited(text: &str) -> Vec<(u32, u32)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut previous: Option<(usize, bool, u32)> = None; // (end index, own regulation, number)
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '第' {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && is_numeral(chars[j]) {
            j += 1;
        }
        if j == i + 1 || j >= chars.len() || chars[j] != '条' {
            i += 1;
            continue;
        }
        let digits: String = chars[i + 1..j].iter().collect();
        let Some(n) = parse_number(&digits) else {
            i = j;
            continue;
        };
        // 第十七条之一: the inserted article, read as far as its numeral goes.
        let mut end = j + 1;
        let mut sub = 0;
        if chars.get(end) == Some(&'之') {
            let mut k = end + 1;
            while k < chars.len() && is_numeral(chars[k]) {
                k += 1;
            }
            let numeral: String = chars[end + 1..k].iter().collect();
            if let Some(s) = parse_number(&numeral).filter(|&s| s > 0) {
                sub = s;
                end = k;
            }
        }
        let joined = previous.filter(|&(end, _, _)| {
            let between: String = chars[end..i].iter().collect();
            matches!(between.as_str(), "、" | "和" | "或" | "至" | "到")
        });
        let own = match joined {
            Some((_, own, _)) => own,
            None => !governed_by_title(&chars[..i]),
        };
        if own {
            if let Some((end, _, from)) = joined {
                let between: String = chars[end..i].iter().collect();
                if matches!(between.as_str(), "至" | "到") && from < n && n - from <= 20 {
                    out.extend((from + 1..n).map(|m| (m, 0)));
                }
            }
            out.push((n, sub));
        }
        previous = Some((end, own, n));
        i = end;
    }
    out
}

/// Words of the liability formula for officials (工作人员玩忽职守、滥用职权、徇私舞弊的，依法给予
/// 处分): a conduct naming one is a breach of office in general, not of a provision.
pub(crate) const OFFICE_BREACHES: [&str; 3] = ["玩忽职守", "滥用职权", "徇私舞弊"];

/// Words that mark a penalty: what an article of legal liability (法律责任) imposes on those it
/// regulates. Data, not code: the sanctions Chinese legislation names (罚款, 没收, 拘留, 吊销 …).
/// 处分 is left out: it is the sanction of officials (工作人员…依法给予处分), whose liability
/// article is one matter across regulations, whatever duties it lists.
const PENALTY_MARKS: [&str; 5] = ["罚款", "处罚", "没收", "拘留", "吊销"];

/// Whether an article imposes a sanction on a conduct it states as a condition: some sentence
/// names a sanction after a condition closed by 的，(…的，由…处…罚款), not merely mentions one
/// (被没收的犬只).
pub(crate) fn is_penalty(text: &str) -> bool {
    text.split('。').any(|sentence| {
        sentence.find("的，").is_some_and(|at| {
            let rest = &sentence[at..];
            PENALTY_MARKS.iter().any(|m| rest.contains(m))
        })
    })
}

/// The conducts a penalty article punishes without citing an article number: per sentence and
/// item (cut at 。；：and line ends), its case ([`sentence_case`]: 未按规定办理养犬登记的，由… →
/// 未按规定办理养犬登记). A sentence that cites an article (第N条) gives none: the citation says it.
pub(crate) fn conducts(text: &str) -> Vec<String> {
    text.split(['。', '；', '：', '\n'])
        .filter(|sentence| cited(sentence).is_empty())
        .filter_map(sentence_case)
        .collect()
}

/// [`conducts`] without the tiers (`text::penalty::is_tier`: 逾期不改正, 情节严重, 违法所得五万元以上):
/// a tier aggravates the conduct before it and states none of its own, so it resolves to
/// whatever article happens to repeat its words (a duty article's closing 逾期不改正的，…).
pub(crate) fn offences(text: &str) -> Vec<String> {
    conducts(text)
        .into_iter()
        .filter(|c| !crate::text::penalty::is_tier(c))
        .collect()
}

/// The case one sentence of a penalty states a rule for: the text before its first 的 followed by
/// punctuation (or ending it), after a lead 违反本条例…规定，(numbered or not) and an item's （一）.
/// A sentence that announces a list (有下列行为之一的) gives none, its items do; nor does the
/// officials' formula ([`OFFICE_BREACHES`]). The one reading of a case for the conducts a penalty
/// punishes ([`conducts`]) and the conditions of its offences (`offence::conditions`).
pub(crate) fn sentence_case(sentence: &str) -> Option<String> {
    if sentence.contains("下列") || OFFICE_BREACHES.iter().any(|w| sentence.contains(w)) {
        return None;
    }
    let chars: Vec<char> = sentence.chars().collect();
    let end = chars
        .windows(2)
        .position(|w| w[0] == '的' && matches!(w[1], '，' | ',' | '。' | '；'))
        .or_else(|| (chars.last() == Some(&'的')).then(|| chars.len() - 1))?;
    let mut start = 0;
    if let Some(comma) = chars[..end].iter().position(|&c| c == '，') {
        let lead: String = chars[..comma].iter().collect();
        if lead.starts_with("违反") || (lead.contains("规定") && comma < 12) {
            start = comma + 1;
        }
    }
    if chars.get(start) == Some(&'（')
        && let Some(close) = chars[start..end].iter().position(|&c| c == '）')
    {
        start += close + 1;
    }
    (end > start).then(|| chars[start..end].iter().collect())
}

/// The article of unit `x` when it is a penalty to read (`min` at most 1), with the range of its
/// document's units.
fn penalty_at<'d>(
    docs: &[&'d Regulation],
    space: &Space,
    penalty: &[bool],
    x: usize,
    min: f32,
) -> Option<(&'d crate::model::Article, usize, usize)> {
    if !penalty[x] || min > 1.0 {
        return None;
    }
    let u = space.units[x];
    let article = u.article(docs)?;
    Some((
        article,
        space.doc_starts[u.doc],
        space.doc_starts[u.doc + 1],
    ))
}

/// Per unit of `space`, the articles of the same document whose matter its penalty clauses
/// describe without citing them: each conduct of [`conducts`] goes to the article of its own
/// regulation (not a penalty itself) that holds at least `min` of its weighted bigrams (squared
/// weights, as `SparseVec::covered_by`), the one with the highest sum of that share and their
/// cosine (so that a long article holding every common bigram does not win on share alone).
/// Conducts that are the formula's own (构成犯罪) reappear in no provision; a tier (逾期未改正,
/// 情节严重) is read only with `tiers` (off by default: [`offences`]), as a duty article that closes
/// with its own 逾期不改正的 would take every penalty of its document with that tier. A penalty
/// that says 未按规定办理养犬登记的 punishes the registration article
/// just as one that cites 第七条 does; within one regulation the wording is the drafter's own,
/// so the match is close. Empty for articles that are not penalties.
///
/// `skip` marks further articles that are no provision (the officials' liability articles, with
/// `Params::xref_office`); empty for none.
pub(crate) fn implied(
    docs: &[&Regulation],
    space: &Space,
    penalty: &[bool],
    skip: &[bool],
    min: f32,
    tiers: bool,
) -> Vec<Vec<usize>> {
    let n = space.len();
    (0..n)
        .map(|x| {
            let Some((article, from, to)) = penalty_at(docs, space, penalty, x, min) else {
                return Vec::new();
            };
            let read = if tiers { conducts } else { offences };
            let mut out: Vec<usize> = read(&article.norm)
                .iter()
                .filter_map(|c| {
                    let grams = bigrams(c);
                    if grams.len() < 3 {
                        return None;
                    }
                    let v = weigh_pairs(space, &grams, n);
                    (from..to)
                        .filter(|&j| {
                            j != x && !penalty[j] && !skip.get(j).copied().unwrap_or(false)
                        })
                        .filter_map(|j| {
                            let b = &space.bigrams[j];
                            let covered = v.covered_by(b);
                            (covered >= min).then(|| (j, covered + v.dot(b)))
                        })
                        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                        .map(|(j, _)| j)
                })
                .collect();
            out.sort_unstable();
            out.dedup();
            out
        })
        .collect()
}

/// A provision a penalty's conduct resolved to, and the best matches of its matching sentence in
/// the other documents (unit, score): [`paragraph_votes`].
pub(crate) type SentenceVotes = (usize, Vec<(usize, f32)>);

/// Per unit of `space`, for each conduct a penalty describes ([`implied`], same reading and
/// `min`) that resolves to an article of several sentences (cut at 。；and line ends, each of at
/// least six bigrams): that article, and, per other document, the article there holding most of
/// the sentence the conduct matches best (at least `min` of its weighted bigrams; the highest sum
/// of that share and the cosine) with that score. A duty stated in a sentence of a broader
/// article (法律援助服务机构应当接受…指派, closing a definitions article's paragraph) has its
/// counterparts where the other documents state that duty, not where they define their terms;
/// [`by_paragraph`] reads the votes once the grouping is done. Empty for articles that are not
/// penalties.
pub(crate) fn paragraph_votes(
    docs: &[&Regulation],
    space: &Space,
    penalty: &[bool],
    skip: &[bool],
    min: f32,
    tiers: bool,
) -> Vec<Vec<SentenceVotes>> {
    let n = space.len();
    let skipped = |j: usize| penalty[j] || skip.get(j).copied().unwrap_or(false);
    let best_in = |v: &super::features::SparseVec, from: usize, to: usize, not: usize| {
        (from..to)
            .filter(|&j| j != not && !skipped(j))
            .filter_map(|j| {
                let b = &space.bigrams[j];
                let covered = v.covered_by(b);
                (covered >= min).then(|| (j, covered + v.dot(b)))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    };
    (0..n)
        .map(|x| {
            let Some((article, from, to)) = penalty_at(docs, space, penalty, x, min) else {
                return Vec::new();
            };
            let read = if tiers { conducts } else { offences };
            let mut out: Vec<SentenceVotes> = Vec::new();
            for c in read(&article.norm) {
                let grams = bigrams(&c);
                if grams.len() < 3 {
                    continue;
                }
                let v = weigh_pairs(space, &grams, n);
                let Some((p, _)) = best_in(&v, from, to, x) else {
                    continue;
                };
                if out.iter().any(|(q, _)| *q == p) {
                    continue;
                }
                let Some(provision) = space.units[p].article(docs) else {
                    continue;
                };
                let sentences: Vec<super::features::SparseVec> = provision
                    .norm
                    .split(['。', '；', '\n'])
                    .map(bigrams)
                    .filter(|g| g.len() >= 6)
                    .map(|g| weigh_pairs(space, &g, n))
                    .collect();
                if sentences.len() < 2 {
                    continue;
                }
                let Some(para) = sentences
                    .iter()
                    .max_by(|a, b| v.covered_by(a).total_cmp(&v.covered_by(b)))
                else {
                    continue;
                };
                let votes: Vec<(usize, f32)> = (0..space.doc_starts.len() - 1)
                    .filter(|&d| d != space.units[x].doc)
                    .filter_map(|d| {
                        best_in(
                            para,
                            space.doc_starts[d],
                            space.doc_starts[d + 1],
                            usize::MAX,
                        )
                    })
                    .collect();
                out.push((p, votes));
            }
            out
        })
        .collect()
}

/// The provisions penalties punish (`punished`, per unit), with each article of several
/// sentences that a conduct resolved to ([`paragraph_votes`]) replaced by an article of the
/// cluster where the other documents' best matches of its matching sentence lie, when that cluster is
/// not the article's own and its votes (summed scores) outweigh those for the article's own
/// cluster: the penalty is then keyed by that sentence's matter, not by the broader article's.
pub(crate) fn by_paragraph(
    clusters: &[Vec<usize>],
    punished: &[Vec<usize>],
    votes: &[Vec<SentenceVotes>],
) -> Vec<Vec<usize>> {
    let mut owner = vec![usize::MAX; punished.len()];
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            owner[m] = c;
        }
    }
    punished
        .iter()
        .enumerate()
        .map(|(x, provisions)| {
            let Some(of_x) = votes.get(x) else {
                return provisions.clone();
            };
            let mut out: Vec<usize> = provisions
                .iter()
                .map(|&p| {
                    let Some((_, ballots)) = of_x.iter().find(|(q, _)| *q == p) else {
                        return p;
                    };
                    let mut tally: Vec<(usize, f32, usize)> = Vec::new();
                    for &(k, score) in ballots {
                        match tally.iter_mut().find(|t| t.0 == owner[k]) {
                            Some(t) => t.1 += score,
                            None => tally.push((owner[k], score, k)),
                        }
                    }
                    let own = tally.iter().find(|t| t.0 == owner[p]).map_or(0.0, |t| t.1);
                    tally
                        .into_iter()
                        .filter(|t| t.0 != owner[p] && t.1 > own)
                        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)))
                        .map_or(p, |t| t.2)
                })
                .collect();
            out.sort_unstable();
            out.dedup();
            out
        })
        .collect()
}

/// Whether an article is the liability of officials, not a provision of the regulation: its first
/// sentence has a sanction (处分, 责令, 刑事责任, 处理) after its condition, closed by 的，, names
/// the staff of a public body as its actor (机关, 部门 or 人民政府 before 工作人员, or right before
/// 人员: 国家机关及其工作人员…滥用职权的, 有关部门和人员不认真履行职责的) or is sanctioned by the
/// hierarchy that sanctions officials (由上级机关, 由监察机关, 由任免机关, 由上级主管部门). What it
/// lists (未依法履行监督管理职责导致发生事故的) repeats the duties and harms of the whole
/// regulation, so a penalty's conduct or tier (造成信息泄露, 导致发生生产安全事故) finds its words
/// there whatever the penalty punishes.
pub(crate) fn is_officials(text: &str) -> bool {
    const BODIES: [&str; 4] = ["上级机关", "监察机关", "任免机关", "上级主管部门"];
    const ORGANS: [&str; 3] = ["机关", "部门", "人民政府"];
    // The actor is the first sentence's: a penalty's later sentence may name the department
    // that bears the duty in its stead (责任人为城市绿化行政主管部门的，由上级主管部门责令改正).
    text.split('。').next().is_some_and(|sentence| {
        let Some(at) = sentence.find("的，") else {
            return false;
        };
        let (condition, after) = sentence.split_at(at);
        if !["处分", "责令", "刑事责任", "处理"]
            .iter()
            .any(|m| after.contains(m))
        {
            return false;
        }
        let staff = condition
            .find("工作人员")
            .is_some_and(|w| ORGANS.iter().any(|o| condition[..w].contains(o)))
            || ORGANS.iter().any(|o| {
                condition.match_indices(o).any(|(k, _)| {
                    let near: String = condition[k + o.len()..].chars().take(4).collect();
                    near.contains("人员")
                })
            });
        let hierarchy = BODIES
            .iter()
            .any(|b| after.contains(&format!("由{b}")) || after.contains(&format!("由其{b}")));
        staff || hierarchy
    })
}

/// Per unit of `space`, whether its article is an officials' liability article and not a penalty
/// ([`is_officials`], [`is_penalty`]).
pub(crate) fn office_liabilities(
    docs: &[&Regulation],
    space: &Space,
    penalty: &[bool],
) -> Vec<bool> {
    space
        .units
        .iter()
        .zip(penalty)
        .map(|(u, &p)| !p && u.article(docs).is_some_and(|a| is_officials(&a.norm)))
        .collect()
}

/// Whether an article imposes a liability on those its condition names: a penalty
/// ([`is_penalty`]), or a sentence that orders a correction or 处分 after a condition closed by
/// 的，(血站违反操作规程的，由…责令改正).
pub(crate) fn is_liability(text: &str) -> bool {
    is_penalty(text)
        || text.split('。').any(|sentence| {
            sentence
                .find("的，")
                .is_some_and(|at| ["处分", "责令"].iter().any(|m| sentence[at..].contains(m)))
        })
}

/// Groups that join the officials' liability ([`is_officials`]) with the liability of those the
/// regulation regulates ([`is_liability`], not the officials') are cut in two: the officials'
/// articles, and the rest. The two name different actors (国家机关工作人员
/// against 血站, 物业服务企业), whatever words their sanctions share (责令改正, 处分, 构成犯罪的).
pub(crate) fn office_apart(
    clusters: Vec<Vec<usize>>,
    officials_of: &[bool],
    liable: &[bool],
) -> Vec<Vec<usize>> {
    let mut out = Vec::with_capacity(clusters.len());
    for members in clusters {
        let officials = members.iter().filter(|&&m| officials_of[m]).count();
        let others = members
            .iter()
            .filter(|&&m| !officials_of[m] && liable[m])
            .count();
        if officials == 0 || others == 0 {
            out.push(members);
            continue;
        }
        let (ours, rest): (Vec<usize>, Vec<usize>) =
            members.into_iter().partition(|&m| officials_of[m]);
        out.push(ours);
        out.push(rest);
    }
    out
}

/// Per unit of `space`, whether its article is a penalty ([`is_penalty`]).
pub(crate) fn penalties(docs: &[&Regulation], space: &Space) -> Vec<bool> {
    space
        .units
        .iter()
        .map(|u| u.article(docs).is_some_and(|a| is_penalty(&a.norm)))
        .collect()
}

/// Puts each penalty with the penalties of other documents that punish the same matter: a
/// penalty article (`punished[x]` non-empty: the provisions of its own regulation it cites or
/// describes) leaves the cluster its wording put it in, whose penalties all share the formula
/// (责令改正, 处…罚款) whatever they punish, and joins the penalties whose main punished
/// provision lies in the same cluster: the cluster holding most of what it punishes; on a tie
/// the one whose provisions the penalties of most other documents punish (a list penalty is
/// placed by the matter the others have a penalty for), then the earliest. Several penalties of one document that punish one matter stay together,
/// as a fused provision would. Provisions that are penalties themselves are not counted. A
/// penalty whose main provision has no counterpart in another document (its cluster holds no
/// other document's article) stays where its wording put it.
///
/// With `apart`, a destination that would receive two penalties of one document from
/// different clusters (their wording put them apart, yet they resolve to one provision: one
/// provision forbidding several conducts, or a conduct resolved to the wrong provision) is
/// ambiguous, and none of the penalties bound for it move.
///
/// With `clear_ties` (`OffenceParams::clear_ties`), the tie-break counts only the penalties of
/// other documents whose own main provision is clear.
///
/// `twins` are pairs of penalties that read as one another's wording (`Params::penalty_twins`):
/// two of them that share a cluster and are bound for different destinations both stay where
/// their wording put them.
pub(crate) fn by_provision(
    clusters: Vec<Vec<usize>>,
    punished: &[Vec<usize>],
    doc_of: &[usize],
    apart: bool,
    twins: &[(usize, usize)],
    clear_ties: bool,
) -> Vec<Vec<usize>> {
    let mut owner = vec![usize::MAX; punished.len()];
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            owner[m] = c;
        }
    }
    let moved = |x: usize| !punished[x].is_empty();
    // Whether a penalty's main provision is clear: one cluster holds more of what it punishes
    // than any other (no tie to break).
    let clear = |x: usize| -> bool {
        let mut counts: std::collections::HashMap<usize, usize> = Default::default();
        for &p in punished[x].iter().filter(|&&p| !moved(p)) {
            *counts.entry(owner[p]).or_default() += 1;
        }
        let top = counts.values().copied().max().unwrap_or(0);
        counts.values().filter(|&&n| n == top).count() == 1
    };
    // How many documents' penalties punish something of each cluster (with `clear_ties`, only
    // the penalties whose main provision is clear: two penalties each placed by the other's
    // tie would otherwise choose one another's provision).
    let mut cited_by: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for (x, r) in punished.iter().enumerate() {
        if clear_ties && !clear(x) {
            continue;
        }
        for &p in r.iter().filter(|&&p| !moved(p)) {
            cited_by.entry(owner[p]).or_default().push(doc_of[x]);
        }
    }
    for d in cited_by.values_mut() {
        d.sort_unstable();
        d.dedup();
    }
    let key = |x: usize| -> Option<usize> {
        // (cluster, own count, other documents punishing it, first unit)
        let mut counts: Vec<(usize, usize, usize, usize)> = Vec::new();
        for &p in punished[x].iter().filter(|&&p| !moved(p)) {
            match counts.iter_mut().find(|c| c.0 == owner[p]) {
                Some(c) => c.1 += 1,
                None => {
                    let others = cited_by
                        .get(&owner[p])
                        .map_or(&[][..], |d| d.as_slice())
                        .iter()
                        .filter(|&&d| d != doc_of[x])
                        .count();
                    counts.push((owner[p], 1, others, p))
                }
            }
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)).then(b.3.cmp(&a.3)))
            .map(|c| c.0)
    };
    // A penalty whose provision has no counterpart elsewhere stays where its wording put it.
    let elsewhere = |k: usize, d: usize| clusters[k].iter().any(|&m| !moved(m) && doc_of[m] != d);
    let mut keys: Vec<Option<usize>> = (0..punished.len())
        .map(|x| {
            if !moved(x) {
                return None;
            }
            key(x).filter(|&k| elsewhere(k, doc_of[x]))
        })
        .collect();
    if apart {
        // (destination, document) → the clusters its penalties bound there come from.
        let mut sources: std::collections::HashMap<(usize, usize), Vec<usize>> = Default::default();
        for (x, k) in keys.iter().enumerate() {
            if let Some(k) = k {
                sources.entry((*k, doc_of[x])).or_default().push(owner[x]);
            }
        }
        let ambiguous: std::collections::HashSet<usize> = sources
            .into_iter()
            .filter(|(_, from)| from.iter().any(|&c| c != from[0]))
            .map(|((k, _), _)| k)
            .collect();
        for k in keys.iter_mut() {
            if k.is_some_and(|k| ambiguous.contains(&k)) {
                *k = None;
            }
        }
    }
    for &(x, y) in twins {
        if owner[x] == owner[y] && keys[x] != keys[y] {
            keys[x] = None;
            keys[y] = None;
        }
    }
    let mut out: Vec<Vec<usize>> = clusters
        .into_iter()
        .map(|members| members.into_iter().filter(|&m| keys[m].is_none()).collect())
        .collect();
    let mut by_key: std::collections::BTreeMap<usize, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (x, k) in keys.iter().enumerate() {
        if let Some(k) = k {
            by_key.entry(*k).or_default().push(x);
        }
    }
    out.extend(by_key.into_values());
    out.retain(|m| !m.is_empty());
    out
}

fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
    ) || c.is_ascii_digit()
}

/// Whether the clause before a reference (back to the last ，。；：) names another law: a closing
/// 》 with no 本条例/本办法/本规定 after it.
fn governed_by_title(before: &[char]) -> bool {
    let start = before
        .iter()
        .rposition(|&c| matches!(c, '，' | '。' | '；' | '：' | '\n'))
        .map_or(0, |p| p + 1);
    let clause: String = before[start..].iter().collect();
    match clause.rfind('》') {
        Some(at) => {
            let after = &clause[at..];
            !(after.contains("本条例") || after.contains("本办法") || after.contains("本规定"))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{
        by_paragraph, by_provision, cited, conducts, is_liability, is_officials, is_penalty,
        office_apart,
    };

    #[test]
    fn officials_are_named_by_their_body_or_the_hierarchy_that_sanctions_them() {
        assert!(is_officials(
            "国家机关及其工作人员在献血工作中，滥用职权、玩忽职守、徇私舞弊的，对直接负责的主管人员和其他责任人员依法给予处分；构成犯罪的，依法追究刑事责任。"
        ));
        assert!(is_officials(
            "从事基本农田保护管理的有关部门和人员不认真履行职责，对工作造成损失的，由同级人民政府对其批评教育，责令改正。"
        ));
        assert!(is_officials(
            "违反本条例第三十一条规定，挪用、克扣、截留科普经费的，由上级机关责令限期改正，并对直接责任人员给予行政处分。"
        ));
        // Those the regulation regulates, though their staff are named and 处分 follows.
        let station = "血站及其工作人员违反本条例第三十七条规定的有关操作规程和制度的，由市、区卫生健康部门责令改正；对直接负责的主管人员依法给予处分。";
        assert!(!is_officials(station));
        assert!(is_liability(station));
        assert!(!is_penalty(station));
        // A fine on a unit; the department named in a later sentence is not its actor.
        assert!(!is_officials(
            "违反本条例第十八条规定，养护管理责任人未履行养护管理责任的，由城市绿化行政主管部门责令限期改正。责任人为城市绿化行政主管部门的，由上级主管部门责令改正。"
        ));
        // A case handed on, not sanctioned.
        assert!(!is_officials(
            "负有安全生产监督管理职责的部门发现生产经营单位及其人员涉嫌安全生产犯罪的，应当依法移送监察机关处理。"
        ));
    }

    #[test]
    fn a_group_of_officials_and_of_the_regulated_is_cut_in_two() {
        // 0 officials (doc 0), 1 a station's liability (doc 1), 2 a provision (doc 2).
        let officials = [true, false, false];
        let liable = [true, true, false];
        let out = office_apart(vec![vec![0, 1, 2]], &officials, &liable);
        assert_eq!(out, vec![vec![0], vec![1, 2]]);
        // Officials with provisions only: left whole.
        let out = office_apart(vec![vec![0, 2]], &officials, &liable);
        assert_eq!(out, vec![vec![0, 2]]);
    }

    #[test]
    fn a_penalty_states_its_conduct_as_a_condition() {
        assert!(is_penalty(
            "违反本条例规定，未即时清除犬只粪便的，由城市管理部门处五十元以上一百元以下的罚款。"
        ));
        // Officials' liability is a matter of its own.
        assert!(!is_penalty("有关部门工作人员玩忽职守的，依法给予处分。"));
        // Mentions a sanction without imposing one.
        assert!(!is_penalty(
            "对送交、被没收以及无人认领的犬只，收留所可以寻找领养人。"
        ));
        assert!(!is_penalty("公安机关负责养犬登记以及相关行政处罚工作。"));
    }

    #[test]
    fn conducts_are_the_conditions_without_lead_item_mark_or_list_head() {
        let text = "违反本条例规定，有下列行为之一的，由公安机关予以处罚：\n（一）不按照规定办理养犬登记的，责令限期改正，并处每只二百元罚款；逾期未改正的，处每只一千元罚款。\n（二）饲养烈性犬、大型犬的，没收犬只。";
        assert_eq!(
            conducts(text),
            vec!["不按照规定办理养犬登记", "逾期未改正", "饲养烈性犬、大型犬"]
        );
        assert_eq!(
            conducts("违反本条例规定，未即时清除犬只粪便的，由城市管理部门处罚款。"),
            vec!["未即时清除犬只粪便"]
        );
        // A numbered citation says it already.
        assert!(conducts("违反本条例第十四条规定的，处以罚款。").is_empty());
        assert!(conducts("主管部门工作人员玩忽职守、滥用职权的，依法给予处分。").is_empty());
    }

    #[test]
    fn penalties_join_those_that_punish_a_provision_of_the_same_group() {
        // Units: 0, 1 provisions of doc 0; 2 its penalty of 0; 3 provision of doc 1 grouped with
        // 0; 4 provision of doc 1 grouped with 1; 5 penalty of doc 1 punishing 3 and 4 (one
        // each: the tie goes to the group doc 0 has a penalty for); 6 penalty of doc 1 punishing 4.
        // 7 is a provision of doc 1 with no counterpart, punished by 8 (doc 1), which stays with
        // 9 (doc 0, a penalty citing nothing) where their wording put them.
        let clusters = vec![vec![0, 3], vec![1, 4], vec![2, 5, 6, 8, 9], vec![7]];
        let punished = vec![
            vec![],
            vec![],
            vec![0],
            vec![],
            vec![],
            vec![3, 4],
            vec![4],
            vec![],
            vec![7],
            vec![],
        ];
        let doc_of = [0, 0, 0, 1, 1, 1, 1, 1, 1, 0];
        let mut out = by_provision(clusters.clone(), &punished, &doc_of, false, &[], false);
        out.iter_mut().for_each(|c| c.sort_unstable());
        out.sort();
        assert_eq!(
            out,
            vec![
                vec![0, 3],
                vec![1, 4],
                vec![2, 5],
                vec![6],
                vec![7],
                vec![8, 9]
            ]
        );
    }

    #[test]
    fn a_provision_is_replaced_only_when_its_sentence_votes_outweigh_its_own_group() {
        // Units: 0 a definitions article of doc 0 grouped with 1 (doc 1); 2 a duty article of
        // doc 1 grouped with 3 (doc 2). Penalty 4 (doc 0) punishes 0, whose matching sentence's
        // best matches are 2 (score 0.5) and 3 (0.4) against 1 (0.6): the duty group wins (0.9).
        // Penalty 5 (doc 0) punishes 0 too, but only 1 votes elsewhere: 0 stays its provision.
        // Penalty 6 cites 2, an article without votes: kept as cited.
        let clusters = vec![vec![0, 1], vec![2, 3], vec![4, 5, 6]];
        let punished = vec![vec![], vec![], vec![], vec![], vec![0], vec![0], vec![2]];
        let mut votes = vec![Vec::new(); 7];
        votes[4] = vec![(0, vec![(1, 0.6), (2, 0.5), (3, 0.4)])];
        votes[5] = vec![(0, vec![(1, 0.6), (2, 0.5)])];
        let out = by_paragraph(&clusters, &punished, &votes);
        assert_eq!(out[4], vec![2]);
        assert_eq!(out[5], vec![0]);
        assert_eq!(out[6], vec![2]);
        assert!(out[..4].iter().all(|p| p.is_empty()));
    }

    #[test]
    fn with_apart_a_group_given_two_penalties_of_one_document_from_two_groups_takes_none() {
        // Units: 0 provision of doc 0 grouped with 1 (doc 1). Penalties 2 and 3 of doc 0, put
        // apart by their wording (with 4 and 5 of doc 1), both punish 0; 4 and 5 punish 1.
        let clusters = vec![vec![0, 1], vec![2, 4], vec![3, 5]];
        let punished = vec![vec![], vec![], vec![0], vec![0], vec![1], vec![1]];
        let doc_of = [0, 1, 0, 0, 1, 1];
        let run = |apart| {
            let mut out = by_provision(clusters.clone(), &punished, &doc_of, apart, &[], false);
            out.iter_mut().for_each(|c| c.sort_unstable());
            out.sort();
            out
        };
        assert_eq!(run(false), vec![vec![0, 1], vec![2, 3, 4, 5]]);
        assert_eq!(run(true), vec![vec![0, 1], vec![2, 4], vec![3, 5]]);
    }

    #[test]
    fn references_to_the_own_regulation_are_read_and_other_laws_skipped() {
        assert_eq!(
            cited("违反本条例第十五条、第十六条规定的，处以罚款。"),
            vec![(15, 0), (16, 0)]
        );
        assert_eq!(
            cited("违反本条例第九条至第十二条规定"),
            vec![(9, 0), (10, 0), (11, 0), (12, 0)]
        );
        assert_eq!(
            cited("依照《中华人民共和国动物防疫法》第三十条、第三十一条处理；违反第8条的，罚款。"),
            vec![(8, 0)]
        );
        // An inserted article is its own: 第四条之一 is not 第四条.
        assert_eq!(
            cited("违反本办法第4条之一、第五条之规定野外用火的，罚款。"),
            vec![(4, 1), (5, 0)]
        );
        assert_eq!(cited("违反第十七条之二规定的"), vec![(17, 2)]);
        assert!(cited("第一章 总则").is_empty());
        assert!(cited("每年第一季度").is_empty());
    }
}
