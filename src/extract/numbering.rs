//! Word's automatic numbering, rendered as Word shows it: a paragraph whose 第一条, （一） or `1.`
//! comes from a list (`w:numPr`, directly or through its paragraph style) has that text put before
//! it. The numbering part (`numbering.xml`) defines abstract lists (`w:abstractNum`: per level a
//! start value, a number format such as `chineseCounting`, a text such as `第%1条`, a restart rule)
//! and list instances (`w:num`) that point to one and may override a level's start. Counters are
//! kept per abstract list and level, as Word keeps them: instances of one abstract list continue
//! each other unless one of them overrides a start, which restarts the count where it is first used.

use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

/// One level of a list.
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:lvlRestart`: the level (1-based) whose use restarts this one; 0 never; None the default
    /// (any shallower level).
    restart: Option<u32>,
    /// `w:isLgl`: every level's number written in Arabic figures.
    legal: bool,
    /// `w:suff`: what follows the number (tab, space, nothing).
    suffix: Suffix,
    /// `w:pStyle`: the paragraph style this level is tied to.
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: "decimal".to_string(),
            text: String::new(),
            restart: None,
            legal: false,
            suffix: Suffix::Tab,
            style: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    Tab,
    Space,
    Nothing,
}

/// A list instance: its abstract list and its per-level overrides.
#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: String,
    /// Level → start override.
    starts: HashMap<u32, u32>,
    /// Level → a whole level definition replacing the abstract one.
    levels: HashMap<u32, Level>,
}

/// A paragraph's numbering reference (`w:numPr`), each part possibly missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct NumRef {
    pub num_id: Option<String>,
    pub level: Option<u32>,
}

/// The lists of a document and the counters met so far.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, HashMap<u32, Level>>,
    instances: HashMap<String, Instance>,
    /// Paragraph style → its numbering reference (own or inherited through `w:basedOn`).
    styles: HashMap<String, NumRef>,
    /// Abstract list → level → the current count.
    counters: HashMap<String, HashMap<u32, u32>>,
    /// (Instance, level) pairs whose start override has been applied.
    overridden: std::collections::HashSet<(String, u32)>,
}

fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.to_string())
            })
            .flatten()
    })
}

fn val(e: &BytesStart<'_>) -> Option<String> {
    attr(e, "val")
}

fn num_val(e: &BytesStart<'_>) -> Option<u32> {
    val(e).and_then(|v| v.trim().parse().ok())
}

/// An element of a part as [`walk`] passes it on.
enum Element<'e> {
    /// A start tag, or an empty element (`true`).
    Start(&'e BytesStart<'e>, bool),
    /// An end tag, by its local name.
    End(&'e str),
}

/// Reads `xml` event by event and passes every element's start and end to `visit`, but for
/// the subtrees `visit` skips: returning `true` for a start tag leaves out everything up to its
/// end tag, that end included. A malformed part ends the walk where it breaks.
fn walk(xml: &[u8], mut visit: impl FnMut(Element<'_>) -> bool) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    // Depth inside a skipped subtree.
    let mut skip = 0usize;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                if skip > 0 {
                    skip += usize::from(!empty);
                } else if visit(Element::Start(e, empty)) && !empty {
                    skip = 1;
                }
            }
            Event::End(ref e) => {
                if skip > 0 {
                    skip -= 1;
                } else {
                    visit(Element::End(e.local_name().as_ref()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
}

/// A property `name` (element `e`) of a list level, read into `l`.
fn read_level(l: &mut Level, name: &str, e: &BytesStart<'_>) {
    match name {
        "start" => l.start = num_val(e).unwrap_or(1),
        "numFmt" => {
            if let Some(v) = val(e) {
                l.format = v;
            }
        }
        "lvlText" => l.text = val(e).unwrap_or_default(),
        "lvlRestart" => l.restart = num_val(e),
        "isLgl" => l.legal = !matches!(val(e).as_deref(), Some("0" | "false")),
        "suff" => {
            l.suffix = match val(e).as_deref() {
                Some("space") => Suffix::Space,
                Some("nothing") => Suffix::Nothing,
                _ => Suffix::Tab,
            }
        }
        "pStyle" => l.style = val(e),
        _ => {}
    }
}

impl Numbering {
    /// Reads the numbering part and the styles part (either may be absent: empty bytes).
    pub(super) fn read(numbering: &[u8], styles: &[u8]) -> Numbering {
        let mut n = Numbering::default();
        if !numbering.is_empty() {
            n.read_numbering(numbering);
        }
        if !styles.is_empty() {
            n.read_styles(styles);
        }
        n
    }

    /// Whether the document has any list at all.
    pub(super) fn is_empty(&self) -> bool {
        self.instances.is_empty()
    }

    fn read_numbering(&mut self, xml: &[u8]) {
        // The abstract list or instance being read, and the level inside it.
        let mut abs: Option<(String, HashMap<u32, Level>)> = None;
        let mut inst: Option<(String, Instance)> = None;
        let mut level: Option<(u32, Level)> = None;
        let mut override_level: Option<u32> = None;
        // Abstract list → the numbering style it only points to (`w:numStyleLink`), and numbering
        // style → the abstract list that defines it (`w:styleLink`).
        let mut uses_style: HashMap<String, String> = HashMap::new();
        let mut defines_style: HashMap<String, String> = HashMap::new();
        walk(xml, |element| {
            match element {
                Element::Start(e, empty) => match e.local_name().as_ref() {
                    // Not the list's content (a level's run properties): skipped.
                    "rPr" | "pPr" | "lvlPicBulletId" if !empty => return true,
                    "abstractNum" => {
                        if let Some(id) = attr(e, "abstractNumId") {
                            abs = Some((id, HashMap::new()));
                        }
                    }
                    "num" => {
                        if let Some(id) = attr(e, "numId") {
                            inst = Some((id, Instance::default()));
                        }
                    }
                    "abstractNumId" => {
                        if let (Some((_, i)), Some(v)) = (inst.as_mut(), val(e)) {
                            i.abstract_id = v;
                        }
                    }
                    "lvlOverride" => override_level = attr(e, "ilvl").and_then(|v| v.parse().ok()),
                    "startOverride" => {
                        if let (Some((_, i)), Some(l), Some(v)) =
                            (inst.as_mut(), override_level, num_val(e))
                        {
                            i.starts.insert(l, v);
                        }
                    }
                    "lvl" => {
                        let ilvl = attr(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        level = (!empty).then(|| (ilvl, Level::default()));
                    }
                    link @ ("numStyleLink" | "styleLink") if level.is_none() => {
                        if let (Some((id, _)), Some(style)) = (abs.as_ref(), val(e)) {
                            if link == "numStyleLink" {
                                uses_style.insert(id.clone(), style);
                            } else {
                                defines_style.insert(style, id.clone());
                            }
                        }
                    }
                    name => {
                        if let Some((_, l)) = level.as_mut() {
                            read_level(l, name, e);
                        }
                    }
                },
                Element::End(name) => match name {
                    "lvl" => {
                        if let Some((ilvl, l)) = level.take() {
                            if let Some(o) = override_level {
                                if let Some((_, i)) = inst.as_mut() {
                                    i.levels.insert(o, l);
                                }
                            } else if let Some((_, a)) = abs.as_mut() {
                                a.insert(ilvl, l);
                            }
                        }
                    }
                    "lvlOverride" => override_level = None,
                    "abstractNum" => {
                        if let Some((id, a)) = abs.take() {
                            self.abstracts.insert(id, a);
                        }
                    }
                    "num" => {
                        if let Some((id, i)) = inst.take() {
                            self.instances.insert(id, i);
                        }
                    }
                    _ => {}
                },
            }
            false
        });
        // A list that only names a numbering style is that style's list: its levels and its
        // counters are those of the abstract list defining the style.
        for inst in self.instances.values_mut() {
            if let Some(def) = uses_style
                .get(&inst.abstract_id)
                .and_then(|style| defines_style.get(style))
            {
                inst.abstract_id.clone_from(def);
            }
        }
    }

    /// Paragraph styles' numbering references, through `w:basedOn`.
    fn read_styles(&mut self, xml: &[u8]) {
        // Style id → (based on, own numPr).
        let mut own: HashMap<String, (Option<String>, NumRef)> = HashMap::new();
        let mut current: Option<(String, Option<String>, NumRef)> = None;
        let mut in_ppr = false;
        walk(xml, |element| {
            match element {
                Element::Start(e, empty) => match e.local_name().as_ref() {
                    "style" if !empty => {
                        current = (attr(e, "type").as_deref() == Some("paragraph"))
                            .then(|| attr(e, "styleId"))
                            .flatten()
                            .map(|id| (id, None, NumRef::default()));
                    }
                    "basedOn" => {
                        if let Some((_, b, _)) = current.as_mut() {
                            *b = val(e);
                        }
                    }
                    "pPr" if !empty => in_ppr = true,
                    // Run, table and tracked-change properties: skipped.
                    "rPr" | "pPrChange" | "tblPr" | "tcPr" | "trPr" if !empty => return true,
                    "numId" if in_ppr => {
                        if let Some((_, _, r)) = current.as_mut() {
                            r.num_id = val(e);
                        }
                    }
                    "ilvl" if in_ppr => {
                        if let Some((_, _, r)) = current.as_mut() {
                            r.level = num_val(e);
                        }
                    }
                    _ => {}
                },
                Element::End(name) => match name {
                    "pPr" => in_ppr = false,
                    "style" => {
                        if let Some((id, based, r)) = current.take() {
                            own.insert(id, (based, r));
                        }
                    }
                    _ => {}
                },
            }
            false
        });
        for id in own.keys() {
            let mut r = NumRef::default();
            let mut at = Some(id.clone());
            // A chain of at most 20 styles (a loop in a damaged file ends there).
            for _ in 0..20 {
                let Some((based, mine)) = at.as_ref().and_then(|s| own.get(s)) else {
                    break;
                };
                if r.num_id.is_none() {
                    r.num_id.clone_from(&mine.num_id);
                }
                if r.level.is_none() {
                    r.level = mine.level;
                }
                at.clone_from(based);
            }
            if r.num_id.is_some() {
                self.styles.insert(id.clone(), r);
            }
        }
    }

    /// The level definition in force for `level` of instance `num_id`.
    fn level(&self, num_id: &str, level: u32) -> Option<(&str, &Level)> {
        let inst = self.instances.get(num_id)?;
        let abs = inst.abstract_id.as_str();
        let def = inst
            .levels
            .get(&level)
            .or_else(|| self.abstracts.get(abs)?.get(&level))?;
        Some((abs, def))
    }

    /// The text Word shows before a paragraph with numbering reference `direct` and paragraph
    /// style `style` (either may be missing), counting it; `None` when it is not numbered (or is a
    /// bullet, which says nothing a reader cites).
    pub(super) fn label(&mut self, direct: &NumRef, style: Option<&str>) -> Option<String> {
        let from_style = style.and_then(|s| self.styles.get(s));
        let num_id = direct
            .num_id
            .clone()
            .or_else(|| from_style.and_then(|r| r.num_id.clone()))?;
        // numId 0 takes a style's numbering away.
        if num_id.trim() == "0" {
            return None;
        }
        let level = direct
            .level
            .or_else(|| from_style.and_then(|r| r.level))
            .or_else(|| {
                // A level tied to the paragraph's style.
                let (abs, _) = self.level(&num_id, 0)?;
                let style = style?;
                self.abstracts
                    .get(abs)?
                    .iter()
                    .find(|(_, l)| l.style.as_deref() == Some(style))
                    .map(|(&k, _)| k)
            })
            .unwrap_or(0)
            .min(8);
        let (abs, def) = self.level(&num_id, level)?;
        let abs = abs.to_string();
        let def = def.clone();
        // Count: a start override applies where its instance is first used at that level.
        let counts = self.counters.entry(abs.clone()).or_default();
        let start = self
            .instances
            .get(&num_id)
            .and_then(|i| i.starts.get(&level).copied());
        let fresh = match start {
            Some(s) if self.overridden.insert((num_id.clone(), level)) => Some(s),
            _ => None,
        };
        let value = match (fresh, counts.get(&level)) {
            (Some(s), _) => s,
            (None, Some(&c)) => c.saturating_add(1),
            (None, None) => start.unwrap_or(def.start),
        };
        counts.insert(level, value);
        // Deeper levels restart by their rule.
        let deeper: Vec<u32> = counts.keys().copied().filter(|&k| k > level).collect();
        for k in deeper {
            let rule = self
                .level(&num_id, k)
                .and_then(|(_, l)| l.restart)
                .unwrap_or(k);
            if rule != 0
                && level < rule
                && let Some(c) = self.counters.get_mut(&abs)
            {
                c.remove(&k);
            }
        }
        if def.format == "bullet" {
            return None;
        }
        let mut out = String::new();
        let mut chars = def.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
                && (1..=9).contains(&d)
            {
                chars.next();
                let k = d - 1;
                let value = self
                    .counters
                    .get(&abs)
                    .and_then(|c| c.get(&k).copied())
                    .or_else(|| self.level(&num_id, k).map(|(_, l)| l.start))
                    .unwrap_or(1);
                let format = if def.legal && k != level {
                    "decimal".to_string()
                } else {
                    self.level(&num_id, k)
                        .map_or_else(|| "decimal".to_string(), |(_, l)| l.format.clone())
                };
                out.push_str(&format_number(value, &format));
            } else {
                out.push(c);
            }
        }
        if out.trim().is_empty() {
            return None;
        }
        // What follows the number: a full-width space after a head ending in a Han character
        // (第一条　, as heads are typed); nothing after a bracket or a mark (（一）, 1.); a space
        // after a bare figure or letter.
        if def.suffix != Suffix::Nothing {
            match out.chars().last() {
                Some(c) if crate::text::chars::is_han(c) => out.push('\u{3000}'),
                Some(c) if c.is_alphanumeric() => out.push(' '),
                _ => {}
            }
        }
        Some(out)
    }
}

/// `value` written in Word's number format `format`.
pub(super) fn format_number(value: u32, format: &str) -> String {
    const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    const BRANCHES: [char; 12] = [
        '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
    ];
    let enclosed = |first: u32, max: u32| {
        if (1..=max).contains(&value) {
            char::from_u32(first + value - 1).map_or_else(|| value.to_string(), String::from)
        } else {
            value.to_string()
        }
    };
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "koreanCounting" => crate::text::numeral::to_chinese(value),
        "chineseLegalSimplified"
        | "japaneseLegal"
        | "taiwaneseDigital"
        | "ideographLegalTraditional" => crate::text::numeral::to_chinese(value)
            .chars()
            .map(|c| match c {
                '一' => '壹',
                '二' => '贰',
                '三' => '叁',
                '四' => '肆',
                '五' => '伍',
                '六' => '陆',
                '七' => '柒',
                '八' => '捌',
                '九' => '玖',
                '十' => '拾',
                '百' => '佰',
                '千' => '仟',
                other => other,
            })
            .collect(),
        "ideographDigital" | "japaneseDigitalTenThousand" => value
            .to_string()
            .chars()
            .map(|d| match d {
                '0' => '〇',
                d => crate::text::numeral::to_chinese(d.to_digit(10).unwrap_or(0))
                    .chars()
                    .next()
                    .unwrap_or(d),
            })
            .collect(),
        "ideographTraditional" => STEMS[(value.max(1) as usize - 1) % 10].to_string(),
        "ideographZodiac" => BRANCHES[(value.max(1) as usize - 1) % 12].to_string(),
        "decimalZero" if value < 10 => format!("0{value}"),
        "decimalFullWidth" | "decimalFullWidth2" => value
            .to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10).unwrap_or(d))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            enclosed(0x2460, 20)
        }
        "decimalEnclosedFullstop" => enclosed(0x2488, 20),
        "decimalEnclosedParen" => enclosed(0x2474, 20),
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let letter = (base + ((value.max(1) - 1) % 26) as u8) as char;
            std::iter::repeat_n(letter, ((value.max(1) - 1) / 26 + 1) as usize).collect()
        }
        "upperRoman" | "lowerRoman" => {
            let r = roman(value);
            if format == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            }
        }
        "none" => String::new(),
        _ => value.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn lvl(ilvl: u32, fmt: &str, text: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:lvl>"#
        )
    }

    fn numbering(abstracts: &str, nums: &str) -> Vec<u8> {
        format!(r#"<?xml version="1.0"?><w:numbering {W}>{abstracts}{nums}</w:numbering>"#)
            .into_bytes()
    }

    fn r(num: &str, level: u32) -> NumRef {
        NumRef {
            num_id: Some(num.into()),
            level: Some(level),
        }
    }

    #[test]
    fn a_list_that_names_a_numbering_style_counts_with_that_style_s_list() {
        // Abstract list 1 only points to the numbering style 条款; list 0 defines that style.
        // Instances of both continue one count, in list 0's format.
        let abs = format!(
            r#"<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="条款"/>{}</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="条款"/></w:abstractNum>"#,
            lvl(0, "chineseCounting", "第%1条"),
        );
        let nums = r#"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#;
        let mut n = Numbering::read(&numbering(&abs, nums), b"");
        assert_eq!(n.label(&r("2", 0), None).as_deref(), Some("第一条\u{3000}"));
        assert_eq!(n.label(&r("1", 0), None).as_deref(), Some("第二条\u{3000}"));
        assert_eq!(n.label(&r("2", 0), None).as_deref(), Some("第三条\u{3000}"));
        // A link to a style no list defines leaves the paragraph unnumbered, never a panic.
        let dangling =
            r#"<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="无"/></w:abstractNum>"#;
        let nums = r#"<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#;
        let mut n = Numbering::read(&numbering(dangling, nums), b"");
        assert_eq!(n.label(&r("2", 0), None), None);
    }

    #[test]
    fn formats_as_word_does() {
        assert_eq!(format_number(11, "chineseCounting"), "十一");
        assert_eq!(format_number(103, "chineseCountingThousand"), "一百零三");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(12, "chineseLegalSimplified"), "拾贰");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(7, "decimal"), "7");
        assert_eq!(format_number(105, "ideographDigital"), "一〇五");
    }

    #[test]
    fn levels_count_restart_and_compose() {
        let abs = format!(
            r#"<w:abstractNum w:abstractNumId="5">{}{}{}</w:abstractNum>"#,
            lvl(0, "chineseCounting", "第%1条"),
            lvl(1, "chineseCounting", "（%2）"),
            lvl(2, "decimal", "%1.%3")
        );
        let xml = numbering(
            &abs,
            r#"<w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num>"#,
        );
        let mut n = Numbering::read(&xml, b"");
        let got: Vec<Option<String>> = [(0, 0), (1, 1), (1, 1), (0, 0), (1, 1), (2, 2)]
            .iter()
            .map(|&(l, _)| n.label(&r("3", l), None))
            .collect();
        assert_eq!(
            got,
            [
                Some("第一条\u{3000}".to_string()),
                Some("（一）".to_string()),
                Some("（二）".to_string()),
                Some("第二条\u{3000}".to_string()),
                Some("（一）".to_string()),
                // Each number in its own level's format, as Word writes it without isLgl.
                Some("二.1 ".to_string()),
            ]
        );
    }

    #[test]
    fn instances_continue_their_list_unless_a_start_is_overridden() {
        let abs = format!(
            r#"<w:abstractNum w:abstractNumId="0">{}</w:abstractNum>"#,
            lvl(0, "decimal", "%1.")
        );
        let nums = r#"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
            <w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>"#;
        let mut n = Numbering::read(&numbering(&abs, nums), b"");
        let got: Vec<String> = ["1", "1", "2", "3", "3", "4", "0"]
            .iter()
            .map(|id| n.label(&r(id, 0), None).unwrap_or_default())
            .collect();
        assert_eq!(got, ["1.", "2.", "3.", "1.", "2.", "5.", ""]);
    }

    #[test]
    fn a_style_carries_its_numbering_and_bullets_say_nothing() {
        let abs = format!(
            r#"<w:abstractNum w:abstractNumId="0">{}</w:abstractNum><w:abstractNum w:abstractNumId="1">{}</w:abstractNum>"#,
            lvl(0, "chineseCountingThousand", "第%1章"),
            lvl(0, "bullet", "•")
        );
        let nums = r#"<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="8"><w:abstractNumId w:val="1"/></w:num>"#;
        let styles = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Chapter"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
               <w:style w:type="paragraph" w:styleId="Chapter2"><w:basedOn w:val="Chapter"/></w:style></w:styles>"#
        );
        let mut n = Numbering::read(&numbering(&abs, nums), styles.as_bytes());
        assert_eq!(
            n.label(&NumRef::default(), Some("Chapter")).as_deref(),
            Some("第一章\u{3000}")
        );
        assert_eq!(
            n.label(&NumRef::default(), Some("Chapter2")).as_deref(),
            Some("第二章\u{3000}")
        );
        assert_eq!(n.label(&NumRef::default(), Some("Normal")), None);
        assert_eq!(n.label(&r("8", 0), None), None);
        // A paragraph that takes its style's numbering away.
        let off = NumRef {
            num_id: Some("0".into()),
            level: None,
        };
        assert_eq!(n.label(&off, Some("Chapter")), None);
    }
}
