//! The one place that reads the time. `INC_NOW` (RFC 3339) fixes it, so
//! tests and demonstrations are repeatable.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use crate::error::UserError;

/// The moment a command runs. Read once, used for everything it writes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clock {
    now: DateTime<Utc>,
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
            // The one read of the real clock.
            #[allow(clippy::disallowed_methods)]
            _ => Ok(Clock::fixed(Utc::now())),
        }
    }

    /// A clock stopped at `now`, to the millisecond (the precision stored).
    pub fn fixed(now: DateTime<Utc>) -> Clock {
        let now = now
            .duration_trunc(TimeDelta::milliseconds(1))
            .unwrap_or(now);
        Clock { now }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }
}
