//! `inc reopen`: open a resolved incident again.

use anyhow::Result;

use super::{Context, change};
use crate::model::IncidentRef;
use crate::report::text::incident_label;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc reopen
  inc reopen 12"#)]
pub struct Args {
    /// The incident, such as 12 or #12 [default: the one last opened or chosen with `inc use`]
    #[arg(value_name = "ID", add = clap_complete::ArgValueCompleter::new(crate::commands::completions::resolved_incident_ids))]
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let target = IncidentRef::parse(args.id.as_deref(), IncidentRef::Selected)?;
    change(
        ctx,
        target,
        crate::model::Incident::reopen,
        |incident, _, _| format!("{} reopened: {}", incident_label(incident), incident.status),
    )
}
