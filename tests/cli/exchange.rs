//! `inc export` and `inc import`: notes taken on two machines brought into
//! one timeline, without duplicates; copies of a record changed on both
//! merged the same way on both; bad files refused before anything is
//! written; the files of the release before the record model still read.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use crate::env::Env;

/// An incident with a record of every kind, each written by a command:
/// notes, a command run, tasks, a role, a handoff, links, a security
/// checklist with a duty done, an update whose post failed, the review's
/// material, and corrections.
fn rich() -> Env {
    let env = Env::new();
    let at = |now: &str, args: &[&str]| {
        env.ok_at(&format!("2026-11-26T13:{now}:00Z"), args);
    };
    at("00", &["open", "API down", "--started", "-20m"]);
    at("05", &["tl", "restarted the queue", "--at", "-2m"]);
    at("06", &["tl", "--key", "error rate back under 1%"]);
    at(
        "07",
        &["run", "--capture", "5", "--", "sh", "-c", "echo hi"],
    );
    at(
        "08",
        &["task", "add", "check the replicas", "--owner", "bob"],
    );
    at("09", &["task", "add", "page the DBA"]);
    at("10", &["task", "done", "1"]);
    at("11", &["role", "scribe", "carol"]);
    at("12", &["sev", "1", "--reason", "all EU customers"]);
    at("13", &["handoff", "bob", "--note", "queue is back"]);
    at("14", &["link", "channel", "inc-api"]);
    at("14", &["link", "ticket", "OPS-1"]);
    at("15", &["security", "on"]);
    at("16", &["checklist", "done", "1", "--note", "mailed"]);
    at("17", &["tl", "--private", "for responders only"]);
    at("18", &["tl", "typo in this nite"]);
    at("19", &["entry", "edit", "last", "typo in this note"]);
    at("19", &["tl", "filed on the wrong incident"]);
    at(
        "19",
        &["entry", "rm", "last", "--reason", "belongs elsewhere"],
    );
    // An update whose post to a webhook that is not there failed.
    let config = env.dir().join("webhook.toml");
    std::fs::write(&config, "[notify]\nwebhook = \"http://127.0.0.1:1/x\"\n").unwrap();
    let out = env
        .cmd()
        .env("INC_NOW", "2026-11-26T13:19:30Z")
        .env("INC_CONFIG", &config)
        .args(["update", "--external", "we are on it"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    at("20", &["mitigated"]);
    at("30", &["resolve"]);
    at(
        "31",
        &[
            "describe",
            "--summary",
            "the API hung",
            "--scope",
            "external",
        ],
    );
    at("32", &["factor", "add", "a config change was deployed"]);
    at("32", &["factor", "add", "a factor added by mistake"]);
    at("33", &["factor", "rm", "2"]);
    at(
        "33",
        &[
            "action",
            "add",
            "alert on the pool",
            "--owner",
            "sre",
            "--due",
            "2026-12-01",
        ],
    );
    at("34", &["lesson", "add", "--kind", "lucky", "low traffic"]);
    env
}

fn export(env: &Env) -> String {
    env.ok(&["export"])
}

fn file(env: &Env, name: &str, text: &str) -> PathBuf {
    let path = env.dir().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn import(env: &Env, path: &std::path::Path) -> std::process::Output {
    let out = env
        .cmd()
        .args(["import", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn count(env: &Env, table: &str) -> i64 {
    env.sql()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Exports without the moment they were taken: what two machines holding
/// the same records agree on.
fn records(env: &Env) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(&export(env)).unwrap();
    doc["exported_at"] = serde_json::Value::Null;
    doc.to_string()
}

#[test]
fn an_export_imported_into_an_empty_database_exports_the_same_bytes() {
    let a = rich();
    let exported = export(&a);
    let doc: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(doc["format"], "inc-export");
    assert_eq!(doc["version"], 3);
    let incident = &doc["incidents"][0];
    for list in [
        "timeline",
        "tasks",
        "factors",
        "actions",
        "lessons",
        "checklist",
        "update_posts",
    ] {
        assert!(
            !incident[list].as_array().unwrap().is_empty(),
            "{list} is empty"
        );
    }
    // Task entries name their task by UUID, not by its local number.
    let task_uuid = incident["tasks"][0]["uuid"].as_str().unwrap();
    let timeline = incident["timeline"].as_array().unwrap();
    let done = timeline.iter().find(|e| e["kind"] == "task-done").unwrap();
    assert_eq!(done["target"], task_uuid);
    // Corrections and removals travel.
    assert!(timeline.iter().any(|e| e["kind"] == "correction"));
    assert!(timeline.iter().any(|e| e["struck_by"] == "alice"));
    assert!(
        incident["factors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["removed_by"] == "alice")
    );

    let b = Env::new();
    let out = import(&b, &file(&b, "a.json", &exported));
    assert_eq!(stderr(&out), "");
    assert!(
        stdout(&out).starts_with("#1 API down: new here; added "),
        "{}",
        stdout(&out)
    );
    assert_eq!(export(&b), exported);
    assert_eq!(b.integrity(), "ok");
    // The records read back through inc itself: the same state, the same
    // corrected record, the same review.
    assert_eq!(b.json(&["show", "1"]), a.json(&["show", "1"]));
    assert_eq!(
        b.ok(&["timeline", "1", "--history"]),
        a.ok(&["timeline", "1", "--history"])
    );
    assert_eq!(
        b.ok(&["task", "list", "--all", "-i", "1"]),
        a.ok(&["task", "list", "--all", "-i", "1"])
    );
    assert_eq!(
        b.ok(&["factor", "list", "1"]),
        a.ok(&["factor", "list", "1"])
    );
    assert_eq!(b.ok(&["review", "1"]), a.ok(&["review", "1"]));
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let a = rich();
    let path = file(&a, "a.json", &export(&a));
    let b = Env::new();
    import(&b, &path);
    let before = b.snapshot();
    let out = import(&b, &path);
    assert_eq!(before, b.snapshot());
    assert_eq!(stderr(&out), "");
    assert!(
        stdout(&out).contains("0 records added, 0 updated"),
        "{}",
        stdout(&out)
    );
    // Into the database it came from, too.
    let before = a.snapshot();
    import(&a, &path);
    assert_eq!(before, a.snapshot());
}

#[test]
fn notes_from_two_machines_merge_into_one_timeline() {
    let a = Env::new();
    a.ok_at("2026-11-26T13:00:00Z", &["open", "API down"]);
    a.ok_at("2026-11-26T13:05:00Z", &["tl", "alice looks at the queue"]);
    a.ok_at(
        "2026-11-26T13:06:00Z",
        &["task", "add", "restart the queue"],
    );
    let a_file = file(&a, "a.json", &export(&a));

    let b = Env::new();
    // B has an incident of its own first, so local ids differ.
    b.ok_at(
        "2026-11-26T12:00:00Z",
        &["open", "Disk full on build agent"],
    );
    b.ok_at("2026-11-26T12:30:00Z", &["resolve"]);
    import(&b, &a_file);
    b.ok_at(
        "2026-11-26T13:10:00Z",
        &["tl", "-i", "2", "bob restarts the queue"],
    );
    b.ok_at(
        "2026-11-26T13:04:00Z",
        &["tl", "-i", "2", "bob saw the alert first"],
    );
    b.ok_at("2026-11-26T13:11:00Z", &["task", "done", "1", "-i", "2"]);
    b.ok_at(
        "2026-11-26T13:12:00Z",
        &["task", "add", "-i", "2", "watch the error rate"],
    );
    b.ok_at(
        "2026-11-26T13:13:00Z",
        &["handoff", "-i", "2", "bob", "--note", "queue restarted"],
    );
    let b_file = file(&b, "b.json", &export(&b));

    let out = import(&a, &b_file);
    assert_eq!(stderr(&out), "");
    let summary = stdout(&out);
    assert!(
        summary.contains("#1 API down: added 5 timeline entries, 1 task;"),
        "{summary}"
    );
    assert!(
        summary.contains("#2 Disk full on build agent: new here;"),
        "{summary}"
    );
    assert!(
        summary.contains("updated: task \"restart the queue\": done as in the file"),
        "{summary}"
    );
    assert!(
        summary.contains("updated: incident state from the merged timeline: commander bob"),
        "{summary}"
    );

    // Every note once, in event order.
    let texts = a.field("text", &["timeline", "1"]);
    assert_eq!(
        texts,
        [
            "API down",
            "bob saw the alert first",
            "alice looks at the queue",
            "restart the queue",
            "bob restarts the queue",
            "restart the queue",
            "watch the error rate",
            "queue restarted"
        ]
    );
    // Task entries name the task by UUID, which is the same on both.
    let tasks = a.json(&["task", "list", "--all", "-i", "1"]);
    let first = tasks[0]["uuid"].as_str().unwrap();
    let timeline = a.json(&["timeline", "1"]);
    let targets: Vec<&str> = timeline
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"].as_str().unwrap().starts_with("task"))
        .map(|e| e["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets[..2], [first, first]);
    assert_eq!(tasks[0]["done_by"], "alice");
    assert_eq!(tasks[1]["text"], "watch the error rate");
    assert_eq!(a.json(&["show", "1"])["commander"], "bob");
    // And the two machines now hold the same incidents.
    import(&b, &file(&a, "a2.json", &export(&a)));
    assert_eq!(records(&a), records(&b));
}

#[test]
fn a_record_changed_on_both_machines_ends_the_same_on_both() {
    let a = Env::new();
    a.ok_at("2026-11-26T13:00:00Z", &["open", "API down"]);
    a.ok_at("2026-11-26T13:01:00Z", &["task", "add", "page the DBA"]);
    a.ok_at(
        "2026-11-26T13:01:00Z",
        &["factor", "add", "a config change"],
    );
    a.ok_at("2026-11-26T13:01:00Z", &["tl", "restarted the queue"]);
    let b = Env::new();
    import(&b, &file(&a, "a.json", &export(&a)));
    // Both correct the same note; A later. B moves the start; A removes
    // the factor; both give the task to someone.
    b.ok_at(
        "2026-11-26T13:10:00Z",
        &[
            "entry",
            "edit",
            "last",
            "--as",
            "alice",
            "restarted the queues",
        ],
    );
    a.ok_at(
        "2026-11-26T13:20:00Z",
        &["entry", "edit", "last", "restarted the message queue"],
    );
    b.ok_at("2026-11-26T13:11:00Z", &["times", "--started", "13:50"]);
    a.ok_at("2026-11-26T13:12:00Z", &["factor", "rm", "1"]);
    b.ok_at("2026-11-26T13:13:00Z", &["task", "assign", "1", "carol"]);
    a.ok_at("2026-11-26T13:14:00Z", &["task", "assign", "1", "dave"]);
    let from_a = file(&a, "a2.json", &export(&a));
    let from_b = file(&b, "b2.json", &export(&b));
    import(&a, &from_b);
    import(&b, &from_a);
    assert_eq!(records(&a), records(&b));
    for env in [&a, &b] {
        let timeline = env.json(&["timeline"]);
        let notes: Vec<&str> = timeline
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "note")
            .map(|e| e["text"].as_str().unwrap())
            .collect();
        assert_eq!(notes, ["restarted the message queue"]);
        assert_eq!(env.json(&["show"])["started_at"], "2026-11-26T12:50:00Z");
        assert!(
            env.ok(&["factor", "list"])
                .contains("No contributing factors")
        );
        assert_eq!(env.json(&["task", "list"])[0]["owner"], "dave");
        // Each correction is on the record, from both machines.
        let history = env.ok(&["timeline", "--history"]);
        assert!(history.contains("restarted the queues"), "{history}");
        assert!(
            history.contains("owner corrected, nobody → carol"),
            "{history}"
        );
    }
}

#[test]
fn a_note_edited_by_hand_in_a_file_is_reported_and_both_keep_the_same_text() {
    let a = Env::new();
    a.ok(&["open", "API down"]);
    a.ok(&["tl", "restarted the queue"]);
    let edited = export(&a).replace("restarted the queue", "restarted the database");
    let path = file(&a, "edited.json", &edited);
    let b = Env::new();
    import(&b, &path);
    let out = import(&a, &path);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    // The entry is named by its kind, its ref and the start of its text.
    assert!(
        err.starts_with("note: #1 API down: timeline entry note "),
        "{err}"
    );
    assert!(err.contains(" \"restarted the "), "{err}");
    assert!(err.contains("differs here and in the file"), "{err}");
    import(&b, &file(&a, "a.json", &export(&a)));
    assert_eq!(records(&a), records(&b));
}

#[test]
fn changes_of_state_on_both_machines_are_both_kept_and_the_board_follows_the_timeline() {
    let a = Env::new();
    a.ok_at("2026-11-26T13:00:00Z", &["open", "API down"]);
    let b = Env::new();
    let first = file(&a, "a.json", &export(&a));
    import(&b, &first);
    // Both change the state at the same time: A the status, B the severity
    // and the commander.
    a.ok_at("2026-11-26T13:10:00Z", &["status", "identified"]);
    b.ok_at("2026-11-26T13:20:00Z", &["sev", "1"]);
    b.ok_at("2026-11-26T13:21:00Z", &["handoff", "bob"]);
    let out = import(&a, &file(&b, "b.json", &export(&b)));
    assert_eq!(stderr(&out), "");
    assert!(
        stdout(&out).contains(
            "updated: incident state from the merged timeline: severity SEV1, commander bob"
        ),
        "{}",
        stdout(&out)
    );
    let out = import(&b, &file(&a, "a2.json", &export(&a)));
    assert_eq!(stderr(&out), "");
    for env in [&a, &b] {
        let shown = env.json(&["show", "1"]);
        assert_eq!(shown["status"], "identified");
        assert_eq!(shown["severity"], "SEV1");
        assert_eq!(shown["commander"], "bob");
    }
    // The latest change on the merged timeline wins, whichever machine
    // made it and in whatever order the files arrive.
    a.ok_at("2026-11-26T13:30:00Z", &["status", "monitoring"]);
    let old = file(&a, "a3.json", &export(&a));
    b.ok_at("2026-11-26T13:40:00Z", &["resolve"]);
    import(&b, &old);
    import(&a, &file(&b, "b2.json", &export(&b)));
    for env in [&a, &b] {
        let shown = env.json(&["show", "1"]);
        assert_eq!(shown["status"], "resolved");
        assert_eq!(shown["resolved_at"], "2026-11-26T13:40:00Z");
    }
    // A file older than everything B knows changes nothing.
    let before = b.json(&["show", "1"]);
    let out = import(&b, &first);
    assert_eq!(stderr(&out), "");
    assert_eq!(b.json(&["show", "1"]), before);
}

#[test]
fn links_set_on_two_machines_follow_the_merged_timeline() {
    let a = Env::new();
    a.ok_at("2026-11-26T13:00:00Z", &["open", "API down"]);
    let b = Env::new();
    import(&b, &file(&a, "a.json", &export(&a)));
    b.ok_at("2026-11-26T13:05:00Z", &["link", "ticket", "OPS-99"]);
    let b_file = file(&b, "b.json", &export(&b));
    a.ok_at(
        "2026-11-26T13:10:00Z",
        &["link", "bridge", "https://meet.example.com/x"],
    );
    // Each machine's link is a change on the timeline: both are kept.
    import(&a, &b_file);
    let links = &a.json(&["show", "1"])["links"];
    assert_eq!(links["ticket"], "OPS-99");
    assert_eq!(links["bridge"], "https://meet.example.com/x");
    // Both set the channel differently: the later change wins on both.
    a.ok_at("2026-11-26T13:20:00Z", &["link", "channel", "inc-a"]);
    let a_file = file(&a, "a2.json", &export(&a));
    b.ok_at("2026-11-26T13:30:00Z", &["link", "channel", "inc-b"]);
    import(&b, &a_file);
    assert_eq!(b.json(&["show", "1"])["links"]["channel"], "#inc-b");
    import(&a, &file(&b, "b2.json", &export(&b)));
    assert_eq!(a.json(&["show", "1"])["links"]["channel"], "#inc-b");
    assert_eq!(records(&a), records(&b));
}

#[test]
fn a_record_of_another_incident_here_refuses_the_whole_file() {
    let a = Env::new();
    a.ok(&["open", "API down"]);
    a.ok(&["task", "add", "restart the queue"]);
    a.ok(&["open", "Disk full"]);
    let mut doc: serde_json::Value = serde_json::from_str(&export(&a)).unwrap();
    // The second incident claims the first one's task.
    let task = doc["incidents"][0]["tasks"][0].clone();
    doc["incidents"][1]["tasks"] = serde_json::json!([task]);
    doc["incidents"].as_array_mut().unwrap().remove(0);
    let before = a.snapshot();
    let f = a.fails(&[
        "import",
        file(&a, "other.json", &doc.to_string()).to_str().unwrap(),
    ]);
    assert_eq!(before, a.snapshot());
    assert!(
        f.stderr.contains("incidents[0].tasks[0]: ")
            && f.stderr
                .contains("is a record of incident #1 in this database"),
        "{}",
        f.stderr
    );
}

#[test]
fn an_export_of_the_release_before_the_record_model_imports() {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export-v1.json");
    let env = Env::new();
    let out = import(&env, &fixture);
    assert_eq!(stderr(&out), "");
    assert!(
        stdout(&out).contains("#1 Exported incident: new here"),
        "{}",
        stdout(&out)
    );
    let shown = env.json(&["show", "1"]);
    assert_eq!(shown["severity"], "SEV1");
    assert_eq!(shown["status"], "resolved");
    assert_eq!(shown["commander"], "export successor");
    assert_eq!(shown["security"], true);
    assert_eq!(shown["started_at"], "2026-11-01T09:45:00Z");
    assert_eq!(shown["mitigated_at"], "2026-11-01T10:24:00Z");
    assert_eq!(shown["review_held_at"], "2026-11-02T09:00:00Z");
    assert_eq!(shown["links"]["channel"], "#inc-export");
    assert_eq!(shown["links"]["ticket"], "EXP-1");
    assert_eq!(shown["commanders"][0]["name"], "fixture");
    let roles = env.json(&["brief", "1"])["roles"].clone();
    assert_eq!(roles[0]["name"], "export scribe");
    let tasks = env.json(&["task", "list", "--all", "-i", "1"]);
    assert_eq!(tasks[0]["done_by"], "fixture");
    let checklist = env.json(&["checklist", "1"]);
    assert_eq!(checklist[0]["note"], "export duty note");
    let updates = env.json(&["updates", "1"]);
    assert_eq!(updates["updates"][0]["post"]["outcome"], "failed");
    assert_eq!(
        env.json(&["show", "2"])["title"],
        "Second exported incident"
    );
    // Imported twice, nothing more; exported and imported elsewhere, the
    // same records.
    let again = import(&env, &fixture);
    assert!(
        stdout(&again).contains("0 records added, 0 updated"),
        "{}",
        stdout(&again)
    );
    let other = Env::new();
    import(&other, &file(&env, "v2.json", &export(&env)));
    assert_eq!(records(&other), records(&env));
}

#[test]
fn a_bad_file_changes_nothing_and_says_where_it_broke() {
    let a = rich();
    let whole = export(&a);
    let b = Env::new();
    b.ok(&["open", "Something else"]);
    let name = |f: &str| b.dir().join(f).to_str().unwrap().to_string();

    file(&b, "half.json", &whole[..whole.len() / 2]);
    let f = b.fails(&["import", &name("half.json")]);
    assert!(f.stderr.contains("half.json: line "), "{}", f.stderr);
    assert!(
        f.stderr.contains("the file looks cut short"),
        "{}",
        f.stderr
    );

    file(&b, "notes.txt", "restarted the queue at 14:05\n");
    let f = b.fails(&["import", &name("notes.txt")]);
    assert!(
        f.stderr
            .contains("notes.txt: line 1, column 1: expected value"),
        "{}",
        f.stderr
    );

    file(&b, "empty.json", "");
    let f = b.fails(&["import", &name("empty.json")]);
    assert!(
        f.stderr
            .contains("empty.json is empty; nothing was imported"),
        "{}",
        f.stderr
    );

    file(
        &b,
        "other.json",
        "{\"name\": \"my-package\", \"version\": \"1.0.0\"}",
    );
    let f = b.fails(&["import", &name("other.json")]);
    assert!(
        f.stderr
            .contains("other.json is not an inc export (it has no \"format\": \"inc-export\")"),
        "{}",
        f.stderr
    );

    file(
        &b,
        "newer.json",
        &whole.replacen("\"version\": 3", "\"version\": 4", 1),
    );
    let f = b.fails(&["import", &name("newer.json")]);
    assert!(f.stderr.contains("newer.json was written by a newer inc (export format version 4; this inc reads up to 3)"), "{}", f.stderr);
    assert!(
        f.stderr.contains("hint: nothing was imported; upgrade inc"),
        "{}",
        f.stderr
    );

    // A bad value deep inside: the whole file is refused, even the valid
    // incident before it.
    let mut doc: serde_json::Value = serde_json::from_str(&whole).unwrap();
    doc["incidents"][0]["timeline"][3]["event_at"] = "yesterday".into();
    file(&b, "bad.json", &doc.to_string());
    let f = b.fails(&["import", &name("bad.json")]);
    assert!(
        f.stderr
            .contains("bad.json: incidents[0].timeline[3].event_at: \"yesterday\" is not a time"),
        "{}",
        f.stderr
    );

    let doc: serde_json::Value = serde_json::from_str(&whole).unwrap();
    let timeline = doc["incidents"][0]["timeline"].as_array().unwrap();
    // A link `inc link` would refuse.
    let link = timeline.iter().position(|e| e["kind"] == "link").unwrap();
    // A note without text, which `inc tl` would refuse.
    let note = timeline.iter().position(|e| e["kind"] == "note").unwrap();
    let mut broken = doc.clone();
    broken["incidents"][0]["timeline"][link]["body"] = "bridge".into();
    broken["incidents"][0]["timeline"][link]["to_value"] = "meet.example.com/x".into();
    file(&b, "link.json", &broken.to_string());
    let f = b.fails(&["import", &name("link.json")]);
    assert!(
        f.stderr.contains(&format!(
            "link.json: incidents[0].timeline[{link}].to_value: \"meet.example.com/x\" is not a URL"
        )),
        "{}",
        f.stderr
    );
    let mut broken = doc.clone();
    broken["incidents"][0]["timeline"][note]["body"] = "   ".into();
    file(&b, "blank.json", &broken.to_string());
    let f = b.fails(&["import", &name("blank.json")]);
    assert!(
        f.stderr.contains(&format!(
            "blank.json: incidents[0].timeline[{note}].body: is empty"
        )),
        "{}",
        f.stderr
    );
    // A post of a note, which no update is.
    let mut broken = doc.clone();
    broken["incidents"][0]["update_posts"][0]["entry"] = timeline[note]["uuid"].clone();
    file(&b, "dangling.json", &broken.to_string());
    let f = b.fails(&["import", &name("dangling.json")]);
    assert!(
        f.stderr.contains("incidents[0].update_posts[0].entry: \"")
            && f.stderr
                .contains("is not the UUID of a status update of this incident"),
        "{}",
        f.stderr
    );

    let f = b.fails_with_stdin(&["import", "-"], b"[1, 2");
    assert!(
        f.stderr.contains("standard input: line 1, column 5"),
        "{}",
        f.stderr
    );
    let f = b.fails(&["import", &name("missing.json")]);
    assert!(f.stderr.contains("cannot read"), "{}", f.stderr);
    assert_eq!(count(&b, "incidents"), 1);
}

#[test]
fn export_of_one_incident_and_to_a_private_file() {
    let env = Env::new();
    env.ok(&["open", "First"]);
    env.ok(&["open", "Second"]);
    let doc: serde_json::Value =
        serde_json::from_str(&env.ok(&["export", "--incident", "1"])).unwrap();
    let titles: Vec<&str> = doc["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["timeline"][0]["body"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["First"]);
    let all: serde_json::Value = serde_json::from_str(&env.ok(&["export"])).unwrap();
    assert_eq!(all["incidents"].as_array().unwrap().len(), 2);
    env.fails(&["export", "--incident", "9"]);

    let out = env.dir().join("all.json");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).unwrap();
    let said = env.ok(&["export", "--out", out.to_str().unwrap()]);
    assert_eq!(said, format!("exported 2 incidents to {}\n", out.display()));
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), env.ok(&["export"]));
    // Not over the database itself.
    let f = env.fails(&["export", "--out", env.db.to_str().unwrap()]);
    assert!(
        f.stderr
            .contains("is the incident database; it was left unchanged"),
        "{}",
        f.stderr
    );
    // Two exports of the same data are the same bytes.
    assert_eq!(env.ok(&["export"]), env.ok(&["export"]));
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let a = rich();
    let path = file(&a, "a.json", &export(&a));
    let b = Env::new();
    let out = b.ok(&["import", "--dry-run", path.to_str().unwrap()]);
    assert!(out.contains("#1 API down: new here; would add "), "{out}");
    assert!(out.contains("dry run, nothing written"), "{out}");
    assert_eq!(b.snapshot(), None);
    // The real thing, from standard input.
    let out = b
        .cmd()
        .args(["import", "-"])
        .write_stdin(std::fs::read(&path).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("1 incident from standard input: "),
        "{}",
        stdout(&out)
    );
    assert_eq!(export(&b), export(&a));
}

#[test]
fn a_uuid_written_another_way_is_the_same_record_on_import() {
    let a = rich();
    let exported = export(&a);
    let (incidents, entries) = (count(&a, "incidents"), count(&a, "timeline_entries"));
    let doc: serde_json::Value = serde_json::from_str(&exported).unwrap();
    let incident = doc["incidents"][0]["uuid"].as_str().unwrap().to_string();
    let entry = doc["incidents"][0]["timeline"][1]["uuid"]
        .as_str()
        .unwrap()
        .to_string();
    for (n, (incident_as, entry_as)) in [
        (incident.to_uppercase(), entry.to_uppercase()),
        (format!("{{{incident}}}"), format!("{{{entry}}}")),
        (incident.replace('-', ""), entry.replace('-', "")),
        (format!("urn:uuid:{incident}"), format!("URN:UUID:{entry}")),
    ]
    .into_iter()
    .enumerate()
    {
        let written = exported
            .replace(&incident, &incident_as)
            .replace(&entry, &entry_as);
        let out = import(&a, &file(&a, &format!("other-{n}.json"), &written));
        assert_eq!(
            (count(&a, "incidents"), count(&a, "timeline_entries")),
            (incidents, entries),
            "{incident_as}: {}",
            stderr(&out)
        );
    }
    // The same UUID twice in one file, however written, is refused.
    let mut doc = doc.clone();
    let timeline = doc["incidents"][0]["timeline"].as_array_mut().unwrap();
    let mut twin = timeline[1].clone();
    twin["uuid"] = entry.to_uppercase().into();
    twin["body"] = "a second note under the same UUID".into();
    timeline.push(twin);
    let f = a.fails(&[
        "import",
        file(&a, "twice.json", &doc.to_string()).to_str().unwrap(),
    ]);
    assert!(
        f.stderr
            .contains(&format!("\"{}\" appears twice", entry.to_uppercase())),
        "{}",
        f.stderr
    );
}

#[test]
fn an_import_refuses_what_the_commands_refuse() {
    let a = rich();
    let doc: serde_json::Value = serde_json::from_str(&export(&a)).unwrap();
    let b = Env::new();
    let note = doc["incidents"][0]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["kind"] == "note")
        .unwrap();
    let cases: [(&str, &str, serde_json::Value); 5] = [
        ("year 9999", "event_at", "9999-01-01T00:00:00Z".into()),
        ("before 1970", "event_at", "1969-12-31T23:59:00Z".into()),
        ("a leap second", "event_at", "2026-11-26T13:59:60Z".into()),
        ("an audience on a note", "audience", "internal".into()),
        (
            "more than 16 MiB",
            "body",
            "x".repeat((16 << 20) + 1).into(),
        ),
    ];
    for (n, (what, field, value)) in cases.into_iter().enumerate() {
        let mut broken = doc.clone();
        broken["incidents"][0]["timeline"][note][field] = value;
        let path = file(&b, &format!("bad-{n}.json"), &broken.to_string());
        let f = b.fails(&["import", path.to_str().unwrap()]);
        assert!(
            f.stderr
                .contains(&format!("incidents[0].timeline[{note}].{field}")),
            "{what}: {}",
            f.stderr
        );
    }
    assert!(!b.db.exists(), "a refused import created the database");
    // A byte-order mark before a good file is no reason to refuse it.
    let path = file(&b, "bom.json", &format!("\u{feff}{}", export(&a)));
    import(&b, &path);
    assert_eq!(count(&b, "incidents"), count(&a, "incidents"));
}

#[test]
fn the_board_follows_the_timeline_when_a_change_is_backdated_and_after_a_round_trip() {
    let a = Env::new();
    a.ok(&["open", "Backdated", "--started", "-1h"]);
    a.ok(&["sev", "1"]);
    a.ok(&[
        "sev",
        "3",
        "--at",
        "-10m",
        "--reason",
        "looked smaller at first",
    ]);
    let sev = |env: &Env| env.json(&["show"])["severity"].clone();
    // The severity set last in time, not last typed, is the one that holds.
    assert_eq!(sev(&a), "SEV1");
    let b = Env::new();
    import(&b, &file(&b, "a.json", &export(&a)));
    b.ok(&["tl", "a note on the second machine"]);
    import(&a, &file(&a, "b.json", &export(&b)));
    assert_eq!(sev(&a), "SEV1");
    assert_eq!(sev(&b), "SEV1");
    assert_eq!(records(&a), records(&b));
}
