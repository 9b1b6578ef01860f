//! Timeline notes imported from a Slack export: each with the UUID derived
//! from its message, so that importing again adds nothing.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension as _};

use super::Store;
use super::rows::Table;
use super::rows::entries::{self, Entries};
use super::rows::incidents::{load, resolve};
use crate::model::{Incident, IncidentRef, NewEntry};
use crate::store::time_to_sql;

/// A note to import: its own UUID and author.
#[derive(Debug, Clone)]
pub struct GivenNote {
    pub uuid: String,
    pub author: String,
    pub entry: NewEntry,
}

/// What became, or would become, of a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// New: imported (or, in a dry run, would be).
    New,
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
    ) -> Result<(Incident, Vec<Fate>)> {
        if dry_run {
            return self.read(|conn| {
                let id = resolve(conn, which)?;
                let incident = load(conn, id)?;
                // A message seen twice in the export (in two day files)
                // is imported once: the dry run says so too.
                let mut seen: HashMap<&str, &str> = HashMap::new();
                let fates = notes
                    .iter()
                    .map(|n| match seen.get(n.uuid.as_str()) {
                        Some(text) if *text == n.entry.text => Ok(Fate::There),
                        Some(text) => Ok(Fate::Changed {
                            kept: (*text).to_string(),
                        }),
                        None => {
                            let f = fate(conn, id, n)?;
                            if f == Fate::New {
                                seen.insert(&n.uuid, &n.entry.text);
                            }
                            Ok(f)
                        }
                    })
                    .collect::<Result<Vec<_>>>()?;
                Ok((incident, fates))
            });
        }
        self.write("", |tx| {
            let id = resolve(tx.conn, which)?;
            let incident = load(tx.conn, id)?;
            let mut fates = Vec::with_capacity(notes.len());
            for note in notes {
                let f = fate(tx.conn, id, note)?;
                if f == Fate::New {
                    let mut record = entries::new_record(tx, &note.entry, None);
                    record.uuid.clone_from(&note.uuid);
                    record.author.clone_from(&note.author);
                    record.recorded_at = time_to_sql(note.entry.event_at);
                    Entries::insert(tx.conn, id, &record)?;
                }
                fates.push(f);
            }
            Ok((incident, fates))
        })
    }
}

fn fate(conn: &Connection, incident_id: i64, note: &GivenNote) -> Result<Fate> {
    let found: Option<(i64, String)> = conn
        .prepare_cached("SELECT incident_id, body FROM timeline_entries WHERE uuid = ?1")?
        .query_row([&note.uuid], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            ))
        })
        .optional()?;
    Ok(match found {
        None => Fate::New,
        Some((id, _)) if id != incident_id => Fate::Elsewhere { incident_id: id },
        Some((_, body)) if body == note.entry.text => Fate::There,
        Some((_, kept)) => Fate::Changed { kept },
    })
}
