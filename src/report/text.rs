//! Text that is safe to print: user text never reaches a terminal as raw
//! control sequences. Also durations and one-line descriptions.

use std::borrow::Cow;
use std::fmt::Write;

use chrono::{DateTime, TimeDelta, Utc};

use super::style::Style;
use crate::model::{CommandRun, EntryKind, Field, Incident, Status, TimelineEntry};
use crate::time::Zone;

/// Characters that can reorder or hide text on screen (bidirectional
/// embeddings, overrides and isolates; line and paragraph separators).
fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// Whether a character must be escaped before it is printed or put in JSON.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_invisible_control(c)
}

fn escape_into(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// User text for a multi-line place (a table cell): line breaks stay, tabs
/// become spaces, every other control character is shown escaped.
pub fn safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if is_unsafe(c) => escape_into(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// User text for a one-line place (a title in a sentence, an error):
/// line breaks are shown escaped too.
pub fn safe_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            escape_into(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A duration as people read it: `45s`, `35m`, `1h 05m`, `2d 3h 05m`.
pub fn duration(d: TimeDelta) -> String {
    let secs = d.num_seconds().max(0);
    let (days, hours, mins) = (secs / 86_400, secs / 3600 % 24, secs / 60 % 60);
    if secs < 60 {
        format!("{secs}s")
    } else if secs < 3600 {
        format!("{mins}m")
    } else if days == 0 {
        format!("{hours}h {mins:02}m")
    } else {
        format!("{days}d {hours}h {mins:02}m")
    }
}

/// `#12 Elevated 500s from API`: how a confirmation names the incident it
/// wrote on, so that a note on the wrong incident is seen at once. A long
/// title is cut short.
pub fn incident_label(incident: &Incident) -> String {
    label(incident.number, &incident.title)
}

/// [`incident_label`] from the incident's id and title alone.
pub fn label(number: crate::model::Number, title: &str) -> String {
    const MAX: usize = 48;
    let title = safe_line(title);
    if title.chars().count() > MAX {
        let cut: String = title.chars().take(MAX - 1).collect();
        format!("{number} {}…", cut.trim_end())
    } else {
        format!("{number} {title}")
    }
}

/// `#12 SEV2 Elevated 500s from API`
pub fn incident_name(incident: &Incident) -> String {
    incident_heading(incident, Style::PLAIN)
}

/// The same, with the severity coloured when `style` says so.
pub fn incident_heading(incident: &Incident, style: Style) -> String {
    format!(
        "{} {} {}",
        incident.number,
        style.severity(incident.severity, &incident.severity.to_string()),
        safe_line(&incident.title)
    )
}

/// The words a reader knows for the records a correction names by UUID:
/// entries by their refs (as `inc timeline` shows them), incidents by
/// number. What is not in it is named by the end of its UUID.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub refs: std::collections::HashMap<String, String>,
    pub incidents: std::collections::HashMap<String, String>,
    /// Records a correction names in words rather than by ref: the title
    /// (the declared entry), a task by its text.
    pub labels: std::collections::HashMap<String, String>,
    /// On a team: the database user who pushed an entry to the hub, where
    /// it is not its recorded author (an entry written as someone else).
    pub pushed_by: std::collections::HashMap<String, String>,
}

impl Names {
    /// A record in words where a label says it (the title, a task), else
    /// by its ref.
    fn record(&self, uuid: &str) -> String {
        match self.labels.get(uuid) {
            Some(label) => label.clone(),
            None => self.reference(uuid),
        }
    }

    /// An entry by its ref (else the end of its UUID).
    fn reference(&self, uuid: &str) -> String {
        self.refs.get(uuid).cloned().unwrap_or_else(|| {
            let start = uuid.len().saturating_sub(crate::model::MIN_REF);
            uuid.get(start..).unwrap_or(uuid).to_string()
        })
    }

    fn incident(&self, uuid: &str) -> String {
        self.incidents
            .get(uuid)
            .cloned()
            .unwrap_or_else(|| "another incident".to_string())
    }
}

/// What a timeline entry says, in words (unescaped: callers make it safe).
/// Times a correction names are shown in `zone`.
pub fn describe(entry: &TimelineEntry, zone: &Zone, names: &Names) -> String {
    let from = entry.from.as_deref().unwrap_or("?");
    let to = entry.to.as_deref().unwrap_or("?");
    let mut line = match entry.kind {
        EntryKind::Note => return entry.text.clone(),
        EntryKind::Declared => return format!("{to}: {}", entry.text),
        EntryKind::Started => "customer impact began".to_string(),
        EntryKind::Detected => "the problem was noticed".to_string(),
        EntryKind::Status | EntryKind::Severity => format!("{from} → {to}"),
        EntryKind::Mitigated => "customer impact mitigated".to_string(),
        EntryKind::Resolved => format!("resolved (was {from})"),
        EntryKind::Reopened => format!("reopened, back to {to}"),
        EntryKind::Cancelled => format!("cancelled (was {from})"),
        EntryKind::Handoff => format!("{from} → {to}"),
        EntryKind::Security => match entry.to.as_deref() {
            Some("on") => "a security incident".to_string(),
            _ => "no longer a security incident".to_string(),
        },
        EntryKind::Link => {
            return match (&entry.from, &entry.to) {
                (None, Some(to)) => format!("{}: {to}", entry.text),
                (Some(from), Some(to)) => format!("{}: {from} → {to}", entry.text),
                (Some(from), None) => format!("{} cleared (was {from})", entry.text),
                (None, None) => format!("{} cleared", entry.text),
            };
        }
        EntryKind::Role => {
            return match (&entry.from, &entry.to) {
                (None, Some(to)) => format!("{}: {to}", entry.text),
                (Some(from), Some(to)) => format!("{}: {from} → {to}", entry.text),
                (Some(from), None) => format!("{} cleared (was {from})", entry.text),
                (None, None) => format!("{} cleared", entry.text),
            };
        }
        EntryKind::Task => {
            let owner = entry
                .to
                .as_deref()
                .map(|o| format!(" (owner: {o})"))
                .unwrap_or_default();
            return format!("task added: {}{owner}", entry.text);
        }
        EntryKind::TaskDone => return format!("task done: {}", entry.text),
        EntryKind::Update => {
            let audience = entry.audience.map_or("internal", |a| a.as_str());
            return format!("{audience} update: {}", entry.text);
        }
        EntryKind::Checklist => {
            let note = entry
                .to
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            return format!("checklist done: {}{note}", entry.text);
        }
        EntryKind::Command => {
            return match &entry.run {
                Some(run) => format!("ran `{}` ({})", entry.text, run.summary()),
                None => format!("ran `{}`", entry.text),
            };
        }
        EntryKind::Correction => correction(entry, zone, names),
    };
    if !entry.text.is_empty() {
        line.push_str(": ");
        line.push_str(&entry.text);
    }
    line
}

/// What a correction changed, from what to what.
fn correction(entry: &TimelineEntry, zone: &Zone, names: &Names) -> String {
    // What a label names is the record's text (the title, a task's text
    // and owner); a time, a move or a mark is the entry's, named by its ref.
    let field = entry.field.as_deref().and_then(Field::parse);
    let target = entry.target.as_deref().map_or_else(String::new, |t| {
        if matches!(field, Some(Field::Text | Field::Owner)) {
            names.record(t)
        } else {
            names.reference(t)
        }
    });
    let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "nobody".into());
    let time = |v: &Option<String>| {
        v.as_deref()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map_or_else(|| "?".into(), |t| zone.format(t.with_timezone(&Utc)))
    };
    match field {
        Some(Field::Text) => format!(
            "{target}: text corrected, \"{}\" → \"{}\"",
            value(&entry.from),
            value(&entry.to)
        ),
        Some(Field::At) => format!(
            "{target}: time corrected, {} → {}",
            time(&entry.from),
            time(&entry.to)
        ),
        Some(Field::Incident) => format!(
            "{target}: moved from {} to {}",
            entry
                .from
                .as_deref()
                .map_or_else(String::new, |u| names.incident(u)),
            entry
                .to
                .as_deref()
                .map_or_else(String::new, |u| names.incident(u)),
        ),
        Some(Field::Struck) => format!("{target} struck from the record"),
        Some(Field::Owner) => format!(
            "{target}: owner corrected, {} → {}",
            value(&entry.from),
            value(&entry.to)
        ),
        Some(Field::Key) if entry.to.as_deref() == Some("yes") => {
            format!("{target} marked a key moment")
        }
        Some(Field::Key) => format!("{target} no longer a key moment"),
        Some(Field::Private) if entry.to.as_deref() == Some("yes") => {
            format!("{target} made private (for responders only)")
        }
        Some(Field::Private) => format!("{target} no longer private"),
        None => format!("{target} corrected"),
    }
}

/// The output `inc run --capture` kept of a command, line by line
/// (unescaped: callers make it safe), and how many earlier lines it
/// printed that were not kept. No lines when nothing was captured.
pub fn captured_output(run: &CommandRun) -> (Vec<&str>, u64) {
    let Some(output) = run.output.as_deref().filter(|o| !o.is_empty()) else {
        return (Vec::new(), 0);
    };
    let kept: Vec<&str> = output.split('\n').collect();
    let all = run.output_lines.unwrap_or(kept.len() as u64);
    let earlier = all.saturating_sub(kept.len() as u64);
    (kept, earlier)
}

/// `1 line`, `3 lines`.
pub fn lines(n: u64) -> String {
    if n == 1 {
        "1 line".to_string()
    } else {
        format!("{n} lines")
    }
}

/// `The record was corrected after the fact (2 entries corrected, 1
/// struck)`, when it was.
pub fn corrected(a: &crate::model::Amendments) -> Option<String> {
    if !a.any() {
        return None;
    }
    let mut what = Vec::new();
    if a.amended > 0 {
        let entries = if a.amended == 1 { "entry" } else { "entries" };
        what.push(format!("{} {entries} corrected", a.amended));
    }
    if a.struck > 0 {
        what.push(format!("{} struck", a.struck));
    }
    if what.is_empty() {
        // Only records beside the entries (a task) were corrected.
        let n = a.corrections;
        what.push(format!("{n} correction{}", if n == 1 { "" } else { "s" }));
    }
    Some(format!(
        "The record was corrected after the fact ({})",
        what.join(", ")
    ))
}

/// `35m (ongoing)`, `1h 05m`, or `5m (cancelled)`.
pub fn incident_duration(incident: &Incident, now: DateTime<Utc>) -> String {
    let d = duration(incident.duration(now));
    match incident.status {
        Status::Cancelled => format!("{d} (cancelled)"),
        _ if incident.resolved_at.is_some() => d,
        _ => format!("{d} (ongoing)"),
    }
}

/// `2026-11-26 14:05 CET`, or `-` for an unset time.
pub fn when(zone: &Zone, t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(|| "-".to_string(), |t| zone.format(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_sequences_are_escaped() {
        assert_eq!(safe("plain\ntext"), "plain\ntext");
        assert!(matches!(safe("plain"), Cow::Borrowed(_)));
        assert_eq!(safe("\u{1b}[31mred\u{1b}[0m"), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(safe("a\tb"), "a    b");
        assert_eq!(safe("csi\u{9b}2J"), "csi\\u{9b}2J");
        assert_eq!(safe("bell\u{7}"), "bell\\u{7}");
        assert_eq!(safe("x\u{202E}evil"), "x\\u{202e}evil");
        assert_eq!(safe_line("two\nlines\r"), "two\\nlines\\r");
        assert_eq!(safe("עברית مرحبا"), "עברית مرحبا");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(TimeDelta::seconds(45)), "45s");
        assert_eq!(duration(TimeDelta::minutes(35)), "35m");
        assert_eq!(duration(TimeDelta::minutes(65)), "1h 05m");
        assert_eq!(duration(TimeDelta::hours(51)), "2d 3h 00m");
        assert_eq!(duration(TimeDelta::minutes(35 * 60 + 55)), "1d 11h 55m");
        assert_eq!(duration(TimeDelta::seconds(-5)), "0s");
    }
}
