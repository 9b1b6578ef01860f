//! `inc actions`: every incident's action items, by due date: the same as
//! `inc action list --all-incidents`, shorter to type.

use anyhow::Result;

use super::Context;
use super::action::{Across, list_across};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc actions
  inc actions --overdue
  inc actions --owner payments --open
  inc actions --due-before +7d --json"#)]
pub struct Args {
    /// Only open ones (not done or wont-do)
    #[arg(long)]
    pub open: bool,

    /// Only open ones past their due date
    #[arg(long)]
    pub overdue: bool,

    /// Only this owner's (a person or a team; case does not matter)
    #[arg(long, value_name = "WHO")]
    pub owner: Option<String>,

    /// Only those due before DATE (2026-12-01, today, tomorrow, +7d, +2w)
    #[arg(long, value_name = "DATE")]
    pub due_before: Option<String>,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    list_across(
        ctx,
        &Across {
            open: args.open,
            overdue: args.overdue,
            owner: args.owner.as_deref(),
            due_before: args.due_before.as_deref(),
            json: args.json,
        },
    )
}
