//! End-to-end: the HTML comparison opened in headless Chromium at a 1280 px wide window. A small
//! script added to a copy of the page writes the columns' boxes into the DOM before it is dumped;
//! the test checks that the five columns of a group stand side by side without horizontal overflow.
//! Without Chromium the test says so on stderr, and fails when CI is set.

mod browser;
mod common;

use browser::chromium_or_explain;

use guize::model::Regulation;
use guize::render::{Html, Render};
use guize::report::{BaseKind, compare_group, corpus_report};
use std::path::{Path, PathBuf};

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

/// Renders `html` with the probe in Chromium at 1280×900 and returns the probe's JSON.
fn layout(browser: &Path, html: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("page.html");
    let probed = html.replacen("</body>", &format!("{PROBE}\n</body>"), 1);
    std::fs::write(&page, probed).expect("page written");
    let (dom, stderr) =
        browser::dump_dom(browser, &format!("file://{}", page.display()), 1280, 5000);
    browser::probe_json(&dom, "layout", &stderr)
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
    let group = compare_group(&refs, &alignment.groups[1], &BaseKind::Majority).expect("compares");
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
