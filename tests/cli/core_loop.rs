//! The core loop: open, tl, timeline, use, list, show, status changes.

use crate::env::{Env, NOW};

#[test]
fn open_prints_one_line_and_becomes_current() {
    let env = Env::new();
    let out = env.ok(&["open", "Elevated 500s from API", "--sev", "2"]);
    assert_eq!(out, "#1 SEV2 Elevated 500s from API (commander: alice)\n");
    let shown = env.json(&["show"]);
    assert_eq!(shown["id"], 1);
    assert_eq!(shown["status"], "investigating");
    assert_eq!(shown["severity"], "SEV2");
    assert_eq!(shown["commander"], "alice");
    assert_eq!(shown["created_by"], "alice");
    assert_eq!(shown["detected_at"], NOW);
    assert_eq!(shown["started_at"], NOW);
    assert_eq!(shown["security"], false);
    assert_eq!(shown["uuid"].as_str().unwrap().len(), 36);
}

#[test]
fn open_takes_words_commander_security_and_backdated_times() {
    let env = Env::new();
    let out = env.ok(&[
        "open",
        "Payment",
        "library",
        "exploit",
        "--sev",
        "SEV1",
        "--commander",
        "bob",
        "--security",
        "--started",
        "-2h",
        "--detected",
        "14:30",
    ]);
    assert_eq!(
        out,
        "#1 SEV1 Payment library exploit (commander: bob)\n\
         security incident: 6 duties on its checklist; `inc checklist` lists them\n"
    );
    let shown = env.json(&["show", "1"]);
    assert_eq!(shown["started_at"], "2026-11-26T12:00:00Z");
    assert_eq!(shown["detected_at"], "2026-11-26T13:30:00Z");
    assert_eq!(shown["time_to_detect_seconds"], 90 * 60);
    assert_eq!(shown["security"], true);
    let kinds = env.field("kind", &["timeline"]);
    assert_eq!(kinds, ["started", "detected", "declared", "security"]);
}

#[test]
fn default_severity_comes_from_config() {
    let env = Env::new();
    let config = env.dir().join("config/inc/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "default_severity = 3\nuser = \"carol\"\n").unwrap();
    let out = env
        .cmd()
        .env_remove("INC_USER")
        .args(["open", "Slow search"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "#1 SEV3 Slow search (commander: carol)\n"
    );
}

#[test]
fn timeline_is_in_event_order_not_insert_order() {
    let env = Env::new();
    env.ok_at(
        "2026-11-26T13:00:00Z",
        &["open", "API down", "--started", "-30m"],
    );
    env.ok(&["tl", "rolled back the deploy"]);
    env.ok(&["tl", "restarted the message queue", "--at", "-10m"]);
    env.ok(&["tl", "paged the database team", "--at", "14:35"]);
    env.ok(&["tl", "saw the first alert", "--at", "2026-11-26T12:40:00Z"]);
    let texts = env.field("text", &["timeline"]);
    assert_eq!(
        texts,
        [
            "",
            "saw the first alert",
            "API down",
            "paged the database team",
            "restarted the message queue",
            "rolled back the deploy"
        ]
    );
    let table = env.ok(&["timeline"]);
    let queue = table.find("restarted the message queue").unwrap();
    let rollback = table.find("rolled back the deploy").unwrap();
    assert!(queue < rollback, "{table}");
    assert!(
        table.contains("2026-11-26 14:50 CET  alice  note"),
        "{table}"
    );
}

#[test]
fn a_time_of_day_means_the_most_recent_such_moment() {
    let env = Env::new();
    // 00:10 in Berlin on the 27th.
    let now = "2026-11-26T23:10:00Z";
    env.ok_at(now, &["open", "Overnight batch failure"]);
    env.ok_at(now, &["tl", "batch job failed", "--at", "23:55"]);
    let entries = env.json(&["timeline"]);
    let note = &entries.as_array().unwrap()[0];
    assert_eq!(note["event_at"], "2026-11-26T22:55:00Z");
    let table = env.ok(&["timeline"]);
    assert!(table.contains("2026-11-26 23:55 CET"), "{table}");
}

#[test]
fn tl_reads_the_note_from_stdin() {
    let env = Env::new();
    env.ok(&["open", "Disk full"]);
    let out = env
        .cmd()
        .args(["tl", "-"])
        .write_stdin("freed 20 GB on db-1\nby removing old WAL archives\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let entries = env.json(&["timeline"]);
    assert_eq!(
        entries[1]["text"],
        "freed 20 GB on db-1\nby removing old WAL archives"
    );
}

#[test]
fn the_whole_story_is_in_the_timeline() {
    let env = Env::new();
    env.ok_at(
        "2026-11-26T13:00:00Z",
        &["open", "Elevated 500s from API", "--started", "-15m"],
    );
    env.ok_at("2026-11-26T13:10:00Z", &["tl", "error rate at 30%"]);
    assert_eq!(
        env.ok_at(
            "2026-11-26T13:12:00Z",
            &["sev", "1", "--reason", "all customers affected"]
        ),
        "#1 Elevated 500s from API is SEV1 as of 2026-11-26 14:12 CET\n"
    );
    assert_eq!(
        env.ok_at("2026-11-26T13:20:00Z", &["status", "identified"]),
        "#1 Elevated 500s from API is identified as of 2026-11-26 14:20 CET\n"
    );
    assert_eq!(
        env.ok_at("2026-11-26T13:40:00Z", &["mitigated", "--at", "-5m"]),
        "#1 Elevated 500s from API mitigated at 2026-11-26 14:35 CET (50m after impact began)\n"
    );
    env.ok_at("2026-11-26T13:45:00Z", &["status", "monitoring"]);
    assert_eq!(
        env.ok_at("2026-11-26T13:50:00Z", &["resolve"]),
        "#1 Elevated 500s from API resolved at 2026-11-26 14:50 CET (1h 05m to resolve)\n"
    );

    let entries = env.json(&["timeline"]);
    let kinds = env.field("kind", &["timeline"]);
    let froms = env.field("from", &["timeline"]);
    let tos = env.field("to", &["timeline"]);
    let story: Vec<(String, String, String)> = (0..kinds.len())
        .map(|i| (kinds[i].clone(), froms[i].clone(), tos[i].clone()))
        .collect();
    let expect = |k: &str, f: &str, t: &str| (k.to_string(), f.to_string(), t.to_string());
    assert_eq!(
        story,
        [
            expect("started", "", ""),
            expect("declared", "", "SEV2"),
            expect("note", "", ""),
            expect("severity", "SEV2", "SEV1"),
            expect("status", "investigating", "identified"),
            expect("mitigated", "", ""),
            expect("status", "identified", "monitoring"),
            expect("resolved", "monitoring", "resolved"),
        ]
    );
    assert_eq!(entries[3]["text"], "all customers affected");

    let shown = env.json(&["show"]);
    assert_eq!(shown["status"], "resolved");
    assert_eq!(shown["mitigated_at"], "2026-11-26T13:35:00Z");
    assert_eq!(shown["resolved_at"], "2026-11-26T13:50:00Z");
    assert_eq!(shown["time_to_resolve_seconds"], 65 * 60);
    assert_eq!(shown["latest_entries"].as_array().unwrap().len(), 5);

    let table = env.ok(&["timeline"]);
    for words in [
        "SEV2 → SEV1: all customers affected",
        "investigating → identified",
        "customer impact mitigated",
        "resolved (was monitoring)",
    ] {
        assert!(table.contains(words), "missing {words:?} in\n{table}");
    }
    assert_eq!(env.integrity(), "ok");
}

#[test]
fn show_prints_a_status_board() {
    let env = Env::new();
    env.ok(&[
        "open",
        "Checkout errors",
        "--started",
        "-20m",
        "--detected",
        "-5m",
    ]);
    for i in 0..7 {
        env.ok(&["tl", &format!("note {i}")]);
    }
    let board = env.ok(&["show"]);
    assert!(board.starts_with("#1 SEV2 Checkout errors\n"), "{board}");
    for line in [
        "  status     investigating",
        "  commander  alice",
        "  started    2026-11-26 14:40 CET",
        "  detected   2026-11-26 14:55 CET  (15m to detect)",
        "  mitigated  -",
        "  duration   20m (ongoing)",
        "Latest timeline entries (5 of 10; `inc timeline -i 1` shows all):",
    ] {
        assert!(board.contains(line), "missing {line:?} in\n{board}");
    }
    assert!(
        board.contains("note 6") && !board.contains("note 1\n"),
        "{board}"
    );
}

#[test]
fn list_shows_open_incidents_and_filters() {
    let env = Env::new();
    assert_eq!(
        env.ok(&["list"]),
        "No open incidents. `inc list --all` includes resolved and cancelled ones.\n"
    );
    env.ok(&["open", "First", "--sev", "1", "--started", "-1h"]);
    env.ok(&["open", "Second", "--sev", "3"]);
    env.ok(&["open", "Third"]);
    env.ok(&["resolve", "-i", "2"]);

    let table = env.ok(&["list"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(
        lines[0].contains("ID") && lines[0].contains("DURATION"),
        "{table}"
    );
    assert!(
        lines[1].starts_with(" #1  SEV1  investigating  First"),
        "{table}"
    );
    assert!(
        lines[1].ends_with("2026-11-26 14:00 CET  1h 00m"),
        "{table}"
    );
    assert!(!table.contains("Second"));

    assert_eq!(env.field("title", &["list"]), ["First", "Third"]);
    assert_eq!(
        env.field("title", &["list", "--all"]),
        ["First", "Second", "Third"]
    );
    assert_eq!(
        env.field("title", &["list", "--status", "resolved"]),
        ["Second"]
    );
    assert_eq!(env.field("title", &["list", "--sev", "1"]), ["First"]);
    assert_eq!(
        env.field("title", &["list", "--all", "--sev", "SEV3"]),
        ["Second"]
    );
    assert_eq!(env.ok(&["list", "--sev", "4"]), "No incidents match.\n");
}

#[test]
fn the_current_incident_follows_open_and_use() {
    let env = Env::new();
    env.ok(&["open", "First"]);
    env.ok(&["open", "Second"]);
    env.ok(&["tl", "goes to the second"]);
    assert_eq!(env.ok(&["use", "#1"]), "now on #1 SEV2 First\n");
    env.ok(&["tl", "goes to the first"]);
    env.ok(&["tl", "named explicitly", "-i", "2"]);
    let texts = |id: &str| -> Vec<String> { env.field("text", &["timeline", "-i", id]) };
    assert_eq!(texts("1"), ["First", "goes to the first"]);
    assert_eq!(
        texts("2"),
        ["Second", "goes to the second", "named explicitly"]
    );
}

#[test]
fn with_the_current_incident_resolved_the_only_open_one_is_used() {
    let env = Env::new();
    env.ok(&["open", "First"]);
    env.ok(&["open", "Second"]);
    env.ok(&["resolve", "-i", "2"]);
    env.ok(&["tl", "lands on the first"]);
    assert_eq!(
        env.json(&["timeline", "-i", "1"])[1]["text"],
        "lands on the first"
    );
}

#[test]
fn several_open_and_none_current_is_a_clear_error() {
    let env = Env::new();
    env.ok(&["open", "First"]);
    env.ok(&["open", "Second"]);
    env.ok(&["open", "Third"]);
    env.ok(&["resolve", "-i", "3"]);
    let f = env.fails(&["tl", "where does this go?"]);
    assert_eq!(f.code, 1);
    assert!(
        f.stderr
            .contains("2 incidents are open and none is current: #1 \"First\", #2 \"Second\""),
        "{}",
        f.stderr
    );
    assert!(
        f.stderr.contains("hint: pick one with `inc use ID`"),
        "{}",
        f.stderr
    );
}

#[test]
fn show_and_timeline_after_resolving_still_show_it() {
    let env = Env::new();
    env.ok(&["open", "Queue stuck"]);
    env.ok(&["resolve"]);
    assert!(env.ok(&["show"]).contains("status     resolved"));
    assert!(
        env.ok(&["timeline"])
            .starts_with("#1 SEV2 Queue stuck (resolved)\n")
    );
    let f = env.fails(&["tl", "late note"]);
    assert!(
        f.stderr.contains("no incident is open (#1 was resolved)"),
        "{}",
        f.stderr
    );
    env.ok(&["tl", "late note", "-i", "1"]);
}

#[test]
fn status_resolved_reopen_and_refusals() {
    let env = Env::new();
    env.ok(&["open", "Login failures"]);
    assert_eq!(
        env.ok(&["status", "resolved"]),
        "#1 Login failures is resolved as of 2026-11-26 15:00 CET\n"
    );
    assert_eq!(env.json(&["show"])["resolved_at"], NOW);
    let f = env.fails(&["status", "monitoring", "-i", "1"]);
    assert!(
        f.stderr.contains("#1 was resolved at 2026-11-26 15:00 CET"),
        "{}",
        f.stderr
    );
    assert!(
        f.stderr
            .contains("hint: reopen it first with `inc reopen 1`"),
        "{}",
        f.stderr
    );
    let f = env.fails(&["resolve", "-i", "1"]);
    assert!(f.stderr.contains("was resolved"), "{}", f.stderr);

    assert_eq!(
        env.ok(&["reopen"]),
        "#1 Login failures reopened: investigating\n"
    );
    let shown = env.json(&["show"]);
    assert_eq!(shown["status"], "investigating");
    assert_eq!(shown["resolved_at"], serde_json::Value::Null);
    let f = env.fails(&["reopen", "1"]);
    assert!(
        f.stderr
            .contains("#1 is not resolved or cancelled (it is investigating)"),
        "{}",
        f.stderr
    );
    let kinds = env.field("kind", &["timeline"]);
    assert_eq!(kinds, ["declared", "resolved", "reopened"]);
}

#[test]
fn no_change_is_said_and_not_recorded() {
    let env = Env::new();
    env.ok(&["open", "Cache misses", "--sev", "3"]);
    assert_eq!(
        env.ok(&["sev", "3"]),
        "#1 SEV3 Cache misses: nothing to change\n"
    );
    assert_eq!(
        env.ok(&["status", "investigating"]),
        "#1 SEV3 Cache misses: nothing to change\n"
    );
    assert_eq!(env.json(&["timeline"]).as_array().unwrap().len(), 1);
}

#[test]
fn key_times_keep_their_order() {
    let env = Env::new();
    env.ok(&[
        "open",
        "Replication lag",
        "--started",
        "-1h",
        "--detected",
        "-30m",
    ]);
    let f = env.fails(&["mitigated", "--at", "-45m"]);
    assert!(
        f.stderr.contains(
            "detected (2026-11-26 14:30 CET) would come after mitigated (2026-11-26 14:15 CET)"
        ),
        "{}",
        f.stderr
    );
    env.ok(&["mitigated", "--at", "-10m"]);
    let f = env.fails(&["mitigated"]);
    assert!(
        f.stderr
            .contains("already mitigated at 2026-11-26 14:50 CET"),
        "{}",
        f.stderr
    );
    let f = env.fails(&["resolve", "--at", "-20m"]);
    assert!(
        f.stderr
            .contains("mitigated (2026-11-26 14:50 CET) would come after resolved"),
        "{}",
        f.stderr
    );
    env.ok(&["resolve", "--at", "-10m"]);
}

#[test]
fn identity_comes_from_as_then_env_then_config() {
    let env = Env::new();
    env.ok(&["open", "Outage", "--as", "dave"]);
    env.ok(&["tl", "by alice from INC_USER"]);
    let entries = env.json(&["timeline"]);
    assert_eq!(entries[0]["author"], "dave");
    assert_eq!(entries[1]["author"], "alice");
    assert_eq!(env.json(&["show"])["commander"], "dave");
}

#[test]
fn times_show_in_the_chosen_zone() {
    let env = Env::new();
    env.ok(&["open", "DNS failures"]);
    let ny = env
        .cmd()
        .env("INC_TZ", "America/New_York")
        .args(["timeline"])
        .output()
        .unwrap();
    let ny = String::from_utf8(ny.stdout).unwrap();
    assert!(ny.contains("2026-11-26 09:00 EST"), "{ny}");
    let utc = env
        .cmd()
        .env("INC_TZ", "UTC")
        .args(["timeline"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(utc.stdout)
            .unwrap()
            .contains("2026-11-26 14:00 UTC")
    );
}

#[test]
fn text_is_stored_faithfully_and_printed_safely() {
    let env = Env::new();
    let nasty = [
        "\u{1b}[2J\u{1b}[31mred alert\u{1b}[0m",
        "csi \u{9b}31m c1",
        "| a | table | cell |",
        "# heading *bold* [link](http://x) `code`",
        "<script>alert(1)</script>",
        "'); DROP TABLE incidents; --",
        "right-to-left \u{200f}mark and \u{202e}override",
        "emoji 🔥 and accents é",
    ];
    env.ok(&["open", nasty[0]]);
    for n in &nasty[1..] {
        env.ok(&["tl", n]);
    }
    let stored = env.field("text", &["timeline"]);
    assert_eq!(stored, nasty);
    for args in [
        &["timeline"][..],
        &["show"],
        &["list"],
        &["show", "--json"],
        &["timeline", "--json"],
    ] {
        let out = env.ok(args);
        assert!(
            !out.chars()
                .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
            "inc {args:?} printed a raw control character:\n{out:?}"
        );
    }
    assert!(env.ok(&["timeline"]).contains("\\u{1b}[31mred alert"));
    let count: i64 = env
        .sql()
        .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 1);
}

#[test]
fn broken_pipe_is_not_an_error() {
    let env = Env::new();
    env.ok(&["open", "Noisy"]);
    for i in 0..50 {
        env.ok(&["tl", &format!("note {i} {}", "x".repeat(2000))]);
    }
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(r#""$0" timeline | head -c 10 >/dev/null; echo "${PIPESTATUS[0]}""#)
        .arg(assert_cmd::cargo::cargo_bin("inc"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.dir())
        .env("INC_DB", &env.db)
        .env("INC_TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "0\n");
}

#[test]
fn a_resolved_incident_cannot_be_made_current() {
    let env = Env::new();
    env.ok(&["open", "First"]);
    env.ok(&["resolve"]);
    env.ok(&["open", "Second"]);
    let f = env.fails(&["use", "1"]);
    assert!(
        f.stderr
            .contains("#1 is resolved, so it cannot be the current incident"),
        "{}",
        f.stderr
    );
    assert!(
        f.stderr
            .contains("hint: reopen it with `inc reopen 1`, or name it with -i 1"),
        "{}",
        f.stderr
    );
}

#[test]
fn show_and_timeline_take_the_id_either_way() {
    let env = Env::new();
    env.ok(&["open", "First"]);
    env.ok(&["open", "Second"]);
    assert_eq!(env.ok(&["timeline", "1"]), env.ok(&["timeline", "-i", "1"]));
    assert_eq!(env.ok(&["show", "#1"]), env.ok(&["show", "-i", "1"]));
    assert!(env.ok(&["show"]).starts_with("#2 SEV2 Second"));
    let f = env.fails(&["show", "1", "-i", "2"]);
    assert_eq!(f.code, 2);
}

#[test]
fn tz_is_honoured_and_inc_tz_takes_only_zone_names() {
    let env = Env::new();
    env.ok(&["open", "DNS failures"]);
    let with_tz = |tz: &str| {
        let out = env
            .cmd()
            .env_remove("INC_TZ")
            .env("TZ", tz)
            .args(["timeline"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(with_tz("America/New_York").contains("2026-11-26 09:00 EST"));
    assert!(with_tz(":Asia/Kolkata").contains("2026-11-26 19:30 IST"));
    assert!(with_tz("EST5EDT").contains("2026-11-26 09:00 EST"));
    for not_a_name in ["UTC+3", "../../etc/passwd", "europe/berlin"] {
        let out = env
            .cmd()
            .env("INC_TZ", not_a_name)
            .args(["list"])
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{not_a_name}: {err}");
        assert!(err.contains("is not a time zone"), "{not_a_name}: {err}");
    }
}

#[test]
fn opening_an_incident_like_an_open_one_says_so_and_still_opens_it() {
    let env = Env::new();
    env.ok(&["open", "Checkout returns 502s"]);
    let out = env
        .cmd()
        .args(["open", "checkout 502 errors in EU"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.contains("inc: #1 Checkout returns 502s is open too and looks alike; if it is the same incident, `inc cancel -i 2 --reason \"a duplicate of #1\"`"),
        "{said}"
    );
    let out = env
        .cmd()
        .args(["open", "Search index stale"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stderr).unwrap().is_empty());
}
