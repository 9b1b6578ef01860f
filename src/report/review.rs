//! The post-incident review as markdown: description, key times, incident
//! command, timeline, contributing factors, action items, lessons and the
//! review meeting. Pure and repeatable: the same records give the same
//! bytes (no clock), and user text cannot break a table or inject HTML.

use std::fmt::Write;

use chrono::{DateTime, NaiveDate, Utc};

use super::briefing::progress;
use super::markdown::inline;
use super::text::{Names, captured_output, corrected, describe, duration, lines, safe};
use crate::model::story::{self, severity_periods};
use crate::model::{
    Action, Amendments, Assignment, ChecklistItem, Description, EntryKind, Factor, FactorKind,
    Incident, Lesson, LessonKind, Responder, RoleHolder, Task, TimelineEntry, same_person,
};
use crate::time::Zone;

/// Everything a review is made of.
pub struct Review<'a> {
    pub incident: &'a Incident,
    pub description: &'a Description,
    pub assignments: &'a [Assignment],
    pub roles: &'a [RoleHolder],
    pub responders: &'a [Responder],
    /// The whole timeline, in event order.
    pub entries: &'a [TimelineEntry],
    pub tasks: &'a [Task],
    pub factors: &'a [Factor],
    pub actions: &'a [Action],
    pub lessons: &'a [Lesson],
    /// A security incident's duties (kept when it is no longer one).
    pub checklist: &'a [ChecklistItem],
    /// How much of the record was corrected after the fact.
    pub amendments: Amendments,
    /// The public version (`inc review --public`): its parts already
    /// anonymised (see `crate::model::public`); it says so, and leaves out
    /// what only responders should see.
    pub public: bool,
    /// When the meeting should be held and the last day for it, once resolved.
    pub meeting: Option<(DateTime<Utc>, NaiveDate)>,
    pub target_hours: u32,
    pub deadline_days: u32,
}

/// Who must attend the review meeting: every commander, everyone who held
/// a role, recorded a step (a note, key or not, a command run with `inc
/// run`, a status update) or a task, owned one or finished one, and every
/// action item's owner (a person or a team's representative), in order of
/// first appearance, each once.
pub fn attendees(r: &Review<'_>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        if !names.iter().any(|n| same_person(n, name)) {
            names.push(name.to_string());
        }
    };
    for a in r.assignments {
        add(&a.name);
    }
    for e in r.entries {
        match e.kind {
            EntryKind::Note | EntryKind::Command | EntryKind::Update => {
                add(&e.author);
                if let Some(actor) = &e.actor {
                    add(actor);
                }
            }
            EntryKind::Role => {
                if let Some(holder) = &e.to {
                    add(holder);
                }
            }
            _ => {}
        }
    }
    for t in r.tasks {
        add(&t.created_by);
        for who in t.owner.iter().chain(t.done_by.iter()) {
            add(who);
        }
    }
    for a in r.actions {
        add(&a.owner);
    }
    names
}

/// The Communications section: the status updates that went out, and
/// how long customers waited for the first.
fn communications(out: &mut String, r: &Review<'_>, zone: &Zone) {
    let _ = writeln!(out, "\n## Communications\n");
    let c = story::communications(r.entries);
    if c.updates.is_empty() {
        let _ = writeln!(out, "No status update was recorded (`inc update`).");
        return;
    }
    header(out, &["Time", "Audience", "Update"]);
    for e in &c.updates {
        row(
            out,
            &[
                zone.format(e.event_at),
                e.audience
                    .map_or_else(|| "-".to_string(), |a| a.to_string()),
                inline(&e.text),
            ],
        );
    }
    let _ = writeln!(out);
    match c.first_external {
        Some(first) => paragraph(
            out,
            &format!(
                "First external update: {}, {} after impact began (time to first external update: first external update − started).",
                zone.format(first.event_at),
                span(r.incident.started_at, first.event_at)
            ),
        ),
        None => paragraph(out, "No update went out to customers."),
    }
}

/// Who wrote the review's material: the contributing factors, action
/// items and lessons, in order of first contribution, each once.
pub fn authors(r: &Review<'_>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let written = r
        .factors
        .iter()
        .map(|f| (f.created_at, f.created_by.as_str()))
        .chain(
            r.actions
                .iter()
                .map(|a| (a.created_at, a.created_by.as_str())),
        )
        .chain(
            r.lessons
                .iter()
                .map(|l| (l.created_at, l.created_by.as_str())),
        );
    let mut written: Vec<_> = written.collect();
    written.sort_by_key(|(at, _)| *at);
    for (_, name) in written {
        if !names.iter().any(|n| same_person(n, name)) {
            names.push(name.to_string());
        }
    }
    names
}

/// The severity's story: `SEV1 (SEV2 → SEV1 at 2026-11-26 14:33 CET)`.
fn severity_history(r: &Review<'_>, zone: &Zone) -> String {
    let changes: Vec<String> = r
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Severity)
        .map(|e| {
            format!(
                "{} → {} at {}",
                e.from.as_deref().unwrap_or("?"),
                e.to.as_deref().unwrap_or("?"),
                zone.format(e.event_at)
            )
        })
        .collect();
    if changes.is_empty() {
        r.incident.severity.to_string()
    } else {
        format!("{} ({})", r.incident.severity, changes.join("; "))
    }
}

/// A description assembled from the records, for when none is written.
fn draft_description(r: &Review<'_>, zone: &Zone) -> String {
    let i = r.incident;
    let mut text = format!("Impact began at {}", zone.format(i.started_at));
    if i.detected_at > i.started_at {
        let _ = write!(
            text,
            " and was detected {} later, at {}",
            span(i.started_at, i.detected_at),
            zone.format(i.detected_at)
        );
    }
    text.push('.');
    match r.description.scope {
        Some(crate::model::Scope::Both) => {
            text.push_str(" Internal and external users were affected.");
        }
        Some(scope) => {
            let _ = write!(
                text,
                " {} users were affected.",
                capitalized(scope.as_str())
            );
        }
        None => {}
    }
    if let Some(m) = i.mitigated_at {
        let _ = write!(
            text,
            " Impact was mitigated after {}.",
            span(i.started_at, m)
        );
    }
    // The key moments up to the end are the steps that ended it.
    let end = i.resolved_at.or(i.mitigated_at);
    let steps: Vec<String> = r
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Note && e.key)
        .filter(|e| end.is_none_or(|end| e.event_at <= end))
        .map(|e| inline(&e.text))
        .collect();
    if !steps.is_empty() {
        let _ = write!(text, " Key steps: {}.", steps.join("; "));
    }
    match (i.resolved_at, cancelled(r)) {
        (_, Some(reason)) => {
            let _ = write!(text, " It was cancelled: {}.", inline(reason));
        }
        (Some(res), None) => {
            let _ = write!(text, " It was resolved after {}.", span(i.started_at, res));
        }
        (None, None) => text.push_str(" It is not resolved yet."),
    }
    text
}

/// Why a cancelled incident was cancelled (None while it is not).
fn cancelled<'a>(r: &'a Review<'_>) -> Option<&'a str> {
    if r.incident.status != crate::model::Status::Cancelled {
        return None;
    }
    r.entries
        .iter()
        .rev()
        .find(|e| e.kind == EntryKind::Cancelled)
        .map(|e| e.text.as_str())
}

/// The drafted description as plain text (for JSON), in UTC.
pub fn draft_text(r: &Review<'_>) -> String {
    draft_description(r, &Zone::utc())
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The time from `a` to `b` as the reader will work it out from the times
/// shown, which are to the minute: both are cut to the minute first.
fn span(a: DateTime<Utc>, b: DateTime<Utc>) -> String {
    let minute = |t: DateTime<Utc>| t.timestamp().div_euclid(60);
    duration(chrono::TimeDelta::minutes(minute(b) - minute(a)))
}

fn when(zone: &Zone, t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(|| "not recorded".to_string(), |t| zone.format(t))
}

/// The one piece of HTML in a review: it turns off markdownlint's line
/// length rule, which table rows cannot keep.
pub const LINT_COMMENT: &str = "<!-- markdownlint-disable MD013 -->";

/// The width prose is wrapped to (markdownlint's line length).
const WIDTH: usize = 80;

/// Text already made safe, wrapped at spaces to [`WIDTH`]: the first line
/// starts with `first`, the others with `rest`. A word longer than a line
/// stays whole.
fn wrap(first: &str, rest: &str, text: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !empty && line.chars().count() + 1 + word.chars().count() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = rest.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        if empty {
            // A line must not start a list or a heading underline.
            line.push_str(&neutralised(word));
        } else {
            line.push_str(word);
        }
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// A word that will start a line, escaped where it would otherwise begin
/// a list item or a setext heading underline (`-`, `+`, `=`, `1.`, `1)`).
fn neutralised(word: &str) -> String {
    if word.starts_with(['-', '+', '=']) {
        return format!("\\{word}");
    }
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && word[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &word[..digits], &word[digits..]);
    }
    word.to_string()
}

/// A paragraph of safe text, wrapped.
fn paragraph(out: &mut String, text: &str) {
    out.push_str(&wrap("", "", text));
}

/// A list item of safe text, wrapped.
fn item(out: &mut String, text: &str) {
    out.push_str(&wrap("- ", "  ", text));
}

/// A markdown table row from cells already made safe.
fn row(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

fn header(out: &mut String, names: &[&str]) {
    let _ = writeln!(out, "| {} |", names.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(names.len()));
}

/// What the commands run with `inc run --capture` printed, under the
/// timeline: for each, a line naming it, then its output as an indented
/// code block, which nothing in the output can end early or turn into
/// markup (every line of it is indented; control characters are escaped).
fn command_output(out: &mut String, entries: &[TimelineEntry], zone: &Zone) {
    let captured: Vec<(&TimelineEntry, Vec<&str>, u64)> = entries
        .iter()
        .filter_map(|e| {
            let (output, earlier) = captured_output(e.run.as_ref()?);
            (!output.is_empty()).then_some((e, output, earlier))
        })
        .collect();
    if captured.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### Command output");
    for (e, output, earlier) in captured {
        let which = if earlier == 0 {
            "its output".to_string()
        } else {
            format!(
                "the last {} of its {}",
                output.len(),
                lines(earlier + output.len() as u64)
            )
        };
        let _ = writeln!(
            out,
            "\n{}, {} {}; {which}:\n",
            zone.format(e.event_at),
            inline(&e.author),
            progress(e, false),
        );
        for line in output {
            let line = safe(line);
            if line.trim().is_empty() {
                let _ = writeln!(out);
            } else {
                let _ = writeln!(out, "    {}", line.trim_end());
            }
        }
    }
}

/// A security incident's communication duties, each done (when, by whom,
/// with the note) or open; nothing for an incident that never had any.
fn checklist(out: &mut String, r: &Review<'_>, zone: &Zone) {
    if r.checklist.is_empty() && !r.incident.security {
        return;
    }
    let _ = writeln!(out, "\n## Security and communication duties\n");
    if r.checklist.is_empty() {
        let _ = writeln!(out, "None recorded.");
        return;
    }
    if !r.incident.security {
        paragraph(
            out,
            "Kept from when this was a security incident; it is no longer one.",
        );
        out.push('\n');
    }
    header(out, &["Item", "Area", "Duty", "Done", "Note"]);
    for item in r.checklist {
        let done = match (item.done_at, &item.done_by) {
            (Some(at), Some(by)) => format!("{} by {}", zone.format(at), inline(by)),
            (Some(at), None) => zone.format(at),
            _ => "**open**".to_string(),
        };
        row(
            out,
            &[
                item.position.to_string(),
                inline(&item.area),
                inline(&item.body),
                done,
                item.note.as_deref().map_or_else(|| "-".to_string(), inline),
            ],
        );
    }
}

/// The review as markdown.
pub fn markdown(r: &Review<'_>, zone: &Zone) -> String {
    let i = r.incident;
    let mut out = String::new();
    // Prose is wrapped to 80 columns, but table rows cannot be; say so to
    // markdownlint, and nothing else (renderers hide comments).
    let _ = writeln!(out, "{LINT_COMMENT}\n");
    // The heading without trailing punctuation (markdownlint's MD026); the
    // title as written is the table's first row.
    let heading = i.title.trim_end_matches(['.', ',', ';', ':', '!', '。']);
    let _ = writeln!(out, "# Incident {}: {}\n", i.number, inline(heading));
    if r.public {
        paragraph(
            &mut out,
            "**Public version:** people are named by their part in the response; notes for responders only and internal updates are left out.",
        );
        out.push('\n');
    }
    if let Some(reason) = cancelled(r) {
        paragraph(
            &mut out,
            &format!(
                "**Cancelled:** this was not an incident after all ({}).",
                inline(reason)
            ),
        );
        out.push('\n');
    } else if i.resolved_at.is_none() {
        paragraph(
            &mut out,
            "**Draft:** this incident is not resolved yet; this review is incomplete.",
        );
        out.push('\n');
    }
    header(&mut out, &["Field", "Value"]);
    let commanders: Vec<String> = r.assignments.iter().map(|a| inline(&a.name)).collect();
    let end = i.ended_at().map_or_else(
        || "ongoing".to_string(),
        |end| format!("{} ({})", zone.format(end), span(i.started_at, end)),
    );
    let fields = [
        ("Title", inline(&i.title)),
        ("Severity", severity_history(r, zone)),
        ("Status", i.status.to_string()),
        (
            "Security incident",
            if i.security { "yes" } else { "no" }.to_string(),
        ),
        (
            "Scope",
            r.description
                .scope
                .map_or_else(|| "not recorded".to_string(), |s| s.to_string()),
        ),
        ("Commanders", commanders.join(" → ")),
        (
            "Timeframe",
            format!("{} to {end}", zone.format(i.started_at)),
        ),
        ("Review status", i.review_status.to_string()),
        (
            "Review owner",
            i.review_owner
                .as_deref()
                .map_or_else(|| "not named".to_string(), inline),
        ),
    ];
    for (name, value) in fields {
        row(&mut out, &[name.to_string(), value]);
    }
    // Who wrote what is bookkeeping: not in the public version.
    if !r.public {
        let authors: Vec<String> = authors(r).iter().map(|a| inline(a)).collect();
        let authors = if authors.is_empty() {
            "none yet".to_string()
        } else {
            authors.join(", ")
        };
        row(&mut out, &["Authors".to_string(), authors]);
    }
    if i.drill {
        row(
            &mut out,
            &[
                "Drill".to_string(),
                "yes: practice, not a real incident".to_string(),
            ],
        );
    }
    // Where the response happened: the last rows, kept together so that a
    // public variant can leave them out.
    for (name, value) in i.links.set() {
        row(
            &mut out,
            &[super::briefing::link_label(name).to_string(), inline(value)],
        );
    }

    let _ = writeln!(out, "\n## Description\n");
    match r.description.summary.as_deref() {
        Some(summary) => {
            paragraph(&mut out, &inline(summary));
            out.push('\n');
        }
        None => {
            paragraph(
                &mut out,
                "**Draft:** assembled from the records; write the team's own with `inc describe`.",
            );
            out.push('\n');
            paragraph(&mut out, &draft_description(r, zone));
            out.push('\n');
        }
    }
    if let Some(impact) = r.description.impact.as_deref() {
        paragraph(&mut out, &format!("**Impact:** {}", inline(impact)));
        out.push('\n');
    }
    for (label, part) in [
        ("Detection", &r.description.detection),
        ("Trigger", &r.description.triggered_by),
        ("Resolution", &r.description.resolution),
        ("Long-term fix", &r.description.long_term),
    ] {
        if let Some(text) = part.as_deref() {
            paragraph(&mut out, &format!("**{label}:** {}", inline(text)));
            out.push('\n');
        }
    }

    let _ = writeln!(out, "## Key times\n");
    header(&mut out, &["Event", "Time"]);
    for (name, t) in [
        ("Impact started", Some(i.started_at)),
        ("Detected", Some(i.detected_at)),
        ("Declared", Some(i.created_at)),
        ("Mitigated", i.mitigated_at),
        ("Resolved", i.resolved_at),
    ] {
        row(&mut out, &[name.to_string(), when(zone, t)]);
    }
    let _ = writeln!(out);
    header(&mut out, &["Duration", "Value", "Definition"]);
    let since_start = |t: Option<DateTime<Utc>>| {
        t.map_or_else(|| "not recorded".to_string(), |t| span(i.started_at, t))
    };
    for (name, value, definition) in [
        (
            "Time to detect",
            span(i.started_at, i.detected_at),
            "detected − started",
        ),
        (
            "Time to mitigate",
            since_start(i.mitigated_at),
            "mitigated − started",
        ),
        (
            "Time to resolve",
            since_start(i.resolved_at),
            "resolved − started",
        ),
    ] {
        row(&mut out, &[name.to_string(), value, definition.to_string()]);
    }
    let periods = severity_periods(r.entries, i.ended_at());
    if !periods.is_empty() {
        let _ = writeln!(out, "\nTime at each severity:\n");
        header(&mut out, &["Severity", "From", "Until", "Time"]);
        for p in &periods {
            row(
                &mut out,
                &[
                    inline(&p.severity),
                    zone.format(p.from),
                    p.until
                        .map_or_else(|| "ongoing".to_string(), |t| zone.format(t)),
                    p.until.map_or_else(|| "-".to_string(), |t| span(p.from, t)),
                ],
            );
        }
    }

    let _ = writeln!(out, "\n## Incident command\n");
    header(&mut out, &["Commander", "From", "Took command", "Briefing"]);
    for a in r.assignments {
        row(
            &mut out,
            &[
                inline(&a.name),
                a.from.as_deref().map_or_else(|| "-".to_string(), inline),
                zone.format(a.assigned_at),
                if a.briefing.trim().is_empty() {
                    "-".to_string()
                } else {
                    inline(&a.briefing)
                },
            ],
        );
    }
    let _ = writeln!(out);
    if r.roles.is_empty() {
        let _ = writeln!(out, "Roles: none recorded.\n");
    } else {
        let roles: Vec<String> = r
            .roles
            .iter()
            .map(|h| {
                // In the public version the holder is often named by the
                // role itself ("Scribe"): said once.
                if r.public
                    && h.name
                        .starts_with(&crate::model::public::role_title(&h.role))
                {
                    inline(&h.name)
                } else {
                    format!("{}: {}", inline(&h.role), inline(&h.name))
                }
            })
            .collect();
        paragraph(&mut out, &format!("Roles: {}.", roles.join("; ")));
        out.push('\n');
    }
    let _ = writeln!(out, "Responders:\n");
    for p in r.responders {
        let did: Vec<String> = p.did.iter().map(|d| inline(d)).collect();
        item(
            &mut out,
            &format!(
                "{}: {}, since {}",
                inline(&p.name),
                did.join(", "),
                zone.format(p.joined_at)
            ),
        );
    }

    let _ = writeln!(out, "\n## Timeline\n");
    let _ = writeln!(out, "Key moments are marked ★.\n");
    if let Some(corrected) = corrected(&r.amendments) {
        // The corrected record is what follows; the reader is told it was
        // corrected, and where every version is.
        let line = if r.public {
            format!("{corrected}.")
        } else {
            format!(
                "{corrected}: `inc timeline --history -i {}` shows every version, with who \
                 changed what and when.",
                r.incident.number.bare()
            )
        };
        // One line, unwrapped: a wrap would split the command.
        let _ = writeln!(out, "{line}\n");
    }
    header(&mut out, &["Time", "Who", "Kind", "What"]);
    let rows = crate::model::with_milestones(
        r.entries,
        r.incident.started_at,
        r.incident.detected_at,
        &r.incident.created_by,
    );
    for e in rows.iter().map(AsRef::as_ref) {
        let what = match e.kind {
            EntryKind::Command => progress(e, true),
            _ => inline(&describe(e, zone, &Names::default())),
        };
        let what = if e.key {
            format!("★ **{what}**")
        } else {
            what
        };
        row(
            &mut out,
            &[
                zone.format(e.event_at),
                inline(e.who()),
                e.kind.to_string(),
                if e.private {
                    format!("*(private)* {what}")
                } else {
                    what
                },
            ],
        );
    }

    command_output(&mut out, r.entries, zone);

    // Where the response happened (chat channel, call bridge, ticket) is
    // internal: the public version's incident carries no links (see
    // `crate::model::public::Pseudonyms::incident`), and a section that
    // shows them belongs inside `if !r.public`.

    checklist(&mut out, r, zone);
    communications(&mut out, r, zone);

    let _ = writeln!(out, "\n## Contributing factors\n");
    if r.factors.is_empty() {
        let _ = writeln!(out, "None recorded yet.");
    }
    for (kind, title) in [
        (FactorKind::Technical, "Technical"),
        (FactorKind::NonTechnical, "Non-technical"),
    ] {
        let of_kind: Vec<&Factor> = r.factors.iter().filter(|f| f.kind == kind).collect();
        if !of_kind.is_empty() {
            let _ = writeln!(out, "### {title}\n");
            for f in of_kind {
                item(&mut out, &inline(&f.text));
            }
            let _ = writeln!(out);
        }
    }

    let _ = writeln!(out, "\n## Corrective action items\n");
    if r.actions.is_empty() {
        let _ = writeln!(out, "None recorded yet.");
    } else {
        // Without the local numbers `inc action` takes: they differ from
        // one database to the next, and the review is the same on all.
        header(
            &mut out,
            &[
                "Action", "Owner", "Due", "Priority", "Type", "Status", "Ticket",
            ],
        );
        for a in r.actions {
            row(
                &mut out,
                &[
                    inline(&a.text),
                    inline(&a.owner),
                    a.due.map_or_else(|| "-".to_string(), |d| d.to_string()),
                    a.priority.to_string(),
                    a.action_type
                        .map_or_else(|| "-".to_string(), |t| t.to_string()),
                    a.status.to_string(),
                    a.link.as_deref().map_or_else(|| "-".to_string(), inline),
                ],
            );
        }
    }

    let _ = writeln!(out, "\n## Lessons learned\n");
    for (kind, title) in [
        (LessonKind::WentWell, "What went well"),
        (LessonKind::WentWrong, "What went wrong"),
        (LessonKind::Lucky, "Where we got lucky"),
    ] {
        let _ = writeln!(out, "### {title}\n");
        let of_kind: Vec<&Lesson> = r.lessons.iter().filter(|l| l.kind == kind).collect();
        if of_kind.is_empty() {
            let _ = writeln!(out, "None recorded yet.");
        }
        for l in of_kind {
            item(&mut out, &inline(&l.text));
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## Review meeting\n");
    match r.meeting {
        Some((target, deadline)) => {
            item(
                &mut out,
                &format!(
                    "Target: {} ({} hours after resolution)",
                    zone.format(target),
                    r.target_hours
                ),
            );
            item(
                &mut out,
                &format!(
                    "Deadline: {deadline} ({} business days after resolution)",
                    r.deadline_days
                ),
            );
            if let Some(held) = &r.incident.review_held {
                let day = zone.date(held.at);
                let when = if day > deadline {
                    let late = (day - deadline).num_days();
                    let unit = if late == 1 { "day" } else { "days" };
                    format!("{late} {unit} after the deadline")
                } else {
                    "on time".to_string()
                };
                item(
                    &mut out,
                    &format!("Held: {} ({when})", zone.format(held.at)),
                );
            }
        }
        // A false alarm is not reviewed by rule: it never was an incident.
        None if cancelled(r).is_some() => {}
        None => {
            item(
                &mut out,
                &format!(
                    "To be held within {} hours of resolution, at the latest {} business days after it.",
                    r.target_hours, r.deadline_days
                ),
            );
        }
    }
    let people: Vec<String> = attendees(r).iter().map(|n| inline(n)).collect();
    item(&mut out, &format!("Attendees: {}", people.join(", ")));
    // One blank line between blocks, never two (markdownlint MD012); user
    // text holds no line breaks once escaped, so this touches only ours.
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_never_start_a_list() {
        // A 79-character word fills a line, so each marker starts the next.
        let long = "a".repeat(79);
        for marker in ["-", "+", "=", "1.", "2)", "-x", "10."] {
            let wrapped = wrap("", "", &format!("{long} {marker} tail"));
            let second = wrapped.lines().nth(1).expect("two lines");
            assert!(second.contains('\\'), "{marker}: {second}");
            let item = wrap("- ", "  ", &format!("{long} {marker} tail"));
            let second = item.lines().nth(1).expect("two lines");
            assert!(second.contains('\\'), "{marker}: {second}");
        }
        assert_eq!(neutralised("12."), "12\\.");
        assert_eq!(neutralised("-x"), "\\-x");
        assert_eq!(neutralised("plain"), "plain");
    }
}
