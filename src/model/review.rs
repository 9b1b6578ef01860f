//! What the post-incident review is made of: the description, contributing
//! factors, corrective action items and lessons. Blameless: factors are
//! causes among several, not culprits.

use std::fmt;

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::error::UserError;
use crate::model::public::Pseudonyms;

/// Who was affected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Internal,
    External,
    Both,
}

/// The team's description of the incident; every part optional until the
/// review.
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
pub struct Description {
    /// What was seen, and what ended it.
    pub summary: Option<String>,
    /// Who was affected and how.
    pub impact: Option<String>,
    pub scope: Option<Scope>,
    /// How the problem was found.
    pub detection: Option<String>,
    /// What set it off: the change or event that turned a latent cause
    /// into an incident.
    pub triggered_by: Option<String>,
    /// What ended the impact for now (a rollback, a failover).
    pub resolution: Option<String>,
    /// The lasting fix, done or planned.
    pub long_term: Option<String>,
}

/// Technical ("a configuration change was deployed") or not ("no budget
/// for new hardware").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactorKind {
    Technical,
    NonTechnical,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
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
    /// Where the work is tracked: a ticket's id or URL.
    #[serde(default)]
    pub link: Option<String>,
    /// On a team: its ref, the same on every laptop (see
    /// [`crate::model::Task::reference`]). Empty off a team.
    #[serde(default)]
    pub reference: String,
    /// On a team: how its incident is named (`#12`, `#L3`). Empty off a
    /// team, where its incident's number is its id.
    #[serde(default)]
    pub incident_number: String,
}

impl Action {
    /// How its incident is named: `#12`.
    pub fn incident_name(&self) -> String {
        if self.incident_number.is_empty() {
            format!("#{}", self.incident_id)
        } else {
            self.incident_number.clone()
        }
    }

    /// How it is named, shown and typed: its ref on a team, else its
    /// number.
    pub fn name(&self) -> String {
        if self.reference.is_empty() {
            self.id.to_string()
        } else {
            self.reference.clone()
        }
    }

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

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
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

        /// Read from its name, as stored.
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                let name = String::deserialize(d)?;
                $ty::parse(&name).map_err(serde::de::Error::custom)
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
/// Where the review document stands, apart from the incident: written
/// (`draft`), read by others (`in-review`), agreed (`reviewed`), its
/// follow-up over (`closed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReviewStatus {
    #[default]
    Draft,
    InReview,
    Reviewed,
    Closed,
}

named!(
    ReviewStatus,
    "a review status",
    [
        (Draft, "draft"),
        (InReview, "in-review"),
        (Reviewed, "reviewed"),
        (Closed, "closed")
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
                // The unit is the last character, whatever its width in bytes.
                let cut = rest.char_indices().next_back().map_or(0, |(i, _)| i);
                let (number, unit) = rest.split_at(cut);
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
    fn how_long_is_read_in_its_many_spellings() {
        for yes in [
            "for 15 minutes",
            "for ~15 minutes",
            "for 1.5 hours",
            "for an hour",
            "a 15-minute outage",
            "from 14:02 to 14:17",
            "down 38m",
            "(15 minutes)",
            "for 2 days",
            "half an hour",
        ] {
            assert!(says_how_long(yes), "{yes}");
        }
        for no in [
            "the platform was down",
            "down on 3 hosts",
            "2 machines failed",
            "at 14:02",
        ] {
            assert!(!says_how_long(no), "{no}");
        }
    }

    #[test]
    fn words_are_matched_whole() {
        let w = words("The checkout page was down; default timeout; blameless review");
        assert!(!DETECTED.iter().any(|d| has_phrase(&w, d)));
        assert!(!BLAME.iter().any(|b| has_phrase(&w, b)));
        assert!(has_phrase(
            &words("it was Human Error, sadly"),
            "human error"
        ));
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
            link: None,
            reference: String::new(),
            incident_number: String::new(),
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

/// Words that blame whoever they are said of, always worth a look.
const ALWAYS_BLAME: &[&str] = &[
    "human error",
    "careless",
    "carelessness",
    "negligent",
    "negligence",
    "incompetent",
    "incompetence",
];

/// Phrases that blame a person when said of one, as whole words: flagged
/// when the same sentence is about a person ("the engineer should have
/// checked"), not when a company or team takes responsibility for itself
/// ("we should have anticipated it", "the fault was ours").
const BLAME: &[&str] = &["should have", "fault", "at fault", "blame", "blamed"];

/// Words that make a sentence about a person, beside a responder's name.
const PERSONAL: &[&str] = &[
    "he",
    "she",
    "him",
    "her",
    "his",
    "hers",
    "someone",
    "somebody",
    "engineer",
    "operator",
    "developer",
    "contractor",
    "administrator",
    "admin",
    "intern",
    "employee",
    "individual",
    "they",
    "them",
    "their",
    "responder",
    "oncall",
    "on call",
    "sre",
];

/// Words that say who was affected.
const AFFECTED: &[&str] = &[
    "customer",
    "customers",
    "user",
    "users",
    "client",
    "clients",
    "employee",
    "employees",
    "team",
    "teams",
    "partner",
    "partners",
    "merchant",
    "merchants",
    "visitor",
    "visitors",
    "people",
    "buyers",
    "sellers",
    "developers",
];

/// Words that say how a problem was found.
const DETECTED: &[&str] = &[
    "detected",
    "detect",
    "detection",
    "alert",
    "alerts",
    "alerted",
    "alarm",
    "noticed",
    "found",
    "reported",
    "report",
    "monitoring",
    "monitor",
    "paged",
    "synthetic",
    "probe",
    "check",
    "checks",
    "dashboard",
    "dashboards",
];

/// Units of time, as whole words.
const UNITS: &[&str] = &[
    "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes", "h", "hr",
    "hrs", "hour", "hours", "d", "day", "days", "week", "weeks",
];

/// Lower-case words of a text: letters, digits, and `.`/`:`/`~` inside
/// numbers (so "1.5", "14:02" and "~15" stay whole).
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || ".:~".contains(c)))
        .map(|w| w.trim_matches(|c: char| ".:".contains(c)).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `phrase` (one or more words) stands in `text` as whole words.
fn has_phrase(text: &[String], phrase: &str) -> bool {
    let wanted: Vec<String> = words(phrase);
    !wanted.is_empty() && text.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

fn is_number(w: &str) -> bool {
    let w = w.trim_start_matches('~');
    !w.is_empty()
        && w.chars().all(|c| c.is_ascii_digit() || c == '.')
        && w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Whether a text says how long something lasted: "15m", "for ~15
/// minutes", "1.5 hours", "a 15-minute outage", "an hour", "14:02 to 14:17".
fn says_how_long(text: &str) -> bool {
    let w = words(&text.replace('-', " "));
    let unit = |u: &str| UNITS.contains(&u);
    let number_then_unit = w.windows(2).any(|p| is_number(&p[0]) && unit(&p[1]));
    let glued = w.iter().any(|t| {
        let t = t.trim_start_matches('~');
        let digits = t.len()
            - t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                .len();
        digits > 0 && unit(&t[digits..])
    });
    let spelled = w.windows(2).any(|p| {
        ["a", "an", "half", "one", "two", "three", "few", "several"].contains(&p[0].as_str())
            && ["hour", "hours", "day", "days", "minute", "minutes"].contains(&p[1].as_str())
    });
    let clock = |t: &str| {
        let parts: Vec<&str> = t.split(':').collect();
        parts.len() == 2
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
    };
    let from_to = w.iter().filter(|t| clock(t)).count() >= 2;
    number_then_unit || glued || spelled || from_to
}

/// The blame phrase in `text`, if a sentence of it blames a person (see
/// [`BLAME`]).
fn blame(text: &str, people: &Pseudonyms) -> Option<&'static str> {
    text.split(['.', '!', '?', ';', '\n']).find_map(|sentence| {
        let w = words(&sentence.replace('-', " "));
        if let Some(word) = ALWAYS_BLAME.iter().find(|p| has_phrase(&w, p)) {
            return Some(*word);
        }
        let phrase = BLAME.iter().find(|phrase| has_phrase(&w, phrase))?;
        let personal =
            PERSONAL.iter().any(|p| has_phrase(&w, p)) || people.person_in(sentence).is_some();
        personal.then_some(*phrase)
    })
}

/// What the readiness check looks at.
pub struct CheckInput<'a> {
    /// The incident as typed after `-i` (`12`, `L3`).
    pub incident: String,
    pub description: &'a Description,
    pub factors: &'a [Factor],
    pub actions: &'a [Action],
    pub lessons: &'a [Lesson],
    pub key_times_missing: Vec<&'static str>,
    /// Whether the incident is over and needs follow-up: resolved, and
    /// neither a drill nor cancelled (a false alarm).
    pub follow_up: bool,
    /// Everyone involved, to spot a name in a factor.
    pub people: &'a Pseudonyms,
    /// The meeting deadline, if resolved, and today.
    pub deadline: Option<NaiveDate>,
    pub today: NaiveDate,
}

/// Whether the review is ready: errors block it, warnings are worth a look.
/// Each finding's fix is a command with the real numbers.
pub fn check(input: &CheckInput<'_>) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut say = |level, message: String, fix: String| {
        found.push(Finding {
            level,
            message,
            fix,
        });
    };
    let n = &input.incident;
    let d = input.description;
    match d.summary.as_deref() {
        None if *d == Description::default() => say(
            Level::Error,
            "there is no description".into(),
            format!(
                "write one with `inc describe -i {n} --summary TEXT --impact TEXT --scope SCOPE --detection TEXT`"
            ),
        ),
        None => say(
            Level::Error,
            "the description has no summary".into(),
            format!(
                "say what was seen and what ended it with `inc describe -i {n} --summary TEXT`"
            ),
        ),
        Some(summary) => {
            let all = [Some(summary), d.impact.as_deref(), d.detection.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let w = words(&all);
            let mentions = |list: &[&str]| list.iter().any(|word| has_phrase(&w, word));
            if d.impact.is_none() && d.scope.is_none() && !mentions(AFFECTED) {
                say(
                    Level::Error,
                    "the description does not say who was affected".into(),
                    format!(
                        "add it with `inc describe -i {n} --impact TEXT --scope internal|external|both`"
                    ),
                );
            }
            if d.detection.is_none() && !mentions(DETECTED) {
                say(
                    Level::Error,
                    "the description does not say how the problem was detected".into(),
                    format!("add it with `inc describe -i {n} --detection TEXT`"),
                );
            }
            if !says_how_long(&all) {
                say(
                    Level::Error,
                    "the description does not say for how long".into(),
                    format!(
                        "say how long users were affected, such as \"for 15 minutes\", with `inc describe -i {n} --summary TEXT`"
                    ),
                );
            }
        }
    }
    for a in input.actions.iter().filter(|a| a.owner.trim().is_empty()) {
        say(
            Level::Error,
            format!("action item {} has no owner", a.name()),
            format!(
                "set one with `inc action edit {} -i {n} --owner WHO`",
                a.name()
            ),
        );
    }
    if input.factors.is_empty() {
        say(
            Level::Error,
            "there are no contributing factors".into(),
            format!("add them with `inc factor add -i {n} TEXT [--kind non-technical]`"),
        );
    }
    if input.follow_up && input.actions.is_empty() {
        say(
            Level::Error,
            "there are no corrective action items".into(),
            format!(
                "add them with `inc action add -i {n} TEXT --owner WHO --due DATE` (a drill or a cancelled false alarm needs none)"
            ),
        );
    }
    if input.follow_up && input.lessons.is_empty() {
        say(
            Level::Error,
            "there are no lessons learned".into(),
            format!("add them with `inc lesson add -i {n} --kind went-well|went-wrong|lucky TEXT`"),
        );
    }
    for t in &input.key_times_missing {
        let fix = match *t {
            "mitigated" => format!("record it with `inc mitigated -i {n} --at TIME`"),
            _ => format!("record it with `inc resolve -i {n} --at TIME`"),
        };
        say(Level::Error, format!("the {t} time is missing"), fix);
    }
    for a in input
        .actions
        .iter()
        .filter(|a| a.due.is_none() && a.status == ActionStatus::Open)
    {
        say(
            Level::Warning,
            format!("action item {} has no due date", a.name()),
            format!(
                "set one with `inc action edit {} -i {n} --due DATE`",
                a.name()
            ),
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
            "non-technical ones (time pressure, staffing, budget, process) are easy to forget"
                .into(),
        );
    }
    for a in input.actions.iter().filter(|a| a.is_overdue(input.today)) {
        let due = a.due.map(|d| d.to_string()).unwrap_or_default();
        say(
            Level::Warning,
            format!(
                "action item {} was due on {due} and is still open",
                a.name()
            ),
            format!(
                "mark it done with `inc action done {} -i {n}`, or give it a new date with `inc action edit {} -i {n} --due DATE`",
                a.name(),
                a.name()
            ),
        );
    }
    let blame_in = |text: &str| blame(text, input.people);
    for (place, text) in [
        ("summary", &d.summary),
        ("impact", &d.impact),
        ("detection", &d.detection),
    ] {
        if let Some(word) = text.as_deref().and_then(blame_in) {
            say(
                Level::Warning,
                format!("the description's {place} uses blame language (\"{word}\")"),
                "describe what the system allowed, not who erred".into(),
            );
        }
    }
    let person_in = |text: &str| input.people.person_in(text);
    for f in input.factors {
        if let Some(word) = blame_in(&f.text) {
            say(
                Level::Warning,
                format!("factor {} uses blame language (\"{word}\")", f.id),
                "describe what the system allowed, not who erred".into(),
            );
        }
        if let Some(name) = person_in(&f.text) {
            say(
                Level::Warning,
                format!("factor {} names a person ({name})", f.id),
                "name the process or system, not the person".into(),
            );
        }
    }
    if let Some(name) = d.summary.as_deref().and_then(person_in) {
        say(
            Level::Warning,
            format!("the description's summary names a person ({name})"),
            "a review is blameless: name roles and systems".into(),
        );
    }
    if let Some(deadline) = input.deadline.filter(|d| input.today > *d) {
        say(
            Level::Warning,
            format!("the review meeting was due by {deadline}"),
            "hold it soon, while memories are fresh".into(),
        );
    }
    found
}
