//! `guize segment`: shows how guize cuts a text into words, so a user can see why a query matches.

use super::Ctx;
use super::output::{Out, OutputKind};
use crate::render::segment as render;
use crate::segment::Segmenter;
use anyhow::{Context as _, Result, bail};
use std::io::Write;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  guize segment 区政府常务会议一般每两周召开1次\n  \
guize segment --search 严格执行请销假制度\n  echo 放管服改革 | guize segment - --json"
)]
pub struct Args {
    /// Text to segment; `-` or nothing reads standard input.
    pub text: Option<String>,
    /// Also show the sub-words the index stores inside compounds (会议 in 区长办公会议).
    #[arg(long)]
    pub search: bool,
    /// Print JSON with byte offsets instead of words separated by spaces.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let text = match args.text.as_deref() {
        None | Some("-") => {
            let bytes = crate::extract::read_capped(std::io::stdin().lock())
                .context("cannot read standard input")?;
            String::from_utf8(bytes).context("cannot read standard input as UTF-8")?
        }
        Some(t) => t.to_string(),
    };
    if text.trim().is_empty() {
        bail!("nothing to segment: the text is empty");
    }
    let seg = Segmenter::global();
    let mut out = Out::stdout(OutputKind::of(args.json, ctx));
    if args.search {
        let mut terms = Vec::new();
        for line in text.lines() {
            seg.search_terms(line, &mut terms);
            render::write_terms(&mut out, line, &terms)?;
        }
    } else if args.json {
        render::write_tokens_json(&mut out, &seg.tokens(&text))?;
    } else {
        for line in text.lines() {
            render::write_words(&mut out, &seg.tokens(line))?;
        }
    }
    out.flush()?;
    Ok(())
}
