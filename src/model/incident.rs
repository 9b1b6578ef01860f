//! An incident, its key times and the changes that move it along. Each
//! change checks its rules first and touches nothing when it refuses.

use chrono::{DateTime, Utc};

use super::{EntryKind, NewEntry, Severity, Status};
use crate::error::UserError;
use crate::time::Zone;

/// How people name an incident: `#12`. On a team, that is its team-wide
/// number, the same on every laptop; one not yet on the hub has only its
/// local number, in a form of its own (`#L3`) so that it is never taken for
/// a team-wide one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    /// Off a team: the local id.
    Local(i64),
    /// On a team, once the hub has it.
    Team(i64),
    /// On a team, not yet on the hub: the local id.
    Unshared(i64),
}

impl Number {
    /// As typed after `-i`: `12`, or `L3`.
    pub fn bare(self) -> String {
        match self {
            Number::Local(n) | Number::Team(n) => n.to_string(),
            Number::Unshared(n) => format!("L{n}"),
        }
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.bare())
    }
}

/// An incident as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    /// This database's own id for it.
    pub id: i64,
    /// How people name it.
    pub number: Number,
    pub uuid: String,
    pub title: String,
    pub severity: Severity,
    pub status: Status,
    /// When the status last changed (the start of impact, until it does).
    pub status_at: DateTime<Utc>,
    pub security: bool,
    pub commander: String,
    pub started_at: DateTime<Utc>,
    pub detected_at: DateTime<Utc>,
    pub mitigated_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    /// Who commanded from the declaration until the first handoff.
    pub first_commander: String,
    /// Where the response happens.
    pub links: Links,
    /// A drill (`inc open --drill`): practice, kept out of the statistics.
    pub drill: bool,
    /// The review meeting, once held.
    pub review_held: Option<ReviewHeld>,
    /// Where the review document stands (`inc review-status`).
    pub review_status: crate::model::ReviewStatus,
    /// Who owns the review document.
    pub review_owner: Option<String>,
}

/// When an incident's review meeting was held, and who recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewHeld {
    pub at: DateTime<Utc>,
    pub by: String,
}

/// Where an incident's response happens: its chat channel, its call
/// bridge, and its ticket. Each may be unset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    pub channel: Option<String>,
    pub bridge: Option<String>,
    pub ticket: Option<String>,
}

impl Links {
    /// Each link that is set, with its name, in a fixed order.
    pub fn set(&self) -> Vec<(&'static str, &str)> {
        [
            ("channel", &self.channel),
            ("bridge", &self.bridge),
            ("ticket", &self.ticket),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.as_deref().map(|v| (name, v)))
        .collect()
    }
}

impl Incident {
    /// Time to detect: from the start of impact until someone noticed.
    pub fn time_to_detect(&self) -> chrono::TimeDelta {
        self.detected_at - self.started_at
    }

    /// Time to resolve: from the start of impact until resolution, if resolved.
    pub fn time_to_resolve(&self) -> Option<chrono::TimeDelta> {
        self.resolved_at.map(|r| r - self.started_at)
    }

    /// When it ended: resolved, or cancelled (a false alarm, a duplicate).
    pub fn ended_at(&self) -> Option<DateTime<Utc>> {
        match self.status {
            Status::Cancelled => Some(self.status_at),
            _ => self.resolved_at,
        }
    }

    /// How long the incident has lasted: until it ended, else until `now`.
    pub fn duration(&self, now: DateTime<Utc>) -> chrono::TimeDelta {
        self.ended_at().unwrap_or(now) - self.started_at
    }

    /// Whether this incident can be the current one: only open incidents.
    pub fn can_be_current(&self) -> Result<(), UserError> {
        if self.status.is_open() {
            return Ok(());
        }
        Err(UserError::new(format!(
            "{} is {}, so it cannot be the current incident",
            self.number, self.status
        ))
        .hint(format!(
            "reopen it with `inc reopen {0}`, or name it with -i {0} to add to it",
            self.number.bare()
        )))
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
        if to == Status::Cancelled {
            return Err(
                UserError::new("an incident is cancelled with a reason").hint(format!(
                    "`inc cancel -i {} --reason \"false alarm\"`",
                    self.number.bare()
                )),
            );
        }
        self.refuse_if_resolved(zone)?;
        self.not_before_start(EntryKind::Status, at, zone)?;
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
        zone: &Zone,
    ) -> Result<Vec<NewEntry>, UserError> {
        if self.severity == to {
            return Ok(vec![]);
        }
        self.not_before_start(EntryKind::Severity, at, zone)?;
        let from = self.severity;
        self.severity = to;
        Ok(vec![NewEntry::change(
            EntryKind::Severity,
            from,
            to,
            reason,
            at,
        )])
    }

    /// Refuses a change of state dated before the impact started: it would
    /// tell a story that cannot have happened. The start is moved first
    /// (`inc times --started`).
    pub fn not_before_start(
        &self,
        kind: EntryKind,
        at: DateTime<Utc>,
        zone: &Zone,
    ) -> Result<(), UserError> {
        if at < self.started_at {
            return Err(super::before_start(kind, at, self.started_at, zone));
        }
        Ok(())
    }

    /// Records when customer impact was mitigated.
    pub fn mitigate(&mut self, at: DateTime<Utc>, zone: &Zone) -> Result<Vec<NewEntry>, UserError> {
        if let Some(done) = self.mitigated_at {
            return Err(UserError::new(format!(
                "{} was already mitigated at {}",
                self.number,
                zone.format(done)
            ))
            .hint(format!(
                "each incident has one mitigation time; correct it with `inc times -i {} --mitigated TIME`",
                self.number.bare()
            )));
        }
        if self.status == Status::Cancelled {
            return Err(UserError::new(format!(
                "{} is cancelled: it was not an incident, so it has no mitigation",
                self.number
            ))
            .hint(format!(
                "reopen it first with `inc reopen {}`",
                self.number.bare()
            )));
        }
        self.not_before_start(EntryKind::Mitigated, at, zone)?;
        KeyTimes {
            mitigated: Some(at),
            ..self.key_times()
        }
        .check()
        .map_err(|c| c.explain(zone))?;
        self.mitigated_at = Some(at);
        Ok(vec![NewEntry::of(EntryKind::Mitigated, String::new(), at)])
    }

    /// Resolves the incident at `at`.
    pub fn resolve(&mut self, at: DateTime<Utc>, zone: &Zone) -> Result<Vec<NewEntry>, UserError> {
        self.refuse_if_resolved(zone)?;
        self.not_before_start(EntryKind::Resolved, at, zone)?;
        self.not_before_last_status("the resolution", at, zone)?;
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

    /// Opens a resolved or cancelled incident again: back to
    /// investigating, with no resolution time. The timeline keeps the
    /// earlier resolution or cancellation.
    pub fn reopen(&mut self, at: DateTime<Utc>, zone: &Zone) -> Result<Vec<NewEntry>, UserError> {
        if self.status.is_open() {
            return Err(UserError::new(format!(
                "{} is not resolved or cancelled (it is {})",
                self.number, self.status
            ))
            .hint("only a resolved or cancelled incident can be reopened"));
        }
        self.not_before_last_status("the reopening", at, zone)?;
        let from = self.status;
        self.status = Status::Investigating;
        self.resolved_at = None;
        Ok(vec![NewEntry::change(
            EntryKind::Reopened,
            from,
            Status::Investigating,
            String::new(),
            at,
        )])
    }

    /// Cancels the incident: it was not one (a false alarm, a duplicate).
    /// It keeps its record, leaves the board and the statistics, and can be
    /// reopened.
    pub fn cancel(
        &mut self,
        reason: String,
        at: DateTime<Utc>,
        zone: &Zone,
    ) -> Result<Vec<NewEntry>, UserError> {
        if self.status == Status::Cancelled {
            return Err(
                UserError::new(format!("{} is already cancelled", self.number)).hint(format!(
                    "reopen it with `inc reopen {}`",
                    self.number.bare()
                )),
            );
        }
        self.refuse_if_resolved(zone)?;
        self.not_before_start(EntryKind::Cancelled, at, zone)?;
        self.not_before_last_status("the cancellation", at, zone)?;
        let from = self.status;
        self.status = Status::Cancelled;
        Ok(vec![NewEntry::change(
            EntryKind::Cancelled,
            from,
            Status::Cancelled,
            reason,
            at,
        )])
    }

    /// Refuses to resolve, reopen or cancel before the status last changed:
    /// the later change would still tell the state, and the command would
    /// not do what it says.
    fn not_before_last_status(
        &self,
        what: &str,
        at: DateTime<Utc>,
        zone: &Zone,
    ) -> Result<(), UserError> {
        if at < self.status_at {
            return Err(UserError::new(format!(
                "{what} at {} would come before {} became {} at {}, which would still be its status",
                zone.format(at),
                self.number,
                self.status,
                zone.format(self.status_at)
            ))
            .hint(format!(
                "give a time no earlier than {}, or correct that change's time with `inc entry edit REF --at TIME`",
                zone.format(self.status_at)
            )));
        }
        Ok(())
    }

    fn refuse_if_resolved(&self, zone: &Zone) -> Result<(), UserError> {
        match (self.status, self.resolved_at) {
            (Status::Resolved, Some(at)) => Err(UserError::new(format!(
                "{} was resolved at {}",
                self.number,
                zone.format(at)
            ))
            .hint(format!(
                "reopen it first with `inc reopen {}`",
                self.number.bare()
            ))),
            (Status::Cancelled, _) => Err(UserError::new(format!("{} is cancelled", self.number))
                .hint(format!(
                    "reopen it first with `inc reopen {}`",
                    self.number.bare()
                ))),
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

/// The fields needed to declare an incident. Times not given are the
/// time it is written down (read once the database's lock is held).
#[derive(Debug, Clone)]
pub struct NewIncident {
    pub title: String,
    pub severity: Severity,
    pub security: bool,
    pub commander: String,
    /// When impact began [default: the detection time].
    pub started_at: Option<DateTime<Utc>>,
    /// When it was noticed [default: the declaration time].
    pub detected_at: Option<DateTime<Utc>>,
    /// When it was declared (and its first commander took command): now,
    /// unless replaying an incident from the records.
    pub declared_at: Option<DateTime<Utc>>,
    /// Where the response happens.
    pub links: Links,
    /// A drill: practice, kept out of the statistics.
    pub drill: bool,
}

impl NewIncident {
    /// An incident of the default severity, declared now by `commander`.
    pub fn new(title: &str, commander: &str) -> NewIncident {
        NewIncident {
            title: title.to_string(),
            severity: Severity::DEFAULT,
            security: false,
            commander: commander.to_string(),
            started_at: None,
            detected_at: None,
            declared_at: None,
            links: Links::default(),
            drill: false,
        }
    }

    /// Its key times, with `now` for those not given.
    pub fn times(&self, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>, DateTime<Utc>) {
        let declared = self.declared_at.unwrap_or(now);
        let detected = self.detected_at.unwrap_or(declared);
        let started = self.started_at.unwrap_or(detected);
        (started, detected, declared)
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
    /// The conflict in words, with times shown in `zone`, for a change of
    /// the later time.
    pub fn explain(&self, zone: &Zone) -> UserError {
        self.explain_moved(&[], zone)
    }

    /// The same, after a correction that moved the times named in `moved`
    /// (`started`, `mitigated`, ...): when it moved the earlier of the two
    /// and not the later, the hint bounds the one it moved.
    pub fn explain_moved(&self, moved: &[&str], zone: &Zone) -> UserError {
        let hint = if moved.contains(&self.earlier.0) && !moved.contains(&self.later.0) {
            format!(
                "give a {} time no later than {}",
                self.earlier.0,
                zone.format(self.later.1)
            )
        } else {
            format!(
                "give a {} time no earlier than {}",
                self.later.0,
                zone.format(self.earlier.1)
            )
        };
        UserError::new(format!(
            "{} ({}) would come after {} ({}); key times must keep the order started, detected, mitigated, resolved",
            self.earlier.0,
            zone.format(self.earlier.1),
            self.later.0,
            zone.format(self.later.1),
        ))
        .hint(hint)
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
        // For each time, the latest of the times before it is the one that
        // binds: naming it gives a hint that works on the first try.
        for (i, &later) in set.iter().enumerate().skip(1) {
            let latest_before = set[..i].iter().max_by_key(|(_, t)| *t).copied();
            if let Some(earlier) = latest_before.filter(|e| later.1 < e.1) {
                return Err(OrderConflict { earlier, later });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
impl Incident {
    /// Incident 1 as a test needs it: started at 10:00 on 2026-11-26 and
    /// detected at 10:05, by `commander`, still open.
    pub fn sample(commander: &str) -> Incident {
        use chrono::TimeZone;
        let at = |m: u32| Utc.with_ymd_and_hms(2026, 11, 26, 10, m, 0).unwrap();
        Incident {
            links: Default::default(),
            number: crate::model::Number::Local(1),
            drill: false,
            review_held: None,
            review_status: crate::model::ReviewStatus::Draft,
            review_owner: None,
            id: 1,
            uuid: String::new(),
            title: "x".into(),
            severity: Severity::DEFAULT,
            status: Status::Investigating,
            status_at: at(5),
            security: false,
            commander: commander.into(),
            started_at: at(0),
            detected_at: at(5),
            mitigated_at: None,
            resolved_at: None,
            created_at: at(5),
            created_by: commander.into(),
            first_commander: commander.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, h, m, 0).unwrap()
    }

    fn sample() -> Incident {
        Incident::sample("a")
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

        // Resolved before both detected and mitigated: the later of the two
        // binds, so following the hint works on the first try.
        let before_both = KeyTimes {
            started: t(10, 0),
            detected: t(10, 5),
            mitigated: Some(t(10, 30)),
            resolved: Some(t(10, 1)),
        };
        let c = before_both.check().unwrap_err();
        assert_eq!((c.earlier.0, c.later.0), ("mitigated", "resolved"));
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
        let e = inc
            .set_severity(Severity::new(1).unwrap(), "data loss".into(), t(10, 12), &z)
            .unwrap();
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
        let e = inc.reopen(t(10, 40), &z).unwrap();
        assert_eq!(e[0].kind, EntryKind::Reopened);
        assert_eq!((inc.status, inc.resolved_at), (Status::Investigating, None));
        assert!(inc.reopen(t(10, 41), &z).is_err());
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
            links: Default::default(),
            number: crate::model::Number::Local(1),
            drill: false,
            review_held: None,
            review_status: crate::model::ReviewStatus::Draft,
            review_owner: None,
            id: 1,
            uuid: String::new(),
            title: "x".into(),
            severity: Severity::DEFAULT,
            status: Status::Resolved,
            status_at: t(11, 0),
            security: false,
            commander: "a".into(),
            started_at: t(10, 0),
            detected_at: t(10, 5),
            mitigated_at: None,
            resolved_at: Some(t(11, 0)),
            created_at: t(10, 5),
            created_by: "a".into(),
            first_commander: "a".into(),
        };
        assert_eq!(inc.time_to_detect().num_minutes(), 5);
        assert_eq!(inc.time_to_resolve().unwrap().num_minutes(), 60);
        assert_eq!(inc.duration(t(12, 0)).num_minutes(), 60);
    }
}
