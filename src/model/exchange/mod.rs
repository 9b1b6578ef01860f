//! The exchange document of `inc export` and `inc import`: every record of
//! every incident, referenced by UUID (local ids differ between machines),
//! and the checks a document passes before anything of it is written. Also
//! what an import did, for the command to report. No SQL, no IO.

mod merge;
mod validate;

pub use merge::{IncidentMerge, RecordKind, differences, differences_in};
pub use validate::{ParseError, parse, validate};

use serde::{Deserialize, Serialize};

/// The value of a document's `format` field.
pub const FORMAT: &str = "inc-export";
/// The newest format version this binary writes and reads.
pub const VERSION: u32 = 1;

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
