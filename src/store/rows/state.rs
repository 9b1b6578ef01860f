//! The `state` table: what this database remembers of its own, never
//! exchanged. The incident chosen with `inc open` or `inc use`, and the
//! change clock: the latest value it issued or saw.

use anyhow::Result;
use rusqlite::{Connection, params};

use super::one;
use crate::model::Hlc;

const CURRENT: &str = "current_incident";
const CLOCK: &str = "clock";

fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    one(conn, "SELECT value FROM state WHERE key = ?1", [key], |r| {
        r.get(0)
    })
}

fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
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

/// The latest change clock this database issued or saw.
pub(crate) fn clock(conn: &Connection) -> Result<Option<Hlc>> {
    Ok(get(conn, CLOCK)?.as_deref().and_then(Hlc::parse))
}

pub(crate) fn set_clock(conn: &Connection, clock: Hlc) -> Result<()> {
    set(conn, CLOCK, &clock.to_string())
}
