//! Questions in a terminal (dialoguer), for the commands that can ask for
//! what was not given. Without a terminal on stdin, or with `--no-input`,
//! inc never waits: the command fails and names the flag to pass instead.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use dialoguer::theme::{ColorfulTheme, Theme};

use super::Context;
use crate::cli::{ColorChoice, GlobalArgs};
use crate::error::UserError;
use crate::interrupt;

/// Asks questions in a terminal. Only [`Asker::new`] makes one, so no
/// command can prompt where it must not.
pub struct Asker {
    theme: Box<dyn Theme>,
    _interrupt: interrupt::Mode,
}

impl Asker {
    /// An asker, or the error to give when inc may not ask: `missing` says
    /// what was not given, `flags` how to give it on the command line.
    pub fn new(ctx: &Context, missing: &str, flags: &str) -> Result<Asker> {
        Asker::with(ctx.global(), missing, flags)
    }

    /// The same for commands that run without a [`Context`].
    pub fn with(global: &GlobalArgs, missing: &str, flags: &str) -> Result<Asker> {
        require_terminal(global, missing, flags)?;
        // Ctrl-C ends inc at any moment while the asker lives, whether a
        // read is under way or not, with the cursor shown again (a choice
        // list hides it). Each answer is saved in one transaction, so
        // nothing is half-written.
        let interrupt = interrupt::asking()?;
        let color = match global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                crate::config::non_empty_env("NO_COLOR").is_none()
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        };
        let theme: Box<dyn Theme> = if color {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(PlainTheme)
        };
        Ok(Asker {
            theme,
            _interrupt: interrupt,
        })
    }

    /// A line of text; `required` refuses an empty answer.
    pub fn text(&self, question: &str, required: bool) -> Result<String> {
        let answer = dialoguer::Input::<String>::with_theme(self.theme.as_ref())
            .with_prompt(question)
            .allow_empty(!required)
            .validate_with(|input: &String| -> Result<(), &str> {
                if required && input.trim().is_empty() {
                    Err("an answer is needed")
                } else {
                    Ok(())
                }
            })
            .interact_text();
        answered(answer.map(Some)).map(|a| a.trim().to_string())
    }

    /// One of `items`, starting at `default`; Escape cancels.
    pub fn select(&self, question: &str, items: &[String], default: usize) -> Result<usize> {
        answered(
            dialoguer::Select::with_theme(self.theme.as_ref())
                .with_prompt(question)
                .items(items)
                .default(default)
                .interact_opt(),
        )
    }

    /// Yes or no; Escape cancels.
    pub fn confirm(&self, question: &str, default: bool) -> Result<bool> {
        answered(
            dialoguer::Confirm::with_theme(self.theme.as_ref())
                .with_prompt(question)
                .default(default)
                .interact_opt(),
        )
    }
}

/// The questions without colour (NO_COLOR, --color never): dialoguer's
/// plain look, without a colon after a question mark.
struct PlainTheme;

impl PlainTheme {
    fn ending(prompt: &str) -> &'static str {
        if prompt.ends_with('?') { "" } else { ":" }
    }
}

impl Theme for PlainTheme {
    fn format_prompt(&self, f: &mut dyn std::fmt::Write, prompt: &str) -> std::fmt::Result {
        write!(f, "{prompt}{}", PlainTheme::ending(prompt))
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        default: Option<&str>,
    ) -> std::fmt::Result {
        let end = PlainTheme::ending(prompt);
        match default {
            Some(default) => write!(f, "{prompt} [{default}]{end} "),
            None => write!(f, "{prompt}{end} "),
        }
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> std::fmt::Result {
        write!(f, "{prompt}{} {sel}", PlainTheme::ending(prompt))
    }
}

/// Fails unless inc may wait for the user (a question, an editor): stdin
/// and stderr are a terminal and `--no-input` is not set.
pub fn require_terminal(global: &GlobalArgs, missing: &str, flags: &str) -> Result<()> {
    let (stdin, stderr) = (
        std::io::stdin().is_terminal(),
        std::io::stderr().is_terminal(),
    );
    if !global.no_input && stdin && stderr {
        return Ok(());
    }
    let why = if global.no_input {
        "--no-input (or INC_NO_INPUT) is set"
    } else if stdin {
        "stderr is not a terminal"
    } else {
        "stdin is not a terminal"
    };
    Err(
        UserError::new(format!("{missing}, and inc cannot ask: {why}"))
            .hint(flags.to_string())
            .into(),
    )
}

/// Interruptions (Ctrl-C, Escape) cancel the command; nothing is written.
fn answered<T>(answer: dialoguer::Result<Option<T>>) -> Result<T> {
    match answer {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(cancelled()),
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
            // Ctrl-C cut the read short: the thread watching for it ends
            // inc (see `Asker::with`); give it a moment to.
            std::thread::sleep(std::time::Duration::from_secs(1));
            Err(cancelled())
        }
        Err(dialoguer::Error::IO(e)) => {
            Err(anyhow::Error::new(e).context("could not read the answer"))
        }
    }
}

/// A question was cancelled (Escape); nothing of it was written.
#[derive(Debug)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("cancelled; nothing was written")
    }
}

impl std::error::Error for Cancelled {}

fn cancelled() -> anyhow::Error {
    let mut stderr = std::io::stderr();
    if stderr.is_terminal() {
        let _ = stderr.write_all(interrupt::SHOW_CURSOR);
    }
    Cancelled.into()
}
