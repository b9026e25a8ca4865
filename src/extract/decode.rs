//! Bytes of a text file in, text out: UTF-8 (BOM stripped), UTF-16 with a BOM or without, damaged UTF-8,
//! else GB18030 (Big5, Shift-JIS), with a note when the text was not plain UTF-8. No I/O; never panics.

/// Why a file's bytes are not a text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// Nothing but whitespace (and a byte-order mark).
    #[error("empty file")]
    Empty,
    /// A byte-order mark (UTF-8 or UTF-16) followed by nothing but whitespace.
    #[error("empty file: a {encoding} byte-order mark and no text after it")]
    MarkOnly {
        /// The encoding the mark names.
        encoding: &'static str,
    },
    /// NUL bytes or many control characters near the start.
    #[error("binary file, not text")]
    Binary,
    /// Neither UTF-8 nor GB18030.
    #[error("not UTF-8 or GB18030 at byte {at}")]
    Undecodable {
        /// The first byte that is not UTF-8.
        at: usize,
    },
}

/// Decodes a file: UTF-8 (with or without BOM), UTF-16 (with a BOM, or text without one), else GB18030 (or Big5 /
/// Shift-JIS when only they read a 条) with a note saying so. A UTF-8 file with a few invalid bytes is decoded with U+FFFD in their place and a note
/// naming the first line; NUL bytes are removed with a note. Empty and binary files are errors.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), DecodeError> {
    let (text, note) = decode_text(bytes)?;
    // A byte-order mark and blank lines are no more a text than nothing is.
    if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
        return Err(match mark_of(bytes) {
            Some(encoding) => DecodeError::MarkOnly { encoding },
            None => DecodeError::Empty,
        });
    }
    if !text.contains('\0') {
        return Ok((text, note));
    }
    let line = line_of(&text, text.find('\0').unwrap_or(0));
    let removed = format!("NUL bytes removed (the first on line {line})");
    let note = Some(match note {
        Some(n) => format!("{n}; {removed}"),
        None => removed,
    });
    Ok((text.replace('\0', ""), note))
}

/// The encoding a byte-order mark at the start of `bytes` names.
fn mark_of(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Some("UTF-8")
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Some("UTF-16LE")
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some("UTF-16BE")
    } else {
        None
    }
}

/// 1-based line of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// At most one invalid UTF-8 sequence per this many bytes reads as damaged UTF-8, not GB18030
/// (GB18030 text is invalid UTF-8 at nearly every Chinese character).
const STRAY_BYTES_PER_ERROR: usize = 1000;

fn decode_text(bytes: &[u8]) -> Result<(String, Option<String>), DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    for (bom, enc) in [
        (&[0xFF, 0xFE][..], encoding_rs::UTF_16LE),
        (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            // Two bytes that happen to be a mark, then bytes that read as no text (control
            // characters, or characters no regulation is written in), are no UTF-16 text.
            if !had_errors && is_text(&text) {
                return Ok((
                    text.into_owned(),
                    Some(format!("decoded as {} (not UTF-8)", enc.name())),
                ));
            }
        }
    }
    // Bytes that start with a UTF-16 mark were judged as UTF-16 above.
    let marked = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if let Some(enc) = utf16_without_bom(bytes).filter(|_| !marked) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            return Ok((
                text.replace("\r\n", "\n").replace('\r', "\n"),
                Some(format!(
                    "decoded as {} without a byte-order mark (not UTF-8)",
                    enc.name()
                )),
            ));
        }
    }
    if is_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(t) => Ok((t.replace("\r\n", "\n").replace('\r', "\n"), None)),
        Err(utf8) if mostly_utf8(body) => {
            let text = String::from_utf8_lossy(body);
            let line = line_of(&text, utf8.valid_up_to());
            Ok((
                text.replace("\r\n", "\n").replace('\r', "\n"),
                Some(format!(
                    "invalid UTF-8 on line {line} (byte {}); decoded with U+FFFD in its place",
                    utf8.valid_up_to()
                )),
            ))
        }
        Err(utf8) => {
            let gb = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(body);
            if let Some(other) = other_encoding(gb.as_deref(), body) {
                return Ok(other);
            }
            match gb {
                Some(t) => Ok((
                    t.replace("\r\n", "\n").replace('\r', "\n"),
                    Some(format!(
                        "not UTF-8 (invalid at byte {}); decoded as GB18030",
                        utf8.valid_up_to()
                    )),
                )),
                // UTF-16 of Chinese alone holds no NUL byte, so `utf16_without_bom` passed it by.
                None => match utf16_of_han(body) {
                    Some((text, enc)) => Ok((
                        text.replace("\r\n", "\n").replace('\r', "\n"),
                        Some(format!(
                            "decoded as {} without a byte-order mark (not UTF-8 or GB18030)",
                            enc.name()
                        )),
                    )),
                    None => Err(DecodeError::Undecodable {
                        at: utf8.valid_up_to(),
                    }),
                },
            }
        }
    }
}

/// A regulation written in Big5 (Taiwan, Hong Kong) or Shift-JIS also decodes as GB18030, into
/// nonsense without a single 条. When the GB18030 reading has no 条 and one of those encodings
/// reads the bytes cleanly with 条 (條, or several 第) in them, that reading, with a note naming the encoding.
fn other_encoding(gb: Option<&str>, body: &[u8]) -> Option<(String, Option<String>)> {
    // 条 (條), or article heads whose 条 the encoding could not hold (第一?).
    let has_tiao = |t: &str| t.contains(['条', '條']) || t.matches('第').count() >= 3;
    if gb.is_some_and(has_tiao) {
        return None;
    }
    [encoding_rs::BIG5, encoding_rs::SHIFT_JIS]
        .into_iter()
        .find_map(|enc| {
            let t = enc.decode_without_bom_handling_and_without_replacement(body)?;
            has_tiao(&t).then(|| {
                (
                    t.replace("\r\n", "\n").replace('\r', "\n"),
                    Some(format!(
                        "not UTF-8 nor GB18030 text with articles; decoded as {}",
                        enc.name()
                    )),
                )
            })
        })
}

/// True when `bytes` is UTF-8 but for a few stray bytes: at most one invalid sequence per
/// [`STRAY_BYTES_PER_ERROR`] bytes, or (in a short file, where one damaged spot is already a lot
/// of its bytes) at most one damaged spot per [`CHARS_PER_SPOT`] well-formed multi-byte characters. GB18030
/// Chinese is invalid UTF-8 at nearly every character and almost never forms a valid multi-byte
/// sequence, so neither test mistakes it for damaged UTF-8.
fn mostly_utf8(bytes: &[u8]) -> bool {
    // A damaged spot is a run of invalid bytes (`\xff\xfe` is one spot, not two).
    let (mut errors, mut spots, mut wide) = (0usize, 0usize, 0usize);
    let mut in_spot = false;
    for chunk in bytes.utf8_chunks() {
        if !chunk.valid().is_empty() {
            in_spot = false;
        }
        wide += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            errors += 1;
            spots += usize::from(!in_spot);
            in_spot = true;
        }
    }
    errors * STRAY_BYTES_PER_ERROR <= bytes.len().max(STRAY_BYTES_PER_ERROR)
        || spots * CHARS_PER_SPOT <= wide
}

/// Well-formed multi-byte characters per damaged spot that still read as damaged UTF-8.
const CHARS_PER_SPOT: usize = 10;

/// Whether the first bytes of a file meant to be text (`.txt`, `.md`, `.html`) show it is binary:
/// what the decoder would say of the whole file, decided from its head alone (a UTF-16 file, whose
/// byte-order mark comes first, is text).
pub fn head_is_binary(head: &[u8]) -> bool {
    let utf16 = head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || utf16_without_bom(head).is_some();
    !utf16 && is_binary(head)
}

/// UTF-16 saved without a byte-order mark (as some Windows tools write it): NUL bytes in the
/// first 8 KiB (the high byte of ASCII text, or the low byte of a Han character such as 一,
/// U+4E00), and that head, read in one byte order, is text: no unpaired surrogate, no NUL, no
/// control character but line breaks and tabs, and nearly all of it Han, kana, Latin, digits or
/// punctuation. UTF-8 and GB18030 text has no NUL at all; binary files and the other byte order
/// fail the reading (第, U+7B2C, read backwards is U+2C7B).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(8192) & !1];
    if !head.contains(&0) {
        return None;
    }
    [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE]
        .into_iter()
        .find(|&enc| reads_as_text(head, enc == encoding_rs::UTF_16LE))
}

/// `bytes` read as UTF-16 without a byte-order mark when they hold no NUL (Chinese characters
/// and full-width punctuation only): an even length, and the whole reads as text
/// ([`reads_as_text`]) with at least 19 in 20 characters Han or CJK punctuation, little-endian
/// first. Only for bytes that neither UTF-8 nor GB18030 read.
fn utf16_of_han(bytes: &[u8]) -> Option<(String, &'static encoding_rs::Encoding)> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let wide = |c: char| matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}');
    [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE]
        .into_iter()
        .filter(|&enc| reads_as_text(bytes, enc == encoding_rs::UTF_16LE))
        .find_map(|enc| {
            let text = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
            let (all, han) = text
                .chars()
                .filter(|c| !c.is_whitespace())
                .fold((0usize, 0usize), |(a, h), c| {
                    (a + 1, h + usize::from(wide(c)))
                });
            (all > 0 && han * 20 >= all * 19).then(|| (text.into_owned(), enc))
        })
}

/// Whether `head` read as UTF-16 (little- or big-endian) is text, as [`utf16_without_bom`] says.
fn reads_as_text(head: &[u8], little: bool) -> bool {
    let units = head.chunks_exact(2).map(|p| {
        if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let (mut chars, mut texty) = (0usize, 0usize);
    // The head may end inside a surrogate pair: its last unit is not judged.
    for c in char::decode_utf16(units.take((head.len() / 2).saturating_sub(1))) {
        let Ok(c) = c else { return false };
        if c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) {
            return false;
        }
        chars += 1;
        texty += usize::from(is_text_char(c));
    }
    chars > 0 && texty * 20 >= chars * 19
}

/// Whether a text decoded after a UTF-16 byte-order mark is one: no NUL or control character
/// but line breaks and tabs, and at least half of its other characters such as a Chinese
/// regulation is written in ([`is_text_char`]). Nothing but blanks is text (an empty one).
fn is_text(text: &str) -> bool {
    let (mut chars, mut texty) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if c == '\0' || c.is_control() {
            return false;
        }
        chars += 1;
        texty += usize::from(is_text_char(c));
    }
    texty * 2 >= chars
}

/// Characters of a Chinese regulation's text: Han, kana, Latin letters, digits, blanks and
/// punctuation (ASCII, CJK, full-width).
fn is_text_char(c: char) -> bool {
    c.is_ascii()
        || matches!(c,
            '\u{2000}'..='\u{206F}'   // general punctuation
            | '\u{2150}'..='\u{218F}' // number forms (Ⅳ)
            | '\u{2460}'..='\u{24FF}' // enclosed numerals (①)
            | '\u{2500}'..='\u{257F}' // box drawing
            | '\u{3000}'..='\u{30FF}' // CJK punctuation, kana
            | '\u{3400}'..='\u{4DBF}' // Han, extension A
            | '\u{4E00}'..='\u{9FFF}' // Han
            | '\u{F900}'..='\u{FAFF}' // compatibility Han
            | '\u{FE30}'..='\u{FE4F}' // CJK compatibility forms
            | '\u{FF00}'..='\u{FFEF}' // full-width forms
            | '\u{FEFF}')
}

/// NUL bytes or many control characters in the first 8 KiB mean binary.
fn is_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    head.contains(&0) || control * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_alone_is_an_empty_file() {
        for (bytes, encoding) in [
            (&b"\xEF\xBB\xBF"[..], "UTF-8"),
            (b"\xEF\xBB\xBF\r\n  \n", "UTF-8"),
            (b"\xFF\xFE\x20\x00\x0A\x00", "UTF-16LE"),
            (b"\xFE\xFF", "UTF-16BE"),
            (b"\xFF\xFE", "UTF-16LE"),
        ] {
            let e = decode(bytes).expect_err("no text");
            assert_eq!(e, DecodeError::MarkOnly { encoding }, "{bytes:?}");
            assert!(e.to_string().starts_with("empty file: a UTF-"), "{e}");
        }
        for bytes in [&b""[..], b" \r\n"] {
            assert_eq!(decode(bytes), Err(DecodeError::Empty), "{bytes:?}");
        }
        assert!(decode(b"\xEF\xBB\xBF\xE7\xAC\xAC").is_ok());
    }

    #[test]
    fn a_mark_then_bytes_that_read_as_no_text_are_not_called_empty_or_text() {
        // A UTF-16LE mark, then U+0100 (0x00 0x01): four bytes of binary, not a text of one Ā.
        let e = decode(b"\xFF\xFE\x00\x01").expect_err("no text");
        assert_eq!(e, DecodeError::Binary);
        assert_eq!(e.to_string(), "binary file, not text");
        // A mark, then a control character.
        assert_eq!(decode(b"\xFF\xFE\x01\x00"), Err(DecodeError::Binary));
        // A real UTF-16 text with its mark still reads.
        let (text, note) = decode(b"\xFF\xFE\x2C\x7B\x00\x4E\x61\x67").expect("text");
        assert_eq!(text, "第一条");
        assert!(note.expect("a note").contains("UTF-16LE"));
    }

    #[test]
    fn decodes_gb18030_with_a_note() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("第一条 本规则自印发之日起施行。");
        let (text, note) = decode(&bytes).expect("decodes");
        assert_eq!(text, "第一条 本规则自印发之日起施行。");
        assert!(note.expect("a note").contains("GB18030"));
    }

    #[test]
    fn big5_is_recognised_and_named() {
        let text = "某區人民政府工作規則\n第一條 為了規範工作，制定本規則。\n第二條 區政府常務會議每月召開一次。\n";
        let (bytes, _, bad) = encoding_rs::BIG5.encode(text);
        assert!(!bad);
        let (decoded, note) = decode(&bytes).expect("decodes");
        assert_eq!(decoded, text);
        assert!(note.expect("a note").contains("Big5"));
        // GB18030 text with articles stays GB18030.
        let (bytes, _, _) = encoding_rs::GB18030.encode("第一条 本规则自印发之日起施行。");
        assert!(decode(&bytes).unwrap().1.unwrap().contains("GB18030"));
    }

    #[test]
    fn a_short_utf8_text_with_two_bad_bytes_is_damaged_utf8_not_skipped() {
        let mut bytes = "第一条 区政府".as_bytes().to_vec();
        bytes.extend([0xff, 0xfe]);
        bytes.extend("常务会议由区长召集和主持，一般每月召开一次。".as_bytes());
        let (text, note) = decode(&bytes).expect("decodes");
        assert!(text.contains("区政府\u{fffd}\u{fffd}常务会议"), "{text}");
        assert!(note.expect("a note").contains("U+FFFD"));
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_decoded() {
        let text = "某区人民政府工作规则\n\n第一条 为了规范工作，制定本规则。\n第二条 区政府常务会议每月召开1次。\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            assert!(!head_is_binary(&bytes), "{name}");
            let (decoded, note) = decode(&bytes).expect("decodes");
            assert_eq!(decoded, text);
            let note = note.expect("a note");
            assert!(
                note.contains(name) && note.contains("byte-order mark"),
                "{note}"
            );
        }
        // Chinese alone has no NUL byte: read when neither UTF-8 nor GB18030 reads it.
        let han = "区政府常务会议每两周召开一次，由区长召集和主持。";
        for (bytes, name) in [
            (
                han.encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<u8>>(),
                "UTF-16LE",
            ),
            (
                han.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                "UTF-16BE",
            ),
        ] {
            let (decoded, note) = decode(&bytes).expect("decodes");
            assert_eq!(decoded, han, "{name}");
            assert!(note.expect("a note").contains(name));
        }
        // NULs at both parities, or control characters, stay binary.
        let mut elf = vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        elf.extend([2, 0, 0x3e, 0, 1, 0, 0, 0]);
        assert_eq!(decode(&elf).unwrap_err(), DecodeError::Binary);
        let mut words = Vec::new();
        for n in 0u32..64 {
            words.extend(n.to_le_bytes());
        }
        assert_eq!(decode(&words).unwrap_err(), DecodeError::Binary);
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(decode(b"  \n").unwrap_err(), DecodeError::Empty);
        assert_eq!(
            decode(&[0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]).unwrap_err(),
            DecodeError::Binary
        );
    }
}
