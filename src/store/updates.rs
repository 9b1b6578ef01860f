//! Status updates and each attempt to post one to the webhook. An update is
//! a timeline entry (kind `update`), written like any other; the attempts
//! are recorded afterwards, each in its own transaction, so a post that
//! fails or hangs never loses the update.

use anyhow::Result;
use rusqlite::params;

use super::incidents::{load, resolve};
use super::timeline::{COLUMNS, entry_from_row, insert_entry};
use super::{Stamp, Store, new_uuid, time_at, time_to_sql};
use crate::model::{Incident, IncidentRef, NewEntry, PostOutcome, TimelineEntry, UpdatePost};

impl Store {
    /// Records a status update on the incident's timeline, in one
    /// transaction.
    pub fn record_update(
        &mut self,
        which: IncidentRef,
        stamp: &Stamp,
        entry: &NewEntry,
    ) -> Result<(Incident, TimelineEntry)> {
        self.write(|tx| {
            let id = resolve(tx, which)?;
            let incident = load(tx, id)?;
            let stored = insert_entry(tx, id, entry, stamp)?;
            Ok((incident, stored))
        })
    }

    /// Records one attempt to post an update, in its own transaction.
    pub fn record_post(&mut self, post: &UpdatePost) -> Result<()> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO update_posts (uuid, entry_id, attempted_at, attempted_by, outcome, detail) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                new_uuid(post.attempted_at),
                post.entry_id,
                time_to_sql(post.attempted_at),
                post.attempted_by,
                post.outcome.as_str(),
                post.detail,
            ])?;
            Ok(())
        })
    }

    /// An incident's status updates in event-time order, each with its
    /// latest attempt to post it (none when it was never posted).
    pub fn updates(&self, incident_id: i64) -> Result<Vec<(TimelineEntry, Option<UpdatePost>)>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!(
                "SELECT {COLUMNS} FROM timeline_entries WHERE incident_id = ?1 AND kind = 'update' \
                 ORDER BY event_at, id"
            ))?;
            let entries = stmt
                .query_map([incident_id], entry_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut latest = conn.prepare(
                "SELECT entry_id, attempted_at, attempted_by, outcome, detail FROM update_posts \
                 WHERE entry_id = ?1 ORDER BY attempted_at DESC, id DESC LIMIT 1",
            )?;
            entries
                .into_iter()
                .map(|entry| {
                    let post = latest
                        .query_map([entry.id], |r| {
                            let outcome: String = r.get(3)?;
                            Ok(UpdatePost {
                                entry_id: r.get(0)?,
                                attempted_at: time_at(r, 1)?,
                                attempted_by: r.get(2)?,
                                outcome: PostOutcome::parse(&outcome).ok_or_else(|| {
                                    rusqlite::Error::FromSqlConversionFailure(
                                        3,
                                        rusqlite::types::Type::Text,
                                        format!("unknown post outcome {outcome:?}").into(),
                                    )
                                })?,
                                detail: r.get(4)?,
                            })
                        })?
                        .next()
                        .transpose()?;
                    Ok((entry, post))
                })
                .collect()
        })
    }
}
