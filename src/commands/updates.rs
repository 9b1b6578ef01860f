//! `inc updates`: the status updates of an incident and their posts.

use anyhow::Result;

use super::{Context, Shown};
use crate::report::{json, updates};

/// What `inc updates --help` ends with (see where the command is declared).
pub const EXAMPLES: &str = r#"Examples:
  inc updates
  inc updates 12
  inc updates -i 12 --json"#;

pub fn run(ctx: &Context, args: &Shown) -> Result<()> {
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
