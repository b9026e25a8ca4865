//! A fixed five-document fixture for rendering tests: real wording of the five regulations for two
//! clause groups, plus a provision only one document has. Independent of parser and alignment, so
//! golden files change only when the diff or a renderer changes.

#![allow(dead_code)]

use guize::align::{Alignment, Group};
use guize::model::{
    Article, ArticleStyle, ChapterRef, DocId, DocMeta, Paragraph, Regulation, Span,
};
use std::collections::BTreeMap;

/// (article number, chapter number, chapter title, text)
type Art<'a> = (u32, u32, &'a str, &'a str);

pub fn regulation(id: &str, district: &str, articles: &[Art]) -> Regulation {
    let arts = articles
        .iter()
        .enumerate()
        .map(|(i, (number, chapter, title, text))| Article {
            number: *number,
            sub: 0,
            chapter: ChapterRef {
                numerals: Default::default(),
                number: *chapter,
                title: title.to_string(),
                parts: Vec::new(),
            },
            section: None,
            paragraphs: text
                .split('\n')
                .map(|p| Paragraph {
                    text: p.to_string(),
                    items: vec![],
                })
                .collect(),
            text: text.to_string(),
            norm: text.to_string(),
            lines: (10 + i * 2, 11 + i * 2),
            span: Span { start: 0, end: 0 },
            style: ArticleStyle::Articles,
            form: Default::default(),
        })
        .collect();
    Regulation {
        id: DocId::from(id),
        meta: DocMeta {
            title: format!("{district}人民政府工作规则"),
            district: district.to_string(),
            aliases: vec![id.to_string(), district.to_string()],
            ..DocMeta::default()
        },
        path: format!("{id}.txt").into(),
        style: ArticleStyle::Articles,
        chapters: vec![],
        articles: arts,
        warnings: vec![],
        chars: 0,
    }
}

pub fn group(id: &str, label: &str, members: &[(&str, &[u32])]) -> Group {
    Group {
        id: id.to_string(),
        label: label.to_string(),
        score: 0.8,
        members: members
            .iter()
            .map(|(d, ns)| (DocId::from(*d), ns.to_vec()))
            .collect::<BTreeMap<_, _>>(),
        subs: BTreeMap::new(),
        occurrences: BTreeMap::new(),
        links: Vec::new(),
        partial: Vec::new(),
        parts: Vec::new(),
        deleted: false,
    }
}

const MEETINGS: &str = "会议制度";

pub fn five() -> (Vec<Regulation>, Alignment) {
    let docs = vec![
        regulation(
            "lixia",
            "历下区",
            &[
                (
                    39,
                    8,
                    "完善会议制度",
                    "区政府常务会议一般每两周召开1次，遇有重要情况可随时召开，必要时安排区有关部门（单位）、街道办事处主要负责人以及区政府法律顾问或邀请有关人员列席。",
                ),
                (
                    44,
                    8,
                    "完善会议制度",
                    "区领导同志不能出席区政府全体会议、区政府常务会议、区长办公会议和区长召开的区政府专题会议时，应向区长请假，对会议议题的意见和建议可在会前提出；其他与会人员或列席人员请假的，由区政府办公室汇总后向区长报告，未经同意不得缺席或由他人代替参加。",
                ),
                (
                    45,
                    8,
                    "完善会议制度",
                    "区政府全体会议和区政府常务会议讨论通过决定印发的文件，原则上须在会议结束后5个工作日内印发。",
                ),
            ],
        ),
        regulation(
            "shizhong",
            "市中区",
            &[
                (
                    52,
                    7,
                    MEETINGS,
                    "区政府常务会议原则上每月召开2次，遇有重要情况可以随时召开，可安排区政府办公室有关副主任和有关部门、单位主要负责同志列席。",
                ),
                (
                    58,
                    7,
                    MEETINGS,
                    "区政府领导不能出席区政府全体会议、区政府常务会议和区长办公会议，应向区长请假；区政府全体会议其他与会人员和区政府常务会议、区长办公会议列席人员请假，由区政府办公室汇总后向区长报告，未经同意不得缺席或由他人代替参加。",
                ),
            ],
        ),
        regulation(
            "yanzhou",
            "兖州区",
            &[
                (
                    43,
                    7,
                    MEETINGS,
                    "区政府常务会议原则上每月召开1次，遇有重要情况和急需研究的重要事项可以随时召开。",
                ),
                (
                    49,
                    7,
                    MEETINGS,
                    "区政府领导同志不能出席区政府全体会议、常务会议和区长办公会议，须向区长请假；区政府全体会议其他与会人员或区政府常务会议、区长办公会议列席人员请假，由区政府办公室汇总后向区长报告。",
                ),
            ],
        ),
        regulation(
            "zhoucun",
            "周村区",
            &[
                (
                    49,
                    7,
                    MEETINGS,
                    "区政府常务会议一般每两周召开1次，遇有重要情况和急需研究的重要事项可以随时召开。",
                ),
                (
                    55,
                    7,
                    MEETINGS,
                    "区政府领导同志和有关部门负责同志应按时参加区政府全体会议、常务会议和区长办公会议。区政府领导同志不能出席区政府全体会议、常务会议和区长办公会议，须向区长请假并告知区政府办公室；\n区政府全体会议其他与会人员或区政府常务会议、区长办公会议列席人员确因特殊情况不能列席的，须事先向区政府办公室主任请假，并同时向区政府办公室写出书面请假报告，汇总后向区长报告。",
                ),
            ],
        ),
        regulation(
            "huancui",
            "环翠区",
            &[
                (
                    43,
                    6,
                    "会议制度",
                    "区政府常务会议根据需要可安排各镇政府、街道办事处，区政府有关部门主要负责人列席，一般每2周召开1次。",
                ),
                (
                    51,
                    6,
                    "会议制度",
                    "区政府领导因故不能出席区政府全体会议、区政府常务会议、区长办公会议，要向会议主持人请假；区政府全体会议其他与会人员、区政府常务会议或区长办公会议列席人员请假，由区政府办公室汇总后向会议主持人报告。",
                ),
            ],
        ),
    ];
    let alignment = Alignment {
        kinds: Vec::new(),
        groups: vec![
            group(
                "g-freq",
                "常务会议·召开·频次",
                &[
                    ("lixia", &[39]),
                    ("shizhong", &[52]),
                    ("yanzhou", &[43]),
                    ("zhoucun", &[49]),
                    ("huancui", &[43]),
                ],
            ),
            group(
                "g-leave",
                "请假·出席·会议",
                &[
                    ("lixia", &[44]),
                    ("shizhong", &[58]),
                    ("yanzhou", &[49]),
                    ("zhoucun", &[55]),
                    ("huancui", &[51]),
                ],
            ),
            group("g-issue", "会议·文件·印发", &[("lixia", &[45])]),
        ],
    };
    (docs, alignment)
}
