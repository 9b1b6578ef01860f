//! The `descriptions` table: at most one description per incident, its
//! UUID derived from the incident's so that every machine writes the same
//! record, each part changed on its own.

use anyhow::Result;
use rusqlite::{Connection, Row};

use super::{bad, one};
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

table!(Descriptions: ExDescription, "descriptions" "d", "d.clock, d.uuid");
