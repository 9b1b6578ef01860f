//! `inc review --public`: a review to share outside, with each person named
//! by their part in the response and nothing meant for responders only.

use crate::env::Env;

/// Runs `inc --as WHO ARGS` at `now`.
fn act(env: &Env, now: &str, who: &str, args: &[&str]) {
    let mut all = vec!["--as", who];
    all.extend_from_slice(args);
    env.ok_at(now, &all);
}

/// Everyone the incident below names; none is part of a common word.
const NAMES: [&str; 7] = [
    "alice",
    "Bruno",
    "carol",
    "Dmitri",
    "yusuf",
    "Farid Haddad",
    "quentin",
];

const PRIVATE: [&str; 2] = [
    "the leaked key sat on the laptop of a contractor",
    "legal says: do not mention the vendor yet",
];

/// A resolved security incident with two handoffs, roles, a task, private
/// notes, and names written inside notes, briefings, the description,
/// factors, actions, lessons and a checklist note. Quentin owns an action
/// item and did nothing else: the config says he is a person.
fn security_incident() -> Env {
    let env = Env::new();
    env.config("[public]\npeople = [\"quentin\"]\n");
    let at = |m: u32| format!("2026-11-26T12:{m:02}:00Z");
    act(
        &env,
        &at(0),
        "alice",
        &[
            "open",
            "--security",
            "--sev",
            "1",
            "Signing key leaked",
            "--started",
            "12:55",
        ],
    );
    act(
        &env,
        &at(2),
        "alice",
        &["tl", "Alice paged bruno and DMITRI about the key"],
    );
    act(&env, &at(3), "alice", &["tl", "--private", PRIVATE[0]]);
    act(&env, &at(4), "alice", &["role", "scribe", "carol"]);
    act(&env, &at(5), "alice", &["role", "comms", "yusuf"]);
    act(
        &env,
        &at(6),
        "alice",
        &["task", "add", "revoke the key", "--owner", "Farid Haddad"],
    );
    act(
        &env,
        &at(8),
        "alice",
        &[
            "handoff",
            "bruno",
            "--note",
            "Farid Haddad is revoking; carol keeps notes",
        ],
    );
    act(
        &env,
        &at(10),
        "bruno",
        &[
            "tl",
            "--key",
            "key revoked by farid haddad, checked by Dmitri",
        ],
    );
    act(&env, &at(11), "dmitri", &["tl", "--private", PRIVATE[1]]);
    act(
        &env,
        &at(12),
        "dmitri",
        &["run", "--capture", "5", "--", "echo", "token of quentin"],
    );
    act(
        &env,
        &at(14),
        "bruno",
        &[
            "handoff",
            "alice",
            "--note",
            "all quiet, Bruno off to sleep",
        ],
    );
    act(
        &env,
        &at(15),
        "yusuf",
        &[
            "checklist",
            "done",
            "1",
            "--note",
            "Yusuf told the regulator",
        ],
    );
    act(&env, &at(20), "alice", &["mitigated"]);
    act(&env, &at(25), "alice", &["resolve"]);
    act(
        &env,
        &at(30),
        "alice",
        &[
            "describe",
            "--summary",
            "Our scanner detected a leaked key; alice had it revoked within 25 minutes, external customers saw no impact.",
        ],
    );
    act(
        &env,
        &at(31),
        "alice",
        &["factor", "add", "keys were long-lived, as Quentin warned"],
    );
    act(
        &env,
        &at(32),
        "alice",
        &[
            "action",
            "add",
            "rotate keys daily, with Dmitri",
            "--owner",
            "quentin",
        ],
    );
    act(
        &env,
        &at(33),
        "alice",
        &[
            "lesson",
            "add",
            "--kind",
            "went-well",
            "carol's notes were complete",
        ],
    );
    env
}

fn assert_no_names(text: &str) {
    let lower = text.to_lowercase();
    for name in NAMES {
        assert!(
            !lower.contains(&name.to_lowercase()),
            "the public review names {name}:\n{text}"
        );
    }
    // The parts of a name alone, too.
    for part in ["farid", "haddad"] {
        assert!(
            !lower.contains(part),
            "the public review names {part}:\n{text}"
        );
    }
}

#[test]
fn the_public_review_names_no_one_and_keeps_private_notes_out() {
    let env = security_incident();
    let public = env.ok(&["review", "--public"]);
    crate::review::assert_well_formed(&public);
    assert_no_names(&public);
    for note in PRIVATE {
        assert!(
            !public.contains(note),
            "a private note is public:\n{public}"
        );
    }
    assert!(!public.contains("(private)"), "{public}");
    // Nor what was reported to whom for a security duty.
    assert!(!public.contains("told the regulator"), "{public}");
    // No captured output (the command line stays, as the timeline says).
    assert!(!public.contains("Command output"), "{public}");

    // What the public may read stays, people named by their part.
    assert!(public.contains("**Public version:**"), "{public}");
    for part in [
        "| Commanders | Incident commander 1 → Incident commander 2 → Incident commander 1 |",
        "Roles: Scribe; Communications lead.",
        "Incident commander 1 paged Incident commander 2 and Responder 2 about the key",
        "★ **key revoked by Responder 1, checked by Responder 2**",
        "| Incident commander 2 | Incident commander 1 | 2026-11-26 13:08 CET | Responder 1 is revoking; Scribe keeps notes |",
        "task added: revoke the key (owner: Responder 1)",
        "Incident commander 1 had it revoked within 25",
        "- keys were long-lived, as Responder 3 warned",
        "| rotate keys daily, with Responder 2 | Responder 3 |",
        "- Scribe's notes were complete",
        "| 2026-11-26 13:15 CET by Communications lead | - |",
        "ran `echo 'token of Responder 3'` (exit 0,",
    ] {
        assert!(public.contains(part), "missing {part:?}:\n{public}");
    }

    // The usual review still has it all.
    let review = env.ok(&["review"]);
    for text in NAMES.iter().chain(PRIVATE.iter()) {
        assert!(review.contains(text), "the review lacks {text}:\n{review}");
    }
    assert!(review.contains("*(private)*"), "{review}");
    assert!(review.contains("### Command output"), "{review}");
    assert!(review.contains("    token of quentin"), "{review}");
    assert!(!review.contains("Public version"), "{review}");
}

#[test]
fn the_public_json_names_no_one_and_leaves_out_bookkeeping() {
    let env = security_incident();
    let out = env.ok(&["review", "--public", "--json"]);
    assert_no_names(&out);
    for note in PRIVATE {
        assert!(!out.contains(note), "{out}");
    }
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["public"], true);
    let commanders = json["commanders"].as_array().unwrap();
    assert_eq!(commanders.len(), 3);
    assert!(commanders.iter().all(|c| c.get("recorded_by").is_none()));
    for part in [
        "incident",
        "tasks",
        "factors",
        "actions",
        "lessons",
        "checklist",
    ] {
        assert!(
            !json[part].to_string().contains("created_by"),
            "{part}: {}",
            json[part]
        );
    }
    assert!(
        json["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["private"] == false)
    );
    let run = json["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "command")
        .expect("the command stays");
    assert_eq!(run["run"]["output"], serde_json::Value::Null);
    assert_eq!(json["checklist"][0]["done_by"], "Communications lead");

    // The usual JSON keeps who recorded each handoff.
    let full = env.json(&["review"]);
    assert_eq!(full["public"], false);
    assert_eq!(full["commanders"][1]["recorded_by"], "alice");
    assert_eq!(full["factors"][0]["created_by"], "alice");
}

#[test]
fn the_public_review_goes_to_a_file_and_checks_like_the_review() {
    let env = security_incident();
    let path = env.dir().join("public.md");
    let out = env
        .cmd()
        .args(["review", "--public", "--out"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.starts_with("wrote the public review of #1 to "),
        "{said}"
    );
    let file = std::fs::read_to_string(&path).unwrap();
    assert_eq!(file, env.ok(&["review", "--public"]));
    assert_no_names(&file);

    // The readiness check is the same whichever version is asked for.
    assert_eq!(
        env.ok(&["review", "--public", "--check"]),
        env.ok(&["review", "--check"])
    );
}

#[test]
fn internal_updates_stay_out_of_the_public_review() {
    // Status updates are written by `inc update`; here they are stored as
    // that command stores them, to check the rule on its own.
    let env = security_incident();
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    for (n, audience, text) in [
        (1, "internal", "internal: ask bruno before posting"),
        (
            2,
            "external",
            "We rotated a signing key; no action is needed.",
        ),
    ] {
        conn.execute(
            "INSERT INTO timeline_entries (uuid, incident_id, kind, body, event_at, recorded_at, author, audience) \
             VALUES (?1, 1, 'update', ?2, '2026-11-26T12:16:00.000Z', '2026-11-26T12:16:00.000Z', 'yusuf', ?3)",
            rusqlite::params![format!("00000000-0000-7000-8000-00000000000{n}"), text, audience],
        )
        .unwrap();
    }
    drop(conn);
    let public = env.ok(&["review", "--public"]);
    assert!(!public.contains("before posting"), "{public}");
    assert!(
        public.contains("external update: We rotated a signing key; no action is needed."),
        "{public}"
    );
    assert_no_names(&public);
    assert!(
        env.ok(&["review"])
            .contains("internal: ask bruno before posting")
    );
}

#[test]
fn people_are_found_in_every_spelling_and_teams_services_and_products_stay() {
    let env = Env::new();
    env.config("[public]\nkeep = [\"@acmestatus\"]\n");
    let now = "2026-11-26T12:00:00Z";
    act(
        &env,
        now,
        "alice",
        &["open", "--sev", "2", "Checkout errors"],
    );
    act(&env, now, "alice", &["role", "sme", "Zoë O'Brien"]);
    act(&env, now, "alice", &["role", "comms", "Νίκος Παπαδόπουλος"]);
    act(&env, now, "alice", &["role", "scribe", "田中 太郎"]);
    for note in [
        // Decomposed, with a curly apostrophe.
        "Zoe\u{308} O\u{2019}Brien restarted payments-svc",
        "O’Brien paged the payments team",
        // Greek capitals, with and without the accent; a surname alone.
        "ΝΊΚΟΣ confirmed, ΠΑΠΑΔΟΠΟΥΛΟΣ agreed",
        // A surname inside Japanese text, which has no spaces.
        "田中さんがキューを再起動した",
        "@acmestatus posted; @marco asked; mail oncall@example.com",
    ] {
        act(&env, now, "alice", &["tl", note]);
    }
    act(
        &env,
        now,
        "alice",
        &[
            "action",
            "add",
            "payments-svc OOMed: cap its heap",
            "--owner",
            "payments-team",
        ],
    );
    let public = env.ok(&["review", "--public"]);
    for leak in [
        "Zo",
        "Brien",
        "Νίκος",
        "ΝΊΚΟΣ",
        "ΠΑΠΑΔΟΠΟΥΛΟΣ",
        "Παπαδόπουλος",
        "田中",
        "太郎",
        "marco",
    ] {
        assert!(!public.contains(leak), "{leak} is in:\n{public}");
    }
    for kept in [
        "Subject-matter expert restarted payments-svc",
        "Subject-matter expert paged the payments team",
        "Communications lead confirmed, Communications lead agreed",
        "Scribeさんがキューを再起動した",
        "\\@acmestatus posted; someone asked; mail oncall\\@example.com",
        "| payments-svc OOMed: cap its heap | payments-team |",
    ] {
        assert!(public.contains(kept), "missing {kept:?}:\n{public}");
    }
    // The check lists what a publisher must still look at: the address,
    // but not the status account the config keeps.
    let out = env
        .cmd()
        .args(["review", "--public", "--check"])
        .output()
        .unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains("warning: the public review shows the email address oncall@example.com;"),
        "{said}"
    );
    assert!(!said.contains("acmestatus"), "{said}");
    assert!(!said.contains("still names"), "{said}");
}
