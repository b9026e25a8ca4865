//! PDFs set in a standard CJK font that is not embedded (STSong-Light), the shape many offices'
//! tools write: the font names a predefined CMap whose codes are Unicode (UniGB-UCS2-H) and gives
//! no ToUnicode map. Such a file is read; one whose encoding the PDF reader cannot decode is a
//! warning naming the encoding, and the reader's panic never reaches the terminal.

mod cmd;

use guize::extract::extract;
use std::path::Path;

/// A one-page PDF whose lines are drawn in a Type 0 font with the predefined CMap `encoding`,
/// each line's text written as UTF-16BE codes (what a UCS-2 CMap reads).
fn pdf(lines: &[&str], encoding: &str) -> Vec<u8> {
    let shown: String = lines
        .iter()
        .map(|l| {
            let hex: String = l.encode_utf16().map(|u| format!("{u:04X}")).collect();
            format!("<{hex}> Tj T* ")
        })
        .collect();
    let content = format!("BT /F1 14 Tf 50 780 Td 18 TL {shown}ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        format!("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{encoding} /DescendantFonts [6 0 R] >>"),
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R >>".to_string(),
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

const LINES: [&str; 5] = [
    "某区养犬管理办法",
    "第一条 为了规范养犬行为，制定本办法。",
    "第二条 养犬人应当在取得犬只后三十日内办理养犬登记。",
    "第三条 违反本办法第二条规定的，处五十元以上二百元以下罚款。",
    "第四条 本办法自2027年1月1日起施行。",
];

#[test]
fn a_pdf_in_a_unicode_cmap_font_is_read() {
    for encoding in ["UniGB-UCS2-H", "UniGB-UTF16-H", "UniCNS-UCS2-V"] {
        let bytes = pdf(&LINES, encoding);
        let got =
            extract(Path::new("dog.pdf"), &bytes).unwrap_or_else(|e| panic!("{encoding}: {e}"));
        for line in &LINES[1..] {
            let body = line.split_once(' ').map_or(*line, |(_, b)| b);
            assert!(
                got.text.contains(body),
                "{encoding}: {body} not in {:?}",
                got.text
            );
        }
    }
}

#[test]
fn a_font_the_reader_cannot_decode_is_a_warning_without_a_panic_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("gbk.pdf"), pdf(&LINES, "GBK-EUC-H")).expect("written");
    std::fs::write(dir.path().join("good.pdf"), pdf(&LINES, "UniGB-UCS2-H")).expect("written");
    let out = cmd::guize_in(dir.path(), &dir.path().join(".idx"))
        .env("RUST_BACKTRACE", "1")
        .arg("articles")
        .output()
        .expect("ran");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
    assert!(
        stderr.contains("gbk.pdf") && stderr.contains("GBK-EUC-H") && stderr.contains(".docx"),
        "{stderr}"
    );
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("good")).count(),
        4,
        "{stdout}"
    );
}
