//! `inc doctor`: one line per check with ok, warn or fail; exit 1 only when
//! a check fails; and it creates and changes nothing, whatever it finds.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use crate::env::Env;

/// What `inc doctor ARGS` printed and how it exited.
struct Report {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Report {
    /// The status and message of the line for `label`, such as `data dir`.
    fn line(&self, label: &str) -> Option<(&str, &str)> {
        self.stdout.lines().find_map(|l| {
            let (status, rest) = l.split_once("  ")?;
            let message = rest.trim_start().strip_prefix(label)?.strip_prefix("  ")?;
            Some((status.trim_end(), message.trim_start()))
        })
    }

    /// The status of the line for `label`; panics when there is none.
    fn status(&self, label: &str) -> &str {
        self.line(label)
            .unwrap_or_else(|| panic!("no `{label}` line in:\n{}", self.stdout))
            .0
    }

    fn message(&self, label: &str) -> &str {
        self.line(label)
            .unwrap_or_else(|| panic!("no `{label}` line in:\n{}", self.stdout))
            .1
    }
}

fn doctor(env: &Env, args: &[&str]) -> Report {
    doctor_with(env, args, |_| {})
}

fn doctor_with(env: &Env, args: &[&str], setup: impl FnOnce(&mut assert_cmd::Command)) -> Report {
    let mut cmd = env.cmd();
    setup(&mut cmd);
    let out = cmd.arg("doctor").args(args).output().expect("run inc");
    Report {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The names in a directory, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[test]
fn a_healthy_database_passes_every_check() {
    let env = Env::new();
    env.ok(&["open", "Healthy"]);
    chmod(env.dir(), 0o700);
    let before = env.snapshot();
    let r = doctor(&env, &[]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(r.stderr, "");
    for label in [
        "config",
        "database",
        "sqlite",
        "schema",
        "journal mode",
        "data dir",
        "db file",
        "integrity",
    ] {
        assert_eq!(r.status(label), "ok", "{label}:\n{}", r.stdout);
    }
    // Whatever filesystem the tests run on, the line is there.
    assert!(r.line("filesystem").is_some(), "{}", r.stdout);
    assert!(
        r.message("config")
            .ends_with("not present, defaults in use"),
        "{}",
        r.stdout
    );
    assert!(
        r.message("database")
            .starts_with(&format!("{} (from INC_DB), ", env.db.display())),
        "{}",
        r.stdout
    );
    let version = inc::store::schema_version();
    assert_eq!(
        r.message("schema"),
        format!("version {version}, the one this inc uses")
    );
    assert_eq!(r.message("journal mode"), "wal");
    assert!(
        r.message("data dir")
            .starts_with(&format!("{}: 0700, owner ", env.dir().display())),
        "{}",
        r.stdout
    );
    assert!(
        r.message("db file").starts_with("0600, owner "),
        "{}",
        r.stdout
    );
    assert!(
        r.message("integrity").starts_with("quick check: ok"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("hint:"), "{}", r.stdout);

    let full = doctor(&env, &["--full"]);
    assert_eq!(full.code, 0);
    assert_eq!(full.message("integrity"), "full integrity check: ok");

    // Nothing changed. (SQLite may leave its empty -wal and -shm files
    // beside a WAL database it read, as every inc reader does.)
    assert_eq!(before, env.snapshot());
    for name in listing(env.dir()) {
        assert!(
            ["inc.db", "inc.db-wal", "inc.db-shm"].contains(&name.as_str()),
            "doctor left {name} behind"
        );
    }
}

#[test]
fn the_lines_are_aligned() {
    let env = Env::new();
    env.ok(&["open", "Aligned"]);
    let r = doctor(&env, &[]);
    // Status words in the first column, messages all starting in the same
    // column after the names (some of which hold a space).
    let message_column = |l: &str| {
        let name_end = 6 + l[6..].find("  ").unwrap();
        name_end + l[name_end..].find(|c| c != ' ').unwrap()
    };
    let lines: Vec<&str> = r.stdout.lines().take_while(|l| !l.is_empty()).collect();
    assert!(lines.len() >= 9, "{}", r.stdout);
    let starts: Vec<usize> = lines.iter().map(|l| message_column(l)).collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{}", r.stdout);
    for l in lines {
        assert!(["ok    ", "warn  ", "fail  "].contains(&&l[..6]), "{l}");
    }
}

#[test]
fn a_missing_database_is_not_a_failure_and_is_not_created() {
    let env = Env::new();
    chmod(env.dir(), 0o700);
    let r = doctor(&env, &[]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(r.status("database"), "ok");
    assert!(
        r.message("database").ends_with("not created yet"),
        "{}",
        r.stdout
    );
    for label in ["schema", "journal mode", "db file", "integrity"] {
        assert!(r.line(label).is_none(), "{label}:\n{}", r.stdout);
    }
    assert_eq!(r.status("data dir"), "ok", "{}", r.stdout);
    assert!(listing(env.dir()).is_empty(), "{:?}", listing(env.dir()));

    // At the default location, neither the file nor its directory appears.
    let r = doctor_with(&env, &[], |cmd| {
        cmd.env_remove("INC_DB");
    });
    assert_eq!(r.code, 0, "{}", r.stdout);
    let data = env.dir().join("data/inc");
    assert_eq!(
        r.message("database"),
        format!("{}: not created yet", data.join("inc.db").display())
    );
    assert_eq!(
        r.message("data dir"),
        format!(
            "{}: not created yet; inc creates it (0700) with the database",
            data.display()
        )
    );
    assert!(listing(env.dir()).is_empty(), "{:?}", listing(env.dir()));
}

#[test]
fn a_missing_directory_that_inc_would_not_create_is_a_warning() {
    let env = Env::new();
    let db = env.dir().join("nowhere/inc.db");
    let r = doctor_with(&env, &[], |cmd| {
        cmd.env("INC_DB", &db);
    });
    assert_eq!(r.code, 0);
    assert_eq!(r.status("data dir"), "warn", "{}", r.stdout);
    assert!(
        r.stdout.contains(&format!(
            "hint: data dir: mkdir -m 700 -p {}",
            db.parent().unwrap().display()
        )),
        "{}",
        r.stdout
    );
    assert!(!env.dir().join("nowhere").exists());
}

#[test]
fn open_permissions_are_warnings_with_the_fix() {
    let env = Env::new();
    env.ok(&["open", "Too open"]);
    // The default location, whose directory inc makes private.
    let dir = env.dir().join("data/inc");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("inc.db");
    std::fs::rename(&env.db, &db).unwrap();
    chmod(&dir, 0o755);
    chmod(&db, 0o644);
    let r = doctor_with(&env, &[], |cmd| {
        cmd.env_remove("INC_DB");
    });
    assert_eq!(r.code, 0, "warnings alone do not fail:\n{}", r.stdout);
    assert_eq!(r.status("data dir"), "warn");
    assert!(
        r.message("data dir").contains("0755")
            && r.message("data dir")
                .contains("group or others have access (expected 0700)"),
        "{}",
        r.stdout
    );
    assert_eq!(r.status("db file"), "warn");
    assert!(
        r.message("db file").starts_with("0644, owner ")
            && r.message("db file")
                .ends_with("group or others have access (expected 0600)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(&format!("hint: db file: chmod 600 {}\n", db.display())),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(&format!("hint: data dir: chmod 700 {}\n", dir.display())),
        "{}",
        r.stdout
    );
    assert_eq!(r.status("integrity"), "ok");
    // Reported, not repaired.
    assert_eq!((mode(&dir), mode(&db)), (0o755, 0o644));

    // A directory the user chose may be shared (the working directory, say):
    // only the database file has to be private there.
    let r = doctor_with(&env, &[], |cmd| {
        cmd.env("INC_DB", &db);
    });
    assert_eq!(r.status("data dir"), "ok", "{}", r.stdout);
    assert_eq!(r.status("db file"), "warn", "{}", r.stdout);
}

#[test]
fn a_read_only_database_is_a_warning_and_still_checked() {
    let env = Env::new();
    env.ok(&["open", "Read-only"]);
    let before = env.snapshot();
    chmod(&env.db, 0o400);
    let r = doctor(&env, &[]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.status("db file"), "warn");
    assert!(
        r.message("db file")
            .ends_with("read-only, so inc cannot record anything"),
        "{}",
        r.stdout
    );
    assert_eq!(r.status("integrity"), "ok");
    assert_eq!(mode(&env.db), 0o400);
    assert_eq!(before, env.snapshot());
}

#[test]
fn a_database_owned_by_someone_else_is_a_warning() {
    if !is_root() {
        // Only root can give a file away.
        return;
    }
    let env = Env::new();
    env.ok(&["open", "Not mine"]);
    std::os::unix::fs::chown(&env.db, Some(65534), Some(65534)).unwrap();
    let r = doctor(&env, &[]);
    assert_eq!(r.status("db file"), "warn");
    assert!(
        r.message("db file").contains("not by you (root)"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("sudo chown root"), "{}", r.stdout);
}

#[test]
fn a_file_that_is_not_a_database_fails_and_is_left_alone() {
    let env = Env::new();
    let junk: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&env.db, &junk).unwrap();
    chmod(&env.db, 0o600);
    let r = doctor(&env, &[]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(r.status("database"), "fail");
    assert!(
        r.message("database")
            .contains("is not an inc database (not an SQLite file, or damaged)"),
        "{}",
        r.stdout
    );
    // Everything that does not need the file's contents is still there.
    for label in ["config", "sqlite", "data dir", "db file", "filesystem"] {
        assert!(r.line(label).is_some(), "{label}:\n{}", r.stdout);
    }
    assert!(r.stdout.contains("\nhint: database: "), "{}", r.stdout);
    assert_eq!(
        r.stderr, "inc: error: doctor found a problem: database\n",
        "{}",
        r.stdout
    );
    assert_eq!(std::fs::read(&env.db).unwrap(), junk);
    assert_eq!(listing(env.dir()), ["inc.db"]);
}

#[test]
fn a_damaged_page_fails_the_integrity_check_and_is_left_alone() {
    let env = Env::new();
    env.ok(&["open", "Damaged"]);
    for n in 0..50 {
        env.ok(&["tl", &format!("note {n} {}", "x".repeat(200))]);
    }
    // Overwrite a few pages in the middle; the header stays intact.
    let mut bytes = std::fs::read(&env.db).unwrap();
    let page = 4096;
    assert!(bytes.len() > 8 * page, "{}", bytes.len());
    for (i, b) in bytes[4 * page..7 * page].iter_mut().enumerate() {
        *b = (i * 13 % 251) as u8;
    }
    std::fs::write(&env.db, &bytes).unwrap();
    let r = doctor(&env, &[]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(r.status("integrity"), "fail", "{}", r.stdout);
    assert_eq!(r.status("schema"), "ok", "{}", r.stdout);
    assert!(r.stdout.contains("\nhint: integrity: "), "{}", r.stdout);
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
}

#[test]
fn a_newer_schema_fails_and_the_rest_is_still_checked() {
    let env = Env::new();
    env.ok(&["open", "From the future"]);
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = env.snapshot();
    let r = doctor(&env, &[]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(r.status("schema"), "fail");
    assert_eq!(
        r.message("schema"),
        format!(
            "version 99, newer than this inc understands ({})",
            inc::store::schema_version()
        )
    );
    assert_eq!(r.status("database"), "ok");
    assert_eq!(r.status("integrity"), "ok");
    assert!(
        r.stdout
            .contains("hint: schema: upgrade inc to a release that knows this schema"),
        "{}",
        r.stdout
    );
    assert_eq!(r.stderr, "inc: error: doctor found a problem: schema\n");
    assert_eq!(before, env.snapshot());
}

#[test]
fn a_broken_config_fails_and_the_rest_is_still_printed() {
    let env = Env::new();
    env.ok(&["open", "Configured"]);
    let config = env.dir().join("bad.toml");
    std::fs::write(&config, "colour = true\n").unwrap();
    let r = doctor_with(&env, &[], |cmd| {
        cmd.arg("--config").arg(&config);
    });
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(r.status("config"), "fail");
    assert!(
        r.message("config")
            .contains("is not valid: line 1: unknown field `colour`"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("\nhint: config: fix it with `inc config edit`; valid keys are"),
        "{}",
        r.stdout
    );
    for label in ["database", "sqlite", "schema", "journal mode", "integrity"] {
        assert_eq!(r.status(label), "ok", "{label}:\n{}", r.stdout);
    }
    assert_eq!(r.stderr, "inc: error: doctor found a problem: config\n");

    // A config file named but missing is a failure too, as for every command.
    let r = doctor_with(&env, &[], |cmd| {
        cmd.env("INC_CONFIG", env.dir().join("missing.toml"));
    });
    assert_eq!((r.code, r.status("config")), (1, "fail"), "{}", r.stdout);
}

#[test]
fn a_present_config_is_named_with_where_it_came_from() {
    let env = Env::new();
    let config = env.dir().join("inc.toml");
    std::fs::write(&config, "busy_timeout_ms = 250\n").unwrap();
    let r = doctor_with(&env, &[], |cmd| {
        cmd.env("INC_CONFIG", &config);
    });
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(
        r.message("config"),
        format!("{} (from INC_CONFIG)", config.display())
    );
}

#[test]
fn the_database_path_says_where_it_came_from() {
    let env = Env::new();
    let named = env.dir().join("named.db");
    let r = doctor_with(&env, &[], |cmd| {
        cmd.arg("--db").arg(&named);
    });
    assert_eq!(
        r.message("database"),
        format!("{} (from --db): not created yet", named.display())
    );
    let config = env.dir().join("inc.toml");
    std::fs::write(&config, format!("db = {:?}\n", named.display().to_string())).unwrap();
    let r = doctor_with(&env, &[], |cmd| {
        cmd.env_remove("INC_DB").env("INC_CONFIG", &config);
    });
    assert_eq!(
        r.message("database"),
        format!(
            "{} (from the config's `db`): not created yet",
            named.display()
        )
    );
    // With the config unreadable, its `db` cannot be known: said so.
    std::fs::write(&config, "db = \n").unwrap();
    let r = doctor_with(&env, &[], |cmd| {
        cmd.env_remove("INC_DB").env("INC_CONFIG", &config);
    });
    assert_eq!(r.status("config"), "fail");
    assert!(
        r.message("database").contains(
            "data/inc/inc.db (the default; a `db` in the unreadable config is not applied)"
        ),
        "{}",
        r.stdout
    );
    assert!(listing(env.dir()).iter().all(|n| n == "inc.toml"));
}

#[test]
fn a_lock_held_past_the_busy_timeout_is_a_warning_not_a_hang() {
    let env = Env::new();
    env.ok(&["open", "Contention"]);
    let config = env.dir().join("busy.toml");
    std::fs::write(&config, "busy_timeout_ms = 200\n").unwrap();
    // In rollback-journal mode a writer's exclusive lock keeps readers out.
    let holder = rusqlite::Connection::open(&env.db).unwrap();
    let mode: String = holder
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let r = doctor_with(&env, &[], |cmd| {
        cmd.env("INC_CONFIG", &config);
    });
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(r.status("database"), "warn");
    assert!(
        r.message("database")
            .contains("locked by another process for longer than the busy timeout (0.2 s)"),
        "{}",
        r.stdout
    );
    assert!(r.line("integrity").is_none(), "{}", r.stdout);
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_writer_in_wal_mode_does_not_stop_the_check() {
    let env = Env::new();
    env.ok(&["open", "Busy but fine"]);
    let holder = rusqlite::Connection::open(&env.db).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO state (key, value) VALUES ('held', 'yes');")
        .unwrap();
    let r = doctor(&env, &[]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.status("integrity"), "ok", "{}", r.stdout);
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn json_has_the_status_the_facts_and_one_object_per_check() {
    let env = Env::new();
    env.ok(&["open", "Scripted"]);
    chmod(env.dir(), 0o700);
    let v = env.json(&["doctor"]);
    assert_eq!(v["status"], "ok", "{v:#}");
    assert_eq!(v["db_path"], env.db.display().to_string());
    assert_eq!(v["schema_version"], inc::store::schema_version());
    assert_eq!(v["known_schema_version"], inc::store::schema_version());
    assert_eq!(v["journal_mode"], "wal");
    assert!(v["sqlite_version"].as_str().unwrap().starts_with("3."));
    assert!(v["config_path"].is_string());
    let checks = v["checks"].as_array().unwrap();
    let names: Vec<&str> = checks.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "config",
            "database",
            "sqlite",
            "schema",
            "journal_mode",
            "data_dir",
            "db_file",
            "filesystem",
            "integrity"
        ]
    );
    for c in checks {
        let mut keys: Vec<&String> = c.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["hint", "message", "name", "status"], "{c}");
        assert!(["ok", "warn", "fail"].contains(&c["status"].as_str().unwrap()));
    }

    // A failure: the JSON is still printed in full, and doctor exits 1.
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let r = doctor(&env, &["--json"]);
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["status"], "fail");
    assert_eq!(v["schema_version"], 99);
    let schema = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "schema")
        .unwrap();
    assert_eq!(schema["status"], "fail");
    assert_eq!(
        schema["hint"],
        "upgrade inc to a release that knows this schema"
    );
}

#[test]
fn a_schema_missing_a_table_or_column_is_named_damaged() {
    let env = Env::new();
    env.ok(&["open", "Damaged by hand"]);
    env.ok(&["action", "add", "fix it", "--owner", "bob"]);
    rusqlite::Connection::open(&env.db)
        .unwrap()
        .execute_batch("DROP TABLE tasks; ALTER TABLE actions DROP COLUMN owner;")
        .unwrap();
    let report = doctor(&env, &[]);
    assert_eq!(report.code, 1, "{}", report.stdout);
    assert_eq!(report.status("schema"), "fail");
    let said = report.line("schema").unwrap().1;
    assert!(
        said.contains("damaged: missing")
            && said.contains("table tasks")
            && said.contains("column actions.owner"),
        "{said}"
    );
    // Commands say so in one line, not with the statement that failed.
    for (args, missing) in [
        (&["task", "add", "x"][..], "no such table: tasks"),
        (&["actions"], "no such column: a.owner"),
    ] {
        let f = env.fails(args);
        assert!(
            f.stderr.starts_with(&format!(
                "inc: error: the database at {} is damaged: {missing}\n",
                env.db.display()
            )),
            "inc {args:?}: {}",
            f.stderr
        );
    }
}
