//! Precedents on the real corpus: every article of the dev gold groups as a draft with its own
//! document left out must find an equivalent article of another document first; reworded
//! clauses still find their source; bad drafts are clear errors.

use guize::corpus::Corpus;
use guize::index::{self, SearchIndex};
use guize::precedent::{Finder, Options, Report};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| Corpus::load(&root().join("corpus")).expect("the shipped corpus loads"))
}

/// One index of the shipped corpus for the whole test binary, in a temporary folder.
fn shared_index() -> &'static SearchIndex {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"));
        let fp = index::fingerprint(&root().join("corpus")).expect("fingerprint");
        index::rebuild(dir.path(), &corpus().docs, &fp, &mut |_| {}).expect("index builds");
        index::open(dir.path()).expect("index opens")
    })
}

/// One finder for the whole test binary: it measures the corpus's chance similarity and caches
/// term weights once, as `guize serve` does, instead of once per draft.
fn finder() -> &'static Finder<'static> {
    static FINDER: OnceLock<Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| Finder::new(shared_index()).expect("finder"))
}

fn find(draft: &str, opts: &Options) -> Report {
    finder()
        .find(draft, opts)
        .unwrap_or_else(|e| panic!("{draft}: {e}"))
}

/// (doc, article) of the best hits of the draft's only piece.
fn ranked(draft: &str, opts: &Options) -> Vec<(String, u32)> {
    let report = find(draft, opts);
    assert_eq!(report.pieces.len(), 1, "one piece expected for {draft}");
    report.pieces[0]
        .hits
        .iter()
        .map(|h| (h.doc.to_string(), h.article))
        .collect()
}

#[derive(Deserialize)]
struct Gold {
    groups: Vec<GoldGroup>,
}

#[derive(Deserialize)]
struct GoldGroup {
    members: BTreeMap<String, Vec<u32>>,
}

fn gold_path() -> PathBuf {
    root().join("tests/data/alignment-dev.json")
}

#[test]
fn gold_articles_find_an_equivalent_of_another_document_first() {
    let gold: Gold =
        serde_json::from_str(&std::fs::read_to_string(gold_path()).expect("gold file"))
            .expect("gold parses");
    let (mut cases, mut top1, mut top3) = (0usize, 0usize, 0usize);
    for group in gold.groups.iter().filter(|g| g.members.len() > 1) {
        for (doc, numbers) in &group.members {
            for &n in numbers {
                let article = corpus().doc(doc).unwrap().article(n).unwrap();
                let opts = Options {
                    limit: 3,
                    exclude: vec![doc.clone()],
                    ..Options::default()
                };
                let report = find(&article.text, &opts);
                let hits: Vec<(String, u32)> = report
                    .pieces
                    .iter()
                    .flat_map(|p| &p.hits)
                    .map(|h| (h.doc.to_string(), h.article))
                    .collect();
                assert!(hits.iter().all(|(d, _)| d != doc), "{doc} is excluded");
                let is_equivalent =
                    |(d, a): &(String, u32)| group.members.get(d).is_some_and(|ns| ns.contains(a));
                cases += 1;
                // With several pieces, the first piece's best hit counts as the first.
                let first = report.pieces[0]
                    .hits
                    .first()
                    .cloned()
                    .map(|h| (h.doc.to_string(), h.article));
                if first.as_ref().is_some_and(is_equivalent) {
                    top1 += 1;
                } else {
                    eprintln!("{doc}:{n} first {first:?}");
                }
                if report.pieces[0]
                    .hits
                    .iter()
                    .take(3)
                    .any(|h| is_equivalent(&(h.doc.to_string(), h.article)))
                {
                    top3 += 1;
                }
            }
        }
    }
    let (r1, r3) = (top1 as f64 / cases as f64, top3 as f64 / cases as f64);
    eprintln!("{cases} drafts: top-1 {r1:.3}, top-3 {r3:.3}");
    assert!(
        cases >= 200,
        "the dev gold has about 200 such articles, got {cases}"
    );
    // 0.956 and 0.985 until a paragraph was cut where its sentences find different articles
    // (`a_paragraph_of_several_matters_is_cut_between_them`): an article holding several
    // matters is now several pieces, and its first piece's best hit may be the equivalent of a
    // side matter the gold groups elsewhere (历下 5, 历下 26, 周村 22; 周村 37 gained): 0.946,
    // 0.980; top-1 0.941 since a precedent of the other kind (penalty or rule) ranks at 0.8 of
    // its similarity.
    assert!(r1 >= 0.94, "top-1 fell to {r1:.3}");
    assert!(r3 >= 0.975, "top-3 fell to {r3:.3}");
}

/// Drafts that reword real articles: phrases reordered, synonyms, a changed deadline.
const REWORDED: &[(&str, &str, u32)] = &[
    (
        "作出重大行政决策之前，区政府应当根据需要采取多种方式，广泛听取社会公众、专家学者、社会团体和民主党派的意见建议。",
        "zhoucun",
        30,
    ),
    (
        "各部门应当认真贯彻《山东省行政程序规定》，规范程序、健全规则、强化监督、落实责任，坚持严格规范公正文明执法，维护社会秩序和公共利益。",
        "huancui",
        20,
    ),
    (
        "区政府实行全体会议、常务会议、专题会议、区长办公会议及区长碰头会议制度。",
        "shizhong",
        50,
    ),
    (
        "区政府常务会议和全体会议审议通过并决定印发的文件，一般应在会后3个工作日内印发。区政府常务会议、全体会议纪要由区长签发，专题会议纪要由主持会议的领导签发。",
        "lixia",
        45,
    ),
    (
        "副区长和各部门主要负责人、各街道办事处主任离开济南外出或者休假的，应当事先向区长报告，经同意后把请假报告单报区政府办公室备案。外出期间要保持通讯畅通。",
        "lixia",
        73,
    ),
];

#[test]
fn reworded_clauses_still_find_their_source() {
    let mut first = 0;
    for (draft, doc, n) in REWORDED {
        let hits = ranked(draft, &Options::default());
        let at = hits.iter().position(|(d, a)| d == doc && a == n);
        eprintln!("{doc}:{n} ranked {at:?}: {hits:?}");
        assert!(
            at.is_some_and(|i| i < 3),
            "{doc}:{n} not in the top 3 for {draft}"
        );
        first += usize::from(at == Some(0));
    }
    assert!(
        first >= REWORDED.len() - 1,
        "only {first} reworded drafts found their source first"
    );
}

#[test]
fn the_draft_itself_is_its_own_best_precedent_with_full_similarity() {
    let article = corpus().doc("lixia").unwrap().article(45).unwrap();
    let report = find(&article.text, &Options::default());
    let best = &report.pieces[0].hits[0];
    assert_eq!((best.doc.as_str(), best.article), ("lixia", 45));
    assert!(best.similarity.score > 0.99 && best.similarity.covered > 0.99);
    assert!(best.segments.iter().all(|s| s.op == guize::diff::Op::Equal));
    let scores: Vec<f32> = report.pieces[0]
        .hits
        .iter()
        .map(|h| h.similarity.score)
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "ranked best first: {scores:?}"
    );
}

#[test]
fn a_changed_deadline_shows_in_the_diff() {
    let draft = "区政府全体会议和区政府常务会议讨论通过决定印发的文件，原则上须在会议结束后3个工作日内印发。";
    let opts = Options {
        docs: vec!["lixia".to_string()],
        ..Options::default()
    };
    let report = find(draft, &opts);
    let best = &report.pieces[0].hits[0];
    assert_eq!((best.doc.as_str(), best.article), ("lixia", 45));
    let deleted: String = best
        .segments
        .iter()
        .filter(|s| s.op == guize::diff::Op::Delete)
        .map(|s| s.text.as_str())
        .collect();
    let inserted: String = best
        .segments
        .iter()
        .filter(|s| s.op == guize::diff::Op::Insert)
        .map(|s| s.text.as_str())
        .collect();
    assert!(deleted.contains('3'), "the draft's 3 is marked: {deleted}");
    assert!(inserted.contains('5'), "the precedent's 5 is marked");
    // The article goes on about minutes; the diff keeps to the passage that matches the draft.
    let passage = best
        .passage
        .as_deref()
        .expect("a passage of a longer article");
    assert!(passage.contains("工作日内印发") && !passage.contains("纪要由区长签发"));
    assert!(best.text.contains("纪要由区长签发"));
    assert!(!inserted.contains("纪要"), "{inserted}");
}

#[test]
fn a_draft_with_article_markers_gets_results_per_article() {
    let draft = "第一条 区政府实行全体会议、常务会议、区长办公会议和专题会议制度。\n第二条 作出重大行政决策前，要听取专家学者和社会公众的意见。";
    let report = find(draft, &Options::default());
    assert_eq!(report.pieces.len(), 2);
    assert_eq!(report.pieces[1].piece.label.as_deref(), Some("第二条"));
    assert!(report.pieces.iter().all(|p| !p.hits.is_empty()));
}

#[test]
fn bad_drafts_and_filters_are_clear_errors() {
    let finder = Finder::new(shared_index()).unwrap();
    let err = |draft: &str, opts: &Options| finder.find(draft, opts).unwrap_err().to_string();
    assert!(err("", &Options::default()).contains("empty or only punctuation"));
    assert!(err("，。！——", &Options::default()).contains("empty or only punctuation"));
    // An article heading with nothing after it is said to be that, not punctuation.
    let bare = err("第一条", &Options::default());
    assert!(
        bare.contains("only an article heading (第一条) with no text after it"),
        "{bare}"
    );
    let bare = err("第一条\n第二条　。", &Options::default());
    assert!(
        bare.contains("only article headings (第一条、第二条) with no text after them"),
        "{bare}"
    );
    let longest = corpus().docs.iter().map(|d| d.chars).max().unwrap();
    let opts = Options {
        max_chars: Some(longest),
        ..Options::default()
    };
    let whole: String = corpus()
        .docs
        .iter()
        .map(|d| {
            d.articles
                .iter()
                .map(|a| a.text.as_str())
                .collect::<String>()
        })
        .collect();
    assert!(err(&whole, &opts).contains("longer than") || err(&whole, &opts).contains("more than"));
    let all_out = Options {
        exclude: corpus().docs.iter().map(|d| d.id.to_string()).collect(),
        ..Options::default()
    };
    assert!(err("区政府常务会议", &all_out).contains("every document is excluded"));
    let unknown = Options {
        docs: vec!["nowhere".to_string()],
        ..Options::default()
    };
    assert!(err("区政府常务会议", &unknown).contains("nowhere"));
}

/// For every article of at least four sentences of `min_chars` characters or more, a draft made
/// of some of them (`draft_of`): how many such drafts there are, and the share that finds its own
/// article first (a near-copy elsewhere may tie; the own article must score as high as any).
fn own_article_first(
    min_chars: usize,
    draft_of: impl Fn(&[&str]) -> Option<String>,
) -> (usize, f64) {
    let (mut cases, mut first) = (0, 0);
    for doc in &corpus().docs {
        for art in &doc.articles {
            let sentences: Vec<&str> = art
                .norm
                .split_inclusive(['。', '；'])
                .filter(|s| s.chars().count() >= min_chars)
                .collect();
            if sentences.len() < 4 {
                continue;
            }
            let Some(draft) = draft_of(&sentences) else {
                continue;
            };
            cases += 1;
            let report = find(&draft, &Options::default());
            let hits = &report.pieces[0].hits;
            let own = hits
                .iter()
                .find(|h| h.doc == doc.id && h.article == art.number)
                .map(|h| h.similarity.score);
            let best = hits.first().map_or(0.0, |h| h.similarity.score);
            if own.is_some_and(|s| s >= best - 1e-4) {
                first += 1;
            } else {
                eprintln!(
                    "{}:{} own {own:?}, first {}:{} {best:.3}",
                    doc.id, art.number, hits[0].doc, hits[0].article
                );
            }
        }
    }
    (cases, first as f64 / cases.max(1) as f64)
}

/// A drafter who pastes one sentence of a long article must find that article first, although the
/// article says much else: the sentence is judged against its closest passage, not the whole.
#[test]
fn one_sentence_of_a_long_article_finds_that_article() {
    let (cases, share) = own_article_first(20, |sentences| {
        sentences
            .iter()
            .max_by_key(|s| s.chars().count())
            .map(|s| s.to_string())
    });
    eprintln!("{cases} sentences: their own article first for {share:.3}");
    assert!(cases >= 30, "only {cases} long articles");
    assert!(share >= 0.97, "own article first for only {share:.3}");
}

/// A draft of two clauses taken from far apart in one long article (its first and its last
/// sentence) should find that article first, although no run of its sentences holds both.
/// Measured at 0.903 (113 drafts; the misses are near-copies in another document that are
/// shorter); the floor guards against a change that makes it worse.
#[test]
fn two_distant_sentences_of_an_article_find_that_article() {
    let (cases, share) = own_article_first(15, |sentences| {
        Some(format!("{}{}", sentences.first()?, sentences.last()?))
    });
    eprintln!("{cases} two-sentence drafts: their own article first for {share:.3}");
    assert!(cases >= 30, "only {cases} long articles");
    assert!(share >= 0.9, "own article first for only {share:.3}");
}

/// The tester's T12: a clause pasted word for word from an article (its opening up to the first
/// ，；。 of at least 10 characters, such as 区政府常务会议由区长、副区长、区政府办公室主任组成) must
/// find that article among the first k hits, k the number of articles of the five that hold the
/// same clause (three for that one: 历下 39, 市中 52 and 周村 49). Before, BM25 over its words left long
/// articles out of the candidates and whole sentences hid a clause inside a long one: 历下 39
/// was not among the first eight.
#[test]
fn a_clause_pasted_verbatim_finds_its_article() {
    let (mut cases, mut found) = (0, 0);
    let mut misses = Vec::new();
    let norms: Vec<(String, u32, &str)> = corpus()
        .docs
        .iter()
        .flat_map(|d| {
            d.articles
                .iter()
                .map(move |a| (d.id.to_string(), a.number, a.norm.as_str()))
        })
        .collect();
    for (doc, number, text) in &norms {
        let Some(clause) = text
            .split(['，', '；', '。', '\n'])
            .next()
            .filter(|c| c.chars().count() >= 10)
        else {
            continue;
        };
        let k = norms.iter().filter(|(_, _, t)| t.contains(clause)).count();
        let hits = ranked(
            clause,
            &Options {
                limit: k.max(1),
                ..Options::default()
            },
        );
        cases += 1;
        if hits.iter().any(|(d, n)| d == doc && n == number) {
            found += 1;
        } else {
            misses.push(format!("{doc}:{number} {clause} → {:?}", hits.first()));
        }
    }
    let share = f64::from(found) / f64::from(cases);
    eprintln!("{cases} pasted clauses: own article in the top k for {share:.3}");
    for m in misses.iter().take(10) {
        eprintln!("  {m}");
    }
    assert!(cases >= 300, "only {cases} clauses");
    assert!(
        share >= 0.97,
        "own article in the top k for only {share:.3}"
    );
    // The tester's case.
    let hits = ranked(
        "区政府常务会议由区长、副区长、区政府办公室主任组成",
        &Options {
            limit: 3,
            ..Options::default()
        },
    );
    assert!(hits.contains(&("lixia".to_string(), 39)), "{hits:?}");
    assert!(hits.contains(&("shizhong".to_string(), 52)), "{hits:?}");
    assert!(hits.contains(&("zhoucun".to_string(), 49)), "{hits:?}");
}

/// A finder over an index whose generation folder a rebuild has removed (what `guize serve`
/// holds after `guize index`) still finds precedents: it reads from the open index.
#[test]
fn a_finder_works_after_the_generation_folder_is_removed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fp = index::fingerprint(&root().join("corpus")).expect("fingerprint");
    index::rebuild(dir.path(), &corpus().docs, &fp, &mut |_| {}).expect("index builds");
    let opened = index::open(dir.path()).expect("index opens");
    std::fs::remove_dir_all(opened.generation()).expect("generation removed");
    let report = Finder::new(&opened)
        .expect("finder")
        .find("区政府常务会议一般每两周召开1次。", &Options::default())
        .expect("precedents");
    assert!(!report.pieces.is_empty() && !report.pieces[0].hits.is_empty());
}

/// A clause of another family of regulations (dog law against the five work rules) still gets its
/// nearest articles, but is told that none is closer than chance; the drafts of the dev gold are
/// all told close, and most articles of three laws of other matters are not.
#[test]
fn a_draft_with_nothing_close_says_so() {
    let report = find(
        "养犬人携犬出户时，应当为犬只佩戴犬牌并束犬链，由成年人牵领。",
        &Options::default(),
    );
    let piece = &report.pieces[0];
    assert!(!piece.hits.is_empty());
    assert!(!piece.is_close(), "{:?}", piece.chance);
    assert!(piece.hits[0].similarity.score <= piece.chance.cutoff);
    assert!(piece.chance.pairs > 10_000, "{:?}", piece.chance);
    // Above chance by a few shared words, holding 3% of the draft: no precedent.
    let report = find(
        "本省行政区域内的法治宣传教育，适用本条例。",
        &Options::default(),
    );
    let piece = &report.pieces[0];
    assert!(
        !piece.is_close(),
        "{:?}",
        piece.hits.first().map(|h| h.similarity)
    );
    // A sentence of an article is close to that article.
    let report = find("区政府常务会议一般每两周召开1次。", &Options::default());
    assert!(report.pieces[0].is_close());
    let (mut pieces, mut far) = (0, 0);
    let (mut articles, mut articles_far) = (0, 0);
    for name in ["peichang.md", "fazhi.md", "peishenyuan.md"] {
        let path = root().join("tests/data/docs").join(name);
        let text = std::fs::read_to_string(&path).expect("law file");
        let law = guize::parse::parse(guize::parse::Source {
            id: guize::model::DocId(name.into()),
            path: &path,
            text: &text,
            kind: guize::parse::SourceKind::Markdown,
            meta: Default::default(),
        });
        for a in &law.articles {
            let report = find(&a.text, &Options::default());
            articles += 1;
            articles_far += usize::from(report.pieces.iter().all(|p| !p.is_close()));
            for p in report.pieces {
                pieces += 1;
                far += usize::from(!p.is_close());
            }
        }
    }
    let share = far as f64 / pieces as f64;
    eprintln!("{pieces} pieces of three laws of other matters: told not close {share:.3}");
    let whole = articles_far as f64 / articles as f64;
    eprintln!("{articles} articles of them: none of their pieces close {whole:.3}");
    // 0.679 on similarity above chance alone; 0.725 with a close hit holding a tenth of the draft
    // (109 articles, each one piece). Since a paragraph is cut where its sentences find different
    // articles, four of the articles told close are cut into more pieces, each close (113 pieces,
    // 0.699 of them not close); no article told nothing close before is told otherwise: 0.725.
    // With a close hit well above chance (`precedent::WELL_ABOVE` 0.5: the 95th percentile plus
    // half its distance from the median, chosen keeping every gold draft close), 0.881 of the
    // articles (110 pieces, 0.873 of them not close).
    assert!(
        whole >= 0.88,
        "only {whole:.3} of the articles told nothing close"
    );
    assert!(
        share >= 0.87,
        "only {share:.3} of the pieces told not close"
    );
}

/// The gold drafts are all told close (their equivalents are real precedents): 69 of 70.
#[test]
fn gold_drafts_are_told_close() {
    let gold: Gold =
        serde_json::from_str(&std::fs::read_to_string(gold_path()).expect("gold file"))
            .expect("gold parses");
    let (mut cases, mut close) = (0usize, 0usize);
    for group in gold
        .groups
        .iter()
        .filter(|g| g.members.len() > 1)
        .step_by(3)
    {
        for (doc, numbers) in &group.members {
            for &n in numbers {
                let article = corpus().doc(doc).unwrap().article(n).unwrap();
                let opts = Options {
                    exclude: vec![doc.clone()],
                    ..Options::default()
                };
                cases += 1;
                close += usize::from(find(&article.text, &opts).pieces[0].is_close());
            }
        }
    }
    assert!(cases >= 50, "{cases}");
    assert!(close as f64 >= 0.98 * cases as f64, "{close} of {cases}");
}

/// A draft in traditional characters finds what its simplified form finds, as close, and is
/// shown as the user wrote it.
#[test]
fn a_traditional_draft_finds_what_its_simplified_form_finds() {
    let simplified = find(
        "区政府常务会议一般每两周召开1次，由区长召集。",
        &Options::default(),
    );
    let traditional = find(
        "區政府常務會議一般每兩周召開1次，由區長召集。",
        &Options::default(),
    );
    let (s, t) = (&simplified.pieces[0], &traditional.pieces[0]);
    assert_eq!(
        t.piece.text,
        "區政府常務會議一般每兩周召開1次，由區長召集。"
    );
    let hits = |p: &guize::precedent::PieceHits| -> Vec<(String, u32, String)> {
        p.hits
            .iter()
            .map(|h| {
                let sim = format!("{:.4}", h.similarity.score);
                (h.doc.to_string(), h.article, sim)
            })
            .collect()
    };
    assert_eq!(hits(s), hits(t));
    // The draft's side of the diff is the draft as written.
    for h in &t.hits {
        let draft: String = h
            .segments
            .iter()
            .filter(|x| x.op == guize::diff::Op::Delete)
            .map(|x| x.text.as_str())
            .collect();
        assert!(!draft.contains('区') && !draft.contains("会议"), "{draft}");
        // Equal + Delete rebuild the draft as written, Equal + Insert the precedent.
        let side = |skip: guize::diff::Op| -> String {
            h.segments
                .iter()
                .filter(|x| x.op != skip)
                .map(|x| x.text.as_str())
                .collect()
        };
        assert_eq!(side(guize::diff::Op::Insert), t.piece.text);
        assert!(!side(guize::diff::Op::Delete).contains('區'));
    }
    // Traditional and full-width at once: both shown as typed.
    let typed = "區政府常務會議每两周召开１次";
    let both = find(typed, &Options::default());
    for h in &both.pieces[0].hits {
        let draft: String = h
            .segments
            .iter()
            .filter(|x| x.op != guize::diff::Op::Insert)
            .map(|x| x.text.as_str())
            .collect();
        assert_eq!(draft, typed);
    }
}

/// The weights of a draft's words: a word that names the matter (请假) outweighs the words every
/// work rule and every regulation say (区政府, 工作人员, 应当, 经, 批准), by rarity both in the
/// corpus and in regulations at large.
#[test]
fn a_defining_word_outweighs_the_common_ones() {
    let finder = Finder::new(shared_index()).expect("finder");
    let draft = "区政府工作人员请假，应当经分管领导批准。";
    let terms = finder.explain(draft, draft).expect("weights");
    let weight = |t: &str| {
        terms
            .iter()
            .find(|(x, _, _)| x == t)
            .map(|(_, w, _)| *w)
            .unwrap_or_else(|| panic!("{t} in {terms:?}"))
    };
    for common in ["区政府", "工作人员", "应当", "经", "批准"] {
        assert!(
            weight("请假") > weight(common),
            "请假 {} vs {common} {}",
            weight("请假"),
            weight(common)
        );
    }
    // The purpose clause of a draft finds the purpose clauses (第一条 of each) first.
    let report = find(
        "第一条 为了规范区政府工作，制定本规则。",
        &Options::default(),
    );
    let firsts: Vec<u32> = report.pieces[0]
        .hits
        .iter()
        .take(3)
        .map(|h| h.article)
        .collect();
    assert_eq!(firsts, [1, 1, 1]);
}

/// A pasted paragraph that states several matters gets precedents for each: two consecutive
/// articles of one document that the dev gold puts in different groups, pasted as one paragraph
/// with their document left out, come back as two pieces cut where the first ends, each finding
/// an equivalent of its own article first. Single articles of the gold stay one piece.
#[test]
fn a_paragraph_of_several_matters_is_cut_between_them() {
    let gold: Gold =
        serde_json::from_str(&std::fs::read_to_string(gold_path()).expect("gold file"))
            .expect("gold parses");
    let group_of = |doc: &str, n: u32| {
        gold.groups.iter().position(|g| {
            g.members.len() > 1 && g.members.get(doc).is_some_and(|ns| ns.contains(&n))
        })
    };
    let (mut pairs, mut cut_right, mut both_found) = (0, 0, 0);
    let (mut singles, mut singles_cut) = (0, 0);
    for doc in &corpus().docs {
        let id = doc.id.to_string();
        let opts = Options {
            exclude: vec![id.clone()],
            ..Options::default()
        };
        for pair in doc.articles.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let (Some(ga), Some(gb)) = (group_of(&id, a.number), group_of(&id, b.number)) else {
                continue;
            };
            if ga == gb || a.norm.contains('\n') || b.norm.contains('\n') {
                continue;
            }
            if a.norm.chars().count() + b.norm.chars().count() > 500 {
                continue;
            }
            pairs += 1;
            let report = find(&format!("{}{}", a.norm.trim(), b.norm.trim()), &opts);
            if report.pieces.len() == 2 && report.pieces[0].piece.text == a.norm.trim() {
                cut_right += 1;
                let found = |k: usize, g: usize| {
                    report.pieces[k].hits.first().is_some_and(|h| {
                        gold.groups[g]
                            .members
                            .get(h.doc.as_str())
                            .is_some_and(|ns| ns.contains(&h.article))
                    })
                };
                both_found += usize::from(found(0, ga) && found(1, gb));
            } else {
                eprintln!(
                    "{id} {}+{}: {} pieces",
                    a.number,
                    b.number,
                    report.pieces.len()
                );
            }
        }
        for a in &doc.articles {
            if group_of(&id, a.number).is_none() {
                continue;
            }
            singles += 1;
            let report = find(&a.text, &opts);
            if report.pieces.len() > 1 {
                singles_cut += 1;
                eprintln!("{id} {} cut into {}", a.number, report.pieces.len());
            }
        }
    }
    let (right, found, cut) = (
        cut_right as f64 / pairs as f64,
        both_found as f64 / pairs as f64,
        singles_cut as f64 / singles as f64,
    );
    eprintln!(
        "{pairs} pasted pairs: cut where they part {right:.3}, each piece's own first {found:.3}; \
         {singles} single articles: cut {cut:.3}"
    );
    assert!(pairs >= 50, "only {pairs} pairs");
    // Measured 5 December 2026: 121 pairs, cut where they part 0.678 (0 before the cut by
    // matter), each piece's own equivalent first 0.669; single articles cut 0.064 (13 of 204,
    // 0.005 before: articles that do hold several matters, such as 环翠 25's 论证, 合法性审查 and
    // 执行评估, which the others write as three articles).
    assert!(right >= 0.65, "cut where they part for only {right:.3}");
    assert!(found >= 0.64, "each piece's own first for only {found:.3}");
    assert!(cut <= 0.07, "{cut:.3} of single articles cut");
}
