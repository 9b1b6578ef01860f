//! Merges an exchange document into this database by UUID, in one
//! transaction. A record new here is added (with new local ids); a record
//! already here is merged with the file's copy by the rules of its kind
//! ([`crate::model::exchange::merge`]), which give the same record
//! whichever database runs them and in whatever order files arrive. Then
//! each incident's state is told again by its merged timeline. Importing
//! the same document twice changes nothing the second time.

use std::collections::BTreeSet;

use anyhow::Result;
use rusqlite::Connection;

use super::super::rows::actions::Actions;
use super::super::rows::checklist::Checklist;
use super::super::rows::descriptions::Descriptions;
use super::super::rows::entries::Entries;
use super::super::rows::items::{Factors, Lessons};
use super::super::rows::tasks::Tasks;
use super::super::rows::update_posts::UpdatePosts;
use super::super::rows::{Table, incidents};
use super::super::{Store, Tx};
use crate::error::UserError;
use crate::model::exchange::{
    Document, ExEntry, ExIncident, IncidentMerge, Record, RecordKind, merge, merge_entry,
};
use crate::model::{EntryKind, Incident, IncidentState, Links, Severity, Status};

impl Store {
    /// Merges a checked document (see [`crate::model::exchange::parse`]) in
    /// one IMMEDIATE transaction, all or nothing, and says what it did per
    /// incident. With `dry_run`, the merge runs on a copy in memory and this
    /// database is not touched.
    pub fn import_document(&mut self, doc: &Document, dry_run: bool) -> Result<Vec<IncidentMerge>> {
        if dry_run {
            let mut copy = self.copy_in_memory()?;
            return copy.write("", |tx| merge_document(tx, doc));
        }
        self.write("", |tx| merge_document(tx, doc))
    }
}

pub(in crate::store) fn merge_document(tx: &Tx<'_>, doc: &Document) -> Result<Vec<IncidentMerge>> {
    let mut touched = BTreeSet::new();
    let mut merged = doc
        .incidents
        .iter()
        .enumerate()
        .map(|(i, x)| merge_incident(tx, i, x, &mut touched))
        .collect::<Result<Vec<_>>>()?;
    // Every incident a record was added to, changed on, or moved from:
    // its state is what its timeline now tells.
    for id in touched {
        let before = incidents::load(tx.conn, id)?;
        incidents::refresh(tx.conn, id)?;
        let after = incidents::load(tx.conn, id)?;
        if let Some(m) = merged.iter_mut().find(|m| m.id == id)
            && !m.new
            && let Some(line) = state_change(&before, &after)
        {
            m.updated.push(line);
        }
    }
    for m in &mut merged {
        m.title = incidents::load(tx.conn, m.id)?.title;
    }
    Ok(merged)
}

/// What changed in the state an incident shows, in words, if anything.
fn state_change(before: &Incident, after: &Incident) -> Option<String> {
    let mut changed = Vec::new();
    if after.title != before.title {
        changed.push(format!("title {:?}", after.title));
    }
    if after.status != before.status {
        changed.push(format!("status {}", after.status));
    }
    if after.severity != before.severity {
        changed.push(format!("severity {}", after.severity));
    }
    if after.commander != before.commander {
        changed.push(format!("commander {}", after.commander));
    }
    (!changed.is_empty()).then(|| {
        format!(
            "incident state from the merged timeline: {}",
            changed.join(", ")
        )
    })
}

fn merge_incident(
    tx: &Tx<'_>,
    i: usize,
    x: &ExIncident,
    touched: &mut BTreeSet<i64>,
) -> Result<IncidentMerge> {
    see_clocks(tx, x);
    let mut m = IncidentMerge::default();
    let head = x.head();
    match incidents::find(tx.conn, &x.uuid)? {
        None => {
            m.id = incidents::insert(tx.conn, &head, &placeholder(x))?;
            m.new = true;
            m.add(RecordKind::Incident);
        }
        Some((id, here)) => {
            m.id = id;
            let merged = merge(&here, &head);
            if merged.record != here {
                incidents::put(tx.conn, id, &merged.record)?;
            }
            m.merged(RecordKind::Incident, &merged);
        }
    }
    let id = m.id;
    touched.insert(id);
    let path = |list: &str, j: usize| format!("incidents[{i}].{list}[{j}]");

    for (j, e) in x.timeline.iter().enumerate() {
        merge_one_entry(tx.conn, &mut m, (&x.uuid, id), e, touched)
            .map_err(|err| err.context(path("timeline", j)))?;
    }
    merge_all::<Tasks>(tx.conn, &mut m, RecordKind::Task, &x.tasks, "tasks", i)?;
    let description: Vec<_> = x.description.iter().cloned().collect();
    merge_all::<Descriptions>(
        tx.conn,
        &mut m,
        RecordKind::Description,
        &description,
        "description",
        i,
    )?;
    merge_all::<Factors>(
        tx.conn,
        &mut m,
        RecordKind::Factor,
        &x.factors,
        "factors",
        i,
    )?;
    merge_all::<Actions>(
        tx.conn,
        &mut m,
        RecordKind::Action,
        &x.actions,
        "actions",
        i,
    )?;
    merge_all::<Lessons>(
        tx.conn,
        &mut m,
        RecordKind::Lesson,
        &x.lessons,
        "lessons",
        i,
    )?;
    merge_all::<Checklist>(
        tx.conn,
        &mut m,
        RecordKind::ChecklistItem,
        &x.checklist,
        "checklist",
        i,
    )?;
    merge_all::<UpdatePosts>(
        tx.conn,
        &mut m,
        RecordKind::UpdatePost,
        &x.update_posts,
        "update_posts",
        i,
    )?;
    Ok(m)
}

/// This database's change clock never falls behind a change it now holds.
fn see_clocks(tx: &Tx<'_>, x: &ExIncident) {
    let see = |clock: &str, changed: &crate::model::exchange::Changed| {
        tx.see(clock);
        for c in changed.values() {
            tx.see(c);
        }
    };
    see(&x.clock, &x.changed);
    x.timeline.iter().for_each(|r| see(&r.clock, &r.changed));
    x.tasks.iter().for_each(|r| see(&r.clock, &r.changed));
    x.description.iter().for_each(|r| see(&r.clock, &r.changed));
    x.factors.iter().for_each(|r| see(&r.clock, &r.changed));
    x.actions.iter().for_each(|r| see(&r.clock, &r.changed));
    x.lessons.iter().for_each(|r| see(&r.clock, &r.changed));
    x.checklist.iter().for_each(|r| see(&r.clock, &r.changed));
    x.update_posts
        .iter()
        .for_each(|r| see(&r.clock, &r.changed));
}

/// The state a new incident is written with until its timeline is in and
/// tells its state.
fn placeholder(x: &ExIncident) -> IncidentState {
    let declared = x
        .timeline
        .iter()
        .find(|e| e.kind == EntryKind::Declared.as_str());
    let at = declared
        .and_then(|e| chrono::DateTime::parse_from_rfc3339(&e.event_at).ok())
        .map_or(chrono::DateTime::<chrono::Utc>::MIN_UTC, |t| {
            t.with_timezone(&chrono::Utc)
        });
    IncidentState {
        title: declared.map_or_else(|| "?".into(), |e| e.body.clone()),
        severity: Severity::DEFAULT,
        status: Status::Investigating,
        status_at: at,
        security: false,
        commander: x.first_commander.clone(),
        started_at: at,
        detected_at: at,
        created_at: at,
        created_by: declared.map_or_else(|| x.first_commander.clone(), |e| e.author.clone()),
        mitigated_at: None,
        resolved_at: None,
        links: Links::default(),
    }
}

/// A timeline entry: added when new; when here, merged, and moved to the
/// incident the later move put it on.
fn merge_one_entry(
    conn: &Connection,
    m: &mut IncidentMerge,
    (uuid, id): (&str, i64),
    e: &ExEntry,
    touched: &mut BTreeSet<i64>,
) -> Result<()> {
    let Some((here_id, here)) = Entries::find(conn, &e.uuid)? else {
        Entries::insert(conn, id, e)?;
        m.add(RecordKind::Entry);
        return Ok(());
    };
    let here_uuid = incidents::load(conn, here_id)?.uuid;
    let (merged, on) = merge_entry((&here, &here_uuid), (e, uuid));
    let on_id = if on == here_uuid { here_id } else { id };
    if merged.record != here || on_id != here_id {
        Entries::update(conn, on_id, &merged.record)?;
        touched.insert(here_id);
        touched.insert(on_id);
    }
    m.merged(RecordKind::Entry, &merged);
    Ok(())
}

/// The records of one kind of an incident: each added when new, merged
/// when here. A record here on another incident is refused, with
/// everything else in the file: only timeline entries move, and the update
/// posts with them (a move made here and not yet in the file leaves a post
/// on another incident here than in the file).
fn merge_all<T: Table>(
    conn: &Connection,
    m: &mut IncidentMerge,
    kind: RecordKind,
    records: &[T::Record],
    list: &str,
    i: usize,
) -> Result<()> {
    for (j, record) in records.iter().enumerate() {
        match T::find(conn, record.uuid())? {
            None => {
                T::insert(conn, m.id, record)?;
                m.add(kind);
            }
            Some((incident, _)) if incident != m.id && !T::FOLLOWS_ENTRY => {
                return Err(UserError::new(format!(
                    "incidents[{i}].{list}[{j}]: {} is a record of incident #{incident} in this \
                     database, not of this incident; nothing was imported",
                    record.uuid()
                ))
                .hint("was the file edited by hand? export it again from the other machine")
                .into());
            }
            Some((_, here)) => {
                let merged = merge(&here, record);
                if merged.record != here {
                    T::update(conn, m.id, &merged.record)?;
                }
                m.merged(kind, &merged);
            }
        }
    }
    Ok(())
}

impl Store {
    /// A copy of this database in memory, to try a change on.
    fn copy_in_memory(&self) -> Result<Store> {
        let copy = self.read(|conn| {
            let mut copy = Connection::open_in_memory()?;
            rusqlite::backup::Backup::new(conn, &mut copy)?.run_to_completion(
                1024,
                std::time::Duration::ZERO,
                None,
            )?;
            Ok(copy)
        })?;
        Ok(Store {
            conn: copy,
            path: std::path::PathBuf::from(":memory:"),
            busy_timeout: std::time::Duration::ZERO,
            clock: self.clock,
            team_writes: std::rc::Rc::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::clock::Clock;
    use crate::model::exchange::parse;
    use crate::model::{
        Audience, EntryRef, IncidentRef, NewEntry, NewIncident, PostOutcome, UpdatePost,
    };
    use crate::store::testing::at;

    /// Everything in `from`, merged into `to`.
    fn exchange(from: &Store, to: &mut Store, now: DateTime<Utc>) -> Result<Vec<IncidentMerge>> {
        let doc = from.export(None, "2026-11-26T10:30:00.000Z".into())?;
        let text = serde_json::to_string(&doc)?;
        to.import_document(&parse(&text, now).expect("an export reads back"), false)
    }

    /// An update moved to another incident takes its posts with it. A
    /// machine that has not seen the move still files them under the
    /// incident it knew; the machine that moved it merges them all the
    /// same, rather than refusing the whole file.
    #[test]
    fn posts_of_a_moved_update_merge_from_a_file_that_predates_the_move() {
        let mut here = Store::open_in_memory(Clock::fixed(at(5))).unwrap();
        let mut there = Store::open_in_memory(Clock::fixed(at(5))).unwrap();
        for title in ["API down", "DB slow"] {
            here.create_incident(&NewIncident::new(title, "alice"), "alice", &[])
                .unwrap();
        }
        let (_, update, _) = here
            .record_update(IncidentRef::Id(1), "alice", None, None, |at| NewEntry {
                audience: Some(Audience::External),
                ..NewEntry::of(EntryKind::Update, "investigating".into(), at)
            })
            .unwrap();
        here.record_post(
            &UpdatePost {
                entry_id: update.id,
                attempted_at: at(5),
                attempted_by: "alice".into(),
                outcome: PostOutcome::Sent,
                detail: "HTTP 200".into(),
            },
            None,
        )
        .unwrap();
        exchange(&here, &mut there, at(10)).unwrap();
        here.set_clock(Clock::fixed(at(10)));
        here.move_entry(
            &EntryRef::Suffix(update.uuid.clone()),
            IncidentRef::Id(1),
            "alice",
            IncidentRef::Id(2),
            "meant for the database incident",
        )
        .unwrap();

        exchange(&there, &mut here, at(20)).unwrap();
        assert_eq!(here.updates(1).unwrap(), vec![]);
        let moved = here.updates(2).unwrap();
        assert_eq!(moved.len(), 1);
        assert!(moved[0].1.is_some(), "the post went along");
        // The other way, the move arrives with its post.
        exchange(&here, &mut there, at(20)).unwrap();
        assert_eq!(there.updates(2).unwrap().len(), 1);
        assert!(there.updates(2).unwrap()[0].1.is_some());
    }
}
