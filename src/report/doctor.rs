//! The `inc doctor` report: one aligned line per check with its status
//! word, the hints for what is not ok, or the same as JSON for scripts.

use std::fmt::Write;

use serde::Serialize;

use super::text::safe_line;

/// How a check came out. Ordered: the worst one is the report's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warn,
    Fail,
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Fail => "fail",
        }
    }
}

/// One line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// A stable key for scripts, such as `data_dir`.
    pub name: &'static str,
    pub status: Status,
    pub message: String,
    /// What to do about it, when it is not ok.
    pub hint: Option<String>,
}

impl Check {
    pub fn new(name: &'static str, status: Status, message: impl Into<String>) -> Check {
        Check {
            name,
            status,
            message: message.into(),
            hint: None,
        }
    }

    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Check {
        self.hint = Some(hint.into());
        self
    }

    /// The name as people read it: `data dir`.
    fn label(&self) -> String {
        self.name.replace('_', " ")
    }
}

/// Everything doctor found: the facts a script may want, and the checks.
#[derive(Debug, Clone, Serialize)]
pub struct Doctor {
    pub config_path: Option<String>,
    pub db_path: Option<String>,
    pub sqlite_version: String,
    /// The database file's schema version, when it could be read.
    pub schema_version: Option<i64>,
    /// The schema version this `inc` writes.
    pub known_schema_version: i64,
    pub journal_mode: Option<String>,
    /// The filesystem type under the database, when known.
    pub filesystem: Option<String>,
    pub checks: Vec<Check>,
}

impl Doctor {
    /// The worst status of any check.
    pub fn status(&self) -> Status {
        self.checks
            .iter()
            .map(|c| c.status)
            .max()
            .unwrap_or(Status::Ok)
    }

    /// The names of the checks that failed.
    pub fn failed(&self) -> Vec<&'static str> {
        self.checks
            .iter()
            .filter(|c| c.status == Status::Fail)
            .map(|c| c.name)
            .collect()
    }
}

/// One line per check (status, name, message), aligned; then the hints.
pub fn text(d: &Doctor) -> String {
    let width = d.checks.iter().map(|c| c.label().len()).max().unwrap_or(0);
    let mut out = String::new();
    for c in &d.checks {
        let _ = writeln!(
            out,
            "{:<4}  {:<width$}  {}",
            c.status.word(),
            c.label(),
            safe_line(&c.message)
        );
    }
    let hints: Vec<&Check> = d
        .checks
        .iter()
        .filter(|c| c.status != Status::Ok && c.hint.is_some())
        .collect();
    if !hints.is_empty() {
        out.push('\n');
        for c in hints {
            let hint = c.hint.as_deref().unwrap_or_default();
            let _ = writeln!(out, "hint: {}: {}", c.label(), safe_line(hint));
        }
    }
    out
}

#[derive(Serialize)]
struct DoctorJson<'a> {
    status: Status,
    #[serde(flatten)]
    doctor: &'a Doctor,
}

/// The report as JSON (fields documented in docs/json.md).
pub fn json(d: &Doctor) -> String {
    super::json::render(&DoctorJson {
        status: d.status(),
        doctor: d,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Doctor {
        Doctor {
            config_path: Some("/home/a/.config/inc/config.toml".into()),
            db_path: Some("/home/a/inc.db".into()),
            sqlite_version: "3.50.4".into(),
            schema_version: Some(5),
            known_schema_version: 5,
            journal_mode: Some("wal".into()),
            filesystem: Some("ext4".into()),
            checks: vec![
                Check::new("config", Status::Ok, "not present, defaults in use"),
                Check::new("data_dir", Status::Warn, "/home/a: 0755\u{1b}[31m")
                    .hint("chmod 700 /home/a"),
                Check::new("integrity", Status::Fail, "damaged").hint("restore it"),
                Check::new("sqlite", Status::Ok, "3.50.4").hint("never shown"),
            ],
        }
    }

    #[test]
    fn lines_are_aligned_and_escaped_with_hints_after() {
        assert_eq!(
            text(&sample()),
            "ok    config     not present, defaults in use\n\
             warn  data dir   /home/a: 0755\\u{1b}[31m\n\
             fail  integrity  damaged\n\
             ok    sqlite     3.50.4\n\
             \n\
             hint: data dir: chmod 700 /home/a\n\
             hint: integrity: restore it\n"
        );
    }

    #[test]
    fn the_worst_status_wins() {
        let mut d = sample();
        assert_eq!((d.status(), d.failed()), (Status::Fail, vec!["integrity"]));
        d.checks.retain(|c| c.status != Status::Fail);
        assert_eq!(d.status(), Status::Warn);
        d.checks.clear();
        assert_eq!(d.status(), Status::Ok);
    }

    #[test]
    fn json_has_the_status_the_facts_and_the_checks() {
        let v: serde_json::Value = serde_json::from_str(&json(&sample())).unwrap();
        assert_eq!(v["status"], "fail");
        assert_eq!(v["schema_version"], 5);
        assert_eq!(v["checks"][1]["name"], "data_dir");
        assert_eq!(v["checks"][1]["status"], "warn");
        assert_eq!(v["checks"][1]["hint"], "chmod 700 /home/a");
        assert_eq!(v["checks"][0]["hint"], serde_json::Value::Null);
    }
}
