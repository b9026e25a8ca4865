//! Where the shared folder is (gold sets, `corpora/lawrefbook`): `$GUIZE_SHARED`, else `../shared`
//! beside the checkout. A test that reads a file of it fails when the file is missing; none skips.

use std::path::PathBuf;

/// The shared folder, or `path` inside it.
pub fn path(path: &str) -> PathBuf {
    std::env::var_os("GUIZE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join(path)
}
