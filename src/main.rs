//! The `inc` binary: parse the command line, run it, map the outcome to an
//! exit code. Errors print as one line, with a hint where one helps.

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use clap::FromArgMatches;

use inc::cli::Cli;
use inc::error;
use inc::report::text::{safe, safe_line};

fn main() -> ExitCode {
    inc::commands::completions::answer_if_asked();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut command = inc::cli::command_for(&args);
    let parsed = command
        .try_get_matches_from_mut(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    // The process ends soon: freeing the command definition piece by piece
    // would cost a quarter of a short run's start-up.
    std::mem::forget(command);
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version: our own text.
            let _ = e.print();
            return ExitCode::from(error::EXIT_OK);
        }
        Err(e) => {
            // Usage errors quote what was typed: escape it like any user text.
            let _ = write!(std::io::stderr(), "{}", safe(&e.render().to_string()));
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(error::EXIT_USAGE));
        }
    };
    match inc::run(cli) {
        Ok(()) => ExitCode::from(error::EXIT_OK),
        // `inc timeline | head` is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::from(error::EXIT_OK),
        // `inc run` passing on the exit code of the command it ran.
        Err(e) if error::is_silent(&e) => ExitCode::from(error::exit_code(&e)),
        Err(e) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "inc: error: {}", safe_line(&error::message(&e)));
            if let Some(hint) = error::hint(&e) {
                let _ = writeln!(stderr, "hint: {}", safe_line(&hint));
            }
            ExitCode::from(error::exit_code(&e))
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == ErrorKind::BrokenPipe)
    })
}
