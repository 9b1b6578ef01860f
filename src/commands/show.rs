//! `inc show`: one incident's status board.

use anyhow::Result;

use super::{Context, terminal_width};
use crate::model::{IncidentRef, parse_incident_id};
use crate::report::{board, json};

/// How many timeline entries the board shows.
const LATEST: usize = 5;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The incident [default: the current incident]
    #[arg(value_name = "ID")]
    pub id: Option<String>,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let target = IncidentRef::or(
        args.id.as_deref().map(parse_incident_id).transpose()?,
        IncidentRef::Viewing,
    );
    let zone = ctx.zone()?;
    let store = ctx.store_read()?;
    let incident = store.incident(target)?;
    let latest = store.timeline(incident.id, Some(LATEST))?;
    if args.json {
        return ctx.print(&json::incident(&incident, &latest, ctx.now()));
    }
    let total = store.timeline_len(incident.id)?;
    ctx.print(&board::status_board(
        &incident,
        &latest,
        total,
        ctx.now(),
        &zone,
        terminal_width(),
    ))
}
