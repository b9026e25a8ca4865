//! A bounded load test of `guize serve` on loopback: 200 searches at once, then 50 comparisons at
//! once, then a fixed number of mixed requests from a few clients, all against one shared site.
//! Every request must succeed; fixed counts and a per-request timeout make it stop by itself.
//! Latency and throughput are printed (`--nocapture`) for the README, never asserted.

mod serve_common;

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

/// Queries of different cost, as a researcher would type them.
const QUERIES: &[&str] = &[
    "常务会议",
    "请假",
    "会议纪要 签发",
    "\"每两周召开\"",
    "公文 审核",
    "政务公开",
    "重大行政决策",
    "请假 -外出",
    "督查 督办",
    "廉政建设",
];
const COMPARES: &[&str] = &[
    "lixia:39",
    "lixia:44",
    "历下:第五十一条",
    "shizhong:52",
    "常务会议 召开",
];

/// Sends `count` GETs at once (one thread each, released together); latencies of the successes
/// and the failures.
fn burst(paths: Vec<String>) -> (Vec<Duration>, Vec<String>) {
    let base = serve_common::url();
    let barrier = Arc::new(Barrier::new(paths.len()));
    let handles: Vec<_> = paths
        .into_iter()
        .map(|path| {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let agent = serve_common::agent();
                barrier.wait();
                let start = Instant::now();
                match agent
                    .get(serve_common::encoded(&format!("{base}{path}")))
                    .call()
                {
                    Ok(mut r) if r.status() == 200 => match r.body_mut().read_to_string() {
                        Ok(_) => Ok(start.elapsed()),
                        Err(e) => Err(format!("{path}: body: {e}")),
                    },
                    Ok(r) => Err(format!("{path}: status {}", r.status())),
                    Err(e) => Err(format!("{path}: {e}")),
                }
            })
        })
        .collect();
    let mut ok = Vec::new();
    let mut failed = Vec::new();
    for h in handles {
        match h.join() {
            Ok(Ok(d)) => ok.push(d),
            Ok(Err(e)) => failed.push(e),
            Err(_) => failed.push("a client thread panicked".to_string()),
        }
    }
    (ok, failed)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn summary(name: &str, mut latencies: Vec<Duration>, wall: Duration) {
    latencies.sort();
    eprintln!(
        "{name}: {} requests in {:.2} s, {:.0} req/s, p50 {:.1} ms, p99 {:.1} ms",
        latencies.len(),
        wall.as_secs_f64(),
        latencies.len() as f64 / wall.as_secs_f64(),
        percentile(&latencies, 0.5).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.99).as_secs_f64() * 1000.0,
    );
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[test]
fn concurrent_searches_and_compares_all_succeed() {
    serve_common::url();
    // Warm up: the query segmenter and vocabulary are built on first use.
    let (_, failed) = burst(vec!["/api/search?q=会议".to_string()]);
    assert!(failed.is_empty(), "{failed:?}");

    let searches: Vec<String> = (0..200)
        .map(|i| {
            format!(
                "/api/search?q={}&limit=10",
                encode(QUERIES[i % QUERIES.len()])
            )
        })
        .collect();
    let start = Instant::now();
    let (ok, failed) = burst(searches);
    let wall = start.elapsed();
    assert!(
        failed.is_empty(),
        "{} of 200 searches failed: {failed:?}",
        failed.len()
    );
    assert_eq!(ok.len(), 200);
    summary("200 concurrent searches", ok, wall);

    let compares: Vec<String> = (0..50)
        .map(|i| format!("/api/compare/{}", encode(COMPARES[i % COMPARES.len()])))
        .collect();
    let start = Instant::now();
    let (ok, failed) = burst(compares);
    let wall = start.elapsed();
    assert!(
        failed.is_empty(),
        "{} of 50 compares failed: {failed:?}",
        failed.len()
    );
    assert_eq!(ok.len(), 50);
    summary("50 concurrent compares", ok, wall);
}

/// `clients` keep-alive clients each send `per_client` GETs, one after another; all latencies.
fn sustained(
    clients: usize,
    per_client: usize,
    path: impl Fn(usize) -> String + Sync + Send + Copy + 'static,
) -> Vec<Duration> {
    let base = serve_common::url();
    let handles: Vec<_> = (0..clients)
        .map(|c| {
            std::thread::spawn(move || {
                let agent = serve_common::agent();
                let mut latencies = Vec::new();
                for i in 0..per_client {
                    let p = path(c * per_client + i);
                    let t = Instant::now();
                    let mut r = agent
                        .get(serve_common::encoded(&format!("{base}{p}")))
                        .call()
                        .map_err(|e| format!("{p}: {e}"))?;
                    r.body_mut().read_to_string().map_err(|e| e.to_string())?;
                    latencies.push(t.elapsed());
                }
                Ok::<_, String>(latencies)
            })
        })
        .collect();
    let mut all = Vec::new();
    for h in handles {
        match h.join() {
            Ok(Ok(l)) => all.extend(l),
            Ok(Err(e)) => panic!("{e}"),
            Err(_) => panic!("a client thread panicked"),
        }
    }
    assert_eq!(all.len(), clients * per_client);
    all
}

#[test]
fn sustained_requests_from_a_few_clients_all_succeed() {
    serve_common::url();
    let start = Instant::now();
    let searches = sustained(8, 250, |i| {
        format!("/api/search?q={}", encode(QUERIES[i % QUERIES.len()]))
    });
    summary(
        "searches from 8 keep-alive clients",
        searches,
        start.elapsed(),
    );
    let start = Instant::now();
    let compares = sustained(8, 25, |i| {
        format!("/api/compare/{}", encode(COMPARES[i % COMPARES.len()]))
    });
    summary(
        "compares from 8 keep-alive clients",
        compares,
        start.elapsed(),
    );
    let start = Instant::now();
    let pages = sustained(8, 25, |i| {
        format!("/compare/{}", encode(COMPARES[i % COMPARES.len()]))
    });
    summary(
        "comparison pages from 8 keep-alive clients",
        pages,
        start.elapsed(),
    );
}

/// A draft of `n` numbered clauses of one sentence each (about 80 bytes a clause).
fn numbered_clauses(n: usize) -> String {
    (1..=n)
        .map(|i| format!("第{i}条 区政府常务会议每月召开一次，讨论第{i}项重要事项。\n"))
        .collect()
}

/// A 33 KB draft of 399 clauses is below the byte and character caps, but at limit=100 it kept
/// a worker busy for ~30 s and a few of them made every other request time out: the pieces a
/// request may have are capped by its limit, and the answer says the cap.
#[test]
fn a_draft_of_too_many_pieces_is_refused_and_other_requests_are_served() {
    let big = numbered_clauses(399);
    let text = "text/plain; charset=utf-8";
    let (status, body) = serve_common::post("/api/precedent?limit=100", text, big.as_bytes());
    assert_eq!(status, 413, "{body}");
    let error = serve_common::json(&body)["error"].to_string();
    assert!(
        error.contains("399 pieces") && error.contains("at most 20"),
        "{error}"
    );
    let (status, body) = serve_common::post("/api/precedent", text, big.as_bytes());
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("at most 100"), "{body}");

    // At the cap: four heavy drafts at once, and searches alongside; every one is answered.
    let heavy: Vec<_> = (0..4)
        .map(|_| {
            let draft = numbered_clauses(20);
            std::thread::spawn(move || {
                let (status, body) =
                    serve_common::post("/api/precedent?limit=100", text, draft.as_bytes());
                if status == 200 { Ok(status) } else { Err(body) }
            })
        })
        .collect();
    let searches: Vec<String> = (0..40)
        .map(|i| format!("/api/search?q={}", encode(QUERIES[i % QUERIES.len()])))
        .collect();
    let (ok, failed) = burst(searches);
    assert!(failed.is_empty(), "{failed:?}");
    assert_eq!(ok.len(), 40);
    for h in heavy {
        assert_eq!(h.join().ok(), Some(Ok(200)));
    }
}

/// Every page kind over a corpus holding a one-line article of 200,000 characters (one sentence
/// with two figures, said again and again, beside lixia): search, the document, the article,
/// compare, report, figures, the alignment and a draft's precedents each answer, with the long
/// article in them. A page that grew with the square of the line would fail on the client's
/// time limit instead of hanging the run.
#[test]
fn every_page_answers_on_a_long_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::copy(
        serve_common::corpus_dir().join("lixia.txt"),
        d.join("lixia.txt"),
    )
    .expect("copy");
    let line: String = "区政府常务会议一般每月召开2次，提前3个工作日通知。"
        .chars()
        .cycle()
        .take(200_000)
        .collect();
    std::fs::write(
        d.join("huge.txt"),
        format!("第一条 {line}\n第二条 本规定自发布之日起施行。\n"),
    )
    .expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    let site = serve_common::site_of(d, index.path());
    let base = serve_common::spawn(guize::serve::router(Arc::new(site)));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(300)))
        .http_status_as_error(false)
        .build()
        .into();
    for (path, holds) in [
        ("/search?q=%E5%B8%B8%E5%8A%A1%E4%BC%9A%E8%AE%AE", "huge"),
        ("/doc/huge", "huge"),
        ("/doc/huge/1", "提前3个工作日通知"),
        ("/compare/huge:1", "huge"),
        ("/report", "huge"),
        ("/numbers", "2次"),
        ("/api/align", "huge"),
        ("/api/search?q=%E5%B8%B8%E5%8A%A1%E4%BC%9A%E8%AE%AE", "huge"),
        ("/api/compare/huge:1", "huge"),
    ] {
        let (status, body) = serve_common::answer(agent.get(format!("{base}{path}")).call());
        assert_eq!(status, 200, "{path}: {body}");
        assert!(body.contains(holds), "{path} lacks {holds}");
    }
    let draft = "区政府常务会议一般每季度召开1次，提前5个工作日通知。".repeat(40);
    let (status, body) = serve_common::answer(
        agent
            .post(format!("{base}/api/precedent?limit=1"))
            .header("Content-Type", "text/plain")
            .send(draft.as_bytes()),
    );
    assert_eq!(status, 200, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(json["pieces"][0]["hits"][0]["doc"], "huge", "{body:.300}");
    // The whole long article is shown in a window that opens at the start of the sentence of the
    // draft's first shared word (提前, 16 characters into it), and the page says where it lies.
    let mid = "提前3个工作日通知。区政府常务会议一般每月召开2次，";
    let (status, body) = first_precedent_json(&agent, &base, mid);
    assert_eq!(status, 200, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    let hit = &json["pieces"][0]["hits"][0];
    assert_eq!(hit["doc"], "huge", "{body:.300}");
    assert_eq!(hit["window"]["start"], 0, "{hit}");
    assert_eq!(hit["window"]["end"], 5_000, "{hit}");
    assert_eq!(hit["window"]["of"], 200_000, "{hit}");
    let (status, page) = serve_common::answer(
        agent
            .post(format!("{base}/precedent"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(format!("limit=1&text={}", serve_common::encoded(mid)).as_bytes()),
    );
    assert_eq!(status, 200, "{page:.300}");
    // The page's text, tags left out (English runs are wrapped in spans of their language).
    let mut text = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    assert!(
        text.contains("characters 1–5000 of the article's 200000"),
        "{}",
        &text[text.char_indices().rev().nth(300).map_or(0, |(i, _)| i)..]
    );
}

/// The JSON precedents of `draft`, the first only.
fn first_precedent_json(agent: &ureq::Agent, base: &str, draft: &str) -> (u16, String) {
    serve_common::answer(
        agent
            .post(format!("{base}/api/precedent?limit=1"))
            .header("Content-Type", "text/plain")
            .send(draft.as_bytes()),
    )
}
