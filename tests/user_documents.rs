//! Documents as users make them, read as the user sees them: Word's automatic numbering (第X条,
//! （一） and 1. from a list), paragraphs that are never wraps, a government page's information
//! table and the name set beside its text block, and a 修改前后对照表 told apart from a regulation.
//! Every fixture is built here: a small DOCX package written with the zip crate, a page as a string.

use guize::model::{DocMeta, Regulation};
use guize::parse::{Source, SourceKind, parse};
use std::io::Write;
use std::path::Path;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A paragraph, numbered from list `num` at level `ilvl` when given, with style `style`.
fn p(text: &str, num: Option<(u32, u32)>, style: Option<&str>) -> String {
    let mut ppr = String::new();
    if let Some(s) = style {
        ppr.push_str(&format!(r#"<w:pStyle w:val="{s}"/>"#));
    }
    if let Some((id, lvl)) = num {
        ppr.push_str(&format!(
            r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr>"#
        ));
    }
    // Tab stops in the properties are no tabs of the text.
    ppr.push_str(r#"<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs>"#);
    format!(r#"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn level(ilvl: u32, fmt: &str, text: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="420"/></w:pPr></w:lvl>"#
    )
}

/// A DOCX package: the body's paragraphs, and a numbering part when `numbering` is not empty.
fn docx(body: &str, numbering: &str, styles: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, text: &str| {
        zip.start_file(name, opts).expect("entry");
        zip.write_all(text.as_bytes()).expect("written");
    };
    put(
        "_rels/.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
    );
    put(
        "word/_rels/document.xml.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
    );
    put(
        "word/document.xml",
        &format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
        ),
    );
    if !numbering.is_empty() {
        put(
            "word/numbering.xml",
            &format!(
                r#"<?xml version="1.0"?><w:numbering xmlns:w="{W}">{numbering}</w:numbering>"#
            ),
        );
    }
    put(
        "word/styles.xml",
        &format!(r#"<?xml version="1.0"?><w:styles xmlns:w="{W}">{styles}</w:styles>"#),
    );
    zip.finish().expect("zip");
    buf.into_inner()
}

fn read(name: &str, bytes: &[u8]) -> Regulation {
    let path = Path::new(name);
    let got = guize::extract::extract(path, bytes).expect("extracts");
    parse(Source {
        id: "x".into(),
        path,
        text: &got.text,
        kind: SourceKind::from_path(path),
        meta: DocMeta::default(),
    })
}

/// Articles numbered by Word (`第%1条` in Chinese counting), chapters by a heading style's list,
/// and items （一） by a second level: the heads and items are those Word shows.
#[test]
fn word_numbering_gives_the_heads_and_items_word_shows() {
    for (fmt, first, second) in [
        ("chineseCounting", "一", "二"),
        ("chineseCountingThousand", "一", "二"),
        ("decimal", "1", "2"),
    ] {
        let numbering = format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum>
               <w:abstractNum w:abstractNumId="1">{}</w:abstractNum>
               <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
               <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#,
            level(0, fmt, "第%1条"),
            level(1, "chineseCounting", "（%2）"),
            level(0, "chineseCounting", "第%1章"),
        );
        let styles = r#"<w:style w:type="paragraph" w:styleId="Chapter"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>"#;
        let body = [
            p("某某县河道保洁规定", None, None),
            p("总则", None, Some("Chapter")),
            p("为了加强河道保洁，制定本规定。", Some((1, 0)), None),
            p("乡镇人民政府应当履行下列职责：", Some((1, 0)), None),
            p("组织河道保洁；", Some((1, 1)), None),
            p("督促检查。", Some((1, 1)), None),
            p("附则", None, Some("Chapter")),
            p("本规定自2024年1月1日起施行。", Some((1, 0)), None),
        ]
        .concat();
        let doc = read("河道.docx", &docx(&body, &numbering, styles));
        assert_eq!(doc.meta.title, "某某县河道保洁规定", "{fmt}");
        let numbers: Vec<u32> = doc.articles.iter().map(|a| a.number).collect();
        assert_eq!(numbers, [1, 2, 3], "{fmt}: {:?}", doc.warnings);
        let chapters: Vec<(u32, &str)> = doc
            .chapters
            .iter()
            .map(|c| (c.number, c.title.as_str()))
            .collect();
        assert_eq!(chapters, [(1, "总则"), (2, "附则")], "{fmt}");
        let second_article = &doc.articles[1];
        assert_eq!(
            second_article.text,
            "乡镇人民政府应当履行下列职责：\n（一）组织河道保洁；\n（二）督促检查。",
            "{fmt}"
        );
        let items: Vec<u32> = second_article
            .paragraphs
            .iter()
            .flat_map(|p| p.items.iter().map(|i| i.number))
            .collect();
        assert_eq!(items, [1, 2], "{fmt}");
        // The heads as written: Chinese or Arabic numerals, as Word shows them.
        let text = guize::extract::extract(Path::new("x.docx"), &docx(&body, &numbering, styles))
            .expect("extracts")
            .text;
        assert!(text.contains(&format!("第{first}条")), "{text}");
        assert!(text.contains(&format!("第{second}条")), "{text}");
        assert!(!text.contains('\t'), "{text}");
    }
}

/// A list restarted by a start override counts from there; a list that continues does not.
#[test]
fn numbered_items_restart_per_article_by_their_override() {
    let numbering = format!(
        r#"<w:abstractNum w:abstractNumId="0">{}</w:abstractNum>
           <w:abstractNum w:abstractNumId="1">{}</w:abstractNum>
           <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
           <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
           <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
        level(0, "chineseCounting", "第%1条"),
        level(0, "decimal", "%1."),
    );
    let body = [
        p("某某市养犬管理办法", None, None),
        p("养犬应当遵守下列规定：", Some((1, 0)), None),
        p("办理登记；", Some((2, 0)), None),
        p("接种疫苗。", Some((2, 0)), None),
        p("禁止下列行为：", Some((1, 0)), None),
        p("遗弃犬只；", Some((3, 0)), None),
        p("放任犬只扰民。", Some((3, 0)), None),
    ]
    .concat();
    let doc = read("犬.docx", &docx(&body, &numbering, ""));
    let texts: Vec<&str> = doc.articles.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "养犬应当遵守下列规定：\n1.办理登记；\n2.接种疫苗。",
            "禁止下列行为：\n1.遗弃犬只；\n2.放任犬只扰民。"
        ]
    );
}

/// In a .docx a paragraph end is the author's: a short paragraph without final punctuation is not
/// run into the next as a wrapped line is (the same lines in a .txt still are).
#[test]
fn word_paragraphs_are_never_joined_as_wraps() {
    let lines = [
        "某某市采砂管理办法",
        "第一条　为了规范采砂，制定本办法。",
        "第二条　采砂作业时间",
        "每日6时至18时",
        "第三条　本办法自公布之日起施行。",
    ];
    let body: String = lines.iter().map(|l| p(l, None, None)).collect();
    let doc = read("砂.docx", &docx(&body, "", ""));
    assert_eq!(doc.articles.len(), 3);
    assert_eq!(doc.articles[1].text, "采砂作业时间\n每日6时至18时");
    assert_eq!(doc.articles[1].paragraphs.len(), 2);
    let txt = read("砂.txt", lines.join("\n").as_bytes());
    assert_eq!(txt.articles[1].text, "采砂作业时间每日6时至18时");
    // A draft uploaded as a .docx: title, heading and first paragraph stay apart.
    let draft = [
        "某某县河道保洁规定",
        "总则",
        "为了加强河道保洁，制定本规定。",
    ];
    let joined = guize::precedent::split(&draft.join("\n"));
    let kept = guize::precedent::split_as(&draft.join("\n"), true);
    assert_eq!(joined.len(), 1);
    assert_eq!(kept.len(), 1);
    assert!(joined[0].text.contains("保洁规定总则为了"), "{:?}", joined);
    assert!(!kept[0].text.contains("规定总则"), "{:?}", kept);
}

/// A web page's source pasted as text (`第一条&nbsp;`, `&#12288;`, `&amp;`) reads as the page
/// does, with a note; a page's `<br>` inside a sentence joins the sentence, as a hard-wrapped
/// text's line end does, while a heading and an item keep their lines.
#[test]
fn a_pasted_page_reads_its_references_and_its_breaks_inside_sentences() {
    let txt = "乙市法律援助条例\n\n第一条&nbsp;为了规范法律援助工作，制定本条例。\n\n\
               第二条&#12288;经济困难的公民，可以申请法律援助。\n\n第三条 本条例自公布之日起施行。&amp;\n";
    let path = Path::new("乙市.txt");
    let got = guize::extract::extract(path, txt.as_bytes()).expect("extracts");
    let note = got.note.as_deref().unwrap_or_default();
    assert!(
        note.contains("HTML character references") && note.contains("&nbsp;, on line 3"),
        "{note}"
    );
    let doc = read("乙市.txt", txt.as_bytes());
    let heads: Vec<u32> = doc.articles.iter().map(|a| a.number).collect();
    assert_eq!(heads, [1, 2, 3]);
    assert!(
        doc.articles[2].text.ends_with("施行。&"),
        "{}",
        doc.articles[2].text
    );
    let page = "<html><body><h1>乙市法律援助条例</h1><p>第一章 总则</p>\
                <p>第一条 经济困难的公民，可以向法律援助机构申请<br>法律援助。法律援助机构应当在五个工作日<br>内作出决定：\
                <br>（一）申请人的情况；<br>（二）案件的情况。</p><p>第二条 本条例自公布之日起施行。</p></body></html>";
    let doc = read("乙市.html", page.as_bytes());
    assert_eq!(doc.articles.len(), 2);
    assert_eq!(
        doc.articles[0].paragraphs[0].text,
        "经济困难的公民，可以向法律援助机构申请法律援助。法律援助机构应当在五个工作日内作出决定："
    );
    assert_eq!(
        doc.articles[0].paragraphs.len(),
        3,
        "{:?}",
        doc.articles[0].paragraphs
    );
    assert_eq!(doc.chapters.len(), 1);
}

/// A 修改前后对照表 (a table setting each article beside its new wording) is not read as a
/// regulation of interleaved duplicates: one warning says what it is and how to compare editions.
#[test]
fn a_comparison_table_is_said_to_be_one() {
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
    let row = |a: &str, b: &str| format!("<w:tr>{}{}</w:tr>", cell(a), cell(b));
    let body = format!(
        "{}<w:tbl>{}{}{}{}</w:tbl>",
        p("某某市献血条例修改前后对照表", None, None),
        row("现行条文", "修改后条文"),
        row(
            "第一条 为了保证用血，制定本条例。",
            "第一条 为了保证临床用血，制定本条例。"
        ),
        row(
            "第二条 献血者每次献血二百毫升。",
            "第二条 献血者每次献血二百至四百毫升。"
        ),
        row(
            "第三条 本条例自2010年1月1日起施行。",
            "第三条 本条例自2025年1月1日起施行。"
        ),
    );
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("对照表.docx"), docx(&body, "", "")).expect("written");
    std::fs::write(
        dir.path().join("ok.txt"),
        "某某市献血条例\n第一条 为了保证用血，制定本条例。\n",
    )
    .expect("written");
    let corpus = guize::corpus::Corpus::load(dir.path()).expect("loads");
    assert_eq!(corpus.docs.len(), 1);
    let about: Vec<&str> = corpus
        .load_warnings
        .iter()
        .filter(|w| w.path.ends_with("对照表.docx"))
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(about.len(), 1, "{about:?}");
    assert!(about[0].contains("guize versions"), "{about:?}");
    assert!(about[0].contains("skipped"), "{about:?}");
}

/// review33 #12: a .docx whose document part is XML but not WordprocessingML (a web page) and one
/// saved empty are each said as what they are, not as "no article found"; the corpus loads the
/// rest.
#[test]
fn a_docx_without_a_word_body_or_without_text_says_which() {
    let dir = tempfile::tempdir().expect("temp dir");
    let web = {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).expect("entry");
        zip.write_all("<html><body><p>第一条 这是一条。</p></body></html>".as_bytes())
            .expect("written");
        zip.finish().expect("zip");
        buf.into_inner()
    };
    std::fs::write(dir.path().join("web.docx"), web).expect("written");
    std::fs::write(dir.path().join("empty.docx"), docx("", "", "")).expect("written");
    std::fs::write(
        dir.path().join("ok.txt"),
        "某某市献血条例\n第一条 为了保证用血，制定本条例。\n",
    )
    .expect("written");
    let corpus = guize::corpus::Corpus::load(dir.path()).expect("loads");
    assert_eq!(corpus.docs.len(), 1);
    let about = |file: &str| -> Vec<String> {
        corpus
            .load_warnings
            .iter()
            .filter(|w| w.path.ends_with(file))
            .map(|w| w.message.clone())
            .collect()
    };
    let web = about("web.docx");
    assert_eq!(web.len(), 1, "{web:?}");
    assert!(web[0].contains("not a Word document body"), "{web:?}");
    assert!(web[0].contains("<html>"), "{web:?}");
    let empty = about("empty.docx");
    assert_eq!(empty.len(), 1, "{empty:?}");
    assert!(empty[0].contains("holds no text"), "{empty:?}");
    for w in web.iter().chain(&empty) {
        assert!(!w.contains("no article found"), "{w}");
    }
}

/// A file with no article gets one warning (no title guessed for a file that is skipped).
#[test]
fn a_skipped_file_gets_one_warning() {
    let doc = read(
        "通知.txt",
        "某某市卫生健康委员会\n关于做好献血工作的通知如下".as_bytes(),
    );
    assert!(doc.articles.is_empty());
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
}

/// A government page: the site's name in `<title>`, the regulation's name in an element just
/// before the text block, the 文号 and dates in a 信息公开 table.
fn page(name_markup: &str) -> String {
    format!(
        r#"<html><head><meta charset="utf-8"><title>某某市卫生健康委员会</title></head><body>
        <div class="top">某某市卫生健康委员会 欢迎您！</div>
        <div class="left"><a href="/1">某某市无偿献血管理规定</a><a href="/2">某某市献血条例</a></div>
        <table class="xxgk"><tr><td>索引号：</td><td>11370100/2023-00123</td><td>发布机构：</td><td>某某市人民政府</td></tr>
        <tr><td>成文日期：</td><td>2023-05-20</td><td>发布日期：</td><td>2023年06月01日</td><td>文　号：</td><td>某政令〔2023〕3号</td></tr></table>
        <div class="article">{name_markup}
        <div class="content">&emsp;&emsp;<strong>第一条</strong>&emsp;为了表彰献血者，制定本办法。<br>
        &emsp;&emsp;<strong>第二条</strong>&emsp;献血累计达到四千毫升的，给予奖励。<br>
        &emsp;&emsp;<strong>第三条</strong>&emsp;本办法自发布之日起施行。</div></div>
        <div class="pager"><a href="/a/1.html">上一篇：某某市无偿献血管理规定</a></div>
        <div class="foot">Copyright 某某市卫生健康委员会</div></body></html>"#
    )
}

#[test]
fn a_pages_name_beside_its_text_and_its_information_table_are_read() {
    for markup in [
        r#"<div class="tit">某某市献血奖励办法</div>"#,
        "<h2>某某市献血奖励办法</h2>",
        "<h3>某某市献血奖励办法</h3>",
        "<p>某某市献血奖励办法</p>",
        r#"<table><tr><td class="title">某某市献血奖励办法</td></tr></table>"#,
    ] {
        let doc = read("page.html", page(markup).as_bytes());
        assert_eq!(doc.meta.title, "某某市献血奖励办法", "{markup}");
        assert_eq!(doc.articles.len(), 3, "{markup}");
        assert_eq!(doc.meta.doc_number.as_deref(), Some("某政令〔2023〕3号"));
        assert_eq!(doc.meta.issued.as_deref(), Some("2023-05-20"));
        assert!(doc.warnings.is_empty(), "{markup}: {:?}", doc.warnings);
    }
    // With no name beside the text, the site's name is still only a guess, said in a warning;
    // the names in the link lists are not taken.
    let doc = read("page.html", page("").as_bytes());
    assert_eq!(doc.meta.title, "某某市卫生健康委员会");
    assert!(!doc.warnings.is_empty());
}
