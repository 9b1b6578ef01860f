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

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::model::followup::record_held;
    use crate::model::{IncidentRef, NewIncident, Priority, Severity, Status};
    use crate::store::{NewAction, Stamp, StoreOptions};
    use crate::time::Zone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, hour, 0, 0).unwrap()
    }

    fn stamp(hour: u32) -> Stamp {
        Stamp {
            author: "alice".into(),
            now: at(hour),
        }
    }

    fn store_with(titles: &[(&str, bool)]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut s =
            Store::open_write(&dir.path().join("inc.db"), &StoreOptions::default()).unwrap();
        for (title, drill) in titles {
            s.create_incident(&NewIncident {
                links: Default::default(),
                drill: *drill,
                title: (*title).into(),
                severity: Severity::DEFAULT,
                security: false,
                commander: "alice".into(),
                started_at: at(1),
                detected_at: at(1),
                created_at: at(1),
                recorded_at: at(1),
                author: "alice".into(),
            })
            .unwrap();
        }
        (dir, s)
    }

    fn add(s: &mut Store, incident: i64, text: &str, due: Option<&str>) {
        s.add_action(
            IncidentRef::Id(incident),
            &stamp(2),
            &NewAction {
                text: text.into(),
                owner: "sre".into(),
                due: due.map(|d| d.parse::<NaiveDate>().unwrap()),
                priority: Priority::P2,
                action_type: None,
            },
        )
        .unwrap();
    }

    #[test]
    fn actions_across_sort_by_due_then_number_with_their_incident() {
        let (_d, mut s) = store_with(&[("First", false), ("Drill", true)]);
        add(&mut s, 1, "none", None);
        add(&mut s, 2, "late", Some("2026-11-30"));
        add(&mut s, 1, "early", Some("2026-11-20"));
        add(&mut s, 2, "late too", Some("2026-11-30"));
        let all = s.actions_across(&ActionFilter::default()).unwrap();
        let order: Vec<(i64, &str, bool)> = all
            .iter()
            .map(|a| (a.action.id, a.incident_title.as_str(), a.drill))
            .collect();
        assert_eq!(
            order,
            [
                (3, "First", false),
                (2, "Drill", true),
                (4, "Drill", true),
                (1, "First", false)
            ]
        );
        let before = s
            .actions_across(&ActionFilter {
                due_before: Some("2026-11-30".parse().unwrap()),
                ..ActionFilter::default()
            })
            .unwrap();
        assert_eq!(before.len(), 1);
        assert_eq!(before[0].action.id, 3);
    }

    #[test]
    fn an_action_is_found_by_number_alone_unless_an_incident_is_named() {
        let (_d, mut s) = store_with(&[("First", false), ("Second", false)]);
        add(&mut s, 1, "first's", None);
        let changed = s
            .update_action(None, 1, &stamp(3), |a| {
                a.owner = "bob".into();
                Ok(())
            })
            .unwrap();
        assert_eq!((changed.incident_id, changed.owner.as_str()), (1, "bob"));
        let err = s
            .update_action(Some(IncidentRef::Id(2)), 1, &stamp(3), |a| {
                a.owner = "carol".into();
                Ok(())
            })
            .unwrap_err();
        assert!(err.to_string().contains("action 1 belongs to #1, not #2"));
        let list = s.actions_across(&ActionFilter::default()).unwrap();
        assert_eq!(list[0].action.owner, "bob");
    }

    #[test]
    fn the_meeting_held_is_written_in_the_incident_and_read_back() {
        let (_d, mut s) = store_with(&[("First", false)]);
        let zone = Zone::utc();
        s.update_incident(IncidentRef::Id(1), &stamp(4), |i| {
            i.status = Status::Resolved;
            i.resolved_at = Some(at(4));
            Ok(vec![])
        })
        .unwrap();
        // A refusal writes nothing.
        let refused = s.update_incident(IncidentRef::Id(1), &stamp(5), |i| {
            record_held(i, at(3), "alice", at(5), false, &zone)?;
            Ok(vec![])
        });
        assert!(refused.is_err());
        assert!(s.resolved_incidents().unwrap()[0].review_held.is_none());
        s.update_incident(IncidentRef::Id(1), &stamp(5), |i| {
            record_held(i, at(5), "alice", at(5), false, &zone)?;
            Ok(vec![])
        })
        .unwrap();
        let held = s.resolved_incidents().unwrap()[0]
            .review_held
            .clone()
            .unwrap();
        assert_eq!((held.at, held.by.as_str()), (at(5), "alice"));
    }
}
