//! `inc stats`: statistics across incidents: counts, time to detect,
//! mitigate and resolve, review meetings against their deadline, and open
//! action items by owner.

use anyhow::Result;

use super::Context;
use crate::error::UserError;
use crate::model::stats::{Rules, compute, parse_bound};
use crate::report::stats::{self, Scope};
use crate::store::StatsFilter;

#[derive(Debug, clap::Args)]
#[command(
    after_long_help = r#"Incidents count by when their impact started. A DATE is a day, from its
midnight in your time zone (2026-11-01, today, yesterday, -30d, -4w), or a
time as --at reads it ("2026-11-01 09:00", RFC 3339, -2h). --since is
inclusive, --until exclusive.

Examples:
  inc stats --since -30d
  inc stats --since 2026-10-01 --until 2026-11-01
  inc stats --since 2026-11-01 --sev 1
  inc stats --include-drills --json"#
)]
pub struct Args {
    /// Only incidents whose impact started at or after DATE
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,

    /// Only incidents whose impact started before DATE
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,

    /// Only this severity: 1 to 4, SEV1 to SEV4, or a label such as critical
    #[arg(long, value_name = "N")]
    pub sev: Option<String>,

    /// Count drills (`inc open --drill`) too; they are left out otherwise
    #[arg(long)]
    pub include_drills: bool,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let zone = ctx.zone()?;
    let now = ctx.now();
    let since = args
        .since
        .as_deref()
        .map(|s| parse_bound(s, now, zone))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|s| parse_bound(s, now, zone))
        .transpose()?;
    if let (Some(s), Some(u)) = (since, until)
        && s >= u
    {
        return Err(UserError::new(format!(
            "--since ({}) is not before --until ({}), so no incident can match",
            zone.format(s),
            zone.format(u)
        ))
        .hint("--since is inclusive and --until exclusive: give an earlier --since or a later --until")
        .into());
    }
    let severity = args
        .sev
        .as_deref()
        .map(|s| ctx.config().parse_severity(s))
        .transpose()?;
    let (incidents, actions) = ctx.store_read()?.stats_records(&StatsFilter {
        since,
        until,
        severity,
    })?;
    let deadline_days = ctx.config().review_deadline_business_days;
    let result = compute(
        &incidents,
        &actions,
        &Rules {
            include_drills: args.include_drills,
            deadline_days,
            zone,
            now,
        },
    );
    let scope = Scope {
        since,
        until,
        severity,
        include_drills: args.include_drills,
        deadline_days,
        today: zone.date(now),
    };
    if args.json {
        return ctx.print(&stats::json(&result, &scope));
    }
    ctx.print(&stats::text(&result, &scope, zone))
}
