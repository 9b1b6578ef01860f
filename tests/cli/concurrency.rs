//! Several `inc` processes on one database at once: every write lands once,
//! readers never fail, and the file stays intact.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use crate::env::Env;

const WRITERS: usize = 8;
const NOTES_EACH: usize = 200;

/// Runs `inc ARGS` and returns (success, stderr).
fn run(env: &Env, args: &[&str]) -> (bool, String) {
    let out = env.std_cmd().args(args).output().expect("run inc");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn concurrent_writers_and_readers_all_succeed() {
    let env = Arc::new(Env::new());
    env.ok(&["open", "Shared incident"]);
    let done = Arc::new(AtomicBool::new(false));

    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let env = Arc::clone(&env);
            thread::spawn(move || {
                for n in 0..NOTES_EACH {
                    let note = format!("writer {w} note {n}");
                    let (ok, err) = run(&env, &["tl", &note, "-i", "1", "--as", &format!("w{w}")]);
                    assert!(ok, "writer {w} note {n} failed: {err}");
                }
            })
        })
        .collect();

    // Meanwhile: new incidents and status changes on them.
    let changer = {
        let env = Arc::clone(&env);
        thread::spawn(move || {
            for i in 0..5 {
                let (ok, err) = run(&env, &["open", &format!("Side incident {i}")]);
                assert!(ok, "open {i} failed: {err}");
                let id = (i + 2).to_string();
                for status in ["identified", "monitoring", "resolved"] {
                    let (ok, err) = run(&env, &["status", status, "-i", &id]);
                    assert!(ok, "status {status} on #{id} failed: {err}");
                }
            }
        })
    };

    // And readers, in a loop until the writers finish.
    let readers: Vec<_> = [
        &["list", "--all"][..],
        &["show", "1"],
        &["timeline", "-i", "1"],
    ]
    .into_iter()
    .map(|args| {
        let env = Arc::clone(&env);
        let done = Arc::clone(&done);
        let args: Vec<String> = args.iter().map(|a| (*a).to_string()).collect();
        thread::spawn(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let mut reads = 0;
            while !done.load(Ordering::Relaxed) {
                let (ok, err) = run(&env, &args);
                assert!(ok, "reader {args:?} failed: {err}");
                reads += 1;
            }
            reads
        })
    })
    .collect();

    for w in writers {
        w.join().expect("writer thread");
    }
    changer.join().expect("changer thread");
    done.store(true, Ordering::Relaxed);
    for r in readers {
        assert!(r.join().expect("reader thread") > 0);
    }

    let conn = env.sql();
    let notes: Vec<String> = conn
        .prepare("SELECT body FROM timeline_entries WHERE incident_id = 1 AND kind = 'note'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        notes.len(),
        WRITERS * NOTES_EACH,
        "every note lands exactly once"
    );
    let distinct: HashSet<&String> = notes.iter().collect();
    assert_eq!(
        distinct.len(),
        WRITERS * NOTES_EACH,
        "no note is duplicated"
    );
    let resolved: i64 = conn
        .query_row(
            "SELECT count(*) FROM incidents WHERE status = 'resolved'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(resolved, 5);
    assert_eq!(env.integrity(), "ok");
}

#[test]
fn concurrent_first_writers_create_one_database() {
    // Several processes racing to create and migrate a new file.
    let env = Arc::new(Env::new());
    let racers: Vec<_> = (0..6)
        .map(|i| {
            let env = Arc::clone(&env);
            thread::spawn(move || run(&env, &["open", &format!("Racer {i}")]))
        })
        .collect();
    for r in racers {
        let (ok, err) = r.join().unwrap();
        assert!(ok, "{err}");
    }
    assert_eq!(env.field("title", &["list"]).len(), 6);
    assert_eq!(env.integrity(), "ok");
}
