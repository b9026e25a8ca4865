//! The library's error type: one variant per situation, each saying where it happened. Callers
//! match on variants, never on messages.

use std::path::PathBuf;

/// Everything the library can fail at.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A file or folder could not be created or written (a read-only file system, a full disk).
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A document's text could not be read as a regulation.
    #[error("{path}:{line}: {msg}")]
    Parse {
        /// The document.
        path: PathBuf,
        /// Its line (1-based).
        line: usize,
        /// What was expected there.
        msg: String,
    },
    /// The corpus's `manifest.json` is malformed.
    #[error("{path}: {msg}")]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// What is wrong in it.
        msg: String,
    },
    /// A word vectors file (`corpus/vectors.bin`, [`crate::meaning`]) is cut off or malformed.
    #[error("word vectors file: {msg}")]
    Vectors {
        /// What was expected, and where.
        msg: String,
    },
    /// A word association table (`corpus/assoc.tsv`, [`crate::assoc`]) is cut off or malformed.
    #[error("word association table: {msg}")]
    Associations {
        /// What was expected, and where.
        msg: String,
    },
    /// The corpus was given as a file; a corpus is a folder of documents.
    #[error("{path} is a file; a corpus is a folder of documents (put the file in a folder)")]
    CorpusIsFile {
        /// The file given.
        path: PathBuf,
    },
    /// The corpus was given as a pipe, device or socket, which is neither a folder nor a file.
    #[error(
        "{path} is not a folder but a pipe, device or socket; a corpus is a folder of documents"
    )]
    CorpusNotFolder {
        /// What was given.
        path: PathBuf,
    },
    /// The corpus could not be loaded (the caller's loader failed; its message is kept).
    #[error("the corpus could not be loaded: {msg}")]
    CorpusLoad {
        /// The loader's message.
        msg: String,
    },
    /// A command needs documents and the corpus has none.
    #[error("the corpus has no documents to {action}")]
    EmptyCorpus {
        /// What could not be done (serve, search).
        action: &'static str,
    },
    /// No document of the corpus has this id, alias, district or title.
    #[error("unknown document '{query}'; known: {known}")]
    UnknownDoc {
        /// What was asked for.
        query: String,
        /// The closest documents, as a list for people.
        known: String,
    },
    /// More than one document of the corpus goes by this name (two editions of one title, or a
    /// short name that starts several names).
    #[error("ambiguous document '{query}': it names {candidates}; give more of the name or the id")]
    AmbiguousDoc {
        /// What was asked for.
        query: String,
        /// The documents it names, as a list for people.
        candidates: String,
    },
    /// A document was named where an article was expected (`lixia` instead of `lixia:39`).
    #[error("'{query}' is a document; name an article of it, such as {query}:1")]
    DocumentNotArticle {
        /// What was asked for.
        query: String,
    },
    /// The document has no such article.
    #[error("{doc} has no article '{query}'; {known}")]
    UnknownArticle {
        /// The document.
        doc: String,
        /// What was asked for.
        query: String,
        /// What there is instead, for people: the closest articles (`closest: 第七十八条, …`), or
        /// the articles of the chapter the query names.
        known: String,
    },
    /// An article head without the document it is in (`第三十九条` alone).
    #[error(
        "'{query}' names an article but no document; {}",
        holders_message(holders)
    )]
    ArticleWithoutDocument {
        /// What was asked for.
        query: String,
        /// The documents that have such an article, each cited with it (`历下区 第三十九条`).
        holders: Vec<String>,
    },
    /// The documents searched have no such chapter.
    #[error("no chapter '{query}' in the documents searched; chapters: {known}")]
    UnknownChapter {
        /// What was asked for.
        query: String,
        /// The chapters there are, as a list for people.
        known: String,
    },
    /// A chapter's number names chapters of more than one part of a code (刑法 numbers its
    /// chapters again in each 编).
    #[error(
        "'{query}' names divisions in more than one part of {doc}: {choices}; put the part first, as in --chapter {example}"
    )]
    AmbiguousChapter {
        /// What was asked for.
        query: String,
        /// The document concerned.
        doc: String,
        /// Each division it names, cited with its part.
        choices: String,
        /// The first of them as `--chapter` takes it.
        example: String,
    },
    /// The search index is missing, damaged or of another version.
    #[error("index at {path}: {msg}")]
    Index {
        /// The index folder.
        path: PathBuf,
        /// What is wrong with it.
        msg: String,
    },
    /// A new index could not be built where it was to be (a full disk, a folder that cannot be
    /// written): said as a build that failed, not as an index to rebuild.
    #[error("cannot build the index in {path}: {source}")]
    IndexBuild {
        /// The index folder.
        path: PathBuf,
        /// What failed.
        source: Box<Error>,
    },
    /// The folder named for the index holds files guize did not write (documents, another
    /// program's data), which building an index there could overwrite or delete.
    #[error(
        "{path} is no index folder of guize: it holds files guize did not write ({found}), which \
         an index built there could overwrite or delete; give --index (or GUIZE_INDEX) a new or \
         empty folder"
    )]
    NotAnIndex {
        /// The folder.
        path: PathBuf,
        /// The first few of those files, for people.
        found: String,
    },
    /// An index build stopped because [`crate::index::request_stop`] asked it to (Ctrl-C); its
    /// half-written folder is removed and the live index left as it was.
    #[error("the index build was interrupted; the index is as it was")]
    Interrupted,
    /// The open search index could not be read (a field missing, a reader failing).
    #[error("cannot read the search index: {msg}; rebuild it with `guize index`")]
    IndexRead {
        /// What tantivy said.
        msg: String,
    },
    /// A query opened a "phrase" and never closed it.
    #[error("unbalanced quote in '{query}': a \"phrase\" ends with a second quote")]
    UnbalancedQuote {
        /// The query as typed.
        query: String,
    },
    /// A query or text has no word to search for: only punctuation, stop words or exclusions.
    #[error("{}", nothing_to_search(.query))]
    NothingToSearch {
        /// The query or text.
        query: String,
    },
    /// A query excludes what it asks for: every article that says it is left out.
    #[error(
        "'{query}' excludes what it asks for: every article that says what is asked holds '{word}', which -{word} leaves out; drop the exclusion or exclude a longer phrase"
    )]
    ExcludesWhatItAsks {
        /// The query as typed.
        query: String,
        /// The excluded word that every asked word holds.
        word: String,
    },
    /// A search query too long to be a question (a page pasted): searching it would take minutes.
    #[error(
        "the query has {size}, more than the {max} a search takes; to find the articles closest to a passage, use `guize precedent` (POST /api/precedent)"
    )]
    QueryTooLong {
        /// How long it is, for people ("23456 characters").
        size: String,
        /// The limit, for people ("20000 characters").
        max: String,
    },
    /// Every document was excluded from a search.
    #[error("no document left to search: every document is excluded")]
    NoDocumentLeft,
    /// A draft given to `precedent` has no word at all.
    #[error("the draft has no words: it is empty or only punctuation")]
    EmptyDraft,
    /// A draft given to `precedent` is article headings with no text after them (`第一条`).
    #[error("{}", bare_heads(.heads))]
    DraftOnlyHeads {
        /// The headings, in the draft's order (第一条).
        heads: Vec<String>,
    },
    /// An alignment names an article its document does not have (an alignment of another corpus).
    #[error("group {group} names {doc} article {article}, which the document does not have")]
    StaleGroup {
        /// The group's id.
        group: String,
        /// The document.
        doc: String,
        /// The article number.
        article: u32,
    },
    /// The base document of a comparison holds the group's matter only in part (a paragraph of
    /// one of its articles), and the base is a whole member's wording.
    #[error(
        "base document '{doc}' holds group {group} ({label}) only in part ({articles}), and a base must hold it whole; documents that do: {members}"
    )]
    BaseInPart {
        /// The base document.
        doc: String,
        /// The group's id.
        group: String,
        /// The group's label.
        label: String,
        /// The articles it holds in part (第二十三条).
        articles: String,
        /// The documents that hold the group whole, comma-separated.
        members: String,
    },
    /// The base document of a comparison has no article in the group.
    #[error(
        "base document '{doc}' has no article in group {group} ({label}); documents in the group: {members}"
    )]
    BaseNotInGroup {
        /// The base document.
        doc: String,
        /// The group's id.
        group: String,
        /// The group's label.
        label: String,
        /// The documents that are in the group, comma-separated.
        members: String,
    },
    /// The base document of a comparison is of another kind than the group: the kinds of a
    /// corpus are aligned apart, so it has no article there, though it may regulate the matter.
    #[error(
        "base document '{doc}' is of another kind than this group, {group} ({label}) (aligned \
         apart; use --doc to align them together: --doc {doc} --doc {member})"
    )]
    BaseOfAnotherKind {
        /// The base document.
        doc: String,
        /// The group's id.
        group: String,
        /// The group's label.
        label: String,
        /// A document in the group.
        member: String,
    },
    /// Writing a result (HTML, JSON) into memory failed.
    #[error("cannot write the {what}: {msg}")]
    Render {
        /// What was being written (the report, JSON).
        what: &'static str,
        /// The writer's message.
        msg: String,
    },
    /// The article is in no clause group of the alignment.
    #[error("{doc} article {article} is in no clause group")]
    NotInGroup {
        /// The document.
        doc: String,
        /// The article number.
        article: u32,
    },
    /// A group id (g and ten hexadecimal digits) of no group: the closest ids `(id, label)`.
    #[error("no clause group {id}; closest: {}", .closest.iter().map(|(g, l)| format!("{g} ({l})")).collect::<Vec<_>>().join(", "))]
    NoGroup {
        /// The id as given.
        id: String,
        /// The closest group ids with their labels.
        closest: Vec<(String, String)>,
    },
    /// Words that name no group or article: the closest groups `(id, label)` and articles
    /// `("doc:article", excerpt)`.
    #[error("{}", no_match_message(what, unmatched, groups, articles))]
    NoMatch {
        /// The words as given.
        what: String,
        /// The words of `what` that no article says.
        unmatched: Vec<String>,
        /// The closest groups: (id, label).
        groups: Vec<(String, String)>,
        /// The closest articles: ("doc:article", excerpt).
        articles: Vec<(String, String)>,
    },
    /// The name of a kind of the corpus and nothing else (`养犬管理条例`): no matter to compare.
    #[error(
        "'{kind}' names a kind of the corpus, not a matter: add words of the matter, e.g. guize \
         compare {kind} 施行日期"
    )]
    KindWithoutMatter {
        /// The kind's name.
        kind: String,
    },
    /// Words that name documents and nothing else (`历下 市中`): no article or matter to compare.
    #[error("{}", documents_only_message(query, docs, example))]
    DocumentsWithoutMatter {
        /// What was asked for.
        query: String,
        /// The documents named: (id, name shown).
        docs: Vec<(String, String)>,
        /// An article of the first document whose matter the others have too, cited
        /// (`历下区 第一条`), and words of that matter (`制定依据`), when there is one.
        example: Option<(String, String)>,
    },
    /// A draft longer than any regulation of the corpus.
    #[error(
        "the draft has {chars} characters, more than the longest regulation of the corpus \
         ({max}); give one clause or a few"
    )]
    DraftTooLong {
        /// The draft's visible characters.
        chars: usize,
        /// The longest regulation's characters.
        max: usize,
    },
}

fn documents_only_message(
    query: &str,
    docs: &[(String, String)],
    example: &Option<(String, String)>,
) -> String {
    let names: Vec<&str> = docs.iter().map(|(_, name)| name.as_str()).collect();
    let ids: Vec<&str> = docs.iter().map(|(id, _)| id.as_str()).collect();
    let named = match names.as_slice() {
        [one] => format!("a document ({one})"),
        _ => format!("{} documents ({})", names.len(), names.join(", ")),
    };
    let mut message = format!("'{query}' names {named} but no article or matter to compare");
    match example {
        Some((article, words)) => message.push_str(&format!(
            "; add one: an article ({article}) or words of a matter ('{query} {words}' compares {} on {words})",
            if names.len() == 1 { "its article" } else { "their articles" }
        )),
        None => message.push_str("; add an article or words of a matter"),
    }
    let docs_flags: Vec<String> = ids.iter().map(|id| format!("--doc {id}")).collect();
    match ids.as_slice() {
        [one] => message.push_str(&format!("; its articles: guize show {one}")),
        _ => message.push_str(&format!(
            "; every matter they share, side by side: guize report {}",
            docs_flags.join(" ")
        )),
    }
    message
}

/// `g`, `ge55`: the start of a group id (`g` and ten hexadecimal digits), which is not read as
/// one.
fn looks_like_part_of_a_group_id(what: &str) -> bool {
    what.strip_prefix('g').is_some_and(|hex| {
        hex.len() < 10
            && hex
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    })
}

fn no_match_message(
    what: &str,
    unmatched: &[String],
    groups: &[(String, String)],
    articles: &[(String, String)],
) -> String {
    let groups: Vec<String> = groups
        .iter()
        .map(|(id, label)| format!("{id} ({label})"))
        .collect();
    let articles: Vec<String> = articles
        .iter()
        .map(|(r, text)| format!("{r} {text}"))
        .collect();
    let mut message =
        format!("'{what}' is no group id, article reference or matching search words");
    if !unmatched.is_empty() {
        message.push_str(&format!("; no article says {}", unmatched.join(", ")));
    }
    if looks_like_part_of_a_group_id(what) {
        message.push_str(
            "; a group id is g and ten hexadecimal digits as guize align prints it, \
             written whole (no prefix is read)",
        );
    } else if groups.is_empty() && articles.is_empty() {
        message.push_str(
            "; no group or article comes close (none shares half of its characters, or three)",
        );
    }
    if !groups.is_empty() {
        message.push_str(&format!("\n  closest groups: {}", groups.join("; ")));
    }
    if !articles.is_empty() {
        message.push_str(&format!("\n  closest articles: {}", articles.join("; ")));
    }
    message
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The documents that have the article a bare head names, as the error lists them.
fn holders_message(holders: &[String]) -> String {
    const SHOWN: usize = 5;
    match holders.len() {
        0 => "no document has such an article".to_string(),
        n if n <= SHOWN => format!("say whose: {}", holders.join(", ")),
        n => format!(
            "say whose: {}, … ({n} documents have one)",
            holders[..SHOWN].join(", ")
        ),
    }
}

/// What a user typed, as an error repeats it: whole up to 60 characters, else its first 60 and
/// how long it was, so that a pasted page does not fill the terminal.
pub(crate) fn echoed(query: &str) -> String {
    const SHOWN: usize = 60;
    let n = query.chars().count();
    if n <= SHOWN {
        return query.to_string();
    }
    let head: String = query.chars().take(SHOWN).collect();
    format!("{head}… ({n} characters)")
}

/// The message of [`Error::DraftOnlyHeads`]: the headings named, and what is missing after them.
fn bare_heads(heads: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut named = heads
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("、");
    if heads.len() > SHOWN {
        named.push_str("、…");
    }
    if heads.len() == 1 {
        format!(
            "the draft is only an article heading ({named}) with no text after it: give the \
             article's wording after its number"
        )
    } else {
        format!(
            "the draft is only article headings ({named}) with no text after them: give each \
             article's wording after its number"
        )
    }
}

/// The message of [`Error::NothingToSearch`]: an empty query (or one of blanks and invisible
/// characters) is said to be empty, not to hold "only punctuation".
fn nothing_to_search(query: &str) -> String {
    let blank = query.chars().all(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
            )
    });
    if blank {
        "nothing to search for: the query is empty; give the words to look for".to_string()
    } else {
        format!(
            "nothing to search for in '{query}': it has only punctuation, stop words or exclusions"
        )
    }
}

#[cfg(test)]
mod echo_tests {
    use super::echoed;

    #[test]
    fn a_long_query_is_echoed_cut() {
        assert_eq!(echoed("第三章"), "第三章");
        let long = "第".repeat(9_000);
        let shown = echoed(&long);
        assert!(shown.ends_with("… (9000 characters)"), "{shown}");
        assert_eq!(shown.chars().filter(|&c| c == '第').count(), 60);
    }
}
