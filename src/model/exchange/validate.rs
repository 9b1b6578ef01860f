//! The checks an exchange document passes before anything of it is
//! written: its format and version, then every value, each refusal naming
//! the value's path in the document.

use std::collections::HashSet;
use std::fmt;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::Deserialize;

use crate::model::comms::LinkKind;
use crate::model::incident::KeyTimes;
use crate::model::review::{ActionStatus, ActionType, FactorKind, LessonKind, Priority, Scope};
use crate::model::scale::{Severity, Status};
use crate::model::timeline::{Audience, EntryKind};

use super::*;

/// Why a document cannot be imported.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseError {
    /// Nothing in it.
    Empty,
    /// Not JSON, or cut short: serde_json's message with its place.
    Syntax {
        line: usize,
        column: usize,
        message: String,
        cut_short: bool,
    },
    /// JSON, but not an inc export.
    NotAnExport(String),
    /// Written by a newer inc.
    NewerVersion(u64),
    /// A value of the wrong type, or a field unknown or missing, with its
    /// line and column.
    Mistyped {
        line: usize,
        column: usize,
        message: String,
    },
    /// A value that is wrong where it is, with its path in the document.
    Invalid { path: String, message: String },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("the file is empty"),
            ParseError::Syntax {
                line,
                column,
                message,
                cut_short,
            } => {
                write!(f, "line {line}, column {column}: {message}")?;
                if *cut_short {
                    f.write_str("; the file looks cut short")?;
                }
                Ok(())
            }
            ParseError::Mistyped {
                line,
                column,
                message,
            } => write!(f, "line {line}, column {column}: {message}"),
            ParseError::NotAnExport(why) => write!(f, "not an inc export ({why})"),
            ParseError::NewerVersion(v) => write!(
                f,
                "written by a newer inc (export format version {v}; this inc reads up to {VERSION})"
            ),
            ParseError::Invalid { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for ParseError {}

fn syntax(e: &serde_json::Error) -> ParseError {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    ParseError::Syntax {
        line: e.line(),
        column: e.column(),
        message,
        cut_short: e.is_eof(),
    }
}

/// Reads and checks a whole document: its format and version first (so
/// that another JSON document or a newer export says so), then every
/// value. Times come back in the stored form, so that they compare as text.
pub fn parse(text: &str) -> Result<Document, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    // First only the format and version, skipping the rest unread: another
    // document or a newer export is named as such, not by its first field
    // this version does not know.
    let probe: Probe = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => {
            ParseError::NotAnExport("it is not a JSON object".into())
        }
        _ => syntax(&e),
    })?;
    match &probe.format {
        Some(serde_json::Value::String(s)) if s == FORMAT => {}
        Some(other) => {
            return Err(ParseError::NotAnExport(format!(
                "its format is {other}, not \"{FORMAT}\""
            )));
        }
        None => {
            return Err(ParseError::NotAnExport(format!(
                "it has no \"format\": \"{FORMAT}\""
            )));
        }
    }
    match probe.version.as_ref().and_then(serde_json::Value::as_u64) {
        Some(v) if v > u64::from(VERSION) => return Err(ParseError::NewerVersion(v)),
        Some(v) if v >= 1 => {}
        _ => {
            return Err(ParseError::Invalid {
                path: "version".into(),
                message: format!(
                    "{} is not a format version",
                    probe
                        .version
                        .as_ref()
                        .map_or("nothing".into(), ToString::to_string)
                ),
            });
        }
    }
    // Again, typed: a wrong type or a missing field is reported with its
    // line and column.
    let mut doc: Document = serde_json::from_str(text).map_err(|e| match syntax(&e) {
        ParseError::Syntax {
            line,
            column,
            message,
            cut_short: false,
        } if e.is_data() => ParseError::Mistyped {
            line,
            column,
            message,
        },
        other => other,
    })?;
    validate(&mut doc)?;
    Ok(doc)
}

/// The fields read before all others.
#[derive(Deserialize)]
struct Probe {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// The path of a value, for messages such as
/// `incidents[0].timeline[3].event_at`.
struct At(String);

impl At {
    fn field(&self, name: &str) -> String {
        format!("{}.{name}", self.0)
    }

    fn item(&self, list: &str, i: usize) -> At {
        At(format!("{}.{list}[{i}]", self.0))
    }

    fn bad(&self, name: &str, message: impl Into<String>) -> ParseError {
        ParseError::Invalid {
            path: self.field(name),
            message: message.into(),
        }
    }
}

fn quoted(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// Checks a time and rewrites it in the stored form.
fn time(at: &At, name: &str, value: &mut String) -> Result<(), ParseError> {
    let t = DateTime::parse_from_rfc3339(value)
        .map_err(|_| at.bad(name, format!("{} is not a time", quoted(value))))?;
    *value = t
        .with_timezone(&Utc)
        .to_rfc3339_opts(SecondsFormat::Millis, true);
    Ok(())
}

fn opt_time(at: &At, name: &str, value: &mut Option<String>) -> Result<(), ParseError> {
    match value {
        Some(v) => time(at, name, v),
        None => Ok(()),
    }
}

fn uuid(at: &At, name: &str, value: &str, seen: &mut HashSet<String>) -> Result<(), ParseError> {
    uuid::Uuid::parse_str(value)
        .map_err(|_| at.bad(name, format!("{} is not a UUID", quoted(value))))?;
    if !seen.insert(value.to_string()) {
        return Err(at.bad(name, format!("{} appears twice", quoted(value))));
    }
    Ok(())
}

fn not_empty(at: &At, name: &str, value: &str) -> Result<(), ParseError> {
    if value.trim().is_empty() {
        return Err(at.bad(name, "is empty"));
    }
    Ok(())
}

/// A person's name, as `inc` stores them: one line, not blank.
fn name(at: &At, field: &str, value: &str) -> Result<(), ParseError> {
    if value.trim().is_empty() {
        return Err(at.bad(field, "is empty; a name is needed"));
    }
    if value.chars().any(char::is_control) {
        return Err(at.bad(
            field,
            format!(
                "{} is not a name: it holds control characters",
                quoted(value)
            ),
        ));
    }
    Ok(())
}

fn opt_name(at: &At, field: &str, value: Option<&str>) -> Result<(), ParseError> {
    value.map_or(Ok(()), |v| name(at, field, v))
}

fn one_of(at: &At, name: &str, value: &str, names: &[&str], what: &str) -> Result<(), ParseError> {
    if names.contains(&value) {
        Ok(())
    } else {
        Err(at.bad(
            name,
            format!("{} is not {what} ({})", quoted(value), names.join(", ")),
        ))
    }
}

fn range(at: &At, name: &str, value: Option<i64>, min: i64, max: i64) -> Result<(), ParseError> {
    match value {
        Some(v) if v < min || v > max => Err(at.bad(name, format!("{v} is out of range"))),
        _ => Ok(()),
    }
}

/// Both set or neither, such as a task's `done_at` and `done_by`.
fn paired(at: &At, a: (&str, bool), b: (&str, bool)) -> Result<(), ParseError> {
    if a.1 == b.1 {
        Ok(())
    } else {
        let missing = if a.1 { b.0 } else { a.0 };
        let set = if a.1 { a.0 } else { b.0 };
        Err(at.bad(missing, format!("is null while {set} is set")))
    }
}

/// The key times in their order, and a resolution time exactly when the
/// incident is resolved: what every command keeps true.
fn key_times(at: &At, x: &ExIncident) -> Result<(), ParseError> {
    let parsed = |s: &str| {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .ok()
    };
    let (Some(started), Some(detected)) = (parsed(&x.started_at), parsed(&x.detected_at)) else {
        return Ok(());
    };
    let times = KeyTimes {
        started,
        detected,
        mitigated: x.mitigated_at.as_deref().and_then(parsed),
        resolved: x.resolved_at.as_deref().and_then(parsed),
    };
    if let Err(conflict) = times.check() {
        let (later, later_at) = conflict.later;
        let (earlier, _) = conflict.earlier;
        return Err(at.bad(
            &format!("{later}_at"),
            format!(
                "{} comes before {earlier}_at; key times keep the order started, detected, \
                 mitigated, resolved",
                quoted(&later_at.to_rfc3339_opts(SecondsFormat::Millis, true))
            ),
        ));
    }
    let resolved = x.status == Status::Resolved.as_str();
    match (&x.resolved_at, resolved) {
        (None, true) => Err(at.bad("resolved_at", "is null while status is \"resolved\"")),
        (Some(_), false) => Err(at.bad(
            "resolved_at",
            format!("is set while status is {}", quoted(&x.status)),
        )),
        _ => Ok(()),
    }
}

/// Every table's UUIDs, each unique within the document.
#[derive(Default)]
struct Seen {
    incidents: HashSet<String>,
    entries: HashSet<String>,
    assignments: HashSet<String>,
    roles: HashSet<String>,
    tasks: HashSet<String>,
    descriptions: HashSet<String>,
    factors: HashSet<String>,
    actions: HashSet<String>,
    lessons: HashSet<String>,
    checklist: HashSet<String>,
    posts: HashSet<String>,
}

/// Checks every value of a document and normalizes its times.
pub fn validate(doc: &mut Document) -> Result<(), ParseError> {
    let top = At(String::new());
    time(&top, "exported_at", &mut doc.exported_at).map_err(|e| match e {
        ParseError::Invalid { path, message } => ParseError::Invalid {
            path: path.trim_start_matches('.').to_string(),
            message,
        },
        other => other,
    })?;
    let mut seen = Seen::default();
    for (i, incident) in doc.incidents.iter_mut().enumerate() {
        let at = At(format!("incidents[{i}]"));
        validate_incident(&at, incident, &mut seen)?;
    }
    Ok(())
}

fn validate_incident(at: &At, x: &mut ExIncident, seen: &mut Seen) -> Result<(), ParseError> {
    uuid(at, "uuid", &x.uuid, &mut seen.incidents)?;
    if x.title.trim().is_empty() {
        return Err(at.bad("title", "is empty"));
    }
    if u8::try_from(x.severity)
        .ok()
        .and_then(Severity::new)
        .is_none()
    {
        return Err(at.bad(
            "severity",
            format!("{} is not a severity (1 to 4)", x.severity),
        ));
    }
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    one_of(at, "status", &x.status, &statuses, "a status")?;
    name(at, "commander", &x.commander)?;
    name(at, "created_by", &x.created_by)?;
    time(at, "started_at", &mut x.started_at)?;
    time(at, "detected_at", &mut x.detected_at)?;
    opt_time(at, "mitigated_at", &mut x.mitigated_at)?;
    opt_time(at, "resolved_at", &mut x.resolved_at)?;
    time(at, "created_at", &mut x.created_at)?;
    time(at, "updated_at", &mut x.updated_at)?;
    key_times(at, x)?;
    for (kind, value) in [
        (LinkKind::Channel, &x.channel),
        (LinkKind::Bridge, &x.bridge),
        (LinkKind::Ticket, &x.ticket),
    ] {
        // As `inc link` takes it, and stored as it would store it.
        if let Some(v) = value {
            match kind.clean(v) {
                Ok(clean) if clean == *v => {}
                Ok(clean) => {
                    return Err(at.bad(
                        kind.as_str(),
                        format!(
                            "{} is not stored that way (inc would store {})",
                            quoted(v),
                            quoted(&clean)
                        ),
                    ));
                }
                Err(e) => return Err(at.bad(kind.as_str(), e.to_string())),
            }
        }
    }
    opt_time(at, "review_held_at", &mut x.review_held_at)?;
    opt_name(at, "review_held_by", x.review_held_by.as_deref())?;
    paired(
        at,
        ("review_held_at", x.review_held_at.is_some()),
        ("review_held_by", x.review_held_by.is_some()),
    )?;

    for (i, t) in x.tasks.iter_mut().enumerate() {
        let at = at.item("tasks", i);
        uuid(&at, "uuid", &t.uuid, &mut seen.tasks)?;
        not_empty(&at, "body", &t.body)?;
        opt_name(&at, "owner", t.owner.as_deref())?;
        name(&at, "created_by", &t.created_by)?;
        opt_name(&at, "done_by", t.done_by.as_deref())?;
        time(&at, "created_at", &mut t.created_at)?;
        opt_time(&at, "done_at", &mut t.done_at)?;
        paired(
            &at,
            ("done_at", t.done_at.is_some()),
            ("done_by", t.done_by.is_some()),
        )?;
    }
    let tasks: HashSet<&str> = x.tasks.iter().map(|t| t.uuid.as_str()).collect();
    let kinds: Vec<&str> = EntryKind::ALL.iter().map(|k| k.as_str()).collect();
    let audiences = [Audience::Internal.as_str(), Audience::External.as_str()];
    for (i, e) in x.timeline.iter_mut().enumerate() {
        let at = at.item("timeline", i);
        uuid(&at, "uuid", &e.uuid, &mut seen.entries)?;
        one_of(&at, "kind", &e.kind, &kinds, "a kind of timeline entry")?;
        name(&at, "author", &e.author)?;
        time(&at, "event_at", &mut e.event_at)?;
        time(&at, "recorded_at", &mut e.recorded_at)?;
        if let Some(a) = &e.audience {
            one_of(&at, "audience", a, &audiences, "an audience")?;
        }
        // Kinds whose text is the point of the entry, as the commands
        // that write them refuse an empty one.
        let texts = [
            EntryKind::Note,
            EntryKind::Declared,
            EntryKind::Update,
            EntryKind::Task,
            EntryKind::TaskDone,
            EntryKind::Checklist,
            EntryKind::Command,
        ];
        if texts.iter().any(|k| k.as_str() == e.kind) {
            not_empty(&at, "body", &e.body)?;
        }
        if e.kind == EntryKind::Task.as_str() || e.kind == EntryKind::TaskDone.as_str() {
            match &e.from_value {
                Some(task) if tasks.contains(task.as_str()) => {}
                Some(task) => {
                    return Err(at.bad(
                        "from_value",
                        format!(
                            "{} is not the UUID of a task of this incident",
                            quoted(task)
                        ),
                    ));
                }
                None => return Err(at.bad("from_value", "a task entry names no task")),
            }
        }
        range(&at, "exit_code", e.exit_code, 0, 255)?;
        range(&at, "exit_signal", e.exit_signal, 1, i64::from(i32::MAX))?;
        range(&at, "duration_ms", e.duration_ms, 0, i64::MAX)?;
        range(&at, "output_lines", e.output_lines, 0, i64::MAX)?;
        if e.kind == EntryKind::Command.as_str() {
            if e.exit_code.is_some() == e.exit_signal.is_some() {
                return Err(at.bad(
                    "exit_code",
                    "a command entry has either an exit code or a signal",
                ));
            }
            if e.duration_ms.is_none() {
                return Err(at.bad("duration_ms", "a command entry has a duration"));
            }
        } else {
            let run_fields = [
                ("exit_code", e.exit_code.is_some()),
                ("exit_signal", e.exit_signal.is_some()),
                ("duration_ms", e.duration_ms.is_some()),
                ("output", e.output.is_some()),
                ("output_lines", e.output_lines.is_some()),
            ];
            if let Some((name, _)) = run_fields.iter().find(|(_, set)| *set) {
                return Err(at.bad(name, format!("is set on a {} entry", e.kind)));
            }
        }
    }
    let entries: HashSet<&str> = x.timeline.iter().map(|e| e.uuid.as_str()).collect();
    for (i, a) in x.assignments.iter_mut().enumerate() {
        let at = at.item("assignments", i);
        uuid(&at, "uuid", &a.uuid, &mut seen.assignments)?;
        name(&at, "name", &a.name)?;
        opt_name(&at, "from_name", a.from_name.as_deref())?;
        name(&at, "recorded_by", &a.recorded_by)?;
        time(&at, "assigned_at", &mut a.assigned_at)?;
        time(&at, "recorded_at", &mut a.recorded_at)?;
    }
    if x.assignments.is_empty() {
        return Err(at.bad(
            "assignments",
            "is empty; an incident has had a commander since it was declared",
        ));
    }
    let mut role_names = HashSet::new();
    for (i, r) in x.roles.iter_mut().enumerate() {
        let at = at.item("roles", i);
        uuid(&at, "uuid", &r.uuid, &mut seen.roles)?;
        not_empty(&at, "role", &r.role)?;
        name(&at, "name", &r.name)?;
        if !role_names.insert(r.role.clone()) {
            return Err(at.bad("role", format!("{} appears twice", quoted(&r.role))));
        }
        time(&at, "assigned_at", &mut r.assigned_at)?;
    }
    if let Some(d) = &mut x.description {
        let at = At(at.field("description"));
        uuid(&at, "uuid", &d.uuid, &mut seen.descriptions)?;
        if let Some(scope) = &d.scope {
            let names: Vec<&str> = Scope::ALL.iter().map(|s| s.as_str()).collect();
            one_of(&at, "scope", scope, &names, "a scope")?;
        }
        name(&at, "updated_by", &d.updated_by)?;
        time(&at, "updated_at", &mut d.updated_at)?;
    }
    for (i, f) in x.factors.iter_mut().enumerate() {
        let at = at.item("factors", i);
        uuid(&at, "uuid", &f.uuid, &mut seen.factors)?;
        not_empty(&at, "body", &f.body)?;
        let names: Vec<&str> = FactorKind::ALL.iter().map(|k| k.as_str()).collect();
        one_of(&at, "kind", &f.kind, &names, "a kind of factor")?;
        name(&at, "created_by", &f.created_by)?;
        time(&at, "created_at", &mut f.created_at)?;
    }
    for (i, a) in x.actions.iter_mut().enumerate() {
        let at = at.item("actions", i);
        uuid(&at, "uuid", &a.uuid, &mut seen.actions)?;
        not_empty(&at, "body", &a.body)?;
        name(&at, "owner", &a.owner)?;
        name(&at, "created_by", &a.created_by)?;
        if let Some(due) = &a.due
            && NaiveDate::parse_from_str(due, "%Y-%m-%d").is_err()
        {
            return Err(at.bad("due", format!("{} is not a day (YYYY-MM-DD)", quoted(due))));
        }
        let names: Vec<&str> = Priority::ALL.iter().map(|p| p.as_str()).collect();
        one_of(&at, "priority", &a.priority, &names, "a priority")?;
        if let Some(t) = &a.action_type {
            let names: Vec<&str> = ActionType::ALL.iter().map(|t| t.as_str()).collect();
            one_of(&at, "type", t, &names, "an action type")?;
        }
        let names: Vec<&str> = ActionStatus::ALL.iter().map(|s| s.as_str()).collect();
        one_of(&at, "status", &a.status, &names, "an action status")?;
        time(&at, "created_at", &mut a.created_at)?;
        opt_time(&at, "closed_at", &mut a.closed_at)?;
    }
    for (i, l) in x.lessons.iter_mut().enumerate() {
        let at = at.item("lessons", i);
        uuid(&at, "uuid", &l.uuid, &mut seen.lessons)?;
        not_empty(&at, "body", &l.body)?;
        let names: Vec<&str> = LessonKind::ALL.iter().map(|k| k.as_str()).collect();
        one_of(&at, "kind", &l.kind, &names, "a kind of lesson")?;
        name(&at, "created_by", &l.created_by)?;
        time(&at, "created_at", &mut l.created_at)?;
    }
    let mut positions = HashSet::new();
    for (i, c) in x.checklist.iter_mut().enumerate() {
        let at = at.item("checklist", i);
        uuid(&at, "uuid", &c.uuid, &mut seen.checklist)?;
        if !positions.insert(c.position) {
            return Err(at.bad("position", format!("{} appears twice", c.position)));
        }
        not_empty(&at, "area", &c.area)?;
        not_empty(&at, "body", &c.body)?;
        name(&at, "created_by", &c.created_by)?;
        opt_name(&at, "done_by", c.done_by.as_deref())?;
        time(&at, "created_at", &mut c.created_at)?;
        opt_time(&at, "done_at", &mut c.done_at)?;
        paired(
            &at,
            ("done_at", c.done_at.is_some()),
            ("done_by", c.done_by.is_some()),
        )?;
    }
    for (i, p) in x.update_posts.iter_mut().enumerate() {
        let at = at.item("update_posts", i);
        uuid(&at, "uuid", &p.uuid, &mut seen.posts)?;
        if !entries.contains(p.entry.as_str()) {
            return Err(at.bad(
                "entry",
                format!(
                    "{} is not the UUID of a timeline entry of this incident",
                    quoted(&p.entry)
                ),
            ));
        }
        name(&at, "attempted_by", &p.attempted_by)?;
        time(&at, "attempted_at", &mut p.attempted_at)?;
        one_of(
            &at,
            "outcome",
            &p.outcome,
            &["sent", "failed"],
            "an outcome",
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> String {
        r#"{"format": "inc-export", "version": 1, "schema": 5,
            "exported_at": "2026-11-26T14:00:00Z", "incidents": [{
            "uuid": "01a21827-ef00-7d63-a479-902771e5501c", "title": "API down",
            "severity": 2, "status": "investigating", "security": false,
            "commander": "alice", "started_at": "2026-11-26T12:00:00Z",
            "detected_at": "2026-11-26T13:00:00+01:00", "mitigated_at": null,
            "resolved_at": null, "created_at": "2026-11-26T13:00:00Z",
            "created_by": "alice", "updated_at": "2026-11-26T13:00:00Z",
            "channel": null, "bridge": null, "ticket": null,
            "timeline": [{"uuid": "01a21827-ef00-7d63-a479-902771e5501d",
              "kind": "note", "body": "x", "from_value": null, "to_value": null,
              "event_at": "2026-11-26T13:10:00Z", "recorded_at": "2026-11-26T13:10:00Z",
              "author": "alice", "key": false, "private": false, "audience": null,
              "exit_code": null, "exit_signal": null, "duration_ms": null,
              "output": null, "output_lines": null}],
            "assignments": [{"uuid": "01a21827-ef00-8d63-a479-902771e5501c",
              "name": "alice", "from_name": null, "briefing": "",
              "assigned_at": "2026-11-26T13:00:00Z", "recorded_at": "2026-11-26T13:00:00Z",
              "recorded_by": "alice"}],
            "roles": [], "tasks": [], "description": null,
            "factors": [], "actions": [], "lessons": [], "checklist": [],
            "update_posts": []}]}"#
            .to_string()
    }

    #[test]
    fn a_valid_document_reads_with_times_in_the_stored_form() {
        let doc = parse(&minimal()).unwrap();
        assert_eq!(doc.incidents[0].detected_at, "2026-11-26T12:00:00.000Z");
        assert_eq!(
            doc.incidents[0].timeline[0].event_at,
            "2026-11-26T13:10:00.000Z"
        );
    }

    #[test]
    fn a_bad_value_is_named_by_its_path() {
        let text = minimal().replace(
            "\"2026-11-26T13:10:00Z\", \"recorded_at\"",
            "\"yesterday\", \"recorded_at\"",
        );
        let err = parse(&text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "incidents[0].timeline[0].event_at: \"yesterday\" is not a time"
        );
        let text = minimal().replace("\"severity\": 2", "\"severity\": 7");
        assert_eq!(
            parse(&text).unwrap_err().to_string(),
            "incidents[0].severity: 7 is not a severity (1 to 4)"
        );
        let text = minimal().replace("\"status\": \"investigating\"", "\"status\": \"resolved\"");
        assert_eq!(
            parse(&text).unwrap_err().to_string(),
            "incidents[0].resolved_at: is null while status is \"resolved\""
        );
        let text = minimal().replace(
            "\"started_at\": \"2026-11-26T12:00:00Z\"",
            "\"started_at\": \"2026-11-26T12:30:00Z\"",
        );
        assert_eq!(
            parse(&text).unwrap_err().to_string(),
            "incidents[0].detected_at: \"2026-11-26T12:00:00.000Z\" comes before started_at; \
             key times keep the order started, detected, mitigated, resolved"
        );
        let text = minimal().replace("\"author\": \"alice\"", "\"author\": \"al\\u001bice\"");
        assert_eq!(
            parse(&text).unwrap_err().to_string(),
            "incidents[0].timeline[0].author: \"al\\u001bice\" is not a name: it holds control characters"
        );
        let text = minimal().replace("\"kind\": \"note\"", "\"kind\": \"task\"");
        assert!(
            parse(&text)
                .unwrap_err()
                .to_string()
                .starts_with("incidents[0].timeline[0].from_value: a task entry names no task")
        );
    }

    #[test]
    fn cut_short_other_documents_and_newer_versions_are_told_apart() {
        let text = minimal();
        let half = &text[..text.len() / 2];
        let err = parse(half).unwrap_err();
        assert!(
            matches!(
                err,
                ParseError::Syntax {
                    cut_short: true,
                    ..
                }
            ),
            "{err}"
        );
        assert!(
            err.to_string().ends_with("the file looks cut short"),
            "{err}"
        );
        assert_eq!(parse("  \n").unwrap_err(), ParseError::Empty);
        assert!(matches!(
            parse("hello").unwrap_err(),
            ParseError::Syntax {
                cut_short: false,
                ..
            }
        ));
        assert!(matches!(
            parse("[1, 2]").unwrap_err(),
            ParseError::NotAnExport(_)
        ));
        assert!(matches!(
            parse(r#"{"name": "x"}"#).unwrap_err(),
            ParseError::NotAnExport(_)
        ));
        let newer = minimal().replace("\"version\": 1", "\"version\": 2");
        assert_eq!(parse(&newer).unwrap_err(), ParseError::NewerVersion(2));
        let unknown = minimal().replace("\"key\": false", "\"key\": false, \"colour\": 1");
        let err = parse(&unknown).unwrap_err();
        assert!(err.to_string().contains("unknown field `colour`"), "{err}");
        assert!(err.to_string().starts_with("line "), "{err}");
    }
}
