//! Incidents: declaring one, reading and listing them, choosing the current
//! one, and changing one by adding to its timeline (its state then follows
//! from the timeline).

use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::params;

use super::rows::{self, entries, incidents, state};
use super::{Store, Tx};
use crate::model::exchange::ExIncident;
use crate::model::ids::{derived_uuid, new_uuid};
use crate::model::{
    EntryKind, Incident, IncidentRef, IncidentState, LinkKind, NewChecklistItem, NewEntry,
    NewIncident, Severity, Status, TimelineEntry,
};

/// Which incidents `list` shows.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Include resolved and cancelled incidents.
    pub all: bool,
    pub status: Option<Status>,
    pub severity: Option<Severity>,
}

impl Store {
    /// Declares an incident: stores it with its `declared` timeline entry
    /// (and the entries for what else it was declared with), attaches
    /// `checklist` to a security incident, and makes it the current
    /// incident, in one transaction.
    pub fn create_incident(
        &mut self,
        new: &NewIncident,
        author: &str,
        checklist: &[NewChecklistItem],
    ) -> Result<(Incident, TimelineEntry)> {
        self.write(author, |tx| {
            let (id, declared) = declare(tx, new, checklist)?;
            state::select(tx.conn, id)?;
            Ok((incidents::load(tx.conn, id)?, declared))
        })
    }

    /// Declares many incidents, each with further timeline entries, in one
    /// transaction, for bulk loads. The current incident stays as it was.
    /// Returns the new incidents' ids.
    pub fn import(
        &mut self,
        author: &str,
        batch: &[(NewIncident, Vec<NewEntry>)],
    ) -> Result<Vec<i64>> {
        self.write(author, |tx| {
            batch
                .iter()
                .map(|(new, more)| {
                    let (id, _) = declare(tx, new, &[])?;
                    for entry in more {
                        entries::add(tx, id, entry)?;
                    }
                    incidents::refresh(tx.conn, id)?;
                    Ok(id)
                })
                .collect()
        })
    }

    /// One incident.
    pub fn incident(&self, which: IncidentRef) -> Result<Incident> {
        self.read(|conn| {
            let id = incidents::resolve(conn, which)?;
            incidents::load(conn, id)
        })
    }

    /// Incidents in the order they were declared.
    pub fn list_incidents(&self, filter: &ListFilter) -> Result<Vec<Incident>> {
        self.read(|conn| {
            let all = filter.all || filter.status.is_some_and(|s| !s.is_open());
            rows::all(
                conn,
                &format!(
                    "SELECT {} FROM incidents i \
                     WHERE (?1 OR i.status NOT IN ('resolved', 'cancelled')) \
                       AND (?2 IS NULL OR i.status = ?2) \
                       AND (?3 IS NULL OR i.severity = ?3) \
                     ORDER BY {}",
                    incidents::COLUMNS,
                    incidents::ORDER
                ),
                params![
                    all,
                    filter.status.map(Status::as_str),
                    filter.severity.map(Severity::level)
                ],
                incidents::incident,
            )
        })
    }

    /// The incident with this UUID, if it is here.
    pub fn incident_by_uuid(&self, uuid: &str) -> Result<Option<Incident>> {
        self.read(|conn| match incidents::id_of(conn, uuid)? {
            Some(id) => Ok(Some(incidents::load(conn, id)?)),
            None => Ok(None),
        })
    }

    /// The incidents still open, in the order they were declared.
    pub fn open_incidents(&self) -> Result<Vec<Incident>> {
        self.read(incidents::open)
    }

    /// The incident last opened or chosen with `inc use`, whatever its
    /// status, if any.
    pub fn selected_incident(&self) -> Result<Option<i64>> {
        self.read(state::selected)
    }

    /// Makes an incident the current one (`inc use`). Only an open one can
    /// be: commands fall back to the only open incident when the current one
    /// is closed, so choosing a closed one would send notes elsewhere.
    pub fn select_incident(&mut self, which: IncidentRef) -> Result<Incident> {
        // Which incident is current is this laptop's own business: an
        // observer's laptop may choose one too.
        self.write_as("", super::Shared::SyncOnly, |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            let incident = incidents::load(tx.conn, id)?;
            incident.can_be_current()?;
            state::select(tx.conn, id)?;
            Ok(incident)
        })
    }

    /// Reads an incident and lets `change` say what to add to its timeline
    /// (it sees the incident, which it may change to say so, and the time
    /// now, read once the write lock is held); then writes the entries and
    /// sets the incident's state from its timeline again, in one
    /// transaction. If `change` fails, nothing is written.
    pub fn update_incident<F>(
        &mut self,
        which: IncidentRef,
        author: &str,
        change: F,
    ) -> Result<(Incident, Vec<TimelineEntry>)>
    where
        F: FnOnce(&mut Incident, DateTime<Utc>) -> Result<Vec<NewEntry>>,
    {
        self.write(author, |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            let mut incident = incidents::load(tx.conn, id)?;
            let new = change(&mut incident.clone(), tx.now)?;
            let stored = new
                .iter()
                .map(|e| entries::add(tx, id, e))
                .collect::<Result<Vec<_>>>()?;
            if new.iter().any(|e| e.kind.tells_state()) {
                incidents::refresh(tx.conn, id)?;
                incident = incidents::load(tx.conn, id)?;
            }
            Ok((incident, stored))
        })
    }
}

/// Writes a new incident with its `declared` entry; `started` and
/// `detected` entries when those times came earlier; a `security` entry
/// and its checklist for a security incident; a `link` entry for each
/// link. The timeline alone tells the story. Returns the incident's id and
/// its declared entry.
pub(super) fn declare(
    tx: &Tx<'_>,
    new: &NewIncident,
    checklist: &[NewChecklistItem],
) -> Result<(i64, TimelineEntry)> {
    let (started, detected, declared) = new.times(tx.now);
    let record = ExIncident {
        uuid: new_uuid(tx.now),
        clock: tx.tick(),
        first_commander: new.commander.clone(),
        drill: new.drill,
        review_held_at: None,
        review_held_by: None,
        ..ExIncident::default()
    };
    let state = IncidentState {
        title: new.title.clone(),
        severity: new.severity,
        status: Status::Investigating,
        status_at: started,
        security: new.security,
        commander: new.commander.clone(),
        started_at: started,
        detected_at: detected,
        created_at: declared,
        created_by: tx.author.to_string(),
        mitigated_at: None,
        resolved_at: None,
        links: new.links.clone(),
    };
    let id = incidents::insert(tx.conn, &record, &state)?;
    let first = entries::add(
        tx,
        id,
        &NewEntry {
            to: Some(new.severity.to_string()),
            ..NewEntry::of(EntryKind::Declared, new.title.clone(), declared)
        },
    )?;
    let mut last = declared;
    for (kind, at) in [
        (EntryKind::Detected, detected),
        (EntryKind::Started, started),
    ] {
        if at < last {
            entries::add(tx, id, &NewEntry::of(kind, String::new(), at))?;
            last = at;
        }
    }
    if new.security {
        entries::add(tx, id, &NewEntry::security(true, declared))?;
        attach(tx, id, &record.uuid, checklist)?;
    }
    for kind in LinkKind::ALL {
        if let Some(value) = new.links.get(kind) {
            entries::add(
                tx,
                id,
                &NewEntry::link(kind, None, Some(value.to_string()), declared),
            )?;
        }
    }
    Ok((id, first))
}

/// Adds `list` at the end of an incident's checklist. Each item's UUID is
/// derived from the incident's, its number and its text, so two machines
/// that attach the same checklist to the same incident attach the same
/// items.
pub(super) fn attach(
    tx: &Tx<'_>,
    incident_id: i64,
    incident_uuid: &str,
    list: &[NewChecklistItem],
) -> Result<()> {
    for item in list {
        rows::checklist::add(tx, incident_id, item, |position| {
            derived_uuid(
                incident_uuid,
                &format!("checklist/{position}/{}: {}", item.area, item.body),
            )
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::UserError;
    use crate::store::testing::{at, store_at};

    fn store() -> (tempfile::TempDir, Store) {
        store_at(at(6))
    }

    fn declare(store: &mut Store, title: &str) -> Incident {
        let new = NewIncident {
            started_at: Some(at(0)),
            detected_at: Some(at(5)),
            ..NewIncident::new(title, "alice")
        };
        store.create_incident(&new, "alice", &[]).unwrap().0
    }

    #[test]
    fn declare_and_read_back() {
        let (_d, mut s) = store();
        let inc = declare(&mut s, "API down");
        assert_eq!(inc.id, 1);
        assert_eq!(inc.status, Status::Investigating);
        assert_eq!(
            (inc.started_at, inc.detected_at, inc.created_at),
            (at(0), at(5), at(6))
        );
        assert_eq!(s.incident(IncidentRef::Current).unwrap(), inc);
        assert_eq!(s.incident(IncidentRef::Id(1)).unwrap().title, "API down");
        let missing = s.incident(IncidentRef::Id(9)).unwrap_err();
        assert!(missing.to_string().contains("no incident #9"));
    }

    #[test]
    fn failed_change_writes_nothing() {
        let (_d, mut s) = store();
        declare(&mut s, "API down");
        let err = s
            .update_incident(IncidentRef::Current, "bob", |_, _| {
                Err(UserError::new("refused").into())
            })
            .unwrap_err();
        assert_eq!(err.to_string(), "refused");
        // started, detected and declared: nothing from the refused change.
        assert_eq!(s.timeline(1, None).unwrap().len(), 3);
    }

    #[test]
    fn the_state_follows_the_timeline_not_the_order_of_writing() {
        let (_d, mut s) = store();
        declare(&mut s, "API down");
        let sev = |level| Severity::new(level).unwrap();
        s.update_incident(IncidentRef::Current, "bob", |i, now| {
            Ok(i.set_severity(sev(1), String::new(), now, &crate::time::Zone::utc())?)
        })
        .unwrap();
        // Backdated before the change just written: the board stays at
        // the latest change in event order.
        let (incident, _) = s
            .update_incident(IncidentRef::Current, "bob", |i, _| {
                Ok(i.set_severity(sev(3), "r".into(), at(5), &crate::time::Zone::utc())?)
            })
            .unwrap();
        assert_eq!(incident.severity.level(), 1);
    }

    #[test]
    fn import_writes_many_in_one_go_and_keeps_the_current_incident() {
        let (_d, mut s) = store();
        declare(&mut s, "current one");
        let new = |title: &str| NewIncident {
            declared_at: Some(at(0)),
            ..NewIncident::new(title, "bob")
        };
        let notes = |n: u32| {
            (0..n)
                .map(|i| NewEntry::note(format!("n{i}"), at(i)))
                .collect()
        };
        let ids = s
            .import("bob", &[(new("a"), notes(3)), (new("b"), notes(0))])
            .unwrap();
        assert_eq!(ids, vec![2, 3]);
        assert_eq!(s.timeline(2, None).unwrap().len(), 4);
        assert_eq!(s.timeline(3, None).unwrap().len(), 1);
        assert_eq!(s.incident(IncidentRef::Current).unwrap().id, 1);
    }

    #[test]
    fn list_filters() {
        let (_d, mut s) = store();
        declare(&mut s, "a");
        declare(&mut s, "b");
        s.update_incident(IncidentRef::Id(1), "bob", |inc, now| {
            Ok(inc.resolve(now, &crate::time::Zone::utc())?)
        })
        .unwrap();
        let open = s.list_incidents(&ListFilter::default()).unwrap();
        assert_eq!(open.iter().map(|i| i.id).collect::<Vec<_>>(), vec![2]);
        let all = s
            .list_incidents(&ListFilter {
                all: true,
                ..ListFilter::default()
            })
            .unwrap();
        assert_eq!(all.len(), 2);
        let resolved = s
            .list_incidents(&ListFilter {
                status: Some(Status::Resolved),
                ..ListFilter::default()
            })
            .unwrap();
        assert_eq!(resolved.iter().map(|i| i.id).collect::<Vec<_>>(), vec![1]);
        let sev1 = s
            .list_incidents(&ListFilter {
                all: true,
                severity: Severity::new(1),
                ..ListFilter::default()
            })
            .unwrap();
        assert!(sev1.is_empty());
    }
}
