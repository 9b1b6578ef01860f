//! Questions in a terminal (dialoguer), for the commands that can ask for
//! what was not given. Without a terminal on stdin, or with `--no-input`,
//! inc never waits: the command fails and names the flag to pass instead.

use std::io::{IsTerminal, Write};

use anyhow::{Context as _, Result};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};

use super::Context;
use crate::error::UserError;

/// Asks questions in a terminal. Only [`Asker::new`] makes one, so no
/// command can prompt where it must not.
pub struct Asker {
    theme: Box<dyn Theme>,
}

impl Asker {
    /// An asker, or the error to give when inc may not ask: `missing` says
    /// what was not given, `flags` how to give it on the command line.
    pub fn new(ctx: &Context, missing: &str, flags: &str) -> Result<Asker> {
        if !ctx.interactive() {
            let why = if ctx.no_input() {
                "--no-input is set"
            } else {
                "stdin is not a terminal"
            };
            return Err(
                UserError::new(format!("{missing}, and inc cannot ask: {why}"))
                    .hint(flags.to_string())
                    .into(),
            );
        }
        // Ctrl-C at a prompt cancels the command like Escape does, rather
        // than killing inc with the cursor hidden: the handler only lets
        // the read return, and the answer counts as cancelled.
        signal_hook::flag::register(
            signal_hook::consts::SIGINT,
            std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
        )
        .context("could not set up the handling of Ctrl-C")?;
        let theme: Box<dyn Theme> = if ctx.prompt_color() {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        Ok(Asker { theme })
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

/// Interruptions (Ctrl-C, Escape) cancel the command; nothing is written.
fn answered<T>(answer: dialoguer::Result<Option<T>>) -> Result<T> {
    match answer {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(cancelled()),
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
            Err(cancelled())
        }
        Err(dialoguer::Error::IO(e)) => {
            Err(anyhow::Error::new(e).context("could not read the answer"))
        }
    }
}

fn cancelled() -> anyhow::Error {
    // A choice list hides the cursor while it is shown; bring it back.
    let mut stderr = std::io::stderr();
    if stderr.is_terminal() {
        let _ = stderr.write_all(b"\x1b[?25h\n");
    }
    UserError::new("cancelled; nothing was written").into()
}
