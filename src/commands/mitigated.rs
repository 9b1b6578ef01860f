//! `inc mitigated`: record when customer impact was mitigated.

use anyhow::Result;

use super::{At, Context, StateChangeArg, change};
use crate::report::text::{duration, incident_label};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc mitigated
  inc mitigated --at 14:35
  inc mitigated -i 12 --at "20m ago""#)]
pub struct Args {
    #[command(flatten)]
    pub at: At,

    #[command(flatten)]
    pub incident: StateChangeArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let (target, at) = args.incident.target_at(ctx, args.at.get())?;
    change(
        ctx,
        target,
        |incident, now, zone| incident.mitigate(at.unwrap_or(now), zone),
        |incident, entries, zone| {
            let at = entries.first().map_or(ctx.now(), |e| e.event_at);
            format!(
                "{} mitigated at {} ({} after impact began)",
                incident_label(incident),
                zone.format(at),
                duration(at - incident.started_at)
            )
        },
    )
}
