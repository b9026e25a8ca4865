//! Which clause of each document corresponds to which: parsed regulations in, clause groups out.
//! Deterministic; group ids derive from their members. rayon is used here only, around pure steps.

pub mod anchor;
pub mod bracket;
pub mod bridge;
mod candidates;
pub mod choice;
mod cluster;
pub mod conduct;
pub mod eval;
pub mod evidence;
pub mod far;
mod features;
pub mod fuse;
mod group;
pub mod halves;
pub mod kin;
mod label;
pub mod learned;
pub mod matter;
pub mod merge;
pub mod minor;
pub mod offence;
mod order;
pub mod paras;
mod parts;
pub mod pieces;
pub mod restore;
pub mod select;
pub mod sequence;
pub mod sibling;
mod similarity;
mod space;
mod timings;
mod titles;
pub mod transit;
pub mod twins;
pub mod types;
pub mod umbrella;
pub mod weak;
pub(crate) mod xref;

use crate::cite::ArticleKey;
use crate::model::{DocId, Regulation};
use crate::segment::Segmenter;
use crate::text::fold::fold_han;
pub use candidates::CandidateLimits;
pub use cluster::ClusterParams;
use cluster::Scored;
use features::{Counts, Vocab, bigrams, is_content_word};
/// The standard article types of an article's normalised text, for the studies of `examples/`.
pub use label::all_article_types;
/// The standard article types, for the search index (`crate::index`).
pub(crate) use label::{ARTICLE_TYPES, article_kinds, kind_names};
/// The words that mark a verb (应当, 依法 …) and an action named as a noun (的, 进行 …) before a
/// word, for mining `corpus/verb-uses.tsv` (`examples/mine_verbs.rs`).
pub use label::{LabelParams, NOMINAL_MARKERS, PREDICATE_MARKERS};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
pub use similarity::{RankMiss, RankScore, Similarities, rank, rank_with_misses, similarities};
pub use space::SimWeights;
use space::{Space, Unit};
use std::borrow::Cow;
use std::collections::BTreeMap;
use timings::Stopwatch;
pub use timings::{StepTime, Timings, peak_memory, process_cpu};

/// Below this score a group of several documents is weak, and `compare` says so in its legend.
/// Measured over the sixteen annotated dev families (their groups of several documents, links
/// counted against the golds): of 20 links in groups scoring under 0.10, 4 are right; of 149 at
/// 0.10–0.15, 108; at every higher band of 0.05, from 65% to 85%. The reviewers' groups of
/// unrelated articles on families nobody annotated scored 0.02–0.09.
pub const WEAK_SCORE: f32 = 0.10;

/// Whether a group of `documents` documents scoring `score` is weak: several documents (a lone
/// article scores 0 and is no claim) under [`WEAK_SCORE`]. The one test `align` (table, CSV,
/// JSON) and `compare` (its legend) mark a weak group by.
pub fn is_weak(documents: usize, score: f32) -> bool {
    documents >= 2 && score < WEAK_SCORE
}

/// What a weak group's score says and what to do with one, as every output that marks one
/// explains it.
pub fn weak_meaning() -> String {
    format!(
        "on the annotated families most links of groups scoring under {WEAK_SCORE:.2} join \
         different matters, so read each column before taking them as one"
    )
}

/// Serde's default of [`Params::xref_tiers`].
fn tiers_read() -> bool {
    true
}

/// Equivalent articles of several documents (several consecutive articles of one document allowed).
/// Serde-derivable both ways: the derived-data cache ([`crate::index::cache`]) stores it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    /// Stable id derived from the members.
    pub id: String,
    /// Short readable label from the group's distinctive terms (常务会议·组成·任务).
    pub label: String,
    /// Confidence in [0, 1]: the mean similarity of the group's articles from different documents
    /// (0 for an article that has no counterpart).
    pub score: f32,
    /// Article numbers per document, ascending.
    pub members: BTreeMap<DocId, Vec<u32>>,
    /// For a document with an inserted article (第十七条之一) among its members: the 之一 of each
    /// of its `members`, in their order (0 for an article not inserted), so that 第十七条 and
    /// 第十七条之一 stay apart. Documents without one are not listed (most groups: empty).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub subs: BTreeMap<DocId, Vec<u32>>,
    /// For a document that repeats an article number among its members (第三条 and 第三条#2):
    /// which occurrence each of its `members` is, in their order (1 for the first), so that
    /// the two stay apart. Documents without a repeated number are not listed (most groups:
    /// empty).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub occurrences: BTreeMap<DocId, Vec<u32>>,
    /// How the members of different documents correspond, pair by pair: each article's best
    /// counterpart in each other document of the group, with the coverage both ways and the
    /// matched paragraphs ("历下 38 covers 市中 51 and 52"). Strongest first, at most
    /// [`MAX_GROUP_LINKS`] per group.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Articles of documents outside the group that regulate its matter in part: a paragraph of
    /// a broader article, grouped elsewhere, that matches the group's members (历下 第七十三条's
    /// 请销假 paragraph in the leave group). Strongest first; a document listed here is not one
    /// that lacks the matter.
    #[serde(default)]
    pub partial: Vec<Partial>,
    /// For a group that `sibling` fused from neighbouring groups (off by default): the finer
    /// groups it was fused from, in reading order, each with the label it had before. The group's
    /// label takes its parts' terms in turn (the largest part's first), so that it names every
    /// matter fused; the search reads the parts (`index::topics`), so that a fused group's
    /// members do not all answer for one matter. Empty for every other group. An article `far`
    /// joined (on) names no part: it is listed in the part of the member its strongest vote
    /// went to, whose label was read without it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<GroupPart>,
    /// The group is one article that only notes its deletion (`第十条 删除`, `（本条删除）`:
    /// [`crate::model::is_placeholder`]): no provision, linked to nothing, labelled `（已删除）`;
    /// the report and the list of one document's matters leave it out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

/// One of the finer groups a fused group was made of (see [`Group::parts`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupPart {
    /// Its label, as the alignment without the fusion names it.
    pub label: String,
    /// Article numbers per document, ascending.
    pub members: BTreeMap<DocId, Vec<u32>>,
}

/// An article that holds a group's matter in some of its paragraphs, though it sits in another
/// group (see [`Group::partial`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Partial {
    /// The document holding the matter in part, and its article (in another group) whose
    /// paragraphs hold it. Flattened: the JSON names `doc`, `article`, `sub` and `occurrence`
    /// beside the fields below, as a [`Link`]'s sides do.
    #[serde(flatten)]
    pub article: DocArticle,
    /// The paragraphs (indices into `Article::paragraphs`) that match the group.
    pub paragraphs: Vec<usize>,
    /// Mean bigram cosine of those paragraphs to their best match in each matching document of
    /// the group, in [0, 1].
    pub similarity: f32,
    /// How many of the group's documents hold a paragraph that matches.
    pub matches: usize,
}

/// Most links kept per group (a template clause shared by hundreds of documents has far more).
pub const MAX_GROUP_LINKS: usize = 256;

/// One article of one document, named as the group's members are: its number, and beside it the
/// 之一 of an inserted article and which of several articles with that number it is (so the
/// second 第三条 is `3#2` here too, never the first).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocArticle {
    /// The document.
    pub doc: DocId,
    /// The article's number.
    pub article: u32,
    /// The 之一 of an inserted article (第十七条之一 → 1); 0 (and left out) for the others.
    #[serde(default, skip_serializing_if = "crate::cite::is_zero")]
    pub sub: u32,
    /// Which article of that number and sub it is when the document repeats it (2 for
    /// 第三条#2); left out for the first.
    #[serde(default, skip_serializing_if = "crate::cite::is_first")]
    pub occurrence: u32,
}

impl DocArticle {
    /// `doc`'s article `article`, named by its key.
    pub fn of(doc: &DocId, article: &crate::model::Article) -> DocArticle {
        let key = article.key();
        DocArticle {
            doc: doc.clone(),
            article: key.number,
            sub: key.sub,
            occurrence: key.occurrence,
        }
    }

    /// The article's key in its document.
    pub fn key(&self) -> ArticleKey {
        ArticleKey::with_occurrence(self.article, self.sub, self.occurrence)
    }
}

/// Two articles of different documents in one group and how much of each the other holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Link {
    /// The article of the document that comes first in the aligned order.
    pub a: DocArticle,
    /// The article of the other document.
    pub b: DocArticle,
    /// Content similarity in [0, 1] (word and character-bigram cosines).
    pub similarity: f32,
    /// Share of `a`'s weighted wording (words and bigrams) that reappears in `b`, in [0, 1].
    pub coverage_a: f32,
    /// Share of `b`'s weighted wording that reappears in `a`, in [0, 1].
    pub coverage_b: f32,
    /// Paragraphs (indices into `Article::paragraphs`) of `a` and `b` that say the same thing.
    pub paragraphs: Vec<ParagraphPair>,
}

/// A paragraph of each linked article, matched by their character-bigram cosine.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ParagraphPair {
    /// Index into `a`'s `Article::paragraphs`.
    pub a: usize,
    /// Index into `b`'s `Article::paragraphs`.
    pub b: usize,
    /// Bigram cosine of the two paragraphs, in [0, 1].
    pub similarity: f32,
}

impl Group {
    /// Number of documents holding an article of this group.
    pub fn doc_count(&self) -> usize {
        self.members.len()
    }

    /// Whether the group is weak ([`is_weak`]): several documents sharing little wording.
    pub fn is_weak(&self) -> bool {
        is_weak(self.doc_count(), self.score)
    }

    /// Every member as a [`Trace`] names it, (document id, article number), documents in order:
    /// what the studies of a [`Trace`] compare a final group with.
    pub fn traced_members(&self) -> Vec<TracedArticle> {
        self.members
            .iter()
            .flat_map(|(d, ns)| ns.iter().map(move |&n| (d.0.to_string(), n)))
            .collect()
    }

    /// `doc`'s members as (number, 之一) pairs, in order.
    pub fn articles_of(&self, doc: &DocId) -> Vec<(u32, u32)> {
        let subs = self.subs.get(doc);
        self.members.get(doc).map_or_else(Vec::new, |ns| {
            ns.iter()
                .enumerate()
                .map(|(i, &n)| (n, subs.and_then(|s| s.get(i)).copied().unwrap_or(0)))
                .collect()
        })
    }

    /// `doc`'s members as keys (number, 之一, occurrence), in order.
    pub fn keys_of(&self, doc: &DocId) -> Vec<ArticleKey> {
        let occurrences = self.occurrences.get(doc);
        self.articles_of(doc)
            .into_iter()
            .enumerate()
            .map(|(i, (n, sub))| {
                let k = occurrences.and_then(|o| o.get(i)).copied().unwrap_or(1);
                ArticleKey::with_occurrence(n, sub, k)
            })
            .collect()
    }

    /// Whether `doc`'s article `number` (之`sub`, first of its number) is a member.
    pub fn has_article(&self, doc: &DocId, number: u32, sub: u32) -> bool {
        self.has_key(doc, ArticleKey::new(number, sub))
    }

    /// Whether `doc`'s article named `key` is a member.
    pub fn has_key(&self, doc: &DocId, key: ArticleKey) -> bool {
        self.keys_of(doc).contains(&key)
    }

    /// The articles of `doc` that hold this group's matter in part (empty for a member document).
    pub fn partial_of(&self, doc: &DocId) -> Vec<&Partial> {
        self.partial
            .iter()
            .filter(|p| &p.article.doc == doc)
            .collect()
    }
}

/// Every article of the aligned documents in exactly one group, groups in reading order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Alignment {
    /// The clause groups in reading order.
    pub groups: Vec<Group>,
    /// For a corpus of several kinds (养犬管理条例 of four cities beside five 人民政府工作规则):
    /// each kind, aligned apart, in the order of the groups (see [`kinds`]). Empty for a corpus
    /// of one kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<Kind>,
}

/// One kind of a corpus of several kinds: documents whose titles name one matter (or whose
/// articles share enough), aligned as a corpus of their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kind {
    /// What a user calls the kind: the matter its titles share with the kind of instrument they
    /// share (养犬管理条例, 人民政府工作规则), else its documents' ids joined by 、 (up to three),
    /// else 其他.
    pub name: String,
    /// Its documents, in the corpus's order.
    pub docs: Vec<DocId>,
}

impl Kind {
    /// The documents of `docs` that are of this kind, in `docs`' order.
    pub fn members<'d>(&self, docs: &[&'d Regulation]) -> Vec<&'d Regulation> {
        docs.iter()
            .copied()
            .filter(|d| self.docs.contains(&d.id))
            .collect()
    }
}

impl Alignment {
    /// The group holding `doc`'s article `number`.
    pub fn group_of(&self, doc: &DocId, number: u32) -> Option<&Group> {
        self.groups
            .iter()
            .find(|g| g.members.get(doc).is_some_and(|ns| ns.contains(&number)))
    }

    /// The group holding `doc`'s article `number` 之`sub` (`sub` 0: not an inserted article;
    /// the first article of that number when the document repeats it).
    pub fn group_of_article(&self, doc: &DocId, number: u32, sub: u32) -> Option<&Group> {
        self.group_of_key(doc, ArticleKey::new(number, sub))
    }

    /// The group holding `doc`'s article named `key`.
    pub fn group_of_key(&self, doc: &DocId, key: ArticleKey) -> Option<&Group> {
        self.groups.iter().find(|g| g.has_key(doc, key))
    }

    /// The group with id `id` (`g` and ten hex digits).
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// Which of [`Alignment::kinds`] holds `doc` (`None` for a corpus of one kind).
    pub fn kind_of_doc(&self, doc: &DocId) -> Option<usize> {
        self.kinds.iter().position(|k| k.docs.contains(doc))
    }

    /// Which of [`Alignment::kinds`] holds the group `g` (a group never spans two kinds; `None`
    /// for a corpus of one kind).
    pub fn kind_of(&self, g: &Group) -> Option<usize> {
        g.members.keys().find_map(|d| self.kind_of_doc(d))
    }

    /// Whether `doc` is of the kind of group `g`: always so in a corpus of one kind. A document
    /// of another kind is aligned apart, so it cannot lack the group's matter.
    pub fn same_kind(&self, g: &Group, doc: &DocId) -> bool {
        match self.kind_of(g) {
            Some(k) => self.kind_of_doc(doc) == Some(k),
            None => true,
        }
    }

    /// The groups of kind `k` alone, as the alignment of that kind's documents (no kinds).
    pub fn of_kind(&self, k: usize) -> Alignment {
        Alignment {
            groups: self
                .groups
                .iter()
                .filter(|g| self.kind_of(g) == Some(k))
                .cloned()
                .collect(),
            kinds: Vec::new(),
        }
    }
}

/// Every setting of the method in one place; [`Params::default`] is what `guize align` uses.
/// Public so that the cross-validation harness (`examples/align_grid.rs`) can try other values;
/// the defaults are the ones chosen by leave-one-family-out cross-validation (ARCHITECTURE.md,
/// src/align/; the grids in docs/alignment-method.md).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Params {
    /// How the similarity of two articles weighs words, bigrams and chapters.
    pub sim: SimWeights,
    /// How many candidates each article gets, and at what cost.
    pub candidates: CandidateLimits,
    /// The thresholds of the grouping.
    pub cluster: ClusterParams,
    /// Bonus per neighbouring pair (previous articles, next articles) that a first grouping put
    /// together; 0 (with `xref_bonus` 0) turns the second, structure-aware pass off.
    pub neighbours: f32,
    /// Bonus when two articles cite (违反本条例第十五条) articles the first grouping put together.
    pub xref_bonus: f32,
    /// Malus when both cite articles of their own document and no cited pair was grouped together.
    pub xref_malus: f32,
    /// Least bigram cosine between a penalty's described conduct (未按规定办理养犬登记的，由…)
    /// and an article of its own regulation for the penalty to count as citing that article;
    /// above 1 only numbered citations count.
    #[serde(default = "default_xref_implied")]
    pub xref_implied: f32,
    /// When true, a penalty's tiers (逾期不改正, 情节严重, 违法所得五万元以上: `text::penalty::is_tier`)
    /// are read as described conducts too, and resolve to whatever article repeats their words
    /// (a duty article closing 逾期不改正的，…), which then keys every penalty with that tier;
    /// when false, only the conducts they aggravate are (`xref::offences`). True by default: false
    /// lifts the waste family's alignment (0.821 → 0.830) and moves no other dev family, so the
    /// leave-one-family-out mean stays 0.7229, but it costs the dust family's topic search
    /// (0.955 → 0.943): a change that helps one family and costs another is not kept
    /// (docs/alignment-method.md, "A tier is no conduct").
    #[serde(default = "tiers_read")]
    pub xref_tiers: bool,
    /// When true, an officials' liability article (有关部门的工作人员…的，依法给予处分:
    /// `xref::is_officials`)
    /// is no provision a penalty punishes, cited or described: its list repeats the duties and
    /// harms of the whole regulation, so a penalty's conduct or tier (造成信息泄露, 导致发生生产
    /// 安全事故) resolves to it whatever the penalty punishes, and the regrouping's tie-break then
    /// keys unlike penalties of every document by that one group. Off.
    #[serde(default)]
    pub xref_office: bool,
    /// When true, a group that holds both an officials' liability article (有关部门及其工作人员…的，
    /// 依法给予处分: `xref::is_officials`) and the liability of those the regulation
    /// regulates (a penalty, or …的，责令改正) is cut in two, right after the regrouping by
    /// provision (`xref::office_apart`): the two name different actors. Off.
    #[serde(default)]
    pub office_apart: bool,
    /// With `office_apart`, the cut is made once more after every other step: the steps that
    /// join lone articles by their wording (`twins`, `paras`, `matter`, `far`) would otherwise
    /// put the two liabilities together again. Off.
    #[serde(default)]
    pub office_apart_last: bool,
    /// How far the cross-reference bonus follows the share of cited groups two penalties have in
    /// common (0: any one earns it all).
    #[serde(default)]
    pub xref_graded: f32,
    /// Factor on the own similarity of two articles that both cite provisions (penalties share
    /// their formula whatever they punish); 1 keeps it.
    #[serde(default = "one")]
    pub xref_text: f32,
    /// When true, penalties are regrouped by the provision they punish (`xref::by_provision`).
    #[serde(default)]
    pub penalty_by_provision: bool,
    /// When true, a group that the regrouping by provision would give two penalties of one
    /// document from different groups (their wording put them apart) receives none: its
    /// penalties stay where their wording put them (`xref::by_provision`). Off.
    #[serde(default)]
    pub penalty_apart: bool,
    /// Least lead, as a share of its own score, of each side of a mutual best match of two
    /// penalties over its runner-up (`Scored::margin`) for the regrouping by provision to keep
    /// the two together: penalties that read as one another's wording are not torn apart by a
    /// provision resolved differently. Above 1 (the serde default) turns it off.
    #[serde(default = "off_share")]
    pub penalty_twins: f32,
    /// When true, a penalty whose described conduct resolves to a paragraph of a broader article
    /// (a duty stated in a definitions article) is keyed by where the other documents' best
    /// matches of that paragraph are grouped, when they outweigh the article's own group
    /// (`xref::paragraph_votes`, `xref::by_paragraph`). Off.
    #[serde(default)]
    pub penalty_paragraph: bool,
    /// Penalty groups refined by the conducts they punish, after the regrouping by provision
    /// (`conduct::refine`).
    #[serde(default)]
    pub conduct: conduct::ConductParams,
    /// Penalty groups checked against the offences their conditions state across documents,
    /// after the regrouping by provision (`offence::refine`).
    #[serde(default)]
    pub offence: offence::OffenceParams,
    /// The order step: lone articles placed by the pairwise sequence alignments of the documents
    /// of one family (`sequence::attach`); off by default.
    #[serde(default)]
    pub sequence: sequence::SequenceParams,
    /// Lone articles joined to a neighbour's group by the consensus of its documents
    /// (`fuse::fuse_lone`); off by default.
    #[serde(default)]
    pub fuse: fuse::FuseParams,
    /// Out-of-place members of a group swapped for a better placed article of their document
    /// (`choice::rechoose`); off by default.
    #[serde(default)]
    pub choice: choice::ChoiceParams,
    /// Lone articles joined to the group of their mutual best match, ranked within their row
    /// and column (`twins::join_lone`).
    #[serde(default)]
    pub twins: twins::TwinParams,
    /// Lone articles joined to a neighbour's group when, read with their document's members
    /// there, they bring its text closer to the group's other documents (`pieces::join_lone`);
    /// off by default.
    #[serde(default)]
    pub pieces: pieces::PieceParams,
    /// Paragraphs matched across documents first, articles joined by the paragraph clusters
    /// that hold a main part of each, between documents of one kind (`paras::join`); on by
    /// default.
    #[serde(default)]
    pub paras: paras::ParaParams,
    /// Lone articles of the second clustering pass joined to the cluster holding their
    /// first-pass mates (`restore::rejoin`); off by default.
    #[serde(default)]
    pub restore: restore::RestoreParams,
    /// Lone articles joined to a best candidate that leads its row and column and lies between
    /// the groups of its neighbours (`bracket::join_lone`); off by default.
    #[serde(default)]
    pub bracket: bracket::BracketParams,
    /// The translation table re-learned from the first grouping's pairs, the candidates scored
    /// and grouped again (`bridge::grouped_pairs`); off by default.
    #[serde(default)]
    pub retrain: bridge::RetrainParams,
    /// Second-order evidence: the paths of a candidate pair through the articles of third
    /// documents, and the counter-evidence of best matches there that disagree, mixed into its
    /// score (`transit::mix`); off by default.
    #[serde(default)]
    pub transit: transit::TransitParams,
    /// Neighbouring groups of several documents fused when they read as one matter (their
    /// evidence standing out of the corpus's side-by-side pairs), last of all
    /// (`sibling::fuse_groups`); off by default. A fused group keeps the groups it was made of
    /// ([`Group::parts`]): its label names their matters and the search reads them.
    #[serde(default)]
    pub sibling: sibling::SiblingParams,
    /// A list article joined to the groups of the articles its items match, one each, side by
    /// side in another document (`umbrella::join`, after `paras`); off by default.
    #[serde(default)]
    pub umbrella: umbrella::UmbrellaParams,
    /// A lone article joined to the group that the meaning of its paragraphs (word vectors, not
    /// wording) names in the other documents (`matter::join_lone`, after `umbrella`); on.
    #[serde(default)]
    pub matter: matter::MatterParams,
    /// A corpus of several kinds (families) split first, each kind aligned as a corpus of its
    /// own and the documents of no kind together (`kin::Kin::kinds`); on by default, the titles
    /// read first (`kin::titles`). A corpus of one kind aligns as without it.
    #[serde(default)]
    pub kinds: kin::KindsParams,
    /// A lone article joined to the group its best matches name, wherever its document's own
    /// article in that group sits: the far piece of a matter a document writes twice
    /// (`far::join_lone`, after `matter`); on. A joined article does not name its group.
    #[serde(default)]
    pub far: far::FarParams,
    /// A lone article joined to the group of its best candidates whose best paragraph pair with
    /// it lies far above the corpus's null of that quantity (`anchor::join_lone`, after `far`);
    /// off (docs/alignment-rejected.md, "Lone articles anchored by a paragraph far above the
    /// null").
    #[serde(default)]
    pub anchor: anchor::AnchorParams,
    /// Articles of a standard type taken out of a group of another type: a definition from a
    /// group without definitions, an article without the formula from a group of commencements
    /// (`types::keep_apart`, after `far`).
    #[serde(default)]
    pub types: types::TypesParams,
    /// Members held by weak links only (each link to the group under a corpus-relative level
    /// or matching a side paragraph) taken out of their group (`weak::leave`, after `types`);
    /// off (docs/alignment-rejected.md, "Members held by a weak link").
    #[serde(default)]
    pub weak: weak::WeakParams,
    /// A member held by a minor paragraph (every link to its group carried by a paragraph other
    /// than its first) moved to the group its first paragraph's best match lies in
    /// (`minor::move_to_main`, after `weak`); off (docs/alignment-rejected.md, "A member held by
    /// a minor paragraph moved to its main matter").
    #[serde(default)]
    pub minor: minor::MinorParams,
    /// Two groups side by side joined where other documents write their matter in one article
    /// (that article's two best candidates in a document lie one in each group:
    /// `halves::join`, after the other joins); off. The joined group lists its parts.
    #[serde(default)]
    pub halves: halves::HalvesParams,
    /// A learned decision for the links the thresholds are unsure of: members leaving their
    /// group and lone articles joining their best group by a logistic model over features
    /// relative to the corpus (`learned::decide`, after `far`); off.
    #[serde(default)]
    pub learned: learned::LearnedParams,
    /// A learned decision over pairs of groups: two groups of several documents that read as
    /// one matter fused by a logistic model over features relative to the corpus
    /// (`merge::decide`, after `sequence`, before `halves`); off (its defaults carry the
    /// fitted weights). The fused group lists its parts.
    #[serde(default)]
    pub merge: merge::MergeParams,
    /// How groups are labelled: a noun phrase most of a group's documents write leading a label
    /// of bare words (`label::shared_phrase`); off.
    #[serde(default)]
    pub labels: LabelParams,
    /// When true, the similarity thresholds of `cluster` (edge, link, split, vote, order) are read as
    /// robust z-scores over the corpus's null distribution (similarities of unrelated article
    /// pairs: median + z × 1.4826 × MAD) instead of absolute similarities.
    pub calibrate: bool,
    /// The grouping's four thresholds chosen per corpus, among a ladder of shifts, by the
    /// cohesion of each result over the corpus's null (`select::choose`); off
    /// (docs/alignment-rejected.md, "Thresholds chosen per corpus by an internal criterion").
    #[serde(default)]
    pub select: select::SelectParams,
}

fn default_xref_implied() -> f32 {
    0.2
}

fn one() -> f32 {
    1.0
}

fn off_share() -> f32 {
    2.0
}

/// Pairs of penalties of two documents, each the other's best candidate in its document and
/// ahead of its runner-up there by `margin` of its own score (none when `margin` is above 1).
fn penalty_twins(
    space: &Space,
    scored: &Scored,
    penalty: &[bool],
    margin: f32,
) -> Vec<(usize, usize)> {
    if margin > 1.0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for x in (0..space.len()).filter(|&x| penalty[x]) {
        let own = space.units[x].doc;
        for (_, y, _) in scored.best(x) {
            let y = y as usize;
            let twin = y > x
                && penalty[y]
                && scored.best_in(y, own) == Some(x as u32)
                && scored.margin(x, y) >= margin
                && scored.margin(y, x) >= margin;
            if twin {
                out.push((x, y));
            }
        }
    }
    out
}

impl Default for Params {
    fn default() -> Params {
        Params {
            sim: SimWeights {
                words: 0.3,
                chapter: 0.2,
                meaning: 0.06,
                idf_power: 1.0,
                paragraphs: 0.0,
                hub: 0.0,
                assoc: 0.0,
                bridge: 0.1,
                bridge_z: space::BRIDGE_Z,
                bridge_ratio: space::BRIDGE_RATIO,
                global_bridge: 0.0,
                global_term: 0.0,
                rank_only: false,
                chapter_title: 0.0,
                chapter_apart: 0.0,
                chapter_title_z: 0.0,
            },
            candidates: CandidateLimits {
                per_article: 48,
                postings_budget: 20_000,
            },
            cluster: ClusterParams {
                edge_min: 0.2,
                link_min: 0.15,
                copy_min: 0.7,
                split_min: 0.22,
                vote_min: 0.2,
                absorb_min: 0.22,
                part_min: 0.3,
                part_share: 0.2,
                fuse_cover: 0.2,
                fuse_span: 3,
                order_min: 0.25,
                order_share: 2.0,
                gap_z: cluster::GAP_OFF,
                edge_z: cluster::GAP_OFF,
                edge_margin: 0.0,
                link_z: cluster::GAP_OFF,
                lone_z: cluster::GAP_OFF,
                split_share: 0.5,
                split_rank: 1,
                compete_z: cluster::GAP_OFF,
                compete_margin: 0.0,
                compete_cross: usize::MAX,
                compete_gap: usize::MAX,
                compete_half: false,
                absorb_apart: 0.0,
                edge_lead: 0.0,
                edge_floor_z: 0.0,
            },
            neighbours: 0.1,
            xref_bonus: 0.1,
            xref_malus: 0.1,
            xref_implied: default_xref_implied(),
            xref_tiers: true,
            xref_office: false,
            office_apart: false,
            office_apart_last: false,
            xref_graded: 0.0,
            xref_text: 1.0,
            penalty_by_provision: true,
            penalty_apart: false,
            penalty_twins: off_share(),
            penalty_paragraph: false,
            conduct: conduct::ConductParams::default(),
            offence: offence::OffenceParams::default(),
            sequence: sequence::SequenceParams::default(),
            fuse: fuse::FuseParams::default(),
            choice: choice::ChoiceParams::default(),
            twins: twins::TwinParams::default(),
            pieces: pieces::PieceParams::default(),
            paras: paras::ParaParams::default(),
            restore: restore::RestoreParams::default(),
            bracket: bracket::BracketParams::default(),
            retrain: bridge::RetrainParams::default(),
            transit: transit::TransitParams::default(),
            sibling: sibling::SiblingParams::default(),
            umbrella: umbrella::UmbrellaParams::default(),
            matter: matter::MatterParams::default(),
            kinds: kin::KindsParams::default(),
            far: far::FarParams::default(),
            anchor: anchor::AnchorParams::default(),
            types: types::TypesParams::default(),
            weak: weak::WeakParams::default(),
            minor: minor::MinorParams::default(),
            halves: halves::HalvesParams::default(),
            learned: learned::LearnedParams::default(),
            merge: merge::MergeParams::default(),
            labels: LabelParams::default(),
            calibrate: false,
            select: select::SelectParams::default(),
        }
    }
}

impl Params {
    /// The defaults with some settings replaced: `json` is an object of dotted keys
    /// (`{"sim.hub": 0.5, "cluster.edge_min": 0.25}`), as the tuning examples read them.
    pub fn overridden(json: &str) -> Result<Params, String> {
        let bad = |e: serde_json::Error| format!("settings: {e}");
        let mut params = serde_json::to_value(Params::default()).map_err(bad)?;
        let over: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(json).map_err(bad)?;
        for (key, value) in over {
            let mut at = &mut params;
            for part in key.split('.') {
                at = at
                    .get_mut(part)
                    .ok_or_else(|| format!("settings: no setting {key}"))?;
            }
            *at = value;
        }
        serde_json::from_value(params).map_err(bad)
    }
}

/// Groups the equivalent articles of `docs`. Every article lands in exactly one group; an article
/// without counterpart is a group of its own. Documents keep the order given (it sets the
/// reading order of the groups).
pub fn align(docs: &[Regulation]) -> Alignment {
    align_docs(&docs.iter().collect::<Vec<_>>())
}

/// [`align`] over a selection of documents, in the order given.
pub fn align_docs(docs: &[&Regulation]) -> Alignment {
    align_with(docs, &Params::default())
}

/// The documents `docs` chosen by a user (`--doc`), aligned together as one corpus, in the order
/// given: the split into kinds is not applied to them, whatever kinds the whole corpus puts them
/// in (a user who names two documents asks for them compared). One document, or none, is
/// [`align_docs`].
pub fn align_chosen(docs: &[&Regulation]) -> Alignment {
    if docs.len() < 2 {
        return align_docs(docs);
    }
    let mut together = Params::default();
    together.kinds.on = false;
    align_with(docs, &together)
}

/// The kinds of the whole corpus (`kinds`, its [`Alignment::kinds`]) that hold the documents
/// `docs`, each with the chosen documents it holds, in the order of their first chosen document;
/// documents no kind holds (a corpus changed since) are left out. Empty when `kinds` is.
pub fn chosen_kinds(docs: &[&Regulation], kinds: &[Kind]) -> Vec<Kind> {
    let mut out: Vec<Kind> = Vec::new();
    for &doc in docs {
        let Some(k) = kinds.iter().find(|k| k.docs.contains(&doc.id)) else {
            continue;
        };
        match out.iter_mut().find(|o| o.name == k.name) {
            Some(o) => o.docs.push(doc.id.clone()),
            None => out.push(Kind {
                name: k.name.clone(),
                docs: vec![doc.id.clone()],
            }),
        }
    }
    out
}

/// [`align_docs`] with other settings (for tuning and cross-validation).
pub fn align_with(docs: &[&Regulation], params: &Params) -> Alignment {
    align_steps(docs, params, &mut Stopwatch::off())
}

/// [`align_with`], also telling how long each step took (for finding what grows with the corpus).
pub fn align_timed(docs: &[&Regulation], params: &Params) -> (Alignment, Timings) {
    let mut watch = Stopwatch::on();
    let alignment = align_steps(docs, params, &mut watch);
    (alignment, watch.finish())
}

fn align_steps(docs: &[&Regulation], params: &Params, watch: &mut Stopwatch) -> Alignment {
    // Nothing to align: no groups (the steps below sample pairs of articles, of which there are
    // none).
    if docs.iter().all(|d| d.articles.is_empty()) {
        return Alignment::default();
    }
    let folded = simplified(docs);
    let docs: &[&Regulation] = &folded.iter().map(|d| d.as_ref()).collect::<Vec<_>>();
    let space = build_space(docs, params.sim);
    watch.lap("space: segment and weigh");
    let retrain = params.retrain.rounds > 0;
    let (pairs, rank, rescore) = scored_candidates(&space, docs, params.candidates, retrain, watch);
    let (pairs, rank) = if params.kinds.on && docs.len() > 2 {
        let scored = Scored::new(&space, pairs).with_rank(&rank);
        let (parts, rest) = kind_parts(docs, params, &space, &scored);
        watch.lap("kinds: the corpus split into documents of one kind");
        if parts.len() > 1 || rest.is_some() {
            drop((space, scored, rank, rescore));
            let mut one = *params;
            one.kinds.on = false;
            let groups = parts
                .iter()
                .enumerate()
                .flat_map(|(p, part)| {
                    // Documents of no kind share no matter: each is aligned alone, so that no
                    // group joins two regulations of different subjects by a chance wording.
                    let apart: Vec<Vec<usize>> = if rest == Some(p) {
                        part.iter().map(|&d| vec![d]).collect()
                    } else {
                        vec![part.clone()]
                    };
                    apart
                        .into_iter()
                        .flat_map(|part| {
                            let docs: Vec<&Regulation> = part.iter().map(|&d| docs[d]).collect();
                            align_steps(&docs, &one, watch).groups
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            // A corpus of strangers alone is no corpus of several kinds.
            let kinds = if parts.len() > 1 {
                named_kinds(docs, &parts, rest)
            } else {
                Vec::new()
            };
            return Alignment { groups, kinds };
        }
        (scored.pairs, rank)
    } else {
        (pairs, rank)
    };
    if params.select.on {
        // One kind here: each rung of the ladder aligns it as a corpus of its own.
        drop((space, pairs, rank, rescore));
        let mut one = *params;
        one.kinds.on = false;
        return select::choose(docs, &one, watch);
    }
    let Core {
        space,
        scored,
        clusters,
        refs,
        fine,
        silent,
    } = grouped_from(docs, params, watch, space, (pairs, rank, rescore));
    let clusters = group::notes_apart(&space, docs, clusters);
    let ids: Vec<DocId> = docs.iter().map(|d| d.id.clone()).collect();
    let labels = label::Context::new(docs, &space, refs, params.labels);
    watch.lap("label context");
    // Built once the clustering (and its per-cluster sums) is done: only the groups' links and
    // partial members read every article's paragraphs.
    let parts = parts::Parts::new(docs, &space);
    watch.lap("paragraphs");
    let grouping = group::Grouping {
        clusters: &clusters,
        fine: &fine,
        silent: &silent,
    };
    let alignment = group::finish(&space, &scored, &parts, &ids, grouping, &labels, docs);
    watch.lap("groups: order, labels, links, partials");
    alignment
}

/// The grouping after each step of one alignment, for telling which step made a link.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Trace {
    /// The steps in the order they ran, each with the groups of several articles as they stood
    /// after it (members as document and article number). Each clustering pass starts from
    /// `singletons`, so the second pass's steps follow the first's.
    pub steps: Vec<TraceStep>,
    /// The articles `xref` reads as penalties.
    pub penalties: Vec<(String, u32)>,
    /// Each article's best candidate in each other document, as the final scores rank them.
    pub best: Vec<(TracedArticle, Vec<TracedArticle>)>,
    /// Each article's candidates in the other documents with their final scores (the second
    /// pass's, support included), by document and article: what the grouping could choose from.
    pub candidates: Vec<(TracedArticle, Vec<(TracedArticle, f32)>)>,
    /// Each pair of documents with a mutual best match above the null, by document id, with the
    /// share of their articles in such matches (`kin.rs`, `paras.kin`'s bar): which documents
    /// are of one kind.
    pub kin: Vec<(String, String, f32)>,
}

impl Trace {
    /// Whether `a` and `b` stood in one group after each step, step by step.
    pub fn together(&self, a: &TracedArticle, b: &TracedArticle) -> Vec<bool> {
        self.steps
            .iter()
            .map(|s| s.groups.iter().any(|g| g.contains(a) && g.contains(b)))
            .collect()
    }
}

/// An article of a [`Trace`]: its document's id and its number.
pub type TracedArticle = (String, u32);

/// One step of a [`Trace`].
#[derive(Debug, Clone, serde::Serialize)]
pub struct TraceStep {
    /// The step's name (`edges`, `lone attach`, `twins` …).
    pub step: &'static str,
    /// Its groups of two or more articles.
    pub groups: Vec<Vec<(String, u32)>>,
}

/// Unit `u` of `space` as the studies name an article: its document's id and its number.
fn unit_name(docs: &[&Regulation], space: &Space, u: usize) -> (String, u32) {
    let unit = &space.units[u];
    (docs[unit.doc].id.0.to_string(), unit.number)
}

/// [`align_with`], also keeping the grouping after each step ([`Trace`]), for studying which
/// step makes which links (`examples/false_links.rs`).
pub fn align_traced(docs: &[&Regulation], params: &Params) -> (Alignment, Trace) {
    let folded = simplified(docs);
    let docs: &[&Regulation] = &folded.iter().map(|d| d.as_ref()).collect::<Vec<_>>();
    let mut watch = Stopwatch::tracing();
    let core = grouped(docs, params, &mut watch);
    let name = |u: usize| unit_name(docs, &core.space, u);
    let steps = watch
        .snapshots()
        .into_iter()
        .map(|(step, groups)| TraceStep {
            step,
            groups: groups
                .iter()
                .filter(|g| g.len() > 1)
                .map(|g| g.iter().map(|&u| name(u)).collect())
                .collect(),
        })
        .collect();
    let penalties = xref::penalties(docs, &core.space)
        .iter()
        .enumerate()
        .filter(|&(_, &p)| p)
        .map(|(u, _)| name(u))
        .collect();
    let best = (0..core.space.len())
        .map(|x| {
            let found = (0..docs.len())
                .filter(|&d| d != core.space.units[x].doc)
                .filter_map(|d| core.scored.best_in(x, d))
                .map(|y| name(y as usize))
                .collect();
            (name(x), found)
        })
        .collect();
    let candidates = (0..core.space.len())
        .map(|x| {
            let found = core.scored.pairs[x]
                .iter()
                .map(|&(y, s)| (name(y as usize), s))
                .collect();
            (name(x), found)
        })
        .collect();
    let kin = kin::Kin::new(
        &core.space,
        &core.scored,
        core.space.null_sim(),
        &params.paras.kin,
    )
    .pairs()
    .map(|(a, b, share)| (docs[a].id.0.to_string(), docs[b].id.0.to_string(), share))
    .collect();
    let alignment = align_steps(docs, params, &mut Stopwatch::off());
    (
        alignment,
        Trace {
            steps,
            penalties,
            best,
            candidates,
            kin,
        },
    )
}

/// One pair of side-by-side groups that `sibling` weighs, before any fusion: each group's
/// members as (document, article number), and the pair's evidence (for studying the step).
#[derive(Debug, Clone, serde::Serialize)]
pub struct SiblingPair {
    /// The first group's members.
    pub a: Vec<(String, u32)>,
    /// The second group's members.
    pub b: Vec<(String, u32)>,
    /// What the pair offers, relative to the corpus's other side-by-side pairs.
    pub evidence: sibling::PairEvidence,
}

/// The pairs of side-by-side groups that `sibling` would weigh on `docs` after every other step
/// of `params` (`sibling` itself not run), with their evidence: what `examples/sibling_study.rs`
/// labels against a gold to fit and check the relative rules.
pub fn sibling_pairs(docs: &[&Regulation], params: &Params) -> Vec<SiblingPair> {
    let folded = simplified(docs);
    let docs: &[&Regulation] = &folded.iter().map(|d| d.as_ref()).collect::<Vec<_>>();
    let mut off = *params;
    off.sibling.on = false;
    let core = grouped(docs, &off, &mut Stopwatch::off());
    let penalty = xref::penalties(docs, &core.space);
    let name = |u: usize| unit_name(docs, &core.space, u);
    sibling::pair_evidence(
        &core.space,
        &core.scored,
        &core.clusters,
        &penalty,
        &params.sibling,
    )
    .into_iter()
    .map(|(a, b, evidence)| SiblingPair {
        a: core.clusters[a].iter().map(|&u| name(u)).collect(),
        b: core.clusters[b].iter().map(|&u| name(u)).collect(),
        evidence,
    })
    .collect()
}

/// One link of a member to its group, as the `weak` step reads it ([`WeakRow`]).
#[derive(Debug, Clone, serde::Serialize)]
pub struct WeakLink {
    /// The other member (of another document).
    pub other: (String, u32),
    /// The pair's score (0 when not a candidate).
    pub score: f32,
    /// The score as a robust z over the corpus's null (`Space::null_sim`).
    pub z: f32,
    /// The member's wording lies in a side paragraph of the other article (`weak::WeakParams`).
    pub in_side_of_other: bool,
    /// The other article's wording lies in a side paragraph of the member.
    pub in_side_of_member: bool,
    /// Each is the other's best candidate in its document.
    pub mutual: bool,
    /// Share of the member's wording that reappears in the other.
    pub coverage: f32,
    /// Share of the other's wording that reappears in the member.
    pub coverage_back: f32,
}

/// One member of a group of several documents after every step of `params` but `weak`, with
/// its links to the group's members of other documents, strongest first: what
/// `examples/weak_members.rs` labels against a gold.
#[derive(Debug, Clone, serde::Serialize)]
pub struct WeakRow {
    /// The member.
    pub article: (String, u32),
    /// Whether it is a penalty.
    pub penalty: bool,
    /// The group's members (the article among them).
    pub group: Vec<(String, u32)>,
    /// Its links.
    pub links: Vec<WeakLink>,
}

/// The members the `weak` step weighs on `docs` (see [`WeakRow`]), side paragraphs read as
/// `params.weak` reads them (`side_share`, `lists`).
pub fn weak_rows(docs: &[&Regulation], params: &Params) -> Vec<WeakRow> {
    let folded = simplified(docs);
    let docs: &[&Regulation] = &folded.iter().map(|d| d.as_ref()).collect::<Vec<_>>();
    let mut off = *params;
    off.weak.on = false;
    let core = grouped(docs, &off, &mut Stopwatch::off());
    let penalty = xref::penalties(docs, &core.space);
    let name = |u: usize| unit_name(docs, &core.space, u);
    let mut reader = weak::Reader::new(docs, &core.space, &core.scored);
    weak::members(
        &mut reader,
        &core.clusters,
        params.weak.side_share,
        params.weak.lists,
    )
    .into_iter()
    .map(|(x, c, ev)| WeakRow {
        article: name(x),
        penalty: penalty.get(x).copied().unwrap_or(false),
        group: core.clusters[c].iter().map(|&u| name(u)).collect(),
        links: ev
            .into_iter()
            .map(|e| WeakLink {
                other: name(e.y),
                score: e.score,
                z: e.z,
                in_side_of_other: e.in_side_of_y,
                in_side_of_member: e.in_side_of_x,
                mutual: e.mutual,
                coverage: e.cov_xy,
                coverage_back: e.cov_yx,
            })
            .collect(),
    })
    .collect()
}

/// One member the `minor` step weighs ([`minor_rows`]): held by a minor paragraph, with the
/// group its main paragraph points to.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MinorRow {
    /// The member.
    pub article: (String, u32),
    /// Whether it is a penalty.
    pub penalty: bool,
    /// Its group's members (the article among them).
    pub group: Vec<(String, u32)>,
    /// The members of the group its main paragraph's best candidate lies in, if any (at the
    /// step's `min`).
    pub main_group: Vec<(String, u32)>,
    /// The main paragraph's cosine with that candidate.
    pub strength: f32,
    /// The main paragraph's share of the article's text.
    pub main_share: f32,
    /// Whether the step moves it (every test holds, before the moves are applied in turn).
    pub moves: bool,
}

/// The members the `minor` step weighs on `docs` after every other step of `params`, read as
/// `params.minor` reads them (its `on` aside): what `examples/minor_study.rs` labels against a
/// gold.
pub fn minor_rows(docs: &[&Regulation], params: &Params) -> Vec<MinorRow> {
    let folded = simplified(docs);
    let docs: &[&Regulation] = &folded.iter().map(|d| d.as_ref()).collect::<Vec<_>>();
    let mut off = *params;
    off.minor.on = false;
    let core = grouped(docs, &off, &mut Stopwatch::off());
    let penalty = xref::penalties(docs, &core.space);
    let name = |u: usize| unit_name(docs, &core.space, u);
    minor::proposals(
        docs,
        &core.space,
        &core.scored,
        &core.clusters,
        &penalty,
        &params.minor,
    )
    .into_iter()
    .map(|q| MinorRow {
        article: name(q.x),
        penalty: penalty.get(q.x).copied().unwrap_or(false),
        group: core.clusters[q.from].iter().map(|&u| name(u)).collect(),
        main_group: q
            .to
            .map(|h| core.clusters[h].iter().map(|&u| name(u)).collect())
            .unwrap_or_default(),
        strength: q.strength,
        main_share: q.main_share,
        moves: q.moves,
    })
    .collect()
}

/// One decision the learned step (`Params::learned`) weighs on `docs` after every other step
/// of `params` (the learned step itself not run): `article` in (`member`) or beside its best
/// group, whose members are `group`, with the features the model reads
/// (`learned::FEATURES`). What `examples/learned_links.rs` labels against a gold to fit it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LearnedRow {
    /// True for a member of the group (the gate), false for a lone article (the admission).
    pub member: bool,
    /// The article weighed.
    pub article: (String, u32),
    /// The group's members (the article among them when it is a member).
    pub group: Vec<(String, u32)>,
    /// The features, in the order of [`LEARNED_FEATURES`].
    pub features: Vec<f32>,
}

/// The names of the features of a [`LearnedRow`], in order.
pub const LEARNED_FEATURES: [&str; learned::N_FEATURES] = learned::FEATURES;

/// The decisions the learned step would weigh on `docs` (see [`LearnedRow`]).
pub fn learned_rows(docs: &[&Regulation], params: &Params) -> Vec<LearnedRow> {
    let folded = simplified(docs);
    let docs: &[&Regulation] = &folded.iter().map(|d| d.as_ref()).collect::<Vec<_>>();
    let mut off = *params;
    off.learned.gate = false;
    off.learned.admit = false;
    let core = grouped(docs, &off, &mut Stopwatch::off());
    let penalty = xref::penalties(docs, &core.space);
    let name = |u: usize| unit_name(docs, &core.space, u);
    learned::rows(&core.space, &core.scored, &core.clusters, &penalty)
        .into_iter()
        .map(|r| LearnedRow {
            member: r.member,
            article: name(r.x),
            group: core.clusters[r.cluster].iter().map(|&u| name(u)).collect(),
            features: r.features.to_vec(),
        })
        .collect()
}

/// One pair of groups the merge step (`Params::merge`) weighs on `docs` after every other step
/// of `params` (the merge step itself not run): groups `a` and `b` with the features the model
/// reads (`merge::FEATURES`). What `examples/merge_groups.rs` labels against a gold to fit it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MergeRow {
    /// The first group's members.
    pub a: Vec<(String, u32)>,
    /// The second group's members.
    pub b: Vec<(String, u32)>,
    /// The features, in the order of [`merge::FEATURES`].
    pub features: Vec<f32>,
}

/// The pairs of groups the merge step would weigh on `docs` (see [`MergeRow`]).
pub fn merge_rows(docs: &[&Regulation], params: &Params) -> Vec<MergeRow> {
    let folded = simplified(docs);
    let docs: &[&Regulation] = &folded.iter().map(|d| d.as_ref()).collect::<Vec<_>>();
    let mut off = *params;
    off.merge.on = false;
    off.halves.on = false;
    off.sibling.on = false;
    let core = grouped(docs, &off, &mut Stopwatch::off());
    let penalty = xref::penalties(docs, &core.space);
    let name = |u: usize| unit_name(docs, &core.space, u);
    merge::rows(&core.space, &core.scored, &core.clusters, &penalty)
        .into_iter()
        .map(|r| MergeRow {
            a: core.clusters[r.a].iter().map(|&u| name(u)).collect(),
            b: core.clusters[r.b].iter().map(|&u| name(u)).collect(),
            features: r.features.to_vec(),
        })
        .collect()
}

/// `docs` as the alignment reads them: traditional characters folded to simplified
/// ([`fold_han`]: 第一條 罰款 is 第一条 罚款, so a document written in traditional characters
/// matches its simplified counterpart word for word and bigram for bigram). Only what the steps
/// weigh is folded (titles, chapter and section titles, articles' text, paragraphs and items);
/// a document without traditional characters is borrowed as it is. What an alignment holds names
/// articles by number, so nothing shown is folded but the groups' labels, which are made of the
/// words weighed.
pub(crate) fn simplified<'a>(docs: &[&'a Regulation]) -> Vec<Cow<'a, Regulation>> {
    docs.iter().map(|&d| simplified_doc(d)).collect()
}

fn simplified_doc(doc: &Regulation) -> Cow<'_, Regulation> {
    let changes = |t: &str| matches!(fold_han(t), Cow::Owned(_));
    let any = changes(&doc.meta.title)
        || doc.chapters.iter().any(|c| changes(&c.title))
        || doc.articles.iter().any(|a| {
            changes(&a.text)
                || changes(&a.norm)
                || changes(&a.chapter.title)
                || a.section.as_ref().is_some_and(|s| changes(&s.title))
        });
    if !any {
        return Cow::Borrowed(doc);
    }
    let fold = |t: &mut String| {
        if let Cow::Owned(f) = fold_han(t) {
            *t = f;
        }
    };
    let mut doc = doc.clone();
    fold(&mut doc.meta.title);
    for c in &mut doc.chapters {
        fold(&mut c.title);
    }
    for a in &mut doc.articles {
        fold(&mut a.text);
        fold(&mut a.norm);
        fold(&mut a.chapter.title);
        if let Some(s) = &mut a.section {
            fold(&mut s.title);
        }
        for p in &mut a.paragraphs {
            fold(&mut p.text);
            for i in &mut p.items {
                fold(&mut i.text);
            }
        }
    }
    Cow::Owned(doc)
}

/// What the grouping leaves for the groups' labels, links and partial members.
pub(crate) struct Core {
    pub(crate) space: Space,
    pub(crate) scored: Scored,
    pub(crate) clusters: Vec<Vec<usize>>,
    pub(crate) refs: Vec<Vec<usize>>,
    /// The grouping `sibling` started from, when it fused any groups (empty otherwise): labels
    /// and a fused group's parts are read from it.
    pub(crate) fine: Vec<Vec<usize>>,
    /// The articles `far` joined, each with the member its strongest vote went to: they do not
    /// name their group (`group::Grouping::silent`).
    pub(crate) silent: Vec<(usize, usize)>,
}

/// The articles weighed, scored and grouped (every step before the groups are named).
pub(crate) fn grouped(docs: &[&Regulation], params: &Params, watch: &mut Stopwatch) -> Core {
    let space = build_space(docs, params.sim);
    watch.lap("space: segment and weigh");
    let retrain = params.retrain.rounds > 0;
    let scored = scored_candidates(&space, docs, params.candidates, retrain, watch);
    grouped_from(docs, params, watch, space, scored)
}

/// The documents of `docs` as the split into kinds (`Params::kinds`) parts them: indices into
/// `docs`, each part in order, the parts by their first document. What [`align_with`] aligns
/// apart; one part when the split is off or finds one kind.
pub fn kinds(docs: &[&Regulation], params: &Params) -> Vec<Vec<usize>> {
    if !params.kinds.on || docs.len() <= 2 {
        return vec![(0..docs.len()).collect()];
    }
    let folded = simplified(docs);
    let docs: &[&Regulation] = &folded.iter().map(|d| d.as_ref()).collect::<Vec<_>>();
    kinds_and_rest(docs, params).0
}

/// [`kinds`] of documents already simplified, and which part holds the documents of no kind
/// ([`parts_of_kinds`]).
fn kinds_and_rest(docs: &[&Regulation], params: &Params) -> (Vec<Vec<usize>>, Option<usize>) {
    let space = build_space(docs, params.sim);
    let retrain = params.retrain.rounds > 0;
    let mut watch = Stopwatch::off();
    let (pairs, rank, _) = scored_candidates(&space, docs, params.candidates, retrain, &mut watch);
    let scored = Scored::new(&space, pairs).with_rank(&rank);
    kind_parts(docs, params, &space, &scored)
}

/// The kinds of `docs` as [`align_with`] aligns them apart, each named (see [`Kind`]); empty
/// for a corpus of one kind. Cheap for a corpus whose titles all name one matter (the titles
/// alone are read); else the articles are weighed and scored as an alignment begins.
pub fn named_kinds_of(docs: &[&Regulation], params: &Params) -> Vec<Kind> {
    if !params.kinds.on || docs.len() <= 2 {
        return Vec::new();
    }
    let folded = simplified(docs);
    let folded: Vec<&Regulation> = folded.iter().map(|d| d.as_ref()).collect();
    if params.kinds.titles
        && kin::titles::Matters::new(&folded, params.kinds.same, params.kinds.near)
            .sets(folded.len())
            .len()
            <= 1
        && !folded
            .iter()
            .any(|d| crate::text::name::amends(&d.meta.title).is_some())
    {
        return Vec::new();
    }
    let (parts, rest) = kinds_and_rest(&folded, params);
    if parts.len() <= 1 {
        return Vec::new();
    }
    named_kinds(&folded, &parts, rest)
}

/// The parts of a corpus of several kinds (`kinds`), from its weighed and scored articles, and
/// which part holds the documents of no kind (see [`parts_of_kinds`]). The titles are read
/// first: when they all name one matter, the corpus is one kind and the shares are not measured.
fn kind_parts(
    docs: &[&Regulation],
    params: &Params,
    space: &Space,
    scored: &Scored,
) -> (Vec<Vec<usize>>, Option<usize>) {
    let matters = if params.kinds.titles {
        kin::titles::Matters::new(docs, params.kinds.same, params.kinds.near)
    } else {
        kin::titles::Matters::default()
    };
    let kinds = if matters.sets(docs.len()).len() <= 1 {
        vec![(0..docs.len()).collect()]
    } else {
        let kin = kin::Kin::new(space, scored, space.null_sim(), &params.paras.kin);
        kin.kinds(docs.len(), &matters, &params.kinds)
    };
    parts_of_kinds(without_amendments(docs, kinds))
}

/// `kinds` with each amendment decision (关于修改《…》的决定, `text::name::amends`) taken out into a
/// kind of its own: its items are edits to a regulation, not articles of the regulation's matter,
/// though its title quotes that matter and its items quote the new wording.
fn without_amendments(docs: &[&Regulation], kinds: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let amending = |d: usize| crate::text::name::amends(&docs[d].meta.title).is_some();
    let mut out: Vec<Vec<usize>> = Vec::with_capacity(kinds.len());
    for kind in kinds {
        let (apart, kept): (Vec<usize>, Vec<usize>) = kind.into_iter().partition(|&d| amending(d));
        if !kept.is_empty() {
            out.push(kept);
        }
        out.extend(apart.into_iter().map(|d| vec![d]));
    }
    out
}

/// The parts of a corpus as [`Kind`]s, each named by its titles (`kin::titles::kind_name`), a
/// name two kinds would share told apart by its first document; the part `rest` (documents of
/// no kind, [`parts_of_kinds`]) is 其他 whatever its size, never named as if its first document
/// were its matter.
fn named_kinds(docs: &[&Regulation], parts: &[Vec<usize>], rest: Option<usize>) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = Vec::new();
    for (p, part) in parts.iter().enumerate() {
        let members: Vec<&Regulation> = part.iter().map(|&d| docs[d]).collect();
        let mut name = if rest == Some(p) {
            kin::titles::NO_SHARED_MATTER.to_string()
        } else {
            kin::titles::kind_name(&members)
        };
        if kinds.iter().any(|k| k.name == name) {
            name = format!("{name}（{}）", members[0].id);
        }
        kinds.push(Kind {
            name,
            docs: members.iter().map(|d| d.id.clone()).collect(),
        });
    }
    kinds
}

/// The documents of each kind (`kin::Kin::kinds`) as one part each, the documents of no kind
/// (kinds of one document) together in one more part, placed by its first document, and which
/// part that is when it holds two documents or more (`None` when no two documents are
/// strangers). [`align_with`] aligns each document of that part alone.
fn parts_of_kinds(kinds: Vec<Vec<usize>>) -> (Vec<Vec<usize>>, Option<usize>) {
    let (mut parts, alone): (Vec<Vec<usize>>, Vec<Vec<usize>>) =
        kinds.into_iter().partition(|k| k.len() > 1);
    let rest: Vec<usize> = alone.into_iter().flatten().collect();
    let first = rest.first().copied();
    let strangers = rest.len() > 1;
    if !rest.is_empty() {
        parts.push(rest);
    }
    parts.sort_by_key(|p| p[0]);
    let at = first
        .filter(|_| strangers)
        .and_then(|f| parts.iter().position(|p| p[0] == f));
    (parts, at)
}

/// `silent` (members a step joined without a link of their own) without those a later step took
/// out of every group: an article alone names its own group and is no silent member.
fn still_grouped(silent: &mut Vec<(usize, usize)>, clusters: &[Vec<usize>]) {
    let grouped: std::collections::HashSet<usize> = clusters
        .iter()
        .filter(|g| g.len() > 1)
        .flatten()
        .copied()
        .collect();
    silent.retain(|(u, _)| grouped.contains(u));
}

/// [`grouped`] from the weighed articles and their scored candidates.
fn grouped_from(
    docs: &[&Regulation],
    params: &Params,
    watch: &mut Stopwatch,
    space: Space,
    scored: (
        similarity::PairLists,
        similarity::RankExtra,
        Option<Rescore>,
    ),
) -> Core {
    let (pairs, rank, mut rescore) = scored;
    let (pairs, mut rank) = if params.transit.weight != 0.0 || params.transit.against != 0.0 {
        let mixed = transit::mix(&space, pairs, rank, &params.transit);
        watch.lap("transit: paths through third documents");
        mixed
    } else {
        (pairs, rank)
    };
    let mut cp = params.cluster;
    if params.calibrate {
        let (centre, spread) = space.null_sim();
        for t in [
            &mut cp.edge_min,
            &mut cp.link_min,
            &mut cp.split_min,
            &mut cp.vote_min,
            &mut cp.order_min,
        ] {
            *t = centre + *t * spread;
        }
    }
    let refs = xref::resolve(docs, &space);
    // What the second pass reads: the numbered citations and the conducts penalties describe.
    let penalty = xref::penalties(docs, &space);
    let office = if params.xref_office {
        xref::office_liabilities(docs, &space, &penalty)
    } else {
        Vec::new()
    };
    let punished: Vec<Vec<usize>> = xref::implied(
        docs,
        &space,
        &penalty,
        &office,
        params.xref_implied,
        params.xref_tiers,
    )
    .into_iter()
    .zip(&refs)
    .map(|(mut implied, cited)| {
        implied.extend(
            cited
                .iter()
                .filter(|&&p| !office.get(p).copied().unwrap_or(false)),
        );
        implied.sort_unstable();
        implied.dedup();
        implied
    })
    .collect();
    watch.lap("cross-references");
    let second = params.neighbours > 0.0 || params.xref_bonus > 0.0 || params.xref_malus > 0.0;
    let mut scored = Scored::new(&space, pairs).with_rank(&rank);
    let mut fused = cluster::FusedParts::new(&space, &scored, docs, &cp);
    watch.lap("cluster: fused candidates (paragraphs)");
    let mut clusters = cluster::cluster(&space, &scored, &fused, cp, watch);
    if let Some(r) = rescore.as_mut() {
        for _ in 0..params.retrain.rounds {
            let mut taught =
                bridge::grouped_pairs(&space, &scored.pairs, &clusters, params.retrain.z);
            if params.retrain.keep_pairs {
                taught.extend_from_slice(&r.counterparts);
                taught.sort_unstable();
                taught.dedup();
            }
            if params.retrain.table {
                let table = bridge::fit(&space, &taught, space.weights.bridge_ratio);
                r.scorer.bridge = bridge::bridged_words(&space, &table);
            }
            if params.retrain.specific != 0.0 {
                let words = bridge::specific_words(&space, &clusters, params.retrain.power);
                r.scorer.specific = (words, params.retrain.specific, params.retrain.replace);
            }
            let (again, extra) = r
                .scorer
                .score_lists(&space, r.lists.clone(), Some(&r.bases));
            rank = extra;
            scored = Scored::new(&space, again).with_rank(&rank);
            fused = cluster::FusedParts::new(&space, &scored, docs, &cp);
            clusters = cluster::cluster(&space, &scored, &fused, cp, watch);
            watch.lap("retrain: table from the groups, scored and grouped again");
        }
    }
    drop(rescore);
    let scored = if second {
        let support = cluster::Support {
            neighbours: params.neighbours,
            xref_bonus: params.xref_bonus,
            xref_malus: params.xref_malus,
            xref_graded: params.xref_graded,
            xref_text: params.xref_text,
            refs: &punished,
        };
        let reinforced = cluster::with_support(&space, &clusters, &scored.pairs, &support);
        // The first scores are not read again: freed before the second ones are made.
        drop(scored);
        let again = Scored::new(&space, reinforced).with_rank(&rank);
        watch.lap("second pass: support");
        let first = std::mem::take(&mut clusters);
        clusters = cluster::cluster(&space, &again, &fused, cp, watch);
        if params.restore.on {
            clusters = restore::rejoin(&space, docs, &first, clusters, &params.restore);
            watch.lap("restore: lone articles to their first-pass mates");
            watch.snap("restore", &clusters);
        }
        again
    } else {
        scored
    };
    if params.fuse.on && !params.fuse.after_penalties {
        clusters = fuse::fuse_lone(&space, &scored, clusters, &params.fuse);
        watch.lap("fuse: lone articles by consensus");
        watch.snap("fuse", &clusters);
    }
    let of_penalties: Vec<Vec<usize>> = punished
        .iter()
        .zip(&penalty)
        .map(|(r, &p)| if p { r.clone() } else { Vec::new() })
        .collect();
    if params.penalty_by_provision {
        let doc_of: Vec<usize> = space.units.iter().map(|u| u.doc).collect();
        let twins = penalty_twins(&space, &scored, &penalty, params.penalty_twins);
        let keyed = if params.penalty_paragraph {
            let votes = xref::paragraph_votes(
                docs,
                &space,
                &penalty,
                &office,
                params.xref_implied,
                params.xref_tiers,
            );
            Cow::Owned(xref::by_paragraph(&clusters, &of_penalties, &votes))
        } else {
            Cow::Borrowed(&of_penalties)
        };
        clusters = xref::by_provision(
            clusters,
            &keyed,
            &doc_of,
            params.penalty_apart,
            &twins,
            params.offence.clear_ties,
        );
        watch.lap("penalties by provision");
        watch.snap("penalties by provision", &clusters);
        if params.conduct.split {
            clusters = conduct::split(&space, &scored, clusters, &penalty, &params.conduct);
            watch.lap("conduct: penalty groups split by wording");
            watch.snap("conduct split", &clusters);
        }
        if params.offence.split || params.offence.join {
            clusters = offence::refine(docs, &space, &scored, clusters, &penalty, &params.offence);
            watch.lap("offence: penalty groups by the offences they state");
            watch.snap("offence", &clusters);
        }
    }
    // Per unit, whether its article is the officials' liability and whether it is a liability
    // at all (`xref::office_apart`); read only when the step is on.
    let actors: (Vec<bool>, Vec<bool>) = if params.office_apart {
        space
            .units
            .iter()
            .map(|u| {
                u.article(docs).map_or((false, false), |a| {
                    (xref::is_officials(&a.norm), xref::is_liability(&a.norm))
                })
            })
            .unzip()
    } else {
        (Vec::new(), Vec::new())
    };
    if params.office_apart {
        clusters = xref::office_apart(clusters, &actors.0, &actors.1);
        watch.lap("office apart: officials' liability apart from the others'");
        watch.snap("office apart", &clusters);
    }
    if params.fuse.on && params.fuse.after_penalties {
        clusters = fuse::fuse_lone(&space, &scored, clusters, &params.fuse);
        watch.lap("fuse: lone articles by consensus");
        watch.snap("fuse", &clusters);
    }
    if params.twins.on {
        clusters = twins::join_lone(&space, &scored, clusters, &params.twins);
        watch.lap("twins: lone articles by mutual best match");
        watch.snap("twins", &clusters);
    }
    if params.pieces.on {
        clusters = pieces::join_lone(&space, &scored, clusters, &penalty, &params.pieces);
        watch.lap("pieces: split provisions by what the piece adds");
        watch.snap("pieces", &clusters);
    }
    // The grouping before paragraph joins, when they joined any: a joined group is named by its
    // parts, as a fused group is (`Group::parts`).
    let mut before_paras = Vec::new();
    if params.paras.on {
        let before = clusters.clone();
        clusters = paras::join(&space, &scored, docs, clusters, &penalty, &params.paras);
        if clusters.len() != before.len() {
            before_paras = before;
        }
        watch.lap("paras: articles joined by paragraph clusters");
        watch.snap("paras", &clusters);
    }
    if params.umbrella.on {
        clusters = umbrella::join(&space, &scored, docs, clusters, &penalty, &params.umbrella);
        watch.lap("umbrella: list articles joined to the articles their items match");
        watch.snap("umbrella", &clusters);
    }
    if params.matter.on {
        clusters = matter::join_lone(&space, &scored, docs, clusters, &penalty, &params.matter);
        watch.lap("matter: lone articles by the meaning of their paragraphs");
        watch.snap("matter", &clusters);
    }
    let mut silent = Vec::new();
    if params.far.on {
        (clusters, silent) = far::join_lone(&space, &scored, clusters, &penalty, &params.far);
        watch.lap("far: lone articles by their best matches, at any distance");
        watch.snap("far", &clusters);
    }
    if params.anchor.on {
        clusters = anchor::join_lone(&space, &scored, docs, clusters, &penalty, &params.anchor);
        watch.lap("anchor: lone articles by a paragraph far above the null");
        watch.snap("anchor", &clusters);
    }
    if params.types.definitions || params.types.formulas {
        clusters = types::keep_apart(docs, &space, clusters, &params.types);
        // An article taken out names its own group: it is no longer a silent member.
        still_grouped(&mut silent, &clusters);
        watch.lap("types: articles of a standard type kept apart");
        watch.snap("types", &clusters);
    }
    if params.weak.on {
        clusters = weak::leave(docs, &space, &scored, clusters, &penalty, &params.weak);
        still_grouped(&mut silent, &clusters);
        watch.lap("weak: members held by weak links only");
        watch.snap("weak", &clusters);
    }
    if params.minor.on {
        clusters = minor::move_to_main(docs, &space, &scored, clusters, &penalty, &params.minor);
        still_grouped(&mut silent, &clusters);
        watch.lap("minor: members held by a minor paragraph moved to their main matter");
        watch.snap("minor", &clusters);
    }
    if params.learned.gate || params.learned.admit {
        clusters = learned::decide(&space, &scored, clusters, &penalty, &params.learned);
        watch.lap("learned: unsure links decided by the fitted model");
        watch.snap("learned", &clusters);
    }
    if params.conduct.join {
        clusters = conduct::join_lone(&space, clusters, &penalty, &of_penalties, &params.conduct);
        watch.lap("conduct: lone penalties by what they punish");
        watch.snap("conduct join", &clusters);
    }
    if params.bracket.on {
        clusters = bracket::join_lone(&space, &scored, clusters, &params.bracket);
        watch.lap("bracket: lone articles placed by their neighbours");
        watch.snap("bracket", &clusters);
    }
    if params.choice.on {
        clusters = choice::rechoose(&space, &scored, clusters, &params.choice);
        watch.lap("choice: out-of-place members swapped");
        watch.snap("choice", &clusters);
    }
    if params.sequence.on {
        clusters = sequence::attach(&space, &scored, clusters, &params.sequence);
        watch.lap("order: sequence alignments");
        watch.snap("sequence", &clusters);
    }
    if params.office_apart && params.office_apart_last {
        clusters = xref::office_apart(clusters, &actors.0, &actors.1);
        still_grouped(&mut silent, &clusters);
        watch.lap("office apart, last: officials' liability apart from the others'");
        watch.snap("office apart, last", &clusters);
    }
    let mut fine = Vec::new();
    if refines(&before_paras, &clusters, space.len()) {
        fine = before_paras;
    }
    if params.merge.on {
        let before = clusters.clone();
        clusters = merge::decide(&space, &scored, clusters, &penalty, &params.merge);
        // Named by its parts, as a fused group is: the finer grouping before the fusion.
        if clusters.len() != before.len() && !refines(&fine, &clusters, space.len()) {
            fine = before;
        }
        watch.lap("merge: pairs of groups fused by the fitted model");
        watch.snap("merge", &clusters);
    }
    if params.halves.on {
        let before = clusters.clone();
        clusters = halves::join(&space, &scored, clusters, &penalty, &params.halves);
        // Named by its parts, as a fused group is: the finer grouping before the join.
        if clusters.len() != before.len() && !refines(&fine, &clusters, space.len()) {
            fine = before;
        }
        watch.lap("halves: groups joined through one article of another document");
        watch.snap("halves", &clusters);
    }
    if params.sibling.on {
        let before = clusters.clone();
        clusters = sibling::fuse_groups(&space, &scored, clusters, &penalty, &params.sibling);
        // The finest grouping the fused groups are made of: the one before paragraph joins
        // while it still lies inside the fused groups, else the one before this step.
        if clusters.len() != before.len() && !refines(&fine, &clusters, space.len()) {
            fine = before;
        }
        watch.lap("sibling: neighbouring groups of one matter");
        watch.snap("sibling", &clusters);
    }
    Core {
        space,
        scored,
        clusters,
        refs,
        fine,
        silent,
    }
}

/// Whether every group of `fine` (when it has any) lies inside one group of `coarse`, and the
/// two hold the same articles: `fine` can name `coarse`'s groups by their parts.
fn refines(fine: &[Vec<usize>], coarse: &[Vec<usize>], n: usize) -> bool {
    if fine.is_empty() {
        return false;
    }
    let mut owner = vec![usize::MAX; n];
    for (c, g) in coarse.iter().enumerate() {
        for &m in g {
            owner[m] = c;
        }
    }
    let held = |g: &[Vec<usize>]| g.iter().map(Vec::len).sum::<usize>();
    held(fine) == held(coarse)
        && fine.iter().all(|g| {
            g.first()
                .is_some_and(|&f| owner[f] != usize::MAX && g.iter().all(|&m| owner[m] == owner[f]))
        })
}

/// [`scored_candidates`] without the documents' paragraphs (the paragraph term then adds nothing).
#[cfg(test)]
fn candidate_pairs(
    space: &Space,
    limits: CandidateLimits,
    watch: &mut Stopwatch,
) -> Vec<Vec<(u32, f32)>> {
    scored_candidates(space, &[], limits, false, watch).0
}

/// What scoring the candidates again needs (`Params::retrain`): the scorer, the candidate lists,
/// the scores' unbridged part and the counterparts the first table learned from.
struct Rescore {
    scorer: similarity::Scorer,
    lists: Vec<Vec<u32>>,
    bases: Vec<Vec<f32>>,
    counterparts: Vec<(usize, usize)>,
}

/// Each article's candidates (made symmetric) with their score, computed once in parallel, and
/// what the ranking adds to it (empty unless `SimWeights::rank_only`).
fn scored_candidates(
    space: &Space,
    docs: &[&Regulation],
    limits: CandidateLimits,
    keep: bool,
    watch: &mut Stopwatch,
) -> (
    similarity::PairLists,
    similarity::RankExtra,
    Option<Rescore>,
) {
    let lists = similarity::candidate_lists(space, limits);
    watch.lap("candidates");
    let mut scorer = similarity::Scorer::new(space, docs, &lists);
    if space.weights.bridge == 0.0 {
        let (pairs, rank) = scorer.score_lists(space, lists, None);
        watch.lap("pair scores");
        return (pairs, rank, None);
    }
    // The corpus's own translation table, learned from the counterparts of the plain scores; the
    // second scoring adds the bridged term to what the first computed.
    let bases = scorer.bases(space, &lists);
    let first = scorer.score_lists(space, lists.clone(), Some(&bases));
    watch.lap("pair scores");
    let counterparts = bridge::counterparts(space, &first.0, space.weights.bridge_z);
    drop(first);
    watch.lap("bridge: counterparts");
    let mut table = bridge::fit(space, &counterparts, space.weights.bridge_ratio);
    if space.weights.global_bridge > 0.0 {
        let global = bridge::GlobalTable::builtin();
        table = bridge::with_global(space, table, global, space.weights.global_bridge);
    }
    watch.lap("bridge: fit the table");
    scorer.bridge = bridge::bridged_words(space, &table);
    if !keep {
        let (pairs, rank) = scorer.score_lists(space, lists, Some(&bases));
        watch.lap("bridged pair scores");
        return (pairs, rank, None);
    }
    let (pairs, rank) = scorer.score_lists(space, lists.clone(), Some(&bases));
    watch.lap("bridged pair scores");
    let rescore = Rescore {
        scorer,
        lists,
        bases,
        counterparts,
    };
    (pairs, rank, Some(rescore))
}

/// Documents segmented at once by [`build_space`]: enough for both cores, few enough that the
/// terms waiting to be counted stay small next to the space itself.
const SEGMENT_CHUNK: usize = 64;

/// Segments every article (in parallel, a chunk of documents at a time) and weighs the words and
/// bigrams over the whole set.
fn build_space(docs: &[&Regulation], weights: SimWeights) -> Space {
    let seg = Segmenter::global();
    // Words borrow from the articles and bigrams are char pairs: nothing is allocated per term
    // until a term is new to the vocabulary (a corpus of 20,000 articles holds millions of terms).
    type Terms<'a> = (Vec<&'a str>, Vec<[char; 2]>);
    fn segment<'a>(seg: &Segmenter, d: &'a Regulation) -> Vec<Terms<'a>> {
        d.articles
            .iter()
            .map(|a| {
                let words = seg
                    .tokens(&a.norm)
                    .iter()
                    .filter(|t| is_content_word(t.text))
                    .map(|t| t.text)
                    .collect();
                (words, bigrams(&a.norm))
            })
            .collect()
    }
    let mut units = Vec::new();
    let mut counts = Vec::new();
    let (mut word_vocab, mut bigram_vocab) = (Vocab::default(), Vocab::default());
    let mut chapter_keys: BTreeMap<(usize, u32), usize> = BTreeMap::new();
    // Terms are counted in document order (so term ids do not depend on the threads), one chunk
    // after the other.
    let texts = docs.chunks(SEGMENT_CHUNK).flat_map(|chunk| {
        chunk
            .par_iter()
            .map(|d| segment(seg, d))
            .collect::<Vec<_>>()
    });
    for (d, (doc, arts)) in docs.iter().zip(texts).enumerate() {
        for (pos, (a, (words, grams))) in doc.articles.iter().zip(arts).enumerate() {
            let next = chapter_keys.len();
            let chapter = *chapter_keys.entry((d, a.chapter.number)).or_insert(next);
            units.push(Unit {
                doc: d,
                pos,
                number: a.number,
                sub: a.sub,
                occurrence: a.form.occurrence.max(1),
                chapter,
            });
            counts.push(Counts {
                words: word_vocab.count(words.into_iter()),
                bigrams: bigram_vocab.count_pairs(&grams),
            });
        }
    }
    let mut space = Space::new(units, counts, word_vocab, bigram_vocab, weights);
    if weights.meaning != 0.0 {
        let (rows, dims) = embed_articles(&space, crate::meaning::Vectors::builtin());
        space.set_meaning(rows, dims);
    }
    space
}

/// Each article's meaning embedding, SIF-style: the mean of its words' vectors weighted by the
/// article's own IDF word weights, then the corpus's mean embedding taken out (the direction
/// every article of the family shares, 养犬 or 区政府 whatever the matter) and the rest made unit
/// length. An article none of whose words has a vector gets a zero row. `dims` floats per
/// article, in unit order; (empty, 0) when there are no vectors.
fn embed_articles(space: &Space, vectors: &crate::meaning::Vectors) -> (Vec<f32>, usize) {
    let dims = vectors.dims();
    if dims == 0 || vectors.is_empty() || space.len() == 0 {
        return (Vec::new(), 0);
    }
    let vocab = &space.word_vocab;
    let rows: Vec<Option<Vec<f32>>> = (0..space.len())
        .into_par_iter()
        .map(|x| {
            let w = &space.words[x];
            let words = w.terms.iter().zip(&w.weights);
            vectors.embed(words.map(|(&t, &wt)| (vocab.strings[t as usize].as_str(), wt)))
        })
        .collect();
    let mut mean = vec![0.0f32; dims];
    let mut n = 0usize;
    for r in rows.iter().flatten() {
        n += 1;
        mean.iter_mut().zip(r).for_each(|(m, v)| *m += v);
    }
    mean.iter_mut().for_each(|m| *m /= n.max(1) as f32);
    let mut out = vec![0.0f32; dims * space.len()];
    for (row, r) in out.chunks_mut(dims).zip(&rows) {
        if let Some(r) = r {
            row.iter_mut()
                .zip(r.iter().zip(&mean))
                .for_each(|(o, (v, m))| *o = v - m);
            let norm = row.iter().map(|v| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                row.iter_mut().for_each(|v| *v /= norm);
            }
        }
    }
    (out, dims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, ArticleStyle, ChapterRef, DocMeta, Span};

    pub(super) fn doc(id: &str, articles: &[&str]) -> Regulation {
        Regulation {
            id: DocId::from(id),
            meta: DocMeta::default(),
            path: id.into(),
            style: ArticleStyle::Articles,
            chapters: Vec::new(),
            articles: articles
                .iter()
                .enumerate()
                .map(|(i, t)| Article {
                    number: i as u32 + 1,
                    sub: 0,
                    chapter: ChapterRef {
                        numerals: Default::default(),
                        number: 1,
                        title: "总则".into(),
                        parts: Vec::new(),
                    },
                    section: None,
                    paragraphs: Vec::new(),
                    text: t.to_string(),
                    norm: t.to_string(),
                    lines: (i + 1, i + 1),
                    span: Span { start: 0, end: 0 },
                    style: ArticleStyle::Articles,
                    form: Default::default(),
                })
                .collect(),
            warnings: Vec::new(),
            chars: 0,
        }
    }

    #[test]
    fn no_articles_align_to_no_groups() {
        assert!(align_docs(&[]).groups.is_empty());
        let (a, b) = (doc("a", &[]), doc("b", &[]));
        assert!(align_docs(&[&a, &b]).groups.is_empty());
        // One document: each article its own group, as a corpus of one reads.
        let one = doc(
            "one",
            &["区政府常务会议每月召开一次。", "本规则自发布之日起施行。"],
        );
        assert_eq!(align_docs(&[&one, &a]).groups.len(), 2);
    }

    /// The similarity space of [`fixture`] with the default weights, and each document's units in
    /// reading order.
    pub(super) fn fixture_space() -> (Space, Vec<Vec<usize>>) {
        let docs = fixture();
        let refs: Vec<&Regulation> = docs.iter().collect();
        let space = build_space(&refs, Params::default().sim);
        let units = (0..space.n_docs())
            .map(|d| {
                (0..space.len())
                    .filter(|&u| space.units[u].doc == d)
                    .collect()
            })
            .collect();
        (space, units)
    }

    pub(super) fn fixture() -> Vec<Regulation> {
        vec![
            doc(
                "a",
                &[
                    "区政府常务会议由区长、常务副区长、副区长、区政府办公室主任组成，由区长召集和主持。",
                    "区政府全体会议由区长、副区长和区政府各部门主要负责人组成，每年召开两次。",
                    "区政府及各部门要严格执行公文处理办法，提高公文质量和办文效率。",
                ],
            ),
            doc(
                "b",
                &[
                    "区政府全体会议由区长、副区长、区政府各部门主要负责人组成，一般每年召开两次。",
                    "区政府常务会议由区长、常务副区长、副区长、区政府办公室主任组成，区长召集主持。",
                    "严格落实安全生产责任制，防范化解重大风险。",
                ],
            ),
        ]
    }

    #[test]
    fn equivalent_articles_group_across_reordered_documents() {
        let al = align(&fixture());
        let a = DocId::from("a");
        let b = DocId::from("b");
        let g = al.group_of(&a, 1).expect("every article has a group");
        assert_eq!(g.members.get(&b), Some(&vec![2]));
        let g = al.group_of(&a, 2).expect("every article has a group");
        assert_eq!(g.members.get(&b), Some(&vec![1]));
        assert!(al.group_of(&a, 3).is_some_and(|g| g.members.len() == 1));
        let total: usize = al
            .groups
            .iter()
            .flat_map(|g| g.members.values())
            .map(Vec::len)
            .sum();
        assert_eq!(total, 6, "each article exactly once");
        assert!(
            al.groups
                .iter()
                .all(|g| (0.0..=1.0).contains(&g.score) && !g.label.is_empty())
        );
    }

    /// A document written in traditional characters groups with its simplified counterparts as
    /// its simplified twin does, at the same scores; the articles it is shown by stay as written.
    #[test]
    fn a_document_in_traditional_characters_aligns_as_its_simplified_twin() {
        let mut simplified = fixture();
        let mut traditional = fixture();
        traditional[0] = doc(
            "a",
            &[
                "區政府常務會議由區長、常務副區長、副區長、區政府辦公室主任組成，由區長召集和主持。",
                "區政府全體會議由區長、副區長和區政府各部門主要負責人組成，每年召開兩次。",
                "區政府及各部門要嚴格執行公文處理辦法，提高公文質量和辦文效率。",
            ],
        );
        let shape = |al: &Alignment| -> Vec<(BTreeMap<DocId, Vec<u32>>, String)> {
            al.groups
                .iter()
                .map(|g| (g.members.clone(), format!("{:.4}", g.score)))
                .collect()
        };
        let folded = align(&traditional);
        assert_eq!(shape(&folded), shape(&align(&simplified)));
        assert_eq!(
            folded
                .group_of(&DocId::from("a"), 1)
                .and_then(|g| g.members.get(&DocId::from("b"))),
            Some(&vec![2])
        );
        // Folding is for matching only: the documents aligned are not changed.
        assert!(
            traditional[0].articles[0]
                .text
                .starts_with("區政府常務會議")
        );
        // A simplified document is read as it is (nothing cloned).
        simplified.truncate(1);
        let refs: Vec<&Regulation> = simplified.iter().collect();
        assert!(matches!(simplified_doc(refs[0]), Cow::Borrowed(_)));
        let refs: Vec<&Regulation> = traditional.iter().collect();
        assert!(matches!(simplified_doc(refs[0]), Cow::Owned(_)));
    }

    /// One document holds the make-up of the government and the duties of its members in one
    /// article; two others give each its own. Without the absorbing step the make-up articles form
    /// a group of their own beside it.
    #[test]
    fn pieces_of_a_fused_article_join_its_group() {
        let docs = [
            doc(
                "a",
                &[
                    "区政府实行区长负责制，区长领导区政府的全面工作。",
                    "区政府由区长、副区长、区政府工作部门主要负责人组成。区政府组成人员要模范遵守宪法和法律，严守纪律，勤勉廉洁，全心全意为人民服务。",
                    "区政府全体会议每年召开两次，研究部署区政府重要工作。",
                ],
            ),
            doc(
                "b",
                &[
                    "区政府实行区长负责制，区长领导区政府全面工作。",
                    "区政府由下列人员组成：区长、副区长、区政府工作部门主要负责人。",
                    "区政府组成人员要遵守宪法和法律，严守纪律、勤勉廉洁，为人民服务。",
                    "区政府全体会议一般每年召开两次，部署区政府重要工作。",
                ],
            ),
            doc(
                "c",
                &[
                    "区政府实行区长负责制。",
                    "区政府由区长、副区长和区政府工作部门主要负责人组成。",
                    "区政府组成人员要模范遵守宪法、法律，严守纪律，勤勉廉洁。",
                    "区政府全体会议每年召开两次。",
                ],
            ),
        ];
        let refs: Vec<&Regulation> = docs.iter().collect();
        let fused = |al: &Alignment| {
            let g = al.group_of(&DocId::from("a"), 2).expect("grouped");
            (
                g.members.get(&DocId::from("b")).cloned(),
                g.members.get(&DocId::from("c")).cloned(),
            )
        };
        let al = align_docs(&refs);
        assert_eq!(fused(&al), (Some(vec![2, 3]), Some(vec![2, 3])));
        let mut off = Params::default();
        off.cluster.absorb_min = f32::INFINITY;
        // Neighbouring groups fused relative to the corpus would join the pieces here too.
        off.sibling.on = false;
        let without = align_with(&refs, &off);
        assert_ne!(fused(&without), fused(&al));
    }

    #[test]
    fn reading_order_follows_the_first_document_and_ids_follow_members() {
        let docs = fixture();
        let al = align(&docs);
        let first: Vec<u32> = al
            .groups
            .iter()
            .filter_map(|g| g.members.get(&DocId::from("a")).map(|ns| ns[0]))
            .collect();
        assert_eq!(first, vec![1, 2, 3]);
        // b's lone third article comes right after the group of b's second article (a's first).
        let b = DocId::from("b");
        let at = |n: u32| {
            al.groups
                .iter()
                .position(|g| g.members.get(&b).is_some_and(|ns| ns.contains(&n)))
        };
        assert_eq!(at(3), at(2).map(|i| i + 1));
        let again = align(&docs);
        let ids: Vec<&str> = al.groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(
            ids,
            again
                .groups
                .iter()
                .map(|g| g.id.as_str())
                .collect::<Vec<_>>()
        );
        let mut changed = docs.clone();
        changed[0].articles[2].norm = "区政府及各部门要严格执行公文处理办法，压缩公文数量。".into();
        let moved = align(&changed);
        assert_eq!(
            moved.group_of(&DocId::from("a"), 1).map(|g| &g.id),
            al.group_of(&DocId::from("a"), 1).map(|g| &g.id)
        );
    }
}
