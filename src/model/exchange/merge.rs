//! What an import did to each incident, for the command to report.

use serde::Serialize;

/// The kinds of records, as an import counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    Incident,
    Entry,
    Assignment,
    Role,
    Task,
    Description,
    Factor,
    Action,
    Lesson,
    ChecklistItem,
    UpdatePost,
}

impl RecordKind {
    pub const ALL: [RecordKind; 11] = [
        RecordKind::Incident,
        RecordKind::Entry,
        RecordKind::Assignment,
        RecordKind::Role,
        RecordKind::Task,
        RecordKind::Description,
        RecordKind::Factor,
        RecordKind::Action,
        RecordKind::Lesson,
        RecordKind::ChecklistItem,
        RecordKind::UpdatePost,
    ];

    /// The words for `n` of them, such as "3 timeline entries".
    pub fn count(self, n: usize) -> String {
        let (one, many) = match self {
            RecordKind::Incident => ("incident", "incidents"),
            RecordKind::Entry => ("timeline entry", "timeline entries"),
            RecordKind::Assignment => ("commander assignment", "commander assignments"),
            RecordKind::Role => ("role", "roles"),
            RecordKind::Task => ("task", "tasks"),
            RecordKind::Description => ("description", "descriptions"),
            RecordKind::Factor => ("factor", "factors"),
            RecordKind::Action => ("action item", "action items"),
            RecordKind::Lesson => ("lesson", "lessons"),
            RecordKind::ChecklistItem => ("checklist item", "checklist items"),
            RecordKind::UpdatePost => ("update post", "update posts"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }

    /// The name of one, in messages about it.
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Incident => "incident",
            RecordKind::Entry => "timeline entry",
            RecordKind::Assignment => "commander assignment",
            RecordKind::Role => "role",
            RecordKind::Task => "task",
            RecordKind::Description => "description",
            RecordKind::Factor => "factor",
            RecordKind::Action => "action item",
            RecordKind::Lesson => "lesson",
            RecordKind::ChecklistItem => "checklist item",
            RecordKind::UpdatePost => "update post",
        }
    }
}

/// What an import did to one incident.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IncidentMerge {
    /// The local id (0 when the incident was skipped and not in the database).
    pub id: i64,
    pub title: String,
    /// The incident was new here.
    pub new: bool,
    /// Records added, per kind.
    pub added: Vec<(RecordKind, usize)>,
    /// Records already here as they are in the file.
    pub unchanged: usize,
    /// Records changed to the file's version: one line each.
    pub updated: Vec<String>,
    /// Records that differ and were kept as they are here: one line each.
    pub conflicts: Vec<String>,
    /// Records kept as they are here because the file's are older, from a
    /// file that brings nothing new: one line each, not conflicts.
    pub kept: Vec<String>,
}

impl IncidentMerge {
    pub fn add(&mut self, kind: RecordKind) {
        match self.added.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => {
                self.added.push((kind, 1));
                self.added.sort();
            }
        }
    }

    pub fn added_total(&self) -> usize {
        self.added.iter().map(|(_, n)| n).sum()
    }
}

/// The fields of two records that differ, other than `ignore`, each as
/// `name "here" here, "there" in the file` (long values cut short).
pub fn differences<T: Serialize>(here: &T, there: &T, ignore: &[&str]) -> Vec<String> {
    differing(here, there, |name| !ignore.contains(&name))
}

/// The same, for the fields `only` alone.
pub fn differences_in<T: Serialize>(here: &T, there: &T, only: &[&str]) -> Vec<String> {
    differing(here, there, |name| only.contains(&name))
}

fn differing<T: Serialize>(here: &T, there: &T, compared: impl Fn(&str) -> bool) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(here), serde_json::to_value(there))
    else {
        return Vec::new();
    };
    a.iter()
        .filter(|(name, _)| compared(name))
        .filter_map(|(name, value)| {
            let other = b.get(name).unwrap_or(&serde_json::Value::Null);
            (value != other)
                .then(|| format!("{name} {} here, {} in the file", brief(value), brief(other)))
        })
        .collect()
}

fn brief(value: &serde_json::Value) -> String {
    const MAX: usize = 40;
    let cut = |text: &str| -> Option<String> {
        (text.chars().count() > MAX).then(|| text.chars().take(MAX).collect())
    };
    match value {
        // A long text keeps its closing quote: `"the start..."`.
        serde_json::Value::String(text) => match cut(text) {
            Some(start) => serde_json::Value::String(format!("{start}...")).to_string(),
            None => value.to_string(),
        },
        other => {
            let text = other.to_string();
            cut(&text).map_or(text, |start| format!("{start}..."))
        }
    }
}
