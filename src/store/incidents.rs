//! Incidents: declaring, reading, listing, changing, and the current one.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::command::insert_assignment;
use super::timeline::insert_entry;
use super::{Stamp, Store, new_uuid, opt_time_at, time_at, time_to_sql};
use crate::error::UserError;
use crate::model::{
    Current, EntryKind, Incident, IncidentRef, Links, NAMED_WHEN_AMBIGUOUS, NewEntry, NewIncident,
    ReviewHeld, Severity, Status, TimelineEntry, choose_current,
};

pub(super) const COLUMNS: &str = "id, uuid, title, severity, status, security, commander, started_at, \
                       detected_at, mitigated_at, resolved_at, created_at, created_by, \
                       channel, bridge, ticket, drill, review_held_at, review_held_by";

const CURRENT_KEY: &str = "current_incident";

/// Which incidents `list` shows.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Include resolved incidents.
    pub all: bool,
    pub status: Option<Status>,
    pub severity: Option<Severity>,
}

impl Store {
    /// Declares an incident: stores it with its `declared` timeline entry
    /// and makes it the current incident, in one transaction.
    pub fn create_incident(&mut self, new: &NewIncident) -> Result<(Incident, TimelineEntry)> {
        self.write(|tx| {
            let (id, declared) = declare(tx, new)?;
            set_selected(tx, id)?;
            Ok((load(tx, id)?, declared))
        })
    }

    /// Declares many incidents, each with further timeline entries, in one
    /// transaction, for bulk loads. The current incident stays as it was.
    /// Returns the new incidents' ids.
    pub fn import(&mut self, batch: &[(NewIncident, Vec<NewEntry>)]) -> Result<Vec<i64>> {
        self.write(|tx| {
            batch
                .iter()
                .map(|(new, entries)| {
                    let (id, _) = declare(tx, new)?;
                    let stamp = Stamp {
                        author: new.author.clone(),
                        now: new.recorded_at,
                    };
                    for entry in entries {
                        insert_entry(tx, id, entry, &stamp)?;
                    }
                    Ok(id)
                })
                .collect()
        })
    }

    /// One incident.
    pub fn incident(&self, which: IncidentRef) -> Result<Incident> {
        self.read(|conn| {
            let id = resolve(conn, which)?;
            load(conn, id)
        })
    }

    /// Incidents by id, oldest first.
    pub fn list_incidents(&self, filter: &ListFilter) -> Result<Vec<Incident>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!(
                "SELECT {COLUMNS} FROM incidents \
                 WHERE (?1 OR status <> 'resolved') \
                   AND (?2 IS NULL OR status = ?2) \
                   AND (?3 IS NULL OR severity = ?3) \
                 ORDER BY id"
            ))?;
            let all = filter.all || filter.status == Some(Status::Resolved);
            let rows = stmt.query_map(
                params![
                    all,
                    filter.status.map(Status::as_str),
                    filter.severity.map(Severity::level)
                ],
                incident_from_row,
            )?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Makes an incident the current one (`inc use`). Only an open one can
    /// be: commands fall back to the only open incident when the current one
    /// is resolved, so choosing a resolved one would send notes elsewhere.
    pub fn select_incident(&mut self, id: i64) -> Result<Incident> {
        self.write(|tx| {
            let incident = load(tx, id)?;
            incident.can_be_current()?;
            set_selected(tx, id)?;
            Ok(incident)
        })
    }

    /// Reads an incident, lets `change` modify it and say what to add to its
    /// timeline, and writes both back in one transaction. If `change` fails,
    /// nothing is written.
    pub fn update_incident<F>(
        &mut self,
        which: IncidentRef,
        stamp: &Stamp,
        change: F,
    ) -> Result<(Incident, Vec<TimelineEntry>)>
    where
        F: FnOnce(&mut Incident) -> Result<Vec<NewEntry>>,
    {
        self.write(|tx| {
            let id = resolve(tx, which)?;
            let before = load(tx, id)?;
            let mut after = before.clone();
            let entries = change(&mut after)?;
            if after != before {
                save(tx, &after, stamp)?;
            }
            let stored = entries
                .iter()
                .map(|e| insert_entry(tx, id, e, stamp))
                .collect::<Result<Vec<_>>>()?;
            Ok((after, stored))
        })
    }
}

/// Inserts an incident with its `declared` entry, and `started`/`detected`
/// entries when those times were backdated: the timeline alone tells the story.
pub(super) fn declare(tx: &Connection, new: &NewIncident) -> Result<(i64, TimelineEntry)> {
    tx.prepare_cached(
        "INSERT INTO incidents (uuid, title, severity, status, security, commander, \
         started_at, detected_at, created_at, created_by, updated_at, channel, bridge, ticket, \
         drill) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        new_uuid(new.created_at),
        new.title,
        new.severity.level(),
        Status::Investigating.as_str(),
        new.security,
        new.commander,
        time_to_sql(new.started_at),
        time_to_sql(new.detected_at),
        time_to_sql(new.created_at),
        new.author,
        new.links.channel,
        new.links.bridge,
        new.links.ticket,
        new.drill,
    ])?;
    let id = tx.last_insert_rowid();
    let stamp = Stamp {
        author: new.author.clone(),
        now: new.recorded_at,
    };
    insert_assignment(tx, id, &new.commander, None, "", new.created_at, &stamp)?;
    let declared = NewEntry {
        kind: EntryKind::Declared,
        text: new.title.clone(),
        from: None,
        to: Some(new.severity.to_string()),
        event_at: new.created_at,
        key: false,
        private: false,
        audience: None,
    };
    let entry = insert_entry(tx, id, &declared, &stamp)?;
    let mut last = new.created_at;
    for (kind, at) in [
        (EntryKind::Detected, new.detected_at),
        (EntryKind::Started, new.started_at),
    ] {
        if at < last {
            let marker = NewEntry {
                kind,
                text: String::new(),
                from: None,
                to: None,
                event_at: at,
                key: false,
                private: false,
                audience: None,
            };
            insert_entry(tx, id, &marker, &stamp)?;
            last = at;
        }
    }
    Ok((id, entry))
}

/// The id an [`IncidentRef`] stands for, or an error that says how to pick.
pub(super) fn resolve(conn: &Connection, which: IncidentRef) -> Result<i64> {
    let selected: Option<i64> = conn
        .query_row(
            "SELECT value FROM state WHERE key = ?1",
            [CURRENT_KEY],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .and_then(|v| v.parse().ok());
    match which {
        IncidentRef::Id(id) => Ok(id),
        IncidentRef::Selected => selected.ok_or_else(|| {
            UserError::new("no incident is chosen")
                .hint("name it by id, such as `inc reopen 12`")
                .into()
        }),
        IncidentRef::Current | IncidentRef::Viewing => {
            let selected_status = match selected {
                Some(id) => conn
                    .query_row("SELECT status FROM incidents WHERE id = ?1", [id], |r| {
                        r.get::<_, String>(0)
                    })
                    .optional()?
                    .and_then(|s| s.parse::<Status>().ok())
                    .map(|s| (id, s)),
                None => None,
            };
            if let Some((id, status)) = selected_status
                && status.is_open()
            {
                return Ok(id);
            }
            let open_count: i64 = conn.query_row(
                "SELECT count(*) FROM incidents WHERE status <> 'resolved'",
                [],
                |r| r.get(0),
            )?;
            let mut stmt = conn.prepare(
                "SELECT id, title FROM incidents WHERE status <> 'resolved' ORDER BY id LIMIT ?1",
            )?;
            let first_open = stmt
                .query_map([NAMED_WHEN_AMBIGUOUS as i64], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<Vec<(i64, String)>>>()?;
            let open_count = usize::try_from(open_count).unwrap_or(usize::MAX);
            match choose_current(selected_status, open_count, first_open) {
                Current::NoneOpen { last: Some(id) } if which == IncidentRef::Viewing => Ok(id),
                other => Ok(other.into_id()?),
            }
        }
    }
}

pub(super) fn load(conn: &Connection, id: i64) -> Result<Incident> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM incidents WHERE id = ?1"),
        [id],
        incident_from_row,
    )
    .optional()?
    .ok_or_else(|| {
        UserError::new(format!("there is no incident #{id}"))
            .hint("`inc list --all` shows every incident")
            .into()
    })
}

pub(super) fn save(conn: &Connection, incident: &Incident, stamp: &Stamp) -> Result<()> {
    conn.execute(
        "UPDATE incidents SET title = ?2, severity = ?3, status = ?4, security = ?5, \
         commander = ?6, started_at = ?7, detected_at = ?8, mitigated_at = ?9, \
         resolved_at = ?10, updated_at = ?11, channel = ?12, bridge = ?13, ticket = ?14, \
         drill = ?15, review_held_at = ?16, review_held_by = ?17 \
         WHERE id = ?1",
        params![
            incident.id,
            incident.title,
            incident.severity.level(),
            incident.status.as_str(),
            incident.security,
            incident.commander,
            time_to_sql(incident.started_at),
            time_to_sql(incident.detected_at),
            incident.mitigated_at.map(time_to_sql),
            incident.resolved_at.map(time_to_sql),
            time_to_sql(stamp.now),
            incident.links.channel,
            incident.links.bridge,
            incident.links.ticket,
            incident.drill,
            incident.review_held.as_ref().map(|h| time_to_sql(h.at)),
            incident.review_held.as_ref().map(|h| &h.by),
        ],
    )?;
    Ok(())
}

pub(super) fn set_selected(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO state (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![CURRENT_KEY, id.to_string()],
    )?;
    Ok(())
}

pub(super) fn incident_from_row(r: &Row<'_>) -> rusqlite::Result<Incident> {
    let bad = |col: usize, what: String| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, what.into())
    };
    let level: u8 = r.get(3)?;
    let status: String = r.get(4)?;
    Ok(Incident {
        id: r.get(0)?,
        uuid: r.get(1)?,
        title: r.get(2)?,
        severity: Severity::new(level).ok_or_else(|| bad(3, format!("severity {level}")))?,
        status: status
            .parse()
            .map_err(|_| bad(4, format!("status {status:?}")))?,
        security: r.get(5)?,
        commander: r.get(6)?,
        started_at: time_at(r, 7)?,
        detected_at: time_at(r, 8)?,
        mitigated_at: opt_time_at(r, 9)?,
        resolved_at: opt_time_at(r, 10)?,
        created_at: time_at(r, 11)?,
        created_by: r.get(12)?,
        links: Links {
            channel: r.get(13)?,
            bridge: r.get(14)?,
            ticket: r.get(15)?,
        },
        drill: r.get(16)?,
        review_held: match (opt_time_at(r, 17)?, r.get::<_, Option<String>>(18)?) {
            (Some(at), Some(by)) => Some(ReviewHeld { at, by }),
            _ => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreOptions;
    use chrono::{DateTime, TimeZone, Utc};

    fn at(min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 10, min, 0).unwrap()
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store =
            Store::open_write(&dir.path().join("inc.db"), &StoreOptions::default()).unwrap();
        (dir, store)
    }

    fn declare(store: &mut Store, title: &str) -> Incident {
        store
            .create_incident(&NewIncident {
                links: Default::default(),
                drill: false,
                title: title.into(),
                severity: Severity::DEFAULT,
                security: false,
                commander: "alice".into(),
                started_at: at(0),
                detected_at: at(5),
                created_at: at(6),
                recorded_at: at(6),
                author: "alice".into(),
            })
            .unwrap()
            .0
    }

    #[test]
    fn declare_and_read_back() {
        let (_d, mut s) = store();
        let inc = declare(&mut s, "API down");
        assert_eq!(inc.id, 1);
        assert_eq!(inc.status, Status::Investigating);
        assert_eq!(s.incident(IncidentRef::Current).unwrap(), inc);
        assert_eq!(s.incident(IncidentRef::Id(1)).unwrap().title, "API down");
        let missing = s.incident(IncidentRef::Id(9)).unwrap_err();
        assert!(missing.to_string().contains("no incident #9"));
    }

    #[test]
    fn failed_change_writes_nothing() {
        let (_d, mut s) = store();
        declare(&mut s, "API down");
        let stamp = Stamp {
            author: "bob".into(),
            now: at(10),
        };
        let err = s
            .update_incident(IncidentRef::Current, &stamp, |inc| {
                inc.status = Status::Resolved;
                Err(UserError::new("refused").into())
            })
            .unwrap_err();
        assert_eq!(err.to_string(), "refused");
        assert_eq!(
            s.incident(IncidentRef::Current).unwrap().status,
            Status::Investigating
        );
        // started, detected and declared: nothing from the refused change.
        assert_eq!(s.timeline(1, None).unwrap().len(), 3);
    }

    #[test]
    fn import_writes_many_in_one_go_and_keeps_the_current_incident() {
        let (_d, mut s) = store();
        declare(&mut s, "current one");
        let new = |title: &str| NewIncident {
            links: Default::default(),
            drill: false,
            title: title.into(),
            severity: Severity::DEFAULT,
            security: false,
            commander: "bob".into(),
            started_at: at(0),
            detected_at: at(0),
            created_at: at(0),
            recorded_at: at(0),
            author: "bob".into(),
        };
        let notes = |n: u32| {
            (0..n)
                .map(|i| NewEntry::note(format!("n{i}"), at(i)))
                .collect()
        };
        let ids = s
            .import(&[(new("a"), notes(3)), (new("b"), notes(0))])
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
        let stamp = Stamp {
            author: "bob".into(),
            now: at(10),
        };
        s.update_incident(IncidentRef::Id(1), &stamp, |inc| {
            inc.status = Status::Resolved;
            inc.resolved_at = Some(at(10));
            Ok(vec![])
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
