//! The `actions` table: corrective action items, each field changed in
//! place with its own change clock. An item's status can go back to open,
//! so it is changed like its other fields.

use anyhow::Result;
use rusqlite::{Connection, Row, params};

use super::{Table, all, bad, changed_at, changed_to_sql, insert_sql, one, update_sql};
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

fn record(r: &Row<'_>) -> rusqlite::Result<ExAction> {
    Ok(ExAction {
        uuid: r.get(1)?,
        clock: r.get(3)?,
        body: r.get(4)?,
        owner: r.get(5)?,
        due: r.get(6)?,
        priority: r.get(7)?,
        action_type: r.get(8)?,
        status: r.get(9)?,
        closed_at: r.get(10)?,
        created_at: r.get(11)?,
        created_by: r.get(12)?,
        changed: changed_at(r, 13)?,
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

/// An action item's record by its number.
pub(crate) fn record_of(conn: &Connection, id: i64) -> Result<ExAction> {
    Ok(conn.query_row(
        &format!("SELECT {COLUMNS} FROM actions a WHERE a.id = ?1"),
        [id],
        record,
    )?)
}

pub(crate) struct Actions;

impl Table for Actions {
    type Record = ExAction;

    fn find(conn: &Connection, uuid: &str) -> Result<Option<(i64, ExAction)>> {
        one(
            conn,
            &format!("SELECT {COLUMNS} FROM actions a WHERE a.uuid = ?1"),
            [uuid],
            |r| Ok((r.get(2)?, record(r)?)),
        )
    }

    fn of_incident(conn: &Connection, incident_id: i64) -> Result<Vec<ExAction>> {
        all(
            conn,
            &format!("SELECT {COLUMNS} FROM actions a WHERE a.incident_id = ?1 ORDER BY {ORDER}"),
            [incident_id],
            record,
        )
    }

    fn insert(conn: &Connection, incident_id: i64, a: &ExAction) -> Result<()> {
        write(conn, &insert_sql("actions", &WRITTEN), incident_id, a)
    }

    fn update(conn: &Connection, incident_id: i64, a: &ExAction) -> Result<()> {
        write(conn, &update_sql("actions", &WRITTEN), incident_id, a)
    }
}

/// The columns a record is written to, its UUID first.
const WRITTEN: [&str; 13] = [
    "uuid",
    "incident_id",
    "clock",
    "body",
    "owner",
    "due",
    "priority",
    "type",
    "status",
    "closed_at",
    "created_at",
    "created_by",
    "changed",
];

/// Runs the INSERT or UPDATE `sql` of [`WRITTEN`] with a record's values.
fn write(conn: &Connection, sql: &str, incident_id: i64, a: &ExAction) -> Result<()> {
    conn.prepare_cached(sql)?.execute(params![
        a.uuid,
        incident_id,
        a.clock,
        a.body,
        a.owner,
        a.due,
        a.priority,
        a.action_type,
        a.status,
        a.closed_at,
        a.created_at,
        a.created_by,
        changed_to_sql(&a.changed),
    ])?;
    Ok(())
}
