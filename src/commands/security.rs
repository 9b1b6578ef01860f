//! `inc security on|off`: mark an incident as a security incident, which
//! attaches the checklist of communication duties, or clear the mark.

use anyhow::Result;

use super::{Context, ReviewIncidentArg};
use crate::error::UserError;
use crate::report::text::incident_label;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc security on
  inc security on -i 12
  inc security off -i 12"#)]
pub struct Args {
    /// on: a security incident, with the checklist of duties from the config; off: not one
    ///
    /// Turned on, the incident gets the config file's `[security] checklist`
    /// (else the built-in legal and marketing duties), unless it has a
    /// checklist already. Turned off, its checklist is kept as it is, done
    /// items and all; it is no longer checked by `inc review --check`.
    #[arg(value_name = "STATE")]
    pub state: State,

    /// When it became (or stopped being) a security incident, if not just now
    ///
    /// It is noted on the timeline: for a security incident, the start of
    /// regulatory clocks. TIME takes the same forms as for `inc tl --at`.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum State {
    On,
    Off,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let target = args.incident.target()?;
    let author = ctx.author()?;
    let at = ctx.at_on(args.at.as_deref(), target)?;
    let zone = ctx.zone()?;
    let on = args.state == State::On;
    let change = ctx.store_for_change()?.set_security(
        target,
        &author,
        on,
        at,
        &ctx.config().security_checklist,
        |incident, at| {
            if at < incident.created_at {
                return Err(UserError::new(format!(
                    "{} cannot change before it was declared ({})",
                    incident.number,
                    zone.format(incident.created_at)
                ))
                .hint(format!(
                    "give a time no earlier than {}",
                    zone.format(incident.created_at)
                )));
            }
            Ok(())
        },
    )?;
    let name = incident_label(&change.incident);
    let id = change.incident.number.bare();
    let open = change.checklist.iter().filter(|i| !i.is_done()).count();
    let line = match (on, change.changed) {
        (true, _) if change.attached > 0 => format!(
            "{name} is a security incident; its checklist has {} items: `inc checklist -i {id}` lists them",
            change.attached
        ),
        (true, true) if change.checklist.is_empty() => format!(
            "{name} is a security incident; the config's `[security] checklist` is empty, so it has no checklist items"
        ),
        (true, true) => format!(
            "{name} is a security incident again; it keeps its checklist ({open} of {} open): `inc checklist -i {id}`",
            change.checklist.len()
        ),
        (true, false) => format!("{name} is already a security incident: nothing to change"),
        (false, true) if change.checklist.is_empty() => {
            format!("{name} is no longer a security incident")
        }
        (false, true) => format!(
            "{name} is no longer a security incident; its checklist is kept ({open} of {} open) and no longer checked",
            change.checklist.len()
        ),
        (false, false) => format!("{name} is not a security incident: nothing to change"),
    };
    ctx.say(&line)
}
