//! One `guize serve` site over the real five-document corpus per test binary, served in-process
//! on an ephemeral loopback port, and a small blocking HTTP client for the tests.

#![allow(dead_code)]

use guize::corpus::Corpus;
use guize::serve::{Limits, Site};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// An index for the tests, beside the build (shared with the CLI runs of the tests).
pub fn index_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-index")
}

/// The site as `guize serve` builds it: corpus, fresh index, alignment of all documents.
pub fn site() -> Site {
    site_of(&corpus_dir(), &index_dir())
}

/// The site `guize serve --corpus CORPUS --index INDEX` builds.
pub fn site_of(corpus: &Path, index: &Path) -> Site {
    let loaded = Corpus::load(corpus).expect("corpus loads");
    let fingerprint = guize::index::fingerprint(corpus).expect("fingerprint");
    let (search, _) =
        guize::index::open_or_build(index, &fingerprint, || Ok(&loaded.docs[..]), &mut |_| {})
            .expect("index opens or builds");
    let docs: Vec<_> = loaded.docs.iter().collect();
    let alignment = guize::align::align_docs(&docs);
    Site::new(loaded, search, alignment, Limits::default()).expect("site builds")
}

/// Serves `router` on 127.0.0.1 with an ephemeral port from a background thread, on the
/// listener `guize serve` uses; the base URL.
pub fn spawn(router: axum::Router) -> String {
    spawn_with_head_timeout(router, guize::serve::HEAD_TIMEOUT)
}

/// [`spawn`] with connections closed when a request's head takes longer than `head_timeout`.
pub fn spawn_with_head_timeout(router: axum::Router, head_timeout: Duration) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind loopback");
            let addr = listener.local_addr().expect("address");
            tx.send(format!("http://{addr}")).expect("send url");
            axum::serve(
                guize::serve::Listener::with_head_timeout(listener, head_timeout),
                router,
            )
            .await
            .expect("serve");
        });
    });
    rx.recv_timeout(Duration::from_secs(120))
        .expect("server starts")
}

/// The shared server of this test binary: its base URL (no trailing slash).
pub fn url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| spawn(guize::serve::router(Arc::new(site()))))
}

/// A client that waits at most 60 s for an answer and hands back error statuses (4xx, 5xx) as
/// responses, so that their bodies can be read.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .http_status_as_error(false)
        .build()
        .into()
}

/// `url` with every byte outside printable ASCII percent-encoded (the client takes URIs as
/// RFC 3986 writes them; the paths of these tests may hold Chinese).
pub fn encoded(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_graphic() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// GET `path` (may hold Chinese; it is percent-encoded here): status and body.
pub fn get(path: &str) -> (u16, String) {
    answer(agent().get(encoded(&format!("{}{path}", url()))).call())
}

/// POST `body` to `path` with `content_type`: status and body.
pub fn post(path: &str, content_type: &str, body: &[u8]) -> (u16, String) {
    answer(
        agent()
            .post(encoded(&format!("{}{path}", url())))
            .header("Content-Type", content_type)
            .send(body),
    )
}

/// Status and body (up to 64 MiB) of a response; panics when the request itself failed.
pub fn answer(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, String) {
    let mut response = match result {
        Ok(r) => r,
        Err(e) => panic!("request failed: {e}"),
    };
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_string()
        .expect("body is UTF-8");
    (status, body)
}

/// GET with the request line exactly as given (no client normalisation of `..` or `%2e`):
/// status and the whole response.
pub fn raw_get(path: &str) -> (u16, String) {
    raw(&format!("GET {path} HTTP/1.1\r\n"))
}

/// A POST that announces a `length`-byte body but sends none: what the server answers on the
/// headers alone (status and the whole response).
pub fn raw_post_announcing(path: &str, content_type: &str, length: usize) -> (u16, String) {
    raw(&format!(
        "POST {path} HTTP/1.1\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n"
    ))
}

/// Sends `head` (request line and headers) plus Host and Connection: close over a plain socket:
/// status and the whole response.
pub fn raw(head: &str) -> (u16, String) {
    let addr = url().trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    // A server that refuses an over-long head answers and closes before it has read it all, so
    // the write may fail (broken pipe) after the answer is on its way: read it all the same.
    let sent = write!(stream, "{head}Host: {addr}\r\nConnection: close\r\n\r\n");
    let mut response = Vec::new();
    let read = stream.read_to_end(&mut response);
    if response.is_empty() {
        sent.expect("request sent");
        read.expect("response read");
    }
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    (status, text)
}

/// The JSON `guize <args>` prints for the same corpus and index.
pub fn cli_json(args: &[&str]) -> serde_json::Value {
    cli_json_in(&corpus_dir(), &index_dir(), args)
}

/// `guize --corpus CORPUS --index INDEX ARGS`, without colour, terminal width or a corpus from
/// the environment: its standard output, after checking that it succeeded.
pub fn cli_in(corpus: &Path, index: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_guize"))
        .arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("GUIZE_CORPUS")
        .env_remove("COLUMNS")
        .output()
        .expect("guize runs");
    assert!(
        out.status.success(),
        "guize {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("guize prints UTF-8")
}

/// The JSON [`cli_in`] prints.
pub fn cli_json_in(corpus: &Path, index: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(cli_in(corpus, index, args).trim()).expect("CLI prints JSON")
}

pub fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}
