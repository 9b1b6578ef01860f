//! Benchmarks of `inc` as whole processes, as people run it, against the
//! floor of the same work done by the `sqlite3` shell and by a minimal
//! rusqlite program. See docs/performance.md for how to read the results.
//!
//! Run with `cargo bench --bench cli`. Settings (environment variables):
//! `INC_BENCH_RUNS` (timed runs per command, default 100),
//! `INC_BENCH_DIR` (where the databases live, default target/inc-bench; the
//! large database is built once and reused).

// wait4(2) is the only way to read the peak memory of one child process.
#![allow(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{TimeDelta, TimeZone, Utc};
use inc::model::{IncidentRef, NewEntry, NewIncident, Severity};
use inc::store::{Store, StoreOptions};

const INCIDENTS: usize = 10_000;
const ENTRIES: usize = 1_000_000;
const BIG_INCIDENT: usize = 100_000; // entries of incident #1
const TIMELINE_INCIDENT: usize = 10_000; // entries of incident #2
const OPEN_AT_THE_END: usize = 5; // the newest few stay open

/// The insert `inc tl` does, for the floors.
const INSERT: &str = "INSERT INTO timeline_entries \
    (uuid, incident_id, kind, body, event_at, recorded_at, author) \
    VALUES (lower(hex(randomblob(16))), 1, 'note', 'bench note', \
    strftime('%Y-%m-%dT%H:%M:%fZ'), strftime('%Y-%m-%dT%H:%M:%fZ'), 'bench')";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("--floor-insert") => return floor_insert(Path::new(&args[2])),
        Some("--run-one") => return run_one(&args[2], &args[3..]),
        _ => {}
    }
    let runs: usize = std::env::var("INC_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let dir = std::env::var_os("INC_BENCH_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/inc-bench"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir).expect("bench dir");
    let inc = PathBuf::from(env!("CARGO_BIN_EXE_inc"));
    let me = std::env::current_exe().expect("own path");

    let small = dir.join("small.db");
    let _ = std::fs::remove_file(&small);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.join(format!("small.db{suffix}")));
    }
    build(&small, 1, 10, 10, 1);
    let large = dir.join("large.db");
    if !is_built(&large) {
        eprintln!(
            "building {} ({INCIDENTS} incidents, {ENTRIES} entries); this takes a while once",
            large.display()
        );
        let _ = std::fs::remove_file(&large);
        let started = Instant::now();
        build(&large, INCIDENTS, ENTRIES, BIG_INCIDENT, TIMELINE_INCIDENT);
        eprintln!("built in {:.1} s", started.elapsed().as_secs_f64());
    }

    let env = |db: &Path| -> Vec<(&'static str, String)> {
        vec![
            ("INC_DB", db.display().to_string()),
            ("INC_USER", "bench".into()),
            ("INC_TZ", "UTC".into()),
            ("XDG_CONFIG_HOME", dir.display().to_string()),
            ("HOME", dir.display().to_string()),
        ]
    };
    let sqlite3 = which("sqlite3");
    let true_bin = which("true").unwrap_or_else(|| PathBuf::from("/bin/true"));
    let path = |p: &Path| p.display().to_string();
    let mut cases = vec![
        Case::new("/bin/true", &true_bin, &[], &[], 1),
        Case::new("inc --version", &inc, &["--version"], &[], 1),
    ];
    for (label, db) in [("empty", &small), ("large", &large)] {
        if let Some(sqlite3) = &sqlite3 {
            let name = format!("sqlite3 shell insert ({label})");
            cases.push(Case::new(&name, sqlite3, &[&path(db), INSERT], &[], 1));
        }
        let name = format!("rusqlite insert ({label})");
        cases.push(Case::new(
            &name,
            &me,
            &["--floor-insert", &path(db)],
            &[],
            1,
        ));
        let name = format!("inc tl ({label})");
        cases.push(Case::new(&name, &inc, &["tl", "bench note"], &env(db), 1));
    }
    let e = env(&large);
    cases.extend([
        Case::new("inc list (large)", &inc, &["list"], &e, 1),
        Case::new("inc show 1 (large)", &inc, &["show", "1"], &e, 1),
        Case::new(
            "inc list --all (large, 10,000 rows)",
            &inc,
            &["list", "--all"],
            &e,
            10,
        ),
        Case::new(
            "inc timeline 2 (10,000 entries)",
            &inc,
            &["timeline", "2"],
            &e,
            4,
        ),
        Case::new(
            "inc timeline 2 --json (10,000 entries)",
            &inc,
            &["timeline", "2", "--json"],
            &e,
            4,
        ),
        Case::new(
            "inc timeline 1 (100,000 entries)",
            &inc,
            &["timeline", "1"],
            &e,
            20,
        ),
    ]);
    // Across incidents: what teams ask of the whole database. Fixed dates,
    // since the bench's clock is the real one.
    for args in [
        &["stats"][..],
        &["stats", "--json"],
        &["stats", "--since", "2025-01-01", "--until", "2025-07-01"],
        &["stats", "--sev", "2", "--include-drills", "--json"],
        &["search", "54321"],
        &["search", "dashboards"],
        &["search", "rest*"],
        &["search", "dashboards", "54321"],
        &["search", "dashboards", "-i", "5000"],
        &["search", "canary", "--json"],
        &["actions", "--overdue", "--owner", "team3"],
        &["actions", "--open", "--due-before", "2024-06-01"],
        &["reviews", "--json"],
    ] {
        let name = format!("inc {} (across)", args.join(" "));
        cases.push(Case::new(&name, &inc, args, &e, 1));
    }

    // The same commands by an earlier build (INC_BENCH_BASE=path/to/inc),
    // on the same databases: what a change costs commands that do not use
    // what it adds.
    if let Some(base) = std::env::var_os("INC_BENCH_BASE").map(PathBuf::from) {
        let (small_base, large_base) = (dir.join("small-base.db"), dir.join("large-base.db"));
        for (from, to) in [(&small, &small_base), (&large, &large_base)] {
            as_schema_9(from, to);
        }
        for (name, args, db) in [
            ("inc --version", &["--version"][..], &small_base),
            ("inc tl (empty)", &["tl", "bench note"], &small_base),
            ("inc tl (large)", &["tl", "bench note"], &large_base),
            ("inc show 1 (large)", &["show", "1"], &large_base),
            ("inc list (large)", &["list"], &large_base),
            (
                "inc timeline 2 (10,000 entries)",
                &["timeline", "2"],
                &large_base,
            ),
        ] {
            cases.push(Case::new(
                &format!("base: {name}"),
                &base,
                args,
                &env(db),
                1,
            ));
        }
    }
    // On a team (INC_BENCH_HUB=URL of a hub inc may install itself in):
    // a note pushed to a hub on this machine.
    let hub = std::env::var("INC_BENCH_HUB").ok();
    if let Some(url) = &hub {
        let team = dir.join("team.db");
        let _ = std::fs::remove_file(&team);
        build(&team, 1, 10, 10, 1);
        let inc_with = |db: &Path, args: &[&str]| {
            std::process::Command::new(&inc)
                .args(args)
                .envs(env(db))
                .output()
                .expect("run inc")
        };
        // Installed once; "already holds" on later runs.
        inc_with(&team, &["hub", "init", url]);
        let joined = inc_with(&team, &["team", "join", url]);
        assert!(joined.status.success(), "{joined:?}");
        cases.push(Case::new(
            "inc tl (empty, on a team, hub on loopback)",
            &inc,
            &["tl", "bench note"],
            &env(&team),
            1,
        ));
    }

    // Interleaved: each round runs every case once (the slow ones every few
    // rounds), so drift in the machine's speed touches all cases alike.
    let warmup = 3;
    for round in 0..runs + warmup {
        for case in &mut cases {
            if round % case.every == 0 {
                let (time, peak) = run_once(case);
                if round >= warmup {
                    case.row.times.push(time);
                    case.row.peak_kib = case.row.peak_kib.max(peak);
                }
            }
        }
        if round % 20 == 0 {
            eprint!("\rround {round}/{}", runs + warmup);
        }
    }
    eprintln!();
    let results: Vec<Row> = cases
        .into_iter()
        .map(|mut c| {
            c.row.times.sort();
            c.row
        })
        .collect();
    print_report(&results);
    if let Some(url) = &hub {
        follow_latency(&inc, &dir, url, &env);
    }
}

/// A copy of `from` as a build of schema version 9 reads it, for the base
/// build: schema 10 only added the table `sync_incidents` (empty off a
/// team), so the copy is the same file without it. A byte copy, not a
/// vacuumed one, so that both builds read the same layout.
fn as_schema_9(from: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    let conn = rusqlite::Connection::open(from).expect("open bench db");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint bench db");
    drop(conn);
    std::fs::copy(from, to).expect("copy bench db");
    let copy = rusqlite::Connection::open(to).expect("open copy");
    copy.execute_batch(
        "DROP INDEX IF EXISTS sync_incidents_by_number; DROP TABLE IF EXISTS sync_incidents; \
         PRAGMA user_version = 9; PRAGMA journal_mode = WAL;",
    )
    .expect("make a schema 9 copy");
}

/// How long a note takes to appear in a teammate's `inc timeline
/// --follow`, from the moment the writer's `inc tl` returns: 20 notes.
fn follow_latency(
    inc: &Path,
    dir: &Path,
    url: &str,
    env: &dyn Fn(&Path) -> Vec<(&'static str, String)>,
) {
    use std::io::BufRead;
    let (writer, reader) = (dir.join("writer.db"), dir.join("reader.db"));
    for db in [&writer, &reader] {
        let _ = std::fs::remove_file(db);
    }
    let run = |db: &Path, args: &[&str]| {
        let out = std::process::Command::new(inc)
            .args(args)
            .envs(env(db))
            .output()
            .expect("run inc");
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    run(&writer, &["open", "Follow latency", "--sev", "3"]);
    run(&writer, &["team", "join", url]);
    run(&reader, &["team", "join", url]);
    // The hub may hold other incidents: the writer's by its team number.
    let shown: serde_json::Value =
        serde_json::from_str(&run(&writer, &["show", "--json"])).expect("JSON");
    let number = shown["incident"]["number"]
        .as_str()
        .or(shown["number"].as_str())
        .expect("a number")
        .trim_start_matches('#')
        .to_string();
    let mut follow = std::process::Command::new(inc)
        .args(["timeline", "--follow", "-i", &number])
        .envs(env(&reader))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run inc timeline --follow");
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = follow.stdout.take().expect("stdout");
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send((line, Instant::now())).is_err() {
                break;
            }
        }
    });
    std::thread::sleep(Duration::from_secs(1));
    let mut took = Vec::new();
    for i in 0..20 {
        let text = format!("latency note {i}");
        run(&writer, &["tl", "-i", &number, &text]);
        let written = Instant::now();
        loop {
            let (line, at) = rx
                .recv_timeout(Duration::from_secs(10))
                .expect("the note reached --follow");
            if line.contains(&text) {
                took.push(at.saturating_duration_since(written));
                break;
            }
        }
    }
    let _ = follow.kill();
    let _ = follow.wait();
    took.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "a note in a teammate's --follow: median {:.0} ms, worst {:.0} ms of 20 (target < 1 s): {}",
        ms(took[took.len() / 2]),
        ms(took[took.len() - 1]),
        if took[took.len() - 1] < Duration::from_secs(1) {
            "met"
        } else {
            "MISSED"
        }
    );
}

/// One command to time.
struct Case {
    program: PathBuf,
    args: Vec<String>,
    env: Vec<(String, String)>,
    /// Run in every `every`-th round.
    every: usize,
    row: Row,
}

impl Case {
    fn new(
        name: &str,
        program: &Path,
        args: &[&str],
        env: &[(&str, String)],
        every: usize,
    ) -> Case {
        Case {
            program: program.to_path_buf(),
            args: args.iter().map(|a| (*a).to_string()).collect(),
            env: env
                .iter()
                .map(|(k, v)| ((*k).to_string(), v.clone()))
                .collect(),
            every,
            row: Row {
                name: name.to_string(),
                times: Vec::new(),
                peak_kib: 0,
            },
        }
    }
}

/// Whether the large database is there and complete.
fn is_built(path: &Path) -> bool {
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return false;
    };
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap_or(0);
    count("PRAGMA user_version") == inc::store::schema_version()
        && count("SELECT count(*) FROM incidents") == INCIDENTS as i64
        && count("SELECT count(*) FROM timeline_entries") == ENTRIES as i64
        && count("SELECT count(*) FROM actions") > 0
}

/// Builds a database through the library: `incidents` incidents holding
/// `entries` timeline entries in all, `first` of them in incident #1 and
/// `second` in #2, the rest spread evenly. All but the newest few are
/// resolved, as in a real database.
fn build(path: &Path, incidents: usize, entries: usize, first: usize, second: usize) {
    let mut store = Store::open_write(path, &StoreOptions::default()).expect("open bench db");
    let base = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let rest = entries - first.min(entries) - second.min(entries);
    let others = incidents.saturating_sub(2);
    let mut batch = Vec::new();
    for i in 0..incidents {
        let size = match i {
            0 => first,
            1 => second,
            _ => rest / others + usize::from(i - 2 < rest % others),
        };
        let start = base + TimeDelta::hours(i as i64 * 2);
        let new = NewIncident {
            severity: Severity::new((i % 4) as u8 + 1).unwrap(),
            security: i % 50 == 0,
            started_at: Some(start),
            detected_at: Some(start),
            declared_at: Some(start),
            ..NewIncident::new(
                &format!(
                    "Benchmark incident {i}: elevated errors in service {}",
                    i % 37
                ),
                &format!("commander{}", i % 12),
            )
        };
        // `size` counts the declared entry too.
        let notes = (1..size)
            .map(|n| {
                NewEntry::note(
                    format!(
                        "note {n}: checked dashboards, restarted worker {}, error rate {}%",
                        n % 9,
                        n % 100
                    ),
                    start + TimeDelta::milliseconds(n as i64 * 50),
                )
            })
            .collect();
        batch.push((new, notes));
        if batch.len() == 100 || i + 1 == incidents {
            let author = format!("responder{}", (i / 100) % 20);
            store.import(&author, &batch).expect("import");
            batch.clear();
        }
    }
    // `inc tl` without -i goes to the newest open incident.
    store
        .select_incident(IncidentRef::Id(incidents as i64))
        .expect("select");
    drop(store);
    let resolved = incidents.saturating_sub(OPEN_AT_THE_END);
    let mut conn = rusqlite::Connection::open(path).expect("open bench db");
    let tx = conn.transaction().expect("begin");
    tx.execute_batch(&review_material(resolved))
        .expect("review material");
    tx.commit().expect("commit");
}

/// What the statistics, the search and the follow-up commands read, for
/// every incident from #3 to `resolved`: varied key times (some never
/// mitigated), resolution, the review meeting (held for most, on time or
/// late), every hundredth a drill; and per incident a description, a
/// factor, a lesson and three action items owned by fifteen teams, a
/// quarter of them still open. Written in one transaction, in SQL, since
/// one command per record would take an hour; the search index follows
/// through its triggers. Incidents #1 and #2 and the newest few stay open.
fn review_material(resolved: usize) -> String {
    const T: &str = "'%Y-%m-%dT%H:%M:%fZ'";
    // A change clock from the incident's start: `...:SS.mmm` + a counter.
    const CLOCK: &str = "substr(started_at, 1, 23) || '000000Z'";
    format!(
        "UPDATE incidents SET status = 'resolved', \
             detected_at = strftime({T}, started_at, '+' || (id % 13) || ' minutes'), \
             mitigated_at = CASE WHEN id % 17 = 0 THEN NULL \
                 ELSE strftime({T}, started_at, '+' || (20 + id % 47) || ' minutes') END, \
             resolved_at = strftime({T}, started_at, '+' || (90 + id % 211) || ' minutes'), \
             review_held_at = CASE WHEN id % 10 < 7 \
                 THEN strftime({T}, started_at, '+' || (20 + id % 60) || ' hours') END, \
             review_held_by = CASE WHEN id % 10 < 7 THEN 'bench' END, \
             drill = (id % 100 = 0) \
         WHERE id BETWEEN 3 AND {resolved};
         UPDATE incidents SET status_at = resolved_at WHERE id BETWEEN 3 AND {resolved};
         INSERT INTO descriptions (incident_id, uuid, clock, summary, impact, scope, detection) \
         SELECT id, lower(hex(randomblob(16))), {CLOCK}, \
             'errors in service ' || (id % 37) || ' after a deploy of build ' || id, \
             'customers of region ' || (id % 5) || ' saw failed requests', 'external', \
             'the error rate alert' \
         FROM incidents WHERE id BETWEEN 3 AND {resolved};
         INSERT INTO factors (uuid, incident_id, clock, body, kind, created_at, created_by) \
         SELECT lower(hex(randomblob(16))), id, {CLOCK}, \
             'connection pool of service ' || (id % 37) || ' too small for the load', \
             'technical', started_at, 'bench' \
         FROM incidents WHERE id BETWEEN 3 AND {resolved};
         INSERT INTO lessons (uuid, incident_id, clock, body, kind, created_at, created_by) \
         SELECT lower(hex(randomblob(16))), id, {CLOCK}, 'the rollback runbook worked', \
             'went-well', started_at, 'bench' \
         FROM incidents WHERE id BETWEEN 3 AND {resolved};
         INSERT INTO actions (uuid, incident_id, clock, body, owner, due, priority, type, \
             status, created_at, created_by, closed_at) \
         SELECT lower(hex(randomblob(16))), id, {CLOCK}, \
             'add a canary stage for service ' || (id % 37) || ', step ' || n, \
             'team' || ((id + n) % 15), \
             date(started_at, '+' || (7 + (id * n) % 60) || ' days'), \
             'P' || (1 + (id + n) % 3), 'prevent', \
             CASE WHEN (id + n) % 4 = 0 THEN 'open' ELSE 'done' END, started_at, 'bench', \
             CASE WHEN (id + n) % 4 = 0 THEN NULL \
                 ELSE strftime({T}, started_at, '+' || (n * 5) || ' days') END \
         FROM incidents, (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) \
         WHERE id BETWEEN 3 AND {resolved};"
    )
}

/// The floor: open the database and do the insert `inc tl` does, in an
/// IMMEDIATE transaction, with nothing else.
fn floor_insert(path: &Path) {
    let mut conn = rusqlite::Connection::open(path).expect("open");
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .expect("begin");
    tx.execute(INSERT, []).expect("insert");
    tx.commit().expect("commit");
}

struct Row {
    name: String,
    times: Vec<Duration>,
    peak_kib: i64,
}

impl Row {
    fn pct(&self, p: f64) -> f64 {
        let i = ((self.times.len() - 1) as f64 * p).round() as usize;
        self.times[i].as_secs_f64() * 1000.0
    }
    fn median(&self) -> f64 {
        self.pct(0.5)
    }
    fn line(&self, floor: Option<&Row>) -> String {
        let ratio = floor.map_or_else(String::new, |f| {
            format!("{:.2}x {}", self.median() / f.median(), f.name)
        });
        format!(
            "| {} | {:.2} | {:.2} | {:.2} | {:.1} | {} |",
            self.name,
            self.median(),
            self.pct(0.1),
            self.pct(0.9),
            self.peak_kib as f64 / 1024.0,
            ratio
        )
    }
}

/// Runs a case once as a whole process; returns its wall time and peak
/// memory in KiB.
///
/// Each run goes through a small launcher (this program with `--run-one`):
/// Linux hands a process the peak memory of the one it was forked from,
/// and this process holds a large database's worth of pages. The launcher
/// is small, so the figure it reads is the command's own (with a floor of
/// the launcher's size, about 2.7 MiB; `/bin/true` shows it).
fn run_once(case: &Case) -> (Duration, i64) {
    let me = std::env::current_exe().expect("own path");
    let mut cmd = Command::new(&me);
    cmd.arg("--run-one").arg(&case.program).args(&case.args);
    cmd.stdin(Stdio::null()).stderr(Stdio::inherit());
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    for (k, v) in &case.env {
        cmd.env(k, v);
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", case.row.name));
    let report = String::from_utf8_lossy(&out.stdout);
    let mut fields = report
        .split_whitespace()
        .map(|f| f.parse::<i64>().expect("launcher output"));
    let (status, nanos, maxrss) = (
        fields.next().expect("status"),
        fields.next().expect("time"),
        fields.next().expect("memory"),
    );
    if status != 0 {
        // Run once more with its standard error shown, to say why.
        let mut again = Command::new(&case.program);
        again
            .args(&case.args)
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        again
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default());
        for (k, v) in &case.env {
            again.env(k, v);
        }
        let _ = again.status();
        panic!("{} failed (wait status {status})", case.row.name);
    }
    (Duration::from_nanos(nanos as u64), maxrss)
}

/// The launcher: runs one command with output discarded (notes on standard
/// error too, such as search's "more than 10000 matches": a failure is run
/// again to show them), and prints its wait status, wall time in
/// nanoseconds and peak memory in KiB.
// The child is reaped by wait4 below, which std does not know about.
#[allow(clippy::zombie_processes)]
fn run_one(program: &str, args: &[String]) {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let started = Instant::now();
    let child = cmd.spawn().unwrap_or_else(|e| panic!("{program}: {e}"));
    let (status, maxrss) = wait4(child.id());
    let nanos = started.elapsed().as_nanos();
    println!("{status} {nanos} {maxrss}");
}

/// Waits for a child and returns its wait status and peak resident memory
/// in KiB, which only wait4 reports for one child.
fn wait4(pid: u32) -> (i32, i64) {
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; a zeroed one is valid.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; both pointers are
    // to live locals.
    let rc = unsafe { libc::wait4(pid as libc::pid_t, &raw mut status, 0, &raw mut usage) };
    assert!(rc == pid as libc::pid_t, "wait4 failed");
    (status, usage.ru_maxrss)
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(program))
            .find(|p| p.is_file())
    })
}

fn print_report(all: &[Row]) {
    // A case that runs every few rounds has no times when there were fewer.
    let rows: Vec<&Row> = all.iter().filter(|r| !r.times.is_empty()).collect();
    for r in all.iter().filter(|r| r.times.is_empty()) {
        eprintln!("{}: not run (too few rounds for it)", r.name);
    }
    let find = |name: &str| rows.iter().copied().find(|r| r.name == name);
    println!();
    println!("| command | median ms | p10 ms | p90 ms | peak MiB | ratio to floor |");
    println!("| --- | ---: | ---: | ---: | ---: | --- |");
    for r in &rows {
        let floor = if r.name == "inc --version" {
            find("/bin/true")
        } else if let Some(label) = r.name.strip_prefix("inc tl ") {
            find(&format!("sqlite3 shell insert {label}"))
                .or_else(|| find(&format!("rusqlite insert {label}")))
        } else {
            None
        };
        println!("{}", r.line(floor));
    }
    println!();
    let ratio = |a: &str, b: &str| Some(find(a)?.median() / find(b)?.median());
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    if let (Some(e), Some(l)) = (
        ratio("inc tl (empty)", "sqlite3 shell insert (empty)"),
        ratio("inc tl (large)", "sqlite3 shell insert (large)"),
    ) {
        println!(
            "inc tl vs sqlite3 shell: {e:.2}x empty, {l:.2}x large (target <= 1.2x): {}",
            verdict(e <= 1.2 && l <= 1.2)
        );
    }
    if let (Some(e), Some(l)) = (find("inc tl (empty)"), find("inc tl (large)")) {
        let change = l.median() / e.median() - 1.0;
        println!(
            "inc tl large vs empty: {:+.1}% (target within 10%): {}",
            change * 100.0,
            verdict(change.abs() <= 0.10)
        );
    }
    if let Some(v) = ratio("inc --version", "/bin/true") {
        println!(
            "inc --version vs /bin/true: {v:.2}x (target <= 2x): {}",
            verdict(v <= 2.0)
        );
    }
    if let Some(t) = find("inc timeline 2 (10,000 entries)") {
        println!(
            "inc timeline of 10,000 entries: {:.1} ms (target < 50 ms): {}",
            t.median(),
            verdict(t.median() < 50.0)
        );
    }
    for r in rows.iter().filter(|r| r.name.starts_with("base: ")) {
        let name = &r.name["base: ".len()..];
        if let Some(now) = find(name) {
            let change = now.median() / r.median() - 1.0;
            println!(
                "{name} vs the base build: {:+.1}% (target within 2%): {}",
                change * 100.0,
                verdict(change <= 0.02)
            );
        }
    }
    if let Some(change) = ratio(
        "inc tl (empty, on a team, hub on loopback)",
        "inc tl (empty)",
    ) {
        println!("inc tl on a team, hub on loopback: {change:.2}x inc tl alone");
    }
    for r in rows.iter().filter(|r| r.name.contains("(across)")) {
        println!(
            "{}: {:.1} ms (target < 100 ms): {}",
            r.name,
            r.median(),
            verdict(r.median() < 100.0)
        );
    }
    if let (Some(e), Some(l)) = (find("inc tl (empty)"), find("inc tl (large)")) {
        let peak = e.peak_kib.max(l.peak_kib) as f64 / 1024.0;
        println!(
            "inc tl peak memory: {peak:.1} MiB (target < 10 MiB): {}",
            verdict(peak < 10.0)
        );
    }
}
