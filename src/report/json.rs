//! JSON for scripts. The field names are an interface, documented in
//! docs/json.md: add fields freely, never rename or remove one.

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use super::briefing::Briefing;
use super::review::Review;
use super::text::{Names, is_unsafe};
use crate::model::{
    Action, ActionType, Assignment, ChecklistItem, CommandRun, Factor, Incident, Lesson, Outcome,
    Responder, RoleHolder, Scope, Task, TimelineEntry, UpdatePost, signal_name,
};

#[derive(Serialize)]
struct IncidentJson<'a> {
    id: i64,
    /// How it is named: `#12`; on a team its team-wide number, or `#L3`
    /// until the hub has it.
    number: String,
    uuid: &'a str,
    title: &'a str,
    severity: String,
    status: &'static str,
    security: bool,
    /// A drill: practice, left out of `inc stats` by default.
    drill: bool,
    commander: &'a str,
    started_at: String,
    detected_at: String,
    mitigated_at: Option<String>,
    resolved_at: Option<String>,
    created_at: String,
    /// Bookkeeping: left out of the public review.
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by: Option<&'a str>,
    duration_seconds: i64,
    time_to_detect_seconds: i64,
    time_to_mitigate_seconds: Option<i64>,
    time_to_resolve_seconds: Option<i64>,
    /// When the review meeting was held; null until recorded.
    review_held_at: Option<String>,
    /// Where the response happens; each null when not set.
    links: LinksJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    commanders: Option<Vec<AssignmentJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    latest_entries: Option<Vec<EntryJson<'a>>>,
    /// A security incident's duties (`inc show --json` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    checklist: Option<Vec<ChecklistItemJson<'a>>>,
}

#[derive(Serialize)]
struct LinksJson<'a> {
    channel: Option<&'a str>,
    bridge: Option<&'a str>,
    ticket: Option<&'a str>,
}

#[derive(Serialize)]
struct AssignmentJson<'a> {
    uuid: &'a str,
    name: &'a str,
    from: Option<&'a str>,
    briefing: &'a str,
    assigned_at: String,
    /// Bookkeeping: left out of the public review.
    #[serde(skip_serializing_if = "Option::is_none")]
    recorded_by: Option<&'a str>,
}

#[derive(Serialize)]
struct TaskJson<'a> {
    id: i64,
    /// On a team: how the task is named on every laptop.
    #[serde(rename = "ref", skip_serializing_if = "str::is_empty")]
    reference: &'a str,
    uuid: &'a str,
    incident_id: i64,
    text: &'a str,
    owner: Option<&'a str>,
    created_at: String,
    /// Bookkeeping: left out of the public review.
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by: Option<&'a str>,
    done_at: Option<String>,
    done_by: Option<&'a str>,
}

#[derive(Serialize)]
struct RoleJson<'a> {
    role: &'a str,
    name: &'a str,
    assigned_at: String,
}

#[derive(Serialize)]
struct ResponderJson<'a> {
    name: &'a str,
    joined_at: String,
    did: &'a [String],
}

#[derive(Serialize)]
struct BriefingJson<'a> {
    incident: IncidentJson<'a>,
    commanders: Vec<AssignmentJson<'a>>,
    latest_notes: Vec<EntryJson<'a>>,
    open_tasks: Vec<TaskJson<'a>>,
    roles: Vec<RoleJson<'a>>,
    responders: Vec<ResponderJson<'a>>,
}

#[derive(Serialize)]
struct EntryJson<'a> {
    id: i64,
    uuid: &'a str,
    incident_id: i64,
    kind: &'static str,
    text: &'a str,
    from: Option<Cow<'a, str>>,
    to: Option<Cow<'a, str>>,
    event_at: String,
    recorded_at: String,
    author: &'a str,
    /// Who did it, when not its author (`inc tl --by`); null otherwise.
    actor: Option<&'a str>,
    key: bool,
    /// Only on `update` entries: `internal` or `external`.
    #[serde(skip_serializing_if = "Option::is_none")]
    audience: Option<&'static str>,
    /// A note for responders only, left out of the public review.
    private: bool,
    /// Only on `command` entries.
    #[serde(skip_serializing_if = "Option::is_none")]
    run: Option<RunJson<'a>>,
    /// Its text, time or incident was corrected since it was written.
    corrected: bool,
    /// How `inc entry` commands name it (`inc timeline --json` and the
    /// latest entries of `inc show --json`).
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    /// The record a task, task-done, checklist or correction entry is
    /// about: its UUID.
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    /// Only on `correction` entries: what was corrected (`text`, `at`,
    /// `incident`, `struck`, `owner`, `key`, `private`); `from` and `to`
    /// are the values (times, for `at`, in the form of every other time).
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    /// Only on entries struck from the record (`inc timeline --history`).
    #[serde(skip_serializing_if = "Option::is_none")]
    struck: Option<StruckJson<'a>>,
    /// On a team: the database user who pushed it, where that is not
    /// its author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pushed_by: Option<String>,
}

/// Who struck an entry from the record, when, and why.
#[derive(Serialize)]
struct StruckJson<'a> {
    at: String,
    by: &'a str,
    reason: &'a str,
}

/// How a command run with `inc run` ended, and what it printed.
#[derive(Serialize)]
struct RunJson<'a> {
    /// Its exit code; null when a signal ended it.
    exit_code: Option<u8>,
    /// The signal that ended it; null when it exited.
    signal: Option<i32>,
    /// The name of that signal, where it is the same on every system.
    signal_name: Option<&'static str>,
    duration_ms: u64,
    /// The last lines of its output (with `--capture`), joined by `\n`.
    output: Option<&'a str>,
    /// How many lines it printed in all (with `--capture`).
    output_lines: Option<u64>,
}

fn run_json(r: &CommandRun) -> RunJson<'_> {
    let signal = match r.outcome {
        Outcome::Exited(_) => None,
        Outcome::Signalled(sig) => Some(sig),
    };
    RunJson {
        exit_code: match r.outcome {
            Outcome::Exited(code) => Some(code),
            Outcome::Signalled(_) => None,
        },
        signal,
        signal_name: signal.and_then(signal_name),
        duration_ms: r.duration_ms,
        output: r.output.as_deref(),
        output_lines: r.output_lines,
    }
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn incident_json<'a>(i: &'a Incident, now: DateTime<Utc>) -> IncidentJson<'a> {
    IncidentJson {
        id: i.id,
        number: i.number.to_string(),
        uuid: &i.uuid,
        title: &i.title,
        severity: i.severity.to_string(),
        status: i.status.as_str(),
        security: i.security,
        drill: i.drill,
        commander: &i.commander,
        started_at: time(i.started_at),
        detected_at: time(i.detected_at),
        mitigated_at: i.mitigated_at.map(time),
        resolved_at: i.resolved_at.map(time),
        created_at: time(i.created_at),
        created_by: Some(&i.created_by),
        duration_seconds: i.duration(now).num_seconds(),
        time_to_detect_seconds: i.time_to_detect().num_seconds(),
        time_to_mitigate_seconds: i.mitigated_at.map(|m| (m - i.started_at).num_seconds()),
        time_to_resolve_seconds: i.time_to_resolve().map(|d| d.num_seconds()),
        review_held_at: i.review_held.as_ref().map(|h| time(h.at)),
        links: LinksJson {
            channel: i.links.channel.as_deref(),
            bridge: i.links.bridge.as_deref(),
            ticket: i.links.ticket.as_deref(),
        },
        commanders: None,
        latest_entries: None,
        checklist: None,
    }
}

fn assignment_json(a: &Assignment) -> AssignmentJson<'_> {
    AssignmentJson {
        uuid: &a.uuid,
        name: &a.name,
        from: a.from.as_deref(),
        briefing: &a.briefing,
        assigned_at: time(a.assigned_at),
        recorded_by: Some(&a.recorded_by),
    }
}

fn task_json(t: &Task) -> TaskJson<'_> {
    TaskJson {
        id: t.id,
        reference: &t.reference,
        uuid: &t.uuid,
        incident_id: t.incident_id,
        text: &t.text,
        owner: t.owner.as_deref(),
        created_at: time(t.created_at),
        created_by: Some(&t.created_by),
        done_at: t.done_at.map(time),
        done_by: t.done_by.as_deref(),
    }
}

fn responder_json(r: &Responder) -> ResponderJson<'_> {
    ResponderJson {
        name: &r.name,
        joined_at: time(r.joined_at),
        did: &r.did,
    }
}

fn entry_json(e: &TimelineEntry) -> EntryJson<'_> {
    EntryJson {
        id: e.id,
        uuid: &e.uuid,
        incident_id: e.incident_id,
        kind: e.kind.as_str(),
        text: &e.text,
        from: value(e, &e.from),
        to: value(e, &e.to),
        event_at: time(e.event_at),
        recorded_at: time(e.recorded_at),
        author: &e.author,
        actor: e.actor.as_deref(),
        key: e.key,
        audience: e.audience.map(crate::model::Audience::as_str),
        private: e.private,
        run: e.run.as_ref().map(run_json),
        corrected: e.amended,
        reference: None,
        target: e.target.as_deref(),
        field: e.field.as_deref(),
        struck: e.struck.as_ref().map(|s| StruckJson {
            at: time(s.at),
            by: &s.by,
            reason: &s.reason,
        }),
        pushed_by: None,
    }
}

/// An entry's `from` or `to`: as stored, but a corrected time in the form
/// of every time in the JSON.
fn value<'a>(e: &TimelineEntry, v: &'a Option<String>) -> Option<Cow<'a, str>> {
    let v = v.as_deref()?;
    if e.field.as_deref() == Some("at")
        && let Ok(t) = DateTime::parse_from_rfc3339(v)
    {
        return Some(Cow::Owned(time(t.with_timezone(&Utc))));
    }
    Some(Cow::Borrowed(v))
}

/// Pretty JSON, with every control or bidi character escaped as `\uXXXX`
/// (serde_json escapes only the ASCII ones), so the output is safe on a
/// terminal and still decodes to exactly the stored text.
pub(super) fn render<T: Serialize>(value: &T) -> String {
    let raw = serde_json::to_string_pretty(value).expect("JSON of plain data cannot fail");
    let mut out = escaped(&raw);
    out.push('\n');
    out
}

/// JSON text with the characters a terminal would act on escaped.
fn escaped(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 1);
    let mut rest = raw;
    // serde_json has escaped the ASCII control characters already: only
    // DEL and characters beyond ASCII are left to look at, and the runs of
    // plain ASCII between them are copied whole.
    while let Some(at) = rest.bytes().position(|b| b >= 0x7f) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or_default();
        if c == '\u{7f}' || is_unsafe(c) {
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// `inc list --json`: an array of incidents.
pub fn incidents(list: &[Incident], now: DateTime<Utc>) -> String {
    render(
        &list
            .iter()
            .map(|i| incident_json(i, now))
            .collect::<Vec<_>>(),
    )
}

/// `inc show --json`: one incident with its commanders, latest entries
/// and checklist.
pub fn incident(
    i: &Incident,
    assignments: &[Assignment],
    latest: (&[TimelineEntry], &Names),
    checklist: &[ChecklistItem],
    now: DateTime<Utc>,
) -> String {
    let mut json = incident_json(i, now);
    json.commanders = Some(assignments.iter().map(assignment_json).collect());
    json.latest_entries = Some(with_refs(latest.0, latest.1));
    json.checklist = Some(checklist.iter().map(checklist_item_json).collect());
    render(&json)
}

/// `inc brief --json`: the briefing's parts.
pub fn briefing(b: &Briefing<'_>, now: DateTime<Utc>) -> String {
    render(&BriefingJson {
        incident: incident_json(b.incident, now),
        commanders: b.assignments.iter().map(assignment_json).collect(),
        latest_notes: b.notes.iter().map(entry_json).collect(),
        open_tasks: b.tasks.iter().map(task_json).collect(),
        roles: b.roles.iter().map(role_json).collect(),
        responders: b.responders.iter().map(responder_json).collect(),
    })
}

#[derive(Serialize)]
struct FactorJson<'a> {
    id: i64,
    uuid: &'a str,
    incident_id: i64,
    text: &'a str,
    kind: &'static str,
    created_at: String,
    /// Bookkeeping: left out of the public review.
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by: Option<&'a str>,
}

#[derive(Serialize)]
struct ActionJson<'a> {
    id: i64,
    /// On a team: how the item is named on every laptop.
    #[serde(rename = "ref", skip_serializing_if = "str::is_empty")]
    reference: &'a str,
    uuid: &'a str,
    incident_id: i64,
    text: &'a str,
    owner: &'a str,
    due: Option<String>,
    priority: &'static str,
    #[serde(rename = "type")]
    action_type: Option<&'static str>,
    status: &'static str,
    created_at: String,
    /// Bookkeeping: left out of the public review.
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by: Option<&'a str>,
    closed_at: Option<String>,
    /// Where the work is tracked: a ticket's id or URL.
    ticket: Option<&'a str>,
}

#[derive(Serialize)]
struct LessonJson<'a> {
    id: i64,
    uuid: &'a str,
    incident_id: i64,
    text: &'a str,
    kind: &'static str,
    created_at: String,
    /// Bookkeeping: left out of the public review.
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by: Option<&'a str>,
}

fn role_json(r: &RoleHolder) -> RoleJson<'_> {
    RoleJson {
        role: &r.role,
        name: &r.name,
        assigned_at: time(r.assigned_at),
    }
}

fn factor_json(f: &Factor) -> FactorJson<'_> {
    FactorJson {
        id: f.id,
        uuid: &f.uuid,
        incident_id: f.incident_id,
        text: &f.text,
        kind: f.kind.as_str(),
        created_at: time(f.created_at),
        created_by: Some(&f.created_by),
    }
}

fn action_json(a: &Action) -> ActionJson<'_> {
    ActionJson {
        id: a.id,
        reference: &a.reference,
        uuid: &a.uuid,
        incident_id: a.incident_id,
        text: &a.text,
        owner: &a.owner,
        due: a.due.map(|d| d.to_string()),
        priority: a.priority.as_str(),
        action_type: a.action_type.map(ActionType::as_str),
        status: a.status.as_str(),
        created_at: time(a.created_at),
        created_by: Some(&a.created_by),
        closed_at: a.closed_at.map(time),
        ticket: a.link.as_deref(),
    }
}

fn lesson_json(l: &Lesson) -> LessonJson<'_> {
    LessonJson {
        id: l.id,
        uuid: &l.uuid,
        incident_id: l.incident_id,
        text: &l.text,
        kind: l.kind.as_str(),
        created_at: time(l.created_at),
        created_by: Some(&l.created_by),
    }
}

/// `inc factor list --json`.
pub fn factors(list: &[Factor]) -> String {
    render(&list.iter().map(factor_json).collect::<Vec<_>>())
}

/// `inc action list --json`.
pub fn actions(list: &[Action]) -> String {
    render(&list.iter().map(action_json).collect::<Vec<_>>())
}

/// `inc lesson list --json`.
pub fn lessons(list: &[Lesson]) -> String {
    render(&list.iter().map(lesson_json).collect::<Vec<_>>())
}

#[derive(Serialize)]
struct ReviewJson<'a> {
    draft: bool,
    /// The public version: names replaced, private notes and internal
    /// updates left out.
    public: bool,
    incident: IncidentJson<'a>,
    description: DescriptionJson<'a>,
    commanders: Vec<AssignmentJson<'a>>,
    roles: Vec<RoleJson<'a>>,
    responders: Vec<ResponderJson<'a>>,
    timeline: Vec<EntryJson<'a>>,
    tasks: Vec<TaskJson<'a>>,
    factors: Vec<FactorJson<'a>>,
    actions: Vec<ActionJson<'a>>,
    lessons: Vec<LessonJson<'a>>,
    /// A security incident's duties.
    checklist: Vec<ChecklistItemJson<'a>>,
    /// The review document: where it stands, its owner, who wrote it.
    document: DocumentJson,
    /// How long the incident stood at each severity.
    severities: Vec<SeverityPeriodJson>,
    communications: CommunicationsJson<'a>,
    meeting: MeetingJson,
    /// How much of the record was corrected after the fact; the timeline
    /// above is the corrected one (`inc timeline --history --json` has
    /// every version).
    corrections: CorrectionsJson,
}

#[derive(Serialize)]
struct DocumentJson {
    status: &'static str,
    owner: Option<String>,
    /// Bookkeeping: left out of the public review.
    #[serde(skip_serializing_if = "Option::is_none")]
    authors: Option<Vec<String>>,
}

#[derive(Serialize)]
struct SeverityPeriodJson {
    severity: String,
    from: String,
    /// When it changed or the incident ended; null while it lasts.
    until: Option<String>,
    seconds: Option<i64>,
}

#[derive(Serialize)]
struct CommunicationsJson<'a> {
    /// The status updates that went out, in order.
    updates: Vec<UpdateSentJson<'a>>,
    first_external_update_at: Option<String>,
    /// First external update − started.
    time_to_first_external_update_seconds: Option<i64>,
}

#[derive(Serialize)]
struct UpdateSentJson<'a> {
    uuid: &'a str,
    at: String,
    audience: Option<&'static str>,
    text: &'a str,
}

#[derive(Serialize)]
struct CorrectionsJson {
    /// Corrections made.
    made: usize,
    /// Entries whose text, time or incident was corrected.
    entries_corrected: usize,
    /// Entries struck from the record.
    entries_struck: usize,
}

#[derive(Serialize)]
struct DescriptionJson<'a> {
    summary: Option<&'a str>,
    /// The description assembled from the records, when there is no summary.
    draft: Option<String>,
    impact: Option<&'a str>,
    scope: Option<&'static str>,
    detection: Option<&'a str>,
    trigger: Option<&'a str>,
    resolution: Option<&'a str>,
    long_term: Option<&'a str>,
}

#[derive(Serialize)]
struct MeetingJson {
    target: Option<String>,
    deadline: Option<String>,
    /// When the meeting was held (`inc reviewed`); null until recorded.
    held_at: Option<String>,
    attendees: Vec<String>,
}

/// `inc review --json`: the review's content as data (`now` only matters
/// for the duration of an unresolved incident).
pub fn review(r: &Review<'_>, now: DateTime<Utc>) -> String {
    let mut value = ReviewJson {
        draft: r.incident.ended_at().is_none(),
        public: r.public,
        incident: incident_json(r.incident, now),
        description: DescriptionJson {
            summary: r.description.summary.as_deref(),
            draft: r
                .description
                .summary
                .is_none()
                .then(|| super::review::draft_text(r)),
            impact: r.description.impact.as_deref(),
            scope: r.description.scope.map(Scope::as_str),
            detection: r.description.detection.as_deref(),
            trigger: r.description.triggered_by.as_deref(),
            resolution: r.description.resolution.as_deref(),
            long_term: r.description.long_term.as_deref(),
        },
        commanders: r.assignments.iter().map(assignment_json).collect(),
        roles: r.roles.iter().map(role_json).collect(),
        responders: r.responders.iter().map(responder_json).collect(),
        timeline: r.entries.iter().map(entry_json).collect(),
        tasks: r.tasks.iter().map(task_json).collect(),
        factors: r.factors.iter().map(factor_json).collect(),
        actions: r.actions.iter().map(action_json).collect(),
        lessons: r.lessons.iter().map(lesson_json).collect(),
        checklist: r.checklist.iter().map(checklist_item_json).collect(),
        document: DocumentJson {
            status: r.incident.review_status.as_str(),
            owner: r.incident.review_owner.clone(),
            authors: Some(super::review::authors(r)),
        },
        severities: crate::model::story::severity_periods(r.entries, r.incident.ended_at())
            .into_iter()
            .map(|p| SeverityPeriodJson {
                seconds: p.length().map(|d| d.num_seconds()),
                from: time(p.from),
                until: p.until.map(time),
                severity: p.severity,
            })
            .collect(),
        communications: {
            let c = crate::model::story::communications(r.entries);
            CommunicationsJson {
                updates: c
                    .updates
                    .iter()
                    .map(|e| UpdateSentJson {
                        uuid: &e.uuid,
                        at: time(e.event_at),
                        audience: e.audience.map(crate::model::Audience::as_str),
                        text: &e.text,
                    })
                    .collect(),
                first_external_update_at: c.first_external.map(|e| time(e.event_at)),
                time_to_first_external_update_seconds: c
                    .first_external
                    .map(|e| (e.event_at - r.incident.started_at).num_seconds()),
            }
        },
        meeting: MeetingJson {
            target: r.meeting.map(|(t, _)| time(t)),
            deadline: r.meeting.map(|(_, d)| d.to_string()),
            held_at: r.incident.review_held.as_ref().map(|h| time(h.at)),
            attendees: super::review::attendees(r),
        },
        corrections: CorrectionsJson {
            made: r.amendments.corrections,
            entries_corrected: r.amendments.amended,
            entries_struck: r.amendments.struck,
        },
    };
    if r.public {
        drop_bookkeeping(&mut value);
    }
    render(&value)
}

/// The public review leaves out who recorded or added what: bookkeeping
/// for responders.
fn drop_bookkeeping(value: &mut ReviewJson<'_>) {
    value.incident.created_by = None;
    value.document.authors = None;
    for a in &mut value.commanders {
        a.recorded_by = None;
    }
    for t in &mut value.tasks {
        t.created_by = None;
    }
    for f in &mut value.factors {
        f.created_by = None;
    }
    for a in &mut value.actions {
        a.created_by = None;
    }
    for l in &mut value.lessons {
        l.created_by = None;
    }
    for c in &mut value.checklist {
        c.created_by = None;
    }
}

/// `inc task list --json`.
pub fn tasks(list: &[Task]) -> String {
    render(&list.iter().map(task_json).collect::<Vec<_>>())
}

/// `inc responders --json`.
pub fn responders(list: &[Responder]) -> String {
    render(&list.iter().map(responder_json).collect::<Vec<_>>())
}

#[derive(Serialize)]
struct ChecklistItemJson<'a> {
    /// Its number on the incident's checklist, from 1.
    item: i64,
    uuid: &'a str,
    incident_id: i64,
    area: &'a str,
    text: &'a str,
    created_at: String,
    /// Bookkeeping: left out of the public review.
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by: Option<&'a str>,
    done: bool,
    done_at: Option<String>,
    done_by: Option<&'a str>,
    note: Option<&'a str>,
}

fn checklist_item_json(i: &ChecklistItem) -> ChecklistItemJson<'_> {
    ChecklistItemJson {
        item: i.position,
        uuid: &i.uuid,
        incident_id: i.incident_id,
        area: &i.area,
        text: &i.body,
        created_at: time(i.created_at),
        created_by: Some(&i.created_by),
        done: i.is_done(),
        done_at: i.done_at.map(time),
        done_by: i.done_by.as_deref(),
        note: i.note.as_deref(),
    }
}

/// `inc checklist --json`: a security incident's duties, in order.
pub fn checklist(items: &[ChecklistItem]) -> String {
    render(&items.iter().map(checklist_item_json).collect::<Vec<_>>())
}

/// `inc timeline --json`: an array of entries in event-time order, each
/// with its ref from `names`.
pub fn timeline(entries: &[TimelineEntry], names: &Names) -> String {
    render(&with_refs(entries, names))
}

/// Entries, each with its ref from `names`.
fn with_refs<'a>(entries: &'a [TimelineEntry], names: &Names) -> Vec<EntryJson<'a>> {
    entries
        .iter()
        .map(|e| EntryJson {
            reference: names.refs.get(&e.uuid).cloned(),
            pushed_by: names.pushed_by.get(&e.uuid).cloned(),
            ..entry_json(e)
        })
        .collect()
}

/// `inc export` in pieces, so that a large database streams out: the
/// head, each incident, the end. Together they are exactly the document
/// [`render`] would print, with the same escaping as all JSON output (it
/// still decodes to the stored text).
pub mod export {
    use serde::Serialize;

    use super::escaped;
    use crate::model::exchange::{ExIncident, FORMAT, VERSION};

    #[derive(Serialize)]
    struct Head<'a> {
        format: &'static str,
        version: u32,
        schema: i64,
        exported_at: &'a str,
    }

    /// The document up to its list of incidents.
    pub fn head(schema: i64, exported_at: &str) -> String {
        let head = Head {
            format: FORMAT,
            version: VERSION,
            schema,
            exported_at,
        };
        let raw = serde_json::to_string_pretty(&head).expect("JSON of plain data cannot fail");
        let open = raw.strip_suffix("\n}").unwrap_or(&raw);
        format!("{},\n  \"incidents\": [", escaped(open))
    }

    /// One incident of the list; `first` for the first one.
    pub fn incident(x: &ExIncident, first: bool) -> String {
        let raw = serde_json::to_string_pretty(x).expect("JSON of plain data cannot fail");
        // Strings never hold a raw newline, so each line can be indented.
        let mut out = String::from(if first { "\n" } else { ",\n" });
        for (i, line) in escaped(&raw).lines().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str("    ");
            out.push_str(line);
        }
        out
    }

    /// The end of the document, after `count` incidents.
    pub fn tail(count: usize) -> &'static str {
        if count == 0 { "]\n}\n" } else { "\n  ]\n}\n" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Escaping leaves the JSON meaning the same text, with nothing a
        /// terminal would act on left raw.
        #[test]
        fn escaped_json_decodes_to_the_same_text(text in "(\\PC|[\u{0}-\u{1f}\u{7f}-\u{9f}\u{200e}\u{202a}-\u{202e}\u{2066}-\u{2069}])*") {
            let json = escaped(&serde_json::to_string(&text).unwrap());
            let raw = json.chars().any(|c| c == '\u{7f}' || is_unsafe(c));
            proptest::prop_assert!(!raw, "raw character left in {}", json);
            proptest::prop_assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
        }
    }

    #[test]
    fn an_export_in_pieces_is_the_whole_document() {
        use crate::model::exchange::{Document, parse};
        let one = r#"{"format": "inc-export", "version": 3, "schema": 7,
            "exported_at": "2026-11-26T14:00:00Z", "incidents": [{
            "uuid": "01a21827-ef00-7d63-a479-902771e5501c",
            "clock": "2026-11-26T13:00:00.000000000Z", "first_commander": "alice",
            "drill": false, "review_held_at": null, "review_held_by": null,
            "timeline": [{"uuid": "01a21827-ef00-7d63-a479-902771e5501d",
              "clock": "2026-11-26T13:00:00.000000001Z", "kind": "declared",
              "body": "API \u001b[2J down", "from_value": null, "to_value": "SEV2",
              "target": null, "field": null, "event_at": "2026-11-26T13:00:00Z",
              "recorded_at": "2026-11-26T13:00:00Z", "author": "alice", "key": false,
              "private": false, "audience": null, "exit_code": null, "exit_signal": null,
              "duration_ms": null, "output": null, "output_lines": null, "struck_at": null,
              "struck_by": null, "struck_reason": null}],
            "tasks": [], "description": null, "factors": [], "actions": [], "lessons": [],
            "checklist": [], "update_posts": []}]}"#;
        let now = "2026-11-26T14:00:00Z".parse().unwrap();
        let mut doc: Document = parse(one, now).unwrap();
        let first = doc.incidents[0].clone();
        let mut second = first.clone();
        second.uuid = "01a21827-ef00-7d63-a479-902771e5501e".into();
        second.timeline[0].uuid = "01a21827-ef00-7d63-a479-902771e5501f".into();
        second.timeline[0].body = "rlo\u{202e} and a\nnewline".into();
        for n in 0..3 {
            doc.incidents = vec![first.clone(), second.clone()];
            doc.incidents.truncate(n);
            let mut pieces = export::head(doc.schema, &doc.exported_at);
            for (i, x) in doc.incidents.iter().enumerate() {
                pieces.push_str(&export::incident(x, i == 0));
            }
            pieces.push_str(export::tail(doc.incidents.len()));
            assert_eq!(pieces, render(&doc), "{n} incidents");
            assert_eq!(parse(&pieces, now).unwrap(), doc);
        }
    }

    #[test]
    fn unsafe_characters_are_escaped_but_decode_faithfully() {
        let text = "esc\u{1b}[2J c1\u{9b} del\u{7f} rlo\u{202e} ok é";
        let out = render(&serde_json::json!({ "t": text }));
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(!out.contains('\u{202e}'));
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["t"], text);
    }
}

#[derive(Serialize)]
struct UpdatesJson<'a> {
    incident_id: i64,
    /// When the latest update went out; null when none has.
    last_update_at: Option<String>,
    updates: Vec<UpdateJson<'a>>,
}

#[derive(Serialize)]
struct UpdateJson<'a> {
    #[serde(flatten)]
    entry: EntryJson<'a>,
    /// The latest attempt to post it to the webhook; null when never posted.
    post: Option<PostJson<'a>>,
}

#[derive(Serialize)]
struct PostJson<'a> {
    outcome: &'static str,
    detail: &'a str,
    attempted_at: String,
    attempted_by: &'a str,
}

/// `inc updates --json`: an incident's status updates with their posts.
pub fn updates(incident_id: i64, list: &[(TimelineEntry, Option<UpdatePost>)]) -> String {
    render(&UpdatesJson {
        incident_id,
        last_update_at: list.iter().map(|(e, _)| e.event_at).max().map(time),
        updates: list
            .iter()
            .map(|(e, post)| UpdateJson {
                entry: entry_json(e),
                post: post.as_ref().map(|p| PostJson {
                    outcome: p.outcome.as_str(),
                    detail: &p.detail,
                    attempted_at: time(p.attempted_at),
                    attempted_by: &p.attempted_by,
                }),
            })
            .collect(),
    })
}

#[derive(Serialize)]
struct ActionOfJson<'a> {
    #[serde(flatten)]
    action: ActionJson<'a>,
    incident_title: &'a str,
    drill: bool,
    overdue: bool,
}

/// `inc actions --json`: each action item with its incident's title,
/// whether that incident is a drill, and whether the item is overdue on
/// `today`.
pub fn actions_across(
    list: &[crate::model::followup::ActionOf],
    today: chrono::NaiveDate,
) -> String {
    render(
        &list
            .iter()
            .map(|a| ActionOfJson {
                action: action_json(&a.action),
                incident_title: &a.incident_title,
                drill: a.drill,
                overdue: a.action.is_overdue(today),
            })
            .collect::<Vec<_>>(),
    )
}

#[derive(Serialize)]
struct ReviewDueJson<'a> {
    id: i64,
    title: &'a str,
    severity: u8,
    drill: bool,
    resolved_at: Option<String>,
    target: String,
    deadline: String,
    state: &'static str,
    days_left: Option<i64>,
    days_late: Option<i64>,
    held_at: Option<String>,
    held_by: Option<&'a str>,
}

/// `inc reviews --json`.
pub fn reviews(list: &[crate::model::followup::ReviewDue]) -> String {
    use crate::model::followup::Standing;
    render(
        &list
            .iter()
            .map(|r| {
                let i = &r.incident;
                let held = i.review_held.as_ref();
                ReviewDueJson {
                    id: i.id,
                    title: &i.title,
                    severity: i.severity.level(),
                    drill: i.drill,
                    resolved_at: i.resolved_at.map(time),
                    target: time(r.target),
                    deadline: r.deadline.to_string(),
                    state: r.standing.as_str(),
                    days_left: match r.standing {
                        Standing::Due { days } => Some(days),
                        _ => None,
                    },
                    days_late: match r.standing {
                        Standing::Overdue { days } => Some(days),
                        Standing::Held { days_late } => Some(days_late),
                        Standing::Due { .. } => None,
                    },
                    held_at: held.map(|h| time(h.at)),
                    held_by: held.map(|h| h.by.as_str()),
                }
            })
            .collect::<Vec<_>>(),
    )
}
