//! `inc link`: where the response happens (chat channel, call bridge,
//! ticket), set, changed, cleared or listed.

use anyhow::Result;

use super::{Context, IncidentArg};
use crate::error::UserError;
use crate::model::{IncidentRef, LinkKind, NewEntry};
use crate::report::text::{incident_label, incident_name, safe_line};

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Kind {
    /// The chat channel, such as #inc-checkout (the `#` is optional)
    Channel,
    /// The call bridge's URL
    Bridge,
    /// The ticket id or URL
    Ticket,
}

impl From<Kind> for LinkKind {
    fn from(kind: Kind) -> LinkKind {
        match kind {
            Kind::Channel => LinkKind::Channel,
            Kind::Bridge => LinkKind::Bridge,
            Kind::Ticket => LinkKind::Ticket,
        }
    }
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc link channel inc-checkout-502
  inc link bridge https://meet.example.com/abc-defg-hij
  inc link ticket OPS-1234 -i 12
  inc link bridge --clear"#)]
pub struct Args {
    /// Which link to set or clear; without it, the incident's links are listed
    #[arg(value_enum, value_name = "WHICH")]
    pub which: Option<Kind>,

    /// The new value (a channel name, a URL for the bridge, a ticket id or URL)
    #[arg(value_name = "VALUE", conflicts_with = "clear", requires = "which")]
    pub value: Option<String>,

    /// Clear the link instead of setting it
    #[arg(long, requires = "which")]
    pub clear: bool,

    /// When it changed, if not just now (it is noted on the timeline)
    ///
    /// TIME takes the same forms as for `inc tl --at`.
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        requires = "which"
    )]
    pub at: Option<String>,

    #[command(flatten)]
    pub incident: IncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let Some(which) = args.which else {
        return list(ctx, args);
    };
    let kind = LinkKind::from(which);
    let name = kind.as_str();
    let value = match (&args.value, args.clear) {
        (Some(v), _) => Some(kind.clean(v)?),
        (None, true) => None,
        (None, false) => {
            return Err(UserError::new(format!("no {name} given"))
                .hint(format!(
                    "give one, such as `inc link {name} {}`, or clear it with `inc link {name} --clear`",
                    example(kind)
                ))
                .into());
        }
    };
    let target = args.incident.target(IncidentRef::Current)?;
    let at = ctx.at_on(args.at.as_deref(), target)?;
    let author = ctx.author()?;
    let mut before = None;
    let (incident, _) =
        ctx.store_for_change()?
            .update_incident(target, &author, |incident, now| {
                before = incident.links.get(kind).map(String::from);
                if before == value {
                    return Ok(Vec::new());
                }
                let at = at.unwrap_or(now);
                let zone = ctx.zone()?;
                if at < incident.created_at {
                    return Err(UserError::new(format!(
                        "the {name} cannot change before {} was declared ({})",
                        incident.number,
                        zone.format(incident.created_at)
                    ))
                    .hint(format!(
                        "give a time no earlier than {}",
                        zone.format(incident.created_at)
                    ))
                    .into());
                }
                Ok(vec![NewEntry::link(
                    kind,
                    before.clone(),
                    value.clone(),
                    at,
                )])
            })?;
    let who = incident_label(&incident);
    let line = match (&before, &value) {
        (b, Some(v)) if b.as_ref() == Some(v) => format!("{who}: {name} already {}", safe_line(v)),
        (_, Some(v)) => format!("{who}: {name} {}", safe_line(v)),
        (None, None) => format!("{who}: no {name} to clear"),
        (Some(b), None) => format!("{who}: {name} cleared (was {})", safe_line(b)),
    };
    ctx.say(&line)
}

fn example(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Channel => "#inc-checkout",
        LinkKind::Bridge => "https://meet.example.com/abc-defg",
        LinkKind::Ticket => "OPS-1234",
    }
}

/// `inc link` alone: every link, set or not.
fn list(ctx: &Context, args: &Args) -> Result<()> {
    let target = IncidentRef::parse(args.incident.incident.as_deref(), IncidentRef::Viewing)?;
    let incident = ctx.store_read()?.incident(target)?;
    let mut out = format!("{}\n", incident_name(&incident));
    for (kind, value) in [
        (LinkKind::Channel, &incident.links.channel),
        (LinkKind::Bridge, &incident.links.bridge),
        (LinkKind::Ticket, &incident.links.ticket),
    ] {
        let shown = value.as_deref().map_or("-".into(), safe_line);
        out.push_str(&format!("  {:<8} {shown}\n", kind.as_str()));
    }
    ctx.print(&out)
}
