//! The README's examples are real output. Every ```console block of README.md holds commands
//! (`$ guize …`) each followed by its output; this test runs them from the checkout on the shipped
//! corpus (an index of its own in cargo's temporary folder, colour off, stderr merged into stdout)
//! and fails when the README says anything else. A last output line `…` means the output goes on
//! and only the lines above it are checked. Commands against `http://127.0.0.1:8080` run against a
//! `guize serve --port 0` started for the block.
//!
//! `UPDATE_README=1 cargo test --release --test readme` rewrites the outputs in place (keeping
//! each `…` cut at the same number of lines); review the diff.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn index_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("readme-index")
}

/// A shell command with `guize` on the PATH, the shipped corpus and the test's index.
fn shell(line: &str) -> Command {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_guize"));
    let dir = bin.parent().expect("the binary's folder").to_path_buf();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![dir];
    paths.extend(std::env::split_paths(&path));
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("{line} 2>&1"))
        .current_dir(root())
        .env("PATH", std::env::join_paths(paths).expect("PATH"))
        .env("NO_COLOR", "1")
        .env("GUIZE_INDEX", index_dir())
        .env_remove("GUIZE_CORPUS")
        .env_remove("COLUMNS");
    cmd
}

/// One command of a console block and the output the README shows.
struct Example {
    /// Line index of the `$ ` line in the README.
    at: usize,
    command: String,
    shown: Vec<String>,
    /// The README cuts the output with a last `…` line.
    cut: bool,
}

/// The console blocks: (line of the opening fence, examples).
fn blocks(lines: &[&str]) -> Vec<(usize, usize, Vec<Example>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_end() != "```console" {
            i += 1;
            continue;
        }
        let start = i;
        let mut examples: Vec<Example> = Vec::new();
        i += 1;
        while i < lines.len() && lines[i].trim_end() != "```" {
            if let Some(cmd) = lines[i].strip_prefix("$ ") {
                examples.push(Example {
                    at: i,
                    command: cmd.to_string(),
                    shown: Vec::new(),
                    cut: false,
                });
            } else if let Some(e) = examples.last_mut() {
                if lines[i].trim_end() == "…" {
                    e.cut = true;
                } else {
                    e.shown.push(lines[i].trim_end().to_string());
                }
            }
            i += 1;
        }
        out.push((start, i, examples));
        i += 1;
    }
    out
}

/// `guize serve --port 0`, stopped when dropped; its URL without the trailing slash.
struct Server(Child, String);

impl Server {
    fn start() -> Server {
        let mut child = shell("exec guize serve --port 0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("guize serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut url = String::new();
        for line in BufReader::new(stdout).lines() {
            let line = line.expect("a line");
            if line.starts_with("http://") {
                url = line.trim_end_matches('/').to_string();
                break;
            }
        }
        assert!(!url.is_empty(), "guize serve printed no URL");
        Server(child, url)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

const SERVE_URL: &str = "http://127.0.0.1:8080";

#[test]
fn readme_examples_are_real_output() {
    let path = root().join("README.md");
    let text = std::fs::read_to_string(&path).expect("README.md");
    let lines: Vec<&str> = text.lines().collect();
    // The index is built first, so no example shows the message of building it.
    let built = shell("guize index").output().expect("guize index");
    assert!(built.status.success(), "{built:?}");
    let update = std::env::var_os("UPDATE_README").is_some();
    let mut replaced: Vec<(usize, usize, Vec<String>)> = Vec::new();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (_, _, examples) in blocks(&lines) {
        let server = examples
            .iter()
            .any(|e| e.command.contains(SERVE_URL))
            .then(Server::start);
        for (k, e) in examples.iter().enumerate() {
            let command = match &server {
                Some(s) => e.command.replace(SERVE_URL, &s.1),
                None => e.command.clone(),
            };
            let out = shell(&command).output().expect("runs");
            let real: Vec<String> = String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(|l| l.trim_end().to_string())
                .collect();
            let want = if e.cut {
                real.iter().take(e.shown.len()).cloned().collect()
            } else {
                real.clone()
            };
            checked += 1;
            if want != e.shown {
                wrong.push(format!(
                    "README.md:{}: $ {}\n--- README\n{}\n--- real\n{}",
                    e.at + 1,
                    e.command,
                    e.shown.join("\n"),
                    want.join("\n")
                ));
                let end = examples.get(k + 1).map_or(
                    // The output runs to the closing fence.
                    e.at + 1 + e.shown.len() + usize::from(e.cut),
                    |next| next.at,
                );
                let mut new = want;
                if e.cut {
                    new.push("…".to_string());
                }
                replaced.push((e.at + 1, end, new));
            }
        }
    }
    assert!(checked >= 5, "only {checked} README examples found");
    if update && !replaced.is_empty() {
        let mut out: Vec<String> = Vec::new();
        let mut at = 0;
        for (start, end, new) in &replaced {
            out.extend(lines[at..*start].iter().map(|l| l.to_string()));
            out.extend(new.iter().cloned());
            at = *end;
        }
        out.extend(lines[at..].iter().map(|l| l.to_string()));
        std::fs::write(&path, out.join("\n") + "\n").expect("README.md rewritten");
        eprintln!("README.md: {} example outputs rewritten", replaced.len());
        return;
    }
    assert!(
        wrong.is_empty(),
        "README examples differ from the real output (UPDATE_README=1 rewrites them):\n\n{}",
        wrong.join("\n\n")
    );
}

/// Prose figures the console blocks cannot hold: no leftover placeholder (an upper-case NAME_LIKE
/// word outside backticks, such as a `LOAD_FIGURES` never filled in), and every "N groups" said
/// of the five is what `guize align` makes of them.
#[test]
fn readme_prose_has_no_placeholder_and_the_real_group_count() {
    let text = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let placeholder = regex::Regex::new(r"\b[A-Z][A-Z0-9]+(_[A-Z0-9]+)+\b").expect("regex");
    for (n, line) in text.lines().enumerate() {
        // Outside `code spans`: the odd pieces of a split on backticks.
        for prose in line.split('`').step_by(2) {
            if let Some(m) = placeholder.find(prose) {
                panic!(
                    "README.md:{}: placeholder {:?} in {line:?}",
                    n + 1,
                    m.as_str()
                );
            }
        }
    }
    let out = shell("guize align --json").output().expect("guize align");
    // stderr is merged: the JSON is the line that opens an object.
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with('{'))
        .expect("a JSON line");
    let aligned: serde_json::Value = serde_json::from_str(line).expect("guize align --json");
    let groups = aligned["groups"].as_array().expect("groups").len();
    // The `--json` sample's group is a real group, with the label the output gives it now.
    let sample = regex::Regex::new(r#""id": "(g[0-9a-f]{10})", "label": "([^"]+)""#).expect("re");
    let c = sample.captures(&text).expect("the align --json sample");
    let real = aligned["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["id"] == c[1])
        .unwrap_or_else(|| panic!("README's sample group {} is no group", &c[1]));
    assert_eq!(real["label"], c[2], "README's align --json sample label");
    let said = regex::Regex::new(r"(?:the five \(|five documents make )(\d+) groups").expect("re");
    let mut found = 0;
    for c in said.captures_iter(&text) {
        found += 1;
        assert_eq!(
            c[1].parse::<usize>().ok(),
            Some(groups),
            "README: {:?}",
            &c[0]
        );
    }
    assert!(found >= 2, "the README says how many groups the five make");
}

/// The `cd /tmp && guize corpus` example (a ```text block: its cache path depends on the user's
/// home) is real output: run in an empty folder with a fresh home and no index or corpus set, the
/// lines after its `…` are what guize prints, the home written as the README's `/root`.
#[test]
fn the_corpus_example_is_what_a_fresh_home_prints() {
    let text = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == "$ cd /tmp && guize corpus")
        .expect("the README's `cd /tmp && guize corpus` example");
    let shown: Vec<&str> = lines[at + 1..]
        .iter()
        .take_while(|l| !l.starts_with("```"))
        .skip_while(|l| **l == "…")
        .copied()
        .collect();
    let home = tempfile::tempdir().expect("temp home");
    let folder = tempfile::tempdir().expect("temp folder");
    let out = Command::new(env!("CARGO_BIN_EXE_guize"))
        .arg("corpus")
        .current_dir(folder.path())
        .env("HOME", home.path())
        .env("NO_COLOR", "1")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("GUIZE_INDEX")
        .env_remove("GUIZE_CORPUS")
        .env_remove("COLUMNS")
        .output()
        .expect("guize corpus");
    assert!(out.status.success());
    let printed =
        String::from_utf8_lossy(&out.stdout).replace(&home.path().display().to_string(), "/root");
    let all: Vec<&str> = printed.lines().collect();
    let tail = &all[all.len().saturating_sub(shown.len())..];
    assert_eq!(
        tail, shown,
        "README's `guize corpus` example; guize printed:\n{printed}"
    );
}

/// A new user meets `--corpus ../shared/corpora/lawrefbook` in the examples: a folder that exists
/// only beside a development checkout. Before the first mention, the README says what lawrefbook
/// is and where to get it, so the example is one to adapt, not a dead end.
#[test]
fn readme_says_where_lawrefbook_comes_from_before_using_it() {
    let text = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let source = text
        .find("github.com/LawRefBook/Laws")
        .expect("README names the repository lawrefbook comes from");
    let first_use = text
        .find("../shared/corpora/lawrefbook")
        .expect("README uses the shared lawrefbook");
    assert!(
        source < first_use,
        "README uses ../shared/corpora/lawrefbook (byte {first_use}) before saying what it is \
         (byte {source})"
    );
}

/// The `guize search --json` sample (a ```json block, shown wrapped) holds the real first hit of
/// `guize search 常务会议 --limit 1 --json`: its article, lines and score as printed. The score
/// had stayed at an earlier ranking's 3.210012.
#[test]
fn the_search_json_sample_is_the_real_first_hit() {
    let text = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let start = text
        .find(r#"{"query": "常务会议", "words": ["常务会议"]"#)
        .expect("the search --json sample");
    let sample = &text[start..];
    let sample = &sample[..sample.find("```").expect("the sample's block ends")];
    let out = shell("guize search 常务会议 --limit 1 --json 2>/dev/null")
        .output()
        .expect("guize search");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with('{'))
        .expect("a JSON line");
    let real: serde_json::Value = serde_json::from_str(line).expect("search --json");
    let hit = &real["hits"][0];
    for (key, shown) in [
        ("total", real["total"].to_string()),
        ("article", hit["article"].to_string()),
        ("score", hit["score"].to_string()),
        (
            "lines",
            format!("[{}, {}]", hit["lines"][0], hit["lines"][1]),
        ),
    ] {
        let said = format!("\"{key}\": {shown}");
        assert!(
            sample.contains(&said),
            "README's search --json sample should say {said}:\n{sample}"
        );
    }
}

/// The `guize numbers --json` sample holds the real first figure of the five, field for field as
/// shown. It had said `"group": null` and a made-up span where the output gives the group of
/// 历下 第三十九条 and its real byte range.
#[test]
fn the_numbers_json_sample_is_the_real_first_figure() {
    let text = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let start = text
        .find(r#"{"provisions": [{"doc": "#)
        .expect("the numbers --json sample");
    let sample = &text[start..];
    let sample = &sample[..sample.find("```").expect("the sample's block ends")];
    let out = shell("guize numbers --json 2>/dev/null")
        .output()
        .expect("guize numbers");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with('{'))
        .expect("a JSON line");
    let real: serde_json::Value = serde_json::from_str(line).expect("numbers --json");
    let first = &real["provisions"][0];
    for key in [
        "doc",
        "article",
        "group",
        "group_label",
        "subject",
        "value",
        "max",
        "unit",
        "per",
        "qualifier",
        "bound",
        "soft",
        "implicit",
        "text",
        "span",
    ] {
        let value = &first[key];
        let shown = match value {
            serde_json::Value::Array(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            v => v.to_string(),
        };
        let said = format!("\"{key}\": {shown}");
        assert!(
            sample.contains(&said),
            "README's numbers --json sample should say {said}:\n{sample}"
        );
    }
    let normalized = &first["normalized"];
    let said = format!(
        "\"normalized\": {{\"value\": {}, \"max\": {}, \"unit\": {}}}",
        normalized["value"], normalized["max"], normalized["unit"]
    );
    assert!(
        sample.contains(&said),
        "README's numbers --json sample should say {said}:\n{sample}"
    );
}

/// The `guize articles --json` sample (历下 第三十九条) gives the article's real lines and byte
/// span, as the command prints them; it had kept a span of an earlier reading of the file.
#[test]
fn the_articles_json_sample_has_the_real_lines_and_span() {
    let text = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let start = text
        .find(r#"{"doc": "lixia", "district": "历下区", "title": "#)
        .expect("the articles --json sample");
    let sample = &text[start..];
    let sample = &sample[..sample.find("```").expect("the sample's block ends")];
    assert!(sample.contains(r#""article": 39, "sub": 0"#), "{sample}");
    let out = shell("guize articles --json 2>/dev/null")
        .output()
        .expect("guize articles");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let real: serde_json::Value = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|a| a["doc"] == "lixia" && a["article"] == 39)
        .expect("历下 第三十九条 in articles --json");
    let pair = |v: &serde_json::Value| format!("[{}, {}]", v[0], v[1]);
    let said = format!(
        "\"lines\": {}, \"span\": {}",
        pair(&real["lines"]),
        pair(&real["span"])
    );
    assert!(
        sample.contains(&said),
        "README's articles --json sample should say {said}:\n{sample}"
    );
}
