//! `guize serve`: loads the corpus, opens (or builds) the index, aligns the documents and builds
//! the report once, with progress on stderr; then serves them on a loopback port until Ctrl-C.
//! The site itself is `crate::serve`; this file only prepares it, binds and prints the URL.

use super::Ctx;
use super::output::note;
use crate::serve::{Limits, Site};
use anyhow::{Context as _, Result};
use std::io::Write;
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  guize serve                      # http://127.0.0.1:8080/
  guize serve --port 0             # any free port (the URL is printed)
  guize --corpus ~/laws serve --port 8081   # a folder of your own laws

Pages: / (documents and search), /search?q=…, /doc/ID, /doc/ID/ARTICLE, /compare/WHAT,
/report, /precedent, /numbers. JSON: /api/corpus, /api/search, /api/articles/ID/ARTICLE,
/api/align, /api/compare/WHAT, POST /api/precedent, /api/numbers (see the README).
Read-only: no request changes the corpus or the index. Ctrl-C stops it.")]
pub struct Args {
    /// Address or host name to listen on (localhost, ::1); anything but loopback makes the corpus
    /// visible to the network.
    #[arg(long, default_value = "127.0.0.1", value_name = "HOST")]
    pub host: String,
    /// Port (0 picks a free one).
    #[arg(long, default_value_t = 8080, value_parser = parse_port, allow_negative_numbers = true)]
    pub port: u16,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let started = Instant::now();
    // Bound first, so that a busy port or a wrong host is said before minutes of aligning.
    let listener = bind(&args.host, args.port)?;
    let index = super::index::fresh_index(ctx)?;
    let corpus = ctx.corpus()?;
    if corpus.docs.is_empty() {
        anyhow::bail!("the corpus has no documents to serve");
    }
    let articles: usize = corpus.docs.iter().map(|d| d.articles.len()).sum();
    note(format_args!(
        "aligning {} of {} and building the report…",
        crate::text::counted(articles, "article"),
        crate::text::counted(corpus.docs.len(), "document")
    ));
    // From the alignment cache beside the index when it is there (computed and stored otherwise).
    let alignment = super::output::alignment(ctx)?;
    let site = Site::new(corpus.clone(), index, alignment, Limits::default())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .context("cannot hand the socket to the server")?;
        let bound = listener
            .local_addr()
            .context("cannot read the bound address")?;
        // The address first: a server nobody can be told the address of is no server (a full
        // disk behind `> file`, a reader that went away), and nothing may claim it is ready.
        print_address(bound)?;
        note(format_args!(
            "ready in {:.1} s; serving {} read-only (Ctrl-C stops)",
            started.elapsed().as_secs_f64(),
            ctx.corpus_dir.display()
        ));
        crate::serve::serve(listener, Arc::new(site), stop_signal())
            .await
            .context("the server failed")?;
        note(format_args!("stopped"));
        Ok(())
    })
}

/// Prints the server's URL on stdout. Unlike the other commands' output, a reader that went away
/// is an error here too (not the quiet end of the run): the server would run with no one told
/// where.
fn print_address(bound: SocketAddr) -> Result<()> {
    let mut out = std::io::stdout().lock();
    crate::render::summary::write_serving(&mut out, bound)
        .and_then(|()| out.flush())
        // A message, not the `io::Error` itself: a closed pipe must not read as a quiet end.
        .map_err(|e| anyhow::anyhow!("cannot write the server's address to standard output: {e}"))
}

/// A listening socket on `host` (an address or a name, resolved; the first of its addresses that
/// can be bound) and `port`.
fn bind(host: &str, port: u16) -> Result<std::net::TcpListener> {
    let shown = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .with_context(|| format!("cannot listen on {shown}: no such host"))?
        .collect();
    let mut last = None;
    for addr in &addrs {
        match std::net::TcpListener::bind(addr) {
            Ok(listener) => {
                listener
                    .set_nonblocking(true)
                    .with_context(|| format!("cannot listen on {addr}"))?;
                return Ok(listener);
            }
            Err(e) => last = Some((addr, e)),
        }
    }
    match last {
        // What to do next, not only the system's words (`Address already in use`).
        Some((addr, e)) if e.kind() == std::io::ErrorKind::AddrInUse => anyhow::bail!(
            "cannot listen on {addr}: the port is in use (another guize serve?); give another \
             with --port N, or --port 0 for a free one"
        ),
        Some((addr, e)) => Err(e).with_context(|| format!("cannot listen on {addr}")),
        None => anyhow::bail!("cannot listen on {shown}: the name has no address"),
    }
}

/// Completes on Ctrl-C (SIGINT) or, on Unix, SIGTERM.
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term => {},
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
}

/// A `--port`: a whole number from 0 (a free port) to 65535.
fn parse_port(s: &str) -> Result<u16, String> {
    super::search::whole_number(s, 0, u128::from(u16::MAX))
        .map(|n| u16::try_from(n).unwrap_or(u16::MAX))
}
