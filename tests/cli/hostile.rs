//! Nasty input for every command that takes text or a time: each case is
//! either stored exactly as given (less outer whitespace) or refused with
//! one clear line, and never corrupts or half-writes anything.

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

/// Where text goes in, and where it comes back out in JSON.
struct TextSlot {
    args: fn(&str) -> Vec<String>,
    json: &'static [&'static str],
    field: &'static str,
}

fn slots() -> Vec<TextSlot> {
    vec![
        TextSlot {
            args: |t| vec!["open".into(), t.into()],
            json: &["show"],
            field: "title",
        },
        TextSlot {
            args: |t| vec!["tl".into(), t.into()],
            json: &["show"],
            field: "latest",
        },
        TextSlot {
            args: |t| vec!["sev".into(), "4".into(), "--reason".into(), t.into()],
            json: &["show"],
            field: "latest",
        },
        TextSlot {
            args: |t| vec!["open".into(), "X".into(), "--commander".into(), t.into()],
            json: &["show"],
            field: "commander",
        },
        TextSlot {
            args: |t| vec!["tl".into(), "x".into(), "--as".into(), t.into()],
            json: &["show"],
            field: "author",
        },
    ]
}

fn stored(env: &Env, slot: &TextSlot) -> String {
    let shown = env.json(slot.json);
    let value = match slot.field {
        "latest" => shown["latest_entries"].as_array().unwrap().last().unwrap()["text"].clone(),
        "author" => shown["latest_entries"].as_array().unwrap().last().unwrap()["author"].clone(),
        other => shown[other].clone(),
    };
    value.as_str().unwrap().to_string()
}

fn assert_clean_output(env: &Env) {
    for args in [&["show"][..], &["timeline"], &["list", "--all"]] {
        let out = env.ok(args);
        assert!(
            !out.chars().any(|c| (c.is_control() && c != '\n')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)),
            "inc {args:?} printed a raw control character"
        );
    }
}

#[test]
fn every_text_input_is_stored_exactly_or_refused_cleanly() {
    for slot in slots() {
        let env = Env::new();
        env.ok(&["open", "Base"]);
        for text in nasty_texts() {
            let args = (slot.args)(&text);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let before = env.snapshot();
            let out = env.cmd().args(&args).output().unwrap();
            if out.status.success() {
                assert_eq!(
                    stored(&env, &slot),
                    text.trim(),
                    "inc {:?}",
                    &args[..args.len().min(3)]
                );
                // Back to a known state for the next case.
                if args[0] == "sev" {
                    env.ok(&["sev", "2"]);
                }
            } else {
                let err = String::from_utf8(out.stderr).unwrap();
                assert_eq!(out.status.code(), Some(1), "{err}");
                assert!(err.starts_with("inc: error: "), "{err}");
                assert!(err.lines().count() <= 2, "{err}");
                assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
                assert_eq!(
                    before,
                    env.snapshot(),
                    "a refused input changed the database"
                );
            }
        }
        assert_clean_output(&env);
        assert_eq!(env.integrity(), "ok");
    }
}

#[test]
fn every_time_input_is_accepted_exactly_or_refused_cleanly() {
    let times = [
        "",
        " ",
        "0",
        "-0m",
        "now",
        "99:99",
        "24:00",
        "2026-13-01 10:00",
        "2026-11-31 10:00",
        "+1h",
        "in 5m",
        "15m",
        "-1y",
        "tomorrow",
        "9999-12-31T23:59:59Z",
        "2026-11-26T15:00:00+00:00",
        "1969-12-31T23:59:59Z",
        "0000-01-01T00:00:00Z",
        "-100000000000m",
        "-18446744073709551616s",
        "2026-03-29 02:30",
        "2026-10-25 02:30",
        "\u{1b}[2J",
        "'; DROP TABLE incidents; --",
        "-5m",
        "14:59",
        "2026-11-26 14:59:59",
    ];
    let slots: [&[&str]; 7] = [
        &["tl", "x", "--at"],
        &["open", "X", "--started"],
        &["open", "X", "--detected"],
        &["status", "identified", "--at"],
        &["sev", "1", "--at"],
        &["mitigated", "--at"],
        &["resolve", "--at"],
    ];
    for slot in slots {
        let env = Env::new();
        env.ok(&["open", "Base", "--started", "-1d"]);
        for time in times {
            let mut args = slot.to_vec();
            args.push(time);
            let before = env.snapshot();
            let out = env.cmd().args(&args).output().unwrap();
            if out.status.success() {
                // Reset what the command changed so the next case starts equal.
                match args[0] {
                    "mitigated" | "resolve" => {
                        if args[0] == "resolve" {
                            env.ok(&["reopen", "1"]);
                        }
                        let conn = rusqlite::Connection::open(&env.db).unwrap();
                        conn.execute("UPDATE incidents SET mitigated_at = NULL WHERE id = 1", [])
                            .unwrap();
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
            } else {
                let err = String::from_utf8(out.stderr).unwrap();
                assert_eq!(out.status.code(), Some(1), "inc {args:?}: {err}");
                assert!(err.starts_with("inc: error: "), "{err}");
                assert!(err.lines().count() <= 2, "{err}");
                assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
                assert_eq!(before, env.snapshot(), "inc {args:?} changed the database");
            }
        }
        assert_eq!(env.integrity(), "ok");
        // Nothing stored is in the future or before 1970.
        for t in env.field("event_at", &["timeline", "1"]) {
            assert!(
                t.as_str() <= "2026-11-26T14:00:00Z" && t.as_str() >= "1970",
                "{t}"
            );
        }
    }
}
