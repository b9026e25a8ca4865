//! A draft as pasted in, clause-sized pieces out: by article markers (第X条, X、) when the draft
//! has them, else by paragraph, with overlong paragraphs cut into groups of sentences.
//! Pure text work: no index, no segmentation.

use crate::model::DocId;
use crate::parse::{self, SourceKind};
use crate::text::chars::{is_wordlike, visible_chars};
use std::path::Path;

/// A draft without article markers up to this many characters is one clause, whatever its
/// paragraphs (an article may have several 款); a longer one is cut by paragraph, and a paragraph
/// longer than this into groups of sentences. The corpus's articles have a median of about 110
/// characters and rarely exceed 600.
const PIECE_MAX: usize = 600;
/// Sentences are packed into groups of about this many characters.
const SENTENCE_GROUP: usize = 300;
/// A paragraph shorter than this (a heading, a stray line) joins the paragraph after it.
const PARAGRAPH_MIN: usize = 12;

/// One clause-sized piece of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The draft's own article label when it has markers (第三条), else None.
    pub label: Option<String>,
    /// The piece's text, normalised like the corpus's articles (widths folded, stray spaces gone):
    /// what is matched.
    pub text: String,
    /// The piece as the draft writes it (`１次`, `提前 3 个工作日`): what is shown. Its
    /// normalised form is `text`.
    pub written: String,
}

impl Piece {
    /// A piece written `written`, matched as its normalised form.
    fn of(label: Option<String>, written: &str) -> Piece {
        let written = written.trim();
        Piece {
            label,
            text: crate::text::fold::norm(written).trim().to_string(),
            written: written.to_string(),
        }
    }
}

/// Cuts `draft` into pieces. Pieces without any character that carries meaning are dropped, so
/// the result is empty for an empty or punctuation-only draft.
pub fn split(draft: &str) -> Vec<Piece> {
    split_as(draft, false)
}

/// [`split`] a draft whose line ends are its author's paragraph ends when `authored` (a .docx):
/// they are never joined as wrapped lines.
pub fn split_as(draft: &str, authored: bool) -> Vec<Piece> {
    let draft = draft.trim_start_matches('\u{feff}');
    let mut pieces = by_articles(draft, authored).unwrap_or_else(|| {
        // Hard-wrapped lines (办公室主任组⏎成) are rejoined as the parser rejoins a document's.
        let text = parse::rejoin_lines(draft, authored);
        if visible_chars(&text) <= PIECE_MAX {
            vec![Piece::of(None, &text)]
        } else {
            by_paragraphs(&text)
        }
    });
    pieces.retain(|p| is_wordlike(&p.text));
    pieces
}

/// The headings (第一条) of the articles the parser finds in `draft`, for a draft whose pieces
/// ([`split_as`]) hold no word: empty when it holds no article either (blank space, punctuation).
pub fn bare_heads(draft: &str, authored: bool) -> Vec<String> {
    let draft = draft.trim_start_matches('\u{feff}');
    by_articles(draft, authored)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.label)
        .collect()
}

/// The articles the parser finds in the draft, when it finds any. Text before the first marker
/// (a title, say) is not a clause and is left out, as the parser leaves out a preamble; but when
/// that text ends in a colon, the markers number the points of one clause (主要任务是：一、…).
fn by_articles(draft: &str, authored: bool) -> Option<Vec<Piece>> {
    let reg = parse::parse(parse::Source {
        id: DocId::from("draft"),
        path: Path::new("draft"),
        text: draft,
        kind: if authored {
            SourceKind::Paragraphs
        } else {
            SourceKind::Text
        },
        meta: Default::default(),
    });
    let first_line = reg.articles.first()?.lines.0;
    let lead = draft
        .lines()
        .take(first_line.saturating_sub(1))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .last();
    if lead.is_some_and(|l| l.ends_with(['：', ':'])) {
        return None;
    }
    Some(
        reg.articles
            .iter()
            .map(|a| {
                let piece = Piece::of(Some(a.label()), &a.text);
                if piece.text == a.norm.trim() {
                    piece
                } else {
                    Piece {
                        label: Some(a.label()),
                        text: a.norm.trim().to_string(),
                        written: a.norm.trim().to_string(),
                    }
                }
            })
            .collect(),
    )
}

/// Paragraphs (of the text as written), with enumerated items （一）… kept with the paragraph that introduces them and
/// short lines joined to the next paragraph; overlong paragraphs cut into sentence groups.
fn by_paragraphs(text: &str) -> Vec<Piece> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut pending = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let is_item = line.starts_with('（') || line.starts_with('(');
        match paragraphs.last_mut() {
            Some(last) if is_item && pending.is_empty() => {
                last.push('\n');
                last.push_str(line);
                continue;
            }
            _ => {}
        }
        pending.push_str(line);
        if visible_chars(&pending) >= PARAGRAPH_MIN {
            paragraphs.push(std::mem::take(&mut pending));
        } else {
            pending.push('\n');
        }
    }
    let rest = pending.trim();
    if !rest.is_empty() {
        match paragraphs.last_mut() {
            Some(last) => {
                last.push('\n');
                last.push_str(rest);
            }
            None => paragraphs.push(rest.to_string()),
        }
    }
    paragraphs
        .into_iter()
        .flat_map(|p| {
            if p.chars().count() > PIECE_MAX {
                sentence_groups(&p)
            } else {
                vec![p]
            }
        })
        .map(|text| Piece::of(None, &text))
        .collect()
}

/// The sentences of `piece` (each ending in 。！？, or at the piece's end), each a piece of its
/// own as written; a 分号 does not end one, since the items of one rule are often cut by it, nor
/// does a full stop inside quotation marks or brackets (“…。”, （…。）), and the marks that close
/// them stay with the sentence they end. Sentences without a character that carries meaning are
/// left out.
pub fn sentences(piece: &Piece) -> Vec<Piece> {
    let text = &piece.written;
    let mut out = Vec::new();
    let (mut start, mut depth, mut after_stop) = (0, 0usize, false);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if OPENERS.contains(c) {
            depth += 1;
            after_stop = false;
        } else if CLOSERS.contains(c) {
            depth = depth.saturating_sub(1);
        } else {
            after_stop = matches!(c, '。' | '！' | '？');
        }
        // A stop's closing marks and doubled stops (”。, ！。) end the sentence with it.
        let more = chars
            .peek()
            .is_some_and(|&(_, n)| CLOSERS.contains(n) || matches!(n, '。' | '！' | '？'));
        if after_stop && depth == 0 && !more {
            let end = i + c.len_utf8();
            out.push(Piece::of(None, &text[start..end]));
            start = end;
            after_stop = false;
        }
    }
    out.push(Piece::of(None, &text[start..]));
    out.retain(|p| is_wordlike(&p.text));
    out
}

/// Marks that open a quotation or a bracket, inside which a full stop ends no sentence.
const OPENERS: &str = "“‘「『（(【〔《〈";

/// Marks that close what [`OPENERS`] open.
const CLOSERS: &str = "”’」』）)】〕》〉";

/// One piece of consecutive `pieces` of a draft, as written together (no label).
pub fn joined(pieces: &[Piece]) -> Piece {
    let written: String = pieces.iter().map(|p| p.written.as_str()).collect();
    Piece::of(None, &written)
}

/// Consecutive sentences (ending in 。！？；) packed into groups of about [`SENTENCE_GROUP`]
/// characters; a sentence is never cut.
fn sentence_groups(text: &str) -> Vec<String> {
    let mut groups: Vec<String> = Vec::new();
    let mut current = String::new();
    for range in crate::text::sentence::sentence_spans(text) {
        let sentence = &text[range];
        let len = sentence.chars().count();
        if !current.is_empty() && current.chars().count() + len > SENTENCE_GROUP {
            groups.push(std::mem::take(&mut current));
        }
        current.push_str(sentence);
    }
    if !current.trim().is_empty() {
        groups.push(current);
    }
    groups.into_iter().map(|g| g.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_markers_make_one_piece_each() {
        let draft = "某区政府工作规则\n第一条 区政府常务会议一般每月召开一次。\n第二条 区政府全体会议每年召开两次，由区长召集。\n";
        let pieces = split(draft);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0].label.as_deref(), Some("第一条"));
        assert_eq!(pieces[0].text, "区政府常务会议一般每月召开一次。");
        assert_eq!(pieces[1].text, "区政府全体会议每年召开两次，由区长召集。");
    }

    #[test]
    fn numbered_points_after_a_colon_are_one_clause() {
        let draft = "区政府常务会议的主要任务是：\n一、讨论决定区政府工作中的重要事项；\n二、讨论通过提请区人大常委会审议的议案。";
        let pieces = split(draft);
        assert_eq!(pieces.len(), 1);
        assert!(pieces[0].text.starts_with("区政府常务会议") && pieces[0].text.contains("二、"));
    }

    #[test]
    fn short_drafts_stay_whole_and_long_ones_split_by_paragraph() {
        let lead = "区政府常务会议的主要任务是：\n（一）讨论决定区政府工作中的重要事项；\n（二）讨论通过提请区人大常委会审议的议案。";
        let whole = split(&format!("{lead}\n\n区政府工作人员要严格遵守请销假制度。"));
        assert_eq!(whole.len(), 1, "one clause may have several paragraphs");
        let long =
            "区政府工作人员要严格遵守请销假制度，外出须提前报告，".repeat(22) + "不得擅自离岗。";
        let pieces = split(&format!("{lead}\n\n{long}"));
        assert_eq!(pieces.len(), 2);
        assert!(pieces[0].text.contains("（二）讨论通过"));
        assert!(pieces[1].text.starts_with("区政府工作人员"));
        assert!(pieces.iter().all(|p| p.label.is_none()));
    }

    #[test]
    fn overlong_paragraphs_become_sentence_groups() {
        let sentence = "区政府各部门要严格执行重大行政决策程序，广泛听取各方面意见。";
        assert!(sentence.chars().count() * 40 > PIECE_MAX);
        let draft = sentence.repeat(40);
        let pieces = split(&draft);
        assert!(pieces.len() > 1);
        for p in &pieces {
            assert!(p.text.chars().count() <= SENTENCE_GROUP);
            assert!(p.text.ends_with('。'));
        }
        let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, draft);
    }

    #[test]
    fn hard_wrapped_lines_are_rejoined_as_in_a_document() {
        let wrapped = "区政府常务会议由区长、副区长、区政府办公室主任组\n成，由区长召集和主持，出席人数须超过应到人\n数的二分之一。";
        let pieces = split(wrapped);
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].text, wrapped.replace('\n', ""));
        // Items stay paragraphs of their own.
        let items = split("主要任务是：\n（一）讨论决定重要事项；\n（二）通过议案。");
        assert_eq!(items[0].text.lines().count(), 3, "{:?}", items[0].text);
    }

    #[test]
    fn sentences_end_at_full_stops_not_semicolons_and_keep_the_draft_as_written() {
        let piece = Piece::of(
            None,
            "区政府常务会议一般每月召开１次；由区长召集。区政府公文由区长签发！。",
        );
        let parts = sentences(&piece);
        let written: Vec<&str> = parts.iter().map(|p| p.written.as_str()).collect();
        assert_eq!(
            written,
            [
                "区政府常务会议一般每月召开１次；由区长召集。",
                "区政府公文由区长签发！。"
            ]
        );
        assert_eq!(parts[0].text, "区政府常务会议一般每月召开1次；由区长召集。");
        let whole = joined(&parts);
        assert_eq!(
            whole.written,
            "区政府常务会议一般每月召开１次；由区长召集。区政府公文由区长签发！。"
        );
        assert!(whole.label.is_none());
    }

    #[test]
    fn a_full_stop_inside_quotes_or_brackets_ends_no_sentence() {
        let written = |text: &str| -> Vec<String> {
            sentences(&Piece::of(None, text))
                .into_iter()
                .map(|p| p.written)
                .collect()
        };
        assert_eq!(
            written("会议纪要写明：“会议由区长召集。区长不能出席时委托。”工作人员请假须经批准。"),
            [
                "会议纪要写明：“会议由区长召集。区长不能出席时委托。”",
                "工作人员请假须经批准。"
            ]
        );
        assert_eq!(
            written("由区长召集和主持（区长不能出席时委托。）。工作人员请假须经批准。"),
            [
                "由区长召集和主持（区长不能出席时委托。）。",
                "工作人员请假须经批准。"
            ]
        );
        assert_eq!(
            written("由区长召集和主持（区长不能出席时委托。）工作人员请假须经批准。"),
            [
                "由区长召集和主持（区长不能出席时委托。）",
                "工作人员请假须经批准。"
            ]
        );
        // A quotation never closed keeps the rest whole; a stray closer opens nothing.
        assert_eq!(written("他说：“会议召开。请假批准。").len(), 1);
        assert_eq!(written("会议召开。”请假批准。").len(), 2);
    }

    #[test]
    fn punctuation_only_and_empty_drafts_have_no_piece() {
        assert!(split("").is_empty());
        assert!(split(" \n\t").is_empty());
        assert!(split("，。；——……！").is_empty());
        assert_eq!(split("  区政府　常务会议  ").len(), 1);
    }

    #[test]
    fn a_piece_keeps_the_draft_as_written() {
        for draft in [
            "区政府常务会议一般每两周召开１次。",
            "第一条 区政府常务会议一般每月召开２次。",
            &format!(
                "{}\n\n区政府各部门应当提前 3 个工作日通知。",
                "区政府工作人员要严格遵守请销假制度。".repeat(40)
            ),
        ] {
            let pieces = split(draft);
            assert!(!pieces.is_empty());
            for p in &pieces {
                assert_eq!(crate::text::fold::norm(&p.written).trim(), p.text);
                assert!(
                    draft.contains(&p.written),
                    "{:?} not in the draft",
                    p.written
                );
            }
        }
        assert_eq!(
            split("区政府常务会议一般每两周召开１次。")[0].written,
            "区政府常务会议一般每两周召开１次。"
        );
    }
}
