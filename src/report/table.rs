//! Tables for the terminal: the incident list and the timeline.

use std::fmt::Write;

use chrono::{DateTime, Utc};
use comfy_table::{Cell, ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::style::Style;
use super::text::{Names, captured_output, describe, duration, safe, safe_line};
use crate::model::{
    Action, ChecklistItem, EntryKind, Factor, Incident, Lesson, Responder, Task, TimelineEntry,
};
use crate::time::Zone;

/// A plain table: no borders, wrapped to `width` when one is given. Only
/// the column named `wraps` (free text) wraps; ids, times and names keep
/// their width so they stay readable in a narrow terminal.
pub(super) fn table(header: &[&str], wraps: usize, width: Option<u16>) -> Table {
    let mut t = Table::new();
    t.load_style(presets::NOTHING)
        .force_no_tty()
        .set_header(header.to_vec());
    if let Some(w) = width {
        t.set_width(w)
            .set_content_arrangement(ContentArrangement::Dynamic);
        for (i, column) in t.column_iter_mut().enumerate() {
            column.set_constraint(if i == wraps {
                // Below this, wrapping hurts more than a line running long.
                ColumnConstraint::LowerBoundary(Width::Fixed(24))
            } else {
                ColumnConstraint::ContentWidth
            });
        }
    }
    t
}

/// The longest line a table cell shows. Longer lines (a pasted log, say)
/// are cut with a note; `--json` always has the whole text. This also
/// keeps widths inside what the table layout can count.
const MAX_CELL_LINE: usize = 2000;

/// User text made safe for a cell, with over-long lines cut.
pub(super) fn cell(text: &str) -> String {
    let safe = safe(text);
    if safe.lines().all(|l| l.len() <= MAX_CELL_LINE) {
        return safe.into_owned();
    }
    let lines: Vec<String> = safe
        .lines()
        .map(|line| match line.char_indices().nth(MAX_CELL_LINE) {
            Some((cut, _)) => format!(
                "{}… [{} more characters; --json shows all]",
                &line[..cut],
                line[cut..].chars().count()
            ),
            None => line.to_string(),
        })
        .collect();
    lines.join("\n")
}

/// Trims the padding comfy-table leaves at the end of each line.
pub(super) fn finish(t: &Table) -> String {
    let mut out = String::new();
    for line in t.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `inc list`: one row per incident.
pub fn incidents(
    list: &[Incident],
    now: DateTime<Utc>,
    zone: &Zone,
    width: Option<u16>,
    style: Style,
) -> String {
    let mut t = table(
        &[
            "ID",
            "SEV",
            "STATUS",
            "TITLE",
            "COMMANDER",
            "STARTED",
            "DURATION",
        ],
        3,
        width,
    );
    if style.color {
        // The decision is inc's (--color always wins over NO_COLOR), not
        // the terminal library's.
        crossterm::style::force_color_output(true);
        t.enforce_styling().style_text_only();
    }
    for i in list {
        t.add_row(vec![
            Cell::new(i.number.to_string()),
            style.severity_cell(i.severity),
            style.status_cell(i.status),
            Cell::new(cell(&i.title)),
            Cell::new(safe_line(&i.commander)),
            Cell::new(zone.format(i.started_at)),
            Cell::new(duration(i.duration(now))),
        ]);
    }
    finish(&t)
}

/// `inc timeline`: entries in the order given (event time), each with its
/// ref (from `names`); with `output`, what commands run with `inc run
/// --capture` printed, under each (the status board leaves it out). An
/// entry struck from the record (shown in the history) says so and why;
/// one corrected since it was written says so.
pub fn timeline(
    entries: &[TimelineEntry],
    names: &Names,
    zone: &Zone,
    width: Option<u16>,
    output: bool,
) -> String {
    let mut t = table(&["REF", "WHEN", "WHO", "KIND", "WHAT"], 4, width);
    for e in entries {
        let mut what = if e.key {
            format!("★ {}", cell(&describe(e, zone, names)))
        } else {
            cell(&describe(e, zone, names))
        };
        if e.private {
            what = format!("(private) {what}");
        }
        if let Some(struck) = &e.struck {
            let why = if struck.reason.is_empty() {
                String::new()
            } else {
                format!(": {}", cell(&struck.reason))
            };
            what = format!("(struck by {}{why}) {what}", cell(&struck.by));
        } else if e.amended {
            what.push_str(" (corrected)");
        }
        // A command's captured output, under it, each line marked.
        if let Some(run) = e.run.as_ref().filter(|_| output) {
            let (kept, earlier) = captured_output(run);
            if earlier > 0 {
                let s = if earlier == 1 { "" } else { "s" };
                let _ = write!(what, "\n┆ … {earlier} earlier line{s}");
            }
            for line in kept {
                what.push_str("\n│ ");
                what.push_str(&safe(line));
            }
        }
        let reference = if e.kind == EntryKind::Correction {
            String::new()
        } else {
            names.refs.get(&e.uuid).cloned().unwrap_or_default()
        };
        // Who did it; who wrote it down and who pushed it, where others.
        let mut also: Vec<String> = Vec::new();
        if e.actor.is_some() {
            also.push(format!("noted by {}", safe_line(&e.author)));
        }
        if let Some(by) = names.pushed_by.get(&e.uuid) {
            also.push(format!("pushed by {}", safe_line(by)));
        }
        let who = if also.is_empty() {
            safe_line(e.who()).into_owned()
        } else {
            format!("{} ({})", safe_line(e.who()), also.join(", "))
        };
        t.add_row(vec![
            reference,
            zone.format(e.event_at),
            who,
            e.kind.to_string(),
            what,
        ]);
    }
    finish(&t)
}

/// `inc checklist`: a security incident's duties, done or open; a done
/// item's note under it.
pub fn checklist(items: &[ChecklistItem], zone: &Zone, width: Option<u16>) -> String {
    let mut t = table(&["ITEM", "AREA", "WHAT", "DONE"], 2, width);
    for item in items {
        let mut what = cell(&item.body);
        if let Some(note) = &item.note {
            let _ = write!(what, "\nnote: {}", cell(note));
        }
        let done = match (item.done_at, &item.done_by) {
            (Some(at), Some(by)) => format!("{} by {}", zone.format(at), safe_line(by)),
            (Some(at), None) => zone.format(at),
            _ => "open".to_string(),
        };
        t.add_row(vec![
            item.position.to_string(),
            safe_line(&item.area).into_owned(),
            what,
            done,
        ]);
    }
    finish(&t)
}

/// `inc task list`: one row per task.
pub fn tasks(list: &[Task], zone: &Zone, width: Option<u16>) -> String {
    let mut t = table(&["TASK", "WHAT", "OWNER", "ADDED", "DONE"], 1, width);
    for task in list {
        t.add_row(vec![
            task.name(),
            cell(&task.text),
            task.owner
                .as_deref()
                .map_or_else(|| "-".to_string(), |o| safe_line(o).into_owned()),
            zone.format(task.created_at),
            task.done_at
                .map_or_else(|| "-".to_string(), |d| zone.format(d)),
        ]);
    }
    finish(&t)
}

/// `inc responders`: one row per person.
pub fn responders(list: &[Responder], zone: &Zone, width: Option<u16>) -> String {
    let mut t = table(&["WHO", "SINCE", "INVOLVED AS"], 2, width);
    for r in list {
        t.add_row(vec![
            safe_line(&r.name).into_owned(),
            zone.format(r.joined_at),
            cell(&r.did.join(", ")),
        ]);
    }
    finish(&t)
}

/// `inc factor list`.
pub fn factors(list: &[Factor], width: Option<u16>) -> String {
    let mut t = table(&["FACTOR", "KIND", "WHAT"], 2, width);
    for f in list {
        t.add_row(vec![f.id.to_string(), f.kind.to_string(), cell(&f.text)]);
    }
    finish(&t)
}

/// `inc action list`.
pub fn actions(list: &[Action], width: Option<u16>) -> String {
    let mut t = table(
        &[
            "ACTION", "INCIDENT", "WHAT", "OWNER", "DUE", "PRIORITY", "TYPE", "STATUS",
        ],
        2,
        width,
    );
    for a in list {
        t.add_row(vec![
            a.name(),
            a.incident_name(),
            cell(&a.text),
            safe_line(&a.owner).into_owned(),
            a.due.map_or_else(|| "-".to_string(), |d| d.to_string()),
            a.priority.to_string(),
            a.action_type
                .map_or_else(|| "-".to_string(), |t| t.to_string()),
            a.status.to_string(),
        ]);
    }
    finish(&t)
}

/// `inc lesson list`.
pub fn lessons(list: &[Lesson], width: Option<u16>) -> String {
    let mut t = table(&["LESSON", "KIND", "WHAT"], 2, width);
    for l in list {
        t.add_row(vec![l.id.to_string(), l.kind.to_string(), cell(&l.text)]);
    }
    finish(&t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_for_display() {
        let long = "y".repeat(MAX_CELL_LINE + 10);
        let shown = cell(&format!("short\n{long}"));
        assert!(shown.starts_with("short\n"));
        assert!(
            shown.ends_with("… [10 more characters; --json shows all]"),
            "{shown}"
        );
        assert_eq!(cell("plain"), "plain");
    }
}
