//! `inc demo`: a made-up incident's review, in a database of its own that
//! is never the user's.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use crate::env::Env;
use crate::review::assert_well_formed;

const TITLE: &str = "Checkout requests failing with 502s";

/// Runs `inc ARGS`, expects success; returns the output.
fn run(env: &Env, args: &[&str]) -> Output {
    let out = env.cmd().args(args).output().expect("run inc");
    assert!(
        out.status.success(),
        "inc {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

/// Everything under `dir`, to show that nothing was left behind.
fn files_in(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_in(&path));
        } else {
            found.push(path.display().to_string());
        }
    }
    found.sort();
    found
}

#[test]
fn demo_prints_a_whole_review_and_leaves_nothing_behind() {
    let env = Env::new();
    let out = run(&env, &["demo"]);
    let review = text(&out.stdout);
    assert!(
        review.contains(&format!("# Incident #1: {TITLE}\n")),
        "{review}"
    );
    for heading in [
        "## Description",
        "## Key times",
        "## Incident command",
        "## Timeline",
        "## Contributing factors",
        "### Technical",
        "### Non-technical",
        "## Corrective action items",
        "## Lessons learned",
        "### What went well",
        "### What went wrong",
        "### Where we got lucky",
        "## Review meeting",
    ] {
        assert!(
            review.lines().any(|l| l == heading),
            "missing {heading:?} in\n{review}"
        );
    }
    // A rich incident: every part of the product shows.
    for part in [
        "| Severity | SEV2 (SEV3 → SEV2 at ",
        "| Commanders | maya → sam |",
        "| Status | resolved |",
        "| Time to detect | 24m | detected − started |",
        "| Time to mitigate | 58m | mitigated − started |",
        "Roles: comms: priya; scribe: lee.",
        "| maya | note | Support escalated",
        "investigating → identified",
        "identified → monitoring",
        "resolved (was monitoring)",
        "| handoff | maya → sam: Mitigated by rolling back",
        "| task-done | task done: Roll back",
        "★ **Cause found:",
        "| P1 | prevent | open |",
        "| P3 | process | done |",
        "- Attendees: maya, sam, lee, priya, dev, checkout-team, platform, sre",
    ] {
        assert!(review.contains(part), "missing {part:?} in\n{review}");
    }
    assert!(!review.contains("None recorded yet"), "{review}");
    assert!(!review.contains("**Draft:**"), "{review}");
    assert_well_formed(&review);

    let note = text(&out.stderr);
    assert!(note.contains("This was a demo"), "{note}");
    assert!(note.contains("throwaway database, gone now"), "{note}");
    assert!(note.contains("inc open \""), "{note}");
    assert!(note.contains("--sev 2"), "{note}");

    // No database at INC_DB, nothing in HOME or the XDG directories (all
    // inside the test's directory): nothing at all.
    assert!(!env.db.exists());
    assert_eq!(files_in(env.dir()), Vec::<String>::new());
}

#[test]
fn demo_never_uses_the_users_database_or_config() {
    let env = Env::new();
    // A real incident in the user's database, a broken config file, and a
    // --db flag: the demo uses none of them and changes none of them.
    env.ok(&["open", "Real incident"]);
    let config_dir = env.dir().join("config/inc");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(config_dir.join("config.toml"), "timezone = 12\n").unwrap();
    let broken = env.cmd().arg("list").output().unwrap();
    assert_eq!(broken.status.code(), Some(1), "the config is broken");
    let before = files_in(env.dir());
    let db = env.snapshot();
    let other = env.dir().join("other.db");

    let plain = text(&run(&env, &["demo"]).stdout);
    let flagged = run(
        &env,
        &[
            "demo",
            "--db",
            other.to_str().unwrap(),
            "--config",
            "/no/such/config.toml",
            "--as",
            "mallory",
        ],
    );
    assert_eq!(text(&flagged.stdout), plain);
    assert!(plain.contains(&format!("# Incident #1: {TITLE}")));
    assert!(!plain.contains("Real incident"));
    assert!(!plain.contains("mallory"));
    assert!(!other.exists());
    assert_eq!(env.snapshot(), db, "the user's database changed");
    assert_eq!(files_in(env.dir()), before);
}

#[test]
fn demo_output_is_the_same_for_the_same_clock() {
    let env = Env::new();
    let review = text(&run(&env, &["demo"]).stdout);
    insta::assert_snapshot!("demo_review", review);
    assert_eq!(text(&run(&env, &["demo"]).stdout), review);
    // The story moves with the clock: it always ends now.
    let later = env.ok_at("2026-11-27T09:30:00Z", &["demo"]);
    assert!(
        later.contains("| Resolved | 2026-11-27 09:12 CET |"),
        "{later}"
    );
}

#[test]
fn keep_saves_a_database_to_explore() {
    let env = Env::new();
    let kept = env.dir().join("demo.db");
    let out = run(&env, &["demo", "--keep", kept.to_str().unwrap()]);
    let note = text(&out.stderr);
    assert!(
        note.contains(&format!("INC_DB={} inc show", kept.display())),
        "{note}"
    );
    let mode = std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "incident notes can be sensitive");
    assert!(!env.db.exists(), "INC_DB was not touched");

    let explore = |args: &[&str]| env.cmd().env("INC_DB", &kept).args(args).output().unwrap();
    let show = explore(&["show"]);
    assert!(show.status.success());
    assert!(text(&show.stdout).contains(TITLE));
    let check = explore(&["review", "--check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert_eq!(
        text(&check.stdout),
        format!("The review of #1 SEV2 {TITLE} is ready.\n"),
        "ready, with no warnings"
    );
    // The same renderer: `inc review` on the kept database prints what the
    // demo printed.
    let review = explore(&["review"]);
    assert_eq!(text(&review.stdout), text(&out.stdout));
    // An ordinary inc database: it takes the next command.
    let tl = explore(&["tl", "-i", "1", "explored the demo"]);
    assert!(tl.status.success(), "{}", text(&tl.stderr));
    let conn =
        rusqlite::Connection::open_with_flags(&kept, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}

#[test]
fn keep_refuses_an_existing_path_and_changes_nothing() {
    let env = Env::new();
    let taken = env.dir().join("notes.db");
    std::fs::write(&taken, "precious").unwrap();
    let before = files_in(env.dir());
    let f = env.fails(&["demo", "--keep", taken.to_str().unwrap()]);
    assert!(
        f.stderr
            .contains("notes.db already exists; it was left unchanged"),
        "{}",
        f.stderr
    );
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "precious");
    assert_eq!(files_in(env.dir()), before);

    // Nor an earlier demo's database, nor a directory.
    let kept = env.dir().join("demo.db");
    run(&env, &["demo", "--keep", kept.to_str().unwrap()]);
    let saved = std::fs::read(&kept).unwrap();
    env.fails(&["demo", "--keep", kept.to_str().unwrap()]);
    assert_eq!(std::fs::read(&kept).unwrap(), saved);
    let f = env.fails(&["demo", "--keep", env.dir().to_str().unwrap()]);
    assert!(f.stderr.contains("already exists"), "{}", f.stderr);

    let f = env.fails(&["demo", "--keep", "/no/such/dir/demo.db"]);
    assert!(
        f.stderr
            .contains("cannot create the database at /no/such/dir/demo.db"),
        "{}",
        f.stderr
    );
    assert!(!env.db.exists());
}

#[test]
fn the_full_example_in_docs_review_is_what_the_demo_prints() {
    let env = Env::new();
    let review = text(&run(&env, &["demo"]).stdout);
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/review.md"))
        .expect("docs/review.md");
    let section = &doc[doc.find("## A full example").expect("the section")..];
    let fence = "````markdown\n";
    let start = section.find(fence).expect("its example") + fence.len();
    let length = section[start..].find("````").expect("the example's end");
    assert_eq!(
        &section[start..start + length],
        review,
        "docs/review.md's full example is not what `inc demo` prints: paste the output of \
         `INC_NOW=2026-11-26T14:00:00Z INC_TZ=Europe/Berlin INC_CONFIG=/dev/null inc demo` into it"
    );
}
