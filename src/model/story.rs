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
    // The declared severity from the declaration; then each change, in
    // the order they happened, from when it happened but never before the
    // declaration (a change dated earlier, entered from the records, took
    // effect when the incident was declared).
    let Some(declared) = entries.iter().find(|e| e.kind == EntryKind::Declared) else {
        return Vec::new();
    };
    let Some(first) = declared.to.as_deref() else {
        return Vec::new();
    };
    let mut periods = vec![SeverityPeriod {
        severity: first.to_string(),
        from: declared.event_at,
        until: None,
    }];
    // A change after the end (a severity corrected once it was over) does
    // not make the incident last longer.
    for e in entries
        .iter()
        .filter(|e| e.kind == EntryKind::Severity && end.is_none_or(|end| e.event_at < end))
    {
        let Some(severity) = e.to.as_deref() else {
            continue;
        };
        let at = e.event_at.max(declared.event_at);
        let last = periods.last_mut().expect("the declared one at least");
        if last.severity == severity {
            continue;
        }
        if last.from == at {
            // Changed at the moment it began: it never stood at the old one.
            last.severity = severity.to_string();
            let merged = periods.len() > 1 && periods[periods.len() - 2].severity == severity;
            if merged {
                periods.pop();
                if let Some(before) = periods.last_mut() {
                    before.until = None;
                }
            }
            continue;
        }
        last.until = Some(at);
        periods.push(SeverityPeriod {
            severity: severity.to_string(),
            from: at,
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
        // A change dated before the declaration takes effect at it.
        let early = [
            change(EntryKind::Severity, "SEV1", -30),
            change(EntryKind::Declared, "SEV2", 0),
        ];
        let periods = severity_periods(&early, Some(at(60)));
        assert_eq!(periods.len(), 1);
        assert_eq!(
            (
                periods[0].severity.as_str(),
                periods[0].from,
                periods[0].until
            ),
            ("SEV1", at(0), Some(at(60)))
        );
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
