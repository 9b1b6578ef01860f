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
        env.ok(&["role", "scribe", "frank"]),
        "#1: nothing to change\n"
    );
    assert_eq!(env.ok(&["role", "Scribe", "hana"]), "#1 scribe: hana\n");
    assert_eq!(env.ok(&["role", "comms", "--clear"]), "#1 comms: cleared\n");
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
        &["handoff"],
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
    assert_eq!(env.ok(&["role", "legal", "ines"]), "#1 legal: ines\n");
    let f = env.fails(&["role", "comms", "gina"]);
    assert!(f.stderr.contains("roles are legal, scribe"), "{}", f.stderr);
}
