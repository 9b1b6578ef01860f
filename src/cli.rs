//! The command line: the top-level clap parser, global flags, and the list
//! of commands. Each command's own flags live beside its `run` in
//! `src/commands/`.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::commands;

/// Run an incident from the terminal.
///
/// Declare an incident, keep its timeline with the real time of each event,
/// track severity, status and key times, all in a local SQLite file.
#[derive(Debug, Parser)]
#[command(
    name = "inc",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = NEW_TO_INC
)]
pub struct Cli {
    #[command(flatten, next_help_heading = "Global options")]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// The environment variables inc reads, for `inc --help` and the man page.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    ("INC_DB", "The database file (as --db)"),
    ("INC_CONFIG", "The config file (as --config)"),
    ("INC_USER", "Your name, recorded as the author (as --as)"),
    (
        "INC_TZ",
        "The time zone of times shown and typed [default: config `timezone`, TZ]",
    ),
    ("INC_NO_INPUT", "Never prompt (as --no-input)"),
    ("NO_COLOR", "No colour, unless --color always"),
    (
        "VISUAL, EDITOR",
        "The editor for `inc tl --edit` and `inc config edit` [default: vi]",
    ),
];

/// The files inc keeps.
pub const FILES: &[(&str, &str)] = &[
    (
        "~/.config/inc/config.toml",
        "Settings ($XDG_CONFIG_HOME moves it); `inc config show` prints them",
    ),
    (
        "~/.local/share/inc/inc.db",
        "The incidents, in SQLite ($XDG_DATA_HOME moves it); `inc doctor` checks it",
    ),
];

/// What inc's exit codes mean.
pub const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "Done; also when a reader closed the pipe early (inc timeline | head)",
    ),
    (
        "1",
        "An error: one line says what is wrong, a hint what to do",
    ),
    (
        "2",
        "A usage error: an unknown command or flag, or a bad value",
    ),
    (
        "75",
        "The database stayed busy past busy_timeout_ms; nothing changed, try again",
    ),
    (
        "130",
        "Interrupted by Ctrl-C at a question; nothing of that question is written",
    ),
    (
        "other",
        "From inc run: its command's code (126, 127, 128 + signal, as shells give)",
    ),
];

/// The sections that end `inc --help` and the man page.
pub const REFERENCE: [(&str, &[(&str, &str)]); 3] = [
    ("Environment", ENVIRONMENT),
    ("Files", FILES),
    ("Exit status", EXIT_STATUS),
];

const NEW_TO_INC: &str = "New to inc? `inc demo` shows a whole incident and its review; docs/guide.md walks through one.";

/// The end of `inc --help`: environment, files, exit status.
fn after_long_help() -> String {
    let mut out = String::new();
    for (title, items) in REFERENCE {
        let width = items.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
        out.push_str(&format!("{title}:\n"));
        for (name, text) in items {
            out.push_str(&format!("  {name:<width$}  {text}\n"));
        }
        out.push('\n');
    }
    out.push_str(NEW_TO_INC);
    out
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

    /// Never prompt: fail and name the missing flag instead
    #[arg(
        long,
        global = true,
        env = "INC_NO_INPUT",
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    pub no_input: bool,

    /// Colour severity and status (auto: in a terminal, unless NO_COLOR is set)
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Each command's flags are defined only when it is the one run (`defer`),
/// so that start-up does not grow with the number of commands.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
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
    /// Statistics across incidents: time to detect, mitigate, resolve; reviews; action items
    Stats(commands::stats::Args),
    /// Show an incident's status board
    #[command(after_long_help = commands::show::EXAMPLES)]
    Show(commands::Shown),
    /// Change the status: investigating, identified, monitoring, resolved
    Status(commands::status::Args),
    /// Change the severity (1 to 4; SEV1 is the worst)
    Sev(commands::sev::Args),
    /// Record when customer impact was mitigated
    #[command(after_long_help = commands::mitigated::EXAMPLES)]
    Mitigated(commands::KeyTimeArgs),
    /// Resolve the incident
    #[command(after_long_help = commands::resolve::EXAMPLES)]
    Resolve(commands::KeyTimeArgs),
    /// Reopen a resolved or cancelled incident
    Reopen(commands::reopen::Args),
    /// Close an incident that was not one (a false alarm, a duplicate), with the reason
    Cancel(commands::cancel::Args),
    /// Correct a timeline entry: edit its text or time, strike it (rm), move it
    Entry(commands::entry::Args),
    /// Correct an incident's title
    Retitle(commands::retitle::Args),
    /// Show an incident's key times, or correct them (--started, --detected, ...)
    Times(commands::times::Args),
    /// Hand command to someone else and print the briefing
    Handoff(commands::handoff::Args),
    /// Print the briefing for someone joining the response
    #[command(after_long_help = commands::brief::EXAMPLES)]
    Brief(commands::Shown),
    /// Give a role (scribe, comms, ...) to someone, or clear it
    Role(commands::role::Args),
    /// List everyone involved, what they did and since when
    #[command(after_long_help = commands::responders::EXAMPLES)]
    Responders(commands::Shown),
    /// Track the steps under way: add, done, list, edit, assign
    Task(commands::task::Args),
    /// Set, clear or list where the response happens: channel, bridge, ticket
    Link(commands::link::Args),
    /// Record a status update (internal or --external) and post it to the webhook
    Update(commands::update::Args),
    /// List the status updates sent, whether each was posted, and how long since the last
    #[command(after_long_help = commands::updates::EXAMPLES)]
    Updates(commands::Shown),
    /// Mark an incident as a security incident (on) or not (off)
    Security(commands::security::Args),
    /// A security incident's duties (legal, marketing...): list, done, add
    Checklist(commands::checklist::Args),
    /// Describe the incident for the review: summary, impact, scope, detection
    ///
    /// Each flag sets its part and keeps the others. With no flag, in a
    /// terminal, inc asks for each part not written yet.
    Describe(commands::describe::Args),
    /// Contributing factors: add, list, rm
    Factor(commands::factor::Args),
    /// Corrective action items: add, list, done, edit
    Action(commands::action::Args),
    /// Lessons learned: add, list, rm
    Lesson(commands::lesson::Args),
    /// The post-incident review, as markdown or JSON; --check says if it is ready
    Review(commands::review::Args),
    /// Record that the review meeting was held (--at TIME if not just now)
    Reviewed(commands::reviewed::Args),
    /// Where the review document stands: draft, in-review, reviewed or closed, and its owner
    ReviewStatus(commands::review_status::Args),
    /// Every incident's action items by due date: --open, --overdue, --owner
    Actions(commands::actions::Args),
    /// Resolved incidents whose review meeting is overdue, due, or held
    Reviews(commands::reviews::Args),
    /// Search titles, descriptions, timeline notes, factors, actions and lessons
    Search(commands::search::Args),
    /// Import the timeline notes (TL: ...) of a channel from a Slack export
    ImportSlack(commands::import_slack::Args),
    /// Replay a made-up incident in a throwaway database and print its review
    Demo(commands::demo::Args),
    /// Where inc keeps its files, the settings in effect, and editing them
    Config(commands::config::Args),
    /// Check the setup: config, database, SQLite, permissions, integrity
    Doctor(commands::doctor::Args),
    /// Print shell completions
    Completions(commands::completions::Args),
    /// Write incidents with all their records as JSON, for `inc import` elsewhere
    Export(commands::export::Args),
    /// Merge incidents from a file `inc export` wrote: adds what is new, takes later changes
    Import(commands::import::Args),
    /// Work as a team through a PostgreSQL hub: join, status, grant, leave
    Team(commands::team::Args),
    /// Send this laptop's queued changes to the team hub and bring the team's, now
    Sync(commands::sync::Args),
    /// The team hub's schema in PostgreSQL: print its SQL, install it, migrate it
    Hub(commands::hub::Args),
}

/// Commands by phase, as `inc --help` lists them.
pub const PHASES: &[(&str, &[&str])] = &[
    (
        "During the incident",
        &[
            "open",
            "tl",
            "run",
            "show",
            "timeline",
            "status",
            "sev",
            "mitigated",
            "resolve",
            "reopen",
            "cancel",
            "use",
            "handoff",
            "brief",
            "role",
            "responders",
            "task",
            "link",
            "update",
            "updates",
            "security",
            "checklist",
        ],
    ),
    ("Correcting the record", &["entry", "retitle", "times"]),
    (
        "After it: the review",
        &[
            "describe",
            "factor",
            "action",
            "lesson",
            "import-slack",
            "review",
            "reviewed",
            "review-status",
        ],
    ),
    (
        "Across incidents",
        &[
            "list", "stats", "search", "actions", "reviews", "export", "import",
        ],
    ),
    ("As a team", &["team", "sync", "hub"]),
    (
        "Setting up",
        &["demo", "config", "doctor", "completions", "help"],
    ),
];

/// The clap command, with `inc --help` listing commands by phase: for
/// completions, the man page and tests.
pub fn command() -> clap::Command {
    with_help_text(Cli::command())
}

/// The command to parse `args` with. It is made for every run, so the long
/// help text is only added when `args` may ask for it.
pub fn command_for(args: &[std::ffi::OsString]) -> clap::Command {
    // `inc` alone prints the help too.
    let asks_for_help = args.len() <= 1
        || args
            .iter()
            .skip(1)
            .any(|a| a == "-h" || a == "--help" || a == "help");
    if asks_for_help {
        command()
    } else {
        Cli::command()
    }
}

fn with_help_text(cmd: clap::Command) -> clap::Command {
    let template = format!(
        "{{about-with-newline}}\n{{usage-heading}} {{usage}}\n{}\nOptions:\n{{options}}{{after-help}}",
        phases(&cmd)
    );
    cmd.help_template(template)
        .after_long_help(after_long_help())
}

/// The commands, under the headings of [`PHASES`]; any left out are listed
/// last, under "Other commands" (a test makes sure there are none).
fn phases(cmd: &clap::Command) -> String {
    // clap adds `help` itself when it builds the command.
    const HELP: &str = "Print this message or the help of the given command";
    let width = cmd
        .get_subcommands()
        .map(|c| c.get_name().len())
        .max()
        .unwrap_or(0);
    let line = |name: &str, about: String| format!("  {name:<width$}  {about}\n");
    let about = |c: &clap::Command| c.get_about().map(ToString::to_string).unwrap_or_default();
    let mut out = String::new();
    for (phase, names) in PHASES {
        out.push_str(&format!("\n{phase}:\n"));
        for name in *names {
            match cmd.find_subcommand(name) {
                Some(c) => out.push_str(&line(name, about(c))),
                None if *name == "help" => out.push_str(&line(name, HELP.to_string())),
                None => {}
            }
        }
    }
    let other: Vec<&clap::Command> = cmd
        .get_subcommands()
        .filter(|c| {
            !PHASES
                .iter()
                .any(|(_, names)| names.contains(&c.get_name()))
        })
        .collect();
    if !other.is_empty() {
        out.push_str("\nOther commands:\n");
        for c in other {
            out.push_str(&line(c.get_name(), about(c)));
        }
    }
    out
}
