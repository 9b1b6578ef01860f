//! The `state` table: what this database remembers of its own, never
//! exchanged. The incident chosen with `inc open` or `inc use`, and the
//! change clock: the latest value it issued or saw.

use anyhow::Result;
use rusqlite::{Connection, params};

use super::one;
use crate::model::Hlc;

const CURRENT: &str = "current_incident";
const CLOCK: &str = "clock";

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    one(conn, "SELECT value FROM state WHERE key = ?1", [key], |r| {
        r.get(0)
    })
}

pub(crate) fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    // An UPDATE is cheaper to prepare than an upsert, and the key is
    // almost always there: `inc tl` pays for this on every note.
    let changed = conn
        .prepare_cached("UPDATE state SET value = ?2 WHERE key = ?1")?
        .execute(params![key, value])?;
    if changed == 0 {
        conn.prepare_cached("INSERT INTO state (key, value) VALUES (?1, ?2)")?
            .execute(params![key, value])?;
    }
    Ok(())
}

/// The local id of the incident last opened or chosen.
pub(crate) fn selected(conn: &Connection) -> Result<Option<i64>> {
    Ok(get(conn, CURRENT)?.and_then(|v| v.parse().ok()))
}

pub(crate) fn select(conn: &Connection, id: i64) -> Result<()> {
    set(conn, CURRENT, &id.to_string())
}

/// The key whose presence means this database shares its incidents with
/// a team hub (its value is the hub's URL).
pub(crate) const TEAM_URL: &str = "team.url";
/// "1" when this database's hub user may write, "0" for an observer.
pub(crate) const TEAM_WRITER: &str = "team.writer";

/// Whether this database is on a team, and as what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnTeam {
    No,
    Writer,
    Observer,
}

/// The change clock, and whether this database is on a team: every write
/// asks both, through the one cached statement that reads a key.
pub(crate) fn clock_and_team(conn: &Connection) -> Result<(Option<Hlc>, OnTeam)> {
    let clock = get(conn, CLOCK)?.as_deref().and_then(Hlc::parse);
    // `team.writer` is set with `team.url` on joining and goes with it.
    let team = match get(conn, TEAM_WRITER)?.as_deref() {
        None => OnTeam::No,
        Some("0") => OnTeam::Observer,
        Some(_) => OnTeam::Writer,
    };
    Ok((clock, team))
}

pub(crate) fn set_clock(conn: &Connection, clock: Hlc) -> Result<()> {
    set(conn, CLOCK, &clock.to_string())
}

/// Every key that starts with `prefix`, with its value.
pub(crate) fn with_prefix(conn: &Connection, prefix: &str) -> Result<Vec<(String, String)>> {
    super::all(
        conn,
        "SELECT key, value FROM state WHERE key >= ?1 AND key < ?1 || char(0x10FFFF)",
        [prefix],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Forgets every key that starts with `prefix`.
pub(crate) fn remove_prefix(conn: &Connection, prefix: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM state WHERE key >= ?1 AND key < ?1 || char(0x10FFFF)",
        [prefix],
    )?;
    Ok(())
}
