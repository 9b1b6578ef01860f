//! `inc review`: the report and its readiness check.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::env::Env;

/// Runs `inc --as WHO ARGS` at `now`.
fn act(env: &Env, now: &str, who: &str, args: &[&str]) {
    let mut all = vec!["--as", who];
    all.extend_from_slice(args);
    env.ok_at(now, &all);
}

/// A rich incident: backdated start, notes (one key), a severity change,
/// roles, a task, two handoffs, mitigation and resolution, a description,
/// factors of both kinds, action items and lessons. `text` goes into every
/// free-text field, to try hostile input.
fn rich_incident(text: &str) -> Env {
    let env = Env::new();
    let t = |s: &str| format!("{s}{text}");
    // Names are one line of plain text: the same text without controls.
    let name = |s: &str| {
        format!("{s}{text}")
            .chars()
            .filter(|c| !c.is_control())
            .collect::<String>()
    };
    act(
        &env,
        "2026-11-26T13:20:00Z",
        "alice",
        &[
            "open",
            &t("Checkout returns 502 for EU customers"),
            "--started",
            "14:02",
            "--detected",
            "14:08",
        ],
    );
    act(
        &env,
        "2026-11-26T13:22:00Z",
        "alice",
        &["tl", &t("alert fired"), "--at", "-10m"],
    );
    act(
        &env,
        "2026-11-26T13:25:00Z",
        "alice",
        &["tl", &t("rolled back payments-api"), "--key"],
    );
    act(
        &env,
        "2026-11-26T13:33:00Z",
        "alice",
        &["sev", "1", "--reason", &t("card payments failing")],
    );
    act(
        &env,
        "2026-11-26T13:35:00Z",
        "alice",
        &["status", "identified"],
    );
    act(
        &env,
        "2026-11-26T13:36:00Z",
        "alice",
        &["role", "scribe", "frank"],
    );
    act(
        &env,
        "2026-11-26T13:37:00Z",
        "alice",
        &[
            "task",
            "add",
            &t("shift EU traffic back"),
            "--owner",
            "dave",
        ],
    );
    act(
        &env,
        "2026-11-26T13:38:00Z",
        "alice",
        &["handoff", "bob", "--note", &t("status page updated")],
    );
    act(
        &env,
        "2026-11-26T13:39:00Z",
        "dave",
        &["tl", &t("traffic shifted")],
    );
    act(
        &env,
        "2026-11-26T13:42:00Z",
        "bob",
        &["mitigated", "--at", "14:40"],
    );
    act(&env, "2026-11-26T13:50:00Z", "bob", &["handoff", "carol"]);
    act(&env, "2026-11-26T14:00:00Z", "carol", &["resolve"]);
    act(
        &env,
        "2026-11-26T15:00:00Z",
        "carol",
        &[
            "describe",
            "--summary",
            &t(
                "Our 5-minute check found checkout failing; EU customers could not pay for 38 minutes until payments-api was rolled back.",
            ),
            "--impact",
            &t("EU card payments failed"),
            "--scope",
            "external",
            "--detection",
            &t("5-minute synthetic check"),
        ],
    );
    act(
        &env,
        "2026-11-26T15:01:00Z",
        "carol",
        &[
            "factor",
            "add",
            &t("a config change shipped without a canary"),
        ],
    );
    act(
        &env,
        "2026-11-26T15:02:00Z",
        "carol",
        &[
            "factor",
            "add",
            &t("no staging budget"),
            "--kind",
            "non-technical",
        ],
    );
    act(
        &env,
        "2026-11-26T15:03:00Z",
        "carol",
        &[
            "action",
            "add",
            &t("canary every config change"),
            "--owner",
            &name("platform"),
            "--due",
            "2026-12-10",
            "--priority",
            "P1",
            "--type",
            "prevent",
        ],
    );
    act(
        &env,
        "2026-11-26T15:04:00Z",
        "carol",
        &[
            "action",
            "add",
            &t("alert on queue depth"),
            "--owner",
            "sre",
            "--due",
            "+7d",
            "--type",
            "detect",
        ],
    );
    act(
        &env,
        "2026-11-26T15:05:00Z",
        "carol",
        &[
            "lesson",
            "add",
            &t("rollback took 3 minutes"),
            "--kind",
            "went-well",
        ],
    );
    act(
        &env,
        "2026-11-26T15:06:00Z",
        "carol",
        &["lesson", "add", &t("no canary"), "--kind", "went-wrong"],
    );
    act(
        &env,
        "2026-11-26T15:07:00Z",
        "carol",
        &["lesson", "add", &t("traffic was low"), "--kind", "lucky"],
    );
    env
}

#[test]
fn the_review_of_a_rich_incident() {
    let env = rich_incident("");
    let review = env.ok(&["review", "1"]);
    insta::assert_snapshot!("review_markdown", review);
    // Same records, same bytes, whenever it is rendered.
    assert_eq!(env.ok_at("2027-01-01T00:00:00Z", &["review", "1"]), review);
    assert_eq!(env.ok(&["review", "1", "--markdown"]), review);
}

#[test]
fn the_review_holds_the_key_times_and_durations() {
    let env = rich_incident("");
    let review = env.ok(&["review", "1"]);
    for line in [
        "| Impact started | 2026-11-26 14:02 CET |",
        "| Detected | 2026-11-26 14:08 CET |",
        "| Declared | 2026-11-26 14:20 CET |",
        "| Mitigated | 2026-11-26 14:40 CET |",
        "| Resolved | 2026-11-26 15:00 CET |",
        "| Time to detect | 6m | detected − started |",
        "| Time to mitigate | 38m | mitigated − started |",
        "| Time to resolve | 58m | resolved − started |",
        "| Severity | SEV1 (SEV2 → SEV1 at 2026-11-26 14:33 CET) |",
        "| Commanders | alice → bob → carol |",
        "- Deadline: 2026-11-30 (2 business days after resolution)",
        // Every role holder and action owner, a team among them.
        "- Attendees: alice, bob, carol, frank, dave, platform, sre",
        "| SEV2 | 2026-11-26 14:20 CET | 2026-11-26 14:33 CET | 13m |",
        "| SEV1 | 2026-11-26 14:33 CET | 2026-11-26 15:00 CET | 27m |",
    ] {
        assert!(review.contains(line), "missing {line:?} in\n{review}");
    }
    let json = env.json(&["review", "1"]);
    assert_eq!(json["incident"]["time_to_resolve_seconds"], 58 * 60);
    assert_eq!(json["incident"]["time_to_mitigate_seconds"], 38 * 60);
    assert_eq!(json["description"]["draft"], serde_json::Value::Null);
    assert_eq!(json["meeting"]["deadline"], "2026-11-30");
    assert_eq!(json["factors"].as_array().unwrap().len(), 2);
    assert_eq!(json["draft"], false);
    assert_eq!(json["severities"][0]["severity"], "SEV2");
    assert_eq!(json["severities"][0]["seconds"], 13 * 60);
    assert_eq!(json["severities"][1]["until"], "2026-11-26T14:00:00Z");
    assert_eq!(json["severities"][1]["seconds"], 27 * 60);

    // An internal update, then the first external one 40 minutes after
    // impact began at 14:02.
    env.ok(&["update", "rolling back", "--at", "14:30", "-i", "1"]);
    env.ok(&[
        "update",
        "--external",
        "We are recovering",
        "--at",
        "14:42",
        "-i",
        "1",
    ]);
    let json = env.json(&["review", "1"]);
    let c = &json["communications"];
    assert_eq!(c["updates"].as_array().unwrap().len(), 2);
    assert_eq!(c["updates"][0]["audience"], "internal");
    assert_eq!(c["first_external_update_at"], "2026-11-26T13:42:00Z");
    assert_eq!(c["time_to_first_external_update_seconds"], 40 * 60);
    let review = env.ok(&["review", "1"]);
    assert!(
        review.contains("First external update: 2026-11-26 14:42 CET, 40m after impact began"),
        "{review}"
    );
    let public = env.ok(&["review", "1", "--public"]);
    assert!(!public.contains("rolling back"), "{public}");
}

/// Checks markdown with a CommonMark parser (with GitHub tables): every
/// table row has as many cells as its header, and no raw HTML appears.
pub(crate) fn assert_well_formed(markdown: &str) {
    let mut cells_in_row = 0;
    let mut header_cells = 0;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                // Only inc's own markdownlint comment, never user text.
                assert_eq!(
                    html.trim(),
                    inc::report::review::LINT_COMMENT,
                    "raw HTML in the review"
                );
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => cells_in_row = 0,
            Event::Start(Tag::TableCell) => cells_in_row += 1,
            Event::End(TagEnd::TableHead) => header_cells = cells_in_row,
            Event::End(TagEnd::TableRow) => {
                assert_eq!(
                    cells_in_row, header_cells,
                    "a table row with the wrong number of cells"
                );
            }
            _ => {}
        }
    }
}

#[test]
fn hostile_text_cannot_break_the_markdown() {
    let hostile = " | pipe | `tick` *star* _under_ <script>alert(1)</script> &amp; <!-- c --> [l](x) \n# heading\n---\n> quote \u{1b}[31m";
    let env = rich_incident(hostile);
    let review = env.ok(&["review", "1"]);
    assert_well_formed(&review);
    assert!(!review.contains("<script>"), "{review}");
    assert!(!review.chars().any(|c| c.is_control() && c != '\n'));
    // Every table row has the header's number of pipes-separated cells.
    assert_well_formed(&env.ok(&["review", "1"]));
    let json = env.json(&["review", "1"]);
    assert!(
        json["description"]["summary"]
            .as_str()
            .unwrap()
            .contains("<script>"),
        "JSON keeps the text as written"
    );
}

#[test]
fn an_unresolved_incident_gives_a_draft() {
    let env = Env::new();
    env.ok(&["open", "Still burning", "--started", "-30m"]);
    env.ok(&["tl", "restarted", "--key"]);
    let review = env.ok(&["review"]);
    assert!(
        review.contains("**Draft:** this incident is not resolved yet"),
        "{review}"
    );
    assert!(
        review.contains("**Draft:** assembled from the records"),
        "{review}"
    );
    assert!(review.contains("It is not resolved yet."), "{review}");
    assert_well_formed(&review);
    let json = env.json(&["review"]);
    assert_eq!(json["draft"], true);
    assert!(
        json["description"]["draft"]
            .as_str()
            .unwrap()
            .starts_with("Impact began at 2026-11-26 13:30 UTC and was detected 30m later"),
        "{}",
        json["description"]["draft"]
    );
}

#[test]
fn review_out_writes_the_file() {
    let env = rich_incident("");
    let path = env.dir().join("review.md");
    let out = env
        .cmd()
        .args(["review", "1", "--out"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        env.ok(&["review", "1"])
    );
    let f = env.fails(&["review", "1", "--out", "/no/such/dir/review.md"]);
    assert!(
        f.stderr.contains("could not write /no/such/dir/review.md"),
        "{}",
        f.stderr
    );
}

#[test]
fn check_passes_a_complete_review_with_its_warnings() {
    let env = rich_incident("");
    let out = env.ok_at("2026-11-26T15:10:00Z", &["review", "1", "--check"]);
    assert_eq!(
        out,
        "The review of #1 SEV1 Checkout returns 502 for EU customers is ready.\n"
    );
    let late = env.ok_at("2026-12-05T10:00:00Z", &["review", "1", "--check"]);
    assert!(
        late.contains("warning: the review meeting was due by 2026-11-30"),
        "{late}"
    );
}

#[test]
fn check_names_each_problem() {
    let env = Env::new();
    env.ok(&["open", "Platform down"]);
    env.ok(&["describe", "--summary", "the platform was down"]);
    env.ok(&["factor", "add", "human error by dave"]);
    env.ok(&["tl", "dave restarted it", "--as", "dave"]);
    env.ok(&["action", "add", "be more careful", "--owner", "dave"]);
    let out = env.cmd().args(["review", "--check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    for finding in [
        "error: the description does not say who was affected",
        "error: the description does not say how the problem was detected",
        "error: the description does not say for how long",
        "error: the mitigated time is missing",
        "error: the resolved time is missing",
        "warning: action item 1 has no due date",
        "warning: every contributing factor is technical",
        "warning: factor 1 uses blame language (\"human error\")",
        "warning: factor 1 names a person (dave)",
    ] {
        assert!(stdout.contains(finding), "missing {finding:?} in\n{stdout}");
    }
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("the review of #1 is not ready: 5 errors"),
        "{stderr}"
    );

    let bare = Env::new();
    bare.ok(&["open", "Nothing written"]);
    let out = bare.cmd().args(["review", "--check"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("error: there is no description"),
        "{stdout}"
    );
    assert!(
        stdout.contains("error: there are no contributing factors"),
        "{stdout}"
    );
}

#[test]
fn a_past_incident_is_replayed_with_its_real_times() {
    // A multi-day SEV1 across the end of summer time in Berlin, entered a
    // month later from its published postmortem.
    let env = Env::new();
    let now = "2026-11-26T12:00:00Z";
    let run = |who: &str, args: &[&str]| act(&env, now, who, args);
    run(
        "alice",
        &[
            "open",
            "Database failover stalled",
            "--sev",
            "1",
            "--started",
            "2026-10-24 22:10",
            "--detected",
            "2026-10-24 22:25",
            "--declared",
            "2026-10-24 22:31",
        ],
    );
    run(
        "alice",
        &[
            "tl",
            "replica promoted by hand",
            "--at",
            "2026-10-25 01:40",
            "--key",
        ],
    );
    run(
        "alice",
        &[
            "handoff",
            "bob",
            "--at",
            "2026-10-25 03:00",
            "--note",
            "watch replication lag",
        ],
    );
    run("bob", &["handoff", "carol", "--at", "2026-10-25 09:00"]);
    run("carol", &["mitigated", "--at", "2026-10-25 10:15"]);
    run("carol", &["resolve", "--at", "2026-10-26 09:05"]);
    let review = env.ok(&["review"]);
    for line in [
        "| Impact started | 2026-10-24 22:10 CEST |",
        "| Detected | 2026-10-24 22:25 CEST |",
        "| Declared | 2026-10-24 22:31 CEST |",
        "| Mitigated | 2026-10-25 10:15 CET |",
        "| Resolved | 2026-10-26 09:05 CET |",
        "| Time to detect | 15m | detected − started |",
        // 22:10 CEST to 10:15 CET is 13 h 05 min: the clocks went back.
        "| Time to mitigate | 13h 05m | mitigated − started |",
        "| Time to resolve | 1d 11h 55m | resolved − started |",
        "| alice | - | 2026-10-24 22:31 CEST | - |",
        "| bob | alice | 2026-10-25 03:00 CET | watch replication lag |",
        "| carol | bob | 2026-10-25 09:00 CET | - |",
    ] {
        assert!(review.contains(line), "missing {line:?} in\n{review}");
    }
    let f = env.fails(&["open", "X", "--detected", "-10m", "--declared", "-20m"]);
    assert!(
        f.stderr.contains("would come after declared"),
        "{}",
        f.stderr
    );
}

#[test]
fn durations_agree_with_the_minutes_shown() {
    let env = Env::new();
    env.ok_at("2026-11-26T10:00:50Z", &["open", "Seconds matter"]);
    env.ok_at("2026-11-26T10:59:10Z", &["mitigated", "--at", "11:30"]);
    env.ok_at("2026-11-26T10:59:10Z", &["resolve"]);
    let review = env.ok(&["review"]);
    // 11:00 to 11:30 and to 11:59, as a reader works them out.
    assert!(review.contains("| Time to mitigate | 30m |"), "{review}");
    assert!(review.contains("| Time to resolve | 59m |"), "{review}");
}

/// How many of each kind of block a markdown document has.
fn shape(markdown: &str) -> Vec<(String, usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        if let Event::Start(tag) = event {
            let name = match tag {
                Tag::Heading { level, .. } => format!("heading {level}"),
                Tag::List(_) => "list".into(),
                Tag::Item => "item".into(),
                Tag::Table(_) => "table".into(),
                Tag::TableRow => "row".into(),
                Tag::BlockQuote(_) => "quote".into(),
                Tag::CodeBlock(_) => "code".into(),
                Tag::Paragraph => "paragraph".into(),
                _ => continue,
            };
            *counts.entry(name).or_insert(0) += 1;
        }
    }
    counts.into_iter().collect()
}

#[test]
fn hostile_text_keeps_the_shape_of_the_review() {
    // Words that fill a line, so that each marker lands at a line start
    // in wrapped prose.
    let fill = "a".repeat(79);
    let hostile = format!(
        " {fill} - dash {fill} 1. one {fill} 2) two {fill} + plus {fill} = eq {fill} # hash > quote | pipe see (https://x.io/run). mail oncall@example.com www.example.com"
    );
    let plain = rich_incident("");
    let nasty = rich_incident(&hostile);
    assert_eq!(
        shape(&nasty.ok(&["review", "1"])),
        shape(&plain.ok(&["review", "1"]))
    );
    assert_well_formed(&nasty.ok(&["review", "1"]));
}

#[test]
fn check_reads_good_descriptions_kindly_and_words_whole() {
    let env = Env::new();
    env.ok(&["open", "Kind words", "--as", "Dana Scully"]);
    env.ok(&["mitigated"]);
    env.ok(&["resolve"]);
    env.ok(&["describe", "--summary", "A 15-minute outage: our synthetic probe caught checkout failing for customers until the default pool size was raised."]);
    env.ok(&["factor", "add", "the default pool size was too small"]);
    env.ok(&[
        "factor",
        "add",
        "ops dashboards lacked a pool graph",
        "--kind",
        "non-technical",
    ]);
    env.ok(&[
        "action",
        "add",
        "graph the pool",
        "--owner",
        "ops",
        "--due",
        "2026-12-20",
    ]);
    env.ok(&["lesson", "add", "--kind", "lucky", "traffic was low"]);
    let out = env.ok(&["review", "--check"]);
    assert_eq!(out, "The review of #1 SEV2 Kind words is ready.\n", "{out}");
    env.ok(&[
        "factor",
        "add",
        "Dana Scully deployed on a Friday",
        "--kind",
        "non-technical",
    ]);
    let out = env.ok(&["review", "--check"]);
    assert!(
        out.contains("warning: factor 3 names a person (Dana Scully)"),
        "{out}"
    );
    env.ok(&[
        "task",
        "add",
        "fix the pool",
        "--owner",
        "payments-team",
        "-i",
        "1",
    ]);
    env.ok(&[
        "factor",
        "add",
        "payments had no load test; Dana's change was unreviewed",
        "--kind",
        "non-technical",
    ]);
    let out = env.ok(&["review", "--check"]);
    assert!(
        out.contains("warning: factor 4 names a person (Dana Scully)"),
        "{out}"
    );
    assert!(!out.contains("(payments-team)"), "{out}");
    let bad = Env::new();
    bad.ok(&["open", "Vague"]);
    bad.ok(&[
        "describe",
        "--summary",
        "The checkout page was down on 3 hosts",
    ]);
    let out = bad.cmd().args(["review", "--check"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("does not say how the problem was detected"),
        "{stdout}"
    );
    assert!(stdout.contains("does not say for how long"), "{stdout}");
    assert!(
        stdout.contains("`inc describe -i 1 --detection TEXT`"),
        "{stdout}"
    );
}

/// `inc review --check`'s stdout, whether it passes or not.
fn check_output(env: &Env, args: &[&str]) -> String {
    let out = env.cmd().args(args).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn check_wants_follow_up_and_reads_blame_and_teams_from_the_record() {
    let env = Env::new();
    env.ok(&["open", "Checkout slow", "--as", "Steam Li"]);
    env.ok(&["mitigated"]);
    env.ok(&["resolve"]);
    env.ok(&[
        "describe",
        "--summary",
        "For 20 minutes our probe saw checkout slow for customers.",
    ]);
    for factor in [
        // A company or team taking responsibility is not blame.
        "The company says it should have anticipated the load; the fault was ours",
        // A team owning an action item is not a person.
        "payments-team had no load test",
        "the engineer should have checked the pool",
        // A person, even one whose name holds a team word.
        "Steam should have waited",
        "the on-call should have checked the pool",
        "They should have rolled back",
        "the SRE was careless",
    ] {
        env.ok(&["factor", "add", factor, "--kind", "non-technical"]);
    }
    let out = check_output(&env, &["review", "--check"]);
    for finding in [
        "error: there are no corrective action items;",
        "error: there are no lessons learned;",
        "warning: factor 3 uses blame language (\"should have\")",
        "warning: factor 4 uses blame language (\"should have\")",
        "warning: factor 4 names a person (Steam Li)",
        "warning: factor 5 uses blame language (\"should have\")",
        "warning: factor 6 uses blame language (\"should have\")",
        "warning: factor 7 uses blame language (\"careless\")",
    ] {
        assert!(out.contains(finding), "missing {finding:?} in\n{out}");
    }
    assert!(!out.contains("factor 1"), "{out}");
    assert!(!out.contains("factor 2"), "{out}");

    env.ok(&[
        "action",
        "add",
        "load test payments",
        "--owner",
        "payments-team",
        "--due",
        "2026-11-20",
    ]);
    env.ok(&[
        "lesson",
        "add",
        "--kind",
        "went-wrong",
        "the pool had no alert",
    ]);
    let out = check_output(&env, &["review", "--check"]);
    assert!(!out.contains("error:"), "{out}");
    assert!(
        out.contains("warning: action item 1 was due on 2026-11-20 and is still open; mark it done with `inc action done 1 -i 1`"),
        "{out}"
    );
    assert!(!out.contains("(payments-team)"), "{out}");

    // A drill and a cancelled false alarm need no follow-up.
    let drill = Env::new();
    drill.ok(&["open", "--drill", "Game day"]);
    drill.ok(&["mitigated"]);
    drill.ok(&["resolve"]);
    let out = check_output(&drill, &["review", "--check"]);
    assert!(!out.contains("action items;"), "{out}");
    assert!(!out.contains("lessons"), "{out}");
    let cancelled = Env::new();
    cancelled.ok(&["open", "Alarm"]);
    cancelled.ok(&["cancel", "--reason", "a false alarm: the probe was broken"]);
    let out = check_output(&cancelled, &["review", "--check"]);
    assert!(!out.contains("action items;"), "{out}");
    assert!(!out.contains("lessons"), "{out}");
}

#[test]
fn a_postmortem_s_times_are_typed_as_published() {
    // Offsets without seconds and zone names, as published postmortems
    // write them, read in the zone given whatever the display zone.
    let env = Env::new();
    env.ok(&[
        "open",
        "Storage outage",
        "--started",
        "2017-02-28 09:37 America/Los_Angeles",
        "--declared",
        "2017-02-28T09:52-08:00",
    ]);
    env.ok(&["tl", "restart began", "--at", "12:26 America/Los_Angeles"]);
    env.ok(&["mitigated", "--at", "2017-02-28 21:54Z"]);
    env.ok(&["resolve", "--at", "2017-02-28 13:54 -0800"]);
    let review = env.ok(&["review"]);
    for line in [
        "| Impact started | 2017-02-28 18:37 CET |",
        "| Declared | 2017-02-28 18:52 CET |",
        "restart began",
        "| 2017-02-28 21:26 CET |",
        "| Time to mitigate | 4h 17m | mitigated − started |",
        "| Time to resolve | 4h 17m | resolved − started |",
    ] {
        assert!(review.contains(line), "missing {line:?} in\n{review}");
    }
}

#[test]
fn milestone_rows_are_always_shown_in_their_order_when_times_coincide() {
    // Impact, detection and declaration at one moment, and mitigation and
    // resolution at another, with a note typed at each.
    let env = Env::new();
    let now = "2026-11-26T12:00:00Z";
    env.ok_at(
        now,
        &[
            "open",
            "Same minute",
            "--started",
            "10:00",
            "--detected",
            "10:00",
            "--declared",
            "10:00",
        ],
    );
    env.ok_at(now, &["tl", "alert fired", "--at", "10:00"]);
    env.ok_at(now, &["mitigated", "--at", "11:00"]);
    env.ok_at(now, &["resolve", "--at", "11:00"]);
    // Typed last, as a scribe catching up does.
    env.ok_at(now, &["tl", "rolled back", "--at", "11:00", "-i", "1"]);
    let review = env.ok(&["review"]);
    let rows: Vec<&str> = review
        .lines()
        .filter(|l| l.starts_with("| 2026-11-26 1"))
        .map(|l| l.split(" | ").nth(2).unwrap())
        .collect();
    assert_eq!(
        rows,
        [
            "started",
            "detected",
            "declared",
            "note",
            "note",
            "mitigated",
            "resolved"
        ],
        "{review}"
    );
    assert!(review.contains("| Time to detect | 0s |"), "{review}");
}

#[test]
fn a_scribe_credits_who_did_it_and_stays_the_author() {
    let env = Env::new();
    env.ok(&["open", "Queue stuck"]);
    env.ok(&[
        "tl",
        "--by",
        "dave",
        "restarted the message queue",
        "--at",
        "-5m",
    ]);
    let timeline = env.ok(&["timeline"]);
    assert!(timeline.contains("dave (noted by alice)"), "{timeline}");
    let review = env.ok(&["review"]);
    assert!(
        review.contains("| dave | note | restarted the message queue |"),
        "{review}"
    );
    assert!(review.contains("- Attendees: alice, dave"), "{review}");
    let json = env.json(&["timeline"]);
    let note = json
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "note")
        .unwrap();
    assert_eq!(
        (&note["author"], &note["actor"]),
        (&"alice".into(), &"dave".into())
    );
    // dave acted: a person, named by his part in the public review.
    let public = env.ok(&["review", "--public"]);
    assert!(!public.contains("dave"), "{public}");
    let f = env.fails(&["tl", "--by", " ", "x"]);
    assert_eq!(f.code, 1);
    assert!(f.stderr.contains("--by"), "{}", f.stderr);
}

#[test]
fn the_review_document_has_its_own_status_owner_and_authors() {
    let env = rich_incident("");
    assert_eq!(
        env.ok(&["review-status", "-i", "1"]),
        "review of #1 SEV1 Checkout returns 502 for EU customers: draft (no owner)\n"
    );
    assert_eq!(
        env.ok(&[
            "review-status",
            "in-review",
            "--owner",
            "Dana Scully",
            "-i",
            "1"
        ]),
        "review of #1 SEV1 Checkout returns 502 for EU customers: in-review (owner: Dana Scully)\n"
    );
    let review = env.ok(&["review", "1"]);
    for line in [
        "| Review status | in-review |",
        "| Review owner | Dana Scully |",
        "| Status | resolved |",
    ] {
        assert!(review.contains(line), "missing {line:?} in\n{review}");
    }
    let json = env.json(&["review", "1"]);
    assert_eq!(json["document"]["status"], "in-review");
    assert_eq!(json["document"]["owner"], "Dana Scully");
    assert!(!json["document"]["authors"].as_array().unwrap().is_empty());
    // The owner is a person: named by their part in the public review.
    let public = env.ok(&["review", "1", "--public"]);
    assert!(!public.contains("Dana"), "{public}");
    let f = env.fails(&["review-status", "approved", "-i", "1"]);
    assert!(
        f.stderr.contains("`approved` is not a review status"),
        "{}",
        f.stderr
    );
    assert!(
        f.stderr.contains("draft, in-review, reviewed, closed"),
        "{}",
        f.stderr
    );
    // Reopening says what becomes of the document and of the meeting.
    env.ok(&["review-status", "reviewed", "-i", "1"]);
    env.ok_at(
        "2026-11-27T10:00:00Z",
        &["reviewed", "-i", "1", "--at", "2026-11-27T09:00:00Z"],
    );
    let out = env
        .cmd()
        .args(["reopen", "1"])
        .env("INC_NOW", "2026-11-27T11:00:00Z")
        .output()
        .unwrap();
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(
            "its review document stays reviewed: move it back with `inc review-status draft -i 1`"
        ),
        "{said}"
    );
    assert!(
        said.contains(
            "its review meeting, recorded at 2026-11-27 10:00 CET, was held before this reopening"
        ),
        "{said}"
    );
    env.ok(&["review-status", "draft", "--owner", "none", "-i", "1"]);
    assert_eq!(
        env.json(&["review", "1"])["document"]["owner"],
        serde_json::Value::Null
    );
}

#[test]
fn the_review_document_travels_in_an_export_and_merges_both_ways() {
    let p = Env::new();
    p.ok(&["open", "Queue stuck"]);
    p.ok(&["resolve"]);
    p.ok(&["review-status", "in-review", "--owner", "dana"]);
    let file = p.dir().join("p.json");
    p.ok(&["export", "--out", file.to_str().unwrap()]);
    let q = Env::new();
    q.ok(&["import", file.to_str().unwrap()]);
    let status = |env: &Env| env.ok(&["review-status", "-i", "1"]);
    assert!(
        status(&q).ends_with(": in-review (owner: dana)\n"),
        "{}",
        status(&q)
    );
    // Back the other way, with a later change on q: both end with it.
    q.ok_at(
        "2026-11-26T15:00:00Z",
        &["review-status", "reviewed", "-i", "1"],
    );
    let back = q.dir().join("q.json");
    q.ok(&["export", "--out", back.to_str().unwrap()]);
    p.ok(&["import", back.to_str().unwrap()]);
    assert!(
        status(&p).ends_with(": reviewed (owner: dana)\n"),
        "{}",
        status(&p)
    );
    // A value no inc writes is refused, naming where it is.
    let text = std::fs::read_to_string(&back).unwrap().replace(
        "\"review_status\": \"reviewed\"",
        "\"review_status\": \"approved\"",
    );
    let bad = q.dir().join("bad.json");
    std::fs::write(&bad, text).unwrap();
    let f = Env::new().fails(&["import", bad.to_str().unwrap()]);
    assert!(
        f.stderr
            .contains("incidents[0].review_status: \"approved\" is not a review status"),
        "{}",
        f.stderr
    );
}
