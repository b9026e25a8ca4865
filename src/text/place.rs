//! The places a regulation's title opens with (山东省济南市…, 北京市…, 某县…) and a title's words
//! without bracketed notes or markup: what the corpus reads a document's city from
//! ([`title_city`]) and what alignment strips off a title to find the matter it names
//! (`align::kin::titles`). Pure functions over `&str`.

/// Administrative names that end a place at the front of a title, by level: a place of a lower
/// level may follow one of a higher (山东省济南市, 济南市历下区), never the reverse. Each with the
/// longest the place may be, in characters with its ending, and the fewest characters of its
/// name: a province or city is named by two characters at least (城市 is no city), a county by
/// one (萧县).
/// A town (镇, level 4) is read only after a county (某县某镇) or as a placeholder (某镇): alone
/// at a title's front 镇 ends words (小城镇, 特色小镇), and 城镇 is never a town.
const PLACES: [(&str, u8, usize, usize); 14] = [
    ("共和国", 0, 12, 2),
    ("特别行政区", 1, 12, 1),
    ("自治区", 1, 12, 1),
    ("省", 1, 5, 2),
    ("自治州", 2, 12, 1),
    ("经济特区", 2, 12, 1),
    ("地区", 2, 6, 2),
    ("市", 2, 5, 2),
    ("盟", 2, 5, 2),
    ("自治县", 3, 12, 1),
    ("新区", 3, 6, 2),
    ("区", 3, 4, 2),
    ("县", 3, 4, 1),
    ("镇", 4, 5, 2),
];

/// A place's ending that begins a word with the next character is no place's end after a name of
/// more than two characters: 广东省人力资源市场条例 names a market.
const NOT_AN_END: [&str; 13] = [
    "市场", "市容", "市政", "市级", "市域", "区域", "区划", "区级", "县级", "县域", "省级", "省际",
    "省域",
];

/// The characters that stand for a place in a model text or a test (甲市, 乙县, 某区, 丙省, and
/// the rest of the ten stems, 戊市 … 癸市): a name of one of them is a place's, though a
/// province's or city's is two characters otherwise.
const PLACEHOLDERS: [char; 11] = [
    '甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '某',
];

/// Whether `name` before `end` is a placeholder place (甲 of 甲市; 市, 县, 区, 省 and 镇 only).
fn placeholder(name: &str, end: &str) -> bool {
    let mut chars = name.chars();
    matches!(end, "市" | "县" | "区" | "省" | "镇")
        && chars.next().is_some_and(|c| PLACEHOLDERS.contains(&c))
        && chars.next().is_none()
}

/// `title` without bracketed notes, blanks and the quotation marks' brackets of 〔〕, read from
/// its words only ([`without_markup`]).
pub(crate) fn without_brackets(title: &str) -> String {
    let title = without_markup(title);
    let mut out = String::new();
    let mut depth = 0usize;
    for c in title.chars() {
        match c {
            '（' | '(' | '【' | '[' | '〔' => depth += 1,
            '）' | ')' | '】' | ']' | '〕' => depth = depth.saturating_sub(1),
            _ if depth > 0 || c.is_whitespace() => {}
            _ => out.push(c),
        }
    }
    out
}

/// Elements whose content is code, not words: dropped with their tags.
const CODE_ELEMENTS: [&str; 2] = ["script", "style"];

/// `title` as its words: without markup tags (`<b>`, `</script>`), the content of a script or
/// style element, and ASCII punctuation other than brackets (their notes are dropped after) and
/// a mark inside a run of letters and digits (2.5 of PM2.5 stays). 某市<script>alert('t')</script>供热条例 reads 某市供热条例.
fn without_markup(title: &str) -> String {
    let mut t = title.to_string();
    for name in CODE_ELEMENTS {
        loop {
            let lower = t.to_ascii_lowercase();
            let Some(open) = lower.find(&format!("<{name}")) else {
                break;
            };
            let close = format!("</{name}>");
            let end = lower[open..]
                .find(&close)
                .map_or(t.len(), |at| open + at + close.len());
            t.replace_range(open..end, "");
        }
    }
    // Tags: < then a letter, / or ! up to the next >.
    let chars: Vec<char> = t.chars().collect();
    let mut words = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '<'
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!'))
            && let Some(len) = chars[i..].iter().position(|&x| x == '>')
        {
            i += len + 1;
            continue;
        }
        let inside = |k: Option<usize>| {
            k.and_then(|k| chars.get(k))
                .is_some_and(char::is_ascii_alphanumeric)
        };
        let kept =
            matches!(c, '(' | ')' | '[' | ']') || inside(i.checked_sub(1)) && inside(Some(i + 1));
        if c.is_ascii_punctuation() && !kept {
            i += 1;
            continue;
        }
        words.push(c);
        i += 1;
    }
    words
}

/// The city a title's leading places name (北京市殡葬管理条例 → 北京市; 山东省济南市… → 济南市;
/// 浙江省… → 浙江省), read as alignment reads a title's places off its matter: the last place of a province's or a
/// city's level (省, 自治区, 市, 经济特区 …). Stricter than stripping a place off a matter: a place
/// whose ending begins a word with the next character (技术市场, 建筑市场: `NOT_AN_END`) or
/// whose name ends in 城 (杭州城市) names no city. Empty when the title names none. What the
/// corpus takes for a document whose manifest gives no city. Districts (区, 县) are not taken: at
/// a title's front they are as often a matter's words (住宅小区, 开发区, 保税区).
pub fn title_city(title: &str) -> String {
    let t = without_brackets(title);
    let (places, rest) = places_at_front(&t);
    let mut city = "";
    for (i, &(place, level)) in places.iter().enumerate() {
        if !(1..=2).contains(&level) {
            continue;
        }
        let after = places.get(i + 1).map_or(rest, |(p, _)| p).chars().next();
        let ending = place.chars().last();
        let word: String = ending.into_iter().chain(after).collect();
        let name = &place[..place.len() - ending.map_or(0, char::len_utf8)];
        // A title opening with 关于 names its subject, not a place (关于市人民政府…的规定).
        if NOT_AN_END.contains(&word.as_str())
            || (ending == Some('市') && name.ends_with('城'))
            || name.contains("关于")
        {
            // A matter's word, and what follows it is the matter's too.
            break;
        }
        city = place;
    }
    city.to_string()
}

/// The places at the front of `t`, each with its level ([`PLACES`]), and what follows them.
pub(crate) fn places_at_front(t: &str) -> (Vec<(&str, u8)>, &str) {
    let mut places: Vec<(&str, u8)> = Vec::new();
    let mut rest = t;
    let mut level: Option<u8> = None;
    loop {
        let county_before = places.last().is_some_and(|(p, _)| {
            p.ends_with('县') && !p.ends_with("区县") && p.chars().count() >= 2
        });
        let chars: Vec<(usize, char)> = rest.char_indices().collect();
        let mut best: Option<(usize, u8)> = None;
        for &(end, lv, longest, fewest) in &PLACES {
            if level.is_some_and(|l| lv <= l) {
                continue;
            }
            let Some(at) = rest
                .match_indices(end)
                .map(|(i, _)| i)
                .find(|&i| rest[..i].chars().count() >= fewest || placeholder(&rest[..i], end))
            else {
                continue;
            };
            let name = rest[..at].chars().count();
            // A town only as a placeholder (某镇) or after a county's name (某县, 萧县); 城镇 is a
            // word, not a town.
            if end == "镇"
                && ((!county_before && !placeholder(&rest[..at], end))
                    || rest[..at].ends_with('城'))
            {
                continue;
            }
            let cut = at + end.len();
            let length = rest[..cut].chars().count();
            let left = chars.len() - length;
            let word = rest[cut - end.chars().last().map_or(0, char::len_utf8)..]
                .chars()
                .take(2)
                .collect::<String>();
            // A name of two characters is a place's whatever follows (安阳市政务服务).
            let word = name > 2 && NOT_AN_END.contains(&word.as_str());
            if length > longest || left < 2 || word {
                continue;
            }
            if best.is_none_or(|(b, _)| cut < b) {
                best = Some((cut, lv));
            }
        }
        match best {
            Some((cut, lv)) => {
                places.push((&rest[..cut], lv));
                rest = &rest[cut..];
                level = Some(lv);
            }
            None => return (places, rest),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_city_is_the_titles_leading_city() {
        assert_eq!(title_city("北京市殡葬管理条例"), "北京市");
        assert_eq!(title_city("山东省济南市历下区人民政府工作规则"), "济南市");
        assert_eq!(title_city("浙江省防震减灾条例(2017-11-30)"), "浙江省");
        assert_eq!(title_city("殡葬管理条例"), "");
        // A model text's place: any of the ten stems, or 某.
        assert_eq!(title_city("戊市湿地保护条例"), "戊市");
        assert_eq!(title_city("庚市法律援助条例"), "庚市");
        assert_eq!(title_city("某县殡葬管理规定"), "");
        assert_eq!(title_city("浙江省技术市场条例"), "浙江省");
        assert_eq!(title_city("城市市容和环境卫生管理条例"), "");
        assert_eq!(
            title_city("关于市人民政府向市人民代表大会常务委员会报告重大事项的若干规定"),
            ""
        );
    }
}
