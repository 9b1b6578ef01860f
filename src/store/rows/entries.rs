//! The `timeline_entries` table: every timestamped fact about an incident.
//! An entry is never deleted: a correction changes its text, time or
//! incident in place (and is itself an entry, of kind `correction`), and
//! striking it from the record marks it struck.

use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};

use super::{Table, all, bad, changed_at, changed_to_sql, one};
use crate::model::exchange::ExEntry;
use crate::model::ids::new_uuid;
use crate::model::{
    Audience, CommandRun, EntryKind, Field, NewEntry, Outcome, Struck, TimelineEntry,
};
use crate::store::{Tx, opt_time_at, time_at, time_to_sql};

/// The columns every query of entries selects, in this order (`e` is the
/// table).
pub(crate) const COLUMNS: &str = "id, uuid, incident_id, clock, kind, body, from_value, \
    to_value, target, field, event_at, recorded_at, author, key, private, audience, exit_code, \
    exit_signal, duration_ms, output, output_lines, struck_at, struck_by, struck_reason, changed, \
    actor";

/// Timeline order: when it happened, then when it was written (the change
/// clock), then the UUID. The same on every machine.
pub(crate) const ORDER: &str = "e.event_at, e.clock, e.uuid";
/// The same, newest first.
pub(crate) const NEWEST_FIRST: &str = "e.event_at DESC, e.clock DESC, e.uuid DESC";

/// The groups of an entry's `changed` that make it amended.
const AMENDING: [&str; 3] = ["text", "at", "incident"];

/// An entry as the model knows it, from a row of [`COLUMNS`].
pub(crate) fn entry(r: &Row<'_>) -> rusqlite::Result<TimelineEntry> {
    let kind: String = r.get(4)?;
    let kind = EntryKind::parse(&kind)
        .ok_or_else(|| bad(4, format!("unknown timeline entry kind {kind:?}")))?;
    let run = if kind == EntryKind::Command {
        let outcome = match (r.get::<_, Option<u8>>(16)?, r.get::<_, Option<i32>>(17)?) {
            (Some(code), None) => Outcome::Exited(code),
            (None, Some(sig)) => Outcome::Signalled(sig),
            _ => return Err(bad(16, "a command entry without one exit code or signal")),
        };
        let duration_ms: i64 = r
            .get::<_, Option<i64>>(18)?
            .ok_or_else(|| bad(18, "a command entry without its duration"))?;
        Some(CommandRun {
            outcome,
            duration_ms: u64::try_from(duration_ms).unwrap_or(0),
            output: r.get(19)?,
            output_lines: r
                .get::<_, Option<i64>>(20)?
                .map(|n| u64::try_from(n).unwrap_or(0)),
        })
    } else {
        None
    };
    let audience = match r.get::<_, Option<String>>(15)? {
        None => None,
        Some(a) => Some(
            Audience::parse(&a).ok_or_else(|| bad(15, format!("unknown update audience {a:?}")))?,
        ),
    };
    let struck = match (opt_time_at(r, 21)?, r.get::<_, Option<String>>(22)?) {
        (Some(at), Some(by)) => Some(Struck {
            at,
            by,
            reason: r.get::<_, Option<String>>(23)?.unwrap_or_default(),
        }),
        _ => None,
    };
    let changed = changed_at(r, 24)?;
    Ok(TimelineEntry {
        id: r.get(0)?,
        uuid: r.get(1)?,
        incident_id: r.get(2)?,
        clock: r.get(3)?,
        kind,
        text: r.get(5)?,
        from: r.get(6)?,
        to: r.get(7)?,
        target: r.get(8)?,
        field: r.get(9)?,
        event_at: time_at(r, 10)?,
        recorded_at: time_at(r, 11)?,
        author: r.get(12)?,
        key: r.get(13)?,
        private: r.get(14)?,
        audience,
        run,
        struck,
        amended: AMENDING.iter().any(|g| changed.contains_key(*g)),
        actor: r.get(25)?,
    })
}

/// The record of a new entry written now by `tx`'s author, with a new UUID
/// and the next change clock.
pub(crate) fn new_record(tx: &Tx<'_>, new: &NewEntry, run: Option<&CommandRun>) -> ExEntry {
    let (exit_code, exit_signal) = match run.map(|r| r.outcome) {
        Some(Outcome::Exited(code)) => (Some(i64::from(code)), None),
        Some(Outcome::Signalled(sig)) => (None, Some(i64::from(sig))),
        None => (None, None),
    };
    ExEntry {
        uuid: new_uuid(tx.now),
        clock: tx.tick(),
        kind: new.kind.as_str().to_string(),
        body: new.text.clone(),
        from_value: new.from.clone(),
        to_value: new.to.clone(),
        target: new.target.clone(),
        field: new.field.map(|f| f.as_str().to_string()),
        event_at: time_to_sql(new.event_at),
        recorded_at: time_to_sql(tx.now),
        author: tx.author.to_string(),
        key: new.key,
        private: new.private,
        audience: new.audience.map(|a| a.as_str().to_string()),
        exit_code,
        exit_signal,
        duration_ms: run.map(|r| i64::try_from(r.duration_ms).unwrap_or(i64::MAX)),
        output: run.and_then(|r| r.output.clone()),
        output_lines: run
            .and_then(|r| r.output_lines)
            .map(|n| i64::try_from(n).unwrap_or(i64::MAX)),
        struck_at: None,
        struck_by: None,
        struck_reason: None,
        actor: new.actor.clone(),
        changed: Default::default(),
    }
}

/// Writes a new entry on an incident, now, and returns it as stored.
pub(crate) fn add(tx: &Tx<'_>, incident_id: i64, new: &NewEntry) -> Result<TimelineEntry> {
    add_with_run(tx, incident_id, new, None)
}

/// [`add`], for a command `inc run` ran.
pub(crate) fn add_with_run(
    tx: &Tx<'_>,
    incident_id: i64,
    new: &NewEntry,
    run: Option<&CommandRun>,
) -> Result<TimelineEntry> {
    let record = new_record(tx, new, run);
    Entries::insert(tx.conn, incident_id, &record)?;
    Ok(TimelineEntry {
        id: tx.conn.last_insert_rowid(),
        uuid: record.uuid,
        incident_id,
        kind: new.kind,
        text: new.text.clone(),
        from: new.from.clone(),
        to: new.to.clone(),
        event_at: new.event_at,
        recorded_at: tx.now,
        author: tx.author.to_string(),
        key: new.key,
        private: new.private,
        audience: new.audience,
        run: run.cloned(),
        clock: record.clock,
        target: new.target.clone(),
        field: new.field.map(|f| f.as_str().to_string()),
        struck: None,
        amended: false,
        actor: new.actor.clone(),
    })
}

/// One entry by its local id.
pub(crate) fn by_id(conn: &Connection, id: i64) -> Result<Option<TimelineEntry>> {
    one(
        conn,
        &format!("SELECT {COLUMNS} FROM timeline_entries e WHERE e.id = ?1"),
        [id],
        entry,
    )
}

/// Every entry matching `condition` (SQL over `e`, with `params`), in
/// timeline order. SQLite reads them in the order of its index (time, then
/// change clock); the UUID, which orders the rare entries of one moment
/// with one clock (written on two machines at once), is sorted here, in
/// one pass over entries already in order, rather than by SQLite for every
/// entry.
pub(crate) fn select<P: rusqlite::Params>(
    conn: &Connection,
    condition: &str,
    params: P,
) -> Result<Vec<TimelineEntry>> {
    let mut found = all(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM timeline_entries e WHERE {condition} \
             ORDER BY e.event_at, e.clock"
        ),
        params,
        entry,
    )?;
    found.sort_by(in_timeline_order);
    Ok(found)
}

/// Timeline order: [`ORDER`], on entries read.
fn in_timeline_order(a: &TimelineEntry, b: &TimelineEntry) -> std::cmp::Ordering {
    (a.event_at, &a.clock, &a.uuid).cmp(&(b.event_at, &b.clock, &b.uuid))
}

/// When the latest of an incident's entries matching `condition` (SQL over
/// `e`) happened, if it has any.
pub(crate) fn latest_event(
    conn: &Connection,
    incident_id: i64,
    condition: &str,
) -> Result<Option<DateTime<Utc>>> {
    Ok(one(
        conn,
        &format!(
            "SELECT max(e.event_at) FROM timeline_entries e WHERE e.incident_id = ?1 AND {condition}"
        ),
        [incident_id],
        |r| opt_time_at(r, 0),
    )?
    .flatten())
}

/// An incident's entries of some kinds (not struck), in timeline order.
/// Found through the index by kind and put in order here: an ORDER BY
/// would lead SQLite to read the whole timeline in order instead, and the
/// changes of state are few even on a long one.
pub(crate) fn of_kinds(
    conn: &Connection,
    incident_id: i64,
    kinds: &[EntryKind],
) -> Result<Vec<TimelineEntry>> {
    let names: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.as_str())).collect();
    let mut found = all(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM timeline_entries e \
             WHERE e.incident_id = ?1 AND e.kind IN ({}) AND e.struck_at IS NULL",
            names.join(", ")
        ),
        [incident_id],
        entry,
    )?;
    found.sort_by(in_timeline_order);
    Ok(found)
}

/// The entries that tell an incident's state (not struck), in timeline
/// order: what [`crate::model::IncidentState`] is made from.
pub(crate) fn state_entries(conn: &Connection, incident_id: i64) -> Result<Vec<TimelineEntry>> {
    of_kinds(conn, incident_id, &EntryKind::STATE)
}

/// Sets an entry's change clock for `group` (see
/// [`crate::model::exchange::Rule`]) along with the change.
pub(crate) fn set_changed(conn: &Connection, id: i64, group: &str, clock: &str) -> Result<()> {
    let changed: Option<String> = one(
        conn,
        "SELECT changed FROM timeline_entries WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?
    .flatten();
    let mut map: crate::model::exchange::Changed = match changed {
        Some(text) => serde_json::from_str(&text)?,
        None => Default::default(),
    };
    map.insert(group.to_string(), clock.to_string());
    conn.prepare_cached("UPDATE timeline_entries SET changed = ?2 WHERE id = ?1")?
        .execute(params![id, changed_to_sql(&map)])?;
    Ok(())
}

/// Changes an entry's text.
pub(crate) fn set_text(tx: &Tx<'_>, id: i64, text: &str) -> Result<String> {
    let clock = tx.tick();
    tx.conn
        .prepare_cached("UPDATE timeline_entries SET body = ?2 WHERE id = ?1")?
        .execute(params![id, text])?;
    set_changed(tx.conn, id, "text", &clock)?;
    Ok(clock)
}

/// Changes when an entry's event happened.
pub(crate) fn set_time(tx: &Tx<'_>, id: i64, at: DateTime<Utc>) -> Result<()> {
    let clock = tx.tick();
    tx.conn
        .prepare_cached("UPDATE timeline_entries SET event_at = ?2 WHERE id = ?1")?
        .execute(params![id, time_to_sql(at)])?;
    set_changed(tx.conn, id, "at", &clock)
}

/// Marks an entry a key moment or private (`field`: `key` or `private`),
/// or takes the mark off.
pub(crate) fn set_mark(tx: &Tx<'_>, id: i64, field: Field, on: bool) -> Result<()> {
    let column = match field {
        Field::Key => "key",
        Field::Private => "private",
        _ => unreachable!("only key and private are marks"),
    };
    let clock = tx.tick();
    tx.conn
        .prepare_cached(&format!(
            "UPDATE timeline_entries SET {column} = ?2 WHERE id = ?1"
        ))?
        .execute(params![id, on])?;
    set_changed(tx.conn, id, column, &clock)
}

/// Moves an entry to another incident.
pub(crate) fn set_incident(tx: &Tx<'_>, id: i64, incident_id: i64) -> Result<()> {
    let clock = tx.tick();
    tx.conn
        .prepare_cached("UPDATE timeline_entries SET incident_id = ?2 WHERE id = ?1")?
        .execute(params![id, incident_id])?;
    set_changed(tx.conn, id, "incident", &clock)
}

/// Strikes an entry from the record, with the reason.
pub(crate) fn strike(tx: &Tx<'_>, id: i64, reason: &str) -> Result<()> {
    let clock = tx.tick();
    tx.conn
        .prepare_cached(
            "UPDATE timeline_entries SET struck_at = ?2, struck_by = ?3, struck_reason = ?4 \
             WHERE id = ?1",
        )?
        .execute(params![id, time_to_sql(tx.now), tx.author, reason])?;
    set_changed(tx.conn, id, "struck", &clock)
}

table!(Entries: ExEntry, "timeline_entries" "e", ORDER, flags &["key", "private"]);
