//! The exchange document of `inc export` and `inc import`: every record of
//! every incident, referenced by UUID (local ids differ between machines),
//! each kind of record with the rule that merges two copies of it, and the
//! checks a document passes before anything of it is written. Also what an
//! import did, for the command to report. No SQL, no IO.
//!
//! Every record carries the change clock of when it was made (`clock`) and,
//! in `changed`, the change clock of the latest change of each group of its
//! fields that people change after the fact. Those clocks are what makes a
//! merge the same whichever database it runs in, and whatever order the
//! files arrive in (see [`merge`]).

mod merge;
mod v1;
mod validate;

pub use merge::{IncidentMerge, Merged, RecordKind, merge, merge_entry};
pub use v1::legacy_entries;
pub use validate::{Known, ParseError, check_part, parse};

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The value of a document's `format` field.
pub const FORMAT: &str = "inc-export";
/// The newest format version this binary writes and reads. Version 2 added
/// change clocks, corrections and removals: an inc that reads only version
/// 1 refuses it rather than drop them. Version 3 added the description's
/// trigger, resolution and long-term fix, an action item's link, and an
/// entry's actor.
pub const VERSION: u32 = 3;

/// For each group of a record's fields changed since it was made, the
/// change clock of its latest change, by group name.
pub type Changed = BTreeMap<String, String>;

/// How two copies of one field of a record become one (see [`merge`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The UUID: the same in both copies.
    Key,
    /// When the record was made (its change clock, listed first), and by
    /// whom: the copy made earlier wins, with all its [`Rule::Made`] and
    /// [`Rule::Fixed`] fields. Copies may differ here without having been
    /// made differently: two machines make a record whose UUID is derived
    /// (a checklist item copied from the config) each at their own time.
    Made,
    /// Set when the record is made and never changed.
    Fixed,
    /// Changed by people after the fact: in each group, the copy changed
    /// last wins (by the group's clock in `changed`; never changed is
    /// earliest).
    Edit(&'static str),
    /// Set once and never unset (done, struck, removed): set in either copy
    /// is set; set in both, the first setting wins.
    Once(&'static str),
    /// The change clocks of the `Edit` and `Once` groups.
    Changed,
}

/// One kind of record as the document carries it.
pub trait Record: Serialize + DeserializeOwned + Clone + PartialEq {
    /// Each field, by its name in the document, with its rule.
    const RULES: &'static [(&'static str, Rule)];

    fn uuid(&self) -> &str;

    /// The record in a few words, for what an import reports.
    fn label(&self) -> String;
}

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

/// An incident with all its records. Its title, severity, status,
/// commander, key times, links and security follow from its timeline, so
/// they are not carried twice. Times are RFC 3339 UTC text with
/// milliseconds, as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExIncident {
    pub uuid: String,
    pub clock: String,
    /// Who commanded from the declaration until the first handoff.
    pub first_commander: String,
    pub drill: bool,
    pub review_held_at: Option<String>,
    pub review_held_by: Option<String>,
    /// Where the review document stands: `in-review`, `reviewed` or
    /// `closed`; null for a draft.
    #[serde(default)]
    pub review_status: Option<String>,
    /// Who owns the review document.
    #[serde(default)]
    pub review_owner: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changed: Changed,
    #[serde(default)]
    pub timeline: Vec<ExEntry>,
    #[serde(default)]
    pub tasks: Vec<ExTask>,
    #[serde(default)]
    pub description: Option<ExDescription>,
    #[serde(default)]
    pub factors: Vec<ExItem>,
    #[serde(default)]
    pub actions: Vec<ExAction>,
    #[serde(default)]
    pub lessons: Vec<ExItem>,
    #[serde(default)]
    pub checklist: Vec<ExChecklistItem>,
    #[serde(default)]
    pub update_posts: Vec<ExUpdatePost>,
}

impl ExIncident {
    /// Takes `head`'s own record (see [`ExIncident::head`]), keeping the
    /// records this one holds.
    pub fn set_head(&mut self, head: &ExIncident) {
        let records = std::mem::take(self);
        *self = ExIncident {
            timeline: records.timeline,
            tasks: records.tasks,
            description: records.description,
            factors: records.factors,
            actions: records.actions,
            lessons: records.lessons,
            checklist: records.checklist,
            update_posts: records.update_posts,
            ..head.head()
        };
    }

    /// The incident's own record, without the records it holds.
    pub fn head(&self) -> ExIncident {
        ExIncident {
            uuid: self.uuid.clone(),
            clock: self.clock.clone(),
            first_commander: self.first_commander.clone(),
            drill: self.drill,
            review_held_at: self.review_held_at.clone(),
            review_held_by: self.review_held_by.clone(),
            review_status: self.review_status.clone(),
            review_owner: self.review_owner.clone(),
            changed: self.changed.clone(),
            ..ExIncident::default()
        }
    }
}

impl Record for ExIncident {
    const RULES: &'static [(&'static str, Rule)] = &[
        ("uuid", Rule::Key),
        ("clock", Rule::Made),
        ("first_commander", Rule::Fixed),
        ("drill", Rule::Fixed),
        ("review_held_at", Rule::Edit("review")),
        ("review_held_by", Rule::Edit("review")),
        ("review_status", Rule::Edit("review_status")),
        ("review_owner", Rule::Edit("review_owner")),
        ("changed", Rule::Changed),
    ];

    fn uuid(&self) -> &str {
        &self.uuid
    }

    fn label(&self) -> String {
        "the incident".into()
    }
}

/// A timeline entry, on the incident it is on now (a moved entry is on
/// the incident it was moved to; the group `incident` in `changed` says
/// when it was moved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExEntry {
    pub uuid: String,
    pub clock: String,
    pub kind: String,
    pub body: String,
    pub from_value: Option<String>,
    pub to_value: Option<String>,
    /// The UUID of the record a task, task-done, checklist or correction
    /// entry is about.
    pub target: Option<String>,
    /// What a correction entry corrected.
    pub field: Option<String>,
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
    pub struck_at: Option<String>,
    pub struck_by: Option<String>,
    pub struck_reason: Option<String>,
    /// Who did what it tells, when not its author (`inc tl --by`).
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changed: Changed,
}

impl ExEntry {
    /// The rule of the incident an entry is on: a moved entry's incident
    /// is changed like any field (the merge adds it as the field
    /// `incident`, whose value is the incident's UUID).
    pub const INCIDENT: (&'static str, Rule) = ("incident", Rule::Edit("incident"));
}

impl Record for ExEntry {
    const RULES: &'static [(&'static str, Rule)] = &[
        ("uuid", Rule::Key),
        ("clock", Rule::Made),
        ("kind", Rule::Fixed),
        ("body", Rule::Edit("text")),
        ("from_value", Rule::Fixed),
        ("to_value", Rule::Fixed),
        ("target", Rule::Fixed),
        ("field", Rule::Fixed),
        ("event_at", Rule::Edit("at")),
        ("recorded_at", Rule::Fixed),
        ("author", Rule::Fixed),
        ("key", Rule::Edit("key")),
        ("private", Rule::Edit("private")),
        ("audience", Rule::Fixed),
        ("exit_code", Rule::Fixed),
        ("exit_signal", Rule::Fixed),
        ("duration_ms", Rule::Fixed),
        ("output", Rule::Fixed),
        ("output_lines", Rule::Fixed),
        ("struck_at", Rule::Once("struck")),
        ("struck_by", Rule::Once("struck")),
        ("struck_reason", Rule::Once("struck")),
        ("actor", Rule::Fixed),
        ("changed", Rule::Changed),
    ];

    fn uuid(&self) -> &str {
        &self.uuid
    }

    /// Its kind, its ref as `inc timeline` shows it, and the start of its
    /// text: `note 3f2a "restarted the queue"`.
    fn label(&self) -> String {
        let start = self.uuid.len().saturating_sub(crate::model::MIN_REF);
        let reference = self.uuid.get(start..).unwrap_or(&self.uuid);
        if self.body.is_empty() {
            format!("{} {reference}", self.kind)
        } else {
            let text = crate::model::current::shorten(&self.body, 40);
            format!("{} {reference} {text:?}", self.kind)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExTask {
    pub uuid: String,
    pub clock: String,
    pub body: String,
    pub owner: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub done_at: Option<String>,
    pub done_by: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changed: Changed,
}

impl Record for ExTask {
    const RULES: &'static [(&'static str, Rule)] = &[
        ("uuid", Rule::Key),
        ("clock", Rule::Made),
        ("body", Rule::Edit("text")),
        ("owner", Rule::Edit("owner")),
        ("created_at", Rule::Fixed),
        ("created_by", Rule::Fixed),
        ("done_at", Rule::Once("done")),
        ("done_by", Rule::Once("done")),
        ("changed", Rule::Changed),
    ];

    fn uuid(&self) -> &str {
        &self.uuid
    }

    fn label(&self) -> String {
        format!("{:?}", self.body)
    }
}

/// The incident's description: one per incident, with a UUID derived from
/// the incident's, so that two machines describing the same incident write
/// the same record. Each part is changed on its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExDescription {
    pub uuid: String,
    pub clock: String,
    pub summary: Option<String>,
    pub impact: Option<String>,
    pub scope: Option<String>,
    pub detection: Option<String>,
    #[serde(default)]
    pub triggered_by: Option<String>,
    #[serde(default)]
    pub resolution: Option<String>,
    #[serde(default)]
    pub long_term: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changed: Changed,
}

impl Record for ExDescription {
    const RULES: &'static [(&'static str, Rule)] = &[
        ("uuid", Rule::Key),
        ("clock", Rule::Made),
        ("summary", Rule::Edit("summary")),
        ("impact", Rule::Edit("impact")),
        ("scope", Rule::Edit("scope")),
        ("detection", Rule::Edit("detection")),
        ("triggered_by", Rule::Edit("triggered_by")),
        ("resolution", Rule::Edit("resolution")),
        ("long_term", Rule::Edit("long_term")),
        ("changed", Rule::Changed),
    ];

    fn uuid(&self) -> &str {
        &self.uuid
    }

    fn label(&self) -> String {
        "the description".into()
    }
}

/// A contributing factor or a lesson: a text of a kind, removed once
/// (`inc factor rm`, `inc lesson rm`) but never deleted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExItem {
    pub uuid: String,
    pub clock: String,
    pub body: String,
    pub kind: String,
    pub created_at: String,
    pub created_by: String,
    pub removed_at: Option<String>,
    pub removed_by: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changed: Changed,
}

impl Record for ExItem {
    const RULES: &'static [(&'static str, Rule)] = &[
        ("uuid", Rule::Key),
        ("clock", Rule::Made),
        ("body", Rule::Fixed),
        ("kind", Rule::Fixed),
        ("created_at", Rule::Fixed),
        ("created_by", Rule::Fixed),
        ("removed_at", Rule::Once("removed")),
        ("removed_by", Rule::Once("removed")),
        ("changed", Rule::Changed),
    ];

    fn uuid(&self) -> &str {
        &self.uuid
    }

    fn label(&self) -> String {
        format!("{:?}", self.body)
    }
}

/// A corrective action item. Its status can go back to open, so it is
/// changed like its other fields: the latest change wins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExAction {
    pub uuid: String,
    pub clock: String,
    pub body: String,
    pub owner: String,
    /// A day, `YYYY-MM-DD`.
    pub due: Option<String>,
    pub priority: String,
    #[serde(rename = "type")]
    pub action_type: Option<String>,
    pub status: String,
    pub closed_at: Option<String>,
    pub created_at: String,
    pub created_by: String,
    /// Where the work is tracked: a ticket's or an issue's URL.
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changed: Changed,
}

impl Record for ExAction {
    const RULES: &'static [(&'static str, Rule)] = &[
        ("uuid", Rule::Key),
        ("clock", Rule::Made),
        ("body", Rule::Edit("text")),
        ("owner", Rule::Edit("owner")),
        ("due", Rule::Edit("due")),
        ("priority", Rule::Edit("priority")),
        ("type", Rule::Edit("type")),
        ("status", Rule::Edit("status")),
        ("closed_at", Rule::Edit("status")),
        ("created_at", Rule::Fixed),
        ("created_by", Rule::Fixed),
        ("link", Rule::Edit("link")),
        ("changed", Rule::Changed),
    ];

    fn uuid(&self) -> &str {
        &self.uuid
    }

    fn label(&self) -> String {
        format!("{:?}", self.body)
    }
}

/// A security incident's duty. Items copied from the config have UUIDs
/// derived from the incident's and their text, so two machines attaching
/// the same checklist attach the same items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExChecklistItem {
    pub uuid: String,
    pub clock: String,
    pub position: i64,
    pub area: String,
    pub body: String,
    pub created_at: String,
    pub created_by: String,
    pub done_at: Option<String>,
    pub done_by: Option<String>,
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changed: Changed,
}

impl Record for ExChecklistItem {
    const RULES: &'static [(&'static str, Rule)] = &[
        ("uuid", Rule::Key),
        ("clock", Rule::Made),
        ("position", Rule::Fixed),
        ("area", Rule::Fixed),
        ("body", Rule::Fixed),
        // Who attached it and when: two machines attach the same items
        // when both mark the incident as a security incident.
        ("created_at", Rule::Made),
        ("created_by", Rule::Made),
        ("done_at", Rule::Once("done")),
        ("done_by", Rule::Once("done")),
        ("note", Rule::Once("done")),
        ("changed", Rule::Changed),
    ];

    fn uuid(&self) -> &str {
        &self.uuid
    }

    fn label(&self) -> String {
        format!("{} {:?}", self.position, self.body)
    }
}

/// An attempt to post an update entry (`entry`: its UUID) to the webhook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExUpdatePost {
    pub uuid: String,
    pub clock: String,
    pub entry: String,
    pub attempted_at: String,
    pub attempted_by: String,
    pub outcome: String,
    pub detail: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changed: Changed,
}

impl Record for ExUpdatePost {
    const RULES: &'static [(&'static str, Rule)] = &[
        ("uuid", Rule::Key),
        ("clock", Rule::Made),
        ("entry", Rule::Fixed),
        ("attempted_at", Rule::Fixed),
        ("attempted_by", Rule::Fixed),
        ("outcome", Rule::Fixed),
        ("detail", Rule::Fixed),
        ("changed", Rule::Changed),
    ];

    fn uuid(&self) -> &str {
        &self.uuid
    }

    fn label(&self) -> String {
        format!("of {}", self.attempted_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field a record has in the document has a rule, and every rule
    /// names a field: a field added without one would not merge.
    fn rules_cover<T: Record>(sample: &T) {
        let value = serde_json::to_value(sample).unwrap();
        let fields: Vec<&String> = value.as_object().unwrap().keys().collect();
        for field in &fields {
            if matches!(
                field.as_str(),
                "timeline"
                    | "tasks"
                    | "description"
                    | "factors"
                    | "actions"
                    | "lessons"
                    | "checklist"
                    | "update_posts"
            ) {
                continue;
            }
            assert!(
                T::RULES.iter().any(|(name, _)| name == field),
                "{field} has no rule"
            );
        }
        for (name, _) in T::RULES {
            assert!(
                *name == "changed" || fields.iter().any(|f| f == name),
                "the rule for {name} names no field"
            );
        }
    }

    #[test]
    fn every_field_has_a_rule() {
        let mut changed = Changed::new();
        changed.insert("x".into(), "y".into());
        let incident: ExIncident = serde_json::from_value(serde_json::json!({
            "uuid": "u", "clock": "c", "first_commander": "a", "drill": false,
            "review_held_at": null, "review_held_by": null, "changed": {"x": "y"}
        }))
        .unwrap();
        rules_cover(&incident);
        let entry: ExEntry = serde_json::from_value(serde_json::json!({
            "uuid": "u", "clock": "c", "kind": "note", "body": "b", "from_value": null,
            "to_value": null, "target": null, "field": null, "event_at": "t",
            "recorded_at": "t", "author": "a", "key": false, "private": false,
            "audience": null, "exit_code": null, "exit_signal": null, "duration_ms": null,
            "output": null, "output_lines": null, "struck_at": null, "struck_by": null,
            "struck_reason": null, "changed": {"x": "y"}
        }))
        .unwrap();
        rules_cover(&entry);
        rules_cover(&ExTask {
            uuid: "u".into(),
            clock: "c".into(),
            body: "b".into(),
            owner: None,
            created_at: "t".into(),
            created_by: "a".into(),
            done_at: None,
            done_by: None,
            changed: changed.clone(),
        });
        rules_cover(&ExDescription {
            uuid: "u".into(),
            clock: "c".into(),
            summary: None,
            impact: None,
            scope: None,
            detection: None,
            triggered_by: None,
            resolution: None,
            long_term: None,
            changed: changed.clone(),
        });
        rules_cover(&ExItem {
            uuid: "u".into(),
            clock: "c".into(),
            body: "b".into(),
            kind: "k".into(),
            created_at: "t".into(),
            created_by: "a".into(),
            removed_at: None,
            removed_by: None,
            changed: changed.clone(),
        });
        rules_cover(&ExAction {
            uuid: "u".into(),
            clock: "c".into(),
            body: "b".into(),
            owner: "o".into(),
            due: None,
            priority: "P2".into(),
            action_type: None,
            status: "open".into(),
            closed_at: None,
            created_at: "t".into(),
            created_by: "a".into(),
            link: None,
            changed: changed.clone(),
        });
        rules_cover(&ExChecklistItem {
            uuid: "u".into(),
            clock: "c".into(),
            position: 1,
            area: "legal".into(),
            body: "b".into(),
            created_at: "t".into(),
            created_by: "a".into(),
            done_at: None,
            done_by: None,
            note: None,
            changed: changed.clone(),
        });
        rules_cover(&ExUpdatePost {
            uuid: "u".into(),
            clock: "c".into(),
            entry: "e".into(),
            attempted_at: "t".into(),
            attempted_by: "a".into(),
            outcome: "sent".into(),
            detail: "HTTP 200".into(),
            changed,
        });
    }
}
