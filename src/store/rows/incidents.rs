//! The `incidents` table. Its own record is small: the UUID, when it was
//! made, its first commander, whether it is a drill, and the review
//! meeting. Everything else on the row (title, severity, status,
//! commander, key times, links, security) is the state its timeline tells,
//! kept here so that lists and statistics need not read every timeline,
//! and set again from the timeline by [`refresh`] whenever it may change.

use anyhow::Result;
use rusqlite::{Connection, Row, params};

use super::{all, bad, changed_at, changed_to_sql, entries, one, state};
use crate::error::UserError;
use crate::model::exchange::ExIncident;
use crate::model::{
    Current, Incident, IncidentRef, IncidentState, Links, NAMED_WHEN_AMBIGUOUS, Number, ReviewHeld,
    ReviewStatus, Severity, Status, choose_current,
};
use crate::store::{opt_time_at, time_at, time_to_sql};

/// The columns every query of incidents selects, in this order.
/// The last two are its team-wide number (on a team, once the hub has it)
/// and whether the database is on a team.
pub(crate) const COLUMNS: &str = "id, uuid, clock, first_commander, drill, review_held_at, \
    review_held_by, changed, title, severity, status, security, commander, started_at, \
    detected_at, created_at, created_by, mitigated_at, resolved_at, channel, bridge, ticket, \
    status_at, (SELECT s.number FROM sync_incidents s WHERE s.uuid = i.uuid), \
    EXISTS (SELECT 1 FROM state WHERE key = 'team.url'), review_status, review_owner";

/// Incidents in the order they were declared, the same on every machine.
pub(crate) const ORDER: &str = "i.created_at, i.clock, i.uuid";

/// An incident as the model knows it, from a row of [`COLUMNS`].
pub(crate) fn incident(r: &Row<'_>) -> rusqlite::Result<Incident> {
    let level: u8 = r.get(9)?;
    let status: String = r.get(10)?;
    let id = r.get(0)?;
    let number = match (r.get::<_, Option<i64>>(23)?, r.get::<_, bool>(24)?) {
        (Some(n), true) => Number::Team(n),
        (None, true) => Number::Unshared(id),
        (_, false) => Number::Local(id),
    };
    Ok(Incident {
        id,
        number,
        uuid: r.get(1)?,
        first_commander: r.get(3)?,
        drill: r.get(4)?,
        review_held: match (opt_time_at(r, 5)?, r.get::<_, Option<String>>(6)?) {
            (Some(at), Some(by)) => Some(ReviewHeld { at, by }),
            _ => None,
        },
        title: r.get(8)?,
        severity: Severity::new(level).ok_or_else(|| bad(9, format!("severity {level}")))?,
        status: status
            .parse()
            .map_err(|_| bad(10, format!("status {status:?}")))?,
        security: r.get(11)?,
        commander: r.get(12)?,
        started_at: time_at(r, 13)?,
        detected_at: time_at(r, 14)?,
        created_at: time_at(r, 15)?,
        created_by: r.get(16)?,
        mitigated_at: opt_time_at(r, 17)?,
        resolved_at: opt_time_at(r, 18)?,
        links: Links {
            channel: r.get(19)?,
            bridge: r.get(20)?,
            ticket: r.get(21)?,
        },
        status_at: time_at(r, 22)?,
        review_status: match r.get::<_, Option<String>>(25)? {
            None => ReviewStatus::Draft,
            Some(s) => {
                ReviewStatus::parse(&s).map_err(|_| bad(25, format!("review status {s:?}")))?
            }
        },
        review_owner: r.get(26)?,
    })
}

/// An incident's own record as the exchange document carries it (its
/// other records are added by the export), from a row of [`COLUMNS`].
pub(crate) fn record(r: &Row<'_>) -> rusqlite::Result<ExIncident> {
    Ok(ExIncident {
        uuid: r.get(1)?,
        clock: r.get(2)?,
        first_commander: r.get(3)?,
        drill: r.get(4)?,
        review_held_at: r.get(5)?,
        review_held_by: r.get(6)?,
        changed: changed_at(r, 7)?,
        review_status: r.get(25)?,
        review_owner: r.get(26)?,
        ..ExIncident::default()
    })
}

/// Adds an incident's own record, with `state` as its state until its
/// timeline is written and [`refresh`] tells it. Returns its local id.
pub(crate) fn insert(conn: &Connection, x: &ExIncident, state: &IncidentState) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO incidents (uuid, clock, first_commander, drill, review_held_at, \
         review_held_by, changed, title, severity, status, security, commander, started_at, \
         detected_at, created_at, created_by, mitigated_at, resolved_at, channel, bridge, ticket, \
         status_at, review_status, review_owner) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, \
         ?19, ?20, ?21, ?22, ?23, ?24)",
    )?
    .execute(params![
        x.uuid,
        x.clock,
        x.first_commander,
        x.drill,
        x.review_held_at,
        x.review_held_by,
        changed_to_sql(&x.changed),
        state.title,
        state.severity.level(),
        state.status.as_str(),
        state.security,
        state.commander,
        time_to_sql(state.started_at),
        time_to_sql(state.detected_at),
        time_to_sql(state.created_at),
        state.created_by,
        state.mitigated_at.map(time_to_sql),
        state.resolved_at.map(time_to_sql),
        state.links.channel,
        state.links.bridge,
        state.links.ticket,
        time_to_sql(state.status_at),
        x.review_status,
        x.review_owner,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Writes an incident's own record over the one stored.
pub(crate) fn put(conn: &Connection, id: i64, x: &ExIncident) -> Result<()> {
    conn.prepare_cached(
        "UPDATE incidents SET clock = ?2, first_commander = ?3, drill = ?4, \
         review_held_at = ?5, review_held_by = ?6, changed = ?7, review_status = ?8, \
         review_owner = ?9 WHERE id = ?1",
    )?
    .execute(params![
        id,
        x.clock,
        x.first_commander,
        x.drill,
        x.review_held_at,
        x.review_held_by,
        changed_to_sql(&x.changed),
        x.review_status,
        x.review_owner,
    ])?;
    Ok(())
}

/// Sets an incident's state again from its timeline. An incident without
/// a declared entry (which no path writes) keeps the state it has.
pub(crate) fn refresh(conn: &Connection, id: i64) -> Result<()> {
    let first: String = conn.query_row(
        "SELECT first_commander FROM incidents WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let Some(s) = IncidentState::from_timeline(&first, &entries::state_entries(conn, id)?) else {
        return Ok(());
    };
    conn.prepare_cached(
        "UPDATE incidents SET title = ?2, severity = ?3, status = ?4, security = ?5, \
         commander = ?6, started_at = ?7, detected_at = ?8, created_at = ?9, created_by = ?10, \
         mitigated_at = ?11, resolved_at = ?12, channel = ?13, bridge = ?14, ticket = ?15, \
         status_at = ?16 WHERE id = ?1",
    )?
    .execute(params![
        id,
        s.title,
        s.severity.level(),
        s.status.as_str(),
        s.security,
        s.commander,
        time_to_sql(s.started_at),
        time_to_sql(s.detected_at),
        time_to_sql(s.created_at),
        s.created_by,
        s.mitigated_at.map(time_to_sql),
        s.resolved_at.map(time_to_sql),
        s.links.channel,
        s.links.bridge,
        s.links.ticket,
        time_to_sql(s.status_at),
    ])?;
    Ok(())
}

/// The change clocks of an incident's own record, by group.
fn changed_of(conn: &Connection, id: i64) -> Result<crate::model::exchange::Changed> {
    let changed: Option<String> = one(
        conn,
        "SELECT changed FROM incidents WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?
    .flatten();
    Ok(match changed {
        Some(text) => serde_json::from_str(&text)?,
        None => Default::default(),
    })
}

/// Writes where an incident's review document stands and who owns it,
/// with the change clock of each that changed.
pub(crate) fn set_review_document(
    conn: &Connection,
    before: &Incident,
    after: &Incident,
    clock: &str,
) -> Result<()> {
    let mut map = changed_of(conn, before.id)?;
    if after.review_status != before.review_status {
        map.insert("review_status".into(), clock.to_string());
    }
    if after.review_owner != before.review_owner {
        map.insert("review_owner".into(), clock.to_string());
    }
    conn.prepare_cached(
        "UPDATE incidents SET review_status = ?2, review_owner = ?3, changed = ?4 WHERE id = ?1",
    )?
    .execute(params![
        before.id,
        (after.review_status != ReviewStatus::Draft).then(|| after.review_status.as_str()),
        after.review_owner,
        changed_to_sql(&map)
    ])?;
    Ok(())
}

/// Records when the review meeting was held (or clears it), with the
/// change clock `clock`.
pub(crate) fn set_review_held(
    conn: &Connection,
    id: i64,
    held: Option<&ReviewHeld>,
    clock: &str,
) -> Result<()> {
    let mut map = changed_of(conn, id)?;
    map.insert("review".into(), clock.to_string());
    conn.prepare_cached(
        "UPDATE incidents SET review_held_at = ?2, review_held_by = ?3, changed = ?4 WHERE id = ?1",
    )?
    .execute(params![
        id,
        held.map(|h| time_to_sql(h.at)),
        held.map(|h| &h.by),
        changed_to_sql(&map)
    ])?;
    Ok(())
}

/// One incident by its local id, or an error that names it.
pub(crate) fn load(conn: &Connection, id: i64) -> Result<Incident> {
    one(
        conn,
        &format!("SELECT {COLUMNS} FROM incidents i WHERE i.id = ?1"),
        [id],
        incident,
    )?
    .ok_or_else(|| {
        UserError::new(format!("there is no incident #{id}"))
            .hint("`inc list --all` shows every incident")
            .into()
    })
}

/// How people name the incident with local id `id`, on a team: its
/// team-wide number once the hub has it.
pub(crate) fn number(conn: &Connection, id: i64) -> Result<Number> {
    let team = one(
        conn,
        "SELECT s.number FROM incidents i JOIN sync_incidents s ON s.uuid = i.uuid \
         WHERE i.id = ?1",
        [id],
        |r| r.get::<_, Option<i64>>(0),
    )?
    .flatten();
    Ok(team.map_or(Number::Unshared(id), Number::Team))
}

/// An incident's title, or an error that names it.
pub(crate) fn title(conn: &Connection, id: i64) -> Result<String> {
    one(
        conn,
        "SELECT title FROM incidents WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?
    .ok_or_else(|| {
        UserError::new(format!("there is no incident #{id}"))
            .hint("`inc list --all` shows every incident")
            .into()
    })
}

/// The local id and own record of the incident with this UUID.
pub(crate) fn find(conn: &Connection, uuid: &str) -> Result<Option<(i64, ExIncident)>> {
    one(
        conn,
        &format!("SELECT {COLUMNS} FROM incidents i WHERE i.uuid = ?1"),
        [uuid],
        |r| Ok((r.get(0)?, record(r)?)),
    )
}

/// The local id of the incident with this UUID.
pub(crate) fn id_of(conn: &Connection, uuid: &str) -> Result<Option<i64>> {
    one(
        conn,
        "SELECT id FROM incidents WHERE uuid = ?1",
        [uuid],
        |r| r.get(0),
    )
}

/// The incidents that are open (neither resolved nor cancelled), in the
/// order they were declared.
pub(crate) fn open(conn: &Connection) -> Result<Vec<Incident>> {
    all(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM incidents i WHERE i.status NOT IN ('resolved', 'cancelled') \
             ORDER BY {ORDER}"
        ),
        [],
        incident,
    )
}

/// The id an [`IncidentRef`] stands for, or an error that says how to pick.
pub(crate) fn resolve(conn: &Connection, which: IncidentRef) -> Result<i64> {
    match which {
        IncidentRef::Id(id) | IncidentRef::Local(id) => Ok(id),
        IncidentRef::Typed(n) => typed(conn, n),
        IncidentRef::Current | IncidentRef::Viewing => {
            // The usual case first, and cheaply (`inc tl` pays for it):
            // the incident chosen is open.
            let selected_status = match state::selected(conn)? {
                Some(id) => one(
                    conn,
                    "SELECT status FROM incidents WHERE id = ?1",
                    [id],
                    |r| r.get::<_, String>(0),
                )?
                .and_then(|s| s.parse::<Status>().ok())
                .map(|s| (id, s)),
                None => None,
            };
            if let Some((id, status)) = selected_status
                && status.is_open()
            {
                return Ok(id);
            }
            let selected = match selected_status {
                Some((id, status)) => Some((id, load(conn, id)?.number, status)),
                None => None,
            };
            let open_count: i64 = conn.query_row(
                "SELECT count(*) FROM incidents WHERE status NOT IN ('resolved', 'cancelled')",
                [],
                |r| r.get(0),
            )?;
            let first_open = all(
                conn,
                &format!(
                    "SELECT {COLUMNS} FROM incidents i \
                     WHERE i.status NOT IN ('resolved', 'cancelled') ORDER BY {ORDER} LIMIT ?1"
                ),
                [NAMED_WHEN_AMBIGUOUS as i64],
                |r| incident(r).map(|i| (i.id, i.number, i.title)),
            )?;
            let open_count = usize::try_from(open_count).unwrap_or(usize::MAX);
            match choose_current(selected, open_count, first_open) {
                Current::NoneOpen {
                    last: Some((id, _, _)),
                } if which == IncidentRef::Viewing => Ok(id),
                other => Ok(other.into_id()?),
            }
        }
    }
}

/// The incident a number typed on the command line names: on a team, the
/// one with that team-wide number; otherwise the one with that local id.
fn typed(conn: &Connection, n: i64) -> Result<i64> {
    let on_team = state::get(conn, state::TEAM_URL)?.is_some();
    if !on_team {
        return Ok(n);
    }
    one(
        conn,
        "SELECT i.id FROM incidents i JOIN sync_incidents s ON s.uuid = i.uuid \
         WHERE s.number = ?1",
        [n],
        |r| r.get(0),
    )?
    .ok_or_else(|| {
        UserError::new(format!("there is no incident #{n} on this team"))
            .hint("`inc list --all` shows every incident; one not on the hub yet is named like #L3")
            .into()
    })
}
