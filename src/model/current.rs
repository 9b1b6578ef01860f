//! Which incident a command acts on: one named by id, or the current one.

use super::Status;
use crate::error::UserError;

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
    /// For reading: the current incident or, when none is open, the one
    /// last chosen (so `inc show` right after `inc resolve` still works).
    Viewing,
}

impl IncidentRef {
    /// The incident named on the command line (`12`, `#12`), if any,
    /// otherwise `fallback`.
    pub fn parse(id: Option<&str>, fallback: IncidentRef) -> Result<IncidentRef, UserError> {
        Ok(match id {
            Some(id) => IncidentRef::Id(parse_incident_id(id)?),
            None => fallback,
        })
    }
}

/// Which incident a command acts on when none is named.
#[derive(Debug, Clone, PartialEq)]
pub enum Current {
    /// This one.
    Chosen(i64),
    /// No open incident at all.
    NoneOpen { last: Option<(i64, Status)> },
    /// Several open incidents and none chosen: how many, and the first few.
    Ambiguous {
        count: usize,
        first: Vec<(i64, String)>,
    },
}

/// How many incidents to name when asking the user to pick one.
pub const NAMED_WHEN_AMBIGUOUS: usize = 5;

/// The current incident is the one set by `open`/`use` while it is open;
/// otherwise the only open incident, if there is exactly one.
/// `open_count` is how many incidents are open, `first_open` the first few
/// of them (id and title).
pub fn choose_current(
    selected: Option<(i64, Status)>,
    open_count: usize,
    first_open: Vec<(i64, String)>,
) -> Current {
    match selected {
        Some((id, status)) if status.is_open() => Current::Chosen(id),
        _ if open_count == 1 && first_open.len() == 1 => Current::Chosen(first_open[0].0),
        _ if open_count == 0 => Current::NoneOpen { last: selected },
        _ => Current::Ambiguous {
            count: open_count,
            first: first_open,
        },
    }
}

impl Current {
    /// The chosen id, or an error that says how to choose.
    pub fn into_id(self) -> Result<i64, UserError> {
        match self {
            Current::Chosen(id) => Ok(id),
            Current::NoneOpen {
                last: Some((last, status)),
            } => Err(UserError::new(format!(
                "no incident is open (#{last} was {status})"
            ))
            .hint(format!(
                "name one with -i {last}, reopen it with `inc reopen {last}`, or declare a new one with `inc open TITLE`"
            ))),
            Current::NoneOpen { last: None } => Err(UserError::new("no incident is open")
                .hint("declare one with `inc open TITLE`, or name one with -i ID")),
            Current::Ambiguous { count, first } => Err(UserError::new(format!(
                "{count} incidents are open and none is current: {}",
                name_incidents(count, &first)
            ))
            .hint("pick one with `inc use ID`, or name it with -i ID")),
        }
    }
}

/// The first few of `count` incidents, for a message: `#1 "API down",
/// #2 "Queue stuck", and 3 more`, long titles shortened.
pub fn name_incidents(count: usize, first: &[(i64, String)]) -> String {
    let mut names: Vec<String> = first
        .iter()
        .map(|(id, title)| format!("#{id} \"{}\"", shorten(title, 40)))
        .collect();
    if count > first.len() {
        names.push(format!("and {} more", count - first.len()));
    }
    names.join(", ")
}

/// The first `max` characters of `text`, with `…` if it was longer.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let two = || vec![(3, "a".to_string()), (4, "b".to_string())];
        let one = || vec![(4, "b".to_string())];
        assert_eq!(
            choose_current(Some((3, Status::Monitoring)), 2, two()),
            Current::Chosen(3)
        );
        assert_eq!(
            choose_current(Some((2, Status::Resolved)), 1, one()),
            Current::Chosen(4)
        );
        assert_eq!(choose_current(None, 1, one()), Current::Chosen(4));
        assert_eq!(
            choose_current(Some((2, Status::Resolved)), 0, vec![]),
            Current::NoneOpen {
                last: Some((2, Status::Resolved))
            }
        );
        assert_eq!(
            choose_current(None, 2, two()),
            Current::Ambiguous {
                count: 2,
                first: two()
            }
        );
    }

    #[test]
    fn the_ambiguous_error_names_a_few_and_counts_the_rest() {
        let first: Vec<(i64, String)> = (1..=5).map(|i| (i, format!("incident {i}"))).collect();
        let long = "x".repeat(100);
        let err = Current::Ambiguous {
            count: 13,
            first: vec![(1, long), (2, "say \"hi\"".into())],
        }
        .into_id()
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "13 incidents are open and none is current: #1 \"{}…\", #2 \"say \"hi\"\", and 11 more",
                "x".repeat(40)
            )
        );
        let err = Current::Ambiguous { count: 5, first }
            .into_id()
            .unwrap_err();
        assert!(!err.to_string().contains("more"), "{err}");
    }
}
