//! The handoff briefing, as markdown to paste into the incident channel:
//! where things stand, the latest progress, the steps under way and who
//! else is involved. The new commander must be able to continue from it.

use std::fmt::Write;

use chrono::{DateTime, Utc};

use super::markdown::{code, inline, quote};
use super::text::duration;
use crate::model::{
    Assignment, ChecklistItem, EntryKind, Incident, Responder, RoleHolder, Task, TimelineEntry,
};
use crate::time::Zone;

/// What a briefing is made of.
pub struct Briefing<'a> {
    pub incident: &'a Incident,
    /// First to current; the current one's briefing is the handoff note.
    pub assignments: &'a [Assignment],
    /// The latest notes, oldest first.
    pub notes: &'a [TimelineEntry],
    /// The open tasks.
    pub tasks: &'a [Task],
    pub roles: &'a [RoleHolder],
    pub responders: &'a [Responder],
    /// A security incident's checklist items not done yet.
    pub open_duties: &'a [ChecklistItem],
}

/// How a link is named in the briefing and the review.
pub fn link_label(name: &str) -> &str {
    match name {
        "channel" => "Chat channel",
        "bridge" => "Call bridge",
        "ticket" => "Ticket",
        other => other,
    }
}

/// The briefing as markdown.
pub fn markdown(b: &Briefing<'_>, now: DateTime<Utc>, zone: &Zone) -> String {
    let i = b.incident;
    let mut out = String::new();
    let _ = writeln!(out, "## {} {}: {}", i.number, i.severity, inline(&i.title));
    let _ = writeln!(out);
    let _ = writeln!(out, "- **Status:** {}, {}", i.status, i.severity);
    let impact = match i.ended_at() {
        Some(end) => format!("lasted {}", duration(end - i.started_at)),
        None => format!("{} ago", duration(now - i.started_at)),
    };
    let _ = writeln!(
        out,
        "- **Impact began:** {} ({impact})",
        zone.format(i.started_at)
    );
    if let Some(current) = b.assignments.last() {
        let from = current
            .from
            .as_deref()
            .map(|f| format!(", from {}", inline(f)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- **Commander:** {} since {}{from}",
            inline(&current.name),
            zone.format(current.assigned_at)
        );
    }
    if i.security {
        let _ = writeln!(out, "- **Security incident**");
    }
    // Where the response happens: where the new commander joins it.
    for (name, value) in i.links.set() {
        let label = link_label(name);
        let _ = writeln!(out, "- **{label}:** {}", inline(value));
    }

    let _ = writeln!(out, "\n### Latest progress\n");
    if b.notes.is_empty() {
        let _ = writeln!(out, "_No notes yet._");
    }
    for n in b.notes {
        let private = if n.private { "*(private)* " } else { "" };
        let _ = writeln!(
            out,
            "- {}, {}: {private}{}",
            zone.format(n.event_at),
            inline(&n.author),
            progress(n, false)
        );
    }

    let _ = writeln!(out, "\n### Steps under way\n");
    if b.tasks.is_empty() {
        let _ = writeln!(out, "_No open tasks._");
    }
    for t in b.tasks {
        let owner = t.owner.as_deref().map_or_else(
            || "no owner".to_string(),
            |o| format!("owner: {}", inline(o)),
        );
        let _ = writeln!(out, "- Task {}: {} ({owner})", t.name(), inline(&t.text));
    }

    // Duties the incident owes (regulators, customers, insurers) outlast
    // any one commander: the next one must know which are still open.
    if i.security && !b.open_duties.is_empty() {
        let _ = writeln!(out, "\n### Security duties still open\n");
        for d in b.open_duties {
            let _ = writeln!(
                out,
                "- Item {}, {}: {}",
                d.position,
                inline(&d.area),
                inline(&d.body)
            );
        }
        let _ = writeln!(
            out,
            "\nRecord each when done: {}.",
            code(
                &format!("inc checklist done N -i {} --note TEXT", i.number.bare()),
                false
            )
        );
    }

    let _ = writeln!(out, "\n### Who else is involved\n");
    let commander = b.assignments.last().map(|a| a.name.as_str());
    let others: Vec<&Responder> = b
        .responders
        .iter()
        .filter(|r| Some(r.name.as_str()) != commander)
        .collect();
    // Role holders are among the responders, with their role.
    if others.is_empty() {
        let _ = writeln!(out, "_No one else yet._");
    }
    for r in others {
        let did: Vec<String> = r.did.iter().map(|d| inline(d)).collect();
        let _ = writeln!(
            out,
            "- {}: {}, since {}",
            inline(&r.name),
            did.join(", "),
            zone.format(r.joined_at)
        );
    }

    if let Some(current) = b
        .assignments
        .last()
        .filter(|a| !a.briefing.trim().is_empty())
    {
        let from = current.from.as_deref().unwrap_or("the previous commander");
        let _ = writeln!(out, "\n### Handoff note from {}\n", inline(from));
        let _ = writeln!(out, "{}", quote(&current.briefing));
    }
    out
}

/// A note as markdown; a command run with `inc run` as what was run (in a
/// code span, exactly as typed) and how it ended: ``ran `cmd` (exit 0, 2.1s)``.
pub fn progress(entry: &TimelineEntry, in_table: bool) -> String {
    match (&entry.kind, &entry.run) {
        (EntryKind::Command, Some(run)) => {
            format!("ran {} ({})", code(&entry.text, in_table), run.summary())
        }
        _ => inline(&entry.text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Severity, Status};
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, h, m, 0).unwrap()
    }

    #[test]
    fn a_briefing_reads_well_and_user_text_stays_in_place() {
        let incident = Incident {
            links: Default::default(),
            number: crate::model::Number::Local(12),
            drill: false,
            review_held: None,
            review_status: crate::model::ReviewStatus::Draft,
            review_owner: None,
            id: 12,
            uuid: String::new(),
            title: "Checkout *down* | <b>EU</b>".into(),
            severity: Severity::new(1).unwrap(),
            status: Status::Identified,
            status_at: t(13, 10),
            security: true,
            commander: "alice".into(),
            started_at: t(13, 2),
            detected_at: t(13, 8),
            mitigated_at: None,
            resolved_at: None,
            created_at: t(13, 10),
            created_by: "carol".into(),
            first_commander: "carol".into(),
        };
        let assign = |name: &str, from: Option<&str>, note: &str, at| Assignment {
            id: 0,
            uuid: String::new(),
            incident_id: 12,
            name: name.into(),
            from: from.map(String::from),
            briefing: note.into(),
            assigned_at: at,
            recorded_by: from.unwrap_or(name).into(),
        };
        let assignments = [
            assign("carol", None, "", t(13, 10)),
            assign(
                "alice",
                Some("carol"),
                "# keep watching\n- the EU \u{1b}[31merror rate\u{1b}[0m",
                t(14, 0),
            ),
        ];
        let note = |text: &str, author: &str, at| TimelineEntry {
            incident_id: 12,
            ..TimelineEntry::sample(EntryKind::Note, text, at, author)
        };
        let notes = [
            note("rolled back payments-api to v4.17.2", "carol", t(13, 25)),
            note("1. pool exhausted\n2. raised limit", "dave", t(13, 40)),
        ];
        let tasks = [Task {
            id: 3,
            uuid: String::new(),
            incident_id: 12,
            text: "shift EU traffic to [Frankfurt](http://x)".into(),
            owner: Some("dave".into()),
            created_at: t(13, 30),
            created_by: "carol".into(),
            done_at: None,
            done_by: None,
            reference: String::new(),
        }];
        let roles = [RoleHolder {
            role: "scribe".into(),
            name: "erin".into(),
            assigned_at: t(13, 15),
        }];
        let responders = crate::model::responders(&assignments, &roles, &[], &[], &tasks);
        let b = Briefing {
            incident: &incident,
            assignments: &assignments,
            notes: &notes,
            tasks: &tasks,
            roles: &roles,
            responders: &responders,
            open_duties: &[],
        };
        let zone = Zone::from_name("Europe/Berlin").unwrap();
        insta::assert_snapshot!(markdown(&b, t(14, 5), &zone));
    }
}
