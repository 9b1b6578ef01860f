//! The `descriptions` table: at most one description per incident, its
//! UUID derived from the incident's so that every machine writes the same
//! record, each part changed on its own.

use anyhow::Result;
use rusqlite::Connection;

use super::models;
use crate::model::Description;
use crate::model::exchange::ExDescription;

/// An incident's description (every part empty when none is written yet).
pub(crate) fn of(conn: &Connection, incident_id: i64) -> Result<Description> {
    Ok(models(
        conn,
        "d",
        "summary, impact, scope, detection, triggered_by, resolution, long_term",
        "descriptions d WHERE d.incident_id = ?1",
        [incident_id],
    )?
    .pop()
    .unwrap_or_default())
}

table!(Descriptions: ExDescription, "descriptions" "d", "d.clock, d.uuid");
