//! `guize articles`: every article of the chosen documents, one a line: NDJSON with `--json`,
//! else `doc  第X条  text`. The JSON wire struct is `render::wire::ArticleJson`, shared with `guize show --json`.
//!
//! # Format
//!
//! One JSON object per line:
//! `{"doc": "lixia", "district": "历下区", "title": "…", "chapter": {"number": 8, "title": "完善会议制度"},
//! "section": null, "article": 39, "sub": 0, "label": "第三十九条", "citation": "…",
//! "paragraphs": ["…"], "items": [[…]], "text": "…", "norm": "…", "lines": [80, 82], "span": [1234, 1500]}`

use super::Ctx;
use super::output::{Out, OutputKind};
use crate::render;
use crate::render::wire::{ArticleJson, write_json};
use anyhow::Result;
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

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let docs = ctx.docs(&args.docs)?;
    let mut out = Out::stdout(OutputKind::of(args.json, ctx));
    for doc in docs {
        for a in &doc.articles {
            if args.json {
                write_json(&mut out, &ArticleJson::new(doc, a))?;
            } else {
                render::show::write_article_line(&mut out, doc, a)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
