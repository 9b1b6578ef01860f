//! The review's material: description, contributing factors, corrective
//! action items and lessons. None of it writes timeline entries: the
//! timeline is what happened during the incident.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::Connection;

use super::rows::actions::{self, Actions};
use super::rows::descriptions::{self, Descriptions};
use super::rows::items::{self, Factors, Items, Lessons};
use super::rows::{Table, incidents};
use super::{Store, names};
use crate::error::UserError;
use crate::model::exchange::{ExAction, ExDescription};
use crate::model::ids::{derived_uuid, new_uuid};
use crate::model::{
    Action, ActionStatus, ActionType, Description, Factor, FactorKind, Incident, IncidentRef,
    Lesson, LessonKind, Priority, Scope,
};
use crate::store::{Tx, time_to_sql};

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

impl ActionFilter {
    /// The filter as SQL over `a` (an action item), with its parameters
    /// from `?first` on.
    pub(super) fn condition(&self, first: usize) -> (String, Vec<Option<String>>) {
        let p = |n: usize| first + n;
        let sql = format!(
            "(NOT ?{} OR a.status = 'open') \
             AND (?{} IS NULL OR (a.status = 'open' AND a.due IS NOT NULL AND a.due < ?{1})) \
             AND (?{} IS NULL OR lower(a.owner) = lower(?{2})) \
             AND (?{} IS NULL OR (a.due IS NOT NULL AND a.due < ?{3}))",
            p(0),
            p(1),
            p(2),
            p(3)
        );
        let values = vec![
            Some(i64::from(self.open_only).to_string()),
            self.overdue_on.map(|d| d.to_string()),
            self.owner.clone(),
            self.due_before.map(|d| d.to_string()),
        ];
        (sql, values)
    }
}

/// A new action item.
#[derive(Debug, Clone)]
pub struct NewAction {
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub priority: Priority,
    pub action_type: Option<ActionType>,
    /// Where the work is tracked (a ticket's URL).
    pub link: Option<String>,
}

impl Store {
    /// The incident's description (empty parts when none is written yet).
    pub fn description(&self, incident_id: i64) -> Result<Description> {
        self.read(|conn| descriptions::of(conn, incident_id))
    }

    /// Sets the parts of the description that `patch` has, keeping the rest.
    pub fn describe(
        &mut self,
        which: IncidentRef,
        author: &str,
        patch: &Description,
    ) -> Result<(Incident, Description)> {
        self.write(author, |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            let incident = incidents::load(tx.conn, id)?;
            let existing =
                descriptions::Descriptions::one_where(tx.conn, "d.incident_id = ?1", [id])?;
            let existed = existing.is_some();
            let mut record = existing.unwrap_or_else(|| ExDescription {
                uuid: derived_uuid(&incident.uuid, "description"),
                clock: tx.tick(),
                summary: None,
                impact: None,
                scope: None,
                detection: None,
                triggered_by: None,
                resolution: None,
                long_term: None,
                changed: Default::default(),
            });
            let clock = tx.tick();
            for (part, value, new) in [
                ("summary", &mut record.summary, patch.summary.clone()),
                ("impact", &mut record.impact, patch.impact.clone()),
                (
                    "scope",
                    &mut record.scope,
                    patch.scope.map(|s| Scope::as_str(s).to_string()),
                ),
                ("detection", &mut record.detection, patch.detection.clone()),
                (
                    "triggered_by",
                    &mut record.triggered_by,
                    patch.triggered_by.clone(),
                ),
                (
                    "resolution",
                    &mut record.resolution,
                    patch.resolution.clone(),
                ),
                ("long_term", &mut record.long_term, patch.long_term.clone()),
            ] {
                if let Some(new) = new {
                    *value = Some(new);
                    record.changed.insert(part.into(), clock.clone());
                }
            }
            if existed {
                Descriptions::update(tx.conn, id, &record)?;
            } else {
                Descriptions::insert(tx.conn, id, &record)?;
            }
            Ok((incident, descriptions::of(tx.conn, id)?))
        })
    }

    /// The incident's contributing factors, in the order they were added.
    pub fn factors(&self, incident_id: i64) -> Result<Vec<Factor>> {
        self.read(|conn| items::current::<Factors>(conn, incident_id))
    }

    pub fn add_factor(
        &mut self,
        which: IncidentRef,
        author: &str,
        text: &str,
        kind: FactorKind,
    ) -> Result<(Incident, i64)> {
        self.write(author, |tx| {
            add_item::<Factors>(tx, which, text, kind.as_str())
        })
    }

    /// Removes a contributing factor of the incident `which`: it stays on
    /// record as removed, and the removal travels with an export.
    pub fn remove_factor(
        &mut self,
        which: IncidentRef,
        author: &str,
        id: i64,
    ) -> Result<(Incident, Factor)> {
        self.write(author, |tx| remove_item::<Factors>(tx, which, id))
    }

    /// The incident's lessons, in the order they were added.
    pub fn lessons(&self, incident_id: i64) -> Result<Vec<Lesson>> {
        self.read(|conn| items::current::<Lessons>(conn, incident_id))
    }

    pub fn add_lesson(
        &mut self,
        which: IncidentRef,
        author: &str,
        text: &str,
        kind: LessonKind,
    ) -> Result<(Incident, i64)> {
        self.write(author, |tx| {
            add_item::<Lessons>(tx, which, text, kind.as_str())
        })
    }

    /// Removes a lesson of the incident `which`, as [`Store::remove_factor`].
    pub fn remove_lesson(
        &mut self,
        which: IncidentRef,
        author: &str,
        id: i64,
    ) -> Result<(Incident, Lesson)> {
        self.write(author, |tx| remove_item::<Lessons>(tx, which, id))
    }

    /// Action items, by incident then in the order they were added.
    pub fn actions(&self, filter: &ActionFilter) -> Result<Vec<Action>> {
        self.read(|conn| {
            let (condition, values) = filter.condition(2);
            let mut all = vec![filter.incident.map(|i| i.to_string())];
            all.extend(values);
            let list: Vec<Action> = super::rows::models(
                conn,
                "a",
                actions::ACTION,
                &format!(
                    "actions a JOIN incidents i ON i.id = a.incident_id \
                     WHERE (?1 IS NULL OR a.incident_id = CAST(?1 AS INTEGER)) AND {condition} \
                     ORDER BY {}, {}",
                    incidents::ORDER,
                    actions::ORDER
                ),
                rusqlite::params_from_iter(all),
            )?;
            named_actions(conn, list)
        })
    }

    pub fn add_action(
        &mut self,
        which: IncidentRef,
        author: &str,
        new: &NewAction,
    ) -> Result<(Incident, Action)> {
        self.write(author, |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            let incident = incidents::load(tx.conn, id)?;
            let record = ExAction {
                uuid: new_uuid(tx.now),
                clock: tx.tick(),
                body: new.text.clone(),
                owner: new.owner.clone(),
                due: new.due.map(|d| d.to_string()),
                priority: new.priority.as_str().to_string(),
                action_type: new.action_type.map(|t| t.as_str().to_string()),
                status: ActionStatus::Open.as_str().to_string(),
                closed_at: None,
                created_at: time_to_sql(tx.now),
                created_by: tx.author.to_string(),
                link: new.link.clone(),
                changed: Default::default(),
            };
            Actions::insert(tx.conn, id, &record)?;
            let action = actions::load(tx.conn, tx.conn.last_insert_rowid())?;
            Ok((incident, one_named(tx.conn, action)?))
        })
    }

    /// Changes an action item: `change` edits it or refuses; each field it
    /// changed gets the change clock, and the row is written back in the
    /// same transaction. With `which`, an item of another incident is
    /// refused; without, any incident's item is found by its number alone
    /// (numbers are shared by all incidents). Closing it (done, won't do)
    /// happens at `closed_at` (now if None).
    pub fn update_action(
        &mut self,
        which: Option<IncidentRef>,
        typed: &str,
        author: &str,
        closed_at: Option<chrono::DateTime<chrono::Utc>>,
        change: impl FnOnce(&mut Action) -> Result<(), UserError>,
    ) -> Result<(Incident, Action)> {
        self.write(author, |tx| {
            let within = match which {
                Some(which) if tx.team => Some(incidents::resolve(tx.conn, which)?),
                _ => None,
            };
            let action_id = names::resolve(tx, &names::ACTIONS, within, typed)?;
            let before = one_named(tx.conn, actions::load(tx.conn, action_id)?)?;
            if let Some(which) = which {
                same_incident(tx.conn, which, "action", action_id, before.incident_id)?;
            }
            let mut after = before.clone();
            change(&mut after)?;
            if after.status != before.status {
                after.closed_at =
                    (after.status != ActionStatus::Open).then(|| closed_at.unwrap_or(tx.now));
            }
            if after.closed_at.is_some_and(|at| at < before.created_at) {
                return Err(UserError::new(format!(
                    "action item {} would be closed before it was added",
                    before.name()
                ))
                .hint("give a --at time after the item was added")
                .into());
            }
            let mut record = actions::Actions::by_id(tx.conn, action_id)?;
            let clock = tx.tick();
            let mut changed = |group: &str, differs: bool| {
                if differs {
                    record.changed.insert(group.into(), clock.clone());
                }
            };
            changed("text", after.text != before.text);
            changed("owner", after.owner != before.owner);
            changed("due", after.due != before.due);
            changed("priority", after.priority != before.priority);
            changed("type", after.action_type != before.action_type);
            changed("status", after.status != before.status);
            changed("link", after.link != before.link);
            record.body.clone_from(&after.text);
            record.owner.clone_from(&after.owner);
            record.due = after.due.map(|d| d.to_string());
            record.priority = after.priority.as_str().to_string();
            record.action_type = after.action_type.map(|t| t.as_str().to_string());
            record.status = after.status.as_str().to_string();
            record.closed_at = after.closed_at.map(time_to_sql);
            record.link.clone_from(&after.link);
            Actions::update(tx.conn, before.incident_id, &record)?;
            Ok((
                incidents::load(tx.conn, before.incident_id)?,
                one_named(tx.conn, actions::load(tx.conn, action_id)?)?,
            ))
        })
    }
}

/// Action items with their refs, on a team (see [`names`]).
pub(super) fn named_actions(conn: &rusqlite::Connection, list: Vec<Action>) -> Result<Vec<Action>> {
    let mut list = names::name_all(
        conn,
        &names::ACTIONS,
        list,
        |a| (a.incident_id, a.uuid.as_str()),
        |a, reference| a.reference = reference,
    )?;
    // On a team (the refs say so), each with its incident's number.
    for a in list.iter_mut().filter(|a| !a.reference.is_empty()) {
        a.incident_number = incidents::number(conn, a.incident_id)?.to_string();
    }
    Ok(list)
}

fn one_named(conn: &rusqlite::Connection, action: Action) -> Result<Action> {
    Ok(named_actions(conn, vec![action])?
        .pop()
        .expect("the action given"))
}

/// Adds a factor or a lesson.
fn add_item<T: Items>(
    tx: &Tx<'_>,
    which: IncidentRef,
    text: &str,
    kind: &str,
) -> Result<(Incident, i64)> {
    let id = incidents::resolve(tx.conn, which)?;
    let incident = incidents::load(tx.conn, id)?;
    Ok((incident, items::add::<T>(tx, id, text, kind)?))
}

/// Removes a factor or a lesson of the incident `which`.
fn remove_item<T: Items>(tx: &Tx<'_>, which: IncidentRef, id: i64) -> Result<(Incident, T::Model)> {
    let found = items::load::<T>(tx.conn, id)?;
    if found.removed {
        return Err(
            UserError::new(format!("{} {id} was already removed", T::ONE))
                .hint(format!("`inc {} list` shows the ones left", T::ONE))
                .into(),
        );
    }
    same_incident(tx.conn, which, T::ONE, id, found.on)?;
    items::remove::<T>(tx, id)?;
    Ok((incidents::load(tx.conn, found.on)?, found.item))
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
        IncidentRef::Current | IncidentRef::Viewing => {
            incidents::resolve(conn, which).unwrap_or(belongs_to)
        }
        named => incidents::load(conn, incidents::resolve(conn, named)?)?.id,
    };
    if id != belongs_to {
        let (on, not_on) = (
            incidents::load(conn, belongs_to)?.number,
            incidents::load(conn, id)?.number,
        );
        return Err(
            UserError::new(format!("{what} {item} belongs to {on}, not {not_on}"))
                .hint(if what == "action" {
                    format!("leave out -i, or give -i {}", on.bare())
                } else {
                    format!("to change it anyway, add -i {}", on.bare())
                })
                .into(),
        );
    }
    Ok(())
}
