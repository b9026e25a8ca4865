//! End-to-end: the HTML comparison opened in headless Chromium at a 1280 px wide window. A small
//! script added to a copy of the page writes the columns' boxes into the DOM before it is dumped;
//! the test checks that the five columns of a group stand side by side without horizontal overflow.
//! Without Chromium the test says so on stderr, and fails when CI is set.

mod common;

use guize::model::Regulation;
use guize::render::{Html, Render};
use guize::report::{BaseKind, compare_group, corpus_report};
use std::path::{Path, PathBuf};
use std::process::Command;

const PROBE: &str = r#"<script>
window.addEventListener('load', () => {
  const groups = [...document.querySelectorAll('.cols')].map(g => ({
    id: g.dataset.group,
    cols: [...g.querySelectorAll(':scope > .col')].map(c => {
      const r = c.getBoundingClientRect();
      return { doc: c.dataset.doc, left: r.left, right: r.right, top: r.top, width: r.width };
    }),
  }));
  const out = document.createElement('pre');
  out.id = 'layout';
  out.textContent = JSON.stringify({
    viewport: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    groups,
  });
  document.body.appendChild(out);
});
</script>"#;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("GUIZE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let names = ["chromium", "chromium-browser", "google-chrome"];
    std::env::split_paths(&std::env::var_os("PATH")?)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Chromium, or a plain statement that the check cannot run (a failure on CI).
fn chromium_or_explain() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        let msg = "chromium not found: the HTML layout was NOT checked \
                   (install Debian's `chromium` package or set GUIZE_CHROMIUM)";
        if std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false") {
            panic!("{msg}");
        }
        eprintln!("SKIPPED: {msg}");
    }
    found
}

/// Renders `html` with the probe in Chromium at 1280×900 and returns the probe's JSON.
fn layout(browser: &Path, html: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("page.html");
    let probed = html.replacen("</body>", &format!("{PROBE}\n</body>"), 1);
    std::fs::write(&page, probed).expect("page written");
    let profile = dir.path().join("profile");
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1280,900",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&output.stdout);
    let start = dom.find("<pre id=\"layout\">").unwrap_or_else(|| {
        panic!(
            "no layout in the dumped DOM; stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    }) + "<pre id=\"layout\">".len();
    let end = start + dom[start..].find("</pre>").expect("layout closed");
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).expect("layout is JSON")
}

/// Every group's columns share one row, do not overlap, fit the window, and the page does not
/// scroll sideways.
fn assert_side_by_side(layout: &serde_json::Value, expect_columns: usize) {
    let viewport = layout["viewport"].as_f64().expect("viewport");
    assert_eq!(viewport, 1280.0, "window width");
    let scroll = layout["scrollWidth"].as_f64().expect("scrollWidth");
    assert!(
        scroll <= viewport,
        "horizontal overflow: page is {scroll}px wide in a {viewport}px window"
    );
    let groups = layout["groups"].as_array().expect("groups");
    assert!(!groups.is_empty(), "no group rendered");
    let mut seen_full = false;
    for g in groups {
        let cols = g["cols"].as_array().expect("cols");
        seen_full |= cols.len() == expect_columns;
        let f = |c: &serde_json::Value, k: &str| c[k].as_f64().expect("number");
        for pair in cols.windows(2) {
            assert!(
                (f(&pair[0], "top") - f(&pair[1], "top")).abs() < 1.0,
                "group {}: columns not on one row: {pair:?}",
                g["id"]
            );
            assert!(
                f(&pair[0], "right") <= f(&pair[1], "left"),
                "group {}: columns overlap",
                g["id"]
            );
        }
        for c in cols {
            assert!(
                f(c, "left") >= 0.0 && f(c, "right") <= viewport,
                "group {}: column outside the window: {c}",
                g["id"]
            );
            if cols.len() == expect_columns {
                assert!(
                    f(c, "width") > 150.0,
                    "group {}: column too narrow: {c}",
                    g["id"]
                );
            }
        }
    }
    assert!(seen_full, "no group with {expect_columns} columns");
}

#[test]
fn five_columns_stand_side_by_side_at_1280px() {
    let Some(browser) = chromium_or_explain() else {
        return;
    };
    let (docs, alignment) = common::five();
    let refs: Vec<&Regulation> = docs.iter().collect();
    let group = compare_group(&refs, &alignment.groups[1], &BaseKind::Medoid).expect("compares");
    let mut html = Vec::new();
    Html.compare(&mut html, &group).expect("renders");
    let layout = layout(&browser, &String::from_utf8(html).expect("utf-8"));
    assert_side_by_side(&layout, 5);
    let cols = layout["groups"][0]["cols"].as_array().expect("cols");
    let docs: Vec<&str> = cols
        .iter()
        .map(|c| c["doc"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(docs, ["lixia", "shizhong", "yanzhou", "zhoucun", "huancui"]);
}

#[test]
fn report_groups_stand_side_by_side_at_1280px() {
    let Some(browser) = chromium_or_explain() else {
        return;
    };
    let (docs, alignment) = common::five();
    let refs: Vec<&Regulation> = docs.iter().collect();
    let report = corpus_report(&refs, &alignment).expect("report");
    let mut html = Vec::new();
    Html.report(&mut html, &report).expect("renders");
    assert_side_by_side(
        &layout(&browser, &String::from_utf8(html).expect("utf-8")),
        5,
    );
}

#[test]
fn seed_report_groups_stand_side_by_side_at_1280px() {
    let Some(browser) = chromium_or_explain() else {
        return;
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = guize::corpus::Corpus::load(&root).expect("seed corpus loads");
    let docs: Vec<&Regulation> = corpus.docs.iter().collect();
    let alignment = guize::align::align_docs(&docs);
    let report = corpus_report(&docs, &alignment).expect("report");
    let mut html = Vec::new();
    Html.report(&mut html, &report).expect("renders");
    let layout = layout(&browser, &String::from_utf8(html).expect("utf-8"));
    assert_side_by_side(&layout, 5);
    let full = layout["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .filter(|g| g["cols"].as_array().is_some_and(|c| c.len() == 5))
        .count();
    assert!(full >= 20, "only {full} groups with five columns");
}
