//! `inc checklist`: a security incident's communication duties (legal,
//! marketing, ...): list them, mark one done, add one.

use anyhow::Result;

use super::{At, Context, ReviewIncidentArg, ShownIncident, terminal_width};
use crate::error::UserError;
use crate::model::{ItemRef, NewChecklistItem, check_done, clean_text};
use crate::report::text::{incident_label, incident_name, safe_line};
use crate::report::{json, table};
use crate::store::ChecklistDone;

#[derive(Debug, clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_long_help = r#"Examples:
  inc checklist
  inc checklist -i 12 --json
  inc checklist done 1 --note "reported to the data protection authority, case 2026-114"
  inc checklist add "legal: tell the cyber insurer within 48 hours""#
)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,

    #[command(flatten)]
    pub incident: ShownIncident,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Mark a checklist item done, with a note on what was done
    Done(DoneArgs),
    /// Add a duty to the checklist, written "area: what to do"
    Add(AddArgs),
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc checklist done 1 --note "reported to the data protection authority, case 2026-114"
  inc checklist done 3 -i 12
  inc checklist done 2 --at 15:30 --note "customers under contract told by email""#)]
pub struct DoneArgs {
    /// The item's number, as `inc checklist` shows it
    #[arg(value_name = "ITEM")]
    pub item: String,

    /// What was done, such as a case number or who was told
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,

    #[command(flatten)]
    pub at: At,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc checklist add "legal: tell the cyber insurer within 48 hours"
  inc checklist add -i 12 "support: brief the account managers of affected customers""#)]
pub struct AddArgs {
    /// The duty, written "area: what to do" (the area one word, such as legal)
    #[arg(required = true, value_name = "ITEM")]
    pub text: Vec<String>,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    match &args.action {
        None => list(ctx, args),
        Some(Action::Done(a)) => done(ctx, a),
        Some(Action::Add(a)) => add(ctx, a),
    }
}

fn list(ctx: &Context, args: &Args) -> Result<()> {
    let target = args.incident.target()?;
    let (incident, items) = ctx.store_read()?.snapshot(|store| {
        let incident = store.incident(target)?;
        let items = store.checklist(incident.id)?;
        Ok((incident, items))
    })?;
    if args.json {
        return ctx.print(&json::checklist(&items));
    }
    let name = incident_name(&incident);
    if items.is_empty() {
        return ctx.say(&if incident.security {
            format!("{name} has no checklist items.")
        } else {
            format!(
                "{name} is not a security incident; `inc security on -i {}` gives it the checklist of duties.",
                incident.number.bare()
            )
        });
    }
    let open = items.iter().filter(|i| !i.is_done()).count();
    let state = if incident.security {
        ""
    } else {
        ", kept from when it was a security incident"
    };
    ctx.print(&format!(
        "{name}: {open} of {} duties open{state}\n{}",
        items.len(),
        table::checklist(&items, ctx.zone()?, terminal_width())
    ))
}

fn done(ctx: &Context, args: &DoneArgs) -> Result<()> {
    let typed = ItemRef::parse(&args.item)?;
    let note = args
        .note
        .as_deref()
        .map(|n| clean_text("note", n))
        .transpose()?;
    let target = args.incident.target()?;
    let zone = ctx.zone()?;
    let at = ctx.at_on(args.at.get(), target)?;
    let author = ctx.author()?;
    let (incident, item) = ctx.store_for_change()?.complete_checklist_item(
        target,
        &typed,
        &ChecklistDone { at, note },
        &author,
        |incident, item, at| {
            let position = match &typed {
                ItemRef::Position(p) => *p,
                ItemRef::Suffix(_) => item.map_or(0, |i| i.position),
            };
            check_done(incident, position, item, at, zone)
        },
    )?;
    ctx.say(&format!(
        "checklist item {} on {} done at {}: {}",
        item.position,
        incident_label(&incident),
        zone.format(item.done_at.unwrap_or(ctx.now())),
        safe_line(&item.text())
    ))
}

fn add(ctx: &Context, args: &AddArgs) -> Result<()> {
    let item = NewChecklistItem::parse(&args.text.join(" "))?;
    let target = args.incident.target()?;
    let author = ctx.author()?;
    let (incident, added) =
        ctx.store_for_change()?
            .add_checklist_item(target, &item, &author, |incident| {
                if incident.security {
                    Ok(())
                } else {
                    Err(
                        UserError::new(format!("{} is not a security incident", incident.number))
                            .hint(format!(
                                "mark it as one with `inc security on -i {}` first",
                                incident.number.bare()
                            )),
                    )
                }
            })?;
    ctx.say(&format!(
        "checklist item {} added to {}: {}",
        added.position,
        incident_label(&incident),
        safe_line(&added.text())
    ))
}
