//! A security incident's checklist of duties: attached when the incident
//! is declared as one, or marked as one later, in the same transaction;
//! each item done once, with a `checklist` entry on the timeline.

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::Store;
use super::incidents::attach;
use super::rows::checklist::{self, Checklist};
use super::rows::{Table, entries, incidents};
use crate::error::UserError;
use crate::model::ids::new_uuid;
use crate::model::{
    ChecklistItem, EntryKind, Incident, IncidentRef, ItemRef, NewChecklistItem, NewEntry,
    short_refs,
};
use crate::store::time_to_sql;

/// What `inc security on|off` did.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityChange {
    pub incident: Incident,
    /// Whether the flag changed (false: it was already so).
    pub changed: bool,
    /// How many checklist items were attached now.
    pub attached: usize,
    /// The incident's checklist after the change.
    pub checklist: Vec<ChecklistItem>,
}

/// When a checklist item was done (now if None), and what was done.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistDone {
    pub at: Option<DateTime<Utc>>,
    pub note: Option<String>,
}

impl Store {
    /// An incident's checklist, in order.
    pub fn checklist(&self, incident_id: i64) -> Result<Vec<ChecklistItem>> {
        self.read(|conn| checklist::of(conn, incident_id))
    }

    /// Marks an incident as a security incident or not, at `at` (now if
    /// None), with a `security` entry on the timeline. Marked on, it gets
    /// `list` unless it has a checklist already (from an earlier time it
    /// was one); marked off, its checklist stays as it is, done items and
    /// all, so nothing recorded is lost. `check` sees the incident and the
    /// time, and may refuse.
    pub fn set_security(
        &mut self,
        which: IncidentRef,
        author: &str,
        on: bool,
        at: Option<DateTime<Utc>>,
        list: &[NewChecklistItem],
        check: impl FnOnce(&Incident, DateTime<Utc>) -> Result<(), UserError>,
    ) -> Result<SecurityChange> {
        self.write(author, |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            let incident = incidents::load(tx.conn, id)?;
            let at = at.unwrap_or(tx.now);
            let changed = incident.security != on;
            if changed {
                check(&incident, at)?;
                entries::add(tx, id, &NewEntry::security(on, at))?;
                incidents::refresh(tx.conn, id)?;
            }
            let mut attached = 0;
            if on && checklist::of(tx.conn, id)?.is_empty() {
                attach(tx, id, &incident.uuid, list)?;
                attached = list.len();
            }
            Ok(SecurityChange {
                incident: incidents::load(tx.conn, id)?,
                changed,
                attached,
                checklist: checklist::of(tx.conn, id)?,
            })
        })
    }

    /// Adds a duty at the end of an incident's checklist. `check` sees the
    /// incident first and may refuse.
    pub fn add_checklist_item(
        &mut self,
        which: IncidentRef,
        item: &NewChecklistItem,
        author: &str,
        check: impl FnOnce(&Incident) -> Result<(), UserError>,
    ) -> Result<(Incident, ChecklistItem)> {
        self.write(author, |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            let incident = incidents::load(tx.conn, id)?;
            check(&incident)?;
            let record = checklist::add(tx, id, item, |_| new_uuid(tx.now))?;
            let added = checklist::of(tx.conn, id)?
                .into_iter()
                .find(|i| i.uuid == record.uuid)
                .ok_or_else(|| anyhow::anyhow!("the item just added is not there"))?;
            Ok((incident, added))
        })
    }

    /// Marks item `position` of an incident's checklist done at the time
    /// `done` gives (now if none), by the author, with an optional note,
    /// and writes a `checklist` entry on the timeline. `check` sees the
    /// incident, the item (none if there is no such item) and the time
    /// first, and may refuse: no such item, done already, not a security
    /// incident, a bad time.
    ///
    /// Items added by hand on two machines may share a number once merged
    /// (on a team, say): such a number is refused, naming each item's ref
    /// (the end of its UUID, the same everywhere), which `typed` may be
    /// instead of a number.
    pub fn complete_checklist_item(
        &mut self,
        which: IncidentRef,
        typed: &ItemRef,
        done: &ChecklistDone,
        author: &str,
        check: impl FnOnce(&Incident, Option<&ChecklistItem>, DateTime<Utc>) -> Result<(), UserError>,
    ) -> Result<(Incident, ChecklistItem)> {
        self.write(author, |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            let incident = incidents::load(tx.conn, id)?;
            let all = checklist::of(tx.conn, id)?;
            let matching: Vec<&ChecklistItem> = all
                .iter()
                .filter(|i| match typed {
                    ItemRef::Position(p) => i.position == *p,
                    ItemRef::Suffix(s) => i.uuid.ends_with(s.as_str()),
                })
                .collect();
            if let [_, _, ..] = matching.as_slice() {
                let uuids: Vec<&str> = all.iter().map(|i| i.uuid.as_str()).collect();
                let refs = short_refs(matching.iter().map(|i| i.uuid.as_str()), &uuids);
                let named: Vec<String> = matching
                    .iter()
                    .zip(&refs)
                    .map(|(i, r)| format!("{r} ({})", i.text()))
                    .collect();
                return Err(UserError::new(format!(
                    "{} names {} items of {}'s checklist: {}",
                    typed,
                    matching.len(),
                    incident.number,
                    named.join(", ")
                ))
                .hint(format!(
                    "name one by its ref: `inc checklist done {}`",
                    refs[0]
                ))
                .into());
            }
            if let (ItemRef::Suffix(s), []) = (typed, matching.as_slice()) {
                return Err(UserError::new(format!(
                    "no item of {}'s checklist is named {s}",
                    incident.number
                ))
                .hint(format!(
                    "`inc checklist -i {}` lists them",
                    incident.number.bare()
                ))
                .into());
            }
            let item = matching.first().map(|i| (*i).clone());
            let at = done.at.unwrap_or(tx.now);
            check(&incident, item.as_ref(), at)?;
            let Some(item) = item else {
                return Err(UserError::new(format!(
                    "{} has no checklist item {typed}",
                    incident.number
                ))
                .into());
            };
            let mut record = checklist::Checklist::by_id(tx.conn, item.id)?;
            record.done_at = Some(time_to_sql(at));
            record.done_by = Some(tx.author.to_string());
            record.note.clone_from(&done.note);
            record.changed.insert("done".into(), tx.tick());
            Checklist::update(tx.conn, id, &record)?;
            let entry = NewEntry {
                to: done.note.clone(),
                target: Some(item.uuid.clone()),
                ..NewEntry::of(EntryKind::Checklist, item.text(), at)
            };
            entries::add(tx, id, &entry)?;
            let item = checklist::of(tx.conn, id)?
                .into_iter()
                .find(|i| i.uuid == item.uuid)
                .ok_or_else(|| anyhow::anyhow!("checklist item {} is not there", item.uuid))?;
            Ok((incident, item))
        })
    }
}
