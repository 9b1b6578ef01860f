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
