//! `inc responders`: everyone involved, what they did and since when.

use anyhow::Result;

use super::brief::Parts;
use super::{Context, ShownIncident, terminal_width};
use crate::report::{json, table};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc responders
  inc responders 12 --json"#)]
pub struct Args {
    #[command(flatten)]
    pub incident: ShownIncident,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let target = args.incident.target()?;
    let parts = ctx.store_read()?.snapshot(|store| {
        let id = store.incident(target)?.id;
        Parts::gather(store, id, 0)
    })?;
    if args.json {
        return ctx.print(&json::responders(parts.responders()));
    }
    ctx.print(&table::responders(
        parts.responders(),
        ctx.zone()?,
        terminal_width(),
    ))
}
