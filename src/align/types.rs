//! Articles of a standard type taken out of a group of another type (setting `types`, after
//! `far`; review31 #6 (a), (f)). Two rules, each on the types of `corpus/article-types.tsv`:
//!
//! - **A definition** (an article every sentence of which defines a term: 本条例所称公众聚集场所，
//!   是指学校、幼儿园、医院…等场所, or 下列用语的含义 and its items) leaves a group in which no other
//!   member defines a term or sets the scope (the scope articles are where the other documents
//!   write their definitions). A definition shares its term, and often the term's list, with the
//!   articles that use it (配备视频监控 in 公众聚集场所: 学校、幼儿园、医院…), and says nothing of
//!   what they require.
//! - **A clause that says all by its formula** (施行日期, 条例解释, 立法目的, 制定依据: the types
//!   whose label takes no terms) keeps out an article with none of those formulas when every
//!   other member of the group has one of them, the same, two members at least: a transitional rule (本条例施行前…按照本条例的规定
//!   执行) beside the commencement shares its words and is no commencement.
//!
//! The article taken out stands alone. Nothing joins.

use super::space::Space;
use crate::model::Regulation;

/// Settings of the step (`types`).
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct TypesParams {
    /// When true, a definition leaves a group with no other definition or scope article.
    pub definitions: bool,
    /// When true, an article without the formula leaves a group whose other members (two at
    /// least) all have one of the types that say all by their formula.
    pub formulas: bool,
}

impl Default for TypesParams {
    fn default() -> TypesParams {
        TypesParams {
            definitions: true,
            formulas: true,
        }
    }
}

/// The type of definitions and the type of the scope (`corpus/article-types.tsv`).
const DEFINITION: &str = "定义";
const SCOPE: &str = "适用范围";
/// The types whose formula says all (their label takes no terms), scope left out: a scope
/// article often defines its matter too.
const WHOLE: [&str; 4] = ["施行日期", "条例解释", "立法目的", "制定依据"];

/// Whether the normalised `text` only defines terms: every sentence holds a definition's
/// formula, or the article opens the list of 下列用语的含义 (its items are the definitions).
pub fn only_defines(text: &str) -> bool {
    let types = super::all_article_types(text);
    if !types.iter().any(|t| t == DEFINITION) {
        return false;
    }
    let sentences: Vec<&str> = text
        .split(['。', '；', '！', '？', ';', '\n'])
        .map(str::trim)
        .filter(|s| s.chars().count() > 1)
        .collect();
    let Some(first) = sentences.first() else {
        return false;
    };
    if ["下列用语的含义", "下列用语含义", "下列术语的含义"]
        .iter()
        .any(|f| first.contains(f))
    {
        return true;
    }
    sentences
        .iter()
        .all(|s| super::all_article_types(s).iter().any(|t| t == DEFINITION))
}

/// The grouping with the articles the rules take out standing alone.
pub(crate) fn keep_apart(
    docs: &[&Regulation],
    space: &Space,
    clusters: Vec<Vec<usize>>,
    params: &TypesParams,
) -> Vec<Vec<usize>> {
    if !params.definitions && !params.formulas {
        return clusters;
    }
    let text = |u: usize| {
        space
            .units
            .get(u)
            .and_then(|unit| unit.article(docs))
            .map_or("", |a| a.norm.as_str())
    };
    let mut out = Vec::with_capacity(clusters.len());
    for group in clusters {
        if group.len() < 2 {
            out.push(group);
            continue;
        }
        let types: Vec<Vec<String>> = group
            .iter()
            .map(|&u| super::all_article_types(text(u)))
            .collect();
        let has = |i: usize, t: &str| types[i].iter().any(|x| x == t);
        let mut leave = vec![false; group.len()];
        if params.definitions {
            for (i, &u) in group.iter().enumerate() {
                let others_define = (0..group.len())
                    .filter(|&j| j != i)
                    .any(|j| has(j, DEFINITION) || has(j, SCOPE));
                if !others_define && only_defines(text(u)) {
                    leave[i] = true;
                }
            }
        }
        if params.formulas {
            for (i, _) in group.iter().enumerate() {
                let others: Vec<usize> = (0..group.len()).filter(|&j| j != i).collect();
                // Without any of those formulas: a national law's purpose (为了…制定本条例) is
                // one with its provinces' purpose and basis (根据…制定本条例).
                // The article's own formulas are read across its line breaks too: a source
                // hard-wrapped inside a sentence (…《中华人民共和国义⏎务教育法》…制定本条例) keeps
                // its purpose clause.
                let apart = others.len() >= 2
                    && !WHOLE.iter().any(|t| has(i, t))
                    && {
                        let joined = super::all_article_types(&text(group[i]).replace('\n', ""));
                        !WHOLE.iter().any(|t| joined.iter().any(|x| x == t))
                    }
                    && WHOLE.iter().any(|t| others.iter().all(|&j| has(j, t)));
                if apart {
                    leave[i] = true;
                }
            }
        }
        // Never empty a group of its whole: when every member would leave, none does.
        if leave.iter().all(|&l| l) {
            out.push(group);
            continue;
        }
        let kept: Vec<usize> = group
            .iter()
            .zip(&leave)
            .filter(|&(_, &l)| !l)
            .map(|(&u, _)| u)
            .collect();
        let gone: Vec<Vec<usize>> = group
            .iter()
            .zip(&leave)
            .filter(|&(_, &l)| l)
            .map(|(&u, _)| vec![u])
            .collect();
        out.push(kept);
        out.extend(gone);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::only_defines;

    #[test]
    fn a_definition_only_defines() {
        assert!(only_defines(
            "本条例所称公众聚集场所，是指学校、幼儿园、医院、机场、车站等场所。"
        ));
        assert!(only_defines(
            "本条例下列用语的含义：\n（一）古树，是指树龄一百年以上的树木；\n（二）名木，是指珍贵树木。"
        ));
        // A definition with a duty beside it is more than a definition.
        assert!(!only_defines(
            "本条例所称科普工作者，是指从事科普工作的人员。科普工作者应当遵守职业道德。"
        ));
        assert!(!only_defines("本条例自2020年1月1日起施行。"));
    }
}
