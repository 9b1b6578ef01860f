//! The first version of the exchange document, written by inc before the
//! record model (schema 6 and earlier): read so that an export from an
//! older inc still imports, and turned into the current form by
//! [`upgrade`]. Never written.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::comms::LinkKind;
use crate::model::hlc::Hlc;
use crate::model::ids::derived_uuid;
use crate::model::timeline::EntryKind;

/// A whole export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: u32,
    /// The schema version of the database it was exported from.
    pub schema: i64,
    pub exported_at: String,
    pub incidents: Vec<ExIncident>,
}

/// An incident with all its records. Times are RFC 3339 UTC text with
/// milliseconds, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExIncident {
    pub uuid: String,
    pub title: String,
    pub severity: i64,
    pub status: String,
    pub security: bool,
    pub commander: String,
    pub started_at: String,
    pub detected_at: String,
    pub mitigated_at: Option<String>,
    pub resolved_at: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub channel: Option<String>,
    pub bridge: Option<String>,
    pub ticket: Option<String>,
    /// Added with schema 6; absent from older files.
    #[serde(default)]
    pub drill: bool,
    #[serde(default)]
    pub review_held_at: Option<String>,
    #[serde(default)]
    pub review_held_by: Option<String>,
    pub timeline: Vec<ExEntry>,
    pub assignments: Vec<ExAssignment>,
    pub roles: Vec<ExRole>,
    pub tasks: Vec<ExTask>,
    pub description: Option<ExDescription>,
    pub factors: Vec<ExFactor>,
    pub actions: Vec<ExAction>,
    pub lessons: Vec<ExLesson>,
    pub checklist: Vec<ExChecklistItem>,
    pub update_posts: Vec<ExUpdatePost>,
}

/// A timeline entry. For `task` and `task-done` entries `from_value` is the
/// task's UUID (the database keeps its local id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExEntry {
    pub uuid: String,
    pub kind: String,
    pub body: String,
    pub from_value: Option<String>,
    pub to_value: Option<String>,
    pub event_at: String,
    pub recorded_at: String,
    pub author: String,
    pub key: bool,
    pub private: bool,
    pub audience: Option<String>,
    pub exit_code: Option<i64>,
    pub exit_signal: Option<i64>,
    pub duration_ms: Option<i64>,
    pub output: Option<String>,
    pub output_lines: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExAssignment {
    pub uuid: String,
    pub name: String,
    pub from_name: Option<String>,
    pub briefing: String,
    pub assigned_at: String,
    pub recorded_at: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExRole {
    pub uuid: String,
    pub role: String,
    pub name: String,
    pub assigned_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExTask {
    pub uuid: String,
    pub body: String,
    pub owner: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub done_at: Option<String>,
    pub done_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExDescription {
    pub uuid: String,
    pub summary: Option<String>,
    pub impact: Option<String>,
    pub scope: Option<String>,
    pub detection: Option<String>,
    pub updated_at: String,
    pub updated_by: String,
}

/// A contributing factor; a lesson too ([`ExLesson`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExFactor {
    pub uuid: String,
    pub body: String,
    pub kind: String,
    pub created_at: String,
    pub created_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExAction {
    pub uuid: String,
    pub body: String,
    pub owner: String,
    /// A day, `YYYY-MM-DD`.
    pub due: Option<String>,
    pub priority: String,
    #[serde(rename = "type")]
    pub action_type: Option<String>,
    pub status: String,
    pub created_at: String,
    pub created_by: String,
    pub closed_at: Option<String>,
}

/// A lesson has a factor's fields: its text, its kind, who added it when.
pub type ExLesson = ExFactor;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExChecklistItem {
    pub uuid: String,
    pub position: i64,
    pub area: String,
    pub body: String,
    pub created_at: String,
    pub created_by: String,
    pub done_at: Option<String>,
    pub done_by: Option<String>,
    pub note: Option<String>,
}

/// An attempt to post an update entry (`entry`: its UUID) to the webhook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExUpdatePost {
    pub uuid: String,
    pub entry: String,
    pub attempted_at: String,
    pub attempted_by: String,
    pub outcome: String,
    pub detail: String,
}

/// The records an incident of an inc before the record model held in its
/// own fields, as the timeline entries that now tell them: whether it is a
/// security incident, and its links. Dated when it was declared (when they
/// were set is not known), with UUIDs derived from the incident's, so that
/// every database that upgrades or imports the same incident makes the
/// same entries. The schema migration makes them too.
pub fn legacy_entries(
    incident: &str,
    created_at: &str,
    created_by: &str,
    security: bool,
    links: &[(LinkKind, Option<&str>)],
) -> Vec<super::ExEntry> {
    let clock = parse_time(created_at).map_or_else(String::new, |t| Hlc::at(t).to_string());
    let entry = |what: &str, kind: EntryKind, body: &str, to: &str| super::ExEntry {
        uuid: derived_uuid(incident, what),
        clock: clock.clone(),
        kind: kind.as_str().to_string(),
        body: body.to_string(),
        from_value: None,
        to_value: Some(to.to_string()),
        target: None,
        field: None,
        event_at: created_at.to_string(),
        recorded_at: created_at.to_string(),
        author: created_by.to_string(),
        key: false,
        private: false,
        audience: None,
        exit_code: None,
        exit_signal: None,
        duration_ms: None,
        output: None,
        output_lines: None,
        struck_at: None,
        struck_by: None,
        struck_reason: None,
        actor: None,
        changed: super::Changed::new(),
    };
    let mut out = Vec::new();
    if security {
        out.push(entry("security", EntryKind::Security, "", "on"));
    }
    for (kind, value) in links {
        if let Some(value) = value {
            let name = kind.as_str();
            out.push(entry(&format!("link/{name}"), EntryKind::Link, name, value));
        }
    }
    out
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The clock of a record made at `t` (a stored time), for records written
/// before change clocks: every database gives the same record the same one.
fn clock_of(t: &str) -> String {
    parse_time(t).map_or_else(|| t.to_string(), |t| Hlc::at(t).to_string())
}

/// A version 1 document in the current form: its incidents' state becomes
/// the entries that tell it, its records get change clocks from their own
/// times, task and checklist entries name their record by UUID, and the
/// description gets its derived UUID. Commander assignments and roles are
/// dropped: the handoff and role entries on the timeline tell them.
/// Called after the version 1 checks.
pub(super) fn upgrade(doc: Document) -> Result<super::Document, super::ParseError> {
    let incidents = doc
        .incidents
        .into_iter()
        .enumerate()
        .map(|(i, x)| upgrade_incident(i, x))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(super::Document {
        format: doc.format,
        version: super::VERSION,
        schema: doc.schema,
        exported_at: doc.exported_at,
        incidents,
    })
}

fn upgrade_incident(i: usize, x: ExIncident) -> Result<super::ExIncident, super::ParseError> {
    let first_commander = x
        .assignments
        .iter()
        .filter(|a| a.from_name.is_none())
        .min_by(|a, b| (&a.assigned_at, &a.uuid).cmp(&(&b.assigned_at, &b.uuid)))
        .map_or_else(|| x.commander.clone(), |a| a.name.clone());
    let mut changed = super::Changed::new();
    if let Some(held) = &x.review_held_at {
        changed.insert("review".into(), clock_of(held));
    }
    let links = [
        (LinkKind::Channel, x.channel.as_deref()),
        (LinkKind::Bridge, x.bridge.as_deref()),
        (LinkKind::Ticket, x.ticket.as_deref()),
    ];
    let mut timeline = Vec::with_capacity(x.timeline.len() + 4);
    for (j, e) in x.timeline.into_iter().enumerate() {
        let (target, from_value) = match e.kind.as_str() {
            "task" | "task-done" => {
                let Some(task) = e
                    .from_value
                    .filter(|t| x.tasks.iter().any(|k| k.uuid == *t))
                else {
                    return Err(super::ParseError::Invalid {
                        path: format!("incidents[{i}].timeline[{j}].from_value"),
                        message: "a task entry names no task of this incident".into(),
                    });
                };
                (Some(task), None)
            }
            "checklist" => {
                let position = e.from_value.as_deref().and_then(|p| p.parse::<i64>().ok());
                let item = x
                    .checklist
                    .iter()
                    .find(|c| Some(c.position) == position)
                    .map(|c| c.uuid.clone());
                (item, None)
            }
            _ => (None, e.from_value),
        };
        timeline.push(super::ExEntry {
            uuid: e.uuid,
            clock: clock_of(&e.recorded_at),
            kind: e.kind,
            body: e.body,
            from_value,
            to_value: e.to_value,
            target,
            field: None,
            event_at: e.event_at,
            recorded_at: e.recorded_at,
            author: e.author,
            key: e.key,
            private: e.private,
            audience: e.audience,
            exit_code: e.exit_code,
            exit_signal: e.exit_signal,
            duration_ms: e.duration_ms,
            output: e.output,
            output_lines: e.output_lines,
            struck_at: None,
            struck_by: None,
            struck_reason: None,
            actor: None,
            changed: super::Changed::new(),
        });
    }
    timeline.extend(legacy_entries(
        &x.uuid,
        &x.created_at,
        &x.created_by,
        x.security,
        &links,
    ));
    let description = x.description.map(|d| {
        let clock = clock_of(&d.updated_at);
        let mut changed = super::Changed::new();
        for (part, value) in [
            ("summary", &d.summary),
            ("impact", &d.impact),
            ("scope", &d.scope),
            ("detection", &d.detection),
        ] {
            if value.is_some() {
                changed.insert(part.into(), clock.clone());
            }
        }
        super::ExDescription {
            uuid: derived_uuid(&x.uuid, "description"),
            clock,
            summary: d.summary,
            impact: d.impact,
            scope: d.scope,
            detection: d.detection,
            triggered_by: None,
            resolution: None,
            long_term: None,
            changed,
        }
    });
    let item = |f: ExFactor| super::ExItem {
        clock: clock_of(&f.created_at),
        uuid: f.uuid,
        body: f.body,
        kind: f.kind,
        created_at: f.created_at,
        created_by: f.created_by,
        removed_at: None,
        removed_by: None,
        changed: super::Changed::new(),
    };
    Ok(super::ExIncident {
        clock: clock_of(&x.created_at),
        uuid: x.uuid,
        first_commander,
        drill: x.drill,
        review_held_at: x.review_held_at,
        review_held_by: x.review_held_by,
        review_status: None,
        review_owner: None,
        changed,
        timeline,
        tasks: x
            .tasks
            .into_iter()
            .map(|t| super::ExTask {
                clock: clock_of(&t.created_at),
                uuid: t.uuid,
                body: t.body,
                owner: t.owner,
                created_at: t.created_at,
                created_by: t.created_by,
                done_at: t.done_at,
                done_by: t.done_by,
                changed: super::Changed::new(),
            })
            .collect(),
        description,
        factors: x.factors.into_iter().map(item).collect(),
        actions: x
            .actions
            .into_iter()
            .map(|a| {
                let mut changed = super::Changed::new();
                if let Some(closed) = &a.closed_at {
                    changed.insert("status".into(), clock_of(closed));
                }
                super::ExAction {
                    clock: clock_of(&a.created_at),
                    uuid: a.uuid,
                    body: a.body,
                    owner: a.owner,
                    due: a.due,
                    priority: a.priority,
                    action_type: a.action_type,
                    status: a.status,
                    closed_at: a.closed_at,
                    created_at: a.created_at,
                    created_by: a.created_by,
                    link: None,
                    changed,
                }
            })
            .collect(),
        lessons: x.lessons.into_iter().map(item).collect(),
        checklist: x
            .checklist
            .into_iter()
            .map(|c| super::ExChecklistItem {
                clock: clock_of(&c.created_at),
                uuid: c.uuid,
                position: c.position,
                area: c.area,
                body: c.body,
                created_at: c.created_at,
                created_by: c.created_by,
                done_at: c.done_at,
                done_by: c.done_by,
                note: c.note,
                changed: super::Changed::new(),
            })
            .collect(),
        update_posts: x
            .update_posts
            .into_iter()
            .map(|p| super::ExUpdatePost {
                clock: clock_of(&p.attempted_at),
                uuid: p.uuid,
                entry: p.entry,
                attempted_at: p.attempted_at,
                attempted_by: p.attempted_by,
                outcome: p.outcome,
                detail: p.detail,
                changed: super::Changed::new(),
            })
            .collect(),
    })
}
