//! `inc task`: the steps under way during the incident (often temporary
//! workarounds), as distinct from corrective action items afterwards.

use anyhow::Result;

use super::{Context, IncidentArg, ShownIncident, terminal_width};
use crate::error::UserError;
use crate::model::{IncidentRef, clean_name, clean_text};
use crate::report::text::{incident_name, safe_line};
use crate::report::{json, table};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc task add "drain eu-west-1 traffic to Frankfurt" --owner bob
  inc task list
  inc task done 1"#)]
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
    pub incident: IncidentArg,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc task done 1
  inc task done 3 -i 12"#)]
pub struct DoneArgs {
    /// The task's number, as `inc task list` shows it
    #[arg(value_name = "TASK")]
    pub id: String,

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
    let stamp = ctx.stamp()?;
    let (incident, task) =
        ctx.store_for_change()?
            .add_task(target, &stamp, &text, owner.as_deref())?;
    let owner = owner
        .map(|o| format!(" (owner: {})", safe_line(&o)))
        .unwrap_or_default();
    ctx.say(&format!(
        "task {} added to #{}: {}{owner}",
        task.id,
        incident.id,
        safe_line(&task.text)
    ))
}

fn done(ctx: &Context, args: &DoneArgs) -> Result<()> {
    let id = args
        .id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            UserError::new(format!("`{}` is not a task number", args.id))
                .hint("task numbers are shown by `inc task list`")
        })?;
    let target = args.incident.target(IncidentRef::Current)?;
    let stamp = ctx.stamp()?;
    let (incident, task) = ctx.store_for_change()?.complete_task(target, id, &stamp)?;
    ctx.say(&format!(
        "task {} on #{} done: {}",
        task.id,
        incident.id,
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
