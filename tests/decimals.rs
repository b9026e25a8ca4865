//! Chinese decimals (一点二元, 百分之一点五, 零点八) and 万分之 shares read as the figures they are,
//! over every such figure of ../shared/corpora/lawrefbook and in `guize numbers` on a real fee.

mod cmd;
mod shared;

use guize::text::quantity::quantity_spans;
use std::path::Path;

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// Every `X点Y` followed by a unit the lexer knows (元, 倍, % after 百分之), in every lawrefbook
/// file: one figure spans the whole number, its integer part included. Before decimals were read,
/// 一点二元 was the figure 二元 and 百分之一点五 the figure 百分之一.
#[test]
fn every_lawrefbook_decimal_is_one_figure() {
    let dir = shared::path("corpora/lawrefbook");
    let mut files = Vec::new();
    collect(&dir, &mut files);
    assert!(
        files.len() > 3000,
        "{} files in {}",
        files.len(),
        dir.display()
    );
    let digit = "[零〇一二三四五六七八九]";
    let shape = regex::Regex::new(&format!(
        "(?:百分之[零〇一二三四五六七八九十百]+点{digit}+|[零〇一二三四五六七八九十百]+点{digit}+(?:元|倍))"
    ))
    .expect("pattern");
    let mut seen = Vec::new();
    let mut missed = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        for line in text.lines().filter(|l| l.contains('点')) {
            let spans = quantity_spans(line);
            for m in shape.find_iter(line) {
                seen.push(m.as_str().to_string());
                if !spans
                    .iter()
                    .any(|s| s.start <= m.start() && m.end() <= s.end)
                {
                    missed.push(format!("{}: {}", m.as_str(), line));
                }
            }
        }
    }
    // 15 such figures today (fees 一点二元, 百分之一点五 of payrolls, 一点五倍 of a standard).
    assert!(seen.len() >= 10, "{seen:?}");
    assert!(missed.is_empty(), "{missed:#?}");
}

/// `guize numbers` on 杭州市物业管理条例 (lawrefbook): the preparation fee is 1.2 元 per square metre
/// (per 平方米, its words from 每).
#[test]
fn numbers_reads_one_point_two_yuan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let from = shared::path(
        "corpora/lawrefbook/DLC/浙江地方法规/地方性法规/浙江/杭州市物业管理条例(2021-08-09).md",
    );
    std::fs::copy(&from, dir.path().join("hangzhou.md")).expect("fixture");
    let out = cmd::succeeded(cmd::guize_in(dir.path(), &dir.path().join(".idx")).args([
        "numbers",
        "筹备经费",
        "--json",
    ]));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let fee = v["provisions"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| {
            p["sentence"]
                .as_str()
                .is_some_and(|s| s.contains("每平方米"))
                && p["unit"] == "元"
        })
        .expect("the per-square-metre fee");
    assert_eq!(fee["text"], "每平方米一点二元");
    assert_eq!(fee["value"], 1.2);
    assert_eq!(fee["per"], "平方米");
}
