//! `guize versions OLD NEW`: two editions of one regulation article by article (修改前后对照表),
//! for the terminal, Markdown, HTML, Word or JSON.

use super::Ctx;
use super::output::{OutputKind, write_output};
use crate::corpus::doc_id;
use crate::model::{DocMeta, Regulation};
use crate::parse::{Source, SourceKind, parse};
use crate::render::versions as render;
use crate::versions;
use anyhow::{Context as _, Result, bail};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum VersionsFormat {
    Terminal,
    Markdown,
    Html,
    /// A Word document with the 对照表 as one three-column table.
    Docx,
    Json,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "OLD and NEW are files (.txt, .md, .docx, .pdf, .html) or ids of corpus documents.

Examples (the 立法法 pair is in the source checkout's tests/data/editions):
  guize versions old.txt new.txt
  guize versions lifafa-2015.md lifafa-2023.md --changed-only
  guize versions old.md new.md --format docx -o 对照表.docx
  guize versions old.md new.md --format json | jq '.summary'"
)]
pub struct Args {
    /// The earlier edition: a file or a corpus document id.
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The later edition (or a draft): a file or a corpus document id.
    #[arg(value_name = "NEW")]
    pub new: String,
    /// Fold unchanged articles (renumbered ones too) into one line per run.
    #[arg(long)]
    pub changed_only: bool,
    /// Output format [default: from the extension of -o FILE (.md, .html, .json, .docx), else
    /// terminal].
    #[arg(long, value_enum)]
    pub format: Option<VersionsFormat>,
    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace -o FILE even when it is a document of the corpus or a file this command reads
    /// (refused otherwise, unless guize wrote it).
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    if args.old == STDIN && args.new == STDIN {
        bail!(
            "OLD and NEW are both `-`: standard input holds one edition; give the other as a file or a corpus document"
        );
    }
    let old = edition(ctx, &args.old)?;
    let new = edition(ctx, &args.new)?;
    let inputs = [old.path.as_path(), new.path.as_path()];
    super::output::refuse_overwriting_sources(ctx, args.output.as_deref(), &inputs, args.force)?;
    let cmp = versions::compare(&old, &new);
    if let Some(why) = unrelated(&cmp.summary(), &old.meta.title, &new.meta.title) {
        super::output::note(format_args!("warning: {why}"));
    } else if let Some(why) = other_title(&old.meta.title, &new.meta.title) {
        super::output::note(format_args!("warning: {why}"));
    }
    use super::output::Format;
    let writes = super::output::COMPARISON_FORMATS;
    let given = args.format.map(|f| match f {
        VersionsFormat::Terminal => Format::Terminal,
        VersionsFormat::Markdown => Format::Markdown,
        VersionsFormat::Html => Format::Html,
        VersionsFormat::Json => Format::Json,
        VersionsFormat::Docx => Format::Docx,
    });
    let format = match Format::chosen(args.json, given, args.output.as_deref(), &writes)? {
        Some(Format::Json) => render::Format::Json,
        Some(Format::Markdown) => render::Format::Markdown,
        Some(Format::Html) => render::Format::Html,
        Some(Format::Docx) => render::Format::Docx,
        _ => render::Format::Terminal { color: ctx.color },
    };
    if format == render::Format::Docx {
        super::output::check_binary_target(Format::Docx, args.output.as_deref())?;
    }
    let kind = match format {
        render::Format::Json => OutputKind::Json,
        render::Format::Docx => OutputKind::Binary,
        render::Format::Terminal { color } => OutputKind::Text { colors: color },
        render::Format::Markdown | render::Format::Html => OutputKind::Text { colors: false },
    };
    write_output(args.output.as_deref(), kind, |out| {
        render::write(out, &cmp, format, args.changed_only)
    })?;
    super::output::note_written(
        args.output.as_deref(),
        "a table of changes between two editions",
    );
    Ok(())
}

/// Why OLD and NEW look like two different regulations rather than two editions of one, or
/// `None`: fewer than a fifth of the articles of the longer one have a counterpart, or the titles
/// differ and fewer than half have one. A 对照表 of unrelated texts is all 删除 and 新增.
fn unrelated(s: &versions::Summary, old_title: &str, new_title: &str) -> Option<String> {
    let longer = s.old_articles.max(s.new_articles);
    if longer == 0 {
        return None;
    }
    let paired = s.old_articles.saturating_sub(s.deleted);
    let share = paired as f64 / longer as f64;
    let titles_differ = !old_title.is_empty() && !new_title.is_empty() && old_title != new_title;
    let titles = if titles_differ {
        format!("the titles differ ({old_title} / {new_title}) and ")
    } else {
        String::new()
    };
    (share < 0.2 || (titles_differ && share < 0.5)).then(|| {
        format!(
            "{titles}only {paired} of {longer} articles have a counterpart: these look like two \
             different regulations, not two editions of one"
        )
    })
}

/// Why OLD and NEW, whose articles mostly pair, are still two regulations rather than two
/// editions of one, or `None`: their titles differ beyond what marks an edition or a draft
/// (（草案）, 征求意见稿, 2021年修订, a date). Two cities' 供热条例 pair article by article, but
/// what a user wants of them is `guize compare`, not a 修改前后对照表.
fn other_title(old_title: &str, new_title: &str) -> Option<String> {
    let (a, b) = (regulation_name(old_title), regulation_name(new_title));
    (!a.is_empty() && !b.is_empty() && a != b).then(|| {
        format!(
            "the titles differ ({old_title} / {new_title}): these look like two different \
             regulations, not two editions of one; `guize compare` lines up several regulations"
        )
    })
}

/// A title without what marks one edition or draft of it: bracketed notes (（草案）,
/// （2021年修订）, (2021-12-03)), the words 草案, 修订草案, 征求意见稿, 送审稿, 修正案, and years,
/// dates and spaces.
fn regulation_name(title: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in title.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 || c.is_whitespace() => {}
            _ => out.push(c),
        }
    }
    // The edition marks, then an amendment's bare 修订 and 修正.
    for mark in crate::text::name::EDITION_MARKS
        .into_iter()
        .chain(["修订", "修正"])
    {
        out = out.replace(mark, "");
    }
    // Years and dates (2021年, 2021-12-03).
    let kept: String = out
        .chars()
        .filter(|c| !c.is_ascii_digit() && !"０１２３４５６７８９-－年月日".contains(*c))
        .collect();
    kept
}

/// What names standard input in place of OLD or NEW, as for `guize precedent -`.
const STDIN: &str = "-";

/// Standard input when `arg` is `-`, a file when it names one, else a corpus document.
fn edition(ctx: &Ctx, arg: &str) -> Result<Regulation> {
    if arg == STDIN {
        let Some(bytes) = super::output::stdin_bytes("an edition")? else {
            bail!(
                "standard input held no edition: pipe one in (`cat new.md | guize versions old.md -`)"
            );
        };
        // Read by its content (a .docx or PDF piped in too), as `precedent -` reads a draft.
        let read = crate::extract::extract_unnamed(&bytes)
            .map_err(|e| anyhow::anyhow!("cannot read standard input: {e}"))?;
        return edition_of(Path::new(STDIN_NAME), read);
    }
    let path = Path::new(arg);
    if path.is_file() {
        return read_file(path);
    }
    if crate::corpus::is_link_loop(path) {
        bail!("{arg}: a symbolic link loop (the link leads back to itself), so no edition to read");
    }
    let corpus = ctx.corpus().with_context(|| {
        format!("'{arg}' is not a file, so it was looked up as a corpus document")
    })?;
    match corpus.doc(arg) {
        Ok(doc) => Ok(doc.clone()),
        // `/dev/null`, a folder: it exists, but is no text to read.
        Err(_) if path.exists() => {
            bail!("{arg}: not a regular file (a folder, device or pipe), so no edition to read")
        }
        // `old.md`, `drafts/new.txt`: meant as a file.
        Err(_) if path.extension().is_some() || arg.contains(['/', '\\']) => {
            bail!("{arg}: no such file (and no corpus document has that id)")
        }
        Err(e) => Err(e.into()),
    }
}

/// How an edition read from standard input is named (its id, and the file its warnings name).
const STDIN_NAME: &str = "(stdin)";

/// Reads and parses one edition from a file.
fn read_file(path: &Path) -> Result<Regulation> {
    let bytes = crate::extract::read_file_capped(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    // An edition may be a .docx, .pdf or web page as well as text: read as the corpus reads it.
    let read = crate::extract::extract(path, &bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    edition_of(path, read)
}

/// Parses one edition, read from `path` (or standard input), saying what its reading noted (a
/// .docx named .doc, a guessed encoding) as the corpus loader does.
fn edition_of(path: &Path, read: crate::extract::Extracted) -> Result<Regulation> {
    if let Some(note) = &read.note {
        super::output::note(format_args!("warning: {}: {note}", path.display()));
    }
    let root = path.parent().unwrap_or(Path::new(""));
    let doc = parse(Source {
        id: doc_id(root, path),
        path,
        text: &read.text,
        kind: SourceKind::of_extracted(path, read.authored),
        meta: DocMeta::default(),
    });
    if doc.articles.is_empty() {
        bail!(
            "{}: no articles found (expected lines opening with 第一条, 第二条 … or 一、二、 …)",
            path.display()
        );
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(old: usize, new: usize, deleted: usize) -> versions::Summary {
        versions::Summary {
            old_articles: old,
            new_articles: new,
            deleted,
            ..versions::Summary::default()
        }
    }

    #[test]
    fn unrelated_regulations_are_told_apart_from_editions() {
        // 台州 市容 against 宁波 大气: 52 and 65 articles, 3 paired.
        let s = summary(52, 65, 49);
        let why = unrelated(
            &s,
            "台州市城市市容和环境卫生管理条例",
            "宁波市大气污染防治条例",
        );
        assert!(why.is_some_and(|w| w.contains("titles differ") && w.contains("3 of 65")));
        // Two editions: most articles paired, same title.
        assert_eq!(unrelated(&summary(83, 94, 6), "北京条例", "北京条例"), None);
        // A thorough revision under the same title still pairs more than a fifth.
        assert_eq!(unrelated(&summary(40, 50, 25), "甲", "甲"), None);
        // Same title, nearly nothing in common.
        assert!(unrelated(&summary(40, 50, 38), "甲", "甲").is_some());
    }

    #[test]
    fn titles_of_editions_and_drafts_name_one_regulation() {
        for (a, b) in [
            ("山东省供热条例", "山东省供热条例（草案）"),
            ("山东省供热条例", "山东省供热条例（征求意见稿）"),
            ("山东省供热条例(2018-09-21)", "山东省供热条例(2021-12-03)"),
            ("中华人民共和国立法法", "中华人民共和国立法法（2023年修正）"),
            ("某市供热条例", "某市供热条例修订草案"),
            ("", "泰安市供热条例"),
        ] {
            assert_eq!(other_title(a, b), None, "{a} / {b}");
        }
        let why = other_title("山东省供热条例", "泰安市供热条例");
        assert!(
            why.is_some_and(|w| w.contains("titles differ") && w.contains("guize compare")),
            "two cities' regulations"
        );
    }
}
