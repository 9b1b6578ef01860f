//! `inc handoff`: pass command to someone else, with a briefing. Prints the
//! briefing as markdown, ready to paste into the incident channel.

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::ask::Asker;
use super::brief::Parts;
use super::{At, Context, StateChangeArg};
use crate::model::{IncidentRef, check_handoff, clean_name, clean_text, handoff_time, same_person};
use crate::report::briefing;
use crate::report::text::safe_line;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc handoff bob --note "waiting on the Frankfurt replica to catch up"
  inc handoff carol --at -15m
  inc handoff            # in a terminal: pick from the responders"#)]
pub struct Args {
    /// Who takes command [in a terminal, chosen from the responders if missing]
    #[arg(value_name = "NAME")]
    pub name: Option<String>,

    /// What the new commander should know beyond the timeline
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,

    #[command(flatten)]
    pub at: At,

    #[command(flatten)]
    pub incident: StateChangeArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let note = match &args.note {
        Some(note) => clean_text("note", note)?,
        None => String::new(),
    };
    // Every flag is checked before the questions.
    let named = args
        .name
        .as_deref()
        .map(|name| clean_name("new commander's name", name))
        .transpose()?;
    let (target, at) = args.incident.target_at(ctx, args.at.get())?;
    let to = match named {
        Some(name) => name,
        None => choose(ctx, target, at.unwrap_or(ctx.now()))?,
    };
    let zone = ctx.zone()?;
    let author = ctx.author()?;
    let mut store = ctx.store_for_change()?;
    let (incident, assignment) =
        store.hand_off(target, &author, &to, &note, |incident, current, now| {
            check_handoff(incident, current, &to, at.unwrap_or(now), zone)
        })?;
    let parts =
        store.snapshot(|store| Parts::gather(store, incident.id, ctx.config().briefing_notes))?;
    let from = assignment.from.as_deref().unwrap_or_default();
    let on_behalf = if same_person(&author, from) {
        String::new()
    } else {
        format!(
            ", recorded by {} for {}",
            safe_line(&author),
            safe_line(from)
        )
    };
    // The briefing goes to standard output, ready to paste; the
    // confirmation to standard error, so it stays out of the paste.
    eprintln!(
        "{}: {} handed command to {} at {}{on_behalf}",
        crate::report::text::incident_label(&incident),
        safe_line(from),
        safe_line(&to),
        zone.format(assignment.assigned_at)
    );
    ctx.print(&briefing::markdown(&parts.view(), ctx.now(), zone))
}

/// In a terminal, offers the responders other than the commander, and
/// "someone else" for a name not seen yet.
/// What can be checked before anyone is named (the time, who is acting)
/// is checked before asking.
fn choose(ctx: &Context, target: IncidentRef, at: DateTime<Utc>) -> Result<String> {
    let ask = Asker::new(ctx, "no new commander named", "name them: inc handoff NAME")?;
    ctx.author()?;
    let zone = ctx.zone()?;
    let (commander, responders) = ctx.store_read()?.snapshot(|store| {
        let id = store.incident(target)?.id;
        let parts = Parts::gather(store, id, 0)?;
        let (incident, current) = parts.command();
        if let Some(current) = current {
            handoff_time(incident, current, at, zone)?;
        }
        Ok((incident.commander.clone(), parts.responders().to_vec()))
    })?;
    let mut names: Vec<String> = responders
        .into_iter()
        .map(|r| r.name)
        .filter(|name| !same_person(name, &commander))
        .collect();
    let mut items: Vec<String> = names.iter().map(|n| safe_line(n).into_owned()).collect();
    items.push("someone else".to_string());
    let choice = ask.select("Who takes command?", &items, 0)?;
    if choice < names.len() {
        return Ok(names.swap_remove(choice));
    }
    loop {
        match clean_name("new commander's name", &ask.text("Their name", true)?) {
            Ok(name) if same_person(&name, &commander) => {
                eprintln!("{} is already the commander", safe_line(&name));
            }
            Ok(name) => return Ok(name),
            Err(e) => eprintln!("{}", safe_line(&e.to_string())),
        }
    }
}
