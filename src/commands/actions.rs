//! `inc actions`: every incident's action items, by due date: the same as
//! `inc action list --all-incidents`, shorter to type.

use anyhow::Result;

use super::Context;
use super::action::{Filters, list_across};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc actions
  inc actions --overdue
  inc actions --owner payments --open
  inc actions --due-before +7d --json"#)]
pub struct Args {
    #[command(flatten)]
    pub filters: Filters,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    list_across(ctx, &args.filters, args.json)
}
