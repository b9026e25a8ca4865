//! How a name a user types picks a document: one rule for every command on a loaded corpus, for
//! the index's `--doc` filter and for `guize serve`, and one list of the closest names when a
//! name picks nothing. Pure; takes documents by their names ([`Named`]).

use crate::model::Regulation;
use crate::suggest;

/// What a user may call a document.
#[derive(Debug, Clone, Copy)]
pub struct DocNames<'a> {
    /// The document's id (`lixia`, `DLC/山东/x`).
    pub id: &'a str,
    /// Its aliases from the manifest (历下, 历下区).
    pub aliases: &'a [String],
    /// Its district, or empty.
    pub district: &'a str,
    /// Its title, or empty.
    pub title: &'a str,
}

/// A document as the lookup sees it: by its names.
pub trait Named {
    /// The document's names.
    fn names(&self) -> DocNames<'_>;
}

impl Named for Regulation {
    fn names(&self) -> DocNames<'_> {
        DocNames {
            id: self.id.as_str(),
            aliases: &self.meta.aliases,
            district: &self.meta.district,
            title: &self.meta.title,
        }
    }
}

/// The document `query` names: its id, else an alias (ids win: the loader drops an alias that
/// is another document's id), else the one document whose id matches ignoring ASCII case, whose
/// id ends in `/query` (`DLC/山东/x` → `x`), or whose district or title is `query`. `None` when
/// nothing matches, or more than one document matches that last way.
pub fn find<'d, T: Named>(docs: &'d [T], query: &str) -> Option<&'d T> {
    // A name pasted from a web page may carry a zero-width space (历下\u{200B}).
    let query = crate::text::fold::drop_invisible(query);
    let q = query.trim();
    if q.is_empty() {
        return None;
    }
    docs.iter()
        .find(|d| d.names().id == q)
        .or_else(|| {
            docs.iter()
                .find(|d| d.names().aliases.iter().any(|a| a == q))
        })
        .or_else(|| {
            let mut hits = docs.iter().filter(|d| {
                let n = d.names();
                n.id.eq_ignore_ascii_case(q)
                    || n.id.rsplit('/').next() == Some(q)
                    || n.district == q
                    || n.title == q
            });
            let first = hits.next()?;
            hits.next().is_none().then_some(first)
        })
}

/// The documents closest to `query` first, each by the closest of its id and aliases.
pub fn closest<'d, T: Named>(docs: &'d [T], query: &str) -> Vec<&'d T> {
    let best: Vec<&str> = docs
        .iter()
        .map(|d| {
            let n = d.names();
            let names = std::iter::once(n.id).chain(n.aliases.iter().map(String::as_str));
            suggest::rank(query, names).first().copied().unwrap_or(n.id)
        })
        .collect();
    // `rank` keeps the given order among ties and hands back the candidates themselves, so each
    // ranked name is found again by its address.
    let ranked = suggest::rank(query, &best);
    let mut used = vec![false; docs.len()];
    let mut out = Vec::with_capacity(docs.len());
    for name in ranked {
        if let Some(i) = (0..best.len()).find(|&i| !used[i] && std::ptr::eq(best[i], name)) {
            used[i] = true;
            out.push(&docs[i]);
        }
    }
    out
}

/// The `limit` documents closest to `query` for an error message: `zhoucun (周村区), lixia
/// (历下区), … (3422 in all)`.
pub fn closest_list<T: Named>(docs: &[T], query: &str, limit: usize) -> String {
    let mut out: Vec<String> = closest(docs, query)
        .into_iter()
        .take(limit)
        .map(|d| {
            let n = d.names();
            if n.district.is_empty() {
                n.id.to_string()
            } else {
                format!("{} ({})", n.id, n.district)
            }
        })
        .collect();
    if docs.len() > limit {
        out.push(format!("… ({} in all)", docs.len()));
    }
    if out.is_empty() {
        "none (the corpus is empty)".to_string()
    } else {
        out.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Doc(&'static str, Vec<String>, &'static str, &'static str);

    impl Named for Doc {
        fn names(&self) -> DocNames<'_> {
            DocNames {
                id: self.0,
                aliases: &self.1,
                district: self.2,
                title: self.3,
            }
        }
    }

    fn docs() -> Vec<Doc> {
        vec![
            Doc(
                "lixia",
                vec!["历下".into()],
                "历下区",
                "历下区人民政府工作规则",
            ),
            Doc("DLC/a/zhoucun", vec![], "周村区", ""),
            Doc("DLC/b/zhoucun", vec![], "", ""),
            Doc("huancui", vec!["lixia".into()], "", ""),
        ]
    }

    #[test]
    fn ids_then_aliases_then_one_unique_match() {
        let docs = docs();
        let id = |q: &str| find(&docs, q).map(|d| d.0);
        assert_eq!(id("lixia"), Some("lixia"), "an id wins over an alias");
        assert_eq!(id(" 历下 "), Some("lixia"));
        assert_eq!(id("LIXIA"), Some("lixia"));
        assert_eq!(id("历下区"), Some("lixia"));
        assert_eq!(id("历下区人民政府工作规则"), Some("lixia"));
        assert_eq!(id("周村区"), Some("DLC/a/zhoucun"));
        assert_eq!(id("zhoucun"), None, "two ids end in /zhoucun");
        assert_eq!(id(""), None);
    }

    #[test]
    fn closest_names_each_document_once() {
        let docs = docs();
        let list = closest_list(&docs, "zhoucn", 2);
        assert!(
            list.starts_with("DLC/a/zhoucun (周村区), DLC/b/zhoucun, … (4 in all)"),
            "{list}"
        );
        assert_eq!(closest(&docs, "x").len(), 4);
        assert_eq!(
            closest_list::<Doc>(&[], "x", 3),
            "none (the corpus is empty)"
        );
    }
}
