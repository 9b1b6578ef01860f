//! Who leads the response: the commanders an incident has had (its first,
//! then one per handoff), the roles, and the people who wrote on the
//! timeline. All of it is told by the timeline: handoff and role entries.

use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::Store;
use super::rows::{entries, incidents};
use crate::error::UserError;
use crate::model::{
    Assignment, Authorship, EntryKind, Incident, IncidentRef, NewEntry, RoleHolder, same_person,
    settle_changes,
};
use crate::store::time_at;

impl Store {
    /// An incident's commanders, first to current.
    pub fn assignments(&self, incident_id: i64) -> Result<Vec<Assignment>> {
        self.read(|conn| commanders(conn, &incidents::load(conn, incident_id)?))
    }

    /// Hands command to `to`, with the outgoing commander's briefing: a
    /// handoff entry, in one transaction. `check` sees the incident, its
    /// current commander and the time now (read under the write lock) and
    /// says when the handoff happened, or refuses it; then nothing is
    /// written.
    pub fn hand_off(
        &mut self,
        which: IncidentRef,
        author: &str,
        to: &str,
        briefing: &str,
        check: impl FnOnce(&Incident, &Assignment, DateTime<Utc>) -> Result<DateTime<Utc>, UserError>,
    ) -> Result<(Incident, Assignment)> {
        self.write(author, |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            let incident = incidents::load(tx.conn, id)?;
            let current = commanders(tx.conn, &incident)?
                .pop()
                .ok_or_else(|| anyhow::anyhow!("#{id} has no commander on record"))?;
            let at = check(&incident, &current, tx.now)?;
            let entry = NewEntry::change(
                EntryKind::Handoff,
                &current.name,
                to,
                briefing.to_string(),
                at,
            );
            let stored = entries::add(tx, id, &entry)?;
            incidents::refresh(tx.conn, id)?;
            let assignment = Assignment {
                id: stored.id,
                uuid: stored.uuid,
                incident_id: id,
                name: to.to_string(),
                from: Some(current.name),
                briefing: briefing.to_string(),
                assigned_at: at,
                recorded_by: tx.author.to_string(),
            };
            Ok((incidents::load(tx.conn, id)?, assignment))
        })
    }

    /// Who holds which role now, in the order they took them.
    pub fn roles(&self, incident_id: i64) -> Result<Vec<RoleHolder>> {
        self.read(|conn| holders(conn, incident_id))
    }

    /// Gives `role` to `name`, or clears it (`name` None), with a role
    /// entry on the timeline. `check` sees the current holder and the time
    /// now (read under the write lock) and says when the change happened,
    /// or refuses it. Returns the incident and whether anything changed
    /// (giving a role to its holder changes nothing).
    pub fn set_role(
        &mut self,
        which: IncidentRef,
        author: &str,
        role: &str,
        name: Option<&str>,
        check: impl FnOnce(Option<&RoleHolder>, DateTime<Utc>) -> Result<DateTime<Utc>, UserError>,
    ) -> Result<(Incident, bool)> {
        self.write(author, |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            let incident = incidents::load(tx.conn, id)?;
            let current = holders(tx.conn, id)?.into_iter().find(|h| h.role == role);
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
            let at = check(current.as_ref(), tx.now)?;
            let entry = NewEntry {
                from: holder,
                to: name.map(String::from),
                ..NewEntry::of(EntryKind::Role, role.to_string(), at)
            };
            entries::add(tx, id, &entry)?;
            Ok((incident, true))
        })
    }

    /// Everyone who ever took a role, in the order they took it.
    pub fn role_history(&self, incident_id: i64) -> Result<Vec<RoleHolder>> {
        self.read(|conn| {
            Ok(role_entries(conn, incident_id)?
                .into_iter()
                .filter_map(|e| {
                    e.to.map(|name| RoleHolder {
                        role: e.text,
                        name,
                        assigned_at: e.event_at,
                    })
                })
                .collect())
        })
    }

    /// Who wrote on an incident's timeline as it stands: how often, and
    /// since when (when they first wrote, not the possibly earlier time
    /// they wrote of). Corrections and struck entries are left out.
    pub fn authors(&self, incident_id: i64) -> Result<Vec<Authorship>> {
        self.read(|conn| {
            super::rows::all(
                conn,
                "SELECT author, min(recorded_at), count(*) FROM timeline_entries \
                 WHERE incident_id = ?1 AND struck_at IS NULL AND kind <> 'correction' \
                 GROUP BY author ORDER BY min(recorded_at), author",
                [incident_id],
                |r| {
                    Ok(Authorship {
                        name: r.get(0)?,
                        first_at: time_at(r, 1)?,
                        entries: usize::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                    })
                },
            )
        })
    }
}

/// An incident's commanders: its first, from its declaration, then one per
/// handoff on the timeline as it stands.
fn commanders(conn: &Connection, incident: &Incident) -> Result<Vec<Assignment>> {
    let mut handoffs = entries::of_kinds(conn, incident.id, &[EntryKind::Handoff])?;
    settle_changes(&incident.first_commander, &mut handoffs);
    let first = Assignment {
        id: 0,
        uuid: first_assignment_uuid(&incident.uuid),
        incident_id: incident.id,
        name: incident.first_commander.clone(),
        from: None,
        briefing: String::new(),
        assigned_at: incident.created_at,
        recorded_by: incident.created_by.clone(),
    };
    Ok(std::iter::once(first)
        .chain(handoffs.into_iter().map(|e| Assignment {
            id: e.id,
            uuid: e.uuid,
            incident_id: incident.id,
            name: e.to.unwrap_or_default(),
            from: e.from,
            briefing: e.text,
            assigned_at: e.event_at,
            recorded_by: e.author,
        }))
        .collect())
}

/// The UUID of an incident's first commander assignment: the incident's
/// own with the version digit 8 (RFC 9562's custom version), as the
/// assignments of schema 2 to 6 had, so it is the same everywhere.
fn first_assignment_uuid(incident: &str) -> String {
    let mut uuid = incident.to_string();
    if uuid.len() > 14 && uuid.is_char_boundary(14) && uuid.is_char_boundary(15) {
        uuid.replace_range(14..15, "8");
    }
    uuid
}

/// An incident's role entries as the record stands, in timeline order.
fn role_entries(conn: &Connection, incident_id: i64) -> Result<Vec<crate::model::TimelineEntry>> {
    entries::select(
        conn,
        "e.incident_id = ?1 AND e.struck_at IS NULL AND e.kind = 'role'",
        [incident_id],
    )
}

/// Who holds each role now, from the role entries, in the order they took
/// them.
fn holders(conn: &Connection, incident_id: i64) -> Result<Vec<RoleHolder>> {
    let mut now: Vec<RoleHolder> = Vec::new();
    for e in role_entries(conn, incident_id)? {
        now.retain(|h| h.role != e.text);
        if let Some(name) = e.to {
            now.push(RoleHolder {
                role: e.text,
                name,
                assigned_at: e.event_at,
            });
        }
    }
    now.sort_by(|a, b| (a.assigned_at, &a.role).cmp(&(b.assigned_at, &b.role)));
    Ok(now)
}
