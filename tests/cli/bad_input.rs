//! Bad input: one clear line on stderr, a non-zero exit code, and the
//! database left byte-for-byte as it was.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use crate::env::Env;

fn env_with_an_incident() -> Env {
    let env = Env::new();
    env.ok(&[
        "open",
        "Base incident",
        "--started",
        "-1h",
        "--detected",
        "-50m",
    ]);
    env.ok(&["tl", "a note"]);
    env
}

#[test]
fn bad_input_is_one_clear_line_and_changes_nothing() {
    let env = env_with_an_incident();
    let cases: &[(&[&str], &str)] = &[
        // Unknown or malformed incident ids.
        (&["tl", "x", "-i", "99"], "there is no incident #99"),
        (&["show", "99"], "there is no incident #99"),
        (&["timeline", "-i", "#99"], "there is no incident #99"),
        (&["use", "99"], "there is no incident #99"),
        (
            &["status", "identified", "-i", "99"],
            "there is no incident #99",
        ),
        (&["sev", "1", "-i", "42"], "there is no incident #42"),
        (&["mitigated", "-i", "7"], "there is no incident #7"),
        (&["resolve", "-i", "7"], "there is no incident #7"),
        (&["reopen", "7"], "there is no incident #7"),
        (&["tl", "x", "-i", "abc"], "`abc` is not an incident id"),
        (&["use", "0"], "`0` is not an incident id"),
        (&["show", "#x3"], "`#x3` is not an incident id"),
        // Empty text.
        (&["open", ""], "the title is empty"),
        (&["open", "  \t "], "the title is empty"),
        (&["tl", ""], "the note is empty"),
        (&["tl", " \n "], "the note is empty"),
        (&["open", "X", "--commander", " "], "the commander is empty"),
        (
            &["open", "X", "--commander", "a\u{1b}[2Jb"],
            "the commander contains control characters",
        ),
        (&["sev", "1", "--reason", " "], "the reason is empty"),
        (
            &["tl", "x", "--as", "\t"],
            "the name given with --as is empty",
        ),
        // Bad times.
        (
            &["tl", "x", "--at", "yesterday"],
            "`yesterday` is not a time inc understands",
        ),
        (
            &["tl", "x", "--at", "25:00"],
            "is not a time inc understands",
        ),
        (
            &["tl", "x", "--at", "2026-02-30 10:00"],
            "is not a time inc understands",
        ),
        (&["tl", "x", "--at", ""], "the time is empty"),
        (&["tl", "x", "--at", "15m"], "is not a time inc understands"),
        (&["tl", "x", "--at", "+5m"], "is not a time inc understands"),
        (&["tl", "x", "--at", "2030-01-01 10:00"], "is in the future"),
        (
            &["tl", "x", "--at", "2026-11-26T14:00:01Z"],
            "is in the future",
        ),
        (
            &["tl", "x", "--at", "9999-12-31T23:59:59Z"],
            "is in the future",
        ),
        (
            &["tl", "x", "--at", "1900-01-01T00:00:00Z"],
            "too far in the past",
        ),
        (
            &["tl", "x", "--at", "-99999999999999d"],
            "too far in the past",
        ),
        (
            &["tl", "x", "--at", "-999999999999999999999999m"],
            "too far in the past",
        ),
        (
            &["tl", "x", "--at", "2026-03-29 02:30"],
            "the clocks skipped it",
        ),
        (&["tl", "x", "--at", "2026-10-25 02:30"], "happened twice"),
        (
            &["status", "identified", "--at", "tomorrow"],
            "is not a time inc understands",
        ),
        (
            &["open", "X", "--started", "-10m", "--detected", "-20m"],
            "started (2026-11-26 14:50 CET) would come after detected (2026-11-26 14:40 CET)",
        ),
        (
            &["open", "X", "--started", "+1h"],
            "is not a time inc understands",
        ),
        (&["mitigated", "--at", "-55m"], "would come after mitigated"),
        (
            &["resolve", "--at", "-2h"],
            "the resolution at 2026-11-26 13:00 CET would come before the impact started",
        ),
        // Bad severities and statuses.
        (&["open", "X", "--sev", "5"], "`5` is not a severity"),
        (&["open", "X", "--sev", "high"], "`high` is not a severity"),
        (&["sev", "0"], "`0` is not a severity"),
        (&["list", "--sev", "9"], "`9` is not a severity"),
        (&["sev", "a€"], "`a€` is not a severity"),
        (&["open", "X", "--sev", "se€"], "`se€` is not a severity"),
        (&["status", "fixed"], "`fixed` is not a status"),
        (&["list", "--status", "done"], "`done` is not a status"),
        // Reopening what is open.
        (&["reopen", "1"], "#1 is not resolved"),
    ];
    for (args, expect) in cases {
        let f = env.fails(args);
        assert_eq!(f.code, 1, "inc {args:?}: {}", f.stderr);
        assert!(
            f.stderr.contains(expect),
            "inc {args:?}: expected {expect:?} in\n{}",
            f.stderr
        );
    }
    assert_eq!(env.integrity(), "ok");
}

#[test]
fn errors_never_print_raw_control_characters() {
    let env = env_with_an_incident();
    let f = env.fails(&["sev", "\u{1b}]0;owned\u{7}"]);
    assert!(
        !f.stderr.chars().any(|c| c.is_control() && c != '\n'),
        "{:?}",
        f.stderr
    );
    assert!(f.stderr.contains("\\u{1b}]0;owned\\u{7}"), "{}", f.stderr);
}

#[test]
fn a_date_ending_in_a_multibyte_character_is_refused_not_a_crash() {
    let env = env_with_an_incident();
    env.ok(&["action", "add", "tune the pool", "--owner", "ops"]);
    for (args, says) in [
        (&["stats", "--since=-é"][..], "`-é` is not a date or time"),
        (
            &["stats", "--since=-1\u{202e}"],
            "`-1\\u{202e}` is not a date or time",
        ),
        (&["stats", "--until=+1é"], "`+1é` is not a date or time"),
        (
            &["action", "add", "x", "--owner", "o", "--due=+1é"],
            "`+1é` is not a due date",
        ),
        (
            &["action", "add", "x", "--owner", "o", "--due=+\u{202e}"],
            "`+\\u{202e}` is not a due date",
        ),
        (
            &["action", "edit", "1", "--due=+é"],
            "`+é` is not a due date",
        ),
        (&["action", "edit", "1", "--due=é"], "`é` is not a due date"),
    ] {
        let f = env.fails(args);
        assert_eq!(f.code, 1, "inc {args:?}: {}", f.stderr);
        assert!(f.stderr.contains(says), "inc {args:?}: {}", f.stderr);
        assert!(f.stderr.contains("hint: "), "inc {args:?}: {}", f.stderr);
        assert!(
            !f.stderr.contains('\u{202e}'),
            "inc {args:?}: {:?}",
            f.stderr
        );
    }
}

#[test]
fn usage_errors_never_print_raw_control_characters() {
    let env = env_with_an_incident();
    for args in [
        &["\u{1b}]0;owned\u{7}"][..],
        &["tl", "x", "--\u{1b}[2J"],
        &["list", "\r\u{9b}31m"],
    ] {
        let f = env.fails(args);
        assert_eq!(f.code, 2);
        assert!(
            !f.stderr.chars().any(|c| c.is_control() && c != '\n'),
            "inc {args:?} printed a raw control character: {:?}",
            f.stderr
        );
    }
}

#[test]
fn usage_errors_exit_2_and_change_nothing() {
    let env = env_with_an_incident();
    for args in [
        &["tl"][..],
        &["frobnicate"],
        &["tl", "x", "--bogus"],
        &["completions", "tcsh"],
        &["use"],
        &["sev"],
    ] {
        let f = env.fails(args);
        assert_eq!(f.code, 2, "inc {args:?}: {}", f.stderr);
    }
}

#[test]
fn invalid_utf8_is_refused() {
    let env = env_with_an_incident();
    let before = env.snapshot();
    let out = env
        .cmd()
        .arg("tl")
        .arg(OsStr::from_bytes(b"caf\xe9"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8"));
    assert_eq!(before, env.snapshot());

    let f = env.fails_with_stdin(&["tl", "-"], b"caf\xe9\n");
    assert!(f.stderr.contains("not valid UTF-8"), "{}", f.stderr);
    let f = env.fails_with_stdin(&["tl", "-"], b"");
    assert!(f.stderr.contains("the note is empty"), "{}", f.stderr);
}

#[test]
fn hostile_but_valid_text_is_stored_exactly() {
    let env = env_with_an_incident();
    let big = "x".repeat(1024 * 1024);
    let nul = "before\0after";
    let out = env
        .cmd()
        .args(["tl", "-"])
        .write_stdin(big.clone())
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = env
        .cmd()
        .args(["tl", "-"])
        .write_stdin(nul)
        .output()
        .unwrap();
    assert!(out.status.success());
    let texts = env.field("text", &["timeline"]);
    assert!(texts.contains(&big));
    assert!(texts.contains(&nul.to_string()));
    assert!(env.ok(&["timeline"]).contains("before\\u{0}after"));
    assert_eq!(env.integrity(), "ok");
}
