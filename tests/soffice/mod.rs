//! LibreOffice for the tests that check guize's files and readers against it: where it is, and
//! what a test does when it or a font it needs is missing (skip with a line saying so, or fail
//! on CI, where a skipped check would pass unseen).

#![allow(dead_code)]

use std::path::PathBuf;

/// `soffice` (or `libreoffice`) on the PATH, or `GUIZE_SOFFICE`; `None` after [`missing`] saying
/// that `unchecked` was not checked.
pub fn soffice(unchecked: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("GUIZE_SOFFICE") {
        return Some(PathBuf::from(p));
    }
    let names = ["soffice", "libreoffice"];
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file());
    if found.is_none() {
        missing(&format!(
            "LibreOffice not found: {unchecked} NOT checked \
             (install Debian's `libreoffice-writer-nogui` or set GUIZE_SOFFICE)"
        ));
    }
    found
}

/// A tool or font a check needs is missing: fails on CI, else says the check was skipped.
pub fn missing(msg: &str) {
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false") {
        panic!("{msg}");
    }
    eprintln!("SKIPPED: {msg}");
}
