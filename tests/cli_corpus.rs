//! `guize corpus`, `guize show` and `guize articles` as a user runs them, on the seed corpus and on
//! small corpora of bad files built in a temp folder.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

mod shared;

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn guize(corpus: &Path) -> Command {
    let mut cmd = Command::cargo_bin("guize").expect("binary");
    cmd.arg("--corpus")
        .arg(corpus)
        .env("NO_COLOR", "1")
        .env_remove("GUIZE_CORPUS");
    cmd
}

#[test]
fn corpus_lists_the_five_documents() {
    guize(&seeds())
        .arg("corpus")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "lixia     历下区    济南市历下区人民政府工作规则",
        ))
        .stdout(predicate::str::contains("5 documents, 441 articles"))
        .stderr(predicate::str::contains("zhoucun.txt:207"));
}

/// Two lawrefbook 献血条例 know their city (临沂市, 泰安市) and no district: the table shows a
/// `city` column, not a `district` column left blank.
#[test]
fn corpus_shows_the_city_when_no_document_has_a_district() {
    let dir = tempfile::tempdir().expect("temp dir");
    shared::copy_named(
        dir.path(),
        &[
            "DLC/山东地方法规/地方性法规/山东/临沂市献血条例(2019-02-12).md",
            "DLC/山东地方法规/地方性法规/山东/泰安市献血条例(2021-07-31).md",
        ],
    );
    let out = guize(dir.path())
        .arg("--index")
        .arg(dir.path().join(".idx"))
        .arg("corpus")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let head = text.lines().next().unwrap_or_default();
    assert!(
        head.contains("city") && !head.contains("district"),
        "{text}"
    );
    for city in ["临沂市", "泰安市"] {
        assert!(
            text.lines()
                .any(|l| l.contains(city) && l.contains("献血条例")),
            "{city}: {text}"
        );
    }
}

#[test]
fn corpus_json_has_metadata() {
    let out = guize(&seeds())
        .args(["corpus", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 5);
    let shizhong = docs
        .iter()
        .find(|d| d["id"] == "shizhong")
        .expect("shizhong");
    assert_eq!(shizhong["doc_number"], "市中政发〔2022〕2号");
    assert_eq!(shizhong["issued"], "2022-03-16");
    assert_eq!(shizhong["articles"], 95);
}

#[test]
fn show_prints_an_article_with_its_citation() {
    for (doc, article) in [
        ("lixia", "39"),
        ("历下", "第三十九条"),
        ("历下区", "三十九"),
    ] {
        guize(&seeds())
            .args(["show", doc, article])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(
                "济南市历下区人民政府工作规则 第八章 完善会议制度 第三十九条\n",
            ))
            .stdout(predicate::str::contains("区政府常务会议一般每两周召开1次"));
    }
}

#[test]
fn show_takes_one_whole_reference_as_compare_does() {
    // The forms `guize compare` takes, and the citation `guize show` itself prints.
    for reference in [
        "lixia:39",
        "历下：第三十九条",
        "历下区 第八章 第三十九条",
        "历下区第39条",
        "济南市历下区人民政府工作规则 第八章 完善会议制度 第三十九条",
    ] {
        guize(&seeds())
            .args(["show", reference])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(
                "济南市历下区人民政府工作规则 第八章 完善会议制度 第三十九条\n",
            ));
    }
    // A reference to an article that does not exist is an error about the article.
    guize(&seeds())
        .args(["show", "lixia:200"])
        .assert()
        .failure()
        .code(1)
        .stderr(predicate::str::contains("lixia has no article '200'"));
}

#[test]
fn show_prints_an_outline_with_ranges() {
    guize(&seeds())
        .args(["show", "yanzhou"])
        .assert()
        .success()
        .stdout(predicate::str::contains("90 articles in 15 chapters"))
        .stdout(predicate::str::contains("第十五章 附则"))
        .stdout(predicate::str::contains("九十、"));
}

/// A document without chapters said `4 articles in 1 chapters` (its one implicit chapter).
#[test]
fn an_outline_without_chapters_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "某市养犬管理规定\n第一条 为了规范养犬行为，制定本规定。\n第二条 本规定自公布之日起施行。\n",
    )
    .expect("write");
    guize(dir.path())
        .args(["--index"])
        .arg(dir.path().join("idx"))
        .args(["show", "a"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 articles, no chapters"));
}

/// A document that names no district or city: those fields are `null` in every JSON output, as
/// the other absent fields (`doc_number`, `issued`) are, never `""`.
#[test]
fn absent_fields_are_null_in_json_never_empty_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "养犬管理规定\n第一条 为了规范养犬行为，制定本规定。\n第二条 本规定自公布之日起施行。\n",
    )
    .expect("write");
    let json = |args: &[&str]| -> Vec<serde_json::Value> {
        let out = guize(dir.path())
            .arg("--index")
            .arg(dir.path().join("idx"))
            .args(args)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{args:?}: {out:?}");
        let text = String::from_utf8(out.stdout).expect("utf-8");
        // No district or city anywhere is an empty text.
        for field in ["district", "city"] {
            for gap in [":", ": "] {
                let empty = format!("\"{field}\"{gap}\"\"");
                assert!(!text.contains(&empty), "{args:?}: {text}");
            }
        }
        text.lines()
            .filter(|l| l.starts_with('{'))
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .collect::<Vec<_>>()
            .into_iter()
            .chain(serde_json::from_str(&text).ok())
            .collect()
    };
    let corpus = json(&["corpus", "--json"]);
    let doc = &corpus.last().expect("corpus JSON")["documents"][0];
    for field in ["district", "city", "doc_number", "issued"] {
        assert!(doc[field].is_null(), "{field}: {doc}");
    }
    let outline = json(&["show", "a", "--json"]);
    let outline = outline.last().expect("outline JSON");
    for field in ["district", "city", "doc_number", "issued"] {
        assert!(outline[field].is_null(), "{field}: {outline}");
    }
    let article = json(&["show", "a:1", "--json"]);
    assert!(article.last().expect("article")["district"].is_null());
    let search = json(&["search", "养犬", "--json"]);
    assert!(search.last().expect("search")["hits"][0]["district"].is_null());
}

#[test]
fn unknown_document_lists_the_closest_first() {
    guize(&seeds())
        .args(["show", "zhoucn"])
        .assert()
        .failure()
        .code(1)
        .stderr(predicate::str::contains(
            "unknown document 'zhoucn'; known: zhoucun (周村区)",
        ));
}

#[test]
fn unknown_article_lists_the_nearest_numbers() {
    guize(&seeds())
        .args(["show", "lixia", "第二百条"])
        .assert()
        .failure()
        .code(1)
        .stderr(predicate::str::contains(
            "lixia has no article '第二百条'; closest: 第七十八条",
        ))
        .stderr(predicate::str::contains("78 articles: 第一条–第七十八条"));
}

#[test]
fn articles_json_is_one_object_per_line() {
    let out = guize(&seeds())
        .args(["articles", "--doc", "lixia", "--doc", "huancui", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(lines.len(), 78 + 89);
    let a39 = lines
        .iter()
        .find(|a| a["doc"] == "lixia" && a["article"] == 39)
        .expect("lixia 39");
    assert_eq!(a39["chapter"]["number"], 8);
    assert_eq!(a39["chapter"]["title"], "完善会议制度");
    assert_eq!(a39["paragraphs"].as_array().expect("paragraphs").len(), 8);
    let lines_range = a39["lines"].as_array().expect("lines");
    assert!(lines_range[0].as_u64() <= lines_range[1].as_u64());
    assert!(
        a39["text"]
            .as_str()
            .expect("text")
            .starts_with("区政府常务会议由区长")
    );
}

#[test]
fn articles_unknown_doc_fails() {
    guize(&seeds())
        .args(["articles", "--doc", "nowhere", "--json"])
        .assert()
        .failure()
        .code(1);
}

/// A corpus of bad files: the good document still loads and each bad one is a warning.
#[test]
fn bad_files_are_warnings_and_the_rest_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).expect("mkdir");
    std::fs::write(
        root.join("good.txt"),
        "某规则\n第一章 总则\n第一条 甲。\n第二条 乙。\n",
    )
    .expect("write");
    let (gbk, _, _) = encoding_rs::GB18030.encode("某办法\n第一条 本办法自印发之日起施行。\n");
    std::fs::write(root.join("sub/gbk.txt"), &gbk).expect("write");
    std::fs::write(root.join("empty.txt"), "").expect("write");
    std::fs::write(
        root.join("binary.md"),
        [0x7f, b'E', b'L', b'F', 0, 0, 0, 1, 2, 3],
    )
    .expect("write");
    std::fs::write(root.join("prose.txt"), "这是一段没有条文的说明文字。\n").expect("write");
    std::fs::write(
        root.join("dup.txt"),
        "第一条 甲。\n第三条 乙。\n第三条 丙。\n",
    )
    .expect("write");
    std::fs::write(root.join("notes.csv"), "not a document").expect("write");
    guize(root)
        .args(["corpus", "--warnings"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 documents, 6 articles"))
        .stdout(predicate::str::contains("sub/gbk"))
        .stderr(predicate::str::contains(
            "sub/gbk.txt: not UTF-8 (invalid at byte 2); decoded as GB18030",
        ))
        .stderr(predicate::str::contains("empty.txt: empty file; skipped"))
        .stderr(predicate::str::contains(
            "binary.md: binary file, not text; skipped",
        ))
        .stderr(predicate::str::contains("prose.txt: no article found"))
        .stderr(predicate::str::contains(
            "dup.txt:2: 第三条 follows 第一条: article numbering skips 第二条",
        ))
        .stderr(predicate::str::contains(
            "dup.txt:3: duplicate article 第三条",
        ));
    guize(root)
        .args(["show", "sub/gbk", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("本办法自印发之日起施行。"));
}

#[test]
fn a_missing_corpus_folder_is_a_clear_error() {
    guize(Path::new("/nonexistent/guize-corpus"))
        .arg("corpus")
        .assert()
        .failure()
        .code(1)
        .stderr(predicate::str::contains(
            "cannot load corpus /nonexistent/guize-corpus",
        ));
}

/// A small corpus of two shipped regulations in a temp folder.
fn two_shipped() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for f in ["lixia.txt", "shizhong.txt"] {
        std::fs::copy(seeds().join(f), dir.path().join(f)).expect("copy");
    }
    dir
}

#[test]
fn a_short_file_with_a_damaged_spot_loads_with_replacement_characters() {
    let dir = two_shipped();
    let mut bytes = "某区政府工作规则\n第一条 区政府".as_bytes().to_vec();
    bytes.extend([0xff, 0xfe]);
    bytes.extend("常务会议由区长召集和主持。\n第二条 本规则自印发之日起施行。\n".as_bytes());
    std::fs::write(dir.path().join("bad8.txt"), bytes).expect("write");
    guize(dir.path())
        .args(["show", "bad8", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("区政府\u{fffd}\u{fffd}常务会议"));
    guize(dir.path())
        .args(["corpus"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "bad8.txt: invalid UTF-8 on line 2",
        ));
}

#[test]
fn a_broken_manifest_is_one_warning_said_once() {
    let dir = two_shipped();
    std::fs::write(
        dir.path().join("manifest.json"),
        "{\"documents\": {\"lixia\": \n",
    )
    .expect("write");
    let out = guize(dir.path()).arg("corpus").output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("2 documents, 173 articles"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "manifest.json: EOF while parsing a value at line 2 column 0; the manifest is ignored"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.matches("line 2").count(), 1, "{stderr}");
}

/// No message says its cause twice, and each says what is wrong in the user's terms.
#[test]
fn errors_say_each_cause_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let file_corpus = seeds().join("lixia.txt");
    let index_file = dir.path().join("index-file");
    std::fs::write(&index_file, "x").expect("write");
    let cases: Vec<(Vec<String>, String)> = vec![
        (
            vec![
                "--corpus".into(),
                file_corpus.display().to_string(),
                "corpus".into(),
            ],
            "is a file; a corpus is a folder of documents".into(),
        ),
        (
            vec![
                "--corpus".into(),
                file_corpus.display().to_string(),
                "search".into(),
                "会议".into(),
            ],
            "is a file; a corpus is a folder of documents".into(),
        ),
        (
            vec![
                "versions".into(),
                empty.display().to_string(),
                "lixia".into(),
            ],
            "empty.txt: empty file".into(),
        ),
        (
            vec!["versions".into(), "/dev/null".into(), "/dev/null".into()],
            "/dev/null: not a regular file".into(),
        ),
        (
            vec![
                "eval".into(),
                "search".into(),
                "--gold".into(),
                "/nonexistent/gold.json".into(),
            ],
            "No such file or directory".into(),
        ),
        (
            vec![
                "report".into(),
                "-o".into(),
                "/nonexistent/dir/x.html".into(),
            ],
            "cannot write /nonexistent/dir/x.html: the folder /nonexistent/dir does not exist"
                .into(),
        ),
        (
            vec![
                "--index".into(),
                index_file.display().to_string(),
                "search".into(),
                "会议".into(),
            ],
            "is a file, not a folder: --index (or GUIZE_INDEX) names a folder".into(),
        ),
    ];
    for (args, said) in cases {
        let out = Command::cargo_bin("guize")
            .expect("binary")
            .args(&args)
            .env("NO_COLOR", "1")
            .env_remove("GUIZE_CORPUS")
            .env_remove("GUIZE_INDEX")
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(&said), "{args:?}: {stderr}");
        // Every clause of the message is said once.
        let parts: Vec<&str> = stderr.trim().split(": ").collect();
        for (i, p) in parts.iter().enumerate().skip(1) {
            assert_ne!(Some(p), parts.get(i + 1), "{args:?}: {stderr}");
        }
        assert!(!stderr.contains(".guize-"), "{args:?}: {stderr}");
        assert!(!stderr.contains("rebuild it"), "{args:?}: {stderr}");
    }
}

/// `GUIZE_CORPUS=` and `GUIZE_INDEX=` (set but empty) mean unset.
#[test]
fn empty_environment_variables_are_unset() {
    let out = Command::cargo_bin("guize")
        .expect("binary")
        .arg("corpus")
        .env("GUIZE_CORPUS", "")
        .env("GUIZE_INDEX", "")
        .env("NO_COLOR", "1")
        .current_dir(std::env::temp_dir())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("5 documents"));
}

#[test]
fn an_empty_corpus_names_every_readable_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("prose.txt"), "一段说明文字。\n").expect("write");
    guize(dir.path())
        .arg("corpus")
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no .txt, .md, .docx, .pdf or .html file in it has articles",
        ));
}

/// U18: a link to a document of the corpus (`alias.txt -> lixia.txt`, either name first) loads
/// the regulation once, the real file, with a warning naming both.
#[cfg(unix)]
#[test]
fn a_link_to_a_document_of_the_corpus_loads_it_once() {
    let dir = two_shipped();
    for alias in ["alias.txt", "zz-alias.txt"] {
        std::os::unix::fs::symlink("lixia.txt", dir.path().join(alias)).expect("link");
    }
    let out = guize(dir.path())
        .args(["corpus", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let ids: Vec<&str> = v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert_eq!(ids, ["lixia", "shizhong"], "{err}");
    for alias in ["alias.txt", "zz-alias.txt"] {
        assert!(
            err.contains(alias) && err.contains("the same file as") && err.contains("lixia.txt"),
            "{err}"
        );
    }
}

/// A loop of links (`a -> b`, `b -> a`, and `x.md -> y.md -> x.md`) beside two documents: the
/// corpus loads the two and names each looping link, whatever its extension; `versions` given one
/// of them says it is a loop, not that there is no such file.
#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_named() {
    let dir = two_shipped();
    for (link, to) in [("a", "b"), ("b", "a"), ("x.md", "y.md"), ("y.md", "x.md")] {
        std::os::unix::fs::symlink(to, dir.path().join(link)).expect("link");
    }
    let out = guize(dir.path())
        .args(["corpus", "--warnings"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let looping: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("a symbolic link loop"))
        .collect();
    assert_eq!(looping.len(), 4, "{err}");
    for link in ["a", "b", "x.md", "y.md"] {
        assert!(
            looping.iter().any(|l| l.contains(&format!("/{link}:"))),
            "{link}: {err}"
        );
    }
    assert!(!err.contains("broken link"), "{err}");
    let out = guize(dir.path())
        .arg("versions")
        .arg(dir.path().join("a"))
        .arg(dir.path().join("lixia.txt"))
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a symbolic link loop") && !err.contains("no such file"),
        "{err}"
    );
}

/// 历下's rules in traditional characters, headings 第一條 / 第八章 / (節 for 节): a simple
/// character map, enough for every heading to be traditional.
fn lixia_traditional() -> String {
    let map = [
        ('条', '條'),
        ('节', '節'),
        ('区', '區'),
        ('会', '會'),
        ('议', '議'),
        ('务', '務'),
        ('长', '長'),
        ('规', '規'),
        ('则', '則'),
        ('发', '發'),
        ('关', '關'),
        ('实', '實'),
        ('责', '責'),
        ('负', '負'),
    ];
    std::fs::read_to_string(seeds().join("lixia.txt"))
        .expect("lixia")
        .chars()
        .map(|c| map.iter().find(|(s, _)| *s == c).map_or(c, |(_, t)| *t))
        .collect()
}

/// Each document's id and article count, and the warnings, as `guize corpus --json` gives them.
fn article_counts(dir: &Path) -> (Vec<(String, u64)>, String) {
    let out = guize(dir)
        .args(["corpus", "--json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let counts = v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| {
            let id = d["id"].as_str().unwrap_or_default().to_string();
            (id, d["articles"].as_u64().unwrap_or(0))
        })
        .collect();
    (counts, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A regulation in traditional characters (第一條, 節) has its articles, as UTF-8 and as Big5 (the
/// latter with a warning naming the encoding): as many as the simplified text.
#[test]
fn traditional_headings_are_articles_in_utf8_and_big5() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(seeds().join("lixia.txt"), dir.path().join("lixia.txt")).expect("copy");
    let traditional = lixia_traditional();
    assert!(traditional.contains("第一條") && !traditional.contains("第一条"));
    std::fs::write(dir.path().join("fanti.txt"), &traditional).expect("write");
    // Characters Big5 lacks become numeric references; every heading character is in Big5.
    let (big5, _, _) = encoding_rs::BIG5.encode(&traditional);
    std::fs::write(dir.path().join("big5.txt"), &big5).expect("write");
    let (counts, err) = article_counts(dir.path());
    let of = |id: &str| {
        counts
            .iter()
            .find(|(d, _)| d == id)
            .map(|(_, n)| *n)
            .unwrap_or_else(|| panic!("{id} not loaded: {counts:?} {err}"))
    };
    assert_eq!(of("lixia"), 78);
    assert_eq!(of("fanti"), of("lixia"), "{err}");
    assert_eq!(of("big5"), of("lixia"), "{err}");
    assert!(err.contains("big5.txt") && err.contains("Big5"), "{err}");
}

/// (documents, articles) and the warnings `guize corpus --json` reports for `dir`.
fn corpus_counts(dir: &Path) -> (usize, usize, String) {
    let (counts, err) = article_counts(dir);
    let articles = counts.iter().map(|(_, n)| *n).sum::<u64>() as usize;
    (counts.len(), articles, err)
}

#[test]
fn what_guize_writes_into_the_corpus_folder_is_not_read_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(seeds().join("lixia.txt"), dir.path().join("lixia.txt")).expect("copy");
    let before = corpus_counts(dir.path());
    assert_eq!((before.0, before.1), (1, 78), "{}", before.2);
    let written: [&[&str]; 4] = [
        &["report", "-o", "r.html"],
        &["report", "-o", "r.md"],
        &["report", "-o", "r.docx"],
        &["compare", "lixia:39", "-o", "c.md"],
    ];
    for args in written {
        let out = guize(dir.path())
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Two editions' 对照表 in one folder: the same id twice, and neither is a regulation.
    let old = seeds().join("lixia.txt");
    for name in ["对照表.md", "对照表.html"] {
        let out = guize(dir.path())
            .current_dir(dir.path())
            .arg("versions")
            .arg(&old)
            .arg(&old)
            .args(["-o", name])
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let after = corpus_counts(dir.path());
    assert_eq!((after.0, after.1), (before.0, before.1), "{}", after.2);
    assert!(!after.2.contains("warning"), "{}", after.2);
}

/// 丁市's 第三条 (a reader's document): item （二） ends with a colon and sub-items `1.` `2.`
/// follow it, each a paragraph of its own. `items` keeps one list per paragraph, and the
/// sub-items are carried by their item, not left as items of nothing.
#[test]
fn sub_items_are_carried_by_their_item() {
    let dir = tempfile::tempdir().expect("temp dir");
    let from =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/blood-small/丁市献血管理条例.md");
    std::fs::copy(&from, dir.path().join("丁市献血管理条例.md")).expect("copy");
    let out = guize(dir.path())
        .arg("--index")
        .arg(dir.path().join(".idx"))
        .args(["articles", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let third: serde_json::Value = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .find(|v: &serde_json::Value| v["article"] == 3)
        .expect("第三条");
    let paragraphs = third["paragraphs"].as_array().expect("paragraphs");
    let items = third["items"].as_array().expect("items");
    assert_eq!(items.len(), paragraphs.len(), "{third}");
    let two = items[2][0].as_str().unwrap_or_default();
    assert!(two.starts_with("（二）献血者亲属"), "{third}");
    assert!(
        two.contains("\n1. 配偶、父母、子女")
            && two.ends_with("\n2. 兄弟姐妹免交不超过献血量一半的费用；"),
        "{third}"
    );
    assert_eq!(
        items[1][0],
        "（一）献血者本人终身免交临床用血费用，但应当出示献血证；"
    );
    assert_eq!(items[5][0], "（三）其他情形按照附表执行。");
    assert!(items[3].as_array().is_some_and(|l| l.is_empty()), "{third}");
}
