//! How people name a task or an action item. Off a team, by its number,
//! this database's id for it. On a team, where each laptop numbers them its
//! own way, by its ref: the shortest end of its UUID, four hex digits or
//! more, that no other record of the same kind on its incident ends with,
//! the same on every laptop that has the same records (as entries are
//! named everywhere).

use anyhow::Result;
use rusqlite::Connection;

use super::Tx;
use super::rows::{all, state};
use crate::error::UserError;
use crate::model::{MIN_REF, short_refs};

/// A kind of record named so.
pub(super) struct Named {
    pub table: &'static str,
    /// In messages: `task`, `action item`.
    pub what: &'static str,
    /// The command that lists them, with their names.
    pub list: &'static str,
}

pub(super) const TASKS: Named = Named {
    table: "tasks",
    what: "task",
    list: "`inc task list --all`",
};

pub(super) const ACTIONS: Named = Named {
    table: "actions",
    what: "action item",
    list: "`inc action list`",
};

/// The local id of the record `typed` names, among the records of incident
/// `within` (or of every incident, when None).
pub(super) fn resolve(tx: &Tx<'_>, kind: &Named, within: Option<i64>, typed: &str) -> Result<i64> {
    let typed = typed.trim();
    if !tx.team {
        return number(kind, typed);
    }
    let hex = typed.to_ascii_lowercase();
    if hex.len() < MIN_REF || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(UserError::new(format!(
            "on a team, a {} is named by its ref, such as 3f2a, not `{typed}`",
            kind.what
        ))
        .hint(format!(
            "{} shows each {}'s ref, the same on every laptop",
            kind.list, kind.what
        ))
        .into());
    }
    // A number typed out of habit reads as a ref too: refused when it is
    // a number here that is not that record's ref.
    if let Ok(n) = hex.parse::<i64>()
        && let Some(uuid) = super::rows::one(
            tx.conn,
            &format!("SELECT uuid FROM {} WHERE id = ?1", kind.table),
            [n],
            |r| r.get::<_, String>(0),
        )?
        && !uuid.ends_with(&hex)
    {
        return Err(UserError::new(format!(
            "on a team, a {} is named by its ref: `{typed}` is a number on this laptop only",
            kind.what
        ))
        .hint(format!(
            "{} shows each {}'s ref, the same on every laptop",
            kind.list, kind.what
        ))
        .into());
    }
    let found: Vec<i64> = all(
        tx.conn,
        &format!(
            "SELECT id FROM {} WHERE substr(uuid, -length(?1)) = ?1 \
             AND (?2 IS NULL OR incident_id = ?2)",
            kind.table
        ),
        rusqlite::params![hex, within],
        |r| r.get(0),
    )?;
    match found.as_slice() {
        [id] => Ok(*id),
        [] => Err(UserError::new(format!("no {} is named {hex}", kind.what))
            .hint(format!("{} shows each {}'s ref", kind.list, kind.what))
            .into()),
        many => Err(UserError::new(format!(
            "{} {}s end with {hex}: give more of its digits",
            many.len(),
            kind.what
        ))
        .hint(format!(
            "{} shows each {}'s ref; -i ID names the incident",
            kind.list, kind.what
        ))
        .into()),
    }
}

/// A record's number, as typed off a team.
fn number(kind: &Named, typed: &str) -> Result<i64> {
    typed
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            let article = if kind.what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            UserError::new(format!("`{typed}` is not {article} {} number", kind.what))
                .hint(format!("{} shows the numbers", kind.list))
                .into()
        })
}

/// Records with their refs, on a team: `key` says a record's incident
/// (local id) and UUID, `set` gives it its ref. Off a team, as they are.
pub(super) fn name_all<T>(
    conn: &Connection,
    kind: &Named,
    mut list: Vec<T>,
    key: impl Fn(&T) -> (i64, &str),
    set: impl Fn(&mut T, String),
) -> Result<Vec<T>> {
    let records: Vec<(i64, &str)> = list.iter().map(&key).collect();
    if let Some(refs) = refs(conn, kind, &records)? {
        for (record, reference) in list.iter_mut().zip(refs) {
            set(record, reference);
        }
    }
    Ok(list)
}

/// On a team, the ref of each record given (its incident's local id and
/// its UUID), each told apart from every record of its kind on its
/// incident; None off a team.
fn refs(conn: &Connection, kind: &Named, records: &[(i64, &str)]) -> Result<Option<Vec<String>>> {
    if state::get(conn, state::TEAM_URL)?.is_none() {
        return Ok(None);
    }
    let mut incidents: Vec<i64> = records.iter().map(|r| r.0).collect();
    incidents.sort_unstable();
    incidents.dedup();
    let mut found = vec![String::new(); records.len()];
    for incident in incidents {
        let uuids: Vec<String> = all(
            conn,
            &format!("SELECT uuid FROM {} WHERE incident_id = ?1", kind.table),
            [incident],
            |r| r.get(0),
        )?;
        let uuids: Vec<&str> = uuids.iter().map(String::as_str).collect();
        let mine: Vec<usize> = (0..records.len())
            .filter(|&i| records[i].0 == incident)
            .collect();
        let named = short_refs(mine.iter().map(|&i| records[i].1), &uuids);
        for (i, reference) in mine.into_iter().zip(named) {
            found[i] = reference;
        }
    }
    Ok(Some(found))
}
