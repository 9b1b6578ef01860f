//! `inc role`: give a role (scribe, comms, ...) to someone, or clear it.

use anyhow::Result;

use super::{Context, IncidentArg};
use crate::model::{IncidentRef, check_role, clean_name, time_after};
use crate::report::text::{incident_name, safe_line};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The role: deputy, scribe, comms, ops, sme (config `roles` changes the list)
    #[arg(value_name = "ROLE")]
    pub role: String,

    /// Who takes it
    #[arg(value_name = "NAME", required_unless_present = "clear")]
    pub name: Option<String>,

    /// Leave the role empty
    #[arg(long, conflicts_with = "name")]
    pub clear: bool,

    /// When it changed, if not just now
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,

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
    let at = ctx.event_time(args.at.as_deref())?;
    let stamp = ctx.stamp()?;
    let zone = ctx.zone()?;
    let (incident, changed) =
        ctx.store_for_change()?
            .set_role(
                target,
                &stamp,
                &role,
                name.as_deref(),
                |holder| match holder {
                    Some(h) => {
                        let took = format!("{} took the {role} role", h.name);
                        time_after("the change", at, (&took, h.assigned_at), zone)
                    }
                    None => Ok(at),
                },
            )?;
    let line = match (&name, changed) {
        (_, false) => format!("{}: nothing to change", incident_name(&incident)),
        (Some(name), true) => format!("#{} {role}: {}", incident.id, safe_line(name)),
        (None, true) => format!("#{} {role}: cleared", incident.id),
    };
    ctx.say(&line)
}
