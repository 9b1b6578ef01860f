//! A security incident's checklist of duties: attached when the incident
//! is declared as one, or marked as one later, in the same transaction;
//! each item done once, with a `checklist` entry on the timeline.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::incidents::{declare, load, resolve, save, set_selected};
use super::timeline::insert_entry;
use super::{Stamp, Store, new_uuid, opt_time_at, time_at, time_to_sql};
use crate::error::UserError;
use crate::model::{
    ChecklistItem, EntryKind, Incident, IncidentRef, NewChecklistItem, NewEntry, NewIncident,
    TimelineEntry,
};

const COLUMNS: &str = "id, uuid, incident_id, position, area, body, created_at, created_by, \
                       done_at, done_by, note";

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

impl Store {
    /// Declares an incident like [`Store::create_incident`], and, for a
    /// security incident, attaches `checklist` in the same transaction.
    pub fn create_incident_with_checklist(
        &mut self,
        new: &NewIncident,
        checklist: &[NewChecklistItem],
    ) -> Result<(Incident, TimelineEntry)> {
        self.write(|tx| {
            let (id, declared) = declare(tx, new)?;
            if new.security {
                attach(tx, id, checklist, &stamp_of(new))?;
            }
            set_selected(tx, id)?;
            Ok((load(tx, id)?, declared))
        })
    }

    /// An incident's checklist, in order.
    pub fn checklist(&self, incident_id: i64) -> Result<Vec<ChecklistItem>> {
        self.read(|conn| items(conn, incident_id))
    }

    /// Marks an incident as a security incident or not. Marked on, it gets
    /// `checklist` unless it has a checklist already (from an earlier time
    /// it was one); marked off, its checklist stays as it is, done items
    /// and all, so nothing recorded is lost.
    pub fn set_security(
        &mut self,
        which: IncidentRef,
        on: bool,
        checklist: &[NewChecklistItem],
        stamp: &Stamp,
    ) -> Result<SecurityChange> {
        self.write(|tx| {
            let id = resolve(tx, which)?;
            let mut incident = load(tx, id)?;
            let changed = incident.security != on;
            if changed {
                incident.security = on;
                save(tx, &incident, stamp)?;
            }
            let mut attached = 0;
            if on && items(tx, id)?.is_empty() {
                attach(tx, id, checklist, stamp)?;
                attached = checklist.len();
            }
            Ok(SecurityChange {
                incident,
                changed,
                attached,
                checklist: items(tx, id)?,
            })
        })
    }

    /// Adds a duty at the end of an incident's checklist. `check` sees the
    /// incident first and may refuse.
    pub fn add_checklist_item(
        &mut self,
        which: IncidentRef,
        item: &NewChecklistItem,
        stamp: &Stamp,
        check: impl FnOnce(&Incident) -> Result<(), UserError>,
    ) -> Result<(Incident, ChecklistItem)> {
        self.write(|tx| {
            let id = resolve(tx, which)?;
            let incident = load(tx, id)?;
            check(&incident)?;
            let next = items(tx, id)?.last().map_or(1, |i| i.position + 1);
            let row = insert(tx, id, next, item, stamp)?;
            Ok((incident, load_item(tx, row)?))
        })
    }

    /// Marks item `position` of an incident's checklist done at `at`, by
    /// the stamp's author, with an optional note, and writes a `checklist`
    /// entry on the timeline. `check` sees the incident and the item (none
    /// if there is no such item) first and may refuse: no such item, done
    /// already, not a security incident, a bad time.
    pub fn complete_checklist_item(
        &mut self,
        which: IncidentRef,
        position: i64,
        done: &ChecklistDone,
        stamp: &Stamp,
        check: impl FnOnce(&Incident, Option<&ChecklistItem>) -> Result<(), UserError>,
    ) -> Result<(Incident, ChecklistItem)> {
        self.write(|tx| {
            let id = resolve(tx, which)?;
            let incident = load(tx, id)?;
            let item = tx
                .query_row(
                    &format!(
                        "SELECT {COLUMNS} FROM checklist_items \
                         WHERE incident_id = ?1 AND position = ?2"
                    ),
                    params![id, position],
                    item_from_row,
                )
                .optional()?;
            check(&incident, item.as_ref())?;
            let Some(item) = item else {
                return Err(
                    UserError::new(format!("#{id} has no checklist item {position}")).into(),
                );
            };
            tx.execute(
                "UPDATE checklist_items SET done_at = ?2, done_by = ?3, note = ?4 \
                 WHERE id = ?1 AND done_at IS NULL",
                params![item.id, time_to_sql(done.at), stamp.author, done.note],
            )?;
            let entry = NewEntry {
                kind: EntryKind::Checklist,
                text: item.text(),
                from: Some(position.to_string()),
                to: done.note.clone(),
                event_at: done.at,
                key: false,
                private: false,
                audience: None,
            };
            insert_entry(tx, id, &entry, stamp)?;
            Ok((incident, load_item(tx, item.id)?))
        })
    }
}

/// When a checklist item was done, and what was done.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistDone {
    pub at: chrono::DateTime<chrono::Utc>,
    pub note: Option<String>,
}

fn stamp_of(new: &NewIncident) -> Stamp {
    Stamp {
        author: new.author.clone(),
        now: new.recorded_at,
    }
}

/// Appends `list` to an incident's checklist.
fn attach(
    tx: &Connection,
    incident_id: i64,
    list: &[NewChecklistItem],
    stamp: &Stamp,
) -> Result<()> {
    let first = items(tx, incident_id)?.last().map_or(1, |i| i.position + 1);
    for (position, item) in (first..).zip(list) {
        insert(tx, incident_id, position, item, stamp)?;
    }
    Ok(())
}

fn insert(
    tx: &Connection,
    incident_id: i64,
    position: i64,
    item: &NewChecklistItem,
    stamp: &Stamp,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO checklist_items (uuid, incident_id, position, area, body, created_at, created_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        new_uuid(stamp.now),
        incident_id,
        position,
        item.area,
        item.body,
        time_to_sql(stamp.now),
        stamp.author,
    ])?;
    Ok(tx.last_insert_rowid())
}

fn items(conn: &Connection, incident_id: i64) -> Result<Vec<ChecklistItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM checklist_items WHERE incident_id = ?1 ORDER BY position"
    ))?;
    let rows = stmt.query_map([incident_id], item_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn load_item(conn: &Connection, id: i64) -> Result<ChecklistItem> {
    Ok(conn.query_row(
        &format!("SELECT {COLUMNS} FROM checklist_items WHERE id = ?1"),
        [id],
        item_from_row,
    )?)
}

fn item_from_row(r: &Row<'_>) -> rusqlite::Result<ChecklistItem> {
    Ok(ChecklistItem {
        id: r.get(0)?,
        uuid: r.get(1)?,
        incident_id: r.get(2)?,
        position: r.get(3)?,
        area: r.get(4)?,
        body: r.get(5)?,
        created_at: time_at(r, 6)?,
        created_by: r.get(7)?,
        done_at: opt_time_at(r, 8)?,
        done_by: r.get(9)?,
        note: r.get(10)?,
    })
}
