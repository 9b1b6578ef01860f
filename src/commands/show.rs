//! `inc show`: one incident's status board.

use anyhow::Result;

use super::{Context, Shown};
use crate::report::text::Names;
use crate::report::{board, json};

/// How many timeline entries the board shows.
const LATEST: usize = 5;

/// What `inc show --help` ends with (see where the command is declared).
pub const EXAMPLES: &str = r#"Examples:
  inc show
  inc show 12
  inc show --json"#;

pub fn run(ctx: &Context, args: &Shown) -> Result<()> {
    let target = args.incident.target()?;
    let zone = ctx.zone()?;
    let (incident, assignments, latest, refs, total, checklist) =
        ctx.store_read()?.snapshot(|store| {
            let incident = store.incident(target)?;
            let assignments = store.assignments(incident.id)?;
            let latest = store.timeline(incident.id, Some(LATEST))?;
            let refs = store.entry_refs(incident.id, &latest)?;
            let total = store.timeline_len(incident.id)?;
            let checklist = store.checklist(incident.id)?;
            Ok((incident, assignments, latest, refs, total, checklist))
        })?;
    if args.json {
        let names = Names {
            refs: refs.clone(),
            ..Names::default()
        };
        return ctx.print(&json::incident(
            &incident,
            &assignments,
            (&latest, &names),
            &checklist,
            ctx.now(),
        ));
    }
    let mut out = board::status_board(
        &incident,
        &assignments,
        &board::Latest {
            entries: &latest,
            names: &Names {
                refs,
                ..Names::default()
            },
            total,
        },
        ctx.now(),
        zone,
        ctx.screen(),
    );
    out.push_str(&board::checklist(&incident, &checklist, zone));
    ctx.print(&out)
}
