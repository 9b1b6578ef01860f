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

/// When the review meeting should be held: `target_hours` after resolution.
pub fn meeting_target(resolved: DateTime<Utc>, target_hours: u32) -> DateTime<Utc> {
    resolved + chrono::TimeDelta::hours(i64::from(target_hours))
}

/// The last day for the review meeting: `business_days` working days after
/// the day of resolution, skipping Saturdays and Sundays.
pub fn meeting_deadline(resolved_on: NaiveDate, business_days: u32) -> NaiveDate {
    use chrono::{Datelike, Weekday};
    let mut day = resolved_on;
    let mut left = business_days;
    while left > 0 {
        day = day.succ_opt().unwrap_or(day);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

/// How serious a review finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
}

/// One thing `inc review --check` says about a review.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub level: Level,
    pub message: String,
    /// How to fix it.
    pub fix: String,
}

/// Words that point at a person rather than the system.
const BLAME: &[&str] = &[
    "human error",
    "careless",
    "should have",
    "fault",
    "blame",
    "negligen",
    "incompeten",
];

/// What the readiness check looks at.
pub struct CheckInput<'a> {
    pub description: &'a Description,
    pub factors: &'a [Factor],
    pub actions: &'a [Action],
    pub key_times_missing: Vec<&'static str>,
    /// Everyone involved, to spot a name in a factor.
    pub people: Vec<&'a str>,
    /// The meeting deadline, if resolved, and today.
    pub deadline: Option<NaiveDate>,
    pub today: NaiveDate,
}

/// Whether the review is ready: errors block it, warnings are worth a look.
pub fn check(input: &CheckInput<'_>) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut say = |level, message: String, fix: &str| {
        found.push(Finding {
            level,
            message,
            fix: fix.to_string(),
        });
    };
    let d = input.description;
    match d.summary.as_deref() {
        None => say(
            Level::Error,
            "there is no description".into(),
            "write one with `inc describe --summary TEXT --impact TEXT --scope SCOPE --detection TEXT`",
        ),
        Some(summary) => {
            let all = [Some(summary), d.impact.as_deref(), d.detection.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            let mentions = |words: &[&str]| words.iter().any(|w| all.contains(w));
            if d.impact.is_none()
                && d.scope.is_none()
                && !mentions(&["customer", "user", "client", "team", "employee", "partner"])
            {
                say(
                    Level::Error,
                    "the description does not say who was affected".into(),
                    "add it with `inc describe --impact TEXT --scope SCOPE`",
                );
            }
            if d.detection.is_none()
                && !mentions(&[
                    "detect", "alert", "noticed", "found", "report", "monitor", "page", "check",
                ])
            {
                say(
                    Level::Error,
                    "the description does not say how the problem was detected".into(),
                    "add it with `inc describe --detection TEXT`",
                );
            }
            let has_duration = all
                .split_whitespace()
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| {
                    w[0].chars().all(|c| c.is_ascii_digit())
                        && ["min", "hour", "h", "m", "second", "day"]
                            .iter()
                            .any(|u| w[1].starts_with(u))
                })
                || all.split_whitespace().any(|w| {
                    let digits = w.chars().take_while(char::is_ascii_digit).count();
                    digits > 0
                        && ["m", "min", "h", "hr", "hours", "minutes", "s", "d"]
                            .contains(&&w[digits..])
                });
            if !has_duration {
                say(
                    Level::Error,
                    "the description does not say for how long".into(),
                    "say how long users were affected, such as \"for 15 minutes\"",
                );
            }
        }
    }
    for a in input.actions.iter().filter(|a| a.owner.trim().is_empty()) {
        say(
            Level::Error,
            format!("action item {} has no owner", a.id),
            "set one with `inc action edit ID --owner WHO`",
        );
    }
    if input.factors.is_empty() {
        say(
            Level::Error,
            "there are no contributing factors".into(),
            "add them with `inc factor add TEXT [--kind non-technical]`",
        );
    }
    for t in &input.key_times_missing {
        say(
            Level::Error,
            format!("the {t} time is missing"),
            "record it with `inc mitigated --at TIME` or `inc resolve --at TIME`",
        );
    }
    for a in input
        .actions
        .iter()
        .filter(|a| a.due.is_none() && a.status == ActionStatus::Open)
    {
        say(
            Level::Warning,
            format!("action item {} has no due date", a.id),
            "set one with `inc action edit ID --due DATE`",
        );
    }
    if !input.factors.is_empty()
        && input
            .factors
            .iter()
            .all(|f| f.kind == FactorKind::Technical)
    {
        say(
            Level::Warning,
            "every contributing factor is technical".into(),
            "non-technical ones (time pressure, staffing, budget, process) are easy to forget",
        );
    }
    let blame_in = |text: &str| {
        BLAME
            .iter()
            .find(|w| text.to_lowercase().contains(*w))
            .copied()
    };
    for (place, text) in [
        ("summary", &d.summary),
        ("impact", &d.impact),
        ("detection", &d.detection),
    ] {
        if let Some(word) = text.as_deref().and_then(blame_in) {
            say(
                Level::Warning,
                format!("the description's {place} uses blame language (\"{word}\")"),
                "describe what the system allowed, not who erred",
            );
        }
    }
    for f in input.factors {
        if let Some(word) = blame_in(&f.text) {
            say(
                Level::Warning,
                format!("factor {} uses blame language (\"{word}\")", f.id),
                "describe what the system allowed, not who erred",
            );
        }
        let lower = f.text.to_lowercase();
        if let Some(name) = input.people.iter().find(|p| {
            let p = p.trim().to_lowercase();
            p.len() > 1 && lower.split(|c: char| !c.is_alphanumeric()).any(|w| w == p)
        }) {
            say(
                Level::Warning,
                format!("factor {} names a person ({name})", f.id),
                "name the process or system, not the person",
            );
        }
    }
    if let Some(deadline) = input.deadline.filter(|d| input.today > *d) {
        say(
            Level::Warning,
            format!("the review meeting was due by {deadline}"),
            "hold it soon, while memories are fresh",
        );
    }
    found
}
