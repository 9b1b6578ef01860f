//! Nasty input for every command that takes text or a time. Each case has
//! an expected outcome: stored exactly (text less its outer whitespace; a
//! time as the exact instant), or refused with one clear line that changes
//! nothing.

use crate::env::Env;

/// Text that people paste mid-incident, and worse.
fn nasty_texts() -> Vec<String> {
    vec![
        String::new(),
        "   ".into(),
        "\t\n \n".into(),
        "y".repeat(100_000),
        "right-to-left \u{200f}mark, \u{202e}override and \u{2066}isolate".into(),
        "\u{1b}[2J\u{1b}[1;1H\u{1b}]0;title\u{7}screen wiped".into(),
        "\u{9b}31m C1 control".into(),
        "'); DROP TABLE incidents; -- and \" OR 1=1".into(),
        "# Heading\n| a | b |\n|---|---|\n**bold** [x](javascript:alert(1)) `code`".into(),
        "<img src=x onerror=alert(1)><script>alert(2)</script>&amp;".into(),
        "multi\nline\r\nwith CR".into(),
        "emoji 🔥, combining é, wide 漢字, zero\u{200b}width".into(),
    ]
}

/// Where text goes in, and where it comes back out in `inc show --json`.
struct TextSlot {
    args: fn(&str) -> Vec<String>,
    field: &'static str,
    /// Names are one line of plain text: control characters are refused.
    is_name: bool,
}

/// Whether `text` must be refused in `slot`: blank text anywhere, and
/// control characters (line breaks included) in a name.
fn must_refuse(text: &str, slot: &TextSlot) -> bool {
    text.trim().is_empty() || (slot.is_name && text.trim().chars().any(char::is_control))
}

fn text_slots() -> Vec<TextSlot> {
    vec![
        TextSlot {
            args: |t| vec!["open".into(), t.into()],
            field: "title",
            is_name: false,
        },
        TextSlot {
            args: |t| vec!["tl".into(), t.into()],
            field: "latest text",
            is_name: false,
        },
        TextSlot {
            args: |t| vec!["sev".into(), "4".into(), "--reason".into(), t.into()],
            field: "latest text",
            is_name: false,
        },
        TextSlot {
            args: |t| vec!["task".into(), "add".into(), t.into()],
            field: "latest task",
            is_name: false,
        },
        TextSlot {
            args: |t| vec!["role".into(), "scribe".into(), t.into()],
            field: "scribe",
            is_name: true,
        },
        TextSlot {
            args: |t| vec!["open".into(), "X".into(), "--commander".into(), t.into()],
            field: "commander",
            is_name: true,
        },
        TextSlot {
            args: |t| vec!["tl".into(), "x".into(), "--as".into(), t.into()],
            field: "latest author",
            is_name: true,
        },
    ]
}

fn stored(env: &Env, slot: &TextSlot) -> String {
    let shown = env.json(&["show"]);
    let latest = || {
        shown["latest_entries"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone()
    };
    let value = match slot.field {
        "latest task" => {
            let tasks = env.json(&["task", "list"]);
            tasks.as_array().unwrap().last().unwrap()["text"].clone()
        }
        "scribe" => {
            let roles = env.json(&["brief"])["roles"].clone();
            roles
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["role"] == "scribe")
                .unwrap()["name"]
                .clone()
        }
        "latest text" => latest()["text"].clone(),
        "latest author" => latest()["author"].clone(),
        other => shown[other].clone(),
    };
    value.as_str().unwrap().to_string()
}

fn assert_clean_output(env: &Env) {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    for args in [&["show"][..], &["timeline"], &["list", "--all"]] {
        let out = env.ok(args);
        assert!(
            !out.chars().any(unsafe_char),
            "inc {args:?} printed a raw control character"
        );
    }
}

fn assert_refused_cleanly(
    env: &Env,
    args: &[&str],
    before: Option<Vec<u8>>,
    out: std::process::Output,
) {
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "inc {args:?} should be refused: {err}"
    );
    assert!(err.starts_with("inc: error: "), "{err}");
    assert!(err.lines().count() <= 2, "{err}");
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
    assert_eq!(before, env.snapshot(), "inc {args:?} changed the database");
}

#[test]
fn every_text_input_is_stored_exactly_or_refused_cleanly() {
    for slot in text_slots() {
        let env = Env::new();
        env.ok(&["open", "Base"]);
        for text in nasty_texts() {
            let args = (slot.args)(&text);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let shown_args = &args[..args.len().min(3)];
            let before = env.snapshot();
            let out = env.cmd().args(&args).output().unwrap();
            if must_refuse(&text, &slot) {
                assert_refused_cleanly(&env, shown_args, before, out);
                continue;
            }
            assert!(
                out.status.success(),
                "inc {shown_args:?} should be accepted: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(stored(&env, &slot), text.trim(), "inc {shown_args:?}");
            if args[0] == "sev" {
                env.ok(&["sev", "2"]);
            }
        }
        assert_clean_output(&env);
        assert_eq!(env.integrity(), "ok");
    }
}

/// Each time as typed at the tests' fixed now (14:00 UTC, 15:00 in Berlin),
/// and the instant it must be stored as, or None where it must be refused.
const TIMES: &[(&str, Option<&str>)] = &[
    ("", None),
    (" ", None),
    ("0", None),
    ("-0m", Some("2026-11-26T14:00:00Z")),
    ("now", Some("2026-11-26T14:00:00Z")),
    ("-5m", Some("2026-11-26T13:55:00Z")),
    ("90 seconds ago", Some("2026-11-26T13:58:30Z")),
    ("14:59", Some("2026-11-26T13:59:00Z")),
    // Up to 5 minutes ahead, a time of day is now; beyond, yesterday's.
    ("15:01", Some("2026-11-26T14:00:00Z")),
    ("15:05", Some("2026-11-26T14:00:00Z")),
    ("15:06", Some("2026-11-25T14:06:00Z")),
    ("2026-11-26 15:01", None),
    ("2026-11-26 14:59:59", Some("2026-11-26T13:59:59Z")),
    ("2026-11-26T13:00:00+00:00", Some("2026-11-26T13:00:00Z")),
    ("99:99", None),
    ("24:00", None),
    ("2026-13-01 10:00", None),
    ("2026-11-31 10:00", None),
    ("+1h", None),
    ("in 5m", None),
    ("15m", None),
    ("-1y", None),
    ("tomorrow", None),
    ("9999-12-31T23:59:59Z", None),
    ("2026-11-26T15:00:00+00:00", None),
    ("1969-12-31T23:59:59Z", None),
    ("0000-01-01T00:00:00Z", None),
    ("-100000000000m", None),
    ("-18446744073709551616s", None),
    ("2026-03-29 02:30", None),
    ("2026-10-25 02:30", None),
    ("2026-11-26T13:59:60Z", None),
    ("\u{1b}[2J", None),
    ("'; DROP TABLE incidents; --", None),
];

/// Where a time goes in, and where it comes back out: a field of
/// `inc show --json`, or None for the event time of the newest entry.
struct TimeSlot {
    args: &'static [&'static str],
    field: Option<&'static str>,
}

#[test]
fn every_time_input_is_stored_exactly_or_refused_cleanly() {
    let slots = [
        TimeSlot {
            args: &["tl", "x", "--at"],
            field: None,
        },
        TimeSlot {
            args: &["open", "X", "--started"],
            field: Some("started_at"),
        },
        TimeSlot {
            args: &["open", "X", "--detected"],
            field: Some("detected_at"),
        },
        TimeSlot {
            args: &["status", "identified", "--at"],
            field: None,
        },
        TimeSlot {
            args: &["sev", "1", "--at"],
            field: None,
        },
        TimeSlot {
            args: &["mitigated", "--at"],
            field: Some("mitigated_at"),
        },
        TimeSlot {
            args: &["resolve", "--at"],
            field: Some("resolved_at"),
        },
    ];
    for slot in slots {
        let env = Env::new();
        env.ok(&["open", "Base", "--started", "-1d", "--detected", "-1d"]);
        for (time, expected) in TIMES {
            let mut args = slot.args.to_vec();
            args.push(time);
            let before = env.snapshot();
            let out = env.cmd().args(&args).output().unwrap();
            let Some(instant) = expected else {
                assert_refused_cleanly(&env, &args, before, out);
                continue;
            };
            assert!(
                out.status.success(),
                "inc {args:?} should be accepted: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let stored = match slot.field {
                Some(field) => env.json(&["show"])[field].as_str().unwrap().to_string(),
                None => newest_entry_time(&env),
            };
            assert_eq!(&stored, instant, "inc {args:?}");
            reset(&env, args[0]);
        }
        assert_eq!(env.integrity(), "ok");
    }
}

/// The event time of the entry written last (by id, not by event time).
fn newest_entry_time(env: &Env) -> String {
    let entries = env.json(&["timeline", "1"]);
    let newest = entries
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|e| e["id"].as_i64().unwrap())
        .unwrap();
    newest["event_at"].as_str().unwrap().to_string()
}

/// Undoes what an accepted command changed, so every case starts alike.
fn reset(env: &Env, command: &str) {
    match command {
        "resolve" | "mitigated" => {
            env.ok(&["entry", "rm", "last", "--reason", "reset", "-i", "1"]);
        }
        "status" => {
            env.ok(&["status", "investigating", "-i", "1"]);
        }
        "sev" => {
            env.ok(&["sev", "2", "-i", "1"]);
        }
        _ => {}
    }
    env.ok(&["use", "1"]);
}
