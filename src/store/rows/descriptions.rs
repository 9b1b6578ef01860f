//! The `descriptions` table: at most one description per incident, its
//! UUID derived from the incident's so that every machine writes the same
//! record, each part changed on its own.

use anyhow::Result;
use rusqlite::{Connection, Row, params};

use super::{Table, all, bad, changed_at, changed_to_sql, insert_sql, one, update_sql};
use crate::model::exchange::ExDescription;
use crate::model::{Description, Scope};

const COLUMNS: &str =
    "d.incident_id, d.uuid, d.clock, d.summary, d.impact, d.scope, d.detection, d.changed";

fn description(r: &Row<'_>) -> rusqlite::Result<Description> {
    let scope: Option<String> = r.get(5)?;
    Ok(Description {
        summary: r.get(3)?,
        impact: r.get(4)?,
        scope: scope
            .map(|s| Scope::parse(&s).map_err(|e| bad(5, e.to_string())))
            .transpose()?,
        detection: r.get(6)?,
    })
}

fn record(r: &Row<'_>) -> rusqlite::Result<ExDescription> {
    Ok(ExDescription {
        uuid: r.get(1)?,
        clock: r.get(2)?,
        summary: r.get(3)?,
        impact: r.get(4)?,
        scope: r.get(5)?,
        detection: r.get(6)?,
        changed: changed_at(r, 7)?,
    })
}

/// An incident's description (every part empty when none is written yet).
pub(crate) fn of(conn: &Connection, incident_id: i64) -> Result<Description> {
    Ok(one(
        conn,
        &format!("SELECT {COLUMNS} FROM descriptions d WHERE d.incident_id = ?1"),
        [incident_id],
        description,
    )?
    .unwrap_or_default())
}

/// An incident's description record, if it has one.
pub(crate) fn record_of(conn: &Connection, incident_id: i64) -> Result<Option<ExDescription>> {
    one(
        conn,
        &format!("SELECT {COLUMNS} FROM descriptions d WHERE d.incident_id = ?1"),
        [incident_id],
        record,
    )
}

pub(crate) struct Descriptions;

impl Table for Descriptions {
    type Record = ExDescription;

    fn find(conn: &Connection, uuid: &str) -> Result<Option<(i64, ExDescription)>> {
        one(
            conn,
            &format!("SELECT {COLUMNS} FROM descriptions d WHERE d.uuid = ?1"),
            [uuid],
            |r| Ok((r.get(0)?, record(r)?)),
        )
    }

    fn of_incident(conn: &Connection, incident_id: i64) -> Result<Vec<ExDescription>> {
        all(
            conn,
            &format!("SELECT {COLUMNS} FROM descriptions d WHERE d.incident_id = ?1"),
            [incident_id],
            record,
        )
    }

    fn insert(conn: &Connection, incident_id: i64, d: &ExDescription) -> Result<()> {
        write(conn, &insert_sql("descriptions", &WRITTEN), incident_id, d)
    }

    fn update(conn: &Connection, incident_id: i64, d: &ExDescription) -> Result<()> {
        write(conn, &update_sql("descriptions", &WRITTEN), incident_id, d)
    }
}

/// The columns a record is written to, its UUID first.
const WRITTEN: [&str; 8] = [
    "uuid",
    "incident_id",
    "clock",
    "summary",
    "impact",
    "scope",
    "detection",
    "changed",
];

/// Runs the INSERT or UPDATE `sql` of [`WRITTEN`] with a record's values.
fn write(conn: &Connection, sql: &str, incident_id: i64, d: &ExDescription) -> Result<()> {
    conn.prepare_cached(sql)?.execute(params![
        d.uuid,
        incident_id,
        d.clock,
        d.summary,
        d.impact,
        d.scope,
        d.detection,
        changed_to_sql(&d.changed),
    ])?;
    Ok(())
}
