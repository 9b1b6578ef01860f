//! Timeline entries: written with the change they record, read in the order
//! events happened (never the order they were typed).

use anyhow::Result;
use rusqlite::{Connection, Row, params};

use super::incidents::{load, resolve};
use super::{Stamp, Store, new_uuid, time_at, time_to_sql};
use crate::model::{
    Audience, CommandRun, EntryKind, Incident, IncidentRef, NewEntry, Outcome, TimelineEntry,
};

pub(super) const COLUMNS: &str = "id, uuid, incident_id, kind, body, from_value, to_value, event_at, \
                       recorded_at, author, key, exit_code, exit_signal, duration_ms, output, \
                       output_lines, private, audience";

impl Store {
    /// An incident's timeline in event-time order; with `last`, only the
    /// latest `last` entries (still oldest first).
    pub fn timeline(&self, incident_id: i64, last: Option<usize>) -> Result<Vec<TimelineEntry>> {
        self.read(|conn| {
            let entries = match last {
                None => {
                    let mut stmt = conn.prepare(&format!(
                        "SELECT {COLUMNS} FROM timeline_entries WHERE incident_id = ?1 \
                         ORDER BY event_at, id"
                    ))?;
                    stmt.query_map([incident_id], entry_from_row)?
                        .collect::<rusqlite::Result<Vec<_>>>()?
                }
                Some(n) => {
                    let mut stmt = conn.prepare(&format!(
                        "SELECT {COLUMNS} FROM timeline_entries WHERE incident_id = ?1 \
                         ORDER BY event_at DESC, id DESC LIMIT ?2"
                    ))?;
                    let mut newest_first = stmt
                        .query_map(
                            params![incident_id, i64::try_from(n).unwrap_or(i64::MAX)],
                            entry_from_row,
                        )?
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    newest_first.reverse();
                    newest_first
                }
            };
            Ok(entries)
        })
    }
}

impl Store {
    /// The latest `count` steps of an incident's response, oldest first:
    /// its notes and the commands run with `inc run`.
    pub fn latest_progress(&self, incident_id: i64, count: usize) -> Result<Vec<TimelineEntry>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!(
                "SELECT {COLUMNS} FROM timeline_entries \
                 WHERE incident_id = ?1 AND kind IN ('note', 'command') \
                 ORDER BY event_at DESC, id DESC LIMIT ?2"
            ))?;
            let mut newest_first = stmt
                .query_map(
                    params![incident_id, i64::try_from(count).unwrap_or(i64::MAX)],
                    entry_from_row,
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            newest_first.reverse();
            Ok(newest_first)
        })
    }

    /// How many entries an incident's timeline has.
    pub fn timeline_len(&self, incident_id: i64) -> Result<usize> {
        self.read(|conn| {
            let n: i64 = conn.query_row(
                "SELECT count(*) FROM timeline_entries WHERE incident_id = ?1",
                [incident_id],
                |r| r.get(0),
            )?;
            Ok(usize::try_from(n).unwrap_or(0))
        })
    }
}

impl Store {
    /// Checks, before `inc run` runs anything, that its outcome could be
    /// recorded on the incident: the incident exists and the database takes
    /// a write lock (which a read-only file or directory refuses). Writes
    /// nothing.
    pub fn check_writable(&mut self, which: IncidentRef) -> Result<Incident> {
        self.write(|tx| {
            let id = resolve(tx, which)?;
            load(tx, id)
        })
    }

    /// Records a command `inc run` ran, as a `command` entry, in one
    /// transaction.
    pub fn record_run(
        &mut self,
        incident_id: i64,
        stamp: &Stamp,
        entry: &NewEntry,
        run: &CommandRun,
    ) -> Result<(Incident, TimelineEntry)> {
        self.write(|tx| {
            let incident = load(tx, incident_id)?;
            let stored = insert(tx, incident_id, entry, Some(run), stamp)?;
            Ok((incident, stored))
        })
    }
}

pub(super) fn insert_entry(
    conn: &Connection,
    incident_id: i64,
    entry: &NewEntry,
    stamp: &Stamp,
) -> Result<TimelineEntry> {
    insert(conn, incident_id, entry, None, stamp)
}

fn insert(
    conn: &Connection,
    incident_id: i64,
    entry: &NewEntry,
    run: Option<&CommandRun>,
    stamp: &Stamp,
) -> Result<TimelineEntry> {
    insert_as(conn, incident_id, entry, run, stamp, new_uuid(stamp.now))
}

/// Inserts an entry with a UUID chosen by the caller (an import gives the
/// same UUID to the same message every time) and `stamp.author` as author.
pub(super) fn insert_as(
    conn: &Connection,
    incident_id: i64,
    entry: &NewEntry,
    run: Option<&CommandRun>,
    stamp: &Stamp,
    uuid: String,
) -> Result<TimelineEntry> {
    let (exit_code, exit_signal) = match run.map(|r| r.outcome) {
        Some(Outcome::Exited(code)) => (Some(code), None),
        Some(Outcome::Signalled(sig)) => (None, Some(sig)),
        None => (None, None),
    };
    conn.prepare_cached(
        "INSERT INTO timeline_entries \
         (uuid, incident_id, kind, body, from_value, to_value, event_at, recorded_at, author, key, \
          exit_code, exit_signal, duration_ms, output, output_lines, private, audience) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        uuid,
        incident_id,
        entry.kind.as_str(),
        entry.text,
        entry.from,
        entry.to,
        time_to_sql(entry.event_at),
        time_to_sql(stamp.now),
        stamp.author,
        entry.key,
        exit_code,
        exit_signal,
        run.map(|r| i64::try_from(r.duration_ms).unwrap_or(i64::MAX)),
        run.and_then(|r| r.output.as_deref()),
        run.and_then(|r| r.output_lines)
            .map(|n| i64::try_from(n).unwrap_or(i64::MAX)),
        entry.private,
        entry.audience.map(Audience::as_str),
    ])?;
    Ok(TimelineEntry {
        id: conn.last_insert_rowid(),
        uuid,
        incident_id,
        kind: entry.kind,
        text: entry.text.clone(),
        from: entry.from.clone(),
        to: entry.to.clone(),
        event_at: entry.event_at,
        recorded_at: stamp.now,
        author: stamp.author.clone(),
        key: entry.key,
        private: entry.private,
        audience: entry.audience,
        run: run.cloned(),
    })
}

pub(super) fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<TimelineEntry> {
    let bad = |col: usize, what: String| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, what.into())
    };
    let kind: String = r.get(3)?;
    let kind = EntryKind::parse(&kind)
        .ok_or_else(|| bad(3, format!("unknown timeline entry kind {kind:?}")))?;
    let run = if kind == EntryKind::Command {
        let outcome = match (r.get::<_, Option<u8>>(11)?, r.get::<_, Option<i32>>(12)?) {
            (Some(code), None) => Outcome::Exited(code),
            (None, Some(sig)) => Outcome::Signalled(sig),
            _ => {
                return Err(bad(
                    11,
                    "a command entry without one exit code or signal".into(),
                ));
            }
        };
        let duration_ms: i64 = r
            .get::<_, Option<i64>>(13)?
            .ok_or_else(|| bad(13, "a command entry without its duration".into()))?;
        Some(CommandRun {
            outcome,
            duration_ms: u64::try_from(duration_ms).unwrap_or(0),
            output: r.get(14)?,
            output_lines: r
                .get::<_, Option<i64>>(15)?
                .map(|n| u64::try_from(n).unwrap_or(0)),
        })
    } else {
        None
    };
    let audience = match r.get::<_, Option<String>>(17)? {
        None => None,
        Some(a) => Some(
            Audience::parse(&a).ok_or_else(|| bad(17, format!("unknown update audience {a:?}")))?,
        ),
    };
    Ok(TimelineEntry {
        id: r.get(0)?,
        uuid: r.get(1)?,
        incident_id: r.get(2)?,
        kind,
        text: r.get(4)?,
        from: r.get(5)?,
        to: r.get(6)?,
        event_at: time_at(r, 7)?,
        recorded_at: time_at(r, 8)?,
        author: r.get(9)?,
        key: r.get(10)?,
        private: r.get(16)?,
        audience,
        run,
    })
}
