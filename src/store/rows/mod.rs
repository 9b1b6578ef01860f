//! The tables, one owner each: its columns, reading a row as a model value
//! and as its exchange record, and writing a record. Everything else in
//! the store (the feature transactions above, export and import) goes
//! through these, so each table's columns and its INSERT are written once.
//!
//! Every record is written from its exchange form, by the one INSERT and
//! the one UPDATE of its table, both made from the table's list of
//! columns: the commands and an import write rows the same way, and an
//! import merges into a row by writing the merged record back.

/// Declares a table of records (see [`Table`]): its type, its record, its
/// name and alias, its order, and any fields kept as 0 or 1.
macro_rules! table {
    ($name:ident: $record:ty, $table:literal $alias:literal, $order:expr $(, flags $flags:expr)?) => {
        pub(crate) struct $name;

        impl super::Table for $name {
            type Record = $record;
            const TABLE: &'static str = $table;
            const ALIAS: &'static str = $alias;
            const ORDER: &'static str = $order;
            $(const FLAGS: &'static [&'static str] = $flags;)?
        }
    };
}

pub(super) mod actions;
pub(super) mod checklist;
pub(super) mod descriptions;
pub(super) mod entries;
pub(super) mod incidents;
pub(super) mod items;
pub(super) mod state;
pub(super) mod tasks;
pub(super) mod update_claims;
pub(super) mod update_posts;

use anyhow::Result;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::model::exchange::{Changed, Record};

/// A table of records that belong to an incident, as export and import
/// see it. Its columns are the fields its record declares (in
/// [`Record::RULES`], under the same names) and the incident's local id, so
/// a record is read and written by the same code for every table: a field
/// added to a record is a column added by a migration, and nothing else.
pub(super) trait Table {
    type Record: Record;

    /// The table's name, to write to.
    const TABLE: &'static str;
    /// The alias queries give it, qualifying a field's column (`t`).
    const ALIAS: &'static str;
    /// The order of the document: by global values only, so every database
    /// lists them alike.
    const ORDER: &'static str;
    /// Fields kept as 0 or 1.
    const FLAGS: &'static [&'static str] = &[];
    /// Fields read from another column than their own (a joined table's).
    const SOURCES: &'static [(&'static str, &'static str)] = &[];
    /// Its records belong to a timeline entry and go where it goes when it
    /// moves to another incident (update posts), so one found here on
    /// another incident than in a file is where a move here put it.
    const FOLLOWS_ENTRY: bool = false;

    /// What queries select from: the table under its alias.
    fn from() -> String {
        format!("{} {}", Self::TABLE, Self::ALIAS)
    }

    /// The column of a row's incident (its local id).
    fn incident() -> String {
        format!("{}.incident_id", Self::ALIAS)
    }

    /// The records, each with its incident's local id, where `condition`
    /// (SQL over the alias, with `params`) holds, in the document's order.
    fn select<P: rusqlite::Params>(
        conn: &Connection,
        condition: &str,
        params: P,
    ) -> Result<Vec<(i64, Self::Record)>> {
        all(
            conn,
            &format!(
                "SELECT {}, {} FROM {} WHERE {condition} ORDER BY {}",
                Self::incident(),
                as_json::<Self>(),
                Self::from(),
                Self::ORDER
            ),
            params,
            |r| Ok((r.get(0)?, from_json(r, 1)?)),
        )
    }

    /// The record where `condition` holds (on its row's id, say), if any.
    fn one_where<P: rusqlite::Params>(
        conn: &Connection,
        condition: &str,
        params: P,
    ) -> Result<Option<Self::Record>> {
        Ok(Self::select(conn, condition, params)?
            .into_iter()
            .next()
            .map(|(_, record)| record))
    }

    /// The record of the row with this local id.
    fn by_id(conn: &Connection, id: i64) -> Result<Self::Record> {
        Self::one_where(conn, &format!("{}.id = ?1", Self::ALIAS), [id])?
            .ok_or_else(|| anyhow::anyhow!("{} has no row {id}", Self::TABLE))
    }

    /// The record with this UUID, and the local id of its incident.
    fn find(conn: &Connection, uuid: &str) -> Result<Option<(i64, Self::Record)>> {
        let condition = format!("{} = ?1", column::<Self>("uuid"));
        Ok(Self::select(conn, &condition, [uuid])?.into_iter().next())
    }

    /// An incident's records, in the order of the document.
    fn of_incident(conn: &Connection, incident_id: i64) -> Result<Vec<Self::Record>> {
        let condition = format!("{} = ?1", Self::incident());
        Ok(Self::select(conn, &condition, [incident_id])?
            .into_iter()
            .map(|(_, record)| record)
            .collect())
    }

    /// Adds a new record on an incident.
    fn insert(conn: &Connection, incident_id: i64, record: &Self::Record) -> Result<()> {
        let sql = insert_sql(Self::TABLE, &written::<Self::Record>());
        write(conn, &sql, values(incident_id, record)?)
    }

    /// Writes a record over the stored one with its UUID.
    fn update(conn: &Connection, incident_id: i64, record: &Self::Record) -> Result<()> {
        let sql = update_sql(Self::TABLE, &written::<Self::Record>());
        write(conn, &sql, values(incident_id, record)?)
    }
}

/// Model values, each read by name from a row made into a JSON object.
/// `fields` names each field of `T`, comma separated: `name` reads the
/// column of that name of the table aliased `alias`, `name = sql` reads
/// `sql`, and `name?` (or `name? = sql`) a 0-or-1 column as a flag.
/// `rest` is what follows `FROM`: the table, the condition, the order.
pub(crate) fn models<T: DeserializeOwned, P: rusqlite::Params>(
    conn: &Connection,
    alias: &str,
    fields: &str,
    rest: &str,
    params: P,
) -> Result<Vec<T>> {
    let object: Vec<String> = fields
        .split(',')
        .map(|field| {
            let (name, sql) = match field.split_once('=') {
                Some((name, sql)) => (name.trim(), sql.trim().to_string()),
                None => {
                    let name = field.trim();
                    (name, format!("{alias}.{}", name.trim_end_matches('?')))
                }
            };
            match name.strip_suffix('?') {
                Some(flag) => {
                    format!("'{flag}', json(CASE WHEN {sql} THEN 'true' ELSE 'false' END)")
                }
                None => format!("'{name}', {sql}"),
            }
        })
        .collect();
    all(
        conn,
        &format!("SELECT json_object({}) FROM {rest}", object.join(", ")),
        params,
        |r| from_json(r, 0),
    )
}

/// The value column `col` holds as JSON text.
fn from_json<T: DeserializeOwned>(r: &Row<'_>, col: usize) -> rusqlite::Result<T> {
    let text: String = r.get(col)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The SQL that reads a field of `T`'s record.
fn column<T: Table + ?Sized>(field: &str) -> String {
    T::SOURCES.iter().find(|(f, _)| *f == field).map_or_else(
        || format!("{}.{field}", T::ALIAS),
        |(_, c)| (*c).to_string(),
    )
}

/// A row as its record's JSON object, built by SQLite.
fn as_json<T: Table + ?Sized>() -> String {
    let fields: Vec<String> = <T::Record as Record>::RULES
        .iter()
        .map(|(field, _)| {
            let c = column::<T>(field);
            let value = if *field == "changed" {
                format!("json(coalesce({c}, '{{}}'))")
            } else if T::FLAGS.contains(field) {
                format!("json(CASE WHEN {c} THEN 'true' ELSE 'false' END)")
            } else {
                c
            };
            format!("'{field}', {value}")
        })
        .collect();
    format!("json_object({})", fields.join(", "))
}

/// The columns a record is written to: its UUID first (the key of the
/// UPDATE), its incident's local id, then its other fields.
fn written<R: Record>() -> Vec<&'static str> {
    let mut columns = vec!["uuid", "incident_id"];
    columns.extend(R::RULES.iter().map(|(f, _)| *f).filter(|f| *f != "uuid"));
    columns
}

/// A record's values, in the order of [`written`].
pub(super) fn values<R: Record>(incident_id: i64, record: &R) -> Result<Vec<SqlValue>> {
    let Value::Object(mut fields) = serde_json::to_value(record)? else {
        anyhow::bail!("a record is an object");
    };
    written::<R>()
        .into_iter()
        .map(|column| {
            Ok(match fields.remove(column).unwrap_or(Value::Null) {
                _ if column == "incident_id" => SqlValue::Integer(incident_id),
                Value::Null => SqlValue::Null,
                Value::Bool(b) => SqlValue::Integer(i64::from(b)),
                Value::Number(n) => SqlValue::Integer(
                    n.as_i64()
                        .ok_or_else(|| anyhow::anyhow!("{column}: {n} is not an integer"))?,
                ),
                Value::String(s) => SqlValue::Text(s),
                Value::Object(map) if map.is_empty() => SqlValue::Null,
                other => SqlValue::Text(other.to_string()),
            })
        })
        .collect()
}

/// Runs the INSERT or UPDATE `sql` with `values`; fails unless it wrote
/// exactly one row.
pub(super) fn write(conn: &Connection, sql: &str, values: Vec<SqlValue>) -> Result<()> {
    let written = conn
        .prepare_cached(sql)?
        .execute(rusqlite::params_from_iter(values))?;
    anyhow::ensure!(written == 1, "{written} rows written by {sql}");
    Ok(())
}

/// The INSERT of a row of `table`, its values `?1`, `?2`... in the order
/// of `columns`.
pub(super) fn insert_sql(table: &str, columns: &[&str]) -> String {
    // `?` is the next parameter: the same as `?1`, `?2`... in order, and
    // made without a string per column (it is on the path of `inc tl`).
    let values = "?, ".repeat(columns.len());
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        columns.join(", "),
        values.trim_end_matches(", ")
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
