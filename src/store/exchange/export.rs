//! Reads incidents with all their records as an exchange document, one
//! table after another through their owners in [`super::super::rows`].
//! Local ids stay here: records refer to each other by UUID. The order is
//! by global values only (times, change clocks, then UUIDs), so the same
//! records export to the same bytes on every machine.

use anyhow::Result;
use rusqlite::Connection;

use super::super::rows::actions::Actions;
use super::super::rows::checklist::Checklist;
use super::super::rows::descriptions::Descriptions;
use super::super::rows::entries::Entries;
use super::super::rows::items::{Factors, Lessons};
use super::super::rows::tasks::Tasks;
use super::super::rows::update_posts::UpdatePosts;
use super::super::rows::{Table, all, incidents, one};
use super::super::{Store, schema};
use crate::model::IncidentRef;
use crate::model::exchange::{Document, ExIncident, FORMAT, VERSION};

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
                    Some(which) => vec![incidents::resolve(conn, which)?],
                    None => all(
                        conn,
                        &format!("SELECT i.id FROM incidents i ORDER BY {}", incidents::ORDER),
                        [],
                        |r| r.get(0),
                    )?,
                };
                for id in ids {
                    each(export_incident(conn, id)?)?;
                }
                Ok(())
            })
        })
    }
}

fn export_incident(conn: &Connection, id: i64) -> Result<ExIncident> {
    let mut x = one(
        conn,
        &format!(
            "SELECT {} FROM incidents i WHERE i.id = ?1",
            incidents::COLUMNS
        ),
        [id],
        incidents::record,
    )?
    .ok_or_else(|| anyhow::anyhow!("there is no incident #{id}"))?;
    x.timeline = Entries::of_incident(conn, id)?;
    x.tasks = Tasks::of_incident(conn, id)?;
    x.description = Descriptions::of_incident(conn, id)?.pop();
    x.factors = Factors::of_incident(conn, id)?;
    x.actions = Actions::of_incident(conn, id)?;
    x.lessons = Lessons::of_incident(conn, id)?;
    x.checklist = Checklist::of_incident(conn, id)?;
    x.update_posts = UpdatePosts::of_incident(conn, id)?;
    Ok(x)
}
