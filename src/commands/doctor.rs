//! `inc doctor`: for the person whose `inc` misbehaves, what it uses and
//! whether that is healthy: the config file, the database and its
//! directory, SQLite's version, the schema, the journal mode, permissions,
//! the filesystem, an integrity check, and the team hub when the database
//! is on a team. It creates and changes nothing,
//! and it runs before the config is loaded, so that a broken config is
//! reported rather than fatal.

mod hub;
#[cfg(target_os = "linux")]
mod mounts;

use std::ffi::OsString;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::GlobalArgs;
use crate::config::{self, Config, DbSource};
use crate::error::{UserError, hint, message};
use crate::report::doctor::{self as report, Check, Doctor, Status};
use crate::store::doctor::{
    Inspection, MIN_SQLITE_VERSION, Problem, Thoroughness, inspect, sqlite_version,
};
use crate::store::{StoreOptions, schema_version};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc doctor
  inc doctor --full
  inc --db ./drill.db doctor --json"#)]
pub struct Args {
    /// Run SQLite's full integrity check instead of the quick one
    ///
    /// The full check also compares every index with its table, which takes
    /// longer on a large database.
    #[arg(long)]
    pub full: bool,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

/// Prints the report; fails (exit 1) when any check failed. Warnings alone
/// do not fail it.
pub fn run(global: &GlobalArgs, args: &Args) -> Result<()> {
    let thoroughness = if args.full {
        Thoroughness::Full
    } else {
        Thoroughness::Quick
    };
    let doctor = examine(global, thoroughness);
    let text = if args.json {
        report::json(&doctor)
    } else {
        report::text(&doctor)
    };
    super::print(&text)?;
    match doctor.failed().as_slice() {
        [] => Ok(()),
        [one] => Err(UserError::new(format!("doctor found a problem: {one}")).into()),
        many => Err(UserError::new(format!(
            "doctor found {} problems: {}",
            many.len(),
            many.join(", ")
        ))
        .into()),
    }
}

/// Runs every check. A failed check is a line of the report, and the
/// checks after it still run; only a database path that cannot be worked
/// out (no home directory) leaves nothing more to look at.
fn examine(global: &GlobalArgs, thoroughness: Thoroughness) -> Doctor {
    let mut checks = Vec::new();
    let (config_path, config) = check_config(global, &mut checks);
    let config = config.as_ref();
    let (sqlite, sqlite_number) = sqlite_version();
    let sqlite_check = check_sqlite(sqlite, sqlite_number);
    let mut doctor = Doctor {
        config_path: config_path.map(|p| p.to_string_lossy().into_owned()),
        db_path: None,
        sqlite_version: sqlite.to_string(),
        schema_version: None,
        known_schema_version: schema_version(),
        journal_mode: None,
        filesystem: None,
        checks: Vec::new(),
    };
    let defaults = Config::default();
    let (db, source) = match config::db_path(global.db.as_deref(), config.unwrap_or(&defaults)) {
        Ok(found) => found,
        Err(e) => {
            checks.push(failure("database", &e));
            checks.push(sqlite_check);
            doctor.checks = checks;
            return doctor;
        }
    };
    doctor.db_path = Some(db.to_string_lossy().into_owned());
    let options = StoreOptions {
        busy_timeout: config.map_or(defaults.busy_timeout, |c| c.busy_timeout),
        create_dir: source == DbSource::Default,
        clock: crate::clock::Clock::system(),
    };
    let is_default = source == DbSource::Default;

    // The files as they are before SQLite opens anything: a reader may
    // leave a -wal and -shm file behind.
    let files = Files::look(&db);
    let inspection = match &files.db {
        Ok(Some(_)) => Some(inspect(&db, &options, thoroughness)),
        _ => None,
    };

    let source = match source {
        DbSource::Default if config.is_none() => {
            " (the default; a `db` in the unreadable config is not applied)".to_string()
        }
        DbSource::Default => String::new(),
        DbSource::Config => " (from the config's `db`)".to_string(),
        other => format!(" (from {})", other.name()),
    };
    checks.push(check_database(&db, &source, &files, inspection.as_ref()));
    checks.push(sqlite_check);
    if let Some(found) = &inspection {
        if let Ok(version) = found.schema_version {
            doctor.schema_version = Some(version);
            checks.push(check_schema(version, found.schema_gaps.as_ref()));
        }
        if let Some(mode) = &found.journal_mode {
            doctor.journal_mode = mode.as_ref().ok().cloned();
            checks.push(check_journal_mode(mode, found.unshared));
        }
    }
    permissions::check_all(&db, &files, is_default, &mut checks);
    let (filesystem, check) = check_filesystem(&db);
    doctor.filesystem = filesystem;
    checks.push(check);
    if let Some(Some(integrity)) = inspection.as_ref().map(|i| &i.integrity) {
        checks.push(check_integrity(&db, integrity, thoroughness));
    }
    if inspection.is_some() {
        hub::check_all(&db, &options, &mut checks);
    }
    doctor.checks = checks;
    doctor
}

/// A failed check from an error: its one-line message and its hint.
fn failure(name: &'static str, err: &anyhow::Error) -> Check {
    let check = Check::new(name, Status::Fail, message(err));
    match hint(err) {
        Some(h) => check.hint(h),
        None => check,
    }
}

/// Loads the config the way every other command does, but reports a
/// problem instead of stopping at it.
fn check_config(global: &GlobalArgs, checks: &mut Vec<Check>) -> (Option<PathBuf>, Option<Config>) {
    let (path, explicit) = match config::config_path(global.config.as_deref()) {
        Ok(found) => found,
        Err(e) => {
            checks.push(failure("config", &e));
            return (None, None);
        }
    };
    let source = if global
        .config
        .as_ref()
        .is_some_and(|p| !p.as_os_str().is_empty())
    {
        " (from --config)"
    } else if explicit {
        " (from INC_CONFIG)"
    } else {
        ""
    };
    let present = fs::symlink_metadata(&path).is_ok();
    match Config::load(&path, explicit) {
        Ok(config) => {
            let message = if present {
                format!("{}{source}", path.display())
            } else {
                format!("{}: not present, defaults in use", path.display())
            };
            checks.push(match &config.notify.refused {
                Some(problem) => Check::new(
                    "config",
                    Status::Warn,
                    format!("{message}: the webhook is not used: {problem}"),
                )
                .hint(config::CLEARTEXT_WEBHOOK_HINT),
                None => Check::new("config", Status::Ok, message),
            });
            (Some(path), Some(config))
        }
        Err(e) => {
            checks.push(failure("config", &e));
            (Some(path), None)
        }
    }
}

/// The database file and its -wal and -shm companions: `Ok(None)` when
/// absent.
struct Files {
    db: std::io::Result<Option<fs::Metadata>>,
    wal: Option<(PathBuf, fs::Metadata)>,
    shm: Option<(PathBuf, fs::Metadata)>,
}

impl Files {
    fn look(db: &Path) -> Files {
        let companion = |suffix: &str| {
            let mut name = OsString::from(db.as_os_str());
            name.push(suffix);
            let path = PathBuf::from(name);
            fs::metadata(&path).ok().map(|m| (path, m))
        };
        Files {
            db: match fs::metadata(db) {
                Ok(m) => Ok(Some(m)),
                Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            },
            wal: companion("-wal"),
            shm: companion("-shm"),
        }
    }
}

fn check_database(
    db: &Path,
    source: &str,
    files: &Files,
    inspection: Option<&Inspection>,
) -> Check {
    let meta = match &files.db {
        Ok(Some(meta)) => meta,
        Ok(None) => {
            return Check::new(
                "database",
                Status::Ok,
                format!("{}{source}: not created yet", db.display()),
            );
        }
        Err(e) => {
            return Check::new(
                "database",
                Status::Fail,
                format!("cannot look at {}: {e}", db.display()),
            )
            .hint("check the permissions of the file and its directory");
        }
    };
    match inspection.map(|i| &i.schema_version) {
        Some(Err(problem)) => problem_check("database", problem),
        _ => Check::new(
            "database",
            Status::Ok,
            format!("{}{source}, {}", db.display(), size(meta.len())),
        ),
    }
}

fn problem_check(name: &'static str, problem: &Problem) -> Check {
    match problem {
        Problem::Busy(timeout) => Check::new(
            name,
            Status::Warn,
            format!(
                "locked by another process for longer than the busy timeout ({:.1} s); not checked",
                timeout.as_secs_f64()
            ),
        )
        .hint("something holds a lock on the database (an open `sqlite3` shell? a stuck inc?); run `inc doctor` again once it is done"),
        Problem::Broken(e) => {
            let check = Check::new(name, Status::Fail, e.to_string());
            match e.hint_text() {
                Some(h) => check.hint(h),
                None => check,
            }
        }
    }
}

fn check_sqlite(version: &str, number: i32) -> Check {
    let origin = if cfg!(feature = "bundled") {
        "bundled with inc"
    } else {
        "the system's library"
    };
    let (min_number, min) = MIN_SQLITE_VERSION;
    if number < min_number {
        return Check::new(
            "sqlite",
            Status::Fail,
            format!("{version} ({origin}): inc needs SQLite {min} or later"),
        )
        .hint("build inc with its bundled SQLite (the default `bundled` feature), or upgrade the system's SQLite");
    }
    Check::new("sqlite", Status::Ok, format!("{version} ({origin})"))
}

fn check_schema(version: i64, gaps: Option<&Result<Vec<String>, Problem>>) -> Check {
    let known = schema_version();
    if version > known {
        return Check::new(
            "schema",
            Status::Fail,
            format!("version {version}, newer than this inc understands ({known})"),
        )
        .hint("upgrade inc to a release that knows this schema");
    }
    match gaps {
        Some(Err(problem)) => return problem_check("schema", problem),
        Some(Ok(gaps)) if !gaps.is_empty() => {
            const SHOWN: usize = 5;
            let mut missing = gaps
                .iter()
                .take(SHOWN)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            if gaps.len() > SHOWN {
                missing.push_str(&format!(" and {} more", gaps.len() - SHOWN));
            }
            return Check::new(
                "schema",
                Status::Fail,
                format!("version {version}, but damaged: missing {missing}"),
            )
            .hint("the file was changed outside inc; restore it from a backup");
        }
        _ => {}
    }
    let message = if version == known {
        format!("version {version}, the one this inc uses")
    } else if version == 0 {
        "version 0: an empty file; the next write sets it up".to_string()
    } else {
        format!("version {version}; this inc uses {known} and upgrades the file at its next write")
    };
    Check::new("schema", Status::Ok, message)
}

fn check_journal_mode(mode: &Result<String, Problem>, unshared: bool) -> Check {
    match mode {
        // Only a file in WAL mode needs the -shm file (read without it,
        // SQLite reports the mode it was opened in instead).
        Ok(_) if unshared => Check::new(
            "journal_mode",
            Status::Warn,
            "wal, read from a copy: inc cannot create the -shm file WAL mode needs in the database's directory, so it can read the database but not write to it",
        )
        .hint("let the owner of the database write in its directory, or copy the database to a directory you can write to"),
        Ok(mode) if mode.eq_ignore_ascii_case("wal") => {
            Check::new("journal_mode", Status::Ok, mode.as_str())
        }
        // Not a problem: every write puts the file in WAL mode first.
        Ok(mode) => Check::new(
            "journal_mode",
            Status::Ok,
            format!("{mode}; inc switches it to wal at its next write"),
        ),
        Err(problem) => problem_check("journal_mode", problem),
    }
}

fn check_integrity(
    db: &Path,
    found: &Result<Vec<String>, Problem>,
    thoroughness: Thoroughness,
) -> Check {
    let what = match thoroughness {
        Thoroughness::Quick => "quick check",
        Thoroughness::Full => "full integrity check",
    };
    match found {
        Ok(problems) if problems.is_empty() => {
            let more = match thoroughness {
                Thoroughness::Quick => " (`--full` also checks every index)",
                Thoroughness::Full => "",
            };
            Check::new("integrity", Status::Ok, format!("{what}: ok{more}"))
        }
        Ok(problems) => {
            let count = match problems.len() {
                1 => "1 problem".to_string(),
                20.. => format!("{} or more problems", problems.len()),
                n => format!("{n} problems"),
            };
            let first = problems.first().map(String::as_str).unwrap_or_default();
            Check::new(
                "integrity",
                Status::Fail,
                format!("{what}: {count}; the first: {first}"),
            )
            .hint(format!(
                "restore the database from a backup; `sqlite3 {} .recover` may save what is left",
                crate::model::shell_path(db)
            ))
        }
        Err(problem) => problem_check("integrity", problem),
    }
}

/// The filesystem under the database (or under the directory it will be
/// created in), and a warning where SQLite's locking cannot be trusted.
fn check_filesystem(db: &Path) -> (Option<String>, Check) {
    #[cfg(target_os = "linux")]
    {
        let Some(fstype) = existing_ancestor(db).and_then(|p| mounts::fstype_of(&p)) else {
            return (None, Check::new("filesystem", Status::Ok, "unknown"));
        };
        let hint = "keep the database on a local disk: point --db, INC_DB or the config's `db` at a local path";
        let check = match mounts::kind(&fstype) {
            mounts::Kind::Local => Check::new("filesystem", Status::Ok, fstype.as_str()),
            mounts::Kind::Network => Check::new(
                "filesystem",
                Status::Warn,
                format!(
                    "{fstype}: a network or shared filesystem, where SQLite's locking is unreliable and two writers can damage the database"
                ),
            )
            .hint(hint),
            mounts::Kind::Fuse => Check::new(
                "filesystem",
                Status::Warn,
                format!(
                    "{fstype}: a FUSE filesystem, perhaps remote; SQLite's locking is reliable only if it passes locks through"
                ),
            )
            .hint(hint),
        };
        (Some(fstype), check)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = db;
        (
            None,
            Check::new("filesystem", Status::Ok, "unknown (checked on Linux only)"),
        )
    }
}

/// The path with symbolic links resolved, or that of the nearest directory
/// above it that exists: where the database is or will be.
#[cfg(target_os = "linux")]
fn existing_ancestor(db: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(db).ok()?;
    absolute.ancestors().find_map(|p| fs::canonicalize(p).ok())
}

fn size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if b < KIB * KIB {
        format!("{:.0} KiB", b / KIB)
    } else if b < KIB * KIB * KIB {
        format!("{:.1} MiB", b / KIB / KIB)
    } else {
        format!("{:.1} GiB", b / KIB / KIB / KIB)
    }
}

/// Who may read the database: modes and owners of the data directory, the
/// database and its companion files.
#[cfg(unix)]
mod permissions {
    use std::collections::HashMap;
    use std::fs;
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;

    use super::{Files, size};
    use crate::report::doctor::{Check, Status};

    /// User names by id, from /etc/passwd (ids without a line there are
    /// shown as numbers), and the id doctor runs as, where /proc says.
    struct Users {
        names: HashMap<u32, String>,
        me: Option<u32>,
    }

    impl Users {
        fn load() -> Users {
            let names = fs::read_to_string("/etc/passwd")
                .map(|text| parse_passwd(&text))
                .unwrap_or_default();
            let me = fs::metadata("/proc/self").ok().map(|m| m.uid());
            Users { names, me }
        }

        fn name(&self, uid: u32) -> String {
            self.names
                .get(&uid)
                .cloned()
                .unwrap_or_else(|| format!("uid {uid}"))
        }
    }

    pub(super) fn parse_passwd(text: &str) -> HashMap<u32, String> {
        let mut names = HashMap::new();
        for line in text.lines() {
            let mut fields = line.split(':');
            let (Some(name), Some(_), Some(uid)) = (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            if let Ok(uid) = uid.parse() {
                // The first line for an id is the one tools show.
                names.entry(uid).or_insert_with(|| name.to_string());
            }
        }
        names
    }

    pub(super) fn check_all(db: &Path, files: &Files, is_default: bool, checks: &mut Vec<Check>) {
        let users = Users::load();
        let dir = db
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        checks.push(match fs::metadata(dir) {
            // A directory the user chose (--db, INC_DB, `db`) may be shared,
            // such as the working directory: only its use for SQLite counts.
            Ok(meta) => check(&users, "data_dir", dir, &meta, 0o700, Some(dir), is_default),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && is_default => Check::new(
                "data_dir",
                Status::Ok,
                format!(
                    "{}: not created yet; inc creates it (0700) with the database",
                    dir.display()
                ),
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Check::new(
                "data_dir",
                Status::Warn,
                format!(
                    "{}: does not exist, and inc creates a directory only for the default location",
                    dir.display()
                ),
            )
            .hint(format!("mkdir -m 700 -p {}", crate::model::shell_path(dir))),
            Err(e) => Check::new(
                "data_dir",
                Status::Warn,
                format!("cannot look at {}: {e}", dir.display()),
            ),
        });
        if let Ok(Some(meta)) = &files.db
            && meta.is_file()
        {
            checks.push(check(&users, "db_file", db, meta, 0o600, None, true));
        }
        for (name, found) in [("wal_file", &files.wal), ("shm_file", &files.shm)] {
            if let Some((path, meta)) = found {
                let mut line = check(&users, name, path, meta, 0o600, None, true);
                line.message.push_str(&format!(", {}", size(meta.len())));
                checks.push(line);
            }
        }
    }

    /// Mode and owner against what inc creates: 0700 for the directory,
    /// 0600 for files (incident notes can be sensitive), owned by whoever
    /// runs inc. `shown` names the path in the message.
    fn check(
        users: &Users,
        name: &'static str,
        path: &Path,
        meta: &fs::Metadata,
        expected: u32,
        shown: Option<&Path>,
        private: bool,
    ) -> Check {
        let mode = meta.mode() & 0o7777;
        let owner = users.name(meta.uid());
        let mut problems = Vec::new();
        let mut fixes = Vec::new();
        if private && mode & 0o077 != 0 {
            problems.push(format!(
                "group or others have access (expected {expected:04o})"
            ));
        }
        if mode & expected != expected {
            problems.push(
                if meta.is_dir() {
                    "its owner cannot create files in it, as SQLite must beside the database"
                } else if mode & 0o400 == 0 {
                    "its owner cannot read it"
                } else {
                    "read-only, so inc cannot record anything"
                }
                .to_string(),
            );
        }
        if !problems.is_empty() {
            fixes.push(format!(
                "chmod {expected:o} {}",
                crate::model::shell_path(path)
            ));
        }
        // A shared directory the user chose (`/tmp`, a team folder) may
        // belong to someone else; only the files and inc's own must not.
        if let Some(me) = users.me
            && me != meta.uid()
            && private
        {
            let me = users.name(me);
            problems.push(format!("owned by {owner}, not by you ({me})"));
            fixes.push(format!(
                "sudo chown {me} {}",
                crate::model::shell_path(path)
            ));
        }
        let at = shown
            .map(|p| format!("{}: ", p.display()))
            .unwrap_or_default();
        let mut message = format!("{at}{mode:04o}, owner {owner}");
        if problems.is_empty() {
            return Check::new(name, Status::Ok, message);
        }
        message.push_str(": ");
        message.push_str(&problems.join("; "));
        Check::new(name, Status::Warn, message).hint(fixes.join("; "))
    }
}

/// Elsewhere modes and owners mean something else: nothing is checked.
#[cfg(not(unix))]
mod permissions {
    use std::path::Path;

    use super::Files;
    use crate::report::doctor::Check;

    pub(super) fn check_all(_: &Path, _: &Files, _: bool, _: &mut Vec<Check>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_plainly() {
        assert_eq!(size(0), "0 bytes");
        assert_eq!(size(131_072), "128 KiB");
        assert_eq!(size(5 * 1024 * 1024 + 1024 * 512), "5.5 MiB");
    }

    #[test]
    fn paths_in_hints_are_quoted_only_when_needed() {
        assert_eq!(
            crate::model::shell_path(Path::new("/tmp/x/inc.db")),
            "/tmp/x/inc.db"
        );
        assert_eq!(
            crate::model::shell_path(Path::new("/tmp/my dir")),
            "'/tmp/my dir'"
        );
        assert_eq!(
            crate::model::shell_path(Path::new("/tmp/it's")),
            r"'/tmp/it'\''s'"
        );
    }

    #[cfg(unix)]
    #[test]
    fn passwd_lines_give_names_by_id() {
        let names = permissions::parse_passwd(
            "root:x:0:0:root:/root:/bin/sh\n# comment\nalice:x:1000:1000::/home/alice:/bin/sh\nbroken\ntoor:x:0:0::/:/bin/sh\n",
        );
        assert_eq!(names.get(&0).map(String::as_str), Some("root"));
        assert_eq!(names.get(&1000).map(String::as_str), Some("alice"));
        assert_eq!(names.len(), 2);
    }
}
