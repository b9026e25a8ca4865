//! A clause group's label: the words a person would use to name its matter. Articles of a
//! standard type (purpose, scope, duties, commencement, liability) are named by their formula,
//! read as data from `corpus/article-types.tsv`; otherwise the label is the group's weightiest
//! nouns and verbal nouns (jieba part-of-speech tags) that most of its documents share, nouns
//! written together joined into one phrase, at most [`MAX_CHARS`] characters. The items of an
//! enumeration (居民委员会、村民委员会; 单位和个人) are the parties and places a clause lists,
//! not its matter, and weigh less by the share of their occurrences written so. A penalty group
//! is named by what it enforces: the penalty's own words (罚款, 责令) left out, the words of the
//! articles its members cite weighing more. Reads only the similarity space (every article's
//! weighted words and character bigrams) and the articles' text.

use super::space::Space;
use crate::segment::{Segmenter, Token};
use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

/// Longest label, in characters: it has to fit a table column.
pub(crate) const MAX_CHARS: usize = 16;

/// Settings of the labels ([`super::Params::labels`]).
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LabelParams {
    /// Least share of a group's documents whose members write a noun phrase for it to lead the
    /// label of a group of several documents with no type (`shared_phrase`: 防尘设施·密闭·料堆
    /// for 密闭·料堆·堆场, 记录档案·划定·公布 for 划定·公布·标志); 0, the default, turns the step
    /// off: leave-one-family-out over the twenty-one dev label families ties with off (0.935), and
    /// on four corpora no gold covers it mended none of the bad labels read (docs/labels.md).
    pub shared_docs: f32,
    /// Least share of the alignment's articles writing the phrase that are the group's own (a
    /// phrase every group writes, 管理范围, names none).
    pub shared_own: f32,
    /// When true, the phrase leads only a label whose terms are single words (a bag).
    pub shared_bags_only: bool,
    /// When true, a word the members write right after a negation (a plain 不: 不愁绪满怀)
    /// weighs less by the share of its uses so written, and one always so written names no
    /// matter; false weighs every use alike (as before, for comparing).
    pub negated: bool,
    /// Which bags of predicates get the group's first noun at their head (`noun_for_verbs`):
    /// 0 none; 1 a label of several documents and no type whose every term is a predicate
    /// (决定·撤销·改正, 弃置·排放·任意); 2 also one whose terms are all predicates but one
    /// (选举·产生·出具, 拆除·罚款·限期); 3 as 1, only a bag of fewer than three terms (the noun
    /// takes no word's place).
    pub verb_bags: u8,
    /// When true, a predicate is a verb, adjective or adverb by jieba's tag, or a verbal noun
    /// lawrefbook writes as a verb; false counts every tag but a plain noun's (经费, 征管 and
    /// 生态环境 too), or a noun lawrefbook writes as a verb.
    pub verb_tags: bool,
    /// Which general types count only in a regulation's 总则 (`GENERAL_KINDS`): 0 none; 1 the
    /// principles (基本原则); 2 the principles and the duties of the agencies (部门职责). Outside
    /// the 总则 of a regulation that has one, 遵循…的原则 governs one act (国有旅游资源经营权…出让
    /// 的，应当遵循公开、公平、公正的原则，通过拍卖、招标等方式进行), not the regulation.
    pub general_kinds: u8,
    /// Which clause frames name no matter (bits): 1, a dictionary word closing with a conjunction
    /// glued on by jieba (检查和 of 监督检查和考核) is no term; 2, a word written in the frame of
    /// an agreement or rule that prevails (另有约定的，从其约定) weighs less by the share of its
    /// uses so written, and names no matter when always so written; 4, a verb whose object is a
    /// clause (`CLAUSE_VERBS`: 用户认为室内温度不达标的) names none; 8, a dictionary word whose
    /// first character ends the word before it (性行为 of 禁止性行为, 内向 of 十五日内向县…备案) is
    /// no term; 16, a word jieba made up that ends in a lone adverb (人未 of 物业服务人未按规定…)
    /// is no term; 32, a dictionary word cut across both its ends (经验 of 未经验审, read
    /// 未经·验审) is no term. 0 turns them all off.
    pub clause_frames: u8,
    /// Spread over the alignment's groups (`Spread`) below which a word of the family's title
    /// (a word of two characters or more that the titles of at least half the documents hold:
    /// 人口 of 人口与计划生育条例, 物业 of 物业管理条例) is ranked after a group's other words, as a
    /// head word below `HEAD_SPREAD` is: said by many groups, it tells none apart. 0, the
    /// default, turns the step off: at 0.14–0.35 it lowered budget, dogs, fireworks and water,
    /// whose annotators name the family's matter (docs/labels.md).
    pub title_spread: f32,
    /// What is done with such a title word (bits): 1, a label holding a term of title words
    /// alone is built again with them ranked after the group's other words; 2, such a term is
    /// left out of a label that says a term of the group's own besides it; 4, such a term goes
    /// after the label's other terms.
    pub title_mode: u8,
    /// When true, labels that hold the same terms in another order (专项·资金·维修,
    /// 维修·专项·资金) are namesakes, told apart as labels that read the same are; false tells
    /// apart only labels that read the same. On: every dev label family equal, and a reader no
    /// longer meets one label twice in another order.
    pub same_terms: bool,
    /// How much a term loses for being the language of regulation in general: it weighs
    /// `(ln(N / r) / ln(N / r_min))^background`, `r` the number of lawrefbook's `N` regulations
    /// whose articles write it (`corpus/word-spread.tsv`; 组织 2,884 of 3,378, 养犬 under the
    /// file's least, `r_min`, and weighing in full). 0 turns it off.
    pub background: f32,
    /// How the words written inside the numbered items of a list ((一)…；(二)…；) weigh, in a
    /// group of several documents: 0, the default, as any word; 1 (groups with no type) and 3
    /// (every group) lose `numbered_discount` of their weight by the share of their uses so
    /// written, 2 and 4 all of it. Off: at 0.5 and 0.75 it cost relics a penalty's own term
    /// (docs/labels.md), at 0.25 it raised budget alone.
    pub numbered_items: u8,
    /// Share of its weight a word of a numbered item loses, by the share of its uses so written.
    pub numbered_discount: f32,
    /// Share of lawrefbook's regulations (`corpus/word-spread.tsv`) above which a verb (tag `v`)
    /// names no matter: the language of regulation itself (组织 is written by 2,884 of 3,378,
    /// in 组织实施, 组织开展 and 其他组织 alike). 0 turns it off; 0.8 by leave-one-family-out.
    pub verb_spread: f32,
    /// Share of lawrefbook's regulations below which a verb the family writes in a quarter of its
    /// articles or more still names a matter (占用, 划定, 决算: the family's own acts). 0, the
    /// default, turns it off: at 0.1–0.25 it cost the dogs a group (docs/labels.md).
    pub verb_family: f32,
    /// Share of lawrefbook's regulations below which an adjective (tag `a`) or an idiom (`i`)
    /// that the group's documents share names a matter as a verb does: a rare one is an act or a
    /// state a rule is about (荒芜 of 严禁荒芜基本农田, 保洁, 见义勇为), a common one a manner
    /// (重大, 合理, 必要). 0 turns it off; 0.05 by leave-one-family-out.
    pub adjective_spread: f32,
}

impl Default for LabelParams {
    fn default() -> Self {
        LabelParams {
            shared_docs: 0.0,
            shared_own: 0.5,
            shared_bags_only: false,
            negated: true,
            verb_bags: 1,
            verb_tags: true,
            general_kinds: 1,
            clause_frames: 63,
            title_spread: 0.0,
            title_mode: 1,
            same_terms: true,
            background: 0.0,
            numbered_items: 0,
            numbered_discount: 0.5,
            verb_spread: 0.8,
            verb_family: 0.0,
            adjective_spread: 0.05,
        }
    }
}
/// How much rarity counts in a term's rank: the article weights carry IDF to the power 1, this
/// softens it to a power of 0.3, so the words a group keeps repeating (单位, 养犬, 会议) can name it
/// while a word no other article uses (a one-off example in a list) does not take over.
const IDF_POWER: f32 = 0.3;
/// Verbs that carry an action but never a matter: auxiliaries and light verbs.
const LIGHT_VERBS: &[&str] = &[
    "进行", "能够", "不得", "作出", "做出", "需要", "予以", "给予", "加以", "应当", "可以", "坚持",
    "做好", "具有", "属于", "涉及", "采取", "提出", "依照", "按照", "实行", "负责",
];
/// Verbs whose object is a clause or a noun that holds the matter: an opinion
/// (用户认为室内温度不达标的, 认为…的 in 1,547 of lawrefbook's 2,515 uses), an attainment
/// (做到依法、公正、廉洁, as 做好 is among the light verbs) and an absence (没有国家标准的, 没有…的
/// in 2,261 of its 3,493 uses), a condition as 不 and 未 write one.
const CLAUSE_VERBS: &[&str] = &["认为", "做到", "没有"];
/// Words of legal drafting that never name a matter whatever their tag: references to the text
/// itself (条例, 规定, 办法 and 细则 for a text of that name, 下列), frames of a list (方面, 情形),
/// manner (依法) and bare verbs of any provision (违反, 确定).
const DRAFTING_WORDS: &[&str] = &[
    "条例",
    "本条例",
    "办法",
    "本办法",
    "细则",
    "本细则",
    "规定",
    "下列",
    "以下",
    "依法",
    "有关",
    "相关",
    "违反",
    "确定",
    "影响",
    "实施",
    "方面",
    "情形",
];
/// Nouns that frame a matter without naming it (情况 of 报告…情况, 事项 of 表决事项, 部分 of
/// 共有部分): the head of a compound the members write (政务服务事项, 建筑物专有部分), so they
/// may be joined into a phrase, but never a term of a label alone.
const GENERIC_HEADS: &[&str] = &["情况", "事项", "部分", "工作", "要求"];
/// Nouns that only qualify the noun after them (行政 of 行政处罚, 行政执法人员, 旅游行政管理部门):
/// jieba cuts them off the compound they open, so alone, or closing a phrase jieba cuts before
/// them (旅游·行政 of 旅游行政管理部门), they name nothing; 依法行政 is one word to jieba.
const QUALIFIERS: &[&str] = &["行政"];

/// Whether a label term frames or qualifies a matter without naming it: a generic head alone, or
/// a qualifier alone or closing a phrase jieba cuts before it.
fn frames_nothing(term: &str) -> bool {
    GENERIC_HEADS.contains(&term)
        || QUALIFIERS
            .iter()
            .any(|q| term.ends_with(q) && (term == *q || Segmenter::global().words(term).len() > 1))
}

/// Words that never name a matter (本市, 出现, 支持), data in `corpus/label-stopwords.tsv`.
const STOPWORDS: &str = include_str!("../../corpus/label-stopwords.tsv");

/// Whether `word` names no matter: a drafting word or one of [`STOPWORDS`].
fn names_no_matter(word: &str) -> bool {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    DRAFTING_WORDS.contains(&word)
        || S.get_or_init(|| {
            STOPWORDS
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        })
        .contains(word)
}

/// Nouns that name the parties a provision addresses (人民政府, 部门, 委员会, 单位), data in
/// `corpus/label-actors.tsv`.
const ACTORS: &str = include_str!("../../corpus/label-actors.tsv");

/// Whether `word` names one of the generic parties of a provision ([`ACTORS`]).
fn is_actor(word: &str) -> bool {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        ACTORS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
    .contains(word)
}

/// How much a generic party ([`is_actor`]) weighs against a matter word in a group of one
/// document: there it is whom the one article addresses (人民政府…应当加强文明行为宣传教育 is
/// about the 宣传教育). In a group of several documents it keeps its weight: what every drafter
/// wrote there may be the matter (单位养犬, 部门职责), and weighing it less there lowered the dogs
/// (0.920 → 0.840 at 0.5 down to 0) and changed no other dev family. In a penalty group of
/// several documents it weighs as little: there the generic party is who enforces the penalty
/// (由县级以上人民政府…部门责令改正) or who is punished (单位, 个人), not the duty enforced
/// (法律责任·故障·单位 → 法律责任·故障·电梯, 法律责任·循环·主管部门 → 法律责任·循环·冷却水).
const ACTOR_WEIGHT: f32 = 0.3;
/// The standard type whose articles punish (`corpus/article-types.tsv`).
const PENALTY: &str = "法律责任";

/// How much less a word of a penalty group weighs by the share of its occurrences written in a
/// sanction ([`sanction_spans`]): `1 − SANCTION_DISCOUNT × share`. A penalty is about the conduct
/// it punishes, named by its condition (…擅自改变不可移动文物的建筑立面…的，) or the duty it cites;
/// who enforces it and what it imposes (由依法行使监督管理权的部门…处理, 责令停业整治, 报经有批准权的
/// 人民政府批准) are the same in every penalty. Chosen by leave-one-family-out over the seventeen
/// dev families of `tests/labels.rs` (grid 0.5, 0.7, 0.9, 1: 0.7–1 lift drinking, dust and relics,
/// 0.9 and 1 the fireworks too; no family falls at any).
const SANCTION_DISCOUNT: f32 = 0.9;

/// Byte spans of the sanctions of a penalty article's text. A penalty says its condition first and
/// closes it with 的 and a comma (违反本条例第十二条规定，擅自关闭消纳场的，); what follows, to the end of
/// the clause (。；：or a line break), is the sanction: the party that enforces it and what it
/// imposes. Clauses after ； that go on in the same sentence are sanctions too, conditions of
/// degree included (；逾期不改正的，处…; ；并报经有批准权的人民政府批准，责令拆除): they grade the
/// sanction, not the conduct. An item of a list (（一）…的；, or one ending with 的) is conduct.
fn sanction_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    // Whether a sanction has begun in this sentence.
    let mut going = false;
    let ends = text
        .char_indices()
        .filter(|&(_, c)| matches!(c, '。' | '；' | ';' | '：' | ':' | '\n'))
        .chain(std::iter::once((text.len(), '。')));
    for (i, c) in ends {
        let clause = text.get(start..i).unwrap_or_default();
        if clause.trim_start().starts_with(['（', '(']) {
            going = false;
        }
        let condition = ["的，", "的,"]
            .iter()
            .filter_map(|p| clause.find(p).map(|at| at + p.len()))
            .min();
        if going && !clause.trim_end().ends_with('的') {
            out.push((start, i));
        } else if let Some(at) = condition {
            out.push((start + at, i));
            going = true;
        } else {
            going = false;
        }
        if c != '；' && c != ';' {
            going = false;
        }
        start = i + c.len_utf8();
    }
    out
}

/// Per word of `texts`, how often it is written in a sanction ([`sanction_spans`]) and how often
/// in all.
fn sanction_counts<'t>(
    texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>,
) -> BTreeMap<&'t str, (u32, u32)> {
    counts_in_spans(texts, sanction_spans)
}

/// Per word of `texts` (as jieba cuts it), how often it begins inside one of the byte spans
/// `spans_of` finds in its text, and how often in all.
fn counts_in_spans<'t>(
    texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>,
    spans_of: impl Fn(&str) -> Vec<(usize, usize)>,
) -> BTreeMap<&'t str, (u32, u32)> {
    let mut out: BTreeMap<&'t str, (u32, u32)> = BTreeMap::new();
    for (text, tokens) in texts {
        let spans = spans_of(text);
        for t in tokens {
            let e = out.entry(t.text).or_default();
            e.1 += 1;
            if spans.iter().any(|&(a, b)| t.start >= a && t.start < b) {
                e.0 += 1;
            }
        }
    }
    out
}
/// Longest compound that two nominal terms written a few nouns apart may make (设施·保护区 of
/// 设施安全保护区, 厨余·装置 of 厨余垃圾处理装置), in characters: as long as a joined phrase, so
/// that a clause's run of nouns (业主大会统一社会信用代码, 新建物业办理房屋所有权) is no term.
const BRIDGE_CHARS: usize = PHRASE_CHARS;

/// How many of a type's own words (beyond its formula's) each member without the formula must
/// say for a group of which exactly half the members have it to take the type: a penalty written
/// without 违反本条例 says 责令 and 罚款; an article that shares one word with the type's does not
/// make it one.
const TIE_TYPE_WORDS: usize = 2;
/// Most terms in a label.
const MAX_TERMS: usize = 3;
/// How much a word of the adverb-adjective tag (`ad`: 公开, 完全) loses for being common in
/// general Chinese: it weighs `(1 + f / GENERAL_FREQ_SCALE)^-AD_FREQ_POWER`, `f` its frequency in
/// jieba's dictionary. Such a word names a matter when a regulation uses it as a verb (政务公开:
/// 公开 5,094) and is the manner of a clause when it is an everyday adverb (完全, far more
/// frequent). Chosen by leave-one-family-out over the dev families (`tests/labels.rs`).
const AD_FREQ_POWER: f32 = 0.1;
const GENERAL_FREQ_SCALE: f32 = 1000.0;
/// Share of all the alignment's opening clauses holding a subject phrase that must be the
/// group's own for the phrase to lead its label: the agency that opens clause after clause
/// (古树名木主管部门应当…) names no one group, the matter a group opens with (区政府常务会议由…)
/// does.
const SUBJECT_OWN_SHARE: f32 = 0.5;
/// How much more a term weighs when every member names it in its opening clause (the subject:
/// 犬只伤害他人的，…; 携犬出户的，…; 区政府常务会议由…组成): a share of the members naming it
/// there scales the term by `1 + OPENING_BOOST × share × spread`, where `spread` is the word's
/// IDF over the alignment's groups ([`Spread`]): an actor or the family's head word opens the
/// clauses of most groups and gains little there.
const OPENING_BOOST: f32 = 2.0;
/// Spread over the alignment's groups (`Spread`) below which a word is the family's head word
/// (饮用水水源, 市政设施, 山体): at least half the documents of more than about half of all the
/// groups say it, so it names no one of them. A label of a group of several documents holding a
/// term made of such words alone is built again with those words ranked after the others
/// (基本原则·饮用水水源 → 基本原则·公众参与·安全, 市政设施·权利 → 权利·义务·举报); a compound
/// of the head word and a word of the group's own (消防规划, 水源保护区) keeps its place. Chosen by
/// leave-one-family-out over the dev families of `tests/labels.rs` (grid 0.05–0.3: 0.11–0.13
/// raise the drinking water sources, the dust and the municipal facilities and lower none;
/// from 0.15 the dogs lose 养犬).
const HEAD_SPREAD: f32 = 0.12;
/// How much more a term of a penalty group weighs when the articles its members cite say it
/// too (the duty it enforces): `1 + CITED_BOOST × share` of the members citing such an article.
const CITED_BOOST: f32 = 2.0;
/// Share of the articles of a type (法律责任) that must say a word for it to be the type's own
/// vocabulary (罚款, 责令, 改正), left out of its groups' labels; counted when the type has at
/// least [`TYPE_WORDS_MIN`] articles.
const TYPE_WORDS_SHARE: f32 = 0.25;
const TYPE_WORDS_MIN: usize = 4;
/// How much more often than in all articles a word must occur in the type's articles to be the
/// type's own: 罚款 is in most penalties and few other articles, while the family's head word
/// (养犬 in a dog regulation) is everywhere and stays.
const TYPE_WORDS_LIFT: f32 = 2.0;
/// How much less a word weighs when the members write it only as an item of an enumeration
/// (居民委员会、村民委员会和业主委员会; 单位和个人; 广播、电视、报刊): the items are the parties,
/// places or things the article lists, the matter is what it says of them (公约, 宣传, 举报). A
/// word weighs `1 - LISTED_DISCOUNT × share` of its occurrences written as an item, in a group
/// of two documents or more (a lone article's list may be its matter: 保密纪律和外事纪律).
const LISTED_DISCOUNT: f32 = 1.0;
/// What joins the items of an enumeration: the enumeration comma and the conjunctions of nouns.
const LIST_JOINS: &[&str] = &["、", "和", "及", "及其", "以及", "与", "或者", "或"];
/// Longest phrase two joined terms may make, in characters.
const PHRASE_CHARS: usize = 8;
/// Characters of an article's opening clause, at most.
const OPENING_CHARS: usize = 24;
/// Words after which a predicate starts: modals (应当设置, 可以调整, 不得擅自), prohibitions
/// (禁止, 严禁) and adverbs of manner (合理利用, 依法查处, 统一设置, 及时整改) that jieba tags
/// nouns, verbal nouns or conjunctions. A word the corpus writes after them is a verb there.
pub const PREDICATE_MARKERS: &[&str] = &[
    "应当", "应", "可以", "可", "必须", "须", "不得", "禁止", "严禁", "能够", "合理", "依法",
    "统一", "及时", "擅自", "严格", "逐步", "共同", "分别",
];
/// Fewest uses right after a modal or adverb of manner for a word to be verb-like
/// ([`Context::verb_like`]), and they must be at least twice its uses as a noun: one 统一管理 or
/// 可以新建 says little of a word.
const VERB_USES: usize = 3;
/// Fewest uses after a marker of either kind that a group's own documents must make of a word
/// for [`Context::verb_like`] to judge it by them; below, lawrefbook's counts judge it
/// ([`VERB_COUNTS`]): four documents write 投保 once (投保火灾公众责任保险) and 调整 twice, where
/// lawrefbook's 3,422 regulations write 投保 29 times after a modal and 5 times after 的 or a
/// light verb.
const GROUP_USES: usize = 6;
/// In how many of lawrefbook's regulations each word of two characters or more is written
/// (`word TAB regulations`, the words of at least 2% of them), the second header line giving
/// their number; mined by `examples/mine_spread.rs`.
const WORD_SPREAD: &str = include_str!("../../corpus/word-spread.tsv");

/// The share of lawrefbook's regulations whose articles write `word` ([`WORD_SPREAD`]); 0 for a
/// word under the file's least (2% of them).
fn corpus_share(word: &str) -> f32 {
    static S: OnceLock<(f32, HashMap<&'static str, f32>)> = OnceLock::new();
    let (total, words) = S.get_or_init(|| {
        let total = WORD_SPREAD
            .lines()
            .take_while(|l| l.starts_with('#'))
            .find_map(|l| {
                let rest = l.split("# of ").nth(1)?;
                rest.split_whitespace().next()?.parse::<f32>().ok()
            })
            .unwrap_or(1.0);
        let words = WORD_SPREAD
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, d) = l.split_once('\t')?;
                Some((w, d.trim().parse().ok()?))
            })
            .collect();
        (total, words)
    });
    words.get(word).map_or(0.0, |&d| d / total.max(1.0))
}

/// How much of its weight a word keeps as a name of one group's matter, by the share of
/// lawrefbook's regulations that write it ([`WORD_SPREAD`]): 1 for a word under the file's least,
/// falling to 0 for a word every regulation writes (its IDF over lawrefbook, over the least's).
fn background_weight(word: &str) -> f32 {
    struct Spread {
        total: f32,
        least: f32,
        words: HashMap<&'static str, f32>,
    }
    static S: OnceLock<Spread> = OnceLock::new();
    let s = S.get_or_init(|| {
        let total = WORD_SPREAD
            .lines()
            .take_while(|l| l.starts_with('#'))
            .find_map(|l| {
                let rest = l.split("# of ").nth(1)?;
                rest.split_whitespace().next()?.parse::<f32>().ok()
            })
            .unwrap_or(1.0);
        let words: HashMap<&'static str, f32> = WORD_SPREAD
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, d) = l.split_once('\t')?;
                Some((w, d.trim().parse().ok()?))
            })
            .collect();
        let least = words.values().copied().fold(total, f32::min).max(1.0);
        Spread {
            total,
            least,
            words,
        }
    });
    match s.words.get(word) {
        Some(&d) if s.total > s.least => {
            ((s.total / d.max(1.0)).ln() / (s.total / s.least).ln()).clamp(0.0, 1.0)
        }
        _ => 1.0,
    }
}

/// How often lawrefbook's regulations write each word right after a modal or an adverb of manner
/// and right after 的 or a light verb (`word TAB verbal TAB nominal`), mined by
/// `examples/mine_verbs.rs`.
const VERB_COUNTS: &str = include_str!("../../corpus/verb-uses.tsv");

/// A word's (verbal, nominal) uses over lawrefbook ([`VERB_COUNTS`]), none for a word it writes
/// fewer than three times after a modal.
fn corpus_verb_uses(word: &str) -> Option<(usize, usize)> {
    static M: OnceLock<HashMap<&'static str, (usize, usize)>> = OnceLock::new();
    M.get_or_init(|| {
        VERB_COUNTS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                let w = f.next()?;
                let v = f.next()?.trim().parse().ok()?;
                let n = f.next()?.trim().parse().ok()?;
                Some((w, (v, n)))
            })
            .collect()
    })
    .get(word)
    .copied()
}

/// The one test of verb use, over a group's documents or lawrefbook alike: at least
/// [`VERB_USES`] uses right after a modal or an adverb of manner, and twice as many as right
/// after 的 or a light verb.
fn counts_as_verb(verbal: usize, nominal: usize) -> bool {
    verbal >= VERB_USES && verbal >= 2 * nominal
}

/// Whether lawrefbook writes `word` as a verb ([`corpus_verb_uses`]: at least [`VERB_USES`] times
/// right after a modal or an adverb of manner and twice as often as right after 的 or a light
/// verb), or `word` is such an adverb and a dictionary word (合理利用).
fn verb_in_corpus(word: &str) -> bool {
    let seg = Segmenter::global();
    PREDICATE_MARKERS.iter().any(|m| {
        word.strip_prefix(m)
            .is_some_and(|rest| rest.chars().count() >= 2 && seg.has_word(rest))
    }) || corpus_verb_uses(word).is_some_and(|(v, n)| counts_as_verb(v, n))
}

/// Words after which a noun phrase starts: the particle 的 (历史建筑的合理利用) and the light
/// verbs that take an action as their object (进行设置, 加强管理, 接受监督).
pub const NOMINAL_MARKERS: &[&str] = &[
    "的", "进行", "加强", "做好", "实施", "开展", "实行", "接受", "予以", "给予", "加以", "负责",
];

/// What the labels read of every article besides its vectors: its opening clause, the articles
/// it cites, and the standard types it has. Built once per alignment.
pub(crate) struct Context<'a> {
    docs: &'a [&'a crate::model::Regulation],
    openings: Vec<String>,
    refs: Vec<Vec<usize>>,
    /// Per unit, the article types it has: bit `k` for the `k`-th name of [`kinds`].
    types: Vec<u64>,
    /// Per type that asks for the group's own terms, the words at least [`TYPE_WORDS_SHARE`] of
    /// its articles say (罚款, 责令, 改正 for 法律责任): the formula's own vocabulary, which the
    /// type name already says.
    type_words: Vec<HashSet<u32>>,
    /// Per unit, where [`Segmenter::tokens`] cuts its text (each word's first byte and the byte
    /// past it), once the labels have asked for it: a group's terms are looked up in the same
    /// members' words many times over.
    cuts: Vec<OnceLock<Vec<(u32, u32)>>>,
    /// Per word asked about, whether the alignment's articles write it as a verb more often than
    /// as a noun ([`Context::verb_like`]).
    verbs: Mutex<HashMap<String, bool>>,
    /// The labels' settings.
    params: LabelParams,
    /// Per phrase asked about, how many of the alignment's articles write it
    /// ([`shared_phrase`]).
    phrase_df: Mutex<HashMap<String, usize>>,
    /// The titles of the alignment's documents ([`Context::in_title`]).
    titles: Vec<String>,
}

impl<'a> Context<'a> {
    /// The normalised text of unit `u`'s article.
    fn text(&self, space: &Space, u: usize) -> Option<&'a str> {
        let unit = space.units.get(u)?;
        let docs: &'a [&'a crate::model::Regulation] = self.docs;
        docs.get(unit.doc)?
            .articles
            .get(unit.pos)
            .map(|a| a.norm.as_str())
    }

    /// How many of the alignment's articles write `phrase`, counted once per phrase.
    fn phrase_df(&self, space: &Space, phrase: &str) -> usize {
        if let Some(&n) = self
            .phrase_df
            .lock()
            .ok()
            .and_then(|m| m.get(phrase).copied())
            .as_ref()
        {
            return n;
        }
        let n = (0..space.len())
            .filter(|&u| self.text(space, u).is_some_and(|t| t.contains(phrase)))
            .count();
        if let Ok(mut m) = self.phrase_df.lock() {
            m.insert(phrase.to_string(), n);
        }
        n
    }

    /// Unit `u`'s text and its words as [`Segmenter::tokens`] cuts it, the same words every time:
    /// cut once per unit, the cut kept as byte offsets.
    fn tokens(&self, space: &Space, u: usize) -> Option<(&'a str, Vec<Token<'a>>)> {
        let text = self.text(space, u)?;
        let cell = match self.cuts.get(u) {
            Some(cell) if u32::try_from(text.len()).is_ok() => cell,
            _ => return Some((text, Segmenter::global().tokens(text))),
        };
        let spans = cell.get_or_init(|| {
            let tokens = Segmenter::global().tokens(text);
            // Offsets fit: the text is shorter than u32::MAX bytes.
            tokens
                .iter()
                .map(|t| (t.start as u32, t.end as u32))
                .collect()
        });
        let tokens = spans
            .iter()
            .map(|&(start, end)| {
                let (start, end) = (start as usize, end as usize);
                Token {
                    text: text.get(start..end).unwrap_or_default(),
                    start,
                    end,
                }
            })
            .collect();
        Some((text, tokens))
    }

    /// The members whose text writes `word`, each with its words as [`Context::tokens`] cuts
    /// them.
    fn cuts_with<'s>(
        &'s self,
        space: &'s Space,
        members: &'s [usize],
        word: &'s str,
    ) -> impl Iterator<Item = (&'a str, Vec<Token<'a>>)> + 's {
        members
            .iter()
            .filter(move |&&m| self.text(space, m).is_some_and(|t| t.contains(word)))
            .filter_map(move |&m| self.tokens(space, m))
    }

    /// Whether the articles of the documents `docs` write `pair` (a character and the lone
    /// character `c` after it) somewhere not followed by `term` and where `c` opens no dictionary
    /// word with the characters after it: there the two characters are one unit (用热 of
    /// 用热申请, 用热面积), not the end of one word and the start of the next (其他 水域).
    fn closes_elsewhere(&self, docs: &[usize], pair: &str, c: &str, term: &str) -> bool {
        let seg = Segmenter::global();
        docs.iter()
            .filter_map(|&d| self.docs.get(d))
            .flat_map(|d| &d.articles)
            .any(|a| {
                a.norm.match_indices(pair).any(|(at, _)| {
                    let after = &a.norm[at + pair.len()..];
                    let from_c = &a.norm[at + pair.len() - c.len()..];
                    let opens_word = from_c
                        .char_indices()
                        .skip(2)
                        .take(3)
                        .map(|(i, _)| &from_c[..i])
                        .chain(std::iter::once(from_c).filter(|f| f.chars().count() <= 4))
                        .any(|w| seg.has_word(w));
                    !after.starts_with(term) && !opens_word
                })
            })
    }

    /// Whether the articles of the documents `docs` (a group's) write `word` as a verb in most of its uses: at least
    /// [`VERB_USES`] times right after a modal or an adverb of manner ([`PREDICATE_MARKERS`]:
    /// 应当设置, 可以委托), and at least twice as often as right after 的 or a light verb that
    /// takes an action as its object ([`NOMINAL_MARKERS`]: 进行设置, 加强管理). jieba's tag says
    /// little here: it tags 设置 and 投保 verbal nouns and 利用 a noun. When the documents use the
    /// word fewer than [`GROUP_USES`] times after either kind of marker, lawrefbook's counts
    /// ([`corpus_verb_uses`]) are read instead (投保: once in four 消防条例). A word made of such an
    /// adverb and a dictionary word (合理利用, a word jieba made up) is verb-like too. Such a word
    /// before a noun governs it as its object (设置·道路交通标志): a bridge does not open with it.
    fn verb_like(&self, docs: &[usize], word: &str) -> bool {
        let key = format!("{docs:?}{word}");
        if let Ok(cache) = self.verbs.lock()
            && let Some(&v) = cache.get(&key)
        {
            return v;
        }
        let seg = Segmenter::global();
        let marked = word.chars().count() >= 2
            && PREDICATE_MARKERS.iter().any(|m| {
                word.strip_prefix(m)
                    .is_some_and(|rest| rest.chars().count() >= 2 && seg.has_word(rest))
            });
        let (mut verbal, mut nominal) = (0usize, 0usize);
        if !marked {
            // Read off the texts, not jieba's cut: cutting every article that holds the word
            // cost a third more time on a large corpus. A marker counts only as a whole word
            // before the word (许可 does not end in the modal 可).
            let ends_with_word = |before: &str, m: &str| {
                before.strip_suffix(m).is_some_and(|rest| {
                    let joined = rest.chars().last().map(|c| format!("{c}{m}"));
                    joined.is_none_or(|j| !seg.has_word(&j))
                })
            };
            let texts = docs
                .iter()
                .filter_map(|&d| self.docs.get(d))
                .flat_map(|d| &d.articles)
                .map(|a| a.norm.as_str());
            for text in texts {
                for (at, _) in text.match_indices(word) {
                    let before = &text[..at];
                    if PREDICATE_MARKERS.iter().any(|m| ends_with_word(before, m)) {
                        verbal += 1;
                    } else if NOMINAL_MARKERS.iter().any(|m| ends_with_word(before, m)) {
                        nominal += 1;
                    }
                }
            }
        }
        // Too few uses in the group's documents to tell: lawrefbook's.
        if !marked
            && verbal + nominal < GROUP_USES
            && let Some(uses) = corpus_verb_uses(word)
        {
            (verbal, nominal) = uses;
        }
        let v = marked || counts_as_verb(verbal, nominal);
        if let Ok(mut cache) = self.verbs.lock() {
            cache.insert(key, v);
        }
        v
    }

    /// Whether `word` names the place of a member's document: its title opens with it, a
    /// province, city, county or district (郑州 of 郑州市物业管理条例; not 城市绿化 of
    /// 宁波市城市绿化条例, nor of a national 城市绿化条例).
    fn own_place(&self, space: &Space, members: &[usize], word: &str) -> bool {
        let unit = |c: char| matches!(c, '省' | '市' | '县' | '区');
        members.iter().any(|&m| {
            space
                .units
                .get(m)
                .and_then(|u| self.docs.get(u.doc))
                .and_then(|d| d.meta.title.strip_prefix(word))
                .is_some_and(|rest| {
                    word.chars().last().is_some_and(unit) || rest.chars().next().is_some_and(unit)
                })
        })
    }

    /// Whether `word` (two characters or more) is a word of the family's title: the titles of
    /// at least half the documents, and of two, hold it (人口 of 上海市人口与计划生育条例 and
    /// 北京市人口与计划生育条例).
    fn in_title(&self, word: &str) -> bool {
        let holding = self.titles.iter().filter(|t| t.contains(word)).count();
        word.chars().count() >= 2 && holding >= 2 && holding * 2 >= self.titles.len()
    }

    /// `refs`: per unit, the units its article cites (`xref::resolve`).
    pub(crate) fn new(
        docs: &'a [&'a crate::model::Regulation],
        space: &Space,
        refs: Vec<Vec<usize>>,
        params: LabelParams,
    ) -> Context<'a> {
        // Per unit, its article's types by every formula, and the types it has by the formulas
        // whose articles say the type's own words (0 for a unit out of range); each article is
        // read once for both, the articles in parallel.
        let (mut types, vocabulary): (Vec<u64>, Vec<u64>) = space
            .units
            .par_iter()
            .map(|unit| {
                unit.article(docs)
                    .map_or((0, 0), |a| types_and_vocabulary(&a.norm))
            })
            .unzip();
        let general = general_bits(params.general_kinds);
        for (u, bits) in types.iter_mut().enumerate() {
            if general != 0 && outside_general_part(docs, space, u) {
                *bits &= !general;
            }
        }
        let type_words = kinds()
            .iter()
            .enumerate()
            .map(|(k, _)| {
                let with_terms = formulas()
                    .iter()
                    .any(|f| f.with_terms && f.kind == kinds()[k]);
                let typed: Vec<usize> = (0..space.len())
                    .filter(|&u| vocabulary[u] & (1 << k) != 0)
                    .collect();
                if !with_terms || typed.len() < TYPE_WORDS_MIN {
                    return HashSet::new();
                }
                let mut df: BTreeMap<u32, usize> = BTreeMap::new();
                for &u in &typed {
                    for &t in &space.words[u].terms {
                        *df.entry(t).or_default() += 1;
                    }
                }
                let (n_typed, n_all) = (typed.len() as f32, space.len() as f32);
                df.into_iter()
                    .filter(|&(t, n)| {
                        let share = n as f32 / n_typed;
                        let everywhere = space.word_vocab.df[t as usize] as f32 / n_all;
                        share >= TYPE_WORDS_SHARE && share >= TYPE_WORDS_LIFT * everywhere
                    })
                    .map(|(t, _)| t)
                    .collect()
            })
            .collect();
        Context {
            docs,
            openings: openings(docs, space),
            refs,
            types,
            type_words,
            cuts: (0..space.len()).map(|_| OnceLock::new()).collect(),
            verbs: Mutex::new(HashMap::new()),
            params,
            phrase_df: Mutex::new(HashMap::new()),
            titles: docs.iter().map(|d| d.meta.title.clone()).collect(),
        }
    }
}

/// The types that state a regulation's general provisions, by [`LabelParams::general_kinds`].
const GENERAL_KINDS: &[&[&str]] = &[&[], &["基本原则"], &["基本原则", "部门职责"]];

/// The bits over [`kinds`] of the general types that `setting` names.
fn general_bits(setting: u8) -> u64 {
    let names = GENERAL_KINDS
        .get(usize::from(setting))
        .copied()
        .unwrap_or_default();
    kinds()
        .iter()
        .enumerate()
        .filter(|(_, k)| names.contains(&k.as_str()))
        .fold(0, |bits, (k, _)| bits | (1 << k))
}

/// The chapter of a regulation's general provisions.
const GENERAL_PART: &str = "总则";

/// Whether unit `u`'s article sits outside its regulation's 总则, the regulation having one: a
/// principle or a duties formula there is said of one act or one matter of the regulation.
fn outside_general_part(docs: &[&crate::model::Regulation], space: &Space, u: usize) -> bool {
    let Some(unit) = space.units.get(u) else {
        return false;
    };
    let Some(doc) = docs.get(unit.doc) else {
        return false;
    };
    let Some(article) = unit.article(docs) else {
        return false;
    };
    doc.chapters.iter().any(|c| c.title == GENERAL_PART) && article.chapter.title != GENERAL_PART
}

/// Each unit's opening clause: its first paragraph up to the first comma, colon, semicolon or
/// full stop (at most [`OPENING_CHARS`] characters), where an article names its subject; an
/// article that frames a list before a comma and says what is done with it after (对下列事项，
/// 组织开展评估监测：) opens up to the colon.
fn openings(docs: &[&crate::model::Regulation], space: &Space) -> Vec<String> {
    space
        .units
        .iter()
        .map(|u| {
            u.article(docs)
                .map(|a| {
                    let first: String = a
                        .norm
                        .chars()
                        .take_while(|c| !matches!(c, '。' | '；' | '：' | ';' | ':' | '\n'))
                        .collect();
                    // An enumeration framed before a comma (对下列事项，组织开展评估监测：;
                    // 有下列情况之一的，不提交…：): the predicate after the comma says what is
                    // done with the items, so the opening runs to the colon.
                    let lead = a.norm[first.len()..].starts_with(['：', ':'])
                        && first
                            .split(['，', ','])
                            .next()
                            .is_some_and(|c| c.contains("下列") && c.len() < first.len());
                    if lead {
                        return first;
                    }
                    a.norm
                        .chars()
                        .take_while(|c| {
                            !matches!(c, '，' | '。' | '；' | '：' | ',' | ';' | ':' | '\n')
                        })
                        .take(OPENING_CHARS)
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect()
}

/// The article types, compiled in (the search index records each article's types too).
pub(crate) const ARTICLE_TYPES: &str = include_str!("../../corpus/article-types.tsv");

/// One formula of an article type.
#[derive(Debug)]
struct Formula {
    kind: String,
    /// Pieces that must occur in this order within one sentence; each piece is a list of
    /// alternatives (`制定本条例|制定本规定`).
    pieces: Vec<Vec<String>>,
    /// The first piece must open the sentence (`^为了`).
    anchored: bool,
    /// The last piece must close the sentence (`应当遵守本条例$`).
    closed: bool,
    /// The label goes on with the group's own terms.
    with_terms: bool,
    /// The formula's articles count when the type's own words are found (a `-` in a fourth
    /// column says they do not: a penalty that cites no rule punishes officials with 处分 where
    /// the others fine with 罚款 and 处罚, and its articles would crowd those words out).
    own_words: bool,
    /// The type names groups only (`label` in a fifth column): the search index neither records
    /// it per article nor recognises its name in a query.
    labels_only: bool,
}

fn formulas() -> &'static [Formula] {
    static F: OnceLock<Vec<Formula>> = OnceLock::new();
    F.get_or_init(|| parse_types(ARTICLE_TYPES))
}

/// The type names, each once, in the order of the data file (at most 64).
fn kinds() -> &'static [String] {
    static K: OnceLock<Vec<String>> = OnceLock::new();
    K.get_or_init(|| {
        let mut out: Vec<String> = Vec::new();
        for f in formulas() {
            if !out.contains(&f.kind) && out.len() < 64 {
                out.push(f.kind.clone());
            }
        }
        out
    })
}

/// Lines of `type<TAB>formula[<TAB>+[<TAB>-[<TAB>label]]]`; `#` comments and blank lines skipped.
fn parse_types(text: &str) -> Vec<Formula> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let kind = cols.next()?.trim();
            let formula = cols.next()?.trim();
            let with_terms = cols.next().is_some_and(|c| c.trim() == "+");
            let own_words = cols.next().is_none_or(|c| c.trim() != "-");
            let labels_only = cols.next().is_some_and(|c| c.trim() == "label");
            let anchored = formula.starts_with('^');
            let closed = formula.ends_with('$');
            let pieces: Vec<Vec<String>> = formula
                .trim_start_matches('^')
                .trim_end_matches('$')
                .split('…')
                .map(|p| {
                    p.split('|')
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .map(String::from)
                        .collect::<Vec<String>>()
                })
                .filter(|p| !p.is_empty())
                .collect();
            (!kind.is_empty() && !pieces.is_empty()).then(|| Formula {
                kind: kind.to_string(),
                pieces,
                anchored,
                closed,
                with_terms,
                own_words,
                labels_only,
            })
        })
        .collect()
}

/// Whether `text` has the formula: one of its sentences holds the pieces in order (the first at
/// the sentence's start when the formula is anchored, the last at its end when it is closed). Read on the running text, so that
/// 以…为依据，制定本行业…标准 is not 根据…制定本条例.
fn has_formula(text: &str, f: &Formula) -> bool {
    text.split(['。', '；', '！', '？', ';', '\n'])
        .map(str::trim)
        .any(|sentence| {
            let mut rest = sentence;
            for (i, piece) in f.pieces.iter().enumerate() {
                if f.closed && i + 1 == f.pieces.len() {
                    return piece.iter().any(|alt| rest.ends_with(alt.as_str()))
                        && !(i == 0 && f.anchored && !piece.iter().any(|a| rest == a));
                }
                let found = piece
                    .iter()
                    .filter_map(|alt| rest.find(alt.as_str()).map(|at| (at, alt.len())))
                    .min();
                match found {
                    Some((at, len)) if !(i == 0 && f.anchored && at != 0) => {
                        rest = &rest[at + len..];
                    }
                    _ => return false,
                }
            }
            true
        })
}

/// The names of every standard article type whose formula the normalised `text` has, those that
/// name groups only included (for the studies of `examples/`).
pub fn all_article_types(text: &str) -> Vec<String> {
    type_names(types_of(text))
}

/// The article types of an article's normalised `text`, as bits over [`kinds`].
fn types_of(text: &str) -> u64 {
    types_by(text, |_| true)
}

/// The article types of `text` by the formulas `keep` takes, as bits over [`kinds`].
fn types_by(text: &str, keep: impl Fn(&Formula) -> bool) -> u64 {
    let found = Found::in_text(text);
    let mut bits = 0;
    for (i, f) in formulas().iter().enumerate().filter(|(_, f)| keep(f)) {
        let Some(bit) = kind_bit(i) else {
            continue;
        };
        if bits & bit == 0 && found.may_hold(i) && has_formula(text, f) {
            bits |= bit;
        }
    }
    bits
}

/// The article types of `text` by every formula ([`types_of`]) and by the formulas whose
/// articles say the type's own words (`types_by(text, |f| f.own_words)`), the text read once.
fn types_and_vocabulary(text: &str) -> (u64, u64) {
    let found = Found::in_text(text);
    let (mut all, mut own) = (0, 0);
    for (i, f) in formulas().iter().enumerate() {
        let Some(bit) = kind_bit(i) else {
            continue;
        };
        let wanted = all & bit == 0 || (f.own_words && own & bit == 0);
        if wanted && found.may_hold(i) && has_formula(text, f) {
            all |= bit;
            if f.own_words {
                own |= bit;
            }
        }
    }
    (all, own)
}

/// Formula `i`'s type as its bit over [`kinds`] (`None` past the 64 types kept).
fn kind_bit(i: usize) -> Option<u64> {
    static B: OnceLock<Vec<Option<u64>>> = OnceLock::new();
    B.get_or_init(|| {
        formulas()
            .iter()
            .map(|f| kinds().iter().position(|k| *k == f.kind).map(|k| 1 << k))
            .collect()
    })
    .get(i)
    .copied()
    .flatten()
}

/// Every alternative of every formula in one automaton, so that a text is read once for all of
/// them before any formula is read sentence by sentence.
struct Alternatives {
    automaton: AhoCorasick,
    /// Per formula, per piece, the automaton's numbers of the piece's alternatives.
    pieces: Vec<Vec<Vec<usize>>>,
    /// How many distinct alternatives the automaton holds.
    count: usize,
}

/// The formulas' [`Alternatives`]; `None` if the automaton cannot be built (every formula is then
/// read sentence by sentence).
fn alternatives() -> Option<&'static Alternatives> {
    static A: OnceLock<Option<Alternatives>> = OnceLock::new();
    A.get_or_init(|| {
        let mut numbers: HashMap<&str, usize> = HashMap::new();
        let mut strings: Vec<&str> = Vec::new();
        let pieces = formulas()
            .iter()
            .map(|f| {
                f.pieces
                    .iter()
                    .map(|piece| {
                        piece
                            .iter()
                            .map(|alt| {
                                *numbers.entry(alt.as_str()).or_insert_with(|| {
                                    strings.push(alt.as_str());
                                    strings.len() - 1
                                })
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let automaton = AhoCorasick::new(&strings).ok()?;
        Some(Alternatives {
            automaton,
            pieces,
            count: strings.len(),
        })
    })
    .as_ref()
}

/// Which of the formulas' alternatives occur anywhere in one text.
struct Found {
    /// Per alternative, whether the text holds it; `None` when unknown (every formula may hold).
    seen: Option<Vec<bool>>,
}

impl Found {
    fn in_text(text: &str) -> Found {
        let seen = alternatives().map(|alts| {
            let mut seen = vec![false; alts.count];
            for m in alts.automaton.find_overlapping_iter(text) {
                if let Some(s) = seen.get_mut(m.pattern().as_usize()) {
                    *s = true;
                }
            }
            seen
        });
        Found { seen }
    }

    /// False when formula `i` cannot hold in the text: one of its pieces has no alternative
    /// anywhere in it (a sentence holds only what the text holds). True otherwise; then
    /// [`has_formula`] decides.
    fn may_hold(&self, i: usize) -> bool {
        let (Some(seen), Some(alts)) = (&self.seen, alternatives()) else {
            return true;
        };
        alts.pieces.get(i).is_none_or(|pieces| {
            pieces
                .iter()
                .all(|piece| piece.iter().any(|&a| seen.get(a).copied().unwrap_or(true)))
        })
    }
}

/// The names of the standard article types whose formula the normalised `text` has (立法目的 for
/// 为了…制定本条例); the search index records them per article and recognises their names in a
/// query. Types that name groups only are left out.
pub(crate) fn article_kinds(text: &str) -> Vec<String> {
    type_names(types_by(text, |f| !f.labels_only))
}

/// Every article type's name the search reads, once each, in the data file's order (not the
/// types that name groups only).
pub(crate) fn kind_names() -> &'static [String] {
    static K: OnceLock<Vec<String>> = OnceLock::new();
    K.get_or_init(|| {
        kinds()
            .iter()
            .filter(|k| formulas().iter().any(|f| f.kind == **k && !f.labels_only))
            .cloned()
            .collect()
    })
}

/// The names of the types set in `types` (bits over [`kinds`]), in the data file's order.
fn type_names(types: u64) -> Vec<String> {
    kinds()
        .iter()
        .enumerate()
        .filter(|&(k, _)| types & (1 << k) != 0)
        .map(|(_, k)| k.clone())
        .collect()
}

/// How widely each word is spread over the groups of this alignment. A word that most groups
/// share, such as the family's head word (养犬, 山体, 供热) or an actor that opens clause after
/// clause (区政府, 人民政府, 养犬人, 供热企业), says nothing of the matter of one group; a word
/// of few groups does. Per word, an IDF over the groups in which at least half of the group's
/// documents say it, scaled to 0..=1: 1 for a word of one group, near 0 for a word of all.
pub(crate) struct Spread {
    idf: Vec<f32>,
}

impl Spread {
    fn new(space: &Space, clusters: &[Vec<usize>]) -> Spread {
        let mut gdf = vec![0u32; space.word_vocab.len()];
        for members in clusters {
            let mut docs: Vec<usize> = members.iter().map(|&m| space.units[m].doc).collect();
            docs.sort_unstable();
            docs.dedup();
            let mut per: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
            for &m in members {
                for &t in &space.words[m].terms {
                    per.entry(t).or_default().push(space.units[m].doc);
                }
            }
            for (t, mut d) in per {
                d.sort_unstable();
                d.dedup();
                if d.len() * 2 >= docs.len()
                    && let Some(g) = gdf.get_mut(t as usize)
                {
                    *g += 1;
                }
            }
        }
        let g = clusters.len() as f32;
        let top = ((g + 1.0) / 1.5).ln().max(1e-3);
        Spread {
            idf: gdf
                .into_iter()
                .map(|d| (((g + 1.0) / (d as f32 + 0.5)).ln() / top).clamp(0.0, 1.0))
                .collect(),
        }
    }

    /// Word `t`'s IDF over the groups, 1 for a word of one group, near 0 for a word of all.
    fn of(&self, t: u32) -> f32 {
        self.idf.get(t as usize).copied().unwrap_or(1.0)
    }

    /// Whether `word` is one of the family's head words ([`HEAD_SPREAD`]).
    fn is_head(&self, space: &Space, word: &str) -> bool {
        space
            .word_vocab
            .get(word)
            .is_some_and(|t| self.of(t) < HEAD_SPREAD)
    }
}

/// The label of the group of `members` (indices into `space`).
pub(crate) fn label(space: &Space, members: &[usize], cx: &Context, spread: &Spread) -> String {
    let first = label_ranked(space, members, cx, spread, None);
    let lone = members
        .iter()
        .all(|&m| space.units[m].doc == space.units[members[0]].doc);
    if lone {
        return first;
    }
    let seg = Segmenter::global();
    // A word of the family's title that many groups say (人口 of 人口与计划生育条例) tells no
    // group apart: it is ranked after the group's other words as a head word is.
    let title_head = |w: &str| {
        cx.params.title_spread > 0.0
            && cx.in_title(w)
            && space
                .word_vocab
                .get(w)
                .is_some_and(|t| spread.of(t) < cx.params.title_spread)
    };
    let heads = |w: &str| spread.is_head(space, w) || title_head(w);
    let all_heads = |t: &str, of: &dyn Fn(&str) -> bool| {
        !kinds().iter().any(|k| k == t) && {
            let words = seg.words(t);
            !words.is_empty() && words.iter().all(|w| of(w.text))
        }
    };
    let bare_head = first.split('·').any(|t| {
        all_heads(t, &|w| spread.is_head(space, w))
            || (cx.params.title_mode & 1 != 0 && all_heads(t, &title_head))
    });
    let label = if bare_head {
        label_ranked(space, members, cx, spread, Some(&heads))
    } else {
        first
    };
    // A bag of a generic party and bare verbs (人民政府·建立·机制): the party leads a label of no
    // type, and the members write it as the subject of their duty (人民政府应当建立…联席会议制度).
    // What they say it must do is the matter: the label is built again with the parties and the
    // bare verbs ranked after the group's other words (机制·联席会议·保护措施).
    let leading_party = label
        .split('·')
        .next()
        .filter(|t| !kinds().iter().any(|k| k == t))
        .filter(|t| names_a_party(t))
        .is_some_and(|t| party_on_duty(space, members, cx, t));
    let typed = label.split('·').any(|t| kinds().iter().any(|k| k == t));
    let label = if leading_party && !typed {
        let after = |w: &str| (bare_head && heads(w)) || is_actor(w) || seg.pos(w) == "v";
        label_ranked(space, members, cx, spread, Some(&after))
    } else {
        label
    };
    // With `title_mode` bit 2, such a title word is left out when the label says a term of the
    // group's own besides it (规划·人口·人民政府 → 规划·人民政府); a label of title words alone
    // keeps them.
    let own = |t: &str| !kinds().iter().any(|k| k == t) && !all_heads(t, &title_head);
    let label = if cx.params.title_mode & 2 != 0 && label.split('·').any(own) {
        label
            .split('·')
            .filter(|t| !all_heads(t, &title_head))
            .collect::<Vec<_>>()
            .join("·")
    } else {
        label
    };
    // With bit 4, a term of title words alone goes after the label's other terms (人口·人民政府 →
    // 人民政府·人口).
    let label = if cx.params.title_mode & 4 != 0 {
        let (titled, rest): (Vec<&str>, Vec<&str>) = label
            .split('·')
            .partition(|t| !kinds().iter().any(|k| k == t) && all_heads(t, &title_head));
        rest.into_iter().chain(titled).collect::<Vec<_>>().join("·")
    } else {
        label
    };
    if typed || cx.params.shared_docs <= 0.0 {
        return label;
    }
    // A bag of words (密闭·料堆·堆场) where the members share a noun phrase (防尘设施): the
    // phrase leads, the label's other terms follow (off by default, `LabelParams`).
    let bag = label.split('·').all(|t| seg.words(t).len() <= 1);
    if cx.params.shared_bags_only && !bag {
        return label;
    }
    match shared_phrase(space, members, cx, spread) {
        Some(phrase) if !label.split('·').any(|t| t.contains(phrase.as_str())) => {
            let mut terms = vec![phrase.clone()];
            for t in label
                .split('·')
                .filter(|t| !t.is_empty() && !phrase.contains(t))
            {
                if terms.len() >= MAX_TERMS {
                    break;
                }
                terms.push(t.to_string());
            }
            while terms.len() > 1
                && terms.iter().map(|t| t.chars().count() + 1).sum::<usize>() > MAX_CHARS + 1
            {
                terms.pop();
            }
            terms.join("·")
        }
        _ => label,
    }
}

/// Whether a label term is a predicate, not a thing: one word of jieba's cut that jieba tags
/// neither a plain noun (`n…`), an abbreviation nor a domain term (its verbs, verbal nouns,
/// adjectives and adverbs: 撤销, 营造, 任意), or that lawrefbook writes as a verb (出售, 限期:
/// [`verb_in_corpus`]).
fn predicate_term(term: &str, strict: bool) -> bool {
    let seg = Segmenter::global();
    let words = seg.words(term);
    if words.len() != 1 {
        return false;
    }
    let tag = seg.pos(term);
    if strict {
        // jieba tags many nouns verbal nouns (经费, 征管) and set phrases `l` (生态环境): a verb,
        // adjective or adverb by its tag, or a verbal noun lawrefbook writes as a verb.
        return matches!(tag, "v" | "vd" | "vi" | "a" | "ad" | "d")
            || (tag == "vn" && verb_in_corpus(term));
    }
    let plain_noun = tag.is_empty() || tag.starts_with('n') || matches!(tag, "j" | "x");
    !plain_noun || verb_in_corpus(term)
}

/// A bag of predicates (决定·撤销·改正 of 街道办事处…责令业主大会…改正, 弃置·排放·任意 of
/// 任意弃置垃圾、排放污染物) says what is done, not to what: the group's first noun that is
/// neither a predicate, a generic party nor the family's head word leads it, the predicates
/// following (the last giving way when the column is full). Which bags, [`LabelParams::verb_bags`].
fn noun_for_verbs(
    space: &Space,
    members: &[usize],
    cx: &Context,
    spread: &Spread,
    label: String,
) -> String {
    let strict = cx.params.verb_tags;
    let terms: Vec<&str> = label.split('·').filter(|t| !t.is_empty()).collect();
    let verbs = terms.iter().filter(|t| predicate_term(t, strict)).count();
    let bag = match cx.params.verb_bags {
        1 => !terms.is_empty() && verbs == terms.len(),
        3 => !terms.is_empty() && verbs == terms.len() && terms.len() < MAX_TERMS,
        2 => !terms.is_empty() && verbs + 1 >= terms.len() && verbs >= 1,
        _ => false,
    };
    if !bag {
        return label;
    }
    let seg = Segmenter::global();
    let later = |w: &str| {
        predicate_term(w, strict) || is_actor(w) || spread.is_head(space, w) || seg.pos(w) == "v"
    };
    let again = label_ranked(space, members, cx, spread, Some(&later));
    // A noun that heads the bag: no phrase that opens with a party or ends in a verb or a verbal
    // noun (区政府办公室汇总, a party and what it does, made whole across 汇总; 宣传 alone is a
    // noun), none that names no matter.
    // A party's name: a word that holds a party's (区政府办公室 holds 政府).
    let party = |w: &str| {
        w.char_indices().any(|(i, _)| {
            w[i..]
                .char_indices()
                .skip(2)
                .map(|(j, _)| &w[i..i + j])
                .chain(std::iter::once(&w[i..]))
                .any(is_actor)
        })
    };
    let ends_in_a_verb = |t: &str| {
        let words = seg.words(t);
        words.len() >= 2
            && (party(words[0].text)
                || words.last().is_some_and(|w| {
                    predicate_term(w.text, strict) || seg.pos(w.text).starts_with('v')
                }))
    };
    let Some(noun) = again.split('·').find(|t| {
        !t.is_empty()
            && !predicate_term(t, strict)
            && !ends_in_a_verb(t)
            && !names_no_matter(t)
            && !names_a_party(t)
            && !seg.words(t).iter().all(|w| spread.is_head(space, w.text))
            && !terms.iter().any(|o| o.contains(t) || t.contains(o))
    }) else {
        return label;
    };
    let mut out = vec![noun.to_string()];
    out.extend(terms.iter().map(|t| t.to_string()));
    out.truncate(MAX_TERMS);
    // A noun so long that it leaves no room for two of the bag's words (人民代表大会常务委员会)
    // would name the group alone: the bag stays.
    let width = |ts: &[String]| ts.iter().map(|t| t.chars().count() + 1).sum::<usize>();
    if out.len() >= 3.min(terms.len() + 1) && width(&out[..3.min(terms.len() + 1)]) > MAX_CHARS + 1
    {
        return label;
    }
    while out.len() > 1 && out.iter().map(|t| t.chars().count() + 1).sum::<usize>() > MAX_CHARS + 1
    {
        out.pop();
    }
    out.join("·")
}

/// The noun phrase of two words or more (at most [`PHRASE_CHARS`] characters) that members of
/// at least [`LabelParams::shared_docs`] of the group's documents (and two) write anywhere in
/// their text, the most documents first, then the longest: nouns and verbal nouns lawrefbook
/// does not write as predicates (工程档案, 运营服务规范), ending where the members' noun phrase
/// ends (not before a noun in most of its uses) and not in a frame noun (工作, 事项). A phrase
/// of the family's head words, parties and levels of the state alone (河道管理, 人民政府) names no
/// group, nor does one the group writes in fewer than [`LabelParams::shared_own`] of the
/// alignment's articles that write it (管理范围 of 在河道管理范围内…, said everywhere).
fn shared_phrase(
    space: &Space,
    members: &[usize],
    cx: &Context,
    spread: &Spread,
) -> Option<String> {
    let seg = Segmenter::global();
    let mut docs: Vec<usize> = members.iter().map(|&m| space.units[m].doc).collect();
    docs.sort_unstable();
    docs.dedup();
    let group_docs = docs.len();
    if group_docs < 2 {
        return None;
    }
    // Nouns only, a verbal noun only where lawrefbook does not write it as a predicate
    // (管理, 应急 yes; 部署, 执行 no); no adjective, verb or made-up word is in it.
    let noun = |w: &str| {
        let tag = seg.pos(w);
        w.chars().all(crate::text::chars::is_han)
            && ((tag.starts_with('n') && tag != "nr")
                || tag == "j"
                || (tag == "vn" && !verb_in_corpus(w)))
            && !w.starts_with('本')
            && !names_no_matter(w)
            && !LIGHT_VERBS.contains(&w)
            && !SUBJECT_ENDS.contains(&w)
            && !is_function_compound(w)
            && !adverb_and_verb(w)
            && !(w.chars().count() == 1 && is_function_char(w))
    };
    // A word lawrefbook writes after a modal at least half as often as after 的 or a light verb
    // (报告, 办理, 利用, 委托: jieba tags them nouns) is an action: it neither opens nor closes the
    // phrase (报告山体 of 应当报告山体…, 办理机动车).
    let action = |w: &str| corpus_verb_uses(w).is_some_and(|(v, n)| v >= VERB_USES && 2 * v >= n);
    let opens = |w: &str| {
        let tag = seg.pos(w);
        w.chars().count() >= 2
            && ((tag.starts_with('n') && tag != "nr") || tag == "j")
            && !action(w)
            && noun(w)
    };
    // Per phrase: the documents writing it, its occurrences, those a noun goes on after
    // (国家阶段性机动车 of 国家阶段性机动车排放标准: the head noun cut off) and those a modal or
    // adverb comes before (依法办理机动车: a verb and its object).
    let mut support: BTreeMap<String, (Vec<usize>, usize, usize, usize)> = BTreeMap::new();
    for &m in members {
        let Some((_, tokens)) = cx.tokens(space, m) else {
            continue;
        };
        let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        for i in 0..words.len() {
            let first = words[i];
            if !opens(first) {
                continue;
            }
            let before = i.checked_sub(1).map(|k| words[k]);
            let predicate =
                before.is_some_and(|b| PREDICATE_MARKERS.contains(&b) || seg.pos(b) == "d");
            // An item of a list (水利、航道、市政) opens no phrase.
            if before.is_some_and(|b| LIST_JOINS.contains(&b)) {
                continue;
            }
            let mut chars = first.chars().count();
            for j in i + 1..words.len() {
                let w = words[j];
                chars += w.chars().count();
                if chars > PHRASE_CHARS || !noun(w) {
                    break;
                }
                let next = words.get(j + 1).copied();
                if next.is_some_and(|n| LIST_JOINS.contains(&n))
                    || GENERIC_HEADS.contains(&w)
                    || action(w)
                {
                    continue;
                }
                let e = support.entry(words[i..=j].concat()).or_default();
                e.0.push(space.units[m].doc);
                e.1 += 1;
                e.2 += usize::from(next.is_some_and(noun));
                e.3 += usize::from(predicate);
            }
        }
    }
    let need = ((cx.params.shared_docs * group_docs as f32).ceil() as usize).max(2);
    let mut found: Vec<(usize, usize, String)> = support
        .into_iter()
        .filter_map(|(phrase, (mut d, uses, torn, predicate))| {
            d.sort_unstable();
            d.dedup();
            if torn * 2 > uses || predicate * 2 > uses {
                return None;
            }
            let generic = seg.words(&phrase).iter().all(|w| {
                spread.is_head(space, w.text) || is_actor(w.text) || LEVEL_CHARS.contains(&w.text)
            });
            (d.len() >= need && !generic).then(|| (d.len(), phrase.chars().count(), phrase))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    found
        .into_iter()
        .take(8)
        .find(|(_, _, phrase)| {
            let own = members
                .iter()
                .filter(|&&m| {
                    cx.text(space, m)
                        .is_some_and(|t| t.contains(phrase.as_str()))
                })
                .count();
            own as f32 >= cx.params.shared_own * cx.phrase_df(space, phrase) as f32
        })
        .map(|(_, _, phrase)| phrase)
}

/// Whether a label term is a generic party's name alone: its words are parties
/// ([`is_actor`]) and levels of the state (人民政府, 省人民政府, 有关部门).
fn names_a_party(term: &str) -> bool {
    let words = Segmenter::global().words(term);
    is_actor(term)
        || (!words.is_empty()
            && words
                .iter()
                .all(|w| is_actor(w.text) || LEVEL_CHARS.contains(&w.text)))
}

/// Words that may stand between a party and the modal of its duty: other parties' glue
/// (及其, 和, 、), their qualifiers (有关, 本级) and the levels of the state.
const PARTY_GLUE: &[&str] = &["及其", "和", "、", "有关", "相关", "各", "本级", "同级"];
/// What opens a party's duty: the modals, 负责, and the frames of acting by a rule.
const DUTY_OPENERS: &[&str] = &[
    "应当", "应", "可以", "必须", "须", "不得", "负责", "要", "按照", "依照",
];

/// Whether the members write the party `term` as the subject of a duty in at least half of its
/// uses: the text after it goes on, past other parties, levels of the state, bracketed asides
/// (（市、区）) and [`PARTY_GLUE`], with one of [`DUTY_OPENERS`] (人民政府应当建立…;
/// 县级以上人民政府及其有关部门应当…). A party that is the matter is written otherwise (单位养犬的,
/// 禁止单位饲养犬只).
fn party_on_duty(space: &Space, members: &[usize], cx: &Context, term: &str) -> bool {
    let (mut uses, mut duties) = (0usize, 0usize);
    for text in members.iter().filter_map(|&m| cx.text(space, m)) {
        for (at, _) in text.match_indices(term) {
            uses += 1;
            duties += usize::from(opens_a_duty(&text[at + term.len()..]));
        }
    }
    uses > 0 && duties * 2 >= uses
}

/// Whether the text right after a party's name goes on, past other parties, levels of the state,
/// bracketed asides and [`PARTY_GLUE`], with one of [`DUTY_OPENERS`]: the party is the subject of
/// a duty there (…人民政府应当建立…; …人民政府及其有关部门应当…).
fn opens_a_duty(mut rest: &str) -> bool {
    let seg = Segmenter::global();
    'skip: loop {
        for g in PARTY_GLUE.iter().chain(LEVEL_CHARS) {
            if let Some(r) = rest.strip_prefix(g) {
                rest = r;
                continue 'skip;
            }
        }
        if rest.starts_with('（')
            && let Some(end) = rest.find('）')
        {
            rest = &rest[end + '）'.len_utf8()..];
            continue;
        }
        // A party's name written next (有关部门, 主管部门), cut from the next few characters; a
        // word after punctuation or a line break (。\n县级以上人民政府…) is not next.
        let head = rest.char_indices().nth(6).map_or(rest, |(i, _)| &rest[..i]);
        match seg.words(head).first() {
            Some(w) if w.start == 0 && is_actor(w.text) => rest = &rest[w.end..],
            _ => break,
        }
    }
    DUTY_OPENERS.iter().any(|d| rest.starts_with(d))
}

/// The label of a group, the words `last` picks (the family's head words, see [`HEAD_SPREAD`];
/// a bag's parties and bare verbs) ranked after the group's other words (groups of several
/// documents only).
fn label_ranked(
    space: &Space,
    members: &[usize],
    cx: &Context,
    spread: &Spread,
    last: Option<&dyn Fn(&str) -> bool>,
) -> String {
    let (types, with_terms) = article_types(space, members, cx);
    let mut chosen = type_names(types);
    if chosen.is_empty() || with_terms {
        let typed = chosen.len();
        // The matter the members name as their subject (犬只死亡的，… / 区政府常务会议由…), when
        // they share one; a penalty is named by what it enforces instead.
        if !with_terms {
            chosen.extend(subject_phrase(space, members, cx));
        }
        let subject = chosen.len();
        // A group that is all the type's articles (the four definition articles of a family)
        // may say nothing but the type's vocabulary: then that names it.
        // A lone article names its parties only when it says nothing else (人民政府·街道办事处…
        // 推动基层文明建设 is about 基层文明).
        let lone = members
            .iter()
            .all(|&m| space.units[m].doc == space.units[members[0]].doc);
        // A lone article names its parties only when it says nothing else (乡（镇）人民政府、
        // 街道办事处和居民委员会…应当…推动基层文明建设 is about 基层文明): a term that is a party
        // or a word of a party's name (市场 of 市场监督管理部门) gives way to the others.
        let names = if lone {
            party_name_words(members.iter().filter_map(|&m| cx.tokens(space, m)))
        } else {
            HashSet::new()
        };
        // In a penalty a generic party is who enforces it or who is punished, never the conduct:
        // it gives way to the others too (法律责任·工作人员·部门 once the sanction's 处分 weighs
        // little).
        let penalty = type_names(types).iter().any(|k| k == PENALTY);
        let party =
            |t: &str| (lone && (is_actor(t) || names.contains(t))) || (penalty && is_actor(t));
        for own_words in [types, 0] {
            // Each ranked word with its term (the word made whole).
            let ranked: Vec<(String, String)> = ranked_terms(space, members, cx, own_words, spread)
                .into_iter()
                .map(|w| (w.clone(), whole_term(space, members, cx, w)))
                // A type's name is said of the groups of that type only (a chapter heading
                // 法律责任 read into the article before it is no matter of it).
                .filter(|(_, t)| !names_no_matter(t) && !kinds().iter().any(|k| k == t))
                .collect();
            let others = ranked.iter().any(|(_, t)| !party(t));
            // The words `last` picks after the group's own (a stable partition keeps the rank
            // within each).
            let ranked: Vec<(String, String)> = if let Some(last) = last.filter(|_| !lone) {
                let (heads, mut rest): (Vec<_>, Vec<_>) =
                    ranked.into_iter().partition(|(w, _)| last(w));
                rest.extend(heads);
                rest
            } else {
                ranked
            };
            for (word, term) in ranked.into_iter().filter(|(_, t)| !(others && party(t))) {
                if chosen.len() >= MAX_TERMS.max(typed + 2) {
                    break;
                }
                let said = |t: &str| {
                    chosen
                        .iter()
                        .any(|c| c.contains(t) || t.contains(c.as_str()))
                };
                // A word made whole into a compound whose other half the label already says
                // (会议 → 会议制度 beside 制度) stays the word: the phrase join makes the compound.
                let term = if said(&term) && !said(&word) {
                    word
                } else {
                    term
                };
                if said(&term) {
                    continue;
                }
                chosen.push(term);
            }
            if chosen.len() > subject || typed == 0 {
                break;
            }
        }
        let terms = join_phrases(space, members, cx, chosen.split_off(typed));
        // A bridge or phrase may have swallowed a later term (新建物业…房屋所有权·办理): a word
        // the label already says is no second term.
        let mut kept: Vec<String> = Vec::new();
        for t in terms {
            let inside = |c: &String| c.contains(t.as_str());
            if chosen.iter().any(inside) || kept.iter().any(inside) {
                continue;
            }
            match kept.iter().position(|k| t.contains(k.as_str())) {
                Some(at) => {
                    kept[at] = t;
                    let whole = kept[at].clone();
                    let mut i = 0;
                    kept.retain(|k| {
                        i += 1;
                        i - 1 == at || !whole.contains(k.as_str())
                    });
                }
                None => kept.push(t),
            }
        }
        // A generic head left alone by the joins names nothing (人民政府·采暖期·情况), unless
        // the label would say nothing else.
        if kept.iter().any(|t| !frames_nothing(t)) {
            kept.retain(|t| !frames_nothing(t));
        }
        // A term the members always write torn off a character of its own (部门工作台 of
        // 部门工作台帐, 时代社会主义 of 新时代社会主义) is made whole.
        let mut terms: Vec<String> = Vec::new();
        for t in kept {
            let t = mend_torn(space, members, cx, t);
            if chosen.iter().chain(&terms).any(|c| c.contains(t.as_str())) {
                continue;
            }
            // A mended term holds an earlier one (小区划 beside 小区划图): it takes its place.
            match terms.iter().position(|k| t.contains(k.as_str())) {
                Some(at) => {
                    terms[at] = t;
                    let whole = terms[at].clone();
                    let mut i = 0;
                    terms.retain(|k| {
                        i += 1;
                        i - 1 == at || !whole.contains(k.as_str())
                    });
                }
                None => terms.push(t),
            }
        }
        // Fit the column: the last terms go first.
        while !terms.is_empty()
            && chosen
                .iter()
                .chain(&terms)
                .map(|c| c.chars().count() + 1)
                .sum::<usize>()
                > MAX_CHARS + 1
        {
            terms.pop();
        }
        chosen.extend(terms);
    }
    chosen.join("·")
}

/// The labels of all `clusters`, in their order. A penalty group (a type that goes on with the
/// group's own terms) whose members cite articles of the regulation is named first by the matter
/// of the group those articles belong to (违反本条例第十五条规定 → the first term of 第十五条's
/// group, the duty it enforces), then by its own words for the conduct.
pub(crate) fn labels(space: &Space, clusters: &[Vec<usize>], cx: &Context) -> Vec<String> {
    let mut owner = vec![usize::MAX; space.len()];
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            owner[m] = c;
        }
    }
    let own: Vec<(u64, bool)> = clusters
        .iter()
        .map(|members| article_types(space, members, cx))
        .collect();
    let spread = Spread::new(space, clusters);
    let first: Vec<String> = clusters
        .par_iter()
        .map(|members| {
            let named = label(space, members, cx, &spread);
            if named.is_empty() {
                unnamed(space, members, cx)
            } else {
                named
            }
        })
        .collect();
    let named: Vec<String> = clusters
        .iter()
        .enumerate()
        .map(|(c, members)| {
            let (types, with_terms) = own[c];
            if !with_terms {
                // A penalty citing this group is named by its first term as [`label`] gave it
                // (the duty's verb: 刻划), the group itself by its noun if a bag of predicates.
                let lone = members
                    .iter()
                    .all(|&m| space.units[m].doc == space.units[members[0]].doc);
                if types != 0 || lone {
                    return first[c].clone();
                }
                return noun_for_verbs(space, members, cx, &spread, first[c].clone());
            }
            // Per cited group (not itself of a type), the members citing it.
            let mut cited: BTreeMap<usize, usize> = BTreeMap::new();
            for &m in members {
                let mut seen: Vec<usize> = cx
                    .refs
                    .get(m)
                    .map_or(&[][..], Vec::as_slice)
                    .iter()
                    .filter_map(|&u| owner.get(u).copied())
                    .filter(|&g| g != c && g < clusters.len() && own[g].0 == 0)
                    .collect();
                seen.sort_unstable();
                seen.dedup();
                for g in seen {
                    *cited.entry(g).or_default() += 1;
                }
            }
            let Some((&g, &by)) = cited.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            else {
                return first[c].clone();
            };
            // A duty cited by fewer than half the members is one of several conducts punished
            // (一 of 生产、批发、零售): their own conduct clauses name the group.
            if by * 2 < members.len() {
                return first[c].clone();
            }
            let mut out = type_names(types);
            let typed = out.len();
            // The duty's name first, then the penalty's own words for the conduct (its members'
            // words, those of the cited articles weighing more).
            let duty = first[g]
                .split('·')
                .filter(|t| !kinds().iter().any(|k| k == t));
            // A frame or qualifier the group's own label kept for want of anything else
            // (法律责任·旅游行政) gives way to the duty.
            let conduct = first[c]
                .split('·')
                .filter(|t| !kinds().iter().any(|k| k == t) && !frames_nothing(t));
            for term in duty.take(1).chain(conduct) {
                let width: usize = out.iter().map(|t| t.chars().count() + 1).sum();
                if out.len() >= typed + 2 {
                    break;
                }
                if width + term.chars().count() > MAX_CHARS
                    || out
                        .iter()
                        .any(|o| o.contains(term) || term.contains(o.as_str()))
                {
                    continue;
                }
                out.push(term.to_string());
            }
            if out.len() == typed {
                return first[c].clone();
            }
            out.join("·")
        })
        .collect();
    distinct(space, clusters, cx, &spread, &own, named)
}

/// The label of a group whose ranked words name nothing (every word a drafting word, a number or
/// a verb only one member says): a commencement written two ways, 自…起施行 and 自…起实施, is such
/// a group of two articles, where the type is at a tie that [`article_types`] breaks by the type's
/// own words and 施行日期 has none. Named, as a person would, by the type at least half the
/// members have; failing that, by its weightiest words of two Han characters or more that name a
/// matter (a generic party after the others), as many as fit [`MAX_CHARS`], at most two. Empty
/// only when the members write no such word.
fn unnamed(space: &Space, members: &[usize], cx: &Context) -> String {
    let half: u64 = (0..kinds().len())
        .filter(|&k| {
            let n = members
                .iter()
                .filter(|&&m| cx.types.get(m).is_some_and(|t| t & (1 << k) != 0))
                .count();
            n > 0 && n * 2 >= members.len()
        })
        .fold(0, |bits, k| bits | 1 << k);
    let typed = type_names(half);
    if !typed.is_empty() {
        return typed.join("·");
    }
    let mut weight: BTreeMap<u32, f32> = BTreeMap::new();
    for &m in members {
        for (t, w) in space.words[m].iter() {
            *weight.entry(t).or_default() += w;
        }
    }
    let mut words: Vec<(&str, f32)> = weight
        .into_iter()
        .map(|(t, w)| (space.word_vocab.strings[t as usize].as_str(), w))
        .filter(|&(word, _)| {
            word.chars().count() >= 2
                && word.chars().all(crate::text::chars::is_han)
                && !names_no_matter(word)
                && !frames_nothing(word)
                && !kinds().iter().any(|k| k == word)
        })
        .collect();
    words.sort_by(|a, b| {
        is_actor(a.0)
            .cmp(&is_actor(b.0))
            .then(b.1.total_cmp(&a.1))
            .then(a.0.cmp(b.0))
    });
    let mut out: Vec<&str> = Vec::new();
    for (word, _) in words {
        let width: usize = out.iter().map(|w| w.chars().count() + 1).sum();
        if out.len() < 2 && width + word.chars().count() <= MAX_CHARS {
            out.push(word);
        }
    }
    out.join("·")
}

/// The labels told apart: when groups share a label (two 立法目的·制定依据; two 施行日期), every
/// one but the group of most members takes its next own matter word (its ranked terms not yet
/// in the label), the label's last free term giving way when the column is full; a group with no
/// word left is told apart by its number among the namesakes (`（2）`).
fn distinct(
    space: &Space,
    clusters: &[Vec<usize>],
    cx: &Context,
    spread: &Spread,
    own: &[(u64, bool)],
    mut labels: Vec<String>,
) -> Vec<String> {
    // Per group, its own words not yet tried, computed when first needed.
    let mut spare: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for _round in 0..=MAX_TERMS {
        let mut by_label: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (c, l) in labels.iter().enumerate() {
            by_label.entry(namesake_key(l, cx)).or_default().push(c);
        }
        let clashes: Vec<Vec<usize>> = by_label.into_values().filter(|v| v.len() > 1).collect();
        if clashes.is_empty() {
            return labels;
        }
        for mut same in clashes {
            // The group of most members keeps the label.
            same.sort_by(|&a, &b| clusters[b].len().cmp(&clusters[a].len()).then(a.cmp(&b)));
            for (k, &c) in same.iter().enumerate().skip(1) {
                let words = spare.entry(c).or_insert_with(|| {
                    ranked_terms(space, &clusters[c], cx, own[c].0, spread)
                        .into_iter()
                        .map(|t| whole_term(space, &clusters[c], cx, t))
                        .filter(|t| !names_no_matter(t) && !frames_nothing(t))
                        .collect()
                });
                let current: Vec<&str> = labels[c].split('·').collect();
                let typed_width: usize = current
                    .iter()
                    .filter(|t| kinds().iter().any(|k| k == *t))
                    .map(|t| t.chars().count() + 1)
                    .sum();
                let next = words.iter().position(|w| {
                    typed_width + w.chars().count() <= MAX_CHARS
                        && !current
                            .iter()
                            .any(|t| t.contains(w.as_str()) || w.contains(t))
                });
                let Some(next) = next else {
                    labels[c] = format!("{}（{}）", labels[c], k + 1);
                    continue;
                };
                let word = words.remove(next);
                let mut terms: Vec<String> = current.iter().map(|t| t.to_string()).collect();
                let typed = terms
                    .iter()
                    .filter(|t| kinds().iter().any(|k| k == *t))
                    .count();
                let width = |ts: &[String]| ts.iter().map(|t| t.chars().count() + 1).sum::<usize>();
                while terms.len() > typed && width(&terms) + word.chars().count() > MAX_CHARS {
                    terms.pop();
                }
                terms.push(word);
                labels[c] = terms.join("·");
            }
        }
    }
    // Namesakes left after the rounds: numbered.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    labels
        .into_iter()
        .map(|l| {
            let n = seen.entry(namesake_key(&l, cx)).or_default();
            *n += 1;
            if *n == 1 { l } else { format!("{l}（{n}）") }
        })
        .collect()
}

/// What two labels must share to be namesakes: the label, or with
/// [`LabelParams::same_terms`] its terms in any order (专项·资金·维修 and 维修·专项·资金).
fn namesake_key(label: &str, cx: &Context) -> String {
    if !cx.params.same_terms {
        return label.to_string();
    }
    let mut terms: Vec<&str> = label.split('·').collect();
    terms.sort_unstable();
    terms.join("·")
}

/// A term jieba cut out of a longer unit, made whole again: when jieba
/// cuts the term as a word at least twice in the members' texts and every time leaves the same
/// lone Han character after it (or, failing that, before it), a noun (木, not 要 or 是), the
/// term takes it (古树名 木 → 古树名木). A character that belongs to a word of its own (名义 制发)
/// is not taken, nor one before the term that closes the word before it (供用 热 双方: 用热).
fn whole_term(space: &Space, members: &[usize], cx: &Context, term: String) -> String {
    let seg = Segmenter::global();
    if term.chars().count() >= PHRASE_CHARS {
        return term;
    }
    let lone = |w: &str| {
        let mut chars = w.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if crate::text::chars::is_han(c) => {
                (is_nominal(seg.pos(w)) && !is_function_char(w)).then_some(c)
            }
            _ => None,
        }
    };
    // A plain noun (`n`) of two characters or more that may make a compound with the next (调节器
    // of 空气调节器; jieba tags verbs such as 产生 and 利用 `n` too, and 产生噪声 is no compound,
    // but its `ns` and `vn` words are more often verbs still: 普及, 管理), a party too (委员会 of
    // 业主委员会: a generic party's name does not cut a compound the text writes; 建设 of 建设单位
    // is a verbal noun), not a word of no matter.
    let head = |w: &str| {
        w.chars().count() >= 2
            && w.chars().all(crate::text::chars::is_han)
            && seg.pos(w) == "n"
            && !names_no_matter(w)
    };
    // A word that carries a run of nouns on (a noun, a made-up word, a distinguishing adjective).
    let runs_on = |w: &str| {
        let tag = seg.pos(w);
        w.chars().all(crate::text::chars::is_han)
            && (is_nominal(tag) || tag == "x" || tag == "b")
            && !(w.chars().count() == 1 && is_function_char(w))
    };
    // The members' documents, whose whole texts say which characters go together.
    let mut member_docs: Vec<usize> = members.iter().map(|&m| space.units[m].doc).collect();
    member_docs.sort_unstable();
    member_docs.dedup();
    // Whether the lone character `c` written after the word `prev` may be that word's tail: the
    // word is Han and no particle or conjunction (的, 和: a new word starts after them), `c` is
    // no level of the state (区 of 区政协 opens the name after it), and the members' documents
    // write the word's last character with `c` elsewhere than before the term: 用热 of 供用 热
    // 双方 (用热申请, 用热面积), 生水 of 再生 水 水质 (再生水利用), 名木 of 古树名 木 主管部门; not
    // 障水 of 保障 水 工程, written only there.
    let carries = |prev: &str, c: &str| {
        let tag = seg.pos(prev);
        let Some(last) = prev.chars().last() else {
            return false;
        };
        if !prev.chars().all(crate::text::chars::is_han)
            || tag.starts_with('u')
            || tag == "c"
            || LIST_JOINS.contains(&prev)
            || LEVEL_CHARS.contains(&c)
        {
            return false;
        }
        let pair = format!("{last}{c}");
        cx.closes_elsewhere(&member_docs, &pair, c, &term)
    };
    // Each member that writes the term, cut into words (read by both scans below).
    let writing: Vec<Vec<Token>> = members
        .iter()
        .filter(|&&m| cx.text(space, m).is_some_and(|t| t.contains(term.as_str())))
        .filter_map(|&m| cx.tokens(space, m).map(|(_, tokens)| tokens))
        .collect();
    // Where each of them cuts the term as a word: (its words, the term's index among them).
    let occurrences = || {
        writing.iter().flat_map(|tokens| {
            (0..tokens.len())
                .filter(|&i| tokens[i].text == term)
                .map(move |i| (tokens.as_slice(), i))
        })
    };
    let (mut after, mut before, mut n) = (Vec::new(), Vec::new(), 0);
    let (mut followed, mut preceded): (Vec<Option<&str>>, Vec<Option<&str>>) = (vec![], vec![]);
    for (tokens, i) in occurrences() {
        n += 1;
        after.push(tokens.get(i + 1).and_then(|x| lone(x.text)));
        // A character before the term is its head only when nothing before it may
        // close with it: 供用 热 双方 is 供用热 and 双方, 用 热 登记 is 用热 and 登记.
        // Nor is a character right after a closing bracket: 村（居）民委员会 writes
        // 村民委员会 and 居民委员会 at once, so 民 closes the words in and before the
        // brackets, not a word of its own with the term.
        before.push(i.checked_sub(1).and_then(|j| {
            lone(tokens[j].text).filter(|_| {
                j.checked_sub(1).is_none_or(|k| {
                    !carries(tokens[k].text, tokens[j].text)
                        && !matches!(tokens[k].text, "）" | ")")
                })
            })
        }));
        // Only a run of exactly these two nouns: 年度·河道 of 上一年度河道行洪安全 is
        // the start of a longer run, no compound of its own.
        let alone = |k: Option<usize>| {
            k.and_then(|k| tokens.get(k))
                .is_none_or(|x| !runs_on(x.text))
        };
        followed.push(
            tokens
                .get(i + 1)
                .map(|x| x.text)
                .filter(|x| head(x) && alone(i.checked_sub(1)) && alone(Some(i + 2))),
        );
        preceded.push(
            i.checked_sub(1)
                .and_then(|j| tokens.get(j))
                .map(|x| x.text)
                .filter(|x| head(x) && alone(i.checked_sub(2)) && alone(Some(i + 1))),
        );
    }
    // A distinguishing adjective (`b`: 大型, 重大, 公共, 主要) modifies the noun after it and
    // never stands alone: when every occurrence of the term in the members has the same one
    // before it, it is part of the term (大型·活动 → 大型活动), even in a single article. So does
    // an adjective of one character (`a`: 新 of 新时代), which jieba cuts off the noun it is
    // written with.
    let attributive = |p: &str| {
        let tag = seg.pos(p);
        tag == "b" || (tag == "a" && p.chars().count() == 1)
    };
    if n >= 1 {
        let mut first: Option<&str> = None;
        let mut all_same = true;
        for (tokens, i) in occurrences() {
            let prev = i.checked_sub(1).map(|j| tokens[j].text);
            match (prev, first) {
                (Some(p), None) if attributive(p) => first = Some(p),
                (Some(p), Some(f)) if p == f => {}
                _ => all_same = false,
            }
        }
        if let (true, Some(p)) = (all_same, first)
            && p.chars().count() + term.chars().count() <= PHRASE_CHARS
        {
            return format!("{p}{term}");
        }
    }
    // A noun the members only ever write before the same noun is the first half of a compound
    // jieba's dictionary lacks (空气调节器 cut 空气·调节器): the compound is the term. So is a noun
    // only ever written after the same noun when one of the two is a generic party, whose name
    // cuts the compounds it makes (国家观念 cut 国家·观念, 业主委员会 cut 业主·委员会).
    let fits = |w: &&str| term.chars().count() + w.chars().count() <= PHRASE_CHARS;
    if seg.pos(&term) == "n" {
        if let Some(next) = same(&followed).filter(fits) {
            return format!("{term}{next}");
        }
        if let Some(prev) = same(&preceded)
            .filter(fits)
            .filter(|p| is_actor(p) || is_actor(&term))
        {
            return format!("{prev}{term}");
        }
    }
    if n < 2 {
        return term;
    }
    if let Some(c) = same(&after) {
        format!("{term}{c}")
    } else if let Some(c) = same(&before) {
        format!("{c}{term}")
    } else {
        term
    }
}

/// The one value every entry of `v` is, when there is one (none when some entry is `None`).
fn same<T: Copy + PartialEq>(v: &[Option<T>]) -> Option<T> {
    match v.first() {
        Some(&Some(x)) if v.iter().all(|&y| y == Some(x)) => Some(x),
        _ => None,
    }
}

/// Words at which an opening clause's subject ends: modal verbs and the verbs that introduce what
/// the subject must, may or may not do (区政府常务会议由…; 养犬人应当…; 犬只死亡的，…). Not 负责 or
/// 有权: before them stands the agency or the person (公安机关负责…), not the matter.
const SUBJECT_ENDS: &[&str] = &[
    "应当", "应", "必须", "须", "不得", "可以", "由", "是", "实行", "需", "需要", "确需", "要",
    "将", "按照", "依照", "依据", "根据", "经", "予以", "的",
];

/// The noun phrase of two words or more that the members write as the subject of their opening
/// clause (the words before 应当, 由, 的，…), when members of at least half of the group's
/// documents (and two) write it there and every one of
/// its words is said by members of at least half of the documents. Among those, the one most
/// documents write, then the longest.
fn subject_phrase(space: &Space, members: &[usize], cx: &Context) -> Option<String> {
    let seg = Segmenter::global();
    let known = |w: &str| seg.has_word(w) || space.word_vocab.get(w).is_some();
    let mut docs: Vec<usize> = members.iter().map(|&m| space.units[m].doc).collect();
    docs.sort_unstable();
    docs.dedup();
    let group_docs = docs.len();
    // Nouns only (the phrase names a thing), never a reference to the text or place itself
    // (本市, 本条例).
    let usable = |w: &str| {
        let tag = seg.pos(w);
        w.chars().all(crate::text::chars::is_han)
            && (tag == "x" || is_nominal(tag))
            && !w.starts_with('本')
            && !names_no_matter(w)
            && !LIGHT_VERBS.contains(&w)
            && !SUBJECT_ENDS.contains(&w)
            && !(tag == "x" && is_fragment(w, &known))
            // A localizer closes a place (区域内), it is no noun of the run: 区域内规划 of
            // 物业服务区域内规划用于停放汽车的车位 is a place and the verb after it.
            && !(w.chars().count() == 1 && is_function_char(w))
    };
    // Docs of the members whose text says word `w`.
    let said_by = |w: &str| -> usize {
        let Some(id) = space.word_vocab.get(w) else {
            return 0;
        };
        let mut d: Vec<usize> = members
            .iter()
            .filter(|&&m| space.words[m].terms.binary_search(&id).is_ok())
            .map(|&m| space.units[m].doc)
            .collect();
        d.sort_unstable();
        d.dedup();
        d.len()
    };
    let mut support: BTreeMap<String, (Vec<usize>, usize)> = BTreeMap::new();
    for &m in members {
        let Some(opening) = cx.openings.get(m) else {
            continue;
        };
        // Punctuation stays a token here, so a run never spans 居民委员会、村民委员会.
        let words: Vec<&str> = seg.tokens(opening).into_iter().map(|t| t.text).collect();
        // A clause that opens with a preposition (在…内, 对…) has no subject of its own.
        if words.first().is_none_or(|w| seg.pos(w) == "p") {
            continue;
        }
        let end = words
            .iter()
            .position(|w| SUBJECT_ENDS.contains(w))
            .unwrap_or(0);
        let subject = &words[..end];
        for i in 0..subject.len() {
            for j in i + 2..=subject.len() {
                let run = &subject[i..j];
                let chars: usize = run.iter().map(|w| w.chars().count()).sum();
                if chars > PHRASE_CHARS || !usable(run[j - i - 1]) {
                    break;
                }
                if !run.iter().all(|w| usable(w)) {
                    continue;
                }
                // One item of a list of parties (乡镇人民政府、街道办事处应当…) is not the subject.
                let joined = |k: Option<usize>| {
                    k.and_then(|k| words.get(k))
                        .is_some_and(|w| LIST_JOINS.contains(w))
                };
                if joined(i.checked_sub(1)) || joined(Some(j)) {
                    continue;
                }
                // A lone character right after a closing bracket closes the words in and before
                // the brackets (村（居）民委员会: 村民委员会 and 居民委员会); no run starts there.
                if subject[i].chars().count() == 1
                    && i.checked_sub(1)
                        .is_some_and(|k| matches!(words[k], "）" | ")"))
                {
                    continue;
                }
                let e = support
                    .entry(run.concat())
                    .or_insert_with(|| (Vec::new(), run.len()));
                e.0.push(space.units[m].doc);
            }
        }
    }
    support
        .into_iter()
        .filter_map(|(phrase, (mut d, n_words))| {
            d.sort_unstable();
            d.dedup();
            let enough = d.len() * 2 >= group_docs && d.len() >= 2;
            let words_shared = seg
                .words(&phrase)
                .iter()
                .all(|w| said_by(w.text) * 2 >= group_docs);
            // The phrase opens mostly this group's clauses, not those of group after group.
            let opening_with = |units: &mut dyn Iterator<Item = &String>| {
                units.filter(|o| o.contains(phrase.as_str())).count() as f32
            };
            let own = opening_with(&mut members.iter().filter_map(|&m| cx.openings.get(m)));
            let specific = own >= SUBJECT_OWN_SHARE * opening_with(&mut cx.openings.iter());
            (enough && words_shared && n_words >= 2 && specific)
                .then(|| (d.len(), phrase.chars().count(), phrase))
        })
        .max_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)))
        .map(|(_, _, p)| p)
}

/// Joins nouns the members write as one phrase (城市绿化·工作 → 城市绿化工作, 占用·城市绿地 stays
/// apart as a verb and its object): two nominal terms are one phrase when at least half of the
/// members write them together, in that order, more often than in the other. Verbs are never
/// joined (单位接到, 发现电梯 read as fragments).
fn join_phrases(
    space: &Space,
    members: &[usize],
    cx: &Context,
    mut terms: Vec<String>,
) -> Vec<String> {
    let seg = Segmenter::global();
    let known = |w: &str| seg.has_word(w) || space.word_vocab.get(w).is_some();
    let noun = |w: &str| {
        let tag = seg.pos(w);
        ((tag == "x" && !is_fragment(w, &known)) || is_nominal(tag))
            && !(tag == "vn" && used_as_verb(w, cx.cuts_with(space, members, w)))
    };
    // A verb lawrefbook writes after modals governs the term after it (设置·测温, 利用·信息,
    // 合理利用·历史): the two stay apart, unless the join mends a word jieba cut across, the verb's
    // object (燃放烟花·爆竹 = 燃放·烟花爆竹). Judged on lawrefbook's counts, not the group's: the
    // five write 报告 and 决策 after modals, and 报告制度, 决策程序 are compounds.
    let verb_then_object = |a: &str, b: &str| {
        verb_in_corpus(a)
            && !a
                .char_indices()
                .skip(1)
                .any(|(i, _)| seg.has_word(&format!("{}{b}", &a[i..])))
    };
    // Members whose text writes `a` then `b` as one phrase.
    let junction = |a: &str, b: &str| -> usize {
        let phrase = format!("{a}{b}");
        members
            .iter()
            .filter(|&&m| cx.text(space, m).is_some_and(|t| t.contains(&phrase)))
            .count()
    };
    // The other order written as often means the pair is no phrase in this order.
    let joined = |a: &str, b: &str| -> bool {
        if !noun(a) || !noun(b) || a.chars().count() + b.chars().count() > PHRASE_CHARS {
            return false;
        }
        let n = junction(a, b);
        n * 2 >= members.len() && n > junction(b, a) && !verb_then_object(a, b)
    };
    let mut i = 0;
    while i < terms.len() {
        let mut merged = false;
        for j in 0..terms.len() {
            if i == j {
                continue;
            }
            if joined(&terms[i], &terms[j]) {
                let b = terms.remove(j);
                let i = if j < i { i - 1 } else { i };
                terms[i].push_str(&b);
                merged = true;
                break;
            }
        }
        if merged {
            i = 0;
        } else {
            i += 1;
        }
    }
    bridge_compounds(space, members, cx, &mut terms);
    terms
}

/// Whether the lone member writes `phrase` as the end of its run of nouns somewhere: the word
/// after it is no noun. A bridge read off one article must be a whole unit, not the first half
/// of one (业主大会统一社会·信用代码). Two adjacent words joined are a compound even inside a
/// longer run (专业服务 of 专业服务机构, 资金管理 of 资金管理制度): asking it of joined phrases
/// split them.
fn ends_a_run(space: &Space, members: &[usize], cx: &Context, phrase: &str) -> bool {
    let seg = Segmenter::global();
    members
        .iter()
        .filter(|&&m| cx.text(space, m).is_some_and(|t| t.contains(phrase)))
        .filter_map(|&m| cx.tokens(space, m))
        .any(|(text, tokens)| {
            text.match_indices(phrase).any(|(at, _)| {
                let end = at + phrase.len();
                let Some(i) = token_holding(&tokens, end).filter(|&i| tokens[i].start == end)
                else {
                    return end == text.len();
                };
                let next = tokens[i].text;
                let tag = seg.pos(next);
                !(next.chars().all(crate::text::chars::is_han)
                    && (is_nominal(tag) || tag == "x" || tag == "b")
                    && !(next.chars().count() == 1 && is_function_char(next)))
            })
        })
}

/// Two nominal terms that at least half the members write a few words apart within one compound,
/// every word between them a noun (设施安全保护区: 设施 … 保护区; 厨余垃圾处理装置), become the
/// compound as written, up to [`BRIDGE_CHARS`] characters: the members use the unit whole and
/// the ranking kept two of its pieces. A verb between them (新时代文明实践活动体系: 实践 is a
/// verb to jieba) stops the bridge: allowed in groups of one document it joined
/// 时代文明实践活动体系 but also 标准配套建设公共厕所.
fn bridge_compounds(space: &Space, members: &[usize], cx: &Context, terms: &mut Vec<String>) {
    let seg = Segmenter::global();
    let max = BRIDGE_CHARS;
    let known = |w: &str| seg.has_word(w) || space.word_vocab.get(w).is_some();
    let nominal = |w: &str| {
        let tag = seg.pos(w);
        (tag == "x" && !is_fragment(w, &known)) || is_nominal(tag) || tag == "b"
    };
    let content = |w: &str| {
        let tag = seg.pos(w);
        nominal(w)
            && w.chars().all(crate::text::chars::is_han)
            && !matches!(tag, "p" | "c" | "f" | "r" | "d" | "m" | "q")
            && !tag.starts_with('u')
            && !LIGHT_VERBS.contains(&w)
            && !SUBJECT_ENDS.contains(&w)
            && !LIST_JOINS.contains(&w)
            && !names_no_matter(w)
            && !(w.chars().count() == 1 && is_function_char(w))
    };
    let mut member_docs: Vec<usize> = members.iter().map(|&m| space.units[m].doc).collect();
    member_docs.sort_unstable();
    member_docs.dedup();
    'outer: loop {
        for a in 0..terms.len() {
            for b in 0..terms.len() {
                if a == b || !nominal(&terms[a]) || !nominal(&terms[b]) {
                    continue;
                }
                // A bridge that would open with a verb (设置·标志 of 设置道路交通标志) is its
                // object alone: the words after the verb up to the other term.
                // Asked only where a member writes both terms: the test reads every article.
                let verb = std::cell::OnceCell::new();
                let mut spans: BTreeMap<String, usize> = BTreeMap::new();
                for &m in members {
                    let Some(t) = cx.text(space, m) else {
                        continue;
                    };
                    if !t.contains(terms[a].as_str()) || !t.contains(terms[b].as_str()) {
                        continue;
                    }
                    let Some((_, tokens)) = cx.tokens(space, m) else {
                        continue;
                    };
                    let mut found: Option<String> = None;
                    for (i, tok) in tokens.iter().enumerate() {
                        if tok.text != terms[a] {
                            continue;
                        }
                        let verb = *verb.get_or_init(|| cx.verb_like(&member_docs, &terms[a]));
                        let least = if verb {
                            terms[b].chars().count()
                        } else {
                            terms[a].chars().count() + terms[b].chars().count()
                        };
                        let mut span = if verb {
                            String::new()
                        } else {
                            tok.text.to_string()
                        };
                        for next in &tokens[i + 1..] {
                            if next.text == terms[b] {
                                span.push_str(next.text);
                                if span.chars().count() <= max && span.chars().count() > least {
                                    found = Some(span.clone());
                                }
                                break;
                            }
                            if !content(next.text) || span.chars().count() >= max {
                                break;
                            }
                            span.push_str(next.text);
                        }
                        if found.is_some() {
                            break;
                        }
                    }
                    if let Some(f) = found {
                        *spans.entry(f).or_default() += 1;
                    }
                }
                if let Some((span, n)) = spans.into_iter().max_by(|x, y| x.1.cmp(&y.1))
                    && n * 2 >= members.len()
                    && (members.len() > 1 || ends_a_run(space, members, cx, &span))
                {
                    let (lo, hi) = (a.min(b), a.max(b));
                    terms.remove(hi);
                    terms[lo] = span;
                    continue 'outer;
                }
            }
        }
        break;
    }
}

/// The types (bits over [`kinds`]) most of the articles have, and whether any of them asks for
/// the group's own terms too. A type is the group's when its formula is in more than half of the
/// members; at exactly half, when every other member says [`TIE_TYPE_WORDS`] of the type's own
/// words (罚款 and 责令 of a penalty written without 违反本条例…, not the formula's own 原则 or 实行):
/// a pricing article that states its principles in passing (物业服务收费应当遵循…的原则) grouped
/// with two that state none is no principles article.
fn article_types(space: &Space, members: &[usize], cx: &Context) -> (u64, bool) {
    let mut bits = 0;
    for k in 0..kinds().len() {
        let has = |m: usize| cx.types.get(m).is_some_and(|t| t & (1 << k) != 0);
        let n = members.iter().filter(|&&m| has(m)).count();
        // The type's own words beyond its formula's (实行 of 实行…的原则 said of a price is no
        // principle).
        let in_formula = |t: u32| {
            let word = space.word_vocab.strings[t as usize].as_str();
            formulas().iter().any(|f| {
                f.kind == kinds()[k] && f.pieces.iter().flatten().any(|p| p.contains(word))
            })
        };
        let own: Vec<u32> = cx.type_words.get(k).map_or(Vec::new(), |w| {
            w.iter().copied().filter(|&t| !in_formula(t)).collect()
        });
        let tie_holds = n * 2 == members.len()
            && !own.is_empty()
            && members.iter().filter(|&&m| !has(m)).all(|&m| {
                space.words[m]
                    .terms
                    .iter()
                    .filter(|t| own.contains(t))
                    .count()
                    >= TIE_TYPE_WORDS
            });
        if n > 0 && (n * 2 > members.len() || tie_holds) {
            bits |= 1 << k;
        }
    }
    let with_terms = formulas().iter().any(|f| {
        f.with_terms
            && kinds()
                .iter()
                .position(|k| *k == f.kind)
                .is_some_and(|k| bits & (1 << k) != 0)
    });
    (bits, with_terms)
}

/// Per word of `texts` (as jieba cuts it), how often it is written and how often as an item of
/// an enumeration: a run of nouns right before or right after a [`LIST_JOINS`] word that has a
/// run of nouns on its other side too (烈性犬和大型犬, 居民委员会、村民委员会). A 、 after a
/// numeral numbers a list (一、), it joins nothing.
fn listed_counts<'t>(
    texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>,
) -> BTreeMap<&'t str, (u32, u32)> {
    let seg = Segmenter::global();
    let mut nominal_cache: BTreeMap<&'t str, bool> = BTreeMap::new();
    let mut out: BTreeMap<&'t str, (u32, u32)> = BTreeMap::new();
    for (_, tokens) in texts {
        let nominal: Vec<bool> = tokens
            .iter()
            .map(|t| {
                *nominal_cache.entry(t.text).or_insert_with(|| {
                    let tag = seg.pos(t.text);
                    t.text.chars().all(crate::text::chars::is_han)
                        && !LIST_JOINS.contains(&t.text)
                        && (tag == "x" || is_nominal(tag))
                })
            })
            .collect();
        let mut listed = vec![false; tokens.len()];
        for (k, t) in tokens.iter().enumerate() {
            if !LIST_JOINS.contains(&t.text) {
                continue;
            }
            let before = (0..k).rev().take_while(|&i| nominal[i]).count();
            let after = (k + 1..tokens.len()).take_while(|&i| nominal[i]).count();
            if before == 0 || after == 0 {
                continue;
            }
            listed[k - before..k].iter_mut().for_each(|l| *l = true);
            listed[k + 1..=k + after].iter_mut().for_each(|l| *l = true);
        }
        for (i, t) in tokens.iter().enumerate() {
            if nominal[i] {
                let e = out.entry(t.text).or_default();
                e.1 += 1;
                if listed[i] {
                    e.0 += 1;
                }
            }
        }
    }
    out
}

/// Byte spans of the numbered items of a list in `text`: from after a marker (（一）, (二)) to the
/// item's end (；, 。 or the next marker).
fn numbered_item_spans(text: &str) -> Vec<(usize, usize)> {
    let numerals = "一二三四五六七八九十";
    let mut markers: Vec<(usize, usize)> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i].1, '（' | '(') {
            let mut j = i + 1;
            while j < chars.len() && numerals.contains(chars[j].1) {
                j += 1;
            }
            if j > i + 1 && j < chars.len() && matches!(chars[j].1, '）' | ')') {
                let end = chars[j].0 + chars[j].1.len_utf8();
                markers.push((chars[i].0, end));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    let mut spans = Vec::new();
    for (k, &(_, start)) in markers.iter().enumerate() {
        let limit = markers.get(k + 1).map_or(text.len(), |m| m.0);
        let end = text[start..limit]
            .find(['；', '。', ';'])
            .map_or(limit, |e| start + e);
        spans.push((start, end));
    }
    spans
}

/// Per word of `texts` (as jieba cuts it), how often it is written and how often inside the
/// numbered items of a list (`numbered_item_spans`).
fn numbered_counts<'t>(
    texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>,
) -> BTreeMap<&'t str, (u32, u32)> {
    counts_in_spans(texts, numbered_item_spans)
}

/// Per word of `texts` (as jieba cuts it), how often it is written inside the title marks of a
/// citation (《中华人民共和国行政处罚法》, 《城市绿化条例》) and how often in all.
fn quoted_counts<'t>(
    texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>,
) -> BTreeMap<&'t str, (u32, u32)> {
    let mut out: BTreeMap<&'t str, (u32, u32)> = BTreeMap::new();
    for (text, tokens) in texts {
        if !text.contains('《') {
            for t in tokens {
                out.entry(t.text).or_default().1 += 1;
            }
            continue;
        }
        let mut depth = 0usize;
        for t in tokens {
            for c in t.text.chars() {
                match c {
                    '《' => depth += 1,
                    '》' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            let e = out.entry(t.text).or_default();
            e.1 += 1;
            if depth > 0 {
                e.0 += 1;
            }
        }
    }
    out
}

/// Negations a word right after which is said not to be (不愁绪满怀). Only the plain 不 of a
/// state or manner: a prohibition (不得, 禁止, 严禁 …) names the very conduct a rule is about
/// (禁止吸烟 is a matter of 吸烟).
const NEGATIONS: &[&str] = &["不"];

/// Per token text, how many times the texts write it under a negation and how many times in all.
/// A negation ([`NEGATIONS`], a token of its own) followed by a noun negates a state a set phrase
/// says to avoid (不愁绪满怀): that noun and the words after it up to the next punctuation or 的
/// are under it. A verb after 不 is the act the rule regulates (不提交会议讨论 is a matter of 提交),
/// and nothing is under that negation.
fn negated_counts<'t>(
    texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>,
) -> BTreeMap<&'t str, (u32, u32)> {
    let seg = Segmenter::global();
    let is_word = |t: &str| t.chars().any(|c| c.is_alphanumeric());
    let mut out: BTreeMap<&'t str, (u32, u32)> = BTreeMap::new();
    for (_, tokens) in texts {
        let mut under = false;
        for (i, t) in tokens.iter().enumerate() {
            // Punctuation ends the negated phrase; so does 的, after which comes the thing the
            // phrase describes (不符合规定的事项: the 事项 are not negated).
            if !is_word(t.text) || t.text == "的" {
                under = false;
            }
            let e = out.entry(t.text).or_default();
            e.1 += 1;
            if under {
                e.0 += 1;
            }
            if NEGATIONS.contains(&t.text) {
                under = tokens
                    .get(i + 1)
                    .is_some_and(|n| seg.pos(n.text).starts_with('n'));
            }
        }
    }
    out
}

/// What a frame of precedence writes right before the word it names: 另有约定的，从其约定 (an
/// agreement, or another rule, prevails), a clause any provision may close with.
const PRECEDENCE_FRAMES: &[&str] = &["另有", "从其"];

/// Per token text, how many times the texts write it right after a frame of precedence
/// ([`PRECEDENCE_FRAMES`]) and how many times in all: 约定 of 另有约定的，从其约定 is that frame's
/// object, not the group's matter (of lawrefbook's 4,872 uses of 约定, 392 follow 另有 and 123 从其).
fn framed_counts<'t>(
    texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>,
) -> BTreeMap<&'t str, (u32, u32)> {
    let mut out: BTreeMap<&'t str, (u32, u32)> = BTreeMap::new();
    for (text, tokens) in texts {
        for t in &tokens {
            let e = out.entry(t.text).or_default();
            e.1 += 1;
            let before = text.get(..t.start).unwrap_or("");
            if PRECEDENCE_FRAMES.iter().any(|f| before.ends_with(f)) {
                e.0 += 1;
            }
        }
    }
    out
}

/// Whether a dictionary word of three characters or more is a word of two or more with a
/// conjunction glued on by jieba's cut (检查和 of 监督检查和考核, a noun in jieba's dictionary):
/// its last character a conjunction alone, the rest a commoner dictionary word, and the members
/// writing another word right after it in at least half its occurrences. A two-character word
/// closing so (普及, 总和) is a word of its own.
fn closes_with_conjunction<'t>(
    word: &str,
    texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>,
) -> bool {
    let seg = Segmenter::global();
    let Some(last) = word.chars().last() else {
        return false;
    };
    let (rest, conj) = word.split_at(word.len() - last.len_utf8());
    if rest.chars().count() < 2
        || seg.pos(conj) != "c"
        || !seg.has_word(rest)
        || seg.frequency(rest) <= seg.frequency(word)
    {
        return false;
    }
    let around = neighbours(word, texts);
    let before_a_word = around
        .iter()
        .filter(|(_, after)| after.is_some_and(|a| a.chars().all(crate::text::chars::is_han)))
        .count();
    !around.is_empty() && before_a_word * 2 >= around.len()
}

/// Whether a word starts with a character that on its own is a function word or a numeral or
/// date (由市, 向区, 日为): such a fragment is the tail of a clause, not a term. Not an adverb: 必行
/// of 有令必行 is half of a set phrase.
fn opens_with_function_char(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        let mut buf = [0u8; 4];
        let c = c.encode_utf8(&mut buf);
        is_function_char(c) || Segmenter::global().pos(c) == "m"
    })
}

/// Localizers (方位词), which place the noun before them (区域内, 期限内, 会议中), and 时, which
/// places a clause in time as 前 and 后 do (注册登记时, 会车时): a closed class of Chinese
/// grammar, whatever tag jieba's dictionary gives them (内 and 时 are tagged nouns there). Left
/// alone inside a word jieba made up, 时 ends a clause (时国家 of 注册登记时国家规定的标准).
const LOCALIZERS: &[&str] = &["内", "外", "中", "上", "下", "前", "后", "里", "间", "时"];

/// Whether a single character standing alone is a function word rather than a content word: a
/// preposition (为, 向, 由), a conjunction (和, 及), a particle (的, 之) or a localizer (内, 中).
fn is_function_char(c: &str) -> bool {
    let tag = Segmenter::global().pos(c);
    LOCALIZERS.contains(&c)
        || COVERBS.contains(&c)
        || matches!(tag, "p" | "c" | "f")
        || tag.starts_with('u')
}

/// Verbs that lead a place, a time or a goal as a preposition does (要求驾驶人到其指定的机构,
/// 自…至…止): jieba tags them verbs, and a word it makes up across one (人到 of 驾驶人到) is a
/// fragment.
const COVERBS: &[&str] = &["到", "至"];

/// The levels of the state written as one character before a party's name (市人民政府,
/// 县林业主管部门): alone inside a word jieba made up, the word runs into that name.
const LEVEL_CHARS: &[&str] = &["省", "市", "县", "区", "乡", "镇"];

/// Natural log of the total frequency of jieba's default dictionary (about 60 million), against
/// which a word's frequency is its probability.
const LOG_DICT_TOTAL: f64 = 17.91;

/// `word` cut into the dictionary's words the way jieba cuts without its guesses (no HMM): the
/// sequence of dictionary words, or lone characters where none fits, of greatest probability.
fn dictionary_cut(word: &str) -> Vec<&str> {
    let seg = Segmenter::global();
    let bounds: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(word.len()))
        .collect();
    let n = bounds.len() - 1;
    // best[i]: the log probability of the best cut of the characters from i on, and the end of its
    // first piece.
    let mut best: Vec<(f64, usize)> = vec![(0.0, n); n + 1];
    for i in (0..n).rev() {
        let mut top = (f64::NEG_INFINITY, i + 1);
        for j in i + 1..=n {
            let piece = &word[bounds[i]..bounds[j]];
            let f = seg.frequency(piece);
            if f == 0 && j > i + 1 {
                continue;
            }
            let p = (f.max(1) as f64).ln() - LOG_DICT_TOTAL + best[j].0;
            if p > top.0 {
                top = (p, j);
            }
        }
        best[i] = top;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let j = best[i].1;
        out.push(&word[bounds[i]..bounds[j]]);
        i = j;
    }
    out
}

/// Whether a word jieba made up (tag `x`) is a fragment cut across word boundaries rather than a
/// compound of real words: it opens with a function character or a numeral or date (由市, 日为),
/// or, cut into dictionary words (no guesses), one of its pieces is a lone function character (日为河南省志愿者 = 日·为·河南省·志愿者, 区域内 = 区域·内), or it is a word the
/// documents write (in `known`) with a function character glued on before or after
/// (所有权人为 = 所有权人 + 为, the clause going on with 为…).
fn is_fragment(word: &str, known: &dyn Fn(&str) -> bool) -> bool {
    if opens_with_function_char(word) {
        return true;
    }
    let cut = dictionary_cut(word);
    if cut
        .iter()
        .any(|piece| piece.chars().count() == 1 && is_function_char(piece))
    {
        return true;
    }
    // A level of the state left alone at the end (报市 of 报市人民政府批准, 报市林业 of
    // 报市林业主管部门备案) opens the name of the party written next: the word is a verb and the
    // first character of that name.
    if cut.len() >= 2 && cut.last().is_some_and(|p| LEVEL_CHARS.contains(p)) {
        return true;
    }
    if cut.len() >= 3
        && cut[cut.len() - 2..]
            .first()
            .is_some_and(|p| LEVEL_CHARS.contains(p))
        && cut.first().is_some_and(|p| p.chars().count() == 1)
    {
        return true;
    }
    let first = word.chars().next().map_or(0, char::len_utf8);
    let last = word.chars().last().map_or(0, char::len_utf8);
    if word.chars().count() < 3 {
        return false;
    }
    (is_function_char(&word[..first]) && known(&word[first..]))
        || (is_function_char(&word[word.len() - last..]) && known(&word[..word.len() - last]))
}

/// Whether a two-character-or-more dictionary word is, where the members write it, a function
/// character glued onto a neighbouring word by jieba's cut: a conjunction of nouns opening it
/// right after a noun (市和县（市） cut 市·和县), or a preposition closing it right before a noun
/// (三十日内向社会公布 cut 内向·社会), its other part a commoner word on its own than the whole
/// (县, 内). Counted over its occurrences in `texts` as a word of jieba's cut; at least half must
/// read so.
fn straddles<'t>(word: &str, texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>) -> bool {
    let seg = Segmenter::global();
    let (Some(first), Some(last)) = (word.chars().next(), word.chars().last()) else {
        return false;
    };
    let (head, tail) = (first.len_utf8(), last.len_utf8());
    if word.chars().count() < 2 {
        return false;
    }
    let commoner = |part: &str| seg.has_word(part) && seg.frequency(part) > seg.frequency(word);
    let joins = LIST_JOINS.contains(&&word[..head]) && commoner(&word[head..]);
    let preposition =
        seg.pos(&word[word.len() - tail..]) == "p" && commoner(&word[..word.len() - tail]);
    if !joins && !preposition {
        return false;
    }
    let around = neighbours(word, texts);
    let glued = around
        .iter()
        .filter(|(before, after)| {
            (joins && before.is_some_and(nominal_word))
                || (preposition && after.is_some_and(nominal_word))
        })
        .count();
    !around.is_empty() && glued * 2 >= around.len()
}

/// Whether a dictionary word's first character, where the members write it, ends the word before
/// it in jieba's cut: that word and the character make a dictionary word (禁止 + 性 = 禁止性 of
/// 禁止性行为, cut 禁止·性行为, where the label read 性行为), or that word is an amount and the
/// character a localizer (十五日 + 内 of 开业前十五日内向县…备案, cut 十五日·内向), the rest of the
/// word a commoner word on its own than the whole (行为, 向). At least half its occurrences as a
/// word of the cut must read so.
fn opens_with_an_end<'t>(
    word: &str,
    texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>,
) -> bool {
    let seg = Segmenter::global();
    let Some((head, rest)) = first_and_rest(word) else {
        return false;
    };
    if !seg.has_word(rest) || seg.frequency(rest) <= seg.frequency(word) {
        return false;
    }
    let amount = |t: &str| t.chars().next().is_some_and(|c| is_number(&c.to_string()));
    let around = neighbours(word, texts);
    let torn = around
        .iter()
        .filter(|(before, _)| {
            before.is_some_and(|b| {
                (b.chars().count() >= 2 && seg.has_word(&format!("{b}{head}")))
                    || (LOCALIZERS.contains(&head) && amount(b))
            })
        })
        .count();
    !around.is_empty() && torn * 2 >= around.len()
}

/// A word of two characters or more cut after its first character (禁止性 → 禁, 止性); `None` for
/// a shorter word.
fn first_and_rest(word: &str) -> Option<(&str, &str)> {
    let first = word.chars().next()?;
    (word.chars().count() >= 2).then(|| word.split_at(first.len_utf8()))
}

/// Whether a word jieba made up ends in a lone adverb (人未 of 物业服务人未按规定…, 证未 of
/// 殡葬服务证未经验审): an adverb stands before the verb it qualifies, so a word closing with one
/// runs from a noun into the clause after it.
fn closes_with_adverb(word: &str) -> bool {
    let cut = dictionary_cut(word);
    cut.len() >= 2
        && cut
            .last()
            .is_some_and(|p| p.chars().count() == 1 && Segmenter::global().pos(p) == "d")
}

/// Whether a dictionary word is, where the members write it, cut across both its ends: the last
/// character of the word before and its first character make a dictionary word, and its rest
/// and the word after make a word the alignment knows (未·经验·审 of 未经验审, read 未经·验审:
/// 经验 is no matter of the article). At least half its occurrences must read so.
fn torn_both_ways<'t>(
    word: &str,
    texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>,
    known: &dyn Fn(&str) -> bool,
) -> bool {
    let seg = Segmenter::global();
    let Some((head, rest)) = first_and_rest(word) else {
        return false;
    };
    let around = neighbours(word, texts);
    let torn = around
        .iter()
        .filter(|(before, after)| {
            let (Some(b), Some(a)) = (before, after) else {
                return false;
            };
            let Some(last) = b.chars().last() else {
                return false;
            };
            let joined = format!("{last}{head}");
            let rejoined = format!("{rest}{a}");
            a.chars().all(crate::text::chars::is_han)
                && seg.has_word(&joined)
                && known(&rejoined)
                && rejoined.chars().count() <= 4
        })
        .count();
    !around.is_empty() && torn * 2 >= around.len()
}

/// Whether a token is a number: digits (24, ２４) or Chinese numerals (三十, 十五, 两), not a lone 一.
fn is_number(t: &str) -> bool {
    // A lone 一 is as often a determiner or ordinal (下一年度, 一律) as an amount.
    !t.is_empty()
        && t != "一"
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || "〇零一二三四五六七八九十百千万两".contains(c)
        })
}

/// Whether the members write `word` right after a number in at least half its occurrences as a
/// word of jieba's cut: it is the number's unit (小时 of 24小时通信畅通, 日 of 三十日), an amount,
/// not the matter; joined with the next word it makes a fragment cut across the number
/// (小时通信).
fn after_a_number<'t>(word: &str, texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>) -> bool {
    let around = neighbours(word, texts);
    let counted = around
        .iter()
        .filter(|(before, _)| before.is_some_and(is_number))
        .count();
    !around.is_empty() && counted * 2 >= around.len()
}

/// A label term made whole when every member's occurrence of it is torn off part of a word by
/// jieba's cut, the same part each time: the rest of a word of the cut the term starts or ends
/// inside (工作责任 of 工作·责任制 → 工作责任制, 技术研究 of 科学技术·研究 → 科学技术研究), the
/// same lone character after a term not ending in a verb, a noun or a classifier followed by no
/// noun (部门工作台 of
/// 部门·工作台·帐， → 部门工作台帐: the documents write 台帐, a spelling the dictionary lacks), or
/// the same one-character adjective or distinguishing word before it (新·时代社会主义 →
/// 新时代社会主义). Neither a function character (的, 和, 内) nor a level of the state (区 of
/// 区政协) is taken; the whole stays within [`PHRASE_CHARS`].
fn mend_torn(space: &Space, members: &[usize], cx: &Context, term: String) -> String {
    let seg = Segmenter::global();
    if term.chars().count() >= PHRASE_CHARS || term.is_empty() {
        return term;
    }
    let single = |w: &str| {
        let mut chars = w.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if crate::text::chars::is_han(c))
            && !is_function_char(w)
            && !LEVEL_CHARS.contains(&w)
    };
    let (mut heads, mut tails): (Vec<Option<&str>>, Vec<Option<&str>>) = (vec![], vec![]);
    for (text, tokens) in members.iter().filter_map(|&m| cx.tokens(space, m)) {
        for (at, _) in text.match_indices(term.as_str()) {
            let end = at + term.len();
            // The word of the cut holding the term's first character, and its last.
            let first = token_holding(&tokens, at);
            let last = token_holding(&tokens, end - 1);
            let (Some(first), Some(last)) = (first, last) else {
                heads.push(None);
                tails.push(None);
                continue;
            };
            // The rest of a word the term starts inside: a dictionary word's (not one jieba made
            // up), and no verb, adverb or preposition (召开大会, 依法办理, 经审查 say what is done
            // to the term, not what it is).
            heads.push(if tokens[first].start < at {
                text.get(tokens[first].start..at).filter(|h| {
                    seg.has_word(tokens[first].text) && !matches!(seg.pos(h), "v" | "d" | "p" | "c")
                })
            } else {
                first
                    .checked_sub(1)
                    .and_then(|k| tokens.get(k))
                    .map(|t| t.text)
                    .filter(|w| single(w) && matches!(seg.pos(w), "a" | "b"))
            });
            tails.push(if end < tokens[last].end {
                text.get(end..tokens[last].end)
                    .filter(|_| seg.has_word(tokens[last].text))
            } else {
                tokens.get(last + 1).map(|t| t.text).filter(|w| {
                    let tag = seg.pos(w);
                    single(w)
                        && (is_nominal(tag) || tag == "q")
                        && tokens.get(last + 2).is_none_or(|n| !nominal_word(n.text))
                })
            });
        }
    }
    let size = |s: &str| s.chars().count();
    let mut whole = term.clone();
    // A verb's lone noun after it is its object (携带 犬 出户), not a part of it.
    let verb = seg
        .words(&term)
        .last()
        .is_some_and(|w| seg.pos(w.text) == "v");
    if let Some(c) = same(&tails)
        .filter(|c| !verb || !single(c))
        .filter(|c| size(&whole) + size(c) <= PHRASE_CHARS)
    {
        whole.push_str(c);
    }
    if let Some(c) = same(&heads).filter(|c| size(&whole) + size(c) <= PHRASE_CHARS) {
        whole.insert_str(0, c);
    }
    whole
}

/// The index of the word of a cut (`tokens`, in text order, none overlapping) that holds the
/// byte at `at`; found by halving, since a long article holds a term thousands of times.
fn token_holding(tokens: &[Token], at: usize) -> Option<usize> {
    let i = tokens.partition_point(|t| t.end <= at);
    tokens.get(i).filter(|t| t.start <= at).map(|_| i)
}

/// Whether a word of jieba's cut is a noun or a word jieba made up, all Han characters.
fn nominal_word(t: &str) -> bool {
    t.chars().all(crate::text::chars::is_han) && {
        let tag = Segmenter::global().pos(t);
        tag == "x" || is_nominal(tag)
    }
}

/// Per occurrence of `word` as a word of jieba's cut in `texts`, the words right before and
/// right after it.
fn neighbours<'t>(
    word: &str,
    texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>,
) -> Vec<(Option<&'t str>, Option<&'t str>)> {
    let mut out = Vec::new();
    for (text, tokens) in texts {
        if !text.contains(word) {
            continue;
        }
        for (i, t) in tokens.iter().enumerate() {
            if t.text == word {
                let before = i.checked_sub(1).and_then(|k| tokens.get(k)).map(|x| x.text);
                out.push((before, tokens.get(i + 1).map(|x| x.text)));
            }
        }
    }
    out
}

/// Whether a word of two characters or more is made only of characters that, alone, are adverbs,
/// prepositions or conjunctions (确因 = 确 + 因, "if indeed because of"): a connective of the
/// clause, never a matter, whatever tag the dictionary gives it (确因 is a noun there). Particles
/// are not counted: 所得 (所 + 得) is a noun.
fn is_function_compound(word: &str) -> bool {
    let seg = Segmenter::global();
    word.chars().count() >= 2
        && word.chars().all(|c| {
            let mut buf = [0u8; 4];
            let c = c.encode_utf8(&mut buf);
            matches!(seg.pos(c), "d" | "p" | "c")
        })
}

/// Whether a dictionary word is an adverb of manner that names no matter ([`STOPWORDS`]: 严格,
/// 认真, 切实) and a verb: 严格遵守, 严格执行, 严格控制 (the dictionary lists such set phrases,
/// tagged names or nouns), how a duty is done, never a thing.
fn adverb_and_verb(word: &str) -> bool {
    let seg = Segmenter::global();
    let Some((cut, _)) = word.char_indices().nth(2) else {
        return false;
    };
    let (adverb, verb) = word.split_at(cut);
    seg.has_word(word)
        && names_no_matter(adverb)
        && matches!(seg.pos(adverb), "d" | "ad")
        && matches!(seg.pos(verb), "v" | "vn")
}

/// Whether the members write `word` only as the verb of a relative clause, right before 的
/// (血站设置的采血点, 统一制作的无偿献血证书): a verbal noun used so is a verb, not a thing.
fn used_as_verb<'t>(word: &str, texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>) -> bool {
    let around = neighbours(word, texts);
    !around.is_empty() && around.iter().all(|(_, after)| *after == Some("的"))
}

/// The words `texts` write only right before a generic party ([`is_actor`]), as part of its
/// name: 建设 of 建设单位, 行政 of 水行政主管部门, 居民 of 居民委员会 (jieba cuts them apart).
/// Such a word names whom the article addresses, as the party does. Only the word right before
/// it: the words further up a party's name may be the matter (计划 of 计划用水单位).
fn party_name_words<'t>(
    texts: impl Iterator<Item = (&'t str, Vec<Token<'t>>)>,
) -> HashSet<&'t str> {
    // Per word, (occurrences, occurrences right before a party).
    let mut counts: BTreeMap<&'t str, (u32, u32)> = BTreeMap::new();
    for (_, tokens) in texts {
        for (i, t) in tokens.iter().enumerate() {
            let e = counts.entry(t.text).or_default();
            e.0 += 1;
            if tokens.get(i + 1).is_some_and(|x| is_actor(x.text)) {
                e.1 += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|&(_, (all, party))| all > 0 && party == all)
        .map(|(w, _)| w)
        .collect()
}

/// Whether `word` is a person's name as the members write it: jieba tags it a name (`nr…`), it
/// has the form of a full name (three characters, a surname and a given name, its first two no
/// word of the dictionary) and the members write it only as the attributive of the words after
/// it, never as a noun of its own (习近平新时代…思想). jieba's name tag alone says little: it
/// tags 宣传教育, 文明, 养老 and 荣誉 names too, and dropping every `nr` word lost them.
fn names_a_person<'t>(word: &str, texts: impl Iterator<Item = &'t str>) -> bool {
    let seg = Segmenter::global();
    let chars: Vec<char> = word.chars().collect();
    if !seg.pos(word).starts_with("nr") || chars.len() != 3 {
        return false;
    }
    let head: String = chars[..2].iter().collect();
    if seg.has_word(&head) {
        return false;
    }
    let mut seen = 0;
    for text in texts {
        for (at, _) in text.match_indices(word) {
            seen += 1;
            let next = text[at + word.len()..].chars().next();
            if !next.is_some_and(crate::text::chars::is_han) {
                return false;
            }
        }
    }
    seen > 0
}

/// Whether a set phrase (jieba's `l`) names a thing: its head, the longest dictionary word of two
/// characters or more that ends it and is shorter than it, is a plain noun (交通工具 → 工具,
/// 联席会议 → 会议), not a verb (依法查处 → 查处).
fn nominal_set_phrase(word: &str) -> bool {
    let seg = Segmenter::global();
    word.char_indices()
        .skip(1)
        .map(|(i, _)| &word[i..])
        .find(|rest| rest.chars().count() >= 2 && seg.has_word(rest))
        .is_some_and(|head| seg.pos(head).starts_with('n'))
}

/// Whether a part-of-speech tag names a thing: nouns of every kind (`n`, `nr`, `ns`, `nt`, `nz`,
/// `ng`), verbal and adjectival nouns (`vn`, `an`), abbreviations (`j`) and the untagged domain
/// terms; set phrases (`l`) are read by [`nominal_set_phrase`]. Verbs, adverbs, pronouns,
/// prepositions, conjunctions, particles, numbers, localisers (之间, 之前) and fragments jieba
/// made up (`x`) are left out.
fn is_nominal(tag: &str) -> bool {
    tag.is_empty() || tag.starts_with('n') || matches!(tag, "vn" | "an" | "j")
}

/// The group's nominal words of two characters or more, best first: weight in the group times
/// the number of its documents that say the word, squared, so that a term most members share
/// comes before one member's heavy word.
fn ranked_terms(
    space: &Space,
    members: &[usize],
    cx: &Context,
    types: u64,
    spread: &Spread,
) -> Vec<String> {
    let type_words: HashSet<u32> = cx
        .type_words
        .iter()
        .enumerate()
        .filter(|&(k, _)| types & (1 << k) != 0)
        .flat_map(|(_, w)| w.iter().copied())
        .collect();
    // For a type that goes on with the group's terms (a penalty), the articles its members cite
    // (违反本条例第十五条规定 → 第十五条) say what it enforces.
    let cited: Vec<&[usize]> = if type_words.is_empty() {
        Vec::new()
    } else {
        members
            .iter()
            .map(|&m| cx.refs.get(m).map_or(&[][..], Vec::as_slice))
            .collect()
    };
    // A penalty group (法律责任, the type whose articles punish).
    let penalty = type_names(types).iter().any(|k| k == PENALTY);
    let n = space.len();
    let common = (n / 4).max(2) as u32;
    let mut weight: BTreeMap<u32, (f32, Vec<usize>)> = BTreeMap::new();
    let mut all_docs: Vec<usize> = members.iter().map(|&m| space.units[m].doc).collect();
    all_docs.sort_unstable();
    all_docs.dedup();
    let group_docs = all_docs.len();
    for &m in members {
        for (t, w) in space.words[m].iter() {
            let e = weight.entry(t).or_insert((0.0, Vec::new()));
            e.0 += w;
            e.1.push(space.units[m].doc);
        }
    }
    // Items count in a group of several documents only: there they are the parties and places
    // the documents enumerate; a lone article's list may be its very matter (保密纪律和外事纪律).
    let listed = if group_docs >= 2 {
        listed_counts(members.iter().filter_map(|&m| cx.tokens(space, m)))
    } else {
        BTreeMap::new()
    };
    // Words of the numbered items of a list ((一)…；): what the list holds, not its matter.
    let numbered_mode = cx.params.numbered_items;
    let numbered = if group_docs >= 2 && numbered_mode > 0 && (numbered_mode >= 3 || types == 0) {
        numbered_counts(members.iter().filter_map(|&m| cx.tokens(space, m)))
    } else {
        BTreeMap::new()
    };
    let numbered_discount = if matches!(numbered_mode, 2 | 4) {
        1.0
    } else {
        cx.params.numbered_discount
    };
    // A word written inside a citation of another text (《中华人民共和国行政处罚法》) names that
    // text, never this group's matter, whatever the group's size.
    let quoted = quoted_counts(members.iter().filter_map(|&m| cx.tokens(space, m)));
    // A word the members write right after a negation (不愁绪满怀: a state the article says to
    // avoid) names what the group is not about where it stands.
    let mut negated = if cx.params.negated {
        negated_counts(members.iter().filter_map(|&m| cx.tokens(space, m)))
    } else {
        BTreeMap::new()
    };
    // The object of a frame of precedence (约定 of 另有约定的，从其约定) is as little the group's
    // matter: its uses so written count with the negated ones.
    if cx.params.clause_frames & 2 != 0 {
        for (w, (q, all)) in framed_counts(members.iter().filter_map(|&m| cx.tokens(space, m))) {
            let e = negated.entry(w).or_insert((0, all));
            e.0 = (e.0 + q).min(all);
            e.1 = all;
        }
    }
    // In a penalty, the words of its sanctions (who enforces it, what it imposes).
    let sanctioned = if penalty {
        sanction_counts(members.iter().filter_map(|&m| cx.tokens(space, m)))
    } else {
        BTreeMap::new()
    };
    // In a lone article, the words it writes only as part of a party's name (建设 of 建设单位).
    let party_names = if group_docs < 2 {
        party_name_words(members.iter().filter_map(|&m| cx.tokens(space, m)))
    } else {
        HashSet::new()
    };
    let seg = Segmenter::global();
    let known = |w: &str| seg.has_word(w) || space.word_vocab.get(w).is_some();
    let mut terms: Vec<(f32, u32, usize)> = weight
        .into_iter()
        .filter(|(t, _)| {
            space.word_vocab.strings[*t as usize].chars().count() >= 2 && !type_words.contains(t)
        })
        .map(|(t, (w, mut docs))| {
            docs.sort_unstable();
            docs.dedup();
            let d = docs.len() as f32;
            let idf = space.word_vocab.idf(t, n).max(1e-3);
            let word = space.word_vocab.strings[t as usize].as_str();
            let opening = members
                .iter()
                .filter(|&&m| cx.openings.get(m).is_some_and(|o| o.contains(word)))
                .count() as f32
                / members.len().max(1) as f32;
            let enforced = cited
                .iter()
                .filter(|c| {
                    c.iter()
                        .any(|&u| space.words[u].terms.binary_search(&t).is_ok())
                })
                .count() as f32
                / members.len().max(1) as f32;
            // An actor or head word that opens the members' clauses opens those of most other
            // groups too: its place there says little of this group's matter.
            let opening = opening * spread.of(t);
            let boost = 1.0 + OPENING_BOOST * opening + CITED_BOOST * enforced;
            let as_item = listed
                .get(word)
                .map_or(0.0, |&(l, all)| l as f32 / all.max(1) as f32);
            let in_items = numbered
                .get(word)
                .map_or(0.0, |&(q, all)| q as f32 / all.max(1) as f32);
            let item = (1.0 - LISTED_DISCOUNT * as_item) * (1.0 - numbered_discount * in_items);
            let in_citation = quoted
                .get(word)
                .map_or(1.0, |&(q, all)| 1.0 - q as f32 / all.max(1) as f32);
            let affirmed = negated
                .get(word)
                .map_or(1.0, |&(q, all)| 1.0 - q as f32 / all.max(1) as f32);
            // In a lone article the parties are whom it addresses; in a penalty the generic
            // parties are who enforces it (由县级以上人民政府…部门责令改正) or who is punished
            // (单位, 个人), never the duty it enforces.
            let party =
                if (group_docs < 2 || penalty) && (is_actor(word) || party_names.contains(word)) {
                    ACTOR_WEIGHT
                } else {
                    1.0
                };
            let sanction = sanctioned.get(word).map_or(1.0, |&(q, all)| {
                1.0 - SANCTION_DISCOUNT * q as f32 / all.max(1) as f32
            });
            let background = if cx.params.background > 0.0 {
                background_weight(word).powf(cx.params.background)
            } else {
                1.0
            };
            let general = if seg.pos(word) == "ad" {
                (1.0 + seg.frequency(word) as f32 / GENERAL_FREQ_SCALE).powf(-AD_FREQ_POWER)
            } else {
                1.0
            };
            (
                w / idf
                    * idf.powf(IDF_POWER)
                    * d
                    * d
                    * boost
                    * item
                    * general
                    * background
                    * in_citation
                    * affirmed
                    * sanction
                    * party,
                t,
                docs.len(),
            )
        })
        .collect();
    terms.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    terms
        .into_iter()
        .filter(|&(_, t, docs)| {
            let word = space.word_vocab.strings[t as usize].as_str();
            let df = space.word_vocab.df[t as usize];
            if names_no_matter(word) {
                return false;
            }
            // A word the members only ever write negated names no matter of theirs.
            if negated.get(word).is_some_and(|&(q, all)| q > 0 && q == all) {
                return false;
            }
            // A verb of one document's wording (碰头 of one district's 区长碰头会议, beside four
            // that hold no such meeting), or of a lone article, is how it words its matter, not
            // its name: a verb names a group that at least half its documents, and two, say.
            let shared = docs >= 2 && docs * 2 >= group_docs;
            match seg.pos(word) {
                // A verb names a matter (登记, 处罚, 请假) unless it is one of the light verbs
                // that recur everywhere (进行, 能够, 负责).
                "v" => {
                    let own_verb =
                        cx.params.verb_family > 0.0 && corpus_share(word) < cx.params.verb_family;
                    let everyday =
                        cx.params.verb_spread > 0.0 && corpus_share(word) > cx.params.verb_spread;
                    shared
                        && (df < common || own_verb)
                        && !everyday
                        && !LIGHT_VERBS.contains(&word)
                        && !(cx.params.clause_frames & 4 != 0 && CLAUSE_VERBS.contains(&word))
                }
                // A rare adjective or idiom is the act or state a rule is about (荒芜 of
                // 严禁荒芜基本农田, 见义勇为), on the verbs' terms; a common one is a manner.
                "a" | "i" => {
                    cx.params.adjective_spread > 0.0
                        && shared
                        && df < common
                        && corpus_share(word) < cx.params.adjective_spread
                }
                // A verbal noun the members only write as the verb of a relative clause
                // (统一制作的证书, 血站设置的采血点) is a verb there.
                "vn" if used_as_verb(word, cx.cuts_with(space, members, word)) => {
                    shared && df < common && !LIGHT_VERBS.contains(&word)
                }
                // An adverb-adjective names a matter when it is used as a verb (公开 of 政务公开),
                // on the verbs' terms; an everyday one (完全) weighs less above.
                "ad" => shared && df < common,
                // A word jieba made up: a real term of the family (养犬) when documents share it,
                // a fragment (后要, 交区) when only some documents' wording produced it.
                "x" => {
                    docs >= 2
                        && docs * 4 >= group_docs * 3
                        && !is_fragment(word, &known)
                        && !(cx.params.clause_frames & 16 != 0 && closes_with_adverb(word))
                }
                // A member's own city says where a provision applies, not what it is about (郑州
                // of 郑州航空港…适用本条例 in 郑州市物业管理条例). jieba's place tag alone says
                // little: it tags 城市绿化, 城市园林 and 新建 places too.
                tag if tag.starts_with("ns") => !cx.own_place(space, members, word),
                // A set phrase names a thing when its head, its last dictionary word, is a noun
                // (交通工具, 联席会议); one headed by a verb is an action (依法查处).
                "l" => nominal_set_phrase(word),
                tag => is_nominal(tag),
            }
        })
        // A dictionary word that is, where the members write it, a function character glued
        // onto a neighbour (市和县（市）: 和县) is no term either, nor is a person's name.
        .filter(|&(_, t, _)| {
            let word = space.word_vocab.strings[t as usize].as_str();
            // A conjunction glued on at the end (检查和 of 监督检查和考核) leaves a fragment.
            let conjunction_glued = |word: &str| {
                cx.params.clause_frames & 1 != 0
                    && closes_with_conjunction(word, cx.cuts_with(space, members, word))
            };
            // A first character that closes the word before (性行为 of 禁止性行为) leaves one too.
            let torn_at_start = |word: &str| {
                cx.params.clause_frames & 8 != 0
                    && opens_with_an_end(word, cx.cuts_with(space, members, word))
            };
            let torn_twice = |word: &str| {
                cx.params.clause_frames & 32 != 0
                    && torn_both_ways(word, cx.cuts_with(space, members, word), &known)
            };
            !is_function_compound(word)
                && !torn_twice(word)
                && !adverb_and_verb(word)
                && !straddles(word, cx.cuts_with(space, members, word))
                && !conjunction_glued(word)
                && !torn_at_start(word)
                && !after_a_number(word, cx.cuts_with(space, members, word))
                && !names_a_person(word, members.iter().filter_map(|&m| cx.text(space, m)))
        })
        .map(|(_, t, _)| space.word_vocab.strings[t as usize].as_str())
        .take(MAX_TERMS * 4)
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every formula read on every article of the five (and on each of its sentences), with no
    /// automaton: the types the automaton's reading gives are those, and some of the five's
    /// texts have a type at all (28 of 2,499), so that the reading is not vacuously the same.
    #[test]
    fn the_automaton_finds_the_types_that_reading_every_formula_finds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let corpus = crate::corpus::Corpus::load(&root).expect("seed corpus loads");
        let plain = |text: &str, own: bool| -> u64 {
            let mut bits = 0;
            for (i, f) in formulas().iter().enumerate() {
                if (!own || f.own_words) && has_formula(text, f) {
                    bits |= kind_bit(i).unwrap_or(0);
                }
            }
            bits
        };
        let (mut texts, mut typed) = (0, 0);
        for a in corpus.docs.iter().flat_map(|d| &d.articles) {
            let sentences = a.norm.split(['。', '；', '\n']);
            for text in std::iter::once(a.norm.as_str()).chain(sentences) {
                let expected = (plain(text, false), plain(text, true));
                assert_eq!(types_and_vocabulary(text), expected, "{text}");
                assert_eq!(types_of(text), expected.0, "{text}");
                assert_eq!(types_by(text, |f| f.own_words), expected.1, "{text}");
                texts += 1;
                typed += usize::from(expected.0 != 0);
            }
        }
        assert!(texts > 2000 && typed >= 20, "{texts} texts, {typed} typed");
    }

    #[test]
    fn the_word_holding_a_byte_is_found_by_halving() {
        let text = "区政府常务会议由区长召集";
        let tokens = Segmenter::global().tokens(text);
        for at in 0..text.len() {
            let linear = tokens.iter().position(|t| t.start <= at && at < t.end);
            assert_eq!(token_holding(&tokens, at), linear, "byte {at}");
        }
        assert_eq!(token_holding(&tokens, text.len()), None);
        assert_eq!(token_holding(&[], 0), None);
    }

    /// Each text with its words as jieba cuts them.
    fn cut<'t>(texts: &[&'t str]) -> impl Iterator<Item = (&'t str, Vec<Token<'t>>)> {
        let seg = Segmenter::global();
        texts.iter().copied().map(move |t| (t, seg.tokens(t)))
    }

    #[test]
    fn the_object_of_a_frame_of_precedence_and_a_glued_conjunction_are_found() {
        let text = "按照供用热合同约定供热。双方另有约定的，从其约定。";
        let counts = framed_counts(cut(&[text]));
        assert_eq!(counts.get("约定").copied(), Some((2, 3)), "{counts:?}");
        assert_eq!(counts.get("供热").copied(), Some((0, 1)), "{counts:?}");
        // jieba's dictionary holds 检查和 as a noun; 普及 is a word of its own.
        let texts = ["应当对供热质量进行监督检查和考核。", "普及消防知识。"];
        assert!(closes_with_conjunction("检查和", cut(&texts)));
        assert!(!closes_with_conjunction("普及", cut(&texts)));
        assert!(!closes_with_conjunction("检查", cut(&texts)));
    }

    #[test]
    fn a_noun_negated_by_a_plain_not_is_under_it_to_the_clause_end_and_a_verb_is_not() {
        let text = "攻坚克难、不愁绪满怀，不提交会议讨论研究。对不符合规定的事项要坚持原则。";
        let tokens = Segmenter::global().tokens(text);
        let counts = negated_counts(std::iter::once((text, tokens)));
        let of = |w: &str| counts.get(w).copied().unwrap_or_default();
        assert_eq!(of("愁绪"), (1, 1), "{counts:?}");
        assert_eq!(of("满怀"), (1, 1), "{counts:?}");
        for w in ["攻坚克难", "提交", "会议", "研究", "事项", "坚持原则"] {
            assert_eq!(of(w).0, 0, "{w}: {counts:?}");
        }
    }

    #[test]
    fn the_types_file_parses() {
        let f = formulas();
        assert!(f.iter().any(|f| f.kind == "立法目的"));
        assert!(f.iter().any(|f| f.kind == "法律责任" && f.with_terms));
        assert!(f.iter().all(|f| !f.pieces.is_empty()));
    }

    #[test]
    fn a_penalty_may_name_the_regulation_without_its_rule() {
        let kinds =
            article_kinds("违反本条例，有下列行为之一的，责令限期改正；逾期不改正的，处罚款。");
        assert!(kinds.iter().any(|k| k == "法律责任"), "{kinds:?}");
        // A right to report names the regulation with 的: no penalty.
        assert!(article_kinds("任何单位和个人有权对违反本条例的行为进行举报。").is_empty());
        // A list of conduct punished by an authority, no rule cited; a list of circumstances
        // is not one (a procedure may follow it).
        let kinds = article_kinds(
            "有下列行为之一的，由人大常委会给予通报，并责令限期改正：（一）未按规定编制预算草案的；",
        );
        assert!(kinds.iter().any(|k| k == "法律责任"), "{kinds:?}");
        assert!(article_kinds("有下列情形之一的，由市人大常委会决定代理职务：").is_empty());
    }

    #[test]
    fn definitions_principles_and_prohibitions_are_types() {
        let names = |text: &str| type_names(types_of(text));
        assert_eq!(
            names("本条例所称湿地，是指常年或者季节性积水地带。"),
            ["定义"]
        );
        assert_eq!(
            names("湿地保护应当遵循保护优先、科学修复、合理利用的原则。"),
            ["基本原则"]
        );
        // Holding to principle is no statement of principles.
        assert!(names("对不符合规定的事项，要坚持原则，不得办理。").is_empty());
        assert_eq!(
            names("在湿地保护范围内禁止从事下列行为：（一）开垦；（二）排放污水。"),
            ["禁止行为"]
        );
        // Who interprets the regulation: 问题 named such an article (北京市科学技术普及条例 第四十二条).
        for text in [
            "本条例具体应用中的问题，由市科学技术行政部门负责解释。",
            "本条例由市人大常委会负责解释。",
            "本法的解释权属于全国人民代表大会常务委员会。",
        ] {
            assert_eq!(names(text), ["条例解释"], "{text}");
        }
        // A duty to explain something else is not one.
        assert!(names("有关部门应当负责解释政策。").is_empty());
    }

    #[test]
    fn publicity_and_commendations_are_types() {
        let names = |text: &str| type_names(types_of(text));
        assert_eq!(
            names("对在生活垃圾管理工作中做出突出贡献的单位和个人给予奖励。"),
            ["表彰奖励"]
        );
        assert_eq!(
            names("各级人民政府应当组织开展饮用水水源保护宣传教育。"),
            ["宣传教育"]
        );
        assert_eq!(names("新闻媒体应当加强公益宣传。"), ["宣传教育"]);
        // A reward for a report is no commendation; publicity said in passing is no publicity
        // article.
        assert!(names("对举报属实的，给予奖励。").is_empty());
        assert!(names("志愿服务组织应当加强对志愿者的宣传。").is_empty());
        // They name groups only: the search neither records them nor reads them in a query.
        assert!(article_kinds("新闻媒体应当加强公益宣传。").is_empty());
        assert!(
            !kind_names()
                .iter()
                .any(|k| k == "宣传教育" || k == "表彰奖励")
        );
        assert!(kind_names().iter().any(|k| k == "定义"));
    }

    #[test]
    fn other_laws_a_followed_regulation_and_officials_handed_on_are_types() {
        let names = |text: &str| type_names(types_of(text));
        // The whole sentence refers the penalty to other laws: a type beside 法律责任.
        assert_eq!(
            names("违反本条例规定的行为，法律、法规已规定法律责任的，从其规定。"),
            ["法律责任", "适用其他法律"]
        );
        assert_eq!(
            names("违反本条例规定的行为，法律、行政法规已经规定法律责任的，适用其规定。"),
            ["法律责任", "适用其他法律"]
        );
        assert_eq!(
            names(
                "本条例规定的行政处罚,按照相对集中行政处罚权的有关规定，应当由综合行政执法部门处罚的，依照其规定。"
            ),
            ["适用其他法律"]
        );
        // Conduct named with its authority is a penalty of its own, not a reference.
        assert!(
            !names("违反本条例规定，生产、销售不符合规定标准的车用燃料的，由依法行使监督管理权的部门依照有关法律、法规的规定处理。")
                .iter()
                .any(|k| k == "适用其他法律")
        );
        // Nor is an exception inside a duty (…；法律另有规定的，从其规定).
        assert!(names("供水企业应当公布水质。法律另有规定的，从其规定。").is_empty());
        assert_eq!(
            names("乡（民族乡）、镇人民代表大会的预算审查监督参照本条例执行。"),
            ["参照执行"]
        );
        assert_eq!(
            names(
                "城市绿化各相关主管部门及其工作人员有玩忽职守、滥用职权、徇私舞弊行为的，由有权机关依法给予处理。"
            ),
            ["法律责任"]
        );
        assert_eq!(
            names("本条例所称城市供水设施，包括城市公共供水设施、自建供水设施和二次供水设施。"),
            ["定义"]
        );
        // They name groups only: the search's records stay as they were.
        for text in [
            "乡、镇人民代表大会的预算审查监督参照本条例执行。",
            "违反本条例的行为，法律、行政法规已有处罚规定的，依照其规定执行。",
            "有关工作人员玩忽职守、滥用职权的，由其所在单位依法处理。",
            "本条例所称城市供水设施，包括自建供水设施。",
        ] {
            assert!(
                article_kinds(text).iter().all(|k| k == "法律责任"),
                "{text}: {:?}",
                article_kinds(text)
            );
        }
        assert!(
            article_kinds("有关工作人员玩忽职守、滥用职权的，由其所在单位依法处理。").is_empty()
        );
        assert!(
            !kind_names()
                .iter()
                .any(|k| k == "适用其他法律" || k == "参照执行")
        );
    }

    #[test]
    fn a_fragment_cut_across_words_is_no_term() {
        let known = |w: &str| Segmenter::global().has_word(w) || w == "所有权人";
        // A function character glued on: before (由市), inside (日为河南省志愿者: a date, then 为),
        // a localizer closing a place (区域内), a preposition after a known word (所有权人为).
        // A verb glued onto the level that opens a party's name (报市 of 报市人民政府, 报市林业 of
        // 报市林业主管部门). A coverb leading a place (人到 of 驾驶人到其指定的机构).
        for w in [
            "由市",
            "日为河南省志愿者",
            "区域内",
            "所有权人为",
            "报市",
            "报市林业",
            "人到",
        ] {
            assert!(is_fragment(w, &known), "{w}: {:?}", dictionary_cut(w));
        }
        // Compounds of real words stay.
        for w in ["养犬", "古树名木", "养犬人", "物业服务用房", "生活垃圾分类"]
        {
            assert!(!is_fragment(w, &known), "{w}: {:?}", dictionary_cut(w));
        }
    }

    #[test]
    fn a_dictionary_word_glued_across_a_conjunction_or_preposition_is_caught_in_context() {
        // 市和县（市）: 和 joins two nouns; 和县 (a county's name) is jieba's cut.
        let texts = ["市和县（市）人民政府应当加强生活垃圾管理。"];
        assert!(straddles("和县", cut(&texts)));
        // 三十日内向社会公布: 向 opens the object of 公布.
        let texts = ["应当在三十日内向社会公布。"];
        assert!(straddles("内向", cut(&texts)));
        // A word whose rest is no commoner on its own (和谐) or that is followed by no noun stays.
        assert!(!straddles("和谐", cut(&["促进社会和谐发展。"])));
    }

    #[test]
    fn a_word_whose_first_character_ends_the_word_before_is_no_term() {
        // 禁止性行为 cut 禁止·性行为: 禁止性 is a word, 行为 commoner than 性行为.
        let texts = ["业主委员会成员不得实施相关禁止性行为。"];
        assert!(opens_with_an_end("性行为", cut(&texts)));
        // 十五日内向县…备案 cut 十五日·内向: 内 closes the amount of time.
        let texts = ["开办者应当在开业前十五日内向县市场监督管理局备案。"];
        assert!(opens_with_an_end("内向", cut(&texts)));
        // A word after one it forms no word with stays (禁止 … 行为 of 禁止下列行为).
        assert!(!opens_with_an_end("行为", cut(&["禁止下列行为。"])));
        assert!(!opens_with_an_end("检查", cut(&["监督检查应当依法进行。"])));
    }

    #[test]
    fn a_word_running_into_the_clause_after_it_is_no_term() {
        // 上海市殡葬管理条例 第九条 (第十一条 of 2024) and 北京市物业管理条例 第九十一条: jieba makes up 证未 and
        // 人未, a noun's last character and the adverb 未 of the verb after it.
        assert!(closes_with_adverb("证未"));
        assert!(closes_with_adverb("人未"));
        assert!(!closes_with_adverb("养犬"));
        assert!(!closes_with_adverb("必行"));
        // 未经验审 cut 未·经验·审 (or 证未·经验·审): 未经 and 验审 are the words, 经验 none.
        let texts = [
            "殡葬服务证每年验审一次。未经验审或者验审不合格的，不得继续从事殡葬服务活动。",
            "（二）未取得殡葬服务证、殡葬服务证未经验审或者验审不合格从事殡葬服务活动的，由市殡葬管理处责令停产停业。",
        ];
        let seg = Segmenter::global();
        let known = |w: &str| {
            seg.has_word(w)
                || texts
                    .iter()
                    .any(|t| seg.words(t).iter().any(|x| x.text == w))
        };
        assert!(torn_both_ways("经验", cut(&texts), &known));
        // Written whole, the word stays (总结经验; 验 + 的 is no word).
        let whole = ["各单位应当总结经验，推广先进做法。"];
        assert!(!torn_both_ways("经验", cut(&whole), &known));
    }

    #[test]
    fn connectives_glued_characters_verbs_and_party_names_are_no_matter() {
        // Made of an adverb and a preposition: a connective (确因…需要), whatever its tag.
        assert!(is_function_compound("确因"));
        assert!(!is_function_compound("施工"));
        // A verbal noun right before 的 is the verb of a relative clause.
        let texts = ["个人可以到血站或者血站设置的采血点献血。"];
        assert!(used_as_verb("设置", cut(&texts)));
        assert!(!used_as_verb("设置", cut(&["负责采血点的设置。"])));
        // Words written only as part of a party's name.
        let texts = ["建设单位应当向水行政主管部门提出申请，经审核同意后施工。"];
        let seg = Segmenter::global();
        let names = party_name_words(texts.iter().map(|&t| (t, seg.tokens(t))));
        assert!(
            names.contains("建设") && names.contains("行政"),
            "{names:?}"
        );
        assert!(!names.contains("申请"));
    }

    #[test]
    fn items_of_an_enumeration_are_counted() {
        let text = "居民委员会、村民委员会和业主委员会可以制定公约。单位和个人应当遵守公约。";
        let seg = Segmenter::global();
        let counts = listed_counts([(text, seg.tokens(text))].into_iter());
        let (listed, all) = counts.get("委员会").copied().unwrap_or_default();
        assert_eq!((listed, all), (3, 3), "{counts:?}");
        assert_eq!(counts.get("单位").map(|c| c.0), Some(1), "{counts:?}");
        assert_eq!(counts.get("公约").copied(), Some((0, 2)), "{counts:?}");
        // A 、 after a numeral numbers a list; the subject after it is no item.
        let one = "一、区政府负责全区工作。";
        let numbered = listed_counts([(one, seg.tokens(one))].into_iter());
        assert_eq!(numbered.get("区政府").map(|c| c.0), Some(0), "{numbered:?}");
    }

    #[test]
    fn a_person_s_name_is_no_term_and_words_jieba_tags_as_names_are() {
        // 河南省人民代表大会常务委员会组成人员守则 (2018) 第三条 and 东莞市文明行为促进条例 (2023)
        // 第二十六条, as written.
        let guide = "常委会组成人员应当高举中国特色社会主义伟大旗帜，以马克思列宁主义、毛泽东思想、\
                     邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想为指导";
        let teach = "市人民政府及其有关部门、镇人民政府（街道办事处）应当加强文明行为宣传教育，\
                     普及文明行为规范，引导全社会提高文明行为意识。";
        for name in ["习近平", "毛泽东", "邓小平"] {
            assert!(names_a_person(name, [guide].into_iter()), "{name}");
        }
        // jieba tags 宣传教育 and 文明 names (`nr`) too; they are words.
        let seg = Segmenter::global();
        assert!(seg.pos("宣传教育").starts_with("nr") && seg.pos("文明").starts_with("nr"));
        for word in ["宣传教育", "文明", "社会主义"] {
            assert!(!names_a_person(word, [teach, guide].into_iter()), "{word}");
        }
    }

    #[test]
    fn words_inside_a_cited_title_are_counted() {
        let text = "依照《中华人民共和国行政处罚法》的有关规定处理，处罚决定作为信用信息予以记录。";
        let counts = quoted_counts([(text, Segmenter::global().tokens(text))].into_iter());
        let (q, all) = counts.get("中华人民共和国").copied().unwrap_or_default();
        assert_eq!((q, all), (1, 1), "{counts:?}");
        assert_eq!(counts.get("记录").map(|c| c.0), Some(0), "{counts:?}");
    }

    #[test]
    fn the_parties_are_data_and_a_family_s_own_actors_are_not_there() {
        // 委员会 too: jieba cuts 居民委员会 as 居民·委员会, and the levels of the state (设区, 国家).
        for w in [
            "人民政府",
            "部门",
            "常务委员会",
            "单位",
            "街道办事处",
            "委员会",
            "设区",
            "国家",
        ] {
            assert!(is_actor(w), "{w}");
        }
        for w in ["养犬人", "物业服务人", "燃气经营者", "宣传教育"] {
            assert!(!is_actor(w), "{w}");
        }
    }

    /// Whether `word`'s first occurrence in `text` lies in one of its sanctions.
    fn in_sanction(text: &str, word: &str) -> bool {
        let at = text.find(word).expect("the word is in the text");
        sanction_spans(text).iter().any(|&(a, b)| at >= a && at < b)
    }

    #[test]
    fn a_penalty_s_sanction_follows_its_condition() {
        let text = "违反本条例第二十四条规定，擅自关闭建筑垃圾消纳场的，由环境卫生主管部门责令改正，\
                    处五万元以上十万元以下的罚款；逾期不改正的，并报经有批准权的人民政府批准，责令停业整治。\
                    造成损失的，依法赔偿。";
        assert!(!in_sanction(text, "消纳场"));
        assert!(in_sanction(text, "环境卫生"));
        // A condition of degree after ； grades the sanction.
        assert!(in_sanction(text, "逾期"));
        assert!(in_sanction(text, "批准权"));
        assert!(in_sanction(text, "停业"));
        // A new sentence opens with its own condition.
        assert!(!in_sanction(text, "损失"));
        assert!(in_sanction(text, "赔偿"));
        // The items of a list of punished conduct are conduct; half-width punctuation too.
        let list = "有下列行为之一的，由公安机关责令改正，处五百元罚款：\n（一）居民饲养烈性犬的；\n\
                    （二）携犬进入公园的,处二百元罚款;（三）未即时清除犬粪的。";
        assert!(in_sanction(list, "公安机关"));
        assert!(!in_sanction(list, "烈性犬"));
        assert!(!in_sanction(list, "公园"));
        assert!(in_sanction(list, "二百元"));
        assert!(!in_sanction(list, "犬粪"));
        // No condition, no sanction: a duty.
        assert!(sanction_spans("施工单位应当采取洒水、覆盖等防尘措施。").is_empty());
    }

    #[test]
    fn a_party_on_duty_is_the_subject_of_a_modal() {
        // The party alone leads: its words are parties and levels of the state.
        for t in ["人民政府", "省人民政府", "有关部门"] {
            assert!(names_a_party(t), "{t}");
        }
        for t in ["养犬人", "学校", "联席会议"] {
            assert!(!names_a_party(t), "{t}");
        }
        // What follows the party opens a duty, past other parties and their glue.
        for rest in [
            "应当建立山体保护联席会议制度",
            "及其有关部门应当加强管理",
            "（区）有关部门负责",
            "可以根据大气环境质量状况",
        ] {
            assert!(opens_a_duty(rest), "{rest}");
        }
        // A party that is the matter (单位养犬的; 禁止单位饲养) is no subject of a duty.
        for rest in [
            "养犬的，应当",
            "饲养犬只，因表演需要的除外",
            "申请办理养犬登记",
        ] {
            assert!(!opens_a_duty(rest), "{rest}");
        }
        // A sentence that ends right after the party: the next sentence's party is not this
        // one's duty, and the multi-byte word after the break is not cut inside a character
        // (this panicked on the Shandong regulations of lawrefbook).
        for rest in [
            "。\n县级以上人民政府接到动物疫情预警后，应当采取相应的预防、控制措施。",
            "。县级以上人民政府应当",
            " 有关部门应当",
        ] {
            assert!(!opens_a_duty(rest), "{rest}");
        }
    }

    #[test]
    fn nouns_stay_and_function_words_go() {
        let seg = Segmenter::global();
        for w in ["常务会议", "狂犬病", "法律顾问", "规范性文件"] {
            assert!(is_nominal(seg.pos(w)), "{w}: {}", seg.pos(w));
        }
        for w in ["进行", "能够", "之间", "为了", "之前"] {
            assert!(!is_nominal(seg.pos(w)), "{w}: {}", seg.pos(w));
        }
    }
}
