//! `inc stats`: incidents with known durations, entered as a user would,
//! and the statistics compared with values worked out by hand (in the
//! comments). Now is Thursday 2026-11-26 15:00 in Berlin (CET, UTC+1).

use serde_json::{Value, json};

use crate::env::Env;

/// Opens an incident from the records, at Berlin times, and returns its id.
fn open(env: &Env, title: &str, sev: &str, started: &str, detected: &str, extra: &[&str]) {
    let mut args = vec![
        "open",
        title,
        "--sev",
        sev,
        "--started",
        started,
        "--detected",
        detected,
        "--declared",
        detected,
    ];
    args.extend_from_slice(extra);
    env.ok(&args);
}

fn at(env: &Env, command: &str, id: &str, time: &str) {
    env.ok(&[command, "-i", id, "--at", time]);
}

/// Records that incident `id`'s review meeting was held at `time` (UTC),
/// as a user would.
fn hold_review(env: &Env, id: i64, time: &str) {
    env.ok(&["reviewed", "-i", &id.to_string(), "--at", time]);
}

/// The incidents, with their durations in seconds (TTD / TTM / TTR):
///
/// | # | sev | started (CET)    | TTD  | TTM  | TTR   | review                        |
/// | 1 | 1   | 2026-11-02 10:00 | 240  | 1800 | 3600  | deadline Wed 11-04, held 11-03: on time |
/// | 2 | 2   | 2026-11-05 09:00 | 600  | 2400 | 5400  | deadline Mon 11-09, held 11-10: late |
/// | 3 | 2   | 2026-11-09 08:00 | 1800 | 3600 | 14400 | deadline Wed 11-11, not held: overdue |
/// | 4 | 3   | 2026-11-16 14:00 | 0    | -    | 2700  | deadline Wed 11-18, held 23:30 that day: on time |
/// | 5 | 2   | 2026-11-25 10:00 | 1200 | 3000 | 28800 | deadline Fri 11-27: not yet due |
/// | 6 | 1   | 2026-11-26 12:00 | 120  | 1800 | -     | monitoring: not counted |
/// | 7 | 4   | 2026-11-26 13:00 | 1800 | -    | -     | investigating: not counted |
/// | 8 | 1   | 2026-11-10 10:00 | 60   | 900  | 1200  | a drill |
/// | 9 | 2   | 2026-10-20 10:00 | 300  | -    | 3900  | deadline Thu 10-22, not held: overdue |
///
/// Open action items: #1 bob due 11-20 (overdue), #1 carol due 12-10, #1
/// bob (done), #3 bob no due date, #2 carol due 11-25 (overdue), #5 anna due
/// 11-26 (today: not overdue), #8 (drill) dave due 11-01 (overdue).
fn known_incidents() -> Env {
    let env = Env::new();
    open(
        &env,
        "Checkout returns 502",
        "1",
        "2026-11-02 10:00",
        "2026-11-02 10:04",
        &[],
    );
    at(&env, "mitigated", "1", "2026-11-02 10:30");
    at(&env, "resolve", "1", "2026-11-02 11:00");

    open(
        &env,
        "Login slow",
        "SEV2",
        "2026-11-05 09:00",
        "2026-11-05 09:10",
        &[],
    );
    at(&env, "mitigated", "2", "2026-11-05 09:40");
    at(&env, "resolve", "2", "2026-11-05 10:30");

    open(
        &env,
        "Search index stale",
        "major",
        "2026-11-09 08:00",
        "2026-11-09 08:30",
        &[],
    );
    at(&env, "mitigated", "3", "2026-11-09 09:00");
    at(&env, "resolve", "3", "2026-11-09 12:00");

    open(
        &env,
        "Webhook retries",
        "3",
        "2026-11-16 14:00",
        "2026-11-16 14:00",
        &[],
    );
    at(&env, "resolve", "4", "2026-11-16 14:45");

    open(
        &env,
        "Billing export failing",
        "2",
        "2026-11-25 10:00",
        "2026-11-25 10:20",
        &[],
    );
    at(&env, "mitigated", "5", "2026-11-25 10:50");
    at(&env, "resolve", "5", "2026-11-25 18:00");

    open(
        &env,
        "EU latency",
        "1",
        "2026-11-26 12:00",
        "2026-11-26 12:02",
        &[],
    );
    at(&env, "mitigated", "6", "2026-11-26 12:30");
    env.ok(&["status", "monitoring", "-i", "6"]);

    open(
        &env,
        "Disk alerts noisy",
        "4",
        "2026-11-26 13:00",
        "2026-11-26 13:30",
        &[],
    );

    open(
        &env,
        "Game day: database failover",
        "1",
        "2026-11-10 10:00",
        "2026-11-10 10:01",
        &["--drill"],
    );
    at(&env, "mitigated", "8", "2026-11-10 10:15");
    at(&env, "resolve", "8", "2026-11-10 10:20");

    open(
        &env,
        "October outage",
        "2",
        "2026-10-20 10:00",
        "2026-10-20 10:05",
        &[],
    );
    at(&env, "resolve", "9", "2026-10-20 11:05");

    // Review meetings, in UTC: 11-03 10:00 CET; 11-10 09:00 CET; 11-18
    // 23:30 CET, the last half hour of the deadline day.
    hold_review(&env, 1, "2026-11-03T09:00:00.000Z");
    hold_review(&env, 2, "2026-11-10T08:00:00.000Z");
    hold_review(&env, 4, "2026-11-18T22:30:00.000Z");

    let action = |id: &str, text: &str, owner: &str, due: Option<&str>| {
        let mut args = vec!["action", "add", text, "--owner", owner, "-i", id];
        if let Some(due) = due {
            args.extend(["--due", due]);
        }
        env.ok(&args);
    };
    action("1", "Alert on checkout 5xx rate", "bob", Some("2026-11-20"));
    action("1", "Load test checkout", "carol", Some("2026-12-10"));
    action("1", "Write the rollback runbook", "bob", Some("2026-11-10"));
    env.ok(&["action", "done", "3"]);
    action("3", "Monitor index lag", "bob", None);
    action("2", "Cache sessions", "carol", Some("2026-11-25"));
    action("5", "Retry exports", "anna", Some("2026-11-26"));
    action("8", "Automate failover", "dave", Some("2026-11-01"));
    env
}

fn spread(n: u64, median: i64, p90: i64, max: i64) -> Value {
    json!({ "n": n, "median_seconds": median, "p90_seconds": p90, "max_seconds": max })
}

fn none() -> Value {
    json!({ "n": 0, "median_seconds": null, "p90_seconds": null, "max_seconds": null })
}

fn named(list: &[(i64, &str)]) -> Value {
    list.iter()
        .map(|(id, title)| json!({ "id": id, "title": title }))
        .collect()
}

#[test]
fn stats_json_matches_hand_computed_values() {
    let env = known_incidents();
    let s = env.json(&["stats"]);
    // Incidents 1-7 and 9; the drill (#8) left out.
    assert_eq!(s["incidents"], 8);
    assert_eq!(s["drills_left_out"], 1);
    assert_eq!(s["include_drills"], false);
    assert_eq!((&s["since"], &s["until"]), (&Value::Null, &Value::Null));
    assert_eq!(
        s["by_severity"],
        json!({ "SEV1": 2, "SEV2": 4, "SEV3": 1, "SEV4": 1 })
    );
    assert_eq!(
        s["by_status"],
        json!({ "investigating": 1, "identified": 0, "monitoring": 1, "resolved": 6 })
    );

    // Detect, sorted: 0 120 240 300 600 1200 1800 1800. Median (300 + 600)
    // / 2 = 450; p90 rank ceil(7.2) = 8.
    let ttd = &s["time_to_detect"];
    assert_eq!(ttd["definition"], "detected - started");
    assert_eq!(ttd["all"], spread(8, 450, 1800, 1800));
    assert_eq!(ttd["by_severity"]["SEV1"], spread(2, 180, 240, 240));
    // SEV2: 300 600 1200 1800 -> median 900, p90 rank ceil(3.6) = 4.
    assert_eq!(ttd["by_severity"]["SEV2"], spread(4, 900, 1800, 1800));
    assert_eq!(ttd["by_severity"]["SEV3"], spread(1, 0, 0, 0));
    assert_eq!(ttd["by_severity"]["SEV4"], spread(1, 1800, 1800, 1800));
    assert_eq!(ttd["incomplete"], json!([]));

    // Mitigate, sorted: 1800 1800 2400 3000 3600; p90 rank ceil(4.5) = 5.
    let ttm = &s["time_to_mitigate"];
    assert_eq!(ttm["all"], spread(5, 2400, 3600, 3600));
    assert_eq!(ttm["by_severity"]["SEV1"], spread(2, 1800, 1800, 1800));
    assert_eq!(ttm["by_severity"]["SEV2"], spread(3, 3000, 3600, 3600));
    assert_eq!(ttm["by_severity"]["SEV3"], none());
    assert_eq!(ttm["by_severity"]["SEV4"], none());
    assert_eq!(
        ttm["incomplete"],
        named(&[
            (4, "Webhook retries"),
            (7, "Disk alerts noisy"),
            (9, "October outage")
        ])
    );

    // Resolve, sorted: 2700 3600 3900 5400 14400 28800. Median (3900 +
    // 5400) / 2 = 4650; p90 rank ceil(5.4) = 6.
    let ttr = &s["time_to_resolve"];
    assert_eq!(ttr["all"], spread(6, 4650, 28800, 28800));
    assert_eq!(ttr["by_severity"]["SEV1"], spread(1, 3600, 3600, 3600));
    // SEV2: 3900 5400 14400 28800 -> median (5400 + 14400) / 2 = 9900.
    assert_eq!(ttr["by_severity"]["SEV2"], spread(4, 9900, 28800, 28800));
    assert_eq!(ttr["by_severity"]["SEV3"], spread(1, 2700, 2700, 2700));
    assert_eq!(ttr["by_severity"]["SEV4"], none());
    assert_eq!(
        ttr["incomplete"],
        named(&[(6, "EU latency"), (7, "Disk alerts noisy")])
    );

    assert_eq!(
        s["reviews"],
        json!({
            "deadline_business_days": 2,
            "on_time": 2,
            "late": 1,
            "overdue": 2,
            "not_yet_due": 1,
            "not_resolved": 2,
            "overdue_incidents": [
                { "id": 3, "title": "Search index stale", "deadline": "2026-11-11" },
                { "id": 9, "title": "October outage", "deadline": "2026-10-22" },
            ],
        })
    );

    // bob and carol have one overdue each and two open; anna's is due today.
    assert_eq!(
        s["actions"],
        json!({
            "today": "2026-11-26",
            "open": 5,
            "overdue": 2,
            "by_owner": [
                { "owner": "bob", "open": 2, "overdue": 1 },
                { "owner": "carol", "open": 2, "overdue": 1 },
                { "owner": "anna", "open": 1, "overdue": 0 },
            ],
        })
    );
}

#[test]
fn stats_text_shows_the_same_numbers_with_their_definitions() {
    let env = known_incidents();
    let out = env.ok(&["stats"]);
    let expected = "\
Statistics of all incidents
8 incidents; 1 drill left out (--include-drills counts it)

By severity:  SEV1 2   SEV2 4   SEV3 1   SEV4 1
By status:    investigating 1   identified 0   monitoring 1   resolved 6

Durations     n  median     p90     max
time to detect (detected - started)
  all         8  7m 30s     30m     30m
  SEV1        2      3m      4m      4m
  SEV2        4     15m     30m     30m
  SEV3        1      0s      0s      0s
  SEV4        1     30m     30m     30m
time to mitigate (mitigated - started)
  all         5     40m  1h 00m  1h 00m
  SEV1        2     30m     30m     30m
  SEV2        3     50m  1h 00m  1h 00m
  SEV3        0       -       -       -
  SEV4        0       -       -       -
  not mitigated (3, left out of the numbers above):
    #4 Webhook retries
    #7 Disk alerts noisy
    #9 October outage
time to resolve (resolved - started)
  all         6  1h 17m  8h 00m  8h 00m
  SEV1        1  1h 00m  1h 00m  1h 00m
  SEV2        4  2h 45m  8h 00m  8h 00m
  SEV3        1     45m     45m     45m
  SEV4        0       -       -       -
  not resolved (2, left out of the numbers above):
    #6 EU latency
    #7 Disk alerts noisy

Each time is measured from `started` (when impact began); shown to the minute above
an hour (--json gives seconds).
median: the middle value; with an even count, the mean of the two middle values.
p90: 90th percentile by nearest rank: the value at rank ceil(0.9 x n) in ascending
     order, so at least 90% of the incidents took that long or less.
max: the longest. Medians, not means: incident durations are skewed, and one very
     long incident pulls a mean far from the typical one.

Review meetings of resolved incidents (deadline: 2 business days after the day of resolution):
  on time 2   late 1   overdue 2   not yet due 1   (not resolved, not counted: 2)
  overdue: #3 Search index stale (deadline 2026-11-11)
  overdue: #9 October outage (deadline 2026-10-22)

Open action items of these incidents: 5 open, 2 overdue (due before 2026-11-26)
  owner  open  overdue
  bob       2        1
  carol     2        1
  anna      1        0
";
    assert_eq!(out, expected, "got:\n{out}");
}

#[test]
fn drills_count_only_when_asked() {
    let env = known_incidents();
    let s = env.json(&["stats", "--include-drills"]);
    assert_eq!(
        (&s["incidents"], &s["drills_left_out"]),
        (&json!(9), &json!(0))
    );
    assert_eq!(s["include_drills"], true);
    // Detect gains the drill's 60: 0 60 120 240 300 600 1200 1800 1800,
    // median the 5th (300), p90 rank ceil(8.1) = 9.
    assert_eq!(s["time_to_detect"]["all"], spread(9, 300, 1800, 1800));
    // SEV1 detect: 60 120 240.
    assert_eq!(
        s["time_to_detect"]["by_severity"]["SEV1"],
        spread(3, 120, 240, 240)
    );
    // The drill was resolved 11-10 and never reviewed: overdue too.
    assert_eq!(s["reviews"]["overdue"], 3);
    // dave's overdue item on the drill now counts.
    assert_eq!(
        (&s["actions"]["open"], &s["actions"]["overdue"]),
        (&json!(6), &json!(3))
    );
    assert_eq!(
        s["actions"]["by_owner"][2],
        json!({ "owner": "dave", "open": 1, "overdue": 1 })
    );
    let out = env.ok(&["stats", "--include-drills"]);
    assert!(out.contains("\n9 incidents; drills included\n"), "{out}");
}

#[test]
fn since_is_inclusive_and_until_exclusive() {
    let env = known_incidents();
    let count = |args: &[&str]| {
        let mut all = vec!["stats"];
        all.extend_from_slice(args);
        let s = env.json(&all);
        s["incidents"].as_u64().unwrap()
    };
    // November up to (not including) today: #1 to #5.
    let s = env.json(&["stats", "--since", "2026-11-01", "--until", "today"]);
    assert_eq!(s["incidents"], 5);
    assert_eq!(s["since"], "2026-10-31T23:00:00Z");
    assert_eq!(s["until"], "2026-11-25T23:00:00Z");
    // Resolve: 2700 3600 5400 14400 28800, median 5400, p90 rank 5.
    assert_eq!(s["time_to_resolve"]["all"], spread(5, 5400, 28800, 28800));
    assert_eq!(s["time_to_resolve"]["incomplete"], json!([]));
    // #7 started at 13:00 exactly: --until excludes it, --since includes it.
    assert_eq!(
        count(&["--since", "today", "--until", "2026-11-26 13:00"]),
        1
    );
    assert_eq!(count(&["--since", "2026-11-26 13:00"]), 1);
    assert_eq!(count(&["--since", "2026-11-26 12:59:59"]), 1);
    assert_eq!(count(&["--since", "2026-11-26T12:00:00Z"]), 1);
    assert_eq!(count(&["--since", "2026-11-26T11:00:00Z"]), 2);
    // -30d is midnight on 10-27: leaves out only October's #9.
    assert_eq!(count(&["--since", "-30d"]), 7);
    // Relative times are exact: -3h is 12:00 CET, when #6 started.
    assert_eq!(count(&["--since", "-3h"]), 2);
    assert_eq!(count(&["--since", "-2h"]), 1);
    assert_eq!(count(&["--until", "2026-11-01"]), 1);
    // A date in the future is a fine upper bound.
    assert_eq!(count(&["--until", "2027-01-01"]), 8);
    let out = env.ok(&["stats", "--since", "2026-11-01", "--until", "today"]);
    assert!(
        out.starts_with(
            "Statistics of incidents started from 2026-11-01 00:00 CET to before 2026-11-26 00:00 CET\n"
        ),
        "{out}"
    );
}

#[test]
fn severity_filter_takes_every_form() {
    let env = known_incidents();
    for sev in ["2", "SEV2", "sev2", "major"] {
        let s = env.json(&["stats", "--sev", sev]);
        assert_eq!(s["incidents"], 4, "--sev {sev}");
        assert_eq!(s["severity"], "SEV2");
        assert_eq!(
            s["by_severity"],
            json!({ "SEV1": 0, "SEV2": 4, "SEV3": 0, "SEV4": 0 })
        );
        assert_eq!(s["time_to_resolve"]["all"], spread(4, 9900, 28800, 28800));
    }
    // SEV1: the drill is the only other SEV1 besides #1 and #6.
    let s = env.json(&["stats", "--sev", "1"]);
    assert_eq!(
        (&s["incidents"], &s["drills_left_out"]),
        (&json!(2), &json!(1))
    );
    // Only #1's action items: bob 1 overdue, carol 1 open.
    assert_eq!(s["actions"]["open"], 2);
    assert_eq!(s["actions"]["overdue"], 1);
}

#[test]
fn nothing_to_count_says_so() {
    let env = Env::new();
    assert_eq!(
        env.ok(&["stats"]),
        "Statistics of all incidents\n0 incidents; no drills left out\n"
    );
    assert!(env.snapshot().is_none(), "stats created no database");
    let s = env.json(&["stats"]);
    assert_eq!(s["incidents"], 0);
    assert_eq!(s["time_to_resolve"]["all"], none());
    assert_eq!(s["actions"]["by_owner"], json!([]));

    // One incident: every statistic is its own value.
    open(
        &env,
        "Only one",
        "3",
        "2026-11-20 10:00",
        "2026-11-20 10:07",
        &[],
    );
    at(&env, "resolve", "1", "2026-11-20 10:37");
    let s = env.json(&["stats"]);
    assert_eq!(s["time_to_detect"]["all"], spread(1, 420, 420, 420));
    assert_eq!(s["time_to_resolve"]["all"], spread(1, 2220, 2220, 2220));
    assert_eq!(s["time_to_mitigate"]["all"], none());
    assert_eq!(
        s["time_to_mitigate"]["incomplete"],
        named(&[(1, "Only one")])
    );
}

#[test]
fn bad_ranges_and_severities_are_refused() {
    let env = known_incidents();
    let f = env.fails(&["stats", "--since", "today", "--until", "-1w"]);
    assert!(
        f.stderr
            .starts_with("inc: error: --since (2026-11-26 00:00 CET) is not before --until (2026-11-19 00:00 CET)"),
        "{}",
        f.stderr
    );
    let f = env.fails(&["stats", "--since", "last tuesday"]);
    assert!(
        f.stderr
            .contains("`last tuesday` is not a date or time inc understands"),
        "{}",
        f.stderr
    );
    assert!(
        f.stderr.contains("hint: use 2026-11-01, today"),
        "{}",
        f.stderr
    );
    let f = env.fails(&["stats", "--until", "2026-12-01 10:00"]);
    assert!(f.stderr.contains("is in the future"), "{}", f.stderr);
    let f = env.fails(&["stats", "--sev", "7"]);
    assert!(f.stderr.contains("`7` is not a severity"), "{}", f.stderr);
}

#[test]
fn titles_cannot_drive_the_terminal() {
    let env = Env::new();
    open(
        &env,
        "evil \u{1b}[31mred\u{1b}[0m title",
        "2",
        "2026-11-20 10:00",
        "2026-11-20 10:05",
        &[],
    );
    let out = env.ok(&["stats"]);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(out.contains("#1 evil"), "{out}");
    // JSON keeps the text, escaped.
    let s = env.json(&["stats"]);
    assert_eq!(
        s["time_to_resolve"]["incomplete"][0]["title"],
        "evil \u{1b}[31mred\u{1b}[0m title"
    );
}
