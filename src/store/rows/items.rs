//! The `factors` and `lessons` tables: the review's items that are a text
//! of a kind. The two tables have the same columns, so one owner serves
//! both. An item is removed (`inc factor rm`, `inc lesson rm`) by marking
//! it so, never deleted: the removal travels to other databases like any
//! change.

use anyhow::Result;
use rusqlite::{Connection, Row, params};

use super::{Table, all, bad, changed_at, changed_to_sql, insert_sql, one, update_sql};
use crate::error::UserError;
use crate::model::exchange::ExItem;
use crate::model::{Factor, FactorKind, Lesson, LessonKind};
use crate::store::{Tx, time_at, time_to_sql};

/// The columns a record is written to, its UUID first.
const WRITTEN: [&str; 10] = [
    "uuid",
    "incident_id",
    "clock",
    "body",
    "kind",
    "created_at",
    "created_by",
    "removed_at",
    "removed_by",
    "changed",
];

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

    fn record(r: &Row<'_>) -> rusqlite::Result<ExItem> {
        Ok(ExItem {
            uuid: r.get(1)?,
            clock: r.get(3)?,
            body: r.get(4)?,
            kind: r.get(5)?,
            created_at: r.get(6)?,
            created_by: r.get(7)?,
            removed_at: r.get(8)?,
            removed_by: r.get(9)?,
            changed: changed_at(r, 10)?,
        })
    }

    fn find(self, conn: &Connection, uuid: &str) -> Result<Option<(i64, ExItem)>> {
        one(
            conn,
            &format!("SELECT {COLUMNS} FROM {} x WHERE x.uuid = ?1", self.table()),
            [uuid],
            |r| Ok((r.get(2)?, Items::record(r)?)),
        )
    }

    fn of_incident(self, conn: &Connection, incident_id: i64) -> Result<Vec<ExItem>> {
        all(
            conn,
            &format!(
                "SELECT {COLUMNS} FROM {} x WHERE x.incident_id = ?1 ORDER BY {ORDER}",
                self.table()
            ),
            [incident_id],
            Items::record,
        )
    }

    pub(crate) fn insert(self, conn: &Connection, incident_id: i64, x: &ExItem) -> Result<()> {
        self.write(conn, &insert_sql(self.table(), &WRITTEN), incident_id, x)
    }

    pub(crate) fn update(self, conn: &Connection, incident_id: i64, x: &ExItem) -> Result<()> {
        self.write(conn, &update_sql(self.table(), &WRITTEN), incident_id, x)
    }

    /// Runs the INSERT or UPDATE `sql` of [`WRITTEN`] with an item's values.
    fn write(self, conn: &Connection, sql: &str, incident_id: i64, x: &ExItem) -> Result<()> {
        conn.prepare_cached(sql)?.execute(params![
            x.uuid,
            incident_id,
            x.clock,
            x.body,
            x.kind,
            x.created_at,
            x.created_by,
            x.removed_at,
            x.removed_by,
            changed_to_sql(&x.changed),
        ])?;
        Ok(())
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
        let mut record = one(
            tx.conn,
            &format!("SELECT {COLUMNS} FROM {} x WHERE x.id = ?1", self.table()),
            [id],
            |r| Ok((r.get::<_, i64>(2)?, Items::record(r)?)),
        )?
        .ok_or_else(|| anyhow::anyhow!("no {} {id}", self.one()))?;
        record.1.removed_at = Some(time_to_sql(tx.now));
        record.1.removed_by = Some(tx.author.to_string());
        record.1.changed.insert("removed".into(), tx.tick());
        self.update(tx.conn, record.0, &record.1)
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

pub(crate) struct Factors;
pub(crate) struct Lessons;

macro_rules! item_table {
    ($ty:ident, $which:expr) => {
        impl Table for $ty {
            type Record = ExItem;

            fn find(conn: &Connection, uuid: &str) -> Result<Option<(i64, ExItem)>> {
                $which.find(conn, uuid)
            }

            fn of_incident(conn: &Connection, incident_id: i64) -> Result<Vec<ExItem>> {
                $which.of_incident(conn, incident_id)
            }

            fn insert(conn: &Connection, incident_id: i64, x: &ExItem) -> Result<()> {
                $which.insert(conn, incident_id, x)
            }

            fn update(conn: &Connection, incident_id: i64, x: &ExItem) -> Result<()> {
                $which.update(conn, incident_id, x)
            }
        }
    };
}

item_table!(Factors, Items::Factors);
item_table!(Lessons, Items::Lessons);
