//! A small test environment: a temporary directory, a cleared environment,
//! a fixed clock and zone, and helpers to run `inc` and inspect the result.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The fixed "now" of every test: 15:00 in Berlin.
pub const NOW: &str = "2026-11-26T14:00:00Z";

pub struct Env {
    dir: tempfile::TempDir,
    /// inc's TMPDIR: files it keeps for the user (an edit it could not
    /// save) stay out of the machine's /tmp, and out of `dir`.
    tmp: tempfile::TempDir,
    pub db: PathBuf,
}

/// What a failed command left behind.
pub struct Failure {
    pub code: i32,
    pub stderr: String,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("inc.db");
        let tmp = tempfile::tempdir().expect("temp dir for inc");
        Env { dir, tmp, db }
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Writes the config file `inc` reads here.
    pub fn config(&self, text: &str) {
        let dir = self.dir().join("config/inc");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.toml"), text).unwrap();
    }

    /// `inc` with a cleared environment, writing to this env's database.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// The same as a `std::process::Command`, for what assert_cmd lacks
    /// (running as another user).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("inc"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir())
            .env("TMPDIR", self.tmp.path())
            .env("XDG_DATA_HOME", self.dir().join("data"))
            .env("XDG_CONFIG_HOME", self.dir().join("config"))
            .env("INC_DB", &self.db)
            .env("INC_NOW", NOW)
            .env("INC_TZ", "Europe/Berlin")
            .env("INC_USER", "alice")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "200");
        cmd
    }

    /// Runs `inc ARGS`, expects success, returns standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        output_ok(self.cmd().args(args).output().expect("run inc"), args)
    }

    /// Like [`Env::ok`] at another moment.
    pub fn ok_at(&self, now: &str, args: &[&str]) -> String {
        output_ok(
            self.cmd()
                .env("INC_NOW", now)
                .args(args)
                .output()
                .expect("run inc"),
            args,
        )
    }

    /// Runs `inc ARGS`, expects failure, and checks the error is one line
    /// (plus an optional hint) that changed nothing in the database.
    pub fn fails(&self, args: &[&str]) -> Failure {
        let before = self.snapshot();
        let out = self.cmd().args(args).output().expect("run inc");
        let failure = failure(out, args);
        assert_eq!(before, self.snapshot(), "inc {args:?} changed the database");
        failure
    }

    /// Like [`Env::fails`] with standard input.
    pub fn fails_with_stdin(&self, args: &[&str], stdin: &[u8]) -> Failure {
        let before = self.snapshot();
        let out = self
            .cmd()
            .args(args)
            .write_stdin(stdin)
            .output()
            .expect("run inc");
        let failure = failure(out, args);
        assert_eq!(before, self.snapshot(), "inc {args:?} changed the database");
        failure
    }

    /// Like [`Env::fails`], for a command that might hang (reading a named
    /// pipe, say): after `limit` it is killed and the test fails, instead
    /// of the whole suite waiting for ever.
    pub fn fails_within(&self, limit: std::time::Duration, args: &[&str]) -> Failure {
        let before = self.snapshot();
        let mut child = self
            .std_cmd()
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run inc");
        let start = std::time::Instant::now();
        while child.try_wait().expect("wait for inc").is_none() {
            if start.elapsed() > limit {
                let _ = child.kill();
                let _ = child.wait();
                panic!("inc {args:?} still ran after {limit:?}");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let out = child.wait_with_output().expect("read inc's output");
        let failure = failure(out, args);
        assert_eq!(before, self.snapshot(), "inc {args:?} changed the database");
        failure
    }

    /// The database file's bytes, or None if it does not exist.
    pub fn snapshot(&self) -> Option<Vec<u8>> {
        std::fs::read(&self.db).ok()
    }

    /// `inc ARGS --json`, parsed.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.ok(&all);
        serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("inc {all:?} printed bad JSON ({e}): {out}"))
    }

    /// One field of every object `inc ARGS --json` prints, as text
    /// (`""` for null), such as the kinds of a timeline's entries.
    pub fn field(&self, name: &str, args: &[&str]) -> Vec<String> {
        let value = self.json(args);
        let items = value.as_array().expect("a JSON array");
        items
            .iter()
            .map(|item| item[name].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// A read-only rusqlite connection, to check what was stored.
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open db")
    }

    pub fn integrity(&self) -> String {
        self.sql()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity check")
    }
}

/// Whether `program` is on the PATH. A test that needs a program the
/// machine may lack calls this first: where it is missing, one line says
/// what is skipped and why, and the test passes, except in CI (`CI=true`),
/// where it fails, since CI installs what the tests need (`.ci/run`).
pub fn has_program(program: &str, skipped: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()));
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} is not installed, and CI must run every test: {skipped}"
        );
        eprintln!("skipped: {skipped}: {program} is not installed");
    }
    found
}

/// Makes a named pipe at `path` with the `mkfifo` program; false (the
/// test skipped, as [`has_program`] says) when there is none.
pub fn mkfifo(path: &Path, skipped: &str) -> bool {
    if !has_program("mkfifo", skipped) {
        return false;
    }
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
    true
}

fn output_ok(out: Output, args: &[&str]) -> String {
    let stdout = String::from_utf8(out.stdout).expect("utf-8 stdout");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "inc {args:?} failed ({:?}):\n{stderr}\n{stdout}",
        out.status.code()
    );
    stdout
}

fn failure(out: Output, args: &[&str]) -> Failure {
    let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
    assert!(!out.status.success(), "inc {args:?} should have failed");
    assert!(
        out.stdout.is_empty(),
        "inc {args:?} printed to stdout on failure"
    );
    let code = out.status.code().expect("exit code");
    if code == 1 {
        let lines: Vec<&str> = stderr.lines().collect();
        assert!(
            lines.first().is_some_and(|l| l.starts_with("inc: error: ")),
            "inc {args:?}: the error should start with `inc: error: `:\n{stderr}"
        );
        assert!(
            lines.len() == 1 || (lines.len() == 2 && lines[1].starts_with("hint: ")),
            "inc {args:?}: the error should be one line and an optional hint:\n{stderr}"
        );
    }
    Failure { code, stderr }
}
