//! `inc export` and `inc import`: notes taken on two machines brought into
//! one timeline, without duplicates, with conflicts reported and bad files
//! refused before anything is written.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use crate::env::Env;

/// An incident with a record of every kind, including the schema-5 ones
/// no command of this test writes (an update with its post, a checklist).
fn rich() -> Env {
    let env = Env::new();
    env.ok_at(
        "2026-11-26T13:00:00Z",
        &["open", "API down", "--started", "-20m"],
    );
    env.ok_at(
        "2026-11-26T13:05:00Z",
        &["tl", "restarted the queue", "--at", "-2m"],
    );
    env.ok_at(
        "2026-11-26T13:06:00Z",
        &["tl", "--key", "error rate back under 1%"],
    );
    env.ok_at(
        "2026-11-26T13:07:00Z",
        &["run", "--capture", "5", "--", "sh", "-c", "echo hi"],
    );
    env.ok_at(
        "2026-11-26T13:08:00Z",
        &["task", "add", "check the replicas", "--owner", "bob"],
    );
    env.ok_at("2026-11-26T13:09:00Z", &["task", "add", "page the DBA"]);
    env.ok_at("2026-11-26T13:10:00Z", &["task", "done", "1"]);
    env.ok_at("2026-11-26T13:11:00Z", &["role", "scribe", "carol"]);
    env.ok_at(
        "2026-11-26T13:12:00Z",
        &["sev", "1", "--reason", "all EU customers"],
    );
    env.ok_at(
        "2026-11-26T13:13:00Z",
        &["handoff", "bob", "--note", "queue is back"],
    );
    env.ok_at("2026-11-26T13:20:00Z", &["mitigated"]);
    env.ok_at("2026-11-26T13:30:00Z", &["resolve"]);
    env.ok_at(
        "2026-11-26T13:31:00Z",
        &[
            "describe",
            "--summary",
            "the API hung",
            "--scope",
            "external",
        ],
    );
    env.ok_at(
        "2026-11-26T13:32:00Z",
        &["factor", "add", "a config change was deployed"],
    );
    env.ok_at(
        "2026-11-26T13:33:00Z",
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
    env.ok_at(
        "2026-11-26T13:34:00Z",
        &["lesson", "add", "--kind", "lucky", "low traffic"],
    );
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch(
        "UPDATE incidents SET channel = '#inc-api', ticket = 'OPS-1', security = 1;
         INSERT INTO timeline_entries (uuid, incident_id, kind, body, event_at, recorded_at, author, audience, private)
           VALUES ('01a21827-ef00-7d63-a479-902771e55001', 1, 'update', 'we are on it',
                   '2026-11-26T13:15:00.000Z', '2026-11-26T13:15:00.000Z', 'alice', 'external', 0),
                  ('01a21827-ef00-7d63-a479-902771e55002', 1, 'note', 'for responders only',
                   '2026-11-26T13:16:00.000Z', '2026-11-26T13:16:00.000Z', 'alice', NULL, 1);
         INSERT INTO update_posts (uuid, entry_id, attempted_at, attempted_by, outcome, detail)
           SELECT '01a21827-ef00-7d63-a479-902771e55003', id, '2026-11-26T13:15:01.000Z', 'alice', 'failed', 'HTTP 500'
           FROM timeline_entries WHERE uuid = '01a21827-ef00-7d63-a479-902771e55001';
         INSERT INTO checklist_items (uuid, incident_id, position, area, body, created_at, created_by, done_at, done_by, note)
           VALUES ('01a21827-ef00-7d63-a479-902771e55004', 1, 1, 'legal', 'tell the DPO',
                   '2026-11-26T13:00:00.000Z', 'alice', '2026-11-26T13:40:00.000Z', 'alice', 'mailed'),
                  ('01a21827-ef00-7d63-a479-902771e55005', 1, 2, 'marketing', 'hold the press release',
                   '2026-11-26T13:00:00.000Z', 'alice', NULL, NULL, NULL);",
    )
    .unwrap();
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

#[test]
fn an_export_imported_into_an_empty_database_exports_the_same_bytes() {
    let a = rich();
    let exported = export(&a);
    let doc: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(doc["format"], "inc-export");
    assert_eq!(doc["version"], 1);
    let incident = &doc["incidents"][0];
    for list in [
        "timeline",
        "assignments",
        "roles",
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
    // Task entries carry the task's UUID, not its local id.
    let task_uuid = incident["tasks"][0]["uuid"].as_str().unwrap();
    let task_entries: Vec<&serde_json::Value> = incident["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "task-done")
        .collect();
    assert_eq!(task_entries[0]["from_value"], task_uuid);

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
    // The records read back through inc itself.
    assert_eq!(
        b.field("kind", &["timeline", "1"]),
        a.field("kind", &["timeline", "1"])
    );
    assert_eq!(
        b.ok(&["task", "list", "--all", "-i", "1"]),
        a.ok(&["task", "list", "--all", "-i", "1"])
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
        stdout(&out).contains("0 records added, 0 updated, 0 conflicts"),
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
        summary.contains("#1 API down: added 5 timeline entries, 1 commander assignment, 1 task;"),
        "{summary}"
    );
    assert!(
        summary.contains("#2 Disk full on build agent: new here;"),
        "{summary}"
    );
    assert!(
        summary.contains("updated: task \"restart the queue\" done, as in the file (by alice)"),
        "{summary}"
    );
    assert!(
        summary.contains("updated: incident state set from the merged timeline: commander bob"),
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
    // Task entries name A's task ids: B's task 1 is A's 1, B's 2 is A's 2.
    let kinds = a.json(&["timeline", "1"]);
    let task_refs: Vec<(String, String)> = kinds
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"].as_str().unwrap().starts_with("task"))
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["from"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        task_refs,
        [
            ("task".into(), "1".into()),
            ("task-done".into(), "1".into()),
            ("task".into(), "2".into())
        ]
    );
    let tasks = a.json(&["task", "list", "--all", "-i", "1"]);
    assert_eq!(tasks[0]["done_by"], "alice");
    assert_eq!(tasks[1]["text"], "watch the error rate");
    assert_eq!(a.json(&["show", "1"])["commander"], "bob");
    // And the two machines now export the same incidents.
    import(&b, &file(&a, "a2.json", &export(&a)));
    assert_eq!(export(&a), export(&b));
}

#[test]
fn a_note_edited_elsewhere_is_a_conflict_and_this_database_keeps_its_text() {
    let a = Env::new();
    a.ok(&["open", "API down"]);
    a.ok(&["tl", "restarted the queue"]);
    let edited = export(&a).replace("restarted the queue", "restarted the database");
    let path = file(&a, "edited.json", &edited);
    let before = a.snapshot();
    let out = import(&a, &path);
    assert_eq!(before, a.snapshot());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("conflict: #1 API down: timeline entry note of 2026-11-26T14:00:00.000Z ("),
        "{err}"
    );
    assert!(
        err.contains("differs: body \"restarted the queue\" here, \"restarted the database\" in the file; kept this database's"),
        "{err}"
    );
    assert!(stdout(&out).contains("1 conflict"), "{}", stdout(&out));
    assert_eq!(a.field("text", &["timeline"])[1], "restarted the queue");
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
            "updated: incident state set from the merged timeline: severity SEV1, commander bob"
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
fn a_link_set_on_one_machine_is_taken_and_the_later_of_two_wins() {
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
    // B's file is older than A's last change and brings no timeline entry,
    // but its ticket is not lost; A's bridge stays.
    let out = import(&a, &b_file);
    assert!(
        stdout(&out).contains("updated: ticket set from the file, not set here"),
        "{}",
        stdout(&out)
    );
    let links = &a.json(&["show", "1"])["links"];
    assert_eq!(links["ticket"], "OPS-99");
    assert_eq!(links["bridge"], "https://meet.example.com/x");
    // Both set the channel differently: the later change wins on both
    // machines, and the later machine says it kept its own.
    a.ok_at("2026-11-26T13:20:00Z", &["link", "channel", "inc-a"]);
    let a_file = file(&a, "a2.json", &export(&a));
    b.ok_at("2026-11-26T13:30:00Z", &["link", "channel", "inc-b"]);
    let out = import(&b, &a_file);
    assert!(
        stdout(&out).contains("kept: incident state: the file's is older"),
        "{}",
        stdout(&out)
    );
    assert_eq!(b.json(&["show", "1"])["links"]["channel"], "#inc-b");
    import(&a, &file(&b, "b2.json", &export(&b)));
    assert_eq!(a.json(&["show", "1"])["links"]["channel"], "#inc-b");
}

#[test]
fn an_incident_declared_differently_under_the_same_uuid_is_not_merged() {
    let a = Env::new();
    a.ok(&["open", "API down"]);
    let mut doc: serde_json::Value = serde_json::from_str(&export(&a)).unwrap();
    doc["incidents"][0]["created_by"] = "mallory".into();
    let note = serde_json::json!({
        "uuid": "01a21827-ef00-7d63-a479-902771e55009", "kind": "note", "body": "not mine",
        "from_value": null, "to_value": null, "event_at": "2026-11-26T14:00:00Z",
        "recorded_at": "2026-11-26T14:00:00Z", "author": "mallory", "key": false,
        "private": false, "audience": null, "exit_code": null, "exit_signal": null,
        "duration_ms": null, "output": null, "output_lines": null
    });
    doc["incidents"][0]["timeline"]
        .as_array_mut()
        .unwrap()
        .push(note);
    let before = a.snapshot();
    let out = import(&a, &file(&a, "other.json", &doc.to_string()));
    assert_eq!(before, a.snapshot());
    let err = stderr(&out);
    assert!(
        err.contains("conflict: #1 API down: the incident in the file has the same UUID"),
        "{err}"
    );
    assert!(
        err.contains("created_by \"alice\" here, \"mallory\" in the file"),
        "{err}"
    );
    assert!(!a.ok(&["timeline"]).contains("not mine"));
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
        &whole.replacen("\"version\": 1", "\"version\": 2", 1),
    );
    let f = b.fails(&["import", &name("newer.json")]);
    assert!(f.stderr.contains("newer.json was written by a newer inc (export format version 2; this inc reads up to 1)"), "{}", f.stderr);
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

    // A link `inc link` would refuse.
    let mut doc: serde_json::Value = serde_json::from_str(&whole).unwrap();
    doc["incidents"][0]["bridge"] = "meet.example.com/x".into();
    file(&b, "link.json", &doc.to_string());
    let f = b.fails(&["import", &name("link.json")]);
    assert!(
        f.stderr
            .contains("link.json: incidents[0].bridge: \"meet.example.com/x\" is not a URL"),
        "{}",
        f.stderr
    );

    // A note without text, which `inc tl` would refuse.
    let mut doc: serde_json::Value = serde_json::from_str(&whole).unwrap();
    let timeline = doc["incidents"][0]["timeline"].as_array().unwrap();
    let note = timeline.iter().position(|e| e["kind"] == "note").unwrap();
    doc["incidents"][0]["timeline"][note]["body"] = "   ".into();
    file(&b, "blank.json", &doc.to_string());
    let f = b.fails(&["import", &name("blank.json")]);
    assert!(
        f.stderr.contains(&format!(
            "blank.json: incidents[0].timeline[{note}].body: is empty"
        )),
        "{}",
        f.stderr
    );

    let mut doc: serde_json::Value = serde_json::from_str(&whole).unwrap();
    doc["incidents"][0]["update_posts"][0]["entry"] = "01a21827-ef00-7d63-a479-902771e5500f".into();
    file(&b, "dangling.json", &doc.to_string());
    let f = b.fails(&["import", &name("dangling.json")]);
    assert!(f.stderr.contains("incidents[0].update_posts[0].entry: \"01a21827-ef00-7d63-a479-902771e5500f\" is not the UUID of a timeline entry of this incident"), "{}", f.stderr);

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
        .map(|i| i["title"].as_str().unwrap())
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
