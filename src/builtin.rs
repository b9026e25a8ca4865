//! The corpus built into the binary: the five district work rules of `corpus/` with their manifest
//! and the domain dictionary, so that an installed `guize` answers in any folder without files of
//! its own. Read from memory; nothing of it depends on where the binary was built.

use crate::corpus::Corpus;
use crate::error::Result;
use std::path::Path;

/// The root the built-in documents' paths are under (`(built-in)/lixia.txt`): no such folder
/// exists, so no output prints it as a path (see [`shown_path`]).
pub const ROOT: &str = crate::model::BUILTIN_ROOT;

pub use crate::model::shown_path;

/// Every file of `corpus/` as it was when the binary was built, path relative to the corpus root.
/// `tests/install.rs` checks that this list is the folder's whole content.
pub const FILES: &[(&str, &[u8])] = &[
    (
        "article-types.tsv",
        include_bytes!("../corpus/article-types.tsv"),
    ),
    // The word associations of `crate::assoc` (one copy in the binary, shared with that module).
    ("assoc.tsv", crate::assoc::BUILTIN_BYTES),
    // The translation table of `align::bridge::GlobalTable` (one copy, shared with that module).
    ("bridge.tsv", crate::align::bridge::GLOBAL_BYTES),
    ("dict.tsv", include_bytes!("../corpus/dict.tsv")),
    ("huancui.txt", include_bytes!("../corpus/huancui.txt")),
    (
        "label-actors.tsv",
        include_bytes!("../corpus/label-actors.tsv"),
    ),
    (
        "label-stopwords.tsv",
        include_bytes!("../corpus/label-stopwords.tsv"),
    ),
    ("lixia.txt", include_bytes!("../corpus/lixia.txt")),
    ("manifest.json", include_bytes!("../corpus/manifest.json")),
    ("shizhong.txt", include_bytes!("../corpus/shizhong.txt")),
    // The word vectors of `crate::meaning` (one copy in the binary, shared with that module).
    ("vectors.bin", crate::meaning::BUILTIN_BYTES),
    ("verb-uses.tsv", include_bytes!("../corpus/verb-uses.tsv")),
    (
        "word-spread.tsv",
        include_bytes!("../corpus/word-spread.tsv"),
    ),
    ("yanzhou.txt", include_bytes!("../corpus/yanzhou.txt")),
    ("zhoucun.txt", include_bytes!("../corpus/zhoucun.txt")),
];

/// The built-in corpus, parsed.
pub fn load() -> Result<Corpus> {
    Corpus::load_memory(Path::new(ROOT), FILES)
}

/// The index fingerprint of the built-in corpus (see [`crate::index::fingerprint`]), without
/// parsing it: the one [`load`]'s corpus has.
pub fn fingerprint() -> String {
    let sources: Vec<_> = crate::corpus::memory_sources(FILES).collect();
    crate::index::fingerprint_of(&sources)
}

/// A short hash of the built-in files alone (names and bytes): it names the cache folder of the
/// built-in corpus's index, so that binaries built from different corpora never share one.
pub fn content_hash() -> String {
    let mut h = blake3::Hasher::new();
    for (name, bytes) in FILES {
        h.update(name.as_bytes());
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    h.finalize().to_hex()[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_corpus_is_the_five_work_rules() {
        let corpus = load().expect("loads");
        let ids: Vec<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["lixia", "shizhong", "yanzhou", "zhoucun", "huancui"]);
        assert_eq!(
            corpus.docs.iter().map(|d| d.articles.len()).sum::<usize>(),
            441
        );
        assert_eq!(corpus.docs[0].meta.district, "历下区");
        assert_eq!(
            corpus.docs[0].path,
            Path::new("(built-in)").join("lixia.txt")
        );
    }

    #[test]
    fn a_built_in_document_is_shown_as_built_in_not_as_a_path() {
        let corpus = load().expect("loads");
        assert_eq!(shown_path(&corpus.docs[0].path), "built-in lixia.txt");
        let file = Path::new("corpus").join("lixia.txt");
        assert_eq!(shown_path(&file), file.display().to_string());
        assert_eq!(shown_path(Path::new(ROOT)), ROOT);
    }

    #[test]
    fn same_fingerprint_as_the_folder_it_was_built_from() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let on_disk = crate::index::fingerprint(&folder).expect("fingerprint");
        assert_eq!(fingerprint(), on_disk);
        assert_eq!(
            crate::index::fingerprint_of(&load().expect("loads").sources),
            on_disk
        );
        let disk_corpus = Corpus::load(&folder).expect("loads");
        assert_eq!(crate::index::fingerprint_of(&disk_corpus.sources), on_disk);
    }
}
