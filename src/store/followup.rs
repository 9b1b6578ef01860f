//! Follow-up across incidents: every incident's action items with the
//! incident they came from, and the resolved incidents whose review meeting
//! is due, overdue or held. Each reads only the columns it shows.

use anyhow::Result;

use super::Store;
use super::incidents::{COLUMNS, incident_from_row};
use super::review::{ACTION_COLUMNS, ActionFilter, action_from_row};
use crate::model::Incident;
use crate::model::followup::ActionOf;

impl Store {
    /// Action items of every incident that pass `filter` (its `incident` is
    /// ignored), by due date (items without one last), then number.
    pub fn actions_across(&self, filter: &ActionFilter) -> Result<Vec<ActionOf>> {
        // The action columns, prefixed for the join; one constant, no input.
        let columns = ACTION_COLUMNS
            .split(',')
            .map(|c| format!("a.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!(
                "SELECT {columns}, i.title, i.drill FROM actions a \
                 JOIN incidents i ON i.id = a.incident_id \
                 WHERE (NOT ?1 OR a.status = 'open') \
                   AND (?2 IS NULL OR (a.status = 'open' AND a.due IS NOT NULL AND a.due < ?2)) \
                   AND (?3 IS NULL OR lower(a.owner) = lower(?3)) \
                   AND (?4 IS NULL OR (a.due IS NOT NULL AND a.due < ?4)) \
                 ORDER BY a.due IS NULL, a.due, a.id"
            ))?;
            let rows = stmt.query_map(
                rusqlite::params![
                    filter.open_only,
                    filter.overdue_on.map(|d| d.to_string()),
                    filter.owner,
                    filter.due_before.map(|d| d.to_string())
                ],
                |r| {
                    Ok(ActionOf {
                        action: action_from_row(r)?,
                        incident_title: r.get(12)?,
                        drill: r.get(13)?,
                    })
                },
            )?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// The resolved incidents, by id: those whose review meeting is due,
    /// overdue or held.
    pub fn resolved_incidents(&self) -> Result<Vec<Incident>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!(
                "SELECT {COLUMNS} FROM incidents \
                 WHERE status = 'resolved' AND resolved_at IS NOT NULL ORDER BY id"
            ))?;
            let rows = stmt.query_map([], incident_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}
