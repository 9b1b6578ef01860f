//! Which incident a command acts on: one named by id, or the current one.

use super::{Number, Status};
use crate::error::UserError;

/// How an incident is named on the command line: `12` or `#12`.
pub fn parse_incident_id(s: &str) -> Result<IncidentRef, UserError> {
    let t = s.trim();
    let digits = t.strip_prefix('#').unwrap_or(t);
    let (local, digits) = match digits.strip_prefix(['L', 'l']) {
        Some(rest) => (true, rest),
        None => (false, digits),
    };
    let n = digits
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0 && digits.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| {
            UserError::new(format!("`{s}` is not an incident id"))
                .hint("incident ids are numbers such as 12 or #12; `inc list --all` shows them")
        })?;
    Ok(if local {
        IncidentRef::Local(n)
    } else {
        IncidentRef::Typed(n)
    })
}

/// Which incident a command acts on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IncidentRef {
    /// The one with this local id (this database's own number for it).
    Id(i64),
    /// The one named on the command line by its number (`12`, `#12`): on a
    /// team, the team-wide number; otherwise the local id.
    Typed(i64),
    /// The one named by its local number (`L3`, `#L3`): on a team, how an
    /// incident not yet on the hub is named.
    Local(i64),
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
            Some(id) => parse_incident_id(id)?,
            None => fallback,
        })
    }
}

/// Which incident a command acts on when none is named.
#[derive(Debug, Clone, PartialEq)]
pub enum Current {
    /// This one.
    Chosen(i64),
    /// No open incident at all; the one last chosen, if any.
    NoneOpen { last: Option<(i64, Number, Status)> },
    /// Several open incidents and none chosen: how many, and the first few.
    Ambiguous {
        count: usize,
        first: Vec<(Number, String)>,
    },
}

/// How many incidents to name when asking the user to pick one.
pub const NAMED_WHEN_AMBIGUOUS: usize = 5;

/// The current incident is the one set by `open`/`use` while it is open;
/// otherwise the only open incident, if there is exactly one.
/// `open_count` is how many incidents are open, `first_open` the first few
/// of them (id, number and title).
pub fn choose_current(
    selected: Option<(i64, Number, Status)>,
    open_count: usize,
    first_open: Vec<(i64, Number, String)>,
) -> Current {
    match selected {
        Some((id, _, status)) if status.is_open() => Current::Chosen(id),
        _ if open_count == 1 && first_open.len() == 1 => Current::Chosen(first_open[0].0),
        _ if open_count == 0 => Current::NoneOpen { last: selected },
        _ => Current::Ambiguous {
            count: open_count,
            first: first_open.into_iter().map(|(_, n, t)| (n, t)).collect(),
        },
    }
}

impl Current {
    /// The chosen id, or an error that says how to choose.
    pub fn into_id(self) -> Result<i64, UserError> {
        match self {
            Current::Chosen(id) => Ok(id),
            Current::NoneOpen {
                last: Some((_, number, status)),
            } => {
                let last = number.bare();
                Err(UserError::new(format!("no incident is open ({number} was {status})")).hint(
                    format!(
                        "name one with -i {last}, reopen it with `inc reopen {last}`, or declare a new one with `inc open TITLE`"
                    ),
                ))
            }
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
pub fn name_incidents(count: usize, first: &[(Number, String)]) -> String {
    let mut names: Vec<String> = first
        .iter()
        .map(|(number, title)| format!("{number} \"{}\"", shorten(title, 40)))
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
        assert_eq!(parse_incident_id("12").unwrap(), IncidentRef::Typed(12));
        assert_eq!(parse_incident_id("#7").unwrap(), IncidentRef::Typed(7));
        assert_eq!(parse_incident_id("L3").unwrap(), IncidentRef::Local(3));
        assert_eq!(parse_incident_id("#l3").unwrap(), IncidentRef::Local(3));
        for bad in [
            "",
            "#",
            "0",
            "-3",
            "+3",
            "abc",
            "1.5",
            "99999999999999999999",
            "L",
            "L0",
            "#L-1",
        ] {
            assert!(parse_incident_id(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn current_incident_rule() {
        let n = Number::Local;
        let two = || vec![(3, n(3), "a".to_string()), (4, n(4), "b".to_string())];
        let one = || vec![(4, n(4), "b".to_string())];
        assert_eq!(
            choose_current(Some((3, n(3), Status::Monitoring)), 2, two()),
            Current::Chosen(3)
        );
        assert_eq!(
            choose_current(Some((2, n(2), Status::Resolved)), 1, one()),
            Current::Chosen(4)
        );
        assert_eq!(choose_current(None, 1, one()), Current::Chosen(4));
        assert_eq!(
            choose_current(Some((2, n(2), Status::Resolved)), 0, vec![]),
            Current::NoneOpen {
                last: Some((2, n(2), Status::Resolved))
            }
        );
        assert_eq!(
            choose_current(None, 2, two()),
            Current::Ambiguous {
                count: 2,
                first: vec![(n(3), "a".to_string()), (n(4), "b".to_string())]
            }
        );
    }

    #[test]
    fn the_ambiguous_error_names_a_few_and_counts_the_rest() {
        let first: Vec<(Number, String)> = (1..=5)
            .map(|i| (Number::Local(i), format!("incident {i}")))
            .collect();
        let long = "x".repeat(100);
        let err = Current::Ambiguous {
            count: 13,
            first: vec![
                (Number::Team(1), long),
                (Number::Unshared(2), "say \"hi\"".into()),
            ],
        }
        .into_id()
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "13 incidents are open and none is current: #1 \"{}…\", #L2 \"say \"hi\"\", and 11 more",
                "x".repeat(40)
            )
        );
        let err = Current::Ambiguous { count: 5, first }
            .into_id()
            .unwrap_err();
        assert!(!err.to_string().contains("more"), "{err}");
    }

    #[test]
    fn a_number_is_shown_in_the_form_it_is_typed() {
        assert_eq!(Number::Local(3).to_string(), "#3");
        assert_eq!(Number::Team(12).to_string(), "#12");
        assert_eq!(Number::Unshared(3).to_string(), "#L3");
        for n in [Number::Team(12), Number::Unshared(3)] {
            let typed = parse_incident_id(&n.to_string()).unwrap();
            assert_eq!(
                typed,
                match n {
                    Number::Unshared(i) => IncidentRef::Local(i),
                    Number::Team(i) | Number::Local(i) => IncidentRef::Typed(i),
                }
            );
        }
    }
}
