//! The checks an exchange document passes before anything of it is
//! written: its format and version, then every value, each refusal naming
//! the value's path in the document.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::model::comms::LinkKind;
use crate::model::hlc::{Hlc, max_ahead};
use crate::model::ids::{canonical_uuid, derived_uuid};
use crate::model::review::{
    ActionStatus, ActionType, FactorKind, LessonKind, Priority, ReviewStatus, Scope,
};
use crate::model::scale::{Severity, Status};
use crate::model::text::MAX_TEXT;
use crate::model::timeline::{Audience, EntryKind, Field};
use crate::time::out_of_range;

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
/// value, by the rules the commands keep; a version 1 document is brought
/// to the current form first. Times and UUIDs come back in the stored
/// form, so that they compare as text. `now` bounds the times a record can
/// have (a file from a machine whose clock runs a little ahead is taken).
pub fn parse(text: &str, now: DateTime<Utc>) -> Result<Document, ParseError> {
    // A byte-order mark, as some editors write, is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
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
    let mut doc = if probe.version.as_ref().and_then(serde_json::Value::as_u64) == Some(1) {
        super::v1::upgrade(typed::<v1::Document>(text)?)?
    } else {
        typed::<Document>(text)?
    };
    validate(&mut doc, now)?;
    Ok(doc)
}

/// The document read again, typed: a wrong type or a missing field is
/// reported with its line and column.
fn typed<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    serde_json::from_str(text).map_err(|e| match syntax(&e) {
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
    })
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
fn time(at: &At, name: &str, value: &mut String, now: DateTime<Utc>) -> Result<(), ParseError> {
    let t = DateTime::parse_from_rfc3339(value)
        .map_err(|_| at.bad(name, format!("{} is not a time", quoted(value))))?
        .with_timezone(&Utc);
    if let Some(wrong) = out_of_range(t, now + max_ahead()) {
        return Err(at.bad(name, format!("{} {}", quoted(value), wrong.as_str())));
    }
    *value = t.to_rfc3339_opts(SecondsFormat::Millis, true);
    Ok(())
}

fn opt_time(
    at: &At,
    name: &str,
    value: &mut Option<String>,
    now: DateTime<Utc>,
) -> Result<(), ParseError> {
    match value {
        Some(v) => time(at, name, v, now),
        None => Ok(()),
    }
}

/// A change clock, not later than a clock running a little ahead of ours.
fn clock(at: &At, name: &str, value: &str, now: DateTime<Utc>) -> Result<(), ParseError> {
    let h = Hlc::parse(value)
        .ok_or_else(|| at.bad(name, format!("{} is not a change clock", quoted(value))))?;
    if out_of_range(h.time(), now + max_ahead()).is_some() {
        return Err(at.bad(
            name,
            format!(
                "{} is too far ahead of this machine's clock (or before 1970)",
                quoted(value)
            ),
        ));
    }
    Ok(())
}

/// The change clocks of a record: each for a group of its kind.
fn changed<T: Record>(at: &At, record: &Changed, now: DateTime<Utc>) -> Result<(), ParseError> {
    for (group, value) in record {
        let known = T::RULES
            .iter()
            .any(|(_, r)| matches!(r, Rule::Edit(g) | Rule::Once(g) if g == group))
            || (group == "incident" && T::RULES.iter().any(|(f, _)| *f == "event_at"));
        if !known {
            return Err(at.bad(
                "changed",
                format!("{} is not a field that changes", quoted(group)),
            ));
        }
        clock(at, &format!("changed.{group}"), value, now)?;
    }
    Ok(())
}

/// Checks a UUID, rewrites it in the stored form, and refuses it when the
/// document already has one of this kind spelled any way.
fn uuid(
    at: &At,
    name: &str,
    value: &mut String,
    seen: &mut HashSet<String>,
) -> Result<(), ParseError> {
    let canonical = canonical_uuid(value)
        .ok_or_else(|| at.bad(name, format!("{} is not a UUID", quoted(value))))?;
    if !seen.insert(canonical.clone()) {
        return Err(at.bad(name, format!("{} appears twice", quoted(value))));
    }
    *value = canonical;
    Ok(())
}

/// A UUID that names another record: rewritten in the stored form.
fn reference(at: &At, name: &str, value: &mut String) -> Result<(), ParseError> {
    *value = canonical_uuid(value)
        .ok_or_else(|| at.bad(name, format!("{} is not a UUID", quoted(value))))?;
    Ok(())
}

/// Text people wrote: at most as long as a note may be.
fn text(at: &At, name: &str, value: &str) -> Result<(), ParseError> {
    if value.len() > MAX_TEXT {
        return Err(at.bad(
            name,
            format!(
                "is longer than {} MiB, the most a text may be",
                MAX_TEXT >> 20
            ),
        ));
    }
    Ok(())
}

fn not_empty(at: &At, name: &str, value: &str) -> Result<(), ParseError> {
    text(at, name, value)?;
    if value.trim().is_empty() {
        return Err(at.bad(name, "is empty"));
    }
    Ok(())
}

fn opt_text(at: &At, name: &str, value: Option<&str>) -> Result<(), ParseError> {
    value.map_or(Ok(()), |v| text(at, name, v))
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
    text(at, field, value)
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

/// Every kind's UUIDs, each unique within the document.
#[derive(Default)]
struct Seen {
    incidents: HashSet<String>,
    entries: HashSet<String>,
    tasks: HashSet<String>,
    descriptions: HashSet<String>,
    factors: HashSet<String>,
    actions: HashSet<String>,
    lessons: HashSet<String>,
    checklist: HashSet<String>,
    posts: HashSet<String>,
}

/// Checks every value of a document and rewrites its times and UUIDs in
/// the stored form.
fn validate(doc: &mut Document, now: DateTime<Utc>) -> Result<(), ParseError> {
    let top = At(String::new());
    time(&top, "exported_at", &mut doc.exported_at, now).map_err(|e| match e {
        ParseError::Invalid { path, message } => ParseError::Invalid {
            path: path.trim_start_matches('.').to_string(),
            message,
        },
        other => other,
    })?;
    let mut seen = Seen::default();
    for (i, incident) in doc.incidents.iter_mut().enumerate() {
        let at = At(format!("incidents[{i}]"));
        validate_incident(&at, incident, &mut seen, now, &Known::default())?;
    }
    Ok(())
}

/// What a database already holds of an incident, that a part of it (the
/// changes pulled from the team hub) may name without carrying.
#[derive(Debug, Default)]
pub struct Known {
    /// The UUIDs of its tasks.
    pub tasks: HashSet<String>,
    /// The UUIDs of its checklist items.
    pub items: HashSet<String>,
    /// The UUIDs of its status updates.
    pub updates: HashSet<String>,
    /// The UUID of its declared entry.
    pub declared: Option<String>,
}

/// Checks a part of an incident: records pulled from the team hub, which
/// may name records the database already holds (`known`) rather than
/// carry them. Every value is checked as an import checks it.
pub fn check_part(x: &mut ExIncident, known: &Known, now: DateTime<Utc>) -> Result<(), ParseError> {
    validate_incident(&At("incident".into()), x, &mut Seen::default(), now, known)
}

fn validate_incident(
    at: &At,
    x: &mut ExIncident,
    seen: &mut Seen,
    now: DateTime<Utc>,
    known: &Known,
) -> Result<(), ParseError> {
    uuid(at, "uuid", &mut x.uuid, &mut seen.incidents)?;
    clock(at, "clock", &x.clock, now)?;
    changed::<ExIncident>(at, &x.changed, now)?;
    name(at, "first_commander", &x.first_commander)?;
    opt_time(at, "review_held_at", &mut x.review_held_at, now)?;
    opt_name(at, "review_held_by", x.review_held_by.as_deref())?;
    paired(
        at,
        ("review_held_at", x.review_held_at.is_some()),
        ("review_held_by", x.review_held_by.is_some()),
    )?;
    if let Some(status) = &x.review_status {
        // A draft is written as null.
        let names: Vec<&str> = ReviewStatus::ALL[1..].iter().map(|s| s.as_str()).collect();
        one_of(at, "review_status", status, &names, "a review status")?;
    }
    opt_name(at, "review_owner", x.review_owner.as_deref())?;
    for (i, t) in x.tasks.iter_mut().enumerate() {
        let at = at.item("tasks", i);
        uuid(&at, "uuid", &mut t.uuid, &mut seen.tasks)?;
        time(&at, "created_at", &mut t.created_at, now)?;
        clock(&at, "clock", &t.clock, now)?;
        changed::<ExTask>(&at, &t.changed, now)?;
        not_empty(&at, "body", &t.body)?;
        opt_name(&at, "owner", t.owner.as_deref())?;
        name(&at, "created_by", &t.created_by)?;
        opt_name(&at, "done_by", t.done_by.as_deref())?;
        opt_time(&at, "done_at", &mut t.done_at, now)?;
        paired(
            &at,
            ("done_at", t.done_at.is_some()),
            ("done_by", t.done_by.is_some()),
        )?;
    }
    for (i, c) in x.checklist.iter_mut().enumerate() {
        let at = at.item("checklist", i);
        uuid(&at, "uuid", &mut c.uuid, &mut seen.checklist)?;
        time(&at, "created_at", &mut c.created_at, now)?;
        clock(&at, "clock", &c.clock, now)?;
        changed::<ExChecklistItem>(&at, &c.changed, now)?;
        if c.position < 1 {
            return Err(at.bad("position", format!("{} is not an item number", c.position)));
        }
        not_empty(&at, "area", &c.area)?;
        not_empty(&at, "body", &c.body)?;
        opt_text(&at, "note", c.note.as_deref())?;
        name(&at, "created_by", &c.created_by)?;
        opt_name(&at, "done_by", c.done_by.as_deref())?;
        opt_time(&at, "done_at", &mut c.done_at, now)?;
        paired(
            &at,
            ("done_at", c.done_at.is_some()),
            ("done_by", c.done_by.is_some()),
        )?;
    }
    let mut tasks: HashSet<&str> = x.tasks.iter().map(|t| t.uuid.as_str()).collect();
    let mut items: HashSet<&str> = x.checklist.iter().map(|c| c.uuid.as_str()).collect();
    tasks.extend(known.tasks.iter().map(String::as_str));
    items.extend(known.items.iter().map(String::as_str));
    let mut declared: HashSet<String> = known.declared.iter().cloned().collect();
    for (i, e) in x.timeline.iter_mut().enumerate() {
        let at = at.item("timeline", i);
        entry(&at, e, seen, now, (&tasks, &items))?;
        if e.kind == EntryKind::Declared.as_str() {
            declared.insert(e.uuid.clone());
        }
    }
    let declared = declared.len();
    if declared != 1 {
        return Err(at.bad(
            "timeline",
            format!("holds {declared} declared entries; an incident is declared once"),
        ));
    }
    if let Some(d) = &mut x.description {
        let at = At(at.field("description"));
        uuid(&at, "uuid", &mut d.uuid, &mut seen.descriptions)?;
        if d.uuid != derived_uuid(&x.uuid, "description") {
            return Err(at.bad("uuid", "is not the UUID of this incident's description"));
        }
        clock(&at, "clock", &d.clock, now)?;
        changed::<ExDescription>(&at, &d.changed, now)?;
        for (part, value) in [
            ("summary", &d.summary),
            ("impact", &d.impact),
            ("detection", &d.detection),
            ("triggered_by", &d.triggered_by),
            ("resolution", &d.resolution),
            ("long_term", &d.long_term),
        ] {
            opt_text(&at, part, value.as_deref())?;
        }
        if let Some(scope) = &d.scope {
            let names: Vec<&str> = Scope::ALL.iter().map(|s| s.as_str()).collect();
            one_of(&at, "scope", scope, &names, "a scope")?;
        }
    }
    let factor_kinds: Vec<&str> = FactorKind::ALL.iter().map(|k| k.as_str()).collect();
    let lesson_kinds: Vec<&str> = LessonKind::ALL.iter().map(|k| k.as_str()).collect();
    for (list, items, kinds, what, seen) in [
        (
            "factors",
            &mut x.factors,
            &factor_kinds,
            "a kind of factor",
            &mut seen.factors,
        ),
        (
            "lessons",
            &mut x.lessons,
            &lesson_kinds,
            "a kind of lesson",
            &mut seen.lessons,
        ),
    ] {
        for (i, f) in items.iter_mut().enumerate() {
            let at = at.item(list, i);
            uuid(&at, "uuid", &mut f.uuid, seen)?;
            time(&at, "created_at", &mut f.created_at, now)?;
            clock(&at, "clock", &f.clock, now)?;
            changed::<ExItem>(&at, &f.changed, now)?;
            not_empty(&at, "body", &f.body)?;
            one_of(&at, "kind", &f.kind, kinds, what)?;
            name(&at, "created_by", &f.created_by)?;
            opt_time(&at, "removed_at", &mut f.removed_at, now)?;
            opt_name(&at, "removed_by", f.removed_by.as_deref())?;
            paired(
                &at,
                ("removed_at", f.removed_at.is_some()),
                ("removed_by", f.removed_by.is_some()),
            )?;
        }
    }
    for (i, a) in x.actions.iter_mut().enumerate() {
        let at = at.item("actions", i);
        uuid(&at, "uuid", &mut a.uuid, &mut seen.actions)?;
        time(&at, "created_at", &mut a.created_at, now)?;
        clock(&at, "clock", &a.clock, now)?;
        changed::<ExAction>(&at, &a.changed, now)?;
        not_empty(&at, "body", &a.body)?;
        name(&at, "owner", &a.owner)?;
        name(&at, "created_by", &a.created_by)?;
        // A ticket is one line, as `--ticket` takes it.
        opt_name(&at, "link", a.link.as_deref())?;
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
        opt_time(&at, "closed_at", &mut a.closed_at, now)?;
    }
    let mut updates: HashMap<&str, bool> = x
        .timeline
        .iter()
        .map(|e| (e.uuid.as_str(), e.kind == EntryKind::Update.as_str()))
        .collect();
    for u in &known.updates {
        updates.entry(u.as_str()).or_insert(true);
    }
    for (i, p) in x.update_posts.iter_mut().enumerate() {
        let at = at.item("update_posts", i);
        uuid(&at, "uuid", &mut p.uuid, &mut seen.posts)?;
        time(&at, "attempted_at", &mut p.attempted_at, now)?;
        clock(&at, "clock", &p.clock, now)?;
        changed::<ExUpdatePost>(&at, &p.changed, now)?;
        reference(&at, "entry", &mut p.entry)?;
        if updates.get(p.entry.as_str()) != Some(&true) {
            return Err(at.bad(
                "entry",
                format!(
                    "{} is not the UUID of a status update of this incident",
                    quoted(&p.entry)
                ),
            ));
        }
        name(&at, "attempted_by", &p.attempted_by)?;
        text(&at, "detail", &p.detail)?;
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

/// One timeline entry, as the command that writes its kind would write it.
fn entry(
    at: &At,
    e: &mut ExEntry,
    seen: &mut Seen,
    now: DateTime<Utc>,
    (tasks, items): (&HashSet<&str>, &HashSet<&str>),
) -> Result<(), ParseError> {
    uuid(at, "uuid", &mut e.uuid, &mut seen.entries)?;
    let kinds: Vec<&str> = EntryKind::ALL.iter().map(|k| k.as_str()).collect();
    one_of(at, "kind", &e.kind, &kinds, "a kind of timeline entry")?;
    let kind = EntryKind::parse(&e.kind).unwrap_or(EntryKind::Note);
    name(at, "author", &e.author)?;
    opt_name(at, "actor", e.actor.as_deref())?;
    time(at, "event_at", &mut e.event_at, now)?;
    time(at, "recorded_at", &mut e.recorded_at, now)?;
    clock(at, "clock", &e.clock, now)?;
    changed::<ExEntry>(at, &e.changed, now)?;
    text(at, "body", &e.body)?;
    opt_text(at, "from_value", e.from_value.as_deref())?;
    opt_text(at, "to_value", e.to_value.as_deref())?;
    opt_text(at, "output", e.output.as_deref())?;
    // Kinds whose text is the point of the entry, as the commands that
    // write them refuse an empty one.
    let texts = [
        EntryKind::Note,
        EntryKind::Declared,
        EntryKind::Update,
        EntryKind::Task,
        EntryKind::TaskDone,
        EntryKind::Checklist,
        EntryKind::Command,
    ];
    if texts.contains(&kind) {
        not_empty(at, "body", &e.body)?;
    }
    match kind {
        EntryKind::Update => {
            let audiences = [Audience::Internal.as_str(), Audience::External.as_str()];
            match &e.audience {
                Some(a) => one_of(at, "audience", a, &audiences, "an audience")?,
                None => return Err(at.bad("audience", "an update is internal or external")),
            }
        }
        _ if e.audience.is_some() => {
            return Err(at.bad("audience", format!("is set on a {} entry", e.kind)));
        }
        _ => {}
    }
    let to = e.to_value.as_deref();
    let bad_to = |what: &str| {
        at.bad(
            "to_value",
            format!("{} is not {what}", to.map_or("null".into(), quoted)),
        )
    };
    match kind {
        EntryKind::Declared | EntryKind::Severity
            if to.and_then(|s| s.parse::<Severity>().ok()).is_none() =>
        {
            return Err(bad_to("a severity"));
        }
        EntryKind::Status if to.and_then(|s| s.parse::<Status>().ok()).is_none() => {
            return Err(bad_to("a status"));
        }
        EntryKind::Handoff => {
            name(at, "to_value", to.unwrap_or_default())?;
        }
        EntryKind::Role => {
            not_empty(at, "body", &e.body)?;
            opt_name(at, "to_value", to)?;
        }
        EntryKind::Security if !matches!(to, Some("on" | "off")) => {
            return Err(bad_to("on or off"));
        }
        EntryKind::Link => {
            let Some(link) = LinkKind::parse(&e.body) else {
                return Err(at.bad(
                    "body",
                    format!(
                        "{} is not a link (channel, bridge, ticket)",
                        quoted(&e.body)
                    ),
                ));
            };
            if let Some(v) = to {
                match link.clean(v) {
                    Ok(clean) if clean == v => {}
                    Ok(clean) => {
                        return Err(at.bad(
                            "to_value",
                            format!(
                                "{} is not stored that way (inc would store {})",
                                quoted(v),
                                quoted(&clean)
                            ),
                        ));
                    }
                    Err(err) => return Err(at.bad("to_value", err.to_string())),
                }
            }
        }
        _ => {}
    }
    if let Some(target) = &mut e.target {
        reference(at, "target", target)?;
    }
    let target = e.target.as_deref();
    match kind {
        EntryKind::Task | EntryKind::TaskDone if !target.is_some_and(|t| tasks.contains(t)) => {
            return Err(at.bad("target", "a task entry names no task of this incident"));
        }
        EntryKind::Task | EntryKind::TaskDone => {}
        EntryKind::Checklist if target.is_some_and(|t| !items.contains(t)) => {
            return Err(at.bad("target", "is not an item of this incident's checklist"));
        }
        EntryKind::Checklist => {}
        EntryKind::Correction => {
            if target.is_none() {
                return Err(at.bad("target", "a correction names the record it corrects"));
            }
            match e.field.as_deref().and_then(Field::parse) {
                Some(_) => {}
                None => {
                    let names: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
                    return Err(at.bad(
                        "field",
                        format!(
                            "{} is not what a correction corrects ({})",
                            e.field.as_deref().map_or("null".into(), quoted),
                            names.join(", ")
                        ),
                    ));
                }
            }
        }
        _ if target.is_some() => {
            return Err(at.bad("target", format!("is set on a {} entry", e.kind)));
        }
        _ => {}
    }
    if kind != EntryKind::Correction && e.field.is_some() {
        return Err(at.bad("field", format!("is set on a {} entry", e.kind)));
    }
    opt_time(at, "struck_at", &mut e.struck_at, now)?;
    opt_name(at, "struck_by", e.struck_by.as_deref())?;
    opt_text(at, "struck_reason", e.struck_reason.as_deref())?;
    paired(
        at,
        ("struck_at", e.struck_at.is_some()),
        ("struck_by", e.struck_by.is_some()),
    )?;
    range(at, "exit_code", e.exit_code, 0, 255)?;
    range(at, "exit_signal", e.exit_signal, 1, i64::from(i32::MAX))?;
    range(at, "duration_ms", e.duration_ms, 0, i64::MAX)?;
    range(at, "output_lines", e.output_lines, 0, i64::MAX)?;
    if kind == EntryKind::Command {
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
    Ok(())
}
