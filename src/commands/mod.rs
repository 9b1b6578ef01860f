//! One module per command, each with its clap `Args` beside its `run`, and
//! the context they share: config, clock, zone, identity and the store.

pub mod action;
pub mod brief;
pub mod completions;
pub mod describe;
pub mod factor;
pub mod handoff;
pub mod lesson;
pub mod list;
pub mod mitigated;
pub mod open;
pub mod reopen;
pub mod resolve;
pub mod responders;
pub mod review;
pub mod role;
pub mod run_command;
pub mod sev;
pub mod show;
pub mod status;
pub mod task;
pub mod timeline;
pub mod tl;
pub mod use_incident;

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};

use crate::cli::{Cli, Command, GlobalArgs};
use crate::clock::Clock;
use crate::config::{self, Config};
use crate::identity;
use crate::model::IncidentRef;
use crate::store::{Stamp, Store, StoreOptions};
use crate::time::{Zone, parse_time};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    // Commands that need neither config nor database come first, so a
    // broken config or database cannot block them.
    if let Command::Completions(args) = &cli.command {
        return completions::run(args);
    }
    let ctx = Context::new(cli.global)?;
    match cli.command {
        Command::Open(args) => open::run(&ctx, &args),
        Command::Tl(args) => tl::run(&ctx, &args),
        Command::Run(args) => run_command::run(&ctx, &args),
        Command::Timeline(args) => timeline::run(&ctx, &args),
        Command::Use(args) => use_incident::run(&ctx, &args),
        Command::List(args) => list::run(&ctx, &args),
        Command::Show(args) => show::run(&ctx, &args),
        Command::Status(args) => status::run(&ctx, &args),
        Command::Sev(args) => sev::run(&ctx, &args),
        Command::Mitigated(args) => mitigated::run(&ctx, &args),
        Command::Resolve(args) => resolve::run(&ctx, &args),
        Command::Reopen(args) => reopen::run(&ctx, &args),
        Command::Handoff(args) => handoff::run(&ctx, &args),
        Command::Brief(args) => brief::run(&ctx, &args),
        Command::Role(args) => role::run(&ctx, &args),
        Command::Responders(args) => responders::run(&ctx, &args),
        Command::Task(args) => task::run(&ctx, &args),
        Command::Describe(args) => describe::run(&ctx, &args),
        Command::Factor(args) => factor::run(&ctx, &args),
        Command::Action(args) => action::run(&ctx, &args),
        Command::Lesson(args) => lesson::run(&ctx, &args),
        Command::Review(args) => review::run(&ctx, &args),
        Command::Completions(_) => unreachable!("handled above"),
    }
}

/// What every command may need, resolved lazily where it costs anything.
pub struct Context {
    global: GlobalArgs,
    config: Config,
    clock: Clock,
    zone: std::cell::OnceCell<Zone>,
}

impl Context {
    fn new(global: GlobalArgs) -> Result<Context> {
        let (config_path, explicit) = config::config_path(global.config.as_deref())?;
        let config = Config::load(&config_path, explicit)?;
        Ok(Context {
            global,
            config,
            clock: Clock::from_env()?,
            zone: std::cell::OnceCell::new(),
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The zone times are shown and typed in, looked up once.
    pub fn zone(&self) -> Result<&Zone> {
        if let Some(zone) = self.zone.get() {
            return Ok(zone);
        }
        let zone = self.config.zone()?;
        Ok(self.zone.get_or_init(|| zone))
    }

    /// Reads a time typed by the user (`--started`, `--detected`, ...).
    pub fn parse_time(&self, input: &str, zone: &Zone) -> Result<DateTime<Utc>> {
        Ok(parse_time(input, self.now(), zone)?)
    }

    /// When an event happened: the `--at` time if given, else now.
    pub fn event_time(&self, at: Option<&str>) -> Result<DateTime<Utc>> {
        match at {
            Some(t) => self.parse_time(t, self.zone()?),
            None => Ok(self.now()),
        }
    }

    /// Who is acting and when, for everything a command writes.
    pub fn stamp(&self) -> Result<Stamp> {
        let author =
            identity::resolve(self.global.as_user.as_deref(), self.config.user.as_deref())?;
        Ok(Stamp {
            author,
            now: self.now(),
        })
    }

    fn db(&self) -> Result<(PathBuf, StoreOptions)> {
        let (path, is_default) = config::db_path(self.global.db.as_deref(), &self.config)?;
        let options = StoreOptions {
            busy_timeout: self.config.busy_timeout,
            create_dir: is_default,
        };
        Ok((path, options))
    }

    /// Opens the store to write. Call it after checking the input, so that
    /// bad input never touches the database.
    pub fn store_write(&self) -> Result<Store> {
        let (path, options) = self.db()?;
        Store::open_write(&path, &options)
    }

    /// Opens the store to change an existing incident; a missing database
    /// is not created (see [`Store::open_for_change`]).
    pub fn store_for_change(&self) -> Result<Store> {
        let (path, options) = self.db()?;
        Store::open_for_change(&path, &options)
    }

    /// Opens the store read-only: creates and changes nothing.
    pub fn store_read(&self) -> Result<Store> {
        let (path, options) = self.db()?;
        Store::open_read(&path, &options)
    }

    /// Writes to standard output. A closed pipe surfaces as an error that
    /// `main` treats as success.
    pub fn print(&self, text: &str) -> Result<()> {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .context("could not write to standard output")
    }

    /// Prints one line.
    pub fn say(&self, line: &str) -> Result<()> {
        self.print(&format!("{line}\n"))
    }
}

/// `[ID]` or `-i ID`, for the commands that show an incident.
#[derive(Debug, Clone, clap::Args)]
pub struct ShownIncident {
    /// The incident [default: the current one, else the last one chosen]
    #[arg(value_name = "ID")]
    pub id: Option<String>,

    /// The same, as a flag
    #[arg(
        short = 'i',
        long = "incident",
        value_name = "ID",
        conflicts_with = "id"
    )]
    pub incident: Option<String>,
}

impl ShownIncident {
    pub fn target(&self) -> Result<IncidentRef> {
        let named = self.id.as_deref().or(self.incident.as_deref());
        Ok(IncidentRef::parse(named, IncidentRef::Viewing)?)
    }
}

/// `-i/--incident ID`, shared by the commands that act on an incident.
#[derive(Debug, Clone, clap::Args)]
pub struct IncidentArg {
    /// The incident to act on [default: the current incident]
    #[arg(short = 'i', long = "incident", value_name = "ID")]
    pub incident: Option<String>,
}

impl IncidentArg {
    /// The named incident, else `fallback`.
    pub fn target(&self, fallback: IncidentRef) -> Result<IncidentRef> {
        Ok(IncidentRef::parse(self.incident.as_deref(), fallback)?)
    }
}

/// The width to wrap tables to: the terminal's, when printing to one.
pub fn terminal_width() -> Option<u16> {
    comfy_table::Table::new().width()
}

/// Applies a change to an incident in one transaction and prints what
/// happened: `describe` words the result, or a note when nothing changed.
pub fn change<F>(
    ctx: &Context,
    target: IncidentRef,
    apply: F,
    describe: impl FnOnce(&crate::model::Incident, &Zone) -> String,
) -> Result<()>
where
    F: FnOnce(
        &mut crate::model::Incident,
        &Zone,
    ) -> Result<Vec<crate::model::NewEntry>, crate::error::UserError>,
{
    let zone = ctx.zone()?;
    let stamp = ctx.stamp()?;
    let (incident, entries) =
        ctx.store_for_change()?
            .update_incident(target, &stamp, |incident| Ok(apply(incident, zone)?))?;
    if entries.is_empty() {
        ctx.say(&format!(
            "{}: nothing to change",
            crate::report::text::incident_name(&incident)
        ))
    } else {
        ctx.say(&describe(&incident, zone))
    }
}
