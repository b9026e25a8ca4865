//! Hostile input, one test (or a few) per category of issue 13: `-o` paths, document identity,
//! control characters, big and odd files, a closed stdout, a damaged or locked index, quiet wrong
//! answers and Markdown ids. Each builds its corpus or index in a temporary folder.

mod cmd;
mod serve_common;

use assert_cmd::Command;
use cmd::{guize_in as guize, shipped};
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// A corpus of two shipped regulations (lixia, shizhong) with their manifest entries.
fn two_docs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for f in ["lixia.txt", "shizhong.txt"] {
        std::fs::copy(shipped(f), dir.path().join(f)).expect("copy");
    }
    std::fs::write(
        dir.path().join("manifest.json"),
        r#"{"documents": {"lixia": {"district": "历下区", "aliases": ["历下"]},
            "shizhong": {"district": "市中区", "aliases": ["市中"]}}}"#,
    )
    .expect("manifest");
    dir
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        cmd,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

// 1. Output paths --------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn dash_o_writes_through_links_and_pipes_and_honours_the_umask() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let corpus = two_docs();
    let index = tempfile::tempdir().expect("temp dir");
    let out = tempfile::tempdir().expect("temp dir");
    let compare = |target: &Path| {
        let mut cmd = guize(corpus.path(), index.path());
        cmd.args(["compare", "lixia:39", "--format", "markdown", "-o"])
            .arg(target);
        cmd
    };
    // A symlink stays a link; its target gets the text and keeps its mode.
    let real = out.path().join("real.md");
    std::fs::write(&real, "old").expect("write");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let link = out.path().join("link.md");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    compare(&link).assert().success();
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("stat")
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(&real).expect("read");
    assert!(text.contains("第三十九条"), "{text}");
    let mode = std::fs::metadata(&real).expect("stat").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);

    // A named pipe is written into, not replaced by a file.
    let fifo = out.path().join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read fifo"))
    };
    compare(&fifo).assert().success();
    assert!(reader.join().expect("reader").contains("第三十九条"));
    let kind = std::fs::symlink_metadata(&fifo).expect("stat").file_type();
    assert!(kind.is_fifo());

    // A new file gets what the umask allows (not always 0600).
    let new = out.path().join("new.md");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$@\"")
        .arg("sh")
        .arg(assert_cmd::cargo::cargo_bin("guize"))
        .arg("--corpus")
        .arg(corpus.path())
        .arg("--index")
        .arg(index.path())
        .args(["compare", "lixia:39", "--format", "markdown", "-o"])
        .arg(&new)
        .stderr(Stdio::null())
        .status()
        .expect("runs");
    assert!(status.success());
    let mode = std::fs::metadata(&new).expect("stat").permissions().mode();
    assert_eq!(mode & 0o777, 0o644);

    // A folder is refused with a message.
    compare(out.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("it is a folder"));
}

// 2. Document identity ---------------------------------------------------------------------------

#[test]
fn two_files_with_one_id_are_never_mixed() {
    let corpus = two_docs();
    let index = tempfile::tempdir().expect("temp dir");
    // 市中's text under the name lixia.md, beside lixia.txt: one is refused, naming both.
    std::fs::copy(shipped("shizhong.txt"), corpus.path().join("lixia.md")).expect("copy");
    guize(corpus.path(), index.path())
        .arg("corpus")
        .assert()
        .success()
        .stdout(predicate::str::contains("2 documents"))
        .stderr(predicate::str::contains("lixia.md").and(predicate::str::contains("lixia.txt")));
    // `lixia` is one document, with its own title and its own text.
    let shown = stdout_of(guize(corpus.path(), index.path()).args(["show", "lixia", "39"]));
    assert!(shown.starts_with("济南市历下区人民政府工作规则"), "{shown}");
    let own = std::fs::read_to_string(shipped("lixia.txt")).expect("read");
    let body = shown.lines().nth(3).expect("article text");
    assert!(own.contains(body), "{body}");
}

#[cfg(unix)]
#[test]
fn non_utf8_file_names_keep_distinct_ids() {
    use std::os::unix::ffi::OsStrExt;
    let corpus = tempfile::tempdir().expect("temp dir");
    let index = tempfile::tempdir().expect("temp dir");
    for (name, text) in [
        (&b"a\xff.txt"[..], "第一条 甲。\n"),
        (&b"a\xfe.txt"[..], "第一条 乙。\n"),
    ] {
        let path = corpus.path().join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, text).expect("write");
    }
    let out = stdout_of(guize(corpus.path(), index.path()).args(["articles", "--json"]));
    let ids: Vec<String> = out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON");
            v["doc"].as_str().expect("doc").to_string()
        })
        .collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
}

#[test]
fn ids_win_over_aliases_and_a_document_is_selected_once() {
    let corpus = two_docs();
    let index = tempfile::tempdir().expect("temp dir");
    // shizhong claims `lixia` (another document's id) and `历下` (lixia's alias).
    std::fs::write(
        corpus.path().join("manifest.json"),
        r#"{"documents": {"lixia": {"district": "历下区", "aliases": ["历下"]},
            "shizhong": {"district": "市中区", "aliases": ["lixia", "历下", "市中"]}}}"#,
    )
    .expect("manifest");
    guize(corpus.path(), index.path())
        .arg("corpus")
        .assert()
        .success()
        .stderr(predicate::str::contains("alias 'lixia' of 'shizhong'"))
        .stderr(predicate::str::contains("alias '历下' of 'shizhong'"));
    for name in ["lixia", "历下"] {
        let out = stdout_of(guize(corpus.path(), index.path()).args(["show", name, "39"]));
        assert!(
            out.starts_with("济南市历下区人民政府工作规则"),
            "{name}: {out}"
        );
    }
    let once =
        stdout_of(guize(corpus.path(), index.path()).args(["numbers", "--doc", "lixia", "--json"]));
    let twice = stdout_of(
        guize(corpus.path(), index.path())
            .args(["numbers", "--doc", "lixia", "--doc", "历下", "--json"]),
    );
    assert_eq!(once, twice);
}

// 3. Terminal safety -----------------------------------------------------------------------------

/// Every character a terminal may act on, besides newline and tab: C0, DEL, C1, bidi controls.
fn hostile_chars() -> Vec<char> {
    let mut all: Vec<char> = (0u32..0x20)
        .chain(0x7f..0xa0)
        .filter_map(char::from_u32)
        .filter(|c| !matches!(c, '\n' | '\t' | '\r' | '\0'))
        .collect();
    all.extend([
        '\u{61c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}',
        '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    ]);
    all
}

fn is_hostile(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t')) || hostile_chars().contains(&c)
}

/// A corpus whose text, title, manifest fields and one file name carry every hostile character.
fn hostile_corpus() -> tempfile::TempDir {
    let dir = two_docs();
    let junk: String = hostile_chars().into_iter().collect();
    let lixia = std::fs::read_to_string(shipped("lixia.txt")).expect("read");
    let lixia = lixia
        .replacen(
            "济南市历下区人民政府工作规则",
            &format!("济南市历下区人民政府工作规则{junk}"),
            1,
        )
        .replace(
            "区政府常务会议",
            "区政府\u{1b}[2J\u{1b}]52;c;aGk=\u{7}常务会议\u{202e}",
        )
        .replacen("第三十九条", &format!("第三十九条 {junk}"), 1);
    std::fs::write(dir.path().join("lixia.txt"), lixia).expect("write");
    std::fs::copy(
        shipped("yanzhou.txt"),
        dir.path().join("evil\u{1b}[2J\u{7}.txt"),
    )
    .expect("copy");
    let manifest = serde_json::json!({"documents": {
        "lixia": {"district": format!("历下区\u{1b}[8m{junk}"), "aliases": ["历下"]},
        "shizhong": {"district": "市中区", "aliases": ["市中"]}}});
    std::fs::write(dir.path().join("manifest.json"), manifest.to_string()).expect("manifest");
    dir
}

/// Every control character in `bytes` is allowed: none at all, or (with colour) only SGR styles.
fn assert_safe(what: &str, bytes: &[u8], colors: bool) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        if c == '\u{1b}' && colors {
            let rest = &text[i + 1..];
            let params = rest.strip_prefix('[').map(|r| {
                r.chars()
                    .take_while(|c| c.is_ascii_digit() || *c == ';')
                    .count()
            });
            let sgr = params.is_some_and(|n| rest[1 + n..].starts_with('m'))
                && !rest.starts_with("[8m")
                && !rest.starts_with("[2J");
            assert!(sgr, "{what}: escape sequence that is no style at byte {i}");
            continue;
        }
        assert!(
            !is_hostile(c),
            "{what}: control character U+{:04X} at byte {i}: {}",
            c as u32,
            &text[i.saturating_sub(40)..(i + 40).min(text.len())]
        );
    }
}

#[test]
fn no_text_output_carries_a_control_character_from_the_corpus() {
    let corpus = hostile_corpus();
    let index = tempfile::tempdir().expect("temp dir");
    let commands: &[&[&str]] = &[
        &["corpus", "--warnings"],
        &["show", "lixia"],
        &["show", "lixia", "39"],
        &["articles", "--doc", "lixia"],
        &["search", "常务会议"],
        &["align"],
        &["numbers"],
        &["compare", "lixia:39"],
        &["compare", "lixia:39", "--format", "markdown"],
        &["compare", "lixia:39", "--format", "html"],
        &["report", "--format", "markdown", "-o", "-"],
        &["precedent", "区政府常务会议一般每两周召开1次"],
        &["show", "lixia\u{1b}[2J", "39"],
        &["search", "\u{1b}]52;c;aGk=\u{7}常务会议"],
    ];
    for colors in [false, true] {
        for args in commands {
            let mut cmd = guize(corpus.path(), index.path());
            cmd.args(["--color", if colors { "always" } else { "never" }]);
            cmd.args(*args);
            let out = cmd.output().expect("runs");
            let what = format!("{args:?} colour {colors}");
            assert!(out.status.code().is_some_and(|c| c <= 1), "{what}");
            assert_safe(&format!("{what} stdout"), &out.stdout, colors);
            assert_safe(&format!("{what} stderr"), &out.stderr, false);
        }
    }
    // JSON keeps every character, escaped, and still parses to the same text.
    let out = stdout_of(
        guize(corpus.path(), index.path()).args(["articles", "--doc", "lixia", "--json"]),
    );
    assert_safe("articles --json", out.as_bytes(), false);
    assert!(out.contains("\\u202e"));
    let kept = out.lines().any(|l| {
        let v: serde_json::Value = serde_json::from_str(l).expect("JSON");
        v["text"]
            .as_str()
            .is_some_and(|t| t.contains("常务会议\u{202e}"))
    });
    assert!(kept, "the text lost its characters");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// Whatever the text and however it is cut into writes, the safe writer lets no control
    /// character through (text) and keeps the JSON string intact.
    #[test]
    fn the_safe_writer_never_lets_a_control_through(
        text in "(\\PC|[\u{0}-\u{1f}\u{7f}-\u{9f}\u{202a}-\u{202e}])*",
        cut in 0usize..64,
    ) {
        use guize::safe_text::{Mode, SafeWriter};
        use std::io::Write;
        let mut w = SafeWriter::new(Vec::new(), Mode::Text { colors: false });
        let bytes = text.as_bytes();
        let at = cut.min(bytes.len());
        w.write_all(&bytes[..at]).expect("writes");
        w.write_all(&bytes[at..]).expect("writes");
        w.flush().expect("flushes");
        let out = String::from_utf8(w.get_mut().clone()).expect("UTF-8");
        proptest::prop_assert!(!out.chars().any(is_hostile));
        proptest::prop_assert_eq!(out.chars().filter(|c| *c == '\n').count(),
            text.chars().filter(|c| *c == '\n').count());

        let json = serde_json::to_string(&text).expect("JSON");
        let mut w = SafeWriter::new(Vec::new(), Mode::Json);
        w.write_all(json.as_bytes()).expect("writes");
        w.flush().expect("flushes");
        let out = String::from_utf8(w.get_mut().clone()).expect("UTF-8");
        proptest::prop_assert!(!out.chars().any(is_hostile));
        let back: String = serde_json::from_str(&out).expect("JSON");
        proptest::prop_assert_eq!(back, text);
    }
}

/// The web server shows the hostile corpus as the CLI's HTML does: every page without a control
/// character, every JSON answer with them escaped (and parsing back to the same text).
#[test]
fn no_web_page_carries_a_control_character_from_the_corpus() {
    let corpus = hostile_corpus();
    let index = tempfile::tempdir().expect("temp dir");
    let site = serve_common::site_of(corpus.path(), index.path());
    let base = serve_common::spawn(guize::serve::router(std::sync::Arc::new(site)));
    let get = |path: &str| {
        serve_common::answer(serve_common::agent().get(format!("{base}{path}")).call()).1
    };
    for path in [
        "/",
        "/doc/lixia",
        "/doc/lixia/39",
        "/doc/evil%1B%5B2J%07",
        "/report",
        "/compare/lixia:39",
        "/search?q=%E5%B8%B8%E5%8A%A1%E4%BC%9A%E8%AE%AE",
        "/numbers",
        "/nothing%1B%5B2J",
    ] {
        assert_safe(&format!("page {path}"), get(path).as_bytes(), false);
    }
    for path in [
        "/api/corpus",
        "/api/articles/lixia/39",
        "/api/compare/lixia:39",
    ] {
        let body = get(path);
        assert_safe(&format!("api {path}"), body.as_bytes(), false);
        serde_json::from_str::<serde_json::Value>(&body).expect("JSON parses");
    }
    let article = get("/api/articles/lixia/39");
    assert!(article.contains("\\u202e"), "{article}");
}

// 5. Big and odd inputs --------------------------------------------------------------------------

#[test]
fn odd_files_cost_nothing_to_the_others() {
    let corpus = two_docs();
    let index = tempfile::tempdir().expect("temp dir");
    let root = corpus.path();
    // One stray byte in a UTF-8 document: decoded, with the line named.
    let mut bytes = "某规则\n第一条 本规则适用于全区。\n第二条 区政府"
        .as_bytes()
        .to_vec();
    bytes.push(0xff);
    bytes.extend("负责解释。\n".as_bytes());
    std::fs::write(root.join("stray.txt"), bytes).expect("write");
    // NUL bytes after the first 8 KiB.
    let mut late = String::from("某办法\n");
    for i in 1..=200 {
        late.push_str(&format!(
            "第{i}条 本办法的第{i}条规定有关事项的办理程序和时限。\n"
        ));
    }
    let mut late = late.into_bytes();
    assert!(late.len() > 8192);
    late.extend([0u8; 16]);
    late.extend("第二百零一条 本办法自印发之日起施行。\n".as_bytes());
    std::fs::write(root.join("late-nul.txt"), late).expect("write");
    // A huge sparse file: refused by its size and named as binary from its head (all NUL bytes),
    // never read further; a huge file that starts as text is refused by its size alone.
    let sparse = std::fs::File::create(root.join("sparse.txt")).expect("create");
    sparse.set_len(2 << 30).expect("sparse");
    std::fs::write(
        root.join("huge.md"),
        "# 某办法\n\n第一条 正文。\n".repeat(800),
    )
    .expect("write");
    std::fs::OpenOptions::new()
        .append(true)
        .open(root.join("huge.md"))
        .and_then(|f| f.set_len(64 << 20))
        .expect("huge");
    // Articles in a Markdown blockquote and in a list.
    std::fs::write(
        root.join("quoted.md"),
        "# 某某规定\n\n> 第一条 为了规范工作，制定本规定。\n>\n> 第二条 本规定自发布之日起施行。\n\n- 第三条 列表中的条文也是条文。\n",
    )
    .expect("write");
    let out = cmd::succeeded(guize(root, index.path()).args(["corpus", "--json"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let docs = v["documents"].as_array().expect("documents");
    let doc = |id: &str| docs.iter().find(|d| d["id"] == id);
    assert_eq!(doc("lixia").expect("lixia")["articles"], 78);
    assert_eq!(doc("stray").expect("stray")["articles"], 2);
    assert!(
        doc("stray").expect("stray")["warnings"][0]
            .as_str()
            .is_some_and(|w| w.contains("invalid UTF-8 on line 3")),
        "{v}"
    );
    let late = doc("late-nul").expect("late-nul");
    assert_eq!(late["articles"], 201);
    assert!(late["warnings"].to_string().contains("NUL bytes removed"));
    assert!(doc("sparse").is_none());
    let warnings = v["warnings"].to_string();
    let warning_of = |name: &str| {
        v["warnings"]
            .as_array()
            .and_then(|ws| ws.iter().find(|w| w.to_string().contains(name)))
            .map(|w| w.to_string())
            .unwrap_or_default()
    };
    assert!(
        warning_of("sparse.txt").contains("binary file, not text (2147.5 MB)"),
        "{warnings}"
    );
    assert!(doc("huge").is_none());
    assert!(
        warning_of("huge.md").contains("67.1 MB, larger than a regulation can be"),
        "{warnings}"
    );
    assert_eq!(doc("quoted").expect("quoted")["articles"], 3, "{stderr}");
    // Articles keep no trace of the quote marker.
    let article = stdout_of(guize(root, index.path()).args(["show", "quoted", "2"]));
    assert!(article.contains("\n本规定自发布之日起施行。"), "{article}");
}

#[test]
fn any_limit_is_an_answer_or_a_usage_error() {
    let corpus = two_docs();
    let index = tempfile::tempdir().expect("temp dir");
    // The highest limit is an answer: every hit there is.
    let out = stdout_of(
        guize(corpus.path(), index.path()).args(["search", "--limit", "1000000", "--json", "会议"]),
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        v["hits"].as_array().expect("hits").len(),
        v["total"].as_u64().expect("total") as usize
    );
    // Below and above the range: one usage error that says the range.
    for limit in [
        "0",
        "1000001",
        "18446744073709551615",
        "99999999999999999999",
        "1e3",
    ] {
        guize(corpus.path(), index.path())
            .args(["search", "--limit", limit, "会议"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("a whole number from 1 to 1000000"));
    }
}

// 6. Closed stdout -------------------------------------------------------------------------------

#[test]
fn every_command_exits_0_when_stdout_closes_early() {
    // The shipped corpus: the gold files of `eval` name its five documents.
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let index = tempfile::tempdir().expect("temp dir");
    let gold_align =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/alignment-dev.json");
    let gold_search = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/queries-dev.json");
    let gold_numbers =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/numbers-gold.json");
    let (ga, gs, gn) = (
        gold_align.to_str().expect("path"),
        gold_search.to_str().expect("path"),
        gold_numbers.to_str().expect("path"),
    );
    let commands: Vec<Vec<&str>> = vec![
        vec!["corpus"],
        vec!["corpus", "--json"],
        vec!["show", "lixia"],
        vec!["show", "lixia", "39", "--json"],
        vec!["articles"],
        vec!["articles", "--json"],
        vec!["segment", "区政府常务会议"],
        vec!["segment", "--json", "区政府常务会议"],
        vec!["index"],
        vec!["search", "会议"],
        vec!["search", "--json", "会议"],
        vec!["align"],
        vec!["align", "--json"],
        vec!["compare", "lixia:39"],
        vec!["compare", "lixia:39", "--json"],
        vec!["report", "-o", "-"],
        vec!["report", "--format", "json", "-o", "-"],
        vec!["numbers"],
        vec!["numbers", "--json"],
        vec!["precedent", "区政府常务会议一般每两周召开1次"],
        vec!["precedent", "--json", "区政府常务会议一般每两周召开1次"],
        vec!["eval", "align", "--gold", ga],
        vec!["eval", "align", "--json", "--gold", ga],
        vec!["eval", "search", "--gold", gs],
        vec!["eval", "search", "--json", "--gold", gs],
        vec!["eval", "numbers", "--gold", gn],
        vec!["eval", "numbers", "--json", "--gold", gn],
    ];
    for args in &commands {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("guize"))
            .arg("--corpus")
            .arg(&corpus)
            .arg("--index")
            .arg(index.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        // The reader goes away before guize writes anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("waits");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

// 7. A damaged or locked index -------------------------------------------------------------------

fn generation(index: &Path) -> PathBuf {
    let name = std::fs::read_to_string(index.join("CURRENT")).expect("CURRENT");
    index.join(name.trim())
}

#[test]
fn a_flipped_byte_in_any_index_file_is_rebuilt_never_a_panic_or_a_different_answer() {
    let corpus = two_docs();
    let index = tempfile::tempdir().expect("temp dir");
    let search = || {
        let mut cmd = guize(corpus.path(), index.path());
        cmd.args(["search", "--json", "--limit", "20", "常务会议 召开"]);
        cmd
    };
    let expected = stdout_of(&mut search());
    let gen_dir = generation(index.path());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&gen_dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(files.len() > 3);
    let names: Vec<std::ffi::OsString> = files
        .iter()
        .filter_map(|f| f.file_name().map(|n| n.to_os_string()))
        .collect();
    for name in names {
        for third in 0..3 {
            // A rebuild replaces the generation: each flip goes to the live one.
            let path = generation(index.path()).join(&name);
            let Ok(mut bytes) = std::fs::read(&path) else {
                break;
            };
            if bytes.is_empty() {
                break;
            }
            let at = (bytes.len() - 1) * third / 2;
            bytes[at] ^= 0x5a;
            std::fs::write(&path, &bytes).expect("write");
            let out = search().output().expect("runs");
            let code = out.status.code();
            assert!(
                matches!(code, Some(0 | 1)),
                "{} byte {at}: exit {code:?}: {}",
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            if code == Some(0) {
                assert_eq!(
                    String::from_utf8_lossy(&out.stdout),
                    expected,
                    "{} byte {at}: a different answer",
                    path.display()
                );
            }
            if path.exists() {
                bytes[at] ^= 0x5a;
                std::fs::write(&path, &bytes).expect("restore");
            }
        }
    }
}

#[test]
fn a_process_waiting_for_the_index_lock_says_so() {
    let corpus = two_docs();
    let index = tempfile::tempdir().expect("temp dir");
    stdout_of(guize(corpus.path(), index.path()).arg("index"));
    let lock = std::fs::File::options()
        .write(true)
        .open(index.path().join(".lock"))
        .expect("lock file");
    lock.lock().expect("lock");
    // A third document: the index is stale, so the second run must rebuild and wait (an index
    // already built from exactly these files is left alone without taking the lock).
    std::fs::copy(shipped("yanzhou.txt"), corpus.path().join("yanzhou.txt")).expect("copy");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("guize"))
        .arg("--corpus")
        .arg(corpus.path())
        .arg("--index")
        .arg(index.path())
        .arg("index")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    // The lock is let go once the second run says it waits (not after a fixed time, which a
    // loaded machine may not reach the lock within), or after a minute, when the test fails.
    let mut stderr = std::io::BufReader::new(child.stderr.take().expect("stderr"));
    let (said, heard) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut all = String::new();
        let mut line = String::new();
        while std::io::BufRead::read_line(&mut stderr, &mut line).is_ok_and(|n| n > 0) {
            if line.contains("waiting for another guize process") {
                let _ = said.send(());
            }
            all.push_str(&line);
            line.clear();
        }
        all
    });
    let waited = heard.recv_timeout(std::time::Duration::from_secs(60));
    lock.unlock().expect("unlock");
    let status = child.wait().expect("waits");
    let err = reader.join().expect("reader");
    assert!(waited.is_ok(), "no word of waiting: {err}");
    assert!(status.success(), "{err}");
}

#[test]
fn an_index_that_cannot_be_rebuilt_says_why_it_had_to_be() {
    let corpus = two_docs();
    let index = tempfile::tempdir().expect("temp dir");
    stdout_of(guize(corpus.path(), index.path()).arg("index"));
    // A lock file that can be read but never opened for writing (a folder in its place) stands
    // for an index on a read-only file system: a search of the fresh index still answers.
    let lock = index.path().join(".lock");
    std::fs::remove_file(&lock).expect("remove lock");
    std::fs::create_dir(&lock).expect("lock folder");
    stdout_of(guize(corpus.path(), index.path()).args(["search", "常务会议"]));
    // The corpus changes: the index is out of date, and the message says so, not only that a
    // file could not be written.
    std::fs::copy(shipped("yanzhou.txt"), corpus.path().join("yanzhou.txt")).expect("copy");
    let out = guize(corpus.path(), index.path())
        .args(["search", "常务会议"])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("out of date") && err.contains("cannot write") && err.contains(".lock"),
        "{err}"
    );
}

// 8. Quiet wrong answers -------------------------------------------------------------------------

#[test]
fn quiet_wrong_answers_become_clear_messages() {
    let index = tempfile::tempdir().expect("temp dir");
    let empty = tempfile::tempdir().expect("temp dir");
    for args in [
        &["corpus"][..],
        &["search", "会议"],
        &["precedent", "区政府常务会议每月召开"],
    ] {
        guize(empty.path(), index.path())
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("has no documents"));
    }
    let corpus = two_docs();
    guize(corpus.path(), index.path())
        .args(["search", "\"每两周召开 会议"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unbalanced quote"));
    // An upper-cased group id is the same group, never search words.
    let lower: serde_json::Value = serde_json::from_str(&stdout_of(
        guize(corpus.path(), index.path()).args(["compare", "lixia:39", "--json"]),
    ))
    .expect("JSON");
    let id = lower["group"]["id"].as_str().expect("id").to_string();
    let upper: serde_json::Value =
        serde_json::from_str(&stdout_of(guize(corpus.path(), index.path()).args([
            "compare",
            &id.to_uppercase(),
            "--json",
        ])))
        .expect("JSON");
    assert_eq!(upper["group"]["id"], id.as_str());
    guize(corpus.path(), index.path())
        .args(["compare", "GFFFFFFFFFF"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no clause group GFFFFFFFFFF"));
    // A manifest saved with a byte order mark.
    let manifest = corpus.path().join("manifest.json");
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(&manifest, format!("\u{feff}{text}")).expect("write");
    guize(corpus.path(), index.path())
        .arg("corpus")
        .assert()
        .success()
        .stdout(predicate::str::contains("历下区"));
    // --index naming a file.
    let file = index.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    guize(corpus.path(), &file)
        .args(["search", "会议"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a folder"));
}

// 9. Markdown report ids -------------------------------------------------------------------------

#[test]
fn markdown_ids_cannot_break_out_of_code_or_table_cells() {
    let corpus = two_docs();
    let index = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        shipped("yanzhou.txt"),
        corpus.path().join("x`<img src=x onerror=alert(1)>`y.txt"),
    )
    .expect("copy");
    std::fs::copy(shipped("zhoucun.txt"), corpus.path().join("a|b.txt")).expect("copy");
    let md = stdout_of(
        guize(corpus.path(), index.path()).args(["report", "--format", "markdown", "-o", "-"]),
    );
    assert!(!md.contains("<img"), "a live tag");
    // Every row of the documents table has as many cell borders as its header (five with the
    // `In tables` column the long id brings).
    let borders = |row: &str| row.len() - row.replace('|', "").len() - row.matches("\\|").count();
    let mut table = md.lines().skip_while(|l| !l.starts_with("| Document |"));
    let header = table.next().expect("the documents table");
    let rows: Vec<&str> = table.skip(1).take_while(|l| l.starts_with('|')).collect();
    assert_eq!(rows.len(), 4);
    assert!(borders(header) >= 4, "{header}");
    for row in rows {
        assert_eq!(borders(row), borders(header), "{row}");
    }
}

/// A title that is markup reaches no Markdown line raw: the "Compared with" sentence is escaped
/// like the headings.
#[test]
fn markdown_base_sentence_escapes_the_document_name() {
    let corpus = two_docs();
    let index = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        corpus.path().join("e<v>il.txt"),
        "某区<script>alert(1)</script>工作规则\n第一条 养犬人携犬出户时，应当为犬只佩戴犬牌并束犬链。\n",
    )
    .expect("write");
    let md = stdout_of(
        guize(corpus.path(), index.path()).args(["compare", "e<v>il:1", "--format", "markdown"]),
    );
    assert!(md.contains("Compared with 某区&lt;script&gt;"), "{md}");
    assert!(!md.contains("<script"), "a live tag: {md}");
}

/// A standard output that cannot be written (`> /dev/full`) is one message that says so, exit
/// code 1, never a panic; `completions` included (clap_complete panics on a failing writer).
#[cfg(target_os = "linux")]
#[test]
fn a_full_stdout_is_one_clear_error_never_a_panic() {
    let corpus = two_docs();
    let index = tempfile::tempdir().expect("temp dir");
    for args in [
        &["completions", "bash"][..],
        &["completions", "elvish"],
        &["search", "会议"],
        &["articles", "--json"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_guize"))
            .arg("--corpus")
            .arg(corpus.path())
            .arg("--index")
            .arg(index.path())
            .args(args)
            .stdout(full)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "{args:?}: {stderr}"
        );
        assert_eq!(
            stderr.matches("standard output").count(),
            1,
            "{args:?}: {stderr}"
        );
    }
}

/// `-o` with an extension the command does not write is an error naming the ones it does, and
/// no file of the wrong kind is left under that name; `-o r` (no extension) keeps the default.
#[test]
fn an_output_name_of_an_unknown_kind_is_an_error_not_html() {
    let corpus = two_docs();
    let index = tempfile::tempdir().expect("temp dir");
    let out_dir = tempfile::tempdir().expect("temp dir");
    for (args, name) in [
        (&["report", "-o"][..], "r.pdf"),
        (&["report", "-o"], "r.txt"),
        (&["compare", "lixia:39", "-o"], "c.pdf"),
    ] {
        let path = out_dir.path().join(name);
        let out = guize(corpus.path(), index.path())
            .args(args)
            .arg(&path)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(
            stderr.contains("is not a format this command writes") && stderr.contains(".html"),
            "{name}: {stderr}"
        );
        assert!(!path.exists(), "{name} written");
    }
    let plain = out_dir.path().join("r");
    guize(corpus.path(), index.path())
        .args(["report", "-o"])
        .arg(&plain)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&plain)
            .expect("written")
            .starts_with("<!DOCTYPE html>")
    );
}

/// A newline or a tab in a file name is a control character like ESC: the id shows its visible
/// sign (␊, ␉) on the terminal, so it breaks no line or table, and a user may still type the
/// name either way.
#[test]
fn a_newline_or_tab_in_a_file_name_is_shown_as_a_sign() {
    let dir = tempfile::tempdir().expect("temp dir");
    // No title line: the title is the id, so that every output names the documents by it.
    let text =
        "第一条 区政府常务会议一般每两周召开1次。\n第二条 区政府全体会议一般每半年召开1次。\n";
    std::fs::write(dir.path().join("a\nb.txt"), text).expect("write");
    std::fs::write(dir.path().join("c\td.txt"), text.replace("两周", "月")).expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    for args in [
        &["corpus"][..],
        &["align"],
        &["search", "常务会议"],
        &["search", "常务会议", "--doc", "a\nb"],
        &["search", "常务会议", "--doc", "a␊b"],
        &["show", "c\td", "1"],
    ] {
        let out = stdout_of(guize(dir.path(), index.path()).args(args));
        assert!(
            !out.contains("a\nb")
                && !out.contains("c\td")
                && !out.lines().any(|l| l.starts_with('b')),
            "{args:?}: {out}"
        );
        assert!(
            out.contains("a␊b") || out.contains("c␉d"),
            "{args:?}: {out}"
        );
    }
    // JSON carries the same id.
    let out = stdout_of(guize(dir.path(), index.path()).args(["corpus", "--json"]));
    assert!(out.contains("a␊b") && out.contains("c␉d"), "{out}");
}

/// An article far longer than any real one (a regulation pasted under one 第二条) is warned
/// about when the corpus loads, with the paragraphs alignment weighs.
#[test]
fn a_runaway_article_is_warned_about() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::from(
        "某市志愿服务条例\n第一条 为了规范志愿服务，制定本条例。\n第二条 本条例适用于本市。\n",
    );
    for i in 0..600 {
        text.push_str(&format!(
            "志愿服务组织应当为志愿者购买人身意外伤害保险，第{i}项。\n"
        ));
    }
    text.push_str("第三条 本条例自公布之日起施行。\n");
    std::fs::write(dir.path().join("big.txt"), text).expect("write");
    std::fs::copy(shipped("lixia.txt"), dir.path().join("lixia.txt")).expect("copy");
    let index = tempfile::tempdir().expect("temp dir");
    let out = guize(dir.path(), index.path())
        .args(["corpus", "--warnings"])
        .output()
        .expect("runs");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        all.contains("第二条 holds 601 paragraphs, more than any real article"),
        "{all}"
    );
    assert!(!all.contains("第一条 holds"), "{all}");
}

/// `guize search` run on a terminal (util-linux `script` gives it one) with `TERM` set to `term`:
/// what the terminal receives. None where `script` is missing.
#[cfg(unix)]
fn on_a_terminal(corpus: &Path, index: &Path, term: &str) -> Option<String> {
    let script = Path::new("/usr/bin/script");
    if !script.exists() {
        eprintln!("skipped: no /usr/bin/script to give guize a terminal");
        return None;
    }
    let bin = assert_cmd::cargo::cargo_bin("guize");
    let quote = |p: &Path| format!("'{}'", p.display().to_string().replace('\'', r"'\''"));
    let line = format!(
        "{} --corpus {} --index {} search 常务会议 --limit 1",
        quote(&bin),
        quote(corpus),
        quote(index)
    );
    let out = std::process::Command::new(script)
        .args(["-qec", &line, "/dev/null"])
        .env("TERM", term)
        .env_remove("NO_COLOR")
        .env_remove("GUIZE_CORPUS")
        .env_remove("GUIZE_INDEX")
        .stdin(Stdio::null())
        .output()
        .expect("script runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(unix)]
#[test]
fn a_dumb_terminal_gets_no_colour() {
    let corpus = two_docs();
    let index = tempfile::tempdir().expect("temp dir");
    let Some(colour) = on_a_terminal(corpus.path(), index.path(), "xterm-256color") else {
        return;
    };
    // The terminal is real: an ordinary one gets colour.
    assert!(colour.contains("\u{1b}["), "{colour:?}");
    let Some(dumb) = on_a_terminal(corpus.path(), index.path(), "dumb") else {
        return;
    };
    assert!(dumb.contains("常务会议"), "{dumb:?}");
    assert!(!dumb.contains('\u{1b}'), "{dumb:?}");
}
