//! What Ctrl-C and the terminal's other signals do while inc waits for the
//! user. Installed once, on first need; the mode says what a signal means:
//!
//! - at a question, Ctrl-C ends inc (exit 130, `inc: interrupted`) with the
//!   cursor shown again, whether or not a read is under way;
//! - while the editor runs, inc outlives Ctrl-C, hang-ups and termination,
//!   so that it can tidy up after the editor whatever happens to it;
//! - otherwise each signal does what it would have done without inc's
//!   handlers: it ends the process.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, OnceLock};

use anyhow::{Context, Result};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

const DEFAULT: u8 = 0;
const ASKING: u8 = 1;
const SHIELDED: u8 = 2;

static MODE: AtomicU8 = AtomicU8::new(DEFAULT);

/// True while the other signals should act as by default (not shielded).
static OTHERS_DEFAULT: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// Shows the terminal's cursor, which a choice list hides while shown.
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

fn install() -> Result<()> {
    if OTHERS_DEFAULT.get().is_some() {
        return Ok(());
    }
    let others = Arc::new(AtomicBool::new(true));
    for signal in [SIGHUP, SIGQUIT, SIGTERM] {
        signal_hook::flag::register_conditional_default(signal, Arc::clone(&others))
            .context("could not set up signal handling")?;
    }
    let mut signals =
        signal_hook::iterator::Signals::new([SIGINT]).context("could not set up Ctrl-C")?;
    std::thread::spawn(move || {
        for _ in signals.forever() {
            match MODE.load(Ordering::SeqCst) {
                SHIELDED => {}
                ASKING => {
                    let mut stderr = std::io::stderr().lock();
                    let _ = stderr.write_all(SHOW_CURSOR);
                    let _ = stderr.write_all(b"\ninc: interrupted\n");
                    std::process::exit(130);
                }
                _ => {
                    let _ = signal_hook::low_level::emulate_default_handler(SIGINT);
                    std::process::exit(130);
                }
            }
        }
    });
    let _ = OTHERS_DEFAULT.set(others);
    Ok(())
}

/// A mode in force until dropped; the one before comes back then.
pub struct Mode {
    before: u8,
}

impl Mode {
    fn enter(mode: u8) -> Result<Mode> {
        install()?;
        let before = MODE.swap(mode, Ordering::SeqCst);
        set_others_default(mode != SHIELDED);
        Ok(Mode { before })
    }
}

impl Drop for Mode {
    fn drop(&mut self) {
        MODE.store(self.before, Ordering::SeqCst);
        set_others_default(self.before != SHIELDED);
    }
}

fn set_others_default(on: bool) {
    if let Some(flag) = OTHERS_DEFAULT.get() {
        flag.store(on, Ordering::SeqCst);
    }
}

/// Questions are being asked: Ctrl-C ends inc, cleanly.
pub fn asking() -> Result<Mode> {
    Mode::enter(ASKING)
}

/// The editor runs: inc outlives the terminal's signals.
pub fn shielded() -> Result<Mode> {
    Mode::enter(SHIELDED)
}
