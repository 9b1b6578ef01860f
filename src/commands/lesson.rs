//! `inc lesson`: what went well, what went wrong, where we got lucky.

use anyhow::Result;

use super::factor::number;
use super::{Context, ReviewIncidentArg, ShownIncident, terminal_width};
use crate::model::{LessonKind, clean_text};
use crate::report::text::{incident_label, incident_name, safe_line};
use crate::report::{json, table};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc lesson add --kind went-well "the rollback took under five minutes"
  inc lesson list
  inc lesson rm 2"#)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Add a lesson
    Add(AddArgs),
    /// List the lessons
    List(ListArgs),
    /// Remove a lesson (it stays on record as removed)
    Rm(RmArgs),
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc lesson add --kind went-well "the rollback took under five minutes"
  inc lesson add --kind went-wrong "nobody knew who owned the pool settings"
  inc lesson add --kind lucky "traffic was low: a public holiday in Germany""#)]
pub struct AddArgs {
    /// The lesson, such as "the rollback took under five minutes"
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,

    /// What kind of lesson: went-well, went-wrong or lucky
    #[arg(long, value_name = "KIND", required = true)]
    pub kind: String,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc lesson list
  inc lesson list 12 --json"#)]
pub struct ListArgs {
    #[command(flatten)]
    pub incident: ShownIncident,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    match &args.action {
        Action::Add(a) => {
            let text = clean_text("lesson", &a.text.join(" "))?;
            let kind = LessonKind::parse(&a.kind)?;
            let target = a.incident.target()?;
            let author = ctx.author()?;
            let (incident, id) = ctx
                .store_for_change()?
                .add_lesson(target, &author, &text, kind)?;
            ctx.say(&format!(
                "lesson {id} added to {} ({kind})",
                incident_label(&incident)
            ))
        }
        Action::List(a) => {
            let target = a.incident.target()?;
            let (incident, lessons) = ctx.store_read()?.snapshot(|s| {
                let incident = s.incident(target)?;
                let lessons = s.lessons(incident.id)?;
                Ok((incident, lessons))
            })?;
            if a.json {
                return ctx.print(&json::lessons(&lessons));
            }
            if lessons.is_empty() {
                return ctx.say(&format!("No lessons on {}.", incident_name(&incident)));
            }
            ctx.print(&table::lessons(&lessons, terminal_width()))
        }
        Action::Rm(a) => {
            let id = number("lesson", &a.id)?;
            let target = a.incident.target()?;
            let (incident, lesson) =
                ctx.store_for_change()?
                    .remove_lesson(target, &ctx.author()?, id)?;
            ctx.say(&format!(
                "lesson {id} removed from {}: {}",
                incident_label(&incident),
                safe_line(&lesson.text)
            ))
        }
    }
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc lesson rm 2
  inc lesson rm 2 -i 12"#)]
pub struct RmArgs {
    /// The lesson's number, as `inc lesson list` shows it
    #[arg(value_name = "LESSON")]
    pub id: String,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}
