//! What a person at a terminal sees: prompts (driven through a real
//! pseudo-terminal with rexpect), colour, and the editor. Each prompt is
//! answered once it appears, so nothing here depends on timing.

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use crate::env::Env;

const DOWN: &str = "\x1b[B";

/// `inc ARGS` on a pseudo-terminal, with the test environment.
pub fn pty(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> PtySession {
    let mut cmd = env.std_cmd();
    cmd.args(args).env("TERM", "xterm").env("COLUMNS", "120");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    spawn_command(cmd, Some(20_000)).expect("spawn inc on a pty")
}

/// Sends keys as typed.
pub fn send(p: &mut PtySession, keys: &str) {
    p.send(keys).expect("send keys");
    p.flush().expect("flush keys");
}

/// Waits for the end and returns the exit code.
pub fn finish(mut p: PtySession) -> (i32, String) {
    let rest = p.exp_eof().expect("inc ends");
    match p.process().wait().expect("wait") {
        WaitStatus::Exited(_, code) => (code, rest),
        other => panic!("inc ended with {other:?}: {rest}"),
    }
}

#[test]
fn open_asks_for_title_severity_and_security() {
    let env = Env::new();
    let mut p = pty(&env, &["open"], &[]);
    p.exp_string("What is wrong").unwrap();
    p.send_line("Checkout returns 502s").unwrap();
    // Every severity is offered with its description; SEV2 is the default.
    p.exp_string("SEV4  low").unwrap();
    send(&mut p, DOWN);
    send(&mut p, "\r");
    p.exp_string("security incident").unwrap();
    send(&mut p, "y");
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("#1 SEV3 Checkout returns 502s"), "{out}");
    // The database it read before asking did not exist; it does now.
    assert!(!out.contains("does not exist"), "{out}");
    let shown = env.json(&["show"]);
    assert_eq!(shown["severity"], "SEV3");
    assert_eq!(shown["security"], true);
}

#[test]
fn open_asks_only_for_what_flags_left_out() {
    let env = Env::new();
    let mut p = pty(&env, &["open", "--sev", "critical", "--security"], &[]);
    p.exp_string("What is wrong").unwrap();
    p.send_line("Data exposed").unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("Severity"), "{out}");
    assert!(out.contains("#1 SEV1 Data exposed"), "{out}");
}

#[test]
fn ctrl_c_at_a_prompt_cancels_and_writes_nothing() {
    let env = Env::new();
    let mut p = pty(&env, &["open"], &[]);
    p.exp_string("What is wrong").unwrap();
    p.send_line("Queue stuck").unwrap();
    p.exp_string("SEV4  low").unwrap();
    p.send_control('c').unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 130, "{out}");
    assert!(out.contains("inc: interrupted"), "{out}");
    assert!(
        out.contains("\x1b[?25h"),
        "the cursor is shown again: {out:?}"
    );
    assert!(!env.db.exists(), "nothing was created");

    // Ctrl-C straight after an answer, before the next question reads.
    let mut p = pty(&env, &["open"], &[]);
    p.exp_string("What is wrong").unwrap();
    send(&mut p, "Queue stuck\r\x03");
    let (code, out) = finish(p);
    assert_eq!(code, 130, "{out}");
    assert!(!env.db.exists(), "nothing was created");

    // Escape at a choice cancels cleanly.
    let mut p = pty(&env, &["open"], &[]);
    p.exp_string("What is wrong").unwrap();
    p.send_line("Queue stuck").unwrap();
    p.exp_string("SEV1").unwrap();
    send(&mut p, "\x1b");
    let (code, out) = finish(p);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("cancelled; nothing was written"), "{out}");
    assert!(!env.db.exists(), "nothing was created");
}

#[test]
fn no_input_never_waits_even_in_a_terminal() {
    let env = Env::new();
    let p = pty(&env, &["open", "--no-input"], &[]);
    let (code, out) = finish(p);
    assert_eq!(code, 1);
    assert!(out.contains("--no-input (or INC_NO_INPUT) is set"), "{out}");
    let p = pty(&env, &["open"], &[("INC_NO_INPUT", "1")]);
    let (code, out) = finish(p);
    assert_eq!(code, 1);
    assert!(out.contains("--no-input (or INC_NO_INPUT) is set"), "{out}");
}

#[test]
fn handoff_offers_the_responders() {
    let env = Env::new();
    env.ok(&["open", "Queue outage"]);
    env.ok(&["tl", "looking at the consumers", "--as", "bob"]);
    env.ok(&["role", "scribe", "carol"]);
    let mut p = pty(&env, &["handoff", "--note", "consumers restarted"], &[]);
    p.exp_string("Who takes command").unwrap();
    p.exp_string("someone else").unwrap();
    // alice commands: bob and carol are offered, in the order they joined.
    send(&mut p, DOWN);
    send(&mut p, "\r");
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert_eq!(env.json(&["show"])["commander"], "carol");

    let mut p = pty(&env, &["handoff"], &[]);
    p.exp_string("someone else").unwrap();
    send(&mut p, &DOWN.repeat(2));
    send(&mut p, "\r");
    p.exp_string("Their name").unwrap();
    p.send_line("dave").unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert_eq!(env.json(&["show"])["commander"], "dave");
}

#[test]
fn describe_asks_in_a_terminal() {
    let env = Env::new();
    env.ok(&["open", "Queue outage", "--started", "-1h"]);
    let mut p = pty(&env, &["describe"], &[]);
    p.exp_string("What was seen").unwrap();
    p.send_line("Checkout failed for 20 minutes").unwrap();
    p.exp_string("Who was affected, and how").unwrap();
    p.send_line("EU customers could not pay").unwrap();
    p.exp_string("both").unwrap();
    send(&mut p, "\r");
    p.exp_string("How was it found").unwrap();
    p.send_line("the synthetic check").unwrap();
    p.exp_string("What set it off").unwrap();
    p.send_line("a config change").unwrap();
    // An empty answer leaves a part unwritten.
    p.exp_string("What ended the impact").unwrap();
    p.send_line("").unwrap();
    p.exp_string("What is the lasting fix").unwrap();
    p.send_line("").unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    let json = env.json(&["review"]);
    let d = &json["description"];
    assert_eq!(d["summary"], "Checkout failed for 20 minutes");
    assert_eq!(d["impact"], "EU customers could not pay");
    assert_eq!(
        d["scope"], "external",
        "Enter takes the default: external users"
    );
    assert_eq!(d["detection"], "the synthetic check");
    assert_eq!(d["trigger"], "a config change");
    assert_eq!(d["resolution"], serde_json::Value::Null);
}

#[test]
fn review_interactive_walks_through_what_is_missing() {
    let env = Env::new();
    env.ok(&[
        "open",
        "Queue outage",
        "--started",
        "-1h",
        "--declared",
        "-30m",
    ]);
    env.ok(&["mitigated", "--at", "-10m"]);
    env.ok(&["resolve"]);
    env.ok(&[
        "describe",
        "--summary",
        "Orders queued for an hour",
        "--impact",
        "late emails",
        "--scope",
        "external",
    ]);
    let mut p = pty(&env, &["review", "--interactive"], &[]);
    // Only the missing part of the description is asked for.
    p.exp_string("How was it found").unwrap();
    p.send_line("a customer ticket").unwrap();
    p.exp_string("What set it off").unwrap();
    p.send_line("").unwrap();
    p.exp_string("What ended the impact").unwrap();
    p.send_line("").unwrap();
    p.exp_string("What is the lasting fix").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Contributing factor").unwrap();
    p.send_line("consumer pool too small").unwrap();
    p.exp_string("non-technical").unwrap();
    send(&mut p, "\r");
    p.exp_string("Contributing factor").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Action item").unwrap();
    p.send_line("autoscale the consumers").unwrap();
    p.exp_string("Owner").unwrap();
    p.send_line("bob").unwrap();
    p.exp_string("Priority").unwrap();
    send(&mut p, "\r");
    p.exp_string("Type").unwrap();
    send(&mut p, DOWN);
    send(&mut p, "\r");
    p.exp_string("Due").unwrap();
    p.send_line("next week").unwrap();
    p.exp_string("is not a due date").unwrap();
    p.exp_string("Due").unwrap();
    p.send_line("2026-12-10").unwrap();
    p.exp_string("Action item").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Lesson").unwrap();
    p.send_line("the runbook was right").unwrap();
    p.exp_string("lucky").unwrap();
    send(&mut p, "\r");
    p.exp_string("Lesson").unwrap();
    p.send_line("").unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("is ready"), "{out}");
    let review = env.json(&["review"]);
    assert_eq!(review["description"]["detection"], "a customer ticket");
    assert_eq!(review["factors"][0]["kind"], "technical");
    let action = &review["actions"][0];
    assert_eq!(
        (
            &action["owner"],
            &action["priority"],
            &action["type"],
            &action["due"]
        ),
        (
            &"bob".into(),
            &"P2".into(),
            &"prevent".into(),
            &"2026-12-10".into()
        )
    );
    assert_eq!(review["lessons"][0]["kind"], "went-well");
}

#[test]
fn tl_edit_opens_the_editor_and_keeps_what_is_above_the_cut() {
    let env = Env::new();
    env.ok(&["open", "Queue outage"]);
    let editor = env.dir().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\n{ printf 'line one\\n| a pipe and `code`\\n'; cat \"$1\"; } > \"$1.new\" && mv \"$1.new\" \"$1\"\n",
    )
    .unwrap();
    make_executable(&editor);
    let p = pty(
        &env,
        &["tl", "--edit", "started"],
        &[("EDITOR", editor.to_str().unwrap())],
    );
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    let notes = env.field("text", &["timeline"]);
    assert_eq!(
        notes.last().unwrap(),
        "line one\n| a pipe and `code`\nstarted"
    );

    // An empty note records nothing; a failing editor neither.
    for script in ["#!/bin/sh\n: > \"$1\"\n", "#!/bin/sh\nexit 3\n"] {
        std::fs::write(&editor, script).unwrap();
        let before = env.snapshot();
        let p = pty(
            &env,
            &["tl", "--edit"],
            &[("VISUAL", editor.to_str().unwrap())],
        );
        let (code, out) = finish(p);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("nothing was"), "{out}");
        assert_eq!(before, env.snapshot());
    }
    // Without a terminal, --edit is refused before anything runs.
    let f = env.fails(&["tl", "--edit"]);
    assert!(f.stderr.contains("stdin is not a terminal"), "{}", f.stderr);
}

#[test]
fn colour_in_a_terminal_unless_no_color_or_never() {
    let env = Env::new();
    env.ok(&["open", "API down", "--sev", "1"]);
    let env_without_no_color = |args: &[&str], vars: &[(&str, &str)]| {
        let mut cmd = env.std_cmd();
        cmd.env_remove("NO_COLOR")
            .args(args)
            .env("TERM", "xterm")
            .env("COLUMNS", "120");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        finish(spawn_command(cmd, Some(20_000)).unwrap())
    };
    let (_, out) = env_without_no_color(&["list"], &[]);
    assert!(out.contains("\x1b["), "colour in a terminal: {out:?}");
    let (_, out) = env_without_no_color(&["show"], &[("NO_COLOR", "1")]);
    assert!(!out.contains("\x1b["), "NO_COLOR: {out:?}");
    let (_, out) = env_without_no_color(&["show", "--color", "never"], &[]);
    assert!(!out.contains("\x1b["), "--color never: {out:?}");
    let (_, out) = env_without_no_color(&["show"], &[("TERM", "dumb")]);
    assert!(!out.contains("\x1b["), "TERM=dumb: {out:?}");

    // Not a terminal: plain, unless forced.
    let plain = env
        .cmd()
        .env_remove("NO_COLOR")
        .arg("list")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\x1b'));
    let forced = env.ok(&["show", "--color", "always"]);
    assert!(forced.contains("\x1b[1;31mSEV1\x1b[0m"), "{forced:?}");
    assert!(
        forced.contains("\x1b[31minvestigating\x1b[0m"),
        "{forced:?}"
    );
    // Colour never changes what JSON says.
    let json = env.ok(&["list", "--json", "--color", "always"]);
    assert!(!json.contains('\x1b'));
}

fn make_executable(path: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn flags_are_checked_before_any_question_or_editor() {
    let env = Env::new();
    // No question is asked when a flag is wrong.
    let p = pty(&env, &["open", "--started", "garbage"], &[]);
    let (code, out) = finish(p);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("What is wrong"), "{out}");
    assert!(out.contains("`garbage` is not a time"), "{out}");

    // Nor is the editor opened for a note that could not be recorded.
    env.ok(&["open", "Queue outage"]);
    // A handoff before the impact started (and so before alice took
    // command) is refused before the question.
    let (code, out) = finish(pty(&env, &["handoff", "--at", "-2h"], &[]));
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("Who takes command"), "{out}");
    assert!(
        out.contains("would come before the impact started"),
        "{out}"
    );
    let marker = env.dir().join("editor-ran");
    let editor = env.dir().join("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\ntouch '{}'\necho written > \"$1\"\n",
            marker.display()
        ),
    )
    .unwrap();
    make_executable(&editor);
    let ed = editor.to_str().unwrap();
    for args in [
        &["tl", "--edit", "--at", "garbage"][..],
        &["tl", "--edit", "-i", "7"],
        &["tl", "--edit", "--at", "+5m"],
    ] {
        let before = env.snapshot();
        let (code, out) = finish(pty(&env, args, &[("EDITOR", ed)]));
        assert_eq!(code, 1, "{args:?}: {out}");
        assert!(!marker.exists(), "{args:?}: the editor ran");
        assert_eq!(before, env.snapshot());
    }
}

#[test]
fn a_note_written_in_the_editor_is_kept_when_it_cannot_be_recorded() {
    let env = Env::new();
    env.ok(&["open", "Queue outage"]);
    let editor = env.dir().join("editor.sh");
    let ready = env.dir().join("ready");
    let go = env.dir().join("go");
    // The editor waits while another writer takes the database.
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\necho 'a long careful note' > \"$1\"\ntouch '{}'\nwhile [ ! -e '{}' ]; do sleep 0.02; done\n",
            ready.display(),
            go.display()
        ),
    )
    .unwrap();
    make_executable(&editor);
    let config = env.dir().join("config/inc/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "busy_timeout_ms = 50\n").unwrap();
    let p = pty(
        &env,
        &["tl", "--edit"],
        &[("EDITOR", editor.to_str().unwrap())],
    );
    while !ready.exists() {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    std::fs::write(&go, "").unwrap();
    let (code, out) = finish(p);
    conn.execute_batch("ROLLBACK").unwrap();
    assert_eq!(code, 75, "{out}");
    let kept = out
        .split("it is kept in ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("where the note is kept: {out}"));
    assert_eq!(
        std::fs::read_to_string(kept).unwrap(),
        "a long careful note"
    );
    assert!(
        out.contains(&format!("inc tl -i 1 --at 2026-11-26T14:00:00Z - < {kept}")),
        "the hint adds it back at its time: {out}"
    );
    std::fs::remove_file(kept).unwrap();
}
