//! The database file: where it is created and with which permissions, and
//! how inc refuses files it must not touch.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;

use crate::env::Env;

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_default_database_is_private() {
    let env = Env::new();
    let out = env
        .cmd()
        .env_remove("INC_DB")
        .args(["open", "Secret rotation"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = env.dir().join("data/inc");
    let db = dir.join("inc.db");
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&db), 0o600);
}

#[test]
fn a_named_database_file_is_created_0600() {
    let env = Env::new();
    env.ok(&["open", "Disk full"]);
    assert_eq!(mode(&env.db), 0o600);
    let conn = env.sql();
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, inc::store::schema_version());
    assert_eq!(env.integrity(), "ok");
}

#[test]
fn reading_creates_nothing_and_changes_nothing() {
    let env = Env::new();
    let out = env
        .cmd()
        .env_remove("INC_DB")
        .args(["list"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "No open incidents. `inc list --all` includes resolved and cancelled ones.\n"
    );
    assert!(
        !env.dir().join("data").exists(),
        "list created the data directory"
    );
    assert_eq!(env.ok(&["list", "--all", "--json"]), "[]\n");
    let f = env.fails(&["show"]);
    assert!(f.stderr.contains("no incident is open"), "{}", f.stderr);
    assert!(!env.db.exists(), "a read created the database");

    env.ok(&["open", "Queue stuck"]);
    env.ok(&["tl", "note"]);
    let before = env.snapshot();
    for args in [
        &["list"][..],
        &["list", "--all", "--json"],
        &["show"],
        &["show", "1", "--json"],
        &["timeline"],
        &["timeline", "--json"],
    ] {
        env.ok(args);
        assert_eq!(before, env.snapshot(), "inc {args:?} changed the database");
    }
}

#[test]
fn a_directory_is_not_a_database() {
    let env = Env::new();
    let dir = env.dir().join("somedir");
    std::fs::create_dir(&dir).unwrap();
    for args in [&["open", "X"][..], &["list"]] {
        let out = env.cmd().env("INC_DB", &dir).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("is a directory, not a database file"), "{err}");
        assert!(
            err.contains("hint: point --db or INC_DB at a file"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn a_missing_directory_is_not_created_for_a_named_path() {
    let env = Env::new();
    let path = env.dir().join("no/such/dir/inc.db");
    let out = env
        .cmd()
        .arg("--db")
        .arg(&path)
        .args(["open", "X"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("does not exist"), "{err}");
    assert!(!env.dir().join("no").exists());
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let env = Env::new();
    let junk: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&env.db, &junk).unwrap();
    for args in [&["open", "X"][..], &["tl", "x"], &["list"], &["show"]] {
        let f = env.fails(args);
        assert!(
            f.stderr.contains("is not an inc database"),
            "inc {args:?}: {}",
            f.stderr
        );
    }
    assert_eq!(std::fs::read(&env.db).unwrap(), junk);
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
            .unwrap();
    }
    for args in [&["open", "X"][..], &["list"]] {
        let f = env.fails(args);
        assert!(
            f.stderr
                .contains("is an SQLite database, but not an inc database"),
            "{}",
            f.stderr
        );
    }
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let env = Env::new();
    env.ok(&["open", "From the future"]);
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    for args in [
        &["tl", "x"][..],
        &["open", "Y"],
        &["list"],
        &["show"],
        &["timeline"],
    ] {
        let f = env.fails(args);
        assert!(
            f.stderr
                .contains("has schema version 99, newer than this inc understands"),
            "{}",
            f.stderr
        );
        assert!(f.stderr.contains("it was left unchanged"), "{}", f.stderr);
    }
}

/// Opens `path` in WAL mode and runs `sql` so that it stays in the -wal
/// file: the connection closes without moving it into the database.
fn commit_to_wal_only(path: &std::path::Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "wal").unwrap();
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )
    .unwrap();
    conn.execute_batch(sql).unwrap();
}

fn with_suffix(path: &std::path::Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

#[test]
fn a_newer_or_foreign_database_with_changes_in_its_wal_is_left_as_it_was() {
    let newer = Env::new();
    newer.ok(&["open", "From the future"]);
    commit_to_wal_only(&newer.db, "PRAGMA user_version = 99");
    let foreign = Env::new();
    commit_to_wal_only(
        &foreign.db,
        "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); \
         INSERT INTO photos (name) VALUES ('beach')",
    );
    for (env, said) in [
        (&newer, "newer than this inc understands"),
        (&foreign, "not an inc database"),
    ] {
        let wal = with_suffix(&env.db, "-wal");
        let before = (
            std::fs::read(&env.db).unwrap(),
            std::fs::read(&wal).unwrap(),
        );
        assert!(!before.1.is_empty(), "the change is in the -wal file");
        for args in [&["tl", "x"][..], &["open", "Y"], &["list"], &["doctor"]] {
            let out = env.cmd().args(args).output().unwrap();
            assert_eq!(out.status.code(), Some(1), "inc {args:?}");
            // The doctor reports on standard output, the others fail.
            let said_all = String::from_utf8_lossy(&[out.stdout, out.stderr].concat()).into_owned();
            assert!(said_all.contains(said), "inc {args:?}: {said_all}");
            let after = (
                std::fs::read(&env.db).unwrap(),
                std::fs::read(&wal).unwrap_or_default(),
            );
            assert!(after == before, "inc {args:?} changed the files");
        }
    }
}

#[test]
fn a_read_only_database_is_a_clear_error() {
    let env = Env::new();
    env.ok(&["open", "Read-only"]);
    let before = env.snapshot();
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut cmd = env.std_cmd();
    cmd.args(["tl", "cannot land"]);
    // Root may write anything: check as an ordinary user instead.
    if is_root() {
        std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is read-only; nothing was written"), "{err}");
    assert_eq!(err.lines().count(), 2, "{err}");
    assert_eq!(before, env.snapshot());
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0\n"))
        .unwrap_or(false)
}

#[test]
fn a_lock_held_too_long_fails_with_the_busy_code() {
    let env = Env::new();
    env.ok(&["open", "Contention"]);
    let config = env.dir().join("busy.toml");
    std::fs::write(&config, "busy_timeout_ms = 200\n").unwrap();
    let holder = rusqlite::Connection::open(&env.db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = env
        .cmd()
        .env("INC_CONFIG", &config)
        .args(["tl", "blocked"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(75), "{err}");
    assert!(
        err.contains("stayed locked by another process for 0.2 s; nothing was written"),
        "{err}"
    );
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    env.ok(&["tl", "lands once the lock is free"]);
    assert_eq!(env.json(&["timeline"]).as_array().unwrap().len(), 2);
}

#[test]
fn a_bad_config_file_is_a_clear_error() {
    let env = Env::new();
    let config = env.dir().join("bad.toml");
    std::fs::write(&config, "colour = true\n").unwrap();
    let out = env
        .cmd()
        .arg("--config")
        .arg(&config)
        .args(["list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("is not valid: line 1: unknown field `colour`"),
        "{err}"
    );
    let missing = env.dir().join("missing.toml");
    let out = env
        .cmd()
        .arg("--config")
        .arg(&missing)
        .args(["list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = env
        .cmd()
        .env("INC_TZ", "Mars/Olympus")
        .args(["list"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("`Mars/Olympus` is not a time zone"), "{err}");
}

#[test]
fn changing_an_incident_never_creates_the_database() {
    let env = Env::new();
    for args in [
        &["use", "9"][..],
        &["tl", "x", "-i", "9"],
        &["tl", "x"],
        &["sev", "1"],
        &["status", "identified"],
        &["mitigated"],
        &["resolve"],
        &["reopen", "3"],
    ] {
        let f = env.fails(args);
        assert!(
            f.stderr.contains("no incident #9")
                || f.stderr.contains("no incident is open")
                || f.stderr.contains("no incident #3")
                || f.stderr.contains("no incident is chosen"),
            "inc {args:?}: {}",
            f.stderr
        );
        assert!(!env.db.exists(), "inc {args:?} created the database");
    }
}

#[test]
fn a_read_only_directory_is_a_clear_error() {
    let env = Env::new();
    let dir = env.dir().join("locked");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut cmd = env.std_cmd();
    cmd.env("INC_DB", dir.join("inc.db"))
        .args(["open", "Nowhere to write"]);
    if is_root() {
        std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("inc: error: cannot create the database at"),
        "{err}"
    );
    assert!(err.contains("hint: choose a writable location"), "{err}");
    assert!(!dir.join("inc.db").exists());
}

#[test]
fn a_database_that_cannot_be_reached_is_an_error_not_empty() {
    let env = Env::new();
    let dir = env.dir().join("private");
    std::fs::create_dir(&dir).unwrap();
    let db = dir.join("inc.db");
    env.cmd()
        .env("INC_DB", &db)
        .args(["open", "Hidden"])
        .assert()
        .success();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    if is_root() {
        std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    for args in [&["list"][..], &["tl", "x"], &["show"]] {
        let mut cmd = env.std_cmd();
        cmd.env("INC_DB", &db).args(args);
        if is_root() {
            cmd.uid(65534).gid(65534);
        }
        let out = cmd.output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "inc {args:?}: {err}");
        assert!(
            err.starts_with("inc: error: cannot open the database at"),
            "inc {args:?}: {err}"
        );
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
}

/// Runs `inc ARGS` with a deadline, so that a command that waits on a pipe
/// fails the test instead of hanging it.
fn run_within(cmd: &mut assert_cmd::Command, args: &[&str]) -> (Option<i32>, String) {
    let out = cmd
        .args(args)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn a_named_pipe_as_the_database_is_refused_without_waiting_on_it() {
    let env = Env::new();
    if !crate::env::mkfifo(&env.db, "a named pipe as the database") {
        return;
    }
    for args in [&["list"][..], &["show"], &["tl", "x"]] {
        let (code, err) = run_within(&mut env.cmd(), args);
        assert_eq!(code, Some(1), "inc {args:?}: {err}");
        assert!(
            err.contains("is a named pipe, not a database file"),
            "inc {args:?}: {err}"
        );
    }
    let out = env
        .cmd()
        .arg("doctor")
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("is a named pipe, not a database file"),
        "{report}"
    );
}

#[test]
fn a_named_pipe_as_the_config_file_is_refused_without_waiting_on_it() {
    let env = Env::new();
    let config = env.dir().join("config.toml");
    if !crate::env::mkfifo(&config, "a named pipe as the config file") {
        return;
    }
    let (code, err) = run_within(env.cmd().env("INC_CONFIG", &config), &["list"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("it is a named pipe, not a plain file"),
        "{err}"
    );
    // `inc config path` still answers where things are.
    let out = env
        .cmd()
        .env("INC_CONFIG", &config)
        .args(["config", "path"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(printed.contains("config.toml"), "{printed}");
    // Nor does `inc config edit` wait on it.
    let mut cmd = env.std_cmd();
    cmd.env("INC_CONFIG", &config)
        .env("TERM", "xterm")
        .args(["config", "edit"]);
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).unwrap();
    let said = p.exp_eof().unwrap();
    assert!(
        said.contains("it is a named pipe, not a plain file"),
        "{said}"
    );
}

#[test]
fn dev_null_as_the_config_file_is_no_settings() {
    let env = Env::new();
    let out = env
        .cmd()
        .env("INC_CONFIG", "/dev/null")
        .args(["open", "Configured by script"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// `inc ARGS` on `db` as a user who cannot write in its directory (root
/// can write anywhere, so the tests run such commands as nobody).
fn as_reader(env: &Env, db: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut cmd = env.std_cmd();
    cmd.env("INC_DB", db).args(args);
    if is_root() {
        std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
        cmd.uid(65534).gid(65534);
    }
    cmd.output().unwrap()
}

#[test]
fn a_database_in_a_read_only_directory_is_read_with_every_commit() {
    let env = Env::new();
    let dir = env.dir().join("shared");
    std::fs::create_dir(&dir).unwrap();
    let db = dir.join("inc.db");
    let title = "Read from a directory nobody may write";
    env.cmd()
        .env("INC_DB", &db)
        .args(["open", title])
        .assert()
        .success();
    // A note committed to the -wal file only, as a writer leaves it when
    // killed before the database took the change in.
    commit_to_wal_only(
        &db,
        "INSERT INTO timeline_entries \
         (uuid, incident_id, kind, body, event_at, recorded_at, author) \
         VALUES ('0190c1d2-0000-7000-8000-00000000a1a1', 1, 'note', 'only in the wal', \
         '2026-11-26T13:30:00Z', '2026-11-26T13:30:00Z', 'bob')",
    );
    let read_only = |path: &std::path::Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    for file in ["inc.db", "inc.db-wal", "inc.db-shm"] {
        read_only(&dir.join(file), 0o644);
    }
    read_only(&dir, 0o555);
    // With its -shm file there, SQLite reads the -wal file beside it.
    let out = as_reader(&env, &db, &["timeline"]);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(shown.contains("only in the wal"), "{shown}");
    // Without it, the note cannot be read: refused, not left out.
    read_only(&dir, 0o755);
    std::fs::remove_file(dir.join("inc.db-shm")).unwrap();
    read_only(&dir, 0o555);
    let out = as_reader(&env, &db, &["timeline"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("its latest changes are in") && err.contains("inc.db-wal"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    // Once the changes are in the database itself, it is read as it is,
    // and the doctor says why it cannot be written.
    read_only(&dir, 0o755);
    rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let _ = std::fs::remove_file(dir.join("inc.db-wal"));
    let _ = std::fs::remove_file(dir.join("inc.db-shm"));
    read_only(&db, 0o644);
    read_only(&dir, 0o555);
    for args in [&["list"][..], &["timeline"]] {
        let out = as_reader(&env, &db, args);
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "inc {args:?}: {out:?}");
        assert!(
            shown.contains(title) || shown.contains("only in the wal"),
            "{shown}"
        );
    }
    let out = as_reader(&env, &db, &["doctor"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("warn  journal mode  wal, read from a copy"),
        "{report}"
    );
    read_only(&dir, 0o755);
}

#[test]
fn a_misspelled_database_path_is_said_not_to_exist() {
    let env = Env::new();
    env.ok(&["open", "Recorded in the right file"]);
    let typo = env.dir().join("inc.bd");
    for args in [&["list"][..], &["stats"], &["search", "right"]] {
        let out = env.cmd().env("INC_DB", &typo).args(args).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "inc {args:?}: {err}");
        assert!(
            err.contains("inc.bd (from INC_DB) does not exist, so nothing is recorded there"),
            "inc {args:?}: {err}"
        );
    }
    // A command that fails for want of an incident names the path instead.
    let out = env
        .cmd()
        .arg("--db")
        .arg(&typo)
        .args(["tl", "lost"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("hint: ") && err.contains("inc.bd (from --db) does not exist"),
        "{err}"
    );
    assert!(!typo.exists());
}

/// `cmd` run under umask 000, as a careless shell profile may set it.
fn under_umask_000(cmd: &std::process::Command) -> std::process::Command {
    let mut sh = std::process::Command::new("sh");
    sh.env_clear();
    for (key, value) in cmd.get_envs() {
        if let Some(value) = value {
            sh.env(key, value);
        }
    }
    sh.arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(cmd.get_program())
        .args(cmd.get_args());
    sh
}

#[test]
fn a_review_written_to_a_file_is_private_whatever_the_umask() {
    let env = Env::new();
    env.ok(&["open", "Checkout down"]);
    env.ok(&["tl", "--private", "customer Acme escalated"]);
    let review = env.dir().join("review.md");
    let mut cmd = env.std_cmd();
    cmd.arg("review").arg("--out").arg(&review);
    let out = under_umask_000(&cmd).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(mode(&review), 0o600);
    // A file written over keeps the permissions its owner gave it.
    std::fs::set_permissions(&review, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = under_umask_000(&cmd).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(mode(&review), 0o640);
}

#[test]
fn a_config_directory_made_by_config_edit_is_private_whatever_the_umask() {
    let env = Env::new();
    let editor = env.dir().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\necho 'default_severity = 3' >> \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = env.std_cmd();
    cmd.args(["config", "edit"])
        .env("TERM", "xterm")
        .env("EDITOR", &editor);
    let mut p = rexpect::session::spawn_command(under_umask_000(&cmd), Some(20_000)).unwrap();
    p.exp_eof().unwrap();
    let config = env.dir().join("config/inc/config.toml");
    assert!(
        std::fs::read_to_string(&config)
            .unwrap()
            .contains("default_severity = 3")
    );
    assert_eq!(mode(&config), 0o600);
    assert_eq!(mode(&env.dir().join("config/inc")), 0o700);
    assert_eq!(mode(&env.dir().join("config")), 0o700);
}

#[test]
fn reading_without_a_shm_file_while_the_owner_writes_never_sees_half_a_write() {
    if !is_root() {
        eprintln!("skipped: needs root, to write as the owner and read as another user");
        return;
    }
    let env = Env::new();
    let dir = env.dir().join("owned");
    std::fs::create_dir(&dir).unwrap();
    let db = dir.join("inc.db");
    env.cmd()
        .env("INC_DB", &db)
        .args(["open", "Written while read"])
        .assert()
        .success();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    // The owner can write in the directory; the reader cannot.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let writer = {
        let cmd = env.std_cmd();
        let db = db.clone();
        std::thread::spawn(move || {
            let mut cmd = cmd;
            cmd.env("INC_DB", &db);
            for n in 0..150 {
                let out = std::process::Command::new(cmd.get_program())
                    .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))))
                    .args(["tl", &format!("note {n}")])
                    .output()
                    .unwrap();
                assert!(out.status.success(), "{out:?}");
            }
        })
    };
    let mut read = 0;
    while !writer.is_finished() || read == 0 {
        let out = as_reader(&env, &db, &["timeline"]);
        let err = String::from_utf8_lossy(&out.stderr);
        // Refused as busy at worst, never called damaged.
        assert!(
            out.status.success() || err.contains("kept changing while inc read it"),
            "{err}"
        );
        read += 1;
    }
    writer.join().unwrap();
    assert!(read > 1);
}
