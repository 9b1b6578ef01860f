//! The review's material: description, factors, action items, lessons and
//! key notes.

use crate::env::Env;

fn env() -> Env {
    let env = Env::new();
    env.ok(&["open", "Queue outage", "--started", "-1h"]);
    env
}

#[test]
fn describe_merges_parts_and_needs_flags_without_a_terminal() {
    let env = env();
    env.ok(&[
        "describe",
        "--summary",
        "Checkout failed for 40 minutes",
        "--scope",
        "External",
    ]);
    env.ok(&["describe", "--detection", "the 5-minute API check"]);
    let out = env.ok(&["describe", "--impact", "EU customers could not pay"]);
    assert_eq!(
        out,
        "#1 SEV2 Queue outage\n  summary     Checkout failed for 40 minutes\n  impact      EU customers could not pay\n  scope       external\n  detection   the 5-minute API check\n  trigger     -\n  resolution  -\n  long-term   -\n"
    );
    // No flags and no terminal: no waiting for input that will not come.
    let f = env.fails_with_stdin(&["describe"], b"");
    assert!(f.stderr.contains("no description given"), "{}", f.stderr);
    assert!(f.stderr.contains("--summary"), "{}", f.stderr);
    let f = env.fails(&["describe", "--scope", "everyone"]);
    assert!(
        f.stderr.contains("`everyone` is not a scope"),
        "{}",
        f.stderr
    );
    let f = env.fails(&["describe", "--summary", "  "]);
    assert!(f.stderr.contains("the summary is empty"), "{}", f.stderr);
}

#[test]
fn factors_are_added_listed_and_removed() {
    let env = env();
    assert_eq!(
        env.ok(&["factor", "add", "a config change was deployed"]),
        "factor 1 added to #1 Queue outage (technical)\n"
    );
    env.ok(&[
        "factor",
        "add",
        "no budget for new hardware",
        "--kind",
        "non-technical",
    ]);
    assert_eq!(
        env.field("kind", &["factor", "list"]),
        ["technical", "non-technical"]
    );
    env.ok(&["factor", "rm", "1"]);
    assert_eq!(
        env.field("text", &["factor", "list"]),
        ["no budget for new hardware"]
    );
    env.ok(&["open", "Other incident"]);
    let f = env.fails(&["factor", "rm", "2"]);
    assert!(
        f.stderr.contains("factor 2 belongs to #1, not #2"),
        "{}",
        f.stderr
    );
    for (args, expected) in [
        (
            &["factor", "add", "x", "--kind", "human"][..],
            "`human` is not a kind of factor",
        ),
        (&["factor", "add", " "], "the factor is empty"),
        (&["factor", "rm", "9", "-i", "1"], "there is no factor 9"),
        (&["factor", "rm", "one"], "`one` is not a factor number"),
    ] {
        let f = env.fails(args);
        assert!(f.stderr.contains(expected), "inc {args:?}: {}", f.stderr);
    }
}

#[test]
fn action_items_have_owners_due_dates_and_a_status() {
    let env = env();
    let out = env.ok(&[
        "action",
        "add",
        "alert on queue depth",
        "--owner",
        "sre-team",
        "--due",
        "+7d",
        "--type",
        "detect",
    ]);
    assert_eq!(
        out,
        "action 1 added to #1 Queue outage: alert on queue depth (owner: sre-team, due 2026-12-03)\n"
    );
    env.ok(&[
        "action",
        "add",
        "canary config changes",
        "--owner",
        "platform",
        "--priority",
        "p1",
        "--due",
        "2026-11-20",
    ]);
    env.ok(&["open", "Other incident"]);
    env.ok(&["action", "add", "write a runbook", "--owner", "Platform"]);
    assert_eq!(
        env.field("text", &["action", "list", "1"]),
        ["alert on queue depth", "canary config changes"]
    );
    assert_eq!(
        env.field("text", &["action", "list", "--all-incidents", "--overdue"]),
        ["canary config changes"]
    );
    assert_eq!(
        env.field(
            "text",
            &["action", "list", "--all-incidents", "--owner", "platform"]
        ),
        ["canary config changes", "write a runbook"]
    );
    // #2 is current; action 2 is #1's. Named with -i 2, it is refused;
    // without -i, its number alone finds it.
    let f = env.fails(&["action", "done", "2", "-i", "2"]);
    assert!(
        f.stderr.contains("action 2 belongs to #1, not #2"),
        "{}",
        f.stderr
    );
    let f = env.fails(&["action", "edit", "2", "-i", "2", "--owner", "x"]);
    assert!(
        f.stderr.contains("action 2 belongs to #1, not #2"),
        "{}",
        f.stderr
    );
    let f = env.fails(&["action", "edit", "2", "-i", "1"]);
    assert!(
        f.stderr.contains("nothing to change in action item 2"),
        "{}",
        f.stderr
    );
    assert!(
        env.ok(&["action", "done", "2"])
            .contains("action 2 on #1 Queue outage done")
    );
    let f = env.fails(&["action", "done", "2", "-i", "1"]);
    assert!(
        f.stderr.contains("action item 2 is already done"),
        "{}",
        f.stderr
    );
    let f = env.fails(&["action", "edit", "2", "-i", "9", "--owner", "x"]);
    assert!(f.stderr.contains("there is no incident #9"), "{}", f.stderr);
    assert_eq!(
        env.field("status", &["action", "list", "1"]),
        ["open", "done"]
    );
    assert_eq!(
        env.field("text", &["action", "list", "--all-incidents", "--open"]),
        ["alert on queue depth", "write a runbook"]
    );
    env.ok(&[
        "action",
        "edit",
        "1",
        "-i",
        "1",
        "--due",
        "none",
        "--owner",
        "observability",
        "--status",
        "wont-do",
    ]);
    let first = &env.json(&["action", "list", "1"])[0];
    assert_eq!(first["due"], serde_json::Value::Null);
    assert_eq!(first["owner"], "observability");
    assert_eq!(first["status"], "wont-do");
    assert_eq!(first["type"], "detect");
    assert!(first["closed_at"].is_string());
    for (args, expected) in [
        (
            &["action", "add", "x", "--owner", " "][..],
            "the owner is empty",
        ),
        (
            &["action", "add", "x", "--owner", "a", "--due", "yesterday"],
            "`yesterday` is not a due date",
        ),
        (
            &["action", "add", "x", "--owner", "a", "--priority", "urgent"],
            "`urgent` is not a priority",
        ),
        (
            &["action", "add", "x", "--owner", "a", "--type", "fix"],
            "`fix` is not an action type",
        ),
        (
            &["action", "edit", "1", "--status", "closed"],
            "`closed` is not an action status",
        ),
        (&["action", "done", "42"], "there is no action item 42"),
    ] {
        let f = env.fails(args);
        assert!(f.stderr.contains(expected), "inc {args:?}: {}", f.stderr);
    }
    assert_eq!(env.fails(&["action", "add", "no owner"]).code, 2);
    assert_eq!(
        env.fails(&["action", "list", "--all-incidents", "1"]).code,
        2
    );
}

#[test]
fn lessons_and_key_notes() {
    let env = env();
    env.ok(&[
        "lesson",
        "add",
        "paging reached the right team",
        "--kind",
        "went-well",
    ]);
    env.ok(&[
        "lesson",
        "add",
        "the backup region was idle by chance",
        "--kind",
        "lucky",
    ]);
    assert_eq!(
        env.field("kind", &["lesson", "list"]),
        ["went-well", "lucky"]
    );
    let f = env.fails(&["lesson", "add", "x", "--kind", "meh"]);
    assert!(
        f.stderr.contains("`meh` is not a kind of lesson"),
        "{}",
        f.stderr
    );
    env.ok(&["tl", "restarted the queue", "--key"]);
    env.ok(&["tl", "an ordinary note"]);
    let entries = env.json(&["timeline"]);
    let keys: Vec<bool> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["key"].as_bool().unwrap())
        .collect();
    assert_eq!(keys, [false, false, true, false]);
    assert!(
        env.ok(&["timeline"])
            .contains("note      ★ restarted the queue")
    );
}

#[test]
fn trigger_resolution_long_term_fix_and_tickets_reach_the_review() {
    let env = Env::new();
    env.ok(&["open", "Queue outage", "--started", "-1h"]);
    env.ok(&[
        "describe",
        "--trigger",
        "a config change cut the pool",
        "--resolution",
        "rolled the change back",
        "--long-term",
        "pool sizes are checked before rollout",
    ]);
    env.ok(&[
        "action",
        "add",
        "check pool sizes",
        "--owner",
        "platform",
        "--ticket",
        "PLAT-9",
    ]);
    env.ok(&["action", "add", "canary config", "--owner", "platform"]);
    env.ok(&[
        "action",
        "edit",
        "2",
        "--ticket",
        "https://tracker.example.com/PLAT-10",
    ]);
    let review = env.ok(&["review"]);
    for line in [
        "**Trigger:** a config change cut the pool",
        "**Resolution:** rolled the change back",
        "**Long-term fix:** pool sizes are checked before rollout",
        "| Action | Owner | Due | Priority | Type | Status | Ticket |",
        "| check pool sizes | platform | - | P2 | - | open | PLAT-9 |",
        "| canary config | platform | - | P2 | - | open | <https://tracker.example.com/PLAT-10> |",
    ] {
        assert!(review.contains(line), "missing {line:?} in\n{review}");
    }
    let json = env.json(&["review"]);
    assert_eq!(
        json["description"]["trigger"],
        "a config change cut the pool"
    );
    assert_eq!(
        json["description"]["long_term"],
        "pool sizes are checked before rollout"
    );
    assert_eq!(json["actions"][0]["ticket"], "PLAT-9");
    // A tracker's address is internal: the public review has none.
    let public = env.ok(&["review", "--public"]);
    assert!(!public.contains("PLAT-9"), "{public}");
    assert!(
        public.contains("**Trigger:** a config change cut the pool"),
        "{public}"
    );
    // `none` takes a ticket off; a ticket of several lines is refused.
    env.ok(&["action", "edit", "1", "--ticket", "none"]);
    assert_eq!(
        env.json(&["review"])["actions"][0]["ticket"],
        serde_json::Value::Null
    );
    let f = env.fails(&["action", "edit", "1", "--ticket", "a\nb"]);
    assert!(f.stderr.contains("is not a ticket"), "{}", f.stderr);
    // They travel in an export to another database.
    let out = env.dir().join("out.json");
    env.ok(&["export", "--out", out.to_str().unwrap()]);
    let other = Env::new();
    other.ok(&["import", out.to_str().unwrap()]);
    let copied = other.json(&["review", "1"]);
    assert_eq!(
        copied["description"]["resolution"],
        "rolled the change back"
    );
    assert_eq!(
        copied["actions"][1]["ticket"],
        "https://tracker.example.com/PLAT-10"
    );
}
