//! `inc role`: give a role (scribe, comms, ...) to someone, or clear it.

use anyhow::Result;

use super::{At, Context, IncidentArg};
use crate::model::{IncidentRef, check_role, clean_name, time_after};
use crate::report::text::{incident_label, incident_name, safe_line};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc role scribe carol
  inc role comms dave --at 14:30
  inc role comms --clear"#)]
pub struct Args {
    /// The role: deputy, scribe, comms, ops, sme (config `roles` changes the list)
    #[arg(value_name = "ROLE")]
    pub role: String,

    /// Who takes the role
    #[arg(value_name = "NAME", required_unless_present = "clear")]
    pub name: Option<String>,

    /// Take the role from whoever holds it, leaving it empty
    #[arg(long, conflicts_with = "name")]
    pub clear: bool,

    #[command(flatten)]
    pub at: At,

    #[command(flatten)]
    pub incident: IncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let role = check_role(&args.role, &ctx.config().roles)?;
    let name = match &args.name {
        Some(name) if !args.clear => Some(clean_name("name", name)?),
        _ => None,
    };
    let target = args.incident.target(IncidentRef::Current)?;
    let at = ctx.at_on(args.at.get(), target)?;
    let author = ctx.author()?;
    let zone = ctx.zone()?;
    let (incident, changed) = ctx.store_for_change()?.set_role(
        target,
        &author,
        &role,
        name.as_deref(),
        |holder, now| {
            let at = at.unwrap_or(now);
            match holder {
                Some(h) => {
                    let took = format!("{} took the {role} role", h.name);
                    time_after("the change", at, (&took, h.assigned_at), zone)
                }
                None => Ok(at),
            }
        },
    )?;
    let label = incident_label(&incident);
    let line = match (&name, changed) {
        (_, false) => format!("{}: nothing to change", incident_name(&incident)),
        (Some(name), true) => format!("{label}: {role} is {}", safe_line(name)),
        (None, true) => format!("{label}: {role} cleared"),
    };
    ctx.say(&line)
}
