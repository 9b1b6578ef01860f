//! Follow-up across incidents: where each resolved incident's review
//! meeting stands against its deadline, and the rules for recording that
//! the meeting was held.

use chrono::{DateTime, NaiveDate, Utc};

use super::{Action, Incident, ReviewHeld, Status};
use crate::error::UserError;
use crate::time::Zone;

/// An action item with the incident it came from, for `inc actions`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ActionOf {
    #[serde(flatten)]
    pub action: Action,
    pub incident_title: String,
    /// The incident is a drill (`inc open --drill`).
    pub drill: bool,
}

/// A resolved incident with its review meeting's target time, deadline
/// and standing, for `inc reviews`.
#[derive(Debug, Clone)]
pub struct ReviewDue {
    pub incident: Incident,
    pub target: DateTime<Utc>,
    pub deadline: NaiveDate,
    pub standing: Standing,
}

/// Sorts reviews as `inc reviews` lists them: overdue first, the most
/// overdue first; then due, the soonest deadline first; then reviewed, the
/// most recently held first. Ties by incident number.
pub fn sort_reviews(list: &mut [ReviewDue]) {
    list.sort_by(|a, b| {
        let key = |r: &ReviewDue| match r.standing {
            Standing::Overdue { days } => (0, -days, r.target.timestamp()),
            Standing::Due { days } => (1, days, r.target.timestamp()),
            Standing::Held { .. } => (
                2,
                0,
                -r.incident
                    .review_held
                    .as_ref()
                    .map_or(0, |h| h.at.timestamp()),
            ),
        };
        key(a).cmp(&key(b)).then(a.incident.id.cmp(&b.incident.id))
    });
}

/// Where a resolved incident's review meeting stands on `today`. Days are
/// counted in the display zone, as the deadline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Past the deadline and not held: `days` days late (at least 1).
    Overdue { days: i64 },
    /// Not held, deadline not passed: `days` days left (0 when it is today).
    Due { days: i64 },
    /// Held; `days_late` is 0 when it was held on or before the deadline.
    Held { days_late: i64 },
}

impl Standing {
    /// `overdue`, `due` or `reviewed`, as `inc reviews` and its JSON name them.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Overdue { .. } => "overdue",
            Standing::Due { .. } => "due",
            Standing::Held { .. } => "reviewed",
        }
    }
}

/// Where the review stands: `deadline` is the last day for the meeting,
/// `held_on` the day it was held (if it was), `today` the day it is now,
/// all in the display zone.
pub fn standing(deadline: NaiveDate, held_on: Option<NaiveDate>, today: NaiveDate) -> Standing {
    match held_on {
        Some(day) => Standing::Held {
            days_late: (day - deadline).num_days().max(0),
        },
        None if today > deadline => Standing::Overdue {
            days: (today - deadline).num_days(),
        },
        None => Standing::Due {
            days: (deadline - today).num_days(),
        },
    }
}

/// Records that the incident's review meeting was held at `at`. Refused
/// for an incident not resolved, for a time before its resolution or after
/// `now`, and, unless `correct`, when a meeting is already recorded (a
/// second `inc reviewed` is more likely a slip than a correction).
pub fn record_held(
    incident: &mut Incident,
    at: DateTime<Utc>,
    by: &str,
    now: DateTime<Utc>,
    correct: bool,
    zone: &Zone,
) -> Result<(), UserError> {
    let id = incident.number.bare();
    let resolved = match incident.resolved_at {
        Some(resolved) if incident.status == Status::Resolved => resolved,
        _ => {
            return Err(UserError::new(format!(
                "#{id} is not resolved; its review meeting comes after resolution"
            ))
            .hint(format!("resolve it first with `inc resolve -i {id}`")));
        }
    };
    if at < resolved {
        return Err(UserError::new(format!(
            "the review meeting of #{id} cannot be held before its resolution ({})",
            zone.format(resolved)
        ))
        .hint(format!(
            "give the time it was held with --at, after {}",
            zone.format(resolved)
        )));
    }
    if at > now {
        return Err(UserError::new(format!(
            "the review meeting of #{id} cannot be recorded before it is held"
        ))
        .hint("record it once it has been held"));
    }
    match (&incident.review_held, correct) {
        (Some(held), false) => {
            return Err(UserError::new(format!(
                "the review meeting of #{id} is already recorded as held at {} (by {})",
                zone.format(held.at),
                held.by
            ))
            .hint(format!(
                "to change the time, run `inc reviewed -i {id} --at TIME --correct`"
            )));
        }
        (None, true) => {
            return Err(UserError::new(format!(
                "no review meeting of #{id} is recorded yet, so there is nothing to correct"
            ))
            .hint(format!("record it with `inc reviewed -i {id}`")));
        }
        _ => {}
    }
    incident.review_held = Some(ReviewHeld {
        at,
        by: by.to_string(),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn standing_counts_days_around_the_deadline() {
        let deadline = d("2026-11-30");
        assert_eq!(
            standing(deadline, None, d("2026-11-30")),
            Standing::Due { days: 0 }
        );
        assert_eq!(
            standing(deadline, None, d("2026-11-27")),
            Standing::Due { days: 3 }
        );
        assert_eq!(
            standing(deadline, None, d("2026-12-02")),
            Standing::Overdue { days: 2 }
        );
        assert_eq!(
            standing(deadline, Some(d("2026-11-30")), d("2026-12-09")),
            Standing::Held { days_late: 0 }
        );
        assert_eq!(
            standing(deadline, Some(d("2026-12-01")), d("2026-12-09")),
            Standing::Held { days_late: 1 }
        );
    }
}
