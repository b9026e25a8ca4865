//! Articles in, the articles of the same regulation each one cites out (违反本条例第十五条规定 →
//! article 15). Penalty articles all look alike; what tells them apart is the provision they
//! punish, and they name it by number. References to other laws (《动物防疫法》第三十条) are
//! left out. Pure; no threads.

use super::space::Space;
use crate::model::Regulation;
use crate::text::numeral::parse_number;
use std::collections::HashMap;

/// Per unit of `space`, the units of the same document its article cites, sorted.
pub(crate) fn resolve(docs: &[&Regulation], space: &Space) -> Vec<Vec<usize>> {
    let mut by_number: HashMap<(usize, u32), usize> = HashMap::new();
    for (i, u) in space.units.iter().enumerate() {
        by_number.entry((u.doc, u.number)).or_insert(i);
    }
    space
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let Some(article) = docs.get(u.doc).and_then(|d| d.articles.get(u.pos)) else {
                return Vec::new();
            };
            let mut out: Vec<usize> = cited(&article.norm)
                .into_iter()
                .filter_map(|n| by_number.get(&(u.doc, n)).copied())
                .filter(|&j| j != i)
                .collect();
            out.sort_unstable();
            out.dedup();
            out
        })
        .collect()
}

/// Article numbers that `text` cites in its own regulation: every 第N条 not governed by a law
/// title (《…》) in the same clause. A number joined to the previous one by 、 和 或 至 or 到
/// (第十五条、第十六条) inherits that one's reading; 第N条至第M条 cites the whole run.
pub(crate) fn cited(text: &str) -> Vec<u32> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut previous: Option<(usize, bool, u32)> = None; // (end index, own regulation, number)
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '第' {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && is_numeral(chars[j]) {
            j += 1;
        }
        if j == i + 1 || j >= chars.len() || chars[j] != '条' {
            i += 1;
            continue;
        }
        let digits: String = chars[i + 1..j].iter().collect();
        let Some(n) = parse_number(&digits) else {
            i = j;
            continue;
        };
        let joined = previous.filter(|&(end, _, _)| {
            let between: String = chars[end..i].iter().collect();
            matches!(between.as_str(), "、" | "和" | "或" | "至" | "到")
        });
        let own = match joined {
            Some((_, own, _)) => own,
            None => !governed_by_title(&chars[..i]),
        };
        if own {
            if let Some((end, _, from)) = joined {
                let between: String = chars[end..i].iter().collect();
                if matches!(between.as_str(), "至" | "到") && from < n && n - from <= 20 {
                    out.extend(from + 1..n);
                }
            }
            out.push(n);
        }
        previous = Some((j + 1, own, n));
        i = j + 1;
    }
    out
}

fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
    ) || c.is_ascii_digit()
}

/// Whether the clause before a reference (back to the last ，。；：) names another law: a closing
/// 》 with no 本条例/本办法/本规定 after it.
fn governed_by_title(before: &[char]) -> bool {
    let start = before
        .iter()
        .rposition(|&c| matches!(c, '，' | '。' | '；' | '：' | '\n'))
        .map_or(0, |p| p + 1);
    let clause: String = before[start..].iter().collect();
    match clause.rfind('》') {
        Some(at) => {
            let after = &clause[at..];
            !(after.contains("本条例") || after.contains("本办法") || after.contains("本规定"))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::cited;

    #[test]
    fn references_to_the_own_regulation_are_read_and_other_laws_skipped() {
        assert_eq!(
            cited("违反本条例第十五条、第十六条规定的，处以罚款。"),
            vec![15, 16]
        );
        assert_eq!(cited("违反本条例第九条至第十二条规定"), vec![9, 10, 11, 12]);
        assert_eq!(
            cited("依照《中华人民共和国动物防疫法》第三十条、第三十一条处理；违反第8条的，罚款。"),
            vec![8]
        );
        assert!(cited("第一章 总则").is_empty());
        assert!(cited("每年第一季度").is_empty());
    }
}
