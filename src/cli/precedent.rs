//! `guize precedent`: a draft clause in, the closest existing articles out, each with its
//! similarity, its clause group and a word diff against the draft, as text or JSON.
//!
//! # JSON format
//! One object: `{"pieces": [{"label": "第一条", "text": "…", "close": true, "chance": 0.21,
//! "hits": [{"doc": "lixia", "district": "历下区", "title": "…", "chapter": {"number": 8,
//! "title": "完善会议制度"}, "section": null, "article": 39, "lines": [120, 124], "citation": "…",
//! "similarity": 0.82, "covered": 0.85, "group": {"id": "…", "label": "…", "members":
//! {"lixia": [39]}}, "passage": null, "segments": [{"op": "equal|insert|delete", "text": "…"}]}]}]}`.
//! `label` is null when the draft has no article markers; `chance` is the similarity articles
//! unrelated to the piece reach by chance in this corpus, and `close` is false when even the best
//! hit is no closer than that; `group` is null when the alignment does not hold the article;
//! `passage` holds the sentences of a long article that match the piece best when the similarity
//! (and the diff) are theirs; `insert` is what only the precedent says, `delete` what only the
//! draft says.

use super::Ctx;
use super::output::{Out, OutputKind};
use crate::align::Alignment;
use crate::corpus::Corpus;
use crate::index::{SearchIndex, cache};
use crate::model::{DocId, Regulation};
use crate::precedent::{Finder, Options, Report};
use crate::render;
use crate::render::wire::{PrecedentJson, write_json};
use anyhow::{Context as _, Result, bail};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Up to this many documents the whole corpus is aligned, so that group ids are those of
/// `guize align`; a larger corpus aligns only the documents the precedents come from.
const ALIGN_ALL_MAX_DOCS: usize = 50;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  guize precedent '区政府常务会议一般每月召开一次，由区长召集和主持'\n  \
guize precedent --file draft.txt --exclude-doc lixia\n  xclip -o -sel c | guize precedent - --json   # clipboard (macOS: pbpaste)\n\n\
A draft with article markers (第一条 …) is cut at them into pieces, each with its own precedents; \
so is a draft whose sentences find different articles (常务会议…。请假…。), cut where they part \
(a sentence under 20 characters stays with the one before; a draft over 600 characters is cut \
by paragraph first). The similarity is the share of meaning-bearing wording (words and character pairs, \
weighted so that rare words count more than 区政府 or 要) that the draft and the precedent share \
(for an article much longer than the draft, 0.85 times that of its closest passage, shown between \
ellipses, if higher); \
'covers' is the share of the draft's words found in the precedent. In the diff, {+…+} is what only \
the precedent says and [-…-] what only the draft says."
)]
pub struct Args {
    /// The draft; `-` reads standard input (also the default when stdin is not a terminal).
    #[arg(value_name = "TEXT", allow_hyphen_values = true)]
    pub text: Option<String>,
    /// Read the draft from a file (UTF-8 or GB18030, .docx, .pdf or .html); `-` is standard input.
    #[arg(long, value_name = "F")]
    pub file: Option<PathBuf>,
    /// Precedents per piece of the draft.
    #[arg(long, default_value_t = 5, value_parser = parse_limit, allow_negative_numbers = true)]
    pub limit: u16,
    /// Only these documents (id, alias or district); repeatable.
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// Leave out these documents (the drafter's own, say); repeatable.
    #[arg(long = "exclude-doc", value_name = "ID")]
    pub exclude: Vec<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let (draft, authored) = read_draft(&args)?;
    let index = super::index::fresh_index(ctx)?;
    say_if_a_reference(ctx, &draft);
    let opts = Options {
        limit: usize::from(args.limit),
        // Each name through the one document lookup (ambiguous names are said as such).
        docs: crate::corpus::names::ids(&index.meta().docs, &args.docs)?,
        exclude: crate::corpus::names::ids(&index.meta().docs, &args.exclude)?,
        max_chars: index.meta().docs.iter().map(|d| d.chars).max(),
        authored,
    };
    let finder = Finder::new(&index)?;
    let mut report = finder.find(&draft, &opts)?;
    report.attach_groups(&groups(ctx, &index, &report)?);
    as_written(ctx, &index, &mut report)?;
    let mut out = Out::stdout(OutputKind::of(args.json, ctx));
    if args.json {
        write_json(&mut out, &PrecedentJson::new(&report))?;
    } else {
        render::precedent::write_text(&mut out, &report, &index.meta().docs, ctx.color)?;
    }
    out.flush()?;
    Ok(())
}

/// A draft that is one reference to an article of the corpus (`历下区 第三十九条`, pasted from a
/// citation) holds no wording to find precedents for: its precedents are its clause group, and a
/// note says how to see them. The draft is still compared as written.
fn say_if_a_reference(ctx: &Ctx, draft: &str) {
    // A reference is short; a draft of several sentences is wording whatever it cites.
    if draft.chars().count() > 60 || !crate::lookup::could_cite(draft) {
        return;
    }
    let Ok(corpus) = ctx.corpus() else {
        return;
    };
    if let Ok(Some((doc, article))) = crate::lookup::named_article(corpus, draft) {
        super::output::note(format_args!(
            "the draft names {} {} rather than giving wording; its counterparts side by side: \
             guize compare {}:{}",
            doc.meta.display_name(),
            article.label(),
            doc.id,
            article.key()
        ));
    }
}

/// The draft from the argument, `--file`, or standard input, and whether its line ends are its
/// author's paragraph ends (a .docx).
fn read_draft(args: &Args) -> Result<(String, bool)> {
    // Checked here rather than by clap, whose message would show TEXT as required (`<TEXT>`).
    if let (Some(_), Some(path)) = (&args.text, &args.file) {
        bail!(
            "give the draft once: as TEXT or with --file {}, not both",
            path.display()
        );
    }
    // `--file -` is standard input, as `-` is for TEXT.
    if let Some(path) = args.file.as_ref().filter(|p| p.as_os_str() != "-") {
        let bytes = crate::extract::read_file_capped(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        // A draft may be a .docx, .pdf or web page as well as text: read as the corpus reads it.
        let draft = crate::extract::extract(path, &bytes)
            .with_context(|| format!("cannot read {}", path.display()))?;
        return Ok((draft.text, draft.authored));
    }
    match args.text.as_deref() {
        _ if args.file.is_some() => {}
        Some("-") => {}
        Some(text) => return Ok((text.to_string(), false)),
        None if std::io::stdin().is_terminal() => {
            bail!("give a draft: as an argument, `-` for standard input, or --file F")
        }
        None => {}
    }
    let Some(bytes) = super::output::stdin_bytes("the draft")? else {
        bail!(
            "standard input held no draft: pipe a clause in (`echo 草案条文 | guize precedent -`), \
             or give it as an argument or with --file F"
        );
    };
    // A .docx or PDF piped in is read by its content, as an upload to `guize serve` is.
    let draft = crate::extract::extract_unnamed(&bytes)
        .map_err(|e| anyhow::anyhow!("cannot read standard input: {e}"))?;
    Ok((draft.text, draft.authored))
}

/// The precedents as their documents write them ([`Report::as_written`]): the whole corpus for a
/// small one (loaded once, as the alignment may have loaded it already), else only the documents
/// the precedents come from.
fn as_written(ctx: &Ctx, index: &SearchIndex, report: &mut Report) -> Result<()> {
    if ctx.corpus_loaded() || index.meta().docs.len() <= ALIGN_ALL_MAX_DOCS {
        let corpus = ctx.corpus()?;
        report.as_written(|doc, n| text_of(&corpus.docs, doc, n));
        return Ok(());
    }
    let wanted = report.docs();
    let some = Corpus::load_where(&ctx.corpus_dir, |id| wanted.contains(id))?;
    report.as_written(|doc, n| text_of(&some.docs, doc, n));
    Ok(())
}

fn text_of<'d>(
    docs: &'d [Regulation],
    doc: &DocId,
    key: crate::cite::ArticleKey,
) -> Option<&'d str> {
    let reg = docs.iter().find(|d| &d.id == doc)?;
    reg.article_by_key(key).map(|a| a.text.as_str())
}

/// The clause groups the precedents are shown with: the whole corpus's from the cache beside the
/// index; else, for a small corpus, the whole corpus aligned now (and cached); else only the
/// documents the precedents come from, which are the only ones read.
fn groups(ctx: &Ctx, index: &SearchIndex, report: &Report) -> Result<Alignment> {
    if let Some(a) = cache::load_alignment(index) {
        return Ok(a);
    }
    if index.meta().docs.len() <= ALIGN_ALL_MAX_DOCS {
        return super::output::alignment(ctx);
    }
    let wanted = report.docs();
    let some = Corpus::load_where(&ctx.corpus_dir, |id| wanted.contains(id))?;
    let docs: Vec<&Regulation> = wanted
        .iter()
        .filter_map(|id| some.docs.iter().find(|d| &d.id == id))
        .collect();
    Ok(crate::align::align_docs(&docs))
}

/// A `--limit` of precedents per piece: a whole number from 1 to 100.
fn parse_limit(s: &str) -> Result<u16, String> {
    super::search::whole_number(s, 1, 100).map(|n| u16::try_from(n).unwrap_or(100))
}
