//! The corpus walk and index freshness: one walk for loader and fingerprint, regular files only,
//! stat first and hashes only for what changed, the fingerprint of the bytes that were indexed,
//! and the alignment cache beside the index generation.

mod cmd;

use assert_cmd::Command;
use guize::corpus::{self, Corpus};
use guize::index::{self, Rebuilt};
use std::path::Path;
use std::time::Duration;

const DOC_A: &str =
    "第一条 为了规范区政府工作，制定本规则。\n第二条 区政府常务会议每两周召开一次。\n";
const DOC_B: &str = "第一条 为了加强管理，制定本办法。\n第二条 请假须经批准。\n";

fn corpus_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// `guize` on `corpus` and `index` (see `cmd::guize_in`), stopped after a minute.
fn guize(corpus: &Path, index: &Path) -> Command {
    let mut cmd = cmd::guize_in(corpus, index);
    cmd.timeout(Duration::from_secs(60));
    cmd
}

#[test]
fn loader_and_fingerprint_see_the_same_files() {
    let dir = corpus_with(&[("a.txt", DOC_A)]);
    let before = index::fingerprint(dir.path()).unwrap();
    // An upper-case extension is a document for the loader, so it is part of the fingerprint too.
    std::fs::write(dir.path().join("NEW.TXT"), DOC_B).unwrap();
    let corpus = Corpus::load(dir.path()).unwrap();
    assert_eq!(corpus.docs.len(), 2);
    let after = index::fingerprint(dir.path()).unwrap();
    assert_ne!(before, after);
    assert_eq!(guize::index::fingerprint_of(&corpus.sources), after);
    // Files the loader never reads do not matter.
    std::fs::write(dir.path().join("notes.json"), "{}").unwrap();
    assert_eq!(index::fingerprint(dir.path()).unwrap(), after);
}

#[test]
fn only_files_whose_stat_changed_are_read() {
    let dir = corpus_with(&[("a.txt", DOC_A), ("b.txt", DOC_B)]);
    let corpus = Corpus::load(dir.path()).unwrap();
    // A known hash is trusted while the stat is unchanged: a forged one comes back as it is.
    let mut known = corpus.sources.clone();
    known[0].hash = Some("forged".into());
    let survey = index::survey(dir.path(), &known).unwrap();
    assert_eq!(survey.sources[0].hash.as_deref(), Some("forged"));
    assert_eq!(survey.sources[1], corpus.sources[1]);
    // Once the file is rewritten its stat differs and its bytes are hashed again.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(dir.path().join("a.txt"), DOC_B).unwrap();
    let survey = index::survey(dir.path(), &known).unwrap();
    assert_ne!(survey.sources[0].hash.as_deref(), Some("forged"));
    assert_eq!(survey.sources[0].hash, corpus.sources[1].hash);
}

#[test]
fn an_edit_after_loading_leaves_the_index_stale_not_fresh() {
    let dir = corpus_with(&[("a.txt", DOC_A)]);
    let idx = tempfile::tempdir().unwrap();
    let corpus = Corpus::load(dir.path()).unwrap();
    // The file changes after it was parsed but before the index is written.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(dir.path().join("a.txt"), DOC_B).unwrap();
    index::rebuild_corpus(idx.path(), &corpus, &mut |_| {}).unwrap();
    let fresh = Corpus::load(dir.path()).unwrap();
    let (index, why, _) =
        index::open_fresh(idx.path(), dir.path(), || Ok(&fresh), &mut |_| {}).unwrap();
    assert_eq!(why, Rebuilt::Stale);
    assert_eq!(
        index.meta().fingerprint,
        guize::index::fingerprint_of(&fresh.sources)
    );
    let (_, why, _) =
        index::open_fresh(idx.path(), dir.path(), || Ok(&fresh), &mut |_| {}).unwrap();
    assert_eq!(why, Rebuilt::No);
}

/// A corpus copied anew (same bytes, new stat: another inode, another mtime) keeps its index,
/// and the new stat is noted, so the opens after the first hash nothing again.
#[test]
fn a_copied_corpus_keeps_its_index_and_its_new_stat_is_noted() {
    let dir = corpus_with(&[("a.txt", DOC_A), ("b.txt", DOC_B)]);
    let idx = tempfile::tempdir().unwrap();
    let corpus = Corpus::load(dir.path()).unwrap();
    index::rebuild_corpus(idx.path(), &corpus, &mut |_| {}).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    for name in ["a.txt", "b.txt"] {
        let path = dir.path().join(name);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
    let now = index::survey(dir.path(), &[]).unwrap();
    assert_ne!(now.sources, corpus.sources, "the copy has another stat");
    let load = || -> guize::Result<&Corpus> { panic!("a fresh index needs no corpus") };
    let (first, why, _) = index::open_fresh(idx.path(), dir.path(), load, &mut |_| {}).unwrap();
    assert_eq!(why, Rebuilt::No);
    drop(first);
    let (index, why, _) = index::open_fresh(idx.path(), dir.path(), load, &mut |_| {}).unwrap();
    assert_eq!(why, Rebuilt::No);
    assert_eq!(index.meta().sources, now.sources);
    assert_eq!(index.meta().fingerprint, now.fingerprint);
}

#[cfg(unix)]
#[test]
fn pipes_device_links_and_broken_links_are_warnings_in_every_command() {
    let dir = corpus_with(&[("a.txt", DOC_A)]);
    let root = dir.path();
    let fifo = root.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.txt")).unwrap();
    std::os::unix::fs::symlink(root.join("gone.txt"), root.join("dangling.md")).unwrap();
    std::os::unix::fs::symlink(root.join("a.txt"), root.join("linked.txt")).unwrap();
    let elsewhere = corpus_with(&[("b.txt", DOC_B)]);
    std::os::unix::fs::symlink(elsewhere.path(), root.join("more")).unwrap();

    let walk = corpus::walk(root).unwrap();
    let rels: Vec<&str> = walk.files.iter().map(|f| f.rel.as_str()).collect();
    // A link to a document of the corpus is that document: read once, the link warned about.
    assert_eq!(rels, ["a.txt"]);
    let named = |ws: &[guize::model::Warning], name: &str| {
        ws.iter()
            .any(|w| w.path.file_name().is_some_and(|n| n == name))
    };
    for name in ["pipe.txt", "zero.txt", "dangling.md", "linked.txt", "more"] {
        assert!(named(&walk.warnings, name), "walk warns about {name}");
    }
    let survey = index::survey(root, &[]).unwrap();
    assert_eq!(survey.warnings.len(), walk.warnings.len());

    let idx = tempfile::tempdir().unwrap();
    for args in [&["corpus"][..], &["index"], &["search", "常务会议"]] {
        let out = guize(root, idx.path()).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        for name in [
            "pipe.txt",
            "zero.txt",
            "dangling.md",
            "more: a link to a folder",
        ] {
            assert!(err.contains(name), "{args:?} warns about {name}: {err}");
        }
    }
}

#[test]
fn an_index_inside_the_corpus_is_not_part_of_it() {
    let dir = corpus_with(&[("a.txt", DOC_A), ("b.txt", DOC_B)]);
    let idx = dir.path().join("index");
    let first = guize(dir.path(), &idx)
        .args(["search", "常务会议"])
        .output()
        .unwrap();
    assert!(first.status.success());
    assert!(String::from_utf8_lossy(&first.stderr).contains("built the index"));
    let again = guize(dir.path(), &idx)
        .args(["search", "常务会议"])
        .output()
        .unwrap();
    assert!(again.status.success());
    assert!(
        !String::from_utf8_lossy(&again.stderr).contains("built the index"),
        "{again:?}"
    );
}

#[test]
fn compare_reads_the_alignment_cache_beside_the_index() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let idx = tempfile::tempdir().unwrap();
    let json = |label_check: Option<&str>| {
        let out = guize(&corpus, idx.path())
            .args(["compare", "lixia:39", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        if let Some(l) = label_check {
            assert_eq!(v["group"]["label"], l);
        }
        v
    };
    let first = json(None);
    let current = std::fs::read_to_string(idx.path().join("CURRENT")).unwrap();
    let cache = idx.path().join(current.trim()).join("alignment.cache.json");
    let text = std::fs::read_to_string(&cache).expect("compare stored the alignment");
    // A label changed in the cache shows in the next comparison: it was read, not recomputed.
    let label = first["group"]["label"].as_str().unwrap();
    let marked = format!("{label}（缓存）");
    std::fs::write(&cache, text.replace(label, &marked)).unwrap();
    json(Some(&marked));
    // A damaged cache is recomputed, never an error.
    std::fs::write(&cache, "{").unwrap();
    json(Some(label));
}

/// The cuts stored beside the index hold every line of every article exactly as jieba cuts it,
/// and a comparison that reads them diffs as one that segments.
#[test]
fn compare_reads_the_cuts_beside_the_index_and_they_are_jiebas() {
    use guize::segment::{KnownCuts, Segmenter, token_ranges, use_known_cuts};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let idx = tempfile::tempdir().unwrap();
    let compare = || {
        let out = guize(&root, idx.path())
            .args(["compare", "lixia:39", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        out.stdout
    };
    let stored = compare();
    let current = std::fs::read_to_string(idx.path().join("CURRENT")).unwrap();
    let file = idx.path().join(current.trim()).join("cuts.cache");
    let bytes = std::fs::read(&file).expect("compare stored the cuts");
    // After the header line (format, build, fingerprint) come the cuts themselves.
    let at = bytes
        .iter()
        .position(|&b| b == b'\n')
        .expect("a header line")
        + 1;
    let known = KnownCuts::from_bytes(&bytes[at..]).expect("cuts read back");
    let corpus = Corpus::load(&root).unwrap();
    let lines: usize = corpus
        .docs
        .iter()
        .flat_map(|d| &d.articles)
        .map(|a| a.norm.trim().split('\n').count())
        .sum();
    assert!(known.len() > 400 && known.len() <= lines, "{}", known.len());
    assert!(use_known_cuts(move || Some(known)));
    let jieba = |t: &str| -> Vec<std::ops::Range<usize>> {
        Segmenter::global()
            .tokens(t)
            .into_iter()
            .map(|t| t.start..t.end)
            .collect()
    };
    let articles: Vec<&str> = corpus
        .docs
        .iter()
        .flat_map(|d| &d.articles)
        .map(|a| a.norm.trim())
        .collect();
    for pair in articles.windows(2) {
        let joined = pair.join("\n");
        assert_eq!(token_ranges(&joined), jieba(&joined), "{joined}");
    }
    // Damaged cuts are not read: the comparison segments and says the same.
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(compare(), stored);
}

/// tantivy's checksums are checked when a generation is first opened and noted with the stat of
/// every file; a file written afterwards is checked again (and the index rebuilt).
#[test]
fn checksums_are_checked_again_when_an_index_file_changes() {
    let corpus = corpus_with(&[("a.txt", DOC_A), ("b.txt", DOC_B)]);
    let idx = tempfile::tempdir().unwrap();
    let search = || {
        let out = guize(corpus.path(), idx.path())
            .args(["search", "--json", "会议"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        out.stdout
    };
    let first = search();
    let generation = || {
        let current = std::fs::read_to_string(idx.path().join("CURRENT")).unwrap();
        idx.path().join(current.trim())
    };
    let before = generation();
    assert!(before.join("checksums.cache.json").is_file());
    assert_eq!(search(), first);
    assert_eq!(
        generation(),
        before,
        "a fresh, unchanged index is not rebuilt"
    );
    let store = std::fs::read_dir(&before)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .expect("a document store file");
    let mut bytes = std::fs::read(&store).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x5a;
    std::fs::write(&store, &bytes).unwrap();
    assert_eq!(search(), first);
    assert_ne!(generation(), before, "the damaged generation was replaced");
}

/// An index folder that takes no alignment cache (read-only; here, for a test run as root, a
/// folder in the cache file's place): a search of the five aligns once, warns once, ranks with
/// the groups it has in hand (the same hits as with a stored cache) and stores or segments
/// nothing more for nothing (no topics, no cuts).
#[test]
fn a_search_on_an_index_that_takes_no_cache_ranks_as_one_that_does() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (writable, blocked) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let search = |idx: &Path| {
        let out = guize(&corpus, idx)
            .args(["search", "--json", "--limit", "10", "会议 纪要"])
            .env("GUIZE_TIMINGS", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (v, String::from_utf8_lossy(&out.stderr).to_string())
    };
    let (want, _) = search(writable.path());
    guize(&corpus, blocked.path())
        .arg("index")
        .assert()
        .success();
    let current = std::fs::read_to_string(blocked.path().join("CURRENT")).unwrap();
    let generation = blocked.path().join(current.trim());
    std::fs::create_dir_all(generation.join("alignment.cache.json").join("x")).unwrap();
    for _ in 0..2 {
        let (got, stderr) = search(blocked.path());
        assert_eq!(got, want, "{stderr}");
        assert_eq!(
            stderr.matches("cannot store the alignment").count(),
            1,
            "{stderr}"
        );
        assert!(!stderr.contains("store the cuts"), "{stderr}");
        assert!(!generation.join("topics.cache").exists());
        assert!(!generation.join("cuts.cache").exists());
    }
}

/// A cache that parses but names an article the corpus lacks is computed again, not trusted:
/// compare and report answer as on a fresh index.
#[test]
fn a_cache_naming_an_unknown_article_is_computed_again() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let idx = tempfile::tempdir().unwrap();
    let compare = || {
        let out = guize(&corpus, idx.path())
            .args(["compare", "lixia:39", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let want = compare();
    let current = std::fs::read_to_string(idx.path().join("CURRENT")).unwrap();
    let cache = idx.path().join(current.trim()).join("alignment.cache.json");
    let text = std::fs::read_to_string(&cache).unwrap();
    let (header, body) = text.split_once('\n').unwrap();
    let mut groups: serde_json::Value = serde_json::from_str(body).unwrap();
    let members = groups["groups"][0]["members"].as_object_mut().unwrap();
    let doc = members.keys().next().unwrap().clone();
    members[&doc][0] = serde_json::json!(999);
    std::fs::write(&cache, format!("{header}\n{groups}")).unwrap();
    assert_eq!(compare(), want);
    guize(&corpus, idx.path())
        .args(["report", "-o", "-", "--format", "json"])
        .assert()
        .success();
}

/// Files the load skipped for what they hold (empty, binary, no article, a second file of an id)
/// are said by a search that finds the index fresh, as by every other command; and `guize index`
/// leaves a fresh index as it is, so commands reading it are not disturbed.
#[test]
fn a_fresh_index_still_names_the_skipped_files_and_is_not_rebuilt() {
    let dir = corpus_with(&[
        ("a.txt", DOC_A),
        ("b.txt", DOC_B),
        ("b.md", DOC_A),
        ("empty.txt", ""),
        ("notes.txt", "这里没有条文，只是一段说明。\n"),
    ]);
    std::fs::write(dir.path().join("bin.txt"), [0u8, 1, 2, 0, 159, 146, 150, 0]).unwrap();
    let idx = tempfile::tempdir().unwrap();
    for round in 0..2 {
        let out = guize(dir.path(), idx.path())
            .args(["search", "常务会议"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.contains("built the index"), round == 0, "{err}");
        for name in ["empty.txt", "notes.txt", "bin.txt", "b.md"] {
            assert!(
                err.contains(name),
                "round {round}: no word of {name}: {err}"
            );
        }
    }
    let current = std::fs::read_to_string(idx.path().join("CURRENT")).unwrap();
    let out = guize(dir.path(), idx.path()).arg("index").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("up to date"),
        "{out:?}"
    );
    assert_eq!(
        std::fs::read_to_string(idx.path().join("CURRENT")).unwrap(),
        current,
        "the live generation stays"
    );
    // A change is rebuilt.
    std::fs::write(dir.path().join("c.txt"), DOC_B).unwrap();
    let out = guize(dir.path(), idx.path()).arg("index").output().unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("up to date"),
        "{out:?}"
    );
    assert_ne!(
        std::fs::read_to_string(idx.path().join("CURRENT")).unwrap(),
        current
    );
}
