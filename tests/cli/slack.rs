//! `inc import-slack`: timeline notes from the Slack export under
//! tests/fixtures/slack/export (written by hand after Slack's documented
//! export format: two channels, two day files, a thread, an edit, joins, a
//! topic change, bots, deletions, a file, markup of every kind).

use std::path::{Path, PathBuf};

use crate::env::Env;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/slack/export")
}

fn export() -> String {
    fixture().to_string_lossy().into_owned()
}

/// A copy of the fixture export in the test's directory, to break.
fn copy(env: &Env) -> PathBuf {
    fn walk(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                walk(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }
    let dir = env.dir().join("export");
    walk(&fixture(), &dir);
    dir
}

/// (time, author, text) of every note on the timeline, in order.
fn notes(env: &Env) -> Vec<(String, String, String)> {
    let value = env.json(&["timeline"]);
    value
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "note")
        .map(|e| {
            (
                e["event_at"].as_str().unwrap().to_string(),
                e["author"].as_str().unwrap().to_string(),
                e["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const SUMMARY: &str = "imported 7 timeline notes from #inc-payments into #1 (0 already there, 9 skipped: 3 other messages, 2 joins and leaves, 1 channel change, 1 bot message, 2 deleted messages)\n";

fn expected() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        (
            "2026-11-25T22:50:00Z",
            "alice",
            "paged @Bob Builder for the payments-api 5xx spike, see dashboard (https://grafana.example.com/d/abc?from=now-1h&to=now)",
        ),
        (
            "2026-11-25T22:58:00.123Z",
            "Bob Builder",
            "rolled back payments-api to v4.17.2 & restarted the workers",
        ),
        (
            "2026-11-25T23:02:00Z",
            "alertbot",
            "alert PaymentsHigh5xx resolved",
        ),
        (
            "2026-11-25T23:05:00Z",
            "carol",
            "@here error rate back under 1% <3",
        ),
        (
            "2026-11-25T23:07:00Z",
            "Dana Ops",
            "confirmed in #general with @payments-oncall, mail ops@example.com",
        ),
        (
            "2026-11-25T23:20:00Z",
            "alice",
            "summary so far:\n1. rollback done\n2. queue drained \u{7} (bell)",
        ),
        (
            "2026-11-25T23:40:00Z",
            "alice",
            "next update at 01:00, <@U01ALICE> owns it",
        ),
    ]
}

fn owned(v: Vec<(&str, &str, &str)>) -> Vec<(String, String, String)> {
    v.into_iter()
        .map(|(a, b, c)| (a.into(), b.into(), c.into()))
        .collect()
}

#[test]
fn timeline_notes_become_notes_with_their_time_and_author() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let out = env.ok(&["import-slack", &export(), "--channel", "inc-payments"]);
    assert_eq!(out, SUMMARY);
    assert_eq!(notes(&env), owned(expected()));
    // Each note was written down when it was posted, so its author is a
    // responder from then on.
    let timeline = env.json(&["timeline"]);
    for e in timeline.as_array().unwrap().iter().skip(1) {
        assert_eq!(e["recorded_at"], e["event_at"], "{e}");
    }
}

#[test]
fn all_takes_every_message_people_wrote() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let out = env.ok(&["import-slack", &export(), "-c", "#inc-payments", "--all"]);
    assert_eq!(
        out,
        "imported 10 timeline notes from #inc-payments into #1 (0 already there, 6 skipped: 2 joins and leaves, 1 channel change, 1 bot message, 2 deleted messages)\n"
    );
    let texts: Vec<String> = notes(&env).into_iter().map(|n| n.2).collect();
    assert!(texts.contains(&"looking".to_string()));
    assert!(texts.contains(&"shared error rate graph".to_string()));
    assert!(texts.contains(&"is writing the review".to_string()));
    assert!(!texts.iter().any(|t| t.contains("Deploy of payments-api")));
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("joined") || t.contains("deleted"))
    );
}

#[test]
fn importing_twice_adds_nothing() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    env.ok(&["import-slack", &export(), "--channel", "inc-payments"]);
    let before = env.snapshot();
    let out = env.ok(&["import-slack", &export(), "--channel", "inc-payments"]);
    assert_eq!(
        out,
        "imported 0 timeline notes from #inc-payments into #1 (7 already there, 9 skipped: 3 other messages, 2 joins and leaves, 1 channel change, 1 bot message, 2 deleted messages)\n"
    );
    assert_eq!(
        before,
        env.snapshot(),
        "a second import changed the database"
    );
}

#[test]
fn the_same_message_has_the_same_uuid_in_another_database() {
    let (one, two) = (Env::new(), Env::new());
    for env in [&one, &two] {
        env.ok(&["open", "Payments 5xx", "--sev", "2"]);
        env.ok(&["import-slack", &export(), "--channel", "inc-payments"]);
    }
    let uuids = |env: &Env| -> Vec<String> {
        env.json(&["timeline"])
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "note")
            .map(|e| e["uuid"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(uuids(&one), uuids(&two));
    assert_eq!(uuids(&one).len(), 7);
}

#[test]
fn a_message_changed_since_it_was_imported_keeps_its_first_text() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let dir = copy(&env);
    env.ok(&[
        "import-slack",
        dir.to_str().unwrap(),
        "--channel",
        "inc-payments",
    ]);
    let day = dir.join("inc-payments/2026-11-26.json");
    let text = std::fs::read_to_string(&day).unwrap();
    std::fs::write(
        &day,
        text.replace("error rate back under 1%", "error rate at 0.5%"),
    )
    .unwrap();
    let before = env.snapshot();
    let out = env.ok(&[
        "import-slack",
        dir.to_str().unwrap(),
        "--channel",
        "inc-payments",
    ]);
    assert_eq!(
        out,
        "changed in Slack since it was imported, kept as first imported: 2026-11-26 00:05 CET carol: @here error rate back under 1% <3\n  now in Slack: @here error rate at 0.5% <3\n\
         imported 0 timeline notes from #inc-payments into #1 (7 already there, 9 skipped: 3 other messages, 2 joins and leaves, 1 channel change, 1 bot message, 2 deleted messages)\n"
    );
    assert_eq!(before, env.snapshot());
}

#[test]
fn imported_notes_take_their_place_among_existing_ones() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    env.ok(&[
        "tl",
        "first page from the monitor",
        "--at",
        "2026-11-25T22:40:00Z",
    ]);
    env.ok(&[
        "tl",
        "between two Slack notes",
        "--at",
        "2026-11-25T23:06:00Z",
    ]);
    env.ok(&[
        "import-slack",
        &export(),
        "--channel",
        "inc-payments",
        "-i",
        "1",
    ]);
    let texts: Vec<String> = notes(&env).into_iter().map(|n| n.2).collect();
    assert_eq!(texts[0], "first page from the monitor");
    assert_eq!(texts[4], "@here error rate back under 1% <3");
    assert_eq!(texts[5], "between two Slack notes");
    assert_eq!(
        texts[6],
        "confirmed in #general with @payments-oncall, mail ops@example.com"
    );
    assert_eq!(texts.len(), 9);
}

#[test]
fn a_dry_run_lists_the_notes_and_writes_nothing() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let before = env.snapshot();
    let out = env.ok(&[
        "import-slack",
        &export(),
        "--channel",
        "general",
        "--dry-run",
    ]);
    assert_eq!(
        out,
        "2026-11-24 10:00 CET  alice: not about the incident\n\
         would import 1 timeline note from #general into #1 (0 already there)\n"
    );
    assert_eq!(before, env.snapshot());
}

#[test]
fn bad_input_changes_nothing() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let dir = copy(&env);
    let d = dir.to_str().unwrap().to_string();
    let check = |args: &[&str], message: &str, hint: &str| {
        let mut all = vec!["import-slack"];
        all.extend_from_slice(args);
        let f = env.fails(&all);
        assert_eq!(f.code, 1, "{args:?}: {}", f.stderr);
        assert!(f.stderr.contains(message), "{args:?}: {}", f.stderr);
        assert!(f.stderr.contains(hint), "{args:?}: {}", f.stderr);
    };
    let missing = env.dir().join("nowhere");
    check(
        &[missing.to_str().unwrap(), "-c", "inc-payments"],
        "there is no directory",
        "unzipped",
    );
    let zip = env.dir().join("slack.zip");
    std::fs::write(&zip, b"PK\x03\x04rest").unwrap();
    check(
        &[zip.to_str().unwrap(), "-c", "inc-payments"],
        "is a zip file",
        "unzip it first",
    );
    let file = env.dir().join("notes.txt");
    std::fs::write(&file, "x").unwrap();
    check(
        &[file.to_str().unwrap(), "-c", "x"],
        "is not a directory",
        "unzipped",
    );
    check(
        &[&d, "-c", "inc-payment"],
        "there is no channel #inc-payment",
        "#general, #inc-payments",
    );
    check(
        &[&d, "-c", "inc-payments", "-i", "7"],
        "there is no incident #7",
        "inc list",
    );

    std::fs::rename(dir.join("inc-payments"), dir.join("moved")).unwrap();
    check(
        &[&d, "-c", "inc-payments"],
        "no folder for #inc-payments",
        "unzipped",
    );
    std::fs::rename(dir.join("moved"), dir.join("inc-payments")).unwrap();

    let day = dir.join("inc-payments/2026-11-26.json");
    let good = std::fs::read_to_string(&day).unwrap();
    std::fs::write(
        &day,
        good.replacen("\"type\": \"message\",", "\"type\": \"message\"", 1),
    )
    .unwrap();
    check(
        &[&d, "-c", "inc-payments"],
        "2026-11-26.json is not valid JSON at line 5, column",
        "",
    );
    std::fs::write(&day, good).unwrap();

    let users = dir.join("users.json");
    let good = std::fs::read_to_string(&users).unwrap();
    std::fs::write(&users, "[{\"id\": 12}]").unwrap();
    check(
        &[&d, "-c", "inc-payments"],
        "users.json has unexpected content at line 1, column",
        "",
    );
    std::fs::remove_file(&users).unwrap();
    check(
        &[&d, "-c", "inc-payments"],
        "there is no users.json in",
        "unzipped Slack export",
    );
    std::fs::write(&users, good).unwrap();

    let channels = dir.join("channels.json");
    std::fs::write(&channels, "[\n  {\"id\": \"C1\",\n").unwrap();
    check(
        &[&d, "-c", "inc-payments"],
        "channels.json is not valid JSON at line 3, column",
        "",
    );
    std::fs::remove_file(&channels).unwrap();
    check(
        &[&d, "-c", "inc-payments"],
        "there is no channels.json in",
        "",
    );

    // Nothing was imported by any of them.
    assert!(notes(&env).is_empty());
}

#[test]
fn without_an_incident_nothing_is_created() {
    let env = Env::new();
    let f = env.fails(&["import-slack", &export(), "-c", "inc-payments"]);
    assert!(f.stderr.contains("no incident"), "{}", f.stderr);
    assert!(!env.db.exists());
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
}

#[test]
fn a_resolved_incident_takes_its_notes_for_the_review() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    env.ok(&["resolve"]);
    let out = env.ok(&["import-slack", &export(), "-c", "inc-payments"]);
    assert_eq!(out, SUMMARY);
    assert_eq!(notes(&env).len(), 7);
}

#[test]
fn an_import_into_another_incident_leaves_the_first_one_alone() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    env.ok(&["import-slack", &export(), "-c", "general"]);
    env.ok(&["open", "Another one", "--sev", "3"]);
    let out = env.ok(&["import-slack", &export(), "-c", "general", "-i", "2"]);
    assert_eq!(
        out,
        "already imported into #1, left there: 2026-11-24 10:00 CET alice: not about the incident\n\
         imported 0 timeline notes from #general into #2 (0 already there, 1 skipped: 1 in another incident)\n"
    );
}

/// A folder beside the export, outside it, holding a day file with a note
/// that must never be imported nor shown.
fn outside(env: &Env) -> PathBuf {
    let dir = env.dir().join("elsewhere");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("2026-11-26.json"),
        r#"[{"type": "message", "user": "U01ALICE", "text": "TL: secret from outside", "ts": "1795650123.000000"}]"#,
    )
    .unwrap();
    dir
}

/// `inc import-slack DIR -c CHANNEL` fails, naming what, and imports and
/// shows nothing from outside the export.
fn refused(env: &Env, dir: &Path, channel: &str, message: &str) {
    let f = env.fails_within(
        std::time::Duration::from_secs(20),
        &["import-slack", dir.to_str().unwrap(), "-c", channel],
    );
    assert_eq!(f.code, 1, "{}", f.stderr);
    assert!(f.stderr.contains(message), "{}", f.stderr);
    assert!(!f.stderr.contains("secret"), "{}", f.stderr);
    assert!(notes(env).is_empty());
}

#[test]
fn a_symlinked_channel_folder_is_not_read() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let dir = copy(&env);
    let elsewhere = outside(&env);
    std::fs::remove_dir_all(dir.join("inc-payments")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.join("inc-payments")).unwrap();
    refused(
        &env,
        &dir,
        "inc-payments",
        "inc-payments is a symbolic link",
    );
}

#[test]
fn a_symlinked_day_file_is_not_read() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let dir = copy(&env);
    let elsewhere = outside(&env);
    let day = dir.join("inc-payments/2026-11-26.json");
    std::fs::remove_file(&day).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("2026-11-26.json"), &day).unwrap();
    refused(
        &env,
        &dir,
        "inc-payments",
        "2026-11-26.json is a symbolic link",
    );
}

#[test]
fn symlinked_lists_are_not_read() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let dir = copy(&env);
    let elsewhere = outside(&env);
    for list in ["users.json", "channels.json"] {
        let moved = elsewhere.join(list);
        std::fs::rename(dir.join(list), &moved).unwrap();
        std::os::unix::fs::symlink(&moved, dir.join(list)).unwrap();
        refused(
            &env,
            &dir,
            "inc-payments",
            &format!("{list} is a symbolic link"),
        );
        std::fs::remove_file(dir.join(list)).unwrap();
        std::fs::rename(&moved, dir.join(list)).unwrap();
    }
    // The export folder itself may be a link: the user chose it.
    let link = env.dir().join("export-link");
    std::os::unix::fs::symlink(&dir, &link).unwrap();
    env.ok(&["import-slack", link.to_str().unwrap(), "-c", "inc-payments"]);
    assert_eq!(notes(&env).len(), 7);
}

#[test]
fn a_day_file_linked_to_a_device_is_not_read() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let dir = copy(&env);
    let day = dir.join("inc-payments/2026-11-26.json");
    std::fs::remove_file(&day).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &day).unwrap();
    refused(
        &env,
        &dir,
        "inc-payments",
        "2026-11-26.json is a symbolic link",
    );
}

#[test]
fn a_named_pipe_for_a_day_file_does_not_hang() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let dir = copy(&env);
    let day = dir.join("inc-payments/2026-11-26.json");
    std::fs::remove_file(&day).unwrap();
    if !crate::env::mkfifo(&day, "a named pipe for a day file") {
        return;
    }
    refused(
        &env,
        &dir,
        "inc-payments",
        "2026-11-26.json is a named pipe",
    );
}

#[test]
fn a_file_that_is_not_slack_json_is_not_shown() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let dir = copy(&env);
    std::fs::write(dir.join("users.json"), r#""the secret is hunter2""#).unwrap();
    refused(
        &env,
        &dir,
        "inc-payments",
        "users.json has unexpected content at line 1, column",
    );
    let f = env.fails(&["import-slack", dir.to_str().unwrap(), "-c", "x"]);
    assert!(!f.stderr.contains("hunter2"), "{}", f.stderr);
}

#[test]
fn a_day_file_larger_than_the_limit_is_not_read() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let dir = copy(&env);
    let day = std::fs::File::create(dir.join("inc-payments/2026-11-27.json")).unwrap();
    // Sparse: it takes no room on the disk.
    day.set_len(64 * 1024 * 1024 + 1).unwrap();
    refused(
        &env,
        &dir,
        "inc-payments",
        "2026-11-27.json is larger than 64 MiB",
    );
}

#[test]
fn a_message_longer_than_a_note_may_be_is_not_imported() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let dir = copy(&env);
    let long = format!(
        r#"[{{"type": "message", "user": "U01ALICE", "text": "TL: {}", "ts": "1795650123.000000"}}]"#,
        "x".repeat(16 * 1024 * 1024 + 1)
    );
    std::fs::write(dir.join("inc-payments/2026-11-27.json"), long).unwrap();
    let out = env.ok(&["import-slack", dir.to_str().unwrap(), "-c", "inc-payments"]);
    // Not the 16 MiB of the message, should it be shown.
    let tail: String = out
        .chars()
        .skip(out.chars().count().saturating_sub(300))
        .collect();
    assert!(out.len() < 1000, "{tail}");
    assert_eq!(
        out,
        "imported 7 timeline notes from #inc-payments into #1 (0 already there, 10 skipped: 3 other messages, 2 joins and leaves, 1 channel change, 1 bot message, 2 deleted messages, 1 message longer than 16 MiB)\n"
    );
    assert_eq!(notes(&env), owned(expected()));
}

#[test]
fn a_message_dated_in_the_future_or_before_1970_is_not_imported() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let dir = copy(&env);
    // 2286 and 1969: no note may be dated so.
    std::fs::write(
        dir.join("inc-payments/2026-11-27.json"),
        r#"[{"type": "message", "user": "U01ALICE", "text": "TL: from 2286", "ts": "9999999999.000000"},
            {"type": "message", "user": "U01ALICE", "text": "TL: from 1969", "ts": "-1.5"}]"#,
    )
    .unwrap();
    let out = env.ok(&["import-slack", dir.to_str().unwrap(), "-c", "inc-payments"]);
    assert!(
        out.contains("1 message dated before 1970 or in the future")
            && out.contains("1 message without a time"),
        "{out}"
    );
    assert_eq!(notes(&env), owned(expected()));
}

/// The export with a private channel (`groups.json`) and a group
/// conversation (`mpims.json`), each with a timeline note.
fn with_private_channels(env: &Env) -> PathBuf {
    let dir = copy(env);
    for (list, id, name, ts) in [
        (
            "groups.json",
            "G01SEC",
            "inc-payments-sec",
            "1795650123.000000",
        ),
        (
            "mpims.json",
            "G02MP",
            "mpdm-alice--bob-1",
            "1795650183.000000",
        ),
    ] {
        std::fs::write(
            dir.join(list),
            format!(r#"[{{"id": "{id}", "name": "{name}", "members": ["U01ALICE"]}}]"#),
        )
        .unwrap();
        std::fs::create_dir(dir.join(name)).unwrap();
        std::fs::write(
            dir.join(name).join("2026-11-26.json"),
            format!(
                r#"[{{"type": "message", "user": "U01ALICE", "text": "TL: said in {name}", "ts": "{ts}"}}]"#
            ),
        )
        .unwrap();
    }
    dir
}

#[test]
fn notes_from_a_private_channel_or_group_conversation_are_private() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let dir = with_private_channels(&env);
    let d = dir.to_str().unwrap();
    for channel in ["inc-payments", "inc-payments-sec", "mpdm-alice--bob-1"] {
        env.ok(&["import-slack", d, "-c", channel]);
    }
    let private: Vec<(String, bool)> = env
        .json(&["timeline"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "note")
        .map(|e| {
            (
                e["text"].as_str().unwrap().to_string(),
                e["private"].as_bool().unwrap(),
            )
        })
        .filter(|(_, private)| *private)
        .collect();
    assert_eq!(
        private,
        [
            ("said in inc-payments-sec".to_string(), true),
            ("said in mpdm-alice--bob-1".to_string(), true),
        ]
    );
    let review = env.ok(&["review", "--public"]);
    assert!(!review.contains("said in"), "{review}");

    // Importing again adds nothing and changes nothing.
    let before = env.snapshot();
    for channel in ["inc-payments", "inc-payments-sec", "mpdm-alice--bob-1"] {
        env.ok(&["import-slack", d, "-c", channel]);
    }
    assert_eq!(before, env.snapshot());
}

#[test]
fn a_note_imported_as_public_from_a_private_channel_is_left_so_and_named() {
    let env = Env::new();
    env.ok(&["open", "Payments 5xx", "--sev", "2"]);
    let dir = with_private_channels(&env);
    let d = dir.to_str().unwrap();
    // Listed first as a public channel (as an import before notes from
    // private channels were private would have taken it).
    std::fs::rename(dir.join("channels.json"), dir.join("public.json")).unwrap();
    std::fs::copy(dir.join("groups.json"), dir.join("channels.json")).unwrap();
    std::fs::remove_file(dir.join("groups.json")).unwrap();
    env.ok(&["import-slack", d, "-c", "inc-payments-sec"]);
    std::fs::rename(dir.join("channels.json"), dir.join("groups.json")).unwrap();
    std::fs::rename(dir.join("public.json"), dir.join("channels.json")).unwrap();

    let before = env.snapshot();
    let out = env.ok(&["import-slack", d, "-c", "inc-payments-sec"]);
    assert_eq!(before, env.snapshot());
    let timeline = env.json(&["timeline"]);
    let note = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "note")
        .unwrap();
    assert_eq!(note["private"], false);
    let uuid = note["uuid"].as_str().unwrap();
    let reference = &uuid[uuid.len() - 4..];
    assert_eq!(
        out,
        format!(
            "from a private channel, but public since its first import, left so: 2026-11-26 00:42 CET alice: said in inc-payments-sec\n  \
             make it private with `inc entry edit {reference} -i 1 --private`\n\
             imported 0 timeline notes from #inc-payments-sec into #1 (1 already there)\n"
        )
    );
    env.ok(&["entry", "edit", reference, "-i", "1", "--private"]);
    let out = env.ok(&["import-slack", d, "-c", "inc-payments-sec"]);
    assert_eq!(
        out,
        "imported 0 timeline notes from #inc-payments-sec into #1 (1 already there)\n"
    );
}

/// The export with a channel where command is handed over twice, action
/// items are written, and a status page integration and a person post
/// updates, as Slack exports them.
fn with_handoffs_and_actions(env: &Env) -> PathBuf {
    let dir = copy(env);
    let channels = std::fs::read_to_string(dir.join("channels.json")).unwrap();
    let channels = channels.replacen(
        '[',
        r#"[{"id": "C03CHK", "name": "inc-checkout", "members": ["U01ALICE", "U02BOB"]},"#,
        1,
    );
    std::fs::write(dir.join("channels.json"), channels).unwrap();
    std::fs::create_dir(dir.join("inc-checkout")).unwrap();
    std::fs::write(
        dir.join("inc-checkout/2026-11-26.json"),
        r#"[
  {"type": "message", "user": "U02BOB", "text": "handing IC to <@U02BOB>", "ts": "1795693920.000100"},
  {"type": "message", "user": "U01ALICE", "text": "TL: checkout errors rising", "ts": "1795694400.000100"},
  {"type": "message", "user": "U01ALICE", "text": "handing IC to <@U02BOB>, I'm off shift", "ts": "1795694700.000100"},
  {"type": "message", "user": "U02BOB", "text": "AI: add a canary stage <@U01ALICE>", "ts": "1795695000.000100"},
  {"type": "message", "user": "U02BOB", "text": "action: alert on pool exhaustion", "ts": "1795695300.000100"},
  {"type": "message", "subtype": "bot_message", "bot_id": "B09SP", "username": "Statuspage", "text": "Investigating - checkout errors", "ts": "1795695600.000100"},
  {"type": "message", "user": "U02BOB", "text": "Status page: \"Resolved\"", "ts": "1795695900.000100"},
  {"type": "message", "user": "U02BOB", "text": "<@U01ALICE> is IC now", "ts": "1795696200.000100"},
  {"type": "message", "user": "U02BOB", "text": "<@U01ALICE> is IC now", "ts": "1795696380.000100"},
  {"type": "message", "user": "U02BOB", "text": "who is IC?", "ts": "1795696500.000100"}
]"#,
    )
    .unwrap();
    dir
}

#[test]
fn handoffs_action_items_and_status_updates_are_recognised() {
    let env = Env::new();
    env.ok(&[
        "open",
        "Checkout errors",
        "--started",
        "2026-11-26T11:50:00Z",
        "--declared",
        "2026-11-26T11:55:00Z",
    ]);
    let dir = with_handoffs_and_actions(&env);
    let d = dir.to_str().unwrap();
    let before = env.snapshot();
    let dry = env.ok(&["import-slack", d, "-c", "inc-checkout", "--dry-run"]);
    assert_eq!(env.snapshot(), before, "a dry run writes nothing");
    for line in [
        "2026-11-26 13:05 CET  alice: handoff to Bob Builder: handing IC to @Bob Builder, I'm off shift",
        "2026-11-26 13:10 CET  Bob Builder: action item (owner: alice): add a canary stage",
        "2026-11-26 13:15 CET  Bob Builder: action item (owner: Bob Builder): alert on pool exhaustion",
        "2026-11-26 13:20 CET  Statuspage: external update: Investigating - checkout errors",
        "2026-11-26 13:25 CET  Bob Builder: external update: Resolved",
        // What `inc handoff` would refuse is kept as a note, and said.
        "kept as a note, not a handoff (it was said before the incident was declared): 2026-11-26 12:52 CET Bob Builder: handing IC to @Bob Builder",
        "kept as a note, not a handoff (alice was already in command): 2026-11-26 13:33 CET Bob Builder: @alice is IC now",
        "would import 3 timeline notes, 2 handoffs, 2 action items and 2 status updates from #inc-checkout into #1 (0 already there, 1 skipped: 1 other message)",
    ] {
        assert!(dry.contains(line), "missing {line:?} in\n{dry}");
    }
    let out = env.ok(&["import-slack", d, "-c", "inc-checkout"]);
    assert!(
        out.contains("imported 3 timeline notes, 2 handoffs, 2 action items and 2 status updates"),
        "{out}"
    );
    // Command went to Bob and back, on the record as handoffs.
    let commanders: Vec<(String, String)> = env.json(&["review"])["commanders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["assigned_at"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        commanders,
        [
            ("alice".to_string(), "2026-11-26T11:55:00Z".to_string()),
            (
                "Bob Builder".to_string(),
                "2026-11-26T12:05:00Z".to_string()
            ),
            ("alice".to_string(), "2026-11-26T12:30:00Z".to_string()),
        ]
    );
    let actions = env.json(&["actions"]);
    let actions: Vec<(&str, &str)> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["text"].as_str().unwrap(), a["owner"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions,
        [
            ("add a canary stage", "alice"),
            ("alert on pool exhaustion", "Bob Builder")
        ]
    );
    let review = env.ok(&["review"]);
    assert!(
        review.contains("| 2026-11-26 13:20 CET | external | Investigating - checkout errors |"),
        "{review}"
    );
    // Importing again adds nothing.
    let again = env.ok(&["import-slack", d, "-c", "inc-checkout"]);
    assert!(
        again.starts_with("imported 0 timeline notes from #inc-checkout into #1 (9 already there"),
        "{again}"
    );
    assert_eq!(env.json(&["actions"]).as_array().unwrap().len(), 2);
}

#[test]
fn a_private_channel_hands_over_command_without_its_words() {
    let env = Env::new();
    env.ok(&["open", "Leak", "--declared", "2026-11-26T11:55:00Z"]);
    let dir = copy(&env);
    std::fs::write(
        dir.join("groups.json"),
        r#"[{"id": "G09SEC", "name": "inc-sec", "members": ["U01ALICE", "U02BOB"]}]"#,
    )
    .unwrap();
    std::fs::create_dir(dir.join("inc-sec")).unwrap();
    std::fs::write(
        dir.join("inc-sec/2026-11-26.json"),
        r#"[
  {"type": "message", "user": "U01ALICE", "text": "handing IC to <@U02BOB>: the Initech key is revoked", "ts": "1795694700.000100"},
  {"type": "message", "user": "U02BOB", "text": "AI: tell Initech's lawyers", "ts": "1795695000.000100"}
]"#,
    )
    .unwrap();
    let out = env.ok(&["import-slack", dir.to_str().unwrap(), "-c", "inc-sec"]);
    assert!(
        out.starts_with("imported 1 timeline note and 1 handoff"),
        "{out}"
    );
    assert_eq!(env.json(&["show"])["commander"], "Bob Builder");
    assert!(env.json(&["actions"]).as_array().unwrap().is_empty());
    let public = env.ok(&["review", "--public"]);
    assert!(!public.contains("Initech"), "{public}");
}
