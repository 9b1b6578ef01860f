//! Statistics across incidents (`inc stats`): how many incidents, how long
//! they took to detect, mitigate and resolve (median, 90th percentile and
//! maximum, overall and per severity), which ones lack a key time, whether
//! their review meetings kept the deadline, and the open action items by
//! owner. Pure: the records, the zone and the current time are passed in.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::{Severity, Status, meeting_deadline, parse_due};
use crate::error::UserError;
use crate::time::{Zone, parse_time};

/// What `inc stats` reads of an incident.
#[derive(Debug, Clone, PartialEq)]
pub struct StatIncident {
    pub id: i64,
    pub title: String,
    /// The severity now (the last one set).
    pub severity: Severity,
    pub status: Status,
    pub drill: bool,
    pub started_at: DateTime<Utc>,
    pub detected_at: DateTime<Utc>,
    pub mitigated_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// When the review meeting was held, if it was.
    pub review_held_at: Option<DateTime<Utc>>,
}

/// An open action item: its incident, its owner and its due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenAction {
    pub incident_id: i64,
    pub owner: String,
    pub due: Option<NaiveDate>,
}

/// The spread of a set of durations, in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    pub n: usize,
    /// The middle value; with an even count, the mean of the two middle
    /// values, rounded down to the second.
    pub median: i64,
    /// The 90th percentile by nearest rank: the value at rank ⌈0.9 n⌉ in
    /// ascending order, the smallest value that at least 90% of the
    /// durations are at or below. Always one of the durations.
    pub p90: i64,
    pub max: i64,
}

/// The spread of `values` (seconds, in any order); `None` when empty.
pub fn spread(values: &[i64]) -> Option<Spread> {
    let mut v = values.to_vec();
    v.sort_unstable();
    let n = v.len();
    let max = *v.last()?;
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        // The sum of two durations cannot overflow: each is below 2^40
        // seconds (times are years 1970 to 9999).
        (v[n / 2 - 1] + v[n / 2]).div_euclid(2)
    };
    Some(Spread {
        n,
        median,
        p90: v[nearest_rank(n, 90) - 1],
        max,
    })
}

/// The 1-based nearest rank of the `p`th percentile of `n` values:
/// ⌈p·n/100⌉, at least 1.
pub fn nearest_rank(n: usize, p: usize) -> usize {
    (p * n).div_ceil(100).max(1)
}

/// The three durations measured from the start of impact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Detect,
    Mitigate,
    Resolve,
}

impl Metric {
    pub const ALL: [Metric; 3] = [Metric::Detect, Metric::Mitigate, Metric::Resolve];

    /// `time to detect`.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Detect => "time to detect",
            Metric::Mitigate => "time to mitigate",
            Metric::Resolve => "time to resolve",
        }
    }

    /// The JSON key: `time_to_detect`.
    pub fn key(self) -> &'static str {
        match self {
            Metric::Detect => "time_to_detect",
            Metric::Mitigate => "time_to_mitigate",
            Metric::Resolve => "time_to_resolve",
        }
    }

    /// How it is measured: `detected - started`.
    pub fn definition(self) -> &'static str {
        match self {
            Metric::Detect => "detected - started",
            Metric::Mitigate => "mitigated - started",
            Metric::Resolve => "resolved - started",
        }
    }

    /// What an incident without the end time is: `not mitigated`.
    pub fn missing(self) -> &'static str {
        match self {
            Metric::Detect => "not detected",
            Metric::Mitigate => "not mitigated",
            Metric::Resolve => "not resolved",
        }
    }

    /// The duration for `incident` in whole seconds (toward zero), if the
    /// end time is set.
    pub fn of(self, incident: &StatIncident) -> Option<i64> {
        let end = match self {
            Metric::Detect => Some(incident.detected_at),
            Metric::Mitigate => incident.mitigated_at,
            Metric::Resolve => incident.resolved_at,
        }?;
        Some((end - incident.started_at).num_seconds())
    }
}

/// An incident named in the output: its id and title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub id: i64,
    pub title: String,
}

impl Named {
    fn of(incident: &StatIncident) -> Named {
        Named {
            id: incident.id,
            title: incident.title.clone(),
        }
    }
}

/// One metric over the counted incidents.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricStats {
    pub metric: Metric,
    pub overall: Option<Spread>,
    /// Index 0 is SEV1.
    pub by_severity: [Option<Spread>; 4],
    /// The counted incidents without the end time, by id.
    pub incomplete: Vec<Named>,
}

/// Review meetings of the counted incidents, against the deadline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reviews {
    /// Held on or before the deadline day.
    pub on_time: usize,
    /// Held after the deadline day.
    pub late: usize,
    /// Not held, and the deadline day has passed: named, with the deadline.
    pub overdue: Vec<(Named, NaiveDate)>,
    /// Not held, deadline today or later.
    pub not_yet_due: usize,
    /// Not resolved: no deadline yet, not counted above.
    pub unresolved: usize,
}

/// One owner's open action items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerActions {
    pub owner: String,
    pub open: usize,
    /// Open and due before today.
    pub overdue: usize,
}

/// Everything `inc stats` prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// How many incidents are counted.
    pub incidents: usize,
    /// Drills in the range that were left out (0 with `--include-drills`).
    pub drills_left_out: usize,
    /// Incidents in the range that were cancelled (false alarms,
    /// duplicates), always left out.
    pub cancelled_left_out: usize,
    /// Index 0 is SEV1.
    pub by_severity: [usize; 4],
    /// In the order of [`Status::ALL`].
    pub by_status: [usize; 4],
    pub metrics: Vec<MetricStats>,
    pub reviews: Reviews,
    /// Most overdue first, then most open, then by name.
    pub actions: Vec<OwnerActions>,
    pub open_actions: usize,
    pub overdue_actions: usize,
}

/// The rules the statistics are computed under.
#[derive(Debug, Clone)]
pub struct Rules<'a> {
    pub include_drills: bool,
    /// Business days after the day of resolution for the review meeting.
    pub deadline_days: u32,
    /// The zone that says which day a time falls on.
    pub zone: &'a Zone,
    pub now: DateTime<Utc>,
}

/// The statistics of `incidents` (already chosen by date and severity) and
/// of the open action items among `actions` that belong to the counted ones.
pub fn compute(incidents: &[StatIncident], actions: &[OpenAction], rules: &Rules<'_>) -> Stats {
    let (cancelled, incidents): (Vec<&StatIncident>, Vec<&StatIncident>) = incidents
        .iter()
        .partition(|i| i.status == Status::Cancelled);
    let (counted, drills): (Vec<&StatIncident>, Vec<&StatIncident>) = incidents
        .into_iter()
        .partition(|i| rules.include_drills || !i.drill);
    let mut counted = counted;
    counted.sort_by_key(|i| i.id);

    let mut by_severity = [0; 4];
    let mut by_status = [0; 4];
    for i in &counted {
        by_severity[sev_index(i.severity)] += 1;
        let s = Status::ALL.iter().position(|s| *s == i.status).unwrap_or(0);
        by_status[s] += 1;
    }

    let metrics = Metric::ALL
        .iter()
        .map(|&metric| {
            let mut all = Vec::new();
            let mut per: [Vec<i64>; 4] = Default::default();
            let mut incomplete = Vec::new();
            for i in &counted {
                match metric.of(i) {
                    Some(secs) => {
                        all.push(secs);
                        per[sev_index(i.severity)].push(secs);
                    }
                    None => incomplete.push(Named::of(i)),
                }
            }
            MetricStats {
                metric,
                overall: spread(&all),
                by_severity: per.map(|v| spread(&v)),
                incomplete,
            }
        })
        .collect();

    let today = rules.zone.date(rules.now);
    let mut reviews = Reviews::default();
    for i in &counted {
        let resolved = match i.resolved_at {
            Some(at) if i.status == Status::Resolved => at,
            _ => {
                reviews.unresolved += 1;
                continue;
            }
        };
        let deadline = meeting_deadline(rules.zone.date(resolved), rules.deadline_days);
        match i.review_held_at {
            Some(held) if rules.zone.date(held) <= deadline => reviews.on_time += 1,
            Some(_) => reviews.late += 1,
            None if today > deadline => reviews.overdue.push((Named::of(i), deadline)),
            None => reviews.not_yet_due += 1,
        }
    }

    let ids: HashSet<i64> = counted.iter().map(|i| i.id).collect();
    // Owners compare without case, as `inc actions --owner` does; each is
    // shown as first written.
    let mut owners: BTreeMap<String, (&str, usize, usize)> = BTreeMap::new();
    let (mut open_actions, mut overdue_actions) = (0, 0);
    for a in actions.iter().filter(|a| ids.contains(&a.incident_id)) {
        let entry = owners
            .entry(a.owner.to_lowercase())
            .or_insert((a.owner.as_str(), 0, 0));
        entry.1 += 1;
        open_actions += 1;
        if a.due.is_some_and(|due| due < today) {
            entry.2 += 1;
            overdue_actions += 1;
        }
    }
    let mut by_owner: Vec<OwnerActions> = owners
        .into_values()
        .map(|(owner, open, overdue)| OwnerActions {
            owner: owner.to_string(),
            open,
            overdue,
        })
        .collect();
    // The BTreeMap gave name order; a stable sort keeps it among equals.
    by_owner.sort_by(|a, b| b.overdue.cmp(&a.overdue).then(b.open.cmp(&a.open)));

    Stats {
        incidents: counted.len(),
        drills_left_out: if rules.include_drills {
            0
        } else {
            drills.len()
        },
        cancelled_left_out: cancelled.len(),
        by_severity,
        by_status,
        metrics,
        reviews,
        actions: by_owner,
        open_actions,
        overdue_actions,
    }
}

fn sev_index(s: Severity) -> usize {
    usize::from(s.level() - Severity::WORST)
}

/// Reads a bound of `--since`/`--until`.
///
/// A day means its first moment (midnight) in `zone`: `2026-11-01`,
/// `today`, `yesterday`, `tomorrow`, `-30d` and `-4w` (days or weeks before
/// today), `+1d` and `+2w` (after it). Anything else is a time as `--at`
/// reads it: `2026-11-01 09:00`, RFC 3339, `-2h`, `2h ago`.
pub fn parse_bound(
    input: &str,
    now: DateTime<Utc>,
    zone: &Zone,
) -> Result<DateTime<Utc>, UserError> {
    let today = zone.date(now);
    let s = input.trim().to_ascii_lowercase();
    let day = if s == "yesterday" {
        today.checked_sub_days(Days::new(1))
    } else if let Some(days) = days_back(&s) {
        days.and_then(|d| today.checked_sub_days(Days::new(d)))
    } else {
        parse_due(&s, today).ok()
    };
    if let Some(day) = day.filter(|d| *d >= NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()) {
        return Ok(zone.start_of_day(day));
    }
    match parse_time(input, now, zone) {
        Ok(t) => Ok(t),
        // A time of day was meant: `--at`'s own message says what is wrong
        // with it (in the future, skipped by a clock change).
        Err(e) if s.contains(':') => Err(e),
        Err(_) => Err(UserError::new(format!("`{input}` is not a date or time inc understands"))
            .hint("use 2026-11-01, today, yesterday, -30d, -4w, or a time such as \"2026-11-01 09:00\"")),
    }
}

/// `-30d` or `-4w` as a number of days; `Some(None)` when it has the shape
/// but is too large.
fn days_back(s: &str) -> Option<Option<u64>> {
    let rest = s.strip_prefix('-')?;
    // The unit is the last character, whatever its width in bytes.
    let (number, unit) = rest.split_at(rest.char_indices().next_back()?.0);
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: Option<u64> = number.parse().ok();
    match unit {
        "d" => Some(n),
        "w" => Some(n.and_then(|n| n.checked_mul(7))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn sp(n: usize, median: i64, p90: i64, max: i64) -> Option<Spread> {
        Some(Spread {
            n,
            median,
            p90,
            max,
        })
    }

    #[test]
    fn spread_of_nothing_is_none() {
        assert_eq!(spread(&[]), None);
    }

    #[test]
    fn spread_of_one_is_that_value() {
        assert_eq!(spread(&[300]), sp(1, 300, 300, 300));
        assert_eq!(spread(&[0]), sp(1, 0, 0, 0));
    }

    #[test]
    fn spread_odd_count_takes_the_middle() {
        // Sorted: 60 120 300 600 3600; median the 3rd; p90 rank ⌈4.5⌉ = 5.
        assert_eq!(spread(&[600, 60, 3600, 120, 300]), sp(5, 300, 3600, 3600));
    }

    #[test]
    fn spread_even_count_averages_the_middle_two() {
        // Sorted: 60 120 300 600; median (120 + 300) / 2 = 210; p90 rank
        // ⌈3.6⌉ = 4.
        assert_eq!(spread(&[300, 60, 600, 120]), sp(4, 210, 600, 600));
        // An odd sum rounds down: (60 + 61) / 2 = 60.5 -> 60.
        assert_eq!(spread(&[61, 60]), sp(2, 60, 61, 61));
    }

    #[test]
    fn spread_with_ties() {
        assert_eq!(spread(&[60, 60, 60]), sp(3, 60, 60, 60));
        // Sorted: 10 20 20 20 90; median 20; p90 rank ⌈4.5⌉ = 5.
        assert_eq!(spread(&[20, 90, 20, 10, 20]), sp(5, 20, 90, 90));
    }

    #[test]
    fn p90_at_rank_boundaries() {
        // n = 10: rank ⌈9.0⌉ = 9, not the max.
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(spread(&ten), sp(10, 5, 9, 10));
        // n = 11: rank ⌈9.9⌉ = 10.
        let eleven: Vec<i64> = (1..=11).collect();
        assert_eq!(spread(&eleven), sp(11, 6, 10, 11));
        // n = 20: rank 18; n = 21: rank ⌈18.9⌉ = 19.
        let twenty: Vec<i64> = (1..=20).collect();
        assert_eq!(spread(&twenty).unwrap().p90, 18);
        let twenty_one: Vec<i64> = (1..=21).collect();
        assert_eq!(spread(&twenty_one).unwrap().p90, 19);
        // n = 2..9: the rank is n, the max.
        for n in 2..10 {
            assert_eq!(nearest_rank(n, 90), n, "n = {n}");
        }
        assert_eq!(nearest_rank(1, 90), 1);
        assert_eq!(nearest_rank(0, 90), 1);
    }

    fn incident(id: i64, sev: u8, start: &str, times: [Option<&str>; 3]) -> StatIncident {
        let [detected, mitigated, resolved] = times;
        StatIncident {
            id,
            title: format!("incident {id}"),
            severity: Severity::new(sev).unwrap(),
            status: if resolved.is_some() {
                Status::Resolved
            } else {
                Status::Investigating
            },
            drill: false,
            started_at: utc(start),
            detected_at: utc(detected.unwrap_or(start)),
            mitigated_at: mitigated.map(utc),
            resolved_at: resolved.map(utc),
            review_held_at: None,
        }
    }

    fn rules<'a>(zone: &'a Zone, now: &str) -> Rules<'a> {
        Rules {
            include_drills: false,
            deadline_days: 2,
            zone,
            now: utc(now),
        }
    }

    #[test]
    fn nothing_to_count() {
        let z = Zone::utc();
        let s = compute(&[], &[], &rules(&z, "2026-11-26T14:00:00Z"));
        assert_eq!(s.incidents, 0);
        assert_eq!(s.by_severity, [0; 4]);
        assert!(s.metrics.iter().all(|m| m.overall.is_none()));
        assert!(s.metrics.iter().all(|m| m.incomplete.is_empty()));
        assert_eq!(s.reviews, Reviews::default());
        assert!(s.actions.is_empty());
    }

    #[test]
    fn durations_overall_and_per_severity_name_the_incomplete() {
        let z = Zone::utc();
        let list = vec![
            // SEV1: detect 5m, mitigate 30m, resolve 1h.
            incident(
                1,
                1,
                "2026-11-02T10:00:00Z",
                [
                    Some("2026-11-02T10:05:00Z"),
                    Some("2026-11-02T10:30:00Z"),
                    Some("2026-11-02T11:00:00Z"),
                ],
            ),
            // SEV2: detect 10m, mitigate 20m, not resolved.
            incident(
                2,
                2,
                "2026-11-03T10:00:00Z",
                [
                    Some("2026-11-03T10:10:00Z"),
                    Some("2026-11-03T10:20:00Z"),
                    None,
                ],
            ),
            // SEV2: detect 0, neither mitigated nor resolved.
            incident(3, 2, "2026-11-04T10:00:00Z", [None, None, None]),
            // SEV1: detect 1m, resolved after 2h without a mitigation time.
            incident(
                4,
                1,
                "2026-11-05T10:00:00Z",
                [
                    Some("2026-11-05T10:01:00Z"),
                    None,
                    Some("2026-11-05T12:00:00Z"),
                ],
            ),
        ];
        let s = compute(&list, &[], &rules(&z, "2026-11-26T14:00:00Z"));
        assert_eq!(s.incidents, 4);
        assert_eq!(s.by_severity, [2, 2, 0, 0]);
        assert_eq!(s.by_status, [2, 0, 0, 2]);
        let [detect, mitigate, resolve] = [&s.metrics[0], &s.metrics[1], &s.metrics[2]];
        // Detect: 0 60 300 600 -> median (60 + 300) / 2 = 180.
        assert_eq!(detect.overall, sp(4, 180, 600, 600));
        assert_eq!(detect.by_severity[0], sp(2, 180, 300, 300));
        assert_eq!(detect.by_severity[1], sp(2, 300, 600, 600));
        assert_eq!(detect.by_severity[2], None);
        assert!(detect.incomplete.is_empty());
        // Mitigate: 1800 and 1200.
        assert_eq!(mitigate.overall, sp(2, 1500, 1800, 1800));
        let ids: Vec<i64> = mitigate.incomplete.iter().map(|n| n.id).collect();
        assert_eq!(ids, [3, 4]);
        // Resolve: 3600 and 7200, both SEV1.
        assert_eq!(resolve.overall, sp(2, 5400, 7200, 7200));
        assert_eq!(resolve.by_severity[0], sp(2, 5400, 7200, 7200));
        assert_eq!(resolve.by_severity[1], None);
        let ids: Vec<i64> = resolve.incomplete.iter().map(|n| n.id).collect();
        assert_eq!(ids, [2, 3]);
        assert_eq!(resolve.incomplete[0].title, "incident 2");
    }

    #[test]
    fn drills_are_left_out_and_counted_unless_included() {
        let z = Zone::utc();
        let mut drill = incident(
            2,
            1,
            "2026-11-03T10:00:00Z",
            [Some("2026-11-03T10:30:00Z"), None, None],
        );
        drill.drill = true;
        let list = vec![
            incident(
                1,
                2,
                "2026-11-02T10:00:00Z",
                [Some("2026-11-02T10:05:00Z"), None, None],
            ),
            drill,
        ];
        let actions = vec![OpenAction {
            incident_id: 2,
            owner: "bob".into(),
            due: None,
        }];
        let r = rules(&z, "2026-11-26T14:00:00Z");
        let s = compute(&list, &actions, &r);
        assert_eq!((s.incidents, s.drills_left_out), (1, 1));
        assert_eq!(s.metrics[0].overall, sp(1, 300, 300, 300));
        assert!(s.actions.is_empty(), "the drill's action is left out too");
        let s = compute(
            &list,
            &actions,
            &Rules {
                include_drills: true,
                ..r
            },
        );
        assert_eq!((s.incidents, s.drills_left_out), (2, 0));
        assert_eq!(s.metrics[0].overall, sp(2, 1050, 1800, 1800));
        assert_eq!(s.open_actions, 1);
    }

    #[test]
    fn reviews_against_the_business_day_deadline() {
        let z = Zone::from_name("Europe/Berlin").unwrap();
        // Resolved Friday 2026-11-20 at 17:00 Berlin: deadline Tuesday 11-24.
        let resolved = |id: i64, held: Option<&str>| {
            let mut i = incident(
                id,
                2,
                "2026-11-20T15:00:00Z",
                [None, None, Some("2026-11-20T16:00:00Z")],
            );
            i.review_held_at = held.map(utc);
            i
        };
        let list = vec![
            // Tuesday 23:30 Berlin is still the deadline day: on time.
            resolved(1, Some("2026-11-24T22:30:00Z")),
            // Wednesday 00:30 Berlin: late.
            resolved(2, Some("2026-11-24T23:30:00Z")),
            resolved(3, None),
            incident(4, 2, "2026-11-25T10:00:00Z", [None, None, None]),
            // Resolved Wednesday 11-25: deadline Friday 11-27, not yet due.
            {
                let mut i = incident(
                    5,
                    2,
                    "2026-11-25T09:00:00Z",
                    [None, None, Some("2026-11-25T10:00:00Z")],
                );
                i.title = "late night".into();
                i
            },
        ];
        let s = compute(&list, &[], &rules(&z, "2026-11-26T14:00:00Z"));
        assert_eq!((s.reviews.on_time, s.reviews.late), (1, 1));
        assert_eq!(s.reviews.not_yet_due, 1);
        assert_eq!(s.reviews.unresolved, 1);
        assert_eq!(s.reviews.overdue.len(), 1);
        assert_eq!(s.reviews.overdue[0].0.id, 3);
        assert_eq!(s.reviews.overdue[0].1.to_string(), "2026-11-24");
        // On the deadline day itself it is not yet overdue.
        let s = compute(&list, &[], &rules(&z, "2026-11-24T22:00:00Z"));
        // (#5, resolved later, is counted as not yet due as well.)
        assert_eq!((s.reviews.overdue.len(), s.reviews.not_yet_due), (0, 2));
    }

    #[test]
    fn actions_by_owner_most_overdue_first() {
        let z = Zone::from_name("Europe/Berlin").unwrap();
        let list = vec![incident(1, 2, "2026-11-02T10:00:00Z", [None, None, None])];
        let a = |owner: &str, due: Option<&str>| OpenAction {
            incident_id: 1,
            owner: owner.into(),
            due: due.map(|d| d.parse().unwrap()),
        };
        let actions = vec![
            a("carol", Some("2026-12-01")),
            a("carol", None),
            a("bob", Some("2026-11-26")),
            // The same owner, written another way.
            a("Bob", Some("2026-11-25")),
            a("anna", Some("2026-11-01")),
            // Another incident's item: not counted.
            OpenAction {
                incident_id: 9,
                owner: "zed".into(),
                due: Some("2026-01-01".parse().unwrap()),
            },
        ];
        // 23:30 UTC on the 25th is already the 26th in Berlin.
        let s = compute(&list, &actions, &rules(&z, "2026-11-25T23:30:00Z"));
        let rows: Vec<(&str, usize, usize)> = s
            .actions
            .iter()
            .map(|o| (o.owner.as_str(), o.open, o.overdue))
            .collect();
        assert_eq!(rows, [("bob", 2, 1), ("anna", 1, 1), ("carol", 2, 0)]);
        assert_eq!((s.open_actions, s.overdue_actions), (5, 2));
    }

    #[test]
    fn bounds_days_start_at_midnight_in_the_zone() {
        let z = Zone::from_name("Europe/Berlin").unwrap();
        let now = utc("2026-11-26T14:00:00Z");
        let b = |s: &str| parse_bound(s, now, &z).unwrap();
        assert_eq!(b("2026-11-01"), utc("2026-10-31T23:00:00Z"));
        assert_eq!(b("today"), utc("2026-11-25T23:00:00Z"));
        assert_eq!(b("yesterday"), utc("2026-11-24T23:00:00Z"));
        assert_eq!(b("tomorrow"), utc("2026-11-26T23:00:00Z"));
        assert_eq!(b("-30d"), utc("2026-10-26T23:00:00Z"));
        assert_eq!(b("-1w"), utc("2026-11-18T23:00:00Z"));
        assert_eq!(b("+1d"), b("tomorrow"));
        // Summer time: midnight is 22:00 UTC.
        assert_eq!(b("2026-07-01"), utc("2026-06-30T22:00:00Z"));
        // Times as --at reads them.
        assert_eq!(b("2026-11-01 09:30"), utc("2026-11-01T08:30:00Z"));
        assert_eq!(b("2026-11-01T09:30:00Z"), utc("2026-11-01T09:30:00Z"));
        assert_eq!(b("-2h"), utc("2026-11-26T12:00:00Z"));
        assert_eq!(b("3 days ago"), utc("2026-11-23T14:00:00Z"));
    }

    #[test]
    fn bounds_refuse_what_is_not_a_date() {
        let z = Zone::utc();
        let now = utc("2026-11-26T14:00:00Z");
        for bad in [
            "",
            "soon",
            "2026-13-01",
            "-d",
            "-5x",
            "1969-12-31",
            "-99999999999999999999d",
        ] {
            let e = parse_bound(bad, now, &z).unwrap_err();
            assert!(
                e.to_string().contains("is not a date or time"),
                "{bad}: {e}"
            );
        }
        // A time in the future keeps --at's own message.
        let e = parse_bound("2026-12-01 10:00", now, &z).unwrap_err();
        assert!(e.to_string().contains("in the future"), "{e}");
    }
}
