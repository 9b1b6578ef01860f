//! The team hub, for `inc doctor`, when the database is on a team: whether
//! it answers and how (TLS, its schema version), how far this laptop's
//! clock is from the hub's, what waits to be pushed, and the password
//! file's mode. Where the credential comes from is said; never what it is.

use std::path::Path;
use std::time::Instant;

use crate::hub::Hub;
use crate::hub::address::{self, Credential, HubUrl, Tls};
use crate::hub::schema::current_version;
use crate::report::doctor::{Check, Status};
use crate::store::{Store, StoreOptions};
use crate::sync::DEADLINE;

/// A clock further than this from the hub's is worth a warning.
const CLOCK_WARN_MS: i64 = 60_000;

/// The hub's checks, or none when the database is on no team.
pub fn check_all(db: &Path, options: &StoreOptions, checks: &mut Vec<Check>) {
    let Ok(store) = Store::open_read(db, options) else {
        return;
    };
    let Ok(Some(team)) = store.team() else {
        return;
    };
    let queued = store.queued_count().unwrap_or(0);
    drop(store);
    let url = match HubUrl::parse(&team.url) {
        Ok(url) => url,
        Err(e) => {
            checks.push(Check::new("hub", Status::Fail, e.to_string()));
            return;
        }
    };
    checks.push(credential(&url));
    let started = Instant::now();
    let tls = match url.tls {
        Tls::Verified => "TLS with the certificate verified",
        Tls::Off => "no TLS (a hub on this machine)",
    };
    let shown = url.to_text();
    match Hub::connect(&url, DEADLINE * 2).and_then(|mut hub| hub.info()) {
        Ok(info) if info.version != current_version() => checks.push(
            Check::new(
                "hub",
                Status::Fail,
                format!(
                    "{shown}: the hub is at schema version {}, this inc speaks {}",
                    info.version,
                    current_version()
                ),
            )
            .hint(if info.version > current_version() {
                "upgrade inc"
            } else {
                "the hub's administrator runs `inc hub migrate URL`"
            }),
        ),
        Ok(info) => {
            checks.push(Check::new(
                "hub",
                Status::Ok,
                format!(
                    "{shown}: answers in {} ms, {tls}, schema version {}, {} as {}",
                    started.elapsed().as_millis(),
                    info.version,
                    if info.writer {
                        "a responder"
                    } else {
                        "an observer"
                    },
                    info.user.unwrap_or_default()
                ),
            ));
            if let Some(hub_now) = info.now.as_deref() {
                checks.push(clock(hub_now, started));
            }
        }
        Err(e) => checks.push(
            Check::new(
                "hub",
                Status::Warn,
                format!("{shown}: does not answer: {e}"),
            )
            .hint("changes stay queued on this laptop; `inc sync` sends them once it answers"),
        ),
    }
    checks.push(if queued == 0 {
        Check::new("hub_queue", Status::Ok, "nothing waits to be pushed")
    } else {
        Check::new(
            "hub_queue",
            Status::Warn,
            format!("{queued} change(s) on this laptop are not on the hub yet"),
        )
        .hint("`inc sync` sends them")
    });
}

/// Where the credential comes from, and whether the password file is
/// private.
fn credential(url: &HubUrl) -> Check {
    match address::credential_for(url) {
        Ok(Credential::Nothing) => Check::new(
            "hub_credential",
            Status::Ok,
            "none: no line of the password file matches the hub, and no client certificate is set",
        ),
        Ok(Credential::PasswordFile(file)) => Check::new(
            "hub_credential",
            Status::Ok,
            format!("{}, mode 0600 or stricter", Credential::PasswordFile(file)),
        ),
        Ok(found) => Check::new("hub_credential", Status::Ok, found.to_string()),
        Err(e) => {
            let check = Check::new("hub_credential", Status::Fail, e.to_string());
            match e.hint_text() {
                Some(h) => check.hint(h.to_string()),
                None => check,
            }
        }
    }
}

/// This laptop's clock against the hub's (half the call's time taken off
/// as the way back).
fn clock(hub_now: &str, started: Instant) -> Check {
    let laptop = crate::clock::Clock::from_env()
        .unwrap_or_else(|_| crate::clock::Clock::system())
        .current();
    let Ok(hub) = chrono::DateTime::parse_from_rfc3339(hub_now) else {
        return Check::new(
            "hub_clock",
            Status::Warn,
            "the hub's clock could not be read",
        );
    };
    let trip = i64::try_from(started.elapsed().as_millis() / 2).unwrap_or(0);
    let offset = laptop.timestamp_millis() - hub.timestamp_millis() - trip;
    let words = format!(
        "this laptop's clock is {} {} the hub's",
        human(offset.abs()),
        if offset >= 0 { "ahead of" } else { "behind" }
    );
    if offset.abs() > CLOCK_WARN_MS {
        Check::new("hub_clock", Status::Warn, words).hint(
            "edits still merge in the order they were made, but times recorded as now are off: set the clock (NTP)",
        )
    } else {
        Check::new("hub_clock", Status::Ok, words)
    }
}

fn human(ms: i64) -> String {
    if ms < 1_000 {
        format!("{ms} ms")
    } else if ms < 120_000 {
        format!("{} s", ms / 1000)
    } else {
        format!("{} min", ms / 60_000)
    }
}
