//! Partial members ("in part") on four cities' 燃气管理条例: a list article's lead-in
//! (`…应当遵守下列规定：`), which reads like every other list article's, makes no article a partial
//! member; one whose items all hold a group's matter is shown whole.

mod shared;

use guize::corpus::Corpus;

/// The lawrefbook files `sources` (paths under `corpora/lawrefbook`) copied under their own names
/// into a temporary folder, and loaded; the folder lives as long as the first value.
fn lawrefbook_corpus(sources: &[&str]) -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().expect("temp dir");
    for source in sources {
        let from = shared::path(&format!("corpora/lawrefbook/{source}"));
        let name = from.file_name().expect("a file name");
        std::fs::copy(&from, dir.path().join(name))
            .unwrap_or_else(|e| panic!("{} is missing: {e}", from.display()));
    }
    let corpus = Corpus::load(dir.path()).expect("corpus");
    (dir, corpus)
}

#[test]
fn a_lead_in_line_makes_no_partial_member() {
    let (_dir, corpus) = lawrefbook_corpus(&[
        "DLC/北京地方法规/地方性法规/北京/北京市燃气管理条例(2020-09-25).md",
        "DLC/浙江地方法规/地方性法规/浙江/杭州市燃气管理条例(2021-12-03).md",
        "DLC/山东地方法规/地方性法规/山东/淄博市燃气管理条例(2021-05-31).md",
        "DLC/河南地方法规/地方性法规/河南/郑州市燃气管理条例(2022-01-01).md",
    ]);
    assert_eq!(corpus.docs.len(), 4);
    let alignment = guize::align::align(&corpus.docs);
    let mut partials = 0;
    for group in &alignment.groups {
        for p in &group.partial {
            partials += 1;
            let Some(doc) = corpus.docs.iter().find(|d| d.id == p.article.doc) else {
                panic!("partial member of an unknown document {}", p.article.doc);
            };
            let Some(article) = doc.articles.iter().find(|a| a.number == p.article.article) else {
                panic!("{} has no article {}", p.article.doc, p.article.article);
            };
            let texts: Vec<&str> = p
                .paragraphs
                .iter()
                .filter_map(|&i| article.paragraphs.get(i).map(|x| x.text.trim()))
                .collect();
            assert!(
                !texts.iter().all(|t| t.ends_with('：')),
                "{} {} is a partial member of {} by its lead-in alone: {texts:?}",
                p.article.doc,
                article.label(),
                group.label
            );
        }
    }
    assert!(
        partials > 0,
        "no partial member at all: the test tests nothing"
    );
}

/// Four cities' 文明行为促进条例: two broad list articles of one group (the 倡导 lists of 北京 and
/// 东莞) each hold the 无偿献血 matter in an item. Both are partial members of the group that
/// regulates it in whole articles (杭州, 郑州): the first found is no evidence against the second.
#[test]
fn parallel_items_of_two_list_articles_are_both_partial_members() {
    let (_dir, corpus) = lawrefbook_corpus(&[
        "DLC/广东地方法规/地方性法规/广东/东莞市文明行为促进条例(2023-02-23).md",
        "DLC/北京地方法规/地方性法规/北京/北京市文明行为促进条例(2020-04-24).md",
        "DLC/浙江地方法规/地方性法规/浙江/杭州市文明行为促进条例(2021-06-04).md",
        "DLC/河南地方法规/地方性法规/河南/郑州市文明行为促进条例(2022-01-01).md",
    ]);
    assert_eq!(corpus.docs.len(), 4);
    let alignment = guize::align::align(&corpus.docs);
    let text_of = |doc: &guize::model::DocId, number: u32| {
        corpus
            .docs
            .iter()
            .find(|d| &d.id == doc)
            .and_then(|d| d.articles.iter().find(|a| a.number == number))
    };
    // The group whose members regulate 献血 in whole articles.
    let group = alignment
        .groups
        .iter()
        .filter(|g| g.doc_count() >= 2)
        .find(|g| {
            g.members.iter().all(|(doc, ns)| {
                ns.iter()
                    .any(|&n| text_of(doc, n).is_some_and(|a| a.text.contains("献血")))
            })
        })
        .expect("a group of whole articles on 无偿献血");
    let held: Vec<_> = group
        .partial
        .iter()
        .filter(|p| {
            text_of(&p.article.doc, p.article.article).is_some_and(|a| {
                p.paragraphs
                    .iter()
                    .filter_map(|&i| a.paragraphs.get(i))
                    .any(|x| x.text.contains("献血"))
            })
        })
        .collect();
    let docs: std::collections::BTreeSet<_> = held.iter().map(|p| &p.article.doc).collect();
    assert!(
        docs.len() >= 2,
        "the 献血 items of two list articles should both be partial members of {}: {:?}",
        group.label,
        group.partial
    );
    // They are items of articles grouped together (parallel lists), not the whole articles.
    let homes: Vec<_> = held
        .iter()
        .filter_map(|p| {
            alignment
                .group_of(&p.article.doc, p.article.article)
                .map(|g| &g.id)
        })
        .collect();
    assert!(homes.windows(2).any(|w| w[0] == w[1]), "{homes:?}");
    for p in &held {
        let article = text_of(&p.article.doc, p.article.article).expect("article");
        assert!(p.paragraphs.len() < article.paragraphs.len(), "{p:?}");
    }
}
