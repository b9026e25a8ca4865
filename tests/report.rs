//! The format-neutral comparison results on the fixed five-document fixture.

mod common;

use guize::model::Regulation;
use guize::report::{
    ArticleCite, BaseKind, Section, Table, citation, compare_group, corpus_report,
};

#[test]
fn the_medoid_is_the_base_and_counts_mark_what_is_common() {
    let (docs, al) = common::five();
    let refs: Vec<&Regulation> = docs.iter().collect();
    let g = compare_group(&refs, &al.groups[0], &BaseKind::Medoid).unwrap();
    // The base is one of the documents' own text, never a synthesis.
    let base = g.base_column().expect("a base column");
    assert!(base.is_base);
    assert_eq!(g.base_text, base.text);
    assert_eq!(g.columns.iter().filter(|c| c.is_base).count(), 1);
    assert!(!base.has_changes());
    let shizhong = &g.columns[1];
    let numbers: Vec<&str> = shizhong
        .segments
        .iter()
        .filter(|s| s.is_number)
        .map(|s| s.text.as_str())
        .collect();
    assert!(
        numbers.iter().any(|n| n.contains('月')) && numbers.iter().any(|n| n.starts_with('2')),
        "{numbers:?}"
    );
    assert_eq!(shizhong.citation(), "第七章 会议制度 第五十二条");
    assert!(g.missing.is_empty());
    for c in &g.columns {
        assert_eq!(c.shared_by.len(), c.segments.len());
        assert!(c.shared_by.iter().all(|n| (1..=5).contains(n)));
    }
    // 每月 is said by 市中 and 环翠 only.
    let own = shizhong
        .segments
        .iter()
        .zip(&shizhong.shared_by)
        .find(|(s, _)| s.op == guize::diff::Op::Insert && s.text.contains('月'))
        .map(|(_, n)| *n);
    assert_eq!(own, Some(2));
}

#[test]
fn doc_base_must_be_a_member() {
    let (docs, al) = common::five();
    let refs: Vec<&Regulation> = docs.iter().collect();
    let g = compare_group(&refs, &al.groups[1], &BaseKind::Doc("yanzhou".into())).unwrap();
    assert!(g.columns[2].is_base);
    assert!(!g.columns[2].has_changes());
    assert!(g.columns[0].has_changes());
    let err = compare_group(&refs, &al.groups[2], &BaseKind::Doc("huancui".into())).unwrap_err();
    assert!(
        err.to_string().contains("documents in the group: lixia"),
        "{err}"
    );
}

#[test]
fn a_selection_of_documents_leaves_the_others_missing() {
    let (docs, al) = common::five();
    let refs: Vec<&Regulation> = vec![&docs[0], &docs[4]];
    let g = compare_group(&refs, &al.groups[2], &BaseKind::Medoid).unwrap();
    assert_eq!(g.columns.len(), 1);
    assert_eq!(g.missing.len(), 1);
    assert_eq!(g.missing[0].name, "环翠区");
}

#[test]
fn corpus_report_sections() {
    let (docs, al) = common::five();
    let refs: Vec<&Regulation> = docs.iter().collect();
    let mut r = corpus_report(&refs, &al).unwrap();
    assert_eq!(r.sections.len(), 5);
    let Section::Unique(lists) = &r.sections[3] else {
        panic!("unique provisions expected")
    };
    assert_eq!(lists[0].items.len(), 1);
    assert_eq!(lists[0].items[0].group, "g-issue");
    assert!(lists[1..].iter().all(|l| l.items.is_empty()));
    let Section::Similarity(m) = &r.sections[2] else {
        panic!("similarity expected")
    };
    // yanzhou and zhoucun share most wording; lixia's extra article lowers its similarity.
    assert!(m[2][3] > m[0][1], "{m:?}");
    assert_eq!(m[1][0], m[0][1]);
    assert_eq!(m[2][2], 1.0);
    let Section::Coverage(rows) = &r.sections[1] else {
        panic!("coverage expected")
    };
    assert_eq!(rows[2].cells[0], vec![45]);
    assert!(rows[2].cells[1].is_empty());
    r.add_section(Section::Table(Table {
        id: "numbers".into(),
        title: "数字".into(),
        note: String::new(),
        header: vec![],
        rows: vec![],
    }));
    assert!(matches!(r.sections[4], Section::Table(_)));
    assert!(matches!(r.sections[5], Section::Groups(_)));
}

#[test]
fn citation_joins_articles_of_one_chapter() {
    let (docs, _) = common::five();
    let cites: Vec<ArticleCite> = docs[0].articles[1..].iter().map(ArticleCite::of).collect();
    assert_eq!(
        citation(&cites),
        "第八章 完善会议制度 第四十四条、第四十五条"
    );
}

/// The five seed regulations, aligned.
fn seeds() -> (guize::corpus::Corpus, guize::align::Alignment) {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = guize::corpus::Corpus::load(&root).expect("seed corpus loads");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let alignment = guize::align::align_docs(&docs);
    (corpus, alignment)
}

#[test]
fn on_the_seeds_every_column_rebuilds_its_text_and_the_base() {
    let (corpus, alignment) = seeds();
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let mut numbers = 0;
    for group in &alignment.groups {
        let g = compare_group(&docs, group, &BaseKind::Medoid).unwrap();
        // A column per member document, and one per document holding the matter in part.
        let partial = docs
            .iter()
            .filter(|d| !group.members.contains_key(&d.id) && !group.partial_of(&d.id).is_empty())
            .count();
        assert_eq!(
            g.columns.len(),
            group.members.len() + partial,
            "group {}",
            g.id
        );
        assert_eq!(
            g.columns.iter().filter(|c| c.partial.is_some()).count(),
            partial
        );
        assert_eq!(g.columns.len() + g.missing.len(), 5);
        for c in &g.columns {
            let text: String = c
                .segments
                .iter()
                .filter(|s| s.op != guize::diff::Op::Delete)
                .map(|s| s.text.as_str())
                .collect();
            let base: String = c
                .segments
                .iter()
                .filter(|s| s.op != guize::diff::Op::Insert)
                .map(|s| s.text.as_str())
                .collect();
            assert_eq!(text, c.text, "group {} column {}", g.id, c.doc.id);
            assert_eq!(base, g.base_text, "group {} column {}", g.id, c.doc.id);
            // Wording all the documents of the group say is never marked as one's own.
            for (s, n) in c.segments.iter().zip(&c.shared_by) {
                if s.op == guize::diff::Op::Insert
                    && !s.is_punct
                    && *n == g.columns.len()
                    && g.columns.len() > 1
                {
                    panic!(
                        "group {} column {}: {:?} is shared by all",
                        g.id, c.doc.id, s.text
                    );
                }
            }
            assert!((0.0..=1.0).contains(&c.similarity));
            numbers += c.segments.iter().filter(|s| s.is_number).count();
        }
    }
    assert!(numbers > 0, "some numbers differ across the five");
    // The base is a real document's text in every group.
    for group in &alignment.groups {
        let g = compare_group(&docs, group, &BaseKind::Medoid).unwrap();
        assert!(
            g.columns.iter().any(|c| c.text == g.base_text),
            "group {}",
            g.id
        );
    }
}

#[test]
fn on_the_seeds_the_report_covers_every_article_once() {
    let (corpus, alignment) = seeds();
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let report = corpus_report(&docs, &alignment).unwrap();
    let Section::Coverage(rows) = &report.sections[1] else {
        panic!("coverage expected")
    };
    for (i, d) in docs.iter().enumerate() {
        let mut covered: Vec<u32> = rows
            .iter()
            .flat_map(|r| r.cells[i].iter().copied())
            .collect();
        covered.sort_unstable();
        let mut all: Vec<u32> = d
            .articles
            .iter()
            .filter(|a| a.sub == 0)
            .map(|a| a.number)
            .collect();
        all.sort_unstable();
        all.dedup();
        covered.dedup();
        assert_eq!(covered, all, "{}", d.id);
    }
    let Section::Similarity(m) = &report.sections[2] else {
        panic!("similarity expected")
    };
    for (i, row) in m.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            assert_eq!(*v, m[j][i]);
            if i == j {
                assert_eq!(*v, 1.0);
            } else {
                assert!((0.05..0.95).contains(v), "{i},{j}: {v}");
            }
        }
    }
}

/// A matter the first document lacks goes under that document's chapter of the title its
/// members sit under (法律责任), not under the chapter of the group before it, even when one
/// member's document has no chapters at all.
#[test]
fn contents_put_a_group_the_first_document_lacks_under_its_members_chapter() {
    let a = common::regulation(
        "a",
        "甲区",
        &[
            (1, 1, "总则", "为了规范河道管理，制定本规定。"),
            (2, 1, "总则", "本规定适用于本区河道。"),
            (3, 2, "法律责任", "违反本规定倾倒垃圾的，处五百元罚款。"),
        ],
    );
    let b = common::regulation(
        "b",
        "乙区",
        &[
            (1, 1, "总则", "为了规范河道管理，制定本办法。"),
            (2, 1, "总则", "本办法适用于本区河道。"),
            (3, 3, "法律责任", "违反本办法倾倒垃圾的，处五百元罚款。"),
            (4, 3, "法律责任", "违反本办法擅自采砂的，处一万元罚款。"),
        ],
    );
    // No chapters: its penalty sits in the implicit chapter.
    let c = common::regulation(
        "c",
        "丙区",
        &[
            (1, 0, "", "为了规范河道管理，制定本条例。"),
            (2, 0, "", "本条例适用于本区河道。"),
            (3, 0, "", "违反本条例倾倒垃圾的，处五百元罚款。"),
            (4, 0, "", "违反本条例擅自采砂的，处一万元罚款。"),
        ],
    );
    let group = |id: &str, members: &[(&str, &[u32])]| common::group(id, id, members);
    let al = guize::align::Alignment {
        kinds: Vec::new(),
        groups: vec![
            group("g-purpose", &[("a", &[1]), ("b", &[1]), ("c", &[1])]),
            // Reading order puts the sand-mining penalty (a lacks it) right after 总则.
            group("g-sand", &[("b", &[4]), ("c", &[4])]),
            group("g-scope", &[("a", &[2]), ("b", &[2]), ("c", &[2])]),
            group("g-waste", &[("a", &[3]), ("b", &[3]), ("c", &[3])]),
        ],
    };
    let docs = [a, b, c];
    let refs: Vec<&Regulation> = docs.iter().collect();
    let r = corpus_report(&refs, &al).unwrap();
    let Section::Contents(chapters) = &r.sections[0] else {
        panic!("contents expected")
    };
    let titles: Vec<&str> = chapters.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["第一章 总则", "第二章 法律责任"], "{chapters:?}");
    let groups = |i: usize| -> Vec<&str> {
        chapters[i]
            .groups
            .iter()
            .map(|g| g.group.as_str())
            .collect()
    };
    assert_eq!(groups(0), ["g-purpose", "g-scope"]);
    assert_eq!(groups(1), ["g-sand", "g-waste"]);
}

/// The contents follow the chapters of the first document that has chapters: a first document
/// of none puts no group under a chapter of no title.
#[test]
fn contents_follow_the_first_document_that_has_chapters() {
    let plain = common::regulation(
        "c",
        "丙区",
        &[
            (1, 0, "", "为了规范河道管理，制定本条例。"),
            (2, 0, "", "本条例适用于本区河道。"),
            (3, 0, "", "违反本条例倾倒垃圾的，处五百元罚款。"),
        ],
    );
    let chaptered = common::regulation(
        "a",
        "甲区",
        &[
            (1, 1, "总则", "为了规范河道管理，制定本规定。"),
            (2, 1, "总则", "本规定适用于本区河道。"),
            (3, 2, "法律责任", "违反本规定倾倒垃圾的，处五百元罚款。"),
        ],
    );
    let group = |id: &str, members: &[(&str, &[u32])]| common::group(id, id, members);
    let al = guize::align::Alignment {
        kinds: Vec::new(),
        groups: vec![
            group("g-purpose", &[("a", &[1]), ("c", &[1])]),
            group("g-scope", &[("a", &[2]), ("c", &[2])]),
            group("g-waste", &[("a", &[3]), ("c", &[3])]),
        ],
    };
    let titles = |docs: &[&Regulation]| -> Vec<String> {
        let r = corpus_report(docs, &al).unwrap();
        let Section::Contents(chapters) = &r.sections[0] else {
            panic!("contents expected")
        };
        chapters.iter().map(|c| c.title.clone()).collect()
    };
    // The document of no chapters first: the second's chapters head the contents.
    assert_eq!(
        titles(&[&plain, &chaptered]),
        ["第一章 总则", "第二章 法律责任"]
    );
    assert_eq!(
        titles(&[&chaptered, &plain]),
        ["第一章 总则", "第二章 法律责任"]
    );
    // No document has chapters: one chapter of no title (rendered "(no chapters)").
    assert_eq!(titles(&[&plain]), [""]);
}
