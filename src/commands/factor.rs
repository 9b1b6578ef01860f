//! `inc factor`: contributing factors, technical and not. Several per
//! incident; there is no single root cause.

use anyhow::Result;

use super::{Context, ReviewIncidentArg, ShownIncident, terminal_width};
use crate::error::UserError;
use crate::model::{FactorKind, clean_text};
use crate::report::text::{incident_label, incident_name, safe_line};
use crate::report::{json, table};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc factor add "a configuration change lowered the connection pool size"
  inc factor add --kind non-technical "no load test before the release"
  inc factor list
  inc factor rm 2"#)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Add a contributing factor
    Add(AddArgs),
    /// List the contributing factors
    List(ListArgs),
    /// Remove a contributing factor
    Rm(RmArgs),
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc factor add "a configuration change lowered the connection pool size"
  inc factor add --kind non-technical "no load test before the release"
  inc factor add -i 12 the certificate expired unnoticed"#)]
pub struct AddArgs {
    /// The factor, such as "a configuration change was deployed"
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,

    /// The kind of factor: technical or non-technical
    #[arg(long, value_name = "KIND", default_value = "technical")]
    pub kind: String,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc factor list
  inc factor list 12 --json"#)]
pub struct ListArgs {
    #[command(flatten)]
    pub incident: ShownIncident,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc factor rm 2
  inc factor rm 2 -i 12"#)]
pub struct RmArgs {
    /// The factor's number, as `inc factor list` shows it
    #[arg(value_name = "FACTOR")]
    pub id: String,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    match &args.action {
        Action::Add(a) => {
            let text = clean_text("factor", &a.text.join(" "))?;
            let kind = FactorKind::parse(&a.kind)?;
            let target = a.incident.target()?;
            let author = ctx.author()?;
            let (incident, id) = ctx
                .store_for_change()?
                .add_factor(target, &author, &text, kind)?;
            ctx.say(&format!(
                "factor {id} added to {} ({kind})",
                incident_label(&incident)
            ))
        }
        Action::List(a) => {
            let target = a.incident.target()?;
            let (incident, factors) = ctx.store_read()?.snapshot(|s| {
                let incident = s.incident(target)?;
                let factors = s.factors(incident.id)?;
                Ok((incident, factors))
            })?;
            if a.json {
                return ctx.print(&json::factors(&factors));
            }
            if factors.is_empty() {
                return ctx.say(&format!(
                    "No contributing factors on {}.",
                    incident_name(&incident)
                ));
            }
            ctx.print(&table::factors(&factors, terminal_width()))
        }
        Action::Rm(a) => {
            let id = number("factor", &a.id)?;
            let target = a.incident.target()?;
            let (incident, factor) =
                ctx.store_for_change()?
                    .remove_factor(target, &ctx.author()?, id)?;
            ctx.say(&format!(
                "factor {id} removed from {}: {}",
                incident_label(&incident),
                safe_line(&factor.text)
            ))
        }
    }
}

/// A numbered item (factor, action item) as typed.
pub fn number(what: &str, s: &str) -> Result<i64, UserError> {
    s.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            UserError::new(format!("`{s}` is not {article} {what} number"))
                .hint(format!("`inc {what} list` shows the numbers"))
        })
}
