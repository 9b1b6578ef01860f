//! `inc updates`: the status updates that went out, whether each reached
//! the webhook, and how long since the last one.

use chrono::{DateTime, Utc};

use super::text::{duration, incident_name, safe, safe_line};
use crate::model::{Audience, Incident, PostOutcome, TimelineEntry, UpdatePost};
use crate::time::Zone;

/// What became of an update's post, in a few words.
pub fn post_state(post: Option<&UpdatePost>) -> String {
    match post {
        None => "not posted".to_string(),
        Some(p) => match p.outcome {
            PostOutcome::Sent => format!("sent ({})", safe_line(&p.detail)),
            PostOutcome::Failed => format!("failed: {}", safe_line(&p.detail)),
        },
    }
}

/// The list, oldest first, and a last line that says how long since the
/// latest update.
pub fn list(
    incident: &Incident,
    updates: &[(TimelineEntry, Option<UpdatePost>)],
    now: DateTime<Utc>,
    zone: &Zone,
) -> String {
    let mut out = format!("{}\n", incident_name(incident));
    for (entry, post) in updates {
        out.push_str(&format!(
            "{}  {:<8}  {}  {}\n",
            zone.format(entry.event_at),
            entry.audience.unwrap_or(Audience::Internal).as_str(),
            safe_line(&entry.author),
            post_state(post.as_ref()),
        ));
        for line in safe(&entry.text).lines() {
            out.push_str(&format!("    {line}\n"));
        }
    }
    match updates.iter().map(|(e, _)| e.event_at).max() {
        None => out.push_str("no update sent yet\n"),
        Some(last) => out.push_str(&format!("last update {} ago\n", duration(now - last))),
    }
    out
}
