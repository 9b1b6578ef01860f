//! A team on one incident from several laptops through a PostgreSQL hub:
//! a throwaway cluster per test (see [`crate::hub`]), laptops as
//! databases of their own, each with its own login role.

use std::time::{Duration, Instant};

use crate::hub::Hub;
use crate::hub::proxy::{Mode, Proxy};

/// The export of a laptop, with the moment of the export left out.
fn export(laptop: &crate::hub::Laptop) -> String {
    let text = laptop.ok(&["export"]);
    text.lines()
        .filter(|l| !l.trim_start().starts_with("\"exported_at\""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn two_laptops_work_one_incident_and_end_identical() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.laptop("alice");
    alice.ok(&["open", "Elevated 500s from API", "--sev", "2"]);
    alice.ok(&["tl", "restarted the message queue"]);
    let joined = alice.ok(&["team", "join", &hub.url("alice")]);
    assert!(joined.contains("as alice, a responder"), "{joined}");
    assert!(joined.contains("shared 1 incident"), "{joined}");

    let bob = hub.joined("bob", None);
    assert_eq!(bob.notes("1"), ["restarted the message queue"]);
    bob.ok(&["tl", "queue depth back to normal"]);
    alice.ok(&["sync"]);
    assert_eq!(
        alice.notes("1"),
        ["restarted the message queue", "queue depth back to normal"]
    );
    bob.ok(&["sync"]);
    assert_eq!(export(&alice), export(&bob));
    assert_eq!(
        alice.ok(&["review", "--markdown"]),
        bob.ok(&["review", "--markdown"])
    );
    // Each change is on the hub once, numbered without a gap.
    assert_eq!(
        hub.sql(
            "SELECT count(*) = max(seq), count(DISTINCT change_id) = count(*) FROM inc.changes"
        ),
        "t|t"
    );
    assert_eq!(
        hub.sql("SELECT DISTINCT pushed_by FROM inc.changes ORDER BY 1"),
        "alice\nbob"
    );
}

#[test]
fn an_unreachable_hub_never_costs_a_note_and_is_not_waited_on_twice() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let proxy = Proxy::start(hub.cluster.port);
    let alice = hub.joined("alice", Some(proxy.port));
    alice.ok(&["open", "Checkout errors", "--sev", "1"]);

    for (mode, name) in [
        (Mode::Refuse, "refused"),
        (Mode::BlackHole, "black hole"),
        (Mode::Reset, "reset"),
    ] {
        proxy.set(mode);
        // Let any back-off of the mode before run out.
        std::thread::sleep(Duration::from_millis(2100));
        let started = Instant::now();
        let out = alice.run(&["tl", &format!("noted while the network is {name}")]);
        let took = started.elapsed();
        assert!(out.status.success(), "{name}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("queued"), "{name}: {stderr}");
        assert!(
            took < Duration::from_millis(2000),
            "{name}: inc tl took {took:?}, over the deadline and half a second"
        );
        // The next write does not wait on the hub again.
        let tried = proxy.connections();
        let started = Instant::now();
        let out = alice.run(&["tl", &format!("and again while {name}")]);
        assert!(out.status.success());
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "{name}: waited again"
        );
        assert_eq!(
            proxy.connections(),
            tried,
            "{name}: tried the hub during the back-off"
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("queued"));
    }

    proxy.set(Mode::Pass);
    alice.ok(&["sync"]);
    assert_eq!(
        alice
            .ok(&["team", "status"])
            .lines()
            .find(|l| l.starts_with("queued:")),
        Some("queued:     0")
    );
    let notes =
        hub.sql("SELECT count(*) FROM inc.changes WHERE kind = 'entry' AND record LIKE '%while%'");
    assert_eq!(notes, "6");
}

#[test]
fn an_observer_never_holds_a_private_note_and_cannot_write() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.joined("alice", None);
    alice.ok(&["open", "Payments declined", "--sev", "2"]);
    alice.ok(&["tl", "public note"]);
    alice.ok(&["tl", "--private", "the customer's name is in this one"]);
    let olga = hub.joined("olga", None);
    assert_eq!(olga.notes("1"), ["public note"]);
    let held = olga.env.sql().query_row(
        "SELECT count(*) FROM timeline_entries WHERE private = 1",
        [],
        |r| r.get::<_, i64>(0),
    );
    assert_eq!(held.unwrap(), 0);
    let err = olga.fails(&["tl", "an observer's note"]);
    assert!(err.contains("observer"), "{err}");
    assert_eq!(olga.notes("1"), ["public note"]);
}

#[test]
fn a_security_incident_reaches_nobody_until_granted_then_all_of_it() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.joined("alice", None);
    let bob = hub.joined("bob", None);
    let sam = hub.joined("sam", None);
    alice.ok(&["open", "--security", "--sev", "1", "Leaked API keys"]);
    alice.ok(&["tl", "rotated the keys"]);
    alice.ok(&["open", "Slow search", "--sev", "3"]);
    bob.ok(&["sync"]);
    let rows_of = |laptop: &crate::hub::Laptop, title: &str| -> i64 {
        laptop
            .env
            .sql()
            .query_row(
                "SELECT count(*) FROM timeline_entries e JOIN incidents i ON i.id = e.incident_id \
                 WHERE i.title = ?1",
                [title],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(rows_of(&bob, "Leaked API keys"), 0, "bob got a row of it");
    assert!(rows_of(&bob, "Slow search") > 0);
    // The security group sees it.
    sam.ok(&["sync"]);
    assert!(rows_of(&sam, "Leaked API keys") > 0);

    let granted = alice.ok(&["team", "grant", "bob", "--incident", "1"]);
    assert!(granted.contains("bob may now see incident"), "{granted}");
    bob.ok(&["sync"]);
    assert_eq!(
        rows_of(&bob, "Leaked API keys"),
        rows_of(&alice, "Leaked API keys")
    );
}

#[test]
fn the_hub_itself_enforces_who_writes_and_who_reads() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.joined("alice", None);
    alice.ok(&["open", "DNS failures", "--sev", "2"]);
    let conn = |user: &str| {
        format!(
            "host=127.0.0.1 port={} dbname=hub user={user} sslmode=verify-full sslrootcert={}",
            hub.cluster.port,
            hub.cluster.ca.display()
        )
    };
    let as_user = |user: &str, sql: &str| {
        hub.cluster
            .psql_tcp(&conn(user), Some(&format!("pw-{user}")), sql)
    };
    // No table rights beyond reading: writes go through inc.push, which
    // stamps the real user.
    let err = as_user(
        "alice",
        "INSERT INTO inc.changes (incident, seq, change_id, kind, format, private, record_uuid, record, pushed_by) \
         SELECT uuid, 99, gen_random_uuid(), 'entry', 2, false, 'x', '{}', 'bob' FROM inc.incidents",
    )
    .unwrap_err();
    assert!(err.contains("permission denied"), "{err}");
    let err = as_user("olga", "SELECT * FROM inc.push('[]'::jsonb, '')").unwrap_err();
    assert!(
        err.contains("permission denied") || err.contains("may not write"),
        "{err}"
    );
    // No view of the schema runs with its owner's rights.
    assert_eq!(
        hub.sql(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = 'inc' AND c.relkind = 'v' \
             AND NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false)"
        ),
        "0"
    );
    // A login in no group sees nothing.
    hub.cluster.create_login("mallory", "pw-mallory", &[]);
    let err = as_user("mallory", "SELECT count(*) FROM inc.changes").unwrap_err();
    assert!(err.contains("permission denied"), "{err}");
}

#[test]
fn credentials_come_only_from_a_private_password_file_and_are_never_shown() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.laptop("alice");
    let with_password = hub.url("alice").replacen("alice@", "alice:pw-alice@", 1);
    let err = alice.fails(&["team", "join", &with_password]);
    assert!(err.contains("holds a password"), "{err}");
    assert!(!err.contains("pw-alice"), "{err}");

    let pgpass = alice.env.dir().join(".pgpass");
    std::fs::set_permissions(&pgpass, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let err = alice.fails(&["team", "join", &hub.url("alice")]);
    assert!(err.contains("may be read by others"), "{err}");
    assert!(err.contains("chmod 600"), "{err}");
    assert!(!err.contains("pw-alice"), "{err}");

    std::fs::set_permissions(&pgpass, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    // A certificate authority that did not sign the hub's is refused.
    let wrong_ca = format!(
        "postgres://alice@127.0.0.1:{}/hub?sslrootcert={}",
        hub.cluster.port,
        hub.cluster.other_ca.display()
    );
    let err = alice.fails(&["team", "join", &wrong_ca]);
    assert!(err.contains("certificate"), "{err}");
    // A wrong password is refused, and not shown.
    std::fs::write(
        &pgpass,
        hub.cluster.pgpass_line("alice", "not-the-password"),
    )
    .unwrap();
    let err = alice.fails(&["team", "join", &hub.url("alice")]);
    assert!(err.contains("refused"), "{err}");
    assert!(!err.contains("not-the-password"), "{err}");

    std::fs::write(&pgpass, hub.cluster.pgpass_line("alice", "pw-alice")).unwrap();
    alice.ok(&["team", "join", &hub.url("alice")]);
    for args in [
        &["team", "status"][..],
        &["config", "show"][..],
        &["doctor"][..],
        &["export"][..],
    ] {
        let out = alice.run(args);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !all.contains("pw-alice"),
            "inc {args:?} showed the password"
        );
    }
    let status = alice.ok(&["team", "status"]);
    assert!(status.contains("credential: a password from"), "{status}");
    // Nothing of the password in the database either.
    let db = std::fs::read(&alice.env.db).unwrap();
    assert!(!db.windows(8).any(|w| w == b"pw-alice"));
}

#[test]
fn fifty_writers_on_three_laptops_lose_nothing_and_duplicate_nothing() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let laptops = [
        hub.joined("alice", None),
        hub.joined("bob", None),
        hub.joined("carol", None),
    ];
    laptops[0].ok(&["open", "Cache stampede", "--sev", "1"]);
    for laptop in &laptops[1..] {
        laptop.ok(&["sync"]);
    }
    let mut writers = Vec::new();
    for i in 0..50 {
        let laptop = &laptops[i % 3];
        let child = laptop
            .cmd()
            .args(["tl", &format!("note {i:02}")])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run inc tl");
        writers.push((i, child));
        if i % 10 == 0 {
            // Readers pull while the writers push.
            for laptop in &laptops {
                laptop.run(&["timeline"]);
            }
        }
    }
    let mut noted = Vec::new();
    for (i, child) in writers {
        let out = child.wait_with_output().expect("wait for inc tl");
        assert!(
            out.status.success(),
            "note {i}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if String::from_utf8_lossy(&out.stdout).starts_with("noted") {
            noted.push(format!("note {i:02}"));
        }
    }
    assert_eq!(noted.len(), 50);
    for _ in 0..2 {
        for laptop in &laptops {
            laptop.ok(&["sync"]);
        }
    }
    for laptop in &laptops {
        let mut notes = laptop.notes("1");
        notes.sort();
        assert_eq!(notes, noted, "{}", laptop.user);
    }
    assert_eq!(
        hub.sql(
            "SELECT count(*), count(DISTINCT record) FROM inc.changes \
             WHERE kind = 'entry' AND record LIKE '%\"body\":\"note %'"
        ),
        "50|50"
    );
    assert_eq!(
        hub.sql("SELECT bool_and(n = m) FROM (SELECT count(*) AS n, max(seq) AS m FROM inc.changes GROUP BY incident) x"),
        "t"
    );
    let exports: Vec<String> = laptops.iter().map(export).collect();
    assert_eq!(exports[0], exports[1]);
    assert_eq!(exports[0], exports[2]);
}

#[test]
fn killed_commands_and_hub_backends_lose_and_duplicate_nothing() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let proxy = Proxy::start(hub.cluster.port);
    let alice = hub.joined("alice", Some(proxy.port));
    let bob = hub.joined("bob", None);
    alice.ok(&["open", "Disk full on db-3", "--sev", "2"]);
    proxy.set(Mode::Slow(Duration::from_millis(30)));
    let commands: [&[&str]; 3] = [&["tl", "x"], &["sync"], &["timeline"]];
    for round in 0..24u64 {
        let args = commands[usize::try_from(round % 3).unwrap()];
        let note = format!("kill round {round}");
        let args: Vec<&str> = if args[0] == "tl" {
            vec!["tl", &note]
        } else {
            args.to_vec()
        };
        let mut child = alice
            .cmd()
            .args(&args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("run inc");
        // A spread of moments: before, during and after the local commit
        // and the network calls.
        std::thread::sleep(Duration::from_millis(5 + (round * 37) % 250));
        child.kill().ok();
        child.wait().ok();
        if round % 5 == 4 {
            hub.cluster.kill_backends(crate::hub::DB);
        }
    }
    proxy.set(Mode::Pass);
    assert_eq!(alice.env.integrity(), "ok");
    alice.ok(&["sync"]);
    bob.ok(&["sync"]);
    assert_eq!(bob.env.integrity(), "ok");
    let mine = alice.notes("1");
    assert_eq!(bob.notes("1"), mine);
    assert_eq!(
        hub.sql(
            "SELECT count(DISTINCT record) FROM inc.changes \
             WHERE kind = 'entry' AND record LIKE '%kill round%'"
        ),
        mine.len().to_string()
    );
    assert_eq!(hub.sql("SELECT count(*) = max(seq) FROM inc.changes"), "t");
}

#[test]
fn a_laptop_ten_minutes_ahead_still_loses_to_a_later_edit() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let real_now = inc::clock::Clock::system().now();
    let ahead = (real_now + chrono::TimeDelta::minutes(10)).to_rfc3339();
    let now = real_now.to_rfc3339();
    let alice = hub.joined("alice", None);
    let bob = hub.joined("bob", None);
    let run = |laptop: &crate::hub::Laptop, at: &str, args: &[&str]| {
        let out = laptop.cmd().env("INC_NOW", at).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&alice, &ahead, &["open", "Clock trouble", "--sev", "3"]);
    run(&alice, &ahead, &["tl", "first words"]);
    run(&alice, &ahead, &["entry", "edit", "last", "alice's words"]);
    run(&bob, &now, &["sync"]);
    // Bob corrects it after seeing Alice's edit, with a clock ten minutes
    // behind hers.
    let timeline: serde_json::Value =
        serde_json::from_str(&run(&bob, &now, &["timeline", "--json"])).unwrap();
    let note = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "note")
        .expect("alice's note reached bob");
    let reference = note["ref"].as_str().unwrap().to_string();
    run(
        &bob,
        &now,
        &["entry", "edit", &reference, "bob's words, later"],
    );
    run(&alice, &ahead, &["sync"]);
    run(&bob, &now, &["sync"]);
    assert_eq!(alice.notes("1"), ["bob's words, later"]);
    assert_eq!(bob.notes("1"), ["bob's words, later"]);
    let doctor = alice
        .cmd()
        .env("INC_NOW", &ahead)
        .args(["doctor"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&doctor.stdout);
    assert!(said.contains("ahead of the hub"), "{said}");
}

/// An export with one incident per count in `notes`, each with that many
/// notes besides its declared entry: the incident and its entries are
/// `2 + n` changes on the hub.
fn incidents_with_notes(template: &serde_json::Value, notes: &[usize]) -> String {
    let base = &template["incidents"][0];
    let declared = base["timeline"][0].clone();
    let mut incidents = Vec::new();
    for (i, &n) in notes.iter().enumerate() {
        let mut incident = base.clone();
        incident["uuid"] = format!("00000000-0000-7000-8000-{:012x}", i + 1).into();
        let mut first = declared.clone();
        first["uuid"] = format!("00000000-0000-7000-9000-{:012x}", i + 1).into();
        first["body"] = format!("{n} notes").into();
        let mut timeline = vec![first];
        for k in 0..n {
            let mut note = declared.clone();
            note["uuid"] = format!("00000000-{:04x}-7000-a000-{k:012x}", i + 1).into();
            note["kind"] = "note".into();
            note["body"] = format!("note {k}").into();
            note["to_value"] = serde_json::Value::Null;
            timeline.push(note);
        }
        incident["timeline"] = timeline.into();
        incidents.push(incident);
    }
    let mut doc = template.clone();
    doc["incidents"] = incidents.into();
    doc.to_string()
}

#[test]
fn pulls_end_exactly_at_page_boundaries() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    // 500 changes (a page), 501 (a page and one), 1000 (two pages).
    let counts = [498, 499, 998];
    let alice = hub.laptop("alice");
    alice.ok(&["open", "template", "--sev", "3"]);
    let template: serde_json::Value = serde_json::from_str(&alice.ok(&["export"])).unwrap();
    let file = alice.env.dir().join("pages.json");
    std::fs::write(&file, incidents_with_notes(&template, &counts)).unwrap();
    let fresh = hub.laptop("alice");
    fresh.ok(&["import", file.to_str().unwrap()]);
    fresh.ok(&["team", "join", &hub.url("alice")]);
    assert_eq!(
        hub.sql("SELECT string_agg(head::text, ',' ORDER BY number) FROM inc.incidents"),
        "500,501,1000"
    );
    let bob = hub.joined("bob", None);
    let count = |laptop: &crate::hub::Laptop, id: &str| laptop.notes(id).len();
    let ids = ["1", "2", "3"];
    for (id, n) in ids.iter().zip(counts) {
        assert_eq!(count(&bob, id), n, "incident {id}");
    }
    // The cursor sits exactly at the end: one more change comes, once.
    for id in ids {
        fresh.ok(&["tl", "-i", id, "one more"]);
    }
    bob.ok(&["sync"]);
    for (id, n) in ids.iter().zip(counts) {
        assert_eq!(count(&bob, id), n + 1, "incident {id}");
    }
    assert_eq!(export(&fresh), export(&bob));
}

#[test]
fn a_change_in_a_newer_format_stops_that_incident_but_not_the_laptops_own_pushes() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.joined("alice", None);
    let bob = hub.joined("bob", None);
    alice.ok(&["open", "Future trouble", "--sev", "2"]);
    bob.ok(&["sync"]);
    // What a newer inc would push.
    hub.sql(
        "WITH i AS (UPDATE inc.incidents SET head = head + 1 RETURNING uuid, head) \
         INSERT INTO inc.changes (incident, seq, change_id, kind, format, private, record_uuid, record, pushed_by) \
         SELECT uuid, head, gen_random_uuid(), 'hypothesis', 9, false, 'x', '{}', 'carol' FROM i",
    );
    alice.ok(&["tl", "after the newer change"]);
    let out = bob.run(&["sync"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("upgrade inc"), "{said}");
    assert!(
        bob.notes("1").is_empty(),
        "the pull went past the change it cannot read"
    );
    // Bob's own notes still go (every laptop of this version stops at the
    // same change, so they reach the hub, and newer laptops).
    bob.ok(&["tl", "bob is still heard"]);
    assert_eq!(
        hub.sql("SELECT pushed_by FROM inc.changes WHERE record LIKE '%bob is still heard%'"),
        "bob"
    );
    assert!(
        bob.run(&["sync"])
            .stderr
            .windows(11)
            .any(|w| w == b"upgrade inc")
    );
}

#[test]
fn a_note_reaches_a_teammates_follow_within_a_second() {
    use std::io::BufRead;
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.joined("alice", None);
    let bob = hub.joined("bob", None);
    alice.ok(&["open", "Live view", "--sev", "2"]);
    bob.ok(&["sync"]);
    let mut follow = bob
        .cmd()
        .args(["timeline", "--follow"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run inc timeline --follow");
    let (lines, arrived) = std::sync::mpsc::channel();
    let stdout = follow.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if lines.send((line, Instant::now())).is_err() {
                break;
            }
        }
    });
    // The timeline as it is, first.
    let (first, _) = arrived.recv_timeout(Duration::from_secs(10)).unwrap();
    assert!(first.contains("Live view"), "{first}");
    std::thread::sleep(Duration::from_millis(800));
    let mut worst = Duration::ZERO;
    for i in 0..3 {
        let text = format!("live note {i}");
        let before = Instant::now();
        alice.ok(&["tl", &text]);
        let written = Instant::now();
        let seen_at = loop {
            let (line, at) = arrived
                .recv_timeout(Duration::from_secs(5))
                .unwrap_or_else(|_| panic!("{text} never reached bob's --follow"));
            if line.contains(&text) {
                break at;
            }
        };
        // From the moment alice's command returned (its push done).
        let took = seen_at.saturating_duration_since(written);
        assert!(seen_at > before);
        worst = worst.max(took);
    }
    follow.kill().ok();
    follow.wait().ok();
    assert!(
        worst < Duration::from_secs(1),
        "a note took {worst:?} to show"
    );
}

#[test]
fn a_note_written_as_someone_else_shows_who_pushed_it() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.joined("alice", None);
    let bob = hub.joined("bob", None);
    alice.ok(&["open", "Who wrote this", "--sev", "3"]);
    alice.ok(&["--as", "mallory", "tl", "it was not me"]);
    bob.ok(&["sync"]);
    let timeline: serde_json::Value =
        serde_json::from_str(&bob.ok(&["timeline", "--json"])).unwrap();
    let note = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "note")
        .unwrap();
    assert_eq!(note["author"], "mallory");
    assert_eq!(note["pushed_by"], "alice");
    let declared = &timeline[0];
    assert!(declared.get("pushed_by").is_none(), "{declared}");
    let history = bob.ok(&["timeline", "--history"]);
    assert!(history.contains("mallory (pushed by alice)"), "{history}");
}

#[test]
fn an_incident_has_one_number_on_every_laptop_and_a_local_one_until_shared() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.laptop("alice");
    alice.ok(&["open", "API errors", "--sev", "2"]);
    alice.ok(&["team", "join", &hub.url("alice")]);
    let proxy = Proxy::start(hub.cluster.port);
    let bob = hub.laptop("bob");
    bob.ok(&["open", "Bob's own", "--sev", "3"]);
    bob.ok(&[
        "team",
        "join",
        &hub.cluster.url_via(proxy.port, "bob", crate::hub::DB),
    ]);
    // Bob's incident was #1 on his laptop; on the team it is #2, and
    // alice's is #1 on both.
    let list = bob.ok(&["list"]);
    assert!(
        list.contains("#1  ") && list.contains("API errors"),
        "{list}"
    );
    assert!(
        list.contains("#2  ") && list.contains("Bob's own"),
        "{list}"
    );
    bob.ok(&["tl", "-i", "1", "seen from bob"]);
    alice.ok(&["sync"]);
    assert_eq!(alice.notes("1"), ["seen from bob"]);
    assert!(alice.ok(&["show", "2"]).contains("#2 SEV3 Bob's own"));
    // Bob's action item on alice's incident names it #1 (his local id 2).
    bob.ok(&["action", "add", "-i", "1", "retry budget", "--owner", "sre"]);
    let listed = bob.ok(&["actions"]);
    assert!(listed.contains("#1 API errors"), "{listed}");
    let found = bob.ok(&["search", "retry"]);
    assert!(found.starts_with("#1 SEV2 API errors"), "{found}");

    // Offline, a new incident has only its local number, in its own form.
    proxy.set(Mode::Refuse);
    let out = bob.run(&["open", "Offline one", "--sev", "3"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.starts_with("#L3 SEV3 Offline one"), "{said}");
    assert!(bob.ok(&["show", "L3"]).contains("#L3 SEV3 Offline one"));
    let err = bob.fails(&["show", "3"]);
    assert!(err.contains("no incident #3 on this team"), "{err}");
    proxy.set(Mode::Pass);
    bob.ok(&["sync"]);
    assert!(bob.ok(&["show", "3"]).contains("#3 SEV3 Offline one"));
    alice.ok(&["sync"]);
    assert!(alice.ok(&["show", "3"]).contains("#3 SEV3 Offline one"));
}

#[test]
fn a_change_the_hub_refuses_holds_back_nothing_else() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.joined("alice", None);
    let bob = hub.joined("bob", None);
    let sam = hub.joined("sam", None);
    alice.ok(&["open", "Shared one", "--sev", "2"]);
    alice.ok(&["open", "Other one", "--sev", "3"]);
    bob.ok(&["sync"]);
    sam.ok(&["sync"]);
    // Sam, of the security group, restricts the first incident while bob,
    // who is not, writes to it without having pulled that: the hub
    // refuses his note.
    sam.ok(&["security", "on", "-i", "1"]);
    let out = bob.run(&["tl", "-i", "1", "bob can no longer write here"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("refused a change"), "{said}");
    assert!(said.contains("stays on this laptop only"), "{said}");
    // Nothing stays queued, and his other notes still go.
    bob.ok(&["tl", "-i", "2", "but here he can"]);
    let status = bob.ok(&["team", "status"]);
    assert!(status.contains("queued:     0"), "{status}");
    alice.ok(&["sync"]);
    assert_eq!(alice.notes("2"), ["but here he can"]);
    assert!(
        !alice
            .notes("1")
            .contains(&"bob can no longer write here".to_string())
    );
}

#[test]
fn an_incident_that_cannot_be_merged_holds_back_no_other() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.joined("alice", None);
    let bob = hub.joined("bob", None);
    alice.ok(&["open", "First", "--sev", "2"]);
    alice.ok(&["open", "Second", "--sev", "3"]);
    bob.ok(&["sync"]);
    // A record no inc would write, on the first incident.
    hub.sql(
        "WITH i AS (UPDATE inc.incidents SET head = head + 1 WHERE number = 1 \
                    RETURNING uuid, head) \
         INSERT INTO inc.changes (incident, seq, change_id, kind, format, private, record_uuid, \
                                  record, pushed_by) \
         SELECT uuid, head, gen_random_uuid(), 'entry', 2, false, 'x', '{\"uuid\": 1}', 'carol' \
         FROM i",
    );
    alice.ok(&["tl", "-i", "2", "still arrives"]);
    let out = bob.run(&["sync"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("incident #1 was not pulled"), "{said}");
    assert_eq!(bob.notes("2"), ["still arrives"]);
    // The hub is not taken for unreachable: no back-off.
    let status = bob.ok(&["team", "status"]);
    assert!(!status.contains("last error"), "{status}");
}

#[test]
fn a_note_made_private_stays_hidden_from_observers_whoever_edits_it_later() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.joined("alice", None);
    let bob = hub.joined("bob", None);
    alice.ok(&["open", "Customer data", "--sev", "2"]);
    alice.ok(&["tl", "called the customer"]);
    bob.ok(&["sync"]);
    let timeline: serde_json::Value =
        serde_json::from_str(&bob.ok(&["timeline", "--json"])).unwrap();
    let reference = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "note")
        .unwrap()["ref"]
        .as_str()
        .unwrap()
        .to_string();
    alice.ok(&[
        "entry",
        "edit",
        &reference,
        "--private",
        "--reason",
        "names a customer",
    ]);
    // Bob has not pulled that, and adds the customer's name.
    bob.ok(&["entry", "edit", &reference, "called ACME's Jane Doe"]);
    let olga = hub.joined("olga", None);
    let export = olga.ok(&["export"]);
    assert!(
        !export.contains("Jane Doe"),
        "the observer got the private text"
    );
    assert!(!export.contains("called the customer"));
}

#[test]
fn a_task_and_an_action_item_have_one_name_on_every_laptop() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.joined("alice", None);
    let bob = hub.joined("bob", None);
    alice.ok(&["open", "Queue backlog", "--sev", "2"]);
    let added = alice.ok(&[
        "task",
        "add",
        "drain the dead-letter queue",
        "--owner",
        "alice",
    ]);
    bob.ok(&["sync"]);
    let refs = |laptop: &crate::hub::Laptop| -> Vec<String> {
        let tasks: serde_json::Value =
            serde_json::from_str(&laptop.ok(&["task", "list", "--all", "--json"])).unwrap();
        tasks
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["ref"].as_str().expect("a ref on a team").to_string())
            .collect()
    };
    let mine = refs(&alice);
    assert_eq!(mine.len(), 1);
    assert_eq!(refs(&bob), mine);
    assert!(
        added.starts_with(&format!("task {} added", mine[0])),
        "{added}"
    );
    // Local numbers differ between laptops: refused, with the way out.
    let err = bob.fails(&["task", "done", "1"]);
    assert!(err.contains("named by its ref"), "{err}");
    let done = bob.ok(&["task", "done", &mine[0]]);
    assert!(
        done.starts_with(&format!("task {} on #1", mine[0])),
        "{done}"
    );
    alice.ok(&["sync"]);
    let tasks: serde_json::Value =
        serde_json::from_str(&alice.ok(&["task", "list", "--all", "--json"])).unwrap();
    assert_eq!(tasks[0]["done_by"], "bob");

    // Action items too.
    alice.ok(&[
        "action",
        "add",
        "alert on queue depth",
        "--owner",
        "platform",
    ]);
    bob.ok(&["sync"]);
    let action_ref = |laptop: &crate::hub::Laptop| -> String {
        let items: serde_json::Value =
            serde_json::from_str(&laptop.ok(&["action", "list", "--json"])).unwrap();
        items[0]["ref"]
            .as_str()
            .expect("a ref on a team")
            .to_string()
    };
    let named = action_ref(&alice);
    assert_eq!(action_ref(&bob), named);
    let err = bob.fails(&["action", "done", "1"]);
    assert!(err.contains("named by its ref"), "{err}");
    let done = bob.ok(&["action", "done", &named]);
    assert!(done.starts_with(&format!("action {named} on #1")), "{done}");
    alice.ok(&["sync"]);
    let items: serde_json::Value =
        serde_json::from_str(&alice.ok(&["action", "list", "--json"])).unwrap();
    assert_eq!(items[0]["status"], "done");
}

#[test]
fn version_help_and_completions_never_touch_the_network() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let proxy = Proxy::start(hub.cluster.port);
    let alice = hub.joined("alice", Some(proxy.port));
    alice.ok(&["open", "Quiet", "--sev", "3"]);
    let before = proxy.connections();
    for args in [
        &["--version"][..],
        &["help"],
        &["help", "timeline"],
        &["tl", "--help"],
        &["completions", "bash"],
    ] {
        alice.ok(args);
    }
    let complete = alice
        .cmd()
        .env("INC_COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .args(["--", "inc", "show", ""])
        .output()
        .unwrap();
    assert!(complete.status.success());
    assert!(String::from_utf8_lossy(&complete.stdout).contains('1'));
    assert_eq!(proxy.connections(), before, "a command went to the hub");
}

#[test]
fn a_hub_replaced_or_restored_from_a_backup_is_said_not_merged_into() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.joined("alice", None);
    let bob = hub.joined("bob", None);
    alice.ok(&["open", "Restore drill", "--sev", "3"]);
    alice.ok(&["tl", "one"]);
    alice.ok(&["tl", "two"]);
    bob.ok(&["sync"]);
    // Restored from a backup taken after the first change.
    hub.sql("DELETE FROM inc.changes WHERE seq > 1; UPDATE inc.incidents SET head = 1");
    let out = bob.run(&["sync"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("restored from a backup"), "{said}");
    assert_eq!(
        bob.notes("1"),
        ["one", "two"],
        "nothing of bob's record is lost"
    );
    // Replaced by another hub at the same address.
    hub.sql("UPDATE inc.meta SET value = gen_random_uuid()::text WHERE key = 'hub_id'");
    let err = bob.fails(&["sync"]);
    assert!(err.contains("not the one this laptop joined"), "{err}");
    // Nor does a write push into it: the note stays queued.
    let out = bob.run(&["tl", "not for another hub"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not the one this laptop joined"));
    assert_eq!(
        hub.sql("SELECT count(*) FROM inc.changes WHERE record LIKE '%not for another hub%'"),
        "0"
    );
    bob.ok(&["team", "leave", "--force"]);
    bob.ok(&["team", "join", &hub.url("bob")]);
    // Joining again gave the hub bob's record back.
    assert_eq!(
        hub.sql("SELECT count(*) FROM inc.changes WHERE record LIKE '%\"body\":\"two\"%'"),
        "1"
    );
    assert_eq!(
        hub.sql("SELECT count(*) FROM inc.changes WHERE record LIKE '%not for another hub%'"),
        "1"
    );
}

#[test]
fn checklist_items_added_on_two_laptops_end_numbered_alike_and_take_refs() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let alice = hub.joined("alice", None);
    let sam = hub.joined("sam", None);
    alice.ok(&["open", "--security", "--sev", "1", "Token leak"]);
    sam.ok(&["sync"]);
    // Both add an item before seeing the other's: both call theirs the
    // next number until they sync.
    alice.ok(&["checklist", "add", "legal: tell the DPO"]);
    sam.ok(&["checklist", "add", "comms: draft the notice"]);
    alice.ok(&["sync"]);
    sam.ok(&["sync"]);
    let items = |laptop: &crate::hub::Laptop| -> Vec<(i64, String, String)> {
        let list: serde_json::Value =
            serde_json::from_str(&laptop.ok(&["checklist", "--json"])).unwrap();
        list["items"]
            .as_array()
            .or_else(|| list.as_array())
            .expect("checklist items")
            .iter()
            .map(|i| {
                (
                    i["item"].as_i64().unwrap_or_default(),
                    i["text"]
                        .as_str()
                        .or(i["body"].as_str())
                        .unwrap_or_default()
                        .to_string(),
                    i["uuid"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    let mine = items(&alice);
    assert_eq!(items(&sam), mine, "numbered alike once synced");
    // The end of an item's UUID names it on any laptop, synced or not.
    let (_, _, uuid) = mine.last().expect("an item").clone();
    let done = sam.ok(&["checklist", "done", &uuid[uuid.len() - 8..]]);
    assert!(done.contains("done at"), "{done}");
}

#[test]
fn a_client_certificate_stands_for_a_password() {
    let Some(hub) = Hub::start("the team hub over PostgreSQL") else {
        return;
    };
    let user = crate::hub::cluster::CERT_USER;
    hub.cluster.psql(
        "postgres",
        &format!("CREATE ROLE {user} LOGIN IN ROLE inc_responders"),
    );
    let (cert, key) = hub.cluster.client_cert();
    let carl = hub.laptop(user);
    std::fs::remove_file(carl.env.dir().join(".pgpass")).unwrap();
    let url = format!(
        "{}&sslcert={}&sslkey={}",
        hub.url(user),
        cert.display(),
        key.display()
    );
    carl.ok(&["team", "join", &url]);
    carl.ok(&["open", "By certificate", "--sev", "3"]);
    carl.ok(&["tl", "no password anywhere"]);
    assert_eq!(hub.sql("SELECT DISTINCT pushed_by FROM inc.changes"), user);
    let status = carl.ok(&["team", "status"]);
    assert!(
        status.contains("credential: the client certificate"),
        "{status}"
    );
    // A key others may read is refused, as libpq refuses it.
    std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let err = carl.fails(&["sync"]);
    assert!(err.contains("the client key"), "{err}");
    assert!(err.contains("may be read by others"), "{err}");
}
