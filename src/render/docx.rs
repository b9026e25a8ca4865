//! Word output (`--format docx`): a minimal WordprocessingML package, one table per clause group
//! with one column per document, citation headers, marks as coloured runs (inserted: green and
//! underlined; deleted: red and struck through; a changed number: bold on yellow), landscape pages
//! when a table has more than three document columns. Opens in Word, WPS and LibreOffice.
//!
//! The package is written with the `zip` crate; text is escaped with `quick-xml`. [`WordDoc`] is the
//! small document model the renderers here and `guize versions` share: headings, paragraphs of
//! styled runs and tables, laid out into `word/document.xml`.

use super::{
    COVERAGE_NOTE, GROUPS_NOTE, Mark, Render, SIMILARITY_NOTE, base_sentence, mark_of,
    missing_names, report_title, section_title,
};
use crate::report::{
    Column, ComparedGroup, CorpusReport, CoverageRow, DocName, Section, Table, TocChapter,
    UniqueList, citation,
};
use std::fmt::Write as _;
use std::io::{self, Cursor, Write};
use zip::write::SimpleFileOptions;

/// A Word document (WordprocessingML in a zip), tracked-change style marks.
#[derive(Debug, Clone, Copy, Default)]
pub struct Docx;

/// Tables with more document columns than this are laid out on landscape pages.
pub(crate) const PORTRAIT_MAX_COLUMNS: usize = 3;

/// A4 in twentieths of a point, and the page margins (2 cm).
const PAGE_LONG: u32 = 16838;
const PAGE_SHORT: u32 = 11906;
const MARGIN: u32 = 1134;

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Style {
    #[default]
    Plain,
    Bold,
    /// Small grey text (citations, notes).
    Muted,
    /// A document's own wording the base lacks: green, underlined.
    Insert,
    /// Base wording the document lacks: red, struck through.
    Delete,
    NumberInsert,
    NumberDelete,
}

impl From<Mark> for Style {
    fn from(mark: Mark) -> Style {
        match mark {
            Mark::Plain | Mark::Quiet => Style::Plain,
            Mark::Insert => Style::Insert,
            Mark::Delete => Style::Delete,
            Mark::NumberInsert => Style::NumberInsert,
            Mark::NumberDelete => Style::NumberDelete,
        }
    }
}

/// One paragraph: runs of styled text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Para {
    pub runs: Vec<(String, Style)>,
}

impl Para {
    pub fn plain(text: impl Into<String>) -> Para {
        Para::styled(text, Style::Plain)
    }

    pub fn styled(text: impl Into<String>, style: Style) -> Para {
        Para {
            runs: vec![(text.into(), style)],
        }
    }

    pub fn push(&mut self, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some((t, s)) if *s == style => t.push_str(text),
            _ => self.runs.push((text.to_string(), style)),
        }
    }
}

/// A table cell: its paragraphs, and whether it is shaded as a header.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    pub paras: Vec<Para>,
    pub shaded: bool,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            paras: vec![Para::plain(text)],
            shaded: false,
        }
    }

    pub fn header(paras: Vec<Para>) -> Cell {
        Cell {
            paras,
            shaded: true,
        }
    }
}

/// A document being built: body XML and the page orientation.
#[derive(Debug, Default)]
pub(crate) struct WordDoc {
    body: String,
    pub landscape: bool,
}

impl WordDoc {
    pub fn new(landscape: bool) -> WordDoc {
        WordDoc {
            body: String::new(),
            landscape,
        }
    }

    /// A heading of level 1–3 (Word's built-in Heading styles, so they show in the navigator).
    pub fn heading(&mut self, level: u8, text: &str) {
        let _ = writeln!(
            self.body,
            "<w:p><w:pPr><w:pStyle w:val=\"Heading{}\"/></w:pPr>{}</w:p>",
            level.clamp(1, 3),
            run(text, Style::Plain)
        );
    }

    pub fn para(&mut self, para: &Para) {
        self.body.push_str(&para_xml(para));
        self.body.push('\n');
    }

    /// A table filling the text width; `widths` are relative column widths, `header_rows` repeat
    /// on every page.
    pub fn table(&mut self, widths: &[u32], rows: &[Vec<Cell>], header_rows: usize) {
        let total: u32 = widths.iter().sum::<u32>().max(1);
        let text_width = self.text_width();
        let twips: Vec<u32> = widths.iter().map(|w| text_width * w / total).collect();
        self.body.push_str(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"GuizeTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
             <w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0420\" w:firstRow=\"1\"/></w:tblPr><w:tblGrid>",
        );
        for w in &twips {
            let _ = write!(self.body, "<w:gridCol w:w=\"{w}\"/>");
        }
        self.body.push_str("</w:tblGrid>\n");
        for (r, row) in rows.iter().enumerate() {
            self.body.push_str("<w:tr>");
            if r < header_rows {
                self.body
                    .push_str("<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
            }
            for (c, cell) in row.iter().enumerate() {
                let w = twips.get(c).copied().unwrap_or(0);
                let _ = write!(
                    self.body,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{}</w:tcPr>",
                    if cell.shaded {
                        "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EAEEF2\"/>"
                    } else {
                        ""
                    }
                );
                if cell.paras.is_empty() {
                    self.body.push_str("<w:p/>");
                }
                for p in &cell.paras {
                    self.body.push_str(&para_xml(p));
                }
                self.body.push_str("</w:tc>\n");
            }
            self.body.push_str("</w:tr>\n");
        }
        // Word needs a paragraph between two tables, or it joins them.
        self.body.push_str("</w:tbl>\n<w:p/>\n");
    }

    fn text_width(&self) -> u32 {
        let page = if self.landscape {
            PAGE_LONG
        } else {
            PAGE_SHORT
        };
        page - 2 * MARGIN
    }

    /// `word/document.xml`.
    pub fn document_xml(&self) -> String {
        let (w, h, orient) = if self.landscape {
            (PAGE_LONG, PAGE_SHORT, " w:orient=\"landscape\"")
        } else {
            (PAGE_SHORT, PAGE_LONG, "")
        };
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <w:document xmlns:w=\"{W_NS}\"><w:body>\n{}<w:sectPr><w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/>\
             <w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" \
             w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>\n",
            self.body
        )
    }

    /// Writes the whole package. A zip needs to seek, so it is built in memory and then copied
    /// to `out` (a report of the five documents is about 100 KB).
    pub fn write(&self, out: &mut dyn Write, title: &str) -> io::Result<()> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        // A fixed timestamp (zip's default, 1980-01-01) keeps the output reproducible.
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let parts: [(&str, String); 6] = [
            ("[Content_Types].xml", CONTENT_TYPES.to_string()),
            ("_rels/.rels", ROOT_RELS.to_string()),
            ("docProps/core.xml", core_xml(title)),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
            ("word/styles.xml", STYLES.to_string()),
            ("word/document.xml", self.document_xml()),
        ];
        for (name, content) in parts {
            // The core properties are stored as they are, so that guize's mark stands in the
            // file's first bytes: a corpus walk tells the file from a regulation by reading its
            // head, as it does for Markdown and HTML ([`crate::extract::generated`]).
            let options = if name == "docProps/core.xml" {
                options.compression_method(zip::CompressionMethod::Stored)
            } else {
                options
            };
            zip.start_file(name, options).map_err(zip_error)?;
            zip.write_all(content.as_bytes())?;
        }
        let bytes = zip.finish().map_err(zip_error)?.into_inner();
        out.write_all(&bytes)
    }
}

fn zip_error(e: zip::result::ZipError) -> io::Error {
    io::Error::other(format!("cannot write the DOCX package: {e}"))
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn para_xml(para: &Para) -> String {
    let mut s = String::from("<w:p>");
    for (text, style) in &para.runs {
        s.push_str(&run(text, *style));
    }
    s.push_str("</w:p>");
    s
}

/// One run; line breaks inside `text` become `<w:br/>`. Run properties are in the order the
/// schema prescribes (b, strike, color, sz, highlight, u), which Word enforces.
fn run(text: &str, style: Style) -> String {
    let props = match style {
        Style::Plain => "",
        Style::Bold => "<w:b/>",
        Style::Muted => "<w:color w:val=\"57606A\"/><w:sz w:val=\"18\"/>",
        Style::Insert => "<w:color w:val=\"1A7F37\"/><w:u w:val=\"single\"/>",
        Style::Delete => "<w:strike/><w:color w:val=\"CF222E\"/>",
        Style::NumberInsert => {
            "<w:b/><w:color w:val=\"1A7F37\"/><w:highlight w:val=\"yellow\"/><w:u w:val=\"single\"/>"
        }
        Style::NumberDelete => {
            "<w:b/><w:strike/><w:color w:val=\"CF222E\"/><w:highlight w:val=\"yellow\"/>"
        }
    };
    let mut s = String::from("<w:r>");
    if !props.is_empty() {
        let _ = write!(s, "<w:rPr>{props}</w:rPr>");
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            s.push_str("<w:br/>");
        }
        if !line.is_empty() {
            let _ = write!(s, "<w:t xml:space=\"preserve\">{}</w:t>", xml_text(line));
        }
    }
    s.push_str("</w:r>");
    s
}

/// `text` as XML character data: escaped, and with every character XML 1.0 forbids (C0 controls
/// but tab and newline, U+FFFE, U+FFFF) shown as its visible sign, as in the terminal output.
/// A raw ESC from the corpus would otherwise make the package one Word refuses to open.
fn xml_text(text: &str) -> String {
    let shown = crate::safe_text::neutralize(text);
    let shown: String = shown
        .chars()
        .map(|c| match c {
            '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect();
    quick_xml::escape::escape(&shown).into_owned()
}

fn core_xml(title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">{}<dc:title>{}</dc:title>\
         </cp:coreProperties>\n",
        crate::extract::generated::DOCX_CREATOR,
        xml_text(title)
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
"#;

/// Default font 宋体/SimSun 10.5 pt (五号), headings in 黑体, a grid table style.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="Times New Roman"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:sz w:val="24"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="table" w:styleId="GuizeTable"><w:name w:val="Guize Table"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="8C959F"/><w:left w:val="single" w:sz="4" w:space="0" w:color="8C959F"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="8C959F"/><w:right w:val="single" w:sz="4" w:space="0" w:color="8C959F"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="8C959F"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="8C959F"/></w:tblBorders></w:tblPr></w:style></w:styles>
"#;

/// The legend paragraph under a comparison: a phrase for each mark that occurs in `groups`
/// ([`super::Legend`]; the DOCX draws no superscript counts); `None` when none occurs.
pub(crate) fn legend<'a>(groups: impl IntoIterator<Item = &'a ComparedGroup>) -> Option<Para> {
    let l = super::Legend::of(groups);
    let mut p = Para::default();
    let mut first = true;
    let mut phrase = |p: &mut Para, mark: &str, style: Style, says: &str| {
        let mark = if first {
            mark.to_string()
        } else {
            mark.to_lowercase()
        };
        if !first {
            p.push(" · ", Style::Muted);
        }
        first = false;
        p.push(&mark, style);
        p.push(says, Style::Muted);
    };
    if l.insert {
        phrase(&mut p, "Inserted", Style::Insert, ": not in the base");
    }
    if l.delete {
        phrase(&mut p, "Deleted", Style::Delete, ": base wording it lacks");
    }
    if l.number {
        phrase(&mut p, "5", Style::NumberInsert, ": a number that differs");
    }
    if let Some(line) = l.shown_line() {
        phrase(&mut p, "", Style::Muted, &line);
    }
    if let Some(line) = l.weak_line() {
        phrase(&mut p, "", Style::Muted, &line);
    }
    (!first).then_some(p)
}

/// A column's text as paragraphs of marked runs (a newline in the text starts a paragraph).
pub(crate) fn marked_paras(segments: &[crate::diff::Segment]) -> Vec<Para> {
    let mut paras = vec![Para::default()];
    for seg in segments {
        let Some(mark) = mark_of(seg) else { continue };
        for (i, part) in seg.text.split('\n').enumerate() {
            if i > 0 {
                paras.push(Para::default());
            }
            if let Some(p) = paras.last_mut() {
                p.push(part, Style::from(mark));
            }
        }
    }
    paras
}

/// The header cell of a column: the document's name, then its citation.
fn column_header(column: &Column) -> Cell {
    let base = if column.is_base { " (base)" } else { "" };
    let mut paras = vec![Para::styled(
        format!("{}{base}", column.doc.name),
        Style::Bold,
    )];
    paras.push(Para::styled(column.citation(), Style::Muted));
    Cell::header(paras)
}

/// One group as a table (header row: documents and citations; one row of texts), with the
/// missing documents under it.
fn write_group(doc: &mut WordDoc, group: &ComparedGroup) {
    let n = group.columns.len().max(1);
    let header: Vec<Cell> = group.columns.iter().map(column_header).collect();
    let body: Vec<Cell> = group
        .columns
        .iter()
        .map(|c| Cell {
            paras: marked_paras(&c.segments),
            shaded: false,
        })
        .collect();
    doc.table(&vec![1; n], &[header, body], 1);
    if let Some(names) = missing_names(group) {
        doc.para(&Para::styled(
            format!("Not in this group: {names}"),
            Style::Muted,
        ));
    }
    if let Some(names) = super::also_in_part_names(group) {
        doc.para(&Para::styled(
            format!("{}: {names}", super::ALSO_IN_PART),
            Style::Muted,
        ));
    }
}

impl Render for Docx {
    fn compare(&self, out: &mut dyn Write, group: &ComparedGroup) -> io::Result<()> {
        let mut doc = WordDoc::new(group.columns.len() > PORTRAIT_MAX_COLUMNS);
        doc.heading(1, &format!("{} · {}", group.label, group.id));
        doc.para(&Para::styled(base_sentence(group), Style::Muted));
        write_group(&mut doc, group);
        if let Some(legend) = legend(std::iter::once(group)) {
            doc.para(&legend);
        }
        if let Some(note) = super::in_part_legend(std::iter::once(group)) {
            doc.para(&Para::styled(note, Style::Muted));
        }
        doc.write(out, &group.label)
    }

    fn report(&self, out: &mut dyn Write, report: &CorpusReport) -> io::Result<()> {
        let title = report_title(report);
        let mut doc = WordDoc::new(report.docs.len() > PORTRAIT_MAX_COLUMNS);
        doc.heading(1, &title);
        // A column "In tables" when a table heads a document by a shorter name than its own.
        let short = report.docs.iter().any(|d| d.short != d.name);
        let mut rows = vec![vec![
            Cell::header(vec![Para::styled("Document", Style::Bold)]),
            Cell::header(vec![Para::styled("Name", Style::Bold)]),
            Cell::header(vec![Para::styled("Title", Style::Bold)]),
        ]];
        if short {
            rows[0].push(Cell::header(vec![Para::styled("In tables", Style::Bold)]));
        }
        for d in &report.docs {
            let mut row = vec![
                Cell::text(d.id.as_str()),
                Cell::text(&d.name),
                Cell::text(&d.title),
            ];
            if short {
                row.push(Cell::text(&d.short));
            }
            rows.push(row);
        }
        let widths: &[u32] = if short { &[1, 1, 3, 1] } else { &[1, 1, 3] };
        doc.table(widths, &rows, 1);
        sections(&mut doc, report, 2);
        doc.write(out, &title)
    }
}

/// The report's sections, each headed at `level` (a kind's own sections one level below it).
fn sections(doc: &mut WordDoc, report: &CorpusReport, level: u8) {
    for section in &report.sections {
        if let Section::Kind(k) = section {
            doc.heading(level, &super::align::kind_name_shown(&k.name));
            let ids: Vec<&str> = k.report.docs.iter().map(|d| d.id.as_str()).collect();
            let line = format!(
                "{} aligned apart from the other kinds: {}.",
                crate::text::counted(k.report.docs.len(), "document"),
                ids.join(", ")
            );
            doc.para(&Para::styled(&line, Style::Muted));
            sections(doc, &k.report, level + 1);
            continue;
        }
        doc.heading(level, section_title(section));
        match section {
            Section::Contents(chapters) => contents(doc, chapters),
            Section::Coverage(rows) => coverage(doc, &report.docs, rows),
            Section::Similarity(m) => similarity(doc, &report.docs, m),
            Section::Unique(lists) => unique(doc, lists),
            Section::Table(t) => table(doc, t),
            Section::Groups(groups) => {
                doc.para(&Para::styled(GROUPS_NOTE, Style::Muted));
                if let Some(legend) = legend(groups.iter()) {
                    doc.para(&legend);
                }
                if let Some(note) = super::in_part_legend(groups.iter()) {
                    doc.para(&Para::styled(note, Style::Muted));
                }
                for g in groups {
                    doc.heading(level + 1, &format!("{} · {}", g.label, g.id));
                    write_group(doc, g);
                }
            }
            Section::Kind(_) => {}
        }
    }
}

fn contents(doc: &mut WordDoc, chapters: &[TocChapter]) {
    for ch in chapters {
        let title = super::toc_title(chapters, &ch.title);
        doc.para(&Para::styled(&title, Style::Bold));
        for e in &ch.groups {
            let mut p = Para::plain(format!("    {}", e.label));
            p.push(&format!(" ({})", super::doc_count(e.docs)), Style::Muted);
            doc.para(&p);
        }
    }
}

fn doc_header(first: &str, docs: &[DocName]) -> Vec<Cell> {
    let mut row = vec![Cell::header(vec![Para::styled(first, Style::Bold)])];
    row.extend(
        docs.iter()
            .map(|d| Cell::header(vec![Para::styled(&d.short, Style::Bold)])),
    );
    row
}

/// Relative widths: a wide first column, then one per document.
fn label_widths(docs: usize) -> Vec<u32> {
    let mut w = vec![3];
    w.extend(std::iter::repeat_n(1, docs));
    w
}

fn coverage(doc: &mut WordDoc, docs: &[DocName], rows: &[CoverageRow]) {
    doc.para(&Para::styled(COVERAGE_NOTE, Style::Muted));
    let mut table = vec![doc_header("Clause group", docs)];
    for row in rows {
        let mut cells = vec![Cell::text(&row.label)];
        cells.extend((0..row.cells.len()).map(|i| Cell::text(row.cell_text(i, ", "))));
        table.push(cells);
    }
    doc.table(&label_widths(docs.len()), &table, 1);
}

fn similarity(doc: &mut WordDoc, docs: &[DocName], m: &[Vec<f32>]) {
    if docs.len() > super::GRID_DOCS {
        let note = format!("{SIMILARITY_NOTE} {}", super::closest_note(docs.len()));
        doc.para(&Para::styled(&note, Style::Muted));
        let mut table = vec![vec![
            Cell::header(vec![Para::styled("Document", Style::Bold)]),
            Cell::header(vec![Para::styled("Closest", Style::Bold)]),
        ]];
        for (i, (d, row)) in docs.iter().zip(m).enumerate() {
            let closest = super::closest_cell(docs, row, i, &|n: &str| n.to_string());
            table.push(vec![
                Cell::header(vec![Para::styled(&d.name, Style::Bold)]),
                Cell::text(closest),
            ]);
        }
        doc.table(&[1, 3], &table, 1);
        return;
    }
    doc.para(&Para::styled(SIMILARITY_NOTE, Style::Muted));
    let mut table = vec![doc_header("", docs)];
    for (i, (d, row)) in docs.iter().zip(m).enumerate() {
        let mut cells = vec![Cell::header(vec![Para::styled(&d.short, Style::Bold)])];
        cells.extend(row.iter().enumerate().map(|(j, v)| {
            Cell::text(if i == j {
                "—".to_string()
            } else {
                format!("{:.0}%", v * 100.0)
            })
        }));
        table.push(cells);
    }
    let mut widths = vec![1];
    widths.extend(std::iter::repeat_n(1, docs.len()));
    doc.table(&widths, &table, 1);
}

fn unique(doc: &mut WordDoc, lists: &[UniqueList]) {
    for list in lists {
        doc.heading(3, &format!("{} ({})", list.doc.name, list.items.len()));
        for item in &list.items {
            let mut p = Para::styled(citation(&item.articles), Style::Bold);
            p.push(&format!(" {}: ", item.label), Style::Plain);
            p.push(&item.excerpt, Style::Plain);
            doc.para(&p);
            let note = item.in_part_note();
            if !note.is_empty() {
                doc.para(&Para::styled(&note, Style::Muted));
            }
        }
    }
}

fn table(doc: &mut WordDoc, t: &Table) {
    if !t.note.is_empty() {
        doc.para(&Para::styled(&t.note, Style::Muted));
    }
    let mut rows = vec![
        t.header
            .iter()
            .map(|h| Cell::header(vec![Para::styled(h, Style::Bold)]))
            .collect::<Vec<_>>(),
    ];
    for row in &t.rows {
        rows.push(
            row.iter()
                .map(|c| Cell {
                    paras: vec![Para::styled(
                        &c.text,
                        if c.is_marked {
                            Style::NumberInsert
                        } else {
                            Style::Plain
                        },
                    )],
                    shaded: false,
                })
                .collect(),
        );
    }
    doc.table(&label_widths(t.header.len().saturating_sub(1)), &rows, 1);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_escape_text_and_break_lines() {
        let r = run("a<b\nc", Style::Insert);
        assert!(r.contains("a&lt;b</w:t><w:br/><w:t xml:space=\"preserve\">c"));
        assert!(r.contains("<w:u w:val=\"single\"/>"));
    }

    #[test]
    fn controls_from_the_corpus_become_visible_signs_not_invalid_xml() {
        let r = run("某市\u{1b}[31m红色\u{0}办法\u{ffff}", Style::Plain);
        assert!(!r.chars().any(|c| c < ' ' || c == '\u{ffff}'), "{r:?}");
        assert!(r.contains("某市␛[31m红色␀办法\u{fffd}"), "{r}");
        assert!(core_xml("a\u{7}b").contains("a␇b"));
    }

    #[test]
    fn a_package_is_a_zip_with_the_document() {
        let mut doc = WordDoc::new(true);
        doc.para(&Para::plain("第一条"));
        let mut bytes = Vec::new();
        doc.write(&mut bytes, "t").expect("writes");
        assert_eq!(&bytes[..2], b"PK");
        assert!(doc.document_xml().contains("w:orient=\"landscape\""));
    }
}
