//! `inc update`, `inc updates` and the webhook post, against a real HTTP
//! server on 127.0.0.1 that each test starts itself.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::env::Env;

/// What the server received: the request head (lowercased header names)
/// and body.
struct Request {
    head: String,
    body: String,
}

/// Reads one request from `stream`.
fn receive(stream: TcpStream) -> (Request, TcpStream) {
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap();
        }
        head.push_str(&lower);
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let request = Request {
        head,
        body: String::from_utf8(body).unwrap(),
    };
    (request, reader.into_inner())
}

/// Answers with `status` (such as "200 OK"); a client gone is no error.
fn answer(mut stream: TcpStream, status: &str) {
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
    );
}

/// A server that answers one request with `status` (such as "200 OK").
fn serve_once(status: &'static str) -> (u16, JoinHandle<Request>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let (request, stream) = receive(stream);
        answer(stream, status);
        request
    });
    (port, handle)
}

/// A server that answers every request "200 OK", each after `delay`, until
/// `stop` is set; it returns the bodies it received.
fn serve_all(delay: Duration) -> (u16, Arc<AtomicBool>, JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    let handle = std::thread::spawn(move || {
        let mut bodies = Vec::new();
        while !stopped.load(Ordering::SeqCst) {
            match listener.accept() {
                Ok((stream, _)) => {
                    stream.set_nonblocking(false).unwrap();
                    let (request, stream) = receive(stream);
                    std::thread::sleep(delay);
                    answer(stream, "200 OK");
                    bodies.push(request.body);
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => panic!("{e}"),
            }
        }
        bodies
    });
    (port, stop, handle)
}

/// A server that takes one request, says so on `arrived`, and answers it
/// "200 OK" only when `release` says so (or drops it when `release` is
/// dropped).
fn serve_held() -> (
    u16,
    mpsc::Receiver<Request>,
    mpsc::Sender<()>,
    JoinHandle<()>,
) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (arrived_tx, arrived) = mpsc::channel();
    let (release, release_rx) = mpsc::channel::<()>();
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let (request, stream) = receive(stream);
        arrived_tx.send(request).unwrap();
        if release_rx.recv().is_ok() {
            answer(stream, "200 OK");
        }
    });
    (port, arrived, release, handle)
}

/// A port nothing listens on: a post to it is refused at once.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn webhook(env: &Env, port: u16, timeout_ms: u32) {
    let path = env.dir().join("config/inc/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        path,
        format!(
            "[notify]\nwebhook = \"http://127.0.0.1:{port}/hook\"\ntimeout_ms = {timeout_ms}\n"
        ),
    )
    .unwrap();
}

fn posts(env: &Env) -> Vec<(i64, String, String, String)> {
    let conn = env.sql();
    let mut stmt = conn
        .prepare("SELECT entry_id, outcome, detail, attempted_by FROM update_posts ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn run(env: &Env, args: &[&str]) -> std::process::Output {
    env.cmd().args(args).output().unwrap()
}

#[test]
fn an_update_without_a_webhook_is_recorded_and_not_posted() {
    let env = Env::new();
    env.ok(&["open", "Elevated 500s", "--sev", "2"]);
    assert_eq!(
        env.ok(&["updates"]),
        "#1 SEV2 Elevated 500s\nno update sent yet\n"
    );
    let out = env.ok(&["update", "rolled", "back", "--at", "14:35"]);
    assert_eq!(
        out,
        "internal update recorded on #1 Elevated 500s at 2026-11-26 14:35 CET\n"
    );
    env.ok(&["update", "--external", "Checkout works again"]);
    let list = env.ok(&["updates"]);
    assert_eq!(
        list,
        "#1 SEV2 Elevated 500s\n\
         2026-11-26 14:35 CET  internal  alice  not posted\n    rolled back\n\
         2026-11-26 15:00 CET  external  alice  not posted\n    Checkout works again\n\
         last update 0s ago\n"
    );
    assert!(posts(&env).is_empty());
    let json = env.json(&["updates"]);
    assert_eq!(json["updates"][0]["kind"], "update");
    assert_eq!(json["updates"][0]["audience"], "internal");
    assert_eq!(json["updates"][1]["audience"], "external");
    assert_eq!(json["updates"][1]["post"], serde_json::Value::Null);
    assert_eq!(json["last_update_at"], "2026-11-26T14:00:00Z");
    let timeline = env.ok(&["timeline"]);
    assert!(
        timeline.contains("external update: Checkout works again"),
        "{timeline}"
    );
    let review = env.ok(&["review"]);
    assert!(review.contains("internal update: rolled back"), "{review}");
    // 35 minutes later.
    let later = env.ok_at("2026-11-26T14:35:00Z", &["updates"]);
    assert!(later.ends_with("last update 35m ago\n"), "{later}");
}

#[test]
fn a_post_sends_slack_json_and_records_sent() {
    let env = Env::new();
    env.ok(&["open", "Elevated 500s <from> API & co", "--sev", "2"]);
    let (port, server) = serve_once("200 OK");
    webhook(&env, port, 5000);
    let out = env.ok(&["update", "--external", "we <rolled> back & it helps"]);
    assert_eq!(
        out,
        "external update recorded on #1 Elevated 500s <from> API & co at 2026-11-26 15:00 CET\nposted to the webhook (HTTP 200)\n"
    );
    let request = server.join().unwrap();
    assert!(
        request.head.starts_with("post /hook http/1.1"),
        "{}",
        request.head
    );
    assert!(
        request.head.contains("content-type: application/json"),
        "{}",
        request.head
    );
    let body: serde_json::Value = serde_json::from_str(&request.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"text": "#1 SEV2 Elevated 500s &lt;from&gt; API &amp; co, external update: we &lt;rolled&gt; back &amp; it helps"})
    );
    let recorded = posts(&env);
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].1, "sent");
    assert_eq!(recorded[0].2, "HTTP 200");
    assert_eq!(recorded[0].3, "alice");
    assert!(
        env.ok(&["updates"])
            .contains("external  alice  sent (HTTP 200)")
    );
}

#[test]
fn a_failed_post_keeps_the_update_and_retry_sends_it() {
    let env = Env::new();
    env.ok(&["open", "Elevated 500s", "--sev", "2"]);
    let (port, server) = serve_once("500 Internal Server Error");
    webhook(&env, port, 5000);
    let out = run(&env, &["update", "first"]);
    server.join().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the update is recorded, but posting it to the webhook failed: HTTP 500 Internal Server Error"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: retry with `inc update --retry"),
        "{stderr}"
    );
    assert_eq!(env.field("kind", &["timeline"]), ["declared", "update"]);
    assert_eq!(posts(&env)[0].1, "failed");
    assert_eq!(posts(&env)[0].2, "HTTP 500 Internal Server Error");
    assert!(
        env.ok(&["updates"])
            .contains("failed: HTTP 500 Internal Server Error")
    );

    let (port, server) = serve_once("200 OK");
    webhook(&env, port, 5000);
    let out = env.ok(&["update", "--retry"]);
    assert_eq!(
        out,
        "internal update of 2026-11-26 15:00 CET: posted (HTTP 200)\n    first\n"
    );
    let body: serde_json::Value = serde_json::from_str(&server.join().unwrap().body).unwrap();
    assert_eq!(
        body["text"],
        "#1 SEV2 Elevated 500s, internal update: first"
    );
    let recorded = posts(&env);
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[1].1, "sent");
    assert_eq!(recorded[0].0, recorded[1].0);
    // Nothing left to retry: no request is made.
    assert_eq!(
        env.ok(&["update", "--retry"]),
        "#1 Elevated 500s: every update is posted\n"
    );
    assert_eq!(env.field("kind", &["timeline"]), ["declared", "update"]);
}

#[test]
fn retry_posts_updates_never_posted_and_stops_at_the_first_failure() {
    let env = Env::new();
    env.ok(&["open", "Elevated 500s", "--sev", "2"]);
    // Recorded while no webhook was configured (or by an inc stopped
    // while posting): no attempt on record.
    env.ok(&["update", "first"]);
    env.ok(&["update", "--external", "second"]);
    assert!(posts(&env).is_empty());
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    webhook(&env, port, 5000);
    let out = run(&env, &["update", "--retry"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "internal update of 2026-11-26 15:00 CET: failed: connection refused\n    first\n"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "inc: error: stopped at the first failure: 2 of 2 updates not posted; they stay recorded"
        ),
        "{stderr}"
    );
    // One attempt, not one per update.
    assert_eq!(posts(&env).len(), 1);
    let (port, server) = serve_once("200 OK");
    webhook(&env, port, 5000);
    let out = run(&env, &["update", "--retry"]);
    server.join().unwrap();
    // The first is posted; the second finds no server any more.
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .starts_with("internal update of 2026-11-26 15:00 CET: posted (HTTP 200)\n    first\n")
    );
    assert_eq!(posts(&env).len(), 3);
}

#[test]
fn a_webhook_that_never_answers_times_out_and_the_update_stays() {
    let env = Env::new();
    env.ok(&["open", "Elevated 500s", "--sev", "2"]);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (done, wait) = mpsc::channel::<()>();
    // Accepts and holds the connection, answering nothing, until the test ends.
    let server = std::thread::spawn(move || {
        let (_stream, _) = listener.accept().unwrap();
        let _ = wait.recv();
    });
    webhook(&env, port, 300);
    let started = Instant::now();
    let out = run(&env, &["update", "still looking"]);
    assert!(started.elapsed() < Duration::from_secs(20));
    done.send(()).unwrap();
    server.join().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("failed: timed out after 300 ms"),
        "{stderr}"
    );
    assert_eq!(env.field("kind", &["timeline"]), ["declared", "update"]);
    assert_eq!(posts(&env)[0].2, "timed out after 300 ms");
}

#[test]
fn a_refused_connection_is_reported_and_recorded() {
    let env = Env::new();
    env.ok(&["open", "Elevated 500s", "--sev", "2"]);
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    webhook(&env, port, 5000);
    let out = run(&env, &["update", "x"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("failed: connection refused"), "{stderr}");
    assert_eq!(posts(&env)[0].1, "failed");
    assert_eq!(posts(&env)[0].2, "connection refused");
}

#[test]
fn bad_updates_change_nothing() {
    let env = Env::new();
    assert!(
        env.fails(&["update", "no incident"])
            .stderr
            .contains("no incident")
    );
    env.ok(&["open", "Elevated 500s", "--sev", "2"]);
    assert!(
        env.fails(&["update", "  "])
            .stderr
            .contains("the update is empty")
    );
    env.fails(&["update", "x", "-i", "9"]);
    env.fails(&["update", "x", "--at", "tomorrow-ish"]);
    env.fails(&["update", "x", "--at", "+1h"]);
    // No webhook: nothing to retry, said so.
    let f = env.fails(&["update", "--retry"]);
    assert!(
        f.stderr.contains("no webhook is configured"),
        "{}",
        f.stderr
    );
    assert_eq!(env.field("kind", &["timeline"]), ["declared"]);
}

#[test]
fn a_resolved_incident_takes_an_update_only_when_named() {
    let env = Env::new();
    env.ok(&["open", "Elevated 500s", "--sev", "2"]);
    env.ok(&["resolve"]);
    let f = env.fails(&["update", "all clear"]);
    assert!(f.stderr.contains("no incident is open"), "{}", f.stderr);
    env.ok(&["update", "--external", "all clear", "-i", "1"]);
    assert_eq!(
        env.field("audience", &["timeline"]).last().unwrap(),
        "external"
    );
}

#[test]
fn concurrent_retries_post_each_update_once() {
    let env = Env::new();
    env.ok(&["open", "Elevated 500s", "--sev", "2"]);
    for text in ["first", "second", "third"] {
        env.ok(&["update", text]);
    }
    // A slow webhook, so that the retries overlap.
    let (port, stop, server) = serve_all(Duration::from_millis(150));
    webhook(&env, port, 5000);
    let retries: Vec<std::process::Child> = (0..4)
        .map(|_| {
            env.std_cmd()
                .args(["update", "--retry"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<std::process::Output> = retries
        .into_iter()
        .map(|r| r.wait_with_output().unwrap())
        .collect();
    stop.store(true, Ordering::SeqCst);
    let mut received: Vec<String> = server
        .join()
        .unwrap()
        .iter()
        .map(|body| {
            let body: serde_json::Value = serde_json::from_str(body).unwrap();
            body["text"].as_str().unwrap().to_string()
        })
        .collect();
    received.sort();
    assert_eq!(
        received,
        [
            "#1 SEV2 Elevated 500s, internal update: first",
            "#1 SEV2 Elevated 500s, internal update: second",
            "#1 SEV2 Elevated 500s, internal update: third"
        ]
    );
    for out in &outs {
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let recorded = posts(&env);
    assert_eq!(recorded.len(), 3, "{recorded:?}");
    assert!(recorded.iter().all(|p| p.1 == "sent"), "{recorded:?}");
    assert_eq!(
        env.ok(&["update", "--retry"]),
        "#1 Elevated 500s: every update is posted\n"
    );
}

#[test]
fn a_retry_skips_an_update_being_posted_and_takes_it_over_once_the_claim_expires() {
    let env = Env::new();
    env.ok(&["open", "Elevated 500s", "--sev", "2"]);
    env.ok(&["update", "first"]);
    let exported = env.ok(&["export"]);
    // A retry that is killed while its post is under way.
    let (port, arrived, release, server) = serve_held();
    webhook(&env, port, 60_000);
    let mut killed = env
        .std_cmd()
        .args(["update", "--retry"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    arrived.recv_timeout(Duration::from_secs(20)).unwrap();
    killed.kill().unwrap();
    killed.wait().unwrap();
    drop(release);
    server.join().unwrap();
    // Its claim is local bookkeeping: nothing to export, nothing recorded.
    assert_eq!(env.ok(&["export"]), exported);
    assert!(posts(&env).is_empty());

    // Another retry leaves it alone while the claim holds: it may still
    // be on its way.
    webhook(&env, closed_port(), 60_000);
    let out = run(&env, &["update", "--retry"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "#1 Elevated 500s: 1 update is being posted by another inc; \
         if that inc was stopped, retry after 2026-11-26 15:02 CET\n"
    );
    assert!(posts(&env).is_empty());

    // Once the claim has expired, a retry takes the update over.
    let (port, server) = serve_once("200 OK");
    webhook(&env, port, 60_000);
    let out = env.ok_at("2026-11-26T14:05:00Z", &["update", "--retry"]);
    assert_eq!(
        out,
        "internal update of 2026-11-26 15:00 CET: posted (HTTP 200)\n    first\n"
    );
    let body: serde_json::Value = serde_json::from_str(&server.join().unwrap().body).unwrap();
    assert_eq!(
        body["text"],
        "#1 SEV2 Elevated 500s, internal update: first"
    );
    assert_eq!(posts(&env).len(), 1);
    assert_eq!(posts(&env)[0].1, "sent");
}

#[test]
fn a_retry_leaves_alone_an_update_that_inc_update_is_posting() {
    let env = Env::new();
    env.ok(&["open", "Elevated 500s", "--sev", "2"]);
    let (port, arrived, release, server) = serve_held();
    webhook(&env, port, 60_000);
    let posting = env
        .std_cmd()
        .args(["update", "rolled back"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    arrived.recv_timeout(Duration::from_secs(20)).unwrap();
    webhook(&env, closed_port(), 60_000);
    let out = run(&env, &["update", "--retry"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 update is being posted by another inc"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    release.send(()).unwrap();
    server.join().unwrap();
    let out = posting.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "internal update recorded on #1 Elevated 500s at 2026-11-26 15:00 CET\nposted to the webhook (HTTP 200)\n"
    );
    let recorded = posts(&env);
    assert_eq!(recorded.len(), 1, "{recorded:?}");
    assert_eq!(recorded[0].1, "sent");
    assert_eq!(
        env.ok(&["update", "--retry"]),
        "#1 Elevated 500s: every update is posted\n"
    );
}

#[test]
fn a_plain_http_webhook_is_refused_unless_it_is_on_this_machine() {
    let env = Env::new();
    env.ok(&["open", "Elevated 500s", "--sev", "2"]);
    let path = env.dir().join("config/inc/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        "[notify]\ntimeout_ms = 300\nwebhook = \"http://hooks.example.com/services/T0/B0/SECRET\"\n",
    )
    .unwrap();
    for args in [&["update", "rolled back"][..], &["update", "--retry"]] {
        let f = env.fails(args);
        assert!(
            f.stderr.contains(
                "the config file's webhook is not used: line 3: [notify] webhook must be an https:// address: over http:// its secret path would travel in clear text"
            ),
            "{}",
            f.stderr
        );
        assert!(f.stderr.contains("\nhint: "), "{}", f.stderr);
        assert!(!f.stderr.contains("SECRET"), "{}", f.stderr);
    }
    // The commands that do not post work as before, mid-incident; the
    // doctor and `inc config show` say what is wrong.
    env.ok(&["tl", "still noting"]);
    let shown = env.ok(&["config", "show"]);
    assert!(shown.contains("# webhook: not used: line 3"), "{shown}");
    assert!(!shown.contains("SECRET"), "{shown}");
    let doctor = env.cmd().arg("doctor").output().unwrap();
    let report = String::from_utf8(doctor.stdout).unwrap();
    assert!(
        report.contains("warn  config") && report.contains("the webhook is not used: line 3"),
        "{report}"
    );
    assert!(!report.contains("SECRET"), "{report}");
    // Nor can it slip past behind a loopback name.
    for url in [
        "http://127.0.0.1@hooks.example.com/x",
        "http://localhost.example.com/x",
        "http://127.0.0.1.example.com/x",
    ] {
        std::fs::write(&path, format!("[notify]\nwebhook = \"{url}\"\n")).unwrap();
        let f = env.fails(&["update", "rolled back"]);
        assert!(
            f.stderr.contains("must be an https://"),
            "{url}: {}",
            f.stderr
        );
    }
    // On this machine (a local test server), http:// is fine.
    for url in [
        "http://localhost:8080/x",
        "http://[::1]:8080/x",
        "http://127.1.2.3/x",
    ] {
        std::fs::write(&path, format!("[notify]\nwebhook = \"{url}\"\n")).unwrap();
        env.ok(&["updates"]);
    }
    // No update refused was recorded.
    assert_eq!(env.field("kind", &["timeline", "1"]), ["declared", "note"]);
}
