//! `inc update`: record a status update, then post it to the webhook when
//! one is configured. The update is written first, in its own transaction,
//! so a post that fails or hangs never loses it; the post's outcome is
//! recorded afterwards, in a second one. Each post is claimed before it is
//! sent (see [`crate::store::PostClaim`]), so that two incs never post the
//! same update.

use anyhow::Result;
use chrono::TimeDelta;

use super::{Context, IncidentArg};
use crate::error::UserError;
use crate::model::{
    Audience, EntryKind, Incident, IncidentRef, NewEntry, PostOutcome, TimelineEntry, UpdatePost,
    clean_text,
};
use crate::notify::{self, Posted};
use crate::report::text::{describe, incident_label, safe_line};
use crate::store::{PostClaim, Store};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc update "Rolled back the deploy; error rate falling"
  inc update --external "Checkout is working again for all customers"
  inc update "Status page updated" --at 14:20 -i 12
  inc update --retry"#)]
pub struct Args {
    /// The update as it went out (words are joined with spaces)
    #[arg(value_name = "TEXT", required_unless_present = "retry")]
    pub text: Vec<String>,

    /// A customer-facing update (default: internal, for responders and the company)
    #[arg(long, conflicts_with = "retry")]
    pub external: bool,

    /// When it went out, if not just now (14:05, -10m, 2h ago, ...)
    ///
    /// TIME takes the same forms as for `inc tl --at`. Times in the future
    /// are refused.
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        conflicts_with = "retry"
    )]
    pub at: Option<String>,

    /// Post again every update of the incident whose last post failed, in order
    #[arg(long, conflicts_with = "text")]
    pub retry: bool,

    #[command(flatten)]
    pub incident: IncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    if args.retry {
        return retry(ctx, args);
    }
    let text = clean_text("update", &args.text.join(" "))?;
    let target = args.incident.target(IncidentRef::Current)?;
    let at = ctx.at_on(args.at.as_deref(), target)?;
    let audience = if args.external {
        Audience::External
    } else {
        Audience::Internal
    };
    let zone = ctx.zone()?;
    let author = ctx.author()?;
    let url = ctx.config().notify.webhook_to_post()?;
    let mut store = ctx.store_for_change()?;
    let (incident, stored, claim) =
        store.record_update(target, &author, at, url.map(|_| claim_for(ctx)), |at| {
            NewEntry {
                audience: Some(audience),
                ..NewEntry::of(EntryKind::Update, text, at)
            }
        })?;
    ctx.say(&format!(
        "{audience} update recorded on {} at {}",
        incident_label(&incident),
        zone.format(stored.event_at)
    ))?;
    let (Some(url), Some(claim)) = (url, claim) else {
        return Ok(());
    };
    match post(ctx, &mut store, url, &claim, &incident, &stored)? {
        Posted::Sent(detail) => ctx.say(&format!("posted to the webhook ({detail})")),
        Posted::Failed(why) => Err(UserError::new(format!(
            "the update is recorded, but posting it to the webhook failed: {why}"
        ))
        .hint(format!(
            "retry with `inc update --retry -i {}`",
            incident.number.bare()
        ))
        .into()),
    }
}

/// How long a claim on one post lasts: past the most the post can take
/// (the webhook's timeout), then the wait for the lock to record how it
/// went (the busy timeout), with a margin for the rest. Too short, and
/// another inc could post the update again while this one still waits for
/// the answer; too long only delays a retry after an inc was stopped while
/// posting.
fn claim_for(ctx: &Context) -> TimeDelta {
    const MARGIN: TimeDelta = TimeDelta::seconds(30);
    let config = ctx.config();
    // Both are bounded by the config (a minute, an hour): never out of range.
    TimeDelta::from_std(config.notify.timeout + config.busy_timeout).unwrap_or(TimeDelta::hours(2))
        + MARGIN
}

/// Posts one update, claimed with `claim`, and records how it went (which
/// ends the claim on it).
fn post(
    ctx: &Context,
    store: &mut Store,
    url: &str,
    claim: &PostClaim,
    incident: &Incident,
    entry: &TimelineEntry,
) -> Result<Posted> {
    let message = notify::slack_escape(&format!(
        "{} {} {}, {}",
        incident.number,
        incident.severity,
        incident.title,
        describe(entry, &crate::time::Zone::utc(), &Default::default())
    ));
    let posted = notify::post(url, &notify::body(&message), ctx.config().notify.timeout);
    let (outcome, detail) = match &posted {
        Posted::Sent(d) => (PostOutcome::Sent, d),
        Posted::Failed(d) => (PostOutcome::Failed, d),
    };
    // Stamped after the post: when the answer (or the give-up) came.
    store.record_post(
        &UpdatePost {
            entry_id: entry.id,
            attempted_at: ctx.clock().current(),
            attempted_by: ctx.author()?,
            outcome,
            detail: detail.clone(),
        },
        Some(claim),
    )?;
    Ok(posted)
}

/// `--retry`: every update not posted yet, oldest first: its latest attempt
/// failed, or it has none (inc was stopped while posting it, or it was
/// recorded while no webhook was configured). Stops at the first failure:
/// the next post would most likely fail the same way, and each failure can
/// take the whole timeout. Updates another inc has claimed are left to it
/// (it is posting them, or was stopped while posting them: its claim
/// expires).
fn retry(ctx: &Context, args: &Args) -> Result<()> {
    let target = args.incident.target(IncidentRef::Current)?;
    let Some(url) = ctx.config().notify.webhook_to_post()? else {
        return Err(
            UserError::new("no webhook is configured, so there is nothing to retry")
                .hint("set `webhook` under `[notify]` in the config file (see `inc config edit`)")
                .into(),
        );
    };
    let zone = ctx.zone()?;
    let author = ctx.author()?;
    let mut store = ctx.store_for_change()?;
    let incident = store.check_writable(target)?;
    let unposted = store.claim_unposted(incident.id, &author, claim_for(ctx))?;
    let claim = &unposted.claim;
    let elsewhere = unposted.elsewhere.map(|(n, until)| {
        format!(
            "{}: {n} update{} being posted by another inc; if that inc was stopped, \
             retry after {}",
            incident_label(&incident),
            if n == 1 { " is" } else { "s are" },
            zone.format(round_up_to_minute(until))
        )
    });
    if unposted.mine.is_empty() {
        return ctx.say(
            &elsewhere.unwrap_or_else(|| {
                format!("{}: every update is posted", incident_label(&incident))
            }),
        );
    }
    let total = unposted.mine.len();
    for (n, entry) in unposted.mine.iter().enumerate() {
        let posted = post(ctx, &mut store, url, claim, &incident, entry)?;
        let line = match &posted {
            Posted::Sent(detail) => format!("posted ({detail})"),
            Posted::Failed(why) => format!("failed: {why}"),
        };
        ctx.say(&format!(
            "{} update of {}: {line}\n    {}",
            entry.audience.unwrap_or(Audience::Internal),
            zone.format(entry.event_at),
            safe_line(&excerpt(&entry.text))
        ))?;
        if matches!(posted, Posted::Failed(_)) {
            // The rest is not posted now: another inc may try at once.
            store.release(claim, &author)?;
            let left = total - n;
            return Err(UserError::new(format!(
                "stopped at the first failure: {left} of {total} updates not posted; they stay recorded"
            ))
            .hint(format!(
                "retry later with `inc update --retry -i {}`",
                incident.number.bare()
            ))
            .into());
        }
    }
    if let Some(line) = elsewhere {
        ctx.say(&line)?;
    }
    Ok(())
}

/// `t`, or the next whole minute after it: times are shown to the minute,
/// and "retry after" must not name a time before it.
fn round_up_to_minute(t: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    use chrono::DurationRound;
    let down = t.duration_trunc(TimeDelta::minutes(1)).unwrap_or(t);
    if down == t {
        t
    } else {
        down + TimeDelta::minutes(1)
    }
}

/// The start of an update's text, to tell one from another.
fn excerpt(text: &str) -> String {
    const MAX: usize = 60;
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() > MAX || text.lines().nth(1).is_some() {
        let cut: String = line.chars().take(MAX).collect();
        format!("{cut}...")
    } else {
        line.to_string()
    }
}
