//! Correcting the record as a new user would: a note moved off the wrong
//! incident, a typo edited, a wrong entry struck, the title and the start
//! of impact set right, a task done backdated, a false alarm cancelled.
//! Each correction is on the record; the review shows the corrected
//! record and says it was corrected.

use crate::env::Env;

/// The ref `inc timeline` shows for the entry whose text is `text`.
fn reference(env: &Env, incident: &str, text: &str) -> String {
    let entries = env.json(&["timeline", incident]);
    entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"] == text)
        .unwrap_or_else(|| panic!("no entry {text:?} in {entries}"))["ref"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_messy_incident_is_corrected_and_every_correction_is_on_the_record() {
    let env = Env::new();
    let at = |now: &str, args: &[&str]| env.ok_at(&format!("2026-11-26T{now}:00Z"), args);
    at(
        "13:00",
        &["open", "api 500", "--sev", "2", "--started", "13:55"],
    );
    at("13:01", &["open", "Disk full on build agent"]);
    at("13:02", &["tl", "-i", "1", "restrated the queue"]);
    at("13:03", &["tl", "-i", "1", "build agent cleaned up"]);
    at("13:04", &["tl", "-i", "1", "error rate back to 5%"]);
    at("13:05", &["task", "add", "-i", "1", "watch the error rate"]);

    // Each correction says what it did, naming the incident.
    let typo = reference(&env, "1", "restrated the queue");
    let out = at("13:10", &["entry", "edit", &typo, "restarted the queue"]);
    assert_eq!(
        out,
        format!("corrected entry {typo} on #1 api 500: now reads \"restarted the queue\"\n")
    );
    let moved = reference(&env, "1", "build agent cleaned up");
    let out = at("13:11", &["entry", "move", &moved, "--to", "2", "-i", "1"]);
    assert!(
        out.starts_with(&format!(
            "moved entry {moved} from #1 api 500 to #2 Disk full on build agent"
        )),
        "{out}"
    );
    let wrong = reference(&env, "1", "error rate back to 5%");
    at(
        "13:12",
        &[
            "entry",
            "rm",
            &wrong,
            "--reason",
            "the graph was of staging",
            "-i",
            "1",
        ],
    );
    assert_eq!(
        at(
            "13:13",
            &["retitle", "-i", "1", "API returns 500 for EU customers"]
        ),
        "#1 API returns 500 for EU customers: retitled (was \"api 500\")\n"
    );
    assert_eq!(
        at("13:14", &["times", "-i", "1", "--started", "13:40"]),
        "#1 API returns 500 for EU customers: started 2026-11-26 13:40 CET \
         (was 2026-11-26 13:55 CET)\n"
    );
    at("13:15", &["task", "done", "1", "-i", "1", "--at", "14:08"]);
    at(
        "13:16",
        &[
            "cancel",
            "-i",
            "2",
            "--reason",
            "the build agent was never down",
        ],
    );

    // The corrected record.
    let texts = env.field("text", &["timeline", "1"]);
    assert!(
        texts.contains(&"restarted the queue".to_string()),
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t == "build agent cleaned up"),
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t == "error rate back to 5%"),
        "{texts:?}"
    );
    let shown = env.json(&["show", "1"]);
    assert_eq!(shown["title"], "API returns 500 for EU customers");
    assert_eq!(shown["started_at"], "2026-11-26T12:40:00Z");
    let tasks = env.json(&["task", "list", "--all", "-i", "1"]);
    assert_eq!(tasks[0]["done_at"], "2026-11-26T13:08:00Z");
    assert_eq!(
        env.field("text", &["timeline", "2"]),
        [
            "Disk full on build agent",
            "build agent cleaned up",
            "the build agent was never down"
        ]
    );
    assert_eq!(env.json(&["show", "2"])["status"], "cancelled");
    assert!(!env.ok(&["list"]).contains("Disk full"));

    // The review shows the corrected record and says it was corrected.
    env.ok_at("2026-11-26T13:20:00Z", &["resolve", "-i", "1"]);
    let review = env.ok(&["review", "1"]);
    assert!(review.contains("# Incident #1: API returns 500 for EU customers"));
    assert!(review.contains("restarted the queue"), "{review}");
    assert!(!review.contains("restrated"), "{review}");
    assert!(!review.contains("error rate back to 5%"), "{review}");
    assert!(
        review.contains(
            "The record was corrected after the fact (3 entries corrected, 1 struck): \
             `inc timeline --history -i 1` shows every version"
        ),
        "{review}"
    );
    assert!(
        review.contains("| Impact started | 2026-11-26 13:40 CET |"),
        "{review}"
    );

    // The history shows each version, with who changed it and when.
    let history = env.ok(&["timeline", "1", "--history"]);
    for part in [
        &format!("{typo}: text corrected, \"restrated the queue\" → \"restarted the queue\""),
        &format!("{moved}: moved from #1 to #2"),
        &"(struck by alice: the graph was of staging) error rate back to 5%".to_string(),
        &format!("{wrong} struck from the record: the graph was of staging"),
        &"text corrected, \"api 500\" → \"API returns 500 for EU customers\"".to_string(),
        &"time corrected, 2026-11-26 13:55 CET → 2026-11-26 13:40 CET".to_string(),
    ] {
        assert!(
            history.contains(part.as_str()),
            "missing {part:?} in\n{history}"
        );
    }
    let json = env.json(&["timeline", "1", "--history"]);
    let corrections: Vec<&serde_json::Value> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "correction")
        .collect();
    assert_eq!(corrections.len(), 5, "{json}");
    assert!(corrections.iter().all(|c| c["author"] == "alice"));
    assert_eq!(corrections[0]["field"], "text");
    assert_eq!(corrections[0]["from"], "restrated the queue");
    assert_eq!(corrections[0]["to"], "restarted the queue");
    assert_eq!(corrections[0]["recorded_at"], "2026-11-26T13:10:00Z");
    assert_eq!(env.integrity(), "ok");
}

#[test]
fn correction_verbs_typed_as_notes_are_refused_and_write_nothing() {
    let env = Env::new();
    env.ok(&["open", "API down"]);
    env.ok(&["tl", "restarted the queue"]);
    for args in [
        &["tl", "rm"][..],
        &["tl", "edit"],
        &["tl", "undo"],
        &["tl", "edit", "last"],
        &["tl", "rm", "last", "typo"],
        &["tl", "move"],
    ] {
        let f = env.fails(args);
        assert_eq!(f.code, 1, "{args:?}");
        assert!(
            f.stderr.contains("nothing was recorded"),
            "{args:?}: {}",
            f.stderr
        );
        assert!(
            f.stderr.contains("`inc entry ") && f.stderr.contains("`inc tl -`"),
            "{args:?}: {}",
            f.stderr
        );
    }
    let f = env.fails(&["tl", "rm", "last"]);
    assert!(
        f.stderr
            .contains("hint: to correct the record: `inc entry rm last --reason TEXT`"),
        "{}",
        f.stderr
    );
    // Real notes that begin with such a word are recorded as ever.
    env.ok(&["tl", "move", "traffic", "to", "eu-west"]);
    env.ok(&["tl", "fix", "deployed", "to", "canary"]);
    env.ok(&["tl", "rm", "cafe", "tables", "from", "the", "diagram"]);
    env.cmd()
        .args(["tl", "-"])
        .write_stdin("rm")
        .assert()
        .success();
    let texts = env.field("text", &["timeline"]);
    assert_eq!(
        texts[2..],
        [
            "move traffic to eu-west",
            "fix deployed to canary",
            "rm cafe tables from the diagram",
            "rm"
        ]
    );
}

#[test]
fn entries_are_named_by_refs_that_are_the_same_elsewhere() {
    let a = Env::new();
    a.ok(&["open", "API down"]);
    a.ok(&["tl", "first note"]);
    let r = reference(&a, "1", "first note");
    assert!(
        r.len() >= 4 && r.chars().all(|c| c.is_ascii_hexdigit()),
        "{r}"
    );
    // The ref is the end of the entry's UUID: another machine that has the
    // entry names it alike.
    let b = Env::new();
    let file = a.dir().join("a.json");
    std::fs::write(&file, a.ok(&["export"])).unwrap();
    b.ok(&["import", file.to_str().unwrap()]);
    b.ok(&["entry", "edit", &r, "first note, corrected on b"]);
    assert_eq!(
        b.field("text", &["timeline"])[1],
        "first note, corrected on b"
    );
    // Refs shown in the table, too.
    assert!(a.ok(&["timeline"]).contains(&format!(" {r} ")));
    // A ref that names nothing, and one too short.
    let f = a.fails(&["entry", "edit", "ffff", "x"]);
    assert!(
        f.stderr.contains("no timeline entry has the ref ffff"),
        "{}",
        f.stderr
    );
    let f = a.fails(&["entry", "edit", "abc", "x"]);
    assert!(
        f.stderr.contains("is not an entry reference"),
        "{}",
        f.stderr
    );
    // Nothing to do, and what cannot be edited.
    let f = a.fails(&["entry", "edit", "last"]);
    assert!(f.stderr.contains("nothing to correct"), "{}", f.stderr);
    a.ok(&["task", "add", "page the DBA"]);
    let f = a.fails(&["entry", "edit", "last", "page the DBA now"]);
    assert!(f.stderr.contains("inc task edit"), "{}", f.stderr);
}

#[test]
fn a_correction_that_would_leave_the_record_out_of_order_is_refused() {
    let env = Env::new();
    env.ok_at(
        "2026-11-26T13:00:00Z",
        &["open", "API down", "--started", "13:50"],
    );
    env.ok_at("2026-11-26T13:10:00Z", &["sev", "1"]);
    // The start after a change of state.
    let f = env.fails(&["times", "--started", "14:20"]);
    assert_eq!(
        f.stderr,
        "inc: error: the impact cannot have started at 2026-11-26 14:20 CET: a severity change \
         at 2026-11-26 14:10 CET would come before it\n\
         hint: give a start no later than 2026-11-26 14:10 CET, or correct that change's time \
         first with `inc entry edit REF --at TIME`\n"
    );
    // Detection after the declaration: the hint bounds the time moved.
    let f = env.fails(&["times", "--detected", "14:30"]);
    assert!(
        f.stderr.contains("an incident is declared once noticed"),
        "{}",
        f.stderr
    );
    assert!(
        f.stderr
            .contains("hint: give a detected time no later than 2026-11-26 14:00 CET"),
        "{}",
        f.stderr
    );
    // Both moved in one go, in order: accepted.
    env.ok(&["times", "--started", "13:30", "--detected", "13:45"]);
    let shown = env.json(&["show"]);
    assert_eq!(shown["started_at"], "2026-11-26T12:30:00Z");
    assert_eq!(shown["detected_at"], "2026-11-26T12:45:00Z");
    // Striking the declared entry is refused: a false alarm is cancelled.
    let declared = reference(&env, "1", "API down");
    let f = env.fails(&["entry", "rm", &declared, "--reason", "no"]);
    assert!(f.stderr.contains("inc cancel"), "{}", f.stderr);
}

#[test]
fn a_struck_severity_change_no_longer_tells_the_severity() {
    let env = Env::new();
    env.ok_at("2026-11-26T13:00:00Z", &["open", "API down", "--sev", "3"]);
    env.ok_at(
        "2026-11-26T13:05:00Z",
        &["sev", "1", "--reason", "typo: meant 2"],
    );
    env.ok_at(
        "2026-11-26T13:06:00Z",
        &["entry", "rm", "last", "--reason", "wrong level"],
    );
    env.ok_at("2026-11-26T13:07:00Z", &["sev", "2"]);
    assert_eq!(env.json(&["show"])["severity"], "SEV2");
    let table = env.ok(&["timeline"]);
    assert!(table.contains("SEV3 → SEV2"), "{table}");
    assert!(!table.contains("SEV1"), "{table}");
    // Struck entries are out of the search too.
    assert_eq!(env.ok(&["search", "typo"]), "Nothing found.\n");
}

#[test]
fn a_false_alarm_is_cancelled_left_out_and_can_be_reopened() {
    let env = Env::new();
    env.ok_at("2026-11-26T13:00:00Z", &["open", "Pager storm"]);
    let out = env.ok_at(
        "2026-11-26T13:05:00Z",
        &["cancel", "--reason", "the probe's own certificate expired"],
    );
    assert_eq!(
        out,
        "#1 Pager storm cancelled: the probe's own certificate expired; `inc reopen 1` opens it again\n"
    );
    assert_eq!(env.json(&["show", "1"])["status"], "cancelled");
    assert!(
        env.ok(&["list"]).contains("No open incidents"),
        "{}",
        env.ok(&["list"])
    );
    assert!(env.ok(&["list", "--all"]).contains("Pager storm"));
    assert_eq!(env.json(&["stats"])["incidents"], 0);
    assert_eq!(env.json(&["stats"])["cancelled_left_out"], 1);
    let f = env.fails(&["tl", "more"]);
    assert!(
        f.stderr.contains("no incident is open (#1 was cancelled)"),
        "{}",
        f.stderr
    );
    // It ended when it was cancelled: no mitigation, no draft review.
    let board = env.ok_at("2026-11-26T15:00:00Z", &["show", "1"]);
    assert!(board.contains("duration   5m (cancelled)"), "{board}");
    let f = env.fails(&["mitigated", "-i", "1", "--at", "2026-11-26T13:04:00Z"]);
    assert!(f.stderr.contains("#1 is cancelled"), "{}", f.stderr);
    let review = env.ok(&["review", "1"]);
    assert!(
        review.contains("**Cancelled:** this was not an incident after all (the probe's own"),
        "{review}"
    );
    assert!(
        review.contains("It was cancelled: the probe's own"),
        "{review}"
    );
    assert!(!review.contains("not resolved"), "{review}");
    let check = env
        .std_cmd()
        .args(["review", "1", "--check"])
        .output()
        .unwrap();
    let findings = String::from_utf8(check.stdout).unwrap();
    assert!(!findings.contains("mitigat"), "{findings}");
    assert!(!findings.contains("inc resolve"), "{findings}");
    let f = env.fails(&["cancel", "-i", "1", "--reason", "again"]);
    assert!(f.stderr.contains("#1 is already cancelled"), "{}", f.stderr);
    env.ok(&["reopen", "1"]);
    assert_eq!(env.json(&["show", "1"])["status"], "investigating");
    let kinds = env.field("kind", &["timeline", "1"]);
    assert_eq!(kinds, ["declared", "cancelled", "reopened"]);
}

#[test]
fn a_note_is_marked_key_or_private_after_the_fact_on_the_record() {
    let env = Env::new();
    env.ok_at("2026-11-26T13:00:00Z", &["open", "API down"]);
    env.ok_at("2026-11-26T13:02:00Z", &["tl", "acme corp reports 502s"]);
    env.ok_at("2026-11-26T13:03:00Z", &["tl", "rolled back v4.18"]);
    env.ok_at("2026-11-26T13:04:00Z", &["task", "add", "check the pool"]);
    let named = reference(&env, "1", "acme corp reports 502s");
    let rollback = reference(&env, "1", "rolled back v4.18");

    let out = env.ok_at(
        "2026-11-26T13:10:00Z",
        &[
            "entry",
            "edit",
            &named,
            "--private",
            "--reason",
            "names a customer",
        ],
    );
    assert_eq!(out, format!("entry {named} on #1 API down: now private\n"));
    env.ok_at(
        "2026-11-26T13:11:00Z",
        &["entry", "edit", &rollback, "--key"],
    );

    let public = env.ok(&["review", "--public"]);
    assert!(!public.contains("acme"), "{public}");
    assert!(public.contains("★ **rolled back v4.18**"), "{public}");
    // Marks edit the record; they do not correct what it says happened.
    assert!(!public.contains("corrected after the fact"), "{public}");
    let history = env.ok(&["timeline", "--history"]);
    assert!(
        history.contains(&format!(
            "{named} made private (for responders only): names a customer"
        )),
        "{history}"
    );
    assert!(
        history.contains(&format!("{rollback} marked a key moment")),
        "{history}"
    );

    // Unchanged marks write nothing; only notes take marks.
    let before = env.snapshot();
    let out = env.ok(&["entry", "edit", &named, "--private"]);
    assert_eq!(
        out,
        format!("entry {named} on #1 API down: nothing to change\n")
    );
    let task = reference(&env, "1", "check the pool");
    let f = env.fails(&["entry", "edit", &task, "--key"]);
    assert_eq!(
        f.stderr,
        "inc: error: only notes are marked key moments; this is a task entry\n"
    );
    assert_eq!(env.snapshot(), before);

    env.ok_at(
        "2026-11-26T13:12:00Z",
        &["entry", "edit", &named, "--public"],
    );
    assert!(env.ok(&["review", "--public"]).contains("acme"));
}

#[test]
fn a_move_that_would_change_the_status_is_refused_with_the_time_that_binds() {
    let env = Env::new();
    env.ok_at("2026-11-26T13:30:00Z", &["open", "API down"]);
    env.ok_at("2026-11-26T13:35:00Z", &["status", "identified"]);
    env.ok_at("2026-11-26T13:47:00Z", &["status", "monitoring"]);
    env.ok_at("2026-11-26T14:00:00Z", &["resolve"]);
    let before = env.snapshot();
    let f = env.fails(&["times", "-i", "1", "--resolved", "14:30"]);
    assert_eq!(
        f.stderr,
        "inc: error: the resolution at 2026-11-26 14:30 CET would come before the incident became \
         monitoring at 2026-11-26 14:47 CET, so it would no longer be resolved\n\
         hint: give a time no earlier than 2026-11-26 14:47 CET, or correct that change's time \
         first with `inc entry edit REF --at TIME`\n"
    );
    assert_eq!(env.snapshot(), before);
    // A time that moves with the one given is said too: with no start
    // recorded, the start is the detection.
    let out = env.ok(&[
        "times",
        "-i",
        "1",
        "--detected",
        "14:25",
        "--reason",
        "the alert log",
    ]);
    assert_eq!(
        out,
        "#1 API down: started 2026-11-26 14:25 CET (was 2026-11-26 14:30 CET)\n\
         #1 API down: detected 2026-11-26 14:25 CET (was 2026-11-26 14:30 CET)\n"
    );
    let history = env.ok(&["timeline", "-i", "1", "--history"]);
    assert!(
        history.contains("→ 2026-11-26 14:25 CET: the alert log"),
        "{history}"
    );
}

#[test]
fn corrections_of_the_title_and_of_tasks_read_as_such() {
    let env = Env::new();
    env.ok_at("2026-11-26T13:00:00Z", &["open", "Search slow"]);
    env.ok_at(
        "2026-11-26T13:01:00Z",
        &["task", "add", "chek the index", "--owner", "dave"],
    );
    env.ok_at("2026-11-26T13:02:00Z", &["task", "done", "1"]);
    env.ok_at(
        "2026-11-26T13:03:00Z",
        &["retitle", "Search results load slowly"],
    );
    env.ok_at(
        "2026-11-26T13:04:00Z",
        &["task", "edit", "1", "check the index"],
    );
    // The task's entries read with its corrected text.
    let timeline = env.ok(&["timeline"]);
    assert!(
        timeline.contains("task added: check the index (owner: dave)"),
        "{timeline}"
    );
    assert!(
        timeline.contains("task done: check the index"),
        "{timeline}"
    );
    assert!(!timeline.contains("chek"), "{timeline}");
    let history = env.ok(&["timeline", "--history"]);
    assert!(
        history.contains(
            "the title: text corrected, \"Search slow\" → \"Search results load slowly\""
        ),
        "{history}"
    );
    assert!(
        history.contains(
            "task \"check the index\": text corrected, \"chek the index\" → \"check the index\""
        ),
        "{history}"
    );
    // Striking an entry says what the entry was, in words.
    env.ok_at("2026-11-26T13:05:00Z", &["status", "identified"]);
    let out = env.ok_at(
        "2026-11-26T13:06:00Z",
        &["entry", "rm", "last", "--reason", "not yet confirmed"],
    );
    assert!(
        out.ends_with(
            "from the record: status \"investigating → identified\" (not yet confirmed)\n"
        ),
        "{out}"
    );
}

#[test]
fn tasks_and_action_items_are_corrected_as_records_not_through_their_entries() {
    let env = Env::new();
    env.ok_at("2026-11-26T13:00:00Z", &["open", "API down"]);
    env.ok_at(
        "2026-11-26T13:01:00Z",
        &["task", "add", "check the pool", "--owner", "Gina"],
    );
    let task = reference(&env, "1", "check the pool");
    let before = env.snapshot();
    let f = env.fails(&["entry", "rm", &task, "--reason", "wrong"]);
    assert_eq!(
        f.stderr,
        "inc: error: a task entry cannot be struck: it tells of the record it names\n\
         hint: correct the task with `inc task edit N TEXT` or `inc task assign N NAME`; a task \
         done stays done\n"
    );
    // The same person, written in another case, is no change.
    let out = env.ok(&["task", "assign", "1", "gina"]);
    assert!(out.contains("nothing to change"), "{out}");
    assert_eq!(env.snapshot(), before);

    env.ok_at(
        "2026-11-27T09:00:00Z",
        &[
            "action",
            "add",
            "-i",
            "1",
            "alert on pool use",
            "--owner",
            "team-db",
        ],
    );
    let early = env
        .std_cmd()
        .env("INC_NOW", "2026-11-28T09:00:00Z")
        .args(["action", "done", "1", "--at", "2026-11-26 16:00"])
        .output()
        .unwrap();
    assert_eq!(early.status.code(), Some(1));
    let stderr = String::from_utf8(early.stderr).unwrap();
    assert!(
        stderr.contains("action item 1 would be closed before it was added"),
        "{stderr}"
    );
    let out = env.ok_at(
        "2026-11-28T09:00:00Z",
        &["action", "done", "1", "--at", "2026-11-27 16:00"],
    );
    assert_eq!(
        out,
        "action 1 on #1 API down done at 2026-11-27 16:00 CET: alert on pool use\n"
    );
}
