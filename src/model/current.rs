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
    /// The one last chosen by `open` or `use`, even if resolved.
    Selected,
    /// For reading: the current incident or, when none is open, the one
    /// last chosen (so `inc show` right after `inc resolve` still works).
    Viewing,
}

impl IncidentRef {
    /// `Id` when given, otherwise `fallback`.
    pub fn or(id: Option<i64>, fallback: IncidentRef) -> IncidentRef {
        id.map_or(fallback, IncidentRef::Id)
    }
}

/// Which incident a command acts on when none is named.
#[derive(Debug, Clone, PartialEq)]
pub enum Current {
    /// This one.
    Chosen(i64),
    /// No open incident at all.
    NoneOpen { last: Option<i64> },
    /// Several open incidents and none chosen.
    Ambiguous(Vec<(i64, String)>),
}

/// The current incident is the one set by `open`/`use` while it is open;
/// otherwise the only open incident, if there is exactly one.
pub fn choose_current(selected: Option<(i64, Status)>, open: Vec<(i64, String)>) -> Current {
    match selected {
        Some((id, status)) if status.is_open() => Current::Chosen(id),
        _ if open.len() == 1 => Current::Chosen(open[0].0),
        _ if open.is_empty() => Current::NoneOpen {
            last: selected.map(|(id, _)| id),
        },
        _ => Current::Ambiguous(open),
    }
}

impl Current {
    /// The chosen id, or an error that says how to choose.
    pub fn into_id(self) -> Result<i64, UserError> {
        match self {
            Current::Chosen(id) => Ok(id),
            Current::NoneOpen { last: Some(last) } => Err(UserError::new(format!(
                "no incident is open (#{last} was resolved)"
            ))
            .hint(format!(
                "name one with -i {last}, reopen it with `inc reopen {last}`, or declare a new one with `inc open TITLE`"
            ))),
            Current::NoneOpen { last: None } => Err(UserError::new("no incident is open")
                .hint("declare one with `inc open TITLE`, or name one with -i ID")),
            Current::Ambiguous(open) => {
                let names: Vec<String> = open
                    .iter()
                    .map(|(id, title)| format!("#{id} {title:?}"))
                    .collect();
                Err(UserError::new(format!(
                    "{} incidents are open and none is current: {}",
                    open.len(),
                    names.join(", ")
                ))
                .hint("pick one with `inc use ID`, or name it with -i ID"))
            }
        }
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
        let open = vec![(3, "a".to_string()), (4, "b".to_string())];
        assert_eq!(
            choose_current(Some((3, Status::Monitoring)), open.clone()),
            Current::Chosen(3)
        );
        assert_eq!(
            choose_current(Some((2, Status::Resolved)), vec![(4, "b".into())]),
            Current::Chosen(4)
        );
        assert_eq!(
            choose_current(None, vec![(4, "b".into())]),
            Current::Chosen(4)
        );
        assert_eq!(
            choose_current(Some((2, Status::Resolved)), vec![]),
            Current::NoneOpen { last: Some(2) }
        );
        assert_eq!(choose_current(None, open.clone()), Current::Ambiguous(open));
    }
}
