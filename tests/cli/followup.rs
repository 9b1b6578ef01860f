//! Follow-up across incidents: `inc actions`, `inc action` on any
//! incident's item, `inc reviewed` and `inc reviews` with the business-day
//! deadline across weekends and time zones.

use crate::env::Env;

/// Opens an incident started at `started` (UTC) and resolves it at
/// `resolved` (UTC), acting at `resolved`. Returns nothing; ids count up.
fn resolved(env: &Env, title: &str, started: &str, resolved: &str, drill: bool) {
    let mut open = vec!["open", title, "--started", started, "--detected", started];
    if drill {
        open.push("--drill");
    }
    env.ok_at(resolved, &open);
    env.ok_at(resolved, &["resolve", "--at", resolved]);
}

fn ids(value: &serde_json::Value, key: &str) -> Vec<i64> {
    value
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|v| v[key].as_i64().expect("a number"))
        .collect()
}

#[test]
fn actions_lists_every_incident_by_due_date_with_filters() {
    let env = Env::new();
    env.ok(&["open", "Checkout 502s"]);
    env.ok(&[
        "action",
        "add",
        "alert on pool",
        "--owner",
        "payments",
        "--due",
        "2026-11-20",
    ]);
    env.ok(&["action", "add", "no due date", "--owner", "sre"]);
    env.ok(&["open", "DB failover drill", "--drill"]);
    env.ok(&[
        "action",
        "add",
        "doc failover",
        "--owner",
        "Payments",
        "--due",
        "+3d",
    ]);
    env.ok(&[
        "action",
        "add",
        "same day, later id",
        "--owner",
        "bob",
        "--due",
        "2026-11-20",
    ]);
    env.ok(&[
        "action",
        "add",
        "due today",
        "--owner",
        "bob",
        "--due",
        "today",
    ]);

    // Due first (ties by number), items without a due date last.
    let all = env.json(&["actions"]);
    assert_eq!(ids(&all, "id"), [1, 4, 5, 3, 2]);
    assert_eq!(all[0]["incident_id"], 1);
    assert_eq!(all[0]["incident_title"], "Checkout 502s");
    assert_eq!(all[0]["overdue"], true);
    assert_eq!(all[1]["drill"], true);
    assert_eq!(all[2]["overdue"], false, "due today is not overdue yet");
    // The alias gives the same as the long form.
    assert_eq!(all, env.json(&["action", "list", "--all-incidents"]));

    assert_eq!(ids(&env.json(&["actions", "--overdue"]), "id"), [1, 4]);
    assert_eq!(
        ids(&env.json(&["actions", "--owner", "PAYMENTS"]), "id"),
        [1, 3]
    );
    assert_eq!(
        ids(&env.json(&["actions", "--due-before", "2026-11-26"]), "id"),
        [1, 4]
    );
    assert_eq!(
        ids(&env.json(&["actions", "--due-before", "tomorrow"]), "id"),
        [1, 4, 5]
    );
    // --due-before on one incident's list too.
    assert_eq!(
        ids(
            &env.json(&["action", "list", "2", "--due-before", "+1d"]),
            "id"
        ),
        [4, 5]
    );
    env.ok(&["action", "done", "1"]);
    assert_eq!(ids(&env.json(&["actions", "--open"]), "id"), [4, 5, 3, 2]);
    assert_eq!(ids(&env.json(&["actions", "--overdue"]), "id"), [4]);

    // The table names the incident and the owner, and flags overdue items.
    let table = env.ok(&["actions"]);
    let row = |id: &str| {
        table
            .lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("no row {id} in\n{table}"))
            .to_string()
    };
    assert!(row("4").contains("2026-11-20 OVERDUE 6 days"), "{table}");
    assert!(row("4").contains("#2 [drill] DB failover drill"), "{table}");
    assert!(row("4").contains("bob"), "{table}");
    assert!(
        !row("1").contains("OVERDUE"),
        "done is never overdue: {table}"
    );
    assert!(row("2").contains("#1 Checkout 502s"), "{table}");

    let f = env.fails(&["actions", "--due-before", "next week"]);
    assert!(
        f.stderr.contains("`next week` is not a due date"),
        "{}",
        f.stderr
    );
    assert_eq!(
        env.ok(&["actions", "--owner", "nobody"]).trim(),
        "No action items match."
    );
    // An empty owner is a mistake, not a filter that matches nothing.
    let f = env.fails(&["actions", "--owner", " "]);
    assert!(
        f.stderr.starts_with("inc: error: the owner is empty"),
        "{}",
        f.stderr
    );
}

#[test]
fn action_commands_find_any_incidents_item_unless_told_otherwise() {
    let env = Env::new();
    env.ok(&["open", "First"]);
    env.ok(&["action", "add", "first's item", "--owner", "sre"]);
    env.ok(&["open", "Second"]);
    // #2 is current; action 1 is #1's, and is found by its number alone.
    let out = env.ok(&["action", "edit", "1", "--owner", "carol"]);
    assert!(out.contains("action 1 on #1"), "{out}");
    let out = env.ok(&["action", "done", "1"]);
    assert!(out.contains("action 1 on #1 First done"), "{out}");
    let stored: (String, String) = env
        .sql()
        .query_row("SELECT owner, status FROM actions WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(stored, ("carol".to_string(), "done".to_string()));
    // An explicit incident that disagrees is still refused.
    let f = env.fails(&["action", "edit", "1", "-i", "2", "--status", "open"]);
    assert!(
        f.stderr.contains("action 1 belongs to #1, not #2"),
        "{}",
        f.stderr
    );
    assert!(
        f.stderr.contains("hint: leave out -i, or give -i 1"),
        "{}",
        f.stderr
    );
    let f = env.fails(&["action", "done", "9"]);
    assert!(
        f.stderr.contains("there is no action item 9"),
        "{}",
        f.stderr
    );
}

#[test]
fn reviewed_records_the_meeting_once_and_corrects_only_when_asked() {
    let env = Env::new();
    // Resolved Friday 2026-11-20 16:00 Berlin: deadline Tuesday 2026-11-24.
    resolved(
        &env,
        "API 500s",
        "2026-11-20T08:00:00Z",
        "2026-11-20T15:00:00Z",
        false,
    );
    env.ok(&["open", "Still open"]);

    let f = env.fails(&["reviewed", "-i", "2"]);
    assert!(f.stderr.contains("#2 is not resolved"), "{}", f.stderr);
    let f = env.fails(&["reviewed", "-i", "1", "--at", "2026-11-20 15:59"]);
    assert!(
        f.stderr
            .contains("cannot be held before its resolution (2026-11-20 16:00 CET)"),
        "{}",
        f.stderr
    );
    let f = env.fails(&["reviewed", "-i", "1", "--at", "2026-11-26 16:00"]);
    assert!(f.stderr.contains("is in the future"), "{}", f.stderr);
    let f = env.fails(&["reviewed", "-i", "1", "--correct"]);
    assert!(f.stderr.contains("nothing to correct"), "{}", f.stderr);

    // Before it is held, --check warns that the meeting is overdue.
    let check = |env: &Env| {
        let out = env.cmd().args(["review", "1", "--check"]).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(check(&env).contains("the review meeting was due by 2026-11-24"));

    let out = env.ok(&["reviewed", "-i", "1", "--at", "2026-11-25 10:00"]);
    assert_eq!(
        out.trim(),
        "review meeting of #1 API 500s held at 2026-11-25 10:00 CET, 1 day after the deadline 2026-11-24"
    );
    let held: (String, String) = env
        .sql()
        .query_row(
            "SELECT review_held_at, review_held_by FROM incidents WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(held.0, "2026-11-25T09:00:00.000Z");
    assert_eq!(held.1, "alice");
    assert!(!check(&env).contains("was due by"), "{}", check(&env));

    // A second record is refused, naming the first; --correct replaces it.
    let f = env.fails(&["reviewed", "-i", "1", "--as", "bob"]);
    assert!(
        f.stderr
            .contains("already recorded as held at 2026-11-25 10:00 CET (by alice)"),
        "{}",
        f.stderr
    );
    assert!(f.stderr.contains("--correct"), "{}", f.stderr);
    let out = env.ok(&[
        "reviewed",
        "-i",
        "1",
        "--at",
        "2026-11-24 10:00",
        "--correct",
        "--as",
        "bob",
    ]);
    assert!(out.contains("(was 2026-11-25 10:00 CET), on time"), "{out}");

    let md = env.ok(&["review", "1"]);
    assert!(
        md.contains("- Held: 2026-11-24 10:00 CET (on time)"),
        "{md}"
    );
    let json = env.json(&["review", "1"]);
    assert_eq!(json["meeting"]["held_at"], "2026-11-24T09:00:00Z");
    assert_eq!(json["meeting"]["deadline"], "2026-11-24");
    let reviews = env.json(&["reviews"]);
    assert_eq!(reviews[0]["state"], "reviewed");
    assert_eq!(reviews[0]["held_by"], "bob");
    assert_eq!(reviews[0]["days_late"], 0);
}

/// The deadline of one incident resolved at `at` (UTC), as `inc reviews`
/// computes it with the display zone `zone`.
fn deadline(at: &str, zone: &str) -> String {
    let env = Env::new();
    env.cmd()
        .env("INC_NOW", at)
        .env("INC_TZ", zone)
        .args(["open", "x", "--started", at, "--detected", at])
        .assert()
        .success();
    env.cmd()
        .env("INC_NOW", at)
        .env("INC_TZ", zone)
        .args(["resolve", "--at", at])
        .assert()
        .success();
    let out = env
        .cmd()
        .env("INC_NOW", at)
        .env("INC_TZ", zone)
        .args(["reviews", "--json"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    value[0]["deadline"].as_str().unwrap().to_string()
}

#[test]
fn the_deadline_counts_business_days_in_the_display_zone() {
    // 2026-11-20 is a Friday, 11-21 a Saturday, 11-22 a Sunday.
    let berlin = "Europe/Berlin";
    // Friday afternoon: Monday, Tuesday.
    assert_eq!(deadline("2026-11-20T14:00:00Z", berlin), "2026-11-24");
    // Saturday and Sunday: Monday is the first business day after.
    assert_eq!(deadline("2026-11-21T10:00:00Z", berlin), "2026-11-24");
    assert_eq!(deadline("2026-11-22T10:00:00Z", berlin), "2026-11-24");
    // Thursday: Friday, Monday.
    assert_eq!(deadline("2026-11-19T10:00:00Z", berlin), "2026-11-23");
    // Friday 23:30 in Berlin is Friday 22:30 UTC; Saturday 00:30 in Berlin is
    // still Friday 23:30 in UTC: the day in the display zone counts.
    assert_eq!(deadline("2026-11-20T22:30:00Z", berlin), "2026-11-24");
    assert_eq!(deadline("2026-11-20T23:30:00Z", berlin), "2026-11-24");
    assert_eq!(deadline("2026-11-20T23:30:00Z", "UTC"), "2026-11-24");
    // The reverse: Friday evening in New York is already Saturday in UTC.
    // In New York it is a Friday resolution; in UTC a Saturday one.
    assert_eq!(
        deadline("2026-11-21T01:00:00Z", "America/New_York"),
        "2026-11-24"
    );
    assert_eq!(deadline("2026-11-21T01:00:00Z", "UTC"), "2026-11-24");
    // Thursday evening in New York is Friday in UTC: Monday vs Tuesday.
    assert_eq!(
        deadline("2026-11-20T02:00:00Z", "America/New_York"),
        "2026-11-23"
    );
    assert_eq!(deadline("2026-11-20T02:00:00Z", "UTC"), "2026-11-24");
    // Sunday late in Berlin is still Sunday; just after midnight Monday.
    assert_eq!(deadline("2026-11-22T22:30:00Z", berlin), "2026-11-24");
    assert_eq!(deadline("2026-11-22T23:30:00Z", berlin), "2026-11-25");
}

#[test]
fn reviews_sorts_overdue_due_and_reviewed_and_marks_drills() {
    let env = Env::new();
    // Now: Thursday 2026-11-26 15:00 Berlin.
    // #1 resolved Mon 11-16: deadline Wed 11-18, 8 days late.
    resolved(
        &env,
        "Oldest",
        "2026-11-16T09:00:00Z",
        "2026-11-16T10:00:00Z",
        false,
    );
    // #2 resolved Fri 11-20: deadline Tue 11-24, 2 days late.
    resolved(
        &env,
        "Friday one",
        "2026-11-20T09:00:00Z",
        "2026-11-20T10:00:00Z",
        false,
    );
    // #3 resolved Tue 11-24: deadline Thu 11-26, today: due, 0 days left.
    resolved(
        &env,
        "Due today",
        "2026-11-24T09:00:00Z",
        "2026-11-24T10:00:00Z",
        true,
    );
    // #4 resolved Thu 11-26 10:00 UTC: deadline Mon 11-30, target tomorrow.
    resolved(
        &env,
        "Fresh",
        "2026-11-26T09:00:00Z",
        "2026-11-26T10:00:00Z",
        false,
    );
    // #5 and #6 held: #5 late, #6 on time and more recently.
    resolved(
        &env,
        "Held late",
        "2026-11-10T09:00:00Z",
        "2026-11-10T10:00:00Z",
        false,
    );
    resolved(
        &env,
        "Held on time",
        "2026-11-23T09:00:00Z",
        "2026-11-23T10:00:00Z",
        false,
    );
    env.ok(&["reviewed", "-i", "5", "--at", "2026-11-16 10:00"]);
    env.ok(&["reviewed", "-i", "6", "--at", "2026-11-24 10:00"]);
    env.ok(&["open", "Still open"]);

    let list = env.json(&["reviews"]);
    assert_eq!(ids(&list, "id"), [1, 2, 3, 4, 6, 5], "{list:#}");
    let states: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        ["overdue", "overdue", "due", "due", "reviewed", "reviewed"]
    );
    assert_eq!(list[0]["days_late"], 8);
    assert_eq!(list[1]["days_late"], 2);
    assert_eq!(list[2]["days_left"], 0);
    assert_eq!(list[2]["drill"], true);
    assert_eq!(list[3]["days_left"], 4, "calendar days");
    assert_eq!(list[3]["deadline"], "2026-11-30");
    assert_eq!(list[3]["target"], "2026-11-27T10:00:00Z");
    assert_eq!(list[4]["days_late"], 0);
    // #5: deadline Thu 11-12, held Mon 11-16: 4 days late.
    assert_eq!(list[5]["days_late"], 4);

    let table = env.ok(&["reviews"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[1].contains("#1 SEV2 Oldest") && lines[1].contains("OVERDUE by 8 days"),
        "{table}"
    );
    assert!(
        lines[3].contains("[drill] Due today") && lines[3].contains("due today"),
        "{table}"
    );
    assert!(
        lines[4].contains("target 2026-11-27 11:00 CET (20h 00m from now), deadline in 4 days"),
        "{table}"
    );
    assert!(
        lines[5].contains("reviewed 2026-11-24 10:00 CET, on time"),
        "{table}"
    );
    assert!(
        lines[6].contains("reviewed 2026-11-16 10:00 CET, 4 days late"),
        "{table}"
    );
    assert!(!table.contains("Still open"), "{table}");
}

#[test]
fn reviews_with_nothing_resolved_says_so() {
    let env = Env::new();
    env.ok(&["open", "Only open"]);
    assert_eq!(
        env.ok(&["reviews"]).trim(),
        "No incident is resolved yet, so no review is due."
    );
    assert_eq!(env.json(&["reviews"]), serde_json::json!([]));
}
