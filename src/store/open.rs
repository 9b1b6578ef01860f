//! Opening the SQLite file: checks that it is ours and not newer than this
//! binary, sets the pragmas, applies migrations. Read-only opens never
//! create, migrate or otherwise change the file.

use std::fs;
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use super::StoreOptions;
use super::schema::{APPLICATION_ID, MIGRATIONS, Migration, current_version};
use crate::error::UserError;

pub(super) fn read_write(path: &Path, options: &StoreOptions) -> Result<Connection> {
    refuse_before_writing(path)?;
    ensure_parent(path, options.create_dir)?;
    create_private_file(path)?;
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| open_error(e, path))?;
    // Until the file is known to be ours, closing must not move its -wal
    // file into it: a file refused is left exactly as it was.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    conn.busy_timeout(options.busy_timeout)?;
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        return Err(read_only_file(path).into());
    }
    let version = identify(&conn, path)?;
    refuse_newer(version, path)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    ensure_wal(&conn, options.busy_timeout).map_err(|e| open_error(e, path))?;
    if version < current_version() {
        migrate(&mut conn).map_err(|e| open_error_any(e, path))?;
    }
    Ok(conn)
}

pub(super) fn read_only(path: &Path, options: &StoreOptions) -> Result<Connection> {
    read_only_with(path, options, MIGRATIONS)
}

fn read_only_with(
    path: &Path,
    options: &StoreOptions,
    migrations: &[Migration],
) -> Result<Connection> {
    refuse_non_file(path)?;
    if !exists(path)? {
        // Nothing recorded yet: read as an empty database, create nothing.
        let mut mem = Connection::open_in_memory()?;
        migrate_with(&mut mem, migrations)?;
        return Ok(mem);
    }
    let (conn, version, _) = existing_to_read(path, options)?;
    refuse_newer(version, path)?;
    let behind = usize::try_from(version).unwrap_or(0);
    if migrations.iter().skip(behind).any(|m| !m.readers_skip) {
        // An older schema: upgrade a copy in memory; the file stays as it
        // is until the next write upgrades it for real. (Missing indexes
        // only make some reads slower, and a table only writes use is not
        // missed: a file that lacks only those is read as it is.)
        let mut mem = Connection::open_in_memory()?;
        rusqlite::backup::Backup::new(&conn, &mut mem)?
            .run_to_completion(1024, Duration::ZERO, None)
            .map_err(|e| open_error(e, path))?;
        migrate_with(&mut mem, migrations)?;
        return Ok(mem);
    }
    Ok(conn)
}

/// A new database in memory, at the current schema.
pub(super) fn in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    conn.pragma_update(None, "foreign_keys", true)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Copies `conn` to a new file at `path`, created here (0600) so that an
/// existing file, or a link, is refused rather than overwritten. A copy
/// that fails half-way is removed: the file was ours.
pub(super) fn copy_to_new_file(conn: &Connection, path: &Path) -> Result<()> {
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            return Err(UserError::new(format!(
                "{} already exists; it was left unchanged",
                path.display()
            ))
            .hint("name a file that does not exist yet")
            .into());
        }
        Err(e) => {
            return Err(UserError::new(format!(
                "cannot create the database at {}: {e}",
                path.display()
            ))
            .hint("choose a writable location, in a directory that exists")
            .into());
        }
    }
    let copy = || -> Result<()> {
        let mut file = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(e, path))?;
        rusqlite::backup::Backup::new(conn, &mut file)?
            .run_to_completion(1024, Duration::ZERO, None)
            .map_err(|e| open_error(e, path))?;
        // Like every inc database: readers need not wait for a writer.
        ensure_wal(&file, Duration::ZERO).map_err(|e| open_error(e, path))?;
        Ok(())
    };
    copy().inspect_err(|_| {
        let _ = fs::remove_file(path);
    })
}

/// Opens an existing file read-only, with the busy timeout set. SQLite is
/// not allowed to create it: a missing file is an error here.
fn existing_read_only(path: &Path, options: &StoreOptions) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| open_error(e, path))?;
    conn.busy_timeout(options.busy_timeout)?;
    Ok(conn)
}

/// Whether a read failed because SQLite could not make the -shm file a
/// database in WAL mode shares between processes (its directory is not
/// writable by this user).
fn needs_shm(err: &rusqlite::Error) -> bool {
    matches!(err, rusqlite::Error::SqliteFailure(f, _)
        if matches!(f.code, ErrorCode::ReadOnly | ErrorCode::CannotOpen))
}

/// The file beside the database named with `suffix` (`-wal`, `-shm`).
pub(super) fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// A copy in memory of a database whose -shm file cannot be made (see
/// [`needs_shm`]). Its owner may still be writing it (a writer can, in a
/// directory this user cannot write to), and without the -shm file there
/// are no locks to keep a reader from seeing half a write: so the file is
/// copied whole, and the copy kept only if the file did not change while
/// it was read and no changes wait in a -wal file. `None`: it changed, or
/// a writer has made its -shm file since; look again.
fn snapshot(path: &Path) -> Result<Option<Connection>> {
    use std::os::unix::fs::MetadataExt as _;
    let wal = sibling(path, "-wal");
    let pending = || fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    let stamp = || {
        fs::metadata(path)
            .map(|m| (m.dev(), m.ino(), m.len(), m.mtime(), m.mtime_nsec()))
            .map_err(|e| open_error_any(anyhow::Error::new(e), path))
    };
    let before = stamp()?;
    if pending() {
        if sibling(path, "-shm").exists() {
            return Ok(None);
        }
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        return Err(UserError::new(format!(
            "cannot read the database at {}: its latest changes are in {}, and reading them needs a -shm file that inc cannot create in {}",
            path.display(),
            wal.display(),
            dir.display()
        ))
        .hint("copy the database with its -wal file to a directory you can write to and read the copy, or run any inc command on it as a user who can write there")
        .into());
    }
    let file = Connection::open_with_flags(
        format!("{}?immutable=1", uri(path)),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| open_error(e, path))?;
    let mut copy = Connection::open_in_memory()?;
    let copied = rusqlite::backup::Backup::new(&file, &mut copy)
        .and_then(|b| b.run_to_completion(1024, Duration::ZERO, None));
    drop(file);
    if stamp()? != before || pending() {
        return Ok(None);
    }
    copied.map_err(|e| open_error(e, path))?;
    Ok(Some(copy))
}

/// A path as an SQLite `file:` URI: every byte but plain letters, digits,
/// `/` and `-._~` percent-encoded, and an absolute path after an empty
/// authority (`file:///tmp/x`), so that one starting `//` is not taken for
/// a host.
fn uri(path: &Path) -> String {
    use std::fmt::Write as _;
    use std::os::unix::ffi::OsStrExt as _;
    let mut out = String::from(if path.is_absolute() {
        "file://"
    } else {
        "file:"
    });
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Opens an existing inc database read-only and returns it with its
/// schema version, and whether it is read without a -shm file (see
/// [`snapshot`]). Any other file is refused.
pub(super) fn existing_to_read(
    path: &Path,
    options: &StoreOptions,
) -> Result<(Connection, i64, bool)> {
    for _ in 0..SNAPSHOT_TRIES {
        let conn = existing_read_only(path, options)?;
        match identity(&conn) {
            Err(e) if needs_shm(&e) => {
                // A writer may have made the -shm file since SQLite looked
                // for it (then open again and read through it), or removed
                // it (then copy the file).
                let shm = sibling(path, "-shm");
                if shm.exists() {
                    if fs::File::open(&shm).is_err() {
                        return Err(open_error(e, path));
                    }
                } else if let Some(copy) = snapshot(path)? {
                    let read = identity(&copy).map_err(|e| open_error(e, path))?;
                    return Ok((copy, ours(read, path)?, true));
                }
            }
            read => {
                return Ok((
                    conn,
                    ours(read.map_err(|e| open_error(e, path))?, path)?,
                    false,
                ));
            }
        }
    }
    Err(UserError::new(format!(
        "the database at {} kept changing while inc read it without its -shm file",
        path.display()
    ))
    .hint("its owner is writing it; try again in a moment")
    .into())
}

/// How many times inc looks again at a database that changed while it
/// was copied (see [`snapshot`]) before it gives up.
const SNAPSHOT_TRIES: usize = 5;

/// What a database at schema `version` lacks of what its migrations made:
/// each missing table, index, trigger or view, and each missing column of
/// a table that is there, in words ("table tasks", "column
/// actions.owner"). Empty for an intact schema.
pub(super) fn schema_gaps(conn: &Connection, version: i64) -> Result<Vec<String>> {
    let Some(applied) = usize::try_from(version)
        .ok()
        .and_then(|v| MIGRATIONS.get(..v))
    else {
        return Ok(Vec::new());
    };
    let mut expected = Connection::open_in_memory()?;
    migrate_with(&mut expected, applied)?;
    let objects = |conn: &Connection| -> rusqlite::Result<Vec<(String, String)>> {
        let mut stmt = conn.prepare(
            "SELECT type, name FROM sqlite_schema \
             WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect()
    };
    let columns = |conn: &Connection, table: &str| -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
        stmt.query_map([table], |r| r.get(0))?.collect()
    };
    let found = objects(conn)?;
    let mut gaps = Vec::new();
    for (kind, name) in objects(&expected)? {
        if !found.iter().any(|(k, n)| *k == kind && *n == name) {
            gaps.push(format!("{kind} {name}"));
        } else if kind == "table" {
            let there = columns(conn, &name)?;
            for column in columns(&expected, &name)? {
                if !there.contains(&column) {
                    gaps.push(format!("column {name}.{column}"));
                }
            }
        }
    }
    Ok(gaps)
}

/// Applies every migration past the database's version, each with its
/// version bump in one IMMEDIATE transaction: a failed migration leaves the
/// database at the version before it, and two processes never apply one twice.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_with(conn, MIGRATIONS)
}

fn migrate_with(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    // A migration may make a table anew (to change a constraint): foreign
    // keys are checked once it is done, not while tables are swapped. The
    // setting only changes outside a transaction.
    let enforced: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = migrate_each(conn, migrations);
    conn.pragma_update(None, "foreign_keys", enforced)?;
    result
}

fn migrate_each(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let Some(migration) = usize::try_from(version)
            .ok()
            .and_then(|v| migrations.get(v))
        else {
            return Ok(());
        };
        let apply = || -> Result<()> {
            tx.execute_batch(migration.sql)?;
            if let Some(then) = migration.then {
                then(&tx)?;
            }
            let broken: i64 =
                tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
            anyhow::ensure!(
                broken == 0,
                "{broken} rows refer to rows that are not there"
            );
            Ok(())
        };
        apply().with_context(|| format!("migration to schema version {} failed", version + 1))?;
        if version == 0 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

/// Puts the database in WAL mode, which lets readers run during a write.
/// The mode is persistent, so this writes only once, when the file is new
/// (or was copied in with another journal mode). Two processes switching
/// a new file at once can deadlock, and SQLite answers one of them "busy"
/// at once rather than waiting; so retry within the busy timeout.
fn ensure_wal(conn: &Connection, timeout: Duration) -> rusqlite::Result<()> {
    let deadline = Instant::now() + timeout;
    loop {
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        match conn.pragma_update(None, "journal_mode", "wal") {
            Err(rusqlite::Error::SqliteFailure(f, _))
                if f.code == ErrorCode::DatabaseBusy && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            other => other?,
        }
    }
}

/// The schema version of an inc database; refuses any other SQLite file.
pub(super) fn identify(conn: &Connection, path: &Path) -> Result<i64> {
    ours(identity(conn).map_err(|e| open_error(e, path))?, path)
}

/// The application id, schema version and number of schema objects, read
/// in one statement, so one snapshot: a migration committed by another
/// process cannot fall between the reads.
fn identity(conn: &Connection) -> rusqlite::Result<(i64, i64, i64)> {
    conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id), \
                (SELECT user_version FROM pragma_user_version), \
                (SELECT count(*) FROM sqlite_schema)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// The schema version, if [`identity`] is an inc database's.
fn ours((app, version, objects): (i64, i64, i64), path: &Path) -> Result<i64> {
    if app == APPLICATION_ID || (app == 0 && version == 0 && objects == 0) {
        Ok(version)
    } else {
        Err(foreign(path).into())
    }
}

fn foreign(path: &Path) -> UserError {
    UserError::new(format!(
        "{} is an SQLite database, but not an inc database; it was left unchanged",
        path.display()
    ))
    .hint("point --db or INC_DB at an inc database, or at a new file")
}

fn refuse_newer(version: i64, path: &Path) -> Result<()> {
    if version > current_version() {
        return Err(UserError::new(format!(
            "the database at {} has schema version {version}, newer than this inc understands ({}); it was left unchanged",
            path.display(),
            current_version()
        ))
        .hint("upgrade inc to a release that knows this schema")
        .into());
    }
    Ok(())
}

/// Refuses, before SQLite opens it for writing, a path that is no
/// database file (see [`refuse_non_file`]) and, from its header alone,
/// another program's SQLite file or a newer inc's. (The header may lag
/// behind changes still in the -wal file: those are caught once it is
/// open, and closing then leaves the -wal file alone.)
fn refuse_before_writing(path: &Path) -> Result<()> {
    use std::io::Read as _;
    // Opened without waiting on a pipe; what was opened is looked at.
    let Ok(mut file) = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
    else {
        // Missing (a new database), or not to be read: SQLite says which.
        return Ok(());
    };
    if let Ok(meta) = file.metadata() {
        refuse_kind(path, &meta)?;
    }
    let mut header = [0u8; 100];
    if file.read_exact(&mut header).is_err() || !header.starts_with(b"SQLite format 3\0") {
        // New, short or not SQLite at all: SQLite says which.
        return Ok(());
    }
    let field = |at: usize| {
        i64::from(u32::from_be_bytes([
            header[at],
            header[at + 1],
            header[at + 2],
            header[at + 3],
        ]))
    };
    let (version, app) = (field(60), field(68));
    if app != 0 && app != APPLICATION_ID {
        return Err(foreign(path).into());
    }
    if app == APPLICATION_ID {
        refuse_newer(version, path)?;
    }
    Ok(())
}

/// Whether the database file exists. Only "not found" means no: a file
/// that cannot be looked at (a directory without permission, say) is an
/// error, not an empty database.
pub(super) fn exists(path: &Path) -> Result<bool> {
    match fs::metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
        Err(e) => Err(UserError::new(format!(
            "cannot open the database at {}: {e}",
            path.display()
        ))
        .hint("check the permissions of the file and its directory")
        .into()),
    }
}

/// Refuses a path that is there but is no database file: a directory, or
/// a FIFO, socket or device that SQLite would wait on or misread. (A link
/// is followed: it is the file at its end that counts.)
pub(super) fn refuse_non_file(path: &Path) -> Result<()> {
    match fs::metadata(path) {
        Ok(meta) => refuse_kind(path, &meta),
        Err(_) => Ok(()),
    }
}

/// [`refuse_non_file`] for what is at `path`, described by `meta`.
fn refuse_kind(path: &Path, meta: &fs::Metadata) -> Result<()> {
    if meta.is_dir() {
        return Err(UserError::new(format!(
            "{} is a directory, not a database file",
            path.display()
        ))
        .hint(format!(
            "point --db or INC_DB at a file, such as {}",
            path.join("inc.db").display()
        ))
        .into());
    }
    if !meta.is_file() {
        return Err(UserError::new(format!(
            "{} is {}, not a database file; it was left unchanged",
            path.display(),
            crate::files::kind_of(meta)
        ))
        .hint("point --db or INC_DB at a regular file, or at a new file")
        .into());
    }
    Ok(())
}

fn ensure_parent(path: &Path, create: bool) -> Result<()> {
    let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    if parent.is_dir() {
        return Ok(());
    }
    if !create {
        return Err(UserError::new(format!(
            "cannot create the database at {}: the directory {} does not exist",
            path.display(),
            parent.display()
        ))
        .hint("create the directory first, or point --db or INC_DB elsewhere")
        .into());
    }
    // Incident notes can be sensitive: the data directory is private.
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(parent)
        .with_context(|| format!("could not create the data directory {}", parent.display()))
}

/// Creates the database file with mode 0600 before SQLite opens it (SQLite
/// would use the umask); its -wal and -shm files inherit that mode.
fn create_private_file(path: &Path) -> Result<()> {
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(UserError::new(format!(
            "cannot create the database at {}: {e}",
            path.display()
        ))
        .hint("choose a writable location with --db or INC_DB")
        .into()),
    }
}

fn read_only_file(path: &Path) -> UserError {
    UserError::new(format!(
        "the database at {} is read-only; nothing was written",
        path.display()
    ))
    .hint(
        "check the permissions of the file and its directory (SQLite writes a -wal file beside it)",
    )
}

fn open_error_any(err: anyhow::Error, path: &Path) -> anyhow::Error {
    match err.downcast::<rusqlite::Error>() {
        Ok(e) => open_error(e, path),
        Err(other) => other,
    }
}

/// An SQLite error met while opening: explained if a person can act on it,
/// otherwise said to have happened while opening.
fn open_error(err: rusqlite::Error, path: &Path) -> anyhow::Error {
    explain(&err, path).unwrap_or_else(|| {
        anyhow::Error::new(err)
            .context(format!("could not open the database at {}", path.display()))
    })
}

/// The SQLite errors a person can act on, at open or later, in words that
/// name the file and say what to do. Busy ones become
/// [`crate::error::Busy`] at the store's boundary.
pub(super) fn explain(err: &rusqlite::Error, path: &Path) -> Option<anyhow::Error> {
    if let Some(missing) = missing_from_schema(err) {
        return Some(
            UserError::new(format!(
                "the database at {} is damaged: {missing}",
                path.display()
            ))
            .hint("`inc doctor` lists what is missing; restore the file from a backup")
            .into(),
        );
    }
    let rusqlite::Error::SqliteFailure(failure, _) = err else {
        return None;
    };
    let explained = match failure.code {
        ErrorCode::NotADatabase => UserError::new(format!(
            "{} is not an inc database (not an SQLite file, or damaged); it was left unchanged",
            path.display()
        ))
        .hint("point --db or INC_DB at an inc database, or at a new file"),
        ErrorCode::ReadOnly => read_only_file(path),
        ErrorCode::CannotOpen | ErrorCode::PermissionDenied => UserError::new(format!(
            "cannot open the database at {}: {err}",
            path.display()
        ))
        .hint("check the permissions of the file and its directory"),
        ErrorCode::DatabaseCorrupt => UserError::new(format!(
            "the database at {} is damaged: {err}",
            path.display()
        ))
        .hint("restore it from a backup; `sqlite3 FILE .recover` may save what is left"),
        _ => return None,
    };
    Some(explained.into())
}

/// The table or column a statement found missing ("no such table:
/// tasks"): a schema changed outside inc, since inc's own statements
/// match the schema its migrations make.
fn missing_from_schema(err: &rusqlite::Error) -> Option<&str> {
    let message = match err {
        rusqlite::Error::SqliteFailure(f, Some(message)) if f.code == ErrorCode::Unknown => {
            message.as_str()
        }
        rusqlite::Error::SqlInputError { msg, .. } => msg.as_str(),
        _ => return None,
    };
    let first = message.split(" in ").next().unwrap_or(message);
    ["no such table: ", "no such column: "]
        .iter()
        .any(|start| first.starts_with(start))
        .then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_becomes_a_uri_that_names_only_it() {
        assert_eq!(uri(Path::new("/tmp/inc.db")), "file:///tmp/inc.db");
        assert_eq!(uri(Path::new("//tmp/inc.db")), "file:////tmp/inc.db");
        assert_eq!(uri(Path::new("data/inc.db")), "file:data/inc.db");
        assert_eq!(
            uri(Path::new("/a b/x?y#z%.db")),
            "file:///a%20b/x%3Fy%23z%25.db"
        );
    }

    #[test]
    fn migrations_reach_the_current_version_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, current_version());
        let app: i64 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(app, APPLICATION_ID);
    }

    #[test]
    fn a_failed_migration_leaves_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inc.db");
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn).unwrap();
        conn.execute("INSERT INTO state (key, value) VALUES ('kept', 'yes')", [])
            .unwrap();
        let broken = format!(
            "{}\nCREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);",
            "-- a later migration that fails half-way"
        );
        let broken: &'static str = Box::leak(broken.into_boxed_str());
        let mut with_broken = MIGRATIONS.to_vec();
        with_broken.push(Migration::sql(broken));
        let err = migrate_with(&mut conn, &with_broken).unwrap_err();
        assert!(
            err.to_string().contains(&format!(
                "migration to schema version {} failed",
                current_version() + 1
            )),
            "{err}"
        );
        drop(conn);

        let conn = Connection::open(&path).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, current_version(), "the version did not move");
        let half: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(half, 0, "the failed migration left nothing behind");
        let kept: String = conn
            .query_row("SELECT value FROM state WHERE key = 'kept'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(kept, "yes");
    }

    #[test]
    fn reading_an_older_schema_upgrades_a_copy_and_leaves_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inc.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            migrate(&mut conn).unwrap();
            conn.execute("INSERT INTO state (key, value) VALUES ('kept', 'yes')", [])
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        // A later binary, one migration ahead.
        let next = "CREATE TABLE added (x); INSERT INTO added VALUES (42);";
        let mut later = MIGRATIONS.to_vec();
        later.push(Migration::sql(next));
        let conn = read_only_with(&path, &StoreOptions::default(), &later).unwrap();
        let added: i64 = conn
            .query_row("SELECT x FROM added", [], |r| r.get(0))
            .unwrap();
        let kept: String = conn
            .query_row("SELECT value FROM state WHERE key = 'kept'", [], |r| {
                r.get(0)
            })
            .unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(
            (added, kept.as_str(), version),
            (42, "yes", current_version() + 1)
        );
        drop(conn);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the file was changed"
        );
    }

    #[test]
    fn a_database_behind_by_indexes_only_is_read_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inc.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            migrate(&mut conn).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        // A later binary whose one migration only adds an index: reading
        // does not copy a large database into memory to add it.
        let mut later = MIGRATIONS.to_vec();
        later.push(Migration::indexes("CREATE INDEX later ON state (value);"));
        let conn = read_only_with(&path, &StoreOptions::default(), &later).unwrap();
        assert_eq!(conn.path(), Some(path.to_str().unwrap()));
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, current_version());
        drop(conn);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn foreign_sqlite_files_are_refused() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x)").unwrap();
        let err = identify(&conn, Path::new("x.db")).unwrap_err();
        assert!(err.to_string().contains("not an inc database"), "{err}");
    }
}
