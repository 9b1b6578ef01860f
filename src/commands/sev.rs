//! `inc sev`: change the severity.

use anyhow::Result;

use super::{Context, IncidentArg, change};
use crate::model::{IncidentRef, Severity};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The new severity, 1 to 4 (SEV1 is the worst)
    #[arg(value_name = "N")]
    pub severity: String,

    /// Why it changed, for the timeline
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    /// When it changed, if not just now
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,

    #[command(flatten)]
    pub incident: IncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let to: Severity = ctx.config().parse_severity(&args.severity)?;
    let reason = match &args.reason {
        Some(r) => crate::model::clean_text("reason", r)?,
        None => String::new(),
    };
    let target = args.incident.target(IncidentRef::Current)?;
    let at = ctx.event_time(args.at.as_deref())?;
    change(
        ctx,
        target,
        |incident, _| Ok(incident.set_severity(to, reason, at)),
        |incident, zone| {
            format!(
                "#{} is {} as of {}",
                incident.id,
                incident.severity,
                zone.format(at)
            )
        },
    )
}
