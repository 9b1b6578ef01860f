//! `inc list`: incidents as a table or JSON.

use anyhow::Result;

use super::{Context, terminal_width};
use crate::model::Status;
use crate::report::{json, table};
use crate::store::ListFilter;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc list
  inc list --all
  inc list --sev 1 --status investigating
  inc list --all --json"#)]
pub struct Args {
    /// Include resolved and cancelled incidents
    #[arg(short, long)]
    pub all: bool,

    /// Only this status: investigating, identified, monitoring, resolved or cancelled
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,

    /// Only this severity: 1 to 4, SEV1 to SEV4, or a label such as critical
    #[arg(long, value_name = "N")]
    pub sev: Option<String>,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let filter = ListFilter {
        all: args.all,
        status: args
            .status
            .as_deref()
            .map(str::parse::<Status>)
            .transpose()?,
        severity: args
            .sev
            .as_deref()
            .map(|s| ctx.config().parse_severity(s))
            .transpose()?,
    };
    let zone = ctx.zone()?;
    let incidents = ctx.store_read()?.list_incidents(&filter)?;
    if args.json {
        return ctx.print(&json::incidents(&incidents, ctx.now()));
    }
    if incidents.is_empty() {
        let what = if filter.all || filter.status.is_some() || filter.severity.is_some() {
            "No incidents match."
        } else {
            "No open incidents. `inc list --all` includes resolved and cancelled ones."
        };
        return ctx.say(what);
    }
    ctx.print(&table::incidents(
        &incidents,
        ctx.now(),
        zone,
        terminal_width(),
        ctx.style(),
    ))
}
