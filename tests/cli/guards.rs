//! Guards against writing on the wrong incident or at the wrong time: the
//! question (or refusal) when several incidents are open, `inc reopen`
//! without an id, a time of day just ahead of now, a time of day on an
//! incident from the records, and changes dated before the impact started.

use crate::env::Env;

/// The event time of an incident's newest entry of `kind`, as stored.
fn stored_at(env: &Env, incident: i64, kind: &str) -> String {
    env.sql()
        .query_row(
            "SELECT event_at FROM timeline_entries WHERE incident_id = ?1 AND kind = ?2 \
             ORDER BY clock DESC LIMIT 1",
            rusqlite::params![incident, kind],
            |r| r.get(0),
        )
        .expect("an entry of that kind")
}

#[test]
fn a_time_of_day_a_few_minutes_ahead_is_now() {
    let env = Env::new();
    env.ok(&["open", "Queue stuck", "--started", "-2d"]);
    // 15:00 in Berlin: 15:04 is the minute about to begin on a watch
    // that runs behind.
    env.ok(&["tl", "restarted the consumers", "--at", "15:04"]);
    assert_eq!(stored_at(&env, 1, "note"), "2026-11-26T14:00:00.000Z");
    env.ok(&["sev", "1", "--at", "15:05"]);
    assert_eq!(stored_at(&env, 1, "severity"), "2026-11-26T14:00:00.000Z");
    // Beyond the tolerance it is yesterday's, as before.
    env.ok(&["tl", "the first alert fired", "--at", "15:06"]);
    assert_eq!(stored_at(&env, 1, "note"), "2026-11-25T14:06:00.000Z");
    // A full date or a relative time ahead is still refused.
    let f = env.fails(&["tl", "later", "--at", "2026-11-26 15:02"]);
    assert!(f.stderr.contains("is in the future"), "{}", f.stderr);
    let f = env.fails(&["tl", "later", "--at", "+2m"]);
    assert!(f.stderr.contains("not a time"), "{}", f.stderr);
}

#[test]
fn a_handoff_before_the_impact_started_is_refused() {
    let env = Env::new();
    env.ok(&["open", "Queue stuck", "--started", "14:30"]);
    // Notes before the start stay allowed: they are the lead-up.
    env.ok(&["tl", "a deploy went out", "--at", "14:20"]);
    let f = env.fails(&["handoff", "bob", "--at", "14:25"]);
    assert!(
        f.stderr
            .contains("inc: error: a handoff at 2026-11-26 14:25 CET would come before the impact started (2026-11-26 14:30 CET)"),
        "{}",
        f.stderr
    );
    assert!(
        f.stderr.contains("inc times --started TIME"),
        "{}",
        f.stderr
    );
    // So does every other change of state.
    for args in [
        &["sev", "1", "--at", "14:25"][..],
        &["status", "identified", "--at", "14:25"],
        &["mitigated", "--at", "14:25"],
        &["resolve", "--at", "14:25"],
    ] {
        let f = env.fails(args);
        assert!(
            f.stderr.contains("would come before the impact started"),
            "{args:?}: {}",
            f.stderr
        );
    }
    // After the start (and the first commander), it goes through.
    env.ok(&["handoff", "bob", "--at", "15:00"]);
    assert_eq!(env.json(&["show"])["commander"], "bob");
}

/// The event times of an incident's entries of `kind`, oldest first.
fn stored_times(env: &Env, incident: i64, kind: &str) -> Vec<String> {
    let sql = env.sql();
    let mut stmt = sql
        .prepare(
            "SELECT event_at FROM timeline_entries WHERE incident_id = ?1 AND kind = ?2 \
             ORDER BY event_at",
        )
        .unwrap();
    stmt.query_map(rusqlite::params![incident, kind], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn on_an_incident_from_the_records_a_time_of_day_is_on_its_day() {
    let env = Env::new();
    env.ok(&["open", "Replayed outage", "--declared", "2025-03-14T09:30"]);
    // Not yesterday 21:18, which the plain rule would give: the incident's
    // own day.
    env.ok(&["tl", "the queue drained", "--at", "21:18"]);
    assert_eq!(stored_times(&env, 1, "note"), ["2025-03-14T20:18:00.000Z"]);
    // The same for corrections, changes of state and `inc times`.
    env.ok(&["entry", "edit", "last", "--at", "22:40"]);
    assert_eq!(stored_times(&env, 1, "note"), ["2025-03-14T21:40:00.000Z"]);
    env.ok(&["sev", "1", "--at", "10:05"]);
    assert_eq!(stored_at(&env, 1, "severity"), "2025-03-14T09:05:00.000Z");
    env.ok(&["times", "--started", "09:10"]);
    assert_eq!(
        env.json(&["show"])["started_at"],
        "2025-03-14T08:10:00Z",
        "the start moved on the incident's day"
    );
    env.ok(&["resolve", "--at", "23:00"]);
    assert_eq!(env.json(&["show"])["resolved_at"], "2025-03-14T22:00:00Z");
    // Other forms read as ever.
    env.ok(&["tl", "typed up", "--at", "-1m", "-i", "1"]);
    assert!(
        stored_times(&env, 1, "note").contains(&"2026-11-26T13:59:00.000Z".to_string()),
        "{:?}",
        stored_times(&env, 1, "note")
    );
}

#[test]
fn a_time_of_day_on_several_days_of_an_incident_from_the_records_is_refused() {
    let env = Env::new();
    env.ok(&["open", "Overnight outage", "--declared", "2025-03-14T22:00"]);
    env.ok(&["tl", "failed over", "--at", "2025-03-15 01:30"]);
    let f = env.fails(&["tl", "paged the DBA", "--at", "21:18"]);
    assert_eq!(
        f.stderr,
        "inc: error: `21:18` is on 2 of the incident's days (2025-03-14 to 2025-03-15): on an incident whose latest event is over 12 hours old, a time of day is read on its own days\n\
         hint: give the date too: `2025-03-14 21:18` or `2025-03-15 21:18`\n"
    );
    // The state-changing commands refuse the same way.
    let f = env.fails(&["status", "identified", "--at", "23:10"]);
    assert!(
        f.stderr
            .contains("`2025-03-14 23:10` or `2025-03-15 23:10`"),
        "{}",
        f.stderr
    );
    // The full form goes through.
    env.ok(&["tl", "paged the DBA", "--at", "2025-03-14 22:18"]);
    assert!(stored_times(&env, 1, "note").contains(&"2025-03-14T21:18:00.000Z".to_string()));
}

#[test]
fn a_live_incident_keeps_the_plain_rule() {
    let env = Env::new();
    // Declared 13 hours ago, its latest event 11 hours ago: still live.
    env.ok_at("2026-11-26T01:00:00Z", &["open", "Slow burn"]);
    env.ok_at("2026-11-26T03:00:00Z", &["tl", "watching"]);
    // Yesterday's 15:30, as ever (on the incident's day it would be still
    // to come).
    env.ok(&["tl", "it began to slow", "--at", "15:30"]);
    assert!(
        stored_times(&env, 1, "note").contains(&"2026-11-25T14:30:00.000Z".to_string()),
        "{:?}",
        stored_times(&env, 1, "note")
    );
}

#[test]
fn the_review_meeting_the_next_day_keeps_the_plain_rule() {
    let env = Env::new();
    env.ok_at("2026-11-25T09:00:00Z", &["open", "Queue stuck"]);
    env.ok_at("2026-11-25T11:00:00Z", &["resolve"]);
    // The incident's events are over a day old; the meeting was this
    // morning, not on the incident's day (which would be before the
    // resolution).
    env.ok(&["reviewed", "--at", "10:00"]);
    assert_eq!(
        env.json(&["show", "1"])["review_held_at"],
        "2026-11-26T09:00:00Z"
    );
}

/// Opens "First" and "Second": two open incidents, the second current.
fn two_open() -> Env {
    let env = Env::new();
    env.ok(&["open", "First"]);
    env.ok(&["open", "Second"]);
    env
}

#[test]
fn with_several_open_a_change_of_state_needs_the_incident_named() {
    let env = two_open();
    for args in [
        &["resolve"][..],
        &["cancel", "--reason", "a duplicate"],
        &["sev", "1"],
        &["status", "identified"],
        &["mitigated"],
        &["handoff", "bob"],
    ] {
        let f = env.fails(args);
        assert_eq!(
            f.stderr,
            "inc: error: 2 incidents are open (#1 \"First\", #2 \"Second\"), and inc cannot ask: stdin is not a terminal\n\
             hint: name the incident to change with -i ID (the current one is #2)\n",
            "{args:?}"
        );
    }
    let f = env.fails(&["--no-input", "sev", "1", "--at", "14:50"]);
    assert!(
        f.stderr.contains(
            "2 incidents are open (#1 \"First\", #2 \"Second\"), and inc cannot ask: --no-input"
        ),
        "{}",
        f.stderr
    );
    // The flags are checked first.
    let f = env.fails(&["sev", "9"]);
    assert!(!f.stderr.contains("incidents are open"), "{}", f.stderr);
    let f = env.fails(&["status", "identified", "--at", "soon"]);
    assert!(f.stderr.contains("`soon` is not a time"), "{}", f.stderr);
    // Notes keep going to the current incident.
    env.ok(&["tl", "a note for the current one"]);
    assert_eq!(
        env.json(&["timeline", "2"])[1]["text"],
        "a note for the current one"
    );
    // Named, the change goes through; with one open, the current one is
    // changed as before.
    env.ok(&["resolve", "-i", "1"]);
    env.ok(&["sev", "1"]);
    assert_eq!(env.json(&["show", "2"])["severity"], "SEV1");
    assert_eq!(env.json(&["show", "1"])["status"], "resolved");
}

#[test]
fn with_several_open_a_change_of_state_asks_which_in_a_terminal() {
    use crate::terminal::{finish, pty, send};
    let env = two_open();
    let mut p = pty(&env, &["sev", "1", "--reason", "all markets"], &[]);
    p.exp_string("Which incident?").unwrap();
    // The current incident first, as the default; then the others.
    p.exp_string("#2 Second (current)").unwrap();
    p.exp_string("#1 First").unwrap();
    send(&mut p, "\x1b[B");
    send(&mut p, "\r");
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert_eq!(env.json(&["show", "1"])["severity"], "SEV1");
    assert_eq!(env.json(&["show", "2"])["severity"], "SEV2");

    // Enter takes the current one.
    let mut p = pty(&env, &["status", "identified"], &[]);
    p.exp_string("#1 First").unwrap();
    send(&mut p, "\r");
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert_eq!(env.json(&["show", "2"])["status"], "identified");
    assert_eq!(env.json(&["show", "1"])["status"], "investigating");
}

#[test]
fn reopen_without_an_id_reopens_what_you_last_resolved() {
    let env = two_open();
    env.ok(&["resolve", "-i", "1"]);
    // bob resolves the current incident afterwards: a reopen by alice
    // must not touch it.
    env.ok(&["--as", "bob", "resolve", "-i", "2"]);
    let out = env.ok(&["reopen"]);
    assert!(out.contains("#1"), "{out}");
    assert_eq!(env.json(&["show", "1"])["status"], "investigating");
    assert_eq!(env.json(&["show", "2"])["status"], "resolved");
    // What alice last resolved is open again: nothing else is reopened.
    let f = env.fails(&["reopen"]);
    assert_eq!(
        f.stderr,
        "inc: error: #1, the incident you last resolved, is open again (investigating)\n\
         hint: name the one to reopen: `inc reopen ID` (`inc list --all` shows them)\n"
    );
    // Someone who resolved nothing is asked for the id.
    let f = env.fails(&["--as", "carol", "reopen"]);
    assert!(
        f.stderr
            .contains("you have resolved or cancelled no incident")
            && f.stderr.contains("inc reopen ID"),
        "{}",
        f.stderr
    );
    // A cancellation counts as a close; bob's own reopen finds his.
    env.ok(&["cancel", "-i", "1", "--reason", "a duplicate of #2"]);
    env.ok(&["--as", "BOB", "reopen"]);
    assert_eq!(env.json(&["show", "2"])["status"], "investigating");
    assert_eq!(env.json(&["show", "1"])["status"], "cancelled");
    env.ok(&["reopen"]);
    assert_eq!(env.json(&["show", "1"])["status"], "investigating");
}
