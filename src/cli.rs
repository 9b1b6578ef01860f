//! The command line: the top-level clap parser, global flags, and the list
//! of commands. Each command's own flags live beside its `run` in
//! `src/commands/`.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::commands;

/// inc: run an incident from the terminal.
///
/// Declare an incident, keep its timeline with the real time of each event,
/// track severity, status and key times, all in a local SQLite file.
#[derive(Debug, Parser)]
#[command(name = "inc", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten, next_help_heading = "Global options")]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// The incident database [default: $INC_DB, config `db`, $XDG_DATA_HOME/inc/inc.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The config file [default: $INC_CONFIG, $XDG_CONFIG_HOME/inc/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Who is acting, recorded as the author [default: $INC_USER, config `user`, git's user.name, $USER]
    #[arg(long = "as", global = true, value_name = "NAME")]
    pub as_user: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Declare an incident and make it the current one
    Open(commands::open::Args),
    /// Add a note to the timeline, with the real time of the event
    Tl(commands::tl::Args),
    /// Run a command and note it on the timeline: command line, exit code, duration
    Run(commands::run_command::Args),
    /// Print an incident's timeline in the order events happened
    Timeline(commands::timeline::Args),
    /// Make an incident the current one
    Use(commands::use_incident::Args),
    /// List incidents (open ones unless --all)
    List(commands::list::Args),
    /// Show an incident's status board
    Show(commands::show::Args),
    /// Change the status: investigating, identified, monitoring, resolved
    Status(commands::status::Args),
    /// Change the severity (1 to 4; SEV1 is the worst)
    Sev(commands::sev::Args),
    /// Record when customer impact was mitigated
    Mitigated(commands::mitigated::Args),
    /// Resolve the incident
    Resolve(commands::resolve::Args),
    /// Reopen a resolved incident
    Reopen(commands::reopen::Args),
    /// Hand command to someone else and print the briefing
    Handoff(commands::handoff::Args),
    /// Print the briefing for someone joining the response
    Brief(commands::brief::Args),
    /// Give a role (scribe, comms, ...) to someone, or clear it
    Role(commands::role::Args),
    /// List everyone involved, what they did and since when
    Responders(commands::responders::Args),
    /// Track the steps under way: add, done, list
    Task(commands::task::Args),
    /// Describe the incident for the review: summary, impact, scope, detection
    Describe(commands::describe::Args),
    /// Contributing factors: add, list, rm
    Factor(commands::factor::Args),
    /// Corrective action items: add, list, done, edit
    Action(commands::action::Args),
    /// Lessons learned: add, list
    Lesson(commands::lesson::Args),
    /// The post-incident review, as markdown or JSON; --check says if it is ready
    Review(commands::review::Args),
    /// Print shell completions
    Completions(commands::completions::Args),
}

/// The clap command, for completions, the man page and tests.
pub fn command() -> clap::Command {
    Cli::command()
}
