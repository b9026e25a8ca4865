//! The second stage of a search: BM25 finds the articles that use the words, this reranks
//! them by whether they are *about* them. Pure.

use super::searcher::Hit;
use super::topics::GroupTopic;
use crate::model::{Article, Regulation};
use crate::segment::Segmenter;
use crate::text::chars::is_punct;
use crate::text::sentence::{is_statement_end, statement_spans};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// Characters at the start of an article where its subject stands.
const LEAD_CHARS: usize = 12;

/// The weights of the second stage. Public so that the choice can be checked against the gold
/// query sets (`tests/search.rs`); [`RankParams::default`] is what `guize search` uses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RankParams {
    /// Hits reranked, at most: large enough that an article which defines a matter but uses its
    /// name once is still in the pool.
    pub pool: usize,
    /// The BM25 score relative to the best hit is raised to this power (below 1 it flattens
    /// BM25's preference for short articles that repeat a word).
    pub bm25_power: f32,
    /// Share of the query words in the opening sentence.
    pub opening: f32,
    /// Share of the article's sentences that use a query word.
    pub dense: f32,
    /// Share of the query words in the first 12 characters.
    pub lead: f32,
    /// Share of the query words in the opening clause (up to the first comma), not as an item of
    /// a list: the article's subject (区政府常务会议由…组成, not 实行全体会议、常务会议…制度).
    pub subject: f32,
    /// Penalty for the share of the query words' occurrences that are items of a list (、).
    pub listed: f32,
    /// Share of the query words in the chapter title.
    pub chapter: f32,
    /// Mean share of the query words in the opening sentences of the article's counterparts in
    /// other documents (its clause group), when the group topics are stored.
    #[serde(default)]
    pub group: f32,
    /// Share of the query words in the label of the article's clause group.
    #[serde(default)]
    pub label: f32,
    /// Best share of the query words in the opening sentence of one of the article's
    /// counterparts in other documents: a group that holds one article naming the matter in its
    /// opening (实行犬只收容救助制度) is about it, even when the others word it otherwise (收留所)
    /// and so pull the mean down.
    #[serde(default)]
    pub group_best: f32,
    /// Which mate's share `group_best` reads: 1 the best, 2 the second best (two counterparts
    /// must name the matter, so an article a group took in beside its own matter does not take
    /// the bonus of the one mate that names it).
    #[serde(default = "first_mate")]
    pub group_best_rank: usize,
    /// Each query word weighs in the shares by the share of the index's articles that lack it,
    /// raised to this power (0: every word weighs alike): the family's head word (犬 in a
    /// family of dog regulations, 电梯 in one of lift regulations) is in nearly every article and
    /// says little of which one is about the matter.
    #[serde(default)]
    pub rarity: f32,
    /// Mean first-stage relevance (BM25 relative to the best hit, raised to `bm25_power`; 0
    /// outside the pool) of the article's counterparts in other documents: an article whose
    /// counterparts are among the best hits regulates the matter even when it words it otherwise
    /// (收留 where the others say 收容).
    #[serde(default)]
    pub group_hits: f32,
    /// Each query word weighs in the shares by its inverse frequency among the pool's hits,
    /// raised to this power (0: all words weigh alike).
    #[serde(default)]
    pub spread: f32,
    /// Share of the query's characters in the opening sentence, each weighted by its inverse
    /// frequency among the pool's hits: the matter said in other words that share the query's
    /// rarer characters (犬只收留所 for 犬只收容, 犬尸 for 尸体).
    #[serde(default)]
    pub chars: f32,
    /// Like `chars`, for the query words the opening sentence lacks only: each such word counts
    /// by the weighted share of its characters there (mean over the words), so a word said
    /// otherwise (收容 → 收留所) gets part of the credit its whole would.
    #[serde(default)]
    pub chars_missing: f32,
    /// Weight in the first stage (BM25) of a neighbour of a query word, a word the word vectors
    /// ([`crate::meaning`]) put near it (收留 for 收容), times their cosine: so that an article
    /// naming the matter only in other words is among the hits at all. 0: no expansion.
    #[serde(default)]
    pub expand: f32,
    /// Credit, of a whole word's 1 in the shares, for a query word a passage says only by a word
    /// near it in the vectors, times their cosine (its most similar word there).
    #[serde(default)]
    pub neighbour: f32,
    /// Smallest cosine for a neighbour to count.
    #[serde(default)]
    pub neighbour_min: f32,
    /// Neighbours looked at per query word (the nearest in the vectors, kept when the index holds
    /// them).
    #[serde(default)]
    pub neighbour_k: usize,
    /// With `neighbour`, a query word's substitutes are read from its nearest words in the
    /// vectors (and, with `neighbour_assoc`, the words `corpus/assoc.tsv` associates with it),
    /// keeping only those concentrated in one clause group among the pool's hits: of the hits
    /// whose text says the substitute, at least this share sit in one group (a lone article is a
    /// group of its own). A word of the matter said otherwise across a group (标志 for 标识) is
    /// concentrated; a topical neighbour said everywhere in the family is not. 0: the older
    /// reading (the passage's closest word in the vectors, unfiltered).
    #[serde(default)]
    pub neighbour_focus: f32,
    /// With `neighbour_focus`, the words `corpus/assoc.tsv` associates with a query word (at
    /// most `assoc_k`, their weight as the cosine) are substitutes too.
    #[serde(default)]
    pub neighbour_assoc: bool,
    /// With `neighbour_focus`, a substitute the article's text says counts for the coverage too
    /// (its credit in place of the word's 1).
    #[serde(default)]
    pub neighbour_coverage: bool,
    /// Only the query words at most this share of the articles hold are expanded (a rare word is
    /// where an article is likeliest to say the matter otherwise; a common one brings noise).
    #[serde(default = "all_articles")]
    pub expand_share: f32,
    /// Cosine of the query's mean word vector with its opening sentence's (rarer words weigh
    /// more): how near the opening's meaning is to the query's, whatever its words.
    #[serde(default)]
    pub meaning: f32,
    /// With several query words, the second stage's bonuses (opening, group, group's best,
    /// label) are multiplied by the share of the query the article holds, each word weighing by
    /// its inverse document frequency ln(1 + N/df), raised to this power (0: no scaling). A word
    /// counts as held when the article's text, or the opening of one of its counterparts in
    /// other documents, says it (a compound's parts: half). So an article lacking the query's
    /// rarest word (区长负责制 for 区长名章) cannot take the full bonus of a common word in its
    /// opening, while one whose counterparts name the matter it words otherwise keeps it.
    #[serde(default)]
    pub coverage: f32,
    /// Share of the bonuses (opening, group, group's best, label) withheld from a penalty
    /// article (one in a 法律责任 or 罚则 chapter, or one that states a sanction, 罚款, 处分,
    /// 责令改正 …, on whoever breaks a rule) unless the query asks about penalties (罚, 责任,
    /// 处分, 违法, 违反): an article punishing 不听劝阻 or the publication of 烟草广告 repeats the
    /// matter's words in its opening, and its group-mates (the other documents' penalty
    /// articles) do too, yet it is not where the matter is regulated. 0: no such article
    /// is told apart. Half by default: some matters are regulated by their sanction alone
    /// (骗取用血费用, 水质不达标 in a 节约用水条例), and a penalty article keeping half its bonuses
    /// still ranks below the articles that set up a matter (chosen jointly with the other
    /// weights by leave-one-family-out; docs/search-ranking.md, fourteenth round).
    #[serde(default)]
    pub penalty: f32,
    /// When the first statement of an article is the lead-in of a list (禁止下列行为：) and more
    /// follows, its opening is the lead-in and the first item (禁止下列行为（一）…发布烟草广告):
    /// the lead-in alone does not say what the article is about.
    #[serde(default)]
    pub lead_in_item: bool,
    /// Bonus for an article of the kind the query asks for: a standard article type it names
    /// (立法目的 finds 为了…制定本条例, 适用范围 本条例适用于…; `corpus/article-types.tsv`), or a
    /// penalty article when the query asks about penalties (浪费用水处罚). 0: kinds are not
    /// looked at, and the first stage does not add the articles of a named type. 1.5 by
    /// leave-one-family-out over the twenty-two dev sets (docs/search-ranking.md, twenty-seventh
    /// round; 0.5 before), which also makes `kind_only` redundant.
    #[serde(default)]
    pub kind: f32,
    /// The query words that only name the kind (立法, 目的 of 立法目的; 处罚 of 浪费用水处罚)
    /// weigh nothing in the shares when other words are left: among the articles of the kind,
    /// the matter decides (浪费用水), not the kind's own name, which every one of them says.
    #[serde(default)]
    pub kind_words: bool,
    /// Bonus for an opening sentence that says the query's matter of several words as one run
    /// (计划用水, not 用水 and 计划 apart as in 用水计划), or as its abbreviation's full form
    /// (节水规划 in 节约用水规划: see `abbrev`), not as an item of a list.
    #[serde(default)]
    pub phrase: f32,
    /// For `phrase`: the run may hold this many extra characters per character of the query, in
    /// order and within one clause (节水 → 节约用水 at 1.0); 0: the run as written only.
    #[serde(default)]
    pub abbrev: f32,
    /// The same allowance for each query word in the shares (节水 counted in 节约用水); 0: off.
    #[serde(default)]
    pub abbrev_words: f32,
    /// Share of the query's coverage lost by an article when the query is one term cut into
    /// several words (临时管理规约: 临时 + 管理 + 规约) and neither the article nor its
    /// counterparts' openings say the term whole (its words apart, as in an article on 临时会议
    /// that also says 管理): the term matches as a whole ahead of its pieces. 0: off.
    #[serde(default)]
    pub whole: f32,
    /// Bonus for an article one of whose statements or items defines the query's term (（三）
    /// 物业使用人，是指…; 本条例所称X，是指…): the defined term is the query's term, said whole,
    /// with at most two more characters. 0: off.
    #[serde(default)]
    pub defines: f32,
    /// Bonus for an article that sets a figure for the query's matter: one of its statements
    /// says the query words (their weighted share, as in the opening share) with a bound on a
    /// number (不得低于18℃, 不超过三十日): the article stating the standard rather than the ones
    /// applying it (measuring, refunding). Such a statement also counts as the article's
    /// opening. 0: off.
    #[serde(default)]
    pub figure: f32,
    /// Whether a query word spelt out (`abbrev_words`) counts as held for `coverage` too, not
    /// only as written.
    #[serde(default)]
    pub abbrev_coverage: bool,
    /// How much of a query word the coverage counts as held when only a counterpart's opening
    /// says it, not the article itself (1: as much as the article saying it). Below 1 an
    /// article lacking the query's rarest word (优先 of 优先用血) no longer takes the full
    /// bonuses of its group for it.
    #[serde(default = "all_articles")]
    pub mate_held: f32,
    /// Weight in the first stage (BM25) of a word associated with a rare query word in
    /// `corpus/assoc.tsv` (words the drafters of one regulation's versions put in each other's
    /// place, [`crate::assoc`]), times the association's weight: a corpus-mined relatedness
    /// beside the vectors' (`expand`), for the words rare enough to be expanded
    /// (`expand_share`), at most `assoc_k` of them. 0: off (a stored setting without it); 0.6
    /// by leave-one-family-out over the twenty-two dev sets (twenty-seventh round; 0.2 before).
    #[serde(default)]
    pub assoc: f32,
    /// Associated words looked at per query word (the heaviest).
    #[serde(default)]
    pub assoc_k: usize,
    /// The query words at most this share of the articles hold are searched in the first
    /// stage with their kin too, at `expand` × cosine (0: none): the words the vectors put near
    /// one (cosine at least `kin_min`, among its `kin_k` nearest) that share a character with it
    /// without holding it or being held by it (评价 for 评估, 劝诫 for 劝阻, 禁烟 for 吸烟). The
    /// shared character keeps most of the vectors' topical neighbours out (接种 for 免疫 goes),
    /// so a word commoner than the rare ones `expand` widens can be widened too.
    #[serde(default)]
    pub kin_share: f32,
    /// Nearest words looked at for a word's kin (most are not kin, so more than `neighbour_k`).
    #[serde(default)]
    pub kin_k: usize,
    /// Smallest cosine of a kin word.
    #[serde(default)]
    pub kin_min: f32,

    /// Whether an occurrence inside a list (、) counts for the opening, dense and lead shares.
    pub count_listed: bool,
    /// Whether a statement opening with the query's term and 是 (血站是…的公益性组织) defines it,
    /// as one with 是指 does (`defines`).
    #[serde(default)]
    pub defines_is: bool,
    /// Bonus for an article whose opening statement's actor is named by a query word: the text
    /// before its first verb or preposition (应当, 负责, 对, 按照 …) ends with that word, as
    /// 市人民政府负责… ends with 政府, while 人民政府其他有关部门按照… and 人民政府及…部门及其工作人员…
    /// name 政府 only inside another actor. Left at 0 in the fifteenth and sixteenth rounds (the
    /// dev questions' nDCG@10 fell at every weight); 0.1 by leave-one-family-out over the twenty
    /// dev sets in the twenty-fifth round (docs/search-ranking.md), the dev questions' order
    /// kept: 施工单位责任 finds 滨州 第十三条 (施工单位应当…), 志愿服务定义 重庆 第三条.
    #[serde(default)]
    pub actor: f32,
    /// Whether `figure` reads only what a bound applies to: the query words in the clause that
    /// ends with the bound (…起居室的温度不低于十八摄氏度 bounds 温度, not the 采暖期 of the clause
    /// before), not anywhere in its statement.
    #[serde(default)]
    pub figure_clause: bool,
    /// Bonus for the article giving an actor its duties, when the query asks for one's duties
    /// (a query word says 职责: 政府领导职责, 部门监督管理职责): the actor of the opening statement
    /// ends with a query word or a part of one, and what follows it says 负责, 负总责, 职责 or 职能
    /// (市人民政府负责组织领导…, 水行政主管部门应当履行下列职责). The word 职责 then weighs nothing
    /// in the shares, as the words naming a kind do. 0: off.
    #[serde(default)]
    pub duty: f32,
    /// Bonus for an article that assigns duties to a body by its verbs, when the query asks for
    /// duties (a word says 职责 or 分工, or 责任 outside a question on penalties): its opening
    /// statement's subject, the text before its first modal duty (应当, 负责, 负总责, 承担, 做好,
    /// 履行, at most 30 characters in), names a body (政府, 部门, 机构, 机关, 委员会, 代表大会), and
    /// at least half of its statements that are not list items say such a duty
    /// (市人民政府及其财政等部门应当贯彻…；执行…). Chosen in the twentieth round (0.2, with
    /// `assigns_named`); 0: off, since the twenty-seventh round: with `first_use`, `duty` and
    /// `actor` it moved no dev set (docs/search-ranking.md).
    #[serde(default)]
    pub assigns: f32,
    /// With `assigns`, whether the opening's subject must also say a query word or a part of one
    /// (政府 of 政府预算执行职责) other than the words asking for duties.
    #[serde(default)]
    pub assigns_named: bool,
    /// A query word held by at least this share of the index's articles (a family's head word:
    /// 水 among water regulations, 供热 among heating ones) that the query says right before or
    /// after another of its words (水行政, 试供热) is read with that word as one run in the
    /// shares: the run counts where a passage says it, and weighs by its own rarity, so the other
    /// word alone (行政, 试 of 充水试压) no longer carries the query. Not when the run is said
    /// nowhere, nor with a word naming the kind or duties. 0: off.
    #[serde(default)]
    pub glue: f32,
    /// For `glue`: whether the other word said alone counts as a part of the run (half, as the
    /// parts of a compound do).
    #[serde(default)]
    pub glue_parts: bool,
    /// For `glue`: whether a run also counts where a clause says its two words in either order
    /// (下列场所禁止吸烟 for 吸烟场所), as `whole` reads a term.
    #[serde(default)]
    pub glue_clause: bool,
    /// For an article with no counterpart in another document (the alignment put it in no
    /// clause group, or in one of its own document's articles only), the group's and the group's
    /// best opening shares are its own opening's share times this: the article is its own
    /// evidence, rather than lacking the bonuses its rivals take from their groups. 0: off.
    #[serde(default)]
    pub lone: f32,
    /// For `lone`: whether every article's group shares are at least its own opening's share
    /// times `lone`, not only a lone article's (an article the alignment put in a group of
    /// another matter keeps what its own opening says).
    #[serde(default)]
    pub lone_all: bool,
    /// Share of the opening's query words taken back when they stand in a step of the matter
    /// rather than the matter: a condition clause (养犬人或者犬只发生变更的，…; …划定后，因…需要改变的，)
    /// or a query word followed by 前 or 后 (移交前由建设单位负责…). The opening share is then
    /// moved this far towards the share of the opening without those spans, in the article's
    /// opening and in its counterparts', but for a penalty article, which states its matter (the
    /// conduct) as a condition by form (…造成水资源浪费的，由…处罚). 0: off; 0.25 by leave-one-family-out over the ten dev
    /// families (docs/search-ranking.md, eighteenth round).
    #[serde(default)]
    pub step: f32,
    /// Bonus, beside `kind`, for an article of the type a query names when the query says
    /// nothing but that type's name (立法目的, 适用范围, 法律责任): such a query asks for the
    /// articles of the type, and its words are the type's name, not a matter, so an article
    /// saying them in passing (不以获取报酬为目的 of a definition) must not outrank the type's
    /// own articles (为了…制定本条例, which say neither 立法 nor 目的). 0: off; 1 by
    /// leave-one-family-out over the fourteen dev families (docs/search-ranking.md, nineteenth
    /// round); 0 since the twenty-seventh round, where `kind` at 1.5 does its work.
    #[serde(default)]
    pub kind_only: f32,
    /// A penalty article whose opening statement sanctions nothing itself but refers to other
    /// laws (违反本条例规定的行为，法律、行政法规已有法律责任规定的，从其规定; …按照有关法律、法规的规定予以处理)
    /// is not told apart as a penalty article (`penalty`): its matter is that referral, which a
    /// query asks for without a penalty word (其他法律规定). On since the nineteenth round
    /// (docs/search-ranking.md).
    #[serde(default)]
    pub referral: bool,
    /// An article whose counterparts in other documents (its clause group) score at least
    /// `lift_min` of the best hit, in a first scoring without this term, is moved this share of
    /// the way from its own score towards its strongest counterpart's (the mean of its
    /// counterparts' with `lift_mean`, those outside the pool counting 0): when the query clearly
    /// finds some documents' articles on a matter, their counterparts in the other documents are
    /// the same matter in other words. 0: off; 0.5 (with `lift_min` 0.4) by leave-one-family-out
    /// over the fourteen dev families (docs/search-ranking.md, twenty-first round).
    #[serde(default)]
    pub lift: f32,
    /// For `lift`: the share of the best hit's score a counterpart must reach. 0.4 in the
    /// twenty-first round; 0.6, chosen with `bridge` by leave-one-family-out over the dev
    /// families (docs/search-ranking.md, twenty-fourth round).
    #[serde(default)]
    pub lift_min: f32,
    /// For `lift`: whether the counterparts' mean is read rather than the strongest.
    #[serde(default)]
    pub lift_mean: bool,
    /// For `lift`: when the query asks for penalty articles (处罚, 违反 …, or the 法律责任 type),
    /// only penalty articles are lifted: a counterpart carries the matter, not the kind (for
    /// 浪费用水处罚, the articles rewarding 节约用水 are aligned with those on the duty to report
    /// 浪费, which are strong hits on 浪费 and 用水 but no penalty articles either). The named
    /// standard types are not read so: an article of a type is not always recognised as one.
    #[serde(default)]
    pub lift_kind: bool,
    /// For `lift`: only the best first score of a document among the group's members is lifted
    /// (the one counterpart its strong mates stand for), not that document's other articles in
    /// the group (steps of the matter the aligner took in beside it). On with `lift` by
    /// leave-one-family-out (docs/search-ranking.md, twenty-first round).
    #[serde(default)]
    pub lift_one: bool,
    /// Weight of the words the strongest hits share, fed back once: the character pairs that
    /// at least half (and at least two) of the openings of the `feedback_top` best hits of a
    /// first scoring say (one hit per document; with `feedback_group`, the openings of the best
    /// hit's clause group instead), each weighing by the share of the pool's openings that lack
    /// it, and none inside a query word; an article scores their weighted share in its opening
    /// times this. 0: off (measured in the twenty-first round and not kept: it lowers smoking and
    /// schools).
    #[serde(default)]
    pub feedback: f32,
    /// For `feedback`: how many of the best hits (in distinct documents) give their openings.
    #[serde(default)]
    pub feedback_top: usize,
    /// For `feedback`: whether the openings are those of the best hit's clause group.
    #[serde(default)]
    pub feedback_group: bool,
    /// Credit, of a whole word's 1 in the shares and the coverage, for a query word that names a
    /// category (要求, 义务, 职权, 措施) when a passage that does not say it opens a list
    /// (应当遵守下列规定：…, 可以采取以下方式：…): the list spells out the category's instances. With
    /// `list_head_named` only a word the corpus itself uses to head a list (some article says
    /// 下列 or 以下 right before it) is such a category. 0.1 by leave-one-family-out over the
    /// sixteen dev families (docs/search-ranking.md, twenty-second round): 督导职权 finds
    /// 实施教育督导可以采取以下方式：. 0: off since the twenty-seventh round: with `actor` it
    /// moved one dev set by a query (supply, −0.005), and it costs a term lookup per query word.
    #[serde(default)]
    pub list_head: f32,
    /// For `list_head`: whether only a word heading a list somewhere in the corpus counts.
    #[serde(default)]
    pub list_head_named: bool,
    /// Weight of the largest share of the query words that one sentence of the article says
    /// (a statement, or with `sentence_clause` a clause): the query's words written together,
    /// 签发公文 for 公文签发, rather than apart in the article. 0: off (measured in the
    /// twenty-second round and not kept).
    #[serde(default)]
    pub sentence: f32,
    /// For `sentence`: whether the unit is a clause (up to a comma) rather than a statement.
    #[serde(default)]
    pub sentence_clause: bool,
    /// Bonus for the article that uses the query's matter first in its document: among the
    /// pool's hits of one document whose text says the matter (the words not naming the kind,
    /// as one run; with `first_use_words`, each of them anywhere in the article), the one that
    /// comes first. A regulation sets a matter up before it refers back to it in its steps
    /// (编制预算调整方案 before 对预算调整方案重点审查下列内容; 纳入计划用水管理 before 纳入计划用水管理的
    /// 取用水单位应当…). Inside the coverage and the penalty article's half, as the opening's
    /// share is. 0: off; 0.2 (with `first_use_free` and `first_use_modifier`) by
    /// leave-one-family-out over the eighteen dev families (docs/search-ranking.md,
    /// twenty-third round).
    #[serde(default)]
    pub first_use: f32,
    /// For `first_use`: whether the matter's words count anywhere in the article rather than
    /// as one run.
    #[serde(default)]
    pub first_use_words: bool,
    /// For `first_use`: whether only a use outside a list counts (not in an enumerated item,
    /// （三）落实劝阻吸烟人员, nor next to 、): a matter named among others is mentioned, not set up.
    #[serde(default)]
    pub first_use_free: bool,
    /// For `first_use`: whether a use followed by 的 does not count: the matter is then a
    /// modifier of what the statement is about (禁止吸烟场所的经营者, 纳入计划用水管理的取用水单位).
    #[serde(default)]
    pub first_use_modifier: bool,
    /// The aligned group as a bridge, a candidate source: the clause-group counterparts (in
    /// other documents) of the `bridge` best first-stage hits are added to the pool when BM25
    /// left them out, so that an article naming the matter in other words than every query
    /// word is scored (by its group's openings and label, and lifted towards its strongest
    /// counterpart by `lift`) although it says too little of the query to be found by its
    /// words. 0: off; 10 (with `bridge_one`) by leave-one-family-out over the dev families
    /// (docs/search-ranking.md, twenty-fourth round): 志愿服务范围 finds 上海 第五条 (本市鼓励为老年人…
    /// 提供志愿服务), which BM25 ranked below its first 100.
    #[serde(default)]
    pub bridge: usize,
    /// For `bridge`: a counterpart is not added when an article of its document in the same
    /// group is in the pool already (the group stands for one counterpart per document, as with
    /// `lift_one`; the aligner often takes a step of the matter in beside it).
    #[serde(default)]
    pub bridge_one: bool,
    /// Weight of the share of the query words that the openings of the article's clause group
    /// say together (its own and its counterparts', read as one text): the group's members are
    /// the family's several ways of naming the matter, and the query's words may be spread over
    /// them (one says 携带犬只, another 出户). Inside the coverage and the penalty article's half.
    /// 0: off (measured in the twenty-fourth round, docs/search-ranking.md).
    #[serde(default)]
    pub group_union: f32,
    /// Weight of how strongly the query finds the article's clause group in the other
    /// documents, in a first scoring: per other document of the group, its best member's first
    /// score relative to the best hit (0 outside the pool), then their mean (or, with
    /// `consensus_rank` n, the n-th strongest). Added to the second scoring whatever the
    /// article's own score, so that a matter every document regulates, each article found only
    /// moderately, rises as a whole above a rival found by its words alone; `lift` moves an
    /// article towards one strong counterpart only. Only its document's best member of the group
    /// takes it, and, when the query asks for penalty articles, only a penalty article. 0: off
    /// (measured in the twenty-fifth round and not kept: it lowers dogs and drinking at every
    /// weight, docs/search-ranking.md).
    #[serde(default)]
    pub consensus: f32,
    /// For `consensus`: 0 the mean over the group's other documents, n the n-th strongest.
    #[serde(default)]
    pub consensus_rank: usize,
    /// For `consensus`: the least share of the best hit a document's member must score to count
    /// (below it, 0).
    #[serde(default)]
    pub consensus_min: f32,
    /// Credit, of a whole word's 1 in the shares and the coverage, for a query word of one
    /// character cut from a longer piece of the query (日 of 全民健身日, 犬 of 犬只收容) where a
    /// passage says the character but not beside a character it stands next to in the query
    /// (身日, 犬只): such a character is everywhere (之日起, 1日, 日常), and saying it alone is
    /// not saying the query's word. 1: counted wherever the character occurs; 0 (with
    /// `piece_first` 0.3) since the thirty-first round, by leave-one-family-out over the
    /// twenty-two dev sets within the bounds issue 12 sets (docs/search-ranking.md).
    #[serde(default = "whole_credit")]
    pub piece: f32,
    /// Weight in the first stage of such a one-character word's own index term (1: as any
    /// word); below 1 the runs of two characters it forms with its neighbours in the query
    /// (身日) are searched as bigrams at the word's full weight, so an article saying the
    /// query's run is still found. 0.3 since the thirty-first round.
    #[serde(default = "whole_credit")]
    pub piece_first: f32,
    /// Weight of such a one-character word in the shares and the coverage, relative to the
    /// weight its rarity gives it (1: as any word).
    #[serde(default = "whole_credit")]
    pub piece_weight: f32,
    /// Whether an occurrence next to 、 in a pair (a clause whose one 、 joins two members, no
    /// 和, 及, 与 or 或 right after it: 设置、调整强制隔离戒毒场所, 开展消防设计审查、验收) is said
    /// freely rather than as an item of a list: two acts joined so are both what the clause
    /// does, where a list of three or more names a matter among others (实行全体会议、常务会议、
    /// 区长办公会议制度). False: every occurrence next to 、 is listed, as before.
    #[serde(default)]
    pub listed_pair: bool,
    /// For `first_use`: the matter's words count as said together when one clause says each of
    /// them, in any order, with at most this many other characters between them in all
    /// (作出强制隔离戒毒的决定 for 强制隔离戒毒决定, 交存专项维修资金 for 专项维修资金交存: the
    /// query as one phrase, written otherwise). 0: only the words as one run, as before.
    #[serde(default)]
    pub first_use_near: usize,
    /// Whether the final score is the linear model learned from the dev families' topic
    /// queries (`learn::LEARNED`: a pairwise logistic model over the features and the
    /// hand-made score, trained by `tests/search.rs`'s `learned_cross_validation`) rather than
    /// [`RankParams::score`]. False: the hand-made score (measured in the thirtieth round,
    /// docs/search-ranking.md).
    #[serde(default)]
    pub learned: bool,
    /// Bonus for an article that says the query's matter as written (the words not naming the
    /// kind, joined: 门票价格, 全民健身日) somewhere in its text, not as an item of a list: an
    /// article saying the whole query is about it more surely than one saying a word of it that
    /// the family says everywhere (全民, 健身) beside a character that stands everywhere (日 of
    /// 1日起施行), or one taking its words only from its counterparts. Wherever the article says
    /// it, not only in its opening (`phrase`); a query of one word counts when the word has at
    /// least two characters. Inside the coverage and the penalty article's half. 0: off.
    #[serde(default)]
    pub verbatim: f32,
    /// For `lift`: an article is not lifted when another article of its document in the pool
    /// says the query's matter as written (the words not naming the kind, joined, not as a list
    /// item) and it does not: that document names the matter in the query's own words
    /// elsewhere, so its counterpart of the best hits is not the matter said otherwise (上海
    /// 第四十五条 says 门票价格 three times, and 上海 第四十条, on discounts, is the counterpart of
    /// 山东's article on ticket prices). False: lifted as before.
    #[serde(default)]
    pub lift_said: bool,
    /// Credit, of a whole word's 1 in the shares, for a compound query word (申请材料: 申请 +
    /// 材料) that a passage names by the list spelling it out: the compound's last part heads a
    /// list there (提交下列材料：, 提交以下材料：, 提交下列证明、材料：) and its other parts stand
    /// before that in the same statement (申请法律援助应当提供下列材料：). The article listing the
    /// papers of an application names its matter so, where those handling the papers say the
    /// compound whole. 0: off (such a passage holds the parts only, half the word); 1 since the
    /// thirty-second round, for review41 #17: over the twenty-two dev sets it moves no family
    /// (leave-one-family-out 0.8284 either way; docs/search-ranking.md).
    #[serde(default)]
    pub list_named: f32,
}

/// `piece`, `piece_first` and `piece_weight` when a stored setting lacks them: as before they
/// existed.
fn whole_credit() -> f32 {
    1.0
}

impl Default for RankParams {
    fn default() -> Self {
        RankParams {
            pool: 100,
            bm25_power: 0.5,
            opening: 0.8,
            dense: 0.0,
            lead: 0.0,
            subject: 0.0,
            listed: 0.1,
            chapter: 0.0,
            group: 0.6,
            label: 0.2,
            group_best: 0.7,
            group_best_rank: 1,
            rarity: 1.0,
            group_hits: 0.0,
            spread: 0.0,
            chars: 0.0,
            chars_missing: 0.0,
            expand: 0.3,
            neighbour: 0.0,
            neighbour_min: 0.7,
            neighbour_k: 10,
            neighbour_focus: 0.0,
            neighbour_assoc: false,
            neighbour_coverage: false,
            expand_share: 0.05,
            meaning: 0.0,
            coverage: 2.0,
            penalty: 0.5,
            lead_in_item: true,
            kind: 1.5,
            kind_words: true,
            phrase: 0.0,
            abbrev: 0.0,
            abbrev_words: 1.5,
            whole: 0.0,
            defines: 0.8,
            figure: 0.8,
            abbrev_coverage: true,
            mate_held: 1.0,
            assoc: 0.6,
            assoc_k: 5,
            kin_share: 0.2,
            kin_k: 30,
            kin_min: 0.7,
            count_listed: false,
            defines_is: true,
            actor: 0.1,
            figure_clause: true,
            duty: 0.6,
            assigns: 0.0,
            assigns_named: true,
            glue: 0.0,
            glue_parts: true,
            glue_clause: false,
            lone: 0.0,
            lone_all: false,
            step: 0.25,
            kind_only: 0.0,
            referral: true,
            lift: 0.5,
            lift_min: 0.6,
            lift_mean: false,
            lift_kind: true,
            lift_one: true,
            feedback: 0.0,
            feedback_top: 3,
            feedback_group: false,
            list_head: 0.0,
            list_head_named: true,
            sentence: 0.0,
            sentence_clause: false,
            first_use: 0.2,
            first_use_words: false,
            first_use_free: true,
            first_use_modifier: true,
            bridge: 10,
            bridge_one: true,
            group_union: 0.0,
            consensus: 0.0,
            verbatim: 0.0,
            lift_said: false,
            consensus_rank: 0,
            consensus_min: 0.0,
            piece: 0.0,
            piece_first: 0.3,
            piece_weight: 1.0,
            listed_pair: false,
            first_use_near: 0,
            learned: false,
            list_named: 1.0,
        }
    }
}

/// `group_best_rank` when a stored setting lacks it: the best mate.
fn first_mate() -> usize {
    1
}

/// `expand_share` when a stored setting lacks it: every word is expanded.
fn all_articles() -> f32 {
    1.0
}

/// What the second stage knows of one hit, each in [0, 1].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Features {
    /// BM25 relative to the best hit.
    pub bm25: f32,
    /// Share of the query words in the opening sentence.
    pub opening: f32,
    /// Share of the sentences that use a query word (mean share per sentence).
    pub dense: f32,
    /// Share of the query words in the first 12 characters.
    pub lead: f32,
    /// Share of the query words in the opening clause, not as list items.
    pub subject: f32,
    /// Share of the query words' occurrences that are list items.
    pub listed: f32,
    /// Share of the query words in the chapter title.
    pub chapter: f32,
    /// Mean share of the query words in the group-mates' opening sentences (not as list items).
    pub group: f32,
    /// Share of the query words in the group's label.
    pub label: f32,
    /// Best share of the query words in one group-mate's opening sentence (not as list items).
    pub group_best: f32,
    /// Mean relevance of the group-mates in other documents (BM25 relative to the best hit,
    /// raised to the BM25 power; 0 for a mate outside the pool).
    pub group_hits: f32,
    /// Weighted share of the query's distinct characters in the opening sentence.
    pub chars: f32,
    /// Mean over the query words missing from the opening sentence of the weighted share of
    /// their characters in it (0 for a word it holds).
    pub chars_missing: f32,
    /// Cosine of the query's mean word vector with the opening sentence's (0 unless weighed).
    pub meaning: f32,
    /// IDF-weighted share of the query words the article or its counterparts' openings hold
    /// (1 for a query of one word).
    pub coverage: f32,
    /// 1 for a penalty article when the query does not ask about penalties, else 0.
    pub penalty: f32,
    /// 1 for an article of the kind the query asks for (a type it names, or a penalty article
    /// when it asks about penalties), else 0.
    pub kind: f32,
    /// 1 for an article of the type the query names when the query says nothing but the type's
    /// name, else 0.
    pub kind_only: f32,
    /// 1 when the opening sentence says the query's matter as one run (or abbreviated), not as a
    /// list item, else 0.
    pub phrase: f32,
    /// 1 when a statement or item of the article defines the query's term, else 0.
    pub defines: f32,
    /// Largest share of the query words in a statement that bounds a number (不得低于18℃).
    pub figure: f32,
    /// 1 when the actor of the opening statement (what stands before its first verb or
    /// preposition) ends with a query word, else 0.
    pub actor: f32,
    /// 1 when the query asks for duties and the opening statement gives them to an actor the
    /// query names, else 0.
    pub duty: f32,
    /// 1 when the query asks for duties and the article assigns them to a body by its verbs
    /// (`RankParams::assigns`), else 0.
    pub assigns: f32,
    /// How far below its strongest counterpart's first score the article's own first score
    /// is, when that counterpart is a strong hit (`RankParams::lift`), else 0.
    pub lift: f32,
    /// Weighted share, in the opening, of the character pairs the best hits' openings share
    /// (`RankParams::feedback`), else 0.
    pub feedback: f32,
    /// Largest share of the query words in one sentence (or clause) of the article
    /// (`RankParams::sentence`), else 0.
    pub sentence: f32,
    /// 1 for the first article of its document among the pool's hits to say the query's matter
    /// (`RankParams::first_use`), else 0.
    pub first_use: f32,
    /// Share of the query words the openings of the article's clause group say together
    /// (`RankParams::group_union`), else 0.
    pub group_union: f32,
    /// How strongly the query finds the article's clause group in the other documents
    /// (`RankParams::consensus`), else 0.
    pub consensus: f32,
    /// 1 when the article says the query's matter as written, not as a list item
    /// (`RankParams::verbatim`), else 0.
    pub verbatim: f32,
}

impl RankParams {
    /// The reranked score of one hit.
    pub fn score(&self, f: &Features) -> f32 {
        let held = if self.coverage == 0.0 {
            1.0
        } else {
            f.coverage.clamp(0.0, 1.0).powf(self.coverage)
        };
        let kept = 1.0 - self.penalty.clamp(0.0, 1.0) * f.penalty.clamp(0.0, 1.0);
        f.bm25.max(0.0).powf(self.bm25_power)
            + held
                * kept
                * (self.opening * f.opening
                    + self.group * f.group
                    + self.label * f.label
                    + self.group_best * f.group_best
                    + self.phrase * f.phrase
                    + self.defines * f.defines
                    + self.figure * f.figure
                    + self.actor * f.actor
                    + self.duty * f.duty
                    + self.assigns * f.assigns
                    + self.sentence * f.sentence
                    + self.first_use * f.first_use
                    + self.group_union * f.group_union
                    + self.verbatim * f.verbatim)
            + self.kind * f.kind
            + self.kind_only * f.kind_only
            + self.dense * f.dense
            + self.lead * f.lead
            + self.subject * f.subject
            + self.chapter * f.chapter
            + self.group_hits * f.group_hits
            + self.chars * f.chars
            + self.chars_missing * f.chars_missing
            + self.meaning * f.meaning
            + self.lift * f.lift
            + self.feedback * f.feedback
            + self.consensus * f.consensus
            - self.listed * f.listed
    }
}

/// The query words of one search with the parts of each compound (绩效, 考核 of 绩效考核).
struct Words<'a> {
    words: &'a [String],
    parts: &'a [Vec<String>],
    /// The words joined, when there are several (经济调节 of 经济 + 调节): a list item as a whole.
    whole: Option<String>,
    /// Each word's weight in the shares (all 1 unless `spread` is set).
    weights: Vec<f32>,
    /// Each word's inverse document frequency ln(1 + N/df), for `coverage` (empty when the
    /// shares held are unknown).
    idf: Vec<f32>,
    /// The distinct characters of the words, each with its inverse frequency among the pool's
    /// hits (empty unless `chars` is weighed).
    chars: Vec<(char, f32)>,
    /// Credit for a word said by a neighbour, times the cosine.
    neighbour: f32,
    /// Smallest cosine of a neighbour.
    neighbour_min: f32,
    /// For each query word, its substitutes concentrated in one group among the pool's hits
    /// with their credit (`neighbour` × cosine); empty unless `neighbour_focus` is weighed.
    substitutes: Vec<Vec<(String, f32)>>,
    /// Whether a substitute counts for the coverage (`RankParams::neighbour_coverage`).
    substitute_coverage: bool,
    /// Extra characters per character a word may be spread over (`RankParams::abbrev_words`).
    abbrev: f32,
    /// The matter as one run: the words not naming the kind, joined (`RankParams::phrase`).
    matter: String,
    /// How many words the matter has (a run of one word is the word: no phrase bonus).
    matter_words: usize,
    /// True when the query names a standard type and each of its words is part of that name.
    only_kind: bool,
    /// The standard article types the query names.
    kinds: &'a [String],
    /// The query's terms: each piece of the query between spaces whose words, joined, are the
    /// piece itself (临时管理规约 of 临时 + 管理 + 规约; 物业使用人).
    terms: &'a [String],
    /// Whether a word spelt out counts as held for the coverage (`RankParams::abbrev_coverage`).
    abbrev_coverage: bool,
    /// Share of a word held only by a counterpart's opening (`RankParams::mate_held`).
    mate_held: f32,
    /// Share of the coverage kept when no passage says a term of several words whole
    /// (1 − `RankParams::whole`).
    pieces: f32,
    /// For each query term of two or more words not naming the kind, those words (indices).
    term_words: Vec<Vec<usize>>,
    /// Whether 是 alone marks a definition (`RankParams::defines_is`).
    defines_is: bool,
    /// For each word that is a run (`RankParams::glue`), the two words it joins, when a clause
    /// saying both in either order counts as saying it (`RankParams::glue_clause`); else empty.
    runs: Vec<Option<(String, String)>>,
    /// For each word, the credit a passage opening a list gives it when the passage does not say
    /// it (`RankParams::list_head`: 0 for a word that names no category); empty when off.
    heads: Vec<f32>,
    /// For each one-character word cut from a longer piece of the query, the runs it forms
    /// with its neighbours there (`piece_contexts`); empty when `RankParams::piece` is 1.
    contexts: Vec<Vec<String>>,
    /// Credit for such a word said only outside those runs (`RankParams::piece`).
    piece: f32,
    /// Whether an occurrence in a pair joined by 、 is free (`RankParams::listed_pair`).
    pairs_free: bool,
    /// Credit for a compound named by the list that spells out its last part
    /// (`RankParams::list_named`).
    list_named: f32,
}

/// Marks that end a clause, for a term said whole (its words in one clause).
const CLAUSE_ENDS: &str = "，。；：、！？,;:!?（）()\n";

impl Words<'_> {
    /// How much of the query a passage says: for each word, all of it, or half for each share
    /// of its parts; averaged over the words. With `free`, occurrences that are items of a list
    /// (next to 、) do not count.
    fn about(&self, passage: &str, free: bool) -> f32 {
        let has = |needle: &str| {
            if self.abbrev > 0.0 {
                spelt_out(passage, needle, self.abbrev)
                    .into_iter()
                    .any(|(a, b)| !free || !self.is_listed(passage, a, b))
            } else if free {
                occurrences(passage, needle).any(|(a, b)| !self.is_listed(passage, a, b))
            } else {
                passage.contains(needle)
            }
        };
        // The passage's words that have vectors, cut once, when a neighbour can count.
        let vocabulary: Vec<&str> = if self.neighbour > 0.0 && self.substitutes.is_empty() {
            super::near::words_of(passage)
        } else {
            Vec::new()
        };
        let says = |i: usize| -> f32 {
            let whole = if has(&self.words[i]) || self.run_in_clause(passage, i) {
                let in_run = |run: &String| {
                    occurrences(passage, run).any(|(a, b)| !free || !self.is_listed(passage, a, b))
                };
                self.piece_credit(i, in_run)
            } else {
                0.0
            };
            if whole >= 1.0 {
                return 1.0;
            }
            let parts = if self.parts[i].is_empty() {
                0.0
            } else {
                0.5 * self.parts[i].iter().filter(|p| has(p)).count() as f32
                    / self.parts[i].len() as f32
            };
            let parts = parts
                .max(self.head_credit(passage, i))
                .max(whole)
                .max(self.list_credit(passage, i));
            if let Some(subs) = self.substitutes.get(i) {
                let near = subs
                    .iter()
                    .filter(|(s, _)| has(s))
                    .map(|(_, c)| *c)
                    .fold(0.0f32, f32::max);
                return parts.max(near);
            }
            if vocabulary.is_empty() {
                return parts;
            }
            let cos = super::near::closest(&self.words[i], &vocabulary);
            let near = if cos >= self.neighbour_min {
                self.neighbour * cos
            } else {
                0.0
            };
            parts.max(near)
        };
        if self.words.is_empty() {
            return 0.0;
        }
        let total: f32 = self.weights.iter().sum();
        if total <= 0.0 {
            return 0.0;
        }
        (0..self.words.len())
            .map(|i| self.weights[i] * says(i))
            .sum::<f32>()
            / total
    }

    /// IDF-weighted share of the query words that one of `passages` says (a word: 1 when a
    /// passage holds it, else half the share of its parts a passage holds), anywhere, lists
    /// included; a word only the counterparts' openings say counts `mate_held`. `passages` ends
    /// with the article's own text. 1 for a query of one word or when the frequencies are
    /// unknown.
    fn coverage(&self, passages: &[&str]) -> f32 {
        if self.words.len() < 2 || self.idf.len() != self.words.len() {
            return 1.0;
        }
        // The article's own text is the last passage, its counterparts' openings the others.
        let own = passages.len().saturating_sub(1);
        let said = |p: &str, word: &str| {
            p.contains(word)
                || (self.abbrev_coverage && !spelt_out(p, word, self.abbrev).is_empty())
        };
        let says = |i: usize| -> f32 {
            let word = &self.words[i];
            let held_in = |p: &str| {
                if said(p, word) || self.run_in_clause(p, i) {
                    self.piece_credit(i, |run: &String| p.contains(run.as_str()))
                } else {
                    0.0
                }
            };
            let mine = passages.get(own).map_or(0.0, |p| held_in(p));
            if mine >= 1.0 {
                return 1.0;
            }
            let mates = passages[..own]
                .iter()
                .map(|p| held_in(p))
                .fold(0.0f32, f32::max);
            if mates >= 1.0 {
                return self.mate_held;
            }
            let said_so = mine.max(mates * self.mate_held);
            let head = passages.get(own).map_or(0.0, |p| {
                let first = p.split_inclusive(['：', '。']).next().unwrap_or("");
                self.head_credit(first, i)
            });
            let head = head.max(said_so);
            let head = match (
                self.substitute_coverage,
                self.substitutes.get(i),
                passages.get(own),
            ) {
                (true, Some(subs), Some(p)) => subs
                    .iter()
                    .filter(|(s, _)| p.contains(s.as_str()))
                    .map(|(_, c)| *c)
                    .fold(head, f32::max),
                _ => head,
            };
            let parts = &self.parts[i];
            if parts.is_empty() {
                return head;
            }
            let held = parts
                .iter()
                .filter(|part| passages.iter().any(|p| p.contains(part.as_str())))
                .count();
            (0.5 * held as f32 / parts.len() as f32).max(head)
        };
        let total: f32 = self.idf.iter().sum();
        if total <= 0.0 {
            return 1.0;
        }
        let share = (0..self.words.len())
            .map(|i| self.idf[i] * says(i))
            .sum::<f32>()
            / total;
        share * self.whole_factor(passages)
    }

    /// The credit of word `i` where a passage says it: 1, or, for a one-character piece of the
    /// query (`contexts`), `piece` unless the passage says one of its runs (`in_run`).
    fn piece_credit(&self, i: usize, in_run: impl Fn(&String) -> bool) -> f32 {
        match self.contexts.get(i) {
            Some(runs) if !runs.is_empty() && !runs.iter().any(in_run) => self.piece,
            _ => 1.0,
        }
    }

    /// The credit word `i` takes from `passage` when the passage names it by the list that
    /// spells out its last part ([`named_by_list`]; `RankParams::list_named`), else 0.
    fn list_credit(&self, passage: &str, i: usize) -> f32 {
        if self.list_named <= 0.0 {
            return 0.0;
        }
        match self.parts.get(i) {
            Some(parts) if named_by_list(passage, &self.words[i], parts) => self.list_named,
            _ => 0.0,
        }
    }

    /// The credit word `i` takes from `passage` as a category the passage's list spells out
    /// (`RankParams::list_head`): its credit when the passage opens a list, else 0.
    fn head_credit(&self, passage: &str, i: usize) -> f32 {
        match self.heads.get(i) {
            Some(&credit) if credit > 0.0 && opens_list(passage) => credit,
            _ => 0.0,
        }
    }

    /// True when word `i` is a run read by clause (`RankParams::glue_clause`) and one clause of
    /// `passage` says both its words, in either order.
    fn run_in_clause(&self, passage: &str, i: usize) -> bool {
        let Some(Some((a, b))) = self.runs.get(i) else {
            return false;
        };
        passage
            .split(|c: char| CLAUSE_ENDS.contains(c))
            .any(|clause| clause.contains(a.as_str()) && clause.contains(b.as_str()))
    }

    /// 1 when the query has no term of several words, or one of `passages` says one whole:
    /// its words (those not naming the kind) together in one clause, in any order (下列场所禁止
    /// 吸烟 says 禁止吸烟场所), each as written or spelt out; else `pieces`. So an article that
    /// has 临时 in its 临时会议 and 管理规约 in another sentence does not hold 临时管理规约.
    fn whole_factor(&self, passages: &[&str]) -> f32 {
        if self.pieces >= 1.0 || self.term_words.is_empty() {
            return 1.0;
        }
        let said = self.term_words.iter().any(|term| {
            passages.iter().any(|p| {
                p.split(|c: char| CLAUSE_ENDS.contains(c)).any(|clause| {
                    term.iter()
                        .all(|&i| !spelt_out(clause, &self.words[i], self.abbrev).is_empty())
                })
            })
        });
        if said { 1.0 } else { self.pieces }
    }

    /// True when one of `sentences` defines a query term: the text before 是指 (or ，指, ，包括)
    /// of a statement, its item number and a 本条例所称 dropped, says the term whole with at most
    /// two more characters.
    fn defines(&self, sentences: &[&str]) -> bool {
        sentences.iter().any(|s| {
            definiendum(s, self.defines_is).is_some_and(|d| {
                let len = d.chars().count();
                self.terms.iter().any(|t| {
                    len <= t.chars().count() + 2 && !spelt_out(d, t, self.abbrev).is_empty()
                })
            })
        })
    }

    /// True when `statement` gives duties to an actor the query names: its actor ends with a
    /// query word or a part of one (部门 of 主管部门) that does not itself ask for duties, and
    /// the rest says 负责, 负总责, 职责 or 职能.
    fn gives_duties(&self, statement: &str) -> bool {
        let Some(actor) = actor_of(statement) else {
            return false;
        };
        let rest = &statement.trim()[actor.len()..];
        let named = self
            .words
            .iter()
            .chain(self.parts.iter().flatten())
            .filter(|w| !asks_duties(w))
            .any(|w| actor.ends_with(w.as_str()));
        named && DUTY_SAYS.iter().any(|d| rest.contains(d))
    }

    /// True when the first of `sentences` assigns a duty to a body ([`duty_subject`]; with
    /// `named`, a subject saying a query word or a part of one that does not ask for duties) and
    /// at least half of the sentences that are not list items say a modal duty.
    fn assigns(&self, sentences: &[&str], named: bool) -> bool {
        let Some(subject) = sentences.first().and_then(|s| duty_subject(s)) else {
            return false;
        };
        if named
            && !self
                .words
                .iter()
                .chain(self.parts.iter().flatten())
                .filter(|w| !asks_for_duties(std::slice::from_ref(*w)))
                .any(|w| subject.contains(w.as_str()))
        {
            return false;
        }
        let own: Vec<&&str> = sentences.iter().filter(|s| !is_item(s)).collect();
        let dutiful = own
            .iter()
            .filter(|s| DUTY_MODALS.iter().any(|m| s.contains(m)))
            .count();
        2 * dutiful >= own.len()
    }

    /// True when the actor of `statement` (the text before its first verb or preposition, at
    /// most [`ACTOR_CHARS`] characters) ends with a query word.
    fn acts(&self, statement: &str) -> bool {
        actor_of(statement).is_some_and(|a| self.words.iter().any(|w| a.ends_with(w.as_str())))
    }

    /// Share of the occurrences of whole query words that are items of a list.
    fn listed(&self, text: &str) -> f32 {
        let (mut all, mut listed) = (0usize, 0usize);
        for w in self.words {
            for (a, b) in occurrences(text, w) {
                all += 1;
                listed += usize::from(self.is_listed(text, a, b));
            }
        }
        if all == 0 {
            0.0
        } else {
            listed as f32 / all as f32
        }
    }
}

impl Words<'_> {
    /// True when a query word asks about penalties (处罚, 法律责任, 处分, 违法 …).
    /// True when `h` is of the kind the query asks for: a standard type the query names, or a
    /// penalty article when the query asks about penalties.
    fn of_kind(&self, h: &Hit) -> bool {
        let penalties = self.asks_penalty_kind();
        if !penalties && self.kinds.is_empty() {
            return false;
        }
        if penalties && is_penalty(h) {
            return true;
        }
        if self.kinds.is_empty() {
            return false;
        }
        let own = crate::align::article_kinds(&h.text);
        self.kinds.iter().any(|k| own.contains(k))
    }

    /// True when the query asks for penalty articles as the kind wanted: it names the 法律责任
    /// type, or a word says 罚, 处分, 违法 or 违反.
    fn asks_penalty_kind(&self) -> bool {
        self.kinds.iter().any(|k| k == LIABILITY)
            || self
                .words
                .iter()
                .any(|w| PENALTY_KIND.iter().any(|a| w.contains(a)))
    }

    fn asks_penalties(&self) -> bool {
        self.words
            .iter()
            .chain(self.parts.iter().flatten())
            .any(|w| PENALTY_ASKS.iter().any(|a| w.contains(a)))
    }

    /// Mean over the query words `passage` lacks (free of lists) of the weighted share of their
    /// characters in it; a word it holds counts 0.
    fn chars_of_missing(&self, passage: &str) -> f32 {
        if self.words.is_empty() {
            return 0.0;
        }
        let weight = |c: char| {
            self.chars
                .iter()
                .find(|(x, _)| *x == c)
                .map_or(0.0, |(_, w)| *w)
        };
        let mut sum = 0.0;
        for w in self.words {
            if occurrences(passage, w).any(|(a, b)| !self.is_listed(passage, a, b)) {
                continue;
            }
            let total: f32 = w.chars().map(weight).sum();
            if total > 0.0 {
                sum += w
                    .chars()
                    .filter(|&c| passage.contains(c))
                    .map(weight)
                    .sum::<f32>()
                    / total;
            }
        }
        sum / self.words.len() as f32
    }

    /// True when `text[a..b]` is a list item, or lies inside an occurrence of the whole query
    /// that is one.
    /// Only the stretch of `text` where such an occurrence can lie is searched, so that the
    /// occurrences of a word in a long article (one line of a million characters) are not each
    /// checked against the whole article.
    fn is_listed(&self, text: &str, a: usize, b: usize) -> bool {
        listed_in(text, a, b, self.pairs_free)
            || self.whole.as_deref().is_some_and(|w| {
                let mut from = b.saturating_sub(w.len()).min(a);
                while !text.is_char_boundary(from) {
                    from -= 1;
                }
                let mut to = (a + w.len()).max(b).min(text.len());
                while !text.is_char_boundary(to) {
                    to += 1;
                }
                occurrences(&text[from..to], w)
                    .map(|(x, y)| (from + x, from + y))
                    .any(|(x, y)| x <= a && b <= y && listed_in(text, x, y, self.pairs_free))
            })
    }
}

/// Byte ranges of the non-overlapping occurrences of `needle` in `text`.
fn occurrences<'t>(text: &'t str, needle: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
    text.match_indices(needle)
        .filter(move |_| !needle.is_empty())
        .map(|(i, m)| (i, i + m.len()))
}

/// True when `text[a..b]` is an item of an enumeration: 、 right before or right after it
/// (全体会议、常务会议和区长办公会议).
fn is_listed(text: &str, a: usize, b: usize) -> bool {
    let before = text[..a].chars().next_back();
    let after = text[b..].chars().next();
    before == Some('、') || after == Some('、')
}

/// [`is_listed`], but with `pairs_free` an occurrence in a pair joined by 、 ([`in_pair`]) is
/// not an item of a list.
fn listed_in(text: &str, a: usize, b: usize, pairs_free: bool) -> bool {
    is_listed(text, a, b) && !(pairs_free && in_pair(text, a, b))
}

/// Marks that end a clause around an enumeration (its 、 are inside it).
const ENUMERATION_ENDS: &str = "，。；：！？,;:!?（）()\n";

/// Conjunctions that add a member after the last 、 of an enumeration (甲、乙和丙).
const ENUMERATION_JOINS: [char; 4] = ['和', '及', '与', '或'];

/// True when `text[a..b]` stands in a clause whose enumeration has two members only: the
/// clause holds one 、, and no conjunction follows within the six characters after it
/// (设置、调整强制隔离戒毒场所; not 全体会议、常务会议和区长办公会议).
fn in_pair(text: &str, a: usize, b: usize) -> bool {
    let start = text[..a]
        .rfind(|c: char| ENUMERATION_ENDS.contains(c))
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let end = text[b..]
        .find(|c: char| ENUMERATION_ENDS.contains(c))
        .map_or(text.len(), |i| b + i);
    let clause = &text[start..end];
    let mut marks = clause.match_indices('、');
    let (Some((at, _)), None) = (marks.next(), marks.next()) else {
        return false;
    };
    !clause[at..]
        .chars()
        .skip(1)
        .take(6)
        .any(|c| ENUMERATION_JOINS.contains(&c))
}

/// The features of one hit against the query words; `group` is its clause group, when known.
fn features(
    h: &Hit,
    best: f32,
    words: &Words,
    params: &RankParams,
    group: Option<&GroupTopic>,
) -> Features {
    let free = !params.count_listed;
    // The statements as written (closing marks kept), then without their closing marks.
    let statements: Vec<&str> = statement_spans(&h.text)
        .into_iter()
        .map(|s| &h.text[s])
        .filter(|s| !s.trim().is_empty())
        .collect();
    let sentences: Vec<&str> = statements
        .iter()
        .map(|s| s.trim_end_matches(is_statement_end))
        .filter(|s| !s.trim().is_empty())
        .collect();
    let lead_in = if params.lead_in_item {
        lead_in_and_item(&statements)
    } else {
        None
    };
    let opening = lead_in
        .as_deref()
        .unwrap_or_else(|| sentences.first().copied().unwrap_or(""));
    let clause = opening.split(['，', ',']).next().unwrap_or("");
    let lead_end = h
        .text
        .char_indices()
        .nth(LEAD_CHARS)
        .map_or(h.text.len(), |(i, _)| i);
    // The group-mates' openings (other documents only) and the share of the query words in each.
    let mate_openings: Vec<&str> = group.map_or_else(Vec::new, |g| {
        g.members
            .iter()
            .filter(|(d, _, _)| *d != h.doc.as_str())
            .map(|(_, _, o)| o.as_str())
            .collect()
    });
    // An opening's share, moved towards its share without the spans that name a step. Not for
    // a penalty article: it states its matter, the conduct, as a condition (…造成水资源浪费的，由…).
    let stepped = params.step != 0.0 && !is_penalty(h);
    let share = |text: &str, free: bool| -> f32 {
        let whole = words.about(text, free);
        if !stepped || whole == 0.0 {
            return whole;
        }
        let masked = without_steps(text, words.words);
        whole - params.step * (whole - words.about(&masked, free).min(whole))
    };
    let mates: Vec<f32> = mate_openings.iter().map(|o| share(o, true)).collect();
    let dense = if sentences.is_empty() || params.dense == 0.0 {
        0.0
    } else {
        sentences.iter().map(|s| words.about(s, free)).sum::<f32>() / sentences.len() as f32
    };
    // The statements that bound a number, and the largest share of the query they say.
    let figure = if params.figure == 0.0 {
        0.0
    } else {
        sentences
            .iter()
            .flat_map(|s| {
                if params.figure_clause {
                    bounded_clauses(s)
                } else if bounds_a_number(s) {
                    vec![*s]
                } else {
                    Vec::new()
                }
            })
            .map(|s| words.about(s, free))
            .fold(0.0, f32::max)
    };
    let opening_share = if params.defines != 0.0 && words.defines(&sentences) {
        1.0
    } else {
        share(opening, free).max(figure)
    };
    // What the group terms fall back on: the article's own opening, for a lone article (or, with
    // `lone_all`, for any article whose group says less).
    let own = if params.lone != 0.0 && (mates.is_empty() || params.lone_all) {
        params.lone * opening_share
    } else {
        0.0
    };
    Features {
        bm25: if best > 0.0 { h.score / best } else { 0.0 },
        opening: opening_share,
        dense,
        lead: words.about(&h.text[..lead_end], free),
        subject: words.about(clause, true),
        listed: words.listed(&h.text),
        chapter: words.about(&h.chapter.title, false),
        group: (mates.iter().sum::<f32>() / mates.len().max(1) as f32).max(own),
        group_best: {
            let mut ranked = mates.clone();
            ranked.sort_by(|a, b| b.total_cmp(a));
            ranked
                .get(params.group_best_rank.max(1) - 1)
                .copied()
                .unwrap_or(0.0)
                .max(own)
        },
        label: group.map_or(0.0, |g| words.about(&g.label, false)),
        group_hits: 0.0,
        lift: 0.0,
        feedback: 0.0,
        consensus: 0.0,
        first_use: 0.0,
        group_union: if params.group_union == 0.0 || mate_openings.is_empty() {
            0.0
        } else {
            let mut all = mate_openings.join("。");
            all.push('。');
            all.push_str(opening);
            share(&all, true)
        },
        sentence: if params.sentence == 0.0 {
            0.0
        } else if params.sentence_clause {
            sentences
                .iter()
                .flat_map(|s| s.split(['，', ',', '；', '：']))
                .map(|c| share(c, free))
                .fold(0.0, f32::max)
        } else {
            sentences.iter().map(|s| share(s, free)).fold(0.0, f32::max)
        },
        chars: {
            let total: f32 = words.chars.iter().map(|(_, w)| w).sum();
            if total <= 0.0 {
                0.0
            } else {
                words
                    .chars
                    .iter()
                    .filter(|(c, _)| opening.contains(*c))
                    .map(|(_, w)| w)
                    .sum::<f32>()
                    / total
            }
        },
        chars_missing: if words.chars.is_empty() {
            0.0
        } else {
            words.chars_of_missing(opening)
        },
        meaning: if params.meaning == 0.0 {
            0.0
        } else {
            super::near::similarity(words.words, opening)
        },
        coverage: if params.coverage == 0.0 {
            1.0
        } else {
            let mut passages = mate_openings;
            passages.push(&h.text);
            words.coverage(&passages)
        },
        penalty: flag(
            params.penalty != 0.0
                && !words.asks_penalties()
                && is_penalty(h)
                && !(params.referral && sentences.first().is_some_and(|s| refers(s))),
        ),
        kind: flag(params.kind != 0.0 && words.of_kind(h)),
        kind_only: flag(params.kind_only != 0.0 && words.only_kind && words.of_kind(h)),
        defines: flag(params.defines != 0.0 && words.defines(&sentences)),
        figure,
        duty: flag(
            params.duty != 0.0
                && words.words.iter().any(|w| asks_duties(w))
                && words.gives_duties(opening),
        ),
        actor: flag(params.actor != 0.0 && words.acts(opening)),
        assigns: flag(
            params.assigns != 0.0
                && asks_for_duties(words.words)
                && words.assigns(&sentences, params.assigns_named),
        ),
        verbatim: flag(
            params.verbatim != 0.0
                && words.matter.chars().count() >= 2
                && occurrences(&h.text, &words.matter)
                    .any(|(a, b)| !listed_in(&h.text, a, b, params.listed_pair)),
        ),
        phrase: flag(
            params.phrase != 0.0
                && words.matter_words > 1
                && spelt_out(opening, &words.matter, params.abbrev)
                    .into_iter()
                    .any(|(a, b)| !listed_in(opening, a, b, params.listed_pair)),
        ),
    }
}

/// True when `passage` opens a list: 下列 or 以下 followed, within twelve characters and no
/// clause's end, by a colon or an item's number (应当遵守下列规定：, 可以采取以下方式（一）…, the
/// second as an opening read with its first item).
fn opens_list(passage: &str) -> bool {
    ["下列", "以下"].iter().any(|lead| {
        passage.match_indices(lead).any(|(at, _)| {
            passage[at + lead.len()..]
                .chars()
                .take(12)
                .take_while(|c| !"，。；,;".contains(*c))
                .any(|c| c == '：' || c == ':' || c == '（' || c == '(')
        })
    })
}

/// Characters a list's head may stand after 下列 or 以下 (下列证明、材料：).
const LIST_HEAD_REACH: usize = 8;

/// True when `passage` names the compound `word` by a list spelling out its last part: `word`
/// ends with its last part of `parts` (材料 of 申请材料), one statement of `passage` says
/// 下列 or 以下, then within [`LIST_HEAD_REACH`] characters and no clause's end that part right
/// before a colon or an item's number (提交下列材料：, 以下材料（一）, 下列证明、材料：), and the
/// rest of `word` (申请) before 下列 in that statement.
fn named_by_list(passage: &str, word: &str, parts: &[String]) -> bool {
    let Some(head) = parts.last().filter(|h| h.chars().count() >= 2) else {
        return false;
    };
    let Some(rest) = word.strip_suffix(head.as_str()).filter(|r| !r.is_empty()) else {
        return false;
    };
    passage.split(['。', '；', ';']).any(|statement| {
        ["下列", "以下"].iter().any(|lead| {
            statement.match_indices(lead).any(|(at, _)| {
                let after = &statement[at + lead.len()..];
                let Some(end) = after.find(['：', ':', '（', '(', '，', ',']) else {
                    return false;
                };
                let opens = after[end..].starts_with(['：', ':', '（', '(']);
                let stretch = &after[..end];
                opens
                    && stretch.chars().count() <= LIST_HEAD_REACH
                    && stretch.ends_with(head.as_str())
                    && statement[..at].contains(rest)
            })
        })
    })
}

/// `text` with the spans that name a step of a matter blanked out (each character → □): a
/// condition clause, one ending with 的 right before a comma (养犬人或者犬只发生变更的，), and an
/// occurrence of a query word followed by 前 or 后 (移交前, 划定后).
fn without_steps(text: &str, words: &[String]) -> String {
    let mut blank = vec![false; text.len()];
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '。') {
            if matches!(c, '，' | ',') && text[start..i].ends_with('的') {
                blank[start..i].iter_mut().for_each(|b| *b = true);
            }
            start = i + c.len_utf8();
        }
    }
    for w in words.iter().filter(|w| !w.is_empty()) {
        for (a, b) in occurrences(text, w) {
            if matches!(text[b..].chars().next(), Some('前' | '后')) {
                blank[a..b].iter_mut().for_each(|x| *x = true);
            }
        }
    }
    text.char_indices()
        .map(|(i, c)| if blank[i] { '□' } else { c })
        .collect()
}

/// A yes/no feature as the weight it multiplies: 1 when it holds, else 0.
fn flag(holds: bool) -> f32 {
    if holds { 1.0 } else { 0.0 }
}

/// Where `text` says `needle`: each occurrence as written, and, with `extra` > 0, each shortest
/// run that holds its characters in order with at most `extra` more characters per character of
/// it, starting and ending on its first and last, within one clause (no punctuation inside):
/// the full form of an abbreviation (节约用水 for 节水, 节约用水规划 for 节水规划). Byte ranges.
fn spelt_out(text: &str, needle: &str, extra: f32) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = occurrences(text, needle).collect();
    let want: Vec<char> = needle.chars().collect();
    if extra <= 0.0 || want.len() < 2 {
        return out;
    }
    let limit = want.len() + (extra * want.len() as f32).floor() as usize;
    // Each start is visited once: only the occurrences as written can hold it already (a set,
    // so that a long article of many occurrences is not searched once per occurrence).
    let written: std::collections::HashSet<usize> = out.iter().map(|&(a, _)| a).collect();
    for (start, c) in text.char_indices() {
        if c != want[0] {
            continue;
        }
        let mut next = 1;
        for (used, (i, c)) in text[start..].char_indices().skip(1).enumerate() {
            if used + 2 > limit || is_punct(&text[start + i..start + i + c.len_utf8()]) {
                break;
            }
            if c == want[next] {
                next += 1;
                if next == want.len() {
                    let end = start + i + c.len_utf8();
                    if !written.contains(&start) {
                        out.push((start, end));
                    }
                    break;
                }
            }
        }
    }
    out
}

/// Words that bound a figure from above or below (不得低于, 不超过 …), when a number follows.
const BOUNDS: [&str; 7] = ["低于", "高于", "超过", "少于", "多于", "小于", "大于"];

/// True when `sentence` bounds a number: a negated comparison (不得低于, 不超过, 不应少于)
/// right before a numeral (18℃, 三十日).
fn bounds_a_number(sentence: &str) -> bool {
    BOUNDS.iter().any(|b| {
        sentence
            .match_indices(b)
            .any(|(i, _)| is_bound_at(sentence, i, b))
    })
}

/// True when the comparison `b` at byte `i` of `sentence` is negated and a numeral follows it.
fn is_bound_at(sentence: &str, i: usize, b: &str) -> bool {
    let before = &sentence[..i];
    let negated = ["不", "不得", "不应", "不能"]
        .iter()
        .any(|n| before.ends_with(n));
    let next = sentence[i + b.len()..].chars().next();
    negated
        && next
            .is_some_and(|c| c.is_ascii_digit() || "〇零一二三四五六七八九十百千两半".contains(c))
}

/// Marks that end the clause a bound applies to.
const CLAUSE_MARKS: [char; 5] = ['，', '；', '：', '、', '。'];

/// The clauses of `sentence` that end with a bound on a number (see [`bounds_a_number`]): for
/// each bound, the text from the last clause mark before it up to the bound, or from the mark
/// before that when nothing but the negation stands between (室温，不低于18摄氏度).
fn bounded_clauses(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for b in BOUNDS {
        for (i, _) in sentence.match_indices(b) {
            if !is_bound_at(sentence, i, b) {
                continue;
            }
            let before = &sentence[..i];
            let mark = |t: &str| {
                t.rfind(CLAUSE_MARKS)
                    .map_or(0, |at| at + next_char_len(&t[at..]))
            };
            let mut start = mark(before);
            let said = before[start..].trim_end_matches(['不', '得', '应', '能']);
            if said.trim().is_empty() && start > 0 {
                let at = before[..start]
                    .char_indices()
                    .last()
                    .map_or(0, |(at, _)| at);
                start = mark(&before[..at]);
            }
            out.push(&sentence[start..i]);
        }
    }
    out
}

/// Length in bytes of the first character of `s` (0 when empty).
fn next_char_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

/// True when a query word asks for an actor's duties.
pub(super) fn asks_duties(word: &str) -> bool {
    word.contains("职责")
}

/// True when the query asks for duties, for `RankParams::assigns`: a word says 职责 or 分工, or
/// 责任 while no word asks about penalties (政府节水责任, not 法律责任 or 责任追究).
pub(super) fn asks_for_duties(words: &[String]) -> bool {
    let penal = words.iter().any(|w| {
        PENALTY_KIND.iter().any(|p| w.contains(p)) || w.contains("法律责任") || w.contains("追究")
    });
    words
        .iter()
        .any(|w| w.contains("职责") || w.contains("分工") || (w.contains("责任") && !penal))
}

/// The verbs by which a statement gives its subject a duty.
const DUTY_MODALS: [&str; 6] = ["应当", "负责", "负总责", "承担", "做好", "履行"];

/// Words that end the name of a public body.
const BODIES: [&str; 6] = ["政府", "部门", "机构", "机关", "委员会", "代表大会"];

/// The subject a statement gives a duty to: the text before its first of [`DUTY_MODALS`], when
/// that is at most [`ACTOR_CHARS`] characters, not empty, and names a body ([`BODIES`]).
fn duty_subject(statement: &str) -> Option<&str> {
    let s = statement.trim();
    let end = DUTY_MODALS.iter().filter_map(|m| s.find(m)).min()?;
    let subject = s[..end].trim_end_matches(['，', ' ']);
    let len = subject.chars().count();
    (len > 0 && len <= ACTOR_CHARS && BODIES.iter().any(|b| subject.contains(b))).then_some(subject)
}

/// True when a statement is an item of a list: it opens with （一） or 一、 (or a digit).
fn is_item(statement: &str) -> bool {
    let s = statement.trim();
    if let Some(rest) = s.strip_prefix('（') {
        return rest
            .find('）')
            .is_some_and(|c| rest[..c].chars().count() <= 4);
    }
    s.split_once('、').is_some_and(|(n, _)| {
        !n.is_empty()
            && n.chars().count() <= 4
            && n.chars()
                .all(|c| "一二三四五六七八九十0123456789".contains(c))
    })
}

/// What a statement giving an actor its duties says after the actor.
const DUTY_SAYS: [&str; 4] = ["负责", "负总责", "职责", "职能"];

/// Words after which a statement's actor ends: its first verb or preposition.
const ACTOR_ENDS: [&str; 14] = [
    "应当", "负责", "对", "按照", "依照", "根据", "依据", "是", "可以", "不得", "在", "由", "会同",
    "，",
];

/// Characters before which 在 is part of a word (所在地, 存在, 现在), not a preposition.
const IN_WORD: [&str; 4] = ["所", "存", "现", "实"];

/// Longest actor read, in characters.
const ACTOR_CHARS: usize = 30;

/// The actor of a statement: what stands before the first of [`ACTOR_ENDS`], when that is
/// within [`ACTOR_CHARS`] characters and not empty.
fn actor_of(statement: &str) -> Option<&str> {
    let s = statement.trim();
    let end = ACTOR_ENDS
        .iter()
        .filter_map(|m| {
            s.match_indices(m)
                .map(|(i, _)| i)
                .find(|&i| !(*m == "在" && IN_WORD.iter().any(|w| s[..i].ends_with(w))))
        })
        .min()?;
    let actor = s[..end].trim_end();
    let len = actor.chars().count();
    (len > 0 && len <= ACTOR_CHARS).then_some(actor)
}

/// The term a statement defines: what stands before 是指, ，指 or ，包括 (with `is`, also a
/// plain 是: 血站是…组织) (at most 20 characters), without an item number (（三）, 三、), a
/// 本条例所称 (…所称) or quotation marks. None when the statement defines nothing.
fn definiendum(statement: &str, is: bool) -> Option<&str> {
    let mut s = statement.trim();
    if let Some(rest) = s.strip_prefix('（') {
        let close = rest.find('）')?;
        if rest[..close].chars().count() <= 4 {
            s = &rest[close + '）'.len_utf8()..];
        }
    } else if let Some((number, rest)) = s.split_once('、')
        && !number.is_empty()
        && number.chars().count() <= 4
        && number
            .chars()
            .all(|c| "一二三四五六七八九十0123456789".contains(c))
    {
        s = rest;
    }
    let markers: &[&str] = if is {
        &["，是指", "是指", "，指", "，包括", "是"]
    } else {
        &["，是指", "是指", "，指", "，包括"]
    };
    let end = markers.iter().filter_map(|m| s.find(m)).min()?;
    let mut d = s[..end].trim();
    if let Some(at) = d.find("所称") {
        d = &d[at + "所称".len()..];
    }
    let d = d.trim_matches(|c: char| c.is_whitespace() || "“”\"'‘’，,".contains(c));
    let len = d.chars().count();
    (len > 0 && len <= 20).then_some(d)
}

/// The opening of a text whose first statement is the lead-in of a list (it ends with ：) and
/// that goes on: the lead-in without its colon and the first item (its closing mark dropped).
/// None for any other text. `statements` are the text's non-blank statements as written
/// ([`statement_spans`], closing marks kept).
fn lead_in_and_item(statements: &[&str]) -> Option<String> {
    let lead = statements.first()?.trim_end().strip_suffix('：')?;
    let item = statements.get(1)?.trim_end_matches(is_statement_end);
    Some(format!("{lead}{item}"))
}

/// Which query words only name the kind asked for: part of a standard type's name the query
/// names (立法, 目的 of 立法目的), or a word asking about penalties (处罚, 罚款, 法律责任).
/// For each query word of one Han character cut from a longer piece of the query (日 of
/// 全民健身日), the runs of two characters it forms there with its neighbours (身日); an empty
/// list for every other word, and for a character the query also asks for alone (a piece of
/// its own: 犬 登记). `chunks` are the query's pieces between spaces, folded as its words are.
pub(super) fn piece_contexts(words: &[String], chunks: &[String]) -> Vec<Vec<String>> {
    words
        .iter()
        .map(|w| {
            let mut it = w.chars();
            let (Some(c), None) = (it.next(), it.next()) else {
                return Vec::new();
            };
            if !crate::text::chars::is_han(c) || chunks.iter().any(|k| k.trim() == w.as_str()) {
                return Vec::new();
            }
            let mut runs: Vec<String> = Vec::new();
            for chunk in chunks {
                let cs: Vec<char> = chunk.trim().chars().collect();
                for (j, _) in cs.iter().enumerate().filter(|(_, x)| **x == c) {
                    let before = j.checked_sub(1).map(|k| [cs[k], c]);
                    let after = cs.get(j + 1).map(|&n| [c, n]);
                    for pair in [before, after].into_iter().flatten() {
                        let run: String = pair.iter().collect();
                        if pair.iter().all(|&x| crate::text::chars::is_han(x))
                            && !runs.contains(&run)
                        {
                            runs.push(run);
                        }
                    }
                }
            }
            runs
        })
        .collect()
}

pub(super) fn kind_naming(words: &[String], kinds: &[String]) -> Vec<bool> {
    words
        .iter()
        .map(|w| {
            kinds.iter().any(|k| k.contains(w.as_str()))
                || PENALTY_KIND.iter().any(|a| w.contains(a))
        })
        .collect()
}

/// True when a statement refers the consequences of a breach to other laws rather than stating
/// them: 依照其规定, 从其规定, 适用其规定, or 按照有关法律、法规的规定予以处理 at its end.
fn refers(statement: &str) -> bool {
    statement.contains("其规定") || statement.ends_with("予以处理")
}

/// Query words that ask about penalties.
const PENALTY_ASKS: [&str; 5] = ["罚", "责任", "处分", "违法", "违反"];

/// Query words that ask for penalty articles as the kind of article wanted (责任 alone does not:
/// 政府节水责任 asks for a duty).
const PENALTY_KIND: [&str; 4] = ["罚", "处分", "违法", "违反"];

/// The name of the article type of penalty articles in `corpus/article-types.tsv`.
const LIABILITY: &str = "法律责任";

/// Words that say an article sanctions whoever breaks a rule.
const SANCTIONS: [&str; 5] = ["罚款", "处分", "处罚", "责令改正", "责令限期改正"];

/// True for a penalty article: in a chapter of 法律责任 or 罚则, or stating a sanction
/// ([`SANCTIONS`], or 追究 … 责任) on a breach (违反) or by an authority (由 … 部门, 机关 or 机构
/// within one sentence).
fn is_penalty(h: &Hit) -> bool {
    let chapter = &h.chapter.title;
    if chapter.contains("法律责任") || chapter.contains("罚则") {
        return true;
    }
    let t = &h.text;
    let sanction =
        SANCTIONS.iter().any(|w| t.contains(w)) || (t.contains("追究") && t.contains("责任"));
    sanction && (t.contains("违反") || by_an_authority(t))
}

/// True when 由 is followed, within 24 characters of the same sentence, by 部门, 机关 or 机构.
fn by_an_authority(text: &str) -> bool {
    text.match_indices('由').any(|(i, _)| {
        let after: String = text[i..]
            .chars()
            .skip(1)
            .take_while(|&c| !is_statement_end(c))
            .take(26)
            .collect();
        ["部门", "机关", "机构"].iter().any(|w| {
            after
                .find(w)
                .is_some_and(|at| after[..at].chars().count() <= 24)
        })
    })
}

/// Each query word's weight in the shares: the share of the index's articles that lack it
/// (`held[i]` is the share holding word `i`) raised to `rarity`, times its inverse frequency
/// among the pool's hits, ln(1 + hits / hits using it), raised to `spread` (both 0: every word
/// weighs 1), so that a word nearly every article uses (犬 in a family of dog regulations) says
/// little of which one is about the matter. When every word weighs 0 (each is in every
/// article), they weigh alike.
fn word_weights(hits: &[Hit], words: &[String], held: &[f32], params: &RankParams) -> Vec<f32> {
    let spread = spread_weights(hits, words, params.spread);
    let weights: Vec<f32> = spread
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if params.rarity == 0.0 {
                return *s;
            }
            let held = held.get(i).copied().unwrap_or(0.0).clamp(0.0, 1.0);
            s * (1.0 - held).powf(params.rarity)
        })
        .collect();
    if weights.iter().sum::<f32>() > 0.0 {
        weights
    } else {
        vec![1.0; words.len()]
    }
}

/// Each query word's inverse document frequency ln(1 + N/df) from the share of the index's
/// articles holding it, `held[i]` = df/N; a word no article holds as a term counts as rare as the
/// rarest that some article holds (1 when none is). Empty when the shares are not known.
fn inverse_frequencies(held: &[f32], words: usize) -> Vec<f32> {
    if held.len() != words {
        return Vec::new();
    }
    let idf: Vec<Option<f32>> = held
        .iter()
        .map(|&s| (s > 0.0).then(|| (1.0 + 1.0 / s.min(1.0)).ln()))
        .collect();
    let rarest = idf
        .iter()
        .flatten()
        .copied()
        .fold(None, |m: Option<f32>, x| Some(m.map_or(x, |m| m.max(x))));
    idf.into_iter()
        .map(|x| x.or(rarest).unwrap_or(1.0))
        .collect()
}

/// Each query word's inverse frequency among the pool's hits, ln(1 + hits / hits using it),
/// raised to `spread` (0: every word weighs 1).
fn spread_weights(hits: &[Hit], words: &[String], spread: f32) -> Vec<f32> {
    if spread == 0.0 {
        return vec![1.0; words.len()];
    }
    let n = hits.len() as f32;
    words
        .iter()
        .map(|w| {
            let df = hits.iter().filter(|h| h.text.contains(w.as_str())).count() as f32;
            (1.0 + n / df.max(1.0)).ln().powf(spread)
        })
        .collect()
}

/// The distinct characters of the query words, each weighted ln(1 + hits / hits using it): a
/// character every hit has (犬 among dog regulations, 政 among work rules) says nothing.
fn char_weights(hits: &[Hit], words: &[String]) -> Vec<(char, f32)> {
    let mut chars: Vec<char> = words.iter().flat_map(|w| w.chars()).collect();
    chars.sort_unstable();
    chars.dedup();
    let n = hits.len() as f32;
    chars
        .into_iter()
        .map(|c| {
            let df = hits.iter().filter(|h| h.text.contains(c)).count() as f32;
            (c, (1.0 + n / df.max(1.0)).ln() - std::f32::consts::LN_2)
        })
        .collect()
}

/// Mean first-stage relevance of `h`'s group-mates in other documents (0 for a mate outside
/// the pool).
fn mates_relevance(h: &Hit, g: &GroupTopic, relevance: &HashMap<(&str, u32), f32>) -> f32 {
    let mates: Vec<f32> = g
        .members
        .iter()
        .filter(|(d, _, _)| *d != h.doc.as_str())
        .map(|(d, n, _)| relevance.get(&(d.as_str(), *n)).copied().unwrap_or(0.0))
        .collect();
    if mates.is_empty() {
        0.0
    } else {
        mates.iter().sum::<f32>() / mates.len() as f32
    }
}

/// Second stage: an article *about* the searched matter names it in its opening sentence (its
/// subject: 区政府常务会议由…组成) and keeps coming back to it, while a passing mention sits in
/// one sentence of many or in a list of matters. Each hit's features are scored with `params`;
/// the order is then by that score. `groups[i]` is the clause group of `hits[i]`, when the group
/// topics are stored (missing entries count as none); `held[i]` is the share of the index's
/// articles that hold word `i` (for `rarity`). With `capture`, each hit with its features is
/// pushed there in the first stage's order (for rigs that weigh the features anew).
#[allow(clippy::too_many_arguments)]
pub(super) fn rerank(
    hits: &mut [Hit],
    words: &[String],
    parts: &[Vec<String>],
    held: &[f32],
    runs: &[Option<(String, String)>],
    kinds: &[String],
    terms: &[String],
    heads: &[bool],
    contexts: &[Vec<String>],
    params: &RankParams,
    groups: &[Option<Arc<GroupTopic>>],
    capture: Option<&mut Vec<(Hit, Features)>>,
) {
    let best = hits.iter().map(|h| h.score).fold(0.0f32, f32::max);
    if best <= 0.0 || words.is_empty() {
        return;
    }
    // The words that only name the kind asked for weigh nothing, when others are left.
    let mut naming = if params.kind_words {
        kind_naming(words, kinds)
    } else {
        vec![false; words.len()]
    };
    if params.duty != 0.0 {
        for (n, w) in naming.iter_mut().zip(words) {
            *n |= asks_duties(w);
        }
    }
    let mut weights = word_weights(hits, words, held, params);
    let mut idf = inverse_frequencies(held, words.len());
    if naming.iter().any(|n| !n) {
        for (i, _) in naming.iter().enumerate().filter(|(_, n)| **n) {
            weights[i] = 0.0;
            if let Some(x) = idf.get_mut(i) {
                *x = 0.0;
            }
        }
        if weights.iter().sum::<f32>() <= 0.0 {
            weights = naming.iter().map(|&n| if n { 0.0 } else { 1.0 }).collect();
        }
    }
    // A one-character word cut from a longer piece of the query weighs `piece_weight`.
    if params.piece_weight < 1.0 && weights.len() == contexts.len() {
        let scaled: Vec<f32> = weights
            .iter()
            .zip(contexts)
            .map(|(w, c)| {
                if c.is_empty() {
                    *w
                } else {
                    w * params.piece_weight.max(0.0)
                }
            })
            .collect();
        if scaled.iter().sum::<f32>() > 0.0 {
            weights = scaled;
            for (x, c) in idf.iter_mut().zip(contexts) {
                if !c.is_empty() {
                    *x *= params.piece_weight.max(0.0);
                }
            }
        }
    }
    let matter: String = words
        .iter()
        .zip(&naming)
        .filter(|(_, n)| !**n)
        .map(|(w, _)| w.as_str())
        .collect();
    let words = Words {
        words,
        parts,
        whole: (words.len() > 1).then(|| words.concat()),
        weights,
        idf,
        abbrev: params.abbrev_words,
        matter_words: naming.iter().filter(|n| !**n).count(),
        only_kind: !kinds.is_empty() && kind_naming(words, kinds).iter().all(|n| *n),
        matter,
        kinds,
        terms,
        abbrev_coverage: params.abbrev_coverage,
        mate_held: params.mate_held,
        pieces: 1.0 - params.whole.clamp(0.0, 1.0),
        term_words: terms
            .iter()
            .map(|t| {
                (0..words.len())
                    .filter(|&i| !naming[i] && t.contains(words[i].as_str()))
                    .collect::<Vec<usize>>()
            })
            .filter(|ws| ws.len() > 1)
            .collect(),
        defines_is: params.defines_is,
        runs: if params.glue_clause {
            runs.to_vec()
        } else {
            Vec::new()
        },
        chars: if params.chars == 0.0 && params.chars_missing == 0.0 {
            Vec::new()
        } else {
            char_weights(hits, words)
        },
        neighbour: params.neighbour,
        neighbour_min: params.neighbour_min,
        substitutes: if params.neighbour > 0.0 && params.neighbour_focus > 0.0 {
            substitutes(hits, words, groups, params)
        } else {
            Vec::new()
        },
        substitute_coverage: params.neighbour_coverage,
        heads: if params.list_head == 0.0 {
            Vec::new()
        } else {
            (0..words.len())
                .map(|i| {
                    let category =
                        !naming[i] && (!params.list_head_named || heads.get(i) == Some(&true));
                    if category { params.list_head } else { 0.0 }
                })
                .collect()
        },
        contexts: if params.piece < 1.0 {
            contexts.to_vec()
        } else {
            Vec::new()
        },
        piece: params.piece.clamp(0.0, 1.0),
        pairs_free: params.listed_pair,
        list_named: params.list_named.clamp(0.0, 1.0),
    };
    // First-stage relevance of every hit, for its group-mates' `group_hits` (only when weighed).
    let relevance: HashMap<(&str, u32), f32> = hits
        .iter()
        .filter(|_| params.group_hits != 0.0)
        .map(|h| {
            let r = (h.score / best).max(0.0).powf(params.bm25_power);
            ((h.doc.as_str(), h.article), r)
        })
        .collect();
    // Without stored topics no article has a group, and none is lone.
    let read = RankParams {
        lone: if groups.is_empty() { 0.0 } else { params.lone },
        ..*params
    };
    let mut feats: Vec<Features> = hits
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let group = groups.get(i).and_then(|g| g.as_deref());
            let mut f = features(h, best, &words, &read, group);
            f.group_hits = group.map_or(0.0, |g| mates_relevance(h, g, &relevance));
            f
        })
        .collect();
    if params.first_use != 0.0 {
        let matter: Vec<&str> = words
            .words
            .iter()
            .zip(&naming)
            .filter(|(_, n)| !**n)
            .map(|(w, _)| w.as_str())
            .collect();
        // When the query asks for a kind (a named type, or penalties), the first use among
        // the articles of that kind: the prohibition says 设置排污口 before its penalty does.
        let kind = feats.iter().any(|f| f.kind > 0.0);
        let eligible: Vec<bool> = feats.iter().map(|f| !kind || f.kind > 0.0).collect();
        let uses = first_uses(hits, &eligible, &matter, params);
        for (f, u) in feats.iter_mut().zip(uses) {
            f.first_use = u;
        }
    }
    let mut scores: Vec<f32> = feats.iter().map(|f| params.score(f)).collect();
    if params.lift != 0.0 || params.feedback != 0.0 || params.consensus != 0.0 {
        let first = scores.clone();
        if params.consensus != 0.0 {
            let penalties = params.lift_kind && words.asks_penalty_kind();
            for ((f, c), h) in feats
                .iter_mut()
                .zip(consensuses(hits, &first, groups, params))
                .zip(hits.iter())
            {
                if !penalties || is_penalty(h) {
                    f.consensus = c;
                }
            }
        }
        if params.lift != 0.0 {
            let penalties = params.lift_kind && words.asks_penalty_kind();
            // Which hits say the query's matter as written, not as a list item (`lift_said`).
            let said: Vec<bool> = if params.lift_said && words.matter.chars().count() >= 2 {
                hits.iter()
                    .map(|h| {
                        occurrences(&h.text, &words.matter)
                            .any(|(a, b)| !listed_in(&h.text, a, b, params.listed_pair))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            for ((f, l), h) in feats
                .iter_mut()
                .zip(lifts(hits, &first, groups, &said, params))
                .zip(hits.iter())
            {
                if !penalties || is_penalty(h) {
                    f.lift = l;
                }
            }
        }
        if params.feedback != 0.0 {
            let fed = fed_back(hits, &first, groups, words.words, params);
            for (f, b) in feats.iter_mut().zip(fed) {
                f.feedback = b;
            }
        }
        scores = feats.iter().map(|f| params.score(f)).collect();
    }
    if params.learned {
        for (s, f) in scores.iter_mut().zip(&feats) {
            *s = super::learn::LEARNED.score(f, *s);
        }
    }
    if let Some(c) = capture {
        for (h, f) in hits.iter().zip(&feats) {
            c.push((h.clone(), *f));
        }
    }
    for (h, s) in hits.iter_mut().zip(scores) {
        h.score = s;
    }
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
}

/// For each hit, 1 when no hit of its document before it (by article number) says the query's
/// matter and it does (`RankParams::first_use`): the words as one run, or with `anywhere` each
/// of them somewhere in its text; with `free`, only where a statement that is no list item
/// says them, not next to 、. Else 0. Nothing when the matter has no word.
/// With `first_use_modifier`, a use followed by 的 does not count. Only the `eligible` hits
/// are read.
/// Each query word's substitutes (`RankParams::neighbour_focus`): its nearest words in the
/// vectors at `neighbour_min` or more (with `neighbour_assoc`, its associated words too), neither
/// holding the other, kept when at least `neighbour_focus` of the pool's hits whose text says
/// them sit in one clause group (a hit without a group is a group of its own), each with its
/// credit, `neighbour` × its cosine (or association weight). Corpus-relative: the concentration is
/// read on the hits of the query, the groups on the alignment of the corpus.
fn substitutes(
    hits: &[Hit],
    words: &[String],
    groups: &[Option<Arc<GroupTopic>>],
    params: &RankParams,
) -> Vec<Vec<(String, f32)>> {
    // A group's identity: its address, or the hit's own place for an article without one.
    let group_id = |i: usize| -> (usize, usize) {
        match groups.get(i).and_then(|g| g.as_ref()) {
            Some(g) => (0, Arc::as_ptr(g) as usize),
            None => (1, i),
        }
    };
    let texts: Vec<(&str, (usize, usize))> = hits
        .iter()
        .enumerate()
        .map(|(i, h)| (h.text.as_str(), group_id(i)))
        .collect();
    words
        .iter()
        .map(|w| {
            let mut candidates: Vec<(String, f32)> = super::near::nearest(w, params.neighbour_k)
                .into_iter()
                .filter(|(_, cos)| *cos >= params.neighbour_min)
                .collect();
            if params.neighbour_assoc {
                candidates.extend(
                    crate::assoc::Associations::builtin_associated(w)
                        .into_iter()
                        .take(params.assoc_k),
                );
            }
            let mut kept: Vec<(String, f32)> = Vec::new();
            for (s, c) in candidates {
                if s.is_empty() || s.contains(w.as_str()) || w.contains(s.as_str()) {
                    continue;
                }
                if kept.iter().any(|(k, _)| *k == s)
                    || !concentrated(&texts, &s, params.neighbour_focus)
                {
                    continue;
                }
                kept.push((s, params.neighbour * c));
            }
            kept
        })
        .collect()
}

/// True when at least `focus` of the `texts` that say `word` share one group id (and one does).
fn concentrated<G: std::hash::Hash + Eq + Copy>(
    texts: &[(&str, G)],
    word: &str,
    focus: f32,
) -> bool {
    let mut counts: HashMap<G, usize> = HashMap::new();
    let mut holders = 0usize;
    for (text, id) in texts {
        if text.contains(word) {
            holders += 1;
            *counts.entry(*id).or_default() += 1;
        }
    }
    let most = counts.values().copied().max().unwrap_or(0);
    holders > 0 && most as f32 >= focus * holders as f32
}

fn first_uses(hits: &[Hit], eligible: &[bool], matter: &[&str], params: &RankParams) -> Vec<f32> {
    let articles: Vec<Placed> = hits
        .iter()
        .map(|h| {
            (
                h.doc.as_str(),
                (h.article, h.sub, h.occurrence),
                h.text.as_str(),
            )
        })
        .collect();
    first_uses_of(&articles, eligible, matter, params)
}

/// An article as `first_uses_of` reads it: its document, its place there (number, 之一, which
/// occurrence) and its text.
type Placed<'h> = (&'h str, (u32, u32, u32), &'h str);

/// [`first_uses`] over articles given by document, place and text.
fn first_uses_of(
    articles: &[Placed],
    eligible: &[bool],
    matter: &[&str],
    params: &RankParams,
) -> Vec<f32> {
    let (anywhere, free) = (params.first_use_words, params.first_use_free);
    let modifier = params.first_use_modifier;
    let mut uses = vec![0.0; articles.len()];
    if matter.is_empty() {
        return uses;
    }
    let run = matter.concat();
    let near = params.first_use_near;
    let counts = |s: &str, a: usize, b: usize| {
        let modifies = modifier && s[b..].starts_with('的');
        let listed = free && listed_in(s, a, b, params.listed_pair);
        !modifies && !listed
    };
    // The stretches of `s` where the matter is said: the run, or with `first_use_near` the
    // words together in one clause.
    let spans = |s: &str| -> Vec<(usize, usize)> {
        let mut found: Vec<(usize, usize)> = occurrences(s, &run).collect();
        if near > 0 && matter.len() > 1 {
            found.extend(said_together(s, matter, near));
        }
        found
    };
    let in_text = |text: &str, needle: &str| {
        if !free {
            return occurrences(text, needle).any(|(a, b)| counts(text, a, b));
        }
        statement_spans(text)
            .into_iter()
            .map(|s| &text[s])
            .filter(|s| !is_item(s))
            .any(|s| occurrences(s, needle).any(|(a, b)| counts(s, a, b)))
    };
    let says = |text: &str| {
        if anywhere {
            matter.iter().all(|w| in_text(text, w))
        } else if !free {
            spans(text).into_iter().any(|(a, b)| counts(text, a, b))
        } else {
            statement_spans(text)
                .into_iter()
                .map(|s| &text[s])
                .filter(|s| !is_item(s))
                .any(|s| spans(s).into_iter().any(|(a, b)| counts(s, a, b)))
        }
    };
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, (doc, place, _)) in articles
        .iter()
        .enumerate()
        .filter(|(i, a)| eligible.get(*i) == Some(&true) && says(a.2))
    {
        first
            .entry(doc)
            .and_modify(|j| {
                if *place < articles[*j].1 {
                    *j = i;
                }
            })
            .or_insert(i);
    }
    for i in first.into_values() {
        uses[i] = 1.0;
    }
    uses
}

/// The stretches of `text` where one clause says every word of `words`, in any order, with at
/// most `gap` characters between them in all: per clause, the shortest stretch holding an
/// occurrence of each word (作出强制隔离戒毒的决定 holds 强制, 隔离, 戒毒, 决定 with one character
/// between). Byte ranges into `text`.
fn said_together(text: &str, words: &[&str], gap: usize) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start = 0;
    for clause in text.split_inclusive(|c: char| ENUMERATION_ENDS.contains(c)) {
        let base = start;
        start += clause.len();
        // Every occurrence of every word in the clause, by position.
        let mut hits: Vec<(usize, usize, usize)> = words
            .iter()
            .enumerate()
            .flat_map(|(w, word)| occurrences(clause, word).map(move |(a, b)| (a, b, w)))
            .collect();
        if hits.is_empty() {
            continue;
        }
        hits.sort_unstable();
        let chars: usize = words.iter().map(|w| w.chars().count()).sum();
        let mut best: Option<(usize, usize, usize)> = None;
        for i in 0..hits.len() {
            let mut seen = vec![false; words.len()];
            let mut end = hits[i].1;
            for h in &hits[i..] {
                seen[h.2] = true;
                end = end.max(h.1);
                if seen.iter().all(|s| *s) {
                    let span = clause[hits[i].0..end].chars().count();
                    if best.is_none_or(|(_, _, c)| span < c) {
                        best = Some((hits[i].0, end, span));
                    }
                    break;
                }
            }
        }
        if let Some((a, b, span)) = best
            && span <= chars + gap
        {
            found.push((base + a, base + b));
        }
    }
    found
}

/// Each article's best first score among the hits (an article may be hit by several passages).
fn best_first_by_article<'h>(hits: &'h [Hit], first: &[f32]) -> HashMap<(&'h str, u32), f32> {
    let mut by_key: HashMap<(&str, u32), f32> = HashMap::new();
    for (h, s) in hits.iter().zip(first) {
        let e = by_key.entry((h.doc.as_str(), h.article)).or_insert(*s);
        *e = e.max(*s);
    }
    by_key
}

/// The best first score of another article of `h`'s own document in its clause group `g` (0
/// when none is in the pool): the counterpart the other documents' strong members stand for
/// when it outscores `h`.
fn own_best(g: &GroupTopic, h: &Hit, by_key: &HashMap<(&str, u32), f32>) -> f32 {
    g.members
        .iter()
        .filter(|(d, n, _)| *d == h.doc.as_str() && *n != h.article)
        .filter_map(|(d, n, _)| by_key.get(&(d.as_str(), *n)).copied())
        .fold(0.0f32, f32::max)
}

/// For each hit, how far its first score (`first`) lies below that of its strongest
/// counterpart in another document (the counterparts' mean with `lift_mean`, a counterpart
/// outside the pool counting 0), when that reaches `lift_min` of the best first score; else 0.
/// With `said` (per hit, whether it says the query's matter as written; empty: not read), an
/// article that does not is not lifted when another article of its document does.
fn lifts(
    hits: &[Hit],
    first: &[f32],
    groups: &[Option<Arc<GroupTopic>>],
    said: &[bool],
    params: &RankParams,
) -> Vec<f32> {
    let top = first.iter().copied().fold(0.0f32, f32::max);
    let by_key = best_first_by_article(hits, first);
    hits.iter()
        .enumerate()
        .map(|(i, h)| {
            let Some(g) = groups.get(i).and_then(|g| g.as_deref()) else {
                return 0.0;
            };
            let mates: Vec<f32> = g
                .members
                .iter()
                .filter(|(d, _, _)| *d != h.doc.as_str())
                .map(|(d, n, _)| by_key.get(&(d.as_str(), *n)).copied().unwrap_or(0.0))
                .collect();
            if mates.is_empty() || top <= 0.0 {
                return 0.0;
            }
            let elsewhere = || {
                hits.iter()
                    .enumerate()
                    .any(|(j, o)| j != i && o.doc == h.doc && said.get(j) == Some(&true))
            };
            if said.get(i) == Some(&false) && elsewhere() {
                return 0.0;
            }
            let strength = if params.lift_mean {
                mates.iter().sum::<f32>() / mates.len() as f32
            } else {
                mates.iter().copied().fold(0.0f32, f32::max)
            };
            if strength < params.lift_min * top {
                return 0.0;
            }
            // One counterpart per document: another article of this document in the group
            // scoring higher is the one the strong mates stand for.
            let own_best = own_best(g, h, &by_key);
            if params.lift_one && own_best > first[i] {
                return 0.0;
            }
            (strength - first[i]).max(0.0)
        })
        .collect()
}

/// For each hit, how strongly the first scoring (`first`) finds its clause group in the other
/// documents (`RankParams::consensus`): per other document of the group, the best first score of
/// its members relative to the best hit (0 outside the pool, or below `consensus_min`), then
/// their mean, or the `consensus_rank`-th strongest. 0 for an article with no group, or one
/// that another member of its own document outscores.
fn consensuses(
    hits: &[Hit],
    first: &[f32],
    groups: &[Option<Arc<GroupTopic>>],
    params: &RankParams,
) -> Vec<f32> {
    let top = first.iter().copied().fold(0.0f32, f32::max);
    let by_key = best_first_by_article(hits, first);
    hits.iter()
        .enumerate()
        .map(|(i, h)| {
            let Some(g) = groups.get(i).and_then(|g| g.as_deref()) else {
                return 0.0;
            };
            if top <= 0.0 {
                return 0.0;
            }
            let own_best = own_best(g, h, &by_key);
            if own_best > first[i] {
                return 0.0;
            }
            let mut per_doc: HashMap<&str, f32> = HashMap::new();
            for (d, n, _) in g.members.iter().filter(|(d, _, _)| *d != h.doc.as_str()) {
                let s = by_key.get(&(d.as_str(), *n)).copied().unwrap_or(0.0) / top;
                let s = if s < params.consensus_min { 0.0 } else { s };
                let e = per_doc.entry(d.as_str()).or_insert(0.0);
                *e = e.max(s);
            }
            if per_doc.is_empty() {
                return 0.0;
            }
            let mut strengths: Vec<f32> = per_doc.into_values().collect();
            if params.consensus_rank == 0 {
                strengths.iter().sum::<f32>() / strengths.len() as f32
            } else {
                strengths.sort_by(|a, b| b.total_cmp(a));
                strengths
                    .get(params.consensus_rank - 1)
                    .copied()
                    .unwrap_or(0.0)
            }
        })
        .collect()
}

/// The distinct pairs of adjacent characters of `text` that are neither punctuation nor
/// blanks.
fn char_pairs(text: &str) -> std::collections::HashSet<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .filter(|w| {
            w.iter()
                .all(|c| c.is_alphabetic() && !crate::text::chars::is_cjk_punct(*c))
        })
        .map(|w| w.iter().collect())
        .collect()
}

/// For each hit, the weighted share in its opening of the character pairs the best hits'
/// openings share (`RankParams::feedback`): pairs said by at least half, and at least two, of
/// the openings of the `feedback_top` best first scores in distinct documents (or of the best
/// hit's clause group, `feedback_group`), none inside a query word, each weighing by the share
/// of the pool's openings that lack it.
fn fed_back(
    hits: &[Hit],
    first: &[f32],
    groups: &[Option<Arc<GroupTopic>>],
    words: &[String],
    params: &RankParams,
) -> Vec<f32> {
    let openings: Vec<&str> = hits
        .iter()
        .map(|h| super::topics::opening(&h.text))
        .collect();
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_by(|&a, &b| first[b].total_cmp(&first[a]));
    let sources: Vec<&str> = if params.feedback_group {
        order
            .first()
            .and_then(|&i| groups.get(i).and_then(|g| g.as_deref()))
            .map_or_else(Vec::new, |g| {
                g.members.iter().map(|(_, _, o)| o.as_str()).collect()
            })
    } else {
        let mut docs: Vec<&str> = Vec::new();
        let mut chosen = Vec::new();
        for &i in &order {
            if chosen.len() >= params.feedback_top {
                break;
            }
            if !docs.contains(&hits[i].doc.as_str()) {
                docs.push(hits[i].doc.as_str());
                chosen.push(openings[i]);
            }
        }
        chosen
    };
    if sources.len() < 2 {
        return vec![0.0; hits.len()];
    }
    let needed = sources.len().div_ceil(2).max(2);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for s in &sources {
        for p in char_pairs(s) {
            *counts.entry(p).or_insert(0) += 1;
        }
    }
    let pool: Vec<std::collections::HashSet<String>> =
        openings.iter().map(|o| char_pairs(o)).collect();
    let shared: Vec<(String, f32)> = counts
        .into_iter()
        .filter(|(p, n)| *n >= needed && !words.iter().any(|w| w.contains(p.as_str())))
        .map(|(p, _)| {
            let df = pool.iter().filter(|o| o.contains(&p)).count();
            let w = 1.0 - df as f32 / pool.len().max(1) as f32;
            (p, w)
        })
        .collect();
    let total: f32 = shared.iter().map(|(_, w)| w).sum();
    if total <= 0.0 {
        return vec![0.0; hits.len()];
    }
    pool.iter()
        .map(|o| {
            shared
                .iter()
                .filter(|(p, _)| o.contains(p))
                .map(|(_, w)| w)
                .sum::<f32>()
                / total
        })
        .collect()
}

/// Without an index: the articles of `docs` that contain the query's words, best first; each
/// word found adds its inverse document frequency, so rare words weigh more than 区政府. The
/// stand-in for a search when there is no index (`guize compare WORDS`).
pub fn rank_articles<'c>(
    docs: &'c [Regulation],
    query: &str,
) -> Vec<(f32, &'c Regulation, &'c Article)> {
    let mut terms: Vec<&str> = Segmenter::global()
        .tokens(query)
        .into_iter()
        .map(|t| t.text.trim())
        .filter(|t| !t.is_empty() && !is_punct(t))
        .collect();
    terms.sort_unstable();
    terms.dedup();
    let articles: Vec<(&Regulation, &Article)> = docs
        .iter()
        .flat_map(|d| d.articles.iter().map(move |a| (d, a)))
        .collect();
    let n = articles.len() as f32;
    let weights: Vec<f32> = terms
        .iter()
        .map(|t| {
            let df = articles.iter().filter(|(_, a)| a.norm.contains(t)).count();
            if df == 0 {
                0.0
            } else {
                (1.0 + n / df as f32).ln()
            }
        })
        .collect();
    let mut ranked: Vec<(f32, &Regulation, &Article)> = articles
        .into_iter()
        .map(|(d, a)| {
            let score = terms
                .iter()
                .zip(&weights)
                .filter(|(t, _)| a.norm.contains(**t))
                .map(|(_, w)| w)
                .sum();
            (score, d, a)
        })
        .filter(|(s, _, _)| *s > 0.0)
        .collect();
    // Stable sort keeps corpus and article order among equal scores.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_cut_from_a_longer_piece_of_the_query_has_its_runs_there() {
        let w = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<String>>();
        assert_eq!(
            piece_contexts(&w(&["全民", "健身", "日"]), &w(&["全民健身日"])),
            vec![Vec::<String>::new(), Vec::new(), w(&["身日"])]
        );
        assert_eq!(
            piece_contexts(&w(&["犬", "只", "收容"]), &w(&["犬只收容"])),
            vec![w(&["犬只"]), w(&["犬只", "只收"]), Vec::new()]
        );
        // Asked for alone, a character is a word of its own.
        assert_eq!(
            piece_contexts(&w(&["犬", "登记"]), &w(&["犬", "登记"])),
            vec![Vec::<String>::new(), Vec::new()]
        );
    }

    #[test]
    fn the_first_free_use_of_the_matter_in_a_document_is_marked() {
        let hit = |doc: &'static str, n: u32, text: &'static str| (doc, (n, 0, 1), text);
        let hits = vec![
            hit("a", 9, "对预算调整方案重点审查下列内容。"),
            hit("a", 7, "市人民政府应当编制预算调整方案。"),
            hit("a", 3, "（二）预算调整方案；"),
            hit("a", 2, "预算调整方案的审查，由财经委员会负责。"),
            hit("b", 5, "预算、调整方案。"),
            hit("b", 8, "提请审查预算调整方案。"),
        ];
        let params = RankParams::default();
        let all = vec![true; hits.len()];
        let matter = ["预算", "调整", "方案"];
        // An item (a 3) and a modifier (a 2) are no first use; b's 5 says the words apart.
        assert_eq!(
            first_uses_of(&hits, &all, &matter, &params),
            vec![0.0, 1.0, 0.0, 0.0, 0.0, 1.0]
        );
        // Read as written, a list's item and a modifier count.
        let loose = RankParams {
            first_use_free: false,
            first_use_modifier: false,
            ..params
        };
        assert_eq!(
            first_uses_of(&hits, &all, &matter, &loose),
            vec![0.0, 0.0, 0.0, 1.0, 0.0, 1.0]
        );
        // Only the eligible hits (the kind asked for) are read.
        let later = [true, false, true, true, true, true];
        assert_eq!(
            first_uses_of(&hits, &later, &matter, &params),
            vec![1.0, 0.0, 0.0, 0.0, 0.0, 1.0]
        );
    }

    #[test]
    fn a_substitute_counts_only_when_concentrated_in_one_group() {
        // 标志 is said by the three articles of group 1: a word of that matter.
        let texts = [
            ("志愿服务标志的使用", 1),
            ("使用志愿服务标志", 1),
            ("标志由市民政部门发布", 1),
            ("志愿者的权利", 2),
            ("志愿服务组织应当", 3),
        ];
        assert!(concentrated(&texts, "标志", 0.6));
        // 志愿 is said across three groups: a topical word of the family, not of a matter.
        assert!(!concentrated(&texts, "志愿", 0.6));
        assert!(concentrated(&texts, "志愿", 0.5));
        // A word no text says is no substitute.
        assert!(!concentrated(&texts, "激励", 0.1));
    }

    #[test]
    fn a_step_span_is_blanked_out() {
        let words = vec!["移交".to_string(), "登记".to_string()];
        assert_eq!(
            without_steps("配建学校移交前由建设单位负责", &words),
            "配建学校□□前由建设单位负责"
        );
        assert_eq!(
            without_steps("养犬人发生变更的，应当办理变更登记", &words),
            "□□□□□□□□，应当办理变更登记"
        );
        // A 的 that ends no clause, and a word followed by neither 前 nor 后, stay.
        assert_eq!(
            without_steps("实行养犬登记制度。登记的材料", &words),
            "实行养犬登记制度。登记的材料"
        );
    }

    #[test]
    fn a_lead_in_opening_is_read_with_its_first_item() {
        let of = |text: &str| {
            let statements: Vec<&str> = statement_spans(text)
                .into_iter()
                .map(|s| &text[s])
                .filter(|s| !s.trim().is_empty())
                .collect();
            lead_in_and_item(&statements)
        };
        assert_eq!(
            of("禁止从事下列行为：\n（一）发布烟草广告；\n（二）其他。").as_deref(),
            Some("禁止从事下列行为（一）发布烟草广告")
        );
        // Not a lead-in, or nothing after it.
        assert_eq!(of("鼓励投保电梯安全责任保险。其他。"), None);
        assert_eq!(of("应当遵守下列规定："), None);
    }

    #[test]
    fn a_lead_in_opens_a_list_and_a_bound_does_not() {
        assert!(opens_list("生活垃圾处理单位应当遵守下列规定："));
        assert!(opens_list(
            "实施教育督导可以采取以下方式（一）听取被督导单位的情况汇报"
        ));
        // 以下 of a bound on a sum, and 下列 with the clause ended before any colon.
        assert!(!opens_list(
            "处二万元以上十万元以下罚款；情节严重的，处十万元以下罚款。"
        ));
        assert!(!opens_list("有关部门按照下列规定的职责，做好相关工作。"));
    }

    #[test]
    fn a_compound_is_named_by_the_list_spelling_out_its_last_part() {
        let parts = ["申请".to_string(), "材料".to_string()];
        let named = |passage: &str| named_by_list(passage, "申请材料", &parts);
        // 北京市法律援助条例 第十八条, 河南 第十八条, 浙江 第十五条 (lawrefbook).
        assert!(named("申请法律援助应当提供下列材料："));
        assert!(named(
            "申请人应当如实提交以下材料：（一）本人有效的身份证明"
        ));
        assert!(named(
            "申请法律援助，应当向法律援助机构提出书面申请，并提交下列证明、材料："
        ));
        // The other part in another statement, the head not right before the list, a bound.
        assert!(!named("申请法律援助应当书面提出。应当提交下列材料："));
        assert!(!named("申请人应当提交下列有关身份的证明："));
        assert!(!named("申请人提供的材料以下简称申请材料，"));
        // A word with no part before its head, or a head of one character.
        assert!(!named_by_list(
            "应当提交下列材料：",
            "材料",
            &["材料".to_string()]
        ));
        assert!(!named_by_list(
            "申请人应当提交下列表：",
            "申请表",
            &["申请".to_string(), "表".to_string()]
        ));
    }
    #[test]
    fn two_acts_joined_by_a_list_mark_are_a_pair_and_three_items_a_list() {
        let at = |text: &str, word: &str| {
            let a = text.find(word).expect("word in text");
            (a, a + word.len())
        };
        let text = "开展建设工程消防设计审查、验收。";
        let (a, b) = at(text, "审查");
        assert!(is_listed(text, a, b));
        assert!(in_pair(text, a, b));
        assert!(!listed_in(text, a, b, true));
        assert!(listed_in(text, a, b, false));
        // Three members, by two marks or by a conjunction after the one mark.
        for text in [
            "实行全体会议、常务会议、区长办公会议制度",
            "实行全体会议、常务会议和区长办公会议制度",
        ] {
            let (a, b) = at(text, "常务会议");
            assert!(!in_pair(text, a, b), "{text}");
            assert!(listed_in(text, a, b, true), "{text}");
        }
        // A mark in another clause does not make a pair of this one.
        let text = "需要设置、调整的，应当设置专门区域";
        let (a, b) = at(text, "设置专门");
        assert!(!in_pair(text, a, b + "区域".len()));
    }

    #[test]
    fn the_words_of_a_query_said_together_in_one_clause() {
        let words = ["强制", "隔离", "戒毒", "决定"];
        let text = "由公安机关作出强制隔离戒毒的决定。强制隔离戒毒人员，由决定机关送交。";
        let found = said_together(text, &words, 2);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].0..found[0].1], "强制隔离戒毒的决定");
        // One character between them in all: not within a gap of 0.
        assert!(said_together(text, &words, 0).is_empty());
        // Any order: 交存专项维修资金 says 专项维修资金交存.
        let text = "业主应当按照规定足额交存专项维修资金。";
        let found = said_together(text, &["专项", "维修", "资金", "交存"], 2);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].0..found[0].1], "交存专项维修资金");
    }

    #[test]
    fn an_actor_stands_before_its_first_verb() {
        assert_eq!(
            actor_of("市人民政府负责组织领导全市扬尘污染防治工作"),
            Some("市人民政府")
        );
        assert_eq!(
            actor_of("市、县人民政府其他有关部门按照下列职责分工，做好监督管理工作"),
            Some("市、县人民政府其他有关部门")
        );
        assert_eq!(
            actor_of("饮用水水源所在地县级人民政府应当加强领导"),
            Some("饮用水水源所在地县级人民政府")
        );
        assert_eq!(actor_of("本条例自2020年1月1日起施行"), None);
        assert_eq!(actor_of("应当遵守下列规定"), None);
        let long = "甲".repeat(ACTOR_CHARS + 1) + "应当";
        assert_eq!(actor_of(&long), None);
    }

    #[test]
    fn a_duty_is_given_to_a_body_before_its_modal_verb() {
        assert_eq!(
            duty_subject("市人民政府及其财政等部门应当贯彻预算法和有关法律、法规"),
            Some("市人民政府及其财政等部门")
        );
        assert_eq!(
            duty_subject("县级以上精神文明建设指导机构负责本行政区域内志愿服务工作"),
            Some("县级以上精神文明建设指导机构")
        );
        // A subject that is no body, a statement giving no duty, a subject too long.
        assert_eq!(duty_subject("志愿服务组织应当履行下列职责"), None);
        assert_eq!(
            duty_subject("各级人民政府可以通过购买公共服务的方式支持志愿服务"),
            None
        );
        let long = "部门".repeat(ACTOR_CHARS) + "应当";
        assert_eq!(duty_subject(&long), None);
        assert!(is_item("（一）制定志愿服务计划"));
        assert!(is_item("三、审查预算草案"));
        assert!(!is_item("市人民政府应当"));
    }

    #[test]
    fn a_query_asks_for_duties_by_its_words() {
        let q =
            |ws: &[&str]| asks_for_duties(&ws.iter().map(|w| w.to_string()).collect::<Vec<_>>());
        assert!(q(&["政府", "职责"]));
        assert!(q(&["预算", "审查", "监督", "职责", "分工"]));
        assert!(q(&["政府", "节水", "责任"]));
        assert!(!q(&["法律责任"]));
        assert!(!q(&["违法", "责任"]));
        assert!(!q(&["主管部门"]));
    }

    #[test]
    fn a_definition_names_its_term() {
        assert_eq!(
            definiendum("（二）物业使用人，是指物业的承租人", false),
            Some("物业使用人")
        );
        assert_eq!(
            definiendum("本条例所称“最终用户”是指接受服务的用户", false),
            Some("最终用户")
        );
        assert_eq!(
            definiendum("三、业主组织，包括业主大会", false),
            Some("业主组织")
        );
        assert_eq!(definiendum("建设单位应当制定临时管理规约", false), None);
        // With `is`, a statement opening with its subject and 是 defines it too.
        assert_eq!(
            definiendum("血站是不以营利为目的的公益性组织", true),
            Some("血站")
        );
        assert_eq!(definiendum("血站是不以营利为目的的公益性组织", false), None);
        assert_eq!(
            definiendum("（二）物业使用人，是指物业的承租人", true),
            Some("物业使用人")
        );
        // What stands before 是指 is too long to be a term.
        assert_eq!(
            definiendum(
                "在物业管理区域内显著位置公告或者公示以及其他各类通知送达等事项，是指",
                false
            ),
            None
        );
    }

    #[test]
    fn a_word_is_spelt_out_with_up_to_its_allowance_per_character() {
        let found = |text: &str, extra: f32| !spelt_out(text, "占道", extra).is_empty();
        // 占用城市道路: three characters between 占 and 道.
        assert!(found("不得擅自占用城市道路设摊经营", 1.5));
        assert!(!found("不得擅自占用城市道路设摊经营", 1.0));
        assert!(found("占用道路", 1.0));
        // Never across punctuation, nor beyond the allowance.
        assert!(!found("占用，道路", 1.5));
        assert!(!found("占用人行天桥通道", 1.5));
    }

    #[test]
    fn a_bound_applies_to_its_own_clause() {
        let clauses = bounded_clauses(
            "供热企业应当保证采暖期内用户卧室、起居室的温度不低于十八摄氏度。供用热合同另有约定的，从其约定。",
        );
        assert_eq!(clauses, vec!["起居室的温度不"]);
        assert_eq!(bounded_clauses("室温，不低于18摄氏度"), vec!["室温，不"]);
        assert_eq!(
            bounded_clauses("办理时限不超过三个工作日"),
            vec!["办理时限不"]
        );
        assert!(bounded_clauses("温度低于18℃的，应当退费").is_empty());
        assert!(bounded_clauses("不得超过规定的标准").is_empty());
    }

    #[test]
    fn a_bound_on_a_number_is_a_figure() {
        assert!(bounds_a_number("采暖期内用户室内供热温度不得低于18℃"));
        assert!(bounds_a_number("室温，不低于18摄氏度"));
        assert!(bounds_a_number("办理时限不超过三个工作日"));
        assert!(!bounds_a_number("将计量器具置于被测房间中央距离地面一米处"));
        assert!(!bounds_a_number("温度低于18℃的，应当退费"));
        assert!(!bounds_a_number("不得超过规定的标准"));
    }

    #[test]
    fn an_authority_is_named_within_one_sentence() {
        assert!(by_an_authority("由城管执法部门责令改正"));
        assert!(by_an_authority("违反本条例规定的，由公安机关处五百元罚款"));
        assert!(!by_an_authority("由此造成的损失。相关部门应当"));
        assert!(!by_an_authority(
            "由个人自行承担，不得以任何形式向其他人员或者单位转嫁给有关的管理部门"
        ));
    }

    #[test]
    fn a_word_every_article_holds_weighs_nothing_and_all_such_weigh_alike() {
        let words = vec!["犬".to_string(), "只".to_string(), "收容".to_string()];
        let params = RankParams::default();
        let w = word_weights(&[], &words, &[1.0, 0.9, 0.1], &params);
        assert_eq!(w[0], 0.0);
        assert!(
            (w[1] - 0.1).abs() < 1e-6 && (w[2] - 0.9).abs() < 1e-6,
            "{w:?}"
        );
        // Every word in every article: no word says more than another.
        assert_eq!(
            word_weights(&[], &words, &[1.0, 1.0, 1.0], &params),
            [1.0; 3]
        );
        // Rarity off: alike, whatever the shares.
        let off = RankParams {
            rarity: 0.0,
            ..params
        };
        assert_eq!(word_weights(&[], &words, &[1.0, 0.9, 0.1], &off), [1.0; 3]);
        // A share missing (no index terms looked up) counts as no article holding it.
        assert_eq!(word_weights(&[], &words, &[], &params), [1.0; 3]);
    }
}
