//! `inc search`: full-text search across incidents, its ranking, snippets,
//! query syntax, safety with hostile text, and the index kept in step.

use crate::env::Env;

/// Filler notes, so that the words searched for are rare: bm25 gives a
/// word found in half of all rows (or more) no weight at all.
fn filler(env: &Env, id: &str, n: usize) {
    for k in 0..n {
        env.ok(&[
            "tl",
            "-i",
            id,
            &format!("routine check {k} of dashboards and graphs"),
        ]);
    }
}

/// (incident id, source kind, source id) of each result, best first.
fn results(env: &Env, args: &[&str]) -> Vec<(i64, String, i64)> {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    env.json(&all)
        .as_array()
        .expect("an array")
        .iter()
        .map(|hit| {
            (
                hit["incident"]["id"].as_i64().unwrap(),
                hit["source"]["kind"].as_str().unwrap().to_string(),
                hit["source"]["id"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_title_match_ranks_above_a_passing_mention_and_more_matches_rank_higher() {
    let env = Env::new();
    env.ok(&["open", "Checkout errors after deploy"]);
    env.ok(&[
        "tl",
        "we wondered for a while whether kafka could be involved, it was not, the deploy was",
    ]);
    env.ok(&["open", "Kafka consumer lag"]);
    filler(&env, "2", 6);
    assert_eq!(
        results(&env, &["kafka"]),
        [(2, "title".to_string(), 2), (1, "timeline".to_string(), 2)]
    );

    // Two notes of the same length: the one saying it more often first.
    env.ok(&[
        "tl",
        "-i",
        "2",
        "timeout on the broker, then a timeout again, timeout",
    ]);
    env.ok(&[
        "tl",
        "-i",
        "2",
        "timeout on the broker, then we restarted it, fine",
    ]);
    let ids: Vec<i64> = results(&env, &["timeout"]).iter().map(|r| r.2).collect();
    assert_eq!(ids.len(), 2);
    assert!(
        ids[0] < ids[1],
        "the note with three matches first: {ids:?}"
    );
}

#[test]
fn results_show_the_incident_where_the_match_is_and_a_highlighted_snippet() {
    let env = Env::new();
    env.ok(&["open", "Payments API returning 500s", "--sev", "1"]);
    env.ok(&[
        "tl",
        "--at",
        "14:05",
        "restarted db-3 after the failover, payments recovered",
    ]);
    filler(&env, "1", 3);
    // Without colour (NO_COLOR in tests): the match between « and ».
    assert_eq!(
        env.ok(&["search", "failover"]),
        "#1 SEV1 Payments API returning 500s (investigating)\n  \
         timeline note at 2026-11-26 14:05 CET by alice\n  \
         restarted db-3 after the «failover», payments recovered\n"
    );
    // In colour: bold yellow, and no « ».
    let out = env.ok(&["--color", "always", "search", "failover"]);
    assert!(
        out.contains("after the \x1b[1;33mfailover\x1b[0m, payments"),
        "{out:?}"
    );
    assert!(out.contains("\x1b[1;31mSEV1\x1b[0m"), "{out:?}");
    assert!(!out.contains('«'), "{out:?}");
    // --color never wins over a terminal; NO_COLOR alone is what tests have.
    let out = env.ok(&["--color", "never", "search", "failover"]);
    assert!(
        !out.contains('\x1b') && out.contains("«failover»"),
        "{out:?}"
    );

    // JSON: the snippet as plain text, the match as a range of characters.
    let json = env.json(&["search", "failover"]);
    let hit = &json[0];
    assert_eq!(hit["incident"]["severity"], "SEV1");
    assert_eq!(hit["incident"]["status"], "investigating");
    assert_eq!(hit["incident"]["title"], "Payments API returning 500s");
    let snippet = hit["snippet"].as_str().unwrap();
    assert_eq!(
        snippet,
        "restarted db-3 after the failover, payments recovered"
    );
    let range = &hit["highlights"][0];
    let (start, end) = (range[0].as_u64().unwrap(), range[1].as_u64().unwrap());
    let matched: String = snippet
        .chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect();
    assert_eq!(matched, "failover");
    assert!(hit["rank"].as_f64().unwrap() < 0.0);

    assert_eq!(env.ok(&["search", "nowhere"]), "Nothing found.\n");
    assert_eq!(env.ok(&["search", "nowhere", "--json"]), "[]\n");
}

#[test]
fn every_kind_of_record_is_found_and_located() {
    let env = Env::new();
    env.ok(&["open", "Zebra title"]);
    env.ok(&[
        "describe",
        "--summary",
        "zebra summary",
        "--impact",
        "zebra impact",
        "--detection",
        "zebra detection",
    ]);
    env.ok(&["tl", "--at", "14:05", "zebra note"]);
    env.ok(&["tl", "--private", "--at", "14:10", "zebra secret"]);
    env.ok(&["factor", "add", "zebra factor"]);
    env.ok(&[
        "action",
        "add",
        "zebra action",
        "--owner",
        "payments",
        "--due",
        "2026-12-01",
    ]);
    env.ok(&["action", "add", "zebra chore", "--owner", "ops"]);
    env.ok(&["lesson", "add", "zebra lesson", "--kind", "lucky"]);
    env.ok(&["handoff", "bob", "--note", "zebra briefing"]);
    filler(&env, "1", 25);

    let out = env.ok(&["search", "zebra", "--limit", "50"]);
    for location in [
        "  title\n",
        "  summary\n",
        "  impact\n",
        "  detection\n",
        "  timeline note at 2026-11-26 14:05 CET by alice\n",
        "  timeline note at 2026-11-26 14:10 CET by alice (private)\n",
        "  factor 1\n",
        "  action 1 (owner: payments, due 2026-12-01)\n",
        "  action 2 (owner: ops)\n",
        "  lesson 1\n",
        "  handoff briefing at 2026-11-26 15:00 CET by alice\n",
    ] {
        assert!(out.contains(location), "{location:?} missing from:\n{out}");
    }
    let json = env.json(&["search", "zebra", "--limit", "50"]);
    let mut found: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["source"]["kind"].as_str().unwrap().to_string())
        .collect();
    found.sort();
    found.dedup();
    assert_eq!(
        found,
        [
            "action",
            "detection",
            "factor",
            "impact",
            "lesson",
            "summary",
            "timeline",
            "title"
        ]
    );
    let private: Vec<bool> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["snippet"].as_str().unwrap().contains("secret"))
        .map(|h| h["source"]["private"].as_bool().unwrap())
        .collect();
    assert_eq!(private, [true]);
    // --limit keeps the best ones.
    assert_eq!(results(&env, &["zebra", "--limit", "3"]).len(), 3);
}

#[test]
fn punctuation_phrases_prefixes_and_or() {
    let env = Env::new();
    env.ok(&["open", "Database trouble"]);
    env.ok(&["tl", "db-3 refused connections from 10.0.0.1"]);
    env.ok(&["tl", "the db was slow on replica 3"]);
    env.ok(&["tl", "payments-api restarted twice"]);
    env.ok(&["tl", "connection pool exhausted"]);
    env.ok(&["tl", "the pool of connection slots was exhausted"]);
    filler(&env, "1", 6);
    let ids = |args: &[&str]| -> Vec<i64> {
        let mut ids: Vec<i64> = results(&env, args).iter().map(|r| r.2).collect();
        ids.sort_unstable();
        ids
    };
    // Entry 1 is the declaration: notes are 2 to 6.
    assert_eq!(
        ids(&["db-3"]),
        [2],
        "db-3 is a phrase, not db and 3 anywhere"
    );
    assert_eq!(
        ids(&["db", "3"]),
        [2, 3],
        "plain words anywhere in the note"
    );
    assert_eq!(ids(&["10.0.0.1"]), [2]);
    assert_eq!(ids(&["payments-api"]), [4]);
    assert_eq!(ids(&["\"connection pool\""]), [5]);
    assert_eq!(ids(&["connection", "pool"]), [5, 6]);
    assert_eq!(ids(&["restart*"]), [4]);
    assert_eq!(ids(&["Refuse*", "OR", "pay*"]), [2, 4]);
    assert_eq!(ids(&["payments-a*"]), [4]);
    assert_eq!(ids(&["zzz*"]), Vec::<i64>::new());
    assert_eq!(ids(&["refus*", "OR", "restarted"]), [2, 4]);
    assert_eq!(ids(&["exhausted", "NOT", "slots"]), [5]);
    assert_eq!(ids(&["(db-3", "OR", "payments-api)", "restarted"]), [4]);
    // Letters are matched without case or accents.
    assert_eq!(ids(&["DÉJÀ", "OR", "Exhausted"]), [5, 6]);
    // What FTS5 would read as syntax is only text here.
    assert_eq!(ids(&["text:db"]), Vec::<i64>::new());
}

#[test]
fn a_query_that_cannot_be_read_is_one_clear_line() {
    let env = Env::new();
    env.ok(&["open", "Something"]);
    for (args, says) in [
        (vec!["search", "\"unbalanced"], "no closing"),
        (vec!["search", "NOT", "db"], "NOT needs a word before it"),
        (vec!["search", "db", "OR"], "OR needs a word after it"),
        (vec!["search", "(db"], "( with no )"),
        (vec!["search", "--", "-"], "nothing to search for"),
        (vec!["search", "-i", "9", "db"], "there is no incident #9"),
    ] {
        let f = env.fails(&args);
        assert_eq!(f.code, 1, "{args:?}");
        assert!(f.stderr.contains(says), "{args:?}: {}", f.stderr);
        assert!(!f.stderr.contains("fts5"), "{}", f.stderr);
        assert!(!f.stderr.contains("SQL"), "{}", f.stderr);
    }
    let f = env.fails(&["search", "\"a"]);
    assert!(f.stderr.contains("hint: "), "{}", f.stderr);
    // No query at all, or an empty one: usage errors.
    assert_eq!(env.fails(&["search"]).code, 2);
    let f = env.fails(&["search", " "]);
    assert_eq!(f.code, 2);
    assert!(f.stderr.contains("the query is empty"), "{}", f.stderr);
}

#[test]
fn hostile_text_cannot_reach_the_terminal_or_forge_a_highlight() {
    let env = Env::new();
    env.ok(&["open", "Evil \x1b]0;pwned\x07 title"]);
    env.ok(&["tl", "evil \x1b[2J clear and \u{202e}reversed"]);
    env.ok(&["tl", "forged \u{E000}marker\u{E001} and evil"]);
    env.ok(&["tl", "**evil** [link](http://x) # heading"]);
    filler(&env, "1", 6);
    for color in ["never", "always"] {
        let out = env.ok(&["--color", color, "search", "evil", "--limit", "10"]);
        assert!(!out.contains("\x1b]"), "{out:?}");
        assert!(!out.contains("\x1b[2J"), "{out:?}");
        assert!(!out.contains('\u{202e}'), "{out:?}");
        assert!(out.contains("\\u{1b}[2J"), "{out:?}");
        assert!(out.contains("\\u{202e}reversed"), "{out:?}");
        // The private use characters in the note are text, not markers:
        // only the word searched for is highlighted.
        let forged = out
            .lines()
            .find(|l| l.contains("forged"))
            .expect("the forged note is found");
        if color == "never" {
            assert_eq!(
                forged, "  forged \u{E000}marker\u{E001} and «evil»",
                "{out:?}"
            );
        } else {
            assert_eq!(
                forged, "  forged \u{E000}marker\u{E001} and \x1b[1;33mevil\x1b[0m",
                "{out:?}"
            );
        }
        assert!(out.contains("**«evil»** [link](http://x) # heading") || color == "always");
    }
    // JSON escapes control characters and keeps the text exact.
    let json = env.json(&["search", "clear"]);
    assert_eq!(
        json[0]["snippet"],
        "evil \x1b[2J clear and \u{202e}reversed"
    );
    let raw = env.ok(&["search", "clear", "--json"]);
    assert!(
        !raw.contains('\x1b') && !raw.contains('\u{202e}'),
        "{raw:?}"
    );
    let json = env.json(&["search", "forged"]);
    assert_eq!(json[0]["snippet"], "forged \u{E000}marker\u{E001} and evil");
    assert_eq!(json[0]["highlights"], serde_json::json!([[0, 6]]));
}

#[test]
fn the_index_follows_changes_to_the_records() {
    let env = Env::new();
    env.ok(&["open", "Storage incident"]);
    filler(&env, "1", 6);
    env.ok(&["factor", "add", "quokka factor"]);
    env.ok(&["factor", "add", "another wombat factor"]);
    env.ok(&["factor", "rm", "1"]);
    assert!(results(&env, &["quokka"]).is_empty());
    assert_eq!(results(&env, &["wombat"]), [(1, "factor".to_string(), 2)]);

    env.ok(&["action", "add", "tune the platypus", "--owner", "ops"]);
    env.ok(&["action", "edit", "1", "--text", "tune the echidna"]);
    assert!(results(&env, &["platypus"]).is_empty());
    assert_eq!(results(&env, &["echidna"]), [(1, "action".to_string(), 1)]);

    env.ok(&[
        "describe",
        "--summary",
        "the numbat summary",
        "--impact",
        "bilby impact",
    ]);
    env.ok(&["describe", "--summary", "the dingo summary"]);
    assert!(results(&env, &["numbat"]).is_empty());
    assert_eq!(results(&env, &["dingo"]), [(1, "summary".to_string(), 1)]);
    assert_eq!(results(&env, &["bilby"]), [(1, "impact".to_string(), 1)]);
}

#[test]
fn filters_keep_one_incident_or_one_severity() {
    let env = Env::new();
    env.ok(&["open", "First", "--sev", "1"]);
    env.ok(&["tl", "-i", "1", "lemur seen here"]);
    env.ok(&["open", "Second", "--sev", "3"]);
    env.ok(&["tl", "-i", "2", "lemur seen there"]);
    filler(&env, "2", 6);
    assert_eq!(results(&env, &["lemur"]).len(), 2);
    assert_eq!(
        results(&env, &["lemur", "-i", "2"]),
        [(2, "timeline".to_string(), 4)]
    );
    assert_eq!(
        results(&env, &["lemur", "-i", "#1"]),
        [(1, "timeline".to_string(), 2)]
    );
    assert_eq!(
        results(&env, &["lemur", "--sev", "3"]),
        [(2, "timeline".to_string(), 4)]
    );
    assert!(results(&env, &["lemur", "--sev", "2"]).is_empty());
    assert!(results(&env, &["lemur", "--sev", "1", "-i", "2"]).is_empty());
}

#[test]
fn a_database_upgraded_from_schema_5_finds_its_old_records() {
    let env = Env::new();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v5.db");
    std::fs::copy(&fixture, &env.db).expect("copy fixture");
    // Read-only: upgraded in memory, the file left as it was.
    let before = env.snapshot();
    let found = results(&env, &["fixture", "private", "note"]);
    assert_eq!(found, [(2, "timeline".to_string(), 18)]);
    assert_eq!(before, env.snapshot());
    // Upgraded on disk by a write, then searched.
    env.ok(&["tl", "-i", "1", "after the upgrade"]);
    let out = env.ok(&["search", "fixture", "--limit", "50"]);
    for location in [
        "  title\n",
        "  factor 1\n",
        "  lesson 1\n",
        "  action 1 (owner: fixture team, due 2026-12-01)\n",
        "(private)\n",
        "  status update at ",
    ] {
        assert!(out.contains(location), "{location:?} missing from:\n{out}");
    }
    assert_eq!(results(&env, &["upgrade"]).len(), 1);
}

/// `inc search ARGS --json`, killed if it runs past a minute (a guard
/// against a search that never ends, not a measure of its speed).
fn search_guarded(env: &Env, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.push("--json");
    let out = env
        .cmd()
        .args(&all)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("run inc");
    assert!(
        out.status.success(),
        "inc {all:?} failed or ran past a minute: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn a_note_of_16_mib_full_of_matches_is_searched_and_shows_a_short_snippet() {
    let env = Env::new();
    env.ok(&["open", "Log pasted"]);
    // The word searched for over and over, as in a pasted log: FTS5's
    // snippet() took time in the square of the matches, hours for this.
    let end = " quokka finale";
    let mut note = String::from("alpha ");
    while note.len() + 5 + end.len() <= 16 * 1024 * 1024 {
        note.push_str("text ");
    }
    note.push_str(end.trim_start());
    env.cmd()
        .args(["tl", "-"])
        .write_stdin(note.as_bytes())
        .assert()
        .success();
    let snippet = |args: &[&str]| -> String {
        let json = search_guarded(&env, args);
        assert_eq!(json.as_array().unwrap().len(), 1, "{args:?}");
        json[0]["snippet"].as_str().unwrap().to_string()
    };
    let highlights = |args: &[&str]| -> usize {
        search_guarded(&env, args)[0]["highlights"]
            .as_array()
            .unwrap()
            .len()
    };
    // Near the start: the first words, matches marked, cut after about 16.
    let first = snippet(&["text"]);
    assert!(first.starts_with("alpha text text"), "{first}");
    assert!(first.ends_with("text…"), "{first}");
    assert!(first.split_whitespace().count() <= 17, "{first}");
    assert_eq!(highlights(&["text"]), 15);
    // At the very end, 16 MiB in: found, cut before it.
    let last = snippet(&["quokka"]);
    assert!(last.starts_with("…text text"), "{last}");
    assert!(last.ends_with("text quokka finale"), "{last}");
    assert!(last.split_whitespace().count() <= 17, "{last}");
    assert_eq!(highlights(&["quokka"]), 1);
    let both = snippet(&["quokka", "text"]);
    assert!(
        both.starts_with("…text") && both.contains("text quokka"),
        "{both}"
    );
    assert!(both.split_whitespace().count() <= 17, "{both}");
    // Words far apart: the snippet shows the first of them.
    let apart = snippet(&["alpha", "finale"]);
    assert!(apart.starts_with("alpha text"), "{apart}");
    assert_eq!(highlights(&["alpha", "finale"]), 1);
}
