//! Reading the times people type (`14:05`, `-15m`, `2026-11-26 14:05`,
//! RFC 3339) and showing stored UTC times in a time zone. Pure: the current
//! time and the zone are passed in.
//!
//! Zones come from the system's time zone database (`/usr/share/zoneinfo`),
//! read at run time: the same rules as every other program on the machine,
//! and nothing compiled in (a built-in database costs every start of `inc`
//! about a megabyte of relocated tables).

use chrono::{
    DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeDelta, TimeZone,
    Utc,
};

use crate::error::UserError;

/// The zone times are shown and typed in.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    /// How to name it in messages: `Europe/Berlin`, `UTC`, `the local time zone`.
    name: String,
    tz: tz::TimeZone,
}

impl Zone {
    pub fn utc() -> Zone {
        Zone {
            name: "UTC".into(),
            tz: tz::TimeZone::utc(),
        }
    }

    /// A zone by its IANA name (`Europe/Berlin`, `UTC`), or `local`.
    pub fn from_name(name: &str) -> Result<Zone, UserError> {
        let n = name.trim();
        if n.eq_ignore_ascii_case("local") {
            return Ok(Zone::system());
        }
        if ["utc", "z", "gmt"]
            .iter()
            .any(|u| n.eq_ignore_ascii_case(u))
        {
            return Ok(Zone::utc());
        }
        let unknown = || {
            UserError::new(format!("`{name}` is not a time zone"))
                .hint("use an IANA name such as Europe/Berlin, America/New_York or UTC (names are case-sensitive)")
        };
        // A name, not a path: never read files outside the zone database.
        let plain = !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c))
            && !n.starts_with('/')
            && n.split('/').all(|part| !part.is_empty());
        if !plain {
            return Err(unknown());
        }
        let tz = read_zone_file(n).ok_or_else(unknown)?;
        Ok(Zone {
            name: n.to_string(),
            tz,
        })
    }

    /// The zone's name as given (`Europe/Berlin`), or a description.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The system's zone: `TZ` if set (a zone name or a POSIX rule, as for
    /// every other program), else `/etc/localtime`, else UTC.
    pub fn system() -> Zone {
        if let Ok(tz) = std::env::var("TZ") {
            let name = tz.trim_start_matches(':');
            if name.is_empty() {
                return Zone::utc();
            }
            return match tz::TimeZone::from_posix_tz(name).ok().filter(usable) {
                Some(tz) => Zone {
                    name: name.to_string(),
                    tz,
                },
                // As the C library does with a TZ it cannot read.
                None => Zone::utc(),
            };
        }
        match tz::TimeZone::local().ok().filter(usable) {
            Some(tz) => Zone {
                name: "the local time zone".to_string(),
                tz,
            },
            None => Zone::utc(),
        }
    }

    /// The offset from UTC at `t`, and its abbreviation (`CET`, `+03`).
    fn offset_at(&self, t: DateTime<Utc>) -> (FixedOffset, &str) {
        match self.tz.find_local_time_type(t.timestamp()) {
            Ok(ltt) => (
                FixedOffset::east_opt(ltt.ut_offset()).unwrap_or(FixedOffset::east_opt(0).unwrap()),
                ltt.time_zone_designation(),
            ),
            Err(_) => (FixedOffset::east_opt(0).unwrap(), "UTC"),
        }
    }

    /// A stored time as `2026-11-26 14:05 CET`: date, time and zone, so that
    /// a multi-day incident is never ambiguous.
    pub fn format(&self, t: DateTime<Utc>) -> String {
        self.format_with(t, "%Y-%m-%d %H:%M")
    }

    fn format_with(&self, t: DateTime<Utc>, pattern: &str) -> String {
        let (offset, abbreviation) = self.offset_at(t);
        let local = t.with_timezone(&offset).format(pattern);
        match abbreviation {
            "" if offset.local_minus_utc() == 0 => format!("{local} UTC"),
            "" => format!("{local} {}", t.with_timezone(&offset).format("%:z")),
            name => format!("{local} {name}"),
        }
    }

    /// RFC 3339 with this zone's offset at `t`: `2026-10-25T02:30:00+02:00`.
    fn rfc3339(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.offset_at(t).0)
            .to_rfc3339_opts(SecondsFormat::Secs, false)
    }

    /// The date in this zone at `t`: what "today" means for a due date.
    pub fn date(&self, t: DateTime<Utc>) -> NaiveDate {
        self.naive_local(t).date()
    }

    /// The first moment of `day` in this zone: midnight, or, where a clock
    /// change skips midnight, the first minute that exists after it.
    pub fn start_of_day(&self, day: NaiveDate) -> DateTime<Utc> {
        let midnight = day.and_time(NaiveTime::MIN);
        // Clock changes skip at most a few hours; look minute by minute.
        (0..=4 * 60)
            .find_map(|m| {
                self.instants(midnight + TimeDelta::minutes(m))
                    .into_iter()
                    .min()
            })
            .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
    }

    fn naive_local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        t.with_timezone(&self.offset_at(t).0).naive_local()
    }

    /// The UTC instants a wall-clock time names in this zone: none in a DST
    /// gap, two in a DST fold. Each offset in force within a day either side
    /// is a candidate; it counts if the zone really has that offset then.
    fn instants(&self, naive: NaiveDateTime) -> Vec<DateTime<Utc>> {
        let as_utc = Utc.from_utc_datetime(&naive);
        let mut offsets: Vec<FixedOffset> = [-1, 0, 1]
            .iter()
            .filter_map(|days| as_utc.checked_add_signed(TimeDelta::days(*days)))
            .map(|t| self.offset_at(t).0)
            .collect();
        offsets.dedup();
        let mut found: Vec<DateTime<Utc>> = offsets
            .into_iter()
            .filter_map(|offset| {
                let t = as_utc
                    .checked_sub_signed(TimeDelta::seconds(i64::from(offset.local_minus_utc())))?;
                (self.offset_at(t).0 == offset).then_some(t)
            })
            .collect();
        found.sort();
        found.dedup();
        found
    }
}

/// Reads a zone by IANA name from the system's zone database (`$TZDIR`, else
/// the usual places). Only files: a POSIX rule such as `UTC+3` is not a name
/// (and means UTC-3, which would surprise anyone who typed it).
fn read_zone_file(name: &str) -> Option<tz::TimeZone> {
    let dirs = std::env::var("TZDIR").ok().into_iter().chain(
        ["/usr/share/zoneinfo", "/share/zoneinfo", "/etc/zoneinfo"]
            .into_iter()
            .map(String::from),
    );
    dirs.filter_map(|dir| std::fs::read(std::path::Path::new(&dir).join(name)).ok())
        .find_map(|bytes| tz::TimeZone::from_tz_data(&bytes).ok())
        .filter(usable)
}

/// Zones with leap seconds (the `right/` files) count time differently from
/// everything else; they, and any zone that cannot answer for a time in
/// inc's range, are refused rather than half-used.
fn usable(tz: &tz::TimeZone) -> bool {
    tz.as_ref().leap_seconds().is_empty()
        && [0, 1_000_000_000, 1_800_000_000, 4_000_000_000]
            .iter()
            .all(|t| tz.find_local_time_type(*t).is_ok())
}

/// The earliest time `inc` accepts; anything before is a typo.
fn earliest() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).unwrap()
}

/// Why a time cannot be on the record, if it cannot: the one rule for
/// every time inc stores, whether typed or imported. Not before 1970, not
/// a leap second (chrono keeps `…:60` as a 61st second; stored and sorted
/// as text it would look like nonsense), and not after `latest` (now, for
/// what a person types; a little later for a file from a machine whose
/// clock runs ahead).
pub fn out_of_range(t: DateTime<Utc>, latest: DateTime<Utc>) -> Option<OutOfRange> {
    if t.timestamp_subsec_nanos() >= 1_000_000_000 {
        Some(OutOfRange::LeapSecond)
    } else if t > latest {
        Some(OutOfRange::Future)
    } else if t < earliest() {
        Some(OutOfRange::TooEarly)
    } else {
        None
    }
}

/// What is wrong with a time [`out_of_range`] refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutOfRange {
    LeapSecond,
    Future,
    TooEarly,
}

impl OutOfRange {
    pub fn as_str(self) -> &'static str {
        match self {
            OutOfRange::LeapSecond => "is a leap second",
            OutOfRange::Future => "is in the future",
            OutOfRange::TooEarly => "is before 1970",
        }
    }
}

fn not_a_time(input: &str) -> UserError {
    UserError::new(format!("`{input}` is not a time inc understands"))
        .hint("use 14:05, 2026-11-26 14:05, -15m, 2h ago, 2026-11-26T14:05-08:00, or a zone after the time: 2026-11-26 14:05 America/New_York")
}

/// How far ahead of now a time of day may be and still mean now: the
/// person's clock runs a little behind the machine's, or they typed the
/// minute about to begin. Read as the most recent such moment, it would
/// land on yesterday. The `--at` help texts say "5 minutes".
pub const AHEAD_TOLERANCE: TimeDelta = TimeDelta::minutes(5);

/// Reads a time typed by a person, relative to `now`, in `zone`.
///
/// Accepted: `now`; relative `-15m`, `-1h30m`, `2h ago`, `90s ago`, `1 day ago`;
/// a time of day `HH:MM[:SS]` (the most recent such moment, so 23:55 typed
/// at 00:10 means yesterday; one at most [`AHEAD_TOLERANCE`] ahead of now
/// means now); `YYYY-MM-DD HH:MM[:SS]` in `zone`; RFC 3339.
/// Other times in the future, and times before 1970, are refused.
pub fn parse_time(
    input: &str,
    now: DateTime<Utc>,
    zone: &Zone,
) -> Result<DateTime<Utc>, UserError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(UserError::new("the time is empty").hint("use 14:05, -15m or 2h ago"));
    }
    let t = if s.eq_ignore_ascii_case("now") {
        now
    } else if let Some(delta) = parse_relative(s) {
        let delta = delta.ok_or_else(|| too_far(input))?;
        now.checked_sub_signed(delta)
            .ok_or_else(|| too_far(input))?
    } else if let Some(time) = parse_time_of_day(s) {
        if just_ahead(time, now, zone) {
            now
        } else {
            most_recent(time, now, zone, input)?
        }
    } else if let Some(naive) = parse_date_time(s) {
        resolve_wall_clock(naive, zone, input)?
    } else if let Some(t) = parse_with_offset(s) {
        t
    } else if let Some((rest, named)) = split_zone(s)? {
        return parse_time(rest, now, &named);
    } else {
        return Err(not_a_time(input));
    };
    in_range(t, input, now, zone)
}

/// A date and time with its offset from UTC: RFC 3339, and the forms
/// published postmortems use beside it (no seconds, a space for the `T`,
/// a space before the offset, an offset without a colon):
/// `2017-02-28T09:37-08:00`, `2017-02-28 09:37 -0800`, `2017-02-28 17:37Z`.
fn parse_with_offset(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    let s = match s.strip_suffix(['Z', 'z']) {
        Some(rest) => format!("{}+00:00", rest.trim_end()),
        None => s.to_string(),
    };
    ["%Y-%m-%dT%H:%M%z", "%Y-%m-%dT%H:%M:%S%z"]
        .iter()
        .find_map(|f| {
            // One form for `T`, a space, and a space before the offset.
            let (date, rest) = s.split_at_checked(10)?;
            let rest = rest.strip_prefix([' ', 'T', 't'])?;
            let glued: String = rest.split_whitespace().collect();
            DateTime::parse_from_str(&format!("{date}T{glued}"), f).ok()
        })
        .map(|t| t.with_timezone(&Utc))
}

/// A time followed by a time zone's IANA name (`2017-02-28 09:37
/// America/Los_Angeles`, `09:37 UTC`): the time, and the zone to read it in.
/// A name that is no zone, or a zone after a time that has its offset, is
/// refused, saying which.
fn split_zone(s: &str) -> Result<Option<(&str, Zone)>, UserError> {
    let Some((rest, name)) = s.trim_end().rsplit_once(char::is_whitespace) else {
        return Ok(None);
    };
    let named = name.contains('/') || ["utc", "gmt"].iter().any(|u| name.eq_ignore_ascii_case(u));
    let rest = rest.trim_end();
    if !named || rest.is_empty() {
        return Ok(None);
    }
    let zone = Zone::from_name(name)?;
    if parse_with_offset(rest).is_some() {
        return Err(
            UserError::new(format!("`{s}` gives both an offset and a time zone"))
                .hint("give one: 2017-02-28T09:37-08:00 or 2017-02-28 09:37 America/Los_Angeles"),
        );
    }
    Ok(Some((rest, zone)))
}

/// `t`, read from `input`, if it may be on the record (see
/// [`out_of_range`]).
fn in_range(
    t: DateTime<Utc>,
    input: &str,
    now: DateTime<Utc>,
    zone: &Zone,
) -> Result<DateTime<Utc>, UserError> {
    match out_of_range(t, now) {
        None => Ok(t),
        Some(OutOfRange::LeapSecond) => Err(UserError::new(format!("`{input}` is a leap second"))
            .hint("give the second before or after it")),
        Some(OutOfRange::Future) => Err(UserError::new(format!(
            "`{input}` is in the future ({}); events can only be recorded once they happened",
            zone.format(t)
        ))
        .hint(format!("the time now is {}", zone.format(now)))),
        Some(OutOfRange::TooEarly) => Err(too_far(input)),
    }
}

/// How long after an incident's latest event a time of day stops meaning
/// today on it: past that, the incident is being entered from the record
/// (a replay of a published postmortem, notes typed up the next week), and
/// `21:18` means 21:18 on one of its own days. The `--at` help texts say
/// "12 hours".
pub const REPLAY_AFTER: TimeDelta = TimeDelta::hours(12);

/// When an incident's events happened: from the start of impact to its
/// latest event (the declaration, if nothing came after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventSpan {
    pub started: DateTime<Utc>,
    pub latest: DateTime<Utc>,
}

impl EventSpan {
    /// Whether the incident lies in the past: its latest event more than
    /// [`REPLAY_AFTER`] before `now`.
    pub fn is_past(&self, now: DateTime<Utc>) -> bool {
        now - self.latest > REPLAY_AFTER
    }

    /// The incident's days in `zone`: the dates from its start of impact to
    /// its latest event.
    fn days(&self, zone: &Zone) -> (NaiveDate, NaiveDate) {
        let (a, b) = (zone.date(self.started), zone.date(self.latest));
        (a.min(b), a.max(b))
    }
}

/// Whether `input` is a bare time of day (`21:18`, `21:18:30`, `21:18
/// Asia/Tokyo`): the one form whose day depends on the incident it is
/// typed for.
pub fn is_time_of_day(input: &str) -> bool {
    let s = input.trim();
    let s = split_zone(s).ok().flatten().map_or(s, |(rest, _)| rest);
    parse_time_of_day(s).is_some()
}

/// Reads a time typed for an event on an incident whose events span
/// `span`: as [`parse_time`], except that on an incident that lies in the
/// past (see [`EventSpan::is_past`]) a time of day is read on the
/// incident's own days, never today. Exactly one day that showed the time
/// (and not in the future, [`AHEAD_TOLERANCE`] aside): that day; several:
/// refused, with the full forms to type instead.
pub fn parse_time_on(
    input: &str,
    now: DateTime<Utc>,
    zone: &Zone,
    span: EventSpan,
) -> Result<DateTime<Utc>, UserError> {
    if let Some((rest, named)) = split_zone(input.trim())? {
        return parse_time_on(rest, now, &named, span);
    }
    match parse_time_of_day(input.trim()) {
        Some(time) if span.is_past(now) => {
            let (first, last) = span.days(zone);
            on_days(time, first, last, now, zone, input)
        }
        _ => parse_time(input, now, zone),
    }
}

/// `time` on the one day from `first` to `last` on which it happened and
/// is not in the future: a time of day on the days of an incident.
fn on_days(
    time: NaiveTime,
    first: NaiveDate,
    last: NaiveDate,
    now: DateTime<Utc>,
    zone: &Zone,
    input: &str,
) -> Result<DateTime<Utc>, UserError> {
    let typed = input.trim();
    let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
    // Days whose clocks showed the time, not later than the tolerance allows.
    let candidates: Vec<NaiveDate> = days
        .iter()
        .copied()
        .filter(|day| {
            zone.instants(day.and_time(time))
                .iter()
                .any(|t| *t <= now + AHEAD_TOLERANCE)
        })
        .collect();
    match candidates.as_slice() {
        [day] => {
            let t = resolve_wall_clock(day.and_time(time), zone, input)?;
            in_range(t.min(now), input, now, zone)
        }
        [] => match days
            .iter()
            .find_map(|day| zone.instants(day.and_time(time)).into_iter().next())
        {
            // Each day of the incident shows it later than now.
            Some(t) => in_range(t, input, now, zone),
            None => Err(dst_gap(input, first, zone)),
        },
        several => {
            let forms: Vec<String> = several.iter().map(|d| format!("`{d} {typed}`")).collect();
            let choice = match forms.as_slice() {
                [a, b] => format!("{a} or {b}"),
                [a, b, c] => format!("{a}, {b} or {c}"),
                _ => format!("from {} to {}", forms[0], forms[forms.len() - 1]),
            };
            Err(UserError::new(format!(
                "`{typed}` is on {} of the incident's days ({first} to {last}): on an incident whose latest event is over {} hours old, a time of day is read on its own days",
                several.len(),
                REPLAY_AFTER.num_hours()
            ))
            .hint(format!("give the date too: {choice}")))
        }
    }
}

fn too_far(input: &str) -> UserError {
    UserError::new(format!("`{input}` is too far in the past"))
        .hint("times before 1970 are refused; check the date")
}

/// `-15m`, `-1h30m`, `15m ago`, `2 hours ago`. `Some(None)` when it has the
/// shape but overflows.
fn parse_relative(s: &str) -> Option<Option<TimeDelta>> {
    let body = if let Some(rest) = s.strip_prefix('-') {
        rest
    } else {
        let lower = s.to_ascii_lowercase();
        let rest = lower.strip_suffix("ago")?;
        // Keep the original slice's length; ascii lowering keeps byte offsets.
        &s[..rest.len()]
    };
    let body = body.trim();
    if body.is_empty() {
        return None;
    }
    let mut total = TimeDelta::zero();
    let mut rest = body;
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return None;
        }
        let number: i64 = match rest[..digits].parse() {
            Ok(n) => n,
            Err(_) => return Some(None),
        };
        rest = rest[digits..].trim_start();
        let unit_len = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .len();
        let unit = rest[..unit_len].to_ascii_lowercase();
        rest = rest[unit_len..].trim_start();
        let step = match unit.as_str() {
            "s" | "sec" | "secs" | "second" | "seconds" => TimeDelta::try_seconds(number),
            "m" | "min" | "mins" | "minute" | "minutes" => TimeDelta::try_minutes(number),
            "h" | "hr" | "hrs" | "hour" | "hours" => TimeDelta::try_hours(number),
            "d" | "day" | "days" => TimeDelta::try_days(number),
            _ => return None,
        };
        match step.and_then(|d| total.checked_add(&d)) {
            Some(t) => total = t,
            None => return Some(None),
        }
    }
    Some(Some(total))
}

fn parse_time_of_day(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .ok()
}

fn parse_date_time(s: &str) -> Option<NaiveDateTime> {
    [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

/// Whether the clock shows `time` next within [`AHEAD_TOLERANCE`] after
/// `now` (today, or tomorrow just before midnight).
fn just_ahead(time: NaiveTime, now: DateTime<Utc>, zone: &Zone) -> bool {
    let today = zone.naive_local(now).date();
    [Some(today), today.succ_opt()]
        .into_iter()
        .flatten()
        .flat_map(|day| zone.instants(day.and_time(time)))
        .any(|t| t > now && t - now <= AHEAD_TOLERANCE)
}

/// The most recent moment at or before `now` whose wall clock reads `time`:
/// today, else yesterday. If the day in question skipped that time (the
/// clocks jumped forward), say so rather than reach further back.
fn most_recent(
    time: NaiveTime,
    now: DateTime<Utc>,
    zone: &Zone,
    input: &str,
) -> Result<DateTime<Utc>, UserError> {
    let today = zone.naive_local(now).date();
    for day in [Some(today), today.pred_opt()].into_iter().flatten() {
        let candidates = zone.instants(day.and_time(time));
        if candidates.is_empty() {
            return Err(dst_gap(input, day, zone));
        }
        if let Some(t) = candidates.into_iter().filter(|t| *t <= now).max() {
            return Ok(t);
        }
    }
    Err(not_a_time(input))
}

fn dst_gap(input: &str, day: NaiveDate, zone: &Zone) -> UserError {
    UserError::new(format!(
        "`{input}` did not happen on {day} in {}: the clocks skipped it (daylight saving)",
        zone.name(),
    ))
    .hint("give a time before or after the jump, or a full RFC 3339 time with its offset")
}

/// A wall-clock date and time in `zone`, refusing times that do not exist
/// (DST gap) or exist twice (DST fold).
fn resolve_wall_clock(
    naive: NaiveDateTime,
    zone: &Zone,
    input: &str,
) -> Result<DateTime<Utc>, UserError> {
    match zone.instants(naive).as_slice() {
        [t] => Ok(*t),
        [] => Err(dst_gap(input, naive.date(), zone)),
        [first, second] => Err(UserError::new(format!(
            "`{input}` happened twice in {} (the clocks went back): once at {} and again at {} UTC",
            zone.name(),
            first.format("%H:%M"),
            second.format("%H:%M")
        ))
        .hint(format!(
            "give the time with its offset: {} for the first, {} for the second",
            zone.rfc3339(*first),
            zone.rfc3339(*second)
        ))),
        _ => Err(not_a_time(input)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn zone(name: &str) -> Zone {
        Zone::from_name(name).unwrap()
    }

    #[test]
    fn start_of_day_is_midnight_or_the_first_minute_after_a_skipped_one() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let berlin = zone("Europe/Berlin");
        assert_eq!(
            berlin.start_of_day(d("2026-11-26")),
            utc("2026-11-25T23:00:00Z")
        );
        assert_eq!(
            berlin.start_of_day(d("2026-03-29")),
            utc("2026-03-28T23:00:00Z")
        );
        // Santiago skips from 24:00 on 5 September 2026 to 01:00.
        assert_eq!(
            zone("America/Santiago").start_of_day(d("2026-09-06")),
            utc("2026-09-06T04:00:00Z")
        );
        assert_eq!(
            Zone::utc().start_of_day(d("2026-11-26")),
            utc("2026-11-26T00:00:00Z")
        );
    }

    #[test]
    fn relative_times() {
        let now = utc("2026-11-26T14:00:00Z");
        let z = zone("UTC");
        assert_eq!(
            parse_time("-15m", now, &z).unwrap(),
            utc("2026-11-26T13:45:00Z")
        );
        assert_eq!(
            parse_time("-2h", now, &z).unwrap(),
            utc("2026-11-26T12:00:00Z")
        );
        assert_eq!(
            parse_time("15m ago", now, &z).unwrap(),
            utc("2026-11-26T13:45:00Z")
        );
        assert_eq!(
            parse_time("1h30m ago", now, &z).unwrap(),
            utc("2026-11-26T12:30:00Z")
        );
        assert_eq!(
            parse_time("2 hours ago", now, &z).unwrap(),
            utc("2026-11-26T12:00:00Z")
        );
        assert_eq!(
            parse_time("-1d", now, &z).unwrap(),
            utc("2026-11-25T14:00:00Z")
        );
        assert_eq!(
            parse_time("90s AGO", now, &z).unwrap(),
            utc("2026-11-26T13:58:30Z")
        );
        assert_eq!(parse_time("now", now, &z).unwrap(), now);
        for bad in ["15m", "-", "ago", "-15x", "-m", "15 ago", "+5m", "-5m ago"] {
            assert!(parse_time(bad, now, &z).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn huge_relative_times_are_refused_not_panicking() {
        let now = utc("2026-11-26T14:00:00Z");
        let z = zone("UTC");
        for bad in [
            "-99999999999999999999d",
            "-9223372036854775807s",
            "-100000d",
            "-60y",
        ] {
            assert!(parse_time(bad, now, &z).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn time_of_day_is_the_most_recent_such_moment() {
        let z = zone("Europe/Berlin");
        // 00:10 in Berlin on the 26th is 23:10 UTC on the 25th.
        let now = utc("2026-11-25T23:10:00Z");
        assert_eq!(
            parse_time("23:55", now, &z).unwrap(),
            utc("2026-11-25T22:55:00Z")
        );
        assert_eq!(
            parse_time("00:05", now, &z).unwrap(),
            utc("2026-11-25T23:05:00Z")
        );
        assert_eq!(parse_time("00:10", now, &z).unwrap(), now);
        assert_eq!(
            parse_time("00:09:30", now, &z).unwrap(),
            utc("2026-11-25T23:09:30Z")
        );
        assert!(parse_time("24:00", now, &z).is_err());
        assert!(parse_time("12:60", now, &z).is_err());
    }

    #[test]
    fn a_time_of_day_a_few_minutes_ahead_is_now() {
        let z = zone("Europe/Berlin");
        // 15:00 in Berlin.
        let now = utc("2026-11-26T14:00:00Z");
        for input in ["15:01", "15:05", "15:04:59", "15:00:30"] {
            assert_eq!(parse_time(input, now, &z).unwrap(), now, "{input}");
        }
        // Beyond the tolerance it is the most recent such moment, as ever.
        assert_eq!(
            parse_time("15:06", now, &z).unwrap(),
            utc("2026-11-25T14:06:00Z")
        );
        assert_eq!(
            parse_time("15:05:01", now, &z).unwrap(),
            utc("2026-11-25T14:05:01Z")
        );
        // Explicit future times are still refused, however close.
        for input in ["2026-11-26 15:02", "2026-11-26T14:01:00Z", "+2m"] {
            assert!(parse_time(input, now, &z).is_err(), "{input}");
        }
    }

    #[test]
    fn the_tolerance_reaches_across_midnight() {
        let z = zone("Europe/Berlin");
        // 23:58 in Berlin on the 26th.
        let now = utc("2026-11-26T22:58:00Z");
        assert_eq!(parse_time("00:02", now, &z).unwrap(), now);
        // 00:04 is six minutes ahead: this morning's.
        assert_eq!(
            parse_time("00:04", now, &z).unwrap(),
            utc("2026-11-25T23:04:00Z")
        );
    }

    fn span(started: &str, latest: &str) -> EventSpan {
        EventSpan {
            started: utc(started),
            latest: utc(latest),
        }
    }

    #[test]
    fn on_a_live_incident_a_time_of_day_reads_as_ever() {
        let z = zone("Europe/Berlin");
        let now = utc("2026-11-26T14:00:00Z");
        // The latest event 12 hours ago, to the second: still live.
        let live = span("2026-11-25T20:00:00Z", "2026-11-26T02:00:00Z");
        assert!(!live.is_past(now));
        for input in ["21:18", "14:30", "15:04", "-15m", "2026-11-20 10:00"] {
            assert_eq!(
                parse_time_on(input, now, &z, live),
                parse_time(input, now, &z),
                "{input}"
            );
        }
    }

    #[test]
    fn on_a_past_incident_a_time_of_day_is_on_its_day() {
        let z = zone("Europe/Berlin");
        let now = utc("2026-11-26T14:00:00Z");
        // 09:30 to 13:00 in Berlin on 14 March 2025.
        let replay = span("2025-03-14T08:30:00Z", "2025-03-14T12:00:00Z");
        assert!(replay.is_past(now));
        assert_eq!(
            parse_time_on("21:18", now, &z, replay).unwrap(),
            utc("2025-03-14T20:18:00Z")
        );
        // Before the start too: the lead-up.
        assert_eq!(
            parse_time_on("07:05:30", now, &z, replay).unwrap(),
            utc("2025-03-14T06:05:30Z")
        );
        // Other forms read as ever.
        assert_eq!(
            parse_time_on("-15m", now, &z, replay).unwrap(),
            utc("2026-11-26T13:45:00Z")
        );
        assert_eq!(
            parse_time_on("2025-03-15 10:00", now, &z, replay).unwrap(),
            utc("2025-03-15T09:00:00Z")
        );
        assert!(parse_time_on("13:59:60", now, &Zone::utc(), replay).is_err());
    }

    #[test]
    fn a_time_of_day_on_several_days_of_a_past_incident_is_refused() {
        let z = zone("Europe/Berlin");
        let now = utc("2026-11-26T14:00:00Z");
        // 21:00 on 14 March 2025 to 04:00 the next morning, in Berlin.
        let overnight = span("2025-03-14T20:00:00Z", "2025-03-15T03:00:00Z");
        let e = parse_time_on("21:18", now, &z, overnight).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`21:18` is on 2 of the incident's days (2025-03-14 to 2025-03-15): on an incident whose latest event is over 12 hours old, a time of day is read on its own days"
        );
        assert_eq!(
            e.hint_text(),
            Some("give the date too: `2025-03-14 21:18` or `2025-03-15 21:18`")
        );
        let week = span("2025-03-10T08:00:00Z", "2025-03-16T08:00:00Z");
        let e = parse_time_on("9:05", now, &z, week).unwrap_err();
        assert_eq!(
            e.hint_text(),
            Some("give the date too: from `2025-03-10 9:05` to `2025-03-16 9:05`")
        );
    }

    #[test]
    fn a_day_of_a_past_incident_that_is_still_to_come_is_no_candidate() {
        let z = zone("Europe/Berlin");
        // 15:00 in Berlin; the incident ran from 23:00 on the 25th to 02:00
        // on the 26th, 13 hours ago.
        let now = utc("2026-11-26T14:00:00Z");
        let night = span("2026-11-25T22:00:00Z", "2026-11-26T01:00:00Z");
        assert_eq!(
            parse_time_on("16:00", now, &z, night).unwrap(),
            utc("2026-11-25T15:00:00Z")
        );
        // Only today, and later than now: refused as in the future.
        let early = span("2026-11-26T00:30:00Z", "2026-11-26T01:00:00Z");
        let e = parse_time_on("20:00", now, &z, early).unwrap_err();
        assert!(e.to_string().contains("is in the future"), "{e}");
        // Just ahead, it is now.
        assert_eq!(parse_time_on("15:03", now, &z, early).unwrap(), now);
    }

    #[test]
    fn a_time_of_day_the_incident_s_day_skipped_is_refused() {
        let z = zone("Europe/Berlin");
        let now = utc("2026-11-26T14:00:00Z");
        // 29 March 2026: Berlin's clocks jumped from 02:00 to 03:00.
        let day = span("2026-03-29T05:00:00Z", "2026-03-29T09:00:00Z");
        let e = parse_time_on("02:30", now, &z, day).unwrap_err();
        assert!(e.to_string().contains("skipped"), "{e}");
        // Over two days, the day that had it is the one.
        let two = span("2026-03-28T20:00:00Z", "2026-03-29T09:00:00Z");
        assert_eq!(
            parse_time_on("02:30", now, &z, two).unwrap(),
            utc("2026-03-28T01:30:00Z")
        );
    }

    #[test]
    fn dates_and_rfc3339() {
        let now = utc("2026-11-26T14:00:00Z");
        let z = zone("America/New_York");
        assert_eq!(
            parse_time("2026-11-26 08:30", now, &z).unwrap(),
            utc("2026-11-26T13:30:00Z")
        );
        assert_eq!(
            parse_time("2026-11-26T08:30:15", now, &z).unwrap(),
            utc("2026-11-26T13:30:15Z")
        );
        assert_eq!(
            parse_time("2026-11-26T12:00:00+01:00", now, &z).unwrap(),
            utc("2026-11-26T11:00:00Z")
        );
        assert!(parse_time("2026-02-30 10:00", now, &z).is_err());
        assert!(parse_time("2026-11-26T12:00:00", now, &zone("UTC")).is_ok());
    }

    #[test]
    fn offsets_without_seconds_and_zone_names() {
        let now = utc("2026-11-26T14:00:00Z");
        let z = zone("Europe/Berlin");
        for typed in [
            "2026-11-26T09:37-01:00",
            "2026-11-26 09:37-01:00",
            "2026-11-26 09:37 -01:00",
            "2026-11-26 09:37 -0100",
            "2026-11-26T09:37:00 -01:00",
            "2026-11-26T10:37Z",
            "2026-11-26 10:37 Z",
            "2026-11-26 02:37 America/Los_Angeles",
            "2026-11-26 10:37 UTC",
        ] {
            assert_eq!(
                parse_time(typed, now, &z).unwrap(),
                utc("2026-11-26T10:37:00Z"),
                "{typed}"
            );
        }
        // A time of day in a named zone: the most recent such moment there.
        assert_eq!(
            parse_time("05:37 America/New_York", now, &z).unwrap(),
            utc("2026-11-26T10:37:00Z")
        );
        let unknown = parse_time("2026-11-26 10:37 Mars/Olympus", now, &z).unwrap_err();
        assert!(
            unknown
                .to_string()
                .contains("`Mars/Olympus` is not a time zone"),
            "{unknown}"
        );
        let both = parse_time("2026-11-26T10:37-08:00 UTC", now, &z).unwrap_err();
        assert!(
            both.to_string()
                .contains("gives both an offset and a time zone"),
            "{both}"
        );
        assert!(parse_time("2026-11-26 10:37 -25:00", now, &z).is_err());
        // On an incident in the past, a time of day with a zone is read on
        // the incident's days, in that zone.
        let past = span("2026-10-01T08:00:00Z", "2026-10-01T12:00:00Z");
        assert_eq!(
            parse_time_on("06:00 America/New_York", now, &z, past).unwrap(),
            utc("2026-10-01T10:00:00Z")
        );
    }

    #[test]
    fn future_and_far_past_are_refused() {
        let now = utc("2026-11-26T14:00:00Z");
        let z = zone("UTC");
        let e = parse_time("2026-11-26T14:00:01Z", now, &z).unwrap_err();
        assert!(e.to_string().contains("in the future"), "{e}");
        assert!(parse_time("9999-12-31 23:59", now, &z).is_err());
        let e = parse_time("1969-12-31T23:59:59Z", now, &z).unwrap_err();
        assert!(e.to_string().contains("too far in the past"), "{e}");
        assert!(parse_time("0001-01-01T00:00:00Z", now, &z).is_err());
    }

    #[test]
    fn dst_gap_and_fold_are_explained() {
        let now = utc("2026-12-01T00:00:00Z");
        let z = zone("America/New_York");
        // 2026-03-08 02:30 does not exist in New York.
        let gap = parse_time("2026-03-08 02:30", now, &z).unwrap_err();
        assert!(gap.to_string().contains("skipped"), "{gap}");
        // 2026-11-01 01:30 happens twice.
        let fold = parse_time("2026-11-01 01:30", now, &z).unwrap_err();
        assert!(fold.to_string().contains("twice"), "{fold}");
        assert_eq!(
            fold.hint_text(),
            Some(
                "give the time with its offset: 2026-11-01T01:30:00-04:00 for the first, 2026-11-01T01:30:00-05:00 for the second"
            )
        );
        // With an offset it is exact.
        assert_eq!(
            parse_time("2026-11-01T01:30:00-04:00", now, &z).unwrap(),
            utc("2026-11-01T05:30:00Z")
        );
    }

    #[test]
    fn time_of_day_in_a_gap_today_is_refused() {
        let z = zone("America/New_York");
        let now = utc("2026-03-08T12:00:00Z"); // 08:00 EDT, after the jump
        let e = parse_time("02:30", now, &z).unwrap_err();
        assert!(e.to_string().contains("skipped"), "{e}");
    }

    #[test]
    fn time_of_day_never_reaches_back_past_a_skipped_yesterday() {
        // 01:00 in Berlin on 30 March: today's 02:30 is still to come and
        // yesterday's never happened (the clocks jumped from 02:00 to 03:00).
        let z = zone("Europe/Berlin");
        let now = utc("2026-03-29T23:00:00Z");
        for input in ["02:30", "02:00"] {
            let e = parse_time(input, now, &z).unwrap_err();
            assert!(
                e.to_string().contains("did not happen on 2026-03-29"),
                "{e}"
            );
        }
        assert_eq!(
            parse_time("01:30", now, &z).unwrap(),
            utc("2026-03-29T00:30:00Z")
        );
    }

    #[test]
    fn leap_seconds_are_refused() {
        let now = utc("2026-11-26T14:00:00Z");
        let z = zone("UTC");
        for input in ["2026-11-26T10:00:60Z", "13:59:60", "2026-11-26 13:59:60"] {
            let e = parse_time(input, now, &z);
            assert!(e.is_err(), "{input} should be refused");
        }
    }

    #[test]
    fn time_of_day_in_a_fold_takes_the_most_recent() {
        let z = zone("America/New_York");
        let now = utc("2026-11-01T12:00:00Z");
        assert_eq!(
            parse_time("01:30", now, &z).unwrap(),
            utc("2026-11-01T06:30:00Z")
        );
    }

    #[test]
    fn formatting_shows_date_time_and_zone() {
        let t = utc("2026-11-26T13:05:00Z");
        assert_eq!(zone("Europe/Berlin").format(t), "2026-11-26 14:05 CET");
        assert_eq!(zone("UTC").format(t), "2026-11-26 13:05 UTC");
        assert_eq!(zone("utc").format(t), "2026-11-26 13:05 UTC");
        assert!(
            Zone::from_name("europe/berlin").is_err(),
            "names are case-sensitive"
        );
        for not_a_name in [
            "UTC+3",
            "../../etc/passwd",
            "Europe/Berlin/",
            "/etc/localtime",
            "right/Europe/Berlin",
            "Europe",
        ] {
            assert!(
                Zone::from_name(not_a_name).is_err(),
                "{not_a_name} should be refused"
            );
        }
        assert_eq!(zone("Etc/GMT+3").format(t), "2026-11-26 10:05 -03");
        assert!(Zone::from_name("Mars/Olympus").is_err());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    const ZONES: [&str; 6] = [
        "UTC",
        "Europe/Berlin",
        "America/New_York",
        "Australia/Lord_Howe",
        "Asia/Kolkata",
        "Pacific/Chatham",
    ];

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 14, 0, 0).unwrap()
    }

    /// Any second from 1970 to now.
    fn instant() -> impl Strategy<Value = DateTime<Utc>> {
        (0..=now().timestamp()).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
    }

    fn zone() -> impl Strategy<Value = Zone> {
        prop::sample::select(ZONES.to_vec()).prop_map(|n| Zone::from_name(n).unwrap())
    }

    proptest! {
        #[test]
        fn never_panics_and_never_leaves_the_allowed_range(input in "\\PC{0,40}", z in zone()) {
            if let Ok(t) = parse_time(&input, now(), &z) {
                prop_assert!(t <= now());
                prop_assert!(t >= earliest());
            }
        }

        #[test]
        fn shaped_input_never_panics(
            sign in prop::sample::select(vec!["-", "", "+"]),
            n in any::<u64>(),
            unit in prop::sample::select(vec!["s", "m", "h", "d", "min", "hours", "x", ""]),
            ago in any::<bool>(),
        ) {
            let input = format!("{sign}{n}{unit}{}", if ago { " ago" } else { "" });
            let _ = parse_time(&input, now(), &Zone::from_name("UTC").unwrap());
        }

        #[test]
        fn rfc3339_round_trips(t in instant(), z in zone()) {
            let text = z.rfc3339(t);
            prop_assert_eq!(parse_time(&text, now(), &z).unwrap(), t);
        }

        #[test]
        fn relative_minutes_count_back_from_now(n in 0i64..10_000_000) {
            let expected = now() - TimeDelta::minutes(n);
            let z = Zone::from_name("UTC").unwrap();
            let parsed = parse_time(&format!("-{n}m"), now(), &z);
            let ago = parse_time(&format!("{n} minutes ago"), now(), &z);
            if expected >= earliest() {
                prop_assert_eq!(parsed.unwrap(), expected);
                prop_assert_eq!(ago.unwrap(), expected);
            } else {
                prop_assert!(parsed.is_err() && ago.is_err());
            }
        }

        #[test]
        fn wall_clock_times_are_exact_or_refused(t in instant(), z in zone()) {
            // A local date and time either names exactly this instant, or
            // is refused because the zone's clocks repeated it.
            let text = z.naive_local(t).format("%Y-%m-%d %H:%M:%S").to_string();
            match parse_time(&text, now(), &z) {
                Ok(back) => prop_assert_eq!(back, t),
                Err(e) => prop_assert!(e.to_string().contains("happened twice"), "{}", e),
            }
        }

        #[test]
        fn on_a_past_incident_a_time_of_day_stays_on_its_days(
            h in 0u32..24,
            m in 0u32..60,
            z in zone(),
            latest in instant(),
            length in 0i64..4 * 86_400,
        ) {
            let span = EventSpan { started: latest - TimeDelta::seconds(length), latest };
            let now = now();
            let input = format!("{h:02}:{m:02}");
            match parse_time_on(&input, now, &z, span) {
                Ok(t) if span.is_past(now) => {
                    prop_assert!(t <= now);
                    let day = z.naive_local(t).date();
                    prop_assert!(z.date(span.started) <= day && day <= z.date(span.latest));
                    if t < now {
                        prop_assert_eq!(z.naive_local(t).format("%H:%M").to_string(), input);
                    }
                }
                Ok(t) => prop_assert_eq!(Ok(t), parse_time(&input, now, &z)),
                Err(e) => {
                    let e = e.to_string();
                    prop_assert!(
                        ["of the incident's days", "skipped", "twice", "in the future"]
                            .iter()
                            .any(|why| e.contains(why)),
                        "{}",
                        e
                    );
                }
            }
        }

        #[test]
        fn a_time_of_day_just_ahead_is_now(
            z in zone(),
            now in instant(),
            ahead in 1..=AHEAD_TOLERANCE.num_seconds(),
        ) {
            let then = now + TimeDelta::seconds(ahead);
            let input = z.naive_local(then).format("%H:%M:%S").to_string();
            prop_assert_eq!(parse_time(&input, now, &z).unwrap(), now);
        }

        #[test]
        fn a_time_of_day_is_the_latest_past_moment_showing_it(
            h in 0u32..24,
            m in 0u32..60,
            z in zone(),
            now in instant().prop_filter("not before 1970-01-02", |t| t.timestamp() > 86_400),
        ) {
            let input = format!("{h:02}:{m:02}");
            // Whether the clock shows it within the tolerance after now,
            // found second by second.
            let wanted = NaiveTime::from_hms_opt(h, m, 0).unwrap();
            let ahead = (1..=AHEAD_TOLERANCE.num_seconds())
                .any(|s| z.naive_local(now + TimeDelta::seconds(s)).time() == wanted);
            match parse_time(&input, now, &z) {
                // Just ahead: now, never yesterday.
                Ok(t) if ahead => prop_assert_eq!(t, now),
                Ok(t) => {
                    prop_assert!(t <= now);
                    // Today or yesterday, never further.
                    let today = z.naive_local(now).date();
                    let day = z.naive_local(t).date();
                    prop_assert!(day == today || Some(day) == today.pred_opt(), "{} from {}", t, now);
                    prop_assert_eq!(z.naive_local(t).format("%H:%M").to_string(), input);
                }
                // Only a time the clocks skipped may be refused.
                Err(e) => prop_assert!(!ahead && e.to_string().contains("skipped"), "{}", e),
            }
        }
    }
}
