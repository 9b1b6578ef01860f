//! Status updates and each attempt to post one to the webhook. An update is
//! a timeline entry (kind `update`), written like any other; the attempts
//! are recorded afterwards, each in its own transaction, so a post that
//! fails or hangs never loses the update.

use anyhow::Result;

use super::Store;
use super::rows::Table;
use super::rows::entries;
use super::rows::incidents::{load, resolve};
use super::rows::update_posts::{self, UpdatePosts};
use crate::model::exchange::ExUpdatePost;
use crate::model::ids::new_uuid;
use crate::model::{Incident, IncidentRef, NewEntry, TimelineEntry, UpdatePost};
use crate::store::time_to_sql;

impl Store {
    /// Records a status update on the incident's timeline, in one
    /// transaction: `entry` makes it, given when it went out (`at`, else
    /// now).
    pub fn record_update(
        &mut self,
        which: IncidentRef,
        author: &str,
        at: Option<chrono::DateTime<chrono::Utc>>,
        entry: impl FnOnce(chrono::DateTime<chrono::Utc>) -> NewEntry,
    ) -> Result<(Incident, TimelineEntry)> {
        self.write(author, |tx| {
            let id = resolve(tx.conn, which)?;
            let incident = load(tx.conn, id)?;
            let stored = entries::add(tx, id, &entry(at.unwrap_or(tx.now)))?;
            Ok((incident, stored))
        })
    }

    /// Records one attempt to post an update, in its own transaction.
    pub fn record_post(&mut self, post: &UpdatePost) -> Result<()> {
        self.write(&post.attempted_by, |tx| {
            let entry = entries::by_id(tx.conn, post.entry_id)?
                .ok_or_else(|| anyhow::anyhow!("update entry {} is not there", post.entry_id))?;
            let record = ExUpdatePost {
                uuid: new_uuid(post.attempted_at),
                clock: tx.tick(),
                entry: entry.uuid,
                attempted_at: time_to_sql(post.attempted_at),
                attempted_by: post.attempted_by.clone(),
                outcome: post.outcome.as_str().to_string(),
                detail: post.detail.clone(),
                changed: Default::default(),
            };
            UpdatePosts::insert(tx.conn, entry.incident_id, &record)
        })
    }

    /// An incident's status updates in event-time order, each with its
    /// latest attempt to post it (none when it was never posted).
    pub fn updates(&self, incident_id: i64) -> Result<Vec<(TimelineEntry, Option<UpdatePost>)>> {
        self.read(|conn| {
            entries::select(
                conn,
                "e.incident_id = ?1 AND e.kind = 'update' AND e.struck_at IS NULL",
                [incident_id],
            )?
            .into_iter()
            .map(|entry| {
                let post = update_posts::latest(conn, entry.id)?;
                Ok((entry, post))
            })
            .collect()
        })
    }
}
