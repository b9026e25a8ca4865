//! guize as an installed tool: a copy of the binary far from the source tree answers from the
//! corpus built into it, every corpus keeps its own index (switching never rebuilds), and the
//! completion scripts and the manual page work. The real `cargo install` into a temporary root is
//! an ignored test (a full build: minutes).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary home: an empty current folder and cache, and a copy of the binary outside the
/// checkout, so nothing can be read from the source tree by accident.
struct Home {
    root: tempfile::TempDir,
    bin: PathBuf,
}

/// Runs a binary this test has just copied. While the copy was being written, another test
/// thread may have forked a child that holds the write handle until it execs; running the copy in
/// that moment fails with ETXTBSY ("Text file busy"), so that one error is retried briefly.
fn output_of_fresh_copy(cmd: &mut Command) -> Output {
    const TEXT_FILE_BUSY: i32 = 26;
    let mut tries = 0;
    loop {
        match cmd.output() {
            Err(e) if e.raw_os_error() == Some(TEXT_FILE_BUSY) && tries < 50 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other.expect("runs"),
        }
    }
}

impl Home {
    /// A copy of the binary this test was built with, run once (retrying ETXTBSY) so that no
    /// child forked while it was written still holds its write handle: a shell running it
    /// later (`bash -c`) cannot retry "Text file busy" itself.
    fn new() -> Home {
        let home = Home::with_binary(PathBuf::new());
        let bin = home.path("bin").join("guize");
        std::fs::copy(assert_cmd::cargo::cargo_bin("guize"), &bin).expect("copy the binary");
        let first = output_of_fresh_copy(Command::new(&bin).arg("--version"));
        assert!(first.status.success(), "{}", stderr(&first));
        Home { bin, ..home }
    }

    fn with_binary(bin: PathBuf) -> Home {
        let root = tempfile::tempdir().expect("temp dir");
        for d in ["bin", "cwd", "home", "cache"] {
            std::fs::create_dir(root.path().join(d)).expect("mkdir");
        }
        Home { root, bin }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    /// `guize ARGS` run in the empty folder, with HOME and XDG_CACHE_HOME inside the temp root.
    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(&self.bin);
        cmd.args(args)
            .current_dir(self.path("cwd"))
            .env("HOME", self.path("home"))
            .env("XDG_CACHE_HOME", self.path("cache"))
            .env("NO_COLOR", "1")
            .env_remove("GUIZE_CORPUS")
            .env_remove("GUIZE_INDEX");
        let out = output_of_fresh_copy(&mut cmd);
        assert!(
            out.status.success(),
            "guize {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_slice(&self.run(args).stdout).expect("JSON")
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const FIVE: [&str; 5] = ["lixia", "shizhong", "yanzhou", "zhoucun", "huancui"];

/// Checks that `search 常务会议` in the empty folder answers from the built-in five, builds the
/// index in the cache the first time only, and leaves the current folder empty.
fn answers_from_the_built_in_five(home: &Home) {
    let first = home.run(&["search", "--json", "常务会议"]);
    assert!(
        stderr(&first).contains("built the index"),
        "{}",
        stderr(&first)
    );
    let v: serde_json::Value = serde_json::from_slice(&first.stdout).expect("JSON");
    let hits = v["hits"].as_array().expect("hits");
    assert!(!hits.is_empty());
    for h in hits {
        let doc = h["doc"].as_str().expect("doc");
        assert!(FIVE.contains(&doc), "{doc}");
        assert!(h["snippet"].as_str().expect("snippet").contains("常务会议"));
    }
    let again = home.run(&["search", "常务会议"]);
    assert!(!stderr(&again).contains("built the index"), "rebuilt");
    assert!(String::from_utf8_lossy(&again.stdout).contains("常务会议"));

    let c = home.json(&["corpus", "--json"]);
    assert_eq!(c["corpus"]["source"], "built-in");
    assert_eq!(c["index"]["source"], "cache");
    assert_eq!(c["index"]["status"], "fresh");
    let index = PathBuf::from(c["index"]["path"].as_str().expect("index path"));
    assert!(
        index.starts_with(home.path("cache").join("guize")),
        "{index:?}"
    );
    assert!(index.join("CURRENT").is_file());
    let ids: Vec<&str> = c["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, FIVE);
    let cwd: Vec<_> = std::fs::read_dir(home.path("cwd")).expect("cwd").collect();
    assert!(cwd.is_empty(), "wrote into the current folder: {cwd:?}");
}

#[test]
fn a_copied_binary_answers_from_the_built_in_corpus_in_an_empty_folder() {
    answers_from_the_built_in_five(&Home::new());
}

/// The built-in five have no file a reader could open: every output that names a document's
/// source says `built-in lixia.txt`, never a path into `(built-in)/`.
#[test]
fn built_in_documents_are_named_as_built_in_never_as_a_path() {
    let home = Home::new();
    let show = String::from_utf8_lossy(&home.run(&["show", "lixia", "39"]).stdout).into_owned();
    assert_eq!(
        show.lines().nth(1),
        Some("built-in lixia.txt:65-72"),
        "{show}"
    );
    let corpus = home.run(&["corpus"]);
    let warned = stderr(&corpus);
    assert!(warned.contains("built-in zhoucun.txt:207: "), "{warned}");
    let c = home.json(&["corpus", "--json"]);
    assert_eq!(c["documents"][0]["path"], "built-in lixia.txt");
    for out in [show, warned, c.to_string()] {
        assert!(!out.contains("(built-in)/"), "{out}");
    }
}

#[test]
fn the_built_in_corpus_is_the_corpus_folder() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut on_disk: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
        .expect("corpus/")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("read"))
        })
        .collect();
    on_disk.sort();
    let built_in: Vec<(String, Vec<u8>)> = guize::builtin::FILES
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    assert_eq!(
        built_in.iter().map(|f| &f.0).collect::<Vec<_>>(),
        on_disk.iter().map(|f| &f.0).collect::<Vec<_>>(),
        "src/builtin.rs must list every file of corpus/"
    );
    assert!(built_in == on_disk, "a built-in file differs from corpus/");
}

/// A corpus folder with the given documents of the five (and the manifest).
fn corpus_of(dir: &Path, docs: &[&str]) {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    std::fs::create_dir_all(dir).expect("mkdir");
    for name in docs
        .iter()
        .map(|d| format!("{d}.txt"))
        .chain(["manifest.json".into()])
    {
        std::fs::copy(seeds.join(&name), dir.join(&name)).expect("copy");
    }
}

/// The names of the index generations in `dir`.
fn generations(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with("gen-"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn alternating_corpora_never_rebuild_after_the_first_time() {
    let home = Home::new();
    let (a, b, c) = (home.path("a"), home.path("b"), home.path("c"));
    corpus_of(&a, &FIVE);
    corpus_of(&b, &["lixia", "zhoucun"]);
    corpus_of(&c, &["shizhong"]);
    // c cannot hold its index (`.guize` is taken by a file): it goes to the user cache.
    std::fs::write(c.join(".guize"), "not a folder").expect("write");
    let corpora = [&a, &b, &c];
    let mut seen = Vec::new();
    for round in 0..3 {
        for corpus in corpora {
            let dir = corpus.to_string_lossy().into_owned();
            let out = home.run(&[
                "--corpus",
                &dir,
                "search",
                "--json",
                "--limit",
                "50",
                "常务会议",
            ]);
            let built = stderr(&out).contains("built the index");
            assert_eq!(built, round == 0, "round {round}, {dir}: {}", stderr(&out));
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
            let docs: std::collections::BTreeSet<&str> = v["hits"]
                .as_array()
                .expect("hits")
                .iter()
                .map(|h| h["doc"].as_str().expect("doc"))
                .collect();
            // Each corpus answers from its own documents only.
            let expected = match corpus {
                x if x == &b => vec!["lixia", "zhoucun"],
                x if x == &c => vec!["shizhong"],
                _ => FIVE.to_vec(),
            };
            assert_eq!(docs, expected.into_iter().collect(), "{dir}");
            let info = home.json(&["--corpus", &dir, "corpus", "--json"]);
            assert_eq!(info["index"]["status"], "fresh");
            let index = PathBuf::from(info["index"]["path"].as_str().expect("path"));
            let gens = generations(&index);
            assert_eq!(gens.len(), 1, "{index:?}");
            if round == 0 {
                seen.push((index, gens));
            } else {
                let i = corpora.iter().position(|x| x == &corpus).expect("known");
                assert_eq!(
                    (&index, &gens),
                    (&seen[i].0, &seen[i].1),
                    "same index, not rebuilt"
                );
            }
        }
    }
    assert_eq!(seen[0].0, a.join(".guize").join("index"));
    assert_eq!(seen[1].0, b.join(".guize").join("index"));
    assert!(seen[2].0.starts_with(home.path("cache")), "{:?}", seen[2].0);
    // The index inside a corpus does not count as part of it, and git does not see it.
    assert_eq!(
        std::fs::read_to_string(a.join(".guize/.gitignore"))
            .ok()
            .as_deref(),
        Some("*\n")
    );
}

#[test]
fn bash_loads_the_completions() {
    let home = Home::new();
    let script = format!(
        "source <('{}' completions bash) && complete -p guize",
        home.bin.display()
    );
    let out = Command::new("bash")
        .args(["-c", &script])
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("complete") && said.contains(" guize"),
        "{said}"
    );
    // The script knows the subcommands and the global options.
    let bash = String::from_utf8(home.run(&["completions", "bash"]).stdout).expect("UTF-8");
    for word in ["search", "compare", "precedent", "--corpus", "--index"] {
        assert!(bash.contains(word), "bash completions lack {word}");
    }
    for shell in ["zsh", "fish", "powershell"] {
        let text = String::from_utf8(home.run(&["completions", shell]).stdout).expect("UTF-8");
        assert!(
            text.contains("guize") && text.contains("precedent"),
            "{shell}"
        );
    }
}

#[test]
fn the_manual_page_renders() {
    let home = Home::new();
    let roff = String::from_utf8(home.run(&["man"]).stdout).expect("UTF-8");
    assert!(
        roff.contains(".TH guize 1"),
        "{}",
        &roff[..roff.len().min(300)]
    );
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(roff.contains(section), "no {section}");
    }
    assert!(roff.contains("GUIZE_CORPUS") && roff.contains("guize\\-search(1)"));
    let file = home.path("guize.1");
    home.run(&["man", "-o", &file.to_string_lossy()]);
    assert_eq!(std::fs::read_to_string(&file).expect("written"), roff);
    // SEE ALSO names every subcommand's page, and `-o DIR` writes them all.
    let see_also = &roff[roff.find(".SH \"SEE ALSO\"").expect("SEE ALSO")..];
    assert!(see_also.contains("guize\\-precedent(1)"), "{see_also}");
    let dir = home.path("man1");
    std::fs::create_dir(&dir).expect("mkdir");
    home.run(&["man", "-o", &dir.to_string_lossy()]);
    assert_eq!(
        std::fs::read_to_string(dir.join("guize.1")).expect("written"),
        roff
    );
    let page = std::fs::read_to_string(dir.join("guize-search.1")).expect("search page");
    assert!(page.contains(".TH guize-search 1") && page.contains("guize(1)"));
    assert!(!dir.join("guize-help.1").exists());
    // A subcommand's own subcommands have pages too, named from their parent's.
    let eval = std::fs::read_to_string(dir.join("guize-eval.1")).expect("eval page");
    assert!(eval.contains("guize\\-eval\\-align(1)"), "{eval}");
    let align = std::fs::read_to_string(dir.join("guize-eval-align.1")).expect("eval align page");
    assert!(align.contains(".TH guize-eval-align 1") && align.contains("guize\\-eval(1)"));
    assert!(!dir.join("guize-eval-help.1").exists());
    let search = String::from_utf8(home.run(&["man", "search"]).stdout).expect("UTF-8");
    assert!(
        search.contains(&format!(
            ".TH guize-search 1  \"guize {}\"",
            env!("CARGO_PKG_VERSION")
        )) && search.contains("\\-\\-limit")
    );

    // man itself (man-db; .ci/run installs it) formats the page.
    let Ok(rendered) = Command::new("sh")
        .arg("-c")
        .arg(format!("'{}' man | man -l -P cat -", home.bin.display()))
        .env("MANWIDTH", "80")
        .output()
    else {
        return;
    };
    // man justifies lines: compare with single spaces.
    let text = String::from_utf8_lossy(&rendered.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if !rendered.status.success() && !has_man() {
        eprintln!("man is not installed; the roff was checked, not its rendering");
        return;
    }
    assert!(rendered.status.success(), "{}", stderr(&rendered));
    assert!(
        text.contains("NAME") && text.contains("guize - Search and compare"),
        "{text}"
    );
}

/// `guize man -o ~/.local/share/man/man1/`, with guize installed where `cargo install` puts it
/// (`~/.cargo/bin`, so `~/.local/bin` is not on `PATH`): `man guize` would not find the pages, and
/// the command says so and how to make it; with the folder in `MANPATH` it says nothing more.
#[test]
fn pages_written_where_man_does_not_look_say_so() {
    let home = Home::new();
    let has_manpath = Command::new("manpath")
        .arg("-q")
        .output()
        .is_ok_and(|o| o.status.success());
    let dir = home.path("home").join(".local/share/man/man1");
    let write = |manpath: Option<&Path>| {
        let mut cmd = Command::new(&home.bin);
        cmd.args(["man", "-o"])
            .arg(format!("{}/", dir.display()))
            .env("HOME", home.path("home"))
            .env("PATH", "/usr/local/bin:/usr/bin:/bin");
        match manpath {
            Some(p) => cmd.env("MANPATH", p),
            None => cmd.env_remove("MANPATH"),
        };
        let out = output_of_fresh_copy(&mut cmd);
        assert!(out.status.success(), "{}", stderr(&out));
        stderr(&out)
    };
    let said = write(None);
    assert!(said.contains("manual pages into"), "{said}");
    assert!(dir.join("guize.1").is_file());
    if !has_manpath {
        eprintln!("no manpath here: the note is not checked");
        return;
    }
    let root = std::fs::canonicalize(dir.parent().expect("parent")).expect("root");
    assert!(
        said.contains(&format!("`man guize` does not look in {}", root.display())),
        "{said}"
    );
    assert!(said.contains("export MANPATH="), "{said}");
    let said = write(Some(&root));
    assert!(!said.contains("does not look"), "{said}");
}

fn has_man() -> bool {
    Command::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The real thing: `cargo install --path . --locked --offline --root DIR` (a full release build, minutes),
/// then the installed binary in an empty folder. `cargo test --release --test install -- --ignored`.
#[test]
#[ignore]
fn cargo_install_into_a_temporary_root() {
    let root = tempfile::tempdir().expect("temp dir");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let started = std::time::Instant::now();
    let out = Command::new(cargo)
        .args([
            "install",
            "--path",
            env!("CARGO_MANIFEST_DIR"),
            "--locked",
            "--offline",
            "--root",
        ])
        .arg(root.path())
        .arg("--target-dir")
        .arg(root.path().join("target"))
        .output()
        .expect("cargo install runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let bin = root.path().join("bin").join("guize");
    eprintln!(
        "cargo install: {:.0} s; binary {:.1} MB",
        started.elapsed().as_secs_f64(),
        std::fs::metadata(&bin).expect("installed").len() as f64 / 1e6
    );
    answers_from_the_built_in_five(&Home::with_binary(bin));
}

/// `guize ARGS --help` at 80 columns (as in a narrow terminal).
fn help_at_80(args: &[&str]) -> String {
    let out = Command::new(assert_cmd::cargo::cargo_bin("guize"))
        .args(args)
        .arg("--help")
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{args:?} --help");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The subcommands a help page lists under `Commands:` (without clap's `help`).
fn subcommands_of(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// Every help page at 80 columns, parents of subcommands included: (the subcommand path, its help).
fn every_help_page() -> Vec<(Vec<String>, String)> {
    let mut pages: Vec<Vec<String>> = vec![Vec::new()];
    let mut out = Vec::new();
    while let Some(path) = pages.pop() {
        let args: Vec<&str> = path.iter().map(String::as_str).collect();
        let help = help_at_80(&args);
        for sub in subcommands_of(&help) {
            let mut deeper = path.clone();
            deeper.push(sub);
            pages.push(deeper);
        }
        out.push((path, help));
    }
    out
}

#[test]
fn every_help_example_is_one_whole_command_at_80_columns() {
    let mut checked = 0;
    for (args, help) in every_help_page() {
        let examples = help
            .lines()
            .skip_while(|l| !l.starts_with("Example"))
            .skip(1)
            .take_while(|l| !l.trim().is_empty());
        for line in examples {
            checked += 1;
            let command = line.trim();
            // A wrapped example continues on a line that starts with an argument.
            assert!(
                command.starts_with("guize ") || command.contains("| guize "),
                "guize {args:?} --help: example line is not a whole command: {line:?}\n{help}"
            );
            assert!(
                line.chars().count() <= 80,
                "guize {args:?} --help: {line:?}"
            );
        }
    }
    assert!(checked > 40, "only {checked} example lines");
}

/// A help page's examples name no folder outside the checkout: `../shared/corpora/lawrefbook`
/// exists only beside a development checkout, so `guize --corpus ../shared/… align` from an
/// installed guize failed with `cannot read ../shared/…`; a folder of the user's own (`~/laws`)
/// reads as one to replace.
#[test]
fn help_examples_name_no_folder_outside_the_checkout() {
    let mut outside = Vec::new();
    for (args, help) in every_help_page() {
        for line in help.lines().skip_while(|l| !l.starts_with("Example")) {
            if line.contains("../") {
                outside.push(format!("guize {} --help: {}", args.join(" "), line.trim()));
            }
        }
    }
    assert!(outside.is_empty(), "{outside:#?}");
}

/// An example that reads a file of the source checkout (a gold file, an edition) says so, and
/// an installed binary run from an empty folder says where such a file is when it is missing.
#[test]
fn examples_that_need_the_checkout_say_so() {
    let mut silent = Vec::new();
    for (args, help) in every_help_page() {
        let examples: Vec<&str> = help
            .lines()
            .skip_while(|l| !l.starts_with("Example"))
            .collect();
        let needs = examples.iter().any(|l| l.contains("tests/data"));
        if needs
            && !examples
                .first()
                .is_some_and(|l| l.contains("source checkout"))
        {
            silent.push(format!("guize {}", args.join(" ")));
        }
    }
    assert!(silent.is_empty(), "{silent:#?}");

    let home = Home::new();
    let mut cmd = Command::new(&home.bin);
    cmd.args(["eval", "align", "--gold", "tests/data/alignment-dev.json"])
        .current_dir(home.path("cwd"))
        .env("HOME", home.path("home"))
        .env("XDG_CACHE_HOME", home.path("cache"))
        .env_remove("GUIZE_CORPUS")
        .env_remove("GUIZE_INDEX");
    let out = output_of_fresh_copy(&mut cmd);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("tests/data/alignment-dev.json") && err.contains("source checkout"),
        "{err}"
    );
}

/// Every help page, the parents of subcommands included (`guize eval --help`), shows how it is
/// used: an `Examples:` section (or, for `completions`, how to install the script).
#[test]
fn every_help_page_has_examples() {
    let mut missing = Vec::new();
    for (args, help) in every_help_page() {
        let shows_use = help
            .lines()
            .any(|l| l.starts_with("Example") || l.starts_with("Install:"));
        if !shows_use {
            missing.push(format!("guize {} --help", args.join(" ")));
        }
    }
    assert!(
        missing.is_empty(),
        "help pages without examples: {missing:?}"
    );
}

/// A cache folder that cannot be used (`XDG_CACHE_HOME` naming a file, `HOME` a file: no
/// `~/.cache` can be made) was an error on every search of the built-in corpus (`the index
/// …/guize/builtin-…/index cannot be made: … is a file`); the cache is then a folder of the
/// user's own in the temporary folder. And every file of the index is readable as the umask
/// says, not its owner's alone: tantivy's `.managed.json` and the caches were 0600, so an index
/// another user built (a team's `--index`) was reported damaged.
#[test]
fn an_unusable_cache_folder_falls_back_to_a_private_temporary_one() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let home = Home::new();
    let file = home.path("not-a-folder");
    std::fs::write(&file, "x").expect("write");
    let tmp = home.path("tmp");
    std::fs::create_dir(&tmp).expect("mkdir");
    let run = |args: &[&str]| {
        let mut cmd = Command::new(&home.bin);
        cmd.args(args)
            .current_dir(home.path("cwd"))
            .env("HOME", &file)
            .env("XDG_CACHE_HOME", &file)
            .env("TMPDIR", &tmp)
            .env("NO_COLOR", "1")
            .env_remove("GUIZE_CORPUS")
            .env_remove("GUIZE_INDEX");
        output_of_fresh_copy(&mut cmd)
    };
    let out = run(&["search", "常务会议", "--limit", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let uid = std::fs::metadata("/proc/self").expect("/proc/self").uid();
    let cache = tmp.join(format!("guize-{uid}"));
    assert!(
        stderr(&out).contains(&cache.display().to_string()),
        "{}",
        stderr(&out)
    );
    assert!(run(&["compare", "lixia:39"]).status.success());
    // Every file of the generation has the mode of its guize.json, written as any file is.
    let index = std::fs::read_dir(&cache)
        .expect("cache")
        .flatten()
        .map(|e| e.path().join("index"))
        .find(|p| p.is_dir())
        .expect("an index in the cache");
    let generation = std::fs::read_dir(&index)
        .expect("index")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("gen-"))
        })
        .expect("a generation");
    let mode = |p: &Path| std::fs::metadata(p).expect("stat").permissions().mode() & 0o777;
    let expected = mode(&generation.join("guize.json"));
    for entry in std::fs::read_dir(&generation)
        .expect("generation")
        .flatten()
    {
        assert_eq!(mode(&entry.path()), expected, "{}", entry.path().display());
    }
}

/// The built-in corpus's index lives in `CACHE/guize/builtin-<hash of its files>`: every build of
/// guize from other files made one more such folder, and none was ever removed. A run over the
/// built-in corpus now removes those of other builds that no process uses (the lock free), keeps
/// one another process reads (its lock held) for a later run, and never touches a folder of
/// another name.
#[test]
fn stale_built_in_index_folders_are_removed_once_nobody_uses_them() {
    let home = Home::new();
    let cache = home.path("cache").join("guize");
    let stale = |key: &str| {
        let folder = cache.join(format!("builtin-{key}"));
        let index = folder.join("index");
        std::fs::create_dir_all(index.join("gen-0123abcd-1")).expect("mkdir");
        std::fs::write(index.join("CURRENT"), "gen-0123abcd-1").expect("write");
        std::fs::write(index.join(".lock"), "").expect("write");
        std::fs::write(folder.join("corpus.txt"), "(built-in)\n").expect("write");
        folder
    };
    let idle = stale("00000000000000aa");
    let busy = stale("00000000000000bb");
    let other = cache.join("builtin-notes");
    std::fs::create_dir_all(&other).expect("mkdir");
    let held = std::fs::File::open(busy.join("index/.lock")).expect("open the lock");
    held.lock_shared().expect("lock");

    answers_from_the_built_in_five(&home);
    assert!(!idle.exists(), "an idle stale folder is removed");
    assert!(busy.join("index/CURRENT").is_file(), "a used one is kept");
    assert!(other.is_dir(), "a folder of another name is left alone");
    let listed = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&cache)
            .expect("cache")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    // This build's folder, the used one and the other; nothing set aside left behind.
    assert_eq!(listed().len(), 3, "{:?}", listed());

    held.unlock().expect("unlock");
    home.run(&["search", "常务会议"]);
    assert!(!busy.exists(), "removed once nobody uses it");
    assert_eq!(listed().len(), 2, "{:?}", listed());
    assert!(
        listed()
            .iter()
            .any(|n| n.starts_with("builtin-") && n != "builtin-notes"),
        "{:?}",
        listed()
    );
}
