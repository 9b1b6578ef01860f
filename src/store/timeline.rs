//! Timeline entries: written with the change they record, read in the order
//! events happened (never the order they were typed).

use anyhow::Result;
use rusqlite::{Connection, Row, params};

use super::{Stamp, Store, new_uuid, time_at, time_to_sql};
use crate::model::{EntryKind, NewEntry, TimelineEntry};

const COLUMNS: &str =
    "id, uuid, incident_id, kind, body, from_value, to_value, event_at, recorded_at, author, key";

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
    /// The latest `count` notes of an incident, oldest first.
    pub fn latest_notes(&self, incident_id: i64, count: usize) -> Result<Vec<TimelineEntry>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!(
                "SELECT {COLUMNS} FROM timeline_entries WHERE incident_id = ?1 AND kind = 'note' \
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

pub(super) fn insert_entry(
    conn: &Connection,
    incident_id: i64,
    entry: &NewEntry,
    stamp: &Stamp,
) -> Result<TimelineEntry> {
    let uuid = new_uuid(stamp.now);
    conn.prepare_cached(
        "INSERT INTO timeline_entries \
         (uuid, incident_id, kind, body, from_value, to_value, event_at, recorded_at, author, key) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
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
    })
}

fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<TimelineEntry> {
    let kind: String = r.get(3)?;
    Ok(TimelineEntry {
        id: r.get(0)?,
        uuid: r.get(1)?,
        incident_id: r.get(2)?,
        kind: EntryKind::parse(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                3,
                rusqlite::types::Type::Text,
                format!("unknown timeline entry kind {kind:?}").into(),
            )
        })?,
        text: r.get(4)?,
        from: r.get(5)?,
        to: r.get(6)?,
        event_at: time_at(r, 7)?,
        recorded_at: time_at(r, 8)?,
        author: r.get(9)?,
        key: r.get(10)?,
    })
}
