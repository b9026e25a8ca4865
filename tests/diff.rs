//! The word diff on clauses of the shipped regulations, as `compare` shows them.

use guize::diff::{Op, Segment, diff};

/// The clause of the shipped document `file` that contains `needle`, up to its first comma,
/// spaces and line breaks of the extracted text removed.
fn clause(file: &str, needle: &str) -> String {
    let path = format!("{}/corpus/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let joined: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let at = joined
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {file}"));
    let start = joined[..at]
        .rfind(['。', '：'])
        .map_or(0, |i| i + '。'.len_utf8());
    let end = at + joined[at..].find('，').unwrap_or(joined.len() - at);
    joined[start..end].to_string()
}

fn show(segs: &[Segment]) -> String {
    segs.iter()
        .map(|s| match (s.op, s.is_number) {
            (Op::Equal, _) => s.text.clone(),
            (Op::Insert, true) => format!("{{#{}#}}", s.text),
            (Op::Delete, true) => format!("[#{}#]", s.text),
            (Op::Insert, false) => format!("{{+{}+}}", s.text),
            (Op::Delete, false) => format!("[-{}-]", s.text),
        })
        .collect()
}

/// 历下 一般每两周召开1次 against 市中 原则上每月召开2次: 召开 is said by both and stays
/// equal; only the figures (每两周 → 每月, 1 → 2 of 1次 → 2次) and the hedge change.
#[test]
fn a_changed_frequency_keeps_the_verb_between_its_figures() {
    let base = clause("lixia.txt", "每两周召开");
    let other = clause("shizhong.txt", "每月召开");
    assert!(
        base.ends_with("召开1次") && other.ends_with("召开2次"),
        "{base} / {other}"
    );
    let segs = diff(&base, &other);
    let shown = show(&segs);
    assert!(
        segs.iter()
            .any(|s| s.op == Op::Equal && s.text.contains("召开")),
        "{shown}"
    );
    assert!(
        !segs
            .iter()
            .any(|s| s.op != Op::Equal && s.text.contains("召开")),
        "{shown}"
    );
    let numbers: Vec<&str> = segs
        .iter()
        .filter(|s| s.is_number)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(numbers, ["每两周", "每月", "1", "2"], "{shown}");
}

/// A group's pairwise comparison diffs repeated wordings once: the shared characters of every
/// pair are still those of diffing that pair alone, on articles of the shipped regulations with
/// some texts repeated (as one article copied into many documents is).
#[test]
fn pairwise_sharing_with_repeated_wordings_matches_each_pair_alone() {
    use guize::diff::{Words, compare_all, shared_chars};
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = guize::corpus::Corpus::load(&root).expect("seed corpus loads");
    let texts: Vec<String> = corpus
        .docs
        .iter()
        .filter_map(|d| d.articles.get(2))
        .map(|a| a.norm.clone())
        .collect();
    assert!(texts.len() >= 5);
    let repeated: Vec<&str> = [0, 1, 0, 2, 1, 3, 4, 0]
        .iter()
        .map(|&i| texts[i].as_str())
        .collect();
    let words: Vec<Words> = repeated.iter().map(|t| Words::new(t)).collect();
    let sharing = compare_all(&words);
    for i in 0..words.len() {
        for j in 0..words.len() {
            if i != j {
                let alone = shared_chars(&words[i.min(j)], &words[i.max(j)]);
                assert_eq!(sharing.shared[i][j], alone, "pair {i}, {j}");
            }
        }
    }
    // Text 0 is written three times: every byte of it is shared by at least those three.
    assert!(sharing.support[0].iter().all(|&k| k >= 3));
    assert_eq!(sharing.support[0], sharing.support[2]);
}
