//! `inc run`: runs a command the responder would have typed anyway (a
//! rollback, a restart) and notes it on the timeline: the command line,
//! when it started, how long it ran and how it ended; with `--capture`,
//! the last lines of its output too. Its input and output pass through
//! live, and `inc run` exits as the command did.
//!
//! Nothing is run unless its outcome can be noted: the incident must exist
//! and the database must take a write lock first. The entry is written
//! after the command ends, in one transaction.

use std::ffi::OsString;
use std::io::{ErrorKind, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use chrono::TimeDelta;
use signal_hook::consts::{SIGINT, SIGQUIT};

use super::{Context, IncidentArg};
use crate::error::{PassOn, UserError};
use crate::model::{
    CommandRun, EntryKind, IncidentRef, LineSplitter, NewEntry, Outcome, OutputTail, shell_line,
};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc run -- kubectl rollout undo deployment/payments-api
  inc run --capture 20 -- systemctl restart rabbitmq-server
  inc run -i 12 -- ./failover.sh eu-west-1

inc exits with the command's exit code; a command that is not found (127) or
cannot be run (126) is not noted. If the command succeeded but could not be
noted, inc says so and exits 1."#)]
pub struct Args {
    /// Also note the last N lines of its output (1 to 200; stdout and stderr together)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=200))]
    pub capture: Option<u16>,

    #[command(flatten)]
    pub incident: IncidentArg,

    /// The command and its arguments (`--` before it is optional; inc reads no flags after it)
    #[arg(
        required = true,
        trailing_var_arg = true,
        value_name = "COMMAND",
        value_parser = clap::value_parser!(OsString)
    )]
    pub command: Vec<OsString>,
}

/// How long to wait, once the command has ended, for the rest of its
/// output. A process it started in the background can keep the output
/// open for much longer; its output after this is not kept.
const OUTPUT_GRACE: Duration = Duration::from_secs(2);

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let target = args.incident.target(IncidentRef::Current)?;
    let zone = ctx.zone()?;
    let author = ctx.author()?;
    let mut store = ctx.store_for_change()?;
    let incident = store.check_writable(target)?;
    let line = shell_line(&args.command);

    // Ctrl-C (and Ctrl-\) reach the whole foreground process group: the
    // command, which decides what they mean to it, and inc, which must
    // live on to note how the command ended. A handler (not SIG_IGN) is
    // reset by exec, so the command still gets the default behaviour.
    // A signal that is ignored already (in a job a script started in the
    // background) stays ignored, for inc and the command alike.
    let interrupted = Arc::new(AtomicBool::new(false));
    if !ignored(SIGINT) {
        signal_hook::flag::register(SIGINT, Arc::clone(&interrupted))
            .context("could not set up the handling of Ctrl-C")?;
    }
    if !ignored(SIGQUIT) {
        signal_hook::flag::register(SIGQUIT, Arc::new(AtomicBool::new(false)))
            .context("could not set up the handling of Ctrl-\\")?;
    }

    let started = ctx.now();
    let run = execute(&args.command, args.capture.map(usize::from))
        .map_err(|e| cannot_start(&e, &args.command[0]))?;
    let entry = NewEntry::of(EntryKind::Command, line, started);
    // Written down when the command ended: the one clock's time plus what
    // the command took (INC_NOW fixes the start, not the duration).
    store.set_clock(ctx.clock().advanced(TimeDelta::milliseconds(
        i64::try_from(run.duration_ms).unwrap_or(i64::MAX / 2),
    )));
    let code = run.outcome.shell_code();
    match store.record_run(incident.id, &author, &entry, &run) {
        Ok((incident, _)) => {
            let _ = writeln!(
                std::io::stderr().lock(),
                "inc: noted on {} at {}: {}",
                crate::report::text::incident_label(&incident),
                zone.format(started),
                run.summary()
            );
        }
        Err(e) => {
            let note = format!("ran `{}` ({})", entry.text, run.summary());
            let by_hand = shell_line(&[note.into()]);
            let problem = UserError::new(format!(
                "the command ran ({}) but could not be noted on {}: {}",
                run.summary(),
                incident.number,
                crate::error::message(&e)
            ))
            .hint(format!(
                "it is not run again; to note it by hand: inc tl -i {} --at {} {by_hand}",
                incident.number.bare(),
                started.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ));
            // The command's own failure is passed on; a success that was
            // not noted is a failure of inc's (1), not a busy retry (75),
            // which would run the command again.
            let code = if code == 0 {
                crate::error::EXIT_ERROR
            } else {
                code
            };
            return Err(anyhow::Error::new(problem).context(PassOn(code)));
        }
    }
    // Ctrl-C ended the command: end inc the same way, so that a shell
    // script running it stops too (a shell goes on after a command that
    // merely exited 130).
    if interrupted.load(Ordering::SeqCst) && run.outcome == Outcome::Signalled(SIGINT) {
        let _ = std::io::stdout().flush();
        let _ = signal_hook::low_level::emulate_default_handler(SIGINT);
    }
    if code == 0 {
        Ok(())
    } else {
        Err(PassOn(code).into())
    }
}

/// Runs the command, with `capture`, keeping that many of its last lines
/// of output, and says how it went.
fn execute(command: &[OsString], capture: Option<usize>) -> std::io::Result<CommandRun> {
    let clock = Instant::now();
    let (status, elapsed, tail) = match capture {
        None => run_plain(command, clock).map(|(status, elapsed)| (status, elapsed, None))?,
        Some(keep) => run_captured(command, keep, clock)
            .map(|(status, elapsed, tail)| (status, elapsed, Some(tail.text())))?,
    };
    Ok(CommandRun {
        outcome: outcome(status),
        duration_ms: u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
        output: tail.as_ref().map(|(text, _)| text.clone()),
        output_lines: tail.map(|(_, lines)| lines),
    })
}

/// Runs the command on inc's own standard input, output and error.
fn run_plain(command: &[OsString], clock: Instant) -> std::io::Result<(ExitStatus, Duration)> {
    let status = Command::new(&command[0]).args(&command[1..]).status()?;
    Ok((status, clock.elapsed()))
}

/// Runs the command with its output and error through pipes: each chunk
/// is passed on as it comes, and its lines go to the tail.
fn run_captured(
    command: &[OsString],
    keep: usize,
    clock: Instant,
) -> std::io::Result<(ExitStatus, Duration, OutputTail)> {
    let mut child = Command::new(&command[0])
        .args(&command[1..])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let tail = Arc::new(Mutex::new(OutputTail::new(keep)));
    let (done, finished) = mpsc::channel();
    if let Some(out) = child.stdout.take() {
        let (tail, done) = (Arc::clone(&tail), done.clone());
        std::thread::spawn(move || {
            pump(out, &mut std::io::stdout(), &tail);
            let _ = done.send(());
        });
    }
    if let Some(err) = child.stderr.take() {
        let (tail, done) = (Arc::clone(&tail), done.clone());
        std::thread::spawn(move || {
            pump(err, &mut std::io::stderr(), &tail);
            let _ = done.send(());
        });
    }
    drop(done);
    let status = child.wait()?;
    let elapsed = clock.elapsed();
    let deadline = Instant::now() + OUTPUT_GRACE;
    for _ in 0..2 {
        if finished
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .is_err()
        {
            break;
        }
    }
    let mut tail = tail.lock().unwrap_or_else(PoisonError::into_inner);
    let tail = std::mem::replace(&mut *tail, OutputTail::new(keep));
    Ok((status, elapsed, tail))
}

/// Copies one of the command's streams through to `to` as it comes, and
/// its lines into `tail`. If `to` is closed (`inc run ... | head`), the
/// rest is still read and kept, so the command is not stopped by it.
fn pump(mut from: impl Read, to: &mut impl Write, tail: &Mutex<OutputTail>) {
    let mut lines = LineSplitter::default();
    let mut buf = [0u8; 8192];
    let mut echo = true;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        if echo {
            echo = to.write_all(&buf[..n]).and_then(|()| to.flush()).is_ok();
        }
        let done = lines.feed(&buf[..n]);
        if !done.is_empty() {
            let mut tail = tail.lock().unwrap_or_else(PoisonError::into_inner);
            for line in done {
                tail.push(line);
            }
        }
    }
    if let Some(last) = lines.finish() {
        tail.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(last);
    }
}

/// Whether this process ignores `sig`. Linux says so in /proc; where it
/// cannot be read, the signal is taken as not ignored.
fn ignored(sig: i32) -> bool {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return false;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigIgn:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .zip(u32::try_from(sig - 1).ok())
        .is_some_and(|(mask, bit)| mask.checked_shr(bit).is_some_and(|m| m & 1 == 1))
}

fn outcome(status: ExitStatus) -> Outcome {
    match (status.code(), status.signal()) {
        (Some(code), _) => Outcome::Exited(u8::try_from(code).unwrap_or(u8::MAX)),
        (None, Some(sig)) => Outcome::Signalled(sig),
        // Neither exited nor signalled cannot come from a finished wait.
        (None, None) => Outcome::Exited(u8::MAX),
    }
}

/// The command could not be started: like a shell, 127 when there is no
/// such command, 126 when it cannot be run. Nothing was run, so nothing is
/// noted.
fn cannot_start(err: &std::io::Error, program: &OsString) -> anyhow::Error {
    let name = shell_line(std::slice::from_ref(program));
    let (code, problem) = match err.kind() {
        ErrorKind::NotFound => (
            127,
            UserError::new(format!("`{name}` was not found; nothing was run or noted")).hint(
                "check the name and PATH (for a script, the interpreter its #! line names must exist too)",
            ),
        ),
        ErrorKind::PermissionDenied => (
            126,
            UserError::new(format!(
                "`{name}` cannot be run: permission denied; nothing was run or noted"
            ))
            .hint(format!(
                "make it executable (chmod +x) or run it through its interpreter, such as `inc run sh {name}`"
            )),
        ),
        _ => (
            126,
            UserError::new(format!(
                "`{name}` cannot be run: {err}; nothing was run or noted"
            ))
            .hint("run it by hand to see why, then note it with `inc tl`"),
        ),
    };
    anyhow::Error::new(problem).context(PassOn(code))
}
