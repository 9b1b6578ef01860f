//! The records `inc stats` counts: the few columns it needs of the incidents
//! that started in a range, and the open action items, in two queries on
//! one snapshot. The counting itself is in `crate::model::stats`.

use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Store, opt_date_at, opt_time_at, time_at, time_to_sql};
use crate::model::stats::{OpenAction, StatIncident};
use crate::model::{Severity, Status};

/// Which incidents `inc stats` reads: started in `[since, until)`, of one
/// severity. Drills and cancelled incidents are read too, so that the
/// output can say how many were left out.
#[derive(Debug, Clone, Default)]
pub struct StatsFilter {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub severity: Option<Severity>,
}

impl Store {
    /// The incidents `filter` chooses, in no order, and every open action item
    /// (the caller keeps those of the incidents it counts).
    pub fn stats_records(
        &self,
        filter: &StatsFilter,
    ) -> Result<(Vec<StatIncident>, Vec<OpenAction>)> {
        self.snapshot(|store| {
            store.read(|conn| {
                // Times are fixed-width UTC text, so text order is time
                // order and `incidents_by_started` serves a range. Without
                // one, reading the table straight through is faster than
                // going through the index for every row.
                let range = if filter.since.is_some() || filter.until.is_some() {
                    "started_at >= ?1 AND started_at < ?2"
                } else {
                    "?1 IS NULL AND ?2 IS NULL"
                };
                let mut stmt = conn.prepare(&format!(
                    "SELECT id, title, severity, status, drill, started_at, detected_at, \
                            mitigated_at, resolved_at, review_held_at \
                     FROM incidents \
                     WHERE {range} AND (?3 IS NULL OR severity = ?3)"
                ))?;
                // A bound not given is one every stored time passes.
                let since = filter.since.map(time_to_sql);
                let until = filter.until.map(time_to_sql);
                let (since, until) = match (since, until) {
                    (None, None) => (None, None),
                    (s, u) => (
                        Some(s.unwrap_or_default()),
                        Some(u.unwrap_or_else(|| "~".to_string())),
                    ),
                };
                let incidents = stmt
                    .query_map(
                        params![since, until, filter.severity.map(Severity::level)],
                        |r| {
                            let bad = |col: usize, what: String| {
                                rusqlite::Error::FromSqlConversionFailure(
                                    col,
                                    rusqlite::types::Type::Text,
                                    what.into(),
                                )
                            };
                            let level: u8 = r.get(2)?;
                            let status: String = r.get(3)?;
                            Ok(StatIncident {
                                id: r.get(0)?,
                                title: r.get(1)?,
                                severity: Severity::new(level)
                                    .ok_or_else(|| bad(2, format!("severity {level}")))?,
                                status: status
                                    .parse::<Status>()
                                    .map_err(|_| bad(3, format!("status {status:?}")))?,
                                drill: r.get(4)?,
                                started_at: time_at(r, 5)?,
                                detected_at: time_at(r, 6)?,
                                mitigated_at: opt_time_at(r, 7)?,
                                resolved_at: opt_time_at(r, 8)?,
                                review_held_at: opt_time_at(r, 9)?,
                            })
                        },
                    )?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                let mut stmt = conn
                    .prepare("SELECT incident_id, owner, due FROM actions WHERE status = 'open'")?;
                let actions = stmt
                    .query_map([], |r| {
                        Ok(OpenAction {
                            incident_id: r.get(0)?,
                            owner: r.get(1)?,
                            due: opt_date_at(r, 2)?,
                        })
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok((incidents, actions))
            })
        })
    }
}
