//! The connection under the HTTP library, for the few requests the library refuses itself.
//!
//! hyper answers a request it cannot read before any handler or layer of axum sees it: a URL
//! longer than the `http` crate's URI limit (65,534 bytes) is a 414, a head larger than hyper's
//! read buffer a 431, a request line that is not HTTP (a raw space in the URL) a 400, each with
//! an empty body and the connection closed. Neither limit can be raised (the URI type holds a
//! `u16` length), and hyper has no hook for the body of these answers. So each connection is
//! watched here: reading, it keeps the start and the length of the last request line (at most
//! [`KEPT`] bytes of it, so a long URL costs no memory here; hyper's own read buffer stays the
//! bound on a request head); writing, it replaces such an empty automatic answer by the same
//! status with a body, JSON `{"error", "closest"}` under `/api/`, an error page elsewhere, whose
//! message says what was too long and by how much. Every other byte passes unchanged.
//!
//! The watch also times the wait for a request's head: a connection that has not finished
//! sending one within [`HEAD_TIMEOUT`] of being accepted or of its last answer's last write is
//! closed, so that clients that open connections and never finish a request (or keep idle ones
//! open) cannot hold the server's file descriptors. Once a head is in, the request's own time
//! limits apply instead (a draft queued for minutes is not cut here).

use super::api::{ApiError, JSON_TYPE};
use super::pages::{HTML_TYPE, PageError};
use super::problem::Problem;
use crate::safe_text::{Mode, safe_bytes};
use axum::http::StatusCode;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Duration, Instant, Sleep};

/// Longest URL (request target) the HTTP library reads: the `http` crate's URI limit.
pub const MAX_URL_BYTES: usize = u16::MAX as usize - 1;

/// Bytes of the start of a request line kept (method and the start of the path).
const KEPT: usize = 64;

/// Longest a connection may take to send a request's head, counted from its acceptance or from
/// the last write of its last answer (the HTTP library's own header timeout, which axum leaves
/// off, is 30 seconds too).
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(30);

/// A TCP listener whose connections answer the HTTP library's own refusals with a body and are
/// closed when a request's head does not come in time.
pub struct Listener {
    inner: TcpListener,
    head_timeout: Duration,
}

impl Listener {
    /// Connections of `listener`, watched, with [`HEAD_TIMEOUT`].
    pub fn new(listener: TcpListener) -> Listener {
        Listener::with_head_timeout(listener, HEAD_TIMEOUT)
    }

    /// Connections of `listener`, watched, closed when a request's head takes longer than
    /// `head_timeout`.
    pub fn with_head_timeout(listener: TcpListener, head_timeout: Duration) -> Listener {
        Listener {
            inner: listener,
            head_timeout,
        }
    }
}

impl axum::serve::Listener for Listener {
    type Io = Connection;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Connection, SocketAddr) {
        let (io, addr) = axum::serve::Listener::accept(&mut self.inner).await;
        (Connection::new(io, self.head_timeout), addr)
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

/// The start and length of one line of what the client sent.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: [u8; KEPT],
    kept: usize,
    /// Bytes of the line so far, its `\r` included, its `\n` not.
    len: usize,
    /// Whether its `\n` has come.
    ended: bool,
    /// Its last byte.
    last: u8,
}

impl Line {
    const EMPTY: Line = Line {
        start: [0; KEPT],
        kept: 0,
        len: 0,
        ended: false,
        last: 0,
    };

    fn push(&mut self, bytes: &[u8]) {
        let take = bytes.len().min(KEPT - self.kept);
        self.start[self.kept..self.kept + take].copy_from_slice(&bytes[..take]);
        self.kept += take;
        self.len += bytes.len();
        if let Some(&b) = bytes.last() {
            self.last = b;
        }
    }

    fn kept(&self) -> &[u8] {
        &self.start[..self.kept]
    }

    /// The method, when the line starts as a request line does (`GET /…`).
    fn method(&self) -> Option<&[u8]> {
        let kept = self.kept();
        let space = kept.iter().position(|&b| b == b' ')?;
        let method = &kept[..space];
        let is_method =
            (1..=16).contains(&method.len()) && method.iter().all(u8::is_ascii_uppercase);
        (is_method && kept.len() > space + 1).then_some(method)
    }

    /// The start of its request target.
    fn target(&self) -> &[u8] {
        let kept = self.kept();
        let skip = self.method().map_or(0, |m| m.len() + 1);
        &kept[skip.min(kept.len())..]
    }

    /// The first byte of its request target (as far as kept) that a URL must percent-escape
    /// and that the HTTP parser refuses as written (`<`, `>`, `"`, a backslash, `^`, a backquote).
    fn unescaped(&self) -> Option<u8> {
        let target = self.target();
        let end = target
            .iter()
            .position(|&b| b == b' ')
            .unwrap_or(target.len());
        target[..end]
            .iter()
            .copied()
            .find(|b| b"<>\"\\^`".contains(b))
    }

    /// Bytes of its request target: exact once the line has ended, at least that many before.
    fn target_len(&self) -> usize {
        let method = self.method().map_or(0, |m| m.len() + 1);
        let tail = if self.ended {
            " HTTP/1.1".len() + usize::from(self.last == b'\r')
        } else {
            0
        };
        self.len.saturating_sub(method + tail)
    }
}

/// What has been read of the connection: the line being read and the last request line.
#[derive(Debug)]
struct Watch {
    line: Line,
    request: Option<Line>,
    /// Whether a request line has come and the blank line ending its head not yet.
    in_head: bool,
}

impl Watch {
    /// Takes in `bytes`; whether they end a request's head with no new request line after it.
    fn saw(&mut self, mut bytes: &[u8]) -> bool {
        let mut head_ended = false;
        while !bytes.is_empty() {
            let end = bytes.iter().position(|&b| b == b'\n');
            let (part, rest) = match end {
                Some(i) => (&bytes[..i], &bytes[i + 1..]),
                None => (bytes, &[][..]),
            };
            self.line.push(part);
            self.line.ended = end.is_some();
            if self.line.method().is_some() {
                // Kept as it grows: a long request line comes in several reads.
                self.request = Some(self.line);
                self.in_head = true;
                head_ended = false;
            }
            if self.line.ended {
                let blank = self.line.len == 0 || (self.line.len == 1 && self.line.last == b'\r');
                if blank && self.in_head {
                    self.in_head = false;
                    head_ended = true;
                }
                self.line = Line::EMPTY;
            }
            bytes = rest;
        }
        head_ended
    }
}

/// One accepted connection, watched (see the module's notes).
pub struct Connection {
    io: TcpStream,
    watch: Watch,
    /// The answer written instead of the library's, and how much of it has gone out.
    answer: Option<(Vec<u8>, usize)>,
    head_timeout: Duration,
    /// When the head awaited must be in; `None` while a request is being handled.
    deadline: Option<Pin<Box<Sleep>>>,
}

impl Connection {
    fn new(io: TcpStream, head_timeout: Duration) -> Connection {
        Connection {
            io,
            watch: Watch {
                line: Line::EMPTY,
                request: None,
                in_head: false,
            },
            answer: None,
            head_timeout,
            deadline: Some(Box::pin(tokio::time::sleep(head_timeout))),
        }
    }

    /// An answer is going out: the next request's head is awaited from now. The timer is
    /// polled here, so that the connection's task is woken when it runs out even if that task
    /// reads nothing more before then.
    fn await_head(&mut self, cx: &mut Context<'_>) {
        let at = Instant::now() + self.head_timeout;
        let sleep = match &mut self.deadline {
            Some(sleep) => {
                sleep.as_mut().reset(at);
                sleep
            }
            None => self.deadline.insert(Box::pin(tokio::time::sleep_until(at))),
        };
        // Just set a timeout ahead: pending, and the waker is registered.
        let _ = sleep.as_mut().poll(cx);
    }

    /// Writes what is left of the replacing answer.
    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some((bytes, done)) = &mut self.answer {
            if *done == bytes.len() {
                break;
            }
            let n = ready!(Pin::new(&mut self.io).poll_write(cx, &bytes[*done..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *done += n;
        }
        Poll::Ready(Ok(()))
    }

    /// Whether `head` is the library's own empty answer, and then the answer replacing it.
    fn replaces(&mut self, head: &[u8]) -> bool {
        if self.answer.is_some() {
            return false;
        }
        match answer(head, self.watch.request.as_ref()) {
            Some(bytes) => {
                self.answer = Some((bytes, 0));
                true
            }
            None => false,
        }
    }
}

impl AsyncRead for Connection {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.io).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {}
            Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
            Poll::Pending => {
                let expired = this
                    .deadline
                    .as_mut()
                    .is_some_and(|sleep| sleep.as_mut().poll(cx).is_ready());
                return if expired {
                    Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "no complete request head in time",
                    )))
                } else {
                    Poll::Pending
                };
            }
        }
        if this.watch.saw(&buf.filled()[before..]) {
            this.deadline = None;
        }
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for Connection {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        if this.replaces(buf) {
            // The library's answer counts as written; ours goes out in its place.
            if let Poll::Ready(Err(e)) = this.drain(cx) {
                return Poll::Ready(Err(e));
            }
            return Poll::Ready(Ok(buf.len()));
        }
        let written = ready!(Pin::new(&mut this.io).poll_write(cx, buf))?;
        this.await_head(cx);
        Poll::Ready(Ok(written))
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        // A response's head is the first slice the library writes of it.
        let first = bufs.iter().find(|b| !b.is_empty());
        if first.is_some_and(|head| this.replaces(head)) {
            if let Poll::Ready(Err(e)) = this.drain(cx) {
                return Poll::Ready(Err(e));
            }
            return Poll::Ready(Ok(bufs.iter().map(|b| b.len()).sum()));
        }
        let written = ready!(Pin::new(&mut this.io).poll_write_vectored(cx, bufs))?;
        this.await_head(cx);
        Poll::Ready(Ok(written))
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        Pin::new(&mut this.io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        Pin::new(&mut this.io).poll_shutdown(cx)
    }
}

/// The answer replacing `head` when it is one of the library's own: a 400, 414 or 431 with an
/// empty body (the server's handlers never answer an error without one). `request` is the last
/// request line read, which the refused request is.
fn answer(head: &[u8], request: Option<&Line>) -> Option<Vec<u8>> {
    let end = head.windows(4).position(|w| w == b"\r\n\r\n")?;
    let text = std::str::from_utf8(&head[..end]).ok()?;
    let mut lines = text.split("\r\n");
    let status_line = lines.next()?;
    let code = status_line.strip_prefix("HTTP/1.1 ")?.get(..3)?;
    let status = match code {
        "400" => StatusCode::BAD_REQUEST,
        "414" => StatusCode::URI_TOO_LONG,
        "431" => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        _ => return None,
    };
    let headers: Vec<&str> = lines.collect();
    let empty = headers.iter().any(|h| {
        h.split_once(':').is_some_and(|(name, value)| {
            name.trim().eq_ignore_ascii_case("content-length") && value.trim() == "0"
        })
    });
    // A HEAD request is answered without a body whatever the status.
    if !empty || request.and_then(Line::method) == Some(b"HEAD") {
        return None;
    }
    let api = request.is_some_and(|r| r.target().starts_with(b"/api/"));
    let problem = Problem {
        status,
        message: message(status, request, api),
        closest: Vec::new(),
    };
    let (kind, body) = if api {
        let json = ApiError(problem).json();
        (JSON_TYPE, safe_bytes(json.as_bytes(), Mode::Json))
    } else {
        let html = PageError(problem).html();
        (
            HTML_TYPE,
            safe_bytes(html.as_bytes(), Mode::Text { colors: false }),
        )
    };
    let mut out = format!("{status_line}\r\n").into_bytes();
    for h in headers {
        let name = h.split_once(':').map_or(h, |(n, _)| n).trim();
        if !name.eq_ignore_ascii_case("content-length")
            && !name.eq_ignore_ascii_case("content-type")
        {
            out.extend_from_slice(h.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
    }
    out.extend_from_slice(
        format!(
            "content-type: {kind}\r\ncontent-length: {}\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&body);
    Some(out)
}

/// What was wrong with the refused request, as the user can mend it.
fn message(status: StatusCode, request: Option<&Line>, api: bool) -> String {
    let precedent = if api { "/api/precedent" } else { "/precedent" };
    match (status, request) {
        (StatusCode::URI_TOO_LONG, Some(r))
        | (StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, Some(r))
            if r.target_len() > MAX_URL_BYTES =>
        {
            let at_least = if r.ended { "" } else { "at least " };
            format!(
                "the URL is {at_least}{} bytes long; at most {MAX_URL_BYTES}; for a draft, POST \
                 it to {precedent}",
                r.target_len()
            )
        }
        (StatusCode::URI_TOO_LONG, _) => format!(
            "the URL is too long; at most {MAX_URL_BYTES} bytes; for a draft, POST it to \
             {precedent}"
        ),
        (StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, _) => {
            "the request's headers are larger than this server reads".to_string()
        }
        _ => match request.and_then(Line::unescaped) {
            Some(b) => format!(
                "the request is not valid HTTP: a URL cannot hold `{}` as it is; write it as \
                 %{b:02X}",
                char::from(b)
            ),
            None => "the request is not valid HTTP: a URL cannot hold a space or a control \
                     character (write a space as %20), and each header is `Name: value`"
                .to_string(),
        },
    }
}
