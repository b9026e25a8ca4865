//! What may reach a terminal: the one place that neutralises control characters coming from the
//! corpus (texts, titles, manifest fields, file names) or from the user, so that an escape sequence
//! in a document cannot clear the screen, write the clipboard (OSC 52) or reverse the text (U+202E).
//!
//! [`neutralize`] makes one string safe; [`SafeWriter`] does the same to a whole output stream, so a
//! command cannot forget a field. Text keeps newline and tab; every other C0 control and DEL becomes
//! its visible Control Pictures sign (ESC → ␛), C1 controls and bidirectional overrides become
//! U+FFFD. JSON output keeps every character but writes the dangerous ones as `\uXXXX` escapes (the
//! same string once parsed). Pure: no I/O beyond the wrapped writer.

use std::borrow::Cow;
use std::io::{self, Write};

/// True for a character that a terminal may act on rather than show (besides newline and tab).
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The harmless stand-in shown for an unsafe character (newline → ␊, tab → ␉, ESC → ␛).
pub fn visible(c: char) -> char {
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// `s` with every unsafe character replaced by a visible sign; borrowed when nothing changes.
pub fn neutralize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if is_unsafe(c) { visible(c) } else { c })
            .collect(),
    )
}

/// `bytes` made safe as `mode` says, all at once (a whole web page or JSON body).
pub fn safe_bytes(bytes: &[u8], mode: Mode) -> Vec<u8> {
    let mut w = SafeWriter::new(Vec::with_capacity(bytes.len()), mode);
    // Writing into a Vec cannot fail.
    let _ = w.write_all(bytes).and_then(|()| w.flush());
    w.inner
}

/// How a [`SafeWriter`] makes its stream safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Human-readable text. With `colors`, SGR sequences (`ESC [ digits ; m`, colour and bold) pass
    /// as they are; every other control becomes visible. Corpus text in coloured output is
    /// neutralised by the renderer before it is styled.
    Text {
        /// Let SGR colour sequences through.
        colors: bool,
    },
    /// JSON: dangerous characters become `\uXXXX` escapes, which only occur inside strings.
    Json,
    /// Bytes as they are (a binary file format such as docx).
    Raw,
}

/// Longest SGR sequence kept whole; anything longer is not one of ours.
const MAX_SGR: usize = 32;

/// A writer that neutralises unsafe characters on their way to `inner` (see the module docs).
/// Bytes are held back only while a UTF-8 character or an SGR sequence is incomplete.
pub struct SafeWriter<W: Write> {
    inner: W,
    mode: Mode,
    pending: Vec<u8>,
    out: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    /// A writer onto `inner` that neutralises or escapes as `mode` says.
    pub fn new(inner: W, mode: Mode) -> SafeWriter<W> {
        SafeWriter {
            inner,
            mode,
            pending: Vec::new(),
            out: Vec::new(),
        }
    }

    /// The wrapped writer (after a [`flush`](Write::flush), everything written has reached it).
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }

    /// Filters `pending` into `out`; with `last`, incomplete tails are neutralised too.
    fn process(&mut self, last: bool) {
        let bytes = std::mem::take(&mut self.pending);
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == 0x1b && self.mode == (Mode::Text { colors: true }) {
                match sgr_len(&bytes[i..]) {
                    Some(n) => {
                        self.out.extend_from_slice(&bytes[i..i + n]);
                        i += n;
                        continue;
                    }
                    None if !last && bytes.len() - i < MAX_SGR && could_be_sgr(&bytes[i..]) => {
                        self.pending.extend_from_slice(&bytes[i..]);
                        break;
                    }
                    None => {}
                }
            }
            let width = utf8_width(b);
            if i + width > bytes.len() && !last {
                self.pending.extend_from_slice(&bytes[i..]);
                break;
            }
            let end = (i + width).min(bytes.len());
            let (c, n) = match std::str::from_utf8(&bytes[i..end]) {
                Ok(s) => (s.chars().next().unwrap_or('\u{fffd}'), end - i),
                Err(_) => ('\u{fffd}', 1),
            };
            i += n;
            self.push(c);
        }
    }

    fn push(&mut self, c: char) {
        let mut buf = [0u8; 4];
        if matches!(c, '\n' | '\t') || !is_unsafe(c) {
            self.out
                .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            return;
        }
        match self.mode {
            Mode::Json => {
                let _ = write!(self.out, "\\u{:04x}", c as u32);
            }
            Mode::Text { .. } | Mode::Raw => {
                self.out
                    .extend_from_slice(visible(c).encode_utf8(&mut buf).as_bytes());
            }
        }
    }

    fn drain(&mut self) -> io::Result<()> {
        if !self.out.is_empty() {
            self.inner.write_all(&self.out)?;
            self.out.clear();
        }
        Ok(())
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.mode == Mode::Raw {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        self.pending.extend_from_slice(buf);
        self.process(false);
        self.drain()?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.process(true);
        self.drain()?;
        self.inner.flush()
    }
}

/// Byte length of the UTF-8 character that starts with `b` (1 for a stray continuation byte).
fn utf8_width(b: u8) -> usize {
    match b {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
}

/// Length of the SGR sequence (`ESC [ 0-9;: m`) at the start of `b`, if it is a complete one.
fn sgr_len(b: &[u8]) -> Option<usize> {
    if b.get(1) != Some(&b'[') {
        return None;
    }
    let params = b[2..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || matches!(c, b';' | b':'))
        .count();
    (b.get(2 + params) == Some(&b'm') && 3 + params <= MAX_SGR).then_some(3 + params)
}

/// True when `b` (which starts with ESC) may still become an SGR sequence as more bytes come.
fn could_be_sgr(b: &[u8]) -> bool {
    b.iter().enumerate().skip(1).all(|(i, c)| {
        if i == 1 {
            *c == b'['
        } else {
            c.is_ascii_digit() || matches!(c, b';' | b':')
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(mode: Mode, pieces: &[&[u8]]) -> String {
        let mut w = SafeWriter::new(Vec::new(), mode);
        for p in pieces {
            w.write_all(p).expect("writes");
        }
        w.flush().expect("flushes");
        String::from_utf8(w.inner).expect("UTF-8")
    }

    #[test]
    fn neutralizes_controls_but_keeps_newline_and_tab() {
        assert_eq!(
            neutralize("a\x1b[2Jb\tc\n\u{202e}d\u{9b}\x07"),
            "a␛[2Jb\tc\n\u{fffd}d\u{fffd}␇"
        );
        assert!(matches!(neutralize("常务会议"), Cow::Borrowed(_)));
    }

    #[test]
    fn text_stream_keeps_only_sgr_when_colored() {
        let hostile: &[u8] = b"x\x1b]52;c;aGk=\x07y\x1b[2J";
        let plain = through(Mode::Text { colors: false }, &[b"\x1b[1m", hostile]);
        assert_eq!(plain, "␛[1mx␛]52;c;aGk=␇y␛[2J");
        // Split across writes, as `write!` does.
        let colored = through(
            Mode::Text { colors: true },
            &[b"\x1b[", b"1;31", b"m", hostile],
        );
        assert_eq!(colored, "\x1b[1;31mx␛]52;c;aGk=␇y␛[2J");
    }

    #[test]
    fn json_stream_escapes_and_keeps_meaning() {
        let out = through(Mode::Json, &["\"a\u{202e}b\u{85}\"".as_bytes()]);
        assert_eq!(out, "\"a\\u202eb\\u0085\"");
        let back: String = serde_json::from_str(&out).expect("JSON");
        assert_eq!(back, "a\u{202e}b\u{85}");
    }

    #[test]
    fn split_characters_survive() {
        let s = "会议".as_bytes();
        assert_eq!(
            through(Mode::Text { colors: false }, &[&s[..2], &s[2..4], &s[4..]]),
            "会议"
        );
    }
}
