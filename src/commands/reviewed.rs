//! `inc reviewed`: record that an incident's review meeting was held, so
//! `inc review` shows it and `inc reviews` counts it as on time or late.

use anyhow::Result;

use super::{Context, ReviewIncidentArg};
use crate::model::followup::record_held;
use crate::model::meeting_deadline;
use crate::report::followup::days;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc reviewed
  inc reviewed -i 12 --at "2026-11-27 10:00"
  inc reviewed -i 12 --at "2026-11-27 11:00" --correct"#)]
pub struct Args {
    /// When the meeting was held, if not just now
    ///
    /// TIME is `14:05` or `14:05:30` (the most recent such moment: today, else
    /// yesterday; up to 5 minutes ahead of now means now), `-10m`, `-1h30m`,
    /// `2h ago`, `2026-11-26 14:05`, RFC 3339 such as `2026-11-26T13:05:00Z`,
    /// or `now`. Clock times are read in the display zone. Other times in the
    /// future, and times before the incident was resolved, are refused.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,

    /// Replace the meeting already recorded (without it, a second record is refused)
    #[arg(long)]
    pub correct: bool,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let target = args.incident.target()?;
    // The plain rule, not `at_on`: the meeting comes after the incident,
    // usually the next day, when its events are over 12 hours old; read on
    // the incident's own days, `--at 10:00` would land before the
    // resolution.
    let at = ctx.at(args.at.as_deref())?;
    let author = ctx.author()?;
    let zone = ctx.zone()?;
    let (incident, was) =
        ctx.store_for_change()?
            .record_review_held(target, &author, |incident, now| {
                let at = at.unwrap_or(now);
                Ok(record_held(incident, at, &author, now, args.correct, zone)?)
            })?;
    let at = incident.review_held.as_ref().map_or(ctx.now(), |h| h.at);
    let deadline = incident.resolved_at.map(|resolved| {
        meeting_deadline(
            zone.date(resolved),
            ctx.config().review_deadline_business_days,
        )
    });
    let late = match deadline {
        Some(d) if zone.date(at) > d => {
            format!(
                ", {} after the deadline {d}",
                days((zone.date(at) - d).num_days())
            )
        }
        Some(d) => format!(", on time (deadline {d})"),
        None => String::new(),
    };
    let corrected = match was {
        Some(before) => format!(" (was {})", zone.format(before.at)),
        None => String::new(),
    };
    ctx.say(&format!(
        "review meeting of {} held at {}{corrected}{late}",
        crate::report::text::incident_label(&incident),
        zone.format(at),
    ))
}
