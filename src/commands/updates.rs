//! `inc updates`: the status updates of an incident and their posts.

use anyhow::Result;

use super::{Context, ShownIncident};
use crate::report::{json, updates};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc updates
  inc updates 12
  inc updates -i 12 --json"#)]
pub struct Args {
    #[command(flatten)]
    pub incident: ShownIncident,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let target = args.incident.target()?;
    let (incident, list) = ctx.store_read()?.snapshot(|store| {
        let incident = store.incident(target)?;
        let list = store.updates(incident.id)?;
        Ok((incident, list))
    })?;
    if args.json {
        return ctx.print(&json::updates(incident.id, &list));
    }
    ctx.print(&updates::list(&incident, &list, ctx.now(), ctx.zone()?))
}
