//! Timeline entries: read in the order events happened (never the order
//! they were typed), as the record stands (struck entries and the
//! corrections themselves left out) or with every version.

use std::collections::HashMap;

use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::Store;
use super::rows::{entries, incidents};
use crate::model::{
    Amendments, CommandRun, EntryKind, Incident, IncidentRef, NewEntry, TimelineEntry, same_person,
    settle_changes,
};
use crate::time::EventSpan;

/// The entries of the record as it stands: not struck, and not the
/// corrections themselves.
const CURRENT: &str = "e.struck_at IS NULL AND e.kind <> 'correction'";

/// The incident a note was added to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Noted {
    pub id: i64,
    pub number: crate::model::Number,
    pub title: String,
}

impl Store {
    /// An incident's timeline as the record stands, in event-time order;
    /// with `last`, only the latest `last` entries (still oldest first).
    /// Each change reads from the value before it (see
    /// [`settle_changes`]).
    pub fn timeline(&self, incident_id: i64, last: Option<usize>) -> Result<Vec<TimelineEntry>> {
        self.read(|conn| match last {
            None => {
                let mut all = entries::select(
                    conn,
                    &format!("e.incident_id = ?1 AND {CURRENT}"),
                    [incident_id],
                )?;
                settle(conn, incident_id, &mut all)?;
                Ok(all)
            }
            Some(n) => latest(conn, incident_id, CURRENT, n),
        })
    }

    /// Every version of an incident's timeline: struck entries, and each
    /// correction as an entry of its own, in event-time order.
    pub fn history(&self, incident_id: i64) -> Result<Vec<TimelineEntry>> {
        self.read(|conn| {
            let mut all = entries::select(conn, "e.incident_id = ?1", [incident_id])?;
            settle(conn, incident_id, &mut all)?;
            Ok(all)
        })
    }

    /// How much of an incident's record was corrected.
    pub fn amendments(&self, incident_id: i64) -> Result<Amendments> {
        self.read(|conn| {
            // Every change to an entry is written down as a correction on
            // its incident, so the corrections alone tell what changed (and
            // are found by kind, without reading the whole timeline): the
            // entries on this incident whose text, time or incident was
            // corrected (a task's text is a task's, not an entry's), and
            // those struck.
            let (amended, struck, corrections): (i64, i64, i64) = conn.query_row(
                "SELECT count(DISTINCT CASE WHEN c.field IN ('text', 'at', 'incident') \
                  AND EXISTS (SELECT 1 FROM timeline_entries e \
                              WHERE e.uuid = c.target AND e.incident_id = ?1) \
                  THEN c.target END), \
                 count(DISTINCT CASE WHEN c.field = 'struck' THEN c.target END), \
                 count(CASE WHEN c.field NOT IN ('key', 'private') THEN 1 END) \
                 FROM timeline_entries c WHERE c.incident_id = ?1 AND c.kind = 'correction'",
                [incident_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            let n = |v: i64| usize::try_from(v).unwrap_or(0);
            Ok(Amendments {
                amended: n(amended),
                struck: n(struck),
                corrections: n(corrections),
            })
        })
    }

    /// The latest `count` steps of an incident's response, oldest first:
    /// its notes and the commands run with `inc run`.
    pub fn latest_progress(&self, incident_id: i64, count: usize) -> Result<Vec<TimelineEntry>> {
        self.read(|conn| {
            latest(
                conn,
                incident_id,
                &format!("{CURRENT} AND e.kind IN ('note', 'command')"),
                count,
            )
        })
    }

    /// How many entries an incident's record has.
    pub fn timeline_len(&self, incident_id: i64) -> Result<usize> {
        self.read(|conn| {
            // Counted in the index by kind, without reading each entry.
            let n: i64 = conn.query_row(
                &format!(
                    "SELECT count(*) FROM timeline_entries e WHERE e.incident_id = ?1 AND {CURRENT}"
                ),
                [incident_id],
                |r| r.get(0),
            )?;
            Ok(usize::try_from(n).unwrap_or(0))
        })
    }

    /// When an incident's events happened, for reading a time of day typed
    /// for it (see [`crate::time::parse_time_on`]): its start of impact,
    /// and its latest event as the record stands (its declaration, at the
    /// least).
    pub fn event_span(&self, which: IncidentRef) -> Result<EventSpan> {
        self.read(|conn| {
            let id = incidents::resolve(conn, which)?;
            let incident = incidents::load(conn, id)?;
            let latest = entries::latest_event(conn, id, CURRENT)?
                .map_or(incident.created_at, |t| t.max(incident.created_at));
            Ok(EventSpan {
                started: incident.started_at,
                latest,
            })
        })
    }

    /// The newest resolution or cancellation on the record that `author`
    /// wrote, by change clock (the order they were written, the same on
    /// every machine), whatever incident it is on. Names are compared as
    /// [`same_person`] does, in Rust: SQLite's `lower` knows only ASCII.
    pub fn last_closed_by(&self, author: &str) -> Result<Option<TimelineEntry>> {
        self.read(|conn| {
            Ok(entries::select(
                conn,
                "e.kind IN ('resolved', 'cancelled') AND e.struck_at IS NULL",
                [],
            )?
            .into_iter()
            .filter(|e| same_person(&e.author, author))
            .max_by(|a, b| (&a.clock, &a.uuid).cmp(&(&b.clock, &b.uuid))))
        })
    }

    /// Adds a note (or any entry that tells no state) to an incident's
    /// timeline: `make` writes it, given the time now (read under the write
    /// lock). Reads no more of the incident than its title: `inc tl` is
    /// typed mid-incident and should cost what one insert does.
    pub fn add_note(
        &mut self,
        which: IncidentRef,
        author: &str,
        make: impl FnOnce(DateTime<Utc>) -> NewEntry,
    ) -> Result<(Noted, TimelineEntry)> {
        self.write(author, |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            let title = incidents::title(tx.conn, id)?;
            let number = if tx.team {
                incidents::number(tx.conn, id)?
            } else {
                crate::model::Number::Local(id)
            };
            let entry = make(tx.now);
            debug_assert!(!entry.kind.tells_state(), "a change of state is not a note");
            let stored = entries::add(tx, id, &entry)?;
            Ok((Noted { id, number, title }, stored))
        })
    }

    /// Checks, before `inc run` runs anything, that its outcome could be
    /// recorded on the incident: the incident exists and the database takes
    /// a write lock (which a read-only file or directory refuses). Writes
    /// nothing.
    pub fn check_writable(&mut self, which: IncidentRef) -> Result<Incident> {
        self.write("", |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            incidents::load(tx.conn, id)
        })
    }

    /// Records a command `inc run` ran, as a `command` entry, in one
    /// transaction.
    pub fn record_run(
        &mut self,
        incident_id: i64,
        author: &str,
        entry: &NewEntry,
        run: &CommandRun,
    ) -> Result<(Incident, TimelineEntry)> {
        self.write(author, |tx| {
            let incident = incidents::load(tx.conn, incident_id)?;
            let stored = entries::add_with_run(tx, incident_id, entry, Some(run))?;
            Ok((incident, stored))
        })
    }
}

/// The latest `n` entries of an incident matching `condition`, oldest
/// first, each change reading from the value before it.
fn latest(
    conn: &Connection,
    incident_id: i64,
    condition: &str,
    n: usize,
) -> Result<Vec<TimelineEntry>> {
    let mut newest_first = super::rows::all(
        conn,
        &format!(
            "SELECT {} FROM timeline_entries e WHERE e.incident_id = ?1 AND {condition} \
             ORDER BY {} LIMIT ?2",
            entries::COLUMNS,
            entries::NEWEST_FIRST
        ),
        params![incident_id, i64::try_from(n).unwrap_or(i64::MAX)],
        entries::entry,
    )?;
    newest_first.reverse();
    settle(conn, incident_id, &mut newest_first)?;
    Ok(newest_first)
}

/// Makes each change among `some` of an incident's entries read from the
/// value before it, as [`settle_changes`] does over the whole timeline:
/// the changes are settled over all of the incident's changes, which are
/// few, and copied onto the entries given. A task's entries read with the
/// task's text as it stands, corrected or not.
fn settle(conn: &Connection, incident_id: i64, some: &mut [TimelineEntry]) -> Result<()> {
    if some
        .iter()
        .any(|e| matches!(e.kind, EntryKind::Task | EntryKind::TaskDone))
    {
        let tasks: HashMap<String, String> = super::rows::tasks::of(conn, incident_id, true)?
            .into_iter()
            .map(|t| (t.uuid, t.text))
            .collect();
        for e in some
            .iter_mut()
            .filter(|e| matches!(e.kind, EntryKind::Task | EntryKind::TaskDone))
        {
            if let Some(text) = e.target.as_ref().and_then(|t| tasks.get(t)) {
                e.text.clone_from(text);
            }
        }
    }
    let tells = |k: EntryKind| k.tells_state() || k == EntryKind::Role;
    if !some.iter().any(|e| tells(e.kind)) {
        return Ok(());
    }
    let first = incidents::load(conn, incident_id)?.first_commander;
    let mut changes = entries::of_kinds(
        conn,
        incident_id,
        &[
            EntryKind::Declared,
            EntryKind::Status,
            EntryKind::Severity,
            EntryKind::Resolved,
            EntryKind::Reopened,
            EntryKind::Cancelled,
            EntryKind::Handoff,
            EntryKind::Role,
            EntryKind::Security,
            EntryKind::Link,
        ],
    )?;
    settle_changes(&first, &mut changes);
    let from: HashMap<String, Option<String>> =
        changes.into_iter().map(|e| (e.uuid, e.from)).collect();
    for e in some
        .iter_mut()
        .filter(|e| e.struck.is_none() && tells(e.kind))
    {
        if let Some(settled) = from.get(&e.uuid) {
            e.from.clone_from(settled);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewIncident;
    use crate::store::testing::{at, store_at};
    use crate::time::Zone;

    fn store() -> (tempfile::TempDir, Store) {
        store_at(at(30))
    }

    fn declare(store: &mut Store, title: &str) -> i64 {
        let new = NewIncident {
            started_at: Some(at(0)),
            declared_at: Some(at(10)),
            ..NewIncident::new(title, "alice")
        };
        store.create_incident(&new, "alice", &[]).unwrap().0.id
    }

    /// A few entries' refs (a board's latest) are worked out among the
    /// entries whose UUIDs end alike, a whole timeline's among all: both
    /// give each entry the same ref, struck entries counted.
    #[test]
    fn refs_are_the_same_for_a_few_entries_and_for_all() {
        let (_dir, mut store) = store();
        let id = declare(&mut store, "API down");
        for n in 0..80 {
            store
                .add_note(IncidentRef::Id(id), "alice", |now| {
                    NewEntry::note(format!("note {n}"), now)
                })
                .unwrap();
        }
        let struck = store.timeline(id, None).unwrap()[3].uuid.clone();
        store
            .strike_entry(
                &crate::model::EntryRef::Suffix(struck),
                IncidentRef::Id(id),
                "alice",
                "a duplicate",
                &|_, _, _| Ok(()),
            )
            .unwrap();
        let all = store.timeline(id, None).unwrap();
        let of_all = store.entry_refs(id, &all).unwrap();
        assert_eq!(of_all.len(), all.len());
        for few in all.chunks(5) {
            for (uuid, reference) in store.entry_refs(id, few).unwrap() {
                assert_eq!(of_all[&uuid], reference);
                assert!(uuid.ends_with(&reference));
            }
        }
        let history = store.history(id).unwrap();
        let of_history = store.entry_refs(id, &history).unwrap();
        for (uuid, reference) in &of_all {
            assert_eq!(&of_history[uuid], reference);
        }
    }

    #[test]
    fn the_event_span_runs_from_the_start_to_the_latest_entry_on_record() {
        let (_d, mut s) = store();
        let id = declare(&mut s, "API down");
        let span = |s: &Store| s.event_span(IncidentRef::Id(id)).unwrap();
        assert_eq!(
            span(&s),
            EventSpan {
                started: at(0),
                latest: at(10)
            }
        );
        // A note before the declaration moves nothing; one after does.
        s.add_note(IncidentRef::Id(id), "bob", |_| {
            NewEntry::note("a".into(), at(5))
        })
        .unwrap();
        assert_eq!(span(&s).latest, at(10));
        s.add_note(IncidentRef::Id(id), "bob", |_| {
            NewEntry::note("b".into(), at(20))
        })
        .unwrap();
        assert_eq!(span(&s).latest, at(20));
    }

    #[test]
    fn the_last_closed_is_the_author_s_newest_resolution_or_cancellation() {
        let (_d, mut s) = store();
        let zone = Zone::utc();
        for title in ["a", "b", "c"] {
            declare(&mut s, title);
        }
        assert_eq!(s.last_closed_by("alice").unwrap(), None);
        // Written in this order: alice resolves #2, then cancels #1 with an
        // earlier event time; bob resolves #3 last.
        s.update_incident(IncidentRef::Id(2), "alice", |i, _| {
            Ok(i.resolve(at(25), &zone)?)
        })
        .unwrap();
        s.update_incident(IncidentRef::Id(1), "Alice ", |i, _| {
            Ok(i.cancel("dup".into(), at(15), &zone)?)
        })
        .unwrap();
        s.update_incident(IncidentRef::Id(3), "bob", |i, _| {
            Ok(i.resolve(at(28), &zone)?)
        })
        .unwrap();
        let last = s.last_closed_by("alice").unwrap().unwrap();
        assert_eq!((last.incident_id, last.kind), (1, EntryKind::Cancelled));
        assert_eq!(s.last_closed_by("bob").unwrap().unwrap().incident_id, 3);
        assert_eq!(s.last_closed_by("carol").unwrap(), None);
    }
}
