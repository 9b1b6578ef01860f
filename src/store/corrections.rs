//! Corrections: an entry's text or time changed, an entry struck from the
//! record or moved to another incident, and an incident's key times set
//! right. Each change is made in place and written down as a `correction`
//! entry saying who changed what from what to what, in one transaction;
//! the incident's state then follows from its corrected timeline, and a
//! correction that would leave the record out of order is refused.

use std::collections::HashMap;

use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::rows::{entries, incidents};
use super::{Store, Tx, time_to_sql};
use crate::error::UserError;
use crate::model::{
    EntryKind, EntryRef, Field, Incident, IncidentRef, IncidentState, NewEntry, Status,
    TimelineEntry, same_person, short_refs,
};

/// A change to an entry's text, time or marks (any of them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntryEdit {
    pub text: Option<String>,
    pub at: Option<DateTime<Utc>>,
    /// Whether it is a key moment, if that changes.
    pub key: Option<bool>,
    /// Whether it is for responders only, if that changes.
    pub private: Option<bool>,
    /// Why, if said.
    pub reason: String,
}

/// A key time of an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyTime {
    Started,
    Detected,
    Declared,
    Mitigated,
    Resolved,
}

impl KeyTime {
    pub const ALL: [KeyTime; 5] = [
        KeyTime::Started,
        KeyTime::Detected,
        KeyTime::Declared,
        KeyTime::Mitigated,
        KeyTime::Resolved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            KeyTime::Started => "started",
            KeyTime::Detected => "detected",
            KeyTime::Declared => "declared",
            KeyTime::Mitigated => "mitigated",
            KeyTime::Resolved => "resolved",
        }
    }

    fn kind(self) -> EntryKind {
        match self {
            KeyTime::Started => EntryKind::Started,
            KeyTime::Detected => EntryKind::Detected,
            KeyTime::Declared => EntryKind::Declared,
            KeyTime::Mitigated => EntryKind::Mitigated,
            KeyTime::Resolved => EntryKind::Resolved,
        }
    }
}

/// Checks the record a correction leaves: the status before it, the
/// incident's state after it, and the entries telling the state that the
/// correction moved in time (their kind and new time). Refuses to leave
/// the record out of order.
pub type RecordCheck<'a> =
    dyn Fn(Status, &IncidentState, &[(EntryKind, DateTime<Utc>)]) -> Result<(), UserError> + 'a;

/// What a correction changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Corrected {
    /// The incident the entry is on now.
    pub incident: Incident,
    /// The entry after the correction.
    pub entry: TimelineEntry,
    /// The correction entries written, one per field changed (none when
    /// nothing changed).
    pub corrections: Vec<TimelineEntry>,
}

impl Store {
    /// Whether a reference names any entry (one, or several it cannot tell
    /// apart), looked for as [`Store::find_entry`] does.
    pub fn names_entry(
        &self,
        reference: &EntryRef,
        within: IncidentRef,
        author: &str,
    ) -> Result<bool> {
        self.read(|conn| Ok(!candidates(conn, reference, within, author)?.is_empty()))
    }

    /// An incident's `declared` entry: its text is the incident's title.
    pub fn declared_entry(&self, which: IncidentRef) -> Result<TimelineEntry> {
        self.read(|conn| {
            let id = incidents::resolve(conn, which)?;
            entries::select(conn, "e.incident_id = ?1 AND e.kind = 'declared'", [id])?
                .into_iter()
                .next()
                .ok_or_else(|| anyhow::anyhow!("#{id} has no declared entry"))
        })
    }

    /// The entry a reference names, looked for on the incident `within`
    /// names first (when it names one that exists), then everywhere. `last`
    /// is the newest entry `author` wrote. Corrections are not entries one
    /// names.
    pub fn find_entry(
        &self,
        reference: &EntryRef,
        within: IncidentRef,
        author: &str,
    ) -> Result<TimelineEntry> {
        self.read(|conn| find(conn, reference, within, author))
    }

    /// The refs of `entries` of an incident: each the shortest end of its
    /// UUID that no other entry of the incident (corrections aside) ends
    /// with, by UUID.
    pub fn entry_refs<'a>(
        &self,
        incident_id: i64,
        entries: impl IntoIterator<Item = &'a TimelineEntry>,
    ) -> Result<HashMap<String, String>> {
        let wanted: Vec<&str> = entries
            .into_iter()
            .filter(|e| e.kind != EntryKind::Correction)
            .map(|e| e.uuid.as_str())
            .collect();
        // A few entries (a board's latest): each against the entries whose
        // UUIDs end in the same four digits, the only ones that can make
        // its ref longer. The whole record as it stands (a timeline): it
        // and the entries struck from it. Else against every entry.
        // Besides the entries given: the others their refs are told apart
        // from (`None`: the entries given are all of them).
        let others: Vec<String> = self.read(|conn| {
            let uuids = |condition: &str, end: Option<&str>| {
                super::rows::all(
                    conn,
                    &format!(
                        "SELECT uuid FROM timeline_entries \
                         WHERE incident_id = ?1 AND kind <> 'correction' AND {condition}"
                    ),
                    rusqlite::params![incident_id, end],
                    |r| r.get::<_, String>(0),
                )
            };
            if wanted.len() <= 64 {
                let mut all = Vec::new();
                for uuid in &wanted {
                    all.extend(uuids("substr(uuid, -4) = ?2", Some(ref_end(uuid)))?);
                }
                return Ok(all);
            }
            let standing: i64 = conn.query_row(
                "SELECT count(*) FROM timeline_entries \
                 WHERE incident_id = ?1 AND kind <> 'correction' AND struck_at IS NULL",
                [incident_id],
                |r| r.get(0),
            )?;
            if usize::try_from(standing).is_ok_and(|n| n == wanted.len()) {
                return uuids("struck_at IS NOT NULL AND ?2 IS NULL", None);
            }
            uuids("?2 IS NULL", None)
        })?;
        // Each UUID once: the entries given may be among the others.
        let mut all: Vec<&str> = others.iter().map(String::as_str).collect();
        all.extend(&wanted);
        let refs = short_refs(wanted.iter().copied(), &all);
        Ok(wanted.into_iter().map(String::from).zip(refs).collect())
    }

    /// Changes an entry's text, time or both, each with a correction
    /// entry. Struck entries and corrections cannot be changed; a change of
    /// time must leave the record in order (`check`).
    pub fn edit_entry(
        &mut self,
        reference: &EntryRef,
        within: IncidentRef,
        author: &str,
        edit: &EntryEdit,
        check: &RecordCheck<'_>,
    ) -> Result<Corrected> {
        self.write(author, |tx| {
            let entry = find(tx.conn, reference, within, author)?;
            refuse_struck(&entry)?;
            let mut corrections = Vec::new();
            if let Some(text) = &edit.text
                && *text != entry.text
            {
                let hint = match entry.kind {
                    // A note, the title, a handoff's briefing: words people
                    // wrote, and may have mistyped.
                    EntryKind::Note | EntryKind::Declared | EntryKind::Handoff => None,
                    EntryKind::Task | EntryKind::TaskDone => {
                        Some("correct the task itself with `inc task edit`")
                    }
                    EntryKind::Update => {
                        Some("an update is recorded as it went out; add a note to correct it")
                    }
                    EntryKind::Command => {
                        Some("a command is recorded as it ran; add a note to explain it")
                    }
                    _ => Some("strike it with `inc entry rm REF --reason ...` and record it again"),
                };
                if let Some(hint) = hint {
                    return Err(UserError::new(format!(
                        "the text of a {} entry cannot be corrected",
                        entry.kind
                    ))
                    .hint(hint)
                    .into());
                }
                entries::set_text(tx, entry.id, text)?;
                corrections.push(correction(
                    tx,
                    &entry,
                    Field::Text,
                    Some(entry.text.clone()),
                    Some(text.clone()),
                    &edit.reason,
                )?);
            }
            if let Some(at) = edit.at
                && at != entry.event_at
            {
                entries::set_time(tx, entry.id, at)?;
                corrections.push(correction(
                    tx,
                    &entry,
                    Field::At,
                    Some(time_to_sql(entry.event_at)),
                    Some(time_to_sql(at)),
                    &edit.reason,
                )?);
                if entry.kind.tells_state() {
                    settle(tx.conn, entry.incident_id, &[(entry.kind, at)], check)?;
                }
            }
            for (field, wanted, now) in [
                (Field::Key, edit.key, entry.key),
                (Field::Private, edit.private, entry.private),
            ] {
                let Some(wanted) = wanted.filter(|w| *w != now) else {
                    continue;
                };
                if entry.kind != EntryKind::Note {
                    return Err(UserError::new(format!(
                        "only notes are marked {}; this is a {} entry",
                        if field == Field::Key {
                            "key moments"
                        } else {
                            "private"
                        },
                        entry.kind
                    ))
                    .into());
                }
                entries::set_mark(tx, entry.id, field, wanted)?;
                let mark = |on: bool| Some(if on { "yes" } else { "no" }.to_string());
                corrections.push(correction(
                    tx,
                    &entry,
                    field,
                    mark(now),
                    mark(wanted),
                    &edit.reason,
                )?);
            }
            if entry.kind == EntryKind::Declared && !corrections.is_empty() {
                settle(tx.conn, entry.incident_id, &[], check)?;
            }
            Ok(Corrected {
                incident: incidents::load(tx.conn, entry.incident_id)?,
                entry: reload(tx.conn, entry.id)?,
                corrections,
            })
        })
    }

    /// Strikes an entry from the record, with the reason: it stays, shown
    /// only in the history, and no longer tells the incident's state.
    pub fn strike_entry(
        &mut self,
        reference: &EntryRef,
        within: IncidentRef,
        author: &str,
        reason: &str,
        check: &RecordCheck<'_>,
    ) -> Result<Corrected> {
        self.write(author, |tx| {
            let entry = find(tx.conn, reference, within, author)?;
            refuse_struck(&entry)?;
            if matches!(entry.kind, EntryKind::Declared) {
                return Err(UserError::new("the declared entry cannot be struck")
                    .hint(format!(
                        "a false alarm or a duplicate is cancelled: `inc cancel -i {} --reason ...`",
                        entry.incident_id
                    ))
                    .into());
            }
            if matches!(
                entry.kind,
                EntryKind::Task | EntryKind::TaskDone | EntryKind::Checklist
            ) {
                // The entry tells of a record (the task, the duty) that
                // would stay as it is: correct the record itself.
                let hint = if entry.kind == EntryKind::Checklist {
                    "a duty done stays done; add a note with `inc tl` to explain"
                } else {
                    "correct the task with `inc task edit N TEXT` or `inc task assign N NAME`; a task done stays done"
                };
                return Err(UserError::new(format!(
                    "a {} entry cannot be struck: it tells of the record it names",
                    entry.kind
                ))
                .hint(hint)
                .into());
            }
            entries::strike(tx, entry.id, reason)?;
            let c = correction(tx, &entry, Field::Struck, None, None, reason)?;
            if entry.kind.tells_state() {
                settle(tx.conn, entry.incident_id, &[], check)?;
            }
            Ok(Corrected {
                incident: incidents::load(tx.conn, entry.incident_id)?,
                entry: reload(tx.conn, entry.id)?,
                corrections: vec![c],
            })
        })
    }

    /// Moves an entry filed on the wrong incident to the incident `to`
    /// names, with a correction entry on each. Only entries that tell no
    /// state can move (notes, commands run, updates): a change of state is
    /// struck where it is wrong and recorded where it belongs.
    pub fn move_entry(
        &mut self,
        reference: &EntryRef,
        within: IncidentRef,
        author: &str,
        to: IncidentRef,
        reason: &str,
    ) -> Result<(Incident, Corrected)> {
        self.write(author, |tx| {
            let entry = find(tx.conn, reference, within, author)?;
            refuse_struck(&entry)?;
            if !matches!(
                entry.kind,
                EntryKind::Note | EntryKind::Command | EntryKind::Update
            ) {
                return Err(UserError::new(format!(
                    "a {} entry cannot move to another incident",
                    entry.kind
                ))
                .hint("strike it with `inc entry rm REF --reason ...` and record it on the right incident")
                .into());
            }
            let from = incidents::load(tx.conn, entry.incident_id)?;
            let dest = incidents::load(tx.conn, incidents::resolve(tx.conn, to)?)?;
            if dest.id == from.id {
                return Err(UserError::new(format!("the entry is already on {}", dest.number))
                    .hint("name the incident it belongs on with --to")
                    .into());
            }
            entries::set_incident(tx, entry.id, dest.id)?;
            let note = |incident: &Incident| -> Result<TimelineEntry> {
                entries::add(
                    tx,
                    incident.id,
                    &NewEntry::correction(
                        &entry.uuid,
                        Field::Incident,
                        Some(from.uuid.clone()),
                        Some(dest.uuid.clone()),
                        reason.to_string(),
                        tx.now,
                    ),
                )
            };
            let corrections = vec![note(&from)?, note(&dest)?];
            Ok((
                from,
                Corrected {
                    incident: dest,
                    entry: reload(tx.conn, entry.id)?,
                    corrections,
                },
            ))
        })
    }

    /// Sets some of an incident's key times right, in one transaction:
    /// each is the time of the entry that tells it (for the start of impact
    /// and the detection, an entry is written when there is none), with a
    /// correction entry giving `reason`. `check` then refuses a record left
    /// out of order. Returns the incident before and after (a time not
    /// given can move with one given: the start of impact is the detection
    /// while no start is recorded).
    pub fn correct_key_times(
        &mut self,
        which: IncidentRef,
        author: &str,
        times: &[(KeyTime, DateTime<Utc>)],
        reason: &str,
        check: &RecordCheck<'_>,
    ) -> Result<(Incident, Incident)> {
        self.write(author, |tx| {
            let id = incidents::resolve(tx.conn, which)?;
            let incident = incidents::load(tx.conn, id)?;
            let mut before = Vec::new();
            let mut moved = Vec::new();
            for &(key, at) in times {
                let was = match key {
                    KeyTime::Started => incident.started_at,
                    KeyTime::Detected => incident.detected_at,
                    KeyTime::Declared => incident.created_at,
                    KeyTime::Mitigated => incident.mitigated_at.ok_or_else(|| {
                        UserError::new(format!("{} is not mitigated yet", incident.number)).hint(
                            format!(
                                "record it with `inc mitigated -i {} --at TIME`",
                                incident.number.bare()
                            ),
                        )
                    })?,
                    KeyTime::Resolved => incident.resolved_at.ok_or_else(|| {
                        UserError::new(format!("{} is not resolved", incident.number)).hint(
                            format!(
                                "resolve it with `inc resolve -i {} --at TIME`",
                                incident.number.bare()
                            ),
                        )
                    })?,
                };
                if was == at {
                    continue;
                }
                let entry = match telling(tx.conn, id, key)? {
                    Some(entry) => {
                        entries::set_time(tx, entry.id, at)?;
                        entry
                    }
                    None => {
                        // The time was told by another entry (the start by
                        // the detection): the new entry is that time
                        // corrected, and marked so.
                        let entry =
                            entries::add(tx, id, &NewEntry::of(key.kind(), String::new(), was))?;
                        entries::set_time(tx, entry.id, at)?;
                        entry
                    }
                };
                correction(
                    tx,
                    &entry,
                    Field::At,
                    Some(time_to_sql(was)),
                    Some(time_to_sql(at)),
                    reason,
                )?;
                before.push((key, was));
                moved.push((key.kind(), at));
            }
            if before.is_empty() {
                return Ok((incident.clone(), incident));
            }
            // A later start must still come before every change of state.
            if before.iter().any(|(k, _)| *k == KeyTime::Started) {
                moved.extend(
                    entries::state_entries(tx.conn, id)?
                        .into_iter()
                        .filter(|e| e.kind.is_change())
                        .map(|e| (e.kind, e.event_at)),
                );
            }
            settle(tx.conn, id, &moved, check)?;
            Ok((incident, incidents::load(tx.conn, id)?))
        })
    }
}

/// The entry that tells a key time now: the declared entry; the earliest
/// started, detected or mitigated entry; the resolved entry that last
/// resolved it.
fn telling(conn: &Connection, incident_id: i64, key: KeyTime) -> Result<Option<TimelineEntry>> {
    let all = entries::select(
        conn,
        "e.incident_id = ?1 AND e.struck_at IS NULL AND e.kind = ?2",
        rusqlite::params![incident_id, key.kind().as_str()],
    )?;
    Ok(match key {
        KeyTime::Resolved => all.into_iter().last(),
        _ => all.into_iter().next(),
    })
}

/// Writes the correction entry for one field of `entry`, on its incident.
fn correction(
    tx: &Tx<'_>,
    entry: &TimelineEntry,
    field: Field,
    from: Option<String>,
    to: Option<String>,
    reason: &str,
) -> Result<TimelineEntry> {
    // A correction of a private note's text carries that text: it is as
    // private as the note.
    let private = entry.private && field == Field::Text;
    entries::add(
        tx,
        entry.incident_id,
        &NewEntry {
            private,
            ..NewEntry::correction(&entry.uuid, field, from, to, reason.to_string(), tx.now)
        },
    )
}

/// Sets the incident's state from its corrected timeline, once `check`
/// agrees with the record it leaves.
fn settle(
    conn: &Connection,
    incident_id: i64,
    moved: &[(EntryKind, DateTime<Utc>)],
    check: &RecordCheck<'_>,
) -> Result<()> {
    let before = incidents::load(conn, incident_id)?;
    if let Some(state) = IncidentState::from_timeline(
        &before.first_commander,
        &entries::state_entries(conn, incident_id)?,
    ) {
        check(before.status, &state, moved)?;
    }
    incidents::refresh(conn, incident_id)
}

fn refuse_struck(entry: &TimelineEntry) -> Result<()> {
    if let Some(struck) = &entry.struck {
        return Err(UserError::new(format!(
            "that entry was struck from the record by {}",
            struck.by
        ))
        .hint("`inc timeline --history` shows it and why")
        .into());
    }
    Ok(())
}

fn reload(conn: &Connection, id: i64) -> Result<TimelineEntry> {
    entries::by_id(conn, id)?.ok_or_else(|| anyhow::anyhow!("entry {id} is not there"))
}

/// The entry a reference names (see [`Store::find_entry`]).
fn find(
    conn: &Connection,
    reference: &EntryRef,
    within: IncidentRef,
    author: &str,
) -> Result<TimelineEntry> {
    let mut found = candidates(conn, reference, within, author)?;
    match (reference, found.len()) {
        (_, 1) => Ok(found.remove(0)),
        (EntryRef::Last, _) => {
            let on = incidents::resolve(conn, within)
                .ok()
                .map(|id| format!(" on #{id}"))
                .unwrap_or_default();
            Err(
                UserError::new(format!("you have written no entry{on} to correct"))
                    .hint("name the entry by its ref, as `inc timeline` shows it")
                    .into(),
            )
        }
        (EntryRef::Suffix(suffix), 0) => Err(UserError::new(format!(
            "no timeline entry has the ref {suffix}"
        ))
        .hint("`inc timeline` shows each entry's ref; `last` names your newest")
        .into()),
        (EntryRef::Suffix(suffix), n) => {
            let incidents: std::collections::BTreeSet<i64> =
                found.iter().map(|e| e.incident_id).collect();
            let on: Vec<String> = incidents.iter().map(|i| format!("#{i}")).collect();
            Err(UserError::new(format!(
                "{n} entries have refs ending {suffix} (on {})",
                on.join(", ")
            ))
            .hint("give more of the ref, or name the incident with -i")
            .into())
        }
    }
}

/// The entries a reference may name: for `last`, the newest `author`
/// wrote (not a correction, not struck), on the incident `within` names
/// if it names one; for the end of a UUID, those on that incident, else
/// those anywhere.
/// The end of a UUID every ref of it has: its last four digits.
fn ref_end(uuid: &str) -> &str {
    &uuid[uuid.len().saturating_sub(crate::model::MIN_REF)..]
}

fn candidates(
    conn: &Connection,
    reference: &EntryRef,
    within: IncidentRef,
    author: &str,
) -> Result<Vec<TimelineEntry>> {
    let scope = incidents::resolve(conn, within).ok();
    match reference {
        EntryRef::Last => {
            let mine: Vec<TimelineEntry> = entries::select(
                conn,
                "(?1 IS NULL OR e.incident_id = ?1) AND e.kind <> 'correction' \
                 AND e.struck_at IS NULL AND lower(e.author) = lower(?2)",
                rusqlite::params![scope, author],
            )?;
            Ok(mine
                .into_iter()
                .filter(|e| same_person(&e.author, author))
                .max_by(|a, b| (&a.clock, &a.uuid).cmp(&(&b.clock, &b.uuid)))
                .into_iter()
                .collect())
        }
        EntryRef::Suffix(suffix) => {
            // Found through the last four digits every ref has.
            let pattern = format!("%{}", suffix.replace(['%', '_'], ""));
            let end = ref_end(suffix);
            let matching = |condition: &str, p: &[&dyn rusqlite::ToSql]| {
                entries::select(
                    conn,
                    &format!(
                        "{condition} AND substr(e.uuid, -4) = ?2 AND e.kind <> 'correction' \
                         AND e.uuid LIKE ?1"
                    ),
                    p,
                )
            };
            let found = match scope {
                Some(id) => matching("e.incident_id = ?3", &[&pattern, &end, &id])?,
                None => Vec::new(),
            };
            if found.is_empty() {
                return matching("1", &[&pattern, &end]);
            }
            Ok(found)
        }
    }
}
