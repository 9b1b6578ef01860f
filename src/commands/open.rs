//! `inc open`: declare an incident.

use anyhow::Result;

use super::Context;
use super::ask::Asker;
use crate::model::{LinkKind, Links, NewIncident, Severity, clean_name, clean_text};
use crate::report::text::{incident_heading, safe_line};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc open "Checkout returns 502 for EU customers" --sev 1 --channel inc-checkout --ticket OPS-1234
  inc open --security --sev critical "RCE in the image-resize library"
  inc open "API down" --declared 2025-03-14T09:30 --detected 2025-03-14T09:12
  inc open --drill "Game day: the primary database fails over" --started 14:02"#)]
pub struct Args {
    /// What is wrong, as those affected see it [asked for in a terminal if missing]
    #[arg(value_name = "TITLE")]
    pub title: Vec<String>,

    /// Severity: 1 to 4, SEV1 to SEV4, or a label such as critical [default: config default_severity, else 2]
    ///
    /// SEV1 is the worst. The labels are critical, major, minor and low, unless
    /// the config file's `[severity.N]` tables rename them.
    #[arg(long, value_name = "N")]
    pub sev: Option<String>,

    /// Who commands the incident [default: you]
    #[arg(long, value_name = "NAME")]
    pub commander: Option<String>,

    /// When impact began, if before it was detected [default: the detection time]
    ///
    /// TIME is `14:05` or `14:05:30` (the most recent such moment: today, else
    /// yesterday; up to 5 minutes ahead of now means now), `-10m`, `-1h30m`,
    /// `2h ago`, `2026-11-26 14:05`, RFC 3339 such as `2026-11-26T13:05:00Z`,
    /// or `now`. Clock times are read in the display zone (INC_TZ, config
    /// `timezone`, else the system's). Other times in the future are refused.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub started: Option<String>,

    /// When the problem was noticed [default: the declaration time]
    ///
    /// TIME takes the same forms as for --started.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub detected: Option<String>,

    /// When the incident was declared, to enter one from the records [default: now]
    ///
    /// TIME takes the same forms as for --started. Later --at times (tl,
    /// handoff, mitigated, resolve) can then replay the incident as it happened:
    /// once its latest event is over 12 hours old, their times of day are read
    /// on the incident's own days.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub declared: Option<String>,

    /// Mark it as a security incident, with a checklist of duties (see `inc checklist`)
    #[arg(long)]
    pub security: bool,

    /// The incident's chat channel, such as #inc-checkout (the `#` is optional)
    #[arg(long, value_name = "NAME")]
    pub channel: Option<String>,

    /// The call bridge's URL (http:// or https://)
    #[arg(long, value_name = "URL")]
    pub bridge: Option<String>,

    /// The incident's ticket, an id or a URL
    #[arg(long, value_name = "ID")]
    pub ticket: Option<String>,

    /// Mark it as a drill: practice, left out of `inc stats` unless --include-drills
    #[arg(long)]
    pub drill: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    // Every flag is checked before any question is asked.
    let severity = args
        .sev
        .as_deref()
        .map(|s| ctx.config().parse_severity(s))
        .transpose()?;
    let links = Links {
        channel: clean_link(LinkKind::Channel, args.channel.as_deref())?,
        bridge: clean_link(LinkKind::Bridge, args.bridge.as_deref())?,
        ticket: clean_link(LinkKind::Ticket, args.ticket.as_deref())?,
    };
    let author = ctx.author()?;
    let commander = match &args.commander {
        Some(name) => clean_name("commander", name)?,
        None => author.clone(),
    };
    let zone = ctx.zone()?;
    let declared = ctx.at(args.declared.as_deref())?;
    let declared_at = declared.unwrap_or(ctx.now());
    let detected = ctx.at(args.detected.as_deref())?;
    let detected_at = detected.unwrap_or(declared_at);
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
    let started = ctx.at(args.started.as_deref())?;
    let started_at = started.unwrap_or(detected_at);
    crate::model::KeyTimes {
        started: started_at,
        detected: detected_at,
        mitigated: None,
        resolved: None,
    }
    .check()
    .map_err(|c| c.explain(zone))?;
    let (title, severity, security) = if args.title.is_empty() {
        // A database inc cannot use (another program's, a newer inc's) is
        // refused before the questions, not after.
        ctx.store_read()?;
        ask(ctx, severity, args.security)?
    } else {
        (
            args.title.join(" "),
            severity.unwrap_or(ctx.config().default_severity),
            args.security,
        )
    };
    let new = NewIncident {
        links,
        title: clean_text("title", &title)?,
        severity,
        security,
        commander,
        started_at: started,
        detected_at: detected,
        declared_at: declared,
        drill: args.drill,
    };

    let checklist = &ctx.config().security_checklist;
    let mut store = ctx.store_write()?;
    let (incident, _) = store.create_incident(&new, &author, checklist)?;
    ctx.say(&format!(
        "{} (commander: {}){}",
        incident_heading(&incident, ctx.style()),
        safe_line(&incident.commander),
        if incident.drill { ", a drill" } else { "" }
    ))?;
    if incident.security && !checklist.is_empty() {
        ctx.say(&format!(
            "security incident: {} duties on its checklist; `inc checklist` lists them",
            checklist.len()
        ))?;
    }
    // A hint, never a refusal: two people may open the same incident.
    // What the hint could not read is no reason to fail a declared one.
    if let Ok(open) = store.open_incidents() {
        for other in open
            .iter()
            .filter(|o| o.id != incident.id && looks_alike(&o.title, &incident.title))
        {
            eprintln!(
                "inc: {} is open too and looks alike; if it is the same incident, `inc cancel -i {} --reason \"a duplicate of {}\"`",
                crate::report::text::incident_label(other),
                incident.number.bare(),
                other.number
            );
        }
    }
    Ok(())
}

/// Words that say little about what is wrong.
const COMMON: [&str; 24] = [
    "the",
    "and",
    "for",
    "from",
    "with",
    "are",
    "was",
    "not",
    "all",
    "some",
    "high",
    "elevated",
    "errors",
    "error",
    "failing",
    "failed",
    "down",
    "issue",
    "issues",
    "slow",
    "outage",
    "users",
    "customers",
    "incident",
];

/// Whether two incident titles look like the same problem: they share two
/// telling words, or one when a title has no more than two.
fn looks_alike(a: &str, b: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        let mut w: Vec<String> = t
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3 && !COMMON.contains(w))
            .map(str::to_string)
            .collect();
        w.sort();
        w.dedup();
        w
    };
    let (a, b) = (words(a), words(b));
    let shared = a.iter().filter(|w| b.contains(w)).count();
    shared >= 2 || (shared == 1 && a.len().min(b.len()) <= 2)
}

fn clean_link(kind: LinkKind, value: Option<&str>) -> Result<Option<String>> {
    Ok(value.map(|v| kind.clean(v)).transpose()?)
}

/// In a terminal, asks for the title, then the severity and whether it is
/// a security incident unless given as flags.
fn ask(
    ctx: &Context,
    severity: Option<Severity>,
    security: bool,
) -> Result<(String, Severity, bool)> {
    let ask = Asker::new(
        ctx,
        "no title given",
        "give one: inc open \"what is wrong\" --sev N",
    )?;
    let title = ask.text("What is wrong, as those affected see it?", true)?;
    let config = ctx.config();
    let severity = match severity {
        Some(severity) => severity,
        None => {
            let levels: Vec<Severity> = (Severity::WORST..=Severity::MILDEST)
                .filter_map(Severity::new)
                .collect();
            let items: Vec<String> = levels
                .iter()
                .map(|&sev| {
                    let text = config.severity_text(sev);
                    format!("{sev}  {:<9} {}", text.label, safe_line(&text.description))
                })
                .collect();
            let default = levels
                .iter()
                .position(|&s| s == config.default_severity)
                .unwrap_or(0);
            levels[ask.select("Severity", &items, default)?]
        }
    };
    let security = security || ask.confirm("Is it a security incident?", false)?;
    Ok((title, severity, security))
}

#[cfg(test)]
mod tests {
    use super::looks_alike;

    #[test]
    fn titles_that_name_the_same_thing_look_alike() {
        assert!(looks_alike("Checkout returns 502s", "checkout 502 errors"));
        assert!(looks_alike(
            "Payments API latency",
            "payments api timeouts in EU"
        ));
        assert!(!looks_alike(
            "Elevated errors on search",
            "Elevated errors on login"
        ));
        assert!(!looks_alike(
            "Database failover stalled",
            "Checkout returns 502s"
        ));
    }
}
