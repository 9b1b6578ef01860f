//! How a laptop's changes reach the team hub and the team's reach the
//! laptop. Every command commits to the local file first; only then does
//! this talk to the network, under one short deadline:
//!
//! - after a write, the queued changes are pushed ([`after_write`]);
//! - before a command shows incidents, the hub is asked for news at most
//!   every [`PULL_EVERY`] ([`before_read`]);
//! - `inc sync` does both, for everything, with a longer deadline.
//!
//! When the hub cannot be reached, the change stays queued, the command
//! still succeeds and says so on standard error, and no command waits on
//! the hub again until a back-off has passed.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;

use crate::clock::wall_ms;
use crate::hub::address::HubUrl;
use crate::hub::{Hub, HubError};
use crate::model::sync::Head;
use crate::store::{Store, StoreOptions, Team};

/// How long a command waits on the hub, connecting included, before it
/// leaves its changes queued.
pub const DEADLINE: Duration = Duration::from_millis(1500);
/// How long `inc sync` waits.
pub const SYNC_DEADLINE: Duration = Duration::from_secs(30);
/// Commands that show incidents ask the hub for news at most this often.
pub const PULL_EVERY: Duration = Duration::from_secs(3);
/// Changes pushed in one call, at most, and their size in bytes (one
/// call's changes go as one JSON value, which PostgreSQL caps).
const PUSH_BATCH: usize = 500;
const PUSH_BYTES: usize = 32 << 20;
/// Changes pulled in one call.
pub const PAGE: i64 = 500;

/// How long no command calls the hub after `failures` failed calls in a
/// row: 2 s, doubling, at most a minute.
pub fn backoff(failures: u32) -> Duration {
    Duration::from_secs(2u64.saturating_pow(failures.min(6)).min(60))
}

/// What one sync did, for `inc sync` to report.
#[derive(Debug, Default)]
pub struct Report {
    pub pushed: usize,
    pub pulled_incidents: usize,
    pub pulled_changes: usize,
    /// Incidents whose pull stopped at a change this inc cannot read.
    pub stopped: Vec<String>,
}

/// After a command that wrote to a database on a team: push what is
/// queued, unless a back-off is running. Never fails the command: a
/// change that cannot go now stays queued, and standard error says so.
pub fn after_write(path: &Path, options: &StoreOptions) {
    if let Err(e) = push_queued(path, options) {
        eprintln!("inc: the change is recorded here; sharing it with the team failed: {e:#}");
    }
}

fn push_queued(path: &Path, options: &StoreOptions) -> Result<()> {
    let mut store = Store::open_write(path, options)?;
    let Some(team) = store.team()? else {
        return Ok(());
    };
    if store.queued_count()? == 0 {
        return Ok(());
    }
    let Some(mut hub) = reach(&mut store, &team, DEADLINE)? else {
        return Ok(());
    };
    match push_all(&mut store, &mut hub, &team.hub_id) {
        Ok(_) => store.hub_answered(None, None)?,
        Err(e) => failed(&mut store, &team, &e)?,
    }
    Ok(())
}

/// Before a command that shows incidents, on a database on a team: pull
/// what changed on the hub, if the last pull was more than
/// [`PULL_EVERY`] ago and no back-off is running. Never fails the
/// command: the local record is shown as it is.
pub fn before_read(path: &Path, options: &StoreOptions, team: &Team) {
    let due = team
        .pulled_at
        .is_none_or(|at| wall_ms() - at >= i64::try_from(PULL_EVERY.as_millis()).unwrap_or(0));
    if !due {
        return;
    }
    let run = || -> Result<()> {
        let mut store = Store::open_write(path, options)?;
        let Some(mut hub) = reach(&mut store, team, DEADLINE)? else {
            return Ok(());
        };
        match pull_all(&mut store, &mut hub, &team.hub_id) {
            Ok(report) => {
                for line in &report.stopped {
                    eprintln!("inc: {line}");
                }
                store.hub_answered(Some(wall_ms()), None)?;
            }
            Err(e) => failed(&mut store, team, &e)?,
        }
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("inc: showing this laptop's record; news from the team failed: {e:#}");
    }
}

/// `inc sync`: push everything queued, then pull everything new, waiting
/// up to `within`; a hub that cannot be reached is an error here.
pub fn sync_now(store: &mut Store, team: &Team, within: Duration) -> Result<Report> {
    let url = HubUrl::parse(&team.url)?;
    let mut hub = match Hub::connect(&url, within) {
        Ok(hub) => hub,
        Err(e) => {
            failed(store, team, &e)?;
            return Err(e.into_user(&url).into());
        }
    };
    let info = match hub.info() {
        Ok(info) => info,
        Err(e) => {
            failed(store, team, &e)?;
            return Err(e.into_user(&url).into());
        }
    };
    // Another hub at the same address (replaced, or restored from a
    // backup into a new database) holds none of what this laptop pulled:
    // said, rather than merged into.
    if let Some(id) = info.hub_id.as_deref()
        && !team.hub_id.is_empty()
        && id != team.hub_id
    {
        return Err(crate::hub::another_hub().into());
    }
    // Whether this user may write, as the hub says now: an observer made
    // a responder can write from this sync on.
    let result = (|| {
        let pushed = if info.writer {
            push_all(store, &mut hub, &team.hub_id)?
        } else {
            0
        };
        let mut report = pull_all(store, &mut hub, &team.hub_id)?;
        report.pushed = pushed;
        Ok((report, info.writer))
    })();
    match result {
        Ok((report, writer)) => {
            store.hub_answered(Some(wall_ms()), Some(writer))?;
            Ok(report)
        }
        Err(e) => {
            failed(store, team, &e)?;
            Err(e.into_user(&url).into())
        }
    }
}

/// Connects to the hub, unless a back-off is running (then says what is
/// queued and returns None). A failure to connect starts a back-off.
fn reach(store: &mut Store, team: &Team, within: Duration) -> Result<Option<Hub>> {
    if let Some(after) = team.retry_after
        && wall_ms() < after
    {
        tell_queued(store, team, after)?;
        return Ok(None);
    }
    let url = HubUrl::parse(&team.url)?;
    match Hub::connect(&url, within) {
        Ok(hub) => Ok(Some(hub)),
        Err(e) => {
            failed(store, team, &e)?;
            Ok(None)
        }
    }
}

/// Starts or lengthens the back-off after a failed call, and says so.
fn failed(store: &mut Store, team: &Team, e: &HubError) -> Result<()> {
    let failures = team.failures.saturating_add(1);
    let wait = backoff(failures);
    let after = wall_ms() + i64::try_from(wait.as_millis()).unwrap_or(i64::MAX);
    store.hub_failed(after, failures, &e.to_string())?;
    let queued = store.queued_count()?;
    let what = match e {
        HubError::Unreachable(why) => format!("the team hub is unreachable ({why})"),
        HubError::Refused(why) => format!("the team hub refused this laptop ({why})"),
        HubError::Settings(e) => e.to_string(),
    };
    eprintln!(
        "inc: {what}; {} queued here, no new try for {} s (`inc sync` tries now)",
        changes(queued),
        wait.as_secs()
    );
    Ok(())
}

fn tell_queued(store: &Store, team: &Team, after: i64) -> Result<()> {
    let queued = store.queued_count()?;
    if queued > 0 {
        let secs = (after - wall_ms()).max(0) / 1000 + 1;
        let why = team.last_error.as_deref().unwrap_or("the last call failed");
        eprintln!(
            "inc: {} queued for the team hub ({why}); next try in {secs} s, or `inc sync` now",
            changes(queued)
        );
    }
    Ok(())
}

fn changes(n: usize) -> String {
    if n == 1 {
        "1 change".into()
    } else {
        format!("{n} changes")
    }
}

/// Pushes the whole queue, batch by batch. Returns how many changes went.
fn push_all(store: &mut Store, hub: &mut Hub, hub_id: &str) -> Result<usize, HubError> {
    let mut pushed = 0;
    loop {
        let (batch, last) = store.queued(PUSH_BATCH, PUSH_BYTES).map_err(local)?;
        let Some(last) = last else {
            return Ok(pushed);
        };
        let places = if batch.is_empty() {
            Vec::new()
        } else {
            hub.push(&batch, hub_id)?
        };
        for (change, place) in batch.iter().zip(&places) {
            if let Some(why) = &place.refused {
                let incident = match store.team_number(&change.incident).map_err(local)? {
                    Some(n) => format!("#{n}"),
                    None => change.incident.clone(),
                };
                eprintln!(
                    "inc: the team hub refused a change ({} of incident {incident}): {why}; it stays on this laptop only",
                    change.kind
                );
            }
        }
        // Refused changes leave the queue too: the hub would refuse them
        // again, and they must not hold back the rest.
        for (id, number) in store.pushed(last, &batch, &places).map_err(local)? {
            eprintln!("inc: #L{id} is #{number} on the team from now on");
        }
        pushed += places.iter().filter(|p| p.refused.is_none()).count();
    }
}

/// Pulls every incident whose log grew since this laptop last pulled it.
fn pull_all(store: &mut Store, hub: &mut Hub, hub_id: &str) -> Result<Report, HubError> {
    let mut report = Report::default();
    let heads = hub.heads(hub_id)?;
    let cursors = store.cursors().map_err(local)?;
    for head in heads {
        let from = cursors.get(&head.incident).copied().unwrap_or(0);
        if head.head < from {
            // The hub lost changes this laptop pulled: restored from a
            // backup. Nothing of it is pulled until it is whole again.
            report.stopped.push(format!(
                "incident #{} on the hub ends at change {}, but this laptop pulled it to {from}: was the hub restored from a backup? `inc team leave --force` and `inc team join URL` push this laptop's whole record to it again",
                head.number, head.head
            ));
            continue;
        }
        if head.head == from {
            continue;
        }
        // An incident that cannot be merged here stops alone: the others
        // still come, and the hub is not taken for unreachable.
        match pull_incident(store, hub, &head, from) {
            Ok((n, stopped)) => {
                if n > 0 {
                    report.pulled_incidents += 1;
                    report.pulled_changes += n;
                }
                report.stopped.extend(stopped);
            }
            Err(HubError::Settings(e)) => report
                .stopped
                .push(format!("incident #{} was not pulled: {e}", head.number)),
            Err(e) => return Err(e),
        }
    }
    Ok(report)
}

/// Pulls one incident's log after `from`, page by page, and merges it in
/// one local transaction (a first pull needs the incident's first
/// records with the rest). Returns how many changes came, and why the
/// pull stopped early, if it did.
fn pull_incident(
    store: &mut Store,
    hub: &mut Hub,
    head: &Head,
    from: i64,
) -> Result<(usize, Option<String>), HubError> {
    let mut all = Vec::new();
    let mut after = from;
    loop {
        let page = hub.page(&head.incident, after, PAGE)?;
        let full = i64::try_from(page.len()).unwrap_or(i64::MAX) >= PAGE;
        if let Some(last) = page.last() {
            after = last.seq;
        }
        all.extend(page);
        if !full {
            break;
        }
    }
    let now = chrono::DateTime::from_timestamp_millis(wall_ms()).unwrap_or_default();
    let applied = store.apply_pulled(head, &all, now).map_err(local)?;
    let stopped = applied.stopped.map(|why| {
        format!("{why}: upgrade inc to pull the rest of it; this laptop's own changes still go")
    });
    Ok((all.len(), stopped))
}

/// A local failure in the middle of a sync, reported as the hub's
/// settings would be: it is not the network's fault.
fn local(e: anyhow::Error) -> HubError {
    match e.downcast::<crate::error::UserError>() {
        Ok(user) => HubError::Settings(user),
        Err(e) => HubError::Settings(crate::error::UserError::new(format!("{e:#}"))),
    }
}

/// How often `inc timeline --follow` looks at this laptop's own record,
/// and waits on the hub at most before looking again.
const FOLLOW_TICK: Duration = Duration::from_millis(500);

/// `inc timeline --follow`: calls `show` now and again whenever the
/// record may have changed: at once when the hub says something was
/// pushed (after pulling it), and every [`FOLLOW_TICK`] for what this
/// laptop writes itself. Off a team, or while the hub does not answer,
/// it watches this laptop's record alone, and says so once. Returns only
/// when `show` fails; Ctrl-C ends it.
pub fn follow(
    path: &Path,
    options: &StoreOptions,
    mut show: impl FnMut() -> Result<()>,
) -> Result<()> {
    let mut hub: Option<Hub> = None;
    let mut next_try = std::time::Instant::now();
    let mut said_lost = false;
    loop {
        let team = Store::open_read(path, options)?.team()?;
        if let Some(team) = &team
            && hub.is_none()
            && std::time::Instant::now() >= next_try
        {
            match listening(team) {
                Ok(mut found) => {
                    // What was pushed while nobody listened.
                    let mut store = Store::open_write(path, options)?;
                    if pull_all(&mut store, &mut found, &team.hub_id).is_ok() {
                        hub = Some(found);
                    } else {
                        next_try = std::time::Instant::now() + backoff(1);
                    }
                    if hub.is_some() && said_lost {
                        eprintln!("inc: the team hub answers again");
                        said_lost = false;
                    }
                }
                Err(e) => {
                    if !said_lost {
                        eprintln!(
                            "inc: the team hub does not answer ({e}); showing this laptop's record, and trying again"
                        );
                        said_lost = true;
                    }
                    next_try = std::time::Instant::now() + backoff(1);
                }
            }
        }
        match hub.as_mut() {
            Some(found) => match found.wait_for_news(FOLLOW_TICK) {
                Ok(false) => {}
                Ok(true) => {
                    found.extend(DEADLINE);
                    let mut store = Store::open_write(path, options)?;
                    let hub_id = team.as_ref().map_or("", |t| t.hub_id.as_str());
                    if pull_all(&mut store, found, hub_id).is_err() {
                        hub = None;
                        next_try = std::time::Instant::now() + backoff(1);
                    }
                }
                Err(_) => {
                    hub = None;
                    next_try = std::time::Instant::now() + backoff(1);
                }
            },
            None => std::thread::sleep(FOLLOW_TICK),
        }
        show()?;
    }
}

fn listening(team: &Team) -> Result<Hub, HubError> {
    let url = HubUrl::parse(&team.url).map_err(HubError::Settings)?;
    let mut hub = Hub::connect(&url, DEADLINE)?;
    hub.listen()?;
    hub.extend(DEADLINE);
    Ok(hub)
}
