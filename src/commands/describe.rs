//! `inc describe`: the team's description of the incident, for the review:
//! what was seen, who was affected, how it was found, what triggered it,
//! what ended it and the lasting fix.

use anyhow::Result;

use super::ask::Asker;
use super::{Context, ReviewIncidentArg};
use crate::model::{Description, IncidentRef, Scope, clean_text};
use crate::report::text::{incident_name, safe_line};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc describe --summary "the API hung until the message queue was restarted"
  inc describe --scope external --detection "a 5-minute checkout check alerted"
  inc describe --trigger "a config change cut the pool" --resolution "rolled it back"
  inc describe -i 12     # in a terminal: asks for each part not written yet"#)]
pub struct Args {
    /// What was seen and what ended it
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,

    /// Who was affected, and how
    #[arg(long, value_name = "TEXT")]
    pub impact: Option<String>,

    /// Which users were affected: internal, external or both
    #[arg(long, value_name = "SCOPE")]
    pub scope: Option<String>,

    /// How the problem was found
    #[arg(long, value_name = "TEXT")]
    pub detection: Option<String>,

    /// What set it off: the change or event that started it
    #[arg(long, value_name = "TEXT")]
    pub trigger: Option<String>,

    /// What ended the impact for now (a rollback, a failover)
    #[arg(long, value_name = "TEXT")]
    pub resolution: Option<String>,

    /// The lasting fix, done or planned
    #[arg(long, value_name = "TEXT")]
    pub long_term: Option<String>,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
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
        triggered_by: text("trigger", &args.trigger)?,
        resolution: text("resolution", &args.resolution)?,
        long_term: text("long-term fix", &args.long_term)?,
    };
    let target = args.incident.target()?;
    if patch == Description::default() {
        patch = prompt(ctx, target)?;
    }
    let author = ctx.author()?;
    let (incident, description) = ctx.store_for_change()?.describe(target, &author, &patch)?;
    let show = |v: &Option<String>| {
        v.as_deref()
            .map_or_else(|| "-".to_string(), |v| safe_line(v).into_owned())
    };
    ctx.print(&format!(
        "{}\n  summary     {}\n  impact      {}\n  scope       {}\n  detection   {}\n  trigger     {}\n  resolution  {}\n  long-term   {}\n",
        incident_name(&incident),
        show(&description.summary),
        show(&description.impact),
        description
            .scope
            .map_or_else(|| "-".to_string(), |s| s.to_string()),
        show(&description.detection),
        show(&description.triggered_by),
        show(&description.resolution),
        show(&description.long_term),
    ))
}

/// Asks for the parts not written yet, in a terminal; elsewhere says which
/// flags to use, rather than wait for input that will not come.
fn prompt(ctx: &Context, target: IncidentRef) -> Result<Description> {
    let ask = Asker::new(
        ctx,
        "no description given",
        "use --summary, --impact, --scope (internal, external, both), --detection, --trigger, --resolution or --long-term",
    )?;
    let current = ctx.store_read()?.snapshot(|s| {
        let id = s.incident(target)?.id;
        s.description(id)
    })?;
    ask_missing(&ask, &current)
}

/// Asks for each part of `current` not written yet.
pub fn ask_missing(ask: &Asker, current: &Description) -> Result<Description> {
    let mut all = Description::default();
    ask_each_missing(ask, current, |part| {
        all = Description {
            summary: part.summary.or(all.summary.take()),
            impact: part.impact.or(all.impact.take()),
            scope: part.scope.or(all.scope),
            detection: part.detection.or(all.detection.take()),
            triggered_by: part.triggered_by.or(all.triggered_by.take()),
            resolution: part.resolution.or(all.resolution.take()),
            long_term: part.long_term.or(all.long_term.take()),
        };
        Ok(())
    })?;
    Ok(all)
}

/// Asks for each part of `current` not written yet, handing each answer
/// to `answered` as a one-part description as soon as it is given.
pub fn ask_each_missing(
    ask: &Asker,
    current: &Description,
    mut answered: impl FnMut(Description) -> Result<()>,
) -> Result<()> {
    let text = |question: &str, now: &Option<String>| -> Result<Option<String>> {
        if now.is_some() {
            return Ok(None);
        }
        Ok(Some(ask.text(question, false)?).filter(|a| !a.is_empty()))
    };
    if let Some(summary) = text("What was seen, and what ended it?", &current.summary)? {
        answered(Description {
            summary: Some(summary),
            ..Description::default()
        })?;
    }
    if let Some(impact) = text("Who was affected, and how?", &current.impact)? {
        answered(Description {
            impact: Some(impact),
            ..Description::default()
        })?;
    }
    if current.scope.is_none() {
        let items = ["internal users", "external users", "both"].map(String::from);
        answered(Description {
            scope: Some(Scope::ALL[ask.select("Who was affected?", &items, 1)?]),
            ..Description::default()
        })?;
    }
    if let Some(detection) = text("How was it found?", &current.detection)? {
        answered(Description {
            detection: Some(detection),
            ..Description::default()
        })?;
    }
    if let Some(trigger) = text("What set it off?", &current.triggered_by)? {
        answered(Description {
            triggered_by: Some(trigger),
            ..Description::default()
        })?;
    }
    if let Some(resolution) = text("What ended the impact?", &current.resolution)? {
        answered(Description {
            resolution: Some(resolution),
            ..Description::default()
        })?;
    }
    if let Some(fix) = text("What is the lasting fix?", &current.long_term)? {
        answered(Description {
            long_term: Some(fix),
            ..Description::default()
        })?;
    }
    Ok(())
}
