//! The index's life and the edges of output, as a new user meets them: `--index` pointed at a
//! folder of another program's files, a build that runs out of room, Ctrl-C half-way through a
//! build of the 472 Shandong regulations, help and manual pages written to a full disk, corpus
//! text carrying colour escapes on a colour terminal, a document with many matters of its own,
//! the legend of a narrow comparison.

mod cmd;
mod shared;

use cmd::{guize_in as guize, run, shipped};
use std::path::Path;

/// The five shipped work rules (and their manifest) copied into a fresh folder.
fn five() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in [
        "lixia.txt",
        "shizhong.txt",
        "yanzhou.txt",
        "zhoucun.txt",
        "huancui.txt",
        "manifest.json",
    ] {
        std::fs::copy(shipped(name), dir.path().join(name)).expect("copy");
    }
    dir
}

/// Names of the entries of `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|e| {
            e.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_folder_of_another_programs_files_is_no_index_and_is_left_untouched() {
    let corpus = five();
    // A LevelDB folder (its CURRENT names its manifest), and a folder of photos with a `gen-…`
    // subfolder: guize overwrote the one's CURRENT and deleted the other's `gen-photos/`.
    let leveldb = tempfile::tempdir().expect("temp dir");
    std::fs::write(leveldb.path().join("CURRENT"), "MANIFEST-000001\n").expect("write");
    std::fs::write(leveldb.path().join("MANIFEST-000001"), b"\x00\x01").expect("write");
    std::fs::write(leveldb.path().join("000003.log"), "data").expect("write");
    let photos = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(photos.path().join("gen-photos")).expect("mkdir");
    std::fs::write(photos.path().join("gen-photos/a.jpg"), "jpeg").expect("write");
    std::fs::write(photos.path().join("notes.txt"), "mine").expect("write");
    for (folder, names) in [
        (leveldb.path(), "000003.log, CURRENT, MANIFEST-000001"),
        (photos.path(), "gen-photos, notes.txt"),
    ] {
        let before = entries(folder);
        for args in [
            &["search", "常务会议"][..],
            &["index"],
            &["compare", "lixia:39"],
        ] {
            let (code, out, err) = run(guize(corpus.path(), folder).args(args));
            // A comparison needs no index: it works without one, and says why.
            let works = args[0] == "compare";
            assert_eq!(
                code,
                Some(if works { 0 } else { 1 }),
                "{args:?}: {out}{err}"
            );
            assert!(
                err.contains("is no index folder of guize")
                    && err.contains(names)
                    && err.contains("give --index (or GUIZE_INDEX) a new or empty folder")
                    && !err.contains("rebuild it"),
                "{args:?}: {err}"
            );
            assert_eq!(
                entries(folder),
                before,
                "{args:?}: nothing is written there"
            );
        }
    }
    // `corpus` tells the same: no index folder, not one the next search rebuilds.
    for folder in [leveldb.path(), photos.path()] {
        let before = entries(folder);
        let (code, out, err) = run(guize(corpus.path(), folder).arg("corpus"));
        assert_eq!(code, Some(0), "{err}");
        let line = out.lines().find(|l| l.starts_with("index:")).unwrap_or("");
        assert!(
            line.contains("not an index folder of guize") && line.contains("will not be used"),
            "{out}"
        );
        assert!(
            !line.contains("out of date") && !line.contains("rebuilds"),
            "{out}"
        );
        let (code, out, err) = run(guize(corpus.path(), folder).args(["corpus", "--json"]));
        assert_eq!(code, Some(0), "{err}");
        let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        assert_eq!(json["index"]["status"], "foreign", "{out}");
        assert!(
            json["index"]["why"]
                .as_str()
                .is_some_and(|w| w.contains("will not be used")),
            "{out}"
        );
        assert_eq!(entries(folder), before, "corpus writes nothing");
    }
    assert_eq!(
        std::fs::read_to_string(leveldb.path().join("CURRENT")).expect("CURRENT"),
        "MANIFEST-000001\n"
    );
    assert!(photos.path().join("gen-photos/a.jpg").is_file());
    // What guize itself leaves is its own: the checkout's README.md beside the index, a lock and
    // the folder of a build that was killed. The build is done there and the leftover removed.
    let own = tempfile::tempdir().expect("temp dir");
    std::fs::write(own.path().join("README.md"), "# index/\n").expect("write");
    std::fs::write(own.path().join(".lock"), "").expect("write");
    std::fs::create_dir(own.path().join(".build-Ab12Cd")).expect("mkdir");
    let (code, out, err) = run(guize(corpus.path(), own.path()).args(["search", "常务会议"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("常务会议"), "{out}");
    let left = entries(own.path());
    assert!(
        left.iter().any(|n| n.starts_with("gen-"))
            && !left.iter().any(|n| n.starts_with(".build-")),
        "{left:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_build_that_runs_out_of_room_says_so_and_leaves_nothing() {
    let corpus = five();
    // Files may grow to 64 KiB (`ulimit -f 128` counts 512-byte blocks in POSIX sh; bash's
    // 1-KiB blocks give 128 KiB), well below the index of the five (about 800 KiB), and a write
    // beyond says "File too large" rather than killing the process: the build fails half-way, as
    // on a full disk.
    // A lower limit kills tantivy's worker thread sooner, while documents are still being added
    // (the error then surfaces from adding one, not from the commit): both must say what failed.
    for blocks in [128, 8] {
        out_of_room(&corpus, blocks);
    }
}

#[cfg(unix)]
fn out_of_room(corpus: &tempfile::TempDir, blocks: u32) {
    let index = tempfile::tempdir().expect("temp dir");
    let script = format!(r#"trap '' XFSZ; ulimit -f {blocks} && exec "$@""#);
    let mut cmd = std::process::Command::new("sh");
    cmd.args(["-c", &script, "sh"])
        .arg(assert_cmd::cargo::cargo_bin("guize"))
        .arg("--corpus")
        .arg(corpus.path())
        .arg("--index")
        .arg(index.path())
        .args(["search", "常务会议"])
        .env("NO_COLOR", "1")
        .env_remove("GUIZE_CORPUS")
        .env_remove("GUIZE_INDEX");
    let out = cmd.output().expect("sh runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with(&format!(
            "guize: cannot build the index in {}: ",
            index.path().display()
        )) && err.contains("File too large"),
        "{err}"
    );
    // Not "cannot open the index … (rebuild it with `guize index`)": a rebuild is what failed.
    assert!(!err.contains("rebuild it"), "{err}");
    assert_eq!(
        entries(index.path()),
        [".lock"],
        "no half-built folder is left"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_a_build_leaves_no_half_built_folder() {
    use std::os::unix::process::ExitStatusExt;
    // SAFETY: querying this process's SIGINT action into a zeroed struct.
    let ignored = unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(libc::SIGINT, std::ptr::null(), &mut old);
        old.sa_sigaction == libc::SIG_IGN
    };
    if ignored {
        // Started with SIGINT ignored (nohup): the child inherits that and Ctrl-C means nothing.
        return;
    }
    let corpus = shared::path("corpora/lawrefbook/DLC/山东地方法规");
    assert!(corpus.is_dir(), "{} is missing", corpus.display());
    let index = tempfile::tempdir().expect("temp dir");
    let mut child = cmd::process_in(&corpus, index.path())
        .arg("index")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("guize starts");
    // Once the build folder is there, the build is under way (the corpus is loaded).
    let started = std::time::Instant::now();
    while !entries(index.path())
        .iter()
        .any(|n| n.starts_with(".build-"))
    {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(120),
            "no build folder appeared: {:?}",
            entries(index.path())
        );
        if child.try_wait().expect("wait").is_some() {
            panic!("the build ended before it could be interrupted");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let pid = i32::try_from(child.id()).expect("pid");
    // SAFETY: sending SIGINT to the child this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let status = child.wait().expect("wait");
    // Ended by the signal, as Ctrl-C ends a command, and nothing half-written is left.
    assert_eq!(status.signal(), Some(libc::SIGINT), "{status:?}");
    assert_eq!(entries(index.path()), [".lock"]);
}

#[test]
fn help_and_manual_pages_on_a_full_disk_are_errors() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [
        &["--help"][..],
        &["--version"],
        &["search", "--help"],
        &["man"],
        &["man", "search"],
    ] {
        let full = std::fs::File::create("/dev/full").expect("/dev/full");
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("guize"))
            .args(["--corpus", &dir.path().to_string_lossy()])
            .args(args)
            .stdout(full)
            .output()
            .expect("guize runs");
        let (code, err) = (out.status.code(), String::from_utf8_lossy(&out.stderr));
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(
            err.starts_with("guize: cannot write to standard output: "),
            "{args:?}: {err}"
        );
    }
    // A closed pipe is still the quiet end of a run, and a reader gets the text.
    let (code, out, _) = run(guize(dir.path(), dir.path()).arg("--help"));
    assert_eq!(code, Some(0));
    assert!(out.contains("Usage: guize"), "{out}");
}

/// A corpus whose text carries a colour escape (`ESC[8m` hides text), an OSC title and a bidi
/// override, in two documents that differ by one figure.
fn escapes() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = |city: &str, every: &str| {
        format!(
            "# 测试{city}会议规则\n\n第一条 为了规范会议\u{1b}[8m隐藏\u{1b}[0m，制定本规则。\n\n\
             第二条 常务会议{every}召开1次，\u{1b}]0;标题\u{7}由\u{202e}主任\u{202c}主持。\n"
        )
    };
    std::fs::write(dir.path().join("a.md"), text("市", "每两周")).expect("write");
    std::fs::write(dir.path().join("b.md"), text("县", "每月")).expect("write");
    dir
}

#[test]
fn escapes_in_the_corpus_never_reach_a_colour_terminal() {
    let corpus = escapes();
    let index = tempfile::tempdir().expect("temp dir");
    let (a, b) = (corpus.path().join("a.md"), corpus.path().join("b.md"));
    let (a, b) = (a.to_string_lossy(), b.to_string_lossy());
    let commands: Vec<Vec<&str>> = vec![
        vec!["corpus"],
        vec!["show", "a"],
        vec!["show", "a", "1"],
        vec!["articles"],
        vec!["search", "规范会议"],
        vec!["search", "隐藏"],
        vec!["align"],
        vec!["compare", "a:1"],
        vec!["compare", "a:2"],
        vec!["numbers"],
        vec!["precedent", "为了规范会议隐藏，制定本规则。"],
        vec!["versions", &a, &b],
        vec!["report", "--format", "markdown", "-o", "-"],
    ];
    for args in commands {
        let (code, out, err) = run(guize(corpus.path(), index.path())
            .args(["--color", "always"])
            .args(&args));
        assert_eq!(code, Some(0), "{args:?}: {err}");
        // guize's own styles are there; the corpus's escapes are not, only their visible signs.
        for (what, text) in [("stdout", &out), ("stderr", &err)] {
            assert!(
                !text.contains("\u{1b}[8m")
                    && !text.contains("\u{1b}]")
                    && !text.contains('\u{202e}'),
                "{args:?} {what}: {text:?}"
            );
        }
    }
}

#[test]
fn a_document_with_many_matters_of_its_own_gets_a_line_that_ends() {
    let corpus = tempfile::tempdir().expect("temp dir");
    let subjects = [
        "道路",
        "桥梁",
        "河道",
        "公园",
        "广场",
        "学校",
        "医院",
        "图书馆",
        "体育场",
        "菜市场",
        "停车场",
        "加油站",
        "公交站",
        "码头",
        "机场",
        "车站",
        "隧道",
        "水库",
        "堤坝",
        "林场",
        "牧场",
        "渔港",
        "矿山",
        "电站",
        "仓库",
        "冷库",
        "粮库",
        "油库",
        "气站",
        "热源",
    ];
    let mut text = String::from("# 测试市设施管理条例\n\n");
    for (i, s) in subjects.iter().enumerate() {
        text.push_str(&format!(
            "第{}条 {s}由{s}主管部门负责{s}的规划、建设和{s}日常维护。\n\n",
            i + 1
        ));
    }
    std::fs::write(corpus.path().join("a.md"), text).expect("write");
    // A second document of other matters: a corpus of one has no matters "only one document has".
    std::fs::write(
        corpus.path().join("b.md"),
        "# 测试县会议规则\n\n第一条 县政府常务会议每月召开一次。\n\n第二条 本规则自公布之日起施行。\n",
    )
    .expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize(corpus.path(), index.path()).arg("align"));
    assert_eq!(code, Some(0), "{err}");
    let line = out
        .lines()
        .find(|l| l.starts_with("a ("))
        .unwrap_or_else(|| panic!("{out}"));
    let own: usize = line[3..line.find(')').expect(")")].parse().expect("count");
    assert!(own > 20, "{line}");
    assert!(
        line.ends_with(&format!(
            "; … and {} more (rows of the table above; every group in --json)",
            own - 20
        )) && line.matches("·规划").count() == 20,
        "{line}"
    );
}

#[test]
fn the_legend_of_a_narrow_comparison_keeps_its_words_whole() {
    let corpus = five();
    let index = tempfile::tempdir().expect("temp dir");
    for width in ["40", "60"] {
        let (code, out, err) = run(guize(corpus.path(), index.path()).args([
            "compare", "lixia:39", "--doc", "lixia", "--doc", "shizhong", "--width", width,
        ]));
        assert_eq!(code, Some(0), "{err}");
        let legend: String = out
            .lines()
            .skip_while(|l| !l.starts_with("{+…+}"))
            .collect::<Vec<_>>()
            .join(" ");
        // Two columns shown, no superscript written: the legend explains the marks that occur
        // and says how many of the group's documents are shown.
        for word in ["lacks;", "differs", "wording", "documents", "shown"] {
            assert!(legend.contains(word), "width {width}: {word} in {legend:?}");
        }
    }
}

#[test]
fn a_report_of_many_groups_says_what_it_is_doing() {
    // The 472 Shandong regulations' report took 74 s without a word on stderr; from 1,000
    // clause groups on, a line says what is under way. Here 1,100 articles of one document.
    let corpus = tempfile::tempdir().expect("temp dir");
    let mut text = String::from("# 测试市管理条例\n\n");
    for i in 1..=1100 {
        text.push_str(&format!(
            "第{i}条 本市各级人民政府应当加强第{i}项管理工作，建立健全相关制度。\n\n"
        ));
    }
    std::fs::write(corpus.path().join("a.md"), text).expect("write");
    let (index, written) = (
        tempfile::tempdir().expect("temp dir"),
        tempfile::tempdir().expect("temp dir"),
    );
    let (code, _, err) = run(guize(corpus.path(), index.path())
        .args(["report", "--format", "markdown", "-o"])
        .arg(written.path().join("many.md")));
    assert_eq!(code, Some(0), "{err}");
    let said = err
        .lines()
        .find(|l| l.starts_with("guize: comparing "))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        said.ends_with(" clause groups of 1 document side by side…"),
        "{said}"
    );
    // The five's report (118 groups) is quick and says only what it wrote.
    let (five, five_index) = (five(), tempfile::tempdir().expect("temp dir"));
    let (code, _, err) = run(guize(five.path(), five_index.path())
        .args(["report", "--format", "markdown", "-o"])
        .arg(written.path().join("five.md")));
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("comparing"), "{err}");
}

/// `serve` whose address cannot be printed (a full disk, a reader that went away) fails before it
/// says it is ready, with exit 1, and serves nothing.
#[cfg(unix)]
#[test]
fn a_server_that_cannot_print_its_address_never_says_ready() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let corpus = five();
    let index = tempfile::tempdir().expect("temp dir");
    let serve = || {
        let mut cmd = cmd::process_in(corpus.path(), index.path());
        cmd.args(["serve", "--port", "0"]);
        cmd
    };
    let full = std::fs::File::create("/dev/full").expect("/dev/full");
    let out = serve().stdout(full).output().expect("guize runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot write the server's address to standard output")
            && err.contains("No space left on device")
            && !err.contains("ready"),
        "{err}"
    );
    // A reader gone before the address is printed: the server would be told to no one.
    let mut child = serve()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("guize starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("guize ends");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot write the server's address") && !err.contains("ready"),
        "{err}"
    );
}

/// When the alignment cannot be stored because the disk is full, the warning says so, not that
/// a folder that can be written to would keep it. A small tmpfs in a mount namespace of its own
/// (root on Linux; skipped where `unshare` or `mount` is refused), the index built on it, then
/// the rest filled up.
#[cfg(target_os = "linux")]
#[test]
fn an_alignment_that_does_not_fit_on_the_disk_says_the_disk_is_full() {
    let corpus = five();
    let mount = tempfile::tempdir().expect("temp dir");
    let script = r#"mount -t tmpfs -o size=8m tmpfs "$1" || exit 77
"$2" --corpus "$3" --index "$1/index" index >/dev/null || exit 78
dd if=/dev/zero of="$1/filler" bs=64k 2>/dev/null
exec "$2" --corpus "$3" --index "$1/index" align"#;
    let out = std::process::Command::new("unshare")
        .args(["-m", "sh", "-c", script, "sh"])
        .arg(mount.path())
        .arg(assert_cmd::cargo::cargo_bin("guize"))
        .arg(corpus.path())
        .env("NO_COLOR", "1")
        .env_remove("GUIZE_CORPUS")
        .env_remove("GUIZE_INDEX")
        .output();
    let Ok(out) = out else {
        eprintln!("skipped: no unshare");
        return;
    };
    let (code, stdout, err) = (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    if code == Some(77) || (code == Some(1) && err.starts_with("unshare:")) {
        eprintln!("skipped: no mount namespace here: {err}");
        return;
    }
    assert_eq!(code, Some(0), "{err}");
    // The answer is there all the same.
    assert!(stdout.contains("lixia"), "{stdout}");
    assert!(
        err.contains("warning: cannot store the alignment beside the index")
            && err.contains("No space left on device")
            && err.contains("the disk is full")
            && !err.contains("can be written to"),
        "{err}"
    );
}
