//! Incident command: handoffs with briefings, roles, responders, tasks.

use crate::env::Env;

/// Runs `inc --as WHO ARGS` at `now` and returns standard output.
fn act(env: &Env, now: &str, who: &str, args: &[&str]) -> String {
    let mut all = vec!["--as", who];
    all.extend_from_slice(args);
    env.ok_at(now, &all)
}

/// carol opens at 14:00 UTC, notes, two tasks (one done), a scribe and a
/// comms lead, then hands off to alice (with a note) and alice to bob.
fn scripted_incident() -> Env {
    let env = Env::new();
    let config = env.dir().join("config/inc/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "briefing_notes = 2\n").unwrap();
    act(
        &env,
        "2026-11-26T13:00:00Z",
        "carol",
        &["open", "Checkout returns 502", "--sev", "1"],
    );
    act(&env, "2026-11-26T13:05:00Z", "carol", &["tl", "note one"]);
    act(&env, "2026-11-26T13:06:00Z", "dave", &["tl", "note two"]);
    act(
        &env,
        "2026-11-26T13:07:00Z",
        "carol",
        &["tl", "note three | *pipes*"],
    );
    act(
        &env,
        "2026-11-26T13:08:00Z",
        "carol",
        &["task", "add", "shift EU traffic", "--owner", "dave"],
    );
    act(
        &env,
        "2026-11-26T13:09:00Z",
        "carol",
        &["task", "add", "raise pool size", "--owner", "erin"],
    );
    act(&env, "2026-11-26T13:10:00Z", "erin", &["task", "done", "2"]);
    act(
        &env,
        "2026-11-26T13:11:00Z",
        "carol",
        &["role", "scribe", "frank"],
    );
    act(
        &env,
        "2026-11-26T13:12:00Z",
        "carol",
        &["role", "comms", "gina"],
    );
    act(
        &env,
        "2026-11-26T13:20:00Z",
        "carol",
        &["handoff", "alice", "--note", "watch EU errors"],
    );
    act(
        &env,
        "2026-11-26T13:50:00Z",
        "alice",
        &["handoff", "bob", "--at", "-10m"],
    );
    env
}

#[test]
fn handoffs_build_the_commander_history() {
    let env = scripted_incident();
    let shown = env.json(&["show"]);
    assert_eq!(shown["commander"], "bob");
    let history: Vec<(String, String, String)> = shown["commanders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let s = |k: &str| a[k].as_str().unwrap_or("").to_string();
            (s("name"), s("from"), s("assigned_at"))
        })
        .collect();
    let row = |n: &str, f: &str, t: &str| (n.to_string(), f.to_string(), t.to_string());
    assert_eq!(
        history,
        [
            row("carol", "", "2026-11-26T13:00:00Z"),
            row("alice", "carol", "2026-11-26T13:20:00Z"),
            row("bob", "alice", "2026-11-26T13:40:00Z"),
        ]
    );
    assert_eq!(shown["commanders"][1]["briefing"], "watch EU errors");
    let board = env.ok(&["show"]);
    assert!(board.contains("Commanders:\n  2026-11-26 14:00 CET  carol\n  2026-11-26 14:20 CET  alice  from carol\n  2026-11-26 14:40 CET  bob  from alice\n"), "{board}");
    assert!(env.ok(&["list"]).contains(" bob "));
    let handoffs: Vec<String> = env
        .field("kind", &["timeline"])
        .into_iter()
        .filter(|k| k == "handoff")
        .collect();
    assert_eq!(handoffs.len(), 2);
}

#[test]
fn handoff_prints_the_briefing_for_the_new_commander() {
    let env = scripted_incident();
    let out = act(
        &env,
        "2026-11-26T14:00:00Z",
        "bob",
        &["handoff", "hana", "--note", "all quiet"],
    );
    assert!(
        out.starts_with("## #1 SEV1: Checkout returns 502\n"),
        "{out}"
    );
    assert!(
        out.contains("- **Commander:** hana since 2026-11-26 15:00 CET, from bob"),
        "{out}"
    );
    assert!(
        out.contains("### Handoff note from bob\n\n> all quiet"),
        "{out}"
    );
}

#[test]
fn brief_shows_the_latest_notes_open_tasks_and_people() {
    let env = scripted_incident();
    let brief = env.ok_at("2026-11-26T14:00:00Z", &["brief"]);
    // briefing_notes = 2: exactly the latest two notes.
    assert!(!brief.contains("note one"), "{brief}");
    assert!(
        brief.contains("- 2026-11-26 14:06 CET, dave: note two\n"),
        "{brief}"
    );
    assert!(
        brief.contains("- 2026-11-26 14:07 CET, carol: note three \\| \\*pipes\\*\n"),
        "{brief}"
    );
    // The one open task with its owner; not the done one.
    assert!(
        brief.contains("- Task 1: shift EU traffic (owner: dave)\n"),
        "{brief}"
    );
    assert!(!brief.contains("raise pool size"), "{brief}");
    // Everyone else involved, with the roles.
    for person in [
        "carol: was commander",
        "alice: was commander",
        "dave: 1 timeline entry, owns 1 open task",
        "erin: 1 timeline entry",
        "frank: scribe",
        "gina: comms",
    ] {
        assert!(
            brief.contains(&format!("- {person}")),
            "missing {person:?} in\n{brief}"
        );
    }
    assert!(
        brief.contains("- **Commander:** bob since 2026-11-26 14:40 CET, from alice"),
        "{brief}"
    );

    let json = env.json(&["brief"]);
    assert_eq!(json["latest_notes"].as_array().unwrap().len(), 2);
    assert_eq!(json["open_tasks"].as_array().unwrap().len(), 1);
    assert_eq!(json["roles"].as_array().unwrap().len(), 2);
    assert_eq!(json["commanders"].as_array().unwrap().len(), 3);
}

#[test]
fn responders_and_tasks_list_everyone_and_everything() {
    let env = scripted_incident();
    let names = env.field("name", &["responders"]);
    assert_eq!(
        names,
        ["carol", "dave", "erin", "frank", "gina", "alice", "bob"]
    );
    assert_eq!(env.field("text", &["task", "list"]), ["shift EU traffic"]);
    assert_eq!(
        env.field("text", &["task", "list", "--all"]),
        ["shift EU traffic", "raise pool size"]
    );
    assert_eq!(
        env.field("done_by", &["task", "list", "--all"]),
        ["", "erin"]
    );
    let table = env.ok(&["task", "list", "--all"]);
    assert!(
        table.contains("raise pool size") && table.contains("erin"),
        "{table}"
    );
    let kinds = env.field("kind", &["timeline"]);
    for kind in ["task", "task-done", "role", "handoff"] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "no {kind} entry in {kinds:?}"
        );
    }
}

#[test]
fn roles_change_hands_and_clear() {
    let env = scripted_incident();
    assert_eq!(
        env.ok(&["role", "scribe", "Frank"]),
        "#1 SEV1 Checkout returns 502: nothing to change\n"
    );
    assert_eq!(
        env.ok(&["role", "Scribe", "hana"]),
        "#1 Checkout returns 502: scribe is hana\n"
    );
    assert_eq!(
        env.ok(&["role", "comms", "--clear"]),
        "#1 Checkout returns 502: comms cleared\n"
    );
    let roles = env.json(&["brief"])["roles"].clone();
    assert_eq!(roles.as_array().unwrap().len(), 1);
    assert_eq!(roles[0]["name"], "hana");
    let table = env.ok(&["timeline"]);
    assert!(table.contains("scribe: frank → hana"), "{table}");
    assert!(table.contains("comms cleared (was gina)"), "{table}");
}

#[test]
fn acting_for_an_absent_commander_is_recorded_as_such() {
    let env = scripted_incident();
    let out = env
        .cmd()
        .env("INC_NOW", "2026-11-26T14:00:00Z")
        .args(["--as", "dave", "handoff", "hana"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bob handed command to hana") && err.contains("recorded by dave for bob"),
        "{err}"
    );
    let shown = env.json(&["show"]);
    assert_eq!(shown["commanders"][3]["recorded_by"], "dave");
    assert!(
        env.ok(&["show"])
            .contains("hana  from bob (recorded by dave)")
    );
}

#[test]
fn bad_command_input_fails_cleanly_and_writes_nothing() {
    let env = scripted_incident();
    let cases: &[(&[&str], &str)] = &[
        (&["handoff", "bob"], "bob is already the commander of #1"),
        (&["handoff", ""], "the new commander's name is empty"),
        (&["handoff", "  "], "the new commander's name is empty"),
        (&["handoff", "x\u{1b}[2J"], "contains control characters"),
        (
            &["handoff", "hana", "--at", "-30m"],
            "would come before bob took command",
        ),
        (&["handoff", "hana", "--note", " "], "the note is empty"),
        (&["handoff", "hana", "-i", "9"], "there is no incident #9"),
        (&["role", "captain", "hana"], "`captain` is not a role"),
        (
            &["role", "deputy", "--clear"],
            "no one holds the deputy role in #1",
        ),
        (&["role", "scribe", ""], "the name is empty"),
        (&["task", "add", " "], "the task is empty"),
        (&["task", "add", "x", "--owner", ""], "the owner is empty"),
        (&["task", "done", "2"], "task 2 is already done (by erin)"),
        (&["task", "done", "99"], "there is no task 99"),
        (&["task", "done", "two"], "`two` is not a task number"),
        (&["brief", "9"], "there is no incident #9"),
        (&["responders", "-i", "x"], "`x` is not an incident id"),
        (
            &["handoff"],
            "no new commander named, and inc cannot ask: stdin is not a terminal",
        ),
        (
            &["handoff", "--no-input"],
            "no new commander named, and inc cannot ask: --no-input (or INC_NO_INPUT) is set",
        ),
    ];
    for (args, expected) in cases {
        let f = env.fails(args);
        assert_eq!(f.code, 1, "inc {args:?}: {}", f.stderr);
        assert!(
            f.stderr.contains(expected),
            "inc {args:?}: expected {expected:?} in {}",
            f.stderr
        );
    }
    for args in [
        &["role", "scribe"][..],
        &["role", "scribe", "x", "--clear"],
        &["task"],
    ] {
        assert_eq!(env.fails(args).code, 2, "inc {args:?}");
    }
    assert_eq!(env.integrity(), "ok");
}

#[test]
fn roles_come_from_the_config() {
    let env = Env::new();
    let config = env.dir().join("config/inc/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "roles = [\"legal\", \"scribe\"]\n").unwrap();
    env.ok(&["open", "Breach"]);
    assert_eq!(
        env.ok(&["role", "legal", "ines"]),
        "#1 Breach: legal is ines\n"
    );
    let f = env.fails(&["role", "comms", "gina"]);
    assert!(f.stderr.contains("roles are legal, scribe"), "{}", f.stderr);
}

#[test]
fn people_stay_involved_after_their_role_or_task_ends() {
    let env = scripted_incident();
    env.ok(&["role", "scribe", "hana"]);
    env.ok(&["role", "comms", "--clear"]);
    env.ok(&["task", "done", "1"]);
    let people: Vec<(String, String)> = env
        .json(&["responders"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let did: Vec<&str> = r["did"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_str().unwrap())
                .collect();
            (r["name"].as_str().unwrap().to_string(), did.join(", "))
        })
        .collect();
    let find = |name: &str| {
        people
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| d.clone())
    };
    assert_eq!(find("frank").as_deref(), Some("was scribe"));
    assert_eq!(find("gina").as_deref(), Some("was comms"));
    assert_eq!(find("hana").as_deref(), Some("scribe"));
    assert_eq!(
        find("dave").as_deref(),
        Some("1 timeline entry, finished 1 task")
    );
    assert_eq!(
        find("erin").as_deref(),
        Some("1 timeline entry, finished 1 task")
    );
}

#[test]
fn people_join_when_they_act_not_when_what_they_record_happened() {
    let env = Env::new();
    // Declared at 14:00 UTC for an impact that began at 13:00.
    env.ok(&["open", "Backdated", "--started", "-1h"]);
    let joined = env.json(&["responders"])[0]["joined_at"].clone();
    assert_eq!(joined, "2026-11-26T14:00:00Z");
}

#[test]
fn a_handoff_in_the_same_minute_follows_the_last_one() {
    let env = scripted_incident();
    // bob took command at 13:40:00 UTC; 14:40 in Berlin is that same minute.
    act(
        &env,
        "2026-11-26T13:55:00Z",
        "bob",
        &["handoff", "hana", "--at", "14:40"],
    );
    let shown = env.json(&["show"]);
    assert_eq!(shown["commanders"][3]["name"], "hana");
    assert_eq!(
        shown["commanders"][3]["assigned_at"],
        "2026-11-26T13:40:00Z"
    );
    // Another handoff: carol, then three more, in order.
    act(&env, "2026-11-26T13:58:00Z", "hana", &["handoff", "ivan"]);
    let names: Vec<String> = env.json(&["show"])["commanders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["carol", "alice", "bob", "hana", "ivan"]);
    let f = env.fails(&["handoff", "jo", "--at", "14:39"]);
    assert!(
        f.stderr
            .contains("would come before ivan took command at 2026-11-26 14:58 CET"),
        "{}",
        f.stderr
    );
}

#[test]
fn a_role_change_cannot_go_back_before_the_holder_took_it() {
    let env = scripted_incident();
    let f = env.fails(&["role", "scribe", "hana", "--at", "14:05"]);
    assert!(
        f.stderr
            .contains("would come before frank took the scribe role at 2026-11-26 14:11 CET"),
        "{}",
        f.stderr
    );
    env.ok(&["role", "scribe", "hana", "--at", "14:11"]);
}

#[test]
fn a_task_of_another_incident_is_not_finished_by_mistake() {
    let env = scripted_incident();
    env.ok(&["open", "Second incident"]);
    let f = env.fails(&["task", "done", "1"]);
    assert!(
        f.stderr.contains("task 1 belongs to #1, not #2"),
        "{}",
        f.stderr
    );
    assert!(
        f.stderr.contains("hint: to finish it anyway, add -i 1"),
        "{}",
        f.stderr
    );
    assert!(
        env.ok(&["task", "done", "1", "-i", "1"])
            .starts_with("task 1 on #1 Checkout returns 502 done")
    );
}

#[test]
fn the_new_outputs_never_print_raw_control_characters() {
    let env = scripted_incident();
    let nasty = "x\u{1b}[2J\u{9b}\u{202e}y";
    env.ok(&["tl", nasty]);
    env.ok(&["task", "add", nasty, "--owner", "o\u{202e}wner"]);
    env.ok(&["role", "ops", "op\u{202e}s"]);
    for args in [
        &["brief"][..],
        &["responders"],
        &["task", "list"],
        &["show"],
        &["brief", "--json"],
    ] {
        let out = env.ok(args);
        assert!(
            !out.chars()
                .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
            "inc {args:?} printed a raw control character"
        );
    }
}
