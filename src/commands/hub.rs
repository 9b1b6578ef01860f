//! `inc hub`: the team hub's schema in PostgreSQL. `sql` prints it for an
//! administrator to read and run with `psql`; `init` and `migrate` run it
//! with the rights of the user in the URL (who needs to create a schema,
//! and roles when the groups are missing). Neither needs inc's database.

use anyhow::Result;

use super::print;
use crate::hub::address::HubUrl;
use crate::hub::schema::{current_version, sql_from};
use crate::hub::{Hub, HubInfo};
use crate::report::text::safe_line;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc hub sql > inc-hub.sql        # for the administrator: psql -f inc-hub.sql
  inc hub init postgres://admin@db.example.com/incidents
  inc hub migrate postgres://admin@db.example.com/incidents

Set-up, roles and TLS are in docs/team.md."#)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Print the SQL that installs the hub (or brings it up to date), to run with psql
    #[command(after_long_help = r#"Examples:
  inc hub sql > inc-hub.sql
  inc hub sql --from 1"#)]
    Sql {
        /// The version the hub is at now [default: none installed]
        #[arg(long, value_name = "VERSION", default_value_t = 0)]
        from: i64,
    },
    /// Install the hub's schema in the database at URL
    #[command(after_long_help = r#"Examples:
  inc hub init postgres://admin@db.example.com/incidents"#)]
    Init {
        /// postgres://USER@HOST[:PORT]/DATABASE (the password comes from ~/.pgpass)
        url: String,
    },
    /// Bring the hub's schema at URL up to this inc's version
    #[command(after_long_help = r#"Examples:
  inc hub migrate postgres://admin@db.example.com/incidents"#)]
    Migrate {
        /// postgres://USER@HOST[:PORT]/DATABASE
        url: String,
    },
}

/// How long installing may take.
const WITHIN: std::time::Duration = std::time::Duration::from_secs(30);

pub fn run(args: &Args) -> Result<()> {
    match &args.action {
        Action::Sql { from } => {
            if !(0..=current_version()).contains(from) {
                return Err(crate::error::UserError::new(format!(
                    "there is no hub version {from}; this inc knows versions 0 to {}",
                    current_version()
                ))
                .into());
            }
            print(&sql_from(*from))
        }
        Action::Init { url } => install(url, false),
        Action::Migrate { url } => install(url, true),
    }
}

fn install(url: &str, migrate: bool) -> Result<()> {
    let url = HubUrl::parse(url)?;
    let mut hub = Hub::connect(&url, WITHIN).map_err(|e| e.into_user(&url))?;
    let info = hub.info().map_err(|e| e.into_user(&url))?;
    let place = safe_line(&format!("{} on {}:{}", url.dbname, url.host, url.port)).into_owned();
    let from = match (&info, migrate) {
        (
            HubInfo {
                installed: false, ..
            },
            false,
        ) => 0,
        (
            HubInfo {
                installed: false, ..
            },
            true,
        ) => {
            return Err(
                crate::error::UserError::new(format!("there is no inc hub in {place}"))
                    .hint("`inc hub init URL` installs one")
                    .into(),
            );
        }
        (HubInfo { version, .. }, false) => {
            return Err(crate::error::UserError::new(format!(
                "{place} already holds an inc hub (version {version})"
            ))
            .hint("`inc hub migrate URL` brings it up to date")
            .into());
        }
        (HubInfo { version, .. }, true) => *version,
    };
    if from > current_version() {
        return Err(crate::error::UserError::new(format!(
            "the hub in {place} is at version {from}, newer than this inc knows ({})",
            current_version()
        ))
        .hint("upgrade inc")
        .into());
    }
    if from == current_version() {
        return print(&format!(
            "the hub in {place} is up to date (version {from})\n"
        ));
    }
    hub.execute(&sql_from(from))
        .map_err(|e| e.into_user(&url))?;
    print(&format!(
        "{} the inc hub in {place}: version {}\n",
        if migrate { "migrated" } else { "installed" },
        current_version()
    ))
}
