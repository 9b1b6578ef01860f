//! `inc open`: declare an incident.

use anyhow::Result;

use super::Context;
use crate::model::{NewIncident, clean_name, clean_text};
use crate::report::text::{incident_name, safe_line};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What is wrong, as those affected see it
    #[arg(required = true, value_name = "TITLE")]
    pub title: Vec<String>,

    /// Severity, 1 to 4 (SEV1 is the worst) [default: config default_severity, else 2]
    #[arg(long, value_name = "N")]
    pub sev: Option<String>,

    /// Who commands the incident [default: you]
    #[arg(long, value_name = "NAME")]
    pub commander: Option<String>,

    /// When impact began, if before it was detected [default: the detection time]
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub started: Option<String>,

    /// When the problem was noticed [default: the declaration time]
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub detected: Option<String>,

    /// When the incident was declared, to enter one from the records [default: now]
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub declared: Option<String>,

    /// Mark it as a security incident
    #[arg(long)]
    pub security: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let title = clean_text("title", &args.title.join(" "))?;
    let severity = match &args.sev {
        Some(s) => s.parse()?,
        None => ctx.config().default_severity,
    };
    let stamp = ctx.stamp()?;
    let commander = match &args.commander {
        Some(name) => clean_name("commander", name)?,
        None => stamp.author.clone(),
    };
    let zone = ctx.zone()?;
    let declared_at = match &args.declared {
        Some(t) => ctx.parse_time(t, zone)?,
        None => stamp.now,
    };
    let detected_at = match &args.detected {
        Some(t) => ctx.parse_time(t, zone)?,
        None => declared_at,
    };
    if detected_at > declared_at {
        return Err(crate::error::UserError::new(format!(
            "detected ({}) would come after declared ({}); an incident is declared once noticed",
            zone.format(detected_at),
            zone.format(declared_at)
        ))
        .hint(format!(
            "give a declared time no earlier than {}",
            zone.format(detected_at)
        ))
        .into());
    }
    let started_at = match &args.started {
        Some(t) => ctx.parse_time(t, zone)?,
        None => detected_at,
    };
    let new = NewIncident {
        title,
        severity,
        security: args.security,
        commander,
        started_at,
        detected_at,
        created_at: declared_at,
        recorded_at: stamp.now,
        author: stamp.author,
    };
    crate::model::KeyTimes {
        started: started_at,
        detected: detected_at,
        mitigated: None,
        resolved: None,
    }
    .check()
    .map_err(|c| c.explain(zone))?;

    let (incident, _) = ctx.store_write()?.create_incident(&new)?;
    ctx.say(&format!(
        "{} (commander: {})",
        incident_name(&incident),
        safe_line(&incident.commander)
    ))
}
