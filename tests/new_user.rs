//! A new user's and an adversarial tester's pass over the command line (the web pages' part is in
//! `tests/serve_forms.rs`): every subcommand's `--help`, the errors a user meets (bad paths, bad
//! citations, bad options), a corpus of odd files (terminal escapes, GBK, a renamed text file as
//! .docx and .pdf, random bytes, an empty file, a one-line file of 1.2 million characters (its search ran for
//! minutes while each occurrence of a word was checked against the whole article), a file
//! name with a newline), a closed pipe, concurrent first searches, a draft typed with
//! full-width digits and spaces, which precedent shows as typed, input that never ends
//! (`/dev/zero`, `yes |`), manifest aliases with escapes or nothing in them, `man -o -`, one
//! document saved twice, and a busy port.

mod cmd;
mod serve_common;
mod shared;

use cmd::{guize, guize_in, run, shipped};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

/// The shipped lixia beside odd files, each a case of its own.
fn odd_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::copy(shipped("lixia.txt"), d.join("lixia.txt")).expect("copy");
    let write = |name: &str, bytes: &[u8]| std::fs::write(d.join(name), bytes).expect("write");
    write(
        "esc.txt",
        "第一条 为了测试\u{1b}[31m红色\u{1b}]0;title\u{7}，制定本规定。\n第二条 本规定自发布之日起施行。\n"
            .as_bytes(),
    );
    // 第一条 区政府常务会议一般每月召开一次。 in GBK.
    let (gbk, _, _) = encoding_rs::GBK
        .encode("第一条 区政府防汛值班会议一般每月召开一次。\n第二条 本规则自发布之日起施行。\n");
    write("gbk.txt", &gbk);
    write("fake.docx", b"not a zip\n");
    write("fake.pdf", b"%PDF-1.4 garbage\n");
    let noise: Vec<u8> = (0..3000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    write("noise.txt", &noise);
    write("empty.md", b"");
    write(
        "huge.txt",
        format!("第一条 {}\n", "超长行".repeat(400_000)).as_bytes(),
    );
    write("a\nb.md", "第一条 换行文件名。\n".as_bytes());
    dir
}

/// One command of a case table: its arguments, exit code, and words its stdout and stderr hold.
struct Case {
    args: Vec<&'static str>,
    code: i32,
    stdout: &'static [&'static str],
    stderr: &'static [&'static str],
}

fn case(
    args: &[&'static str],
    code: i32,
    stdout: &'static [&'static str],
    stderr: &'static [&'static str],
) -> Case {
    Case {
        args: args.to_vec(),
        code,
        stdout,
        stderr,
    }
}

fn check(cases: &[Case], mut command: impl FnMut() -> assert_cmd::Command) {
    for c in cases {
        let (code, out, err) = run(command().args(&c.args));
        assert_eq!(code, Some(c.code), "{:?}: {out}\n{err}", c.args);
        for s in c.stdout {
            assert!(out.contains(s), "{:?}: stdout lacks {s:?}: {out}", c.args);
        }
        for s in c.stderr {
            assert!(err.contains(s), "{:?}: stderr lacks {s:?}: {err}", c.args);
        }
        assert!(!err.contains("panicked"), "{:?}: {err}", c.args);
        for ctl in ['\u{1b}', '\u{7}'] {
            assert!(
                !out.contains(ctl) && !err.contains(ctl),
                "{:?}: raw {ctl:?}",
                c.args
            );
        }
    }
}

#[test]
fn every_subcommand_has_help() {
    for sub in [
        "corpus",
        "show",
        "articles",
        "segment",
        "index",
        "search",
        "align",
        "compare",
        "report",
        "numbers",
        "precedent",
        "versions",
        "serve",
        "eval",
        "completions",
        "man",
    ] {
        let (code, out, _) = run(guize().args([sub, "--help"]));
        assert_eq!(code, Some(0), "{sub} --help");
        assert!(out.contains("Usage: guize"), "{sub}: {out}");
    }
}

/// `align --help` names every field a group of `align --json` has on the five (`partial` was
/// left out of it while every group carries one).
#[test]
fn align_help_names_every_field_of_a_group() {
    let (code, help, _) = run(guize().args(["align", "--help"]));
    assert_eq!(code, Some(0));
    let (code, out, err) = run(guize().args(["align", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    let json: Value = serde_json::from_str(&out).expect("align --json parses");
    let groups = json["groups"].as_array().expect("groups");
    assert!(!groups.is_empty());
    for g in groups {
        for key in g.as_object().expect("a group is an object").keys() {
            assert!(
                help.contains(&format!("\"{key}\"")),
                "align --help does not name {key:?}: {help}"
            );
        }
    }
}

#[test]
fn a_user_s_mistakes_are_said_with_the_exit_code_of_their_kind() {
    let missing = tempfile::tempdir().expect("temp dir");
    // Leaked: the case table holds `'static` strings.
    let nowhere: &'static str = missing
        .path()
        .join("nowhere")
        .to_str()
        .expect("UTF-8 path")
        .to_string()
        .leak();
    let file: &'static str = shipped("lixia.txt")
        .to_str()
        .expect("UTF-8 path")
        .to_string()
        .leak();
    let cases = [
        case(&["search", ""], 1, &[], &["nothing to search for"]),
        case(&["search", "，。"], 1, &[], &["only punctuation"]),
        case(&["search", "--limit", "0", "会议"], 2, &[], &["at least 1"]),
        case(&["search", "会议", "--doc", "nosuch"], 1, &[], &["nosuch"]),
        case(&["show"], 2, &[], &["<DOC>"]),
        case(&["show", "lixia", "200"], 1, &[], &["closest: 第七十八条"]),
        case(&["show", "lixa"], 1, &[], &["lixia"]),
        case(
            &["compare", "lixia:abc"],
            1,
            &[],
            &["an article is written"],
        ),
        case(
            &["compare", "lixia:39", "--base", "nowhere"],
            1,
            &[],
            &["unknown document 'nowhere'"],
        ),
        case(&["precedent", "--file", nowhere], 1, &[], &["cannot read"]),
        case(&["precedent", "——……"], 1, &[], &[]),
        case(&["versions", file, nowhere], 1, &[], &["nowhere"]),
        case(
            &["search", "lixia:39", "--limit", "1"],
            0,
            &["(cited)"],
            &[],
        ),
        case(
            &["compare", "历下区 第八章 第三十九条"],
            0,
            &["第三十九条"],
            &[],
        ),
    ];
    check(&cases, guize);
    // The corpus itself missing, or a file where a folder is wanted.
    let cases = [case(&["corpus"], 1, &[], &["cannot load corpus"])];
    check(&cases, || {
        let mut c = cmd::guize_in(Path::new(nowhere), missing.path());
        c.env("HOME", missing.path());
        c
    });
    let cases = [case(&["corpus"], 1, &[], &["is a file"])];
    check(&cases, || cmd::guize_in(Path::new(file), missing.path()));
}

#[test]
fn odd_files_cost_nothing_to_the_others() {
    let corpus = odd_corpus();
    let index = tempfile::tempdir().expect("temp dir");
    let cases = [
        case(
            &["corpus"],
            0,
            &["lixia", "esc", "gbk", "huge", "a␊b"],
            &[
                "fake.docx: not a readable DOCX",
                "fake.pdf: not a readable PDF",
                "noise.txt: binary file",
                "empty.md: empty file",
                "gbk.txt: not UTF-8",
            ],
        ),
        case(&["show", "esc", "1"], 0, &["␛[31m红色"], &[]),
        case(&["search", "红色", "--json"], 0, &["\\u001b[31m"], &[]),
        case(&["search", "红色"], 0, &["␛"], &[]),
        case(&["search", "防汛值班"], 0, &["gbk"], &[]),
        case(
            &["show", "gbk", "1"],
            0,
            &["区政府防汛值班会议"],
            &["GB18030"],
        ),
        case(&["search", "超长行", "--limit", "1"], 0, &["huge"], &[]),
        case(&["show", "a␊b", "1"], 0, &["换行文件名"], &[]),
        case(&["show", "a\nb", "1"], 0, &["换行文件名"], &[]),
        case(
            &["compare", "esc:1", "--format", "markdown"],
            0,
            &["␛"],
            &[],
        ),
        case(&["articles", "--doc", "esc"], 0, &["␇"], &[]),
    ];
    check(&cases, || guize_in(corpus.path(), index.path()));
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    for args in [
        &["articles", "--json"][..],
        &["report", "--format", "markdown", "-o", "-"],
        &["numbers"],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("guize"))
            .arg("--corpus")
            .arg(shipped(""))
            .arg("--index")
            .arg(cmd::index_dir())
            .args(args)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("one line");
        assert!(!first.is_empty(), "{args:?}");
        let out = child.wait_with_output().expect("waits");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !err.contains("Broken pipe") && !err.contains("panicked"),
            "{err}"
        );
    }
}

/// Processes that search a corpus at once, before its index exists: one builds, the others wait
/// for it; each says the corpus's warnings once (a process that waited said them twice: once
/// when it loaded the corpus, and again as the warnings of the walk that found the index fresh).
#[test]
fn concurrent_first_searches_say_each_warning_once() {
    let corpus = odd_corpus();
    std::fs::remove_file(corpus.path().join("huge.txt")).expect("remove");
    for round in 0..3 {
        let index = tempfile::tempdir().expect("temp dir");
        let children: Vec<_> = (0..3)
            .map(|_| {
                let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("guize"));
                c.arg("--corpus")
                    .arg(corpus.path())
                    .arg("--index")
                    .arg(index.path())
                    .args(["search", "会议"])
                    .env("NO_COLOR", "1")
                    .env_remove("GUIZE_CORPUS")
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawns")
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().expect("waits");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{err}");
            for file in ["fake.docx", "fake.pdf", "noise.txt", "empty.md"] {
                assert_eq!(
                    err.matches(&format!("{file}:")).count(),
                    1,
                    "round {round}: {file} said other than once:\n{err}"
                );
            }
        }
    }
}

fn precedent(draft: &str) -> (Value, String) {
    let (code, out, err) = run(guize().args(["precedent", draft, "--limit", "1", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let (code, text, err) = run(guize().args(["precedent", draft, "--limit", "1"]));
    assert_eq!(code, Some(0), "{err}");
    (json, text)
}

#[test]
fn a_draft_is_shown_as_typed() {
    for (draft, typed) in [
        (
            "区政府常务会议一般每两周召开１次。",
            "区政府常务会议一般每两周召开１次。",
        ),
        (
            "第一条 区政府常务会议 一般每月召开２次。",
            "区政府常务会议 一般每月召开２次。",
        ),
        (
            "  区政府常务会议提前 3 个工作日通知。 ",
            "区政府常务会议提前 3 个工作日通知。",
        ),
    ] {
        let (json, text) = precedent(draft);
        let piece = &json["pieces"][0];
        assert_eq!(piece["text"], typed, "{draft}");
        assert!(
            text.lines().next().is_some_and(
                |l| l.starts_with("Draft piece 1 of 1") && l.ends_with(&format!(": {typed}"))
            ),
            "{draft}: {text}"
        );
        let hit = &piece["hits"][0];
        assert_eq!(
            cmd::base_side(&hit["segments"]),
            typed,
            "{draft}: the draft's side"
        );
        let shown = cmd::own_side(&hit["segments"]);
        let article = match hit["passage"].as_str() {
            Some(p) => p.to_string(),
            None => {
                let (_, out, _) = run(guize().args([
                    "show",
                    hit["doc"].as_str().expect("doc"),
                    &hit["article"].to_string(),
                    "--json",
                ]));
                let a: Value = serde_json::from_str(&out).expect("JSON");
                a["text"].as_str().expect("text").to_string()
            }
        };
        assert_eq!(shown, article, "{draft}: the precedent's side");
    }
}

/// Two one-line articles of `chars` characters full of figures (每月召开2次 against 3次), beside
/// the shipped lixia.
fn long_figured_lines(chars: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::copy(shipped("lixia.txt"), d.join("lixia.txt")).expect("copy");
    let line = |times: &str| -> String {
        format!("区政府常务会议一般每月召开{times}次，提前3个工作日通知。")
            .repeat(chars / 25 + 1)
            .chars()
            .take(chars)
            .collect()
    };
    for (name, times) in [("huge", "2"), ("huge2", "3")] {
        std::fs::write(
            d.join(format!("{name}.txt")),
            format!("第一条 {}\n第二条 本规定自发布之日起施行。\n", line(times)),
        )
        .expect("write");
    }
    dir
}

/// A folder holding lawrefbook's 刑法 as `刑法.md`: a code with parts (编), chapters numbered
/// again in each, sections, and a note of deletion.
fn criminal_code() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        shared::path("corpora/lawrefbook/刑法/刑法.md"),
        dir.path().join("刑法.md"),
    )
    .expect("copy");
    dir
}

/// Every stage over one-line articles of 40,000 characters and 3,000 figures each (the figures'
/// table once copied the whole line before each figure and tested each against every edge of
/// the line: quadratic, 45 s at 120,000 characters). A regression fails on the process's time
/// limit instead of hanging the run.
#[test]
fn long_lines_full_of_figures_pass_every_stage() {
    let corpus = long_figured_lines(40_000);
    let index = tempfile::tempdir().expect("temp dir");
    let limit = std::time::Duration::from_secs(600);
    let ok = |args: &[&str]| -> String {
        let (code, out, err) = run(guize_in(corpus.path(), index.path())
            .args(args)
            .timeout(limit));
        assert_eq!(code, Some(0), "{args:?}: {err}");
        out
    };
    ok(&["align"]);
    let numbers = ok(&["numbers"]);
    assert!(
        numbers.contains("一般每月召开2次") && numbers.contains("一般每月召开3次"),
        "{numbers}"
    );
    let compared: Value =
        serde_json::from_str(&ok(&["compare", "huge:1", "--json"])).expect("JSON");
    assert_eq!(compared["base"]["doc"], "huge", "{compared}");
    for format in ["html", "markdown", "json"] {
        let report = ok(&["report", "--format", format, "-o", "-"]);
        assert!(report.contains("huge2"), "report --format {format}");
    }
    let shown: Value = serde_json::from_str(&ok(&["show", "huge", "1", "--json"])).expect("JSON");
    assert_eq!(
        shown["text"].as_str().map(|t| t.chars().count()),
        Some(40_000)
    );
    let versions = ok(&["versions", "huge", "huge2"]);
    assert!(versions.contains("1 unchanged, 1 modified"), "{versions}");
    let page = ok(&["versions", "huge", "huge2", "--format", "html"]);
    assert!(
        page.contains("<ins>3</ins>") || page.contains("<mark>3"),
        "versions html"
    );
}

/// Figures pair across documents by their words, once per distinct wording: two one-line
/// articles of 8,000 figures each (100,000 characters, every figure in a group with the other
/// article's) once took time growing with the square of the figures. The table is the one a
/// short line gives: each figure shown once beside the other article's, the frequencies
/// differing, the notice periods agreeing. A regression fails on the process's time limit.
#[test]
fn thousands_of_figures_in_one_group_pair_once_each() {
    let corpus = long_figured_lines(100_000);
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize_in(corpus.path(), index.path())
        .arg("numbers")
        .timeout(std::time::Duration::from_secs(600)));
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    let huge: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.trim_start().starts_with("huge"))
        .collect();
    assert_eq!(huge.len(), 4, "each figure once: {out}");
    let row = |head: &str| -> Vec<&str> {
        lines
            .iter()
            .skip_while(|l| !l.starts_with(head))
            .skip(1)
            .take_while(|l| !l.is_empty())
            .copied()
            .collect()
    };
    let frequency = row("常务会议·召开频次");
    assert!(
        frequency
            .iter()
            .any(|l| l.contains("huge2") && l.ends_with("3次/月 *")),
        "{out}"
    );
    assert!(
        frequency
            .iter()
            .any(|l| l.contains("huge ") && l.ends_with("2次/月")),
        "{out}"
    );
    // The two long lines' notice periods, one line each (历下 第三十九条, in their group, sets
    // none: it may follow as 未规定).
    let notice: Vec<&str> = row("常务会议·提前时限")
        .into_iter()
        .filter(|l| l.trim_start().starts_with("huge"))
        .collect();
    assert_eq!(notice.len(), 2, "{out}");
    assert!(
        notice
            .iter()
            .all(|l| l.contains("提前3个工作日") && !l.ends_with('*')),
        "{out}"
    );
}

/// Input a user hands over that never ends (`/dev/zero`, `yes |`) or is larger than any
/// regulation: a clear error after 16 MB, where `precedent --file /dev/zero` once read until
/// memory ran out, and `versions` of a 62 MB file took 11 GB and more than a minute.
#[cfg(unix)]
#[test]
fn endless_or_huge_input_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("temp dir");
    let huge = dir.path().join("huge.txt");
    // Sparse: 20 MB on paper, nothing on disk.
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(20 << 20))
        .expect("huge file");
    let huge: &'static str = huge.to_str().expect("UTF-8").to_string().leak();
    let lixia: &'static str = shipped("lixia.txt")
        .to_str()
        .expect("UTF-8 path")
        .to_string()
        .leak();
    let limit = std::time::Duration::from_secs(120);
    let cases = [
        case(
            &["precedent", "--file", "/dev/zero"],
            1,
            &[],
            &["/dev/zero: more than 16 MB"],
        ),
        case(
            &["eval", "align", "--gold", "/dev/zero"],
            1,
            &[],
            &["/dev/zero: more than 16 MB"],
        ),
        case(
            &["eval", "search", "--gold", "/dev/zero"],
            1,
            &[],
            &["/dev/zero: more than 16 MB"],
        ),
        case(
            &["versions", huge, lixia],
            1,
            &[],
            &["21.0 MB, larger than"],
        ),
        case(
            &["precedent", "--file", huge],
            1,
            &[],
            &["21.0 MB, larger than"],
        ),
    ];
    check(&cases, || {
        let mut c = guize();
        c.timeout(limit);
        c
    });
    for args in [&["segment"][..], &["precedent", "-"]] {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("guize"))
            .arg("--corpus")
            .arg(shipped(""))
            .arg("--index")
            .arg(cmd::index_dir())
            .args(args)
            .stdin(std::fs::File::open("/dev/zero").expect("/dev/zero"))
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("more than 16 MB"), "{args:?}: {err}");
    }
}

/// Aliases of the manifest are names a user types: one with a control character is found by the
/// character or its visible sign (as a file name's id is), one with outer blanks or a zero-width
/// space by its letters, and an empty one is said and ignored (the escaped alias once matched
/// neither form).
#[test]
fn manifest_aliases_are_read_as_typed_names_are() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::copy(shipped("lixia.txt"), d.join("lixia.txt")).expect("copy");
    std::fs::copy(shipped("shizhong.txt"), d.join("shizhong.txt")).expect("copy");
    std::fs::write(
        d.join("manifest.json"),
        r#"{"documents": {"lixia": {"aliases": ["", "\u001b[31m红", " 历\u200b下 "]}}}"#,
    )
    .expect("manifest");
    let index = tempfile::tempdir().expect("temp dir");
    let cases = [
        case(
            &["show", "\u{1b}[31m红", "39"],
            0,
            &["第三十九条"],
            &["alias '' of 'lixia' is empty"],
        ),
        case(&["show", "␛[31m红", "39"], 0, &["第三十九条"], &[]),
        case(&["show", "历下", "39"], 0, &["第三十九条"], &[]),
        case(&["corpus", "--json"], 0, &["\"␛[31m红\""], &[]),
    ];
    check(&cases, || guize_in(d, index.path()));
}

/// `guize man -o` takes `-o` as every other command does: `-` is standard output (it once wrote
/// a file named `-`), and a file in a folder that does not exist is said as such (it was `No such
/// file or directory`).
#[test]
fn man_dash_o_is_the_dash_o_of_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize().current_dir(dir.path()).args(["man", "-o", "-"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains(".TH guize 1"), "{out}");
    assert!(!dir.path().join("-").exists(), "a file named - was written");
    let (code, _, err) = run(guize().current_dir(dir.path()).args([
        "man",
        "search",
        "-o",
        "nowhere/guize-search.1",
    ]));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("the folder nowhere does not exist"), "{err}");
    let (code, _, err) = run(guize()
        .current_dir(dir.path())
        .args(["man", "search", "-o", "page.1"]));
    assert_eq!(code, Some(0), "{err}");
    let page = std::fs::read_to_string(dir.path().join("page.1")).expect("page written");
    assert!(page.contains(".TH guize-search 1"), "{page}");
}

/// One regulation saved twice (lawrefbook files 反电信网络诈骗法, 居民身份证法 and 职业病防治法 under
/// two folders each): both load, and the second says it is the first's bytes, instead of every
/// search and group showing the law twice without a word.
#[test]
fn a_document_saved_twice_is_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::create_dir(d.join("b")).expect("mkdir");
    std::fs::copy(shipped("lixia.txt"), d.join("lixia.txt")).expect("copy");
    std::fs::copy(shipped("lixia.txt"), d.join("b/lixia.txt")).expect("copy");
    std::fs::copy(shipped("shizhong.txt"), d.join("shizhong.txt")).expect("copy");
    let index = tempfile::tempdir().expect("temp dir");
    let cases = [
        case(
            &["corpus"],
            0,
            &["b/lixia", "shizhong"],
            &[
                "lixia.txt: the same bytes as b/lixia.txt: one regulation read twice (as b/lixia and lixia)",
            ],
        ),
        case(&["show", "b/lixia", "39"], 0, &["第三十九条"], &[]),
    ];
    check(&cases, || guize_in(d, index.path()));
    let (_, _, err) = run(guize_in(d, index.path()).arg("corpus"));
    assert!(!err.contains("shizhong.txt: the same"), "{err}");
}

/// One regulation as a PDF and as the text it was printed from (two files of other bytes, the same
/// title and articles): the second says it is the first's text, naming both files, instead of two
/// columns `#1` and `#2` aligned against each other without a word. A different regulation
/// beside them is not said to be one.
#[test]
fn a_document_as_pdf_and_as_text_is_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/docs");
    std::fs::copy(docs.join("fazhi.pdf"), d.join("fazhi.pdf")).expect("copy");
    std::fs::copy(docs.join("fazhi.md"), d.join("fazhi-copy.md")).expect("copy");
    std::fs::copy(docs.join("peichang.md"), d.join("peichang.md")).expect("copy");
    let index = tempfile::tempdir().expect("temp dir");
    let (code, _, err) = run(guize_in(d, index.path()).arg("corpus"));
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("fazhi.pdf: the same title and text as fazhi-copy.md, in another file")
            && err.contains("(as fazhi-copy and fazhi)"),
        "{err}"
    );
    assert!(!err.contains("peichang.md: the same"), "{err}");
}

/// A busy port says what to do next (it said only `Address already in use`), before any work.
#[test]
fn a_busy_port_says_how_to_pick_another() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = taken.local_addr().expect("address").port().to_string();
    let (code, out, err) = run(guize()
        .args(["serve", "--port", &port])
        .timeout(std::time::Duration::from_secs(120)));
    assert_eq!(code, Some(1), "{out}\n{err}");
    assert!(
        err.contains("the port is in use") && err.contains("--port 0 for a free one"),
        "{err}"
    );
}

/// A long draft against a corpus holding a one-line article of 400,000 characters (the five's
/// texts run together, a sentence of its own in the middle): every piece of the draft met the
/// long article, and each scored every run of its clauses by a profile of its own and cut and
/// diffed the whole article again (a draft of 1,000 characters took over two minutes). The run
/// finishes, and the planted sentence finds its passage.
#[test]
fn a_long_draft_against_a_long_line_finds_its_passage() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::copy(shipped("lixia.txt"), d.join("lixia.txt")).expect("copy");
    let planted = "区政府应急物资储备库每年盘点两次，盘点结果报区应急管理局备案。";
    let five: String = ["lixia", "shizhong", "yanzhou", "zhoucun", "huancui"]
        .iter()
        .map(|n| std::fs::read_to_string(shipped(&format!("{n}.txt"))).expect("read"))
        .flat_map(|t| t.lines().map(str::to_string).collect::<Vec<_>>())
        .collect();
    let half: String = five.chars().cycle().take(200_000).collect();
    std::fs::write(
        d.join("huge.txt"),
        format!("第一条 {half}{planted}{half}\n第二条 本规定自发布之日起施行。\n"),
    )
    .expect("write");
    // The whole of lixia (78 articles, 14,000 characters), then one article more.
    let mut draft = std::fs::read_to_string(shipped("lixia.txt")).expect("read");
    draft.push_str(&format!("\n第七十九条 {planted}\n"));
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize_in(d, index.path())
        .args(["precedent", "-", "--limit", "1", "--json"])
        .write_stdin(draft)
        .timeout(std::time::Duration::from_secs(600)));
    assert_eq!(code, Some(0), "{err}");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let pieces = json["pieces"].as_array().expect("pieces");
    assert!(pieces.len() > 50, "{} pieces", pieces.len());
    let piece = pieces
        .iter()
        .find(|p| p["text"].as_str().is_some_and(|t| t.contains(planted)))
        .expect("the planted sentence's piece");
    assert_eq!(piece["text"], planted);
    let hit = &piece["hits"][0];
    assert_eq!(hit["doc"], "huge", "{hit}");
    assert_eq!(hit["passage"], planted, "{hit}");
}

/// `guize versions` of a one-article file of 14 MB (just under the cap) against a copy with four
/// characters inserted: every figure the diff marked held its paragraph's last 6,000 bytes until
/// all were read, 1.1 GB for the line's 190,000 figures (1.8 GB at the peak); then jieba cut the
/// whole line at once (261 MB in its token vector, 540 MB at the peak). Run under a 580 MB
/// address-space limit (the binary of before the cut by pieces needs 640 MB, this one 520 MB), it
/// finishes and says the one article is modified.
#[test]
fn versions_of_a_long_line_stays_near_its_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let sentence = "区政府常务会议一般每月召开两次，由区长召集和主持。";
    let body = sentence.repeat(14_000_000 / sentence.len());
    let half = body.len() / 2 / sentence.len() * sentence.len();
    std::fs::write(d.join("old.txt"), format!("第一条 {body}\n")).expect("write");
    std::fs::write(
        d.join("new.txt"),
        format!("第一条 {}新增内容{}\n", &body[..half], &body[half..]),
    )
    .expect("write");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 580000 && exec \"$0\" versions old.txt new.txt --changed-only")
        .arg(assert_cmd::cargo::cargo_bin("guize"))
        .current_dir(d)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        &err[..err.len().min(2_000)]
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("1 → 1 articles: 0 unchanged, 1 modified"),
        "{}",
        &text[..text.len().min(2_000)]
    );
    assert!(text.contains("新增内容"), "the insertion is shown");
}

/// An article head before the body (a `第三条 …` line above 第一章 and 第一条) is left in the
/// preamble: silently before, now the load warning names the file, the line and the first article
/// read.
#[test]
fn a_head_before_the_body_is_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::write(
        d.join("early.txt"),
        "某某管理办法\n第三条 第三条内容。\n第一章 总则\n第一条 为了加强管理，制定本办法。\n\
         第二条 本办法适用于本区。\n第三条 本办法自发布之日起施行。\n",
    )
    .expect("write");
    std::fs::copy(shipped("lixia.txt"), d.join("lixia.txt")).expect("copy");
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize_in(d, index.path()).args(["show", "early"]));
    assert_eq!(code, Some(0), "{out}\n{err}");
    assert!(out.contains("第一条–第三条"), "{out}");
    assert!(
        out.contains("early.txt:2: 第三条 stands before the first article read (第一条, line 4)"),
        "{out}"
    );
    assert!(out.contains("left in the preamble"), "{out}");
    // The load warning says it too; lixia opens with its title and 第一章: nothing said of it.
    let (_, _, err) = run(guize_in(d, index.path()).arg("corpus"));
    assert!(err.contains("early.txt:2: 第三条 stands before"), "{err}");
    assert!(!err.contains("lixia.txt"), "{err}");
}

/// A piece whose best precedent is a whole long article (a line repeating one sentence, so that
/// no passage wins) printed the whole article in its diff: 1.2 MB per piece. The diff now shows a
/// bounded window from the start of the sentence of the first shared word, and says where it lies
/// in the article.
#[test]
fn a_whole_long_article_is_shown_in_a_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::copy(shipped("lixia.txt"), d.join("lixia.txt")).expect("copy");
    let sentence = "区政府常务会议一般每月召开2次，提前3个工作日通知。";
    let line = sentence.repeat(400_000 / sentence.chars().count());
    std::fs::write(d.join("huge.txt"), format!("第一条 {line}\n")).expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize_in(d, index.path())
        .args(["precedent", "-", "--json"])
        .write_stdin(format!(
            "第一条 {sentence}\n第二条 区长办公会议每周召开一次。\n"
        ))
        .timeout(std::time::Duration::from_secs(600)));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.len() < 200_000, "{} bytes of JSON", out.len());
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let hit = &json["pieces"][0]["hits"][0];
    assert_eq!(hit["doc"], "huge", "{hit}");
    let window = &hit["window"];
    assert_eq!(window["start"], 0, "{hit}");
    assert_eq!(window["end"], 5_000, "{hit}");
    assert_eq!(window["of"], line.chars().count(), "{hit}");
    let shown = side_of(&hit["segments"], "delete");
    assert_eq!(shown.chars().count(), 5_000);
    assert!(line.starts_with(&shown));
    assert_eq!(hit["passage"].as_str(), Some(shown.as_str()));
    // The draft rebuilds from its side of the diff.
    let draft = side_of(&hit["segments"], "insert");
    assert_eq!(draft, sentence);
    let (code, out, _) = run(guize_in(d, index.path())
        .args(["precedent", "-"])
        .write_stdin(format!("第一条 {sentence}\n")));
    assert_eq!(code, Some(0));
    assert!(
        out.contains("(characters 1–5000 of the article's"),
        "{}",
        &out[..out.len().min(3_000)]
    );
    // A draft whose first word shared with the article stands inside a sentence (提前 is 16
    // characters into it): the window opens at that sentence's start, not at the word.
    let mid = "提前3个工作日通知。区政府常务会议一般每月召开2次，";
    let (code, out, err) = run(guize_in(d, index.path())
        .args(["precedent", "-", "--json"])
        .write_stdin(format!("第一条 {mid}\n")));
    assert_eq!(code, Some(0), "{err}");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let hit = &json["pieces"][0]["hits"][0];
    assert_eq!(hit["doc"], "huge", "{hit}");
    let window = &hit["window"];
    assert_eq!(window["start"], 0, "{hit}");
    assert_eq!(window["end"], 5_000, "{hit}");
    let shown = side_of(&hit["segments"], "delete");
    assert!(line.starts_with(&shown));
    assert!(shown.starts_with(sentence), "{}", &shown[..120]);
    assert_eq!(side_of(&hit["segments"], "insert"), mid);
}

/// One side of a JSON diff: the text of every segment whose op is not `skip` (`"delete"` gives
/// the precedent's side, `"insert"` the draft's).
fn side_of(segments: &Value, skip: &str) -> String {
    segments
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["op"] != skip)
        .filter_map(|s| s["text"].as_str())
        .collect()
}

/// A citation with a second colon (`lixia:39:40`) was read as article 40 of a document
/// `lixia:39`, and one without its document (`:39`) as article 39 of the document ``: both said
/// `unknown document`, leaving the user to guess. The first now says a list is not read, and the
/// second names the documents that have such an article.
#[test]
fn a_citation_with_two_colons_or_none_before_says_what_is_wrong() {
    check(
        &[
            case(
                &["compare", "lixia:39:40"],
                1,
                &[],
                &[
                    "lixia has no article '39:40'",
                    "a range or a list is not read",
                ],
            ),
            case(
                &["compare", "历下：39：40"],
                1,
                &[],
                &["a range or a list is not read"],
            ),
            case(&["show", "lixia", "39:40"], 1, &[], &["a range or a list"]),
            case(
                &["compare", ":39"],
                1,
                &[],
                &[
                    "':39' names an article but no document",
                    "历下区 第三十九条",
                ],
            ),
            case(
                &["compare", "：39"],
                1,
                &[],
                &["names an article but no document"],
            ),
            // An unknown document before two colons is still an unknown document.
            case(&["compare", "nosuch:39:40"], 1, &[], &["unknown document"]),
            case(&["compare", "lixia:39"], 0, &["区政府常务会议"], &[]),
        ],
        guize,
    );
}

/// The matters only one document has were listed in the table's order of groups, which the other
/// documents set: on the four 教育督导条例 a researcher read zhejiang's as 22, 13, 14, 15, 10, 25.
/// Each document's list, in `align` and in the report, is now in its own article order.
#[test]
fn one_document_s_own_matters_are_in_its_article_order() {
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/alignment-dev-inspection.json"),
        )
        .expect("gold"),
    )
    .expect("gold JSON");
    let sources: std::collections::BTreeMap<String, String> =
        serde_json::from_value(gold["sources"].clone()).expect("sources");
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    shared::copy_sources(&sources, &corpus);
    let index = tempfile::tempdir().expect("temp dir");

    let (code, out, err) = run(guize_in(&corpus, index.path()).arg("align"));
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("matters only one document has"))
        .skip(1)
        .collect();
    assert_eq!(lines.len(), 4, "{out}");
    let mut longest = 0;
    for line in lines {
        let (_, list) = line.split_once("): ").expect("a document's list");
        let firsts: Vec<u32> = list
            .split("; ")
            .map(|item| {
                let cell = item.split(' ').next().unwrap_or_default();
                let first = cell.split([',', '-']).next().unwrap_or_default();
                first.parse().unwrap_or_else(|_| panic!("{item}"))
            })
            .collect();
        assert!(firsts.windows(2).all(|w| w[0] < w[1]), "{line}");
        longest = longest.max(firsts.len());
    }
    assert!(longest >= 4, "{out}");

    let (code, out, err) =
        run(guize_in(&corpus, index.path()).args(["report", "--format", "json", "-o", "-"]));
    assert_eq!(code, Some(0), "{err}");
    let report: Value = serde_json::from_str(&out).expect("report JSON");
    let unique = report["unique"].as_object().expect("unique by document");
    assert_eq!(unique.len(), 4, "{unique:?}");
    for (doc, items) in unique {
        let firsts: Vec<u64> = items
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["articles"][0].as_u64().expect("an article number"))
            .collect();
        assert!(firsts.windows(2).all(|w| w[0] < w[1]), "{doc}: {firsts:?}");
    }
}

/// A report over 3,000 short documents wrote a similarity grid of every pair: 9 million cells,
/// 766 MB of HTML, 31 s and 3.7 GB. Past 40 documents the grid is replaced by each document's
/// three closest (in HTML, Markdown and Word); the JSON report keeps every pair.
#[test]
fn a_report_over_many_documents_lists_the_closest_instead_of_a_grid() {
    // Titles of one matter (物业管理, after the place 第N号市): one kind, one report of 45.
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let n = 45;
    for i in 0..n {
        std::fs::write(
            d.join(format!("f{i:02}.txt")),
            format!(
                "第{i}号市物业管理办法\n第一条 为了管理第{i}类事项，制定本办法。\n第二条 本办法自发布之日起施行。\n"
            ),
        )
        .expect("write");
    }
    let index = tempfile::tempdir().expect("temp dir");
    let (code, html, err) =
        run(guize_in(d, index.path()).args(["report", "--format", "html", "-o", "-"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(!html.contains("class=\"heatmap\""), "a grid of {n}×{n}");
    assert!(
        html.contains("45 documents are too many for a grid of every pair (2025 cells)"),
        "{html}"
    );
    // Each document's row names three others with their similarity (all 45 are as close: which
    // three a tie names is not asserted).
    let row = html
        .split("<tr><th>第1号市物业管理办法</th><td>")
        .nth(1)
        .and_then(|rest| rest.split("</td>").next())
        .expect("a row for 第1号市物业管理办法");
    let closest: Vec<&str> = row.split("; ").collect();
    assert_eq!(closest.len(), 3, "each document's three closest: {row}");
    for c in &closest {
        assert!(
            c.starts_with('第') && c.ends_with('%') && !c.starts_with("第1号市物业管理办法 "),
            "{row}"
        );
    }
    let (code, md, err) =
        run(guize_in(d, index.path()).args(["report", "--format", "markdown", "-o", "-"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(md.contains("| Document | Closest |"), "{md}");
    assert_eq!(
        md.lines().filter(|l| l.starts_with("| **第")).count(),
        n,
        "one row per document"
    );
    let (code, json, err) =
        run(guize_in(d, index.path()).args(["report", "--format", "json", "-o", "-"]));
    assert_eq!(code, Some(0), "{err}");
    let report: Value = serde_json::from_str(&json).expect("report JSON");
    let similarity = report["similarity"].as_array().expect("the matrix");
    assert_eq!(similarity.len(), n, "every pair stays in JSON");
}

/// A file that skips numbers (第一条, 第三条, or 第一条, 第五条) was said to have its articles
/// "out of order", which left the reader to look for a swapped pair; the warning now names the
/// articles missing.
#[test]
fn a_skipped_article_number_names_what_is_missing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::write(
        d.join("gap.txt"),
        "缺号管理办法\n第一条 第一。\n第三条 第三。\n第四条 第四。\n第八条 第八。\n第七条 第七。\n",
    )
    .expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    let (code, _, err) = run(guize_in(d, index.path()).args(["corpus", "--warnings"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("gap.txt:3: 第三条 follows 第一条: article numbering skips 第二条"),
        "{err}"
    );
    assert!(
        err.contains("gap.txt:5: 第八条 follows 第四条: article numbering skips 第五条–第七条"),
        "{err}"
    );
    // A number that goes back is out of order, with nothing said missing.
    assert!(
        err.contains("gap.txt:6: 第七条 follows 第八条: article numbers out of order\n"),
        "{err}"
    );
}

/// A named pipe given as the corpus was called "a file" to put in a folder; it is said to be a
/// pipe, by `corpus` and by a search alike, never read (which would wait for a writer).
#[cfg(unix)]
#[test]
fn a_pipe_as_the_corpus_is_said_to_be_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let index = tempfile::tempdir().expect("temp dir");
    for args in [&["corpus"][..], &["search", "会议"][..]] {
        let (code, out, err) = run(guize_in(&fifo, index.path()).args(args));
        assert_eq!(code, Some(1), "{args:?}: {out}\n{err}");
        assert!(
            err.contains("is not a folder but a pipe, device or socket"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("is a file"), "{args:?}: {err}");
    }
}

/// Files of lawrefbook's `DLC` folder (each `(folder, file)`) in a fresh corpus folder.
fn lawrefbook_corpus(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (folder, name) in files {
        std::fs::copy(
            shared::path(&format!("corpora/lawrefbook/DLC/{folder}/{name}")),
            dir.path().join(name),
        )
        .expect("copy a lawrefbook file");
    }
    dir
}

/// Two city regulations of lawrefbook, whose ids carry their date in brackets, in a fresh
/// corpus folder.
fn greening_corpus() -> tempfile::TempDir {
    let zhejiang = "浙江地方法规/地方性法规/浙江";
    lawrefbook_corpus(&[
        (zhejiang, "宁波市城市绿化条例(2017-12-18).md"),
        (zhejiang, "舟山市城市绿化条例(2018-04-16).md"),
    ])
}

#[test]
fn a_name_typed_with_full_width_brackets_or_traditional_characters_finds_its_document() {
    let corpus = greening_corpus();
    let index = tempfile::tempdir().expect("temp dir");
    // A Chinese input method types the brackets of `(2017-12-18)` full-width.
    let typed = "宁波市城市绿化条例（2017-12-18）";
    let (code, out, err) = run(guize_in(corpus.path(), index.path()).args(["show", typed, "7"]));
    assert_eq!(code, Some(0), "{out}\n{err}");
    assert!(
        out.starts_with("宁波市城市绿化条例 第二章 绿化指标 第七条"),
        "{out}"
    );
    for reference in [
        format!("{typed}:7"),
        format!("{typed}：7"),
        format!("{typed} 7"),
        format!("{typed}第七条"),
        "寧波市城市綠化條例:7".to_string(),
    ] {
        let (code, out, err) = run(guize_in(corpus.path(), index.path()).args([
            "compare",
            reference.as_str(),
            "--json",
        ]));
        assert_eq!(code, Some(0), "{reference}: {out}\n{err}");
        let v: Value = serde_json::from_str(&out).expect("compare --json");
        let ningbo = v["columns"].as_array().expect("columns").iter().any(|c| {
            c["doc"] == "宁波市城市绿化条例(2017-12-18)"
                && c["articles"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|n| n == 7))
        });
        assert!(ningbo, "{reference}: {out}");
    }
    let (code, out, err) =
        run(guize_in(corpus.path(), index.path()).args(["search", "--doc", "寧波", "绿地率"]));
    assert_eq!(code, Some(0), "{out}\n{err}");
    assert!(
        out.contains("宁波市城市绿化条例") && !out.contains("舟山"),
        "{out}"
    );
    // Folding never makes a name that fits nothing fit something.
    let (code, _, err) = run(guize_in(corpus.path(), index.path()).args(["show", "（温州）", "7"]));
    assert_eq!(code, Some(1));
    assert!(err.contains("unknown document '（温州）'"), "{err}");
}

#[test]
fn every_numeric_option_says_its_range_for_negative_and_non_numbers() {
    // (arguments, the range the message must name); `-1` must not be taken for an option, with
    // clap's advice to write `-- -1`, which ends the options instead.
    let cases: [(&[&str], &str); 9] = [
        (&["search", "--limit", "-5", "会议"], "from 1 to 1000000"),
        (&["search", "--limit", "NaN", "会议"], "from 1 to 1000000"),
        (
            &["compare", "lixia:39", "--width", "-1"],
            "from 20 to 65535",
        ),
        (
            &["compare", "lixia:39", "--width", "NaN"],
            "from 20 to 65535",
        ),
        (
            &["compare", "lixia:39", "--width", "2.5"],
            "from 20 to 65535",
        ),
        (&["precedent", "--limit", "-3", "会议"], "from 1 to 100"),
        (&["precedent", "--limit", "1e3", "会议"], "from 1 to 100"),
        (&["serve", "--port", "-1"], "from 0 to 65535"),
        (&["serve", "--port", "abc"], "from 0 to 65535"),
    ];
    for (args, range) in cases {
        let (code, out, err) = run(guize().args(args));
        assert_eq!(code, Some(2), "{args:?}: {out}\n{err}");
        assert!(
            err.contains(&format!("a whole number {range}")),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains("-- -") && !err.contains("invalid digit"),
            "{args:?}: {err}"
        );
    }
    let (_, _, err) = run(guize().args(["compare", "lixia:39", "--width", "-1"]));
    assert!(err.contains("-1 is negative"), "{err}");
}

#[test]
fn a_request_body_that_never_finishes_arriving_is_answered_408() {
    use std::io::{Read, Write};
    use std::time::{Duration, Instant};
    let mut site = serve_common::site_of(&serve_common::corpus_dir(), &serve_common::index_dir());
    site.limits.timeout = Duration::from_secs(1);
    let base = serve_common::spawn(guize::serve::router(std::sync::Arc::new(site)));
    let addr = base.trim_start_matches("http://").to_string();
    let send = |path: &str, content_type: &str, length: usize, body: &str| {
        let mut s = std::net::TcpStream::connect(&addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(30)))
            .expect("read timeout");
        write!(
            s,
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {content_type}\r\n\
             Content-Length: {length}\r\n\r\n{body}"
        )
        .expect("write");
        let start = Instant::now();
        let mut answer = Vec::new();
        // The connection stays open for keep-alive: read until the answer's body is in.
        let mut buf = [0u8; 65536];
        while let Ok(n) = s.read(&mut buf) {
            if n == 0 {
                break;
            }
            answer.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&answer);
            if text.contains("}") || text.contains("</html>") {
                break;
            }
        }
        (
            String::from_utf8_lossy(&answer).into_owned(),
            start.elapsed(),
        )
    };
    let draft = r#"{"text":"区政府常务会议一般每两周召开1次"}"#;
    // A body shorter than its Content-Length, then silence: 408 after the timeout.
    for (path, kind) in [
        ("/api/precedent", "application/json"),
        ("/precedent", "application/x-www-form-urlencoded"),
    ] {
        let (answer, waited) = send(path, kind, draft.len() + 100, draft);
        assert!(answer.starts_with("HTTP/1.1 408"), "{path}: {answer}");
        assert!(
            answer.contains("did not all arrive within 1 s"),
            "{path}: {answer}"
        );
        assert!(waited < Duration::from_secs(20), "{path}: {waited:?}");
    }
    // A whole body is answered as before.
    let (answer, _) = send("/api/precedent", "application/json", draft.len(), draft);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"pieces\""), "{answer}");
}

#[test]
fn a_regulation_written_backwards_keeps_every_article_and_says_so_once() {
    // 宁波市城市绿化条例's eighteen articles, last first: the numbering runs down to 第二条, then
    // 第一条, which is the last article of this text, not the first of a second regulation.
    let corpus = greening_corpus();
    let source = std::fs::read_to_string(corpus.path().join("宁波市城市绿化条例(2017-12-18).md"))
        .expect("read");
    let articles: Vec<&str> = source
        .lines()
        .filter(|l| l.starts_with('第') && l.contains("条 "))
        .collect();
    assert_eq!(articles.len(), 18);
    let backwards: Vec<&str> = articles.iter().rev().copied().collect();
    std::fs::write(
        corpus.path().join("backwards.md"),
        format!("# 宁波市城市绿化条例\n\n{}\n", backwards.join("\n\n")),
    )
    .expect("write");
    // Two regulations pasted one after the other: the second is still said and left out.
    let twice: Vec<&str> = articles[..5]
        .iter()
        .chain(&articles[..1])
        .copied()
        .collect();
    std::fs::write(
        corpus.path().join("twice.md"),
        format!("# 宁波市城市绿化条例\n\n{}\n", twice.join("\n\n")),
    )
    .expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) =
        run(guize_in(corpus.path(), index.path()).args(["corpus", "--warnings", "--json"]));
    assert_eq!(code, Some(0), "{out}\n{err}");
    let v: Value = serde_json::from_str(&out).expect("corpus --json");
    let articles_of = |id: &str| {
        v["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .find(|d| d["id"] == id)
            .and_then(|d| d["articles"].as_u64())
    };
    assert_eq!(articles_of("backwards"), Some(18), "{out}");
    assert_eq!(articles_of("twice"), Some(5), "{out}");
    let said: Vec<&str> = err.lines().filter(|l| l.contains("backwards.md")).collect();
    assert_eq!(said.len(), 1, "{err}");
    assert!(
        said[0].contains("the articles run backwards, 第十八条 first and 第一条 last"),
        "{err}"
    );
    // Said in the singular for its one heading.
    assert!(
        err.contains(
            "(1 article heading, where the numbering starts again after 第五条) holds a second \
             regulation"
        ),
        "{err}"
    );
}

#[test]
fn a_folder_without_documents_is_left_as_it_was() {
    // Nothing is written into a folder that turns out to hold no documents: neither an empty
    // one nor one holding only a text without articles.
    for files in [&[][..], &[("README.md", "# 说明\n\n这里放条例。\n")][..]] {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        for args in [&["search", "会议"][..], &["precedent", "会议"][..]] {
            let mut cmd = assert_cmd::Command::cargo_bin("guize").expect("binary");
            cmd.arg("--corpus")
                .arg(dir.path())
                .args(args)
                .env("NO_COLOR", "1")
                .env_remove("GUIZE_CORPUS")
                .env_remove("GUIZE_INDEX");
            let (code, out, err) = run(&mut cmd);
            assert_eq!(code, Some(1), "{args:?}: {out}\n{err}");
            assert!(err.contains("has no documents"), "{args:?}: {err}");
            let mut left: Vec<String> = std::fs::read_dir(dir.path())
                .expect("read")
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            left.sort();
            let before: Vec<String> = files.iter().map(|(n, _)| n.to_string()).collect();
            assert_eq!(left, before, "{args:?}: {err}");
        }
    }
}

#[test]
fn a_word_file_guize_wrote_into_the_corpus_costs_no_rebuild() {
    let corpus = greening_corpus();
    let index = tempfile::tempdir().expect("temp dir");
    let search = || run(guize_in(corpus.path(), index.path()).args(["search", "绿地率"]));
    let (code, _, err) = search();
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("built the index"), "{err}");
    let written: [&[&str]; 3] = [
        &["report", "-o", "z.docx"],
        &["compare", "宁波:7", "-o", "c.docx"],
        &["versions", "宁波", "舟山", "-o", "v.docx"],
    ];
    for args in written {
        let mut args = args.to_vec();
        let path = corpus.path().join(args.pop().expect("a file"));
        let (code, out, err) = run(guize_in(corpus.path(), index.path()).args(&args).arg(&path));
        assert_eq!(code, Some(0), "{args:?}: {out}\n{err}");
        assert!(path.is_file(), "{args:?}: {err}");
        // The next command finds the index fresh: the file is guize's own, known by its head.
        let (code, out, err) = search();
        assert_eq!(code, Some(0), "{err}");
        assert!(!err.contains("built the index"), "{args:?}: {err}");
        assert!(out.contains("宁波市城市绿化条例"), "{out}");
    }
}

#[test]
fn rows_of_one_subject_say_what_each_figure_measures() {
    // 新乡 第十三条 and 潍坊 第十五条 list green ratios of 居住区, 单位, 道路 by width …: one
    // subject, 比例, many rows, each named by what its figures are a ratio of.
    let (henan, shandong) = (
        "河南地方法规/地方性法规/河南",
        "山东地方法规/地方性法规/山东",
    );
    let dir = lawrefbook_corpus(&[
        (henan, "新乡市城市绿化条例(2019-01-21).md"),
        (shandong, "潍坊市城市绿化条例(2020-01-15).md"),
        (shandong, "青岛市城市绿化条例(2017-12-01).md"),
    ]);
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize_in(dir.path(), index.path()).args(["numbers", "绿地率"]));
    assert_eq!(code, Some(0), "{err}");
    // Blocks: a heading line, then the cells (`  document  article  …`) and `  未规定：…`.
    let blocks: Vec<Vec<&str>> = out
        .split("\n\n")
        .map(|b| b.lines().collect::<Vec<_>>())
        .filter(|b| !b.is_empty())
        .collect();
    let heading = |b: &Vec<&str>| b[0].split("  [").next().unwrap_or_default().to_string();
    let ratios: Vec<String> = blocks
        .iter()
        .map(heading)
        .filter(|h| h.starts_with("比例"))
        .collect();
    assert!(ratios.len() >= 5, "{out}");
    // Every row of 比例 says what its figures are a ratio of.
    assert!(ratios.iter().all(|h| h.starts_with("比例（")), "{out}");
    for part in ["居住区绿地率", "道路绿地率", "单位庭院绿地率"] {
        assert!(
            ratios.iter().any(|h| h.contains(part)),
            "no row of {part}: {out}"
        );
    }
    // A row's figures measure one thing: 潍坊's ratio of 旧城改造居住区 (25%) was paired with
    // 新乡's of 公共文化设施等单位 (35%), and 潍坊's of 科研设计等单位 with 新乡's 单位庭院.
    let row_of = |part: &str| {
        ratios
            .iter()
            .find(|h| h.contains(part))
            .unwrap_or_else(|| panic!("no row of {part}: {out}"))
    };
    let old_housing = row_of("旧城改造居住区绿地率");
    assert!(!old_housing.contains("单位"), "{old_housing}");
    let public = row_of("公共文化设施等单位绿地率");
    assert!(public.contains("科研设计等单位的绿地率"), "{public}");
    // 未规定 never names a document that states a figure in a row of the same name.
    let name = |b: &Vec<&str>| {
        heading(b)
            .split(" #")
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let stated = |b: &Vec<&str>| -> Vec<String> {
        b[1..]
            .iter()
            .filter(|l| !l.trim_start().starts_with("未规定") && !l.contains("no majority"))
            .filter_map(|l| l.split_whitespace().next().map(str::to_string))
            .collect()
    };
    for a in &blocks {
        let Some(silent) = a
            .iter()
            .find_map(|l| l.trim_start().strip_prefix("未规定："))
        else {
            continue;
        };
        for b in blocks.iter().filter(|b| *b != a && name(b) == name(a)) {
            for doc in stated(b) {
                assert!(
                    !silent.split('、').any(|s| s == doc),
                    "{doc} is 未规定 in {} but states it in {}",
                    heading(a),
                    heading(b)
                );
            }
        }
    }
}

/// The State Council's 道路运输条例 of 2019 and of 2023, from lawrefbook.
fn road_editions() -> (String, String) {
    let dir = shared::path("corpora/lawrefbook/行政法规");
    let at = |name: &str| dir.join(name).to_string_lossy().into_owned();
    (
        at("道路运输条例(2019-03-02).md"),
        at("道路运输条例(2023-07-20).md"),
    )
}

#[test]
fn an_edition_that_only_sets_its_brackets_full_width_is_unchanged() {
    // The 2023 edition prints every (一) of 2019 as （一）: the wording of 第八条 is the same, and
    // 第九条's one change is the body that examines drivers, not its item markers.
    let (old, new) = road_editions();
    let (code, out, err) = run(guize().args(["versions", &old, &new, "--format", "json"]));
    assert_eq!(code, Some(0), "{out}\n{err}");
    let json: Value = serde_json::from_str(&out).expect("json");
    let row = |label: &str| {
        json["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["old"][0]["label"] == label)
            .unwrap_or_else(|| panic!("no row of {label}"))
            .clone()
    };
    let eight = row("第八条");
    assert!(eight["old_text"].as_str().expect("text").contains("(一)"));
    assert!(eight["new_text"].as_str().expect("text").contains("（一）"));
    assert_eq!(eight["status"], "未修改", "{eight}");
    assert_eq!(row("第九条")["status"], "修改");
    // 48 rows were 修改 when a bracket's width counted as a change of wording. 43, not 42: 2019
    // 第六十八条 (the fine for not carrying the 车辆营运证, which 2023 dropped) is deleted, and
    // 第六十九条 is 第六十八条 modified; it was read as the two merged, though 第六十九条 alone holds
    // all of the new article's wording of 2019 (a piece must carry what its other half lacks).
    assert_eq!(json["summary"]["modified"], 43, "{}", json["summary"]);
    assert_eq!(json["summary"]["merged"], 0, "{}", json["summary"]);
    assert_eq!(json["summary"]["deleted"], 1, "{}", json["summary"]);
    assert_eq!(json["summary"]["unchanged"], 39, "{}", json["summary"]);
    let (code, out, err) = run(guize().args(["versions", &old, &new]));
    assert_eq!(code, Some(0), "{out}\n{err}");
    assert!(out.contains("（一）取得相应的机动车驾驶证"), "{out}");
    assert!(out.contains("(一)取得相应的机动车驾驶证"), "{out}");
    assert!(
        out.contains("市级{+人民政府交通运输主管部门+}对有关"),
        "{out}"
    );
    assert!(!out.contains("[-(-]"), "{out}");
    assert!(!out.contains("{+（+}"), "{out}");
}

#[test]
fn an_article_amended_in_place_to_say_deleted_is_a_deleted_article() {
    // 道路运输条例 of 2019 amended in place: 第十条 kept as a note of its deletion, as the
    // amended texts of 刑法 and of many local regulations print it.
    let (old, _) = road_editions();
    let text = std::fs::read_to_string(&old).expect("read");
    let (from, to) = (
        text.find("\n第十条 ").expect("第十条"),
        text.find("\n第十一条 ").expect("第十一条"),
    );
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, note) in [
        ("a.md", "删除"),
        ("b.md", "（本条删除）"),
        ("c.md", "【已废止】"),
    ] {
        let amended = format!("{}\n第十条 {note}\n{}", &text[..from], &text[to..]);
        let new = dir.path().join(name);
        std::fs::write(&new, amended).expect("write");
        let (code, out, err) =
            run(guize().args(["versions", &old, &new.to_string_lossy(), "--format", "json"]));
        assert_eq!(code, Some(0), "{out}\n{err}");
        let json: Value = serde_json::from_str(&out).expect("json");
        let summary = &json["summary"];
        assert_eq!(summary["deleted"], 1, "{note}: {summary}");
        assert_eq!(summary["modified"], 0, "{note}: {summary}");
        assert_eq!(summary["new_articles"], 82, "{note}: {summary}");
        let row = json["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["old"][0]["label"] == "第十条")
            .expect("a row of 第十条")
            .clone();
        assert_eq!(row["kind"], "deleted", "{note}: {row}");
        assert!(
            !row["new_text"].as_str().unwrap_or("").contains(note),
            "{row}"
        );
        // Its paragraph on deciding within 20 days is word for word in 第二十四条 (the 货运
        // licence) of both editions: that wording is 第二十四条's own, not where 第十条 went.
        assert_eq!(row["status"], "删除", "{note}: {row}");
    }
}

/// Two editions of 道路运输条例 amended in place: 第十条 of 甲 (2019) noted `删除`, 第十条 and
/// 第十一条 of 乙 (2023) noted `（本条删除）` and `【已废止】`.
fn amended_road_corpus() -> tempfile::TempDir {
    let (old, new) = road_editions();
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path();
    let amend = |path: &str, notes: &[(&str, &str, &str)], name: &str| {
        let mut text = std::fs::read_to_string(path).expect("read");
        for (head, next, note) in notes {
            let from = text.find(&format!("\n{head} ")).expect("article");
            let to = text.find(&format!("\n{next} ")).expect("next article");
            text = format!("{}\n{head} {note}{}", &text[..from], &text[to..]);
        }
        std::fs::write(corpus.join(name), text).expect("write");
    };
    amend(&old, &[("第十条", "第十一条", "删除")], "甲.md");
    amend(
        &new,
        &[
            ("第十条", "第十一条", "（本条删除）"),
            ("第十一条", "第十二条", "【已废止】"),
        ],
        "乙.md",
    );
    dir
}

/// A note of deletion is no provision. `search 删去` over 刑法 found its 第一百九十九条 （删去）
/// (the one such note in lawrefbook) as the only hit, and `search 删除` over the amended road
/// editions the three notes first; a citation of the note still shows it. `serve`'s home page
/// counted the notes' groups among the clause groups, and an article page of a note offered
/// its group `（已删除）` to compare, saying that no other document regulates the matter.
#[test]
fn a_note_of_deletion_is_no_hit_and_no_clause_group_on_the_pages() {
    let criminal = criminal_code();
    let index = tempfile::tempdir().expect("temp dir");
    let search = |args: &[&str]| {
        let (code, out, err) = run(guize_in(criminal.path(), index.path()).args(args));
        assert_eq!(code, Some(0), "{args:?}: {err}");
        out
    };
    let hits = |out: &str| -> Vec<u64> {
        let json: Value = serde_json::from_str(out).expect("json");
        json["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .filter_map(|h| h["article"].as_u64())
            .collect()
    };
    for query in ["删去", "（删去）", "\"删去\""] {
        let found = hits(&search(&["search", "--json", query]));
        assert!(!found.contains(&199), "{query}: {found:?}");
    }
    // Asked for by its citation, the note is shown.
    let found = hits(&search(&["search", "--json", "刑法:199"]));
    assert_eq!(found.first(), Some(&199), "{found:?}");

    let road = amended_road_corpus();
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) =
        run(guize_in(road.path(), index.path()).args(["search", "--json", "删除"]));
    assert_eq!(code, Some(0), "{err}");
    let json: Value = serde_json::from_str(&out).expect("json");
    for h in json["hits"].as_array().expect("hits") {
        let text = h["snippet"].as_str().unwrap_or_default();
        assert!(text.chars().count() > 8, "a note of deletion found: {h}");
    }
    let (code, out, err) = run(guize_in(road.path(), index.path()).args(["align", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    let json: Value = serde_json::from_str(&out).expect("json");
    let groups = json["groups"].as_array().expect("groups");
    let clauses = groups.iter().filter(|g| g["deleted"] != true).count();
    assert_eq!(groups.len() - clauses, 3);

    let site = serve_common::site_of(road.path(), index.path());
    let base = serve_common::spawn(guize::serve::router(std::sync::Arc::new(site)));
    let get = |path: &str| {
        let url = serve_common::encoded(&format!("{base}{path}"));
        serve_common::answer(serve_common::agent().get(url).call())
    };
    let (status, home) = get("/");
    assert_eq!(status, 200);
    assert!(home.contains(&format!("{clauses} clause groups")), "{home}");
    for (doc, n) in [("甲", 10), ("乙", 10), ("乙", 11)] {
        let (status, page) = get(&format!("/doc/{doc}/{n}"));
        assert_eq!(status, 200, "{doc} {n}");
        assert!(
            page.contains("only notes its deletion"),
            "{doc} {n}: {page}"
        );
        assert!(!page.contains("（已删除）"), "{doc} {n}: {page}");
        assert!(
            !page.contains("No other document regulates"),
            "{doc} {n}: {page}"
        );
    }
    // A provision's page keeps its group.
    let (_, page) = get("/doc/甲/12");
    assert!(page.contains("Clause group"), "{page}");
}

/// `--chapter` chooses a section (第X节 inside a chapter) as a user types it: its number
/// (`第五节`, in every chapter that has one), with its chapter (`第三章第五节`), or words of its
/// title (`金融诈骗罪`); `第五节` said `no chapter '第五节'`. Nothing that matches lists the
/// sections there are. 刑法 of lawrefbook, whose chapters hold sections and whose parts (编)
/// number their chapters from 第一章 again: `第三章` named two chapters and searched both as one.
#[test]
fn a_section_is_chosen_with_chapter() {
    let criminal = criminal_code();
    let index = tempfile::tempdir().expect("temp dir");
    let search = |chapter: &str| {
        let (code, out, err) = run(guize_in(criminal.path(), index.path()).args([
            "search",
            "--json",
            "--limit",
            "50",
            "--chapter",
            chapter,
            "诈骗",
        ]));
        assert_eq!(code, Some(0), "{chapter}: {err}");
        let json: Value = serde_json::from_str(&out).expect("json");
        let hits = json["hits"].as_array().expect("hits").clone();
        assert!(!hits.is_empty(), "{chapter}: {out}");
        hits.iter()
            .map(|h| {
                (
                    h["chapter"]["number"].as_u64().unwrap_or(0),
                    h["section"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    // The error of a `--chapter` that is refused (exit 1).
    let refused = |chapter: &str| -> String {
        let (code, _, err) = run(guize_in(criminal.path(), index.path()).args([
            "search",
            "--chapter",
            chapter,
            "诈骗",
        ]));
        assert_eq!(code, Some(1), "{chapter}: {err}");
        err
    };
    let fraud = "第五节 金融诈骗罪";
    for asked in ["金融诈骗罪", "第三章第五节金融诈骗罪", "第五节 金融诈骗罪"]
    {
        let found = search(asked);
        assert!(found.iter().all(|(_, s)| s == fraud), "{asked}: {found:?}");
    }
    // 刑法 numbers its chapters again in each part (编): a chapter's number alone names two
    // chapters, which is an error naming both; the part first chooses one, or a whole part.
    for (asked, both) in [
        (
            "第三章第五节",
            ["第一编第三章第五节 死刑", "第二编第三章第五节 金融诈骗罪"],
        ),
        (
            "第三章",
            [
                "第一编第三章 刑罚",
                "第二编第三章 破坏社会主义市场经济秩序罪",
            ],
        ),
    ] {
        let err = refused(asked);
        assert!(err.contains("more than one part"), "{asked}: {err}");
        assert!(both.iter().all(|b| err.contains(b)), "{asked}: {err}");
        assert!(err.contains("--chapter 第一编第三章"), "{asked}: {err}");
    }
    let found = search("第二编第三章第五节");
    assert!(found.iter().all(|(_, s)| s == fraud), "{found:?}");
    let found = search("第五节");
    assert!(
        found.iter().all(|(_, s)| s.starts_with("第五节")),
        "{found:?}"
    );
    assert!(found.iter().any(|(c, _)| *c != 3), "{found:?}");
    // A chapter is still a whole chapter, its sections all.
    let found = search("第二编第三章");
    assert!(found.iter().all(|(c, _)| *c == 3), "{found:?}");
    assert!(found.iter().any(|(_, s)| s == fraud), "{found:?}");
    assert!(found.iter().any(|(_, s)| s != fraud), "{found:?}");
    // A whole part: its chapters all, and none of the other part's.
    let found = search("第二编");
    assert!(found.iter().any(|(c, _)| *c != 3), "{found:?}");
    let found = search("第一编第三章");
    assert!(
        found.iter().all(|(c, s)| *c == 3 && s != fraud),
        "{found:?}"
    );

    let err = refused("第十二节");
    assert!(err.contains("no chapter '第十二节'"), "{err}");
    assert!(err.contains("第三章第五节 金融诈骗罪"), "{err}");
    let err = refused("不存在的节");
    assert!(
        err.contains("第二编第三章 破坏社会主义市场经济秩序罪 (第一节"),
        "{err}"
    );
}

#[test]
fn notes_of_deletion_are_linked_to_nothing() {
    // Two editions of 道路运输条例 amended in place: 第十条 of each kept as a note of its
    // deletion, and 第十一条 of the later one. The notes were one group at score 1.00 (two
    // documents' 删除 read as one provision) and a lone note was labelled （2）.
    let dir = amended_road_corpus();
    let corpus = dir.path().to_path_buf();
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize_in(&corpus, index.path()).args(["align", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    let json: Value = serde_json::from_str(&out).expect("json");
    let groups = json["groups"].as_array().expect("groups");
    let of = |doc: &str, n: u64| {
        groups
            .iter()
            .find(|g| {
                g["members"][doc]
                    .as_array()
                    .is_some_and(|m| m.iter().any(|x| x.as_u64() == Some(n)))
            })
            .unwrap_or_else(|| panic!("no group of {doc}:{n}"))
    };
    for (doc, n) in [("甲", 10), ("乙", 10), ("乙", 11)] {
        let g = of(doc, n);
        assert_eq!(g["label"], "（已删除）", "{g}");
        assert_eq!(g["deleted"], true, "{g}");
        assert_eq!(g["members"].as_object().map(|m| m.len()), Some(1), "{g}");
        assert_eq!(g["members"][doc].as_array().map(Vec::len), Some(1), "{g}");
        assert!(g["links"].as_array().is_none_or(Vec::is_empty), "{g}");
    }
    // Real articles stay grouped: 第十二条 of both editions.
    assert!(of("甲", 12)["members"]["乙"].is_array());
    assert_eq!(groups.iter().filter(|g| g["deleted"] == true).count(), 3);

    let (code, out, err) = run(guize_in(&corpus, index.path()).arg("align"));
    assert_eq!(code, Some(0), "{err}");
    let only = out
        .split_once("matters only one document has")
        .map_or("", |(_, rest)| rest);
    assert!(!only.contains("已删除") && !only.contains("删除"), "{out}");
    let (code, out, err) =
        run(guize_in(&corpus, index.path()).args(["report", "--format", "markdown", "-o", "-"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(
        !out.contains("（已删除）"),
        "a note of deletion in the report"
    );
    assert!(
        !out.contains("【已废止】"),
        "a note of deletion in the report"
    );
}

/// `guize precedent -` with nothing, or only blank lines, on standard input says that no draft
/// came and how to give one (it said `cannot read standard input: empty file`), exit 1, before
/// any index is built.
#[test]
fn an_empty_draft_on_standard_input_says_how_to_give_one() {
    for input in ["", " \n\n\t\n"] {
        let index = tempfile::tempdir().expect("temp dir");
        let (code, _, err) = run(guize_in(&shipped(""), index.path())
            .args(["precedent", "-"])
            .write_stdin(input));
        assert_eq!(code, Some(1), "{input:?}: {err}");
        assert!(err.contains("held no draft"), "{input:?}: {err}");
        assert!(err.contains("--file F"), "{input:?}: {err}");
        assert!(
            std::fs::read_dir(index.path())
                .expect("index dir")
                .next()
                .is_none(),
            "{input:?}: an index was built"
        );
    }
}

/// `--chapter` over a code with parts beside the five. `0`, `第〇章` and `第〇编` searched the
/// articles outside any numbered chapter or part (刑法's 附则, kept as number 0 in the index);
/// a part's title (`分则`, `附则` of 刑法) named nothing; and the error's list gave 刑法's
/// chapters unqualified by part (`刑法 1–10`, `1 危害国家安全罪` beside `1 刑法的任务…`).
#[test]
fn a_code_s_parts_are_chosen_by_title_and_named_in_errors() {
    let dir = criminal_code();
    std::fs::copy(shipped("lixia.txt"), dir.path().join("lixia.txt")).expect("copy");
    let index = tempfile::tempdir().expect("temp dir");
    let search = |chapter: &str, words: &str| {
        run(guize_in(dir.path(), index.path()).args([
            "search",
            "--json",
            "--limit",
            "50",
            "--chapter",
            chapter,
            words,
        ]))
    };
    for zero in ["0", "第〇章", "第〇编", "第零章"] {
        let (code, out, err) = search(zero, "施行");
        assert_eq!(code, Some(1), "{zero}: {out}");
        assert!(err.contains("numbered from 1"), "{zero}: {err}");
    }
    let hits = |chapter: &str, words: &str| {
        let (code, out, err) = search(chapter, words);
        assert_eq!(code, Some(0), "{chapter}: {err}");
        let json: Value = serde_json::from_str(&out).expect("json");
        json["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| {
                (
                    h["doc"].as_str().unwrap_or_default().to_string(),
                    h["article"].as_u64().unwrap_or(0),
                )
            })
            .collect::<Vec<_>>()
    };
    // 刑法's 附则 is a part without chapters; lixia's 附则 a chapter: both are found.
    let found = hits("附则", "施行");
    assert!(found.contains(&("刑法".to_string(), 452)), "{found:?}");
    assert!(found.iter().any(|(d, _)| d == "lixia"), "{found:?}");
    // 分则 is 刑法's 第二编, from 第一百零二条 on.
    let found = hits("分则", "诈骗");
    assert!(!found.is_empty());
    assert!(
        found.iter().all(|(d, n)| d == "刑法" && *n >= 102),
        "{found:?}"
    );
    let (code, _, err) = search("第二编第三十章", "诈骗");
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("刑法 第一编 1–5, 第二编 1–10"), "{err}");
    assert!(err.contains("lixia 1–14"), "{err}");
    let (code, _, err) = search("第二编第一分编", "诈骗");
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("第二编第一章 危害国家安全罪"), "{err}");
    assert!(err.contains("1 总则"), "{err}");
}

/// `compare` of a note of deletion showed a table of the note alone, with every other
/// document "Not in this group", as if they lacked a matter; it is no provision.
#[test]
fn comparing_a_note_of_deletion_says_it_is_none() {
    let dir = amended_road_corpus();
    let index = tempfile::tempdir().expect("temp dir");
    for what in ["甲:10", "乙:第十一条"] {
        let (code, out, err) = run(guize_in(dir.path(), index.path()).args(["compare", what]));
        assert_eq!(code, Some(1), "{what}: {out}");
        assert!(err.contains("only notes its deletion"), "{what}: {err}");
        assert!(!out.contains("Not in this group"), "{what}: {out}");
    }
    let (code, _, err) = run(guize_in(dir.path(), index.path()).args(["compare", "甲:12"]));
    assert_eq!(code, Some(0), "{err}");
}

/// `numbers` on 上海 and 浙江 安全生产条例, whose staffing articles (上海 第二十条, 浙江 第十一条)
/// are tables of tiers (从业人员三百人以上的，…；不足一百人的，…): a row `涉及范围` paired 上海's
/// `一千人以上` with 浙江's `不足五十人` and said `no majority` (1000人 against 50人), a tier
/// bounded from below against one bounded from above. Cases bounded opposite ways never share a
/// row; a fine's bounds (一万元以上) are no case and pair as before.
#[test]
fn tiers_bounded_opposite_ways_are_not_one_row() {
    let dir = lawrefbook_corpus(&[
        (
            "上海地方法规/地方性法规/上海",
            "上海市安全生产条例(2018-05-24).md",
        ),
        (
            "浙江地方法规/地方性法规/浙江",
            "浙江省安全生产条例(2016-07-29).md",
        ),
    ]);
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize_in(dir.path(), index.path()).args(["numbers"]));
    assert_eq!(code, Some(0), "{err}");
    let mut tiers = 0;
    for row in out.split("\n\n") {
        let texts: Vec<&str> = row
            .lines()
            .filter(|l| l.contains("人以上") || l.contains("不足"))
            .collect();
        let above = texts.iter().any(|l| l.contains("人以上 "));
        let below = texts.iter().any(|l| l.contains("不足"));
        tiers += usize::from(above || below);
        assert!(!(above && below), "{row}");
    }
    assert!(tiers >= 6, "{out}");
    // The same tier in both is still one row.
    assert!(
        out.split("\n\n").any(|row| {
            let has = |parts: &[&str]| row.lines().any(|l| parts.iter().all(|p| l.contains(p)));
            has(&["上海市安全生产条例", "第二十条 ", "三百人以上"])
                && has(&["浙江省安全生产条例", "第十一条", "三百人以上"])
        }),
        "{out}"
    );
}

/// A pasted page given as a name is echoed cut: `--chapter` or `--doc` of 9,000 characters was
/// repeated whole in its error, a screenful of the same character.
#[test]
fn a_long_name_is_echoed_cut_in_its_error() {
    let long = "第".repeat(9_000);
    for flag in ["--chapter", "--doc"] {
        let (code, _, err) = run(guize().args(["search", flag, &long, "会议"]));
        assert_eq!(code, Some(1), "{flag}: {err}");
        assert!(err.contains("… (9000 characters)"), "{flag}: {err}");
        assert!(err.len() < 2_000, "{flag}: {} bytes: {err}", err.len());
    }
}

/// A topic gold that cannot be scored says why, before any index is built: two ids whose
/// `sources` are one file (the document was indexed twice and both ids scored 0.51 where the gold
/// scores 0.81), a defining article its document does not have (scored 0 without a word), a
/// query with no defining article (it scored 0, and, naming no document, made `eval topics` index
/// the whole corpus). The science gold on its four lawrefbook files, kept under their own paths.
#[test]
fn a_topic_gold_that_cannot_be_scored_says_why() {
    let gold_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/topic-queries-science.json");
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("gold"))
        .expect("gold parses");
    let corpus = tempfile::tempdir().expect("temp dir");
    for source in gold["sources"].as_object().expect("sources").values() {
        let source = source.as_str().expect("a path");
        let to = corpus.path().join(source);
        std::fs::create_dir_all(to.parent().expect("a folder")).expect("folder");
        std::fs::copy(shared::path(&format!("corpora/lawrefbook/{source}")), &to).expect("copy");
    }
    let index = tempfile::tempdir().expect("temp dir");
    let score = |gold: &Value| {
        let file = index.path().join("gold.json");
        std::fs::write(&file, gold.to_string()).expect("write");
        run(guize_in(corpus.path(), &index.path().join("index"))
            .args(["eval", "topics", "--gold"])
            .arg(&file))
    };
    let (code, out, err) = score(&gold);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("over 25 topic queries"), "{out}");

    let mut twice = gold.clone();
    twice["sources"]["hangzhou"] = gold["sources"]["beijing"].clone();
    let (code, out, err) = score(&twice);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        err.contains("`beijing` and `hangzhou`") && err.contains("are one document"),
        "{err}"
    );

    // `eval align` finds a gold's documents the same way, and refuses the same.
    let mut align: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/alignment-dev-science.json"),
        )
        .expect("gold"),
    )
    .expect("gold parses");
    align["sources"]["hangzhou"] = gold["sources"]["beijing"].clone();
    let file = index.path().join("align.json");
    std::fs::write(&file, align.to_string()).expect("write");
    let (code, out, err) = run(guize_in(corpus.path(), &index.path().join("index"))
        .args(["eval", "align", "--gold"])
        .arg(&file));
    assert_eq!(code, Some(1), "{out}");
    assert!(err.contains("are one document"), "{err}");
    // An alignment gold naming an article its document lacks, or no group at all: refused, not
    // scored 0 (and no panic on the empty set of documents).
    let score_align = |gold: &Value| {
        std::fs::write(&file, gold.to_string()).expect("write");
        run(guize_in(corpus.path(), &index.path().join("index"))
            .args(["eval", "align", "--gold"])
            .arg(&file))
    };
    let align: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/alignment-dev-science.json"),
        )
        .expect("gold"),
    )
    .expect("gold parses");
    let (code, out, err) = score_align(&align);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("F1"), "{out}");
    let first = align["groups"][0]["members"]
        .as_object()
        .and_then(|m| m.keys().next().cloned())
        .expect("a member");
    let mut typo = align.clone();
    typo["groups"][0]["members"][&first][0] = Value::from(999);
    let (code, out, err) = score_align(&typo);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        err.contains(&format!(
            "names 1 member article that its documents do not have: {first}:999"
        )),
        "{err}"
    );
    let (code, out, err) = score_align(&serde_json::json!({"groups": []}));
    assert_eq!(code, Some(1), "{out}");
    assert!(err.contains("has no groups with members"), "{err}");

    let mut absent = gold.clone();
    absent["queries"][0]["defining"][0][1] = Value::from(1000);
    let (code, out, err) = score(&absent);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        err.contains("names 1 defining article that its documents do not have: beijing:1000"),
        "{err}"
    );

    let mut none = gold.clone();
    none["queries"][1]["defining"] = Value::Array(Vec::new());
    let (code, out, err) = score(&none);
    assert_eq!(code, Some(1), "{out}");
    assert!(err.contains("lists no defining article"), "{err}");
    // Refused before the corpus's own index was built.
    assert!(!index.path().join("index").exists(), "{err}");
}

/// 山东省物业管理条例 (chapters with sections) beside 河南省物业管理条例 (chapters only).
fn property_corpus() -> tempfile::TempDir {
    lawrefbook_corpus(&[
        (
            "山东地方法规/地方性法规/山东",
            "山东省物业管理条例(2021-12-03).md",
        ),
        ("河南地方法规/地方性法规/河南", "河南省物业管理条例.md"),
    ])
}

#[test]
fn a_compare_cites_an_article_s_section_as_show_does() {
    let corpus = property_corpus();
    let index = tempfile::tempdir().expect("temp dir");
    let shandong = "山东省物业管理条例(2021-12-03)";
    // `show` and `search` name 第三节 车库与车位的使用; the compare's column said the chapter alone.
    let (code, out, err) =
        run(guize_in(corpus.path(), index.path()).args(["show", &format!("{shandong}:42")]));
    assert_eq!(code, Some(0), "{err}");
    let placed = "第四章 物业的使用与业主自治管理 第三节 车库与车位的使用 第四十二条";
    assert!(out.contains(placed), "{out}");
    for format in ["json", "markdown", "html"] {
        let (code, out, err) = run(guize_in(corpus.path(), index.path()).args([
            "compare",
            &format!("{shandong}:42"),
            "--format",
            format,
        ]));
        assert_eq!(code, Some(0), "{err}");
        assert!(out.contains(placed), "{format}: {out}");
    }
    // 河南's chapters have no sections: its citation is as before.
    let (code, out, err) = run(guize_in(corpus.path(), index.path()).args([
        "compare",
        "河南省物业管理条例:60",
        "--json",
    ]));
    assert_eq!(code, Some(0), "{err}");
    let v: Value = serde_json::from_str(&out).expect("compare --json");
    let henan = v["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .find(|c| c["doc"] == "河南省物业管理条例")
        .expect("河南's column");
    let cited = henan["citation"].as_str().expect("a citation");
    assert!(
        cited.starts_with("第六章 物业的使用和维护 第六十条") && !cited.contains('节'),
        "{out}"
    );
}

#[test]
fn a_document_of_one_article_names_it_when_another_is_asked_for() {
    let corpus = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        corpus.path().join("附则.md"),
        "# 某市物业管理条例\n\n## 第一章 附则\n\n第一条 本条例自2025年1月1日起施行。\n",
    )
    .expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    for asked in ["2", "第二条", "第二章"] {
        let (code, out, err) =
            run(guize_in(corpus.path(), index.path()).args(["show", "附则", asked]));
        assert_eq!(code, Some(1), "{out}");
        assert!(!err.contains("1 articles"), "{asked}: {err}");
    }
    let (_, _, err) = run(guize_in(corpus.path(), index.path()).args(["show", "附则", "2"]));
    assert!(err.contains("its one article is 第一条"), "{err}");
}

/// The four provinces' 物业管理条例 of lawrefbook.
fn four_property_regulations() -> tempfile::TempDir {
    lawrefbook_corpus(&[
        (
            "北京地方法规/地方性法规/北京",
            "北京市物业管理条例(2024-03-29).md",
        ),
        (
            "山东地方法规/地方性法规/山东",
            "山东省物业管理条例(2021-12-03).md",
        ),
        ("河南地方法规/地方性法规/河南", "河南省物业管理条例.md"),
        (
            "浙江地方法规/地方性法规/浙江",
            "浙江省物业管理条例(2009-11-27).md",
        ),
    ])
}

#[test]
fn every_article_holding_a_group_in_part_is_named_by_its_compare() {
    let corpus = four_property_regulations();
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize_in(corpus.path(), index.path()).args(["align", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    let alignment: Value = serde_json::from_str(&out).expect("align --json");
    let mut twice = 0;
    for group in alignment["groups"].as_array().expect("groups") {
        let partial = group["partial"].as_array().expect("partial");
        if partial.is_empty() {
            continue;
        }
        let held: Vec<(String, u64)> = partial
            .iter()
            .map(|p| {
                (
                    p["doc"].as_str().expect("doc").to_string(),
                    p["article"].as_u64().expect("article"),
                )
            })
            .collect();
        if held
            .iter()
            .any(|(d, _)| held.iter().filter(|(e, _)| e == d).count() > 1)
        {
            twice += 1;
        }
        let id = group["id"].as_str().expect("id");
        let (code, out, err) =
            run(guize_in(corpus.path(), index.path()).args(["compare", id, "--json"]));
        assert_eq!(code, Some(0), "{id}: {err}");
        let compared: Value = serde_json::from_str(&out).expect("compare --json");
        let mut named: Vec<(String, u64)> = Vec::new();
        for c in compared["columns"].as_array().expect("columns") {
            if c.get("partial").is_some() {
                for a in c["articles"].as_array().expect("articles") {
                    named.push((
                        c["doc"].as_str().expect("doc").to_string(),
                        a.as_u64().expect("number"),
                    ));
                }
            }
        }
        for a in compared["also_in_part"].as_array().into_iter().flatten() {
            named.push((
                a["doc"].as_str().expect("doc").to_string(),
                a["article"].as_u64().expect("article"),
            ));
        }
        for h in &held {
            assert!(named.contains(h), "{id}: {h:?} is not named\n{out}");
        }
        // The terminal's closing line names them too.
        if held.len() > named.len() - compared["also_in_part"].as_array().map_or(0, Vec::len) {
            let (_, text, _) = run(guize_in(corpus.path(), index.path()).args(["compare", id]));
            assert!(text.contains("Also in part (not shown): "), "{text}");
        }
    }
    // 浙江's 第三十一条, 第二十九条 and 第五条 each hold a part of one group (the owners' rights):
    // compare showed the first alone and named neither of the others.
    assert!(
        twice > 0,
        "no group is held in part by two articles of one document"
    );
}

/// The five work rules (every file of `corpus/`) with four cities' 养犬管理条例 beside them, as
/// a user drops them into a copy of the folder: a corpus of two kinds.
fn five_and_dogs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(shipped("")).expect("seed corpus") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            let name = path.file_name().expect("file name");
            std::fs::copy(&path, dir.path().join(name)).expect("copy a seed file");
        }
    }
    let gold = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/alignment-dev-dogs.json"),
    )
    .expect("dogs gold");
    let gold: Value = serde_json::from_str(&gold).expect("gold parses");
    let sources: std::collections::BTreeMap<String, String> =
        serde_json::from_value(gold["sources"].clone()).expect("sources");
    shared::copy_sources(&sources, dir.path());
    dir
}

#[test]
fn a_compare_lists_as_lacking_only_documents_of_the_group_s_kind() {
    let corpus = five_and_dogs();
    let index = tempfile::tempdir().expect("temp dir");
    // The dogs' 施行日期: the five work rules are another kind, aligned apart, so they are not
    // documents that lack the matter.
    let (code, out, err) = run(guize_in(corpus.path(), index.path()).args([
        "compare",
        "养犬管理条例",
        "施行日期",
        "--json",
    ]));
    assert_eq!(code, Some(0), "{err}");
    let v: Value = serde_json::from_str(&out).expect("json");
    let missing = v["missing"].as_array().expect("missing");
    for five in ["lixia", "shizhong", "yanzhou", "zhoucun", "huancui"] {
        assert!(
            !missing.iter().any(|m| m == five || m["id"] == five),
            "{five} is of the other kind: {missing:?}"
        );
    }
    let (code, out, err) = run(guize_in(corpus.path(), index.path()).args([
        "compare",
        "人民政府工作规则",
        "施行日期",
    ]));
    assert_eq!(code, Some(0), "{err}");
    assert!(!out.contains("养犬管理条例"), "{out}");
    // Named with --doc, documents of both kinds are aligned together as chosen (kinds56,
    // review32 #1): both commencements are compared, and stderr says the corpus puts them in
    // two kinds.
    let (code, out, err) = run(guize_in(corpus.path(), index.path()).args([
        "compare",
        "人民政府工作规则",
        "施行日期",
        "--doc",
        "lixia",
        "--doc",
        "qingdao",
    ]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("青岛市养犬管理条例"), "{out}");
    assert!(
        err.contains("the chosen documents are of 2 kinds in the corpus")
            && err.contains("aligned together as one corpus"),
        "{err}"
    );
}

#[test]
fn align_and_report_help_say_a_corpus_of_several_kinds_is_aligned_apart() {
    for command in ["align", "report"] {
        let (code, out, err) = run(guize().args([command, "--help"]));
        assert_eq!(code, Some(0), "{err}");
        assert!(
            out.contains("several kinds") && out.contains("per kind"),
            "{command} --help: {out}"
        );
    }
}

/// Each paragraph of `doc`'s article `number` as `articles --json` gives it.
fn paragraphs_of(articles: &[Value], doc: &str, number: u64) -> Vec<String> {
    articles
        .iter()
        .find(|a| a["doc"] == doc && a["article"] == number && a["sub"] == 0)
        .and_then(|a| a["paragraphs"].as_array())
        .map(|ps| {
            ps.iter()
                .map(|p| p.as_str().unwrap_or_default().trim().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_partial_column_names_the_paragraphs_it_shows() {
    let corpus = four_property_regulations();
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize_in(corpus.path(), index.path()).args(["align", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    let alignment: Value = serde_json::from_str(&out).expect("align --json");
    let (code, out, err) = run(guize_in(corpus.path(), index.path()).args(["articles", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    let articles: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("an article"))
        .collect();
    let mut wider = 0;
    for group in alignment["groups"].as_array().expect("groups") {
        if group["partial"].as_array().is_none_or(Vec::is_empty) {
            continue;
        }
        let id = group["id"].as_str().expect("id");
        let (code, out, err) =
            run(guize_in(corpus.path(), index.path()).args(["compare", id, "--json"]));
        assert_eq!(code, Some(0), "{id}: {err}");
        let compared: Value = serde_json::from_str(&out).expect("compare --json");
        let mut legend = false;
        for c in compared["columns"].as_array().expect("columns") {
            let Some(matched) = c.get("partial").and_then(Value::as_array) else {
                continue;
            };
            let index = |v: &Value| v.as_u64().expect("a paragraph") as usize;
            let matched: Vec<usize> = matched.iter().map(index).collect();
            let shown: Vec<usize> = c["shown"]
                .as_array()
                .unwrap_or_else(|| panic!("{id}: a partial column without `shown`\n{out}"))
                .iter()
                .map(index)
                .collect();
            // The shown paragraphs are consecutive, hold the matched ones, and are the text.
            assert!(
                shown.windows(2).all(|w| w[1] == w[0] + 1),
                "{id}: {shown:?}"
            );
            assert!(matched.iter().all(|m| shown.contains(m)), "{id}");
            let doc = c["doc"].as_str().expect("doc");
            let number = c["articles"][0].as_u64().expect("article");
            let paragraphs = paragraphs_of(&articles, doc, number);
            let text: Vec<String> = shown.iter().map(|&p| paragraphs[p].clone()).collect();
            let own: String = c["segments"]
                .as_array()
                .expect("segments")
                .iter()
                .filter(|s| s["op"] != "delete")
                .map(|s| s["text"].as_str().unwrap_or_default())
                .collect();
            let squeeze = |t: &str| t.split_whitespace().collect::<String>();
            assert_eq!(squeeze(&own), squeeze(&text.join("\n")), "{id} {doc}");
            // The citation says which paragraphs matched whenever more are shown.
            let citation = c["citation"].as_str().expect("citation");
            if shown != matched {
                wider += 1;
                legend = true;
                let first = matched[0] + 1;
                assert!(
                    citation.contains(&format!("paragraph {first}"))
                        && citation.contains("matched")
                        && citation.contains(&format!(
                            "{}–{} shown",
                            shown[0] + 1,
                            shown[shown.len() - 1] + 1
                        )),
                    "{id}: {citation}"
                );
            } else {
                assert!(citation.ends_with(", in part"), "{id}: {citation}");
            }
        }
        // Every format says it in the legend.
        for format in ["terminal", "markdown", "html"] {
            let (code, text, err) = run(
                guize_in(corpus.path(), index.path()).args(["compare", id, "--format", format])
            );
            assert_eq!(code, Some(0), "{id}: {err}");
            let squeezed: String = text.split_whitespace().collect();
            let said = squeezed.contains("paragraphsnamedasmatched");
            assert_eq!(said, legend, "{id} {format}\n{text}");
        }
    }
    // 河南 第十八条 and 第二十八条 each hold a group in one paragraph; their columns show the
    // paragraphs before it, which share the base's wording.
    assert!(wider >= 2, "{wider} columns show more than they match");
}

#[test]
fn a_compare_sheet_names_missing_documents_and_articles_held_in_part() {
    let corpus = four_property_regulations();
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize_in(corpus.path(), index.path()).args(["align", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    let alignment: Value = serde_json::from_str(&out).expect("align --json");
    let groups = alignment["groups"].as_array().expect("groups");
    // Every group held in part, and the first ten that some document lacks.
    let chosen = groups
        .iter()
        .filter(|g| !g["partial"].as_array().is_none_or(Vec::is_empty))
        .chain(
            groups
                .iter()
                .filter(|g| g["members"].as_object().is_some_and(|m| m.len() < 4))
                .take(10),
        );
    let (mut missing_rows, mut also_rows) = (0, 0);
    for group in chosen {
        let id = group["id"].as_str().expect("id");
        let (code, out, err) =
            run(guize_in(corpus.path(), index.path()).args(["compare", id, "--json"]));
        assert_eq!(code, Some(0), "{id}: {err}");
        let compared: Value = serde_json::from_str(&out).expect("compare --json");
        let (code, csv, err) =
            run(guize_in(corpus.path(), index.path()).args(["compare", id, "--format", "csv"]));
        assert_eq!(code, Some(0), "{id}: {err}");
        let rows: Vec<&str> = csv.lines().collect();
        let header = rows.first().copied().unwrap_or_default();
        assert!(header.contains(",holds,"), "{header}");
        let xlsx_path = index.path().join(format!("{id}.xlsx"));
        let (code, _, err) = run(guize_in(corpus.path(), index.path()).args([
            "compare",
            id,
            "--format",
            "xlsx",
            "-o",
            xlsx_path.to_str().expect("utf-8 path"),
        ]));
        assert_eq!(code, Some(0), "{id}: {err}");
        let bytes = std::fs::read(&xlsx_path).expect("the workbook");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
        let mut strings = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/sharedStrings.xml").expect("shared strings"),
            &mut strings,
        )
        .expect("utf-8");
        for doc in compared["missing"].as_array().expect("missing") {
            let doc = doc.as_str().expect("doc");
            assert!(
                rows.iter()
                    .any(|r| r.starts_with(&format!("{doc},")) && r.contains(",none,")),
                "{id}: {doc} missing from the CSV\n{csv}"
            );
            assert!(
                strings.contains(doc) && strings.contains(">none<"),
                "{id}: {doc}"
            );
            missing_rows += 1;
        }
        let also = compared["also_in_part"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for a in &also {
            let citation = a["citation"].as_str().expect("citation");
            assert!(
                rows.iter()
                    .any(|r| r.contains(citation) && r.contains(",in part (not shown),")),
                "{id}: {citation} missing from the CSV\n{csv}"
            );
            assert!(strings.contains(citation), "{id}: {citation}");
            also_rows += 1;
        }
        // The HTML marks the closing line's English whole, brackets included.
        if !also.is_empty() {
            let (code, html, err) = run(
                guize_in(corpus.path(), index.path()).args(["compare", id, "--format", "html"])
            );
            assert_eq!(code, Some(0), "{id}: {err}");
            assert!(
                html.contains("<span lang=\"en\">Also in part (not shown)</span>:"),
                "{id}"
            );
        }
    }
    assert!(
        missing_rows >= 10 && also_rows >= 2,
        "{missing_rows} {also_rows}"
    );
}
