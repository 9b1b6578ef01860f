//! The `factors` and `lessons` tables: the review's items that are a text
//! of a kind. The two tables have the same columns, so one owner serves
//! both. An item is removed (`inc factor rm`, `inc lesson rm`) by marking
//! it so, never deleted: the removal travels to other databases like any
//! change.

use anyhow::Result;
use rusqlite::{Connection, Row};

use super::{Table, all, bad, one};
use crate::error::UserError;
use crate::model::exchange::ExItem;
use crate::model::{Factor, FactorKind, Lesson, LessonKind};
use crate::store::{Tx, time_at, time_to_sql};

/// The columns every query of either table selects, in this order (`x` is
/// the table).
const COLUMNS: &str = "x.id, x.uuid, x.incident_id, x.clock, x.body, x.kind, x.created_at, \
    x.created_by, x.removed_at, x.removed_by, x.changed";

/// In the order they were added, the same on every machine.
const ORDER: &str = "x.clock, x.uuid";

/// Which of the two tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Items {
    Factors,
    Lessons,
}

impl Items {
    /// The table's name: one of two constants, never user input.
    fn table(self) -> &'static str {
        match self {
            Items::Factors => "factors",
            Items::Lessons => "lessons",
        }
    }

    /// What one is called, in messages.
    pub(crate) fn one(self) -> &'static str {
        match self {
            Items::Factors => "factor",
            Items::Lessons => "lesson",
        }
    }

    /// An incident's items that are not removed, in the order they were
    /// added: (number, UUID, text, kind, when, by whom).
    fn current(self, conn: &Connection, incident_id: i64) -> Result<Vec<ItemRow>> {
        all(
            conn,
            &format!(
                "SELECT {COLUMNS} FROM {} x WHERE x.incident_id = ?1 AND x.removed_at IS NULL \
                 ORDER BY {ORDER}",
                self.table()
            ),
            [incident_id],
            ItemRow::read,
        )
    }

    /// One item by its number (removed or not), or an error that names it.
    pub(crate) fn load(self, conn: &Connection, id: i64) -> Result<(ItemRow, bool)> {
        one(
            conn,
            &format!("SELECT {COLUMNS} FROM {} x WHERE x.id = ?1", self.table()),
            [id],
            |r| Ok((ItemRow::read(r)?, r.get::<_, Option<String>>(8)?.is_some())),
        )?
        .ok_or_else(|| {
            let what = self.one();
            UserError::new(format!("there is no {what} {id}"))
                .hint(format!("`inc {what} list` shows them"))
                .into()
        })
    }

    /// Removes an item: marked removed now, by `tx`'s author.
    pub(crate) fn remove(self, tx: &Tx<'_>, id: i64) -> Result<()> {
        let found = match self {
            Items::Factors => Factors::select(tx.conn, "x.id = ?1", [id])?,
            Items::Lessons => Lessons::select(tx.conn, "x.id = ?1", [id])?,
        };
        let (incident_id, mut record) = found
            .into_iter()
            .next()
            .ok_or_else(|| anyhow::anyhow!("no {} {id}", self.one()))?;
        record.removed_at = Some(time_to_sql(tx.now));
        record.removed_by = Some(tx.author.to_string());
        record.changed.insert("removed".into(), tx.tick());
        match self {
            Items::Factors => Factors::update(tx.conn, incident_id, &record),
            Items::Lessons => Lessons::update(tx.conn, incident_id, &record),
        }
    }

    /// Adds a new item on an incident.
    pub(crate) fn insert(self, conn: &Connection, incident_id: i64, x: &ExItem) -> Result<()> {
        match self {
            Items::Factors => Factors::insert(conn, incident_id, x),
            Items::Lessons => Lessons::insert(conn, incident_id, x),
        }
    }
}

/// A factor or a lesson, read alike.
pub(crate) struct ItemRow {
    pub id: i64,
    pub uuid: String,
    pub incident_id: i64,
    pub text: String,
    pub kind: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub created_by: String,
}

impl ItemRow {
    fn read(r: &Row<'_>) -> rusqlite::Result<ItemRow> {
        Ok(ItemRow {
            id: r.get(0)?,
            uuid: r.get(1)?,
            incident_id: r.get(2)?,
            text: r.get(4)?,
            kind: r.get(5)?,
            created_at: time_at(r, 6)?,
            created_by: r.get(7)?,
        })
    }

    pub(crate) fn factor(self) -> rusqlite::Result<Factor> {
        Ok(Factor {
            kind: FactorKind::parse(&self.kind).map_err(|e| bad(5, e.to_string()))?,
            id: self.id,
            uuid: self.uuid,
            incident_id: self.incident_id,
            text: self.text,
            created_at: self.created_at,
            created_by: self.created_by,
        })
    }

    pub(crate) fn lesson(self) -> rusqlite::Result<Lesson> {
        Ok(Lesson {
            kind: LessonKind::parse(&self.kind).map_err(|e| bad(5, e.to_string()))?,
            id: self.id,
            uuid: self.uuid,
            incident_id: self.incident_id,
            text: self.text,
            created_at: self.created_at,
            created_by: self.created_by,
        })
    }
}

/// An incident's contributing factors, not removed, in the order added.
pub(crate) fn factors(conn: &Connection, incident_id: i64) -> Result<Vec<Factor>> {
    Items::Factors
        .current(conn, incident_id)?
        .into_iter()
        .map(|i| Ok(i.factor()?))
        .collect()
}

/// An incident's lessons, not removed, in the order added.
pub(crate) fn lessons(conn: &Connection, incident_id: i64) -> Result<Vec<Lesson>> {
    Items::Lessons
        .current(conn, incident_id)?
        .into_iter()
        .map(|i| Ok(i.lesson()?))
        .collect()
}

table!(Factors: ExItem, "factors" "x", ORDER);
table!(Lessons: ExItem, "lessons" "x", ORDER);
