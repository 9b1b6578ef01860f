//! In-incident tasks: the steps under way, added, changed and done on the
//! timeline.

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::rows::Table;
use super::rows::entries;
use super::rows::incidents;
use super::rows::tasks::{self, Tasks};
use super::{Store, names};
use crate::error::UserError;
use crate::model::exchange::ExTask;
use crate::model::ids::new_uuid;
use crate::model::{EntryKind, Field, Incident, IncidentRef, NewEntry, Task};
use crate::store::{Tx, time_to_sql};

/// A change to a task already recorded.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskChange {
    /// New text.
    Text(String),
    /// A new owner, or none.
    Owner(Option<String>),
}

impl Store {
    /// An incident's tasks in the order they were added; open ones only
    /// unless `all`.
    pub fn tasks(&self, incident_id: i64, all: bool) -> Result<Vec<Task>> {
        self.read(|conn| named(conn, tasks::of(conn, incident_id, all)?))
    }

    /// Adds a task, with a task entry on the timeline at `at` (now if
    /// None).
    pub fn add_task(
        &mut self,
        which: IncidentRef,
        author: &str,
        text: &str,
        owner: Option<&str>,
        at: Option<DateTime<Utc>>,
    ) -> Result<(Incident, Task)> {
        self.write(author, |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            let incident = incidents::load(tx.conn, id)?;
            let at = at.unwrap_or(tx.now);
            let record = ExTask {
                uuid: new_uuid(tx.now),
                clock: tx.tick(),
                body: text.to_string(),
                owner: owner.map(String::from),
                created_at: time_to_sql(at),
                created_by: tx.author.to_string(),
                done_at: None,
                done_by: None,
                changed: Default::default(),
            };
            Tasks::insert(tx.conn, id, &record)?;
            let entry = NewEntry {
                to: owner.map(String::from),
                target: Some(record.uuid.clone()),
                ..NewEntry::of(EntryKind::Task, text.to_string(), at)
            };
            entries::add(tx, id, &entry)?;
            let task = tasks::by_uuid(tx.conn, &record.uuid)?
                .ok_or_else(|| anyhow::anyhow!("the task just added is not there"))?;
            Ok((incident, one_named(tx.conn, task)?))
        })
    }

    /// Marks a task of the incident `which` done at `at` (now if None),
    /// with a task-done entry on the timeline. `check` sees the task and
    /// the time, and may refuse. A task of another incident is refused:
    /// task numbers are shared by all incidents, and a typo must not close
    /// someone else's step. `typed` names the task as people do (see
    /// [`task_id`]).
    pub fn complete_task(
        &mut self,
        which: IncidentRef,
        typed: &str,
        author: &str,
        at: Option<DateTime<Utc>>,
    ) -> Result<(Incident, Task)> {
        self.write(author, |tx| {
            let task_id = task_id(tx, which, typed)?;
            let task = own_task(tx, which, task_id, typed, "finish")?;
            if let Some(done_by) = &task.done_by {
                return Err(
                    UserError::new(format!("task {typed} is already done (by {done_by})"))
                        .hint("`inc task list --all` shows every task")
                        .into(),
                );
            }
            let at = at.unwrap_or(tx.now);
            if at < task.created_at {
                return Err(UserError::new(format!(
                    "task {typed} would be done before it was added"
                ))
                .hint("give a --at time after the task was added, or add it with --at too")
                .into());
            }
            let mut record = tasks::Tasks::by_id(tx.conn, task_id)?;
            record.done_at = Some(time_to_sql(at));
            record.done_by = Some(tx.author.to_string());
            record.changed.insert("done".into(), tx.tick());
            Tasks::update(tx.conn, task.incident_id, &record)?;
            let entry = NewEntry {
                target: Some(task.uuid.clone()),
                ..NewEntry::of(EntryKind::TaskDone, task.text.clone(), at)
            };
            entries::add(tx, task.incident_id, &entry)?;
            Ok((
                incidents::load(tx.conn, task.incident_id)?,
                one_named(tx.conn, tasks::load(tx.conn, task_id)?)?,
            ))
        })
    }

    /// Changes a task's text or owner, with a correction entry on the
    /// timeline saying what it was. Returns the task as it is now, or None
    /// when it already was so.
    pub fn change_task(
        &mut self,
        which: IncidentRef,
        typed: &str,
        author: &str,
        change: &TaskChange,
    ) -> Result<(Incident, Option<Task>)> {
        self.write(author, |tx| {
            let task_id = task_id(tx, which, typed)?;
            let task = own_task(tx, which, task_id, typed, "change")?;
            let incident = incidents::load(tx.conn, task.incident_id)?;
            let mut record = tasks::Tasks::by_id(tx.conn, task_id)?;
            let (field, from, to) = match change {
                TaskChange::Text(text) if *text != task.text => {
                    record.body.clone_from(text);
                    (Field::Text, Some(task.text.clone()), Some(text.clone()))
                }
                // Names compare without case, as everywhere.
                TaskChange::Owner(owner)
                    if !matches!((owner, &task.owner), (Some(a), Some(b)) if crate::model::same_person(a, b))
                        && *owner != task.owner =>
                {
                    record.owner.clone_from(owner);
                    (Field::Owner, task.owner.clone(), owner.clone())
                }
                _ => return Ok((incident, None)),
            };
            record.changed.insert(field.as_str().into(), tx.tick());
            Tasks::update(tx.conn, task.incident_id, &record)?;
            let entry = NewEntry::correction(&task.uuid, field, from, to, String::new(), tx.now);
            entries::add(tx, task.incident_id, &entry)?;
            Ok((
                incident,
                Some(one_named(tx.conn, tasks::load(tx.conn, task_id)?)?),
            ))
        })
    }
}

/// The local id of the task `typed` names (see [`super::names`]), among
/// the tasks of the incident `which` names (or any, if none is current).
fn task_id(tx: &Tx<'_>, which: IncidentRef, typed: &str) -> Result<i64> {
    let within = incidents::resolve(tx.conn, which).ok();
    names::resolve(tx, &names::TASKS, within, typed)
}

/// Tasks with their refs, on a team.
fn named(conn: &rusqlite::Connection, list: Vec<Task>) -> Result<Vec<Task>> {
    names::name_all(
        conn,
        &names::TASKS,
        list,
        |t| (t.incident_id, t.uuid.as_str()),
        |t, reference| t.reference = reference,
    )
}

fn one_named(conn: &rusqlite::Connection, task: Task) -> Result<Task> {
    Ok(named(conn, vec![task])?.pop().expect("the task given"))
}

/// Task `task_id`, refused unless it belongs to the incident `which` names
/// (when it names one).
fn own_task(
    tx: &Tx<'_>,
    which: IncidentRef,
    task_id: i64,
    typed: &str,
    verb: &str,
) -> Result<Task> {
    let task = tasks::load(tx.conn, task_id)?;
    let id = match which {
        IncidentRef::Current | IncidentRef::Viewing => {
            incidents::resolve(tx.conn, which).unwrap_or(task.incident_id)
        }
        named => incidents::resolve(tx.conn, named)?,
    };
    if id != task.incident_id {
        let (on, not_on) = (
            incidents::load(tx.conn, task.incident_id)?.number,
            incidents::load(tx.conn, id)?.number,
        );
        return Err(UserError::new(format!(
            "task {} belongs to {on}, not {not_on}",
            typed.trim()
        ))
        .hint(format!("to {verb} it anyway, add -i {}", on.bare()))
        .into());
    }
    Ok(task)
}
