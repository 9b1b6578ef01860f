//! The change clock: a hybrid logical clock that orders the changes made on
//! every machine. Each change gets a value that is the wall time, but never
//! less than the last value this database issued or saw (in its own
//! changes or in an import), so a change made after seeing another always
//! sorts after it, whatever the machines' clocks say. Merges compare these
//! values: the later change of a field wins.

use std::fmt;

use chrono::{DateTime, SecondsFormat, TimeDelta, TimeZone, Utc};

/// How many changes one millisecond holds before the clock moves on to the
/// next millisecond (six decimal digits).
const PER_MILLISECOND: u32 = 1_000_000;

/// A value of the change clock: a time to the millisecond and a counter of
/// the changes within it. Written as an RFC 3339 UTC time with nine decimal
/// digits, the last six being the counter (`2026-11-26T14:00:00.123000001Z`):
/// fixed width, so text order is clock order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    millis: i64,
    counter: u32,
}

impl Hlc {
    /// The clock at a wall time, with no change counted in its millisecond.
    pub fn at(t: DateTime<Utc>) -> Hlc {
        Hlc {
            millis: t.timestamp_millis(),
            counter: 0,
        }
    }

    /// The value after `self` for a change made at wall time `now`: `now`
    /// if it is later, else the next value.
    #[must_use]
    pub fn next(self, now: DateTime<Utc>) -> Hlc {
        let wall = now.timestamp_millis();
        if wall > self.millis {
            return Hlc {
                millis: wall,
                counter: 0,
            };
        }
        if self.counter + 1 < PER_MILLISECOND {
            Hlc {
                millis: self.millis,
                counter: self.counter + 1,
            }
        } else {
            Hlc {
                millis: self.millis + 1,
                counter: 0,
            }
        }
    }

    /// The wall time part, to the millisecond.
    pub fn time(self) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(self.millis)
            .single()
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    /// Reads a value written by [`Hlc::fmt`]; None for anything else.
    pub fn parse(s: &str) -> Option<Hlc> {
        // `YYYY-MM-DDTHH:MM:SS.` + 9 digits + `Z`.
        let bytes = s.as_bytes();
        if bytes.len() != 30 || bytes[19] != b'.' || bytes[29] != b'Z' {
            return None;
        }
        let digits = &s[20..29];
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let t = DateTime::parse_from_rfc3339(&format!("{}Z", &s[..19])).ok()?;
        let millis: i64 = digits[..3].parse().ok()?;
        let counter: u32 = digits[3..].parse().ok()?;
        Some(Hlc {
            millis: t.timestamp_millis() + millis,
            counter,
        })
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.time().to_rfc3339_opts(SecondsFormat::Millis, true);
        // `...:SS.mmmZ` becomes `...:SS.mmmccccccZ`.
        write!(f, "{}{:06}Z", &t[..t.len() - 1], self.counter)
    }
}

/// How far ahead of this machine's clock a change from elsewhere may be
/// dated: more is a broken clock or a made-up file, and taking it would
/// drag this database's clock along with it for good.
pub fn max_ahead() -> TimeDelta {
    TimeDelta::days(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn written_fixed_width_and_read_back() {
        let h = Hlc::at(t("2026-11-26T14:00:00.123Z"));
        assert_eq!(h.to_string(), "2026-11-26T14:00:00.123000000Z");
        let n = h.next(t("2026-11-26T14:00:00.123Z"));
        assert_eq!(n.to_string(), "2026-11-26T14:00:00.123000001Z");
        assert_eq!(Hlc::parse(&n.to_string()), Some(n));
        assert!(n > h && n.to_string() > h.to_string());
        for bad in [
            "",
            "2026-11-26T14:00:00.123Z",
            "2026-11-26T14:00:00.12300000xZ",
            "2026-13-26T14:00:00.123000000Z",
            "2026-11-26T14:00:00.123000000+",
        ] {
            assert_eq!(Hlc::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn never_goes_back_and_counts_within_a_millisecond() {
        let late = Hlc::at(t("2026-11-26T15:00:00Z"));
        // A wall clock behind the last value seen: the count goes on.
        let n = late.next(t("2026-11-26T14:00:00Z"));
        assert!(n > late);
        assert_eq!(n.time(), late.time());
        // A wall clock ahead: the clock takes it.
        let ahead = n.next(t("2026-11-26T16:00:00Z"));
        assert_eq!(ahead, Hlc::at(t("2026-11-26T16:00:00Z")));
        // A full millisecond moves on to the next one.
        let full = Hlc {
            millis: late.millis,
            counter: PER_MILLISECOND - 1,
        };
        let next = full.next(t("2026-11-26T14:00:00Z"));
        assert_eq!(next.millis, late.millis + 1);
        assert_eq!(next.counter, 0);
        assert!(next.to_string() > full.to_string());
    }
}
