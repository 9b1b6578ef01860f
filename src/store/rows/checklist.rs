//! The `checklist_items` table: a security incident's duties, each done
//! once. An item's number is its place in the list when it was added; two
//! machines may add different items under one number, so the list is read
//! by number, then by when each was added.

use anyhow::Result;
use rusqlite::{Connection, Row};

use super::all;
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

/// The number the next item added to an incident's checklist gets.
pub(crate) fn next_position(conn: &Connection, incident_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM checklist_items WHERE incident_id = ?1",
        [incident_id],
        |r| r.get(0),
    )?)
}

table!(Checklist: ExChecklistItem, "checklist_items" "c", ORDER);
