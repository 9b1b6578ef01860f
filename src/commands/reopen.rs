//! `inc reopen`: open a resolved incident again.

use anyhow::Result;

use super::{Context, change};
use crate::error::UserError;
use crate::model::{EntryKind, IncidentRef, ReviewStatus, parse_incident_id};
use crate::report::text::incident_label;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc reopen
  inc reopen 12"#)]
pub struct Args {
    /// The incident, such as 12 or #12 [default: the one you last resolved or cancelled]
    ///
    /// Without ID, the incident you (the acting user) resolved or cancelled
    /// last is reopened, if it still is resolved or cancelled; never another
    /// one. Otherwise inc refuses, with a hint to give the ID.
    #[arg(value_name = "ID", add = clap_complete::ArgValueCompleter::new(crate::commands::completions::resolved_incident_ids))]
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let target = match args.id.as_deref() {
        Some(id) => parse_incident_id(id)?,
        None => last_closed(ctx)?,
    };
    let zone = ctx.zone()?.clone();
    change(
        ctx,
        target,
        crate::model::Incident::reopen,
        |incident, _, _| {
            let mut said = format!("{} reopened: {}", incident_label(incident), incident.status);
            let n = incident.number.bare();
            // The review material and its document are kept: say what
            // they are now worth.
            if incident.review_status != ReviewStatus::Draft {
                said.push_str(&format!(
                    "\nits review document stays {}: move it back with `inc review-status draft -i {n}` while it is open",
                    incident.review_status
                ));
            }
            if let Some(held) = &incident.review_held {
                said.push_str(&format!(
                    "\nits review meeting, recorded at {}, was held before this reopening: once it is resolved again, record the next one with `inc reviewed --correct -i {n}`",
                    zone.format(held.at)
                ));
            }
            said
        },
    )
}

/// The incident the acting user last resolved or cancelled, while it still
/// is: a reopen without an id undoes their own last close, or nothing.
fn last_closed(ctx: &Context) -> Result<IncidentRef> {
    let author = ctx.author()?;
    let store = ctx.store_read()?;
    let Some(entry) = store.last_closed_by(&author)? else {
        return Err(UserError::new(
            "you have resolved or cancelled no incident, so there is none to reopen",
        )
        .hint("name the one to reopen: `inc reopen ID` (`inc list --all` shows them)")
        .into());
    };
    let incident = store.incident(IncidentRef::Id(entry.incident_id))?;
    if incident.status.is_open() {
        let did = if entry.kind == EntryKind::Cancelled {
            "cancelled"
        } else {
            "resolved"
        };
        return Err(UserError::new(format!(
            "{}, the incident you last {did}, is open again ({})",
            incident.number, incident.status
        ))
        .hint("name the one to reopen: `inc reopen ID` (`inc list --all` shows them)")
        .into());
    }
    Ok(IncidentRef::Id(incident.id))
}
