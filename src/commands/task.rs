//! `inc task`: the steps under way during the incident (often temporary
//! workarounds), as distinct from corrective action items afterwards.

use anyhow::Result;

use super::{At, Context, IncidentArg, ShownIncident, terminal_width};
use crate::model::{IncidentRef, clean_name, clean_text};
use crate::report::text::{incident_label, incident_name, safe_line};
use crate::report::{json, table};
use crate::store::TaskChange;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc task add "drain eu-west-1 traffic to Frankfurt" --owner bob
  inc task list
  inc task done 1
  inc task assign 1 carol"#)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Add a task
    Add(AddArgs),
    /// Mark a task done
    Done(DoneArgs),
    /// List an incident's open tasks (all with --all)
    List(ListArgs),
    /// Correct a task's text (the correction is noted on the timeline)
    Edit(EditArgs),
    /// Give a task to someone else, or to nobody (noted on the timeline)
    Assign(AssignArgs),
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc task add "drain eu-west-1 traffic to Frankfurt" --owner bob
  inc task add check replication lag
  inc task add -i 12 "page the database on-call""#)]
pub struct AddArgs {
    /// What is being done
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,

    /// Who is doing it
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,

    #[command(flatten)]
    pub at: At,

    #[command(flatten)]
    pub incident: IncidentArg,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc task done 1
  inc task done 3 -i 12"#)]
pub struct DoneArgs {
    /// The task's number, as `inc task list` shows it (on a team, its ref)
    #[arg(value_name = "TASK")]
    pub id: String,

    #[command(flatten)]
    pub at: At,

    #[command(flatten)]
    pub incident: IncidentArg,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc task edit 1 "drain eu-west-1 traffic to Dublin""#)]
pub struct EditArgs {
    /// The task's number, as `inc task list --all` shows it (on a team, its ref)
    #[arg(value_name = "TASK")]
    pub id: String,

    /// What is being done, corrected
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,

    #[command(flatten)]
    pub incident: IncidentArg,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc task assign 1 carol
  inc task assign 1 --nobody"#)]
pub struct AssignArgs {
    /// The task's number, as `inc task list --all` shows it (on a team, its ref)
    #[arg(value_name = "TASK")]
    pub id: String,

    /// Who does it now
    #[arg(value_name = "NAME", required_unless_present = "nobody")]
    pub owner: Option<String>,

    /// Leave it without an owner
    #[arg(long, conflicts_with = "owner")]
    pub nobody: bool,

    #[command(flatten)]
    pub incident: IncidentArg,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc task list
  inc task list --all
  inc task list 12 --json"#)]
pub struct ListArgs {
    /// Include tasks that are done
    #[arg(short, long)]
    pub all: bool,

    #[command(flatten)]
    pub incident: ShownIncident,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    match &args.action {
        Action::Add(a) => add(ctx, a),
        Action::Done(a) => done(ctx, a),
        Action::List(a) => list(ctx, a),
        Action::Edit(a) => {
            let text = clean_text("task", &a.text.join(" "))?;
            change(ctx, &a.id, &a.incident, TaskChange::Text(text))
        }
        Action::Assign(a) => {
            let owner = match &a.owner {
                Some(o) if !a.nobody => Some(clean_name("owner", o)?),
                _ => None,
            };
            change(ctx, &a.id, &a.incident, TaskChange::Owner(owner))
        }
    }
}

fn add(ctx: &Context, args: &AddArgs) -> Result<()> {
    let text = clean_text("task", &args.text.join(" "))?;
    let owner = args
        .owner
        .as_deref()
        .map(|o| clean_name("owner", o))
        .transpose()?;
    let target = args.incident.target(IncidentRef::Current)?;
    let at = ctx.at_on(args.at.get(), target)?;
    let author = ctx.author()?;
    let (incident, task) =
        ctx.store_for_change()?
            .add_task(target, &author, &text, owner.as_deref(), at)?;
    let owner = owner
        .map(|o| format!(" (owner: {})", safe_line(&o)))
        .unwrap_or_default();
    ctx.say(&format!(
        "task {} added to {}: {}{owner}",
        task.name(),
        incident_label(&incident),
        safe_line(&task.text)
    ))
}

/// `edit` and `assign`: a correction of a task, noted on the timeline.
fn change(ctx: &Context, id: &str, incident: &IncidentArg, change: TaskChange) -> Result<()> {
    let target = incident.target(IncidentRef::Current)?;
    let author = ctx.author()?;
    let (incident, task) = ctx
        .store_for_change()?
        .change_task(target, id, &author, &change)?;
    let label = incident_label(&incident);
    let id = safe_line(id.trim());
    let line = match (task, &change) {
        (None, _) => format!("task {id} on {label}: nothing to change"),
        (Some(task), TaskChange::Text(_)) => format!(
            "task {} on {label} now reads: {}",
            task.name(),
            safe_line(&task.text)
        ),
        (Some(task), TaskChange::Owner(_)) => format!(
            "task {} on {label} is now {}",
            task.name(),
            task.owner
                .as_deref()
                .map_or("nobody's".into(), |o| format!("{}'s", safe_line(o)))
        ),
    };
    ctx.say(&line)
}

fn done(ctx: &Context, args: &DoneArgs) -> Result<()> {
    let target = args.incident.target(IncidentRef::Current)?;
    let at = ctx.at_on(args.at.get(), target)?;
    let author = ctx.author()?;
    let (incident, task) = ctx
        .store_for_change()?
        .complete_task(target, &args.id, &author, at)?;
    ctx.say(&format!(
        "task {} on {} done at {}: {}",
        task.name(),
        incident_label(&incident),
        ctx.zone()?.format(task.done_at.unwrap_or(ctx.now())),
        safe_line(&task.text)
    ))
}

fn list(ctx: &Context, args: &ListArgs) -> Result<()> {
    let target = args.incident.target()?;
    let (incident, tasks) = ctx.store_read()?.snapshot(|store| {
        let incident = store.incident(target)?;
        let tasks = store.tasks(incident.id, args.all)?;
        Ok((incident, tasks))
    })?;
    if args.json {
        return ctx.print(&json::tasks(&tasks));
    }
    if tasks.is_empty() {
        let which = if args.all { "tasks" } else { "open tasks" };
        return ctx.say(&format!("No {which} on {}.", incident_name(&incident)));
    }
    ctx.print(&table::tasks(&tasks, ctx.zone()?, terminal_width()))
}
