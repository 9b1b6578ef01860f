//! `inc sync`: send every change queued on this laptop to the team hub and
//! bring every change the team made, now, waiting as long as it takes (up
//! to half a minute) rather than the short deadline other commands keep.

use anyhow::Result;

use super::Context;
use super::team::on_team;
use crate::sync::{SYNC_DEADLINE, sync_now};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc sync"#)]
pub struct Args {}

pub fn run(ctx: &Context, _args: &Args) -> Result<()> {
    let mut store = ctx.store_for_change()?;
    let team = on_team(&store)?;
    let report = sync_now(&mut store, &team, SYNC_DEADLINE)?;
    if let Some(now) = store.team()?
        && now.writer != team.writer
    {
        ctx.say(if now.writer {
            "this laptop may now write to the team's incidents (its user became a responder)"
        } else {
            "this laptop is now an observer: it can no longer change the team's incidents"
        })?;
    }
    for line in &report.stopped {
        eprintln!("inc: {line}");
    }
    ctx.say(&format!(
        "pushed {} change{}; pulled {} change{} of {} incident{}",
        report.pushed,
        if report.pushed == 1 { "" } else { "s" },
        report.pulled_changes,
        if report.pulled_changes == 1 { "" } else { "s" },
        report.pulled_incidents,
        if report.pulled_incidents == 1 {
            ""
        } else {
            "s"
        }
    ))
}
