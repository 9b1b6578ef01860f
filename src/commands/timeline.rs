//! `inc timeline`: an incident's timeline in event-time order.

use anyhow::Result;

use super::{Context, ShownIncident, terminal_width};
use crate::report::{json, table, text::incident_name};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc timeline
  inc timeline 12
  inc timeline -i 12 --json > timeline-12.json"#)]
pub struct Args {
    #[command(flatten)]
    pub incident: ShownIncident,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let target = args.incident.target()?;
    let zone = ctx.zone()?;
    let (incident, entries) = ctx.store_read()?.snapshot(|store| {
        let incident = store.incident(target)?;
        let entries = store.timeline(incident.id, None)?;
        Ok((incident, entries))
    })?;
    if args.json {
        return ctx.print(&json::timeline(&entries));
    }
    ctx.print(&format!(
        "{} ({})\n{}",
        incident_name(&incident),
        incident.status,
        table::timeline(&entries, zone, terminal_width(), true)
    ))
}
