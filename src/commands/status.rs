//! `inc status`: change the status.

use anyhow::Result;

use super::{Context, IncidentArg, change};
use crate::model::{IncidentRef, Status};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// investigating, identified, monitoring or resolved
    #[arg(value_name = "STATUS")]
    pub status: String,

    /// When it changed, if not just now
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,

    #[command(flatten)]
    pub incident: IncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let to: Status = args.status.parse()?;
    let target = args.incident.target(IncidentRef::Current)?;
    let at = ctx.event_time(args.at.as_deref())?;
    change(
        ctx,
        target,
        |incident, zone| incident.set_status(to, at, zone),
        |incident, zone| {
            format!(
                "#{} is {} as of {}",
                incident.id,
                incident.status,
                zone.format(at)
            )
        },
    )
}
