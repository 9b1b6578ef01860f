//! Reading the times people type (`14:05`, `-15m`, `2026-11-26 14:05`,
//! RFC 3339) and showing stored UTC times in a time zone. Pure: the current
//! time and the zone are passed in.
//!
//! Zones come from the system's time zone database (`/usr/share/zoneinfo`),
//! read at run time: the same rules as every other program on the machine,
//! and nothing compiled in (a built-in database costs every start of `inc`
//! about a megabyte of relocated tables).

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeDelta,
    TimeZone, Utc,
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
                .hint("use an IANA name such as Europe/Berlin, America/New_York or UTC (from the system's zoneinfo)")
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
        tz::TimeZone::from_posix_tz(n)
            .map(|tz| Zone {
                name: n.to_string(),
                tz,
            })
            .map_err(|_| unknown())
    }

    /// The system's zone: `TZ` if set, else `/etc/localtime`, else UTC.
    pub fn system() -> Zone {
        let name = std::env::var("TZ")
            .ok()
            .map(|tz| tz.trim_start_matches(':').to_string())
            .filter(|tz| !tz.is_empty())
            .unwrap_or_else(|| "the local time zone".to_string());
        match tz::TimeZone::local() {
            Ok(tz) => Zone { name, tz },
            Err(_) => Zone::utc(),
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

    /// Like [`Zone::format`] with seconds.
    pub fn format_precise(&self, t: DateTime<Utc>) -> String {
        self.format_with(t, "%Y-%m-%d %H:%M:%S")
    }

    /// Only the time of day and zone: `14:05 CET`.
    pub fn format_time(&self, t: DateTime<Utc>) -> String {
        self.format_with(t, "%H:%M")
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

    fn naive_local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        t.with_timezone(&self.offset_at(t).0).naive_local()
    }

    fn name(&self) -> &str {
        &self.name
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

/// The earliest time `inc` accepts; anything before is a typo.
fn earliest() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).unwrap()
}

fn not_a_time(input: &str) -> UserError {
    UserError::new(format!("`{input}` is not a time inc understands"))
        .hint("use 14:05, 2026-11-26 14:05, -15m, 2h ago, or RFC 3339 such as 2026-11-26T14:05:00Z")
}

/// Reads a time typed by a person, relative to `now`, in `zone`.
///
/// Accepted: `now`; relative `-15m`, `-1h30m`, `2h ago`, `90s ago`, `1 day ago`;
/// a time of day `HH:MM[:SS]` (the most recent such moment, so 23:55 typed
/// at 00:10 means yesterday); `YYYY-MM-DD HH:MM[:SS]` in `zone`; RFC 3339.
/// Times in the future and before 1970 are refused.
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
        most_recent(time, now, zone, input)?
    } else if let Some(naive) = parse_date_time(s) {
        resolve_wall_clock(naive, zone, input)?
    } else if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        t.with_timezone(&Utc)
    } else {
        return Err(not_a_time(input));
    };
    if t > now {
        return Err(UserError::new(format!(
            "`{input}` is in the future ({}); events can only be recorded once they happened",
            zone.format(t)
        ))
        .hint(format!("the time now is {}", zone.format(now))));
    }
    if t < earliest() {
        return Err(too_far(input));
    }
    Ok(t)
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

/// The most recent moment at or before `now` whose wall clock reads `time`.
fn most_recent(
    time: NaiveTime,
    now: DateTime<Utc>,
    zone: &Zone,
    input: &str,
) -> Result<DateTime<Utc>, UserError> {
    let today = zone.naive_local(now).date();
    let mut skipped: Option<NaiveDate> = None;
    for back in 0..=2 {
        let Some(day) = today.checked_sub_days(chrono::Days::new(back)) else {
            break;
        };
        let candidates = zone.instants(day.and_time(time));
        if candidates.is_empty() && skipped.is_none() && back == 0 {
            skipped = Some(day);
        }
        if let Some(t) = candidates.into_iter().filter(|t| *t <= now).max() {
            if let Some(day) = skipped {
                // Today's wall clock skipped this time (DST): say so rather
                // than silently reaching back a day.
                return Err(dst_gap(input, day, zone));
            }
            return Ok(t);
        }
    }
    Err(not_a_time(input))
}

fn dst_gap(input: &str, day: NaiveDate, zone: &Zone) -> UserError {
    UserError::new(format!(
        "`{input}` did not happen on {day:04}-{:02}-{:02} in {}: the clocks skipped it (daylight saving)",
        day.month(),
        day.day(),
        zone.name(),
        day = day.year()
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
        _ => unreachable!("a wall-clock time maps to at most two instants"),
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
        assert_eq!(zone("utc").format_time(t), "13:05 UTC");
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
        fn a_time_of_day_is_the_latest_past_moment_showing_it(h in 0u32..24, m in 0u32..60, z in zone()) {
            let input = format!("{h:02}:{m:02}");
            match parse_time(&input, now(), &z) {
                Ok(t) => {
                    prop_assert!(t <= now());
                    prop_assert!(now() - t < TimeDelta::hours(26));
                    prop_assert_eq!(z.naive_local(t).format("%H:%M").to_string(), input);
                }
                // Only a time the clocks skipped today may be refused.
                Err(e) => prop_assert!(e.to_string().contains("skipped"), "{}", e),
            }
        }
    }
}
