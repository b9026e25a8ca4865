//! Ranks known names by closeness to what a user typed, for "unknown X; closest: …" errors.
//! Takes a query and candidates, returns candidates closest first; never fails.

/// Candidates ordered closest first: those containing the query (or contained in it) before the
/// rest, then by character edit distance relative to length; ties keep the given order.
pub fn rank<'a, I, S>(query: &str, candidates: I) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    let q: Vec<char> = query.trim().to_lowercase().chars().collect();
    let mut scored: Vec<(u8, u32, usize, &'a str)> = candidates
        .into_iter()
        .map(|c| c.as_ref())
        .enumerate()
        .map(|(i, c)| {
            let lower: Vec<char> = c.to_lowercase().chars().collect();
            let related = u8::from(!(contains(&lower, &q) || contains(&q, &lower)));
            let distance = edit_distance(&q, &lower);
            // Relative distance in thousandths so that short names are not always preferred.
            let relative = (distance * 1000 / q.len().max(lower.len()).max(1)) as u32;
            (related, relative, i, c)
        })
        .collect();
    scored.sort();
    scored.into_iter().map(|(_, _, _, c)| c).collect()
}

/// The closest `limit` candidates joined with ", " for an error message.
pub fn closest_list<'a, I, S>(query: &str, candidates: I, limit: usize) -> String
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    let ranked = rank(query, candidates);
    let mut out = ranked
        .iter()
        .take(limit)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if ranked.len() > limit {
        out.push_str(&format!(", … ({} in all)", ranked.len()));
    }
    out
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Levenshtein distance over characters (a Han character counts as one edit, not three bytes).
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitute.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_closest_first() {
        let names = ["lixia", "shizhong", "yanzhou", "zhoucun", "huancui"];
        assert_eq!(rank("zhoucn", &names)[0], "zhoucun");
        assert_eq!(rank("lixa", &names)[0], "lixia");
        assert_eq!(rank("yan", &names)[0], "yanzhou");
        assert_eq!(rank("历下区", &["市中区", "历下"])[0], "历下");
    }

    #[test]
    fn lists_a_limited_number() {
        let names = ["a", "b", "c"];
        assert_eq!(closest_list("a", &names, 2), "a, b, … (3 in all)");
        assert_eq!(edit_distance(&['历', '下'], &['历', '下', '区']), 1);
    }
}
