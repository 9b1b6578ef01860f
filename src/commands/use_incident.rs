//! `inc use`: make an incident the current one.

use anyhow::Result;

use super::Context;
use crate::model::parse_incident_id;
use crate::report::text::incident_name;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc use 12
  inc use '#12'"#)]
pub struct Args {
    /// The incident, such as 12 or #12; it must be open
    #[arg(value_name = "ID", add = clap_complete::ArgValueCompleter::new(crate::commands::completions::open_incident_ids))]
    pub id: String,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let id = parse_incident_id(&args.id)?;
    let incident = ctx.store_for_change()?.select_incident(id)?;
    ctx.say(&format!("now on {}", incident_name(&incident)))
}
