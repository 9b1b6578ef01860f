//! The `update_posts` table: each attempt to post a status update to the
//! webhook. Rows are only ever added. A post names its update entry by the
//! entry's local id here and by its UUID in the exchange document.

use anyhow::Result;
use rusqlite::{Connection, Row, params};

use super::{Table, all, bad, changed_at, changed_to_sql, one};
use crate::model::exchange::ExUpdatePost;
use crate::model::{PostOutcome, UpdatePost};
use crate::store::time_at;

/// The columns every query of posts selects, in this order (`p` is the
/// table, `e` its update entry).
const COLUMNS: &str = "p.id, p.uuid, e.incident_id, p.clock, p.entry_id, e.uuid, \
    p.attempted_at, p.attempted_by, p.outcome, p.detail, p.changed";

const FROM: &str = "update_posts p JOIN timeline_entries e ON e.id = p.entry_id";

/// In the order they were attempted, the same on every machine.
const ORDER: &str = "p.attempted_at, p.clock, p.uuid";

fn post(r: &Row<'_>) -> rusqlite::Result<UpdatePost> {
    let outcome: String = r.get(8)?;
    Ok(UpdatePost {
        entry_id: r.get(4)?,
        attempted_at: time_at(r, 6)?,
        attempted_by: r.get(7)?,
        outcome: PostOutcome::parse(&outcome)
            .ok_or_else(|| bad(8, format!("unknown post outcome {outcome:?}")))?,
        detail: r.get(9)?,
    })
}

fn record(r: &Row<'_>) -> rusqlite::Result<ExUpdatePost> {
    Ok(ExUpdatePost {
        uuid: r.get(1)?,
        clock: r.get(3)?,
        entry: r.get(5)?,
        attempted_at: r.get(6)?,
        attempted_by: r.get(7)?,
        outcome: r.get(8)?,
        detail: r.get(9)?,
        changed: changed_at(r, 10)?,
    })
}

/// The latest attempt to post the update entry `entry_id`, if any.
pub(crate) fn latest(conn: &Connection, entry_id: i64) -> Result<Option<UpdatePost>> {
    one(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE p.entry_id = ?1 \
             ORDER BY p.attempted_at DESC, p.clock DESC, p.uuid DESC LIMIT 1"
        ),
        [entry_id],
        post,
    )
}

pub(crate) struct UpdatePosts;

impl Table for UpdatePosts {
    type Record = ExUpdatePost;

    const FOLLOWS_ENTRY: bool = true;

    fn find(conn: &Connection, uuid: &str) -> Result<Option<(i64, ExUpdatePost)>> {
        one(
            conn,
            &format!("SELECT {COLUMNS} FROM {FROM} WHERE p.uuid = ?1"),
            [uuid],
            |r| Ok((r.get(2)?, record(r)?)),
        )
    }

    fn of_incident(conn: &Connection, incident_id: i64) -> Result<Vec<ExUpdatePost>> {
        all(
            conn,
            &format!("SELECT {COLUMNS} FROM {FROM} WHERE e.incident_id = ?1 ORDER BY {ORDER}"),
            [incident_id],
            record,
        )
    }

    fn insert(conn: &Connection, _incident_id: i64, p: &ExUpdatePost) -> Result<()> {
        write(
            conn,
            "INSERT INTO update_posts (uuid, entry_id, clock, attempted_at, attempted_by, \
             outcome, detail, changed) \
             SELECT ?1, id, ?3, ?4, ?5, ?6, ?7, ?8 FROM timeline_entries WHERE uuid = ?2",
            p,
        )
    }

    fn update(conn: &Connection, _incident_id: i64, p: &ExUpdatePost) -> Result<()> {
        write(
            conn,
            "UPDATE update_posts SET entry_id = \
             (SELECT id FROM timeline_entries WHERE uuid = ?2), clock = ?3, attempted_at = ?4, \
             attempted_by = ?5, outcome = ?6, detail = ?7, changed = ?8 WHERE uuid = ?1",
            p,
        )
    }
}

/// Runs the INSERT or UPDATE `sql` with a post's values, its entry named by
/// UUID.
fn write(conn: &Connection, sql: &str, p: &ExUpdatePost) -> Result<()> {
    let changed = conn.prepare_cached(sql)?.execute(params![
        p.uuid,
        p.entry,
        p.clock,
        p.attempted_at,
        p.attempted_by,
        p.outcome,
        p.detail,
        changed_to_sql(&p.changed),
    ])?;
    anyhow::ensure!(
        changed == 1,
        "the update entry {} of a post is not here",
        p.entry
    );
    Ok(())
}
