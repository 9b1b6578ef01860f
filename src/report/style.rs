//! Colour for the terminal: severity and status stand out at a glance.
//! Whether to colour is decided once, by the command (`--color`,
//! `NO_COLOR`, whether output is a terminal); renderers only ask.

use comfy_table::{Attribute, Cell, Color};

use crate::model::{Severity, Status};

/// Whether output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub color: bool,
}

/// How terminal output is laid out: the width to wrap tables to (None
/// when not printing to a terminal) and whether to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    pub width: Option<u16>,
    pub style: Style,
}

/// The colours inc uses, from alarming to reassuring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Alarm,
    Bad,
    Warn,
    Calm,
    Good,
}

impl Tone {
    fn of_severity(severity: Severity) -> Option<Tone> {
        match severity.level() {
            1 => Some(Tone::Alarm),
            2 => Some(Tone::Bad),
            3 => Some(Tone::Warn),
            _ => None,
        }
    }

    fn of_status(status: Status) -> Tone {
        match status {
            Status::Investigating => Tone::Bad,
            Status::Identified => Tone::Warn,
            Status::Monitoring => Tone::Calm,
            Status::Resolved => Tone::Good,
            Status::Cancelled => Tone::Calm,
        }
    }

    /// The ANSI SGR parameters.
    fn sgr(self) -> &'static str {
        match self {
            Tone::Alarm => "1;31",
            Tone::Bad => "31",
            Tone::Warn => "33",
            Tone::Calm => "36",
            Tone::Good => "32",
        }
    }

    fn cell(self, cell: Cell) -> Cell {
        match self {
            // The eight basic colours (SGR 31 to 36), as `paint` uses.
            Tone::Alarm => cell.fg(Color::DarkRed).add_attribute(Attribute::Bold),
            Tone::Bad => cell.fg(Color::DarkRed),
            Tone::Warn => cell.fg(Color::DarkYellow),
            Tone::Calm => cell.fg(Color::DarkCyan),
            Tone::Good => cell.fg(Color::DarkGreen),
        }
    }
}

impl Style {
    pub const PLAIN: Style = Style { color: false };

    fn paint(self, tone: Option<Tone>, text: &str) -> String {
        match tone {
            Some(tone) if self.color => format!("\x1b[{}m{text}\x1b[0m", tone.sgr()),
            _ => text.to_string(),
        }
    }

    fn cell(self, tone: Option<Tone>, text: String) -> Cell {
        let cell = Cell::new(text);
        match tone {
            Some(tone) if self.color => tone.cell(cell),
            _ => cell,
        }
    }

    /// `text` (already safe) in the severity's colour.
    pub fn severity(self, severity: Severity, text: &str) -> String {
        self.paint(Tone::of_severity(severity), text)
    }

    /// `text` (already safe) in the status's colour.
    pub fn status(self, status: Status, text: &str) -> String {
        self.paint(Some(Tone::of_status(status)), text)
    }

    /// `text` (already safe) highlighted: a search match, in bold yellow.
    pub fn highlight(self, text: &str) -> String {
        if self.color {
            format!("\x1b[1;33m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// A table cell for the severity; comfy-table measures it without the
    /// colour codes.
    pub fn severity_cell(self, severity: Severity) -> Cell {
        self.cell(Tone::of_severity(severity), severity.to_string())
    }

    /// A table cell for the status.
    pub fn status_cell(self, status: Status) -> Cell {
        self.cell(Some(Tone::of_status(status)), status.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_style_adds_nothing_and_colour_wraps_and_resets() {
        let sev1 = Severity::new(1).unwrap();
        assert_eq!(Style::PLAIN.severity(sev1, "SEV1"), "SEV1");
        assert_eq!(
            Style::PLAIN.status(Status::Resolved, "resolved"),
            "resolved"
        );
        let on = Style { color: true };
        assert_eq!(on.severity(sev1, "SEV1"), "\x1b[1;31mSEV1\x1b[0m");
        assert_eq!(on.status(Status::Resolved, "ok"), "\x1b[32mok\x1b[0m");
        // SEV4 is not alarming: no colour.
        assert_eq!(on.severity(Severity::new(4).unwrap(), "SEV4"), "SEV4");
    }
}
