//! The `factors` and `lessons` tables: the review's items that are a text
//! of a kind. The two tables have the same columns, so one owner serves
//! both. An item is removed (`inc factor rm`, `inc lesson rm`) by marking
//! it so, never deleted: the removal travels to other databases like any
//! change.

use anyhow::Result;
use rusqlite::Connection;
use serde::de::DeserializeOwned;

use super::{Table, models};
use crate::error::UserError;
use crate::model::exchange::ExItem;
use crate::model::ids::new_uuid;
use crate::model::{Factor, Lesson};
use crate::store::{Tx, time_to_sql};

/// In the order they were added, the same on every machine.
const ORDER: &str = "x.clock, x.uuid";

/// An item's fields as the model reads them, by name (see [`models`]; `x`
/// is the table).
const ITEM: &str = "id, uuid, incident_id, text = x.body, kind, created_at, created_by";

table!(Factors: ExItem, "factors" "x", ORDER);
table!(Lessons: ExItem, "lessons" "x", ORDER);

/// A table of items: what its items read as, and what one is called.
pub(crate) trait Items: Table<Record = ExItem> {
    type Model: DeserializeOwned;
    const ONE: &'static str;
}

impl Items for Factors {
    type Model = Factor;
    const ONE: &'static str = "factor";
}

impl Items for Lessons {
    type Model = Lesson;
    const ONE: &'static str = "lesson";
}

/// An item found by its number: which incident it is on, and whether it
/// was removed.
#[derive(serde::Deserialize)]
#[serde(bound = "M: DeserializeOwned")]
pub(crate) struct Found<M> {
    #[serde(flatten)]
    pub item: M,
    pub on: i64,
    pub removed: bool,
}

/// An incident's items that are not removed, in the order they were added.
pub(crate) fn current<T: Items>(conn: &Connection, incident_id: i64) -> Result<Vec<T::Model>> {
    models(
        conn,
        "x",
        ITEM,
        &format!(
            "{} x WHERE x.incident_id = ?1 AND x.removed_at IS NULL ORDER BY {ORDER}",
            T::TABLE
        ),
        [incident_id],
    )
}

/// One item by its number (removed or not), or an error that names it.
pub(crate) fn load<T: Items>(conn: &Connection, id: i64) -> Result<Found<T::Model>> {
    models(
        conn,
        "x",
        &format!("{ITEM}, on = x.incident_id, removed? = x.removed_at IS NOT NULL"),
        &format!("{} x WHERE x.id = ?1", T::TABLE),
        [id],
    )?
    .pop()
    .ok_or_else(|| {
        UserError::new(format!("there is no {} {id}", T::ONE))
            .hint(format!("`inc {} list` shows them", T::ONE))
            .into()
    })
}

/// Adds an item of a kind to an incident, now, by `tx`'s author; returns
/// its number.
pub(crate) fn add<T: Items>(tx: &Tx<'_>, incident_id: i64, text: &str, kind: &str) -> Result<i64> {
    let record = ExItem {
        uuid: new_uuid(tx.now),
        clock: tx.tick(),
        body: text.to_string(),
        kind: kind.to_string(),
        created_at: time_to_sql(tx.now),
        created_by: tx.author.to_string(),
        removed_at: None,
        removed_by: None,
        changed: Default::default(),
    };
    T::insert(tx.conn, incident_id, &record)?;
    Ok(tx.conn.last_insert_rowid())
}

/// Removes an item: marked removed now, by `tx`'s author.
pub(crate) fn remove<T: Items>(tx: &Tx<'_>, id: i64) -> Result<()> {
    let (incident_id, mut record) = T::select(tx.conn, "x.id = ?1", [id])?
        .pop()
        .ok_or_else(|| anyhow::anyhow!("no {} {id}", T::ONE))?;
    record.removed_at = Some(time_to_sql(tx.now));
    record.removed_by = Some(tx.author.to_string());
    record.changed.insert("removed".into(), tx.tick());
    T::update(tx.conn, incident_id, &record)
}
