//! Terminal styling, in one place: what each mark of a diff and each role of a line (heading,
//! dim note, search highlight, differing figure) looks like with colour, and the markers that
//! stand for a mark without colour. Every terminal writer (compare, precedent, versions, search,
//! numbers, tables, show) takes its styles from here, so a deletion looks the same everywhere.

use super::Mark;
use anstyle::{AnsiColor, Color, Effects, Style};

/// What a piece of terminal text is, apart from diff marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Role {
    /// Headings, citations of hits, table headers: bold.
    Heading,
    /// Notes beside the text (group lines, citations under a column): dimmed.
    Dim,
    /// A query word found in a snippet: bold red.
    Hit,
    /// A figure that differs from what most documents state: bold yellow.
    Differ,
}

/// The style of a role.
pub fn role(role: Role) -> Style {
    match role {
        Role::Heading => Style::new().effects(Effects::BOLD),
        Role::Dim => Style::new().effects(Effects::DIMMED),
        Role::Hit => fg(AnsiColor::Red).effects(Effects::BOLD),
        Role::Differ => fg(AnsiColor::Yellow).effects(Effects::BOLD),
    }
}

/// The style of a diff mark: green underline for wording only this text has, red strike for
/// wording it lacks, a yellow background for a changed number, dim for quiet punctuation.
pub fn mark(mark: Mark) -> Style {
    match mark {
        Mark::Plain => Style::new(),
        Mark::Quiet => role(Role::Dim),
        Mark::Insert => fg(AnsiColor::Green).effects(Effects::UNDERLINE),
        Mark::Delete => fg(AnsiColor::Red).effects(Effects::STRIKETHROUGH),
        Mark::NumberInsert => fg(AnsiColor::Black)
            .bg_color(Some(Color::Ansi(AnsiColor::Yellow)))
            .effects(Effects::BOLD),
        Mark::NumberDelete => fg(AnsiColor::Red)
            .bg_color(Some(Color::Ansi(AnsiColor::Yellow)))
            .effects(Effects::STRIKETHROUGH),
    }
}

/// The markers that stand for a mark without colour: `{+…+}`, `[-…-]`, `{#…#}`, `[#…#]`.
pub fn markers(mark: Mark) -> (&'static str, &'static str) {
    match mark {
        Mark::Insert => ("{+", "+}"),
        Mark::Delete => ("[-", "-]"),
        Mark::NumberInsert => ("{#", "#}"),
        Mark::NumberDelete => ("[#", "#]"),
        Mark::Plain | Mark::Quiet => ("", ""),
    }
}

/// Styles when colour is on, plain text otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    /// Whether to colour at all.
    pub color: bool,
}

impl Painter {
    /// The style of a role, or no style without colour.
    pub fn role(&self, r: Role) -> Style {
        if self.color { role(r) } else { Style::new() }
    }

    /// `text` (neutralised: corpus text must not carry styles of its own) in the style of a
    /// role.
    pub fn paint(&self, r: Role, text: &str) -> String {
        let style = self.role(r);
        format!("{style}{}{style:#}", crate::safe_text::neutralize(text))
    }

    /// `text` (neutralised) with a diff mark: coloured, or between its markers without colour.
    pub fn marked(&self, m: Mark, text: &str) -> String {
        let text = crate::safe_text::neutralize(text);
        if self.color {
            let style = mark(m);
            format!("{style}{text}{style:#}")
        } else {
            let (open, close) = markers(m);
            format!("{open}{text}{close}")
        }
    }
}

fn fg(c: AnsiColor) -> Style {
    Style::new().fg_color(Some(Color::Ansi(c)))
}
