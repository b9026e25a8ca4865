//! What a precedent's diff shows. The draft is diffed against the precedent's passage (or the
//! whole article); when the article holds more of the draft's words than the passage does, the
//! stretch of the article from the first to the last shared word is shown instead. Within each
//! changed run the two sides are diffed again word by word, so words the draft and the precedent
//! share appear as shared even where the general diff folded them into one replaced block (its
//! clean-up is right for two versions of one clause, too coarse for a draft against a longer
//! text). Pure; the rebuilt sides are always the draft (`Equal` + `Delete`) and the shown text
//! (`Equal` + `Insert`).

use crate::diff::{self, Op, Segment};
use crate::text::chars::{is_punct, visible_chars};
use crate::text::numeral::is_numeral_char;
use similar::{Algorithm, DiffTag, capture_diff_slices};

/// Shared words a refined run keeps as shared: at least this many visible characters, so that a
/// lone 的 or 区 in two different sentences stays inside the change.
const MIN_SHARED_CHARS: usize = 2;

/// The diff shown for a precedent and the passage it is against (`None`: the whole article).
pub(crate) fn shown(
    draft: &str,
    article: &diff::Words,
    passage: Option<&str>,
) -> (Option<String>, Vec<Segment>, Option<super::Window>) {
    let whole = refine(diff::diff_words(&diff::Words::new(draft), article));
    let article = article.text();
    let Some(passage) = passage else {
        return match windowed(&whole, visible_chars(draft)) {
            Some((segments, window)) => {
                let text: String = segments
                    .iter()
                    .filter(|s| s.op != Op::Delete)
                    .map(|s| s.text.as_str())
                    .collect();
                (Some(text), segments, Some(window))
            }
            None => (None, whole, None),
        };
    };
    let of_passage = refine(diff::diff(draft, passage));
    let window = trim_inserts(whole);
    let draft_chars = visible_chars(draft);
    // The article's window wins when it shows clearly more of the draft as shared (a fifth of
    // the draft's characters): the passage was chosen for similarity, not for coverage.
    if shared(&window) > shared(&of_passage) + draft_chars / 5 {
        let text: String = window
            .iter()
            .filter(|s| s.op != Op::Delete)
            .map(|s| s.text.as_str())
            .collect();
        let passage = (text.trim() != article.trim()).then(|| text.trim().to_string());
        return (passage, window, None);
    }
    (Some(passage.to_string()), of_passage, None)
}

/// Characters of a whole article shown at most around its matched part: this many, or
/// [`WINDOW_TIMES`] the draft's length when that is more. Longer than any article of an ordinary
/// regulation, so only a long line (one sentence repeated, a pasted book) is cut.
pub(super) const WINDOW_CHARS: usize = 5_000;
/// See [`WINDOW_CHARS`].
const WINDOW_TIMES: usize = 4;

/// The diff against a whole article too long to show (more than [`WINDOW_CHARS`] characters),
/// bounded to a window from the start of the sentence or clause of its first shared word (at most
/// [`LEAD_CHARS`] before it, [`lead`]): the article's words outside it are dropped,
/// shared words outside it become the draft's own, so the draft still rebuilds from the diff.
/// `None` when the article is short enough, or shares no word.
fn windowed(whole: &[Segment], draft_chars: usize) -> Option<(Vec<Segment>, super::Window)> {
    let limit = WINDOW_CHARS.max(draft_chars.saturating_mul(WINDOW_TIMES));
    let of: usize = whole
        .iter()
        .filter(|s| s.op != Op::Delete)
        .map(|s| s.text.chars().count())
        .sum();
    if of <= limit {
        return None;
    }
    // The article's text before its first shared word, and where that word starts.
    let mut before = String::new();
    let mut first = None;
    for s in whole {
        if s.op == Op::Equal && !is_punct(&s.text) {
            first = Some(before.chars().count());
            break;
        }
        if s.op != Op::Delete {
            before.push_str(&s.text);
        }
    }
    let first = first?;
    let start = first - lead(&before);
    let end = (start + limit).min(of);
    let mut out: Vec<Segment> = Vec::new();
    let mut at = 0;
    for s in whole {
        if s.op == Op::Delete {
            out.push(s.clone());
            continue;
        }
        let len = s.text.chars().count();
        let (from, to) = (at, at + len);
        at = to;
        // The part of this run inside [start, end), in characters of the run.
        let lo = start.clamp(from, to) - from;
        let hi = end.clamp(from, to) - from;
        let byte = |c: usize| {
            s.text
                .char_indices()
                .nth(c)
                .map_or(s.text.len(), |(i, _)| i)
        };
        let (lo_b, hi_b) = (byte(lo), byte(hi));
        let pieces = [
            (&s.text[..lo_b], false),
            (&s.text[lo_b..hi_b], true),
            (&s.text[hi_b..], false),
        ];
        for (text, inside) in pieces {
            if text.is_empty() {
                continue;
            }
            match (s.op, inside) {
                (_, true) => out.push(Segment {
                    text: text.to_string(),
                    ..s.clone()
                }),
                (Op::Equal, false) => out.push(segment(Op::Delete, text.to_string())),
                _ => {}
            }
        }
    }
    Some((out, super::Window { start, end, of }))
}

/// Characters of a long article a window may show before its first shared word, so that the
/// sentence (or clause) the word stands in is shown from its start.
const LEAD_CHARS: usize = 100;

/// How many characters before the end of `before` (an article's text up to its first shared
/// word) a window starts: at the start of the sentence there (after 。；！？ or a line break, or
/// the article's start) when it is at most [`LEAD_CHARS`] back, else at the start of its clause
/// (after ，、：) when that is, else at the word itself.
fn lead(before: &str) -> usize {
    const SENTENCE: [char; 5] = ['。', '；', '！', '？', '\n'];
    const CLAUSE: [char; 3] = ['，', '、', '：'];
    let back: Vec<char> = before.chars().rev().take(LEAD_CHARS + 1).collect();
    let at_start = (back.len() <= LEAD_CHARS).then_some(back.len());
    let after = |ends: &[char]| back.iter().position(|c| ends.contains(c));
    after(&SENTENCE)
        .or(at_start)
        .or_else(|| after(&CLAUSE))
        .filter(|&n| n <= LEAD_CHARS)
        .unwrap_or(0)
}

/// The end of the sentence of `text` that holds the byte just before `end` (a passage made of
/// clauses may stop at a comma): `end` itself when a sentence ends there, else just past the next
/// 。；！？, or the line's or the text's end.
pub(crate) fn sentence_end(text: &str, end: usize) -> usize {
    const ENDS: [char; 4] = ['。', '；', '！', '？'];
    if text[..end].trim_end().ends_with(ENDS) {
        return end;
    }
    match text[end..].find(|c: char| ENDS.contains(&c) || c == '\n') {
        Some(i) if text[end + i..].starts_with('\n') => end + i,
        Some(i) => end + i + '。'.len_utf8(),
        None => text.len(),
    }
}

/// Visible characters the diff shows as shared.
fn shared(segments: &[Segment]) -> usize {
    segments
        .iter()
        .filter(|s| s.op == Op::Equal)
        .map(|s| visible_chars(&s.text))
        .sum()
}

/// The diff without the article's text before the first and after the last shared word (the
/// draft's own words there stay; shared punctuation out there becomes the draft's own).
fn trim_inserts(segments: Vec<Segment>) -> Vec<Segment> {
    let is_word = |s: &Segment| s.op == Op::Equal && !is_punct(&s.text);
    let first = segments.iter().position(is_word);
    let last = segments.iter().rposition(is_word);
    let (Some(first), Some(last)) = (first, last) else {
        return segments;
    };
    segments
        .into_iter()
        .enumerate()
        .filter_map(|(i, s)| match s.op {
            _ if (first..=last).contains(&i) => Some(s),
            Op::Insert => None,
            Op::Equal => Some(segment(Op::Delete, s.text)),
            Op::Delete => Some(s),
        })
        .collect()
}

/// Each run of changes (deletes and inserts between two shared stretches) diffed again word by
/// word. A changed number keeps its mark: the words before each of the draft's changed numbers
/// are diffed against those before the precedent's (`…会后[#3个#]` against `…会议结束后{#5个#}`),
/// when both sides change as many numbers; otherwise the run is left as it is.
fn refine(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    let mut run: Vec<Segment> = Vec::new();
    let flush = |run: &mut Vec<Segment>, out: &mut Vec<Segment>| {
        let del = cut_at_numbers(run, Op::Delete);
        let ins = cut_at_numbers(run, Op::Insert);
        if del.len() != ins.len() {
            out.append(run);
            return;
        }
        run.clear();
        for ((del, del_number), (ins, ins_number)) in del.into_iter().zip(ins) {
            if del.is_empty() || ins.is_empty() {
                push_change(out, &del, &ins);
            } else {
                out.extend(word_diff(&del, &ins));
            }
            out.extend(del_number);
            out.extend(ins_number);
        }
    };
    for s in segments {
        // A figure both state by value, written two ways (二分之一 / 百分之五十: a quiet pair
        // from the diff), bounds a run as shared text does: re-diffing it word by word would
        // cut it into characters.
        if s.op == Op::Equal || (s.is_punct && s.text.chars().any(is_numeral_char)) {
            flush(&mut run, &mut out);
            out.push(s);
        } else {
            run.push(s);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The text of one side (`op`) of a run of changes, cut after each changed number: the words
/// before it, and the number's own segment (`None` for the words after the last one).
fn cut_at_numbers(run: &[Segment], op: Op) -> Vec<(String, Option<Segment>)> {
    let mut parts = Vec::new();
    let mut words = String::new();
    for s in run.iter().filter(|s| s.op == op) {
        if s.is_number {
            parts.push((std::mem::take(&mut words), Some(s.clone())));
        } else {
            words.push_str(&s.text);
        }
    }
    parts.push((words, None));
    parts
}

/// A word-level diff of two changed passages with no clean-up but a minimum length of what
/// counts as shared; a line break or a tab both hold is always shared (it bounds a change). The
/// words are the diff's own ([`diff::Words`]): a figure or a share is one word, never cut.
fn word_diff(a: &str, b: &str) -> Vec<Segment> {
    let (wa, wb) = (diff::Words::new(a), diff::Words::new(b));
    let ta: Vec<&str> = wa.pieces().collect();
    let tb: Vec<&str> = wb.pieces().collect();
    let mut out = Vec::new();
    let (mut del, mut ins) = (String::new(), String::new());
    for op in capture_diff_slices(Algorithm::Myers, &ta, &tb) {
        let (tag, ra, rb) = op.as_tag_tuple();
        let left: String = ta[ra].concat();
        let right: String = tb[rb].concat();
        let structure = left.contains(['\n', '\t']);
        let keep = tag == DiffTag::Equal
            && (structure || (visible_chars(&left) >= MIN_SHARED_CHARS && !is_punct(&left)));
        if keep {
            push_change(&mut out, &del, &ins);
            del.clear();
            ins.clear();
            out.push(segment(Op::Equal, left));
        } else {
            del.push_str(&left);
            ins.push_str(&right);
        }
    }
    push_change(&mut out, &del, &ins);
    out
}

fn push_change(out: &mut Vec<Segment>, del: &str, ins: &str) {
    if !del.is_empty() {
        out.push(segment(Op::Delete, del.to_string()));
    }
    if !ins.is_empty() {
        out.push(segment(Op::Insert, ins.to_string()));
    }
}

fn segment(op: Op, text: String) -> Segment {
    let is_punct = op != Op::Equal && is_punct(&text);
    Segment {
        op,
        text,
        is_number: false,
        is_punct,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A share written two ways (the draft's 二分之一, the precedent's 百分之五十) is one unit on
    /// each side, not 二 → 百 and 一 → 五十 around a shared 分之 (review30 #11).
    #[test]
    fn a_share_written_two_ways_stays_whole_in_a_refined_run() {
        let draft = "筹备组由七人以上单数组成，可以由建设单位、前期物业服务人、业主和街道办事处、\
                     乡镇人民政府、社区居民委员会等派员组成，其中业主所占比例不得低于筹备组总人数的\
                     二分之一。";
        let article = "筹备组由业主和建设单位、街道办事处、乡镇人民政府、居（村）民委员会的人员组成。\
                       筹备组组长由街道办事处、乡镇人民政府或者居（村）民委员会的人员担任。\
                       筹备组由五至十一人单数组成，其中业主人数不低于筹备组总人数的百分之五十。\
                       参加筹备组的业主由街道办事处、乡镇人民政府或者居（村）民委员会组织业主推荐产生。";
        let (_, segments, _) = shown(draft, &diff::Words::new(article), None);
        assert_eq!(side(&segments, Op::Insert), draft);
        assert!(
            segments
                .iter()
                .any(|s| s.op == Op::Delete && s.text == "二分之一"),
            "{segments:?}"
        );
        assert!(
            segments
                .iter()
                .any(|s| s.op == Op::Insert && s.text == "百分之五十"),
            "{segments:?}"
        );
        assert!(
            !segments
                .iter()
                .any(|s| s.op != Op::Equal && (s.text == "二" || s.text == "百")),
            "{segments:?}"
        );
    }

    /// A tab-cell table's rows: a line break between two rows bounds a change in the refined run.
    #[test]
    fn a_refined_run_keeps_the_line_break_between_rows() {
        let out = word_diff(
            "登记\t区级主管部门负责审核办理\n年检\t街道办事处统一组织实施",
            "登记\t市级行政机关登记备案\n年检\t社区居民委员会协助开展",
        );
        assert!(
            out.iter()
                .filter(|s| s.op != Op::Equal)
                .all(|s| !s.text.contains('\n')),
            "{out:?}"
        );
    }

    fn side(segments: &[Segment], skip: Op) -> String {
        segments
            .iter()
            .filter(|s| s.op != skip)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn a_passage_runs_to_the_end_of_its_sentence() {
        // 淄博市燃气管理条例 第三十五条, its third paragraph cut after a clause.
        let text = "因建设工程确需改装、拆除、迁移燃气设施的，建设单位应当与燃气设施产权单位协商，并制定改动方案，报区县住房城乡建设主管部门批准。燃气设施改装、拆除、迁移等费用由建设单位承担。";
        let cut = text.find("报区县").unwrap_or(0);
        let end = sentence_end(text, cut);
        assert!(text[..end].ends_with("主管部门批准。"), "{}", &text[..end]);
        assert_eq!(sentence_end(text, end), end);
        assert_eq!(sentence_end("第一款，第二款\n下一行", 12), 21);
    }

    #[test]
    fn a_replaced_block_shows_its_shared_words() {
        let draft = "主要负责人外出或休假应当事前报告区长";
        let block = vec![
            segment(Op::Delete, draft.to_string()),
            segment(
                Op::Insert,
                "副区长外出或者休假的，要事前报告区长同意".to_string(),
            ),
        ];
        let refined = refine(block);
        assert_eq!(side(&refined, Op::Insert), draft);
        assert!(
            refined
                .iter()
                .any(|s| s.op == Op::Equal && s.text.contains("休假"))
        );
        assert!(
            refined
                .iter()
                .any(|s| s.op == Op::Equal && s.text.contains("报告"))
        );
    }

    /// A run holding a changed number on each side: the words before the numbers are diffed
    /// again (区政府常务会议 shared), the numbers keep their marks, and both sides rebuild.
    #[test]
    fn a_run_with_changed_numbers_shows_the_words_it_shares() {
        let number = |op: Op, text: &str| Segment {
            is_number: true,
            ..segment(op, text.to_string())
        };
        let draft_words = "区政府常务会议和全体会议审议通过的文件，一般应在会后";
        let article_words =
            "区政府全体会议和区政府常务会议讨论通过决定印发的文件，原则上须在会议结束后";
        let block = vec![
            segment(Op::Delete, draft_words.to_string()),
            number(Op::Delete, "3个"),
            segment(Op::Insert, article_words.to_string()),
            number(Op::Insert, "5个"),
            segment(Op::Equal, "工作日内印发。".to_string()),
        ];
        let refined = refine(block);
        assert_eq!(
            side(&refined, Op::Insert),
            format!("{draft_words}3个工作日内印发。")
        );
        assert_eq!(
            side(&refined, Op::Delete),
            format!("{article_words}5个工作日内印发。")
        );
        assert!(
            refined
                .iter()
                .any(|s| s.op == Op::Equal && s.text.contains("常务会议")),
            "{refined:?}"
        );
        let numbers: Vec<&str> = refined
            .iter()
            .filter(|s| s.is_number)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(numbers, ["3个", "5个"]);
        // Numbers changed on one side only: the run stays as it was.
        let lopsided = vec![
            segment(Op::Delete, "会后".to_string()),
            number(Op::Delete, "3个"),
            segment(Op::Insert, "会议结束后及时".to_string()),
        ];
        assert_eq!(refine(lopsided.clone()).len(), lopsided.len());
    }

    #[test]
    fn the_article_window_wins_when_it_holds_more_of_the_draft() {
        let draft = "严格执行请销假制度，主要负责人外出或休假应当事前报告区长。";
        let article = "区政府组成人员要严格执行请销假制度。其他事项另行规定。各部门主要负责人外出或休假的，应当事前报告区长。";
        let (passage, segments, _) = shown(
            draft,
            &diff::Words::new(article),
            Some("区政府组成人员要严格执行请销假制度。"),
        );
        let passage = passage.expect("a window of the article");
        assert!(passage.contains("事前报告区长"), "{passage}");
        assert_eq!(side(&segments, Op::Insert), draft);
        assert_eq!(side(&segments, Op::Delete), passage);
    }

    #[test]
    fn a_window_starts_at_the_sentence_or_clause_of_its_first_shared_word() {
        assert_eq!(lead(""), 0);
        assert_eq!(lead("区政府"), 3, "the article's start");
        assert_eq!(lead("其他事项另行规定。各部门"), 3);
        assert_eq!(lead("甲\n乙丙"), 2);
        let long = "一".repeat(150);
        assert_eq!(
            lead(&format!("{long}，主要负责人")),
            5,
            "no sentence start near"
        );
        assert_eq!(lead(&format!("{long}。{long}")), 0, "too far back");
        assert_eq!(lead(&format!("{long}。{}，甲", "二".repeat(98))), 100);

        // A draft against a long article whose first shared word stands inside a sentence.
        let sentence = "区政府常务会议一般每月召开两次，提前三个工作日通知。";
        let article = sentence.repeat(400);
        let draft = "提前三个工作日通知。";
        let (passage, segments, window) = shown(draft, &diff::Words::new(&article), None);
        let window = window.expect("a window");
        let passage = passage.expect("the window's text");
        let of = article.chars().count();
        assert_eq!(window.of, of);
        assert!(window.start < window.end && window.end - window.start <= 5_000);
        let shown_chars: Vec<char> = article
            .chars()
            .skip(window.start)
            .take(window.end - window.start)
            .collect();
        assert_eq!(passage, shown_chars.into_iter().collect::<String>());
        // The window opens at the start of the sentence, 16 characters before 提前.
        assert_eq!(window.start % sentence.chars().count(), 0, "{window:?}");
        assert!(passage.starts_with(sentence), "{passage}");
        assert_eq!(side(&segments, Op::Insert), draft);
        assert_eq!(side(&segments, Op::Delete), passage);
    }
}
