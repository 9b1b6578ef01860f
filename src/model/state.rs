//! An incident's state, told by its timeline: its title, severity, status,
//! commander, key times, links and whether it is a security incident all
//! follow from the entries that record their changes, in the order the
//! events happened. So the board always agrees with the timeline, a struck
//! or corrected entry changes the state with it, and two databases holding
//! the same entries hold the same state, whatever order they received them
//! in.

use chrono::{DateTime, Utc};

use super::{EntryKind, KeyTimes, Links, Severity, Status, TimelineEntry};
use crate::error::UserError;
use crate::time::Zone;

/// What the timeline says of an incident now.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentState {
    pub title: String,
    pub severity: Severity,
    pub status: Status,
    /// When the status last changed (the start of impact, until it does).
    pub status_at: DateTime<Utc>,
    pub security: bool,
    pub commander: String,
    pub started_at: DateTime<Utc>,
    pub detected_at: DateTime<Utc>,
    /// When it was declared.
    pub created_at: DateTime<Utc>,
    /// Who declared it.
    pub created_by: String,
    pub mitigated_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub links: Links,
}

impl IncidentState {
    /// The state told by `entries`: the incident's entries of the kinds in
    /// [`EntryKind::STATE`], none struck, in timeline order (event time,
    /// then change clock, then UUID). `first_commander` commanded from the
    /// declaration until the first handoff. None without a `declared`
    /// entry.
    ///
    /// Key times: the declaration is its entry's time; detection the
    /// earliest `detected` entry, else the declaration; the start of impact
    /// the earliest `started` entry, else the detection; mitigation the
    /// earliest `mitigated` entry. The resolution time is that of the entry
    /// that last resolved it, while it is resolved.
    pub fn from_timeline(
        first_commander: &str,
        entries: &[TimelineEntry],
    ) -> Option<IncidentState> {
        let declared = entries.iter().find(|e| e.kind == EntryKind::Declared)?;
        let earliest = |kind: EntryKind| {
            entries
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| e.event_at)
                .min()
        };
        let detected_at = earliest(EntryKind::Detected).unwrap_or(declared.event_at);
        let started_at = earliest(EntryKind::Started).unwrap_or(detected_at);
        let mut state = IncidentState {
            title: declared.text.clone(),
            severity: declared
                .to
                .as_deref()
                .and_then(|s| s.parse().ok())
                .unwrap_or(Severity::DEFAULT),
            status: Status::Investigating,
            status_at: started_at,
            security: false,
            commander: first_commander.to_string(),
            started_at,
            detected_at,
            created_at: declared.event_at,
            created_by: declared.author.clone(),
            mitigated_at: earliest(EntryKind::Mitigated),
            resolved_at: None,
            links: Links::default(),
        };
        for e in entries {
            state.apply(e);
        }
        Some(state)
    }

    /// Takes one entry's change, in timeline order.
    fn apply(&mut self, e: &TimelineEntry) {
        let to = e.to.as_deref();
        match e.kind {
            EntryKind::Status => {
                if let Some(status) = to.and_then(|s| s.parse::<Status>().ok()) {
                    self.status = status;
                    self.status_at = e.event_at;
                    self.resolved_at = None;
                }
            }
            EntryKind::Resolved => {
                self.status = Status::Resolved;
                self.status_at = e.event_at;
                self.resolved_at = Some(e.event_at);
            }
            EntryKind::Reopened => {
                self.status = Status::Investigating;
                self.status_at = e.event_at;
                self.resolved_at = None;
            }
            EntryKind::Cancelled => {
                self.status = Status::Cancelled;
                self.status_at = e.event_at;
                self.resolved_at = None;
            }
            EntryKind::Severity => {
                if let Some(severity) = to.and_then(|s| s.parse().ok()) {
                    self.severity = severity;
                }
            }
            EntryKind::Handoff => {
                if let Some(name) = to {
                    self.commander = name.to_string();
                }
            }
            EntryKind::Security => self.security = to == Some("on"),
            EntryKind::Link => {
                if let Some(link) = self.links.named_mut(&e.text) {
                    *link = e.to.clone();
                }
            }
            _ => {}
        }
    }
}

/// Refuses a record a correction leaves out of order. `moved` holds the
/// entries the correction moved in time that tell the state (their kind
/// and new time; for a later start, every change of state too), and
/// `before` the status before it. Refused: a change of state dated before
/// the impact started, key times out of order (started, detected,
/// mitigated, resolved), a detection after the declaration, and a move
/// that changes the status (a resolution moved before a later status
/// change). Notes before the start are the lead-up (a deploy at 13:50,
/// impact at 14:00) and are kept. Each hint names the time that was moved.
pub fn check_record(
    before: Status,
    state: &IncidentState,
    moved: &[(EntryKind, DateTime<Utc>)],
    zone: &Zone,
) -> Result<(), UserError> {
    let was_moved = |kind: EntryKind| moved.iter().any(|(k, _)| *k == kind);
    for (kind, at) in moved {
        if kind.is_change() && *at < state.started_at {
            if !was_moved(EntryKind::Started) {
                return Err(before_start(*kind, *at, state.started_at, zone));
            }
            return Err(UserError::new(format!(
                "the impact cannot have started at {}: {} at {} would come before it",
                zone.format(state.started_at),
                change_name(*kind),
                zone.format(*at)
            ))
            .hint(format!(
                "give a start no later than {}, or correct that change's time first with `inc entry edit REF --at TIME`",
                zone.format(*at)
            )));
        }
    }
    let moved_names: Vec<&str> = moved.iter().map(|(k, _)| k.as_str()).collect();
    KeyTimes {
        started: state.started_at,
        detected: state.detected_at,
        mitigated: state.mitigated_at,
        resolved: state.resolved_at,
    }
    .check()
    .map_err(|c| c.explain_moved(&moved_names, zone))?;
    if state.detected_at > state.created_at {
        let (time, bound) = if was_moved(EntryKind::Detected) && !was_moved(EntryKind::Declared) {
            (
                "detected",
                format!("no later than {}", zone.format(state.created_at)),
            )
        } else {
            (
                "declared",
                format!("no earlier than {}", zone.format(state.detected_at)),
            )
        };
        return Err(UserError::new(format!(
            "detected ({}) would come after declared ({}); an incident is declared once noticed",
            zone.format(state.detected_at),
            zone.format(state.created_at)
        ))
        .hint(format!("give a {time} time {bound}")));
    }
    if state.status != before
        && let Some((kind, at)) = moved.iter().find(|(k, _)| k.tells_status())
    {
        let what = change_name(*kind);
        return Err(if *at < state.status_at {
            UserError::new(format!(
                "{what} at {} would come before the incident became {} at {}, so it would no longer be {before}",
                zone.format(*at),
                state.status,
                zone.format(state.status_at)
            ))
            .hint(format!(
                "give a time no earlier than {}, or correct that change's time first with `inc entry edit REF --at TIME`",
                zone.format(state.status_at)
            ))
        } else {
            UserError::new(format!(
                "{what} at {} would leave the incident {} rather than {before}: the changes of status would no longer come in the order they happened",
                zone.format(*at),
                state.status
            ))
            .hint("correct the times of the status changes in their order; `inc timeline` shows them")
        });
    }
    Ok(())
}

/// A change of state, in words.
fn change_name(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Severity => "a severity change",
        EntryKind::Status => "a status change",
        EntryKind::Handoff => "a handoff",
        EntryKind::Mitigated => "the mitigation",
        EntryKind::Resolved => "the resolution",
        EntryKind::Reopened => "the reopening",
        EntryKind::Cancelled => "the cancellation",
        _ => "a change",
    }
}

/// The refusal of a change of state dated before the impact started.
pub fn before_start(
    kind: EntryKind,
    at: DateTime<Utc>,
    started: DateTime<Utc>,
    zone: &Zone,
) -> UserError {
    let what = change_name(kind);
    UserError::new(format!(
        "{what} at {} would come before the impact started ({})",
        zone.format(at),
        zone.format(started)
    ))
    .hint(format!(
        "give a time no earlier than {}, or move the start first with `inc times --started TIME`",
        zone.format(started)
    ))
}

/// Makes each change read from the value before it: the `from` of every
/// status, severity, handoff, role, security and link entry becomes the
/// value the entries before it (not struck) left, so that a timeline
/// merged from two machines, or with an entry struck or moved in time,
/// reads as one story. `entries` are in timeline order.
pub fn settle_changes(first_commander: &str, entries: &mut [TimelineEntry]) {
    let mut status = Status::Investigating.as_str().to_string();
    let mut severity: Option<String> = None;
    let mut commander = first_commander.to_string();
    let mut security = "off".to_string();
    let mut roles: Vec<(String, Option<String>)> = Vec::new();
    let mut links: Vec<(String, Option<String>)> = Vec::new();
    let held = |list: &mut Vec<(String, Option<String>)>, name: &str, to: Option<String>| match list
        .iter_mut()
        .find(|(n, _)| n == name)
    {
        Some((_, value)) => std::mem::replace(value, to),
        None => {
            list.push((name.to_string(), to));
            None
        }
    };
    for e in entries.iter_mut().filter(|e| e.struck.is_none()) {
        match e.kind {
            EntryKind::Declared => severity = e.to.clone(),
            EntryKind::Status
            | EntryKind::Resolved
            | EntryKind::Reopened
            | EntryKind::Cancelled => {
                let to = match e.kind {
                    EntryKind::Resolved => Status::Resolved.as_str().to_string(),
                    EntryKind::Reopened => Status::Investigating.as_str().to_string(),
                    EntryKind::Cancelled => Status::Cancelled.as_str().to_string(),
                    _ => e.to.clone().unwrap_or_default(),
                };
                e.from = Some(std::mem::replace(&mut status, to.clone()));
                e.to = Some(to);
            }
            EntryKind::Severity => {
                if let Some(before) = severity.replace(e.to.clone().unwrap_or_default()) {
                    e.from = Some(before);
                }
            }
            EntryKind::Handoff => {
                e.from = Some(std::mem::replace(
                    &mut commander,
                    e.to.clone().unwrap_or_default(),
                ));
            }
            EntryKind::Security => {
                e.from = Some(std::mem::replace(
                    &mut security,
                    e.to.clone().unwrap_or_default(),
                ));
            }
            EntryKind::Role => e.from = held(&mut roles, &e.text, e.to.clone()),
            EntryKind::Link => e.from = held(&mut links, &e.text, e.to.clone()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 10, m, 0).unwrap()
    }

    fn entry(kind: EntryKind, m: u32, to: Option<&str>) -> TimelineEntry {
        let text = if kind == EntryKind::Declared {
            "API down"
        } else {
            ""
        };
        TimelineEntry {
            to: to.map(String::from),
            ..TimelineEntry::sample(kind, text, t(m), "alice")
        }
    }

    #[test]
    fn the_state_follows_the_timeline_in_event_order() {
        let entries = [
            entry(EntryKind::Started, 1, None),
            entry(EntryKind::Declared, 5, Some("SEV2")),
            entry(EntryKind::Severity, 10, Some("SEV3")),
            entry(EntryKind::Handoff, 12, Some("bob")),
            entry(EntryKind::Severity, 20, Some("SEV1")),
            entry(EntryKind::Mitigated, 25, None),
            entry(EntryKind::Resolved, 30, Some("resolved")),
        ];
        let s = IncidentState::from_timeline("alice", &entries).unwrap();
        assert_eq!(s.severity.level(), 1, "the latest in event order");
        assert_eq!(s.commander, "bob");
        assert_eq!(s.status, Status::Resolved);
        assert_eq!(
            (s.started_at, s.detected_at, s.created_at),
            (t(1), t(5), t(5))
        );
        assert_eq!((s.mitigated_at, s.resolved_at), (Some(t(25)), Some(t(30))));
        assert_eq!(IncidentState::from_timeline("alice", &entries[2..]), None);
    }

    #[test]
    fn changes_read_from_the_value_before_them() {
        let mut entries = vec![
            entry(EntryKind::Declared, 5, Some("SEV2")),
            entry(EntryKind::Severity, 10, Some("SEV1")),
            entry(EntryKind::Severity, 20, Some("SEV3")),
        ];
        entries[1].struck = Some(super::super::Struck {
            at: t(30),
            by: "alice".into(),
            reason: "wrong incident".into(),
        });
        settle_changes("alice", &mut entries);
        assert_eq!(entries[2].from.as_deref(), Some("SEV2"));
        let s = IncidentState::from_timeline(
            "alice",
            &entries
                .iter()
                .filter(|e| e.struck.is_none())
                .cloned()
                .collect::<Vec<_>>(),
        )
        .unwrap();
        assert_eq!(s.severity.level(), 3);
    }
}
