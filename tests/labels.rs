//! Group labels name the matter: measured against the annotators' own topics on the dev families
//! of regulations (the five district work rules, four cities' 养犬管理条例, and the alignment golds
//! of 古树名木保护条例 and 节约用水条例). For every gold group
//! of several documents, the predicted group holding most of its articles is taken, and its label
//! counts when one of its terms shares a word with the annotators' topic (one contains the other,
//! at least two characters). The share is pinned per family, and on seven families whose topics
//! were written by hand for guize's own groups (four cities' 烟花爆竹燃放管理条例, 山体保护条例 and
//! 湿地保护条例, held out when they were built and dev families since; 扬尘污染防治条例,
//! 文物保护条例, 饮用水水源保护条例 and 市政设施管理条例, built as dev families). The weather gold (four
//! 气象灾害防御条例) is held out: measured, its misses never printed.

mod shared;

use guize::align::{Alignment, Params, align_with, eval};
use guize::corpus::Corpus;
use guize::model::Regulation;
use guize::segment::Segmenter;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The documents aligned with the default settings, or with `GUIZE_LABEL_SETTINGS` (a JSON
/// object of settings as `Params::overridden` reads them: {"labels.shared_docs": 1.0}) for
/// comparing settings of the labels family by family.
fn align(docs: &[Regulation]) -> Alignment {
    let params = std::env::var("GUIZE_LABEL_SETTINGS")
        .map(|json| Params::overridden(&json).expect("GUIZE_LABEL_SETTINGS parses"))
        .unwrap_or_default();
    align_with(&docs.iter().collect::<Vec<_>>(), &params)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[derive(serde::Deserialize)]
struct GoldFile {
    groups: Vec<eval::GoldGroup>,
    #[serde(default)]
    sources: BTreeMap<String, String>,
}

fn gold(name: &str) -> GoldFile {
    let path = root().join("tests/data").join(name);
    let text = std::fs::read_to_string(&path).expect("gold fixture");
    serde_json::from_str(&text).expect("gold parses")
}

/// A family's regulations (the gold's `sources`) copied from `../shared/corpora/lawrefbook` into
/// a temporary folder.
fn family_corpus(family: &str, gold: &GoldFile) -> Corpus {
    let dir = std::env::temp_dir().join(format!("guize-labels-{family}-{}", std::process::id()));
    shared::copy_sources(&gold.sources, &dir);
    let corpus = Corpus::load(&dir).expect("family corpus loads");
    std::fs::remove_dir_all(&dir).ok();
    corpus
}

/// A lawrefbook family aligned and its labels scored against the topics of `file`.
fn on_family(family: &str, file: &str) -> (f64, Vec<(String, String)>, Alignment) {
    let gold = gold(file);
    let corpus = family_corpus(family, &gold);
    let alignment = align(&corpus.docs);
    show_all(family, &alignment, &corpus);
    let (score, misses) = label_score(&gold, &alignment);
    report_fragments(family, &corpus, &alignment);
    (score, misses, alignment)
}

/// Why a label term is a fragment of what the members write, if it is one: every occurrence of it
/// in `texts` follows a number (小时通信 of 24小时通信畅通: the unit of a number), or has the same
/// lone character jieba left after it (a noun or classifier: 部门工作台 of 部门工作台帐) or before it
/// (an adjective or distinguishing word: 时代社会主义 of 新时代社会主义), or starts or ends inside a
/// word of jieba's cut (建设生活 of 建设生活垃圾); or the members never write it as it stands.
fn fragment(term: &str, texts: &[&str]) -> Option<&'static str> {
    let seg = Segmenter::global();
    let number = |t: &str| {
        !t.is_empty()
            && t != "一"
            && t.chars().all(|c| {
                c.is_ascii_digit()
                    || ('０'..='９').contains(&c)
                    || "〇零一二三四五六七八九十百千万两".contains(c)
            })
    };
    let lone = |t: &str, tags: &[&str]| {
        let mut chars = t.chars();
        let one = matches!((chars.next(), chars.next()), (Some(c), None) if !c.is_ascii() && c.is_alphabetic());
        let tag = seg.pos(t);
        one && ![
            "内", "外", "中", "上", "下", "前", "后", "里", "间", "时", "省", "市", "县", "区",
            "乡", "镇",
        ]
        .contains(&t)
            && tags.iter().any(|p| tag.starts_with(p))
    };
    let (mut n, mut numbered, mut inside) = (0, 0, 0);
    let (mut before, mut after): (Vec<Option<&str>>, Vec<Option<&str>>) = (vec![], vec![]);
    for text in texts {
        let tokens = seg.tokens(text);
        for (at, _) in text.match_indices(term) {
            n += 1;
            let end = at + term.len();
            let first = tokens.iter().position(|t| t.start == at);
            let last = tokens.iter().position(|t| t.end == end);
            let (Some(first), Some(last)) = (first, last) else {
                inside += 1;
                before.push(None);
                after.push(None);
                continue;
            };
            let prev = first.checked_sub(1).map(|k| tokens[k].text);
            numbered += usize::from(prev.is_some_and(number));
            before.push(prev.filter(|p| lone(p, &["a", "b"])));
            // A verb's lone noun after it is its object (携带 犬), not a part of it.
            let verb = seg
                .words(term)
                .last()
                .is_some_and(|w| seg.pos(w.text) == "v");
            after.push(
                tokens
                    .get(last + 1)
                    .map(|t| t.text)
                    .filter(|t| !verb && lone(t, &["n", "q"])),
            );
        }
    }
    let same = |v: &[Option<&str>]| {
        v.first()
            .is_some_and(|f| f.is_some() && v.iter().all(|x| x == f))
    };
    if n == 0 {
        Some("not written")
    } else if numbered == n {
        Some("after a number")
    } else if inside == n {
        Some("inside a word")
    } else if same(&after) || same(&before) {
        Some("torn")
    } else {
        None
    }
}

/// The groups of several documents whose label holds a fragment ([`fragment`]), as (label, term,
/// why); the standard types' names are data, not terms cut from the text.
fn fragments(corpus: &Corpus, alignment: &Alignment) -> Vec<(String, String, &'static str)> {
    let groups: Vec<(String, BTreeMap<String, Vec<u32>>)> = alignment
        .groups
        .iter()
        .map(|g| {
            let members = g
                .members
                .iter()
                .map(|(d, ns)| (d.as_str().to_string(), ns.clone()))
                .collect();
            (g.label.clone(), members)
        })
        .collect();
    fragments_of(corpus, &groups)
}

/// [`fragments`] of groups given as (label, members).
fn fragments_of(
    corpus: &Corpus,
    groups: &[(String, BTreeMap<String, Vec<u32>>)],
) -> Vec<(String, String, &'static str)> {
    let types = std::fs::read_to_string(root().join("corpus/article-types.tsv")).expect("types");
    let kinds: Vec<&str> = types
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .collect();
    let mut out = Vec::new();
    for (label, members) in groups.iter().filter(|(_, m)| m.len() > 1) {
        let texts: Vec<&str> = members
            .iter()
            .filter_map(|(d, ns)| {
                corpus
                    .docs
                    .iter()
                    .find(|r| r.id.as_str() == d)
                    .map(|doc| (doc, ns))
            })
            .flat_map(|(doc, ns)| ns.iter().filter_map(move |&n| doc.article(n)))
            .map(|a| a.norm.as_str())
            .collect();
        // A penalty's first own term is the duty it enforces, written in the article it cites, not
        // in the members.
        let penalty = label.split('·').any(|t| t == "法律责任");
        let own = label.split('·').filter(|t| !kinds.iter().any(|k| k == t));
        for term in own.skip(usize::from(penalty)) {
            if let Some(why) = fragment(term, &texts) {
                out.push((label.clone(), term.to_string(), why));
            }
        }
    }
    out
}

/// Prints how many labels of several documents hold a fragment, by kind, with the labels.
fn report_fragments(name: &str, corpus: &Corpus, alignment: &Alignment) {
    let several = alignment
        .groups
        .iter()
        .filter(|g| g.members.len() > 1)
        .count();
    print_fragments(name, &fragments(corpus, alignment), several);
}

fn print_fragments(name: &str, found: &[(String, String, &'static str)], several: usize) {
    let mut by: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, _, why) in found {
        *by.entry(why).or_default() += 1;
    }
    let mut labels: Vec<&str> = found.iter().map(|(l, _, _)| l.as_str()).collect();
    labels.dedup();
    eprintln!(
        "{name}: fragments in {} labels of {several} {by:?}",
        labels.len()
    );
    for (label, term, why) in found {
        eprintln!("  fragment {term} ({why}) in {label}");
    }
}

/// With `GUIZE_FRAGMENTS_CORPUS` set to a folder (the 472 of lawrefbook's 山东地方法规), that
/// corpus aligned and its fragment labels counted and printed (a study, not a check).
#[test]
fn fragments_counted_on_a_corpus() {
    let Some(dir) = std::env::var_os("GUIZE_FRAGMENTS_CORPUS") else {
        return;
    };
    let corpus = Corpus::load(std::path::Path::new(&dir)).expect("corpus loads");
    // With `GUIZE_FRAGMENTS_JSON`, the groups of a saved `guize align --json` of that corpus
    // (another build's labels) instead of aligning it here.
    if let Some(file) = std::env::var_os("GUIZE_FRAGMENTS_JSON") {
        #[derive(serde::Deserialize)]
        struct Saved {
            groups: Vec<SavedGroup>,
        }
        #[derive(serde::Deserialize)]
        struct SavedGroup {
            label: String,
            members: BTreeMap<String, Vec<u32>>,
        }
        let text = std::fs::read_to_string(file).expect("alignment JSON");
        let saved: Saved = serde_json::from_str(&text).expect("alignment JSON parses");
        let groups: Vec<(String, BTreeMap<String, Vec<u32>>)> = saved
            .groups
            .into_iter()
            .map(|g| (g.label, g.members))
            .collect();
        let several = groups.iter().filter(|(_, m)| m.len() > 1).count();
        print_fragments("saved", &fragments_of(&corpus, &groups), several);
        return;
    }
    let alignment = align(&corpus.docs);
    show_all("corpus", &alignment, &corpus);
    report_fragments("corpus", &corpus, &alignment);
}

/// No label names a fragment of what its members write ([`fragment`]): a number's unit (小时通信
/// of 24小时通信畅通 named 环翠 第七十八条), a term torn off a character of its own (部门工作台 of
/// 部门工作台帐; 科技活动 of 科技活动周) or cut inside a word (工作责任 of 工作责任制, 安全管理 of
/// 安全管理制度). Checked on the five and on two lawrefbook families, four 科学技术普及条例 and four
/// 城市供水条例 (labels holding one, before → after: 11 → 1 on the dev families, 34 → 10 of the
/// 472 山东 regulations' 4,065 groups of several documents).
#[test]
fn labels_hold_no_fragment_of_what_the_members_write() {
    // The checker catches the cuts it is about, and not a word written whole.
    assert_eq!(
        fragment("小时通信", &["政府组成人员要保持24小时通信畅通。"]),
        Some("after a number")
    );
    assert_eq!(
        fragment("部门工作台", &["全部纳入政府及部门工作台帐，清单化管理"]),
        Some("torn")
    );
    assert_eq!(
        fragment("时代社会主义", &["积极融入新时代社会主义现代化强省"]),
        Some("torn")
    );
    assert_eq!(
        fragment("工作责任", &["认真落实工作责任制，严格"]),
        Some("inside a word")
    );
    assert_eq!(
        fragment("部门工作台帐", &["全部纳入政府及部门工作台帐，清单化管理"]),
        None
    );
    assert_eq!(
        fragment("养犬", &["养犬人应当遵守", "单位养犬的，应当"]),
        None
    );
    let corpus = Corpus::load(&root().join("corpus")).expect("seed corpus loads");
    let alignment = align(&corpus.docs);
    // One is left on the five: 部门主要负责人, written after 区政府 and 主办 (政府部门 and
    // 主办部门 are words of jieba's cut), so no one word makes it whole.
    let found = fragments(&corpus, &alignment);
    assert!(
        found.len() <= 1 && found.iter().all(|(_, _, why)| *why == "inside a word"),
        "five: {found:?}"
    );
    let lone = label_of(&alignment, "huancui", 78);
    assert!(!lone.contains("小时"), "huancui 78: {lone}");
    for (family, file) in [
        ("science-fragments", "alignment-dev-science.json"),
        ("supply-fragments", "alignment-dev-supply.json"),
    ] {
        let gold = gold(file);
        let corpus = family_corpus(family, &gold);
        let alignment = align(&corpus.docs);
        let found = fragments(&corpus, &alignment);
        assert!(found.is_empty(), "{family}: {found:?}");
    }
}

/// Whether a label term and the topic share a word of two characters or more.
fn shares_a_word(label: &str, topic: &str) -> bool {
    let seg = Segmenter::global();
    let topic_words: Vec<&str> = seg
        .words(topic)
        .into_iter()
        .map(|t| t.text)
        .filter(|w| w.chars().count() >= 2)
        .collect();
    label.split('·').any(|term| {
        let term_words: Vec<&str> = seg
            .words(term)
            .into_iter()
            .map(|t| t.text)
            .filter(|w| w.chars().count() >= 2)
            .collect();
        topic_words
            .iter()
            .any(|w| term.contains(w) || term_words.iter().any(|t| topic.contains(t)))
    })
}

/// Share of multi-document gold groups whose predicted label shares a word with their topic, and
/// the misses as (topic, label).
fn label_score(gold: &GoldFile, alignment: &Alignment) -> (f64, Vec<(String, String)>) {
    let (mut hits, mut total, mut misses) = (0, 0, Vec::new());
    for g in gold.groups.iter().filter(|g| g.members.len() > 1) {
        let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
        for (doc, numbers) in &g.members {
            for n in numbers {
                if let Some(p) = alignment.group_of(&doc.as_str().into(), *n) {
                    *votes.entry(p.id.as_str()).or_default() += 1;
                }
            }
        }
        let Some(best) = votes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .and_then(|(id, _)| alignment.group(id))
        else {
            continue;
        };
        total += 1;
        if shares_a_word(&best.label, &g.topic) {
            hits += 1;
        } else {
            misses.push((g.topic.clone(), best.label.clone()));
        }
    }
    (hits as f64 / total.max(1) as f64, misses)
}

/// With `GUIZE_LABELS_ALL` set, every group of several documents with its label and members, for
/// reading by hand; set to `text`, each member's text too; set to `every`, the groups of one
/// document as well.
fn show_all(name: &str, alignment: &Alignment, corpus: &Corpus) {
    let Some(mode) = std::env::var_os("GUIZE_LABELS_ALL") else {
        return;
    };
    let every = mode == "every";
    for g in alignment
        .groups
        .iter()
        .filter(|g| every || g.members.len() > 1)
    {
        let members: Vec<String> = g
            .members
            .iter()
            .map(|(d, ns)| format!("{d} {ns:?}"))
            .collect();
        eprintln!("{name}: {:<24} {}", g.label, members.join(", "));
        if mode != "text" {
            continue;
        }
        for (d, ns) in &g.members {
            let Some(doc) = corpus.docs.iter().find(|r| &r.id == d) else {
                continue;
            };
            for a in ns.iter().filter_map(|&n| doc.article(n)) {
                eprintln!("    {d} {}: {}", a.number, a.text.replace('\n', " "));
            }
        }
    }
}

fn check(name: &str, score: f64, misses: &[(String, String)], floor: f64) {
    eprintln!("{name}: labels sharing a word with the topic {score:.3}");
    for (topic, label) in misses {
        eprintln!("  topic {topic:<30} label {label}");
    }
    // Comparing settings (`GUIZE_LABEL_SETTINGS`), every family is measured, none stops the rest.
    if std::env::var_os("GUIZE_LABEL_SETTINGS").is_none() {
        assert!(score >= floor, "{name}: {score:.3} < {floor}");
    }
}

#[test]
fn labels_name_the_matter_on_the_five() {
    let corpus = Corpus::load(&root().join("corpus")).expect("seed corpus loads");
    let alignment = align(&corpus.docs);
    show_all("five", &alignment, &corpus);
    let (score, misses) = label_score(&gold("alignment-dev.json"), &alignment);
    report_fragments("five", &corpus, &alignment);
    // 0.933 (42 of 45) since the opening clauses weigh more; the penalty, phrase, subject-phrase
    // and fragment steps keep it. 0.956 (43 of 45) once the items of an enumeration (区政府、
    // 部门; 单位和个人) no longer name a group. 1.000 (45 of 45) once an adverb-adjective used as
    // a verb names a matter (公开 of the two 政务公开 groups, which read 知晓·社会·保密).
    check("five", score, &misses, 0.999);
    // No word names most groups: an actor that opens clause after clause (区政府, 部门) was a
    // term of about a third of the labels before its opening weight was scaled by its spread
    // over the groups; now no term is in more than a tenth of them (部门 and 区政府组成人员, 8
    // of 86 each).
    let labels: Vec<&str> = alignment
        .groups
        .iter()
        .filter(|g| g.members.len() > 1)
        .map(|g| g.label.as_str())
        .collect();
    let mut terms: BTreeMap<&str, usize> = BTreeMap::new();
    for label in &labels {
        for term in label.split('·') {
            *terms.entry(term).or_default() += 1;
        }
    }
    let types = TYPES;
    if let Some((term, n)) = terms
        .iter()
        .filter(|(t, _)| !types.contains(t))
        .max_by_key(|(_, n)| **n)
    {
        assert!(
            *n * 10 <= labels.len(),
            "{term} is a term of {n} of {} labels",
            labels.len()
        );
    }
    // Labels stay short enough for a table column.
    assert!(
        alignment
            .groups
            .iter()
            .all(|g| g.label.chars().count() <= 16),
        "a label longer than 16 characters"
    );
    // jieba's dictionary lists set phrases of an adverb of manner and a verb (严格遵守, 严格执行,
    // 严格控制) as names or nouns; they named four groups (严格遵守保密纪律, 严格执行财经纪律)
    // until 3 December 2026. No term opens with one (公开 aside: used as a verb it names 政务公开).
    let seg = Segmenter::global();
    let adverb_verb = |term: &str| {
        let chars: Vec<char> = term.chars().collect();
        chars.len() >= 4 && {
            let (head, adverb, verb): (String, String, String) = (
                chars[..4].iter().collect(),
                chars[..2].iter().collect(),
                chars[2..4].iter().collect(),
            );
            seg.has_word(&head)
                && matches!(seg.pos(&adverb), "d" | "ad")
                && matches!(seg.pos(&verb), "v" | "vn")
                && adverb != "公开"
        }
    };
    for label in &labels {
        assert!(
            !label.split('·').any(adverb_verb),
            "{label}: an adverb and a verb"
        );
    }
    // The meeting-system articles (历下 第三十七条: 区政府实行全体会议、常务会议、区长办公会议、
    // 专题会议制度) read 区政府·制度·碰头 when 会议 was made whole into 会议制度 beside 制度 and
    // dropped, and 碰头 (one district's 区长碰头会议) was a verb of one document.
    let meetings = alignment
        .group_of(&"lixia".into(), 37)
        .map(|g| g.label.as_str())
        .unwrap_or_default();
    assert!(meetings.contains("会议制度"), "{meetings}");
    assert!(!meetings.contains("碰头"), "{meetings}");
}

#[test]
fn labels_name_the_matter_on_the_dogs() {
    let (score, misses, alignment) = on_family("dogs", "alignment-dev-dogs.json");
    // Measured 0.68 (17 of 25) on the alignment before its paragraph-evidence step, 0.64 (16 of
    // 25) with it (the groups changed, so do their labels), 0.76 (19 of 25) once the words of
    // the members' opening clauses (the subject: 犬只死亡的，…) weigh more and drafting words
    // (条例, 下列, 依法, 违反) are left out, 0.80 (20 of 25) once a penalty group's label leaves
    // out the penalty type's own words (罚款, 责令, 改正) and weighs the words of the articles
    // its members cite. The goal is 0.9; the misses left are two penalty groups named by the
    // conduct (清除·粪便, 户籍·住所) rather than the duty, and matters named by an attribute
    // (烈性·大型犬 for 禁养犬种) or a step (死亡·深埋 for 犬只尸体处理). 0.84 (21 of 25) once a
    // penalty group is named first by the label of the group its members cite (法律责任·携犬出户·…)
    // and its subject phrases, light verbs (实行, 负责) and fragment repair came in. 0.88 (22 of
    // 25) once the items of an enumeration (烈性犬和大型犬, 居民委员会、村民委员会) weigh less by
    // the share of their occurrences written as items (养犬 now names the keeping conditions).
    // 0.84 (21 of 25) once the alignment's meaning term regrouped the penalties (the groups
    // changed, so do their labels: 法律责任·制度·办理 where it read 法律责任·制度·办理养犬).
    // 0.92 (23 of 25) with the alignment of 2 December 2026 (its groups changed), and kept by
    // the definitions, principles and prohibitions types (管理原则 reads 基本原则·参与·相结合).
    check("dogs", score, &misses, 0.92);
    // A penalty group is named by what it enforces, never by the penalty itself.
    for g in alignment
        .groups
        .iter()
        .filter(|g| g.label.starts_with("法律责任"))
    {
        assert!(
            !g.label
                .split('·')
                .any(|t| ["罚款", "责令", "改正"].contains(&t)),
            "penalty group labelled by its penalty: {}",
            g.label
        );
    }
}

/// Four cities' 烟花爆竹燃放管理条例, held out when built, a dev family of the labels since. Its topics were written
/// by reading guize's own multi-document groups, before their labels were looked at
/// (`tests/data/label-topics-fireworks.json`).
#[test]
fn labels_name_the_matter_on_the_fireworks() {
    let (score, misses, _) = on_family("fireworks", "label-topics-fireworks.json");
    // 0.810 (17 of 21) with the method as it stood when the topics were written; 0.857 (18 of 21)
    // after the subject phrases, the cited duty of penalties and the fragment repair, which were
    // worked out on the five and the dogs only. 1.000 (21 of 21) with the duties type (部门职责,
    // data) and enumeration items weighing less; this family's three misses were read while
    // those were worked out, so it is no longer strictly held out (the mountains below are).
    // 0.952 (20 of 21) once the opening clause's weight is scaled by the word's spread over the
    // groups (an actor or head word that opens most groups' clauses gains little there): the
    // 经营 penalty's cited group now leads with 批发, so it reads 法律责任·批发·从事.
    // Also 0.952 once the aligner groups penalties by the provision they punish: 重庆 17
    // (未经许可生产、经营) joins 重庆 19 and 烟台 16 (经营 penalties) and 临沂 18 (燃放服务) leaves.
    // 1.000 (21 of 21) once a penalty is named by its conduct, not its sanction, and a duty cited
    // by fewer than half its members does not name it (法律责任·批发·烟花爆竹 →
    // 法律责任·烟花爆竹·经营者).
    check("fireworks", score, &misses, 0.999);
}

/// Four cities' 山体保护条例, held out when built, a dev family of the labels since. Built before the labels'
/// issue-12 part-2 changes were tried: topics written by reading guize's own multi-document
/// groups before their labels were looked at, the family's head word (山体) left out of a topic
/// unless the matter is named by it (`tests/data/label-topics-mountains.json`).
#[test]
fn labels_name_the_matter_on_the_mountains() {
    let (score, misses, _) = on_family("mountains", "label-topics-mountains.json");
    // 0.750 (24 of 32) with the labels as they stood when the topics were written; 0.781 (25 of
    // 32) after the duties type and the enumeration items, which were worked out on the five,
    // the dogs and the fireworks only.
    // 0.969 (31 of 32) once the opening clause's weight is scaled by the word's spread over the
    // groups (worked out on the five, the dogs and the fireworks; measured here only after it
    // was chosen).
    // A dev family of the labels since settings are chosen over all families with topics.
    // 1.000 (32 of 32) once a bag led by a generic party on duty is built again with its parties
    // and bare verbs last (人民政府·建立·机制 → 机制·联席会议·保护措施).
    check("mountains", score, &misses, 0.999);
}

/// Four cities' 湿地保护条例, held out when built, a dev family of the labels since (郑州 2020, 洛阳 2021, 东营
/// 2020, 德州 2018). Built before the actor and head-word changes of the labels were tried: topics
/// written by reading guize's own 44 multi-document groups before their labels were looked at,
/// the head word (湿地) left out of a topic unless the matter is named by it
/// (`tests/data/label-topics-wetlands.json`).
#[test]
fn labels_name_the_matter_on_the_wetlands() {
    let (score, misses, _) = on_family("wetlands", "label-topics-wetlands.json");
    // 0.795 (35 of 44) with the labels as they stood when the topics were written; 0.818 (36 of
    // 44) once the opening clause's weight is scaled by the word's spread over the groups
    // (chosen on the five, the dogs and the fireworks before this was measured). 0.886 (39 of
    // 44) once definitions (定义·季节性积水), principles (基本原则·功能·生态) and prohibitions
    // (禁止行为·破坏·排放) are standard types: three of its misses were read to find them, so for
    // that change this family is no longer held out (the alignment golds below are). 0.909 (40
    // of 44) once the verbs every drafter writes of any matter (保持, 采用, 执行, 纳入 …) never
    // label: the technical-standards group read 生态功能·采用. 0.932 (41 of 44) once a bag led by
    // a generic party on duty is built again with its parties and bare verbs last
    // (人民政府·生态特征 → 生态特征·小区).
    check("wetlands", score, &misses, 0.93);
}

/// Two families nobody tuned the labels to, built on 4 December 2026 as dev families: four
/// cities' 扬尘污染防治条例 (滨州 2019, 德州 2019, 漯河 2019, 商丘 2020) and 文物保护条例 (开封 2018,
/// 南阳 2019, 日照 2020, 潍坊 2020). Topics written by reading guize's own multi-document groups
/// before their labels were looked at, the head word (扬尘, 文物) left out of a topic unless the
/// matter is named by it (`tests/data/label-topics-dust.json`, `label-topics-relics.json`).
#[test]
fn labels_name_the_matter_on_the_dust_and_the_relics() {
    for (family, file, floor) in [
        // Measured when the topics were written: dust 0.882 (30 of 34), relics 0.907 (39 of 43).
        // Their misses, read: penalty groups named by the actor who enforces them
        // (法律责任·人民政府·部门) or by their setting (法律责任·生产活动), a verb of degree
        // (文物保护意识·增强) and the place itself (行政区域·时代·历史). Relics 0.930 (40 of 43)
        // once 增强 joined 提高 among the drafting verbs (文物保护意识·宣传教育); the generic
        // parties weighing less in penalties and 行政区域 as a stop word moved labels of both
        // families and no figure (法律责任·人民政府·部门 → 法律责任·人民政府·扬尘). Dust 0.912
        // (31 of 34) once the family's head words (扬尘, 污染) are ranked after the group's own
        // in a label that held one bare (法律责任·建设单位·扬尘污染 → 法律责任·建设单位·费用).
        // Dust 0.971 (33 of 34) and relics 0.953 (41 of 43) once a penalty is named by its
        // conduct, not its sanction (法律责任·人民政府·措施 → 法律责任·措施·作业, 法律责任·生产活动
        // → 法律责任·生产活动·哄抢), and a duty cited by fewer than half its members does not name
        // it (法律责任·监理单位·职责 → 法律责任·措施·易产生).
        ("dust", "label-topics-dust.json", 0.97),
        // Relics 0.930 (40 of 43) once 开封's source, whose 第二章 heading lost its number
        // (`不可移动文物` alone between two articles), is read with that chapter restored: its
        // chapters, and so its groups, moved.
        ("relics", "label-topics-relics.json", 0.93),
    ] {
        let (score, misses, _) = on_family(family, file);
        check(family, score, &misses, floor);
    }
}

/// Two more families nobody tuned the labels to, built on 5 December 2026 as dev families: four
/// cities' 饮用水水源保护条例 (丽水 2017, 烟台 2017, 枣庄 2018, 驻马店 2019) and 市政设施管理条例
/// (济南 2015, 洛阳 2005, 宁波 2016, 驻马店 2020). Topics written by reading guize's own
/// multi-document groups before their labels were looked at, the head word (饮用水水源, 市政设施)
/// left out of a topic unless the matter is named by it (`tests/data/label-topics-drinking.json`,
/// `label-topics-municipal.json`).
#[test]
fn labels_name_the_matter_on_the_drinking_water_sources_and_the_municipal_facilities() {
    for (family, file, floor) in [
        // Measured when the topics were written: drinking 0.853 (29 of 34), municipal 0.909 (40
        // of 44). Their misses, read: bags of a party and the family's head word (辖区·水源,
        // 人民政府·市政设施, 市政·建设单位), a penalty named by a minor cited duty
        // (法律责任·标志·批准), drafting words (保护区·优先·考虑) and the two definition groups,
        // whose topic says 用语的含义 where the label says 定义. Drinking 0.882 (30 of 34) and
        // municipal 0.932 (41 of 44) once the family's head words are ranked after the group's
        // own words in a label that held one bare (市政·建设单位 → 建设单位·移交; 辖区·水源 →
        // 辖区·人民政府 counts through 政府 and reads no better). Municipal 0.955 (42 of 44) once a
        // bag led by a generic party on duty is built again with its parties and bare verbs last
        // (人民政府·管理·建立 → 管理·机制·财政投入). Drinking 0.912 (31 of 34) once a penalty is
        // named by its conduct, not its sanction (法律责任·标志·批准 → 法律责任·行为·保护区: 批准 of
        // 报经有批准权的人民政府批准, 标志 of a duty cited by 1 of 12 members). Drinking 0.941 (32
        // of 34) once publicity and commendations are standard types (普及·保护意识·新闻媒体 →
        // 宣传教育·普及·保护意识).
        ("drinking", "label-topics-drinking.json", 0.94),
        // Municipal 0.932 (41 of 44) once 驻马店's 第三章 养护和维修, whose heading lost its
        // number, is restored: its chapters, and so its groups, moved.
        ("municipal", "label-topics-municipal.json", 0.93),
    ] {
        let (score, misses, _) = on_family(family, file);
        check(family, score, &misses, floor);
    }
}

/// The alignment golds of `tests/align.rs` on two more families (four 古树名木保护条例, four
/// 节约用水条例), whose annotators wrote a topic for every group before guize labelled any of
/// them. They were held out until the definitions, principles and prohibitions types and the
/// fragment rule were measured; since then they are dev families of the labels too (their
/// misses are read and settings are chosen on them with the others).
#[test]
fn labels_name_the_matter_on_the_dev_alignment_golds() {
    for (family, file, floor) in [
        // Measured once while held out, 2 December 2026: trees 0.889 (24 of 27), water 0.952 (40
        // of 42). Trees 1.000 (27 of 27) once a subject phrase leads only when it opens mostly
        // its own group's clauses (古树名木主管部门 opens many: 定期检查 read
        // 古树名木主管部门·养护·组织) and the modal words 可能, 无法 never label (移植 read
        // 可能·无法·措施). With penalties joined by the offence their conditions state
        // (`offence.join`, off) trees would read 0.963 (26 of 27): 国家 26 (a lone penalty)
        // joining the 砍伐/刻划 penalty group costs one gold group its label's word.
        ("trees", "alignment-heldout-trees.json", 0.999),
        // Water 0.976 (41 of 42) once 减少, 降低 and 考虑 joined the drafting verbs
        // (维修·保养·减少 → 维修·保养·用水).
        ("water", "alignment-heldout-water.json", 0.97),
        // Vehicles and inspection: 0.833 each when added, 0.867 and 0.917 once a penalty that
        // cites no rule is a penalty (the liability of officials, 的，…给予…处分 and
        // 犯罪的，…追究刑事责任, read 整改·处分·情节严重 and 行为·监督管理·登记). Vehicles 0.900
        // (27 of 30) once 到 and 至 lead a place as prepositions do (所有人·人到 of 驾驶人到 →
        // 所有人·指定); inspection 0.958 (23 of 24) once a list framed before a comma opens up
        // to its colon (对下列事项，组织开展评估监测： read 水平情况 of its items). Inspection 1.000
        // (24 of 24) once a bag led by a generic party on duty is built again with its parties
        // and bare verbs last (人民政府·学校·综合 → 学校·综合督导); vehicles 0.900 still (限行
        // 人民政府·大气环境·限制 → 大气环境·措施·区域 gained, the government's duties
        // 人民政府·污染 → 排气污染 lost). Vehicles 0.933 (28 of 30) once a penalty is named by its
        // conduct, not its sanction, and 符合规定 names no rule (法律责任·标准·管理权 of
        // 由依法行使监督管理权的部门…处理 → 法律责任·标准·燃料). Vehicles 0.900 (27 of 30) once
        // lone articles join by the meaning of their paragraphs (`matter`): the group of
        // 部门协作、信息共享 gains its fourth document's article (广东 8, a true link) and its
        // label moves 建立·主管部门·污染 → 污染·定期.
        ("vehicles", "alignment-dev-vehicles.json", 0.9),
        ("inspection", "alignment-dev-inspection.json", 0.999),
        // Volunteer and budget, measured when added (5 December 2026): 0.974 and 0.805. Budget
        // 0.829 (34 of 41) once a list of conduct punished by an authority is a penalty
        // (有下列行为之一的，由人大常委会给予通报 read 行为·处理). Budget 0.854 (35 of 41) once a
        // body that follows the regulation (…参照本条例执行) is a type (审查监督工作 →
        // 参照执行·审查监督).
        ("volunteer", "alignment-dev-volunteer.json", 0.97),
        // Budget 0.878 (36 of 41) once a verb most of lawrefbook's regulations write names no
        // matter (`labels.verb_spread`: 组织 of 组织实施, 组织开展 and 其他组织).
        ("budget", "alignment-dev-budget.json", 0.875),
        // Water supply and household waste, measured when added (5 December 2026), before any
        // change: 0.897 and 0.804; the same after a bag led by a generic party on duty was built
        // again with its parties and bare verbs last; the same once a penalty is named by its
        // conduct (法律责任·划定·设施 → 法律责任·设施·企业, still a miss). Waste 0.843 (43 of 51)
        // once publicity and commendations are standard types (源头·减量·分类 →
        // 宣传教育·源头·减量, 突出贡献·优异成绩·管理工作 → 表彰奖励·突出贡献·优异成绩). Supply
        // 0.923 (36 of 39) once a penalty referred to other laws is a type (行政处罚·管理·处理 →
        // 适用其他法律). Supply 0.949 (37 of 39) once a principle stated outside a regulation's
        // 总则 is no principles article (the price articles, 城市供水价格实行政府定价…的原则:
        // 基本原则·行政主管部门 → 供水价格·定价·城市居民).
        ("supply", "alignment-dev-supply.json", 0.94),
        // Waste 0.863 (44 of 51) with `labels.verb_spread` too.
        ("waste", "alignment-dev-waste.json", 0.86),
        // Greening and civil conduct, measured when added (5 December 2026), before any change:
        // 0.889 (24 of 27) and 0.850 (17 of 20). Greening 0.926 (25 of 27) once officials'
        // liability handed to another body (…徇私舞弊行为的，由有权机关依法给予处理) is a penalty
        // (滥用职权·行为·机关 → 法律责任·滥用职权·城市).
        ("greening", "alignment-dev-greening.json", 0.92),
        ("civility", "alignment-dev-civility.json", 0.849),
        // Four 科学技术普及条例, measured when added (5 December 2026), before any change: 0.846
        // (22 of 26).
        // 0.885 (23 of 26) once a bag of predicates is led by the group's noun
        // (开设·制作·发行 → 宣传·开设·制作).
        ("science", "alignment-dev-science.json", 0.88),
        // Four 法律援助条例, measured when added (5 December 2026), before any change: 0.848.
        // 0.879 (29 of 33) once a rare idiom the documents share names a matter
        // (`labels.adjective_spread`: 行为·损害·公民 → 见义勇为·行为·损害).
        ("aid", "alignment-dev-aid.json", 0.875),
        // Four 防震减灾条例, measured when added (5 December 2026), before any change: 0.974.
        ("quake", "alignment-dev-quake.json", 0.97),
        // Four 基本农田保护条例, annotated blind and measured when added (5 December 2026), before
        // the round's changes were merged: 0.800 (20 of 25); 0.760 (19 of 25) once the parser
        // read 河南 第二十二条, run into the line before it.
        // 0.800 (20 of 25) once a bag of predicates is led by the group's noun (the
        // monitoring group 采取措施·建立·生产经营 → 采取措施·监测网·生产经营).
        // 0.840 (21 of 25) once a rare adjective the documents share names a matter
        // (`labels.adjective_spread`: 弃耕·组织·农村 → 荒芜·弃耕·农村).
        ("farm", "alignment-dev-farm.json", 0.84),
    ] {
        let (score, misses, alignment) = on_family(family, file);
        check(&format!("{family} (dev gold)"), score, &misses, floor);
        // A rare adjective or idiom the members share names their matter (严禁荒芜基本农田;
        // 公民因实施见义勇为行为…), and 组织 (其他组织, 组织实施) names none.
        let label_of = |doc: &str, n: u32| {
            alignment
                .group_of(&doc.into(), n)
                .map(|g| g.label.clone())
                .unwrap_or_default()
        };
        if family == "farm" && std::env::var_os("GUIZE_LABEL_SETTINGS").is_none() {
            let barren = label_of("beijing", 18);
            assert!(barren.contains("荒芜"), "{barren}");
            assert!(!barren.contains("组织"), "{barren}");
        }
        if family == "aid" && std::env::var_os("GUIZE_LABEL_SETTINGS").is_none() {
            let brave = label_of("shandong", 9);
            assert!(brave.contains("见义勇为"), "{brave}");
        }
        // 时 places a clause in time (注册登记时国家规定的标准): no term is a word with it glued
        // on (时国家 named a group of the vehicles until 5 December 2026).
        let seg = Segmenter::global();
        let glued = |term: &str| {
            term.chars().count() >= 3
                && (term
                    .strip_prefix('时')
                    .is_some_and(|rest| seg.has_word(rest))
                    || term
                        .strip_suffix('时')
                        .is_some_and(|rest| seg.has_word(rest)))
        };
        for g in alignment.groups.iter().filter(|g| g.members.len() > 1) {
            assert!(
                !g.label.split('·').any(glued),
                "{family}: {} glues 时 onto a word",
                g.label
            );
        }
    }
}

/// The blind alignment golds (four 气象灾害防御条例; four 森林防火条例, annotated after that),
/// annotated after the labels were worked on: measured, never tuned on (their misses are not
/// printed, so they cannot be read to design a change).
#[test]
fn labels_name_the_matter_on_the_held_out_golds() {
    // Weather: 0.800 when first measured, 2 December 2026; 0.800 again after the
    // adverb-adjective, subject-phrase and modal-word changes (measured once, after they were
    // chosen on the dev families). Forest: 0.833 on the labels of 2 December 2026 before those
    // changes were merged, 0.810 after them (one group fewer named by a word of its topic): the
    // changes that raised the five and the trees cost this held-out family one group. Gas (four
    // 燃气管理条例, annotated blind on 2 December 2026 after all of that): 0.844 when first measured,
    // 0.867 on the alignment of 3 December 2026 with the cited-title discount, the same with the
    // lone-party, attributive and bridged-compound steps added (measured once after they were
    // chosen; weather 0.800 and forest 0.810 unchanged). All three unchanged (measured once,
    // 2026-12-03) after the one-character adjective and person's-name steps, and again (weather
    // 0.800, forest 0.810, gas 0.844, measured once, 2026-12-03) after the connective,
    // glued-character, party-name, relative-clause and two-noun-compound steps, and again
    // (0.800, 0.810, 0.844, measured once, 2026-12-03) after the noun-headed set phrases and the
    // level-of-the-state fragment, and again (0.800, 0.810, 0.844, measured once, 2026-12-04)
    // after the drafting verbs (保持, 采用, 执行, 纳入 …) and 之日起 joined the stop list, and again
    // (0.800, 0.810, 0.844, measured once, 2026-12-04) after the verbs of aspect, receipt and
    // drafting (开始, 接到, 遵循, 具备 …) and the unnamed rules (已有, 参照) joined it, and again
    // (0.800, 0.810, 0.844, measured once, 2026-12-04) after the lone-character, localizer and
    // frame-noun rules. Forest rose to 0.833 (weather 0.800, gas 0.844; measured once,
    // 2026-12-04) after the verbs of performing, causing and finding (履行, 提供, 发现, 造成 …),
    // the frame nouns 工作 and 要求, the qualifier 行政, the bracket rule and the penalty written
    // 违反本条例，.
    for (family, file, floor) in [
        // 0.800 → 0.833 (measured once, 2026-12-05) after the family's head words were ranked
        // after a group's own words (forest 0.810 → 0.833, gas 0.844 unchanged).
        // 0.833 → 0.867 (measured once, 2026-12-07) after a bag of predicates was led by the
        // group's noun (forest 0.810, gas 0.867 unchanged).
        ("weather", "alignment-heldout-weather.json", 0.86),
        // 0.833 → 0.810 (measured once, 2026-12-04) after the generic parties of a penalty
        // group weighed less and 增强 and 行政区域 joined the stop list (weather 0.800, gas
        // 0.844 unchanged): chosen on the dev families, where no figure fell; its misses were not
        // read.
        // 0.833 again after the head-word rule (measured once, 2026-12-05).
        // 0.833 → 0.810 (measured once, 2026-12-05) with paragraph clusters on (`paras`):
        // links 0.870 → 0.884, one label fewer names its topic.
        ("forest", "alignment-heldout-forest.json", 0.809),
        // 0.867 → 0.844 when the alignment learnt each family's own word equivalents.
        // All three unchanged (weather 0.833, forest 0.833, gas 0.844; measured once,
        // 2026-12-05) after the coverbs 到 and 至, the list lead-in and the verbs of degree and
        // deliberation (减少, 降低, 考虑). All three unchanged again (measured once, 2026-12-05)
        // after a bag led by a generic party on duty was built again with its parties and bare
        // verbs last, and the glued-prefix test was dropped.
        ("gas", "alignment-heldout-gas.json", 0.84),
    ] {
        let gold = gold(file);
        let corpus = family_corpus(family, &gold);
        let alignment = align(&corpus.docs);
        let (score, _) = label_score(&gold, &alignment);
        eprintln!("{family} (held out): labels sharing a word with the topic {score:.3}");
        assert!(score >= floor, "{family}: {score:.3} < {floor}");
    }
}

/// Five 优化营商环境条例 of lawrefbook (云浮 2023, 北京 2020 and 2024, 广东 2022, 重庆 2021): only
/// the purpose articles are labelled 立法目的 (the credit-supervision clause 以…信用信息评价结果等
/// 为依据，制定本行业…监管标准 once was, by a formula read off its bigrams), no two groups share a
/// label, and no label term is a word that names no matter (本市, 出现, 支持, 发展).
#[test]
fn only_purpose_articles_are_purpose_and_labels_are_distinct() {
    let sources: BTreeMap<String, String> = [
        (
            "yunfu",
            "DLC/广东地方法规/地方性法规/广东/云浮市优化营商环境条例(2023-03-03).md",
        ),
        (
            "beijing2020",
            "DLC/北京地方法规/地方性法规/北京/北京市优化营商环境条例(2020-03-27).md",
        ),
        (
            "beijing2024",
            "DLC/北京地方法规/地方性法规/北京/北京市优化营商环境条例(2024-11-29).md",
        ),
        (
            "guangdong",
            "DLC/广东地方法规/地方性法规/广东/广东省优化营商环境条例(2022-06-01).md",
        ),
        (
            "chongqing",
            "DLC/重庆地方法规/地方性法规/重庆/重庆市优化营商环境条例(2021-03-31).md",
        ),
    ]
    .into_iter()
    .map(|(id, path)| (id.to_string(), path.to_string()))
    .collect();
    let corpus = family_corpus(
        "business",
        &GoldFile {
            groups: Vec::new(),
            sources,
        },
    );
    let alignment = align(&corpus.docs);
    show_all("business", &alignment, &corpus);
    let purpose: Vec<_> = alignment
        .groups
        .iter()
        .filter(|g| g.label.split('·').any(|t| t == "立法目的"))
        .collect();
    assert_eq!(
        purpose.len(),
        1,
        "groups labelled 立法目的: {:?}",
        purpose.iter().map(|g| &g.members).collect::<Vec<_>>()
    );
    // The purpose group holds the first article of every document, and nothing else.
    assert!(
        purpose[0].members.len() == 5 && purpose[0].members.values().all(|ns| ns == &vec![1]),
        "the purpose group: {:?}",
        purpose[0].members
    );
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for g in &alignment.groups {
        if let Some(other) = seen.insert(g.label.as_str(), g.id.as_str()) {
            panic!("groups {other} and {} share the label {}", g.id, g.label);
        }
        assert!(
            !g.label
                .split('·')
                .any(|t| ["本市", "本省", "出现", "支持", "发展", "框架内"].contains(&t)),
            "a label term names no matter: {}",
            g.label
        );
    }
}

/// The standard article types' names (`corpus/article-types.tsv`).
const TYPES: [&str; 9] = [
    "立法目的",
    "制定依据",
    "适用范围",
    "施行日期",
    "部门职责",
    "法律责任",
    "定义",
    "基本原则",
    "禁止行为",
];

/// A lawrefbook folder of the given `(id, path)` sources, loaded and aligned.
fn align_sources(family: &str, sources: &[(&str, &str)]) -> (Corpus, Alignment) {
    let sources: BTreeMap<String, String> = sources
        .iter()
        .map(|(id, path)| (id.to_string(), path.to_string()))
        .collect();
    let corpus = family_corpus(
        family,
        &GoldFile {
            groups: Vec::new(),
            sources,
        },
    );
    let alignment = align(&corpus.docs);
    show_all(family, &alignment, &corpus);
    (corpus, alignment)
}

/// The label of the group holding `doc`'s article `article` (empty when it is in none).
fn label_of(alignment: &Alignment, doc: &str, article: u32) -> String {
    alignment
        .group_of(&doc.into(), article)
        .map(|g| g.label.clone())
        .unwrap_or_default()
}

/// Asserts that the group of each `(doc, article)` has a label term holding `word`.
fn labels_hold(alignment: &Alignment, cases: &[(&str, u32, &str)]) {
    for &(doc, article, word) in cases {
        let label = label_of(alignment, doc, article);
        assert!(
            label.split('·').any(|t| t.contains(word)),
            "{doc} {article}: {label}"
        );
    }
}

/// Whether a label term is a function character glued onto a word by jieba's cut: a conjunction
/// of nouns (和, 与, 及, 或) opening a dictionary word whose rest general Chinese writes more often
/// than the whole (和县 = 和 + 县), a preposition closing a localizer (内向 = 内 + 向), or, for a term
/// the dictionary does not hold, a preposition, conjunction or date character opening it
/// (日为…) or a preposition closing a compound of three characters or more (所有权人为).
fn glued_term(term: &str) -> bool {
    let seg = Segmenter::global();
    let chars: Vec<char> = term.chars().collect();
    let (Some(&first), Some(&last)) = (chars.first(), chars.last()) else {
        return false;
    };
    let (first, last) = (first.to_string(), last.to_string());
    let head = &term[first.len()..];
    if seg.has_word(term) {
        let commoner = seg.has_word(head) && seg.frequency(head) > seg.frequency(term);
        return (["和", "与", "及", "或"].contains(&first.as_str()) && commoner)
            || (chars.len() == 2
                && ["内", "外", "中", "上", "下"].contains(&first.as_str())
                && seg.pos(&last) == "p");
    }
    chars.len() >= 2
        && (matches!(seg.pos(&first), "p" | "c" | "m")
            || (chars.len() >= 3 && seg.pos(&last) == "p"))
}

/// Four cities' 生活垃圾管理条例 (北京 2020, 杭州 2019, 山东 2021, 上海 2019), a family nobody tuned
/// the labels to: jieba cuts 市和县（市） as 市·和县 and 三十日内向社会公布 as 日·内向·社会, and
/// those cuts once named groups (环卫·和县·计划, 内向·环卫主管部门). No label term may be a function
/// character glued onto a word.
#[test]
fn no_label_term_is_a_function_character_glued_onto_a_word() {
    let (_, alignment) = align_sources(
        "garbage",
        &[
            (
                "beijing",
                "DLC/北京地方法规/地方性法规/北京/北京市生活垃圾管理条例(2020-09-25).md",
            ),
            (
                "hangzhou",
                "DLC/浙江地方法规/地方性法规/浙江/杭州市生活垃圾管理条例(2019-08-15).md",
            ),
            (
                "shandong",
                "DLC/山东地方法规/地方性法规/山东/山东省生活垃圾管理条例(2021-09-30).md",
            ),
            (
                "shanghai",
                "DLC/上海地方法规/地方性法规/上海/上海市生活垃圾管理条例(2019-01-31).md",
            ),
        ],
    );
    let glued: Vec<&str> = alignment
        .groups
        .iter()
        .filter(|g| {
            // The standard types' names (制定依据) are data, not terms cut from the text.
            g.label
                .split('·')
                .any(|t| !TYPES.contains(&t) && glued_term(t))
        })
        .map(|g| g.label.as_str())
        .collect();
    assert!(glued.is_empty(), "labels with a glued term: {glued:?}");
    // The checker itself catches the cuts it is about.
    assert!(glued_term("和县") && glued_term("内向") && glued_term("日为河南省志愿者"));
    assert!(!glued_term("生活垃圾") && !glued_term("场所") && !glued_term("环卫主管部门"));
}

/// Four cities' 物业管理条例 (北京 2024, 杭州 2021, 湖州 2021, 台州 2021): an article type is given
/// only when most members have its formula. Every group named 基本原则 must have the formula in at
/// least half of its members (a lone article's passing principle, 1 of 2, was enough before). The
/// pricing articles (物业服务收费…), of which two state principles in passing (应当遵循合理、公开…
/// 的原则) and two none, were named 基本原则·物业服务 while the tie held (the other two say two of
/// the type's own words); since a principle outside a regulation's 总则 is no principles article
/// (7 December 2026) they are named by their matter, and no group of the four is 基本原则 (湖州's
/// one principles article, 第三条, is the only member of its group with the formula).
#[test]
fn a_type_is_given_only_when_most_members_have_its_formula() {
    let (corpus, alignment) = align_sources(
        "property",
        &[
            (
                "beijing",
                "DLC/北京地方法规/地方性法规/北京/北京市物业管理条例(2024-03-29).md",
            ),
            (
                "hangzhou",
                "DLC/浙江地方法规/地方性法规/浙江/杭州市物业管理条例(2021-08-09).md",
            ),
            (
                "huzhou",
                "DLC/浙江地方法规/地方性法规/浙江/湖州市物业管理条例(2021-04-06).md",
            ),
            (
                "taizhou",
                "DLC/浙江地方法规/地方性法规/浙江/台州市物业管理条例(2021-04-06).md",
            ),
        ],
    );
    let principle =
        regex::Regex::new("(遵循|坚持|实行|贯彻)[^。；]*(的原则|的方针)").expect("regex");
    for g in alignment
        .groups
        .iter()
        .filter(|g| g.label.split('·').any(|t| t == "基本原则"))
    {
        let texts: Vec<String> = g
            .members
            .iter()
            .flat_map(|(doc, ns)| ns.iter().map(move |n| (doc.clone(), *n)))
            .filter_map(|(doc, n)| {
                let d = corpus.docs.iter().find(|d| d.id == doc)?;
                let a = d.articles.iter().find(|a| a.number == n && a.sub == 0)?;
                Some(a.norm.clone())
            })
            .collect();
        let with = texts.iter().filter(|t| principle.is_match(t)).count();
        assert!(
            with * 2 >= texts.len(),
            "{} is 基本原则 with the formula in {with} of {} members",
            g.label,
            texts.len()
        );
    }
    let pricing = label_of(&alignment, "beijing", 73);
    assert!(
        !pricing.contains("基本原则") && pricing.contains("收费"),
        "the pricing group reads {pricing}"
    );
}

/// Two regulations of one matter (山东's and 青岛's 人民代表大会代表建议、批评和意见 工作条例, a kind
/// of two documents when the 472 of Shandong are split into kinds): their commencements, written
/// 本条例自2002年1月1日起实施 and 本条例自2021年9月1日起施行, are one group where the formula
/// 自…施行 is at a tie and every other word is a drafting word, a date or a verb of one member.
/// Such a group is named by the type half its members have, as the corpus unsplit names it (in
/// the group of 427 commencements), never by its first member's citation (which was longer than a
/// label may be with lawrefbook's ids).
#[test]
fn a_group_whose_words_name_nothing_is_named_by_its_type_not_a_citation() {
    let (_, alignment) = align_sources(
        "proposals",
        &[
            (
                "shandong",
                "DLC/山东地方法规/地方性法规/山东/山东省人民代表大会代表建议、批评和意见办理工作条例(2017-05-19).md",
            ),
            (
                "qingdao",
                "DLC/山东地方法规/地方性法规/山东/青岛市人民代表大会代表建议、批评和意见工作条例(2021-07-29).md",
            ),
        ],
    );
    let group = alignment
        .group_of(&"shandong".into(), 33)
        .expect("the commencement is grouped");
    assert!(
        group.members.get(&"qingdao".into()) == Some(&vec![42]),
        "{group:?}"
    );
    assert_eq!(group.label, "施行日期");
    for g in &alignment.groups {
        assert!(
            !g.label.is_empty() && !g.label.contains(':'),
            "{}: {:?}",
            g.label,
            g.members
        );
    }
}

/// Four cities' 文明行为促进条例 (东莞 2023, 北京 2020, 杭州 2021, 郑州 2022), read by hand: a
/// label term is never a word the members write only inside the title marks of a cited text
/// (杭州 第三十九条 cites 《中华人民共和国行政处罚法》 and read 行政处罚法·中华人民共和国), and the
/// label of a group of one article never holds a generic party (人民政府, 部门, 委员会, 单位:
/// 东莞 第二十六条 read 人民政府·街道办事处·部门 for 文明行为宣传教育), and an adjective of one
/// character jieba cuts off its noun stays with it (新时代, not 时代).
#[test]
fn labels_name_neither_a_cited_title_nor_a_lone_article_s_parties() {
    let sources: BTreeMap<String, String> = [
        ("dongguan", "广东/东莞市文明行为促进条例(2023-02-23).md"),
        ("beijing", "北京/北京市文明行为促进条例(2020-04-24).md"),
        ("hangzhou", "浙江/杭州市文明行为促进条例(2021-06-04).md"),
        ("zhengzhou", "河南/郑州市文明行为促进条例(2022-01-01).md"),
    ]
    .into_iter()
    .map(|(id, path)| {
        let (province, file) = path.split_once('/').unwrap_or_default();
        (
            id.to_string(),
            format!("DLC/{province}地方法规/地方性法规/{province}/{file}"),
        )
    })
    .collect();
    let dir = std::env::temp_dir().join(format!("guize-labels-civility-{}", std::process::id()));
    shared::copy_sources(&sources, &dir);
    let corpus = Corpus::load(&dir).expect("family corpus loads");
    std::fs::remove_dir_all(&dir).ok();
    let alignment = align(&corpus.docs);
    show_all("civility", &alignment, &corpus);
    let text = |doc: &str, n: u32| -> String {
        corpus
            .docs
            .iter()
            .filter(|d| d.id.as_str() == doc)
            .flat_map(|d| &d.articles)
            .filter(|a| a.number == n)
            .map(|a| a.norm.clone())
            .collect()
    };
    // The members' text outside title marks.
    let unquoted = |s: &str| -> String {
        let mut depth = 0usize;
        s.chars()
            .filter(|&c| {
                match c {
                    '《' => depth += 1,
                    '》' => depth = depth.saturating_sub(1),
                    _ => return depth == 0,
                }
                false
            })
            .collect()
    };
    let parties = ["人民政府", "部门", "委员会", "单位", "街道办事处"];
    let mut cited_somewhere = false;
    for g in &alignment.groups {
        let texts: Vec<String> = g
            .members
            .iter()
            .flat_map(|(d, ns)| ns.iter().map(|&n| text(d.as_str(), n)))
            .collect();
        cited_somewhere |= texts.iter().any(|t| t.contains("《中华人民共和国"));
        let outside: String = texts.iter().map(|t| unquoted(t)).collect();
        for term in g.label.split('·') {
            let all: String = texts.concat();
            assert!(
                !all.contains(term) || outside.contains(term),
                "{}: {term} is only written in a cited title",
                g.label
            );
        }
        if g.members.len() == 1 && g.members.values().all(|ns| ns.len() == 1) {
            assert!(
                !g.label.split('·').any(|t| parties.contains(&t)),
                "a lone article labelled by its parties: {} {:?}",
                g.label,
                g.members
            );
        }
    }
    assert!(cited_somewhere, "the family cites a national law");
    // jieba cuts 新时代 (北京 第三十七条: 本市建立新时代文明实践活动体系) as 新·时代; the
    // adjective of one character is written with its noun every time, so it joins it.
    let practice = alignment
        .group_of(&"beijing".into(), 37)
        .expect("北京 37 is grouped");
    assert!(
        practice.label.split('·').any(|t| t.contains("新时代")),
        "{}",
        practice.label
    );
    // 国家 is a generic party, and jieba cuts 国家观念 (北京 第十一条: 公民应当牢固树立国家观念)
    // as 国家·观念: the party's name does not cut the compound (it read 观念·荣誉·国旗).
    let nation = alignment
        .group_of(&"beijing".into(), 11)
        .expect("北京 11 is grouped");
    assert!(nation.label.contains("国家观念"), "{}", nation.label);
}

/// Four cities' 物业管理条例 (北京 2024, 杭州 2021, 郑州, 青岛 2021), a family nobody annotated.
/// The scope formula is the regulation's own scope, not a citation inside a sentence: 北京 第三十一条
/// (筹备组) says 参照适用本条例第三十九条, 青岛 第五十二条 适用本条例第五章的规定, and neither is a
/// scope article. A member's own city names no matter (郑州 第七十一条: 郑州航空港…适用本条例),
/// a label says each word once (新建物业办理房屋所有权·办理), and no term is a clause's long run
/// of nouns (业主大会统一社会信用代码).
#[test]
fn scope_is_the_regulation_s_own_and_labels_name_no_place_or_run() {
    // Its own folder name: the tests of one binary run at once, and another test aligns a
    // different set of 物业管理条例 as "property".
    let (corpus, alignment) = align_sources(
        "property-north",
        &[
            (
                "beijing",
                "DLC/北京地方法规/地方性法规/北京/北京市物业管理条例(2024-03-29).md",
            ),
            (
                "hangzhou",
                "DLC/浙江地方法规/地方性法规/浙江/杭州市物业管理条例(2021-08-09).md",
            ),
            (
                "zhengzhou",
                "DLC/河南地方法规/地方性法规/河南/郑州市物业管理条例(2007-12-14).md",
            ),
            (
                "qingdao",
                "DLC/山东地方法规/地方性法规/山东/青岛市物业管理条例(2021-01-28).md",
            ),
        ],
    );
    let label_of = |doc: &str, n: u32| {
        alignment
            .group_of(&doc.into(), n)
            .map(|g| g.label.clone())
            .unwrap_or_default()
    };
    for (doc, n) in [("beijing", 31), ("qingdao", 23), ("qingdao", 52)] {
        let label = label_of(doc, n);
        assert!(!label.contains("适用范围"), "{doc} {n}: {label}");
    }
    assert!(
        label_of("beijing", 2).starts_with("适用范围"),
        "{}",
        label_of("beijing", 2)
    );
    let places: Vec<String> = corpus
        .docs
        .iter()
        .map(|d| d.meta.title.chars().take(2).collect())
        .collect();
    let mut scope_late = false;
    for g in &alignment.groups {
        let terms: Vec<&str> = g.label.split('·').collect();
        scope_late |= g.label.starts_with("适用范围")
            && g.members
                .iter()
                .any(|(d, ns)| d.as_str() == "zhengzhou" && ns.contains(&71));
        for (i, t) in terms.iter().enumerate() {
            assert!(
                !places.iter().any(|p| t.contains(p.as_str())),
                "{}: names a member's city",
                g.label
            );
            assert!(t.chars().count() <= 8, "{}: {t} is a run of nouns", g.label);
            assert!(
                !terms
                    .iter()
                    .enumerate()
                    .any(|(j, u)| j != i && u.contains(t)),
                "{}: {t} said twice",
                g.label
            );
        }
    }
    // 郑州 第七十一条 extends the scope to the city's development zones (…活动，适用本条例).
    assert!(
        scope_late,
        "郑州 71 is a scope article: {}",
        label_of("zhengzhou", 71)
    );
}

/// Whether a label term is made only of characters that alone are adverbs, prepositions or
/// conjunctions (确因 = 确 + 因): a connective of a clause, whatever its tag.
fn connective(term: &str) -> bool {
    let seg = Segmenter::global();
    term.chars().count() >= 2
        && term.chars().all(|c| {
            let c = c.to_string();
            matches!(seg.pos(&c), "d" | "p" | "c")
        })
}

/// Four 河道管理条例 (上海 2018, 宁波 2019, 浙江 2020, 青岛 2020) and four 电梯安全条例 (宁波 2020,
/// 杭州 2019, 淄博 2021, 潍坊 2020), families nobody tuned the labels to. Their lone articles
/// were named by connectives (确因 of 确因工程建设需要), by a character glued onto a commoner word
/// (率控制 of 基本水面率控制), by the levels of the state that act (设区, 市级, 区县, 国家) and by
/// the first half of a compound jieba's dictionary lacks (空气 of 空气调节器). No label term may be
/// a connective, and a lone article's label names a party (a word of `corpus/label-actors.tsv`)
/// only when that is all it says.
#[test]
fn lone_articles_are_named_by_their_matter_not_a_connective_or_a_party() {
    let actors: Vec<String> = std::fs::read_to_string(root().join("corpus/label-actors.tsv"))
        .expect("actors list")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    let mut compound = false;
    for (family, sources) in [
        (
            "rivers",
            [
                (
                    "shanghai",
                    "DLC/上海地方法规/地方性法规/上海/上海市河道管理条例(2018-12-20).md",
                ),
                (
                    "ningbo",
                    "DLC/浙江地方法规/地方性法规/浙江/宁波市河道管理条例(2019-08-20).md",
                ),
                (
                    "zhejiang",
                    "DLC/浙江地方法规/地方性法规/浙江/浙江省河道管理条例(2020-11-27).md",
                ),
                (
                    "qingdao",
                    "DLC/山东地方法规/地方性法规/山东/青岛市河道管理条例(2020-03-26).md",
                ),
            ],
        ),
        (
            "lifts",
            [
                (
                    "ningbo",
                    "DLC/浙江地方法规/地方性法规/浙江/宁波市电梯安全条例(2020-10-10).md",
                ),
                (
                    "hangzhou",
                    "DLC/浙江地方法规/地方性法规/浙江/杭州市电梯安全管理条例(2019-12-18).md",
                ),
                (
                    "zibo",
                    "DLC/山东地方法规/地方性法规/山东/淄博市电梯安全条例(2021-12-10).md",
                ),
                (
                    "weifang",
                    "DLC/山东地方法规/地方性法规/山东/潍坊市电梯安全条例(2020-01-15).md",
                ),
            ],
        ),
    ] {
        let (_, alignment) = align_sources(family, &sources);
        for g in &alignment.groups {
            let terms: Vec<&str> = g.label.split('·').collect();
            assert!(
                !terms.iter().any(|t| connective(t)),
                "{family}: {} names a connective",
                g.label
            );
            let lone = g.members.len() == 1;
            let party = |t: &&str| actors.iter().any(|a| a == t);
            if lone && terms.iter().any(|t| !TYPES.contains(t) && !party(t)) {
                assert!(
                    !terms.iter().any(party),
                    "{family}: a lone article named by a party: {} {:?}",
                    g.label,
                    g.members
                );
            }
            // A compound jieba cuts in two and the members write whole is named whole.
            compound |= terms.iter().any(|t| t.contains("空气调节器"));
            assert!(
                !terms.contains(&"空气"),
                "{family}: {} names half a compound",
                g.label
            );
        }
    }
    assert!(compound, "宁波 第三十九条's 空气调节器 is named whole");
    assert!(connective("确因") && !connective("施工") && !connective("所得"));
}

/// Four 献血条例 (北京 2021, 宁波 2020, 泰安 2021, 临沂 2019), read by hand, no topics written: the
/// 献血者优待 articles list their matter (免费乘坐城市公共交通工具) and close by delegating it
/// (具体办法由…制定). A set phrase headed by a noun (公共交通工具) names the group, the
/// delegation's frame (具体办法) and a verb of the frame with a party (制定·个人·卫生, read until 3
/// December 2026) do not lead it; no term is a verb glued onto the level that opens a party's
/// name (报市 of 报市人民政府).
#[test]
fn set_phrases_name_a_matter_and_delegation_frames_do_not() {
    let (_, alignment) = align_sources(
        "blood",
        &[
            (
                "beijing",
                "DLC/北京地方法规/地方性法规/北京/北京市献血条例(2021-11-26).md",
            ),
            (
                "ningbo",
                "DLC/浙江地方法规/地方性法规/浙江/宁波市献血条例(2020-06-05).md",
            ),
            (
                "taian",
                "DLC/山东地方法规/地方性法规/山东/泰安市献血条例(2021-07-31).md",
            ),
            (
                "linyi",
                "DLC/山东地方法规/地方性法规/山东/临沂市献血条例(2019-02-12).md",
            ),
        ],
    );
    let favours = alignment
        .group_of(&"beijing".into(), 22)
        .map(|g| g.label.clone())
        .unwrap_or_default();
    assert!(
        favours.split('·').any(|t| t.contains("交通工具")),
        "{favours}"
    );
    assert!(!favours.starts_with("制定"), "{favours}");
    for g in &alignment.groups {
        for term in g.label.split('·') {
            assert!(!["具体办法", "实施细则"].contains(&term), "{}", g.label);
            assert!(!term.starts_with("报市"), "{}", g.label);
        }
    }
}

/// Four cities' 市容环境卫生管理条例 (重庆 2018, 宁波 2019, 湖州 2019, 鹤壁 2019), read by hand and
/// never scored: the verbs every drafter writes of every matter (保持, 符合, 纳入, 执行 …), the
/// frame of a time limit (自…之日起) and references to the text or to rules unnamed (前款, 按规定,
/// 违反规定, 国家有关, 违者) name no group; the object they govern does.
#[test]
fn drafting_verbs_and_time_frames_name_no_group() {
    let (_, alignment) = align_sources(
        "cityscape",
        &[
            (
                "ningbo",
                "DLC/浙江地方法规/地方性法规/浙江/宁波市市容和环境卫生管理条例(2019-08-20).md",
            ),
            (
                "huzhou",
                "DLC/浙江地方法规/地方性法规/浙江/湖州市市容和环境卫生管理条例(2019-08-10).md",
            ),
            (
                "chongqing",
                "DLC/重庆地方法规/地方性法规/重庆/重庆市市容环境卫生管理条例(2018-07-26).md",
            ),
            (
                "hebi",
                "DLC/河南地方法规/地方性法规/河南/鹤壁市城市市容和环境卫生管理条例(2019-01-10).md",
            ),
        ],
    );
    let drafting = [
        "执行",
        "采用",
        "遵守",
        "符合",
        "保持",
        "承担",
        "纳入",
        "提高",
        "开展",
        "前款",
        "按规定",
        "违反规定",
        "国家有关",
        "违者",
    ];
    for g in &alignment.groups {
        for term in g.label.split('·') {
            assert!(!drafting.contains(&term), "{}", g.label);
            assert!(!term.contains("之日起"), "{}", g.label);
        }
    }
    // 建筑物…应当符合市容标准 (宁波 18, 鹤壁 12): the standard of the city's appearance, not 符合;
    // 纳入国民经济和社会发展规划 (湖州 4, 重庆 6, 鹤壁 4): what is planned for.
    labels_hold(
        &alignment,
        &[("hebi", 12, "容貌"), ("huzhou", 4, "环境卫生")],
    );
}

/// Four cities' 供热条例, the family of the two tests below.
const HEATING: &[(&str, &str)] = &[
    (
        "weifang",
        "DLC/山东地方法规/地方性法规/山东/潍坊市供热条例(2021-01-28).md",
    ),
    (
        "taian",
        "DLC/山东地方法规/地方性法规/山东/泰安市供热条例(2020-11-27).md",
    ),
    (
        "qingdao",
        "DLC/山东地方法规/地方性法规/山东/青岛市供热条例(2017-12-01).md",
    ),
    (
        "binzhou",
        "DLC/山东地方法规/地方性法规/山东/滨州市供热条例(2016-09-26).md",
    ),
];

/// Four cities' 供热条例 (潍坊 2021, 泰安 2020, 青岛 2017, 滨州 2016), read by hand and never
/// scored: the verbs every drafter writes of any matter (遵循 a principle, 具备 a condition,
/// 取得 a licence, 接到 a complaint, 开始 and 提前 of a date, 发生 of a dispute) and the
/// references to rules unnamed (已有, 参照) name no group; the matter they govern does.
#[test]
fn drafting_aspect_and_receipt_verbs_name_no_group() {
    let (_, alignment) = align_sources("heating", HEATING);
    let drafting = [
        "遵循", "具备", "达到", "取得", "负有", "发挥", "从事", "注重", "受到", "接到", "收到",
        "服从", "直接", "开始", "完成", "提前", "未能", "超过", "发生", "危及", "作为", "低于",
        "高于", "已有", "参照", "是否",
    ];
    let mut named = 0;
    for g in alignment.groups.iter().filter(|g| g.members.len() > 1) {
        named += 1;
        for term in g.label.split('·') {
            assert!(!drafting.contains(&term), "{}", g.label);
        }
    }
    assert!(named >= 40, "{named} groups of several documents");
    // 发展供热事业应当遵循政府主导…的原则 (潍坊 3, 泰安 3, 滨州 3): the heating trade, not 遵循;
    // 具备供热条件的新建住宅小区 (泰安 21, 滨州 26): the condition, not 具备; 供热企业接到投诉后
    // (潍坊 34, 滨州 39): the complaint, not 接到.
    labels_hold(
        &alignment,
        &[
            ("weifang", 3, "供热"),
            ("taian", 21, "供热条件"),
            ("weifang", 34, "投诉"),
        ],
    );
}

/// The four 供热条例 above and four 物业管理条例 (淄博 2021, 潍坊 2022, 绍兴 2020, 舟山 2021), read
/// by hand: a lone character jieba leaves between two words is not glued onto the term after it
/// when it closes the word before (供用 热 双方: 用热, which the regulations write as 用热申请,
/// 用热面积), a localizer is no noun of a subject phrase (物业服务区域内规划用于停放汽车的车位 read
/// 区域内规划), and the nouns that frame a matter (情况, 事项, 部分) name none alone.
#[test]
fn labels_glue_no_character_across_a_word_and_name_no_frame_noun() {
    let (_, heating) = align_sources("heating-joins", HEATING);
    let (_, property) = align_sources(
        "property-joins",
        &[
            (
                "zibo",
                "DLC/山东地方法规/地方性法规/山东/淄博市物业管理条例(2021-10-08).md",
            ),
            (
                "weifang",
                "DLC/山东地方法规/地方性法规/山东/潍坊市物业管理条例(2022-01-21).md",
            ),
            (
                "shaoxing",
                "DLC/浙江地方法规/地方性法规/浙江/绍兴市物业管理条例(2020-12-04).md",
            ),
            (
                "zhoushan",
                "DLC/浙江地方法规/地方性法规/浙江/舟山市物业管理条例(2021-11-01).md",
            ),
        ],
    );
    // 供用热双方发生供热争议的 (滨州 43, 青岛 54): the dispute and its parties, not 热双方.
    let dispute = label_of(&heating, "binzhou", 43);
    assert!(dispute.contains("供热争议"), "{dispute}");
    assert!(
        dispute.split('·').all(|t| !t.starts_with('热')),
        "{dispute}"
    );
    // 其他用热登记事项 (青岛 35): 用热 and 登记, not 热登记.
    let change = label_of(&heating, "qingdao", 35);
    assert!(change.contains("登记"), "{change}");
    assert!(change.split('·').all(|t| !t.starts_with('热')), "{change}");
    // 物业服务区域内规划用于停放汽车的车位 (淄博 11, 舟山 51): no term runs across 内.
    let parking = label_of(&property, "zibo", 11);
    assert!(
        !parking.is_empty() && !parking.contains("区域内"),
        "{parking}"
    );
    let mut named = 0;
    for g in heating
        .groups
        .iter()
        .chain(&property.groups)
        .filter(|g| g.members.len() > 1)
    {
        named += 1;
        for term in g.label.split('·') {
            assert!(!["情况", "事项", "部分"].contains(&term), "{}", g.label);
        }
    }
    assert!(named >= 80, "{named} groups of several documents");
    // The frame nouns still head the compounds the members write: 建筑物专有部分 (淄博, 潍坊,
    // 绍兴, 舟山's definitions of 专有部分) stays whole where the label names it.
    assert!(
        heating.groups.iter().chain(&property.groups).any(|g| g
            .label
            .split('·')
            .any(|t| t.len() > "部分".len() && t.ends_with("部分"))),
        "no compound headed by 部分"
    );
}

/// Four 消防条例 (上海 2020, 山东 2015, 汕头 2022, 浙江 2021), a family nobody tuned the labels to.
const FIRE: &[(&str, &str)] = &[
    (
        "shanghai",
        "DLC/上海地方法规/地方性法规/上海/上海市消防条例(2020-03-19).md",
    ),
    (
        "shandong",
        "DLC/山东地方法规/地方性法规/山东/山东省消防条例(2015-07-24).md",
    ),
    (
        "shantou",
        "DLC/广东地方法规/地方性法规/广东/汕头经济特区消防条例(2022-12-30).md",
    ),
    (
        "zhejiang",
        "DLC/浙江地方法规/地方性法规/浙江/浙江省消防条例(2021-11-25).md",
    ),
];

/// Four 旅游条例 (上海 2020, 山东 2016, 杭州 2016, 浙江 2017), a family nobody tuned the labels to.
const TOURISM: &[(&str, &str)] = &[
    (
        "shanghai",
        "DLC/上海地方法规/地方性法规/上海/上海市旅游条例(2020-05-14).md",
    ),
    (
        "shandong",
        "DLC/山东地方法规/地方性法规/山东/山东省旅游条例(2016-11-26).md",
    ),
    (
        "hangzhou",
        "DLC/浙江地方法规/地方性法规/浙江/杭州市旅游条例(2016-12-27).md",
    ),
    (
        "zhejiang",
        "DLC/浙江地方法规/地方性法规/浙江/浙江省旅游条例(2017-11-30).md",
    ),
];

/// The 消防 and 旅游 families above and four 道路交通安全条例 (河南 2006, 洛阳 2013, 济南 2015,
/// 聊城 2021), read by hand: the verbs that perform a duty (履行职责), cause an effect (造成,
/// 引起, 引发), find a fault (发现隐患) or offer a service (提供导游服务), the modals and bounds
/// (确需, 不能, 不可, 未满) and the references to a thing unnamed (相应, 包括, 符合国家) name no
/// group, and neither does the whole of the place (全省) or a frame noun left alone (工作, 要求).
#[test]
fn performing_causing_and_finding_verbs_and_frame_nouns_name_no_group() {
    let (_, fire) = align_sources("fire", FIRE);
    let (_, tourism) = align_sources("tourism", TOURISM);
    let (_, traffic) = align_sources(
        "traffic",
        &[
            (
                "henan",
                "DLC/河南地方法规/地方性法规/河南/河南省道路交通安全条例(2006-08-01).md",
            ),
            (
                "luoyang",
                "DLC/河南地方法规/地方性法规/河南/洛阳市道路交通安全条例(2013-12-24).md",
            ),
            (
                "jinan",
                "DLC/山东地方法规/地方性法规/山东/济南市道路交通安全条例(2015-04-01).md",
            ),
            (
                "liaocheng",
                "DLC/山东地方法规/地方性法规/山东/聊城市道路交通安全条例(2021-12-03).md",
            ),
        ],
    );
    let words = [
        "履行",
        "保证",
        "建立健全",
        "提供",
        "发现",
        "造成",
        "引起",
        "引发",
        "致使",
        "导致",
        "确需",
        "不能",
        "不可",
        "未满",
        "相应",
        "包括",
        "符合国家",
        "全省",
        "全市",
        "工作",
        "要求",
    ];
    let mut named = 0;
    for g in fire
        .groups
        .iter()
        .chain(&tourism.groups)
        .chain(&traffic.groups)
        .filter(|g| g.members.len() > 1)
    {
        named += 1;
        for term in g.label.split('·') {
            assert!(!words.contains(&term), "{}", g.label);
        }
    }
    assert!(named >= 150, "{named} groups of several documents");
    // 市和区人民政府应当履行下列消防工作职责 (上海 10, 山东 8, 汕头 9, 浙江 7): the duties, not 履行;
    // 导游证 and 导游服务 (上海 55, 杭州 49, 浙江 29): the guides, not 提供; 未满十周岁未成年人
    // (济南 40, 聊城 46): the children, not 未满.
    labels_hold(&fire, &[("shanghai", 10, "消防工作职责")]);
    labels_hold(&tourism, &[("shanghai", 55, "导游")]);
    labels_hold(&traffic, &[("jinan", 40, "未成年人")]);
}

/// The 消防 and 旅游 families above: 村（居）民委员会 (汕头 11, 浙江 13) writes 村民委员会 and
/// 居民委员会 at once, so 民 closes the words in and before the brackets and no term opens with
/// it; 行政 qualifies the noun after it (旅游行政管理部门, 行政执法人员) and names no group alone
/// or closing a phrase jieba cuts before it.
#[test]
fn no_term_opens_after_a_bracket_or_closes_with_a_qualifier() {
    let (_, fire) = align_sources("fire-brackets", FIRE);
    let (_, tourism) = align_sources("tourism-qualifiers", TOURISM);
    let pact = label_of(&fire, "shantou", 11);
    assert!(pact.contains("公约"), "{pact}");
    assert!(pact.split('·').all(|t| !t.starts_with('民')), "{pact}");
    let seg = Segmenter::global();
    for g in fire.groups.iter().chain(&tourism.groups) {
        for term in g.label.split('·') {
            assert!(
                !term.ends_with("行政") || seg.words(term).len() == 1,
                "{}",
                g.label
            );
        }
    }
    // 旅行社违反本条例第四十九条第二项规定，未按照规定向旅游行政管理部门办理备案的 (上海 68):
    // the penalty names the duty it enforces, not 旅游行政.
    let penalty = label_of(&tourism, "shanghai", 68);
    assert!(penalty.starts_with("法律责任·"), "{penalty}");
}

/// The 消防 family above: 违反本条例，有下列行为之一的，责令限期改正 (山东 69, 70) is a penalty
/// although it does not say 规定; 260 of lawrefbook's 273 sentences holding 违反本条例， are in
/// articles that punish.
#[test]
fn a_penalty_written_without_its_rule_s_name_is_a_penalty() {
    let (_, fire) = align_sources("fire-penalties", FIRE);
    let penalty = label_of(&fire, "shandong", 69);
    assert!(penalty.starts_with("法律责任"), "{penalty}");
}

/// The 消防 and 道路交通安全 families above: a verb the family writes after a modal or an adverb
/// of manner (可以在道路范围内设置道路交通标志, 应当设置…; 委托经营管理 after 可以委托…) governs the
/// noun after it, and the label names that object, not the verb glued onto it: 济南 21 and 聊城
/// 24 (限速·设置道路交通标志 before), 山东 32 and 汕头 21 (约定·委托经营管理 before).
#[test]
fn a_verb_is_not_joined_to_its_object() {
    let (_, fire) = align_sources("fire-verbs", FIRE);
    let (_, traffic) = align_sources(
        "traffic-verbs",
        &[
            (
                "jinan",
                "DLC/山东地方法规/地方性法规/山东/济南市道路交通安全条例(2015-04-01).md",
            ),
            (
                "liaocheng",
                "DLC/山东地方法规/地方性法规/山东/聊城市道路交通安全条例(2021-12-03).md",
            ),
        ],
    );
    let signs = label_of(&traffic, "liaocheng", 24);
    assert!(
        signs.split('·').any(|t| t.starts_with("道路交通标志")),
        "{signs}"
    );
    let lease = label_of(&fire, "shandong", 32);
    assert!(lease.contains("经营管理"), "{lease}");
    for label in [signs, lease] {
        for term in label.split('·') {
            assert!(
                !term.starts_with("设置") && !term.starts_with("委托"),
                "{label}"
            );
        }
    }
}

/// Four 历史文化名城保护条例 (北京 2005, 河南 2010, 洛阳 2020, 济南 2020).
const HISTORIC_CITY: &[(&str, &str)] = &[
    (
        "beijing",
        "DLC/北京地方法规/地方性法规/北京/北京历史文化名城保护条例(2005-03-25).md",
    ),
    (
        "henan",
        "DLC/河南地方法规/地方性法规/河南/河南省历史文化名城保护条例(2010-07-30).md",
    ),
    (
        "luoyang",
        "DLC/河南地方法规/地方性法规/河南/洛阳市历史文化名城保护条例(2020-12-22).md",
    ),
    (
        "jinan",
        "DLC/山东地方法规/地方性法规/山东/济南市历史文化名城保护条例(2020-09-25).md",
    ),
];

/// lawrefbook's regulations write 设置, 投保 and 利用 right after a modal or an adverb of manner far
/// more often than right after 的 or a light verb (`corpus/verb-uses.tsv`: 设置 1,268 and 407,
/// 投保 29 and 5, 利用 1,068 and 115), while a family's four documents write them too few times to
/// tell: a label does not glue them onto their object. 供热 滨州 25 and 青岛 29 (设置测温·统计表
/// before), 电梯安全 淄博 47 and 枣庄 44 (人身·投保·责任保险: the insurance is named whole),
/// 历史文化名城 济南 48 and 洛阳 36 (合理利用历史), 济南 24 and 洛阳 37 (部门职责·利用信息).
/// 燃放烟花 is as much a verb (257 and 13), but 燃放烟花·爆竹 mends jieba's cut of its object
/// (烟花爆竹) and stays one term.
#[test]
fn a_verb_lawrefbook_writes_after_modals_is_not_glued_to_its_object() {
    let counts = std::fs::read_to_string(root().join("corpus/verb-uses.tsv")).expect("verb uses");
    let uses = |word: &str| -> (u32, u32) {
        counts
            .lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                (f.next()? == word).then_some(())?;
                Some((f.next()?.parse().ok()?, f.next()?.parse().ok()?))
            })
            .next()
            .unwrap_or_default()
    };
    for verb in ["设置", "投保", "利用", "委托"] {
        let (v, n) = uses(verb);
        assert!(v >= 2 * n && v >= 3, "{verb}: {v} {n}");
    }
    // Verbal nouns that head compounds (报告制度, 决策程序, 管理部门) are not verbs there.
    for noun in ["报告", "决策", "管理", "燃放"] {
        let (v, n) = uses(noun);
        assert!(v < 2 * n, "{noun}: {v} {n}");
    }
    let (_, heating) = align_sources("heating-verbs", HEATING);
    let gauge = label_of(&heating, "binzhou", 25);
    assert!(gauge.split('·').any(|t| t.contains("测温")), "{gauge}");
    let (_, lifts) = align_sources(
        "lifts-verbs",
        &[
            (
                "ningbo",
                "DLC/浙江地方法规/地方性法规/浙江/宁波市电梯安全条例(2020-10-10).md",
            ),
            (
                "wenzhou",
                "DLC/浙江地方法规/地方性法规/浙江/温州市电梯安全条例(2018-04-09).md",
            ),
            (
                "zibo",
                "DLC/山东地方法规/地方性法规/山东/淄博市电梯安全条例(2021-12-10).md",
            ),
            (
                "zaozhuang",
                "DLC/山东地方法规/地方性法规/山东/枣庄市电梯安全条例(2019-12-03).md",
            ),
        ],
    );
    let insurance = label_of(&lifts, "zibo", 47);
    assert!(
        insurance.split('·').any(|t| t.ends_with("责任保险")),
        "{insurance}"
    );
    let (_, city) = align_sources("historic-city-verbs", HISTORIC_CITY);
    let uses_label = label_of(&city, "jinan", 48);
    let info = label_of(&city, "jinan", 24);
    assert!(uses_label.contains("合理利用"), "{uses_label}");
    for label in [&gauge, &insurance, &uses_label, &info] {
        for term in label.split('·') {
            for verb in ["设置", "投保", "利用", "合理利用"] {
                assert!(
                    term == verb || !term.starts_with(verb),
                    "{label}: {verb} glued onto its object"
                );
            }
        }
    }
    // The fireworks keep their matter whole.
    let (_, _, fireworks) = on_family("fireworks-verbs", "label-topics-fireworks.json");
    assert!(
        fireworks
            .groups
            .iter()
            .any(|g| g.label.split('·').any(|t| t == "燃放烟花爆竹")),
        "燃放烟花爆竹 lost"
    );
}

/// A penalty names the duty it enforces, not who enforces it (由县级以上人民政府…主管部门责令改正)
/// nor who is punished (单位, 个人): the generic parties of `corpus/label-actors.tsv` weigh in a
/// penalty group as little as in a lone article. On the 旅游 family and the water gold, 法律责任·
/// 承载量·主管部门 and 法律责任·循环·主管部门 read so until 4 December 2026 (now
/// 法律责任·承载量·经营, 法律责任·循环·冷却水).
#[test]
fn a_penalty_is_not_named_by_a_generic_party() {
    let actors = std::fs::read_to_string(root().join("corpus/label-actors.tsv")).expect("actors");
    let actors: Vec<&str> = actors
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let (_, tourism) = align_sources("tourism-parties", TOURISM);
    let (_, _, water) = on_family("water-parties", "alignment-heldout-water.json");
    let mut penalties = 0;
    for g in tourism.groups.iter().chain(&water.groups) {
        if g.members.len() < 2 || !g.label.starts_with("法律责任·") {
            continue;
        }
        penalties += 1;
        assert!(
            !g.label.split('·').any(|t| actors.contains(&t)),
            "a penalty named by a party: {}",
            g.label
        );
    }
    assert!(penalties >= 8, "{penalties} penalty groups");
}

/// A penalty is named by the conduct it punishes: its condition (…哄抢、私分、藏匿或者损毁文物的，)
/// or the duty most of its members cite, never by its sanction (who enforces it, what it imposes:
/// 由依法行使监督管理权的部门…处理, 责令停业整治, 报经有批准权的人民政府批准). Until 5 December 2026
/// these read 法律责任·生产活动, 法律责任·批发·烟花爆竹 (批发 of a duty one member of three cites),
/// 法律责任·人民政府·措施 and 法律责任·标准·管理权.
#[test]
fn a_penalty_is_named_by_its_conduct_not_its_sanction() {
    let (_, _, relics) = on_family("relics-conduct", "label-topics-relics.json");
    labels_hold(&relics, &[("kaifeng", 32, "哄抢")]);
    let (_, _, fireworks) = on_family("fireworks-conduct", "label-topics-fireworks.json");
    labels_hold(&fireworks, &[("chongqing", 17, "经营")]);
    let (_, _, vehicles) = on_family("vehicles-conduct", "alignment-dev-vehicles.json");
    labels_hold(&vehicles, &[("shandong", 27, "燃料")]);
    let (_, _, dust) = on_family("dust-conduct", "label-topics-dust.json");
    for (alignment, doc, article, sanction) in [
        (&dust, "binzhou", 10, "人民政府"),
        (&vehicles, "shandong", 27, "管理权"),
    ] {
        let label = label_of(alignment, doc, article);
        assert!(label.starts_with("法律责任·"), "{doc} {article}: {label}");
        assert!(!label.contains(sanction), "{doc} {article}: {label}");
    }
}

/// Publicity (…应当加强…宣传教育; 新闻媒体…公益宣传) and commendations (对在…工作中做出突出贡献的单位和
/// 个人，给予奖励) are standard types (`corpus/article-types.tsv`), named as a person naming the
/// article names them, then by the matter taught or the work commended. Until 5 December 2026 the
/// waste family read 源头·减量·分类 and 突出贡献·优异成绩·管理工作 for them, the drinking family
/// 普及·保护意识·新闻媒体. A bare 加强…宣传 is no publicity article (the volunteers' statute group,
/// 志愿者·章程, says it in passing), and a reward for a report (对举报属实的，给予奖励) no
/// commendation.
#[test]
fn publicity_and_commendations_are_named_as_such() {
    let (_, _, waste) = on_family("waste-publicity", "alignment-dev-waste.json");
    for (doc, article, kind, word) in [
        ("beijing", 10, "宣传教育", "减量"),
        ("beijing", 11, "表彰奖励", "突出贡献"),
    ] {
        let label = label_of(&waste, doc, article);
        assert!(label.starts_with(kind), "{doc} {article}: {label}");
        assert!(label.contains(word), "{doc} {article}: {label}");
    }
    let (_, _, drinking) = on_family("drinking-publicity", "label-topics-drinking.json");
    let label = label_of(&drinking, "yantai", 6);
    assert!(label.starts_with("宣传教育·"), "yantai 6: {label}");
    let (_, _, volunteer) = on_family("volunteer-publicity", "alignment-dev-volunteer.json");
    let label = label_of(&volunteer, "chongqing", 15);
    assert!(!label.contains("宣传教育"), "chongqing 15: {label}");
}

/// Three kinds of article a person names by their formula: a penalty referred to other laws
/// (…已规定法律责任的，从其规定; 本条例规定的行政处罚…依照其规定), a regulation another body
/// follows (…参照本条例执行) and officials' liability handed to another body (…徇私舞弊行为的，由有权
/// 机关依法给予处理).
#[test]
fn other_laws_a_followed_regulation_and_officials_handed_on_are_named_by_their_kind() {
    let (_, _, supply) = on_family("supply-kinds", "alignment-dev-supply.json");
    for (doc, article) in [("heze", 30), ("yantai", 43)] {
        let label = label_of(&supply, doc, article);
        assert!(label.contains("适用其他法律"), "{doc} {article}: {label}");
    }
    let (_, _, budget) = on_family("budget-kinds", "alignment-dev-budget.json");
    let label = label_of(&budget, "chongqing", 42);
    assert!(label.starts_with("参照执行·"), "chongqing 42: {label}");
    let (_, _, greening) = on_family("greening-kinds", "alignment-dev-greening.json");
    let label = label_of(&greening, "quzhou", 19);
    assert!(label.starts_with("法律责任·"), "quzhou 19: {label}");
    // A penalty of named conduct that other laws' authorities handle keeps its conduct (生产、销售
    // 不符合规定标准的车用燃料的，由…依照有关法律、法规的规定处理).
    let (_, _, vehicles) = on_family("vehicles-kinds", "alignment-dev-vehicles.json");
    let label = label_of(&vehicles, "shandong", 27);
    assert!(!label.contains("适用其他法律"), "shandong 27: {label}");
}

/// A noun phrase every document of a group writes leads a label of bare words when
/// `Params::labels` asks for it (`shared_docs`; off by default: leave-one-family-out 0.935 either
/// way, docs/labels.md): on the dust family 密闭·料堆·堆场 reads 防尘设施·密闭·料堆. With it,
/// a label that moves keeps a term of its own after the phrase, every label still fits
/// its column, and a typed label keeps its type.
#[test]
fn a_shared_noun_phrase_leads_a_bag_only_when_asked() {
    let gold = gold("label-topics-dust.json");
    let corpus = family_corpus("dust-shared", &gold);
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let off = align_with(&docs, &Params::default());
    let asked = Params::overridden(r#"{"labels.shared_docs": 1.0}"#).expect("settings parse");
    let on = align_with(&docs, &asked);
    let types = TYPES;
    let mut moved = 0;
    for g in off.groups.iter().filter(|g| g.members.len() > 1) {
        let (doc, numbers) = g.members.iter().next().expect("a member");
        let label = label_of(&on, doc.as_str(), numbers[0]);
        assert!(label.chars().count() <= 16, "{label}");
        if label == g.label {
            continue;
        }
        moved += 1;
        // A typed label keeps its type (a penalty may name the duty it enforces anew, since the
        // label of the group it cites moved).
        let first = g.label.split('·').next().unwrap_or_default();
        assert!(
            !types.contains(&first) || label.starts_with(first),
            "{} → {label}: a typed label lost its type",
            g.label
        );
        let kept = g.label.split('·').filter(|t| label.contains(t)).count();
        assert!(kept >= 1, "{} → {label}", g.label);
    }
    assert!(moved >= 1, "no label moved");
    let bag = off
        .groups
        .iter()
        .find(|g| g.label == "密闭·料堆·堆场")
        .expect("the dust family's 密闭·料堆·堆场 group");
    let (doc, numbers) = bag.members.iter().next().expect("a member");
    assert_eq!(
        label_of(&on, doc.as_str(), numbers[0]),
        "防尘设施·密闭·料堆"
    );
}

/// Four 河道管理条例, four 物业管理条例 and four 城市市容和环境卫生管理条例 of lawrefbook, no gold
/// covering them: a group whose label was a bag of predicates (决定·撤销·改正) is named by the
/// group's noun first.
#[test]
fn a_bag_of_predicates_is_led_by_the_group_s_noun() {
    let (_, river) = align_sources(
        "river-verbs",
        &[
            (
                "上海",
                "DLC/上海地方法规/地方性法规/上海/上海市河道管理条例(2018-12-20).md",
            ),
            (
                "宁波",
                "DLC/浙江地方法规/地方性法规/浙江/宁波市河道管理条例(2019-08-20).md",
            ),
            (
                "浙江",
                "DLC/浙江地方法规/地方性法规/浙江/浙江省河道管理条例(2020-11-27).md",
            ),
            (
                "青岛",
                "DLC/山东地方法规/地方性法规/山东/青岛市河道管理条例(2020-03-26).md",
            ),
        ],
    );
    let (_, property) = align_sources(
        "property-verbs",
        &[
            (
                "北京",
                "DLC/北京地方法规/地方性法规/北京/北京市物业管理条例(2024-03-29).md",
            ),
            (
                "杭州",
                "DLC/浙江地方法规/地方性法规/浙江/杭州市物业管理条例(2021-08-09).md",
            ),
            (
                "青岛",
                "DLC/山东地方法规/地方性法规/山东/青岛市物业管理条例(2021-01-28).md",
            ),
            (
                "绍兴",
                "DLC/浙江地方法规/地方性法规/浙江/绍兴市物业管理条例(2020-12-04).md",
            ),
        ],
    );
    let (_, city) = align_sources(
        "cityscape-verbs",
        &[
            (
                "浙江",
                "DLC/浙江地方法规/地方性法规/浙江/浙江省城市市容和环境卫生管理条例(2021-09-30).md",
            ),
            (
                "郑州",
                "DLC/河南地方法规/地方性法规/河南/郑州市城市市容和环境卫生管理条例(2020-08-05).md",
            ),
            (
                "洛阳",
                "DLC/河南地方法规/地方性法规/河南/洛阳市城市市容和环境卫生管理条例(2019-01-14).md",
            ),
            (
                "台州",
                "DLC/浙江地方法规/地方性法规/浙江/台州市城市市容和环境卫生管理条例(2016-08-09).md",
            ),
        ],
    );
    // Before: 组织·防止·营造, 决定, 弃置·排放·任意, 维修·共有·改造, 饲养·建成·禁止.
    // 上海 33 (护堤护岸林) read 护堤护岸林·组织·防止 until 8 December 2026; once a verb most of
    // lawrefbook's regulations write names no matter (`labels.verb_spread`: 组织), its label
    // holds the noun 水土流失 among its verbs, is no bag, and reads 防止·水土流失·营造 (worse:
    // the purpose, not the matter).
    let river_33 = label_of(&river, "上海", 33);
    assert!(!river_33.contains("组织"), "{river_33}");
    for (alignment, doc, article, noun) in [
        (&property, "北京", 34, "业主大会"),
        (&property, "北京", 11, "垃圾"),
        (&property, "北京", 85, "保修期"),
        (&city, "洛阳", 39, "家禽家畜"),
    ] {
        let label = label_of(alignment, doc, article);
        assert!(
            label.split('·').next().is_some_and(|t| t.contains(noun)),
            "{doc} {article}: {label} is not led by {noun}"
        );
    }
}

/// Four 旅游条例 of lawrefbook (浙江省 2017, 山东省 2016, 上海市 2020, 河南省), no gold covering
/// them. 国有旅游资源经营权…出让的，应当遵循公开、公平、公正的原则，通过拍卖、招标等方式进行 (上海 13,
/// 山东 16, 河南 29, each in a chapter after the 总则) states a principle of one act: its group is
/// named by that act, not as a second 基本原则 beside the regulation's own (上海 4, in the 总则).
/// And the circumstances an act is fitted to (根据本省实际, 根据旅游发展的实际情况) name no group.
#[test]
fn a_principle_outside_the_general_part_and_the_frame_of_circumstances_name_no_group() {
    let (_, tourism) = align_sources(
        "tourism",
        &[
            (
                "浙江",
                "DLC/浙江地方法规/地方性法规/浙江/浙江省旅游条例(2017-11-30).md",
            ),
            (
                "山东",
                "DLC/山东地方法规/地方性法规/山东/山东省旅游条例(2016-11-26).md",
            ),
            (
                "上海",
                "DLC/上海地方法规/地方性法规/上海/上海市旅游条例(2020-05-14).md",
            ),
            (
                "河南",
                "DLC/河南地方法规/地方性法规/河南/河南省旅游条例(2007-03-30).md",
            ),
        ],
    );
    // Before: 基本原则·有偿·资本.
    let concession = label_of(&tourism, "上海", 13);
    assert!(
        !concession.contains("基本原则") && concession.contains("经营权"),
        "上海 13: {concession}"
    );
    assert_eq!(label_of(&tourism, "山东", 16), concession);
    assert!(
        label_of(&tourism, "上海", 4).starts_with("基本原则"),
        "上海 4: {}",
        label_of(&tourism, "上海", 4)
    );
    // Before: 实际情况, 实际·生态旅游·新业态, 民宿·实际·管理, 实际·项目·设计.
    for (doc, article) in [("上海", 27), ("河南", 8), ("河南", 58), ("河南", 61)] {
        let label = label_of(&tourism, doc, article);
        assert!(
            !label.is_empty() && !label.contains("实际"),
            "{doc} {article}: {label}"
        );
    }
    labels_hold(&tourism, &[("河南", 58, "民宿"), ("河南", 8, "生态旅游")]);
}

/// Four 供热条例 and four 消防条例 of lawrefbook, read by hand before the clause frames were
/// worked on (no gold covers them): a word jieba closes with a conjunction (检查和 of
/// 监督检查和考核), the object of a frame of precedence (约定 of 另有约定的，从其约定) and a verb
/// whose object is a clause (认为, 做到, 没有) name no group.
#[test]
fn clause_frames_name_no_group() {
    let (_, heating) = align_sources(
        "heating",
        &[
            (
                "山东",
                "DLC/山东地方法规/地方性法规/山东/山东省供热条例(2021-12-03).md",
            ),
            (
                "泰安",
                "DLC/山东地方法规/地方性法规/山东/泰安市供热条例(2020-11-27).md",
            ),
            (
                "潍坊",
                "DLC/山东地方法规/地方性法规/山东/潍坊市供热条例(2021-01-28).md",
            ),
            (
                "青岛",
                "DLC/山东地方法规/地方性法规/山东/青岛市供热条例(2017-12-01).md",
            ),
        ],
    );
    let (_, fire) = align_sources(
        "fire",
        &[
            (
                "上海",
                "DLC/上海地方法规/地方性法规/上海/上海市消防条例(2020-03-19).md",
            ),
            ("北京", "DLC/北京地方法规/地方性法规/北京/北京市消防条例.md"),
            (
                "山东",
                "DLC/山东地方法规/地方性法规/山东/山东省消防条例(2015-07-24).md",
            ),
            (
                "浙江",
                "DLC/浙江地方法规/地方性法规/浙江/浙江省消防条例(2021-11-25).md",
            ),
        ],
    );
    // Before: 投诉·用户·检查和, 温度·系统·约定, 达标·温度·认为, 法定·做到·公正 and
    // 国家标准·没有·行业标准.
    let framed = ["检查和", "约定", "认为", "做到", "没有"];
    for (alignment, doc, article) in [
        (&heating, "山东", 32),
        (&heating, "山东", 21),
        (&heating, "泰安", 33),
        (&fire, "北京", 75),
        (&fire, "北京", 41),
    ] {
        let label = label_of(alignment, doc, article);
        assert!(
            !label.is_empty() && !label.split('·').any(|t| framed.contains(&t)),
            "{doc} {article}: {label}"
        );
    }
    // Before: 达标·温度·认为 (用户认为室内温度不达标的，可以…提出温度检测要求) and
    // 国家标准·没有·行业标准 (没有国家标准、行业标准的消防产品).
    labels_hold(&heating, &[("泰安", 33, "检测")]);
    labels_hold(&fire, &[("上海", 34, "消防产品")]);
}

/// Two groups of one alignment never hold the same label terms in another order: on the four
/// 物业管理条例 (北京 2024, 宁波 2021, 湖州 2021, 温州 2017) two groups of the special
/// maintenance fund read 专项·维修·资金 and 维修·专项·资金 before namesakes were compared term by
/// term.
#[test]
fn no_two_labels_hold_the_same_terms_in_another_order() {
    let (_, property) = align_sources(
        "property",
        &[
            (
                "北京",
                "DLC/北京地方法规/地方性法规/北京/北京市物业管理条例(2024-03-29).md",
            ),
            (
                "宁波",
                "DLC/浙江地方法规/地方性法规/浙江/宁波市住宅小区物业管理条例(2021-10-15).md",
            ),
            (
                "湖州",
                "DLC/浙江地方法规/地方性法规/浙江/湖州市物业管理条例(2021-04-06).md",
            ),
            (
                "温州",
                "DLC/浙江地方法规/地方性法规/浙江/温州市物业管理条例(2017-04-06).md",
            ),
        ],
    );
    let mut seen: BTreeMap<Vec<&str>, &str> = BTreeMap::new();
    let mut fund = 0;
    for g in &property.groups {
        let mut terms: Vec<&str> = g.label.split('·').collect();
        if terms.contains(&"专项") && terms.iter().any(|t| t.contains("资金")) {
            fund += 1;
        }
        terms.sort_unstable();
        if let Some(other) = seen.insert(terms, g.label.as_str()) {
            panic!("{other} and {} hold the same terms", g.label);
        }
    }
    assert!(fund >= 2, "the fund's groups are named by it: {fund}");
}
