//! The `actions` table: corrective action items, each field changed in
//! place with its own change clock. An item's status can go back to open,
//! so it is changed like its other fields.

use anyhow::Result;
use rusqlite::{Connection, Row};

use super::{bad, one};
use crate::error::UserError;
use crate::model::exchange::ExAction;
use crate::model::{Action, ActionStatus, ActionType, Priority};
use crate::store::{opt_date_at, opt_time_at, time_at};

/// The columns every query of action items selects, in this order (`a` is
/// the table).
pub(crate) const COLUMNS: &str = "a.id, a.uuid, a.incident_id, a.clock, a.body, a.owner, a.due, \
    a.priority, a.type, a.status, a.closed_at, a.created_at, a.created_by, a.changed";

/// In the order they were added, the same on every machine.
pub(crate) const ORDER: &str = "a.clock, a.uuid";

/// An action item as the model knows it, from a row of [`COLUMNS`].
pub(crate) fn action(r: &Row<'_>) -> rusqlite::Result<Action> {
    let priority: String = r.get(7)?;
    let action_type: Option<String> = r.get(8)?;
    let status: String = r.get(9)?;
    Ok(Action {
        id: r.get(0)?,
        uuid: r.get(1)?,
        incident_id: r.get(2)?,
        text: r.get(4)?,
        owner: r.get(5)?,
        due: opt_date_at(r, 6)?,
        priority: Priority::parse(&priority).map_err(|e| bad(7, e.to_string()))?,
        action_type: action_type
            .map(|t| ActionType::parse(&t).map_err(|e| bad(8, e.to_string())))
            .transpose()?,
        status: ActionStatus::parse(&status).map_err(|e| bad(9, e.to_string()))?,
        closed_at: opt_time_at(r, 10)?,
        created_at: time_at(r, 11)?,
        created_by: r.get(12)?,
    })
}

/// An action item by its number, or an error that names it.
pub(crate) fn load(conn: &Connection, id: i64) -> Result<Action> {
    one(
        conn,
        &format!("SELECT {COLUMNS} FROM actions a WHERE a.id = ?1"),
        [id],
        action,
    )?
    .ok_or_else(|| {
        UserError::new(format!("there is no action item {id}"))
            .hint("`inc actions` shows every action item")
            .into()
    })
}

table!(Actions: ExAction, "actions" "a", ORDER);
