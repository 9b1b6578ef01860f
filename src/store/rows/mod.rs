//! The tables, one owner each: its columns, reading a row as a model value
//! and as its exchange record, and writing a record. Everything else in
//! the store (the feature transactions above, export and import) goes
//! through these, so each table's columns and its INSERT are written once.
//!
//! Every record is written from its exchange form, by the one INSERT and
//! the one UPDATE of its table, both made from the table's list of
//! columns: the commands and an import write rows the same way, and an
//! import merges into a row by writing the merged record back.

pub(super) mod actions;
pub(super) mod checklist;
pub(super) mod descriptions;
pub(super) mod entries;
pub(super) mod incidents;
pub(super) mod items;
pub(super) mod state;
pub(super) mod tasks;
pub(super) mod update_posts;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Row};

use crate::model::exchange::{Changed, Record};

/// A table of records that belong to an incident, as export and import
/// see it.
pub(super) trait Table {
    type Record: Record;

    /// Its records belong to a timeline entry and go where it goes when it
    /// moves to another incident (update posts), so one found here on
    /// another incident than in a file is where a move here put it.
    const FOLLOWS_ENTRY: bool = false;

    /// The record with this UUID, and the local id of its incident.
    fn find(conn: &Connection, uuid: &str) -> Result<Option<(i64, Self::Record)>>;

    /// An incident's records, in the order of the document: by global
    /// values only, so every database lists them alike.
    fn of_incident(conn: &Connection, incident_id: i64) -> Result<Vec<Self::Record>>;

    /// Adds a new record on an incident.
    fn insert(conn: &Connection, incident_id: i64, record: &Self::Record) -> Result<()>;

    /// Writes a record over the stored one with its UUID.
    fn update(conn: &Connection, incident_id: i64, record: &Self::Record) -> Result<()>;
}

/// The INSERT of a row of `table`, its values `?1`, `?2`... in the order
/// of `columns`.
pub(super) fn insert_sql(table: &str, columns: &[&str]) -> String {
    let values: Vec<String> = (1..=columns.len()).map(|n| format!("?{n}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        columns.join(", "),
        values.join(", ")
    )
}

/// The UPDATE of the row of `table` whose first column (its key) is `?1`,
/// setting the others from `?2`...: the same parameters as
/// [`insert_sql`]'s.
pub(super) fn update_sql(table: &str, columns: &[&str]) -> String {
    let set: Vec<String> = columns
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    format!(
        "UPDATE {table} SET {} WHERE {} = ?1",
        set.join(", "),
        columns[0]
    )
}

/// The change clocks of a row (`changed`, JSON; NULL when none).
pub(super) fn changed_at(r: &Row<'_>, col: usize) -> rusqlite::Result<Changed> {
    match r.get::<_, Option<String>>(col)? {
        None => Ok(Changed::new()),
        Some(text) => serde_json::from_str(&text).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
        }),
    }
}

/// The change clocks as stored: NULL when there are none.
pub(super) fn changed_to_sql(changed: &Changed) -> Option<String> {
    (!changed.is_empty()).then(|| serde_json::to_string(changed).expect("a map of strings"))
}

/// A value that cannot be what the column holds.
pub(super) fn bad(col: usize, what: impl Into<String>) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, what.into().into())
}

/// Every row `sql` selects with `params`, read by `f`.
pub(super) fn all<T, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, f)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The one row `sql` selects with `params`, if any, read by `f`.
pub(super) fn one<T, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    f: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Option<T>> {
    Ok(conn.prepare_cached(sql)?.query_row(params, f).optional()?)
}
