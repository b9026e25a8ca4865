//! Word-level differences between clause texts: two texts (or a clause group's texts) in, a list of
//! equal / inserted / deleted segments out, with number and punctuation-only changes flagged.
//! Pure functions over strings: no corpus, no alignment, no output formatting.
//!
//! Words are jieba tokens ([`crate::segment::Segmenter`]); a changed pair of short words that share
//! most of their characters (常务会议 / 全体会议) is refined to characters, which reads better.
//! [`compare_all`] says, for a group of texts, what each pair shares and how many of the texts
//! share each word; [`medoid`] picks the text closest to all the others.

mod consensus;
mod hunk;
mod words;

pub use consensus::{
    Sharing, compare_all, dice, medoid, shared_chars, shared_matrix, split_by_support,
};
pub(crate) use words::KeptWords;
pub use words::Words;

use crate::text::chars::visible_chars;
use crate::text::fold::Normed;
use hunk::{push_hunk, refine_to_chars, to_segments, word_hunks};

/// What a segment is relative to the base text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// In both texts.
    Equal,
    /// Only in the compared text (absent from the base).
    Insert,
    /// Only in the base text (absent from the compared one).
    Delete,
}

impl Op {
    /// The op's name on the wire: `equal`, `insert` or `delete`.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Equal => "equal",
            Op::Insert => "insert",
            Op::Delete => "delete",
        }
    }
}

/// A run of text with one [`Op`]. Concatenating the `Equal` and `Insert` segments gives the
/// compared text back; `Equal` and `Delete` give the base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Where the text is: in both texts, only the compared one, or only the base.
    pub op: Op,
    /// The text of the run.
    pub text: String,
    /// A changed quantity: the change touches a number, a duration or a frequency
    /// (5个工作日 / 3个工作日, 每两周 / 每月). Always false for `Equal`.
    pub is_number: bool,
    /// A change of punctuation or spacing alone, which renderers show quietly.
    /// Always false for `Equal`.
    pub is_punct: bool,
}

/// Differences between `base` and `other`, word by word: `Delete` is what only `base` says,
/// `Insert` what only `other` says.
pub fn diff(base: &str, other: &str) -> Vec<Segment> {
    diff_words(&Words::new(base), &Words::new(other))
}

/// [`diff`] over texts already cut into words.
pub fn diff_words(base: &Words, other: &Words) -> Vec<Segment> {
    let mut hunks = Vec::new();
    for hunk in word_hunks(base, other) {
        let (a, b) = (base.bytes(hunk.a()), other.bytes(hunk.b()));
        push_hunk(&mut hunks, hunk.is_equal(), a, b);
    }
    let hunks = refine_to_chars(hunks, base.text, other.text);
    to_segments(&hunks, base, other)
}

/// How much two texts share: twice the characters of their common words over the characters
/// of both (a Dice coefficient, 1.0 for identical texts). Whitespace does not count.
pub fn similarity(a: &Words, b: &Words) -> f32 {
    dice(
        shared_chars(a, b),
        a.chars(0..a.cuts.len()) + b.chars(0..b.cuts.len()),
    )
}

/// The similarity of the two texts a diff was made of, from its segments: twice the characters
/// of the equal segments over the characters of both texts.
pub fn similarity_of(segments: &[Segment]) -> f32 {
    let (mut equal, mut both) = (0, 0);
    for s in segments {
        let n = visible_chars(&s.text);
        match s.op {
            Op::Equal => (equal, both) = (equal + n, both + 2 * n),
            Op::Insert | Op::Delete => both += n,
        }
    }
    dice(equal, both)
}

/// One side of a diff made on normalised text: the text as written and its normalised form.
#[derive(Debug, Clone, Copy)]
pub struct Written<'a> {
    /// The text as its document writes it.
    pub text: &'a str,
    /// Its normalised form with the offsets back to `text`.
    pub normed: &'a Normed,
}

/// The segments of a diff made on the normalised forms of `base` and `other`, with each piece's
/// text as the documents write it (１次 rather than 1次, 2021－2025 年 rather than 2021-2025年):
/// `Insert` pieces take `other`'s characters, `Delete` pieces the base's, and an `Equal` piece the
/// characters both write; where the two write one normalised stretch differently (１ and 1, a
/// space), that stretch becomes a `Delete` of the base's characters and an `Insert` of `other`'s,
/// flagged `is_punct` (a difference of writing alone, shown quietly). So `Equal` + `Insert`
/// rebuild `other.text` and `Equal` + `Delete` `base.text`, exactly. Each output segment comes
/// with the index of the input segment it was cut from. Segments that do not rebuild the two
/// normalised texts are returned as they are.
pub fn as_written(
    segments: Vec<Segment>,
    base: Written<'_>,
    other: Written<'_>,
) -> Vec<(Segment, usize)> {
    let side = |keep: Op| -> usize {
        segments
            .iter()
            .filter(|s| s.op == Op::Equal || s.op == keep)
            .map(|s| s.text.len())
            .sum()
    };
    if side(Op::Delete) != base.normed.norm.len() || side(Op::Insert) != other.normed.norm.len() {
        return segments
            .into_iter()
            .enumerate()
            .map(|(i, s)| (s, i))
            .collect();
    }
    let (mut at_base, mut at_other) = (0, 0);
    let mut out = Vec::with_capacity(segments.len());
    for (i, s) in segments.into_iter().enumerate() {
        let len = s.text.len();
        match s.op {
            Op::Delete => {
                out.push((base.with(s, at_base..at_base + len), i));
                at_base += len;
            }
            Op::Insert => {
                out.push((other.with(s, at_other..at_other + len), i));
                at_other += len;
            }
            Op::Equal => {
                for (same, a, b) in runs(&s.text, base, at_base, other, at_other) {
                    if same {
                        out.push((other.with(piece(Op::Equal, false), b), i));
                    } else {
                        out.push((base.with(piece(Op::Delete, true), a), i));
                        out.push((other.with(piece(Op::Insert, true), b), i));
                    }
                }
                at_base += len;
                at_other += len;
            }
        }
    }
    out
}

fn piece(op: Op, is_punct: bool) -> Segment {
    Segment {
        op,
        text: String::new(),
        is_number: false,
        is_punct,
    }
}

/// The stretches of an equal normalised piece (at `at_a` in `a`, `at_b` in `b`) that both sides
/// write alike (`true`) or differently, as normalised ranges of each side.
fn runs(
    text: &str,
    a: Written<'_>,
    at_a: usize,
    b: Written<'_>,
    at_b: usize,
) -> Vec<(bool, std::ops::Range<usize>, std::ops::Range<usize>)> {
    let mut out: Vec<(bool, std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    for (i, c) in text.char_indices() {
        let n = c.len_utf8();
        let (ra, rb) = (at_a + i..at_a + i + n, at_b + i..at_b + i + n);
        let same =
            a.text.get(a.normed.original(ra.clone())) == b.text.get(b.normed.original(rb.clone()));
        match out.last_mut() {
            Some((s, x, y)) if *s == same => {
                x.end = ra.end;
                y.end = rb.end;
            }
            _ => out.push((same, ra, rb)),
        }
    }
    out
}

impl Written<'_> {
    /// `segment` with the text written for the normalised `range`.
    fn with(&self, mut segment: Segment, range: std::ops::Range<usize>) -> Segment {
        if let Some(text) = self.text.get(self.normed.original(range.clone())) {
            segment.text = text.to_string();
        } else if let Some(text) = self.normed.norm.get(range) {
            segment.text = text.to_string();
        }
        segment
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| match s.op {
                Op::Equal => s.text.clone(),
                Op::Insert => format!("{{+{}+}}", s.text),
                Op::Delete => format!("[-{}-]", s.text),
            })
            .collect()
    }

    fn rebuild(segs: &[Segment], keep: Op) -> String {
        segs.iter()
            .filter(|s| s.op == Op::Equal || s.op == keep)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn a_share_is_one_unit_and_an_equal_value_written_otherwise_a_quiet_pair() {
        // 二分之一 / 百分之五十: one value, written two ways; jieba cuts 二|分之|一.
        let a = "其中业主所占比例不得低于筹备组总人数的二分之一。";
        let b = "其中业主人数不低于筹备组总人数的百分之五十。";
        let segs = diff(a, b);
        assert_eq!(rebuild(&segs, Op::Delete), a);
        assert_eq!(rebuild(&segs, Op::Insert), b);
        let share = |op: Op, text: &str| {
            segs.iter()
                .any(|s| s.op == op && s.text == text && s.is_punct && !s.is_number)
        };
        assert!(
            share(Op::Delete, "二分之一") && share(Op::Insert, "百分之五十"),
            "{}",
            show(&segs)
        );
        // Between two changes, the equal value is not folded into them.
        let a = "由业主推选代表不少于二分之一报街道备案";
        let b = "经社区提名人选不少于百分之五十交区里审核";
        let segs = diff(a, b);
        assert!(
            segs.iter().any(|s| s.text == "二分之一")
                && segs.iter().any(|s| s.text == "百分之五十"),
            "{}",
            show(&segs)
        );
        // 三分之二 is not 百分之六十七: a changed number, still whole on each side.
        let segs = diff("须经三分之二以上业主同意", "须经百分之六十七以上业主同意");
        assert_eq!(
            show(&segs),
            "须经[-三分之二-]{+百分之六十七+}以上业主同意",
            "{segs:?}"
        );
        assert!(
            segs.iter()
                .all(|s| s.op == Op::Equal || (s.is_number && !s.is_punct))
        );
        // Never half a share, whatever the neighbours.
        for (a, b) in [
            ("不低于十分之一", "不低于五分之一"),
            ("超过半数", "超过三分之一"),
            ("按百分之三十收取", "按百分之二十五收取"),
        ] {
            let segs = diff(a, b);
            assert!(
                segs.iter()
                    .filter(|s| s.op != Op::Equal)
                    .all(|s| !s.text.starts_with("分之") && !s.text.ends_with("分之")),
                "{}",
                show(&segs)
            );
            assert!(
                segs.iter()
                    .all(|s| s.op != Op::Equal || !s.text.ends_with("分之")),
                "{}",
                show(&segs)
            );
        }
    }

    #[test]
    fn a_line_break_between_table_rows_bounds_a_change() {
        // Each row's second cell reworded: one change per row, the line break and the next
        // row's first cell shared, never one block across the rows.
        let a = "项目\t办理部门\n登记\t区级主管部门负责审核办理\n年检\t街道办事处统一组织实施";
        let b = "项目\t办理部门\n登记\t市级行政机关登记备案\n年检\t社区居民委员会协助开展";
        let segs = diff(a, b);
        assert_eq!(rebuild(&segs, Op::Delete), a);
        assert_eq!(rebuild(&segs, Op::Insert), b);
        assert!(
            segs.iter()
                .filter(|s| s.op != Op::Equal)
                .all(|s| !s.text.contains(['\n', '\t'])),
            "{}",
            show(&segs)
        );
        assert!(
            segs.iter()
                .any(|s| s.op == Op::Equal && s.text.contains("\n年检\t")),
            "{}",
            show(&segs)
        );
        // A paragraph break alike.
        let a = "业主大会应当在三十日内组织\n街道办事处予以指导";
        let b = "业主委员会须于规定期限内召集\n社区居委会负责协助";
        let segs = diff(a, b);
        assert!(
            segs.iter()
                .filter(|s| s.op != Op::Equal)
                .all(|s| !s.text.contains('\n')),
            "{}",
            show(&segs)
        );
    }

    #[test]
    fn changes_in_two_cells_of_a_table_row_stay_two_changes() {
        // A fee and a deadline in neighbouring cells (a Word, web or Markdown table's row).
        let a = "登记费\t每只50元\t15日内";
        let b = "登记费\t每只60元\t10日内";
        let segs = diff(a, b);
        assert_eq!(rebuild(&segs, Op::Delete), a);
        assert_eq!(rebuild(&segs, Op::Insert), b);
        for s in segs.iter().filter(|s| s.op != Op::Equal) {
            assert!(
                !s.text.contains('\t'),
                "a change across cells: {}",
                show(&segs)
            );
        }
        assert!(
            segs.iter()
                .any(|s| s.op == Op::Equal && s.text.contains('\t')),
            "{}",
            show(&segs)
        );
    }

    #[test]
    fn segments_rebuild_both_texts() {
        let a = "区政府常务会议一般每两周召开1次，特殊情况下可随时召开。";
        let b = "区政府常务会议原则上每月召开2次；如有需要可临时召开。";
        let segs = diff(a, b);
        assert_eq!(rebuild(&segs, Op::Delete), a);
        assert_eq!(rebuild(&segs, Op::Insert), b);
    }

    #[test]
    fn a_figure_both_state_is_equal_inside_a_changed_passage() {
        // 上海市献血条例 第十六条 against 泰安市献血条例 第十七条, and 北京市献血条例 第十六条.
        let a = "采供血机构对献血者每次采集血液量一般为二百毫升，最多不得超过四百毫升，两次采集间隔不少于六个月。";
        let b = "献血者捐献全血的，每次献血量一般为二百毫升，最多不得超过四百毫升；两次献血间隔期不得少于六个月。";
        let c = "捐献全血的，每次献血量一般为二百毫升，最多不超过四百毫升，献血间隔期不少于六个月；捐献单采血小板的，每次献血量一般为一至二个治疗单位，献血间隔期不少于二周。";
        for (x, y) in [(a, b), (b, c)] {
            let segs = diff(x, y);
            assert_eq!(rebuild(&segs, Op::Delete), x);
            assert_eq!(rebuild(&segs, Op::Insert), y);
            assert!(
                segs.iter()
                    .any(|s| s.op == Op::Equal && s.text.contains("六个月")),
                "{segs:#?}"
            );
            assert!(
                !segs
                    .iter()
                    .any(|s| s.is_number && s.text.contains("六个月")),
                "{segs:#?}"
            );
        }
        // A figure the other side sets otherwise still differs.
        let segs = diff(
            "两次采集间隔不少于六个月。",
            "两次献血间隔期不得少于三个月。",
        );
        assert!(
            segs.iter().any(|s| s.is_number && s.text.contains('六')),
            "{segs:#?}"
        );
    }

    #[test]
    fn long_rewrites_keep_every_character() {
        // similar gives a deletion here an index far ahead in the new text; nothing may be lost.
        let a = "优化经济调节市场在资源配置中的决定性作用，更好发挥政府作用注重预期引导和风险防范，运用经济、法律手段和必要的行政手段，引导和调控经济运行，促进经济高质量发展。";
        let b = "履行经济调节职能，坚决贯彻执行国家宏观调控政策，充分发挥市场在资源配置中的决定性作用，更好地发挥政府作用。围绕建设现代化经济体系，加强对全区经济运行的引导和调控，科学确定发展目标，调整优化经济结构，加快推动新旧动能转换，推进绿色低碳高质量发展。";
        let segs = diff(a, b);
        assert_eq!(rebuild(&segs, Op::Delete), a);
        assert_eq!(rebuild(&segs, Op::Insert), b);
    }

    /// jieba cuts 3个工作日内 as 3·个·工作·日内: the figure ends inside 日内, and the 内 after it
    /// is the same in both texts, so it is no change.
    #[test]
    fn a_word_running_past_a_figure_is_cut_at_its_end() {
        let a = "一般应在会后3个工作日内印发。";
        let b = "原则上须在会议结束后5个工作日内印发。";
        let segs = diff(a, b);
        assert_eq!(rebuild(&segs, Op::Delete), a);
        assert_eq!(rebuild(&segs, Op::Insert), b);
        let changed: String = segs
            .iter()
            .filter(|s| s.op != Op::Equal)
            .map(|s| s.text.as_str())
            .collect();
        assert!(!changed.contains('内'), "{}", show(&segs));
        assert!(
            segs.iter().any(|s| s.is_number && s.text.starts_with('3')),
            "{segs:?}"
        );
    }

    #[test]
    fn identical_texts_are_one_equal_segment() {
        let t = "区政府实行区长负责制。";
        let segs = diff(t, t);
        assert_eq!(segs.len(), 1);
        assert_eq!(segs[0].op, Op::Equal);
    }

    #[test]
    fn changed_working_days_are_flagged_as_numbers() {
        let segs = diff("应提前5个工作日报送区政府。", "应提前3个工作日报送区政府。");
        let changed: Vec<_> = segs.iter().filter(|s| s.op != Op::Equal).collect();
        assert!(!changed.is_empty());
        assert!(changed.iter().all(|s| s.is_number), "{}", show(&segs));
        assert!(changed.iter().any(|s| s.text.contains('5')));
    }

    #[test]
    fn changed_frequency_is_flagged_as_number() {
        let segs = diff("常务会议一般每两周召开一次", "常务会议一般每月召开一次");
        let changed: Vec<_> = segs.iter().filter(|s| s.op != Op::Equal).collect();
        assert!(!changed.is_empty(), "{}", show(&segs));
        assert!(changed.iter().all(|s| s.is_number), "{}", show(&segs));
    }

    fn flagged(segs: &[Segment]) -> Vec<&str> {
        segs.iter()
            .filter(|s| s.is_number)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn a_figure_with_no_counterpart_is_plain_wording() {
        let segs = diff("向区长报告。", "向会议主持人报告。只安排1名工作人员列席。");
        assert!(flagged(&segs).is_empty(), "{}", show(&segs));
        // A frequency the other side does not state (the tester's T10 draft against 兖州 四十三、).
        let segs = diff(
            "区政府常务会议一般每月召开一次，由区长召集和主持。",
            "区政府常务会议由区长、副区长组成，由区长决定召开，由区长召集和主持。",
        );
        assert!(flagged(&segs).is_empty(), "{}", show(&segs));
    }

    #[test]
    fn figures_of_different_kinds_are_not_one_changed_number() {
        // T7: a fee against a deadline (台州 第十五条 against 杭州 第二十三条).
        let segs = diff(
            "筹备经费由建设单位按照每平方米一点二元的标准承担。",
            "筹备经费由建设单位收到通知之日起五个工作日内报送。",
        );
        assert!(flagged(&segs).is_empty(), "{}", show(&segs));
        // The same kind on both sides is: a fee against a fee.
        let segs = diff(
            "按照每平方米一点二元且总额不低于六万元的标准承担。",
            "按照每平方米一元且总额不少于五万元的标准承担。",
        );
        let marked = flagged(&segs).concat();
        assert!(
            marked.contains("一点二") && marked.contains("五万") && !marked.contains('元'),
            "{}",
            show(&segs)
        );
    }

    #[test]
    fn an_indefinite_one_is_no_number() {
        // T38: 历下 第七十三条 against 市中: 一个地方、一个点 is no figure (numbers agrees).
        let segs = diff(
            "不安排区政府领导同志集中或者轮番到一个地方、一个点去调研。",
            "不安排领导同志轮番到基层调研。",
        );
        assert!(flagged(&segs).is_empty(), "{}", show(&segs));
        let segs = diff("涉及两个以上部门的事项", "涉及三个以上部门的事项");
        assert!(!flagged(&segs).is_empty(), "{}", show(&segs));
    }

    #[test]
    fn one_sum_written_two_ways_is_no_changed_number() {
        // 1万元 and 一万元 are one sum, as numbers compares them.
        let segs = diff(
            "处1万元以上10万元以下罚款。",
            "处一万元以上十万元以下罚款。",
        );
        assert!(flagged(&segs).is_empty(), "{segs:?}");
        let segs = diff(
            "处1万元以上10万元以下罚款。",
            "处一万元以上五万元以下罚款。",
        );
        assert!(!flagged(&segs).is_empty(), "{segs:?}");
    }

    #[test]
    fn a_plain_word_change_is_not_a_number() {
        let segs = diff("由区长召集和主持", "由区长召集并主持");
        let changed: Vec<_> = segs.iter().filter(|s| s.op != Op::Equal).collect();
        assert!(!changed.is_empty());
        assert!(changed.iter().all(|s| !s.is_number && !s.is_punct));
    }

    #[test]
    fn punctuation_only_change_is_flagged_quiet() {
        let segs = diff(
            "研究决定重大事项，部署工作。",
            "研究决定重大事项；部署工作。",
        );
        let changed: Vec<_> = segs.iter().filter(|s| s.op != Op::Equal).collect();
        assert_eq!(changed.len(), 2, "{}", show(&segs));
        assert!(changed.iter().all(|s| s.is_punct));
    }

    #[test]
    fn similar_words_are_refined_to_characters() {
        let segs = diff("召开区政府常务会议研究", "召开区政府全体会议研究");
        // 会议 stays equal even if jieba keeps 常务会议 as one word.
        assert!(
            segs.iter().any(|s| s.op == Op::Delete && s.text == "常务"),
            "{}",
            show(&segs)
        );
        assert!(segs.iter().any(|s| s.op == Op::Insert && s.text == "全体"));
    }

    #[test]
    fn similarity_is_one_for_equal_and_lower_for_different() {
        let a = Words::new("区政府常务会议由区长召集和主持。");
        let b = Words::new("区政府常务会议由区长召集和主持。");
        let c = Words::new("区政府全体会议由区长召集。");
        assert!((similarity(&a, &b) - 1.0).abs() < 1e-6);
        let s = similarity(&a, &c);
        assert!(s > 0.3 && s < 0.9, "{s}");
    }

    #[test]
    fn only_the_quantity_of_a_long_change_is_flagged() {
        let segs = diff(
            "每月召开一次，必要时可以随时召开。",
            "一般每2周召开1次，特殊情况下随时召开。",
        );
        let flagged: Vec<&str> = segs
            .iter()
            .filter(|s| s.is_number)
            .map(|s| s.text.as_str())
            .collect();
        // 每 is common to 每月 and 每2周; the changed period is marked.
        assert!(flagged.contains(&"2周"), "{}", show(&segs));
        assert!(
            flagged.iter().all(|t| !t.contains("特殊")),
            "{}",
            show(&segs)
        );
    }

    #[test]
    fn the_medoid_is_the_text_closest_to_all_others() {
        let texts = [
            "常务会议每两周召开一次。",
            "常务会议每月召开一次。",
            "常务会议每两周召开1次。",
        ];
        let words: Vec<Words> = texts.iter().map(|t| Words::new(t)).collect();
        let sharing = compare_all(&words);
        assert_eq!(medoid(&sharing.shared), 0);
        assert_eq!(medoid(&[]), 0);
    }

    #[test]
    fn support_counts_the_texts_that_share_a_word() {
        let texts = [
            "区政府常务会议每两周召开一次",
            "区政府常务会议每月召开一次",
            "区政府全体会议每月召开一次",
        ];
        let words: Vec<Words> = texts.iter().map(|t| Words::new(t)).collect();
        let sharing = compare_all(&words);
        let segs = diff_words(&words[0], &words[1]);
        let pieces = split_by_support(&segs, &sharing.support[1], &sharing.support[0]);
        // 每月 is said by the second and third texts, 每两周 by the first alone.
        let of = |text: &str, op: Op| {
            pieces
                .iter()
                .find(|(s, _)| s.text.contains(text) && s.op == op)
                .map(|(_, n)| *n)
        };
        assert_eq!(of("月", Op::Insert), Some(2));
        assert_eq!(of("两周", Op::Delete), Some(1));
        assert_eq!(of("召开", Op::Equal), Some(3));
        // The pieces still rebuild both texts.
        let own: String = pieces
            .iter()
            .filter(|(s, _)| s.op != Op::Delete)
            .map(|(s, _)| s.text.as_str())
            .collect();
        assert_eq!(own, texts[1]);
    }

    #[test]
    fn empty_sides_diff_to_one_insert_or_delete() {
        let segs = diff("", "新增内容");
        assert_eq!(segs.len(), 1);
        assert_eq!(segs[0].op, Op::Insert);
        let segs = diff("原有内容", "");
        assert_eq!(segs.len(), 1);
        assert_eq!(segs[0].op, Op::Delete);
        assert!(diff("", "").is_empty());
    }
}
