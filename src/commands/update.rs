//! `inc update`: record a status update, then post it to the webhook when
//! one is configured. The update is written first, in its own transaction,
//! so a post that fails or hangs never loses it; the post's outcome is
//! recorded afterwards, in a second one.

use anyhow::Result;

use super::{Context, IncidentArg};
use crate::error::UserError;
use crate::model::{
    Audience, EntryKind, Incident, IncidentRef, NewEntry, PostOutcome, TimelineEntry, UpdatePost,
    clean_text,
};
use crate::notify::{self, Posted};
use crate::report::text::{describe, safe_line};

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
    let mut store = ctx.store_for_change()?;
    let (incident, stored) = store.record_update(target, &author, at, |at| NewEntry {
        audience: Some(audience),
        ..NewEntry::of(EntryKind::Update, text, at)
    })?;
    ctx.say(&format!(
        "{audience} update recorded on {} at {}",
        crate::report::text::incident_label(&incident),
        zone.format(stored.event_at)
    ))?;
    let Some(url) = ctx.config().notify.webhook.as_deref() else {
        return Ok(());
    };
    match post(ctx, &mut store, url, &incident, &stored)? {
        Posted::Sent(detail) => ctx.say(&format!("posted to the webhook ({detail})")),
        Posted::Failed(why) => Err(UserError::new(format!(
            "the update is recorded, but posting it to the webhook failed: {why}"
        ))
        .hint(format!(
            "retry with `inc update --retry -i {}`",
            incident.id
        ))
        .into()),
    }
}

/// Posts one update and records how it went.
fn post(
    ctx: &Context,
    store: &mut crate::store::Store,
    url: &str,
    incident: &Incident,
    entry: &TimelineEntry,
) -> Result<Posted> {
    let message = notify::slack_escape(&format!(
        "#{} {} {}, {}",
        incident.id,
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
    store.record_post(&UpdatePost {
        entry_id: entry.id,
        attempted_at: ctx.clock().current(),
        attempted_by: ctx.author()?,
        outcome,
        detail: detail.clone(),
    })?;
    Ok(posted)
}

/// `--retry`: every update not posted yet, oldest first: its latest attempt
/// failed, or it has none (inc was stopped while posting it, or it was
/// recorded while no webhook was configured). Stops at the first failure:
/// the next post would most likely fail the same way, and each failure can
/// take the whole timeout.
fn retry(ctx: &Context, args: &Args) -> Result<()> {
    let target = args.incident.target(IncidentRef::Current)?;
    let Some(url) = ctx.config().notify.webhook.as_deref() else {
        return Err(
            UserError::new("no webhook is configured, so there is nothing to retry")
                .hint("set `webhook` under `[notify]` in the config file (see `inc config edit`)")
                .into(),
        );
    };
    let zone = ctx.zone()?;
    let mut store = ctx.store_for_change()?;
    let incident = store.check_writable(target)?;
    let unposted: Vec<TimelineEntry> = store
        .updates(incident.id)?
        .into_iter()
        .filter(|(_, post)| {
            post.as_ref()
                .is_none_or(|p| p.outcome == PostOutcome::Failed)
        })
        .map(|(entry, _)| entry)
        .collect();
    if unposted.is_empty() {
        return ctx.say(&format!(
            "{}: every update is posted",
            crate::report::text::incident_label(&incident)
        ));
    }
    for (n, entry) in unposted.iter().enumerate() {
        let posted = post(ctx, &mut store, url, &incident, entry)?;
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
            let left = unposted.len() - n;
            return Err(UserError::new(format!(
                "stopped at the first failure: {left} of {} updates not posted; they stay recorded",
                unposted.len()
            ))
            .hint(format!(
                "retry later with `inc update --retry -i {}`",
                incident.id
            ))
            .into());
        }
    }
    Ok(())
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
