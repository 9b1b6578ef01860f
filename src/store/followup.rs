//! Follow-up across incidents: every incident's action items with the
//! incident they came from, and the resolved incidents whose review meeting
//! is due, overdue or held. Each reads only the columns it shows.

use anyhow::Result;

use chrono::{DateTime, Utc};

use super::Store;
use super::review::ActionFilter;
use super::rows::{actions, incidents};
use crate::model::followup::ActionOf;
use crate::model::{Incident, IncidentRef, ReviewHeld};

impl Store {
    /// Records when an incident's review meeting was held: `change` sees
    /// the incident and the time now (read under the write lock) and sets
    /// its `review_held`, or refuses. Returns the incident as it is now and
    /// the meeting recorded before, if any.
    pub fn record_review_held(
        &mut self,
        which: IncidentRef,
        author: &str,
        change: impl FnOnce(&mut Incident, DateTime<Utc>) -> Result<()>,
    ) -> Result<(Incident, Option<ReviewHeld>)> {
        self.write(author, |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            let mut incident = incidents::load(tx.conn, id)?;
            let before = incident.review_held.clone();
            change(&mut incident, tx.now)?;
            incidents::set_review_held(tx.conn, id, incident.review_held.as_ref(), &tx.tick())?;
            Ok((incidents::load(tx.conn, id)?, before))
        })
    }

    /// Moves an incident's review document (its status, its owner):
    /// `change` sees the incident and changes them, or refuses. Returns
    /// the incident before and after.
    pub fn set_review_document(
        &mut self,
        which: IncidentRef,
        author: &str,
        change: impl FnOnce(&mut Incident) -> Result<()>,
    ) -> Result<(Incident, Incident)> {
        self.write(author, |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            let before = incidents::load(tx.conn, id)?;
            let mut after = before.clone();
            change(&mut after)?;
            incidents::set_review_document(tx.conn, &before, &after, &tx.tick())?;
            Ok((before, incidents::load(tx.conn, id)?))
        })
    }

    /// Action items of every incident that pass `filter` (its `incident` is
    /// ignored), by due date (items without one last), then in the order
    /// they were added.
    pub fn actions_across(&self, filter: &ActionFilter) -> Result<Vec<ActionOf>> {
        self.read(|conn| {
            let (condition, values) = filter.condition(1);
            let list: Vec<ActionOf> = super::rows::models(
                conn,
                "a",
                &format!(
                    "{}, incident_title = i.title, drill? = i.drill",
                    actions::ACTION
                ),
                &format!(
                    "actions a JOIN incidents i ON i.id = a.incident_id \
                     WHERE i.status <> 'cancelled' AND {condition} \
                     ORDER BY a.due IS NULL, a.due, {}",
                    actions::ORDER
                ),
                rusqlite::params_from_iter(values),
            )?;
            let (mut actions, rest): (Vec<_>, Vec<_>) = list
                .into_iter()
                .map(|a| (a.action, (a.incident_title, a.drill)))
                .unzip();
            actions = super::review::named_actions(conn, actions)?;
            Ok(actions
                .into_iter()
                .zip(rest)
                .map(|(action, (incident_title, drill))| ActionOf {
                    action,
                    incident_title,
                    drill,
                })
                .collect())
        })
    }

    /// The resolved incidents, in the order they were declared: those
    /// whose review meeting is due, overdue or held.
    pub fn resolved_incidents(&self) -> Result<Vec<Incident>> {
        self.read(|conn| {
            super::rows::all(
                conn,
                &format!(
                    "SELECT {} FROM incidents i \
                     WHERE i.status = 'resolved' AND i.resolved_at IS NOT NULL ORDER BY {}",
                    incidents::COLUMNS,
                    incidents::ORDER
                ),
                [],
                incidents::incident,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::clock::Clock;
    use crate::model::followup::record_held;
    use crate::model::{IncidentRef, NewIncident, Priority};
    use crate::store::{NewAction, StoreOptions};
    use crate::time::Zone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, hour, 0, 0).unwrap()
    }

    fn store_with(titles: &[(&str, bool)]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let options = StoreOptions {
            clock: Clock::fixed(at(1)),
            ..StoreOptions::default()
        };
        let mut s = Store::open_write(&dir.path().join("inc.db"), &options).unwrap();
        for (title, drill) in titles {
            let new = NewIncident {
                drill: *drill,
                ..NewIncident::new(title, "alice")
            };
            s.create_incident(&new, "alice", &[]).unwrap();
        }
        (dir, s)
    }

    fn add(s: &mut Store, incident: i64, text: &str, due: Option<&str>) {
        s.add_action(
            IncidentRef::Id(incident),
            "alice",
            &NewAction {
                text: text.into(),
                owner: "sre".into(),
                due: due.map(|d| d.parse::<NaiveDate>().unwrap()),
                priority: Priority::P2,
                action_type: None,
                link: None,
            },
        )
        .unwrap();
    }

    #[test]
    fn actions_across_sort_by_due_then_as_added_with_their_incident() {
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
        let (_, changed) = s
            .update_action(None, "1", "alice", None, |a| {
                a.owner = "bob".into();
                Ok(())
            })
            .unwrap();
        assert_eq!((changed.incident_id, changed.owner.as_str()), (1, "bob"));
        let err = s
            .update_action(Some(IncidentRef::Id(2)), "1", "alice", None, |a| {
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
        s.update_incident(IncidentRef::Id(1), "alice", |i, _| {
            Ok(i.resolve(at(4), &zone)?)
        })
        .unwrap();
        // A refusal writes nothing.
        let refused = s.record_review_held(IncidentRef::Id(1), "alice", |i, _| {
            Ok(record_held(i, at(3), "alice", at(5), false, &zone)?)
        });
        assert!(refused.is_err());
        assert!(s.resolved_incidents().unwrap()[0].review_held.is_none());
        s.record_review_held(IncidentRef::Id(1), "alice", |i, _| {
            Ok(record_held(i, at(5), "alice", at(5), false, &zone)?)
        })
        .unwrap();
        let held = s.resolved_incidents().unwrap()[0]
            .review_held
            .clone()
            .unwrap();
        assert_eq!((held.at, held.by.as_str()), (at(5), "alice"));
    }
}
