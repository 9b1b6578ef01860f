//! `inc times`: an incident's key times, and setting them right after the
//! fact (the start of impact learned later, a detection time from the
//! monitoring). Each correction is on the record, and a record left out of
//! order is refused.

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::{Context, ReviewIncidentArg};
use crate::model::{Incident, check_record, clean_text};
use crate::report::text::{incident_label, when};
use crate::store::KeyTime;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc times
  inc times --started 13:42 --detected 13:55
  inc times -i 12 --resolved "2026-11-26 16:05"

TIME takes the same forms as for `inc tl --at`. Key times keep the order
started, detected, declared; and started, detected, mitigated, resolved. No
change of state (severity, status, commander, mitigation, resolution) may come
before the impact started."#)]
pub struct Args {
    /// When customer impact began
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub started: Option<String>,

    /// When the problem was noticed
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub detected: Option<String>,

    /// When the incident was declared
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub declared: Option<String>,

    /// When impact was mitigated (once recorded with `inc mitigated`)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub mitigated: Option<String>,

    /// When it was resolved (once resolved)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub resolved: Option<String>,

    /// Why, for the record
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let target = args.incident.target()?;
    let mut times: Vec<(KeyTime, DateTime<Utc>)> = Vec::new();
    for (key, value) in [
        (KeyTime::Started, &args.started),
        (KeyTime::Detected, &args.detected),
        (KeyTime::Declared, &args.declared),
        (KeyTime::Mitigated, &args.mitigated),
        (KeyTime::Resolved, &args.resolved),
    ] {
        if let Some(at) = ctx.at_on(value.as_deref(), target)? {
            times.push((key, at));
        }
    }
    let zone = ctx.zone()?;
    if times.is_empty() {
        let incident = ctx.store_read()?.incident(target)?;
        let mut out = format!("{}\n", incident_label(&incident));
        for (name, at) in key_times(&incident) {
            out.push_str(&format!("  {name:<11}{}\n", when(zone, at)));
        }
        return ctx.print(&out);
    }
    let reason = args
        .reason
        .as_deref()
        .map(|r| clean_text("reason", r))
        .transpose()?
        .unwrap_or_default();
    let author = ctx.author()?;
    let (before, after) = ctx.store_for_change()?.correct_key_times(
        target,
        &author,
        &times,
        &reason,
        &|status, state, moved| check_record(status, state, moved, zone),
    )?;
    let label = incident_label(&after);
    // Every key time that moved, also one that moved with another (the
    // start of impact with the detection, while no start is recorded).
    let changed: Vec<String> = key_times(&before)
        .into_iter()
        .zip(key_times(&after))
        .filter(|((_, was), (_, now))| was != now)
        .map(|((name, was), (_, now))| {
            format!(
                "{label}: {name} {} (was {})",
                when(zone, now),
                when(zone, was)
            )
        })
        .collect();
    if changed.is_empty() {
        return ctx.say(&format!("{label}: nothing to change"));
    }
    ctx.print(&format!("{}\n", changed.join("\n")))
}

/// An incident's key times by name, in their order.
fn key_times(i: &Incident) -> [(&'static str, Option<DateTime<Utc>>); 5] {
    [
        ("started", Some(i.started_at)),
        ("detected", Some(i.detected_at)),
        ("declared", Some(i.created_at)),
        ("mitigated", i.mitigated_at),
        ("resolved", i.resolved_at),
    ]
}
