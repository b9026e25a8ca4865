//! The module layering of ARCHITECTURE.md ("Which module uses which"), read from the `crate::`
//! paths of `src/` (use lines and paths in code alike; test modules left out): every module uses
//! only modules of lower layers, so the graph has no cycle and no arrow pointing up. A new
//! `crate::` path that breaks the layering fails here, naming the file and the arrow.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Bottom to top; a module may use the modules of the layers below its own, never its own layer
/// or one above. The same table is in ARCHITECTURE.md.
const LAYERS: &[&[&str]] = &[
    &["text", "error", "suggest", "safe_text"],
    &["extract"],
    &["cite", "meaning", "assoc"],
    &["model", "segment"],
    &["parse"],
    &["corpus", "align"],
    &["index", "numbers"],
    &["diff"],
    &["builtin", "report", "precedent"],
    &["versions", "lookup"],
    &["render"],
    &["serve"],
    &["cli"],
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file: `src/render/wire/numbers.rs` → [render, wire, numbers];
/// `src/index/mod.rs` → [index].
fn module_path(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).expect("a file of src/");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The text of a file without comments, string and char literals (so that prose and messages
/// naming `crate::x` do not count, and braces inside them do not either).
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // Skips to just past `close` (a sequence of chars), keeping the line breaks passed over.
    let skip_to = |from: usize, close: &[char], escapes: bool, out: &mut String| -> usize {
        let mut j = from;
        while j < chars.len() {
            if escapes && chars[j] == '\\' {
                j += 2;
                continue;
            }
            if chars[j..].starts_with(close) {
                return j + close.len();
            }
            if chars[j] == '\n' {
                out.push('\n');
            }
            j += 1;
        }
        chars.len()
    };
    while i < chars.len() {
        let c = chars[i];
        let prev_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        match c {
            '/' if chars.get(i + 1) == Some(&'/') => {
                i = skip_to(i, &['\n'], false, &mut out);
                out.push('\n');
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i = skip_to(i + 2, &['*', '/'], false, &mut out);
            }
            '"' => {
                i = skip_to(i + 1, &['"'], true, &mut out);
                out.push_str("\"\"");
            }
            // Raw strings: r"…", r#"…"#, br##"…"##.
            'r' if !prev_ident
                || (i > 0 && chars[i - 1] == 'b' && (i < 2 || !chars[i - 2].is_alphanumeric())) =>
            {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                if chars.get(i + 1 + hashes) == Some(&'"') {
                    let mut close = vec!['"'];
                    close.extend(std::iter::repeat_n('#', hashes));
                    i = skip_to(i + 2 + hashes, &close, false, &mut out);
                    out.push_str("\"\"");
                } else {
                    out.push(c);
                    i += 1;
                }
            }
            // A char literal ('"', '{', '\'', '\u{1b}'); a lifetime has no closing quote.
            '\'' => {
                let close = if chars.get(i + 1) == Some(&'\\') {
                    (i + 3..(i + 12).min(chars.len())).find(|&j| chars[j] == '\'')
                } else {
                    (chars.get(i + 2) == Some(&'\'')).then_some(i + 2)
                };
                match close {
                    Some(j) => {
                        out.push_str("' '");
                        i = j + 1;
                    }
                    None => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Removes `#[cfg(test)]` items (an inline `mod … { … }` by its braces, a `use` line) and
/// returns the names of test modules kept in files of their own (`mod cluster_tests;`, with the
/// `#[path]` it may have).
fn without_tests(code: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut test_files = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        // The item: up to a `;` before any `{`, or the balanced braces.
        let semi = after.find(';');
        let brace = after.find('{');
        let end = match (semi, brace) {
            (Some(s), Some(b)) if s < b => s + 1,
            (Some(s), None) => s + 1,
            (_, Some(b)) => {
                let mut depth = 0;
                let mut end = after.len();
                for (i, c) in after[b..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = b + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (None, None) => after.len(),
        };
        let item = &after[..end];
        if item.trim_end().ends_with(';') && item.contains("mod ") {
            // String literals are blanked here: `test_only_files` reads any `#[path]` from the
            // original text.
            let name = item
                .rsplit("mod ")
                .next()
                .map(|n| n.trim().trim_end_matches(';').trim().to_string())
                .unwrap_or_default();
            test_files.push(name);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    (out, test_files)
}

/// The files that hold test modules only: `#[cfg(test)] mod x;` (or with `#[path = "x.rs"]`).
fn test_only_files(files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(file).expect("a source file");
        let (_, names) = without_tests(&code_only(&text));
        let dir = file.parent().expect("a folder");
        let own = dir.join(file.file_stem().expect("a name"));
        for name in names {
            // `#[path = "…"]` right before `mod name;` in the original text wins.
            let declared = format!("mod {name};");
            let path_attr = text.find(&declared).and_then(|at| {
                let before = &text[..at];
                let line = before.lines().rev().find(|l| !l.trim().is_empty())?;
                let path = line
                    .trim()
                    .strip_prefix("#[path = \"")?
                    .strip_suffix("\"]")?;
                Some(dir.join(path))
            });
            let candidates = match path_attr {
                Some(p) => vec![p],
                None if file.ends_with("mod.rs") || file.ends_with("lib.rs") => {
                    vec![
                        dir.join(format!("{name}.rs")),
                        dir.join(&name).join("mod.rs"),
                    ]
                }
                None => vec![
                    own.join(format!("{name}.rs")),
                    own.join(&name).join("mod.rs"),
                ],
            };
            out.extend(candidates.into_iter().filter(|p| p.exists()));
        }
    }
    out
}

/// The crate's root re-exports (`pub use error::{Error, Result};` in lib.rs): name → module.
fn root_reexports() -> BTreeMap<String, String> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("lib.rs");
    let mut out = BTreeMap::new();
    for line in code_only(&lib).lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let module = rest.split("::").next().unwrap_or("").to_string();
        let names = rest.trim_end_matches(';');
        let names = names.split_once('{').map_or(names, |(_, n)| n);
        for name in names.trim_end_matches('}').split(',') {
            let name = name.rsplit("::").next().unwrap_or("").trim();
            if !name.is_empty() {
                out.insert(name.to_string(), module.clone());
            }
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The first path segments a `crate::{…}` group names at its top level.
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut item_start = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => item_start = true,
            c if item_start && depth == 0 && is_ident(c) => {
                let name: String = group[i..].chars().take_while(|&c| is_ident(c)).collect();
                heads.push(name);
                item_start = false;
            }
            _ => {}
        }
    }
    heads
}

/// The top-level modules a file's code names through `crate::` (or `super::` reaching the root).
fn used_modules(code: &str, path: &[String], roots: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut push = |name: &str| {
        let name = roots.get(name).map_or(name, String::as_str);
        out.insert(name.to_string());
    };
    for (at, _) in code.match_indices("crate::") {
        if code[..at].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = {
                let mut depth = 1;
                let mut end = group.len();
                for (i, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = i;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            };
            for head in group_heads(&group[..end]) {
                push(&head);
            }
        } else {
            let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            push(&name);
        }
    }
    // `super::super::x` from a file whose module path is that deep reaches the crate root.
    for (at, _) in code.match_indices("super::") {
        if code[..at].ends_with("super::") || code[..at].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let mut rest = &code[at..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r;
        }
        if ups >= path.len() {
            let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            push(&name);
        }
    }
    out
}

/// Every arrow `module → module` between top-level modules, with a file that draws it.
fn arrows() -> BTreeMap<(String, String), PathBuf> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let tests = test_only_files(&files);
    let roots = root_reexports();
    let mut out = BTreeMap::new();
    for file in &files {
        let path = module_path(file);
        let Some(from) = path.first() else { continue };
        if tests.contains(file) || from == "lib" || from == "main" {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("a source file");
        let (code, _) = without_tests(&code_only(&text));
        for to in used_modules(&code, &path, &roots) {
            if &to != from {
                out.entry((from.clone(), to))
                    .or_insert_with(|| file.clone());
            }
        }
    }
    out
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

#[test]
fn every_module_uses_only_lower_layers() {
    let arrows = arrows();
    assert!(
        arrows.len() > 40,
        "only {} arrows found: the reader of src/ is broken",
        arrows.len()
    );
    let mut wrong = Vec::new();
    for ((from, to), file) in &arrows {
        match (layer_of(from), layer_of(to)) {
            (Some(a), Some(b)) if b < a => {}
            (None, _) => wrong.push(format!("{from} is in no layer ({})", file.display())),
            (_, None) => wrong.push(format!("{to} is in no layer ({})", file.display())),
            _ => wrong.push(format!(
                "{from} → {to} points up or sideways ({})",
                file.display()
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_module_of_src_has_a_layer() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|f| module_path(f).first().cloned())
        .filter(|m| m != "lib" && m != "main")
        .collect();
    let missing: Vec<&String> = modules.iter().filter(|m| layer_of(m).is_none()).collect();
    assert!(missing.is_empty(), "modules without a layer: {missing:?}");
    let unknown: Vec<&&str> = LAYERS
        .iter()
        .flat_map(|l| l.iter())
        .filter(|m| !modules.contains(**m))
        .collect();
    assert!(
        unknown.is_empty(),
        "layers name modules src/ lacks: {unknown:?}"
    );
}

#[test]
fn the_reader_sees_groups_supers_and_skips_tests() {
    let roots = BTreeMap::from([("Error".to_string(), "error".to_string())]);
    let code = code_only(
        "use crate::{model::{A, B}, text};\n// crate::cli in a comment\nlet s = \"crate::serve\";\n\
         let r = r#\"a \"crate::render\" b\"#; let c = ('\\'', '{', '\\u{1b}');\n\
         /* crate::lookup */ fn f<'a>(x: &'a str) -> crate::Error { super::super::index::x() }\n",
    );
    let path = vec!["render".to_string(), "wire".to_string()];
    let used = used_modules(&code, &path, &roots);
    assert_eq!(
        used,
        BTreeSet::from(["model", "text", "error", "index"].map(String::from))
    );
    let (code, files) = without_tests(
        "fn a() {}\n#[cfg(test)]\nmod tests {\n use crate::cli; fn b() { {} }\n}\n#[cfg(test)]\nmod more;\nfn c() {}\n",
    );
    assert!(!code.contains("cli") && code.contains("fn c()"), "{code}");
    assert_eq!(files, ["more"]);
}
