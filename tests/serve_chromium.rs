//! `guize serve` in a real browser: headless Chromium loads the pages from a loopback server,
//! types a search into the home page's box, opens a comparison at 1400 px and submits a draft
//! through the precedent form. A probe page on the same origin (added by this test only) holds
//! the site in an iframe, drives it and writes what it sees (text, column boxes, visible marks)
//! into its own DOM, which Chromium dumps.

mod browser;
mod serve_common;

use axum::response::Html;
use std::sync::{Arc, OnceLock};

const PROBE: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<style>body { margin: 0 } iframe { border: 0; width: 100%; height: 4000px; display: block }</style>
</head><body><iframe id="f"></iframe><script>
const params = new URLSearchParams(location.search);
const mode = params.get('mode') || 'look';
const frame = document.getElementById('f');
let step = 0;
frame.addEventListener('load', () => {
  const d = frame.contentDocument;
  if (step === 0 && mode === 'search') {
    step = 1;
    d.querySelector('form.big-search input[name=q]').value = params.get('q');
    d.querySelector('form.big-search').submit();
    return;
  }
  if (step === 0 && mode === 'precedent') {
    step = 1;
    d.querySelector('textarea[name=text]').value = params.get('draft');
    d.querySelector('form.precedent').submit();
    return;
  }
  const box = e => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, width: r.width, height: r.height }; };
  const cols = [...d.querySelectorAll('.cols > .col')].map(c => Object.assign({ doc: c.dataset.doc }, box(c)));
  const marks = [...d.querySelectorAll('ins, del, mark')].filter(m => {
    const b = box(m);
    return b.width > 0 && b.height > 0 && getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)';
  }).length;
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({
    url: decodeURIComponent(frame.contentWindow.location.pathname + frame.contentWindow.location.search),
    title: d.title,
    text: d.body.innerText,
    viewport: frame.contentWindow.innerWidth,
    scrollWidth: d.documentElement.scrollWidth,
    cols, marks,
  });
  document.body.appendChild(out);
});
frame.src = params.get('src');
</script></body></html>"#;

/// The site with the probe page beside it, served once for this test binary.
fn base() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let site = Arc::new(serve_common::site());
        let router = guize::serve::router(site).merge(
            axum::Router::new().route("/__probe", axum::routing::get(|| async { Html(PROBE) })),
        );
        serve_common::spawn(router)
    })
}

fn probe(query: &str, width: u32) -> serde_json::Value {
    let browser = browser::chromium_or_explain().expect("checked by the caller");
    let (dom, stderr) = browser::dump_dom(
        &browser,
        &format!("{}/__probe?{query}", base()),
        width,
        15000,
    );
    browser::probe_json(&dom, "probe", &stderr)
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[test]
fn home_page_renders_and_its_search_box_finds_articles() {
    let Some(browser) = browser::chromium_or_explain() else {
        return;
    };
    let (dom, stderr) = browser::dump_dom(&browser, &format!("{}/", base()), 1400, 5000);
    assert!(
        dom.contains("济南市历下区人民政府工作规则"),
        "home page DOM: {dom}\n{stderr}"
    );
    assert!(dom.contains("name=\"q\""));

    let seen = probe(
        &format!("mode=search&src=/&q={}", encode("常务会议 召开")),
        1400,
    );
    let url = seen["url"].as_str().expect("url");
    assert!(
        url.starts_with("/search?q=常务会议"),
        "the form went to {url}"
    );
    let text = seen["text"].as_str().expect("text");
    assert!(text.contains("matching articles"), "{text}");
    assert!(text.contains("第八章 完善会议制度"), "a cited hit: {text}");
    assert!(
        seen["marks"].as_u64().unwrap_or(0) > 0,
        "highlights are visible"
    );
}

#[test]
fn comparison_shows_five_columns_side_by_side_at_1400px() {
    if browser::chromium_or_explain().is_none() {
        return;
    }
    let seen = probe("src=/compare/lixia:39", 1400);
    assert_eq!(seen["viewport"].as_f64(), Some(1400.0));
    let scroll = seen["scrollWidth"].as_f64().expect("scrollWidth");
    assert!(scroll <= 1400.0, "the page scrolls sideways: {scroll}px");
    let cols = seen["cols"].as_array().expect("cols");
    let docs: Vec<&str> = cols
        .iter()
        .map(|c| c["doc"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(docs, ["lixia", "shizhong", "yanzhou", "zhoucun", "huancui"]);
    let f = |c: &serde_json::Value, k: &str| c[k].as_f64().expect("number");
    for pair in cols.windows(2) {
        assert!(
            (f(&pair[0], "top") - f(&pair[1], "top")).abs() < 1.0,
            "not one row: {pair:?}"
        );
        assert!(
            f(&pair[0], "right") <= f(&pair[1], "left"),
            "columns overlap: {pair:?}"
        );
    }
    for c in cols {
        assert!(
            f(c, "left") >= 0.0 && f(c, "right") <= 1400.0,
            "outside the window: {c}"
        );
        assert!(f(c, "width") > 200.0, "too narrow: {c}");
    }
    let text = seen["text"].as_str().expect("text");
    assert!(text.contains("区政府常务会议"), "Chinese text: {text}");
    assert!(
        seen["marks"].as_u64().unwrap_or(0) >= 5,
        "marks are visible: {seen}"
    );

    // The base switch: one document's wording as the base, two documents.
    let seen = probe(
        &format!(
            "src={}",
            encode("/compare/lixia:39?base=shizhong&doc=lixia&doc=yanzhou")
        ),
        1400,
    );
    let cols = seen["cols"].as_array().expect("cols");
    let docs: Vec<&str> = cols
        .iter()
        .map(|c| c["doc"].as_str().unwrap_or(""))
        .collect();
    // As `guize compare --doc lixia --doc yanzhou --base shizhong`: the base joins the selection.
    assert_eq!(docs, ["lixia", "yanzhou", "shizhong"]);
    assert!(
        seen["text"]
            .as_str()
            .unwrap_or("")
            .contains("Compared with 市中区")
    );
}

#[test]
fn precedent_form_submits_a_pasted_draft() {
    if browser::chromium_or_explain().is_none() {
        return;
    }
    let draft = "区政府常务会议一般每月召开一次，由区长召集和主持。";
    let seen = probe(
        &format!("mode=precedent&src=/precedent&draft={}", encode(draft)),
        1400,
    );
    assert_eq!(seen["url"], "/precedent");
    let text = seen["text"].as_str().expect("text");
    assert!(text.contains("Draft piece 1 of 1"), "{text}");
    assert!(text.contains("similarity"), "{text}");
    assert!(
        text.contains("第三十九条") || text.contains("常务会议"),
        "{text}"
    );
    assert!(
        seen["marks"].as_u64().unwrap_or(0) > 0,
        "the diff's marks are visible"
    );
}
