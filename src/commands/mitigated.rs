//! `inc mitigated`: record when customer impact was mitigated.

use anyhow::Result;

use super::{Context, IncidentArg, change};
use crate::model::IncidentRef;
use crate::report::text::duration;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// When impact was mitigated, if not just now
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,

    #[command(flatten)]
    pub incident: IncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let target = args.incident.target(IncidentRef::Current)?;
    let at = ctx.event_time(args.at.as_deref())?;
    change(
        ctx,
        target,
        |incident, zone| incident.mitigate(at, zone),
        |incident, zone| {
            format!(
                "#{} mitigated at {} ({} after impact began)",
                incident.id,
                zone.format(at),
                duration(at - incident.started_at)
            )
        },
    )
}
