//! Writers killed with SIGKILL at varied moments, as when a laptop's battery
//! dies: the database stays intact and every note reported written is there.

use std::collections::HashSet;
use std::process::Stdio;
use std::time::Duration;

use crate::env::Env;

/// Rounds of kills; more (up to `MAX_ROUNDS`) if a busy machine has not yet
/// produced both outcomes.
const ROUNDS: u64 = 20;
const MAX_ROUNDS: u64 = 60;
const WRITERS: u64 = 4;

#[test]
fn killed_writers_never_corrupt_or_lose_a_reported_note() {
    let env = Env::new();
    env.ok(&["open", "Battery dies"]);
    // A large note makes each write take long enough to be caught mid-way.
    let padding = "p".repeat(200_000);
    let mut attempted = HashSet::new();
    let mut reported = Vec::new();
    let (mut finished, mut killed) = (0, 0);
    // How long one such write takes here, now: the kills are spread over
    // twice that, so they land at every stage however busy the machine is.
    let started = std::time::Instant::now();
    let out = env
        .cmd()
        .args(["tl", "-i", "1", "-"])
        .write_stdin(format!("warm-up {padding}"))
        .output()
        .unwrap();
    assert!(out.status.success());
    attempted.insert(format!("warm-up {padding}"));
    let spread = started.elapsed().as_micros().max(1000) as u64 * 2;

    let mut round = 0;
    while round < ROUNDS || ((killed == 0 || finished == 0) && round < MAX_ROUNDS) {
        let children: Vec<_> = (0..WRITERS)
            .map(|w| {
                let note = format!("round {round} writer {w} {padding}");
                attempted.insert(note.clone());
                let child = env
                    .std_cmd()
                    .args(["tl", "-i", "1", "-"])
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn inc");
                (note, child)
            })
            .collect();
        let mut children: Vec<_> = children
            .into_iter()
            .map(|(note, mut child)| {
                use std::io::Write;
                let mut stdin = child.stdin.take().unwrap();
                // The writer may already be dead; that is part of the test.
                let _ = stdin.write_all(note.as_bytes());
                drop(stdin);
                (note, child)
            })
            .collect();
        for (w, (_, child)) in children.iter_mut().enumerate() {
            // Varied moments across the life of a write.
            let step = (round * 613 + w as u64 * 1709) % 1000;
            std::thread::sleep(Duration::from_micros(spread * step / 1000 / WRITERS));
            let _ = child.kill();
        }
        for (note, child) in children {
            let out = child.wait_with_output().expect("wait for inc");
            if out.status.success() && out.stdout.starts_with(b"noted on #1") {
                finished += 1;
                reported.push(note);
            } else {
                killed += 1;
            }
        }

        assert_eq!(env.integrity(), "ok", "round {round}");
        let stored: HashSet<String> = env
            .sql()
            .prepare("SELECT body FROM timeline_entries WHERE kind = 'note'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for note in &reported {
            assert!(
                stored.contains(note),
                "round {round}: a reported note is missing"
            );
        }
        for note in &stored {
            assert!(
                attempted.contains(note),
                "round {round}: a note was stored half-written"
            );
        }
        round += 1;
    }
    assert!(
        killed > 0,
        "no writer was killed: the test did not test anything"
    );
    assert!(
        finished > 0,
        "no writer finished: the kills came too early to be useful"
    );
    // The database takes writes again after all that.
    env.ok(&["tl", "still here", "-i", "1"]);
    assert_eq!(env.integrity(), "ok");
}
