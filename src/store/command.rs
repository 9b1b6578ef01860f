//! Who runs the response: commander assignments (handoffs), roles, and the
//! people who wrote on the timeline.

use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::incidents::{load, resolve};
use super::timeline::insert_entry;
use super::{Stamp, Store, new_uuid, time_at, time_to_sql};
use crate::error::UserError;
use crate::model::{
    Assignment, Authorship, EntryKind, Incident, IncidentRef, NewEntry, RoleHolder, same_person,
};

const ASSIGNMENT_COLUMNS: &str =
    "id, uuid, incident_id, name, from_name, briefing, assigned_at, recorded_by";

impl Store {
    /// An incident's commanders, first to current.
    pub fn assignments(&self, incident_id: i64) -> Result<Vec<Assignment>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!(
                "SELECT {ASSIGNMENT_COLUMNS} FROM assignments WHERE incident_id = ?1 \
                 ORDER BY assigned_at, id"
            ))?;
            let rows = stmt.query_map([incident_id], assignment_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Hands command to `to`, with the outgoing commander's briefing: a
    /// new assignment, the incident's commander, and a handoff entry, in one
    /// transaction. `check` sees the incident and its current assignment
    /// and says when the handoff happened, or refuses it; then nothing is
    /// written.
    pub fn hand_off(
        &mut self,
        which: IncidentRef,
        stamp: &Stamp,
        to: &str,
        briefing: &str,
        check: impl FnOnce(&Incident, &Assignment) -> Result<DateTime<Utc>, UserError>,
    ) -> Result<(Incident, Assignment)> {
        self.write(|tx| {
            let id = resolve(tx, which)?;
            let mut incident = load(tx, id)?;
            let current = current_assignment(tx, &incident)?;
            let at = check(&incident, &current)?;
            let assignment =
                insert_assignment(tx, id, to, Some(&current.name), briefing, at, stamp)?;
            tx.execute(
                "UPDATE incidents SET commander = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, to, time_to_sql(stamp.now)],
            )?;
            let entry = NewEntry::change(
                EntryKind::Handoff,
                &current.name,
                to,
                briefing.to_string(),
                at,
            );
            insert_entry(tx, id, &entry, stamp)?;
            incident.commander = to.to_string();
            Ok((incident, assignment))
        })
    }

    /// Who holds which role now, in role order of assignment.
    pub fn roles(&self, incident_id: i64) -> Result<Vec<RoleHolder>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT role, name, assigned_at FROM roles WHERE incident_id = ?1 \
                 ORDER BY assigned_at, role",
            )?;
            let rows = stmt.query_map([incident_id], |r| {
                Ok(RoleHolder {
                    role: r.get(0)?,
                    name: r.get(1)?,
                    assigned_at: time_at(r, 2)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Gives `role` to `name`, or clears it (`name` None), with a role
    /// entry on the timeline. `check` sees the current holder and says when
    /// the change happened, or refuses it. Returns the incident and whether
    /// anything changed (giving a role to its holder changes nothing).
    pub fn set_role(
        &mut self,
        which: IncidentRef,
        stamp: &Stamp,
        role: &str,
        name: Option<&str>,
        check: impl FnOnce(Option<&RoleHolder>) -> Result<DateTime<Utc>, UserError>,
    ) -> Result<(Incident, bool)> {
        self.write(|tx| {
            let id = resolve(tx, which)?;
            let incident = load(tx, id)?;
            let current: Option<RoleHolder> = tx
                .query_row(
                    "SELECT role, name, assigned_at FROM roles WHERE incident_id = ?1 AND role = ?2",
                    params![id, role],
                    |r| {
                        Ok(RoleHolder {
                            role: r.get(0)?,
                            name: r.get(1)?,
                            assigned_at: time_at(r, 2)?,
                        })
                    },
                )
                .optional()?;
            let holder = current.as_ref().map(|h| h.name.clone());
            let unchanged = match (holder.as_deref(), name) {
                (Some(h), Some(n)) => same_person(h, n),
                (h, n) => h == n,
            };
            if unchanged {
                if name.is_none() {
                    return Err(
                        UserError::new(format!("no one holds the {role} role in #{id}"))
                            .hint("`inc responders` shows who holds which role")
                            .into(),
                    );
                }
                return Ok((incident, false));
            }
            let at = check(current.as_ref())?;
            match name {
                Some(name) => tx.execute(
                    "INSERT INTO roles (uuid, incident_id, role, name, assigned_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5) \
                     ON CONFLICT (incident_id, role) DO UPDATE \
                     SET name = excluded.name, assigned_at = excluded.assigned_at",
                    params![new_uuid(stamp.now), id, role, name, time_to_sql(at)],
                )?,
                None => tx.execute(
                    "DELETE FROM roles WHERE incident_id = ?1 AND role = ?2",
                    params![id, role],
                )?,
            };
            let entry = NewEntry {
                kind: EntryKind::Role,
                text: role.to_string(),
                from: holder,
                to: name.map(String::from),
                event_at: at,
                key: false,
                private: false,
                audience: None,
            };
            insert_entry(tx, id, &entry, stamp)?;
            Ok((incident, true))
        })
    }

    /// Everyone who ever took a role, from the role entries on the
    /// timeline (the roles table holds only the current holders).
    pub fn role_history(&self, incident_id: i64) -> Result<Vec<RoleHolder>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT body, to_value, event_at FROM timeline_entries \
                 WHERE incident_id = ?1 AND kind = 'role' AND to_value IS NOT NULL \
                 ORDER BY event_at, id",
            )?;
            let rows = stmt.query_map([incident_id], |r| {
                Ok(RoleHolder {
                    role: r.get(0)?,
                    name: r.get(1)?,
                    assigned_at: time_at(r, 2)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Who wrote on an incident's timeline: how often, and since when
    /// (when they first wrote, not the possibly earlier time they wrote of).
    pub fn authors(&self, incident_id: i64) -> Result<Vec<Authorship>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT author, min(recorded_at), count(*) FROM timeline_entries \
                 WHERE incident_id = ?1 GROUP BY author ORDER BY min(recorded_at)",
            )?;
            let rows = stmt.query_map([incident_id], |r| {
                Ok(Authorship {
                    name: r.get(0)?,
                    first_at: time_at(r, 1)?,
                    entries: usize::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}

/// Records an assignment. The first one is made when the incident is
/// declared; later ones by handoffs.
pub(super) fn insert_assignment(
    tx: &Connection,
    incident_id: i64,
    name: &str,
    from: Option<&str>,
    briefing: &str,
    at: DateTime<Utc>,
    stamp: &Stamp,
) -> Result<Assignment> {
    let uuid = new_uuid(stamp.now);
    tx.prepare_cached(
        "INSERT INTO assignments \
         (uuid, incident_id, name, from_name, briefing, assigned_at, recorded_at, recorded_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        uuid,
        incident_id,
        name,
        from,
        briefing,
        time_to_sql(at),
        time_to_sql(stamp.now),
        stamp.author
    ])?;
    Ok(Assignment {
        id: tx.last_insert_rowid(),
        uuid,
        incident_id,
        name: name.to_string(),
        from: from.map(String::from),
        briefing: briefing.to_string(),
        assigned_at: at,
        recorded_by: stamp.author.clone(),
    })
}

/// The latest assignment of an incident.
fn current_assignment(conn: &Connection, incident: &Incident) -> Result<Assignment> {
    conn.query_row(
        &format!(
            "SELECT {ASSIGNMENT_COLUMNS} FROM assignments WHERE incident_id = ?1 \
             ORDER BY assigned_at DESC, id DESC LIMIT 1"
        ),
        [incident.id],
        assignment_from_row,
    )
    .optional()?
    .ok_or_else(|| anyhow::anyhow!("incident #{} has no commander on record", incident.id))
}

fn assignment_from_row(r: &Row<'_>) -> rusqlite::Result<Assignment> {
    Ok(Assignment {
        id: r.get(0)?,
        uuid: r.get(1)?,
        incident_id: r.get(2)?,
        name: r.get(3)?,
        from: r.get(4)?,
        briefing: r.get(5)?,
        assigned_at: time_at(r, 6)?,
        recorded_by: r.get(7)?,
    })
}
