//! What travels between a laptop and the team hub: one change is one
//! record as it is now (in the form `inc export` writes it), on one
//! incident. Changes are named by what they hold, so the same record in
//! the same state is one change wherever it is pushed from, and a push
//! retried after a lost answer adds nothing. No SQL, no IO.

use crate::model::exchange::RecordKind;
use crate::model::ids::derived_uuid;

/// A record change going to the hub.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Made from the rest: see [`change_id`].
    pub id: String,
    /// The UUID of the incident the record is on.
    pub incident: String,
    pub kind: &'static str,
    /// The exchange format version the record is written in.
    pub format: u32,
    /// The incident is a security incident: the hub restricts it.
    pub security: bool,
    /// The record, as JSON.
    pub record: String,
}

impl Change {
    pub fn new(incident: String, kind: RecordKind, security: bool, record: String) -> Change {
        let kind = wire_name(kind);
        Change {
            id: change_id(&incident, kind, &record),
            incident,
            kind,
            format: crate::model::exchange::VERSION,
            security,
            record,
        }
    }
}

/// The id of a change: derived from its incident, kind and record, so
/// that the same change pushed twice is one change.
pub fn change_id(incident: &str, kind: &str, record: &str) -> String {
    derived_uuid(incident, &format!("change/{kind}/{record}"))
}

/// Where the hub put a change, or why it refused it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pushed {
    pub id: String,
    /// The incident's team-wide number (none when refused).
    pub number: Option<i64>,
    pub seq: Option<i64>,
    /// Why the hub refused it: a change this user may not make, or not
    /// well formed. Pushing it again would be refused again.
    pub refused: Option<String>,
}

/// An incident as the hub lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub incident: String,
    pub number: i64,
    /// The place of its latest change.
    pub head: i64,
    pub security: bool,
}

/// A change read from the hub.
#[derive(Debug, Clone, PartialEq)]
pub struct Pulled {
    pub seq: i64,
    pub kind: String,
    pub format: i32,
    pub record: String,
    /// The database user the hub stamped it with.
    pub pushed_by: String,
}

/// The name of a kind of record on the wire.
pub fn wire_name(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Incident => "incident",
        RecordKind::Entry => "entry",
        RecordKind::Task => "task",
        RecordKind::Description => "description",
        RecordKind::Factor => "factor",
        RecordKind::Action => "action",
        RecordKind::Lesson => "lesson",
        RecordKind::ChecklistItem => "checklist_item",
        RecordKind::UpdatePost => "update_post",
    }
}

/// The kind of record a wire name names, if this inc knows it.
pub fn kind_named(name: &str) -> Option<RecordKind> {
    RecordKind::ALL.into_iter().find(|k| wire_name(*k) == name)
}

/// The order changes of one incident are pushed in: a record before the
/// records that name it (the incident, then what entries and posts point
/// at, then entries, then posts), so that a laptop pulling page by page
/// always has what a record names.
pub fn push_rank(kind: RecordKind) -> u8 {
    match kind {
        RecordKind::Incident => 0,
        RecordKind::Task | RecordKind::ChecklistItem => 1,
        RecordKind::Description | RecordKind::Factor | RecordKind::Action | RecordKind::Lesson => 2,
        RecordKind::Entry => 3,
        RecordKind::UpdatePost => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_named_by_what_it_holds() {
        let a = Change::new("i".into(), RecordKind::Entry, false, "{\"x\":1}".into());
        let b = Change::new("i".into(), RecordKind::Entry, true, "{\"x\":1}".into());
        let c = Change::new("i".into(), RecordKind::Entry, false, "{\"x\":2}".into());
        let d = Change::new("j".into(), RecordKind::Entry, false, "{\"x\":1}".into());
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, c.id);
        assert_ne!(a.id, d.id);
        for kind in RecordKind::ALL {
            assert_eq!(kind_named(wire_name(kind)), Some(kind));
        }
        assert_eq!(kind_named("hypothesis"), None);
    }
}
