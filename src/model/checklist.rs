//! A security incident's checklist: the communication duties (legal,
//! marketing, ...) it brings, each done once, by someone, with a note.

use chrono::{DateTime, Utc};

use super::{Finding, Incident, Level};
use crate::error::UserError;
use crate::time::Zone;

/// One duty on an incident's checklist, as stored.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct ChecklistItem {
    pub id: i64,
    pub uuid: String,
    pub incident_id: i64,
    /// Its number on the incident's checklist, from 1.
    pub position: i64,
    /// Who the duty belongs to, such as `legal` or `marketing`.
    pub area: String,
    /// What must be done.
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub done_at: Option<DateTime<Utc>>,
    pub done_by: Option<String>,
    /// What was done, such as "reported to the regulator, case 2026-114".
    pub note: Option<String>,
}

impl ChecklistItem {
    pub fn is_done(&self) -> bool {
        self.done_at.is_some()
    }

    /// `legal: insurance claims`.
    pub fn text(&self) -> String {
        format!("{}: {}", self.area, self.body)
    }
}

/// A duty about to be added to a checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewChecklistItem {
    pub area: String,
    pub body: String,
}

impl NewChecklistItem {
    /// Reads a duty written `area: what to do`, as in the config file's
    /// `[security] checklist`: the area one word (letters, digits, `-`,
    /// `_`, at most 20), lower-cased; the duty one line.
    pub fn parse(text: &str) -> Result<NewChecklistItem, UserError> {
        let bad = || {
            UserError::new(format!(
                "the checklist item {text:?} is not written \"area: what to do\""
            ))
            .hint("write it like \"legal: notify the cyber insurer\", on one line")
        };
        let (area, body) = text.split_once(':').ok_or_else(bad)?;
        let (area, body) = (area.trim().to_lowercase(), body.trim());
        let word = !area.is_empty()
            && area.chars().count() <= 20
            && area
                .chars()
                .all(|c| c.is_alphanumeric() || "-_".contains(c));
        if !word || body.is_empty() || body.chars().any(char::is_control) {
            return Err(bad());
        }
        Ok(NewChecklistItem {
            area,
            body: body.to_string(),
        })
    }
}

/// Whether item `position` of `incident` (`item`, if there is one) can be
/// marked done at `at`: only on a security incident, only once, and not
/// before the incident began.
/// A checklist item as typed: its number (up to three digits), or the
/// end of its UUID (four hex digits or more), which tells apart items that
/// share a number once two machines' checklists are merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemRef {
    Position(i64),
    Suffix(String),
}

impl ItemRef {
    pub fn parse(typed: &str) -> Result<ItemRef, UserError> {
        let t = typed.trim().trim_start_matches('#');
        if t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()) {
            if let Some(n) = t.parse::<i64>().ok().filter(|n| *n > 0) {
                return Ok(ItemRef::Position(n));
            }
        } else if t.len() >= super::MIN_REF && t.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(ItemRef::Suffix(t.to_ascii_lowercase()));
        }
        Err(
            UserError::new(format!("`{typed}` is not a checklist item number"))
                .hint("item numbers are shown by `inc checklist`"),
        )
    }
}

impl std::fmt::Display for ItemRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ItemRef::Position(n) => write!(f, "{n}"),
            ItemRef::Suffix(s) => f.write_str(s),
        }
    }
}

pub fn check_done(
    incident: &Incident,
    position: i64,
    item: Option<&ChecklistItem>,
    at: DateTime<Utc>,
    zone: &Zone,
) -> Result<(), UserError> {
    let n = incident.number.bare();
    if !incident.security {
        return Err(
            UserError::new(format!("#{n} is not a security incident")).hint(format!(
                "mark it as one with `inc security on -i {n}` to work through its checklist"
            )),
        );
    }
    let Some(item) = item else {
        return Err(
            UserError::new(format!("#{n} has no checklist item {position}"))
                .hint(format!("`inc checklist -i {n}` lists its items")),
        );
    };
    if let Some(done_at) = item.done_at {
        return Err(UserError::new(format!(
            "checklist item {position} of #{n} is already done (by {} at {})",
            item.done_by.as_deref().unwrap_or("?"),
            zone.format(done_at)
        ))
        .hint(format!("`inc checklist -i {n}` shows what was recorded")));
    }
    if at < incident.started_at {
        return Err(UserError::new(format!(
            "done at {} would come before the incident began at {}",
            zone.format(at),
            zone.format(incident.started_at)
        ))
        .hint(format!(
            "give a time no earlier than {}",
            zone.format(incident.started_at)
        )));
    }
    Ok(())
}

/// `inc review --check` on a security incident: a warning for each duty
/// not done yet, naming the command that records it.
/// `incident` is the incident as typed after `-i` (`12`, `L3`).
pub fn open_duties(incident: &str, security: bool, items: &[ChecklistItem]) -> Vec<Finding> {
    if !security {
        return Vec::new();
    }
    items
        .iter()
        .filter(|i| !i.is_done())
        .map(|i| Finding {
            level: Level::Warning,
            message: format!(
                "security checklist item {} is not done: {}",
                i.position,
                i.text()
            ),
            fix: format!(
                "once it is, record it with `inc checklist done {} -i {incident} --note TEXT`",
                i.position
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(position: i64, done: bool) -> ChecklistItem {
        let at = DateTime::parse_from_rfc3339("2026-11-26T14:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        ChecklistItem {
            id: position,
            uuid: String::new(),
            incident_id: 12,
            position,
            area: "legal".into(),
            body: "insurance claims".into(),
            created_at: at,
            created_by: "alice".into(),
            done_at: done.then_some(at),
            done_by: done.then(|| "bob".to_string()),
            note: None,
        }
    }

    #[test]
    fn duties_are_written_area_colon_item() {
        let new = NewChecklistItem::parse(" Legal :  notify the insurer ").unwrap();
        assert_eq!(new.area, "legal");
        assert_eq!(new.body, "notify the insurer");
        for bad in [
            "no colon",
            ": no area",
            "legal:",
            "two words: x",
            "legal: a\nb",
        ] {
            assert!(NewChecklistItem::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn open_duties_of_a_security_incident_are_warnings_with_the_fix() {
        let items = [item(1, true), item(2, false)];
        let found = open_duties("12", true, &items);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].level, Level::Warning);
        assert!(found[0].message.contains("item 2"), "{}", found[0].message);
        assert!(
            found[0].fix.contains("inc checklist done 2 -i 12"),
            "{}",
            found[0].fix
        );
        assert!(open_duties("12", false, &items).is_empty());
    }
}
