//! Headless Chromium for the end-to-end tests: find it, and dump the DOM of a page after its
//! scripts ran. Without Chromium a test says so on stderr, and fails when CI is set.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("GUIZE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let names = ["chromium", "chromium-browser", "google-chrome"];
    std::env::split_paths(&std::env::var_os("PATH")?)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Chromium, or a plain statement that the check cannot run (a failure on CI).
pub fn chromium_or_explain() -> Option<PathBuf> {
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

/// Loads `url` in a `width`×900 window with a fresh profile and returns the DOM after up to
/// `budget_ms` of (virtual) time, with Chromium's stderr for messages.
pub fn dump_dom(browser: &Path, url: &str, width: u32, budget_ms: u32) -> (String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
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
            "--dump-dom",
        ])
        .arg(format!("--window-size={width},900"))
        .arg(format!("--virtual-time-budget={budget_ms}"))
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .output()
        .expect("chromium runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The text of `<pre id="ID">` in a dumped DOM, unescaped, parsed as JSON.
pub fn probe_json(dom: &str, id: &str, stderr: &str) -> serde_json::Value {
    let open = format!("<pre id=\"{id}\">");
    let start = dom
        .find(&open)
        .unwrap_or_else(|| panic!("no #{id} in the dumped DOM; stderr: {stderr}"))
        + open.len();
    let end = start + dom[start..].find("</pre>").expect("probe closed");
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&json).expect("probe is JSON")
}
