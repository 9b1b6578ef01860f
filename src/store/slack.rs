//! Timeline notes, handoffs, status updates and action items imported from
//! a Slack export: each with the UUID derived from its message, so that
//! importing again adds nothing.

use std::collections::HashMap;

use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension as _};

use super::Store;
use super::rows::Table;
use super::rows::actions::Actions;
use super::rows::entries::{self, Entries};
use super::rows::incidents::{self, load, resolve};
use crate::model::exchange::ExAction;
use crate::model::{ActionStatus, EntryKind, Incident, IncidentRef, NewEntry, TimelineEntry};
use crate::store::{NewAction, time_at, time_to_sql};

/// A message to import: its own UUID and author, and the entry it
/// becomes, or, with `action`, the action item (its text also the
/// entry's, its time the entry's).
#[derive(Debug, Clone)]
pub struct GivenNote {
    pub uuid: String,
    pub author: String,
    pub entry: NewEntry,
    pub action: Option<NewAction>,
}

/// What an import did, or would do.
#[derive(Debug)]
pub struct Imported {
    pub incident: Incident,
    /// What became of each note, in the order given.
    pub fates: Vec<Fate>,
    /// The notes given as private (from a private channel) that were
    /// imported before as public, and are left so: the import changes
    /// nothing already there.
    pub left_public: Vec<TimelineEntry>,
}

/// What became, or would become, of a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// New: imported (or, in a dry run, would be).
    New,
    /// A handoff `inc handoff` would refuse, imported as a note instead
    /// (or, in a dry run, would be): why.
    NewNote { why: String },
    /// Already on this incident's timeline with the same text.
    There,
    /// Already imported, and the text changed since: the first import's
    /// text is kept, given here.
    Changed { kept: String },
    /// Already imported into another incident.
    Elsewhere { incident_id: i64 },
}

impl Store {
    /// Imports notes into an incident in one transaction, all or nothing;
    /// notes already imported are left as they are. Each is written down
    /// when it was posted: its `recorded_at` is its `event_at`, as its
    /// author wrote it then. With `dry_run`, only says what would happen
    /// and writes nothing.
    pub fn import_notes(
        &mut self,
        which: IncidentRef,
        notes: &[GivenNote],
        dry_run: bool,
    ) -> Result<Imported> {
        if dry_run {
            return self.read(|conn| {
                let id = resolve(conn, which)?;
                let incident = load(conn, id)?;
                let mut left_public = Vec::new();
                // A message seen twice in the export (in two day files)
                // is imported once: the dry run says so too.
                let mut seen: HashMap<&str, &str> = HashMap::new();
                // The handoffs the import would write, for the next ones.
                let mut pending: Vec<(DateTime<Utc>, String)> = Vec::new();
                let fates = notes
                    .iter()
                    .map(|n| match seen.get(n.uuid.as_str()) {
                        Some(text) if *text == n.entry.text => Ok(Fate::There),
                        Some(text) => Ok(Fate::Changed {
                            kept: (*text).to_string(),
                        }),
                        None => {
                            let (mut f, public) = fate(conn, id, n)?;
                            if f == Fate::New {
                                seen.insert(&n.uuid, &n.entry.text);
                                if n.action.is_none() && n.entry.kind == EntryKind::Handoff {
                                    match handoff_refused(conn, &incident, &n.entry, &pending)? {
                                        Some(why) => f = Fate::NewNote { why },
                                        None => pending.push((
                                            n.entry.event_at,
                                            n.entry.to.clone().unwrap_or_default(),
                                        )),
                                    }
                                }
                            }
                            left_public.extend(public);
                            Ok(f)
                        }
                    })
                    .collect::<Result<Vec<_>>>()?;
                once_each(&mut left_public);
                Ok(Imported {
                    incident,
                    fates,
                    left_public,
                })
            });
        }
        self.write("", |tx| {
            let id = resolve(tx.conn, which)?;
            let incident = load(tx.conn, id)?;
            let mut fates = Vec::with_capacity(notes.len());
            let mut left_public = Vec::new();
            let mut restate = false;
            for note in notes {
                let (mut f, public) = fate(tx.conn, id, note)?;
                left_public.extend(public);
                if f == Fate::New {
                    match &note.action {
                        Some(action) => {
                            let at = time_to_sql(note.entry.event_at);
                            let record = ExAction {
                                uuid: note.uuid.clone(),
                                clock: tx.tick(),
                                body: action.text.clone(),
                                owner: action.owner.clone(),
                                due: action.due.map(|d| d.to_string()),
                                priority: action.priority.as_str().to_string(),
                                action_type: action.action_type.map(|t| t.as_str().to_string()),
                                status: ActionStatus::Open.as_str().to_string(),
                                closed_at: None,
                                created_at: at,
                                created_by: note.author.clone(),
                                link: None,
                                changed: Default::default(),
                            };
                            Actions::insert(tx.conn, id, &record)?;
                        }
                        None => {
                            let mut entry = note.entry.clone();
                            if entry.kind == EntryKind::Handoff {
                                match handoff_refused(tx.conn, &incident, &entry, &[])? {
                                    Some(why) => {
                                        entry.kind = EntryKind::Note;
                                        entry.to = None;
                                        f = Fate::NewNote { why };
                                    }
                                    None => {
                                        entry.from =
                                            commander_at(tx.conn, id, entry.event_at, &[])?;
                                    }
                                }
                            }
                            restate |= entry.kind.tells_state();
                            let mut record = entries::new_record(tx, &entry, None);
                            record.uuid.clone_from(&note.uuid);
                            record.author.clone_from(&note.author);
                            record.recorded_at = time_to_sql(note.entry.event_at);
                            Entries::insert(tx.conn, id, &record)?;
                        }
                    }
                }
                fates.push(f);
            }
            if restate {
                // A handoff changes who is in command.
                incidents::refresh(tx.conn, id)?;
            }
            once_each(&mut left_public);
            Ok(Imported {
                incident,
                fates,
                left_public,
            })
        })
    }
}

/// Why `inc handoff` would refuse a handoff imported as `entry`, if it
/// would: it comes before the incident was declared, or hands command to
/// whoever already held it.
fn handoff_refused(
    conn: &Connection,
    incident: &Incident,
    entry: &NewEntry,
    pending: &[(DateTime<Utc>, String)],
) -> Result<Option<String>> {
    if entry.event_at < incident.created_at {
        return Ok(Some("it was said before the incident was declared".into()));
    }
    let to = entry.to.as_deref().unwrap_or_default();
    let from = commander_at(conn, incident.id, entry.event_at, pending)?;
    Ok(from
        .filter(|from| crate::model::same_person(from, to))
        .map(|_| format!("{to} was already in command")))
}

/// Who was in command of an incident just before `at`, as its timeline
/// tells (the last handoff's new commander, else the first commander),
/// with the handoffs of this import not yet written (`pending`: when, to
/// whom) taken into account.
fn commander_at(
    conn: &Connection,
    incident_id: i64,
    at: DateTime<Utc>,
    pending: &[(DateTime<Utc>, String)],
) -> Result<Option<String>> {
    let last: Option<(DateTime<Utc>, Option<String>)> = conn
        .prepare_cached(
            "SELECT event_at, to_value FROM timeline_entries WHERE incident_id = ?1 \
             AND kind = 'handoff' AND struck_at IS NULL AND event_at < ?2 \
             ORDER BY event_at DESC, clock DESC LIMIT 1",
        )?
        .query_row(rusqlite::params![incident_id, time_to_sql(at)], |r| {
            Ok((time_at(r, 0)?, r.get(1)?))
        })
        .optional()?;
    let recorded = last.and_then(|(when, to)| Some((when, to?)));
    let planned = pending
        .iter()
        .filter(|(when, _)| *when < at)
        .max_by_key(|(when, _)| *when);
    match (recorded, planned) {
        (Some((r, to)), Some((p, _))) if r >= *p => Ok(Some(to)),
        (_, Some((_, to))) => Ok(Some(to.clone())),
        (Some((_, to)), None) => Ok(Some(to)),
        (None, None) => Ok(conn
            .query_row(
                "SELECT first_commander FROM incidents WHERE id = ?1",
                [incident_id],
                |r| r.get(0),
            )
            .optional()?),
    }
}

/// A message seen in two day files names its entry once.
fn once_each(entries: &mut Vec<TimelineEntry>) {
    let mut seen = std::collections::HashSet::new();
    entries.retain(|e| seen.insert(e.uuid.clone()));
}

/// What becomes of a note, and, when it is given as private but is on
/// this incident's timeline as public, that entry.
fn fate(
    conn: &Connection,
    incident_id: i64,
    note: &GivenNote,
) -> Result<(Fate, Option<TimelineEntry>)> {
    // A message imported before as another kind of record (an earlier inc
    // took an action item for a note) is there already, as it was.
    let other_table = if note.action.is_some() {
        "SELECT incident_id FROM timeline_entries WHERE uuid = ?1"
    } else {
        "SELECT incident_id FROM actions WHERE uuid = ?1"
    };
    let other: Option<i64> = conn
        .prepare_cached(other_table)?
        .query_row([&note.uuid], |r| r.get(0))
        .optional()?;
    if let Some(id) = other {
        let fate = if id == incident_id {
            Fate::There
        } else {
            Fate::Elsewhere { incident_id: id }
        };
        return Ok((fate, None));
    }
    if note.action.is_some() {
        let found: Option<(i64, String)> = conn
            .prepare_cached("SELECT incident_id, body FROM actions WHERE uuid = ?1")?
            .query_row([&note.uuid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        return Ok((
            match found {
                None => Fate::New,
                Some((id, _)) if id != incident_id => Fate::Elsewhere { incident_id: id },
                Some((_, body)) if body == note.entry.text => Fate::There,
                Some((_, body)) => Fate::Changed { kept: body },
            },
            None,
        ));
    }
    let found: Option<(i64, i64, String, bool)> = conn
        .prepare_cached(
            "SELECT id, incident_id, body, private FROM timeline_entries WHERE uuid = ?1",
        )?
        .query_row([&note.uuid], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                r.get(3)?,
            ))
        })
        .optional()?;
    let Some((entry_id, id, body, private)) = found else {
        return Ok((Fate::New, None));
    };
    if id != incident_id {
        return Ok((Fate::Elsewhere { incident_id: id }, None));
    }
    let public = if note.entry.private && !private {
        entries::by_id(conn, entry_id)?
    } else {
        None
    };
    let fate = if body == note.entry.text {
        Fate::There
    } else {
        Fate::Changed { kept: body }
    };
    Ok((fate, public))
}
