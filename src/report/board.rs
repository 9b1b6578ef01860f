//! `inc show`: one incident's status board.

use std::fmt::Write;

use chrono::{DateTime, Utc};

use super::style::Screen;
use super::table;
use super::text::{Names, duration, incident_duration, incident_heading, safe_line, when};
use crate::model::{Assignment, ChecklistItem, Incident, TimelineEntry};
use crate::time::Zone;

/// The latest entries of an incident's timeline, each with its ref in
/// `names`, and how many there are in all.
pub struct Latest<'a> {
    pub entries: &'a [TimelineEntry],
    pub names: &'a Names,
    pub total: usize,
}

/// The board: fields, key times with the derived durations, the commanders
/// first to current, and the latest timeline entries.
pub fn status_board(
    incident: &Incident,
    assignments: &[Assignment],
    latest: &Latest<'_>,
    now: DateTime<Utc>,
    zone: &Zone,
    screen: Screen,
) -> String {
    let &Latest {
        entries: latest,
        names,
        total,
    } = latest;
    let Screen { width, style } = screen;
    let mut out = String::new();
    let _ = writeln!(out, "{}", incident_heading(incident, style));
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "  {name:<11}{value}");
    };
    field(
        "status",
        style.status(incident.status, incident.status.as_str()),
    );
    field("commander", safe_line(&incident.commander).into_owned());
    if incident.security {
        field("security", "yes: a security incident".to_string());
    }
    if incident.drill {
        field(
            "drill",
            "yes: practice, left out of `inc stats`".to_string(),
        );
    }
    field("started", zone.format(incident.started_at));
    field(
        "detected",
        format!(
            "{}  ({} to detect)",
            zone.format(incident.detected_at),
            duration(incident.time_to_detect())
        ),
    );
    field("mitigated", when(zone, incident.mitigated_at));
    field(
        "resolved",
        match incident.time_to_resolve() {
            Some(ttr) => format!(
                "{}  ({} to resolve)",
                when(zone, incident.resolved_at),
                duration(ttr)
            ),
            None => "-".to_string(),
        },
    );
    field("duration", incident_duration(incident, now));
    // Where the response happens, each only when set.
    for (name, value) in incident.links.set() {
        field(name, safe_line(value).into_owned());
    }
    field(
        "declared",
        format!(
            "{} by {}",
            zone.format(incident.created_at),
            safe_line(&incident.created_by)
        ),
    );
    if assignments.len() > 1 {
        let _ = writeln!(out, "\nCommanders:");
        for a in assignments {
            let handoff = match (&a.from, a.from.as_deref() == Some(a.recorded_by.as_str())) {
                (Some(from), true) => format!("  from {}", safe_line(from)),
                (Some(from), false) => format!(
                    "  from {} (recorded by {})",
                    safe_line(from),
                    safe_line(&a.recorded_by)
                ),
                (None, _) => String::new(),
            };
            let _ = writeln!(
                out,
                "  {}  {}{handoff}",
                zone.format(a.assigned_at),
                safe_line(&a.name)
            );
        }
    }
    let _ = writeln!(out);
    if latest.is_empty() {
        let _ = writeln!(out, "No timeline entries.");
    } else {
        let _ = writeln!(
            out,
            "Latest timeline entries ({} of {total}; `inc timeline -i {}` shows all):",
            latest.len(),
            incident.number.bare()
        );
        out.push_str(&table::timeline(latest, names, zone, width, false));
    }
    out
}

/// Under the board, a security incident's checklist: each duty, open or
/// when and by whom it was done. Empty when there is none.
pub fn checklist(incident: &Incident, items: &[ChecklistItem], zone: &Zone) -> String {
    let mut out = String::new();
    if items.is_empty() {
        if incident.security {
            let _ = writeln!(out, "\nSecurity checklist: no items.");
        }
        return out;
    }
    let open = items.iter().filter(|i| !i.is_done()).count();
    let kept = if incident.security {
        ""
    } else {
        ", kept from when it was a security incident"
    };
    let _ = writeln!(
        out,
        "\nSecurity checklist ({open} of {} open{kept}; `inc checklist done N -i {}` records one):",
        items.len(),
        incident.number.bare()
    );
    for item in items {
        let _ = writeln!(
            out,
            "  {:>2}  [{}] {}: {}",
            item.position,
            if item.is_done() { "x" } else { " " },
            safe_line(&item.area),
            safe_line(&item.body)
        );
        if let Some(at) = item.done_at {
            let by = item
                .done_by
                .as_deref()
                .map(|b| format!(" by {}", safe_line(b)))
                .unwrap_or_default();
            let _ = writeln!(out, "        done {}{by}", zone.format(at));
        }
        if let Some(note) = &item.note {
            let _ = writeln!(out, "        note: {}", safe_line(note));
        }
    }
    out
}
