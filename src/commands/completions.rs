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
    super::print(&String::from_utf8_lossy(&out))
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
    // clap_complete reads the arguments and the working directory before
    // it looks at the variable; every run of inc need not.
    if std::env::var_os(VAR).is_none() {
        return;
    }
    CompleteEnv::with_factory(crate::cli::command)
        .var(VAR)
        .bin("inc")
        .completer("inc")
        .complete();
}

/// Incident ids for completion, open incidents first, each with its
/// severity, status and title.
pub fn incident_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    ids_where(current, |_| true)
}

/// Open incidents only, for `inc use`.
pub fn open_incident_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    ids_where(current, Status::is_open)
}

/// Resolved incidents only, for `inc reopen`.
pub fn resolved_incident_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    ids_where(current, |status| !status.is_open())
}

/// The ids of incidents whose status passes `wanted`. Anything amiss (no
/// database, a broken config) offers nothing rather than printing into
/// the shell.
fn ids_where(current: &OsStr, wanted: impl Fn(Status) -> bool) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let Some(incidents) = (|| -> Result<_> {
        let (config_path, explicit) = config::config_path(None)?;
        let config = Config::load(&config_path, explicit)?;
        let (path, _) = config::db_path(None, &config)?;
        let options = StoreOptions {
            clock: crate::clock::Clock::system(),
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
        .filter(|i| wanted(i.status) && i.id.to_string().starts_with(typed.as_ref()))
        .collect();
    incidents.sort_by_key(|i| (!i.status.is_open(), std::cmp::Reverse(i.id)));
    incidents
        .into_iter()
        .map(|i| {
            CompletionCandidate::new(i.id.to_string()).help(Some(
                format!("{} {}: {}", i.severity, i.status, safe_line(&i.title)).into(),
            ))
        })
        .collect()
}

/// The man pages, rendered from the clap command: `inc.1` (with
/// ENVIRONMENT, FILES and EXIT STATUS sections) and one page per command
/// and subcommand (`inc-open.1`, `inc-task-add.1`), which `inc.1` refers
/// to. Committed under docs/man/.
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    let mut cmd = crate::cli::command();
    cmd.build();
    let mut pages = vec![("inc.1".to_string(), main_page(cmd.clone()))];
    subcommand_pages(&cmd, "inc", &mut pages);
    pages
}

fn main_page(cmd: clap::Command) -> Vec<u8> {
    use clap_mangen::roff::{Roff, bold, roman};
    let man = clap_mangen::Man::new(cmd);
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

fn subcommand_pages(cmd: &clap::Command, prefix: &str, pages: &mut Vec<(String, Vec<u8>)>) {
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" || sub.is_hide_set() {
            continue;
        }
        // clap takes names as `&'static str`; the few pages are made by
        // the tests and tools, never by a run of inc.
        let name: &'static str = Box::leak(format!("{prefix}-{}", sub.get_name()).into_boxed_str());
        let mut out = Vec::new();
        clap_mangen::Man::new(sub.clone().name(name))
            .render(&mut out)
            .expect("rendering to memory cannot fail");
        pages.push((format!("{name}.1"), out));
        subcommand_pages(sub, name, pages);
    }
}
