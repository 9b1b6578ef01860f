//! `inc timeline`: an incident's timeline in event-time order, each entry
//! with the ref the `inc entry` commands name it by; with `--history`,
//! every version: struck entries and each correction too.

use anyhow::Result;

use super::{Context, ShownIncident, terminal_width};
use crate::model::EntryKind;
use crate::report::text::{Names, corrected, incident_name};
use crate::report::{json, table};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc timeline 12
  inc timeline --history
  inc timeline -i 12 --json > timeline-12.json
  inc timeline --follow"#)]
pub struct Args {
    #[command(flatten)]
    pub incident: ShownIncident,

    /// Every version: entries struck from the record, and each correction (who changed what, when, from what)
    #[arg(long)]
    pub history: bool,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,

    /// Keep printing new entries as they are written, here or on a teammate's laptop, until Ctrl-C
    #[arg(short, long, conflicts_with_all = ["json", "history"])]
    pub follow: bool,
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
            pushed_by: store.pushers(incident.id)?,
            ..Names::default()
        };
        // A correction names the entries, tasks and incidents it is about
        // by UUID: by their refs, text and numbers here, the title as such.
        if let Some(declared) = entries.iter().find(|e| e.kind == EntryKind::Declared) {
            names
                .labels
                .insert(declared.uuid.clone(), "the title".to_string());
        }
        let tasks = store.tasks(incident.id, true)?;
        for e in entries.iter().filter(|e| e.kind == EntryKind::Correction) {
            if let Some(task) = tasks.iter().find(|t| e.target.as_ref() == Some(&t.uuid)) {
                names
                    .labels
                    .insert(task.uuid.clone(), format!("task \"{}\"", task.text));
            }
            for uuid in [&e.from, &e.to].into_iter().flatten() {
                if let Some(other) = store.incident_by_uuid(uuid)? {
                    names
                        .incidents
                        .insert(uuid.clone(), other.number.to_string());
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
        && let Some(corrected) = corrected(&amendments)
    {
        out.push_str(&format!(
            "{corrected}: `inc timeline --history -i {}` shows every version.\n",
            incident.number.bare()
        ));
    }
    ctx.print(&out)?;
    if args.follow {
        follow(ctx, incident.id, &entries)?;
    }
    Ok(())
}

/// Prints each entry written from now on, as it arrives.
fn follow(ctx: &Context, id: i64, shown: &[crate::model::TimelineEntry]) -> Result<()> {
    let mut seen: std::collections::HashSet<String> =
        shown.iter().map(|e| e.uuid.clone()).collect();
    let (path, options) = ctx.db()?;
    let zone = ctx.zone()?;
    crate::sync::follow(&path, &options, || {
        let store = crate::store::Store::open_read(&path, &options)?;
        let entries = store.timeline(id, None)?;
        let new: Vec<_> = entries
            .into_iter()
            .filter(|e| !seen.contains(&e.uuid))
            .collect();
        if new.is_empty() {
            return Ok(());
        }
        let names = Names {
            refs: store.entry_refs(id, &new)?,
            pushed_by: store.pushers(id)?,
            ..Names::default()
        };
        seen.extend(new.iter().map(|e| e.uuid.clone()));
        let rows = table::timeline(&new, &names, zone, terminal_width(), true);
        // The header was printed with the first entries.
        let body: String = rows.lines().skip(1).map(|l| format!("{l}\n")).collect();
        ctx.print(&body)
    })
}
