//! The text of a DOCX (Word, WPS, LibreOffice): the main document part's paragraphs, one a line,
//! tables cell by cell. Headers, footers, footnotes and comments live in other parts and are left
//! out; deleted revisions, field codes and the fallback copies of text boxes are skipped.

use super::ExtractError;
use super::numbering::{NumRef, Numbering};
use quick_xml::events::Event;
use std::io::Read;

/// The largest part read, uncompressed (a guard against zip bombs: a 0.5 MB file can inflate to
/// 150 MB of XML; the XML of a real document is a few MB, of a 1,000-page one some 20 MB). A
/// larger part is an error, never read in part.
const MAX_PART: u64 = 64 << 20;

fn damaged(msg: impl std::fmt::Display) -> ExtractError {
    ExtractError::Damaged {
        format: "DOCX",
        msg: msg.to_string(),
    }
}

/// Reads the main document part of a DOCX package and returns its text.
pub(super) fn text(bytes: &[u8]) -> Result<String, ExtractError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        if is_encrypted_package(bytes) {
            damaged(
                "it is protected by a password (Word and WPS keep such a file encrypted); \
                 open it, remove the password and save it again as .docx",
            )
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            damaged("this is an old binary Word/WPS file renamed .docx; save it again as .docx")
        } else {
            damaged(format!(
                "it is not a whole zip package, as every .docx is (cut short by a download or \
                 copy that did not finish, or another kind of file renamed .docx): {e}"
            ))
        }
    })?;
    let main = main_part(&mut zip).unwrap_or_else(|| "word/document.xml".to_string());
    let xml = read_part(&mut zip, &main)?;
    // Lists and styles: a part that is missing or does not read leaves the text unnumbered.
    let related = related_parts(&mut zip, &main);
    let part = |zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, kind: &str, default: &str| {
        let name = related
            .iter()
            .find(|(k, _)| k == kind)
            .map_or(default, |(_, n)| n.as_str());
        read_part(zip, name).unwrap_or_default()
    };
    let numbering = part(&mut zip, "numbering", "word/numbering.xml");
    let mut lists = if numbering.is_empty() {
        Numbering::default()
    } else {
        Numbering::read(&numbering, &part(&mut zip, "styles", "word/styles.xml"))
    };
    // A part that is XML but no WordprocessingML (an .html renamed into the package) would
    // read as no text at all: said as what it is.
    match root_name(&xml) {
        Some(root) if root != "document" => {
            return Err(damaged(format!(
                "{main} is not a Word document body: its root element is <{root}>, not \
                 <w:document>"
            )));
        }
        _ => {}
    }
    let text = body_text_numbered(&xml, &mut lists).map_err(|e| damaged(format!("{main}: {e}")))?;
    if text.trim().is_empty() {
        // No text because the part is cut short or malformed is said as that, not as an empty
        // document.
        if let Some(why) = unclosed(&xml) {
            return Err(damaged(format!("{main}: {why}")));
        }
        return Err(ExtractError::NoText { format: "DOCX" });
    }
    Ok(text)
}

/// What is wrong with an XML part whose elements do not all close (`<w:p>` open at its end, as
/// in a file cut short); `None` when every element closes.
fn unclosed(xml: &[u8]) -> Option<String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut open: Vec<String> = Vec::new();
    loop {
        match reader.read_event() {
            Err(e) => {
                return Some(format!(
                    "the XML is malformed at byte {}: {e}",
                    reader.error_position()
                ));
            }
            Ok(Event::Start(e)) => open.push(e.name().as_ref().to_string()),
            Ok(Event::End(_)) => {
                open.pop();
            }
            Ok(Event::Eof) => {
                return open.last().map(|name| {
                    format!(
                        "the XML ends inside <{name}>, which never closes (a file cut short or \
                         malformed)"
                    )
                });
            }
            Ok(_) => {}
        }
    }
}

/// The local name of an XML part's root element; `None` when none reads.
fn root_name(xml: &[u8]) -> Option<String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) => {
                return Some(e.local_name().as_ref().to_string());
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// Whether `bytes` are a password-protected Office document: a compound file (the container of
/// old binary Word files) in which Word, WPS and LibreOffice keep the encrypted package, in a
/// stream named `EncryptedPackage` (its name written in UTF-16LE in the compound file's
/// directory).
pub(super) fn is_encrypted_package(bytes: &[u8]) -> bool {
    if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return false;
    }
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// The parts the main part's relationships name, as (type's last segment, path in the package):
/// `("numbering", "word/numbering.xml")`.
fn related_parts(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    main: &str,
) -> Vec<(String, String)> {
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main));
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let Ok(rels) = read_part(zip, &rels_name) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut reader = quick_xml::Reader::from_reader(rels.as_slice());
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let mut kind = None;
                let mut target = None;
                let mut external = false;
                for a in e.attributes().flatten() {
                    let Ok(v) = a.normalized_value(quick_xml::XmlVersion::Implicit1_0) else {
                        continue;
                    };
                    match a.key.local_name().as_ref() {
                        "Type" => kind = v.rsplit('/').next().map(str::to_string),
                        "Target" => target = Some(v.to_string()),
                        "TargetMode" => external = v.eq_ignore_ascii_case("External"),
                        _ => {}
                    }
                }
                if let (Some(kind), Some(target), false) = (kind, target, external) {
                    let path = match target.strip_prefix('/') {
                        Some(abs) => abs.to_string(),
                        None if dir.is_empty() => target,
                        None => format!("{dir}/{target}"),
                    };
                    out.push((kind, path));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The package's core properties (`docProps/core.xml`: title, creator), when it has them.
pub(super) fn core_properties(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    read_part(&mut zip, "docProps/core.xml").ok()
}

fn read_part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Vec<u8>, ExtractError> {
    let part = zip
        .by_name(name)
        .map_err(|e| damaged(format!("no {name} in the package ({e})")))?;
    let mut out = Vec::new();
    part.take(MAX_PART + 1)
        .read_to_end(&mut out)
        .map_err(|e| damaged(format!("{name}: {e}")))?;
    if out.len() as u64 > MAX_PART {
        return Err(damaged(format!(
            "{name} expands to more than {} MB (a damaged file or a zip bomb); not read",
            MAX_PART >> 20
        )));
    }
    Ok(out)
}

/// The main part named by the package relationships (`word/document.xml` in Word and WPS files,
/// but the relationship is what counts).
fn main_part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>) -> Option<String> {
    let rels = read_part(zip, "_rels/.rels").ok()?;
    let mut reader = quick_xml::Reader::from_reader(rels.as_slice());
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let mut is_main = false;
                let mut target = None;
                for a in e.attributes().flatten() {
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()?;
                    match a.key.local_name().as_ref() {
                        "Type" => is_main = v.ends_with("/officeDocument"),
                        "Target" => target = Some(v.trim_start_matches('/').to_string()),
                        _ => {}
                    }
                }
                if is_main {
                    return target;
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// Walks WordprocessingML by local names (so Strict and Transitional namespaces both work),
/// without list numbering.
#[cfg(test)]
fn body_text(xml: &[u8]) -> Result<String, quick_xml::Error> {
    body_text_numbered(xml, &mut Numbering::default())
}

/// Walks WordprocessingML by local names, each numbered paragraph opening with the number Word
/// shows for it (`lists` counts them).
fn body_text_numbered(xml: &[u8], lists: &mut Numbering) -> Result<String, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = String::new();
    // Inside w:t (text to keep); inside skipped subtrees (depth counter); inside table cells
    // (depth counter: a nested table's cells stay in the outer cell); inside a paragraph's
    // properties (where its list and style are named).
    let mut in_text = false;
    let mut skip = 0usize;
    let mut cells = 0usize;
    let mut in_props = false;
    // Open paragraphs (a text box's paragraphs sit inside one): where each starts in `out`, its
    // list reference and style.
    let mut open: Vec<(usize, NumRef, Option<String>)> = Vec::new();
    let numbered = !lists.is_empty();
    let mut merges = Merges::default();
    loop {
        match reader.read_event()? {
            Event::Start(e) => {
                let name = e.local_name();
                if skip > 0 || is_skipped(name.as_ref()) {
                    skip += 1;
                } else {
                    match name.as_ref() {
                        "t" => in_text = true,
                        "tc" => {
                            if cells == 0 {
                                merges.open_cell(out.len());
                            }
                            cells += 1;
                        }
                        "tr" if cells == 0 => merges.column = 0,
                        "tbl" if cells == 0 => {
                            merges = Merges::default();
                            if !out.is_empty() && !out.ends_with('\n') {
                                out.push('\n');
                            }
                        }
                        "p" => open.push((out.len(), NumRef::default(), None)),
                        "pPr" => in_props = true,
                        _ => {}
                    }
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                if skip > 0 {
                    skip -= 1;
                } else {
                    match name.as_ref() {
                        "t" => in_text = false,
                        "pPr" => in_props = false,
                        "p" => {
                            if let Some((start, num, style)) = open.pop()
                                && numbered
                                && let Some(label) = lists.label(&num, style.as_deref())
                                && out.is_char_boundary(start)
                            {
                                out.insert_str(start, &label);
                            }
                            if cells > 0 {
                                super::table::space(&mut out);
                            } else {
                                out.push('\n');
                            }
                        }
                        "tc" => {
                            cells = cells.saturating_sub(1);
                            if cells == 0 {
                                merges.close_cell(&mut out);
                            }
                            super::table::end_cell(&mut out, cells);
                        }
                        "tr" if cells == 0 => super::table::end_row(&mut out),
                        _ => {}
                    }
                }
            }
            // A paragraph's properties: only its list and style are read (their tab stops are
            // no tabs of the text).
            Event::Empty(e) if skip == 0 && in_props => {
                let value = || {
                    e.attributes().flatten().find_map(|a| {
                        (a.key.local_name().as_ref() == "val")
                            .then(|| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
                            .flatten()
                            .map(|v| v.trim().to_string())
                    })
                };
                if let Some((_, num, style)) = open.last_mut() {
                    match e.local_name().as_ref() {
                        "numId" => num.num_id = value(),
                        "ilvl" => num.level = value().and_then(|v| v.parse().ok()),
                        "pStyle" => *style = value(),
                        _ => {}
                    }
                }
            }
            Event::Empty(e) if skip == 0 => match e.local_name().as_ref() {
                // A cell's place in the outermost table's grid, and whether it is merged with
                // the cells above it.
                "vMerge" if cells == 1 => {
                    merges.state = Some(value_of(&e).is_some_and(|v| v == "restart"));
                }
                "gridSpan" if cells == 1 => {
                    merges.span = value_of(&e).and_then(|v| v.parse().ok()).unwrap_or(1);
                }
                "gridBefore" if cells == 0 => {
                    merges.column = value_of(&e).and_then(|v| v.parse().ok()).unwrap_or(0);
                }
                "tab" | "ptab" => out.push('\t'),
                "br" | "cr" | "p" if cells > 0 => super::table::space(&mut out),
                "br" | "cr" => out.push('\n'),
                "noBreakHyphen" => out.push('-'),
                "p" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text && skip == 0 => out.push_str(&t.xml10_content()),
            // Since quick-xml 0.38 a reference (`&amp;`, `&#x4E00;`) is an event of its own.
            Event::GeneralRef(r) if in_text && skip == 0 => match r.resolve_char_ref()? {
                Some(c) => out.push(c),
                None => out
                    .push_str(quick_xml::escape::resolve_predefined_entity(&r).unwrap_or_default()),
            },
            Event::CData(t) if in_text && skip == 0 => {
                out.push_str(&t.xml10_content());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The `w:val` of an element, trimmed.
fn value_of(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == "val")
            .then(|| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
            .flatten()
            .map(|v| v.trim().to_string())
    })
}

/// Vertically merged cells of the outermost table (`w:vMerge`): Word writes the merged text once,
/// in the first of the rows, and an empty continuation cell in each row below. A continuation
/// repeats the text, so that every row reads whole (a fine keeps the offence it is for) and its
/// cells stay in their columns.
#[derive(Default)]
struct Merges {
    /// The grid column of the cell now open (a cell spanning columns counts each), where its text
    /// starts in the output, how many columns it spans, and its merge: `Some(true)` opens one,
    /// `Some(false)` continues the one above.
    column: usize,
    start: usize,
    span: usize,
    state: Option<bool>,
    /// Per grid column, the text of the merge open in it.
    text: std::collections::HashMap<usize, String>,
}

impl Merges {
    fn open_cell(&mut self, start: usize) {
        self.start = start;
        self.span = 1;
        self.state = None;
    }

    fn close_cell(&mut self, out: &mut String) {
        let own = out.get(self.start..).unwrap_or_default().trim().to_string();
        match self.state {
            Some(true) => {
                self.text.insert(self.column, own);
            }
            Some(false) if own.is_empty() => {
                if let Some(above) = self.text.get(&self.column) {
                    out.truncate(self.start);
                    out.push_str(above);
                }
            }
            Some(false) => {}
            None => {
                self.text.remove(&self.column);
            }
        }
        self.column += self.span.max(1);
    }
}

/// Subtrees whose text is not the document's: deleted revisions (`w:delText` inside `w:del`),
/// the old place of text a tracked change moved (`w:moveFrom`; its new place, `w:moveTo`, is
/// read), field instructions (`w:instrText`), the VML fallback that repeats a text box (`mc:Fallback`),
/// run properties and a tracked change's old paragraph properties.
fn is_skipped(local: &str) -> bool {
    matches!(
        local,
        "del" | "delText" | "moveFrom" | "instrText" | "Fallback" | "rPr" | "sectPr" | "pPrChange"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    #[test]
    fn a_part_that_never_closes_is_named_malformed_not_empty() {
        let mut bytes = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
            let opts = zip::write::SimpleFileOptions::default();
            zip.start_file("word/document.xml", opts).expect("entry");
            std::io::Write::write_all(&mut zip, "<w:document><w:body><w:p>第一条 测试".as_bytes())
                .expect("write");
            zip.finish().expect("zip");
        }
        let err =
            super::super::extract(std::path::Path::new("bad.docx"), &bytes).expect_err("no text");
        let said = err.to_string();
        assert!(said.contains("<w:p>, which never closes"), "{said}");
        assert!(!said.contains("empty"), "{said}");
    }

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let xml = doc(
            r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>第一章</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">总 则</w:t></w:r></w:p>
               <w:p><w:r><w:t>第一条 甲&amp;乙</w:t><w:br/><w:t>续</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            body_text(xml.as_bytes()).expect("reads"),
            "第一章\t总 则\n第一条 甲&乙\n续\n"
        );
    }

    #[test]
    fn a_table_is_one_line_a_row_with_every_cell() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let row = |cells: &[&str]| {
            format!(
                "<w:tr>{}</w:tr>",
                cells.iter().map(|c| cell(c)).collect::<String>()
            )
        };
        let xml = doc(&format!(
            "<w:p><w:r><w:t>第二条 按下表收费：</w:t></w:r></w:p><w:tbl>{}{}\
             <w:tr><w:tc><w:p><w:r><w:t>大型</w:t></w:r></w:p><w:p><w:r><w:t>车辆</w:t></w:r></w:p></w:tc>{}</w:tr>\
             </w:tbl><w:p><w:r><w:t>第三条 施行。</w:t></w:r></w:p>",
            row(&["车型", "白天", "夜间"]),
            row(&["小型车", "5", "2"]),
            cell("10"),
        ));
        assert_eq!(
            body_text(xml.as_bytes()).expect("reads"),
            "第二条 按下表收费：\n车型\t白天\t夜间\n\n小型车\t5\t2\n\n大型 车辆\t10\n\n第三条 施行。\n"
        );
    }

    #[test]
    fn a_vertically_merged_cell_is_repeated_in_each_row_it_spans() {
        let cell = |props: &str, t: &str| {
            format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>")
        };
        let xml = doc(&format!(
            "<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell(r#"<w:vMerge w:val="restart"/>"#, "在疏散通道停放"),
            cell("", "单位"),
            cell("", "五千元以上五万元以下"),
            cell("<w:vMerge/>", ""),
            cell("", "个人"),
            cell("", "五百元以下"),
            cell(r#"<w:gridSpan w:val="2"/>"#, "在住宅内充电"),
            cell(r#"<w:vMerge w:val="restart"/>"#, "二百元"),
            cell(r#"<w:gridSpan w:val="2"/>"#, "另行处理"),
            cell("<w:vMerge/>", ""),
        ));
        assert_eq!(
            body_text(xml.as_bytes()).expect("reads"),
            "在疏散通道停放\t单位\t五千元以上五万元以下\n\n在疏散通道停放\t个人\t五百元以下\n\n\
             在住宅内充电\t二百元\n\n另行处理\t二百元\n\n"
        );
    }

    #[test]
    fn character_and_entity_references_are_text() {
        let xml =
            doc(r#"<w:p><w:r><w:t>&#x7B2C;&#19968;条 &lt;甲&gt;&quot;乙&apos;</w:t></w:r></w:p>"#);
        assert_eq!(
            body_text(xml.as_bytes()).expect("parses"),
            "第一条 <甲>\"乙'\n"
        );
    }

    #[test]
    fn skips_deletions_field_codes_and_fallbacks() {
        let xml = doc(
            r#"<w:p><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:ins><w:r><w:t>新</w:t></w:r></w:ins>
               <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
               <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>
               <mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Choice>
               <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:p>"#,
        );
        assert_eq!(body_text(xml.as_bytes()).expect("reads"), "新3框\n\n");
    }

    /// A .docx cut short (a download that stopped) says so, not only `invalid Zip archive:
    /// Could not find EOCD`.
    #[test]
    fn a_docx_cut_short_says_so() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/docs/lixia.docx");
        let bytes = std::fs::read(path).expect("lixia.docx");
        let err = text(&bytes[..bytes.len() / 2]).expect_err("half a DOCX");
        assert!(err.to_string().contains("cut short"), "{err}");
    }

    /// Text a tracked change moved is read once, at its new place: the paragraphs of
    /// `w:moveFrom` (block-level, and a run-level one inside a paragraph) are the old place.
    #[test]
    fn moved_text_is_read_at_its_new_place_only() {
        let xml = doc(r#"<w:p><w:r><w:t>第一条 甲。</w:t></w:r></w:p>
               <w:moveFrom w:id="1" w:author="x"><w:p><w:r><w:t>第九条 移走的条文。</w:t></w:r></w:p></w:moveFrom>
               <w:p><w:r><w:t>第二条 乙</w:t></w:r><w:moveFrom w:id="2"><w:r><w:t>丙</w:t></w:r></w:moveFrom><w:moveTo w:id="3"><w:r><w:t>丁</w:t></w:r></w:moveTo></w:p>
               <w:moveTo w:id="4" w:author="x"><w:p><w:r><w:t>第三条 移来的条文。</w:t></w:r></w:p></w:moveTo>"#);
        let text = body_text(xml.as_bytes()).expect("reads");
        assert!(!text.contains("第九条") && !text.contains('丙'), "{text}");
        assert!(
            text.contains("第二条 乙丁") && text.contains("第三条 移来的条文。"),
            "{text}"
        );
    }

    /// Half a megabyte that inflates past the cap is refused, not read in part or whole.
    #[test]
    fn a_part_that_inflates_past_the_cap_is_an_error() {
        use std::io::Write;
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).expect("entry");
        let para = "<w:p><w:r><w:t>会会会会会会会会会会</w:t></w:r></w:p>".repeat(1000);
        let mut written = 0u64;
        while written <= MAX_PART {
            zip.write_all(para.as_bytes()).expect("written");
            written += para.len() as u64;
        }
        zip.finish().expect("zip");
        let bytes = buf.into_inner();
        assert!(bytes.len() < 1 << 20, "{}", bytes.len());
        let e = text(&bytes).expect_err("too large");
        assert!(e.to_string().contains("more than 64 MB"), "{e}");
    }

    #[test]
    fn a_renamed_binary_file_is_a_clear_error() {
        let e = text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest").expect_err("not a zip");
        assert!(e.to_string().contains("old binary Word/WPS file"), "{e}");
        let mut locked = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
        locked.extend(std::iter::repeat_n(0u8, 504));
        locked.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        locked.extend(std::iter::repeat_n(0u8, 50));
        locked.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        let e = text(&locked).expect_err("encrypted");
        assert!(e.to_string().contains("protected by a password"), "{e}");
        assert!(!e.to_string().contains("old binary"), "{e}");
        let e = text(b"PK\x03\x04junk").expect_err("damaged");
        assert!(e.to_string().starts_with("not a readable DOCX file"), "{e}");
    }
}
