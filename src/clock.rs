//! The one place that reads the time. `INC_NOW` (RFC 3339) fixes it, so
//! tests and demonstrations are repeatable.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use crate::error::UserError;

/// The wall clock of a command: the moment it started, for reading the
/// times people type and showing how long ago things were; and the moment
/// a write takes the database's lock, for what it records as "now".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clock {
    start: DateTime<Utc>,
    /// `INC_NOW`: the clock stands still.
    fixed: bool,
}

impl Clock {
    /// The real time, or `INC_NOW` when set.
    pub fn from_env() -> Result<Clock, UserError> {
        match std::env::var("INC_NOW") {
            Ok(v) if !v.is_empty() => {
                let now = DateTime::parse_from_rfc3339(v.trim())
                    .map_err(|_| {
                        UserError::new(format!("INC_NOW=`{v}` is not an RFC 3339 time"))
                            .hint("use a time such as 2026-11-26T14:05:00Z, or unset INC_NOW")
                    })?
                    .with_timezone(&Utc);
                Ok(Clock::fixed(now))
            }
            _ => Ok(Clock::system()),
        }
    }

    /// The real time.
    pub fn system() -> Clock {
        Clock {
            start: read(),
            fixed: false,
        }
    }

    /// A clock stopped at `now`, to the millisecond (the precision stored).
    pub fn fixed(now: DateTime<Utc>) -> Clock {
        Clock {
            start: millis(now),
            fixed: true,
        }
    }

    /// When the command started.
    pub fn now(&self) -> DateTime<Utc> {
        self.start
    }

    /// The clock `by` later: a clock that stands still moves on by that
    /// much (what `inc run` records when a command took `by` under
    /// `INC_NOW`); the real one reads the time anyway.
    #[must_use]
    pub fn advanced(self, by: TimeDelta) -> Clock {
        if self.fixed {
            Clock::fixed(self.start + by)
        } else {
            self
        }
    }

    /// The time now, read again: what a write records as "now", read once
    /// it holds the database's lock, so that of two writers the one that
    /// writes later records a later time. Never before [`Clock::now`].
    pub fn current(&self) -> DateTime<Utc> {
        if self.fixed {
            self.start
        } else {
            read().max(self.start)
        }
    }
}

/// The one read of the real clock.
#[allow(clippy::disallowed_methods)]
fn read() -> DateTime<Utc> {
    millis(Utc::now())
}

fn millis(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(TimeDelta::milliseconds(1)).unwrap_or(t)
}

/// The real time in Unix milliseconds, whatever `INC_NOW` says: for pacing
/// calls to the team hub (a back-off, a pull every few seconds), which
/// are about the network, not about what is recorded.
pub fn wall_ms() -> i64 {
    read().timestamp_millis()
}
