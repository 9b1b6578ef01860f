//! The scales an incident is measured on: severity and status.

use std::fmt;
use std::str::FromStr;

use crate::error::UserError;

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
        let digits = match t.get(..3) {
            Some(prefix) if prefix.eq_ignore_ascii_case("sev") => &t[3..],
            _ => t,
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

/// Where the response stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
    /// Closed without having been an incident: a false alarm, a duplicate
    /// (`inc cancel`). Kept on record, left out of the board and the
    /// statistics, and can be reopened.
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Investigating,
        Status::Identified,
        Status::Monitoring,
        Status::Resolved,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Investigating => "investigating",
            Status::Identified => "identified",
            Status::Monitoring => "monitoring",
            Status::Resolved => "resolved",
            Status::Cancelled => "cancelled",
        }
    }

    /// Still being worked on: neither resolved nor cancelled.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Cancelled)
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
                    .hint("use investigating, identified, monitoring, resolved or cancelled")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_parses_numbers_and_names() {
        assert_eq!("2".parse::<Severity>().unwrap().level(), 2);
        assert_eq!("SEV1".parse::<Severity>().unwrap().level(), 1);
        assert_eq!("sev4".parse::<Severity>().unwrap().level(), 4);
        for bad in [
            "0",
            "5",
            "sev",
            "SEV9",
            "high",
            "",
            "-1",
            "2.5",
            "a€",
            "se€",
            "€€€€",
            "séV1",
        ] {
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
}
