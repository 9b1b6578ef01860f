//! The `checklist_items` table: a security incident's duties, each done
//! once. An item's number is its place in the list when it was added; two
//! machines may add different items under one number, so the list is read
//! by number, then by when each was added.

use anyhow::Result;
use rusqlite::Connection;

use super::{Table, models};
use crate::model::exchange::ExChecklistItem;
use crate::model::{ChecklistItem, NewChecklistItem};
use crate::store::{Tx, time_to_sql};

/// An item's fields, read by name (see [`models`]; `c` is the table).
const ITEM: &str = "id, uuid, incident_id, position, area, body, created_at, created_by, \
    done_at, done_by, note";

/// By number, then in the order added: the same on every machine.
const ORDER: &str = "c.position, c.clock, c.uuid";

/// An incident's checklist, in order. Each item's `position` is its
/// number in this list (from 1), which is the number it was added with
/// unless two machines added items under one number.
pub(crate) fn of(conn: &Connection, incident_id: i64) -> Result<Vec<ChecklistItem>> {
    let mut items: Vec<ChecklistItem> = models(
        conn,
        "c",
        ITEM,
        &format!("checklist_items c WHERE c.incident_id = ?1 ORDER BY {ORDER}"),
        [incident_id],
    )?;
    for (n, item) in (1..).zip(items.iter_mut()) {
        item.position = n;
    }
    Ok(items)
}

/// Adds an item at the end of an incident's checklist, now, by `tx`'s
/// author; `uuid` makes its UUID from its number.
pub(crate) fn add(
    tx: &Tx<'_>,
    incident_id: i64,
    item: &NewChecklistItem,
    uuid: impl FnOnce(i64) -> String,
) -> Result<ExChecklistItem> {
    let position = next_position(tx.conn, incident_id)?;
    let record = ExChecklistItem {
        uuid: uuid(position),
        clock: tx.tick(),
        position,
        area: item.area.clone(),
        body: item.body.clone(),
        created_at: time_to_sql(tx.now),
        created_by: tx.author.to_string(),
        done_at: None,
        done_by: None,
        note: None,
        changed: Default::default(),
    };
    Checklist::insert(tx.conn, incident_id, &record)?;
    Ok(record)
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
