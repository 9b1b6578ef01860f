//! Who runs the response: commander assignments (handoffs, with their
//! briefings), roles, in-incident tasks, and everyone involved.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::Incident;
use crate::error::UserError;
use crate::time::Zone;

/// One commander assignment: the first at declaration, then one per handoff.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub id: i64,
    pub uuid: String,
    pub incident_id: i64,
    /// The commander from `assigned_at` on.
    pub name: String,
    /// The commander before, if any.
    pub from: Option<String>,
    /// What the outgoing commander passed on.
    pub briefing: String,
    pub assigned_at: DateTime<Utc>,
    /// Who recorded it: usually `from`, but the outgoing commander may be
    /// asleep and someone else records the handoff.
    pub recorded_by: String,
}

/// The roles a response uses unless the config names others.
pub const DEFAULT_ROLES: [&str; 5] = ["deputy", "scribe", "comms", "ops", "sme"];

/// Who holds a role now.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleHolder {
    pub role: String,
    pub name: String,
    pub assigned_at: DateTime<Utc>,
}

/// A step under way during the incident (often a temporary workaround);
/// not a corrective action item, which comes after.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Task {
    pub id: i64,
    pub uuid: String,
    pub incident_id: i64,
    pub text: String,
    pub owner: Option<String>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub done_at: Option<DateTime<Utc>>,
    pub done_by: Option<String>,
    /// On a team: its ref, the shortest end of its UUID that no other task
    /// of the incident ends with, the same on every laptop. Empty off a
    /// team, where its number names it.
    #[serde(default)]
    pub reference: String,
}

impl Task {
    pub fn is_open(&self) -> bool {
        self.done_at.is_none()
    }

    /// How it is named, shown and typed: its ref on a team, else its
    /// number.
    pub fn name(&self) -> String {
        if self.reference.is_empty() {
            self.id.to_string()
        } else {
            self.reference.clone()
        }
    }
}

/// A person involved in an incident, what they did, and when they joined.
#[derive(Debug, Clone, PartialEq)]
pub struct Responder {
    pub name: String,
    pub joined_at: DateTime<Utc>,
    /// In words: "commander", "scribe", "3 timeline entries", "owns 1 task".
    pub did: Vec<String>,
}

/// How many timeline entries a person wrote, and when the first happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Authorship {
    pub name: String,
    pub first_at: DateTime<Utc>,
    pub entries: usize,
}

/// Whether two names are the same person: case and outer spaces aside.
pub fn same_person(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// When a change that follows an earlier one (a handoff after the last
/// assignment, a role after its holder took it) happened. Times are typed
/// to the minute, so a time in the same minute as the earlier change means
/// just after it; a time in an earlier minute is refused.
pub fn time_after(
    what: &str,
    at: DateTime<Utc>,
    earlier: (&str, DateTime<Utc>),
    zone: &Zone,
) -> Result<DateTime<Utc>, UserError> {
    let (earlier_what, earlier_at) = earlier;
    if at >= earlier_at {
        return Ok(at);
    }
    let minute = |t: DateTime<Utc>| t.timestamp().div_euclid(60);
    if minute(at) == minute(earlier_at) {
        return Ok(earlier_at);
    }
    Err(UserError::new(format!(
        "{what} at {} would come before {earlier_what} at {}",
        zone.format(at),
        zone.format(earlier_at)
    ))
    .hint(format!(
        "give a time no earlier than {}",
        zone.format(earlier_at)
    )))
}

/// Checks a handoff to `to` at `at` against the current assignment, and
/// says when it happened (see [`handoff_time`]).
pub fn check_handoff(
    incident: &Incident,
    current: &Assignment,
    to: &str,
    at: DateTime<Utc>,
    zone: &Zone,
) -> Result<DateTime<Utc>, UserError> {
    if same_person(&current.name, to) {
        return Err(UserError::new(format!(
            "{} is already the commander of {}",
            current.name, incident.number
        ))
        .hint("hand off to someone else; `inc show` lists the commanders"));
    }
    handoff_time(incident, current, at, zone)
}

/// When a handoff typed as `at` happened, whoever takes command: not
/// before the impact started, the one rule for every change of state (see
/// [`Incident::not_before_start`]), and not before the current commander
/// took command. The start is checked first, so that its hint (move the
/// start) is the one given. Both are read to the minute, as times are
/// typed: a handoff in the minute the impact started comes just after it.
pub fn handoff_time(
    incident: &Incident,
    current: &Assignment,
    at: DateTime<Utc>,
    zone: &Zone,
) -> Result<DateTime<Utc>, UserError> {
    let minute = |t: DateTime<Utc>| t.timestamp().div_euclid(60);
    let started = incident.started_at;
    let at = if at < started && minute(at) == minute(started) {
        started
    } else {
        at
    };
    incident.not_before_start(super::EntryKind::Handoff, at, zone)?;
    let took = format!("{} took command", current.name);
    time_after("the handoff", at, (&took, current.assigned_at), zone)
}

/// Checks a role name against the roles in use.
pub fn check_role<S: AsRef<str>>(role: &str, roles: &[S]) -> Result<String, UserError> {
    let wanted = role.trim();
    roles
        .iter()
        .map(AsRef::as_ref)
        .find(|r| r.eq_ignore_ascii_case(wanted))
        .map(str::to_string)
        .ok_or_else(|| {
            let names: Vec<&str> = roles.iter().map(AsRef::as_ref).collect();
            UserError::new(format!("`{role}` is not a role")).hint(format!(
                "roles are {}; the config key roles changes the list",
                names.join(", ")
            ))
        })
}

/// Everyone involved: commanders, role holders (now and before), authors
/// of timeline entries and task owners, each once (names compared without
/// case), in the order they joined.
pub fn responders(
    assignments: &[Assignment],
    roles: &[RoleHolder],
    past_roles: &[RoleHolder],
    authors: &[Authorship],
    tasks: &[Task],
) -> Vec<Responder> {
    let mut people: BTreeMap<String, Responder> = BTreeMap::new();
    let mut note = |name: &str, at: DateTime<Utc>, did: String| {
        let person = people
            .entry(name.trim().to_lowercase())
            .or_insert_with(|| Responder {
                name: name.to_string(),
                joined_at: at,
                did: Vec::new(),
            });
        person.joined_at = person.joined_at.min(at);
        if !person.did.contains(&did) {
            person.did.push(did);
        }
    };
    let current = assignments.last().map(|a| a.name.as_str());
    for a in assignments {
        let what = match current {
            Some(c) if same_person(c, &a.name) => "commander",
            _ => "was commander",
        };
        note(&a.name, a.assigned_at, what.to_string());
    }
    for r in roles {
        note(&r.name, r.assigned_at, r.role.clone());
    }
    for r in past_roles {
        let holds_it = roles
            .iter()
            .any(|now| now.role == r.role && same_person(&now.name, &r.name));
        if !holds_it {
            note(&r.name, r.assigned_at, format!("was {}", r.role));
        }
    }
    for a in authors {
        let noun = if a.entries == 1 { "entry" } else { "entries" };
        note(
            &a.name,
            a.first_at,
            format!("{} timeline {noun}", a.entries),
        );
    }
    let mut owned: BTreeMap<String, (String, usize, usize, DateTime<Utc>)> = BTreeMap::new();
    for t in tasks {
        if let Some(owner) = &t.owner {
            let slot = owned.entry(owner.trim().to_lowercase()).or_insert((
                owner.clone(),
                0,
                0,
                t.created_at,
            ));
            if t.is_open() {
                slot.1 += 1;
            } else {
                slot.2 += 1;
            }
            slot.3 = slot.3.min(t.created_at);
        }
    }
    for (owner, open, done, at) in owned.into_values() {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        if open > 0 {
            note(&owner, at, format!("owns {open} open task{}", plural(open)));
        }
        if done > 0 {
            note(&owner, at, format!("finished {done} task{}", plural(done)));
        }
    }
    let mut list: Vec<Responder> = people.into_values().collect();
    list.sort_by(|a, b| {
        a.joined_at
            .cmp(&b.joined_at)
            .then_with(|| a.name.cmp(&b.name))
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 10, m, 0).unwrap()
    }

    fn assignment(name: &str, from: Option<&str>, m: u32) -> Assignment {
        Assignment {
            id: 0,
            uuid: String::new(),
            incident_id: 1,
            name: name.into(),
            from: from.map(String::from),
            briefing: String::new(),
            assigned_at: t(m),
            recorded_by: name.into(),
        }
    }

    #[test]
    fn roles_are_checked_against_the_list() {
        assert_eq!(check_role("Scribe", &DEFAULT_ROLES).unwrap(), "scribe");
        let e = check_role("captain", &DEFAULT_ROLES).unwrap_err();
        assert!(
            e.hint_text()
                .unwrap()
                .contains("deputy, scribe, comms, ops, sme")
        );
        assert_eq!(
            check_role("lawyer", &["lawyer".to_string()]).unwrap(),
            "lawyer"
        );
    }

    #[test]
    fn responders_are_everyone_once_in_joining_order() {
        let assignments = [
            assignment("carol", None, 0),
            assignment("alice", Some("carol"), 30),
        ];
        let roles = [RoleHolder {
            role: "scribe".into(),
            name: "erin".into(),
            assigned_at: t(5),
        }];
        let authors = [
            Authorship {
                name: "carol".into(),
                first_at: t(0),
                entries: 4,
            },
            Authorship {
                name: "dave".into(),
                first_at: t(10),
                entries: 1,
            },
        ];
        let task = |owner: &str, done: bool| Task {
            id: 1,
            uuid: String::new(),
            incident_id: 1,
            text: "x".into(),
            owner: Some(owner.into()),
            created_at: t(20),
            created_by: "carol".into(),
            done_at: done.then(|| t(25)),
            done_by: None,
            reference: String::new(),
        };
        let tasks = [
            task("frank", false),
            task("frank", false),
            task("gina", true),
        ];
        let past = [RoleHolder {
            role: "comms".into(),
            name: "hana".into(),
            assigned_at: t(6),
        }];
        let list = responders(&assignments, &roles, &past, &authors, &tasks);
        let summary: Vec<(String, Vec<String>)> = list
            .iter()
            .map(|r| (r.name.clone(), r.did.clone()))
            .collect();
        let s = |v: &[&str]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(
            summary,
            vec![
                (
                    "carol".to_string(),
                    s(&["was commander", "4 timeline entries"])
                ),
                ("erin".to_string(), s(&["scribe"])),
                ("hana".to_string(), s(&["was comms"])),
                ("dave".to_string(), s(&["1 timeline entry"])),
                ("frank".to_string(), s(&["owns 2 open tasks"])),
                ("gina".to_string(), s(&["finished 1 task"])),
                ("alice".to_string(), s(&["commander"])),
            ]
        );
    }

    #[test]
    fn handoffs_are_checked() {
        let zone = Zone::utc();
        let incident_for = |id| Incident {
            links: Default::default(),
            number: crate::model::Number::Local(id),
            drill: false,
            review_held: None,
            review_status: crate::model::ReviewStatus::Draft,
            review_owner: None,
            id,
            uuid: String::new(),
            title: "x".into(),
            severity: crate::model::Severity::DEFAULT,
            status: crate::model::Status::Investigating,
            status_at: t(0),
            security: false,
            commander: "carol".into(),
            started_at: t(0),
            detected_at: t(0),
            mitigated_at: None,
            resolved_at: None,
            created_at: t(0),
            created_by: "carol".into(),
            first_commander: "carol".into(),
        };
        let current = assignment("carol", None, 10);
        let inc = incident_for(7);
        assert!(check_handoff(&inc, &current, "alice", t(10), &zone).is_ok());
        let e = check_handoff(&inc, &current, "carol", t(20), &zone).unwrap_err();
        assert_eq!(e.to_string(), "carol is already the commander of #7");
        let e = check_handoff(&inc, &current, "alice", t(9), &zone).unwrap_err();
        assert!(
            e.to_string()
                .contains("would come before carol took command"),
            "{e}"
        );
    }

    #[test]
    fn a_handoff_before_the_impact_started_is_refused() {
        let zone = Zone::utc();
        let started = t(5) + chrono::TimeDelta::seconds(20);
        let inc = Incident {
            links: Default::default(),
            number: crate::model::Number::Local(7),
            drill: false,
            review_held: None,
            review_status: crate::model::ReviewStatus::Draft,
            review_owner: None,
            id: 7,
            uuid: String::new(),
            title: "x".into(),
            severity: crate::model::Severity::DEFAULT,
            status: crate::model::Status::Investigating,
            status_at: started,
            security: false,
            commander: "carol".into(),
            started_at: started,
            detected_at: started,
            mitigated_at: None,
            resolved_at: None,
            created_at: t(0),
            created_by: "carol".into(),
            first_commander: "carol".into(),
        };
        // Carol took command before the start on record (the start was
        // learned later): a handoff between the two is still refused,
        // naming the start.
        let current = assignment("carol", None, 0);
        let e = check_handoff(&inc, &current, "alice", t(3), &zone).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a handoff at 2026-11-26 10:03 UTC would come before the impact started (2026-11-26 10:05 UTC)"
        );
        assert!(
            e.hint_text().unwrap().contains("inc times --started"),
            "{e:?}"
        );
        // The minute of the start is read as just after it.
        assert_eq!(
            check_handoff(&inc, &current, "alice", t(5), &zone).unwrap(),
            started
        );
        assert_eq!(
            check_handoff(&inc, &current, "alice", t(6), &zone).unwrap(),
            t(6)
        );
    }
}
