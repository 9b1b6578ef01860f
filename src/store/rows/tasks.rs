//! The `tasks` table: the steps under way during an incident. A task's
//! text and owner are changed in place (each with its change clock); done
//! is set once.

use anyhow::Result;
use rusqlite::{Connection, params};

use super::models;
use crate::error::UserError;
use crate::model::Task;
use crate::model::exchange::ExTask;

/// A task's fields, read by name (see [`models`]; `t` is the table).
const TASK: &str = "id, uuid, incident_id, text = t.body, owner, created_at, created_by, \
    done_at, done_by";

/// In the order they were added, the same on every machine.
const ORDER: &str = "t.clock, t.uuid";

/// The tasks where `condition` (SQL over `t`) holds.
fn tasks<P: rusqlite::Params>(conn: &Connection, condition: &str, params: P) -> Result<Vec<Task>> {
    models(
        conn,
        "t",
        TASK,
        &format!("tasks t WHERE {condition}"),
        params,
    )
}

/// An incident's tasks in the order they were added; open ones only
/// unless `all_of_them`.
pub(crate) fn of(conn: &Connection, incident_id: i64, all_of_them: bool) -> Result<Vec<Task>> {
    tasks(
        conn,
        &format!("t.incident_id = ?1 AND (?2 OR t.done_at IS NULL) ORDER BY {ORDER}"),
        params![incident_id, all_of_them],
    )
}

/// A task by its number, or an error that names it.
pub(crate) fn load(conn: &Connection, id: i64) -> Result<Task> {
    tasks(conn, "t.id = ?1", [id])?.pop().ok_or_else(|| {
        UserError::new(format!("there is no task {id}"))
            .hint("`inc task list --all` shows every task of an incident")
            .into()
    })
}

/// A task by its UUID.
pub(crate) fn by_uuid(conn: &Connection, uuid: &str) -> Result<Option<Task>> {
    Ok(tasks(conn, "t.uuid = ?1", [uuid])?.pop())
}

table!(Tasks: ExTask, "tasks" "t", ORDER);
