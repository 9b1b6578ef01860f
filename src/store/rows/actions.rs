//! The `actions` table: corrective action items, each field changed in
//! place with its own change clock. An item's status can go back to open,
//! so it is changed like its other fields.

use anyhow::Result;
use rusqlite::Connection;

use super::models;
use crate::error::UserError;
use crate::model::Action;
use crate::model::exchange::ExAction;

/// An action item's fields, read by name (see [`models`]; `a` is the
/// table).
pub(crate) const ACTION: &str = "id, uuid, incident_id, text = a.body, owner, due, priority, \
    action_type = a.type, status, closed_at, created_at, created_by, link";

/// In the order they were added, the same on every machine.
pub(crate) const ORDER: &str = "a.clock, a.uuid";

/// An action item by its number, or an error that names it.
pub(crate) fn load(conn: &Connection, id: i64) -> Result<Action> {
    models::<Action, _>(conn, "a", ACTION, "actions a WHERE a.id = ?1", [id])?
        .pop()
        .ok_or_else(|| {
            UserError::new(format!("there is no action item {id}"))
                .hint("`inc actions` shows every action item")
                .into()
        })
}

table!(Actions: ExAction, "actions" "a", ORDER);
