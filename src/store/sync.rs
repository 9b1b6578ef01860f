//! The laptop's side of team sync, in its SQLite file: which records wait
//! to go to the hub (the outbox), how far each incident's log has been
//! pulled (the cursors), the team-wide numbers, and merging what was
//! pulled by the record model's rules.
//!
//! The outbox is filled by triggers, in the same transaction as the change
//! itself, so "noted" still means committed here and a kill before the push
//! loses nothing. The triggers and the sync tables are made by `inc team
//! join` and dropped by `inc team leave`: a database on no team has none of
//! them, and its commands cost what they cost before.

use std::collections::{BTreeMap, HashSet};

use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::exchange::import::merge_document;
use super::rows::actions::Actions;
use super::rows::checklist::Checklist;
use super::rows::descriptions::Descriptions;
use super::rows::entries::Entries;
use super::rows::items::{Factors, Lessons};
use super::rows::tasks::Tasks;
use super::rows::update_posts::UpdatePosts;
use super::rows::{Table, all, incidents, one, state};
use super::{Shared, Store, Tx, schema};
use crate::error::UserError;
use crate::model::exchange::{
    Document, ExIncident, FORMAT, Known, Record, RecordKind, VERSION, check_part, merge,
};
use crate::model::sync::{Change, Head, Pulled, Pushed, kind_named, push_rank};

/// The tables whose rows are records, with their kind, and the columns
/// of `incidents` that are its own record (the rest is state its timeline
/// tells, set again on every write).
const TABLES: &[(&str, RecordKind)] = &[
    ("incidents", RecordKind::Incident),
    ("tasks", RecordKind::Task),
    ("checklist_items", RecordKind::ChecklistItem),
    ("descriptions", RecordKind::Description),
    ("factors", RecordKind::Factor),
    ("actions", RecordKind::Action),
    ("lessons", RecordKind::Lesson),
    ("timeline_entries", RecordKind::Entry),
    ("update_posts", RecordKind::UpdatePost),
];
const INCIDENT_RECORD: &str =
    "clock, first_commander, drill, review_held_at, review_held_by, changed";

/// The queue's ids are never reused (AUTOINCREMENT): a push drops every
/// row up to the last id it read, which must never be a row queued after
/// another process emptied the queue.
const TABLES_SQL: &str = r"
CREATE TABLE IF NOT EXISTS sync_outbox (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl    TEXT NOT NULL,
    row_id INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS sync_pushers (
    uuid      TEXT PRIMARY KEY,
    pushed_by TEXT NOT NULL
) STRICT;
";

/// Keys of the `state` table that say how this database is on a team.
const HUB_ID: &str = "team.hub_id";
const RETRY_AFTER: &str = "team.retry_after";
const FAILURES: &str = "team.failures";
const PULLED_AT: &str = "team.pulled_at";
const LAST_ERROR: &str = "team.last_error";

/// How this database is on a team.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Team {
    pub url: String,
    pub hub_id: String,
    /// Its user may write; an observer's laptop refuses writes to shared
    /// incidents.
    pub writer: bool,
    /// No call to the hub before this (Unix milliseconds): the back-off
    /// after a failed call.
    pub retry_after: Option<i64>,
    /// Failed calls in a row.
    pub failures: u32,
    /// The last pull (Unix milliseconds).
    pub pulled_at: Option<i64>,
    /// Why the last call failed.
    pub last_error: Option<String>,
}

/// What one pull of an incident did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// Records new here or changed by the merge.
    pub changed: usize,
    /// The incident is new on this laptop.
    pub new: bool,
    /// A change in a format this inc does not know stopped the pull here.
    pub stopped: Option<String>,
}

impl Store {
    /// How this database is on a team, if it is.
    pub fn team(&self) -> Result<Option<Team>> {
        self.read(|conn| {
            let keys: BTreeMap<String, String> =
                state::with_prefix(conn, "team.")?.into_iter().collect();
            let Some(url) = keys.get(state::TEAM_URL).cloned() else {
                return Ok(None);
            };
            let number = |key: &str| keys.get(key).and_then(|v| v.parse::<i64>().ok());
            Ok(Some(Team {
                url,
                hub_id: keys.get(HUB_ID).cloned().unwrap_or_default(),
                writer: keys.get(state::TEAM_WRITER).is_some_and(|w| w == "1"),
                retry_after: number(RETRY_AFTER),
                failures: number(FAILURES).map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX)),
                pulled_at: number(PULLED_AT),
                last_error: keys.get(LAST_ERROR).cloned(),
            }))
        })
    }

    /// Puts this database on a team: makes the sync tables and triggers,
    /// and queues every record it holds, so the team gets its incidents.
    /// Returns how many incidents will be shared.
    pub fn join_team(&mut self, url: &str, hub_id: &str, writer: bool) -> Result<usize> {
        self.write_as("", Shared::SyncOnly, |tx| {
            if state::get(tx.conn, state::TEAM_URL)?.is_some() {
                return Err(UserError::new("this database is already on a team")
                    .hint("`inc team status` says which; `inc team leave` first to join another")
                    .into());
            }
            tx.conn.execute_batch(TABLES_SQL)?;
            tx.conn.execute_batch(&triggers_sql())?;
            // An observer's records could never be pushed.
            if writer {
                queue_everything(tx.conn)?;
            }
            state::set(tx.conn, state::TEAM_URL, url)?;
            state::set(tx.conn, HUB_ID, hub_id)?;
            state::set(tx.conn, state::TEAM_WRITER, if writer { "1" } else { "0" })?;
            let n: i64 = tx
                .conn
                .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        })
    }

    /// Takes this database off its team: drops the triggers, the queue
    /// and the cursors. What it pulled stays. Returns how many changes
    /// were still queued (and will now never be pushed).
    pub fn leave_team(&mut self) -> Result<usize> {
        self.write_as("", Shared::SyncOnly, |tx| {
            let queued = queued_count(tx.conn)?;
            for (table, _) in TABLES {
                for event in ["insert", "update"] {
                    tx.conn
                        .execute(&format!("DROP TRIGGER IF EXISTS sync_{table}_{event}"), [])?;
                }
            }
            tx.conn.execute_batch(
                "DROP TABLE IF EXISTS sync_outbox; DROP TABLE IF EXISTS sync_pushers; \
                 DELETE FROM sync_incidents;",
            )?;
            state::remove_prefix(tx.conn, "team.")?;
            Ok(queued)
        })
    }

    /// Remembers a failed call to the hub: no call again before
    /// `retry_after` (Unix milliseconds).
    pub fn hub_failed(&mut self, retry_after: i64, failures: u32, why: &str) -> Result<()> {
        self.write_as("", Shared::SyncOnly, |tx| {
            // Left the team meanwhile (another inc ran `inc team leave`).
            if state::get(tx.conn, state::TEAM_URL)?.is_none() {
                return Ok(());
            }
            state::set(tx.conn, RETRY_AFTER, &retry_after.to_string())?;
            state::set(tx.conn, FAILURES, &failures.to_string())?;
            state::set(tx.conn, LAST_ERROR, why)
        })
    }

    /// Remembers a call that got through (and, for a pull, when).
    pub fn hub_answered(&mut self, pulled_at: Option<i64>, writer: Option<bool>) -> Result<()> {
        self.write_as("", Shared::SyncOnly, |tx| {
            if state::get(tx.conn, state::TEAM_URL)?.is_none() {
                return Ok(());
            }
            for key in [RETRY_AFTER, FAILURES, LAST_ERROR] {
                tx.conn.execute("DELETE FROM state WHERE key = ?1", [key])?;
            }
            if let Some(at) = pulled_at {
                state::set(tx.conn, PULLED_AT, &at.to_string())?;
            }
            if let Some(writer) = writer {
                // An observer made a responder shares what it holds, as
                // joining as one would have.
                if writer && state::get(tx.conn, state::TEAM_WRITER)?.as_deref() == Some("0") {
                    queue_everything(tx.conn)?;
                }
                state::set(tx.conn, state::TEAM_WRITER, if writer { "1" } else { "0" })?;
            }
            Ok(())
        })
    }

    /// How many records wait to go to the hub.
    pub fn queued_count(&self) -> Result<usize> {
        self.read(queued_count)
    }

    /// Up to `limit` queued records as changes (and up to about
    /// `max_bytes` of them, but at least one), in the order to push them,
    /// and the last queue position read (to drop once the hub has them).
    pub fn queued(&self, limit: usize, max_bytes: usize) -> Result<(Vec<Change>, Option<i64>)> {
        self.snapshot(|store| {
            store.read(|conn| {
                let rows: Vec<(i64, String, i64)> = all(
                    conn,
                    "SELECT id, tbl, row_id FROM sync_outbox ORDER BY id LIMIT ?1",
                    [i64::try_from(limit).unwrap_or(i64::MAX)],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?;
                let mut last = None;
                let mut bytes = 0;
                let mut seen = HashSet::new();
                let mut incidents_seen: Vec<i64> = Vec::new();
                let mut found = Vec::new();
                for (id, tbl, row_id) in rows {
                    if !seen.insert((tbl.clone(), row_id)) {
                        last = Some(id);
                        continue;
                    }
                    let Some((incident, kind, record)) = record_json(conn, &tbl, row_id)? else {
                        last = Some(id);
                        continue;
                    };
                    if !found.is_empty() && bytes + record.len() > max_bytes {
                        break;
                    }
                    bytes += record.len();
                    last = Some(id);
                    if !incidents_seen.contains(&incident) {
                        incidents_seen.push(incident);
                    }
                    found.push((incident, kind, id, record));
                }
                // By incident, then a record before what names it.
                found.sort_by_key(|(incident, kind, id, _)| {
                    let place = incidents_seen.iter().position(|i| i == incident);
                    (place, push_rank(*kind), *id)
                });
                let mut heads: BTreeMap<i64, (String, bool)> = BTreeMap::new();
                let mut changes = Vec::new();
                for (incident, kind, _, record) in found {
                    let (uuid, security) = match heads.entry(incident) {
                        std::collections::btree_map::Entry::Occupied(e) => e.get().clone(),
                        std::collections::btree_map::Entry::Vacant(e) => e
                            .insert(
                                one(
                                    conn,
                                    "SELECT uuid, security FROM incidents WHERE id = ?1",
                                    [incident],
                                    |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)),
                                )?
                                .unwrap_or_default(),
                            )
                            .clone(),
                    };
                    changes.push(Change::new(uuid, kind, security, record));
                }
                Ok((changes, last))
            })
        })
    }

    /// The hub has every queued record up to position `last`: they leave
    /// the queue, and the incidents' team numbers are kept. Returns the
    /// incidents numbered for the first time: their local id and their
    /// team-wide number.
    pub fn pushed(
        &mut self,
        last: i64,
        changes: &[Change],
        pushed: &[Pushed],
    ) -> Result<Vec<(i64, i64)>> {
        self.write_as("", Shared::SyncOnly, |tx| {
            tx.conn
                .execute("DELETE FROM sync_outbox WHERE id <= ?1", [last])?;
            let mut numbered = Vec::new();
            for (change, place) in changes.iter().zip(pushed) {
                let Some(number) = place.number else {
                    continue;
                };
                let first = tx.conn.execute(
                    "INSERT INTO sync_incidents (uuid, number) VALUES (?1, ?2) \
                     ON CONFLICT (uuid) DO UPDATE SET number = excluded.number \
                     WHERE number IS NOT excluded.number",
                    rusqlite::params![change.incident, number],
                )? > 0;
                if first && let Some(id) = incidents::id_of(tx.conn, &change.incident)? {
                    numbered.push((id, number));
                }
            }
            Ok(numbered)
        })
    }

    /// The team-wide number of the incident with this UUID, once the hub
    /// has it.
    pub fn team_number(&self, uuid: &str) -> Result<Option<i64>> {
        self.read(|conn| {
            Ok(one(
                conn,
                "SELECT number FROM sync_incidents WHERE uuid = ?1",
                [uuid],
                |r| r.get::<_, Option<i64>>(0),
            )?
            .flatten())
        })
    }

    /// On a team: the database user who first pushed each entry of an
    /// incident, where it is not the entry's recorded author.
    pub fn pushers(&self, incident_id: i64) -> Result<std::collections::HashMap<String, String>> {
        if self.team()?.is_none() {
            return Ok(std::collections::HashMap::new());
        }
        self.read(|conn| {
            Ok(all(
                conn,
                "SELECT e.uuid, p.pushed_by FROM timeline_entries e \
                 JOIN sync_pushers p ON p.uuid = e.uuid \
                 WHERE e.incident_id = ?1 AND p.pushed_by <> e.author",
                [incident_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .into_iter()
            .collect())
        })
    }

    /// How far each incident's log has been pulled, by incident UUID.
    pub fn cursors(&self) -> Result<BTreeMap<String, i64>> {
        self.read(|conn| {
            Ok(
                all(conn, "SELECT uuid, cursor FROM sync_incidents", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .into_iter()
                .collect(),
            )
        })
    }

    /// Merges changes pulled from the hub into this database, in one
    /// transaction with the incident's cursor, by the same rules as an
    /// import; the changes are not queued to go back. A change in a
    /// format this inc does not know stops the pull there: the changes
    /// before it are taken, and the cursor stays before it.
    pub fn apply_pulled(
        &mut self,
        head: &Head,
        pulled: &[Pulled],
        now: DateTime<Utc>,
    ) -> Result<Applied> {
        self.write_as("", Shared::SyncOnly, |tx| apply(tx, head, pulled, now))
    }
}

/// Queues every record this database holds.
fn queue_everything(conn: &Connection) -> Result<()> {
    for (table, _) in TABLES {
        conn.execute(
            &format!(
                "INSERT INTO sync_outbox (tbl, row_id) SELECT '{table}', rowid FROM {table} \
                 ORDER BY rowid"
            ),
            [],
        )?;
    }
    Ok(())
}

fn queued_count(conn: &Connection) -> Result<usize> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM (SELECT DISTINCT tbl, row_id FROM sync_outbox)",
        [],
        |r| r.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The triggers that queue every change of a record.
fn triggers_sql() -> String {
    let mut sql = String::new();
    for (table, kind) in TABLES {
        let update = if *kind == RecordKind::Incident {
            format!("UPDATE OF {INCIDENT_RECORD}")
        } else {
            "UPDATE".to_string()
        };
        for (event, when) in [("insert", "INSERT".to_string()), ("update", update)] {
            sql.push_str(&format!(
                "CREATE TRIGGER IF NOT EXISTS sync_{table}_{event} AFTER {when} ON {table} BEGIN \
                 INSERT INTO sync_outbox (tbl, row_id) VALUES ('{table}', NEW.rowid); END;\n"
            ));
        }
    }
    sql
}

/// A queued row as a record: its incident's local id, its kind and its
/// JSON; None when the row is gone.
fn record_json(
    conn: &Connection,
    tbl: &str,
    row_id: i64,
) -> Result<Option<(i64, RecordKind, String)>> {
    fn of<T: Table>(conn: &Connection, row_id: i64) -> Result<Option<(i64, String)>> {
        let found = T::select(conn, &format!("{}.rowid = ?1", T::ALIAS), [row_id])?;
        found
            .into_iter()
            .next()
            .map(|(incident, record)| Ok((incident, serde_json::to_string(&record)?)))
            .transpose()
    }
    let Some(&(_, kind)) = TABLES.iter().find(|(t, _)| *t == tbl) else {
        return Ok(None);
    };
    let found = match kind {
        RecordKind::Incident => one(
            conn,
            &format!(
                "SELECT {} FROM incidents i WHERE i.rowid = ?1",
                incidents::COLUMNS
            ),
            [row_id],
            |r| Ok((r.get::<_, i64>(0)?, incidents::record(r)?)),
        )?
        .map(|(id, record)| Ok::<_, anyhow::Error>((id, serde_json::to_string(&record)?)))
        .transpose()?,
        RecordKind::Entry => of::<Entries>(conn, row_id)?,
        RecordKind::Task => of::<Tasks>(conn, row_id)?,
        RecordKind::Description => of::<Descriptions>(conn, row_id)?,
        RecordKind::Factor => of::<Factors>(conn, row_id)?,
        RecordKind::Action => of::<Actions>(conn, row_id)?,
        RecordKind::Lesson => of::<Lessons>(conn, row_id)?,
        RecordKind::ChecklistItem => of::<Checklist>(conn, row_id)?,
        RecordKind::UpdatePost => of::<UpdatePosts>(conn, row_id)?,
    };
    Ok(found.map(|(incident, json)| (incident, kind, json)))
}

fn apply(tx: &Tx<'_>, head: &Head, pulled: &[Pulled], now: DateTime<Utc>) -> Result<Applied> {
    let conn = tx.conn;
    let echo_after: i64 =
        conn.query_row("SELECT coalesce(max(id), 0) FROM sync_outbox", [], |r| {
            r.get(0)
        })?;
    let mut applied = Applied::default();
    let mut part = ExIncident {
        uuid: head.incident.clone(),
        ..ExIncident::default()
    };
    let mut has_head = false;
    let mut cursor = None;
    let mut pushers = Vec::new();
    for change in pulled {
        let kind = kind_named(&change.kind)
            .filter(|_| u32::try_from(change.format).is_ok_and(|f| f <= VERSION));
        let Some(kind) = kind else {
            applied.stopped = Some(format!(
                "change {} of incident #{} is a {} in format {}, which this inc does not know",
                change.seq, head.number, change.kind, change.format
            ));
            break;
        };
        let uuid = fold(&mut part, kind, &change.record, &mut has_head).map_err(|e| {
            UserError::new(format!(
                "change {} of incident #{} on the hub cannot be read: {e}",
                change.seq, head.number
            ))
        })?;
        pushers.push((uuid, change.pushed_by.clone()));
        cursor = Some(change.seq);
    }
    // The cursor moves to the last change received, never further: a
    // change this user could not see when pulling (an incident restricted
    // in between) must come once they may.
    let Some(cursor) = cursor else {
        return Ok(applied);
    };
    set_cursor(conn, head, cursor)?;
    let here = incidents::find(conn, &head.incident)?;
    if !has_head {
        let Some((_, record)) = &here else {
            return Err(UserError::new(format!(
                "the hub's log of incident #{} does not begin with the incident",
                head.number
            ))
            .into());
        };
        part.set_head(record);
    }
    let known = match &here {
        Some((id, _)) => known(conn, *id)?,
        None => Known::default(),
    };
    check_part(&mut part, &known, now).map_err(|e| {
        UserError::new(format!(
            "incident #{} on the hub holds a change inc cannot take: {e}",
            head.number
        ))
    })?;
    let doc = Document {
        format: FORMAT.into(),
        version: VERSION,
        schema: schema::current_version(),
        exported_at: String::new(),
        incidents: vec![part],
    };
    let merged = merge_document(tx, &doc)?;
    if let Some(m) = merged.first() {
        applied.new = m.new;
        applied.changed = m.added.iter().map(|(_, n)| n).sum::<usize>() + m.updated.len();
    }
    conn.execute("DELETE FROM sync_outbox WHERE id > ?1", [echo_after])?;
    for (uuid, by) in pushers {
        conn.execute(
            "INSERT INTO sync_pushers (uuid, pushed_by) VALUES (?1, ?2) \
             ON CONFLICT (uuid) DO NOTHING",
            [uuid, by],
        )?;
    }
    Ok(applied)
}

fn set_cursor(conn: &Connection, head: &Head, cursor: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_incidents (uuid, number, cursor) VALUES (?1, ?2, ?3) \
         ON CONFLICT (uuid) DO UPDATE SET number = excluded.number, cursor = excluded.cursor",
        rusqlite::params![head.incident, head.number, cursor],
    )?;
    Ok(())
}

/// Adds one pulled record to the part of an incident being gathered,
/// merged with an earlier copy of it in the same pull. Returns its UUID.
fn fold(
    part: &mut ExIncident,
    kind: RecordKind,
    json: &str,
    has_head: &mut bool,
) -> Result<String> {
    fn into<T: Record>(list: &mut Vec<T>, json: &str) -> Result<String> {
        let record: T = serde_json::from_str(json)?;
        let uuid = record.uuid().to_string();
        match list.iter_mut().find(|r| r.uuid() == uuid) {
            Some(earlier) => *earlier = merge(earlier, &record).record,
            None => list.push(record),
        }
        Ok(uuid)
    }
    match kind {
        RecordKind::Incident => {
            let record: ExIncident = serde_json::from_str(json)?;
            let record = if *has_head {
                merge(&part.head(), &record.head()).record
            } else {
                record.head()
            };
            *has_head = true;
            part.set_head(&record);
            Ok(record.uuid)
        }
        RecordKind::Entry => into(&mut part.timeline, json),
        RecordKind::Task => into(&mut part.tasks, json),
        RecordKind::Description => {
            let mut list: Vec<_> = part.description.take().into_iter().collect();
            let uuid = into(&mut list, json)?;
            part.description = list.pop();
            Ok(uuid)
        }
        RecordKind::Factor => into(&mut part.factors, json),
        RecordKind::Action => into(&mut part.actions, json),
        RecordKind::Lesson => into(&mut part.lessons, json),
        RecordKind::ChecklistItem => into(&mut part.checklist, json),
        RecordKind::UpdatePost => into(&mut part.update_posts, json),
    }
}

/// What this database holds of an incident that pulled records may name.
fn known(conn: &Connection, id: i64) -> Result<Known> {
    let uuids = |sql: &str| -> Result<HashSet<String>> {
        Ok(all(conn, sql, [id], |r| r.get(0))?.into_iter().collect())
    };
    Ok(Known {
        tasks: uuids("SELECT uuid FROM tasks WHERE incident_id = ?1")?,
        items: uuids("SELECT uuid FROM checklist_items WHERE incident_id = ?1")?,
        updates: uuids(
            "SELECT uuid FROM timeline_entries WHERE incident_id = ?1 AND kind = 'update'",
        )?,
        declared: uuids(
            "SELECT uuid FROM timeline_entries WHERE incident_id = ?1 AND kind = 'declared'",
        )?
        .into_iter()
        .next(),
    })
}
