//! The incident domain: incidents, severities, statuses, timeline entries and
//! the rules that keep them consistent. No SQL, no IO, no clock.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::UserError;
use crate::time::Zone;

/// How bad an incident is. SEV1 is the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Severity(u8);

impl Severity {
    pub const WORST: u8 = 1;
    pub const MILDEST: u8 = 4;
    pub const DEFAULT: Severity = Severity(2);

    pub fn new(level: u8) -> Option<Severity> {
        (Self::WORST..=Self::MILDEST)
            .contains(&level)
            .then_some(Severity(level))
    }

    pub fn level(self) -> u8 {
        self.0
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SEV{}", self.0)
    }
}

impl FromStr for Severity {
    type Err = UserError;

    /// Accepts `2`, `sev2` and `SEV2`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let digits = if t.len() > 3 && t[..3].eq_ignore_ascii_case("sev") {
            &t[3..]
        } else {
            t
        };
        digits
            .parse::<u8>()
            .ok()
            .and_then(Severity::new)
            .ok_or_else(|| {
                UserError::new(format!("`{s}` is not a severity"))
                    .hint("use 1 to 4 (or SEV1 to SEV4); SEV1 is the worst")
            })
    }
}

impl Serialize for Severity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Where the response stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Investigating,
        Status::Identified,
        Status::Monitoring,
        Status::Resolved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Investigating => "investigating",
            Status::Identified => "identified",
            Status::Monitoring => "monitoring",
            Status::Resolved => "resolved",
        }
    }

    pub fn is_open(self) -> bool {
        self != Status::Resolved
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = UserError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Status::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| {
                UserError::new(format!("`{s}` is not a status"))
                    .hint("use investigating, identified, monitoring or resolved")
            })
    }
}

/// What a timeline entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// Customer impact began (when declared with an earlier start time).
    Started,
    /// The problem was noticed (when declared with an earlier detection time).
    Detected,
    /// The incident was declared.
    Declared,
    /// A free-text note from a responder.
    Note,
    /// The status changed.
    Status,
    /// The severity changed.
    Severity,
    /// Customer impact was mitigated.
    Mitigated,
    /// The incident was resolved.
    Resolved,
    /// A resolved incident was opened again.
    Reopened,
}

impl EntryKind {
    pub const ALL: [EntryKind; 9] = [
        EntryKind::Started,
        EntryKind::Detected,
        EntryKind::Declared,
        EntryKind::Note,
        EntryKind::Status,
        EntryKind::Severity,
        EntryKind::Mitigated,
        EntryKind::Resolved,
        EntryKind::Reopened,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Started => "started",
            EntryKind::Detected => "detected",
            EntryKind::Declared => "declared",
            EntryKind::Note => "note",
            EntryKind::Status => "status",
            EntryKind::Severity => "severity",
            EntryKind::Mitigated => "mitigated",
            EntryKind::Resolved => "resolved",
            EntryKind::Reopened => "reopened",
        }
    }

    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An incident as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    pub id: i64,
    pub uuid: String,
    pub title: String,
    pub severity: Severity,
    pub status: Status,
    pub security: bool,
    pub commander: String,
    pub started_at: DateTime<Utc>,
    pub detected_at: DateTime<Utc>,
    pub mitigated_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

impl Incident {
    /// Time to detect: from the start of impact until someone noticed.
    pub fn time_to_detect(&self) -> chrono::TimeDelta {
        self.detected_at - self.started_at
    }

    /// Time to recover: from the start of impact until resolution, if resolved.
    pub fn time_to_recover(&self) -> Option<chrono::TimeDelta> {
        self.resolved_at.map(|r| r - self.started_at)
    }

    /// How long the incident has lasted: until resolution, else until `now`.
    pub fn duration(&self, now: DateTime<Utc>) -> chrono::TimeDelta {
        self.resolved_at.unwrap_or(now) - self.started_at
    }

    /// Changes the status. Moving to resolved is [`Incident::resolve`]; a
    /// resolved incident must be reopened first. No change, no entry.
    pub fn set_status(
        &mut self,
        to: Status,
        at: DateTime<Utc>,
        zone: &Zone,
    ) -> Result<Vec<NewEntry>, UserError> {
        if self.status == to {
            return Ok(vec![]);
        }
        if to == Status::Resolved {
            return self.resolve(at, zone);
        }
        self.refuse_if_resolved(zone)?;
        let from = self.status;
        self.status = to;
        Ok(vec![NewEntry::change(
            EntryKind::Status,
            from,
            to,
            String::new(),
            at,
        )])
    }

    /// Changes the severity, with an optional reason. No change, no entry.
    pub fn set_severity(
        &mut self,
        to: Severity,
        reason: String,
        at: DateTime<Utc>,
    ) -> Vec<NewEntry> {
        if self.severity == to {
            return vec![];
        }
        let from = self.severity;
        self.severity = to;
        vec![NewEntry::change(EntryKind::Severity, from, to, reason, at)]
    }

    /// Records when customer impact was mitigated.
    pub fn mitigate(&mut self, at: DateTime<Utc>, zone: &Zone) -> Result<Vec<NewEntry>, UserError> {
        if let Some(done) = self.mitigated_at {
            return Err(UserError::new(format!(
                "#{} was already mitigated at {}",
                self.id,
                zone.format(done)
            ))
            .hint("each incident has one mitigation time"));
        }
        KeyTimes {
            mitigated: Some(at),
            ..self.key_times()
        }
        .check()
        .map_err(|c| c.explain(zone))?;
        self.mitigated_at = Some(at);
        Ok(vec![NewEntry {
            kind: EntryKind::Mitigated,
            text: String::new(),
            from: None,
            to: None,
            event_at: at,
        }])
    }

    /// Resolves the incident at `at`.
    pub fn resolve(&mut self, at: DateTime<Utc>, zone: &Zone) -> Result<Vec<NewEntry>, UserError> {
        self.refuse_if_resolved(zone)?;
        KeyTimes {
            resolved: Some(at),
            ..self.key_times()
        }
        .check()
        .map_err(|c| c.explain(zone))?;
        let from = self.status;
        self.status = Status::Resolved;
        self.resolved_at = Some(at);
        Ok(vec![NewEntry::change(
            EntryKind::Resolved,
            from,
            Status::Resolved,
            String::new(),
            at,
        )])
    }

    /// Opens a resolved incident again: back to investigating, with no
    /// resolution time. The timeline keeps the earlier resolution.
    pub fn reopen(&mut self, at: DateTime<Utc>) -> Result<Vec<NewEntry>, UserError> {
        if self.status.is_open() {
            return Err(UserError::new(format!(
                "#{} is not resolved (it is {})",
                self.id, self.status
            ))
            .hint("only a resolved incident can be reopened"));
        }
        self.status = Status::Investigating;
        self.resolved_at = None;
        Ok(vec![NewEntry::change(
            EntryKind::Reopened,
            Status::Resolved,
            Status::Investigating,
            String::new(),
            at,
        )])
    }

    fn refuse_if_resolved(&self, zone: &Zone) -> Result<(), UserError> {
        match self.resolved_at {
            Some(at) if self.status == Status::Resolved => {
                Err(
                    UserError::new(format!("#{} was resolved at {}", self.id, zone.format(at)))
                        .hint(format!("reopen it first with `inc reopen {}`", self.id)),
                )
            }
            _ => Ok(()),
        }
    }

    /// The key times, in the order they must keep.
    pub fn key_times(&self) -> KeyTimes {
        KeyTimes {
            started: self.started_at,
            detected: self.detected_at,
            mitigated: self.mitigated_at,
            resolved: self.resolved_at,
        }
    }
}

/// The fields needed to declare an incident.
#[derive(Debug, Clone)]
pub struct NewIncident {
    pub title: String,
    pub severity: Severity,
    pub security: bool,
    pub commander: String,
    pub started_at: DateTime<Utc>,
    pub detected_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub author: String,
}

/// A timeline entry as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    pub id: i64,
    pub uuid: String,
    pub incident_id: i64,
    pub kind: EntryKind,
    /// The note, or the reason given for a change; may be empty for changes.
    pub text: String,
    /// For changes: the value before and after (status or severity names).
    pub from: Option<String>,
    pub to: Option<String>,
    /// When the event happened.
    pub event_at: DateTime<Utc>,
    /// When it was written down.
    pub recorded_at: DateTime<Utc>,
    pub author: String,
}

/// A timeline entry about to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEntry {
    pub kind: EntryKind,
    pub text: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub event_at: DateTime<Utc>,
}

impl NewEntry {
    pub fn note(text: String, event_at: DateTime<Utc>) -> NewEntry {
        NewEntry {
            kind: EntryKind::Note,
            text,
            from: None,
            to: None,
            event_at,
        }
    }

    pub fn change(
        kind: EntryKind,
        from: impl ToString,
        to: impl ToString,
        text: String,
        event_at: DateTime<Utc>,
    ) -> NewEntry {
        NewEntry {
            kind,
            text,
            from: Some(from.to_string()),
            to: Some(to.to_string()),
            event_at,
        }
    }
}

/// The key times of an incident, which must keep the order
/// started <= detected <= mitigated <= resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeyTimes {
    pub started: DateTime<Utc>,
    pub detected: DateTime<Utc>,
    pub mitigated: Option<DateTime<Utc>>,
    pub resolved: Option<DateTime<Utc>>,
}

/// Two key times out of order: `earlier` should not come after `later`.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderConflict {
    pub earlier: (&'static str, DateTime<Utc>),
    pub later: (&'static str, DateTime<Utc>),
}

impl OrderConflict {
    /// The conflict in words, with times shown in `zone`.
    pub fn explain(&self, zone: &Zone) -> UserError {
        UserError::new(format!(
            "{} ({}) would come after {} ({}); key times must keep the order started, detected, mitigated, resolved",
            self.earlier.0,
            zone.format(self.earlier.1),
            self.later.0,
            zone.format(self.later.1),
        ))
        .hint(format!(
            "give a {} time no earlier than {}",
            self.later.0,
            zone.format(self.earlier.1)
        ))
    }
}

impl KeyTimes {
    /// Checks started <= detected <= mitigated <= resolved, skipping unset
    /// times, and names the first pair out of order.
    pub fn check(&self) -> Result<(), OrderConflict> {
        let times = [
            ("started", Some(self.started)),
            ("detected", Some(self.detected)),
            ("mitigated", self.mitigated),
            ("resolved", self.resolved),
        ];
        let set: Vec<(&'static str, DateTime<Utc>)> = times
            .into_iter()
            .filter_map(|(name, t)| t.map(|t| (name, t)))
            .collect();
        for (i, &earlier) in set.iter().enumerate() {
            if let Some(&later) = set[i + 1..].iter().find(|later| later.1 < earlier.1) {
                return Err(OrderConflict { earlier, later });
            }
        }
        Ok(())
    }
}

/// How an incident is named on the command line: `12` or `#12`.
pub fn parse_incident_id(s: &str) -> Result<i64, UserError> {
    let t = s.trim();
    let digits = t.strip_prefix('#').unwrap_or(t);
    digits
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            UserError::new(format!("`{s}` is not an incident id"))
                .hint("incident ids are numbers such as 12 or #12; `inc list --all` shows them")
        })
}

/// Which incident a command acts on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IncidentRef {
    /// The one named on the command line.
    Id(i64),
    /// The current incident (see [`choose_current`]).
    Current,
    /// The one last chosen by `open` or `use`, even if resolved.
    Selected,
    /// For reading: the current incident or, when none is open, the one
    /// last chosen (so `inc show` right after `inc resolve` still works).
    Viewing,
}

impl IncidentRef {
    /// `Id` when given, otherwise `fallback`.
    pub fn or(id: Option<i64>, fallback: IncidentRef) -> IncidentRef {
        id.map_or(fallback, IncidentRef::Id)
    }
}

/// Which incident a command acts on when none is named.
#[derive(Debug, Clone, PartialEq)]
pub enum Current {
    /// This one.
    Chosen(i64),
    /// No open incident at all.
    NoneOpen { last: Option<i64> },
    /// Several open incidents and none chosen.
    Ambiguous(Vec<(i64, String)>),
}

/// The current incident is the one set by `open`/`use` while it is open;
/// otherwise the only open incident, if there is exactly one.
pub fn choose_current(selected: Option<(i64, Status)>, open: Vec<(i64, String)>) -> Current {
    match selected {
        Some((id, status)) if status.is_open() => Current::Chosen(id),
        _ if open.len() == 1 => Current::Chosen(open[0].0),
        _ if open.is_empty() => Current::NoneOpen {
            last: selected.map(|(id, _)| id),
        },
        _ => Current::Ambiguous(open),
    }
}

impl Current {
    /// The chosen id, or an error that says how to choose.
    pub fn into_id(self) -> Result<i64, UserError> {
        match self {
            Current::Chosen(id) => Ok(id),
            Current::NoneOpen { last: Some(last) } => Err(UserError::new(format!(
                "no incident is open (#{last} was resolved)"
            ))
            .hint(format!(
                "name one with -i {last}, reopen it with `inc reopen {last}`, or declare a new one with `inc open TITLE`"
            ))),
            Current::NoneOpen { last: None } => Err(UserError::new("no incident is open")
                .hint("declare one with `inc open TITLE`, or name one with -i ID")),
            Current::Ambiguous(open) => {
                let names: Vec<String> = open
                    .iter()
                    .map(|(id, title)| format!("#{id} {title:?}"))
                    .collect();
                Err(UserError::new(format!(
                    "{} incidents are open and none is current: {}",
                    open.len(),
                    names.join(", ")
                ))
                .hint("pick one with `inc use ID`, or name it with -i ID"))
            }
        }
    }
}

/// Cleans up user text for storage: outer whitespace goes, the rest is kept
/// exactly. Empty text is refused.
pub fn clean_text(what: &str, text: &str) -> Result<String, UserError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(UserError::new(format!("the {what} is empty")).hint(format!(
            "give the {what} as text, in quotes if it has spaces"
        )));
    }
    Ok(t.to_string())
}

/// Cleans up a person's name: one line, not empty.
pub fn clean_name(what: &str, name: &str) -> Result<String, UserError> {
    let t = name.trim();
    if t.is_empty() {
        return Err(
            UserError::new(format!("the {what} is empty")).hint("give a name such as alice")
        );
    }
    if t.chars().any(char::is_control) {
        return Err(
            UserError::new(format!("the {what} contains control characters"))
                .hint("a name is one line of plain text"),
        );
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, h, m, 0).unwrap()
    }

    #[test]
    fn severity_parses_numbers_and_names() {
        assert_eq!("2".parse::<Severity>().unwrap().level(), 2);
        assert_eq!("SEV1".parse::<Severity>().unwrap().level(), 1);
        assert_eq!("sev4".parse::<Severity>().unwrap().level(), 4);
        for bad in ["0", "5", "sev", "SEV9", "high", "", "-1", "2.5"] {
            assert!(bad.parse::<Severity>().is_err(), "{bad} should be refused");
        }
        assert_eq!(Severity::DEFAULT.to_string(), "SEV2");
    }

    #[test]
    fn status_parses_any_case() {
        assert_eq!("Identified".parse::<Status>().unwrap(), Status::Identified);
        assert!("fixed".parse::<Status>().is_err());
        for st in Status::ALL {
            assert_eq!(st.as_str().parse::<Status>().unwrap(), st);
        }
    }

    #[test]
    fn entry_kinds_round_trip() {
        for k in EntryKind::ALL {
            assert_eq!(EntryKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(EntryKind::parse("nope"), None);
    }

    #[test]
    fn key_times_in_order_pass() {
        let kt = KeyTimes {
            started: t(10, 0),
            detected: t(10, 5),
            mitigated: Some(t(10, 30)),
            resolved: Some(t(11, 0)),
        };
        assert!(kt.check().is_ok());
        let equal = KeyTimes {
            started: t(10, 0),
            detected: t(10, 0),
            mitigated: None,
            resolved: Some(t(10, 0)),
        };
        assert!(equal.check().is_ok());
    }

    #[test]
    fn key_times_out_of_order_name_the_pair() {
        let kt = KeyTimes {
            started: t(10, 10),
            detected: t(10, 5),
            mitigated: None,
            resolved: None,
        };
        let c = kt.check().unwrap_err();
        assert_eq!(c.earlier.0, "started");
        assert_eq!(c.later.0, "detected");

        let skip_unset = KeyTimes {
            started: t(10, 0),
            detected: t(10, 5),
            mitigated: None,
            resolved: Some(t(10, 1)),
        };
        let c = skip_unset.check().unwrap_err();
        assert_eq!((c.earlier.0, c.later.0), ("detected", "resolved"));

        let resolved_before_mitigated = KeyTimes {
            started: t(10, 0),
            detected: t(10, 5),
            mitigated: Some(t(10, 30)),
            resolved: Some(t(10, 20)),
        };
        let c = resolved_before_mitigated.check().unwrap_err();
        assert_eq!((c.earlier.0, c.later.0), ("mitigated", "resolved"));
    }

    #[test]
    fn incident_ids() {
        assert_eq!(parse_incident_id("12").unwrap(), 12);
        assert_eq!(parse_incident_id("#7").unwrap(), 7);
        for bad in ["", "#", "0", "-3", "abc", "1.5", "99999999999999999999"] {
            assert!(parse_incident_id(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn current_incident_rule() {
        let open = vec![(3, "a".to_string()), (4, "b".to_string())];
        assert_eq!(
            choose_current(Some((3, Status::Monitoring)), open.clone()),
            Current::Chosen(3)
        );
        assert_eq!(
            choose_current(Some((2, Status::Resolved)), vec![(4, "b".into())]),
            Current::Chosen(4)
        );
        assert_eq!(
            choose_current(None, vec![(4, "b".into())]),
            Current::Chosen(4)
        );
        assert_eq!(
            choose_current(Some((2, Status::Resolved)), vec![]),
            Current::NoneOpen { last: Some(2) }
        );
        assert_eq!(choose_current(None, open.clone()), Current::Ambiguous(open));
    }

    #[test]
    fn text_is_trimmed_and_empty_refused() {
        assert_eq!(clean_text("note", "  hi there \n").unwrap(), "hi there");
        assert!(clean_text("note", " \t\n ").is_err());
        assert_eq!(clean_text("note", "a\u{1b}[31mb").unwrap(), "a\u{1b}[31mb");
        assert!(clean_name("commander", "al\u{1b}ice").is_err());
        assert_eq!(clean_name("commander", " bob ").unwrap(), "bob");
    }

    fn sample() -> Incident {
        Incident {
            id: 1,
            uuid: String::new(),
            title: "x".into(),
            severity: Severity::DEFAULT,
            status: Status::Investigating,
            security: false,
            commander: "a".into(),
            started_at: t(10, 0),
            detected_at: t(10, 5),
            mitigated_at: None,
            resolved_at: None,
            created_at: t(10, 5),
            created_by: "a".into(),
        }
    }

    #[test]
    fn transitions_record_entries() {
        let z = Zone::from_name("UTC").unwrap();
        let mut inc = sample();
        let e = inc.set_status(Status::Identified, t(10, 10), &z).unwrap();
        assert_eq!(e[0].kind, EntryKind::Status);
        assert_eq!(
            (e[0].from.as_deref(), e[0].to.as_deref()),
            (Some("investigating"), Some("identified"))
        );
        assert!(
            inc.set_status(Status::Identified, t(10, 11), &z)
                .unwrap()
                .is_empty()
        );
        let e = inc.set_severity(Severity::new(1).unwrap(), "data loss".into(), t(10, 12));
        assert_eq!(
            (e[0].from.as_deref(), e[0].to.as_deref()),
            (Some("SEV2"), Some("SEV1"))
        );
        assert_eq!(e[0].text, "data loss");
        assert_eq!(
            inc.mitigate(t(10, 20), &z).unwrap()[0].kind,
            EntryKind::Mitigated
        );
        assert!(inc.mitigate(t(10, 21), &z).is_err());
        let e = inc.set_status(Status::Resolved, t(10, 30), &z).unwrap();
        assert_eq!(e[0].kind, EntryKind::Resolved);
        assert_eq!(inc.resolved_at, Some(t(10, 30)));
        let refused = inc
            .set_status(Status::Monitoring, t(10, 31), &z)
            .unwrap_err();
        assert!(refused.hint_text().unwrap().contains("inc reopen 1"));
        assert!(inc.resolve(t(10, 32), &z).is_err());
        let e = inc.reopen(t(10, 40)).unwrap();
        assert_eq!(e[0].kind, EntryKind::Reopened);
        assert_eq!((inc.status, inc.resolved_at), (Status::Investigating, None));
        assert!(inc.reopen(t(10, 41)).is_err());
    }

    #[test]
    fn transitions_keep_key_time_order() {
        let z = Zone::from_name("UTC").unwrap();
        let mut inc = sample();
        let e = inc.mitigate(t(10, 1), &z).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("detected (2026-11-26 10:05 UTC) would come after mitigated"),
            "{e}"
        );
        assert_eq!(
            inc,
            sample(),
            "a refused change leaves the incident as it was"
        );
        inc.mitigate(t(10, 20), &z).unwrap();
        assert!(inc.resolve(t(10, 19), &z).is_err());
        assert_eq!(inc.status, Status::Investigating);
        assert!(inc.resolve(t(10, 20), &z).is_ok());
    }

    #[test]
    fn derived_durations() {
        let inc = Incident {
            id: 1,
            uuid: String::new(),
            title: "x".into(),
            severity: Severity::DEFAULT,
            status: Status::Resolved,
            security: false,
            commander: "a".into(),
            started_at: t(10, 0),
            detected_at: t(10, 5),
            mitigated_at: None,
            resolved_at: Some(t(11, 0)),
            created_at: t(10, 5),
            created_by: "a".into(),
        };
        assert_eq!(inc.time_to_detect().num_minutes(), 5);
        assert_eq!(inc.time_to_recover().unwrap().num_minutes(), 60);
        assert_eq!(inc.duration(t(12, 0)).num_minutes(), 60);
    }
}
