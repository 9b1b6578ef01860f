//! The incident store: the only code that knows SQL. It opens the SQLite
//! file, applies pragmas and migrations, and reads and writes model values.
//! Its interface speaks only in model types so that another backend can
//! stand behind it later.

mod checklist;
mod command;
pub mod doctor;
mod exchange;
mod followup;
mod incidents;
mod open;
mod review;
mod schema;
mod search;
mod slack;
mod stats;
mod tasks;
mod timeline;
mod updates;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Busy, UserError};

pub use checklist::{ChecklistDone, SecurityChange};
pub use incidents::ListFilter;
pub use review::{ActionFilter, NewAction};
pub use schema::current_version as schema_version;
pub use search::{RANK_CAP, SearchFilter};
pub use slack::{Fate, GivenNote};
pub use stats::StatsFilter;

/// How to open the store.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// How long a writer waits for another writer's lock before giving up.
    pub busy_timeout: Duration,
    /// Create the file's directory (0700) when missing: true for the default
    /// location, false for a path the user named.
    pub create_dir: bool,
}

impl Default for StoreOptions {
    fn default() -> StoreOptions {
        StoreOptions {
            busy_timeout: Duration::from_secs(5),
            create_dir: false,
        }
    }
}

/// Who writes, and when it is written down.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub author: String,
    pub now: DateTime<Utc>,
}

/// An open incident database.
pub struct Store {
    conn: Connection,
    /// For error messages that name the file.
    path: PathBuf,
    busy_timeout: Duration,
}

impl Store {
    /// Opens for writing, creating the file (0600) and migrating as needed.
    pub fn open_write(path: &Path, options: &StoreOptions) -> Result<Store> {
        let conn =
            open::read_write(path, options).map_err(|e| classify(e, options.busy_timeout, path))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            busy_timeout: options.busy_timeout,
        })
    }

    /// Opens to change an existing incident. With no database file there is
    /// no incident to change, so a missing file reads as an empty database
    /// and nothing is created: the change then fails with the usual "no
    /// incident" error.
    pub fn open_for_change(path: &Path, options: &StoreOptions) -> Result<Store> {
        if open::exists(path)? {
            Store::open_write(path, options)
        } else {
            Store::open_read(path, options)
        }
    }

    /// Opens for reading only: creates nothing, changes nothing. A missing
    /// file reads as an empty database.
    pub fn open_read(path: &Path, options: &StoreOptions) -> Result<Store> {
        let conn =
            open::read_only(path, options).map_err(|e| classify(e, options.busy_timeout, path))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            busy_timeout: options.busy_timeout,
        })
    }

    /// A new, empty database in memory, gone when the store is dropped:
    /// for `inc demo`, which must neither touch the user's database nor
    /// leave anything behind.
    pub fn open_in_memory() -> Result<Store> {
        Ok(Store {
            conn: open::in_memory()?,
            path: PathBuf::from(":memory:"),
            busy_timeout: Duration::ZERO,
        })
    }

    /// Copies the whole database to a new file at `path` (0600). A file
    /// already there is refused and left as it was: this never overwrites.
    pub fn save_as(&self, path: &Path) -> Result<()> {
        open::copy_to_new_file(&self.conn, path)
    }

    /// Runs `f` in one IMMEDIATE transaction: it takes the write lock up
    /// front (waiting up to the busy timeout), so it can never fail half-way
    /// for want of a lock, and commits all or nothing.
    fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let timeout = self.busy_timeout;
        let run = || -> Result<T> {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        };
        run().map_err(|e| classify(e, timeout, &self.path))
    }

    /// Runs several reads against one snapshot of the database, so that they
    /// agree with each other while other processes write (an incident and
    /// its latest entries, say).
    pub fn snapshot<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let begin = self
            .conn
            .unchecked_transaction()
            .map_err(|e| classify(e.into(), self.busy_timeout, &self.path))?;
        let value = f(self)?;
        // Nothing was written: ending the read transaction cannot lose data.
        drop(begin);
        Ok(value)
    }

    /// Runs a read, turning a busy database into the `Busy` error.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.conn).map_err(|e| classify(e, self.busy_timeout, &self.path))
    }
}

/// Turns SQLite's "busy"/"locked" into [`Busy`], which has its own exit
/// code, and explains the errors a person can act on (a read-only or damaged
/// file) wherever they surface.
fn classify(err: anyhow::Error, timeout: Duration, path: &Path) -> anyhow::Error {
    if is_sqlite_busy(&err) {
        return anyhow::Error::new(Busy {
            timeout_ms: u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX),
        });
    }
    match err.downcast_ref::<rusqlite::Error>() {
        Some(
            rusqlite::Error::FromSqlConversionFailure(..) | rusqlite::Error::InvalidColumnType(..),
        ) => UserError::new(format!(
            "the database at {} holds a value inc cannot read ({err})",
            path.display()
        ))
        .hint("was it changed outside inc? `sqlite3 FILE 'PRAGMA integrity_check'` checks it")
        .into(),
        Some(sqlite) => open::explain(sqlite, path).unwrap_or(err),
        None => err,
    }
}

fn is_sqlite_busy(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        matches!(
            e.downcast_ref::<rusqlite::Error>(),
            Some(rusqlite::Error::SqliteFailure(f, _))
                if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    })
}

/// Times are stored as fixed-width RFC 3339 UTC text with milliseconds, so
/// that text order is time order and the `sqlite3` shell shows them plainly.
fn time_to_sql(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The time in column `col` of a row.
fn time_at(row: &rusqlite::Row<'_>, col: usize) -> rusqlite::Result<DateTime<Utc>> {
    time_from_sql(col, &row.get::<_, String>(col)?)
}

/// The time, if any, in column `col` of a row.
fn opt_time_at(row: &rusqlite::Row<'_>, col: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    row.get::<_, Option<String>>(col)?
        .map(|s| time_from_sql(col, &s))
        .transpose()
}

/// A calendar date stored as `YYYY-MM-DD` (an action item's `due`), or NULL.
fn opt_date_at(row: &rusqlite::Row<'_>, col: usize) -> rusqlite::Result<Option<NaiveDate>> {
    row.get::<_, Option<String>>(col)?
        .map(|d| {
            NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    col,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })
        })
        .transpose()
}

fn time_from_sql(col: usize, s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
        })
}

/// A UUIDv7 (time-ordered, so indexes stay compact) stamped from the one
/// clock; its random bits keep it unique when many share a millisecond.
fn new_uuid(now: DateTime<Utc>) -> String {
    let ts = uuid::Timestamp::from_unix(
        uuid::NoContext,
        u64::try_from(now.timestamp()).unwrap_or(0),
        now.timestamp_subsec_nanos(),
    );
    uuid::Uuid::new_v7(ts).to_string()
}
