//! Errors meant for the person at the keyboard, and how errors map to exit
//! codes. Exit codes are an interface: scripts rely on them (see README).

use std::fmt;

/// Exit code for success.
pub const EXIT_OK: u8 = 0;
/// Exit code for an error: bad input, a missing incident, a broken database.
pub const EXIT_ERROR: u8 = 1;
/// Exit code for a usage error (unknown flag, missing argument); clap's own.
pub const EXIT_USAGE: u8 = 2;
/// Exit code when the database stayed locked by another writer for longer
/// than the busy timeout: nothing was written, and trying again may succeed.
/// The value is `EX_TEMPFAIL` from sysexits.h.
pub const EXIT_BUSY: u8 = 75;

/// A problem the user can fix, with an optional hint saying how.
#[derive(Debug, Clone, PartialEq)]
pub struct UserError {
    message: String,
    hint: Option<String>,
}

impl UserError {
    pub fn new(message: impl Into<String>) -> UserError {
        UserError {
            message: message.into(),
            hint: None,
        }
    }

    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> UserError {
        self.hint = Some(hint.into());
        self
    }

    pub fn hint_text(&self) -> Option<&str> {
        self.hint.as_deref()
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UserError {}

/// The database stayed locked past the busy timeout.
#[derive(Debug, Clone, PartialEq)]
pub struct Busy {
    pub timeout_ms: u64,
}

impl fmt::Display for Busy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the incident database stayed locked by another process for {:.1} s; nothing was written",
            self.timeout_ms as f64 / 1000.0
        )
    }
}

impl std::error::Error for Busy {}

fn is_busy(err: &anyhow::Error) -> bool {
    err.chain().any(<dyn std::error::Error>::is::<Busy>)
}

/// The exit code `inc run` passes on from the command it ran (or 126/127
/// when the command could not be started, as shells do). On its own it is
/// not an error to print: `main` exits with the code and says nothing.
/// Given as the context of an error (the command ran, but its outcome could
/// not be noted), the error is printed and the code still wins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PassOn(pub u8);

impl fmt::Display for PassOn {
    /// Nothing: the code is not a message, and [`message`] leaves it out.
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

impl std::error::Error for PassOn {}

/// Whether the error is only an exit code to pass on, with nothing to print.
pub fn is_silent(err: &anyhow::Error) -> bool {
    err.chain().count() == 1 && err.downcast_ref::<PassOn>().is_some()
}

/// The exit code for an error.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if let Some(PassOn(code)) = err.downcast_ref::<PassOn>() {
        *code
    } else if is_busy(err) {
        EXIT_BUSY
    } else {
        EXIT_ERROR
    }
}

/// The hint to print under an error, if any part of its chain has one.
pub fn hint(err: &anyhow::Error) -> Option<String> {
    if is_busy(err) {
        return Some(format!(
            "try again; exit code {EXIT_BUSY} means the database was busy and nothing changed"
        ));
    }
    err.chain()
        .filter_map(|e| e.downcast_ref::<UserError>())
        .find_map(|u| u.hint_text().map(str::to_string))
}

/// The one-line message: the error and its causes, joined by `: `.
pub fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    let mut previous = String::new();
    for part in err.chain().map(ToString::to_string) {
        if part.is_empty() {
            // A [`PassOn`] code.
            continue;
        }
        // A cause often repeats the words of the error it explains (SQLite's
        // "Error code 8: attempt to write a readonly database" under
        // "attempt to write a readonly database"): print each thing once.
        if !previous.is_empty() && (part.ends_with(&previous) || previous.ends_with(&part)) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&part);
        previous = part;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn chain_is_one_line_with_hint() {
        let err = Err::<(), _>(UserError::new("no incident #9").hint("see `inc list --all`"))
            .context("could not add the note")
            .unwrap_err();
        assert_eq!(message(&err), "could not add the note: no incident #9");
        assert_eq!(hint(&err).as_deref(), Some("see `inc list --all`"));
        assert_eq!(exit_code(&err), EXIT_ERROR);
    }

    #[test]
    fn a_passed_on_code_wins_and_prints_nothing_of_itself() {
        let alone = anyhow::Error::new(PassOn(3));
        assert!(is_silent(&alone));
        assert_eq!(exit_code(&alone), 3);
        let err = Err::<(), _>(UserError::new("no such command").hint("check PATH"))
            .context(PassOn(127))
            .unwrap_err();
        assert!(!is_silent(&err));
        assert_eq!(exit_code(&err), 127);
        assert_eq!(message(&err), "no such command");
        assert_eq!(hint(&err).as_deref(), Some("check PATH"));
        let busy = anyhow::Error::new(Busy { timeout_ms: 5000 }).context(PassOn(4));
        assert_eq!(exit_code(&busy), 4);
    }

    #[test]
    fn busy_has_its_own_code() {
        let err = anyhow::Error::new(Busy { timeout_ms: 5000 }).context("could not write");
        assert_eq!(exit_code(&err), EXIT_BUSY);
        assert!(message(&err).contains("locked by another process for 5.0 s"));
        assert!(hint(&err).unwrap().contains("try again"));
    }
}
