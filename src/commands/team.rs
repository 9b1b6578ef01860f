//! `inc team`: put this laptop's database on a team hub (`join`), see how
//! it stands (`status`), let one more person see a security incident
//! (`grant`), and take it off again (`leave`).

use anyhow::Result;

use super::Context;
use crate::error::UserError;
use crate::hub::address::HubUrl;
use crate::hub::schema::current_version;
use crate::hub::{Hub, HubInfo};
use crate::model::IncidentRef;
use crate::report::text::safe_line;
use crate::store::{Store, Team};
use crate::sync::{DEADLINE, SYNC_DEADLINE, sync_now};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc team join postgres://alice@db.example.com/incidents
  inc team status
  inc team grant carol --incident 12
  inc team leave

Set-up for administrators and responders is in docs/team.md."#)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Share this database's incidents through the hub at URL, and get the team's
    #[command(after_long_help = r#"Examples:
  inc team join postgres://alice@db.example.com/incidents
  inc team join 'postgres://alice@db.internal:6432/inc?sslrootcert=/etc/inc/hub-ca.pem'"#)]
    Join {
        /// postgres://USER@HOST[:PORT]/DATABASE[?sslrootcert=CA.pem]; the password comes from ~/.pgpass
        url: String,
    },
    /// The hub, who this laptop is there, what is queued, and whether it answers
    #[command(after_long_help = r#"Examples:
  inc team status"#)]
    Status,
    /// Let a database user see a security incident (its creator and inc_security already do)
    #[command(after_long_help = r#"Examples:
  inc team grant carol
  inc team grant carol --incident 12"#)]
    Grant {
        /// The database user (login role) to let in
        user: String,
        /// The incident (a number such as 12 or #12) [default: the current one]
        #[arg(short = 'i', long = "incident", value_name = "ID")]
        incident: Option<String>,
    },
    /// Stop sharing: changes made from now on stay on this laptop
    #[command(after_long_help = r#"Examples:
  inc team leave
  inc team leave --force"#)]
    Leave {
        /// Leave even with changes the hub does not have yet (they are dropped from the queue)
        #[arg(long)]
        force: bool,
    },
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    match &args.action {
        Action::Join { url } => join(ctx, url),
        Action::Status => status(ctx),
        Action::Grant { user, incident } => grant(ctx, user, incident.as_deref()),
        Action::Leave { force } => leave(ctx, *force),
    }
}

fn join(ctx: &Context, url: &str) -> Result<()> {
    let url = HubUrl::parse(url)?;
    let mut hub = Hub::connect(&url, SYNC_DEADLINE).map_err(|e| e.into_user(&url))?;
    let info = hub.info().map_err(|e| e.into_user(&url))?;
    check_version(&info, &url)?;
    let mut store = ctx.store_write()?;
    drop(hub);
    let shared = store.join_team(
        &url.to_text(),
        info.hub_id.as_deref().unwrap_or(""),
        info.writer,
    )?;
    let team = store.team()?.expect("just joined");
    let report = sync_now(&mut store, &team, SYNC_DEADLINE)?;
    let who = if info.writer {
        "a responder"
    } else {
        "an observer (read only)"
    };
    ctx.say(&format!(
        "joined the team hub {} as {}, {who}",
        safe_line(&shown(&url)),
        safe_line(info.user.as_deref().unwrap_or(&url.user))
    ))?;
    if info.writer {
        ctx.say(&format!(
            "shared {shared} incident{} of this database; pulled {} change{} of {} incident{}",
            plural(shared),
            report.pulled_changes,
            plural(report.pulled_changes),
            report.pulled_incidents,
            plural(report.pulled_incidents)
        ))
    } else {
        ctx.say(&format!(
            "pulled {} change{} of {} incident{}; this laptop cannot change the team's incidents",
            report.pulled_changes,
            plural(report.pulled_changes),
            report.pulled_incidents,
            plural(report.pulled_incidents)
        ))
    }
}

/// The hub must be there and at the version this inc speaks.
fn check_version(info: &HubInfo, url: &HubUrl) -> Result<()> {
    let place = safe_line(&format!("{} on {}:{}", url.dbname, url.host, url.port)).into_owned();
    if !info.installed {
        return Err(UserError::new(format!("there is no inc hub in {place}"))
            .hint("its administrator installs it with `inc hub init URL`, or runs the SQL of `inc hub sql`")
            .into());
    }
    if info.version > current_version() {
        return Err(UserError::new(format!(
            "the hub in {place} is at version {}, newer than this inc knows ({})",
            info.version,
            current_version()
        ))
        .hint("upgrade inc")
        .into());
    }
    if info.version < current_version() {
        return Err(UserError::new(format!(
            "the hub in {place} is at version {}; this inc needs version {}",
            info.version,
            current_version()
        ))
        .hint("its administrator runs `inc hub migrate URL`")
        .into());
    }
    Ok(())
}

fn status(ctx: &Context) -> Result<()> {
    let store = ctx.store_read()?;
    let Some(team) = store.team()? else {
        return ctx.say("this database is on no team; `inc team join URL` shares it through a hub");
    };
    let url = HubUrl::parse(&team.url)?;
    let mut lines = vec![
        format!("hub:        {}", shown(&url)),
        format!("hub id:     {}", team.hub_id),
        format!(
            "role:       {}",
            if team.writer {
                "responder"
            } else {
                "observer (read only)"
            }
        ),
        format!("queued:     {}", store.queued_count()?),
    ];
    if let Some(at) = team
        .pulled_at
        .and_then(chrono::DateTime::from_timestamp_millis)
    {
        lines.push(format!(
            "last pull:  {}",
            at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        ));
    }
    if let Some(why) = &team.last_error {
        lines.push(format!("last error: {why}"));
    }
    lines.extend(reachability(&url));
    for line in lines {
        ctx.say(&safe_line(&line))?;
    }
    Ok(())
}

/// Whether the hub answers now, and what it says: for `inc team status`
/// and `inc doctor`.
pub fn reachability(url: &HubUrl) -> Vec<String> {
    let mut lines = Vec::new();
    let credential = match crate::hub::address::credential_for(url) {
        Ok(found) => found,
        Err(e) => {
            lines.push(format!("credential: {e}"));
            return lines;
        }
    };
    lines.push(format!("credential: {credential}"));
    let tls = match url.tls {
        crate::hub::address::Tls::Verified => "TLS, certificate verified",
        crate::hub::address::Tls::Off => "no TLS (a hub on this machine)",
    };
    let started = std::time::Instant::now();
    match Hub::connect(url, DEADLINE * 2).and_then(|mut hub| hub.info()) {
        Ok(info) => {
            lines.push(format!(
                "reachable:  yes, in {} ms, {tls}",
                started.elapsed().as_millis()
            ));
            lines.push(format!(
                "hub schema: version {} (this inc: {})",
                info.version,
                current_version()
            ));
            if let Some(offset) = info.now.as_deref().and_then(clock_offset) {
                let warn = if offset.abs() > 60_000 {
                    " (more than a minute: check this laptop's clock)"
                } else {
                    ""
                };
                lines.push(format!(
                    "clock:      this laptop is {} ms {}{warn}",
                    offset.abs(),
                    if offset >= 0 { "ahead" } else { "behind" }
                ));
            }
        }
        Err(e) => lines.push(format!("reachable:  no: {e}")),
    }
    lines
}

/// How far this laptop's clock is ahead of the hub's, in milliseconds.
pub fn clock_offset(hub_now: &str) -> Option<i64> {
    let hub = chrono::DateTime::parse_from_rfc3339(hub_now).ok()?;
    Some(crate::clock::wall_ms() - hub.timestamp_millis())
}

fn grant(ctx: &Context, user: &str, incident: Option<&str>) -> Result<()> {
    let store = ctx.store_read()?;
    let team = on_team(&store)?;
    let which = IncidentRef::parse(incident, IncidentRef::Current)?;
    let found = store.incident(which)?;
    let Some(number) = store.team_number(&found.uuid)? else {
        return Err(
            UserError::new(format!("incident {} is not on the hub yet", found.number))
                .hint("`inc sync` shares it first")
                .into(),
        );
    };
    let url = HubUrl::parse(&team.url)?;
    let mut hub = Hub::connect(&url, SYNC_DEADLINE).map_err(|e| e.into_user(&url))?;
    hub.grant(number, user).map_err(|e| e.into_user(&url))?;
    ctx.say(&format!(
        "{} may now see incident #{number} ({}); their next pull brings all of it",
        safe_line(user),
        safe_line(&found.title)
    ))
}

fn leave(ctx: &Context, force: bool) -> Result<()> {
    let mut store = ctx.store_for_change()?;
    let team = on_team(&store)?;
    let queued = store.queued_count()?;
    if queued > 0 && !force {
        return Err(UserError::new(format!(
            "{queued} change{} on this laptop are not on the hub yet",
            plural(queued)
        ))
        .hint("`inc sync` sends them; `inc team leave --force` drops them")
        .into());
    }
    store.leave_team()?;
    let url = HubUrl::parse(&team.url)?;
    ctx.say(&format!(
        "left the team hub {}; what was pulled stays in this database, and new changes stay here",
        safe_line(&shown(&url))
    ))
}

/// The database's team, or the error of a command that needs one.
pub fn on_team(store: &Store) -> Result<Team> {
    store.team()?.ok_or_else(|| {
        UserError::new("this database is on no team")
            .hint("`inc team join URL` shares it through a hub")
            .into()
    })
}

fn shown(url: &HubUrl) -> String {
    url.to_text()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
