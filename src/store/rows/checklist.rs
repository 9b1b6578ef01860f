//! The `checklist_items` table: a security incident's duties, each done
//! once. An item's number is its place in the list when it was added; two
//! machines may add different items under one number, so the list is read
//! by number, then by when each was added.

use anyhow::Result;
use rusqlite::{Connection, Row, params};

use super::{Table, all, changed_at, changed_to_sql, insert_sql, one, update_sql};
use crate::model::ChecklistItem;
use crate::model::exchange::ExChecklistItem;
use crate::store::{opt_time_at, time_at};

const COLUMNS: &str = "c.id, c.uuid, c.incident_id, c.clock, c.position, c.area, c.body, \
    c.created_at, c.created_by, c.done_at, c.done_by, c.note, c.changed";

/// By number, then in the order added: the same on every machine.
const ORDER: &str = "c.position, c.clock, c.uuid";

fn item(r: &Row<'_>) -> rusqlite::Result<ChecklistItem> {
    Ok(ChecklistItem {
        id: r.get(0)?,
        uuid: r.get(1)?,
        incident_id: r.get(2)?,
        position: r.get(4)?,
        area: r.get(5)?,
        body: r.get(6)?,
        created_at: time_at(r, 7)?,
        created_by: r.get(8)?,
        done_at: opt_time_at(r, 9)?,
        done_by: r.get(10)?,
        note: r.get(11)?,
    })
}

fn record(r: &Row<'_>) -> rusqlite::Result<ExChecklistItem> {
    Ok(ExChecklistItem {
        uuid: r.get(1)?,
        clock: r.get(3)?,
        position: r.get(4)?,
        area: r.get(5)?,
        body: r.get(6)?,
        created_at: r.get(7)?,
        created_by: r.get(8)?,
        done_at: r.get(9)?,
        done_by: r.get(10)?,
        note: r.get(11)?,
        changed: changed_at(r, 12)?,
    })
}

/// An incident's checklist, in order. Each item's `position` is its
/// number in this list (from 1), which is the number it was added with
/// unless two machines added items under one number.
pub(crate) fn of(conn: &Connection, incident_id: i64) -> Result<Vec<ChecklistItem>> {
    let mut items = all(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM checklist_items c WHERE c.incident_id = ?1 ORDER BY {ORDER}"
        ),
        [incident_id],
        item,
    )?;
    for (n, item) in (1..).zip(items.iter_mut()) {
        item.position = n;
    }
    Ok(items)
}

/// An item's record by its UUID.
pub(crate) fn record_by_uuid(conn: &Connection, uuid: &str) -> Result<Option<ExChecklistItem>> {
    one(
        conn,
        &format!("SELECT {COLUMNS} FROM checklist_items c WHERE c.uuid = ?1"),
        [uuid],
        record,
    )
}

/// The number the next item added to an incident's checklist gets.
pub(crate) fn next_position(conn: &Connection, incident_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM checklist_items WHERE incident_id = ?1",
        [incident_id],
        |r| r.get(0),
    )?)
}

pub(crate) struct Checklist;

impl Table for Checklist {
    type Record = ExChecklistItem;

    fn find(conn: &Connection, uuid: &str) -> Result<Option<(i64, ExChecklistItem)>> {
        one(
            conn,
            &format!("SELECT {COLUMNS} FROM checklist_items c WHERE c.uuid = ?1"),
            [uuid],
            |r| Ok((r.get(2)?, record(r)?)),
        )
    }

    fn of_incident(conn: &Connection, incident_id: i64) -> Result<Vec<ExChecklistItem>> {
        all(
            conn,
            &format!(
                "SELECT {COLUMNS} FROM checklist_items c WHERE c.incident_id = ?1 ORDER BY {ORDER}"
            ),
            [incident_id],
            record,
        )
    }

    fn insert(conn: &Connection, incident_id: i64, c: &ExChecklistItem) -> Result<()> {
        write(
            conn,
            &insert_sql("checklist_items", &WRITTEN),
            incident_id,
            c,
        )
    }

    fn update(conn: &Connection, incident_id: i64, c: &ExChecklistItem) -> Result<()> {
        write(
            conn,
            &update_sql("checklist_items", &WRITTEN),
            incident_id,
            c,
        )
    }
}

/// The columns a record is written to, its UUID first.
const WRITTEN: [&str; 12] = [
    "uuid",
    "incident_id",
    "clock",
    "position",
    "area",
    "body",
    "created_at",
    "created_by",
    "done_at",
    "done_by",
    "note",
    "changed",
];

/// Runs the INSERT or UPDATE `sql` of [`WRITTEN`] with a record's values.
fn write(conn: &Connection, sql: &str, incident_id: i64, c: &ExChecklistItem) -> Result<()> {
    conn.prepare_cached(sql)?.execute(params![
        c.uuid,
        incident_id,
        c.clock,
        c.position,
        c.area,
        c.body,
        c.created_at,
        c.created_by,
        c.done_at,
        c.done_by,
        c.note,
        changed_to_sql(&c.changed),
    ])?;
    Ok(())
}
