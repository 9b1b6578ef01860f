//! What `inc doctor` asks SQLite: the library's version, and of an existing
//! database file its schema version, journal mode and an integrity check.
//! The file is opened read-only the way every reader opens it, and never
//! migrated: doctor creates and changes nothing.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use rusqlite::Connection;

use super::{StoreOptions, classify, is_sqlite_busy, open};
use crate::error::{UserError, hint, message};

/// The oldest SQLite `inc` runs on: its tables are STRICT (3.37.0).
pub const MIN_SQLITE_VERSION: (i32, &str) = (3_037_000, "3.37.0");

/// The SQLite library in use, as `3.50.4`, and as a number (3050004).
pub fn sqlite_version() -> (&'static str, i32) {
    (rusqlite::version(), rusqlite::version_number())
}

/// Why a question could not be answered.
#[derive(Debug, Clone)]
pub enum Problem {
    /// Another process held a lock for longer than the busy timeout.
    Busy(Duration),
    /// The file cannot be used: the explained error, with its hint.
    Broken(UserError),
}

/// How thoroughly to check the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thoroughness {
    /// `PRAGMA quick_check`: every page, record and constraint, in time
    /// proportional to the size of the file.
    Quick,
    /// `PRAGMA integrity_check`: also that every index matches its table,
    /// which costs more on a large file.
    Full,
}

/// What the database file says about itself.
#[derive(Debug, Clone)]
pub struct Inspection {
    /// The schema version (`PRAGMA user_version`), or why the file cannot
    /// be read as an inc database. When this is an error, the others are
    /// `None`: there is nothing more to ask the file.
    pub schema_version: Result<i64, Problem>,
    pub journal_mode: Option<Result<String, Problem>>,
    /// Read without the -shm file WAL mode shares between processes: inc
    /// cannot create one in the database's directory, so it reads a copy
    /// of the file, and cannot write to it.
    pub unshared: bool,
    /// What the schema lacks of what its version should have (see
    /// [`open::schema_gaps`]); empty when it is whole.
    pub schema_gaps: Option<Result<Vec<String>, Problem>>,
    /// The problems the check found; empty when the file is intact.
    pub integrity: Option<Result<Vec<String>, Problem>>,
}

/// The most problems an integrity check lists: the first ones say enough.
const MAX_PROBLEMS: usize = 20;

/// Opens the existing file at `path` read-only and asks it the doctor's
/// questions. A writer's lock delays each question by at most the busy
/// timeout; a WAL reader never waits.
pub fn inspect(path: &Path, options: &StoreOptions, thoroughness: Thoroughness) -> Inspection {
    let problem = |err: anyhow::Error| -> Problem {
        if is_sqlite_busy(&err) {
            return Problem::Busy(options.busy_timeout);
        }
        let err = classify(err, options.busy_timeout, path);
        let mut explained = UserError::new(message(&err));
        if let Some(h) = hint(&err) {
            explained = explained.hint(h);
        }
        Problem::Broken(explained)
    };
    let opened = open::refuse_non_file(path).and_then(|()| open::existing_to_read(path, options));
    let (conn, version, unshared) = match opened {
        Ok(opened) => opened,
        Err(e) => {
            return Inspection {
                schema_version: Err(problem(e)),
                journal_mode: None,
                unshared: false,
                schema_gaps: None,
                integrity: None,
            };
        }
    };
    Inspection {
        schema_version: Ok(version),
        journal_mode: Some(journal_mode(&conn).map_err(problem)),
        unshared,
        schema_gaps: Some(open::schema_gaps(&conn, version).map_err(problem)),
        integrity: Some(integrity(&conn, thoroughness).map_err(problem)),
    }
}

fn journal_mode(conn: &Connection) -> Result<String> {
    Ok(conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?)
}

fn integrity(conn: &Connection, thoroughness: Thoroughness) -> Result<Vec<String>> {
    let pragma = match thoroughness {
        Thoroughness::Quick => "quick_check",
        Thoroughness::Full => "integrity_check",
    };
    // A pragma takes no bound parameters; this text is built of constants.
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}({MAX_PROBLEMS})"))?;
    let found = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(if found == ["ok"] { Vec::new() } else { found })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inc_database(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("inc.db");
        let mut conn = Connection::open(&path).unwrap();
        open::migrate(&mut conn).unwrap();
        conn.pragma_update(None, "journal_mode", "wal").unwrap();
        path
    }

    #[test]
    fn a_healthy_file_reports_its_version_mode_and_no_problems() {
        let dir = tempfile::tempdir().unwrap();
        let path = inc_database(dir.path());
        for thoroughness in [Thoroughness::Quick, Thoroughness::Full] {
            let found = inspect(&path, &StoreOptions::default(), thoroughness);
            assert_eq!(
                found.schema_version.unwrap(),
                super::super::schema_version()
            );
            assert_eq!(found.journal_mode.unwrap().unwrap(), "wal");
            assert!(found.integrity.unwrap().unwrap().is_empty());
        }
    }

    #[test]
    fn another_programs_file_is_a_problem_and_nothing_more_is_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photos.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
            .unwrap();
        let found = inspect(&path, &StoreOptions::default(), Thoroughness::Quick);
        let Err(Problem::Broken(e)) = found.schema_version else {
            panic!("{found:?}");
        };
        assert!(e.to_string().contains("not an inc database"), "{e}");
        assert!(found.journal_mode.is_none() && found.integrity.is_none());
    }

    #[test]
    fn the_check_lists_what_it_finds() {
        let dir = tempfile::tempdir().unwrap();
        let path = inc_database(dir.path());
        {
            // A NOT NULL column holding a NULL: the constraint added
            // behind SQLite's back, after the row.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(
                "CREATE TABLE t (x TEXT);
                 INSERT INTO t VALUES (NULL);
                 PRAGMA writable_schema = ON;
                 UPDATE sqlite_schema SET sql = 'CREATE TABLE t (x TEXT NOT NULL)' WHERE name = 't';",
            )
            .unwrap();
        }
        let found = inspect(&path, &StoreOptions::default(), Thoroughness::Quick);
        let problems = found.integrity.unwrap().unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("NULL value in t.x"), "{problems:?}");
    }
}
