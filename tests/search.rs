//! Search on the real corpus: quality against the gold queries, compounds, query syntax, filters,
//! index freshness and the command line.

mod shared;

use guize::corpus::Corpus;
use guize::index::{self, Filter, GoldFile, Rebuilt, SearchIndex, TopicGold, TopicQuery};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| Corpus::load(&corpus_dir()).expect("the shipped corpus loads"))
}

/// One index of the shipped corpus for the whole test binary, in a temporary folder.
fn shared_index() -> &'static SearchIndex {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"));
        let fp = index::fingerprint(&corpus_dir()).expect("fingerprint");
        index::rebuild(dir.path(), &corpus().docs, &fp, &mut |_| {}).expect("index builds");
        let idx = index::open(dir.path()).expect("index opens");
        // The group topics, as a command that aligns stores them (read on the first search).
        let docs: Vec<&guize::Regulation> = corpus().docs.iter().collect();
        let alignment = guize::align::align_docs(&docs);
        index::topics::store_topics(&index::cache::Place::of(&idx), &corpus().docs, &alignment)
            .expect("topics stored");
        idx
    })
}

fn top(query: &str, filter: &Filter, limit: usize) -> Vec<(String, u32)> {
    shared_index()
        .search(query, filter, limit)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .hits
        .iter()
        .map(|h| (h.doc.to_string(), h.article))
        .collect()
}

fn article_text(doc: &str, n: u32) -> &'static str {
    &corpus().doc(doc).unwrap().article(n).unwrap().text
}

#[test]
fn gold_queries_reach_the_pinned_scores() {
    let gold = dev_questions();
    let report = index::evaluate(shared_index(), &gold, 10).unwrap();
    for q in &report.queries {
        eprintln!(
            "recall {:.2} nDCG {:.2} {} missed {:?}",
            q.recall, q.ndcg, q.query, q.missed
        );
    }
    eprintln!("recall@10 {:.3} nDCG@10 {:.3}", report.recall, report.ndcg);
    // Measured 0.937 and 0.885 (0.937 and 0.900 before the rarity weights and the group's best
    // opening, 0.933 and 0.894 before the list-aware rerank, 0.937 and 0.891 before the clause
    // groups).
    assert!(
        report.recall >= 0.93,
        "recall@10 fell to {:.3}",
        report.recall
    );
    assert!(report.ndcg >= 0.88, "nDCG@10 fell to {:.3}", report.ndcg);
}

#[test]
fn the_index_holds_every_article() {
    let articles: usize = corpus().docs.iter().map(|d| d.articles.len()).sum();
    assert_eq!(shared_index().num_articles(), articles as u64);
    assert_eq!(shared_index().meta().docs.len(), corpus().docs.len());
}

#[test]
fn a_word_finds_the_compound_it_is_part_of() {
    // 会议 finds an article that only says 区长办公会议, not 会议 on its own.
    let hits = top("会议", &Filter::default(), 1000);
    let compound_only = hits.iter().find(|(d, n)| {
        let t = article_text(d, *n);
        t.contains("区长办公会议") && t.replace("区长办公会议", "").find("会议").is_none()
    });
    assert!(
        compound_only.is_some() || hits.len() > 50,
        "会议 misses 区长办公会议"
    );
    let hits = top("请假", &Filter::default(), 1000);
    assert!(
        hits.iter()
            .any(|(d, n)| article_text(d, *n).contains("请销假")
                && !article_text(d, *n).contains("请假")),
        "请假 does not find 请销假"
    );
}

#[test]
fn phrases_must_occur_and_exclusions_drop_articles() {
    let hits = top("\"区长办公会议\"", &Filter::default(), 1000);
    assert!(!hits.is_empty());
    for (d, n) in &hits {
        assert!(article_text(d, *n).contains("区长办公会议"), "{d}:{n}");
    }
    let hits = top("会议 -区长办公会议", &Filter::default(), 1000);
    assert!(!hits.is_empty());
    for (d, n) in &hits {
        assert!(!article_text(d, *n).contains("区长办公会议"), "{d}:{n}");
    }
}

#[test]
fn filters_by_document_and_chapter() {
    let only_lixia = Filter {
        docs: vec!["历下".to_string()],
        chapter: None,
    };
    let hits = top("常务会议", &only_lixia, 100);
    assert!(!hits.is_empty() && hits.iter().all(|(d, _)| d == "lixia"));
    let lixia = corpus().doc("lixia").unwrap();
    let chapter = lixia.articles[lixia.articles.len() / 2].chapter.clone();
    let by_number = Filter {
        docs: vec!["lixia".to_string()],
        chapter: Some(chapter.number.to_string()),
    };
    for (_, n) in top("区政府", &by_number, 100) {
        assert_eq!(lixia.article(n).unwrap().chapter.number, chapter.number);
    }
    let by_title = Filter {
        docs: vec![],
        chapter: Some(chapter.title.clone()),
    };
    for (d, n) in top("区政府", &by_title, 100) {
        let title = &corpus().doc(&d).unwrap().article(n).unwrap().chapter.title;
        assert!(title.contains(&chapter.title), "{d}:{n} is in {title}");
    }
}

#[test]
fn bad_queries_are_clear_errors() {
    let idx = shared_index();
    for q in ["", "   ", "，。！", "的 了 吗", "-会议"] {
        let err = idx
            .search(q, &Filter::default(), 10)
            .unwrap_err()
            .to_string();
        assert!(err.contains("nothing to search for"), "{q:?}: {err}");
    }
    let unknown_doc = Filter {
        docs: vec!["nowhere".to_string()],
        chapter: None,
    };
    let err = idx
        .search("会议", &unknown_doc, 10)
        .unwrap_err()
        .to_string();
    assert!(err.contains("nowhere") && err.contains("lixia"), "{err}");
    let unknown_chapter = Filter {
        docs: vec![],
        chapter: Some("不存在的章".to_string()),
    };
    let err = idx
        .search("会议", &unknown_chapter, 10)
        .unwrap_err()
        .to_string();
    assert!(err.contains("no chapter") && err.contains("总则"), "{err}");
    // An empty chapter names none (as an empty --doc names no document).
    let empty_chapter = Filter {
        docs: vec![],
        chapter: Some(String::new()),
    };
    let err = idx
        .search("会议", &empty_chapter, 10)
        .unwrap_err()
        .to_string();
    assert!(err.contains("no chapter ''"), "{err}");
    // A number no document has: each document's range of chapters, never the articles outside
    // any chapter (number 0), never one number listed several times without its document.
    let no_such_number = Filter {
        docs: vec![],
        chapter: Some("999".to_string()),
    };
    let err = idx
        .search("会议", &no_such_number, 10)
        .unwrap_err()
        .to_string();
    let list = err.split_once("chapters: ").map_or("", |(_, l)| l);
    assert!(list.contains("lixia 1–14"), "{err}");
    let entries: Vec<&str> = list.split("; ").collect();
    assert_eq!(entries.len(), 5, "one entry per document: {err}");
    assert!(
        entries
            .iter()
            .all(|e| !e.ends_with(" 0") && !e.contains(" 0–")),
        "{err}"
    );
}

/// The query language has no operators: `AND`, `OR` or a slip no article says is a word that
/// matches nothing, and it must not change the other words' ranking or scores (before, it
/// weighed as the rarest word in the rerank, so `常务会议 AND` lowered every score from 3.21 to
/// 1.18 and reordered the articles on 常务会议).
#[test]
fn a_word_no_article_says_changes_no_score() {
    let idx = shared_index();
    let scored = |q: &str| -> Vec<(String, u32, f32)> {
        idx.search(q, &Filter::default(), 20)
            .unwrap_or_else(|e| panic!("{q}: {e}"))
            .hits
            .iter()
            .map(|h| (h.doc.to_string(), h.article, h.score))
            .collect()
    };
    for (plain, noisy) in [
        ("常务会议", "常务会议 AND"),
        ("常务会议", "OR 常务会议"),
        ("公文 签发", "公文 AND 签发 qzxv"),
        ("法律顾问", "法律顾问 龘龘"),
    ] {
        let (a, b) = (scored(plain), scored(noisy));
        assert!(!a.is_empty(), "{plain}");
        assert_eq!(a, b, "{noisy:?} ranks or scores otherwise than {plain:?}");
    }
    // A query of such words alone still finds nothing, without an error.
    let none = idx.search("qzxv", &Filter::default(), 10).unwrap();
    assert!(none.hits.is_empty());
}

#[test]
fn snippets_highlight_query_words_on_char_boundaries() {
    let report = shared_index()
        .search("常务会议", &Filter::default(), 10)
        .unwrap();
    assert!(report.total >= 5);
    for hit in &report.hits {
        assert!(
            !hit.snippet.highlights.is_empty(),
            "{}:{}",
            hit.doc,
            hit.article
        );
        for r in &hit.snippet.highlights {
            assert!(
                hit.snippet.text.is_char_boundary(r.start)
                    && hit.snippet.text.is_char_boundary(r.end)
            );
        }
    }
}

#[test]
fn similar_text_finds_its_own_article_first() {
    let lixia = corpus().doc("lixia").unwrap();
    let article = &lixia.articles[lixia.articles.len() / 3];
    let hits = shared_index()
        .similar(&article.text, &Filter::default(), 5)
        .unwrap();
    assert_eq!(
        (hits[0].doc.as_str(), hits[0].article),
        ("lixia", article.number)
    );
}

#[test]
fn a_stale_missing_or_damaged_index_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let fp = index::fingerprint(&corpus_dir()).unwrap();
    let load = || Ok(&corpus().docs[..]);
    let (_, why) = index::open_or_build(dir.path(), &fp, load, &mut |_| {}).unwrap();
    assert_eq!(why, Rebuilt::Missing);
    let (_, why) = index::open_or_build(dir.path(), &fp, load, &mut |_| {}).unwrap();
    assert_eq!(why, Rebuilt::No);
    // Damage the live generation: its tantivy metadata becomes garbage.
    let current = std::fs::read_to_string(dir.path().join("CURRENT")).unwrap();
    std::fs::write(dir.path().join(current.trim()).join("meta.json"), "garbage").unwrap();
    let (idx, why) = index::open_or_build(dir.path(), &fp, load, &mut |_| {}).unwrap();
    assert_eq!(why, Rebuilt::Corrupt);
    assert!(idx.search("会议", &Filter::default(), 3).unwrap().total > 0);
    let (idx, why) = index::open_or_build(dir.path(), "another corpus", load, &mut |_| {}).unwrap();
    assert_eq!(why, Rebuilt::Stale);
    assert_eq!(idx.meta().fingerprint, "another corpus");
    // Only the live generation is left behind.
    let gens = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("gen-")
        })
        .count();
    assert_eq!(gens, 1);
}

#[test]
fn the_fingerprint_follows_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "第一条 甲").unwrap();
    let before = index::fingerprint(dir.path()).unwrap();
    assert_eq!(before, index::fingerprint(dir.path()).unwrap());
    std::fs::write(dir.path().join("a.txt"), "第一条 乙").unwrap();
    assert_ne!(before, index::fingerprint(dir.path()).unwrap());
}

/// Topic queries (the usual name of a matter): the articles whose main matter it is are found in
/// the first k places, k being their number (R-precision), averaged over the held gold queries
/// of `tests/data/topic-queries-dev.json`.
#[test]
fn topic_queries_find_the_defining_articles_first() {
    let report =
        index::evaluate_topics(shared_index(), &topic_gold(), &index::RankParams::default())
            .expect("topics evaluate");
    for q in &report.queries {
        eprintln!("{:.2} {} missed {:?}", q.r_precision, q.query, q.missed);
    }
    let mean = report.r_precision;
    eprintln!("topic R-precision {mean:.3}");
    // Measured 0.940 with the word-vector expansion of rare query words (0.915 before: 放管服
    // now finds 环翠's 简政放权、放管结合、优化服务), 0.855 without the groups, 0.695 before
    // sub-words and the rerank; still 0.940 with the rarity weights and the group's best opening
    // (issue 12 part 3). Misses: 历下's other 政务公开 articles, a lone 绩效 article.
    assert!(mean >= 0.9, "topic R-precision fell to {mean:.3}");
}

#[test]
fn a_query_segmenter_of_the_query_terms_cuts_as_the_whole_vocabulary() {
    let idx = shared_index();
    let whole = idx.query_segmenter().unwrap();
    let mut queries: Vec<String> = vec![
        "区政府常务会议一般每两周召开1次".into(),
        "请销假制度 外出".into(),
        "ABC农业机械化2024年".into(),
    ];
    // Openings and middles of every article: real wording, compounds and numbers included.
    for a in corpus().docs.iter().flat_map(|d| &d.articles) {
        let chars: Vec<char> = a.norm.chars().collect();
        queries.push(chars.iter().take(24).collect());
        queries.push(chars.iter().skip(chars.len() / 2).take(40).collect());
    }
    let words = |seg: &guize::segment::Segmenter, q: &str| -> Vec<String> {
        seg.tokens(q).iter().map(|t| t.text.to_string()).collect()
    };
    for q in &queries {
        let own = idx.segmenter_for(q).unwrap();
        assert_eq!(words(&own, q), words(whole, q), "query {q}");
    }
}

fn topic_gold() -> TopicGold {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/topic-queries-dev.json");
    TopicGold::load(&path).expect("topic gold")
}

/// Mean R-precision of the topic queries with `params`.
fn topic_score(gold: &TopicGold, params: &index::RankParams) -> f64 {
    index::evaluate_topics(shared_index(), gold, params)
        .expect("topics evaluate")
        .r_precision
}

/// The dev questions (`tests/data/queries-dev.json`) the weight grids are scored on.
fn dev_questions() -> GoldFile {
    GoldFile::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/queries-dev.json"))
        .expect("gold file")
}

/// One weight of the grid: its values and how to set it.
type Axis = (&'static [f32], fn(&mut index::RankParams, f32));

/// The grid the second stage's weights were chosen from: every setting scored on both query sets
/// (topic R-precision and recall@10 / nDCG@10 of the dev questions), best sum first. Run with
/// `cargo test --release --test search -- --ignored rank_grid --nocapture`.
#[test]
#[ignore]
fn rank_grid() {
    let topics = topic_gold();
    let gold = dev_questions();
    let mut grid = vec![index::RankParams::default()];
    let axes: [Axis; 7] = [
        (&[1.0, 0.5, 0.25, 0.1], |p, v| p.bm25_power = v),
        (&[0.0, 0.2, 0.4], |p, v| p.opening = v),
        (&[0.0, 0.1], |p, v| p.dense = v),
        (&[0.0, 0.1], |p, v| p.lead = v),
        (&[0.0, 0.1, 0.2, 0.3, 0.4], |p, v| p.subject = v),
        (&[0.0, 0.1, 0.2, 0.4], |p, v| p.listed = v),
        (&[0.0, 0.1], |p, v| p.chapter = v),
    ];
    for (values, set) in axes {
        grid = grid
            .iter()
            .flat_map(|p| {
                values.iter().map(move |&v| {
                    let mut p = *p;
                    set(&mut p, v);
                    p
                })
            })
            .collect();
    }
    grid = grid
        .iter()
        .flat_map(|p| [true, false].map(|count_listed| index::RankParams { count_listed, ..*p }))
        .collect();
    let mut rows = Vec::new();
    for p in grid {
        let topic = topic_score(&topics, &p);
        let r = index::evaluate_with(shared_index(), &gold, 10, &p).unwrap();
        rows.push((topic, r.recall, r.ndcg, p));
    }
    rows.sort_by(|a, b| (b.0 + b.1).total_cmp(&(a.0 + a.1)));
    // Not a criterion, a look at the README's example: 常务会议's five defining articles.
    let meeting = TopicGold {
        queries: vec![TopicQuery {
            query: "常务会议".to_string(),
            defining: [
                ("lixia", 39),
                ("shizhong", 52),
                ("yanzhou", 43),
                ("zhoucun", 49),
                ("huancui", 43),
            ]
            .map(|(d, n)| (d.to_string(), n))
            .to_vec(),
        }],
    };
    for (topic, recall, ndcg, p) in rows.iter().take(40) {
        let m = topic_score(&meeting, p);
        eprintln!("topic {topic:.3} recall {recall:.3} ndcg {ndcg:.3} 常务会议 {m:.1} {p:?}");
    }
}

/// The README's first example: the articles that regulate 区政府常务会议 (its members, by the
/// subject of their opening clause) come before the articles that list it among the meetings.
#[test]
fn the_articles_about_a_meeting_come_before_the_lists_of_meetings() {
    let hits = top("常务会议", &Filter::default(), 10);
    // The five that define it (members, convener, tasks) take the first five places.
    let defining = [
        ("lixia", 39),
        ("shizhong", 52),
        ("yanzhou", 43),
        ("zhoucun", 49),
        ("huancui", 43),
    ];
    for d in defining {
        assert!(
            hits[..5].contains(&(d.0.to_string(), d.1)),
            "{d:?} not in the first five: {hits:?}"
        );
    }
    // 区政府实行全体会议、常务会议、区长办公会议、专题会议制度: a list, not the matter.
    for listing in [
        ("lixia", 37),
        ("yanzhou", 41),
        ("zhoucun", 47),
        ("huancui", 41),
    ] {
        assert!(
            !hits.contains(&(listing.0.to_string(), listing.1)),
            "{listing:?} in the first ten: {hits:?}"
        );
    }
}

/// A matter named in other words is found through the word vectors: 环翠 第十六条 says
/// 简政放权、放管结合、优化服务 and never 放管服, a word so rare in the five (under 5% of the
/// articles) that its neighbours are searched too (简政放权 among them); without the expansion,
/// with the weights of before (no rarity, no group-best, opening 0.4), it stayed out of the first
/// four. (With today's weights the group's best opening, 放管服 in its mates', puts it there too.)
#[test]
fn a_rare_query_word_finds_the_article_that_says_it_otherwise() {
    let hits = top("放管服", &Filter::default(), 4);
    assert!(
        hits.contains(&("huancui".to_string(), 16)),
        "huancui 16 not in the first four: {hits:?}"
    );
    let plain = index::RankParams {
        expand: 0.0,
        ..index::RankParams::default()
    };
    let before = index::RankParams {
        rarity: 0.0,
        group_best: 0.0,
        opening: 0.4,
        lift: 0.0,
        ..plain
    };
    let without: Vec<(String, u32)> = shared_index()
        .search_with("放管服", &Filter::default(), 4, &before)
        .unwrap()
        .hits
        .iter()
        .map(|h| (h.doc.to_string(), h.article))
        .collect();
    assert!(
        !without.contains(&("huancui".to_string(), 16)),
        "{without:?}"
    );
    // A common word is not expanded: 常务会议 is in a quarter of the articles.
    assert_eq!(
        top("常务会议", &Filter::default(), 10),
        shared_index()
            .search_with("常务会议", &Filter::default(), 10, &plain)
            .unwrap()
            .hits
            .iter()
            .map(|h| (h.doc.to_string(), h.article))
            .collect::<Vec<_>>()
    );
}

/// Leave-one-query-out cross-validation of the group weights: for each topic query, the setting
/// of the grid best on the other queries (mean R-precision, with recall@10 of the dev questions
/// at least 0.93) is scored on the query left out. Run with
/// `cargo test --release --test search -- --ignored group_cross_validation --nocapture`.
#[test]
#[ignore]
fn group_cross_validation() {
    let topics = topic_gold();
    let gold = dev_questions();
    let mut grid = Vec::new();
    for &bm25_power in &[0.25f32, 0.5] {
        for &opening in &[0.2f32, 0.4] {
            for &group in &[0.0f32, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8] {
                for &label in &[0.0f32, 0.1, 0.2] {
                    grid.push(index::RankParams {
                        bm25_power,
                        opening,
                        group,
                        label,
                        ..index::RankParams::default()
                    });
                }
            }
        }
    }
    // Per setting: each topic query's R-precision and the dev recall@10.
    let rows: Vec<(Vec<f64>, f64, index::RankParams)> = grid
        .iter()
        .map(|p| {
            let r = index::evaluate_topics(shared_index(), &topics, p).unwrap();
            let recall = index::evaluate_with(shared_index(), &gold, 10, p)
                .unwrap()
                .recall;
            (
                r.queries.iter().map(|q| q.r_precision).collect(),
                recall,
                *p,
            )
        })
        .collect();
    let n = topics.queries.len();
    let mean_without = |row: &[f64], out: Option<usize>| -> f64 {
        let kept: Vec<f64> = (0..n).filter(|&i| Some(i) != out).map(|i| row[i]).collect();
        kept.iter().sum::<f64>() / kept.len() as f64
    };
    let best = |out: Option<usize>| {
        rows.iter()
            .filter(|r| r.1 >= 0.93)
            .max_by(|a, b| {
                (mean_without(&a.0, out) + a.1).total_cmp(&(mean_without(&b.0, out) + b.1))
            })
            .expect("a setting keeps recall")
    };
    let mut held_out = Vec::new();
    for (i, q) in topics.queries.iter().enumerate() {
        let (scores, recall, p) = best(Some(i));
        eprintln!(
            "left out {}: {:.2} (group {} label {} opening {} power {}, recall {recall:.3})",
            q.query, scores[i], p.group, p.label, p.opening, p.bm25_power
        );
        held_out.push(scores[i]);
    }
    let cv = held_out.iter().sum::<f64>() / n as f64;
    let (scores, recall, p) = best(None);
    eprintln!(
        "cross-validated R-precision {cv:.3}; on all queries {:.3} recall {recall:.3} with {p:?}",
        mean_without(scores, None)
    );
    for (scores, recall, p) in rows.iter().filter(|r| r.2.group == 0.0 && r.2.label == 0.0) {
        eprintln!(
            "without groups: {:.3} recall {recall:.3} {p:?}",
            mean_without(scores, None)
        );
    }
}

/// The thirteen dev families of topic queries besides the five work rules (dogs, lifts, smoking,
/// water, blood: four 献血条例 with sixteen queries a tester wrote from the texts; dust: four
/// 扬尘污染防治条例; schools: four 中小学校幼儿园规划建设条例; heating: four 供热条例; drinking:
/// four 饮用水水源保护条例; since the nineteenth round the four the blind annotators' queries
/// came with: vehicles, inspection, volunteer, budget; later supply, waste, greening, civility,
/// science, aid, and since the twenty-seventh round quake and farm), each indexed in a temporary
/// folder that lives as long as this value.
struct DevFamilies {
    indexes: Vec<(&'static str, tempfile::TempDir, SearchIndex, &'static str)>,
}

impl DevFamilies {
    fn index() -> DevFamilies {
        let families = [
            ("dogs", "alignment-dev-dogs.json", "topic-queries-dogs.json"),
            (
                "lifts",
                "topic-queries-lifts.json",
                "topic-queries-lifts.json",
            ),
            (
                "smoking",
                "topic-queries-smoking.json",
                "topic-queries-smoking.json",
            ),
            (
                "water",
                "topic-queries-water.json",
                "topic-queries-water.json",
            ),
            (
                "blood",
                "topic-queries-blood.json",
                "topic-queries-blood.json",
            ),
            ("dust", "topic-queries-dust.json", "topic-queries-dust.json"),
            (
                "schools",
                "topic-queries-schools.json",
                "topic-queries-schools.json",
            ),
            (
                "heating",
                "topic-queries-heating.json",
                "topic-queries-heating.json",
            ),
            (
                "drinking",
                "topic-queries-drinking.json",
                "topic-queries-drinking.json",
            ),
            (
                "vehicles",
                "topic-queries-vehicles.json",
                "topic-queries-vehicles.json",
            ),
            (
                "inspection",
                "topic-queries-inspection.json",
                "topic-queries-inspection.json",
            ),
            (
                "volunteer",
                "topic-queries-volunteer.json",
                "topic-queries-volunteer.json",
            ),
            (
                "budget",
                "topic-queries-budget.json",
                "topic-queries-budget.json",
            ),
            (
                "supply",
                "topic-queries-supply.json",
                "topic-queries-supply.json",
            ),
            (
                "waste",
                "topic-queries-waste.json",
                "topic-queries-waste.json",
            ),
            (
                "greening",
                "topic-queries-greening.json",
                "topic-queries-greening.json",
            ),
            (
                "civility",
                "topic-queries-civility.json",
                "topic-queries-civility.json",
            ),
            (
                "science",
                "topic-queries-science.json",
                "topic-queries-science.json",
            ),
            ("aid", "topic-queries-aid.json", "topic-queries-aid.json"),
            (
                "quake",
                "topic-queries-quake.json",
                "topic-queries-quake.json",
            ),
            ("farm", "topic-queries-farm.json", "topic-queries-farm.json"),
        ];
        DevFamilies {
            indexes: families
                .into_iter()
                .map(|(name, sources, topics)| {
                    let (dir, idx) = family_index(sources);
                    (name, dir, idx, topics)
                })
                .collect(),
        }
    }

    /// The five work rules and the other families, each with its topic queries, in that order.
    fn sets(&self) -> Vec<(&'static str, &SearchIndex, TopicGold)> {
        let mut sets = vec![("five", shared_index(), topic_gold())];
        for (name, _, idx, topics) in &self.indexes {
            sets.push((*name, idx, family_topics(topics)));
        }
        sets
    }
}

/// An index of a family of lawrefbook regulations (the `sources` of an alignment gold: each file
/// copied as `<id>.md`), with its group topics stored, in a temporary folder kept with it.
fn family_index(gold: &str) -> (tempfile::TempDir, SearchIndex) {
    #[derive(serde::Deserialize)]
    struct Sources {
        sources: std::collections::BTreeMap<String, String>,
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/data").join(gold)).expect("gold file");
    let sources: Sources = serde_json::from_str(&text).expect("gold parses");
    index_of_sources(&sources.sources)
}

/// The first `wanted.len()` hits for `query` on the family of `gold`: asserts that the defaults
/// place every `wanted` article there, and returns the first hits under `off` (the rule under
/// test turned off), for the caller to assert that they differ.
fn first_with_and_without(
    gold: &str,
    query: &str,
    wanted: &[(&str, u32)],
    off: index::RankParams,
) -> Vec<(String, u32)> {
    let (_dir, idx) = family_index(gold);
    let first = |params: &index::RankParams| -> Vec<(String, u32)> {
        idx.search_with(query, &Filter::default(), wanted.len(), params)
            .expect("search")
            .hits
            .iter()
            .map(|h| (h.doc.to_string(), h.article))
            .collect()
    };
    let with = first(&index::RankParams::default());
    for (doc, n) in wanted {
        assert!(
            with.contains(&(doc.to_string(), *n)),
            "{doc} {n} not in the first {}: {with:?}",
            wanted.len()
        );
    }
    first(&off)
}

/// An index of lawrefbook files (`id` → path under `corpora/lawrefbook`), with its group topics.
fn index_of_sources(
    sources: &std::collections::BTreeMap<String, String>,
) -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("corpus");
    shared::copy_sources(sources, &docs);
    let corpus = Corpus::load(&docs).expect("family corpus loads");
    let fp = index::fingerprint(&docs).expect("fingerprint");
    let at = dir.path().join("index");
    index::rebuild(&at, &corpus.docs, &fp, &mut |_| {}).expect("index builds");
    let idx = index::open(&at).expect("index opens");
    let refs: Vec<&guize::Regulation> = corpus.docs.iter().collect();
    let alignment = guize::align::align_docs(&refs);
    index::topics::store_topics(&index::cache::Place::of(&idx), &corpus.docs, &alignment)
        .expect("topics stored");
    (dir, idx)
}

/// Another family: topic queries on the four 养犬管理条例 (`tests/data/topic-queries-dogs.json`,
/// defining articles judged by reading), with and without the clause groups. Used with the five
/// and the lifts to choose the rarity and group-best weights (docs/search-ranking.md, src/index/).
#[test]
fn topic_queries_on_the_dogs_family() {
    let (_dir, idx) = family_index("alignment-dev-dogs.json");
    let gold = TopicGold::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/topic-queries-dogs.json"),
    )
    .expect("dogs topic gold");
    let with = index::evaluate_topics(&idx, &gold, &index::RankParams::default()).unwrap();
    let without = index::RankParams {
        group: 0.0,
        label: 0.0,
        ..index::RankParams::default()
    };
    let without = index::evaluate_topics(&idx, &gold, &without).unwrap();
    for (q, w) in with.queries.iter().zip(&without.queries) {
        eprintln!(
            "{:.2} (without groups {:.2}) {} missed {:?}",
            q.r_precision, w.r_precision, q.query, q.missed
        );
    }
    eprintln!(
        "dogs topic R-precision {:.3} (without groups {:.3})",
        with.r_precision, without.r_precision
    );
    assert!(
        with.r_precision >= DOGS_TOPIC_FLOOR,
        "dogs topic R-precision fell to {:.3}",
        with.r_precision
    );
}

/// A third family: topic queries on four 电梯安全条例 (`tests/data/topic-queries-lifts.json`,
/// written by reading the articles before any change was tried on them, with the `sources` that
/// build the corpus). Held out of every choice until issue 12 part 3, whose rarity and
/// group-best weights were chosen on the five, the dogs and the lifts together.
#[test]
fn topic_queries_on_the_held_out_lifts_family() {
    let (_dir, idx) = family_index("topic-queries-lifts.json");
    let gold = family_topics("topic-queries-lifts.json");
    let report = index::evaluate_topics(&idx, &gold, &index::RankParams::default()).unwrap();
    for q in &report.queries {
        eprintln!("{:.2} {} missed {:?}", q.r_precision, q.query, q.missed);
    }
    eprintln!("lifts topic R-precision {:.3}", report.r_precision);
    // Measured 0.935 (0.885 before the rarity weights and the group's best opening): the misses
    // are 宁波 第十八条 (电梯所有权人为电梯使用单位: the matter without its name 确定), 宁波
    // 第二十四条 (乘客应当按照…, behind the duty articles that name 乘客 and 电梯), 枣庄's second
    // 电梯安全责任保险 article.
    assert!(
        report.r_precision >= LIFTS_TOPIC_FLOOR,
        "lifts topic R-precision fell to {:.3}",
        report.r_precision
    );
}

/// Scores a family's topic queries with the default weights, printing each query, and fails
/// when the family's R-precision falls under `floor`.
fn family_topics_hold(name: &str, file: &str, floor: f64) {
    let (_dir, idx) = family_index(file);
    let gold = family_topics(file);
    let report = index::evaluate_topics(&idx, &gold, &index::RankParams::default()).unwrap();
    for q in &report.queries {
        eprintln!("{:.2} {} missed {:?}", q.r_precision, q.query, q.missed);
    }
    eprintln!("{name} topic R-precision {:.3}", report.r_precision);
    assert!(
        report.r_precision >= floor,
        "{name} topic R-precision fell to {:.3}",
        report.r_precision
    );
}

/// A fourth family: topic queries on four 控制吸烟条例 (`tests/data/topic-queries-smoking.json`,
/// beijing, qingdao, chongqing, shanghai), written by reading the articles before the second round
/// of changes (issue 12 part 3) was tried. Held out until the third round; since then a dev family,
/// used with the others to choose the query-kind weights (`kind_cross_validation`).
#[test]
fn topic_queries_on_the_smoking_family() {
    family_topics_hold("smoking", "topic-queries-smoking.json", SMOKING_TOPIC_FLOOR);
}

/// The smoking family's R-precision with the default weights: 0.628 when the queries were written
/// (before any change of this round) and 0.628 after the word-vector expansion. With the rarity
/// weights and the group's best opening (issue 12 part 3, chosen without this family): 0.651;
/// with the coverage of the query and later alignment changes 0.744; with penalty articles
/// told apart and a lead-in opening read with its first item (third round): 0.843; with query
/// words counted in their full form (节水 in 节约用水, 控烟 in 控制吸烟) and the kind a query asks
/// for: 0.885; 0.843 once the alignment learnt each family's own word equivalents (the group labels
/// the ranking reads moved); 0.913 with the kin of the commoner query words searched too
/// (`kin_share`, measured 2026-12-03); 0.925 once the words of a step's span count less in an
/// opening (`step` 0.25: 禁止吸烟场所 0.29 → 0.43); 0.964 once an article is moved towards its
/// strongest counterpart's score (`lift` 0.5: 劝阻吸烟 0.67 → 1.00, 禁止吸烟场所 0.43 → 0.57).
/// Less a margin.
const SMOKING_TOPIC_FLOOR: f64 = 0.95;

/// A fifth family: four 节约用水条例 (`tests/data/topic-queries-water.json`, one query per
/// multi-document group of `alignment-heldout-water.json`, the short name a user would search
/// for, written from the annotators' topics before any search was run on the family, never
/// adjusted). Held out and measured once after the third round (0.685), then a dev family, used
/// with the others to choose the query-kind weights (`kind_cross_validation`).
#[test]
fn topic_queries_on_the_water_family() {
    family_topics_hold("water", "topic-queries-water.json", WATER_TOPIC_FLOOR);
}

/// Four 献血条例 (临沂 2019, 北京 2021, 宁波 2020, 泰安 2021; `tests/data/topic-queries-blood.json`,
/// sixteen queries a tester wrote from the texts, read as dev data from the ninth round on).
#[test]
fn topic_queries_on_the_blood_family() {
    family_topics_hold("blood", "topic-queries-blood.json", BLOOD_TOPIC_FLOOR);
}

/// The blood family's R-precision with the default weights: 0.753 when it became a dev family;
/// 0.795 once a statement saying what its subject is (血站是…的公益性组织) defines the term as 是指
/// does (`defines_is`: 血站 0.33 → 1.00); 0.816 with the associated words of rare query words
/// (`assoc` 0.2); 0.857 with penalty articles keeping half their bonuses (`penalty` 0.5:
/// 骗取用血费用 0.33 → 1.00); 0.873 once the article using the matter first in its document is
/// told apart (`first_use` 0.2: 献血宣传 0.25 → 0.50); 0.885 once the counterparts of the best
/// hits join the pool (`bridge` 10: 献血屋 0.80 → 1.00, 北京 第三十四条). Less a margin.
const BLOOD_TOPIC_FLOOR: f64 = 0.875;

/// Four 扬尘污染防治条例 (商丘 2020, 滨州 2019, 漯河 2019, 德州 2019;
/// `tests/data/topic-queries-dust.json`, 22 queries written from the articles before any search
/// was run on the family, never adjusted), a dev family since it was written.
#[test]
fn topic_queries_on_the_dust_family() {
    family_topics_hold("dust", "topic-queries-dust.json", DUST_TOPIC_FLOOR);
}

/// The dust family's R-precision with the default weights when its queries were written: 0.867
/// (政府扬尘防治职责 at 0: the articles of the departments and of their officials' liability say
/// 职责 and 人民政府 too, the government's own article says neither 职责 nor the query's words
/// alone); 0.921 once a query asking for duties finds the articles giving them (`duty` 0.6:
/// 政府扬尘防治职责 0 → 1.00, 部门监督管理职责 0.40 → 0.60); 0.939 once an article is moved towards
/// its strongest counterpart's score (`lift` 0.5: 部门监督管理职责 0.60 → 1.00); 0.955 once an
/// article whose opening's actor the query names gains (`actor` 0.1: 施工单位责任 0.67 → 1.00).
/// Less a margin.
const DUST_TOPIC_FLOOR: f64 = 0.95;

/// Four 中小学校幼儿园规划建设条例 (开封 2019, 驻马店 2021, 焦作 2019, 新乡 2017;
/// `tests/data/topic-queries-schools.json`, 28 queries written from the articles before any
/// search was run on the family, never adjusted), a dev family since it was written.
#[test]
fn topic_queries_on_the_schools_family() {
    family_topics_hold("schools", "topic-queries-schools.json", SCHOOLS_TOPIC_FLOOR);
}

/// The schools family's R-precision with the default weights when its queries were written:
/// 0.820 (配建学校移交 at 0, its defining articles behind the other steps of 配建 that mention 移交;
/// 驻马店 第一条 is not a 立法目的 to the index, its source breaking the sentence between 义 and
/// 务教育法); 0.825 once a bound counts only the words of its own clause (`figure_clause`); 0.832
/// once a query asking for duties finds the articles giving them (`duty` 0.6: 政府领导职责 0.40 →
/// 0.60); 0.844 once the words of a step's span count less in an opening (`step` 0.25: 配建学校移交
/// 0 → 0.33, 开封 第二十八条 before 开封 第二十九条, which opens 配建中小学校、幼儿园移交前由建设单位负责…);
/// 0.858 once a query for duties finds the articles assigning them by their verbs (`assigns` 0.2:
/// 政府领导职责 0.60 → 1.00); 0.869 once the counterparts of the best hits join the pool
/// (`bridge` 10: 立法目的 0.75 → 1.00, 驻马店 第一条). Less a margin.
/// Twenty-seventh round (`kind` 1.5, `assoc` 0.6): 0.882.
const SCHOOLS_TOPIC_FLOOR: f64 = 0.875;

/// Four 供热条例 (潍坊 2021, 临沂 2017, 滨州 2016, 泰安 2020;
/// `tests/data/topic-queries-heating.json`, 38 queries written from the articles before any
/// search was run on the family, never adjusted), a dev family since it was written.
#[test]
fn topic_queries_on_the_heating_family() {
    family_topics_hold("heating", "topic-queries-heating.json", HEATING_TOPIC_FLOOR);
}

/// The heating family's R-precision with the default weights: 0.898 when its queries were
/// written (采暖期 at 0: the articles bounding the room temperature in the heating period came
/// first, `figure` reading the period's name anywhere in their statement); 0.917 once a bound
/// counts only the words of its own clause (`figure_clause`). Less a margin.
const HEATING_TOPIC_FLOOR: f64 = 0.9;

/// Four 饮用水水源保护条例 (驻马店 2019, 开封 2019, 烟台 2017, 枣庄 2018;
/// `tests/data/topic-queries-drinking.json`, 28 queries written from the articles before any
/// search was run on the family, never adjusted), a dev family since it was written.
#[test]
fn topic_queries_on_the_drinking_family() {
    family_topics_hold(
        "drinking",
        "topic-queries-drinking.json",
        DRINKING_TOPIC_FLOOR,
    );
}

/// The drinking family's R-precision with the default weights: 0.819 when its queries were
/// written (水行政主管部门职责 at 0, behind the articles of the environment department, whose
/// name holds 行政主管部门); 0.831 once a bound counts only the words of its own clause
/// (`figure_clause`: 准保护区禁止行为 0.33 → 0.67, the water-quality standard of the first-level
/// zone no longer counting as about 保护区); 0.850 once a query asking for duties finds the
/// articles giving them (`duty` 0.6: 水行政主管部门职责 0 → 0.33, 环境保护部门职责 0.80 → 1.00,
/// 政府保护职责 0.50 → 0.50). Less a margin.
const DRINKING_TOPIC_FLOOR: f64 = 0.83;

/// An article whose counterparts in the other documents are strong hits is moved towards their
/// score (`RankParams::lift`): on the four 控制吸烟条例, 劝阻吸烟 has 上海 第十条 (任何个人可以要求吸烟者
/// 停止吸烟…, the matter in other words) in its first three, aligned with 青岛 第九条 and 北京 第十五条
/// that name it; without the lift it is 6th, behind 上海 第九条's list of duties.
#[test]
fn an_article_whose_counterparts_are_strong_hits_is_lifted_towards_them() {
    let off = index::RankParams {
        lift: 0.0,
        ..index::RankParams::default()
    };
    let without = first_with_and_without(
        "topic-queries-smoking.json",
        "劝阻吸烟",
        &[("beijing", 15), ("qingdao", 9), ("shanghai", 10)],
        off,
    );
    assert!(
        !without.contains(&("shanghai".to_string(), 10)),
        "without the lift: {without:?}"
    );
}

/// A query word naming a category is said by an opening that spells the category out as a list:
/// in the four 教育督导条例, 上海 第十六条 (实施教育督导可以采取以下方式：（一）听取…) is about
/// 督导职权 though it never says 职权, and it comes third, after 山东 第十条 (可以采取下列措施：) and
/// 国家 第十二条 (可以行使下列职权：); 4th without `list_head`, behind 浙江 第十三条 (a 责任督学's
/// 职权 at a school). `actor` is off in the state without the rule too: 上海 第十六条's
/// actor, 实施教育督导, ends with 督导, which since the twenty-fifth round puts it third as well.
#[test]
fn a_category_word_is_said_by_the_list_that_spells_it_out() {
    let off = index::RankParams {
        list_head: 0.0,
        actor: 0.0,
        ..index::RankParams::default()
    };
    let without = first_with_and_without(
        "topic-queries-inspection.json",
        "督导职权",
        &[("guojia", 12), ("shandong", 10), ("shanghai", 16)],
        off,
    );
    assert!(
        !without.contains(&("shanghai".to_string(), 16)),
        "without list_head: {without:?}"
    );
}

/// The article that uses the query's matter first in its document comes before those referring
/// back to it (`RankParams::first_use`): on the four 机动车排气污染防治条例, 主管部门 has 青岛 第三条 and
/// 山东 第五条 (环境保护行政主管部门…实施统一监督管理, the first article of each to say it) in its
/// first four; without the rule they are 6th and 5th, behind 山东 第十五条 and 浙江 第二十四条, which
/// give that department one of its tasks.
#[test]
fn the_article_using_the_matter_first_in_its_document_comes_first() {
    let off = index::RankParams {
        first_use: 0.0,
        ..index::RankParams::default()
    };
    let without = first_with_and_without(
        "topic-queries-vehicles.json",
        "主管部门",
        &[
            ("guangdong", 3),
            ("qingdao", 3),
            ("shandong", 5),
            ("zhejiang", 5),
        ],
        off,
    );
    assert!(
        !without.contains(&("qingdao".to_string(), 3))
            || !without.contains(&("shandong".to_string(), 5)),
        "without first_use: {without:?}"
    );
}

/// The counterparts of the best hits join the pool (`RankParams::bridge`): on the four
/// 志愿服务条例, 志愿服务范围 has 上海 第五条 (本市鼓励为老年人、未成年人…提供志愿服务；提倡在教育、科学…
/// 等领域开展志愿服务, the matter in other words: it never says 范围) in its first four, aligned with
/// the other three documents' articles that name it; without the bridge BM25 leaves it out of the
/// pool of 100.
#[test]
fn the_counterparts_of_the_best_hits_join_the_pool() {
    let off = index::RankParams {
        bridge: 0,
        ..index::RankParams::default()
    };
    let (_dir, idx) = family_index("topic-queries-volunteer.json");
    let pool = idx
        .search_with("志愿服务范围", &Filter::default(), 100, &off)
        .expect("search");
    assert!(
        !pool
            .hits
            .iter()
            .any(|h| h.doc.as_str() == "shanghai" && h.article == 5),
        "without the bridge 上海 第五条 is in the pool"
    );
    first_with_and_without(
        "topic-queries-volunteer.json",
        "志愿服务范围",
        &[
            ("chongqing", 19),
            ("henan", 23),
            ("shandong", 23),
            ("shanghai", 5),
        ],
        off,
    );
}

/// A bound on a number is about the words of its own clause: in the four 供热条例, the articles
/// fixing the heating period (本市采暖期为每年的11月14日…) come before those bounding the room
/// temperature during it (…保证采暖期内用户卧室、起居室的温度不低于十八摄氏度), which `figure`
/// took for articles setting a figure for 采暖期 while it read the whole statement (the period's
/// articles were 5th to 7th).
/// 施工单位责任 on the dust family: 滨州 第十三条 (施工单位应当…) opens with the actor the query
/// names and joins 德州 第十三条 and 漯河 第十条 in the first three (`actor` 0.1); without the
/// term it is sixth.
#[test]
fn the_article_whose_opening_actor_the_query_names_comes_first() {
    let off = index::RankParams {
        actor: 0.0,
        ..index::RankParams::default()
    };
    let without = first_with_and_without(
        "topic-queries-dust.json",
        "施工单位责任",
        &[("binzhou", 13), ("dezhou", 13), ("luohe", 10)],
        off,
    );
    assert!(
        !without.contains(&("binzhou".to_string(), 13)),
        "without actor: {without:?}"
    );
}

#[test]
fn a_bound_counts_for_the_words_of_its_own_clause() {
    let wanted = [("weifang", 13), ("linyi", 14), ("binzhou", 19)];
    let without = first_with_and_without(
        "topic-queries-heating.json",
        "采暖期",
        &wanted,
        index::RankParams {
            figure_clause: false,
            ..index::RankParams::default()
        },
    );
    assert!(
        wanted
            .iter()
            .all(|(doc, n)| !without.contains(&(doc.to_string(), *n))),
        "the order does not depend on the rule: {without:?}"
    );
}

/// A query asking for an actor's duties (a word says 职责) finds the article giving that actor
/// its duties: in the four 扬尘污染防治条例, the governments' own articles (市人民政府负责组织领导…,
/// which say 职责 nowhere) come first for 政府扬尘防治职责, before the articles of the departments
/// and of their officials' liability that say 人民政府 and 职责 both (they were 5th to 20th).
/// `assigns` (their 负责 is a modal duty of a body too) is off with `duty`, as either puts them first,
/// and so is `actor` (their actor, 市人民政府, ends with 政府) since the twenty-fifth round.
#[test]
fn a_query_for_duties_finds_the_article_giving_them() {
    let wanted = [("shangqiu", 4), ("binzhou", 5), ("luohe", 4), ("dezhou", 7)];
    let without = first_with_and_without(
        "topic-queries-dust.json",
        "政府扬尘防治职责",
        &wanted,
        index::RankParams {
            duty: 0.0,
            assigns: 0.0,
            actor: 0.0,
            ..index::RankParams::default()
        },
    );
    // Without the rules at most one of the four comes first (洛阳 4 has since 8 December 2026,
    // when labels and precedent kinds changed; the other three still need the rules).
    let found = wanted
        .iter()
        .filter(|(doc, n)| without.contains(&(doc.to_string(), *n)))
        .count();
    assert!(
        found <= 1,
        "the order does not depend on the rule: {without:?}"
    );
}

/// A query asking for duties finds the articles that assign them to a body by their verbs, not
/// by 负责 or 职责 (`assigns`, twentieth round): in the four 志愿服务条例, the governments' articles
/// (…人民政府应当将志愿服务事业纳入国民经济和社会发展规划…) fill the first four places for 政府职责;
/// without the rule 重庆 第二十七条 (各级人民政府可以通过购买公共服务的方式…, no duty) is first and
/// 山东 第四条 sixth. Measured without `first_use` too, as when the rule was chosen: the governments'
/// articles are the first of their documents to say 政府 outside a list, which now puts them
/// first without `assigns` as well.
#[test]
fn a_query_for_duties_finds_the_articles_assigning_them_by_their_verbs() {
    let wanted = [
        ("chongqing", 5),
        ("henan", 4),
        ("shandong", 4),
        ("shanghai", 7),
    ];
    let without = first_with_and_without(
        "topic-queries-volunteer.json",
        "政府职责",
        &wanted,
        index::RankParams {
            assigns: 0.0,
            first_use: 0.0,
            ..index::RankParams::default()
        },
    );
    assert!(
        !wanted
            .iter()
            .all(|(doc, n)| without.contains(&(doc.to_string(), *n))),
        "the order does not depend on the rule: {without:?}"
    );
}

/// A statement saying what the queried term is (血站是不以营利为目的…的公益性组织) defines it as
/// one with 是指 does: for 血站 the three articles that set up the blood stations (宁波 第十五条,
/// 临沂 第七条, 泰安 第十四条) come first, before the many articles on what a 血站 must do, which
/// open with 血站 too; without it 临沂 第七条 and 泰安 第十四条 were 6th and 14th.
#[test]
fn a_statement_saying_what_the_term_is_defines_it() {
    let wanted = [
        ("宁波市献血条例(2020-06-05)", 15),
        ("临沂市献血条例(2019-02-12)", 7),
        ("泰安市献血条例(2021-07-31)", 14),
    ];
    let without = first_with_and_without(
        "topic-queries-blood.json",
        "血站",
        &wanted,
        index::RankParams {
            defines_is: false,
            ..index::RankParams::default()
        },
    );
    assert!(
        wanted
            .iter()
            .any(|(doc, n)| !without.contains(&(doc.to_string(), *n))),
        "the order does not depend on the rule: {without:?}"
    );
}

/// Four 机动车排气污染防治条例 (`tests/data/topic-queries-vehicles.json`) and four 教育督导条例
/// (`topic-queries-inspection.json`): one query per annotator group holding a multi-document group
/// of the alignment dev golds of 5 December 2026, written by a blind annotator with the groups
/// before any search was run on the families, never adjusted. Dev families of the alignment;
/// for the search they were added after the ranking of 5 December was chosen, and choose it with
/// the others since the nineteenth round (`DevFamilies`).
#[test]
fn topic_queries_on_the_vehicles_and_inspection_families() {
    family_topics_hold(
        "vehicles",
        "topic-queries-vehicles.json",
        VEHICLES_TOPIC_FLOOR,
    );
    family_topics_hold(
        "inspection",
        "topic-queries-inspection.json",
        INSPECTION_TOPIC_FLOOR,
    );
}

/// Four 志愿服务条例 (`tests/data/topic-queries-volunteer.json`) and four 预算审查监督条例
/// (`topic-queries-budget.json`), made as the two above on 5 December 2026 (the queries are the
/// first annotator's, written with the groups before any search was run on the families).
#[test]
fn topic_queries_on_the_volunteer_and_budget_families() {
    family_topics_hold(
        "volunteer",
        "topic-queries-volunteer.json",
        VOLUNTEER_TOPIC_FLOOR,
    );
    family_topics_hold("budget", "topic-queries-budget.json", BUDGET_TOPIC_FLOOR);
}

/// Four 城市供水条例 (`tests/data/topic-queries-supply.json`) and four 生活垃圾管理条例
/// (`topic-queries-waste.json`), made as the two above on 5 December 2026.
#[test]
fn topic_queries_on_the_supply_and_waste_families() {
    family_topics_hold("supply", "topic-queries-supply.json", SUPPLY_TOPIC_FLOOR);
    family_topics_hold("waste", "topic-queries-waste.json", WASTE_TOPIC_FLOOR);
}

/// Measured when the queries were added, before any change: supply 0.839, waste 0.739; supply
/// 0.853 and waste 0.742 once an article is moved towards its strongest counterpart's score
/// (`lift` 0.5, chosen before these families were added; twenty-first round), supply 0.861 and
/// waste 0.751 once only a document's best article of a group is lifted (`lift_one`); supply
/// 0.867 once a category word counts where an opening lists its instances (`list_head` 0.1:
/// 危害供水设施 盗用供水处罚 0.60 → 0.80); waste 0.760 once the counterparts of the best hits
/// join the pool and a counterpart must reach 0.6 of the best hit to lift (`bridge` 10,
/// `lift_min` 0.6: 净菜上市 and 投诉举报 to 1.00). Less a margin.
const SUPPLY_TOPIC_FLOOR: f64 = 0.855;
const WASTE_TOPIC_FLOOR: f64 = 0.75;

/// Four 城市绿化条例 (`tests/data/topic-queries-greening.json`) and four 文明行为促进条例
/// (`topic-queries-civility.json`), made as the two above on 5 December 2026.
#[test]
fn topic_queries_on_the_greening_and_civility_families() {
    family_topics_hold(
        "greening",
        "topic-queries-greening.json",
        GREENING_TOPIC_FLOOR,
    );
    family_topics_hold(
        "civility",
        "topic-queries-civility.json",
        CIVILITY_TOPIC_FLOOR,
    );
}

/// Measured when the queries were added, before any change: greening 0.795, civility 0.642;
/// greening 0.805 with `bridge` 10 and `lift_min` 0.6 (twenty-fourth round). Less a margin.
const GREENING_TOPIC_FLOOR: f64 = 0.80;
/// Twenty-seventh round (`kind` 1.5, `assoc` 0.6): civility 0.669; 0.652 once a character cut
/// from the query counts only beside its neighbour (`piece` 0, `piece_first` 0.3, thirty-first
/// round: 打击报复劝阻人 1.00 → 0.67, its 人 read only in 阻人). Less a margin.
const CIVILITY_TOPIC_FLOOR: f64 = 0.645;

/// Four 科学技术普及条例 (`tests/data/topic-queries-science.json`), made as the others on 5 December
/// 2026.
#[test]
fn topic_queries_on_the_science_family() {
    family_topics_hold("science", "topic-queries-science.json", SCIENCE_TOPIC_FLOOR);
}

/// Measured when the queries were added, before any change: 0.801; 0.812 after the alignment's
/// paragraph clusters; 0.817 with `bridge` 10 and `lift_min` 0.6 (twenty-fourth round); 0.806 once
/// the alignment joined far pieces of one matter (`far`, which moved budget 0.718 → 0.727,
/// supply 0.858 → 0.863 and vehicles 0.785 → 0.792 the other way, the rest unchanged); 0.814
/// once an article whose opening's actor the query names gains (`actor` 0.1, twenty-fifth
/// round). Less a margin.
const SCIENCE_TOPIC_FLOOR: f64 = 0.81;

/// Four 法律援助条例 (`tests/data/topic-queries-aid.json`: 北京, 杭州 2017, 河南 2010, 山东 2015),
/// made as the others on 5 December 2026 from the first annotator's topics.
#[test]
fn topic_queries_on_the_aid_family() {
    family_topics_hold("aid", "topic-queries-aid.json", AID_TOPIC_FLOOR);
}

/// Measured when the queries were added, before any change: 0.666; 0.696 after the round that
/// added `bridge` to the search and `far` to the alignment (measured once, after both were chosen
/// without it); 0.691 with `actor` 0.1 (twenty-fifth round, chosen with aid among the dev sets:
/// 向哪个法律援助机构申请 0.57 → 0.43). Less a margin.
const AID_TOPIC_FLOOR: f64 = 0.69;

/// Four 防震减灾条例 (`tests/data/topic-queries-quake.json`: 济南 2011, 河南 2011, 浙江 2017, 重庆
/// 2010), annotated blind; the queries made as the others from the first annotator's topics.
#[test]
fn topic_queries_on_the_quake_family() {
    family_topics_hold("quake", "topic-queries-quake.json", QUAKE_TOPIC_FLOOR);
}

/// Measured when the queries were added (5 December 2026), before the round's changes were
/// merged: 0.792. Less a margin.
/// Twenty-seventh round (`kind` 1.5, `assoc` 0.6): 0.805.
const QUAKE_TOPIC_FLOOR: f64 = 0.80;

/// Four 基本农田保护条例 (`tests/data/topic-queries-farm.json`: 北京, 浙江 2018, 河南 2010, 山东
/// 2012), annotated blind on 5 December 2026; the queries made as the others from the first
/// annotator's topics.
#[test]
fn topic_queries_on_the_farm_family() {
    family_topics_hold("farm", "topic-queries-farm.json", FARM_TOPIC_FLOOR);
}

/// Measured when the queries were added, before the round's changes were merged: 0.723 (with
/// 河南 第二十二条 read; the gold names it, so it could not be scored before). Less a margin.
/// 0.715 in the twenty-seventh round (`assoc` 0.6, chosen with farm among the dev sets:
/// one defining article of a query falls out of its k); the floor holds.
const FARM_TOPIC_FLOOR: f64 = 0.71;

/// `guize eval topics` on a corpus that holds a family's files under their own names (lawrefbook's
/// folder of regional regulations, not `<id>.md` copies) finds them through the gold's `sources`
/// and scores them on an index of those four alone: the same figure as the folder of copies.
#[test]
fn eval_topics_reads_the_gold_sources_in_a_larger_corpus() {
    let file = "topic-queries-science.json";
    let (_dir, idx) = family_index(file);
    let copies = index::evaluate_topics(&idx, &family_topics(file), &index::RankParams::default())
        .expect("scores");
    let at = tempfile::tempdir().expect("temp dir");
    let out = assert_cmd::Command::cargo_bin("guize")
        .expect("binary")
        .arg("--corpus")
        .arg(shared::path("corpora/lawrefbook/DLC"))
        .arg("--index")
        .arg(at.path().join("index"))
        .args(["eval", "topics", "--json", "--gold"])
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data")
                .join(file),
        )
        .env_remove("GUIZE_CORPUS")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let through_sources = json["r_precision"].as_f64().expect("r_precision");
    assert!(
        (through_sources - copies.r_precision).abs() < 1e-9,
        "{through_sources} through the sources, {} on the copies",
        copies.r_precision
    );
    // The corpus's own index was not built for it: only the gold's four documents were indexed.
    assert!(!at.path().join("index").exists(), "{stderr}");
}

/// Measured when the queries were added, before any change: volunteer 0.760 (立法目的 at 0),
/// budget 0.686; volunteer 0.787 once a query naming only a type puts that type first
/// (`kind_only`: 立法目的 0 → 1.00) and budget 0.703 once a penalty article referring to other
/// laws keeps its bonuses (`referral`: 其他法律规定 0 → 0.67), nineteenth round; volunteer 0.794
/// once a query for duties finds the articles assigning them by their verbs (`assigns` 0.2:
/// 政府职责 0.75 → 1.00), twentieth round; volunteer 0.808 and budget 0.709 once an article is moved
/// towards its strongest counterpart's score (`lift` 0.5), twenty-first round; volunteer 0.818 and
/// budget 0.718 once the counterparts of the best hits join the pool and a counterpart must reach
/// 0.6 of the best hit to lift (`bridge` 10: 志愿服务范围 0.75 → 1.00, 志愿服务队伍 0.60 → 0.80;
/// `lift_min` 0.6), twenty-fourth round; volunteer 0.839 once an article whose opening's actor
/// the query names gains (`actor` 0.1: 志愿服务定义 0.50 → 1.00, 志愿服务信息平台 0.50 → 0.75),
/// twenty-fifth round. Less a margin.
/// Twenty-seventh round (`kind` 1.5, `kind_only` 0, `assoc` 0.6): volunteer 0.863.
const VOLUNTEER_TOPIC_FLOOR: f64 = 0.85;
const BUDGET_TOPIC_FLOOR: f64 = 0.71;

/// Measured when the queries were added (5 December 2026), and again unchanged after `step` was
/// chosen on the other ten: vehicles 0.726, inspection 0.618
/// (督导周期, 督导结果运用 and the two liability queries at 0); vehicles 0.753 once an article is
/// moved towards its strongest counterpart's score (`lift` 0.5: 主管部门 0.25 → 0.50, 拆除控制装置处罚
/// 0.67 → 1.00); 0.738 once a label led by a party on duty is named by the duty (the labels' bag
/// rule relabels three vehicles groups, and the rerank reads labels). Inspection 0.639 before the
/// twenty-second round, 0.653 once a category word counts where an opening lists its instances
/// (`list_head` 0.1: 督导职权 0.67 → 1.00). Once a penalty is named by the conduct it punishes,
/// not its sanction (the labels' round of 5 December 2026; the rerank reads labels): vehicles
/// 0.756, inspection 0.632. Vehicles 0.785 and inspection 0.653 once the article using the
/// matter first in its document is told apart (`first_use` 0.2: 主管部门 0.50 → 1.00,
/// 检验机构处罚 0.33 → 0.67, 督学法律责任 0.50 → 1.00), twenty-third round. Less a margin.
/// Twenty-seventh round (`kind` 1.5, `assoc` 0.6): vehicles 0.822, inspection 0.673.
const VEHICLES_TOPIC_FLOOR: f64 = 0.81;
const INSPECTION_TOPIC_FLOOR: f64 = 0.665;

/// A sixth family, held out: four 森林防火条例 (`tests/data/topic-queries-forest.json`, one
/// query per multi-document group of `alignment-heldout-forest.json`, written from the blind
/// annotators' topics before any search was run on the family, never adjusted).
#[test]
fn topic_queries_on_the_held_out_forest_family() {
    family_topics_hold("forest", "topic-queries-forest.json", FOREST_TOPIC_FLOOR);
}

/// A seventh family, held out: four 燃气管理条例 (`tests/data/topic-queries-gas.json`, one query
/// per annotator group holding a multi-document group of `alignment-heldout-gas.json`, written by
/// a blind annotator with the groups before any search was run on the family, never adjusted).
#[test]
fn topic_queries_on_the_held_out_gas_family() {
    family_topics_hold("gas", "topic-queries-gas.json", GAS_TOPIC_FLOOR);
}

/// The gas family's R-precision, measured once on the search of 2 December 2026 when the queries
/// were added: 0.587 (a query of stop words alone, 从其规定, finds nothing and scores 0), less a
/// margin; 0.594 before and 0.586 after the tenth round (a definition by 是, the associated words
/// of rare query words), measured once after those were chosen on the dev families; 0.583 with
/// the kin of the commoner query words (`kin_share`), measured once after it was chosen; 0.583
/// once a query word no article says is left out of the rerank (measured once); 0.583 with
/// penalty articles keeping half their bonuses (`penalty` 0.5, measured once); 0.571 with a bound
/// counting only the words of its own clause (`figure_clause`) and a query asking for duties
/// finding the articles giving them (`duty` 0.6), measured once after both were chosen on the
/// dev families (its misses not read); 0.571 with the words of a step's span counting less in
/// an opening (`step` 0.25; 0.563 before penalty articles were left out of it); 0.571 with a
/// query naming only a type putting that type first (`kind_only`) and penalty articles that refer
/// to other laws keeping their bonuses (`referral`), measured once after both were chosen; 0.585
/// before and after an article whose opening's actor the query names gains (`actor` 0.1,
/// twenty-fifth round), measured once after the choice; 0.585 before and after `kind` 1.5 and
/// `assoc` 0.6 with `kind_only`, `assigns` and `list_head` off (twenty-seventh round), measured
/// once after the choice.
const GAS_TOPIC_FLOOR: f64 = 0.56;

/// The forest family's R-precision, measured once on the search of 2 December 2026 before this
/// round's changes: 0.669 (立法目的, 火情报告 and 扑火伤亡抚恤 at 0), less a margin; 0.687 once a
/// query naming an article type finds that type (立法目的 0 → 1.00; 失职渎职法律责任 0.25 → 0), measured
/// once after that change was chosen on the dev families; 0.697 before and 0.737 after the
/// tenth round (a definition by 是, the associated words of rare query words), measured once;
/// 0.737 with the kin of the commoner query words (`kin_share`), measured once; 0.725 once a
/// query word no article says is left out of the rerank (a fix, not a choice; measured once);
/// 0.725 with penalty articles keeping half their bonuses (`penalty` 0.5, measured once); 0.737
/// with a bound counting only the words of its own clause (`figure_clause`) and a query asking
/// for duties finding the articles giving them (`duty` 0.6), measured once after both were
/// chosen; 0.737 with the words of a step's span counting less in an opening (`step` 0.25;
/// 0.725 before penalty articles were left out of it); 0.737 with `kind_only` and `referral`
/// (nineteenth round), measured once after both were chosen; 0.731 → 0.734 with `actor` 0.1
/// (twenty-fifth round), measured once after the choice; 0.734 → 0.740 with `kind` 1.5 and
/// `assoc` 0.6, `kind_only`, `assigns` and `list_head` off (twenty-seventh round), measured once
/// after the choice.
const FOREST_TOPIC_FLOOR: f64 = 0.70;

/// The water family's R-precision with the default weights: 0.685 when held out (22 of the 42
/// queries at 1.00; 立法目的, 节水规划, 计划用水, 内部节水管理, 节水科技 and three penalty queries
/// at 0); 0.760 with the kind a query asks for (立法目的 0 → 1.00, 浪费用水处罚 0 → 0.40,
/// 冷却水处罚 0 → 1.00) and query words counted in their full form; 0.813 once a word spelt out
/// counts for the coverage too (`abbrev_coverage`); 0.817 after later alignment changes; 0.834
/// with the associated words of rare query words (`assoc` 0.2: 节水义务, 处罚实施主体, 失职渎职).
/// 0.846 with penalty articles keeping half their bonuses (`penalty` 0.5: 水质不达标 0.50 →
/// 1.00); 0.852 once a query asking for duties finds the articles giving them (`duty` 0.6:
/// 主管部门职责 0.75 → 1.00). Less a margin.
const WATER_TOPIC_FLOOR: f64 = 0.84;

/// Every topic set and the dev questions at once, with where each missed defining article ranks
/// (its place among the first 100 hits, or "-" outside them): the rig for trying a change on all
/// sets together. `RIG` may hold a JSON array of partial settings (`[{"expand": 0.3}]`), each laid
/// over the defaults and scored in turn; `RIG_DETAIL=1` prints every query, and with it
/// `RIG_ABOVE=1` prints, for each query with a miss, its first k hits (`+` a defining one) and
/// each defining article ranked below them (`!`), each with its clause group (`[g4 label d2]`:
/// members, label, how many of them are defining; `[g-]`: none) and opening; `RIG_ONLY` (names
/// joined by commas: `volunteer,budget`) scores those families alone; `RIG_MISSES` names a JSON
/// file to write each query with a miss to (its words, first k hits and missed defining
/// articles, with their texts). Run with
/// `cargo test --release --test search -- --ignored topic_rig --nocapture`.
#[test]
#[ignore]
fn topic_rig() {
    let settings: Vec<serde_json::Value> = std::env::var("RIG")
        .ok()
        .map(|s| serde_json::from_str(&s).expect("RIG is a JSON array"))
        .unwrap_or_else(|| vec![serde_json::json!({})]);
    let detail = std::env::var("RIG_DETAIL").is_ok_and(|v| v == "1");
    let above = std::env::var("RIG_ABOVE").is_ok_and(|v| v == "1");
    let families = DevFamilies::index();
    let only = std::env::var("RIG_ONLY").unwrap_or_default();
    let sets: Vec<_> = families
        .sets()
        .into_iter()
        .filter(|(name, _, _)| only.is_empty() || only.split(',').any(|o| o == *name))
        .collect();
    let questions = dev_questions();
    let dump_to = std::env::var("RIG_MISSES").ok();
    let mut dumped = Vec::new();
    for setting in &settings {
        let mut value = serde_json::to_value(index::RankParams::default()).unwrap();
        for (k, v) in setting.as_object().expect("a setting is an object") {
            value[k] = v.clone();
        }
        let params: index::RankParams = serde_json::from_value(value).expect("a setting");
        let mut line = String::new();
        for (name, idx, gold) in &sets {
            let report = index::evaluate_topics(idx, gold, &params).unwrap();
            let shown = detail;
            for (q, s) in gold.queries.iter().zip(&report.queries).filter(|_| shown) {
                let hits = idx
                    .search_with(&q.query, &Filter::default(), 100, &params)
                    .unwrap()
                    .hits;
                let ranked: Vec<(String, u32)> = hits
                    .iter()
                    .map(|h| (h.doc.to_string(), h.article))
                    .collect();
                if above && s.r_precision < 1.0 {
                    let k = q.defining.len();
                    let opening = |i: usize| -> String {
                        hits[i]
                            .text
                            .chars()
                            .take(70)
                            .collect::<String>()
                            .replace('\n', " ")
                    };
                    eprintln!("-- {name} {}", q.query);
                    let topics = idx.topics();
                    let mut seen = std::collections::HashMap::new();
                    let mut group = |i: usize| -> String {
                        let g = topics
                            .and_then(|t| t.group_of(ranked[i].0.as_str(), ranked[i].1, &mut seen));
                        match g {
                            None => "[g-]".to_string(),
                            Some(g) => format!(
                                "[g{} {} d{}]",
                                g.members.len(),
                                g.label,
                                g.members
                                    .iter()
                                    .filter(|m| q.defining.contains(&(m.0.clone(), m.1)))
                                    .count()
                            ),
                        }
                    };
                    for (i, r) in ranked.iter().enumerate().take(k) {
                        let mark = if q.defining.contains(r) { "+" } else { " " };
                        eprintln!(
                            "  {mark}{} {}:{} {} {}",
                            i + 1,
                            r.0,
                            r.1,
                            group(i),
                            opening(i)
                        );
                    }
                    for d in &q.defining {
                        match ranked.iter().position(|r| r == d) {
                            Some(i) if i >= k => {
                                eprintln!(
                                    "  !{} {}:{} {} {}",
                                    i + 1,
                                    d.0,
                                    d.1,
                                    group(i),
                                    opening(i)
                                )
                            }
                            None => eprintln!("  !- {}:{}", d.0, d.1),
                            _ => {}
                        }
                    }
                }
                if dump_to.is_some() && s.r_precision < 1.0 {
                    let k = q.defining.len();
                    let hit = |i: usize| {
                        serde_json::json!({
                            "doc": ranked[i].0, "article": ranked[i].1, "place": i + 1,
                            "defining": q.defining.contains(&ranked[i]), "text": hits[i].text,
                        })
                    };
                    let missed: Vec<serde_json::Value> = q
                        .defining
                        .iter()
                        .filter_map(|d| match ranked.iter().position(|r| r == d) {
                            Some(i) if i >= k => Some(hit(i)),
                            None => Some(serde_json::json!({"doc": d.0, "article": d.1})),
                            _ => None,
                        })
                        .collect();
                    let words = idx
                        .search_with(&q.query, &Filter::default(), 1, &params)
                        .unwrap()
                        .words;
                    dumped.push(serde_json::json!({
                        "setting": setting, "family": name, "query": q.query, "words": words, "k": k,
                        "above": (0..k.min(ranked.len())).map(hit).collect::<Vec<_>>(),
                        "missed": missed,
                    }));
                }
                let places: Vec<String> = q
                    .defining
                    .iter()
                    .map(|d| match ranked.iter().position(|r| r == d) {
                        Some(i) => format!("{}:{}@{}", d.0, d.1, i + 1),
                        None => format!("{}:{}@-", d.0, d.1),
                    })
                    .collect();
                eprintln!(
                    "{name} {:.2} {} {}",
                    s.r_precision,
                    q.query,
                    places.join(" ")
                );
            }
            line.push_str(&format!("{name} {:.3}  ", report.r_precision));
        }
        let dev = index::evaluate_with(shared_index(), &questions, 10, &params).unwrap();
        for q in dev.queries.iter().filter(|q| detail && q.recall < 1.0) {
            eprintln!("dev {:.2} {} missed {:?}", q.recall, q.query, q.missed);
        }
        eprintln!(
            "{line}recall@10 {:.3}  nDCG@10 {:.3}  {setting}",
            dev.recall, dev.ndcg
        );
    }
    if let Some(path) = dump_to {
        std::fs::write(path, serde_json::to_string(&dumped).unwrap()).unwrap();
    }
}

/// The lifts family's R-precision with the default weights, 0.935 (0.885 before the rarity
/// weights and the group's best opening), less a margin of one query's miss of a fifth
/// (alignment changes move the group evidence).
const LIFTS_TOPIC_FLOOR: f64 = 0.91;

/// Measured on the dogs family with the default weights: 0.792 (0.650 before the rarity weights
/// and the group's best opening; 犬只收容 0.40 → 1.00 and 狂犬病免疫 0.75 → 1.00), less a margin
/// of one query's miss of a quarter. Still missed: 嘉兴 第十五条 (户外携带犬只 shares no word of
/// 携犬出户), 郑州 第二十二条 (犬尸 for 尸体; the alignment fuses 郑州 20 with 青岛 13 and 14, so
/// 郑州 20 inherits 犬只尸体's opening), 郑州 第十四条 (犬类交易 for 犬只经营活动), 菏泽 第十条.
const DOGS_TOPIC_FLOOR: f64 = 0.75;

/// The topic gold of a family (`tests/data/<name>`).
fn family_topics(name: &str) -> TopicGold {
    TopicGold::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name),
    )
    .expect("topic gold")
}

/// Cross-validation of the second stage's group weights across two families, the five work
/// rules and the four 养犬管理条例: every setting of the grid is scored on each topic query of
/// both (and recall@10 of the dev questions, which must stay at 0.93 or more); leave-one-query-out
/// scores each query with the setting best on the other fifteen, leave-one-family-out scores each
/// family with the setting best on the other. The held-out family (four 电梯安全条例,
/// `topic-queries-lifts.json`) is scored only with the settings so chosen. Run with
/// `cargo test --release --test search -- --ignored family_cross_validation --nocapture`.
#[test]
#[ignore]
fn family_cross_validation() {
    let five = topic_gold();
    let dogs_gold = family_topics("topic-queries-dogs.json");
    let (_dogs_dir, dogs) = family_index("alignment-dev-dogs.json");
    let lifts_gold = family_topics("topic-queries-lifts.json");
    let (_lifts_dir, lifts) = family_index("topic-queries-lifts.json");
    let questions = dev_questions();
    let mut grid = Vec::new();
    for &group in &[0.3f32, 0.6] {
        for &label in &[0.0f32, 0.2] {
            for &group_hits in &[0.0f32, 0.2, 0.4] {
                for &(spread, chars) in &[(0.0f32, 0.0f32), (0.5, 0.0), (0.0, 0.4), (0.0, 0.8)] {
                    for &chars_missing in &[0.0f32, 0.2, 0.4, 0.8] {
                        grid.push(index::RankParams {
                            group,
                            label,
                            group_hits,
                            spread,
                            chars,
                            chars_missing,
                            ..index::RankParams::default()
                        });
                    }
                }
            }
        }
    }
    // Per setting: the R-precision of each query (the five's, then the dogs'), and recall@10.
    let rows: Vec<(Vec<f64>, f64, index::RankParams)> = grid
        .iter()
        .map(|p| {
            let mut scores: Vec<f64> = index::evaluate_topics(shared_index(), &five, p)
                .unwrap()
                .queries
                .iter()
                .map(|q| q.r_precision)
                .collect();
            scores.extend(
                index::evaluate_topics(&dogs, &dogs_gold, p)
                    .unwrap()
                    .queries
                    .iter()
                    .map(|q| q.r_precision),
            );
            let recall = index::evaluate_with(shared_index(), &questions, 10, p)
                .unwrap()
                .recall;
            (scores, recall, *p)
        })
        .collect();
    let n_five = five.queries.len();
    let n = rows[0].0.len();
    // Mean of the two families' means over the kept queries.
    let objective = |row: &[f64], kept: &dyn Fn(usize) -> bool| -> f64 {
        let mean = |r: std::ops::Range<usize>| {
            let v: Vec<f64> = r.filter(|&i| kept(i)).map(|i| row[i]).collect();
            if v.is_empty() {
                None
            } else {
                Some(v.iter().sum::<f64>() / v.len() as f64)
            }
        };
        let means: Vec<f64> = [mean(0..n_five), mean(n_five..n)]
            .into_iter()
            .flatten()
            .collect();
        means.iter().sum::<f64>() / means.len() as f64
    };
    let best = |kept: &dyn Fn(usize) -> bool| {
        rows.iter()
            .filter(|r| r.1 >= 0.93)
            .max_by(|a, b| objective(&a.0, kept).total_cmp(&objective(&b.0, kept)))
            .expect("a setting keeps recall")
    };
    for (scores, recall, p) in &rows {
        eprintln!(
            "five {:.3} dogs {:.3} recall {recall:.3} group {} label {} group_hits {} spread {} chars {} chars_missing {}",
            objective(scores, &|i| i < n_five),
            objective(scores, &|i| i >= n_five),
            p.group,
            p.label,
            p.group_hits,
            p.spread,
            p.chars,
            p.chars_missing
        );
    }
    let mut held = vec![0.0; n];
    for (i, h) in held.iter_mut().enumerate() {
        *h = best(&|j| j != i).0[i];
    }
    let family_mean = |v: &[f64], r: std::ops::Range<usize>| {
        let len = r.len() as f64;
        v[r].iter().sum::<f64>() / len
    };
    eprintln!(
        "leave-one-query-out: five {:.3}, dogs {:.3}",
        family_mean(&held, 0..n_five),
        family_mean(&held, n_five..n)
    );
    let on_dogs = best(&|i| i >= n_five);
    let on_five = best(&|i| i < n_five);
    eprintln!(
        "leave-one-family-out: five {:.3} (chosen on dogs: {:?}), dogs {:.3} (chosen on the five: {:?})",
        family_mean(&on_dogs.0, 0..n_five),
        on_dogs.2,
        family_mean(&on_five.0, n_five..n),
        on_five.2
    );
    let chosen = best(&|_| true);
    for (name, p) in [
        ("default", index::RankParams::default()),
        ("chosen on both", chosen.2),
    ] {
        let r = index::evaluate_topics(&lifts, &lifts_gold, &p).unwrap();
        eprintln!(
            "held-out lifts with the {name} setting: {:.3} ({p:?})",
            r.r_precision
        );
    }
}

/// Writes the first-stage pool of every topic query (five, dogs, lifts) and dev question to the
/// JSON file `RIG_DUMP` names: per query its words and their parts, and per hit its BM25 relative
/// to the best, text, chapter title and clause group (label, members with their openings); for
/// trying a second stage outside the crate. The held-out smoking family is dumped for reading its misses, never for a choice. Run with
/// `RIG_DUMP=/tmp/pool.json cargo test --release --test search -- --ignored topic_dump`.
#[test]
#[ignore]
fn topic_dump() {
    let Ok(out) = std::env::var("RIG_DUMP") else {
        return;
    };
    let flat = index::RankParams {
        bm25_power: 1.0,
        opening: 0.0,
        listed: 0.0,
        group: 0.0,
        label: 0.0,
        group_best: 0.0,
        ..index::RankParams::default()
    };
    let (_d1, dogs) = family_index("alignment-dev-dogs.json");
    let (_d2, lifts) = family_index("topic-queries-lifts.json");
    let (_d3, smoking) = family_index("topic-queries-smoking.json");
    let dump = |idx: &SearchIndex, query: &str| -> serde_json::Value {
        let report = idx
            .search_with(query, &Filter::default(), 100, &flat)
            .unwrap();
        let parts = idx.query_parts(&report.words).unwrap();
        let held = idx.word_shares(&report.words).unwrap();
        let topics = idx.topics();
        let mut seen = std::collections::HashMap::new();
        let hits: Vec<serde_json::Value> = report
            .hits
            .iter()
            .map(|h| {
                let group = topics.and_then(|t| t.group_of(h.doc.as_str(), h.article, &mut seen));
                serde_json::json!({
                    "doc": h.doc.as_str(), "article": h.article, "bm25": h.score,
                    "text": h.text, "chapter": h.chapter.title,
                    "group": group.map(|g| serde_json::json!({
                        "label": g.label, "members": g.members,
                    })),
                })
            })
            .collect();
        serde_json::json!({"query": query, "words": report.words, "parts": parts, "held": held, "hits": hits})
    };
    let mut sets = serde_json::Map::new();
    for (name, idx, gold) in [
        ("five", shared_index(), topic_gold()),
        ("dogs", &dogs, family_topics("topic-queries-dogs.json")),
        ("lifts", &lifts, family_topics("topic-queries-lifts.json")),
        (
            "smoking",
            &smoking,
            family_topics("topic-queries-smoking.json"),
        ),
    ] {
        let queries: Vec<serde_json::Value> = gold
            .queries
            .iter()
            .map(|q| {
                let mut d = dump(idx, &q.query);
                d["defining"] = serde_json::json!(q.defining);
                d
            })
            .collect();
        sets.insert(name.to_string(), serde_json::json!(queries));
    }
    let dev: Vec<serde_json::Value> = dev_questions()
        .queries
        .iter()
        .map(|q| {
            let mut d = dump(shared_index(), &q.query);
            d["relevant"] = serde_json::json!(q.relevant);
            d["partial"] = serde_json::json!(q.partial);
            d
        })
        .collect();
    sets.insert("dev".to_string(), serde_json::json!(dev));
    std::fs::write(&out, serde_json::to_string(&sets).unwrap()).unwrap();
}

/// Every dev family's articles (document, number, chapter title, text, clause group) and, per
/// topic query, its words, defining articles and pool of 100 hits in order, written to the JSON
/// file `RIG_LINKS` names: for reading offline what links a query's words to a missed defining
/// article (its group's wording, its chapter title, its label). Run with
/// `RIG_LINKS=/tmp/links.json cargo test --release --test search -- --ignored topic_links`.
#[test]
#[ignore]
fn topic_links() {
    let Ok(out) = std::env::var("RIG_LINKS") else {
        return;
    };
    let families = DevFamilies::index();
    let corpora: Vec<Corpus> = families
        .indexes
        .iter()
        .map(|(_, dir, _, _)| Corpus::load(&dir.path().join("corpus")).expect("family corpus"))
        .collect();
    let params = index::RankParams::default();
    let mut sets = serde_json::Map::new();
    for (i, (name, idx, gold)) in families.sets().into_iter().enumerate() {
        let docs = if i == 0 {
            &corpus().docs
        } else {
            &corpora[i - 1].docs
        };
        let topics = idx.topics();
        let mut seen = std::collections::HashMap::new();
        let mut articles = Vec::new();
        for reg in docs {
            for a in &reg.articles {
                let group = topics.and_then(|t| t.group_of(reg.id.as_str(), a.number, &mut seen));
                articles.push(serde_json::json!({
                    "doc": reg.id.as_str(), "article": a.number, "sub": a.sub,
                    "chapter": a.chapter.title, "text": a.norm,
                    "group": group.map(|g| serde_json::json!({
                        "label": g.label,
                        "members": g.members.iter().map(|m| (m.0.clone(), m.1)).collect::<Vec<_>>(),
                    })),
                }));
            }
        }
        let queries: Vec<serde_json::Value> = gold
            .queries
            .iter()
            .map(|q| {
                let report = idx
                    .search_with(&q.query, &Filter::default(), 100, &params)
                    .unwrap();
                let hits: Vec<(String, u32)> = report
                    .hits
                    .iter()
                    .map(|h| (h.doc.to_string(), h.article))
                    .collect();
                serde_json::json!({
                    "query": q.query, "words": report.words, "defining": q.defining,
                    "hits": hits,
                })
            })
            .collect();
        sets.insert(
            name.to_string(),
            serde_json::json!({"articles": articles, "queries": queries}),
        );
    }
    std::fs::write(&out, serde_json::to_string(&sets).unwrap()).unwrap();
}

/// The family's head word says little: 犬只收容 is cut 犬 + 只 + 收容, and 犬 and 只 are in
/// nearly every article of a dog regulation. Weighed by the share of the articles that lack
/// them, the query is about 收容, so 青岛's 犬只收留所 articles, whose clause group holds 菏泽's
/// 实行犬只收容救助制度 (the group's best opening), come before the articles that send a dog
/// to a 收容场所 in passing; with every word weighing alike they were at places 23 and 27. The
/// counterfactual also counts 犬 and 只 wherever they stand (`piece` and `piece_first` 1, as
/// before the thirty-first round): read only beside each other (犬只), the two characters say
/// the family's head word as one, which does part of what `rarity` does here.
#[test]
fn the_family_head_word_weighs_little() {
    let (_dir, idx) = family_index("alignment-dev-dogs.json");
    let places = |params: &index::RankParams| -> Vec<(String, u32)> {
        idx.search_with("犬只收容", &Filter::default(), 100, params)
            .unwrap()
            .hits
            .iter()
            .map(|h| (h.doc.to_string(), h.article))
            .collect()
    };
    let ranked = places(&index::RankParams::default());
    for d in [("qingdao", 15), ("qingdao", 16)] {
        let at = ranked.iter().position(|r| r.0 == d.0 && r.1 == d.1);
        assert!(at.is_some_and(|i| i < 5), "{d:?} at {at:?}: {ranked:?}");
    }
    let alike = places(&index::RankParams {
        rarity: 0.0,
        group_best: 0.0,
        lift: 0.0,
        piece: 1.0,
        piece_first: 1.0,
        ..index::RankParams::default()
    });
    let at = alike.iter().position(|r| r.0 == "qingdao" && r.1 == 15);
    assert!(
        at.is_none_or(|i| i >= 5),
        "qingdao 15 at {at:?} without them"
    );
}

/// A search of quoted phrases only is not reranked, yet its scores are on the reranked scale:
/// the best hit scores 1 (BM25 relative to the best, to the rerank's power), not tantivy's raw
/// BM25 (12.54 for 每两周召开１次 before).
#[test]
fn phrase_only_scores_are_on_the_search_scale() {
    let report = shared_index()
        .search("\"每两周召开１次\"", &Filter::default(), 10)
        .unwrap();
    assert!(!report.hits.is_empty());
    let best = report.hits[0].score;
    assert!((best - 1.0).abs() < 1e-6, "best score {best}");
    for h in &report.hits {
        assert!(h.score > 0.0 && h.score <= 1.0 + 1e-6, "score {}", h.score);
    }
    let words = shared_index()
        .search("常务会议 \"每两周召开\"", &Filter::default(), 10)
        .unwrap();
    let d = index::RankParams::default();
    assert!(
        words.hits[0].score
            <= 1.0 + 0.8 + 0.6 + 0.7 + 0.2 + d.first_use + d.actor + d.kind + d.kind_only + 1e-6
    );
}

/// The first place among the first 100 hits of `query` of an article whose text holds `word`.
fn first_holding(idx: &SearchIndex, query: &str, word: &str) -> Option<usize> {
    idx.search(query, &Filter::default(), 100)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .hits
        .iter()
        .position(|h| h.text.contains(word))
        .map(|i| i + 1)
}

/// Tester item U7: a common query word in the opening sentences of an article and its
/// counterparts must not outrank the article holding the query's rare word. On the five:
/// 区长名章 (名章 in one article, 历下 第六十条; 区长 in about a hundred) and 副区长题词 (题词 in
/// six); on the five 优化营商环境条例 of lawrefbook: 市场主体 容错 (容错 in 8 articles, 市场主体
/// in ~230). Before the coverage scaling of the bonuses: places 43, 47 and 57.
#[test]
fn the_article_holding_the_rare_query_word_comes_first() {
    let five = shared_index();
    assert_eq!(first_holding(five, "区长名章", "名章"), Some(1));
    let place = first_holding(five, "副区长题词", "题词");
    assert!(place.is_some_and(|p| p <= 3), "题词 at {place:?}");
    let sources: std::collections::BTreeMap<String, String> = [
        (
            "guangdong",
            "广东地方法规/地方性法规/广东/广东省优化营商环境条例(2022-06-01).md",
        ),
        (
            "yunfu",
            "广东地方法规/地方性法规/广东/云浮市优化营商环境条例(2023-03-03).md",
        ),
        (
            "chongqing",
            "重庆地方法规/地方性法规/重庆/重庆市优化营商环境条例(2021-03-31).md",
        ),
        (
            "beijing2020",
            "北京地方法规/地方性法规/北京/北京市优化营商环境条例(2020-03-27).md",
        ),
        (
            "beijing2024",
            "北京地方法规/地方性法规/北京/北京市优化营商环境条例(2024-11-29).md",
        ),
    ]
    .into_iter()
    .map(|(id, p)| (id.to_string(), format!("DLC/{p}")))
    .collect();
    let (_dir, yy) = index_of_sources(&sources);
    let place = first_holding(&yy, "市场主体 容错", "容错");
    assert!(place.is_some_and(|p| p <= 3), "容错 at {place:?}");
}

/// Prints the first hits of the queries `RIG_SHOW` names (`family:query;family:query`, family
/// one of five, dogs, lifts, smoking, water), each with its score and opening: for reading why a
/// defining article ranks where it does. Run with
/// `RIG_SHOW='water:节水规划' cargo test --release --test search -- --ignored topic_show --nocapture`
/// (`RIG_FEATURES=1`: each hit's rerank features too).
#[test]
#[ignore]
fn topic_show() {
    let Ok(show) = std::env::var("RIG_SHOW") else {
        return;
    };
    let family = |name: &str| -> Option<(tempfile::TempDir, SearchIndex)> {
        match name {
            "dogs" => Some(family_index("alignment-dev-dogs.json")),
            "five" => None,
            _ => Some(family_index(&format!("topic-queries-{name}.json"))),
        }
    };
    for item in show.split(';') {
        let Some((name, query)) = item.split_once(':') else {
            continue;
        };
        let own = family(name);
        let idx = own.as_ref().map_or(shared_index(), |(_, i)| i);
        let report = idx.search(query, &Filter::default(), 12).unwrap();
        eprintln!("== {name} {query} {:?}", report.words);
        let features = std::env::var("RIG_FEATURES").is_ok_and(|v| v == "1");
        let pool = if features {
            idx.pool_features(query, &Filter::default(), &index::RankParams::default())
                .unwrap()
        } else {
            Vec::new()
        };
        for h in &report.hits {
            let opening: String = h.text.chars().take(60).collect();
            eprintln!(
                "{:.3} {}:{} {}",
                h.score,
                h.doc,
                h.article,
                opening.replace('\n', " ")
            );
            if let Some((_, f)) = pool
                .iter()
                .find(|(p, _)| p.doc == h.doc && p.article == h.article)
            {
                eprintln!("      {f:?}");
            }
        }
    }
}

/// Leave-one-family-out cross-validation of the query-kind and run weights (`kind`,
/// `kind_words`, `phrase`, `abbrev`, `abbrev_words`) over the five dev families of topic
/// queries (the five work rules, dogs, lifts, smoking, water): each family is scored with the
/// setting whose mean of the other four families' R-precision is best among the settings that
/// keep recall@10 of the dev questions at 0.93 or more (ties: the earlier, simpler setting).
/// Run with `cargo test --release --test search -- --ignored kind_cross_validation --nocapture`.
#[test]
#[ignore]
fn kind_cross_validation() {
    let families = DevFamilies::index();
    let sets = families.sets();
    let questions = dev_questions();
    let base = index::RankParams {
        kind: 0.0,
        kind_words: false,
        phrase: 0.0,
        abbrev: 0.0,
        abbrev_words: 0.0,
        ..index::RankParams::default()
    };
    let mut grid = Vec::new();
    for &kind in &[0.0f32, 0.5, 1.0, 1.5] {
        for kind_words in [false, true] {
            for &phrase in &[0.0f32, 0.2, 0.4] {
                for &abbrev in &[0.0f32, 0.5, 1.0] {
                    for &abbrev_words in &[0.0f32, 0.5, 1.0] {
                        if phrase == 0.0 && abbrev > 0.0 {
                            continue;
                        }
                        grid.push(index::RankParams {
                            kind,
                            kind_words,
                            phrase,
                            abbrev,
                            abbrev_words,
                            ..base
                        });
                    }
                }
            }
        }
    }
    // Per setting: each family's R-precision and recall@10 of the dev questions.
    let rows: Vec<(Vec<f64>, f64, index::RankParams)> = grid
        .iter()
        .map(|p| {
            let scores = sets
                .iter()
                .map(|(_, idx, gold)| index::evaluate_topics(idx, gold, p).unwrap().r_precision)
                .collect();
            let recall = index::evaluate_with(shared_index(), &questions, 10, p)
                .unwrap()
                .recall;
            (scores, recall, *p)
        })
        .collect();
    let mean_of = |row: &[f64], out: Option<usize>| -> f64 {
        let kept: Vec<f64> = (0..row.len())
            .filter(|&i| Some(i) != out)
            .map(|i| row[i])
            .collect();
        kept.iter().sum::<f64>() / kept.len() as f64
    };
    let best = |out: Option<usize>| {
        let mut chosen: Option<&(Vec<f64>, f64, index::RankParams)> = None;
        for r in rows.iter().filter(|r| r.1 >= 0.93) {
            if chosen.is_none_or(|c| mean_of(&r.0, out) > mean_of(&c.0, out) + 1e-9) {
                chosen = Some(r);
            }
        }
        chosen.expect("a setting keeps recall")
    };
    let show = |p: &index::RankParams| {
        format!(
            "kind {} kind_words {} phrase {} abbrev {} abbrev_words {}",
            p.kind, p.kind_words, p.phrase, p.abbrev, p.abbrev_words
        )
    };
    let mut cv = Vec::new();
    for (i, (name, _, _)) in sets.iter().enumerate() {
        let (scores, recall, p) = best(Some(i));
        eprintln!(
            "left out {name}: {:.3} (chosen on the others: {}, recall {recall:.3})",
            scores[i],
            show(p)
        );
        cv.push(scores[i]);
    }
    let (scores, recall, p) = best(None);
    eprintln!(
        "leave-one-family-out mean {:.3}; chosen on all the families: {} → {:?} recall {recall:.3}",
        cv.iter().sum::<f64>() / cv.len() as f64,
        show(p),
        scores
    );
    let before = &rows[0];
    eprintln!("before (all off): {:?} recall {:.3}", before.0, before.1);
}

/// A query naming a standard article type (`corpus/article-types.tsv`) finds the articles of
/// that type though they share none of its words: the four 节约用水条例 say 为了…制定本条例,
/// never 立法目的, and without the kind (weight 0) none of them is among the first hits. A query
/// asking for penalties puts the penalty article on its matter first (浪费用水处罚: 违反本条例规定
/// …造成水资源浪费的…), not the articles that regulate 浪费用水 or that say who imposes 处罚.
#[test]
fn a_query_naming_an_article_type_finds_that_type() {
    let (_dir, idx) = family_index("topic-queries-water.json");
    let first = |query: &str, params: &index::RankParams, n: usize| -> Vec<String> {
        idx.search_with(query, &Filter::default(), n, params)
            .unwrap()
            .hits
            .iter()
            .map(|h| h.text.clone())
            .collect()
    };
    let defaults = index::RankParams::default();
    let purpose = first("立法目的", &defaults, 4);
    assert_eq!(purpose.len(), 4, "{purpose:?}");
    for t in &purpose {
        assert!(t.starts_with("为") && t.contains("制定本条例"), "{t}");
    }
    let off = index::RankParams {
        kind: 0.0,
        ..defaults
    };
    assert!(
        first("立法目的", &off, 4)
            .iter()
            .all(|t| !t.contains("制定本条例")),
        "purpose clauses found without the kind"
    );
    let dates = first("施行日期", &defaults, 4);
    assert!(dates.iter().all(|t| t.contains("施行")), "{dates:?}");
    // The first penalty article on 浪费 (违反本条例规定，…造成水资源浪费的): at place 8 before.
    let place = |params: &index::RankParams| {
        first("浪费用水处罚", params, 20)
            .iter()
            .position(|t| t.starts_with("违反") && t.contains("浪费"))
    };
    let now = place(&defaults);
    assert!(now.is_some_and(|p| p < 3), "at {now:?}");
    let before = place(&index::RankParams {
        kind_words: false,
        abbrev_words: 0.0,
        ..off
    });
    assert!(before.is_none_or(|p| p > 3), "at {before:?} before");
}

/// Leave-one-family-out cross-validation of the whole-term and definition weights (`whole`,
/// `defines`) over the five dev families of topic queries, with recall@10 of the dev questions
/// at 0.93 or more, as `kind_cross_validation` does (ties: the earlier, simpler setting). Run with
/// `GUIZE_SHARED=… cargo test --release --test search -- --ignored term_cross_validation --nocapture`.
#[test]
#[ignore]
fn term_cross_validation() {
    let families = DevFamilies::index();
    let sets = families.sets();
    let questions = dev_questions();
    let base = index::RankParams {
        whole: 0.0,
        defines: 0.0,
        ..index::RankParams::default()
    };
    let mut grid = Vec::new();
    for &defines in &[0.0f32, 0.4, 0.8] {
        for &whole in &[0.0f32, 0.25, 0.5, 0.75] {
            grid.push(index::RankParams {
                whole,
                defines,
                ..base
            });
        }
    }
    let rows: Vec<(Vec<f64>, f64, f64, index::RankParams)> = grid
        .iter()
        .map(|p| {
            let scores: Vec<f64> = sets
                .iter()
                .map(|(_, idx, gold)| index::evaluate_topics(idx, gold, p).unwrap().r_precision)
                .collect();
            let dev = index::evaluate_with(shared_index(), &questions, 10, p).unwrap();
            eprintln!(
                "whole {} defines {}: {:?} recall@10 {:.3} nDCG@10 {:.3}",
                p.whole, p.defines, scores, dev.recall, dev.ndcg
            );
            (scores, dev.recall, dev.ndcg, *p)
        })
        .collect();
    let mean_of = |row: &[f64], out: Option<usize>| -> f64 {
        let kept: Vec<f64> = (0..row.len())
            .filter(|&i| Some(i) != out)
            .map(|i| row[i])
            .collect();
        kept.iter().sum::<f64>() / kept.len() as f64
    };
    let best = |out: Option<usize>| {
        let mut chosen: Option<&(Vec<f64>, f64, f64, index::RankParams)> = None;
        for r in rows.iter().filter(|r| r.1 >= 0.93) {
            if chosen.is_none_or(|c| mean_of(&r.0, out) > mean_of(&c.0, out) + 1e-9) {
                chosen = Some(r);
            }
        }
        chosen.expect("a setting keeps recall")
    };
    let mut cv = Vec::new();
    for (i, (name, _, _)) in sets.iter().enumerate() {
        let (scores, recall, _, p) = best(Some(i));
        eprintln!(
            "left out {name}: {:.3} (chosen on the others: whole {} defines {}, recall {recall:.3})",
            scores[i], p.whole, p.defines
        );
        cv.push(scores[i]);
    }
    let (scores, recall, ndcg, p) = best(None);
    eprintln!(
        "leave-one-family-out mean {:.3}; chosen on all the families: whole {} defines {} → \
         {scores:?} recall@10 {recall:.3} nDCG@10 {ndcg:.3}",
        cv.iter().sum::<f64>() / cv.len() as f64,
        p.whole,
        p.defines
    );
}

/// Four regulations of property management (杭州, 河南, 上海, 丽水) from lawrefbook: a family
/// no weight was chosen on.
fn property_index() -> (tempfile::TempDir, SearchIndex) {
    let sources: std::collections::BTreeMap<String, String> = [
        (
            "hangzhou",
            "DLC/浙江地方法规/地方性法规/浙江/杭州市物业管理条例(2021-08-09).md",
        ),
        (
            "henan",
            "DLC/河南地方法规/地方性法规/河南/河南省物业管理条例.md",
        ),
        (
            "shanghai",
            "DLC/上海地方法规/地方性法规/上海/上海市住宅物业管理规定(2020-12-30).md",
        ),
        (
            "lishui",
            "DLC/浙江地方法规/地方性法规/浙江/丽水市物业管理条例(2019-04-08).md",
        ),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    index_of_sources(&sources)
}

/// 临时管理规约 is cut 临时 + 管理 + 规约; 杭州 第十八条 (the 业主大会 and its 临时会议) holds
/// all three words, never together, and outranks 杭州 第四十三条 (the developer draws up the
/// 临时管理规约). With `whole` the term must be said whole (its words in one clause) for the
/// article to keep its coverage, and the order turns; the default leaves `whole` at 0, since it
/// costs the smoking family more than it gains (`term_cross_validation`), so the defaults keep
/// the old order, which this test pins too.
#[test]
fn a_term_cut_into_words_can_match_whole_ahead_of_its_pieces() {
    let (_dir, idx) = property_index();
    let places = |params: &index::RankParams| {
        let hits = idx
            .search_with("临时管理规约", &Filter::default(), 40, params)
            .unwrap()
            .hits;
        let of = |n: u32| {
            hits.iter()
                .position(|h| h.doc.as_str() == "hangzhou" && h.article == n)
        };
        (of(43), of(18))
    };
    let (regulating, meeting) = places(&index::RankParams {
        whole: 0.5,
        ..index::RankParams::default()
    });
    assert!(
        regulating.is_some_and(|r| meeting.is_none_or(|m| r < m && m >= 10)),
        "第四十三条 at {regulating:?}, 临时会议 at {meeting:?}"
    );
    // The defaults leave `whole` off; the article that regulates the term is still found.
    let (regulating, meeting) = places(&index::RankParams::default());
    assert!(
        regulating.is_some_and(|r| r < 10),
        "defaults: 第四十三条 at {regulating:?}, 临时会议 at {meeting:?}"
    );
}

/// An item of a list of definitions (本条例下列用语的含义：…（二）物业使用人，是指…) defines its
/// term though the article's opening names another: the article ranks in the first ten for the
/// term it defines (河南 第九十一条 was 73rd for 物业使用人, behind the articles on the duties of
/// owners and users).
#[test]
fn an_item_defining_the_queried_term_ranks_high() {
    let (_dir, idx) = property_index();
    let place = |query: &str, doc: &str, article: u32, params: &index::RankParams| {
        idx.search_with(query, &Filter::default(), 100, params)
            .unwrap()
            .hits
            .iter()
            .position(|h| h.doc.as_str() == doc && h.article == article)
    };
    let defaults = index::RankParams::default();
    // Each term with the article whose item defines it (before the rule: 73rd, 16th, 24th).
    for (query, doc, article) in [
        ("物业使用人", "henan", 91),
        ("共有物业", "lishui", 52),
        ("前期物业管理", "lishui", 52),
    ] {
        let at = place(query, doc, article, &defaults);
        assert!(at.is_some_and(|p| p < 10), "{query}: at {at:?}");
    }
    let off = index::RankParams {
        defines: 0.0,
        ..defaults
    };
    let before = place("物业使用人", "henan", 91, &off);
    assert!(before.is_none_or(|p| p >= 10), "before: at {before:?}");
}

/// Leave-one-family-out cross-validation of any grid of settings over the dev families of topic
/// queries (the five work rules, dogs, lifts, smoking, water since the tenth round blood, since the fifteenth round dust and schools, since the sixteenth heating and drinking, since the nineteenth vehicles, inspection, volunteer and budget), with recall@10 of the dev questions at 0.93 or more, as `kind_cross_validation`
/// does (ties: the earlier setting, so the list starts with the defaults). `GRID` holds a JSON
/// array of partial settings laid over the defaults (`[{}, {"figure": 0.4}]`). A fold keeps only
/// the settings that lower none of its other families by more than `GRID_BOUND` (0.01 unless
/// set; the bound of the rounds since the twenty-first) against the first setting (the state
/// before), and so does the choice on all. Run with
/// `GRID='[…]' cargo test --release --test search -- --ignored grid_cross_validation --nocapture`.
#[test]
#[ignore]
fn grid_cross_validation() {
    let Ok(grid) = std::env::var("GRID") else {
        return;
    };
    let grid: Vec<serde_json::Value> = serde_json::from_str(&grid).expect("GRID is a JSON array");
    let families = DevFamilies::index();
    let sets = families.sets();
    let questions = dev_questions();
    let rows: Vec<(Vec<f64>, f64, &serde_json::Value)> = grid
        .iter()
        .map(|setting| {
            let mut value = serde_json::to_value(index::RankParams::default()).unwrap();
            for (k, v) in setting.as_object().expect("a setting is an object") {
                value[k] = v.clone();
            }
            let p: index::RankParams = serde_json::from_value(value).expect("a setting");
            let scores: Vec<f64> = sets
                .iter()
                .map(|(_, idx, gold)| index::evaluate_topics(idx, gold, &p).unwrap().r_precision)
                .collect();
            let dev = index::evaluate_with(shared_index(), &questions, 10, &p).unwrap();
            eprintln!(
                "{setting}: {} recall@10 {:.3} nDCG@10 {:.3}",
                scores
                    .iter()
                    .map(|s| format!("{s:.3}"))
                    .collect::<Vec<_>>()
                    .join(" "),
                dev.recall,
                dev.ndcg
            );
            (scores, dev.recall, setting)
        })
        .collect();
    let bound: f64 = std::env::var("GRID_BOUND")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(0.01);
    let base: Option<Vec<f64>> = rows.first().map(|r| r.0.clone());
    let within = |row: &[f64], out: Option<usize>| -> bool {
        base.as_ref().is_none_or(|b| {
            (0..row.len())
                .filter(|&i| Some(i) != out)
                .all(|i| row[i] >= b[i] - bound - 1e-9)
        })
    };
    let mean_of = |row: &[f64], out: Option<usize>| -> f64 {
        let kept: Vec<f64> = (0..row.len())
            .filter(|&i| Some(i) != out)
            .map(|i| row[i])
            .collect();
        kept.iter().sum::<f64>() / kept.len() as f64
    };
    let best = |out: Option<usize>| {
        let mut chosen: Option<&(Vec<f64>, f64, &serde_json::Value)> = None;
        for r in rows.iter().filter(|r| r.1 >= 0.93 && within(&r.0, out)) {
            if chosen.is_none_or(|c| mean_of(&r.0, out) > mean_of(&c.0, out) + 1e-9) {
                chosen = Some(r);
            }
        }
        chosen.expect("a setting keeps recall")
    };
    let mut cv = Vec::new();
    for (i, (name, _, _)) in sets.iter().enumerate() {
        let (scores, _, setting) = best(Some(i));
        eprintln!(
            "left out {name}: {:.3} (chosen on the others: {setting})",
            scores[i]
        );
        cv.push(scores[i]);
    }
    let (scores, recall, setting) = best(None);
    eprintln!(
        "leave-one-family-out mean {:.3}; chosen on all: {setting} → {scores:?} recall@10 {recall:.3}",
        cv.iter().sum::<f64>() / cv.len() as f64
    );
}

/// How to set one weight of [`JOINT_WEIGHTS`].
type Setter = fn(&mut index::RankParams, f32);

/// The weights of the second stage's score that a joint search moves (those not at 0: a
/// multiplicative grid cannot move a weight from 0), each with how to set it.
const JOINT_WEIGHTS: [(&str, Setter); 11] = [
    ("bm25_power", |p, v| p.bm25_power = v),
    ("opening", |p, v| p.opening = v),
    ("group", |p, v| p.group = v),
    ("label", |p, v| p.label = v),
    ("group_best", |p, v| p.group_best = v),
    ("defines", |p, v| p.defines = v),
    ("figure", |p, v| p.figure = v),
    ("kind", |p, v| p.kind = v),
    ("listed", |p, v| p.listed = v),
    ("coverage", |p, v| p.coverage = v),
    ("penalty", |p, v| p.penalty = v),
];

/// The defaults' values of [`JOINT_WEIGHTS`].
fn joint_defaults() -> Vec<f32> {
    let d = index::RankParams::default();
    vec![
        d.bm25_power,
        d.opening,
        d.group,
        d.label,
        d.group_best,
        d.defines,
        d.figure,
        d.kind,
        d.listed,
        d.coverage,
        d.penalty,
    ]
}

fn joint_params(v: &[f32]) -> index::RankParams {
    let mut p = index::RankParams::default();
    for ((_, set), x) in JOINT_WEIGHTS.iter().zip(v) {
        set(&mut p, *x);
    }
    p
}

/// One query's first-stage pool with the features of each hit, in BM25 order.
type Pool = Vec<((String, u32), index::Features)>;

/// The pools of every family's topic queries, then of every dev question.
type PoolSet = (Vec<Vec<Pool>>, Vec<Pool>);

/// The pools of every topic query of the dev families (with their defining articles) and of
/// every dev question, computed once per way the features depend on the weights: whether
/// `defines`, `figure` and `kind` are 0 (a definition and a figure count as the opening, and a
/// kind adds articles to the first stage); no other weight of [`JOINT_WEIGHTS`] changes the
/// pool or the features.
struct Pools<'a> {
    sets: &'a [(&'static str, &'a SearchIndex, TopicGold)],
    questions: &'a GoldFile,
    cache: std::collections::HashMap<(bool, bool, bool), PoolSet>,
}

impl Pools<'_> {
    fn pool(idx: &SearchIndex, query: &str, p: &index::RankParams) -> Pool {
        match idx.pool_features(query, &Filter::default(), p) {
            Ok(pool) => pool
                .into_iter()
                .map(|(h, f)| ((h.doc.to_string(), h.article), f))
                .collect(),
            Err(guize::Error::NothingToSearch { .. }) => Vec::new(),
            Err(e) => panic!("{query}: {e}"),
        }
    }

    /// The ranking of `pool` under `p`: as the rerank sorts, stably by score.
    fn ranked(pool: &Pool, p: &index::RankParams) -> Vec<(String, u32)> {
        let mut scored: Vec<(f32, &(String, u32))> =
            pool.iter().map(|(a, f)| (p.score(f), a)).collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().map(|(_, a)| a.clone()).collect()
    }

    /// Topic R-precision per family, then recall@10 and nDCG@10 of the dev questions.
    fn score(&mut self, v: &[f32]) -> (Vec<f64>, f64, f64) {
        let p = joint_params(v);
        let key = (p.defines != 0.0, p.figure != 0.0, p.kind != 0.0);
        let (sets, questions) = (self.sets, self.questions);
        let (topics, dev) = self.cache.entry(key).or_insert_with(|| {
            let topics = sets
                .iter()
                .map(|(_, idx, gold)| {
                    gold.queries
                        .iter()
                        .map(|q| Pools::pool(idx, &q.query, &p))
                        .collect()
                })
                .collect();
            let dev = questions
                .queries
                .iter()
                .map(|q| Pools::pool(shared_index(), &q.query, &p))
                .collect();
            (topics, dev)
        });
        let families = sets
            .iter()
            .zip(topics.iter())
            .map(|((_, _, gold), pools)| {
                let sum: f64 = gold
                    .queries
                    .iter()
                    .zip(pools)
                    .map(|(q, pool)| {
                        let k = q.defining.len().max(1);
                        let ranked = Pools::ranked(pool, &p);
                        let top = &ranked[..ranked.len().min(k)];
                        q.defining.iter().filter(|d| top.contains(d)).count() as f64 / k as f64
                    })
                    .sum();
                sum / gold.queries.len().max(1) as f64
            })
            .collect();
        let scores: Vec<index::QueryScore> = questions
            .queries
            .iter()
            .zip(dev.iter())
            .map(|(g, pool)| index::score_query(g, &Pools::ranked(pool, &p), 10))
            .collect();
        let n = scores.len().max(1) as f64;
        (
            families,
            scores.iter().map(|s| s.recall).sum::<f64>() / n,
            scores.iter().map(|s| s.ndcg).sum::<f64>() / n,
        )
    }

    /// Coordinate ascent from `start` on the mean R-precision of the families `train`: each
    /// pass takes every weight in turn over the current value times each of `JOINT_STEPS`,
    /// keeping the best (a tie keeps the current value) among the settings whose recall@10 and
    /// nDCG@10 of the dev questions do not fall below `floor`; at most `passes` passes, fewer
    /// when one changes nothing.
    fn ascend(
        &mut self,
        train: &[usize],
        start: &[f32],
        floor: (f64, f64),
        passes: usize,
    ) -> Vec<f32> {
        let mean = |s: &[f64]| train.iter().map(|&i| s[i]).sum::<f64>() / train.len() as f64;
        let mut v = start.to_vec();
        let mut best = mean(&self.score(&v).0);
        for _ in 0..passes {
            let mut moved = false;
            for j in 0..v.len() {
                let current = v[j];
                let mut chosen = current;
                let mut steps = JOINT_STEPS;
                if std::env::var("JOINT_ORDER").is_ok_and(|o| o == "grid") {
                    steps.sort_by(f32::total_cmp);
                }
                for m in steps {
                    let x = current * m;
                    if (x - current).abs() < 1e-6
                        || (JOINT_WEIGHTS[j].0 == "penalty" && x > 1.0 && current >= 1.0)
                    {
                        continue;
                    }
                    let mut w = v.clone();
                    w[j] = x;
                    let (s, recall, ndcg) = self.score(&w);
                    if recall < floor.0 - 1e-9 || ndcg < floor.1 - 1e-9 {
                        continue;
                    }
                    let m = mean(&s);
                    if m > best + 1e-9 {
                        best = m;
                        chosen = x;
                    }
                }
                if chosen != current {
                    v[j] = chosen;
                    moved = true;
                }
            }
            if !moved {
                break;
            }
        }
        v
    }
}

/// The multiplicative steps of the joint search (`joint_weight_cross_validation`), nearest
/// first: a step must beat the best so far, so among settings that tie the smaller change is
/// kept (visited as 0, 0.5, 0.75 …, a tie took 0, and the smoking fold dropped `penalty` to 0
/// where 0.5 scored the same on the other five). `JOINT_ORDER=grid` visits them in grid order.
const JOINT_STEPS: [f32; 6] = [1.25, 0.75, 1.5, 0.5, 2.0, 0.0];

/// All the second stage's weights chosen jointly: coordinate ascent from the defaults over
/// the weights of [`JOINT_WEIGHTS`] (each over the current value times 0, 0.5, 0.75, 1.25, 1.5
/// and 2, `JOINT_PASSES` passes at most, default 3), with the dev questions' recall@10 and
/// nDCG@10 kept at the defaults' or above, scored by leave-one-family-out over the dev
/// families of topic queries: for each family, the ascent on the others, then that family
/// scored with the weights it chose. The pools and features are computed once per way they
/// depend on the weights and rescored in memory. Run with
/// `cargo test --release --test search -- --ignored joint_weight_cross_validation --nocapture`.
#[test]
#[ignore]
fn joint_weight_cross_validation() {
    let passes: usize = std::env::var("JOINT_PASSES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let families = DevFamilies::index();
    let sets = families.sets();
    let questions = dev_questions();
    let mut pools = Pools {
        sets: &sets,
        questions: &questions,
        cache: std::collections::HashMap::new(),
    };
    let defaults = joint_defaults();
    let (base, recall, ndcg) = pools.score(&defaults);
    // The in-memory scores are the searches' own.
    let p = index::RankParams::default();
    for (i, (name, idx, gold)) in sets.iter().enumerate() {
        let r = index::evaluate_topics(idx, gold, &p).unwrap().r_precision;
        assert!(
            (r - base[i]).abs() < 1e-9,
            "{name}: {r} searched, {} in memory",
            base[i]
        );
    }
    let show = |v: &[f32]| {
        JOINT_WEIGHTS
            .iter()
            .zip(v)
            .zip(&defaults)
            .filter(|((_, x), d)| (**x - **d).abs() > 1e-6)
            .map(|(((n, _), x), d)| format!("{n} {d}→{x}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let row = |s: &[f64]| {
        s.iter()
            .map(|x| format!("{x:.3}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    eprintln!(
        "defaults: {} recall@10 {recall:.3} nDCG@10 {ndcg:.3}",
        row(&base)
    );
    let names: Vec<&str> = sets.iter().map(|(n, _, _)| *n).collect();
    let mut held_out = Vec::new();
    for out in 0..sets.len() {
        let train: Vec<usize> = (0..sets.len()).filter(|&i| i != out).collect();
        let v = pools.ascend(&train, &defaults, (recall, ndcg), passes);
        let (s, r, n) = pools.score(&v);
        let mean_train = train.iter().map(|&i| s[i]).sum::<f64>() / train.len() as f64;
        let mean_base = train.iter().map(|&i| base[i]).sum::<f64>() / train.len() as f64;
        eprintln!(
            "left out {}: {:.3} (defaults {:.3}); others {mean_base:.3} → {mean_train:.3}; \
             recall@10 {r:.3} nDCG@10 {n:.3}; chose [{}]; all: {}",
            names[out],
            s[out],
            base[out],
            show(&v),
            row(&s)
        );
        held_out.push(s[out]);
    }
    let lofo = held_out.iter().sum::<f64>() / held_out.len() as f64;
    let lofo_base = base.iter().sum::<f64>() / base.len() as f64;
    let all: Vec<usize> = (0..sets.len()).collect();
    let v = pools.ascend(&all, &defaults, (recall, ndcg), passes);
    let (s, r, n) = pools.score(&v);
    eprintln!(
        "leave-one-family-out mean {lofo:.4} (defaults {lofo_base:.4}); ascent on all families: [{}] \
         → {} (mean {:.3}) recall@10 {r:.3} nDCG@10 {n:.3}; {:?}",
        show(&v),
        row(&s),
        s.iter().sum::<f64>() / s.len() as f64,
        v
    );
}

/// Searches any corpus folder (`TRY_CORPUS`) for the queries of `TRY_QUERIES` (comma-separated)
/// with each setting of `RIG` (as in `topic_rig`), printing the first ten hits with their
/// opening (`TRY_LIMIT` hits, 10 by default; `RIG_FEATURES=1`: each hit's rerank features too):
/// for reading what a setting does on a family outside the golds. Run with
/// `TRY_CORPUS=… TRY_QUERIES=… cargo test --release --test search -- --ignored topic_try --nocapture`.
#[test]
#[ignore]
fn topic_try() {
    let (Ok(dir), Ok(queries)) = (std::env::var("TRY_CORPUS"), std::env::var("TRY_QUERIES")) else {
        return;
    };
    let settings: Vec<serde_json::Value> = std::env::var("RIG")
        .ok()
        .map(|s| serde_json::from_str(&s).expect("RIG is a JSON array"))
        .unwrap_or_else(|| vec![serde_json::json!({})]);
    let docs = Path::new(&dir);
    let corpus = Corpus::load(docs).expect("corpus loads");
    let tmp = tempfile::tempdir().expect("temp dir");
    let fp = index::fingerprint(docs).expect("fingerprint");
    index::rebuild(tmp.path(), &corpus.docs, &fp, &mut |_| {}).expect("index builds");
    let idx = index::open(tmp.path()).expect("index opens");
    let refs: Vec<&guize::Regulation> = corpus.docs.iter().collect();
    let alignment = guize::align::align_docs(&refs);
    index::topics::store_topics(&index::cache::Place::of(&idx), &corpus.docs, &alignment)
        .expect("topics stored");
    for setting in &settings {
        let mut value = serde_json::to_value(index::RankParams::default()).unwrap();
        for (k, v) in setting.as_object().expect("a setting is an object") {
            value[k] = v.clone();
        }
        let params: index::RankParams = serde_json::from_value(value).expect("a setting");
        let limit: usize = std::env::var("TRY_LIMIT")
            .ok()
            .and_then(|l| l.parse().ok())
            .unwrap_or(10);
        let features = std::env::var("RIG_FEATURES").is_ok_and(|v| v == "1");
        for q in queries.split(',') {
            let found = idx
                .search_with(q, &Filter::default(), limit, &params)
                .unwrap();
            eprintln!("== {q} {setting} {:?}", found.words);
            let pool = if features {
                idx.pool_features(q, &Filter::default(), &params).unwrap()
            } else {
                Vec::new()
            };
            for h in &found.hits {
                let opening: String = h.text.chars().take(40).collect();
                eprintln!("{:.2} {} {} {opening}", h.score, h.doc.as_str(), h.article);
                if let Some((_, f)) = pool
                    .iter()
                    .find(|(p, _)| p.doc == h.doc && p.article == h.article)
                {
                    eprintln!("      {f:?}");
                }
            }
        }
    }
}

/// An index of lawrefbook files given as (id, path under `DLC/`).
fn lawrefbook_index(files: &[(&str, &str)]) -> (tempfile::TempDir, SearchIndex) {
    let sources: std::collections::BTreeMap<String, String> = files
        .iter()
        .map(|(id, p)| (id.to_string(), format!("DLC/{p}")))
        .collect();
    index_of_sources(&sources)
}

/// Where each of `wanted` (document, article) ranks for `query` (None: not in the first 100).
fn places_of(
    idx: &SearchIndex,
    query: &str,
    params: &index::RankParams,
    wanted: &[(&str, u32)],
) -> Vec<Option<usize>> {
    let hits = idx
        .search_with(query, &Filter::default(), 100, params)
        .unwrap()
        .hits;
    wanted
        .iter()
        .map(|(d, n)| {
            hits.iter()
                .position(|h| h.doc.as_str() == *d && h.article == *n)
        })
        .collect()
}

/// A statement that bounds a number for the matter (室内温度不低于18℃) is where its standard is
/// set: for 供热温度 the three articles that set the indoor temperature (山东 第二十一条, 泰安
/// 第二十三条, 潍坊 第十五条) come before 青岛 第五十条, which says how the temperature is measured
/// (with `figure` at 0 they were behind it, at places 6–8).
#[test]
fn an_article_setting_a_figure_for_the_matter_comes_before_those_applying_it() {
    let (_dir, idx) = lawrefbook_index(&[
        (
            "shandong",
            "山东地方法规/地方性法规/山东/山东省供热条例(2021-12-03).md",
        ),
        (
            "taian",
            "山东地方法规/地方性法规/山东/泰安市供热条例(2020-11-27).md",
        ),
        (
            "weifang",
            "山东地方法规/地方性法规/山东/潍坊市供热条例(2021-01-28).md",
        ),
        (
            "qingdao",
            "山东地方法规/地方性法规/山东/青岛市供热条例(2017-12-01).md",
        ),
        (
            "luoyang",
            "河南地方法规/地方性法规/河南/洛阳市集中供热条例(2018-10-22).md",
        ),
    ]);
    let wanted = [
        ("shandong", 21),
        ("taian", 23),
        ("weifang", 15),
        ("qingdao", 50),
    ];
    let ahead = |params: &index::RankParams| {
        let p = places_of(&idx, "供热温度", params, &wanted);
        let measuring = p[3].unwrap_or(usize::MAX);
        p[..3].iter().all(|s| s.is_some_and(|s| s < measuring))
    };
    assert!(ahead(&index::RankParams::default()));
    assert!(!ahead(&index::RankParams {
        figure: 0.0,
        ..index::RankParams::default()
    }));
}

/// 占道经营 is cut 占道 + 经营, and the articles on it say 占用城市道路…设摊经营 (three characters
/// between 占 and 道): with each query word counted where the text spells it out with up to 1.5
/// extra characters per character, in the shares and in the coverage, 宁波 第二十五条 and 温州
/// 第二十一条 are in the first ten (before: outside them, behind articles on 经营性 refuse services).
#[test]
fn a_query_word_spelt_out_more_loosely_finds_the_articles_on_it() {
    let (_dir, idx) = lawrefbook_index(&[
        (
            "ningbo",
            "浙江地方法规/地方性法规/浙江/宁波市市容和环境卫生管理条例(2019-08-20).md",
        ),
        (
            "wenzhou",
            "浙江地方法规/地方性法规/浙江/温州市市容和环境卫生管理条例(2018-08-15).md",
        ),
        (
            "zhengzhou",
            "河南地方法规/地方性法规/河南/郑州市城市市容和环境卫生管理条例(2020-08-05).md",
        ),
        (
            "xinxiang",
            "河南地方法规/地方性法规/河南/新乡市城市市容和环境卫生管理条例(2018-11-01).md",
        ),
    ]);
    let wanted = [("ningbo", 25), ("wenzhou", 21)];
    let first_ten = |params: &index::RankParams| {
        places_of(&idx, "占道经营", params, &wanted)
            .iter()
            .all(|p| p.is_some_and(|p| p < 10))
    };
    assert!(first_ten(&index::RankParams::default()));
    assert!(!first_ten(&index::RankParams {
        abbrev_words: 1.0,
        abbrev_coverage: false,
        ..index::RankParams::default()
    }));
}

/// The kin of a query word (`RankParams::kin_share`: words near it in the vectors that share a
/// character with it, 评价 for 评估, 禁烟 for 吸烟), searched beside it: on the four
/// 控制吸烟条例, 青岛 第四条 and 第五条 (控制吸烟的宣传教育活动, 对…控制吸烟工作进行监测和评估) come
/// within their query's first three and two places (third and second; fourth and third without
/// the kin). Measured on 2026-12-03 (`grid_cross_validation` over kin_share 0.1/0.2/0.5, kin_k
/// 20/30/50, kin_min 0.6/0.65/0.7): smoking 0.843 → 0.913, every other dev family and
/// recall@10 0.953 unchanged, nDCG@10 0.911 → 0.912.
#[test]
fn the_kin_of_a_query_word_are_searched_too() {
    let (_dir, idx) = family_index("topic-queries-smoking.json");
    // Without the lift of the twenty-first round, which reaches 青岛 第四条 by its group too.
    let off = index::RankParams {
        kin_share: 0.0,
        lift: 0.0,
        ..index::RankParams::default()
    };
    for (query, article, k) in [("控烟宣传教育", 4, 3), ("控烟工作监测评估", 5, 2)] {
        let wanted = [("qingdao", article)];
        let on = places_of(&idx, query, &index::RankParams::default(), &wanted)[0];
        assert!(on.is_some_and(|p| p < k), "{query}: at {on:?}");
        let before = places_of(&idx, query, &off, &wanted)[0];
        assert!(
            before.is_none_or(|p| p >= k),
            "{query} without kin: at {before:?}"
        );
    }
}

/// Words the regulations of one kind put in each other's place (`corpus/assoc.tsv`), as a
/// first-stage expansion of the rare query words (`RankParams::assoc`, 0.2): on the four
/// 节约用水条例, 节水义务 then also reaches 郑州 第三十八条, which says the duty otherwise and is
/// outside the first 100 hits without it. Measured on 2026-12-03 (`grid_cross_validation`, assoc
/// 0.1/0.2/0.3/0.5) over five dev families it helped water alone and was left off; with the
/// 献血 family as a sixth it helps two (water 0.817 → 0.834, blood 0.795 → 0.816, the others
/// and recall@10 0.953 unchanged), each fold chooses it on the others (water left out 0.829 at
/// 0.1, blood left out 0.816), leave-one-family-out mean 0.851 → 0.856, so it is on. It does not
/// bridge 退出 → 注销 (市场主体退出 on four 优化营商环境条例): the table holds no such pair. The
/// state without it also has no `bridge` (twenty-fourth round), through which 郑州 第三十八条 now
/// joins the pool too, as a counterpart of a best hit.
#[test]
fn associated_words_widen_the_pool_when_asked() {
    let (_dir, idx) = family_index("topic-queries-water.json");
    let wanted = [("zhengzhou", 38)];
    let off = index::RankParams {
        assoc: 0.0,
        bridge: 0,
        ..index::RankParams::default()
    };
    assert!(
        places_of(&idx, "节水义务", &index::RankParams::default(), &wanted)[0]
            .is_some_and(|p| p < 10)
    );
    assert_eq!(places_of(&idx, "节水义务", &off, &wanted), vec![None]);
}

/// `lone` (off by default, docs/search-ranking.md, eighteenth round): 临沂 第三十三条 (献血者享有
/// 优先用血的权利) has no counterpart in the alignment, so it lacks the group bonuses that the
/// articles ranked above it take from their groups; with `lone` 0.1 its own opening stands in
/// for them and it is among the first two for 优先用血, 6th without.
#[test]
fn a_lone_article_is_its_own_evidence_when_asked() {
    let (_dir, idx) = family_index("topic-queries-blood.json");
    let wanted = [("临沂市献血条例(2019-02-12)", 33)];
    // As measured then, without the lift of the twenty-first round (with it, 7th either way).
    let before = index::RankParams {
        lift: 0.0,
        ..index::RankParams::default()
    };
    let on = index::RankParams {
        lone: 0.1,
        ..before
    };
    let with = places_of(&idx, "优先用血", &on, &wanted)[0];
    assert!(with.is_some_and(|p| p < 2), "with lone: {with:?}");
    let without = places_of(&idx, "优先用血", &before, &wanted)[0];
    assert!(without.is_some_and(|p| p >= 2), "without: {without:?}");
}

/// `step` (0.25 by default, docs/search-ranking.md, eighteenth round): for 配建学校移交 on the
/// schools family, 开封 第二十八条 (配建的中小学校、幼儿园竣工验收合格后六个月内，建设单位应当…移交) is
/// among the first three, before 开封 第二十九条, whose opening says 移交前由建设单位负责管理维护 and
/// 移交后由…: the upkeep before and after the hand-over, a step beside it. Without `step` it is 4th.
#[test]
fn words_naming_a_step_of_the_matter_count_less() {
    let (_dir, idx) = family_index("topic-queries-schools.json");
    let wanted = [("kaifeng", 28)];
    let off = index::RankParams {
        step: 0.0,
        ..index::RankParams::default()
    };
    let with = places_of(&idx, "配建学校移交", &index::RankParams::default(), &wanted)[0];
    assert!(with.is_some_and(|p| p < 3), "with step: {with:?}");
    let without = places_of(&idx, "配建学校移交", &off, &wanted)[0];
    assert!(without.is_some_and(|p| p >= 3), "without: {without:?}");
}

/// `kind_only` (1 by default, docs/search-ranking.md, nineteenth round): 立法目的 on the volunteer
/// family is cut 立法 + 目的, and the definitions say 不以获取报酬为目的, so with the kind weighed
/// as for any query the four purpose articles (为了…制定本条例) came 6th to 9th. A query that
/// names a type and nothing else puts that type's articles first.
#[test]
fn a_query_only_naming_a_type_finds_that_type_first() {
    let wanted = [
        ("chongqing", 1),
        ("henan", 1),
        ("shandong", 1),
        ("shanghai", 1),
    ];
    // Since the twenty-seventh round `kind` at 1.5 does this alone (`kind_only` 0); the state
    // before either: `kind` 0.5 without `kind_only`.
    let off = index::RankParams {
        kind: 0.5,
        kind_only: 0.0,
        ..index::RankParams::default()
    };
    let without = first_with_and_without("topic-queries-volunteer.json", "立法目的", &wanted, off);
    let purposes = without.iter().filter(|h| h.1 == 1).count();
    assert!(purposes < 4, "without kind_only, kind 0.5: {without:?}");
}

/// `referral` (on by default, docs/search-ranking.md, nineteenth round): a penalty article that
/// refers a breach to other laws (违反本条例规定的行为，法律、行政法规已有法律责任规定的，从其规定) keeps
/// its bonuses, so 其他法律规定 on the budget family finds two of the three such articles first;
/// without the rule the articles on reporting a breach (公民、法人或者其他组织对违反预算法和有关法律、
/// 法规的行为，有权…检举) take the first three places.
#[test]
fn a_penalty_article_referring_to_other_laws_keeps_its_bonuses() {
    let wanted = [("chongqing", 41), ("zhejiang", 42)];
    let off = index::RankParams {
        referral: false,
        ..index::RankParams::default()
    };
    let without = first_with_and_without("topic-queries-budget.json", "其他法律规定", &wanted, off);
    assert!(
        !without.contains(&("chongqing".to_string(), 41))
            && !without.contains(&("zhejiang".to_string(), 42)),
        "without referral: {without:?}"
    );
}

/// A setting (a JSON object of `RankParams` fields) laid over the defaults.
fn params_of(setting: &serde_json::Value) -> index::RankParams {
    let mut value = serde_json::to_value(index::RankParams::default()).expect("params serialise");
    for (k, v) in setting.as_object().expect("a setting is an object") {
        value[k] = v.clone();
    }
    serde_json::from_value(value).expect("a setting")
}

/// Topic R-precision of every set (searched in parallel), then recall@10 and nDCG@10 of the
/// dev questions, under `p`.
fn scores_of(
    sets: &[(&'static str, &SearchIndex, TopicGold)],
    questions: &GoldFile,
    p: &index::RankParams,
) -> (Vec<f64>, f64, f64) {
    use rayon::prelude::*;
    let scores: Vec<f64> = sets
        .par_iter()
        .map(|(_, idx, gold)| index::evaluate_topics(idx, gold, p).unwrap().r_precision)
        .collect();
    let dev = index::evaluate_with(shared_index(), questions, 10, p).unwrap();
    (scores, dev.recall, dev.ndcg)
}

/// Leave-one-family-out per feature group of the rerank: which parts carry to a family they
/// were not chosen on. `RIG_GROUPS` is a JSON array of `[name, [setting, …]]` (each setting laid
/// over the defaults; the first is usually the group turned off). For each group the defaults
/// and its settings are scored on every dev set (`DevFamilies`, the five first), and each family
/// left out is scored with the row best on the others (the mean of the others; a row qualifies
/// when recall@10 of the dev questions is at least 0.93, nDCG@10 does not fall below the
/// defaults' by more than `GROUP_NDCG_SLACK` (default 0), and no other family falls by more
/// than `GRID_BOUND` (default 0.01) below the defaults). Printed per group: every row, the row
/// each fold chose, how many distinct rows the folds chose (a weight that swings between folds),
/// the families the group's first setting lowers and raises (what it helps: one set only, or
/// many), and the leave-one-family-out mean; then the same over the union of every group's
/// rows, as `grid_cross_validation` would choose. `GROUP_MISSES` names a JSON file to write,
/// under the defaults, each query with a miss: its words, its k, its first 100 hits' places,
/// and each missed defining article with its place and text. Run with
/// `RIG_GROUPS='[["lift",[{"lift":0}]]]' cargo test --release --test search -- --ignored feature_group_cross_validation --nocapture`.
#[test]
#[ignore]
fn feature_group_cross_validation() {
    let Ok(groups) = std::env::var("RIG_GROUPS") else {
        return;
    };
    let groups: Vec<(String, Vec<serde_json::Value>)> =
        serde_json::from_str(&groups).expect("RIG_GROUPS is a JSON array of [name, [settings]]");
    let bound: f64 = std::env::var("GRID_BOUND")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(0.01);
    let slack: f64 = std::env::var("GROUP_NDCG_SLACK")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(0.0);
    let started = std::time::Instant::now();
    let families = DevFamilies::index();
    let sets = families.sets();
    let names: Vec<&str> = sets.iter().map(|(n, _, _)| *n).collect();
    eprintln!(
        "indexed {} sets in {:.0} s: {}",
        sets.len(),
        started.elapsed().as_secs_f64(),
        names.join(" ")
    );
    let questions = dev_questions();
    let defaults = serde_json::json!({});
    let timed = std::time::Instant::now();
    let base = scores_of(&sets, &questions, &params_of(&defaults));
    eprintln!(
        "one setting scored in {:.1} s",
        timed.elapsed().as_secs_f64()
    );
    let row = |s: &[f64]| {
        s.iter()
            .map(|x| format!("{x:.3}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len().max(1) as f64;
    eprintln!(
        "defaults: {} mean {:.4} recall@10 {:.3} nDCG@10 {:.3}",
        row(&base.0),
        mean(&base.0),
        base.1,
        base.2
    );
    if let Ok(path) = std::env::var("GROUP_MISSES") {
        let p = index::RankParams::default();
        let mut dumped = Vec::new();
        for (name, idx, gold) in &sets {
            for q in &gold.queries {
                let found = match idx.search_with(&q.query, &Filter::default(), 100, &p) {
                    Ok(found) => found,
                    Err(guize::Error::NothingToSearch { .. }) => continue,
                    Err(e) => panic!("{}: {e}", q.query),
                };
                let ranked: Vec<(String, u32)> = found
                    .hits
                    .iter()
                    .map(|h| (h.doc.to_string(), h.article))
                    .collect();
                let k = q.defining.len();
                let missed: Vec<serde_json::Value> = q
                    .defining
                    .iter()
                    .filter_map(|d| match ranked.iter().position(|r| r == d) {
                        Some(i) if i < k => None,
                        Some(i) => Some(serde_json::json!({
                            "doc": d.0, "article": d.1, "place": i + 1,
                            "text": found.hits[i].text,
                        })),
                        None => Some(serde_json::json!({"doc": d.0, "article": d.1})),
                    })
                    .collect();
                if missed.is_empty() {
                    continue;
                }
                let above: Vec<serde_json::Value> = (0..k.min(ranked.len()))
                    .map(|i| {
                        serde_json::json!({
                            "doc": ranked[i].0, "article": ranked[i].1,
                            "defining": q.defining.contains(&ranked[i]),
                            "text": found.hits[i].text,
                        })
                    })
                    .collect();
                dumped.push(serde_json::json!({
                    "family": name, "query": q.query, "words": found.words, "k": k,
                    "above": above, "missed": missed,
                }));
            }
        }
        std::fs::write(&path, serde_json::to_string(&dumped).expect("JSON")).expect("written");
        eprintln!("{} queries with a miss written to {path}", dumped.len());
    }
    let qualifies = |r: &(Vec<f64>, f64, f64), out: Option<usize>| -> bool {
        r.1 >= 0.93 - 1e-9
            && r.2 >= base.2 - slack - 1e-9
            && (0..r.0.len())
                .filter(|&i| Some(i) != out)
                .all(|i| r.0[i] >= base.0[i] - bound - 1e-9)
    };
    let mean_without = |s: &[f64], out: usize| -> f64 {
        (0..s.len())
            .filter(|&i| i != out)
            .map(|i| s[i])
            .sum::<f64>()
            / (s.len() - 1) as f64
    };
    // Leave-one-family-out over `rows` (the defaults first): each fold's chosen row and the
    // family's score under it.
    let lofo = |rows: &[(Vec<f64>, f64, f64)]| -> (Vec<usize>, Vec<f64>) {
        let mut chosen = Vec::new();
        let mut scores = Vec::new();
        for out in 0..names.len() {
            let mut best = 0;
            for (j, r) in rows.iter().enumerate().skip(1) {
                if qualifies(r, Some(out))
                    && mean_without(&r.0, out) > mean_without(&rows[best].0, out) + 1e-9
                {
                    best = j;
                }
            }
            chosen.push(best);
            scores.push(rows[best].0[out]);
        }
        (chosen, scores)
    };
    let mut union: Vec<(Vec<f64>, f64, f64)> = vec![base.clone()];
    let mut union_names: Vec<String> = vec!["defaults".to_string()];
    let mut summary = Vec::new();
    for (group, settings) in &groups {
        let mut rows = vec![base.clone()];
        eprintln!("== {group}");
        for s in settings {
            let r = scores_of(&sets, &questions, &params_of(s));
            eprintln!(
                "  {s}: {} mean {:.4} recall@10 {:.3} nDCG@10 {:.3}",
                row(&r.0),
                mean(&r.0),
                r.1,
                r.2
            );
            union.push(r.clone());
            union_names.push(format!("{group} {s}"));
            rows.push(r);
        }
        let (chosen, scores) = lofo(&rows);
        let folds: Vec<String> = names
            .iter()
            .zip(&chosen)
            .zip(&scores)
            .map(|((n, c), s)| format!("{n}:{c}={s:.3}"))
            .collect();
        let mut distinct = chosen.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let first = &rows[1.min(rows.len() - 1)].0;
        let lowered: Vec<String> = (0..names.len())
            .filter(|&i| first[i] < base.0[i] - 0.005)
            .map(|i| format!("{} {:+.3}", names[i], first[i] - base.0[i]))
            .collect();
        let raised: Vec<String> = (0..names.len())
            .filter(|&i| first[i] > base.0[i] + 0.005)
            .map(|i| format!("{} {:+.3}", names[i], first[i] - base.0[i]))
            .collect();
        eprintln!("  folds chose (row=score): {}", folds.join(" "));
        eprintln!(
            "  first setting lowers {} set(s) [{}], raises {} [{}]; mean {:+.4}",
            lowered.len(),
            lowered.join(", "),
            raised.len(),
            raised.join(", "),
            mean(first) - mean(&base.0)
        );
        eprintln!(
            "  {group}: leave-one-family-out {:.4} (defaults {:.4}); rows chosen {:?}",
            mean(&scores),
            mean(&base.0),
            distinct
        );
        summary.push(format!(
            "{group}: lofo {:.4}, off mean {:+.4}, lowers {}, raises {}, rows chosen {:?}",
            mean(&scores),
            mean(first) - mean(&base.0),
            lowered.len(),
            raised.len(),
            distinct
        ));
    }
    let (chosen, scores) = lofo(&union);
    eprintln!("== all rows as one grid");
    for (n, (c, s)) in names.iter().zip(chosen.iter().zip(&scores)) {
        eprintln!("  left out {n}: {s:.3} ({})", union_names[*c]);
    }
    eprintln!(
        "  leave-one-family-out {:.4} (defaults {:.4})",
        mean(&scores),
        mean(&base.0)
    );
    for s in summary {
        eprintln!("summary {s}");
    }
}

/// A query of 980 distinct characters, nearly all rare (a page of random characters), each a
/// word rare enough to be widened by its neighbours, kin and associations: only the first
/// `MAX_WIDENED_WORDS` are, so it is searched as words and answered, not refused. How long it
/// takes is measured by `benches/search.rs` ("search 980 rare characters"; 6 s before the cap,
/// 0.55 s after), not here.
#[test]
fn a_query_of_a_thousand_rare_characters_is_searched_as_words() {
    let idx = shared_index();
    let rare: String = (0..980u32)
        .filter_map(|i| char::from_u32(0x4E00 + (i * 7919) % 0x51A5))
        .collect();
    let report = idx.search(&rare, &Filter::default(), 10).expect("search");
    assert!(report.words.len() > 500, "{}", report.words.len());
    assert!(report.hits.len() <= 10);
}

/// Three 全民健身条例 of lawrefbook (北京, 宁波 2021, 山东 2017) and `fourth`, as
/// `lawrefbook_index` takes them.
fn fitness_with<'a>(fourth: (&'a str, &'a str)) -> [(&'a str, &'a str); 4] {
    [
        (
            "beijing",
            "北京地方法规/地方性法规/北京/北京市全民健身条例.md",
        ),
        (
            "ningbo",
            "浙江地方法规/地方性法规/浙江/宁波市全民健身条例(2021-06-11).md",
        ),
        (
            "shandong",
            "山东地方法规/地方性法规/山东/山东省全民健身条例(2017-12-01).md",
        ),
        fourth,
    ]
}

/// 全民健身日 is cut 全民 + 健身 + 日 (no article says 全民健身日 as one index word), and 日 is
/// the only word of the three that the family does not say everywhere: counted wherever the
/// character stands (之日起, 2018年3月1日起施行), it put the 施行日期 articles of four 全民健身条例
/// first. A one-character word cut from a longer piece of the query counts only where a passage
/// says it beside its neighbour in the query (身日), and its own term gives way to that run in
/// the first stage (`piece` 0, `piece_first` 0.3, the defaults since the thirty-first round,
/// docs/search-ranking.md): over 北京, 宁波 2021, 山东 2017 and 杭州 2010 the first four hits are
/// the articles on 全民健身日 (山东 第二十九条, 杭州 第十四条, 山东 第三十条, 宁波 第二十二条);
/// with the character counted everywhere (both 1) a 施行日期 article is among them again.
#[test]
fn a_character_cut_from_the_query_counts_beside_its_neighbour() {
    let (_dir, idx) = lawrefbook_index(&fitness_with((
        "hangzhou",
        "浙江地方法规/地方性法规/浙江/杭州市全民健身条例(2010-12-31).md",
    )));
    let first = |params: &index::RankParams| -> Vec<String> {
        idx.search_with("全民健身日", &Filter::default(), 4, params)
            .unwrap()
            .hits
            .iter()
            .map(|h| h.text.clone())
            .collect()
    };
    let defaults = first(&index::RankParams::default());
    assert_eq!(defaults.len(), 4);
    assert!(
        defaults.iter().all(|t| t.contains("全民健身日")),
        "first four: {defaults:?}"
    );
    let everywhere = first(&index::RankParams {
        piece: 1.0,
        piece_first: 1.0,
        ..index::RankParams::default()
    });
    assert!(
        everywhere.iter().any(|t| t.contains("起施行")),
        "the character counted everywhere: {everywhere:?}"
    );
}

/// The same query over the four 全民健身条例 of a fresh-eyes review (北京, 宁波 2021, 山东 2017,
/// 浙江 2014), where 山东 第五十一条 (本条例自2018年3月1日起施行…《山东省全民体育健身条例》同时废止)
/// ranked first and 宁波 第四十七条 and 浙江 第四十五条 (施行日期 only) 5th and 6th while 宁波
/// 第二十二条 and 山东 第三十条, which say 全民健身日, were not in the first six: now 山东
/// 第二十九条 (每年八月八日为全民健身日) is first, 山东 第三十条 and 宁波 第二十二条 are in the first
/// four, and no 施行日期 article is there.
#[test]
fn the_national_fitness_day_is_found_by_its_articles_not_by_dates() {
    let (_dir, idx) = lawrefbook_index(&fitness_with((
        "zhejiang",
        "浙江地方法规/地方性法规/浙江/浙江省全民健身条例(2014-11-28).md",
    )));
    let p = index::RankParams::default();
    let places = places_of(
        &idx,
        "全民健身日",
        &p,
        &[("shandong", 29), ("shandong", 30), ("ningbo", 22)],
    );
    assert_eq!(places[0], Some(0), "places: {places:?}");
    assert!(
        places.iter().all(|at| at.is_some_and(|i| i < 4)),
        "places: {places:?}"
    );
    let hits = idx
        .search_with("全民健身日", &Filter::default(), 4, &p)
        .unwrap()
        .hits;
    assert!(
        hits.iter().all(|h| !h.text.contains("起施行")),
        "first four: {:?}",
        hits.iter()
            .map(|h| (h.doc.as_str(), h.article))
            .collect::<Vec<_>>()
    );
}

/// 划定河道管理范围 over four 河道管理条例: the four articles setting the rivers' management
/// bounds and who draws them (宁波 第十一条, 青岛 第六条, 上海 第七条, 浙江 第十八条) are the
/// first four, ahead of the articles on what may be done inside the bounds.
#[test]
fn the_articles_drawing_the_river_bounds_come_first() {
    let (_dir, idx) = lawrefbook_index(&[
        (
            "shanghai",
            "上海地方法规/地方性法规/上海/上海市河道管理条例(2018-12-20).md",
        ),
        (
            "ningbo",
            "浙江地方法规/地方性法规/浙江/宁波市河道管理条例(2019-08-20).md",
        ),
        (
            "zhejiang",
            "浙江地方法规/地方性法规/浙江/浙江省河道管理条例(2020-11-27).md",
        ),
        (
            "qingdao",
            "山东地方法规/地方性法规/山东/青岛市河道管理条例(2020-03-26).md",
        ),
    ]);
    let wanted = [
        ("ningbo", 11),
        ("qingdao", 6),
        ("shanghai", 7),
        ("zhejiang", 18),
    ];
    let places = places_of(
        &idx,
        "划定河道管理范围",
        &index::RankParams::default(),
        &wanted,
    );
    assert!(
        places.iter().all(|p| p.is_some_and(|p| p < 4)),
        "places: {places:?}"
    );
}

/// 消防设计审查 over four 消防条例 (北京, 上海 2020, 山东 2015, 浙江 2021): 上海 第三十条
/// (…开展建设工程消防设计审查、验收) says the query's words as one run, but beside 、验收, so the
/// defaults read it as an item of a list: its opening counts nothing and it is not among the
/// first six. With a pair joined by 、 read as said freely (`listed_pair`) it is. Not the
/// defaults: leave-one-family-out over the dev sets does not keep the rule (it lowers smoking's
/// 控烟工作监测评估; docs/search-ranking.md, twenty-ninth round).
#[test]
fn a_pair_joined_by_a_list_mark_is_said_freely_when_asked() {
    let (_dir, idx) = lawrefbook_index(&[
        ("beijing", "北京地方法规/地方性法规/北京/北京市消防条例.md"),
        (
            "shanghai",
            "上海地方法规/地方性法规/上海/上海市消防条例(2020-03-19).md",
        ),
        (
            "shandong",
            "山东地方法规/地方性法规/山东/山东省消防条例(2015-07-24).md",
        ),
        (
            "zhejiang",
            "浙江地方法规/地方性法规/浙江/浙江省消防条例(2021-11-25).md",
        ),
    ]);
    let wanted = [("shanghai", 30)];
    let asked = index::RankParams {
        listed_pair: true,
        ..index::RankParams::default()
    };
    let with = places_of(&idx, "消防设计审查", &asked, &wanted)[0];
    assert!(with.is_some_and(|p| p < 6), "with listed_pair: {with:?}");
    let without = places_of(&idx, "消防设计审查", &index::RankParams::default(), &wanted)[0];
    assert!(without.is_none_or(|p| p >= 6), "defaults: {without:?}");
}

/// 强制隔离戒毒决定 over four 禁毒条例 (上海, 山东 2017, 浙江, 重庆 2012): 浙江 第三十五条 (…由…
/// 公安机关作出强制隔离戒毒的决定) says the query's words with 的 between them. The defaults give
/// the first use of the matter in 浙江 to no article before it and rank it below 重庆 第四十三条 and
/// 上海 第三十七条, which say the run inside 强制隔离戒毒决定机关; reading the words together in one
/// clause (`first_use_near` 2) puts it among the first three. Not the defaults (it lowers
/// smoking and aid; docs/search-ranking.md, twenty-ninth round).
#[test]
fn the_query_said_as_one_phrase_otherwise_is_a_first_use_when_asked() {
    let (_dir, idx) = lawrefbook_index(&[
        ("shanghai", "上海地方法规/地方性法规/上海/上海市禁毒条例.md"),
        (
            "shandong",
            "山东地方法规/地方性法规/山东/山东省禁毒条例(2017-12-01).md",
        ),
        ("zhejiang", "浙江地方法规/地方性法规/浙江/浙江省禁毒条例.md"),
        (
            "chongqing",
            "重庆地方法规/地方性法规/重庆/重庆市禁毒条例(2012-11-29).md",
        ),
    ]);
    let wanted = [("zhejiang", 35)];
    let asked = index::RankParams {
        first_use_near: 2,
        ..index::RankParams::default()
    };
    let with = places_of(&idx, "强制隔离戒毒决定", &asked, &wanted)[0];
    assert!(with.is_some_and(|p| p < 3), "with first_use_near: {with:?}");
    let without = places_of(
        &idx,
        "强制隔离戒毒决定",
        &index::RankParams::default(),
        &wanted,
    )[0];
    assert!(without.is_none_or(|p| p >= 3), "defaults: {without:?}");
}

/// A rank of `pool` by `score` (each hit's score): stably, best first, as the rerank sorts.
fn ranked_by(pool: &Pool, score: impl Fn(&index::Features) -> f64) -> Vec<(String, u32)> {
    let mut scored: Vec<(f64, &(String, u32))> = pool.iter().map(|(a, f)| (score(f), a)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().map(|(_, a)| a.clone()).collect()
}

/// R-precision of one topic query over a ranking.
fn r_precision_of(q: &TopicQuery, ranked: &[(String, u32)]) -> f64 {
    let k = q.defining.len().max(1);
    let top = &ranked[..ranked.len().min(k)];
    q.defining.iter().filter(|d| top.contains(d)).count() as f64 / k as f64
}

/// The rerank's combination learned from every family at once (`RankParams::learned`,
/// `src/index/learn.rs`): a pairwise logistic model over the features of the defaults' pools
/// (under `LEARN_TRANSFORMS`: `raw`, `bm25`, `log`, `gate`), with or without the hand-made score as a
/// free column (`LEARN_RESIDUAL`: `0,1`), pairwise or listwise (`LEARN_LOSS`: `pair,list`;
/// default `pair`), for each L2 strength of `LEARN_LAMBDAS`, trained by
/// gradient descent (`LEARN_ITER` steps, default 300) on the queries of 21 dev sets and scored
/// on the 22nd (R-precision per query, mean per set, mean over sets). Per setting: every set
/// left out, the leave-one-family-out mean, the largest fall of a set, and the model trained on
/// all 22 sets with recall@10 and nDCG@10 of the dev questions and its raw weights. The
/// setting chosen is the one with the best leave-one-family-out mean among those whose
/// all-sets model keeps the dev questions' recall@10 ≥ 0.93 and nDCG@10 at the defaults' or
/// above (an outer choice over a small grid, not nested). Run with
/// `cargo test --release --test search -- --ignored learned_cross_validation --nocapture`.
#[test]
#[ignore]
fn learned_cross_validation() {
    use index::learn::{self, Transform};
    let list = |name: &str, default: &str| -> Vec<String> {
        std::env::var(name)
            .unwrap_or_else(|_| default.to_string())
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let transforms: Vec<Transform> = list("LEARN_TRANSFORMS", "raw,bm25,log")
        .iter()
        .map(|t| match t.as_str() {
            "raw" => Transform::Raw,
            "bm25" => Transform::Bm25,
            "log" => Transform::Log,
            "gate" => Transform::Gate,
            other => panic!("LEARN_TRANSFORMS: {other}"),
        })
        .collect();
    let residuals: Vec<bool> = list("LEARN_RESIDUAL", "0,1")
        .iter()
        .map(|r| r == "1")
        .collect();
    let lambdas: Vec<f64> = list("LEARN_LAMBDAS", "0.0001,0.001,0.01,0.1")
        .iter()
        .map(|l| l.parse().expect("LEARN_LAMBDAS"))
        .collect();
    let losses: Vec<bool> = list("LEARN_LOSS", "pair")
        .iter()
        .map(|l| l == "list")
        .collect();
    let iterations: usize = std::env::var("LEARN_ITER")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let started = std::time::Instant::now();
    let families = DevFamilies::index();
    let sets = families.sets();
    let names: Vec<&str> = sets.iter().map(|(n, _, _)| *n).collect();
    let questions = dev_questions();
    let p = index::RankParams::default();
    let topics: Vec<Vec<Pool>> = sets
        .iter()
        .map(|(_, idx, gold)| {
            gold.queries
                .iter()
                .map(|q| Pools::pool(idx, &q.query, &p))
                .collect()
        })
        .collect();
    let dev: Vec<Pool> = questions
        .queries
        .iter()
        .map(|q| Pools::pool(shared_index(), &q.query, &p))
        .collect();
    eprintln!(
        "pools of {} sets and {} dev questions in {:.0} s",
        sets.len(),
        dev.len(),
        started.elapsed().as_secs_f64()
    );
    let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len().max(1) as f64;
    let row = |s: &[f64]| {
        s.iter()
            .map(|x| format!("{x:.3}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Per set, the mean R-precision of its queries under a hit score.
    let set_scores = |score: &dyn Fn(&index::Features) -> f64| -> Vec<f64> {
        sets.iter()
            .zip(&topics)
            .map(|((_, _, gold), pools)| {
                let sum: f64 = gold
                    .queries
                    .iter()
                    .zip(pools)
                    .map(|(q, pool)| r_precision_of(q, &ranked_by(pool, score)))
                    .sum();
                sum / gold.queries.len().max(1) as f64
            })
            .collect()
    };
    let dev_scores = |score: &dyn Fn(&index::Features) -> f64| -> (f64, f64) {
        let s: Vec<index::QueryScore> = questions
            .queries
            .iter()
            .zip(&dev)
            .map(|(g, pool)| index::score_query(g, &ranked_by(pool, score), 10))
            .collect();
        let n = s.len().max(1) as f64;
        (
            s.iter().map(|q| q.recall).sum::<f64>() / n,
            s.iter().map(|q| q.ndcg).sum::<f64>() / n,
        )
    };
    let hand = |f: &index::Features| f64::from(p.score(f));
    let base = set_scores(&hand);
    let (base_recall, base_ndcg) = dev_scores(&hand);
    // The in-memory scores are the searches' own.
    for (i, (name, idx, gold)) in sets.iter().enumerate() {
        let r = index::evaluate_topics(idx, gold, &p).unwrap().r_precision;
        assert!(
            (r - base[i]).abs() < 1e-9,
            "{name}: {r} searched, {} in memory",
            base[i]
        );
    }
    eprintln!("sets: {}", names.join(" "));
    eprintln!(
        "defaults: {} mean {:.4} recall@10 {base_recall:.3} nDCG@10 {base_ndcg:.3}",
        row(&base),
        mean(&base)
    );
    let mut chosen: Option<(f64, String, Vec<f64>)> = None;
    for &transform in &transforms {
        for &residual in &residuals {
            let cols = |f: &index::Features| learn::columns(f, p.score(f), transform, residual);
            let judged: Vec<Vec<learn::Judged>> = sets
                .iter()
                .zip(&topics)
                .map(|((_, _, gold), pools)| {
                    let n = gold.queries.len().max(1) as f64;
                    gold.queries
                        .iter()
                        .zip(pools)
                        .map(|(q, pool)| learn::Judged {
                            hits: pool.iter().map(|(_, f)| cols(f)).collect(),
                            relevant: pool.iter().map(|(a, _)| q.defining.contains(a)).collect(),
                            weight: 1.0 / n,
                        })
                        .collect()
                })
                .collect();
            let dim = learn::columns(&index::Features::default(), 0.0, transform, residual).len();
            for (&lambda, &listwise) in lambdas
                .iter()
                .flat_map(|l| losses.iter().map(move |w| (l, w)))
            {
                let options = learn::TrainOptions {
                    lambda,
                    iterations,
                    free: residual.then_some(dim - 1),
                    listwise,
                };
                let setting = format!(
                    "{transform:?} residual={residual} lambda={lambda} {}",
                    if listwise { "listwise" } else { "pairwise" }
                );
                let timed = std::time::Instant::now();
                let mut held = Vec::new();
                let mut fold_dev = Vec::new();
                for out in 0..sets.len() {
                    let train: Vec<learn::Judged> = judged
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != out)
                        .flat_map(|(_, q)| q.iter().cloned())
                        .collect();
                    let model = learn::train(&train, &options);
                    let score = |f: &index::Features| model.score(&cols(f));
                    let gold = &sets[out].2;
                    let sum: f64 = gold
                        .queries
                        .iter()
                        .zip(&topics[out])
                        .map(|(q, pool)| r_precision_of(q, &ranked_by(pool, score)))
                        .sum();
                    held.push(sum / gold.queries.len().max(1) as f64);
                    fold_dev.push(dev_scores(&score));
                }
                let all: Vec<learn::Judged> = judged.iter().flatten().cloned().collect();
                let model = learn::train(&all, &options);
                let score = |f: &index::Features| model.score(&cols(f));
                let fit = set_scores(&score);
                let (recall, ndcg) = dev_scores(&score);
                let lofo = mean(&held);
                let worst = held
                    .iter()
                    .zip(&base)
                    .zip(&names)
                    .map(|((h, b), n)| (h - b, *n))
                    .min_by(|a, b| a.0.total_cmp(&b.0))
                    .unwrap_or((0.0, ""));
                let fold_recall = fold_dev.iter().map(|d| d.0).fold(f64::INFINITY, f64::min);
                let fold_ndcg = fold_dev.iter().map(|d| d.1).fold(f64::INFINITY, f64::min);
                eprintln!("== {setting} ({:.0} s)", timed.elapsed().as_secs_f64());
                eprintln!(
                    "  held out: {} LOFO {lofo:.4} ({:+.4}); largest fall {:+.3} {}; folds' dev recall@10 ≥ {fold_recall:.3} nDCG@10 ≥ {fold_ndcg:.3}",
                    row(&held),
                    lofo - mean(&base),
                    worst.0,
                    worst.1
                );
                eprintln!(
                    "  trained on all: {} mean {:.4}; dev recall@10 {recall:.3} nDCG@10 {ndcg:.3}; loss {:.4}",
                    row(&fit),
                    mean(&fit),
                    model.loss
                );
                eprintln!("  raw weights: {:?}", model.raw_weights());
                if recall >= 0.93 - 1e-9
                    && ndcg >= base_ndcg - 1e-9
                    && chosen.as_ref().is_none_or(|c| lofo > c.0 + 1e-9)
                {
                    chosen = Some((lofo, setting, held));
                }
            }
        }
    }
    match chosen {
        Some((lofo, setting, held)) => {
            eprintln!(
                "chosen: {setting}: LOFO {lofo:.4} (defaults {:.4})",
                mean(&base)
            );
            for ((n, h), b) in names.iter().zip(&held).zip(&base) {
                eprintln!("  {n}: {b:.3} → {h:.3} ({:+.3})", h - b);
            }
        }
        None => eprintln!("no setting keeps the dev questions"),
    }
}

/// The four 法律援助条例 of the forty-first fresh-eyes review (北京, 山东 2015, 河南 2010, 浙江 2016).
fn legal_aid_four() -> [(&'static str, &'static str); 4] {
    [
        (
            "beijing",
            "北京地方法规/地方性法规/北京/北京市法律援助条例.md",
        ),
        (
            "shandong",
            "山东地方法规/地方性法规/山东/山东省法律援助条例(2015-04-01).md",
        ),
        (
            "henan",
            "河南地方法规/地方性法规/河南/河南省法律援助条例(2010-07-30).md",
        ),
        (
            "zhejiang",
            "浙江地方法规/地方性法规/浙江/浙江省法律援助条例(2016-09-29).md",
        ),
    ]
}

/// review41 #17: `申请材料` put the articles listing the papers of an application (河南 第十八条
/// 申请人应当如实提交以下材料：, 浙江 第十五条 …并提交下列证明、材料：) 9th and 10th, below every
/// article handling the papers that says 申请材料 whole: they say 申请 and 材料 apart, half the
/// word. Read as naming the compound by the list that spells out its last part
/// (`list_named`), both are in the first six, and without it neither is.
#[test]
fn the_articles_listing_the_papers_of_an_application_are_found_by_their_lists() {
    let (_dir, idx) = lawrefbook_index(&legal_aid_four());
    let lists = [("henan", 18), ("zhejiang", 15)];
    let first_six = |params: &index::RankParams| -> Vec<(String, u32)> {
        idx.search_with("申请材料", &Filter::default(), 6, params)
            .unwrap()
            .hits
            .iter()
            .map(|h| (h.doc.to_string(), h.article))
            .collect()
    };
    let with = first_six(&index::RankParams::default());
    for (doc, n) in lists {
        assert!(
            with.contains(&(doc.to_string(), n)),
            "{doc} {n} not in the first six: {with:?}"
        );
    }
    let without = first_six(&index::RankParams {
        list_named: 0.0,
        ..index::RankParams::default()
    });
    for (doc, n) in lists {
        assert!(
            !without.contains(&(doc.to_string(), n)),
            "{doc} {n} in the first six without list_named: {without:?}"
        );
    }
}
