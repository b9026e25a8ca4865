//! The HTML files guize writes (`compare --format html`, `report --format html`, `versions
//! --format html`) mark the English words of the interface English (`lang="en"`) on the Chinese
//! page, as `guize serve`'s pages do, and leave the corpus's Chinese text unmarked.

mod cmd;
mod lang_check;

use cmd::{edition, guize};
use lang_check::assert_english_marked;

#[test]
fn html_files_mark_english_words_english() {
    let lifafa = [edition("lifafa-2015.md"), edition("lifafa-2023.md")];
    let runs: [(&str, Vec<String>); 4] = [
        (
            "compare",
            ["compare", "lixia:39", "--format", "html"]
                .map(String::from)
                .to_vec(),
        ),
        (
            "report",
            ["report", "--format", "html", "-o", "-"]
                .map(String::from)
                .to_vec(),
        ),
        (
            "versions",
            [
                ["versions", "--format", "html"].map(String::from).to_vec(),
                lifafa.to_vec(),
            ]
            .concat(),
        ),
        (
            "versions --changed-only",
            [
                ["versions", "--changed-only", "--format", "html"]
                    .map(String::from)
                    .to_vec(),
                lifafa.to_vec(),
            ]
            .concat(),
        ),
    ];
    for (what, args) in runs {
        let out = guize().args(&args).output().expect("runs");
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let page = String::from_utf8(out.stdout).expect("utf-8");
        assert!(page.contains("<html lang=\"zh-CN\">"), "{what}: no lang");
        assert_english_marked(&page, what);
    }
}
