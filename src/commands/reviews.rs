//! `inc reviews`: the resolved incidents whose review meeting is overdue,
//! due, or held, against the target (hours after resolution) and the
//! deadline (business days after it) the config sets.

use anyhow::Result;

use super::{Context, terminal_width};
use crate::model::followup::{ReviewDue, sort_reviews, standing};
use crate::model::{meeting_deadline, meeting_target};
use crate::report::{followup, json};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc reviews
  inc reviews --json"#)]
pub struct Args {
    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let zone = ctx.zone()?;
    let now = ctx.now();
    let today = zone.date(now);
    let config = ctx.config();
    let mut list: Vec<ReviewDue> = ctx
        .store_read()?
        .resolved_incidents()?
        .into_iter()
        .filter_map(|incident| {
            let resolved = incident.resolved_at?;
            // As `inc review` does: the day of resolution in the display zone.
            let deadline =
                meeting_deadline(zone.date(resolved), config.review_deadline_business_days);
            let held_on = incident.review_held.as_ref().map(|h| zone.date(h.at));
            Some(ReviewDue {
                target: meeting_target(resolved, config.review_target_hours),
                deadline,
                standing: standing(deadline, held_on, today),
                incident,
            })
        })
        .collect();
    sort_reviews(&mut list);
    if args.json {
        return ctx.print(&json::reviews(&list));
    }
    if list.is_empty() {
        return ctx.say("No incident is resolved yet, so no review is due.");
    }
    ctx.print(&followup::reviews(&list, now, zone, terminal_width()))
}
