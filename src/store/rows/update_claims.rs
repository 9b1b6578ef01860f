//! The `update_claims` table: which inc is posting which status update, and
//! until when any other leaves it alone. Bookkeeping of this database
//! alone, like `state`: never exported, no part of any record, so writing
//! it moves no change clock. A claim is deleted once its post is recorded;
//! one left behind (its inc was stopped while posting) is taken over once
//! it has expired.

use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::one;
use crate::store::{time_at, time_to_sql};

/// Claims the update entry `entry_id` as `claim` (by `by`, at `now`) until
/// `until`, unless another claim on it holds past `now`. True when it is
/// this claim's now.
pub(crate) fn take(
    conn: &Connection,
    entry_id: i64,
    claim: &str,
    by: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<bool> {
    // Times are stored in one fixed format, so they compare as text.
    let taken = conn
        .prepare_cached(
            "INSERT INTO update_claims (entry_id, claim, claimed_by, claimed_at, claimed_until) \
             VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (entry_id) DO UPDATE SET claim = excluded.claim, \
             claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at, \
             claimed_until = excluded.claimed_until \
             WHERE update_claims.claimed_until <= excluded.claimed_at",
        )?
        .execute(params![
            entry_id,
            claim,
            by,
            time_to_sql(now),
            time_to_sql(until)
        ])?;
    Ok(taken == 1)
}

/// When the claim on `entry_id` ends, if one holds past `now`.
pub(crate) fn held_until(
    conn: &Connection,
    entry_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    one(
        conn,
        "SELECT claimed_until FROM update_claims WHERE entry_id = ?1 AND claimed_until > ?2",
        params![entry_id, time_to_sql(now)],
        |r| time_at(r, 0),
    )
}

/// Ends `claim` on `entry_id`, or on every entry it holds. A claim another
/// inc has taken over since is not this one's to end.
pub(crate) fn release(conn: &Connection, claim: &str, entry_id: Option<i64>) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM update_claims WHERE claim = ?1 AND (?2 IS NULL OR entry_id = ?2)",
    )?
    .execute(params![claim, entry_id])?;
    Ok(())
}
