//! `guize serve` end to end over loopback: every page and API route on the real corpus, the API's
//! JSON against the CLI's `--json` for the same query, every error status, path traversal, and the
//! binary itself (`--port 0` prints the URL, SIGINT stops it cleanly).

mod serve_common;
mod shared;

use serve_common::{cli_json, get, json, post, raw_get, url};

#[test]
fn pages_answer_with_the_corpus() {
    let (status, home) = get("/");
    assert_eq!(status, 200);
    for text in [
        "济南市历下区人民政府工作规则",
        "环翠区",
        "action=\"/search\"",
        "/doc/lixia",
        "<th><span lang=\"en\">district</span></th>",
    ] {
        assert!(home.contains(text), "home lacks {text}");
    }

    let (status, search) = get("/search?q=常务会议");
    assert_eq!(status, 200);
    assert!(search.contains("<mark>常务会议</mark>"), "{search}");
    assert!(
        search.contains("href=\"/compare/"),
        "hits link to comparisons"
    );
    assert!(search.contains("href=\"/doc/"), "hits link to articles");

    let (status, filtered) = get("/search?q=会议纪要&doc=lixia&chapter=会议制度");
    assert_eq!(status, 200);
    assert!(filtered.contains("历下区 · 第八章"), "{filtered}");
    assert!(!filtered.contains("市中区 · "), "doc filter holds");

    let (status, outline) = get("/doc/lixia");
    assert_eq!(status, 200);
    assert!(outline.contains("第八章 完善会议制度"));
    assert!(outline.contains("href=\"/doc/lixia/39\""));

    let (status, article) = get("/doc/历下/第三十九条");
    assert_eq!(status, 200);
    assert!(article.contains("济南市历下区人民政府工作规则 第八章 完善会议制度 第三十九条"));
    assert!(
        article.contains("Clause group"),
        "the article shows its group"
    );
    // Links to its counterparts in the other four documents.
    for doc in ["shizhong", "yanzhou", "zhoucun", "huancui"] {
        assert!(
            article.contains(&format!("href=\"/doc/{doc}/")),
            "no counterpart link to {doc}"
        );
    }

    // One reference names the article too, as `guize show` takes it.
    for path in ["/doc/lixia:39", "/doc/历下区第39条", "/doc/历下:第三十九条"] {
        let (status, page) = get(path);
        assert_eq!(status, 200, "{path}");
        assert!(
            page.contains("济南市历下区人民政府工作规则 第八章 完善会议制度 第三十九条"),
            "{path}"
        );
    }

    let (status, compare) = get("/compare/lixia:39");
    assert_eq!(status, 200);
    assert_eq!(
        compare.matches("<article class=\"col").count(),
        5,
        "five columns"
    );
    assert!(
        compare.contains("<ins>") && compare.contains("<del>"),
        "marks"
    );
    assert!(compare.contains("name=\"base\"") && compare.contains("name=\"doc\""));

    let (status, two) = get("/compare/lixia:39?doc=lixia&doc=shizhong&base=shizhong");
    assert_eq!(status, 200);
    assert_eq!(two.matches("<article class=\"col").count(), 2);
    assert!(
        two.contains("<span lang=\"en\">Compared with</span> 市中区 第")
            && two.contains("(<span lang=\"en\">chosen as base</span>)")
    );
    assert!(two.contains("class=\"col base\""));

    let (status, words) = get("/compare/请假 外出");
    assert_eq!(status, 200);
    assert!(
        words.contains("best matches"),
        "words say which article they matched"
    );

    let (status, report) = get("/report");
    assert_eq!(status, 200);
    for id in [
        "id=\"coverage\"",
        "id=\"similarity\"",
        "id=\"unique\"",
        "id=\"groups\"",
        "id=\"numbers\"",
    ] {
        assert!(report.contains(id), "report lacks {id}");
    }

    let (status, form) = get("/precedent");
    assert_eq!(status, 200);
    assert!(form.contains("<textarea name=\"text\"") && form.contains("type=\"file\""));

    let (status, numbers) = get("/numbers?q=常务会议");
    assert_eq!(status, 200);
    assert!(numbers.contains("常务会议"));
    let (_, all) = get("/numbers");
    let (_, differing) = get("/numbers?differs=1");
    let rows = |page: &str| page.matches("<tr>").count();
    assert!(
        rows(&differing) < rows(&all),
        "the differs filter drops rows"
    );
    assert!(rows(&differing) > 1, "some figures differ");

    let (status, css) = get("/assets/guize.css");
    assert_eq!(status, 200);
    assert!(css.contains(".cols"));
}

#[test]
fn precedent_form_posts_a_draft_and_an_uploaded_file() {
    let boundary = "guizeboundary";
    let form = |fields: &[(&str, Option<&str>, &[u8])]| {
        let mut body = Vec::new();
        for (name, file, value) in fields {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match file {
                Some(f) => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/plain\r\n\r\n").as_bytes(),
                ),
                None => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            body.extend_from_slice(value);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        body
    };
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let draft = "区政府常务会议一般每月召开一次，由区长召集和主持。";
    let (status, page) = post(
        "/precedent",
        &content_type,
        &form(&[("text", None, draft.as_bytes()), ("limit", None, b"3")]),
    );
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Draft piece 1 of 1"));
    assert!(page.contains("similarity"));
    assert!(
        page.contains("<ins>") || page.contains("<del>"),
        "a diff is shown"
    );
    assert_eq!(page.matches("<a class=\"cite\"").count(), 3, "limit=3");

    // A GB18030 file upload is decoded like `guize precedent --file`.
    let (gb, _, _) = encoding_rs::GB18030.encode(draft);
    let (status, page) = post(
        "/precedent",
        &content_type,
        &form(&[("text", None, b""), ("file", Some("draft.txt"), &gb)]),
    );
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("常务会议一般每月召开一次"),
        "the uploaded draft is shown"
    );

    // A DOCX or PDF upload is read as `guize precedent --file` reads it (by its bytes: an
    // upload's name may be anything).
    for name in ["fazhi.docx", "fazhi.pdf"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/docs")
            .join(name);
        let bytes = std::fs::read(path).expect("fixture");
        let (status, page) = post(
            "/precedent",
            &content_type,
            &form(&[
                ("text", None, b""),
                ("limit", None, b"1"),
                ("file", Some("upload"), &bytes),
            ]),
        );
        assert_eq!(status, 200, "{name}: {page}");
        assert!(
            page.contains("法治宣传教育"),
            "{name}: the draft's text is shown"
        );
    }

    let (status, page) = post("/precedent", &content_type, &form(&[("text", None, b"  ")]));
    assert_eq!(status, 400);
    assert!(page.contains("the draft is empty"));
}

#[test]
fn api_answers_exactly_what_the_cli_prints() {
    let (status, body) = get("/api/corpus");
    assert_eq!(status, 200);
    assert_eq!(json(&body), public_corpus(cli_json(&["corpus", "--json"])));

    let (status, body) = get("/api/search?q=常务会议&limit=5");
    assert_eq!(status, 200);
    assert_eq!(
        json(&body),
        cli_json(&["search", "--json", "--limit", "5", "常务会议"])
    );
    assert_eq!(json(&body)["hits"].as_array().map(Vec::len), Some(5));

    let (_, body) = get("/api/search?q=会议纪要 签发&doc=lixia&doc=zhoucun&chapter=会议制度");
    let cli = cli_json(&[
        "search",
        "--json",
        "--doc",
        "lixia",
        "--doc",
        "zhoucun",
        "--chapter",
        "会议制度",
        "会议纪要",
        "签发",
    ]);
    assert_eq!(json(&body), cli);

    let (status, body) = get("/api/articles/lixia/39");
    assert_eq!(status, 200);
    assert_eq!(json(&body), cli_json(&["show", "lixia", "39", "--json"]));

    let (status, body) = get("/api/align");
    assert_eq!(status, 200);
    assert_eq!(json(&body), cli_json(&["align", "--json"]));

    let (status, body) = get("/api/compare/lixia:39");
    assert_eq!(status, 200);
    assert_eq!(json(&body), cli_json(&["compare", "lixia:39", "--json"]));

    let (status, body) = get("/api/compare/历下:第四十四条?base=yanzhou&doc=lixia&doc=shizhong");
    assert_eq!(status, 200);
    let cli = cli_json(&[
        "compare",
        "历下:第四十四条",
        "--base",
        "yanzhou",
        "--doc",
        "lixia",
        "--doc",
        "shizhong",
        "--json",
    ]);
    assert_eq!(json(&body), cli);
    assert_eq!(json(&body)["base"]["doc"], "yanzhou");
    assert_eq!(json(&body)["base"]["reason"], "chosen");

    // A group id from /api/align compares that group.
    let align = json(&get("/api/align").1);
    let id = align["groups"][0]["id"]
        .as_str()
        .expect("group id")
        .to_string();
    let (status, body) = get(&format!("/api/compare/{id}"));
    assert_eq!(status, 200);
    assert_eq!(json(&body)["group"]["id"], id.as_str());

    let draft = "区政府常务会议一般每月召开一次，由区长召集和主持";
    let cli = cli_json(&["precedent", "--json", "--limit", "3", draft]);
    let (status, body) = post(
        "/api/precedent?limit=3",
        "text/plain; charset=utf-8",
        draft.as_bytes(),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body), cli);
    let wrapped = serde_json::json!({ "text": draft }).to_string();
    let (status, body) = post(
        "/api/precedent?limit=3",
        "application/json",
        wrapped.as_bytes(),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body), cli);
    // The page's multipart form, posted to the API, is read as `/precedent` reads it: its
    // fields (`limit`) with the query string's.
    let boundary = "guizeboundary";
    let multipart = |limit_field: bool| {
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{draft}\r\n"
        );
        if limit_field {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"limit\"\r\n\r\n3\r\n"
            ));
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        body
    };
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let (status, body) = post("/api/precedent", &content_type, multipart(true).as_bytes());
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body), cli);
    let (status, body) = post(
        "/api/precedent?limit=3",
        &content_type,
        multipart(false).as_bytes(),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body), cli);

    let (status, body) = get("/api/numbers?q=常务会议");
    assert_eq!(status, 200);
    assert_eq!(json(&body), cli_json(&["numbers", "常务会议", "--json"]));
    let (_, body) = get("/api/numbers?differs=1");
    assert_eq!(json(&body), cli_json(&["numbers", "--differs", "--json"]));
    // An empty flag is as if absent, like every empty parameter.
    let (status, body) = get("/api/numbers?differs=");
    assert_eq!(status, 200);
    assert_eq!(json(&body), cli_json(&["numbers", "--json"]));
    // A parameter it would ignore, and a blank filter, are refused rather than answered with
    // every figure.
    for path in [
        "/api/numbers?q=常务会议&doc=lixia",
        "/api/numbers?q=%20",
        "/api/numbers?x=1",
    ] {
        let (status, body) = get(path);
        assert_eq!(status, 400, "{path}: {body}");
    }
    let (status, body) = get("/api/numbers?q=");
    assert_eq!(status, 200, "{body}");
}

/// Status and the parsed `{"error", "closest"}` of an API error.
fn api_error(status: u16, body: &str) -> (u16, String, Vec<String>) {
    let v = json(body);
    let error = v["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no error in {body}"));
    let closest = v["closest"]
        .as_array()
        .unwrap_or_else(|| panic!("no closest in {body}"))
        .iter()
        .filter_map(|c| c.as_str().map(str::to_string))
        .collect();
    (status, error.to_string(), closest)
}

#[test]
fn unknown_things_are_404_with_the_closest() {
    let (status, error, closest) = {
        let (s, b) = get("/api/articles/lixa/39");
        api_error(s, &b)
    };
    assert_eq!(status, 404);
    assert!(error.contains("unknown document 'lixa'"), "{error}");
    assert_eq!(closest.first().map(String::as_str), Some("lixia"));

    let (status, error, closest) = {
        let (s, b) = get("/api/articles/lixia/200");
        api_error(s, &b)
    };
    assert_eq!(status, 404);
    assert!(error.contains("no article '200'"), "{error}");
    assert_eq!(closest.first().map(String::as_str), Some("lixia:78"));

    let (status, error, closest) = {
        let (s, b) = get("/api/compare/zzzz");
        api_error(s, &b)
    };
    assert_eq!(status, 404);
    assert!(error.contains("no group id, article reference or matching search words"));
    // zzzz shares no character with the corpus: no arbitrary "closest" groups.
    assert!(error.contains("comes close"), "{error}");
    assert!(closest.is_empty(), "closest: {closest:?}");

    // A chapter alone is no article: the closest are that chapter's own first articles.
    let (status, error, closest) = {
        let (s, b) = get("/api/compare/历下 第八章");
        api_error(s, &b)
    };
    assert_eq!(status, 404);
    assert!(error.contains("第三十七条"), "{error}");
    assert_eq!(
        closest,
        ["lixia:37", "lixia:38", "lixia:39", "lixia:40", "lixia:41"],
        "{error}"
    );

    // A group id one digit off: the closest groups, the real one first, as `guize compare` says.
    let align = json(&get("/api/align").1);
    let id = align["groups"][3]["id"]
        .as_str()
        .expect("group id")
        .to_string();
    let last = id.chars().last().unwrap_or('0');
    let typo = format!(
        "{}{}",
        &id[..id.len() - 1],
        if last == '0' { '1' } else { '0' }
    );
    let (status, error, closest) = {
        let (s, b) = get(&format!("/api/compare/{typo}"));
        api_error(s, &b)
    };
    assert_eq!(status, 404);
    assert!(
        error.contains(&format!("no clause group {typo}")),
        "{error}"
    );
    assert_eq!(closest.first(), Some(&id), "{error}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_guize"))
        .arg("--corpus")
        .arg(serve_common::corpus_dir())
        .arg("--index")
        .arg(serve_common::index_dir())
        .args(["compare", &typo])
        .output()
        .expect("guize runs");
    let cli = String::from_utf8_lossy(&out.stderr);
    assert!(
        cli.contains(&format!("no clause group {typo}; closest: {id}")),
        "{cli}"
    );

    let (status, _, closest) = {
        let (s, b) = get("/api/compare/lixia:39?base=nowhere");
        api_error(s, &b)
    };
    assert_eq!(status, 404);
    assert!(!closest.is_empty());

    let (status, _, _) = {
        let (s, b) = get("/api/search?q=会议&doc=nowhere");
        api_error(s, &b)
    };
    assert_eq!(status, 404);

    let (status, body) = get("/api/no/such/route");
    assert_eq!(status, 404);
    api_error(status, &body);

    // Pages say the same, with links.
    let (status, page) = get("/doc/lixa");
    assert_eq!(status, 404);
    assert!(page.contains("unknown document 'lixa'"));
    assert!(
        page.contains("<a href=\"/doc/lixia\"><span lang=\"en\">lixia</span></a>"),
        "{page}"
    );
    let (status, page) = get("/doc/lixia/200");
    assert_eq!(status, 404);
    assert!(page.contains("href=\"/doc/lixia/78\""));
    // A minus sign is no range: the number is said to be invalid.
    let (status, page) = get("/doc/lixia/-1");
    assert_eq!(status, 404);
    assert!(page.contains("not a valid article number"), "{page}");
    assert!(!page.contains("a range or a list"), "{page}");
    // A segment after the article is said to be one, not an unknown document `lixia/39`.
    let (status, error, closest) = {
        let (s, b) = get("/api/articles/lixia/39/extra");
        api_error(s, &b)
    };
    assert_eq!(status, 404);
    assert!(error.contains("extra path segment"), "{error}");
    assert!(error.contains("(lixia/39)"), "{error}");
    assert!(!error.contains("unknown document"), "{error}");
    assert_eq!(closest.first().map(String::as_str), Some("lixia:39"));
    let (status, page) = get("/doc/lixia/39/extra");
    assert_eq!(status, 404);
    assert!(page.contains("extra path segment"), "{page}");
    let (status, page) = get("/compare/zzzz");
    assert_eq!(status, 404);
    assert!(page.contains("comes close"), "{page}");
    // A stop word matches no search, but the articles that hold it are offered.
    let (status, page) = get("/compare/的");
    assert_eq!(status, 404);
    assert!(page.contains("href=\"/compare/"), "{page}");
}

#[test]
fn bad_input_is_400_or_413_never_500() {
    for path in [
        "/api/search",
        "/api/search?q=",
        "/api/search?q=%20%20",
        "/api/search?q=，。！",
        "/api/search?q=会议&limit=abc",
        "/api/search?q=会议&limit=0",
        "/api/search?q=会议&limit=100000",
        "/api/search?q=会议&q=请假",
        "/api/search?q=会议&chapter=第九十九章",
        "/api/numbers?differs=maybe",
        "/api/compare/lixia:39?base=lixia&base=shizhong",
    ] {
        let (status, body) = get(path);
        assert_eq!(status, 400, "{path}: {body}");
        api_error(status, &body);
    }
    // A broken percent escape is refused, not searched as the characters written.
    for path in [
        "/api/search?q=会议%ZZ",
        "/api/search?q=会议%2",
        "/api/compare/lixia:39?doc=%G1",
    ] {
        let (status, body) = get(path);
        assert_eq!(status, 400, "{path}: {body}");
        assert!(body.contains("broken percent escape"), "{path}: {body}");
    }
    let (status, _) = get("/api/search?q=%E4%BC%9A%E8%AE%AE");
    assert_eq!(status, 200, "a whole escape is read");
    // Escapes that decode to no UTF-8 are said as that, not searched as replacement characters.
    for path in [
        "/api/search?q=%FF%FE",
        "/search?q=%E4%BC",
        "/api/compare/lixia:39?doc=%C3",
        // In the path too, in the same words (was axum's own `Invalid UTF-8 in \`path\``).
        "/api/articles/%FF/1",
        "/doc/%FF%FE",
        "/api/compare/%C3",
    ] {
        let (status, body) = get(path);
        assert_eq!(status, 400, "{path}: {body}");
        assert!(body.contains("not valid UTF-8"), "{path}: {body}");
        assert!(!body.contains("Invalid UTF-8"), "{path}: {body}");
    }
    // The pages say it too: `/search?q=%ZZ` searched the characters `%ZZ` (0 hits for `zz`).
    for path in [
        "/search?q=会议%ZZ",
        "/compare/lixia:39?base=%ZZ",
        "/numbers?q=%2",
    ] {
        let (status, page) = get(path);
        assert_eq!(status, 400, "{path}: {page}");
        assert!(page.contains("broken percent escape"), "{path}: {page}");
        assert!(!page.contains("matching articles"), "{path}: searched");
    }
    let (_, page) = get("/search?q=会议%ZZ");
    assert!(
        page.contains("name=\"q\" value=\"会议%ZZ\""),
        "the form keeps the query"
    );
    // /api/align answers for all documents: a `doc` it would ignore is refused.
    let (status, body) = get("/api/align?doc=lixia");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("takes no parameters"), "{body}");
    // /api/search refuses a parameter it would ignore (a misspelt `limit`) alike.
    let (status, body) = get("/api/search?q=会议&limt=2");
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("takes q, doc, chapter and limit ('limt' given)"),
        "{body}"
    );
    // Every other API route refuses a parameter it would ignore alike: a misspelt
    // `exclude_doc` answered for every document.
    for (path, takes) in [
        (
            "/api/corpus?x=1",
            "/api/corpus takes no parameters ('x' given)",
        ),
        (
            "/api/articles/lixia/39?x=1",
            "/api/articles takes no parameters ('x' given)",
        ),
        (
            "/api/compare/lixia:39?x=1",
            "/api/compare takes base and doc ('x' given)",
        ),
    ] {
        let (status, body) = get(path);
        assert_eq!(status, 400, "{path}: {body}");
        assert!(body.contains(takes), "{path}: {body}");
    }
    // A page takes the same link with a stray parameter (README: a shared link's `utm_source`)
    // and shows what it applied; the API above refused it.
    for path in [
        "/search?q=常务会议&utm_source=x",
        "/compare/lixia:39?utm_source=x",
        "/numbers?utm_source=x",
        "/doc/lixia?utm_source=x",
    ] {
        let (status, page) = get(path);
        assert_eq!(status, 200, "{path}: {page}");
    }
    let (status, body) = post(
        "/api/precedent?exclude_doc=lixia",
        "text/plain",
        "区政府常务会议由区长主持".as_bytes(),
    );
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("/api/precedent takes limit, doc and exclude ('exclude_doc' given)"),
        "{body}"
    );
    // The start of a group id is not read as one, and the answer says so.
    let (status, body) = get("/api/compare/g");
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("g and ten hexadecimal digits"), "{body}");
    // A query that excludes what it asks for is refused, not answered through related words.
    let (status, body) = get("/api/search?q=常务会议%20-会议");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("excludes what it asks for"), "{body}");
    let (status, page) = get("/search?q=，。");
    assert_eq!(status, 400);
    assert!(page.contains("only punctuation"));
    // A query of thousands of characters is refused before it costs seconds of a worker.
    let long = "区政府常务会议纪要".repeat(120);
    for path in [
        format!("/api/search?q={long}"),
        format!("/search?q={long}"),
        format!("/api/compare/{long}"),
    ] {
        let (status, body) = get(&path);
        assert_eq!(status, 400, "{body}");
        assert!(body.contains("at most 1000"), "{body}");
    }
    let (status, _) = get(&format!("/api/search?q={}", "会议".repeat(500)));
    assert_eq!(status, 200, "1000 characters are a query");

    let (status, body) = post("/api/precedent", "text/plain", b"");
    assert_eq!(status, 400, "{body}");
    let (status, body) = post("/api/precedent", "application/json", b"{\"txt\": 1}");
    assert_eq!(status, 400, "{body}");
    // Bytes that are no text are called what they are, not an empty file: a UTF-16 mark alone,
    // and a mark followed by bytes that read as no text.
    let (status, body) = post("/api/precedent", "text/plain", b"\xff\xfe");
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("UTF-16LE byte-order mark and no text"),
        "{body}"
    );
    let (status, body) = post("/api/precedent", "text/plain", b"\xff\xfe\x00\x01");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("binary file, not text"), "{body}");
    assert!(!body.contains("empty file"), "{body}");
    let (status, body) = post("/api/precedent?limit=x", "text/plain", "会议".as_bytes());
    assert_eq!(status, 400, "{body}");

    // Longer than the longest regulation, but under the byte limit: too large to compare.
    let long = "区政府常务会议一般每月召开一次。".repeat(2000);
    let (status, body) = post("/api/precedent", "text/plain", long.as_bytes());
    assert_eq!(status, 413, "{body}");
    api_error(status, &body);
    // Over the body limit: refused on its Content-Length, before it is sent.
    for (path, content_type) in [
        ("/api/precedent", "text/plain"),
        ("/api/precedent", "application/json"),
        ("/precedent", "multipart/form-data; boundary=x"),
    ] {
        let (status, text) = serve_common::raw_post_announcing(path, content_type, 3 << 20);
        assert_eq!(status, 413, "{path}: {text}");
        assert!(text.contains("larger than the 1048576 bytes"), "{text}");
    }
    // A body that is sent whole but holds a draft over 1 MB.
    let big = "会".repeat(360_000);
    let (status, body) = post("/api/precedent", "text/plain", big.as_bytes());
    assert_eq!(status, 413, "{body}");
    api_error(status, &body);

    let (status, body) = get("/api/precedent");
    assert_eq!(status, 405, "GET on a POST route");
    api_error(status, &body);
}

/// The head and the body of a whole response read from a socket.
fn head_and_body(response: &str) -> (&str, &str) {
    response
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no head in {response:?}"))
}

/// A header's value in a response head.
fn header<'a>(head: &'a str, name: &str) -> &'a str {
    head.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map_or("", |(_, v)| v.trim())
}

/// Requests the HTTP library refuses itself (a URL over its 65,534 bytes, a raw space in the
/// request line) get the server's error answers, not an empty body; and the page refusing an
/// over-long query shows only its start.
#[test]
fn requests_the_http_library_refuses_get_a_body() {
    let escaped = "%E7%8C%AE".repeat(7500);
    for (path, api) in [
        (format!("/api/search?q={escaped}"), true),
        (format!("/search?q={escaped}"), false),
        (format!("/api/compare/{escaped}"), true),
    ] {
        let (status, text) = serve_common::raw_get(&path);
        assert_eq!(status, 414, "{path:.40}: {text:.300}");
        let (head, body) = head_and_body(&text);
        assert_eq!(
            header(head, "content-length").parse::<usize>().ok(),
            Some(body.len()),
            "{head}"
        );
        let expected = format!("the URL is {} bytes long; at most 65534", path.len());
        if api {
            assert!(
                header(head, "content-type").starts_with("application/json"),
                "{head}"
            );
            let (_, error, closest) = api_error(status, body);
            assert!(error.contains(&expected), "{error}");
            assert!(error.contains("POST it to /api/precedent"), "{error}");
            assert!(closest.is_empty());
        } else {
            assert!(
                header(head, "content-type").starts_with("text/html"),
                "{head}"
            );
            assert!(body.contains(&expected), "{body}");
            assert!(body.contains("POST it to /precedent"), "{body}");
            assert!(body.len() < 4000, "a short page: {} bytes", body.len());
        }
    }
    // Longer than the library's read buffer: said as a lower bound.
    let (status, text) = serve_common::raw_get(&format!("/api/search?q={}", "%E7".repeat(200_000)));
    assert!(status == 414 || status == 431, "{text:.300}");
    let (_, body) = head_and_body(&text);
    let (_, error, _) = api_error(status, body);
    assert!(error.contains("bytes long; at most 65534"), "{error}");

    // A raw space in the URL is not HTTP: a 400 that says why.
    let (status, text) = serve_common::raw_get("/api/search?q=会议 纪要");
    assert_eq!(status, 400, "{text}");
    let (_, error, _) = api_error(status, head_and_body(&text).1);
    assert!(error.contains("%20"), "{error}");
    let (status, text) = serve_common::raw_get("/search?q=会议 纪要");
    assert_eq!(status, 400, "{text}");
    assert!(head_and_body(&text).1.contains("%20"), "{text}");

    // A HEAD request has no body whatever the status.
    let (status, text) = serve_common::raw(&format!("HEAD /search?q={escaped} HTTP/1.1\r\n"));
    assert_eq!(status, 414);
    assert_eq!(head_and_body(&text).1, "", "no body after HEAD");

    // An over-long query within the URL limit: a 400 page showing its start, not the whole.
    let long = "献".repeat(6000);
    let (status, page) = get(&format!("/search?q={long}"));
    assert_eq!(status, 400, "{page:.300}");
    assert!(
        page.contains("q is 6000 characters long; at most 1000"),
        "{page:.2000}"
    );
    assert!(page.contains(&"献".repeat(40)), "the start is shown");
    assert!(!page.contains(&"献".repeat(41)), "only the start is shown");
    assert!(page.len() < 8000, "{} bytes", page.len());
}

/// A GET's or a HEAD's body is ignored: neither kept nor refused with a 413 however large, and
/// the connection answers the next request once it has been sent (review30 #17).
#[test]
fn a_get_with_a_large_body_is_answered_and_the_connection_kept() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::Duration;

    let addr = serve_common::url()
        .trim_start_matches("http://")
        .to_string();
    let body = vec![b'x'; 3 << 20];
    for method in ["GET", "HEAD"] {
        let mut stream = TcpStream::connect(&addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        let mut writer = stream.try_clone().expect("clone");
        let (sent, addr2, method2) = (body.clone(), addr.clone(), method.to_string());
        // Sent from another thread: the answer may come before the body is all read.
        let sending = std::thread::spawn(move || {
            write!(
                writer,
                "{method2} /api/search?q=%E4%BC%9A%E8%AE%AE HTTP/1.1\r\nHost: {addr2}\r\n\
                 Content-Type: text/plain\r\nContent-Length: {}\r\n\r\n",
                sent.len()
            )?;
            writer.write_all(&sent)?;
            write!(
                writer,
                "GET /api/corpus HTTP/1.1\r\nHost: {addr2}\r\nConnection: close\r\n\r\n"
            )
        });
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("answers read");
        sending
            .join()
            .expect("sender")
            .expect("the body and the next request are taken");
        let text = String::from_utf8_lossy(&response);
        assert!(text.starts_with("HTTP/1.1 200"), "{method}: {text:.300}");
        assert!(!text.contains("HTTP/1.1 413"), "{method}: {text:.300}");
        assert_eq!(
            text.matches("HTTP/1.1 200").count(),
            2,
            "{method}: the next request on the connection is answered: {text:.600}"
        );
        if method == "GET" {
            assert!(text.contains("\"hits\""), "{text:.600}");
        }
    }
}

#[test]
fn path_traversal_finds_nothing() {
    for path in [
        "/doc/../../etc/passwd",
        "/doc/..%2F..%2Fetc%2Fpasswd",
        "/doc/%2e%2e/%2e%2e/etc/passwd",
        "/doc/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/doc/lixia/../../../../etc/passwd",
        "/assets/../../../../etc/passwd",
        "/assets/..%2f..%2f..%2fetc%2fpasswd",
        "/api/articles/..%2F..%2Fetc/passwd",
        "/api/compare/..%2F..%2F..%2Fetc%2Fpasswd",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/doc/..%5c..%5cwindows%5cwin.ini",
        "/doc/%00",
    ] {
        let (status, text) = raw_get(path);
        assert!(status == 404 || status == 400, "{path}: status {status}");
        assert!(!text.contains("root:"), "{path} leaked a file");
    }
}

#[test]
fn binary_prints_its_url_and_stops_on_sigint() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    struct Child(std::process::Child);
    impl Drop for Child {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    // The in-process site builds the index first, so the binary only opens it.
    let _ = url();
    let mut child = Child(
        Command::new(env!("CARGO_BIN_EXE_guize"))
            .arg("--corpus")
            .arg(serve_common::corpus_dir())
            .arg("--index")
            .arg(serve_common::index_dir())
            .args(["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("guize serve starts"),
    );
    let stdout = child.0.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("a URL line");
    let base = line.trim().trim_end_matches('/').to_string();
    assert!(base.starts_with("http://127.0.0.1:"), "{line}");
    let page = serve_common::agent()
        .get(format!("{base}/"))
        .call()
        .expect("home page")
        .body_mut()
        .read_to_string()
        .expect("text");
    assert!(page.contains("济南市历下区人民政府工作规则"));
    // The binary's /api/corpus is `guize corpus --json` for the same corpus and index, whole.
    let api = serve_common::agent()
        .get(format!("{base}/api/corpus"))
        .call()
        .expect("/api/corpus")
        .body_mut()
        .read_to_string()
        .expect("text");
    let api = json(&api);
    assert_eq!(api, public_corpus(cli_json(&["corpus", "--json"])));
    // No path of the server's: neither the corpus folder nor the index folder appears.
    for place in [serve_common::corpus_dir(), serve_common::index_dir()] {
        let place = place.display().to_string();
        assert!(!api.to_string().contains(&place), "{place} in {api}");
    }
    assert!(
        api["documents"][3]["warnings"][0]
            .as_str()
            .is_some_and(|w| w.starts_with("zhoucun.txt:207: ")),
        "{api}"
    );

    let pid = child.0.id().to_string();
    let killed = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = child.0.wait().expect("server exits");
    assert!(status.success(), "exit status after SIGINT: {status}");
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.0.stderr.take().expect("stderr"), &mut stderr)
        .expect("stderr");
    assert!(stderr.contains("guize: stopped"), "{stderr}");
}

/// `guize corpus --json` as `/api/corpus` publishes it: documents without their `path`, no
/// `corpus` and `index` places, warnings naming files inside the corpus folder.
fn public_corpus(mut cli: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    let inside = |w: &Value| -> Value {
        let w = w.as_str().expect("a warning");
        let (file, rest) = w.split_once(".txt:").expect("a file");
        let name = std::path::Path::new(file)
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .to_string();
        Value::from(format!("{name}.txt:{rest}"))
    };
    let o = cli.as_object_mut().expect("an object");
    o.remove("corpus");
    o.remove("index");
    for d in o["documents"].as_array_mut().expect("documents") {
        let d = d.as_object_mut().expect("a document");
        assert!(d.remove("path").is_some());
        let warnings: Vec<Value> = d["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .map(inside)
            .collect();
        d.insert("warnings".to_string(), Value::from(warnings));
    }
    cli
}

/// A connection that never finishes a request's head, or stays idle after its answer, is closed
/// once the head timeout has passed, while a request sent in time is answered as usual: clients
/// that open connections and send nothing cannot hold the server's descriptors.
#[test]
fn connections_without_a_request_head_in_time_are_closed() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::{Duration, Instant};

    let router = axum::Router::new().route("/", axum::routing::get(|| async { "ok" }));
    let base = serve_common::spawn_with_head_timeout(router, Duration::from_millis(400));
    let addr = base.trim_start_matches("http://").to_string();
    let open = || {
        let stream = TcpStream::connect(&addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("read timeout");
        stream
    };

    // Half a head, then nothing: the server closes the connection after the timeout.
    let mut slow = open();
    let start = Instant::now();
    write!(slow, "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Slow: 1\r\n").expect("write");
    let mut rest = Vec::new();
    let read = slow.read_to_end(&mut rest);
    let waited = start.elapsed();
    assert!(
        read.is_ok() || waited < Duration::from_secs(20),
        "the connection stayed open: {read:?}"
    );
    assert!(rest.is_empty(), "{}", String::from_utf8_lossy(&rest));
    assert!(
        waited >= Duration::from_millis(300),
        "closed early: {waited:?}"
    );
    assert!(waited < Duration::from_secs(10), "closed late: {waited:?}");

    // A keep-alive request sent in time is answered, and the idle connection closed afterwards.
    let mut kept = open();
    write!(kept, "GET / HTTP/1.1\r\nHost: {addr}\r\n\r\n").expect("write");
    let start = Instant::now();
    let mut answer = Vec::new();
    let read = kept.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.ends_with("ok"), "{text}");
    assert!(read.is_ok(), "the idle connection stayed open: {read:?}");
    assert!(start.elapsed() < Duration::from_secs(10));

    // A head sent slowly but within the timeout is answered.
    let mut steady = open();
    for part in [
        "GET / HT",
        "TP/1.1\r\nHost: ",
        &addr,
        "\r\nConnection: close\r\n\r\n",
    ] {
        steady.write_all(part.as_bytes()).expect("write");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut answer = Vec::new();
    steady.read_to_end(&mut answer).expect("answer");
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"));
}

/// `/compare/历下 市中` (two documents, no article) is a 400 saying what to add, as the CLI says
/// it; with words, the documents named are the ones compared. `/numbers` with no row says so
/// instead of a table header over nothing.
#[test]
fn documents_named_without_a_matter_and_an_empty_figures_table() {
    let (status, body) = get("/api/compare/历下 市中");
    let (_, message, closest) = api_error(status, &body);
    assert_eq!(status, 400, "{body}");
    assert!(
        message.contains("names 2 documents (历下区, 市中区)"),
        "{message}"
    );
    // The article and the words the message offers, each a comparison that works.
    assert_eq!(closest, ["历下区 第一条", "历下 市中 制定依据"], "{body}");
    for what in &closest {
        let (status, body) = get(&format!("/api/compare/{what}"));
        assert_eq!(status, 200, "{what}: {body}");
    }
    let (status, body) = get("/api/compare/历下 市中 常务会议");
    assert_eq!(status, 200, "{body}");
    let v = json(&body);
    let docs: Vec<&str> = v["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["doc"].as_str())
        .collect();
    assert_eq!(docs, ["lixia", "shizhong"], "{v}");
    let (status, page) = get("/numbers?q=养猫");
    assert_eq!(status, 200);
    assert!(
        page.contains("No figure") && page.contains("养猫"),
        "{page}"
    );
    assert!(!page.contains("<th>事项</th>"), "{page}");
}

/// `/api/precedent` reads `limit`, `doc` and `exclude` from a JSON body and from an urlencoded
/// form as from the query or a multipart form, and refuses a key or field it does not take
/// (review32 #3, #4): a drafter who excludes their own document never gets it back.
#[test]
fn precedent_api_reads_settings_from_every_kind_of_body() {
    let draft = "区政府常务会议一般每月召开一次，由区长召集和主持";
    let cli = cli_json(&[
        "precedent",
        "--json",
        "--limit",
        "2",
        "--exclude-doc",
        "lixia",
        draft,
    ]);
    let docs = |v: &serde_json::Value| -> Vec<String> {
        v["pieces"][0]["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .filter_map(|h| h["doc"].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(docs(&cli).len(), 2, "{cli}");
    assert!(!docs(&cli).contains(&"lixia".to_string()), "{cli}");
    for (content_type, body) in [
        (
            "application/json",
            serde_json::json!({ "text": draft, "limit": 2, "exclude": "lixia" }).to_string(),
        ),
        (
            "application/json",
            serde_json::json!({ "text": draft, "limit": "2", "exclude": ["历下"] }).to_string(),
        ),
        (
            "application/x-www-form-urlencoded",
            form_urlencoded::Serializer::new(String::new())
                .append_pair("text", draft)
                .append_pair("limit", "2")
                .append_pair("exclude", "lixia")
                .finish(),
        ),
    ] {
        let (status, answer) = post("/api/precedent", content_type, body.as_bytes());
        assert_eq!(status, 200, "{content_type} {body}: {answer}");
        assert_eq!(json(&answer), cli, "{content_type} {body}");
    }
    // A key, a form field or a urlencoded field it does not take is a 400 naming it.
    let boundary = "guizeboundary";
    let multipart = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{draft}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"limt\"\r\n\r\n2\r\n--{boundary}--\r\n"
    );
    let multipart_type = format!("multipart/form-data; boundary={boundary}");
    for (content_type, body) in [
        (
            "application/json",
            serde_json::json!({ "text": draft, "limt": 2 }).to_string(),
        ),
        (multipart_type.as_str(), multipart.clone()),
        (
            "application/x-www-form-urlencoded",
            format!("text={draft}&limt=2"),
        ),
    ] {
        let (status, answer) = post("/api/precedent", content_type, body.as_bytes());
        assert_eq!(status, 400, "{content_type}: {answer}");
        assert!(answer.contains("'limt' given"), "{content_type}: {answer}");
    }
    // A JSON value of the wrong kind is a 400, not a default.
    for body in [
        serde_json::json!({ "text": draft, "limit": true }),
        serde_json::json!({ "text": draft, "exclude": 3 }),
        serde_json::json!({ "limit": 2 }),
    ] {
        let (status, answer) = post(
            "/api/precedent",
            "application/json",
            body.to_string().as_bytes(),
        );
        assert_eq!(status, 400, "{body}: {answer}");
    }
    // The page still ignores a field it does not take, as pages ignore unknown parameters.
    let (status, page) = post("/precedent", &multipart_type, multipart.as_bytes());
    assert_eq!(status, 200, "{page}");
}

/// The four 河道管理条例 of review32 (上海, 宁波 without chapters, 济南, 青岛) served: a
/// counterpart that holds none of the words is marked on the page and in `/api/search` and not
/// counted as a match (#7), and a `chapter` filter says which documents it could not search (#5).
#[test]
fn river_pages_mark_counterparts_and_documents_without_chapters() {
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("c-hd");
    shared::river_corpus(&corpus);
    let site = serve_common::site_of(&corpus, &dir.path().join("index"));
    let base = serve_common::spawn(guize::serve::router(std::sync::Arc::new(site)));
    let get = |path: &str| {
        serve_common::answer(
            serve_common::agent()
                .get(serve_common::encoded(&format!("{base}{path}")))
                .call(),
        )
    };

    // The documents' place column is headed as `guize corpus` heads it: lawrefbook's files know
    // their city and no district.
    let (status, home) = get("/");
    assert_eq!(status, 200, "{home}");
    assert!(
        home.contains("<th><span lang=\"en\">city</span></th>")
            && !home.contains(">district</span></th>"),
        "{home}"
    );
    assert!(home.contains("<td>宁波市</td>"), "{home}");
    let corpus_table = serve_common::cli_in(&corpus, &dir.path().join("index"), &["corpus"]);
    assert!(
        corpus_table
            .lines()
            .next()
            .is_some_and(|l| l.contains(" city ")),
        "{corpus_table}"
    );
    let (status, outline) = get("/doc/宁波市河道管理条例(2019-08-20)");
    assert_eq!(status, 200, "{outline}");
    assert!(outline.contains("宁波市 · "), "{outline}");

    let (status, body) = get("/api/search?q=蓝线&limit=8");
    assert_eq!(status, 200, "{body}");
    let v = json(&body);
    let hits = v["hits"].as_array().expect("hits");
    let joined = hits.iter().filter(|h| h.get("via").is_some()).count();
    assert!(joined > 0, "{body}");
    assert_eq!(
        v["total"].as_u64(),
        Some((hits.len() - joined) as u64),
        "{body}"
    );
    let (status, page) = get("/search?q=蓝线&limit=8");
    assert_eq!(status, 200, "{page}");
    // English runs are marked for screen readers: `(<span lang="en">counterpart of</span> 济南…`.
    assert_eq!(
        page.matches("counterpart of</span> 济南市河道管理保护条例 第")
            .count(),
        joined,
        "{page}"
    );
    assert!(
        page.contains(&format!("{joined} counterparts of them")),
        "{page}"
    );

    let (status, body) = get("/api/search?q=河道&chapter=第一章");
    assert_eq!(status, 200, "{body}");
    let v = json(&body);
    let left_out = v["without_chapters"].as_array().expect("without_chapters");
    assert_eq!(left_out.len(), 1, "{body}");
    assert!(
        left_out[0].as_str().is_some_and(|d| d.contains("宁波")),
        "{body}"
    );
    let (status, page) = get("/search?q=河道&chapter=第一章");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("1 document without chapters not searched</span>: 宁波市河道管理条例"),
        "{page}"
    );
    // Without the filter, nothing is left out and nothing said.
    let (_, body) = get("/api/search?q=河道");
    assert!(json(&body).get("without_chapters").is_none(), "{body}");

    // review33 #9: the article an error gives as an example is one of this corpus's.
    for path in ["/compare/", "/api/compare/", "/api/compare/%20"] {
        let (status, body) = get(path);
        assert!(status == 404 || status == 400, "{path}: {body}");
        assert!(!body.contains("lixia"), "{path}: {body}");
        assert!(body.contains(":1)"), "{path}: {body}");
    }
}

/// review33 #4, #10, #11: the `/precedent` page's own multipart form (an empty `file` part, as a
/// browser sends when no file is chosen) is taken by `/api/precedent`; a JSON `null` is a key
/// given empty and a key given twice is refused, as a repeated query parameter is; a raw `<` in a
/// URL is named with its escape.
#[test]
fn the_pages_form_json_nulls_and_raw_characters_in_a_url() {
    let draft = "区政府常务会议一般每月召开一次，由区长召集和主持";
    let boundary = "guizeboundary";
    let multipart_type = format!("multipart/form-data; boundary={boundary}");
    let empty_file = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n\r\n"
    );
    let with_text = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{draft}\r\n\
         {empty_file}--{boundary}--\r\n"
    );
    let plain = serde_json::json!({ "text": draft }).to_string();
    let (status, expected) = post("/api/precedent", "application/json", plain.as_bytes());
    assert_eq!(status, 200, "{expected}");
    let (status, answer) = post("/api/precedent", &multipart_type, with_text.as_bytes());
    assert_eq!(status, 200, "{answer}");
    assert_eq!(json(&answer), json(&expected));
    let alone = format!("{empty_file}--{boundary}--\r\n");
    let (status, answer) = post("/api/precedent", &multipart_type, alone.as_bytes());
    assert_eq!(status, 400, "{answer}");
    assert!(answer.contains("the draft is empty"), "{answer}");
    assert!(!answer.contains("'file' given"), "{answer}");

    let nulls = serde_json::json!({ "text": draft, "limit": null, "doc": null, "exclude": null })
        .to_string();
    let (status, answer) = post("/api/precedent", "application/json", nulls.as_bytes());
    assert_eq!(status, 200, "{answer}");
    assert_eq!(json(&answer), json(&expected));
    let twice = format!("{{\"text\": \"{draft}\", \"text\": \"x\"}}");
    let (status, answer) = post("/api/precedent", "application/json", twice.as_bytes());
    assert_eq!(status, 400, "{answer}");
    assert!(
        answer.contains("\\\"text\\\" is given more than once"),
        "{answer}"
    );
    // An unknown key stays refused, null or not.
    let (status, answer) = post(
        "/api/precedent",
        "application/json",
        serde_json::json!({ "text": draft, "limt": null })
            .to_string()
            .as_bytes(),
    );
    assert_eq!(status, 400, "{answer}");

    for path in ["/search?q=会议&x=<b>", "/doc/lixia/1?x=<b>"] {
        let (status, body) = serve_common::raw_get(path);
        assert_eq!(status, 400, "{path}: {body}");
        // The page writes the character escaped as HTML.
        assert!(
            body.contains("cannot hold `&lt;` as it is"),
            "{path}: {body}"
        );
        assert!(body.contains("%3C"), "{path}: {body}");
    }
}

/// review32's nits: a page query of commas is the punctuation 400 (#10); the 413 advice names a
/// lower limit only where one raises the cap (#11); `/doc/` lists the documents and `/compare/`
/// says what it takes (#14).
#[test]
fn commas_bare_routes_and_the_advice_on_long_drafts() {
    for path in ["/search?q=，", "/search?q=，，", "/search?q=,"] {
        let (status, page) = get(path);
        assert_eq!(status, 400, "{path}: {page}");
        assert!(page.contains("only punctuation"), "{path}: {page}");
    }
    let (status, _) = get("/search?q=");
    assert_eq!(status, 200, "the empty box is the form");

    let long = "区政府常务会议一般每月召开一次。\n\n".repeat(150);
    let (status, body) = post("/api/precedent", "text/plain", long.as_bytes());
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("send the draft in parts"), "{body}");
    assert!(
        !body.contains("lower limit"),
        "at limit 5 none raises the cap: {body}"
    );
    let (status, body) = post("/api/precedent?limit=50", "text/plain", long.as_bytes());
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("or a lower limit"), "{body}");

    for path in ["/doc/", "/doc"] {
        let (status, page) = get(path);
        assert_eq!(status, 404, "{path}: {page}");
        assert!(page.contains("give a document"), "{page}");
        for doc in ["lixia", "shizhong", "yanzhou", "zhoucun", "huancui"] {
            assert!(
                page.contains(&format!("href=\"/doc/{doc}\"")),
                "{doc}: {page}"
            );
        }
    }
    for path in ["/compare/", "/api/compare/"] {
        let (status, body) = get(path);
        assert_eq!(status, 404, "{path}: {body}");
        assert!(body.contains("give what to compare"), "{path}: {body}");
    }
    let (_, page) = get("/compare/");
    let example = page
        .split("href=\"/compare/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an example link");
    let (status, _) = serve_common::raw_get(&format!("/compare/{example}"));
    assert_eq!(status, 200, "the example {example} compares");
}

/// Every answer, JSON, page, asset, error or download, tells the browser not to guess its type:
/// a JSON answer carries a document's text as written (a `<script>` in a regulation stays one in
/// the string) and must never be read as a page.
#[test]
fn every_answer_says_nosniff() {
    for path in [
        "/api/corpus",
        "/api/search?q=常务会议",
        "/api/align",
        "/api/articles/lixia/39",
        "/api/nowhere",
        "/",
        "/search?q=常务会议",
        "/assets/guize.css",
        "/doc/nowhere",
    ] {
        let (status, response) = serve_common::raw_get(path);
        let (head, _) = head_and_body(&response);
        assert!(status == 200 || status == 404, "{path}: {status}");
        assert_eq!(
            header(head, "X-Content-Type-Options"),
            "nosniff",
            "{path}: {head}"
        );
    }
}
