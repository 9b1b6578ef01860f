//! `inc describe`: the team's description of the incident, for the review:
//! what was seen, who was affected, how it was found.

use std::io::IsTerminal;

use anyhow::{Context as _, Result};

use super::{Context, IncidentArg};
use crate::error::UserError;
use crate::model::{Description, IncidentRef, Scope, clean_text};
use crate::report::text::{incident_name, safe_line};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What was seen and what ended it
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,

    /// Who was affected, and how
    #[arg(long, value_name = "TEXT")]
    pub impact: Option<String>,

    /// internal, external or both
    #[arg(long, value_name = "SCOPE")]
    pub scope: Option<String>,

    /// How the problem was found
    #[arg(long, value_name = "TEXT")]
    pub detection: Option<String>,

    #[command(flatten)]
    pub incident: IncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let text = |what: &str, value: &Option<String>| -> Result<Option<String>> {
        Ok(value.as_deref().map(|v| clean_text(what, v)).transpose()?)
    };
    let mut patch = Description {
        summary: text("summary", &args.summary)?,
        impact: text("impact", &args.impact)?,
        scope: args.scope.as_deref().map(Scope::parse).transpose()?,
        detection: text("detection", &args.detection)?,
    };
    let target = args.incident.target(IncidentRef::Viewing)?;
    if patch == Description::default() {
        patch = prompt(ctx, target)?;
    }
    let stamp = ctx.stamp()?;
    let (incident, description) = ctx.store_for_change()?.describe(target, &stamp, &patch)?;
    let show = |v: &Option<String>| {
        v.as_deref()
            .map_or_else(|| "-".to_string(), |v| safe_line(v).into_owned())
    };
    ctx.print(&format!(
        "{}\n  summary    {}\n  impact     {}\n  scope      {}\n  detection  {}\n",
        incident_name(&incident),
        show(&description.summary),
        show(&description.impact),
        description
            .scope
            .map_or_else(|| "-".to_string(), |s| s.to_string()),
        show(&description.detection),
    ))
}

/// Asks for the parts not written yet, in a terminal; elsewhere says which
/// flags to use, rather than wait for input that will not come.
fn prompt(ctx: &Context, target: IncidentRef) -> Result<Description> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(UserError::new("no description given")
            .hint("use --summary, --impact, --scope (internal, external, both) or --detection")
            .into());
    }
    let store = ctx.store_read()?;
    let current = store.snapshot(|s| {
        let id = s.incident(target)?.id;
        s.description(id)
    })?;
    let ask = |question: &str, now: &Option<String>| -> Result<Option<String>> {
        if now.is_some() {
            return Ok(None);
        }
        let answer: String = dialoguer::Input::new()
            .with_prompt(question)
            .allow_empty(true)
            .interact_text()
            .context("could not read the answer")?;
        Ok(Some(answer.trim().to_string()).filter(|a| !a.is_empty()))
    };
    let summary = ask("What was seen, and what ended it?", &current.summary)?;
    let impact = ask("Who was affected, and how?", &current.impact)?;
    let scope = match current.scope {
        Some(_) => None,
        None => {
            let choice = dialoguer::Select::new()
                .with_prompt("Who was affected?")
                .items(["internal users", "external users", "both"])
                .default(1)
                .interact()
                .context("could not read the answer")?;
            Some(Scope::ALL[choice])
        }
    };
    let detection = ask("How was it found?", &current.detection)?;
    Ok(Description {
        summary,
        impact,
        scope,
        detection,
    })
}
