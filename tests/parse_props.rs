//! Property tests of the parser: it never panics, its spans fall on char boundaries, are ordered
//! and cite the article's own lines; Chinese numerals round-trip.

use guize::model::{DocId, DocMeta};
use guize::parse::{Source, SourceKind, parse};
use guize::text::fold::norm;
use guize::text::numeral::{parse_number, to_chinese};
use proptest::prelude::*;
use std::path::Path;

/// Lines that look like regulation text, debris and noise, in any order.
fn regulation_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        (1u32..130).prop_map(|n| format!("第{}条 区政府{}。", to_chinese(n), to_chinese(n))),
        (1u32..20).prop_map(|n| format!("第{}章  总  则", to_chinese(n))),
        (1u32..9).prop_map(|n| format!("### 第{}节 规定", to_chinese(n))),
        (1u32..99).prop_map(|n| format!("{}、区政府工作", to_chinese(n))),
        (1u32..12).prop_map(|n| format!("（{}）事项；", to_chinese(n))),
        Just("- 12 -".to_string()),
        Just("————————".to_string()),
        Just("抄送：区委办公室。".to_string()),
        Just("<!-- INFO END -->".to_string()),
        Just(String::new()),
        "[\\PC]{0,30}",
        "[第条章节一二三十百、（）。 \u{3000}\t]{0,12}",
    ];
    prop::collection::vec(line, 0..40).prop_map(|lines| lines.join("\n"))
}

fn check(text: &str, kind: SourceKind) {
    let r = parse(Source {
        id: DocId::from("p"),
        path: Path::new("p.txt"),
        text,
        kind,
        meta: DocMeta::default(),
    });
    let mut prev_end = 0;
    for a in &r.articles {
        assert!(text.is_char_boundary(a.span.start) && text.is_char_boundary(a.span.end));
        assert!(a.span.start <= a.span.end && a.span.end <= text.len());
        assert!(a.span.start >= prev_end, "spans overlap");
        prev_end = a.span.end;
        assert!(a.lines.0 <= a.lines.1);
        // U+2028, U+2029 and U+0085 end a line as \n does.
        let first_line = text[..a.span.start]
            .matches(['\n', '\u{2028}', '\u{2029}', '\u{85}'])
            .count()
            + 1;
        assert_eq!(first_line, a.lines.0);
        // Every paragraph's characters come from the article's span, in order.
        let source = &text[a.span.start..a.span.end];
        let mut rest = source;
        for c in a.text.chars().filter(|c| !c.is_whitespace()) {
            let at = rest.find(c).expect("text char comes from the span");
            rest = &rest[at + c.len_utf8()..];
        }
    }
    for c in &r.chapters {
        assert!(c.articles.end <= r.articles.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,400}") {
        check(&text, SourceKind::Text);
        check(&text, SourceKind::Markdown);
    }

    #[test]
    fn spans_hold_on_regulation_like_text(text in regulation_like()) {
        check(&text, SourceKind::Text);
        check(&text, SourceKind::Markdown);
    }

    #[test]
    fn numerals_round_trip(n in 0u32..100_000_000) {
        prop_assert_eq!(parse_number(&to_chinese(n)), Some(n));
    }

    #[test]
    fn norm_is_idempotent(text in "[\\PC ]{0,80}") {
        let once = norm(&text);
        prop_assert_eq!(norm(&once), once.clone());
    }
}
