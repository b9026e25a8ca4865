//! Partial members ("in part") on four cities' 燃气管理条例: a list article's lead-in
//! (`…应当遵守下列规定：`), which reads like every other list article's, makes no article a partial
//! member; one whose items all hold a group's matter is shown whole.

mod shared;

use guize::corpus::Corpus;

#[test]
fn a_lead_in_line_makes_no_partial_member() {
    let dir = tempfile::tempdir().expect("temp dir");
    for source in [
        "DLC/北京地方法规/地方性法规/北京/北京市燃气管理条例(2020-09-25).md",
        "DLC/浙江地方法规/地方性法规/浙江/杭州市燃气管理条例(2021-12-03).md",
        "DLC/山东地方法规/地方性法规/山东/淄博市燃气管理条例(2021-05-31).md",
        "DLC/河南地方法规/地方性法规/河南/郑州市燃气管理条例(2022-01-01).md",
    ] {
        let from = shared::path(&format!("corpora/lawrefbook/{source}"));
        let name = from.file_name().expect("a file name");
        std::fs::copy(&from, dir.path().join(name))
            .unwrap_or_else(|e| panic!("{} is missing: {e}", from.display()));
    }
    let corpus = Corpus::load(dir.path()).expect("corpus");
    assert_eq!(corpus.docs.len(), 4);
    let alignment = guize::align::align(&corpus.docs);
    let mut partials = 0;
    for group in &alignment.groups {
        for p in &group.partial {
            partials += 1;
            let Some(doc) = corpus.docs.iter().find(|d| d.id == p.doc) else {
                panic!("partial member of an unknown document {}", p.doc);
            };
            let Some(article) = doc.articles.iter().find(|a| a.number == p.article) else {
                panic!("{} has no article {}", p.doc, p.article);
            };
            let texts: Vec<&str> = p
                .paragraphs
                .iter()
                .filter_map(|&i| article.paragraphs.get(i).map(|x| x.text.trim()))
                .collect();
            assert!(
                !texts.iter().all(|t| t.ends_with('：')),
                "{} {} is a partial member of {} by its lead-in alone: {texts:?}",
                p.doc,
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
