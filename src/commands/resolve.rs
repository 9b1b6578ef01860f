//! `inc resolve`: resolve the incident.

use anyhow::Result;

use super::{Context, StateChangeArg, change};
use crate::report::text::{duration, incident_label};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc resolve
  inc resolve --at 15:10
  inc resolve -i 12 --at -15m"#)]
pub struct Args {
    /// When it was resolved, if not just now
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

    #[command(flatten)]
    pub incident: StateChangeArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let (target, at) = args.incident.target_at(ctx, args.at.as_deref())?;
    change(
        ctx,
        target,
        |incident, now, zone| incident.resolve(at.unwrap_or(now), zone),
        |incident, entries, zone| {
            let at = entries.first().map_or(ctx.now(), |e| e.event_at);
            format!(
                "{} resolved at {} ({} to recover)",
                incident_label(incident),
                zone.format(at),
                duration(at - incident.started_at)
            )
        },
    )
}
