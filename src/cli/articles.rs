//! `guize articles`: every article of the chosen documents, one a line: NDJSON with `--json`,
//! else `doc  第X条  text`. The JSON wire struct lives here and is shared with `guize show --json`.
//!
//! # Format
//!
//! One JSON object per line:
//! `{"doc": "lixia", "district": "历下区", "title": "…", "chapter": {"number": 8, "title": "完善会议制度"},
//! "section": null, "article": 39, "sub": 0, "label": "第三十九条", "citation": "…",
//! "paragraphs": ["…"], "items": [[…]], "text": "…", "norm": "…", "lines": [80, 82], "span": [1234, 1500]}`

use super::Ctx;
use super::output::{Kind, Out};
use crate::model::{Article, Regulation};
use anyhow::Result;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  guize articles --json\n  guize articles --doc lixia --doc 市中 --json | jq -r .text\n  guize articles --doc 历下"
)]
pub struct Args {
    /// Only these documents (id or alias); repeat for several. Default: all.
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// NDJSON: one JSON object per article and line.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
pub(crate) struct ChapterJson<'a> {
    pub number: u32,
    pub title: &'a str,
}

/// One article on the wire; see the module's `# Format`.
#[derive(Serialize)]
pub(crate) struct ArticleJson<'a> {
    pub doc: &'a str,
    pub district: &'a str,
    pub title: &'a str,
    pub chapter: ChapterJson<'a>,
    pub section: Option<ChapterJson<'a>>,
    pub article: u32,
    pub sub: u32,
    pub label: String,
    pub citation: String,
    pub paragraphs: Vec<&'a str>,
    /// Per paragraph, the texts of its items (empty for most paragraphs).
    pub items: Vec<Vec<&'a str>>,
    pub text: &'a str,
    pub norm: &'a str,
    pub lines: [usize; 2],
    pub span: [usize; 2],
}

impl<'a> ArticleJson<'a> {
    pub fn new(doc: &'a Regulation, a: &'a Article) -> Self {
        ArticleJson {
            doc: doc.id.as_str(),
            district: &doc.meta.district,
            title: &doc.meta.title,
            chapter: ChapterJson {
                number: a.chapter.number,
                title: &a.chapter.title,
            },
            section: a.section.as_ref().map(|s| ChapterJson {
                number: s.number,
                title: &s.title,
            }),
            article: a.number,
            sub: a.sub,
            label: a.label(),
            citation: doc.citation(a),
            paragraphs: a.paragraphs.iter().map(|p| p.text.as_str()).collect(),
            items: a
                .paragraphs
                .iter()
                .map(|p| p.items.iter().map(|i| i.text.as_str()).collect())
                .collect(),
            text: &a.text,
            norm: &a.norm,
            lines: [a.lines.0, a.lines.1],
            span: [a.span.start, a.span.end],
        }
    }
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let docs = ctx.docs(&args.docs)?;
    let mut out = Out::stdout(Kind::of(args.json, ctx));
    for doc in docs {
        for a in &doc.articles {
            if args.json {
                serde_json::to_writer(&mut out, &ArticleJson::new(doc, a))?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{}  {}  {}",
                    doc.id,
                    a.label(),
                    a.text.replace('\n', " ")
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
