//! Where the shared folder is (gold sets, `corpora/lawrefbook`): `$GUIZE_SHARED`, else `../shared`
//! beside the checkout. A test that reads a file of it fails when the file is missing; none skips.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The shared folder, or `path` inside it.
pub fn path(path: &str) -> PathBuf {
    std::env::var_os("GUIZE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join(path)
}

/// A family corpus: every `sources` file of a gold (paths under `corpora/lawrefbook`) copied into
/// `into` as `<id>.md`. A missing source fails the test: a skipped family would score nothing.
#[allow(dead_code)] // each test binary compiles this module; not all of them build a family
pub fn copy_sources(sources: &BTreeMap<String, String>, into: &Path) {
    let lawrefbook = path("corpora/lawrefbook");
    std::fs::create_dir_all(into).expect("corpus folder");
    for (id, source) in sources {
        let from = lawrefbook.join(source);
        std::fs::copy(&from, into.join(format!("{id}.md")))
            .unwrap_or_else(|e| panic!("fixture {} is missing: {e}", from.display()));
    }
}

/// The four 河道管理条例 of review32 (上海, 宁波 without chapters, 济南, 青岛) from lawrefbook,
/// copied into `into` under their file names.
#[allow(dead_code)] // each test binary compiles this module; not all of them use it
pub fn river_corpus(into: &Path) {
    copy_named(
        into,
        &[
            "DLC/上海地方法规/地方性法规/上海/上海市河道管理条例(2018-12-20).md",
            "DLC/浙江地方法规/地方性法规/浙江/宁波市河道管理条例(2019-08-20).md",
            "DLC/山东地方法规/地方性法规/山东/济南市河道管理保护条例(2020-01-15).md",
            "DLC/山东地方法规/地方性法规/山东/青岛市河道管理条例(2020-03-26).md",
        ],
    );
}

/// Lawrefbook files of its `DLC` folder given as (folder, file name) pairs
/// (`("山东地方法规/地方性法规/山东", "….md")`), copied into `into` by [`copy_named`].
#[allow(dead_code)] // each test binary compiles this module; not all of them use it
pub fn copy_dlc(into: &Path, files: &[(&str, &str)]) {
    let sources: Vec<String> = files
        .iter()
        .map(|(folder, name)| format!("DLC/{folder}/{name}"))
        .collect();
    copy_named(
        into,
        &sources.iter().map(String::as_str).collect::<Vec<_>>(),
    );
}

/// The lawrefbook files `sources` (paths under the lawrefbook folder), copied into `into` under
/// their own file names.
#[allow(dead_code)] // each test binary compiles this module; not all of them use it
pub fn copy_named(into: &Path, sources: &[&str]) {
    let lawrefbook = path("corpora/lawrefbook");
    std::fs::create_dir_all(into).expect("corpus folder");
    for source in sources {
        let from = lawrefbook.join(source);
        let name = Path::new(source).file_name().expect("file name");
        std::fs::copy(&from, into.join(name))
            .unwrap_or_else(|e| panic!("fixture {} is missing: {e}", from.display()));
    }
}

/// The four 殡葬管理条例 of lawrefbook a fresh-eyes pass read (上海 2024, 北京, the national one,
/// 郑州), as paths for [`copy_named`]; 北京's file is named by its title.
#[allow(dead_code)] // each test binary compiles this module; not all of them use it
pub const FUNERALS: [&str; 4] = [
    "DLC/上海地方法规/地方性法规/上海/上海市殡葬管理条例(2024-08-22).md",
    "DLC/北京地方法规/地方性法规/北京/北京市殡葬管理条例.md",
    "行政法规/殡葬管理条例(2012-11-09).md",
    "DLC/河南地方法规/地方性法规/河南/郑州市殡葬管理条例(2019-01-22).md",
];

/// The four 禁毒条例 of lawrefbook (上海, 山东 2017, 浙江, 重庆 2012) a fresh-eyes pass read, as
/// paths for [`copy_named`].
#[allow(dead_code)] // each test binary compiles this module; not all of them use it
pub const DRUG_CONTROL: [&str; 4] = [
    "DLC/上海地方法规/地方性法规/上海/上海市禁毒条例.md",
    "DLC/山东地方法规/地方性法规/山东/山东省禁毒条例(2017-12-01).md",
    "DLC/浙江地方法规/地方性法规/浙江/浙江省禁毒条例.md",
    "DLC/重庆地方法规/地方性法规/重庆/重庆市禁毒条例(2012-11-29).md",
];
