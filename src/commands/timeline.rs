//! `inc timeline`: an incident's timeline in event-time order, each entry
//! with the ref the `inc entry` commands name it by; with `--history`,
//! every version: struck entries and each correction too.

use anyhow::Result;

use super::{Context, ShownIncident, terminal_width};
use crate::model::EntryKind;
use crate::report::text::{Names, incident_name};
use crate::report::{json, table};
use crate::store::Amendments;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc timeline
  inc timeline 12
  inc timeline --history
  inc timeline -i 12 --json > timeline-12.json"#)]
pub struct Args {
    #[command(flatten)]
    pub incident: ShownIncident,

    /// Every version: entries struck from the record, and each correction (who changed what, when, from what)
    #[arg(long)]
    pub history: bool,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let target = args.incident.target()?;
    let zone = ctx.zone()?;
    let (incident, entries, names, amendments) = ctx.store_read()?.snapshot(|store| {
        let incident = store.incident(target)?;
        let entries = if args.history {
            store.history(incident.id)?
        } else {
            store.timeline(incident.id, None)?
        };
        let mut names = Names {
            refs: store.entry_refs(incident.id, &entries)?,
            ..Names::default()
        };
        // A correction names the entries and incidents it is about by
        // UUID: by their refs and numbers here.
        for e in entries.iter().filter(|e| e.kind == EntryKind::Correction) {
            for uuid in [&e.from, &e.to].into_iter().flatten() {
                if let Some(other) = store.incident_by_uuid(uuid)? {
                    names
                        .incidents
                        .insert(uuid.clone(), format!("#{}", other.id));
                }
            }
        }
        let amendments = store.amendments(incident.id)?;
        Ok((incident, entries, names, amendments))
    })?;
    if args.json {
        return ctx.print(&json::timeline(&entries, &names));
    }
    let mut out = format!(
        "{} ({})\n{}",
        incident_name(&incident),
        incident.status,
        table::timeline(&entries, &names, zone, terminal_width(), true)
    );
    if !args.history
        && let Some(line) = amended(&amendments, incident.id)
    {
        out.push_str(&line);
    }
    ctx.print(&out)
}

/// Under a timeline whose record was corrected: how much, and how to see
/// every version.
fn amended(a: &Amendments, id: i64) -> Option<String> {
    if !a.any() {
        return None;
    }
    let mut what = Vec::new();
    if a.amended > 0 {
        what.push(format!(
            "{} {} corrected",
            a.amended,
            if a.amended == 1 { "entry" } else { "entries" }
        ));
    }
    if a.struck > 0 {
        what.push(format!("{} struck", a.struck));
    }
    let what = if what.is_empty() {
        String::new()
    } else {
        format!(" ({})", what.join(", "))
    };
    Some(format!(
        "The record was corrected{what}: `inc timeline --history -i {id}` shows every version.\n"
    ))
}
