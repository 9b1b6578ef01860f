//! Merges an exchange document into this database by UUID, in one
//! transaction: a record whose UUID is new here is added (with new local
//! ids), an identical one is left alone, and one that differs is a conflict
//! this database wins, except where a rule says which side is newer (see
//! docs/sharing.md). Importing the same document twice changes
//! nothing the second time.

use std::time::Duration;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use super::super::Store;
use super::export::{
    ACTION, ASSIGNMENT, CHECKLIST, DESCRIPTION, ENTRY, FACTOR, INCIDENT, POST, ROLE, TASK,
    action_row, assignment_row, checklist_row, description_row, entry_row, factor_row,
    incident_row, post_row, role_row, task_row,
};
use crate::error::UserError;
use crate::model::exchange::{
    Document, ExIncident, IncidentMerge, RecordKind, differences, differences_in,
};
use crate::model::{Severity, Status};

/// The fields of an incident that are not its changeable state.
const NOT_STATE: &[&str] = &[
    "uuid",
    "created_at",
    "created_by",
    "updated_at",
    "timeline",
    "assignments",
    "roles",
    "tasks",
    "description",
    "factors",
    "actions",
    "lessons",
    "checklist",
    "update_posts",
];

impl Store {
    /// Merges a checked document (see [`crate::model::exchange::parse`]) in
    /// one IMMEDIATE transaction, all or nothing, and says what it did per
    /// incident. With `dry_run`, the merge runs on a copy in memory and this
    /// database is not touched.
    pub fn import_document(&mut self, doc: &Document, dry_run: bool) -> Result<Vec<IncidentMerge>> {
        if dry_run {
            return self.read(|conn| {
                let mut copy = Connection::open_in_memory()?;
                rusqlite::backup::Backup::new(conn, &mut copy)?.run_to_completion(
                    1024,
                    Duration::ZERO,
                    None,
                )?;
                let tx = copy.transaction_with_behavior(TransactionBehavior::Immediate)?;
                merge(&tx, doc)
            });
        }
        self.write(|tx| merge(tx, doc))
    }
}

fn merge(conn: &Connection, doc: &Document) -> Result<Vec<IncidentMerge>> {
    doc.incidents
        .iter()
        .enumerate()
        .map(|(i, x)| merge_incident(conn, i, x))
        .collect()
}

/// A record with this UUID already here: its incident and its value.
fn find<T>(
    conn: &Connection,
    sql: &str,
    uuid: &str,
    f: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Option<T>> {
    Ok(conn.prepare_cached(sql)?.query_row([uuid], f).optional()?)
}

/// A UUID of the document names a record of another incident here: the
/// file and this database disagree on what the record is, and no merge
/// rule can settle that.
fn elsewhere(path: &str, uuid: &str, incident: i64) -> anyhow::Error {
    UserError::new(format!(
        "{path}: {uuid} is a record of incident #{incident} in this database, \
         not of this incident; nothing was imported"
    ))
    .hint("was the file edited by hand? export it again from the other machine")
    .into()
}

/// An immutable record: added when new, else identical or a conflict.
#[allow(clippy::too_many_arguments)]
fn immutable<T: serde::Serialize>(
    m: &mut IncidentMerge,
    kind: RecordKind,
    label: &str,
    path: &str,
    uuid: &str,
    here: Option<(i64, T)>,
    there: &T,
    insert: impl FnOnce() -> Result<()>,
) -> Result<()> {
    match here {
        None => {
            insert()?;
            m.add(kind);
        }
        Some((incident, _)) if incident != m.id => return Err(elsewhere(path, uuid, incident)),
        Some((_, here)) => {
            let diff = differences(&here, there, &[]);
            if diff.is_empty() {
                m.unchanged += 1;
            } else {
                m.conflicts.push(format!(
                    "{} {label} ({uuid}) differs: {}; kept this database's",
                    kind.name(),
                    diff.join("; ")
                ));
            }
        }
    }
    Ok(())
}

/// A record whose `done` fields go one way: done on either side is done
/// (`mark_done` takes the file's), done differently on both is a conflict,
/// and any other field that differs is a conflict too. `what` names the
/// record in the report, and conflicts give its `uuid`.
fn done_one_way<T: serde::Serialize>(
    m: &mut IncidentMerge,
    (what, uuid): (&str, &str),
    (here, done_here): (&T, bool),
    (there, done_there): (&T, bool),
    done_fields: &[&str],
    done_by: Option<&str>,
    mark_done: impl FnOnce() -> Result<()>,
) -> Result<()> {
    let diff = differences(here, there, done_fields);
    if !diff.is_empty() {
        m.conflicts.push(format!(
            "{what} ({uuid}) differs: {}; kept this database's",
            diff.join("; ")
        ));
    }
    let done_diff = differences_in(here, there, done_fields);
    match (done_here, done_there) {
        (false, true) => {
            mark_done()?;
            m.updated.push(format!(
                "{what} done, as in the file (by {})",
                done_by.unwrap_or_default()
            ));
        }
        (true, true) if !done_diff.is_empty() => m.conflicts.push(format!(
            "{what} ({uuid}) was done differently: {}; kept this database's",
            done_diff.join("; ")
        )),
        _ if diff.is_empty() => m.unchanged += 1,
        _ => {}
    }
    Ok(())
}

/// A row mapper that also reads the incident's id, selected right after
/// `columns` (one of the column lists above).
fn with_incident<T>(
    map: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
    columns: &str,
) -> impl FnOnce(&Row<'_>) -> rusqlite::Result<(i64, T)> {
    let col = columns.split(',').count();
    move |r| Ok((r.get(col)?, map(r)?))
}

fn merge_incident(conn: &Connection, i: usize, x: &ExIncident) -> Result<IncidentMerge> {
    let path = |list: &str, j: usize| format!("incidents[{i}].{list}[{j}]");
    let mut m = IncidentMerge {
        title: x.title.clone(),
        ..IncidentMerge::default()
    };
    let mut known = None;
    let here = find(
        conn,
        &format!("SELECT {INCIDENT}, id FROM incidents WHERE uuid = ?1"),
        &x.uuid,
        with_incident(incident_row, INCIDENT),
    )?;
    match here {
        None => {
            insert_incident(conn, x)?;
            m.id = conn.last_insert_rowid();
            m.new = true;
            m.add(RecordKind::Incident);
        }
        Some((id, here)) => {
            m.id = id;
            m.title.clone_from(&here.title);
            let declared = differences(&here, x, &[])
                .into_iter()
                .filter(|d| d.starts_with("created_at ") || d.starts_with("created_by "));
            let declared: Vec<String> = declared.collect();
            if !declared.is_empty() {
                m.conflicts.push(format!(
                    "the incident in the file has the same UUID ({}) but was declared \
                     differently: {}; nothing of it was imported",
                    x.uuid,
                    declared.join("; ")
                ));
                return Ok(m);
            }
            // The state is merged after the timeline: see `merge_state`.
            known = Some(here);
        }
    }
    let id = m.id;

    for (j, t) in x.tasks.iter().enumerate() {
        let here = find(
            conn,
            &format!("SELECT {TASK}, incident_id FROM tasks WHERE uuid = ?1"),
            &t.uuid,
            with_incident(task_row, TASK),
        )?;
        let label = format!("{:?}", t.body);
        match here {
            None => {
                conn.prepare_cached(
                    "INSERT INTO tasks (uuid, incident_id, body, owner, created_at, created_by, \
                     done_at, done_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    t.uuid,
                    id,
                    t.body,
                    t.owner,
                    t.created_at,
                    t.created_by,
                    t.done_at,
                    t.done_by
                ])?;
                m.add(RecordKind::Task);
            }
            Some((incident, _)) if incident != id => {
                return Err(elsewhere(&path("tasks", j), &t.uuid, incident));
            }
            Some((_, here)) => done_one_way(
                &mut m,
                (&format!("task {label}"), &t.uuid),
                (&here, here.done_at.is_some()),
                (t, t.done_at.is_some()),
                &["done_at", "done_by"],
                t.done_by.as_deref(),
                || {
                    conn.execute(
                        "UPDATE tasks SET done_at = ?2, done_by = ?3 WHERE uuid = ?1",
                        params![t.uuid, t.done_at, t.done_by],
                    )?;
                    Ok(())
                },
            )?,
        }
    }

    for (j, e) in x.timeline.iter().enumerate() {
        let is_task = e.kind == "task" || e.kind == "task-done";
        let here = find(
            conn,
            &format!("SELECT {ENTRY}, incident_id FROM timeline_entries WHERE uuid = ?1"),
            &e.uuid,
            with_incident(entry_row, ENTRY),
        )?;
        // Here, task entries name their task by its local id.
        let here = match here {
            Some((incident, mut entry)) if is_task && incident == id => {
                if let Some(local) = entry
                    .from_value
                    .as_deref()
                    .and_then(|v| v.parse::<i64>().ok())
                {
                    entry.from_value = conn
                        .query_row("SELECT uuid FROM tasks WHERE id = ?1", [local], |r| {
                            r.get(0)
                        })
                        .optional()?
                        .or(entry.from_value);
                }
                Some((incident, entry))
            }
            other => other,
        };
        let label = format!("{} of {}", e.kind, e.event_at);
        immutable(
            &mut m,
            RecordKind::Entry,
            &label,
            &path("timeline", j),
            &e.uuid,
            here,
            e,
            || {
                let from_value = if is_task {
                    let task: i64 = conn.query_row(
                        "SELECT id FROM tasks WHERE uuid = ?1",
                        [e.from_value.as_deref().unwrap_or_default()],
                        |r| r.get(0),
                    )?;
                    Some(task.to_string())
                } else {
                    e.from_value.clone()
                };
                conn.prepare_cached(
                "INSERT INTO timeline_entries \
                 (uuid, incident_id, kind, body, from_value, to_value, event_at, recorded_at, \
                  author, key, private, audience, exit_code, exit_signal, duration_ms, output, \
                  output_lines) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            )?
            .execute(params![
                e.uuid,
                id,
                e.kind,
                e.body,
                from_value,
                e.to_value,
                e.event_at,
                e.recorded_at,
                e.author,
                e.key,
                e.private,
                e.audience,
                e.exit_code,
                e.exit_signal,
                e.duration_ms,
                e.output,
                e.output_lines,
            ])?;
                Ok(())
            },
        )?;
    }

    // A file that brings no timeline entry new here was written before
    // this database last heard from that machine: its older state or
    // role holders are stale, not a change made there meanwhile (every
    // change of state or role is on the timeline).
    let stale = !m.added.iter().any(|(kind, _)| *kind == RecordKind::Entry);
    if let Some(here) = known {
        merge_state(conn, &mut m, &here, x, stale)?;
    }

    for (j, a) in x.assignments.iter().enumerate() {
        let here = find(
            conn,
            &format!("SELECT {ASSIGNMENT}, incident_id FROM assignments WHERE uuid = ?1"),
            &a.uuid,
            with_incident(assignment_row, ASSIGNMENT),
        )?;
        let label = format!("to {:?} at {}", a.name, a.assigned_at);
        immutable(
            &mut m,
            RecordKind::Assignment,
            &label,
            &path("assignments", j),
            &a.uuid,
            here,
            a,
            || {
                conn.prepare_cached(
                    "INSERT INTO assignments (uuid, incident_id, name, from_name, briefing, \
                 assigned_at, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    a.uuid,
                    id,
                    a.name,
                    a.from_name,
                    a.briefing,
                    a.assigned_at,
                    a.recorded_at,
                    a.recorded_by
                ])?;
                Ok(())
            },
        )?;
    }

    // Roles: one holder per role; the later assignment wins.
    for (j, r) in x.roles.iter().enumerate() {
        let same_uuid = find(
            conn,
            "SELECT incident_id, role FROM roles WHERE uuid = ?1",
            &r.uuid,
            |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)),
        )?;
        if let Some((incident, role)) = same_uuid
            && (incident != id || role != r.role)
        {
            return Err(elsewhere(&path("roles", j), &r.uuid, incident));
        }
        let here = conn
            .query_row(
                &format!("SELECT {ROLE} FROM roles WHERE incident_id = ?1 AND role = ?2"),
                params![id, r.role],
                role_row,
            )
            .optional()?;
        match here {
            None => {
                conn.execute(
                    "INSERT INTO roles (uuid, incident_id, role, name, assigned_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![r.uuid, id, r.role, r.name, r.assigned_at],
                )?;
                m.add(RecordKind::Role);
            }
            Some(here) if here.name == r.name && here.assigned_at == r.assigned_at => {
                m.unchanged += 1;
            }
            Some(here) if r.assigned_at > here.assigned_at => {
                conn.execute(
                    "UPDATE roles SET uuid = ?3, name = ?4, assigned_at = ?5 \
                     WHERE incident_id = ?1 AND role = ?2",
                    params![id, r.role, r.uuid, r.name, r.assigned_at],
                )?;
                m.updated.push(format!(
                    "role {:?} given to {:?} as in the file (at {}; {:?} here since {})",
                    r.role, r.name, r.assigned_at, here.name, here.assigned_at
                ));
            }
            Some(here) if stale => m.kept.push(format!(
                "role {:?}: {:?} here since {}, as the file's {:?} since {} is older",
                r.role, here.name, here.assigned_at, r.name, r.assigned_at
            )),
            Some(here) => m.conflicts.push(format!(
                "role {:?} is held by {:?} here (since {}), by {:?} in the file (since {}); \
                 kept this database's, given later",
                r.role, here.name, here.assigned_at, r.name, r.assigned_at
            )),
        }
    }

    // The description: the later edit wins.
    if let Some(d) = &x.description {
        let same_uuid = find(
            conn,
            "SELECT incident_id FROM descriptions WHERE uuid = ?1",
            &d.uuid,
            |row| row.get::<_, i64>(0),
        )?;
        if let Some(incident) = same_uuid
            && incident != id
        {
            return Err(elsewhere(
                &format!("incidents[{i}].description"),
                &d.uuid,
                incident,
            ));
        }
        let here = conn
            .query_row(
                &format!("SELECT {DESCRIPTION} FROM descriptions WHERE incident_id = ?1"),
                [id],
                description_row,
            )
            .optional()?;
        let write = || {
            conn.execute(
                "INSERT INTO descriptions \
                 (incident_id, uuid, summary, impact, scope, detection, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
                 ON CONFLICT (incident_id) DO UPDATE SET uuid = excluded.uuid, \
                 summary = excluded.summary, impact = excluded.impact, scope = excluded.scope, \
                 detection = excluded.detection, updated_at = excluded.updated_at, \
                 updated_by = excluded.updated_by",
                params![
                    id,
                    d.uuid,
                    d.summary,
                    d.impact,
                    d.scope,
                    d.detection,
                    d.updated_at,
                    d.updated_by
                ],
            )
        };
        match here {
            None => {
                write()?;
                m.add(RecordKind::Description);
            }
            Some(here) => {
                let diff = differences(&here, d, &["uuid", "updated_at", "updated_by"]);
                if diff.is_empty() {
                    m.unchanged += 1;
                } else if d.updated_at > here.updated_at {
                    write()?;
                    m.updated.push(format!(
                        "description taken from the file, written later there: {}",
                        diff.join("; ")
                    ));
                } else {
                    m.conflicts.push(format!(
                        "description differs: {}; kept this database's, written at {} here, {} in the file",
                        diff.join("; "),
                        here.updated_at,
                        d.updated_at
                    ));
                }
            }
        }
    }

    // Factors and lessons: the same columns, written once.
    for (table, kind, list) in [
        ("factors", RecordKind::Factor, &x.factors),
        ("lessons", RecordKind::Lesson, &x.lessons),
    ] {
        for (j, f) in list.iter().enumerate() {
            let here = find(
                conn,
                &format!("SELECT {FACTOR}, incident_id FROM {table} WHERE uuid = ?1"),
                &f.uuid,
                with_incident(factor_row, FACTOR),
            )?;
            let label = format!("{:?}", f.body);
            immutable(
                &mut m,
                kind,
                &label,
                &path(table, j),
                &f.uuid,
                here,
                f,
                || {
                    conn.prepare_cached(&format!(
                        "INSERT INTO {table} (uuid, incident_id, body, kind, created_at, \
                         created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                    ))?
                    .execute(params![
                        f.uuid,
                        id,
                        f.body,
                        f.kind,
                        f.created_at,
                        f.created_by
                    ])?;
                    Ok(())
                },
            )?;
        }
    }

    // Action items: closing (done or won't do) is one-way, like a task's
    // done; any other difference is a conflict.
    for (j, a) in x.actions.iter().enumerate() {
        let here = find(
            conn,
            &format!("SELECT {ACTION}, incident_id FROM actions WHERE uuid = ?1"),
            &a.uuid,
            with_incident(action_row, ACTION),
        )?;
        let label = format!("{:?}", a.body);
        match here {
            None => {
                conn.prepare_cached(
                    "INSERT INTO actions (uuid, incident_id, body, owner, due, priority, type, \
                     status, created_at, created_by, closed_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )?
                .execute(params![
                    a.uuid,
                    id,
                    a.body,
                    a.owner,
                    a.due,
                    a.priority,
                    a.action_type,
                    a.status,
                    a.created_at,
                    a.created_by,
                    a.closed_at
                ])?;
                m.add(RecordKind::Action);
            }
            Some((incident, _)) if incident != id => {
                return Err(elsewhere(&path("actions", j), &a.uuid, incident));
            }
            Some((_, here)) => {
                let open = |status: &str| status == "open";
                let diff = differences(&here, a, &["status", "closed_at"]);
                if !diff.is_empty() {
                    m.conflicts.push(format!(
                        "action item {label} ({}) differs: {}; kept this database's",
                        a.uuid,
                        differences(&here, a, &[]).join("; ")
                    ));
                } else if here.status == a.status && here.closed_at == a.closed_at {
                    m.unchanged += 1;
                } else if open(&here.status) && !open(&a.status) {
                    conn.execute(
                        "UPDATE actions SET status = ?2, closed_at = ?3 WHERE uuid = ?1",
                        params![a.uuid, a.status, a.closed_at],
                    )?;
                    m.updated.push(format!(
                        "action item {label} {}, as in the file",
                        if a.status == "done" {
                            "done"
                        } else {
                            "closed as won't do"
                        }
                    ));
                } else if !open(&here.status) && open(&a.status) {
                    m.unchanged += 1;
                } else {
                    m.conflicts.push(format!(
                        "action item {label} ({}) was closed differently: {}; kept this database's",
                        a.uuid,
                        differences(&here, a, &[]).join("; ")
                    ));
                }
            }
        }
    }

    for (j, c) in x.checklist.iter().enumerate() {
        let here = find(
            conn,
            &format!("SELECT {CHECKLIST}, incident_id FROM checklist_items WHERE uuid = ?1"),
            &c.uuid,
            with_incident(checklist_row, CHECKLIST),
        )?;
        let label = format!("{} {:?}", c.position, c.body);
        match here {
            None => {
                let taken: Option<String> = conn
                    .query_row(
                        "SELECT uuid FROM checklist_items WHERE incident_id = ?1 AND position = ?2",
                        params![id, c.position],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(other) = taken {
                    m.conflicts.push(format!(
                        "checklist item {label} ({}) is not added: its number is another item's \
                         here ({other})",
                        c.uuid
                    ));
                    continue;
                }
                conn.execute(
                    "INSERT INTO checklist_items (uuid, incident_id, position, area, body, \
                     created_at, created_by, done_at, done_by, note) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        c.uuid,
                        id,
                        c.position,
                        c.area,
                        c.body,
                        c.created_at,
                        c.created_by,
                        c.done_at,
                        c.done_by,
                        c.note
                    ],
                )?;
                m.add(RecordKind::ChecklistItem);
            }
            Some((incident, _)) if incident != id => {
                return Err(elsewhere(&path("checklist", j), &c.uuid, incident));
            }
            Some((_, here)) => done_one_way(
                &mut m,
                (&format!("checklist item {label}"), &c.uuid),
                (&here, here.done_at.is_some()),
                (c, c.done_at.is_some()),
                &["done_at", "done_by", "note"],
                c.done_by.as_deref(),
                || {
                    conn.execute(
                        "UPDATE checklist_items SET done_at = ?2, done_by = ?3, note = ?4 \
                         WHERE uuid = ?1",
                        params![c.uuid, c.done_at, c.done_by, c.note],
                    )?;
                    Ok(())
                },
            )?,
        }
    }

    for (j, p) in x.update_posts.iter().enumerate() {
        let here = find(
            conn,
            &format!(
                "SELECT {POST}, e.incident_id FROM update_posts p \
                 JOIN timeline_entries e ON e.id = p.entry_id WHERE p.uuid = ?1"
            ),
            &p.uuid,
            with_incident(post_row, POST),
        )?;
        let label = format!("of {}", p.attempted_at);
        immutable(
            &mut m,
            RecordKind::UpdatePost,
            &label,
            &path("update_posts", j),
            &p.uuid,
            here,
            p,
            || {
                conn.prepare_cached(
                "INSERT INTO update_posts (uuid, entry_id, attempted_at, attempted_by, outcome, \
                 detail) \
                 SELECT ?1, id, ?3, ?4, ?5, ?6 FROM timeline_entries WHERE uuid = ?2",
            )?
            .execute(params![
                p.uuid,
                p.entry,
                p.attempted_at,
                p.attempted_by,
                p.outcome,
                p.detail
            ])?;
                Ok(())
            },
        )?;
    }
    // Status, severity and commander follow the records, once the file
    // brought new ones.
    if !m.new
        && m.added
            .iter()
            .any(|(kind, _)| matches!(kind, RecordKind::Entry | RecordKind::Assignment))
    {
        settle_state(conn, &mut m)?;
    }
    Ok(m)
}

/// The parts of an incident's state that its merged records tell: its
/// status (and resolution time) from the latest status change on the
/// timeline, its severity from the latest severity change, its commander
/// from the latest assignment. Two machines that changed different parts
/// at the same time both keep their change, and the board agrees with the
/// timeline on both.
const FROM_RECORDS: &[&str] = &["status", "resolved_at", "severity", "commander"];

/// Sets the state [`FROM_RECORDS`] names from the merged records.
fn settle_state(conn: &Connection, m: &mut IncidentMerge) -> Result<()> {
    let latest = |kinds: &str| -> Result<Option<(String, Option<String>, String)>> {
        Ok(conn
            .query_row(
                &format!(
                    "SELECT kind, to_value, event_at FROM timeline_entries \
                     WHERE incident_id = ?1 AND kind IN ({kinds}) \
                     ORDER BY event_at DESC, recorded_at DESC, id DESC LIMIT 1"
                ),
                [m.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    };
    let status = latest("'declared', 'status', 'resolved', 'reopened'")?.map(|(kind, to, at)| {
        match kind.as_str() {
            "declared" => (Status::Investigating.as_str().to_string(), None),
            "resolved" => (Status::Resolved.as_str().to_string(), Some(at)),
            _ => (to.unwrap_or_default(), None),
        }
    });
    let severity = latest("'declared', 'severity'")?
        .and_then(|(_, to, _)| to)
        .and_then(|to| to.parse::<Severity>().ok());
    let commander: Option<String> = conn
        .query_row(
            "SELECT name FROM assignments WHERE incident_id = ?1 \
             ORDER BY assigned_at DESC, id DESC LIMIT 1",
            [m.id],
            |r| r.get(0),
        )
        .optional()?;
    let (here_status, here_resolved, here_severity, here_commander): (
        String,
        Option<String>,
        u8,
        String,
    ) = conn.query_row(
        "SELECT status, resolved_at, severity, commander FROM incidents WHERE id = ?1",
        [m.id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let mut changed = Vec::new();
    if let Some((status, resolved_at)) = status
        && Status::ALL.iter().any(|s| s.as_str() == status)
        && (status != here_status || resolved_at != here_resolved)
    {
        conn.execute(
            "UPDATE incidents SET status = ?2, resolved_at = ?3 WHERE id = ?1",
            params![m.id, status, resolved_at],
        )?;
        changed.push(format!("status {status}"));
    }
    if let Some(severity) = severity
        && severity.level() != here_severity
    {
        conn.execute(
            "UPDATE incidents SET severity = ?2 WHERE id = ?1",
            params![m.id, severity.level()],
        )?;
        changed.push(format!("severity {severity}"));
    }
    if let Some(commander) = commander
        && commander != here_commander
    {
        conn.execute(
            "UPDATE incidents SET commander = ?2 WHERE id = ?1",
            params![m.id, commander],
        )?;
        changed.push(format!("commander {commander}"));
    }
    if !changed.is_empty() {
        m.updated.push(format!(
            "incident state set from the merged timeline: {}",
            changed.join(", ")
        ));
    }
    Ok(())
}

/// The incident's changeable state (key times, links, security, title,
/// drill, review meeting): the later change wins. A file whose state is
/// older is a conflict, unless it is `stale`. A link set on one side only
/// is taken whatever the times: an import never clears a link. Status,
/// severity and commander follow the merged records ([`settle_state`]).
fn merge_state(
    conn: &Connection,
    m: &mut IncidentMerge,
    here: &ExIncident,
    x: &ExIncident,
    stale: bool,
) -> Result<()> {
    let mut filled = here.clone();
    let mut links = Vec::new();
    for (name, mine, theirs) in [
        ("channel", &mut filled.channel, &x.channel),
        ("bridge", &mut filled.bridge, &x.bridge),
        ("ticket", &mut filled.ticket, &x.ticket),
    ] {
        if mine.is_none() && theirs.is_some() {
            mine.clone_from(theirs);
            links.push(name);
        }
    }
    if !links.is_empty() {
        conn.execute(
            "UPDATE incidents SET channel = ?2, bridge = ?3, ticket = ?4 WHERE id = ?1",
            params![m.id, filled.channel, filled.bridge, filled.ticket],
        )?;
        m.updated.push(format!(
            "{} set from the file, not set here",
            links.join(", ")
        ));
    }
    let here = &filled;
    let ignored: Vec<&str> = NOT_STATE.iter().chain(FROM_RECORDS).copied().collect();
    let diff = differences(here, x, &ignored);
    if diff.is_empty() {
        m.unchanged += 1;
        if x.updated_at > here.updated_at {
            conn.execute(
                "UPDATE incidents SET updated_at = ?2 WHERE id = ?1",
                params![m.id, x.updated_at],
            )?;
        }
    } else if x.updated_at > here.updated_at {
        save_state(conn, m.id, x)?;
        m.title.clone_from(&x.title);
        m.updated.push(format!(
            "incident state taken from the file, changed later there ({} there, {} here): {}",
            x.updated_at,
            here.updated_at,
            diff.join("; ")
        ));
    } else if stale {
        m.unchanged += 1;
        m.kept.push(format!(
            "incident state: the file's is older ({} there, {} here)",
            x.updated_at, here.updated_at
        ));
    } else {
        m.conflicts.push(format!(
            "incident state differs: {}; kept this database's, changed at {} here, {} in the file",
            diff.join("; "),
            here.updated_at,
            x.updated_at
        ));
    }
    Ok(())
}

fn insert_incident(conn: &Connection, x: &ExIncident) -> Result<()> {
    conn.execute(
        "INSERT INTO incidents (uuid, title, severity, status, security, commander, started_at, \
         detected_at, mitigated_at, resolved_at, created_at, created_by, updated_at, channel, \
         bridge, ticket, drill, review_held_at, review_held_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
         ?18, ?19)",
        params![
            x.uuid,
            x.title,
            x.severity,
            x.status,
            x.security,
            x.commander,
            x.started_at,
            x.detected_at,
            x.mitigated_at,
            x.resolved_at,
            x.created_at,
            x.created_by,
            x.updated_at,
            x.channel,
            x.bridge,
            x.ticket,
            x.drill,
            x.review_held_at,
            x.review_held_by,
        ],
    )?;
    Ok(())
}

fn save_state(conn: &Connection, id: i64, x: &ExIncident) -> Result<()> {
    // Status, resolution, severity and commander follow the records
    // instead: see `settle_state`.
    conn.execute(
        "UPDATE incidents SET title = ?2, security = ?3, started_at = ?4, detected_at = ?5, \
         mitigated_at = ?6, updated_at = ?7, channel = coalesce(?8, channel), \
         bridge = coalesce(?9, bridge), ticket = coalesce(?10, ticket), drill = ?11, \
         review_held_at = ?12, review_held_by = ?13 \
         WHERE id = ?1",
        params![
            id,
            x.title,
            x.security,
            x.started_at,
            x.detected_at,
            x.mitigated_at,
            x.updated_at,
            x.channel,
            x.bridge,
            x.ticket,
            x.drill,
            x.review_held_at,
            x.review_held_by,
        ],
    )?;
    Ok(())
}
