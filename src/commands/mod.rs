//! One module per command, each with its clap `Args` beside its `run`, and
//! the context they share: config, clock, zone, identity and the store.

pub mod action;
pub mod actions;
pub mod ask;
pub mod brief;
pub mod cancel;
pub mod checklist;
pub mod completions;
pub mod config;
pub mod demo;
pub mod describe;
pub mod doctor;
pub mod entry;
pub mod export;
pub mod factor;
pub mod handoff;
pub mod hub;
pub mod import;
pub mod import_slack;
pub mod lesson;
pub mod link;
pub mod list;
pub mod mitigated;
pub mod open;
pub mod reopen;
pub mod resolve;
pub mod responders;
pub mod retitle;
pub mod review;
pub mod review_status;
pub mod reviewed;
pub mod reviews;
pub mod role;
pub mod run_command;
pub mod search;
pub mod security;
pub mod sev;
pub mod show;
pub mod stats;
pub mod status;
pub mod sync;
pub mod task;
pub mod team;
pub mod timeline;
pub mod times;
pub mod tl;
pub mod update;
pub mod updates;
pub mod use_incident;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};

use crate::cli::{Cli, ColorChoice, Command, GlobalArgs};
use crate::clock::Clock;
use crate::config::{Config, DbSource};
use crate::error::UserError;
use crate::identity;
use crate::model::IncidentRef;
use crate::report::style::{Screen, Style};
use crate::report::text::safe_line;
use crate::store::{Store, StoreOptions};
use crate::time::{Zone, is_time_of_day, parse_time, parse_time_on};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    // Commands that need neither config nor database come first, so a
    // broken config or database cannot block them.
    match &cli.command {
        Command::Completions(args) => return completions::run(args),
        Command::Hub(args) => return hub::run(args),
        Command::Config(args) => return config::run(&cli.global, args),
        // Doctor reads the config itself, to report a broken one.
        Command::Doctor(args) => return doctor::run(&cli.global, args),
        Command::Demo(args) => {
            return demo::run(&Context::without_config(cli.global.clone())?, args);
        }
        _ => {}
    }
    let ctx = Context::new(cli.global)?;
    let result = match cli.command {
        Command::Open(args) => open::run(&ctx, &args),
        Command::Tl(args) => tl::run(&ctx, &args),
        Command::Run(args) => run_command::run(&ctx, &args),
        Command::Timeline(args) => timeline::run(&ctx, &args),
        Command::Use(args) => use_incident::run(&ctx, &args),
        Command::List(args) => list::run(&ctx, &args),
        Command::Stats(args) => stats::run(&ctx, &args),
        Command::Show(args) => show::run(&ctx, &args),
        Command::Status(args) => status::run(&ctx, &args),
        Command::Sev(args) => sev::run(&ctx, &args),
        Command::Mitigated(args) => mitigated::run(&ctx, &args),
        Command::Resolve(args) => resolve::run(&ctx, &args),
        Command::Reopen(args) => reopen::run(&ctx, &args),
        Command::Cancel(args) => cancel::run(&ctx, &args),
        Command::Entry(args) => entry::run(&ctx, &args),
        Command::Retitle(args) => retitle::run(&ctx, &args),
        Command::Times(args) => times::run(&ctx, &args),
        Command::Handoff(args) => handoff::run(&ctx, &args),
        Command::Brief(args) => brief::run(&ctx, &args),
        Command::Role(args) => role::run(&ctx, &args),
        Command::Responders(args) => responders::run(&ctx, &args),
        Command::Task(args) => task::run(&ctx, &args),
        Command::Link(args) => link::run(&ctx, &args),
        Command::Update(args) => update::run(&ctx, &args),
        Command::Updates(args) => updates::run(&ctx, &args),
        Command::Security(args) => security::run(&ctx, &args),
        Command::Checklist(args) => checklist::run(&ctx, &args),
        Command::Export(args) => export::run(&ctx, &args),
        Command::Import(args) => import::run(&ctx, &args),
        Command::Describe(args) => describe::run(&ctx, &args),
        Command::Factor(args) => factor::run(&ctx, &args),
        Command::Action(args) => action::run(&ctx, &args),
        Command::Actions(args) => actions::run(&ctx, &args),
        Command::Lesson(args) => lesson::run(&ctx, &args),
        Command::Review(args) => review::run(&ctx, &args),
        Command::Reviewed(args) => reviewed::run(&ctx, &args),
        Command::ReviewStatus(args) => review_status::run(&ctx, &args),
        Command::Reviews(args) => reviews::run(&ctx, &args),
        Command::Search(args) => search::run(&ctx, &args),
        Command::ImportSlack(args) => import_slack::run(&ctx, &args),
        Command::Team(args) => team::run(&ctx, &args),
        Command::Sync(args) => sync::run(&ctx, &args),
        Command::Completions(_)
        | Command::Config(_)
        | Command::Demo(_)
        | Command::Doctor(_)
        | Command::Hub(_) => {
            unreachable!("handled above")
        }
    };
    // Committed here first; only now does anything go to the team hub.
    if ctx.team_writes.get()
        && let Ok((path, options)) = ctx.db()
    {
        crate::sync::after_write(&path, &options);
    }
    ctx.tell_of_missing_db(result)
}

/// What every command may need, resolved lazily where it costs anything.
pub struct Context {
    global: GlobalArgs,
    config: Config,
    clock: Clock,
    zone: std::cell::OnceCell<Zone>,
    /// Set when a command read a database file that does not exist: what
    /// to tell the user once the command is done.
    missing_db: std::cell::Cell<Option<MissingDb>>,
    /// Set when a command wrote changes for the team hub, to push once it
    /// is done.
    team_writes: std::rc::Rc<std::cell::Cell<bool>>,
}

/// A database path with no file, and where the path came from.
struct MissingDb {
    path: PathBuf,
    source: DbSource,
}

impl Context {
    fn new(global: GlobalArgs) -> Result<Context> {
        let (config_path, explicit) = crate::config::config_path(global.config.as_deref())?;
        let config = Config::load(&config_path, explicit)?;
        Ok(Context {
            global,
            config,
            clock: Clock::from_env()?,
            zone: std::cell::OnceCell::new(),
            missing_db: std::cell::Cell::new(None),
            team_writes: std::rc::Rc::default(),
        })
    }

    /// A context that reads no config file, for `inc demo`: it needs only
    /// the clock and the zone (`INC_TZ`, else the system's), so a broken
    /// config cannot block it. It must not open the user's database.
    fn without_config(global: GlobalArgs) -> Result<Context> {
        Ok(Context {
            global,
            config: Config::default(),
            clock: Clock::from_env()?,
            zone: std::cell::OnceCell::new(),
            missing_db: std::cell::Cell::new(None),
            team_writes: std::rc::Rc::default(),
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The clock, for what needs more than [`Context::now`].
    pub fn clock(&self) -> Clock {
        self.clock
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

    /// When an event happened: the `--at` time if given; None for now,
    /// which the store reads once it holds the write lock (so that of two
    /// writers, the later writes the later time).
    pub fn at(&self, at: Option<&str>) -> Result<Option<DateTime<Utc>>> {
        at.map(|t| self.parse_time(t, self.zone()?)).transpose()
    }

    /// When an event on an existing incident happened: as [`Context::at`],
    /// except that a bare time of day on an incident whose events lie in
    /// the past is read on the incident's own days (see
    /// [`parse_time_on`]). Only then is the store read, read-only.
    pub fn at_on(&self, at: Option<&str>, target: IncidentRef) -> Result<Option<DateTime<Utc>>> {
        self.at_on_found(at, |_| Ok(target))
    }

    /// [`Context::at_on`] for an incident found only when it is needed,
    /// such as the one an entry belongs to.
    pub fn at_on_found(
        &self,
        at: Option<&str>,
        target: impl FnOnce(&Store) -> Result<IncidentRef>,
    ) -> Result<Option<DateTime<Utc>>> {
        match at {
            Some(input) if is_time_of_day(input) => {
                let store = self.store_read()?;
                let span = store.event_span(target(&store)?)?;
                Ok(Some(parse_time_on(input, self.now(), self.zone()?, span)?))
            }
            other => self.at(other),
        }
    }

    /// Who is acting, recorded as the author of everything written.
    pub fn author(&self) -> Result<String> {
        Ok(identity::resolve(
            self.global.as_user.as_deref(),
            self.config.user.as_deref(),
        )?)
    }

    fn db(&self) -> Result<(PathBuf, StoreOptions)> {
        Ok(self.db_with_source()?.0)
    }

    fn db_with_source(&self) -> Result<((PathBuf, StoreOptions), DbSource)> {
        let (path, source) = crate::config::db_path(self.global.db.as_deref(), &self.config)?;
        let options = StoreOptions {
            busy_timeout: self.config.busy_timeout,
            create_dir: source == DbSource::Default,
            clock: self.clock,
        };
        Ok(((path, options), source))
    }

    /// The database to read from. When there is no file there, its
    /// records read as none, which a misspelled `--db` or `INC_DB` must
    /// not pass for: [`Context::tell_of_missing_db`] says so at the end.
    fn db_to_read(&self) -> Result<(PathBuf, StoreOptions)> {
        let ((path, options), source) = self.db_with_source()?;
        if std::fs::symlink_metadata(&path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
        {
            self.missing_db.set(Some(MissingDb {
                path: path.clone(),
                source,
            }));
        }
        Ok((path, options))
    }

    /// After a command that read a database file that does not exist: a
    /// line on standard error, or, when the command failed and the path
    /// was named, the failure's hint, since the path is the likelier
    /// mistake.
    fn tell_of_missing_db(&self, result: Result<()>) -> Result<()> {
        let Some(MissingDb { path, source }) = self.missing_db.take() else {
            return result;
        };
        // A command that read first may have written since (`inc open`
        // asking its questions): then there is a file.
        if std::fs::symlink_metadata(&path).is_ok() {
            return result;
        }
        let shown = safe_line(&path.display().to_string()).into_owned();
        let named = format!(
            "{shown} (from {}) does not exist, so nothing is recorded there",
            source.name()
        );
        match result {
            Ok(()) if source == DbSource::Default => {
                eprintln!("inc: nothing is recorded yet: {shown} is made by the first `inc open`");
                Ok(())
            }
            Ok(()) => {
                eprintln!("inc: {named}; check the path");
                Ok(())
            }
            Err(e) if source != DbSource::Default => match e.downcast::<UserError>() {
                Ok(user) => Err(user.hint(format!("{named}: check the path")).into()),
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    /// Where the database is, for commands that must not write over it.
    pub fn db_path(&self) -> Result<PathBuf> {
        Ok(self.db()?.0)
    }

    /// Opens the store to write. Call it after checking the input, so that
    /// bad input never touches the database.
    pub fn store_write(&self) -> Result<Store> {
        let (path, options) = self.db()?;
        let mut store = Store::open_write(&path, &options)?;
        store.report_team_writes_to(self.team_writes.clone());
        Ok(store)
    }

    /// Opens the store to change an existing incident; a missing database
    /// is not created (see [`Store::open_for_change`]).
    pub fn store_for_change(&self) -> Result<Store> {
        let (path, options) = self.db_to_read()?;
        let mut store = Store::open_for_change(&path, &options)?;
        store.report_team_writes_to(self.team_writes.clone());
        Ok(store)
    }

    /// Opens the store read-only as it is on this laptop, without asking
    /// the team hub for news: for commands about to write.
    pub fn store_local(&self) -> Result<Store> {
        let (path, options) = self.db_to_read()?;
        Store::open_read(&path, &options)
    }

    /// Opens the store read-only: creates and changes nothing here. On a
    /// team, the hub's news is pulled first (see [`crate::sync::before_read`]).
    pub fn store_read(&self) -> Result<Store> {
        let (path, options) = self.db_to_read()?;
        let store = Store::open_read(&path, &options)?;
        let Some(team) = store.team()? else {
            return Ok(store);
        };
        drop(store);
        crate::sync::before_read(&path, &options, &team);
        Store::open_read(&path, &options)
    }

    /// Whether to colour standard output: `--color always|never`, else only
    /// in a terminal that is not `TERM=dumb`, and never when `NO_COLOR` is set.
    pub fn style(&self) -> Style {
        let color = match self.global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                crate::config::non_empty_env("NO_COLOR").is_none()
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
                    && std::io::stdout().is_terminal()
            }
        };
        Style { color }
    }

    /// The terminal's width and whether to colour, for tables and boards.
    pub fn screen(&self) -> Screen {
        Screen {
            width: terminal_width(),
            style: self.style(),
        }
    }

    /// The global flags, for what needs them directly (questions).
    pub fn global(&self) -> &GlobalArgs {
        &self.global
    }

    /// Writes to standard output (see [`print`]).
    pub fn print(&self, text: &str) -> Result<()> {
        print(text)
    }

    /// Prints one line.
    pub fn say(&self, line: &str) -> Result<()> {
        self.print(&format!("{line}\n"))
    }
}

/// Writes to standard output. A closed pipe surfaces as an error that
/// `main` treats as success.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("could not write to standard output")
}

// The arguments of the commands that show one incident's records (`show`,
// `brief`, `responders`, `updates`): which incident, and whether as JSON.
// Each one's examples are where it is declared, in `cli.rs`.
#[derive(Debug, Clone, clap::Args)]
pub struct Shown {
    #[command(flatten)]
    pub incident: ShownIncident,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

// The arguments of `inc mitigated` and `inc resolve`: when, and which
// incident. Each one's examples are where it is declared, in `cli.rs`.
#[derive(Debug, Clone, clap::Args)]
pub struct KeyTimeArgs {
    #[command(flatten)]
    pub at: At,

    #[command(flatten)]
    pub incident: StateChangeArg,
}

// `[ID]` or `-i ID`, for the commands that show an incident. (Plain
// comments on flattened Args: clap would take a doc comment as the about
// of each command that flattens it, as commands are deferred.)
#[derive(Debug, Clone, clap::Args)]
pub struct ShownIncident {
    /// The incident [default: the current one, else the last one chosen]
    ///
    /// ID is a number such as 12 or #12. The current incident is the one last
    /// opened or chosen with `inc use`, while it is open, else the only open
    /// one. When no incident is open, the one last opened or chosen is shown,
    /// even if resolved.
    #[arg(value_name = "ID", add = clap_complete::ArgValueCompleter::new(crate::commands::completions::incident_ids))]
    pub id: Option<String>,

    /// The incident, as a flag instead of ID
    #[arg(
        short = 'i',
        long = "incident",
        value_name = "ID",
        conflicts_with = "id",
        add = clap_complete::ArgValueCompleter::new(crate::commands::completions::incident_ids)
    )]
    pub incident: Option<String>,
}

impl ShownIncident {
    pub fn target(&self) -> Result<IncidentRef> {
        let named = self.id.as_deref().or(self.incident.as_deref());
        Ok(IncidentRef::parse(named, IncidentRef::Viewing)?)
    }
}

// `--at TIME`: when a change or a note on an incident's timeline happened,
// shared by the commands that write one. (A doc comment here would become
// the help of every command that flattens it.)
#[derive(Debug, Clone, clap::Args)]
pub struct At {
    /// When it happened, if not just now (14:05, -10m, 2h ago, ...)
    ///
    /// TIME is `14:05` or `14:05:30` (the most recent such moment: today, else
    /// yesterday; up to 5 minutes ahead of now means now; on an incident whose
    /// latest event is over 12 hours old, that time on the incident's own
    /// day), `-10m`, `-1h30m`, `2h ago`, `2026-11-26 14:05`, RFC 3339 such as
    /// `2026-11-26T13:05:00Z`, or `now`. Clock times are read in the display
    /// zone (INC_TZ, config `timezone`, else the system's). Other times in the
    /// future are refused.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,
}

impl At {
    /// The time as typed, if given.
    pub fn get(&self) -> Option<&str> {
        self.at.as_deref()
    }
}

// `-i/--incident ID`, shared by the commands that act on an incident.
#[derive(Debug, Clone, clap::Args)]
pub struct IncidentArg {
    /// The incident to act on [default: the current incident]
    ///
    /// ID is a number such as 12 or #12. The current incident is the one last
    /// opened or chosen with `inc use`, while it is open, else the only open
    /// one.
    #[arg(short = 'i', long = "incident", value_name = "ID", add = clap_complete::ArgValueCompleter::new(crate::commands::completions::incident_ids))]
    pub incident: Option<String>,
}

impl IncidentArg {
    /// The named incident, else `fallback`.
    pub fn target(&self, fallback: IncidentRef) -> Result<IncidentRef> {
        Ok(IncidentRef::parse(self.incident.as_deref(), fallback)?)
    }
}

// `-i/--incident ID` for the commands that change an incident's state
// (`status`, `sev`, `mitigated`, `resolve`, `cancel`, `handoff`): with
// several incidents open, a change of state on the wrong one costs more
// than a question, so without `-i` they ask, or refuse.
#[derive(Debug, Clone, clap::Args)]
pub struct StateChangeArg {
    /// The incident to change [default: the current one; with several open, asked for]
    ///
    /// ID is a number such as 12 or #12. Without it, the current incident is
    /// changed while at most one incident is open. When several are open, inc
    /// asks which in a terminal, the current one first; elsewhere it refuses,
    /// naming them, so that a change of state never lands on the wrong
    /// incident.
    #[arg(short = 'i', long = "incident", value_name = "ID", add = clap_complete::ArgValueCompleter::new(crate::commands::completions::incident_ids))]
    pub incident: Option<String>,
}

impl StateChangeArg {
    /// The incident to change and when the change happened (`at`, read
    /// on that incident: see [`Context::at_on`]). A time that needs no
    /// incident to be read is checked before any question.
    pub fn target_at(
        &self,
        ctx: &Context,
        at: Option<&str>,
    ) -> Result<(IncidentRef, Option<DateTime<Utc>>)> {
        let early = match at {
            Some(input) if !is_time_of_day(input) => Some(ctx.at(Some(input))?),
            _ => None,
        };
        let target = self.target(ctx)?;
        let at = match early {
            Some(at) => at,
            None => ctx.at_on(at, target)?,
        };
        Ok((target, at))
    }

    /// The incident named with `-i`; else, with one incident open (or
    /// none), the current one as every command has it; with several, the
    /// one chosen in a terminal, or an error naming them.
    pub fn target(&self, ctx: &Context) -> Result<IncidentRef> {
        if let Some(id) = &self.incident {
            return Ok(crate::model::parse_incident_id(id)?);
        }
        // As they are on this laptop: a write never waits on the team hub.
        let (mut open, selected) = ctx
            .store_local()?
            .snapshot(|store| Ok((store.open_incidents()?, store.selected_incident()?)))?;
        if open.len() < 2 {
            return Ok(IncidentRef::Current);
        }
        let first: Vec<(crate::model::Number, String)> = open
            .iter()
            .take(crate::model::NAMED_WHEN_AMBIGUOUS)
            .map(|i| (i.number, i.title.clone()))
            .collect();
        let current = selected.filter(|id| open.iter().any(|i| i.id == *id));
        let hint = match current {
            Some(id) => format!(
                "name the incident to change with -i ID (the current one is {})",
                open.iter()
                    .find(|i| i.id == id)
                    .map_or_else(|| format!("#{id}"), |i| i.number.to_string())
            ),
            None => "name the incident to change with -i ID".to_string(),
        };
        let ask = ask::Asker::new(
            ctx,
            &format!(
                "{} incidents are open ({})",
                open.len(),
                crate::model::name_incidents(open.len(), &first)
            ),
            &hint,
        )?;
        // The current one first, as the default.
        open.sort_by_key(|i| Some(i.id) != current);
        let items: Vec<String> = open
            .iter()
            .map(|i| {
                let mark = if Some(i.id) == current {
                    " (current)"
                } else {
                    ""
                };
                format!("{} {}{mark}", i.number, safe_line(&i.title))
            })
            .collect();
        let choice = ask.select("Which incident?", &items, 0)?;
        Ok(IncidentRef::Id(open[choice].id))
    }
}

// `-i/--incident ID` for the commands that write the review's material
// (`describe`, `factor add`, `action edit`, ...): usually run after the
// incident is resolved, so without `-i` they fall back like `show` does.
#[derive(Debug, Clone, clap::Args)]
pub struct ReviewIncidentArg {
    /// The incident to act on [default: the current one, else the last one chosen]
    ///
    /// ID is a number such as 12 or #12. The current incident is the one last
    /// opened or chosen with `inc use`, while it is open, else the only open
    /// one. When no incident is open, the one last opened or chosen is used,
    /// even if resolved.
    #[arg(short = 'i', long = "incident", value_name = "ID", add = clap_complete::ArgValueCompleter::new(crate::commands::completions::incident_ids))]
    pub incident: Option<String>,
}

impl ReviewIncidentArg {
    /// The named incident, else the current one, else the last one chosen.
    pub fn target(&self) -> Result<IncidentRef> {
        Ok(IncidentRef::parse(
            self.incident.as_deref(),
            IncidentRef::Viewing,
        )?)
    }
}

/// The width to wrap tables to: the terminal's, when printing to one.
pub fn terminal_width() -> Option<u16> {
    comfy_table::Table::new().width()
}

/// Applies a change to an incident in one transaction and prints what
/// happened: `describe` words the result, or a note when nothing changed.
/// A change of an incident's state at a time, giving the entries that
/// record it (`Incident::resolve`, ...).
pub type Change = fn(
    &mut crate::model::Incident,
    DateTime<Utc>,
    &Zone,
) -> Result<Vec<crate::model::NewEntry>, crate::error::UserError>;

/// Records a key time, now or `--at` (`inc mitigated`, `inc resolve`):
/// `record` changes the incident, and the confirmation says it `happened`
/// at that time, with how long after the start of impact (`since`: `to
/// recover`).
pub fn key_time(
    ctx: &Context,
    args: &KeyTimeArgs,
    record: Change,
    happened: &str,
    since: &str,
) -> Result<()> {
    let (target, at) = args.incident.target_at(ctx, args.at.get())?;
    change(
        ctx,
        target,
        |incident, now, zone| record(incident, at.unwrap_or(now), zone),
        |incident, entries, zone| {
            let at = entries.first().map_or(ctx.now(), |e| e.event_at);
            format!(
                "{} {happened} at {} ({} {since})",
                crate::report::text::incident_label(incident),
                zone.format(at),
                crate::report::text::duration(at - incident.started_at)
            )
        },
    )
}

pub fn change<F>(
    ctx: &Context,
    target: IncidentRef,
    apply: F,
    describe: impl FnOnce(&crate::model::Incident, &[crate::model::TimelineEntry], &Zone) -> String,
) -> Result<()>
where
    F: FnOnce(
        &mut crate::model::Incident,
        DateTime<Utc>,
        &Zone,
    ) -> Result<Vec<crate::model::NewEntry>, crate::error::UserError>,
{
    let zone = ctx.zone()?;
    let author = ctx.author()?;
    let (incident, entries) =
        ctx.store_for_change()?
            .update_incident(target, &author, |incident, now| {
                Ok(apply(incident, now, zone)?)
            })?;
    if entries.is_empty() {
        ctx.say(&format!(
            "{}: nothing to change",
            crate::report::text::incident_name(&incident)
        ))
    } else {
        ctx.say(&describe(&incident, &entries, zone))
    }
}

/// Writes the whole file or nothing: a temporary file beside it, then a
/// rename. A new file is private to the user (0600), whatever the umask,
/// since what inc writes holds incident notes; a file written over keeps
/// its permissions.
pub fn write_file(path: &Path, text: &str) -> Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    let permissions = std::fs::metadata(path)
        .map(|m| m.permissions())
        .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o600));
    write_file_with(path, text, Some(permissions))
}

/// [`write_file`], with the file's permissions set before it takes the
/// place of the old one, so it is never readable by more than it should.
pub fn write_file_with(
    path: &Path,
    text: &str,
    permissions: Option<std::fs::Permissions>,
) -> Result<()> {
    write_file_from(path, permissions, |out| Ok(out.write_all(text.as_bytes())?))
}

/// [`write_file_with`], the text written piece by piece by `fill`: when it
/// fails, the old file stays as it was and no temporary file is left.
pub fn write_file_from(
    path: &Path,
    permissions: Option<std::fs::Permissions>,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| UserError::new(format!("{} is not a file name", path.display())))?;
    let tmp = dir.join(format!(".{}.inc-tmp", name.to_string_lossy()));
    let result = (|| -> Result<()> {
        // A temporary file left by an inc that was killed is removed, and
        // never followed if it is a link: the file is made new, private
        // from the start when it is to be.
        let _ = std::fs::remove_file(&tmp);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        if permissions.is_some() {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        }
        let mut file = options.open(&tmp)?;
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
        let mut out = std::io::BufWriter::new(&mut file);
        fill(&mut out)?;
        out.flush()?;
        drop(out);
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("could not write {}", path.display()))
}
