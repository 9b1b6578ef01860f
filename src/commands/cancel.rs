//! `inc cancel`: close an incident that was not one (a false alarm, a
//! duplicate). It keeps its record, leaves the board and the statistics,
//! and can be reopened with `inc reopen`.

use anyhow::Result;

use super::{At, Context, StateChangeArg, change};
use crate::model::clean_text;
use crate::report::text::{incident_label, safe_line};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc cancel --reason "false alarm: the probe's certificate expired"
  inc cancel -i 12 --reason "a duplicate of #11""#)]
pub struct Args {
    /// Why it was not an incident, for the record
    #[arg(long, value_name = "TEXT", required = true)]
    pub reason: String,

    #[command(flatten)]
    pub at: At,

    #[command(flatten)]
    pub incident: StateChangeArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let reason = clean_text("reason", &args.reason)?;
    let (target, at) = args.incident.target_at(ctx, args.at.get())?;
    let shown = reason.clone();
    change(
        ctx,
        target,
        |incident, now, zone| incident.cancel(reason, at.unwrap_or(now), zone),
        |incident, _, _| {
            format!(
                "{} cancelled: {}; `inc reopen {}` opens it again",
                incident_label(incident),
                safe_line(&shown),
                incident.number.bare()
            )
        },
    )
}
