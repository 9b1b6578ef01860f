//! What an incident's timeline tells beyond its entries, for the review:
//! how long it stood at each severity, and the status updates that went
//! out. Pure: computed from entries already read.

use chrono::{DateTime, TimeDelta, Utc};

use super::{Audience, EntryKind, TimelineEntry};

/// A stretch of time at one severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeverityPeriod {
    /// As recorded: `SEV2`.
    pub severity: String,
    pub from: DateTime<Utc>,
    /// When it changed or the incident ended; None while it lasts.
    pub until: Option<DateTime<Utc>>,
}

impl SeverityPeriod {
    pub fn length(&self) -> Option<TimeDelta> {
        self.until.map(|until| until - self.from)
    }
}

/// The severities an incident stood at, from its declaration to `end`
/// (its resolution or cancellation; None while it is open), in order.
pub fn severity_periods(
    entries: &[TimelineEntry],
    end: Option<DateTime<Utc>>,
) -> Vec<SeverityPeriod> {
    let mut periods: Vec<SeverityPeriod> = Vec::new();
    // A change after the end (a severity corrected once it was over) does
    // not make the incident last longer.
    for e in entries
        .iter()
        .filter(|e| end.is_none_or(|end| e.event_at < end))
    {
        let severity = match e.kind {
            EntryKind::Declared | EntryKind::Severity => e.to.as_deref(),
            _ => None,
        };
        let Some(severity) = severity else { continue };
        if let Some(last) = periods.last_mut() {
            if last.severity == severity {
                continue;
            }
            last.until = Some(e.event_at);
        }
        periods.push(SeverityPeriod {
            severity: severity.to_string(),
            from: e.event_at,
            until: None,
        });
    }
    if let (Some(last), Some(end)) = (periods.last_mut(), end) {
        last.until = Some(end.max(last.from));
    }
    periods
}

/// The status updates that went out, in order, and the first one for
/// customers.
#[derive(Debug, Clone)]
pub struct Communications<'a> {
    pub updates: Vec<&'a TimelineEntry>,
    pub first_external: Option<&'a TimelineEntry>,
}

/// The updates among `entries` (see [`Communications`]).
pub fn communications(entries: &[TimelineEntry]) -> Communications<'_> {
    let updates: Vec<&TimelineEntry> = entries
        .iter()
        .filter(|e| e.kind == EntryKind::Update)
        .collect();
    let first_external = updates
        .iter()
        .copied()
        .find(|e| e.audience == Some(Audience::External));
    Communications {
        updates,
        first_external,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(m: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-26T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
            + TimeDelta::minutes(m)
    }

    fn change(kind: EntryKind, to: &str, m: i64) -> TimelineEntry {
        TimelineEntry {
            to: Some(to.into()),
            ..TimelineEntry::sample(kind, "", at(m), "alice")
        }
    }

    #[test]
    fn severities_run_from_each_change_to_the_next_and_the_end() {
        let entries = [
            change(EntryKind::Declared, "SEV3", 0),
            TimelineEntry::sample(EntryKind::Note, "x", at(5), "alice"),
            change(EntryKind::Severity, "SEV1", 10),
            change(EntryKind::Severity, "SEV1", 12),
            change(EntryKind::Severity, "SEV2", 40),
        ];
        let periods = severity_periods(&entries, Some(at(100)));
        let lengths: Vec<(&str, Option<i64>)> = periods
            .iter()
            .map(|p| (p.severity.as_str(), p.length().map(|d| d.num_minutes())))
            .collect();
        assert_eq!(
            lengths,
            [("SEV3", Some(10)), ("SEV1", Some(30)), ("SEV2", Some(60))]
        );
        // Changes after the end are left out.
        let clipped = severity_periods(&entries, Some(at(20)));
        let lengths: Vec<(&str, Option<i64>)> = clipped
            .iter()
            .map(|p| (p.severity.as_str(), p.length().map(|d| d.num_minutes())))
            .collect();
        assert_eq!(lengths, [("SEV3", Some(10)), ("SEV1", Some(10))]);
        let open = severity_periods(&entries, None);
        assert_eq!(open.last().unwrap().until, None);
        assert!(severity_periods(&[], None).is_empty());
    }

    #[test]
    fn the_first_external_update_is_found() {
        let update = |audience, m| TimelineEntry {
            audience: Some(audience),
            ..TimelineEntry::sample(EntryKind::Update, "u", at(m), "dave")
        };
        let entries = [
            update(Audience::Internal, 3),
            update(Audience::External, 9),
            update(Audience::External, 20),
        ];
        let c = communications(&entries);
        assert_eq!(c.updates.len(), 3);
        assert_eq!(c.first_external.unwrap().event_at, at(9));
        assert!(communications(&entries[..1]).first_external.is_none());
    }
}
