//! In-incident tasks: the steps under way, added and done on the timeline.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::incidents::{load, resolve};
use super::timeline::insert_entry;
use super::{Stamp, Store, new_uuid, opt_time_at, time_at, time_to_sql};
use crate::error::UserError;
use crate::model::{EntryKind, Incident, IncidentRef, NewEntry, Task};

const COLUMNS: &str =
    "id, uuid, incident_id, body, owner, created_at, created_by, done_at, done_by";

impl Store {
    /// An incident's tasks in the order they were added; open ones only
    /// unless `all`.
    pub fn tasks(&self, incident_id: i64, all: bool) -> Result<Vec<Task>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!(
                "SELECT {COLUMNS} FROM tasks WHERE incident_id = ?1 \
                 AND (?2 OR done_at IS NULL) ORDER BY id"
            ))?;
            let rows = stmt.query_map(params![incident_id, all], task_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Adds a task, with a task entry on the timeline.
    pub fn add_task(
        &mut self,
        which: IncidentRef,
        stamp: &Stamp,
        text: &str,
        owner: Option<&str>,
    ) -> Result<(Incident, Task)> {
        self.write(|tx| {
            let id = resolve(tx, which)?;
            let incident = load(tx, id)?;
            let uuid = new_uuid(stamp.now);
            tx.execute(
                "INSERT INTO tasks (uuid, incident_id, body, owner, created_at, created_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![uuid, id, text, owner, time_to_sql(stamp.now), stamp.author],
            )?;
            let task = load_task(tx, tx.last_insert_rowid())?;
            let entry = NewEntry {
                kind: EntryKind::Task,
                text: text.to_string(),
                from: Some(task.id.to_string()),
                to: owner.map(String::from),
                event_at: stamp.now,
                key: false,
                private: false,
                audience: None,
            };
            insert_entry(tx, id, &entry, stamp)?;
            Ok((incident, task))
        })
    }

    /// Marks a task of the incident `which` done, with a task-done entry on
    /// the timeline. A task of another incident is refused: task numbers
    /// are shared by all incidents, and a typo must not close someone
    /// else's step.
    pub fn complete_task(
        &mut self,
        which: IncidentRef,
        task_id: i64,
        stamp: &Stamp,
    ) -> Result<(Incident, Task)> {
        self.write(|tx| {
            let task = load_task(tx, task_id)?;
            let id = match which {
                IncidentRef::Id(id) => id,
                _ => resolve(tx, which).unwrap_or(task.incident_id),
            };
            if id != task.incident_id {
                return Err(UserError::new(format!(
                    "task {task_id} belongs to #{}, not #{id}",
                    task.incident_id
                ))
                .hint(format!("to finish it anyway, add -i {}", task.incident_id))
                .into());
            }
            if let Some(done_by) = &task.done_by {
                return Err(UserError::new(format!(
                    "task {task_id} is already done (by {done_by})"
                ))
                .hint("`inc task list --all` shows every task")
                .into());
            }
            tx.execute(
                "UPDATE tasks SET done_at = ?2, done_by = ?3 WHERE id = ?1",
                params![task_id, time_to_sql(stamp.now), stamp.author],
            )?;
            let entry = NewEntry {
                kind: EntryKind::TaskDone,
                text: task.text.clone(),
                from: Some(task_id.to_string()),
                to: None,
                event_at: stamp.now,
                key: false,
                private: false,
                audience: None,
            };
            insert_entry(tx, task.incident_id, &entry, stamp)?;
            Ok((load(tx, task.incident_id)?, load_task(tx, task_id)?))
        })
    }
}

fn load_task(conn: &Connection, id: i64) -> Result<Task> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM tasks WHERE id = ?1"),
        [id],
        task_from_row,
    )
    .optional()?
    .ok_or_else(|| {
        UserError::new(format!("there is no task {id}"))
            .hint("`inc task list --all` shows every task of an incident")
            .into()
    })
}

fn task_from_row(r: &Row<'_>) -> rusqlite::Result<Task> {
    Ok(Task {
        id: r.get(0)?,
        uuid: r.get(1)?,
        incident_id: r.get(2)?,
        text: r.get(3)?,
        owner: r.get(4)?,
        created_at: time_at(r, 5)?,
        created_by: r.get(6)?,
        done_at: opt_time_at(r, 7)?,
        done_by: r.get(8)?,
    })
}
