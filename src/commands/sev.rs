//! `inc sev`: change the severity.

use anyhow::Result;

use super::{At, Context, StateChangeArg, change};
use crate::model::Severity;
use crate::report::text::incident_label;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc sev 1 --reason "card payments failing for all EU customers"
  inc sev SEV3 --at -10m --reason "only retries affected now"
  inc sev critical -i 12"#)]
pub struct Args {
    /// The new severity: 1 to 4, SEV1 to SEV4, or a label such as critical
    #[arg(value_name = "N")]
    pub severity: String,

    /// Why it changed, for the timeline
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    #[command(flatten)]
    pub at: At,

    #[command(flatten)]
    pub incident: StateChangeArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let to: Severity = ctx.config().parse_severity(&args.severity)?;
    let reason = match &args.reason {
        Some(r) => crate::model::clean_text("reason", r)?,
        None => String::new(),
    };
    let (target, at) = args.incident.target_at(ctx, args.at.get())?;
    change(
        ctx,
        target,
        |incident, now, zone| incident.set_severity(to, reason, at.unwrap_or(now), zone),
        |incident, entries, zone| {
            let at = entries.first().map_or(ctx.now(), |e| e.event_at);
            if incident.severity == to {
                format!(
                    "{} is {to} as of {}",
                    incident_label(incident),
                    zone.format(at)
                )
            } else {
                format!(
                    "{} was {to} as of {}; a later change makes it {} now",
                    incident_label(incident),
                    zone.format(at),
                    incident.severity
                )
            }
        },
    )
}
