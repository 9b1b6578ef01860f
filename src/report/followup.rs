//! Follow-up across incidents, for the terminal: `inc actions` (every
//! incident's action items by due date) and `inc reviews` (the review
//! meetings due, overdue and held).

use chrono::{DateTime, NaiveDate, Utc};

use super::table::{cell, finish, table};
use super::text::safe_line;
use crate::model::followup::{ActionOf, ReviewDue, Standing};
use crate::time::Zone;

/// The most of an incident's title a row shows; `--json` has all of it.
const TITLE_WIDTH: usize = 40;

/// `1 day`, `3 days`.
pub fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// `#12 Elevated 500s from API`, or `#12 [drill] ...`, with a long title cut.
fn incident_cell(name: &str, severity: Option<String>, title: &str, drill: bool) -> String {
    let title = safe_line(title);
    let short: String = title.chars().take(TITLE_WIDTH).collect();
    let cut = if short.len() < title.len() { "…" } else { "" };
    let drill = if drill { "[drill] " } else { "" };
    let severity = severity.map(|s| format!("{s} ")).unwrap_or_default();
    format!("{name} {severity}{drill}{short}{cut}")
}

/// `inc actions`: one row per action item, overdue ones flagged in their
/// DUE cell so the flag survives without colour.
pub fn actions(list: &[ActionOf], today: NaiveDate, width: Option<u16>) -> String {
    let mut t = table(
        &["ACTION", "DUE", "INCIDENT", "WHAT", "OWNER", "STATUS"],
        3,
        width,
    );
    for a in list {
        let item = &a.action;
        let due = match item.due {
            Some(d) if item.is_overdue(today) => {
                format!("{d} OVERDUE {}", days((today - d).num_days()))
            }
            Some(d) => d.to_string(),
            None => "-".to_string(),
        };
        t.add_row(vec![
            item.name(),
            due,
            incident_cell(&item.incident_name(), None, &a.incident_title, a.drill),
            cell(&item.text),
            safe_line(&item.owner).into_owned(),
            item.status.to_string(),
        ]);
    }
    finish(&t)
}

/// What the REVIEW column says: how long is left, how late, or when held.
pub fn standing_text(r: &ReviewDue, now: DateTime<Utc>, zone: &Zone) -> String {
    match r.standing {
        Standing::Overdue { days: n } => format!("OVERDUE by {}", days(n)),
        Standing::Due { days: 0 } => "due today".to_string(),
        Standing::Due { days: n } if now < r.target => format!(
            "due: target {} ({} from now), deadline in {}",
            zone.format(r.target),
            super::text::duration(r.target - now),
            days(n)
        ),
        Standing::Due { days: n } => format!("due: {} left", days(n)),
        Standing::Held { days_late } => {
            let at = r
                .incident
                .review_held
                .as_ref()
                .map(|h| zone.format(h.at))
                .unwrap_or_default();
            if days_late == 0 {
                format!("reviewed {at}, on time")
            } else {
                format!("reviewed {at}, {} late", days(days_late))
            }
        }
    }
}

/// `inc reviews`: one row per resolved incident.
pub fn reviews(list: &[ReviewDue], now: DateTime<Utc>, zone: &Zone, width: Option<u16>) -> String {
    let mut t = table(&["INCIDENT", "RESOLVED", "DEADLINE", "REVIEW"], 0, width);
    for r in list {
        let i = &r.incident;
        t.add_row(vec![
            incident_cell(
                &i.number.to_string(),
                Some(i.severity.to_string()),
                &i.title,
                i.drill,
            ),
            i.resolved_at.map(|at| zone.format(at)).unwrap_or_default(),
            r.deadline.to_string(),
            standing_text(r, now, zone),
        ]);
    }
    finish(&t)
}
