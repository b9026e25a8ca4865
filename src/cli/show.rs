//! `guize show DOC [ARTICLE]`: a document's outline (chapters with their article ranges) or one
//! article with its full citation. DOC by id or alias; ARTICLE as 39, 第三十九条 or 三十九; or one
//! reference for both (`lixia:39`, a pasted citation).

use super::Ctx;
use super::output::{Out, OutputKind};
use crate::lookup;
use crate::render;
use crate::render::wire::{ArticleJson, OutlineJson, write_json};
use anyhow::Result;
use std::io::Write;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  guize show lixia\n  guize show 历下 39\n  guize show lixia:39\n  guize show '历下区 第八章 第三十九条'\n  guize show 市中区 第五十二条\n  guize show yanzhou 四十三 --json"
)]
pub struct Args {
    /// Document id or alias (lixia, 历下, 历下区), or a whole reference (lixia:39, 历下区 第三十九条).
    pub doc: String,
    /// Article: 39, 第三十九条, 三十九 (17之一 for an inserted article).
    pub article: Option<String>,
    /// JSON instead of text: the outline as one object, or the article as in `guize articles --json`.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let corpus = ctx.corpus()?;
    // One argument that is a whole reference (`lixia:39`, `历下区 第八章 第三十九条`) names an
    // article, as it does for `guize compare`.
    let (doc, article) = match (corpus.doc(&args.doc), &args.article) {
        (Ok(doc), Some(q)) => (doc, Some(doc.find_article(q)?)),
        (Ok(doc), None) => (doc, None),
        (Err(e), Some(_)) => return Err(e.into()),
        (Err(e), None) => match lookup::named_article(corpus, &args.doc)? {
            Some((doc, article)) => (doc, Some(article)),
            None => return Err(e.into()),
        },
    };
    let mut out = Out::stdout(OutputKind::of(args.json, ctx));
    match article {
        Some(a) => {
            // The outline lists the document's warnings; an article shown says them on stderr.
            for w in &doc.warnings {
                super::output::note(format_args!("warning: {w}"));
            }
            if args.json {
                write_json(&mut out, &ArticleJson::new(doc, a))?;
            } else {
                render::show::write_article(&mut out, doc, a, ctx.color)?;
            }
        }
        None if args.json => {
            write_json(&mut out, &OutlineJson::new(doc))?;
        }
        None => render::show::write_outline(&mut out, doc, ctx.color)?,
    }
    out.flush()?;
    Ok(())
}
