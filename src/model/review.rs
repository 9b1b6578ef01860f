//! What the post-incident review is made of: the description, contributing
//! factors, corrective action items and lessons. Blameless: factors are
//! causes among several, not culprits.

use std::fmt;

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::error::UserError;

/// Who was affected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Internal,
    External,
    Both,
}

/// The team's description of the incident; every part optional until the
/// review.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Description {
    /// What was seen, and what ended it.
    pub summary: Option<String>,
    /// Who was affected and how.
    pub impact: Option<String>,
    pub scope: Option<Scope>,
    /// How the problem was found.
    pub detection: Option<String>,
}

/// Technical ("a configuration change was deployed") or not ("no budget
/// for new hardware").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactorKind {
    Technical,
    NonTechnical,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    pub id: i64,
    pub uuid: String,
    pub incident_id: i64,
    pub text: String,
    pub kind: FactorKind,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    P1,
    P2,
    P3,
}

/// What an action item does about the next incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionType {
    Prevent,
    Mitigate,
    Detect,
    Process,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionStatus {
    Open,
    Done,
    WontDo,
}

/// Corrective work after the incident, with an accountable owner.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub id: i64,
    pub uuid: String,
    pub incident_id: i64,
    pub text: String,
    /// A person or a team.
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub priority: Priority,
    pub action_type: Option<ActionType>,
    pub status: ActionStatus,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub closed_at: Option<DateTime<Utc>>,
}

impl Action {
    /// Open and past its due date on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.due.is_some_and(|due| due < today)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LessonKind {
    WentWell,
    WentWrong,
    Lucky,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    pub id: i64,
    pub uuid: String,
    pub incident_id: i64,
    pub text: String,
    pub kind: LessonKind,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

/// Names for an enum's values, as typed and stored, with the words used
/// when a value is refused.
macro_rules! named {
    ($ty:ident, $what:literal, [$(($variant:ident, $name:literal)),+ $(,)?]) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }

            /// Reads a value as typed (any case).
            pub fn parse(s: &str) -> Result<$ty, UserError> {
                let t = s.trim();
                $ty::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(t))
                    .ok_or_else(|| {
                        let names: Vec<&str> = $ty::ALL.iter().map(|v| v.as_str()).collect();
                        UserError::new(format!("`{s}` is not {}", $what))
                            .hint(format!("use {}", names.join(", ")))
                    })
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named!(
    Scope,
    "a scope",
    [
        (Internal, "internal"),
        (External, "external"),
        (Both, "both")
    ]
);
named!(
    FactorKind,
    "a kind of factor",
    [(Technical, "technical"), (NonTechnical, "non-technical")]
);
named!(Priority, "a priority", [(P1, "P1"), (P2, "P2"), (P3, "P3")]);
named!(
    ActionType,
    "an action type",
    [
        (Prevent, "prevent"),
        (Mitigate, "mitigate"),
        (Detect, "detect"),
        (Process, "process")
    ]
);
named!(
    ActionStatus,
    "an action status",
    [(Open, "open"), (Done, "done"), (WontDo, "wont-do")]
);
named!(
    LessonKind,
    "a kind of lesson",
    [
        (WentWell, "went-well"),
        (WentWrong, "went-wrong"),
        (Lucky, "lucky")
    ]
);

/// Reads a due date: `YYYY-MM-DD`, `today`, `tomorrow`, or `+Nd` / `+Nw`
/// counted from `today`. Past dates are allowed (an action can be entered
/// late), dates before 1970 or after 9999 are not.
pub fn parse_due(input: &str, today: NaiveDate) -> Result<NaiveDate, UserError> {
    let s = input.trim().to_ascii_lowercase();
    let bad = || {
        UserError::new(format!("`{input}` is not a due date"))
            .hint("use 2026-12-01, today, tomorrow, +7d or +2w")
    };
    let date = match s.as_str() {
        "today" => Some(today),
        "tomorrow" => today.checked_add_days(Days::new(1)),
        _ => {
            if let Some(rest) = s.strip_prefix('+') {
                let (number, unit) = rest.split_at(rest.len().saturating_sub(1));
                let n: u64 = number.parse().map_err(|_| bad())?;
                let days = match unit {
                    "d" => n,
                    "w" => n.checked_mul(7).ok_or_else(bad)?,
                    _ => return Err(bad()),
                };
                today.checked_add_days(Days::new(days))
            } else {
                NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()
            }
        }
    };
    date.filter(|d| {
        (NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
            ..=NaiveDate::from_ymd_opt(9999, 12, 31).unwrap())
            .contains(d)
    })
    .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn names_round_trip_and_refuse_others() {
        for kind in LessonKind::ALL {
            assert_eq!(LessonKind::parse(kind.as_str()).unwrap(), *kind);
        }
        assert_eq!(Priority::parse("p1").unwrap(), Priority::P1);
        assert_eq!(
            FactorKind::parse("Non-Technical").unwrap(),
            FactorKind::NonTechnical
        );
        let e = ActionType::parse("fix").unwrap_err();
        assert_eq!(e.to_string(), "`fix` is not an action type");
        assert_eq!(
            e.hint_text(),
            Some("use prevent, mitigate, detect, process")
        );
    }

    #[test]
    fn due_dates() {
        let today = d("2026-11-26");
        assert_eq!(parse_due("2026-12-01", today).unwrap(), d("2026-12-01"));
        assert_eq!(parse_due("tomorrow", today).unwrap(), d("2026-11-27"));
        assert_eq!(parse_due("Today", today).unwrap(), today);
        assert_eq!(parse_due("+7d", today).unwrap(), d("2026-12-03"));
        assert_eq!(parse_due("+2w", today).unwrap(), d("2026-12-10"));
        for bad in [
            "",
            "+",
            "+d",
            "+7",
            "+7y",
            "next week",
            "2026-13-01",
            "+99999999999999d",
            "1969-12-31",
            "-3d",
        ] {
            assert!(parse_due(bad, today).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn overdue_means_open_and_past_due() {
        let action = |status, due: Option<&str>| Action {
            id: 1,
            uuid: String::new(),
            incident_id: 1,
            text: "x".into(),
            owner: "team".into(),
            due: due.map(d),
            priority: Priority::P2,
            action_type: None,
            status,
            created_at: DateTime::<Utc>::MIN_UTC,
            created_by: "a".into(),
            closed_at: None,
        };
        let today = d("2026-11-26");
        assert!(action(ActionStatus::Open, Some("2026-11-25")).is_overdue(today));
        assert!(!action(ActionStatus::Open, Some("2026-11-26")).is_overdue(today));
        assert!(!action(ActionStatus::Done, Some("2026-11-01")).is_overdue(today));
        assert!(!action(ActionStatus::Open, None).is_overdue(today));
    }
}
