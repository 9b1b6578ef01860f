//! `inc run`: the command runs with its input and output passed through,
//! inc exits as it did, and the timeline notes it; nothing runs when its
//! outcome could not be noted.

use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;

use crate::env::{Env, NOW};

/// An env with one open incident, #1.
fn incident() -> Env {
    let env = Env::new();
    env.ok(&["open", "Queue stuck", "--sev", "2"]);
    env
}

/// Runs `inc ARGS` in the env's directory, whatever its exit code.
fn inc(env: &Env, args: &[&str]) -> Output {
    env.cmd()
        .current_dir(env.dir())
        .args(args)
        .output()
        .expect("run inc")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

/// The incident's latest timeline entry, as JSON.
fn latest(env: &Env) -> Value {
    env.json(&["timeline", "1"])
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone()
}

fn kinds(env: &Env) -> Vec<String> {
    env.field("kind", &["timeline", "1"])
}

/// Waits for the command to have created `file`: a long upper bound, only
/// for a machine that is very slow.
fn wait_for(file: &Path, inc: &mut Child) {
    let start = Instant::now();
    while !file.exists() {
        if let Some(status) = inc.try_wait().unwrap() {
            panic!("inc ended before the command was ready: {status:?}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the command never started"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn the_exit_code_is_passed_on_and_noted() {
    let env = incident();
    for (script, code) in [("exit 0", 0), ("exit 3", 3), ("exit 255", 255)] {
        let out = inc(&env, &["run", "--", "sh", "-c", script]);
        assert_eq!(out.status.code(), Some(code), "{script}");
        let entry = latest(&env);
        assert_eq!(entry["kind"], "command");
        assert_eq!(entry["text"], format!("sh -c '{script}'"));
        assert_eq!(entry["run"]["exit_code"], code);
        assert_eq!(entry["run"]["signal"], Value::Null);
        assert!(entry["run"]["duration_ms"].is_u64(), "{entry}");
        assert_eq!(entry["run"]["output"], Value::Null);
        assert_eq!(entry["run"]["output_lines"], Value::Null);
        assert_eq!(entry["event_at"], NOW, "it started at the clock's now");
        assert_eq!(entry["author"], "alice");
        assert_eq!(entry["from"], Value::Null);
        assert_eq!(entry["to"], Value::Null);
        assert!(
            text(&out.stderr).starts_with(&format!(
                "inc: noted on #1 Queue stuck at 2026-11-26 15:00 CET: exit {code}, "
            )),
            "{}",
            text(&out.stderr)
        );
    }
    assert_eq!(env.integrity(), "ok");
}

#[test]
fn a_command_ended_by_a_signal_exits_like_in_a_shell() {
    let env = incident();
    for (signal, number, name) in [("TERM", 15, "SIGTERM"), ("INT", 2, "SIGINT")] {
        let script = format!("kill -{signal} $$");
        let out = inc(&env, &["run", "sh", "-c", &script]);
        // inc was not interrupted itself: it exits 128 + the signal.
        assert_eq!(out.status.code(), Some(128 + number), "{signal}");
        let run = latest(&env)["run"].clone();
        assert_eq!(run["exit_code"], Value::Null);
        assert_eq!(run["signal"], number);
        assert_eq!(run["signal_name"], name);
        let timeline = env.ok(&["timeline"]);
        assert!(
            timeline.contains(&format!("ran `sh -c '{script}'` (killed by {name}, ")),
            "{timeline}"
        );
    }
}

#[test]
fn output_and_input_pass_through_with_or_without_capture() {
    let env = incident();
    let script = "read line; echo \"out: $line\"; echo err >&2";
    for capture in [&[][..], &["--capture", "5"]] {
        let mut args = vec!["run"];
        args.extend_from_slice(capture);
        args.extend_from_slice(&["--", "sh", "-c", script]);
        let out = env
            .cmd()
            .args(&args)
            .write_stdin("typed\n")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(text(&out.stdout), "out: typed\n", "{args:?}");
        let stderr = text(&out.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{stderr}");
        assert_eq!(lines[0], "err");
        assert!(lines[1].starts_with("inc: noted on #1"), "{stderr}");
    }
    let output = latest(&env)["run"]["output"].as_str().unwrap().to_string();
    let mut lines: Vec<&str> = output.lines().collect();
    lines.sort_unstable();
    assert_eq!(lines, ["err", "out: typed"], "both streams are captured");
}

#[test]
fn capture_keeps_the_last_lines_and_passes_all_through() {
    let env = incident();
    let out = inc(&env, &["run", "--capture", "3", "--", "seq", "1", "10"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        (1..=10).map(|i| format!("{i}\n")).collect::<String>()
    );
    let run = latest(&env)["run"].clone();
    assert_eq!(run["output"], "8\n9\n10");
    assert_eq!(run["output_lines"], 10);

    let timeline = env.ok(&["timeline"]);
    assert!(
        timeline.contains("┆ … 7 earlier lines\n") && timeline.contains("│ 8\n"),
        "{timeline}"
    );
    assert!(!timeline.contains("│ 7\n"), "{timeline}");
    // The status board is a glance: the command, not its output.
    let board = env.ok(&["show"]);
    assert!(board.contains("ran `seq 1 10` (exit 0, "), "{board}");
    assert!(!board.contains("│ 8"), "{board}");

    // Standard output and error together (in the order inc read them from
    // their two pipes, which is not always the order they were written).
    env.ok(&[
        "run",
        "--capture",
        "200",
        "sh",
        "-c",
        "echo one; echo two >&2; echo three",
    ]);
    let output = latest(&env)["run"]["output"].as_str().unwrap().to_string();
    let mut lines: Vec<&str> = output.lines().collect();
    let at = |line: &str| lines.iter().position(|l| *l == line);
    assert!(
        at("one") < at("three"),
        "one stream keeps its order: {output}"
    );
    lines.sort_unstable();
    assert_eq!(lines, ["one", "three", "two"]);
}

#[test]
fn command_lines_are_quoted_to_be_copied_and_run_again() {
    let env = incident();
    env.ok(&[
        "run",
        "--",
        "printf",
        "%s|%s\\n",
        "two words",
        "it's",
        "",
        "$HOME",
    ]);
    assert_eq!(
        latest(&env)["text"],
        r"printf '%s|%s\n' 'two words' 'it'\''s' '' '$HOME'"
    );
    // Everything from the command on is the command's, inc's flags too.
    let out = inc(
        &env,
        &[
            "run",
            "sh",
            "-c",
            "echo \"$@\"",
            "sh",
            "-i",
            "9",
            "--capture",
            "1",
        ],
    );
    assert_eq!(text(&out.stdout), "-i 9 --capture 1\n");
    assert_eq!(latest(&env)["run"]["output"], Value::Null);
}

#[test]
fn a_command_that_cannot_start_notes_nothing() {
    let env = incident();
    std::fs::write(env.dir().join("script"), "#!/bin/sh\necho hi\n").unwrap();
    let script = env.dir().join("script");
    let script = script.to_str().unwrap();
    for (args, code, says) in [
        (
            &["run", "--", "no-such-command-anywhere", "x"][..],
            127,
            "was not found",
        ),
        (
            &["run", "--capture", "3", "no-such-command-anywhere"],
            127,
            "was not found",
        ),
        (&["run", script], 126, "permission denied"),
    ] {
        let before = env.snapshot();
        let out = inc(&env, args);
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        assert!(out.stdout.is_empty());
        let stderr = text(&out.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{stderr}");
        assert!(lines[0].starts_with("inc: error: "), "{stderr}");
        assert!(lines[0].contains(says), "{stderr}");
        assert!(lines[0].contains("nothing was run or noted"), "{stderr}");
        assert!(lines[1].starts_with("hint: "), "{stderr}");
        assert_eq!(before, env.snapshot(), "{args:?} changed the database");
    }
    assert_eq!(kinds(&env), ["declared"]);
}

#[test]
fn nothing_runs_when_it_could_not_be_noted() {
    // No database at all: nothing to note it on, and none is created.
    let env = Env::new();
    let marker = env.dir().join("marker");
    let marker_arg = marker.to_str().unwrap();
    let f = env.fails(&["run", "--", "touch", marker_arg]);
    assert_eq!(f.code, 1);
    assert!(f.stderr.contains("no incident is open"), "{}", f.stderr);
    assert!(!marker.exists(), "the command ran");
    assert!(!env.db.exists(), "a database was created");

    // An incident that does not exist.
    env.ok(&["open", "Queue stuck"]);
    let f = env.fails(&["run", "-i", "9", "--", "touch", marker_arg]);
    assert!(f.stderr.contains("there is no incident #9"), "{}", f.stderr);
    assert!(!marker.exists(), "the command ran");

    // A database this inc cannot write.
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let f = env.fails(&["run", "--", "touch", marker_arg]);
    assert!(f.stderr.contains("newer than this inc"), "{}", f.stderr);
    assert!(!marker.exists(), "the command ran");
}

#[test]
fn a_missing_command_or_bad_capture_is_a_usage_error() {
    let env = incident();
    for args in [
        &["run"][..],
        &["run", "--"],
        &["run", "--capture", "3"],
        &["run", "--capture", "0", "true"],
        &["run", "--capture", "201", "true"],
        &["run", "--capture", "x", "true"],
    ] {
        let out = inc(&env, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    assert_eq!(kinds(&env), ["declared"]);
}

/// Output written to mess with a terminal or a markdown document.
const HOSTILE: &str = "printf '\\033[2J\\033]0;pwned\\007\\033[31mred\\033[0m ```\\n    | a | b |\\n<script>x</script> `tick`\\r\\033[Kredrawn\\n\\342\\200\\256evil\\n'";

#[test]
fn hostile_output_is_kept_clean_and_shown_safely() {
    let env = incident();
    let out = inc(&env, &["run", "--capture", "10", "--", "sh", "-c", HOSTILE]);
    assert_eq!(out.status.code(), Some(0));
    // Passed through as the command wrote it: it is the user's own output.
    assert!(out.stdout.starts_with(b"\x1b[2J"));

    let run = latest(&env)["run"].clone();
    assert_eq!(
        run["output"], "red ```\n    | a | b |\nredrawn\n\u{202e}evil",
        "escape sequences and control characters are not stored"
    );
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    for args in [
        &["timeline"][..],
        &["brief"],
        &["review"],
        &["show"],
        &["timeline", "--json"],
    ] {
        let shown = env.ok(args);
        assert!(
            !shown.chars().any(unsafe_char),
            "inc {args:?} printed a raw control character:\n{shown}"
        );
    }
}

/// The code spans and code blocks of a markdown document; panics on raw
/// HTML or a table row with the wrong number of cells.
fn code_in(markdown: &str) -> (Vec<String>, Vec<String>) {
    let (mut spans, mut blocks) = (Vec::new(), Vec::new());
    let (mut cells, mut header) = (0, 0);
    let mut block: Option<String> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => {
                assert_eq!(h.trim(), inc::report::review::LINT_COMMENT, "raw HTML");
            }
            Event::Code(c) => spans.push(c.into_string()),
            Event::Start(Tag::CodeBlock(_)) => block = Some(String::new()),
            Event::Text(t) if block.is_some() => block.as_mut().unwrap().push_str(&t),
            Event::End(TagEnd::CodeBlock) => blocks.push(block.take().unwrap()),
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead) => header = cells,
            Event::End(TagEnd::TableRow) => assert_eq!(cells, header, "cells in a row"),
            _ => {}
        }
    }
    (spans, blocks)
}

#[test]
fn the_review_and_briefing_show_commands_in_their_place() {
    let env = incident();
    let script = "echo '| x | `y` ``` *z*'; echo; echo '    # not a heading'; exit 1";
    let out = inc(&env, &["run", "--capture", "5", "sh", "-c", script]);
    assert_eq!(out.status.code(), Some(1));
    let line = format!("sh -c '{}'", script.replace('\'', r"'\''"));
    assert_eq!(latest(&env)["text"], line.as_str());

    let review = env.ok(&["review"]);
    let (spans, blocks) = code_in(&review);
    // In the timeline's table and above its output, exactly as run.
    assert_eq!(spans.iter().filter(|s| **s == line).count(), 2, "{review}");
    assert_eq!(
        blocks,
        ["| x | `y` ``` *z*\n\n    # not a heading\n"],
        "{review}"
    );
    assert!(review.contains("(exit 1, "), "{review}");
    assert!(review.contains("### Command output"), "{review}");

    let brief = env.ok(&["brief"]);
    let (spans, blocks) = code_in(&brief);
    assert_eq!(spans, [line.as_str()], "{brief}");
    assert!(blocks.is_empty(), "the briefing leaves the output out");
    assert!(brief.contains("alice: ran `"), "{brief}");
    assert_eq!(env.json(&["brief"])["latest_notes"][0]["kind"], "command");
}

#[test]
fn ctrl_c_ends_the_command_and_inc_still_notes_it() {
    let env = incident();
    let ready = env.dir().join("ready");
    // As a terminal does: Ctrl-C goes to the whole foreground process
    // group, inc and the command alike.
    let spawn = |script: &str| {
        let _ = std::fs::remove_file(&ready);
        env.std_cmd()
            .current_dir(env.dir())
            .args(["run", "--", "sh", "-c", script])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .expect("spawn inc")
    };
    let interrupt = |child: &Child| {
        let group = format!("-{}", child.id());
        let status = std::process::Command::new("sh")
            .args(["-c", "kill -s INT -- \"$1\"", "sh", &group])
            .status()
            .unwrap();
        assert!(status.success());
    };

    // A command that Ctrl-C kills: inc notes it, then ends by SIGINT too,
    // so that a shell script running it stops as well.
    let mut child = spawn("touch ready; exec sleep 60");
    wait_for(&ready, &mut child);
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.signal(), Some(2), "{out:?}");
    let run = latest(&env)["run"].clone();
    assert_eq!(run["signal_name"], "SIGINT");
    assert!(text(&out.stderr).contains("inc: noted on #1"));

    // A command that catches Ctrl-C and exits: inc passes its code on.
    let mut child =
        spawn("trap 'echo caught; exit 4' INT; touch ready; while :; do sleep 0.05; done");
    wait_for(&ready, &mut child);
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(4), "{out:?}");
    assert_eq!(text(&out.stdout), "caught\n");
    assert_eq!(latest(&env)["run"]["exit_code"], 4);
    assert_eq!(kinds(&env), ["declared", "command", "command"]);
}

#[test]
fn when_the_outcome_cannot_be_noted_inc_says_so_and_passes_the_code_on() {
    for (exit, expected) in [(5, 5), (0, 1)] {
        unnoted(exit, expected);
    }
}

/// A command exiting `exit` whose outcome cannot be noted: inc exits
/// `expected` (the command's failure, else 1: a success not noted is not
/// a success).
fn unnoted(exit: i32, expected: i32) {
    let env = incident();
    let config = env.dir().join("config/inc/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "busy_timeout_ms = 50\n").unwrap();
    let (ready, go) = (env.dir().join("ready"), env.dir().join("go"));
    let mut child = env
        .std_cmd()
        .current_dir(env.dir())
        .args([
            "run",
            "sh",
            "-c",
            &format!("touch ready; while [ ! -e go ]; do sleep 0.02; done; exit {exit}"),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(&ready, &mut child);
    // Another writer holds the database while the command ends.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    std::fs::write(&go, "").unwrap();
    let out = child.wait_with_output().unwrap();
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);

    assert_eq!(out.status.code(), Some(expected), "{out:?}");
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with(&format!("inc: error: the command ran (exit {exit}, "))
            && lines[0].contains("but could not be noted on #1")
            && lines[0].contains("locked by another process"),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with(
            "hint: it is not run again; to note it by hand: inc tl -i 1 --at 2026-11-26T14:00:00Z 'ran `sh -c '"
        ),
        "{stderr}"
    );
    assert_eq!(kinds(&env), ["declared"]);
}

#[test]
fn an_ignored_ctrl_c_stays_ignored_for_the_command() {
    // A shell starts a background job with Ctrl-C ignored; the command
    // must inherit that, as it would without inc in between.
    let env = incident();
    let inc_env = env.std_cmd();
    let out = std::process::Command::new("sh")
        .env_clear()
        .envs(inc_env.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .args([
            "-c",
            "trap '' INT; exec \"$0\" run -- sh -c 'kill -s INT $$; echo survived'",
        ])
        .arg(inc_env.get_program())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(text(&out.stdout), "survived\n");
    assert_eq!(latest(&env)["run"]["exit_code"], 0);
}
