//! The `update_posts` table: each attempt to post a status update to the
//! webhook. Rows are only ever added. A post names its update entry by the
//! entry's local id here and by its UUID in the exchange document.

use anyhow::Result;
use rusqlite::Connection;

use super::{Table, models, values, write};
use crate::model::UpdatePost;
use crate::model::exchange::ExUpdatePost;

const FROM: &str = "update_posts p JOIN timeline_entries e ON e.id = p.entry_id";

/// In the order they were attempted, the same on every machine.
const ORDER: &str = "p.attempted_at, p.clock, p.uuid";

/// The latest attempt to post the update entry `entry_id`, if any.
pub(crate) fn latest(conn: &Connection, entry_id: i64) -> Result<Option<UpdatePost>> {
    Ok(models(
        conn,
        "p",
        "entry_id, attempted_at, attempted_by, outcome, detail",
        &format!(
            "{FROM} WHERE p.entry_id = ?1 \
             ORDER BY p.attempted_at DESC, p.clock DESC, p.uuid DESC LIMIT 1"
        ),
        [entry_id],
    )?
    .pop())
}

pub(crate) struct UpdatePosts;

impl Table for UpdatePosts {
    type Record = ExUpdatePost;
    const TABLE: &'static str = "update_posts";
    const ALIAS: &'static str = "p";
    const ORDER: &'static str = ORDER;
    const FOLLOWS_ENTRY: bool = true;
    /// A post names its update entry by the entry's UUID.
    const SOURCES: &'static [(&'static str, &'static str)] = &[("entry", "e.uuid")];

    fn from() -> String {
        FROM.to_string()
    }

    fn incident() -> String {
        "e.incident_id".to_string()
    }

    /// Written with its entry's local id, found by the entry's UUID: the
    /// values are those of [`Table::insert`] (`?4` is the entry).
    fn insert(conn: &Connection, incident_id: i64, p: &ExUpdatePost) -> Result<()> {
        write(
            conn,
            "INSERT INTO update_posts (uuid, entry_id, clock, attempted_at, attempted_by, \
             outcome, detail, changed) \
             SELECT ?1, id, ?3, ?5, ?6, ?7, ?8, ?9 FROM timeline_entries WHERE uuid = ?4",
            values(incident_id, p)?,
        )
    }

    fn update(conn: &Connection, incident_id: i64, p: &ExUpdatePost) -> Result<()> {
        write(
            conn,
            "UPDATE update_posts SET entry_id = \
             (SELECT id FROM timeline_entries WHERE uuid = ?4), clock = ?3, attempted_at = ?5, \
             attempted_by = ?6, outcome = ?7, detail = ?8, changed = ?9 WHERE uuid = ?1",
            values(incident_id, p)?,
        )
    }
}
