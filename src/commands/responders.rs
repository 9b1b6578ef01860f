//! `inc responders`: everyone involved, what they did and since when.

use anyhow::Result;

use super::brief::Parts;
use super::{Context, Shown, terminal_width};
use crate::report::{json, table};

/// What `inc responders --help` ends with (see where the command is declared).
pub const EXAMPLES: &str = r#"Examples:
  inc responders
  inc responders 12 --json"#;

pub fn run(ctx: &Context, args: &Shown) -> Result<()> {
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
