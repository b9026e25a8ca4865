//! What a search decodes: the word vectors only when a query word is rare enough to be widened by
//! its neighbours or kin and has a vector, and never the whole association table (a query word's
//! associations are read from its text). One test alone in its binary, so that no other test has
//! decoded either beforehand.

use guize::assoc::Associations;
use guize::corpus::Corpus;
use guize::index::{self, Filter};
use guize::meaning::Vectors;
use std::path::Path;

#[test]
fn a_search_decodes_the_vectors_only_for_a_rare_word_that_has_one() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = Corpus::load(&dir).expect("the shipped corpus loads");
    let tmp = tempfile::tempdir().expect("temp dir");
    let fp = index::fingerprint(&dir).expect("fingerprint");
    index::rebuild(tmp.path(), &corpus.docs, &fp, &mut |_| {}).expect("index builds");
    let idx = index::open(tmp.path()).expect("index opens");
    assert!(!Vectors::builtin_decoded() && !Associations::builtin_decoded());

    // 工作 is in more than a fifth of the articles (no kin, no neighbours); 区长办公会议 is rare
    // enough for its kin but has no vector.
    let words = ["工作".to_string(), "区长办公会议".to_string()];
    let shares = idx.word_shares(&words).expect("shares");
    assert!(
        shares[0] > 0.2 && shares[1] > 0.0 && shares[1] <= 0.2,
        "{shares:?}"
    );
    assert!(Vectors::builtin_has("工作") && !Vectors::builtin_has("区长办公会议"));
    let report = idx
        .search("工作 区长办公会议", &Filter::default(), 10)
        .expect("search");
    assert_eq!(report.words, words);
    assert!(!report.hits.is_empty());
    assert!(
        !Vectors::builtin_decoded(),
        "a query without a rare word that has a vector decoded the vectors"
    );
    assert!(!Associations::builtin_decoded());

    // 常务会议 is rare and has a vector: its kin and neighbours are looked for; the association
    // table still is not decoded.
    let report = idx
        .search("常务会议", &Filter::default(), 10)
        .expect("search");
    assert!(!report.hits.is_empty());
    assert!(Vectors::builtin_decoded());
    assert!(!Associations::builtin_decoded());
}
