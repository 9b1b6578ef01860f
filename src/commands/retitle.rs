//! `inc retitle`: correct an incident's title. The title is the text of its
//! `declared` entry, so the correction is on the record like any other.

use anyhow::Result;

use super::{Context, ReviewIncidentArg};
use crate::model::{EntryRef, check_record, clean_text};
use crate::report::text::{incident_label, safe_line};
use crate::store::EntryEdit;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc retitle "Checkout returns 502 for EU customers"
  inc retitle -i 12 "False alarm: the probe's own certificate expired""#)]
pub struct Args {
    /// The title as it should read (words are joined with spaces)
    #[arg(required = true, value_name = "TITLE")]
    pub title: Vec<String>,

    /// Why, for the record
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let title = clean_text("title", &args.title.join(" "))?;
    let reason = args
        .reason
        .as_deref()
        .map(|r| clean_text("reason", r))
        .transpose()?
        .unwrap_or_default();
    let target = args.incident.target()?;
    let zone = ctx.zone()?;
    let author = ctx.author()?;
    let mut store = ctx.store_for_change()?;
    let declared = store.declared_entry(target)?;
    let before = declared.text.clone();
    let done = store.edit_entry(
        &EntryRef::Suffix(declared.uuid.clone()),
        crate::model::IncidentRef::Id(declared.incident_id),
        &author,
        &EntryEdit {
            text: Some(title),
            reason,
            ..EntryEdit::default()
        },
        &|before, state, moved| check_record(before, state, moved, zone),
    )?;
    if done.corrections.is_empty() {
        return ctx.say(&format!(
            "{}: nothing to change",
            incident_label(&done.incident)
        ));
    }
    ctx.say(&format!(
        "{}: retitled (was \"{}\")",
        incident_label(&done.incident),
        safe_line(&before)
    ))
}
