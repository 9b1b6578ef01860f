//! Reads incidents with all their records as an exchange document. Local
//! ids stay here: records refer to each other by UUID. The order is by
//! global values only (times, then UUIDs), so the same data exports to the
//! same bytes on every machine.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{Connection, Row};

use super::super::incidents::resolve;
use super::super::{Store, schema};
use crate::model::IncidentRef;
use crate::model::exchange::{
    Document, ExAction, ExAssignment, ExChecklistItem, ExDescription, ExEntry, ExFactor,
    ExIncident, ExRole, ExTask, ExUpdatePost, FORMAT, VERSION,
};

impl Store {
    /// Every incident, or the one `only` names, with all its records, read
    /// from one snapshot. `exported_at` is written as given.
    pub fn export(&self, only: Option<IncidentRef>, exported_at: String) -> Result<Document> {
        let mut incidents = Vec::new();
        self.export_each(only, |incident| {
            incidents.push(incident);
            Ok(())
        })?;
        Ok(Document {
            format: FORMAT.to_string(),
            version: VERSION,
            schema: schema::current_version(),
            exported_at,
            incidents,
        })
    }

    /// [`Store::export`] one incident at a time, in the document's order,
    /// from one snapshot: a large database is written out without holding
    /// it all in memory. An error from `each` ends the export.
    pub fn export_each(
        &self,
        only: Option<IncidentRef>,
        mut each: impl FnMut(ExIncident) -> Result<()>,
    ) -> Result<()> {
        self.snapshot(|store| {
            store.read(|conn| {
                let ids = match only {
                    Some(which) => vec![resolve(conn, which)?],
                    None => {
                        let mut stmt =
                            conn.prepare("SELECT id FROM incidents ORDER BY created_at, uuid")?;
                        stmt.query_map([], |r| r.get(0))?
                            .collect::<rusqlite::Result<Vec<i64>>>()?
                    }
                };
                for id in ids {
                    each(export_incident(conn, id)?)?;
                }
                Ok(())
            })
        })
    }
}

// Each table's columns as the document carries them, and the row mapper
// reading them from the start of a row (queries may add columns after).

pub(super) const INCIDENT: &str = "uuid, title, severity, status, security, commander, \
    started_at, detected_at, mitigated_at, resolved_at, created_at, created_by, updated_at, \
    channel, bridge, ticket, drill, review_held_at, review_held_by";

pub(super) fn incident_row(r: &Row<'_>) -> rusqlite::Result<ExIncident> {
    Ok(ExIncident {
        uuid: r.get(0)?,
        title: r.get(1)?,
        severity: r.get(2)?,
        status: r.get(3)?,
        security: r.get(4)?,
        commander: r.get(5)?,
        started_at: r.get(6)?,
        detected_at: r.get(7)?,
        mitigated_at: r.get(8)?,
        resolved_at: r.get(9)?,
        created_at: r.get(10)?,
        created_by: r.get(11)?,
        updated_at: r.get(12)?,
        channel: r.get(13)?,
        bridge: r.get(14)?,
        ticket: r.get(15)?,
        drill: r.get(16)?,
        review_held_at: r.get(17)?,
        review_held_by: r.get(18)?,
        timeline: Vec::new(),
        assignments: Vec::new(),
        roles: Vec::new(),
        tasks: Vec::new(),
        description: None,
        factors: Vec::new(),
        actions: Vec::new(),
        lessons: Vec::new(),
        checklist: Vec::new(),
        update_posts: Vec::new(),
    })
}

pub(super) const TASK: &str = "uuid, body, owner, created_at, created_by, done_at, done_by";

pub(super) fn task_row(r: &Row<'_>) -> rusqlite::Result<ExTask> {
    Ok(ExTask {
        uuid: r.get(0)?,
        body: r.get(1)?,
        owner: r.get(2)?,
        created_at: r.get(3)?,
        created_by: r.get(4)?,
        done_at: r.get(5)?,
        done_by: r.get(6)?,
    })
}

pub(super) const ENTRY: &str = "uuid, kind, body, from_value, to_value, event_at, recorded_at, \
    author, key, private, audience, exit_code, exit_signal, duration_ms, output, output_lines";

pub(super) fn entry_row(r: &Row<'_>) -> rusqlite::Result<ExEntry> {
    Ok(ExEntry {
        uuid: r.get(0)?,
        kind: r.get(1)?,
        body: r.get(2)?,
        from_value: r.get(3)?,
        to_value: r.get(4)?,
        event_at: r.get(5)?,
        recorded_at: r.get(6)?,
        author: r.get(7)?,
        key: r.get(8)?,
        private: r.get(9)?,
        audience: r.get(10)?,
        exit_code: r.get(11)?,
        exit_signal: r.get(12)?,
        duration_ms: r.get(13)?,
        output: r.get(14)?,
        output_lines: r.get(15)?,
    })
}

pub(super) const ASSIGNMENT: &str =
    "uuid, name, from_name, briefing, assigned_at, recorded_at, recorded_by";

pub(super) fn assignment_row(r: &Row<'_>) -> rusqlite::Result<ExAssignment> {
    Ok(ExAssignment {
        uuid: r.get(0)?,
        name: r.get(1)?,
        from_name: r.get(2)?,
        briefing: r.get(3)?,
        assigned_at: r.get(4)?,
        recorded_at: r.get(5)?,
        recorded_by: r.get(6)?,
    })
}

pub(super) const ROLE: &str = "uuid, role, name, assigned_at";

pub(super) fn role_row(r: &Row<'_>) -> rusqlite::Result<ExRole> {
    Ok(ExRole {
        uuid: r.get(0)?,
        role: r.get(1)?,
        name: r.get(2)?,
        assigned_at: r.get(3)?,
    })
}

pub(super) const DESCRIPTION: &str =
    "uuid, summary, impact, scope, detection, updated_at, updated_by";

pub(super) fn description_row(r: &Row<'_>) -> rusqlite::Result<ExDescription> {
    Ok(ExDescription {
        uuid: r.get(0)?,
        summary: r.get(1)?,
        impact: r.get(2)?,
        scope: r.get(3)?,
        detection: r.get(4)?,
        updated_at: r.get(5)?,
        updated_by: r.get(6)?,
    })
}

pub(super) const FACTOR: &str = "uuid, body, kind, created_at, created_by";
/// Lessons have the same columns as factors.
pub(super) const LESSON: &str = FACTOR;

pub(super) fn factor_row(r: &Row<'_>) -> rusqlite::Result<ExFactor> {
    Ok(ExFactor {
        uuid: r.get(0)?,
        body: r.get(1)?,
        kind: r.get(2)?,
        created_at: r.get(3)?,
        created_by: r.get(4)?,
    })
}

pub(super) const ACTION: &str = "uuid, body, owner, due, priority, type, status, created_at, \
    created_by, closed_at";

pub(super) fn action_row(r: &Row<'_>) -> rusqlite::Result<ExAction> {
    Ok(ExAction {
        uuid: r.get(0)?,
        body: r.get(1)?,
        owner: r.get(2)?,
        due: r.get(3)?,
        priority: r.get(4)?,
        action_type: r.get(5)?,
        status: r.get(6)?,
        created_at: r.get(7)?,
        created_by: r.get(8)?,
        closed_at: r.get(9)?,
    })
}

pub(super) const CHECKLIST: &str =
    "uuid, position, area, body, created_at, created_by, done_at, done_by, note";

pub(super) fn checklist_row(r: &Row<'_>) -> rusqlite::Result<ExChecklistItem> {
    Ok(ExChecklistItem {
        uuid: r.get(0)?,
        position: r.get(1)?,
        area: r.get(2)?,
        body: r.get(3)?,
        created_at: r.get(4)?,
        created_by: r.get(5)?,
        done_at: r.get(6)?,
        done_by: r.get(7)?,
        note: r.get(8)?,
    })
}

/// An update post's columns, with its entry's UUID (`e`) in place of its id.
pub(super) const POST: &str = "p.uuid, e.uuid, p.attempted_at, p.attempted_by, p.outcome, p.detail";

pub(super) fn post_row(r: &Row<'_>) -> rusqlite::Result<ExUpdatePost> {
    Ok(ExUpdatePost {
        uuid: r.get(0)?,
        entry: r.get(1)?,
        attempted_at: r.get(2)?,
        attempted_by: r.get(3)?,
        outcome: r.get(4)?,
        detail: r.get(5)?,
    })
}

fn rows<T>(
    conn: &Connection,
    sql: &str,
    id: i64,
    f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([id], f)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn export_incident(conn: &Connection, id: i64) -> Result<ExIncident> {
    let mut incident = conn.query_row(
        &format!("SELECT {INCIDENT} FROM incidents WHERE id = ?1"),
        [id],
        incident_row,
    )?;
    let mut task_uuids = HashMap::new();
    incident.tasks = rows(
        conn,
        &format!("SELECT {TASK}, id FROM tasks WHERE incident_id = ?1 ORDER BY created_at, uuid"),
        id,
        |r| {
            let task = task_row(r)?;
            task_uuids.insert(r.get::<_, i64>(7)?.to_string(), task.uuid.clone());
            Ok(task)
        },
    )?;
    incident.timeline = rows(
        conn,
        &format!(
            "SELECT {ENTRY} FROM timeline_entries WHERE incident_id = ?1 \
             ORDER BY event_at, recorded_at, uuid"
        ),
        id,
        entry_row,
    )?;
    // Task entries refer to their task by its local id: the document
    // carries the task's UUID instead.
    for entry in &mut incident.timeline {
        if entry.kind == "task" || entry.kind == "task-done" {
            let local = entry.from_value.as_deref().unwrap_or_default();
            let uuid = task_uuids.get(local).ok_or_else(|| {
                anyhow::anyhow!(
                    "timeline entry {} of incident #{id} refers to task {local:?}, \
                     which is not one of its tasks",
                    entry.uuid
                )
            })?;
            entry.from_value = Some(uuid.clone());
        }
    }
    incident.assignments = rows(
        conn,
        &format!(
            "SELECT {ASSIGNMENT} FROM assignments WHERE incident_id = ?1 \
             ORDER BY assigned_at, recorded_at, uuid"
        ),
        id,
        assignment_row,
    )?;
    incident.roles = rows(
        conn,
        &format!("SELECT {ROLE} FROM roles WHERE incident_id = ?1 ORDER BY role"),
        id,
        role_row,
    )?;
    incident.description = rows(
        conn,
        &format!("SELECT {DESCRIPTION} FROM descriptions WHERE incident_id = ?1"),
        id,
        description_row,
    )?
    .pop();
    incident.factors = rows(
        conn,
        &format!("SELECT {FACTOR} FROM factors WHERE incident_id = ?1 ORDER BY created_at, uuid"),
        id,
        factor_row,
    )?;
    incident.actions = rows(
        conn,
        &format!("SELECT {ACTION} FROM actions WHERE incident_id = ?1 ORDER BY created_at, uuid"),
        id,
        action_row,
    )?;
    incident.lessons = rows(
        conn,
        &format!("SELECT {LESSON} FROM lessons WHERE incident_id = ?1 ORDER BY created_at, uuid"),
        id,
        factor_row,
    )?;
    incident.checklist = rows(
        conn,
        &format!(
            "SELECT {CHECKLIST} FROM checklist_items WHERE incident_id = ?1 ORDER BY position"
        ),
        id,
        checklist_row,
    )?;
    incident.update_posts = rows(
        conn,
        &format!(
            "SELECT {POST} FROM update_posts p JOIN timeline_entries e ON e.id = p.entry_id \
             WHERE e.incident_id = ?1 ORDER BY p.attempted_at, p.uuid"
        ),
        id,
        post_row,
    )?;
    Ok(incident)
}
