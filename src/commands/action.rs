//! `inc action`: corrective action items, each with an accountable owner
//! (a person or a team). Not the workarounds of the incident itself; those
//! are tasks.

use anyhow::Result;

use super::factor::number;
use super::{Context, ReviewIncidentArg, ShownIncident, terminal_width};
use crate::error::UserError;
use crate::model::{ActionStatus, ActionType, Priority, clean_name, clean_text, parse_due};
use crate::report::text::{incident_label, safe_line, when};
use crate::report::{json, table};
use crate::store::{ActionFilter, NewAction};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc action add "alert when the pool is 90% used" --owner payments --due +7d
  inc action list --all-incidents --overdue
  inc action done 1
  inc action edit 2 --owner carol --due tomorrow"#)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Add an action item
    Add(AddArgs),
    /// List action items
    List(ListArgs),
    /// Mark an action item done
    Done(DoneArgs),
    /// Change an action item
    Edit(EditArgs),
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc action add "alert when the pool is 90% used" --owner payments --due +7d
  inc action add "load-test releases" --owner qa --priority P1 --type prevent
  inc action add -i 12 "auto-renew certificates" --owner sre --due 2026-12-15"#)]
pub struct AddArgs {
    /// The work to do, such as "alert when the queue backs up"
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,

    /// Who is accountable: a person or a team
    #[arg(long, value_name = "WHO", required = true)]
    pub owner: String,

    /// When it is due: 2026-12-01, today, tomorrow, +7d, +2w
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,

    /// The priority: P1, P2 or P3 (P1 is the most urgent)
    #[arg(long, value_name = "P", default_value = "P2")]
    pub priority: String,

    /// What it does about the next incident: prevent, mitigate, detect or process
    #[arg(long = "type", value_name = "TYPE")]
    pub action_type: Option<String>,

    /// Where the work is tracked: a ticket's id or URL, shown in the review
    #[arg(long, value_name = "REF")]
    pub ticket: Option<String>,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc action list
  inc action list --all-incidents --due-before +7d
  inc action list --owner bob --open
  inc action list 12 --json"#)]
pub struct ListArgs {
    /// Action items of every incident, not just one
    #[arg(long, conflicts_with_all = ["id", "incident"])]
    pub all_incidents: bool,

    #[command(flatten)]
    pub filters: Filters,

    #[command(flatten)]
    pub incident: ShownIncident,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc action done 1
  inc action done 3 -i 12"#)]
pub struct DoneArgs {
    /// The action item's number, as `inc action list` or `inc actions` shows it
    ///
    /// Numbers are shared by all incidents, so any incident's item is found
    /// by its number alone; with -i, an item of another incident is refused.
    #[arg(value_name = "ACTION")]
    pub id: String,

    /// When it was done, if not just now
    ///
    /// TIME takes the same forms as for `inc tl --at`, except that a time of
    /// day is always the most recent such moment: follow-up work is done long
    /// after the incident, not on its days.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc action edit 2 --owner carol --due tomorrow
  inc action edit 2 --priority P1 --type detect
  inc action edit 3 --status wont-do
  inc action edit 2 --due none"#)]
pub struct EditArgs {
    /// The action item's number, as `inc action list` or `inc actions` shows it
    ///
    /// Numbers are shared by all incidents, so any incident's item is found
    /// by its number alone; with -i, an item of another incident is refused.
    #[arg(value_name = "ACTION")]
    pub id: String,

    /// New text for the work to do
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,

    /// A new owner: a person or a team
    #[arg(long, value_name = "WHO")]
    pub owner: Option<String>,

    /// A new due date (as for `add`), or `none` to remove it
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,

    /// A new priority: P1, P2 or P3
    #[arg(long, value_name = "P")]
    pub priority: Option<String>,

    /// A new type: prevent, mitigate, detect or process
    #[arg(long = "type", value_name = "TYPE")]
    pub action_type: Option<String>,

    /// A new status: open, done or wont-do
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,

    /// Where the work is tracked: a ticket's id or URL (`none` removes it)
    #[arg(long, value_name = "REF")]
    pub ticket: Option<String>,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    match &args.action {
        Action::Add(a) => add(ctx, a),
        Action::List(a) => list(ctx, a),
        Action::Done(a) => {
            let id = typed_item(&a.id)?;
            let target = only_named(&a.incident)?;
            // The plain rule, not `at_on`: follow-up work is done long
            // after the incident, not on its days.
            let at = ctx.at(a.at.as_deref())?;
            let author = ctx.author()?;
            let (incident, action) =
                ctx.store_for_change()?
                    .update_action(target, &a.id, &author, at, |action| {
                        if action.status != ActionStatus::Open {
                            return Err(UserError::new(format!(
                                "action item {id} is already {}",
                                action.status
                            ))
                            .hint(format!(
                                "reopen it with `inc action edit {id} --status open`"
                            )));
                        }
                        action.status = ActionStatus::Done;
                        Ok(())
                    })?;
            ctx.say(&format!(
                "action {} on {} done at {}: {}",
                action.name(),
                incident_label(&incident),
                when(ctx.zone()?, action.closed_at),
                safe_line(&action.text)
            ))
        }
        Action::Edit(a) => edit(ctx, a),
    }
}

/// A ticket's id or URL, as typed: one line of plain text.
fn ticket(typed: &str) -> Result<String, UserError> {
    let t = typed.trim();
    if t.is_empty() || t.chars().any(char::is_control) || t.len() > 2048 {
        return Err(UserError::new(format!(
            "{:?} is not a ticket: give its id or URL on one line",
            crate::report::text::safe_line(typed)
        ))
        .hint("such as PAY-123 or https://tracker.example.com/PAY-123 (up to 2048 bytes)"));
    }
    Ok(t.to_string())
}

fn add(ctx: &Context, args: &AddArgs) -> Result<()> {
    let today = ctx.zone()?.date(ctx.now());
    let new = NewAction {
        text: clean_text("action item", &args.text.join(" "))?,
        owner: clean_name("owner", &args.owner)?,
        due: args
            .due
            .as_deref()
            .map(|d| parse_due(d, today))
            .transpose()?,
        priority: Priority::parse(&args.priority)?,
        action_type: args
            .action_type
            .as_deref()
            .map(ActionType::parse)
            .transpose()?,
        // `none` is no ticket, as `inc action edit --ticket none` removes one.
        link: args
            .ticket
            .as_deref()
            .filter(|t| !t.trim().eq_ignore_ascii_case("none"))
            .map(ticket)
            .transpose()?,
    };
    let target = args.incident.target()?;
    let author = ctx.author()?;
    let (incident, action) = ctx.store_for_change()?.add_action(target, &author, &new)?;
    let due = action.due.map(|d| format!(", due {d}")).unwrap_or_default();
    ctx.say(&format!(
        "action {} added to {}: {} (owner: {}{due})",
        action.name(),
        incident_label(&incident),
        safe_line(&action.text),
        safe_line(&action.owner)
    ))
}

/// An action item as typed: its number, or on a team its ref (the store
/// tells which it takes). Anything else is refused before the database is
/// opened.
fn typed_item(typed: &str) -> Result<String> {
    let t = typed.trim();
    let is_ref = t.len() >= crate::model::MIN_REF && t.chars().all(|c| c.is_ascii_hexdigit());
    if !is_ref {
        number("action", t)?;
    }
    Ok(safe_line(t).into_owned())
}

/// The incident an item must belong to: only the one named with -i. Without
/// it, the number alone finds the item, whichever incident it belongs to.
fn only_named(arg: &ReviewIncidentArg) -> Result<Option<crate::model::IncidentRef>> {
    arg.incident.as_ref().map(|_| arg.target()).transpose()
}

/// Which action items to list: `inc action list` and `inc actions`.
#[derive(Debug, Clone, clap::Args)]
pub struct Filters {
    /// Only open ones (not done or wont-do)
    #[arg(long)]
    pub open: bool,

    /// Only open ones past their due date
    #[arg(long)]
    pub overdue: bool,

    /// Only this owner's (a person or a team; case does not matter)
    #[arg(long, value_name = "WHO")]
    pub owner: Option<String>,

    /// Only those due before DATE (2026-12-01, today, tomorrow, +7d, +2w)
    #[arg(long, value_name = "DATE")]
    pub due_before: Option<String>,
}

impl Filters {
    /// The store's filter, for one incident or (None) every one.
    fn for_store(&self, incident: Option<i64>, today: chrono::NaiveDate) -> Result<ActionFilter> {
        if self.owner.as_deref().is_some_and(|o| o.trim().is_empty()) {
            return Err(UserError::new("the owner is empty")
                .hint("give a person or a team, such as --owner payments")
                .into());
        }
        Ok(ActionFilter {
            incident,
            open_only: self.open,
            overdue_on: self.overdue.then_some(today),
            owner: self.owner.clone(),
            due_before: self
                .due_before
                .as_deref()
                .map(|d| parse_due(d, today))
                .transpose()?,
        })
    }
}

/// `inc actions`, also `inc action list --all-incidents`: every incident's
/// action items by due date, with the incident each came from.
pub fn list_across(ctx: &Context, filters: &Filters, json: bool) -> Result<()> {
    let today = ctx.zone()?.date(ctx.now());
    let actions = ctx
        .store_read()?
        .actions_across(&filters.for_store(None, today)?)?;
    if json {
        return ctx.print(&json::actions_across(&actions, today));
    }
    if actions.is_empty() {
        return ctx.say("No action items match.");
    }
    ctx.print(&crate::report::followup::actions(
        &actions,
        today,
        terminal_width(),
    ))
}

fn list(ctx: &Context, args: &ListArgs) -> Result<()> {
    if args.all_incidents {
        return list_across(ctx, &args.filters, args.json);
    }
    let today = ctx.zone()?.date(ctx.now());
    let store = ctx.store_read()?;
    let actions = store.snapshot(|s| {
        let id = s.incident(args.incident.target()?)?.id;
        s.actions(&args.filters.for_store(Some(id), today)?)
    })?;
    if args.json {
        return ctx.print(&json::actions(&actions));
    }
    if actions.is_empty() {
        return ctx.say("No action items match.");
    }
    ctx.print(&table::actions(&actions, terminal_width()))
}

fn edit(ctx: &Context, args: &EditArgs) -> Result<()> {
    let id = typed_item(&args.id)?;
    let today = ctx.zone()?.date(ctx.now());
    let text = args
        .text
        .as_deref()
        .map(|t| clean_text("action item", t))
        .transpose()?;
    let owner = args
        .owner
        .as_deref()
        .map(|o| clean_name("owner", o))
        .transpose()?;
    let due = match args.due.as_deref() {
        Some(d) if d.trim().eq_ignore_ascii_case("none") => Some(None),
        Some(d) => Some(Some(parse_due(d, today)?)),
        None => None,
    };
    let priority = args.priority.as_deref().map(Priority::parse).transpose()?;
    let action_type = args
        .action_type
        .as_deref()
        .map(ActionType::parse)
        .transpose()?;
    let status = args
        .status
        .as_deref()
        .map(ActionStatus::parse)
        .transpose()?;
    let link = match args.ticket.as_deref() {
        Some(t) if t.trim().eq_ignore_ascii_case("none") => Some(None),
        Some(t) => Some(Some(ticket(t)?)),
        None => None,
    };
    if text.is_none()
        && owner.is_none()
        && due.is_none()
        && priority.is_none()
        && action_type.is_none()
        && status.is_none()
        && link.is_none()
    {
        return Err(
            UserError::new(format!("nothing to change in action item {id}"))
                .hint("give --text, --owner, --due, --priority, --type, --status or --ticket")
                .into(),
        );
    }
    let target = only_named(&args.incident)?;
    let author = ctx.author()?;
    let (incident, action) =
        ctx.store_for_change()?
            .update_action(target, &args.id, &author, None, |a| {
                if let Some(t) = text {
                    a.text = t;
                }
                if let Some(o) = owner {
                    a.owner = o;
                }
                if let Some(d) = due {
                    a.due = d;
                }
                if let Some(p) = priority {
                    a.priority = p;
                }
                if let Some(t) = action_type {
                    a.action_type = Some(t);
                }
                if let Some(s) = status {
                    a.status = s;
                }
                if let Some(l) = link {
                    a.link = l;
                }
                Ok(())
            })?;
    let kind = action
        .action_type
        .map(|t| format!(", {t}"))
        .unwrap_or_default();
    let due = action.due.map(|d| format!(", due {d}")).unwrap_or_default();
    ctx.say(&format!(
        "action {id} on {}: {} (owner: {}, {}{kind}, {}{due})",
        incident_label(&incident),
        safe_line(&action.text),
        safe_line(&action.owner),
        action.priority,
        action.status
    ))
}
