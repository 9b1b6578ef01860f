//! Security incidents: the checklist of communication duties (`inc open
//! --security`, `inc security on|off`, `inc checklist`), private notes
//! (`inc tl --private`), and where they show: show, timeline, review.

use crate::env::Env;

/// Runs `inc --as WHO ARGS` at `now`, returning standard output.
fn act(env: &Env, now: &str, who: &str, args: &[&str]) -> String {
    let mut all = vec!["--as", who];
    all.extend_from_slice(args);
    env.ok_at(now, &all)
}

/// How many checklist rows the database holds for incident `id`.
fn stored_items(env: &Env, id: i64) -> i64 {
    env.sql()
        .query_row(
            "SELECT count(*) FROM checklist_items WHERE incident_id = ?1",
            [id],
            |r| r.get(0),
        )
        .expect("count")
}

/// What `inc review --check` prints, ready or not.
fn check_output(env: &Env) -> String {
    let out = env
        .cmd()
        .args(["review", "--check"])
        .output()
        .expect("run inc");
    String::from_utf8(out.stdout).expect("utf-8")
}

fn security_flag(env: &Env, id: &str) -> bool {
    env.json(&["show", id])["security"]
        .as_bool()
        .expect("security is a bool")
}

#[test]
fn open_security_attaches_the_built_in_checklist() {
    let env = Env::new();
    let out = env.ok(&["open", "--security", "--sev", "1", "Leaked signing key"]);
    assert!(out.contains("6 duties on its checklist"), "{out}");
    let items = env.json(&["checklist"]);
    let items = items.as_array().expect("an array");
    assert_eq!(items.len(), 6);
    let areas: Vec<&str> = items.iter().map(|i| i["area"].as_str().unwrap()).collect();
    assert_eq!(
        areas,
        [
            "legal",
            "legal",
            "legal",
            "marketing",
            "marketing",
            "marketing"
        ]
    );
    let numbers: Vec<i64> = items.iter().map(|i| i["item"].as_i64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    assert!(items[2]["text"].as_str().unwrap().contains("insurance"));
    assert!(
        items
            .iter()
            .all(|i| i["done"] == false && i["created_by"] == "alice")
    );

    // An ordinary incident gets none.
    env.ok(&["open", "Slow search"]);
    assert_eq!(stored_items(&env, 2), 0);
    assert_eq!(env.json(&["checklist", "2"]), serde_json::json!([]));
    let text = env.ok(&["checklist", "2"]);
    assert!(text.contains("is not a security incident"), "{text}");
    assert!(text.contains("inc security on -i 2"), "{text}");
}

#[test]
fn the_checklist_comes_from_the_config_file() {
    let env = Env::new();
    let path = env.dir().join("config/inc/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        "[security]\nchecklist = [\"legal: notify the regulator within 72 hours\", \"Support: brief the account managers\"]\n",
    )
    .unwrap();
    env.ok(&["open", "--security", "Token leak"]);
    let items = env.json(&["checklist"]);
    assert_eq!(items.as_array().unwrap().len(), 2);
    assert_eq!(items[0]["area"], "legal");
    assert_eq!(items[0]["text"], "notify the regulator within 72 hours");
    assert_eq!(items[1]["area"], "support");
    assert_eq!(items[1]["text"], "brief the account managers");
    // `security on` later uses the same list.
    env.ok(&["open", "Odd logins"]);
    env.ok(&["security", "on"]);
    assert_eq!(env.json(&["checklist", "2"]).as_array().unwrap().len(), 2);

    // A bad item in the config is refused before anything is written.
    std::fs::write(&path, "[security]\nchecklist = [\"no area here\"]\n").unwrap();
    let failure = env.fails(&["open", "--security", "Another"]);
    assert!(
        failure.stderr.contains("area: what to do"),
        "{}",
        failure.stderr
    );
}

#[test]
fn security_on_and_off_keep_what_was_done() {
    let env = Env::new();
    env.ok(&["open", "Odd traffic from one ASN"]);
    assert!(!security_flag(&env, "1"));
    let out = env.ok(&["security", "on"]);
    assert!(out.contains("is a security incident"), "{out}");
    assert!(out.contains("6 items"), "{out}");
    assert!(security_flag(&env, "1"));
    assert_eq!(stored_items(&env, 1), 6);
    env.ok(&["checklist", "done", "1", "--note", "regulator told"]);

    let out = env.ok(&["security", "off", "-i", "1"]);
    assert!(out.contains("no longer a security incident"), "{out}");
    assert!(out.contains("5 of 6 open"), "{out}");
    assert!(!security_flag(&env, "1"));
    // Kept, done item and all, and shown as kept.
    assert_eq!(stored_items(&env, 1), 6);
    assert!(
        env.ok(&["checklist"])
            .contains("kept from when it was a security incident")
    );
    assert!(!check_output(&env).contains("checklist item"));

    // Again: nothing to change.
    assert!(env.ok(&["security", "off"]).contains("nothing to change"));

    // On again: the same checklist, not a second one.
    let out = env.ok(&["security", "on"]);
    assert!(out.contains("again"), "{out}");
    assert_eq!(stored_items(&env, 1), 6);
    let items = env.json(&["checklist"]);
    assert_eq!(items[0]["done"], true);
    assert_eq!(items[0]["note"], "regulator told");
    assert!(
        env.ok(&["security", "on"])
            .contains("already a security incident")
    );
}

#[test]
fn done_records_who_when_and_the_note_with_a_timeline_entry() {
    let env = Env::new();
    act(
        &env,
        "2026-11-26T13:00:00Z",
        "alice",
        &["open", "--security", "Card data exposed"],
    );
    let out = act(
        &env,
        "2026-11-26T13:40:00Z",
        "bob",
        &[
            "checklist",
            "done",
            "3",
            "--at",
            "14:30",
            "--note",
            "claim 4471 filed",
        ],
    );
    assert_eq!(
        out,
        "checklist item 3 on #1 Card data exposed done at 2026-11-26 14:30 CET: legal: insurance claims\n"
    );
    let items = env.json(&["checklist"]);
    assert_eq!(items[2]["done"], true);
    assert_eq!(items[2]["done_by"], "bob");
    assert_eq!(items[2]["done_at"], "2026-11-26T13:30:00Z");
    assert_eq!(items[2]["note"], "claim 4471 filed");
    assert_eq!(items[1]["done"], false);

    let entries = env.json(&["timeline"]);
    let entry = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "checklist")
        .expect("a checklist entry");
    assert_eq!(entry["text"], "legal: insurance claims");
    let items = env.json(&["checklist"]);
    assert_eq!(entry["target"], items[2]["uuid"]);
    assert_eq!(entry["to"], "claim 4471 filed");
    assert_eq!(entry["author"], "bob");
    assert_eq!(entry["event_at"], "2026-11-26T13:30:00Z");
    let timeline = env.ok(&["timeline"]);
    assert!(
        timeline.contains("checklist done: legal: insurance claims (claim 4471 filed)"),
        "{timeline}"
    );

    // Without a note, and the list shows both.
    env.ok(&["checklist", "done", "#1"]);
    let list = env.ok(&["checklist"]);
    assert!(list.contains("4 of 6 duties open"), "{list}");
    assert!(list.contains("2026-11-26 14:30 CET by bob"), "{list}");
    assert!(list.contains("note: claim 4471 filed"), "{list}");
    assert!(list.contains("2026-11-26 15:00 CET by alice"), "{list}");
}

#[test]
fn bad_checklist_input_changes_nothing() {
    let env = Env::new();
    act(
        &env,
        "2026-11-26T13:00:00Z",
        "alice",
        &["open", "--security", "Leak"],
    );
    env.ok(&["checklist", "done", "2"]);
    env.ok(&["open", "Not a security one"]);

    let f = env.fails(&["checklist", "done", "9", "-i", "1"]);
    assert!(
        f.stderr.contains("#1 has no checklist item 9"),
        "{}",
        f.stderr
    );
    assert!(
        f.stderr.contains("hint: `inc checklist -i 1`"),
        "{}",
        f.stderr
    );

    let f = env.fails(&["checklist", "done", "2", "-i", "1"]);
    assert!(
        f.stderr
            .contains("checklist item 2 of #1 is already done (by alice"),
        "{}",
        f.stderr
    );

    assert_eq!(env.fails(&["checklist", "done", "-3", "-i", "1"]).code, 2);
    for bad in ["x", "0", "1.5"] {
        let f = env.fails(&["checklist", "done", bad, "-i", "1"]);
        assert!(
            f.stderr.contains("is not a checklist item number"),
            "{bad}: {}",
            f.stderr
        );
    }

    let f = env.fails(&["checklist", "done", "1", "-i", "2"]);
    assert!(
        f.stderr.contains("#2 is not a security incident"),
        "{}",
        f.stderr
    );
    assert!(f.stderr.contains("inc security on -i 2"), "{}", f.stderr);

    let f = env.fails(&["checklist", "done", "1", "-i", "1", "--at", "half past"]);
    assert!(f.stderr.starts_with("inc: error: "), "{}", f.stderr);
    let f = env.fails(&["checklist", "done", "1", "-i", "1", "--at", "+1h"]);
    assert!(f.stderr.starts_with("inc: error: "), "{}", f.stderr);
    // Before the incident began.
    let f = env.fails(&["checklist", "done", "1", "-i", "1", "--at", "13:00"]);
    assert!(
        f.stderr.contains("before the incident began"),
        "{}",
        f.stderr
    );

    let f = env.fails(&["checklist", "done", "1", "-i", "1", "--note", "  "]);
    assert!(f.stderr.contains("the note is empty"), "{}", f.stderr);

    let f = env.fails(&["checklist", "add", "-i", "1", "no area"]);
    assert!(f.stderr.contains("area: what to do"), "{}", f.stderr);
    let f = env.fails(&["checklist", "add", "-i", "2", "legal: x"]);
    assert!(f.stderr.contains("not a security incident"), "{}", f.stderr);

    let f = env.fails(&["checklist", "-i", "7"]);
    assert!(f.stderr.contains("no incident #7"), "{}", f.stderr);
    env.fails(&["security", "on", "-i", "7"]);
    assert_eq!(env.fails(&["security", "maybe"]).code, 2);
}

#[test]
fn an_ad_hoc_duty_goes_at_the_end() {
    let env = Env::new();
    env.ok(&["open", "--security", "Leak"]);
    let out = env.ok(&["checklist", "add", "Support: brief the account managers"]);
    assert_eq!(
        out,
        "checklist item 7 added to #1 Leak: support: brief the account managers\n"
    );
    let items = env.json(&["checklist"]);
    assert_eq!(items[6]["area"], "support");
    assert_eq!(items[6]["item"], 7);
    env.ok(&["checklist", "done", "7"]);
}

#[test]
fn show_lists_the_checklist_in_text_and_json() {
    let env = Env::new();
    env.ok(&["open", "--security", "Leak"]);
    env.ok(&[
        "checklist",
        "done",
        "4",
        "--note",
        "no customer data involved",
    ]);
    let board = env.ok(&["show"]);
    assert!(
        board
            .contains("Security checklist (5 of 6 open; `inc checklist done N -i 1` records one):"),
        "{board}"
    );
    assert!(
        board.contains("   4  [x] marketing: exposure of sensitive customer data"),
        "{board}"
    );
    assert!(
        board.contains("        done 2026-11-26 15:00 CET by alice"),
        "{board}"
    );
    assert!(
        board.contains("        note: no customer data involved"),
        "{board}"
    );
    assert!(
        board.contains("   3  [ ] legal: insurance claims"),
        "{board}"
    );
    let json = env.json(&["show"]);
    assert_eq!(json["checklist"].as_array().unwrap().len(), 6);
    assert_eq!(json["checklist"][3]["note"], "no customer data involved");

    // An ordinary incident's board says nothing of a checklist.
    env.ok(&["open", "Slow"]);
    assert!(!env.ok(&["show"]).contains("checklist"));
    assert_eq!(env.json(&["show"])["checklist"], serde_json::json!([]));
}

#[test]
fn the_review_has_the_duties_and_check_warns_of_open_ones() {
    let env = Env::new();
    act(
        &env,
        "2026-11-26T12:00:00Z",
        "alice",
        &["open", "--security", "Leak", "--started", "12:50"],
    );
    act(
        &env,
        "2026-11-26T12:10:00Z",
        "alice",
        &["tl", "keys rotated", "--key"],
    );
    act(&env, "2026-11-26T12:20:00Z", "alice", &["mitigated"]);
    act(&env, "2026-11-26T12:30:00Z", "alice", &["resolve"]);
    env.ok(&[
        "describe",
        "--summary",
        "Our secret scanner detected a leaked key; external customers could not sign in for 30 minutes until it was rotated.",
    ]);
    env.ok(&["factor", "add", "keys were long-lived"]);
    env.ok(&[
        "lesson",
        "add",
        "--kind",
        "went-well",
        "the scanner caught it",
    ]);
    env.ok(&[
        "factor",
        "add",
        "--kind",
        "non-technical",
        "no rotation runbook",
    ]);
    env.ok(&[
        "action",
        "add",
        "rotate keys daily",
        "--owner",
        "platform",
        "--due",
        "+7d",
    ]);
    for n in ["1", "2", "4", "5", "6"] {
        env.ok(&["checklist", "done", n, "--note", &format!("done {n}")]);
    }

    let review = env.ok(&["review"]);
    crate::review::assert_well_formed(&review);
    assert!(
        review.contains("\n## Security and communication duties\n"),
        "{review}"
    );
    assert!(
        review.contains("| Item | Area | Duty | Done | Note |"),
        "{review}"
    );
    assert!(
        review.contains("| 3 | legal | insurance claims | **open** | - |"),
        "{review}"
    );
    assert!(
        review.contains("| 1 | legal | statutory or regulatory reporting (such as a data protection authority) | 2026-11-26 15:00 CET by alice | done 1 |"),
        "{review}"
    );
    let json = env.json(&["review"]);
    assert_eq!(json["public"], false);
    assert_eq!(json["checklist"].as_array().unwrap().len(), 6);
    assert_eq!(json["checklist"][2]["done"], false);

    // Open duties warn, naming the command; they do not block.
    let check = env.ok(&["review", "--check"]);
    assert!(
        check.contains("warning: security checklist item 3 is not done: legal: insurance claims; once it is, record it with `inc checklist done 3 -i 1 --note TEXT`"),
        "{check}"
    );
    assert!(
        check.contains("The review of #1 SEV2 Leak is ready."),
        "{check}"
    );
    assert_eq!(
        check.matches("security checklist item").count(),
        1,
        "{check}"
    );
    env.ok(&["checklist", "done", "3"]);
    assert!(!env.ok(&["review", "--check"]).contains("checklist"));

    // An incident that never was a security one has no such section.
    env.ok(&["open", "Slow"]);
    assert!(
        !env.ok(&["review"])
            .contains("Security and communication duties")
    );
}

#[test]
fn private_notes_are_marked_everywhere_responders_look() {
    let env = Env::new();
    env.ok(&["open", "Leak"]);
    let out = env.ok(&["tl", "--private", "the key was on a contractor laptop"]);
    assert_eq!(out, "noted on #1 Leak (private) at 2026-11-26 15:00 CET\n");
    env.ok(&["tl", "rotated the key"]);
    let timeline = env.ok(&["timeline"]);
    assert!(
        timeline.contains("(private) the key was on a contractor laptop"),
        "{timeline}"
    );
    assert!(!timeline.contains("(private) rotated"), "{timeline}");
    let json = env.json(&["timeline"]);
    let private: Vec<bool> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["private"].as_bool().unwrap())
        .collect();
    assert_eq!(private, [false, true, false]);
    let review = env.ok(&["review"]);
    assert!(
        review.contains("| note | *(private)* the key was on a contractor laptop |"),
        "{review}"
    );
    crate::review::assert_well_formed(&review);
    let stored: i64 = env
        .sql()
        .query_row(
            "SELECT count(*) FROM timeline_entries WHERE private = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 1);
}

#[test]
fn hostile_checklist_text_stays_in_its_place() {
    let env = Env::new();
    let path = env.dir().join("config/inc/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        "[security]\nchecklist = [\"legal: tell | the <b>regulator</b> *now*\"]\n",
    )
    .unwrap();
    env.ok(&["open", "--security", "Leak"]);
    let nasty = "case | 12\n# heading \u{1b}[31mred\u{1b}[0m <script>x</script>";
    env.ok(&["checklist", "done", "1", "--note", nasty]);
    env.ok(&[
        "checklist",
        "add",
        "support: [link](http://x) `tick` | pipe",
    ]);
    for args in [&["checklist"][..], &["show"], &["timeline"]] {
        let out = env.ok(args);
        assert!(
            !out.contains('\u{1b}'),
            "inc {args:?} printed an escape:\n{out}"
        );
    }
    let review = env.ok(&["review"]);
    crate::review::assert_well_formed(&review);
    assert!(!review.contains('\u{1b}'), "{review}");
    assert!(!review.contains("\n# heading"), "{review}");
    let public = env.ok(&["review", "--public"]);
    crate::review::assert_well_formed(&public);
    // JSON keeps the exact text.
    assert_eq!(env.json(&["checklist"])[0]["note"], nasty);
}

#[test]
fn the_briefing_names_the_open_duties_and_marks_private_notes() {
    let env = Env::new();
    env.ok(&["open", "--security", "Leak"]);
    env.ok(&["checklist", "done", "2"]);
    env.ok(&["tl", "--private", "the contractor is under NDA"]);
    let brief = env.ok(&["brief"]);
    assert!(
        brief.contains("\n### Security duties still open\n"),
        "{brief}"
    );
    assert!(
        brief.contains("- Item 1, legal: statutory or regulatory reporting"),
        "{brief}"
    );
    assert!(!brief.contains("- Item 2,"), "{brief}");
    assert!(brief.contains("- Item 6, marketing:"), "{brief}");
    assert!(
        brief.contains("`inc checklist done N -i 1 --note TEXT`"),
        "{brief}"
    );
    assert!(
        brief.contains("alice: *(private)* the contractor is under NDA"),
        "{brief}"
    );
    // The handoff prints the same briefing.
    let handoff = env.ok(&["handoff", "bob"]);
    assert!(
        handoff.contains("### Security duties still open"),
        "{handoff}"
    );

    for n in ["1", "3", "4", "5", "6"] {
        env.ok(&["checklist", "done", n]);
    }
    assert!(!env.ok(&["brief"]).contains("Security duties"));
    env.ok(&["open", "Slow"]);
    assert!(!env.ok(&["brief"]).contains("Security duties"));
}
