//! The review's material: description, contributing factors, corrective
//! action items and lessons.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::incidents::{load, resolve};
use super::{Stamp, Store, new_uuid, opt_date_at, opt_time_at, time_at, time_to_sql};
use crate::error::UserError;
use crate::model::{
    Action, ActionStatus, ActionType, Description, Factor, FactorKind, Incident, IncidentRef,
    Lesson, LessonKind, Priority, Scope,
};

/// Which action items `inc action list` shows.
#[derive(Debug, Clone, Default)]
pub struct ActionFilter {
    /// Only this incident's (None: every incident's).
    pub incident: Option<i64>,
    pub open_only: bool,
    /// Only open items due before this day.
    pub overdue_on: Option<NaiveDate>,
    pub owner: Option<String>,
    /// Only items due before this day.
    pub due_before: Option<NaiveDate>,
}

/// A new action item.
#[derive(Debug, Clone)]
pub struct NewAction {
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub priority: Priority,
    pub action_type: Option<ActionType>,
}

pub(super) const ACTION_COLUMNS: &str = "id, uuid, incident_id, body, owner, due, priority, type, status, \
                              created_at, created_by, closed_at";

impl Store {
    /// The incident's description (empty parts when none is written yet).
    pub fn description(&self, incident_id: i64) -> Result<Description> {
        self.read(|conn| read_description(conn, incident_id))
    }

    /// Sets the parts of the description that `patch` has, keeping the rest.
    pub fn describe(
        &mut self,
        which: IncidentRef,
        stamp: &Stamp,
        patch: &Description,
    ) -> Result<(Incident, Description)> {
        self.write(|tx| {
            let id = resolve(tx, which)?;
            let incident = load(tx, id)?;
            let old = read_description(tx, id)?;
            let new = Description {
                summary: patch.summary.clone().or(old.summary),
                impact: patch.impact.clone().or(old.impact),
                scope: patch.scope.or(old.scope),
                detection: patch.detection.clone().or(old.detection),
            };
            tx.execute(
                "INSERT INTO descriptions \
                 (incident_id, uuid, summary, impact, scope, detection, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
                 ON CONFLICT (incident_id) DO UPDATE SET summary = excluded.summary, \
                 impact = excluded.impact, scope = excluded.scope, detection = excluded.detection, \
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                params![
                    id,
                    new_uuid(stamp.now),
                    new.summary,
                    new.impact,
                    new.scope.map(Scope::as_str),
                    new.detection,
                    time_to_sql(stamp.now),
                    stamp.author
                ],
            )?;
            Ok((incident, new))
        })
    }

    /// The incident's contributing factors, in the order they were added.
    pub fn factors(&self, incident_id: i64) -> Result<Vec<Factor>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT id, uuid, incident_id, body, kind, created_at, created_by FROM factors \
                 WHERE incident_id = ?1 ORDER BY id",
            )?;
            let rows = stmt.query_map([incident_id], factor_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    pub fn add_factor(
        &mut self,
        which: IncidentRef,
        stamp: &Stamp,
        text: &str,
        kind: FactorKind,
    ) -> Result<(Incident, i64)> {
        self.write(|tx| add_kinded(tx, Kinded::Factors, which, stamp, text, kind.as_str()))
    }

    /// Removes a contributing factor of the incident `which`.
    pub fn remove_factor(&mut self, which: IncidentRef, factor_id: i64) -> Result<Factor> {
        self.write(|tx| {
            let factor = tx
                .query_row(
                    "SELECT id, uuid, incident_id, body, kind, created_at, created_by FROM factors \
                     WHERE id = ?1",
                    [factor_id],
                    factor_from_row,
                )
                .optional()?
                .ok_or_else(|| {
                    UserError::new(format!("there is no factor {factor_id}"))
                        .hint("`inc factor list` shows them")
                })?;
            same_incident(tx, which, "factor", factor_id, factor.incident_id)?;
            tx.execute("DELETE FROM factors WHERE id = ?1", [factor_id])?;
            Ok(factor)
        })
    }

    /// Action items, by incident then number.
    pub fn actions(&self, filter: &ActionFilter) -> Result<Vec<Action>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!(
                "SELECT {ACTION_COLUMNS} FROM actions \
                 WHERE (?1 IS NULL OR incident_id = ?1) \
                   AND (NOT ?2 OR status = 'open') \
                   AND (?3 IS NULL OR (status = 'open' AND due IS NOT NULL AND due < ?3)) \
                   AND (?4 IS NULL OR lower(owner) = lower(?4)) \
                   AND (?5 IS NULL OR (due IS NOT NULL AND due < ?5)) \
                 ORDER BY incident_id, id"
            ))?;
            let rows = stmt.query_map(
                params![
                    filter.incident,
                    filter.open_only,
                    filter.overdue_on.map(|d| d.to_string()),
                    filter.owner,
                    filter.due_before.map(|d| d.to_string())
                ],
                action_from_row,
            )?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    pub fn add_action(
        &mut self,
        which: IncidentRef,
        stamp: &Stamp,
        new: &NewAction,
    ) -> Result<(Incident, Action)> {
        self.write(|tx| {
            let id = resolve(tx, which)?;
            let incident = load(tx, id)?;
            tx.execute(
                "INSERT INTO actions (uuid, incident_id, body, owner, due, priority, type, status, \
                 created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?9)",
                params![
                    new_uuid(stamp.now),
                    id,
                    new.text,
                    new.owner,
                    new.due.map(|d| d.to_string()),
                    new.priority.as_str(),
                    new.action_type.map(ActionType::as_str),
                    time_to_sql(stamp.now),
                    stamp.author
                ],
            )?;
            let action = load_action(tx, tx.last_insert_rowid())?;
            Ok((incident, action))
        })
    }

    /// Changes an action item: `change` edits it or refuses; the row is
    /// written back in the same transaction. With `which`, an item of
    /// another incident is refused; without, any incident's item is found
    /// by its number alone (numbers are shared by all incidents).
    pub fn update_action(
        &mut self,
        which: Option<IncidentRef>,
        action_id: i64,
        stamp: &Stamp,
        change: impl FnOnce(&mut Action) -> Result<(), UserError>,
    ) -> Result<Action> {
        self.write(|tx| {
            let mut action = load_action(tx, action_id)?;
            if let Some(which) = which {
                same_incident(tx, which, "action", action_id, action.incident_id)?;
            }
            let was = action.status;
            change(&mut action)?;
            if action.status != was {
                action.closed_at = (action.status != ActionStatus::Open).then_some(stamp.now);
            }
            tx.execute(
                "UPDATE actions SET body = ?2, owner = ?3, due = ?4, priority = ?5, type = ?6, \
                 status = ?7, closed_at = ?8 WHERE id = ?1",
                params![
                    action_id,
                    action.text,
                    action.owner,
                    action.due.map(|d| d.to_string()),
                    action.priority.as_str(),
                    action.action_type.map(ActionType::as_str),
                    action.status.as_str(),
                    action.closed_at.map(time_to_sql)
                ],
            )?;
            Ok(action)
        })
    }

    /// The incident's lessons, in the order they were added.
    pub fn lessons(&self, incident_id: i64) -> Result<Vec<Lesson>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT id, uuid, incident_id, body, kind, created_at, created_by FROM lessons \
                 WHERE incident_id = ?1 ORDER BY id",
            )?;
            let rows = stmt.query_map([incident_id], |r| {
                let kind: String = r.get(4)?;
                Ok(Lesson {
                    id: r.get(0)?,
                    uuid: r.get(1)?,
                    incident_id: r.get(2)?,
                    text: r.get(3)?,
                    kind: LessonKind::parse(&kind).map_err(|e| unreadable(4, &e))?,
                    created_at: time_at(r, 5)?,
                    created_by: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    pub fn add_lesson(
        &mut self,
        which: IncidentRef,
        stamp: &Stamp,
        text: &str,
        kind: LessonKind,
    ) -> Result<(Incident, i64)> {
        self.write(|tx| add_kinded(tx, Kinded::Lessons, which, stamp, text, kind.as_str()))
    }
}

/// The review's items that are text with a kind.
#[derive(Clone, Copy)]
enum Kinded {
    Factors,
    Lessons,
}

/// Adds a factor or a lesson: the same columns in two tables.
fn add_kinded(
    tx: &Connection,
    table: Kinded,
    which: IncidentRef,
    stamp: &Stamp,
    text: &str,
    kind: &str,
) -> Result<(Incident, i64)> {
    let id = resolve(tx, which)?;
    let incident = load(tx, id)?;
    // The table name is one of two constants, never user input.
    let table = match table {
        Kinded::Factors => "factors",
        Kinded::Lessons => "lessons",
    };
    tx.execute(
        &format!(
            "INSERT INTO {table} (uuid, incident_id, body, kind, created_at, created_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
        ),
        params![
            new_uuid(stamp.now),
            id,
            text,
            kind,
            time_to_sql(stamp.now),
            stamp.author
        ],
    )?;
    Ok((incident, tx.last_insert_rowid()))
}

/// Refuses a numbered item of another incident than `which`: numbers are
/// shared by all incidents, and a typo must not change another's review.
fn same_incident(
    conn: &Connection,
    which: IncidentRef,
    what: &str,
    item: i64,
    belongs_to: i64,
) -> Result<()> {
    let id = match which {
        IncidentRef::Id(id) => load(conn, id)?.id,
        _ => resolve(conn, which).unwrap_or(belongs_to),
    };
    if id != belongs_to {
        return Err(
            UserError::new(format!("{what} {item} belongs to #{belongs_to}, not #{id}"))
                .hint(if what == "action" {
                    format!("leave out -i, or give -i {belongs_to}")
                } else {
                    format!("to change it anyway, add -i {belongs_to}")
                })
                .into(),
        );
    }
    Ok(())
}

fn read_description(conn: &Connection, incident_id: i64) -> Result<Description> {
    Ok(conn
        .query_row(
            "SELECT summary, impact, scope, detection FROM descriptions WHERE incident_id = ?1",
            [incident_id],
            |r| {
                let scope: Option<String> = r.get(2)?;
                Ok(Description {
                    summary: r.get(0)?,
                    impact: r.get(1)?,
                    scope: scope
                        .map(|s| Scope::parse(&s).map_err(|e| unreadable(2, &e)))
                        .transpose()?,
                    detection: r.get(3)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

fn unreadable(col: usize, e: &UserError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        e.to_string().into(),
    )
}

fn factor_from_row(r: &Row<'_>) -> rusqlite::Result<Factor> {
    let kind: String = r.get(4)?;
    Ok(Factor {
        id: r.get(0)?,
        uuid: r.get(1)?,
        incident_id: r.get(2)?,
        text: r.get(3)?,
        kind: FactorKind::parse(&kind).map_err(|e| unreadable(4, &e))?,
        created_at: time_at(r, 5)?,
        created_by: r.get(6)?,
    })
}

fn load_action(conn: &Connection, id: i64) -> Result<Action> {
    conn.query_row(
        &format!("SELECT {ACTION_COLUMNS} FROM actions WHERE id = ?1"),
        [id],
        action_from_row,
    )
    .optional()?
    .ok_or_else(|| {
        UserError::new(format!("there is no action item {id}"))
            .hint("`inc action list --all-incidents` shows every action item")
            .into()
    })
}

pub(super) fn action_from_row(r: &Row<'_>) -> rusqlite::Result<Action> {
    let priority: String = r.get(6)?;
    let action_type: Option<String> = r.get(7)?;
    let status: String = r.get(8)?;
    Ok(Action {
        id: r.get(0)?,
        uuid: r.get(1)?,
        incident_id: r.get(2)?,
        text: r.get(3)?,
        owner: r.get(4)?,
        due: opt_date_at(r, 5)?,
        priority: Priority::parse(&priority).map_err(|e| unreadable(6, &e))?,
        action_type: action_type
            .map(|t| ActionType::parse(&t).map_err(|e| unreadable(7, &e)))
            .transpose()?,
        status: ActionStatus::parse(&status).map_err(|e| unreadable(8, &e))?,
        created_at: time_at(r, 9)?,
        created_by: r.get(10)?,
        closed_at: opt_time_at(r, 11)?,
    })
}
