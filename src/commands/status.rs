//! `inc status`: change the status.

use anyhow::Result;

use super::{At, Context, StateChangeArg, change};
use crate::model::Status;
use crate::report::text::incident_label;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc status identified
  inc status monitoring --at 14:40
  inc status investigating -i 12"#)]
pub struct Args {
    /// The new status: investigating, identified, monitoring or resolved
    #[arg(value_name = "STATUS")]
    pub status: String,

    #[command(flatten)]
    pub at: At,

    #[command(flatten)]
    pub incident: StateChangeArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let to: Status = args.status.parse()?;
    let (target, at) = args.incident.target_at(ctx, args.at.get())?;
    change(
        ctx,
        target,
        |incident, now, zone| incident.set_status(to, at.unwrap_or(now), zone),
        |incident, entries, zone| {
            let at = entries.first().map_or(ctx.now(), |e| e.event_at);
            if incident.status == to {
                format!(
                    "{} is {to} as of {}",
                    incident_label(incident),
                    zone.format(at)
                )
            } else {
                format!(
                    "{} was {to} as of {}; a later change makes it {} now",
                    incident_label(incident),
                    zone.format(at),
                    incident.status
                )
            }
        },
    )
}
