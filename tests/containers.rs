//! The same words read the same whatever the file: real lawrefbook regulations read as Markdown,
//! as the .md saved as .txt, and as plain text with the `#` marks stripped give one title, the same
//! chapters and the same articles; a real regulation pasted twice in one file is read once, with a
//! warning naming the line where the second copy starts.

mod shared;

use guize::model::{DocMeta, Regulation};
use guize::parse::{Source, SourceKind, parse};
use std::path::Path;

fn read(text: &str, kind: SourceKind, name: &str) -> Regulation {
    parse(Source {
        id: "x".into(),
        path: Path::new(name),
        text,
        kind,
        meta: DocMeta::default(),
    })
}

#[test]
fn lawrefbook_reads_the_same_as_txt() {
    let zhejiang = "corpora/lawrefbook/DLC/浙江地方法规/地方性法规/浙江";
    for (file, title) in [
        ("台州市物业管理条例(2021-04-06).md", "台州市物业管理条例"),
        ("湖州市物业管理条例(2021-04-06).md", "湖州市物业管理条例"),
        ("杭州市物业管理条例(2021-08-09).md", "杭州市物业管理条例"),
    ] {
        let path = shared::path(&format!("{zhejiang}/{file}"));
        let md = std::fs::read_to_string(&path).expect("lawrefbook file");
        let stripped: String = md
            .lines()
            .map(|l| l.trim_start_matches('#').trim_start())
            .collect::<Vec<_>>()
            .join("\n");
        let reference = read(&md, SourceKind::Markdown, "x.md");
        assert_eq!(reference.meta.title, title);
        assert!(reference.chapters.len() > 3, "{file}");
        for (text, how) in [(md.as_str(), "the .md as .txt"), (&stripped, "# stripped")] {
            let r = read(text, SourceKind::Text, "x.txt");
            assert_eq!(r.meta.title, title, "{file}, {how}");
            let chapters = |r: &Regulation| -> Vec<(u32, String)> {
                r.chapters
                    .iter()
                    .map(|c| (c.number, c.title.clone()))
                    .collect()
            };
            assert_eq!(chapters(&r), chapters(&reference), "{file}, {how}");
            assert_eq!(r.articles.len(), reference.articles.len(), "{file}, {how}");
            for (a, b) in r.articles.iter().zip(&reference.articles) {
                assert_eq!((a.number, &a.text), (b.number, &b.text), "{file}, {how}");
            }
        }
    }
}

#[test]
fn a_file_holding_the_regulation_twice_is_read_once_with_a_warning() {
    let one =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/shizhong.txt"))
            .expect("seed");
    let reference = read(&one, SourceKind::Text, "shizhong.txt");
    let lines = one.lines().count();
    // (texts compared for the first file only: without a trailer, the second copy's notice lines
    // before its 第一章 still join the last article, which can change the detected wrap width.)
    for (same_text, twice) in [
        (true, format!("{one}\n{one}")),
        (false, {
            // Without the distribution trailer: the numbering starting again is what shows it.
            let body: String = one
                .lines()
                .take_while(|l| !l.trim_start().starts_with("抄送"))
                .collect::<Vec<_>>()
                .join("\n");
            format!("{body}\n{body}")
        }),
    ] {
        let r = read(&twice, SourceKind::Text, "twice.txt");
        assert_eq!(r.articles.len(), reference.articles.len());
        assert_eq!(r.chapters.len(), reference.chapters.len());
        for (a, b) in r.articles.iter().zip(&reference.articles) {
            assert_eq!(a.number, b.number);
            if same_text {
                assert_eq!(a.text, b.text);
            }
        }
        let new: Vec<_> = r
            .warnings
            .iter()
            .filter(|w| !reference.warnings.iter().any(|o| o.message == w.message))
            .collect();
        assert_eq!(new.len(), 1, "{new:?}");
        // After the trailer (a warning at the trailer) or where 第一条 starts again.
        assert!(
            new[0].line > lines / 2 && new[0].message.contains("a second"),
            "{new:?}"
        );
    }
}
