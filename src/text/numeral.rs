//! Numerals both ways: 九十五 ↔ 95, 一百零三 ↔ 103, article labels (39 → 第三十九条), and Arabic
//! digits, full-width or not (the one reader of digits in the crate). Pure functions; never panics.

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// The value of one Chinese digit character (〇 and 两 included).
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | 'Ｏ' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '兩' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn unit_value(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// The value of a myriad character: 万 and 萬 (10⁴), 亿 and 億 (10⁸).
fn myriad_value(c: char) -> Option<u64> {
    match c {
        '万' | '萬' => Some(10_000),
        '亿' | '億' => Some(100_000_000),
        _ => None,
    }
}

/// True for any character that may appear inside a number this module reads.
pub fn is_numeral_char(c: char) -> bool {
    chinese_digit(c).is_some()
        || unit_value(c).is_some()
        || myriad_value(c).is_some()
        || arabic_digit(c).is_some()
}

/// The value of one Arabic digit, ASCII or full-width (３ → 3).
pub fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A Chinese numeral character (一, 两, 十, 万, 〇…): a numeral character that is not an Arabic digit.
pub fn is_chinese_numeral(c: char) -> bool {
    is_numeral_char(c) && arabic_digit(c).is_none()
}

/// An Arabic number (ASCII or full-width digits, optional decimals after `.` or `．`) at the start
/// of `s`, and its byte length.
pub fn arabic_prefix(s: &str) -> Option<(f64, usize)> {
    let (int, len) = digits_prefix(s)?;
    // Decimals: 1.5 / 1．5, only when a digit follows the point.
    let after = &s[len..];
    let point = ['.', '．'].into_iter().find(|p| after.starts_with(*p));
    if let Some(p) = point {
        let mut scale = 0.1;
        let mut frac = 0.0;
        let mut flen = 0;
        for (i, c) in after[p.len_utf8()..].char_indices() {
            let Some(d) = arabic_digit(c) else { break };
            frac += f64::from(d) * scale;
            scale /= 10.0;
            flen = i + c.len_utf8();
        }
        if flen > 0 {
            return Some((int + frac, len + p.len_utf8() + flen));
        }
    }
    Some((int, len))
}

/// The run of Arabic digits at the start of `s` read as one number, and its byte length.
fn digits_prefix(s: &str) -> Option<(f64, usize)> {
    let mut value: f64 = 0.0;
    let mut len = 0;
    for (i, c) in s.char_indices() {
        let Some(d) = arabic_digit(c) else { break };
        value = value * 10.0 + f64::from(d);
        len = i + c.len_utf8();
    }
    (len > 0).then_some((value, len))
}

/// A Chinese number at the start of `s` and its byte length: an integer (九十五, 两, 一千五百,
/// 二〇二二) with an optional decimal part after 点 (一点二 → 1.2, 零点八 → 0.8, 二百零一点零六 →
/// 201.06), as fees, areas and rates are written. The decimal part is digits alone: 十点三十分 is a
/// time of day, not 10.3, and 一点儿 has no decimal at all.
pub fn chinese_prefix(s: &str) -> Option<(f64, usize)> {
    let len: usize = s
        .chars()
        .take_while(|&c| is_chinese_numeral(c))
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    let int = f64::from(parse_number(&s[..len])?);
    let Some(after) = s[len..].strip_prefix('点') else {
        return Some((int, len));
    };
    let digits: Vec<u32> = after
        .chars()
        .map_while(|c| chinese_digit(c).filter(|_| !matches!(c, '两' | '兩')))
        .collect();
    // Each decimal digit is one character of three bytes (零〇一…九, 壹…玖).
    let flen: usize = after.chars().take(digits.len()).map(char::len_utf8).sum();
    let next = after[flen..].chars().next();
    if digits.is_empty()
        || next.is_some_and(|c| unit_value(c).is_some() || myriad_value(c).is_some())
    {
        return Some((int, len));
    }
    let frac: f64 = digits
        .iter()
        .rev()
        .fold(0.0, |acc, &d| (acc + f64::from(d)) / 10.0);
    Some((int + frac, len + '点'.len_utf8() + flen))
}

/// Reads a whole string as a number: Chinese (九十五, 一百零三, 二〇二二) or Arabic (95, ９５).
/// Returns `None` for anything else, the empty string, or values beyond `u32`.
pub fn parse_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| arabic_digit(c).is_some()) {
        return parse_arabic(s);
    }
    parse_chinese(s)
}

/// A whole string of Arabic digits as a `u32` (`None` beyond it).
fn parse_arabic(s: &str) -> Option<u32> {
    let (value, len) = digits_prefix(s)?;
    (len == s.len() && value <= f64::from(u32::MAX)).then_some(value as u32)
}

fn parse_chinese(s: &str) -> Option<u32> {
    // Positional digits only (二〇二二, 一〇): read as a digit string. Two plain digits (三四) are
    // an approximate count ("three or four"), not a number.
    let len = s.chars().count();
    if (len > 2 || (len == 2 && s.contains(['〇', '零'])))
        && s.chars().all(|c| chinese_digit(c).is_some())
    {
        let mut n: u32 = 0;
        for c in s.chars() {
            n = n.checked_mul(10)?.checked_add(chinese_digit(c)?)?;
        }
        return Some(n);
    }
    // Myriads from the highest: 三亿五千万 is 3×10⁸ + 5000×10⁴. The part before a myriad may be
    // written in Arabic digits (1万, 10萬), as sums of money are.
    let mut total: u64 = 0;
    let mut rest = s;
    let mut last = u64::MAX;
    while let Some((i, m)) = rest
        .char_indices()
        .find_map(|(i, c)| myriad_value(c).map(|m| (i, m)))
    {
        if m >= last {
            return None;
        }
        let head = &rest[..i];
        let count = if head.chars().all(|c| arabic_digit(c).is_some()) {
            u64::from(parse_arabic(head)?)
        } else {
            u64::from(parse_below_10000(head)?)
        };
        total = total.checked_add(count.checked_mul(m)?)?;
        last = m;
        rest = &rest[i + rest[i..].chars().next().map_or(1, char::len_utf8)..];
    }
    if !rest.is_empty() {
        total = total.checked_add(u64::from(parse_below_10000(rest)?))?;
    } else if last == u64::MAX {
        return None;
    }
    u32::try_from(total).ok()
}

/// 一千零三, 九十五, 十二, 零: the part of a number below 万.
fn parse_below_10000(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for c in s.chars() {
        if let Some(d) = chinese_digit(c) {
            if pending.is_some_and(|p| p != 0) {
                return None; // two digits in a row without a unit (三四)
            }
            pending = Some(d);
        } else if let Some(u) = unit_value(c) {
            if u >= last_unit {
                return None; // units must fall: 百 after 十 is malformed
            }
            let d = pending.take().unwrap_or(1); // 十二: an implied 一
            if d == 0 {
                return None;
            }
            total += d * u;
            last_unit = u;
        } else {
            return None;
        }
    }
    if let Some(d) = pending {
        total += d;
    }
    Some(total)
}

/// Writes a number in Chinese as regulations do: 39 → 三十九, 103 → 一百零三, 110 → 一百一十,
/// 10 → 十, 0 → 零.
pub fn to_chinese(n: u32) -> String {
    if n == 0 {
        return "零".to_string();
    }
    let mut out = String::new();
    let wan = n / 10_000;
    let rest = n % 10_000;
    if wan > 0 {
        out.push_str(&below_10000(wan, true));
        out.push('万');
        if rest > 0 {
            if rest < 1000 {
                out.push('零');
            }
            out.push_str(&below_10000(rest, false));
        }
    } else {
        out.push_str(&below_10000(rest, true));
    }
    out
}

/// `leading` is true when nothing precedes: then 10..19 read 十, 十一 rather than 一十, 一十一.
fn below_10000(n: u32, leading: bool) -> String {
    let places = [(1000, '千'), (100, '百'), (10, '十')];
    let mut out = String::new();
    let mut rest = n;
    let mut zero_pending = false;
    let mut started = false;
    for (value, unit) in places {
        let d = rest / value;
        rest %= value;
        if d == 0 {
            if started {
                zero_pending = true;
            }
            continue;
        }
        if zero_pending {
            out.push('零');
            zero_pending = false;
        }
        if !(value == 10 && d == 1 && !started && leading) {
            out.push(DIGITS[d as usize]);
        }
        out.push(unit);
        started = true;
    }
    if rest > 0 {
        if zero_pending {
            out.push('零');
        }
        out.push(DIGITS[rest as usize]);
    }
    out
}

/// The label of an article: 39 → 第三十九条.
pub fn article_label(n: u32) -> String {
    format!("第{}条", to_chinese(n))
}

/// The label of a chapter: 8 → 第八章.
pub fn chapter_label(n: u32) -> String {
    format!("第{}章", to_chinese(n))
}

/// Reads what a user may type for an article: 39, ３９, 第三十九条, 三十九, 第39条, 四十三、.
pub fn parse_article_query(s: &str) -> Option<u32> {
    let s = s.trim().trim_end_matches(['、', '．']);
    let s = s.strip_prefix('第').unwrap_or(s);
    let s = s.strip_suffix('条').unwrap_or(s);
    parse_number(s.trim())
}

/// Reads an article reference with an optional 之X suffix: 17之一 → (17, 1), 39 → (39, 0).
pub fn parse_article_ref(s: &str) -> Option<(u32, u32)> {
    // 四十三、 is how an X、 document cites its article.
    let s = s.trim().trim_end_matches(['、', '．']);
    match s.split_once('之') {
        Some((main, sub)) => {
            let main = main.trim().strip_prefix('第').unwrap_or(main.trim());
            let main = main.strip_suffix('条').unwrap_or(main);
            Some((parse_number(main)?, parse_number(sub.trim())?))
        }
        None => Some((parse_article_query(s)?, 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_myriads_in_either_script_and_after_arabic_digits() {
        assert_eq!(parse_number("十萬"), Some(100_000));
        assert_eq!(parse_number("十万"), Some(100_000));
        assert_eq!(parse_number("一億"), Some(100_000_000));
        assert_eq!(parse_number("三亿五千万"), Some(350_000_000));
        assert_eq!(parse_number("1万"), Some(10_000));
        assert_eq!(parse_number("10萬"), Some(100_000));
        assert_eq!(parse_number("五十亿"), None, "beyond u32");
        assert_eq!(parse_number("万亿"), None);
        assert_eq!(parse_number("一万一亿"), None, "myriads must fall");
        assert_eq!(chinese_prefix("十萬元"), Some((100_000.0, "十萬".len())));
    }

    #[test]
    fn reads_chinese_numbers() {
        assert_eq!(parse_number("九十五"), Some(95));
        assert_eq!(parse_number("一百零三"), Some(103));
        assert_eq!(parse_number("十"), Some(10));
        assert_eq!(parse_number("十二"), Some(12));
        assert_eq!(parse_number("二十"), Some(20));
        assert_eq!(parse_number("一百一十"), Some(110));
        assert_eq!(parse_number("两千零五"), Some(2005));
        assert_eq!(parse_number("二〇二二"), Some(2022));
        assert_eq!(parse_number("一万零一"), Some(10001));
        assert_eq!(parse_number("３９"), Some(39));
        assert_eq!(parse_number("三四"), None);
        assert_eq!(parse_number("十百"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("条"), None);
    }

    #[test]
    fn reads_chinese_decimals() {
        // Figures as lawrefbook writes them (物业管理条例, 森林法实施条例, 社会保险 rules).
        for (text, value, rest) in [
            ("一点二元", 1.2, "元"),
            ("零点八元", 0.8, "元"),
            ("一点五倍", 1.5, "倍"),
            ("零点七五吨", 0.75, "吨"),
            ("二百零一点零六平方公里", 201.06, "平方公里"),
            ("零点一二五立方米", 0.125, "立方米"),
            ("三十元", 30.0, "元"),
            ("十点三十分", 10.0, "点三十分"),
            ("一点儿", 1.0, "点儿"),
            ("三点", 3.0, "点"),
        ] {
            let (v, len) = chinese_prefix(text).unwrap_or((f64::NAN, 0));
            assert!((v - value).abs() < 1e-9, "{text}: {v}");
            assert_eq!(&text[len..], rest, "{text}");
        }
        assert_eq!(chinese_prefix("点二"), None);
    }

    #[test]
    fn writes_chinese_numbers() {
        assert_eq!(to_chinese(95), "九十五");
        assert_eq!(to_chinese(103), "一百零三");
        assert_eq!(to_chinese(10), "十");
        assert_eq!(to_chinese(110), "一百一十");
        assert_eq!(to_chinese(1005), "一千零五");
        assert_eq!(to_chinese(10001), "一万零一");
        assert_eq!(article_label(39), "第三十九条");
    }

    #[test]
    fn reads_article_queries() {
        for q in ["39", "第三十九条", "三十九", "第39条", "３９"] {
            assert_eq!(parse_article_query(q), Some(39), "{q}");
        }
        assert_eq!(parse_article_query("第条"), None);
        assert_eq!(parse_article_ref("第十七条之一"), Some((17, 1)));
        assert_eq!(parse_article_ref("17之一"), Some((17, 1)));
        assert_eq!(parse_article_ref("39"), Some((39, 0)));
    }

    #[test]
    fn round_trips_the_first_hundred_thousand() {
        for n in 0..100_000 {
            assert_eq!(
                parse_number(&to_chinese(n)),
                Some(n),
                "{n} {}",
                to_chinese(n)
            );
        }
    }
}
