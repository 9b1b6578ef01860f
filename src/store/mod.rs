//! The incident store: the only code that knows SQL. It opens the SQLite
//! file, applies pragmas and migrations, and reads and writes model values.
//! Its interface speaks only in model types so that another backend can
//! stand behind it later.

mod checklist;
mod corrections;
pub mod doctor;
mod exchange;
mod followup;
mod incidents;
mod leadership;
mod names;
mod open;
mod review;
mod rows;
mod schema;
mod search;
mod slack;
mod stats;
mod sync;
mod tasks;
#[cfg(test)]
mod testing;
mod timeline;
mod updates;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, TransactionBehavior};

use crate::clock::Clock;
use crate::error::{Busy, UserError};
use crate::model::Hlc;

pub use checklist::{ChecklistDone, SecurityChange};
pub use corrections::{Corrected, EntryEdit, KeyTime};
pub use incidents::ListFilter;
pub use review::{ActionFilter, NewAction};
pub use schema::current_version as schema_version;
pub use search::{RANK_CAP, SearchFilter};
pub use slack::{Fate, GivenNote, Imported};
pub use stats::StatsFilter;
pub use sync::{Applied, Team};
pub use tasks::TaskChange;
pub use timeline::Noted;
pub use updates::{PostClaim, Unposted};

/// How to open the store.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// How long a writer waits for another writer's lock before giving up.
    pub busy_timeout: Duration,
    /// Create the file's directory (0700) when missing: true for the default
    /// location, false for a path the user named.
    pub create_dir: bool,
    /// What a write records as "now".
    pub clock: Clock,
}

impl Default for StoreOptions {
    fn default() -> StoreOptions {
        StoreOptions {
            busy_timeout: Duration::from_secs(5),
            create_dir: false,
            clock: Clock::system(),
        }
    }
}

/// An open incident database.
pub struct Store {
    conn: Connection,
    /// For error messages that name the file.
    path: PathBuf,
    busy_timeout: Duration,
    clock: Clock,
    /// Set once a write committed changes a team hub should get (the
    /// database is on a team), for whoever opened the store to push them
    /// once the command is done.
    team_writes: std::rc::Rc<Cell<bool>>,
}

/// Whether a write may run on an observer's laptop.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shared {
    /// A change to the team's record: refused.
    Refused,
    /// What sync keeps of its own: allowed.
    SyncOnly,
}

/// A write in progress: one IMMEDIATE transaction, who writes, the time
/// read once the write lock is held (so that of two writers, the one that
/// writes later records a later time), and the change clock.
pub(crate) struct Tx<'t> {
    pub conn: &'t Connection,
    pub author: &'t str,
    pub now: DateTime<Utc>,
    clock: Cell<Hlc>,
    ticked: Cell<bool>,
    /// The database is on a team (its incidents have team-wide numbers).
    pub team: bool,
}

impl Tx<'_> {
    /// The next value of the change clock, for a record made or changed
    /// now.
    pub fn tick(&self) -> String {
        let next = self.clock.get().next(self.now);
        self.clock.set(next);
        self.ticked.set(true);
        next.to_string()
    }

    /// A clock value seen in an import: this database's clock never falls
    /// behind a change it holds.
    pub fn see(&self, clock: &str) {
        if let Some(seen) = Hlc::parse(clock)
            && seen > self.clock.get()
        {
            self.clock.set(seen);
            self.ticked.set(true);
        }
    }
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
            clock: options.clock,
            team_writes: std::rc::Rc::default(),
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
            clock: options.clock,
            team_writes: std::rc::Rc::default(),
        })
    }

    /// A new, empty database in memory, gone when the store is dropped:
    /// for `inc demo`, which must neither touch the user's database nor
    /// leave anything behind.
    pub fn open_in_memory(clock: Clock) -> Result<Store> {
        Ok(Store {
            conn: open::in_memory()?,
            path: PathBuf::from(":memory:"),
            busy_timeout: Duration::ZERO,
            clock,
            team_writes: std::rc::Rc::default(),
        })
    }

    /// Sets the clock writes read "now" from (`inc demo` moves it along as
    /// its story goes).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// Sets `flag` once a write commits changes for the team hub, for the
    /// caller to push once the command is done.
    pub fn report_team_writes_to(&mut self, flag: std::rc::Rc<Cell<bool>>) {
        self.team_writes = flag;
    }

    /// Copies the whole database to a new file at `path` (0600). A file
    /// already there is refused and left as it was: this never overwrites.
    pub fn save_as(&self, path: &Path) -> Result<()> {
        open::copy_to_new_file(&self.conn, path)
    }

    /// Runs `f` in one IMMEDIATE transaction, as `author`: it takes the
    /// write lock up front (waiting up to the busy timeout), so it can never
    /// fail half-way for want of a lock, and commits all or nothing. The
    /// time and the change clock are read once the lock is held.
    fn write<T>(&mut self, author: &str, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.write_as(author, Shared::Refused, f)
    }

    /// [`Store::write`], saying whether the write may run on an
    /// observer's laptop: only what sync itself keeps (the queue, the
    /// cursors, what was pulled) may.
    fn write_as<T>(
        &mut self,
        author: &str,
        observer: Shared,
        f: impl FnOnce(&Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        let timeout = self.busy_timeout;
        let clock = self.clock;
        let run = || -> Result<(T, bool)> {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let now = clock.current();
            let (last, team) = rows::state::clock_and_team(&tx)?;
            if team == rows::state::OnTeam::Observer && observer == Shared::Refused {
                return Err(UserError::new(
                    "this laptop is on its team as an observer: it cannot change the team's incidents",
                )
                .hint("ask the hub's administrator to add your database user to inc_responders, then `inc sync`")
                .into());
            }
            let write = Tx {
                conn: &tx,
                author,
                now,
                clock: Cell::new(last.unwrap_or(Hlc::at(now))),
                ticked: Cell::new(false),
                team: team != rows::state::OnTeam::No,
            };
            let value = f(&write)?;
            if write.ticked.get() {
                rows::state::set_clock(&tx, write.clock.get())?;
            }
            let team = write.team;
            tx.commit()?;
            Ok((value, team))
        };
        let (value, team) = run().map_err(|e| classify(e, timeout, &self.path))?;
        if team {
            self.team_writes.set(true);
        }
        Ok(value)
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
    time_from_sql(col, row.get_ref(col)?.as_str()?)
}

/// The time, if any, in column `col` of a row.
fn opt_time_at(row: &rusqlite::Row<'_>, col: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    row.get_ref(col)?
        .as_str_or_null()?
        .map(|s| time_from_sql(col, s))
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
    if let Some(t) = stored_time(s) {
        return Ok(t);
    }
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
        })
}

/// A time in the one form `inc` stores, `2026-11-26T13:20:00.000Z`, read
/// digit by digit: a long timeline holds two per entry. Anything else is
/// for the RFC 3339 parser.
fn stored_time(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    let shape = b.len() == 24
        && [
            (4, b'-'),
            (7, b'-'),
            (10, b'T'),
            (13, b':'),
            (16, b':'),
            (19, b'.'),
            (23, b'Z'),
        ]
        .iter()
        .all(|&(i, c)| b[i] == c);
    if !shape {
        return None;
    }
    let n = |from: usize, to: usize| {
        b[from..to].iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(i32::try_from(n(0, 4)?).ok()?, n(5, 7)?, n(8, 10)?)?
        .and_hms_milli_opt(n(11, 13)?, n(14, 16)?, n(17, 19)?, n(20, 23)?)
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod time_tests {
    use super::*;

    #[test]
    fn stored_times_read_digit_by_digit_as_the_parser_reads_them() {
        for s in [
            "2026-11-26T13:20:00.000Z",
            "1970-01-01T00:00:00.000Z",
            "2024-02-29T23:59:59.999Z",
        ] {
            let parsed = DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
            assert_eq!(stored_time(s), Some(parsed), "{s}");
            assert_eq!(time_from_sql(0, s).unwrap(), parsed);
        }
        // Other forms go to the parser, which reads them or says why not.
        assert_eq!(stored_time("2026-11-26T14:20:00+01:00"), None);
        assert_eq!(
            time_from_sql(0, "2026-11-26T14:20:00+01:00").unwrap(),
            stored_time("2026-11-26T13:20:00.000Z").unwrap()
        );
        assert_eq!(stored_time("2026-02-30T13:20:00.000Z"), None);
        assert_eq!(stored_time("2026-11-26T13:2x:00.000Z"), None);
        assert!(time_from_sql(0, "2026-02-30T13:20:00.000Z").is_err());
    }
}
