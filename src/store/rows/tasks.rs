//! The `tasks` table: the steps under way during an incident. A task's
//! text and owner are changed in place (each with its change clock); done
//! is set once.

use anyhow::Result;
use rusqlite::{Connection, Row, params};

use super::{all, one};
use crate::error::UserError;
use crate::model::Task;
use crate::model::exchange::ExTask;
use crate::store::{opt_time_at, time_at};

/// The columns every query of tasks selects, in this order (`t` is the
/// table).
const COLUMNS: &str = "t.id, t.uuid, t.incident_id, t.clock, t.body, t.owner, t.created_at, \
    t.created_by, t.done_at, t.done_by, t.changed";

/// In the order they were added, the same on every machine.
const ORDER: &str = "t.clock, t.uuid";

fn task(r: &Row<'_>) -> rusqlite::Result<Task> {
    Ok(Task {
        id: r.get(0)?,
        uuid: r.get(1)?,
        incident_id: r.get(2)?,
        text: r.get(4)?,
        owner: r.get(5)?,
        created_at: time_at(r, 6)?,
        created_by: r.get(7)?,
        done_at: opt_time_at(r, 8)?,
        done_by: r.get(9)?,
    })
}

/// An incident's tasks in the order they were added; open ones only
/// unless `all_of_them`.
pub(crate) fn of(conn: &Connection, incident_id: i64, all_of_them: bool) -> Result<Vec<Task>> {
    all(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM tasks t WHERE t.incident_id = ?1 \
             AND (?2 OR t.done_at IS NULL) ORDER BY {ORDER}"
        ),
        params![incident_id, all_of_them],
        task,
    )
}

/// A task by its number, or an error that names it.
pub(crate) fn load(conn: &Connection, id: i64) -> Result<Task> {
    one(
        conn,
        &format!("SELECT {COLUMNS} FROM tasks t WHERE t.id = ?1"),
        [id],
        task,
    )?
    .ok_or_else(|| {
        UserError::new(format!("there is no task {id}"))
            .hint("`inc task list --all` shows every task of an incident")
            .into()
    })
}

/// A task by its UUID.
pub(crate) fn by_uuid(conn: &Connection, uuid: &str) -> Result<Option<Task>> {
    one(
        conn,
        &format!("SELECT {COLUMNS} FROM tasks t WHERE t.uuid = ?1"),
        [uuid],
        task,
    )
}

table!(Tasks: ExTask, "tasks" "t", ORDER);
