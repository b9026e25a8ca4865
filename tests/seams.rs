//! Input as it arrives from other tools, on the real corpus: UTF-16 saved without a byte-order
//! mark, article heads with blanks inside (PDF extractions), heads numbered beyond any article,
//! an index folder asked for under a file; and the further cases of the same review.

mod cmd;
mod shared;

use cmd::{guize_in as guize, run, shipped};
use guize::model::{DocMeta, Regulation};
use guize::parse::{Source, SourceKind, parse};
use std::path::Path;

fn parse_as(text: &str, name: &str) -> Regulation {
    let path = Path::new(name);
    parse(Source {
        id: "x".into(),
        path,
        text,
        kind: SourceKind::from_path(path),
        meta: DocMeta::default(),
    })
}

/// (number, 之X, chapter, text) of every article.
fn outline(doc: &Regulation) -> Vec<(u32, u32, u32, String)> {
    doc.articles
        .iter()
        .map(|a| (a.number, a.sub, a.chapter.number, a.text.clone()))
        .collect()
}

fn lawrefbook(path: &str) -> String {
    let path = shared::path(&format!("corpora/lawrefbook/{path}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn utf16_without_a_byte_order_mark_reads_as_its_utf8() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(shipped("lixia.txt")).expect("lixia");
    std::fs::write(dir.path().join("a.txt"), &text).expect("write");
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    std::fs::write(dir.path().join("le.txt"), le).expect("write");
    std::fs::write(dir.path().join("be.txt"), be).expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    let (code, articles, err) = run(guize(dir.path(), index.path()).args(["articles", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    let (_, _, stderr) = run(guize(dir.path(), index.path()).arg("corpus"));
    assert!(
        stderr.contains("le.txt: decoded as UTF-16LE without a byte-order mark")
            && stderr.contains("be.txt: decoded as UTF-16BE without a byte-order mark"),
        "{stderr}"
    );
    let mut by_doc: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for line in articles.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("NDJSON");
        by_doc
            .entry(v["doc"].as_str().unwrap_or("").to_string())
            .or_default()
            .push(v["text"].as_str().unwrap_or("").to_string());
    }
    assert_eq!(by_doc.len(), 3, "{:?}", by_doc.keys());
    assert_eq!(by_doc["a"].len(), 78);
    assert_eq!(by_doc["le"], by_doc["a"]);
    assert_eq!(by_doc["be"], by_doc["a"]);
}

/// Blanks inside every article and chapter head (第 一 条, 第 二十 条, 第 一 章), as PDF
/// extractions write them: the same articles in the same chapters as the file without them.
#[test]
fn heads_with_blanks_inside_read_as_without_them() {
    let text = lawrefbook("DLC/山东地方法规/地方性法规/山东/泰安市供热条例(2020-11-27).md");
    let plain = parse_as(&text, "taian.md");
    assert_eq!(plain.articles.len(), 53);
    let spaced: String = text
        .lines()
        .map(|line| {
            let Some(rest) = line.strip_prefix('第') else {
                return format!("{line}\n");
            };
            let n = rest
                .find(['条', '章'])
                .filter(|&i| rest[..i].chars().all(guize::text::numeral::is_numeral_char));
            match n {
                // 第 二 十 条: a blank between each numeral and around the number.
                Some(i) => {
                    let numerals: Vec<String> = rest[..i].chars().map(|c| c.to_string()).collect();
                    format!("第 {} {}\n", numerals.join(" "), &rest[i..])
                }
                None => format!("{line}\n"),
            }
        })
        .collect();
    assert!(
        spaced.contains("第 五 十 三 条"),
        "the test spaces the heads"
    );
    let read = parse_as(&spaced, "taian.md");
    assert_eq!(outline(&read), outline(&plain));
    assert_eq!(read.chapters.len(), plain.chapters.len());
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    // 刑事诉讼法 (2018) has one such head in lawrefbook (第一百二十八 条侦查人员…): its own article.
    let law = parse_as(
        &lawrefbook("诉讼与非诉讼程序法/刑事诉讼法(2018-10-26).md"),
        "law.md",
    );
    let a128 = law
        .articles
        .iter()
        .find(|a| a.number == 128)
        .expect("第一百二十八条");
    assert!(
        a128.text.starts_with("侦查人员对于与犯罪有关的场所"),
        "{}",
        a128.text
    );
    assert!(
        !law.warnings
            .iter()
            .any(|w| w.message.contains("第一百二十九条 follows")),
        "{:?}",
        law.warnings
    );
}

/// A head whose number no article can have is text, with a warning naming it, and the corpus
/// still loads: no overflow, no panic, no lost article.
#[test]
fn a_head_numbered_beyond_any_article_is_warned_about() {
    let text = std::fs::read_to_string(shipped("lixia.txt")).expect("lixia");
    let huge = text.replacen(
        "第三条",
        "第九九九九九九九九九九条 一个过大的条号。\n第1000000000000条 又一个。\n第三条",
        1,
    );
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("lixia.txt"), huge).expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    let (code, shown, stderr) =
        run(guize(dir.path(), index.path()).args(["show", "lixia", "2", "--json"]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("`第九九九九九九九九九九条` opens the line as an article head")
            && stderr.contains("`第1000000000000条`")
            && stderr.contains("at most 99999"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_str(&shown).expect("json");
    assert!(
        v["text"]
            .as_str()
            .is_some_and(|t| t.contains("第1000000000000条 又一个")),
        "{v}"
    );
    let (_, articles, _) = run(guize(dir.path(), index.path()).arg("articles"));
    assert_eq!(articles.lines().count(), 78);
}

/// `--index FILE/x`: the folder cannot be made under a file, and the message says that file.
#[test]
fn an_index_under_a_file_names_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "a file").expect("write");
    for args in [
        &["search", "会议"][..],
        &["index"],
        &["precedent", "区政府常务会议每月召开一次"],
    ] {
        let (code, _, stderr) = run(guize(&shipped(""), &file.join("x").join("y")).args(args));
        assert_eq!(code, Some(1), "{args:?}");
        assert!(
            stderr.contains(&format!("{} is a file, not a folder", file.display()))
                && !stderr.contains("rebuild it with"),
            "{args:?}: {stderr}"
        );
    }
}

/// `guize ARGS` on the shipped corpus with the shared test index: (exit code, stdout, stderr).
fn on_shipped(args: &[&str]) -> (Option<i32>, String, String) {
    run(cmd::guize().args(args))
}

/// The group `guize compare WHAT --json` compares.
fn compared_group(what: &str) -> String {
    let (code, out, err) = on_shipped(&["compare", what, "--json"]);
    assert_eq!(code, Some(0), "{what}: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    v["group"]["id"].as_str().unwrap_or_default().to_string()
}

/// Citations pasted in forms a reader meets: each names 历下区 第三十九条 (the group of
/// `lixia:39`), or is an error that says what it holds instead of comparing a group found by
/// searching its words (which compared 第十三条 for 历下 第八章, 市中区 第九十五条 for two
/// citations, 第一条 for a title in 《》).
#[test]
fn pasted_citations_in_odd_forms_name_their_article_or_say_why_not() {
    let lixia39 = compared_group("lixia:39");
    for what in [
        "《济南市历下区人民政府工作规则》第三十九条",
        "历下 第三十九条 第二款",
        "历下区第三十九条第二款第三项",
        "ｌｉｘｉａ：３９",
        "历下 第３９条",
    ] {
        assert_eq!(compared_group(what), lixia39, "{what}");
    }
    let err = |what: &str| {
        let (code, out, err) = on_shipped(&["compare", what]);
        assert_eq!(code, Some(1), "{what}: {out}");
        assert!(!err.contains("best matches"), "{what}: {err}");
        err
    };
    let chapter = err("历下 第八章");
    assert!(
        chapter.contains("is a chapter: 第八章 完善会议制度 holds 第三十七条–第四十八条"),
        "{chapter}"
    );
    let two = err("历下第三十九条 市中第四十条");
    assert!(
        two.contains("it names 2 articles (第三十九条, 第四十条); compare one at a time"),
        "{two}"
    );
    let bare = err("第三十九条");
    assert!(
        bare.contains("names an article but no document")
            && bare.contains("历下区 第三十九条")
            && bare.contains("兖州区 三十九、"),
        "{bare}"
    );
    // Search still reads a bare head as words, and a title in 《》 as the article it cites.
    let (code, out, _) = on_shipped(&["search", "《济南市历下区人民政府工作规则》第三十九条"]);
    assert_eq!(code, Some(0));
    assert!(
        out.starts_with("1. 历下区 · 第八章 完善会议制度 · 第三十九条"),
        "{out}"
    );
    assert_eq!(on_shipped(&["search", "第三十九条"]).0, Some(0));
}

/// `-o` where no file can be: below a file, or a name ending in `/` with no folder there.
#[test]
fn an_output_below_a_file_or_ending_in_a_slash_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "a file").expect("write");
    let below = file.join("x.html");
    let (code, _, err) = on_shipped(&["compare", "lixia:39", "-o", below.to_str().expect("utf-8")]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains(&format!("{} is a file, not a folder", file.display()))
            && !err.contains("does not exist"),
        "{err}"
    );
    let slash = format!("{}/", dir.path().join("new").display());
    let (code, _, err) = on_shipped(&["report", "-o", &slash]);
    assert_eq!(code, Some(1));
    assert!(err.contains("a name ending in / is a folder"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

/// `--corpus` naming a link that leads back to itself: said of that path, not of a manifest.json
/// inside it.
#[cfg(unix)]
#[test]
fn a_corpus_that_is_a_link_loop_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::os::unix::fs::symlink(&b, &a).expect("link");
    std::os::unix::fs::symlink(&a, &b).expect("link");
    let index = tempfile::tempdir().expect("temp dir");
    for args in [&["articles"][..], &["search", "会议"]] {
        let (code, _, err) = run(guize(&a, index.path()).args(args));
        assert_eq!(code, Some(1), "{args:?}");
        assert!(
            (err.contains(&format!("cannot read {}: ", a.display()))
                || err.contains(&format!("cannot read corpus {}: ", a.display())))
                && !err.contains("manifest.json"),
            "{args:?}: {err}"
        );
    }
}

/// `--format` takes its value in any case, as `-o x.HTML` takes the extension: `HTML` is the
/// same page as `html`, and a value that is no format is still a usage error (exit 2).
#[test]
fn format_values_are_read_in_any_case() {
    let (code, lower, _) = run(cmd::guize().args(["compare", "lixia:39", "--format", "html"]));
    assert_eq!(code, Some(0));
    let (code, upper, _) = run(cmd::guize().args(["compare", "lixia:39", "--format", "HTML"]));
    assert_eq!(code, Some(0));
    assert!(upper.starts_with("<!DOCTYPE html>"), "{upper:.80}");
    assert_eq!(lower, upper);
    let (code, table, _) = run(cmd::guize().args(["align", "--format", "CSV"]));
    assert_eq!(code, Some(0));
    assert!(table.starts_with('\u{feff}'), "{table:.200}");
    let (code, _, err) = run(cmd::guize().args(["compare", "lixia:39", "--format", "htm"]));
    assert_eq!(code, Some(2), "{err}");
}

/// One regulation in simplified characters and in traditional (a Taiwan or Hong Kong copy, or a
/// Big5 file): `compare` marked every word written in traditional characters as replaced
/// (`[-养犬人应当依法办理养犬登记-]{+養犬人應當依法辦理養犬登記+}`), which says the two differ in
/// wording where they differ in script only. Now such a stretch is a quiet change (`punct`), as
/// １次 against 1次 is, and a real change of words is still one.
#[test]
fn traditional_and_simplified_writing_of_one_wording_is_no_change_of_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let simplified = "某市养犬管理规定\n第一条 为了规范养犬行为，制定本规定。\n第二条 养犬人应当依法办理养犬登记，每年年检一次。\n";
    let traditional = "某市養犬管理規定\n第一條 為了規範養犬行為，制定本規定。\n第二條 養犬人應當依法辦理養犬登記，每年年檢兩次。\n";
    std::fs::write(dir.path().join("jian.txt"), simplified).expect("write");
    let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
    std::fs::write(dir.path().join("fan.txt"), &big5).expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) =
        run(guize(dir.path(), index.path()).args(["compare", "fan:2", "--base", "jian", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let fan = cmd::column(&v, "fan");
    let changed: Vec<String> = fan["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["op"] != "equal" && s["punct"] != true)
        .filter_map(|s| s["text"].as_str().map(str::to_string))
        .collect();
    // Only the figure differs (一次 / 兩次); the rest is one wording in two scripts.
    assert!(
        !changed.is_empty() && changed.iter().all(|t| t.contains('一') || t.contains('兩')),
        "{changed:?} in {fan}"
    );
    // The text shown is the document's own.
    let rebuilt = cmd::own_side(&fan["segments"]);
    assert_eq!(rebuilt, "養犬人應當依法辦理養犬登記，每年年檢兩次。");
}

/// Characters of the CJK block in a fixed pseudo-random order: a page of text no question is.
fn random_hanzi(n: usize) -> String {
    let mut x: u32 = 12345;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from_u32(0x4E00 + (x >> 8) % 0x51A5).unwrap_or('一')
        })
        .collect()
}

/// A page of random characters as a query searched each of its thousands of rare words through
/// the word vectors: 5,000 characters took 22 s of CPU, 40,000 over six minutes, and a compare of
/// them longer still. Now a query of more than 1,000 different words or 20,000 characters is an
/// error at once that points to `guize precedent`, and the longest article of the five, pasted
/// whole, is still a search.
#[test]
fn a_page_of_random_characters_is_no_query() {
    let started = std::time::Instant::now();
    let page = random_hanzi(5_000);
    for command in ["search", "compare"] {
        let (code, out, err) = on_shipped(&[command, &page]);
        assert_eq!(code, Some(1), "{command}: {out}");
        assert!(
            err.contains("more than 1000 different words, more than the 1000 words a search takes"),
            "{command}: {err}"
        );
    }
    let long = random_hanzi(25_000);
    for command in ["search", "compare"] {
        let (code, out, err) = on_shipped(&[command, &long]);
        assert_eq!(code, Some(1), "{command}: {out}");
        assert!(
            err.contains("the query has 25000 characters, more than the 20000 characters")
                && err.contains("guize precedent"),
            "{command}: {err}"
        );
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    let (code, out, _) = on_shipped(&["articles", "--json"]);
    assert_eq!(code, Some(0));
    let longest = out
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .max_by_key(|t| t.chars().count())
        .unwrap_or_default();
    assert!(longest.chars().count() > 700, "{longest}");
    let (code, out, err) = on_shipped(&["search", "--limit", "1", &longest]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("1. "), "{out}");
}

/// Many load warnings are summed up in one line whose command lists them: on a corpus given
/// with `--corpus`, that command names it (`guize corpus --warnings` alone lists the warnings
/// of another corpus, the checkout's or the built-in five).
#[test]
fn the_command_listing_many_warnings_names_the_corpus_given() {
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("my laws");
    std::fs::create_dir(&corpus).expect("corpus");
    std::fs::write(corpus.join("a.md"), "# 某条例\n\n第一条 正文。\n").expect("a.md");
    for k in 0..6 {
        std::fs::write(corpus.join(format!("empty{k}.txt")), "").expect("empty file");
    }
    let index = dir.path().join("index");
    let (code, _, err) = run(guize(&corpus, &index).arg("search").arg("正文"));
    assert_eq!(code, Some(0), "{err}");
    let hint = format!(
        "6 warnings while loading the corpus (`guize --corpus '{}' corpus --warnings` lists them)",
        corpus.display()
    );
    assert!(err.contains(&hint), "{err}");
    let (code, _, listed) = run(guize(&corpus, &index).args(["corpus", "--warnings"]));
    assert_eq!(code, Some(0), "{listed}");
    for k in 0..6 {
        assert!(listed.contains(&format!("empty{k}.txt")), "{listed}");
    }
}

// What a new user found (review27).

/// A search whose words match one article and whose clause-group counterparts join the hits
/// counts those counterparts: never "2 of 1 matching articles".
#[test]
fn a_search_never_shows_more_hits_than_it_counts() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "某市甲管理办法\n第一条 为了清屏测试，制定本办法。\n第二条 本办法自公布之日起施行。\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("b.txt"),
        "某市乙管理办法\n第一条 为了规范测试，制定本办法。\n第二条 本办法自公布之日起施行。\n",
    )
    .expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize(dir.path(), index.path()).args(["search", "清屏", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    // A counterpart that holds none of the words (`via`) is no match and not counted.
    let hits = v["hits"].as_array().expect("hits");
    let matches = hits.iter().filter(|h| h.get("via").is_none()).count();
    let total = v["total"].as_u64().expect("total") as usize;
    assert!(
        matches >= 1 && total >= matches,
        "{total} of {matches}: {out}"
    );
    let (code, out, err) = run(guize(dir.path(), index.path()).args(["search", "清屏"]));
    assert_eq!(code, Some(0), "{err}");
    let footer = out.lines().last().expect("a footer");
    let shown: usize = footer
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("N of M");
    let counted: usize = footer
        .split(' ')
        .nth(2)
        .and_then(|n| n.parse().ok())
        .expect("N of M");
    assert!(shown <= counted, "{footer}");
}

/// An empty query (or one of blanks and invisible characters) is said to be empty, not to hold
/// only punctuation; a query of punctuation still says so.
#[test]
fn an_empty_query_is_said_to_be_empty() {
    for q in ["", "  ", "\u{200b}"] {
        let (code, _, err) = run(cmd::guize().args(["search", q]));
        assert_eq!(code, Some(1), "{q:?}: {err}");
        assert!(
            err.contains("nothing to search for: the query is empty"),
            "{q:?}: {err}"
        );
    }
    let (code, _, err) = run(cmd::guize().args(["search", "，。"]));
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("nothing to search for in '，。': it has only punctuation"),
        "{err}"
    );
}

/// A table read from a web page or DOCX has its cells separated by tabs: the terminal
/// comparison and the search snippet write them as spaces (a tab moves to the terminal's next
/// tab stop and pushed the rest of the row out of its column), and the outline's count column
/// is headed `count`.
#[test]
fn table_cells_keep_their_columns_on_a_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = |title: &str, fee: &str| {
        format!(
            "<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1>\
             <p>第一条 为了规范测试工作，制定本办法。</p><p>第二条 测试费用按照下表收取：</p>\
             <table><tr><td>项目</td><td>收费标准</td></tr><tr><td>一般测试</td><td>{fee}</td></tr></table>\
             <p>第三条 本办法自公布之日起施行。</p></body></html>"
        )
    };
    std::fs::write(
        dir.path().join("a.html"),
        page("某市甲测试管理办法", "每次50元"),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("b.html"),
        page("某市乙测试管理办法", "每次80元"),
    )
    .expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    let (code, articles, err) =
        run(guize(dir.path(), index.path()).args(["articles", "--doc", "a", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(
        articles.contains("项目\\t收费标准"),
        "cells read as tab-separated: {articles}"
    );
    let (code, out, err) =
        run(guize(dir.path(), index.path()).args(["compare", "a:2", "--width", "80"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(!out.contains('\t'), "{out}");
    assert!(out.contains("项目  收费标准"), "{out}");
    // Side by side: every row's divider at the same column.
    let at: std::collections::BTreeSet<usize> = out
        .lines()
        .filter_map(|l| {
            l.find('│')
                .map(|i| guize::text::width::display_width(&l[..i]))
        })
        .collect();
    assert_eq!(at.len(), 1, "{out}");
    let (code, out, err) = run(guize(dir.path(), index.path()).args(["search", "收费标准"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(
        !out.contains('\t') && out.contains("项目 收费标准"),
        "{out}"
    );
    let (code, out, err) = run(guize(dir.path(), index.path()).args(["show", "a"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("chapter") && l.trim_end().ends_with("count")),
        "{out}"
    );
}

/// A kind without a shared name was once named by its documents' ids joined with 、: for the
/// hundreds of unrelated laws of lawrefbook that made one line of 168,000 characters in `guize
/// corpus` (such a kind is now 其他). Whatever the name, a line shows at most 60 characters of
/// it and twelve ids, then counts the rest.
#[test]
fn a_kind_of_many_documents_is_summed_up_on_its_line() {
    use guize::render::align::kind_shown;
    let ids: Vec<String> = (0..962).map(|i| format!("法规{i:03}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let (name, shown) = kind_shown(&ids.join("、"), &refs);
    assert_eq!(name.chars().count(), 61, "{name}");
    assert!(
        name.starts_with("法规000、法规001") && name.ends_with('…'),
        "{name}"
    );
    assert!(
        shown.starts_with("法规000, 法规001")
            && shown.ends_with("法规011, … and 950 more (`--json` lists them)"),
        "{shown}"
    );
    let (name, shown) = kind_shown("养犬管理条例", &["heze", "qingdao"]);
    assert_eq!(
        (name.as_str(), shown.as_str()),
        ("养犬管理条例", "heze, qingdao")
    );
}

/// A gold file that names nothing to score by is refused, as `eval topics` and `eval align`
/// refuse theirs, rather than scored 0: a numbers gold of no documents (it counted every figure
/// of the corpus as extra), a search query with no relevant article (it scored 0.000).
#[test]
fn a_gold_of_nothing_to_score_by_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let numbers = dir.path().join("numbers.json");
    std::fs::write(&numbers, r#"{"docs": [], "provisions": []}"#).expect("write");
    let (code, out, err) = on_shipped(&["eval", "numbers", "--gold", &numbers.to_string_lossy()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(err.contains("names no documents"), "{err}");
    let search = dir.path().join("search.json");
    std::fs::write(
        &search,
        r#"{"queries": [{"query": "常务会议", "relevant": [["lixia", 39]]}, {"query": "请假", "relevant": []}]}"#,
    )
    .expect("write");
    let (code, out, err) = on_shipped(&["eval", "search", "--gold", &search.to_string_lossy()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        err.contains("query '请假' lists no relevant article"),
        "{err}"
    );
}

// What an adversarial tester found (review32).

/// A search hit that holds none of the query's words joined as a clause-group counterpart of a
/// better hit: it says so (`(counterpart of 济南… 第九条)`, `"via"`), and the count of matching
/// articles leaves it out (review32 #7: `search 蓝线` showed four such hits at 0.00 and counted
/// them as matches).
#[test]
fn counterparts_that_hold_none_of_the_words_are_marked_and_not_counted() {
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("c-hd");
    shared::river_corpus(&corpus);
    let index = dir.path().join("index");
    let (code, out, err) =
        run(guize(&corpus, &index).args(["search", "蓝线", "--limit", "8", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let hits = v["hits"].as_array().expect("hits");
    let (joined, matching): (Vec<_>, Vec<_>) = hits.iter().partition(|h| h.get("via").is_some());
    assert!(!joined.is_empty() && !matching.is_empty(), "{out}");
    // Every article shown holds 蓝线 or is marked; the counterparts hold none of it.
    let (code, articles, err) = run(guize(&corpus, &index).args(["articles", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    let holds = |h: &serde_json::Value| {
        articles
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .any(|a| {
                a["doc"] == h["doc"]
                    && a["article"] == h["article"]
                    && a["text"].as_str().is_some_and(|t| t.contains("蓝线"))
            })
    };
    for h in &matching {
        assert!(holds(h), "a match without 蓝线: {h}");
    }
    for h in &joined {
        assert!(!holds(h), "a counterpart with 蓝线: {h}");
        let via = &h["via"];
        assert!(
            via["doc"].is_string() && via["article"].as_u64().is_some_and(|n| n > 0),
            "{h}"
        );
        assert!(
            via["label"].as_str().is_some_and(|l| l.ends_with('条')),
            "{h}"
        );
        // The hit it joined through is one of the matches.
        assert!(
            matching
                .iter()
                .any(|m| m["doc"] == via["doc"] && m["article"] == via["article"]),
            "{h}"
        );
    }
    assert_eq!(v["total"].as_u64(), Some(matching.len() as u64), "{out}");
    let (code, out, err) = run(guize(&corpus, &index).args(["search", "蓝线", "--limit", "8"]));
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out.matches("(counterpart of ").count(),
        joined.len(),
        "{out}"
    );
    assert!(
        out.contains("(counterpart of 济南市河道管理保护条例 第"),
        "{out}"
    );
    let footer = out.lines().last().expect("a footer");
    assert_eq!(
        footer,
        format!(
            "{n} of {n} matching articles, and {k} counterparts of them that hold none of the \
             words (words: 蓝线)",
            n = matching.len(),
            k = joined.len()
        ),
        "{out}"
    );
}

/// An empty .pdf or .docx is an empty file, as an empty .txt is, not a damaged one (review32 #12).
#[test]
fn an_empty_pdf_or_docx_is_an_empty_file() {
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).expect("corpus");
    std::fs::write(corpus.join("a.md"), "# 某条例\n\n第一条 正文。\n").expect("a.md");
    for name in ["empty.txt", "empty.pdf", "empty.docx"] {
        std::fs::write(corpus.join(name), "").expect("empty file");
    }
    let index = dir.path().join("index");
    let (code, _, err) = run(guize(&corpus, &index).args(["corpus", "--warnings"]));
    assert_eq!(code, Some(0), "{err}");
    for name in ["empty.txt", "empty.pdf", "empty.docx"] {
        assert!(
            err.contains(&format!("{name}: empty file; skipped")),
            "{name}: {err}"
        );
    }
    assert!(!err.contains("not a readable"), "{err}");
}

/// A copy of the lawrefbook corpus files `paths` (under `corpora/lawrefbook`) in a new folder.
fn lawrefbook_corpus(paths: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for path in paths {
        let name = Path::new(path).file_name().expect("file name");
        std::fs::write(dir.path().join(name), lawrefbook(path)).expect("write");
    }
    dir
}

const ZJ_MIGRANTS: &str =
    "DLC/浙江地方法规/地方性法规/浙江/浙江省流动人口居住登记条例(2016-03-31).md";
const TAIAN_HEATING: &str = "DLC/山东地方法规/地方性法规/山东/泰安市供热条例(2020-11-27).md";
const HEATING: [&str; 4] = [
    "DLC/山东地方法规/地方性法规/山东/山东省供热条例(2021-12-03).md",
    TAIAN_HEATING,
    "DLC/山东地方法规/地方性法规/山东/潍坊市供热条例(2021-01-28).md",
    "DLC/山东地方法规/地方性法规/山东/青岛市供热条例(2017-12-01).md",
];
const FIRE: [&str; 4] = [
    "DLC/北京地方法规/地方性法规/北京/北京市消防条例.md",
    "DLC/浙江地方法规/地方性法规/浙江/浙江省消防条例(2021-11-25).md",
    "DLC/山东地方法规/地方性法规/山东/山东省消防条例(2015-07-24).md",
    "DLC/上海地方法规/地方性法规/上海/上海市消防条例(2020-03-19).md",
];

/// The articles a fine punishes the breach of, as (number, 之X), for the figures of article
/// `number` 之`sub` of `doc`.
fn cited_by_fines(doc: &Regulation, number: u32, sub: u32) -> Vec<Vec<(u32, u32)>> {
    guize::numbers::extract_regulation(doc)
        .into_iter()
        .filter(|p| p.article.article == number && p.article.sub == sub)
        .map(|p| p.cited_articles())
        .collect()
}

/// Cross-references are read by one reader for the numbers as for the alignment: a fine citing
/// 第八条至第十一条 punishes the breach of each article of the run, and one citing 第十一条之一
/// the inserted article, not 第十一条.
#[test]
fn a_fine_cites_every_article_of_a_run_and_the_inserted_one_it_names() {
    let text = lawrefbook(ZJ_MIGRANTS);
    let doc = parse_as(&text, "zj.md");
    // 第三十四条 违反本条例第八条至第十一条规定…每人一百元的数额处以罚款.
    let run = cited_by_fines(&doc, 34, 0);
    assert!(!run.is_empty());
    assert!(
        run.iter().all(|c| c == &[(8, 0), (9, 0), (10, 0), (11, 0)]),
        "{run:?}"
    );
    // The same regulation with an inserted article and a penalty for its breach.
    let edited = text
        .replacen(
            "第十二条 ",
            "第十一条之一 流动人口变更居住地的，应当自变更之日起三日内告知居住地公安机关。\n\n第十二条 ",
            1,
        )
        .replacen(
            "第三十五条 ",
            "第三十四条之一 违反本条例第十一条之一规定，未按时告知的，由公安机关处五十元罚款。\n\n第三十五条 ",
            1,
        );
    let doc = parse_as(&edited, "zj.md");
    assert!(doc.articles.iter().any(|a| a.number == 11 && a.sub == 1));
    assert_eq!(cited_by_fines(&doc, 34, 1), vec![vec![(11, 1)]]);
}

/// 泰安 第十五条 保修期不得低于两个采暖供热期: two heating periods, a span of time counted in
/// the period it names (not a count 2个); 第二十四条 以一个采暖供热期为停用时间单位 says what a
/// unit is and states no figure.
#[test]
fn a_count_of_periods_is_a_duration_in_that_period_and_a_unit_is_no_figure() {
    let doc = parse_as(&lawrefbook(TAIAN_HEATING), "taian.md");
    let figures = guize::numbers::extract_regulation(&doc);
    let warranty: Vec<_> = figures
        .iter()
        .filter(|p| p.quantity.sentence.contains("保修期不得低于"))
        .collect();
    assert_eq!(warranty.len(), 1, "{warranty:#?}");
    let q = &warranty[0].quantity;
    assert_eq!((q.value, q.unit.as_str()), (2.0, "个采暖供热期"));
    assert_eq!(q.kind, guize::numbers::UnitKind::Duration);
    assert!(
        !figures
            .iter()
            .any(|p| p.quantity.sentence.contains("停用时间单位")),
        "{:#?}",
        figures
            .iter()
            .filter(|p| p.article.article == 24)
            .collect::<Vec<_>>()
    );
    // Beside 青岛's 二个采暖期 in the four heating regulations, the two agree.
    let corpus = lawrefbook_corpus(&HEATING);
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize(corpus.path(), index.path()).arg("numbers"));
    assert_eq!(code, Some(0), "{err}");
    let block = out
        .split("\n\n")
        .find(|b| b.contains("2个采暖供热期"))
        .expect("a row with 泰安's warranty");
    assert!(block.contains("泰安市供热条例"), "{block}");
    assert!(
        block.contains("青岛市供热条例") && block.contains("2个采暖期"),
        "{block}"
    );
    assert!(
        !block.contains("no majority") && !block.lines().any(|l| l.ends_with(" *")),
        "{block}"
    );
    assert!(!out.contains("一般以一个"), "{out}");
}

/// A draft on a matter none of the documents regulates (electric bikes, against four fire-safety
/// regulations) shares a few words with articles on corridors and exits, above the 95th
/// percentile of chance but not well above it: no close precedent. A sentence copied from one of
/// the documents is still close, and so is a heating draft among heating regulations.
#[test]
fn a_draft_sharing_only_a_few_words_has_no_close_precedent_and_a_copy_does() {
    let corpus = lawrefbook_corpus(&FIRE);
    let index = tempfile::tempdir().expect("temp dir");
    let close = |draft: &str| -> (bool, f64, f64) {
        let (code, out, err) =
            run(guize(corpus.path(), index.path()).args(["precedent", draft, "--json"]));
        assert_eq!(code, Some(0), "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        let piece = &v["pieces"][0];
        (
            piece["close"].as_bool().expect("close"),
            piece["hits"][0]["similarity"].as_f64().unwrap_or(0.0),
            piece["chance"].as_f64().unwrap_or(0.0),
        )
    };
    let (is_close, best, chance) = close(
        "电动自行车应当停放在安全地点，禁止在疏散通道、楼梯间、安全出口处停放电动自行车或者为其充电。",
    );
    assert!(!is_close, "best {best}, chance {chance}");
    assert!(best > 0.0 && best <= chance, "best {best}, chance {chance}");
    let (is_close, best, chance) = close(
        "任何单位和个人不得实施下列行为：埋压、圈占、损毁、挪用消防设施和器材；超负荷用电，安装不合规格的保险丝、保险片。",
    );
    assert!(is_close, "best {best}, chance {chance}");
    let heating = lawrefbook_corpus(&HEATING);
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize(heating.path(), index.path()).args([
        "precedent",
        "供热企业应当在采暖期开始前对供热设施进行检修，并提前三日通知用户充水试压。",
        "--json",
    ]));
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["pieces"][0]["close"], true, "{out}");
}

/// A title's markup names no kind: 某市<script>alert('t')</script>供热条例 is a 供热条例 among
/// the heating regulations, not a kind of its own named by a piece of the script.
#[test]
fn a_title_with_markup_joins_the_kind_its_words_name() {
    let corpus = lawrefbook_corpus(&HEATING);
    std::fs::write(
        corpus.path().join("hostile.md"),
        "# 某市<script>alert('t')</script>供热条例\n\n第一条 为了<script>alert(1)</script>规范供热，\
         <img src=x onerror=alert(2)>制定本条例。\n\n第二条 供热企业应当保证室内温度不低于十八摄氏度。\n\n\
         第三条 本条例自公布之日起施行。\n",
    )
    .expect("write");
    std::fs::write(corpus.path().join("fire.md"), lawrefbook(FIRE[0])).expect("write");
    std::fs::write(corpus.path().join("fire2.md"), lawrefbook(FIRE[3])).expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize(corpus.path(), index.path()).arg("corpus"));
    assert_eq!(code, Some(0), "{err}");
    // The kinds' lines: 供热条例 holds the hostile document, and no kind is named by markup.
    let all = format!("{out}{err}");
    let kinds: Vec<&str> = all
        .lines()
        .filter(|l| l.contains(" documents): "))
        .collect();
    assert_eq!(kinds.len(), 2, "{all}");
    assert!(
        kinds
            .iter()
            .any(|l| l.trim_start().starts_with("供热条例 (5 documents)") && l.contains("hostile")),
        "{all}"
    );
    assert!(
        !kinds
            .iter()
            .any(|l| l.contains("script") || l.contains("alert")),
        "{all}"
    );
    // Words that match nothing offer no articles that merely share letters with them.
    let (code, _, err) = run(guize(corpus.path(), index.path()).args(["compare", "nothing-here"]));
    assert_ne!(code, Some(0));
    assert!(!err.contains("hostile:"), "{err}");
}

/// A rule numbered as a list with no 第X条 and no X、 (lawrefbook's 保护海底电缆规定, `(一)` … `(五)`)
/// is read, each item an article cited as written, with a note saying so; a document with `## 一、`
/// headings over its `(一)` items (国务院关于进一步完善文化经济政策的若干规定) has its own numbering
/// and still no article.
#[test]
fn a_rule_numbered_as_a_list_is_read_from_its_items() {
    let path = "行政法规/保护海底电缆规定(1973-05-30).md";
    let doc = parse_as(&lawrefbook(path), path);
    let labels: Vec<String> = doc.articles.iter().map(|a| a.label()).collect();
    assert_eq!(labels, ["(一)", "(二)", "(三)", "(四)", "(五)"]);
    assert!(
        doc.articles[4].text.contains("海底电缆遭受损伤"),
        "{:?}",
        doc.articles[4]
    );
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.message.contains("5 items numbered (一) … (五)")),
        "{:?}",
        doc.warnings
    );
    let path = "行政法规/国务院关于进一步完善文化经济政策的若干规定(1996-09-05).md";
    assert!(parse_as(&lawrefbook(path), path).articles.is_empty());
}

/// The four 殡葬管理条例: a document whose manifest gives no city takes it from its title's
/// leading place (上海市, 北京市, 郑州市); the national one names none.
#[test]
fn the_city_is_read_from_the_title() {
    let dir = tempfile::tempdir().expect("temp dir");
    shared::copy_named(dir.path(), &shared::FUNERALS);
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize(dir.path(), index.path()).args(["corpus", "--json"]));
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let cities: Vec<(String, String)> = v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| {
            (
                d["title"].as_str().unwrap_or("").to_string(),
                d["city"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    let city = |title: &str| {
        cities
            .iter()
            .find(|(t, _)| t == title)
            .map(|(_, c)| c.as_str())
    };
    assert_eq!(city("上海市殡葬管理条例"), Some("上海市"), "{cities:?}");
    assert_eq!(city("北京市殡葬管理条例"), Some("北京市"), "{cities:?}");
    assert_eq!(city("郑州市殡葬管理条例"), Some("郑州市"), "{cities:?}");
    assert_eq!(city("殡葬管理条例"), Some("-"), "{cities:?}");
}

/// A county's and a town's rule of one matter (北京市殡葬管理条例's text titled 某县… and 某镇…) are
/// one kind named by the matter, not by their ids; a title's 城镇 stays a word of its matter
/// (lawrefbook's 城镇容貌和环境卫生管理条例 of 滨州 and 临沂 are one kind with 重庆's 村镇供水
/// apart from them).
#[test]
fn a_town_is_a_place_and_a_kind_is_named_by_its_matter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = lawrefbook(shared::FUNERALS[1]);
    let body = &text[text.find('\n').unwrap_or(0)..];
    for (id, title) in [("county", "某县殡葬管理规定"), ("town", "某镇殡葬管理规定")]
    {
        std::fs::write(
            dir.path().join(format!("{id}.md")),
            format!("# {title}{body}"),
        )
        .expect("write");
    }
    shared::copy_named(
        dir.path(),
        &[
            "DLC/山东地方法规/地方性法规/山东/滨州市城镇容貌和环境卫生管理条例(2018-12-04).md",
            "DLC/山东地方法规/地方性法规/山东/临沂市城镇容貌和环境卫生管理条例(2021-01-28).md",
        ],
    );
    let index = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(guize(dir.path(), index.path()).arg("corpus"));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("殡葬管理规定 (2 documents)"), "{out}");
    assert!(
        out.contains("城镇容貌和环境卫生管理条例 (2 documents)"),
        "{out}"
    );
}

/// The report's contents put a lone group where its own document's reading order puts it: 北京
/// 13 (殡仪服务业务, in 北京's 第三章) after the group of 北京12 (活动·侵害·合法权益, 上海's 第三章), not
/// after 郑州5's lone group (个人·单位, 郑州's 总则) and so under 第一章 总则.
#[test]
fn a_lone_group_follows_its_own_documents_previous_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    shared::copy_named(dir.path(), &shared::FUNERALS);
    let index = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report.md");
    let (code, _, err) = run(guize(dir.path(), index.path())
        .args(["report", "--format", "markdown", "-o"])
        .arg(&out));
    assert_eq!(code, Some(0), "{err}");
    let report = std::fs::read_to_string(&out).expect("report");
    let contents = &report[..report.find("## Coverage").unwrap_or(report.len())];
    let chapter_of = |label: &str| {
        let at = contents
            .find(&format!("[{label}]"))
            .unwrap_or_else(|| panic!("{label} in {contents}"));
        contents[..at]
            .rfind("- **")
            .map(|c| contents[c + 4..].lines().next().unwrap_or("").to_string())
    };
    let beijing13 = chapter_of("殡仪服务业务");
    assert!(
        beijing13
            .as_deref()
            .is_some_and(|c| c.starts_with("第三章")),
        "{beijing13:?}\n{contents}"
    );
    assert_eq!(chapter_of("活动·侵害·合法权益"), beijing13, "{contents}");
}
