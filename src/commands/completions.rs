//! `inc completions`: shell completions. The scripts (committed under
//! completions/) are small: they ask `inc` itself what to complete, so
//! completions follow the installed binary and can offer incident ids from
//! the database.

use std::ffi::OsStr;

use anyhow::Result;
use clap_complete::env::Shells;
use clap_complete::{CompleteEnv, CompletionCandidate, Shell};

use crate::config::{self, Config};
use crate::model::Status;
use crate::report::text::safe_line;
use crate::store::{ListFilter, Store, StoreOptions};

/// The variable the scripts set when they ask `inc` for completions.
pub const VAR: &str = "INC_COMPLETE";

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc completions bash > ~/.local/share/bash-completion/completions/inc
  inc completions fish > ~/.config/fish/completions/inc.fish
  inc completions zsh > ~/.zfunc/_inc     # with ~/.zfunc in $fpath"#)]
pub struct Args {
    /// The shell to print completions for
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

pub fn run(args: &Args) -> Result<()> {
    let mut out = Vec::new();
    write(args.shell, &mut out);
    use std::io::Write;
    std::io::stdout()
        .lock()
        .write_all(&out)
        .map_err(anyhow::Error::new)
}

/// Writes the completion script for `shell`.
pub fn write(shell: Shell, out: &mut Vec<u8>) {
    let shells = Shells::builtins();
    let completer = shells
        .completer(&shell.to_string())
        .expect("every shell clap_complete generates for has a dynamic completer");
    completer
        .write_registration(VAR, "inc", "inc", "inc", out)
        .expect("writing to memory cannot fail");
}

/// Answers a completion request from a script and exits, when `INC_COMPLETE`
/// says this run is one; otherwise returns at once.
pub fn answer_if_asked() {
    CompleteEnv::with_factory(crate::cli::command)
        .var(VAR)
        .bin("inc")
        .completer("inc")
        .complete();
}

/// Incident ids for completion, open incidents first, each with its
/// severity, status and title. Anything amiss (no database, a broken
/// config) offers nothing rather than printing into the shell.
pub fn incident_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let Some(incidents) = (|| -> Result<_> {
        let (config_path, explicit) = config::config_path(None)?;
        let config = Config::load(&config_path, explicit)?;
        let (path, _) = config::db_path(None, &config)?;
        let options = StoreOptions {
            busy_timeout: std::time::Duration::from_millis(200),
            create_dir: false,
        };
        Store::open_read(&path, &options)?.list_incidents(&ListFilter {
            all: true,
            ..ListFilter::default()
        })
    })()
    .ok() else {
        return Vec::new();
    };
    let mut incidents: Vec<_> = incidents
        .into_iter()
        .filter(|i| i.id.to_string().starts_with(typed.as_ref()))
        .collect();
    incidents.sort_by_key(|i| (i.status == Status::Resolved, std::cmp::Reverse(i.id)));
    incidents
        .into_iter()
        .map(|i| {
            CompletionCandidate::new(i.id.to_string()).help(Some(
                format!("{} {}: {}", i.severity, i.status, safe_line(&i.title)).into(),
            ))
        })
        .collect()
}

/// The man page, rendered from the clap command (committed as
/// docs/man/inc.1), with ENVIRONMENT, FILES and EXIT STATUS sections.
pub fn man_page() -> Vec<u8> {
    use clap_mangen::roff::{Roff, bold, roman};
    let man = clap_mangen::Man::new(crate::cli::command());
    let mut out = Vec::new();
    let mut reference = Roff::new();
    for (title, items) in crate::cli::REFERENCE {
        reference.control("SH", [title.to_uppercase().as_str()]);
        for (name, text) in items {
            reference.control("TP", []);
            reference.text([bold(*name)]);
            reference.text([roman(*text)]);
        }
    }
    (|| -> std::io::Result<()> {
        man.render_title(&mut out)?;
        man.render_name_section(&mut out)?;
        man.render_synopsis_section(&mut out)?;
        man.render_description_section(&mut out)?;
        man.render_options_section(&mut out)?;
        man.render_subcommands_section(&mut out)?;
        reference.to_writer(&mut out)?;
        man.render_version_section(&mut out)
    })()
    .expect("rendering to memory cannot fail");
    out
}
